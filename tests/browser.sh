#!/bin/sh
# Opens the HTML report in a real headless browser and checks it (make
# test-browser).  Installs Debian's chromium and playwright-core (into
# build/browser/, no browser download) when missing.  Usage: tests/browser.sh
# BUILD_DIR.  Writes build/browser/report.html, report.json and report.png.
set -u
B=${1:-build}
OUT=build/browser
CHROMIUM=/usr/bin/chromium
fail() { echo "browser: $*" >&2; exit 1; }

[ -x "$B/assetlint" ] || fail "$B/assetlint missing; run make first"
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 ||
	fail "node and npm are needed (apt-get install nodejs npm)"

if [ ! -x "$CHROMIUM" ]; then
	[ "$(id -u)" = 0 ] || fail "$CHROMIUM missing; run: sudo apt-get install chromium"
	echo "browser: installing chromium" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get install -y -q chromium >/dev/null 2>&1 ||
		{ apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null; } ||
		fail "apt-get install chromium failed"
fi

mkdir -p "$OUT"
if [ ! -f "$OUT/node_modules/playwright-core/package.json" ]; then
	echo "browser: installing playwright-core into $OUT" >&2
	PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --prefix "$OUT" --no-audit --no-fund \
		--silent playwright-core >/dev/null || fail "npm install playwright-core failed"
fi

if [ ! -d testdata/demo ] || [ ! -d testdata/e2e/hero ] || [ ! -d testdata/e2e/formats ]; then
	echo "browser: generating testdata" >&2
	make -s testdata >/dev/null || fail "make testdata failed"
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/al-browser.XXXXXX") || fail "mktemp failed"
trap 'rm -rf "$tmp"' EXIT INT TERM
hostile='<img src=x onerror=alert(1)>.png'
src=$(find testdata/demo -name '*.png' | sort | head -n 1)
[ -n "$src" ] || fail "no PNG in testdata/demo"
cp "$src" "$tmp/$hostile"

rm -f "$OUT/report.html" "$OUT/report.json" "$OUT/report.png"
"$B/assetlint" -q -o "html:$OUT/report.html" -o "json:$OUT/report.json" \
	testdata/demo testdata/e2e/hero testdata/e2e/formats "$tmp" >/dev/null
st=$?
[ "$st" -le 1 ] || fail "assetlint exited $st"
[ -s "$OUT/report.html" ] || fail "no report written"

node tests/browser/check.js "$OUT" "$OUT/report.html" "$OUT/report.json" \
	"$hostile" "$OUT/report.png" || fail "checks failed (see above)"

# A big run: 5000+ files in ~800 sets (hard links to the test images, so
# every kind of finding and clean file is there); its page must open in
# under 2 s with the index of sets first.
BIG=$OUT/big
if [ ! -d "$BIG" ] || [ "$(find "$BIG" -type f | wc -l)" -lt 5000 ]; then
	rm -rf "$BIG"
	i=0
	while [ "$i" -lt 132 ]; do
		for d in testdata/demo/contoso testdata/demo/fabrikam testdata/e2e/bg \
			testdata/e2e/hero testdata/e2e/mixed testdata/e2e/formats; do
			mkdir -p "$BIG/agency$((i / 20))/offer$i"
			cp -l "$d"/* "$BIG/agency$((i / 20))/offer$i/$(basename "$d")" 2>/dev/null ||
				{ mkdir -p "$BIG/agency$((i / 20))/offer$i/$(basename "$d")" &&
				  cp -l "$d"/* "$BIG/agency$((i / 20))/offer$i/$(basename "$d")/"; }
		done
		i=$((i + 1))
	done
fi
rm -f "$OUT/big.html" "$OUT/big.json"
start=$(date +%s)
"$B/assetlint" -q -o "html:$OUT/big.html" -o "json:$OUT/big.json" "$BIG" >/dev/null
st=$?
[ "$st" -le 1 ] || fail "assetlint on the big tree exited $st"
echo "browser: big run written in $(( $(date +%s) - start )) s"
node tests/browser/big.js "$OUT" "$OUT/big.html" "$OUT/big.json" "$OUT/big.png" 2000 ||
	fail "big-run checks failed (see above)"
echo "browser: OK; screenshots $OUT/report.png, $OUT/big.png"
