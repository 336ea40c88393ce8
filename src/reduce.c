/*
 * Area-average reduction while decoding: a large image is summed into one
 * cell per k x k box as its rows arrive, so only the reduced image (and
 * its sums) ever exists.  The reduced image is what content rules see when
 * a file is far larger than its role; header rules keep the true size.
 */
#include <math.h>
#include <string.h>
#include "decode.h"

int al__reduce_dim(int n, int k)
{
	return k > 0 ? (int)(((int64_t)n + k - 1) / k) : n;
}

int al__reduce_factor(int w, int h, size_t max_px)
{
	int k = 1;

	if (w <= 0 || h <= 0 || max_px == 0 || (uint64_t)w * (uint64_t)h <= max_px)
		goto out;
	/* sqrt gives a k at or just below the answer; the rounding up of
	 * both sides decides the rest */
	k = MAX(1, (int)floor(sqrt((double)w * h / (double)max_px)));
	while (k < AL_REDUCE_MAX_K &&
	       (uint64_t)al__reduce_dim(w, k) * (uint64_t)al__reduce_dim(h, k) > max_px)
		k++;
	k = MIN(k, AL_REDUCE_MAX_K);
out:
	return k;
}

al_status al__reduce_init(al_reducer *r, int w, int h, int k, bool plain)
{
	al_status st = AL_ERR_NOMEM;

	memset(r, 0, sizeof *r);
	if (w <= 0 || h <= 0 || k < 1 || k > AL_REDUCE_MAX_K)
		goto out;
	r->sw = w;
	r->sh = h;
	r->k = k;
	r->ow = al__reduce_dim(w, k);
	r->oh = al__reduce_dim(h, k);
	r->plain = plain;
	if (!al__rgba_size(r->ow, r->oh))
		goto out;
	r->acc = al_try_new0(uint32_t, (size_t)r->ow * r->oh * 4);
	if (r->acc)
		st = AL_OK;
out:
	return st;
}

#ifdef __SSE2__
#include <emmintrin.h>

/* Two RGBA pixels in 16-bit lanes, each channel times the weight (a, a,
 * a, 1): (r a, g a, b a, a) twice.  A product is at most 255 x 255 <
 * 2^16, so the low 16 bits _mm_mullo_epi16 keeps are the whole product. */
static inline __m128i weigh2(__m128i x)
{
	const __m128i rgb = _mm_set_epi16(0, -1, -1, -1, 0, -1, -1, -1);
	const __m128i one = _mm_set_epi16(1, 0, 0, 0, 1, 0, 0, 0);
	__m128i a = _mm_shufflehi_epi16(_mm_shufflelo_epi16(x, 0xFF), 0xFF);
	return _mm_mullo_epi16(x, _mm_or_si128(_mm_and_si128(a, rgb), one));
}

/* The two pixels of weigh2()'s @p added, as four 32-bit lanes. */
static inline __m128i pair_sum(__m128i p)
{
	const __m128i zero = _mm_setzero_si128();
	return _mm_add_epi32(_mm_unpacklo_epi16(p, zero), _mm_unpackhi_epi16(p, zero));
}

/* The weighted sums (r a, g a, b a, a) of the @m RGBA pixels at @px, as
 * four 32-bit lanes: two pixels at a time. */
static inline __m128i weighted_sums(const uint8_t *px, int m)
{
	const __m128i zero = _mm_setzero_si128();
	__m128i s = zero;
	for (int j = 0; j < m; j += 2, px += 8) {
		__m128i x;
		if (j + 2 <= m) {
			x = _mm_loadl_epi64((const __m128i *)(const void *)px);
		} else {
			uint32_t v;
			memcpy(&v, px, 4);
			x = _mm_cvtsi32_si128((int)v);   /* the second pixel: 0 */
		}
		s = _mm_add_epi32(s, pair_sum(weigh2(_mm_unpacklo_epi8(x, zero))));
	}
	return s;
}
#endif

/* Adds the @n pixels @px of a row, from column @x (dx 1), alpha-weighted,
 * to the sums @line of their cells: cell by cell, each cell's pixels
 * summed apart and added once.  Integer sums, within 32 bits (see
 * al_reducer): the same totals as adding pixel by pixel, in any order. */
static void reduce_run(uint32_t *line, int k, int x, const uint8_t *px, int n)
{
	/* the first cell may be entered part of the way; the others whole */
	uint32_t *a = line + (size_t)(x / k) * 4;
	int m = MIN(n, k - x % k);
#ifdef __SSE2__
	/* boxes of 2 (the most common reduction) entered whole: four pixels,
	 * two cells, from one load */
	if (k == 2 && m == 2) {
		const __m128i zero = _mm_setzero_si128();
		for (; n >= 4; n -= 4, px += 16, a += 8) {
			__m128i v = _mm_loadu_si128((const __m128i *)(const void *)px);
			__m128i *a0 = (__m128i *)(void *)a, *a1 = (__m128i *)(void *)(a + 4);
			_mm_storeu_si128(a0, _mm_add_epi32(_mm_loadu_si128(a0),
			                                   pair_sum(weigh2(_mm_unpacklo_epi8(v, zero)))));
			_mm_storeu_si128(a1, _mm_add_epi32(_mm_loadu_si128(a1),
			                                   pair_sum(weigh2(_mm_unpackhi_epi8(v, zero)))));
		}
		m = MIN(n, k);
	}
#endif
	for (; n > 0; a += 4, n -= m, m = MIN(n, k)) {
#ifdef __SSE2__
		__m128i acc = _mm_loadu_si128((const __m128i *)(const void *)a);
		acc = _mm_add_epi32(acc, weighted_sums(px, m));
		_mm_storeu_si128((__m128i *)(void *)a, acc);
		px += (size_t)m * 4;
#else
		for (int j = 0; j < m; j++, px += 4) {
			uint32_t al = px[3];
			a[0] += px[0] * al;
			a[1] += px[1] * al;
			a[2] += px[2] * al;
			a[3] += al;
		}
#endif
	}
}

void al__reduce_row(al_reducer *r, int y, int x0, int dx, const uint8_t *px, int n)
{
	uint32_t *line;

	if (y < 0 || y >= r->sh || x0 < 0 || dx < 1)
		return;
	line = r->acc + (size_t)(y / r->k) * r->ow * 4;
	/* a whole row, or part of one (most decodes): by cells */
	if (dx == 1 && !r->plain && x0 < r->sw) {
		reduce_run(line, r->k, x0, px, MIN(n, r->sw - x0));
		return;
	}
	for (int i = 0, x = x0; i < n && x < r->sw; i++, x += dx, px += 4) {
		uint32_t *a = line + (size_t)(x / r->k) * 4;
		if (r->plain) {
			a[0] += px[0];
			a[1] += px[1];
			a[2] += px[2];
			a[3] += px[3];
		} else {
			uint32_t al = px[3];
			a[0] += px[0] * al;
			a[1] += px[1] * al;
			a[2] += px[2] * al;
			a[3] += al;
		}
	}
}

uint8_t *al__reduce_finish(const al_reducer *r)
{
	uint8_t *out = r->acc ? al_try_malloc_n((size_t)r->ow * r->oh, 4) : NULL;

	for (int cy = 0; out && cy < r->oh; cy++) {
		/* boxes on the right and bottom edges may be partial */
		uint32_t rows = (uint32_t)MIN(r->k, r->sh - cy * r->k);
		for (int cx = 0; cx < r->ow; cx++) {
			size_t i = ((size_t)cy * r->ow + cx) * 4;
			const uint32_t *a = r->acc + i;
			uint32_t n = rows * (uint32_t)MIN(r->k, r->sw - cx * r->k);
			uint8_t *o = out + i;
			if (r->plain) {
				for (int c = 0; c < 4; c++)
					o[c] = (uint8_t)((a[c] + n / 2) / n);
			} else {
				/* a colour sum is at most 255 al, al at most
				 * 255 k^2 (k <= AL_REDUCE_MAX_K): a[c] + al / 2
				 * stays below 2^32, so the quotient in 32 bits is
				 * the 64-bit one */
				uint32_t al = a[3];
				for (int c = 0; c < 3; c++)
					o[c] = al ? (uint8_t)((a[c] + al / 2) / al) : 0;
				o[3] = (uint8_t)((al + n / 2) / n);
			}
		}
	}
	return out;
}

void al__reduce_clear(al_reducer *r)
{
	g_free(r->acc);
	r->acc = NULL;
}
