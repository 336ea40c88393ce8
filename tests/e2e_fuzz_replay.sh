#!/bin/sh
# Replays the fuzz targets' seed corpus and every file of testdata/bad/
# (inputs that once crashed, hung or blew memory) through both targets,
# built with a plain main.  A failed check or a crash fails the test.
# Argument: the build dir.
set -u
B=${1:-build}
for t in fuzz_file fuzz_set; do
	[ -x "$B/tests/fuzz/$t" ] || { echo "FAIL: $B/tests/fuzz/$t not built" >&2; exit 1; }
	"$B/tests/fuzz/$t" "tests/fuzz/seeds/$t" testdata/bad || { echo "FAIL: $t" >&2; exit 1; }
done
