#!/usr/bin/env bash
# Builds the shipped demo with the real binary and checks the pages, privacy and links.
source "$(dirname "$0")/lib.sh"
SITE="$WORK/site"
mkdir -p "$SITE"; cp -r "$SRC/content" "$SRC/data" "$SITE"/
"$NK" build --site "$SITE" --out "$WORK/out" > "$WORK/build.log" 2>&1
expect_eq "$?" 0 "код выхода сборки демо"
O="$WORK/out/site"
for f in index.html documents/index.html reports/index.html news/index.html events.html roadmap.html \
         monitoring.html sitemap.xml feed.xml 404.html assets/style.css \
         schools/sosh-1/index.html schools/sosh-1/pairs.html schools/sosh-1/roadmap.html \
         schools/sosh-1/monitoring.html schools/sosh-1/documents/index.html ../manifest.json ../private/README.txt; do
  expect_file "$O/$f"
done
# Department landing: curator, forms, schools table, compliance.
expect_contains "$O/index.html" "Куратор"
expect_contains "$O/index.html" "Школы: участники наставничества"
expect_contains "$O/index.html" "Обязательные элементы целевой модели по школам"
expect_contains "$O/index.html" "<li>Учитель${NB}— учитель</li>"  # form names typographed (DOMAIN.md: «—» between words)
expect_not_contains "$O/index.html" "Учитель – учитель"
# Documents list: numbers and Russian dates.
expect_contains "$O/documents/index.html" "№${NB}218-О"
expect_contains "$O/documents/index.html" "10${NB}апреля 2020${NB}г."
# Roadmap statuses computed on build_date.
expect_contains "$O/schools/sosh-1/roadmap.html" "просрочено"
expect_contains "$O/schools/sosh-1/roadmap.html" "выполнено"
expect_contains "$O/schools/sosh-1/roadmap.html" "в работе"
# Breadcrumbs and the current menu item.
expect_contains "$O/schools/sosh-1/roadmap.html" 'aria-current="page">Дорожная карта'
expect_contains "$O/schools/sosh-1/roadmap.html" 'class="breadcrumbs"'
# Charts are inline SVG with a data table.
expect_contains "$O/monitoring.html" "<svg"
expect_contains "$O/monitoring.html" "Данные диаграммы"
# Video only from an allowed host, as an embedded player.
grep -rl "rutube.ru/play/embed" "$O" >/dev/null && pass || fail "нет встроенного видео rutube"
# Attachments are copied and labelled with type and size.
expect_file "$O/documents/files/polozhenie-scan.pdf"
grep -rqE "PDF, [0-9,]+${NB}(КБ|Б)" "$O/documents" && pass || fail "нет подписи вложения «PDF, … КБ»"
# Atom feed and sitemap with absolute addresses.
expect_contains "$O/feed.xml" "<feed xmlns=\"http://www.w3.org/2005/Atom\""
expect_contains "$O/sitemap.xml" "<loc>https://megion.example/nastavnichestvo/schools/sosh-1/pairs.html</loc>"
# manifest.json lists every file with kind, sources and organisation.
python3 - "$WORK/out" <<'PY' && pass || fail "manifest.json не описывает все файлы"
import json, os, sys
out = sys.argv[1]
m = json.load(open(os.path.join(out, 'manifest.json')))
listed = {f['path'] for f in m['files']}
real = {os.path.relpath(os.path.join(d, f), out) for d, _, fs in os.walk(out) for f in fs} - {'manifest.json', 'private/README.txt'}
assert listed == real, (sorted(listed ^ real)[:10])
assert all(f['kind'] for f in m['files'])
assert any(f['org'] == 'sosh-1' and f['kind'] == 'page' for f in m['files'])
assert all(f['sources'] for f in m['files'] if f['kind'] == 'page' and not f['path'].endswith('404.html'))
PY
# Privacy: pupils without consent as initials; people who refused not at all; no contacts.
python3 - "$SITE" "$WORK/markers.txt" <<'PY'
import json, glob, sys
site, out = sys.argv[1], sys.argv[2]
markers = []
for f in glob.glob(site + '/data/**/people.json', recursive=True):
    for p in json.load(open(f)):
        c = p.get('consent', {})
        minor = p['category'] in ('student', 'university_student')
        publish = c.get('publish_name', not minor)
        if not publish and p.get('first_name'):
            markers.append(p['last_name'] + ' ' + p['first_name'])
            markers.append(p['first_name'] + ' ' + p['last_name'])
        for k in ('phone', 'email'):
            v = p.get('contacts', {}).get(k)
            if v: markers.append(v)
open(out, 'w').write('\n'.join(markers) + '\n')
PY
# Curators' work contacts are public on purpose: drop them from the markers.
python3 - "$SITE" "$WORK/markers.txt" <<'PY'
import json, glob, sys
site, path = sys.argv[1], sys.argv[2]
public = set()
for f in glob.glob(site + '/data/**/org.json', recursive=True):
    o = json.load(open(f))
    for k in ('phone', 'email'):
        if o.get(k): public.add(o[k])
        if o.get('curator', {}).get(k): public.add(o['curator'][k])
lines = [l for l in open(path).read().split('\n') if l and l not in public]
open(path, 'w').write('\n'.join(lines) + '\n')
PY
python3 "$(dirname "$0")/scan_public.py" "$O" "$WORK/markers.txt" && pass || fail "персональные данные в публичных файлах"
# A pupil without consent appears as «Фамилия И.».
grep -rqP "\\p{Lu}\\p{Ll}+\\x{00A0}\\p{Lu}\\. \\(\\d+\\p{Lu}\\)" "$O/schools" && pass || fail "ученики без согласия не показаны инициалами"
# Links and assets all resolve inside out/site.
python3 "$(dirname "$0")/linkcheck.py" "$O" && pass || fail "битые ссылки"
finish
