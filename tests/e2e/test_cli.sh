#!/usr/bin/env bash
# The command line of a build: --timings prints every stage in Russian (to stderr); the progress
# line shows on a terminal only (not when stderr is a pipe or a file, not with --quiet); --jobs 1
# and --jobs 2 give byte-identical out/ trees; a rebuild without changes takes the unchanged files
# from the previous out/ (hard links) and gives the same tree; a wrong --jobs is exit 2.
source "$(dirname "$0")/lib.sh"
SITE="$WORK/site"
# A generated site: a department and six schools (tables, lists, news), so that there is work to share.
python3 "$SRC/scripts/gen-site.py" --schools 6 --news 4 --out "$SITE" > "$WORK/gen.log" 2>&1
expect_eq "$?" 0 "генератор сайта ($(cat "$WORK/gen.log"))"
export SOURCE_DATE_EPOCH=1727654400  # 2024-09-30: PDFs and pages do not depend on the day of the run
tree_hash() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 md5sum | md5sum | cut -d' ' -f1); }

# --timings: the stages, in Russian, on stderr; stdout keeps the summary.
"$NK" build --site "$SITE" --out "$WORK/out1" --jobs 1 --timings > "$WORK/t.out" 2> "$WORK/t.err"
expect_eq "$?" 0 "сборка с --timings ($(head -c 300 "$WORK/t.err"))"
for stage in "Время этапов (потоков: 1):" "загрузка и проверка:" "фильтр персональных данных:" "шаблоны:" "организации:" \
             "html (сумма по потокам):" "pdf (сумма по потокам):" "xlsx (сумма по потокам):" \
             "общие файлы сайта" "манифест:" "публикация:" "всего:"; do
  expect_contains "$WORK/t.err" "$stage"
done
grep -qE '^  всего: [0-9]+ мс$' "$WORK/t.err" && pass || fail "нет строки «всего: N мс» в $WORK/t.err"
expect_not_contains "$WORK/t.out" "загрузка:"
expect_contains "$WORK/t.out" "Готово: 7 организаций"
# Not a terminal: no progress line (stderr here is a file).
expect_not_contains "$WORK/t.err" "Сборка: "
if grep -q $'\r' "$WORK/t.err"; then fail "в $WORK/t.err есть возврат каретки (строка хода)"; else pass; fi

# --jobs 2: the same bytes as --jobs 1.
"$NK" build --site "$SITE" --out "$WORK/out2" --jobs 2 -q > "$WORK/j2.log" 2>&1
expect_eq "$?" 0 "сборка с --jobs 2 ($(head -c 300 "$WORK/j2.log"))"
expect_eq "$(cat "$WORK/j2.log")" "" "вывод сборки с --quiet"
if diff -r "$WORK/out1" "$WORK/out2" > "$WORK/diff.txt"; then pass; else
  fail "--jobs 1 и --jobs 2 дали разные out/: $(head -c 400 "$WORK/diff.txt")"; fi
expect_eq "$(find "$WORK/out2" -type f | wc -l)" "$(find "$WORK/out1" -type f | wc -l)" "число файлов"

# A rebuild without changes: every output but the manifest comes from the previous out/.
before=$(tree_hash "$WORK/out2")
"$NK" build --site "$SITE" --out "$WORK/out2" --jobs 2 --quiet --timings > /dev/null 2> "$WORK/re.err"
expect_eq "$?" 0 "повторная сборка ($(head -c 300 "$WORK/re.err"))"
expect_eq "$(tree_hash "$WORK/out2")" "$before" "out/ после повторной сборки без изменений"
reused=$(sed -n 's/.*взяты из прежней сборки): \([0-9]*\)$/\1/p' "$WORK/re.err")
# manifest.json and private/README.txt are always written anew.
expect_eq "${reused:-0}" "$(( $(find "$WORK/out2" -type f | wc -l) - 2 ))" "файлов, взятых из прежней сборки"
# One page changed: only it (and what lists it) is new; the tree equals a clean build.
news=$(find "$SITE/content/schools" -path '*/news/*.md' | sort | head -1)
printf '\nНовый абзац для проверки пересборки.\n' >> "$news"
"$NK" build --site "$SITE" --out "$WORK/out2" --jobs 2 -q --timings > /dev/null 2> "$WORK/re2.err"
"$NK" build --site "$SITE" --out "$WORK/out3" --jobs 2 -q > /dev/null 2>&1
if diff -r "$WORK/out2" "$WORK/out3" > "$WORK/diff2.txt"; then pass; else
  fail "пересборка после изменения страницы отличается от чистой сборки: $(head -c 400 "$WORK/diff2.txt")"; fi
grep -rqF "Новый абзац для проверки пересборки" "$WORK/out2/site" && pass || fail "изменённая страница не пересобрана"
reused2=$(sed -n 's/.*взяты из прежней сборки): \([0-9]*\)$/\1/p' "$WORK/re2.err")
[ "${reused2:-0}" -gt 0 ] && [ "${reused2:-0}" -lt "${reused:-0}" ] && pass ||
  fail "после изменения одной страницы взято из прежней сборки ${reused2:-0} из ${reused:-0}"

# A terminal: the progress line (done/total, rate) on stderr; --quiet silences it. `script` runs
# the build under a pseudo-terminal.
if command -v script > /dev/null; then
  script -qec "'$NK' build --site '$SITE' --out '$WORK/out4' --jobs 2 --formats html" /dev/null > "$WORK/tty.log" 2>&1
  expect_contains "$WORK/tty.log" "Сборка: 7/7 организаций"
  expect_contains "$WORK/tty.log" "в секунду"
  script -qec "'$NK' build --site '$SITE' --out '$WORK/out4' --jobs 2 --formats html --quiet" /dev/null > "$WORK/ttyq.log" 2>&1
  expect_not_contains "$WORK/ttyq.log" "Сборка: "
else
  fail "нет команды script (util-linux): строку хода на терминале не проверить"
fi

# A wrong --jobs is a usage error.
"$NK" build --site "$SITE" --out "$WORK/out5" --jobs 0 > "$WORK/j0.log" 2>&1
expect_eq "$?" 2 "код выхода при --jobs 0"
expect_contains "$WORK/j0.log" "неверный вызов"
finish
