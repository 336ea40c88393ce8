#!/bin/sh
# End-to-end: libvips is loaded only when a file needs it (issue #10).
# The binary does not link it (no NEEDED entry), and a run over PNG and
# JPEG files, a still WebP (libwebp's, e2e_jpeg_lazy.sh) or a still GIF
# (giflib's) -- or over SVG, ICO, BMP, TIFF and AVIF files, which are
# answered from the sniff -- never maps it; an animated GIF does, and is
# decoded, and libvips's optional modules (vips-modules-8.x) are never
# loaded; when libvips cannot be loaded, that GIF is a decode-error that
# says why.  What the dynamic loader maps is read from its own trace
# (LD_DEBUG=libs).  Argument: the build dir.
set -u
B=${1:-build}
BIN=$B/assetlint
[ -x "$BIN" ] || { echo "FAIL: $BIN not built" >&2; exit 1; }
T=$(mktemp -d "${TMPDIR:-/tmp}/al-e2e-vips.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
cp "$BIN" "$T/assetlint" && BIN=$T/assetlint || exit 1
fails=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1" >&2; fails=$((fails + 1)); }

if command -v readelf >/dev/null 2>&1; then
	if readelf -d "$BIN" | grep -q 'NEEDED.*libvips'; then
		bad "the binary links libvips: $(readelf -d "$BIN" | grep 'NEEDED.*libvips')"
	else
		ok "the binary does not link libvips"
	fi
else
	echo "SKIP: readelf not found, the binary's NEEDED entries not checked"
fi

# files the tool answers without libvips
printf '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"/>\n' >"$T/logo.svg"
printf '\000\000\001\000\001\000\050\050\000\000\001\000\040\000\000\000\000\000\026\000\000\000' >"$T/icon.ico"
printf 'BM\066\000\000\000\000\000\000\000\066\000\000\000' >"$T/logo.bmp"
mkdir "$T/none" "$T/gif"
cp testdata/e2e/formats/palette.png testdata/e2e/formats/interlaced.png \
   testdata/e2e/formats/rgb16.png testdata/e2e/formats/logo.jpg \
   testdata/e2e/formats/cmyk.jpg testdata/e2e/formats/exif-rot6.jpg \
   testdata/e2e/disguised/tiff-named.png testdata/e2e/disguised/avif-named.png \
   testdata/e2e/disguised/webp-named.png testdata/e2e/formats/gif-named.png \
   "$T/logo.svg" "$T/icon.ico" "$T/logo.bmp" "$T/none/" || exit 1
# a 1 x 1 GIF of two frames (red, red): an animation, libvips's to decode
printf 'GIF89a\001\000\001\000\200\000\000\377\000\000\000\000\000' >"$T/gif/anim.gif"
for frame in 1 2; do
	printf '\054\000\000\000\000\001\000\001\000\000\002\002\104\001\000' >>"$T/gif/anim.gif"
done
printf '\073' >>"$T/gif/anim.gif"

# check DIR: runs the binary over DIR with the loader's trace in $T/trace
# and the JSON report in $T/report.json; returns its exit status.
check() {
	LD_DEBUG=libs LD_DEBUG_OUTPUT="$T/trace" "$BIN" --no-config -q \
		-o json:"$T/report.json" "$1" >/dev/null 2>"$T/stderr"
}
loaded() { cat "$T"/trace.* 2>/dev/null | grep -q 'libvips\.so'; }

rm -f "$T"/trace.*
check "$T/none"; st=$?
if [ "$st" -gt 1 ]; then
	bad "PNG/JPEG/WebP/GIF/SVG/ICO/BMP/TIFF/AVIF run exited $st: $(head -c 300 "$T/stderr")"
elif ! ls "$T"/trace.* >/dev/null 2>&1; then
	echo "SKIP: the dynamic loader wrote no LD_DEBUG trace; what it maps not checked"
elif loaded; then
	bad "libvips was loaded for PNG, JPEG, WebP, still GIF, SVG, ICO, BMP, TIFF and AVIF files"
else
	ok "PNG, JPEG, WebP, still GIF, SVG, ICO, BMP, TIFF, AVIF: libvips not loaded (exit $st)"
	# and every file got its verdict from the sniff and the decoders
	for f in palette.png logo.jpg webp-named.png gif-named.png logo.svg icon.ico logo.bmp tiff-named.png avif-named.png; do
		grep -q "\"[^\"]*$f\"" "$T/report.json" || bad "$f missing from the report"
	done
	grep -q '"file-format"' "$T/report.json" || bad "no file-format finding for SVG/ICO/BMP/TIFF"
fi

for kind in gif; do
	rm -f "$T"/trace.*
	check "$T/$kind"; st=$?
	if [ "$st" -gt 1 ]; then
		bad "$kind run exited $st: $(head -c 300 "$T/stderr")"
	elif ! ls "$T"/trace.* >/dev/null 2>&1; then
		echo "SKIP: no LD_DEBUG trace for the $kind run"
	elif ! loaded; then
		bad "$kind: libvips was not loaded, yet the animated GIF must be decoded by it"
	elif grep -q '"decode-error"' "$T/report.json"; then
		bad "$kind: decode-error through the loaded libvips: $(grep -o '"message": *"[^"]*"' "$T/report.json" | head -n 3)"
	elif cat "$T"/trace.* | grep -q 'vips-modules'; then
		bad "$kind: libvips loaded its optional modules (ImageMagick, Poppler...): $(cat "$T"/trace.* | grep -o '[^ ]*vips-modules[^ ]*' | sort -u | head -n 3 | tr "\n" " ")"
	else
		ok "$kind: libvips loaded without its modules and the file decoded"
	fi
done

# libvips that cannot be loaded: the animated GIF is then a decode-error naming the
# reason, the PNG beside it is still checked and the gate fails (exit 1).
# A preloaded dlopen() refuses libvips (it asks the real dlopen for a name
# that does not exist, so dlerror() says why, as for a missing library).
cat >"$T/novips.c" <<'EOF_C'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <string.h>
void *dlopen(const char *file, int mode)
{
	void *(*real)(const char *, int) = (void *(*)(const char *, int))dlsym(RTLD_NEXT, "dlopen");
	if (file && strstr(file, "libvips"))
		file = "libvips-hidden-by-the-test.so";
	return real(file, mode);
}
EOF_C
CC=${CC:-cc}
if ! $CC -shared -fPIC -o "$T/novips.so" "$T/novips.c" -ldl 2>"$T/cc.log"; then
	bad "cannot build the dlopen interposer: $(head -c 300 "$T/cc.log")"
else
	cp testdata/e2e/formats/palette.png "$T/gif/"
	# a sanitizer build wants its runtime first; the interposer is harmless
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
	LD_PRELOAD="$T/novips.so" "$BIN" --no-config -q -o json:"$T/novips.json" "$T/gif" \
		>/dev/null 2>"$T/stderr"; st=$?
	msg=$(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
for f in r["files"]:
    for x in f.get("findings", []):
        if f["path"].endswith("anim.gif") and x["rule"] == "decode-error":
            print(x["message"])
' "$T/novips.json" 2>/dev/null)
	if [ "$st" -ne 1 ]; then
		bad "libvips not loadable: exit $st, want 1: $(head -c 300 "$T/stderr")"
	elif ! grep -q '"[^"]*palette.png"' "$T/novips.json"; then
		bad "libvips not loadable: the PNG beside the GIF is missing from the report"
	else
		case $msg in
		*libvips*hidden-by-the-test*) ok "libvips not loadable: GIF is a decode-error naming why ($msg)" ;;
		*) bad "libvips not loadable: want a decode-error naming libvips and the reason, got '$msg'" ;;
		esac
	fi
fi

[ "$fails" -eq 0 ]
