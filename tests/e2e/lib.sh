# Shared helpers of the end-to-end tests: every check prints what it checked and fails loudly.
set -uo pipefail
NK="$1"; SRC="$2"; WORK="$3"
rm -rf "$WORK"; mkdir -p "$WORK"
FAILS=0; PASSES=0
NB=$'\xc2\xa0'  # the non-breaking space of Russian typography
export LC_ALL=C.UTF-8 LANG=C.UTF-8
pass() { PASSES=$((PASSES + 1)); }
fail() { echo "FAIL: $*"; FAILS=$((FAILS + 1)); }
# expect_contains FILE TEXT — the file contains the text
expect_contains() { if grep -qF -- "$2" "$1"; then pass; else fail "$1 не содержит «$2»"; fi; }
expect_not_contains() { if grep -qF -- "$2" "$1"; then fail "$1 содержит «$2»"; else pass; fi; }
expect_file() { if [ -f "$1" ]; then pass; else fail "нет файла $1"; fi; }
expect_eq() { if [ "$1" = "$2" ]; then pass; else fail "$3: ожидалось «$2», получено «$1»"; fi; }
# copy_site NAME DIR — a copy of a site to build from (the tool writes out/ into the site by default)
copy_site() { rm -rf "$2"; mkdir -p "$2"; cp -r "$1"/. "$2"/; rm -rf "$2/out"; }
finish() {
  echo "$PASSES passed, $FAILS failed"
  [ "$FAILS" -eq 0 ] && [ "$PASSES" -gt 0 ]
}
