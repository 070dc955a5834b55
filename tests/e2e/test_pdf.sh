#!/usr/bin/env bash
# PDF documents checked with real clients: pdftotext, pdfinfo, qpdf, zbarimg, openssl.
source "$(dirname "$0")/lib.sh"
for tool in pdftotext pdfinfo pdftoppm qpdf zbarimg openssl; do
  command -v $tool >/dev/null || { echo "FAIL: нет программы $tool (scripts/setup.sh --tests)"; exit 1; }
done
SITE="$WORK/kedrovy"
copy_site "$SRC/tests/sites/kedrovy" "$SITE"
"$NK" build --site "$SITE" --out "$WORK/out1" -q > "$WORK/build.log" 2>&1
expect_eq "$?" 0 "сборка kedrovy"
ORDER="$WORK/out1/site/orders/2021-11-10-76.pdf"
expect_file "$ORDER"
pdftotext -layout "$ORDER" "$WORK/order.txt" 2>/dev/null

# The requisites stand in ГОСТ order: organisation, ПРИКАЗ, date and number, place, title, text.
python3 - "$WORK/order.txt" <<'PY' && pass || fail "реквизиты приказа не в порядке ГОСТ"
import sys, re
t = open(sys.argv[1], encoding='utf-8').read()
order = ['ОТДЕЛ ОБРАЗОВАНИЯ', 'ПРИКАЗ', '10.11.2021', '№ 76', 'г. Кедровый',
         'Об утверждении муниципальной программы', 'ПРИКАЗЫВАЮ:', 'О.В. Белоусова',
         'С приказом ознакомлены:', 'Приложение 1', 'к приказу от 10.11.2021 № 76', 'Приложение 2']
pos = [t.replace('\u00a0', ' ').find(s) for s in order]
missing = [s for s, p in zip(order, pos) if p < 0]
assert not missing, missing
assert pos == sorted(pos), list(zip(order, pos))
# Date and number on one line.
line = [l for l in t.split('\n') if '10.11.2021' in l][0]
assert '76' in line, line
PY
# Exact words of the operative items (pdftotext may join lines; compare without line breaks).
python3 - "$ORDER" <<'PY' && pass || fail "текст приказа извлекается не дословно"
import subprocess, sys, re
t = subprocess.run(['pdftotext', sys.argv[1], '-'], capture_output=True).stdout.decode()
t = re.sub(r'-\n', '', t)            # real hyphenation at line ends
t = re.sub(r'\s+', ' ', t.replace('\u00a0', ' '))
for phrase in ['Утвердить дорожную карту по реализации муниципальной программы',
               'Утвердить муниципальную программу «Развитие наставничества в системе образования',
               'Руководителям образовательных организаций:',
               'обеспечить исполнение мероприятий программы и дорожной карты']:
    assert phrase in t, phrase
assert re.search(r'\b3\.1\. обеспечить', t), 'нет иерархического номера 3.1.'
PY
# Metadata in UTF-8: title and author (the organisation).
pdfinfo "$ORDER" > "$WORK/info.txt" 2>/dev/null
expect_contains "$WORK/info.txt" "Title:           Об${NB}утверждении муниципальной программы"
expect_contains "$WORK/info.txt" "Author:          Отдел образования Администрации муниципального образования «Город Кедровый»"
pages=$(awk '/^Pages:/ {print $2}' "$WORK/info.txt")
[ "${pages:-0}" -ge 3 ] && pass || fail "в приказе с приложениями всего ${pages:-0} с."
# The web page links the PDF with its pages and size.
expect_contains "$WORK/out1/site/orders/2021-11-10-76.html" "Скачать PDF"
grep -qE "[0-9]+${NB}с\., [0-9,]+${NB}КБ" "$WORK/out1/site/orders/2021-11-10-76.html" && pass || fail "нет «N с., M КБ» у ссылки на PDF"
# Every PDF passes qpdf --check.
n=0
while IFS= read -r -d '' f; do
  n=$((n + 1))
  qpdf --check "$f" > /dev/null 2>&1 || fail "qpdf --check: $f"
done < <(find "$WORK/out1/site" -name '*.pdf' -print0)
[ $n -ge 3 ] && pass || fail "мало PDF: $n"
# Two builds of the same input give byte-identical PDFs.
"$NK" build --site "$SITE" --out "$WORK/out2" -q > /dev/null 2>&1
diff -r "$WORK/out1/site" "$WORK/out2/site" > /dev/null && pass || fail "повторная сборка даёт другие файлы"
# QR code of page 1 (profile 2025) decodes to the document's address.
pdftoppm -png -r 200 -f 1 -l 1 "$ORDER" "$WORK/page" 2>/dev/null
qr=$(zbarimg -q --raw "$WORK"/page*.png 2>/dev/null)
expect_eq "$qr" "https://kedrovy.example/nastavnichestvo/orders/2021-11-10-76.html" "QR-код приказа"

# Electronic signature: a certificate of our own, the stamp, the detached signature.
mkdir -p "$SITE/content/orders/files"
openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -keyout "$WORK/key.pem" \
  -out "$SITE/content/orders/files/director.pem" -subj "/CN=Белоусова Ольга Викторовна/O=Отдел образования" \
  -utf8 -set_serial 0x1A2B3C4D > /dev/null 2>&1
expect_file "$SITE/content/orders/files/director.pem"
sed -i 's|^title:|signature:\n  certificate: files/director.pem\ntitle:|' "$SITE/content/orders/2021-11-10-76.md"
"$NK" build --site "$SITE" --out "$WORK/out3" -q > "$WORK/build3.log" 2>&1
expect_eq "$?" 0 "сборка с сертификатом ($(head -c 300 "$WORK/build3.log"))"
pdftotext "$WORK/out3/site/orders/2021-11-10-76.pdf" - 2>/dev/null | tr -s "\n " "  " > "$WORK/signed.txt"
expect_contains "$WORK/signed.txt" "ДОКУМЕНТ ПОДПИСАН ЭЛЕКТРОННОЙ ПОДПИСЬЮ"
expect_contains "$WORK/signed.txt" "Сертификат 1A2B3C4D"
expect_contains "$WORK/signed.txt" "Владелец Белоусова Ольга Викторовна"
grep -qE "Действителен с [0-9]{2}\.[0-9]{2}\.[0-9]{4} по [0-9]{2}\.[0-9]{2}\.[0-9]{4}" "$WORK/signed.txt" && pass || fail "нет срока действия сертификата"
# Sign exactly this PDF, rebuild: the signature is checked and published beside the PDF.
openssl cms -sign -binary -in "$WORK/out3/site/orders/2021-11-10-76.pdf" -signer "$SITE/content/orders/files/director.pem" \
  -inkey "$WORK/key.pem" -outform DER -out "$SITE/content/orders/files/prikaz-76.pdf.sig" > /dev/null 2>&1
sed -i 's|^  certificate: files/director.pem|  certificate: files/director.pem\n  sig: files/prikaz-76.pdf.sig|' "$SITE/content/orders/2021-11-10-76.md"
"$NK" build --site "$SITE" --out "$WORK/out4" > "$WORK/build4.log" 2>&1
expect_eq "$?" 0 "сборка с подписью"
expect_file "$WORK/out4/site/orders/2021-11-10-76.pdf.sig"
cmp -s "$WORK/out3/site/orders/2021-11-10-76.pdf" "$WORK/out4/site/orders/2021-11-10-76.pdf" && pass || fail "PDF изменился от добавления подписи"
expect_contains "$WORK/out4/site/orders/2021-11-10-76.html" "подпись проверена"
expect_not_contains "$WORK/build4.log" "подписать заново"
# The order changes: the signature no longer matches and must be made again.
sed -i 's|Утвердить дорожную карту|Утвердить новую дорожную карту|' "$SITE/content/orders/2021-11-10-76.md"
"$NK" build --site "$SITE" --out "$WORK/out5" > "$WORK/build5.log" 2>&1
expect_eq "$?" 0 "сборка после изменения приказа"
expect_contains "$WORK/build5.log" "content/orders/2021-11-10-76.md: предупреждение: подпись «content/orders/files/prikaz-76.pdf.sig» не соответствует PDF: документ изменился, его нужно подписать заново"
[ -f "$WORK/out5/site/orders/2021-11-10-76.pdf.sig" ] && fail "устаревшая подпись опубликована" || pass
# A certificate that does not parse is an error.
echo "not a certificate" > "$SITE/content/orders/files/director.pem"
"$NK" build --site "$SITE" --out "$WORK/out6" > "$WORK/build6.log" 2>&1
expect_eq "$?" 1 "сборка с испорченным сертификатом"
expect_contains "$WORK/build6.log" "не удалось прочитать сертификат X.509"
finish
