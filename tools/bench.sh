#!/bin/sh
# make bench: a measurement, never a test (issue #10).  Prints, side by side
# from one run:
#   - the decode floor: $B/tools/decode_bench, which reads each PNG/JPEG
#     and decodes it to RGBA with libpng / libjpeg and nothing else, -j1
#     and -j2;
#   - assetlint -j1 and -j2 over the same files (every rule, JSON to
#     /dev/null), and each one's ratio to the floor at the same -j; and
#     the -j2 CPU ratio of each round, sorted, which shows how far the
#     machine's noise moves it;
#   - peak RSS at about 1,000 files and at about 20,000 files (-j2), and
#     their ratio (the goal: within 10 %, and at most 64 MiB);
#   - one hero (testdata/demo/contoso/Hero.png, 815x290) as a whole
#     process, start-up included: the floor against assetlint.
# Times are medians of ROUNDS rounds in which the commands alternate, so
# that a load change on a shared machine hits all of them alike; compare
# ratios, not seconds.  Wall and CPU time (user + system, from wait4) are
# both shown: on a loaded machine the CPU time is the steadier, and -j2
# may gain nothing in wall time when the scheduler shares the cores by
# session (autogroup).  Per-change comparisons of CPU work are better made
# with instruction counts (valgrind --tool=callgrind), which repeat.
#
# The files: the repository's testdata/ (good and broken images), the
# generated evaluation corpus when `make eval` has built it
# ($B/eval/corpus), and ../shared/corpus/real when it is beside the
# repository (BENCH_REAL=0 leaves it out); the output names what it used.
# Folders of more than 8 images are cut into offer-sized folders of 5, a
# sample of folders is taken (spread over every source) to make about
# BENCH_FILES files, and the big tree is copies of it (hard links), so both
# sizes hold the same mix.  Trees are kept in $B/bench and rebuilt when the
# sources or sizes change.  Exit status 0 unless a command fails
# (assetlint's exit 1 -- findings -- is not a failure).
#
# Usage: sh tools/bench.sh [BUILD_DIR]
# Env:   ROUNDS=5  BENCH_FILES=1000  BENCH_BIG=20000  BIG_ROUNDS=1
#        HERO_RUNS=21  BENCH_REAL=1
#        BENCH_OLD=PATH  another assetlint binary (e.g. main's before a
#                        change, copied aside), run alternating with this
#                        one at -j2, on the big tree and on the hero: a
#                        before/after measured side by side in one run
set -u
B=${1:-build}
ROUNDS=${ROUNDS:-5}
SMALL=${BENCH_FILES:-1000}
BIG=${BENCH_BIG:-20000}
BIG_ROUNDS=${BIG_ROUNDS:-1}
HERO_RUNS=${HERO_RUNS:-21}
HERO=testdata/demo/contoso/Hero.png
W=$B/bench
LOG=$W/log
die() { echo "bench: $*" >&2; exit 1; }

# BUILD_DIR is taken relative to the repository (make runs this from there)
cd "$(dirname "$0")/.." || exit 1
REAL=../shared/corpus/real
for t in assetlint tools/decode_bench tools/bench_run; do
	[ -x "$B/$t" ] || die "$B/$t not built (run: make bench)"
done
[ -f "$HERO" ] || die "$HERO missing"
mkdir -p "$W" "$LOG" || die "cannot create $W"

# ---- the sources -----------------------------------------------------------
# "TAG DIR" lines; TAG names the source in the tree and in the output.
: >"$W/sources.new"
echo "testdata testdata" >>"$W/sources.new"
if [ -d "$B/eval/corpus" ]; then
	echo "eval $B/eval/corpus" >>"$W/sources.new"
else
	echo "bench: no generated corpus ($B/eval/corpus): run 'make eval' once to add it" >&2
fi
if [ "${BENCH_REAL:-1}" != 0 ] && [ -d "$REAL" ]; then
	echo "real $REAL" >>"$W/sources.new"
fi

# list_images DIR: the PNG/JPEG files under DIR, relative, sorted.  The
# hostile files of testdata/bad/ (chunks that claim 2 GB, a huge IHDR) are
# left out: they measure the floor's lack of limits, not decoding, and the
# tests cover them.
list_images() {
	(cd "$1" && find . -path ./bad -prune -o -type f \( -iname '*.png' -o -iname '*.jpg' -o -iname '*.jpeg' \) -print |
		sed 's|^\./||' | LC_ALL=C sort)
}

# ---- the trees -------------------------------------------------------------
# $W/plan: "TAG<TAB>SRCDIR<TAB>REL<TAB>GROUP" for every file, GROUP being
# the folder it goes to (its own folder, or a 5-file part of a big one).
: >"$W/plan.all"
while read -r tag dir; do
	list_images "$dir" | awk -F/ -v tag="$tag" -v dir="$dir" '
		{ d = NF > 1 ? substr($0, 1, length($0) - length($NF) - 1) : "."
		  file[NR] = $0; fdir[NR] = d; n[d]++ }
		END {
			for (i = 1; i <= NR; i++) {
				d = fdir[i]; k[d]++
				g = n[d] > 8 ? sprintf("%s/part%03d", d, int((k[d] - 1) / 5)) : d
				printf "%s\t%s\t%s\t%s/%s\n", tag, dir, file[i], tag, g
			}
		}' >>"$W/plan.all"
done <"$W/sources.new"
total=$(wc -l <"$W/plan.all")
[ "$total" -gt 0 ] || die "no PNG/JPEG file in the sources"
# A sample of whole groups spread evenly over the list (every source in
# its share), about SMALL files; the whole list repeated when it is smaller.
awk -F'\t' -v want="$SMALL" -v total="$total" '
	{ if (!($4 in cnt)) gname[++ng] = $4
	  line[$4] = line[$4] $0 "\n"; cnt[$4]++ }
	function take(g, pass,    m, ls, j, f) {
		m = split(line[g], ls, "\n")
		for (j = 1; j < m; j++) {
			split(ls[j], f, "\t")
			printf "%s\t%s\tp%02d/%s\n", f[2], f[3], pass, g
		}
	}
	END {
		for (pass = 0; (pass + 1) * total <= want; pass++)
			for (i = 1; i <= ng; i++)
				take(gname[i], pass)
		rest = want - pass * total; c = 0; got = 0
		for (i = 1; i <= ng && rest > 0; i++) {
			g = gname[i]; c += cnt[g]
			if (got + cnt[g] / 2 <= c * rest / total) {
				take(g, pass); got += cnt[g]
			}
		}
	}' "$W/plan.all" >"$W/plan.new"

stamp="$SMALL $BIG $(cksum <"$W/plan.new")"
if [ ! -f "$W/small/.complete" ] || [ ! -f "$W/big/.complete" ] ||
   [ "$(cat "$W/stamp" 2>/dev/null)" != "$stamp" ]; then
	echo "bench: building the trees in $W (once) ..." >&2
	rm -rf "$W/small" "$W/big" "$W/tmp"
	mkdir -p "$W/tmp" || die "cannot create $W/tmp"
	while IFS="$(printf '\t')" read -r src rel group; do
		mkdir -p "$W/tmp/$group" &&
			cp "$src/$rel" "$W/tmp/$group/$(basename "$rel")" || exit 1
	done <"$W/plan.new" || die "copying the sources failed"
	mv "$W/tmp" "$W/small" || die "cannot create $W/small"
	n=$(find "$W/small" -type f | wc -l)
	copies=$(( (BIG + n - 1) / n ))
	mkdir -p "$W/tmp" || die "cannot create $W/tmp"
	i=1
	while [ $i -le $copies ]; do
		cp -al "$W/small" "$W/tmp/c$(printf %03d $i)" 2>/dev/null ||
			cp -R "$W/small" "$W/tmp/c$(printf %03d $i)" || die "copying the tree failed"
		i=$((i + 1))
	done
	mv "$W/tmp" "$W/big" || die "cannot create $W/big"
	touch "$W/small/.complete" "$W/big/.complete"
	echo "$stamp" >"$W/stamp"
fi
mv "$W/sources.new" "$W/sources"
count() { find "$1" -type f ! -name .complete | wc -l; }
sets() { find "$1" -type f ! -name .complete -printf '%h\n' | sort -u | wc -l; }
n_small=$(count "$W/small"); n_big=$(count "$W/big")
s_small=$(sets "$W/small")
mib_small=$(du -sk "$W/small" | awk '{printf "%.1f", $1 / 1024}')
used=$(while read -r tag dir; do
	printf '%s%s (%s files in the sample)' "${sep:-}" "$dir" \
		"$(grep -c "^$dir	" "$W/plan.new")"
	sep=", "
done <"$W/sources")

# ---- timing ----------------------------------------------------------------
# private copies: a rebuild during the run must not swap the binaries
BIN=$W/bin
mkdir -p "$BIN" && cp "$B/assetlint" "$B/tools/decode_bench" "$B/tools/bench_run" "$BIN/" ||
	die "cannot copy the binaries to $BIN"
OLD=${BENCH_OLD:-}
if [ -n "$OLD" ]; then
	[ -x "$OLD" ] || die "BENCH_OLD=$OLD is not an executable"
	cp "$OLD" "$BIN/assetlint.old" || die "cannot copy $OLD to $BIN"
fi
rm -f "$LOG"/*.runs

# run NAME CMD...: runs CMD once through bench_run, appends "wall cpu rss"
# to $LOG/NAME.runs.  Only exit 0 passes for the floor; 0 or 1 for
# assetlint.
run() {
	name=$1; shift
	res=$("$BIN/bench_run" -o "$LOG/$name.out" "$@") || die "cannot run $*"
	set -- $res "$@"
	wall=$1 cpu=$2 rss=$3 rc=$4
	shift 4
	case "$name" in
	floor*) [ "$rc" -eq 0 ] || die "'$*' failed (exit $rc)" ;;
	*) [ "$rc" -le 1 ] || die "'$*' failed (exit $rc); rerun it by hand to see why" ;;
	esac
	echo "$wall $cpu $rss" >>"$LOG/$name.runs"
}
LINT="$BIN/assetlint -q --no-config --format json"
OLDLINT="$BIN/assetlint.old -q --no-config --format json"
load=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')

# warm the page cache: the first timed command must not pay for it
"$BIN/decode_bench" -j2 "$W/small" >/dev/null 2>&1
$LINT -j2 "$W/small" >/dev/null 2>&1
r=1
while [ $r -le "$ROUNDS" ]; do
	run floor_j1 "$BIN/decode_bench" -j1 "$W/small"
	run lint_j1 $LINT -j1 "$W/small"
	run floor_j2 "$BIN/decode_bench" -j2 "$W/small"
	run lint_j2 $LINT -j2 "$W/small"
	[ -z "$OLD" ] || run old_j2 $OLDLINT -j2 "$W/small"
	r=$((r + 1))
done
r=1
while [ $r -le "$HERO_RUNS" ]; do
	run floor_hero "$BIN/decode_bench" "$HERO"
	run lint_hero "$BIN/assetlint" --no-config --format json "$HERO"
	[ -z "$OLD" ] || run old_hero "$BIN/assetlint.old" --no-config --format json "$HERO"
	r=$((r + 1))
done
r=1
while [ $r -le "$BIG_ROUNDS" ]; do
	run lint_big $LINT -j2 "$W/big"
	[ -z "$OLD" ] || run old_big $OLDLINT -j2 "$W/big"
	r=$((r + 1))
done

# median NAME COLUMN
median() {
	sort -g -k"$2","$2" "$LOG/$1.runs" |
		awk -v c="$2" '{ v[NR] = $c } END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

{
echo "make bench: $n_small files in $s_small folders ($mib_small MiB), from $used;"
echo "  the big tree: $n_big files ($((n_big / n_small)) copies, hard links)."
echo "  $(nproc 2>/dev/null || echo '?') cores, load average $load at the start: seconds are noise"
echo "  on a shared machine, ratios measured side by side are the result."
m() { median "$1" "$2"; }
awk -v n="$n_small" -v nb="$n_big" -v rounds="$ROUNDS" -v brounds="$BIG_ROUNDS" \
    -v hruns="$HERO_RUNS" \
    -v f1="$(m floor_j1 1)" -v l1="$(m lint_j1 1)" -v f2="$(m floor_j2 1)" -v l2="$(m lint_j2 1)" \
    -v cf1="$(m floor_j1 2)" -v cl1="$(m lint_j1 2)" -v cf2="$(m floor_j2 2)" -v cl2="$(m lint_j2 2)" \
    -v rf1="$(m floor_j1 3)" -v rl1="$(m lint_j1 3)" -v rf2="$(m floor_j2 3)" -v rl2="$(m lint_j2 3)" \
    -v lb="$(m lint_big 1)" -v clb="$(m lint_big 2)" -v rlb="$(m lint_big 3)" \
    -v fh="$(m floor_hero 1)" -v lh="$(m lint_hero 1)" \
    -v cfh="$(m floor_hero 2)" -v clh="$(m lint_hero 2)" \
    -v rfh="$(m floor_hero 3)" -v rlh="$(m lint_hero 3)" '
function row(name, w, fw, c, fc, nn, r) {
	printf "  %-38s %7.3f %6.2f %7.3f %6.2f %8.0f %8.1f\n", name, w, w / fw, c, c / fc, nn / w, r / 1024
}
BEGIN {
	printf "\n  %-38s %7s %6s %7s %6s %8s %8s\n", "median of " rounds " rounds", "wall s", "x", "CPU s", "x", "files/s", "RSS MiB"
	row("decode floor -j1 (libpng/jpeg to RGBA)", f1, f1, cf1, cf1, n, rf1)
	row("assetlint -j1 (every rule, JSON)", l1, f1, cl1, cf1, n, rl1)
	row("decode floor -j2", f2, f2, cf2, cf2, n, rf2)
	row("assetlint -j2", l2, f2, cl2, cf2, n, rl2)
	printf "  %-38s %7.3f %6s %7.3f %6s %8.0f %8.1f\n", sprintf("assetlint -j2, %d files (%d run%s)", nb, brounds, brounds > 1 ? "s" : ""), lb, "", clb, "", nb / lb, rlb / 1024
	printf "\n  x: ratio to the decode floor at the same -j, wall and CPU time.\n"
	printf "  assetlint -j2 / floor -j2: wall %.2fx, CPU %.2fx (goal: <= 2.0x)\n", l2 / f2, cl2 / cf2
	printf "  peak RSS at -j2, %d vs %d files: %.1f vs %.1f MiB = %.2fx (goal: <= 1.10x and <= 64 MiB)\n", nb, n, rlb / 1024, rl2 / 1024, rlb / rl2
	printf "  one hero 815x290, whole process, median of %d:\n", hruns
	printf "    floor %.1f ms (CPU %.1f ms, %.1f MiB), assetlint %.1f ms (CPU %.1f ms, %.1f MiB): wall %.1fx, CPU %.1fx (goal: <= 15 ms)\n", fh * 1000, cfh * 1000, rfh / 1024, lh * 1000, clh * 1000, rlh / 1024, lh / fh, clh / cfh
}'
# the -j2 CPU ratio of each round (its floor and its assetlint run, one
# after the other): how far this machine's noise moves it
paste -d' ' "$LOG/floor_j2.runs" "$LOG/lint_j2.runs" |
	awk '{ printf "%.2f\n", $5 / $2 }' | sort -g | tr '\n' ' ' |
	awk '{ printf "  -j2 CPU ratio of each round, sorted: %s\n", $0 }'
if [ -n "$OLD" ]; then
	awk -v l2="$(m lint_j2 1)" -v o2="$(m old_j2 1)" -v cl2="$(m lint_j2 2)" -v co2="$(m old_j2 2)" \
	    -v rl2="$(m lint_j2 3)" -v ro2="$(m old_j2 3)" -v lb="$(m lint_big 2)" -v ob="$(m old_big 2)" \
	    -v rlb="$(m lint_big 3)" -v rob="$(m old_big 3)" -v lh="$(m lint_hero 1)" -v oh="$(m old_hero 1)" \
	    -v clh="$(m lint_hero 2)" -v coh="$(m old_hero 2)" -v rlh="$(m lint_hero 3)" -v roh="$(m old_hero 3)" \
	    -v n="$n_small" -v nb="$n_big" -v old="$OLD" '
	BEGIN {
		printf "\n  BENCH_OLD=%s, alternating with this build (new / old):\n", old
		printf "    -j2, %d files: wall %.3f / %.3f s = %.2fx, CPU %.3f / %.3f s = %.2fx, peak RSS %.1f / %.1f MiB\n", n, l2, o2, l2 / o2, cl2, co2, cl2 / co2, rl2 / 1024, ro2 / 1024
		printf "    -j2, %d files: CPU %.3f / %.3f s = %.2fx, peak RSS %.1f / %.1f MiB\n", nb, lb, ob, lb / ob, rlb / 1024, rob / 1024
		printf "    one hero: wall %.1f / %.1f ms, CPU %.1f / %.1f ms = %.2fx, peak RSS %.1f / %.1f MiB\n", lh * 1000, oh * 1000, clh * 1000, coh * 1000, clh / coh, rlh / 1024, roh / 1024
	}'
fi
echo "  each run: $LOG/*.runs (wall s, CPU s, peak RSS KiB)"
} | tee "$W/result.txt"
exit 0
