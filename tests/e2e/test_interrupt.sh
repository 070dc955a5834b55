#!/usr/bin/env bash
# Nothing lost: a build killed with SIGKILL in the middle leaves the previous out/ byte for byte;
# the next build removes the staging folder the killed one left; an out/ whose swap was cut short
# (left as <out>.old-<pid> of a dead process) is put back; `check` writes nothing.
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
start=$(date +%s%N)
"$NK" build --site "$SITE" --out "$OUT" -q -j 1 > "$WORK/big.log" 2>&1 &
pid=$!
# Wait until the staging folder has some files in it, then kill without a chance to clean up.
staging="$OUT.staging-$pid"
for _ in $(seq 1 600); do
  [ -d "$staging" ] && [ "$(find "$staging" -type f 2>/dev/null | head -30 | wc -l)" -ge 30 ] && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.05
done
if kill -0 "$pid" 2>/dev/null; then
  kill -9 "$pid"; wait "$pid" 2>/dev/null
  echo "сборка убита через $(( ($(date +%s%N) - start) / 1000000 )) мс, во временной папке $(find "$staging" -type f | wc -l) файлов"
  pass
else
  wait "$pid"; fail "большая сборка закончилась раньше, чем её успели прервать"
fi
expect_eq "$(tree_hash "$OUT")" "$before" "out/ после прерванной сборки"
[ -d "$staging" ] && pass || fail "убитая сборка не оставила временной папки (тест ничего не проверил)"

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
expect_eq "$left" "" "временные папки после неудачной сборки"

# The killed build's staging folder is gone after the next successful build too.
mkdir -p "$staging/site"
rm "$SITE/content/news/2024-01-01-telefon.md"
"$NK" build --site "$SITE" --out "$OUT" -q > "$WORK/next.log" 2>&1
expect_eq "$?" 0 "следующая сборка ($(head -c 300 "$WORK/next.log"))"
left=$(ls -d "$OUT".staging-* "$OUT".old-* 2>/dev/null | tr '\n' ' ')
expect_eq "$left" "" "временные папки после следующей сборки"
expect_file "$OUT/manifest.json"

# A staging folder of a running build (this shell's pid) is never touched.
mkdir -p "$OUT.staging-$$/site"
"$NK" build --site "$SITE" --out "$OUT" -q > /dev/null 2>&1
[ -d "$OUT.staging-$$" ] && pass || fail "удалена временная папка живого процесса"
rm -rf "$OUT.staging-$$"

# check writes nothing: neither out/ nor anything else in the site.
h1=$(tree_hash "$SITE"); o1=$(tree_hash "$OUT")
"$NK" check --site "$SITE" > "$WORK/check.log" 2>&1
expect_eq "$(tree_hash "$SITE")" "$h1" "папка сайта после check"
expect_eq "$(tree_hash "$OUT")" "$o1" "out/ после check"
[ ! -e "$SITE/out" ] && pass || fail "check создал $SITE/out"
finish
