/* palette rule: prominent colours of the mark, background and
 * anti-aliasing not counted. */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "testutil.h"
#include "rules/rules.h"

static const uint32_t colours[] = {
	0xe81123ff, 0xffb900ff, 0x107c10ff, 0x8a2be2ff, 0x00b7c3ff, 0x603010ff,
};

/* @k stripes of flat colour, each a disc with an anti-aliased rim, on a
 * flat background. */
static al_image *stripes(int k)
{
	al_image *img = tu_image_new(255, 115, 0xf4f0e8ff);
	for (int i = 0; i < k; i++)
		tu_disc(img, 30 + i * 39, 57, 17, colours[i]);
	return img;
}

/* Options with the threshold @key set to @value (@key NULL: the
 * defaults, NULL options). */
static al_options *threshold(const char *key, double value)
{
	if (!key)
		return NULL;
	char *err = NULL;
	al_options *o = al_options_new();
	assert_int_equal(al_options_set_threshold(o, key, value, &err), AL_OK);
	return o;
}

/* The rule's count of prominent colours in @img, a file whose header is
 * @info (NULL: a PNG), with the threshold @key set to @value (@key NULL:
 * the defaults); 0 when it does not fire. */
static double colours_as(const al_image *img, al_role role, const al_info *info,
                         const char *key, double value)
{
	al_options *o = threshold(key, value);
	tu_run run;
	double n = 0;
	if (tu_check_as(&run, &al_rule_palette, img, role, o, info) > 0)
		n = tu_finding(&run, 0)->measured;
	tu_run_clear(&run);
	return n;
}

static double colours_with(const al_image *img, al_role role, const char *key,
                           double value)
{
	return colours_as(img, role, NULL, key, value);
}

/* colours_with() with two thresholds set. */
static double colours_with2(const al_image *img, al_role role, const char *key,
                            double value, const char *key2, double value2)
{
	al_options *o = threshold(key, value);
	char *err = NULL;
	assert_int_equal(al_options_set_threshold(o, key2, value2, &err), AL_OK);
	tu_run run;
	double n = 0;
	if (tu_check(&run, &al_rule_palette, img, role, o) > 0)
		n = tu_finding(&run, 0)->measured;
	tu_run_clear(&run);
	return n;
}

static void test_three_colours_pass(void **state)
{
	(void)state;
	al_image *img = stripes(3);
	tu_run run;
	assert_int_equal(tu_check(&run, &al_rule_palette, img, AL_ROLE_WIDE, NULL), 0);
	tu_run_clear(&run);
	tu_image_free(img);
}

static void test_six_colours_flagged(void **state)
{
	(void)state;
	al_image *img = stripes(6);
	tu_run run;
	assert_int_equal(tu_check(&run, &al_rule_palette, img, AL_ROLE_WIDE, NULL), 1);
	const al_finding *f = tu_finding(&run, 0);
	assert_int_equal(f->severity, AL_SEV_WARNING);
	assert_true(f->has_measured);
	assert_true(f->measured == 6.0);
	assert_true(f->limit == 4.0);
	assert_non_null(strstr(f->message, "6 prominent colours"));
	tu_run_clear(&run);
	tu_image_free(img);
}

static void test_antialiasing_not_counted(void **state)
{
	(void)state;
	/* two colours with wide, many-step blended rims: dozens of distinct
	 * in-between colours, but none inside a flat area */
	al_image *img = tu_image_new(115, 115, 0x1a1a40ff);
	for (int r = 40; r >= 20; r--) {
		double t = (40 - r) / 20.0;
		if (r > 36 || r < 24)
			tu_disc(img, 57, 57, r, r > 36 ? 0xffc000ff : 0x00c0ffff);
		else {
			/* a 1-px ring of a blend: one AA step each */
			uint32_t c = (uint32_t)lround(255 * (1 - t)) << 24 |
			             (uint32_t)lround(192 * (1 - t) + 192 * t) << 16 |
			             (uint32_t)lround(255 * t) << 8 | 0xffu;
			tu_disc(img, 57, 57, r, c);
		}
	}
	assert_true(colours_with(img, AL_ROLE_LARGE, NULL, 0) == 0);
	/* a tighter limit proves the two real colours are seen */
	assert_true(colours_with(img, AL_ROLE_LARGE, "palette.max_colors", 1) == 2.0);
	tu_image_free(img);
}

static void test_near_colours_merge(void **state)
{
	(void)state;
	/* six discs in two families of near shades (CIE76 < 6) = 2 colours */
	static const uint32_t near[] = {
		0xe81123ff, 0xe01828ff, 0xee0c20ff, 0x107c10ff, 0x148014ff, 0x0c780cff,
	};
	al_image *img = tu_image_new(255, 115, 0xf4f0e8ff);
	for (int i = 0; i < 6; i++)
		tu_disc(img, 30 + i * 39, 57, 17, near[i]);
	tu_run run;
	assert_int_equal(tu_check(&run, &al_rule_palette, img, AL_ROLE_WIDE, NULL), 0);
	tu_run_clear(&run);
	tu_image_free(img);
}

/* sRGB mix of two packed colours, @t of the way from @a to @b; opaque */
static uint32_t mix(uint32_t a, uint32_t b, double t)
{
	uint32_t out = 0xffu;
	for (int sh = 8; sh <= 24; sh += 8) {
		double ca = (a >> sh) & 0xff, cb = (b >> sh) & 0xff;
		out |= (uint32_t)lround(ca + t * (cb - ca)) << sh;
	}
	return out;
}

static void test_background_mix_bands_not_counted(void **state)
{
	(void)state;
	/* four discs, each in a 3-px band of its half-mix with the background
	 * (too wide for the neighbour test): four colours, not eight */
	const uint32_t bg = 0x39e409ffu;
	al_image *img = tu_image_new(255, 115, bg);
	for (int i = 0; i < 4; i++) {
		tu_disc(img, 40 + i * 58, 57, 22, mix(colours[i], bg, 0.5));
		tu_disc(img, 40 + i * 58, 57, 19, colours[i]);
	}
	assert_true(colours_with(img, AL_ROLE_WIDE, NULL, 0) == 0);
	/* without the mix test the bands are colours of their own */
	assert_true(colours_with(img, AL_ROLE_WIDE, "palette.mix_de", 0) == 8.0);
	tu_image_free(img);
}

static void test_band_between_two_colours_not_counted(void **state)
{
	(void)state;
	/* red and blue bars meeting along a 2-px band of purple (as a
	 * downscaled join looks), plus two more colours: four, the band is
	 * the join's anti-aliasing */
	al_image *img = tu_image_new(255, 115, 0xf4f0e8ff);
	tu_fill(img, 30, 20, 12, 70, colours[0]);
	tu_fill(img, 42, 20, 2, 70, mix(colours[0], colours[3], 0.5));
	tu_fill(img, 44, 20, 12, 70, colours[3]);
	tu_disc(img, 140, 57, 12, colours[1]);
	tu_disc(img, 210, 57, 12, colours[2]);
	assert_true(colours_with(img, AL_ROLE_WIDE, NULL, 0) == 0);
	/* the band is big enough to be a fifth colour without the mix test */
	assert_true(colours_with(img, AL_ROLE_WIDE, "palette.mix_de", 0) == 5.0);
	tu_image_free(img);
}

static void test_separate_middle_colour_counts(void **state)
{
	(void)state;
	/* the same purple as a shape of its own, 5 px from red and blue, is a
	 * colour: five in all */
	uint32_t purple = mix(colours[0], colours[3], 0.5);
	al_image *img = tu_image_new(255, 115, 0xf4f0e8ff);
	tu_disc(img, 30, 57, 17, colours[0]);
	tu_disc(img, 69, 57, 17, purple);
	tu_disc(img, 108, 57, 17, colours[3]);
	tu_disc(img, 147, 57, 17, colours[1]);
	tu_disc(img, 186, 57, 17, colours[2]);
	tu_run run;
	assert_int_equal(tu_check(&run, &al_rule_palette, img, AL_ROLE_WIDE, NULL), 1);
	assert_true(tu_finding(&run, 0)->measured == 5.0);
	tu_run_clear(&run);
	tu_image_free(img);
}

/* A 2-px ring at 80 % opacity with straight (un-premultiplied) colour and
 * anti-aliased edges, as a renderer writes a translucent stroke on
 * transparency: not one pixel is fully opaque. */
static void soft_ring(al_image *img, double cx, double cy, double r, uint32_t rgb)
{
	for (int y = (int)(cy - r - 2); y <= (int)(cy + r + 2); y++)
		for (int x = (int)(cx - r - 2); x <= (int)(cx + r + 2); x++) {
			double d = hypot(x + 0.5 - cx, y + 0.5 - cy);
			double cov = CLAMP(MIN(r - d + 0.5, d - (r - 2.5)), 0.0, 1.0);
			if (cov > 0)
				tu_set(img, x, y, (rgb & 0xffffff00u) |
				                      (uint32_t)lround(cov * 204));
		}
}

static void test_translucent_strokes_on_transparency_count(void **state)
{
	(void)state;
	/* six translucent rings on transparency: six colours, each pixel
	 * counted with its own colour */
	al_image *img = tu_image_new(255, 115, 0x00000000u);
	for (int i = 0; i < 6; i++)
		soft_ring(img, 30 + i * 39, 57, 15.3, colours[i]);
	assert_true(colours_with(img, AL_ROLE_WIDE, NULL, 0) == 6.0);
	/* counting only fully opaque pixels, nothing is left */
	assert_true(colours_with(img, AL_ROLE_WIDE, "palette.alpha_min", 255) == 0);
	tu_image_free(img);
}

static void test_thin_stroke_colour_counts(void **state)
{
	(void)state;
	/* four solid discs and a fifth colour drawn only as a thin ring:
	 * most of the ring is anti-aliased rim, which still shows its
	 * colour, so it is prominent: five colours */
	const uint32_t bg = 0xf4f0e8ff;
	al_image *img = tu_image_new(255, 115, bg);
	for (int i = 0; i < 4; i++)
		tu_disc(img, 30 + i * 39, 57, 17, colours[i]);
	tu_disc(img, 216, 57, 17, colours[4]);
	tu_disc(img, 216, 57, 15, bg);
	assert_true(colours_with(img, AL_ROLE_WIDE, NULL, 0) == 5.0);
	tu_image_free(img);
}

/* An anti-aliased segment from (@x0, @y0) to (@x1, @y1), @wd px wide, in
 * @rgb over what is there (4x4 supersampled coverage). */
static void aa_line(al_image *img, double x0, double y0, double x1, double y1,
                    double wd, uint32_t rgb)
{
	double dx = x1 - x0, dy = y1 - y0, len2 = dx * dx + dy * dy;
	for (int y = 0; y < img->height; y++)
		for (int x = 0; x < img->width; x++) {
			int hits = 0;
			for (int j = 0; j < 4; j++)
				for (int i = 0; i < 4; i++) {
					double px = x + (i + 0.5) / 4, py = y + (j + 0.5) / 4;
					double t = CLAMP(((px - x0) * dx + (py - y0) * dy) / len2, 0.0, 1.0);
					hits += hypot(px - x0 - t * dx, py - y0 - t * dy) <= wd / 2;
				}
			if (!hits)
				continue;
			uint8_t *p = img->rgba + ((size_t)y * img->width + x) * 4;
			double a = hits / 16.0;
			for (int k = 0; k < 3; k++)
				p[k] = (uint8_t)lround(p[k] * (1 - a) + ((rgb >> (24 - 8 * k)) & 255) * a);
		}
}

static void test_thin_wireframe_aa_not_counted(void **state)
{
	(void)state;
	/* a 90x90 logo on white like a downscaled wireframe mark over a
	 * wordmark: a black bar and hairline black strokes, a red wireframe
	 * of hairlines with one thicker red line, a grey wireframe.  The red
	 * hairlines never show pure red: their pinks outnumber the red, and
	 * lie far from it, but each touches the background inside the red
	 * wireframe: three colours */
	al_image *img = tu_image_new(90, 90, 0xffffffff);
	tu_fill(img, 10, 72, 40, 8, 0x101010ff);
	for (int k = 0; k < 6; k++)
		aa_line(img, 55 + 5 * k, 62, 55 + 5 * k, 82, 0.7, 0x101010ff);
	aa_line(img, 20, 10, 80, 10, 2.6, 0xe5312dff);
	for (int k = 0; k < 7; k++)
		aa_line(img, 20 + 8 * k, 10, 30 + 6 * k, 45, 0.55, 0xe5312dff);
	aa_line(img, 20, 45, 70, 45, 0.55, 0xe5312dff);
	for (int k = 0; k < 4; k++)
		aa_line(img, 10 + 10 * k, 50, 25 + 12 * k, 65, 1.2, 0xb8c0c8ff);
	assert_true(colours_with(img, AL_ROLE_MEDIUM, NULL, 0) == 0);
	/* without the mix tests the pinks and greys count */
	assert_true(colours_with(img, AL_ROLE_MEDIUM, "palette.mix_de", 0) > 4);
	tu_image_free(img);
}

/* Black stems as subpixel-rendered (ClearType) text draws them on white,
 * each pixel @scale times: orange and brown fringes on the left of a
 * stem, navy and blue ones on its right, as the red, green and blue
 * stripes of the rim pixels are covered by different shares. */
static al_image *cleartype_stems(int scale)
{
	static const uint32_t stem[] = { 0xffb666ff, 0x903a00ff, 0x000000ff, 0x000000ff,
		                         0x00003aff, 0x66b6ffff };
	al_image *img = tu_image_new(160, 115, 0xffffffff);
	for (int k = 0; k < 5; k++)
		for (int j = 0; j < 6; j++)
			tu_fill(img, 10 + (14 * k + j) * scale, 30, scale, 50, stem[j]);
	return img;
}

static void test_cleartype_fringes_not_counted(void **state)
{
	(void)state;
	/* black text with coloured fringes is one colour, also scaled up 2x
	 * (fringes 2 px wide); the fringes alone would make five */
	for (int scale = 1; scale <= 2; scale++) {
		al_image *img = cleartype_stems(scale);
		assert_true(colours_with(img, AL_ROLE_LARGE, NULL, 0) == 0);
		tu_image_free(img);
	}
}

static void test_close_shades_count(void **state)
{
	(void)state;
	/* a flat illustration: four colours, one of them in two shades 12
	 * CIE76 apart (a lit and a shaded face): five colours */
	al_image *img = tu_image_new(115, 115, 0xffffffff);
	tu_fill(img, 10, 10, 45, 45, 0x2b8fcfff);
	tu_fill(img, 55, 10, 45, 45, 0x4aaaeeff);
	tu_disc(img, 32, 80, 16, colours[0]);
	tu_disc(img, 70, 80, 12, colours[1]);
	tu_disc(img, 98, 85, 9, colours[2]);
	assert_true(colours_with(img, AL_ROLE_LARGE, NULL, 0) == 5.0);
	/* merged at 15, the shades are one colour */
	assert_true(colours_with(img, AL_ROLE_LARGE, "palette.merge_de", 15) == 0);
	tu_image_free(img);
}

/* A 40x40 logo on white: a disc of colour @disc (radius @r0, centre
 * @cx, @cy) with @k rings over it (radius r[i], stroke width sw[i],
 * colour col[i]), rendered with 8x8 samples per pixel (the coverage a
 * renderer gives). */
typedef struct {
	double cx, cy, r0;
	uint32_t disc;
	int k;
	double r[6], sw[6];
	uint32_t col[6];
} rings_spec;

static al_image *fine_rings(const rings_spec *s)
{
	al_image *img = tu_image_new(40, 40, 0xffffffff);
	for (int y = 0; y < 40; y++)
		for (int x = 0; x < 40; x++) {
			double acc[3] = { 0, 0, 0 };
			for (int sy = 0; sy < 8; sy++)
				for (int sx = 0; sx < 8; sx++) {
					double r = hypot(x + (sx + 0.5) / 8 - s->cx, y + (sy + 0.5) / 8 - s->cy);
					uint32_t c = r <= s->r0 ? s->disc : 0xffffffffu;
					for (int i = 0; i < s->k; i++)
						if (fabs(r - s->r[i]) <= s->sw[i] / 2)
							c = s->col[i];
					for (int ch = 0; ch < 3; ch++)
						acc[ch] += (double)((c >> (24 - 8 * ch)) & 255) / 64.0;
				}
			tu_set(img, x, y, (uint32_t)lround(acc[0]) << 24 | (uint32_t)lround(acc[1]) << 16 |
			                  (uint32_t)lround(acc[2]) << 8 | 0xffu);
		}
	return img;
}

/* Rings under a pixel wide never show their pure colour: their mixes
 * with the disc under them can outnumber it, but they are blends, not
 * colours (three colours each: the disc and two ring colours). */
static void test_fine_rings_not_counted(void **state)
{
	(void)state;
	static const rings_spec specs[] = {
		{ 19.1, 19.2, 17.8, 0xfa6d90ff, 3, { 16.93, 12.18, 7.43 }, { 0.72, 0.71, 0.62 },
		  { 0xa2dc66ff, 0x592f25ff, 0xa2dc66ff } },
		{ 19.3, 20.4, 15.7, 0xcd5a65ff, 3, { 14.90, 10.72, 6.53 }, { 0.54, 0.91, 1.10 },
		  { 0xf0c0eaff, 0x94f545ff, 0xf0c0eaff } },
		{ 18.5, 18.6, 16.9, 0xa74011ff, 4, { 16.08, 12.69, 9.31, 5.92 },
		  { 1.27, 1.08, 0.53, 0.58 }, { 0xbea411ff, 0x386982ff, 0xbea411ff, 0x386982ff } },
	};
	for (size_t i = 0; i < G_N_ELEMENTS(specs); i++) {
		al_image *img = fine_rings(&specs[i]);
		assert_true(colours_with(img, AL_ROLE_SMALL, NULL, 0) == 0);
		tu_image_free(img);
	}
}

/* A colour of its own drawn in bands 3 px wide over another colour, and
 * lying between two colours of the mark in sRGB (orange over red, with
 * yellow beside), counts: its bands have pixels that are not thin. */
static void test_band_of_own_colour_counts(void **state)
{
	(void)state;
	al_image *img = tu_image_new(90, 90, 0xffffffff);
	tu_fill(img, 10, 10, 40, 70, 0xe81123ff);      /* red */
	for (int y = 14; y < 76; y += 8)
		tu_fill(img, 10, y, 40, 3, 0xf46a12ff);    /* orange bands */
	tu_fill(img, 55, 10, 25, 20, 0xffb900ff);      /* yellow */
	tu_fill(img, 55, 35, 25, 20, 0x107c10ff);      /* green */
	tu_fill(img, 55, 60, 25, 20, 0x8a2be2ff);      /* violet */
	assert_true(colours_with(img, AL_ROLE_MEDIUM, NULL, 0) == 5);
	tu_image_free(img);
}

/* Rings of two colours under a pixel wide, alternating over a disc of a
 * third colour, with one of the ring colours pure only in a small mark
 * in the middle (a 40-px ring logo): the rings' mixes with the disc
 * outnumber the pure colours and lie far from them, but they never
 * fill an area -- three colours, not six. */
static void test_rings_mixing_each_other_not_counted(void **state)
{
	(void)state;
	static const double widths[][5] = {
		{ 0.9, 1.2, 0.7, 1.1, 0.8 },
		{ 1.3, 0.6, 1.0, 0.9, 1.2 },
	};
	for (size_t w = 0; w < G_N_ELEMENTS(widths); w++) {
		rings_spec s = { 20.0, 20.0, 17.5, 0x26385cff, 5, { 0 }, { 0 }, { 0 } };
		for (int i = 0; i < 5; i++) {
			s.r[i] = 17.5 * (0.95 - 0.8 * i / 5.0);
			s.sw[i] = widths[w][i];
			s.col[i] = i % 2 ? 0x71d7a5ff : 0xd88fd7ff;
		}
		al_image *img = fine_rings(&s);
		tu_fill(img, 17, 20, 7, 1, 0x71d7a5ff);    /* a thin green cross */
		tu_fill(img, 20, 17, 1, 7, 0x71d7a5ff);
		assert_true(colours_with(img, AL_ROLE_SMALL, NULL, 0) == 0);
		tu_image_free(img);
	}
}

/* A colour of its own in strokes 2 px wide, lying between two colours
 * of the mark in sRGB (royal blue between blue and white), on
 * transparency: its strokes never fill a patch, but no piece of the
 * mark holds the colours it would mix -- five colours. */
static void test_thin_colour_apart_counts(void **state)
{
	(void)state;
	al_image *img = tu_image_new(255, 115, 0x00000000u);
	tu_disc(img, 30, 57, 17, 0x0050efff);
	tu_disc(img, 69, 57, 17, 0xfcfcfcff);
	tu_disc(img, 108, 57, 17, 0x2b579aff);
	tu_disc(img, 147, 57, 17, 0x222222ff);
	for (int k = 0; k < 4; k++) {
		tu_fill(img, 175 + 16 * k, 30, 2, 55, 0x4169e1ff);
		tu_fill(img, 175, 30 + 17 * k, 50, 2, 0x4169e1ff);
	}
	assert_true(colours_with(img, AL_ROLE_WIDE, NULL, 0) == 5.0);
	tu_image_free(img);
}

/* A hairline colour: four discs and a fifth colour only in lines 0.6 px
 * wide on the background.  Its pure colour is a small share; the rest
 * are its mixes with the background, and their weight is its -- five
 * colours (four when the mixes' weight were dropped). */
static void test_hairline_colour_weighs_its_mixes(void **state)
{
	(void)state;
	al_image *img = tu_image_new(255, 115, 0xffffffff);
	for (int i = 0; i < 4; i++)
		tu_disc(img, 30 + i * 39, 57, 17, colours[i]);
	for (int k = 0; k < 6; k++)
		aa_line(img, 180 + 10 * k, 15, 190 + 10 * k, 100, 0.6, 0x603010ff);
	aa_line(img, 178, 20, 250, 25, 0.6, 0x603010ff);
	aa_line(img, 178, 95, 250, 90, 0.6, 0x603010ff);
	assert_true(colours_with(img, AL_ROLE_WIDE, NULL, 0) == 5.0);
	tu_image_free(img);
}

/* JPEG 4:2:0: each 2x2 block keeps its pixels' luma (Y) but shares one
 * chroma (Cb, Cr), the block's mean (BT.601, full range). */
static void subsample_chroma(al_image *img)
{
	for (int by = 0; by + 1 < img->height; by += 2)
		for (int bx = 0; bx + 1 < img->width; bx += 2) {
			double y[4], cb = 0, cr = 0;
			for (int k = 0; k < 4; k++) {
				uint8_t *p = img->rgba + ((size_t)(by + k / 2) * img->width + bx + k % 2) * 4;
				y[k] = 0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2];
				cb += (-0.168736 * p[0] - 0.331264 * p[1] + 0.5 * p[2]) / 4;
				cr += (0.5 * p[0] - 0.418688 * p[1] - 0.081312 * p[2]) / 4;
			}
			for (int k = 0; k < 4; k++) {
				uint8_t *p = img->rgba + ((size_t)(by + k / 2) * img->width + bx + k % 2) * 4;
				p[0] = (uint8_t)CLAMP(lround(y[k] + 1.402 * cr), 0, 255);
				p[1] = (uint8_t)CLAMP(lround(y[k] - 0.344136 * cb - 0.714136 * cr), 0, 255);
				p[2] = (uint8_t)CLAMP(lround(y[k] + 1.772 * cb), 0, 255);
			}
		}
}

/* Four strokes 3 px wide on a brown ground, through 4:2:0 chroma: the
 * column that shares its chroma block with the ground has the stroke's
 * luma and half the ground's chroma (and the ground's column beside it
 * the reverse) -- colours no sRGB mix gives.  In a JPEG that says its
 * chroma is subsampled they are mixes: four colours. */
static void test_jpeg_chroma_bleed_not_counted(void **state)
{
	(void)state;
	static const uint32_t strokes[] = { 0x5fa8b0ff, 0xf0d040ff, 0xe070c0ff, 0x40c060ff };
	al_image *img = tu_image_new(90, 90, 0x563214ff);
	for (int i = 0; i < 4; i++)
		for (int k = 0; k < 3; k++) {
			tu_fill(img, 11 + 20 * i, 10, 3, 70, strokes[i]);
			tu_fill(img, 11 + 20 * i + 6, 10 + 20 * k, 9, 3, strokes[i]);
		}
	subsample_chroma(img);
	al_info info = { .format = AL_FMT_JPEG, .width = 90, .height = 90, .bit_depth = 8,
	                 .channels = 3, .png_color_type = -1, .orientation = 1,
	                 .chroma_subsampled = true };
	tu_run run;
	assert_int_equal(tu_check_as(&run, &al_rule_palette, img, AL_ROLE_MEDIUM, NULL, &info), 0);
	tu_run_clear(&run);
	/* full-resolution chroma cannot do that: the colours count (when
	 * no pixel takes its neighbours' chroma, jpeg_chroma_px 0; with it,
	 * each stroke's luma keeps its pixels' chroma apart from the
	 * ground's, and the bleed is undone before it is judged) */
	info.chroma_subsampled = false;
	char *err = NULL;
	al_options *o = al_options_new();
	assert_int_equal(al_options_set_threshold(o, "palette.jpeg_chroma_px", 0, &err), AL_OK);
	assert_int_equal(tu_check_as(&run, &al_rule_palette, img, AL_ROLE_MEDIUM, o, &info), 1);
	tu_run_clear(&run);
	tu_image_free(img);
}

/* JPEG's chroma noise, modelled: every pixel keeps its luma (Y) exactly
 * but its chroma (Cb, Cr) is off by a drift shared by its 16x16 block
 * (up to @amp / 2) plus its own noise (up to @amp), as coarse chroma
 * quantisation leaves a flat area.  Deterministic (a fixed LCG). */
static void jpeg_chroma_noise(al_image *img, double amp)
{
	uint32_t s = 12345;
#define RND() ((s = s * 1664525u + 1013904223u), (double)(s >> 8) / 16777216.0 * 2 - 1)
	int bw = (img->width + 15) / 16, bh = (img->height + 15) / 16;
	double *drift = g_new(double, (size_t)bw * bh * 2);
	for (int k = 0; k < bw * bh * 2; k++)
		drift[k] = RND() * amp / 2;
	for (int y = 0; y < img->height; y++)
		for (int x = 0; x < img->width; x++) {
			uint8_t *p = img->rgba + ((size_t)y * img->width + x) * 4;
			const double *d = drift + ((size_t)(y / 16) * bw + x / 16) * 2;
			double yy = 0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2];
			double cb = -0.168736 * p[0] - 0.331264 * p[1] + 0.5 * p[2] + d[0] + RND() * amp;
			double cr = 0.5 * p[0] - 0.418688 * p[1] - 0.081312 * p[2] + d[1] + RND() * amp;
			p[0] = (uint8_t)CLAMP(lround(yy + 1.402 * cr), 0, 255);
			p[1] = (uint8_t)CLAMP(lround(yy - 0.344136 * cb - 0.714136 * cr), 0, 255);
			p[2] = (uint8_t)CLAMP(lround(yy + 1.772 * cb), 0, 255);
		}
#undef RND
	g_free(drift);
}

/* The header of @img saved as a JPEG with 4:2:0 chroma. */
static al_info jpeg_info(const al_image *img)
{
	al_info info = { .format = AL_FMT_JPEG, .width = img->width, .height = img->height,
	                 .bit_depth = 8, .channels = 3, .png_color_type = -1,
	                 .orientation = 1, .chroma_subsampled = true };
	return info;
}

/* Three flat colours, each in two squares in other 16-px blocks, on a
 * flat ground, through JPEG-like chroma noise: the noise splits each
 * colour into tones 10+ apart at one lightness and makes most pixels of
 * a flat area look like edge blends.  In a JPEG each pixel takes the
 * mean chroma of its neighbours of its own luma: three colours.  The
 * same noise in a PNG is taken at its word (and without the mean the
 * JPEG is too: the old count). */
static void test_jpeg_chroma_noise_not_counted(void **state)
{
	(void)state;
	static const uint32_t three[] = { 0x00bcd4ff, 0x3f51b5ff, 0xff9800ff };
	al_image *img = tu_image_new(115, 115, 0xe8e0d0ff);
	for (int i = 0; i < 3; i++)
		for (int k = 0; k < 2; k++)
			tu_fill(img, 8 + 36 * i, 10 + 52 * k, 27, 40, three[i]);
	jpeg_chroma_noise(img, 9);
	al_info jpeg = jpeg_info(img);
	assert_true(colours_as(img, AL_ROLE_LARGE, &jpeg, NULL, 0) == 0);
	assert_true(colours_as(img, AL_ROLE_LARGE, &jpeg, "palette.jpeg_chroma_px", 0) > 4);
	assert_true(colours_with(img, AL_ROLE_LARGE, NULL, 0) > 4);
	tu_image_free(img);
}

/* Five flat colours through the same noise still count five, and two
 * of them that share one luma and touch (a red and a green of equal Y,
 * 40+ CIE76 apart) stay two: only the chroma along their seam is
 * averaged across it. */
static void test_jpeg_five_colours_count(void **state)
{
	(void)state;
	/* #c05050 and #4a8a4a: Y 107.9 and 107.8 */
	static const uint32_t five[] = { 0xc05050ff, 0x4a8a4aff, 0x1565c0ff, 0xffc107ff,
	                                 0x6a1b9aff };
	al_image *img = tu_image_new(115, 115, 0xf8f8f8ff);
	tu_fill(img, 8, 8, 50, 50, five[0]);
	tu_fill(img, 58, 8, 50, 50, five[1]);
	tu_fill(img, 8, 66, 30, 40, five[2]);
	tu_fill(img, 44, 66, 30, 40, five[3]);
	tu_fill(img, 80, 66, 28, 40, five[4]);
	jpeg_chroma_noise(img, 9);
	al_info jpeg = jpeg_info(img);
	assert_true(colours_as(img, AL_ROLE_LARGE, &jpeg, NULL, 0) == 5.0);
	tu_image_free(img);
}

/* Three light squares on a teal ground, each outlined by a 1-px dark
 * line whose chroma JPEG pulled towards the ground (its own luma, the
 * hue of the teal), joined by a dark stem 3 px wide in the pure dark
 * (its middle more than 4 px from the outline).  The outline is a colour
 * of the design, no mix of the stem's colour and the ground: five
 * colours.  Taking mixes by chroma alone between colours of any size, the
 * outline went as the stem's rim on the ground: four. */
static void test_jpeg_dark_outline_counts(void **state)
{
	(void)state;
	/* #1a1018 and #001c1a: Y 19.9 and 19.4, 17 CIE76 apart; the outline
	 * holds 0.39 of the way from the dark's chroma to the teal's */
	const uint32_t ground = 0x1a6b6bff, outline = 0x001c1aff, dark = 0x1a1018ff;
	static const uint32_t fills[] = { 0xe81123ff, 0xffb900ff, 0xf0a0d0ff };
	al_image *img = tu_image_new(115, 115, ground);
	for (int i = 0; i < 3; i++) {
		int x = 12 + (i % 2) * 52, y = 12 + (i / 2) * 52;
		tu_fill(img, x - 1, y - 1, 26, 26, outline);
		tu_fill(img, x, y, 24, 24, fills[i]);
	}
	tu_fill(img, 36, 37, 3, 26, dark);
	al_info jpeg = jpeg_info(img);
	assert_true(colours_as(img, AL_ROLE_LARGE, &jpeg, NULL, 0) == 5.0);
	tu_image_free(img);
}

/* Four flat discs and a small dot of a fifth colour whose edge is soft,
 * as a downscaled or JPEG-saved logo shows a small area: a core of 4 px
 * radius in rings of its mixes with the ground, 1 px each.  The middle
 * rings lie between two rings, blends between blends; their parts go to
 * the dot through the nearer ring, so the dot holds the area it shows
 * (4.3 % of the colours' weight, not 2.6 %) and counts. */
static void test_soft_small_dot_counts(void **state)
{
	(void)state;
	const uint32_t bg = 0xf4f0e8ffu, dot = 0x8a2be2ffu;
	al_image *img = tu_image_new(90, 90, bg);
	for (int i = 0; i < 4; i++)
		tu_disc(img, 22 + 46 * (i % 2), 22 + 46 * (i / 2), 13, colours[i == 3 ? 4 : i]);
	static const double ring[] = { 0.2, 0.4, 0.6, 0.8 };
	for (int k = 0; k < 4; k++)
		tu_disc(img, 45, 45, 8 - k, mix(bg, dot, ring[k]));
	tu_disc(img, 45, 45, 4, dot);
	assert_true(colours_with(img, AL_ROLE_MEDIUM, NULL, 0) == 5.0);
	tu_image_free(img);
}

/* Four smaller discs and a soft spot: a radial ramp from the ground to
 * a fifth colour, pure only at its middle pixel (a glow, a highlight;
 * JPEG noise leaves such lone pixels in a sea of blends too).  Its rings
 * are blends of blends that all lead to that pixel; it takes at most 4
 * of their parts through other blends, so the spot stays a ramp (the
 * gradient rule's), 1 % of the weight, not a colour of 3.8 % that one
 * pixel shows. */
static void test_soft_spot_not_counted(void **state)
{
	(void)state;
	const uint32_t bg = 0xf4f0e8ffu, spot = 0x8a2be2ffu;
	al_image *img = tu_image_new(90, 90, bg);
	for (int i = 0; i < 4; i++)
		tu_disc(img, 22 + 46 * (i % 2), 22 + 46 * (i / 2), 8, colours[i == 3 ? 4 : i]);
	for (int r = 6; r >= 1; r--)
		tu_disc(img, 45, 45, r, mix(bg, spot, 1.0 - (r / 7.0) * (r / 7.0)));
	tu_set(img, 45, 45, spot);
	assert_true(colours_with(img, AL_ROLE_MEDIUM, NULL, 0) == 0);
	assert_true(colours_with(img, AL_ROLE_MEDIUM, "palette.max_colors", 1) == 4.0);
	tu_image_free(img);
}

static void test_small_filled_area_counts(void **state)
{
	(void)state;
	/* a 40-px logo on white like a small emoji: brown hair and a skin
	 * area 5 px wide in the very colour a brown hairline's mix with the
	 * white would have, most of it within 2 px of the white, plus
	 * three more colours.  The skin fills a patch (its inner pixels have
	 * skin all round), so it is no hairline's mix: five colours */
	const uint32_t bg = 0xffffffffu, brown = 0x82402bffu;
	al_image *img = tu_image_new(40, 40, bg);
	tu_fill(img, 4, 4, 6, 12, brown);
	tu_fill(img, 10, 4, 5, 12, mix(brown, bg, 0.55));
	tu_fill(img, 20, 4, 7, 7, colours[1]);
	tu_fill(img, 4, 24, 7, 7, colours[2]);
	tu_fill(img, 20, 24, 7, 7, colours[4]);
	assert_true(colours_with(img, AL_ROLE_SMALL, NULL, 0) == 5.0);
	/* without the fill test the skin is taken for the hair's rim (the
	 * skin is one exact colour, so the uniform test is off too) */
	assert_true(colours_with2(img, AL_ROLE_SMALL, "palette.fill_share", 1,
	                          "palette.mix_uniform", 0) == 0);
	tu_image_free(img);
}

/* A 40-px flat icon like a clipboard with a checklist: a white card in
 * a dark blue-grey frame, a mid blue-grey clip, and two list items, each
 * a 3x3 box and a 1-px line, one light blue-grey and one blue.  The
 * blue-greys of a tonal set lie on one line in sRGB, so the light one
 * sits between the white it is drawn on and the frame, thin across the
 * white -- as a sub-pixel ring's mixes would.  But every one of its
 * pixels is the one colour the artist drew, as no ring's varying cover
 * gives: five colours. */
static void test_drawn_tint_in_thin_lines_counts(void **state)
{
	(void)state;
	al_image *img = tu_image_new(40, 40, 0x96eb2effu);
	tu_fill(img, 6, 6, 28, 30, 0x465c63ffu);       /* frame */
	tu_fill(img, 8, 8, 24, 26, 0xffffffffu);       /* card */
	tu_fill(img, 14, 3, 12, 5, 0x90a4aeffu);       /* clip */
	for (int k = 0; k < 2; k++) {
		uint32_t c = k ? 0x0cacf5ffu : 0xcfd8dcffu;
		tu_fill(img, 11, 14 + 8 * k, 3, 3, c);      /* box */
		tu_fill(img, 15, 15 + 8 * k, 14, 1, c);     /* line */
		tu_fill(img, 11, 18 + 8 * k, 18, 1, c);     /* line */
	}
	assert_true(colours_with(img, AL_ROLE_SMALL, NULL, 0) == 5.0);
	/* without the uniform test the light blue-grey is the white's mix
	 * with the frame */
	assert_true(colours_with(img, AL_ROLE_SMALL, "palette.mix_uniform", 0) == 0);
	tu_image_free(img);
}

/* Four flat squares of 900 px and a fifth of 100 px (2.7 % of the mark)
 * on a light ground, 115 px. */
static al_image *four_squares_and_a_small_one(void)
{
	al_image *img = tu_image_new(115, 115, 0xf4f0e8ff);
	for (int i = 0; i < 4; i++)
		tu_fill(img, 10 + (i % 2) * 50, 10 + (i / 2) * 50, 30, 30, colours[i]);
	tu_fill(img, 95, 95, 10, 10, colours[4]);
	return img;
}

/* Four flat squares and a fifth colour that holds 2.7 % of the mark:
 * a colour at 3 % of the design measures 0.83 to 0.92 of its share at
 * the 10th percentile (anti-aliasing, JPEG, 40 px), so it is prominent
 * from 2.5 %: five colours.  From 3 % it was lost: none. */
static void test_colour_under_three_percent_counts(void **state)
{
	(void)state;
	al_image *img = four_squares_and_a_small_one();
	assert_true(colours_with(img, AL_ROLE_LARGE, NULL, 0) == 5.0);
	assert_true(colours_with(img, AL_ROLE_LARGE, "palette.min_share", 0.03) == 0);
	tu_image_free(img);
}

/* Does the rule, run on @img (header @info) with the threshold @key set
 * to @value (@key NULL: the defaults), list the colour @hex? */
static bool lists_colour(const al_image *img, const al_info *info, const char *key,
                         double value, const char *hex)
{
	al_options *o = threshold(key, value);
	tu_run run;
	bool found = tu_check_as(&run, &al_rule_palette, img, AL_ROLE_LARGE, o, info) > 0 &&
	             strstr(tu_finding(&run, 0)->message, hex) != NULL;
	tu_run_clear(&run);
	return found;
}

/* A JPEG (4:2:0): a dark blue square with an olive band 3 px wide along
 * two sides, and small yellow dots 3 px beyond the band.  The olive has
 * 0.15 of the way from the blue's luma to the yellow's and half the way
 * from the blue's chroma to the yellow's: a colour JPEG's chroma smear
 * between the blue and the yellow gives.  But the yellow dots hold less
 * than a quarter of the olive's pixels, and a smear round a small area
 * (2 px each side of it) holds at most about 3 times its pixels: the
 * olive is a colour of its own, and with a red, a green and a violet
 * square it is one of five.  Taking the smear from an end of any size,
 * the olive was a mix. */
static void test_jpeg_colour_no_smear_of_small_end(void **state)
{
	(void)state;
	/* #505020: Y 74.5, Cb -24.0, Cr 3.9; #203070: Y 50.5, Cb 34.7,
	 * Cr -13.2; #f0e040: Y 210.5, Cb -82.7, Cr 21.0 */
	const uint32_t blue = 0x203070ff, olive = 0x505020ff, yellow = 0xf0e040ff;
	al_image *img = tu_image_new(115, 115, 0xf4f4f4ff);
	tu_fill(img, 10, 10, 43, 43, olive);
	tu_fill(img, 10, 10, 40, 40, blue);
	/* 2x2 dots 3 px beyond the band, every 6 px along its two sides:
	 * 56 px against the olive's 249 */
	for (int k = 0; k < 7; k++) {
		tu_fill(img, 56, 12 + 6 * k, 2, 2, yellow);
		tu_fill(img, 12 + 6 * k, 56, 2, 2, yellow);
	}
	tu_fill(img, 70, 10, 14, 14, colours[0]);
	tu_fill(img, 70, 70, 14, 14, colours[2]);
	tu_fill(img, 10, 70, 14, 14, colours[3]);
	al_info jpeg = jpeg_info(img);
	assert_true(lists_colour(img, &jpeg, NULL, 0, "#505020"));
	assert_false(lists_colour(img, &jpeg, "palette.jpeg_smear_end", 0, "#505020"));
	tu_image_free(img);
}

/* Four dark squares on a light ground, saved as a JPEG: the ground's
 * pixels along each square ring past the ground, a lighter speck every
 * other pixel of the rim (#ffffff on #e4dccc, 15 CIE76 apart, 1 px wide,
 * 5 % of the weight).  Such a colour never fills a patch and lies along
 * the ground, within jpeg_halo_de of it: the ground's ringing, four
 * colours.  A PNG is taken at its word (five), and so is a JPEG with
 * jpeg_halo_de 0 (the old count).  A light tint of the ground that fills
 * a square (as near the ground) is a colour in a JPEG too. */
static void test_jpeg_ground_ringing_not_counted(void **state)
{
	(void)state;
	static const uint32_t four[] = { 0x1565c0ff, 0x6a1b9aff, 0x107c10ff, 0x603010ff };
	al_image *img = tu_image_new(115, 115, 0xe4dcccff);
	for (int i = 0; i < 4; i++) {
		int x0 = 12 + 52 * (i % 2), y0 = 12 + 52 * (i / 2);
		tu_fill(img, x0, y0, 36, 36, four[i]);
		for (int k = 0; k < 36; k += 2) {
			tu_set(img, x0 + k, y0 - 1, 0xffffffff);
			tu_set(img, x0 + k, y0 + 36, 0xffffffff);
			tu_set(img, x0 - 1, y0 + k, 0xffffffff);
			tu_set(img, x0 + 36, y0 + k, 0xffffffff);
		}
	}
	al_info jpeg = jpeg_info(img);
	assert_true(colours_as(img, AL_ROLE_LARGE, &jpeg, NULL, 0) == 0);
	assert_true(colours_as(img, AL_ROLE_LARGE, &jpeg, "palette.jpeg_halo_de", 0) == 5.0);
	assert_true(colours_with(img, AL_ROLE_LARGE, NULL, 0) == 5.0);
	/* a filled tint of the ground, 15 CIE76 from it, counts */
	tu_fill(img, 50, 50, 14, 14, 0xffffffff);
	assert_true(colours_as(img, AL_ROLE_LARGE, &jpeg, NULL, 0) == 5.0);
	tu_image_free(img);
}

/* A mark downscaled with Lanczos or bicubic onto a dark ground has a ring
 * a pixel wide round it a little darker than the ground: the filter's
 * undershoot, past the ground on the line from the mark's edge colour
 * (a green outline) through the ground, and no colour of the logo.
 * Three inner colours, a 2-px green outline and a 1-px ring 12 and 14 %
 * past the ground: four colours, not five.  A ring 3 px wide in those
 * colours is drawn, most of it away from the ground, and counts. */
static al_image *ringed_mark(int ring)
{
	al_image *img = tu_image_new(44, 44, 0x123133ff);
	for (int k = 0; k < ring; k++)
		for (int i = 0; i < 26 + 2 * k; i++) {
			int o = 7 - k, e = 32 + k;
			uint32_t c = (i + k) % 2 ? 0x111f35ff : 0x111d35ff;
			tu_set(img, o + i, o, c);
			tu_set(img, o + i, e, c);
			tu_set(img, o, o + i, c);
			tu_set(img, e, o + i, c);
		}
	tu_fill(img, 8, 8, 24, 24, 0x1ac624ff);
	tu_fill(img, 10, 10, 10, 10, 0xb84b3fff);
	tu_fill(img, 20, 10, 10, 10, 0x3050c0ff);
	tu_fill(img, 10, 20, 10, 10, 0xe0c040ff);
	tu_fill(img, 20, 20, 10, 10, 0xb84b3fff);
	return img;
}

static void test_ground_undershoot_ring_not_counted(void **state)
{
	(void)state;
	al_image *img = ringed_mark(1);
	assert_true(colours_with(img, AL_ROLE_SMALL, NULL, 0) == 0);
	assert_true(colours_with(img, AL_ROLE_SMALL, "palette.max_colors", 3) == 4.0);
	tu_image_free(img);
	img = ringed_mark(3);
	assert_true(colours_with(img, AL_ROLE_SMALL, NULL, 0) == 5.0);
	tu_image_free(img);
}

/* A mark with an outline under a pixel wide, downscaled onto a plain
 * ground: along a straight edge the outline leaves one exact mix of
 * itself and the ground (45 % of the way to it above and below, 30 %
 * left and right: another sub-pixel offset), and its pure colour shows
 * only at the corners.  Each mix lies one pixel deep between the ground
 * and the mark, so it is the outline's mix, not a colour: a green fill
 * with a red and a blue inner square and the outline are four colours,
 * not six.  A ring 2 px wide of one tint drawn round it is a colour of
 * its own (five). */
static al_image *outlined_mark(int band)
{
	al_image *img = tu_image_new(40, 40, 0xe6ebf5ff);
	if (band) {
		tu_fill(img, 6, 6, 28, 28, 0xd993a2ff);
	} else {
		tu_fill(img, 8, 7, 24, 1, 0xd993a2ff);
		tu_fill(img, 8, 32, 24, 1, 0xd993a2ff);
		tu_fill(img, 7, 8, 1, 24, 0xddb1beff);
		tu_fill(img, 32, 8, 1, 24, 0xddb1beff);
		for (int k = 0; k < 4; k++)
			tu_set(img, k % 2 ? 32 : 7, k / 2 ? 32 : 7, 0xc8283cff);
	}
	tu_fill(img, 8, 8, 24, 24, 0x1ac624ff);
	tu_fill(img, 10, 10, 10, 10, 0xb84b3fff);
	tu_fill(img, 20, 20, 10, 10, 0xb84b3fff);
	tu_fill(img, 20, 10, 10, 10, 0x3050c0ff);
	tu_fill(img, 10, 20, 10, 10, 0x3050c0ff);
	return img;
}

static void test_subpixel_outline_mix_not_counted(void **state)
{
	(void)state;
	al_image *img = outlined_mark(0);
	assert_true(colours_with(img, AL_ROLE_SMALL, NULL, 0) == 0);
	assert_true(colours_with(img, AL_ROLE_SMALL, "palette.max_colors", 3) == 4.0);
	tu_image_free(img);
	img = outlined_mark(1);
	assert_true(colours_with(img, AL_ROLE_SMALL, "palette.max_colors", 3) == 4.0);
	tu_image_free(img);
}

/* The message lists each colour with its share: one decimal under 10 %,
 * so that a colour counted from min_share (2.5 %) does not print as the
 * 3 % it falls short of.  The image of
 * test_colour_under_three_percent_counts: four squares of 900 px (24 %)
 * and a fifth of 100 px (2.7 %). */
static void test_message_share_decimals(void **state)
{
	(void)state;
	al_image *img = four_squares_and_a_small_one();
	assert_true(lists_colour(img, NULL, NULL, 0, "#00b7c3 2.7 %"));
	assert_true(lists_colour(img, NULL, NULL, 0, "#e81123 24 %"));
	tu_image_free(img);
}

/* A random logo for the reference test: a flat, noisy or transparent
 * ground, 1 to 9 discs, bars and hairlines in random colours (some
 * translucent), speckle, and for some a JPEG's chroma noise and 4:2:0
 * chroma. */
static al_image *random_logo(GRand *rnd, int w, int h, bool *jpeg)
{
	uint32_t ground = g_rand_boolean(rnd) ? (g_rand_int(rnd) | 0xffu) :
	                  g_rand_boolean(rnd) ? 0xffffffffu : 0x00000000u;
	al_image *img = tu_image_new(w, h, ground);
	int shapes = g_rand_int_range(rnd, 1, 10);
	for (int k = 0; k < shapes; k++) {
		uint32_t c = g_rand_int(rnd);
		c = g_rand_int_range(rnd, 0, 4) ? (c | 0xffu) : (c & 0xffffff00u) | g_rand_int_range(rnd, 1, 256);
		double x = g_rand_double_range(rnd, -5, w + 5), y = g_rand_double_range(rnd, -5, h + 5);
		switch (g_rand_int_range(rnd, 0, 3)) {
		case 0:
			tu_disc(img, x, y, g_rand_double_range(rnd, 0.5, w / 2.0), c);
			break;
		case 1:
			tu_fill(img, (int)x, (int)y, g_rand_int_range(rnd, 1, w + 1),
			        g_rand_int_range(rnd, 1, h + 1), c);
			break;
		default: /* a hairline */
			tu_fill(img, (int)x, 0, 1, h, c);
			break;
		}
	}
	for (int k = g_rand_int_range(rnd, 0, 3) ? 0 : g_rand_int_range(rnd, 1, w * h / 8 + 2); k > 0; k--)
		tu_set(img, g_rand_int_range(rnd, 0, w), g_rand_int_range(rnd, 0, h), g_rand_int(rnd) | 0xffu);
	*jpeg = ground & 0xffu && g_rand_boolean(rnd);
	if (*jpeg) {
		/* a JPEG is opaque */
		for (int i = 0; i < w * h; i++)
			img->rgba[i * 4 + 3] = 255;
		if (g_rand_boolean(rnd))
			jpeg_chroma_noise(img, g_rand_double_range(rnd, 0, 12));
		if (g_rand_boolean(rnd))
			subsample_chroma(img);
	}
	return img;
}

/* Checks @img (freed) as a medium logo by the fast paths with @o[0] and
 * by the plain code (al__palette_plain) with @o[1], both owned by the
 * runs; asserts that the two give the same digest and finding, and
 * returns whether the logo was flagged. */
static bool fast_matches_plain(al_image *img, al_options *o[2], const al_info *info)
{
	uint64_t dig[2] = { 1, 2 };
	tu_run run[2];
	int n[2];
	for (int k = 0; k < 2; k++) {
		al__palette_plain = k == 1;
		al__palette_digest = &dig[k];
		n[k] = tu_check_as(&run[k], &al_rule_palette, img, AL_ROLE_MEDIUM, o[k], info);
	}
	al__palette_plain = false;
	al__palette_digest = NULL;
	assert_int_equal(n[0], n[1]);
	/* no colour counted (all background): nothing measured */
	assert_true(dig[0] == dig[1] || (dig[0] == 1 && dig[1] == 2));
	if (n[0])
		assert_string_equal(tu_finding(&run[0], 0)->message, tu_finding(&run[1], 0)->message);
	tu_run_clear(&run[0]);
	tu_run_clear(&run[1]);
	tu_image_free(img);
	return n[0] > 0;
}

/* The rule's exact shortcuts (jpeg_chroma_mean's copied conversions,
 * sliding counts and four pixels at a time; count_inside's neighbours of
 * one RGBA; count_run's quiet stretches, quiet_next) against the plain
 * code (al__palette_plain): on random logos
 * of every role's size and odd ones down to 3 x 3, PNG and JPEG, with
 * chroma windows 0 to 8 px and luma tolerances from 0 to 255, the digest
 * of everything measured (clusters, weights, mixes, inside counts, the
 * chroma-mean plane) and the finding are the same to the bit.  Some
 * logos must be flagged and some be JPEGs, or the test proves little. */
static void test_fast_paths_match_plain(void **state)
{
	(void)state;
	static const int sizes[][2] = { { 40, 40 }, { 90, 90 }, { 115, 115 }, { 255, 115 },
	                                { 3, 3 }, { 5, 9 }, { 9, 5 }, { 13, 7 }, { 17, 31 } };
	GRand *rnd = g_rand_new_with_seed(15);
	int flagged = 0, jpegs = 0;
	for (int t = 0; t < 160; t++) {
		int w = sizes[t % G_N_ELEMENTS(sizes)][0], h = sizes[t % G_N_ELEMENTS(sizes)][1];
		bool jpeg;
		al_image *img = random_logo(rnd, w, h, &jpeg);
		al_info info = jpeg_info(img);
		jpegs += jpeg;
		char *err = NULL;
		al_options *o[2];
		int px = g_rand_int_range(rnd, 0, 9);
		double tol = g_rand_boolean(rnd) ? 6 : g_rand_double_range(rnd, 0, 255);
		double merge = g_rand_boolean(rnd) ? 10 : g_rand_double_range(rnd, 1, 50);
		for (int k = 0; k < 2; k++) {
			o[k] = al_options_new();
			assert_int_equal(al_options_set_threshold(o[k], "palette.max_colors", 1, &err), AL_OK);
			assert_int_equal(al_options_set_threshold(o[k], "palette.jpeg_chroma_px", px, &err), AL_OK);
			assert_int_equal(al_options_set_threshold(o[k], "palette.jpeg_luma_tol", tol, &err), AL_OK);
			assert_int_equal(al_options_set_threshold(o[k], "palette.merge_de", merge, &err), AL_OK);
		}
		flagged += fast_matches_plain(img, o, jpeg ? &info : NULL);
	}
	assert_true(flagged >= 20 && jpegs >= 20);
	g_rand_free(rnd);
}

/* Random anti-aliased marks for the fast paths of the mix tests and the
 * weights: hairlines and strokes 0.4 to 3 px wide, rings (a disc with a
 * hole), translucent discs on transparency, some in a 1-px frame
 * (background, 2), @w x @h. */
static al_image *random_fine_logo(GRand *rnd, int w, int h)
{
	bool clear = g_rand_int_range(rnd, 0, 4) == 0;
	uint32_t ground = clear ? 0x00000000u : g_rand_boolean(rnd) ? 0xffffffffu :
	                  (g_rand_int(rnd) | 0xffu);
	al_image *img = tu_image_new(w, h, ground);
	int shapes = g_rand_int_range(rnd, 2, 12);
	for (int k = 0; k < shapes; k++) {
		uint32_t c = g_rand_int(rnd) | 0xffu;
		double x = g_rand_double_range(rnd, 0, w), y = g_rand_double_range(rnd, 0, h);
		double r = g_rand_double_range(rnd, 0.6, MAX(w, h) / 3.0);
		switch (g_rand_int_range(rnd, 0, 4)) {
		case 0:
			aa_line(img, x, y, g_rand_double_range(rnd, 0, w), g_rand_double_range(rnd, 0, h),
			        g_rand_double_range(rnd, 0.4, 3), c);
			break;
		case 1:
			tu_disc(img, x, y, r, c);
			tu_disc(img, x, y, r - g_rand_double_range(rnd, 0.3, 2), ground | 0xffu);
			break;
		case 2:
			if (clear) {
				soft_ring(img, x, y, r, c);
				break;
			}
			/* fall through */
		default:
			tu_disc(img, x, y, r, c);
			break;
		}
	}
	if (!clear && g_rand_boolean(rnd)) {
		/* a 1-px frame (background, 2), sometimes with small blocks
		 * of its colour on its top, left and right lines: pixels of the mark beside
		 * background pixels of their own RGBA */
		const uint32_t frame = 0x202020ffu;
		tu_fill(img, 0, 0, w, 1, frame);
		tu_fill(img, 0, h - 1, w, 1, frame);
		tu_fill(img, 0, 0, 1, h, frame);
		tu_fill(img, w - 1, 0, 1, h, frame);
		if (g_rand_boolean(rnd)) {
			tu_fill(img, w / 4, 1, MAX(w / 4, 1), 3, frame);
			tu_fill(img, 1, h / 2, 3, MAX(h / 4, 1), frame);
			tu_fill(img, w - 4, h / 4, 3, MAX(h / 4, 1), frame);
		}
	}
	return img;
}

/* The fast paths against the plain code (al__palette_plain) on marks of
 * fine detail (random_fine_logo()), lossless, at the sizes of small
 * logos, merge radii 1 to 50: the lazy near masks and pieces of the mix tests, the blend
 * weights without planes, the quiet pixels' inside counts and the runs
 * of the scan give the same digest and finding. */
static void test_fast_paths_match_plain_fine_detail(void **state)
{
	(void)state;
	static const int sizes[][2] = { { 40, 40 }, { 90, 90 }, { 48, 20 }, { 3, 3 }, { 17, 31 } };
	GRand *rnd = g_rand_new_with_seed(22);
	int flagged = 0;
	for (int t = 0; t < 150; t++) {
		int w = sizes[t % G_N_ELEMENTS(sizes)][0], h = sizes[t % G_N_ELEMENTS(sizes)][1];
		al_image *img = random_fine_logo(rnd, w, h);
		char *err = NULL;
		double merge = g_rand_boolean(rnd) ? 10 : g_rand_double_range(rnd, 1, 50);
		al_options *o[2];
		for (int k = 0; k < 2; k++) {
			o[k] = al_options_new();
			assert_int_equal(al_options_set_threshold(o[k], "palette.max_colors", 1, &err), AL_OK);
			assert_int_equal(al_options_set_threshold(o[k], "palette.merge_de", merge, &err), AL_OK);
		}
		flagged += fast_matches_plain(img, o, NULL);
	}
	assert_true(flagged >= 20);
	g_rand_free(rnd);
}

/* The scan's quiet pixels (no blend can be found there) against the
 * test's definition: the pixel's row holds its RGBA from x - 2 to x + 2
 * and its 3 x 3 box holds one RGBA, each clipped to the image.  Random
 * images of two or three colours in short horizontal runs, 1 x 1 to
 * 14 x 14, so runs, edges and corners of every length meet; a shortcut
 * that skips a row or a clip fails it. */
static void test_quiet_matches_definition(void **state)
{
	(void)state;
	static const uint32_t ink[] = { 0x2060a0ff, 0xe0e0e0ff, 0x2060a0fe };
	GRand *rnd = g_rand_new_with_seed(20);
	long quiet = 0, loud = 0;
	for (int t = 0; t < 400; t++) {
		int w = g_rand_int_range(rnd, 1, 15), h = g_rand_int_range(rnd, 1, 15);
		int nink = g_rand_int_range(rnd, 2, 4);
		al_image *img = tu_image_new(w, h, ink[0]);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w;) {
				int len = g_rand_int_range(rnd, 1, 8);
				uint32_t c = ink[g_rand_int_range(rnd, 0, nink)];
				for (; len > 0 && x < w; len--, x++)
					tu_set(img, x, y, c);
			}
		al_measure m;
		assert_int_equal(al_measure_compute(&m, img, NULL), AL_OK);
		const uint32_t *px = (const uint32_t *)(const void *)img->rgba;
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				uint32_t v = px[y * w + x];
				bool want = true;
				for (int xx = MAX(0, x - 2); xx <= MIN(w - 1, x + 2); xx++)
					want &= px[y * w + xx] == v;
				for (int yy = MAX(0, y - 1); yy <= MIN(h - 1, y + 1); yy++)
					for (int xx = MAX(0, x - 1); xx <= MIN(w - 1, x + 1); xx++)
						want &= px[yy * w + xx] == v;
				assert_int_equal(al__palette_quiet(&m, x, y), want);
				quiet += want;
				loud += !want;
			}
		al_measure_clear(&m);
		tu_image_free(img);
	}
	assert_true(quiet > 1000 && loud > 1000);
	g_rand_free(rnd);
}

static void test_hero_not_checked(void **state)
{
	(void)state;
	al_image *img = stripes(6);
	tu_run run;
	assert_int_equal(tu_check(&run, &al_rule_palette, img, AL_ROLE_HERO, NULL), 0);
	tu_run_clear(&run);
	tu_image_free(img);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_three_colours_pass),
		cmocka_unit_test(test_six_colours_flagged),
		cmocka_unit_test(test_antialiasing_not_counted),
		cmocka_unit_test(test_near_colours_merge),
		cmocka_unit_test(test_background_mix_bands_not_counted),
		cmocka_unit_test(test_band_between_two_colours_not_counted),
		cmocka_unit_test(test_separate_middle_colour_counts),
		cmocka_unit_test(test_translucent_strokes_on_transparency_count),
		cmocka_unit_test(test_thin_stroke_colour_counts),
		cmocka_unit_test(test_thin_wireframe_aa_not_counted),
		cmocka_unit_test(test_cleartype_fringes_not_counted),
		cmocka_unit_test(test_close_shades_count),
		cmocka_unit_test(test_fine_rings_not_counted),
		cmocka_unit_test(test_band_of_own_colour_counts),
		cmocka_unit_test(test_rings_mixing_each_other_not_counted),
		cmocka_unit_test(test_thin_colour_apart_counts),
		cmocka_unit_test(test_hairline_colour_weighs_its_mixes),
		cmocka_unit_test(test_drawn_tint_in_thin_lines_counts),
		cmocka_unit_test(test_jpeg_chroma_bleed_not_counted),
		cmocka_unit_test(test_jpeg_chroma_noise_not_counted),
		cmocka_unit_test(test_jpeg_five_colours_count),
		cmocka_unit_test(test_jpeg_dark_outline_counts),
		cmocka_unit_test(test_soft_small_dot_counts),
		cmocka_unit_test(test_soft_spot_not_counted),
		cmocka_unit_test(test_small_filled_area_counts),
		cmocka_unit_test(test_colour_under_three_percent_counts),
		cmocka_unit_test(test_jpeg_colour_no_smear_of_small_end),
		cmocka_unit_test(test_jpeg_ground_ringing_not_counted),
		cmocka_unit_test(test_ground_undershoot_ring_not_counted),
		cmocka_unit_test(test_subpixel_outline_mix_not_counted),
		cmocka_unit_test(test_message_share_decimals),
		cmocka_unit_test(test_fast_paths_match_plain),
		cmocka_unit_test(test_fast_paths_match_plain_fine_detail),
		cmocka_unit_test(test_quiet_matches_definition),
		cmocka_unit_test(test_hero_not_checked),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
