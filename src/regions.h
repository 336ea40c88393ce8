/* Connected regions of an image, shared by the content rules (gradient,
 * palette, text).  Not installed. */
#ifndef AL_REGIONS_H
#define AL_REGIONS_H

#include <math.h>
#include <stddef.h>
#include <string.h>
#include "al_internal.h"
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* AL_CLONES before a function: built twice, for AVX2 and for the
 * baseline x86-64, the one the processor runs chosen once at load (an
 * ifunc): its vectorised loops (and those of what it inlines) take eight
 * floats or 32 bytes at a time.  The same IEEE operations in the same
 * order -- ISO C mode (-std=c11) contracts nothing into FMA, and AVX2
 * brings none -- so the same bits; test_regions.c runs the clone the
 * machine picks against pixel-by-pixel references.  GCC only, and not
 * in sanitizer builds.  Static functions only: GCC exports the clones
 * and resolver of an extern one from the shared library whatever its
 * visibility, so a public function calls a static clone. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(__SANITIZE_ADDRESS__)
#define AL_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define AL_CLONES
#endif

/* Labels the visible pixels (alpha >= 128) of @m, or the pixels set in
 * @only when it is not NULL, into regions of 4-connected
 * neighbours whose CIE76 distance in @lab (w*h*3) is below @step.  With
 * @ramp_de > 0, two neighbours p, q = p + d further apart (but closer than
 * @ramp_de) also join when they lie on a steady ramp: the steps o -> p and
 * q -> r (o = p - d, r = q + d, both visible) each differ from the step
 * p -> q by less than half of it.  A steep gradient across a small logo
 * changes more than @step per pixel but steadily; an edge (hard,
 * anti-aliased or blurred) starts and ends with a flat step, so its
 * outermost pixels never join.  Writes labels 0..n-1 into @labels (w*h;
 * -1 for the others), caller-owned.  Returns n, or -1 when there is no
 * memory for the work buffer (input-sized). */
int al_regions_similar(const al_measure *m, const float *lab, const uint8_t *only,
                       float step, float ramp_de, int *labels);

/* al_regions_similar(m, blur, NULL, step, ramp_de, labels), the same
 * labels, where @blur is al_lab_blur3() of m->lab (m->lab a function of
 * the RGBA, as al_measure_compute() makes it) and @flat is al_flat3() of
 * @m.  Where two neighbours x, x + 1 of a row both have a uniform 3x3
 * neighbourhood and neither is in the first or last column, their
 * blurred colours are the same row sums of the same float (the colour of
 * both neighbourhoods) taken the same way, so equal to the bit: a step
 * of 0, which joins under any @step > 0.  Such steps are taken from the
 * flat bytes, sixteen at a time, without reading @blur (89 % of the
 * pixels of marketplace images have a uniform neighbourhood).  In the
 * side columns the blur takes the mean of 2, not 3, which may differ
 * from the mean of 3 in the last bit: those steps are tested. */
int al_regions_similar_blur(const al_measure *m, const float *blur, const uint8_t *flat,
                            float step, float ramp_de, int *labels);

/* The runs of one label along the rows of a label plane: row y's runs
 * are run[row[y]] .. run[row[y + 1] - 1], left to right, each maximal (its
 * neighbours along the row have other labels), its columns x0 .. x1
 * (inclusive); pixels labelled -1 are in none.  The runs a pass over
 * labels would find with al_label_run_end(), without reading the plane.
 * Freed with al_label_runs_clear(). */
typedef struct {
	int x0, x1, label;
} al_label_run;
typedef struct {
	al_label_run *run;
	int *row; /* h + 1 */
} al_label_runs;

/* al_regions_similar() and al_regions_similar_blur(), which also hand out
 * the labels' runs in *@runs (the runs the labelling joined, one label's
 * touching runs merged), NULL in both fields when they return -1. */
int al_regions_similar_runs(const al_measure *m, const float *lab, const uint8_t *only,
                            float step, float ramp_de, int *labels, al_label_runs *runs);
int al_regions_similar_blur_runs(const al_measure *m, const float *blur, const uint8_t *flat,
                                 float step, float ramp_de, int *labels, al_label_runs *runs);
void al_label_runs_clear(al_label_runs *runs);

/* Labels 8-connected components of @mask (w*h, non-zero = set) into
 * @labels (caller-owned, -1 where unset), in the order of their first pixel.
 * When @boxes is non-NULL it receives the components' bounding boxes, by
 * label, in a new array the caller frees with g_free().  Returns the count. */
int al_regions_mask(const uint8_t *mask, int w, int h, int *labels,
                    al_region **boxes);

/* al_regions_mask() without the label plane: the components' runs into
 * *@runs (each row's maximal runs of set pixels, left to right, with the
 * label al_regions_mask() gives their pixels; freed with
 * al_label_runs_clear()), the boxes and the count as there.  A pass that
 * visits a component's pixels goes by its runs and reads no plane. */
int al_regions_mask_runs(const uint8_t *mask, int w, int h, al_label_runs *runs,
                         al_region **boxes);

/* The first set byte of @mask[x .. w), or w: most of a sparse mask is
 * unset, so 32 bytes at a time while all are 0, then 16 (SSE2: the first
 * set one from the comparison's bit mask), then one by one. */
static inline int al_next_set(const uint8_t *mask, int x, int w)
{
#ifdef __SSE2__
	const __m128i zero = _mm_setzero_si128();
	for (; x + 32 <= w; x += 32) {
		__m128i v = _mm_or_si128(_mm_loadu_si128((const __m128i *)(const void *)(mask + x)),
		                         _mm_loadu_si128((const __m128i *)(const void *)(mask + x + 16)));
		if (_mm_movemask_epi8(_mm_cmpeq_epi8(v, zero)) != 0xffff)
			break;
	}
	for (; x + 16 <= w; x += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(mask + x));
		unsigned unset = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, zero));
		if (unset != 0xffffu)
			return x + __builtin_ctz(~unset);
	}
#endif
	while (x < w && !mask[x])
		x++;
	return x;
}

/* The first unset byte of @mask[x .. w), or w: 16 bytes at a time (a
 * dense mask is set), then one by one. */
static inline int al_next_unset(const uint8_t *mask, int x, int w)
{
#ifdef __SSE2__
	const __m128i zero = _mm_setzero_si128();
	for (; x + 16 <= w; x += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(mask + x));
		unsigned unset = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, zero));
		if (unset)
			return x + __builtin_ctz(unset);
	}
#endif
	while (x < w && mask[x])
		x++;
	return x;
}

/* The label plane (w*h, caller-owned) of the runs of one label @runs
 * (h rows, each left to right): a run's label over its columns, -1
 * between them. */
void al_label_runs_paint(const al_label_runs *runs, int w, int h, int *labels);
/* ... its rows [@y0, @y1) only (of the w*h plane @labels), the others
 * untouched: for a reader of a few boxes of a large plane. */
void al_label_runs_paint_rows(const al_label_runs *runs, int w, int y0, int y1, int *labels);

/* Are the four pixels after @a (a Lab pixel of an interleaved row, with
 * four more after it) each the colour of the one before, to the bit:
 * pixels 0 .. 3 against 1 .. 4, 48 bytes against the same 48 bytes one
 * pixel on?  A run of one colour can then be taken four pixels at a time
 * where a per-pixel step (a minimum, a join of equal colours) would
 * change nothing. */
typedef uint32_t al_u32x4 __attribute__((vector_size(16)));
static inline bool al_lab_same_next4(const float *a)
{
#ifdef __SSE2__
	/* SSE2: lane-wise equality and one bit mask, not a horizontal OR */
	const __m128i *p = (const __m128i *)(const void *)a;
	const __m128i *q = (const __m128i *)(const void *)(a + 3);
	__m128i e0 = _mm_cmpeq_epi32(_mm_loadu_si128(p), _mm_loadu_si128(q));
	__m128i e1 = _mm_cmpeq_epi32(_mm_loadu_si128((const __m128i *)(const void *)(a + 4)),
	                             _mm_loadu_si128((const __m128i *)(const void *)(a + 7)));
	__m128i e2 = _mm_cmpeq_epi32(_mm_loadu_si128((const __m128i *)(const void *)(a + 8)),
	                             _mm_loadu_si128((const __m128i *)(const void *)(a + 11)));
	return _mm_movemask_epi8(_mm_and_si128(_mm_and_si128(e0, e1), e2)) == 0xffff;
#else
	al_u32x4 u0, u1, u2, v0, v1, v2;
	__builtin_memcpy(&u0, a, 16);
	__builtin_memcpy(&u1, a + 4, 16);
	__builtin_memcpy(&u2, a + 8, 16);
	__builtin_memcpy(&v0, a + 3, 16);
	__builtin_memcpy(&v1, a + 7, 16);
	__builtin_memcpy(&v2, a + 11, 16);
	al_u32x4 d = (u0 ^ v0) | (u1 ^ v1) | (u2 ^ v2);
	return (d[0] | d[1] | d[2] | d[3]) == 0;
#endif
}

/* The least and the largest value of each channel so far, @lo and @hi
 * (lanes 0-2; lane 3 unused), widened by the Lab pixel @p: what lo[k] =
 * MIN(lo[k], p[k]) and hi[k] = MAX(hi[k], p[k]) give for k = 0 .. 2, to
 * the bit.  MIN(a, b) is a < b ? a : b, and so is _mm_min_ps(a, b) lane
 * by lane (with a NaN or two zeros, both give b); MAX and _mm_max_ps
 * alike.  The three floats are read alone (no byte past them). */
#ifdef __SSE2__
static inline void al_lab_widen(__m128 *lo, __m128 *hi, const float *p)
{
	__m128 xy = _mm_castsi128_ps(_mm_loadl_epi64((const __m128i *)(const void *)p));
	__m128 v = _mm_movelh_ps(xy, _mm_load_ss(p + 2));
	*lo = _mm_min_ps(*lo, v);
	*hi = _mm_max_ps(*hi, v);
}
#endif

/* The end (one past the last) of the run of equal labels that starts at
 * @x in @row (of @w labels): eight labels at a time while all are equal
 * (SSE2: two comparisons ANDed, one bit mask), then four at a time (the
 * first that differs found from the comparison's bit mask), then one by
 * one.  Passes over a label plane go by these runs: a region's test
 * decides once per run, not once per pixel. */
static inline int al_label_run_end(const int *row, int x, int w)
{
	int l = row[x], e = x + 1;
#ifdef __SSE2__
	__m128i v = _mm_set1_epi32(l);
	for (; e + 8 <= w; e += 8) {
		__m128i q0 = _mm_cmpeq_epi32(_mm_loadu_si128((const __m128i *)(const void *)(row + e)), v);
		__m128i q1 = _mm_cmpeq_epi32(_mm_loadu_si128((const __m128i *)(const void *)(row + e + 4)), v);
		if (_mm_movemask_ps(_mm_castsi128_ps(_mm_and_si128(q0, q1))) != 0xf)
			break;
	}
	for (; e + 4 <= w; e += 4) {
		__m128i q = _mm_loadu_si128((const __m128i *)(const void *)(row + e));
		int eq = _mm_movemask_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(q, v)));
		if (eq != 0xf)
			return e + __builtin_ctz((unsigned)~eq);
	}
#else
	while (e + 4 <= w && ((row[e] ^ l) | (row[e + 1] ^ l) | (row[e + 2] ^ l) | (row[e + 3] ^ l)) == 0)
		e += 4;
#endif
	while (e < w && row[e] == l)
		e++;
	return e;
}

/* The end (one past the last) of the run of pixels with the exact RGBA
 * of pixel @x in @row (@w RGBA pixels), starting at @x: four pixels
 * compared at a time (SSE2: the first that differs found from the
 * comparison's bit mask), then one by one.  The runs of an image's rows
 * (18 px long on average in marketplace images) are what the passes that
 * convert or count colours (measure.c's Lab plane, hero-contrast's
 * table) visit, each once. */
static inline int al_rgba_run_end(const uint8_t *row, int x, int w)
{
	uint32_t v, u;
	int e = x + 1;
	memcpy(&v, row + (size_t)x * 4, 4);
#ifdef __SSE2__
	__m128i vv = _mm_set1_epi32((int)v);
	for (; e + 4 <= w; e += 4) {
		__m128i q = _mm_loadu_si128((const __m128i *)(const void *)(row + (size_t)e * 4));
		int eq = _mm_movemask_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(q, vv)));
		if (eq != 0xf)
			return e + __builtin_ctz((unsigned)~eq);
	}
#endif
	while (e < w && (memcpy(&u, row + (size_t)e * 4, 4), u == v))
		e++;
	return e;
}

#ifdef __SSE2__
/* The alphas of the 16 RGBA pixels at @px, packed into bytes in pixel
 * order. */
static inline __m128i al_alpha16(const uint8_t *px)
{
	const __m128i *p = (const __m128i *)(const void *)px;
	__m128i a0 = _mm_srli_epi32(_mm_loadu_si128(p), 24);
	__m128i a1 = _mm_srli_epi32(_mm_loadu_si128(p + 1), 24);
	__m128i a2 = _mm_srli_epi32(_mm_loadu_si128(p + 2), 24);
	__m128i a3 = _mm_srli_epi32(_mm_loadu_si128(p + 3), 24);
	return _mm_packus_epi16(_mm_packs_epi32(a0, a1), _mm_packs_epi32(a2, a3));
}
#endif

/* Of the @w pixels of an RGBA row @px and the bytes @bg beside them:
 * *clear gets the count with alpha < @alpha_min, *opaque the count with
 * alpha >= @alpha_min and bg == 1.  Sixteen pixels at a time (SSE2: the
 * alphas packed into bytes in pixel order, compared, summed with
 * _mm_sad_epu8), then one by one. */
static inline void al_count_alpha_row(const uint8_t *px, const uint8_t *bg, int w,
                                      int alpha_min, unsigned *clear, unsigned *opaque)
{
	unsigned c = 0, o = 0;
	int x = 0;
#ifdef __SSE2__
	if (alpha_min >= 0 && alpha_min <= 255) {
		const __m128i amin = _mm_set1_epi8((char)alpha_min), one = _mm_set1_epi8(1),
		              zero = _mm_setzero_si128();
		__m128i sc = zero, so = zero;
		for (; x + 16 <= w; x += 16) {
			__m128i a = al_alpha16(px + (size_t)x * 4);
			__m128i see = _mm_cmpeq_epi8(_mm_max_epu8(a, amin), a); /* a >= amin */
			__m128i isbg = _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)(bg + x)), one);
			so = _mm_add_epi64(so, _mm_sad_epu8(_mm_and_si128(_mm_and_si128(see, isbg), one), zero));
			sc = _mm_add_epi64(sc, _mm_sad_epu8(_mm_andnot_si128(see, one), zero));
		}
		c += (unsigned)_mm_cvtsi128_si32(sc) + (unsigned)_mm_cvtsi128_si32(_mm_srli_si128(sc, 8));
		o += (unsigned)_mm_cvtsi128_si32(so) + (unsigned)_mm_cvtsi128_si32(_mm_srli_si128(so, 8));
	}
#endif
	for (; x < w; x++) {
		unsigned see = px[(size_t)x * 4 + 3] >= alpha_min;
		c += see ^ 1u;
		o += see & (bg[x] == 1);
	}
	*clear = c;
	*opaque = o;
}

/* Of the @w pixels of an RGBA row @px and the bytes @bg beside them:
 * out[x] = 1 where alpha >= @alpha_min and bg == 0 (visible foreground),
 * else 0.  Sixteen pixels at a time (SSE2: the alphas packed into bytes
 * in pixel order and compared, as in al_count_alpha_row()), then one by
 * one. */
static inline void al_visible_fg_row(const uint8_t *px, const uint8_t *bg, int w,
                                     int alpha_min, uint8_t *out)
{
	int x = 0;
#ifdef __SSE2__
	if (alpha_min >= 0 && alpha_min <= 255) {
		const __m128i amin = _mm_set1_epi8((char)alpha_min), one = _mm_set1_epi8(1),
		              zero = _mm_setzero_si128();
		for (; x + 16 <= w; x += 16) {
			__m128i a = al_alpha16(px + (size_t)x * 4);
			__m128i see = _mm_cmpeq_epi8(_mm_max_epu8(a, amin), a); /* a >= amin */
			__m128i fg = _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)(bg + x)), zero);
			_mm_storeu_si128((__m128i *)(void *)(out + x), _mm_and_si128(_mm_and_si128(see, fg), one));
		}
	}
#endif
	for (; x < w; x++)
		out[x] = (uint8_t)((px[(size_t)x * 4 + 3] >= alpha_min) & (bg[x] == 0));
}

/* Adds @v to the double *@s @k times (k >= 0), as k additions in a row
 * would, to the bit -- at once when that is exact: when *s and v are
 * whole numbers of 2^-24 below 2^28 and the sum stays below 2^28, every
 * partial sum of the additions one by one is a whole number of 2^-24
 * below 2^29 (52 bits), so none rounds, and neither do v * k nor the one
 * addition.  Otherwise (tiny or huge values, NaN) one by one.  A run of
 * one colour then adds to a sum once, not once per pixel. */
static inline void al_sum_repeat(double *s, float v, long k)
{
	const double lim = 268435456.0, grid = 16777216.0; /* 2^28, 2^24 */
	double a = fabs(*s), b = fabs((double)v);
	if (k > 1 && a < lim && b < lim && a + b * (double)k < lim) {
		double ss = *s * grid, vv = (double)v * grid; /* exact: powers of 2 */
		if (ss == (double)(int64_t)ss && vv == (double)(int64_t)vv) {
			*s += (double)v * (double)k;
			return;
		}
	}
	for (long j = 0; j < k; j++)
		*s += v;
}

/* Adds the @len pixels @c (Lab, interleaved) of a row, at X = @X0,
 * @X0 + 1, ... and Y = @Y, to the colour sums of a least-squares fit, one
 * pixel after the other, as the plain loop
 *     for each pixel j, for k = 0 .. 2:
 *         sc[k] += c[k]; sxc[k] += X * c[k]; syc[k] += Y * c[k];
 *         scc[k] += (double)c[k] * c[k];
 * does: every sum takes the same products in the same order, so the same
 * bits.  The three channels of a sum are the lanes of one vector (in the
 * AVX2 clone, four doubles an instruction); lanes round alone, and ISO C
 * mode contracts nothing into FMA. */
void al_color_sums_run(double sc[3], double sxc[3], double syc[3], double scc[3],
                       const float *c, double X0, double Y, int len);

/* The sums of X and of X^2 over X = @X0, @X0 + 1, .., @X0 + @len - 1, by
 * formula: n X0 + n(n - 1)/2 and n X0^2 + X0 n(n - 1) + n(n - 1)(2n - 1)/6.
 * When @X0 is a multiple of 1/2 and n^3 and |X0|^3 are below 2^50, every
 * term and partial sum is a multiple of 1/4 below 2^51 (n(n - 1)(2n - 1)
 * is a multiple of 6), so none rounds: the exact sums, those of adding
 * the terms one by one in any order. */
static inline void al_run_x_sums(double X0, int len, double *sx, double *sxx)
{
	double n = len, t = n * (len - 1); /* n (n - 1) */
	*sx = n * X0 + t / 2;
	*sxx = n * X0 * X0 + X0 * t + t * (2 * n - 1) / 6;
}

/* The end (one past the last) of the stretch of non-zero bytes of @f
 * that starts at @x, at most @e: sixteen bytes at a time (SSE2: the first
 * 0 found from the comparison's bit mask), then one by one.  @x itself
 * when f[x] is 0. */
static inline int al_set_end(const uint8_t *f, int x, int e)
{
#ifdef __SSE2__
	for (; x + 16 <= e; x += 16) {
		__m128i z = _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)(f + x)),
		                           _mm_setzero_si128());
		int zero = _mm_movemask_epi8(z);
		if (zero)
			return x + __builtin_ctz((unsigned)zero);
	}
#endif
	while (x < e && f[x])
		x++;
	return x;
}

/* out[k] = 1 where in[k] is 0, else 0, for the @n bytes; returns how many
 * are 1.  (No dependence between bytes: vectorised.) */
static inline int al_unset_bytes(const uint8_t *restrict in, uint8_t *restrict out, int n)
{
	int count = 0;
	for (int k = 0; k < n; k++) {
		uint8_t v = in[k] == 0;
		out[k] = v;
		count += v;
	}
	return count;
}

/* Writes to @out, in order, the indices @base + k of the non-zero bytes
 * b[k], 0 <= k < @n, and returns one past the last written.  Sixteen
 * bytes at a time (SSE2): all zero, passed; all set, sixteen indices in a
 * row; else one by one. */
static inline int *al_list_set(const uint8_t *b, int n, int base, int *out)
{
	int k = 0;
#ifdef __SSE2__
	for (; k + 16 <= n; k += 16) {
		int zero = _mm_movemask_epi8(_mm_cmpeq_epi8(
			_mm_loadu_si128((const __m128i *)(const void *)(b + k)), _mm_setzero_si128()));
		if (zero == 0xffff)
			continue;
		if (zero == 0) {
			/* four indices a store */
			__m128i v = _mm_add_epi32(_mm_set1_epi32(base + k), _mm_setr_epi32(0, 1, 2, 3));
			const __m128i four = _mm_set1_epi32(4);
			for (int j = 0; j < 16; j += 4, v = _mm_add_epi32(v, four))
				_mm_storeu_si128((__m128i *)(void *)(out + j), v);
			out += 16;
			continue;
		}
		for (int j = 0; j < 16; j++)
			if (b[k + j])
				*out++ = base + k + j;
	}
#endif
	for (; k < n; k++)
		if (b[k])
			*out++ = base + k;
	return out;
}

/* 3x3 box blur of a w*h*3 Lab image.  Returns a new buffer the caller
 * frees with g_free(), or NULL when there is no memory for it. */
float *al_lab_blur3(const float *lab, int w, int h);
/* The same blur of a Lab plane that is a function of the w*h RGBA
 * @rgba, pixel by pixel (m->lab of m->rgba): equal rows are found by
 * comparing the RGBA rows. */
float *al_lab_blur3_rgba(const float *lab, const uint8_t *rgba, int w, int h);

/* Local means: each pixel of @box (which holds every pixel labelled @l)
 * that has label @l in @labels and is set in @mask gets in @out (w*h*3)
 * the mean of @lab (w*h*3) over the pixels of label @l set in @mask within
 * @r px of it (a square of side 2r+1, clipped to the image) -- the very
 * float that summing them in a double in scan order and dividing by their
 * count gives, computed with sliding sums.  Returns false when there is no
 * memory for the column sums (@out untouched). */
bool al_masked_mean(const float *lab, const uint8_t *mask, const int *labels, int l,
                    int w, int h, al_region box, int r, float *out);

/* out[i] = the OR of @in (w*h 64-bit masks) over the square of side
 * 2r+1 around pixel i, clipped to the image: for each pixel, the set of
 * bits found within @r px (chessboard).  Separable (rows into @tmp, then
 * columns into @out; both w*h, caller-owned), each pass ORing the pixels
 * d and -d px away for d = 1 .. r at once; OR is exact in any order, so
 * every grouping gives the same masks. */
void al_or_near(const uint64_t *in, int w, int h, int r, uint64_t *tmp, uint64_t *out);

/* flat[i] = 1 where the 3x3 neighbourhood of pixel i (clipped to the
 * image) is one RGBA -- al_same_box() of it -- else 0, for every pixel
 * of @m at once (@flat: w*h, caller-owned; about 4 operations a pixel). */
void al_flat3(const al_measure *m, uint8_t *flat);

/* Chessboard distance of every set pixel of @mask to the nearest unset
 * pixel or the edge (1 on the rim).  @dist is w*h, caller-owned. */
void al_distance_chess(const uint8_t *mask, int w, int h, uint16_t *dist);

/* Does pixel (x, y) of a w*h*3 Lab image lie between two opposite
 * neighbours (horizontal, vertical or diagonal) that differ by more than
 * @edge_de: 5 % to 95 % of the way, within 30 % of their distance (+2) of
 * the line joining them?  Anti-aliased and soft edges are such blends.
 * al_blend_split() also gives the first such pair's pixel indices (@a,
 * @b) and how far the pixel lies from @a towards @b (@t); each may be
 * NULL.  al_is_blend() is the inline yes/no, asked of every pixel by the
 * content rules. */
bool al_blend_split(const float *lab, int w, int h, int x, int y, float edge_de,
                    size_t *a, size_t *b, float *t);

/* One pair: @a and @b opposite neighbours of @p.  When it is a blend and
 * @t_out is not NULL, *t_out is how far @p lies from @a towards @b. */
static inline bool al_blend_pair(const float *p, const float *a, const float *b,
                                 float edge_de, float *t_out)
{
	float ab0 = b[0] - a[0], ab1 = b[1] - a[1], ab2 = b[2] - a[2];
	float d2 = ab0 * ab0 + ab1 * ab1 + ab2 * ab2;
	if (d2 <= edge_de * edge_de)
		return false;
	float t = ((p[0] - a[0]) * ab0 + (p[1] - a[1]) * ab1 + (p[2] - a[2]) * ab2) / d2;
	if (t <= 0.05f || t >= 0.95f)
		return false;
	float e0 = p[0] - (a[0] + t * ab0), e1 = p[1] - (a[1] + t * ab1),
	      e2 = p[2] - (a[2] + t * ab2);
	/* near the segment: within 30 % of its length (+2 for noise) */
	if (sqrtf(e0 * e0 + e1 * e1 + e2 * e2) >= 0.3f * sqrtf(d2) + 2.0f)
		return false;
	if (t_out)
		*t_out = t;
	return true;
}

/* Which of the four pairs a_k = p - @off[k], b_k = p + @off[k] (k = 0..3,
 * offsets in floats) may be a blend: bit k set unless the squared length
 * of b_k - a_k, with a* and b* weighed by @chroma (times each colour, as
 * the callers weigh them; 1: as they are), is <= @e2 -- the first test of
 * al_blend_pair(), (s0 * s0 + s1 * s1) + s2 * s2, lane by lane in the
 * same order (no FMA), so a pair whose bit is 0 is no blend there
 * either.  SSE2: the four pairs at once; each load reads the float after
 * a pixel, which must exist (the pixel is not the plane's last).  Without
 * SSE2 every bit is set. */
static inline unsigned al_blend_pairs_far(const float *p, const ptrdiff_t off[4], float chroma,
                                          float e2)
{
#ifdef __SSE2__
	__m128 s[4];
	__m128 cw = _mm_setr_ps(1.0f, chroma, chroma, 1.0f);
	for (int k = 0; k < 4; k++) {
		__m128 a = _mm_loadu_ps(p - off[k]), b = _mm_loadu_ps(p + off[k]);
		if (chroma != 1.0f) {
			a = _mm_mul_ps(cw, a);
			b = _mm_mul_ps(cw, b);
		}
		__m128 d = _mm_sub_ps(b, a);
		s[k] = _mm_mul_ps(d, d);
	}
	/* one vector per channel, the pairs in its lanes */
	_MM_TRANSPOSE4_PS(s[0], s[1], s[2], s[3]);
	__m128 d2 = _mm_add_ps(_mm_add_ps(s[0], s[1]), s[2]);
	return (unsigned)_mm_movemask_ps(_mm_cmpnle_ps(d2, _mm_set1_ps(e2)));
#else
	(void)p;
	(void)off;
	(void)chroma;
	(void)e2;
	return 0xfu;
#endif
}

static inline bool al_is_blend(const float *lab, int w, int h, int x, int y,
                               float edge_de)
{
	if (x <= 0 || y <= 0 || x + 1 >= w || y + 1 >= h)
		return al_blend_split(lab, w, h, x, y, edge_de, NULL, NULL, NULL);
	const float *p = lab + ((size_t)y * w + x) * 3;
	const ptrdiff_t off[4] = { 3, (ptrdiff_t)w * 3, ((ptrdiff_t)w + 1) * 3,
	                           ((ptrdiff_t)w - 1) * 3 };
	for (int k = 0; k < 4; k++)
		if (al_blend_pair(p, p - off[k], p + off[k], edge_de, NULL))
			return true;
	return false;
}

#endif
