#!/usr/bin/env bash
# Бенчмарк nastavnik против Hugo на сгенерированном сайте (scripts/gen-site.py).
#
#   bash scripts/bench.sh [--pages 5000] [--full-schools 1000] [--memory-schools 10000]
#                         [--bin build/nastavnik] [--jobs N] [--work ПАПКА] [--seed 1] [--keep]
#                         [--repeat 5]
#
# Часть 1 (--pages, 0 — пропустить): один сайт ≈ P страниц Markdown собирают
#   Hugo (Debian, простые шаблоны того же вида, пишутся во временную папку),
#   nastavnik --formats html и nastavnik полностью (html, pdf, xlsx);
#   затем повторная сборка без изменений и после изменения одной страницы — у обоих;
#   затем (--repeat R, 0 — пропустить) R чередующихся чистых сборок html: Hugo, nastavnik, Hugo…
#   и медианы их стенного времени (одиночный замер на общей машине колеблется на 10–30 %).
# Часть 2 (--full-schools M, 0 — пропустить): полная сборка сайта из M школ.
# Часть 3 (--memory-schools K, 0 — пропустить): пиковая память на K школах (html и полная).
# Печатает таблицу: стенное время, процессорное время (user+sys), пиковая память (max RSS),
# страниц Markdown в секунду и отношения к Hugo. Время и память — /usr/bin/time (пакет time).
set -euo pipefail
cd "$(dirname "$0")/.."

PAGES=5000 FULL_SCHOOLS=0 MEM_SCHOOLS=0 BIN=build/nastavnik JOBS="" WORK="" SEED=1 KEEP=0 REPEAT=5
while [ $# -gt 0 ]; do
  case "$1" in
    --pages) PAGES=$2; shift 2 ;;
    --full-schools) FULL_SCHOOLS=$2; shift 2 ;;
    --memory-schools) MEM_SCHOOLS=$2; shift 2 ;;
    --bin) BIN=$2; shift 2 ;;
    --jobs) JOBS=$2; shift 2 ;;
    --work) WORK=$2; shift 2 ;;
    --seed) SEED=$2; shift 2 ;;
    --keep) KEEP=1; shift ;;
    --repeat) REPEAT=$2; shift 2 ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) echo "bench.sh: неизвестный аргумент $1" >&2; exit 2 ;;
  esac
done

for tool in hugo /usr/bin/time python3; do
  command -v "$tool" >/dev/null || { echo "bench.sh: нет $tool (apt-get install -y hugo time python3)" >&2; exit 1; }
done
[ -x "$BIN" ] || { echo "bench.sh: нет исполняемого файла $BIN (соберите: cmake --build build)" >&2; exit 1; }
BIN=$(readlink -f "$BIN")
JOBARG=()
[ -n "$JOBS" ] && JOBARG=(--jobs "$JOBS")
if [ -z "$WORK" ]; then WORK=$(mktemp -d /tmp/nastavnik-bench.XXXXXX); fi
mkdir -p "$WORK"
[ "$KEEP" = 1 ] || trap 'rm -rf "$WORK"' EXIT

ROWS=()        # строки таблицы
HUGO_WALL="" HUGO_CPU="" HUGO_RSS=""

# measure NAME PAGES CMD… — запускает команду под /usr/bin/time, добавляет строку в таблицу.
measure() {
  local name=$1 pages=$2; shift 2
  local tf="$WORK/time.txt" log="$WORK/cmd.log"
  sync
  if ! /usr/bin/time -f '%e %U %S %M' -o "$tf" "$@" >"$log" 2>&1; then
    echo "bench.sh: команда не удалась: $*" >&2
    tail -20 "$log" >&2
    exit 1
  fi
  read -r wall user sys rss <"$tf"
  local load
  load=$(cut -d' ' -f1 /proc/loadavg)  # other work on the machine skews the wall time: recorded
  local cpu mib rate
  cpu=$(python3 -c "print(f'{$user+$sys:.2f}')")
  mib=$(python3 -c "print(f'{$rss/1024:.0f}')")
  rate=$(python3 -c "print(f'{$pages/max($wall,0.01):.0f}')")
  LAST_WALL=$wall LAST_CPU=$cpu LAST_RSS=$mib
  local ratio="—"
  if [ -n "$HUGO_WALL" ] && [[ $name != hugo* ]]; then
    ratio=$(python3 -c "print(f'{$HUGO_WALL/max($wall,0.001):.1f}× быстрее, {$mib/$HUGO_RSS:.2f} памяти')")
  fi
  ROWS+=("$(printf '| %-44s | %6s | %8s | %8s | %8s | %8s | %5s | %s |' "$name" "$pages" "$wall" "$cpu" "$mib" "$rate" "$load" "$ratio")")
  printf '  %-44s %7ss стена, %7ss ЦП, %6s МиБ, загрузка %s\n' "$name" "$wall" "$cpu" "$mib" "$load" >&2
}

# Простые шаблоны Hugo того же вида, что у nastavnik: шапка, меню разделов, «хлебные крошки»,
# содержимое, подвал; списки разделов — заголовок, дата, аннотация.
make_hugo() {
  local site=$1 dir=$2
  mkdir -p "$dir/layouts/_default" "$dir/data" "$dir/static"
  cat >"$dir/config.toml" <<EOF
baseURL = "https://region.example/nastavnichestvo/"
languageCode = "ru"
title = "Наставничество в образовательных организациях Синтетического района"
contentDir = "$site/content"
dataDir = "$dir/data"
disableKinds = ["taxonomy", "term", "RSS"]
[markup.goldmark.extensions]
typographer = true
EOF
  cat >"$dir/layouts/_default/baseof.html" <<'EOF'
<!DOCTYPE html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} — {{ .Site.Title }}</title>
{{ with .Description }}<meta name="description" content="{{ . }}">{{ end }}
<link rel="canonical" href="{{ .Permalink }}">
<link rel="stylesheet" href="{{ "assets/style.css" | relURL }}">
</head>
<body>
<a class="skip" href="#main">Перейти к содержанию</a>
<header class="site-header"><div class="wrap">
<p class="site-title"><a href="{{ .CurrentSection.RelPermalink }}">{{ .CurrentSection.Title }}</a></p>
<p class="site-subtitle">{{ .Site.Title }}</p>
</div></header>
<nav class="menu" aria-label="Разделы"><div class="wrap"><ul>
{{ $s := .CurrentSection.RelPermalink }}
{{ range slice "documents" "roadmap" "pairs" "programs" "practices" "monitoring" "reports" "news" "events" }}<li><a href="{{ $s }}{{ . }}/">{{ . }}</a></li>{{ end }}
</ul></div></nav>
<main id="main" class="wrap">
<nav class="breadcrumbs" aria-label="Вы здесь"><ol>
{{ range .Ancestors.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}
<li><span aria-current="page">{{ .Title }}</span></li>
</ol></nav>
{{ block "main" . }}{{ end }}
</main>
<footer class="site-footer"><div class="wrap"><p>{{ .Site.Title }}</p><p class="muted">Сведения на {{ now.Format "02.01.2006" }}</p></div></footer>
</body>
</html>
EOF
  cat >"$dir/layouts/_default/single.html" <<'EOF'
{{ define "main" }}
<article class="page">
<h1>{{ .Title }}</h1>
{{ with .Params.number }}<p class="subtitle">№ {{ . }}{{ with $.Date }} от {{ .Format "02.01.2006" }}{{ end }}</p>{{ end }}
{{ .Content }}
</article>
{{ end }}
EOF
  cat >"$dir/layouts/_default/list.html" <<'EOF'
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<ul class="list">
{{ range .RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ if not .Date.IsZero }} <span class="date">{{ .Date.Format "02.01.2006" }}</span>{{ end }}{{ with .Params.summary }}<p>{{ . }}</p>{{ end }}</li>
{{ end }}
</ul>
{{ end }}
EOF
  cp "$dir/layouts/_default/list.html" "$dir/layouts/index.html"
}

# Одна изменённая страница: новость первой школы, к тексту добавлен абзац.
touch_one_page() {
  local f
  f=$(find "$1/content/schools" -path '*/news/*.md' | sort | sed -n 1p)  # not head: SIGPIPE under pipefail
  printf '\nДобавлен абзац для проверки пересборки после изменения одной страницы.\n' >>"$f"
}

count_md() { find "$1/content" -name '*.md' | wc -l; }

header() {
  ROWS+=("" "### $1" "" "| сборка | страниц .md | стена, с | ЦП, с | память, МиБ | стр./с (стена) | load avg | против Hugo |"
         "|---|---:|---:|---:|---:|---:|---:|---|")
}

echo "nastavnik: $("$BIN" version), hugo: $(hugo version | cut -d' ' -f2), ядер: $(nproc), папка: $WORK" >&2
ROWS+=("Машина: $(nproc) ядра, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/{print $2}') ГиБ; $(date -u '+%Y-%m-%d %H:%M UTC'); uptime: $(uptime | sed 's/^ *//')")

if [ "$PAGES" -gt 0 ]; then
  python3 scripts/gen-site.py --pages "$PAGES" --seed "$SEED" --out "$WORK/site" >&2
  MD=$(count_md "$WORK/site")
  header "Сайт ≈ $PAGES страниц ($(ls "$WORK/site/data/schools" | wc -l) школ)"
  make_hugo "$WORK/site" "$WORK/hugo"
  H=(hugo --quiet --source "$WORK/hugo" --destination "$WORK/hugo-out")
  rm -rf "$WORK/hugo-out" "$WORK/hugo/resources"
  measure "hugo (чистая сборка)" "$MD" "${H[@]}"
  HUGO_WALL=$LAST_WALL HUGO_CPU=$LAST_CPU HUGO_RSS=$LAST_RSS
  HUGO_HTML=$(find "$WORK/hugo-out" -name '*.html' | wc -l)
  N=("$BIN" build --site "$WORK/site" "${JOBARG[@]}" --quiet)
  measure "nastavnik --formats html (чистая сборка)" "$MD" "${N[@]}" --out "$WORK/out-html" --formats html
  N_HTML=$(find "$WORK/out-html/site" -name '*.html' | wc -l)
  measure "nastavnik html, pdf, xlsx (чистая сборка)" "$MD" "${N[@]}" --out "$WORK/out-full"
  N_PDF=$(find "$WORK/out-full/site" -name '*.pdf' | wc -l)
  N_XLSX=$(find "$WORK/out-full" -name '*.xlsx' | wc -l)
  # Повторные сборки: без изменений, затем после изменения одной страницы.
  HUGO_WALL=""
  measure "hugo: повторная, без изменений" "$MD" "${H[@]}"
  HUGO_WALL=$LAST_WALL HUGO_RSS=$LAST_RSS
  measure "nastavnik html: повторная, без изменений" "$MD" "${N[@]}" --out "$WORK/out-html" --formats html
  measure "nastavnik полная: повторная, без изменений" "$MD" "${N[@]}" --out "$WORK/out-full"
  touch_one_page "$WORK/site"
  HUGO_WALL=""
  measure "hugo: после изменения одной страницы" "$MD" "${H[@]}"
  HUGO_WALL=$LAST_WALL HUGO_RSS=$LAST_RSS
  measure "nastavnik html: после изменения одной страницы" "$MD" "${N[@]}" --out "$WORK/out-html" --formats html
  measure "nastavnik полная: после изменения одной страницы" "$MD" "${N[@]}" --out "$WORK/out-full"
  ROWS+=("" "Файлов HTML: Hugo $HUGO_HTML, nastavnik $N_HTML (nastavnik строит ещё списки, пары, дорожные карты,"
         "мониторинг, мероприятия); полная сборка nastavnik: ещё $N_PDF PDF и $N_XLSX XLSX.")
  if [ "$REPEAT" -gt 0 ]; then
    # Each run writes into a new folder; none is deleted before the end: deleting thousands of
    # files makes ext4 without a journal (this machine's disk) slow to create new ones for minutes
    # (recently_deleted), which would fall on whichever tool runs next.
    HW=() NW=()
    for r in $(seq "$REPEAT"); do
      rm -rf "$WORK/hugo/resources"
      sync
      /usr/bin/time -f '%e' -o "$WORK/rep.txt" hugo --quiet --source "$WORK/hugo" --destination "$WORK/rep/hugo-$r" >/dev/null 2>&1
      HW+=("$(cat "$WORK/rep.txt")")
      sync
      /usr/bin/time -f '%e' -o "$WORK/rep.txt" "${N[@]}" --out "$WORK/rep/html-$r" --formats html >/dev/null 2>&1
      NW+=("$(cat "$WORK/rep.txt")")
      echo "  повтор $r: hugo ${HW[-1]} с, nastavnik ${NW[-1]} с" >&2
    done
    ROWS+=("" "$(python3 - "${HW[*]}" "${NW[*]}" <<'PY'
import statistics, sys
h = [float(x) for x in sys.argv[1].split()]
n = [float(x) for x in sys.argv[2].split()]
mh, mn = statistics.median(h), statistics.median(n)
print(f"Чистая сборка html, {len(h)} чередующихся прогонов, медиана стены: Hugo {mh:.2f} с "
      f"(от {min(h):.2f} до {max(h):.2f}), nastavnik {mn:.2f} с (от {min(n):.2f} до {max(n):.2f}) — "
      f"**{mh / mn:.1f}×** (по прогонам: {', '.join(f'{a / b:.1f}' for a, b in zip(h, n))}).")
PY
)")
  fi
  rm -rf "$WORK/hugo-out" "$WORK/out-html" "$WORK/out-full" "$WORK/rep"
fi

if [ "$FULL_SCHOOLS" -gt 0 ]; then
  python3 scripts/gen-site.py --schools "$FULL_SCHOOLS" --seed "$SEED" --out "$WORK/site-full" >&2
  MD=$(count_md "$WORK/site-full")
  HUGO_WALL=""
  header "$FULL_SCHOOLS школ, полная сборка"
  measure "nastavnik --formats html" "$MD" "$BIN" build --site "$WORK/site-full" "${JOBARG[@]}" --quiet --formats html --out "$WORK/out-f"
  measure "nastavnik html, pdf, xlsx" "$MD" "$BIN" build --site "$WORK/site-full" "${JOBARG[@]}" --quiet --out "$WORK/out-f"
  rm -rf "$WORK/site-full" "$WORK/out-f"
fi

if [ "$MEM_SCHOOLS" -gt 0 ]; then
  python3 scripts/gen-site.py --schools "$MEM_SCHOOLS" --seed "$SEED" --out "$WORK/site-mem" >&2
  MD=$(count_md "$WORK/site-mem")
  HUGO_WALL=""
  header "$MEM_SCHOOLS школ: пиковая память"
  measure "nastavnik --formats html" "$MD" "$BIN" build --site "$WORK/site-mem" "${JOBARG[@]}" --quiet --formats html --out "$WORK/out-m"
  rm -rf "$WORK/out-m"
  measure "nastavnik html, pdf, xlsx" "$MD" "$BIN" build --site "$WORK/site-mem" "${JOBARG[@]}" --quiet --out "$WORK/out-m"
  rm -rf "$WORK/site-mem" "$WORK/out-m"
fi

printf '%s\n' "${ROWS[@]}"
