#!/usr/bin/env bash
# Benchmark (not a test): PDF documents per second over the demo and the fixture sites, and the time
# of the longest order (the Kedrovy order № 76 with its roadmap and programme appendices), median of
# repeated runs. One thread: the build renders organisations in parallel on top of this.
# Also the whole PDF build of the demo with the real binary (--formats pdf), wall time and memory.
# Usage: scripts/bench-pdf.sh [build folder, default build] [repeats, default 7]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
REPEAT=${2:-7}
cmake --build "$BUILD" --target bench_pdf nastavnik -j2 > /dev/null
echo "машина: $(nproc) ядра, нагрузка: $(cut -d' ' -f1-3 /proc/loadavg)"
"$BUILD/bench_pdf" --repeat "$REPEAT" . tests/sites/kedrovy tests/sites/seshcha tests/sites/belogorsk \
  tests/sites/school17
OUT=$(mktemp -d /tmp/nastavnik-bench-pdf.XXXXXX)
trap 'rm -rf "$OUT"' EXIT
/usr/bin/time -f "демо целиком, только PDF (--formats pdf): %e с, CPU %U+%S с, память %M КБ" \
  "$BUILD/nastavnik" build --site . --out "$OUT/out" --formats pdf --quiet
