#!/usr/bin/env bash
# The corpus of bad sites (tests/bad-sites/<case>/): each is a small site with one kind of error.
# expected.txt holds the command, the exit code and, after «---», the exact error output (stderr;
# $SITE and $OUT stand for the folders). prepare.sh, when present, runs in the copy of the site
# first (for what git should not keep: symbolic links, a file of 9 MB). A failed build must leave
# no output folder and no staging folder behind.
# UPDATE=1 rewrites expected.txt from the actual output (then review the diff!).
source "$(dirname "$0")/lib.sh"
CASES="$SRC/tests/bad-sites"
n=0
for dir in "$CASES"/*/; do
  name=$(basename "$dir")
  exp="$dir/expected.txt"
  [ -f "$exp" ] || { fail "$name: нет expected.txt"; continue; }
  n=$((n + 1))
  W="$WORK/$name"; SITE="$W/site"; OUT="$W/out"
  mkdir -p "$W"; cp -r "$dir/site" "$SITE"
  if [ -f "$dir/prepare.sh" ]; then
    (cd "$SITE" && bash "$dir/prepare.sh") || { fail "$name: prepare.sh не выполнился"; continue; }
  fi
  command=$(sed -n 's/^command: //p' "$exp")
  want_rc=$(sed -n 's/^exit: //p' "$exp")
  args=${command//\$SITE/$SITE}; args=${args//\$OUT/$OUT}
  # shellcheck disable=SC2086  # the command is split into words on purpose
  "$NK" $args > "$W/stdout.txt" 2> "$W/stderr.raw"
  rc=$?
  # The folders as they stand in expected.txt (longest first: $OUT may lie inside $SITE).
  python3 - "$W/stderr.raw" "$SITE" "$OUT" > "$W/stderr.txt" <<'PY'
import sys
text = open(sys.argv[1], encoding='utf-8', errors='replace').read()
for path, name in sorted([(sys.argv[2], '$SITE'), (sys.argv[3], '$OUT')], key=lambda x: -len(x[0])):
    text = text.replace(path, name)
sys.stdout.write(text)
PY
  sed '1,/^---$/d' "$exp" > "$W/expected-stderr.txt"
  if [ "${UPDATE:-}" = 1 ]; then
    { sed '/^---$/q' "$exp" | sed "s/^exit: .*/exit: $rc/"; cat "$W/stderr.txt"; } > "$exp.new" && mv "$exp.new" "$exp"
  fi
  expect_eq "$rc" "$want_rc" "$name: код выхода ($(head -c 300 "$W/stderr.txt"))"
  if diff -u "$W/expected-stderr.txt" "$W/stderr.txt" > "$W/diff.txt"; then pass; else
    fail "$name: вывод отличается от expected.txt:"; cat "$W/diff.txt"
  fi
  [ "$rc" -ne 0 ] && pass || fail "$name: сборка плохого сайта прошла"
  if [[ "$command" == build* ]]; then
    [ ! -e "$OUT" ] && pass || fail "$name: после неудачной сборки появилась папка $OUT"
  fi
  leftovers=$(find "$W" -maxdepth 3 -name '*.staging-*' -o -maxdepth 3 -name '*.old-*' | head -3)
  [ -z "$leftovers" ] && pass || fail "$name: осталась временная папка: $leftovers"
done
[ "$n" -ge 20 ] && pass || fail "в tests/bad-sites меньше 20 случаев ($n)"
finish
