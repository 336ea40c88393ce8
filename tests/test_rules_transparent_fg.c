/* transparent-foreground rule: a white, black or blue mark on a
 * transparent background. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "testutil.h"
#include "rules/rules.h"

/* A mark of @colour (disc + bar, anti-aliased) on transparent or @bg. */
static al_image *mark(uint32_t colour, uint32_t bg)
{
	al_image *img = tu_image_new(90, 90, bg);
	tu_disc(img, 45, 40, 25, colour);
	tu_fill(img, 20, 70, 50, 8, colour);
	return img;
}

static int run_one(uint32_t colour, uint32_t bg, char **msg)
{
	al_image *img = mark(colour, bg);
	tu_run run;
	int n = tu_check(&run, &al_rule_transparent_foreground, img, AL_ROLE_MEDIUM, NULL);
	if (msg)
		*msg = n > 0 ? g_strdup(tu_finding(&run, 0)->message) : NULL;
	if (n > 0) {
		const al_finding *f = tu_finding(&run, 0);
		assert_int_equal(f->severity, AL_SEV_ERROR);
		assert_true(f->has_region);
		assert_true(f->measured >= 0.6 && f->measured <= 1.0);
		/* the region is the mark: disc top-left to bar bottom-right */
		assert_in_range(f->region.x, 18, 21);
		assert_in_range(f->region.y, 13, 16);
	}
	tu_run_clear(&run);
	tu_image_free(img);
	return n;
}

static void test_flagged_colours(void **state)
{
	(void)state;
	static const struct { uint32_t c; const char *name; } cases[] = {
		{ 0xffffffff, "white" }, { 0x000000ff, "black" }, { 0x0078d4ff, "blue" },
		{ 0x0f6cbdff, "blue" }, { 0x000080ff, "blue" }, { 0x1e90ffff, "blue" },
		{ 0xf8f8f8ff, "white" }, { 0x202020ff, "black" },
	};
	for (unsigned i = 0; i < G_N_ELEMENTS(cases); i++) {
		char *msg = NULL;
		assert_int_equal(run_one(cases[i].c, 0x00000000, &msg), 1);
		assert_non_null(strstr(msg, cases[i].name));
		g_free(msg);
	}
}

static void test_other_colours_pass(void **state)
{
	(void)state;
	/* orange, teal, purple, green, red */
	static const uint32_t ok[] = {
		0xff8c00ff, 0x008080ff, 0x800080ff, 0x107c10ff, 0xe81123ff,
	};
	for (unsigned i = 0; i < G_N_ELEMENTS(ok); i++)
		assert_int_equal(run_one(ok[i], 0x00000000, NULL), 0);
}

static void test_opaque_background_never(void **state)
{
	(void)state;
	assert_int_equal(run_one(0xffffffff, 0x107c10ff, NULL), 0);
	assert_int_equal(run_one(0x0078d4ff, 0xffb900ff, NULL), 0);
	assert_int_equal(run_one(0x000000ff, 0xffffffff, NULL), 0);
}

static void test_mixed_mark_share(void **state)
{
	(void)state;
	/* an orange disc with a small white bar: white well under 60 % */
	al_image *img = tu_image_new(90, 90, 0x00000000);
	tu_disc(img, 45, 40, 25, 0xff8c00ff);
	tu_fill(img, 20, 70, 50, 8, 0xffffffff);
	tu_run run;
	assert_int_equal(tu_check(&run, &al_rule_transparent_foreground, img, AL_ROLE_MEDIUM, NULL), 0);
	tu_run_clear(&run);
	/* half black, half blue: together forbidden, both named */
	tu_fill(img, 0, 0, 90, 90, 0x00000000);
	tu_fill(img, 10, 10, 35, 70, 0x000000ff);
	tu_fill(img, 45, 10, 35, 70, 0x0078d4ff);
	assert_int_equal(tu_check(&run, &al_rule_transparent_foreground, img, AL_ROLE_MEDIUM, NULL), 1);
	const char *msg = tu_finding(&run, 0)->message;
	/* the column where they meet averages to a dark blue */
	assert_non_null(strstr(msg, "black 49 %"));
	assert_non_null(strstr(msg, "blue 51 %"));
	tu_run_clear(&run);
	tu_image_free(img);
}

static void test_hero_not_checked(void **state)
{
	(void)state;
	al_image *img = mark(0xffffffff, 0x00000000);
	tu_run run;
	assert_int_equal(tu_check(&run, &al_rule_transparent_foreground, img, AL_ROLE_HERO, NULL), 0);
	tu_run_clear(&run);
	tu_image_free(img);
}

/* Near-blacks (#1a1a1a .. #333333, #202030) are black; mid-greys from
 * #7f7f7f up and charcoal #56565a are not; navy and azure are blue. */
static void test_dark_and_grey(void **state)
{
	(void)state;
	static const struct { uint32_t c; const char *name; } flagged[] = {
		{ 0x1a1a1aff, "black" }, { 0x262626ff, "black" }, { 0x333333ff, "black" },
		{ 0x202030ff, "black" }, { 0x2a2a2eff, "black" },
		{ 0x001f5bff, "blue" }, { 0x007fffff, "blue" }, { 0x00a2edff, "blue" },
	};
	for (unsigned i = 0; i < G_N_ELEMENTS(flagged); i++) {
		char *msg = NULL;
		assert_int_equal(run_one(flagged[i].c, 0x00000000, &msg), 1);
		assert_non_null(strstr(msg, flagged[i].name));
		g_free(msg);
	}
	static const uint32_t ok[] = { 0x7f7f7fff, 0x999999ff, 0xb0b0b0ff, 0x56565aff };
	for (unsigned i = 0; i < G_N_ELEMENTS(ok); i++)
		assert_int_equal(run_one(ok[i], 0x00000000, NULL), 0);
}

/* Dither and grain: each pixel alone may miss the class, the colour the
 * eye sees (the 3x3 mean) does not. */
static void test_dithered_and_noisy(void **state)
{
	(void)state;
	/* near-white dithered 2x2 between #ffffff and #d8d8d8 (L* 87) */
	al_image *img = mark(0xffffffff, 0x00000000);
	for (int y = 0; y < 90; y++)
		for (int x = 0; x < 90; x++) {
			uint8_t *p = img->rgba + ((size_t)y * 90 + x) * 4;
			if (p[3] >= 128 && (x + y) % 2)
				p[0] = p[1] = p[2] = 0xd8;
		}
	tu_run run;
	assert_int_equal(tu_check(&run, &al_rule_transparent_foreground, img, AL_ROLE_MEDIUM, NULL), 1);
	assert_non_null(strstr(tu_finding(&run, 0)->message, "white"));
	tu_run_clear(&run);
	tu_image_free(img);
	/* near-black #262626 with grain of +-24 (single pixels up to L* 31) */
	img = mark(0x262626ff, 0x00000000);
	guint32 seed = 5;
	for (size_t i = 0; i < 90 * 90; i++) {
		uint8_t *p = img->rgba + i * 4;
		seed = seed * 1103515245u + 12345u;
		int d = (int)((seed >> 16) % 49) - 24;
		if (p[3] >= 128)
			p[0] = p[1] = p[2] = (uint8_t)(0x26 + d);
	}
	assert_int_equal(tu_check(&run, &al_rule_transparent_foreground, img, AL_ROLE_MEDIUM, NULL), 1);
	assert_non_null(strstr(tu_finding(&run, 0)->message, "black"));
	tu_run_clear(&run);
	tu_image_free(img);
}

/* Outlined line art: strokes two pixels thick in @fill, each inside a
 * 1-px @line outline (rows line, fill, fill, line), on a transparent
 * canvas.  Every 3x3 window of it mixes the two colours. */
static int outlined_strokes(uint32_t fill, uint32_t line, char **msg)
{
	al_image *img = tu_image_new(90, 90, 0x00000000);
	for (int y = 10; y + 4 <= 80; y += 6) {
		tu_fill(img, 15, y, 60, 4, line);
		tu_fill(img, 16, y + 1, 58, 2, fill);
	}
	tu_run run;
	int n = tu_check(&run, &al_rule_transparent_foreground, img, AL_ROLE_MEDIUM, NULL);
	if (msg)
		*msg = n > 0 ? g_strdup(tu_finding(&run, 0)->message) : NULL;
	tu_run_clear(&run);
	tu_image_free(img);
	return n;
}

/* A white glyph in a 1-px near-black outline is white and black: both
 * forbidden, though each 3x3 mean is a grey of no class.  The same
 * strokes in orange, or white inside an orange outline, are not. */
static void test_outlined_glyph(void **state)
{
	(void)state;
	static const uint32_t pairs[][2] = {
		{ 0xffffffff, 0x141418ff }, { 0xfafafaff, 0x000000ff },
		{ 0x000000ff, 0xffffffff }, { 0x0078d4ff, 0xffffffff },
	};
	for (unsigned i = 0; i < G_N_ELEMENTS(pairs); i++) {
		char *msg = NULL;
		assert_int_equal(outlined_strokes(pairs[i][0], pairs[i][1], &msg), 1);
		assert_non_null(strstr(msg, "mark is 100 %"));
		g_free(msg);
	}
	assert_int_equal(outlined_strokes(0xff8c00ff, 0x141418ff, NULL), 0);
	assert_int_equal(outlined_strokes(0xffffffff, 0xff8c00ff, NULL), 0);
	assert_int_equal(outlined_strokes(0x107c10ff, 0x7f7f7fff, NULL), 0);
}

/* The shortcut for a 3x3 neighbourhood of one RGBA (its mean is its
 * colour) and the class worked out once per colour, against the plain
 * code (al__transparent_fg_plain): random marks on a transparent canvas
 * of every logo size, odd ones down to 1 px wide and one wider than the
 * 255 px m->run counts (discs, bars and 1-px lines in white, black, blue
 * and other colours, translucent rims and pixels under and over
 * alpha_min, dither), at alpha_min 1 to 255:
 * the same finding, share (to the bit) and box.  Some must be flagged,
 * or the test proves little. */
static void test_shortcut_matches_plain(void **state)
{
	(void)state;
	static const int sizes[][2] = { { 40, 40 }, { 90, 90 }, { 115, 115 }, { 255, 115 },
	                                { 1, 7 }, { 7, 1 }, { 2, 2 }, { 3, 5 }, { 11, 6 },
	                                { 600, 9 } };
	static const uint32_t palette[] = { 0xffffffff, 0x000000ff, 0x0078d4ff, 0xf4f4f4ff,
	                                    0x1a1a2eff, 0xe81123ff, 0x107c10ff, 0x7f7f7fff };
	GRand *rnd = g_rand_new_with_seed(10);
	int flagged = 0;
	for (int t = 0; t < 300; t++) {
		int w = sizes[t % G_N_ELEMENTS(sizes)][0], h = sizes[t % G_N_ELEMENTS(sizes)][1];
		al_image *img = tu_image_new(w, h, 0x00000000);
		for (int k = g_rand_int_range(rnd, 1, 8); k > 0; k--) {
			uint32_t c = palette[g_rand_int_range(rnd, 0, G_N_ELEMENTS(palette))];
			if (!g_rand_int_range(rnd, 0, 4))
				c = (c & 0xffffff00u) | g_rand_int_range(rnd, 1, 256);
			double x = g_rand_double_range(rnd, -3, w + 3), y = g_rand_double_range(rnd, -3, h + 3);
			switch (g_rand_int_range(rnd, 0, 3)) {
			case 0:
				tu_disc(img, x, y, g_rand_double_range(rnd, 0.5, MAX(w, h) / 2.0), c);
				break;
			case 1:
				tu_fill(img, (int)x, (int)y, g_rand_int_range(rnd, 1, w + 1),
				        g_rand_int_range(rnd, 1, h + 1), c);
				break;
			default:
				tu_fill(img, 0, (int)y, w, 1, c);
				break;
			}
		}
		if (g_rand_boolean(rnd))
			for (int i = 0; i < w * h; i++)
				if (g_rand_int_range(rnd, 0, 5) == 0 && img->rgba[i * 4 + 3])
					img->rgba[i * 4] ^= (uint8_t)g_rand_int_range(rnd, 0, 64);
		char *err = NULL;
		al_options *o[2];
		double alpha_min = g_rand_boolean(rnd) ? 128 : g_rand_int_range(rnd, 1, 256);
		tu_run run[2];
		int n[2];
		for (int k = 0; k < 2; k++) {
			o[k] = al_options_new();
			assert_int_equal(al_options_set_threshold(o[k], "transparent-foreground.min_share",
			                                          0.05, &err), AL_OK);
			assert_int_equal(al_options_set_threshold(o[k], "transparent-foreground.alpha_min",
			                                          alpha_min, &err), AL_OK);
			al__transparent_fg_plain = k == 1;
			n[k] = tu_check(&run[k], &al_rule_transparent_foreground, img, AL_ROLE_MEDIUM, o[k]);
		}
		al__transparent_fg_plain = false;
		assert_int_equal(n[0], n[1]);
		if (n[0]) {
			const al_finding *a = tu_finding(&run[0], 0), *b = tu_finding(&run[1], 0);
			assert_true(a->measured == b->measured);
			assert_memory_equal(&a->region, &b->region, sizeof a->region);
			assert_string_equal(a->message, b->message);
			flagged++;
		}
		tu_run_clear(&run[0]);
		tu_run_clear(&run[1]);
		tu_image_free(img);
	}
	assert_true(flagged >= 50);
	g_rand_free(rnd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_flagged_colours),
		cmocka_unit_test(test_other_colours_pass),
		cmocka_unit_test(test_opaque_background_never),
		cmocka_unit_test(test_mixed_mark_share),
		cmocka_unit_test(test_dark_and_grey),
		cmocka_unit_test(test_dithered_and_noisy),
		cmocka_unit_test(test_outlined_glyph),
		cmocka_unit_test(test_shortcut_matches_plain),
		cmocka_unit_test(test_hero_not_checked),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
