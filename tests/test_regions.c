/* Tests of regions.c's word-at-a-time scans and fast paths: the
 * visibility of every alpha value, runs of set mask pixels of every
 * length at every offset and of any non-zero value, the run of one RGBA,
 * the alpha counts and visible foreground of a row, the chessboard distance and the separable
 * blur, against the pixel-by-pixel definitions.  (test_measure.c and test_rules_text.c compare the whole
 * labellings with reference union-finds on images of the rules' kinds.) */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <setjmp.h>
#include <cmocka.h>
#include "testutil.h"
#include "regions.h"
#include "ridge.h"

/* Every alpha value, in images of 1 .. 37 pixels (the four-at-a-time
 * pass and its tail): visible (a label >= 0) exactly when alpha >= 128,
 * whatever the colour bytes beside it. */
static void test_similar_alpha(void **state)
{
	(void)state;
	for (int w = 1; w <= 37; w++)
		for (int a0 = 0; a0 < 256; a0 += 3) {
			uint8_t *rgba = g_new(uint8_t, (size_t)w * 4);
			float *lab = g_new0(float, (size_t)w * 3);
			int *labels = g_new(int, w);
			for (int x = 0; x < w; x++) {
				rgba[x * 4 + 0] = (uint8_t)(255 - x);
				rgba[x * 4 + 1] = 0x80;
				rgba[x * 4 + 2] = 0xff;
				rgba[x * 4 + 3] = (uint8_t)((a0 + 61 * x) & 0xff);
			}
			al_measure m = { .width = w, .height = 1, .rgba = rgba };
			/* one colour: the visible pixels of a stretch join */
			int n = al_regions_similar(&m, lab, NULL, 1.0f, 0, labels);
			int want = 0;
			for (int x = 0; x < w; x++) {
				bool vis = rgba[x * 4 + 3] >= 128;
				assert_int_equal(labels[x] >= 0, vis);
				if (vis && (x == 0 || rgba[(x - 1) * 4 + 3] < 128))
					want++;
			}
			assert_int_equal(n, want);
			g_free(rgba);
			g_free(lab);
			g_free(labels);
		}
}

/* The 8-connected components of @mask, numbered in the order of their
 * first pixel, one pixel at a time (a flood fill). */
static int ref_mask(const uint8_t *mask, int w, int h, int *labels)
{
	int n = w * h, count = 0, *stack = g_new(int, n);
	for (int i = 0; i < n; i++)
		labels[i] = -1;
	for (int i = 0; i < n; i++) {
		if (!mask[i] || labels[i] >= 0)
			continue;
		int top = 0;
		labels[i] = count;
		stack[top++] = i;
		while (top > 0) {
			int p = stack[--top], px = p % w, py = p / w;
			for (int dy = -1; dy <= 1; dy++)
				for (int dx = -1; dx <= 1; dx++) {
					int x = px + dx, y = py + dy;
					if (x < 0 || y < 0 || x >= w || y >= h)
						continue;
					int q = y * w + x;
					if (mask[q] && labels[q] < 0) {
						labels[q] = count;
						stack[top++] = q;
					}
				}
		}
		count++;
	}
	g_free(stack);
	return count;
}

/* al_regions_mask() on MASK: labels and boxes as the flood fill's; and
 * al_regions_mask_runs(): the same count and boxes, and each row's
 * maximal runs of set pixels, left to right, with their pixels' labels. */
static void assert_like_flood(const uint8_t *mask, int w, int h)
{
	int n = w * h;
	int *got = g_new(int, n), *want = g_new(int, n);
	al_region *box = NULL, *rbox = NULL;
	int count = al_regions_mask(mask, w, h, got, &box);
	assert_int_equal(count, ref_mask(mask, w, h, want));
	assert_memory_equal(got, want, (size_t)n * sizeof *got);
	al_label_runs runs;
	assert_int_equal(al_regions_mask_runs(mask, w, h, &runs, &rbox), count);
	assert_memory_equal(rbox, box, sizeof *box * (size_t)count);
	assert_int_equal(runs.row[0], 0);
	for (int y = 0; y < h; y++) {
		int k = runs.row[y];
		for (int x = 0; x < w; x++) {
			if (!mask[y * w + x])
				continue;
			/* a run starts here and holds x .. its end */
			assert_true(k < runs.row[y + 1]);
			assert_int_equal(runs.run[k].x0, x);
			while (x + 1 < w && mask[y * w + x + 1])
				x++;
			assert_int_equal(runs.run[k].x1, x);
			assert_int_equal(runs.run[k].label, want[y * w + x]);
			k++;
		}
		assert_int_equal(k, runs.row[y + 1]);
	}
	/* al_label_runs_paint_rows(): the middle rows alone touch those rows
	 * only; the rest, row by row from the bottom, completes the plane */
	int *rows = g_new(int, n);
	for (int i = 0; i < n; i++)
		rows[i] = -7;
	al_label_runs_paint_rows(&runs, w, h / 3, h - h / 3, rows);
	for (int i = 0; i < n; i++)
		assert_int_equal(rows[i], i / w >= h / 3 && i / w < h - h / 3 ? want[i] : -7);
	for (int y = h; y-- > 0;)
		if (y < h / 3 || y >= h - h / 3)
			al_label_runs_paint_rows(&runs, w, y, y + 1, rows);
	assert_memory_equal(rows, want, (size_t)n * sizeof *rows);
	g_free(rows);
	al_label_runs_clear(&runs);
	g_free(rbox);
	for (int c = 0; c < count; c++) {
		int x0 = w, x1 = -1, y0 = h, y1 = -1;
		for (int i = 0; i < n; i++)
			if (want[i] == c) {
				x0 = MIN(x0, i % w);
				x1 = MAX(x1, i % w);
				y0 = MIN(y0, i / w);
				y1 = MAX(y1, i / w);
			}
		assert_true(box[c].x == x0 && box[c].w == x1 - x0 + 1);
		assert_true(box[c].y == y0 && box[c].h == y1 - y0 + 1);
	}
	g_free(box);
	g_free(got);
	g_free(want);
}

/* Rows of runs of every length 1 .. 24 starting at every offset 0 .. 8,
 * the set bytes of any non-zero value (1, 0x80, 0xff ...), a row below
 * that touches some of them diagonally: labels and boxes as the flood
 * fill's. */
static void test_mask_runs(void **state)
{
	static const uint8_t vals[] = { 1, 0x80, 0xff, 0x7f, 2 };
	(void)state;
	for (int len = 1; len <= 24; len++)
		for (int off = 0; off <= 8; off++)
			for (int w = off + len; w <= off + len + 10; w += 5) {
				int h = 3, n = w * h;
				uint8_t *mask = g_new0(uint8_t, n);
				for (int x = off; x < off + len; x++)
					mask[x] = vals[(x + len) % G_N_ELEMENTS(vals)];
				/* a gap, then a second run to the row's end */
				for (int x = off + len + 1; x < w; x++)
					mask[x] = vals[x % G_N_ELEMENTS(vals)];
				/* row 2: single pixels below the run's ends */
				if (off + len < w)
					mask[2 * w + off + len] = 1;
				mask[w + off] = 0xff;
				assert_like_flood(mask, w, h);
				g_free(mask);
			}
}

/* Wide sparse rows (a few set pixels past 32, 64 ... unset bytes, where
 * the row scan skips 32 at a time) and checkerboards (a row holding the
 * most runs it can, so the run list grows by whole rows): labels and
 * boxes as the flood fill's. */
static void test_mask_wide_and_dense(void **state)
{
	(void)state;
	GRand *rng = g_rand_new_with_seed(19);
	for (int t = 0; t < 200; t++) {
		int w = g_rand_int_range(rng, 1, 300), h = g_rand_int_range(rng, 1, 12), n = w * h;
		bool dense = t % 4 == 0;
		uint8_t *mask = g_new0(uint8_t, n);
		for (int i = 0; i < n; i++)
			mask[i] = dense ? (uint8_t)((i % w + i / w) % 2 == 0)
			                : (uint8_t)(g_rand_int_range(rng, 0, 97) == 0);
		assert_like_flood(mask, w, h);
		g_free(mask);
	}
	g_rand_free(rng);
}

/* The pixel-by-pixel definitions of al_distance_chess() and
 * al_lab_blur3(), as they were before their fast paths. */
static void ref_distance_chess(const uint8_t *mask, int w, int h, uint16_t *d)
{
	for (int i = 0; i < w * h; i++)
		d[i] = mask[i] != 0;
	for (int y = 1; y < h - 1; y++)
		for (int x = 1; x < w - 1; x++) {
			uint16_t *p = d + y * w + x, mn = p[-1];
			for (int k = -1; k <= 1; k++)
				mn = MIN(mn, p[-w + k]);
			*p = *p ? (uint16_t)(mn + 1) : 0;
		}
	for (int y = h - 2; y >= 1; y--)
		for (int x = w - 2; x >= 1; x--) {
			uint16_t *p = d + y * w + x, mn = p[1];
			for (int k = -1; k <= 1; k++)
				mn = MIN(mn, p[w + k]);
			*p = (uint16_t)MIN(*p, mn + 1);
		}
}

static void ref_blur3(const float *lab, int w, int h, float *out)
{
	size_t row = (size_t)w * 3;
	float *t = g_new(float, row * h);
	for (int y = 0; y < h; y++) {
		const float *in = lab + y * row;
		float *o = t + y * row;
		for (size_t k = 0; k < row; k++) {
			bool l = k >= 3, r = k + 3 < row;
			o[k] = w == 1 ? in[k]
			       : l && r ? (in[k - 3] + in[k] + in[k + 3]) * (1.0f / 3.0f)
			       : l ? (in[k - 3] + in[k]) * 0.5f : (in[k] + in[k + 3]) * 0.5f;
		}
	}
	for (int y = 0; y < h; y++)
		for (size_t k = 0; k < row; k++) {
			const float *c = t + y * row + k;
			out[y * row + k] = h == 1 ? *c
			                   : y == 0 ? (c[0] + c[row]) * 0.5f
			                   : y == h - 1 ? (c[-(ptrdiff_t)row] + c[0]) * 0.5f
			                   : (c[-(ptrdiff_t)row] + c[0] + c[row]) * (1.0f / 3.0f);
		}
	g_free(t);
}

/* Masks of every density (none, sparse, half, dense, full) and sizes
 * 1..41 x 1..9, runs ending at every offset of the four-at-a-time skips
 * of zero and non-zero distances, and rows wider than the passes'
 * 256-column stretches (runs across their ends, distances that grow
 * past 1 inside a full block): the distances as the pixel-by-pixel
 * passes give them. */
static void test_distance_runs(void **state)
{
	static const int wide[] = { 255, 256, 257, 258, 259, 300, 513, 530 };
	(void)state;
	guint32 seed = 12345;
	for (int dens = 0; dens <= 8; dens += 2)
		for (int wi = 0; wi < 21 + (int)G_N_ELEMENTS(wide); wi++)
			for (int h = 1; h <= 9 + (wi >= 21) * 31; h += 1 + (wi >= 21) * 3) {
				int w = wi < 21 ? 1 + 2 * wi : wide[wi - 21];
				int n = w * h;
				uint8_t *mask = g_new(uint8_t, n);
				uint16_t *got = g_new(uint16_t, n), *want = g_new(uint16_t, n);
				for (int i = 0; i < n; i++) {
					seed = seed * 1103515245u + 12345u;
					/* runs: a pixel mostly repeats its left neighbour */
					bool keep = i % w && (seed >> 16) % 4 != 0;
					mask[i] = keep ? mask[i - 1]
					               : (uint8_t)((seed >> 8) % 8 < (unsigned)dens ? 1 + (seed >> 24) % 255 : 0);
				}
				al_distance_chess(mask, w, h, got);
				ref_distance_chess(mask, w, h, want);
				assert_memory_equal(got, want, (size_t)n * sizeof *got);
				g_free(mask);
				g_free(got);
				g_free(want);
			}
}

/* Bands of 1..4 equal rows (equal to the bit) between rows that differ,
 * values whose sums of three round (0.1, 1/3 ...), widths 1..13 and
 * heights 1..12: the ring of row sums gives the same floats as a whole
 * plane of them (the reference for a fast path that would reuse rows). */
static void test_blur_equal_rows(void **state)
{
	static const float vals[] = { 0.1f, 1.0f / 3.0f, 97.3f, -41.7f, 0.0f, 12.345f, -0.0f };
	(void)state;
	guint32 seed = 777;
	for (int w = 1; w <= 13; w += 3)
		for (int h = 1; h <= 12; h++)
			for (int rep = 0; rep < 4; rep++) {
				size_t row = (size_t)w * 3, n = row * h;
				float *lab = g_new(float, n), *want = g_new(float, n);
				for (int y = 0; y < h; y++) {
					seed = seed * 1103515245u + 12345u;
					if (y > 0 && (seed >> 16) % 4 < (unsigned)rep + 1) {
						memcpy(lab + y * row, lab + (y - 1) * row, row * sizeof *lab);
						continue;
					}
					for (size_t k = 0; k < row; k++) {
						seed = seed * 1103515245u + 12345u;
						lab[y * row + k] = vals[(seed >> 16) % G_N_ELEMENTS(vals)] *
						                   (float)(1 + (seed >> 24) % 3);
					}
				}
				float *got = al_lab_blur3(lab, w, h);
				assert_non_null(got);
				ref_blur3(lab, w, h, want);
				assert_memory_equal(got, want, n * sizeof *got);
				g_free(got);
				g_free(lab);
				g_free(want);
			}
}

/* al_lab_blur3_rgba(), which finds equal rows on the RGBA the Lab plane
 * is a function of: the same bits as the blur written out, with equal
 * RGBA rows, and equal Lab rows of unequal RGBA rows (pixel codes c and
 * c + 7 have one Lab colour). */
static void test_blur_rgba_rows(void **state)
{
	static const float vals[] = { 0.1f, 1.0f / 3.0f, 97.3f, -41.7f, 0.0f, 12.345f, -0.0f };
	(void)state;
	guint32 seed = 4242;
	for (int w = 1; w <= 13; w += 3)
		for (int h = 1; h <= 12; h++)
			for (int rep = 0; rep < 4; rep++) {
				size_t n = (size_t)w * h;
				uint8_t *rgba = g_new(uint8_t, n * 4);
				float *lab = g_new(float, n * 3), *want = g_new(float, n * 3);
				for (int y = 0; y < h; y++) {
					seed = seed * 1103515245u + 12345u;
					unsigned kind = (seed >> 16) % 4;
					for (int x = 0; x < w; x++) {
						size_t i = (size_t)y * w + x;
						unsigned c;
						seed = seed * 1103515245u + 12345u;
						c = (seed >> 16) % 14;
						if (y > 0 && kind < (unsigned)rep + 1) {
							/* the row above; or its Lab only */
							c = rgba[(i - w) * 4];
							if (kind == 0)
								c = (c + 7) % 14;
						}
						rgba[i * 4] = (uint8_t)c;
						rgba[i * 4 + 1] = (uint8_t)(c * 5);
						rgba[i * 4 + 2] = 0;
						rgba[i * 4 + 3] = 255;
						for (int k = 0; k < 3; k++)
							lab[i * 3 + k] = vals[(c + (unsigned)k) % 7];
					}
				}
				float *got = al_lab_blur3_rgba(lab, rgba, w, h);
				assert_non_null(got);
				ref_blur3(lab, w, h, want);
				assert_memory_equal(got, want, n * 3 * sizeof *got);
				g_free(got);
				g_free(rgba);
				g_free(lab);
				g_free(want);
			}
}

/* Runs of one RGBA of every length 1..20 at every start, pixels that
 * differ in one byte only: al_rgba_run_end() as one pixel at a time. */
static void test_rgba_run_end(void **state)
{
	(void)state;
	for (int len = 1; len <= 20; len++)
		for (int off = 0; off < 6; off++)
			for (int byte = 0; byte < 4; byte++) {
				int w = off + len + 7;
				uint8_t *row = g_new0(uint8_t, (size_t)w * 4);
				for (int x = 0; x < w; x++)
					row[x * 4 + 1] = 0x40;
				/* pixels off .. off + len - 1 one colour, the others
				 * another in byte @byte only */
				for (int x = 0; x < w; x++)
					if (x < off || x >= off + len)
						row[x * 4 + byte] ^= (uint8_t)(1 + x % 2);
				for (int x = 0; x < w; x++) {
					int e = x + 1;
					while (e < w && memcmp(row + e * 4, row + x * 4, 4) == 0)
						e++;
					assert_int_equal(al_rgba_run_end(row, x, w), e);
				}
				g_free(row);
			}
}

/* A mask given as @only, of bytes 0, 1, 0x80, 0xff, over widths 1..40
 * (the sixteen-at-a-time pass and its tail), one colour: exactly the set
 * pixels are labelled, each run of them one region. */
static void test_similar_only(void **state)
{
	static const uint8_t vals[] = { 0, 1, 0x80, 0xff, 0, 0, 7 };
	(void)state;
	for (int w = 1; w <= 40; w++)
		for (int ph = 0; ph < 7; ph++) {
			uint8_t *rgba = g_new0(uint8_t, (size_t)w * 4), *only = g_new(uint8_t, w);
			float *lab = g_new0(float, (size_t)w * 3);
			int *labels = g_new(int, w), want = 0;
			for (int x = 0; x < w; x++) {
				only[x] = vals[(x * 3 + ph) % G_N_ELEMENTS(vals)];
				want += only[x] && (x == 0 || !only[x - 1]);
			}
			al_measure m = { .width = w, .height = 1, .rgba = rgba };
			assert_int_equal(al_regions_similar(&m, lab, only, 1.0f, 0, labels), want);
			for (int x = 0; x < w; x++)
				assert_int_equal(labels[x] >= 0, only[x] != 0);
			g_free(rgba);
			g_free(only);
			g_free(lab);
			g_free(labels);
		}
}

/* Rows of 1..50 pixels of every alpha around the limit and background
 * bytes 0, 1, 2, limits 0, 1, 128, 255 and 300: the counts of
 * al_count_alpha_row() and the bytes of al_visible_fg_row() as one
 * pixel at a time. */
/* al_or_near() against the OR over each pixel's clipped square, one
 * pixel at a time: images of 1 .. 23 x 1 .. 9 pixels of random masks
 * (one bit, several, or none a pixel), reaches 0 .. 9 (beyond the image
 * too). */
static void test_or_near(void **state)
{
	(void)state;
	guint32 seed = 12345;
	for (int w = 1; w <= 23; w++)
		for (int h = 1; h <= 9; h++)
			for (int r = 0; r <= 9; r++) {
				size_t n = (size_t)w * h;
				uint64_t *in = g_new(uint64_t, n), *tmp = g_new(uint64_t, n),
				         *out = g_new(uint64_t, n);
				for (size_t i = 0; i < n; i++) {
					seed = seed * 1664525u + 1013904223u;
					int k = (int)(seed >> 26);
					in[i] = (seed >> 8) % 3 == 0 ? 0 : UINT64_C(1) << k;
					if ((seed >> 12) % 7 == 0)
						in[i] |= UINT64_C(1) << 63;
				}
				al_or_near(in, w, h, r, tmp, out);
				for (int y = 0; y < h; y++)
					for (int x = 0; x < w; x++) {
						uint64_t want = 0;
						for (int yy = MAX(0, y - r); yy <= MIN(h - 1, y + r); yy++)
							for (int xx = MAX(0, x - r); xx <= MIN(w - 1, x + r); xx++)
								want |= in[(size_t)yy * w + xx];
						assert_true(out[(size_t)y * w + x] == want);
					}
				g_free(in);
				g_free(tmp);
				g_free(out);
			}
}

static void test_count_alpha_row(void **state)
{
	static const int limits[] = { 0, 1, 128, 255, 300 };
	(void)state;
	guint32 seed = 99;
	for (size_t li = 0; li < G_N_ELEMENTS(limits); li++)
		for (int w = 1; w <= 50; w++)
			for (int rep = 0; rep < 8; rep++) {
				uint8_t *px = g_new(uint8_t, (size_t)w * 4), *bg = g_new(uint8_t, w);
				unsigned wc = 0, wo = 0, gc = 7, go = 7;
				for (int x = 0; x < w; x++) {
					seed = seed * 1103515245u + 12345u;
					for (int k = 0; k < 3; k++)
						px[x * 4 + k] = (uint8_t)(seed >> (8 + 5 * k));
					int a = limits[li] + (int)((seed >> 24) % 5) - 2;
					px[x * 4 + 3] = (uint8_t)(rep % 2 ? (seed >> 16) & 0xff : CLAMP(a, 0, 255));
					bg[x] = (uint8_t)((seed >> 12) % 3);
					bool see = px[x * 4 + 3] >= limits[li];
					wc += !see;
					wo += see && bg[x] == 1;
				}
				al_count_alpha_row(px, bg, w, limits[li], &gc, &go);
				assert_int_equal(gc, wc);
				assert_int_equal(go, wo);
				/* and hero-margin's visible foreground of the row */
				uint8_t *fg = g_new(uint8_t, w);
				al_visible_fg_row(px, bg, w, limits[li], fg);
				for (int x = 0; x < w; x++)
					assert_int_equal(fg[x], px[x * 4 + 3] >= limits[li] && bg[x] == 0);
				g_free(fg);
				g_free(px);
				g_free(bg);
			}
}

/* A float of every kind the Lab planes hold and the sums round on:
 * small and large, negative, zero and -0, fractions whose products
 * round, and denormal and huge ones (the exactness fallbacks' edges). */
static float any_float(guint32 *seed)
{
	static const float odd[] = { 0.0f, -0.0f, 1e-30f, -3e-38f, 1e-45f, 3e30f, -7e25f,
	                             100.0f, -128.0f, 1.0f / 3.0f, 0.1f };
	*seed = *seed * 1103515245u + 12345u;
	guint32 r = *seed >> 8;
	if (r % 7 == 0)
		return odd[(r >> 3) % G_N_ELEMENTS(odd)];
	*seed = *seed * 1103515245u + 12345u;
	float v = (float)(*seed >> 8) / 16777216.0f * 200.0f - 100.0f;
	/* full 24-bit mantissas 2^-40 .. 2^40 apart: their sums in a
	 * double round, and any other order or grouping rounds otherwise */
	return r % 3 == 0 ? ldexpf(v, (int)((r >> 4) % 81) - 40) : v;
}

/* al_color_sums_run() against the plain loop of lsq_add()'s colour sums
 * (gradient.c), pixel by pixel, to the bit: runs of 0 .. 40 pixels of
 * random colours, of one repeated colour, and of colours near 0 and far
 * apart, from sums that are not 0, at X0 multiples of 1/2 either side of
 * 0.  Any change of order, grouping or rounding shows in the last bit. */
static void test_color_sums_run(void **state)
{
	(void)state;
	guint32 seed = 4242;
	for (int len = 0; len <= 40; len++)
		for (int rep = 0; rep < 12; rep++) {
			float *c = g_new(float, (size_t)MAX(len, 1) * 3);
			for (int k = 0; k < len * 3; k++)
				c[k] = rep % 3 == 1 && k >= 3 ? c[k - 3] : any_float(&seed);
			double got[4][3], want[4][3];
			for (int a = 0; a < 4; a++)
				for (int k = 0; k < 3; k++)
					got[a][k] = want[a][k] = rep % 2 ? 0.0 : (double)any_float(&seed) * 37.0;
			double X0 = ((int)(seed >> 20) % 301 - 150) * 0.5, Y = (rep - 6) * 3.5;
			for (int j = 0; j < len; j++) {
				double X = X0 + j;
				const float *p = c + j * 3;
				for (int k = 0; k < 3; k++) {
					want[0][k] += p[k];
					want[1][k] += X * p[k];
					want[2][k] += Y * p[k];
					want[3][k] += (double)p[k] * p[k];
				}
			}
			al_color_sums_run(got[0], got[1], got[2], got[3], c, X0, Y, len);
			assert_memory_equal(got, want, sizeof got);
			g_free(c);
		}
}

/* al_run_x_sums() against adding X and X^2 one by one, for every run
 * length 0 .. 300 at X0 = -600 .. 600 in halves, and long runs of a
 * 2^16-wide row (w^3 = 2^48, within the bound piece_sums() checks). */
static void test_run_x_sums(void **state)
{
	(void)state;
	for (int len = 0; len <= 300; len += len < 40 ? 1 : 13)
		for (int h2 = -1200; h2 <= 1200; h2 += 7) {
			double X0 = h2 * 0.5, sx, sxx, wx = 0, wxx = 0;
			for (int j = 0; j < len; j++) {
				wx += X0 + j;
				wxx += (X0 + j) * (X0 + j);
			}
			al_run_x_sums(X0, len, &sx, &sxx);
			assert_true(sx == wx && sxx == wxx);
		}
	for (int len = 1; len <= 65536; len *= 4) {
		double X0 = -32768.0 + 0.5, sx, sxx, wx = 0, wxx = 0;
		for (int j = 0; j < len; j++) {
			wx += X0 + j;
			wxx += (X0 + j) * (X0 + j);
		}
		al_run_x_sums(X0, len, &sx, &sxx);
		assert_true(sx == wx && sxx == wxx);
	}
}

/* al_set_end(), al_unset_bytes() and al_list_set() against byte-by-byte
 * loops: rows of 0 .. 70 bytes (the sixteen-at-a-time passes and their
 * tails) at every start, of bytes 0, 1, 0x80 and 0xff, mostly set, mostly
 * unset and mixed. */
static void test_byte_scans(void **state)
{
	static const uint8_t vals[] = { 1, 0x80, 0xff, 2 };
	(void)state;
	guint32 seed = 31337;
	for (int n = 0; n <= 70; n++)
		for (int rep = 0; rep < 9; rep++) {
			uint8_t *b = g_new(uint8_t, (size_t)n + 1), *out = g_new(uint8_t, (size_t)n + 1);
			int *list = g_new(int, (size_t)n + 1);
			for (int k = 0; k < n; k++) {
				seed = seed * 1103515245u + 12345u;
				unsigned r = (seed >> 16) % 64;
				/* rep 0-2: mostly set, 3-5: mostly unset, 6-8: mixed */
				bool set = rep < 3 ? r != 0 : rep < 6 ? r == 0 : r % 2 == 0;
				b[k] = set ? vals[(seed >> 8) % 4] : 0;
			}
			for (int x = 0; x <= n; x++) {
				int e = x;
				while (e < n && b[e])
					e++;
				assert_int_equal(al_set_end(b, x, n), e);
			}
			int want = 0;
			for (int k = 0; k < n; k++)
				want += b[k] == 0;
			assert_int_equal(al_unset_bytes(b, out, n), want);
			for (int k = 0; k < n; k++)
				assert_int_equal(out[k], b[k] == 0);
			int *end = al_list_set(b, n, 1000, list), m = 0;
			for (int k = 0; k < n; k++)
				if (b[k])
					assert_int_equal(list[m++], 1000 + k);
			assert_ptr_equal(end, list + m);
			g_free(b);
			g_free(out);
			g_free(list);
		}
}

/* al_label_run_end() against a one-by-one scan on long rows: runs of
 * 1 .. 40 labels (across the eight- and four-at-a-time steps and their
 * tails), rows of 1 .. 90, labels that differ in one bit or are negative,
 * from every start.  (test_measure.c covers rows of up to 13.) */
static void test_label_run_end_long(void **state)
{
	(void)state;
	int row[96];
	guint32 s = 2024;
	for (int w = 1; w <= 90; w++)
		for (int trial = 0; trial < 40; trial++) {
			int l = 5;
			for (int x = 0; x < w;) {
				s = s * 1103515245u + 12345u;
				int len = 1 + (int)((s >> 16) % 40);
				int kind = (int)((s >> 8) % 4);
				l = kind == 0 ? -1 : kind == 1 ? l + 1 : kind == 2 ? l ^ 0x100 : l - 7;
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

/* al_ridge_span() (eight pixels at a time) against the definition, pixel
 * by pixel: random distance rows of few values (ties everywhere), of the
 * full 16-bit range, and real chessboard distances of random masks, over
 * every span of a row; the count and all three sums must be equal. */
static int ref_ridge_span(const uint16_t *d, ptrdiff_t S, int x0, int x1, al_ridge_sums *r)
{
	int count = 0;
	for (int x = x0; x < x1; x++) {
		const uint16_t *p = d + x;
		unsigned v = *p;
		if (!v)
			continue;
		count++;
		bool ridge = true;
		for (int dy = -1; dy <= 1; dy++)
			for (int dx = -1; dx <= 1; dx++)
				ridge &= p[dy * S + dx] <= v;
		if (ridge) {
			r->n++;
			r->sum += v;
			r->sq += (uint64_t)v * v;
		}
	}
	return count;
}

static void test_ridge_span_reference(void **state)
{
	enum { W = 45, H = 7, S = W + 2 };
	uint16_t d[S * H];
	uint8_t mask[S * H];
	uint32_t seed = 99;
	for (int trial = 0; trial < 60; trial++) {
		int kind = trial % 3;
		for (int i = 0; i < S * H; i++) {
			seed = seed * 1103515245u + 12345u;
			uint32_t r = seed >> 8;
			d[i] = kind == 0 ? (uint16_t)(r % 4) : (uint16_t)(r & 0xffff);
			mask[i] = (r >> 20) % 5 != 0;
		}
		if (kind == 2) /* a distance image: rim 0, as text.c's cut-out */
			al_distance_chess(mask, S, H, d);
		for (int y = 1; y < H - 1; y++)
			for (int x0 = 1; x0 <= W + 1; x0++)
				for (int x1 = x0; x1 <= W + 1; x1++) {
					al_ridge_sums a = { 0, 0, 0 }, b = { 0, 0, 0 };
					const uint16_t *row = d + (size_t)y * S;
					int ca = al_ridge_span(row, S, x0, x1, &a);
					int cb = ref_ridge_span(row, S, x0, x1, &b);
					assert_int_equal(ca, cb);
					assert_true(a.n == b.n && a.sum == b.sum && a.sq == b.sq);
				}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_similar_alpha),
		cmocka_unit_test(test_mask_runs),
		cmocka_unit_test(test_mask_wide_and_dense),
		cmocka_unit_test(test_distance_runs),
		cmocka_unit_test(test_blur_equal_rows),
		cmocka_unit_test(test_blur_rgba_rows),
		cmocka_unit_test(test_rgba_run_end),
		cmocka_unit_test(test_similar_only),
		cmocka_unit_test(test_count_alpha_row),
		cmocka_unit_test(test_or_near),
		cmocka_unit_test(test_color_sums_run),
		cmocka_unit_test(test_run_x_sums),
		cmocka_unit_test(test_byte_scans),
		cmocka_unit_test(test_label_run_end_long),
		cmocka_unit_test(test_ridge_span_reference),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
