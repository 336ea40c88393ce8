#!/bin/sh
# End-to-end: the hostile files of issue #9 that belong to the decoder,
# through the real binary.  The large ones are made here by
# tools/gen_testdata --hostile (never committed); the small ones are in
# testdata/.  Checks findings, exit status and peak memory per run
# (/usr/bin/time; not under sanitizers, whose shadow memory and quarantine
# would be counted).  Argument: the build dir.
set -u
B=${1:-build}
BIN=$B/assetlint
GEN=$B/tools/gen_testdata
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
for f in "$BIN" "$GEN"; do
	[ -x "$f" ] || { echo "FAIL: $f not built" >&2; exit 1; }
done
T=$(mktemp -d "${TMPDIR:-/tmp}/al-e2e-hostile.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
# A private copy: a parallel `make` may relink the binary mid-run.
cp "$BIN" "$T/assetlint" && BIN=$T/assetlint || exit 1
fails=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1" >&2; fails=$((fails + 1)); }
case "$B" in
*san*) rss_check=0; echo "note: peak-memory bounds not checked in a sanitizer build" ;;
*) rss_check=1 ;;
esac

"$GEN" --hostile "$T/h" >/dev/null || { echo "FAIL: gen_testdata --hostile" >&2; exit 1; }

# run NAME MAX_MIB ARGS...: JSON report in $T/NAME.json, peak RSS (KiB) in
# $T/NAME.rss.  A CPU-time limit turns a hang into a failure.
run() {
	name=$1 max=$2
	shift 2
	( ulimit -t 120; /usr/bin/time -f %M -o "$T/$name.rss" \
		"$BIN" --no-config -j1 --format json "$@" >"$T/$name.json" 2>"$T/$name.err" )
	st=$?
	[ "$st" -le 1 ] || { bad "$name: exit $st: $(tail -n 3 "$T/$name.err")"; return; }
	kib=$(tail -n 1 "$T/$name.rss")
	if [ "$rss_check" = 1 ]; then
		if [ "$kib" -lt $((max * 1024)) ]; then
			ok "$name: peak RSS $((kib / 1024)) MiB < $max MiB"
		else
			bad "$name: peak RSS $((kib / 1024)) MiB, limit $max MiB"
		fi
	fi
}

# expect NAME PYTHON-EXPRESSION DESCRIPTION: r is the report, f(path) the
# file entry whose path ends in path, rules(path) its rule ids.
expect() {
	if "$PY" - "$T/$1.json" "$2" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
def f(p):
    return [x for x in r["files"] if x["path"].endswith(p)][0]
def rules(p):
    return {x["rule"] for x in f(p)["findings"]}
def finding(p, rule):
    return [x for x in f(p)["findings"] if x["rule"] == rule][0]
sys.exit(0 if eval(sys.argv[2]) else 1)
EOF
	then ok "$1: $3"; else bad "$1: $3"; fi
}

# 41 bytes declaring a 2,000,000,000-byte tEXt chunk: decode-error at once.
run text2g 64 testdata/bad/text-2g.png
expect text2g '"truncated" in finding("text-2g.png", "decode-error")["message"] and finding("text-2g.png", "decode-error")["severity"] == "error"' \
	"decode-error, truncated"

# 1x1 PNG whose IDAT inflates to 1 GiB: decoded, the rest not inflated,
# reported.
run bomb 64 "$T/h/idat-bomb.png"
expect bomb 'finding("idat-bomb.png", "decode-error")["severity"] == "warning" and "after the last row" in finding("idat-bomb.png", "decode-error")["message"]' \
	"extra data after the last row is a warning"
expect bomb 'f("idat-bomb.png")["width"] == 1' "the 1x1 image is checked"

# 6300 x 6300 (under the 40 MP limit): decoded reduced, true size reported.
for n in huge-6300.png huge-adam7-6300.png huge-6300.jpg; do
	run "$n" 100 "$T/h/$n"
	expect "$n" "f('$n')['width'] == 6300 and f('$n')['height'] == 6300 and 'decode-error' not in rules('$n') and 'dimensions' in rules('$n')" \
		"decoded, 6300x6300 reported, dimensions flagged"
done
run set 100 "$T/h/set"
expect set 'finding("large.png", "background-white")["severity"] == "error" and "copy reduced from 6300x6300" in finding("large.png", "background-white")["message"]' \
	"a 6300x6300 white large logo: background-white, measured on a reduced copy"
expect set 'finding("hero.png", "hero-margin")["region"]["x"] >= 8150 - 4150 - 10 and finding("hero.png", "hero-margin")["region"]["x"] + finding("hero.png", "hero-margin")["region"]["w"] <= 8150' \
	"an 8150x2900 hero: the margin finding's box is in the image's own pixels"

# Other formats named .png: only PNG, JPEG, GIF and WebP are decoded.
run disguised 64 testdata/e2e/disguised
expect disguised '"decode-error" in rules("avif-named.png") and "HEIF/AVIF" in finding("avif-named.png", "decode-error")["message"]' \
	"HEIF (AVIF) named .png: not decoded, decode-error"
expect disguised '"not decoded" in finding("tiff-named.png", "file-format")["message"] and "extension-mismatch" in rules("tiff-named.png")' \
	"TIFF named .png: not decoded, file-format"
expect disguised 'f("webp-named.png")["width"] == 40 and "decode-error" not in rules("webp-named.png")' \
	"WebP named .png: decoded"

[ "$fails" -eq 0 ] || { echo "$fails check(s) failed" >&2; exit 1; }
echo "all hostile-file checks passed"
