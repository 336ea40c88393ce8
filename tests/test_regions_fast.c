/* Reference tests of the gradient rule's fast pixel paths (issue #10):
 * each fast path against the plain version kept beside it, on random
 * planes of the kinds the rule meets (flat tones, anti-aliased edges,
 * ramps, noise) and on edge cases (the image's rim, tiny images, -0.0,
 * tiny and huge values).  Each test also counts that both answers occur
 * often, so that a fast path that always says the same cannot pass. */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <setjmp.h>
#include <cmocka.h>
#include "testutil.h"
#include "regions.h"

bool al__gradient_edge_blend(const float *lab, int w, int h, int x, int y, float blend_de,
                             float chroma, bool plain);
bool al__gradient_dilate(const uint8_t *in, uint8_t *out, int w, int h, int reach, bool plain);
bool al__mean_on_grid(const float *v, int q, bool plain);
long al__gradient_unmixed(const al_measure *m, float blend_de, double cos_min, int reach,
                          bool plain, double min_changed, float *out, long *ncand);
int al__gradient_core(const int *labels, int w, int h, int x0, int y0, int x1, int y1,
                      const int *px, int count, int margin, int how, uint8_t *judged);

/* A Lab plane of @w x @h: flat tones from a small palette, ramps, blends
 * of two tones (anti-aliased edges, one or two px wide), noise and a few
 * odd values (-0.0, tiny, huge). */
static float *random_plane(GRand *rnd, int w, int h)
{
	size_t n = (size_t)w * h;
	float *lab = g_new(float, n * 3);
	float pal[5][3];
	for (int p = 0; p < 5; p++)
		for (int c = 0; c < 3; c++)
			pal[p][c] = (float)g_rand_double_range(rnd, c == 0 ? 0 : -100, 100);
	double gx = g_rand_double_range(rnd, -20, 20), gy = g_rand_double_range(rnd, -20, 20);
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			float *o = lab + ((size_t)y * w + x) * 3;
			int a = (x / 3 + y / 4) % 5, b = (a + 1 + (int)(g_rand_int(rnd) % 4)) % 5;
			switch (g_rand_int_range(rnd, 0, 9)) {
			case 0: case 1: case 2: /* flat: the tone of the one before */
				if (x > 0) {
					memcpy(o, o - 3, 3 * sizeof *o);
					break;
				}
				/* fall through */
			case 3:
				memcpy(o, pal[a], sizeof pal[a]);
				break;
			case 4: case 5: { /* a blend of two tones */
				float t = (float)g_rand_double_range(rnd, 0, 1);
				for (int c = 0; c < 3; c++)
					o[c] = pal[a][c] + t * (pal[b][c] - pal[a][c]);
				break;
			}
			case 6: /* a ramp */
				for (int c = 0; c < 3; c++)
					o[c] = (float)(pal[a][c] + (c + 1) * (gx * x + gy * y) / 8);
				break;
			case 7: /* noise around a tone */
				for (int c = 0; c < 3; c++)
					o[c] = pal[a][c] + (float)g_rand_double_range(rnd, -6, 6);
				break;
			default: /* odd values */
				for (int c = 0; c < 3; c++) {
					static const float odd[] = { -0.0f, 0.0f, 1e-40f, -1e-38f, 1e30f, -3e30f };
					o[c] = g_rand_int_range(rnd, 0, 3) ? pal[a][c]
					                                   : odd[g_rand_int_range(rnd, 0, 6)];
				}
				break;
			}
		}
	return lab;
}

/* edge_blend_at() (pointer steps inside, 2 px from the rim) against
 * edge_blend_plain() at every pixel of 400 random planes from 1 x 1 to
 * 40 x 40, at blend_de 2, 8 and 30 and chroma 1, 0.5 and a random weight:
 * the same answer everywhere, blends and not both common inside. */
static void test_edge_blend_reference(void **state)
{
	(void)state;
	GRand *rnd = g_rand_new_with_seed(1610);
	long yes = 0, no = 0;
	for (int t = 0; t < 400; t++) {
		int w = g_rand_int_range(rnd, 1, 41), h = g_rand_int_range(rnd, 1, 41);
		float *lab = random_plane(rnd, w, h);
		static const float des[] = { 2, 8, 30 };
		float de = des[t % 3];
		float chroma = t % 3 == 0 ? 1.0f : t % 3 == 1 ? 0.5f
		                                             : (float)g_rand_double_range(rnd, 0, 1);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				bool fast = al__gradient_edge_blend(lab, w, h, x, y, de, chroma, false);
				bool plain = al__gradient_edge_blend(lab, w, h, x, y, de, chroma, true);
				if (fast != plain)
					fail_msg("edge blend at %d,%d of %dx%d (de %g, chroma %g): %d, plain %d",
					         x, y, w, h, de, chroma, fast, plain);
				if (x >= 2 && y >= 2 && x + 2 < w && y + 2 < h) {
					yes += plain;
					no += !plain;
				}
			}
		g_free(lab);
	}
	assert_true(yes > 20000);
	assert_true(no > 20000);
	g_rand_free(rnd);
}

/* The unmixed pass's square dilation by shifted ORs against the running
 * counts along rows then columns: the same 0s and 1s on 600 random masks
 * from 1 x 1 to 70 x 50 (sparse and dense, any non-zero byte), reach 0
 * to 9 (wider than some images) and a few of 120 to 130 (beyond 127 the
 * shifted ORs), and set and unset pixels both common. */
static void test_dilate_reference(void **state)
{
	(void)state;
	GRand *rnd = g_rand_new_with_seed(1611);
	long set = 0, unset = 0;
	for (int t = 0; t < 600; t++) {
		int w = g_rand_int_range(rnd, 1, 71), h = g_rand_int_range(rnd, 1, 51);
		int reach = t % 50 == 49 ? g_rand_int_range(rnd, 120, 131) : g_rand_int_range(rnd, 0, 10);
		int odds = g_rand_int_range(rnd, 2, 200);
		size_t n = (size_t)w * h;
		uint8_t *in = g_new(uint8_t, n), *fast = g_new(uint8_t, n), *plain = g_new(uint8_t, n);
		for (size_t i = 0; i < n; i++)
			in[i] = g_rand_int_range(rnd, 0, odds) == 0 ? (uint8_t)g_rand_int_range(rnd, 1, 256)
			                                              : 0;
		memset(fast, 7, n);
		memset(plain, 9, n);
		assert_true(al__gradient_dilate(in, fast, w, h, reach, false));
		assert_true(al__gradient_dilate(in, plain, w, h, reach, true));
		assert_memory_equal(fast, plain, n);
		for (size_t i = 0; i < n; i++) {
			set += plain[i] == 1;
			unset += plain[i] == 0;
		}
		g_free(in);
		g_free(fast);
		g_free(plain);
	}
	assert_true(set > 100000);
	assert_true(unset > 100000);
	g_rand_free(rnd);
}

/* The unmixed pass passes stretches of uniform 3x3 neighbourhoods
 * without asking, and takes the background-like test once per stretch of
 * background or of one RGBA: on 120 images of thin anti-aliased strokes,
 * discs and gradient bars on a flat background (some translucent, some
 * noisy; one in five with background pixels flipped at random, so that
 * stretches of one RGBA hold both), from 3 x 3 to 90 x 60, the same
 * colours, bit for bit, and the same count as asking every pixel; and
 * pixels do change.  The plane is made
 * only when at least min_changed pixels change: none with one more than
 * changed, the same plane with exactly as many.  Every pixel that changes
 * is a candidate (visible, not flat, not background-like), and with
 * fewer candidates than min_changed none is asked: 0. */
static void test_unmixed_flat_skip(void **state)
{
	(void)state;
	GRand *rnd = g_rand_new_with_seed(1612);
	long changed = 0, made = 0;
	for (int t = 0; t < 120; t++) {
		int w = g_rand_int_range(rnd, 3, 91), h = g_rand_int_range(rnd, 3, 61);
		uint32_t bg = (g_rand_int(rnd) & 0xffffff00u) | 0xffu;
		al_image *img = tu_image_new(w, h, bg);
		for (int k = 0; k < 6; k++) {
			uint32_t c = (g_rand_int(rnd) & 0xffffff00u) |
			             (k == 5 ? (uint32_t)g_rand_int_range(rnd, 100, 256) : 0xffu);
			double cx = g_rand_double_range(rnd, 0, w), cy = g_rand_double_range(rnd, 0, h);
			switch (k % 3) {
			case 0:
				tu_disc(img, cx, cy, g_rand_double_range(rnd, 0.6, 8), c);
				break;
			case 1: /* a thin stroke, anti-aliased by hand */
				for (int x = 0; x < w; x++) {
					double yc = cy + (x - cx) * 0.3;
					for (int y = MAX(0, (int)yc - 2); y <= MIN(h - 1, (int)yc + 2); y++) {
						double cover = CLAMP(1.2 - fabs(y - yc), 0, 1);
						uint8_t *p = img->rgba + ((size_t)y * w + x) * 4;
						for (int ch = 0; ch < 3; ch++)
							p[ch] = (uint8_t)lround(p[ch] * (1 - cover) +
							                        ((c >> (24 - 8 * ch)) & 255) * cover);
					}
				}
				break;
			default: /* a gradient bar */
				for (int x = (int)cx; x < MIN(w, (int)cx + 12); x++)
					tu_fill(img, x, (int)cy, 1, 3,
					        (c & 0xff0000ffu) | (uint32_t)(x * 9 & 255) << 8);
				break;
			}
		}
		if (t % 4 == 3) /* noise over everything */
			for (size_t i = 0; i < (size_t)w * h * 4; i++)
				if (i % 4 < 3 && g_rand_int_range(rnd, 0, 3) == 0)
					img->rgba[i] = (uint8_t)CLAMP(img->rgba[i] + g_rand_int_range(rnd, -3, 4), 0, 255);
		al_options *o = al_options_new();
		al_measure m;
		assert_int_equal(al_measure_compute(&m, img, o), AL_OK);
		if (t % 5 == 4) /* background pixels amid stretches of one RGBA, and back */
			for (size_t i = 0; i < (size_t)w * h; i++)
				if (g_rand_int_range(rnd, 0, 6) == 0)
					m.bgmask[i] = !m.bgmask[i];
		size_t n = (size_t)w * h * 3;
		float *fast = g_new(float, n), *plain = g_new(float, n);
		int reach = g_rand_int_range(rnd, 1, 4);
		long cand = -1, cand_plain = -1;
		long a = al__gradient_unmixed(&m, 8, 0.95, reach, false, 0, fast, &cand);
		long b = al__gradient_unmixed(&m, 8, 0.95, reach, true, 0, plain, &cand_plain);
		assert_true(a >= 0);
		assert_int_equal(a, b);
		assert_memory_equal(fast, plain, n * sizeof *fast);
		assert_true(cand >= a && cand_plain >= cand);
		changed += a;
		/* the plane only when at least min_changed pixels change (the
		 * count, or 0 when the candidates are fewer: none asked); with
		 * the least, the same plane */
		memset(plain, 0xff, n * sizeof *plain);
		assert_int_equal(al__gradient_unmixed(&m, 8, 0.95, reach, false, a + 1, plain, NULL),
		                 cand < a + 1 ? 0 : a);
		assert_int_equal(al__gradient_unmixed(&m, 8, 0.95, reach, false, cand + 1, plain, NULL),
		                 0);
		if (a > 0) {
			for (size_t i = 0; i < n; i++)
				assert_true(isnan(plain[i]));
			assert_int_equal(al__gradient_unmixed(&m, 8, 0.95, reach, false, a, plain, NULL), a);
			assert_memory_equal(fast, plain, n * sizeof *fast);
			made++;
		}
		g_free(fast);
		g_free(plain);
		al_measure_clear(&m);
		al_options_free(o);
		tu_image_free(img);
	}
	assert_true(changed > 500);
	assert_true(made > 20);
	g_rand_free(rnd);
}

/* al_masked_mean()'s grid test from the floats' bits against the double
 * arithmetic, for q from -19 to 43: random bit patterns, Lab-like values,
 * +-0, 256 and the floats around it, infinities, NaN, denormals, and
 * floats at exponents around 150 - q with the low mantissa bits set or
 * not: the same answer, on and off the grid both common. */
static void test_mean_grid_reference(void **state)
{
	(void)state;
	GRand *rnd = g_rand_new_with_seed(1613);
	static const int qs[] = { -19, 0, 14, 15, 20, 34, 38, 43 };
	long on = 0, off = 0;
	for (size_t qi = 0; qi < G_N_ELEMENTS(qs); qi++) {
		int q = qs[qi];
		for (int t = 0; t < 40000; t++) {
			float v[3];
			for (int c = 0; c < 3; c++) {
				uint32_t u;
				switch (g_rand_int_range(rnd, 0, 6)) {
				case 0:
					u = g_rand_int(rnd);
					break;
				case 1: {
					float f = (float)g_rand_double_range(rnd, -128, 128);
					memcpy(&u, &f, 4);
					break;
				}
				case 2: {
					static const uint32_t odd[] = { 0, 0x80000000u, 0x43800000u, 0x437fffffu,
					                                0xc3800000u, 0xc37fffffu, 0x7f800000u,
					                                0xff800000u, 0x7fc00000u, 0x00000001u,
					                                0x807fffffu, 0x00400000u };
					u = odd[g_rand_int_range(rnd, 0, G_N_ELEMENTS(odd))];
					break;
				}
				default: { /* around the exponent 150 - q */
					int e = CLAMP(150 - q + g_rand_int_range(rnd, -3, 4), 0, 254);
					uint32_t mant = g_rand_int(rnd) & 0x7fffffu;
					if (g_rand_boolean(rnd))
						mant &= ~0u << g_rand_int_range(rnd, 0, 24);
					u = (uint32_t)e << 23 | mant | (g_rand_boolean(rnd) ? 0x80000000u : 0);
					break;
				}
				}
				memcpy(&v[c], &u, 4);
			}
			bool fast = al__mean_on_grid(v, q, false), plain = al__mean_on_grid(v, q, true);
			if (fast != plain)
				fail_msg("q %d: %a %a %a: %d, plain %d", q, v[0], v[1], v[2], fast, plain);
			on += plain;
			off += !plain;
		}
	}
	assert_true(on > 20000);
	assert_true(off > 20000);
	g_rand_free(rnd);
}

/* The plain labelling: a union-find over every pair of visible
 * 4-neighbours, each tested on its own as al_regions_similar() defines
 * it (equal colours, a step below @step, or below @ramp_de on a steady
 * ramp). */
static int plain_find(int *parent, int i)
{
	while (parent[i] != i)
		i = parent[i] = parent[parent[i]];
	return i;
}

static bool plain_join(const float *lab, const int *vis, int i, int j, int d, bool ho, bool hr,
                       float step, float ramp_de)
{
	if (step > 0 && memcmp(lab + i * 3, lab + j * 3, 3 * sizeof *lab) == 0)
		return true;
	float s[3], s2 = 0;
	for (int c = 0; c < 3; c++) {
		s[c] = lab[j * 3 + c] - lab[i * 3 + c];
		s2 += s[c] * s[c];
	}
	if (s2 < step * step)
		return true;
	if (!(s2 < ramp_de * ramp_de) || !ho || !hr || !vis[i - d] || !vis[j + d])
		return false;
	float e0 = 0, e1 = 0;
	for (int c = 0; c < 3; c++) {
		float a = (lab[i * 3 + c] - lab[(i - d) * 3 + c]) - s[c];
		float b = (lab[(j + d) * 3 + c] - lab[j * 3 + c]) - s[c];
		e0 += a * a;
		e1 += b * b;
	}
	return e0 < 0.25f * s2 && e1 < 0.25f * s2;
}

static int plain_regions(int w, int h, const float *lab, const int *vis, float step,
                         float ramp_de, int *labels)
{
	int n = w * h, *parent = g_new(int, n), count = 0;
	for (int i = 0; i < n; i++)
		parent[i] = i;
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++)
			for (int k = 0; k < 2; k++) {
				int i = y * w + x, d = k == 0 ? 1 : w, j = i + d;
				if (!vis[i] || (k == 0 ? x + 1 >= w : y + 1 >= h) || !vis[j] ||
				    !plain_join(lab, vis, i, j, d, k == 0 ? x > 0 : y > 0,
				                k == 0 ? x + 2 < w : y + 2 < h, step, ramp_de))
					continue;
				int a = plain_find(parent, i), b = plain_find(parent, j);
				parent[MAX(a, b)] = MIN(a, b);
			}
	for (int i = 0; i < n; i++) {
		int r = plain_find(parent, i);
		labels[i] = !vis[i] ? -1 : r == i ? count++ : labels[r];
	}
	g_free(parent);
	return count;
}

/* al_regions_similar()'s four steps at a time (steps4_below()) against
 * the plain labelling, on rows whose steps hover around @step: each
 * channel's step a random share of it (so the squared step lands on both
 * sides of step^2, and on it), stretches of one colour, NaN and infinite
 * colours (equal ones join, others never), hidden pixels, ramps on and
 * off, widths 1 .. 45 (every offset of the four steps, the row's end). */
static void test_similar_steps4_reference(void **state)
{
	(void)state;
	GRand *rnd = g_rand_new_with_seed(1614);
	long joined = 0, apart = 0;
	for (int t = 0; t < 1500; t++) {
		int w = g_rand_int_range(rnd, 1, 46), h = g_rand_int_range(rnd, 1, 6), n = w * h;
		float step = t % 5 == 0 ? 1.0f : (float)g_rand_double_range(rnd, 0.5, 12);
		float ramp_de = t % 2 ? 0 : 3 * step;
		float *lab = g_new(float, (size_t)n * 3);
		uint8_t *rgba = g_new0(uint8_t, (size_t)n * 4);
		int *vis = g_new(int, n), *got = g_new(int, n), *want = g_new(int, n);
		for (int i = 0; i < n; i++) {
			float *o = lab + (size_t)i * 3;
			int pick = g_rand_int_range(rnd, 0, 10);
			for (int c = 0; c < 3; c++) {
				float prev = i % w ? o[c - 3] : 50.0f;
				float share = (float)g_rand_double_range(rnd, -0.8, 0.8);
				o[c] = pick < 3 ? prev
				     : pick == 3 ? prev + (float)(t % 2 ? 1 : -1) * step / sqrtf(3.0f)
				     : pick == 9 && g_rand_int_range(rnd, 0, 20) == 0
				                 ? (g_rand_boolean(rnd) ? NAN : INFINITY)
				                 : prev + share * step;
			}
			vis[i] = g_rand_int_range(rnd, 0, 25) != 0;
			rgba[(size_t)i * 4 + 3] = vis[i] ? 255 : 0;
		}
		al_measure m = { .width = w, .height = h, .rgba = rgba };
		int nw = plain_regions(w, h, lab, vis, step, ramp_de, want);
		int ng = al_regions_similar(&m, lab, NULL, step, ramp_de, got);
		assert_int_equal(ng, nw);
		assert_memory_equal(got, want, (size_t)n * sizeof *got);
		for (int i = 0; i + 1 < n; i++)
			if ((i + 1) % w && vis[i] && vis[i + 1]) {
				joined += got[i] == got[i + 1];
				apart += got[i] != got[i + 1];
			}
		g_free(lab);
		g_free(rgba);
		g_free(vis);
		g_free(got);
		g_free(want);
	}
	assert_true(joined > 10000);
	assert_true(apart > 3000);
	g_rand_free(rnd);
}

/* al_lab_widen() (a pixel's three channels widening the least and the
 * largest so far at once) against MIN and MAX channel by channel, bit for
 * bit, over 3,000 sequences of 1 .. 40 pixels holding NaN, -0.0 and +0.0
 * (whose order decides which zero is kept), infinities and ordinary
 * values, from starting bounds of either kind. */
static void test_lab_widen_reference(void **state)
{
	(void)state;
#ifdef __SSE2__
	GRand *rnd = g_rand_new_with_seed(1615);
	static const float odd[] = { NAN, -0.0f, 0.0f, INFINITY, -INFINITY, 1e-40f, 5.5f };
	long moved = 0;
	for (int t = 0; t < 3000; t++) {
		int n = g_rand_int_range(rnd, 1, 41);
		float *px = g_new(float, (size_t)n * 3), lo[3], hi[3];
		for (int c = 0; c < 3; c++) {
			lo[c] = t % 2 ? 1e9f : odd[g_rand_int_range(rnd, 0, 7)];
			hi[c] = t % 2 ? -1e9f : odd[g_rand_int_range(rnd, 0, 7)];
		}
		for (int k = 0; k < n * 3; k++)
			px[k] = g_rand_int_range(rnd, 0, 3) == 0 ? odd[g_rand_int_range(rnd, 0, 7)]
			                                         : (float)g_rand_double_range(rnd, -100, 100);
		__m128 l4 = _mm_setr_ps(lo[0], lo[1], lo[2], 0), h4 = _mm_setr_ps(hi[0], hi[1], hi[2], 0);
		for (int k = 0; k < n; k++) {
			al_lab_widen(&l4, &h4, px + (size_t)k * 3);
			for (int c = 0; c < 3; c++) {
				float was = lo[c];
				lo[c] = MIN(lo[c], px[k * 3 + c]);
				hi[c] = MAX(hi[c], px[k * 3 + c]);
				moved += memcmp(&was, &lo[c], sizeof was) != 0;
			}
		}
		float gl[4], gh[4];
		_mm_storeu_ps(gl, l4);
		_mm_storeu_ps(gh, h4);
		assert_memory_equal(gl, lo, sizeof lo);
		assert_memory_equal(gh, hi, sizeof hi);
		g_free(px);
	}
	assert_true(moved > 10000);
	g_rand_free(rnd);
#else
	skip();
#endif
}

/* The noise test's core pixels (a square of edge_margin px inside the
 * region) by column counts over the row runs, against the row runs with
 * a window of rows and against inside() per pixel: the same pixels and
 * count on 900 random label planes of rectangles and discs (regions that
 * touch the image's rim, boxes of one row or column, rows wider and
 * columns taller than 255 px, where the counts stop), of every pixel of
 * a region or a random subset, margin 0 to 9 and a few of 126 to 130
 * (beyond 127 the runs are not used); both answers common. */
static void test_core_reference(void **state)
{
	(void)state;
	GRand *rnd = g_rand_new_with_seed(1617);
	long in = 0, out = 0;
	for (int t = 0; t < 900; t++) {
		bool wide = t % 10 == 9, tall = t % 10 == 8;
		int w = wide ? g_rand_int_range(rnd, 250, 420) : g_rand_int_range(rnd, 1, 61);
		int h = wide ? g_rand_int_range(rnd, 1, 12) : g_rand_int_range(rnd, 1, 61);
		if (tall) {
			w = g_rand_int_range(rnd, 1, 30);
			h = g_rand_int_range(rnd, 250, 420);
		}
		int margin = t % 30 == 29 ? g_rand_int_range(rnd, 126, 131) : g_rand_int_range(rnd, 0, 10);
		size_t n = (size_t)w * h;
		int *labels = g_new(int, n), *px = g_new(int, n);
		for (size_t i = 0; i < n; i++)
			labels[i] = 0;
		for (int k = 0; k < 5; k++) {
			int l = g_rand_int_range(rnd, -1, 4);
			int cx = g_rand_int_range(rnd, 0, w), cy = g_rand_int_range(rnd, 0, h);
			int rw = g_rand_int_range(rnd, 1, w + 1), rh = g_rand_int_range(rnd, 1, h + 1);
			bool disc = g_rand_boolean(rnd);
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					double dx = (x - cx) / (rw / 2.0 + 0.5), dy = (y - cy) / (rh / 2.0 + 0.5);
					bool on = disc ? dx * dx + dy * dy <= 1
					               : x >= cx - rw / 2 && x <= cx + rw / 2 && y >= cy - rh / 2 &&
					                 y <= cy + rh / 2;
					if (on)
						labels[(size_t)y * w + x] = l;
				}
		}
		int l = labels[g_rand_int_range(rnd, 0, (int)n)];
		int count = 0, x0 = w, y0 = h, x1 = -1, y1 = -1, keep = g_rand_int_range(rnd, 1, 4);
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				if (labels[(size_t)y * w + x] != l)
					continue;
				x0 = MIN(x0, x);
				x1 = MAX(x1, x);
				y0 = MIN(y0, y);
				y1 = MAX(y1, y);
				/* every pixel, or about two in three or one in three */
				if (keep == 1 || g_rand_int_range(rnd, 0, 3) < 3 - keep + 1)
					px[count++] = y * w + x;
			}
		uint8_t *j[3];
		int c[3];
		for (int how = 0; how < 3; how++) {
			j[how] = g_new0(uint8_t, n);
			c[how] = al__gradient_core(labels, w, h, x0, y0, x1, y1, px, count, margin, how,
			                           j[how]);
		}
		assert_int_equal(c[2], c[0]);
		assert_int_equal(c[1], c[0]);
		assert_memory_equal(j[2], j[0], n);
		assert_memory_equal(j[1], j[0], n);
		in += c[0];
		out += count - c[0];
		for (int how = 0; how < 3; how++)
			g_free(j[how]);
		g_free(labels);
		g_free(px);
	}
	assert_true(in > 20000);
	assert_true(out > 20000);
	g_rand_free(rnd);
}

/* al_blend_split() as it was, every pair with its bounds asked in turn:
 * the reference for the pairs sifted four at once. */
static bool blend_split_plain(const float *lab, int w, int h, int x, int y, float edge_de,
                              size_t *a, size_t *b, float *t)
{
	static const int dirs[4][2] = { { 1, 0 }, { 0, 1 }, { 1, 1 }, { 1, -1 } };
	const float *p = lab + ((size_t)y * w + x) * 3;
	for (int k = 0; k < 4; k++) {
		int ax = x - dirs[k][0], ay = y - dirs[k][1];
		int bx = x + dirs[k][0], by = y + dirs[k][1];
		if (ax < 0 || ay < 0 || bx < 0 || by < 0 || ax >= w || bx >= w || ay >= h || by >= h)
			continue;
		size_t ia = (size_t)ay * w + ax, ib = (size_t)by * w + bx;
		if (al_blend_pair(p, lab + ia * 3, lab + ib * 3, edge_de, t)) {
			*a = ia;
			*b = ib;
			return true;
		}
	}
	return false;
}

/* al_blend_pairs_far() against al_blend_pair()'s first test pair by pair
 * (random colours, NaN, infinities, -0.0, huge values that square to
 * infinity, equal pairs, chroma 1 and not), bit for bit; and
 * al_blend_split(), which sifts with it inside the image, against the
 * plain version at every pixel of 300 random planes from 1 x 1 to 40 x 40
 * (the same answer, pair and position t); both answers common. */
static void test_blend_pairs_reference(void **state)
{
	(void)state;
	GRand *rnd = g_rand_new_with_seed(1618);
	static const float odd[] = { NAN, INFINITY, -INFINITY, -0.0f, 0.0f, 3e19f, -3e19f, 1e-40f };
	long near = 0, far = 0;
	for (int t = 0; t < 20000; t++) {
		/* a 5 x 3 patch of pixels, p in the middle: the pairs' ends */
		float patch[16 * 3 + 1];
		for (int i = 0; i < 16 * 3 + 1; i++)
			patch[i] = g_rand_int_range(rnd, 0, 12) == 0 ? odd[g_rand_int_range(rnd, 0, 8)]
			           : i >= 3 && g_rand_int_range(rnd, 0, 4) == 0 ? patch[i - 3]
			                                                         : (float)g_rand_double_range(rnd, -60, 60);
		const ptrdiff_t row = 5 * 3, off[4] = { 3, row, row + 3, 3 - row };
		const float *p = patch + row + 2 * 3;
		float chroma = t % 2 ? 1.0f : (float)g_rand_double_range(rnd, 0, 1.5);
		float de = (float)g_rand_double_range(rnd, 0, t % 3 ? 40 : 250), e2 = de * de;
		float d2[4];
		for (int k = 0; k < 4; k++) {
			const float *a = p - off[k], *b = p + off[k];
			float aw[3] = { a[0], chroma * a[1], chroma * a[2] };
			float bw[3] = { b[0], chroma * b[1], chroma * b[2] };
			float ab0 = bw[0] - aw[0], ab1 = bw[1] - aw[1], ab2 = bw[2] - aw[2];
			d2[k] = ab0 * ab0 + ab1 * ab1 + ab2 * ab2;
		}
		/* a third of the time the limit is one pair's own squared
		 * length: the rounding of each sum then decides */
		if (t % 3 == 1)
			e2 = d2[g_rand_int_range(rnd, 0, 4)];
		unsigned bits = al_blend_pairs_far(p, off, chroma, e2);
		for (int k = 0; k < 4; k++) {
			bool want = !(d2[k] <= e2);
			assert_int_equal((bits >> k) & 1u, want);
			far += want;
			near += !want;
		}
	}
	assert_true(near > 10000);
	assert_true(far > 10000);
	long yes = 0, no = 0;
	for (int t = 0; t < 300; t++) {
		int w = g_rand_int_range(rnd, 1, 41), h = g_rand_int_range(rnd, 1, 41);
		float *lab = random_plane(rnd, w, h);
		static const float des[] = { 2, 8, 30 };
		float de = des[t % 3];
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) {
				size_t fa = 7, fb = 7, pa = 7, pb = 7;
				float ft = -1, pt = -1;
				bool fast = al_blend_split(lab, w, h, x, y, de, &fa, &fb, &ft);
				bool plain = blend_split_plain(lab, w, h, x, y, de, &pa, &pb, &pt);
				if (fast != plain || fa != pa || fb != pb || memcmp(&ft, &pt, sizeof ft))
					fail_msg("blend split at %d,%d of %dx%d (de %g): %d, plain %d",
					         x, y, w, h, de, fast, plain);
				yes += plain;
				no += !plain;
			}
		g_free(lab);
	}
	assert_true(yes > 20000);
	assert_true(no > 20000);
	g_rand_free(rnd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_edge_blend_reference),
		cmocka_unit_test(test_dilate_reference),
		cmocka_unit_test(test_unmixed_flat_skip),
		cmocka_unit_test(test_mean_grid_reference),
		cmocka_unit_test(test_similar_steps4_reference),
		cmocka_unit_test(test_lab_widen_reference),
		cmocka_unit_test(test_core_reference),
		cmocka_unit_test(test_blend_pairs_reference),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
