#!/usr/bin/env bash
# The demo site in a real browser (issue 7): builds the demo, installs the browser-test tools from
# npm exactly as tests/browser/package-lock.json pins them (playwright-core, axe-core, vnu-jar) and
# runs tests/browser/browser_test.js with Debian's chromium and Java:
#   - the Nu HTML Checker over every HTML file of out/site: no errors;
#   - axe-core (WCAG 2.0/2.1 A and AA) on every page — department and school landings, documents,
#     document pages, roadmaps, pairs, monitoring with charts, news, search, 404 — and on several
#     pages in each colour scheme of the version for visually impaired users at 200 %: no violations;
#   - headings, landmarks, skip link, table header scope, chart text alternatives, visible focus;
#   - no horizontal scrolling at 320 px, at 200 % zoom and at 200 % font size;
#   - the version for visually impaired users remembered across pages, the page without JavaScript;
#   - search: «наставников» finds the pages with «наставник».
# Screenshots (320 px, 1280 px, the accessible version) stay in <scratch>/artifacts.
# Then a negative control: a copy of the site with one fault of each kind must fail each check.
# Usage: test_browser.sh <nastavnik> <source dir> <scratch dir>. Exits 1 on any failure.
source "$(dirname "$0")/lib.sh"
SRC=$(realpath "$SRC"); NK=$(realpath "$NK"); WORK=$(realpath "$WORK")
ART="$WORK/artifacts"
export CHROMIUM=${CHROMIUM:-/usr/bin/chromium}

missing=""
for tool in node npm java "$CHROMIUM" python3; do
  command -v "$tool" >/dev/null || missing+=" $tool"
done
if [ -n "$missing" ]; then
  fail "нет программ:$missing (bash scripts/setup.sh --tests ставит nodejs, npm, default-jre-headless, chromium)"
  finish; exit
fi

# ---- 1. The npm tools, pinned by the lock file (npm ci), kept next to the scratch folder and
#         reinstalled only when the lock file changes. --ignore-scripts: vnu-jar's postinstall would
#         fetch a Java runtime; the test uses Debian's default-jre-headless instead.
TOOLS="$WORK.npm"
lock_sum=$(cat "$SRC/tests/browser/package.json" "$SRC/tests/browser/package-lock.json" | sha256sum | cut -d' ' -f1)
if [ "$(cat "$TOOLS/.lock-sum" 2>/dev/null)" != "$lock_sum" ] || [ ! -d "$TOOLS/node_modules" ]; then
  rm -rf "$TOOLS"; mkdir -p "$TOOLS"
  cp "$SRC/tests/browser/package.json" "$SRC/tests/browser/package-lock.json" "$TOOLS/"
  if (cd "$TOOLS" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) > "$WORK/npm.log" 2>&1; then
    echo "$lock_sum" > "$TOOLS/.lock-sum"
  else
    cat "$WORK/npm.log"
    fail "npm ci в $TOOLS не удался"
    finish; exit
  fi
fi
# The script runs from the tools folder, so require() finds exactly the pinned modules.
cp "$SRC/tests/browser/browser_test.js" "$TOOLS/browser_test.js"
for m in playwright-core axe-core vnu-jar; do
  want=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['packages']['node_modules/$m']['version'])" "$SRC/tests/browser/package-lock.json")
  got=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['version'])" "$TOOLS/node_modules/$m/package.json" 2>/dev/null)
  expect_eq "$got" "$want" "версия $m из npm ci"
done

# ---- 2. The demo site ----
OUT="$WORK/out"
if ! "$NK" build --site "$SRC" --out "$OUT" --formats html -q > "$WORK/build.log" 2>&1; then
  cat "$WORK/build.log"; fail "демо-сайт не собрался"; finish; exit
fi
SITE="$OUT/site"
n_html=$(find "$SITE" -name '*.html' | wc -l)
# Every page type the issue names is there (and the monitoring page has its charts).
for p in index.html schools/sosh-1/index.html documents/index.html schools/sosh-1/roadmap.html \
         schools/sosh-1/pairs.html monitoring.html schools/sosh-1/monitoring.html news/index.html \
         search.html 404.html; do
  expect_file "$SITE/$p"
done
expect_contains "$SITE/monitoring.html" "<svg"
expect_contains "$SITE/schools/sosh-1/monitoring.html" "<svg"
[ -n "$(find "$SITE/orders" -name '*.html' ! -name index.html | head -1)" ] && pass || fail "нет страницы документа orders/*.html"

# ---- 3. The browser checks ----
(cd "$TOOLS" && node browser_test.js "$SITE" "$ART" "$WORK/counts.txt") > "$WORK/browser.log" 2>&1
rc=$?
cat "$WORK/browser.log"
expect_eq "$rc" 0 "browser_test.js: код выхода"
read -r b_pass b_fail < "$WORK/counts.txt" 2>/dev/null || { b_pass=0; b_fail=1; }
expect_eq "$b_fail" 0 "browser_test.js: проваленных проверок"
[ "${b_pass:-0}" -ge $((n_html * 8)) ] && pass || fail "browser_test.js: всего ${b_pass:-0} проверок на $n_html страниц (проверки пропущены?)"
# Every HTML file went through the Nu HTML Checker and axe-core.
expect_contains "$WORK/browser.log" "Nu HTML Checker: $n_html файлов, ошибок 0"
expect_contains "$WORK/browser.log" "$n_html страниц, с нарушениями 0"

# Screenshots kept as artifacts, at the width they claim (320 px × 2 device pixels; 1280 px).
png_width() { python3 -c "import struct,sys; d=open(sys.argv[1],'rb').read(24); print(struct.unpack('>I', d[16:20])[0] if d[:8]==b'\x89PNG\r\n\x1a\n' else 0)" "$1" 2>/dev/null || echo 0; }
for s in index_html schools_sosh-1_index_html monitoring_html schools_sosh-1_roadmap_html documents_index_html; do
  expect_eq "$(png_width "$ART/320-$s.png")" 640 "ширина снимка 320-$s.png"
  expect_eq "$(png_width "$ART/1280-$s.png")" 1280 "ширина снимка 1280-$s.png"
done
for s in a11y-wb-200-sosh-1_monitoring a11y-bw-200-320-sosh-1_index a11y-blue-150-index a11y-bw-noimg-news \
         search-nastavnikov nojs-sosh-1_pairs; do
  expect_file "$ART/$s.png"
done
echo "снимки экрана: $ART ($(find "$ART" -name '*.png' | wc -l) файлов)"

# ---- 4. Negative control: the checks catch real faults ----
# A copy of the site with: an image without alt and a duplicate id (vnu), light-grey text (axe
# contrast), a wide block (horizontal scrolling at 320 px), a skipped heading level. A smaller run:
# browser_test.js checks only the pages named in NK_ONLY.
BAD="$WORK/bad-site"
rm -rf "$BAD"; cp -r "$SITE" "$BAD"
python3 - "$BAD/schools/sosh-1/pairs.html" <<'PY'
import sys
p = sys.argv[1]; s = open(p, encoding='utf-8').read()
bad = ('<p style="color:#bbb">Бледный текст</p><p id="main">Повтор id</p>'
       '<div style="width:900px">Широкий блок</div><h4>Пропуск уровня</h4><img src="x.png">')
s = s.replace('</h1>', '</h1>' + bad, 1)
open(p, 'w', encoding='utf-8').write(s)
PY
(cd "$TOOLS" && NK_ONLY="schools/sosh-1/pairs.html" node browser_test.js "$BAD" "$WORK/bad-artifacts" "$WORK/bad-counts.txt") > "$WORK/bad.log" 2>&1
bad_rc=$?
expect_eq "$bad_rc" 1 "browser_test.js на испорченной копии: код выхода"
expect_contains "$WORK/bad.log" "color-contrast"
expect_contains "$WORK/bad.log" "Duplicate ID"
expect_contains "$WORK/bad.log" "изображений без alt"
expect_contains "$WORK/bad.log" "заголовки не по порядку: h1 → h4"
expect_contains "$WORK/bad.log" "320 px: schools/sosh-1/pairs.html шире экрана"
expect_contains "$WORK/bad.log" "FAIL: Nu HTML Checker"
finish
