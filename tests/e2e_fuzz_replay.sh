#!/bin/sh
# Replays the fuzz targets' seed corpus, what the fuzzer found
# (tests/fuzz/found/TARGET/) and every file of testdata/bad/ (inputs that
# once crashed, hung or blew memory) through both targets, built with a
# plain main.  A failed check, a crash or (sanitizer build) a leak fails
# the test; tests/fuzz/lsan.supp names the third-party leaks let through.
# Argument: the build dir.
set -u
B=${1:-build}
LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$(pwd)/tests/fuzz/lsan.supp:print_suppressions=0"
export LSAN_OPTIONS
for t in fuzz_file fuzz_set; do
	[ -x "$B/tests/fuzz/$t" ] || { echo "FAIL: $B/tests/fuzz/$t not built" >&2; exit 1; }
	found=""
	[ -d "tests/fuzz/found/$t" ] && found="tests/fuzz/found/$t"
	"$B/tests/fuzz/$t" "tests/fuzz/seeds/$t" $found testdata/bad || { echo "FAIL: $t" >&2; exit 1; }
done
