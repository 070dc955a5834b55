#!/usr/bin/env bash
# Document styles from templates (issue 8): the Kedrovy order № 76 with the custom letterhead of
# tests/sites/letterhead (corner layout, emblem, 30 mm left margin, spaced «п р и к а з ы в а ю»,
# dates in words, Liberation Serif). Checks the text and the geometry of page 1 of the PDF.
source "$(dirname "$0")/lib.sh"
SITE="$WORK/site"
copy_site "$SRC/tests/sites/kedrovy" "$SITE"
cp -r "$SRC/tests/sites/letterhead/." "$SITE/"
"$NK" build --site "$SITE" --out "$WORK/out" --quiet > "$WORK/build.log" 2>&1
expect_eq "$?" 0 "сборка с собственным бланком"
PDF="$WORK/out/site/orders/2021-11-10-76.pdf"
expect_file "$PDF"

# --- text
pdftotext -layout "$PDF" "$WORK/order.txt" 2>/dev/null
pdftotext "$PDF" "$WORK/order-plain.txt" 2>/dev/null
expect_contains "$WORK/order.txt" "п р и к а з ы в а ю:"
expect_not_contains "$WORK/order.txt" "ПРИКАЗЫВАЮ"
expect_contains "$WORK/order-plain.txt" "10 ноября 2021 г. № 76"  # pdftotext gives nbsp as spaces
expect_contains "$WORK/order-plain.txt" "636615, Томская область"
# The spaced word ends the preamble: it follows the preamble's last words on the same line.
grep -q "образования «Город Кедровый», п р и к а з ы в а ю:" "$WORK/order.txt" && pass ||
  fail "«п р и к а з ы в а ю:» не в конце преамбулы: $(grep -n 'п р и к' "$WORK/order.txt")"
pdffonts "$PDF" > "$WORK/fonts.txt" 2>/dev/null
expect_contains "$WORK/fonts.txt" "LiberationSerif"
expect_not_contains "$WORK/fonts.txt" "PTSerif"

# --- the demo keeps the built-in styles: ПРИКАЗЫВАЮ on its own line, PT Serif
copy_site "$SRC/tests/sites/kedrovy" "$WORK/plain"
"$NK" build --site "$WORK/plain" --out "$WORK/plain-out" --quiet > /dev/null 2>&1
pdftotext "$WORK/plain-out/site/orders/2021-11-10-76.pdf" "$WORK/plain.txt" 2>/dev/null
grep -qx "ПРИКАЗЫВАЮ:" "$WORK/plain.txt" && pass || fail "встроенный стиль: нет строки «ПРИКАЗЫВАЮ:»"
pdffonts "$WORK/plain-out/site/orders/2021-11-10-76.pdf" 2>/dev/null | grep -q PTSerif && pass ||
  fail "встроенный стиль: не PT Serif"

# --- geometry of page 1: words from pdftotext -bbox, the emblem from the rendered page's pixels
pdftotext -f 1 -l 1 -bbox "$PDF" "$WORK/bbox.html" 2>/dev/null
pdftoppm -f 1 -l 1 -r 72 "$PDF" "$WORK/page" 2>/dev/null
python3 - "$WORK/bbox.html" "$WORK"/page*.ppm > "$WORK/geometry.txt" <<'PY'
import re, sys
MM = 72 / 25.4
html = open(sys.argv[1], encoding='utf-8').read()
page_w = float(re.search(r'<page width="([\d.]+)"', html).group(1))
words = [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in
         re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', html)]
problems = []
def check(ok, msg):
    if not ok: problems.append(msg)
check(len(words) > 100, f'на странице 1 мало слов: {len(words)}')
# Margins: 30 mm left (the body's lines start there), 15 mm right.
left = min(w[0] for w in words); right = max(w[2] for w in words)
check(abs(left - 30 * MM) < 1.0, f'левое поле {left / MM:.1f} мм, ожидалось 30 мм')
check(right <= page_w - 15 * MM + 0.5, f'текст заходит в правое поле: {right / MM:.1f} мм')
# No two words overlap.
for i, a in enumerate(words):
    for b in words[i + 1:]:
        if a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5:
            check(False, f'слова перекрываются: «{a[4]}» и «{b[4]}»')
# Corner layout: the requisites are centred in the 85 mm column at the left, not on the page.
corner_centre = (30 + 85 / 2) * MM
for name in ('ПРИКАЗ', 'ОТДЕЛ'):
    found = [w for w in words if w[4] == name]
    check(bool(found), f'нет слова {name}')
    for w in found[:1]:
        line = [v for v in words if abs(v[1] - w[1]) < 1]  # the words of its line
        c = (min(v[0] for v in line) + max(v[2] for v in line)) / 2
        check(abs(c - corner_centre) < 2 * MM, f'{name} по центру {c / MM:.1f} мм, а не в угловом блоке ({corner_centre / MM:.1f} мм)')
# The emblem: the coloured pixels of the page (text and QR code are black).
data = open(sys.argv[2], 'rb').read()
parts = data.split(maxsplit=4)
W, H = int(parts[1]), int(parts[2]); px = parts[4]
xs, ys = [], []
for y in range(H):
    row = px[y * W * 3:(y + 1) * W * 3]
    for x in range(W):
        r, g, b = row[3 * x], row[3 * x + 1], row[3 * x + 2]
        if max(r, g, b) - min(r, g, b) > 60:
            xs.append(x); ys.append(y)
check(bool(xs), 'герб не найден на странице 1')
if xs:
    x0, x1, y0, y1 = min(xs), max(xs) + 1, min(ys), max(ys) + 1  # points at 72 dpi, y from the top
    print(f'герб: x {x0 / MM:.1f}–{x1 / MM:.1f} мм, y {y0 / MM:.1f}–{y1 / MM:.1f} мм')
    check(abs((x0 + x1) / 2 - corner_centre) < 1.5 * MM, f'герб не по центру углового блока: {(x0 + x1) / 2 / MM:.1f} мм')
    check(20 * MM - 1 <= y0 <= 22 * MM, f'верх герба {y0 / MM:.1f} мм, ожидалось у верхнего поля 20 мм')
    check(x1 - x0 <= 15 * MM + 1 and y1 - y0 <= 18 * MM + 1, f'герб больше 15×18 мм: {(x1 - x0) / MM:.1f}×{(y1 - y0) / MM:.1f}')
    for w in words:
        if w[0] < x1 and x0 < w[2] and w[1] < y1 and y0 < w[3]:
            check(False, f'слово «{w[4]}» наезжает на герб')
    # The first requisite below the emblem.
    parent = [w for w in words if w[4] == 'Администрации']
    check(bool(parent) and parent[0][1] >= y1, 'наименование вышестоящего органа не под гербом')
print('\n'.join(problems) if problems else 'OK')
PY
cat "$WORK/geometry.txt"
tail -1 "$WORK/geometry.txt" | grep -qx OK && pass || fail "геометрия страницы 1: $(grep -v '^герб' "$WORK/geometry.txt" | head -5)"

# --- a TrueType file kept in the site, and page numbers at the bottom right
copy_site "$SITE" "$WORK/ttf"
mkdir -p "$WORK/ttf/fonts"
cp /usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf "$WORK/ttf/fonts/nash-shrift.ttf"
printf 'fonts:\n  regular: fonts/nash-shrift.ttf\npage:\n  numbers: bottom-right\n' > "$WORK/ttf/templates/documents/document.yaml"  # the programme is a document approved by the order
"$NK" build --site "$WORK/ttf" --out "$WORK/ttf-out" --quiet > "$WORK/ttf.log" 2>&1
expect_eq "$?" 0 "сборка со шрифтом из папки сайта"
PROG="$WORK/ttf-out/site/documents/programma-nastavnichestva.pdf"
pdffonts "$PROG" 2>/dev/null | grep -q LiberationSans && pass || fail "программа не набрана шрифтом из папки сайта"
# The number of page 2 stands in the bottom margin, flush right with the built-in 10 mm margin.
pdftotext -f 2 -l 2 -bbox "$PROG" "$WORK/prog-bbox.html" 2>/dev/null
python3 - "$WORK/prog-bbox.html" <<'PY' && pass || fail "номер страницы программы не внизу справа"
import re, sys
html = open(sys.argv[1], encoding='utf-8').read()
h = float(re.search(r'<page width="[\d.]+" height="([\d.]+)"', html).group(1))
w = float(re.search(r'<page width="([\d.]+)"', html).group(1))
words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">2</word>', html)
MM = 72 / 25.4
ok = any(float(y0) > h - 20 * MM and abs(float(x1) - (w - 10 * MM)) < 1 for x0, y0, x1, y1 in words)
sys.exit(0 if ok else 1)
PY

# --- a broken style is a diagnostic with file:line:col, and nothing is written
copy_site "$SITE" "$WORK/bad"
cat > "$WORK/bad/templates/documents/order.yaml" <<'EOF'
page:
  margins: {left: тридцать}
letterhead:
  emblem: assets/net-takogo.png
  colour: red
fonts:
  regular: NetTakogoShrifta.ttf
EOF
"$NK" build --site "$WORK/bad" --out "$WORK/bad-out" > /dev/null 2> "$WORK/bad.err"
expect_eq "$?" 1 "сборка с ошибочным стилем"
expect_contains "$WORK/bad.err" "templates/documents/order.yaml:2:19: ошибка: «page.margins.left» должно быть числом, а не строка"
expect_contains "$WORK/bad.err" "templates/documents/order.yaml:4:11: ошибка: «letterhead.emblem»: файл «assets/net-takogo.png» не найден"
expect_contains "$WORK/bad.err" "templates/documents/order.yaml:5:3: ошибка: неизвестный ключ стиля «letterhead.colour»"
expect_contains "$WORK/bad.err" "templates/documents/order.yaml:7:12: ошибка: «fonts.regular»: шрифт «NetTakogoShrifta.ttf» не найден"
[ ! -e "$WORK/bad-out" ] && pass || fail "после ошибки в стиле появилась папка результата"
finish
