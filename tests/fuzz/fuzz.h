/*
 * Shared by the fuzz targets (tests/fuzz/fuzz_*.c): a private temp folder,
 * the options the command line uses by default, and the checks every
 * report must pass.  A failed check aborts, so libFuzzer keeps the input
 * (and the replay in `make test` fails on it).
 */
#ifndef AL_FUZZ_H
#define AL_FUZZ_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include <glib/gstdio.h>
#include "al_internal.h"
#include "ocr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond, ...) \
	do { \
		if (!(cond)) { \
			fprintf(stderr, "fuzz check failed: %s: ", #cond); \
			fprintf(stderr, __VA_ARGS__); \
			fputc('\n', stderr); \
			abort(); \
		} \
	} while (0)

static char *fuzz_root;

/* Removes @path and, for a folder, everything below it. */
static void fuzz_rm_rf(const char *path)
{
	GDir *d = g_file_test(path, G_FILE_TEST_IS_DIR) &&
	          !g_file_test(path, G_FILE_TEST_IS_SYMLINK) ? g_dir_open(path, 0, NULL) : NULL;
	const char *name;

	while (d && (name = g_dir_read_name(d))) {
		char *p = g_build_filename(path, name, NULL);
		fuzz_rm_rf(p);
		g_free(p);
	}
	if (d)
		g_dir_close(d);
	g_remove(path);
}

static void fuzz_cleanup(void)
{
	if (fuzz_root)
		fuzz_rm_rf(fuzz_root);
	g_free(fuzz_root);
	fuzz_root = NULL;
}

/* The process's own temp folder (made once, removed at exit). */
static const char *fuzz_tmpdir(void)
{
	if (!fuzz_root) {
		fuzz_root = g_dir_make_tmp("assetlint-fuzz-XXXXXX", NULL);
		if (!fuzz_root)
			abort();
		atexit(fuzz_cleanup);
	}
	return fuzz_root;
}

/* The command line's defaults, one thread (the fuzzer runs one input at a
 * time; threads would only add noise). */
static const al_options *fuzz_options(void)
{
	static al_options *opts;

	if (!opts) {
		opts = al_options_new();
		al_options_set_threads(opts, 1);
		/* one OCR "run" for the whole process: the Tesseract engine is
		 * made once and kept, not loaded again for every input (that
		 * took most of an execution) */
		al_ocr_begin();
	}
	return opts;
}

static void fuzz_write(const char *path, const uint8_t *data, size_t len)
{
	char *dir = g_path_get_dirname(path);

	g_mkdir_with_parents(dir, 0700);
	if (!g_file_set_contents(path, (const char *)data, (gssize)len, NULL))
		abort();
	g_free(dir);
}

/* What every report must hold, whatever the input: one entry per file,
 * findings with a rule, a severity and a message, regions
 * inside the image, counts that add up. */
static void fuzz_check_report(const al_report *rep)
{
	int errors = 0, warnings = 0, infos = 0;

	FUZZ_CHECK(rep != NULL, "no report");
	for (guint i = 0; i < rep->files->len + rep->sets->len; i++) {
		bool is_file = i < rep->files->len;
		const al_file_result *f = is_file ? g_ptr_array_index(rep->files, i) : NULL;
		const GPtrArray *fs = is_file ? f->findings
			: ((const al_set_result *)g_ptr_array_index(rep->sets, i - rep->files->len))->findings;
		for (guint j = 0; j < fs->len; j++) {
			const al_finding *x = g_ptr_array_index(fs, j);
			FUZZ_CHECK(x->rule && *x->rule, "finding without a rule");
			FUZZ_CHECK(x->severity >= AL_SEV_INFO && x->severity <= AL_SEV_ERROR,
			           "%s: severity %d", x->rule, x->severity);
			/* (a message may quote a file name that is not UTF-8: the
			 * writers clean it, fuzz_set checks their output) */
			FUZZ_CHECK(x->message && *x->message, "%s: empty message", x->rule);
			errors += x->severity == AL_SEV_ERROR;
			warnings += x->severity == AL_SEV_WARNING;
			infos += x->severity == AL_SEV_INFO;
			if (is_file && x->has_region && f->width > 0 && f->height > 0)
				FUZZ_CHECK(x->region.x >= 0 && x->region.y >= 0 && x->region.w >= 0 &&
				           x->region.h >= 0 && x->region.x + x->region.w <= f->width &&
				           x->region.y + x->region.h <= f->height,
				           "%s: region %d,%d %dx%d outside the %dx%d image", x->rule,
				           x->region.x, x->region.y, x->region.w, x->region.h,
				           f->width, f->height);
		}
	}
	FUZZ_CHECK(errors == rep->errors && warnings == rep->warnings && infos == rep->infos,
	           "counts %d/%d/%d, report says %d/%d/%d", errors, warnings, infos,
	           rep->errors, rep->warnings, rep->infos);
}

#endif
