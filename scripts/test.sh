#!/usr/bin/env bash
# Installs, builds, and runs the whole test suite (unit and end-to-end) twice:
#   1. the ordinary build in build/;
#   2. the same suite built with AddressSanitizer and UndefinedBehaviorSanitizer in build-asan/
#      (-DNASTAVNIK_SANITIZE=ON; the fuzz regression inputs are replayed there too);
#   3. ThreadSanitizer: the tool alone built with -fsanitize=thread in build-tsan/, run with --jobs 4
#      over the demo and the fixture sites (organisations, loading and the publisher are parallel);
#      any report fails the run.
# Any sanitizer report fails the run: the sanitizers abort the process at the first report (so the
# test that ran it fails); ASan/LSan write reports into build-asan/sanitizer-logs/, which must stay
# empty, and UBSan's reports are looked for in the tests' output and the e2e tests' saved stderr
# (this also catches a report in a process whose exit code a test does not look at).
# Environment: NASTAVNIK_TEST_STAGES="plain asan tsan" (default: all), JOBS (default: nproc),
# NASTAVNIK_SKIP_SETUP=1 (see below).
set -euo pipefail
cd "$(dirname "$0")/.."
STAGES=${NASTAVNIK_TEST_STAGES:-plain asan tsan}
JOBS=${JOBS:-$(nproc)}
status=0

# Packages and the ordinary build in build/ (NASTAVNIK_SKIP_SETUP=1: the packages are there and
# build/ is not wanted, e.g. on a shared machine that runs only the sanitizer stage).
if [ -z "${NASTAVNIK_SKIP_SETUP:-}" ]; then scripts/setup.sh --tests; fi

if [[ " $STAGES " == *" plain "* ]]; then
  echo "== тесты: обычная сборка (build/)"
  (cd build && ctest --output-on-failure -j"$JOBS") || status=1
fi

if [[ " $STAGES " == *" asan "* ]]; then
  echo "== тесты: сборка с AddressSanitizer и UndefinedBehaviorSanitizer (build-asan/)"
  cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNASTAVNIK_SANITIZE=ON -DNASTAVNIK_TESTS=ON >/dev/null
  cmake --build build-asan -j"$JOBS"
  logs="$PWD/build-asan/sanitizer-logs"
  rm -rf "$logs"; mkdir -p "$logs"
  # exitcode/abort_on_error: a report must never look like the tool's own exit code 1 («errors in
  # the site»), which the bad-site tests expect.
  export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:halt_on_error=1:detect_stack_use_after_return=1:strict_string_checks=1:log_path=$logs/asan"
  export UBSAN_OPTIONS="halt_on_error=1:abort_on_error=1:print_stacktrace=1:log_path=$logs/ubsan"
  export LSAN_OPTIONS="log_path=$logs/lsan"
  (cd build-asan && ctest --output-on-failure -j"$JOBS") || status=1
  # UBSan linked with ASan ignores log_path and writes to stderr: look for reports in what the
  # tests printed (ctest's log) and in the files the end-to-end tests kept the tool's stderr in.
  reports=$(grep -rIl -E 'runtime error: |==ERROR: (AddressSanitizer|LeakSanitizer)|SUMMARY: (Address|UndefinedBehavior)Sanitizer' \
              build-asan/Testing/Temporary build-asan/tests/e2e-* 2>/dev/null | head -20 || true)
  if [ -n "$(ls -A "$logs")" ] || [ -n "$reports" ]; then
    echo "ОШИБКА: отчёты санитайзеров:" >&2
    for f in "$logs"/* $reports; do [ -f "$f" ] || continue; echo "--- $f" >&2; grep -m5 -A20 -E 'runtime error: |==ERROR|SUMMARY' "$f" >&2 || head -60 "$f" >&2; done
    status=1
  else
    echo "санитайзеры: отчётов нет"
  fi
fi
if [[ " $STAGES " == *" tsan "* ]]; then
  echo "== ThreadSanitizer: nastavnik --jobs 4 на демо и тестовых сайтах (build-tsan/)"
  cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNASTAVNIK_TESTS=OFF \
    -DCMAKE_CXX_FLAGS=-fsanitize=thread -DCMAKE_EXE_LINKER_FLAGS=-fsanitize=thread >/dev/null
  cmake --build build-tsan -j"$JOBS" --target nastavnik
  tsan_out=$(mktemp -d)
  races=0
  for site in . tests/sites/*/; do
    [ -f "$site/data/site.json" ] || continue  # overlays such as letterhead are built by their tests
    name=$(basename "$(cd "$site" && pwd)")
    log="$tsan_out/$name.log"
    rc=0
    TSAN_OPTIONS="halt_on_error=0 exitcode=66" SOURCE_DATE_EPOCH=1727654400 \
      build-tsan/nastavnik build --site "$site" --out "$tsan_out/$name" --jobs 4 -q 2>"$log" >/dev/null || rc=$?
    n=$(grep -c 'WARNING: ThreadSanitizer' "$log" || true)
    # Exit 1 is a site with errors (the privacy fixture is built by its tests with its markers);
    # 66 is a report, anything else a crash.
    if [ "$n" -gt 0 ] || { [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; }; then
      echo "ОШИБКА: ThreadSanitizer, сайт $site (код $rc):" >&2
      grep -m3 -A25 'WARNING: ThreadSanitizer' "$log" >&2 || tail -20 "$log" >&2
      races=1
    fi
  done
  # School by school (--low-memory): schools are released on the loading threads and loaded
  # again by the workers (and by the department's merged bases) while others render.
  rc=0
  TSAN_OPTIONS="halt_on_error=0 exitcode=66" SOURCE_DATE_EPOCH=1727654400 \
    build-tsan/nastavnik build --site . --out "$tsan_out/low-memory" --jobs 4 -q --low-memory \
    2>"$tsan_out/low-memory.log" >/dev/null || rc=$?
  if grep -q 'WARNING: ThreadSanitizer' "$tsan_out/low-memory.log" || [ "$rc" -ne 0 ]; then
    echo "ОШИБКА: ThreadSanitizer, демо-сайт с --low-memory (код $rc):" >&2
    grep -m3 -A25 'WARNING: ThreadSanitizer' "$tsan_out/low-memory.log" >&2 || tail -20 "$tsan_out/low-memory.log" >&2
    races=1
  fi
  rm -rf "$tsan_out"
  if [ $races -eq 0 ]; then echo "ThreadSanitizer: отчётов нет"; else status=1; fi
fi

exit $status
