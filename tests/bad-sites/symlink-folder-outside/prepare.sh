#!/usr/bin/env bash
# Run in the copy of site/ before the command.
set -euo pipefail
# A folder of the site that is a link to a folder outside it; an appendix points into it.
mkdir -p ../vneshnee && printf '%%PDF-1.4\n' > ../vneshnee/spisok.pdf
ln -s "$(cd ../vneshnee && pwd)" data/vneshnee
