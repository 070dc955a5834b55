#!/usr/bin/env bash
# Builds the fixture sites rebuilt from the seeds and checks what each must show.
source "$(dirname "$0")/lib.sh"
build() {  # build NAME → $WORK/NAME/site
  "$NK" build --site "$SRC/tests/sites/$1" --out "$WORK/$1" -q > "$WORK/$1.log" 2>&1
  expect_eq "$?" 0 "код выхода сборки $1 ($(head -c 300 "$WORK/$1.log"))"
  python3 "$(dirname "$0")/linkcheck.py" "$WORK/$1/site" > "$WORK/$1.links" && pass || { cat "$WORK/$1.links"; fail "битые ссылки в $1"; }
}

# 001: Kedrovy order № 76 with its roadmap and programme.
build kedrovy
K="$WORK/kedrovy/site"
expect_contains "$K/orders/2021-11-10-76.html" "Приказ №${NB}76 от 10${NB}ноября 2021${NB}г."
expect_contains "$K/orders/2021-11-10-76.html" "ПРИКАЗЫВАЮ:"
expect_contains "$K/orders/2021-11-10-76.html" "Приложение 1"
expect_contains "$K/documents/programma-nastavnichestva.html" "УТВЕРЖДЕНО приказом от 10${NB}ноября 2021${NB}г. №${NB}76"
expect_contains "$K/roadmap.html" "Показатель реализации"
expect_contains "$K/roadmap.html" "Форма представления результата"
expect_contains "$K/roadmap.html" "просрочено"
expect_contains "$K/documents/index.html" "№${NB}76"

# 002: Belogorsk indicators as tables and charts (42,8 → 51,9).
build belogorsk
B="$WORK/belogorsk/site"
grep -rl "42,8" "$B/reports" >/dev/null && pass || fail "нет значения 42,8 в отчёте Белогорска"
grep -rl "51,9" "$B/monitoring.html" >/dev/null && pass || fail "нет значения 51,9 в мониторинге"
expect_contains "$B/monitoring.html" "<svg"

# 003: school № 17 counts from monitoring.json (64 mentors, 121 mentees).
build school17
S="$WORK/school17/site"
expect_contains "$S/index.html" "Наставники: 64"
expect_contains "$S/index.html" "Наставляемые: 121"
expect_contains "$S/monitoring.html" "185"

# 004: Seshcha school–school programme and roadmap with its own columns.
build seshcha
Z="$WORK/seshcha/site"
expect_contains "$Z/roadmap.html" "Категория участников"
expect_contains "$Z/roadmap.html" "Ожидаемые результаты"
expect_contains "$Z/pairs.html" "Образовательная организация"

# Privacy: every planted marker stays out of every public output.
build privacy
python3 "$(dirname "$0")/scan_public.py" "$WORK/privacy/site" "$SRC/tests/sites/privacy/MARKERS.txt" && pass || fail "персональные данные в публичных файлах privacy"
finish
