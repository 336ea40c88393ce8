/* hero-margin and hero-contrast on 815x290 buffers. */
#include <stdarg.h>
#include <stdlib.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "testutil.h"
#include "rules/rules.h"

#define HW 815
#define HH 290

static al_options *opts_with(const char *key, double v)
{
	al_options *o = al_options_new();
	char *err = NULL;
	assert_int_equal(al_options_set_threshold(o, key, v, &err), AL_OK);
	return o;
}

/* Dark hero with artwork covering columns 60 .. @last_x. */
static al_image *hero_art_until(int last_x)
{
	al_image *img = tu_image_new(HW, HH, 0x1b3a5cff);
	tu_fill(img, 60, 50, last_x - 60 + 1, 190, 0xffb900ff);
	return img;
}

static void test_margin_399_vs_400(void **state)
{
	tu_run run;
	al_image *img = hero_art_until(399);
	assert_int_equal(tu_check(&run, &al_rule_hero_margin, img, AL_ROLE_HERO, NULL), 0);
	tu_run_clear(&run);
	tu_image_free(img);

	img = hero_art_until(400);
	assert_int_equal(tu_check(&run, &al_rule_hero_margin, img, AL_ROLE_HERO, NULL), 1);
	const al_finding *f = tu_finding(&run, 0);
	assert_string_equal(f->rule, "hero-margin");
	assert_true(f->has_region);
	assert_int_equal(f->region.x, 400);
	assert_int_equal(f->region.y, 50);
	assert_int_equal(f->region.w, 1);
	assert_int_equal(f->region.h, 190);
	assert_true(f->measured == 190.0);
	assert_true(f->limit == 12.0);
	assert_non_null(strstr(f->message, "x >= 400"));
	tu_run_clear(&run);
	tu_image_free(img);
}

static void test_margin_thresholds(void **state)
{
	tu_run run;
	al_image *img = hero_art_until(450);
	assert_int_equal(tu_check(&run, &al_rule_hero_margin, img, AL_ROLE_HERO, NULL), 1);
	tu_run_clear(&run);
	/* a 300-px margin starts at x = 515 */
	assert_int_equal(tu_check(&run, &al_rule_hero_margin, img, AL_ROLE_HERO,
	                          opts_with("hero-margin.margin", 300)), 0);
	tu_run_clear(&run);
	tu_image_free(img);

	/* a speck of 3x3 = 9 px is noise, 4x4 = 16 px is content */
	img = tu_image_new(HW, HH, 0x1b3a5cff);
	tu_fill(img, 600, 100, 3, 3, 0xffffffff);
	assert_int_equal(tu_check(&run, &al_rule_hero_margin, img, AL_ROLE_HERO, NULL), 0);
	tu_run_clear(&run);
	assert_int_equal(tu_check(&run, &al_rule_hero_margin, img, AL_ROLE_HERO,
	                          opts_with("hero-margin.min_pixels", 9)), 1);
	tu_run_clear(&run);
	tu_fill(img, 600, 100, 4, 4, 0xffffffff);
	assert_int_equal(tu_check(&run, &al_rule_hero_margin, img, AL_ROLE_HERO, NULL), 1);
	assert_int_equal(tu_finding(&run, 0)->region.x, 600);
	assert_int_equal(tu_finding(&run, 0)->region.w, 4);
	tu_run_clear(&run);
	tu_image_free(img);
}

/* Left 480 px of photo-like texture, right 335 px plain dark: the border
 * has no dominant colour (mixed), and the plain margin is clean. */
static al_image *photo_hero(int photo_w)
{
	al_image *img = tu_image_new(HW, HH, 0x101820ff);
	guint32 seed = 7;
	for (int y = 0; y < HH; y++)
		for (int x = 0; x < photo_w; x++) {
			seed = seed * 1103515245u + 12345u;
			uint32_t v = (seed >> 8) & 0xffffffu;
			tu_set(img, x, y, v << 8 | 0xffu);
		}
	return img;
}

static void test_margin_plain_dark_on_photo(void **state)
{
	tu_run run;
	al_image *img = photo_hero(400);
	assert_int_equal(tu_check(&run, &al_rule_hero_margin, img, AL_ROLE_HERO, NULL), 0);
	assert_int_equal(run.m.bg_kind, AL_BG_MIXED);
	tu_run_clear(&run);
	tu_image_free(img);
	/* the photo reaching x = 479 is content in the zone */
	img = photo_hero(480);
	assert_int_equal(tu_check(&run, &al_rule_hero_margin, img, AL_ROLE_HERO, NULL), 1);
	assert_int_equal(run.m.bg_kind, AL_BG_MIXED);
	const al_finding *f = tu_finding(&run, 0);
	assert_int_equal(f->region.x, 400);
	/* an edge marks both of its pixels: the photo's last column 479 and
	 * the plain column 480 */
	assert_true(abs(f->region.x + f->region.w - 480) <= 1);
	tu_run_clear(&run);
	tu_image_free(img);
}

static void test_margin_transparent_hero(void **state)
{
	tu_run run;
	al_image *img = tu_image_new(HW, HH, 0x00000000);
	tu_fill(img, 50, 50, 300, 190, 0x0078d4ff);
	assert_int_equal(tu_check(&run, &al_rule_hero_margin, img, AL_ROLE_HERO, NULL), 0);
	tu_run_clear(&run);
	tu_fill(img, 700, 100, 20, 20, 0x0078d4ff);
	assert_int_equal(tu_check(&run, &al_rule_hero_margin, img, AL_ROLE_HERO, NULL), 1);
	assert_int_equal(tu_finding(&run, 0)->region.x, 700);
	assert_true(tu_finding(&run, 0)->measured == 400.0);
	tu_run_clear(&run);
	tu_image_free(img);
}

/* A 533-px-wide hero (a dimensions error) is judged as it will look scaled
 * to 815 px: the zone is 415 * 533 / 815 = 271 px, x >= 262. */
static void test_margin_scaled_for_wrong_size(void **state)
{
	tu_run run;
	al_image *img = tu_image_new(533, 324, 0x1f4481ff);
	tu_fill(img, 20, 20, 242, 200, 0xdd4814ff); /* ends at x = 261 */
	assert_int_equal(tu_check(&run, &al_rule_hero_margin, img, AL_ROLE_HERO, NULL), 0);
	tu_run_clear(&run);
	tu_fill(img, 20, 20, 243, 200, 0xdd4814ff); /* ends at x = 262 */
	assert_int_equal(tu_check(&run, &al_rule_hero_margin, img, AL_ROLE_HERO, NULL), 1);
	assert_int_equal(tu_finding(&run, 0)->region.x, 262);
	tu_run_clear(&run);
	tu_image_free(img);
}

/* A grey level @k steps from @rgb along the grey axis: the first k >= 1
 * whose CIE76 from @rgb reaches @de. */
static uint32_t shade(uint32_t rgb, double de)
{
	float a[3], b[3];
	uint8_t r = rgb >> 24, g = rgb >> 16, bl = rgb >> 8;
	al_srgb_to_lab(r, g, bl, a);
	for (int k = 1; k < 100; k++) {
		al_srgb_to_lab((uint8_t)(r + k), (uint8_t)(g + k), (uint8_t)(bl + k), b);
		if (al_de76(a, b) >= de)
			return (uint32_t)(r + k) << 24 | (uint32_t)(g + k) << 16 |
			       (uint32_t)(bl + k) << 8 | 0xffu;
	}
	return rgb;
}

/* Faint shapes in the margin, 8 CIE76 from a flat background: the
 * background region swallows them, the edge test finds them. */
static void test_margin_faint_shapes(void **state)
{
	tu_run run;
	uint32_t bg = 0x3c6e8fff, faint = shade(bg, 8.0);
	al_image *img = tu_image_new(HW, HH, bg);
	tu_fill(img, 60, 60, 200, 170, 0xffb900ff);
	assert_int_equal(tu_check(&run, &al_rule_hero_margin, img, AL_ROLE_HERO, NULL), 0);
	tu_run_clear(&run);
	/* a disc (anti-aliased rim), a ring, a panel */
	tu_disc(img, 650, 140, 40, faint);
	assert_int_equal(tu_check(&run, &al_rule_hero_margin, img, AL_ROLE_HERO, NULL), 1);
	const al_finding *f = tu_finding(&run, 0);
	assert_true(abs(f->region.x - 609) <= 3 && abs(f->region.x + f->region.w - 691) <= 3);
	assert_non_null(strstr(f->message, "faint"));
	tu_run_clear(&run);
	tu_image_free(img);

	img = tu_image_new(HW, HH, bg);
	tu_disc(img, 600, 150, 60, faint);
	tu_disc(img, 600, 150, 56, bg);
	assert_int_equal(tu_check(&run, &al_rule_hero_margin, img, AL_ROLE_HERO, NULL), 1);
	tu_run_clear(&run);
	tu_fill(img, 0, 0, HW, HH, bg);
	tu_fill(img, 450, 40, 300, 120, faint);
	assert_int_equal(tu_check(&run, &al_rule_hero_margin, img, AL_ROLE_HERO, NULL), 1);
	tu_run_clear(&run);
	/* ... the same panel left of the zone is not in the margin, nor is a
	 * faint panel ending at x = 399 */
	tu_fill(img, 0, 0, HW, HH, bg);
	tu_fill(img, 100, 40, 300, 120, faint);
	assert_int_equal(tu_check(&run, &al_rule_hero_margin, img, AL_ROLE_HERO, NULL), 0);
	tu_run_clear(&run);
	/* a faint shape 5 CIE76 away: under faint_step */
	tu_fill(img, 0, 0, HW, HH, bg);
	tu_disc(img, 650, 140, 40, shade(bg, 4.0));
	assert_int_equal(tu_check(&run, &al_rule_hero_margin, img, AL_ROLE_HERO, NULL), 0);
	tu_run_clear(&run);
	tu_image_free(img);
}

/* Artwork poking 6 px past x = 400: 399 is free, 400 .. 405 is content,
 * on a flat and on a faint scale. */
static void test_margin_poke(void **state)
{
	tu_run run;
	al_image *img = hero_art_until(405);
	assert_int_equal(tu_check(&run, &al_rule_hero_margin, img, AL_ROLE_HERO, NULL), 1);
	assert_int_equal(tu_finding(&run, 0)->region.x, 400);
	assert_int_equal(tu_finding(&run, 0)->region.w, 6);
	tu_run_clear(&run);
	tu_image_free(img);
	uint32_t bg = 0x3c6e8fff;
	img = tu_image_new(HW, HH, bg);
	tu_disc(img, 330, 145, 76, shade(bg, 10.0)); /* ends at x = 406 */
	assert_int_equal(tu_check(&run, &al_rule_hero_margin, img, AL_ROLE_HERO, NULL), 1);
	tu_run_clear(&run);
	tu_image_free(img);
}

/* No false alarms: a steep gradient, noise, a grey frame line, JPEG-like
 * specks. */
static void test_margin_smooth_and_noisy(void **state)
{
	tu_run run;
	al_image *img = tu_image_new(HW, HH, 0);
	for (int y = 0; y < HH; y++)
		for (int x = 0; x < HW; x++) {
			double t = hypot(x - 700.0, y - 100.0) / 700.0;
			uint8_t r = (uint8_t)(0x20 + 0x90 * t), g = (uint8_t)(0x50 + 0x60 * t);
			tu_set(img, x, y, (uint32_t)r << 24 | (uint32_t)g << 16 | 0xa000u | 0xffu);
		}
	tu_fill(img, 60, 60, 200, 170, 0xffb900ff);
	assert_int_equal(tu_check(&run, &al_rule_hero_margin, img, AL_ROLE_HERO, NULL), 0);
	tu_run_clear(&run);
	/* grain of +-4 on every channel */
	guint32 seed = 99;
	for (int y = 0; y < HH; y++)
		for (int x = 0; x < HW; x++) {
			seed = seed * 1103515245u + 12345u;
			int d = (int)((seed >> 16) % 9) - 4;
			tu_set(img, x, y, (uint32_t)(0x30 + d) << 24 | (uint32_t)(0x60 + d) << 16 |
			                      (uint32_t)(0x40 + d) << 8 | 0xffu);
		}
	assert_int_equal(tu_check(&run, &al_rule_hero_margin, img, AL_ROLE_HERO, NULL), 0);
	tu_run_clear(&run);
	/* ... and in it a faint disc at 10 */
	tu_disc(img, 650, 140, 40, shade(0x306040ff, 10.0));
	assert_int_equal(tu_check(&run, &al_rule_hero_margin, img, AL_ROLE_HERO, NULL), 1);
	tu_run_clear(&run);
	tu_image_free(img);

	/* a 1-px grey frame line around a dark hero is not content */
	img = tu_image_new(HW, HH, 0x1b3a5cff);
	tu_fill(img, 0, 0, HW, 1, 0x9a9a9aff);
	tu_fill(img, 0, HH - 1, HW, 1, 0x9a9a9aff);
	tu_fill(img, 0, 0, 1, HH, 0x9a9a9aff);
	tu_fill(img, HW - 1, 0, 1, HH, 0x9a9a9aff);
	tu_fill(img, 60, 60, 200, 170, 0xffb900ff);
	assert_int_equal(tu_check(&run, &al_rule_hero_margin, img, AL_ROLE_HERO, NULL), 0);
	tu_run_clear(&run);
	/* scattered specks of 2 px: each under min_component */
	for (int k = 0; k < 20; k++)
		tu_fill(img, 420 + k * 19, 30 + (k * 37) % 220, 2, 1, 0xffffffff);
	assert_int_equal(tu_check(&run, &al_rule_hero_margin, img, AL_ROLE_HERO, NULL), 0);
	tu_run_clear(&run);
	tu_image_free(img);
}

/* A fine grain on a deep purple as rsvg's fractal noise draws it (a
 * probe hero): nine tones in steps of about 4 levels, green clipped at 0,
 * drawn independently per pixel with their measured weights (per 1000).
 * The tones lie up to 20 CIE76 from the commonest, and about a third of
 * the pixels more than 10 from it: the background region leaves them out,
 * and they touch in groups of 5 and more. */
static al_image *grain_hero(guint32 seed)
{
	static const struct { uint32_t rgb; unsigned w; } tone[] = {
		{ 0x2e163dffu, 326 }, { 0x2a0d3bffu, 233 }, { 0x321c40ffu, 209 },
		{ 0x260038ffu, 115 }, { 0x352242ffu, 81 }, { 0x220035ffu, 21 },
		{ 0x382645ffu, 13 }, { 0x1c0032ffu, 1 }, { 0x3b2a47ffu, 1 },
	};
	al_image *img = tu_image_new(HW, HH, 0);
	for (int y = 0; y < HH; y++)
		for (int x = 0; x < HW; x++) {
			seed = seed * 1103515245u + 12345u;
			unsigned u = (seed >> 8) % 1000u;
			size_t k = 0;
			while (k + 1 < G_N_ELEMENTS(tone) && u >= tone[k].w)
				u -= tone[k++].w;
			tu_set(img, x, y, tone[k].rgb);
		}
	return img;
}

/* The grain's stray pixels are no content: a grainy margin with the
 * artwork left of it is free (each stray pixel's 3x3 block averages back
 * to the background); artwork poking 6 px past x = 400, or a 1-px line in
 * the zone, is still content. */
static void test_margin_grain(void **state)
{
	tu_run run;
	for (guint32 seed = 7; seed < 10; seed++) {
		al_image *img = grain_hero(seed);
		tu_fill(img, 60, 60, 200, 170, 0xffb900ff);
		assert_int_equal(tu_check(&run, &al_rule_hero_margin, img, AL_ROLE_HERO, NULL), 0);
		tu_run_clear(&run);
		tu_fill(img, 60, 120, 346, 8, 0xffb900ff); /* a bar to x = 405 */
		assert_int_equal(tu_check(&run, &al_rule_hero_margin, img, AL_ROLE_HERO, NULL), 1);
		/* (a stray pixel touching the artwork may join it) */
		assert_int_equal(tu_finding(&run, 0)->region.x, 400);
		assert_in_range(tu_finding(&run, 0)->region.w, 6, 7);
		tu_run_clear(&run);
		tu_image_free(img);
		img = grain_hero(seed);
		tu_fill(img, 600, 40, 1, 200, 0xf2f2f2ff);
		assert_int_equal(tu_check(&run, &al_rule_hero_margin, img, AL_ROLE_HERO, NULL), 1);
		assert_in_range(tu_finding(&run, 0)->region.x, 599, 600);
		assert_in_range(tu_finding(&run, 0)->region.w, 1, 3);
		tu_run_clear(&run);
		tu_image_free(img);
	}
}

/* A hero cut with rounded corners (transparent outside, anti-aliased
 * rim of the background's own colour): the rim composited over white
 * looks pale, but it is the canvas's edge, not content.  A half
 * transparent white panel in the zone is content. */
static void test_margin_rounded_canvas(void **state)
{
	tu_run run;
	const double r = 24.0;
	al_image *img = tu_image_new(HW, HH, 0x1b3a5cff);
	for (int y = 0; y < HH; y++)
		for (int x = 0; x < HW; x++) {
			double cx = x < r ? r : x >= HW - r ? HW - r : x + 0.5;
			double cy = y < r ? r : y >= HH - r ? HH - r : y + 0.5;
			double d = hypot(x + 0.5 - cx, y + 0.5 - cy);
			double a = CLAMP(r + 0.5 - d, 0.0, 1.0);
			if (a < 1.0)
				tu_set(img, x, y, a > 0 ? 0x1b3a5c00u | (uint32_t)(a * 255.0 + 0.5) : 0);
		}
	tu_fill(img, 60, 60, 200, 170, 0xffb900ff);
	assert_int_equal(tu_check(&run, &al_rule_hero_margin, img, AL_ROLE_HERO, NULL), 0);
	tu_run_clear(&run);
	tu_fill(img, 500, 100, 60, 60, 0xffffff99);
	assert_int_equal(tu_check(&run, &al_rule_hero_margin, img, AL_ROLE_HERO, NULL), 1);
	assert_int_equal(tu_finding(&run, 0)->region.x, 500);
	tu_run_clear(&run);
	tu_image_free(img);
}

/* A grid of dots too small to count one by one (2 x 2 px, under
 * min_component) is a pattern, content in the margin; the same number
 * of specks scattered is noise (test_margin_smooth_and_noisy); on a
 * photo (mixed background) specks are never a pattern. */
static void test_margin_dot_grid(void **state)
{
	tu_run run;
	al_image *img = tu_image_new(HW, HH, 0x1b3a5cff);
	tu_fill(img, 60, 60, 200, 170, 0xffb900ff);
	/* 5 columns x 4 rows at a pitch of 17 px */
	for (int j = 0; j < 4; j++)
		for (int i = 0; i < 5; i++)
			tu_fill(img, 600 + i * 17, 80 + j * 17, 2, 2, 0xffffffff);
	assert_int_equal(tu_check(&run, &al_rule_hero_margin, img, AL_ROLE_HERO, NULL), 1);
	const al_finding *f = tu_finding(&run, 0);
	assert_int_equal(f->region.x, 600);
	assert_int_equal(f->region.y, 80);
	assert_int_equal(f->region.w, 4 * 17 + 2);
	assert_int_equal(f->region.h, 3 * 17 + 2);
	assert_true(f->measured == 80.0);
	tu_run_clear(&run);
	/* min_specks = 0: specks never count */
	al_options *o = opts_with("hero-margin.min_specks", 0);
	assert_int_equal(tu_check(&run, &al_rule_hero_margin, img, AL_ROLE_HERO, o), 0);
	tu_run_clear(&run);   /* frees @o */
	/* fewer dots than min_specks (7 of 8) */
	tu_fill(img, 590, 70, 100, 80, 0x1b3a5cff);
	for (int i = 0; i < 7; i++)
		tu_fill(img, 600 + i * 17, 80, 2, 2, 0xffffffff);
	assert_int_equal(tu_check(&run, &al_rule_hero_margin, img, AL_ROLE_HERO, NULL), 0);
	tu_run_clear(&run);
	/* the eighth makes a dotted line */
	tu_fill(img, 600 + 7 * 17, 80, 2, 2, 0xffffffff);
	assert_int_equal(tu_check(&run, &al_rule_hero_margin, img, AL_ROLE_HERO, NULL), 1);
	tu_run_clear(&run);
	tu_image_free(img);
}

/* Runs hero-margin again on @run's measurements as if the file were a
 * JPEG in its stored orientation; returns the finding count. */
static int rerun_as_jpeg(tu_run *run, const al_image *img)
{
	g_ptr_array_set_size(run->res.findings, 0);
	run->info.format = AL_FMT_JPEG;
	run->res.format = AL_FMT_JPEG;
	al_ctx ctx = {
		.rule = &al_rule_hero_margin, .opts = run->opts, .profile = run->opts->profile,
		.res = &run->res, .content_role = AL_ROLE_HERO, .path = run->res.path,
		.info = &run->info, .img = img, .m = &run->m,
	};
	al_rule_hero_margin.check(&ctx);
	return (int)run->res.findings->len;
}

/* A faint band whose edges lie on the 8 x 8 block borders: a shape in a
 * PNG, JPEG blocking of a smooth area in a JPEG. */
static void test_margin_jpeg_blocking(void **state)
{
	tu_run run;
	uint32_t bg = 0x3c6e8fff;
	al_image *img = tu_image_new(HW, HH, bg);
	tu_fill(img, 400, 120, 415, 16, shade(bg, 6.0));
	assert_int_equal(tu_check(&run, &al_rule_hero_margin, img, AL_ROLE_HERO, NULL), 1);
	assert_int_equal(rerun_as_jpeg(&run, img), 0);
	tu_run_clear(&run);
	/* off the grid (rows 121 .. 136) it is a shape in a JPEG too */
	tu_fill(img, 0, 0, HW, HH, bg);
	tu_fill(img, 400, 121, 415, 16, shade(bg, 6.0));
	assert_int_equal(tu_check(&run, &al_rule_hero_margin, img, AL_ROLE_HERO, NULL), 1);
	assert_int_equal(rerun_as_jpeg(&run, img), 1);
	tu_run_clear(&run);
	tu_image_free(img);
}

/* A JPEG smears a frame line's colour over the first pixels inside it
 * (and the image's edge over the first block): a step there has no block
 * 5 px out to show it is sharp, so it is no faint edge.  A faint shape
 * farther in is still found. */
static void test_margin_frame_smear(void **state)
{
	tu_run run;
	uint32_t bg = 0x3c6e8fff;
	al_image *img = tu_image_new(HW, HH, bg);
	/* a 1-px grey frame line, then 3 px fading from 8 to 3 CIE76 */
	tu_fill(img, 0, 0, HW, 1, 0x9a9a9aff);
	tu_fill(img, 0, HH - 1, HW, 1, 0x9a9a9aff);
	tu_fill(img, 0, 0, 1, HH, 0x9a9a9aff);
	tu_fill(img, HW - 1, 0, 1, HH, 0x9a9a9aff);
	static const double smear[3] = { 8.0, 5.5, 3.0 };
	for (int k = 0; k < 3; k++) {
		uint32_t c = shade(bg, smear[k]);
		tu_fill(img, 1 + k, 1 + k, HW - 2 - 2 * k, 1, c);
		tu_fill(img, 1 + k, HH - 2 - k, HW - 2 - 2 * k, 1, c);
		tu_fill(img, 1 + k, 1 + k, 1, HH - 2 - 2 * k, c);
		tu_fill(img, HW - 2 - k, 1 + k, 1, HH - 2 - 2 * k, c);
	}
	tu_fill(img, 60, 60, 200, 170, 0xffb900ff);
	assert_int_equal(tu_check(&run, &al_rule_hero_margin, img, AL_ROLE_HERO, NULL), 0);
	assert_int_equal(rerun_as_jpeg(&run, img), 0);
	tu_run_clear(&run);
	/* a faint disc at 10, well inside: content, PNG or JPEG */
	tu_disc(img, 620, 140, 45, shade(bg, 10.0));
	assert_int_equal(tu_check(&run, &al_rule_hero_margin, img, AL_ROLE_HERO, NULL), 1);
	assert_int_equal(rerun_as_jpeg(&run, img), 1);
	tu_run_clear(&run);
	tu_image_free(img);
}

static int contrast_of(tu_run *run, uint32_t zone_rgba, al_options *o)
{
	al_image *img = tu_image_new(HW, HH, 0x1b3a5cff);
	tu_fill(img, 400, 0, 415, HH, zone_rgba);
	int n = tu_check(run, &al_rule_hero_contrast, img, AL_ROLE_HERO, o);
	tu_image_free(img);
	return n;
}

/* The zones of the exactness tests below: kind 0 flat blocks of 5 greys,
 * 1 a two-axis gradient, 2 noise of @colours colours. */
static uint32_t zone_colour(GRand *rnd, int kind, int x, int y, int colours)
{
	if (kind == 0)
		return (uint32_t)(((x / 40 + y / 30) % 5) * 0x30303000u) | 0xffu;
	if (kind == 1)
		return ((uint32_t)(x * 255 / HW) << 24) | ((uint32_t)(y * 255 / HH) << 8) | 0xffu;
	return (uint32_t)g_rand_int_range(rnd, 0, colours) * 0x9e3779b1u;
}

/* min_ratio 21: every zone lighter than black is reported, with its
 * ratio, at the percentile @pct. */
static al_options *every_zone_at(double pct)
{
	char *err = NULL;
	al_options *o = al_options_new();
	assert_int_equal(al_options_set_threshold(o, "hero-contrast.min_ratio", 21, &err), AL_OK);
	assert_int_equal(al_options_set_threshold(o, "hero-contrast.percentile", pct, &err), AL_OK);
	return o;
}

/* hero-contrast's colour cache against the table alone
 * (al__hero_contrast_table_only): random heroes whose zone holds a few
 * flat colours, a gradient, noise of up to 6,000 colours, or 8 colours
 * at every alpha (so cache entries collide and are replaced, also by
 * their own colour at another alpha), some translucent, at percentiles
 * 50 to 100: the same table of colours and counts (al__hero_contrast_digest)
 * and the same luminance to the bit (min_ratio 21: every zone lighter
 * than black is reported with its ratio). */
static void test_contrast_cache_exact(void **state)
{
	(void)state;
	GRand *rnd = g_rand_new_with_seed(3);
	int reported = 0;
	for (int t = 0; t < 24; t++) {
		al_image *img = tu_image_new(HW, HH, g_rand_int(rnd) | 0xffu);
		int kind = t % 4, colours = g_rand_int_range(rnd, 2, 6000);
		for (int y = 0; y < HH; y++)
			for (int x = 380; x < HW; x++) {
				uint32_t c;
				if (kind <= 2)
					c = zone_colour(rnd, kind, x, y, colours);
				else /* 8 colours at every alpha: entries of one RGB collide */
					c = ((uint32_t)g_rand_int_range(rnd, 0, 8) * 0x3f2a1900u) |
					    (uint32_t)g_rand_int_range(rnd, 0, 256);
				if (g_rand_int_range(rnd, 0, 50) == 0)
					c = (c & 0xffffff00u) | g_rand_int_range(rnd, 0, 256);
				/* runs of 1 to 20 px */
				for (int k = g_rand_int_range(rnd, 1, 21); k > 0 && x < HW; k--, x++)
					tu_set(img, x, y, c);
				x--;
			}
		double pct = g_rand_boolean(rnd) ? 90 : g_rand_double_range(rnd, 50, 100);
		double measured[2] = { -1, -2 };
		uint64_t dig[2] = { 1, 2 };
		for (int k = 0; k < 2; k++) {
			al__hero_contrast_digest = &dig[k];
			al_options *o = every_zone_at(pct);
			al__hero_contrast_table_only = k == 1;
			tu_run run;
			if (tu_check(&run, &al_rule_hero_contrast, img, AL_ROLE_HERO, o) > 0)
				measured[k] = tu_finding(&run, 0)->measured;
			tu_run_clear(&run);
		}
		al__hero_contrast_table_only = false;
		al__hero_contrast_digest = NULL;
		assert_true(measured[0] == measured[1]);
		assert_true(dig[0] == dig[1] && dig[0] != 0);
		reported += measured[0] >= 0;
		tu_image_free(img);
	}
	assert_true(reported >= 20);
	g_rand_free(rnd);
}

/* hero-contrast's selection of the rank in its colour table against the
 * sort of every pixel of the zone (al__hero_contrast_sort_all): random
 * zones of a few flat colours, a gradient, noise of up to 6,000 colours,
 * one colour at many alphas over white (ties of one luminance from many
 * colours), one colour, or a dark top and light bottom split so that the
 * rank falls on, just before or just after the boundary (the zone is the
 * right 415 px), at percentiles 50 to 100, with the selection sorting
 * after 0, 1, 2 or the usual partition rounds: the same luminance to the
 * bit. */
static void test_contrast_select_exact(void **state)
{
	(void)state;
	GRand *rnd = g_rand_new_with_seed(11);
	static const int rounds[] = { 0, 1, 2, -1 };
	int defaults = al__hero_contrast_select_rounds;
	for (int t = 0; t < 48; t++) {
		al_image *img = tu_image_new(HW, HH, g_rand_int(rnd) | 0xffu);
		int kind = t % 6, colours = g_rand_int_range(rnd, 2, 6000);
		int split = g_rand_int_range(rnd, 150, 260);   /* kind 5: dark rows */
		uint32_t base = g_rand_int(rnd) & 0xffffff00u;
		for (int y = 0; y < HH; y++)
			for (int x = 380; x < HW; x++) {
				uint32_t c;
				if (kind <= 2)
					c = zone_colour(rnd, kind, x, y, colours);
				else if (kind == 3) /* alpha 0 over any RGB: all white */
					c = g_rand_boolean(rnd) ? g_rand_int(rnd) & 0xffffff00u
					                        : base | (uint32_t)g_rand_int_range(rnd, 0, 256);
				else if (kind == 4)
					c = base | 0xffu;
				else
					c = y >= split ? 0xe0e0e0ffu : (x & 1) ? 0x303030ffu : 0x202020ffu;
				for (int k = kind == 5 ? 1 : g_rand_int_range(rnd, 1, 21); k > 0 && x < HW; k--, x++)
					tu_set(img, x, y, c);
				x--;
			}
		double pct = t % 7 == 0 ? 100 : t % 7 == 1 ? 50 : g_rand_double_range(rnd, 50, 100);
		if (kind == 5) /* rank 415 split - 1, + 0 or + 1 of 415 * HH */
			pct = 100.0 * (415 * split + (t / 6) % 3 - 1) / (415.0 * HH - 1);
		double measured[5] = { -1, -2, -3, -4, -5 };
		for (int k = 0; k < 5; k++) {
			al_options *o = every_zone_at(pct);
			al__hero_contrast_sort_all = k == 4;
			al__hero_contrast_select_rounds = k < 4 && rounds[k] >= 0 ? rounds[k] : defaults;
			tu_run run;
			if (tu_check(&run, &al_rule_hero_contrast, img, AL_ROLE_HERO, o) > 0) {
				measured[k] = tu_finding(&run, 0)->measured;
				assert_int_equal(tu_finding(&run, 0)->region.w, 415);
			}
			tu_run_clear(&run);
		}
		al__hero_contrast_sort_all = false;
		al__hero_contrast_select_rounds = defaults;
		for (int k = 0; k < 4; k++)
			assert_true(measured[k] == measured[4]);
		tu_image_free(img);
	}
	g_rand_free(rnd);
}

/* The faint-edge scan's shortcut for flat pixels (al__hero_margin_full_scan
 * off) against the scan of every pixel: random plain heroes with faint
 * discs, panels, rings and lines (some touching, some anti-aliased), grain
 * patches, a frame line, transparent cut-outs: the same findings to the
 * last pixel counted.  Some scenes must find faint content, or the test
 * would prove nothing. */
static al_options *every_pixel(void)
{
	static const char *keys[] = { "hero-margin.min_pixels", "hero-margin.min_component",
	                              "hero-margin.faint_min_component" };
	al_options *o = al_options_new();
	char *err = NULL;
	for (size_t i = 0; i < G_N_ELEMENTS(keys); i++)
		assert_int_equal(al_options_set_threshold(o, keys[i], 1, &err), AL_OK);
	assert_int_equal(al_options_set_threshold(o, "hero-margin.min_specks", 0, &err), AL_OK);
	return o;
}

static void test_margin_faint_shortcut_exact(void **state)
{
	GRand *rnd = g_rand_new_with_seed(11);
	int faint_found = 0, scenes = 40;
	for (int s = 0; s < scenes; s++) {
		uint32_t bg = (g_rand_int(rnd) & 0x7f7f7f00u) | 0x202020ffu;
		al_image *img = tu_image_new(HW, HH, bg);
		tu_fill(img, 40, 40, 250, 200, 0xffb900ff);
		int shapes = g_rand_int_range(rnd, 1, 7);
		for (int k = 0; k < shapes; k++) {
			uint32_t c = shade(bg, g_rand_double_range(rnd, 4.0, 18.0));
			int x = g_rand_int_range(rnd, 380, HW), y = g_rand_int_range(rnd, -10, HH);
			switch (g_rand_int_range(rnd, 0, 5)) {
			case 0:
				tu_disc(img, x, y, g_rand_double_range(rnd, 2.0, 50.0), c);
				break;
			case 1:
				tu_fill(img, x, y, g_rand_int_range(rnd, 1, 120), g_rand_int_range(rnd, 1, 90), c);
				break;
			case 2: /* a ring */
				tu_disc(img, x, y, 30, c);
				tu_disc(img, x, y, 30 - g_rand_int_range(rnd, 1, 4), bg);
				break;
			case 3: /* grain */
				for (int yy = y; yy < y + 40; yy++)
					for (int xx = x; xx < x + 60; xx++)
						if (g_rand_boolean(rnd))
							tu_fill(img, xx, yy, 1, 1, c);
				break;
			default: /* a cut-out */
				tu_fill(img, x, y, 9, 7, bg & 0xffffff00u);
				break;
			}
		}
		if (s % 4 == 3)
			tu_fill(img, 0, 0, HW, 1, 0x9a9a9aff);
		/* the defaults, and every edge pixel counted (no group too
		 * small): the count is then that of the faint-edge plane */
		for (int sensitive = 0; sensitive < 2; sensitive++) {
			tu_run fast, full;
			al_hero_margin_probe pf = { 0 }, pl = { 0 };
			al__hero_margin_full_scan = false;
			al__hero_margin_probe = &pf;
			int nf = tu_check(&fast, &al_rule_hero_margin, img, AL_ROLE_HERO,
			                  sensitive ? every_pixel() : NULL);
			al__hero_margin_full_scan = true;
			al__hero_margin_probe = &pl;
			int nl = tu_check(&full, &al_rule_hero_margin, img, AL_ROLE_HERO,
			                  sensitive ? every_pixel() : NULL);
			al__hero_margin_full_scan = false;
			al__hero_margin_probe = NULL;
			assert_int_equal(nf, nl);
			assert_true(pf.measured > 0 && pf.measured == pl.measured);
			assert_true(pf.textured == pl.textured && pf.edges == pl.edges);
			/* the blocks computed (in segments) are all those read */
			assert_int_equal(pf.stale, 0);
			assert_int_equal(pl.stale, 0);
			if (nf) {
				assert_string_equal(tu_finding(&fast, 0)->message,
				                    tu_finding(&full, 0)->message);
				faint_found += strstr(tu_finding(&fast, 0)->message, "faint") != NULL;
			}
			tu_run_clear(&fast);
			tu_run_clear(&full);
		}
		tu_image_free(img);
	}
	assert_true(faint_found >= 4);
	g_rand_free(rnd);
}

/* The speck pass's steps inside the zone (no bounds tests) against the
 * same pass testing every step: random masks of 5 to 60 x 3 to 40 px at
 * densities from sparse to dense, 8-connected groups (reach 1) and groups
 * across 1-px gaps (reach 2), minimum sizes 1 to 9, JPEG block borders
 * and dot patterns on or off: the same mask, box and count. */
static void test_margin_specks_inside_exact(void **state)
{
	GRand *rnd = g_rand_new_with_seed(5);
	int kept = 0, dropped = 0;
	for (int t = 0; t < 800; t++) {
		int zw = g_rand_int_range(rnd, 5, 61), h = g_rand_int_range(rnd, 3, 41);
		size_t n = (size_t)zw * h;
		int density = g_rand_int_range(rnd, 2, 30);
		int reach = g_rand_int_range(rnd, 1, 3), min_size = g_rand_int_range(rnd, 1, 10);
		int grid_x0 = g_rand_boolean(rnd) ? g_rand_int_range(rnd, 0, 8) : -1;
		int pattern = g_rand_boolean(rnd) ? 3 : 0;
		uint8_t *a = g_new(uint8_t, n), *b = g_new(uint8_t, n);
		for (size_t i = 0; i < n; i++)
			a[i] = g_rand_int_range(rnd, 0, 100) < density;
		memcpy(b, a, n);
		al_region ba, bb;
		int la = al__hero_margin_drop_specks(a, zw, h, min_size, reach, grid_x0, pattern, &ba, false);
		int lb = al__hero_margin_drop_specks(b, zw, h, min_size, reach, grid_x0, pattern, &bb, true);
		assert_int_equal(la, lb);
		assert_memory_equal(a, b, n);
		assert_memory_equal(&ba, &bb, sizeof ba);
		kept += la > 0;
		dropped += la == 0;
		g_free(a);
		g_free(b);
	}
	assert_true(kept > 100 && dropped > 100);
	g_rand_free(rnd);
}

/* The flat-pixel pass's SSE2 loop against its byte-by-byte loop on
 * measurements made up at random, where real images never go: runs of
 * two colours that differ in one byte, background states 0, 1 and 2
 * changing where the colour does not (also between rows), every zone
 * start and width from 7 to 70: the same plane, byte for byte. */
static void test_margin_flat7_sse_planes(void **state)
{
	GRand *rnd = g_rand_new_with_seed(7);
	size_t flat = 0;
	for (int t = 0; t < 600; t++) {
		int w = g_rand_int_range(rnd, 7, 71), h = g_rand_int_range(rnd, 7, 24);
		int zx = g_rand_int_range(rnd, 0, w), zw = w - zx;
		size_t n = (size_t)w * h;
		al_measure m = { .width = w, .height = h };
		uint8_t *rgba = g_new(uint8_t, n * 4);
		m.rgba = rgba;
		m.bgmask = g_new(uint8_t, n);
		m.run = g_new(uint8_t, n);
		uint32_t c[2] = { 0x10203040u, 0x10203040u ^ (1u << (8 * g_rand_int_range(rnd, 0, 4))) };
		/* one colour and state, then boxes of the other colour and
		 * boxes of other states, independently */
		for (size_t i = 0; i < n; i++) {
			memcpy(rgba + i * 4, &c[0], 4);
			m.bgmask[i] = 1;
		}
		for (int b = g_rand_int_range(rnd, 0, 9); b > 0; b--) {
			int bx = g_rand_int_range(rnd, 0, w), by = g_rand_int_range(rnd, 0, h);
			int bw = g_rand_int_range(rnd, 1, 16), bh = g_rand_int_range(rnd, 1, 12);
			int kind = g_rand_int_range(rnd, 0, 4), v = g_rand_int_range(rnd, 0, 3);
			for (int y = by; y < MIN(h, by + bh); y++)
				for (int x = bx; x < MIN(w, bx + bw); x++) {
					size_t i = (size_t)y * w + x;
					if (kind == 0)
						memcpy(rgba + i * 4, &c[1], 4);
					else
						m.bgmask[i] = (uint8_t)v;
				}
		}
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				size_t i = (size_t)y * w + x;
				m.run[i] = x > 0 && memcmp(m.rgba + i * 4, m.rgba + (i - 1) * 4, 4) == 0
				           ? (uint8_t)MIN(m.run[i - 1] + 1, 255) : 0;
			}
		uint8_t *uf = g_new0(uint8_t, (size_t)zw * h), *us = g_new0(uint8_t, (size_t)zw * h);
		al__hero_margin_flat7(&m, zx, uf, false);
		al__hero_margin_flat7(&m, zx, us, true);
		assert_memory_equal(uf, us, (size_t)zw * h);
		for (size_t i = 0; i < (size_t)zw * h; i++)
			flat += uf[i];
		g_free(uf);
		g_free(us);
		g_free(rgba);
		g_free(m.bgmask);
		g_free(m.run);
	}
	assert_true(flat > 30000);
	g_rand_free(rnd);
}

void al__hero_margin_block_row(const al_measure *m, int y, int x0, int x1, float *out, bool plain);

/* The 3x3 blocks' branch-free, vectorised sums against the plain loop
 * that copies repeated columns and blocks: the same floats, bit for bit,
 * on made-up rows: Lab triples from a small palette (so runs repeat, as
 * m->run says) of random values, -0.0f, denormals, huge and tiny
 * magnitudes, background states 0, 1 and 2, every width from 3 to 60
 * and every column range. */
static void test_margin_block_row_exact(void **state)
{
	GRand *rnd = g_rand_new_with_seed(10);
	size_t blocks = 0;
	for (int t = 0; t < 3000; t++) {
		int w = g_rand_int_range(rnd, 3, 61), h = 3;
		size_t n = (size_t)w * h;
		float pal[6][3];
		for (int p = 0; p < 6; p++)
			for (int c = 0; c < 3; c++) {
				switch (g_rand_int_range(rnd, 0, 6)) {
				case 0: pal[p][c] = -0.0f; break;
				case 1: pal[p][c] = 1e-40f * (float)g_rand_int_range(rnd, -9, 10); break;
				case 2: pal[p][c] = (float)g_rand_double_range(rnd, -1e18, 1e18); break;
				case 3: pal[p][c] = (float)g_rand_double_range(rnd, -1e-3, 1e-3); break;
				default: pal[p][c] = (float)g_rand_double_range(rnd, -128, 128); break;
				}
			}
		int np = g_rand_int_range(rnd, 1, 7);
		al_measure m = { .width = w, .height = h };
		float *lab = g_new(float, n * 3);
		uint8_t *idx = g_new(uint8_t, n);
		m.lab = lab;
		m.bgmask = g_new(uint8_t, n);
		m.run = g_new(uint8_t, n);
		for (size_t i = 0; i < n; i++) {
			bool keep = i % w > 0 && g_rand_int_range(rnd, 0, 4) > 0;
			idx[i] = keep ? idx[i - 1] : (uint8_t)g_rand_int_range(rnd, 0, np);
			memcpy(lab + i * 3, pal[idx[i]], sizeof pal[0]);
			m.bgmask[i] = g_rand_int_range(rnd, 0, 5) == 0 ? (uint8_t)g_rand_int_range(rnd, 0, 3)
			              : i % w > 0 && keep ? m.bgmask[i - 1] : 1;
			m.run[i] = i % w > 0 && idx[i] == idx[i - 1] ? (uint8_t)MIN(m.run[i - 1] + 1, 255) : 0;
		}
		int x0 = g_rand_int_range(rnd, 1, w - 1), x1 = g_rand_int_range(rnd, x0, w - 1);
		size_t nb = (size_t)(x1 - x0 + 1) * 5;
		float *fast = g_new(float, nb), *plain = g_new(float, nb);
		al__hero_margin_block_row(&m, 1, x0, x1, fast, false);
		al__hero_margin_block_row(&m, 1, x0, x1, plain, true);
		assert_memory_equal(fast, plain, nb * sizeof *fast);
		blocks += (size_t)(x1 - x0 + 1);
		g_free(fast);
		g_free(plain);
		g_free(lab);
		g_free(idx);
		g_free(m.bgmask);
		g_free(m.run);
	}
	assert_true(blocks > 15000);
	g_rand_free(rnd);
}

/* The flat-pixel pass's SSE2 loop (sixteen centres at a time) against
 * its byte-by-byte loop: the same flat-pixel plane, hashed row by row,
 * and the same counts and findings.  Widths from 800 to 831 put the
 * sixteen-pixel steps at every offset of the zone; the scenes hold
 * flat areas more and less than 7 rows and columns wide, runs of exactly
 * 6 and 7 pixels, colours that change in one channel only, transparent
 * cut-outs, boxes whose inside has the background's RGBA but not its
 * state, and rows of noise (counts starting again). */
static void test_margin_flat7_sse_exact(void **state)
{
	GRand *rnd = g_rand_new_with_seed(23);
	int scenes = 32;
	for (int s = 0; s < scenes; s++) {
		uint32_t bg = (g_rand_int(rnd) & 0x7f7f7f00u) | 0x202020ffu;
		int w = 800 + s;
		al_image *img = tu_image_new(w, HH, bg);
		tu_fill(img, 40, 40, 250, 200, 0xffb900ff);
		int shapes = g_rand_int_range(rnd, 4, 14);
		for (int k = 0; k < shapes; k++) {
			uint32_t c = shade(bg, g_rand_double_range(rnd, 4.0, 18.0));
			int x = g_rand_int_range(rnd, w - 430, w), y = g_rand_int_range(rnd, -10, HH);
			int bw = g_rand_int_range(rnd, 10, 40), bh = g_rand_int_range(rnd, 10, 40);
			switch (g_rand_int_range(rnd, 0, 7)) {
			case 0:
				tu_disc(img, x, y, g_rand_double_range(rnd, 2.0, 40.0), c);
				break;
			case 6: /* a box drawn in a strong colour: the background's
				 * RGBA inside, not the background region */
				tu_fill(img, x, y, bw, bh, bg ^ 0xffffff00u);
				tu_fill(img, x + 1, y + 1, bw - 2, bh - 2, bg);
				break;
			case 1: /* bars 5 to 9 px wide and high */
				tu_fill(img, x, y, g_rand_int_range(rnd, 5, 10), g_rand_int_range(rnd, 5, 10), c);
				break;
			case 2: /* one channel one step off */
				tu_fill(img, x, y, g_rand_int_range(rnd, 1, 60), g_rand_int_range(rnd, 1, 60),
				        bg ^ (0x01000000u >> (8 * g_rand_int_range(rnd, 0, 4))));
				break;
			case 3: /* a row of noise */
				for (int xx = x; xx < x + 80; xx++)
					if (g_rand_boolean(rnd))
						tu_fill(img, xx, y, 1, 1, c);
				break;
			case 4: /* a cut-out: the state changes, not always the RGBA */
				tu_fill(img, x, y, g_rand_int_range(rnd, 3, 12), g_rand_int_range(rnd, 3, 12),
				        bg & 0xffffff00u);
				break;
			default:
				tu_fill(img, x, y, g_rand_int_range(rnd, 20, 120), g_rand_int_range(rnd, 8, 60), c);
				break;
			}
		}
		tu_run fast, ref;
		al_hero_margin_probe pf = { .flat_hash = 0xcbf29ce484222325u };
		al_hero_margin_probe pr = { .flat_hash = 0xcbf29ce484222325u };
		al__hero_margin_probe = &pf;
		int nf = tu_check(&fast, &al_rule_hero_margin, img, AL_ROLE_HERO, every_pixel());
		al__hero_margin_flat7_scalar = true;
		al__hero_margin_probe = &pr;
		int nr = tu_check(&ref, &al_rule_hero_margin, img, AL_ROLE_HERO, every_pixel());
		al__hero_margin_flat7_scalar = false;
		al__hero_margin_probe = NULL;
		assert_true(pf.flat_hash != 0xcbf29ce484222325u);
		assert_true(pf.flat_hash == pr.flat_hash);
		assert_true(pf.measured > 0 && pf.measured == pr.measured);
		assert_true(pf.textured == pr.textured && pf.edges == pr.edges);
		assert_int_equal(nf, nr);
		if (nf)
			assert_string_equal(tu_finding(&fast, 0)->message, tu_finding(&ref, 0)->message);
		tu_run_clear(&fast);
		tu_run_clear(&ref);
		tu_image_free(img);
	}
	g_rand_free(rnd);
}

static void test_contrast_light_vs_dark(void **state)
{
	tu_run run;
	assert_int_equal(contrast_of(&run, 0x767676ff, NULL), 0); /* 4.54:1 */
	tu_run_clear(&run);
	assert_int_equal(contrast_of(&run, 0x777777ff, NULL), 1); /* 4.48:1 */
	assert_true(fabs(tu_finding(&run, 0)->measured - 4.48) < 0.01);
	tu_run_clear(&run);
	assert_int_equal(contrast_of(&run, 0x1b3a5cff, NULL), 0);
	tu_run_clear(&run);
	assert_int_equal(contrast_of(&run, 0xa8c8e8ff, NULL), 1);
	const al_finding *f = tu_finding(&run, 0);
	assert_string_equal(f->rule, "hero-contrast");
	assert_true(fabs(f->measured - 1.74) < 0.01);
	assert_true(f->limit == 4.5);
	assert_int_equal(f->region.x, 400);
	assert_int_equal(f->region.w, 415);
	assert_int_equal(f->region.h, HH);
	assert_non_null(strstr(f->message, "1.74:1"));
	tu_run_clear(&run);
	/* overridable: 3:1 accepts #949494 (3.03:1) */
	assert_int_equal(contrast_of(&run, 0x949494ff, NULL), 1);
	tu_run_clear(&run);
	assert_int_equal(contrast_of(&run, 0x949494ff, opts_with("hero-contrast.min_ratio", 3)), 0);
	tu_run_clear(&run);
}

static void test_contrast_percentile(void **state)
{
	tu_run run;
	/* dark zone with a light band of 15 % of its pixels: the lighter
	 * background (90th percentile) is the band */
	al_image *img = tu_image_new(HW, HH, 0x1b3a5cff);
	tu_fill(img, 400, 0, 415, 44, 0xe0e0e0ff);
	assert_int_equal(tu_check(&run, &al_rule_hero_contrast, img, AL_ROLE_HERO, NULL), 1);
	tu_run_clear(&run);
	/* ... 5 % is a detail, not the background */
	tu_fill(img, 400, 0, 415, HH, 0x1b3a5cff);
	tu_fill(img, 400, 0, 415, 14, 0xe0e0e0ff);
	assert_int_equal(tu_check(&run, &al_rule_hero_contrast, img, AL_ROLE_HERO, NULL), 0);
	tu_run_clear(&run);
	assert_int_equal(tu_check(&run, &al_rule_hero_contrast, img, AL_ROLE_HERO,
	                          opts_with("hero-contrast.percentile", 99)), 1);
	tu_run_clear(&run);
	tu_image_free(img);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static void test_contrast_percentile_exact(void **state)
{
	/* a ramp of greys across the zone (many luminances share a
	 * histogram bin, and runs of equal ones): the measured ratio is that
	 * of the exact 90th percentile, rank round(0.9 (n - 1)) */
	al_image *img = tu_image_new(HW, HH, 0x1b3a5cff);
	size_t n = (size_t)415 * HH, k = 0;
	double *lum = g_new(double, n);
	for (int x = 400; x < HW; x++) {
		unsigned g = 0x60 + (unsigned)(x - 400) * 0x40 / 415;
		tu_fill(img, x, 0, 1, HH, g << 24 | g << 16 | g << 8 | 0xffu);
		for (int y = 0; y < HH; y++)
			lum[k++] = al_rel_luminance((uint8_t)g, (uint8_t)g, (uint8_t)g);
	}
	qsort(lum, n, sizeof *lum, cmp_double);
	double want = al_contrast_ratio(1.0, lum[(size_t)(0.9 * (double)(n - 1) + 0.5)]);
	tu_run run;
	assert_int_equal(tu_check(&run, &al_rule_hero_contrast, img, AL_ROLE_HERO, NULL), 1);
	assert_true(fabs(tu_finding(&run, 0)->measured - want) < 1e-4);
	tu_run_clear(&run);
	g_free(lum);
	tu_image_free(img);
}

static int cmp_float(const void *a, const void *b)
{
	float x = *(const float *)a, y = *(const float *)b;
	return (x > y) - (x < y);
}

/* Random light colours in runs of 1 to @max_run - 1 px, some
 * semi-transparent (shown over white), for several percentiles: the
 * measured ratio is exactly that of the sorted luminances of every
 * pixel. */
static void many_colours(int max_run)
{
	static const double pcts[] = { 50, 75, 90, 99.5, 100 };
	GRand *rnd = g_rand_new_with_seed(5);
	al_image *img = tu_image_new(HW, HH, 0x1b3a5cff);
	for (int y = 0; y < HH; y++)
		for (int x = 0; x < HW;) {
			int run = g_rand_int_range(rnd, 1, max_run);
			uint32_t c = g_rand_int(rnd) | 0x80808000u;
			c = (c & 0xffffff00u) | (g_rand_int_range(rnd, 0, 4) ? 0xffu : (c & 0xffu));
			tu_fill(img, x, y, run, 1, c);
			x += run;
		}
	size_t n = (size_t)415 * HH, k = 0;
	float *lum = g_new(float, n);
	for (int y = 0; y < HH; y++)
		for (int x = HW - 415; x < HW; x++) {
			const uint8_t *p = img->rgba + ((size_t)y * HW + x) * 4;
			unsigned a = p[3];
			uint8_t c[3];
			for (int j = 0; j < 3; j++)
				c[j] = (uint8_t)((p[j] * a + 255u * (255u - a) + 127u) / 255u);
			lum[k++] = (float)al_rel_luminance(c[0], c[1], c[2]);
		}
	qsort(lum, n, sizeof *lum, cmp_float);
	for (size_t i = 0; i < G_N_ELEMENTS(pcts); i++) {
		al_options *o = opts_with("hero-contrast.percentile", pcts[i]);
		double want = al_contrast_ratio(1.0, lum[MIN((size_t)(pcts[i] / 100.0 * (double)(n - 1) + 0.5), n - 1)]);
		tu_run run;
		assert_int_equal(tu_check(&run, &al_rule_hero_contrast, img, AL_ROLE_HERO, o), 1);
		assert_true(tu_finding(&run, 0)->measured == want);
		tu_run_clear(&run);
	}
	g_free(lum);
	tu_image_free(img);
	g_rand_free(rnd);
}

static void test_contrast_percentile_many_colours(void **state)
{
	many_colours(21);        /* ~11,000 colours: counted in a table */
}

static void test_contrast_percentile_photo(void **state)
{
	many_colours(2);         /* a colour per pixel, 120,350: sorted */
}

static void test_contrast_transparent_hero(void **state)
{
	tu_run run;
	/* transparent pixels show the page: white, the worst case */
	al_image *img = tu_image_new(HW, HH, 0x00000000);
	tu_fill(img, 50, 50, 300, 190, 0x0078d4ff);
	assert_int_equal(tu_check(&run, &al_rule_hero_contrast, img, AL_ROLE_HERO, NULL), 1);
	assert_true(fabs(tu_finding(&run, 0)->measured - 1.0) < 1e-6);
	tu_run_clear(&run);
	tu_image_free(img);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_margin_399_vs_400),
		cmocka_unit_test(test_margin_thresholds),
		cmocka_unit_test(test_margin_plain_dark_on_photo),
		cmocka_unit_test(test_margin_transparent_hero),
		cmocka_unit_test(test_margin_scaled_for_wrong_size),
		cmocka_unit_test(test_margin_faint_shapes),
		cmocka_unit_test(test_margin_poke),
		cmocka_unit_test(test_margin_smooth_and_noisy),
		cmocka_unit_test(test_margin_dot_grid),
		cmocka_unit_test(test_margin_grain),
		cmocka_unit_test(test_margin_rounded_canvas),
		cmocka_unit_test(test_margin_jpeg_blocking),
		cmocka_unit_test(test_margin_frame_smear),
		cmocka_unit_test(test_margin_faint_shortcut_exact),
		cmocka_unit_test(test_contrast_cache_exact),
		cmocka_unit_test(test_contrast_select_exact),
		cmocka_unit_test(test_margin_flat7_sse_exact),
		cmocka_unit_test(test_margin_flat7_sse_planes),
		cmocka_unit_test(test_margin_block_row_exact),
		cmocka_unit_test(test_margin_specks_inside_exact),
		cmocka_unit_test(test_contrast_light_vs_dark),
		cmocka_unit_test(test_contrast_percentile),
		cmocka_unit_test(test_contrast_percentile_exact),
		cmocka_unit_test(test_contrast_percentile_many_colours),
		cmocka_unit_test(test_contrast_percentile_photo),
		cmocka_unit_test(test_contrast_transparent_hero),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
