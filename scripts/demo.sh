#!/usr/bin/env bash
# Installs, builds, and renders the shipped demo site (content/, data/) into out/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
./build/nastavnik build --site . --out out
echo "Откройте out/site/index.html в браузере."
