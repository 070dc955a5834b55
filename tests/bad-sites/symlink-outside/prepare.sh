#!/usr/bin/env bash
# Run in the copy of site/ before the command.
set -euo pipefail
# An attachment that is a symbolic link to a file outside the site.
mkdir -p content/orders/files
ln -s /etc/hostname content/orders/files/spisok.txt
