/* Tests of regions.c's word-at-a-time scans: the visibility of every
 * alpha value, and runs of set mask pixels of every length at every
 * offset and of any non-zero value, against the pixel-by-pixel
 * definitions.  (test_measure.c and test_rules_text.c compare the whole
 * labellings with reference union-finds on images of the rules' kinds.) */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "testutil.h"
#include "regions.h"

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
				int *got = g_new(int, n), *want = g_new(int, n);
				al_region *box = NULL;
				int count = al_regions_mask(mask, w, h, got, &box);
				assert_int_equal(count, ref_mask(mask, w, h, want));
				assert_memory_equal(got, want, (size_t)n * sizeof *got);
				for (int c = 0; c < count; c++) {
					int x0 = w, x1 = -1;
					for (int i = 0; i < n; i++)
						if (want[i] == c) {
							x0 = MIN(x0, i % w);
							x1 = MAX(x1, i % w);
						}
					assert_int_equal(box[c].x, x0);
					assert_int_equal(box[c].w, x1 - x0 + 1);
				}
				g_free(box);
				g_free(mask);
				g_free(got);
				g_free(want);
			}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_similar_alpha),
		cmocka_unit_test(test_mask_runs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
