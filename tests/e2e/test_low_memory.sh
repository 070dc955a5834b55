#!/usr/bin/env bash
# A large site is built and checked school by school (--low-memory; by itself above 1,000 schools):
# each school is released once loaded and checked and read again for its render. `check` must print
# the same report either way. The result must be the same
# bytes as a build that holds the whole site: the demo site and every fixture site (cross-school
# data blocks, attachments, links between schools, signatures, the department's merged bases).
# The department's merged bases of such a site are written row by row (constant memory: strings
# inline, columns at their largest width): LibreOffice must read the same cells from them.
source "$(dirname "$0")/lib.sh"
export SOURCE_DATE_EPOCH=1727654400
BASES=(baza-nastavnikov.xlsx baza-nastavlyaemyh.xlsx)
PROFILE="$WORK/lo-profile"

# same_out NAME WHOLE LOW DEPARTMENT: every file the same bytes, but a department's merged bases,
# which must hold the same cells (LibreOffice's CSV) and be streamed (inline strings), and the
# manifest, which must differ only in their sizes.
same_out() {
  local name=$1 whole=$2 low=$3 department=$4 b
  if [ "$department" = 0 ]; then
    if diff -r "$whole" "$low" > "$WORK/$name.diff"; then pass; else
      fail "--low-memory дал другой out/ для сайта $name: $(head -c 400 "$WORK/$name.diff")"; fi
    return
  fi
  if diff -r -x "${BASES[0]}" -x "${BASES[1]}" -x manifest.json "$whole" "$low" > "$WORK/$name.diff"; then pass; else
    fail "--low-memory дал другой out/ для сайта $name: $(head -c 400 "$WORK/$name.diff")"; fi
  manifest_without_bases() {
    python3 -c 'import json,sys; m=json.load(open(sys.argv[1]))
for f in m["files"]:
    if f["path"].startswith("private/baza-"): f.pop("size", None); f.pop("sha256", None)
print(json.dumps(m, sort_keys=True))' "$1"
  }
  expect_eq "$(manifest_without_bases "$low/manifest.json")" "$(manifest_without_bases "$whole/manifest.json")" "manifest.json ($name)"
  expect_eq "$(find "$low" -type f | wc -l)" "$(find "$whole" -type f | wc -l)" "число файлов ($name)"
  while IFS= read -r f; do  # the schools' bases: the same bytes
    cmp -s "$whole/$f" "$low/$f" && pass || fail "$name: $f отличается"
  done < <(cd "$whole" && find private/schools -name 'baza-*.xlsx' 2>/dev/null | sort)
  for b in "${BASES[@]}"; do
    [ -f "$whole/private/$b" ] || continue
    expect_file "$low/private/$b"
    unzip -p "$low/private/$b" xl/worksheets/sheet1.xml | grep -q 'inlineStr' && pass ||
      fail "$name: private/$b с --low-memory записана не построчно (нет inlineStr)"
    mkdir -p "$WORK/csv-$name/whole" "$WORK/csv-$name/low"
    for side in whole low; do
      local dir; [ "$side" = whole ] && dir=$whole || dir=$low
      soffice -env:UserInstallation="file://$PROFILE" --headless --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76' \
        --outdir "$WORK/csv-$name/$side" "$dir/private/$b" > "$WORK/csv-$name/$side.log" 2>&1
    done
    local csv=${b%.xlsx}.csv
    if [ -s "$WORK/csv-$name/whole/$csv" ] && cmp -s "$WORK/csv-$name/whole/$csv" "$WORK/csv-$name/low/$csv"; then pass; else
      fail "$name: LibreOffice читает private/$b по-разному: $(diff "$WORK/csv-$name/whole/$csv" "$WORK/csv-$name/low/$csv" 2>&1 | head -c 300)"; fi
  done
}
for site in "$SRC" "$SRC"/tests/sites/*/; do
  [ -f "$site/data/site.json" ] || continue  # overlays such as letterhead are built by their tests
  name=$(basename "$(cd "$site" && pwd)")
  # Built in place: --out is outside the site (a copy of the repository would drag build trees along).
  "$NK" build --site "$site" --out "$WORK/$name-whole" --jobs 2 -q > "$WORK/$name-whole.log" 2>&1
  rc_whole=$?
  "$NK" build --site "$site" --out "$WORK/$name-low" --jobs 2 -q --low-memory > "$WORK/$name-low.log" 2>&1
  rc_low=$?
  expect_eq "$rc_low" "$rc_whole" "код выхода --low-memory, сайт $name ($(head -c 300 "$WORK/$name-low.log"))"
  # check: the same report (the compliance view of a released school is made while it is whole).
  for fmt in text json; do
    "$NK" check --site "$site" --format "$fmt" > "$WORK/$name-check-whole.$fmt" 2>&1; rc_cw=$?
    "$NK" check --site "$site" --format "$fmt" --low-memory > "$WORK/$name-check-low.$fmt" 2>&1; rc_cl=$?
    expect_eq "$rc_cl" "$rc_cw" "код выхода check --low-memory ($name, $fmt)"
    if cmp -s "$WORK/$name-check-whole.$fmt" "$WORK/$name-check-low.$fmt"; then pass; else
      fail "check --low-memory --format $fmt дал другой отчёт для сайта $name: $(diff "$WORK/$name-check-whole.$fmt" "$WORK/$name-check-low.$fmt" | head -c 400)"; fi
  done
  if [ "$rc_whole" -eq 0 ]; then
    department=0; [ -d "$site/data/schools" ] && department=1
    same_out "$name" "$WORK/$name-whole" "$WORK/$name-low" "$department"
  else
    # A site with errors (the privacy fixture): the same diagnostics.
    expect_eq "$(grep -v '^Сборка прервана' "$WORK/$name-low.log" | sort)" \
              "$(grep -v '^Сборка прервана' "$WORK/$name-whole.log" | sort)" "сообщения --low-memory ($name)"
  fi
done

# The demo's department shows schools' pairs or roadmaps in detail only if its pages say so; a
# generated site with a department page that shows one school's pairs and all schools' events.
GEN="$WORK/gen"
python3 "$SRC/scripts/gen-site.py" --schools 4 --news 2 --out "$GEN" > "$WORK/gen.log" 2>&1
expect_eq "$?" 0 "генератор сайта ($(cat "$WORK/gen.log"))"
school=$(ls "$GEN/data/schools" | sort | head -1)
mkdir -p "$GEN/content/pages"
cat > "$GEN/content/pages/svod.md" <<MD
---
title: Пары одной школы и мероприятия всех
---
\`\`\`nastavnik
table: pairs
org: $school
\`\`\`

\`\`\`nastavnik
table: events
org: all
\`\`\`
MD
"$NK" build --site "$GEN" --out "$WORK/gen-whole" --jobs 2 -q > "$WORK/gen-whole.log" 2>&1
expect_eq "$?" 0 "сборка сгенерированного сайта ($(head -c 300 "$WORK/gen-whole.log"))"
"$NK" build --site "$GEN" --out "$WORK/gen-low" --jobs 2 -q --low-memory > "$WORK/gen-low.log" 2>&1
expect_eq "$?" 0 "сборка --low-memory ($(head -c 300 "$WORK/gen-low.log"))"
same_out gen "$WORK/gen-whole" "$WORK/gen-low" 1
expect_contains "$WORK/gen-low/site/pages/svod.html" "Наставнические пары"
finish
