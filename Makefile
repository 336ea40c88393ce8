# assetlint — see README.md.  `make demo` and `make test` work on a fresh
# Debian 12 machine: the first build runs tools/deps.sh, which installs the
# missing Debian packages, and records the pkg-config flags in build/.
.DELETE_ON_ERROR:
.DEFAULT_GOAL := all
# Keep objects of test programs and tools (they are not intermediates).
.SECONDARY:
.SUFFIXES:

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
MANDIR ?= $(PREFIX)/share/man
# Run after installing the shared library without DESTDIR, as root.
LDCONFIG ?= ldconfig
DESTDIR ?=
CC ?= cc
# V=1 shows whole compiler command lines.
ifeq ($(V),1)
Q :=
QL :=
else
Q = @echo '  CC      $<';
QL = @echo '  LD      $@';
endif

PKGS := vips libpng libjpeg libwebpdemux libgif7 zlib libdeflate nettle glib-2.0 json-glib-1.0
# libvips is compiled against but not linked: decode_vips_shim.c loads it
# with dlopen() when a file needs it, so its ~100 libraries stay off every
# start-up.  Tests and tools that call libvips themselves link VIPS_LIBS.
# json-glib likewise: json.c prints the reports, and baseline.c opens
# json-glib's parser when --baseline is given (json-glib brings GIO,
# GObject, libmount, libselinux ...: ~5 ms of every start-up).  Tests and
# fuzz targets that read reports with it link JSON_LIBS.
# libjpeg likewise (decode_jpeg.c opens it at the first JPEG): one
# library less to map and relocate when no JPEG is read (one hero PNG).
# Tests and tools that write JPEGs with it link JPEG_LIBS.  libwebp and
# libwebpdemux likewise (decode_webp.c, at the first WebP), and giflib
# (decode_gif.c, at the first GIF).
LINK_PKGS := $(filter-out vips json-glib-1.0 libjpeg libwebpdemux libgif7,$(PKGS))
TEST_PKGS := cmocka

ifeq ($(SANITIZE),1)
B := build/san
SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
else ifeq ($(FUZZ),1)
# `make fuzz` builds here: clang, libFuzzer's instrumentation, ASan + UBSan
B := build/fuzz
CC := clang
SANFLAGS := -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
else
B := build
SANFLAGS :=
endif
# TESSERACT=0 builds without OCR (the text rule then uses its letter-shape
# detector alone), in its own build folder.
TESSERACT ?= 1
export TESSERACT
ifeq ($(TESSERACT),0)
B := $(B)/noocr
endif

NO_DEPS_GOALS := clean distclean uninstall
ifeq ($(filter-out $(NO_DEPS_GOALS),$(or $(MAKECMDGOALS),all)),)
else
include build/config.mk
endif

build/config.mk: tools/deps.sh Makefile
	@mkdir -p build
	@sh tools/deps.sh
	@{ echo "PKG_CFLAGS := $$(pkg-config --cflags $(PKGS) $(TEST_PKGS))"; \
	   echo "PKG_LIBS := $$(pkg-config --libs $(LINK_PKGS))"; \
	   echo "VIPS_LIBS := $$(pkg-config --libs vips)"; \
	   echo "TEST_LIBS := $$(pkg-config --libs $(TEST_PKGS))"; \
	   echo "JSON_LIBS := $$(pkg-config --libs json-glib-1.0)"; \
	   echo "JPEG_LIBS := $$(pkg-config --libs libjpeg)"; \
	   echo "OCR_CFLAGS := $$(pkg-config --cflags tesseract 2>/dev/null)"; \
	   echo "OCR_LIBS := $$(pkg-config --libs tesseract 2>/dev/null)"; } > $@

WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wno-unused-parameter
# -O3: about 10-15 % less CPU than -O2 with byte-identical reports on
# testdata, the eval corpus and the real corpus (issue #10).
CFLAGS ?= -O3 -g
# One set of objects serves the archive and the shared library (-fPIC); only
# what include/assetlint.h marks AL_API is visible outside the library.
LIB_CFLAGS := -fPIC -fvisibility=hidden
ALL_CFLAGS := -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) $(SANFLAGS) $(LIB_CFLAGS) -Iinclude -Isrc $(PKG_CFLAGS)
ALL_LDFLAGS := $(LDFLAGS) $(SANFLAGS)
LIBS := $(PKG_LIBS) -ldl -lm -lpthread
# libtesseract is compiled against but not linked: ocr.c loads it with
# dlopen() when the first text line is read (its ~55 libraries stay off
# the start-up path).
ifneq ($(TESSERACT),0)
ALL_CFLAGS += -DAL_HAVE_TESSERACT $(OCR_CFLAGS)
endif

LIB_SRC := $(sort $(wildcard src/*.c src/rules/*.c))
LIB_SRC := $(filter-out src/main.c src/makeset_cli.c src/omp_serial.c src/ocr_png.c,$(LIB_SRC))
LIB_OBJ := $(LIB_SRC:%.c=$(B)/%.o)
TEST_SRC := $(sort $(wildcard tests/test_*.c))
TEST_BIN := $(TEST_SRC:tests/%.c=$(B)/tests/%)
TOOL_SRC := $(sort $(wildcard tools/*.c))
TOOL_BIN := $(TOOL_SRC:tools/%.c=$(B)/tools/%)
HDRS := $(wildcard include/*.h src/*.h src/rules/*.h)
# The library: archive and shared library libassetlint.so.MAJOR.MINOR.PATCH
# with the soname libassetlint.so.MAJOR (the version is the header's).
VERSION := $(shell sed -n 's/^.define AL_VERSION "\(.*\)"/\1/p' include/assetlint.h)
SONAME := libassetlint.so.$(firstword $(subst ., ,$(VERSION)))
SOLIB := libassetlint.so.$(VERSION)
LIB_FILES := $(B)/libassetlint.a $(B)/$(SOLIB) $(B)/$(SONAME) $(B)/libassetlint.so

.PHONY: all deps test unit e2e check-man check-clang check-nosimd demo testdata eval bench install uninstall clean test-browser fuzz fuzz-build
all: $(B)/assetlint $(LIB_FILES)

deps:
	@sh tools/deps.sh

$(B)/libassetlint.a: $(LIB_OBJ)
	@echo '  AR      $@'; t=$@.$$$$.tmp; ar rcs $$t $^ && mv $$t $@

# The command line links the archive, so the installed binary stands alone.
# A sanitizer build leaves the runtime's symbols to the executable.
SO_LDFLAGS := -shared -Wl,-soname,$(SONAME) $(if $(SANFLAGS),,-Wl,--no-undefined) \
              -Wl,--version-script=src/libassetlint.map

$(B)/$(SOLIB): $(LIB_OBJ) src/libassetlint.map
	$(QL)$(CC) $(ALL_LDFLAGS) $(SO_LDFLAGS) -o $@ $(LIB_OBJ) $(LIBS)

$(B)/$(SONAME) $(B)/libassetlint.so: $(B)/$(SOLIB)
	@ln -sf $(SOLIB) $@

$(B)/%.o: %.c $(HDRS) build/config.mk
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(ALL_CFLAGS) -c $< -o $@

# omp_serial.o: libtesseract's OpenMP regions run on the calling thread,
# without libgomp's system call per region (see src/omp_serial.c); the
# executable exports its symbols so that libtesseract binds to them.
# ocr_png.o: Tesseract's in-memory PNGs stored, not deflated (see
# src/ocr_png.c), by the same export.
CLI_OBJ := $(B)/src/main.o $(B)/src/makeset_cli.o $(B)/src/omp_serial.o $(B)/src/ocr_png.o
$(B)/assetlint: $(CLI_OBJ) $(B)/libassetlint.a src/omp_serial.dynlist
	$(QL)$(CC) $(ALL_LDFLAGS) -Wl,--dynamic-list=src/omp_serial.dynlist -o $@ $(filter %.o %.a,$^) $(LIBS)

$(B)/tests/%: $(B)/tests/%.o $(B)/libassetlint.a
	$(QL)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS) $(JPEG_LIBS) $(VIPS_LIBS) $(JSON_LIBS) $(TEST_LIBS)
$(B)/tests/test_omp_serial: $(B)/tests/test_omp_serial.o $(B)/src/omp_serial.o
	$(QL)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(TEST_LIBS)
$(B)/tests/test_ocr_png: $(B)/tests/test_ocr_png.o $(B)/src/ocr_png.o $(B)/libassetlint.a
	$(QL)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS) $(JPEG_LIBS) $(VIPS_LIBS) $(JSON_LIBS) $(TEST_LIBS)

$(B)/tools/%: $(B)/tools/%.o $(B)/libassetlint.a
	$(QL)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS) $(JPEG_LIBS) $(VIPS_LIBS)

# Fuzz targets (tests/fuzz/): `make test` replays the seed corpus and
# testdata/bad/ through them, linked with a plain main (fuzz_main.c);
# `make fuzz FUZZ_S=600` builds them with libFuzzer and fuzzes that long.
FUZZ_TARGETS := fuzz_file fuzz_set
FUZZ_REPLAY := $(FUZZ_TARGETS:%=$(B)/tests/fuzz/%)
FUZZ_S ?= 600
$(FUZZ_TARGETS:%=$(B)/tests/fuzz/%.o): tests/fuzz/fuzz.h
$(FUZZ_REPLAY): $(B)/tests/fuzz/%: $(B)/tests/fuzz/%.o $(B)/tests/fuzz/fuzz_main.o $(B)/libassetlint.a
	$(QL)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS) $(JSON_LIBS)
$(FUZZ_TARGETS:%=$(B)/fuzzers/%): $(B)/fuzzers/%: $(B)/tests/fuzz/%.o $(B)/tests/fuzz/fuzz_mutator.o $(B)/libassetlint.a
	@mkdir -p $(dir $@)
	$(QL)$(CC) $(ALL_LDFLAGS) -fsanitize=fuzzer -o $@ $^ $(LIBS) $(JSON_LIBS)
fuzz-build: $(FUZZ_TARGETS:%=$(B)/fuzzers/%)
fuzz:
	@sh tools/deps.sh --fuzz
	@$(MAKE) --no-print-directory FUZZ=1 fuzz-build
	@sh tests/fuzz/run.sh build/fuzz $(FUZZ_S)
# make bench's decode floor and its process runner link libpng and libjpeg
# only (no libassetlint, libvips or GLib): their start-up is measured too.
BENCH_TOOLS := $(B)/tools/decode_bench $(B)/tools/bench_run
BENCH_LIBS = $(shell pkg-config --libs libpng libjpeg) -lpthread
$(BENCH_TOOLS): $(B)/tools/%: $(B)/tools/%.o
	$(QL)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(BENCH_LIBS)

# Test images come from the generator, never from hand edits.
testdata: $(B)/tools/gen_testdata
	$(B)/tools/gen_testdata testdata

unit: $(TEST_BIN)
e2e: $(B)/assetlint
check-man: man/assetlint.1
	@mandoc -Tlint -W warning man/assetlint.1

# Warnings are errors under clang too: every C file of the repository is
# compiled for its diagnostics alone (no objects), with the build's flags.
# make test runs it when clang is installed and says SKIP when it is not.
CLANG ?= clang
check-clang:
	@for f in $(sort $(wildcard src/*.c src/rules/*.c tests/*.c tests/fuzz/*.c tools/*.c)); do \
		$(CLANG) $(filter-out $(SANFLAGS),$(ALL_CFLAGS)) -fsyntax-only $$f || exit 1; \
	done

# The SIMD paths (SSE2/SSSE3 intrinsics, AVX2 clones) each keep a plain C
# twin for targets without them; this compiles the library as such a target
# sees it, with -Werror, so that a twin left behind by an edit fails here.
NO_SIMD := -U__SSE2__ -U__SSE3__ -U__SSSE3__ -U__SSE4_1__ -U__SSE4_2__ -U__AVX__ -U__AVX2__
check-nosimd:
	@for f in $(LIB_SRC); do \
		$(CC) $(filter-out $(SANFLAGS),$(ALL_CFLAGS)) $(NO_SIMD) -fsyntax-only $$f || exit 1; \
	done

# The test checks the committed man page as it is (tests/run.sh, man-parts):
# rebuilding it here first would let a page left stale by an edit of a part
# pass, and would rewrite a tracked file during a test.
test: all $(TEST_BIN) $(TOOL_BIN) $(FUZZ_REPLAY)
	@MAKE='$(MAKE)' CC='$(CC)' SANITIZE='$(SANITIZE)' SANFLAGS='$(SANFLAGS)' sh tests/run.sh $(B)

demo: $(B)/assetlint
	@echo "== assetlint testdata/demo/ =="
	@$(B)/assetlint -o json:build/demo-report.json testdata/demo/; \
	 st=$$?; echo; echo "JSON report: build/demo-report.json (exit status $$st)"; \
	 [ $$st -le 1 ]
	@echo; echo "== assetlint make-set testdata/makeset/mark.png -o build/demo-set =="
	@$(B)/assetlint make-set testdata/makeset/mark.png -o build/demo-set \
	   -o html:build/demo-set.html; \
	 st=$$?; echo; echo "Set: build/demo-set/, contact sheet: build/demo-set.html (exit status $$st)"; \
	 [ $$st -eq 0 ]

# assetlint.pc: paths under PREFIX stay relative to ${prefix}; the private
# requirements are the modules the library is built with.
PC_SUBST := -e 's|@PREFIX@|$(PREFIX)|' \
	-e 's|@LIBDIR@|$(patsubst $(PREFIX)/%,$${prefix}/%,$(LIBDIR))|' \
	-e 's|@INCLUDEDIR@|$(patsubst $(PREFIX)/%,$${prefix}/%,$(INCLUDEDIR))|' \
	-e 's|@VERSION@|$(VERSION)|' -e 's|@REQUIRES@|$(LINK_PKGS)|' \
	-e 's|@LIBS_PRIVATE@|$(filter-out $(PKG_LIBS),$(LIBS))|'

install: all man/assetlint.1
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(PKGCONFIGDIR) \
		$(DESTDIR)$(INCLUDEDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man3
	install -m 755 $(B)/assetlint $(DESTDIR)$(BINDIR)/assetlint
	install -m 644 include/assetlint.h $(DESTDIR)$(INCLUDEDIR)/assetlint.h
	install -m 644 $(B)/libassetlint.a $(DESTDIR)$(LIBDIR)/libassetlint.a
	install -m 755 $(B)/$(SOLIB) $(DESTDIR)$(LIBDIR)/$(SOLIB)
	ln -sf $(SOLIB) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SOLIB) $(DESTDIR)$(LIBDIR)/libassetlint.so
	sed $(PC_SUBST) assetlint.pc.in > $(DESTDIR)$(PKGCONFIGDIR)/assetlint.pc
	chmod 644 $(DESTDIR)$(PKGCONFIGDIR)/assetlint.pc
	install -m 644 man/assetlint.1 $(DESTDIR)$(MANDIR)/man1/assetlint.1
	install -m 644 man/assetlint.3 $(DESTDIR)$(MANDIR)/man3/assetlint.3
	@if [ -z "$(DESTDIR)" ] && [ "$$(id -u)" = 0 ] && command -v $(LDCONFIG) >/dev/null; then $(LDCONFIG); fi

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/assetlint $(DESTDIR)$(INCLUDEDIR)/assetlint.h \
		$(DESTDIR)$(LIBDIR)/libassetlint.a $(DESTDIR)$(LIBDIR)/$(SOLIB) \
		$(DESTDIR)$(LIBDIR)/$(SONAME) $(DESTDIR)$(LIBDIR)/libassetlint.so \
		$(DESTDIR)$(PKGCONFIGDIR)/assetlint.pc \
		$(DESTDIR)$(MANDIR)/man1/assetlint.1 $(DESTDIR)$(MANDIR)/man3/assetlint.3

clean:
	rm -rf build

# The man page is assembled from man/parts/ (one part per topic, so rules
# document themselves next to each other); the result is committed.
man/assetlint.1: $(sort $(wildcard man/parts/*.roff))
	cat $^ > $@

eval: $(B)/assetlint $(TOOL_BIN)
	sh tools/eval.sh $(B)

bench: $(B)/assetlint $(TOOL_BIN)
	sh tools/bench.sh $(B)

test-browser: $(B)/assetlint
	sh tests/browser.sh $(B)
