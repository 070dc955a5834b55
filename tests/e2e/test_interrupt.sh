#!/usr/bin/env bash
# Nothing lost: a build killed with SIGKILL or interrupted with SIGINT (Ctrl+C) in the middle leaves
# the previous out/ byte for byte; the next build removes the staging folders they left; an out/ whose swap was cut short
# (left as <out>.old-<pid> of a dead process) is put back; `check` writes nothing; an --out that is the site, a source folder, /, the home folder,
# a folder holding the site or a foreign non-empty folder is refused with exit 2 and nothing deleted.
source "$(dirname "$0")/lib.sh"
SITE="$WORK/site"; OUT="$WORK/out"
mkdir -p "$SITE"; cp -r "$SRC/content" "$SRC/data" "$SITE"/  # the demo site
tree_hash() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 md5sum | md5sum | cut -d' ' -f1); }

# The previous out/: the demo as it is.
"$NK" build --site "$SITE" --out "$OUT" -q -j 2 > "$WORK/first.log" 2>&1
expect_eq "$?" 0 "первая сборка ($(head -c 300 "$WORK/first.log"))"
before=$(tree_hash "$OUT")

# A big site: every school copied ten times (80 organisations), so the build runs for a while.
for s in "$SITE"/data/schools/*/; do
  id=$(basename "$s")
  for k in $(seq 1 10); do
    cp -r "$s" "$SITE/data/schools/$id-k$k"
    [ -d "$SITE/content/schools/$id" ] && cp -r "$SITE/content/schools/$id" "$SITE/content/schools/$id-k$k"
  done
done
# kill_mid_build SIGNAL — starts a build of the big site, waits until its staging folder has files,
# sends the signal, and checks that out/ is byte for byte the previous one. The build is started
# with the default action for SIGINT (a background job of a script would otherwise ignore it), so
# SIGINT does what Ctrl+C does.
kill_mid_build() {
  local sig=$1 start pid staging
  start=$(date +%s%N)
  python3 -c 'import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execv(sys.argv[1], sys.argv[1:])' \
    "$NK" build --site "$SITE" --out "$OUT" -q -j 1 > "$WORK/big-$sig.log" 2>&1 &
  pid=$!
  staging="$OUT.staging-$pid"
  for _ in $(seq 1 600); do
    [ -d "$staging" ] && [ "$(find "$staging" -type f 2>/dev/null | head -30 | wc -l)" -ge 30 ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
  if kill -0 "$pid" 2>/dev/null; then
    kill -s "$sig" "$pid"; wait "$pid"; local rc=$?
    echo "сборка прервана сигналом $sig через $(( ($(date +%s%N) - start) / 1000000 )) мс (код $rc), во временной папке $(find "$staging" -type f | wc -l) файлов"
    local want=137; [ "$sig" = INT ] && want=130
    expect_eq "$rc" "$want" "код завершения сборки, прерванной сигналом $sig"
  else
    wait "$pid"; fail "большая сборка закончилась раньше, чем её успели прервать сигналом $sig"
  fi
  expect_eq "$(tree_hash "$OUT")" "$before" "out/ после сборки, прерванной сигналом $sig"
  [ -d "$staging" ] && pass || fail "прерванная ($sig) сборка не оставила временной папки (тест ничего не проверил)"
  STAGING=$staging
}
# The killed builds' own temporary folder: their workbook files are in their staging folders, not here.
export TMPDIR="$WORK/tmp"; mkdir -p "$TMPDIR"
kill_mid_build KILL
killed_staging=$STAGING
kill_mid_build INT
int_staging=$STAGING
expect_eq "$(ls -A "$TMPDIR" | tr '\n' ' ')" "" "файлы прерванных сборок во временной папке системы"
unset TMPDIR
# The next build (here one that fails in the render stage, below) removes both leftovers.

# A dead pid (a finished child) for folders of builds that were killed.
dead=$(sh -c 'echo $$')
while kill -0 "$dead" 2>/dev/null; do dead=$(sh -c 'echo $$'); done

# The swap was cut between its two renames: out/ is <out>.old-<dead pid>. A build that fails in the
# render stage (a contact in a page) still cleans up: out/ is back, nothing else is left.
rm -rf "$SITE"; mkdir -p "$SITE"; cp -r "$SRC/content" "$SRC/data" "$SITE"/
phone=$(python3 -c "import json,glob
for f in sorted(glob.glob('$SITE/data/schools/*/people.json')):
  for p in json.load(open(f)):
    ph=p.get('contacts',{}).get('phone','')
    if len(ph)>5: print(ph); raise SystemExit")
mkdir -p "$SITE/content/news"
printf -- '---\ntitle: Телефон\ndate: 2024-01-01\n---\nЗвоните: %s\n' "$phone" > "$SITE/content/news/2024-01-01-telefon.md"
mv "$OUT" "$OUT.old-$dead"
mkdir -p "$OUT.staging-$dead/site"; echo x > "$OUT.staging-$dead/site/x.html"
"$NK" build --site "$SITE" --out "$OUT" -q > "$WORK/fail.log" 2>&1
expect_eq "$?" 1 "сборка с телефоном в новости"
expect_contains "$WORK/fail.log" "персональные данные в публичном файле"
expect_eq "$(tree_hash "$OUT")" "$before" "out/ возвращён из $OUT.old-<pid> и не изменён"
left=$(ls -d "$OUT".staging-* "$OUT".old-* 2>/dev/null | tr '\n' ' ')
expect_eq "$left" "" "временные папки после неудачной сборки (убитые сигналами KILL и INT тоже)"
[ ! -e "$killed_staging" ] && [ ! -e "$int_staging" ] && pass || fail "остались папки прерванных сборок"

# The killed build's staging folder is gone after the next successful build too.
staging=$killed_staging
mkdir -p "$staging/site"
rm "$SITE/content/news/2024-01-01-telefon.md"
"$NK" build --site "$SITE" --out "$OUT" -q > "$WORK/next.log" 2>&1
expect_eq "$?" 0 "следующая сборка ($(head -c 300 "$WORK/next.log"))"
left=$(ls -d "$OUT".staging-* "$OUT".old-* 2>/dev/null | tr '\n' ' ')
expect_eq "$left" "" "временные папки после следующей сборки"
expect_file "$OUT/manifest.json"

# Renderers' temporary files (workbooks) go to the staging folder, not to the system's temporary
# folder: a build works when that one cannot be written, and nothing of them reaches out/.
TMPDIR=/proc "$NK" build --site "$SITE" --out "$OUT" -q > "$WORK/tmpdir.log" 2>&1
expect_eq "$?" 0 "сборка с TMPDIR, куда нельзя писать ($(head -c 300 "$WORK/tmpdir.log"))"
expect_file "$OUT/site/summary.xlsx"
[ ! -e "$OUT/tmp" ] && pass || fail "временная папка рендереров попала в out/"

# A staging folder of a running build (this shell's pid) is never touched.
mkdir -p "$OUT.staging-$$/site"
"$NK" build --site "$SITE" --out "$OUT" -q > /dev/null 2>&1
[ -d "$OUT.staging-$$" ] && pass || fail "удалена временная папка живого процесса"
rm -rf "$OUT.staging-$$"

# check renders workbooks to validate them in a private folder of the system's temporary folder,
# removed afterwards; a TMPDIR that cannot be written does not fail it (it falls back to /tmp).
mkdir -p "$WORK/tmpc"
TMPDIR="$WORK/tmpc" "$NK" check --site "$SRC" > "$WORK/check-tmp.log" 2>&1
expect_eq "$?" 0 "check демо ($(tail -c 300 "$WORK/check-tmp.log"))"
expect_eq "$(ls -A "$WORK/tmpc" | tr '\n' ' ')" "" "файлы check во временной папке после проверки"
TMPDIR=/proc "$NK" check --site "$SRC" > "$WORK/check-proc.log" 2>&1
expect_eq "$?" 0 "check с TMPDIR, куда нельзя писать ($(grep -m3 ошибка "$WORK/check-proc.log"))"

# check writes nothing: neither out/ nor anything else in the site.
h1=$(tree_hash "$SITE"); o1=$(tree_hash "$OUT")
"$NK" check --site "$SITE" > "$WORK/check.log" 2>&1
expect_eq "$(tree_hash "$SITE")" "$h1" "папка сайта после check"
expect_eq "$(tree_hash "$OUT")" "$o1" "out/ после check"
[ ! -e "$SITE/out" ] && pass || fail "check создал $SITE/out"
# The tool refuses an --out it could destroy data with (exit 2), and deletes nothing there.
H="$WORK/home"; mkdir -p "$H"; echo keep > "$H/keep.txt"
refuse() {  # refuse WHAT MESSAGE ARGS…
  local what=$1 msg=$2; shift 2
  HOME="$H" "$NK" build --site "$SITE" "$@" -q > "$WORK/refuse.out" 2> "$WORK/refuse.err"
  expect_eq "$?" 2 "--out $what: код выхода ($(head -c 200 "$WORK/refuse.err"))"
  expect_contains "$WORK/refuse.err" "nastavnik: неверный вызов: $msg"
}
h_site=$(tree_hash "$SITE")
refuse "= папка сайта" "папка результата не может совпадать с папкой сайта" --out "$SITE"
refuse "= папка сайта (через ..)" "папка результата не может совпадать с папкой сайта" --out "$SITE/content/.."
refuse "= /" "папка результата не может быть корнем файловой системы" --out /
refuse "= \$HOME" "папка результата не может быть домашней папкой" --out "$H"
refuse "= data/" "папка результата не может лежать в исходной папке data/" --out "$SITE/data"
refuse "в content/" "папка результата не может лежать в исходной папке content/" --out "$SITE/content/out"
refuse "в templates/" "папка результата не может лежать в исходной папке templates/" --out "$SITE/templates/x"
refuse "над папкой сайта" "папка сайта лежит внутри папки результата" --out "$(dirname "$SITE")"
mkdir -p "$WORK/foreign"; echo mine > "$WORK/foreign/notes.txt"
refuse "= чужая непустая папка" "папка $WORK/foreign не пуста и не похожа на результат nastavnik" --out "$WORK/foreign"
expect_eq "$(tree_hash "$SITE")" "$h_site" "папка сайта после отказов"
expect_file "$H/keep.txt"
expect_file "$WORK/foreign/notes.txt"
# (cd "$SITE") with the default --out: out/ inside the site is the normal case.
nk_abs=$(realpath "$NK")
(cd "$SITE" && HOME="$H" "$nk_abs" build -q > "$WORK/default.log" 2>&1)
expect_eq "$?" 0 "сборка с --out по умолчанию ($(head -c 200 "$WORK/default.log"))"
expect_file "$SITE/out/manifest.json"
finish
