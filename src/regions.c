/* Connected regions and small image operators shared by the content rules.
 * Everything is linear in the number of pixels: union-find with path
 * halving, separable box blur, two-pass chamfer distance. */
#include <math.h>
#include <string.h>
#include "regions.h"

/* Is the step from pixel @p to @q (= p + @d, in pixels) part of a steady
 * ramp: are the steps o -> p and q -> r, one further each way, within
 * half of its length of it?  @s is the step q - p, @s2 its squared length.
 * False when o or r is outside the image (@has_o, @has_r) or invisible. */
static bool on_ramp(const float *lab, const int *labels,
                    int p, int q, int d, bool has_o, bool has_r,
                    const float s[3], float s2)
{
	if (!has_o || !has_r || labels[p - d] < 0 || labels[q + d] < 0)
		return false;
	const float *o = lab + (size_t)(p - d) * 3, *pp = lab + (size_t)p * 3;
	const float *qq = lab + (size_t)q * 3, *r = lab + (size_t)(q + d) * 3;
	float e0 = 0, e1 = 0;
	for (int k = 0; k < 3; k++) {
		float a = (pp[k] - o[k]) - s[k], b = (r[k] - qq[k]) - s[k];
		e0 += a * a;
		e1 += b * b;
	}
	return e0 < 0.25f * s2 && e1 < 0.25f * s2;
}

/* May @p and @q (= p + @d; both visible) join: a step below @step2
 * (squared), or below @ramp2 on a steady ramp?  @has_o, @has_r: o = p - d
 * and r = q + d lie inside the image. */
static inline bool similar(const float *lab, const int *labels, int p, int q, int d,
                           bool has_o, bool has_r, float step2, float ramp2,
                           bool same_joins)
{
	const float *a = lab + (size_t)p * 3, *b = lab + (size_t)q * 3;
	/* most neighbours are the same colour: a step of 0, below any
	 * @step > 0, without the arithmetic */
	if (same_joins && memcmp(a, b, 3 * sizeof *a) == 0)
		return true;
	float s[3] = { b[0] - a[0], b[1] - a[1], b[2] - a[2] };
	float s2 = s[0] * s[0] + s[1] * s[1] + s[2] * s[2];
	return s2 < step2 ||
	       (s2 < ramp2 && on_ramp(lab, labels, p, q, d, has_o, has_r, s, s2));
}

/* Are pixels x + 1 .. x + 4 of the row starting at pixel @row visible
 * (@lrow: its labels, -1 invisible) and each of the Lab of the one before,
 * to the bit? */
static inline bool same_next4(const float *lab, const int *lrow, int row, int x)
{
#ifdef __SSE2__
	/* the four labels' sign bits at once */
	__m128i l = _mm_loadu_si128((const __m128i *)(const void *)(lrow + x + 1));
	if (_mm_movemask_ps(_mm_castsi128_ps(l)) != 0)
		return false;
	return al_lab_same_next4(lab + ((size_t)row + x) * 3);
#else
	return (lrow[x + 1] | lrow[x + 2] | lrow[x + 3] | lrow[x + 4]) >= 0 &&
	       al_lab_same_next4(lab + ((size_t)row + x) * 3);
#endif
}

/* same_next4() of eight pixels: are pixels x + 1 .. x + 8 visible and
 * each of the Lab of the one before, to the bit?  The 24 floats of
 * pixels x .. x + 7 against those one pixel on, and the eight labels'
 * sign bits, ORed into one vector of 32 bytes (in the AVX2 clone one
 * register; elsewhere two).  Needs x + 8 < w.  Asked only inside a
 * stretch of one colour (after same_next4()), and only without flat
 * bytes (flat_steps() passes sixteen at a time): at a stretch's end it
 * fails, and same_next4() is asked again.  Only a shortcut: a run ends
 * at its first step that does not join, whichever joined steps were
 * passed on the way. */
typedef uint32_t al_u32x8 __attribute__((vector_size(32)));
typedef uint64_t al_u64x4 __attribute__((vector_size(32)));
static inline bool same_next8(const float *lab, const int *lrow, int row, int x)
{
	const float *a = lab + ((size_t)row + x) * 3;
	al_u32x8 u0, u1, u2, v0, v1, v2, l;
	memcpy(&u0, a, sizeof u0);
	memcpy(&v0, a + 3, sizeof v0);
	memcpy(&u1, a + 8, sizeof u1);
	memcpy(&v1, a + 11, sizeof v1);
	memcpy(&u2, a + 16, sizeof u2);
	memcpy(&v2, a + 19, sizeof v2);
	memcpy(&l, lrow + x + 1, sizeof l);
	al_u64x4 q = (al_u64x4)((u0 ^ v0) | (u1 ^ v1) | (u2 ^ v2) | (l >> 31));
	return (q[0] | q[1] | q[2] | q[3]) == 0;
}

/* How many of the four steps x -> x + 1, .., x + 3 -> x + 4 of the row
 * starting at pixel @row (@lrow: its labels) join, counted from the
 * first until one does not: both pixels visible and the squared step
 * below @step2, (s0 * s0 + s1 * s1) + s2 * s2 with s = b - a, the very
 * floats similar() computes (lane by lane, in the same order, no FMA).
 * A step it does not count may still join in similar() (equal colours
 * that are not numbers, a ramp): the caller asks it.  SSE2: the twelve
 * differences in three vectors, squared, then moved into one vector per
 * channel.  Needs x + 4 < w. */
static inline int steps4_below(const float *lab, const int *lrow, int row, int x, float step2)
{
#ifdef __SSE2__
	const float *a = lab + ((size_t)row + x) * 3;
	__m128i l = _mm_loadu_si128((const __m128i *)(const void *)(lrow + x + 1));
	int hidden = _mm_movemask_ps(_mm_castsi128_ps(l)); /* label -1: sign set */
	__m128 q0 = _mm_sub_ps(_mm_loadu_ps(a + 3), _mm_loadu_ps(a));
	__m128 q1 = _mm_sub_ps(_mm_loadu_ps(a + 7), _mm_loadu_ps(a + 4));
	__m128 q2 = _mm_sub_ps(_mm_loadu_ps(a + 11), _mm_loadu_ps(a + 8));
	q0 = _mm_mul_ps(q0, q0);
	q1 = _mm_mul_ps(q1, q1);
	q2 = _mm_mul_ps(q2, q2);
	/* q0 = s0 s1 s2 | s0 of steps 0, 1; q1 = s1 s2 | s0 s1 of 1, 2; q2 =
	 * s2 | s0 s1 s2 of 2, 3: channel 0 = q0.0 q0.3 q1.2 q2.1, channel 1 =
	 * q0.1 q1.0 q1.3 q2.2, channel 2 = q0.2 q1.1 q2.0 q2.3 */
	__m128 t0 = _mm_shuffle_ps(q1, q2, _MM_SHUFFLE(1, 1, 2, 2));
	__m128 c0 = _mm_shuffle_ps(q0, t0, _MM_SHUFFLE(2, 0, 3, 0));
	__m128 t1 = _mm_shuffle_ps(q0, q1, _MM_SHUFFLE(0, 0, 1, 1));
	__m128 t2 = _mm_shuffle_ps(q1, q2, _MM_SHUFFLE(2, 2, 3, 3));
	__m128 c1 = _mm_shuffle_ps(t1, t2, _MM_SHUFFLE(2, 0, 2, 0));
	__m128 t3 = _mm_shuffle_ps(q0, q1, _MM_SHUFFLE(1, 1, 2, 2));
	__m128 c2 = _mm_shuffle_ps(t3, q2, _MM_SHUFFLE(3, 0, 2, 0));
	__m128 s2 = _mm_add_ps(_mm_add_ps(c0, c1), c2);
	int join = _mm_movemask_ps(_mm_cmplt_ps(s2, _mm_set1_ps(step2))) & ~hidden;
	return __builtin_ctz((unsigned)~join & 0x1fu);
#else
	(void)lab;
	(void)lrow;
	(void)row;
	(void)x;
	(void)step2;
	return 0;
#endif
}

/* A run of one row's visible pixels joined to their right neighbours;
 * @parent is a run index (a union-find forest over the runs). */
typedef struct {
	int x0, x1;              /* inclusive */
	int parent;
} sim_run;

/* Appends @r to @runs (*len used of *cap), growing it.  False when there
 * is no memory (the array is input-sized). */
static bool push_run(sim_run **runs, size_t *len, size_t *cap, sim_run r)
{
	if (*len == *cap) {
		size_t cap2 = *cap * 2;
		sim_run *bigger = al_try_new(sim_run, cap2);
		if (!bigger)
			return false;
		memcpy(bigger, *runs, *len * sizeof *bigger);
		g_free(*runs);
		*runs = bigger;
		*cap = cap2;
	}
	(*runs)[(*len)++] = r;
	return true;
}

static int sim_find(sim_run *r, int i)
{
	while (r[i].parent != i) {
		r[i].parent = r[r[i].parent].parent;
		i = r[i].parent;
	}
	return i;
}

/* From @x (in a run), the first x' >= x with !(f[x'] && f[x' + 1]) or
 * x' < 1 or x' + 1 > w - 2: while both pixels of a step have a uniform
 * 3x3 neighbourhood (@f: one row of al_flat3()) and the step stays off
 * the side columns, the blurred colours of its two pixels are the same
 * sums of the same floats (see al_regions_similar_blur()), so the step
 * joins.  Sixteen flat bytes compared at a time (SSE2: the first 0 found
 * from the comparison's bit mask), then one by one. */
static inline int flat_steps(const uint8_t *f, int x, int w)
{
	int last = w - 2; /* the last pixel a step may reach */
	if (x < 1 || !f[x])
		return x;
#ifdef __SSE2__
	for (; x + 16 <= last; x += 16) {
		__m128i z = _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)(f + x + 1)),
		                           _mm_setzero_si128());
		int zero = _mm_movemask_epi8(z);
		if (zero)
			return x + __builtin_ctz((unsigned)zero);
	}
#endif
	while (x + 1 <= last && f[x + 1])
		x++;
	return x;
}

/* The end (one past the last) of the stretch of zero bytes of @f that
 * starts at @x, at most @e: sixteen bytes at a time (SSE2: the first
 * non-zero byte found from the comparison's bit mask), then one by one.
 * @x itself when f[x] is not 0. */
static inline int unset_end(const uint8_t *f, int x, int e)
{
#ifdef __SSE2__
	for (; x + 16 <= e; x += 16) {
		__m128i z = _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)(f + x)),
		                           _mm_setzero_si128());
		int zero = _mm_movemask_epi8(z);
		if (zero != 0xffff)
			return x + __builtin_ctz((unsigned)~zero);
	}
#endif
	while (x < e && !f[x])
		x++;
	return x;
}

/* labels[i] = 0 where pixel i of @rgba (@n RGBA pixels) has alpha >=
 * 128, else -1.  Inlined into regions_similar()'s clones. */
static inline __attribute__((always_inline)) void
visible_labels(const uint8_t *restrict rgba, int *restrict labels, int n)
{
	for (int i = 0; i < n; i++) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		/* alpha is the top byte of the pixel's 32 bits */
		uint32_t v;
		memcpy(&v, rgba + (size_t)i * 4, 4);
		labels[i] = (int)(v >> 31) - 1;
#else
		labels[i] = (rgba[(size_t)i * 4 + 3] >> 7) - 1;
#endif
	}
}

/* The regions are the connected components of the graph whose edges are
 * the neighbour pairs similar() accepts, numbered in the order of their
 * first pixel.  Each row is cut into runs of pixels joined across (every
 * horizontal edge that holds lies inside a run); two runs of neighbouring
 * rows that overlap are tested column by column only until one vertical
 * edge holds, and not at all when they are already joined: the other
 * edges between them would join nothing new.  The components, and so the
 * labels, are those of testing every edge.  With @flat (only without
 * @only, and only with step > 0), the steps flat_steps() takes are taken
 * without looking at @lab. */
AL_CLONES static int regions_similar(const al_measure *m, const float *lab, const uint8_t *only,
                           const uint8_t *flat, float step, float ramp_de, int *labels,
                           al_label_runs *lruns)
{
	int w = m->width, h = m->height, n = w * h, count = -1;
	size_t len = 0, cap = (size_t)n / 16 + 64;
	sim_run *runs = al_try_new(sim_run, cap);
	int *row_start = al_try_new(int, (size_t)h + 1);
	int *run_label = NULL;
	float step2 = step * step, ramp2 = ramp_de * ramp_de;
	bool same_joins = 0.0f < step2;
	if (lruns)
		*lruns = (al_label_runs){ NULL, NULL };
	/* a visible pixel's flat neighbour is visible (the same RGBA), and
	 * equal colours join only under a step > 0 */
	if (only || !same_joins)
		flat = NULL;

	if (!runs || !row_start)
		goto out;
	/* two loops, each vectorised */
	if (only) {
		int i = 0;
#ifdef __SSE2__
		/* sixteen pixels at a time: 0xff where only[] is 0, widened
		 * to the 32-bit -1 (set: 0) */
		for (; i + 16 <= n; i += 16) {
			__m128i z = _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)(only + i)),
			                           _mm_setzero_si128());
			__m128i lo = _mm_unpacklo_epi8(z, z), hi = _mm_unpackhi_epi8(z, z);
			__m128i *o = (__m128i *)(void *)(labels + i);
			_mm_storeu_si128(o, _mm_unpacklo_epi16(lo, lo));
			_mm_storeu_si128(o + 1, _mm_unpackhi_epi16(lo, lo));
			_mm_storeu_si128(o + 2, _mm_unpacklo_epi16(hi, hi));
			_mm_storeu_si128(o + 3, _mm_unpackhi_epi16(hi, hi));
		}
#endif
		for (; i < n; i++)
			labels[i] = only[i] != 0 ? 0 : -1;
	} else {
		/* alpha >= 128 is its top bit, and the label (0 or -1) that
		 * bit less 1: one loop the clones vectorise (in the AVX2
		 * clone eight pixels an instruction) */
		visible_labels(m->rgba, labels, n);
	}
	for (int y = 0; y < h; y++) {
		const int *lrow = labels + (size_t)y * w;
		int row = y * w;
		row_start[y] = (int)len;
		for (int x = 0; x < w; x++) {
			/* left out by @only (its labels -1): sixteen bytes
			 * at a time */
			if (only)
				x = unset_end(only + row, x, w);
			/* left out (-1): eight at a time (SSE2: the sign
			 * bits of two groups of four ANDed), then four */
#ifdef __SSE2__
			while (x + 8 <= w) {
				__m128i l4 = _mm_and_si128(_mm_loadu_si128((const __m128i *)(const void *)(lrow + x)),
				                           _mm_loadu_si128((const __m128i *)(const void *)(lrow + x + 4)));
				if (_mm_movemask_ps(_mm_castsi128_ps(l4)) != 0xf)
					break;
				x += 8;
			}
#endif
			while (x + 4 <= w && (lrow[x] & lrow[x + 1] & lrow[x + 2] & lrow[x + 3]) < 0)
				x += 4;
			if (x == w)
				break;
			if (lrow[x] < 0)
				continue;
			sim_run r = { x, x, (int)len };
			/* a step joined one by one: the row may go on drifting */
			bool drifting = false;
			for (;;) {
				/* four pixels at a time where each is the colour
				 * of the one before, to the bit, and visible: a
				 * step of 0 joins under any step > 0; in a
				 * stretch of one colour, the flat steps after
				 * (tried only there: in a noisy row they would
				 * cost more than they save) */
				while (same_joins && x + 4 < w && same_next4(lab, lrow, row, x)) {
					x += 4;
					if (flat) {
						x = flat_steps(flat + row, x, w);
						continue;
					}
					while (x + 8 < w && same_next8(lab, lrow, row, x))
						x += 8;
				}
				/* then, after a step that joined one by one, up
				 * to four steps below @step at once (tried only
				 * there: where a run ends at once, as along an
				 * edge or in noise, it would cost more than it
				 * saves) */
				if (drifting && same_joins && x + 4 < w) {
					int k = steps4_below(lab, lrow, row, x, step2);
					x += k;
					if (k == 4)
						continue;
				}
				if (!(x + 1 < w && lrow[x + 1] >= 0 &&
				      similar(lab, labels, row + x, row + x + 1, 1, x > 0, x + 2 < w,
				              step2, ramp2, same_joins)))
					break;
				x++;
				drifting = true;
			}
			r.x1 = x;
			if (!push_run(&runs, &len, &cap, r))
				goto out;
		}
		if (y == 0)
			continue;
		/* the runs above that end left of a run touch neither it nor
		 * the runs to its right */
		int j = row_start[y - 1];
		for (int k = row_start[y]; k < (int)len; k++) {
			while (j < row_start[y] && runs[j].x1 < runs[k].x0)
				j++;
			for (int a = j; a < row_start[y] && runs[a].x0 <= runs[k].x1; a++) {
				int ra = sim_find(runs, a), rk = sim_find(runs, k);
				if (ra == rk)
					continue;
				int lo = MAX(runs[a].x0, runs[k].x0), hi = MIN(runs[a].x1, runs[k].x1);
				for (int x = lo; x <= hi; x++)
					if (similar(lab, labels, row - w + x, row + x, w, y > 1, y + 1 < h,
					            step2, ramp2, same_joins)) {
						/* the smaller index is the root: the
						 * set's first run, its first pixel */
						runs[MAX(ra, rk)].parent = MIN(ra, rk);
						break;
					}
			}
		}
	}
	row_start[h] = (int)len;
	run_label = al_try_new(int, MAX(len, 1));
	if (!run_label)
		goto out;
	count = 0;
	for (int k = 0; k < (int)len; k++) {
		int root = sim_find(runs, k);
		run_label[k] = root == k ? count++ : run_label[root];
	}
	for (int y = 0; y < h; y++)
		for (int k = row_start[y]; k < row_start[y + 1]; k++) {
			/* in locals: the fill below stores no int they hold */
			int *l = labels + (size_t)y * w, v = run_label[k];
			for (int x = runs[k].x0, x1 = runs[k].x1; x <= x1; x++)
				l[x] = v;
		}
	if (lruns) {
		/* the runs of one label: a run that touches the one before
		 * with its label extends it (each row's row_start read before
		 * it is rewritten) */
		al_label_run *lr = al_try_new(al_label_run, MAX(len, 1));
		if (!lr) {
			count = -1;
			goto out;
		}
		int nl = 0;
		for (int y = 0; y < h; y++) {
			int k0 = row_start[y], k1 = row_start[y + 1];
			row_start[y] = nl;
			for (int k = k0; k < k1; k++) {
				int v = run_label[k];
				if (nl > row_start[y] && lr[nl - 1].label == v &&
				    lr[nl - 1].x1 + 1 == runs[k].x0)
					lr[nl - 1].x1 = runs[k].x1;
				else
					lr[nl++] = (al_label_run){ runs[k].x0, runs[k].x1, v };
			}
		}
		row_start[h] = nl;
		*lruns = (al_label_runs){ lr, row_start };
		row_start = NULL;
	}
out:
	g_free(run_label);
	g_free(row_start);
	g_free(runs);
	return count;
}

int al_regions_similar(const al_measure *m, const float *lab, const uint8_t *only,
                       float step, float ramp_de, int *labels)
{
	return regions_similar(m, lab, only, NULL, step, ramp_de, labels, NULL);
}

int al_regions_similar_blur(const al_measure *m, const float *blur, const uint8_t *flat,
                            float step, float ramp_de, int *labels)
{
	return regions_similar(m, blur, NULL, flat, step, ramp_de, labels, NULL);
}

int al_regions_similar_runs(const al_measure *m, const float *lab, const uint8_t *only,
                            float step, float ramp_de, int *labels, al_label_runs *runs)
{
	return regions_similar(m, lab, only, NULL, step, ramp_de, labels, runs);
}

int al_regions_similar_blur_runs(const al_measure *m, const float *blur, const uint8_t *flat,
                                 float step, float ramp_de, int *labels, al_label_runs *runs)
{
	return regions_similar(m, blur, NULL, flat, step, ramp_de, labels, runs);
}

void al_label_runs_clear(al_label_runs *runs)
{
	g_clear_pointer(&runs->run, g_free);
	g_clear_pointer(&runs->row, g_free);
}

/* A run of set pixels in one row of a mask; @parent is a run index (a
 * union-find forest over the runs). */
typedef struct {
	int x0, x1;              /* inclusive */
	int parent;
} mask_run;

/* The runs of a mask, in scan order: a growing array (a plain one, as
 * an append per run through GArray costs a call and a copy). */
typedef struct {
	mask_run *r;
	int len, cap;
} run_list;

/* Appends the runs of one row of @w mask pixels to @runs. */
static void row_runs(const uint8_t *mask, int w, run_list *runs)
{
	/* room for the most runs a row can hold, first */
	int most = (w + 1) / 2;
	if (runs->len + most > runs->cap) {
		runs->cap = MAX(2 * runs->cap, runs->len + most);
		runs->r = g_renew(mask_run, runs->r, runs->cap);
	}
	for (int x = al_next_set(mask, 0, w); x < w; x = al_next_set(mask, x, w)) {
		mask_run r = { x, 0, runs->len };
		x = al_next_unset(mask, x, w);
		r.x1 = x - 1;
		runs->r[runs->len++] = r;
	}
}

static int run_find(mask_run *r, int i)
{
	while (r[i].parent != i) {
		r[i].parent = r[r[i].parent].parent;
		i = r[i].parent;
	}
	return i;
}

int al_regions_mask_runs(const uint8_t *mask, int w, int h, al_label_runs *out,
                         al_region **boxes)
{
	/* Runs rather than pixels: a component is a set of runs, each joined
	 * to the runs of the row above that it touches (8-connected: the
	 * column ranges overlap or meet at a corner).  The root of a set is
	 * its first run in scan order, so the labels come out in the order of
	 * each component's first pixel, as a pixel-wise labelling numbers
	 * them. */
	run_list runs = { NULL, 0, 0 };
	int *row_start = g_new(int, (size_t)h + 1);
	int count = 0;

	for (int y = 0; y < h; y++) {
		row_start[y] = runs.len;
		row_runs(mask + (size_t)y * w, w, &runs);
		if (y == 0)
			continue;
		mask_run *r = runs.r;
		int j = row_start[y - 1];
		for (int k = row_start[y]; k < runs.len; k++) {
			/* runs of the row above that end left of this one's
			 * reach touch neither it nor the runs to its right */
			while (j < row_start[y] && r[j].x1 + 1 < r[k].x0)
				j++;
			for (int a = j; a < row_start[y] && r[a].x0 <= r[k].x1 + 1; a++) {
				int ra = run_find(r, a), rk = run_find(r, k);
				if (ra != rk)
					r[MAX(ra, rk)].parent = MIN(ra, rk);
			}
		}
	}
	row_start[h] = runs.len;

	/* a root precedes the other runs of its set: number the roots in
	 * order, then label every run (and grow the boxes) row by row */
	mask_run *r = runs.r;
	al_label_run *lr = g_new(al_label_run, MAX(runs.len, 1));
	for (int k = 0; k < runs.len; k++) {
		int root = run_find(r, k);
		lr[k] = (al_label_run){ r[k].x0, r[k].x1, root == k ? count++ : lr[root].label };
	}
	al_region *box = boxes ? g_new(al_region, MAX(count, 1)) : NULL;
	for (int y = 0; y < h && box; y++)
		for (int k = row_start[y]; k < row_start[y + 1]; k++) {
			int id = lr[k].label, x0 = r[k].x0, x1 = r[k].x1;
			if (r[k].parent == k) { /* the component's first run */
				box[id] = (al_region){ x0, y, x1 - x0 + 1, 1 };
				continue;
			}
			al_region *b = box + id;
			x0 = MIN(b->x, x0);
			x1 = MAX(b->x + b->w - 1, x1);
			*b = (al_region){ x0, b->y, x1 - x0 + 1, y - b->y + 1 };
		}
	if (boxes)
		*boxes = box;
	out->run = lr;
	out->row = row_start;
	g_free(runs.r);
	return count;
}

/* Sets @p[0 .. n) to @v (a loop gcc vectorises: @p aliases nothing the
 * caller reads). */
static inline void fill_ints(int *restrict p, int v, int n)
{
	for (int k = 0; k < n; k++)
		p[k] = v;
}

void al_label_runs_paint(const al_label_runs *runs, int w, int h, int *labels)
{
	al_label_runs_paint_rows(runs, w, 0, h, labels);
}

void al_label_runs_paint_rows(const al_label_runs *runs, int w, int y0, int y1, int *labels)
{
	for (int y = y0; y < y1; y++) {
		int *row = labels + (size_t)y * w;
		int x = 0;
		for (int k = runs->row[y]; k < runs->row[y + 1]; k++) {
			al_label_run r = runs->run[k];
			fill_ints(row + x, -1, r.x0 - x);
			fill_ints(row + r.x0, r.label, r.x1 - r.x0 + 1);
			x = r.x1 + 1;
		}
		fill_ints(row + x, -1, w - x);
	}
}

int al_regions_mask(const uint8_t *mask, int w, int h, int *labels,
                    al_region **boxes)
{
	al_label_runs runs;
	int count = al_regions_mask_runs(mask, w, h, &runs, boxes);
	al_label_runs_paint(&runs, w, h, labels);
	al_label_runs_clear(&runs);
	return count;
}

/* al_color_sums_run(): lane k of each vector holds channel k of its sum
 * (lane 3 is 0 and unused), so each lane does what the plain loop does to
 * that channel, in the same order. */
typedef double al_v4d __attribute__((vector_size(32)));
typedef float al_v4f __attribute__((vector_size(16)));

AL_CLONES static void color_sums_run(double sc[3], double sxc[3], double syc[3],
                                     double scc[3], const float *c, double X0, double Y,
                                     int len)
{
	al_v4d a = { sc[0], sc[1], sc[2], 0 }, ax = { sxc[0], sxc[1], sxc[2], 0 };
	al_v4d ay = { syc[0], syc[1], syc[2], 0 }, aa = { scc[0], scc[1], scc[2], 0 };
	const al_v4d y = { Y, Y, Y, Y }, x0 = { X0, X0, X0, X0 }, one = { 1, 1, 1, 1 };
	/* jv: j in every lane, counted in doubles (whole numbers: exact),
	 * so x0 + jv is X0 + j, the same addition */
	al_v4d jv = { 0, 0, 0, 0 };
	int j = 0;
	/* the pixel's three floats and the next one's first (inside the
	 * run), converted at once, lane 3 then cleared */
	for (; j + 1 < len; j++, c += 3) {
		al_v4f f;
		__builtin_memcpy(&f, c, sizeof f);
		al_v4d v = __builtin_convertvector(f, al_v4d), x = x0 + jv;
		v[3] = 0;
		jv += one;
		a += v;
		ax += x * v;
		ay += y * v;
		aa += v * v;
	}
	if (j < len) {
		al_v4d v = { c[0], c[1], c[2], 0 }, x = x0 + jv;
		a += v;
		ax += x * v;
		ay += y * v;
		aa += v * v;
	}
	for (int k = 0; k < 3; k++) {
		sc[k] = a[k];
		sxc[k] = ax[k];
		syc[k] = ay[k];
		scc[k] = aa[k];
	}
}

void al_color_sums_run(double sc[3], double sxc[3], double syc[3], double scc[3],
                       const float *c, double X0, double Y, int len)
{
	color_sums_run(sc, sxc, syc, scc, c, X0, Y, len);
}

/* The rows of al_or_near() (in the AVX2 clone four masks an
 * instruction): every element of @t gets @in's at d and -d px (or rows)
 * away, where they exist, one pass per d. */
AL_CLONES static void or_near(const uint64_t *restrict in, int w, int h, int r,
                              uint64_t *restrict tmp, uint64_t *restrict out)
{
	for (int y = 0; y < h; y++) {
		const uint64_t *a = in + (size_t)y * w;
		uint64_t *t = tmp + (size_t)y * w;
		memcpy(t, a, (size_t)w * sizeof *t);
		for (int d = 1; d <= r && d < w; d++) {
			int lo = d, hi = w - d; /* both neighbours inside: lo <= x < hi */
			for (int x = 0; x < MIN(lo, w - d); x++)
				t[x] |= a[x + d];
			for (int x = lo; x < hi; x++)
				t[x] |= a[x - d] | a[x + d];
			for (int x = MAX(hi, d); x < w; x++)
				t[x] |= a[x - d];
		}
	}
	for (int y = 0; y < h; y++) {
		uint64_t *o = out + (size_t)y * w;
		memcpy(o, tmp + (size_t)y * w, (size_t)w * sizeof *o);
		for (int d = 1; d <= r; d++) {
			const uint64_t *u = y - d >= 0 ? tmp + (size_t)(y - d) * w : NULL;
			const uint64_t *dn = y + d < h ? tmp + (size_t)(y + d) * w : NULL;
			if (u && dn)
				for (int x = 0; x < w; x++)
					o[x] |= u[x] | dn[x];
			else if (u)
				for (int x = 0; x < w; x++)
					o[x] |= u[x];
			else if (dn)
				for (int x = 0; x < w; x++)
					o[x] |= dn[x];
		}
	}
}

void al_or_near(const uint64_t *in, int w, int h, int r, uint64_t *tmp, uint64_t *out)
{
	or_near(in, w, h, r, tmp, out);
}

/* One row of @w Lab pixels: each channel the mean of the pixel and its
 * left and right neighbours, the ends the mean of the 2 that exist.  The
 * interleaved row is walked as one line of floats 3 apart, so the loop
 * runs contiguously (vectorised). */
AL_CLONES static void box3_row(const float *restrict in, float *restrict out, int w)
{
	if (w == 1) {
		memcpy(out, in, 3 * sizeof *in);
		return;
	}
	size_t last = (size_t)(w - 1) * 3;
	for (int c = 0; c < 3; c++)
		out[c] = (in[c] + in[3 + c]) * 0.5f;
	for (size_t k = 3; k < last; k++)
		out[k] = (in[k - 3] + in[k] + in[k + 3]) * (1.0f / 3.0f);
	for (size_t c = 0; c < 3; c++)
		out[last + c] = (in[last - 3 + c] + in[last + c]) * 0.5f;
}

/* Is row @a (@len floats) the row @b, to the bit?  Then every sum the
 * blur takes of it is the same float: its row sums need not be taken
 * again. */
static inline bool row_same(const float *a, const float *b, size_t len)
{
	return memcmp(a, b, len * sizeof *a) == 0;
}

AL_CLONES static float *blur3(const float *lab, const uint8_t *rgba, int w, int h)
{
	size_t n = (size_t)w * h * 3, row = (size_t)w * 3;
	/* separable: rows into a ring of three row sums (the row above, this
	 * one, the one below), then columns into out, row by row
	 * (contiguous, vectorisable): the same sums as a whole plane of row
	 * sums, in a buffer that stays in the cache.  A row equal to the one
	 * above (to the bit: a flat band of a logo or a hero) shares its row
	 * sums (sum[] points at the same buffer), and an output row whose
	 * three rows are those of the output row above is a copy of it --
	 * the same sums of the same floats, so the same bits. */
	float *tmp = al_try_new(float, 3 * row);
	float *out = al_try_new(float, n);
	const float *sum[3] = { NULL, NULL, NULL }; /* rows y - 1 .. y + 1, by y % 3 */
	unsigned same = 0; /* bit k: input row y + 1 - k equals the row above it */

	if (!tmp || !out) {
		g_free(tmp);
		g_free(out);
		return NULL;
	}
	if (h > 0) {
		box3_row(lab, tmp, w);
		sum[0] = tmp;
	}
	for (int y = 0; y < h; y++) {
		same <<= 1;
		if (y + 1 < h) {
			const float *in = lab + (size_t)(y + 1) * row;
			/* with @rgba, whose function the Lab plane is, its rows
			 * are compared: a third of the bytes.  (Equal Lab rows
			 * of unequal RGBA rows are summed again: the same
			 * sums.) */
			bool same_row = rgba ? memcmp(rgba + (size_t)(y + 1) * w * 4,
			                              rgba + (size_t)y * w * 4, (size_t)w * 4) == 0
			                     : row_same(in, in - row, row);
			if (same_row) {
				sum[(y + 1) % 3] = sum[y % 3];
				same |= 1;
			} else {
				/* the buffer neither row y - 1 nor row y uses */
				float *free_row = tmp;
				const float *keep0 = sum[y % 3], *keep1 = y > 0 ? sum[(y - 1) % 3] : NULL;
				while (free_row == keep0 || free_row == keep1)
					free_row += row;
				box3_row(in, free_row, w);
				sum[(y + 1) % 3] = free_row;
			}
		}
		const float *up = sum[(y > 0 ? y - 1 : y) % 3];
		const float *mid = sum[y % 3];
		const float *down = sum[(y < h - 1 ? y + 1 : y) % 3];
		float *o = out + (size_t)y * row;
		if (h == 1)
			memcpy(o, mid, row * sizeof *o);
		else if (y == 0 || y == h - 1)
			for (size_t k = 0; k < row; k++)
				o[k] = (up[k] + down[k]) * 0.5f; /* the 2 that exist */
		else if (y >= 2 && (same & 7u) == 7u)
			/* rows y - 2 .. y + 1 one row: output row y - 1's
			 * three rows */
			memcpy(o, o - row, row * sizeof *o);
		else
			for (size_t k = 0; k < row; k++)
				o[k] = (up[k] + mid[k] + down[k]) * (1.0f / 3.0f);
	}
	g_free(tmp);
	return out;
}

float *al_lab_blur3(const float *lab, int w, int h)
{
	return blur3(lab, NULL, w, h);
}

float *al_lab_blur3_rgba(const float *lab, const uint8_t *rgba, int w, int h)
{
	return blur3(lab, rgba, w, h);
}

/* al_masked_mean() at (x, y) by its definition: the double sum in scan
 * order. */
static void masked_mean_at(const float *lab, const uint8_t *mask, const int *labels,
                           int l, int w, int h, int x, int y, int r, float *out)
{
	size_t i = (size_t)y * w + x;
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
		out[i * 3 + c] = (float)(s[c] / k);
}

/* Per pixel of a box row (al_masked_mean()): the three channels, the
 * count and the count of pixels whose channels are not all whole numbers
 * of 2^-q (those leave the window to the definition). */
enum { MEAN_N = 5 };

/* Is each of the three channels of @v a whole number of 2^-q below 256
 * in magnitude?  (t + @big) - @big == t, @big = 1.5 * 2^(52 - q): the sum
 * rounds to a whole number of 2^-q (its ulp) and the difference is
 * exact. */
static inline bool grid_plain(const float *v, double big)
{
	/* & not &&: both tests, without a branch per channel */
	bool fixed = true;
	for (int c = 0; c < 3; c++) {
		double t = v[c];
		fixed &= (fabsf(v[c]) < 256.0f) & ((t + big) - big == t);
	}
	return fixed;
}

/* grid_plain(), first from the bits of the floats: +-0 is on the grid, and
 * so is a float below 256 in magnitude whose exponent field E is at least
 * @emin = 150 - q, a whole number of its ulp 2^(E - 150), a multiple of
 * 2^-q.  Nearly every Lab value is one; the others (tiny, off the grid,
 * 256 and beyond, NaN) ask grid_plain().  The same answer for every
 * float (test_mean_grid_reference). */
typedef struct {
	uint32_t lo, span; /* |bits| - lo < span: exponent field >= emin, below 256 */
} grid_bits;

static inline grid_bits grid_bounds(uint32_t emin)
{
	const uint32_t top = 0x43800000u; /* 256.0f */
	uint32_t lo = emin < 255 ? emin << 23 : top;
	return (grid_bits){ lo, lo < top ? top - lo : 0 };
}

static inline bool on_grid(const float *v, double big, grid_bits g)
{
#ifdef __SSE2__
	/* the three channels' bits in lanes 0-2 (lane 3: 0, on the grid);
	 * unsigned a - lo < span as a signed compare of both sides moved
	 * by 2^31 */
	const __m128i bias = _mm_set1_epi32(INT32_MIN);
	__m128 xy = _mm_castsi128_ps(_mm_loadl_epi64((const __m128i *)(const void *)v));
	__m128i a = _mm_and_si128(_mm_castps_si128(_mm_movelh_ps(xy, _mm_load_ss(v + 2))),
	                          _mm_set1_epi32(INT32_MAX));
	__m128i d = _mm_xor_si128(_mm_sub_epi32(a, _mm_set1_epi32((int)g.lo)), bias);
	__m128i in = _mm_cmplt_epi32(d, _mm_xor_si128(_mm_set1_epi32((int)g.span), bias));
	__m128i zero = _mm_cmpeq_epi32(a, _mm_setzero_si128());
	bool quick = (_mm_movemask_ps(_mm_castsi128_ps(_mm_or_si128(in, zero))) & 7) == 7;
#else
	uint32_t u[3];
	memcpy(u, v, sizeof u);
	bool quick = true;
	for (int c = 0; c < 3; c++) {
		uint32_t a = u[c] & 0x7fffffffu;
		quick &= (a - g.lo < g.span) | (a == 0);
	}
#endif
	return quick || grid_plain(v, big);
}

/* For the tests: on_grid() or, with @plain, grid_plain() of @v for q =
 * @q (-19 .. 43). */
bool al__mean_on_grid(const float *v, int q, bool plain);
bool al__mean_on_grid(const float *v, int q, bool plain)
{
	double big = ldexp(1.5, 52 - q);
	return plain ? grid_plain(v, big) : on_grid(v, big, grid_bounds((uint32_t)(150 - q)));
}

/* Row @j0 .. @j0 + @bw - 1 of the plane into @dst (@bw x MEAN_N): for a
 * pixel of label @l set in @mask, its channels and 1 when each is a whole
 * number of 2^-q below 256 in magnitude (on_grid(); @emin = 150 - q) --
 * else 0s, 1 and 1; 0s for the others. */
static void mean_row(const float *lab, const uint8_t *mask, const int *labels, int l,
                     size_t j0, int bw, double big, uint32_t emin, double *restrict dst)
{
	grid_bits g = grid_bounds(emin);
	for (int x = 0; x < bw; x++) {
		size_t j = j0 + (size_t)x;
		double *d = dst + (size_t)x * MEAN_N;
		if (!mask[j] || labels[j] != l) {
			d[0] = d[1] = d[2] = d[3] = d[4] = 0;
			continue;
		}
		const float *v = lab + j * 3;
		bool fixed = on_grid(v, big, g);
		for (int c = 0; c < 3; c++)
			d[c] = fixed ? (double)v[c] : 0.0;
		d[3] = 1;
		d[4] = !fixed;
	}
}

/* @col (@n doubles) += @add, -= @sub (either NULL): element-wise, each
 * sum exact (see al_masked_mean()), so in any grouping; vectorised. */
AL_CLONES static void mean_cols(double *restrict col, const double *restrict add,
                                const double *restrict sub, size_t n)
{
	if (add)
		for (size_t k = 0; k < n; k++)
			col[k] += add[k];
	if (sub)
		for (size_t k = 0; k < n; k++)
			col[k] -= sub[k];
}

/* Why sliding sums give the same floats: with |v| < 2^8 and a window of
 * at most 2^b pixels (within the box), let q = 43 - b.  Every value that
 * is a whole number of 2^-q makes every partial sum of the scan-order
 * double a whole number of 2^-q, and so does every sum the sliding window
 * forms on its way (a column holds at most 2r+1 rows, the window at most
 * 2r+2 columns while it moves: at most 2^(b+1) values, below 2^(9+b) =
 * 2^(52-q)): each is exact in a double, whatever the order, and equals
 * the exact sum, which the scan-order double sum is too.  So the window's
 * double sums, divided by the count, are the very floats of the
 * definition.  The rows entering the window are read once, into a ring
 * of the 2r+2 rows the window spans, and leave it from there.  A window
 * holding another value (a* or b* within 2^-(q-23) of 0 and off the grid,
 * beyond 256, NaN) is summed by the definition. */
bool al_masked_mean(const float *lab, const uint8_t *mask, const int *labels, int l,
                    int w, int h, al_region box, int r, float *out)
{
	int x0 = MAX(box.x, 0), y0 = MAX(box.y, 0);
	int x1 = MIN(box.x + box.w, w) - 1, y1 = MIN(box.y + box.h, h) - 1;
	if (x1 < x0 || y1 < y0)
		return true;
	r = MAX(r, 0);
	int bw = x1 - x0 + 1, bh = y1 - y0 + 1, b = 0;
	/* the most pixels a window holds: 2^b at least */
	uint64_t most = (uint64_t)MIN(2 * (int64_t)r + 1, bw) * (uint64_t)MIN(2 * (int64_t)r + 1, bh);
	while (b < 62 && ((uint64_t)1 << b) < most)
		b++;
	/* the rows of the ring: those the window spans, at most the box's */
	int nring = (int)MIN(2 * (int64_t)r + 2, bh);
	size_t rowlen = (size_t)bw * MEAN_N;
	double *col = al_try_new0(double, rowlen);
	double *ring = al_try_new(double, rowlen * (size_t)nring);
	if (!col || !ring) {
		g_free(col);
		g_free(ring);
		return false;
	}
	double big = ldexp(1.5, 52 - (43 - b));
	for (int y = y0 - r; y <= y1; y++) {
		/* the window's rows: y - r .. y + r; drop the one gone, add
		 * the new one (rows outside the box hold no pixel of @l) */
		int gone = y - r - 1, added = y + r;
		const double *sub = gone >= y0 && gone <= y1
		                    ? ring + (size_t)((gone - y0) % nring) * rowlen : NULL;
		double *add = NULL;
		if (added >= y0 && added <= y1) {
			add = ring + (size_t)((added - y0) % nring) * rowlen;
			/* its slot is not the one gone: they are 2r+1 rows
			 * apart, and the ring holds 2r+2 when both are in the
			 * box */
			mean_row(lab, mask, labels, l, (size_t)added * w + x0, bw, big,
			         (uint32_t)(150 - (43 - b)), add);
		}
		mean_cols(col, add, sub, rowlen);
		if (y < y0)
			continue;
		double win[MEAN_N] = { 0, 0, 0, 0, 0 };
		for (int x = x0 - r; x <= x1; x++) {
			if (x + r <= x1)
				for (int k = 0; k < MEAN_N; k++)
					win[k] += col[(size_t)(x + r - x0) * MEAN_N + k];
			if (x - r - 1 >= x0)
				for (int k = 0; k < MEAN_N; k++)
					win[k] -= col[(size_t)(x - r - 1 - x0) * MEAN_N + k];
			if (x < x0)
				continue;
			size_t i = (size_t)y * w + x;
			if (!mask[i] || labels[i] != l)
				continue;
			if (win[4] != 0) {
				masked_mean_at(lab, mask, labels, l, w, h, x, y, r, out);
				continue;
			}
			for (int c = 0; c < 3; c++)
				out[i * 3 + c] = (float)(win[c] / win[3]);
		}
	}
	g_free(ring);
	g_free(col);
	return true;
}

/* al_flat3()'s second pass over row @f: bit 1 (set) when the pixel and
 * the rows above (@fu, colours @cu) and below (@fd, @cd) have bit 2 set
 * and its colour @c.  @f is another row than @fu and @fd (which may be
 * one row): restrict lets the loop be vectorised. */
static void flat_row(uint8_t *restrict f, const uint8_t *restrict fu,
                     const uint8_t *restrict fd, const uint8_t *restrict c,
                     const uint8_t *restrict cu, const uint8_t *restrict cd, int w)
{
	for (int x = 0; x < w; x++) {
		uint32_t v, vu, vd;
		memcpy(&v, c + (size_t)x * 4, 4);
		memcpy(&vu, cu + (size_t)x * 4, 4);
		memcpy(&vd, cd + (size_t)x * 4, 4);
		f[x] |= (uint8_t)((f[x] >> 1) & (fu[x] >> 1) & (fd[x] >> 1) &
		                  (vu == v) & (vd == v));
	}
}

/* flat_row() where the rows above and below are this row's RGBA (so
 * also its bit 2): bit 1 is bit 2. */
static void flat_row_alone(uint8_t *restrict f, int w)
{
	for (int x = 0; x < w; x++)
		f[x] |= (uint8_t)(f[x] >> 1);
}

AL_CLONES static void flat3(const al_measure *m, uint8_t *flat)
{
	int w = m->width, h = m->height;
	if (w <= 0 || h <= 0)
		return;
	/* bit 2: the pixel's left and right neighbours (in the image) have
	 * its RGBA (m->run counts the repeats to the left) */
	for (int y = 0; y < h; y++) {
		const uint8_t *run = m->run + (size_t)y * w;
		uint8_t *f = flat + (size_t)y * w;
		if (w == 1) {
			f[0] = 2;
			continue;
		}
		f[0] = (uint8_t)((run[1] > 0) << 1);
		for (int x = 1; x < w - 1; x++)
			f[x] = (uint8_t)(((run[x] > 0) & (run[x + 1] > 0)) << 1);
		f[w - 1] = (uint8_t)((run[w - 1] > 0) << 1);
	}
	/* bit 1: so do the rows above and below, with its RGBA.  A row
	 * missing at the top or bottom drops out (the other one is taken
	 * twice); one row alone is flat where bit 2 says so */
	if (h == 1) {
		for (int x = 0; x < w; x++)
			flat[x] = (uint8_t)(flat[x] >> 1);
		return;
	}
	/* a row whose RGBA is that of the rows above and below has their
	 * bit 2 too (a function of the row's RGBA): the pixel's own bit 2
	 * decides (a flat band of a logo or a hero).  eq_dn: row y is the
	 * row below it, to the byte */
	bool eq_dn = false;
	size_t row_bytes = (size_t)w * 4;
	for (int y = 0; y < h; y++) {
		size_t row = (size_t)y * w;
		size_t up = y > 0 ? row - w : row + w, dn = y + 1 < h ? row + w : row - w;
		const uint8_t *c = m->rgba + row * 4;
		bool eq_up = y > 0 ? eq_dn : memcmp(c, m->rgba + up * 4, row_bytes) == 0;
		eq_dn = y + 1 < h ? memcmp(c, m->rgba + dn * 4, row_bytes) == 0 : eq_up;
		if (eq_up && eq_dn)
			flat_row_alone(flat + row, w);
		else
			flat_row(flat + row, flat + up, flat + dn, c, m->rgba + up * 4,
			         m->rgba + dn * 4, w);
	}
	for (size_t i = 0; i < (size_t)w * h; i++)
		flat[i] &= 1;
}

void al_flat3(const al_measure *m, uint8_t *flat)
{
	flat3(m, flat);
}

/* The least of each three neighbours of @row, a row of @w: out[x - x0] =
 * the least of row[x - 1 .. x + 1], for x0 <= x < x1 (inside 1 .. w - 2).
 * No dependence between columns: vectorised. */
static void min3_row(const uint16_t *restrict row, int x0, int x1, uint16_t *restrict out)
{
	for (int x = x0; x < x1; x++) {
		uint16_t a = row[x - 1], b = row[x], c = row[x + 1];
		uint16_t m = a < b ? a : b;
		out[x - x0] = m < c ? m : c;
	}
}

#ifdef __SSE2__
/* The two chamfer passes over one inside row @d (columns 1 .. w - 2) of
 * an image whose distances all stay below 30,000, eight columns at a
 * time: the same values as the pixel-by-pixel steps (no sum comes near
 * 2^15, so the signed 16-bit lanes hold them exactly).
 * Forward, with @up the row above: d[x] = d[x] ? min(d[x - 1], u[x]) + 1
 * : 0, u[x] the least of up[x - 1 .. x + 1].  Unrolled over eight
 * columns j = 0 .. 7 after a carry c = d[x0 - 1] + 1, that is d[j] = j +
 * min(c, G[0], .., G[j]) with G[j] = u[j] + 1 - j for a set pixel and
 * -j for an unset one (which then gets 0, and gives its right neighbour
 * 1): a running minimum, three shifts and minima in a register.
 * Inlined into distance_chess() and so built in each of its clones: a
 * call from the AVX2 clone to SSE2 code (legacy encoding) left the upper
 * halves of the ymm registers dirty, and every SSE instruction of the
 * process after it paid for that (the bench tree +20 % CPU, palette's
 * loops twice as slow, the instructions unchanged). */
static inline __attribute__((always_inline)) void chess_forward_row(uint16_t *d, const uint16_t *up, int w)
{
	const __m128i lane = _mm_setr_epi16(0, 1, 2, 3, 4, 5, 6, 7), one = _mm_set1_epi16(1);
	const __m128i inf1 = _mm_setr_epi16(0x7fff, 0, 0, 0, 0, 0, 0, 0);
	const __m128i inf2 = _mm_setr_epi16(0x7fff, 0x7fff, 0, 0, 0, 0, 0, 0);
	const __m128i inf4 = _mm_setr_epi16(0x7fff, 0x7fff, 0x7fff, 0x7fff, 0, 0, 0, 0);
	int x = 1, c = d[0] + 1;
	for (; x + 8 <= w - 1; x += 8) {
		__m128i u = _mm_min_epi16(_mm_loadu_si128((const __m128i *)(const void *)(up + x - 1)),
		                          _mm_loadu_si128((const __m128i *)(const void *)(up + x)));
		u = _mm_min_epi16(u, _mm_loadu_si128((const __m128i *)(const void *)(up + x + 1)));
		__m128i unset = _mm_cmpeq_epi16(_mm_loadu_si128((const __m128i *)(const void *)(d + x)),
		                                _mm_setzero_si128());
		__m128i g = _mm_sub_epi16(_mm_andnot_si128(unset, _mm_add_epi16(u, one)), lane);
		g = _mm_min_epi16(g, _mm_or_si128(_mm_slli_si128(g, 2), inf1));
		g = _mm_min_epi16(g, _mm_or_si128(_mm_slli_si128(g, 4), inf2));
		g = _mm_min_epi16(g, _mm_or_si128(_mm_slli_si128(g, 8), inf4));
		__m128i r = _mm_add_epi16(_mm_min_epi16(g, _mm_set1_epi16((short)c)), lane);
		_mm_storeu_si128((__m128i *)(void *)(d + x), r);
		c = _mm_extract_epi16(r, 7) + 1;
	}
	for (; x < w - 1; x++) {
		uint16_t u = MIN(MIN(up[x - 1], up[x]), up[x + 1]), l = d[x - 1];
		d[x] = d[x] ? (uint16_t)(MIN(l, u) + 1) : 0;
	}
}

/* Backward, with @down the row below, right to left: d[x] = min(d[x],
 * min(d[x + 1], u[x]) + 1).  With H[j] = min(d[j], u[j] + 1) and the
 * carry c = d[x0 + 8] on the right, d[j] = min(c + 8, H[k] + k for k >= j)
 * - j: a running minimum from the right. */
static inline __attribute__((always_inline)) void chess_backward_row(uint16_t *d, const uint16_t *down, int w)
{
	const __m128i lane = _mm_setr_epi16(0, 1, 2, 3, 4, 5, 6, 7), one = _mm_set1_epi16(1);
	const __m128i inf1 = _mm_setr_epi16(0, 0, 0, 0, 0, 0, 0, 0x7fff);
	const __m128i inf2 = _mm_setr_epi16(0, 0, 0, 0, 0, 0, 0x7fff, 0x7fff);
	const __m128i inf4 = _mm_setr_epi16(0, 0, 0, 0, 0x7fff, 0x7fff, 0x7fff, 0x7fff);
	int x0 = w - 1 - 8, c = d[w - 1];
	for (; x0 >= 1; x0 -= 8) {
		__m128i u = _mm_min_epi16(_mm_loadu_si128((const __m128i *)(const void *)(down + x0 - 1)),
		                          _mm_loadu_si128((const __m128i *)(const void *)(down + x0)));
		u = _mm_min_epi16(u, _mm_loadu_si128((const __m128i *)(const void *)(down + x0 + 1)));
		__m128i e = _mm_min_epi16(_mm_loadu_si128((const __m128i *)(const void *)(d + x0)),
		                          _mm_add_epi16(u, one));
		e = _mm_add_epi16(e, lane);
		e = _mm_min_epi16(e, _mm_or_si128(_mm_srli_si128(e, 2), inf1));
		e = _mm_min_epi16(e, _mm_or_si128(_mm_srli_si128(e, 4), inf2));
		e = _mm_min_epi16(e, _mm_or_si128(_mm_srli_si128(e, 8), inf4));
		__m128i r = _mm_sub_epi16(_mm_min_epi16(e, _mm_set1_epi16((short)(c + 8))), lane);
		_mm_storeu_si128((__m128i *)(void *)(d + x0), r);
		c = _mm_extract_epi16(r, 0);
	}
	for (int x = x0 + 7; x >= 1; x--) {
		uint16_t u = MIN(MIN(down[x - 1], down[x]), down[x + 1]), r = d[x + 1];
		d[x] = (uint16_t)MIN(d[x], MIN(r, u) + 1);
	}
}
#endif

AL_CLONES static void distance_chess(const uint8_t *mask, int w, int h, uint16_t *dist)
{
	size_t n = (size_t)w * h;
	/* the row above's (or below's) three neighbours of a stretch of
	 * columns: the part of each step without a dependence along the
	 * row, computed first */
	enum { CHUNK = 256 };
	uint16_t near[CHUNK];

	/* The rim touches the outside, which counts as unset: 1 there.  The
	 * two chamfer passes then run on the inside only, without bounds
	 * checks; an unset pixel keeps its 0. */
	for (size_t i = 0; i < n; i++)
		dist[i] = mask[i] != 0;
#ifdef __SSE2__
	/* a distance grows by at most 1 a step from the rim's 0 or 1: at
	 * most min(w, h) */
	if (MIN(w, h) < 30000) {
		for (int y = 1; y < h - 1; y++)
			chess_forward_row(dist + (size_t)y * w, dist + (size_t)(y - 1) * w, w);
		for (int y = h - 2; y >= 1; y--)
			chess_backward_row(dist + (size_t)y * w, dist + (size_t)(y + 1) * w, w);
		return;
	}
#endif
	for (int y = 1; y < h - 1; y++) {
		uint16_t *d = dist + (size_t)y * w;
		const uint16_t *up = d - w;
		for (int x0 = 1; x0 < w - 1; x0 += CHUNK) {
			int x1 = MIN(x0 + CHUNK, w - 1);
			min3_row(up, x0, x1, near);
			for (int x = x0; x < x1; x++) {
				uint16_t l = d[x - 1], u = near[x - x0];
				uint16_t mn = l < u ? l : u;
				d[x] = d[x] ? (uint16_t)(mn + 1) : 0;
			}
		}
	}
	for (int y = h - 2; y >= 1; y--) {
		uint16_t *d = dist + (size_t)y * w;
		const uint16_t *down = d + w;
		for (int x1 = w - 1; x1 > 1; x1 -= CHUNK) {
			int x0 = MAX(x1 - CHUNK, 1);
			min3_row(down, x0, x1, near);
			for (int x = x1 - 1; x >= x0; x--) {
				uint16_t r = d[x + 1], u = near[x - x0];
				uint16_t mn = r < u ? r : u;
				d[x] = (uint16_t)MIN(d[x], mn + 1);
			}
		}
	}
}

void al_distance_chess(const uint8_t *mask, int w, int h, uint16_t *dist)
{
	distance_chess(mask, w, h, dist);
}

/* Is pixel (x, y) a blend of two opposite neighbours that differ by more
 * than @edge_de?  Anti-aliased edges, soft edges and resampling make such
 * in-between colours; a thin stroke between two background pixels is not
 * one (it is not between them).  The general case with bounds checks;
 * al_is_blend() handles the inside of the image without them. */
bool al_blend_split(const float *lab, int w, int h, int x, int y, float edge_de,
                    size_t *a, size_t *b, float *t)
{
	static const int dirs[4][2] = { { 1, 0 }, { 0, 1 }, { 1, 1 }, { 1, -1 } };
	const float *p = lab + ((size_t)y * w + x) * 3;
	/* inside (and not the last column but one: the loads read a float
	 * past each pixel), the pairs too close to be blends first, four at
	 * once (al_blend_pairs_far()) */
	unsigned far = 0xfu;
	if (x >= 1 && y >= 1 && x + 2 < w && y + 1 < h) {
		const ptrdiff_t off[4] = { 3, (ptrdiff_t)w * 3, ((ptrdiff_t)w + 1) * 3,
		                           3 - (ptrdiff_t)w * 3 };
		far = al_blend_pairs_far(p, off, 1.0f, edge_de * edge_de);
	}
	for (int k = 0; k < 4; k++) {
		if (!(far >> k & 1u))
			continue;
		int ax = x - dirs[k][0], ay = y - dirs[k][1];
		int bx = x + dirs[k][0], by = y + dirs[k][1];
		if (ax < 0 || ay < 0 || bx < 0 || by < 0 || ax >= w ||
		    bx >= w || ay >= h || by >= h)
			continue;
		size_t ia = (size_t)ay * w + ax, ib = (size_t)by * w + bx;
		if (al_blend_pair(p, lab + ia * 3, lab + ib * 3, edge_de, t)) {
			if (a)
				*a = ia;
			if (b)
				*b = ib;
			return true;
		}
	}
	return false;
}
