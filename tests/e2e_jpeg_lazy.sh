#!/bin/sh
# End-to-end: libjpeg is opened only when a JPEG is read, and libwebp (with
# libwebpdemux) only when a WebP is (issue #10).  For each: the binary
# does not link it (no NEEDED entry); a run over PNG files never maps it
# (the dynamic loader's own trace, LD_DEBUG=libs); a file of its format
# maps it and is decoded; and when it cannot be loaded that file is a
# decode-error that names it, while the PNG beside it is still checked.
# Argument: the build dir.
set -u
B=${1:-build}
BIN=$B/assetlint
[ -x "$BIN" ] || { echo "FAIL: $BIN not built" >&2; exit 1; }
T=$(mktemp -d "${TMPDIR:-/tmp}/al-e2e-jpeg.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
fails=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1" >&2; fails=$((fails + 1)); }

mkdir "$T/png" || exit 1
cp testdata/demo/contoso/Hero.png testdata/e2e/formats/palette.png "$T/png/" || exit 1

# check DIR: the binary over DIR, the loader's trace in $T/trace.*, the
# JSON report in $T/report.json; returns its exit status.
check() {
	rm -f "$T"/trace.*
	LD_DEBUG=libs LD_DEBUG_OUTPUT="$T/trace" "$BIN" --no-config -q \
		-o json:"$T/report.json" "$1" >/dev/null 2>"$T/stderr"
}
loaded() { cat "$T"/trace.* 2>/dev/null | grep -q "$1\\.so"; }

# A dlopen() that hides every library whose name holds $AL_HIDE: it asks
# the real one for a name that does not exist, so dlerror() says why.
cat >"$T/hide.c" <<'EOF_C'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>
void *dlopen(const char *file, int mode)
{
	void *(*real)(const char *, int) = (void *(*)(const char *, int))dlsym(RTLD_NEXT, "dlopen");
	const char *hide = getenv("AL_HIDE");
	if (file && hide && *hide && strstr(file, hide))
		file = "lib-hidden-by-the-test.so";
	return real(file, mode);
}
EOF_C
CC=${CC:-cc}
$CC -shared -fPIC -o "$T/hide.so" "$T/hide.c" -ldl 2>"$T/cc.log" ||
	bad "cannot build the dlopen interposer: $(head -c 300 "$T/cc.log")"

# lazy LIB FILE: LIB (a soname prefix: libjpeg) is opened for FILE only.
lazy() {
	lib=$1 file=$2 name=$(basename "$2")
	if command -v readelf >/dev/null 2>&1; then
		if readelf -d "$BIN" | grep -q "NEEDED.*$lib"; then
			bad "the binary links $lib: $(readelf -d "$BIN" | grep "NEEDED.*$lib")"
		else
			ok "the binary does not link $lib"
		fi
	else
		echo "SKIP: readelf not found, the binary's NEEDED entries not checked"
	fi

	check "$T/png"; st=$?
	if [ "$st" -gt 1 ]; then
		bad "PNG run exited $st: $(head -c 300 "$T/stderr")"
	elif ! ls "$T"/trace.* >/dev/null 2>&1; then
		echo "SKIP: the dynamic loader wrote no LD_DEBUG trace; what it maps not checked"
	elif loaded "$lib"; then
		bad "$lib was loaded for a run over PNG files"
	else
		ok "PNG files: $lib not loaded (exit $st)"
	fi

	rm -rf "$T/one" && mkdir "$T/one" || exit 1
	cp "$file" testdata/e2e/formats/palette.png "$T/one/" || exit 1
	check "$T/one"; st=$?
	if [ "$st" -gt 1 ]; then
		bad "$name run exited $st: $(head -c 300 "$T/stderr")"
	elif ls "$T"/trace.* >/dev/null 2>&1 && ! loaded "$lib"; then
		bad "$name: $lib was not loaded, yet the file must be decoded by it"
	elif ! grep -q "\"[^\"]*$name\"" "$T/report.json"; then
		bad "$name missing from the report"
	elif grep -q '"decode-error"' "$T/report.json"; then
		bad "$name: decode-error through the loaded $lib: $(grep -o '"message" *: *"[^"]*"' "$T/report.json" | head -n 3)"
	else
		ok "$name: $lib loaded and the file decoded"
	fi

	[ -f "$T/hide.so" ] || return
	# a sanitizer build wants its runtime first; the interposer is harmless
	AL_HIDE=$lib ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
	LD_PRELOAD="$T/hide.so" "$BIN" --no-config -q -o json:"$T/hidden.json" "$T/one" \
		>/dev/null 2>"$T/stderr"; st=$?
	msg=$(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
for f in r["files"]:
    for x in f.get("findings", []):
        if f["path"].endswith(sys.argv[2]) and x["rule"] == "decode-error":
            print(x["message"])
' "$T/hidden.json" "$name" 2>/dev/null)
	if [ "$st" -ne 1 ]; then
		bad "$lib not loadable: exit $st, want 1: $(head -c 300 "$T/stderr")"
	elif ! grep -q '"[^"]*palette.png"' "$T/hidden.json"; then
		bad "$lib not loadable: the PNG beside $name is missing from the report"
	else
		case $msg in
		*"$lib"*"apt-get install"*hidden-by-the-test*) ok "$lib not loadable: $name is a decode-error naming it, its package and why ($msg)" ;;
		*) bad "$lib not loadable: want a decode-error naming $lib, its package and the reason, got '$msg'" ;;
		esac
	fi
}

lazy libjpeg testdata/e2e/formats/logo.jpg
lazy libwebp testdata/e2e/disguised/webp-named.png

[ "$fails" -eq 0 ]
