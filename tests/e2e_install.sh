#!/bin/sh
# The library as a client gets it (issue #11): `make install` into a
# temporary DESTDIR, then, with nothing but pkg-config pointed into it,
#  - the shared library exports exactly the functions the installed header
#    declares, under its soname;
#  - tests/api_client.c checks every test image from a buffer in memory and
#    its findings, read through the accessors, equal the command line's JSON
#    report of the same files; two threads sharing one al_options agree with
#    a check alone; linked statically (pkg-config --static) it agrees too;
#  - the example program of assetlint(3) compiles and runs;
#  - the command line's own main.c builds against the installed library and
#    writes the same report as the built binary;
#  - `make uninstall` removes every installed file.
# Run from the repository root by tests/run.sh with the build folder; MAKE,
# CC, SANITIZE and SANFLAGS come from `make test`.
set -eu
B=${1:-build}
MAKE=${MAKE:-make}
CC=${CC:-cc}
SANITIZE=${SANITIZE:-}
SANFLAGS=${SANFLAGS:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
stage=$tmp/stage
prefix=/opt/assetlint-test
root=$stage$prefix
fail() { echo "FAIL: $*"; exit 1; }

# A make of its own: not part of the calling make's job server.
mk() {
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL "$MAKE" -s --no-print-directory \
		DESTDIR="$stage" PREFIX="$prefix" SANITIZE="$SANITIZE" CC="$CC" "$@"
}
mk install >"$tmp/install.log" 2>&1 || { cat "$tmp/install.log"; fail "make install"; }

version=$(sed -n 's/^#define AL_VERSION "\(.*\)"/\1/p' include/assetlint.h)
major=${version%%.*}
for f in bin/assetlint include/assetlint.h lib/libassetlint.a \
         lib/libassetlint.so.$version lib/pkgconfig/assetlint.pc \
         share/man/man1/assetlint.1 share/man/man3/assetlint.3; do
	[ -f "$root/$f" ] || fail "not installed: $prefix/$f"
done
for l in libassetlint.so.$major libassetlint.so; do
	[ -L "$root/lib/$l" ] && [ "$(readlink "$root/lib/$l")" = "libassetlint.so.$version" ] ||
		fail "$prefix/lib/$l is not a link to libassetlint.so.$version"
done
so=$root/lib/libassetlint.so.$version
soname=$(readelf -d "$so" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
[ "$soname" = "libassetlint.so.$major" ] || fail "soname '$soname', want libassetlint.so.$major"
echo "installed into DESTDIR: $(cd "$stage" && find . ! -type d | sort | tr '\n' ' ')"

# The exported symbols are the header's declarations, no more, no less.
awk '/^AL_API/ { d = 1; buf = "" } d { buf = buf " " $0 }
     d && /;/ { if (match(buf, /al_[a-z0-9_]*\(/)) print substr(buf, RSTART, RLENGTH - 1); d = 0 }' \
	"$root/include/assetlint.h" | sort >"$tmp/declared"
nm -D --defined-only "$so" | awk '{ print $3 }' | sort >"$tmp/exported"
[ -s "$tmp/declared" ] || fail "no AL_API declaration found in the installed header"
if ! cmp -s "$tmp/declared" "$tmp/exported"; then
	diff "$tmp/declared" "$tmp/exported" | sed 's/^/  /'
	fail "nm -D --defined-only: exported symbols differ from the header's (< declared, > exported)"
fi
echo "nm -D: $(wc -l <"$tmp/exported") symbols, all declared in assetlint.h"
# ... and each is in assetlint(3)'s synopsis.
sed -n '/^\.SH SYNOPSIS/,/^\.SH /p' "$root/share/man/man3/assetlint.3" |
	grep -o 'al_[a-z0-9_]*(' | tr -d '(' | sort -u >"$tmp/documented"
undocumented=$(comm -23 "$tmp/declared" "$tmp/documented" | tr '\n' ' ')
[ -z "$undocumented" ] || fail "not in the SYNOPSIS of assetlint(3): $undocumented"

# Clients see only the staged tree.
PKG_CONFIG_PATH=$root/lib/pkgconfig
PKG_CONFIG_SYSROOT_DIR=$stage
export PKG_CONFIG_PATH PKG_CONFIG_SYSROOT_DIR
[ "$(pkg-config --modversion assetlint)" = "$version" ] || fail "pkg-config --modversion assetlint"
pkg-config --print-requires-private assetlint | grep -q . || fail "assetlint.pc has no Requires.private"
cflags=$(pkg-config --cflags assetlint)
libs=$(pkg-config --libs assetlint)
case " $cflags $libs " in *" -I$root/include "*" -L$root/lib "*) ;;
	*) fail "pkg-config does not point into the DESTDIR: $cflags $libs" ;; esac
cc_client() { out=$1; shift; $CC -std=c11 -Wall -Wextra -Werror $SANFLAGS -o "$out" "$@"; }
echo "clients: $CC -std=c11 -Wall -Wextra -Werror ${SANFLAGS:+$SANFLAGS }$cflags $libs"
cc_client "$tmp/client" tests/api_client.c $cflags $libs || fail "cannot build the client with pkg-config"
LD_LIBRARY_PATH=$root/lib
export LD_LIBRARY_PATH
ldd "$tmp/client" | grep -q "libassetlint.so.$major => $root/lib/" || fail "the client does not load the staged library"

# Every test image from memory equals the command line's report of it.
images=$(find testdata -type f | LC_ALL=C sort)
[ -n "$images" ] || fail "no test images"
# shellcheck disable=SC2086
"$tmp/client" $images >"$tmp/api.txt" || fail "api_client failed"
st=0
"$B/assetlint" --no-config -f json -j2 testdata >"$tmp/cli.json" || st=$?
[ "$st" -le 1 ] || fail "assetlint exit $st"
python3 - "$tmp/cli.json" >"$tmp/cli.txt" <<'EOF'
import json, sys
rep = json.load(open(sys.argv[1]))
def num(v):
    return "none" if v is None else "%.4f" % v
for f in rep["files"]:
    print("file %s role=%s format=%s size=%dx%d findings=%d" % (
        f["path"], f["role"], f["format"] or "none", f["width"] or 0,
        f["height"] or 0, len(f["findings"])))
    for x in f["findings"]:
        r = x["region"]
        region = "none" if r is None else "%d,%d,%d,%d" % (r["x"], r["y"], r["w"], r["h"])
        print("  finding %s %s region=%s measured=%s limit=%s %s" % (
            x["rule"], x["severity"], region, num(x["measured"]),
            num(x["limit"]), x["message"]))
EOF
if ! cmp -s "$tmp/cli.txt" "$tmp/api.txt"; then
	diff "$tmp/cli.txt" "$tmp/api.txt" | head -n 30 | sed 's/^/  /'
	fail "findings from memory differ from the command line's JSON (< cli, > api)"
fi
nf=$(grep -c '^file ' "$tmp/api.txt")
nfind=$(grep -c '^  finding ' "$tmp/api.txt")
echo "al_check_buffer: $nf images, $nfind findings equal to the JSON report"
grep -q 'region=[0-9]' "$tmp/api.txt" && grep -q 'measured=[0-9-]' "$tmp/api.txt" &&
	grep -q 'region=none measured=none' "$tmp/api.txt" ||
	fail "the images do not exercise regions, measurements and findings without them"

# Two threads, one al_options; one image goes through libvips (GIF).
"$tmp/client" --threads testdata/demo/fabrikam/hero.png testdata/e2e/formats/gif-named.png ||
	fail "two threads sharing one al_options"

# The same client linked statically: the private requirements suffice.
# pkg-config --static resolves them on the system, which a sysroot would
# hide, so this is an install to a PREFIX of its own, without DESTDIR.
env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL "$MAKE" -s --no-print-directory PREFIX="$tmp/prefix" \
	SANITIZE="$SANITIZE" CC="$CC" LDCONFIG=true install >"$tmp/install2.log" 2>&1 ||
	{ cat "$tmp/install2.log"; fail "make install PREFIX=$tmp/prefix"; }
slibs=$(env -u PKG_CONFIG_SYSROOT_DIR PKG_CONFIG_PATH="$tmp/prefix/lib/pkgconfig" \
	pkg-config --static --libs assetlint | sed 's/-lassetlint\b/-l:libassetlint.a/')
scflags=$(env -u PKG_CONFIG_SYSROOT_DIR PKG_CONFIG_PATH="$tmp/prefix/lib/pkgconfig" \
	pkg-config --cflags assetlint)
cc_client "$tmp/client-static" tests/api_client.c $scflags $slibs || fail "static link with pkg-config --static"
ldd "$tmp/client-static" | grep -q libassetlint && fail "the static client loads libassetlint.so"
"$tmp/client-static" testdata/demo/contoso/Hero.png >"$tmp/static.txt" || fail "static client failed"
grep -A1000 -x 'file testdata/demo/contoso/Hero.png.*' "$tmp/api.txt" |
	awk 'NR > 1 && /^file /{ exit } { print }' | cmp -s - "$tmp/static.txt" ||
	fail "the static client's findings differ"

# assetlint(3)'s example, exactly as printed.
sed -n '/^\.\\" example-begin/,/^\.\\" example-end/p' "$root/share/man/man3/assetlint.3" |
	sed -e '1,/^\.EX/d' -e '/^\.EE/,$d' -e 's/\\-/-/g' -e 's/\\e/\\/g' -e 's/\\(aq/'"'"'/g' -e 's/^\\&//' \
	>"$tmp/example.c"
grep -q 'al_check_buffer' "$tmp/example.c" || fail "no example program found in assetlint.3"
cc_client "$tmp/example" "$tmp/example.c" $cflags $libs || fail "assetlint(3)'s example does not compile"
st=0
"$tmp/example" testdata/demo/fabrikam/small.png >"$tmp/example.out" 2>&1 || st=$?
[ "$st" = 1 ] && grep -q 'background-white' "$tmp/example.out" ||
	{ cat "$tmp/example.out"; fail "assetlint(3)'s example: exit $st, want 1 and background-white"; }
st=0
"$tmp/example" testdata/e2e/bg/teal-large.png >"$tmp/example.out" 2>&1 || st=$?
[ "$st" = 0 ] || { cat "$tmp/example.out"; fail "assetlint(3)'s example on a clean logo: exit $st"; }
echo "assetlint(3) example: compiled and ran"

# The command line is a client too: its main.c (and makeset_cli.c, the
# make-set command) builds from the installed
# header and library alone (plus GLib, which it uses itself).
glib=$(env -u PKG_CONFIG_SYSROOT_DIR -u PKG_CONFIG_PATH pkg-config --cflags --libs glib-2.0)
cc_client "$tmp/assetlint" src/main.c src/makeset_cli.c $cflags $libs $glib || fail "main.c does not build against the installed library"
ldd "$tmp/assetlint" | grep -q "libassetlint.so.$major => $root/lib/" || fail "the client CLI does not load the staged library"
st1=0 st2=0
"$tmp/assetlint" --no-config -f json -j2 testdata >"$tmp/cli2.json" || st1=$?
"$B/assetlint" --no-config -f json -j2 testdata >"$tmp/cli1.json" || st2=$?
[ "$st1" = "$st2" ] && cmp -s "$tmp/cli1.json" "$tmp/cli2.json" ||
	fail "main.c linked to the shared library reports differently (exit $st1 vs $st2)"
echo "main.c against the installed library: same report"

mk uninstall >"$tmp/uninstall.log" 2>&1 || { cat "$tmp/uninstall.log"; fail "make uninstall"; }
left=$(cd "$stage" && find . ! -type d)
[ -z "$left" ] || fail "make uninstall left: $left"
echo "make uninstall: nothing left"
