#!/usr/bin/env bash
# `nastavnik check`: the compliance view per organisation in text and JSON, --strict, the short
# summary of `build` and the compliance table of the department's landing page. The site is written
# here by hand, so every expected figure below is known from the data, not from the tool:
#   alfa — all seven required items, one pair with a programme, roadmap done, counts agree;
#   beta — no Положение, приказ о внедрении, куратор, программа, приказ о закреплении пар; one
#          overdue roadmap item; pair q1 without a programme; young specialist y2 in no pair; d1 a
#          mentee only of the terminated pair q2; monitoring says 3 + 3 for «Учитель – учитель»
#          while the base has 1 + 1 (q1 only: terminated pairs do not count).
source "$(dirname "$0")/lib.sh"
S="$WORK/site"
mkdir -p "$S/data/schools/alfa/roadmaps" "$S/data/schools/beta/roadmaps" \
  "$S/content/schools/alfa/documents" "$S/content/schools/alfa/orders" "$S/content/schools/alfa/programs" \
  "$S/content/schools/beta/orders"
w() { mkdir -p "$(dirname "$1")"; cat > "$1"; }

w "$S/data/site.json" <<'EOF'
{ "title": "Наставничество в школах посёлка Проверочный", "base_url": "https://check.example/n/",
  "build_date": "2024-10-15", "gost": "2025", "privacy": { "students": "initials" } }
EOF
w "$S/data/org.json" <<'EOF'
{ "kind": "department", "name": "Отдел образования администрации посёлка Проверочный",
  "short_name": "Отдел образования", "place": "п. Проверочный",
  "head": { "position": "Начальник отдела", "name": "А.А. Начальникова" } }
EOF
w "$S/content/_index.md" <<'EOF'
---
title: Наставничество в школах посёлка
---
Раздел отдела образования.
EOF

# ---- alfa: complete ----
w "$S/data/schools/alfa/org.json" <<'EOF'
{ "kind": "school", "name": "Муниципальное бюджетное общеобразовательное учреждение «Школа Альфа»",
  "short_name": "Школа Альфа", "place": "п. Проверочный",
  "head": { "position": "Директор", "name": "Б.Б. Директорова" },
  "curator": { "name": "Кураторова Вера Ивановна", "position": "заместитель директора" } }
EOF
w "$S/data/schools/alfa/people.json" <<'EOF'
[ { "id": "t1", "last_name": "Опытнова", "first_name": "Мария", "middle_name": "Петровна",
    "category": "teacher", "position": "учитель математики" },
  { "id": "y1", "last_name": "Молодцов", "first_name": "Игорь", "middle_name": "Олегович",
    "category": "teacher", "position": "учитель физики", "young_specialist": true } ]
EOF
w "$S/data/schools/alfa/pairs.json" <<'EOF'
[ { "id": "p1", "form": "teacher-teacher", "mentors": ["t1"], "mentees": ["y1"],
    "start": "2024-09-01", "end": "2025-05-31", "status": "active",
    "program": "programs/p1", "order": "orders/2024-09-01-pary" } ]
EOF
w "$S/data/schools/alfa/roadmaps/rm.json" <<'EOF'
{ "title": "Дорожная карта школы Альфа", "stages": [ { "title": "Этап", "items": [
  { "title": "Сделанный пункт альфы", "deadline": "Сентябрь 2024", "due": "2024-09-30", "done": true } ] } ] }
EOF
w "$S/data/schools/alfa/monitoring.json" <<'EOF'
{ "participants": [ { "year": "2024/2025", "by_form": { "teacher-teacher": { "mentors": 1, "mentees": 1 } } } ] }
EOF
w "$S/content/schools/alfa/_index.md" <<'EOF'
---
title: Наставничество в школе Альфа
---
Текст.
EOF
w "$S/content/schools/alfa/documents/polozhenie.md" <<'EOF'
---
title: Положение о системе наставничества
---
Текст положения.
EOF
w "$S/content/schools/alfa/orders/2024-08-30-vnedrenie.md" <<'EOF'
---
title: О внедрении целевой модели наставничества
number: "41"
date: 2024-08-30
---
ПРИКАЗЫВАЮ:

1. Внедрить целевую модель.
EOF
w "$S/content/schools/alfa/orders/2024-09-01-pary.md" <<'EOF'
---
title: О закреплении наставнических пар
number: "42"
date: 2024-09-01
---
ПРИКАЗЫВАЮ:

1. Закрепить наставников.
EOF
w "$S/content/schools/alfa/programs/p1.md" <<'EOF'
---
title: Программа наставничества молодого учителя физики
---
Текст программы.
EOF

# ---- beta: behind ----
w "$S/data/schools/beta/org.json" <<'EOF'
{ "kind": "school", "name": "Муниципальное бюджетное общеобразовательное учреждение «Школа Бета»",
  "short_name": "Школа Бета", "place": "п. Проверочный",
  "head": { "position": "Директор", "name": "В.В. Бетова" } }
EOF
w "$S/data/schools/beta/people.json" <<'EOF'
[ { "id": "m1", "last_name": "Наставникова", "first_name": "Ольга", "middle_name": "Юрьевна",
    "category": "teacher", "position": "учитель химии" },
  { "id": "k1", "last_name": "Коллегин", "first_name": "Пётр", "middle_name": "Ильич",
    "category": "teacher", "position": "учитель биологии" },
  { "id": "y2", "last_name": "Новенькая", "first_name": "Анна", "middle_name": "Сергеевна",
    "category": "teacher", "position": "учитель истории", "young_specialist": true },
  { "id": "d1", "last_name": "Ушедший", "first_name": "Олег", "middle_name": "Олегович",
    "category": "teacher", "position": "учитель географии" } ]
EOF
w "$S/data/schools/beta/pairs.json" <<'EOF'
[ { "id": "q1", "form": "teacher-teacher", "mentors": ["m1"], "mentees": ["k1"],
    "start": "2024-09-01", "status": "active" },
  { "id": "q2", "form": "teacher-teacher", "mentors": ["m1"], "mentees": ["d1"],
    "start": "2024-01-10", "end": "2024-03-01", "status": "terminated" } ]
EOF
w "$S/data/schools/beta/roadmaps/rm.json" <<'EOF'
{ "title": "Дорожная карта школы Бета", "stages": [ { "title": "Этап", "items": [
  { "title": "Просроченный пункт беты", "deadline": "Май 2024", "due": "2024-05-31" },
  { "title": "Сделанный пункт беты", "deadline": "Март 2024", "due": "2024-03-31", "done": true },
  { "title": "Будущий пункт беты", "deadline": "Декабрь 2024", "due": "2024-12-20" } ] } ] }
EOF
w "$S/data/schools/beta/monitoring.json" <<'EOF'
{ "participants": [ { "year": "2024/2025", "by_form": { "teacher-teacher": { "mentors": 3, "mentees": 3 } } } ] }
EOF
# An order whose title has «пар» only inside a word («департаментом») is not a приказ о закреплении пар.
w "$S/content/schools/beta/orders/2024-09-10-plan.md" <<'EOF'
---
title: Об утверждении плана совместной работы с департаментом образования
number: "7"
date: 2024-09-10
---
ПРИКАЗЫВАЮ:

1. Утвердить план.
EOF
w "$S/content/schools/beta/_index.md" <<'EOF'
---
title: Наставничество в школе Бета
---
Текст.
EOF

tree_hash() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 md5sum | md5sum | cut -d' ' -f1); }
site_hash=$(tree_hash "$S")

# ---- check --format json ----
"$NK" check --site "$S" --format json > "$WORK/check.json" 2> "$WORK/check-json.err"
expect_eq "$?" 0 "check --format json (предупреждение — не ошибка без --strict; $(head -c 300 "$WORK/check-json.err"))"
python3 - "$WORK/check.json" <<'PY' && pass || fail "check --format json: содержимое (см. выше)"
import json, sys
j = json.load(open(sys.argv[1], encoding='utf-8'))
bad = []
def eq(what, got, want):
    if got != want: bad.append(f'{what}: ожидалось {want!r}, получено {got!r}')
eq('ok', j.get('ok'), True)
eq('errors', j.get('errors'), 0)
eq('warnings', j.get('warnings'), 1)
eq('date', j.get('date'), '2024-10-15')
ds = j.get('diagnostics', [])
eq('число diagnostics', len(ds), 1)
if ds:
    d = ds[0]
    eq('diagnostics[0].severity', d.get('severity'), 'warning')
    eq('diagnostics[0].file', d.get('file'), 'data/schools/beta/monitoring.json')
    eq('diagnostics[0].line', d.get('line'), 1)
    if not isinstance(d.get('column'), int) or d['column'] < 1: bad.append(f'column: {d.get("column")!r}')
    if 'расходится с базой пар (1 + 1)' not in d.get('message', ''): bad.append('message: ' + d.get('message', ''))
orgs = {o.get('org'): o for o in j.get('organisations', [])}
eq('организации', sorted(orgs), ['', 'alfa', 'beta'])
eq('kind отдела', orgs.get('', {}).get('kind'), 'department')
items = ['Положение', 'Приказ о внедрении', 'Куратор', 'Дорожная карта', 'Программа', 'Приказ о закреплении пар', 'Пары']
a, b = orgs.get('alfa', {}), orgs.get('beta', {})
eq('alfa.kind', a.get('kind'), 'school')
eq('alfa.name', a.get('name'), 'Школа Альфа')
eq('alfa.required', a.get('required'), {k: True for k in items})
for k, v in [('missing', 0), ('behind', False), ('pairs', 1), ('young_specialists', 1), ('young_with_mentor', 1),
             ('roadmap_total', 1), ('roadmap_done', 1), ('roadmap_overdue', 0), ('overdue_items', []),
             ('pairs_without_program', 0), ('pairs_without_program_ids', []), ('mentees_without_mentor', []),
             ('count_mismatches', [])]:
    eq('alfa.' + k, a.get(k), v)
have_b = {'Положение': False, 'Приказ о внедрении': False, 'Куратор': False, 'Дорожная карта': True,
          'Программа': False, 'Приказ о закреплении пар': False, 'Пары': True}
eq('beta.required', b.get('required'), have_b)
for k, v in [('missing', 5), ('behind', True), ('pairs', 2), ('young_specialists', 1), ('young_with_mentor', 0),
             ('roadmap_total', 3), ('roadmap_done', 1), ('roadmap_overdue', 1),
             ('pairs_without_program', 1), ('pairs_without_program_ids', ['q1']),
             ('mentees_without_mentor', [{'id': 'y2', 'reason': 'young_specialist'},
                                         {'id': 'd1', 'reason': 'terminated_pairs_only'}])]:
    eq('beta.' + k, b.get(k), v)
od = b.get('overdue_items', [])
eq('beta.overdue_items: число', len(od), 1)
if od:
    eq('beta.overdue_items[0].title', od[0].get('title'), 'Просроченный пункт беты')
    eq('beta.overdue_items[0].deadline', od[0].get('deadline'), '2024-05-31')
    eq('beta.overdue_items[0].file', od[0].get('file'), 'data/schools/beta/roadmaps/rm.json')
eq('beta.count_mismatches', b.get('count_mismatches'),
   [{'form': 'teacher-teacher', 'year': '2024/2025', 'stated': {'mentors': 3, 'mentees': 3},
     'base': {'mentors': 1, 'mentees': 1}}])
for x in bad: print('  ' + x)
sys.exit(1 if bad else 0)
PY

# ---- --strict: the warning fails, in JSON and in text ----
"$NK" check --site "$S" --format json --strict > "$WORK/strict.json" 2>/dev/null
expect_eq "$?" 1 "check --strict --format json"
python3 -c "import json,sys; j=json.load(open(sys.argv[1])); sys.exit(0 if j['ok'] is False and j['warnings']==1 and j['errors']==0 else 1)" \
  "$WORK/strict.json" && pass || fail "check --strict --format json: ok должно быть false"
"$NK" check --site "$S" --strict > "$WORK/strict.txt" 2> "$WORK/strict.err"
expect_eq "$?" 1 "check --strict"
expect_contains "$WORK/strict.txt" "--strict: предупреждения считаются ошибками"
expect_contains "$WORK/strict.err" "data/schools/beta/monitoring.json:1:"

# ---- text report ----
"$NK" check --site "$S" > "$WORK/check.txt" 2> "$WORK/check.err"
expect_eq "$?" 0 "check (текст)"
T="$WORK/check.txt"
expect_contains "$T" "Внедрение целевой модели наставничества на 15.10.2024:"
expect_contains "$T" "Школа Альфа (alfa)"
expect_contains "$T" "  обязательные элементы: 7 из 7"
expect_contains "$T" "  обязательные элементы: 2 из 7; нет: Положение, Приказ о внедрении, Куратор, Программа, Приказ о закреплении пар"
expect_contains "$T" "  дорожная карта: выполнено 1 из 3, просрочено 1"
expect_contains "$T" "  просрочены: «Просроченный пункт беты» (срок 31.05.2024)"
expect_contains "$T" "  пары без программы (1): q1"
expect_contains "$T" "  молодые специалисты без наставника (1): y2"
expect_contains "$T" "  наставляемые только в прекращённых парах (1): d1"
expect_contains "$T" "  форма «Учитель – учитель» за 2024/2025: в мониторинге 3 + 3, в базе пар 1 + 1"
expect_contains "$T" "Отстают школ: 1 из 2"
expect_contains "$T" "Ошибок: 0, предупреждений: 1"
expect_not_contains "$T" "  Школа Альфа:"   # alfa is not behind: no line in the short summary
expect_contains "$WORK/check.err" "data/schools/beta/monitoring.json:1:"
expect_eq "$(tree_hash "$S")" "$site_hash" "check ничего не пишет в папку сайта"

# ---- build prints the same short summary ----
"$NK" build --site "$S" --out "$WORK/out" -j 1 > "$WORK/build.txt" 2> "$WORK/build.err"
expect_eq "$?" 0 "build ($(head -c 300 "$WORK/build.err"))"
sed -n '/^Кратко:$/,/^Отстают/p' "$T" | sed '1d' > "$WORK/summary-check.txt"
grep -E '^  [^ ]|^Отстают|^Все школы' "$WORK/build.txt" > "$WORK/summary-build.txt"
[ -s "$WORK/summary-check.txt" ] && pass || fail "в отчёте check нет краткой сводки"
if diff -u "$WORK/summary-check.txt" "$WORK/summary-build.txt"; then pass; else fail "сводка build отличается от сводки check"; fi
expect_contains "$WORK/build.txt" "  Школа Бета: нет: Положение, Приказ о внедрении, Куратор, Программа, Приказ о закреплении пар; просрочено пунктов дорожной карты: 1; пар без программы: 1; наставляемых без наставника: 2; расходятся с базой пар числа форм: 1"

# ---- the department's landing page: the compliance table ----
python3 - "$WORK/out/site/index.html" <<'PY' && pass || fail "таблица внедрения на главной странице отдела"
import sys
from html.parser import HTMLParser
class P(HTMLParser):
    def __init__(self):
        super().__init__(); self.tables = []; self.cell = None; self.row = None; self.caption = None
    def handle_starttag(self, tag, a):
        if tag == 'table': self.tables.append({'caption': '', 'rows': []})
        elif tag == 'caption': self.caption = ''
        elif tag == 'tr' and self.tables: self.row = []
        elif tag in ('td', 'th') and self.row is not None: self.cell = ''
    def handle_endtag(self, tag):
        if tag == 'caption' and self.caption is not None: self.tables[-1]['caption'] = self.caption.strip(); self.caption = None
        elif tag in ('td', 'th') and self.cell is not None: self.row.append(' '.join(self.cell.split())); self.cell = None
        elif tag == 'tr' and self.row is not None: self.tables[-1]['rows'].append(self.row); self.row = None
    def handle_data(self, d):
        if self.cell is not None: self.cell += d
        if self.caption is not None: self.caption += d
p = P(); p.feed(open(sys.argv[1], encoding='utf-8').read())
t = [t for t in p.tables if 'Обязательные элементы' in t['caption']]
if len(t) != 1: print('  таблиц с подписью «Обязательные элементы»:', len(t)); sys.exit(1)
rows = {r[0]: r[1:] for r in t[0]['rows'] if r}
want = {'Школа Альфа': ['есть'] * 7 + ['0'],
        'Школа Бета': ['нет', 'нет', 'нет', 'есть', 'нет', 'нет', 'есть', '1']}
bad = [f'{k}: ожидалось {v}, получено {rows.get(k)}' for k, v in want.items() if rows.get(k) != v]
for b in bad: print('  ' + b)
sys.exit(1 if bad else 0)
PY
finish
