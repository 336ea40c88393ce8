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
MANDIR ?= $(PREFIX)/share/man
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

PKGS := vips libpng libjpeg glib-2.0 json-glib-1.0
TEST_PKGS := cmocka

ifeq ($(SANITIZE),1)
B := build/san
SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
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

build/config.mk: tools/deps.sh
	@mkdir -p build
	@sh tools/deps.sh
	@{ echo "PKG_CFLAGS := $$(pkg-config --cflags $(PKGS) $(TEST_PKGS))"; \
	   echo "PKG_LIBS := $$(pkg-config --libs $(PKGS))"; \
	   echo "TEST_LIBS := $$(pkg-config --libs $(TEST_PKGS))"; \
	   echo "OCR_CFLAGS := $$(pkg-config --cflags tesseract 2>/dev/null)"; \
	   echo "OCR_LIBS := $$(pkg-config --libs tesseract 2>/dev/null)"; } > $@

WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wno-unused-parameter
CFLAGS ?= -O2 -g
ALL_CFLAGS := -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) $(SANFLAGS) -Iinclude -Isrc $(PKG_CFLAGS)
ALL_LDFLAGS := $(LDFLAGS) $(SANFLAGS)
LIBS := $(PKG_LIBS) -lm -lpthread
ifneq ($(TESSERACT),0)
ALL_CFLAGS += -DAL_HAVE_TESSERACT $(OCR_CFLAGS)
LIBS += $(OCR_LIBS)
endif

LIB_SRC := $(sort $(wildcard src/*.c src/rules/*.c))
LIB_SRC := $(filter-out src/main.c,$(LIB_SRC))
LIB_OBJ := $(LIB_SRC:%.c=$(B)/%.o)
TEST_SRC := $(sort $(wildcard tests/test_*.c))
TEST_BIN := $(TEST_SRC:tests/%.c=$(B)/tests/%)
TOOL_SRC := $(sort $(wildcard tools/*.c))
TOOL_BIN := $(TOOL_SRC:tools/%.c=$(B)/tools/%)
HDRS := $(wildcard include/*.h src/*.h src/rules/*.h)

.PHONY: all deps test unit e2e check-man demo testdata eval bench install uninstall clean test-browser
all: $(B)/assetlint

deps:
	@sh tools/deps.sh

$(B)/libassetlint.a: $(LIB_OBJ)
	@echo '  AR      $@'; t=$@.$$$$.tmp; ar rcs $$t $^ && mv $$t $@

$(B)/%.o: %.c $(HDRS) build/config.mk
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(ALL_CFLAGS) -c $< -o $@

$(B)/assetlint: $(B)/src/main.o $(B)/libassetlint.a
	$(QL)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS)

$(B)/tests/%: $(B)/tests/%.o $(B)/libassetlint.a
	$(QL)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS) $(TEST_LIBS)

$(B)/tools/%: $(B)/tools/%.o $(B)/libassetlint.a
	$(QL)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LIBS)

# Test images come from the generator, never from hand edits.
testdata: $(B)/tools/gen_testdata
	$(B)/tools/gen_testdata testdata

unit: $(TEST_BIN)
e2e: $(B)/assetlint
check-man: man/assetlint.1
	@mandoc -Tlint -W warning man/assetlint.1

test: $(B)/assetlint $(TEST_BIN) $(TOOL_BIN) man/assetlint.1
	@sh tests/run.sh $(B)

demo: $(B)/assetlint
	@echo "== assetlint testdata/demo/ =="
	@$(B)/assetlint -o json:build/demo-report.json testdata/demo/; \
	 st=$$?; echo; echo "JSON report: build/demo-report.json (exit status $$st)"; \
	 [ $$st -le 1 ]

install: $(B)/assetlint
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(B)/assetlint $(DESTDIR)$(BINDIR)/assetlint
	install -m 644 man/assetlint.1 $(DESTDIR)$(MANDIR)/man1/assetlint.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/assetlint $(DESTDIR)$(MANDIR)/man1/assetlint.1

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
