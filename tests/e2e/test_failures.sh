#!/usr/bin/env bash
# Bad input and wrong usage: exit codes, messages with file:line, and out/ left as it was.
source "$(dirname "$0")/lib.sh"
SITE="$WORK/site"
copy_site "$SRC/tests/sites/school17" "$SITE"
"$NK" build --site "$SITE" --out "$WORK/out" -q > /dev/null 2>&1
expect_eq "$?" 0 "первая сборка"
before=$(cd "$WORK/out" && find . -type f -exec md5sum {} + | sort | md5sum)

# Broken JSON: exit 1, the message names file:line:col, out/ unchanged.
echo '{"title": "x",, }' > "$SITE/data/monitoring.json"
"$NK" build --site "$SITE" --out "$WORK/out" > "$WORK/err.txt" 2>&1
expect_eq "$?" 1 "код выхода при ошибке в JSON"
expect_contains "$WORK/err.txt" "data/monitoring.json:1:15: ошибка: ожидался ключ в кавычках"
expect_contains "$WORK/err.txt" "не изменена"
after=$(cd "$WORK/out" && find . -type f -exec md5sum {} + | sort | md5sum)
expect_eq "$after" "$before" "out/ после неудачной сборки"
ls "$WORK" | grep -q staging && fail "осталась временная папка" || pass

# Several errors in one run: all reported.
copy_site "$SRC/tests/sites/school17" "$SITE"
printf -- '---\ntitle: [\n---\n' > "$SITE/content/pages/bad.md"
printf -- '---\ntitle: Ok\n---\n```nastavnik\nchart: pie\n```\n' > "$SITE/content/pages/bad-block.md"
"$NK" build --site "$SITE" --out "$WORK/out" > "$WORK/err.txt" 2>&1
expect_eq "$?" 1 "код выхода при нескольких ошибках"
expect_contains "$WORK/err.txt" "content/pages/bad.md:3:1: ошибка: неверный YAML: не закрыт список «[ … ]»"
expect_contains "$WORK/err.txt" "content/pages/bad-block.md:5:8: ошибка: неизвестная диаграмма «pie»"
expect_contains "$WORK/err.txt" "Сборка прервана: 2 ошибки"

# Wrong usage: exit 2.
"$NK" build --no-such-option > "$WORK/err.txt" 2>&1
expect_eq "$?" 2 "код выхода при неизвестном ключе"
expect_contains "$WORK/err.txt" "неверный вызов"
"$NK" build --site "$SITE" --out / > "$WORK/err.txt" 2>&1
expect_eq "$?" 2 "код выхода при --out /"
"$NK" build --site "$SITE" --out "$SITE" > "$WORK/err.txt" 2>&1
expect_eq "$?" 2 "код выхода при --out = папка сайта"
"$NK" build --site "$SITE" --out "$SITE/content/x" > "$WORK/err.txt" 2>&1
expect_eq "$?" 2 "код выхода при --out внутри content/"
mkdir -p "$WORK/precious"; echo data > "$WORK/precious/file.txt"
"$NK" build --site "$SRC/tests/sites/school17" --out "$WORK/precious" > "$WORK/err.txt" 2>&1
expect_eq "$?" 2 "код выхода при чужой непустой папке"
expect_file "$WORK/precious/file.txt"

# Help and version in Russian.
"$NK" --help > "$WORK/help.txt" 2>&1
expect_eq "$?" 0 "код выхода --help"
expect_contains "$WORK/help.txt" "собрать сайт"
"$NK" version > "$WORK/v.txt"; expect_contains "$WORK/v.txt" "nastavnik "

# Not a site: a clear message and exit 1.
mkdir -p "$WORK/empty"
"$NK" build --site "$WORK/empty" --out "$WORK/empty-out" > "$WORK/err.txt" 2>&1
expect_eq "$?" 1 "код выхода для папки без сайта"
expect_contains "$WORK/err.txt" "data/site.json"
finish
