/* background-white, background-black, background-transparent. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "testutil.h"
#include "rules/rules.h"

/* A logo of @size on @bg with a mid-tone mark; returns the finding count. */
static int run_logo(tu_run *run, const al_rule *rule, uint32_t bg, al_options *o)
{
	al_image *img = tu_image_new(90, 90, bg);
	tu_disc(img, 45, 45, 25, 0xd13438ff);
	int n = tu_check(run, rule, img, AL_ROLE_MEDIUM, o);
	tu_image_free(img);
	return n;
}

static al_options *opts_with(const char *key, double v)
{
	al_options *o = al_options_new();
	char *err = NULL;
	assert_int_equal(al_options_set_threshold(o, key, v, &err), AL_OK);
	assert_null(err);
	return o;
}

static void test_white_pure(void **state)
{
	tu_run run;
	assert_int_equal(run_logo(&run, &al_rule_background_white, 0xffffffff, NULL), 1);
	const al_finding *f = tu_finding(&run, 0);
	assert_string_equal(f->rule, "background-white");
	assert_int_equal(f->severity, AL_SEV_ERROR);
	assert_true(f->has_measured);
	assert_true(fabs(f->measured - 100.0) < 0.1);
	assert_true(f->limit == 94.0);
	assert_non_null(strstr(f->message, "white #ffffff"));
	assert_true(f->has_region);
	assert_int_equal(f->region.w, 90);
	tu_run_clear(&run);
}

static void test_white_near_and_tint(void **state)
{
	tu_run run;
	assert_int_equal(run_logo(&run, &al_rule_background_white, 0xfafafaff, NULL), 1);
	assert_non_null(strstr(tu_finding(&run, 0)->message, "near-white #fafafa"));
	tu_run_clear(&run);
	assert_int_equal(run_logo(&run, &al_rule_background_white, 0xf0f9ffff, NULL), 1);
	const al_finding *f = tu_finding(&run, 0);
	assert_non_null(strstr(f->message, "near-white #f0f9ff"));
	assert_non_null(strstr(f->message, "L* 97.4"));
	assert_non_null(strstr(f->message, "reads as white"));
	tu_run_clear(&run);
}

static void test_white_negatives(void **state)
{
	tu_run run;
	const uint32_t bgs[] = { 0x808080ff, 0x008080ff, 0xa8c8e8ff, 0x000000ff, 0xffd700ff };
	for (size_t i = 0; i < G_N_ELEMENTS(bgs); i++) {
		assert_int_equal(run_logo(&run, &al_rule_background_white, bgs[i], NULL), 0);
		tu_run_clear(&run);
	}
	/* a transparent logo has no white background */
	assert_int_equal(run_logo(&run, &al_rule_background_white, 0xffffff00, NULL), 0);
	tu_run_clear(&run);
}

static void test_white_thresholds(void **state)
{
	tu_run run;
	/* L* 97.4 is below a stricter min_lightness of 98 */
	assert_int_equal(run_logo(&run, &al_rule_background_white, 0xf0f9ffff,
	                          opts_with("background-white.min_lightness", 98)), 0);
	tu_run_clear(&run);
	/* C*ab 4.3 exceeds max_chroma 3 */
	assert_int_equal(run_logo(&run, &al_rule_background_white, 0xf0f9ffff,
	                          opts_with("background-white.max_chroma", 3)), 0);
	tu_run_clear(&run);
	/* a looser min_lightness catches light grey #d0d0d0 (L* 83.4) */
	assert_int_equal(run_logo(&run, &al_rule_background_white, 0xd0d0d0ff, NULL), 0);
	tu_run_clear(&run);
	assert_int_equal(run_logo(&run, &al_rule_background_white, 0xd0d0d0ff,
	                          opts_with("background-white.min_lightness", 80)), 1);
	tu_run_clear(&run);
	/* out of range is refused */
	al_options *o = al_options_new();
	char *err = NULL;
	assert_int_equal(al_options_set_threshold(o, "background-white.min_lightness", 120, &err),
	                 AL_ERR_USAGE);
	g_free(err);
	al_options_free(o);
}

static void test_white_card_on_transparent(void **state)
{
	tu_run run;
	al_image *img = tu_image_new(115, 115, 0x00000000);
	tu_fill(img, 5, 5, 105, 105, 0xffffffff);
	tu_disc(img, 57, 57, 25, 0x0078d4ff);
	assert_int_equal(tu_check(&run, &al_rule_background_white, img, AL_ROLE_LARGE, NULL), 1);
	const al_finding *f = tu_finding(&run, 0);
	assert_non_null(strstr(f->message, "white #ffffff background (an opaque card on a transparent canvas)"));
	assert_int_equal(f->region.x, 5);
	assert_int_equal(f->region.w, 105);
	tu_run_clear(&run);
	/* the card rule off: card_min_area 1 needs a full-canvas card */
	assert_int_equal(tu_check(&run, &al_rule_background_white, img, AL_ROLE_LARGE,
	                          opts_with("background-white.card_min_area", 1.0)), 0);
	tu_run_clear(&run);
	tu_image_free(img);
}

/* A white tile inside a grey frame: the frame is the border's colour,
 * the white card is the background the eye sees.  Frames up to the ring
 * width plus one are peeled by the background model (the background is
 * white); thicker ones leave a white card inside a frame. */
static void test_white_card_in_thin_frame(void **state)
{
	tu_run run;
	al_image *img = tu_image_new(90, 90, 0x808080ff);
	tu_fill(img, 3, 3, 84, 84, 0xffffffff);
	tu_disc(img, 45, 45, 20, 0x107c10ff);
	assert_int_equal(tu_check(&run, &al_rule_background_white, img, AL_ROLE_MEDIUM, NULL), 1);
	const al_finding *f = tu_finding(&run, 0);
	assert_non_null(strstr(f->message, "white #ffffff background (L*"));
	assert_int_equal(f->region.w, 90);
	tu_run_clear(&run);
	tu_fill(img, 0, 0, 90, 90, 0x808080ff);
	tu_fill(img, 6, 6, 78, 78, 0xffffffff);
	tu_disc(img, 45, 45, 20, 0x107c10ff);
	assert_int_equal(tu_check(&run, &al_rule_background_white, img, AL_ROLE_MEDIUM, NULL), 1);
	f = tu_finding(&run, 0);
	assert_non_null(strstr(f->message, "thin frame"));
	assert_int_equal(f->region.x, 6);
	assert_int_equal(f->region.w, 78);
	tu_run_clear(&run);
	/* a white outline (a frame-shaped mark) is not a card, on a
	 * transparent canvas or on a colour */
	tu_fill(img, 0, 0, 90, 90, 0x00000000);
	tu_fill(img, 4, 4, 82, 82, 0xf8f8f8ff);
	tu_fill(img, 12, 12, 66, 66, 0x00000000);
	assert_int_equal(tu_check(&run, &al_rule_background_white, img, AL_ROLE_MEDIUM, NULL), 0);
	tu_run_clear(&run);
	tu_fill(img, 0, 0, 90, 90, 0x0078d4ff);
	tu_fill(img, 4, 4, 82, 82, 0xf8f8f8ff);
	tu_fill(img, 12, 12, 66, 66, 0x0078d4ff);
	assert_int_equal(tu_check(&run, &al_rule_background_white, img, AL_ROLE_MEDIUM, NULL), 0);
	tu_run_clear(&run);
	/* a big white disc on teal is a mark, not a card */
	tu_fill(img, 0, 0, 90, 90, 0x008080ff);
	tu_disc(img, 45, 45, 40, 0xffffffff);
	assert_int_equal(tu_check(&run, &al_rule_background_white, img, AL_ROLE_MEDIUM, NULL), 0);
	tu_run_clear(&run);
	tu_image_free(img);
}

static void test_black(void **state)
{
	tu_run run;
	assert_int_equal(run_logo(&run, &al_rule_background_black, 0x000000ff, NULL), 1);
	const al_finding *f = tu_finding(&run, 0);
	assert_string_equal(f->rule, "background-black");
	assert_true(fabs(f->measured) < 0.1);
	assert_true(f->limit == 10.0);
	assert_non_null(strstr(f->message, "black #000000"));
	tu_run_clear(&run);
	assert_int_equal(run_logo(&run, &al_rule_background_black, 0x1a1a1aff, NULL), 1);
	tu_run_clear(&run);
	/* deep navy, dark grey, white: not black */
	assert_int_equal(run_logo(&run, &al_rule_background_black, 0x0b1f3aff, NULL), 0);
	tu_run_clear(&run);
	assert_int_equal(run_logo(&run, &al_rule_background_black, 0x333333ff, NULL), 0);
	tu_run_clear(&run);
	assert_int_equal(run_logo(&run, &al_rule_background_black, 0xffffffff, NULL), 0);
	tu_run_clear(&run);
	/* overridable */
	assert_int_equal(run_logo(&run, &al_rule_background_black, 0x1a1a1aff,
	                          opts_with("background-black.max_lightness", 5)), 0);
	tu_run_clear(&run);
	assert_int_equal(run_logo(&run, &al_rule_background_black, 0x0b1f3aff,
	                          opts_with("background-black.max_lightness", 15)), 0);
	tu_run_clear(&run);
	al_options *o = opts_with("background-black.max_lightness", 15);
	char *err = NULL;
	assert_int_equal(al_options_set_threshold(o, "background-black.max_chroma", 25, &err), AL_OK);
	assert_int_equal(run_logo(&run, &al_rule_background_black, 0x0b1f3aff, o), 1);
	tu_run_clear(&run);
}

static void test_hero_white_and_severity_off(void **state)
{
	tu_run run;
	al_image *img = tu_image_new(815, 290, 0xffffffff);
	tu_fill(img, 40, 40, 200, 200, 0x0078d4ff);
	assert_int_equal(tu_check(&run, &al_rule_background_white, img, AL_ROLE_HERO, NULL), 1);
	tu_run_clear(&run);
	al_options *o = al_options_new();
	char *err = NULL;
	assert_int_equal(al_options_set_severity(o, "background-white", AL_SEV_OFF, &err), AL_OK);
	assert_int_equal(tu_check(&run, &al_rule_background_white, img, AL_ROLE_HERO, o), 0);
	tu_run_clear(&run);
	tu_image_free(img);
}

static void test_transparent_hero(void **state)
{
	tu_run run;
	al_image *img = tu_image_new(815, 290, 0x00000000);
	tu_fill(img, 40, 40, 300, 200, 0x0078d4ff);
	assert_int_equal(tu_check(&run, &al_rule_background_transparent, img, AL_ROLE_HERO, NULL), 1);
	const al_finding *f = tu_finding(&run, 0);
	assert_string_equal(f->rule, "background-transparent");
	assert_true(fabs(f->measured - 1.0) < 1e-9);
	assert_true(fabs(f->limit - 0.6) < 1e-9);
	tu_run_clear(&run);
	/* logos may be transparent: the rule does not apply */
	al_image *logo = tu_image_new(90, 90, 0x00000000);
	tu_disc(logo, 45, 45, 25, 0x0078d4ff);
	assert_int_equal(tu_check(&run, &al_rule_background_transparent, logo, AL_ROLE_MEDIUM, NULL), 0);
	tu_run_clear(&run);
	tu_image_free(logo);
	tu_image_free(img);
}

static void test_transparent_hero_with_opaque_frame(void **state)
{
	tu_run run;
	/* an opaque 10-px frame around a transparent hole: the border is
	 * opaque, but 87 % of the hero is transparent */
	al_image *img = tu_image_new(815, 290, 0x00000000);
	tu_fill(img, 0, 0, 815, 10, 0x1b3a5cff);
	tu_fill(img, 0, 280, 815, 10, 0x1b3a5cff);
	tu_fill(img, 0, 0, 10, 290, 0x1b3a5cff);
	tu_fill(img, 805, 0, 10, 290, 0x1b3a5cff);
	assert_int_equal(tu_check(&run, &al_rule_background_transparent, img, AL_ROLE_HERO, NULL), 1);
	const al_finding *f = tu_finding(&run, 0);
	assert_true(fabs(f->measured - (795.0 * 270) / (815.0 * 290)) < 1e-9);
	assert_non_null(strstr(f->message, "mostly transparent"));
	tu_run_clear(&run);
	assert_int_equal(tu_check(&run, &al_rule_background_transparent, img, AL_ROLE_HERO,
	                          opts_with("background-transparent.max_transparent_share", 0.95)), 0);
	tu_run_clear(&run);
	/* an opaque hero */
	tu_fill(img, 0, 0, 815, 290, 0x1b3a5cff);
	assert_int_equal(tu_check(&run, &al_rule_background_transparent, img, AL_ROLE_HERO, NULL), 0);
	tu_run_clear(&run);
	tu_image_free(img);
}

/* The transparent pixels of a hero are counted sixteen at a time: the
 * same count as one by one, with alphas on either side of alpha_min and
 * rows that end in a partial sixteen (815 px). */
static void test_transparent_share_counted(void **state)
{
	(void)state;
	GRand *rnd = g_rand_new_with_seed(22);
	for (int t = 0; t < 3; t++) {
		tu_run run;
		al_image *img = tu_image_new(815, 290, 0x1b3a5cff);
		int alpha_min = t == 0 ? 32 : t == 1 ? 1 : 255;
		size_t clear = 0;
		for (int y = 10; y < 280; y++)
			for (int x = 10; x < 805; x++) {
				int a = g_rand_int_range(rnd, 0, 4) ? alpha_min - 1 + g_rand_int_range(rnd, 0, 3)
				                                      : g_rand_int_range(rnd, 0, 256);
				img->rgba[((size_t)y * 815 + x) * 4 + 3] = (uint8_t)CLAMP(a, 0, 255);
			}
		for (size_t i = 0; i < (size_t)815 * 290; i++)
			clear += img->rgba[i * 4 + 3] < alpha_min;
		al_options *o = opts_with("background-transparent.max_transparent_share", 0.0);
		char *err = NULL;
		assert_int_equal(al_options_set_threshold(o, "background-white.alpha_transparent",
		                                          alpha_min, &err), AL_OK);
		assert_int_equal(tu_check(&run, &al_rule_background_transparent, img, AL_ROLE_HERO, o), 1);
		const al_finding *f = tu_finding(&run, 0);
		assert_non_null(strstr(f->message, "mostly transparent"));
		assert_true(f->measured == (double)clear / (815.0 * 290));
		tu_run_clear(&run);
		tu_image_free(img);
	}
	g_rand_free(rnd);
}

/* White and black logos with a 1-px grey frame line on their outermost
 * pixels, on all sides or on some; a white grid touching the edges of a
 * transparent canvas is no white background. */
static void test_frames_and_grids(void **state)
{
	tu_run run;
	al_image *img = tu_image_new(40, 40, 0xffffffff);
	tu_fill(img, 0, 0, 40, 1, 0xc8c8c8ff);
	tu_fill(img, 0, 39, 40, 1, 0xc8c8c8ff);
	tu_fill(img, 0, 0, 1, 40, 0xc8c8c8ff);
	tu_fill(img, 39, 0, 1, 40, 0xc8c8c8ff);
	tu_disc(img, 20, 20, 12, 0x107c10ff);
	assert_int_equal(tu_check(&run, &al_rule_background_white, img, AL_ROLE_SMALL, NULL), 1);
	tu_run_clear(&run);
	tu_image_free(img);

	img = tu_image_new(255, 115, 0x000000ff);
	tu_fill(img, 0, 0, 255, 1, 0x808080ff);
	tu_fill(img, 0, 0, 1, 115, 0x808080ff);
	tu_fill(img, 0, 114, 255, 1, 0x808080ff);
	tu_disc(img, 127, 57, 40, 0xe81123ff);
	assert_int_equal(tu_check(&run, &al_rule_background_black, img, AL_ROLE_WIDE, NULL), 1);
	tu_run_clear(&run);
	assert_int_equal(tu_check(&run, &al_rule_background_white, img, AL_ROLE_WIDE, NULL), 0);
	tu_run_clear(&run);
	tu_image_free(img);

	img = tu_image_new(115, 115, 0x00000000);
	for (int k = 0; k <= 4; k++) {
		int at = MIN(k * 28, 111);
		tu_fill(img, at, 0, 4, 115, 0xffffffff);
		tu_fill(img, 0, at, 115, 4, 0xffffffff);
	}
	assert_int_equal(tu_check(&run, &al_rule_background_white, img, AL_ROLE_LARGE, NULL), 0);
	tu_run_clear(&run);
	tu_image_free(img);
}

/* A black card with rounded corners touching one edge of a transparent
 * canvas is a black background. */
static void test_black_card_touching_edge(void **state)
{
	tu_run run;
	al_image *img = tu_image_new(90, 90, 0x00000000);
	tu_fill(img, 6, 0, 78, 81, 0x030303ff);
	tu_disc(img, 10, 77, 4, 0x00000000);
	tu_disc(img, 80, 77, 4, 0x00000000);
	tu_disc(img, 45, 40, 20, 0xff8c00ff);
	assert_int_equal(tu_check(&run, &al_rule_background_black, img, AL_ROLE_MEDIUM, NULL), 1);
	assert_non_null(strstr(tu_finding(&run, 0)->message, "opaque card"));
	tu_run_clear(&run);
	tu_image_free(img);
}

/* A band or tile of another colour reaching the border of a white canvas:
 * the border is two flat colours, the canvas is the larger one. */
static void test_two_tone_canvas(void **state)
{
	tu_run run;
	al_image *img = tu_image_new(255, 115, 0xfdfdfdff);
	tu_fill(img, 0, 71, 255, 44, 0xf1a2e9ff);          /* 38 % band */
	tu_disc(img, 127, 35, 20, 0xfa4aefff);
	assert_int_equal(tu_check(&run, &al_rule_background_white, img, AL_ROLE_WIDE, NULL), 1);
	assert_int_equal(run.m.bg_kind, AL_BG_MIXED);
	assert_non_null(strstr(tu_finding(&run, 0)->message, "two flat colours"));
	tu_run_clear(&run);
	/* the band is the larger tone: the canvas is the band's colour */
	tu_fill(img, 0, 40, 255, 75, 0xf1a2e9ff);
	assert_int_equal(tu_check(&run, &al_rule_background_white, img, AL_ROLE_WIDE, NULL), 0);
	tu_run_clear(&run);
	tu_image_free(img);
	/* a black canvas with a tile on the right, 40 % */
	img = tu_image_new(115, 115, 0x000000ff);
	tu_fill(img, 69, 0, 46, 115, 0x295b5cff);
	tu_disc(img, 92, 57, 12, 0xffffffff);
	assert_int_equal(tu_check(&run, &al_rule_background_black, img, AL_ROLE_LARGE, NULL), 1);
	tu_run_clear(&run);
	tu_image_free(img);
	/* a gradient border is not two tones */
	img = tu_image_new(255, 115, 0);
	for (int x = 0; x < 255; x++)
		tu_fill(img, x, 0, 1, 115, (uint32_t)(0xff - x / 3) << 24 | (uint32_t)(0xff - x / 2) << 16 |
		                              0xff00u | 0xffu);
	assert_int_equal(tu_check(&run, &al_rule_background_white, img, AL_ROLE_WIDE, NULL), 0);
	tu_run_clear(&run);
	tu_image_free(img);
}

/* A mark cropped by three edges (a disc, a ring) covers most of the
 * border, but the canvas still fills all four corners: the canvas is the
 * background, whichever tone covers more of the image or the border. */
static void test_two_tone_corners(void **state)
{
	tu_run run;
	/* a pink disc cut by the left, top and bottom edges of a black logo */
	al_image *img = tu_image_new(40, 40, 0x080808ff);
	tu_disc(img, 18.5, 20, 20.7, 0xe193d0ff);
	assert_int_equal(tu_check(&run, &al_rule_background_black, img, AL_ROLE_SMALL, NULL), 1);
	assert_int_equal(run.m.bg_kind, AL_BG_MIXED);
	assert_non_null(strstr(tu_finding(&run, 0)->message, "#080808"));
	tu_run_clear(&run);
	tu_image_free(img);
	/* a cyan ring cut by the top, right and bottom edges of a white
	 * logo: the ring is the border's most common colour, white the
	 * second, and white fills the corners and the ring's inside */
	img = tu_image_new(40, 40, 0xfefefeff);
	tu_disc(img, 22.5, 20, 21.8, 0x16bffaff);
	tu_disc(img, 22.5, 20, 13.1, 0xfefefeff);
	assert_int_equal(tu_check(&run, &al_rule_background_white, img, AL_ROLE_SMALL, NULL), 1);
	assert_non_null(strstr(tu_finding(&run, 0)->message, "#fefefe"));
	tu_run_clear(&run);
	tu_image_free(img);
	/* a tile with round corners touching all four sides of a white
	 * canvas: white fills the corners, but the tile reaches every side
	 * and covers more of the image, so the tile is the background */
	img = tu_image_new(90, 90, 0xffffffff);
	tu_fill(img, 27, 0, 36, 90, 0x2f8f5bff);
	tu_fill(img, 0, 27, 90, 36, 0x2f8f5bff);
	tu_disc(img, 27, 27, 27, 0x2f8f5bff);
	tu_disc(img, 63, 27, 27, 0x2f8f5bff);
	tu_disc(img, 27, 63, 27, 0x2f8f5bff);
	tu_disc(img, 63, 63, 27, 0x2f8f5bff);
	tu_disc(img, 45, 45, 15, 0xffd700ff);
	assert_int_equal(tu_check(&run, &al_rule_background_white, img, AL_ROLE_MEDIUM, NULL), 0);
	assert_int_equal(run.m.bg_kind, AL_BG_MIXED);
	tu_run_clear(&run);
	tu_image_free(img);
	/* a disc over one corner, larger than the canvas left: the canvas
	 * holds three corners and every side, the disc one corner and two
	 * sides, so the canvas is the background */
	img = tu_image_new(90, 90, 0x020202ff);
	tu_disc(img, 55.4, 55.4, 49.4, 0xaf8ff5ff);
	assert_int_equal(tu_check(&run, &al_rule_background_black, img, AL_ROLE_MEDIUM, NULL), 1);
	assert_non_null(strstr(tu_finding(&run, 0)->message, "#020202"));
	tu_run_clear(&run);
	tu_image_free(img);
}

/* A light grey frame close to the off-white inside (#e0e0e0 around
 * #fafafa, CIE76 9) is peeled too: its mix with the inside would read as
 * #ededed, under white's L* 94. */
static void test_faint_frame(void **state)
{
	tu_run run;
	al_image *img = tu_image_new(90, 90, 0xe0e0e0ff);
	tu_fill(img, 1, 1, 88, 88, 0xfafafaff);
	tu_disc(img, 45, 45, 22, 0x8b4419ff);
	assert_int_equal(tu_check(&run, &al_rule_background_white, img, AL_ROLE_MEDIUM, NULL), 1);
	assert_non_null(strstr(tu_finding(&run, 0)->message, "#fafafa"));
	tu_run_clear(&run);
	tu_image_free(img);
}

/* A frame drawn off the pixel grid: a 3-px grey line 0.35 px in from
 * the edge of a 115-px white logo covers 4 lines (a 65 % mix, two grey
 * lines, a 35 % mix).  Peeled to its soft inner edge (frame depth up to
 * FRAME_SHARE of the short side), the inside is white. */
static void test_soft_frame(void **state)
{
	tu_run run;
	al_image *img = tu_image_new(115, 115, 0xb8b8b8ff);
	tu_fill(img, 1, 1, 113, 113, 0x939393ff);
	tu_fill(img, 3, 3, 109, 109, 0xd8d8d8ff);
	tu_fill(img, 4, 4, 107, 107, 0xfefefeff);
	tu_disc(img, 57.5, 57.5, 25, 0x291d7dff);
	assert_int_equal(tu_check(&run, &al_rule_background_white, img, AL_ROLE_LARGE, NULL), 1);
	assert_int_equal(run.m.bg_kind, AL_BG_COLOR);
	assert_int_equal(run.m.frame[AL_SIDE_TOP], 4);
	assert_non_null(strstr(tu_finding(&run, 0)->message, "#fefefe"));
	tu_run_clear(&run);
	tu_image_free(img);
}

/* A frame with rounded corners: the canvas shows in each corner, so the
 * frame's lines are one colour only between the corners (FRAME_CORNER
 * of each end is left out). */
static void test_rounded_frame(void **state)
{
	tu_run run;
	al_image *img = tu_image_new(90, 90, 0x9e9e9eff);
	tu_fill(img, 2, 2, 86, 86, 0x0a0a0aff);
	tu_fill(img, 0, 0, 6, 6, 0x0a0a0aff);
	tu_fill(img, 84, 0, 6, 6, 0x0a0a0aff);
	tu_fill(img, 0, 84, 6, 6, 0x0a0a0aff);
	tu_fill(img, 84, 84, 6, 6, 0x0a0a0aff);
	tu_disc(img, 45, 45, 22, 0x498d51ff);
	assert_int_equal(tu_check(&run, &al_rule_background_black, img, AL_ROLE_MEDIUM, NULL), 1);
	assert_int_equal(run.m.frame[AL_SIDE_LEFT], 2);
	assert_non_null(strstr(tu_finding(&run, 0)->message, "#0a0a0a"));
	tu_run_clear(&run);
	tu_image_free(img);
}

/* A JPEG's smear of a 2-px frame: specks on the outer line keep the
 * frame's lines from being one colour, and the frame's inner line is a
 * mix.  Read from the inside out (a lossy frame: the outer lines are not
 * the inside's colour, the mix steps towards it), the frame is peeled to
 * its 3 lines and the background itself is black.  (Before lossy frames
 * the card inside the unpeeled frame was black.) */
static void test_card_in_smeared_frame(void **state)
{
	tu_run run;
	al_image *img = tu_image_new(40, 40, 0xc5798cff);
	for (int k = 0; k < 40; k += 6) {
		tu_fill(img, k, 0, 1, 1, 0x8a4f5dff);
		tu_fill(img, k, 39, 1, 1, 0x8a4f5dff);
		tu_fill(img, 0, k, 1, 1, 0x8a4f5dff);
		tu_fill(img, 39, k, 1, 1, 0x8a4f5dff);
	}
	tu_fill(img, 2, 2, 36, 36, 0x633c46ff);
	tu_fill(img, 3, 3, 34, 34, 0x000000ff);
	tu_disc(img, 20, 20, 8, 0xd74070ff);
	assert_int_equal(tu_check(&run, &al_rule_background_black, img, AL_ROLE_SMALL, NULL), 1);
	assert_int_equal(run.m.bg_kind, AL_BG_COLOR);
	for (int side = 0; side < AL_SIDES; side++)
		assert_int_equal(run.m.frame[side], 3);
	assert_non_null(strstr(tu_finding(&run, 0)->message, "black #000000 background (L*"));
	tu_run_clear(&run);
	tu_image_free(img);
}

/* The article forbids white and black "als Hintergrundfarbe": a white
 * card behind the mark inside a black page uses both as background
 * colours, so both rules report (the page and the card). */
static void test_card_and_page_both_count(void **state)
{
	tu_run run;
	al_image *img = tu_image_new(90, 90, 0x000000ff);
	tu_fill(img, 7, 7, 76, 76, 0xffffffff);
	tu_disc(img, 45, 45, 18, 0x0f6cbdff);
	assert_int_equal(tu_check(&run, &al_rule_background_black, img, AL_ROLE_MEDIUM, NULL), 1);
	assert_null(strstr(tu_finding(&run, 0)->message, "card"));
	tu_run_clear(&run);
	assert_int_equal(tu_check(&run, &al_rule_background_white, img, AL_ROLE_MEDIUM, NULL), 1);
	assert_non_null(strstr(tu_finding(&run, 0)->message, "card"));
	tu_run_clear(&run);
	tu_image_free(img);
}

/* A page margin: a white page 3 px wide around a coloured tile on a
 * 40-px logo is peeled like a frame, and the tile is the model's
 * background; a band at least 3 px and 5 % of the short side deep is a
 * background colour too (al_measure_band).  A 2-px black frame line
 * around a white logo is a line, not a page. */
static void test_page_margin_band(void **state)
{
	tu_run run;
	al_image *img = tu_image_new(40, 40, 0xffffffff);
	tu_fill(img, 3, 3, 34, 34, 0xa6edd8ff);
	tu_disc(img, 20, 20, 8, 0x6b082dff);
	assert_int_equal(tu_check(&run, &al_rule_background_white, img, AL_ROLE_SMALL, NULL), 1);
	assert_int_equal(run.m.frame[AL_SIDE_TOP], 3);
	assert_non_null(strstr(tu_finding(&run, 0)->message, "page margin"));
	tu_run_clear(&run);
	tu_image_free(img);
	img = tu_image_new(90, 90, 0x000000ff);
	tu_fill(img, 2, 2, 86, 86, 0xffffffff);
	tu_disc(img, 45, 45, 20, 0x107c10ff);
	assert_int_equal(tu_check(&run, &al_rule_background_black, img, AL_ROLE_MEDIUM, NULL), 0);
	tu_run_clear(&run);
	assert_int_equal(tu_check(&run, &al_rule_background_white, img, AL_ROLE_MEDIUM, NULL), 1);
	tu_run_clear(&run);
	tu_image_free(img);
}

/* A tile filling the canvas, its corners cut so the page shows there,
 * its edge a soft line (a mix of page and tile): the corners' colour does
 * not show inside, so it is no frame with rounded corners, and the lines
 * keep their corners (the page's share keeps them from being a frame). */
static void test_tile_filling_canvas_not_framed(void **state)
{
	tu_run run;
	al_image *img = tu_image_new(90, 90, 0xa0a6dfff);
	tu_fill(img, 0, 6, 90, 78, 0x84ae82ff);
	tu_fill(img, 6, 0, 78, 90, 0x84ae82ff);
	tu_fill(img, 1, 6, 88, 78, 0x67b625ff);
	tu_fill(img, 6, 1, 78, 88, 0x67b625ff);
	tu_disc(img, 45, 45, 20, 0x332fe7ff);
	tu_check(&run, &al_rule_background_white, img, AL_ROLE_MEDIUM, NULL);
	for (int side = 0; side < AL_SIDES; side++)
		assert_int_equal(run.m.frame[side], 0);
	tu_run_clear(&run);
	tu_image_free(img);
}

/* A 3-px square frame drawn off the grid on a black 40-px logo, its
 * corners a double mix: line j of a side is read between the j px of
 * frame the two sides across it hold (a ring), so the deep lines are
 * one colour and the frame is peeled to the black inside. */
static void test_square_frame_ring_lines(void **state)
{
	tu_run run;
	al_image *img = tu_image_new(40, 40, 0x5b7fd0ff);
	tu_fill(img, 1, 1, 38, 38, 0x345cb8ff);
	tu_fill(img, 3, 3, 34, 34, 0x1a2e5cff);
	tu_fill(img, 4, 4, 32, 32, 0x050709ff);
	tu_fill(img, 0, 0, 1, 1, 0x7f9fe0ff);
	tu_fill(img, 39, 0, 1, 1, 0x7f9fe0ff);
	tu_fill(img, 0, 39, 1, 1, 0x7f9fe0ff);
	tu_fill(img, 39, 39, 1, 1, 0x7f9fe0ff);
	tu_fill(img, 12, 8, 18, 22, 0xda0882ff);
	assert_int_equal(tu_check(&run, &al_rule_background_black, img, AL_ROLE_SMALL, NULL), 1);
	assert_int_equal(run.m.frame[AL_SIDE_TOP], 4);
	tu_run_clear(&run);
	tu_image_free(img);
}

/* A JPEG's frame on a 40-px logo: a saturated 2-px line whose chroma is
 * smeared into 2x2 blocks of two colours 17 CIE76 apart (L* within 4), so
 * no colour holds 90 % of a line, and a tinted line inside it (the
 * frame's chroma bled 1 px in, L* 97 and C*ab 15).  Read from the inside
 * out (lossy frame), the frame is its 2 lines plus the tinted one, and the
 * inside is white; so for a black inside. */
static void lossy_border(al_image *img, int size, int depth, uint32_t a, uint32_t b,
                         uint32_t tint)
{
	for (int y = 0; y < size; y++)
		for (int x = 0; x < size; x++) {
			int e = MIN(MIN(x, y), MIN(size - 1 - x, size - 1 - y));
			if (e < depth)
				tu_set(img, x, y, ((x / 2 + y / 2) & 1) ? b : a);
			else if (e == depth)
				tu_set(img, x, y, tint);
		}
}

static void test_lossy_frame(void **state)
{
	tu_run run;
	al_image *img = tu_image_new(40, 40, 0xffffffff);
	lossy_border(img, 40, 2, 0xb03090ff, 0xc8308cff, 0xf6f9dcff);
	tu_disc(img, 20, 20, 8, 0x0f6cbdff);
	assert_int_equal(tu_check(&run, &al_rule_background_white, img, AL_ROLE_SMALL, NULL), 1);
	for (int side = 0; side < AL_SIDES; side++)
		assert_int_equal(run.m.frame[side], 3);
	assert_non_null(strstr(tu_finding(&run, 0)->message, "#ffffff"));
	tu_run_clear(&run);
	tu_image_free(img);
	img = tu_image_new(40, 40, 0x050505ff);
	lossy_border(img, 40, 2, 0x2040e0ff, 0x3050c8ff, 0x10141eff);
	tu_disc(img, 20, 20, 8, 0xd74070ff);
	assert_int_equal(tu_check(&run, &al_rule_background_black, img, AL_ROLE_SMALL, NULL), 1);
	tu_run_clear(&run);
	tu_image_free(img);
}

/* What is not a lossy frame: a disc nearly filling a white logo (the
 * page around it is no line: its lines turn into the disc gradually), a
 * tile 1 px inside a transparent canvas (a transparent line is the
 * canvas), and a tile with rounded corners in a thin smeared page margin
 * (the page runs on deeper than the margin along the diagonals). */
static void test_lossy_frame_negatives(void **state)
{
	tu_run run;
	al_image *img = tu_image_new(40, 40, 0xffffffff);
	tu_disc(img, 20, 20, 19.2, 0x11108dff);
	assert_int_equal(tu_check(&run, &al_rule_background_white, img, AL_ROLE_SMALL, NULL), 1);
	for (int side = 0; side < AL_SIDES; side++)
		assert_int_equal(run.m.frame[side], 0);
	tu_run_clear(&run);
	tu_image_free(img);
	img = tu_image_new(40, 40, 0xffffff00);
	tu_fill(img, 1, 1, 38, 38, 0x425596ff);
	tu_disc(img, 20, 20, 8, 0xf0f0f0ff);
	tu_check(&run, &al_rule_background_white, img, AL_ROLE_SMALL, NULL);
	assert_int_equal(run.m.bg_kind, AL_BG_TRANSPARENT);
	tu_run_clear(&run);
	tu_image_free(img);
	img = tu_image_new(40, 40, 0x364227ff);
	lossy_border(img, 40, 2, 0x364227ff, 0x503a20ff, 0x364227ff);
	tu_fill(img, 9, 2, 22, 36, 0xfafafaff);
	tu_fill(img, 2, 9, 36, 22, 0xfafafaff);
	tu_disc(img, 9, 9, 7, 0xfafafaff);
	tu_disc(img, 31, 9, 7, 0xfafafaff);
	tu_disc(img, 9, 31, 7, 0xfafafaff);
	tu_disc(img, 31, 31, 7, 0xfafafaff);
	tu_disc(img, 20, 20, 8, 0x0f6cbdff);
	tu_check(&run, &al_rule_background_white, img, AL_ROLE_SMALL, NULL);
	for (int side = 0; side < AL_SIDES; side++)
		assert_int_equal(run.m.frame[side], 0);
	tu_run_clear(&run);
	tu_image_free(img);
}

/* A crisp 3-px frame on a 90-px white logo whose chroma bled into the
 * two lines inside it (C*ab 15 and 10, each within bg_tolerance of the
 * next): the ring right inside the frame reads a tinted colour (C*ab
 * over max_chroma); the deepest decisive ring up to 2 px further in
 * reads the white. */
static void test_frame_colour_past_bleed(void **state)
{
	tu_run run;
	al_image *img = tu_image_new(90, 90, 0x93a945ff);
	tu_fill(img, 3, 3, 84, 84, 0xf6f9dcff);
	tu_fill(img, 4, 4, 82, 82, 0xfafce9ff);
	tu_fill(img, 5, 5, 80, 80, 0xffffffff);
	tu_disc(img, 45, 45, 20, 0x291d7dff);
	assert_int_equal(tu_check(&run, &al_rule_background_white, img, AL_ROLE_MEDIUM, NULL), 1);
	assert_non_null(strstr(tu_finding(&run, 0)->message, "#ffffff"));
	tu_run_clear(&run);
	tu_image_free(img);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_white_pure),
		cmocka_unit_test(test_white_near_and_tint),
		cmocka_unit_test(test_white_negatives),
		cmocka_unit_test(test_white_thresholds),
		cmocka_unit_test(test_white_card_on_transparent),
		cmocka_unit_test(test_white_card_in_thin_frame),
		cmocka_unit_test(test_black),
		cmocka_unit_test(test_frames_and_grids),
		cmocka_unit_test(test_black_card_touching_edge),
		cmocka_unit_test(test_two_tone_canvas),
		cmocka_unit_test(test_two_tone_corners),
		cmocka_unit_test(test_faint_frame),
		cmocka_unit_test(test_soft_frame),
		cmocka_unit_test(test_rounded_frame),
		cmocka_unit_test(test_card_in_smeared_frame),
		cmocka_unit_test(test_card_and_page_both_count),
		cmocka_unit_test(test_page_margin_band),
		cmocka_unit_test(test_tile_filling_canvas_not_framed),
		cmocka_unit_test(test_square_frame_ring_lines),
		cmocka_unit_test(test_lossy_frame),
		cmocka_unit_test(test_lossy_frame_negatives),
		cmocka_unit_test(test_frame_colour_past_bleed),
		cmocka_unit_test(test_hero_white_and_severity_off),
		cmocka_unit_test(test_transparent_hero),
		cmocka_unit_test(test_transparent_hero_with_opaque_frame),
		cmocka_unit_test(test_transparent_share_counted),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
