#!/usr/bin/env bash
# End-to-end test of the XLSX workbooks (issue 4). Builds the demo and every fixture site, opens
# every workbook with LibreOffice headless (recalculating formulas on load), converts every sheet to
# CSV and compares values and formula results with the site's data (xlsx_check.py); checks that the
# privacy fixture's markers are in the private workbooks and in no public one; checks that two
# builds give byte-identical workbooks and that the web pages link the public ones.
# Usage: test_xlsx.sh <nastavnik binary> <source dir> <scratch dir>. Exits 1 on any failure.
set -uo pipefail

BIN=$(realpath "$1")
SRC=$(realpath "$2")
WORK=$3
FILTER='csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1'
failures=0
fail() {
  echo "ОШИБКА: $*"
  failures=$((failures + 1))
}

for tool in soffice python3 unzip cmp; do
  if ! command -v "$tool" >/dev/null; then
    echo "ОШИБКА: нет программы $tool (нужны libreoffice-calc-nogui, python3, unzip)"
    exit 1
  fi
done

rm -rf "$WORK"
mkdir -p "$WORK"
WORK=$(realpath "$WORK")
export SOURCE_DATE_EPOCH=1727654400  # for sites without build_date

# A LibreOffice profile that recalculates OOXML formulas on load (LIBRARIES.md): the CSV then shows
# LibreOffice's results, not the cached values the generator wrote. A second profile never
# recalculates: its CSV shows the cached values, which viewers that do not recalculate show.
profile() {  # profile <dir> <OOXMLRecalcMode: 0 always, 1 never>
  mkdir -p "$1/user"
  cat >"$1/user/registrymodifications.xcu" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>$2</value></prop></item>
</oor:items>
EOF
}
PROFILE=$WORK/lo-profile
CACHED_PROFILE=$WORK/lo-profile-cached
profile "$PROFILE" 0
profile "$CACHED_PROFILE" 1

build() {  # build <site> <out>
  if ! "$BIN" build --site "$1" --out "$2" --formats html,xlsx -q >"$2.log" 2>&1; then
    fail "сборка $1 не удалась:"
    cat "$2.log"
    return 1
  fi
}

workbooks() {  # workbooks <out> [site|private]: paths relative to <out>
  (cd "$1" && find ${2:-site private} -name '*.xlsx' 2>/dev/null | sort)
}

convert() {  # convert <out> <csv dir> [profile]: every sheet of every workbook, named <area>__<path>-<sheet>.csv
  local out=$1 csv=$2 stage=$2.xlsx f flat n profile=${3:-$PROFILE}
  mkdir -p "$csv" "$stage"
  for f in $(workbooks "$out"); do
    flat=${f%.xlsx}
    cp "$out/$f" "$stage/${flat//\//__}.xlsx"
  done
  if ! soffice -env:UserInstallation="file://$profile" --headless --convert-to "$FILTER" --outdir "$csv" \
      "$stage"/*.xlsx >"$csv.log" 2>&1; then
    fail "LibreOffice не открыл таблицы $out:"
    cat "$csv.log"
  fi
  for f in $(workbooks "$out"); do
    flat=${f%.xlsx}
    n=$(find "$csv" -name "${flat//\//__}-*.csv" | wc -l)
    [ "$n" -gt 0 ] || fail "$out/$f: LibreOffice не выдал ни одного листа"
  done
}

sites=("$SRC")
for s in "$SRC"/tests/sites/*/; do
  [ -f "$s/data/site.json" ] && sites+=("${s%/}")  # a folder still without data/site.json is not a site yet
done

for site in "${sites[@]}"; do
  name=$(basename "$site")
  [ "$site" = "$SRC" ] && name=demo
  out=$WORK/$name/out
  mkdir -p "$WORK/$name"
  build "$site" "$out" || continue
  [ -n "$(workbooks "$out" site)" ] || fail "$name: ни одной публичной таблицы"
  if find "$out/site" -name 'baza-*' | grep -q .; then fail "$name: база лежит в публичной папке site/"; fi
  convert "$out" "$WORK/$name/csv"
  if [ "$name" = workbook-styles ]; then  # its own sheet names and columns: checked below
    python3 "$SRC/tests/e2e/xlsx_check.py" --styles-fixture "$site" "$out" "$WORK/$name/csv" ||
      fail "$name: таблицы не соответствуют стилям фикстуры"
  else
    python3 "$SRC/tests/e2e/xlsx_check.py" "$site" "$out" "$WORK/$name/csv" || fail "$name: значения таблиц не совпадают с данными"
  fi
done

# Workbook styles (tests/sites/workbook-styles/templates/workbooks/*.yaml) in the workbooks' XML:
# colours of the roadmap statuses and of «нет», print orientation, header and footer text.
xml() {  # xml <xlsx> <part>: one part of a workbook
  unzip -p "$1" "$2" 2>/dev/null
}
has_xml() {  # has_xml <xlsx> <part> <text> <what>
  xml "$1" "$2" | grep -qF -- "$3" || fail "$(basename "$1") ($2): нет «$3» — $4"
}
lacks_xml() {
  if xml "$1" "$2" | grep -qF -- "$3"; then fail "$(basename "$1") ($2): есть «$3» — $4"; fi
}
ws=$WORK/workbook-styles/out
demo_out=$WORK/demo/out
if [ -d "$ws" ]; then
  mon=$ws/site/schools/sosh-1/monitoring.xlsx
  for c in FFFF0000 FF00FF00 FFFFFF00; do has_xml "$mon" xl/styles.xml "$c" "цвет статуса из monitoring.yaml"; done
  lacks_xml "$mon" xl/styles.xml FFF4CCCC "встроенный цвет «просрочено» заменён"
  has_xml "$mon" xl/worksheets/sheet3.xml 'просрочено' "условное форматирование статуса на листе «План»"
  has_xml "$mon" xl/workbook.xml 'name="План"' "лист дорожной карты назван по стилю"
  sum=$ws/site/summary.xlsx
  has_xml "$sum" xl/styles.xml FF0000FF "цвет «нет» из summary.yaml"
  has_xml "$sum" xl/workbook.xml 'name="Свод"' "лист сводки назван по стилю"
  has_xml "$sum" xl/worksheets/sheet1.xml '<oddFooter>&amp;LОтдел образования' "нижний колонтитул слева: {organisation}"
  has_xml "$sum" xl/worksheets/sheet1.xml '&amp;RЛист &amp;P</oddFooter>' "нижний колонтитул справа: «Лист {page}»"
  has_xml "$sum" xl/worksheets/sheet1.xml 'orientation="landscape"' "сводка осталась альбомной"
  base=$ws/private/schools/sosh-1/baza-nastavnikov.xlsx
  has_xml "$base" xl/worksheets/sheet1.xml 'orientation="portrait"' "книжная ориентация из bases.yaml"
  has_xml "$base" xl/worksheets/sheet1.xml '<oddHeader>&amp;CБаза наставников: МАОУ СОШ № 1 г. Кедрового — для служебного пользования</oddHeader>' \
    "верхний колонтитул {title}"
  has_xml "$base" xl/worksheets/sheet1.xml '&amp;CСтраница &amp;P из &amp;N</oddFooter>' "встроенный нижний колонтитул сохранился"
  # The demo keeps the built-in styles.
  has_xml "$demo_out/site/summary.xlsx" xl/styles.xml FFF4CCCC "встроенный цвет «нет»"
  lacks_xml "$demo_out/site/summary.xlsx" xl/worksheets/sheet1.xml '<oddHeader>' "встроенный стиль без верхнего колонтитула"
else
  fail "фикстура workbook-styles не собрана"
fi

# A mistake in a site's workbook style stops the build with its place (exit code 1).
bad=$WORK/bad-style
cp -r "$SRC/tests/sites/workbook-styles" "$bad"
printf 'columns:\n  - organisation\n  - telefon\n' >"$bad/templates/workbooks/summary.yaml"
"$BIN" build --site "$bad" --out "$bad-out" -q >"$bad.log" 2>&1
code=$?
[ "$code" = 1 ] || fail "ошибка в стиле таблицы: код выхода $code вместо 1"
grep -qF 'templates/workbooks/summary.yaml:3:5: ошибка: «columns»: неизвестное поле «telefon»' "$bad.log" ||
  fail "нет сообщения об ошибке в стиле таблицы с файлом и строкой: $(head -c 300 "$bad.log")"

# Cached formula values: the demo's workbooks read without recalculation show the same as with it.
convert "$WORK/demo/out" "$WORK/demo/csv-cached" "$CACHED_PROFILE"
ncached=0
for f in "$WORK"/demo/csv/*.csv; do
  g=$WORK/demo/csv-cached/$(basename "$f")
  ncached=$((ncached + 1))
  cmp -s "$f" "$g" || fail "$(basename "$f"): значения формул, записанные в файл, расходятся с пересчитанными: $(diff "$f" "$g" | head -4 | tr '\n' ' ')"
done
[ "$ncached" -gt 20 ] || fail "сравнено листов с записанными значениями формул: $ncached"

# The web pages link the public workbooks.
demo=$WORK/demo/out/site
grep -q 'href="summary.xlsx"' "$demo/index.html" || fail "главная страница департамента не ссылается на summary.xlsx"
grep -q 'href="summary.xlsx"' "$demo/monitoring.html" || fail "страница мониторинга департамента не ссылается на summary.xlsx"
for page in "$demo"/schools/*/monitoring.html; do
  grep -q 'href="monitoring.xlsx"' "$page" || fail "$page не ссылается на monitoring.xlsx"
done

# Privacy: every marker of the fixture is in some private workbook and in no public one.
priv=$WORK/privacy/out
if [ -d "$priv" ]; then
  for f in $(workbooks "$priv"); do unzip -p "$priv/$f" >"$WORK/privacy/$(echo "$f" | tr / _).xml"; done
  while IFS= read -r marker; do
    [ -n "$marker" ] || continue
    if grep -lF -- "$marker" "$WORK"/privacy/site_*.xml >/dev/null 2>&1; then
      fail "метка «$marker» есть в публичной таблице: $(grep -lF -- "$marker" "$WORK"/privacy/site_*.xml | xargs -n1 basename)"
    fi
    grep -qF -- "$marker" "$WORK"/privacy/private_*.xml || fail "метки «$marker» нет ни в одной базе private/"
  done <"$SRC/tests/sites/privacy/MARKERS.txt"
else
  fail "фикстура privacy не собрана"
fi

# Byte-identical: a second build of the demo gives the same workbooks.
again=$WORK/demo-again
mkdir -p "$again"
if build "$SRC" "$again/out"; then
  [ "$(workbooks "$WORK/demo/out")" = "$(workbooks "$again/out")" ] || fail "вторая сборка дала другой набор таблиц"
  for f in $(workbooks "$WORK/demo/out"); do
    cmp -s "$WORK/demo/out/$f" "$again/out/$f" || fail "$f: вторая сборка дала другие байты"
  done
fi

if [ "$failures" -gt 0 ]; then
  echo "test_xlsx: ошибок: $failures"
  exit 1
fi
echo "test_xlsx: все проверки пройдены"
