#!/bin/sh
# Installs the Debian packages assetlint needs to build and test when any is
# missing: a pkg-config module or a command.  Quiet when all are present.
# Usage: tools/deps.sh [--check] [--fuzz]   (--check: only report, exit 1
# if missing; --fuzz: also what `make fuzz` needs, clang and libFuzzer)
set -u
need=""
check=0 fuzz=0
for a in "$@"; do
	case "$a" in --check) check=1 ;; --fuzz) fuzz=1 ;; esac
done
pc() { pkg-config --exists "$1" 2>/dev/null || need="$need $2"; }
cmd() { command -v "$1" >/dev/null 2>&1 || need="$need $2"; }
py() { /usr/bin/python3 -c "import $1" >/dev/null 2>&1 || need="$need $2"; }

cmd pkg-config pkg-config
cmd cc gcc
pc vips libvips-dev
pc libpng libpng-dev
pc zlib zlib1g-dev
pc libdeflate libdeflate-dev
pc nettle nettle-dev           # SHA-256 of each file (pipeline.c)
pc libjpeg libjpeg-dev
pc libwebpdemux libwebp-dev   # WebP without libvips (decode_webp.c)
pc libgif7 libgif-dev         # GIF without libvips (decode_gif.c)
pc glib-2.0 libglib2.0-dev
pc json-glib-1.0 libjson-glib-dev
pc cmocka libcmocka-dev
# OCR for the text rule, unless built without it (make TESSERACT=0)
if [ "${TESSERACT:-1}" != 0 ]; then
	pc tesseract libtesseract-dev
	dpkg -s tesseract-ocr-eng >/dev/null 2>&1 || need="$need tesseract-ocr-eng"
fi
cmd mandoc mandoc
cmd xmllint libxml2-utils
[ -x /usr/bin/python3 ] || need="$need python3"
[ -x /usr/bin/time ] || need="$need time"  # make bench: peak memory
py jsonschema python3-jsonschema
if [ "$fuzz" = 1 ]; then
	cmd clang clang
	# libFuzzer's runtime comes with the compiler-rt package
	ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1 ||
		need="$need libclang-rt-14-dev"
fi
cmd pre-commit pre-commit   # tests/e2e_precommit.sh: the hook in .pre-commit-hooks.yaml
py yaml python3-yaml        # tests/e2e_action.py: reads action.yml

[ -z "$need" ] && exit 0
if [ "$check" = 1 ]; then
	echo "missing Debian packages:$need" >&2
	exit 1
fi
echo "deps: installing$need" >&2
if [ "$(id -u)" != 0 ]; then
	echo "deps: not root; run: sudo apt-get install$need" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# A fresh machine may have empty package lists: update once, then install.
apt-get install -y -q --no-install-recommends $need >/dev/null 2>&1 ||
	{ apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends $need; } || {
	echo "deps: apt-get install$need failed" >&2
	exit 1
}
