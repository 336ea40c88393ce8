/*
 * Fuzz target (a): one file checked as the command line checks it -- the
 * walk, the read, the header probe, the decode (reduced when large), the
 * shared measurements and every file rule -- then the report's invariants
 * (fuzz.h).  The file's name, and with it the role and the decode budget,
 * comes from the input's length, so every role's path is exercised.  A
 * PNG is also decoded by libpng alone and by the fast path (libdeflate,
 * and zlib row by row), whole and reduced: the results must be the same.
 *
 * Built with libFuzzer by `make fuzz`; built with fuzz_main.c (a replay
 * main) by `make test`, which replays the seed corpus and testdata/bad/.
 */
#include "fuzz.h"
#include "decode.h"

/* The PNG fast path must give what libpng gives: status, message or note,
 * size and pixels; whole and reduced, libdeflate and zlib row by row. */
static void png_differential(const uint8_t *data, size_t size)
{
	static const size_t budgets[2] = { AL_DECODE_MAX_PIXELS, 2000 };
	al_info info;
	char why[256];

	if (al_probe(data, size, &info, why, sizeof why) != AL_OK || info.format != AL_FMT_PNG ||
	    (double)info.width * info.height > 40e6)
		return;
	for (int b = 0; b < 2; b++) {
		al_image ref = { 0 };
		char ref_why[256];
		g_atomic_int_set(&al_png_fast, 0);
		al_status ref_st = al_decode_max(data, size, &info, budgets[b], &ref, ref_why, sizeof ref_why);
		for (int mode = 1; mode <= 2; mode++) {
			al_image img = { 0 };
			g_atomic_int_set(&al_png_fast, mode);
			al_status st = al_decode_max(data, size, &info, budgets[b], &img, why, sizeof why);
			FUZZ_CHECK(st == ref_st && strcmp(why, ref_why) == 0,
			           "fast path mode %d: status %d \"%s\", libpng %d \"%s\"",
			           mode, st, why, ref_st, ref_why);
			FUZZ_CHECK(st != AL_OK || (img.width == ref.width && img.height == ref.height &&
			           memcmp(img.rgba, ref.rgba, (size_t)img.width * img.height * 4) == 0),
			           "fast path mode %d: pixels differ from libpng's", mode);
			g_free(img.rgba);
		}
		g_free(ref.rgba);
	}
	g_atomic_int_set(&al_png_fast, 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = {
		"image.png", "small.png", "hero.png", "wide.jpg", "large.png", "Medium.PNG",
	};
	char *path = g_build_filename(fuzz_tmpdir(), names[size % G_N_ELEMENTS(names)], NULL);
	const char *paths[1] = { path };
	char *err = NULL;
	al_report *rep;

	fuzz_write(path, data, size);
	rep = al_check_paths(fuzz_options(), paths, 1, &err);
	FUZZ_CHECK(rep != NULL, "al_check_paths failed: %s", err ? err : "?");
	FUZZ_CHECK(rep->files->len == 1, "%u files in the report", rep->files->len);
	fuzz_check_report(rep);
	al_report_free(rep);
	g_remove(path);
	g_free(path);
	png_differential(data, size);
	return 0;
}
