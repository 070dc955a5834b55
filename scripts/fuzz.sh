#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan) into build-fuzz/ and runs each for a given time.
# Usage: scripts/fuzz.sh [SECONDS per target, default 60] [TARGET…: page json pdf mustache]
# Runs the targets one after another (one process each: the machine may be shared).
# A crash leaves its input in build-fuzz/artifacts/<target>/; copy it to fuzz/regressions/<target>/
# (replayed by ctest as «fuzz-regressions: <target>», also under ASan/UBSan) once the bug is fixed.
set -uo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER=${1:-60}
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=(page json pdf mustache)
BUILD=${NASTAVNIK_FUZZ_BUILD:-build-fuzz}
JOBS=${JOBS:-2}

if ! command -v clang++ >/dev/null; then
  echo "нет clang++: apt-get install clang libclang-rt-14-dev (или scripts/setup.sh --fuzz)" >&2
  exit 1
fi
CC=clang CXX=clang++ cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNASTAVNIK_FUZZ=ON \
  -DNASTAVNIK_TESTS=OFF >/dev/null || exit 1
cmake --build "$BUILD" -j"$JOBS" --target $(printf 'fuzz_%s ' "${TARGETS[@]}") >"$BUILD/build.log" 2>&1 ||
  { tail -30 "$BUILD/build.log"; exit 1; }

status=0
printf '%-6s %8s %12s %10s %s\n' target seconds executions exec/s result
for t in "${TARGETS[@]}"; do
  corpus="$BUILD/corpus/$t" artifacts="$BUILD/artifacts/$t"
  mkdir -p "$corpus" "$artifacts"
  cp -n fuzz/corpus/"$t"/* "$corpus"/ 2>/dev/null
  [ -d fuzz/regressions/"$t" ] && cp -n fuzz/regressions/"$t"/* "$corpus"/ 2>/dev/null
  log="$BUILD/fuzz-$t.log"
  start=$(date +%s)
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    "$BUILD/fuzz/fuzz_$t" "$corpus" -max_total_time="$SECONDS_PER" -timeout=20 -rss_limit_mb=4096 \
    -max_len=16384 -print_final_stats=1 -artifact_prefix="$artifacts/" >"$log" 2>&1
  rc=$?
  took=$(( $(date +%s) - start ))
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  speed=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  if [ $rc -eq 0 ]; then result=ok; else result="НАЙДЕНО (код $rc): $(ls "$artifacts" | head -3 | tr '\n' ' ') см. $log"; status=1; fi
  printf '%-6s %8s %12s %10s %s\n' "$t" "$took" "${execs:-?}" "${speed:-?}" "$result"
done
exit $status
