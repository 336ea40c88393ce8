/* Shared measurements: background model and foreground mask (measure.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "testutil.h"
#include "regions.h"
#include "rules/rules.h"

#define assert_near(a, b, eps) assert_true(fabs((double)(a) - (double)(b)) <= (eps))

/* Computes the measurements of @img with default options. */
static void measure(al_measure *m, const al_image *img)
{
	al_options *o = al_options_new();
	assert_int_equal(al_measure_compute(m, img, o), AL_OK);
	al_options_free(o);
}

static void assert_bg_rgb(const al_measure *m, uint8_t r, uint8_t g, uint8_t b)
{
	assert_int_equal(m->bg_rgb[0], r);
	assert_int_equal(m->bg_rgb[1], g);
	assert_int_equal(m->bg_rgb[2], b);
}

static void test_pure_white(void **state)
{
	al_image *img = tu_image_new(90, 90, 0xffffffff);
	tu_fill(img, 30, 20, 30, 40, 0x0f6cbdff);
	al_measure m;
	measure(&m, img);
	assert_int_equal(m.bg_kind, AL_BG_COLOR);
	assert_bg_rgb(&m, 255, 255, 255);
	assert_near(m.bg_lab[0], 100.0, 0.1);
	assert_near(m.border_agreement, 1.0, 1e-9);
	assert_int_equal(m.fg_count, 30 * 40);
	assert_int_equal(m.fg_bbox.x, 30);
	assert_int_equal(m.fg_bbox.y, 20);
	assert_int_equal(m.fg_bbox.w, 30);
	assert_int_equal(m.fg_bbox.h, 40);
	assert_near(m.bg_coverage, 1.0 - 1200.0 / 8100.0, 1e-9);
	assert_int_equal(m.n_visible, 1200);
	float blue[3];
	al_srgb_to_lab(0x0f, 0x6c, 0xbd, blue);
	assert_near(m.fg_mean_lab[0], blue[0], 0.01);
	assert_near(m.fg_mean_lab[2], blue[2], 0.01);
	al_measure_clear(&m);
	tu_image_free(img);
}

static void test_near_white_and_tint(void **state)
{
	al_image *img = tu_image_new(40, 40, 0xfafafaff);
	tu_disc(img, 20, 20, 10, 0xd13438ff);
	al_measure m;
	measure(&m, img);
	assert_int_equal(m.bg_kind, AL_BG_COLOR);
	assert_bg_rgb(&m, 0xfa, 0xfa, 0xfa);
	al_measure_clear(&m);
	tu_image_free(img);

	img = tu_image_new(115, 115, 0xf0f9ffff);
	tu_disc(img, 57, 57, 30, 0x107c10ff);
	measure(&m, img);
	assert_int_equal(m.bg_kind, AL_BG_COLOR);
	assert_bg_rgb(&m, 0xf0, 0xf9, 0xff);
	assert_near(m.bg_lab[0], 97.43, 0.1);
	al_measure_clear(&m);
	tu_image_free(img);
}

/* A transparent canvas whose RGB under alpha 0 is junk (magenta and noise,
 * as real exports keep it), with an opaque square and a soft 1-px edge. */
static void test_transparent_soft_edge_junk_rgb(void **state)
{
	al_image *img = tu_image_new(90, 90, 0xff00ff00);
	for (int y = 0; y < 90; y += 3)
		for (int x = 0; x < 90; x += 5)
			tu_set(img, x, y, ((uint32_t)(x * 37 + y * 11) << 8) & 0xffffff00u);
	tu_fill(img, 19, 19, 52, 52, 0x2080c080); /* 1-px rim at alpha 128 */
	tu_fill(img, 20, 20, 50, 50, 0x2080c0ff);
	al_measure m;
	measure(&m, img);
	assert_int_equal(m.bg_kind, AL_BG_TRANSPARENT);
	assert_near(m.border_agreement, 1.0, 1e-9);
	/* the soft rim belongs to the mark */
	assert_int_equal(m.fg_bbox.x, 19);
	assert_int_equal(m.fg_bbox.y, 19);
	assert_int_equal(m.fg_bbox.w, 52);
	assert_int_equal(m.fg_bbox.h, 52);
	assert_int_equal(m.fg_count, 52 * 52);
	assert_int_equal(m.n_visible, 52 * 52);
	/* junk RGB under alpha 0 is measured as white (shown over white) */
	assert_near(m.lab[0], 100.0, 0.1);
	assert_near(m.lab[(5 * 90 + 10) * 3 + 1], 0.0, 0.1);
	al_measure_clear(&m);
	tu_image_free(img);
}

static void test_aa_disc_bbox(void **state)
{
	al_image *img = tu_image_new(115, 115, 0x008080ff); /* teal */
	tu_disc(img, 57.5, 57.5, 30, 0xffb900ff);
	al_measure m;
	measure(&m, img);
	assert_int_equal(m.bg_kind, AL_BG_COLOR);
	assert_bg_rgb(&m, 0x00, 0x80, 0x80);
	/* the disc spans 27.5 .. 87.5 */
	assert_true(abs(m.fg_bbox.x - 27) <= 1);
	assert_true(abs(m.fg_bbox.y - 27) <= 1);
	assert_true(abs(m.fg_bbox.x + m.fg_bbox.w - 88) <= 1);
	assert_true(abs(m.fg_bbox.y + m.fg_bbox.h - 88) <= 1);
	double area = G_PI * 30 * 30;
	assert_true(fabs(m.fg_count - area) < 2 * G_PI * 30); /* within the rim */
	al_measure_clear(&m);
	tu_image_free(img);
}

static void test_gradient_background(void **state)
{
	al_image *img = tu_image_new(255, 115, 0x000000ff);
	for (int y = 0; y < 115; y++) {
		uint32_t g = (uint32_t)(0x40 + y * 0x60 / 114), b = (uint32_t)(0x80 + y * 0x60 / 114);
		tu_fill(img, 0, y, 255, 1, 0x20000000u | g << 16 | b << 8 | 0xffu);
	}
	tu_disc(img, 127.5, 57.5, 25, 0xff8c00ff);
	al_measure m;
	measure(&m, img);
	/* the whole gradient is background, the disc is not */
	assert_true(abs(m.fg_bbox.x - 102) <= 1);
	assert_true(abs(m.fg_bbox.y - 32) <= 1);
	assert_true(abs(m.fg_bbox.w - 51) <= 2);
	assert_true(abs(m.fg_bbox.h - 51) <= 2);
	assert_true(m.bg_coverage > 1.0 - (G_PI * 26 * 26) / (255.0 * 115));
	for (int x = 0; x < 255; x++) {
		assert_int_equal(m.bgmask[x], 1);
		assert_int_equal(m.bgmask[114 * 255 + x], 1);
	}
	al_measure_clear(&m);
	tu_image_free(img);
}

static void test_mixed_border(void **state)
{
	al_image *img = tu_image_new(90, 90, 0xd13438ff);
	tu_fill(img, 45, 0, 45, 90, 0x0f6cbdff);
	al_measure m;
	measure(&m, img);
	assert_int_equal(m.bg_kind, AL_BG_MIXED);
	assert_true(m.border_agreement < 0.6);
	assert_true(m.border_agreement > 0.4);
	/* two flat halves: both grown from the border */
	assert_near(m.bg_coverage, 1.0, 1e-9);
	assert_int_equal(m.fg_bbox.w, 0);
	al_measure_clear(&m);
	tu_image_free(img);
}

/* A coloured card with transparent rounded corners is a colour background;
 * the corners are background, not foreground. */
static void test_card_with_transparent_corners(void **state)
{
	al_image *img = tu_image_new(90, 90, 0x00000000);
	tu_fill(img, 4, 0, 82, 90, 0x5c2d91ff);
	tu_fill(img, 0, 4, 90, 82, 0x5c2d91ff);
	tu_fill(img, 35, 35, 20, 20, 0xffffffff);
	al_measure m;
	measure(&m, img);
	assert_int_equal(m.bg_kind, AL_BG_COLOR);
	assert_bg_rgb(&m, 0x5c, 0x2d, 0x91);
	assert_int_equal(m.fg_bbox.x, 35);
	assert_int_equal(m.fg_bbox.w, 20);
	assert_int_equal(m.fg_count, 400);
	al_measure_clear(&m);
	tu_image_free(img);
}

static void test_opaque_card_on_transparent_canvas(void **state)
{
	al_image *img = tu_image_new(115, 115, 0x00000000);
	tu_fill(img, 6, 6, 103, 103, 0xffffffff);
	tu_disc(img, 57, 57, 25, 0x0078d4ff);
	al_measure m;
	uint8_t rgb[3];
	float lab[3];
	measure(&m, img);
	assert_int_equal(m.bg_kind, AL_BG_TRANSPARENT);
	assert_true(al_measure_card(&m, NULL, 0.6, rgb, lab));
	assert_int_equal(rgb[0], 255);
	assert_int_equal(rgb[2], 255);
	/* a small card is a mark, not a background */
	assert_false(al_measure_card(&m, NULL, 0.9, rgb, lab));
	al_measure_clear(&m);
	tu_image_free(img);
}

/* al_measure_card() and al_measure_two_tone() keep their last answers
 * per thread (background-white and background-black ask the same): the
 * second ask answers alike, a new measure of other pixels at the same
 * address is measured anew, and so is an edited model. */
static void test_card_two_tone_answers_kept(void **state)
{
	al_image *img = tu_image_new(115, 115, 0x00000000);
	tu_fill(img, 6, 6, 103, 103, 0xffffffff);
	tu_disc(img, 57, 57, 25, 0x0078d4ff);
	al_measure m;
	uint8_t rgb[3], rgb2[3];
	float lab[3], lab2[3];
	measure(&m, img);
	assert_true(al_measure_card(&m, NULL, 0.6, rgb, lab));
	assert_true(al_measure_card(&m, NULL, 0.6, rgb2, lab2));
	assert_memory_equal(rgb, rgb2, sizeof rgb);
	assert_memory_equal(lab, lab2, sizeof lab);
	assert_int_equal(rgb[0], 255);
	/* other pixels in the same buffers, measured into the same struct */
	al_measure_clear(&m);
	tu_fill(img, 6, 6, 103, 103, 0x102030ff);
	measure(&m, img);
	assert_true(al_measure_card(&m, NULL, 0.6, rgb, lab));
	assert_int_equal(rgb[0], 0x10);
	assert_int_equal(rgb[2], 0x30);
	/* an edited model is a new question */
	m.fg_bbox.w = 0;
	assert_false(al_measure_card(&m, NULL, 0.6, rgb, lab));
	al_measure_clear(&m);
	tu_image_free(img);

	/* two tones, the second a band over the bottom third */
	img = tu_image_new(90, 90, 0x2060a0ff);
	tu_fill(img, 0, 60, 90, 30, 0xe0a020ff);
	measure(&m, img);
	m.bg_kind = AL_BG_MIXED;
	memcpy(m.bg_lab, m.lab, sizeof m.bg_lab);
	memcpy(m.bg_rgb, img->rgba, 3);
	m.border_agreement = 0.6;
	assert_true(al_measure_two_tone(&m, NULL, rgb, lab));
	assert_true(al_measure_two_tone(&m, NULL, rgb2, lab2));
	assert_memory_equal(rgb, rgb2, sizeof rgb);
	assert_memory_equal(lab, lab2, sizeof lab);
	assert_int_equal(rgb[2], 0xa0);
	/* the border no longer agrees: no canvas, though nothing else changed */
	m.border_agreement = 0.05;
	assert_false(al_measure_two_tone(&m, NULL, rgb, lab));
	al_measure_clear(&m);
	tu_image_free(img);
	(void)state;
}

/* A mark padded by a 1-px transparent frame that fills the rest of the
 * ring: the frame decides, the canvas is transparent. */
static void test_transparent_one_px_padding(void **state)
{
	al_image *img = tu_image_new(48, 48, 0x00000000);
	tu_fill(img, 1, 1, 46, 46, 0x0078d4ff);
	al_measure m;
	measure(&m, img);
	assert_int_equal(m.bg_kind, AL_BG_TRANSPARENT);
	assert_near(m.border_agreement, 1.0, 1e-9);
	assert_int_equal(m.fg_bbox.x, 1);
	assert_int_equal(m.fg_bbox.w, 46);
	al_measure_clear(&m);
	tu_image_free(img);
}

/* A frame-like mark touching the top and left edges of a transparent
 * canvas: no class reaches 0.6 of the border, a third or more is
 * see-through, so the canvas is still transparent. */
static void test_transparent_mark_touching_edges(void **state)
{
	al_image *img = tu_image_new(90, 90, 0x00000000);
	tu_fill(img, 0, 0, 90, 4, 0x5f5f63ff);
	tu_fill(img, 0, 0, 4, 90, 0x5f5f63ff);
	tu_fill(img, 30, 30, 30, 30, 0xf7941dff);
	al_measure m;
	measure(&m, img);
	assert_int_equal(m.bg_kind, AL_BG_TRANSPARENT);
	assert_true(m.border_agreement >= 0.3 && m.border_agreement < 0.6);
	/* but mixed when the transparent part of the border is small and
	 * the image is mostly opaque (three flat areas meet the edges) */
	tu_fill(img, 4, 4, 86, 86, 0xd13438ff);
	tu_fill(img, 45, 0, 45, 90, 0x107c10ff);
	tu_fill(img, 86, 86, 4, 4, 0x00000000);
	al_measure_clear(&m);
	measure(&m, img);
	assert_int_equal(m.bg_kind, AL_BG_MIXED);
	al_measure_clear(&m);
	tu_image_free(img);
}

/* A 1-px grey frame line on the outermost pixels of a white logo: the
 * frame is peeled off, the background is white, the frame is background
 * (value 2) and the mark alone is foreground. */
static void test_frame_line_white(void **state)
{
	static const int sizes[][2] = { { 40, 40 }, { 90, 90 }, { 255, 115 }, { 815, 290 } };
	for (unsigned k = 0; k < G_N_ELEMENTS(sizes); k++) {
		int w = sizes[k][0], h = sizes[k][1];
		al_image *img = tu_image_new(w, h, 0xffffffff);
		tu_fill(img, 0, 0, w, 1, 0x9a9a9aff);
		tu_fill(img, 0, h - 1, w, 1, 0x9a9a9aff);
		tu_fill(img, 0, 0, 1, h, 0x9a9a9aff);
		tu_fill(img, w - 1, 0, 1, h, 0x9a9a9aff);
		tu_fill(img, w / 4, h / 4, w / 2, h / 2, 0xd13438ff);
		al_measure m;
		measure(&m, img);
		assert_int_equal(m.bg_kind, AL_BG_COLOR);
		assert_bg_rgb(&m, 255, 255, 255);
		for (int s = 0; s < AL_SIDES; s++)
			assert_int_equal(m.frame[s], 1);
		assert_int_equal(m.bgmask[0], 2);
		assert_int_equal(m.bgmask[(size_t)(h / 2) * w + w - 1], 2);
		assert_int_equal(m.bgmask[(size_t)w + 1], 1);
		assert_int_equal(m.fg_bbox.x, w / 4);
		assert_int_equal(m.fg_bbox.w, w / 2);
		assert_int_equal(m.fg_count, (w / 2) * (h / 2));
		al_measure_clear(&m);
		tu_image_free(img);
	}
}

/* A frame of @t px with corners rounded to radius @r, anti-aliased, drawn
 * on the outermost pixels of @img: the canvas stays outside its arcs. */
static void rounded_frame(al_image *img, double t, double r, uint32_t rgba)
{
	int w = img->width, h = img->height;
	uint8_t src[4] = { (uint8_t)(rgba >> 24), (uint8_t)(rgba >> 16), (uint8_t)(rgba >> 8),
	                   (uint8_t)rgba };
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			/* distance inward from the rounded outline */
			double px = x + 0.5, py = y + 0.5;
			double qx = CLAMP(px, r, w - r), qy = CLAMP(py, r, h - r);
			double in = r - hypot(px - qx, py - qy);
			if (qx == px && qy == py)
				in = MIN(MIN(px, w - px), MIN(py, h - py));
			double cov = CLAMP(MIN(in + 0.5, t - in + 0.5), 0.0, 1.0);
			uint8_t *p = img->rgba + ((size_t)y * w + x) * 4;
			for (int c = 0; c < 4; c++)
				p[c] = (uint8_t)lround(p[c] * (1 - cov) + src[c] * cov);
		}
}

/* A frame with rounded corners drawn on a near-white canvas: its straight
 * lines are peeled, and its arcs, which curve inside them through the
 * corners, are frame (2) too, at every size and for 1- and 2-px frames:
 * the mark alone is foreground.  A mark of the frame's colour that fills
 * a corner (no thin arc) stays foreground. */
static void test_rounded_frame_arcs(void **state)
{
	static const int sizes[][2] = { { 90, 90 }, { 115, 115 }, { 255, 115 }, { 815, 290 } };
	for (unsigned k = 0; k < G_N_ELEMENTS(sizes); k++)
		for (int t = 1; t <= 2; t++) {
			int w = sizes[k][0], h = sizes[k][1];
			al_image *img = tu_image_new(w, h, 0xfafafaff);
			rounded_frame(img, t, MIN(w, h) / 9.0, 0x87f415ff);
			tu_fill(img, w / 4, h / 4, w / 4, h / 2, 0xdcad53ff);
			al_measure m;
			measure(&m, img);
			assert_int_equal(m.bg_kind, AL_BG_COLOR);
			assert_int_equal(m.frame[AL_SIDE_TOP], t);
			assert_int_equal(m.fg_bbox.x, w / 4);
			assert_int_equal(m.fg_bbox.y, h / 4);
			assert_int_equal(m.fg_count, (w / 4) * (h / 2));
			al_measure_clear(&m);
			/* a filled corner of the frame's colour, inside its
			 * lines, is artwork */
			tu_fill(img, t, t, w / 8, h / 8, 0x87f415ff);
			measure(&m, img);
			assert_int_equal(m.fg_bbox.x, t);
			assert_int_equal(m.fg_bbox.y, t);
			al_measure_clear(&m);
			tu_image_free(img);
		}
}

/* A hero in a 1- or 2-px rounded frame on white, its mark on the left:
 * the free right margin is empty (the arcs are frame, and hero-margin's
 * faint-edge blocks take no step across them). */
static void test_rounded_frame_hero_margin(void **state)
{
	for (int t = 1; t <= 2; t++) {
		tu_run run;
		al_image *img = tu_image_new(815, 290, 0xffffffff);
		rounded_frame(img, t, 33, 0xe558dcff);
		tu_fill(img, 80, 80, 120, 120, 0x94f809ff);
		assert_int_equal(tu_check(&run, &al_rule_hero_margin, img, AL_ROLE_HERO, NULL), 0);
		tu_run_clear(&run);
		/* content in the margin is still found */
		tu_disc(img, 700, 145, 30, 0x94f809ff);
		assert_int_equal(tu_check(&run, &al_rule_hero_margin, img, AL_ROLE_HERO, NULL), 1);
		tu_run_clear(&run);
		tu_image_free(img);
	}
}

/* A card of @rgba with corners rounded to radius @r, anti-aliased,
 * filling all of @img: the canvas stays outside its corners. */
static void rounded_card(al_image *img, double r, uint32_t rgba)
{
	int w = img->width, h = img->height;
	uint8_t src[4] = { (uint8_t)(rgba >> 24), (uint8_t)(rgba >> 16), (uint8_t)(rgba >> 8),
	                   (uint8_t)rgba };
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			double px = x + 0.5, py = y + 0.5;
			double qx = CLAMP(px, r, w - r), qy = CLAMP(py, r, h - r);
			double cov = CLAMP(r - hypot(px - qx, py - qy) + 0.5, 0.0, 1.0);
			uint8_t *p = img->rgba + ((size_t)y * w + x) * 4;
			for (int c = 0; c < 4; c++)
				p[c] = (uint8_t)lround(p[c] * (1 - cov) + src[c] * cov);
		}
}

/* A card filling the canvas with rounded corners, on a white, black or
 * see-through page: the page in its four corners is not artwork (marked
 * 2), at every size and radius: the mark alone is foreground, and a hero's
 * free margin is empty.  A square of the page's colour in one corner, or
 * triangles in all four, stay artwork. */
static void test_rounded_card_corners(void **state)
{
	static const int sizes[][2] = { { 40, 40 }, { 115, 115 }, { 255, 115 }, { 815, 290 } };
	static const uint32_t pages[] = { 0xffffffff, 0x080808ff, 0x00000000 };
	for (unsigned k = 0; k < G_N_ELEMENTS(sizes); k++)
		for (unsigned p = 0; p < G_N_ELEMENTS(pages); p++)
			for (int q = 1; q <= 3; q++) {
				int w = sizes[k][0], h = sizes[k][1];
				al_image *img = tu_image_new(w, h, pages[p]);
				rounded_card(img, MIN(w, h) * q / 16.0, 0x374a2dff);
				tu_fill(img, w / 4, h / 4, w / 8, h / 2, 0x6fcf2aff);
				al_measure m;
				measure(&m, img);
				assert_int_equal(m.bg_kind, AL_BG_COLOR);
				assert_int_equal(m.fg_bbox.x, w / 4);
				assert_int_equal(m.fg_bbox.w, w / 8);
				assert_true(m.bgmask[0] != 0);
				assert_true(m.bgmask[(size_t)h * w - 1] != 0);
				al_measure_clear(&m);
				if (w == 815) {
					tu_run run;
					assert_int_equal(tu_check(&run, &al_rule_hero_margin, img,
					                          AL_ROLE_HERO, NULL), 0);
					tu_run_clear(&run);
				}
				/* a square of the page's colour over one corner */
				int d = MIN(w, h) * q / 16 + 1;
				al_image *sq = tu_image_new(w, h, 0x00000000);
				memcpy(sq->rgba, img->rgba, (size_t)w * h * 4);
				tu_fill(sq, w - d, 0, d, d, pages[p]);
				measure(&m, sq);
				assert_int_equal(m.fg_bbox.x + m.fg_bbox.w, w);
				al_measure_clear(&m);
				tu_image_free(sq);
				/* triangles of the page's colour over all four corners
				 * (from 115 px: at 40 px they turn the border's
				 * colour; see-through ones are background anyway) */
				if (w == 40 || p == 2) {
					tu_image_free(img);
					continue;
				}
				int e = MIN(w, h) / 5;
				for (int y = 0; y < e; y++)
					for (int x = 0; x < e - y; x++) {
						tu_fill(img, x, y, 1, 1, pages[p]);
						tu_fill(img, w - 1 - x, y, 1, 1, pages[p]);
						tu_fill(img, x, h - 1 - y, 1, 1, pages[p]);
						tu_fill(img, w - 1 - x, h - 1 - y, 1, 1, pages[p]);
					}
				measure(&m, img);
				assert_int_equal(m.bg_kind, AL_BG_COLOR);
				assert_int_equal(m.fg_bbox.x, 0);
				al_measure_clear(&m);
				tu_image_free(img);
			}
}

/* A grey line set 1 px inside the edge of a white logo, and a double
 * line on 0 and 2: peeled as frames too (up to the ring width plus one,
 * 3 px here). */
static void test_frame_line_inset(void **state)
{
	static const int at[] = { 1, 0, 2 };
	for (int t = 0; t < 2; t++) {
		al_image *img = tu_image_new(115, 115, 0xffffffff);
		for (int j = t; j < (t ? 3 : 1); j++) {
			int k = at[j];
			tu_fill(img, 0, k, 115, 1, 0xb4b4b4ff);
			tu_fill(img, 0, 114 - k, 115, 1, 0xb4b4b4ff);
			tu_fill(img, k, 0, 1, 115, 0xb4b4b4ff);
			tu_fill(img, 114 - k, 0, 1, 115, 0xb4b4b4ff);
		}
		tu_disc(img, 57, 57, 25, 0x0078d4ff);
		al_measure m;
		measure(&m, img);
		assert_int_equal(m.bg_kind, AL_BG_COLOR);
		assert_bg_rgb(&m, 255, 255, 255);
		assert_int_equal(m.frame[AL_SIDE_TOP], t ? 3 : 2);
		assert_true(abs(m.fg_bbox.x - 32) <= 1);
		al_measure_clear(&m);
		tu_image_free(img);
	}
}

/* Frames on three sides (2 px) and on two opposite sides, on black; a
 * thin stripe of the background's own colour is no frame. */
static void test_frame_some_sides_black(void **state)
{
	al_image *img = tu_image_new(90, 90, 0x000000ff);
	tu_fill(img, 0, 0, 90, 2, 0x5b5b5bff);
	tu_fill(img, 0, 0, 2, 90, 0x5b5b5bff);
	tu_fill(img, 0, 88, 90, 2, 0x5b5b5bff);
	tu_disc(img, 45, 45, 20, 0xffb900ff);
	al_measure m;
	measure(&m, img);
	assert_int_equal(m.bg_kind, AL_BG_COLOR);
	assert_bg_rgb(&m, 0, 0, 0);
	assert_int_equal(m.frame[AL_SIDE_TOP], 2);
	assert_int_equal(m.frame[AL_SIDE_LEFT], 2);
	assert_int_equal(m.frame[AL_SIDE_BOTTOM], 2);
	assert_int_equal(m.frame[AL_SIDE_RIGHT], 0);
	assert_true(abs(m.fg_bbox.x - 25) <= 1 && abs(m.fg_bbox.w - 40) <= 2);
	al_measure_clear(&m);
	tu_image_free(img);

	img = tu_image_new(255, 115, 0x050505ff);
	tu_fill(img, 0, 0, 1, 115, 0x888888ff);
	tu_fill(img, 254, 0, 1, 115, 0x888888ff);
	tu_disc(img, 127, 57, 30, 0x0078d4ff);
	measure(&m, img);
	assert_int_equal(m.bg_kind, AL_BG_COLOR);
	assert_int_equal(m.frame[AL_SIDE_LEFT], 1);
	assert_int_equal(m.frame[AL_SIDE_TOP], 0);
	assert_true(abs(m.fg_bbox.x - 97) <= 1);
	al_measure_clear(&m);
	tu_image_free(img);
}

/* Line art on a transparent canvas: a 2-px stroke along the edge with
 * its soft inner line, a thick outline, a grid whose lines touch the edge.
 * The canvas stays transparent and the strokes are the mark. */
static void test_strokes_on_transparent_edge(void **state)
{
	al_image *img = tu_image_new(90, 90, 0x00000000);
	tu_fill(img, 0, 0, 90, 90, 0xffffff60);   /* soft line at 2 */
	tu_fill(img, 3, 3, 84, 84, 0x00000000);
	tu_fill(img, 0, 0, 90, 2, 0xffffffff);
	tu_fill(img, 0, 88, 90, 2, 0xffffffff);
	tu_fill(img, 0, 0, 2, 90, 0xffffffff);
	tu_fill(img, 88, 0, 2, 90, 0xffffffff);
	tu_disc(img, 45, 45, 15, 0xffffffff);
	al_measure m;
	measure(&m, img);
	assert_int_equal(m.bg_kind, AL_BG_TRANSPARENT);
	assert_int_equal(m.frame[AL_SIDE_TOP], 3);
	/* the stroke is the mark; the inside is background */
	assert_int_equal(m.bgmask[0], 0);
	assert_int_equal(m.bgmask[10 * 90 + 10], 1);
	al_measure_clear(&m);

	/* an 8-px outline: too thick to peel, but most of the canvas is
	 * see-through */
	tu_fill(img, 0, 0, 90, 90, 0x00000000);
	al_image *big = tu_image_new(115, 115, 0xf5f5f5ff);
	tu_fill(big, 8, 8, 99, 99, 0x00000000);
	tu_disc(big, 57, 57, 20, 0xf5f5f5ff);
	measure(&m, big);
	assert_int_equal(m.bg_kind, AL_BG_TRANSPARENT);
	al_measure_clear(&m);
	tu_image_free(big);

	/* a grid of 3-px lines, those on the edge included */
	for (int k = 0; k <= 4; k++) {
		int at = MIN(k * 22, 87);
		tu_fill(img, at, 0, 3, 90, 0xffffffff);
		tu_fill(img, 0, at, 90, 3, 0xffffffff);
	}
	measure(&m, img);
	assert_int_equal(m.bg_kind, AL_BG_TRANSPARENT);
	al_measure_clear(&m);
	tu_image_free(img);
}

/* A 40-px logo's white grid on transparency: its strokes hold more
 * pixels than its holes (66 % to 34 %), but the holes are spread over
 * every ninth of the image: a transparent canvas, not a white one.  A
 * white tile with a see-through disc knocked out of its middle (35 %)
 * stays white: its corners hold no holes. */
static void test_small_grid_on_transparency(void **state)
{
	/* lines 2 px wide, a soft third, every 7 or 8 px; one along the top
	 * edge, none along the others */
	static const int rows[] = { 0, 7, 15, 22, 29, 36 }, cols[] = { 3, 10, 18, 25, 32 };
	al_image *img = tu_image_new(40, 40, 0x00000000);
	for (unsigned k = 0; k < G_N_ELEMENTS(rows); k++) {
		tu_fill(img, 0, rows[k], 40, 3, 0xffffff80);
		tu_fill(img, 0, rows[k], 40, 2, 0xffffffff);
	}
	for (unsigned k = 0; k < G_N_ELEMENTS(cols); k++) {
		tu_fill(img, cols[k], 0, 3, 40, 0xffffff80);
		tu_fill(img, cols[k], 0, 2, 40, 0xffffffff);
	}
	al_measure m;
	measure(&m, img);
	assert_int_equal(m.bg_kind, AL_BG_TRANSPARENT);
	al_measure_clear(&m);
	tu_image_free(img);

	img = tu_image_new(90, 90, 0xffffffff);
	tu_disc(img, 45, 45, 30, 0x00000000);
	measure(&m, img);
	assert_int_equal(m.bg_kind, AL_BG_COLOR);
	al_measure_clear(&m);
	tu_image_free(img);
}

/* A black card with soft edges touching the bottom edge of a transparent
 * canvas is a card; a black square with a knocked-out letter (a stencil)
 * is a mark. */
static void test_card_touching_edge_and_stencil(void **state)
{
	al_image *img = tu_image_new(255, 115, 0x00000000);
	tu_fill(img, 17, 7, 222, 108, 0x00000080);   /* soft rim */
	tu_fill(img, 18, 8, 220, 107, 0x000000ff);
	tu_fill(img, 100, 40, 55, 40, 0xff4500ff);
	al_measure m;
	uint8_t rgb[3];
	float lab[3];
	measure(&m, img);
	assert_int_equal(m.bg_kind, AL_BG_TRANSPARENT);
	assert_true(al_measure_card(&m, NULL, 0.6, rgb, lab));
	assert_int_equal(rgb[0], 0);
	al_measure_clear(&m);
	tu_image_free(img);

	img = tu_image_new(40, 40, 0x00000000);
	tu_fill(img, 4, 4, 32, 32, 0x000000ff);
	tu_fill(img, 10, 10, 20, 6, 0x00000000);
	tu_fill(img, 17, 16, 6, 14, 0x00000000);
	measure(&m, img);
	assert_int_equal(m.bg_kind, AL_BG_TRANSPARENT);
	assert_false(al_measure_card(&m, NULL, 0.6, rgb, lab));
	al_measure_clear(&m);
	tu_image_free(img);
}

static void test_jpeg_like_noise(void **state)
{
	al_image *img = tu_image_new(255, 115, 0x1b3a5cff);
	guint32 seed = 12345;
	for (int y = 0; y < 115; y++)
		for (int x = 0; x < 255; x++) {
			seed = seed * 1103515245u + 12345u;
			int d = (int)((seed >> 16) % 7) - 3;
			tu_set(img, x, y, (uint32_t)(0x1b + d) << 24 | (uint32_t)(0x3a + d) << 16 |
			                      (uint32_t)(0x5c + d) << 8 | 0xffu);
		}
	al_measure m;
	measure(&m, img);
	assert_int_equal(m.bg_kind, AL_BG_COLOR);
	assert_true(abs(m.bg_rgb[0] - 0x1b) <= 1 && abs(m.bg_rgb[2] - 0x5c) <= 1);
	assert_true(m.border_agreement > 0.99);
	assert_int_equal(m.fg_count, 0);
	al_measure_clear(&m);
	tu_image_free(img);
}

static void test_empty_and_ring(void **state)
{
	al_image img = { 0 };
	al_measure m;
	measure(&m, &img);
	assert_int_equal(m.bg_kind, AL_BG_NONE);
	al_measure_clear(&m);
	al_measure_clear(NULL);
	assert_int_equal(al_measure_ring_width(40, 40), 2);
	assert_int_equal(al_measure_ring_width(815, 290), 6);
	assert_int_equal(al_measure_ring_width(1, 1), 1);
}

/* A ring of one RGBA takes a shortcut (measure.c, one_rgba): its colour
 * must be what the four passes find.  The same ring with one pixel made
 * invisible goes through the passes (the one pixel is counted but not
 * measured): the same colour to the last bit, a share one pixel short. */
static void test_ring_one_rgba(void **state)
{
	static const uint32_t colours[] = { 0xffffffff, 0x1b3a5cff, 0x7f3f1fc0, 0x12345680, 0x00000010 };
	static const al_region regions[] = {
		{ 0, 0, 815, 290 }, { 3, 2, 700, 1 }, { 10, 0, 1, 290 }, { 5, 7, 300, 200 },
		{ 0, 0, 4, 3 },
	};
	for (size_t c = 0; c < G_N_ELEMENTS(colours); c++)
		for (size_t k = 0; k < G_N_ELEMENTS(regions); k++) {
			const al_region *r = &regions[k];
			al_image *img = tu_image_new(815, 290, colours[c]);
			int bw = r->w < 10 || r->h < 10 ? 1 : 6;
			if (bw > 1) /* inside the ring, not in it */
				tu_fill(img, r->x + r->w / 2, r->y + r->h / 2, 2, 2, 0xff0000ff);
			al_measure m;
			measure(&m, img);
			uint8_t rgb[3], rgb2[3];
			float lab[3], lab2[3];
			double share, opaque, share2, opaque2;
			assert_int_equal(al_measure_ring_color(&m, r, bw, 32, 10.0f, rgb, lab, &share,
			                                       &opaque), AL_OK);
			if ((colours[c] & 0xff) < 32) {
				assert_true(share == 0 && opaque == 0);
				assert_true(rgb[0] == 0 && lab[0] == 0);
				al_measure_clear(&m);
				tu_image_free(img);
				continue;
			}
			assert_true(share == 1.0 && opaque == 1.0);
			size_t i = (size_t)r->y * 815 + r->x;
			assert_memory_equal(lab, m.lab + i * 3, sizeof lab);
			/* the passes: one ring pixel invisible */
			al_measure_clear(&m);
			tu_set(img, r->x, r->y + r->h - 1, 0x00000000);
			measure(&m, img);
			assert_int_equal(al_measure_ring_color(&m, r, bw, 32, 10.0f, rgb2, lab2, &share2,
			                                       &opaque2), AL_OK);
			assert_memory_equal(lab, lab2, sizeof lab);
			assert_memory_equal(rgb, rgb2, sizeof rgb);
			assert_true(share2 < 1.0 && share2 == opaque2);
			al_measure_clear(&m);
			tu_image_free(img);
		}
}

/* one_rgba() reads the rows of a ring longer than m->run's 255-px reach
 * 255 px at a time (same_stretch()).  Against the definition, pixel by
 * pixel: one pixel of a far colour anywhere in a long row of the ring --
 * at the 255-px steps and beside them, at both ends, in random places,
 * or none -- and the share is 1 exactly when the ring is one RGBA. */
static bool ref_one_rgba(const al_image *img, const al_region *r, int bw)
{
	const uint8_t *first = img->rgba + ((size_t)r->y * img->width + r->x) * 4;
	for (int y = r->y; y < r->y + r->h; y++)
		for (int x = r->x; x < r->x + r->w; x++) {
			bool ring = x < r->x + bw || x >= r->x + r->w - bw ||
			            y < r->y + bw || y >= r->y + r->h - bw;
			if (ring && memcmp(img->rgba + ((size_t)y * img->width + x) * 4, first, 4))
				return false;
		}
	return true;
}

/* Measures @img's ring (@r, @bw wide) and checks that its share is 1
 * exactly when the definition finds one RGBA; returns that. */
static bool ring_agrees(const al_image *img, const al_region *r, int bw)
{
	al_measure m;
	measure(&m, img);
	uint8_t rgb[3];
	float lab[3];
	double share, opaque;
	assert_int_equal(al_measure_ring_color(&m, r, bw, 32, 10.0f, rgb, lab, &share, &opaque),
	                 AL_OK);
	bool one = ref_one_rgba(img, r, bw);
	assert_int_equal(share == 1.0, one);
	al_measure_clear(&m);
	return one;
}

static void test_ring_long_rows_reference(void **state)
{
	static const al_region regions[] = {
		{ 0, 0, 815, 290 }, { 1, 1, 813, 288 }, { 3, 2, 700, 1 }, { 0, 5, 815, 1 },
		{ 2, 2, 511, 40 }, { 7, 3, 512, 30 }, { 0, 0, 256, 9 }, { 4, 4, 257, 9 },
	};
	uint32_t seed = 7;
	for (size_t k = 0; k < G_N_ELEMENTS(regions); k++) {
		const al_region *r = &regions[k];
		int bw = r->h < 10 ? 1 : 6;
		/* where the odd pixel goes along the ring's top row: -1 none */
		int xs[24], n = 0;
		xs[n++] = -1;
		for (int s = 0; s < 3; s++)
			for (int d = -1; d <= 1; d++) {
				int x = r->x + r->w - 1 - 255 * s + d;
				if (x >= r->x && x < r->x + r->w)
					xs[n++] = x;
			}
		xs[n++] = r->x;
		xs[n++] = r->x + 1;
		while (n < 24) {
			seed = seed * 1103515245u + 12345u;
			xs[n++] = r->x + (int)((seed >> 8) % (uint32_t)r->w);
		}
		for (int j = 0; j < n; j++)
			for (int row = 0; row < 2; row++) {
				al_image *img = tu_image_new(815, 290, 0x2a6f9cff);
				/* the top row, or the bottom row of the ring */
				int y = row ? r->y + r->h - 1 : r->y;
				if (xs[j] >= 0)
					tu_set(img, xs[j], y, 0xf0e010ff);
				/* a different colour inside the ring and outside @r */
				if (r->w > 2 * bw && r->h > 2 * bw)
					tu_fill(img, r->x + bw, r->y + bw, r->w - 2 * bw, r->h - 2 * bw,
					        0x000000ff);
				if (r->y > 0)
					tu_fill(img, 0, 0, 815, r->y, 0xffffffff);
				assert_int_equal(ring_agrees(img, r, bw), xs[j] < 0);
				tu_image_free(img);
			}
	}
}

/* one_rgba() reads the top and bottom bands of a ring whole and only
 * the two ends of the rows between them.  Against the definition: one
 * pixel of a far colour anywhere in @r -- in a band, at either end of a
 * middle row, just inside the ring or none -- on rings of width 1 to 6
 * in boxes wide and narrow, and thinner than two rings; the share is 1
 * exactly when the ring is one RGBA. */
static void test_ring_one_rgba_any_row(void **state)
{
	(void)state;
	static const al_region regions[] = {
		{ 0, 0, 40, 30 }, { 3, 2, 20, 12 }, { 5, 5, 7, 20 }, { 2, 9, 30, 5 },
		{ 10, 10, 12, 12 }, { 0, 0, 1, 9 }, { 4, 7, 13, 1 }, { 1, 1, 38, 28 },
	};
	static const int widths[] = { 1, 2, 3, 6 };
	uint32_t seed = 11;
	int ones = 0, others = 0;
	for (size_t k = 0; k < G_N_ELEMENTS(regions); k++)
		for (size_t b = 0; b < G_N_ELEMENTS(widths); b++)
			for (int j = 0; j < 40; j++) {
				const al_region *r = &regions[k];
				int bw = widths[b];
				al_image *img = tu_image_new(40, 30, 0x2a6f9cff);
				if (j > 0) {
					seed = seed * 1103515245u + 12345u;
					int x = r->x + (int)((seed >> 8) % (uint32_t)r->w);
					seed = seed * 1103515245u + 12345u;
					int y = r->y + (int)((seed >> 8) % (uint32_t)r->h);
					/* every fourth: at an end of a row, or one in */
					if (j % 4 == 1)
						x = seed >> 20 & 1 ? r->x + MIN(bw, r->w - 1) - (int)(seed >> 21 & 1)
						                   : r->x + r->w - 1 - MIN(bw, r->w - 1) +
						                     (int)(seed >> 21 & 1);
					tu_set(img, x, y, 0xf0e010ff);
				}
				bool one = ring_agrees(img, r, bw);
				ones += one;
				others += !one;
				tu_image_free(img);
			}
	assert_true(ones > 200 && others > 400);
}

/* ring_color()'s passes walk the ring by stretches of a row
 * (ring_spans()): on random alpha, the share of opaque ring pixels it
 * reports is the plain count over every pixel of @r that lies in the
 * ring, for rings wide and narrow, and boxes thinner than two rings. */
static void test_ring_spans_reference(void **state)
{
	static const al_region regions[] = {
		{ 0, 0, 90, 40 }, { 3, 2, 80, 30 }, { 5, 5, 7, 30 }, { 2, 9, 60, 5 },
		{ 10, 10, 12, 12 }, { 0, 0, 1, 40 }, { 4, 7, 13, 1 }, { 1, 1, 88, 38 },
	};
	static const int widths[] = { 1, 2, 3, 6 };
	uint32_t seed = 5;
	al_image *img = tu_image_new(90, 40, 0);
	for (int y = 0; y < 40; y++)
		for (int x = 0; x < 90; x++) {
			seed = seed * 1103515245u + 12345u;
			/* opaque or not at random, colours varied: the passes run */
			tu_set(img, x, y, (seed >> 8 & 0xffffff00u) | ((seed >> 12) % 3 ? 0xffu : 0x10u));
		}
	al_measure m;
	measure(&m, img);
	for (size_t k = 0; k < G_N_ELEMENTS(regions); k++)
		for (size_t b = 0; b < G_N_ELEMENTS(widths); b++) {
			const al_region *r = &regions[k];
			int bw = widths[b], ring = 0, opaque = 0;
			for (int y = r->y; y < r->y + r->h; y++)
				for (int x = r->x; x < r->x + r->w; x++)
					if (x < r->x + bw || x >= r->x + r->w - bw ||
					    y < r->y + bw || y >= r->y + r->h - bw) {
						ring++;
						opaque += img->rgba[((size_t)y * 90 + x) * 4 + 3] >= 32;
					}
			uint8_t rgb[3];
			float lab[3];
			double share, opaque_share;
			assert_int_equal(al_measure_ring_color(&m, r, bw, 32, 10.0f, rgb, lab, &share,
			                                       &opaque_share), AL_OK);
			assert_true(opaque > 0 && opaque < ring);
			assert_true(opaque_share == (double)opaque / ring);
			assert_true(share > 0 && share < 1);
		}
	al_measure_clear(&m);
	tu_image_free(img);
}

/* ring_color()'s passes by runs of one RGBA are checked against their
 * definition pixel by pixel: plain_ring_color() below. */
static void plain_ring_color(const al_measure *m, const al_region *r, int bw, int alpha_min,
                             float tol, uint8_t rgb[3], float lab[3], double *share,
                             double *opaque_share);

/* Rings over runs of one RGBA of every length (1 px to past m->run's
 * 255), of near colours (so that the passes take some runs and leave
 * others), some translucent or invisible, on sums small and large:
 * al_measure_ring_color() gives the reference's bits. */
static void test_ring_runs_reference(void **state)
{
	static const al_region regions[] = {
		{ 0, 0, 815, 290 }, { 3, 2, 700, 1 }, { 10, 0, 1, 290 }, { 5, 7, 600, 200 },
		{ 1, 1, 813, 288 }, { 0, 0, 4, 3 }, { 100, 50, 300, 2 },
	};
	static const int widths[] = { 1, 3, 8 };
	static const uint32_t base[] = { 0x2a6f9cff, 0x2c6e9aff, 0x306090ff, 0xf4f4f4ff,
	                                 0x2a6f9c80, 0x00000000, 0x1b1b1bff, 0x2a6f9cfe };
	uint32_t seed = 11;
	(void)state;
	for (int img_k = 0; img_k < 6; img_k++) {
		al_image *img = tu_image_new(815, 290, 0);
		/* runs: short (JPEG-like) in the first images, long later */
		int maxrun = img_k < 2 ? 3 : img_k < 4 ? 40 : 700;
		for (int y = 0; y < 290; y++)
			for (int x = 0; x < 815;) {
				seed = seed * 1103515245u + 12345u;
				int len = 1 + (int)((seed >> 8) % (uint32_t)maxrun);
				uint32_t c = base[(seed >> 20) % (img_k & 1 ? 8u : 4u)];
				if ((seed >> 24) % 4 == 0) /* a little noise on the colour */
					c ^= (seed >> 4 & 0x070707u) << 8;
				for (int j = 0; j < len && x < 815; j++, x++)
					tu_set(img, x, y, c);
			}
		al_measure m;
		measure(&m, img);
		/* odd images: the Lab plane by hand, one value per RGBA (as
		 * compute_lab() gives), tiny and large parts mixed so that a
		 * sum rounds unless added pixel by pixel */
		for (size_t i = 0; (img_k & 1) && i < (size_t)815 * 290; i++) {
			uint32_t h;
			memcpy(&h, img->rgba + i * 4, 4);
			h = h * 2654435761u;
			float *l = m.lab + i * 3;
			l[0] = 50.0f + (float)(h >> 28);
			l[1] = (h >> 8) % 3 ? 1e-12f * (float)(1 + (h >> 10) % 97)
			                    : 0.1f * (float)((h >> 12) % 31) + 3e-9f;
			l[2] = (h >> 16) % 2 ? -7e-11f * (float)(1 + (h >> 17) % 89)
			                     : 2.5f + 1e-7f * (float)((h >> 20) % 53);
		}
		for (size_t k = 0; k < G_N_ELEMENTS(regions); k++)
			for (size_t b = 0; b < G_N_ELEMENTS(widths); b++) {
				const al_region *r = &regions[k];
				uint8_t rgb[3], rgb2[3];
				float lab[3], lab2[3];
				double share, opaque, share2, opaque2;
				assert_int_equal(al_measure_ring_color(&m, r, widths[b], 32, 10.0f, rgb,
				                                       lab, &share, &opaque), AL_OK);
				plain_ring_color(&m, r, widths[b], 32, 10.0f, rgb2, lab2, &share2, &opaque2);
				assert_memory_equal(rgb, rgb2, sizeof rgb);
				assert_memory_equal(lab, lab2, sizeof lab);
				assert_memory_equal(&share, &share2, sizeof share);
				assert_memory_equal(&opaque, &opaque2, sizeof opaque);
				/* and the four passes over the ring (no list) */
				al__ring_color_passes = true;
				assert_int_equal(al_measure_ring_color(&m, r, widths[b], 32, 10.0f, rgb2,
				                                       lab2, &share2, &opaque2), AL_OK);
				al__ring_color_passes = false;
				assert_memory_equal(rgb, rgb2, sizeof rgb);
				assert_memory_equal(lab, lab2, sizeof lab);
				assert_memory_equal(&share, &share2, sizeof share);
				assert_memory_equal(&opaque, &opaque2, sizeof opaque);
			}
		al_measure_clear(&m);
		tu_image_free(img);
	}
}

/* The thread's zeroed scratch (alloc.c): lent once at a time (a nested
 * take gets a fresh zeroed block), at least the size asked, zero when
 * taken; measuring leaves it all zero and given back, image after image. */
static void test_zeroed_scratch(void **state)
{
	(void)state;
	uint8_t *a = al_zeroed_take(100);
	uint8_t *b = al_zeroed_take(50);
	assert_true(a != b);
	for (int i = 0; i < 100; i++)
		assert_int_equal(a[i], 0);
	for (int i = 0; i < 50; i++)
		assert_int_equal(b[i], 0);
	a[7] = 1;
	assert_false(al__zeroed_clean());
	al_zeroed_give(b);
	a[7] = 0;
	al_zeroed_give(a);
	assert_true(al__zeroed_clean());
	/* the same block again, grown zeroed when asked for more */
	assert_true(al_zeroed_take(80) == a);
	al_zeroed_give(a);
	uint8_t *c = al_zeroed_take(1 << 16);
	for (int i = 0; i < 1 << 16; i++)
		assert_int_equal(c[i], 0);
	al_zeroed_give(c);
	/* measuring images of every kind leaves it clean */
	uint32_t seed = 41;
	for (int k = 0; k < 12; k++) {
		al_image *img = tu_image_new(30 + 7 * k, 20 + 5 * k, k % 3 ? 0xF0F0F0FFu : 0);
		for (int y = 0; y < img->height; y++)
			for (int x = 0; x < img->width; x++) {
				seed = seed * 1103515245u + 12345u;
				if ((seed >> 9) % 4 == 0 || (x > 5 && x < 12 && y > 4))
					tu_set(img, x, y, (seed & 0xFFFFFF00u) | (k % 2 ? 0xFFu : seed >> 24));
			}
		al_measure m;
		measure(&m, img);
		assert_true(al__zeroed_clean());
		al_measure_clear(&m);
		tu_image_free(img);
	}
}

/* ring_color() as the contract states it, pixel by pixel over every
 * pixel of @r, with al_de76() and its root: the reference for the ring
 * walk by stretches, the squared-distance limit (al_de76_sq_limit()) and
 * the thread's zeroed histogram. */
static void plain_shown(const uint8_t *p, uint8_t out[3])
{
	unsigned a = p[3];
	for (int c = 0; c < 3; c++)
		out[c] = a == 255 ? p[c] : (uint8_t)((p[c] * a + 255u * (255u - a) + 127u) / 255u);
}

static bool plain_in_ring(const al_region *r, int bw, int x, int y)
{
	return x < r->x + bw || x >= r->x + r->w - bw || y < r->y + bw || y >= r->y + r->h - bw;
}

static void plain_ring_color(const al_measure *m, const al_region *r, int bw, int alpha_min,
                             float tol, uint8_t rgb[3], float lab[3], double *share,
                             double *opaque_share)
{
	static guint32 hist[1 << 12];
	int total = 0, opaque = 0, mode = -1, n = 0;
	double seed[3] = { 0, 0, 0 };

	memset(hist, 0, sizeof hist);
	memset(rgb, 0, 3);
	memset(lab, 0, 3 * sizeof *lab);
	*share = *opaque_share = 0;
	for (int pass = 0; pass < 2; pass++)
		for (int y = r->y; y < r->y + r->h; y++)
			for (int x = r->x; x < r->x + r->w; x++) {
				const uint8_t *p = m->rgba + ((size_t)y * m->width + x) * 4;
				uint8_t c[3];
				if (!plain_in_ring(r, bw, x, y))
					continue;
				total += pass == 0;
				if (p[3] < alpha_min)
					continue;
				plain_shown(p, c);
				int q = (c[0] >> 4) << 8 | (c[1] >> 4) << 4 | c[2] >> 4;
				if (pass == 0) {
					opaque++;
					hist[q]++;
					if (mode < 0 || hist[q] > hist[mode])
						mode = q;
				} else if (q == mode) {
					for (int k = 0; k < 3; k++)
						seed[k] += m->lab[((size_t)y * m->width + x) * 3 + k];
					n++;
				}
			}
	if (total == 0 || mode < 0)
		return;
	float s[3] = { (float)(seed[0] / n), (float)(seed[1] / n), (float)(seed[2] / n) };
	for (int pass = 0; pass < 2; pass++) {
		double sl[3] = { 0, 0, 0 }, sr[3] = { 0, 0, 0 };
		int k = 0;
		for (int y = r->y; y < r->y + r->h; y++)
			for (int x = r->x; x < r->x + r->w; x++) {
				size_t i = (size_t)y * m->width + x;
				const uint8_t *p = m->rgba + i * 4;
				const float *l = m->lab + i * 3;
				uint8_t c[3];
				if (!plain_in_ring(r, bw, x, y) || p[3] < alpha_min || al_de76(l, s) >= tol)
					continue;
				plain_shown(p, c);
				for (int c2 = 0; c2 < 3; c2++) {
					sl[c2] += l[c2];
					sr[c2] += c[c2];
				}
				k++;
			}
		if (k == 0)
			break;
		if (pass == 0) {
			for (int c2 = 0; c2 < 3; c2++) {
				s[c2] = (float)(sl[c2] / k);
				rgb[c2] = (uint8_t)CLAMP(sr[c2] / k + 0.5, 0, 255);
			}
			memcpy(lab, s, sizeof s);
		} else {
			*share = (double)k / total;
		}
	}
	*opaque_share = (double)opaque / total;
}

/* al_measure_ring_color() against the plain reference, bit for bit, on
 * rings whose colours lie a few float steps either side of @tol from the
 * seed: the mode bin's pixels share one Lab, so the seed is that Lab
 * exactly, and the others sit at distances next to the limit (where a
 * squared limit of tol * tol, or > for >=, decides otherwise), with
 * translucent and invisible pixels among them.  Tolerances odd and even,
 * 0, below 0 and NaN.  The thread's histogram is all zero after each. */
static void test_ring_color_limit_reference(void **state)
{
	static const float tols[] = { 10.0f, 7.3f, 2.5f, 23.7f, 0.3f, 13.37f, 4.99f, 0.0f, -1.0f, NAN };
	static const al_region regions[] = {
		{ 0, 0, 48, 40 }, { 2, 3, 40, 30 }, { 5, 4, 9, 31 }, { 1, 1, 46, 6 },
	};
	static const int widths[] = { 1, 3, 5 };
	const float l0[3] = { 60.25f, 0.0f, 0.0f };
	int diffs = 0;
	(void)state;
	for (size_t t = 0; t < G_N_ELEMENTS(tols); t++) {
		float tol = tols[t];
		uint32_t seed = 977u + (uint32_t)t;
		al_image *img = tu_image_new(48, 40, 0);
		for (int y = 0; y < 40; y++)
			for (int x = 0; x < 48; x++) {
				seed = seed * 1103515245u + 12345u;
				int kind = (int)(seed >> 16) % 10;
				/* 5 in 10: the mode colour; 1 invisible; 1 translucent;
				 * the rest other opaque colours */
				uint32_t px = kind < 5 ? 0xC8C8C8FFu
				            : kind == 5 ? 0x30405008u
				            : kind == 6 ? 0x20A04080u
				            : ((seed >> 4) & 0x7F7F7F00u) | 0xFFu;
				tu_set(img, x, y, px);
			}
		al_measure m;
		measure(&m, img);
		/* the Lab plane by hand: the mode colour at l0, the others a
		 * few float steps from tol away along one axis, some far */
		for (size_t i = 0; i < (size_t)48 * 40; i++) {
			const uint8_t *p = img->rgba + i * 4;
			float *l = m.lab + i * 3;
			/* a pixel repeating its left neighbour's RGBA repeats its
			 * Lab, as compute_lab() gives a run one conversion */
			if (i % 48 && !memcmp(p, p - 4, 4)) {
				memcpy(l, l - 3, sizeof l0);
				continue;
			}
			memcpy(l, l0, sizeof l0);
			if (p[0] == 0xC8 && p[1] == 0xC8 && p[2] == 0xC8 && p[3] == 255)
				continue;
			seed = seed * 1103515245u + 12345u;
			float d = isnan(tol) || tol <= 0 ? 1.0f : tol;
			int steps = (int)(seed >> 20) % 9 - 4;
			for (; steps > 0; steps--)
				d = nextafterf(d, INFINITY);
			for (; steps < 0; steps++)
				d = nextafterf(d, 0.0f);
			if ((seed >> 8) % 5 == 0)
				d *= 3.0f;
			/* a and b are 0 at l0: the offsets are the differences
			 * exactly, and a small second one spreads the squared
			 * distance over the floats next to the limit */
			float e = (float)((seed >> 3) % 1000) * 1e-6f * d;
			int c = 1 + (int)((seed >> 12) & 1);
			l[c] += (seed >> 14) & 1 ? d : -d;
			l[3 - c] += (seed >> 15) & 1 ? e : -e;
		}
		for (size_t k = 0; k < G_N_ELEMENTS(regions); k++)
			for (size_t b = 0; b < G_N_ELEMENTS(widths); b++) {
				uint8_t rgb[3], rgb2[3];
				float lab[3], lab2[3];
				double share, opaque, share2, opaque2;
				assert_int_equal(al_measure_ring_color(&m, &regions[k], widths[b], 32, tol,
				                                       rgb, lab, &share, &opaque), AL_OK);
				assert_true(al__zeroed_clean());
				plain_ring_color(&m, &regions[k], widths[b], 32, tol, rgb2, lab2,
				                 &share2, &opaque2);
				assert_memory_equal(rgb, rgb2, 3);
				assert_memory_equal(lab, lab2, sizeof lab);
				assert_true(share == share2);
				assert_true(opaque == opaque2);
				diffs += share2 > 0 && share2 < 1;
			}
		al_measure_clear(&m);
		tu_image_free(img);
	}
	/* the cases decide: rings neither all in nor all out */
	assert_true(diffs > 50);
}

bool al__measure_two_tone_plain(const al_measure *m, const al_options *opts,
                                uint8_t rgb[3], float lab[3]);

/* al_measure_two_tone() walks the ring by stretches (ring_spans()):
 * against the plain walk pixel by pixel, on random two-tone images of
 * every size from 1 px (rings wider than half the image, one column, one
 * row), with bands, discs, mixes, noise and transparent pixels, as a
 * mixed background with random border agreements: the same answer and
 * the same colours, bit for bit. */
static void test_two_tone_spans_reference(void **state)
{
	GRand *rnd = g_rand_new_with_seed(15);
	int twos = 0;
	for (int t = 0; t < 400; t++) {
		int w = g_rand_int_range(rnd, 1, 70), h = g_rand_int_range(rnd, 1, 50);
		uint32_t c1 = g_rand_int(rnd) | 0xffu, c2 = g_rand_int(rnd) | 0xffu;
		al_image *img = tu_image_new(w, h, c1);
		int kind = g_rand_int_range(rnd, 0, 3);
		if (kind == 0)
			tu_fill(img, 0, g_rand_int_range(rnd, 0, h), w, h, c2);
		else if (kind == 1)
			tu_disc(img, g_rand_int_range(rnd, 0, w), g_rand_int_range(rnd, 0, h),
			        g_rand_int_range(rnd, 1, 40), c2);
		else
			tu_fill(img, g_rand_int_range(rnd, 0, w), 0, w, h, c2);
		for (int k = g_rand_int_range(rnd, 0, 30); k > 0; k--) {
			uint32_t c = g_rand_int_range(rnd, 0, 3) == 0 ? g_rand_int(rnd) & 0xffffff00u
			             : g_rand_boolean(rnd) ? (c1 ^ 0x01010100u) : g_rand_int(rnd) | 0xffu;
			tu_set(img, g_rand_int_range(rnd, 0, w), g_rand_int_range(rnd, 0, h), c);
		}
		al_measure m;
		measure(&m, img);
		m.bg_kind = AL_BG_MIXED;
		memcpy(m.bg_lab, m.lab, sizeof m.bg_lab);
		memcpy(m.bg_rgb, img->rgba, 3);
		m.border_agreement = g_rand_double_range(rnd, 0.2, 0.9);
		uint8_t rf[3] = { 0 }, rp[3] = { 0 };
		float lf[3] = { 0 }, lp[3] = { 0 };
		bool f = al_measure_two_tone(&m, NULL, rf, lf);
		bool p = al__measure_two_tone_plain(&m, NULL, rp, lp);
		assert_int_equal(f, p);
		assert_memory_equal(rf, rp, sizeof rf);
		assert_memory_equal(lf, lp, sizeof lf);
		twos += f;
		al_measure_clear(&m);
		tu_image_free(img);
	}
	assert_true(twos > 200);
	g_rand_free(rnd);
}

/* ---- al_regions_similar against the plain pixel-wise union-find ------ */

static int ref_find(int *parent, int i)
{
	while (parent[i] != i)
		i = parent[i] = parent[parent[i]];
	return i;
}

static void ref_union(int *parent, int a, int b)
{
	a = ref_find(parent, a);
	b = ref_find(parent, b);
	if (a < b)
		parent[b] = a;
	else if (b < a)
		parent[a] = b;
}

/* The definition: every pair of 4-neighbours, each tested on its own. */
static bool ref_ramp(const float *lab, const int *vis, int p, int q, int d, bool has_o,
                     bool has_r, const float s[3], float s2)
{
	if (!has_o || !has_r || !vis[p - d] || !vis[q + d])
		return false;
	float e0 = 0, e1 = 0;
	for (int k = 0; k < 3; k++) {
		float a = (lab[p * 3 + k] - lab[(p - d) * 3 + k]) - s[k];
		float b = (lab[(q + d) * 3 + k] - lab[q * 3 + k]) - s[k];
		e0 += a * a;
		e1 += b * b;
	}
	return e0 < 0.25f * s2 && e1 < 0.25f * s2;
}

static int ref_regions(int w, int h, const float *lab, const int *vis, float step,
                       float ramp_de, int *labels)
{
	int n = w * h, *parent = g_new(int, n), count = 0;
	for (int i = 0; i < n; i++)
		parent[i] = i;
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			int i = y * w + x;
			for (int k = 0; k < 2; k++) {
				int d = k == 0 ? 1 : w, j = i + d;
				if (!vis[i] || (k == 0 ? x + 1 >= w : y + 1 >= h) || !vis[j])
					continue;
				float s[3], s2 = 0;
				for (int c = 0; c < 3; c++) {
					s[c] = lab[j * 3 + c] - lab[i * 3 + c];
					s2 += s[c] * s[c];
				}
				bool ho = k == 0 ? x > 0 : y > 0, hr = k == 0 ? x + 2 < w : y + 2 < h;
				if (s2 < step * step ||
				    (s2 < ramp_de * ramp_de && ref_ramp(lab, vis, i, j, d, ho, hr, s, s2)))
					ref_union(parent, i, j);
			}
		}
	for (int i = 0; i < n; i++) {
		if (!vis[i]) {
			labels[i] = -1;
			continue;
		}
		int r = ref_find(parent, i);
		labels[i] = r == i ? count++ : labels[r];
	}
	g_free(parent);
	return count;
}

/* Images of the kinds the rules see: flat areas (long runs, the common
 * case the run shortcuts serve), steady ramps, noise, checkerboards, see-
 * through pixels and holes of the mask; sizes down to one pixel. */
static void fill_case(int kind, int w, int h, GRand *rnd, float *lab, uint8_t *rgba,
                      uint8_t *only)
{
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			int i = y * w + x;
			float v[3] = { 50, 0, 0 };
			switch (kind % 6) {
			case 0: /* flat tiles */
				v[0] = (float)(20 * ((x / 5 + y / 3) % 4));
				break;
			case 1: /* a steady ramp across, flat down */
				v[0] = 10 + 3.5f * x;
				v[1] = -2.0f * x;
				break;
			case 2: /* ramp down, steps across */
				v[0] = 5 + 2.5f * y + (x > w / 2 ? 30 : 0);
				break;
			case 3: /* checkerboard of two near colours and far colours */
				v[0] = (x + y) % 2 ? 50.0f : (kind > 6 ? 51.0f : 90.0f);
				break;
			case 4: /* noise around a few levels */
				v[0] = (float)(g_rand_int_range(rnd, 0, 3) * 4 + (x / 7) * 10);
				v[2] = (float)g_rand_double_range(rnd, -1.5, 1.5);
				break;
			default: /* one colour everywhere */
				break;
			}
			memcpy(lab + i * 3, v, sizeof v);
			int hole = g_rand_int_range(rnd, 0, 100) < (kind % 3 == 0 ? 15 : 3);
			rgba[i * 4 + 3] = hole ? 0 : 255;
			only[i] = (x + 2 * y) % 11 != 0;
		}
}

/* @runs against the label plane @labels (w*h) they come with: row by
 * row, the maximal runs of one label other than -1, left to right. */
static void assert_label_runs(const int *labels, int w, int h, const al_label_runs *runs)
{
	assert_non_null(runs->run);
	assert_non_null(runs->row);
	int k = 0;
	for (int y = 0; y < h; y++) {
		const int *row = labels + (size_t)y * w;
		assert_int_equal(runs->row[y], k);
		for (int x = 0, e; x < w; x = e) {
			for (e = x + 1; e < w && row[e] == row[x]; e++)
				;
			if (row[x] < 0)
				continue;
			assert_int_equal(runs->run[k].x0, x);
			assert_int_equal(runs->run[k].x1, e - 1);
			assert_int_equal(runs->run[k].label, row[x]);
			k++;
		}
	}
	assert_int_equal(runs->row[h], k);
}

static void test_regions_similar_reference(void **state)
{
	static const int sizes[][2] = { { 1, 1 }, { 1, 9 }, { 9, 1 }, { 2, 2 }, { 3, 7 },
	                                { 17, 5 }, { 40, 40 }, { 61, 23 } };
	static const float steps[][2] = { { 6, 25 }, { 6, 0 }, { 0, 0 }, { 0, 25 }, { 1e6f, 0 } };
	GRand *rnd = g_rand_new_with_seed(10);
	for (size_t si = 0; si < G_N_ELEMENTS(sizes); si++)
		for (int kind = 0; kind < 12; kind++)
			for (size_t st = 0; st < G_N_ELEMENTS(steps); st++)
				for (int use_only = 0; use_only < 2; use_only++) {
					int w = sizes[si][0], h = sizes[si][1], n = w * h;
					float *lab = g_new(float, n * 3);
					uint8_t *rgba = g_new0(uint8_t, n * 4), *only = g_new(uint8_t, n);
					int *vis = g_new(int, n), *got = g_new(int, n), *want = g_new(int, n);
					fill_case(kind, w, h, rnd, lab, rgba, only);
					for (int i = 0; i < n; i++)
						vis[i] = use_only ? only[i] != 0 : rgba[i * 4 + 3] >= 128;
					al_measure m = { .width = w, .height = h, .rgba = rgba };
					int nw = ref_regions(w, h, lab, vis, steps[st][0], steps[st][1], want);
					int ng = al_regions_similar(&m, lab, use_only ? only : NULL,
					                            steps[st][0], steps[st][1], got);
					assert_int_equal(ng, nw);
					assert_memory_equal(got, want, (size_t)n * sizeof *got);
					/* the same labels with their runs */
					al_label_runs runs;
					ng = al_regions_similar_runs(&m, lab, use_only ? only : NULL,
					                             steps[st][0], steps[st][1], got, &runs);
					assert_int_equal(ng, nw);
					assert_memory_equal(got, want, (size_t)n * sizeof *got);
					assert_label_runs(got, w, h, &runs);
					al_label_runs_clear(&runs);
					g_free(lab);
					g_free(rgba);
					g_free(only);
					g_free(vis);
					g_free(got);
					g_free(want);
				}
	g_rand_free(rnd);
}

/* al_regions_similar_blur() (the flat steps taken from al_flat3()'s
 * bytes) against the union-find over every edge of the blurred plane:
 * tiles of a few colours (blocks of 1 .. 7 px, so flat stretches of
 * every length end at every offset, also next to the side columns and
 * across the sixteen-at-a-time step), invisible and translucent colours,
 * colours whose mean of three differs from their mean of two in the last
 * bit (the side columns), widths 1 .. 70, heights 1 .. 9, and steps down
 * to 1e-6 (a last-bit difference then splits a region). */
static void test_regions_similar_blur_reference(void **state)
{
	static const uint32_t pal[] = { 0xffffffff, 0x0f6cbdff, 0x1a1a1aff, 0x00000000,
	                                0xff000000, 0x33669980, 0x7f7f7fff, 0x19e6b3ff };
	static const float steps[][2] = { { 6, 25 }, { 1, 0 }, { 1e-6f, 0 }, { 1e-6f, 25 },
	                                  { 0, 0 }, { 0, 25 } };
	static const int sizes[][2] = { { 1, 1 }, { 1, 7 }, { 2, 3 }, { 3, 1 }, { 3, 4 },
	                                { 4, 4 }, { 17, 2 }, { 18, 9 }, { 19, 5 }, { 33, 6 },
	                                { 70, 3 }, { 70, 9 } };
	GRand *rnd = g_rand_new_with_seed(14);
	al_options *o = al_options_new();
	for (size_t si = 0; si < G_N_ELEMENTS(sizes); si++)
		for (int rep = 0; rep < 24; rep++) {
			int w = sizes[si][0], h = sizes[si][1], n = w * h;
			int bw = 1 + rep % 7, bh = 1 + (rep / 7) % 3;
			al_image *img = tu_image_new(w, h, 0xffffffff);
			for (int y = 0; y < h; y += bh)
				for (int x = 0; x < w; x += bw) {
					/* mostly two colours: long flat stretches */
					uint32_t c = g_rand_int_range(rnd, 0, 4)
					                     ? pal[rep % 2]
					                     : pal[g_rand_int_range(rnd, 0, G_N_ELEMENTS(pal))];
					if (g_rand_int_range(rnd, 0, 12) == 0)
						c = g_rand_int(rnd) | 0xff; /* any opaque colour */
					tu_fill(img, x, y, MIN(bw, w - x), MIN(bh, h - y), c);
				}
			al_measure m;
			assert_int_equal(al_measure_compute(&m, img, o), AL_OK);
			float *blur = al_lab_blur3(m.lab, w, h);
			uint8_t *flat = g_new(uint8_t, n);
			int *vis = g_new(int, n), *got = g_new(int, n), *want = g_new(int, n);
			assert_non_null(blur);
			al_flat3(&m, flat);
			for (int i = 0; i < n; i++)
				vis[i] = img->rgba[i * 4 + 3] >= 128;
			for (size_t st = 0; st < G_N_ELEMENTS(steps); st++) {
				int nw = ref_regions(w, h, blur, vis, steps[st][0], steps[st][1], want);
				int ng = al_regions_similar_blur(&m, blur, flat, steps[st][0],
				                                 steps[st][1], got);
				assert_int_equal(ng, nw);
				assert_memory_equal(got, want, (size_t)n * sizeof *got);
				al_label_runs runs;
				ng = al_regions_similar_blur_runs(&m, blur, flat, steps[st][0],
				                                  steps[st][1], got, &runs);
				assert_int_equal(ng, nw);
				assert_memory_equal(got, want, (size_t)n * sizeof *got);
				assert_label_runs(got, w, h, &runs);
				al_label_runs_clear(&runs);
			}
			g_free(blur);
			g_free(flat);
			g_free(vis);
			g_free(got);
			g_free(want);
			al_measure_clear(&m);
			tu_image_free(img);
		}
	al_options_free(o);
	g_rand_free(rnd);
}

/* al_lab_blur3 against the blur written out pixel by pixel (the same sums
 * in the same order, so equal to the bit). */
static float ref_blur_at(const float *lab, int w, int h, int x, int y, int c,
                         bool rows_done, const float *tmp)
{
	if (!rows_done) { /* along the row */
		const float *r = lab + (size_t)y * w * 3 + c;
		if (w == 1)
			return r[0];
		if (x == 0)
			return (r[0] + r[3]) * 0.5f;
		if (x == w - 1)
			return (r[(x - 1) * 3] + r[x * 3]) * 0.5f;
		return (r[(x - 1) * 3] + r[x * 3] + r[(x + 1) * 3]) * (1.0f / 3.0f);
	}
	const float *col = tmp + (size_t)x * 3 + c;
	size_t row = (size_t)w * 3;
	if (h == 1)
		return col[0];
	if (y == 0)
		return (col[0] + col[row]) * 0.5f;
	if (y == h - 1)
		return (col[(y - 1) * row] + col[y * row]) * 0.5f;
	return (col[(y - 1) * row] + col[y * row] + col[(y + 1) * row]) * (1.0f / 3.0f);
}

static void test_lab_blur3_reference(void **state)
{
	static const int sizes[][2] = { { 1, 1 }, { 1, 6 }, { 6, 1 }, { 2, 2 }, { 2, 5 },
	                                { 7, 3 }, { 33, 17 } };
	GRand *rnd = g_rand_new_with_seed(3);
	for (size_t si = 0; si < G_N_ELEMENTS(sizes); si++) {
		int w = sizes[si][0], h = sizes[si][1], n = w * h;
		float *lab = g_new(float, n * 3), *tmp = g_new(float, n * 3);
		for (int i = 0; i < n * 3; i++) /* flat stretches and odd values */
			lab[i] = i % 7 < 3 ? 50.0f : (float)g_rand_double_range(rnd, -100, 100);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				for (int c = 0; c < 3; c++)
					tmp[((size_t)y * w + x) * 3 + c] =
						ref_blur_at(lab, w, h, x, y, c, false, NULL);
		float *got = al_lab_blur3(lab, w, h);
		assert_non_null(got);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				for (int c = 0; c < 3; c++) {
					float want = ref_blur_at(lab, w, h, x, y, c, true, tmp);
					assert_memory_equal(&got[((size_t)y * w + x) * 3 + c], &want,
					                    sizeof want);
				}
		g_free(got);
		g_free(tmp);
		g_free(lab);
	}
	g_rand_free(rnd);
}

/* The Lab plane holds, for every pixel, al_srgb_to_lab() of the colour it
 * shows over white, to the bit, and m->run the count of equal RGBA left
 * of it (at most 255): runs of 1 .. 29 px (the short runs written with a
 * fixed overshoot the next runs overwrite) and some of 200 .. 400,
 * colours that share a slot of the conversion table, translucent and
 * invisible pixels (junk RGB), 1 px. */
static void test_lab_plane_exact(void **state)
{
	static const int sizes[][2] = { { 1, 1 }, { 1, 40 }, { 40, 1 }, { 90, 90 }, { 815, 290 } };
	GRand *rnd = g_rand_new_with_seed(11);
	for (size_t si = 0; si < G_N_ELEMENTS(sizes); si++) {
		int w = sizes[si][0], h = sizes[si][1];
		al_image *img = tu_image_new(w, h, 0xffffffff);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w;) {
				int run = g_rand_int_range(rnd, 0, 40) ? g_rand_int_range(rnd, 1, 30)
				                                       : g_rand_int_range(rnd, 200, 400);
				uint32_t c = g_rand_int(rnd);
				int kind = g_rand_int_range(rnd, 0, 10);
				/* a few thousand colours, opaque, translucent, clear */
				c = kind < 7 ? (c | 0xffu) : kind < 9 ? c : (c & 0xffffff00u);
				tu_fill(img, x, y, MIN(run, w - x), 1, c);
				x += run;
			}
		al_measure m;
		measure(&m, img);
		for (int i = 0; i < w * h; i++) {
			const uint8_t *p = img->rgba + (size_t)i * 4;
			unsigned a = p[3];
			uint8_t c[3];
			for (int k = 0; k < 3; k++)
				c[k] = a == 255 ? p[k] : (uint8_t)((p[k] * a + 255u * (255u - a) + 127u) / 255u);
			float want[3];
			al_srgb_to_lab(c[0], c[1], c[2], want);
			assert_memory_equal(m.lab + (size_t)i * 3, want, sizeof want);
			bool same = i % w > 0 && memcmp(p, p - 4, 4) == 0;
			assert_int_equal(m.run[i], same ? MIN(m.run[i - 1] + 1, 255) : 0);
		}
		al_measure_clear(&m);
		tu_image_free(img);
	}
	g_rand_free(rnd);
}

/* al_same_box() and al_flat3() against a pixel-by-pixel comparison, on
 * every box of up to 7x4 px (and every width at the 255 cap of m->run)
 * of images with runs of colours, checkerboards, alpha edges (one RGB,
 * different alpha; clear pixels of different RGB are different RGBA),
 * rows longer than 255 px of one colour, and 1-px images. */
static bool same_box_ref(const al_image *img, int x0, int y0, int x1, int y1)
{
	const uint8_t *c = img->rgba + ((size_t)y0 * img->width + x0) * 4;
	for (int y = y0; y <= y1; y++)
		for (int x = x0; x <= x1; x++)
			if (memcmp(img->rgba + ((size_t)y * img->width + x) * 4, c, 4) != 0)
				return false;
	return true;
}

static void check_same_box(const al_image *img)
{
	int w = img->width, h = img->height;
	al_measure m;
	measure(&m, img);
	/* al_flat3(): the clipped 3x3 box of every pixel */
	uint8_t *flat = g_new(uint8_t, (size_t)w * h);
	memset(flat, 7, (size_t)w * h);
	al_flat3(&m, flat);
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++)
			assert_int_equal(flat[(size_t)y * w + x],
			                 same_box_ref(img, MAX(x - 1, 0), MAX(y - 1, 0), MIN(x + 1, w - 1),
			                              MIN(y + 1, h - 1)));
	g_free(flat);
	/* al_run_end(): the next pixel that starts a row or another RGBA
	 * (rows of one colour longer than m->run's cap of 255 included) */
	size_t n = (size_t)w * h;
	for (size_t i = 0; i < n; i++) {
		size_t j = i + 1;
		while (j < n && j % (size_t)w != 0 &&
		       memcmp(img->rgba + j * 4, img->rgba + (j - 1) * 4, 4) == 0)
			j++;
		assert_int_equal(al_run_end(&m, i, n), j);
	}
	for (int y0 = 0; y0 < h; y0++)
		for (int x0 = 0; x0 < w; x0++)
			for (int y1 = y0; y1 < MIN(h, y0 + 4); y1++)
				for (int x1 = x0; x1 < MIN(w, x0 + 256); x1++) {
					if (x1 - x0 >= 7 && x1 - x0 < 250 && x0 % 97 != 0)
						continue;
					assert_int_equal(al_same_box(&m, x0, y0, x1, y1),
					                 same_box_ref(img, x0, y0, x1, y1));
				}
	al_measure_clear(&m);
}

static void test_same_box(void **state)
{
	(void)state;
	al_image *img = tu_image_new(1, 1, 0x336699ff);
	check_same_box(img);
	tu_image_free(img);
	/* one colour, rows longer than the 255 cap */
	img = tu_image_new(600, 3, 0xffffffff);
	check_same_box(img);
	tu_set(img, 300, 1, 0xfffffffe);
	check_same_box(img);
	tu_image_free(img);
	img = tu_image_new(1, 40, 0x00000000);
	tu_set(img, 0, 20, 0x00000080);
	check_same_box(img);
	tu_image_free(img);
	/* one row, two rows (no row above or below, or only one of them) */
	for (int rows = 1; rows <= 2; rows++) {
		img = tu_image_new(12, rows, 0x336699ff);
		tu_fill(img, 3, 0, 2, 1, 0x000000ff);
		tu_set(img, 8, rows - 1, 0x33669980);
		check_same_box(img);
		tu_image_free(img);
	}
	/* checkerboards of 1 and 2 px */
	for (int cell = 1; cell <= 2; cell++) {
		img = tu_image_new(21, 13, 0xffffffff);
		for (int y = 0; y < 13; y++)
			for (int x = 0; x < 21; x++)
				if ((x / cell + y / cell) % 2)
					tu_set(img, x, y, 0x000000ff);
		check_same_box(img);
		tu_image_free(img);
	}
	/* alpha edges: one RGB at different alpha; clear pixels of
	 * different RGB */
	img = tu_image_new(30, 10, 0xff000000);
	tu_fill(img, 5, 2, 10, 5, 0xff0000ff);
	tu_fill(img, 8, 3, 3, 3, 0xff000080);
	tu_fill(img, 20, 0, 10, 10, 0x00ff0000);
	check_same_box(img);
	tu_image_free(img);
	/* runs of random colours */
	GRand *rnd = g_rand_new_with_seed(5);
	img = tu_image_new(90, 24, 0xffffffff);
	for (int y = 0; y < 24; y++)
		for (int x = 0; x < 90;) {
			int run = g_rand_int_range(rnd, 1, 12);
			tu_fill(img, x, y, MIN(run, 90 - x), 1,
			        g_rand_int_range(rnd, 0, 3) ? 0x20a0e0ff : g_rand_int(rnd));
			x += run;
		}
	check_same_box(img);
	tu_image_free(img);
	/* the same in bands of 1 to 4 equal rows (al_flat3() takes a row
	 * equal to both its neighbours from its own bytes), the first and
	 * last rows among them */
	for (int band = 1; band <= 4; band++) {
		img = tu_image_new(40, 17, 0xffffffff);
		for (int y = 0; y < 17; y++) {
			if (y % band) {
				memcpy(img->rgba + (size_t)y * 40 * 4, img->rgba + (size_t)(y - 1) * 40 * 4,
				       40 * 4);
				continue;
			}
			for (int x = 0; x < 40;) {
				int run = g_rand_int_range(rnd, 1, 9);
				tu_fill(img, x, y, MIN(run, 40 - x), 1,
				        g_rand_int_range(rnd, 0, 3) ? 0x20a0e0ff : g_rand_int(rnd));
				x += run;
			}
		}
		check_same_box(img);
		tu_image_free(img);
	}
	g_rand_free(rnd);
}

/* al_lab_same_next4(): pixels 1..4 each the bits of the one before, against
 * memcmp() of floats 0..11 with 3..14, on runs of one colour with one
 * float changed anywhere, by one bit, to -0.0 from 0.0, or to another NaN
 * payload (bits, not values, are compared). */
static void test_lab_same_next4(void **state)
{
	(void)state;
	const float base[3] = { 0.0f, 12.5f, -3.25f };
	for (int pos = -1; pos < 15; pos++)
		for (int kind = 0; kind < 4; kind++) {
			float a[15];
			for (int k = 0; k < 15; k++)
				a[k] = base[k % 3];
			if (pos >= 0) {
				uint32_t u;
				memcpy(&u, &a[pos], 4);
				if (kind == 0)
					u ^= 1;                 /* last mantissa bit */
				else if (kind == 1)
					u ^= 0x80000000u;       /* sign: 0.0 -> -0.0 */
				else if (kind == 2)
					u = 0x7fc00001u;        /* a NaN */
				else
					u ^= 0x00400000u;       /* a high mantissa bit */
				memcpy(&a[pos], &u, 4);
			}
			bool want = memcmp(a, a + 3, 12 * sizeof(float)) == 0;
			assert_int_equal(al_lab_same_next4(a), want);
		}
}

/* al_label_run_end(): the first label after x that differs from row[x],
 * or w, against a one-by-one scan, at every start of rows of runs of
 * every length 1..9 (across the four-at-a-time step), negative labels,
 * labels that differ in one bit only, and rows of 1..13 labels. */
static void test_label_run_end(void **state)
{
	(void)state;
	int row[64];
	uint32_t s = 12345;
	for (int w = 1; w <= 13; w++)
		for (int trial = 0; trial < 200; trial++) {
			int l = -1;
			for (int x = 0; x < w;) {
				s = s * 1103515245u + 12345u;
				int len = 1 + (int)((s >> 16) % 9);
				int kind = (int)((s >> 8) % 4);
				/* another label: -1, a neighbour value, one bit off */
				l = kind == 0 ? -1 : kind == 1 ? l + 1 : kind == 2 ? l ^ 0x40000000 : l - 3;
				for (int k = 0; k < len && x < w; k++)
					row[x++] = l;
			}
			for (int x = 0; x < w; x++) {
				int e = x + 1;
				while (e < w && row[e] == row[x])
					e++;
				assert_int_equal(al_label_run_end(row, x, w), e);
			}
		}
}

/* al_sum_repeat() against k additions one by one, bit for bit: sums that
 * start at 0 or hold earlier values, values on its 2^-24 grid and off it
 * (tiny, full mantissas, -0, beyond 2^28, infinities, NaN), k from 0 to
 * 300 and large enough to leave the exact range. */
static void test_sum_repeat(void **state)
{
	(void)state;
	uint32_t s = 2024;
	const float special[] = { 0.0f, -0.0f, 1.0f, -1.0f, 100.0f, -127.5f, 0.25f,
	                          1e-9f, -3e-7f, 0.1f, 1.0f / 3.0f, 268435456.0f,
	                          3e8f, -5e8f, INFINITY, -INFINITY, NAN, 5.9604645e-8f };
	for (int trial = 0; trial < 4000; trial++) {
		double a = 0, b = 0;
		int steps = 1 + trial % 5;
		for (int st = 0; st < steps; st++) {
			s = s * 1103515245u + 12345u;
			float v;
			int kind = (int)((s >> 8) % 4);
			if (kind == 0)
				v = special[(s >> 12) % G_N_ELEMENTS(special)];
			else if (kind == 1) /* on the grid: Lab-like, quarters */
				v = (float)((int)((s >> 10) % 1024) - 512) / 4.0f;
			else if (kind == 2) /* full mantissa in Lab's range */
				v = (float)((double)(s >> 8) / 16777216.0 * 200.0 - 100.0);
			else /* whole numbers of 2^-24 near 0 */
				v = ldexpf((float)((int)((s >> 12) % 4096) - 2048), -24);
			s = s * 1103515245u + 12345u;
			/* now and then enough to leave the exact range */
			long k = (s >> 16) % 128 == 0 ? (long)((s >> 4) % 3000000) : (long)((s >> 16) % 301);
			al_sum_repeat(&a, v, k);
			for (long j = 0; j < k; j++)
				b += v;
			assert_memory_equal(&a, &b, sizeof a);
		}
	}
}

/* al_masked_mean() against the scan-order double sum it stands for, bit
 * for bit: Lab planes of random colours (greys: a*, b* at or near 0),
 * values off its integer grid (tiny, -0, beyond 256, full mantissas),
 * flat stretches, labels in checkerboards and blobs, masks with holes,
 * 1-px images and radii 0 to 8. */
static void ref_masked_mean(const float *lab, const uint8_t *mask, const int *labels, int l,
                            int w, int h, int x, int y, int r, float out[3])
{
	double s[3] = { 0, 0, 0 };
	int k = 0;
	for (int yy = MAX(0, y - r); yy <= MIN(h - 1, y + r); yy++)
		for (int xx = MAX(0, x - r); xx <= MIN(w - 1, x + r); xx++) {
			size_t j = (size_t)yy * w + xx;
			if (!mask[j] || labels[j] != l)
				continue;
			for (int c = 0; c < 3; c++)
				s[c] += lab[j * 3 + c];
			k++;
		}
	for (int c = 0; c < 3; c++)
		out[c] = (float)(s[c] / k);
}

/* A value far off the grid next to a large one: sliding sums that took
 * both would lose the small one when the large one leaves the window
 * ((100 + 2^-50) - 100 = 0 in a double), where the definition keeps it.
 * Down a column and along a row, radii 1 and 2: the windows holding it
 * must be summed by the definition. */
static void test_masked_mean_cancel(void **state)
{
	(void)state;
	for (int across = 0; across < 2; across++)
		for (int r = 1; r <= 2; r++) {
			int len = 2 * r + 3, w = across ? len : 1, h = across ? 1 : len;
			float *lab = g_new0(float, (size_t)len * 3), *out = g_new0(float, (size_t)len * 3);
			uint8_t *mask = g_new(uint8_t, len);
			int *labels = g_new0(int, len);
			for (int i = 0; i < len; i++) {
				lab[i * 3] = i == 0 ? 100.0f : ldexpf(1.0f, -50);
				lab[i * 3 + 1] = i == 0 ? -100.0f : 0.25f;
				mask[i] = 1;
			}
			al_region box = { 0, 0, w, h };
			assert_true(al_masked_mean(lab, mask, labels, 0, w, h, box, r, out));
			for (int i = 0; i < len; i++) {
				float want[3];
				ref_masked_mean(lab, mask, labels, 0, w, h, across ? i : 0, across ? 0 : i, r,
				                want);
				assert_memory_equal(out + i * 3, want, sizeof want);
			}
			/* the last pixel's window has lost the large value */
			assert_true(out[(len - 1) * 3] == ldexpf(1.0f, -50));
			g_free(lab);
			g_free(out);
			g_free(mask);
			g_free(labels);
		}
}

static void test_masked_mean_reference(void **state)
{
	(void)state;
	static const int sizes[][2] = { { 1, 1 }, { 1, 7 }, { 7, 1 }, { 2, 2 }, { 9, 5 },
	                                { 40, 23 } };
	static const int radii[] = { 0, 1, 2, 3, 8 };
	GRand *rnd = g_rand_new_with_seed(17);
	for (size_t si = 0; si < G_N_ELEMENTS(sizes); si++)
		for (int kind = 0; kind < 4; kind++) {
			int w = sizes[si][0], h = sizes[si][1], n = w * h;
			float *lab = g_new(float, (size_t)n * 3);
			float *out = g_new(float, (size_t)n * 3);
			uint8_t *mask = g_new(uint8_t, n);
			int *labels = g_new(int, n);
			for (int i = 0; i < n; i++) {
				int x = i % w, y = i / w;
				uint8_t v = (uint8_t)g_rand_int_range(rnd, 0, 256);
				switch (kind) {
				case 0: /* colours and greys as the Lab plane holds them */
					if (g_rand_boolean(rnd))
						al_srgb_to_lab(v, v, v, lab + (size_t)i * 3);
					else
						al_srgb_to_lab(v, (uint8_t)g_rand_int(rnd), (uint8_t)g_rand_int(rnd),
						               lab + (size_t)i * 3);
					break;
				case 1: /* flat stretches */
					for (int c = 0; c < 3; c++)
						lab[(size_t)i * 3 + c] = x < w / 2 ? 41.25f : -3.5f;
					break;
				default: /* full mantissas, off the grid, -0 */
					for (int c = 0; c < 3; c++) {
						int pick = g_rand_int_range(rnd, 0, 10);
						lab[(size_t)i * 3 + c] =
							pick == 0 ? 1e-7f : pick == 1 ? -0.0f :
							pick == 2 ? 300.5f : pick == 3 ? 3e-6f :
							(float)g_rand_double_range(rnd, -128, 128);
					}
				}
				mask[i] = kind == 3 ? (x + y) % 2 == 0 : g_rand_int_range(rnd, 0, 5) != 0;
				labels[i] = kind == 2 ? (x / 3 + y / 2) % 2 : (x * 7 / MAX(w, 1) + y / 4) % 3;
			}
			for (size_t ri = 0; ri < G_N_ELEMENTS(radii); ri++) {
				int r = radii[ri];
				for (int l = 0; l < 3; l++) {
					al_region box = { w, h, -1, -1 };
					for (int i = 0; i < n; i++)
						if (labels[i] == l) {
							box.x = MIN(box.x, i % w);
							box.y = MIN(box.y, i / w);
							box.w = MAX(box.w, i % w);
							box.h = MAX(box.h, i / w);
						}
					box.w = box.w - box.x + 1;
					box.h = box.h - box.y + 1;
					for (int i = 0; i < n * 3; i++)
						out[i] = 12345.0f;
					assert_true(al_masked_mean(lab, mask, labels, l, w, h, box, r, out));
					for (int i = 0; i < n; i++) {
						float want[3] = { 12345.0f, 12345.0f, 12345.0f };
						if (mask[i] && labels[i] == l)
							ref_masked_mean(lab, mask, labels, l, w, h, i % w, i / w, r,
							                want);
						assert_memory_equal(out + (size_t)i * 3, want, sizeof want);
					}
				}
			}
			g_free(lab);
			g_free(out);
			g_free(mask);
			g_free(labels);
		}
	g_rand_free(rnd);
}

/* The background region is the smallest set holding the seeds (the outer
 * 1-px frame and the first line inside frame lines) and every pixel a
 * member lets join, found here by sweeping until nothing changes; the
 * foreground statistics are recounted pixel by pixel. */
static void check_fill_opts(const al_image *img, al_options *o)
{
	const al_rule *r = &al_rule_background_white;
	int amin = (int)al_param_get(o, r, "alpha_transparent");
	float tol = (float)al_param_get(o, r, "bg_tolerance");
	float step = (float)al_param_get(o, r, "bg_step");
	al_measure m;
	assert_int_equal(al_measure_compute(&m, img, o), AL_OK);
	int w = m.width, h = m.height, n = w * h;
	int fx0 = m.frame[AL_SIDE_LEFT], fy0 = m.frame[AL_SIDE_TOP];
	int fx1 = w - 1 - m.frame[AL_SIDE_RIGHT], fy1 = h - 1 - m.frame[AL_SIDE_BOTTOM];
	bool framed = fx0 > 0 || fy0 > 0 || fx1 < w - 1 || fy1 < h - 1;
	uint8_t *want = g_new0(uint8_t, n);
	const uint8_t *a = img->rgba;
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			int i = y * w + x;
			bool in_box = x >= fx0 && x <= fx1 && y >= fy0 && y <= fy1;
			if (framed && m.bg_kind != AL_BG_TRANSPARENT && !in_box)
				want[i] = 2;
		}
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			int i = y * w + x;
			bool edge = x == 0 || y == 0 || x == w - 1 || y == h - 1;
			bool inner = framed && x >= fx0 && x <= fx1 && y >= fy0 && y <= fy1 &&
			             (x == fx0 || x == fx1 || y == fy0 || y == fy1);
			if ((!edge && !inner) || want[i])
				continue;
			const float *l = m.lab + i * 3;
			if (a[i * 4 + 3] < amin ||
			    (m.bg_kind == AL_BG_COLOR && al_de76(l, m.bg_lab) < tol) ||
			    (a[i * 4 + 3] >= amin && m.bg_kind == AL_BG_MIXED))
				want[i] = 1;
		}
	for (bool changed = true; changed;) {
		changed = false;
		for (int i = 0; i < n; i++) {
			if (want[i])
				continue;
			int x = i % w, y = i / w;
			int nb[4] = { x > 0 ? i - 1 : -1, x + 1 < w ? i + 1 : -1,
			              y > 0 ? i - w : -1, y + 1 < h ? i + w : -1 };
			for (int k = 0; k < 4 && !want[i]; k++) {
				int p = nb[k];
				if (p < 0 || want[p] != 1)
					continue;
				const float *l = m.lab + i * 3;
				bool join = a[i * 4 + 3] < amin ||
				            (m.bg_kind == AL_BG_COLOR && al_de76(l, m.bg_lab) < tol) ||
				            (m.bg_kind != AL_BG_TRANSPARENT && a[p * 4 + 3] >= amin &&
				             al_de76(l, m.lab + p * 3) < step);
				if (join) {
					want[i] = 1;
					changed = true;
				}
			}
		}
	}
	assert_memory_equal(m.bgmask, want, (size_t)n);
	int fg = 0, vis = 0, x0 = w, y0 = h, x1 = -1, y1 = -1;
	double sum[3] = { 0, 0, 0 };
	for (int i = 0; i < n; i++) {
		if (want[i])
			continue;
		fg++;
		x0 = MIN(x0, i % w);
		x1 = MAX(x1, i % w);
		y0 = MIN(y0, i / w);
		y1 = MAX(y1, i / w);
		if (a[i * 4 + 3] >= 128) {
			vis++;
			for (int c = 0; c < 3; c++)
				sum[c] += m.lab[i * 3 + c];
		}
	}
	assert_int_equal(m.fg_count, fg);
	assert_int_equal(m.n_visible, vis);
	assert_true(m.bg_coverage == (double)(n - fg) / ((double)w * h));
	if (fg) {
		assert_int_equal(m.fg_bbox.x, x0);
		assert_int_equal(m.fg_bbox.y, y0);
		assert_int_equal(m.fg_bbox.w, x1 - x0 + 1);
		assert_int_equal(m.fg_bbox.h, y1 - y0 + 1);
	} else {
		assert_int_equal(m.fg_bbox.w, 0);
	}
	for (int c = 0; c < 3; c++)
		assert_true(m.fg_mean_lab[c] == (vis ? sum[c] / vis : 0.0));
	g_free(want);
	al_measure_clear(&m);
	al_options_free(o);
}

/* ... with the default thresholds, and with bg_step 0 (no step joins:
 * not even a neighbour of the same colour) */
static void check_fill_reference(const al_image *img)
{
	check_fill_opts(img, al_options_new());
	al_options *o = al_options_new();
	char *err = NULL;
	assert_int_equal(al_options_set_threshold(o, "background-white.bg_step", 0, &err), AL_OK);
	check_fill_opts(img, o);
}

static void test_fill_reference(void **state)
{
	/* a 1 x 1, a 1-px line, white with a disc and a hole, a smooth
	 * gradient background, a frame line, a transparent canvas with a
	 * translucent rim, a checkerboard, a spiral-like maze (the fill
	 * turns back many times), and random blotches */
	al_image *img = tu_image_new(1, 1, 0xffffffff);
	check_fill_reference(img);
	tu_image_free(img);
	img = tu_image_new(1, 30, 0xffffffff);
	tu_fill(img, 0, 10, 1, 5, 0x202020ff);
	check_fill_reference(img);
	tu_image_free(img);
	img = tu_image_new(30, 1, 0x00000000);
	tu_fill(img, 10, 0, 5, 1, 0x202020ff);
	check_fill_reference(img);
	tu_image_free(img);

	img = tu_image_new(90, 90, 0xffffffff);
	tu_disc(img, 45, 45, 30, 0x0f6cbdff);
	tu_disc(img, 45, 45, 10, 0xffffffff);
	check_fill_reference(img);
	tu_image_free(img);

	img = tu_image_new(115, 115, 0xffffffff);
	for (int y = 0; y < 115; y++)
		for (int x = 0; x < 115; x++) {
			unsigned g = 120 + (unsigned)(x + y) / 2;
			tu_set(img, x, y, g << 24 | g << 16 | 0xe0u << 8 | 0xffu);
		}
	tu_fill(img, 40, 40, 30, 30, 0x101010ff);
	check_fill_reference(img);
	tu_image_free(img);

	img = tu_image_new(90, 90, 0xffffffff);
	tu_fill(img, 0, 0, 90, 1, 0x808080ff);
	tu_fill(img, 0, 89, 90, 1, 0x808080ff);
	tu_fill(img, 0, 0, 1, 90, 0x808080ff);
	tu_fill(img, 89, 0, 1, 90, 0x808080ff);
	tu_disc(img, 45, 45, 20, 0xd13438ff);
	check_fill_reference(img);
	tu_image_free(img);

	img = tu_image_new(40, 40, 0x00000000);
	tu_disc(img, 20, 20, 14, 0x107c10ff);
	check_fill_reference(img);
	tu_image_free(img);

	img = tu_image_new(41, 23, 0xffffffff);
	for (int y = 0; y < 23; y++)
		for (int x = 0; x < 41; x++)
			if ((x + y) % 2)
				tu_set(img, x, y, 0x000000ff);
	check_fill_reference(img);
	tu_image_free(img);

	img = tu_image_new(64, 64, 0xf0f0f0ff);
	for (int k = 2; k < 32; k += 4) { /* nested walls, each with a gap */
		tu_fill(img, k, k, 64 - 2 * k, 1, 0x303030ff);
		tu_fill(img, k, 63 - k, 64 - 2 * k, 1, 0x303030ff);
		tu_fill(img, k, k, 1, 64 - 2 * k, 0x303030ff);
		tu_fill(img, 63 - k, k, 1, 64 - 2 * k, 0x303030ff);
		tu_set(img, (k / 4) % 2 ? k : 63 - k, 32, 0xf0f0f0ff);
	}
	check_fill_reference(img);
	tu_image_free(img);

	GRand *rnd = g_rand_new_with_seed(12);
	for (int t = 0; t < 6; t++) {
		img = tu_image_new(50 + t, 37, t % 2 ? 0x00000000u : 0xfafafaffu);
		for (int k = 0; k < 40; k++) {
			uint32_t c = g_rand_int(rnd) | (t % 3 ? 0xffu : 0u);
			tu_fill(img, g_rand_int_range(rnd, -5, 55), g_rand_int_range(rnd, -5, 40),
			        g_rand_int_range(rnd, 1, 9), g_rand_int_range(rnd, 1, 9), c);
		}
		check_fill_reference(img);
		tu_image_free(img);
	}
	/* wide rows: stretches of every length and offset that the fill
	 * takes sixteen and eight pixels at a time (grow_background), with
	 * single odd pixels anywhere in them */
	for (int t = 0; t < 6; t++) {
		int w = 120 + 7 * t;
		img = tu_image_new(w, 30, t % 3 == 2 ? 0x00000000u : 0xfafafaffu);
		for (int k = 0; k < 12; k++)
			tu_fill(img, g_rand_int_range(rnd, -5, w), g_rand_int_range(rnd, -2, 30),
			        g_rand_int_range(rnd, 1, 60), g_rand_int_range(rnd, 1, 4),
			        g_rand_int(rnd) | (t % 2 ? 0xffu : 0u));
		for (int k = 0; k < 25; k++)
			tu_set(img, g_rand_int_range(rnd, 0, w), g_rand_int_range(rnd, 0, 30),
			       k % 2 ? 0xfafafaf0u : 0xfbfafaffu);
		check_fill_reference(img);
		tu_image_free(img);
	}
	g_rand_free(rnd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pure_white),
		cmocka_unit_test(test_near_white_and_tint),
		cmocka_unit_test(test_transparent_soft_edge_junk_rgb),
		cmocka_unit_test(test_aa_disc_bbox),
		cmocka_unit_test(test_gradient_background),
		cmocka_unit_test(test_mixed_border),
		cmocka_unit_test(test_card_with_transparent_corners),
		cmocka_unit_test(test_opaque_card_on_transparent_canvas),
		cmocka_unit_test(test_transparent_one_px_padding),
		cmocka_unit_test(test_transparent_mark_touching_edges),
		cmocka_unit_test(test_frame_line_white),
		cmocka_unit_test(test_frame_line_inset),
		cmocka_unit_test(test_rounded_card_corners),
		cmocka_unit_test(test_frame_some_sides_black),
		cmocka_unit_test(test_strokes_on_transparent_edge),
		cmocka_unit_test(test_small_grid_on_transparency),
		cmocka_unit_test(test_card_touching_edge_and_stencil),
		cmocka_unit_test(test_card_two_tone_answers_kept),
		cmocka_unit_test(test_jpeg_like_noise),
		cmocka_unit_test(test_empty_and_ring),
		cmocka_unit_test(test_ring_one_rgba),
		cmocka_unit_test(test_ring_one_rgba_any_row),
		cmocka_unit_test(test_ring_long_rows_reference),
		cmocka_unit_test(test_ring_spans_reference),
		cmocka_unit_test(test_ring_runs_reference),
		cmocka_unit_test(test_ring_color_limit_reference),
		cmocka_unit_test(test_zeroed_scratch),
		cmocka_unit_test(test_two_tone_spans_reference),
		cmocka_unit_test(test_regions_similar_reference),
		cmocka_unit_test(test_regions_similar_blur_reference),
		cmocka_unit_test(test_lab_blur3_reference),
		cmocka_unit_test(test_lab_plane_exact),
		cmocka_unit_test(test_same_box),
		cmocka_unit_test(test_lab_same_next4),
		cmocka_unit_test(test_label_run_end),
		cmocka_unit_test(test_sum_repeat),
		cmocka_unit_test(test_masked_mean_reference),
		cmocka_unit_test(test_masked_mean_cancel),
		cmocka_unit_test(test_fill_reference),
		cmocka_unit_test(test_rounded_frame_arcs),
		cmocka_unit_test(test_rounded_frame_hero_margin),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
