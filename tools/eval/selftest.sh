#!/bin/sh
# Checks score.py on hand-written reports whose counts are known -- the
# synthetic label format (fixtures/labels.tsv) and the real one
# (fixtures/real/real-labels.tsv) -- and, given a build folder holding
# tools/eval_review, that the review renderer draws a picture:
#   sh tools/eval/selftest.sh [BUILD_DIR]   (prints "N passed, N failed")
set -u
d=$(dirname "$0")
B=${1:-}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
python3 "$d/score.py" "$d/fixtures/labels.tsv" "$d/fixtures/report.json" "$out" \
	--real "$d/fixtures/real/real-labels.tsv" \
	--real-report "$d/fixtures/real/report.json" --real-root fx/real \
	>"$out/stdout" 2>&1
st=$?
passed=0 failed=0
check() { # name, command...
	n=$1; shift
	if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL $n"; fi
}
# columns: n pos tp fp fn tn precision recall off_role target
row() { grep "^$1	$2	" "$out/report.tsv" | cut -f3-12; }
t() { printf '%s\t' "$@" | sed 's/\t$//'; }
check exit0 [ "$st" -eq 0 ]
# background-white dev: TP on 0000-small, TN on 0001, TN on hero -> n=3 pos=1
check bw-dev [ "$(row background-white dev)" = "$(t 3 1 1 0 0 2 1.0000 1.0000 0 not-judged)" ]
# test: TP on 0000-small, FP on 0001-wide -> precision 0.5, but only one
# positive: listed, not judged
check bw-test [ "$(row background-white test)" = "$(t 2 1 1 1 0 0 0.5000 1.0000 0 not-judged)" ]
# text dev: FP on 0000-small (label 0), FN on 0001-medium, TN hero
check text-dev [ "$(row text dev)" = "$(t 3 1 0 1 1 1 0.0000 0.0000 0 not-judged)" ]
# text test: "skip" is not scored, wide is TN
check text-test [ "$(row text test)" = "$(t 1 0 0 0 0 1 '' '' 0 not-judged)" ]
# palette on a hero (n/a) is counted off-role
check palette-offrole [ "$(row palette dev | cut -f9)" = 1 ]
# hero-contrast: labelled 1, no finding -> miss
check hero-contrast [ "$(row hero-contrast dev | cut -f3-5)" = "$(t 0 0 1)" ]
# the synthetic labels have no dimensions column: not scored there
check dims-synthetic-absent [ -z "$(row dimensions dev)" ]
# real: 6 expected white backgrounds, one missed -> recall 0.833, judged
check bw-real [ "$(row background-white real)" = "$(t 10 6 5 0 1 4 1.0000 0.8333 0 missed)" ]
check target-line grep -q "TARGET MISSED: background-white *real precision 1.000 recall 0.833" "$out/stdout"
# the ambiguous text on b/Medium and the SVG's text are not counted; the
# expected wordmark on a/Wide is missed
check text-real [ "$(row text real)" = "$(t 9 1 0 0 1 8 '' 0.0000 0 not-judged)" ]
# format rules are never scored; a rule no label names is a false alarm
check format-excepted [ -z "$(row extension-mismatch real)$(row file-format real)" ]
check other-rule-fp [ "$(row color-profile real | cut -f4)" = 1 ]
# dimensions: the 48x48 file found (TP), logo-sm.png a false alarm
check dims-real [ "$(row dimensions real | cut -f2-5)" = "$(t 1 1 1 0)" ]
check gradient-real-fp [ "$(row gradient real | cut -f4)" = 1 ]
# roles: 10 scored (the SVG's "-" is not), logo-sm.png is wrong
check role-real [ "$(grep "^role	real	" "$out/report.tsv" | cut -f3,6,12)" = "$(t 10 1 missed)" ]
check roles-line grep -q "ROLES WRONG: 1 of 10 on real" "$out/stdout"
check role-listed grep -q "c/logo-sm.png  label small, tool unknown" "$out/stdout"
check every-real-listed grep -q "b/Small.png  white bg, missed in the report" "$out/stdout"
check worst-line grep -q "corpus/dev/0001-medium.png" "$out/stdout"
# false alarms: text on dev, background-white on test, gradient,
# dimensions and color-profile on real
check outcomes [ "$(grep -c '	FP$' "$out/outcomes.tsv")" -eq 5 ]
# review rows: the real misses and false alarms, the hero with its margin
# guide and its finding's box
check review-rows [ "$(wc -l <"$out/review.tsv")" -eq 5 ]
check review-hero grep -q "	400,0,2,290,2;10,10,100,50,1	FALSE ALARM gradient" "$out/review.tsv"

# Without real labels: synthetic columns only, no real column.
python3 "$d/score.py" "$d/fixtures/labels.tsv" "$d/fixtures/report.json" "$out/n" \
	>"$out/stdout2" 2>&1
check no-real-exit0 [ $? -eq 0 ]
check no-real-said grep -q "real: not scored" "$out/stdout2"
check no-real-rows [ -z "$(grep '	real	' "$out/n/report.tsv")" ]
# Unreadable inputs: exit 2.
python3 "$d/score.py" "$d/fixtures/labels.tsv" "$out/nonexistent.json" "$out/x" >/dev/null 2>&1
check bad-input [ $? -eq 2 ]

# The renderer: a 4x3 RGBA PNG with one region, drawn upscaled with its
# caption under it.
if [ -n "$B" ] && [ -x "$B/tools/eval_review" ]; then
	# A sanitizer build: fontconfig keeps its caches to the end (pango's
	# text layout); that is the library's, not ours.
	echo "leak:libfontconfig.so" >"$out/lsan.supp"
	LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$out/lsan.supp:print_suppressions=0"
	export LSAN_OPTIONS
	python3 - "$out/in.png" <<'PY'
import struct, sys, zlib
w, h = 4, 3
raw = b"".join(b"\0" + bytes([255, 0, 0, 255, 0, 0, 255, 128] * 2) for _ in range(h))
def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0))
       + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
open(sys.argv[1], "wb").write(png)
PY
	printf '%s\t%s\t%s\t%s\n' "$out/in.png" "$out/r/one.png" "1,1,2,1,1" \
		"$(printf 'MISS text\037second line')" | "$B/tools/eval_review"
	check review-exit [ $? -eq 0 ]
	# 4x3 scaled by 150 to 600x450, plus a caption: wider and taller
	size=$(python3 -c "import struct,sys; d=open(sys.argv[1],'rb').read(24); print(*struct.unpack('>II', d[16:24]))" "$out/r/one.png" 2>/dev/null)
	check review-size [ "${size%% *}" = 600 -a "${size#* }" -gt 450 ]
	printf '%s\tcap\n%s\tcap2\n' "$out/in.png" "$out/in.png" |
		"$B/tools/eval_review" --sheet "$out/sheet.png" --cols 2 --cell 64
	check sheet [ $? -eq 0 -a -s "$out/sheet.png" ]
	printf '%s\t%s\t-\tx\n' "$out/missing.png" "$out/r/two.png" |
		"$B/tools/eval_review" 2>/dev/null
	check review-missing-fails [ $? -eq 1 ]
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
