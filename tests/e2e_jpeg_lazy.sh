#!/bin/sh
# End-to-end: libjpeg is opened only when a JPEG is read (issue #10).  The
# binary does not link it (no NEEDED entry); a run over PNG files never
# maps it (the dynamic loader's own trace, LD_DEBUG=libs); a JPEG maps it
# and is decoded; and when it cannot be loaded a JPEG is a decode-error
# that names it, while the PNG beside it is still checked.  Argument: the
# build dir.
set -u
B=${1:-build}
BIN=$B/assetlint
[ -x "$BIN" ] || { echo "FAIL: $BIN not built" >&2; exit 1; }
T=$(mktemp -d "${TMPDIR:-/tmp}/al-e2e-jpeg.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
fails=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1" >&2; fails=$((fails + 1)); }

if command -v readelf >/dev/null 2>&1; then
	if readelf -d "$BIN" | grep -q 'NEEDED.*libjpeg'; then
		bad "the binary links libjpeg: $(readelf -d "$BIN" | grep 'NEEDED.*libjpeg')"
	else
		ok "the binary does not link libjpeg"
	fi
else
	echo "SKIP: readelf not found, the binary's NEEDED entries not checked"
fi

mkdir "$T/png" "$T/jpeg" || exit 1
cp testdata/demo/contoso/Hero.png testdata/e2e/formats/palette.png "$T/png/" || exit 1
cp testdata/e2e/formats/logo.jpg testdata/e2e/formats/palette.png "$T/jpeg/" || exit 1

# check DIR: the binary over DIR, the loader's trace in $T/trace.*, the
# JSON report in $T/report.json; returns its exit status.
check() {
	rm -f "$T"/trace.*
	LD_DEBUG=libs LD_DEBUG_OUTPUT="$T/trace" "$BIN" --no-config -q \
		-o json:"$T/report.json" "$1" >/dev/null 2>"$T/stderr"
}
loaded() { cat "$T"/trace.* 2>/dev/null | grep -q 'libjpeg\.so'; }

check "$T/png"; st=$?
if [ "$st" -gt 1 ]; then
	bad "PNG run exited $st: $(head -c 300 "$T/stderr")"
elif ! ls "$T"/trace.* >/dev/null 2>&1; then
	echo "SKIP: the dynamic loader wrote no LD_DEBUG trace; what it maps not checked"
elif loaded; then
	bad "libjpeg was loaded for a run over PNG files"
else
	ok "PNG files: libjpeg not loaded (exit $st)"
fi

check "$T/jpeg"; st=$?
if [ "$st" -gt 1 ]; then
	bad "JPEG run exited $st: $(head -c 300 "$T/stderr")"
elif ls "$T"/trace.* >/dev/null 2>&1 && ! loaded; then
	bad "JPEG: libjpeg was not loaded, yet the file must be decoded by it"
elif ! grep -q '"[^"]*logo.jpg"' "$T/report.json"; then
	bad "JPEG: logo.jpg missing from the report"
elif grep -q '"decode-error"' "$T/report.json"; then
	bad "JPEG: decode-error through the loaded libjpeg: $(grep -o '"message" *: *"[^"]*"' "$T/report.json" | head -n 3)"
else
	ok "JPEG: libjpeg loaded and the file decoded"
fi

# libjpeg that cannot be loaded: a preloaded dlopen() asks the real one
# for a name that does not exist, so dlerror() says why.
cat >"$T/nojpeg.c" <<'EOF_C'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <string.h>
void *dlopen(const char *file, int mode)
{
	void *(*real)(const char *, int) = (void *(*)(const char *, int))dlsym(RTLD_NEXT, "dlopen");
	if (file && strstr(file, "libjpeg"))
		file = "libjpeg-hidden-by-the-test.so";
	return real(file, mode);
}
EOF_C
CC=${CC:-cc}
if ! $CC -shared -fPIC -o "$T/nojpeg.so" "$T/nojpeg.c" -ldl 2>"$T/cc.log"; then
	bad "cannot build the dlopen interposer: $(head -c 300 "$T/cc.log")"
else
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
	LD_PRELOAD="$T/nojpeg.so" "$BIN" --no-config -q -o json:"$T/nojpeg.json" "$T/jpeg" \
		>/dev/null 2>"$T/stderr"; st=$?
	msg=$(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
for f in r["files"]:
    for x in f.get("findings", []):
        if f["path"].endswith("logo.jpg") and x["rule"] == "decode-error":
            print(x["message"])
' "$T/nojpeg.json" 2>/dev/null)
	if [ "$st" -ne 1 ]; then
		bad "libjpeg not loadable: exit $st, want 1: $(head -c 300 "$T/stderr")"
	elif ! grep -q '"[^"]*palette.png"' "$T/nojpeg.json"; then
		bad "libjpeg not loadable: the PNG beside the JPEG is missing from the report"
	else
		case $msg in
		*libjpeg*hidden-by-the-test*) ok "libjpeg not loadable: the JPEG is a decode-error naming why ($msg)" ;;
		*) bad "libjpeg not loadable: want a decode-error naming libjpeg and the reason, got '$msg'" ;;
		esac
	fi
fi

[ "$fails" -eq 0 ]
