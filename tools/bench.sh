#!/bin/sh
# make bench: a measurement, never a test.  Builds a tree of about 4800
# marketplace-size images in $B/bench/tree (copies of the real corpus's and
# testdata/'s PNG/JPEG files, each set folder kept intact, repeated into
# many folders), then times, alternating and repeated ROUNDS times:
#   (a) $B/tools/decode_bench -j2 over the tree (decode only: the floor)
#   (b) $B/assetlint -j2 -q --format json over the tree (to /dev/null)
#   (c) the same with -j1
# and prints the median wall time, peak RSS (/usr/bin/time -v, "Maximum
# resident set size") and the ratio (b)/(a).  Exit status 0 unless a
# command fails (assetlint's exit 1 = findings is not a failure).
# Usage: sh tools/bench.sh [BUILD_DIR]    env: ROUNDS (3), TARGET (4800)
set -u
B=${1:-build}
ROUNDS=${ROUNDS:-3}
TARGET=${TARGET:-4800}
# The real corpus when ../shared is beside the repository (or CORPUS=DIR);
# else testdata/ alone, and the summary says so.
CORPUS=${CORPUS:-$(dirname "$0")/../../shared/corpus/real}
TREE=$B/bench/tree
LOG=$B/bench/log
die() { echo "bench: $*" >&2; exit 1; }

[ -x "$B/assetlint" ] || die "$B/assetlint not built (run: make)"
[ -x "$B/tools/decode_bench" ] || die "$B/tools/decode_bench not built"
mkdir -p "$B/bench" "$LOG" || die "cannot create $B/bench"

# ---- the tree ------------------------------------------------------------
# One copy = every folder of the sources that directly holds PNG/JPEG
# files, with those files.  Built once; delete $B/bench to rebuild.
if [ ! -f "$TREE/.complete" ]; then
	rm -rf "$TREE" "$B/bench/one"
	one=$B/bench/one
	mkdir -p "$one" || die "cannot create $one"
	for src in "$CORPUS" testdata; do
		[ -d "$src" ] || continue
		tag=$(basename "$src")
		find "$src" -type f \( -iname '*.png' -o -iname '*.jpg' -o -iname '*.jpeg' \) |
		while IFS= read -r f; do
			rel=${f#"$src"/}
			d=$one/$tag/$(dirname "$rel")
			mkdir -p "$d" && cp "$f" "$d/" || exit 1
		done || die "copying $src failed"
	done
	per=$(find "$one" -type f | wc -l)
	[ "$per" -gt 0 ] || die "no PNG/JPEG files in $CORPUS or testdata"
	copies=$(( (TARGET + per - 1) / per ))
	rm -rf "$TREE.tmp"
	mkdir -p "$TREE.tmp" || die "cannot create $TREE.tmp"
	i=1
	while [ $i -le $copies ]; do
		cp -R "$one" "$TREE.tmp/copy$(printf %03d $i)" ||
			die "copying the tree failed"
		i=$((i + 1))
	done
	rm -rf "$one"
	mv "$TREE.tmp" "$TREE" || die "cannot create $TREE"
	touch "$TREE/.complete"
fi
[ -d "$CORPUS" ] || echo "bench: no corpus at $CORPUS; the tree is built from testdata/ alone" >&2
files=$(find "$TREE" -type f ! -name .complete | wc -l)
sets=$(find "$TREE" -type f ! -name .complete -printf '%h\n' | sort -u | wc -l)
bytes=$(du -sk "$TREE" | cut -f1)

# ---- timing --------------------------------------------------------------
HAVE_TIME=0
[ -x /usr/bin/time ] && HAVE_TIME=1

# run NAME CMD...: runs CMD once; appends "wall_s rss_kib" to $LOG/NAME.
run() {
	name=$1; shift
	out=$LOG/$name.out
	t0=$(date +%s.%N)
	if [ $HAVE_TIME = 1 ]; then
		/usr/bin/time -v -o "$LOG/$name.time" "$@" >"$out" 2>"$LOG/$name.err"
	else
		"$@" >"$out" 2>"$LOG/$name.err"
	fi
	rc=$?
	t1=$(date +%s.%N)
	# assetlint: 1 means findings, only 2 (or a signal) is a failure
	if [ $rc -ge 2 ] || { [ $rc -eq 1 ] && [ "$name" = decode ]; }; then
		echo "bench: '$*' failed (exit $rc):" >&2
		tail -n 5 "$LOG/$name.err" >&2
		exit 1
	fi
	rss=0
	[ $HAVE_TIME = 1 ] &&
		rss=$(sed -n 's/.*Maximum resident set size (kbytes): *//p' "$LOG/$name.time")
	echo "$(echo "$t1 - $t0" | awk '{printf "%.3f", $1 - $3}' ) ${rss:-0}" >>"$LOG/$name.runs"
}

# time private copies: a rebuild during the run must not swap the binary
BIN=$B/bench/bin
mkdir -p "$BIN" && cp "$B/assetlint" "$B/tools/decode_bench" "$BIN/" ||
	die "cannot copy the binaries to $BIN"
rm -f "$LOG"/*.runs
# one untimed warm-up so the first timed command does not pay for the
# page cache
"$BIN/decode_bench" -j2 "$TREE" >/dev/null 2>&1
r=1
while [ $r -le "$ROUNDS" ]; do
	run decode "$BIN/decode_bench" -j2 "$TREE"
	run lint_j2 "$BIN/assetlint" -j2 -q --no-config --format json "$TREE"
	run lint_j1 "$BIN/assetlint" -j1 -q --no-config --format json "$TREE"
	r=$((r + 1))
done

# median of column $2 of $LOG/$1.runs
median() { sort -n -k"$2","$2" "$LOG/$1.runs" | awk -v c="$2" '{v[NR]=$c} END {print v[int((NR+1)/2)]}'; }

a=$(median decode 1); b=$(median lint_j2 1); c=$(median lint_j1 1)
ra=$(median decode 2); rb=$(median lint_j2 2); rc=$(median lint_j1 2)
echo "bench: $files files in $sets sets ($((bytes / 1024)) MiB) under $TREE;"
echo "       median of $ROUNDS alternating rounds; $(nproc 2>/dev/null || echo '?') cores"
awk -v a="$a" -v b="$b" -v c="$c" -v ra="$ra" -v rb="$rb" -v rc="$rc" \
    -v n="$files" -v t="$HAVE_TIME" 'BEGIN {
	printf "  %-40s %9s %9s %12s\n", "command", "wall s", "files/s", "peak RSS MiB"
	rss = t ? "%12.1f" : "%12s"
	printf "  %-40s %9.3f %9.0f " rss "\n", "(a) decode_bench -j2", a, n / a, t ? ra / 1024 : "n/a"
	printf "  %-40s %9.3f %9.0f " rss "\n", "(b) assetlint -j2 -q --format json", b, n / b, t ? rb / 1024 : "n/a"
	printf "  %-40s %9.3f %9.0f " rss "\n", "(c) assetlint -j1 -q --format json", c, n / c, t ? rc / 1024 : "n/a"
	printf "  ratio (b)/(a) = %.2f   (c)/(b) = %.2f\n", b / a, c / b
}'
echo "  per-run times: $LOG/*.runs"
exit 0
