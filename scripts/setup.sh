#!/usr/bin/env bash
# Installs what nastavnik needs on Debian 12 (as root) and builds it into build/.
# Usage: scripts/setup.sh [--tests]   (--tests also installs the test clients)
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD_PACKAGES=(
  cmake g++ make pkg-config
  libcmark-gfm-dev libcmark-gfm-extensions-dev   # Markdown
  libhpdf-dev libhyphen-dev hyphen-ru libqrencode-dev libssl-dev zlib1g-dev  # PDF
  libdeflate-dev                                  # PDF streams compressed faster than libharu's zlib
  libxlsxwriter-dev                               # XLSX
  nlohmann-json3-dev libyaml-cpp-dev libcli11-dev
  libstemmer-dev                                  # site search: Russian Snowball stemmer
  libjemalloc-dev                                 # the allocator of the nastavnik binary (speed)
  fonts-paratype fonts-liberation2                # free fonts with Cyrillic
)
TEST_PACKAGES=(
  catch2 libkainjow-mustache-dev  # the Mustache engine is compared with kainjow, the engine before it
  python3 poppler-utils qpdf zbar-tools openssl unzip
  libreoffice-calc-nogui chromium
  nodejs npm ca-certificates default-jre-headless # browser tests (tests/e2e/test_browser.sh runs npm ci
                                                  # of playwright-core, axe-core, vnu-jar; Java runs vnu.jar)
  hugo time                                       # scripts/bench.sh: Hugo to compare with, GNU time
)

want=("${BUILD_PACKAGES[@]}")
[ "${1:-}" = "--tests" ] && want+=("${TEST_PACKAGES[@]}")
missing=()
for p in "${want[@]}"; do
  # npm ships inside some builds of nodejs (then the Debian package npm conflicts with it)
  [ "$p" = npm ] && command -v npm >/dev/null && continue
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Устанавливаю пакеты: ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    echo "Нужны права root для apt-get (запустите от root или через sudo)" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

tests=OFF
[ "${1:-}" = "--tests" ] && tests=ON
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNASTAVNIK_TESTS=$tests >/dev/null
cmake --build build -j"$(nproc)"
