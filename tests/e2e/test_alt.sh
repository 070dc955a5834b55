#!/usr/bin/env bash
# An image without a description (alt text) is a warning of `nastavnik check` with file:line:col, in
# Russian; `check --strict` then fails; an image with a description gives no warning, and the built
# page carries the description in alt.
source "$(dirname "$0")/lib.sh"
SITE="$WORK/site"
copy_site "$SRC/tests/sites/seshcha" "$SITE"
mkdir -p "$SITE/content/pages/files"
cp "$SRC/content/news/files/kvest-marshrut.png" "$SITE/content/pages/files/plan.png"
# Line 6: the image opens the paragraph (column 1); line 8: in the middle of a line (column 7);
# line 10: only spaces in the brackets; line 12: with a description.
cat > "$SITE/content/pages/foto.md" <<'EOF'
---
title: Фотографии
---

Текст.
![](files/plan.png)

Схема ![](files/plan.png) маршрута.

![   ](files/plan.png)

![План кабинета наставника](files/plan.png)
EOF

"$NK" check --site "$SITE" > "$WORK/check.out" 2> "$WORK/check.err"
rc=$?
cat "$WORK/check.err"
expect_eq "$rc" 0 "check с предупреждениями: код выхода"
for pos in 6:1 8:7 10:1; do
  expect_contains "$WORK/check.err" "content/pages/foto.md:$pos: предупреждение: у изображения «files/plan.png» нет описания (alt)"
done
expect_eq "$(grep -c 'нет описания (alt)' "$WORK/check.err")" 3 "число предупреждений об alt"

"$NK" check --site "$SITE" --strict > /dev/null 2> "$WORK/strict.err"
expect_eq "$?" 1 "check --strict с изображением без alt: код выхода"

# The described image keeps its description in the page; the others get alt="" (valid HTML).
"$NK" build --site "$SITE" --out "$WORK/out" --formats html -q 2> "$WORK/build.err"
expect_eq "$?" 0 "сборка"
page="$WORK/out/site/pages/foto.html"
expect_file "$page"
expect_contains "$page" 'alt="План кабинета наставника"'
expect_eq "$(grep -o '<img [^>]*>' "$page" | grep -vc 'alt=')" 0 "изображения без атрибута alt на странице"

# Without the undescribed images there is no warning at all.
sed -i '6,10d' "$SITE/content/pages/foto.md"
"$NK" check --site "$SITE" > /dev/null 2> "$WORK/check2.err"
expect_not_contains "$WORK/check2.err" "нет описания (alt)"
finish
