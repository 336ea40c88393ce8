#!/bin/sh
# End-to-end: runs the real binary on testdata/ and the real corpus and
# checks exit codes, stderr and the JSON report (tests/e2e_cli.py).
B=${1:-build}
exec /usr/bin/python3 "$(dirname "$0")/e2e_cli.py" "$B/assetlint"
