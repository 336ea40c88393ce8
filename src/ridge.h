/* Ridge pixels of a chessboard distance image, a span of a row at a time
 * (the text rule's stroke width, rules/text.c measure_box()).
 *
 * A pixel of distance v > 0 is a ridge pixel when none of its eight
 * neighbours lies deeper (has a distance above v).  A letter's ridge values
 * give its stroke width; the plates and badges that the text rule also
 * measures are mostly interior, where no pixel is a ridge but every pixel
 * used to cost eight compares.  Eight pixels are tested at once here
 * (SSE2: a neighbour n is not above v when the saturated n - v is 0), and
 * only the ridge pixels are visited one by one.  The sums are of integers,
 * so any order gives the same totals: exactly what adding v and v * v to
 * doubles pixel by pixel gave (they stay far below 2^53). */
#ifndef AL_RIDGE_H
#define AL_RIDGE_H

#include <stddef.h>
#include <stdint.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

typedef struct {
	uint64_t n;              /* ridge pixels */
	uint64_t sum;            /* their distances */
	uint64_t sq;             /* their squared distances */
} al_ridge_sums;

static inline void al_ridge_add(al_ridge_sums *r, unsigned v)
{
	r->n++;
	r->sum += v;
	r->sq += (uint64_t)v * v;
}

/* Pixels @x0..@x1 - 1 of the distance row @d, whose neighbours (x0 - 1 ..
 * x1, the rows @S before and after) are readable: adds the ridge pixels to
 * @r and returns how many of the pixels are nonzero. */
static inline int al_ridge_span(const uint16_t *d, ptrdiff_t S, int x0, int x1,
                                al_ridge_sums *r)
{
	int count = 0, x = x0;
#ifdef __SSE2__
	const __m128i zero = _mm_setzero_si128();
	for (; x + 8 <= x1; x += 8) {
		const uint16_t *p = d + x;
#define AL_LD(o) _mm_loadu_si128((const __m128i *)(const void *)(p + (o)))
		__m128i v = AL_LD(0);
		__m128i up = _mm_or_si128(_mm_or_si128(_mm_subs_epu16(AL_LD(-S - 1), v),
		                                       _mm_subs_epu16(AL_LD(-S), v)),
		                          _mm_subs_epu16(AL_LD(-S + 1), v));
		__m128i mid = _mm_or_si128(_mm_subs_epu16(AL_LD(-1), v),
		                           _mm_subs_epu16(AL_LD(1), v));
		__m128i dn = _mm_or_si128(_mm_or_si128(_mm_subs_epu16(AL_LD(S - 1), v),
		                                       _mm_subs_epu16(AL_LD(S), v)),
		                          _mm_subs_epu16(AL_LD(S + 1), v));
#undef AL_LD
		unsigned empty = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi16(v, zero));
		unsigned low = (unsigned)_mm_movemask_epi8(
			_mm_cmpeq_epi16(_mm_or_si128(_mm_or_si128(up, mid), dn), zero));
		count += 8 - __builtin_popcount(empty) / 2;
		/* two mask bits a pixel: keep the low one */
		for (unsigned ridge = low & ~empty & 0x5555u; ridge; ridge &= ridge - 1)
			al_ridge_add(r, p[__builtin_ctz(ridge) / 2]);
	}
#endif
	for (; x < x1; x++) {
		const uint16_t *p = d + x;
		unsigned v = *p;
		if (!v)
			continue;
		count++;
		if (p[-S - 1] <= v && p[-S] <= v && p[-S + 1] <= v && p[-1] <= v &&
		    p[1] <= v && p[S - 1] <= v && p[S] <= v && p[S + 1] <= v)
			al_ridge_add(r, v);
	}
	return count;
}

#endif
