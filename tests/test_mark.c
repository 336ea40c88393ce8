/* Unit tests of the mark summary (src/mark.c): bounding box, aspect ratio,
 * thumbnail, and the thumbnail comparison the set rules use. */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <setjmp.h>
#include <cmocka.h>
#include "testutil.h"
#include "mark_shapes.h"

#define BLUE 0x1f4fbfffu
#define YELLOW 0xf2c200ffu
#define RED 0xd02020ffu
#define ORANGE 0xf08a24ffu
#define CLEAR 0x00000000u
#define GREY_LINE 0x808080ffu

/* The test design in the box (x, y, w, h): a disc of @body with a small
 * yellow disc up-left of its centre. */
static void design(al_image *img, double x, double y, double w, double h,
                   uint32_t body)
{
	ms_ellipse(img, x + w / 2, y + h / 2, w / 2, h / 2, body);
	ms_ellipse(img, x + 0.35 * w, y + 0.35 * h, 0.18 * w, 0.18 * h, YELLOW);
}

/* A plus sign filling the box: arms one third of the box wide. */
static void cross(al_image *img, double x, double y, double w, double h,
                  uint32_t c)
{
	ms_rect(img, x + w / 3, y, x + 2 * w / 3, y + h, c);
	ms_rect(img, x, y + h / 3, x + w, y + 2 * h / 3, c);
}

/* Measures @img and fills @mk. */
static void mark_of(const al_image *img, al_mark *mk)
{
	al_options *o = al_options_new();
	al_measure m;
	assert_int_equal(al_measure_compute(&m, img, o), AL_OK);
	al_mark_compute(mk, &m);
	al_measure_clear(&m);
	al_options_free(o);
}

static void test_bbox_aspect_thumb(void **state)
{
	al_image *img = tu_image_new(90, 90, CLEAR);
	al_mark mk;
	float blue[3];
	design(img, 15, 15, 60, 60, BLUE);
	mark_of(img, &mk);
	assert_true(mk.valid);
	assert_true(abs(mk.bbox.x - 15) <= 1 && abs(mk.bbox.y - 15) <= 1);
	assert_true(abs(mk.bbox.w - 60) <= 1 && abs(mk.bbox.h - 60) <= 1);
	assert_true(fabs(mk.aspect - 1.0) < 0.04);
	/* a cell inside the blue body, away from the yellow dot */
	const float *c = mk.cells[9 * AL_MARK_CMP + 6];
	al_srgb_to_lab(0x1f, 0x4f, 0xbf, blue);
	assert_true(c[3] > 0.95f);
	assert_true(al_de76(c, blue) < 3.0f);
	/* the box's corner is outside the disc */
	assert_true(mk.cells[0][3] < 0.05f);
	assert_true(mk.cells[AL_MARK_CMP * AL_MARK_CMP - 1][3] < 0.05f);
	tu_image_free(img);
}

/* A mark beside a word is split at the gap between them into two parts,
 * each with its own box; a mark without a gap has no parts. */
static void test_parts(void **state)
{
	al_image *img = tu_image_new(255, 115, CLEAR);
	al_mark mk, alone;
	al_mark_diff d;
	design(img, 10, 20, 75, 75, BLUE);
	ms_rect(img, 100, 45, 240, 70, BLUE);
	mark_of(img, &mk);
	assert_int_equal(mk.n_parts, 2);
	assert_true(abs(mk.part[0].bbox.x - 10) <= 1 && abs(mk.part[0].bbox.w - 75) <= 2);
	assert_true(fabs(mk.part[0].aspect - 1.0) < 0.05);
	assert_true(abs(mk.part[1].bbox.x - 100) <= 1 && abs(mk.part[1].bbox.h - 25) <= 2);
	tu_image_free(img);

	img = tu_image_new(115, 115, CLEAR);
	design(img, 20, 20, 75, 75, BLUE);
	mark_of(img, &alone);
	assert_int_equal(alone.n_parts, 0);
	/* the part left of the gap is the mark alone */
	al_mark_compare_part(&mk.part[0], &alone, &d);
	assert_true(d.iou > 0.9 && d.delta_e < 5.0 && d.mismatch < 0.05);
	tu_image_free(img);
	(void)state;
}

static void test_opaque_background(void **state)
{
	al_image *img = tu_image_new(115, 115, ORANGE);
	al_mark mk;
	design(img, 20, 30, 70, 50, BLUE);
	mark_of(img, &mk);
	assert_true(mk.valid);
	assert_true(abs(mk.bbox.x - 20) <= 1 && abs(mk.bbox.w - 70) <= 2);
	assert_true(abs(mk.bbox.y - 30) <= 1 && abs(mk.bbox.h - 50) <= 2);
	assert_true(fabs(mk.aspect - 1.4) < 0.06);
	tu_image_free(img);
}

/* A 90-px ORANGE tile with rounded corners on a grey page, overrunning
 * the canvas by @over px on each side (and @stretch times as wide, its
 * corners' radii too), a BLUE triangle in its middle (30..60 x 33..57),
 * no tile itself. */
static al_image *corner_tile(double over, double stretch)
{
	al_image *img = tu_image_new(90, 90, 0x707070ffu);
	double h = 90 + 2 * over, w = h * stretch, r = 0.3 * h;
	ms_round_tile(img, 45 - w / 2, -over, 45 + w / 2, 90 + over, r * stretch, r, ORANGE);
	ms_triangle(img, 30, 33, 60, 57, BLUE);
	return img;
}

/* A rounded tile that overruns the canvas, its colour the background: the
 * page shows in the four corners as pieces as wide as tall (mark_corners),
 * and the triangle on the tile is its content (corner_inner).  Pulled 1.3
 * times sideways the pieces reach over 1.3 times as far along the top and
 * bottom as along the sides; a tile inset in the canvas (page all round)
 * has no corners. */
static void test_tile_corners(void **state)
{
	(void)state;
	al_mark mk;
	al_image *img = corner_tile(3, 1.0);
	mark_of(img, &mk);
	print_message("corners %d w %.2f h %.2f content %d %d,%d %dx%d\n", mk.has_corners,
	              mk.corner_w, mk.corner_h, mk.has_rim_inner, mk.inner.x, mk.inner.y,
	              mk.inner.w, mk.inner.h);
	assert_true(mk.has_corners);
	assert_true(fabs(mk.corner_w / mk.corner_h - 1.0) < 0.05);
	assert_true(mk.corner_w >= AL_MARK_CORNER_MIN);
	assert_true(mk.has_rim_inner && !mk.has_inner);
	assert_true(abs(mk.inner.x - 30) <= 1 && abs(mk.inner.w - 30) <= 2);
	assert_true(abs(mk.inner.y - 33) <= 1 && abs(mk.inner.h - 24) <= 2);
	tu_image_free(img);

	img = corner_tile(3, 1.3);
	mark_of(img, &mk);
	print_message("stretched: corners %d w %.2f h %.2f\n", mk.has_corners,
	              mk.corner_w, mk.corner_h);
	assert_true(mk.has_corners);
	assert_true(mk.corner_w / mk.corner_h > 1.3);
	tu_image_free(img);

	img = corner_tile(-8, 1.0);
	mark_of(img, &mk);
	assert_false(mk.has_corners);
	tu_image_free(img);
}

/* Frame lines and stray pixels along the edge (seen in real exports at
 * one size and not the others) are not part of the mark's box. */
static void test_edge_frame_trimmed(void **state)
{
	al_image *img = tu_image_new(40, 40, ORANGE);
	al_mark mk, ref;
	al_mark_diff d;
	ms_rect(img, 0, 0, 40, 1, GREY_LINE);  /* top line */
	ms_rect(img, 0, 0, 1, 40, GREY_LINE);  /* left line */
	tu_set(img, 39, 39, GREY_LINE);        /* a stray corner pixel */
	design(img, 8, 10, 24, 20, BLUE);
	mark_of(img, &mk);
	assert_true(mk.valid);
	print_message("box %d,%d %dx%d\n", mk.bbox.x, mk.bbox.y, mk.bbox.w, mk.bbox.h);
	assert_true(abs(mk.bbox.x - 8) <= 1 && abs(mk.bbox.w - 24) <= 2);
	assert_true(abs(mk.bbox.y - 10) <= 1 && abs(mk.bbox.h - 20) <= 2);
	tu_image_free(img);

	/* and it compares equal to the clean export */
	img = tu_image_new(40, 40, ORANGE);
	design(img, 8, 10, 24, 20, BLUE);
	mark_of(img, &ref);
	al_mark_compare(&mk, &ref, &d);
	assert_true(d.iou > 0.95 && d.delta_e < 3.0);
	tu_image_free(img);
}

/* A page margin left at the top of a tile whose colour was taken for the
 * background (the margin on the right peeled as a frame, not at the top):
 * once the top band is trimmed, the columns between the mark and the
 * right margin are empty and not part of the box, although they end too
 * far from the edge to be trimmed as a band. */
static void test_box_tight_after_trim(void **state)
{
	al_image *img = tu_image_new(90, 90, ORANGE);
	al_mark mk;
	ms_rect(img, 3, 0, 86, 4, GREY_LINE);
	design(img, 22, 23, 46, 46, BLUE);
	mark_of(img, &mk);
	assert_true(mk.valid);
	print_message("box %d,%d %dx%d\n", mk.bbox.x, mk.bbox.y, mk.bbox.w, mk.bbox.h);
	assert_true(abs(mk.bbox.x - 22) <= 1 && abs(mk.bbox.w - 46) <= 2);
	assert_true(abs(mk.bbox.y - 23) <= 1 && abs(mk.bbox.h - 46) <= 2);
	tu_image_free(img);
	(void)state;
}

/* An app-icon tile with a soft edge (resampled, or a JPEG's ringing): a
 * band of 4 pixels blending from the page colour to the tile colour,
 * parts of it 2 pixels inside the foreground and 16 CIE76 off the tile
 * colour, passes the rim test all round.  The band is joined to the
 * page; the icon drawn on the tile is not: the tile's content is the
 * icon's box. */
static void test_soft_tile_content(void **state)
{
	const uint32_t page = 0x202060ffu;
	al_image *img = tu_image_new(90, 90, page);
	al_mark mk;
	for (int k = 0; k < 4; k++) {
		double w = (4 - k) / 5.0;
		uint32_t c = 0xffu;
		for (int sh = 8; sh < 32; sh += 8) {
			double a = (page >> sh) & 0xff, b = (ORANGE >> sh) & 0xff;
			c |= (uint32_t)lround(w * a + (1 - w) * b) << sh;
		}
		ms_rect(img, 8 + k, 8 + k, 82 - k, 82 - k, c);
	}
	ms_rect(img, 12, 12, 78, 78, ORANGE);
	design(img, 30, 30, 30, 30, BLUE);
	mark_of(img, &mk);
	assert_true(mk.valid && mk.has_inner);
	print_message("tile %d,%d %dx%d content %d,%d %dx%d\n", mk.bbox.x, mk.bbox.y,
	              mk.bbox.w, mk.bbox.h, mk.inner.x, mk.inner.y, mk.inner.w, mk.inner.h);
	assert_true(abs(mk.inner.x - 30) <= 1 && abs(mk.inner.w - 30) <= 2);
	assert_true(abs(mk.inner.y - 30) <= 1 && abs(mk.inner.h - 30) <= 2);
	tu_image_free(img);
	(void)state;
}

static double tile_ink_at(const al_mark *mk, int x, int y)
{
	const int n = AL_MARK_TILE_GRID;
	return mk->tile_ink[(y - mk->bbox.y) * n / mk->bbox.h * n + (x - mk->bbox.x) * n / mk->bbox.w];
}

/* A tile's content in the tile's frame (al_mark.tile_ink): a square on
 * an orange tile, and a bar that runs to the tile's bottom edge (reached
 * from the edge, so not in the content box).  In the 24 x 24 grid over
 * the tile the bar's cells carry the blue's distance from the tile
 * colour, as the square's do; cells of bare tile and the tile's rim
 * carry none. */
static void test_tile_ink_frame(void **state)
{
	const uint32_t page = 0x202060ffu;
	al_image *img = tu_image_new(90, 90, page);
	al_mark mk;
	ms_rect(img, 10, 10, 82, 82, ORANGE);
	ms_rect(img, 22, 22, 40, 40, BLUE);
	ms_rect(img, 55, 46, 64, 82, BLUE);
	mark_of(img, &mk);
	assert_true(mk.valid && mk.has_inner);
	/* the cell at image (px, py) */
#define INK(px, py) tile_ink_at(&mk, px, py)
	print_message("tile %d,%d %dx%d content %d,%d %dx%d ink square %.1f bar %.1f "
	              "bare %.1f rim %.1f\n", mk.bbox.x, mk.bbox.y, mk.bbox.w, mk.bbox.h,
	              mk.inner.x, mk.inner.y, mk.inner.w, mk.inner.h, INK(31, 31),
	              INK(59, 62), INK(31, 62), INK(46, 11));
	assert_true(mk.inner.x + mk.inner.w <= 41);
	assert_true(INK(31, 31) > 50 && INK(59, 62) > 0.9 * INK(31, 31));
	assert_true(INK(31, 62) == 0 && INK(46, 11) == 0);
#undef INK
	tu_image_free(img);
	(void)state;
}

/* A ring of pixels close to the background colour around the mark (a
 * JPEG's ringing and chroma bleed, seen at one size) is foreground to the
 * background model, but not part of the mark's box; a faint outline that
 * clearly differs from the background is. */
static void test_visible_box(void **state)
{
	const uint32_t near = 0xe4923cffu, faint = 0xc8a070ffu;
	al_image *img = tu_image_new(40, 40, ORANGE);
	al_mark mk;
	float lo[3], ln[3], lf[3];
	al_srgb_to_lab(0xf0, 0x8a, 0x24, lo);
	al_srgb_to_lab(0xe4, 0x92, 0x3c, ln);
	al_srgb_to_lab(0xc8, 0xa0, 0x70, lf);
	print_message("ring CIE76 %.1f, outline %.1f from the background\n",
	              al_de76(lo, ln), al_de76(lo, lf));
	assert_true(al_de76(lo, ln) < AL_MARK_VISIBLE_DE);
	assert_true(al_de76(lo, lf) > 2 * AL_MARK_VISIBLE_DE);
	ms_rect(img, 8, 9, 32, 31, near);
	ms_rect(img, 10, 11, 30, 29, BLUE);
	mark_of(img, &mk);
	assert_true(mk.valid);
	print_message("box %d,%d %dx%d\n", mk.bbox.x, mk.bbox.y, mk.bbox.w, mk.bbox.h);
	assert_int_equal(mk.bbox.x, 10);
	assert_int_equal(mk.bbox.y, 11);
	assert_int_equal(mk.bbox.w, 20);
	assert_int_equal(mk.bbox.h, 18);
	tu_image_free(img);

	img = tu_image_new(40, 40, ORANGE);
	ms_rect(img, 8, 9, 32, 31, faint);
	ms_rect(img, 10, 11, 30, 29, BLUE);
	mark_of(img, &mk);
	assert_int_equal(mk.bbox.x, 8);
	assert_int_equal(mk.bbox.w, 24);
	assert_int_equal(mk.bbox.h, 22);
	tu_image_free(img);

	/* on a transparent canvas alpha tells what is the mark: unchanged */
	img = tu_image_new(40, 40, CLEAR);
	ms_rect(img, 8, 9, 32, 31, 0xfffffff0u);
	ms_rect(img, 10, 11, 30, 29, BLUE);
	mark_of(img, &mk);
	assert_int_equal(mk.bbox.x, 8);
	assert_int_equal(mk.bbox.w, 24);
	tu_image_free(img);
}

/* visible_box_at() copies eight background pixels at a time: a small
 * mark at every column of a 90-px row (not a multiple of 8), on the bare
 * background and with a faint bar (foreground, not visible) below it,
 * is the box, as the pixel-by-pixel mask finds it (were it
 * missed, the box would be the whole foreground's, the bar's too). */
static void test_visible_box_every_column(void **state)
{
	const uint32_t near = 0xe4923cffu;
	for (int halo = 0; halo < 2; halo++)
		for (int x = 2; x <= 85; x++) {
			int y = 4 + x % 25;
			al_image *img = tu_image_new(90, 40, ORANGE);
			if (halo) /* in from the edges: not a frame */
				ms_rect(img, 20, 35, 70, 37, near);
			ms_rect(img, x, y, x + 3, y + 3, BLUE);
			al_mark mk;
			mark_of(img, &mk);
			assert_true(mk.valid);
			assert_int_equal(mk.bbox.x, x);
			assert_int_equal(mk.bbox.y, y);
			assert_int_equal(mk.bbox.w, 3);
			assert_int_equal(mk.bbox.h, 3);
			tu_image_free(img);
		}
}

static void test_no_foreground(void **state)
{
	al_image *img = tu_image_new(40, 40, ORANGE);
	al_mark mk;
	mark_of(img, &mk);
	assert_false(mk.valid);
	tu_image_free(img);

	img = tu_image_new(40, 40, CLEAR);
	mark_of(img, &mk);
	assert_false(mk.valid);
	tu_image_free(img);

	/* comparing an invalid mark gives zeros, not garbage */
	al_mark_diff d = { 1, 1, 1, 1 };
	al_mark_compare(&mk, &mk, &d);
	assert_true(d.iou == 0.0 && d.gap_iou == 0.0 && d.delta_e == 0.0 &&
	            d.mismatch == 0.0);
	assert_false(al_mark_informative(&mk));
}

/* The same artwork exported at 40, 90 and 115 px (anti-aliased) gives
 * nearly the same thumbnail. */
static void test_scale_invariance(void **state)
{
	const int sz[3] = { 40, 90, 115 };
	al_mark mk[3];
	for (int i = 0; i < 3; i++) {
		al_image *img = tu_image_new(sz[i], sz[i], CLEAR);
		design(img, sz[i] * 0.1, sz[i] * 0.1, sz[i] * 0.8, sz[i] * 0.8, BLUE);
		mark_of(img, &mk[i]);
		tu_image_free(img);
	}
	for (int i = 0; i < 3; i++)
		for (int j = i + 1; j < 3; j++) {
			al_mark_diff d;
			al_mark_compare(&mk[i], &mk[j], &d);
			print_message("%d vs %d: iou %.3f de %.2f mismatch %.3f\n",
			              sz[i], sz[j], d.iou, d.delta_e, d.mismatch);
			assert_true(d.iou > 0.88);
			assert_true(d.delta_e < 6.0);
			assert_true(d.mismatch < 0.05);
		}
}

/* A mark stretched to twice its width has twice the aspect ratio and the
 * same thumbnail (the thumbnail is normalised to the box). */
static void test_stretch_invariance(void **state)
{
	al_image *sq = tu_image_new(115, 115, CLEAR);
	al_image *wide = tu_image_new(255, 115, CLEAR);
	al_mark a, b;
	al_mark_diff d;
	design(sq, 20, 20, 75, 75, BLUE);
	design(wide, 52, 20, 150, 75, BLUE);
	mark_of(sq, &a);
	mark_of(wide, &b);
	assert_true(fabs(b.aspect / a.aspect - 2.0) < 0.06);
	al_mark_compare(&a, &b, &d);
	print_message("stretched: iou %.3f de %.2f mismatch %.3f\n", d.iou,
	              d.delta_e, d.mismatch);
	assert_true(d.iou > 0.92);
	assert_true(d.delta_e < 4.0);
	assert_true(d.mismatch < 0.02);
	tu_image_free(sq);
	tu_image_free(wide);
}

/* al_mark_crop_cells(): the whole box gives the grid back; a half is
 * spread over the whole grid, each source cell over two output cells; a
 * cut at a cell's middle weights both sides by their overlap. */
static void test_crop_cells_grid(void **state)
{
	enum { N = AL_MARK_CMP };
	float g[N * N][4], out[N * N][4];
	/* left half covered, L* = 10 * column; right half empty */
	for (int y = 0; y < N; y++)
		for (int x = 0; x < N; x++) {
			float *c = g[y * N + x];
			c[0] = 10.0f * x;
			c[1] = c[2] = 0.0f;
			c[3] = x < N / 2 ? 1.0f : 0.0f;
		}
	al_mark_crop_cells((const float (*)[4])g, 0.0, 1.0, 0.0, 1.0, out);
	for (int i = 0; i < N * N; i++) {
		assert_float_equal(out[i][3], g[i][3], 1e-6);
		if (g[i][3] > 0)
			assert_float_equal(out[i][0], g[i][0], 1e-4);
	}
	al_mark_crop_cells((const float (*)[4])g, 0.0, 0.5, 0.0, 1.0, out);
	for (int y = 0; y < N; y++)
		for (int x = 0; x < N; x++) {
			assert_float_equal(out[y * N + x][3], 1.0f, 1e-6);
			assert_float_equal(out[y * N + x][0], 10.0f * (x / 2), 1e-4);
		}
	al_mark_crop_cells((const float (*)[4])g, 0.5, 1.0, 0.0, 1.0, out);
	for (int i = 0; i < N * N; i++)
		assert_float_equal(out[i][3], 0.0f, 1e-6);
	/* the right 7/12 of the box: an output cell spans 7/12 of a source
	 * cell; the second one 5/12 of column 5 (covered) and 7/12 of 6 */
	al_mark_crop_cells((const float (*)[4])g, 5.0 / N, 1.0, 0.0, 1.0, out);
	assert_float_equal(out[0][3], 1.0f, 1e-5);
	assert_float_equal(out[0][0], 50.0f, 1e-4);
	assert_float_equal(out[1][3], 5.0f / 7.0f, 1e-5);
	assert_float_equal(out[1][0], 50.0f, 1e-4);
	assert_float_equal(out[N - 1][3], 0.0f, 1e-6);
}

/* al_mark_crop_cells() with bounds a rounding step outside [0, 1], as
 * distortion's share loop makes them (1.0 - v for v = 1 + 2e-16): it
 * reads only the grid.  Row and column -1 and N are NaN here, so a read
 * outside makes the output NaN; the result is the [0, 1] crop's. */
static void test_crop_cells_bounds(void **state)
{
	(void)state;
	enum { N = AL_MARK_CMP, S = N + 2 };
	float (*pad)[4] = g_malloc(sizeof *pad * ((size_t)S * S + 2));
	float g[N * N][4], want[N * N][4], got[N * N][4];
	for (int i = 0; i < S * S + 2; i++)
		for (int q = 0; q < 4; q++)
			pad[i][q] = NAN;
	/* the dense N x N grid with NaN cells before and after it */
	float (*dense)[4] = pad + S;
	for (int y = 0; y < N; y++)
		for (int x = 0; x < N; x++) {
			float *c = g[y * N + x];
			c[0] = 3.0f * x + y;
			c[1] = (float)(x - y);
			c[2] = 1.0f;
			c[3] = (x + y) % 3 ? 1.0f : 0.5f;
			memcpy(dense[y * N + x], c, sizeof g[0]);
		}
	double eps = 2.220446049250313e-16;
	al_mark_crop_cells((const float (*)[4])g, 0.0, 1.0, 0.0, 1.0, want);
	al_mark_crop_cells((const float (*)[4])dense, -eps, 1.0 + eps, -eps, 1.0 + eps, got);
	for (int i = 0; i < N * N; i++)
		for (int q = 0; q < 4; q++) {
			assert_false(isnan(got[i][q]));
			assert_float_equal(got[i][q], want[i][q], 1e-4);
		}
	/* a centred share a step over 1, as the span test makes it */
	al_mark_crop_cells((const float (*)[4])dense, (1.0 - (1.0 + eps)) / 2,
	                   (1.0 + (1.0 + eps)) / 2, 0.0, 1.0, got);
	for (int i = 0; i < N * N; i++)
		assert_false(isnan(got[i][0]) || isnan(got[i][3]));
	g_free(pad);
}

/* A mark cut by the canvas's left edge is the whole mark's grid cut the
 * same way (the share that shows) and resampled: they compare closely,
 * the uncut grid does not. */
static void test_crop_cells_cut_mark(void **state)
{
	al_image *whole = tu_image_new(115, 115, CLEAR);
	al_image *cut = tu_image_new(255, 115, CLEAR);
	al_mark a, b, t;
	al_mark_diff d;
	design(whole, 20, 20, 75, 75, BLUE);
	/* stretched 2x, its left 40 % off the canvas */
	design(cut, -60, 20, 150, 75, BLUE);
	mark_of(whole, &a);
	mark_of(cut, &b);
	assert_int_equal(b.bbox.x, 0);
	al_mark_compare(&b, &a, &d);
	print_message("cut vs whole: iou %.3f\n", d.iou);
	double uncut = d.iou;
	memset(&t, 0, sizeof t);
	t.valid = true;
	al_mark_crop_cells((const float (*)[4])a.cells, 0.4, 1.0, 0.0, 1.0, t.cells);
	al_mark_compare(&b, &t, &d);
	print_message("cut vs cropped: iou %.3f de %.2f\n", d.iou, d.delta_e);
	assert_true(d.iou > 0.95);
	assert_true(d.iou > uncut + 0.1);
	assert_true(d.delta_e < 6.0);
	tu_image_free(whole);
	tu_image_free(cut);
}

/* 115 x 115: a blue tile across the canvas, a pink page above and below
 * it; the rows where they meet are mixes of the two that vary from pixel
 * to pixel (as a JPEG's are), so the mixed model's fill, seeded at the
 * canvas's edge, does not run along them. */
static al_image *seamed_tile(void)
{
	static const uint8_t pink[3] = { 0xf4, 0xc0, 0xd8 }, blue[3] = { 0x1f, 0x4f, 0xbf };
	al_image *img = tu_image_new(115, 115, 0xf4c0d8ffu);
	ms_rect(img, 0, 9, 115, 106, BLUE);
	for (int k = 0; k < 2; k++) {
		int y = k ? 106 : 8;
		for (int x = 0; x < 115; x++) {
			double t = x % 3 == 0 ? 0.3 : x % 3 == 1 ? 0.5 : 0.7;
			uint8_t *px = img->rgba + ((size_t)y * 115 + x) * 4;
			for (int c = 0; c < 3; c++)
				px[c] = (uint8_t)lround(pink[c] + t * (blue[c] - pink[c]));
			px[3] = 255;
		}
	}
	return img;
}

/* A tile cut by the canvas's sides, the page above and below it: the
 * border ring holds two colours, and the anti-aliased rows where the
 * tile meets the page join neither, so they stay foreground across the
 * canvas.  They are seams, not the mark: the box is the design's, and the
 * mark is seen on the tile's colour. */
static void test_seams_trimmed(void **state)
{
	al_image *img = seamed_tile();
	al_mark mk;
	float blue[3];
	design(img, 30, 35, 55, 45, ORANGE);
	mark_of(img, &mk);
	assert_true(mk.valid);
	print_message("box %d,%d %dx%d\n", mk.bbox.x, mk.bbox.y, mk.bbox.w, mk.bbox.h);
	assert_true(abs(mk.bbox.x - 30) <= 1 && abs(mk.bbox.w - 55) <= 2);
	assert_true(abs(mk.bbox.y - 35) <= 1 && abs(mk.bbox.h - 45) <= 2);
	al_srgb_to_lab(0x1f, 0x4f, 0xbf, blue);
	assert_true(mk.has_seen_on);
	assert_true(al_de76(mk.seen_on, blue) < 3.0f);
	tu_image_free(img);

	/* a bar across the canvas is no seam: the box keeps it */
	img = seamed_tile();
	ms_rect(img, 3, 25, 112, 35, ORANGE);
	design(img, 30, 45, 55, 45, ORANGE);
	mark_of(img, &mk);
	assert_true(mk.bbox.y <= 26 && mk.bbox.w >= 100);
	tu_image_free(img);
}

/* A wide logo: a blue tile cut by the canvas's left, top and bottom
 * edges, the pink page right of it (a border of two colours, the page's
 * dominant), the design on the tile and a "word" of four orange blocks
 * on the page.  Each part is seen on its own ground: the design on the
 * tile's blue (al_mark_part.seen_on), the word on the page (none: the
 * dominant colour). */
static void test_part_seen_on(void **state)
{
	al_image *img = tu_image_new(255, 115, 0xf4c0d8ffu);
	al_mark mk;
	float blue[3];
	ms_rect(img, 0, 0, 100, 115, BLUE);
	design(img, 15, 25, 70, 65, ORANGE);
	for (int k = 0; k < 4; k++)
		ms_rect(img, 130 + 28 * k, 45, 150 + 28 * k, 70, ORANGE);
	mark_of(img, &mk);
	assert_true(mk.valid);
	assert_int_equal(mk.n_parts, 2);
	print_message("parts %d,%d %dx%d seen %d / %d,%d %dx%d seen %d\n", mk.part[0].bbox.x,
	              mk.part[0].bbox.y, mk.part[0].bbox.w, mk.part[0].bbox.h,
	              mk.part[0].has_seen_on, mk.part[1].bbox.x, mk.part[1].bbox.y,
	              mk.part[1].bbox.w, mk.part[1].bbox.h, mk.part[1].has_seen_on);
	al_srgb_to_lab(0x1f, 0x4f, 0xbf, blue);
	assert_true(mk.part[0].has_seen_on);
	assert_true(al_de76(mk.part[0].seen_on, blue) < 3.0f);
	assert_false(mk.part[1].has_seen_on);
	tu_image_free(img);
}

/* A mark seen on a ground the canvas cuts on two opposite edges, the page
 * along the other two: the ground's visible box (al_mark.cut_ground)
 * spans the canvas on that axis.  On a border of two colours the ground
 * is the tile colour the mark is seen on; on a one-colour border, whose
 * page bands were peeled as frames, the background itself.  A tile
 * inside the page, a full-bleed one and a plain page have none, nor has a
 * band only a pixel deep. */
static void test_cut_ground(void **state)
{
	al_image *img = seamed_tile();
	al_mark mk;
	design(img, 30, 35, 55, 45, ORANGE);
	mark_of(img, &mk);
	assert_true(mk.has_cut_ground);
	print_message("mixed: ground %d,%d %dx%d\n", mk.cut_ground.x, mk.cut_ground.y,
	              mk.cut_ground.w, mk.cut_ground.h);
	assert_int_equal(mk.cut_ground.x, 0);
	assert_int_equal(mk.cut_ground.w, 115);
	assert_true(mk.cut_ground.y >= 8 && mk.cut_ground.y <= 10);
	assert_true(mk.cut_ground.h >= 95 && mk.cut_ground.h <= 99);
	tu_image_free(img);

	/* the tile taller than the canvas, flat page bands 6 px at its
	 * sides: a one-colour border once they are peeled */
	for (int band = 1; band <= 6; band += 5) {
		img = tu_image_new(90, 90, 0xf4c0d8ffu);
		ms_rect(img, band, 0, 90 - band, 90, BLUE);
		design(img, 25, 20, 40, 50, ORANGE);
		mark_of(img, &mk);
		print_message("band %d: ground %d: %d,%d %dx%d\n", band,
		              mk.has_cut_ground, mk.cut_ground.x, mk.cut_ground.y,
		              mk.cut_ground.w, mk.cut_ground.h);
		if (band == 1) {
			assert_false(mk.has_cut_ground);
		} else {
			assert_true(mk.has_cut_ground);
			assert_int_equal(mk.cut_ground.y, 0);
			assert_int_equal(mk.cut_ground.h, 90);
			assert_true(abs(mk.cut_ground.x - band) <= 1);
			assert_true(abs(mk.cut_ground.w - (90 - 2 * band)) <= 2);
		}
		tu_image_free(img);
	}

	/* a tile inside the page, a full-bleed tile, a plain page */
	img = tu_image_new(90, 90, 0xf4c0d8ffu);
	ms_rect(img, 10, 10, 80, 80, BLUE);
	design(img, 25, 20, 40, 50, ORANGE);
	mark_of(img, &mk);
	assert_false(mk.has_cut_ground);
	tu_image_free(img);
	img = tu_image_new(90, 90, BLUE);
	design(img, 25, 20, 40, 50, ORANGE);
	mark_of(img, &mk);
	assert_false(mk.has_cut_ground);
	tu_image_free(img);
	img = tu_image_new(90, 90, CLEAR);
	design(img, 25, 20, 40, 50, ORANGE);
	mark_of(img, &mk);
	assert_false(mk.has_cut_ground);
	tu_image_free(img);
}

/* A tile known by its rim: a RED frame a twelfth of the side wide around
 * a picture of four upright bars, blue and yellow in turn.  The frame
 * covers less than AL_MARK_TILE_SHARE of the box, so it is no tile by
 * its colour (has_inner false); its rim is one colour, so the picture is
 * its content (has_rim_inner, the box of the bars).  A picture without
 * the frame, and the disc design, have no rim of one colour. */
static void test_rim_tile(void **state)
{
	al_mark mk;
	for (int framed = 1; framed >= 0; framed--) {
		al_image *img = tu_image_new(90, 90, 0xf4c0d8ffu);
		if (framed)
			ms_rect(img, 10, 15, 80, 75, RED);
		for (int k = 0; k < 4; k++)
			ms_rect(img, 16 + 14.5 * k, 20, 30.5 + 14.5 * k, 70, k % 2 ? YELLOW : BLUE);
		mark_of(img, &mk);
		print_message("framed %d: box %d,%d %dx%d inner %d rim %d in %d,%d %dx%d\n",
		              framed, mk.bbox.x, mk.bbox.y, mk.bbox.w, mk.bbox.h, mk.has_inner,
		              mk.has_rim_inner, mk.inner.x, mk.inner.y, mk.inner.w, mk.inner.h);
		assert_false(mk.has_inner);
		if (framed) {
			float red[3];
			al_srgb_to_lab(0xd0, 0x20, 0x20, red);
			assert_true(mk.has_rim_inner);
			assert_true(al_de76(mk.ground, red) < 3.0f);
			assert_true(abs(mk.inner.x - 16) <= 1 && abs(mk.inner.w - 58) <= 2);
			assert_true(abs(mk.inner.y - 20) <= 1 && abs(mk.inner.h - 50) <= 2);
		} else {
			assert_false(mk.has_rim_inner);
		}
		tu_image_free(img);
	}
	al_image *img = tu_image_new(90, 90, 0xf4c0d8ffu);
	design(img, 15, 15, 60, 60, BLUE);
	mark_of(img, &mk);
	assert_false(mk.has_rim_inner);
	tu_image_free(img);
}

static void test_different_designs(void **state)
{
	al_image *a = tu_image_new(90, 90, CLEAR);
	al_image *b = tu_image_new(90, 90, CLEAR);
	al_image *c = tu_image_new(90, 90, CLEAR);
	al_mark ma, mb, mc;
	al_mark_diff d;
	design(a, 10, 10, 70, 70, BLUE);
	cross(b, 10, 10, 70, 70, BLUE);
	design(c, 10, 10, 70, 70, RED);
	mark_of(a, &ma);
	mark_of(b, &mb);
	mark_of(c, &mc);
	al_mark_compare(&ma, &mb, &d);
	print_message("disc vs cross: iou %.3f de %.2f mismatch %.3f\n", d.iou,
	              d.delta_e, d.mismatch);
	assert_true(d.iou < 0.7);
	al_mark_compare(&ma, &mc, &d);
	print_message("blue vs red: iou %.3f de %.2f mismatch %.3f\n", d.iou,
	              d.delta_e, d.mismatch);
	assert_true(d.iou > 0.9);
	assert_true(d.delta_e > 40.0);
	assert_true(d.mismatch > 0.5);
	tu_image_free(a);
	tu_image_free(b);
	tu_image_free(c);
}

/* The look comparison: the same tile with a cut-out at 40 and 115 px
 * looks the same on its background; another cut-out, or the same mark in
 * another colour, does not; an unmeasured mark compares as equal. */
static void test_look(void **state)
{
	al_image *play40 = tu_image_new(40, 40, CLEAR);
	al_image *play115 = tu_image_new(115, 115, CLEAR);
	al_image *bars115 = tu_image_new(115, 115, CLEAR);
	al_image *red115 = tu_image_new(115, 115, CLEAR);
	al_mark a, b, c, r, none;
	al_mark_look d;
	const float white[3] = { 100, 0, 0 };
	ms_tile_cut(play40, 4, 4, 32, 32, false, BLUE);
	ms_tile_cut(play115, 12, 12, 91, 91, false, BLUE);
	ms_tile_cut(bars115, 12, 12, 91, 91, true, BLUE);
	ms_tile_cut(red115, 12, 12, 91, 91, false, RED);
	mark_of(play40, &a);
	mark_of(play115, &b);
	mark_of(bars115, &c);
	mark_of(red115, &r);
	al_mark_compare_look(&a, white, &b, white, &d);
	print_message("play 40 vs 115: look %.2f bad %.3f\n", d.look_de, d.look_bad);
	assert_true(d.look_de < 5.0 && d.look_bad < 0.05);
	al_mark_compare_look(&b, white, &c, white, &d);
	print_message("play vs bars: look %.2f bad %.3f\n", d.look_de, d.look_bad);
	assert_true(d.look_de > 10.0 && d.look_bad > 0.2);
	al_mark_compare_look(&b, white, &r, white, &d);
	print_message("blue vs red: look %.2f bad %.3f\n", d.look_de, d.look_bad);
	assert_true(d.look_de > 30.0);
	memset(&none, 0, sizeof none);
	al_mark_compare_look(&none, white, &b, white, &d);
	assert_true(d.look_de == 0.0 && d.look_bad == 0.0);
	tu_image_free(play40);
	tu_image_free(play115);
	tu_image_free(bars115);
	tu_image_free(red115);
	(void)state;
}

/* A long mark keeps a strip (square cells along its long side) whose end
 * windows cut out a symbol that touches its word: the left end of the
 * design beside touching letter blocks, at the design's proportions,
 * looks like the design alone; the right end (a letter) does not, and
 * a window longer than AL_MARK_END_MAX of the strip is refused.  A
 * tile's content is found inside it, and a long content takes over the
 * strip. */
static void test_end_window(void **state)
{
	al_image *word = tu_image_new(115, 115, CLEAR);
	al_image *sym = tu_image_new(40, 40, CLEAR);
	al_image *tile = tu_image_new(115, 115, CLEAR);
	al_image *sq = tu_image_new(90, 90, CLEAR);
	al_mark *mk = g_new0(al_mark, 5);
	al_mark_part p;
	al_mark_look d;
	const float white[3] = { 100, 0, 0 };
	design(word, 5, 40, 30, 30, BLUE);
	for (int i = 0; i < 4; i++) /* letters touching the symbol */
		ms_rect(word, 34 + i * 19, 45, 34 + i * 19 + 14, 65, RED);
	design(sym, 4, 4, 32, 32, BLUE);
	ms_rect(tile, 3, 30, 112, 80, ORANGE);
	design(tile, 10, 40, 30, 30, BLUE);
	for (int i = 0; i < 3; i++)
		ms_rect(tile, 39 + i * 22, 45, 39 + i * 22 + 16, 65, RED);
	design(sq, 10, 10, 70, 70, BLUE);
	mark_of(word, &mk[0]);
	mark_of(sym, &mk[1]);
	mark_of(tile, &mk[2]);
	mark_of(sq, &mk[3]);
	assert_true(mk[0].strip_n > 0 && !mk[0].strip_vertical && !mk[0].has_inner);
	assert_int_equal(mk[3].strip_n, 0);
	assert_false(al_mark_end_window(&mk[3], 0, 1.0, p.cells));
	assert_false(al_mark_end_window(&mk[0], 0, 0.9 * mk[0].aspect, p.cells));
	assert_true(al_mark_end_window(&mk[0], 0, mk[1].aspect, p.cells));
	al_mark_compare_look_part(&p, white, &mk[1], white, &d);
	print_message("left end vs symbol: look %.2f corr %.2f\n", d.look_de, d.ink_corr);
	assert_true(d.look_de < 10.0 && d.ink_corr > 0.8);
	assert_true(al_mark_end_window(&mk[0], 1, mk[1].aspect, p.cells));
	al_mark_compare_look_part(&p, white, &mk[1], white, &d);
	print_message("right end vs symbol: look %.2f corr %.2f\n", d.look_de, d.ink_corr);
	assert_true(d.look_de > 10.0);
	/* the orange card: its content is the symbol and the letters */
	assert_true(mk[2].has_inner && mk[2].strip_inner);
	assert_true(abs(mk[2].inner.x - 10) <= 2 && abs(mk[2].inner.y - 40) <= 2);
	print_message("card content %d,%d %dx%d\n", mk[2].inner.x, mk[2].inner.y, mk[2].inner.w, mk[2].inner.h);
	assert_true(abs(mk[2].inner.w - 89) <= 2 && abs(mk[2].inner.h - 30) <= 2);
	float orange[3];
	al_srgb_to_lab(0xf0, 0x8a, 0x24, orange);
	assert_true(al_de76(mk[2].ground, orange) < 2.0);
	assert_true(al_mark_end_window(&mk[2], 0, mk[1].aspect, p.cells));
	/* the symbol on the card, against the symbol on the card's colour */
	al_mark_compare_look_part(&p, mk[2].ground, &mk[1], white, &d);
	print_message("card's left end on orange vs symbol on white: look %.2f\n", d.look_de);
	assert_true(d.look_de > 10.0);
	al_image *symo = tu_image_new(40, 40, 0xf08a24ffu);
	design(symo, 4, 4, 32, 32, BLUE);
	mark_of(symo, &mk[4]);
	al_mark_compare_look_part(&p, mk[2].ground, &mk[4], mk[2].ground, &d);
	print_message("card's left end vs symbol on orange: look %.2f corr %.2f\n", d.look_de, d.ink_corr);
	assert_true(d.look_de < 10.0 && d.ink_corr > 0.8);
	tu_image_free(symo);
	tu_image_free(word);
	tu_image_free(sym);
	tu_image_free(tile);
	tu_image_free(sq);
	g_free(mk);
	(void)state;
}

/* Two filled tiles with different cut-outs overlap in their ink (high
 * IoU) but not in their gaps (low gap IoU); the same tile at 40 and 115
 * px, or stretched, overlaps in both. */
static void test_gap_iou(void **state)
{
	al_image *play40 = tu_image_new(40, 40, CLEAR);
	al_image *play115 = tu_image_new(115, 115, CLEAR);
	al_image *bars115 = tu_image_new(115, 115, CLEAR);
	al_image *wide = tu_image_new(255, 115, CLEAR);
	al_mark a, b, c, w;
	al_mark_diff d;
	ms_tile_cut(play40, 4, 4, 32, 32, false, BLUE);
	ms_tile_cut(play115, 12, 12, 91, 91, false, BLUE);
	ms_tile_cut(bars115, 12, 12, 91, 91, true, BLUE);
	ms_tile_cut(wide, 40, 12, 175, 91, false, BLUE);
	mark_of(play40, &a);
	mark_of(play115, &b);
	mark_of(bars115, &c);
	mark_of(wide, &w);
	al_mark_compare(&a, &b, &d);
	print_message("play 40 vs 115: iou %.3f gap %.3f\n", d.iou, d.gap_iou);
	assert_true(d.iou > 0.85 && d.gap_iou > 0.9);
	al_mark_compare(&w, &b, &d);
	print_message("play stretched vs 115: iou %.3f gap %.3f\n", d.iou, d.gap_iou);
	assert_true(d.iou > 0.85 && d.gap_iou > 0.9);
	al_mark_compare(&b, &c, &d);
	print_message("play vs bars: iou %.3f gap %.3f\n", d.iou, d.gap_iou);
	/* their ink overlaps nearly as well as the same tile's exports do */
	assert_true(d.iou > 0.8);
	assert_true(d.gap_iou < 0.4);
	tu_image_free(play40);
	tu_image_free(play115);
	tu_image_free(bars115);
	tu_image_free(wide);
}

static void test_informative(void **state)
{
	al_image *tile = tu_image_new(115, 115, CLEAR);
	al_image *two = tu_image_new(115, 115, CLEAR);
	al_image *disc = tu_image_new(115, 115, CLEAR);
	al_mark m;
	ms_rect(tile, 10, 10, 105, 105, BLUE);
	mark_of(tile, &m);
	assert_true(m.valid);
	assert_false(al_mark_informative(&m)); /* plain tile: any aspect fits */
	ms_rect(two, 10, 10, 105, 105, BLUE);
	ms_rect(two, 40, 40, 75, 75, YELLOW);
	mark_of(two, &m);
	assert_true(al_mark_informative(&m)); /* colour structure */
	ms_ellipse(disc, 57.5, 57.5, 45, 45, BLUE);
	mark_of(disc, &m);
	assert_true(al_mark_informative(&m)); /* shape structure */
	tu_image_free(tile);
	tu_image_free(two);
	tu_image_free(disc);
}

/* The tile colour as its definition reads (al_mark_tile()): of the
 * fully covered cells (coverage >= 0.95), the first with the most cells
 * shown (>= 0.5) within AL_MARK_TILE_DE (inclusive); each full cell
 * tried against every shown cell, its distance the square root. */
static bool ref_tile(const float (*cells)[4], float tile[3])
{
	const int n = AL_MARK_CMP * AL_MARK_CMP;
	int best = -1, best_n = 0, shown = 0;
	double cov = 0;
	for (int i = 0; i < n; i++) {
		cov += cells[i][3];
		shown += cells[i][3] >= 0.5f;
	}
	if (cov < AL_MARK_TILE_FILL * n)
		return false;
	for (int i = 0; i < n; i++) {
		if (!(cells[i][3] >= 0.95f))
			continue;
		int k = 0;
		for (int j = 0; j < n; j++)
			k += cells[j][3] >= 0.5f && al_de76(cells[i], cells[j]) <= AL_MARK_TILE_DE;
		if (k > best_n) {
			best_n = k;
			best = i;
		}
	}
	if (best < 0 || best_n < AL_MARK_TILE_SHARE * shown)
		return false;
	double acc[3] = { 0, 0, 0 };
	for (int j = 0; j < n; j++)
		if (cells[j][3] >= 0.5f && al_de76(cells[best], cells[j]) <= AL_MARK_TILE_DE)
			for (int c = 0; c < 3; c++)
				acc[c] += cells[j][c];
	for (int c = 0; c < 3; c++)
		tile[c] = (float)(acc[c] / best_n);
	return true;
}

double al__mark_resample(const al_measure *m, const al_region *bb, int ncx, int ny,
                         float (*out)[4]);

static double plain_overlap(int p, double a, double b)
{
	double lo = MAX((double)p, a), hi = MIN((double)p + 1.0, b);
	return hi > lo ? hi - lo : 0.0;
}

/* resample_xy() as it was written first: each cell's column overlaps
 * taken anew, pixel by pixel. */
static double plain_resample(const al_measure *m, const al_region *bb, int ncx, int ny,
                             float (*out)[4])
{
	double cw = (double)bb->w / ncx, ch = (double)bb->h / ny, total = 0;
	for (int cy = 0; cy < ny; cy++) {
		double y0 = bb->y + cy * ch, y1 = bb->y + (cy + 1) * ch;
		for (int cx = 0; cx < ncx; cx++) {
			double x0 = bb->x + cx * cw, x1 = bb->x + (cx + 1) * cw;
			double area = 0, cov = 0, l[3] = { 0, 0, 0 };
			for (int y = (int)floor(y0); y < (int)ceil(y1) && y < m->height; y++)
				for (int x = (int)floor(x0); x < (int)ceil(x1) && x < m->width; x++) {
					double w = plain_overlap(y, y0, y1) * plain_overlap(x, x0, x1);
					size_t i = (size_t)y * m->width + x;
					area += w;
					if (m->bgmask[i])
						continue;
					double fw = w * m->rgba[i * 4 + 3] / 255.0;
					cov += fw;
					for (int c = 0; c < 3; c++)
						l[c] += fw * m->lab[i * 3 + c];
				}
			float *cell = out[cy * ncx + cx];
			for (int c = 0; c < 3; c++)
				cell[c] = cov > 0 ? (float)(l[c] / cov) : 0.0f;
			cell[3] = area > 0 ? (float)(cov / area) : 0.0f;
			total += cell[3];
		}
	}
	return total;
}

/* The resampling takes each column of cells' overlaps once for all its
 * rows (col_table_make()): bit for bit the plain loop's cells and total,
 * on random images and boxes -- boxes smaller and larger than the grid,
 * one pixel, the whole image, grids of odd sizes and strips. */
static void test_resample_reference(void **state)
{
	static const int grids[][2] = { { 24, 24 }, { 12, 12 }, { 7, 31 }, { 31, 5 }, { 1, 1 }, { 40, 12 } };
	uint32_t seed = 2024;
	(void)state;
	for (int k = 0; k < 40; k++) {
		seed = seed * 1103515245u + 12345u;
		int w = 1 + (int)(seed >> 16) % 130;
		seed = seed * 1103515245u + 12345u;
		int h = 1 + (int)(seed >> 16) % 130;
		al_image *img = tu_image_new(w, h, 0xFFFFFFFFu);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				seed = seed * 1103515245u + 12345u;
				if ((seed >> 10) % 3)
					tu_set(img, x, y, (seed & 0xFFFFFF00u) | (seed >> 28 ? 0xFFu : seed >> 20 & 0xFF));
			}
		al_measure m;
		al_options *o = al_options_new();
		assert_int_equal(al_measure_compute(&m, img, o), AL_OK);
		al_options_free(o);
		for (int b = 0; b < 8; b++) {
			seed = seed * 1103515245u + 12345u;
			al_region bb = { (int)(seed >> 8) % w, (int)(seed >> 16) % h, 0, 0 };
			seed = seed * 1103515245u + 12345u;
			bb.w = 1 + (int)(seed >> 8) % (w - bb.x);
			bb.h = 1 + (int)(seed >> 16) % (h - bb.y);
			if (b == 0)
				bb = (al_region){ 0, 0, w, h };
			const int *g = grids[(k + b) % G_N_ELEMENTS(grids)];
			float (*fast)[4] = g_malloc(sizeof(float[4]) * (size_t)g[0] * g[1]);
			float (*plain)[4] = g_malloc(sizeof(float[4]) * (size_t)g[0] * g[1]);
			double tf = al__mark_resample(&m, &bb, g[0], g[1], fast);
			double tp = plain_resample(&m, &bb, g[0], g[1], plain);
			assert_true(tf == tp);
			assert_memory_equal(fast, plain, sizeof(float[4]) * g[0] * g[1]);
			g_free(fast);
			g_free(plain);
		}
		al_measure_clear(&m);
		tu_image_free(img);
	}
}

void al__mark_visible_mask(const al_measure *m, float lim, uint8_t *mask);
float al__mark_core_limit(const al_measure *m);
void al__mark_lab_grid(const al_measure *m, const al_region *bb,
                       float out[AL_MARK_CMP * AL_MARK_CMP][3]);

/* A random box inside @m's image (at least 1x1), or the whole image when
 * @whole: the boxes of the grid reference tests. */
static al_region random_box(uint32_t *seed, const al_measure *m, bool whole)
{
	*seed = *seed * 1103515245u + 12345u;
	al_region bb = { (int)(*seed >> 8) % m->width, (int)(*seed >> 16) % m->height, 0, 0 };
	*seed = *seed * 1103515245u + 12345u;
	bb.w = 1 + (int)(*seed >> 8) % (m->width - bb.x);
	bb.h = 1 + (int)(*seed >> 16) % (m->height - bb.y);
	return whole ? (al_region){ 0, 0, m->width, m->height } : bb;
}

/* @m of @img with the default options (al_measure_clear() frees). */
static void measure_defaults(al_measure *m, const al_image *img)
{
	al_options *o = al_options_new();
	assert_int_equal(al_measure_compute(m, img, o), AL_OK);
	al_options_free(o);
}

/* A random logo on white for the stretch tests: rectangles of a few
 * colours (near white, pale, strong; opaque or half transparent), runs of
 * one colour from 1 to 70 px, some touching the border (background of
 * their own colour joined to the page or not), and single noise pixels. */
static al_image *stretch_image(uint32_t *seed)
{
	static const uint32_t ink[] = { 0xFDFDFDFFu, 0xF4F0F8FFu, 0x2060C0FFu, 0xC02020FFu,
		                        0x2060C080u, 0x808080FFu, 0xFFFFFF40u, 0x10101010u };
#define SRND() (*seed = *seed * 1103515245u + 12345u, *seed >> 8)
	int w = 9 + (int)(SRND() % 140), h = 3 + (int)(SRND() % 90);
	al_image *img = tu_image_new(w, h, 0xFFFFFFFFu);
	int rects = (int)(SRND() % 12);
	for (int r = 0; r < rects; r++) {
		int x0 = (int)(SRND() % w), y0 = (int)(SRND() % h);
		int rw = 1 + (int)(SRND() % 70), rh = 1 + (int)(SRND() % 40);
		uint32_t c = ink[SRND() % G_N_ELEMENTS(ink)];
		for (int y = y0; y < y0 + rh; y++)
			for (int x = x0; x < x0 + rw; x++)
				tu_set(img, x, y, c);
	}
	int noise = (int)(SRND() % (w * h / 4 + 1));
	for (int k = 0; k < noise; k++) {
		int x = (int)(SRND() % w), y = (int)(SRND() % h);
		uint32_t c = (uint32_t)SRND() << 8;
		uint32_t a = SRND() % 2 ? 0xFFu : SRND() & 0xFF;
		tu_set(img, x, y, c | a);
	}
#undef SRND
	return img;
}

/* visible_box_at()'s mask and core_limit() take each stretch of
 * foreground pixels of one RGBA (al_measure.run) at once: bit for bit the
 * per-pixel definitions (the background mask's value on the background,
 * else CIE76 from the background colour under the limit; the quantile of
 * every foreground pixel's CIE76), on 400 random logos, half of them with
 * background pixels scattered through runs of one RGBA. */
static void test_stretch_reference(void **state)
{
	uint32_t seed = 4711;
	(void)state;
	for (int k = 0; k < 400; k++) {
		al_image *img = stretch_image(&seed);
		al_measure m;
		measure_defaults(&m, img);
		size_t n = (size_t)m.width * m.height;
		uint8_t *fast = g_malloc(n), *plain = g_malloc(n);
		/* a background mask that parts pixels of one RGBA (as a
		 * frame line or a fill limit can) in half of the images */
		for (size_t i = 0; k % 2 && i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			if ((seed >> 8) % 23 == 0)
				m.bgmask[i] = (uint8_t)((seed >> 16) % 3);
		}
		static const float lims[] = { AL_MARK_VISIBLE_DE, 3.0f, 40.0f };
		for (int l = 0; l < 3; l++) {
			float lim2 = al_de76_sq_limit(lims[l]);
			for (size_t i = 0; i < n; i++)
				plain[i] = m.bgmask[i] ? m.bgmask[i]
				         : al_de76_sq(m.lab + i * 3, m.bg_lab) < lim2;
			al__mark_visible_mask(&m, lims[l], fast);
			assert_memory_equal(fast, plain, n);
		}
		int hist[256] = { 0 }, nf = 0, v, acc = 0;
		for (size_t i = 0; i < n; i++)
			if (!m.bgmask[i]) {
				double de = al_de76(m.lab + i * 3, m.bg_lab);
				hist[de >= 255 ? 255 : (int)de]++;
				nf++;
			}
		for (v = 0; v < 255; v++) {
			acc += hist[v];
			if (acc > (int)(AL_MARK_CORE_PCT * nf))
				break;
		}
		assert_true(al__mark_core_limit(&m) ==
		            MAX(AL_MARK_VISIBLE_DE, (float)(AL_MARK_CORE_SHARE * v)));
		g_free(fast);
		g_free(plain);
		al_measure_clear(&m);
		tu_image_free(img);
	}
}

/* The canvas grid's cells (four lanes at once, al_mark.canvas) bit for
 * bit the plain per-pixel area average, on random images and boxes. */
static void test_lab_grid_reference(void **state)
{
	uint32_t seed = 99;
	(void)state;
	for (int k = 0; k < 60; k++) {
		al_image *img = stretch_image(&seed);
		al_measure m;
		measure_defaults(&m, img);
		for (int b = 0; b < 6; b++) {
			al_region bb = random_box(&seed, &m, b == 0);
			float fast[AL_MARK_CMP * AL_MARK_CMP][3], plain[AL_MARK_CMP * AL_MARK_CMP][3];
			al__mark_lab_grid(&m, &bb, fast);
			double cw = (double)bb.w / AL_MARK_CMP, ch = (double)bb.h / AL_MARK_CMP;
			for (int cy = 0; cy < AL_MARK_CMP; cy++) {
				double y0 = bb.y + cy * ch, y1 = bb.y + (cy + 1) * ch;
				for (int cx = 0; cx < AL_MARK_CMP; cx++) {
					double x0 = bb.x + cx * cw, x1 = bb.x + (cx + 1) * cw;
					double area = 0, l[3] = { 0, 0, 0 };
					for (int y = (int)floor(y0); y < (int)ceil(y1) && y < m.height; y++)
						for (int x = (int)floor(x0); x < (int)ceil(x1) && x < m.width; x++) {
							double w = plain_overlap(y, y0, y1) * plain_overlap(x, x0, x1);
							area += w;
							for (int c = 0; c < 3; c++)
								l[c] += w * m.lab[((size_t)y * m.width + x) * 3 + c];
						}
					for (int c = 0; c < 3; c++)
						plain[cy * AL_MARK_CMP + cx][c] = area > 0 ? (float)(l[c] / area) : 0.0f;
				}
			}
			assert_memory_equal(fast, plain, sizeof fast);
		}
		al_measure_clear(&m);
		tu_image_free(img);
	}
}

/* al_mark_tile() (squared distances, cells of the last counted colour
 * skipped) against ref_tile() on 3,000 random grids: colours drawn from
 * a few, repeated in runs of cells to the bit, some nudged by a float
 * step, some at exactly AL_MARK_TILE_DE from another (the inclusive
 * limit), coverage full, shown or faint. */
static void test_tile_colour_reference(void **state)
{
	(void)state;
	guint32 seed = 777;
#define RND() (seed = seed * 1664525u + 1013904223u, seed >> 8)
	int tiles = 0;
	for (int t = 0; t < 3000; t++) {
		al_mark m;
		memset(&m, 0, sizeof m);
		m.valid = true;
		float pal[4][3];
		for (int k = 0; k < 4; k++)
			for (int c = 0; c < 3; c++)
				pal[k][c] = (float)(RND() % 100) - (c ? 50.0f : 0.0f);
		/* the second colour exactly AL_MARK_TILE_DE from the first */
		pal[1][0] = pal[0][0] + (float)AL_MARK_TILE_DE;
		pal[1][1] = pal[0][1];
		pal[1][2] = pal[0][2];
		int k = 0;
		for (int i = 0; i < AL_MARK_CMP * AL_MARK_CMP; i++) {
			if (RND() % 4 == 0)
				k = (int)(RND() % 4);
			memcpy(m.cells[i], pal[k], sizeof pal[k]);
			if (RND() % 9 == 0)
				m.cells[i][RND() % 3] = nextafterf(m.cells[i][0], 1e9f);
			guint32 c = RND() % 10;
			m.cells[i][3] = c < 7 ? 1.0f : c < 9 ? 0.6f : 0.2f;
		}
		float got[3], want[3];
		bool g = al_mark_tile(&m, got), w = ref_tile((const float (*)[4])m.cells, want);
		assert_int_equal(g, w);
		if (w) {
			tiles++;
			assert_memory_equal(got, want, sizeof got);
		}
	}
#undef RND
	assert_true(tiles > 1000);
}

void al__mark_tile_ink(al_mark *mark, const al_measure *m, const al_region *bb,
                       const float t[3], al_region *in);

/* A pixel's ink as mark_tile_ink() defines it: 0 within AL_MARK_TILE_RIM
 * of the box's edge, near the tile colour @t or with background in its
 * square; else its CIE76 from @t. */
static float plain_pixel_ink(const al_measure *m, const al_region *bb, const float t[3],
                             int x, int y)
{
	const int r = AL_MARK_TILE_RIM;
	if (x < r || y < r || x >= bb->w - r || y >= bb->h - r)
		return 0;
	size_t i = (size_t)(bb->y + y) * m->width + bb->x + x;
	if (al_de76(m->lab + i * 3, t) < AL_MARK_VISIBLE_DE)
		return 0;
	for (int dy = -r; dy <= r; dy++)
		for (int dx = -r; dx <= r; dx++)
			if (m->bgmask[(size_t)(bb->y + y + dy) * m->width + bb->x + x + dx])
				return 0;
	return al_de76(m->lab + i * 3, t);
}

/* al_mark.tile_ink and the content box (one pass, tile_ink_px()) skip
 * each stretch of one RGBA near the tile colour at once: bit for bit the
 * per-pixel definition area-averaged cell by cell, and the box of the
 * pixels with ink, on random logos and boxes, the tile colour one of the
 * logo's own (long stretches near it) or another. */
static void test_tile_ink_reference(void **state)
{
	const int n = AL_MARK_TILE_GRID;
	uint32_t seed = 5150;
	(void)state;
	al_mark *mk = g_new0(al_mark, 1);
	float *plain = g_new(float, (size_t)n * n);
	for (int k = 0; k < 150; k++) {
		al_image *img = stretch_image(&seed);
		al_measure m;
		measure_defaults(&m, img);
		for (int b = 0; b < 4; b++) {
			al_region bb = random_box(&seed, &m, b == 0);
			seed = seed * 1103515245u + 12345u;
			float t[3] = { 50.0f, 10.0f, -20.0f };
			size_t at = (size_t)(seed >> 8) % ((size_t)m.width * m.height);
			if (b % 2 == 0)
				memcpy(t, m.lab + at * 3, sizeof t);
			memset(mk->tile_ink, 0, sizeof mk->tile_ink);
			al_region in;
			al__mark_tile_ink(mk, &m, &bb, t, &in);
			int bx0 = bb.w, by0 = bb.h, bx1 = -1, by1 = -1;
			for (int y = 0; y < bb.h; y++)
				for (int x = 0; x < bb.w; x++)
					if (plain_pixel_ink(&m, &bb, t, x, y) != 0) {
						bx0 = MIN(bx0, x);
						bx1 = MAX(bx1, x);
						by0 = MIN(by0, y);
						by1 = MAX(by1, y);
					}
			if (bx1 < 0) {
				assert_int_equal(in.w, 0);
			} else {
				assert_int_equal(in.x, bb.x + bx0);
				assert_int_equal(in.y, bb.y + by0);
				assert_int_equal(in.w, bx1 - bx0 + 1);
				assert_int_equal(in.h, by1 - by0 + 1);
			}
			double cw = (double)bb.w / n, ch = (double)bb.h / n;
			for (int cy = 0; cy < n; cy++) {
				double y0 = cy * ch, y1 = (cy + 1) * ch;
				for (int cx = 0; cx < n; cx++) {
					double x0 = cx * cw, x1 = (cx + 1) * cw, area = 0, ink = 0;
					for (int y = (int)floor(y0); y < (int)ceil(y1) && y < bb.h; y++)
						for (int x = (int)floor(x0); x < (int)ceil(x1) && x < bb.w; x++) {
							double w = plain_overlap(y, y0, y1) * plain_overlap(x, x0, x1);
							float v = plain_pixel_ink(&m, &bb, t, x, y);
							area += w;
							if (v != 0)
								ink += w * v;
						}
					plain[cy * n + cx] = area > 0 ? (float)(ink / area) : 0.0f;
				}
			}
			assert_memory_equal(mk->tile_ink, plain, sizeof(float) * (size_t)n * n);
		}
		al_measure_clear(&m);
		tu_image_free(img);
	}
	g_free(plain);
	g_free(mk);
}

bool al__mark_square_has_bg(const al_measure *m, size_t i, int r);

/* square_has_bg() reads each row of the square as one word: the same
 * answer as the byte-by-byte test, for every pixel whose square lies in
 * random masks (background sparse or dense; squares at the image's last
 * pixel, whose word would run past it, included), squares of 3 to 7. */
static void test_square_has_bg(void **state)
{
	uint32_t seed = 8086;
	(void)state;
	for (int k = 0; k < 200; k++) {
		seed = seed * 1103515245u + 12345u;
		int w = 7 + (int)(seed >> 16) % 40, h = 7 + (int)(seed >> 8) % 30;
		int dense = 2 + k % 40;
		al_measure m;
		memset(&m, 0, sizeof m);
		m.width = w;
		m.height = h;
		m.bgmask = g_new(uint8_t, (size_t)w * h);
		for (int i = 0; i < w * h; i++) {
			seed = seed * 1103515245u + 12345u;
			m.bgmask[i] = (seed >> 12) % (unsigned)dense == 0 ? (uint8_t)(1 + (seed >> 20) % 2) : 0;
		}
		for (int r = 1; r <= 3; r++)
			for (int y = r; y < h - r; y++)
				for (int x = r; x < w - r; x++) {
					bool plain = false;
					for (int dy = -r; dy <= r; dy++)
						for (int dx = -r; dx <= r; dx++)
							plain |= m.bgmask[(y + dy) * w + x + dx] != 0;
					assert_int_equal(al__mark_square_has_bg(&m, (size_t)y * w + x, r), plain);
				}
		g_free(m.bgmask);
	}
}

void al__mark_profile_both(const al_measure *m, const al_region *b, int *pr, int *pc);

/* profile_both() counts the foreground per row and per column of a box
 * in one pass: the counts of each row and column taken apart, on random
 * masks and boxes (one pixel, one row, one column, the whole mask). */
static void test_profile_both(void **state)
{
	uint32_t seed = 6502;
	(void)state;
	for (int t = 0; t < 300; t++) {
		seed = seed * 1103515245u + 12345u;
		int w = 1 + (int)(seed >> 16) % 70, h = 1 + (int)(seed >> 8) % 50;
		al_measure m;
		memset(&m, 0, sizeof m);
		m.width = w;
		m.height = h;
		m.bgmask = g_new(uint8_t, (size_t)w * h);
		for (int i = 0; i < w * h; i++) {
			seed = seed * 1103515245u + 12345u;
			m.bgmask[i] = (uint8_t)((seed >> 12) % 3);
		}
		seed = seed * 1103515245u + 12345u;
		al_region b = { (int)(seed >> 8) % w, (int)(seed >> 16) % h, 0, 0 };
		seed = seed * 1103515245u + 12345u;
		b.w = 1 + (int)(seed >> 8) % (w - b.x);
		b.h = 1 + (int)(seed >> 16) % (h - b.y);
		if (t % 5 == 0)
			b = (al_region){ 0, 0, w, h };
		int *pr = g_new(int, b.h), *pc = g_new(int, b.w);
		al__mark_profile_both(&m, &b, pr, pc);
		for (int y = 0; y < b.h; y++) {
			int k = 0;
			for (int x = 0; x < b.w; x++)
				k += m.bgmask[(b.y + y) * w + b.x + x] == 0;
			assert_int_equal(pr[y], k);
		}
		for (int x = 0; x < b.w; x++) {
			int k = 0;
			for (int y = 0; y < b.h; y++)
				k += m.bgmask[(b.y + y) * w + b.x + x] == 0;
			assert_int_equal(pc[x], k);
		}
		g_free(pr);
		g_free(pc);
		g_free(m.bgmask);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bbox_aspect_thumb),
		cmocka_unit_test(test_end_window),
		cmocka_unit_test(test_opaque_background),
		cmocka_unit_test(test_edge_frame_trimmed),
		cmocka_unit_test(test_box_tight_after_trim),
		cmocka_unit_test(test_soft_tile_content),
		cmocka_unit_test(test_tile_ink_frame),
		cmocka_unit_test(test_visible_box),
		cmocka_unit_test(test_visible_box_every_column),
		cmocka_unit_test(test_no_foreground),
		cmocka_unit_test(test_scale_invariance),
		cmocka_unit_test(test_stretch_invariance),
		cmocka_unit_test(test_crop_cells_grid),
		cmocka_unit_test(test_crop_cells_bounds),
		cmocka_unit_test(test_crop_cells_cut_mark),
		cmocka_unit_test(test_seams_trimmed),
		cmocka_unit_test(test_cut_ground),
		cmocka_unit_test(test_rim_tile),
		cmocka_unit_test(test_different_designs),
		cmocka_unit_test(test_informative),
		cmocka_unit_test(test_gap_iou),
		cmocka_unit_test(test_look),
		cmocka_unit_test(test_parts),
		cmocka_unit_test(test_part_seen_on),
		cmocka_unit_test(test_tile_colour_reference),
		cmocka_unit_test(test_resample_reference),
		cmocka_unit_test(test_stretch_reference),
		cmocka_unit_test(test_lab_grid_reference),
		cmocka_unit_test(test_tile_ink_reference),
		cmocka_unit_test(test_square_has_bg),
		cmocka_unit_test(test_profile_both),
		cmocka_unit_test(test_tile_corners),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
