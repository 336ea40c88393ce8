#!/bin/sh
# make fuzz: runs each libFuzzer target of tests/fuzz/ in turn, FUZZ_S
# seconds in all (fuzz_file 2/3, fuzz_set 1/3), from the seed corpus in the
# repository plus testdata/, with the PNG/JPEG dictionary.  The working
# corpus grows in BUILD/corpus/TARGET; crashes, hangs
# (25 s: the machine may be shared) and inputs that use more than 2 GB go
# to BUILD/artifacts/TARGET/ -- copy them into tests/fuzz/found/TARGET/
# (after a fix) so that `make test` replays them.  Prints
# executions, exec/s, coverage and peak memory per target; exit status 1
# when any target found something.
# Usage: sh tests/fuzz/run.sh BUILD_DIR SECONDS
set -u
B=${1:-build/fuzz}
S=${2:-600}
fails=0
# third-party leaks whose cause is known (see the file)
LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$(pwd)/tests/fuzz/lsan.supp:print_suppressions=0"
export LSAN_OPTIONS
for t in fuzz_file fuzz_set; do
	case $t in fuzz_file) secs=$((S * 2 / 3)) ;; *) secs=$((S - S * 2 / 3)) ;; esac
	[ "$secs" -ge 1 ] || secs=1
	mkdir -p "$B/corpus/$t" "$B/artifacts/$t"
	extra=""
	# what the fuzzer found before (kept after the fix)
	[ -d "tests/fuzz/found/$t" ] && extra="tests/fuzz/found/$t"
	# small images only: a corpus of heroes would slow every execution
	[ $t = fuzz_file ] && extra="$extra testdata/e2e/formats testdata/e2e/disguised testdata/bad"
	echo "== $t: $secs s"
	# -max_len: room for a few small files in one input
	"$B/fuzzers/$t" -max_total_time="$secs" -timeout=25 -report_slow_units=25 -rss_limit_mb=2048 \
		-max_len=65536 -dict=tests/fuzz/png_jpeg.dict -print_final_stats=1 \
		-artifact_prefix="$B/artifacts/$t/" \
		"$B/corpus/$t" "tests/fuzz/seeds/$t" $extra >"$B/$t.log" 2>&1
	st=$?
	grep -E '^#[0-9]+.*(DONE|pulse)' "$B/$t.log" | tail -n 1
	grep -E '^stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb)' "$B/$t.log"
	# slow units (near the timeout) are kept as artifacts but are not
	# failures; crashes, leaks, timeouts and out-of-memory are
	slow=$(find "$B/artifacts/$t" -type f -name 'slow-unit-*' | wc -l)
	[ "$slow" -eq 0 ] || echo "note: $slow slow unit(s) in $B/artifacts/$t/ (not failures)"
	n=$(find "$B/artifacts/$t" -type f ! -name 'slow-unit-*' | wc -l)
	if [ "$st" -ne 0 ] || [ "$n" -gt 0 ]; then
		echo "$t: exit $st, $n artifact(s) in $B/artifacts/$t/ (log: $B/$t.log)"
		grep -E 'ERROR|SUMMARY|fuzz check failed' "$B/$t.log" | head -n 5
		fails=$((fails + 1))
	fi
done
[ "$fails" -eq 0 ]
