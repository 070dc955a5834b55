#!/usr/bin/env bash
# Personal data. tests/sites/privacy plants a unique marker in every private field (contacts,
# competencies, interests, requests, achievements, birth dates, experience, results) and has people
# without consent to publish their names (MARKERS.txt; MARKERS-PUBLIC.txt: other spellings of the
# same values that may only be looked for in public files).
#  1. The build succeeds; no marker is in any public output (pages, PDF text, XML inside XLSX, feed,
#     sitemap, search index, manifest); every marker IS in the private workbooks (it was planted).
#     The scan proves first that it can fail (--self-test plants markers in a copy).
#  2. The gate: a private value pasted into a public source (a news item, a programme → its PDF, a
#     monitoring indicator → the public workbook, an order's executor → only its PDF) fails the build
#     with exit 1, names the file and the kind of data, and leaves no out/.
source "$(dirname "$0")/lib.sh"
FIX="$SRC/tests/sites/privacy"
SCAN="$(dirname "$0")/scan_public.py"

copy_site "$FIX" "$WORK/site"
"$NK" build --site "$WORK/site" --out "$WORK/out" -j 1 > "$WORK/build.log" 2>&1
expect_eq "$?" 0 "сборка фикстуры privacy ($(head -c 300 "$WORK/build.log"))"
python3 "$SCAN" --private --self-test "$WORK/out" "$FIX/MARKERS.txt" "$FIX/MARKERS-PUBLIC.txt" > "$WORK/scan.log" 2>&1 &&
  pass || { cat "$WORK/scan.log"; fail "проверка публичных файлов privacy"; }
cat "$WORK/scan.log"
# The scan looked at every kind of public output.
for f in index.html feed.xml sitemap.xml search-index.js monitoring.xlsx nastavnichestvo.pdf; do
  expect_file "$WORK/out/site/$f"
done
expect_file "$WORK/out/manifest.json"
# Every private field of the fixture really carries a marker (so the scan above means something).
python3 - "$FIX/data/people.json" "$FIX/data/pairs.json" "$FIX/MARKERS.txt" <<'PY' && pass || fail "не в каждом личном поле фикстуры есть метка"
import json, sys
people, pairs = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
markers = set(l.strip() for l in open(sys.argv[3], encoding='utf-8') if l.strip())
bad = []
def need(where, value):
    if not any(m in value for m in markers): bad.append(f'{where}: «{value}» нет в MARKERS.txt')
for p in people:
    w = p['id']
    need(w + '.contacts.phone', p['contacts']['phone']); need(w + '.contacts.email', p['contacts']['email'])
    for k in ('competencies', 'interests', 'requests'):
        if not p.get(k): bad.append(f'{w}: нет {k}')
        for v in p.get(k, []): need(f'{w}.{k}', v)
    need(w + '.birth_date', p.get('birth_date', '')); need(w + '.achievements', p.get('achievements', ''))
    if 'experience_years' in p: need(w + '.experience_years', repr(p['experience_years']))
    consent = p.get('consent', {}).get('publish_name', p['category'] not in ('student', 'university_student'))
    if not consent:
        need(w + ' (без согласия)', p['last_name'] + ' ' + p['first_name'])
        need(w + ' (без согласия)', p['first_name'])
for p in pairs:
    need(p['id'] + '.result', p.get('result', ''))
if not any('experience_years' in p for p in people): bad.append('нет ни одного experience_years')
for b in bad: print('  ' + b)
sys.exit(1 if bad else 0)
PY

# ---- the gate ----
# gate NAME WANT_RC EXPECTED_LINE… — builds $WORK/g-NAME/site (prepared by the caller) and expects
# each expected text among the error lines.
gate() {
  local name=$1; shift
  local d="$WORK/g-$name"
  "$NK" build --site "$d/site" --out "$d/out" -j 1 > "$d/stdout" 2> "$d/stderr"
  expect_eq "$?" 1 "$name: код выхода ($(head -c 300 "$d/stderr"))"
  for want in "$@"; do expect_contains "$d/stderr" "$want"; done
  [ ! -e "$d/out" ] && pass || fail "$name: неудачная сборка оставила $d/out"
}
prep() { copy_site "$FIX" "$WORK/g-$1/site"; echo "$WORK/g-$1/site"; }
STOP="— сборка остановлена, чтобы не опубликовать их"

# Each private field, pasted into a news item (its summary and its text), is caught in the page, the
# list of news, the feed and the search index.
while IFS='|' read -r name value what; do
  s=$(prep "$name")
  printf -- '---\ntitle: Новость\ndate: 2024-02-20\nsummary: "Кратко: %s."\n---\nВ тексте: %s.\n' "$value" "$value" \
    > "$s/content/news/2024-02-20-utechka.md"
  gate "$name" \
    "content/news/2024-02-20-utechka.md: ошибка: персональные данные в публичном файле site/news/2024-02-20-utechka.html: $what $STOP" \
    "персональные данные в публичном файле site/feed.xml: $what" \
    "персональные данные в публичном файле site/news/index.html: $what" \
    "персональные данные в публичном файле site/search-index.js: $what"
done <<'EOF'
phone|ZZPRIVphone1|телефон «krylova-as» (data/people.json)
email|ZZPRIVemail2@example.ru|e-mail «demin-pv» (data/people.json)
competencies|ZZPRIVcompetencies5|компетенции «teacher-c» (data/people.json)
interests|ZZPRIVinterests4|интересы «pupil-a» (data/people.json)
requests|ZZPRIVrequests6|запросы «pupil-c» (data/people.json)
achievements|ZZPRIVachievements2|достижения «demin-pv» (data/people.json)
birth|ZZPRIVbirth4|дата рождения «pupil-a» (data/people.json)
result|ZZPRIVresult3|результат пары «pair-3» (data/pairs.json)
name-teacher|Златоустова Ефросиния|полное имя «teacher-c» (data/people.json) без согласия
name-pupil|Мстислав Всеволожский|полное имя «pupil-a» (data/people.json) без согласия
EOF

# A birth date written as a real date is caught in the Russian spelling too.
s=$(prep birth-date)
python3 - "$s/data/people.json" <<'PY'
import json, sys
p = json.load(open(sys.argv[1])); p[3]['birth_date'] = '2011-04-17'
json.dump(p, open(sys.argv[1], 'w'), ensure_ascii=False, indent=2)
PY
printf -- '---\ntitle: Поздравляем\ndate: 2024-02-20\n---\nРодился 17.04.2011.\n' > "$s/content/news/2024-02-20-utechka.md"
gate birth-date "site/news/2024-02-20-utechka.html: дата рождения «pupil-a» (data/people.json)"

# In a programme: its PDF (the text layer the gate sees) and the organisation's bundle PDF.
s=$(prep pdf)
echo 'Запрос наставляемого: ZZPRIVrequests3.' >> "$s/content/programs/soprovozhdenie-molodogo-specialista.md"
gate pdf "site/programs/soprovozhdenie-molodogo-specialista.pdf: запросы «teacher-c» (data/people.json)" \
  "site/programs/soprovozhdenie-molodogo-specialista.html: запросы «teacher-c» (data/people.json)" \
  "site/nastavnichestvo.pdf: запросы «teacher-c» (data/people.json)"

# Only in a PDF: an order's executor and sheet of acquaintance are not on its web page.
s=$(prep pdf-only)
mkdir -p "$s/content/orders"
cat > "$s/content/orders/2024-01-10-1.md" <<'EOF'
---
title: О закреплении наставнических пар
number: "1"
date: 2024-01-10
executor: { name: Иванова И.И., phone: "ZZPRIVphone1" }
acquainted: [Златоустова Ефросиния]
---
ПРИКАЗЫВАЮ:

1. Закрепить наставников.
EOF
gate pdf-only "site/orders/2024-01-10-1.pdf: телефон «krylova-as» (data/people.json)" \
  "site/orders/2024-01-10-1.pdf: полное имя «teacher-c» (data/people.json) без согласия"
expect_not_contains "$WORK/g-pdf-only/stderr" "site/orders/2024-01-10-1.html:"

# In a monitoring indicator: the public workbook (its XML) and the monitoring page.
s=$(prep xlsx)
cat > "$s/data/monitoring.json" <<'EOF'
{ "indicators": [ { "id": "x", "title": "Показатель ZZPRIVcompetencies3", "unit": "%", "values": { "2023": 5 } } ] }
EOF
gate xlsx "site/monitoring.xlsx: компетенции «demin-pv» (data/people.json)" \
  "site/monitoring.html: компетенции «demin-pv» (data/people.json)"

# `check` runs the same gate (and writes nothing).
"$NK" check --site "$WORK/g-phone/site" > "$WORK/check.out" 2> "$WORK/check.err"
expect_eq "$?" 1 "check с телефоном в новости"
expect_contains "$WORK/check.err" "site/news/2024-02-20-utechka.html: телефон «krylova-as» (data/people.json)"
[ ! -e "$WORK/g-phone/site/out" ] && pass || fail "check создал out/"
finish
