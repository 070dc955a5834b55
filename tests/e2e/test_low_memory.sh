#!/usr/bin/env bash
# A large site is built school by school (--low-memory; by itself above 1,000 schools): each school
# is released once loaded and checked and read again for its render. The result must be the same
# bytes as a build that holds the whole site: the demo site and every fixture site (cross-school
# data blocks, attachments, links between schools, signatures, the department's merged bases).
# A school whose files change between loading and its render fails the build with a message.
source "$(dirname "$0")/lib.sh"
export SOURCE_DATE_EPOCH=1727654400
for site in "$SRC" "$SRC"/tests/sites/*/; do
  [ -f "$site/data/site.json" ] || continue  # overlays such as letterhead are built by their tests
  name=$(basename "$(cd "$site" && pwd)")
  copy_site "$site" "$WORK/$name"
  "$NK" build --site "$WORK/$name" --out "$WORK/$name-whole" --jobs 2 -q > "$WORK/$name-whole.log" 2>&1
  rc_whole=$?
  "$NK" build --site "$WORK/$name" --out "$WORK/$name-low" --jobs 2 -q --low-memory > "$WORK/$name-low.log" 2>&1
  rc_low=$?
  expect_eq "$rc_low" "$rc_whole" "код выхода --low-memory, сайт $name ($(head -c 300 "$WORK/$name-low.log"))"
  if [ "$rc_whole" -eq 0 ]; then
    if diff -r "$WORK/$name-whole" "$WORK/$name-low" > "$WORK/$name.diff"; then pass; else
      fail "--low-memory дал другой out/ для сайта $name: $(head -c 400 "$WORK/$name.diff")"; fi
    expect_eq "$(find "$WORK/$name-low" -type f | wc -l)" "$(find "$WORK/$name-whole" -type f | wc -l)" "число файлов ($name)"
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
if diff -r "$WORK/gen-whole" "$WORK/gen-low" > "$WORK/gen.diff"; then pass; else
  fail "--low-memory: другой out/ со сводной страницей: $(head -c 400 "$WORK/gen.diff")"; fi
expect_contains "$WORK/gen-low/site/pages/svod.html" "Наставнические пары"
finish
