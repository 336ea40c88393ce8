#!/bin/sh
# End-to-end checks of issue #12, "fit the places people run it": files
# given alone, editor and CI formats, file lists and excludes, --help,
# colour and the progress bar (tests/e2e_places.py).
B=${1:-build}
exec /usr/bin/python3 "$(dirname "$0")/e2e_places.py" "$B/assetlint"
