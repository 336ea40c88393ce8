#!/bin/sh
# Checks score.py on a hand-written report whose counts are known:
#   sh tools/eval/selftest.sh   (prints "N passed, N failed")
set -u
d=$(dirname "$0")
out=$(mktemp -d)
python3 "$d/score.py" "$d/fixtures/labels.tsv" "$d/fixtures/report.json" "$out" >"$out/stdout" 2>&1
st=$?
passed=0 failed=0
check() { # name, command...
	n=$1; shift
	if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL $n"; fi
}
row() { grep "^$1	$2	" "$out/report.tsv" | cut -f3-13; }
check exit0 [ "$st" -eq 0 ]
# background-white dev: TP on 0000-small, TN on 0001, TN on hero -> n=3 pos=1
check bw-dev [ "$(row background-white dev)" = "$(printf '3\t1\t1\t0\t0\t2\t1.0000\t1.0000\t1.0000\t0\tok')" ]
# test: TP on 0000-small, FP on 0001-wide -> precision 0.5
check bw-test [ "$(row background-white test)" = "$(printf '2\t1\t1\t1\t0\t0\t0.5000\t1.0000\t0.6667\t0\tmissed')" ]
# text dev: FP on 0000-small (label 0), FN on 0001-medium, TN hero
check text-dev [ "$(row text dev)" = "$(printf '3\t1\t0\t1\t1\t1\t0.0000\t0.0000\t\t0\tmissed')" ]
# text test: "skip" is not scored, wide is TN
check text-test [ "$(row text test)" = "$(printf '1\t0\t0\t0\t0\t1\t\t\t\t0\tok')" ]
# palette on a hero (n/a) is counted off-role
check palette-offrole [ "$(row palette dev | cut -f10)" = 1 ]
# hero-contrast: labelled 1, no finding -> miss
check hero-contrast [ "$(row hero-contrast dev | cut -f3-5)" = "$(printf '0\t0\t1')" ]
check target-line grep -q "TARGET MISSED: background-white precision 0.500" "$out/stdout"
check worst-line grep -q "corpus/dev/0001-medium.png" "$out/stdout"
check outcomes [ "$(grep -c '	FP$' "$out/outcomes.tsv")" -eq 2 ]
rm -rf "$out"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
