#!/usr/bin/env bash
# Run in the copy of site/ before the command.
set -euo pipefail
# A page over the 8 MiB limit of text files (made here: not kept in git).
mkdir -p content/pages
{ printf -- '---\ntitle: Большая страница\n---\n'; head -c 9000000 /dev/zero | tr '\0' 'a'; } > content/pages/bolshaya.md
