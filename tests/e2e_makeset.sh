#!/bin/sh
# End-to-end: `assetlint make-set` on the masters in testdata/makeset/
# (tests/e2e_makeset.py): sets written and checked, exit codes, usage
# errors, --dry-run, reports.
B=${1:-build}
exec /usr/bin/python3 "$(dirname "$0")/e2e_makeset.py" "$B/assetlint"
