/* gradient rule: smooth colour drifts are flagged, flat colours with
 * anti-aliased edges, JPEG-like noise, soft edges and thin shadows not. */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>
#include <jpeglib.h>
#include "testutil.h"
#include "rules/rules.h"

static uint32_t rgb(double r, double g, double b)
{
	return (uint32_t)lround(CLAMP(r, 0, 255)) << 24 | (uint32_t)lround(CLAMP(g, 0, 255)) << 16 |
	       (uint32_t)lround(CLAMP(b, 0, 255)) << 8 | 0xffu;
}

static uint32_t mix(uint32_t a, uint32_t b, double t)
{
	return rgb((a >> 24) * (1 - t) + (b >> 24) * t,
	           ((a >> 16) & 255) * (1 - t) + ((b >> 16) & 255) * t,
	           ((a >> 8) & 255) * (1 - t) + ((b >> 8) & 255) * t);
}

/* Deterministic noise in [-amp, amp] per channel (xorshift). */
static void add_noise(al_image *img, int amp)
{
	uint32_t s = 2463534242u;
	for (int i = 0; i < img->width * img->height; i++)
		for (int c = 0; c < 3; c++) {
			s ^= s << 13;
			s ^= s >> 17;
			s ^= s << 5;
			int v = img->rgba[i * 4 + c] + (int)(s % (2u * amp + 1)) - amp;
			img->rgba[i * 4 + c] = (uint8_t)CLAMP(v, 0, 255);
		}
}

static void test_linear_background(void **state)
{
	(void)state;
	al_image *img = tu_image_new(255, 115, 0);
	for (int x = 0; x < 255; x++)
		tu_fill(img, x, 0, 1, 115, mix(0x2060c0ff, 0x60c0a0ff, x / 254.0));
	tu_disc(img, 127, 57, 30, 0xff8020ff);
	tu_run run;
	int n = tu_check(&run, &al_rule_gradient, img, AL_ROLE_WIDE, NULL);
	assert_true(n >= 1);
	const al_finding *f = tu_finding(&run, 0);
	assert_int_equal(f->severity, AL_SEV_ERROR);
	assert_true(f->has_region);
	/* the background spans the whole width */
	assert_true(f->region.x <= 2 && f->region.w >= 250);
	assert_true(f->measured >= 30);
	assert_non_null(strstr(f->message, "background"));
	tu_run_clear(&run);
	tu_image_free(img);
}

static void test_hero_is_warning(void **state)
{
	(void)state;
	al_image *img = tu_image_new(815, 290, 0);
	for (int y = 0; y < 290; y++)
		tu_fill(img, 0, y, 815, 1, mix(0x103070ff, 0x4080d0ff, y / 289.0));
	tu_run run;
	int n = tu_check(&run, &al_rule_gradient, img, AL_ROLE_HERO, NULL);
	assert_int_equal(n, 1);
	assert_int_equal(tu_finding(&run, 0)->severity, AL_SEV_WARNING);
	tu_run_clear(&run);
	tu_image_free(img);
}

static void test_radial_mark(void **state)
{
	(void)state;
	al_image *img = tu_image_new(115, 115, 0x404850ff);
	for (int y = 0; y < 115; y++)
		for (int x = 0; x < 115; x++) {
			double d = hypot(x + 0.5 - 57.5, y + 0.5 - 57.5);
			if (d <= 40)
				tu_set(img, x, y, mix(0xffd080ff, 0xc04020ff, d / 40.0));
		}
	tu_run run;
	int n = tu_check(&run, &al_rule_gradient, img, AL_ROLE_LARGE, NULL);
	assert_int_equal(n, 1);
	const al_finding *f = tu_finding(&run, 0);
	assert_non_null(strstr(f->message, "mark"));
	assert_true(f->region.x >= 15 && f->region.x <= 22);
	assert_true(f->region.w >= 70 && f->region.w <= 82);
	tu_run_clear(&run);
	tu_image_free(img);
}

static void test_flat_aa_not(void **state)
{
	(void)state;
	al_image *img = tu_image_new(115, 115, 0x3060a0ff);
	tu_disc(img, 57, 57, 35, 0xff8020ff);
	tu_disc(img, 57, 57, 15, 0xffffffff);
	tu_disc(img, 90, 25, 9.5, 0x20c060ff);
	tu_run run;
	assert_int_equal(tu_check(&run, &al_rule_gradient, img, AL_ROLE_LARGE, NULL), 0);
	tu_run_clear(&run);
	tu_image_free(img);
}

static void test_jpeg_noise_not(void **state)
{
	(void)state;
	al_image *img = tu_image_new(255, 115, 0x3060a0ff);
	tu_fill(img, 60, 20, 130, 75, 0xf0c030ff);
	tu_disc(img, 125, 57, 25, 0x903010ff);
	add_noise(img, 3);
	tu_run run;
	assert_int_equal(tu_check(&run, &al_rule_gradient, img, AL_ROLE_WIDE, NULL), 0);
	tu_run_clear(&run);
	tu_image_free(img);
}

static void test_soft_edge_and_shadow_not(void **state)
{
	(void)state;
	al_image *img = tu_image_new(115, 115, 0xe0e4f0ff);
	/* a 4-px drop shadow fading from the background to grey, down-right */
	for (int k = 4; k >= 1; k--)
		tu_fill(img, 30 + k, 30 + k, 55, 55, mix(0xe0e4f0ff, 0x707480ff, 1.0 - (k - 1) / 4.0));
	/* the mark with a 1-px soft edge */
	tu_fill(img, 29, 29, 57, 57, mix(0xe0e4f0ff, 0x2040c0ff, 0.5));
	tu_fill(img, 30, 30, 55, 55, 0x2040c0ff);
	tu_run run;
	assert_int_equal(tu_check(&run, &al_rule_gradient, img, AL_ROLE_LARGE, NULL), 0);
	tu_run_clear(&run);
	tu_image_free(img);
}

/* A ring outline 2*hw px wide, drawn with a 4x4-supersampled anti-aliased rim,
 * in a colour from @inner (top) to @outer (bottom) or flat when equal. */
static void ring(al_image *img, double cx, double cy, double r, double hw, uint32_t top,
                 uint32_t bottom)
{
	for (int y = 0; y < img->height; y++)
		for (int x = 0; x < img->width; x++) {
			int hits = 0;
			for (int j = 0; j < 4; j++)
				for (int i = 0; i < 4; i++) {
					double d = hypot(x + (i + 0.5) / 4 - cx, y + (j + 0.5) / 4 - cy);
					hits += d >= r - hw && d <= r + hw;
				}
			if (!hits)
				continue;
			double t = CLAMP((y + 0.5 - (cy - r)) / (2 * r), 0.0, 1.0);
			uint32_t c = mix(top, bottom, t);
			uint8_t *p = img->rgba + ((size_t)y * img->width + x) * 4;
			double a = hits / 16.0;
			for (int k = 0; k < 3; k++)
				p[k] = (uint8_t)lround(p[k] * (1 - a) + ((c >> (24 - 8 * k)) & 255) * a);
		}
}

static void test_gradient_stroke(void **state)
{
	(void)state;
	al_image *img = tu_image_new(90, 90, 0xf2f0eaff);
	ring(img, 45, 45, 30, 2.5, 0x30d0e0ff, 0xc02060ff);
	tu_run run;
	assert_int_equal(tu_check(&run, &al_rule_gradient, img, AL_ROLE_MEDIUM, NULL), 1);
	const al_finding *f = tu_finding(&run, 0);
	assert_non_null(strstr(f->message, "mark"));
	assert_true(f->region.h >= 50);
	tu_run_clear(&run);
	tu_image_free(img);
}

static void test_flat_outline_not(void **state)
{
	(void)state;
	/* the same ring in one colour: its soft rim is blends, not a drift */
	al_image *img = tu_image_new(90, 90, 0xf2f0eaff);
	ring(img, 45, 45, 30, 2.5, 0xc02060ff, 0xc02060ff);
	ring(img, 45, 45, 12, 1.5, 0x3050c0ff, 0x3050c0ff);
	tu_run run;
	assert_int_equal(tu_check(&run, &al_rule_gradient, img, AL_ROLE_MEDIUM, NULL), 0);
	tu_run_clear(&run);
	tu_image_free(img);
}

static void test_threshold_from_config(void **state)
{
	(void)state;
	/* a gentle gradient (span about 10) passes by default, fails at 5 */
	al_image *img = tu_image_new(90, 90, 0);
	for (int x = 0; x < 90; x++)
		tu_fill(img, x, 0, 1, 90, mix(0x506070ff, 0x5a6e80ff, x / 89.0));
	tu_run run;
	assert_int_equal(tu_check(&run, &al_rule_gradient, img, AL_ROLE_MEDIUM, NULL), 0);
	tu_run_clear(&run);
	al_options *o = al_options_new();
	char *err = NULL;
	assert_int_equal(al_options_set_threshold(o, "gradient.min_span", 4, &err), AL_OK);
	assert_int_equal(tu_check(&run, &al_rule_gradient, img, AL_ROLE_MEDIUM, o), 1);
	tu_run_clear(&run);
	tu_image_free(img);
}

/* Colour of a pixel at height @y of the 115-px image (ramp from teal at
 * the top of the ring to pink at its bottom) or of a whole disc centred at
 * @y (flat tones). */
typedef uint32_t (*ring_colour)(double y);

static uint32_t ramp_by_y(double y)
{
	return mix(0x02997fff, 0xdc92b2ff, CLAMP((y - 11.0) / 93.0, 0.0, 1.0));
}

/* the same two colours, flat: top half teal, bottom half pink */
static uint32_t two_tones(double y)
{
	return y < 57.5 ? 0x02997fff : 0xdc92b2ff;
}

/* five flat tones of the ramp in order */
static uint32_t five_steps(double y)
{
	return mix(0x02997fff, 0xdc92b2ff, floor((y - 17.5) / 80.0 * 4.999) / 4.0);
}

/* A ring of @k discs of radius @r around the centre of a 115x115 image on
 * off-white, like a ring of stars.  With @per_pixel each pixel takes
 * @col of its own height (one gradient fill over the whole mark), else
 * each disc is flat in @col of its centre.  Rims are 4x4 supersampled. */
static al_image *disc_ring(int k, double r, ring_colour col, bool per_pixel)
{
	al_image *img = tu_image_new(115, 115, 0xfafafaff);
	for (int i = 0; i < k; i++) {
		double a = 2 * G_PI * i / k;
		double cx = 57.5 + 40 * sin(a), cy = 57.5 - 40 * cos(a);
		for (int y = (int)(cy - r) - 1; y <= (int)(cy + r) + 1; y++)
			for (int x = (int)(cx - r) - 1; x <= (int)(cx + r) + 1; x++) {
				int hits = 0;
				for (int j = 0; j < 4; j++)
					for (int m = 0; m < 4; m++)
						hits += hypot(x + (m + 0.5) / 4 - cx,
						              y + (j + 0.5) / 4 - cy) <= r;
				if (!hits)
					continue;
				uint32_t c = col(per_pixel ? y + 0.5 : cy);
				uint8_t *p = img->rgba + ((size_t)y * img->width + x) * 4;
				double cov = hits / 16.0;
				for (int ch = 0; ch < 3; ch++)
					p[ch] = (uint8_t)lround(p[ch] * (1 - cov) +
					                        ((c >> (24 - 8 * ch)) & 255) * cov);
			}
	}
	return img;
}

static void test_ramp_over_separate_pieces(void **state)
{
	(void)state;
	/* twelve small discs, a ring of stars, under one gradient fill: each
	 * disc holds a short piece of the ramp, too small to be a region */
	al_image *img = disc_ring(12, 6.5, ramp_by_y, true);
	tu_run run;
	assert_int_equal(tu_check(&run, &al_rule_gradient, img, AL_ROLE_LARGE, NULL), 1);
	assert_non_null(strstr(tu_finding(&run, 0)->message, "across the mark"));
	tu_run_clear(&run);
	/* the whole-mark test is what finds it */
	al_options *o = al_options_new();
	char *err = NULL;
	assert_int_equal(al_options_set_threshold(o, "gradient.mark_fit", 1, &err), AL_OK);
	assert_int_equal(al_options_set_threshold(o, "gradient.mark_piece_fit", 1, &err), AL_OK);
	assert_int_equal(tu_check(&run, &al_rule_gradient, img, AL_ROLE_LARGE, o), 0);
	tu_run_clear(&run);
	tu_image_free(img);
}

static void test_flat_pieces_not(void **state)
{
	(void)state;
	/* two flat colours split top and bottom: a linear fit explains much,
	 * but the colours pile up at two ends */
	al_image *img = disc_ring(12, 6.5, two_tones, false);
	tu_run run;
	assert_int_equal(tu_check(&run, &al_rule_gradient, img, AL_ROLE_LARGE, NULL), 0);
	tu_run_clear(&run);
	tu_image_free(img);
	/* five flat tones in order spread over the span like a ramp, but
	 * neighbours inside each disc are equal (no drift), and inside each
	 * disc the ramp explains nothing: either test alone rejects them */
	img = disc_ring(12, 6.5, five_steps, false);
	assert_int_equal(tu_check(&run, &al_rule_gradient, img, AL_ROLE_LARGE, NULL), 0);
	tu_run_clear(&run);
	char *err = NULL;
	for (int off = 0; off < 3; off++) {
		al_options *o = al_options_new();
		if (off & 1)
			assert_int_equal(al_options_set_threshold(o, "gradient.mark_continuity", 0, &err),
			                 AL_OK);
		if (off & 2)
			assert_int_equal(al_options_set_threshold(o, "gradient.mark_within", -1, &err),
			                 AL_OK);
		assert_int_equal(tu_check(&run, &al_rule_gradient, img, AL_ROLE_LARGE, o), 0);
		tu_run_clear(&run);
	}
	al_options *o = al_options_new();
	assert_int_equal(al_options_set_threshold(o, "gradient.mark_continuity", 0, &err), AL_OK);
	assert_int_equal(al_options_set_threshold(o, "gradient.mark_within", -1, &err), AL_OK);
	assert_int_equal(tu_check(&run, &al_rule_gradient, img, AL_ROLE_LARGE, o), 1);
	tu_run_clear(&run);
	tu_image_free(img);
}

static void test_thin_gradient_outline_small(void **state)
{
	(void)state;
	/* a 40x40 logo: a 1.6-px ring outline drifting from purple to pink */
	al_image *img = tu_image_new(40, 40, 0xffffffff);
	ring(img, 20, 20, 14, 0.8, 0x7632dcff, 0xb96770ff);
	tu_run run;
	assert_int_equal(tu_check(&run, &al_rule_gradient, img, AL_ROLE_SMALL, NULL), 1);
	tu_run_clear(&run);
	/* flat, it is fine */
	tu_fill(img, 0, 0, 40, 40, 0xffffffff);
	ring(img, 20, 20, 14, 0.8, 0x7632dcff, 0x7632dcff);
	assert_int_equal(tu_check(&run, &al_rule_gradient, img, AL_ROLE_SMALL, NULL), 0);
	tu_run_clear(&run);
	tu_image_free(img);
}

static void test_steep_radial_small(void **state)
{
	(void)state;
	/* a 40x40 emoji-like face on transparency: a radial fill from yellow
	 * to orange-red over 15 px (about 4 CIE76 per pixel, more than
	 * `step`), with two dark eyes; each pixel lies between its
	 * neighbours like an anti-aliased one, but the ramp goes on */
	al_image *img = tu_image_new(40, 40, 0);
	for (int y = 0; y < 40; y++)
		for (int x = 0; x < 40; x++) {
			double d = hypot(x + 0.5 - 20, y + 0.5 - 20);
			if (d <= 15)
				tu_set(img, x, y, mix(0xffd54fff, 0xf4511eff, d / 15.0));
		}
	tu_disc(img, 15, 16, 2, 0x3e2723ff);
	tu_disc(img, 25, 16, 2, 0x3e2723ff);
	tu_run run;
	assert_int_equal(tu_check(&run, &al_rule_gradient, img, AL_ROLE_SMALL, NULL), 1);
	tu_run_clear(&run);
	/* the same face in one flat colour passes */
	tu_disc(img, 20, 20, 15, 0xf9a825ff);
	tu_disc(img, 15, 16, 2, 0x3e2723ff);
	tu_disc(img, 25, 16, 2, 0x3e2723ff);
	assert_int_equal(tu_check(&run, &al_rule_gradient, img, AL_ROLE_SMALL, NULL), 0);
	tu_run_clear(&run);
	tu_image_free(img);
}

static void test_glow_over_flat_background(void **state)
{
	(void)state;
	/* a hero on flat teal with a soft light glow at the left, partly
	 * covered by flat boxes: most of the background is one flat colour,
	 * so the whole region piles up; its drifting part is the glow */
	al_image *img = tu_image_new(815, 290, 0x038cb9ff);
	for (int y = 0; y < 290; y++)
		for (int x = 0; x < 400; x++) {
			double d = hypot(x - 180.0, y - 90.0) / 150.0;
			if (d < 1)
				tu_set(img, x, y, mix(0x038cb9ff, 0xbfe6f2ff, (1 - d) * (1 - d)));
		}
	for (int k = 0; k < 4; k++)
		tu_fill(img, 90 + 70 * k, 120 + 20 * (k % 2), 50, 50, 0x9b59b6ff);
	tu_run run;
	assert_true(tu_check(&run, &al_rule_gradient, img, AL_ROLE_HERO, NULL) >= 1);
	const al_finding *f = tu_finding(&run, 0);
	assert_int_equal(f->severity, AL_SEV_WARNING);
	assert_non_null(strstr(f->message, "background"));
	/* the box is the glow's, not the whole background's */
	assert_true(f->region.x >= 20 && f->region.x + f->region.w <= 340);
	tu_run_clear(&run);
	tu_image_free(img);
}

/* Paints a 115x115 mark of flat facets: the square split by its two
 * diagonals into four triangles of @c[0..3], rims 4x4 supersampled. */
static void facets(al_image *img, const uint32_t c[4])
{
	for (int y = 0; y < 115; y++)
		for (int x = 0; x < 115; x++) {
			double acc[3] = { 0, 0, 0 };
			for (int j = 0; j < 4; j++)
				for (int i = 0; i < 4; i++) {
					double u = x + (i + 0.5) / 4 - 57.5, v = y + (j + 0.5) / 4 - 57.5;
					int k = fabs(u) > fabs(v) ? (u > 0 ? 1 : 3) : (v > 0 ? 2 : 0);
					for (int ch = 0; ch < 3; ch++)
						acc[ch] += ((c[k] >> (24 - 8 * ch)) & 255) / 16.0;
				}
			tu_set(img, x, y, rgb(acc[0], acc[1], acc[2]));
		}
}

static void test_flat_tones_side_by_side_not(void **state)
{
	(void)state;
	/* four flat blues 5 to 10 CIE76 apart, like a faceted gem or a
	 * cloud in shades: the regions join across the soft seams, but the
	 * colours pile up in four tones */
	al_image *img = tu_image_new(115, 115, 0);
	const uint32_t blues[4] = { 0x2b8fcfff, 0x3d9edcff, 0x57bbfbff, 0x4aa6e6ff };
	facets(img, blues);
	tu_run run;
	assert_int_equal(tu_check(&run, &al_rule_gradient, img, AL_ROLE_LARGE, NULL), 0);
	tu_run_clear(&run);
	tu_image_free(img);
}

/* Three bars on dark purple under one horizontal fill from yellow to
 * olive, like the pieces of a shield, with a flat bright word block in
 * the lower part (1400 px against 3300 px of bars). */
static al_image *shield_and_word(bool flat_bars)
{
	al_image *img = tu_image_new(115, 115, 0x460562ff);
	for (int k = 0; k < 3; k++)
		for (int y = 12; y < 68; y++)
			for (int x = 15 + 30 * k; x < 35 + 30 * k; x++)
				tu_set(img, x, y, mix(0xd4d400ff, 0x808000ff,
				                      (flat_bars ? 25 + 30 * k : x) / 100.0));
	tu_fill(img, 30, 78, 70, 20, 0xf0e040ff);
	return img;
}

static void test_ramp_beside_flat_word(void **state)
{
	(void)state;
	/* each bar holds a quarter of the ramp, below min_span; over the
	 * whole mark the word spoils the fit until it is left out */
	al_image *img = shield_and_word(false);
	tu_run run;
	assert_int_equal(tu_check(&run, &al_rule_gradient, img, AL_ROLE_LARGE, NULL), 1);
	assert_non_null(strstr(tu_finding(&run, 0)->message, "across the mark"));
	tu_run_clear(&run);
	al_options *o = al_options_new();
	char *err = NULL;
	assert_int_equal(al_options_set_threshold(o, "gradient.mark_trim", 0, &err), AL_OK);
	assert_int_equal(al_options_set_threshold(o, "gradient.mark_piece_fit", 1, &err), AL_OK);
	/* the shield's bars, a group apart from the word's, hold the ramp */
	assert_int_equal(al_options_set_threshold(o, "gradient.mark_group_gap", 0, &err), AL_OK);
	assert_int_equal(tu_check(&run, &al_rule_gradient, img, AL_ROLE_LARGE, o), 0);
	tu_run_clear(&run);
	tu_image_free(img);
	/* the bars flat, in three tones of the ramp: once the word is left
	 * out, a ramp through the bars explains none of the colour inside
	 * them */
	img = shield_and_word(true);
	assert_int_equal(tu_check(&run, &al_rule_gradient, img, AL_ROLE_LARGE, NULL), 0);
	tu_run_clear(&run);
	o = al_options_new();
	assert_int_equal(al_options_set_threshold(o, "gradient.mark_within", -1, &err), AL_OK);
	assert_int_equal(al_options_set_threshold(o, "gradient.mark_continuity", 0, &err), AL_OK);
	assert_int_equal(tu_check(&run, &al_rule_gradient, img, AL_ROLE_LARGE, o), 1);
	tu_run_clear(&run);
	tu_image_free(img);
}

static void test_two_gradients_in_one_mark(void **state)
{
	(void)state;
	/* a 40x40 logo on transparency: a flat tan folder, and on it two
	 * triangles, one blue drifting left to right, one red drifting top
	 * to bottom; no single ramp fits the mark, each triangle is one */
	al_image *img = tu_image_new(40, 40, 0);
	tu_fill(img, 4, 8, 32, 26, 0xc49a58ff);
	for (int y = 12; y < 32; y++)
		for (int x = 6; x < 34; x++) {
			int d = y - 12;
			if (x >= 19 - d / 2 && x < 19)
				tu_set(img, x, y, mix(0x101070ff, 0xa0a0ffff, (x - 9) / 10.0));
			else if (x >= 21 && x < 21 + d / 2 + 1)
				tu_set(img, x, y, mix(0xffc0c0ff, 0x700000ff, (x - 21) / 10.0));
		}
	tu_run run;
	assert_int_equal(tu_check(&run, &al_rule_gradient, img, AL_ROLE_SMALL, NULL), 1);
	/* the box is one triangle's */
	assert_true(tu_finding(&run, 0)->region.w <= 16);
	tu_run_clear(&run);
	al_options *o = al_options_new();
	char *err = NULL;
	assert_int_equal(al_options_set_threshold(o, "gradient.mark_pieces", 0, &err), AL_OK);
	assert_int_equal(al_options_set_threshold(o, "gradient.mark_piece_fit", 1, &err), AL_OK);
	assert_int_equal(tu_check(&run, &al_rule_gradient, img, AL_ROLE_SMALL, o), 0);
	tu_run_clear(&run);
	tu_image_free(img);
}

static void test_texture_not(void **state)
{
	(void)state;
	/* a photo-like grain (+-14 per channel around a mid grey-green) over
	 * a large card: the 3x3 blur joins it into one region whose colours
	 * spread without piling up, but they jump back and forth between
	 * neighbours, which a gradient does not */
	al_image *img = tu_image_new(255, 115, 0x2a3040ff);
	tu_fill(img, 20, 10, 215, 95, 0x708070ff);
	uint32_t s = 88172645u;
	for (int y = 10; y < 105; y++)
		for (int x = 20; x < 235; x++) {
			uint8_t *p = img->rgba + ((size_t)y * 255 + x) * 4;
			for (int c = 0; c < 3; c++) {
				s ^= s << 13;
				s ^= s >> 17;
				s ^= s << 5;
				p[c] = (uint8_t)(p[c] + (int)(s % 29u) - 14);
			}
		}
	tu_run run;
	assert_int_equal(tu_check(&run, &al_rule_gradient, img, AL_ROLE_WIDE, NULL), 0);
	tu_run_clear(&run);
	al_options *o = al_options_new();
	char *err = NULL;
	assert_int_equal(al_options_set_threshold(o, "gradient.max_rough", 20, &err), AL_OK);
	/* the noise test, off here, also averages the grain away */
	assert_int_equal(al_options_set_threshold(o, "gradient.noise_radius", 0, &err), AL_OK);
	assert_int_equal(al_options_set_threshold(o, "gradient.max_incoherence", 10, &err), AL_OK);
	assert_true(tu_check(&run, &al_rule_gradient, img, AL_ROLE_WIDE, o) >= 1);
	tu_run_clear(&run);
	tu_image_free(img);
}

/* Four separate shards on flat navy, like the facets of a brand mark,
 * each filled with its own horizontal gradient from @a to @b (or, with
 * @halves, flat @a on its left half and flat @b on its right), and a flat
 * white word block below. */
static al_image *shards(uint32_t a, uint32_t b, bool halves)
{
	al_image *img = tu_image_new(115, 115, 0x1b2a4eff);
	for (int k = 0; k < 4; k++) {
		int x0 = 8 + 26 * k, w = 20;
		for (int y = 10; y < 70; y++)
			for (int x = x0; x < x0 + w; x++) {
				double t = (x - x0) / (double)(w - 1);
				tu_set(img, x, y, halves ? (t < 0.5 ? a : b) : mix(a, b, t));
			}
	}
	tu_fill(img, 20, 82, 75, 18, 0xffffffffu);
	return img;
}

static void test_shards_each_with_a_gradient(void **state)
{
	(void)state;
	/* each shard drifts by about 9 CIE76, below min_span, and one ramp
	 * over the mark fits none of them (it saws up and down); but every
	 * shard holds a smooth linear ramp of its own */
	al_image *img = shards(0xd23c3cff, 0xe65a50ff, false);
	tu_run run;
	assert_int_equal(tu_check(&run, &al_rule_gradient, img, AL_ROLE_LARGE, NULL), 1);
	const al_finding *f = tu_finding(&run, 0);
	assert_non_null(strstr(f->message, "inside the pieces"));
	assert_true(f->measured >= 6 && f->measured < 12);
	/* the box holds the shards, not the word */
	assert_true(f->region.y >= 8 && f->region.y + f->region.h <= 72);
	tu_run_clear(&run);
	al_options *o = al_options_new();
	char *err = NULL;
	assert_int_equal(al_options_set_threshold(o, "gradient.mark_piece_span", 12, &err), AL_OK);
	assert_int_equal(tu_check(&run, &al_rule_gradient, img, AL_ROLE_LARGE, o), 0);
	tu_run_clear(&run);
	o = al_options_new();
	assert_int_equal(al_options_set_threshold(o, "gradient.mark_piece_fit", 1, &err), AL_OK);
	assert_int_equal(tu_check(&run, &al_rule_gradient, img, AL_ROLE_LARGE, o), 0);
	tu_run_clear(&run);
	tu_image_free(img);
	/* the same two colours as flat halves 9 apart, joined inside each
	 * shard: a ramp explains much of each, but the neighbours are equal */
	img = shards(0xd23c3cff, 0xe65a50ff, true);
	assert_int_equal(tu_check(&run, &al_rule_gradient, img, AL_ROLE_LARGE, NULL), 0);
	tu_run_clear(&run);
	tu_image_free(img);
	/* flat shards */
	img = shards(0xd23c3cff, 0xd23c3cff, false);
	assert_int_equal(tu_check(&run, &al_rule_gradient, img, AL_ROLE_LARGE, NULL), 0);
	tu_run_clear(&run);
	tu_image_free(img);
}

static void test_ramp_across_thin_bars(void **state)
{
	(void)state;
	/* seven bars 5 px wide of a bar chart under one horizontal fill from
	 * pink to orange, beside a flat green word of five letters, each
	 * larger than a bar: too many flat pieces to leave out one by one,
	 * but the bars each hold their piece of the one ramp */
	al_image *img = tu_image_new(255, 115, 0);
	for (int k = 0; k < 7; k++) {
		int x0 = 14 + 11 * k, top = 70 - 6 * k;
		for (int y = top; y < 77; y++)
			for (int x = x0; x < x0 + 5; x++)
				tu_set(img, x, y, mix(0xff69b4ff, 0xd2691eff, (x - 14) / 75.0));
	}
	for (int k = 0; k < 5; k++)
		tu_fill(img, 118 + 22 * k, 42, 16, 28, 0x16a34aff);
	tu_run run;
	assert_int_equal(tu_check(&run, &al_rule_gradient, img, AL_ROLE_WIDE, NULL), 1);
	const al_finding *f = tu_finding(&run, 0);
	assert_non_null(strstr(f->message, "across the mark"));
	assert_true(f->measured >= 30);
	assert_true(f->region.x + f->region.w <= 100);
	tu_run_clear(&run);
	tu_image_free(img);
}

static void test_small_light_cone(void **state)
{
	(void)state;
	/* a narrow light cone from the top over a flat coral hero, 3 % of
	 * the image: the background's 5th to 95th percentiles span next to
	 * nothing, but its blurred colours range far; the cone is judged
	 * alone */
	al_image *img = tu_image_new(815, 290, 0xee717cff);
	for (int y = 0; y < 290; y++) {
		double half = 4 + y * 0.22, a = 0.6 * (1 - y / 290.0);
		for (int x = (int)(290 - half); x <= (int)(290 + half); x++)
			tu_set(img, x, y, mix(0xee717cff, 0xd9f8daff, a));
	}
	tu_disc(img, 250, 145, 45, 0x5ee86aff);
	tu_run run;
	assert_true(tu_check(&run, &al_rule_gradient, img, AL_ROLE_HERO, NULL) >= 1);
	const al_finding *f = tu_finding(&run, 0);
	assert_non_null(strstr(f->message, "background"));
	assert_true(f->region.x >= 200 && f->region.x + f->region.w <= 380);
	tu_run_clear(&run);
	tu_image_free(img);
}

static void test_shards_of_two_tones_not(void **state)
{
	(void)state;
	/* four cards, each two flat bands about 10 CIE76 apart joined by a
	 * soft seam of two rows: one piece each, which a ramp fits well and
	 * whose neighbours step along it at the seam, but whose colours
	 * pile up at the two ends of the fitted range */
	al_image *img = tu_image_new(115, 115, 0x5a2d0cff);
	for (int k = 0; k < 4; k++)
		for (int y = 30; y < 48; y++)
			for (int x = 6 + 27 * k; x < 28 + 27 * k; x++) {
				double t = CLAMP((y - 38.0) / 3.0, 0.0, 1.0);
				tu_set(img, x, y, mix(0xa0f0bcff, 0xc0f8d0ff, t));
			}
	tu_run run;
	assert_int_equal(tu_check(&run, &al_rule_gradient, img, AL_ROLE_LARGE, NULL), 0);
	tu_run_clear(&run);
	tu_image_free(img);
}

/* Deterministic offsets in [-amp, amp] per channel, one per @b x @b
 * block (the DC errors of JPEG blocks, chroma smear), on the pixels that
 * are not @skip. */
static void add_blocks(al_image *img, int b, int amp, uint32_t skip)
{
	uint32_t s = 88675123u;
	int bw = (img->width + b - 1) / b, bh = (img->height + b - 1) / b;
	int *off = g_new(int, (size_t)bw * bh * 3);
	for (int i = 0; i < bw * bh * 3; i++) {
		s ^= s << 13;
		s ^= s >> 17;
		s ^= s << 5;
		off[i] = (int)(s % (2u * amp + 1)) - amp;
	}
	for (int y = 0; y < img->height; y++)
		for (int x = 0; x < img->width; x++) {
			uint8_t *p = img->rgba + ((size_t)y * img->width + x) * 4;
			uint32_t v = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | 0xffu;
			if (v == skip)
				continue;
			const int *o = off + ((size_t)(y / b) * bw + x / b) * 3;
			for (int c = 0; c < 3; c++)
				p[c] = (uint8_t)CLAMP(p[c] + o[c], 0, 255);
		}
	g_free(off);
}

static al_options *noise_test_off(void)
{
	al_options *o = al_options_new();
	char *err = NULL;
	assert_int_equal(al_options_set_threshold(o, "gradient.noise_radius", 0, &err), AL_OK);
	assert_int_equal(al_options_set_threshold(o, "gradient.edge_margin", 0, &err), AL_OK);
	assert_int_equal(al_options_set_threshold(o, "gradient.max_incoherence", 10, &err), AL_OK);
	return o;
}

/* A flat disc saved as a low-quality JPEG: its colour wanders from block
 * to block and pixel to pixel over a span above min_span, with no piles.
 * The noise test averages it out (and finds it incoherent); without the
 * noise test the region test takes it for a gradient. */
static void test_jpeg_blocks_not(void **state)
{
	(void)state;
	al_image *img = tu_image_new(115, 115, 0xffffffff);
	tu_disc(img, 57, 57, 34, 0x7a3cc8ff);
	add_blocks(img, 3, 8, 0xffffffff);
	add_noise(img, 3);
	tu_run run;
	assert_int_equal(tu_check(&run, &al_rule_gradient, img, AL_ROLE_LARGE, NULL), 0);
	tu_run_clear(&run);
	al_options *o = noise_test_off();
	assert_true(tu_check(&run, &al_rule_gradient, img, AL_ROLE_LARGE, o) >= 1);
	tu_run_clear(&run);
	tu_image_free(img);
}

/* @img saved as a JPEG of @quality (libjpeg's defaults: 4:2:0 chroma)
 * and decoded again as assetlint decodes it; *info gets its header. */
static al_image *jpeg_roundtrip(const al_image *img, int quality, al_info *info)
{
	struct jpeg_compress_struct ci;
	struct jpeg_error_mgr jerr;
	unsigned char *mem = NULL;
	unsigned long size = 0;
	uint8_t *row = g_malloc((size_t)img->width * 3);
	ci.err = jpeg_std_error(&jerr);
	jpeg_create_compress(&ci);
	jpeg_mem_dest(&ci, &mem, &size);
	ci.image_width = (JDIMENSION)img->width;
	ci.image_height = (JDIMENSION)img->height;
	ci.input_components = 3;
	ci.in_color_space = JCS_RGB;
	jpeg_set_defaults(&ci);
	jpeg_set_quality(&ci, quality, TRUE);
	jpeg_start_compress(&ci, TRUE);
	while (ci.next_scanline < ci.image_height) {
		const uint8_t *p = img->rgba + (size_t)ci.next_scanline * img->width * 4;
		for (int x = 0; x < img->width; x++)
			memcpy(row + (size_t)x * 3, p + (size_t)x * 4, 3);
		JSAMPROW rp = row;
		jpeg_write_scanlines(&ci, &rp, 1);
	}
	jpeg_finish_compress(&ci);
	jpeg_destroy_compress(&ci);
	g_free(row);
	char why[256];
	memset(info, 0, sizeof *info);
	assert_int_equal(al_probe(mem, size, info, why, sizeof why), AL_OK);
	assert_int_equal(info->format, AL_FMT_JPEG);
	al_image *out = g_new0(al_image, 1);
	assert_int_equal(al_decode(mem, size, info, out, why, sizeof why), AL_OK);
	free(mem);
	return out;
}

static int jpeg_findings(const al_image *img, int quality, al_role role, al_options *o)
{
	al_info info;
	al_image *j = jpeg_roundtrip(img, quality, &info);
	tu_run run;
	int n = tu_check_as(&run, &al_rule_gradient, j, role, o, &info);
	tu_run_clear(&run);
	tu_image_free(j);
	return n;
}

/* Gradients saved as JPEG, at qualities from 35 to 85: a background ramp
 * behind a flat mark, and a mark filled with a ramp (ringing and chroma
 * bleeding along the edges must not hide them). */
static void test_jpeg_gradients(void **state)
{
	(void)state;
	for (int q = 35; q <= 85; q += 25) {
		al_image *bg = tu_image_new(255, 115, 0);
		for (int x = 0; x < 255; x++)
			tu_fill(bg, x, 0, 1, 115, mix(0x2040a0ff, 0x40c0e0ff, x / 254.0));
		tu_fill(bg, 100, 35, 55, 45, 0xffffffff);
		assert_true(jpeg_findings(bg, q, AL_ROLE_WIDE, NULL) >= 1);
		tu_image_free(bg);

		al_image *mk = tu_image_new(115, 115, 0xffffffff);
		for (int y = 12; y < 103; y++)
			for (int x = 12; x < 103; x++)
				if (hypot(x + 0.5 - 57.5, y + 0.5 - 57.5) < 45)
					tu_set(mk, x, y, mix(0xe04080ff, 0xf0b030ff, (y - 12) / 90.0));
		assert_true(jpeg_findings(mk, q, AL_ROLE_LARGE, NULL) >= 1);
		tu_image_free(mk);
	}
}


/* Six bars 4 px wide of a bar chart on a dark green 115 px logo, under
 * one radial fill from green to violet, saved as JPEG at quality 35.  Its
 * noise and block steps part the bars' neighbouring pixels by more than
 * blend_de (8), so that pieces joined at that step are specks of a few
 * px, in which the ramp inside the pieces (mark_within) finds nothing;
 * joined at jpeg_piece_step (10) the bars hold their part of the fill. */
static void test_jpeg_bars_join(void **state)
{
	(void)state;
	al_image *img = tu_image_new(115, 115, 0x154a09ff);
	for (int k = 0; k < 6; k++) {
		int x0 = 13 + k * 8, top = (int)(115 * (0.55 - 0.06 * k));
		for (int y = top; y < 97; y++)
			for (int x = x0; x < x0 + 4; x++)
				tu_set(img, x, y, mix(0x26d816ff, 0x7319baff,
				                      CLAMP(hypot(x - 57.5, y - 23) / 69.0, 0, 1)));
	}
	assert_true(jpeg_findings(img, 35, AL_ROLE_LARGE, NULL) >= 1);
	char *err = NULL;
	al_options *o = al_options_new();
	assert_int_equal(al_options_set_threshold(o, "gradient.jpeg_piece_step", 8, &err), AL_OK);
	assert_int_equal(jpeg_findings(img, 35, AL_ROLE_LARGE, o), 0);
	tu_image_free(img);
}

/* Small flat marks on 40 px logos saved as JPEG (libjpeg, 4:2:0): a disc
 * and a bar on a disc, a disc beside a square, a bar and a disc on a
 * disc.  Each shape is a piece of a few dozen pixels, within two or three
 * coding blocks; its chroma bleeds from its neighbours and ringing moves
 * its lightness by a few units, so its colours fit a ramp with a
 * lightness change above jpeg_piece_dl (3).  Under two blocks' worth of
 * pixels a piece must change in lightness by jpeg_small_dl (8); with
 * that turned off (0, the test before it) these flat marks are taken
 * for gradients. */
static void test_jpeg_small_pieces_not(void **state)
{
	(void)state;
	static const struct {
		int kind, quality;
		uint32_t c[4];
	} cases[] = {
		{ 1, 35, { 0xe8d664ff, 0xad008eff, 0x25c254ff, 0x878a13ff } },
		{ 0, 65, { 0xbfa7e1ff, 0x317329ff, 0xdd1afeff, 0xdab06aff } },
		{ 3, 35, { 0x39ded8ff, 0xb81b4cff, 0xe0da0dff, 0x8f18e3ff } },
	};
	for (size_t k = 0; k < G_N_ELEMENTS(cases); k++) {
		const uint32_t *c = cases[k].c;
		al_image *img = tu_image_new(40, 40, c[0]);
		if (cases[k].kind == 0) {
			tu_disc(img, 13, 20, 7, c[1]);
			tu_fill(img, 23, 14, 11, 12, c[2]);
		} else if (cases[k].kind == 1) {
			tu_disc(img, 20, 20, 16, c[3]);
			tu_disc(img, 14, 18, 5, c[1]);
			tu_fill(img, 22, 13, 7, 14, c[2]);
		} else {
			tu_disc(img, 20, 20, 16, c[3]);
			tu_fill(img, 12, 10, 5, 20, c[1]);
			tu_disc(img, 26, 22, 6, c[2]);
		}
		assert_int_equal(jpeg_findings(img, cases[k].quality, AL_ROLE_SMALL, NULL), 0);
		al_options *o = al_options_new();
		char *err = NULL;
		assert_int_equal(al_options_set_threshold(o, "gradient.jpeg_small_dl", 0, &err),
		                 AL_OK);
		assert_true(jpeg_findings(img, cases[k].quality, AL_ROLE_SMALL, o) >= 1);
		tu_image_free(img);
	}
}


/* Pixel (@x, @y) of a flat arrow (one colour, @fg, on @bg) filling most
 * of a 115 px logo, pointing left or (@right) right: a head of 14 and a
 * shaft of 27 x 8 units of 48. */
static uint32_t arrow_px(double x, double y, bool right, uint32_t bg, uint32_t fg)
{
	double sc = 102.87 / 48, u = (x - 6.07) / sc, v = (y - 6.07) / sc;
	if (right)
		u = 48 - u;
	if (u >= 4 && u < 18 && fabs(v - 24) <= (u - 4) * 11.7 / 14)
		return fg;
	if (u >= 15 && u < 42 && v >= 20 && v < 28)
		return fg;
	return bg;
}

/* A flat indigo arrow on a flat orange logo, anti-aliased (4 x 4 samples
 * a pixel) and saved as a JPEG of quality 35: the arrow and the
 * background join in one region across the smeared rim, the arrow's
 * noisy pixels do not pile up and form a solid drifting part, smooth and
 * coherent once averaged.  But averaged, its colours sit at the two ends
 * of every channel's range with nothing in the middle: two flat tones,
 * which jpeg_drift_middle (0.1) tells from a ramp (drift_core, the flat
 * core away from its rim, tells one of the two).  With both off (0, the
 * tests before them) the arrow is taken for a gradient. */
static void test_jpeg_flat_arrow_not(void **state)
{
	(void)state;
	for (int right = 0; right < 2; right++) {
		al_image *img = tu_image_new(115, 115, 0);
		for (int y = 0; y < 115; y++)
			for (int x = 0; x < 115; x++) {
				double acc[4] = { 0, 0, 0, 0 };
				for (int sy = 0; sy < 4; sy++)
					for (int sx = 0; sx < 4; sx++) {
						uint32_t v = arrow_px(x + (sx + 0.5) / 4, y + (sy + 0.5) / 4,
						                      right, 0xf6704cff, 0x3f51b5ff);
						for (int ch = 0; ch < 4; ch++)
							acc[ch] += (v >> (24 - 8 * ch)) & 0xff;
					}
				uint32_t o = 0;
				for (int ch = 0; ch < 4; ch++)
					o |= (uint32_t)lround(acc[ch] / 16) << (24 - 8 * ch);
				tu_set(img, x, y, o);
			}
		assert_int_equal(jpeg_findings(img, 35, AL_ROLE_LARGE, NULL), 0);
		al_options *o = al_options_new();
		char *err = NULL;
		assert_int_equal(al_options_set_threshold(o, "gradient.jpeg_drift_middle", 0, &err),
		                 AL_OK);
		assert_int_equal(al_options_set_threshold(o, "gradient.drift_core", 0, &err), AL_OK);
		assert_true(jpeg_findings(img, 35, AL_ROLE_LARGE, o) >= 1);
		tu_image_free(img);
	}
}

/* The thresholds before the smooth test and the JPEG minimum. */
static al_options *smooth_test_off(void)
{
	al_options *o = al_options_new();
	char *err = NULL;
	assert_int_equal(al_options_set_threshold(o, "gradient.min_smooth", 0, &err), AL_OK);
	assert_int_equal(al_options_set_threshold(o, "gradient.jpeg_min_px", 16, &err), AL_OK);
	return o;
}

/* Four flat "d" letters (a ring and a stem) in @fg on a 90 px logo of @bg. */
static al_image *d_letters(uint32_t fg, uint32_t bg)
{
	al_image *img = tu_image_new(90, 90, bg);
	for (int k = 0; k < 4; k++) {
		double cx = 90 * (0.2 + 0.2 * k), cy = 45;
		tu_disc(img, cx, cy, 9, fg);
		tu_disc(img, cx, cy, 6.2, bg);
		tu_fill(img, (int)cx + 7, (int)cy - 12, 2, 21, fg);
	}
	return img;
}

/* Flat letters ("d" shapes: a ring and a stem) on a 90 px logo saved as
 * JPEG at qualities 35 to 95, in three colourings: ringing and chroma
 * bleeding make the counters and the gaps between the letters drift over
 * more than min_span, in regions of a few dozen judged pixels, which the
 * noise test alone took for gradients.  The smooth test (ringing is no
 * smooth surface) and the JPEG minimum of one coding block's worth of
 * judged pixels tell them from a ramp. */
static void test_jpeg_small_letters_not(void **state)
{
	(void)state;
	uint32_t bg[3] = { 0x563214ff, 0xf8f8f8ff, 0x3a0da5ff };
	uint32_t fg[3] = { 0x5a9a9aff, 0x7a3cc8ff, 0xc0b0f0ff };
	int before = 0;
	for (int v = 0; v < 3; v++) {
		al_image *img = d_letters(fg[v], bg[v]);
		for (int q = 35; q <= 95; q += 10) {
			assert_int_equal(jpeg_findings(img, q, AL_ROLE_MEDIUM, NULL), 0);
			before += jpeg_findings(img, q, AL_ROLE_MEDIUM, smooth_test_off());
		}
		tu_image_free(img);
	}
	/* without the two tests, some of them are flagged */
	assert_true(before >= 1);
}

/* The same letters saved as JPEG at quality 85 and written again as PNG
 * (an editor's round trip): the JPEG minimum does not apply, the smooth
 * test alone tells the ringing in the counters from a ramp. */
static void test_jpeg_resaved_as_png_not(void **state)
{
	(void)state;
	uint32_t bg[2] = { 0x563214ff, 0x3a0da5ff };
	uint32_t fg[2] = { 0x5a9a9aff, 0xc0b0f0ff };
	int before = 0;
	for (int v = 0; v < 2; v++) {
		al_image *img = d_letters(fg[v], bg[v]);
		al_info info;
		al_image *j = jpeg_roundtrip(img, 85, &info);
		tu_run run;
		assert_int_equal(tu_check(&run, &al_rule_gradient, j, AL_ROLE_MEDIUM, NULL), 0);
		tu_run_clear(&run);
		al_options *o = al_options_new();
		char *err = NULL;
		assert_int_equal(al_options_set_threshold(o, "gradient.min_smooth", 0, &err), AL_OK);
		before += tu_check(&run, &al_rule_gradient, j, AL_ROLE_MEDIUM, o);
		tu_run_clear(&run);
		tu_image_free(j);
		tu_image_free(img);
	}
	assert_true(before >= 1);
}

/* Bars 7 px wide, each filled with a vertical ramp, on a 90 px logo
 * saved as JPEG: every coding block the bars cross holds an edge, and a
 * bar's judged inside is thin, but the ramp is smooth and runs over many
 * blocks: still a gradient. */
static void test_jpeg_gradient_bars(void **state)
{
	(void)state;
	for (int q = 35; q <= 85; q += 25) {
		al_image *img = tu_image_new(90, 90, 0x303030ff);
		for (int k = 0; k < 5; k++)
			for (int y = 15; y < 75; y++)
				tu_fill(img, 14 + 13 * k, y, 7, 1, mix(0x40c0f0ff, 0x2040a0ff, (y - 15) / 59.0));
		assert_true(jpeg_findings(img, q, AL_ROLE_MEDIUM, NULL) >= 1);
		tu_image_free(img);
	}
}

/* Coverage of pixel [x, x+1) by seams @w px wide every @period px. */
static double seam_cover(int x, double period, double w)
{
	double cov = 0;
	for (double k = floor(x / period); k * period <= x + 1.0; k++) {
		double s0 = k * period, s1 = s0 + w;
		cov += MAX(0.0, MIN(s1, x + 1.0) - MAX(s0, (double)x));
	}
	return MIN(cov, 1.0);
}

/* A block of containers with fine dark seams (0.7 px every 2.6 px
 * across, every 3.3 px down), scaled down: each pixel mixes seam and
 * fill in its own share, so the fill's colours spread over a span above
 * min_span -- resampled detail, not a gradient (like the docker logo's
 * containers at 90 px; the pile and texture tests already pass this
 * one, it guards them). */
static void test_resampled_fine_detail_not(void **state)
{
	(void)state;
	al_image *img = tu_image_new(90, 90, 0xffffffff);
	for (int y = 25; y < 65; y++)
		for (int x = 20; x < 70; x++) {
			double cx = seam_cover(x, 2.6, 0.7), cy = seam_cover(y, 3.3, 0.7);
			tu_set(img, x, y, mix(0x2496c0ff, 0x22404cff, cx + cy - cx * cy));
		}
	tu_run run;
	assert_int_equal(tu_check(&run, &al_rule_gradient, img, AL_ROLE_MEDIUM, NULL), 0);
	tu_run_clear(&run);
	tu_image_free(img);
}

/* The noise test keeps a gentle ramp that only just spans min_span over
 * a small region (a linear ramp is its own local mean, and coherent). */
static void test_small_gentle_ramp_kept(void **state)
{
	(void)state;
	al_image *img = tu_image_new(40, 40, 0xffffffff);
	for (int x = 8; x < 32; x++)
		tu_fill(img, x, 8, 1, 24, mix(0x3070c0ff, 0x30a0c8ff, (x - 8) / 23.0));
	tu_run run;
	assert_true(tu_check(&run, &al_rule_gradient, img, AL_ROLE_SMALL, NULL) >= 1);
	tu_run_clear(&run);
	tu_image_free(img);
}

/* Three flat rings, red, green and blue, set in a triangle on an orange
 * 90 px logo (the OpenCV mark) and saved as JPEG: three pieces always
 * fit a plane, and JPEG noise and the chroma bled along their rims make
 * neighbours differ as much as the plane's step, so the whole-mark test
 * took them for one ramp.  Inside each ring that plane explains nothing
 * (R squared below 0): flat pieces, no gradient. */
static void test_flat_pieces_in_a_plane_jpeg_not(void **state)
{
	(void)state;
	static const double at[3][2] = { { 45, 24 }, { 24, 62 }, { 66, 62 } };
	static const uint32_t col[3] = { 0xff2d48ffu, 0x5ad85aff, 0x1a8cffff };
	int before = 0;
	for (int q = 35; q <= 85; q += 25) {
		al_image *img = tu_image_new(90, 90, 0xeea060ffu);
		for (int k = 0; k < 3; k++) {
			tu_disc(img, at[k][0], at[k][1], 17, col[k]);
			tu_disc(img, at[k][0], at[k][1], 7, 0xeea060ffu);
		}
		assert_int_equal(jpeg_findings(img, q, AL_ROLE_MEDIUM, NULL), 0);
		al_options *o = al_options_new();
		char *err = NULL;
		assert_int_equal(al_options_set_threshold(o, "gradient.mark_within", -1, &err), AL_OK);
		before += jpeg_findings(img, q, AL_ROLE_MEDIUM, o);
		tu_image_free(img);
	}
	/* without the check inside the pieces, the plane is taken for a ramp */
	assert_true(before >= 1);
}

/* A face on a 90 px logo (a disc of radius 30 in @a, eyes and a mouth
 * in @b a little darker), 4x4 supersampled, on white. */
static al_image *flat_face(uint32_t a, uint32_t b)
{
	al_image *img = tu_image_new(90, 90, 0xffffffff);
	for (int y = 0; y < 90; y++)
		for (int x = 0; x < 90; x++) {
			double acc[3] = { 0, 0, 0 };
			for (int j = 0; j < 4; j++)
				for (int i = 0; i < 4; i++) {
					double u = x + (i + 0.5) / 4, v = y + (j + 0.5) / 4;
					uint32_t c = 0xffffffff;
					if (hypot(u - 45, v - 45) <= 30) {
						bool feat = hypot(u - 37, v - 39) < 6.6 ||
						            hypot(u - 53, v - 39) < 6.6 ||
						            (fabs(v - 54) < 2.4 && fabs(u - 45) < 12);
						c = feat ? b : a;
					}
					for (int k = 0; k < 3; k++)
						acc[k] += (c >> (24 - 8 * k)) & 255;
				}
			tu_set(img, x, y, rgb(acc[0] / 16, acc[1] / 16, acc[2] / 16));
		}
	return img;
}

/* Flat faces (a green mask, a red one: two close tones, 15 to 20 CIE76
 * apart) saved as JPEG at quality 65: the disc and its features join
 * across their rims into one region, JPEG noise spreads both tones too
 * widely to pile up in their own colours, and the region passed as a
 * gradient.  Averaged over noise_radius, the two tones pile up again. */
static void test_jpeg_two_close_tones_not(void **state)
{
	(void)state;
	static const uint32_t a[2] = { 0x2ead33ff, 0xd65348ff };
	static const uint32_t b[2] = { 0x178019ff, 0xb03a2eff };
	int before = 0;
	for (int v = 0; v < 2; v++) {
		al_image *img = flat_face(a[v], b[v]);
		for (int q = 55; q <= 75; q += 10) {
			assert_int_equal(jpeg_findings(img, q, AL_ROLE_MEDIUM, NULL), 0);
			al_options *o = al_options_new();
			char *err = NULL;
			assert_int_equal(al_options_set_threshold(o, "gradient.noise_piled", 1, &err),
			                 AL_OK);
			assert_int_equal(al_options_set_threshold(o, "gradient.jpeg_middle", 0, &err),
			                 AL_OK);
			assert_int_equal(al_options_set_threshold(o, "gradient.jpeg_piece_slope", 0, &err),
			                 AL_OK);
			before += jpeg_findings(img, q, AL_ROLE_MEDIUM, o);
		}
		tu_image_free(img);
	}
	/* without the pile test on the averaged colours, and the two tests
	 * that also tell these tones from a ramp (the middle of the averaged
	 * colours; the steep rims of the eyes and mouth), some are flagged */
	assert_true(before >= 1);
}

/* A rectangle from (x0, y0) to (x1, y1) (fractional px) in @c over
 * @img, each pixel blended by how much of it the rectangle covers. */
static void aa_rect(al_image *img, double x0, double y0, double x1, double y1, uint32_t c)
{
	for (int y = (int)floor(y0); y < (int)ceil(y1); y++)
		for (int x = (int)floor(x0); x < (int)ceil(x1); x++) {
			double cover = (fmin(x + 1, x1) - fmax(x, x0)) * (fmin(y + 1, y1) - fmax(y, y0));
			const uint8_t *p = img->rgba + ((size_t)y * img->width + x) * 4;
			uint32_t under = rgb(p[0], p[1], p[2]);
			tu_set(img, x, y, mix(under, c, cover));
		}
}

/* A list icon (flat-color-icons' "list": five rows of a square and a
 * bar, 4 and 28 by 4 units of a 48-unit view box) drawn 104 px wide on a
 * 115 px logo, anti-aliased, in saturated colours on black, a dark or a
 * pale background, saved as JPEG at qualities 35 to 75.  JPEG codes
 * chroma at half resolution and quantises it coarsely: along a thin bar
 * it wanders with the coding blocks, and the whole-mark test took a bar
 * alone for a steep ramp.  Its lightness, coded in full, stays flat: a
 * piece judged on its own ramp must change in lightness by
 * jpeg_piece_dl. */
static void test_jpeg_chroma_over_small_pieces_not(void **state)
{
	(void)state;
	static const uint32_t bg[3] = { 0x030303ffu, 0x243b03ffu, 0xcd999fffu };
	static const uint32_t fg[3] = { 0x2196f3ffu, 0xff9800ffu, 0x9c27b0ffu };
	int before = 0;
	for (int v = 0; v < 3; v++) {
		al_image *img = tu_image_new(115, 115, bg[v]);
		double k = 103.97 / 48, o = 5.51;
		for (int r = 0; r < 5; r++) {
			double y = o + k * (6 + 8 * r);
			aa_rect(img, o + 6 * k, y, o + 10 * k, y + 4 * k, fg[v]);
			aa_rect(img, o + 14 * k, y, o + 42 * k, y + 4 * k, fg[v]);
		}
		for (int q = 35; q <= 75; q += 5) {
			assert_int_equal(jpeg_findings(img, q, AL_ROLE_LARGE, NULL), 0);
			al_options *opt = al_options_new();
			char *err = NULL;
			assert_int_equal(al_options_set_threshold(opt, "gradient.jpeg_piece_dl", 0, &err),
			                 AL_OK);
			before += jpeg_findings(img, q, AL_ROLE_LARGE, opt);
		}
		tu_image_free(img);
	}
	/* without the lightness check, chroma bleeding is taken for ramps */
	assert_true(before >= 1);
}

/* A hero on a navy sky with a soft light spot at the left: a flat core
 * (radius @core) fading to the sky as exp(-(r - core) / @fall), beside
 * flat grey blocks.  The sky piles up in its flat colour; its drifting
 * part, the spot, piles up in turn: in the flat core, and in the slow
 * tail of the falloff, whose many pixels fill a few colour cubes.  Both
 * were peeled away, and what was left spanned too little.  The tail
 * still changes with position, the core does not: with tail_slope, the
 * tail stays in the drifting part (a glow behind the flat discs and
 * buildings of an isometric city hero). */
static void test_glow_tail_kept(void **state)
{
	(void)state;
	static const struct { double core, fall; uint32_t top; } g[4] = {
		{ 40, 40, 0x3470a8ffu }, { 30, 50, 0x3470a8ffu },
		{ 40, 40, 0x2f6aa0ffu }, { 40, 30, 0x3470a8ffu },
	};
	int before = 0;
	for (int v = 0; v < 4; v++) {
		al_image *img = tu_image_new(815, 290, 0x1d4380ffu);
		for (int y = 0; y < 290; y++)
			for (int x = 0; x < 400; x++) {
				double r = hypot(x - 200, y - 140);
				double t = r <= g[v].core ? 1 : exp(-(r - g[v].core) / g[v].fall);
				tu_set(img, x, y, mix(0x1d4380ffu, g[v].top, t));
			}
		for (int k = 0; k < 5; k++)
			tu_fill(img, 20 + 75 * k, 170 + 25 * (k % 2), 60, 120, 0xbfbdbbffu);
		tu_run run;
		assert_true(tu_check(&run, &al_rule_gradient, img, AL_ROLE_HERO, NULL) >= 1);
		tu_run_clear(&run);
		al_options *o = al_options_new();
		char *err = NULL;
		assert_int_equal(al_options_set_threshold(o, "gradient.tail_slope", 0, &err), AL_OK);
		before += tu_check(&run, &al_rule_gradient, img, AL_ROLE_HERO, o);
		tu_run_clear(&run);
		tu_image_free(img);
	}
	/* without the tail test, the spot is peeled away with its core */
	assert_int_equal(before, 0);
}

/* A scene drawn @k times larger and averaged down over k x k blocks (an
 * anti-aliased render): @shape(x, y) gives the colour at a point of the
 * final image's coordinates. */
static al_image *render_aa(int w, int h, int k, uint32_t (*shape)(double x, double y))
{
	al_image *img = tu_image_new(w, h, 0);
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			double s[3] = { 0, 0, 0 };
			for (int j = 0; j < k; j++)
				for (int i = 0; i < k; i++) {
					uint32_t c = shape(x + (i + 0.5) / k, y + (j + 0.5) / k);
					s[0] += c >> 24;
					s[1] += (c >> 16) & 255;
					s[2] += (c >> 8) & 255;
				}
			tu_set(img, x, y, rgb(s[0] / (k * k), s[1] / (k * k), s[2] / (k * k)));
		}
	return img;
}

/* The gradient findings on @shape rendered as a 40 px logo (render_aa(),
 * 4 x 4 samples a pixel), with the default options. */
static int small_findings(uint32_t (*shape)(double x, double y))
{
	tu_run run;
	al_image *img = render_aa(40, 40, 4, shape);
	int n = tu_check(&run, &al_rule_gradient, img, AL_ROLE_SMALL, NULL);
	tu_run_clear(&run);
	tu_image_free(img);
	return n;
}

/* Flat shapes of a scene (the eval's paljpeg family): a pale green disc
 * on lavender, and on it a dark teal bar with a dark purple triangle
 * against it, a dark green disc and a light violet triangle. */
static uint32_t scene_tones(double x, double y)
{
	if (x >= 20 && x < 32 && y >= 12 && y < 84)
		return 0x113a3effu;
	if (y >= 50 && y < 82 && fabs(x - 48) < (y - 50) * 0.55)
		return 0x371643ffu;
	if (hypot(x - 75, y - 36) < 16)
		return 0x135b00ffu;
	if (y >= 28 && y < 50 && fabs(x - 38) < (y - 28) * 0.75)
		return 0xa487faffu;
	if (hypot(x - 52, y - 50) < 42)
		return 0x7fe7a5ffu;
	return 0xdbdbf2ffu;
}

/* Options with one threshold set. */
static al_options *one_threshold(const char *name, double v)
{
	al_options *o = al_options_new();
	char *err = NULL;
	assert_int_equal(al_options_set_threshold(o, name, v, &err), AL_OK);
	return o;
}

/* A mark of 3x3 squares set as a checkerboard (they touch only at their
 * corners: separate pieces, each under the 16 pixels of a drifting
 * piece), holding a ramp from left to right (or each square flat in the
 * ramp's colour at its centre), and far to its right a flat word of ten
 * letters in a colour off the ramp: too many pieces for the trimming to
 * leave out. */
static al_image *squares_and_far_word(bool flat_squares)
{
	al_image *img = tu_image_new(200, 80, 0x460562ff);
	for (int y = 16; y < 64; y++)
		for (int x = 10; x < 73; x++)
			if ((x - 10) / 3 % 2 == (y - 16) / 3 % 2) {
				int cx = flat_squares ? (x - 10) / 3 * 3 + 11 : x;
				tu_set(img, x, y, mix(0xd4d400ff, 0x808000ff, (cx - 10) / 63.0));
			}
	for (int k = 0; k < 10; k++)
		tu_fill(img, 105 + 8 * k, 34, 6, 12, 0x40e0f0ff);
	return img;
}

static void test_ramp_in_one_group(void **state)
{
	(void)state;
	/* over the whole mark the word spoils the fit; the squares, a group
	 * apart from the word's, hold the ramp alone */
	al_image *img = squares_and_far_word(false);
	tu_run run;
	assert_int_equal(tu_check(&run, &al_rule_gradient, img, AL_ROLE_LARGE, NULL), 1);
	assert_non_null(strstr(tu_finding(&run, 0)->message, "across the mark"));
	/* the box is the squares' */
	assert_true(tu_finding(&run, 0)->region.x + tu_finding(&run, 0)->region.w <= 80);
	tu_run_clear(&run);
	al_options *o = one_threshold("gradient.mark_group_gap", 0);
	assert_int_equal(tu_check(&run, &al_rule_gradient, img, AL_ROLE_LARGE, o), 0);
	tu_run_clear(&run);
	tu_image_free(img);
	/* flat squares in the ramp's tones: the group's ramp explains none
	 * of the colour inside them */
	img = squares_and_far_word(true);
	assert_int_equal(tu_check(&run, &al_rule_gradient, img, AL_ROLE_LARGE, NULL), 0);
	tu_run_clear(&run);
	tu_image_free(img);
}

/* A flat scene (the eval's paljpeg family: a pale disc on lavender, dark
 * shapes against each other on it) drawn anti-aliased and saved as JPEG
 * at qualities 35 to 90.  JPEG smooths the disc's rim into crescents
 * 3-6 px wide whose colour runs from the disc's to the background's,
 * steeply (7 to 11 CIE76 per px): judged alone or as drifting pieces,
 * they fitted a ramp (jpeg_piece_slope; as the rim of the disc towards
 * the background, jpeg_ridge now leaves them out too).  At quality 35
 * the dark bar and triangle join one blurred region across their soft seam, whose noise
 * keeps both tones from piling up; averaged, its colours sit at the two
 * ends of their range (jpeg_middle). */
static void test_jpeg_flat_scene_not(void **state)
{
	(void)state;
	al_image *img = render_aa(115, 115, 4, scene_tones);
	int no_slope = 0, no_middle = 0;
	for (int q = 35; q <= 90; q += 5) {
		assert_int_equal(jpeg_findings(img, q, AL_ROLE_LARGE, NULL), 0);
		/* jpeg_ridge also leaves the crescents out */
		al_options *o = one_threshold("gradient.jpeg_piece_slope", 0);
		char *err = NULL;
		assert_int_equal(al_options_set_threshold(o, "gradient.jpeg_ridge", 0, &err), AL_OK);
		no_slope += jpeg_findings(img, q, AL_ROLE_LARGE, o);
		no_middle += jpeg_findings(img, q, AL_ROLE_LARGE,
		                           one_threshold("gradient.jpeg_middle", 0));
	}
	/* without either test, some of them are flagged */
	assert_true(no_slope >= 1);
	assert_true(no_middle >= 1);
	tu_image_free(img);
}

/* A small logo (the eval's gradtone family): on a pale ground, a flat
 * green disc, and on it a square whose linear fill runs from a green 6
 * CIE76 from the disc's (top) to a mint 34 away (bottom), a plus cut out
 * of it showing the disc.  The fill joins the disc's region where their
 * colours meet, and the disc's pixels pile up: the fill is the drifting
 * part, its pixels ending at the square's rim and the cut-out on most
 * sides (blends), at the flat disc only along one corner.  Counted
 * against every pixel outside the drifting part, fewer than half were
 * inside; counted against the flat tone, most are, and the region test
 * finds it (here alone: the whole-mark test, which also finds this one,
 * is off).  The same square in a flat tone passes. */
static uint32_t fill_on_base(double x, double y)
{
	bool window = x >= 13.5 && x < 26.5 && y >= 13.5 && y < 24;
	if (x >= 11 && x < 29 && y >= 11 && y < 29 && !window)
		return mix(0x3d9e39ffu, 0x58bf9bffu, (x + y - 22) / 36);
	if (hypot(x - 20, y - 20) < 17)
		return 0x389627ffu;
	return 0xeedfb9ffu;
}

static uint32_t flat_on_base(double x, double y)
{
	uint32_t c = fill_on_base(x, y);
	return c == 0x389627ffu || c == 0xeedfb9ffu ? c : 0x58bf9bffu;
}

/* Options with the whole-mark tests off: the region test alone. */
static al_options *mark_test_off(void)
{
	al_options *o = al_options_new();
	char *err = NULL;
	assert_int_equal(al_options_set_threshold(o, "gradient.mark_fit", 1, &err), AL_OK);
	assert_int_equal(al_options_set_threshold(o, "gradient.mark_pieces", 0, &err), AL_OK);
	assert_int_equal(al_options_set_threshold(o, "gradient.mark_piece_fit", 1, &err), AL_OK);
	return o;
}

static void test_fill_fading_into_flat_base(void **state)
{
	(void)state;
	tu_run run;
	al_image *img = render_aa(40, 40, 4, fill_on_base);
	assert_int_equal(tu_check(&run, &al_rule_gradient, img, AL_ROLE_SMALL, mark_test_off()), 1);
	assert_non_null(strstr(tu_finding(&run, 0)->message, "in the mark"));
	tu_run_clear(&run);
	tu_image_free(img);
	assert_int_equal(small_findings(fill_on_base), 1);
	assert_int_equal(small_findings(flat_on_base), 0);
}

/* A small logo: a rounded tile with a radial fill from mint in the
 * middle to yellow at its rim (span 37), and on it a flat olive square
 * 9 CIE76 from the yellow.  The tile and the square are one region; the
 * square piles up, too little to judge the fill as a drifting part, so
 * the region is judged whole.  A quadratic surface explains the radial
 * fill, not a flat square set into it: the smooth test judges the fill
 * without the piled pixels.  A flat tile with the square passes. */
static uint32_t radial_under_flat(double x, double y)
{
	if (x >= 17 && x < 29 && y >= 19 && y < 31)
		return 0xa8b95fffu;
	double dx = fabs(x - 20) - 8, dy = fabs(y - 20) - 8;
	if (hypot(MAX(dx, 0), MAX(dy, 0)) < 8)
		return mix(0x8fe4b5ffu, 0xcac56effu, MIN(hypot(x - 20, y - 20) / 16, 1));
	return 0xc4a1abffu;
}

static uint32_t flat_under_flat(double x, double y)
{
	uint32_t c = radial_under_flat(x, y);
	return c == 0xa8b95fffu || c == 0xc4a1abffu ? c : 0xb2d492ffu;
}

static void test_radial_fill_under_flat_square(void **state)
{
	(void)state;
	assert_int_equal(small_findings(radial_under_flat), 1);
	assert_int_equal(small_findings(flat_under_flat), 0);
}

/* A 40 px logo of flat tones (the eval's tonejpeg family): on white, a
 * pale blue tile holding a purple triangle and, beside it, a violet bar,
 * saved as JPEG at qualities 35 to 95.  At quality 50 the bar, whose
 * rims JPEG smeared towards the tile and the triangle, made a piece
 * whose colours fit a linear ramp (R squared 0.6 and more), judged alone
 * by the whole-mark test.  Averaged over 2 px, its colours no longer
 * span min_span (or no longer fill the middle of their range): the noise
 * test that a region passes, now also asked of a JPEG's piece judged
 * alone, rejects it. */
static uint32_t bar_beside_triangle(double x, double y)
{
	if (x >= 22 && x < 30 && y >= 10 && y < 30)
		return 0x7a63e1ffu;
	if (y >= 12 && y < 28 && fabs(x - 14) < (y - 12) * 0.5)
		return 0x621daeffu;
	if (x >= 5 && x < 35 && y >= 5 && y < 35)
		return 0xa7d7dfffu;
	return 0xffffffffu;
}

static void test_jpeg_piece_noise_not(void **state)
{
	(void)state;
	al_image *img = render_aa(40, 40, 4, bar_beside_triangle);
	for (int q = 35; q <= 95; q += 5)
		assert_int_equal(jpeg_findings(img, q, AL_ROLE_SMALL, NULL), 0);
	tu_image_free(img);
}

/* A steep radial fill on a 40 px logo (the eval's gradtone family): on
 * white, a flat red disc whose middle is filled from a dark
 * purple centre out to the disc's red over 10 px.  The fill is the
 * drifting part of the disc's region, about 150 pixels across 13 px:
 * its pixels 3 px apart differ about as much as any two of it (the
 * semivariance measured 1.10 of the variance), as noise would, while a
 * quadratic surface fits it.  In a lossless image such a small part is
 * left to the smooth test; the same disc flat passes. */
static uint32_t radial_in_disc(double x, double y)
{
	double r = hypot(x - 20, y - 20);
	if (r < 10)
		return mix(0x421e4bffu, 0xc00b38ffu, r / 10);
	if (r < 17)
		return 0xc21629ffu;
	return 0xffffffffu;
}

static uint32_t flat_disc(double x, double y)
{
	return hypot(x - 20, y - 20) < 17 ? 0xc21629ffu : 0xffffffffu;
}

static void test_steep_radial_fill_small(void **state)
{
	(void)state;
	assert_true(small_findings(radial_in_disc) >= 1);
	assert_int_equal(small_findings(flat_disc), 0);
}

/* A small radial fill on a 40 px logo (the eval's gradtone family): on
 * a dark ground, a flat mint square and beside it a disc of 8 px radius
 * filled from a pale green centre to a deep green rim.  Averaged over
 * 2 px, the colours of its pixels inside the rim span less than
 * min_span (the average flattens the centre and the rim of so steep a
 * fill; a dev-only probe image of this kind: 10.1), while the quadratic
 * surface of the smooth test, which fits them, spans more (13.4).  In a
 * lossless image a region judged on so few pixels is smoothed by that
 * surface.  The same disc flat passes. */
static uint32_t radial_beside_square(double x, double y)
{
	double r = hypot(x - 27, y - 20);
	if (r < 8)
		return mix(0x7de084ffu, 0x1eca02ffu, r / 8);
	if (x >= 6 && x < 17 && y >= 14 && y < 26)
		return 0x66ef9effu;
	return 0x0f2a2effu;
}

static uint32_t flat_beside_square(double x, double y)
{
	if (hypot(x - 27, y - 20) < 8)
		return 0x1eca02ffu;
	if (x >= 6 && x < 17 && y >= 14 && y < 26)
		return 0x66ef9effu;
	return 0x0f2a2effu;
}

static void test_small_radial_surface_span(void **state)
{
	(void)state;
	assert_true(small_findings(radial_beside_square) >= 1);
	assert_int_equal(small_findings(flat_beside_square), 0);
}

/* Flat scenes of the eval's tonejpeg family on 40 px logos: a large
 * flat base (a disc or a rounded square) of nearly the canvas's colour,
 * with a dark disc and a dark bar on it (base_scene()). */
static uint32_t base_bg, base_fg;
static bool base_square;
static uint32_t base_scene(double x, double y)
{
	if (hypot(x - 25, y - 19) < 6.5)
		return 0x184a28ffu;
	if (x >= 9 && x < 16 && y >= 15 && y < 24)
		return 0x694f25ffu;
	bool in = base_square ? fabs(x - 20) < 15 && fabs(y - 20) < 15 &&
	                            hypot(MAX(fabs(x - 20) - 10, 0), MAX(fabs(y - 20) - 10, 0)) < 5
	                      : hypot(x - 20, y - 20) < 15;
	return in ? base_fg : base_bg;
}

/* Saved as JPEG, such a base joins the canvas in one blurred region:
 * its chroma is smeared into the canvas around it, and noise keeps both
 * flat tones from piling up, so the region was judged whole and taken
 * for a gradient.  Its rim along the image's edge is flat (flat_rim):
 * only what drifts inside is judged, as a drifting part, and the base
 * with its smeared rim does not pass.  With flat_rim off (0, the test
 * before it) each of these is flagged.  (Not every such scene is
 * cleared: the same bases at other qualities, a rounded square at
 * quality 55 on these colours, still are.) */
static void test_jpeg_flat_base_on_canvas_not(void **state)
{
	(void)state;
	static const struct {
		uint32_t bg, fg;
		bool square;
		int quality;
	} cases[] = {
		{ 0x1c4304ffu, 0x12270bffu, true, 35 },  /* dark green square on green */
		{ 0x5e1778ffu, 0x272862ffu, false, 35 }, /* navy disc on purple */
		{ 0x5e1778ffu, 0x272862ffu, false, 45 },
		{ 0xc7d2f1ffu, 0xb5d6dcffu, false, 45 }, /* pale teal disc on lavender */
		{ 0xc7d2f1ffu, 0xb5d6dcffu, true, 65 },
	};
	for (size_t k = 0; k < G_N_ELEMENTS(cases); k++) {
		base_bg = cases[k].bg;
		base_fg = cases[k].fg;
		base_square = cases[k].square;
		al_image *img = render_aa(40, 40, 4, base_scene);
		assert_int_equal(jpeg_findings(img, cases[k].quality, AL_ROLE_SMALL, NULL), 0);
		assert_true(jpeg_findings(img, cases[k].quality, AL_ROLE_SMALL,
		                          one_threshold("gradient.flat_rim", 0)) >= 1);
		tu_image_free(img);
	}
}

/* The same flat scenes, a pale teal base on lavender, at qualities where
 * flat_rim did not clear them: the base is the drifting part of the flat
 * canvas, its JPEG noise keeps it from piling up, and its soft rim
 * towards the canvas, 2-3 px wide, gives it a span above min_span.  Its
 * core, 2 px (drift_core) from the canvas and from the image's edge, is
 * flat (span 6 to 9 on the eval's dev images of this kind; the
 * drifting parts of gradients and glows there kept 13 to 125).  With
 * drift_core off (0, the test before it) each is flagged. */
static void test_jpeg_flat_base_core_not(void **state)
{
	(void)state;
	static const struct {
		bool square;
		int quality;
	} cases[] = { { false, 55 }, { false, 90 }, { true, 70 }, { true, 75 } };
	base_bg = 0xc7d2f1ffu;
	base_fg = 0xb5d6dcffu;
	for (size_t k = 0; k < G_N_ELEMENTS(cases); k++) {
		base_square = cases[k].square;
		al_image *img = render_aa(40, 40, 4, base_scene);
		assert_int_equal(jpeg_findings(img, cases[k].quality, AL_ROLE_SMALL, NULL), 0);
		assert_true(jpeg_findings(img, cases[k].quality, AL_ROLE_SMALL,
		                          one_threshold("gradient.drift_core", 0)) >= 1);
		tu_image_free(img);
	}
}

/* A graded base card of nearly the canvas's colour with a dark flat
 * disc on it (the eval's canvasjpeg family), as JPEG: the disc's soft
 * edge joins it to the canvas's region, and in the drifting part of
 * that flat canvas (flat_rim) it is a flat tone at one end of the
 * range, beside the fill.  Judged without it, the fill is a gradient;
 * with it, the fill's middle looked empty.  The same card flat is not. */
static uint32_t card_from, card_to, card_disc;
static uint32_t card_scene(double x, double y)
{
	if (hypot(x - 40, y - 50) < 13)
		return card_disc;
	bool in = hypot(MAX(fabs(x - 45) - 29, 0), MAX(fabs(y - 45) - 29, 0)) < 6 &&
	          fabs(x - 45) < 35 && fabs(y - 45) < 35;
	return in ? mix(card_from, card_to, (x - 10) / 70) : 0xbdc296ffu;
}

static void test_jpeg_graded_card_with_mark_on_canvas(void **state)
{
	(void)state;
	card_disc = 0x867404ffu;
	card_from = 0xc3ce85ffu;
	card_to = 0xf5c18cffu;
	al_image *img = render_aa(90, 90, 4, card_scene);
	assert_true(jpeg_findings(img, 85, AL_ROLE_MEDIUM, NULL) >= 1);
	tu_image_free(img);
	card_to = card_from;
	img = render_aa(90, 90, 4, card_scene);
	assert_int_equal(jpeg_findings(img, 85, AL_ROLE_MEDIUM, NULL), 0);
	tu_image_free(img);
}

/* A fan of thin strokes (1.5 px) on white, 115 px, whose colour runs
 * from green to blue across the fan, saved at quality 35: most of each
 * stroke is its rim, mixed with the white, which JPEG's smoothing keeps
 * from reading as blends.  Without the stroke rims (jpeg_ridge) and
 * with jpeg_mark_fit, a ramp over the mark explains its colours; with
 * the rims, or held to the lossless mark_fit, the first pass does not
 * (asked with the second pass, jpeg_blend_chroma, turned off: its
 * chroma at half weight keeps more of each stroke).  The same fan in
 * one flat colour is not a gradient. */
static uint32_t fan_from, fan_to;

static uint32_t fan_scene(double x, double y)
{
	double dx = x - 80, dy = y - 57.5, r = hypot(dx, dy);
	if (r > 34 || r < 4)
		return 0xffffffffu;
	double a = atan2(dy, dx), k = a / (M_PI / 18);
	if (fabs(k - round(k)) * (M_PI / 18) * r > 0.75 || fabs(a) < M_PI / 2)
		return 0xffffffffu;
	return mix(fan_from, fan_to, (x - 46) / 34);
}

static void test_jpeg_thin_stroke_fan(void **state)
{
	(void)state;
	fan_from = 0x30e0a0ffu;
	fan_to = 0x4020e0ffu;
	al_image *img = render_aa(115, 115, 4, fan_scene);
	assert_true(jpeg_findings(img, 35, AL_ROLE_LARGE, NULL) >= 1);
	char *err = NULL;
	al_options *o = al_options_new();
	assert_int_equal(al_options_set_threshold(o, "gradient.jpeg_ridge", 0, &err), AL_OK);
	/* (and without the second pass, whose chroma at half weight keeps
	 * the strokes' ridges too) */
	assert_int_equal(al_options_set_threshold(o, "gradient.jpeg_blend_chroma", 1, &err),
	                 AL_OK);
	assert_int_equal(jpeg_findings(img, 35, AL_ROLE_LARGE, o), 0);
	/* (with pieces joined at blend_de, as when jpeg_mark_fit was set:
	 * joined at jpeg_piece_step the fan is found at 0.6 too) */
	o = al_options_new();
	assert_int_equal(al_options_set_threshold(o, "gradient.jpeg_mark_fit", 0.6, &err), AL_OK);
	assert_int_equal(al_options_set_threshold(o, "gradient.jpeg_blend_chroma", 1, &err),
	                 AL_OK);
	assert_int_equal(al_options_set_threshold(o, "gradient.jpeg_piece_step", 8, &err), AL_OK);
	assert_int_equal(jpeg_findings(img, 35, AL_ROLE_LARGE, o), 0);
	tu_image_free(img);
	fan_to = fan_from;
	img = render_aa(115, 115, 4, fan_scene);
	assert_int_equal(jpeg_findings(img, 35, AL_ROLE_LARGE, NULL), 0);
	tu_image_free(img);
}

/* A saturated triangle outline 5-7 px wide on a pale canvas, 115 px,
 * whose colour darkens from a light green at its top left to a deep
 * green at its bottom right (the gradient pictograms of the outside
 * judge), saved as JPEG (libjpeg: chroma at half resolution).  The
 * upsampled chroma runs across each stroke's width, so that most of its
 * pixels lie between two neighbours 8 or more apart and read as blends:
 * the first pass of the whole-mark test kept only specks.  Its second
 * pass, with a* and b* at half weight in the blend test
 * (jpeg_blend_chroma), keeps the strokes' insides and finds the ramp,
 * which changes lightness by more than min_span; with them at full
 * weight (1) it is missed (the core pass, jpeg_core, off too).  The same
 * outline in one flat colour is not a gradient, in any pass. */
static double tri_hw;
static uint32_t tri_from, tri_to;
static uint32_t tri_outline(double x, double y)
{
	static const double p[3][2] = { { 19.5, 95 }, { 95.5, 95 }, { 57.5, 20 } };
	double best = 1e9;
	for (int i = 0; i < 3; i++) {
		const double *a = p[i], *b = p[(i + 1) % 3];
		double vx = b[0] - a[0], vy = b[1] - a[1];
		double t = CLAMP(((x - a[0]) * vx + (y - a[1]) * vy) / (vx * vx + vy * vy), 0.0, 1.0);
		best = MIN(best, hypot(x - a[0] - t * vx, y - a[1] - t * vy));
	}
	if (best > tri_hw)
		return 0xf0dad5ffu;
	return mix(tri_from, tri_to, CLAMP((x + y - 37.5) / 160, 0.0, 1.0));
}

static void test_jpeg_saturated_outline(void **state)
{
	(void)state;
	static const struct {
		double hw;
		int quality;
	} cases[] = { { 2.5, 85 }, { 3.5, 65 } };
	for (size_t k = 0; k < G_N_ELEMENTS(cases); k++) {
		tri_hw = cases[k].hw;
		tri_from = 0x66c325ffu;
		tri_to = 0x2f5a12ffu;
		al_image *img = render_aa(115, 115, 4, tri_outline);
		assert_true(jpeg_findings(img, cases[k].quality, AL_ROLE_LARGE, NULL) >= 1);
		/* (without the core pass, jpeg_core, which finds it too) */
		al_options *o = one_threshold("gradient.jpeg_blend_chroma", 1);
		char *err = NULL;
		assert_int_equal(al_options_set_threshold(o, "gradient.jpeg_core", 0, &err), AL_OK);
		assert_int_equal(jpeg_findings(img, cases[k].quality, AL_ROLE_LARGE, o), 0);
		tu_image_free(img);
		tri_to = tri_from = 0x4f9a1cffu;
		img = render_aa(115, 115, 4, tri_outline);
		assert_int_equal(jpeg_findings(img, cases[k].quality, AL_ROLE_LARGE, NULL), 0);
		tu_image_free(img);
	}
}

/* A thin outline (the eval's ugradline family, the judges' gradient
 * pictograms): an arrow-like stroke on a flat canvas, 40 px, stroke_hw px
 * each side of its centre line, its colour from stroke_from at the left
 * to stroke_to at the right. */
static double stroke_hw;
static uint32_t stroke_from, stroke_to, stroke_bg;

static double seg_dist(double x, double y, double ax, double ay, double bx, double by)
{
	double dx = bx - ax, dy = by - ay;
	double t = CLAMP(((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy), 0.0, 1.0);
	return hypot(x - ax - t * dx, y - ay - t * dy);
}

static uint32_t thin_arrow(double x, double y)
{
	static const double pts[][2] = { { 8, 32 }, { 10, 20 }, { 18, 14 }, { 26, 14 },
	                                 { 26, 9 }, { 34, 18 }, { 26, 27 }, { 26, 22 },
	                                 { 18, 22 }, { 12, 26 }, { 8, 32 } };
	double d = 1e9;
	for (size_t k = 0; k + 1 < G_N_ELEMENTS(pts); k++)
		d = MIN(d, seg_dist(x, y, pts[k][0], pts[k][1], pts[k + 1][0], pts[k + 1][1]));
	if (d > stroke_hw)
		return stroke_bg;
	return mix(stroke_from, stroke_to, CLAMP((x - 8) / 26, 0.0, 1.0));
}

/* Unmixed colours (unmix_cos): a gradient outline 1.1 to 1.7 px wide on a
 * 40 px logo, blue to magenta, on a brown and on a pale pink canvas.
 * Anti-aliasing mixes nearly every pixel of the stroke with the canvas,
 * the edge-blend test keeps only specks, and inside each speck the colour
 * changes across the stroke, not along it: the ramp over the mark
 * explains nothing inside the pieces (with unmix_cos 0, as before it,
 * it is missed).  Unmixed, each rim pixel taking the colour of its
 * neighbour further from the canvas in the same direction, the stroke
 * keeps solid runs along it.  The same arrow in one colour stays flat. */
static void test_thin_stroke_unmixed(void **state)
{
	(void)state;
	static const uint32_t canvas[] = { 0x5f4126ffu, 0xf4d8f0ffu };
	static const double hw[] = { 0.55, 0.7, 0.85 };
	for (size_t b = 0; b < G_N_ELEMENTS(canvas); b++)
		for (size_t k = 0; k < G_N_ELEMENTS(hw); k++) {
			stroke_hw = hw[k];
			stroke_bg = canvas[b];
			stroke_from = 0x3a4fd0ffu;
			stroke_to = 0xc04090ffu;
			al_image *img = render_aa(40, 40, 4, thin_arrow);
			tu_run run;
			assert_int_equal(tu_check(&run, &al_rule_gradient, img, AL_ROLE_SMALL, NULL), 1);
			const al_finding *f = tu_finding(&run, 0);
			assert_non_null(strstr(f->message, "across the mark"));
			assert_true(f->measured >= 12);
			tu_run_clear(&run);
			/* without the unmixed pass, and without groups, whose
			 * specks on the arrow's straight runs may hold the ramp */
			al_options *o = one_threshold("gradient.unmix_cos", 0);
			char *err = NULL;
			assert_int_equal(al_options_set_threshold(o, "gradient.mark_group_gap", 0, &err),
			                 AL_OK);
			assert_int_equal(tu_check(&run, &al_rule_gradient, img, AL_ROLE_SMALL, o), 0);
			tu_run_clear(&run);
			tu_image_free(img);
			stroke_to = stroke_from;
			img = render_aa(40, 40, 4, thin_arrow);
			assert_int_equal(tu_check(&run, &al_rule_gradient, img, AL_ROLE_SMALL, NULL), 0);
			tu_run_clear(&run);
			tu_image_free(img);
		}
}

/* The core pass (jpeg_core): the thin arrow, 2-3 px wide, violet to
 * teal, 40 px, on white, a dark violet and a pale tan canvas, saved as
 * JPEG at quality 35 to 85.  Ringing leaves specks near the canvas
 * colour all around the stroke and the edge-blend test takes most of the
 * stroke, so the first passes judge specks and miss the ramp (with
 * jpeg_core 0, as before it).  The core pixels, far from the canvas and
 * no stroke's rim, hold the stroke's ridge in long pieces that carry the
 * ramp.  The same arrow in one colour stays clean at every quality. */
static void test_jpeg_thin_stroke_core(void **state)
{
	(void)state;
	static const struct {
		uint32_t bg;
		double hw;
		int quality;
	} cases[] = {
		{ 0xfdfdfdffu, 1.0, 50 }, { 0xfdfdfdffu, 1.0, 65 }, { 0xfdfdfdffu, 1.3, 75 },
		{ 0x1b1033ffu, 1.3, 35 }, { 0x1b1033ffu, 1.3, 65 }, { 0x1b1033ffu, 1.0, 75 },
		{ 0xecd4c3ffu, 1.0, 65 }, { 0xecd4c3ffu, 1.6, 85 },
	};
	for (size_t k = 0; k < G_N_ELEMENTS(cases); k++) {
		stroke_hw = cases[k].hw;
		stroke_bg = cases[k].bg;
		stroke_from = 0x6c12daffu;
		stroke_to = 0x30c0a0ffu;
		al_image *img = render_aa(40, 40, 4, thin_arrow);
		assert_int_equal(jpeg_findings(img, cases[k].quality, AL_ROLE_SMALL, NULL), 1);
		assert_int_equal(jpeg_findings(img, cases[k].quality, AL_ROLE_SMALL,
		                               one_threshold("gradient.jpeg_core", 0)),
		                 0);
		tu_image_free(img);
		stroke_to = stroke_from;
		img = render_aa(40, 40, 4, thin_arrow);
		for (int q = 35; q <= 85; q += 10)
			assert_int_equal(jpeg_findings(img, q, AL_ROLE_SMALL, NULL), 0);
		tu_image_free(img);
	}
}

/* A 40x40 small logo of @bg with a word copied from a real render: @n
 * @rows of @cols pixels as RRGGBB hex, placed at (@x0, @y0).  Kept clean
 * by default; with @check at 1 (that check off) it is flagged as a
 * colour gradient across the mark. */
static void hex_word_clean_unless(const char *const *rows, size_t n, int cols, uint32_t bg,
                                  int x0, int y0, const char *check)
{
	al_image *img = tu_image_new(40, 40, bg);
	for (size_t y = 0; y < n; y++) {
		assert_int_equal(strlen(rows[y]), (size_t)cols * 6);
		for (int x = 0; x < cols; x++) {
			unsigned v;
			assert_int_equal(sscanf(rows[y] + x * 6, "%6x", &v), 1);
			tu_set(img, x0 + x, y0 + (int)y, v << 8 | 0xffu);
		}
	}
	tu_run run;
	assert_int_equal(tu_check(&run, &al_rule_gradient, img, AL_ROLE_SMALL, NULL), 0);
	tu_run_clear(&run);
	assert_int_equal(tu_check(&run, &al_rule_gradient, img, AL_ROLE_SMALL,
	                          one_threshold(check, 1)),
	                 1);
	assert_non_null(strstr(tu_finding(&run, 0)->message, "across the mark"));
	tu_run_clear(&run);
	tu_image_free(img);
}

/* The unmixed pass's background axis (unmix_axis): a light-weight word
 * (the eval's textstyle family, dev fam/textstyle/0019-small.png, its
 * pixels copied here), "Fabr" in one dark blue on light blue #8dc9e0, 40
 * px, about 11 px cap height.  Its strokes are about one pixel wide and
 * hardly any pixel is fully covered, so unmixing leaves each stroke at
 * the colour of its best-covered pixel, and those covers drift over the
 * word: a ramp (span 19, fit 74 per cent) whose colour direction lies
 * along the axis from the background to the mark's colour.  It is no
 * change of the mark's colour: kept clean; with unmix_axis 1 (the check
 * off) it is flagged. */
static void test_hairline_word_unmixed_not(void **state)
{
	(void)state;
	static const char *const rows[] = {
		"8dc9e08dc9e08dc9e08dc9e08dc9e08dc9e08dc9e08dc9e08dc9e08dc9e08dc"
		"9e07bafcb8dc9e08dc9e08dc9e08dc9e08dc9e08dc9e08dc9e08dc9e08dc9e0",
		"4764914f719a4f719a4f719a71a1c18dc9e08dc9e08dc9e08dc9e08dc9e08dc"
		"9e04a68948dc9e08dc9e08dc9e08dc9e08dc9e08dc9e08dc9e08dc9e08dc9e0",
		"45628f8dc9e08dc9e08dc9e08dc9e08dc9e08dc9e08dc9e08dc9e08dc9e08dc"
		"9e04a68948dc9e08dc9e08dc9e08dc9e08dc9e08dc9e08dc9e08dc9e08dc9e0",
		"45628f8dc9e08dc9e08dc9e08dc9e07bafcb4d6e9850739b4865918ac5dd8dc"
		"9e048669252749e4f709a4662907aaeca8dc9e0638cb0648eb24b6b956892b5",
		"435f8c85bdd685bdd685bdd68bc6dd8dc9e08dc9e08dc9e06b99ba6994b78dc"
		"9e02d3f7386bed78dc9e08bc6dd425e8c8dc9e0587da4597ea48dc9e08dc9e0",
		"3850804f719a4f719a4f719a7db2cf8dc9e071a1c05a82a84663905d84aa8dc"
		"9e0425e8c8dc9e08dc9e08dc9e04663908dc9e0587da479adca8dc9e08dc9e0",
		"45628f8dc9e08dc9e08dc9e08dc9e04b6b956996b886c0d977a8c65d84aa8dc"
		"9e043608d8dc9e08dc9e08dc9e04662908dc9e0587da47eb3d08dc9e08dc9e0",
		"45628f8dc9e08dc9e08dc9e08dc9e044618d8dc9e08dc9e0587da45d84aa8dc"
		"9e02e407387c1d98dc9e08bc7de425e8c8dc9e0587da47eb3d08dc9e08dc9e0",
		"4e709a8dc9e08dc9e08dc9e08dc9e05a7fa54c6c9750739b648eb2648fb28dc"
		"9e0597ea44d6e9850739b4764917aaeca8dc9e05f87ac80b6d18dc9e08dc9e0",
	};
	hex_word_clean_unless(rows, G_N_ELEMENTS(rows), 21, 0x8dc9e0ffu, 10, 15,
	                      "gradient.unmix_axis");
}

/* The first pass's thin rim (thin_rim): a script word in one dark flat
 * colour, "Oak" on pale yellow #fafade, 40 px (the eval's thinword
 * family, dev fam/thinword/0026-small.png, its pixels copied here).  Its
 * strokes are about half a pixel wide: every pixel of the mark touches
 * the background, and their covers drift over the word along the axis
 * from the background to the ink (a ramp over the kept pieces, fit 70 per
 * cent, span 31).  No pixel is fully covered, so unmixing cannot restore
 * the ink and the first pass saw the cover as a gradient.  Kept clean;
 * with thin_rim 1 (the check off) it is flagged. */
static void test_thin_flat_word_rim_not(void **state)
{
	(void)state;
	static const char *const rows[] = {
		"fafadefafadebbb6a863555ddedbc5fafadefafadefafadefafadefafadefafadefafadefaf"
		"adefafadefafadefafadefafadefafadec3beaffafadefafadefafadefafadefafadefafade",
		"fafadebdb7aa51424cc7c2b2fafadefafadefafadee7e6cf8c827fe4e2cafafadefafadefaf"
		"adefafadefafadefafadefafadefafade2f1c2ef5f4dafafadefafadefafadefafadefafade",
		"eae9d0433240ecebd2fafadefafadefafadefafadef4f3d9aca59b473745f0efd5fafadefaf"
		"adefafadefafadefafadefafadefafade301d2fedecd3fafadefafadefafadefafadefafade",
		"968d88877d7bfafadefafadefafadefafadefafadefafadefafade918784968d88fafadefaf"
		"adefafadefafadefafadefafadefafade3c2b3ae6e4cdfafadefafadefafadefafadefafade",
		"6b5e63bdb7aafafadefafadefafadefafadefafadefafadefafadedbd8c4554650fafadefaf"
		"adefafadefafadefafadefafadefafade493946e3e1c9fafadeb2aba0847978fafadefafade",
		"53444ed0ccb9fafadefafadefafadefafadefafadefafadefafadefafade4f404bfafadefaf"
		"adefafadefafadefafadefafadefafade564851e0ddc79c948e6e6266f5f4dafafadefafade",
		"61535bcfcbb8fafadefafadefafadefafadefafadefafadefafadef0efd55b4c55fafadefaf"
		"adeb7b1a4e2e0cafafadefafadefafade62545c63555d877d7bf9f9ddfafadefafadefafade",
		"8d8381a29b93fafadefafadefafadefafadefafadefafadefafadea79f968f8582fafadec0b"
		"aaca59d95fafadefafadefafadefafade6e62667d7273fafadefafadefafadefafadefafade",
		"e2e0ca4a3a46f6f6dbfafadefafadefafadefafadefafadeeeecd44a3a46e6e5cef7f7db766"
		"a6dfafade938a8666595ff9f9ddfafade8378778d8381fafadefafadefafadefafadefafade",
		"fafade847a79877d7bfafadefafadefafadefafadee4e2ca53444ebfb9acfafadeb4aea1c4b"
		"fb0d4d1be9288858d8381c8c4b3fafadea9a198413140726669897f7c948b87bbb6a8f9f9dd",
		"fafadef6f6db6d60646d6064bab5a7b6b0a3786c6e5a4c54d2cfbcfafadefafade887e7cd5d"
		"2be706468f1f0d6eae9d0716568d8d4c0dddac46b5e63fafadefafadefafadefafadefafade",
		"fafadefafadefafadec8c4b38e84828f8582c6c1b2fafadefafadefafadefafadedad7c3837"
		"877e3e1c9fafadefafadefafadefafadefafade9b928cfafadefafadefafadefafadefafade",
	};
	hex_word_clean_unless(rows, G_N_ELEMENTS(rows), 25, 0xfafadeffu, 8, 13,
	                      "gradient.thin_rim");
}

/* The unmixed pass's reach (unmix_reach): a thin gradient mark, salmon
 * to yellow, on a near-black canvas #030303 at 40 px (a dev-only probe
 * of the eval's gradlogo family, seed 1224, vscode-icons file-type-swc;
 * its pixels copied here).  Its strokes are 2 to 4 px wide, so some of
 * their pixels lie 3 px or more from the canvas: within 2 px of it only
 * 171 of its 202 pixels are unmixed and the ramp over the mark explains
 * 57 per cent (under mark_fit), within 8 px 183 and 69 per cent: found.
 * With unmix_reach 2 (the default before) it is missed, and without the
 * unmixed pass (unmix_cos 0) too. */
static void test_thick_stroke_unmixed_reach(void **state)
{
	(void)state;
	static const char *const rows[] = {
		"0504047d5342d28d6bc182604d36260303030303037e5a39cc9359322516030303030303030303030303"
		"0303035f4d22c6a041d6af43d5b23fd5b33cd4b539d3b73574661d030303030303030303030303030303",
		"835646febb9ffec6aafec6a7fcb68a6d4c34030303ce925dfdcc9be9ac66332616030303030303030303"
		"584520f9cf6efadb8df9d87cf8da7afae393fae697f7de69c0a92e030303030303030303030303030303",
		"df9176fec6aeb3785cc88764fec5a1fcb8886d4d33342619ebab6afcd2a1e9af62332715030303030303"
		"b28b3ffada8fc59f40655321cfad3ef9e085c1a53563561b231f0b030303030303030303030303030303",
		"d78c72fec6aeb87c5e16100cc3865ffec69efbba856d4e32342618eaad66fcd39ee8b15f322714030303"
		"aa853dfada90cda643151209aa8e33f9e086caac37131107030303030303030303030303030303030303",
		"6a4639feb698febe9fb47a5a16100cc3885cfdc89cfbbb826d4f31342717eab062fcd49ce8b35b322713"
		"413418f7ca63f9d986caa54056481bf5d256f8df7bc6ab33131107030303030303030303030303030303",
		"030303875a47feb896febe9c9b6a4b100c09c3895afdc99afbbd806c502f342716e9b15ffcd699e7b458"
		"3328135f4d22f6cc60f9da83bc9d3962521df4d454f8e178c5ad30131107030303030303080704030303",
		"0303030303038c5e48fec5a5f9ad7d100c09100c09c38b58fdca98fbbf7c6c512d332715eeb760fce3b5"
		"e7b655332912625021f9d46ff7d566322b1060521bf4d752f7e275c5af2c13120629260ae6d529a59c1c",
		"130d0b63423495644cfec3a3fcb080140f0b030303100c09c38c56fccc95fbc279906d3ae6b05bfbd693"
		"fbd996e6b951846b2bf8d268f8d76c382f1103030360531af3d94ff7e473c7b42bab9c22f6e96bcec221",
		"966250feb698fec5a9fec1a0b27a56030303030303030303100c09c28e52fccc8efcd092fcd69aefbc5e"
		"e7b655fad98df9d986fadc88ceac3d080704030303030303605418f3da4af7e674f7e86df5e655797215",
		"4f342bd68e6fd68f6d95654b100c090303030303030303030303030d0a07896638cf9c53b68b463a2d16"
		"261f0fa78639d0a943a385331f1a0b030303030303030303030303453d11b7a527c5b427746b16070704",
	};
	al_image *img = tu_image_new(40, 40, 0x030303ffu);
	for (size_t y = 0; y < G_N_ELEMENTS(rows); y++) {
		assert_int_equal(strlen(rows[y]), 28 * 6);
		for (int x = 0; x < 28; x++) {
			unsigned v;
			assert_int_equal(sscanf(rows[y] + x * 6, "%6x", &v), 1);
			tu_set(img, 6 + x, 15 + (int)y, v << 8 | 0xffu);
		}
	}
	tu_run run;
	assert_int_equal(tu_check(&run, &al_rule_gradient, img, AL_ROLE_SMALL, NULL), 1);
	const al_finding *f = tu_finding(&run, 0);
	assert_non_null(strstr(f->message, "across the mark"));
	assert_true(f->measured >= 12);
	tu_run_clear(&run);
	assert_int_equal(tu_check(&run, &al_rule_gradient, img, AL_ROLE_SMALL,
	                          one_threshold("gradient.unmix_reach", 2)),
	                 0);
	tu_run_clear(&run);
	assert_int_equal(tu_check(&run, &al_rule_gradient, img, AL_ROLE_SMALL,
	                          one_threshold("gradient.unmix_cos", 0)),
	                 0);
	tu_run_clear(&run);
	tu_image_free(img);
}

double al__gradient_two_tone(const float *lab, const int *sel, int ns);

/* two_tone_fit(): the share of the colour variance two flat colours
 * explain.  An even ramp split in two keeps a quarter of its variance
 * (0.75); two flat tones, also with noise of a few units, nearly none; one
 * flat colour, or fewer than two pixels, has nothing to explain (0). */
static void test_two_tone_fit(void **state)
{
	(void)state;
	enum { N = 200 };
	float lab[N * 3];
	int sel[N];
	uint32_t s = 2463534242u;
	for (int k = 0; k < N; k++) {
		sel[k] = k;
		lab[k * 3] = 20.0f + 60.0f * k / (N - 1); /* a ramp in L* */
		lab[k * 3 + 1] = 10.0f;
		lab[k * 3 + 2] = -5.0f;
	}
	assert_float_equal(al__gradient_two_tone(lab, sel, N), 0.75, 0.01);
	/* two flat tones 30 apart, 3:1, with noise of up to 3 per channel */
	for (int k = 0; k < N; k++) {
		bool second = k >= 3 * N / 4;
		for (int c = 0; c < 3; c++) {
			s ^= s << 13;
			s ^= s >> 17;
			s ^= s << 5;
			float noise = (float)(s % 601u) / 100.0f - 3.0f;
			lab[k * 3 + c] = (c == 0 ? 50.0f : 0.0f) + (second ? 30.0f : 0.0f) * (c == 1) + noise;
		}
	}
	double two = al__gradient_two_tone(lab, sel, N);
	assert_true(two > 0.9);
	/* the order of the pixels does not matter */
	for (int k = 0; k < N; k++)
		sel[k] = N - 1 - k;
	assert_float_equal(al__gradient_two_tone(lab, sel, N), two, 1e-9);
	for (int k = 0; k < N * 3; k++)
		lab[k] = 40.0f;
	assert_float_equal(al__gradient_two_tone(lab, sel, N), 0, 1e-12);
	assert_float_equal(al__gradient_two_tone(lab, sel, 1), 0, 1e-12);
}

/* Two flat bars side by side on a flat disc, their colours about 20 apart
 * (CIE76), on a 40 px logo saved as JPEG at quality 35 and 50: the noise
 * keeps the two tones from piling up, the smoothing makes their seam a
 * short ramp, and the pair is judged as one region that passed every
 * other test (a smooth surface explains 0.65 or more of its colours).
 * Two flat colours explain more of them, by jpeg_two_tone (0.1) or more:
 * no gradient; with the test turned off (1), a false alarm. */
static void test_jpeg_two_tones_not(void **state)
{
	(void)state;
	static const struct {
		int quality;
		uint32_t c[4];
	} cases[] = {
		{ 35, { 0x696d5bff, 0x83d599ff, 0x94d9afff, 0x8b50a8ff } },
		{ 50, { 0xde177cff, 0x00efa0ff, 0xfff3aeff, 0x914c02ff } },
	};
	for (size_t k = 0; k < G_N_ELEMENTS(cases); k++) {
		const uint32_t *c = cases[k].c;
		al_image *img = tu_image_new(40, 40, c[0]);
		tu_disc(img, 20, 20, 16, c[3]);
		tu_fill(img, 10, 12, 10, 16, c[1]);
		tu_fill(img, 20, 12, 10, 16, c[2]);
		assert_int_equal(jpeg_findings(img, cases[k].quality, AL_ROLE_SMALL, NULL), 0);
		al_options *o = al_options_new();
		char *err = NULL;
		assert_int_equal(al_options_set_threshold(o, "gradient.jpeg_two_tone", 1, &err),
		                 AL_OK);
		assert_true(jpeg_findings(img, cases[k].quality, AL_ROLE_SMALL, o) >= 1);
		tu_image_free(img);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_linear_background),
		cmocka_unit_test(test_fill_fading_into_flat_base),
		cmocka_unit_test(test_radial_fill_under_flat_square),
		cmocka_unit_test(test_hero_is_warning),
		cmocka_unit_test(test_radial_mark),
		cmocka_unit_test(test_flat_aa_not),
		cmocka_unit_test(test_jpeg_noise_not),
		cmocka_unit_test(test_soft_edge_and_shadow_not),
		cmocka_unit_test(test_gradient_stroke),
		cmocka_unit_test(test_flat_outline_not),
		cmocka_unit_test(test_threshold_from_config),
		cmocka_unit_test(test_ramp_over_separate_pieces),
		cmocka_unit_test(test_flat_pieces_not),
		cmocka_unit_test(test_thin_gradient_outline_small),
		cmocka_unit_test(test_steep_radial_small),
		cmocka_unit_test(test_glow_over_flat_background),
		cmocka_unit_test(test_flat_tones_side_by_side_not),
		cmocka_unit_test(test_ramp_beside_flat_word),
		cmocka_unit_test(test_ramp_in_one_group),
		cmocka_unit_test(test_two_gradients_in_one_mark),
		cmocka_unit_test(test_texture_not),
		cmocka_unit_test(test_shards_each_with_a_gradient),
		cmocka_unit_test(test_ramp_across_thin_bars),
		cmocka_unit_test(test_small_light_cone),
		cmocka_unit_test(test_shards_of_two_tones_not),
		cmocka_unit_test(test_jpeg_blocks_not),
		cmocka_unit_test(test_jpeg_gradients),
		cmocka_unit_test(test_jpeg_small_pieces_not),
		cmocka_unit_test(test_jpeg_flat_arrow_not),
		cmocka_unit_test(test_jpeg_small_letters_not),
		cmocka_unit_test(test_jpeg_resaved_as_png_not),
		cmocka_unit_test(test_jpeg_gradient_bars),
		cmocka_unit_test(test_resampled_fine_detail_not),
		cmocka_unit_test(test_small_gentle_ramp_kept),
		cmocka_unit_test(test_flat_pieces_in_a_plane_jpeg_not),
		cmocka_unit_test(test_jpeg_two_close_tones_not),
		cmocka_unit_test(test_jpeg_chroma_over_small_pieces_not),
		cmocka_unit_test(test_glow_tail_kept),
		cmocka_unit_test(test_jpeg_flat_scene_not),
		cmocka_unit_test(test_jpeg_piece_noise_not),
		cmocka_unit_test(test_steep_radial_fill_small),
		cmocka_unit_test(test_small_radial_surface_span),
		cmocka_unit_test(test_jpeg_flat_base_on_canvas_not),
		cmocka_unit_test(test_jpeg_flat_base_core_not),
		cmocka_unit_test(test_jpeg_graded_card_with_mark_on_canvas),
		cmocka_unit_test(test_jpeg_thin_stroke_fan),
		cmocka_unit_test(test_jpeg_saturated_outline),
		cmocka_unit_test(test_thin_stroke_unmixed),
		cmocka_unit_test(test_jpeg_thin_stroke_core),
		cmocka_unit_test(test_hairline_word_unmixed_not),
		cmocka_unit_test(test_thin_flat_word_rim_not),
		cmocka_unit_test(test_thick_stroke_unmixed_reach),
		cmocka_unit_test(test_two_tone_fit),
		cmocka_unit_test(test_jpeg_two_tones_not),
		cmocka_unit_test(test_jpeg_bars_join),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
