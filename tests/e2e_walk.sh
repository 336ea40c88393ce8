#!/bin/sh
# Hostile trees built at run time: links, loops, FIFOs, PATH_MAX, the read
# limit, an empty run (tests/e2e_walk.py).
B=${1:-build}
exec /usr/bin/python3 "$(dirname "$0")/e2e_walk.py" "$B/assetlint"
