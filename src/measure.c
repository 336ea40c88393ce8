/* Shared measurements, computed once per image: CIELAB per pixel, the
 * background model read from the border, the background region grown from
 * the border, and statistics of the foreground.  The algorithm and every
 * threshold are described in assetlint(1), "Background model and foreground
 * mask" (man/parts/40-measure.roff).
 *
 * The thresholds are parameters of the background-white rule
 * (background-white.bg_tolerance, .bg_step, .border_share,
 * .alpha_transparent), because that rule is the first reader of the model;
 * changing them changes the model every rule sees. */
#include <string.h>
#include "al_internal.h"
#include "regions.h"
#include "rules/rules.h"

/* Width of the border ring: 2 % of the short side, at least 2 px, at most
 * half the short side. */
#define RING_SHARE 0.02
#define RING_MIN 2

/* Two flat colours must make up this share of a mixed border ring to be
 * a two-tone canvas (the rest: anti-aliasing, the mark touching it). */
#define TWO_TONE_RING 0.9
/* ... and without their anti-aliased mixes, this share (a gradient along
 * the border is all mixes of its two ends). */
#define TWO_TONE_FLAT 0.75

/* Share of a card's box that must be opaque foreground. */
#define CARD_SOLID 0.75
/* The card's ring is read this many px inside its box at most: the box's
 * outer line is often the card's anti-aliased edge. */
#define CARD_INSET 2

/* A frame at least this deep in px, and BAND_SHARE of the short side,
 * is also a page margin (al_measure_band()). */
#define BAND_MIN 3
#define BAND_SHARE 0.05

/* Deepest frame line peeled off a side (it is also at most the ring width
 * plus one, or FRAME_SHARE of the short side when that is more, and at
 * most a quarter of the short side). */
#define FRAME_MAX 8
/* ... or this share of the short side when that is deeper (4 px from
 * 115 px); one line more when it is the frame's soft inner edge: a 3-px
 * frame drawn off the pixel grid spans 4 lines. */
#define FRAME_SHARE 0.035

/* Quantisation of the border histogram: 4 bits per channel, so JPEG noise
 * on a flat colour lands in one or two bins. */
#define QBITS 4
#define QBINS (1 << (3 * QBITS))

/* The bin of shown colour @c in the ring histograms: QBITS bits a channel. */
static inline int shown_bin(const uint8_t c[3])
{
	return (c[0] >> (8 - QBITS)) << (2 * QBITS) | (c[1] >> (8 - QBITS)) << QBITS |
	       (c[2] >> (8 - QBITS));
}

/* Passes 3 and 4 of the ring colour end alike however the ring is read
 * (ring_color_passes(), ring_color()): pass 3's mean of the @k pixels near
 * the seed (sums @sl in Lab, @sr in shown RGB) becomes the seed @s and the
 * colour; pass 4's count of them over @total is the share. */
static void ring_settle(int pass, int k, int total, const double sl[3], const double sr[3],
                        float s[3], uint8_t rgb[3], float lab[3], double *share)
{
	if (pass == 0) {
		for (int c2 = 0; c2 < 3; c2++) {
			s[c2] = (float)(sl[c2] / k);
			rgb[c2] = (uint8_t)CLAMP(sr[c2] / k + 0.5, 0, 255);
		}
		memcpy(lab, s, 3 * sizeof *s);
	} else {
		*share = (double)k / total;
	}
}

/* Border ring width in px for a width x height image.  No allocation. */
int al_measure_ring_width(int width, int height)
{
	int s = MIN(width, height);
	int bw = (int)(s * RING_SHARE + 0.5);
	bw = MAX(bw, RING_MIN);
	bw = MIN(bw, MAX(1, (s + 1) / 2));
	return bw;
}

/* The colour pixel @i shows over white: straight RGB for opaque pixels,
 * composited over white otherwise (the RGB under alpha 0 is junk). */
static inline void shown_rgb(const uint8_t *p, uint8_t out[3])
{
	unsigned a = p[3];
	for (int c = 0; c < 3; c++)
		out[c] = a == 255 ? p[c]
		                  : (uint8_t)((p[c] * a + 255u * (255u - a) + 127u) / 255u);
}

/* Next x of the ring on row @y: middle rows jump over the interior, so a
 * ring pass costs the ring, not the image. */
static inline int ring_next(int x, int y, const al_region *r, int bw)
{
	x++;
	if (y >= r->y + bw && y < r->y + r->h - bw && x == r->x + bw && r->w > 2 * bw)
		x = r->x + r->w - bw;
	return x;
}

static inline bool in_ring(int x, int y, const al_region *r, int bw)
{
	return x < r->x + bw || x >= r->x + r->w - bw ||
	       y < r->y + bw || y >= r->y + r->h - bw;
}

/* The stretches of row @y that ring_next() visits, as [xs[k][0],
 * xs[k][1]): the whole row, or its two ends on a middle row.  Returns how
 * many (1 or 2).  Every pixel in them is in_ring(); a pass over them
 * visits the ring's pixels in ring_next()'s order, without a test a
 * pixel. */
static inline int ring_spans(int y, const al_region *r, int bw, int xs[2][2])
{
	bool mid = y >= r->y + bw && y < r->y + r->h - bw && r->w > 2 * bw;
	xs[0][0] = r->x;
	xs[0][1] = mid ? r->x + bw : r->x + r->w;
	xs[1][0] = r->x + r->w - bw;
	xs[1][1] = r->x + r->w;
	return mid ? 2 : 1;
}

/* Are pixels @x0..@x1 (inclusive) of row @y all the exact RGBA @first
 * (4 bytes)?  Through m->run from the right end: a pixel whose run is 255
 * repeats the 255 pixels left of it, so a stretch of any length costs one
 * look-up per 255 px. */
static bool same_stretch(const al_measure *m, int y, int x0, int x1, const uint8_t *first)
{
	size_t i = (size_t)y * m->width + x1;
	if (memcmp(m->rgba + i * 4, first, 4))
		return false;
	for (; x1 - x0 > 255; x1 -= 255, i -= 255)
		if (m->run[i] < 255)
			return false;
	return m->run[i] >= x1 - x0;
}

/* Is the ring of width @bw inside @r (not empty) one exact RGBA?  Its
 * rows, or the stretches of its middle rows (same_stretch()). */
static bool one_rgba(const al_measure *m, const al_region *r, int bw)
{
	if (bw < 1 || r->w <= 0 || r->h <= 0 || (size_t)r->w * r->h >= (size_t)1 << 29)
		return false;
	const uint8_t *first = m->rgba + ((size_t)r->y * m->width + r->x) * 4;
	int x0 = r->x, x1 = r->x + r->w - 1, ya = r->y, yb = r->y + r->h;
	/* the middle rows ma .. mb - 1 (bw rows in from the top and the
	 * bottom, where the ring is narrower than the box): their two ends;
	 * the other rows: all of them */
	bool sides = r->w > 2 * bw;
	int ma = sides ? MIN(yb, ya + bw) : yb, mb = sides ? MAX(ma, yb - bw) : yb;
	for (int y = ya; y < ma; y++)
		if (!same_stretch(m, y, x0, x1, first))
			return false;
	for (int y = ma; y < mb; y++)
		if (!same_stretch(m, y, x0, x0 + bw - 1, first) ||
		    !same_stretch(m, y, x1 - bw + 1, x1, first))
			return false;
	for (int y = mb; y < yb; y++)
		if (!same_stretch(m, y, x0, x1, first))
			return false;
	return true;
}

/* End of the run of pixel @i (at @x) inside its stretch, which ends
 * before @x1: the pixels after it whose m->run says each repeats the one
 * left of it.  One RGBA, so one shown colour and, as compute_lab()
 * writes a run's one conversion, one Lab (see the foreground mean). */
static inline int ring_run(const al_measure *m, size_t i, int x, int x1)
{
	const uint8_t *run = m->run + i - (size_t)x;
	int e = x + 1;
	/* a run of one pixel (most, where the ring is noisy) */
	if (e >= x1 || !run[e])
		return e;
#ifdef __SSE2__
	/* sixteen at a time, to the first pixel that starts another run */
	for (const __m128i z = _mm_setzero_si128(); e + 16 <= x1; e += 16) {
		unsigned go = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(
			_mm_loadu_si128((const __m128i *)(const void *)(run + e)), z));
		if (go)
			return e + __builtin_ctz(go);
	}
#endif
	while (e < x1 && run[e])
		e++;
	return e;
}

/* al_sum_repeat() of a run of @k pixels: a lone pixel (most, where the
 * ring is noisy) is one addition, as al_sum_repeat() adds it. */
static inline void sum_run(double *s, float v, int k)
{
	if (k == 1)
		*s += v;
	else
		al_sum_repeat(s, v, k);
}

/* al_de76_sq_limit(@tol), remembered per thread: a measure reads dozens
 * of rings with one tolerance, and the limit takes a few roots. */
static float ring_limit(float tol)
{
	static _Thread_local float last_tol, last_lim;
	static _Thread_local bool known;

	if (!known || memcmp(&last_tol, &tol, sizeof tol) != 0) {
		last_lim = al_de76_sq_limit(tol);
		last_tol = tol;
		known = true;
	}
	return last_lim;
}

/* ring_color() past the ring of one RGBA, in four passes over the ring
 * (the tests' reference, and the way when the list of ring_color() does
 * not fit in memory).  @hist: see ring_color(). */
static void ring_color_passes(const al_measure *m, const al_region *r, int bw, int alpha_min,
                              float tol, uint8_t rgb[3], float lab[3], double *share,
                              double *opaque_share, guint32 *hist)
{
	int total = 0, opaque = 0, mode = -1;
	double seed[3] = { 0, 0, 0 };

	*share = 0;
	if (opaque_share)
		*opaque_share = 0;
	memset(rgb, 0, 3);
	memset(lab, 0, 3 * sizeof *lab);
	/* The passes read a stretch run by run (ring_run()): the pixels of a
	 * run are one RGBA and one Lab, so one shown colour and one decision;
	 * a count grows by the run, a sum by al_sum_repeat() -- the bits of
	 * adding pixel by pixel. */
	/* pass 1: histogram of the quantised shown colour of opaque pixels */
	for (int y = r->y, xs[2][2]; y < r->y + r->h; y++)
		for (int sp = 0, ns = ring_spans(y, r, bw, xs); sp < ns; sp++)
		for (int x = xs[sp][0], e; x < xs[sp][1]; x = e) {
			size_t i = (size_t)y * m->width + x;
			e = ring_run(m, i, x, xs[sp][1]);
			const uint8_t *p = m->rgba + i * 4;
			total += e - x;
			if (p[3] < alpha_min)
				continue;
			opaque += e - x;
			uint8_t c[3];
			shown_rgb(p, c);
			int q = shown_bin(c);
			/* one by one, the mode turns to q at the first pixel
			 * that lifts hist[q] past hist[mode], which the run does
			 * not change: so when the run's last pixel does */
			hist[q] += (guint32)(e - x);
			if (mode < 0 || hist[q] > hist[mode])
				mode = q;
		}
	if (total == 0 || mode < 0)
		return;
	/* pass 2: Lab mean of the mode bin = the seed (and the bins cleared) */
	int n = 0;
	for (int y = r->y, xs[2][2]; y < r->y + r->h; y++)
		for (int sp = 0, ns = ring_spans(y, r, bw, xs); sp < ns; sp++)
		for (int x = xs[sp][0], e; x < xs[sp][1]; x = e) {
			size_t i = (size_t)y * m->width + x;
			e = ring_run(m, i, x, xs[sp][1]);
			const uint8_t *p = m->rgba + i * 4;
			if (p[3] < alpha_min)
				continue;
			uint8_t c[3];
			shown_rgb(p, c);
			int q = shown_bin(c);
			hist[q] = 0;
			if (q != mode)
				continue;
			const float *l = m->lab + i * 3;
			for (int c2 = 0; c2 < 3; c2++)
				sum_run(&seed[c2], l[c2], e - x);
			n += e - x;
		}
	float s[3] = { (float)(seed[0] / n), (float)(seed[1] / n), (float)(seed[2] / n) };
	/* passes 3 and 4: the mean of the pixels within @tol of the seed is the
	 * colour; the share within @tol of that mean is the agreement.  "Within"
	 * compares squared distances with al_de76_sq_limit(): the decisions of
	 * al_de76() >= @tol, without a root per pixel (a NaN @tol stays NaN,
	 * so that no pixel is left out, as before). */
	float tol2 = isnan(tol) ? tol : ring_limit(tol);
	for (int pass = 0; pass < 2; pass++) {
		double sl[3] = { 0, 0, 0 }, sr[3] = { 0, 0, 0 };
		int k = 0;
		for (int y = r->y, xs[2][2]; y < r->y + r->h; y++)
			for (int sp = 0, ns = ring_spans(y, r, bw, xs); sp < ns; sp++)
			for (int x = xs[sp][0], e; x < xs[sp][1]; x = e) {
				size_t i = (size_t)y * m->width + x;
				e = ring_run(m, i, x, xs[sp][1]);
				const uint8_t *p = m->rgba + i * 4;
				if (p[3] < alpha_min)
					continue;
				const float *l = m->lab + i * 3;
				if (al_de76_sq(l, s) >= tol2)
					continue;
				k += e - x;
				/* the agreement (pass 4) is the count alone */
				if (pass == 1)
					continue;
				uint8_t c[3];
				shown_rgb(p, c);
				for (int c2 = 0; c2 < 3; c2++) {
					sum_run(&sl[c2], l[c2], e - x);
					sum_run(&sr[c2], c[c2], e - x);
				}
			}
		if (k == 0)
			break; /* cannot happen: the seed's own bin is near it */
		ring_settle(pass, k, total, sl, sr, s, rgb, lab, share);
	}
	if (opaque_share)
		*opaque_share = (double)opaque / total;
}

/* A run of one RGBA in the ring that is visible (alpha >= alpha_min):
 * its first pixel, its length, its shown colour and that colour's bin. */
typedef struct {
	guint32 i, len;
	int q;
	uint8_t c[3];
} ring_piece;

/* The thread's list of ring pieces, kept from ring to ring; freed when
 * its thread ends. */
typedef struct {
	ring_piece *p;
	size_t cap;
} piece_list;

static void piece_list_free(gpointer data)
{
	piece_list *l = data;
	if (l)
		g_free(l->p);
	g_free(l);
}

static GPrivate pieces_key = G_PRIVATE_INIT(piece_list_free);

/* Room for @n pieces in the thread's list, or NULL when out of memory. */
static ring_piece *pieces_for(size_t n)
{
	piece_list *l = g_private_get(&pieces_key);
	if (!l) {
		l = g_new0(piece_list, 1);      /* fixed size: see alloc.c */
		g_private_set(&pieces_key, l);
	}
	if (l->cap < n) {
		ring_piece *p = al_try_new(ring_piece, MAX(n, 2 * l->cap));
		if (!p)
			return NULL;
		g_free(l->p);
		l->p = p;
		l->cap = MAX(n, 2 * l->cap);
	}
	return l->p;
}

/* See al_internal.h. */
bool al__ring_color_passes;

/* al_measure_ring_color() with the caller's histogram of QBINS bins,
 * all 0, which it leaves all 0 (its bins are cleared as pass 2 reads the
 * ring): a run of ring reads (the frame lines: up to 36 one-px lines)
 * shares one histogram instead of clearing 16 KiB for each.
 * The passes of ring_color_passes(), reading the ring once: its visible
 * runs (their shown colour and bin worked out once) go to a list in the
 * passes' order, and passes 2 to 4 read the list -- the same runs in the
 * same order, so the same sums to the bit. */
static void ring_color(const al_measure *m, const al_region *r, int bw, int alpha_min,
                       float tol, uint8_t rgb[3], float lab[3], double *share,
                       double *opaque_share, guint32 *hist)
{
	int total = 0, opaque = 0, mode = -1;
	size_t np = 0;
	double seed[3] = { 0, 0, 0 };

	*share = 0;
	if (opaque_share)
		*opaque_share = 0;
	memset(rgb, 0, 3);
	memset(lab, 0, 3 * sizeof *lab);
	if (tol > 0 && one_rgba(m, r, bw)) {
		/* One RGBA all round (a plain border, most frame-line probes):
		 * the passes below would find it, to the last bit.  n equal
		 * floats sum exactly in a double (24 + 29 bits), so every mean
		 * is the colour itself: the seed and the colour are its Lab,
		 * everything lies within @tol of them.  Invisible: no colour. */
		const uint8_t *p = m->rgba + ((size_t)r->y * m->width + r->x) * 4;
		if (p[3] < alpha_min)
			return;
		shown_rgb(p, rgb);
		memcpy(lab, m->lab + ((size_t)r->y * m->width + r->x) * 3, 3 * sizeof *lab);
		*share = 1.0;
		if (opaque_share)
			*opaque_share = 1.0;
		return;
	}
	/* at most one piece a pixel of the ring */
	size_t ring = (size_t)MAX(r->w, 0) * (size_t)MAX(r->h, 0);
	if (r->w > 2 * bw && r->h > 2 * bw)
		ring -= (size_t)(r->w - 2 * bw) * (size_t)(r->h - 2 * bw);
	ring_piece *pc = NULL;
	if (al__ring_color_passes || !(pc = pieces_for(MAX(ring, 1)))) {
		ring_color_passes(m, r, bw, alpha_min, tol, rgb, lab, share, opaque_share, hist);
		return;
	}
	/* pass 1: histogram of the quantised shown colour of opaque pixels,
	 * and the list */
	for (int y = r->y, xs[2][2]; y < r->y + r->h; y++)
		for (int sp = 0, ns = ring_spans(y, r, bw, xs); sp < ns; sp++)
		for (int x = xs[sp][0], e; x < xs[sp][1]; x = e) {
			size_t i = (size_t)y * m->width + x;
			e = ring_run(m, i, x, xs[sp][1]);
			const uint8_t *p = m->rgba + i * 4;
			total += e - x;
			if (p[3] < alpha_min)
				continue;
			opaque += e - x;
			ring_piece *k = pc + np++;
			shown_rgb(p, k->c);
			k->i = (guint32)i;
			k->len = (guint32)(e - x);
			k->q = shown_bin(k->c);
			/* see ring_color_passes() */
			hist[k->q] += (guint32)(e - x);
			if (mode < 0 || hist[k->q] > hist[mode])
				mode = k->q;
		}
	if (total == 0 || mode < 0)
		return;
	/* pass 2: Lab mean of the mode bin = the seed (and the bins cleared) */
	int n = 0;
	for (size_t j = 0; j < np; j++) {
		hist[pc[j].q] = 0;
		if (pc[j].q != mode)
			continue;
		const float *l = m->lab + (size_t)pc[j].i * 3;
		for (int c2 = 0; c2 < 3; c2++)
			sum_run(&seed[c2], l[c2], (int)pc[j].len);
		n += (int)pc[j].len;
	}
	float s[3] = { (float)(seed[0] / n), (float)(seed[1] / n), (float)(seed[2] / n) };
	/* passes 3 and 4 (see ring_color_passes()) */
	float tol2 = isnan(tol) ? tol : ring_limit(tol);
	for (int pass = 0; pass < 2; pass++) {
		double sl[3] = { 0, 0, 0 }, sr[3] = { 0, 0, 0 };
		int k = 0;
		for (size_t j = 0; j < np; j++) {
			const float *l = m->lab + (size_t)pc[j].i * 3;
			if (al_de76_sq(l, s) >= tol2)
				continue;
			int len = (int)pc[j].len;
			k += len;
			if (pass == 1)
				continue;
			for (int c2 = 0; c2 < 3; c2++) {
				sum_run(&sl[c2], l[c2], len);
				sum_run(&sr[c2], pc[j].c[c2], len);
			}
		}
		if (k == 0)
			break; /* cannot happen: the seed's own bin is near it */
		ring_settle(pass, k, total, sl, sr, s, rgb, lab, share);
	}
	if (opaque_share)
		*opaque_share = (double)opaque / total;
}

/* Dominant colour of the ring inside @r (see al_internal.h).  Borrows @m;
 * writes only the caller's outputs; its histogram is the thread's zeroed
 * scratch, given back all 0.  Returns AL_OK. */
al_status al_measure_ring_color(const al_measure *m, const al_region *r,
                                int bw, int alpha_min, float tol,
                                uint8_t rgb[3], float lab[3], double *share,
                                double *opaque_share)
{
	/* ring_color() leaves every bin it counts cleared (see frame_depths) */
	guint32 *hist = al_zeroed_take(QBINS * sizeof *hist);
	ring_color(m, r, bw, alpha_min, tol, rgb, lab, share, opaque_share, hist);
	al_zeroed_give(hist);
	return AL_OK;
}

/* Lab of every pixel as shown over white.  An image has a few hundred
 * colours, mostly in runs: a run reuses the last conversion, and other
 * colours come from a small direct-mapped table of conversions keyed by
 * the stored RGBA (equal RGBA, equal colour shown), so each colour is
 * converted about once. */
#define LAB_CACHE 1024
typedef struct {
	guint64 key;             /* RGBA | 1 << 32; 0: empty */
	float lab[3];
} lab_slot;

/* m->run's values along a run: 0, 1, .. 255 (then 255 on). */
static const uint8_t run_ramp[256] = {
#define R4(k) (k), (k) + 1, (k) + 2, (k) + 3
#define R16(k) R4(k), R4((k) + 4), R4((k) + 8), R4((k) + 12)
#define R64(k) R16(k), R16((k) + 16), R16((k) + 32), R16((k) + 48)
	R64(0), R64(64), R64(128), R64(192)
#undef R64
#undef R16
#undef R4
};

/* al_rgba_run_end(), sixteen pixels a step past the first four (a flat
 * background's runs are hundreds of pixels long). */
static inline int long_run_end(const uint8_t *row, int x, int w)
{
	int e = x + 1;
#ifdef __SSE2__
	if (e + 4 <= w) {
		uint32_t v;
		memcpy(&v, row + (size_t)x * 4, 4);
		const __m128i vv = _mm_set1_epi32((int)v);
#define EQ(k) _mm_cmpeq_epi32(_mm_loadu_si128((const __m128i *)(const void *)(row + (size_t)(e + 4 * (k)) * 4)), vv)
		int eq = _mm_movemask_ps(_mm_castsi128_ps(EQ(0)));
		if (eq != 0xf)
			return e + __builtin_ctz((unsigned)~eq);
		for (e += 4; e + 16 <= w; e += 16)
			if (_mm_movemask_epi8(_mm_and_si128(_mm_and_si128(EQ(0), EQ(1)),
			                                    _mm_and_si128(EQ(2), EQ(3)))) != 0xFFFF)
				break;
#undef EQ
	}
#endif
	/* pixel e - 1 is of the run: on from e */
	return al_rgba_run_end(row, e - 1, w);
}

/* The table is the thread's, kept from image to image (a conversion is
 * a function of the RGBA: an entry never goes stale), so it is neither
 * allocated nor cleared per image; freed when its thread ends. */
static GPrivate lab_cache_key = G_PRIVATE_INIT(g_free);

static void compute_lab(al_measure *m)
{
	int w = m->width, h = m->height;
	lab_slot *cache = g_private_get(&lab_cache_key);
	if (!cache) {
		cache = g_new0(lab_slot, LAB_CACHE);     /* fixed size: see alloc.c */
		g_private_set(&lab_cache_key, cache);
	}
	for (int y = 0; y < h; y++) {
		const uint8_t *row = m->rgba + (size_t)y * w * 4;
		uint8_t *run = m->run + (size_t)y * w;
		float *lab = m->lab + (size_t)y * w * 3;
		for (int x = 0; x < w;) {
			guint32 v;
			memcpy(&v, row + (size_t)x * 4, 4);
			/* the run of v's exact RGBA from x */
			int e = long_run_end(row, x, w);
			guint64 key = v | (guint64)1 << 32;
			lab_slot *s = cache + ((v * 2654435761u) >> 22);
			if (s->key != key) {
				uint8_t c[3];
				shown_rgb(row + (size_t)x * 4, c);
				al_srgb_to_lab(c[0], c[1], c[2], s->lab);
				s->key = key;
			}
			/* m->run: the pixels left of this one in its row with
			 * its RGBA (at most 255) */
			int len = e - x;
			float *o = lab + (size_t)x * 3;
			/* A short run (most runs of a JPEG are 1 or 2 px) writes
			 * a fixed 16 ramp bytes and 4 colours when the row has
			 * room for them: the ones past its end belong to the
			 * runs after it in this row, which write their own
			 * pixels again, so every pixel ends with its own run's
			 * values, without a call or a loop per run. */
			if (len <= 16 && x + 16 <= w)
				memcpy(run + x, run_ramp, 16);
			else {
				memcpy(run + x, run_ramp, (size_t)MIN(len, 256));
				if (len > 256)
					memset(run + x + 256, 255, (size_t)(len - 256));
			}
			if (len <= 4 && x + 4 <= w) {
				for (int k = 0; k < 4; k++)
					memcpy(o + (size_t)k * 3, s->lab, sizeof s->lab);
				x = e;
				continue;
			}
			/* the colour, four pixels (48 bytes) at a time */
			int k = 0;
#ifdef __SSE2__
			/* from three vectors held in registers, eight pixels a
			 * step on a long run */
			__m128 p0 = _mm_setr_ps(s->lab[0], s->lab[1], s->lab[2], s->lab[0]);
			__m128 p1 = _mm_setr_ps(s->lab[1], s->lab[2], s->lab[0], s->lab[1]);
			__m128 p2 = _mm_setr_ps(s->lab[2], s->lab[0], s->lab[1], s->lab[2]);
			for (; k + 8 <= len; k += 8) {
				float *q = o + (size_t)k * 3;
				_mm_storeu_ps(q, p0);
				_mm_storeu_ps(q + 4, p1);
				_mm_storeu_ps(q + 8, p2);
				_mm_storeu_ps(q + 12, p0);
				_mm_storeu_ps(q + 16, p1);
				_mm_storeu_ps(q + 20, p2);
			}
			for (; k + 4 <= len; k += 4) {
				float *q = o + (size_t)k * 3;
				_mm_storeu_ps(q, p0);
				_mm_storeu_ps(q + 4, p1);
				_mm_storeu_ps(q + 8, p2);
			}
#else
			float pat[12];
			for (int j = 0; j < 12; j++)
				pat[j] = s->lab[j % 3];
			for (; k + 4 <= len; k += 4)
				memcpy(o + (size_t)k * 3, pat, sizeof pat);
#endif
			for (; k < len; k++)
				memcpy(o + (size_t)k * 3, s->lab, sizeof s->lab);
			x = e;
		}
	}
}

/* ---- frame lines ----------------------------------------------------
 *
 * Many exports draw a thin frame on the outermost pixels: a 1-px grey line
 * around a white logo, a stroke of line art along the canvas edge.  Read
 * with the rest of the ring, such a line splits the ring's agreement (a
 * 1-px line is half of a logo's 2-px ring) or, when it fills the ring,
 * passes for the background itself.  So each side is peeled first: its
 * outermost lines are a frame when each is one opaque colour along the
 * whole side and differs from the line just inside them. */

/* Share of a line that must be one colour for the line to be a frame. */
#define FRAME_UNIFORM 0.9
/* Share of each end of a side left out of its frame lines (the corners). */
#define FRAME_CORNER 0.15

typedef struct {
	bool clear;              /* the line is mostly transparent */
	bool uniform;            /* its class covers >= FRAME_UNIFORM of it */
	float lab[3];            /* its dominant opaque colour */
} line_class;

/* Class of the 1-px line @line (@hist: see ring_color()). */
static void classify_line(const al_measure *m, const al_region *line,
                          int alpha_min, float tol, line_class *lc, guint32 *hist)
{
	uint8_t rgb[3];
	double share = 0, opaque = 0;
	ring_color(m, line, 1, alpha_min, tol, rgb, lc->lab, &share, &opaque, hist);
	double clear = 1.0 - opaque;
	lc->clear = clear >= share;
	lc->uniform = (lc->clear ? clear : share) >= FRAME_UNIFORM;
}

static bool lines_differ(const line_class *a, const line_class *b, float tol)
{
	return a->clear != b->clear || (!a->clear && al_de76(a->lab, b->lab) >= tol);
}

/* The @j-th line (0 = outermost) of side @side (AL_SIDE_*), without
 * FRAME_CORNER of the side at either end when @cut: a frame with rounded
 * corners leaves the page there. */
static al_region side_line(const al_measure *m, int side, int j, bool cut)
{
	/* at least the @j px the two sides across hold of a frame as deep:
	 * line @j is a ring's side, not a whole row or column */
	int cw = MAX(cut ? (int)(m->width * FRAME_CORNER) : 0, j);
	int ch = MAX(cut ? (int)(m->height * FRAME_CORNER) : 0, j);
	switch (side) {
	case AL_SIDE_TOP:
		return (al_region){ cw, j, m->width - 2 * cw, 1 };
	case AL_SIDE_RIGHT:
		return (al_region){ m->width - 1 - j, ch, 1, m->height - 2 * ch };
	case AL_SIDE_BOTTOM:
		return (al_region){ cw, m->height - 1 - j, m->width - 2 * cw, 1 };
	default:
		return (al_region){ j, ch, 1, m->height - 2 * ch };
	}
}

static float mix_distance(const float p[3], const float a[3], const float b[3]);

/* Depth in px of the frame on each side (0 when none), at most @max_depth:
 * the largest j such that lines 0 .. j-1 are each one opaque colour
 * (FRAME_UNIFORM of the line) and line j-1 differs from line j
 * (transparent against opaque, or CIE76 >= @tol / 2: a light grey line on
 * an off-white is a frame too).  The largest, so that the soft
 * anti-aliased line inside a stroke, and a line set 1 or 2 px inside the
 * edge, are peeled with the rest.  One line deeper than @max_depth (up to
 * @soft_max) when that line is the frame's soft inner edge: it differs
 * from the line before it and lies within @tol / 2 of a mix of the lines
 * on either side (a frame drawn off the pixel grid).  A transparent outer
 * line is never a frame: it is the canvas.  @cut: see side_line().
 * @colours: each line's dominant colour, for lines 0 .. depth.
 * Returns AL_OK or AL_ERR_NOMEM. */
static al_status frame_depths(const al_measure *m, int max_depth, int soft_max,
                              int alpha_min, float tol, bool cut, int depth[AL_SIDES],
                              float colours[AL_SIDES][FRAME_MAX + 2][3])
{
	line_class lines[FRAME_MAX + 2];
	/* ring_color() leaves every bin it counts cleared: the thread's
	 * zeroed scratch, not 16 KiB cleared per image */
	guint32 *hist = al_zeroed_take(QBINS * sizeof *hist);

	soft_max = MIN(soft_max, FRAME_MAX + 1);
	for (int side = 0; side < AL_SIDES; side++) {
		depth[side] = 0;
		for (int j = 0; j <= soft_max; j++) {
			al_region l = side_line(m, side, j, cut);
			classify_line(m, &l, alpha_min, tol, &lines[j], hist);
			memcpy(colours[side][j], lines[j].lab, sizeof lines[j].lab);
			if (j == 0)
				continue;
			if (!lines[j - 1].uniform || lines[j - 1].clear)
				break;
			if (!lines_differ(&lines[j - 1], &lines[j], tol / 2))
				continue;
			if (j > max_depth &&
			    (j < 2 || lines[j].clear || lines[j - 2].clear ||
			     !lines_differ(&lines[j - 2], &lines[j - 1], tol / 2) ||
			     mix_distance(lines[j - 1].lab, lines[j - 2].lab, lines[j].lab) >= tol / 2))
				continue;
			depth[side] = j;
		}
	}
	al_zeroed_give(hist);
	return AL_OK;
}

/* Does the colour of corner pixel @i (at @x, @y) show again inside a
 * frame, @inner px in from the two sides it joins, at a quarter, half or
 * three quarters of their length?  A rounded frame drawn on its canvas
 * leaves the canvas in the corners; a tile filling the canvas leaves the
 * page there, and the tile's colour inside. */
static bool corner_inside(const al_measure *m, size_t i, int x, int y, int inner, float tol)
{
	int w = m->width, h = m->height;
	for (int q = 1; q <= 3; q++) {
		int px[2] = { w * q / 4, x ? w - 1 - inner : inner };
		int py[2] = { y ? h - 1 - inner : inner, h * q / 4 };
		for (int k = 0; k < 2; k++)
			if (al_de76(m->lab + i * 3, m->lab + ((size_t)py[k] * w + px[k]) * 3) < tol)
				return true;
	}
	return false;
}

/* May frame lines leave out their corners?  When each corner pixel is
 * opaque, differs (CIE76 >= @tol / 2) from the middle pixels of both
 * sides it joins, and its colour shows again @inner px inside them
 * (corner_inside()): the canvas shows outside a rounded frame drawn on
 * it.  Not when the corners are clear (a tile on a see-through canvas),
 * the outer line's own colour (the canvas around a tile reaching nearly
 * to the edges, its corners cut), or a page whose colour is not inside
 * (a tile filling the canvas, its rounded corners showing the page). */
static bool corners_apart(const al_measure *m, int alpha_min, float tol, int inner)
{
	int w = m->width, h = m->height;
	size_t mid[AL_SIDES] = { (size_t)w / 2, (size_t)(h / 2) * w + (w - 1),
	                         (size_t)(h - 1) * w + w / 2, (size_t)(h / 2) * w };
	for (int c = 0; c < 4; c++) {
		int x = c & 1 ? w - 1 : 0, y = c & 2 ? h - 1 : 0;
		size_t i = (size_t)y * w + x;
		int sides[2] = { y ? AL_SIDE_BOTTOM : AL_SIDE_TOP, x ? AL_SIDE_RIGHT : AL_SIDE_LEFT };
		if (m->rgba[i * 4 + 3] < alpha_min)
			return false;
		for (int k = 0; k < 2; k++)
			if (al_de76(m->lab + i * 3, m->lab + mid[sides[k]] * 3) < tol / 2)
				return false;
		if (!corner_inside(m, i, x, y, inner, tol))
			return false;
	}
	return true;
}

/* ---- the background region ------------------------------------------ */

typedef struct {
	al_bg_kind kind;
	int alpha_min;
	float tol, step;
	const float *bg;
	/* al_de76_sq_limit() of tol and step: the fill compares squared
	 * distances, with the same decisions as al_de76() < tol, < step */
	float tol2, step2;
} fill_rule;

/* May pixel @q (not yet background) join the region from its background
 * neighbour @p (-1 for a seed on the image's edge or a frame's inner
 * edge)? */
static inline bool joins(const al_measure *m, const fill_rule *f, size_t q,
                         ptrdiff_t p)
{
	bool join;
	if (m->rgba[q * 4 + 3] < f->alpha_min)
		join = true; /* invisible pixels are never foreground */
	else if (f->kind == AL_BG_TRANSPARENT)
		join = false;
	else if (f->kind == AL_BG_COLOR && al_de76_sq(m->lab + q * 3, f->bg) < f->tol2)
		join = true;
	else if (p < 0) /* edge seed: the mixed model takes every edge pixel */
		join = f->kind == AL_BG_MIXED;
	else /* a tiny step from an opaque background neighbour: smooth
	      * gradients are background, anti-aliased edges (big steps)
	      * stop the fill */
		join = m->rgba[(size_t)p * 4 + 3] >= f->alpha_min &&
		       al_de76_sq(m->lab + q * 3, m->lab + (size_t)p * 3) < f->step2;
	return join;
}

/* Doubles the stretch stack *@stack of *@cap entries, up to @n entries.
 * False when out of memory (the old stack is kept). */
static bool grow_stack(guint32 **stack, size_t *cap, size_t n)
{
	size_t cap2 = MIN(n, *cap * 2);
	guint32 *bigger = cap2 > *cap ? al_try_new(guint32, 2 * cap2) : NULL;
	if (!bigger)
		return false;
	memcpy(bigger, *stack, *cap * 2 * sizeof *bigger);
	g_free(*stack);
	*stack = bigger;
	*cap = cap2;
	return true;
}

/* Does some byte of @v equal 0? */
static inline bool has_zero_byte(uint64_t v)
{
	return ((v - 0x0101010101010101u) & ~v & 0x8080808080808080u) != 0;
}

/* Are pixels q .. q + 7 of @rgba the RGBA of p .. p + 7? */
static inline bool same8(const uint8_t *rgba, size_t q, size_t p)
{
	uint64_t a[4], b[4];
	memcpy(a, rgba + q * 4, sizeof a);
	memcpy(b, rgba + p * 4, sizeof b);
	return ((a[0] ^ b[0]) | (a[1] ^ b[1]) | (a[2] ^ b[2]) | (a[3] ^ b[3])) == 0;
}

#ifdef __SSE2__
/* Are mask bytes @mq .. + 15 all 0 and pixels q .. q + 15 of @rgba the
 * RGBA of p .. p + 15? */
static inline bool new16(const uint8_t *mq, const uint8_t *rgba, size_t q, size_t p)
{
	const __m128i z = _mm_setzero_si128();
	__m128i same = _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)mq), z);
	for (int k = 0; k < 4; k++) {
		__m128i a = _mm_loadu_si128((const __m128i *)(const void *)(rgba + (q + 4 * (size_t)k) * 4));
		__m128i b = _mm_loadu_si128((const __m128i *)(const void *)(rgba + (p + 4 * (size_t)k) * 4));
		same = _mm_and_si128(same, _mm_cmpeq_epi8(a, b));
	}
	return _mm_movemask_epi8(same) == 0xFFFF;
}

/* Are mask bytes @mq .. + 15 all 0 and pixels q .. q + 15 of @rgba all
 * of alpha below @alpha_min (1 .. 255)? */
static inline bool new16_clear(const uint8_t *mq, const uint8_t *rgba, size_t q, int alpha_min)
{
	const __m128i z = _mm_setzero_si128();
	__m128i a = al_alpha16(rgba + q * 4);
	/* a < alpha_min: not a == max(a, alpha_min) */
	__m128i see = _mm_cmpeq_epi8(_mm_max_epu8(a, _mm_set1_epi8((char)alpha_min)), a);
	__m128i untaken = _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)mq), z);
	return _mm_movemask_epi8(_mm_andnot_si128(see, untaken)) == 0xFFFF;
}

/* Are mask bytes @mq .. + 15 all set? */
static inline bool taken16(const uint8_t *mq)
{
	return _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)mq),
	                                        _mm_setzero_si128())) == 0;
}

/* Are mask bytes @mq .. + 15 all 0 and pixels q .. q + 15 of @rgba all
 * the RGBA @c (4 bytes)?  Along a row: each is then the RGBA of the one
 * beside it. */
static inline bool new16_of(const uint8_t *mq, const uint8_t *rgba, size_t q, const uint8_t *c)
{
	uint32_t v;
	memcpy(&v, c, 4);
	const __m128i cv = _mm_set1_epi32((int)v);
	__m128i same = _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)mq),
	                              _mm_setzero_si128());
	for (int k = 0; k < 4; k++)
		same = _mm_and_si128(same, _mm_cmpeq_epi8(cv, _mm_loadu_si128(
			(const __m128i *)(const void *)(rgba + (q + 4 * (size_t)k) * 4))));
	return _mm_movemask_epi8(same) == 0xFFFF;
}
#endif

/* Are pixels p .. p + 7 all of alpha below @alpha_min? */
static inline bool invisible8(const uint8_t *rgba, size_t p, int alpha_min)
{
	bool all = true;
	for (int k = 0; k < 8; k++)
		all &= rgba[(p + (size_t)k) * 4 + 3] < alpha_min;
	return all;
}

/* 4-connected flood fill, seeded on the image's outer 1-px frame and on
 * the first line inside the frame lines.  Frame lines are background
 * (value 2) unless the canvas is transparent: then they are strokes of the
 * mark.  The region is the smallest set that holds the seeds and every
 * pixel some pixel of it lets join, whatever the order of the visits, so
 * they go by stretches of a row: the stack holds stretches of joined,
 * not yet visited pixels; a visit widens its stretch left and right
 * through the pixels that join along the row, then tests the pixels above
 * and below each of its pixels, and pushes those that join as new
 * stretches.  Every pixel of the region is thus tested against all four
 * neighbours, once.  A neighbour of its visitor's exact RGBA joins as
 * joins() would decide (invisible; or a step of 0 from a visible
 * background pixel, under any step > 0; a transparent canvas takes no
 * visible pixel): a 4-byte compare. */
static al_status grow_background(al_measure *m, const fill_rule *f)
{
	al_status st = AL_OK;
	int w = m->width, h = m->height;
	size_t n = (size_t)w * h, top = 0;
	/* stretches: first pixel, last pixel (one row); at most one per
	 * pixel of the region, mostly a few per row: the stack grows */
	size_t cap = MIN(n, (size_t)4 * (w + h) + 1024);
	guint32 *stack = al_try_new(guint32, 2 * cap);
	int x0 = m->frame[AL_SIDE_LEFT], y0 = m->frame[AL_SIDE_TOP];
	int x1 = w - 1 - m->frame[AL_SIDE_RIGHT], y1 = h - 1 - m->frame[AL_SIDE_BOTTOM];
	bool framed = x0 > 0 || y0 > 0 || x1 < w - 1 || y1 < h - 1;
	bool visible_same = f->kind != AL_BG_TRANSPARENT && 0.0f < f->step2;

	if (!stack) {
		st = AL_ERR_NOMEM;
		goto out;
	}
	memset(m->bgmask, 0, n);
	/* The frame lines, row by row: whole rows above and below the inner
	 * box, the side spans beside it. */
	if (framed && f->kind != AL_BG_TRANSPARENT)
		for (int y = 0; y < h; y++) {
			uint8_t *row = m->bgmask + (size_t)y * w;
			if (y < y0 || y > y1) {
				memset(row, 2, (size_t)w);
				continue;
			}
			memset(row, 2, (size_t)MIN(x0, w));
			if (x1 + 1 < w)
				memset(row + MAX(x1 + 1, 0), 2, (size_t)(w - MAX(x1 + 1, 0)));
		}
#define PUSH(a, b) (top < cap || grow_stack(&stack, &cap, n) ? \
	(stack[2 * top] = (guint32)(a), stack[2 * top + 1] = (guint32)(b), top++, true) : false)
	/* The seeds: the image's outer 1-px frame and the inner box's edge,
	 * visited as such (not by a scan of every pixel).  On a whole row,
	 * seeds side by side are pushed as one stretch: its visit tests the
	 * same neighbours as theirs would, one by one. */
	for (int y = 0; y < h; y++) {
		bool full = y == 0 || y == h - 1 || (framed && (y == y0 || y == y1));
		bool sides = framed && y > y0 && y < y1;
		int xs[4] = { 0, w - 1, x0, x1 };
		int k = full ? w : sides ? 4 : 2;
		size_t open = SIZE_MAX;
		for (int j = 0; j < k; j++) {
			/* a column seen twice (no frame on a side, w == 1) is
			 * tested twice: the second finds it taken or refused */
			int x = full ? j : xs[j];
			bool edge = x == 0 || y == 0 || x == w - 1 || y == h - 1;
			bool inner = framed && x >= x0 && x <= x1 && y >= y0 && y <= y1 &&
			             (x == x0 || x == x1 || y == y0 || y == y1);
			size_t i = (size_t)y * w + x;
			if ((edge || inner) && !m->bgmask[i] && joins(m, f, i, -1)) {
				m->bgmask[i] = 1;
				if (!full && !PUSH(i, i))
					goto nomem;
				if (full && open == SIZE_MAX)
					open = i;
			} else if (open != SIZE_MAX) {
				if (!PUSH(open, i - 1))
					goto nomem;
				open = SIZE_MAX;
			}
		}
		if (open != SIZE_MAX && !PUSH(open, (size_t)y * w + (size_t)(w - 1)))
			goto nomem;
	}
	uint8_t *mask = m->bgmask;
	const uint8_t *rgba = m->rgba;
	/* may q join from p (q unmarked) */
#define JOIN(q, p) (((rgba[(size_t)(p) * 4 + 3] < f->alpha_min || visible_same) && \
                     !memcmp(rgba + (size_t)(q) * 4, rgba + (size_t)(p) * 4, 4)) || \
                    joins(m, f, (size_t)(q), (ptrdiff_t)(p)))
	while (top > 0) {
		top--;
		size_t a = stack[2 * top], b = stack[2 * top + 1];
		size_t row = a - a % (size_t)w;
		/* widen along the row; sixteen at a time where the sixteen
		 * are none taken and each the RGBA of the one beside it,
		 * which joins as JOIN decides when a step of 0 joins (visible
		 * pixels, under any step > 0) or the pixels are invisible */
#ifdef __SSE2__
		bool same_joins = visible_same || rgba[a * 4 + 3] < f->alpha_min;
		while (same_joins && a >= row + 16 && new16_of(mask + a - 16, rgba, a - 16, rgba + a * 4)) {
			a -= 16;
			memset(mask + a, 1, 16);
		}
#endif
		while (a > row && !mask[a - 1] && JOIN(a - 1, a))
			mask[--a] = 1;
#ifdef __SSE2__
		same_joins = visible_same || rgba[b * 4 + 3] < f->alpha_min;
		while (same_joins && b + 16 < row + (size_t)w &&
		       new16_of(mask + b + 1, rgba, b + 1, rgba + b * 4)) {
			memset(mask + b + 1, 1, 16);
			b += 16;
		}
#endif
		while (b + 1 < row + (size_t)w && !mask[b + 1] && JOIN(b + 1, b))
			mask[++b] = 1;
		/* the rows above and below: runs of joining pixels are new
		 * stretches */
		for (int d = 0; d < 2; d++) {
			if (d == 0 ? row == 0 : row + (size_t)w >= n)
				continue;
			ptrdiff_t off = d == 0 ? -(ptrdiff_t)w : (ptrdiff_t)w;
			size_t open = SIZE_MAX;
			for (size_t p = a; p <= b; p++) {
				size_t q = (size_t)((ptrdiff_t)p + off);
				/* eight at a time where the eight decide alike:
				 * all taken (ends an open stretch), or none taken
				 * and each of the RGBA of the one beside it
				 * (visible pixels joining on a step of 0), or none
				 * taken and all invisible (which join from any
				 * neighbour), which join as JOIN decides (the loop
				 * below, to the bit, pixel by pixel) */
				while (p + 7 <= b) {
					uint64_t mv;
					memcpy(&mv, mask + q, 8);
					if (mv == 0 && (visible_same ? same8(rgba, q, p)
					                             : invisible8(rgba, q, f->alpha_min))) {
						memset(mask + q, 1, 8);
						if (open == SIZE_MAX)
							open = q;
#ifdef __SSE2__
						/* a long stretch: on from there sixteen at
						 * a time while the sixteen are none taken
						 * and each of the RGBA beside it, with
						 * visible pixels joining on a step of 0 --
						 * two eights that would each be marked
						 * here.  Tried only after eight that were:
						 * in a noisy row the test would not pay */
						while (visible_same && p + 23 <= b &&
						       new16(mask + q + 8, rgba, q + 8, p + 8)) {
							memset(mask + q + 8, 1, 16);
							p += 16;
							q += 16;
						}
						/* and invisible ones likewise */
						while (!visible_same && f->alpha_min <= 255 && p + 23 <= b &&
						       new16_clear(mask + q + 8, rgba, q + 8, f->alpha_min)) {
							memset(mask + q + 8, 1, 16);
							p += 16;
							q += 16;
						}
#endif
					} else if (!has_zero_byte(mv)) {
						if (open != SIZE_MAX) {
							if (!PUSH(open, q - 1))
								goto nomem;
							open = SIZE_MAX;
						}
#ifdef __SSE2__
						/* a row taken already (the fill came from
						 * the other side): on from there sixteen at
						 * a time, two eights that would each end
						 * here, nothing open */
						while (p + 23 <= b && taken16(mask + q + 8)) {
							p += 16;
							q += 16;
						}
#endif
					} else {
						break;
					}
					p += 8;
					q = (size_t)((ptrdiff_t)p + off);
				}
				if (p > b)
					break;
				if (!mask[q] && JOIN(q, p)) {
					mask[q] = 1;
					if (open == SIZE_MAX)
						open = q;
					continue;
				}
				if (open != SIZE_MAX) {
					if (!PUSH(open, q - 1))
						goto nomem;
					open = SIZE_MAX;
				}
			}
			if (open != SIZE_MAX && !PUSH(open, (size_t)((ptrdiff_t)b + off)))
				goto nomem;
		}
	}
#undef JOIN
#undef PUSH
out:
	g_free(stack);
	return st;
nomem:
	st = AL_ERR_NOMEM;
	goto out;
}

/* Transparent pixels of the image, and opaque pixels of the background
 * region (frame lines left out). */
static void count_alpha(const al_measure *m, int alpha_min, size_t *clear,
                        size_t *opaque_bg)
{
	size_t c = 0, o = 0;
	/* by rows of at most 2^31, sixteen pixels at a time */
	for (int y = 0; y < m->height; y++) {
		unsigned rc, ro;
		al_count_alpha_row(m->rgba + (size_t)y * m->width * 4,
		                   m->bgmask + (size_t)y * m->width, m->width, alpha_min, &rc, &ro);
		c += rc;
		o += ro;
	}
	*clear = c;
	*opaque_bg = o;
}

/* The first byte of @f from @x on (at most @e) that is 0, or @e:
 * sixteen bytes a step (SSE2), four steps at a time while all are set (a
 * mask's background, mostly). */
static inline int set_end(const uint8_t *f, int x, int e)
{
#ifdef __SSE2__
	const __m128i z = _mm_setzero_si128();
#define LD(k) _mm_loadu_si128((const __m128i *)(const void *)(f + x + 16 * (k)))
	if (x < e && f[x])
		for (; x + 64 <= e; x += 64)
			if (_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(_mm_min_epu8(LD(0), LD(1)),
			                                                  _mm_min_epu8(LD(2), LD(3))), z)))
				break;
#undef LD
#endif
	return al_set_end(f, x, e);
}

/* How many of the bytes @f[@x0 .. @x1) are not 0: sixteen at a time
 * (SSE2, summed by _mm_sad_epu8), then one by one. */
static inline int count_set(const uint8_t *f, int x0, int x1)
{
	int n = 0, x = x0;
#ifdef __SSE2__
	const __m128i z = _mm_setzero_si128(), one = _mm_set1_epi8(1);
	__m128i acc = z;
	for (; x + 16 <= x1; x += 16)
		acc = _mm_add_epi64(acc, _mm_sad_epu8(_mm_andnot_si128(_mm_cmpeq_epi8(
			_mm_loadu_si128((const __m128i *)(const void *)(f + x)), z), one), z));
	n = _mm_cvtsi128_si32(acc) + _mm_cvtsi128_si32(_mm_srli_si128(acc, 8));
#endif
	for (; x < x1; x++)
		n += f[x] != 0;
	return n;
}

static void foreground_stats(al_measure *m)
{
	int w = m->width, h = m->height;
	int x0 = w, y0 = h, x1 = -1, y1 = -1, bg = 0;
	double sum[3] = { 0, 0, 0 };

	m->n_visible = 0;
	for (int y = 0; y < h; y++) {
		const uint8_t *mask = m->bgmask + (size_t)y * w;
		int first = -1, last = -1;
		for (int x = 0; x < w; x++) {
			/* past the background */
			x = set_end(mask, x, w);
			if (x == w)
				break;
			if (first < 0)
				first = x;
			/* the foreground pixels after it of its RGBA (its alpha,
			 * its Lab): added at once (al_sum_repeat()) */
			size_t i = (size_t)y * w + x;
			int e = x + 1;
#ifdef __SSE2__
			/* sixteen at a time, to the first pixel that is
			 * background or starts another RGBA */
			for (const __m128i z = _mm_setzero_si128(); e + 16 <= w; e += 16) {
				__m128i mk = _mm_loadu_si128((const __m128i *)(const void *)(mask + e));
				__m128i rn = _mm_loadu_si128(
					(const __m128i *)(const void *)(m->run + i + (size_t)(e - x)));
				unsigned go = (unsigned)_mm_movemask_epi8(
					_mm_andnot_si128(_mm_cmpeq_epi8(rn, z), _mm_cmpeq_epi8(mk, z)));
				if (go != 0xFFFFu) {
					e += __builtin_ctz(~go);
					break;
				}
			}
#endif
			while (e < w && !mask[e] && m->run[i + (size_t)(e - x)])
				e++;
			last = e - 1;
			if (m->rgba[i * 4 + 3] >= 128) {
				m->n_visible += e - x;
				for (int c = 0; c < 3; c++)
					sum_run(&sum[c], m->lab[i * 3 + c], e - x);
			}
			x = e - 1;
		}
		if (first < 0) {
			bg += w;
			continue;
		}
		/* the pixels between first and last that are background */
		bg += count_set(mask, first, last + 1);
		bg += first + (w - 1 - last);
		x0 = MIN(x0, first);
		x1 = MAX(x1, last);
		y0 = MIN(y0, y);
		y1 = y;
	}
	m->fg_count = w * h - bg;
	m->bg_coverage = (double)bg / ((double)w * h);
	if (x1 >= 0)
		m->fg_bbox = (al_region){ x0, y0, x1 - x0 + 1, y1 - y0 + 1 };
	else
		m->fg_bbox = (al_region){ 0, 0, 0, 0 };
	for (int c = 0; c < 3; c++)
		m->fg_mean_lab[c] = m->n_visible ? sum[c] / m->n_visible : 0.0;
}

/* Share of the outermost 1-px frame that is transparent. */
static double frame_clear_share(const al_measure *m, int alpha_min)
{
	int w = m->width, h = m->height, n = 0, clear = 0;
	for (int y = 0; y < h; y++) {
		const uint8_t *row = m->rgba + (size_t)y * w * 4;
		/* whole first and last rows; the two end pixels of the others */
		int step = y == 0 || y == h - 1 ? 1 : MAX(w - 1, 1);
		for (int x = 0; x < w; x += step) {
			n++;
			clear += row[x * 4 + 3] < alpha_min;
		}
	}
	return n ? (double)clear / n : 0.0;
}

typedef struct {
	double share, clear;     /* agreeing / transparent share of the ring */
	uint8_t rgb[3];
	float lab[3];
} ring_model;

static al_status read_ring(const al_measure *m, const al_region *r, int bw,
                           int alpha_min, float tol, ring_model *rm)
{
	double opaque = 0;
	al_status st = al_measure_ring_color(m, r, bw, alpha_min, tol, rm->rgb,
	                                     rm->lab, &rm->share, &opaque);
	rm->clear = 1.0 - opaque;
	return st;
}

/* ---- the corners of a rounded frame ---------------------------------
 *
 * A frame with rounded corners was peeled by its straight lines only
 * (corners_apart()): its arcs curve inside them, through the corners'
 * canvas, and would stay foreground: artwork in every corner, a
 * foreground box as large as the image, content in a hero's free margin.
 * So, in each corner, the pixels left out of the region that are the
 * frame's colour or a mix of it with the background, linked to the frame
 * lines, are frame too when they are the arc: a thin line that joins the
 * frame lines of both sides the corner joins. */

/* Corners are searched in boxes of this many times FRAME_CORNER of each
 * side (at most half of it): an arc may reach a little past the part of
 * a line left out of its reading. */
#define ARC_BOX 2
/* An arc is thin: at most the frame's depth plus this many px (its soft
 * edges) times its box's width plus height (a quarter circle of radius r
 * is 1.57 r long). */
#define ARC_SLACK 2

/* May pixel @i be part of an arc: foreground, opaque, and within @tol of
 * a mix of one of the @nc frame colours @fc with the background? */
static bool arc_pixel(const al_measure *m, size_t i, const float (*fc)[3], int nc,
                      int alpha_min, float tol)
{
	if (m->bgmask[i] || m->rgba[i * 4 + 3] < alpha_min)
		return false;
	for (int k = 0; k < nc; k++)
		if (mix_distance(m->lab + i * 3, fc[k], m->bg_lab) < tol)
			return true;
	return false;
}

/* Marks the arcs of a rounded frame in m->bgmask as frame (2); see
 * above.  @colours: the frame lines' colours (frame_depths()).  Needs the
 * background region.  Returns AL_OK or AL_ERR_NOMEM. */
static al_status frame_arcs(al_measure *m, int alpha_min, float tol,
                            float colours[AL_SIDES][FRAME_MAX + 2][3])
{
	int w = m->width, h = m->height;
	int bw = MIN((int)(w * FRAME_CORNER) * ARC_BOX, w / 2);
	int bh = MIN((int)(h * FRAME_CORNER) * ARC_BOX, h / 2);
	size_t nb = (size_t)MAX(bw, 0) * MAX(bh, 0);
	if (nb == 0)
		return AL_OK;
	guint32 *queue = al_try_new(guint32, nb);
	uint8_t *seen = al_try_new0(uint8_t, nb);
	if (!queue || !seen) {
		g_free(queue);
		g_free(seen);
		return AL_ERR_NOMEM;
	}
	for (int c = 0; c < 4; c++) {
		bool right = c & 1, bottom = c & 2;
		int hs = bottom ? AL_SIDE_BOTTOM : AL_SIDE_TOP, vs = right ? AL_SIDE_RIGHT : AL_SIDE_LEFT;
		int ox = right ? w - bw : 0, oy = bottom ? h - bh : 0;
		/* the first column and row inside the two frames, in the box */
		int ix = right ? w - 1 - m->frame[vs] : m->frame[vs];
		int iy = bottom ? h - 1 - m->frame[hs] : m->frame[hs];
		float fc[2 * (FRAME_MAX + 2)][3];
		int nc = 0;
		for (int j = 0; j < m->frame[hs]; j++)
			memcpy(fc[nc++], colours[hs][j], sizeof fc[0]);
		for (int j = 0; j < m->frame[vs]; j++)
			memcpy(fc[nc++], colours[vs][j], sizeof fc[0]);
		if (!m->frame[hs] || !m->frame[vs])
			continue;
		int depth = MAX(m->frame[hs], m->frame[vs]);
		memset(seen, 0, nb);
		for (int by = 0; by < bh; by++)
			for (int bx = 0; bx < bw; bx++) {
				size_t s = (size_t)by * bw + bx;
				size_t i = (size_t)(oy + by) * w + (ox + bx);
				if (seen[s] || !arc_pixel(m, i, fc, nc, alpha_min, tol))
					continue;
				/* the group of arc pixels (8-connected) in the box */
				size_t head = 0, tail = 0;
				int x0 = bw, y0 = bh, x1 = -1, y1 = -1;
				bool on_h = false, on_v = false;
				seen[s] = 1;
				queue[tail++] = (guint32)s;
				while (head < tail) {
					int x = (int)(queue[head] % (guint32)bw), y = (int)(queue[head] / (guint32)bw);
					head++;
					x0 = MIN(x0, x);
					x1 = MAX(x1, x);
					y0 = MIN(y0, y);
					y1 = MAX(y1, y);
					/* next to each side's frame lines (image coords) */
					on_h |= oy + y == iy;
					on_v |= ox + x == ix;
					for (int dy = -1; dy <= 1; dy++)
						for (int dx = -1; dx <= 1; dx++) {
							int nx = x + dx, ny = y + dy;
							if (nx < 0 || ny < 0 || nx >= bw || ny >= bh)
								continue;
							size_t q = (size_t)ny * bw + nx;
							if (!seen[q] &&
							    arc_pixel(m, (size_t)(oy + ny) * w + (ox + nx),
							              fc, nc, alpha_min, tol)) {
								seen[q] = 1;
								queue[tail++] = (guint32)q;
							}
						}
				}
				/* an arc: joins both frames, thin, and clear of the
				 * box's inner edges (not a mark running on) */
				bool inner_edge = (right ? x0 == 0 : x1 == bw - 1) ||
				                  (bottom ? y0 == 0 : y1 == bh - 1);
				if (!on_h || !on_v || inner_edge ||
				    tail > (size_t)(depth + ARC_SLACK) * (size_t)(x1 - x0 + 1 + y1 - y0 + 1))
					continue;
				for (size_t k = 0; k < tail; k++) {
					int x = (int)(queue[k] % (guint32)bw), y = (int)(queue[k] / (guint32)bw);
					m->bgmask[(size_t)(oy + y) * w + (ox + x)] = 2;
				}
			}
	}
	g_free(queue);
	g_free(seen);
	return AL_OK;
}

/* A see-through pattern: each of the image's CLEAR_CELLS x CLEAR_CELLS
 * cells is at least CLEAR_SPREAD transparent (a grid or lattice of
 * strokes, dots cut by the edges).  A tile's rounded corners or a
 * stencil's knocked-out letter or ring leave some cells opaque. */
#define CLEAR_CELLS 4
#define CLEAR_SPREAD 0.1
static bool clear_everywhere(const al_measure *m, int alpha_min)
{
	int w = m->width, h = m->height;
	if (w < CLEAR_CELLS || h < CLEAR_CELLS)
		return false;
	for (int cy = 0; cy < CLEAR_CELLS; cy++)
		for (int cx = 0; cx < CLEAR_CELLS; cx++) {
			int x0 = w * cx / CLEAR_CELLS, x1 = w * (cx + 1) / CLEAR_CELLS;
			int y0 = h * cy / CLEAR_CELLS, y1 = h * (cy + 1) / CLEAR_CELLS;
			size_t clear = 0;
			for (int y = y0; y < y1; y++)
				for (int x = x0; x < x1; x++)
					clear += m->rgba[((size_t)y * w + x) * 4 + 3] < alpha_min;
			if (clear < CLEAR_SPREAD * (x1 - x0) * (y1 - y0))
				return false;
		}
	return true;
}

/* ---- the corners of a card filling the canvas ------------------------
 *
 * A card (a tile of the background colour) filling the whole canvas with
 * rounded corners leaves the page, or the see-through canvas, in its four
 * corners: a few pixels that are not background, on the image's edge,
 * and would be artwork in every corner: a foreground box as large as the
 * image, content in a hero's free margin.  Such a corner is the outside
 * of a quarter circle: from the corner, the rows' runs of non-background
 * pixels along the edge shorten (never grow) and stop at the background,
 * the first row's run and the first column's are about as long (at most
 * CARD_ROUND_ASPECT times), both at most CARD_ROUND_MAX of the short side,
 * and the group covers at most CARD_ROUND_FILL of its box plus one pixel
 * per px of its two sides (a triangle over the corner covers half).
 * When all four corners are such, of one colour (or all see-through),
 * of radii within CARD_ROUND_ASPECT of each other, they are the canvas
 * outside the card: marked 2 (not background proper, not artwork). */
#define CARD_ROUND_MAX 0.25
#define CARD_ROUND_ASPECT 2
#define CARD_ROUND_FILL 0.3

/* The run of corner @c's pixels outside the card (not background, or
 * see-through: those are background already) along the edge of row (or,
 * @by_col, column) @k counted from that corner; @cap: at most. */
static int corner_run(const al_measure *m, int c, int k, bool by_col, int cap, int alpha_min)
{
	int w = m->width, h = m->height;
	int n = 0;
	for (; n < cap; n++) {
		int a = n, b = k; /* a along the line, b across */
		int x = by_col ? b : a, y = by_col ? a : b;
		if (c & 1)
			x = w - 1 - x;
		if (c & 2)
			y = h - 1 - y;
		size_t i = (size_t)y * w + x;
		if (m->bgmask[i] && m->rgba[i * 4 + 3] >= alpha_min)
			break;
	}
	return n;
}

/* Is corner @c the outside of a rounded card (see above)?  Sets *@rx,
 * *@ry to its runs along the first row and column. */
static bool card_corner(const al_measure *m, int c, int alpha_min, int *rx, int *ry)
{
	int cap = (int)(MIN(m->width, m->height) * CARD_ROUND_MAX);
	int lx = corner_run(m, c, 0, false, cap + 1, alpha_min);
	int ly = corner_run(m, c, 0, true, cap + 1, alpha_min);
	*rx = lx;
	*ry = ly;
	if (lx == 0 || ly == 0 || lx > cap || ly > cap || lx > CARD_ROUND_ASPECT * ly + 1 ||
	    ly > CARD_ROUND_ASPECT * lx + 1)
		return false;
	/* rows shorten away from the corner and end by row ly; the run of
	 * each row stops at the background (no frame is peeled here) */
	long area = 0;
	int prev = lx;
	for (int k = 0; k <= ly; k++) {
		int r = k < ly ? corner_run(m, c, k, false, prev + 1, alpha_min)
		               : corner_run(m, c, k, false, 1, alpha_min);
		if (r > prev || (k < ly && r == 0) || (k == ly && r != 0))
			return false;
		area += r;
		prev = r;
	}
	/* and columns likewise (the group is closed by the background below
	 * it too: no artwork runs on from it) */
	prev = ly;
	for (int k = 0; k < lx; k++) {
		int r = corner_run(m, c, k, true, prev + 1, alpha_min);
		if (r > prev || r == 0)
			return false;
		prev = r;
	}
	return area <= CARD_ROUND_FILL * lx * ly + lx + ly;
}

/* Marks the canvas outside a rounded card's four corners as 2 (see
 * above).  Needs the background region of an opaque colour. */
static void card_corners(al_measure *m, int alpha_min, float tol)
{
	int w = m->width, h = m->height;
	int rx[4], ry[4];
	for (int c = 0; c < 4; c++)
		if (!card_corner(m, c, alpha_min, &rx[c], &ry[c]))
			return;
	/* one page: the corner pixels all see-through or all within tol */
	size_t c0 = 0;
	bool clear0 = m->rgba[3] < alpha_min;
	int lo = rx[0], hi = rx[0];
	for (int c = 0; c < 4; c++) {
		size_t i = (size_t)(c & 2 ? h - 1 : 0) * w + (c & 1 ? w - 1 : 0);
		bool clear = m->rgba[i * 4 + 3] < alpha_min;
		if (clear != clear0 || (!clear && al_de76(m->lab + i * 3, m->lab + c0 * 3) >= tol))
			return;
		lo = MIN(lo, MIN(rx[c], ry[c]));
		hi = MAX(hi, MAX(rx[c], ry[c]));
	}
	if (hi > CARD_ROUND_ASPECT * lo + 1)
		return;
	for (int c = 0; c < 4; c++)
		for (int k = 0; k < ry[c]; k++) {
			int r = corner_run(m, c, k, false, rx[c], alpha_min);
			int y = c & 2 ? h - 1 - k : k;
			for (int j = 0; j < r; j++) {
				size_t i = (size_t)y * w + (c & 1 ? w - 1 - j : j);
				if (!m->bgmask[i])
					m->bgmask[i] = 2;
			}
		}
}

/* ---- lossy frames ---------------------------------------------------
 *
 * A JPEG keeps a frame line's lightness (luma is stored at full
 * resolution) but smears its chroma: in 8x8 blocks along the line, and,
 * at half resolution (4:2:0), 1 or 2 px into the inside, which shows
 * tinted there.  On a 40-px logo a saturated 2-px frame is then no line
 * of one colour and frame_depths() peels nothing.  So, when it peeled no
 * frame, the frame is also read from the inside out:
 *   - the inside is the most agreeing ring 1 .. soft_max + LOSSY_BLEED px
 *     in; it must reach border_share;
 *   - on every side, FRAME_UNIFORM of the outermost line is far from the
 *     inside's colour (CIE76 >= tol with the a* and b* differences
 *     halved: not the inside's colour, even tinted);
 *   - the frame proper ends at the first line of which LOSSY_INSIDE is
 *     within tol of the inside's lightness (L* alone: the chroma there may
 *     be the frame's) when the outer line is FRAME_UNIFORM off that
 *     lightness, else (a frame about as light as the inside: yellow on
 *     white) within tol with the chroma differences halved; each line
 *     before it is FRAME_UNIFORM far (a line, not the curve of a disc
 *     nearing the edge); it is at most max_depth deep, or one line more
 *     when that line steps at least tol / 2 towards the inside (a soft
 *     inner edge, not a plain band);
 *   - then at most LOSSY_BLEED tinted lines are peeled too, up to the
 *     first line of which LOSSY_INSIDE is within tol of the inside;
 *   - along the diagonal from at least 3 of the 4 corners, the inside's
 *     colour is reached at most 1 px deeper than the frame proper of the
 *     two sides, or in the corner pixel itself (a rounded frame drawn on
 *     the canvas); a tile with rounded corners in a thin page margin
 *     shows the page deeper there.
 * The inside of a frame peeled by frame_depths() is read past such
 * bleed too: the deepest ring up to LOSSY_BLEED px further in that still
 * reaches border_share. */
#define LOSSY_BLEED 2
/* Share of a line within the inside's colour for the line to be inside. */
#define LOSSY_INSIDE 0.5

typedef struct {
	double light, lossy, strict;  /* shares near the inside: L* alone,
	                               * a* b* halved, CIE76 */
	double opaque;                /* share of opaque pixels */
	float mean[3];                /* Lab mean of the opaque pixels */
} line_near;

/* Shares of the pixels of @line (transparent ones count as far) within
 * @tol of @c: by L* alone, by CIE76 with a* and b* halved, by CIE76. */
static line_near near_inside(const al_measure *m, const al_region *line, int alpha_min,
                             const float c[3], float tol)
{
	int kl = 0, kh = 0, ks = 0, ko = 0, n = 0;
	float t2 = tol * tol;
	double sum[3] = { 0, 0, 0 };
	for (int y = line->y; y < line->y + line->h; y++)
		for (int x = line->x; x < line->x + line->w; x++) {
			size_t i = (size_t)y * m->width + x;
			n++;
			if (m->rgba[i * 4 + 3] < alpha_min)
				continue;
			ko++;
			const float *l = m->lab + i * 3;
			for (int k = 0; k < 3; k++)
				sum[k] += l[k];
			float dl = l[0] - c[0], da = l[1] - c[1], db = l[2] - c[2];
			float ab = da * da + db * db;
			kl += dl * dl < t2;
			kh += dl * dl + ab / 4 < t2;
			ks += dl * dl + ab < t2;
		}
	line_near r = { 0, 0, 0, 0, { 0, 0, 0 } };
	if (n)
		r = (line_near){ (double)kl / n, (double)kh / n, (double)ks / n, (double)ko / n,
		                 { 0, 0, 0 } };
	for (int k = 0; ko && k < 3; k++)
		r.mean[k] = (float)(sum[k] / ko);
	return r;
}

/* Distance of @a from @b: |L* difference| when @light, else CIE76 with
 * the a* and b* differences halved. */
static float lossy_distance(const float a[3], const float b[3], bool light)
{
	float dl = a[0] - b[0], da = a[1] - b[1], db = a[2] - b[2];
	return light ? fabsf(dl) : sqrtf(dl * dl + (da * da + db * db) / 4);
}

/* The lossy frame (see above): true with its depths in @depth and the
 * inside's ring in *@rm when every side has one. */
static bool lossy_frame(const al_measure *m, int alpha_min, float tol, double need,
                        int max_depth, int soft_max, int depth[AL_SIDES], ring_model *rm)
{
	int w = m->width, h = m->height;
	double best = -1;
	for (int t = 1; t <= soft_max + LOSSY_BLEED && 4 * t < MIN(w, h); t++) {
		al_region r = { t, t, w - 2 * t, h - 2 * t };
		ring_model x;
		if (read_ring(m, &r, al_measure_ring_width(r.w, r.h), alpha_min, tol, &x) != AL_OK)
			return false;
		if (x.share >= best) {
			best = x.share;
			*rm = x;
		}
	}
	if (best < need)
		return false;
	int proper[AL_SIDES];
	bool by_light[AL_SIDES];
	for (int side = 0; side < AL_SIDES; side++) {
		int f = -1, d = -1;
		float prev[3] = { 0, 0, 0 };
		for (int j = 0; j <= soft_max + LOSSY_BLEED && d < 0; j++) {
			al_region l = side_line(m, side, j, true);
			line_near nr = near_inside(m, &l, alpha_min, rm->lab, tol);
			if (j == 0) {
				/* the inside's colour on the edge, or the canvas */
				if (nr.lossy > 1.0 - FRAME_UNIFORM || nr.opaque < FRAME_UNIFORM)
					return false;
				by_light[side] = nr.light <= 1.0 - FRAME_UNIFORM;
				memcpy(prev, nr.mean, sizeof prev);
				continue;
			}
			if (f < 0) {
				double near = by_light[side] ? nr.light : nr.lossy;
				if (near >= LOSSY_INSIDE)
					f = j;
				else if (j >= soft_max || near > 1.0 - FRAME_UNIFORM)
					return false;  /* deeper than a frame, or no line */
				else if (j >= max_depth &&
				         lossy_distance(nr.mean, rm->lab, by_light[side]) >
				         lossy_distance(prev, rm->lab, by_light[side]) - tol / 2)
					return false;  /* one line deeper: only a soft edge */
				memcpy(prev, nr.mean, sizeof prev);
			}
			if (f >= 0 && (nr.strict >= LOSSY_INSIDE || j == f + LOSSY_BLEED))
				d = j;
		}
		if (d < 0)
			return false;
		proper[side] = f;
		depth[side] = d;
	}
	/* The corners: along the diagonal from each corner, the frame ends
	 * where its sides end, or one pixel later (two frame lines' chroma
	 * meet there), or the corner pixel itself is the inside's colour (a
	 * rounded frame drawn on the canvas).  A tile with rounded corners
	 * in a thin page margin shows the page deeper along the diagonal.
	 * One corner may be off (a JPEG block there, quantised alone). */
	int deep = 0;
	for (int c = 0; c < 4; c++) {
		int sx = c & 1 ? AL_SIDE_RIGHT : AL_SIDE_LEFT, sy = c & 2 ? AL_SIDE_BOTTOM : AL_SIDE_TOP;
		bool light = by_light[sx] && by_light[sy];
		int k_max = MAX(proper[sx], proper[sy]) + 1, k = 0;
		for (; k <= k_max; k++) {
			int x = c & 1 ? w - 1 - k : k, y = c & 2 ? h - 1 - k : k;
			al_region px = { x, y, 1, 1 };
			line_near nr = near_inside(m, &px, alpha_min, rm->lab, tol);
			if ((light ? nr.light : nr.lossy) >= 1)
				break;
		}
		deep += k > k_max;
	}
	return deep <= 1;
}

/* Fills @m from @img: @m borrows img->rgba and owns lab, bgmask and run, which
 * the caller frees with al_measure_clear() (also after a failure).
 * Returns AL_OK or AL_ERR_NOMEM. */
/* The answers of al_measure_card() and al_measure_two_tone() for the
 * last measure this thread asked about: background-white and
 * background-black each ask both of the same measure with the same
 * parameters, and a card's rings are most of their work.  Keyed by the
 * measure's address and a copy of its fields (its buffers' addresses, the
 * background model: a caller that edits the model asks anew) and by the
 * parameters; al_measure_compute() and al_measure_clear() forget it, so
 * pixels rewritten in place under the same measure are never answered
 * from it. */
typedef struct {
	int alpha_min;
	float tol;
	double need, min_area;
} memo_key;

typedef struct {
	bool valid, ret, wrote;  /* wrote: @rgb and @lab were written */
	memo_key key;
	uint8_t rgb[3];
	float lab[3];
} memo_answer;

static _Thread_local struct {
	const al_measure *m;     /* NULL: nothing kept */
	al_measure fields;
	memo_answer card, two_tone;
} memo;

static void memo_forget(void)
{
	memset(&memo, 0, sizeof memo);
}

/* The kept answer @a for @m and @key, if there is one: copies its
 * outputs and returns true. */
static bool memo_find(const memo_answer *a, const al_measure *m, const memo_key *key,
                      bool *ret, uint8_t rgb[3], float lab[3])
{
	if (!m || memo.m != m || !a->valid || memcmp(&memo.fields, m, sizeof *m) != 0 ||
	    memcmp(&a->key, key, sizeof *key) != 0)
		return false;
	if (a->wrote) {
		memcpy(rgb, a->rgb, sizeof a->rgb);
		memcpy(lab, a->lab, sizeof a->lab);
	}
	*ret = a->ret;
	return true;
}

/* Keeps @ret (and @rgb, @lab when @wrote) as @m's answer @a. */
static void memo_keep(memo_answer *a, const al_measure *m, const memo_key *key,
                      bool ret, bool wrote, const uint8_t rgb[3], const float lab[3])
{
	if (memo.m != m || memcmp(&memo.fields, m, sizeof *m) != 0) {
		memo_forget();
		memo.m = m;
		memcpy(&memo.fields, m, sizeof *m);
	}
	memset(a, 0, sizeof *a);
	a->valid = true;
	a->ret = ret;
	a->wrote = wrote;
	a->key = *key;
	if (wrote) {
		memcpy(a->rgb, rgb, sizeof a->rgb);
		memcpy(a->lab, lab, sizeof a->lab);
	}
}

al_status al_measure_compute(al_measure *m, const al_image *img,
                             const al_options *opts)
{
	al_status st = AL_OK;
	const al_rule *r = &al_rule_background_white;
	int alpha_min = (int)al_param_get(opts, r, "alpha_transparent");
	float tol = (float)al_param_get(opts, r, "bg_tolerance");
	float step = (float)al_param_get(opts, r, "bg_step");
	double need = al_param_get(opts, r, "border_share");

	memo_forget();
	memset(m, 0, sizeof *m);
	m->width = img->width;
	m->height = img->height;
	m->rgba = img->rgba;
	if (img->width <= 0 || img->height <= 0 || !img->rgba)
		goto out; /* AL_BG_NONE */
	size_t n = (size_t)img->width * img->height;
	m->lab = al_try_new(float, n * 3);
	/* not zeroed here: grow_background() clears it before any read */
	m->bgmask = al_try_new(uint8_t, n);
	m->run = al_try_new(uint8_t, n);
	if (!m->lab || !m->bgmask || !m->run) {
		st = AL_ERR_NOMEM;
		goto out;
	}
	compute_lab(m);
	/* shares are ratios of pixel counts: compare with a little slack so
	 * that 0.6 of a ring is 0.6 */
	need -= 1e-9;

	/* frame lines, then the ring just inside them */
	int bw = al_measure_ring_width(img->width, img->height);
	int s = MIN(img->width, img->height);
	int depth[AL_SIDES];
	float colours[AL_SIDES][FRAME_MAX + 2][3];
	int max_depth = MIN(MIN(MAX(bw + 1, (int)(s * FRAME_SHARE + 0.5)), FRAME_MAX), s / 4);
	bool rounded = corners_apart(m, alpha_min, tol, MIN(max_depth + 2, s / 4));
	st = frame_depths(m, max_depth, MIN(max_depth + 1, s / 4), alpha_min, tol, rounded,
	                  depth, colours);
	if (st != AL_OK)
		goto out;
	ring_model rm;
	bool framed = false;
	if (depth[0] || depth[1] || depth[2] || depth[3]) {
		al_region inner = { depth[AL_SIDE_LEFT], depth[AL_SIDE_TOP],
		                    img->width - depth[AL_SIDE_LEFT] - depth[AL_SIDE_RIGHT],
		                    img->height - depth[AL_SIDE_TOP] - depth[AL_SIDE_BOTTOM] };
		st = read_ring(m, &inner, al_measure_ring_width(inner.w, inner.h),
		               alpha_min, tol, &rm);
		if (st != AL_OK)
			goto out;
		/* the frame stands only when the inside is decisive */
		framed = rm.clear >= need || rm.share >= need;
		/* its colour is read past the frame's chroma bleed (see lossy
		 * frames above): the deepest ring up to LOSSY_BLEED px further
		 * in that is decisive too */
		for (int k = 1; framed && rm.share >= need && k <= LOSSY_BLEED &&
		                4 * k < MIN(inner.w, inner.h); k++) {
			al_region in = { inner.x + k, inner.y + k, inner.w - 2 * k, inner.h - 2 * k };
			ring_model deeper;
			st = read_ring(m, &in, al_measure_ring_width(in.w, in.h), alpha_min, tol, &deeper);
			if (st != AL_OK)
				goto out;
			if (deeper.share >= need)
				rm = deeper;
		}
	}
	if (!framed) {
		int ld[AL_SIDES];
		ring_model lrm;
		if (lossy_frame(m, alpha_min, tol, need, max_depth, MIN(max_depth + 1, s / 4), ld,
		                &lrm)) {
			framed = true;
			memcpy(depth, ld, sizeof ld);
			rm = lrm;
		}
	}
	if (framed) {
		memcpy(m->frame, depth, sizeof depth);
	} else {
		al_region all = { 0, 0, img->width, img->height };
		st = read_ring(m, &all, bw, alpha_min, tol, &rm);
		if (st != AL_OK)
			goto out;
		/* Many exports pad the mark with a 1-px transparent frame and
		 * let it fill the rest of the ring: the outer line decides too. */
		rm.clear = MAX(rm.clear, frame_clear_share(m, alpha_min));
	}
	memcpy(m->bg_rgb, rm.rgb, 3);
	memcpy(m->bg_lab, rm.lab, sizeof rm.lab);
	if (rm.clear >= need) {
		m->bg_kind = AL_BG_TRANSPARENT;
		m->border_agreement = rm.clear;
	} else if (rm.share >= need) {
		m->bg_kind = AL_BG_COLOR;
		m->border_agreement = rm.share;
	} else if (rm.clear >= need / 2) {
		/* No class reaches border_share, but a third of the border or
		 * more is see-through: a transparent canvas whose mark touches
		 * the edges (a tile with rounded corners stays far below). */
		m->bg_kind = AL_BG_TRANSPARENT;
		m->border_agreement = rm.clear;
	} else {
		/* bg_rgb/bg_lab keep the most common border colour as a hint */
		m->bg_kind = AL_BG_MIXED;
		m->border_agreement = rm.share;
	}

	fill_rule f = { m->bg_kind, alpha_min, tol, step, m->bg_lab,
	                al_de76_sq_limit(tol), al_de76_sq_limit(step) };
	st = grow_background(m, &f);
	if (st != AL_OK)
		goto out;
	if (m->bg_kind == AL_BG_COLOR || m->bg_kind == AL_BG_MIXED) {
		/* Strokes along the edge over a see-through inside (a thick
		 * outline, a grid of lines): when the image holds more
		 * transparent pixels than opaque background, the canvas is
		 * transparent and the strokes are the mark. */
		size_t clear, opaque;
		count_alpha(m, alpha_min, &clear, &opaque);
		/* or at least half as many, spread all over the image: the
		 * strokes' soft edges on a small logo outweigh its holes */
		if (clear > opaque || (2 * clear > opaque && clear_everywhere(m, alpha_min))) {
			m->bg_kind = AL_BG_TRANSPARENT;
			m->border_agreement = rm.clear;
			memset(m->frame, 0, sizeof m->frame);
			f.kind = AL_BG_TRANSPARENT;
			st = grow_background(m, &f);
			if (st != AL_OK)
				goto out;
		}
	}
	if (m->bg_kind == AL_BG_COLOR && rounded && framed) {
		st = frame_arcs(m, alpha_min, tol, colours);
		if (st != AL_OK)
			goto out;
	}
	if (m->bg_kind == AL_BG_COLOR && !framed)
		card_corners(m, alpha_min, tol);
	if (m->bg_kind == AL_BG_TRANSPARENT) {
		memset(m->bg_rgb, 0, 3);
		memset(m->bg_lab, 0, sizeof m->bg_lab);
	}
	foreground_stats(m);
out:
	if (st != AL_OK)
		al_measure_clear(m);
	return st;
}

/* Frees what al_measure_compute() allocated (lab, bgmask, run; the RGBA stays
 * the image's) and zeroes @m.  NULL is a no-op. */
void al_measure_clear(al_measure *m)
{
	if (m) {
		memo_forget();
		g_free(m->lab);
		g_free(m->bgmask);
		g_free(m->run);
		memset(m, 0, sizeof *m);
	}
}

/* al_measure_card() past its quick refusals: the rings, then the card's
 * box.  Sets *@wrote when it wrote @rgb and @lab (it may, and still
 * answer false). */
static bool card_compute(const al_measure *m, int alpha_min, float tol, double need,
                         uint8_t rgb[3], float lab[3], bool *wrote);

/* Opaque card on a transparent canvas (see al_internal.h).  Borrows
 * everything, allocates nothing that survives the call. */
bool al_measure_card(const al_measure *m, const al_options *opts,
                     double min_area, uint8_t rgb[3], float lab[3])
{
	const al_rule *r = &al_rule_background_white;
	const al_region *b = &m->fg_bbox;
	memo_key key;
	memset(&key, 0, sizeof key);     /* its padding too: it is compared whole */
	key.alpha_min = (int)al_param_get(opts, r, "alpha_transparent");
	key.tol = (float)al_param_get(opts, r, "bg_tolerance");
	key.need = al_param_get(opts, r, "border_share") - 1e-9;
	key.min_area = min_area;

	if ((m->bg_kind != AL_BG_TRANSPARENT && m->bg_kind != AL_BG_COLOR) ||
	    b->w <= 0 || m->width <= 0 ||
	    (double)b->w * b->h < min_area * m->width * m->height)
		return false;
	bool card, wrote = false;
	uint8_t c[3];
	float l[3];
	if (memo_find(&memo.card, m, &key, &card, rgb, lab))
		return card;
	card = card_compute(m, key.alpha_min, key.tol, key.need, c, l, &wrote);
	memo_keep(&memo.card, m, &key, card, wrote, c, l);
	if (wrote) {
		memcpy(rgb, c, sizeof c);
		memcpy(lab, l, sizeof l);
	}
	return card;
}

static bool card_compute(const al_measure *m, int alpha_min, float tol, double need,
                         uint8_t rgb[3], float lab[3], bool *wrote)
{
	const al_region *b = &m->fg_bbox;
	bool card = false;

	/* the ring just inside the box, or one or two px further in when
	 * the box's outer line is the card's soft edge: the best agreement */
	int bw = al_measure_ring_width(b->w, b->h);
	/* a box on the image's edge inside a colour: the frame was not
	 * peeled (a lossy frame's specks are foreground), so the box's outer
	 * rings are the frame; the card is read further in, past them */
	bool in_frame = m->bg_kind == AL_BG_COLOR &&
	                (b->x == 0 || b->y == 0 || b->x + b->w == m->width ||
	                 b->y + b->h == m->height);
	int max_d = CARD_INSET;
	if (in_frame)
		max_d += al_measure_ring_width(m->width, m->height) + 1;
	double best = -1;
	int best_d = 0;
	for (int d = 0; d <= max_d && 2 * (d + bw) < MIN(b->w, b->h); d++) {
		al_region in = { b->x + d, b->y + d, b->w - 2 * d, b->h - 2 * d };
		uint8_t c[3];
		float l[3];
		double share = 0, opaque = 0;
		if (al_measure_ring_color(m, &in, bw, alpha_min, tol, c, l, &share,
		                          &opaque) != AL_OK)
			return false;
		/* there, a ring of the frame's own colour (its lossy or
		 * anti-aliased inner edge) is more frame, not a card */
		if (in_frame && al_de76(l, m->bg_lab) < tol)
			continue;
		if (share > best) {
			best = share;
			best_d = d;
			memcpy(rgb, c, 3);
			memcpy(lab, l, 3 * sizeof *l);
			*wrote = true;
		}
	}
	card = best >= need;
	if (card) {
		/* a card is solid: an outline mark (a white frame around a
		 * see-through or background-coloured inside) has the same ring
		 * (inside enclosed by the frame is foreground for the fill,
		 * so pixels of the background colour do not count either) */
		/* and it carries something: what is not the card's colour
		 * inside it is mostly opaque artwork, not see-through holes (a
		 * black square with a knocked-out letter is a mark, a stencil) */
		/* both over the card's own box: the box inside the ring that
		 * named it (a frame's soft inner edge stays outside) */
		al_region cb = { b->x + best_d, b->y + best_d, b->w - 2 * best_d, b->h - 2 * best_d };
		size_t solid = 0, holes = 0, other = 0;
		for (int y = cb.y; y < cb.y + cb.h; y++)
			for (int x = cb.x; x < cb.x + cb.w; x++) {
				size_t i = (size_t)y * m->width + x;
				if (m->bgmask[i])
					continue;
				if (m->rgba[i * 4 + 3] < alpha_min) {
					holes++;
					continue;
				}
				/* fully opaque: soft edges of holes are not artwork */
				other += m->rgba[i * 4 + 3] == 255 &&
				         al_de76(m->lab + i * 3, lab) >= tol;
				solid += m->bg_kind != AL_BG_COLOR ||
				         al_de76(m->lab + i * 3, m->bg_lab) >= tol;
			}
		card = solid >= CARD_SOLID * cb.w * cb.h && holes <= other;
	}
	return card;
}

/* CIE76 distance from @p to the segment between @a and @b in CIELAB:
 * how far @p is from a mix of the two. */
static float mix_distance(const float p[3], const float a[3], const float b[3])
{
	float ab[3], ap[3], dot = 0, len2 = 0;
	for (int k = 0; k < 3; k++) {
		ab[k] = b[k] - a[k];
		ap[k] = p[k] - a[k];
		dot += ab[k] * ap[k];
		len2 += ab[k] * ab[k];
	}
	float t = len2 > 0 ? CLAMP(dot / len2, 0.0f, 1.0f) : 0.0f;
	float q[3] = { a[0] + t * ab[0], a[1] + t * ab[1], a[2] + t * ab[2] };
	return al_de76(p, q);
}

/* al_measure_two_tone()'s decision once the ring is counted: @second
 * ring pixels within tol of the second colour @c2 and @mixes of its
 * anti-aliased mixes with the first, of @total ring pixels.  Fills @rgb
 * and @lab with the canvas tone when the image is two-tone. */
static bool two_tone_canvas(const al_measure *m, int alpha_min, float tol,
                            const float c2[3], int total, int second, int mixes,
                            uint8_t rgb[3], float lab[3])
{
	int w = m->width, h = m->height;
	/* the two flat colours, and with their anti-aliased mixes (a disc
	 * cut by the edge crosses the ring at a shallow angle) */
	if (m->border_agreement + (double)second / total < TWO_TONE_FLAT - 1e-9 ||
	    m->border_agreement + (double)(second + mixes) / total < TWO_TONE_RING - 1e-9)
		return false;
	/* the canvas is the tone in all four corners when the other reaches
	 * at most three sides (a disc, ring or mark cropped by the edges),
	 * or in three corners when the other holds at most one and reaches
	 * at most two sides (a disc over one corner), else the tone that
	 * covers more of the image (a band, a panel, a tile touching every
	 * side) */
	size_t a1 = 0, a2 = 0;
	double sum_rgb[3] = { 0, 0, 0 };
	int corners[2] = { 0, 0 }, sides[2] = { 0, 0 };
	bool side_hit[2][AL_SIDES] = { { false } };
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			size_t i = (size_t)y * w + x;
			if (m->rgba[i * 4 + 3] < alpha_min)
				continue;
			const float *l = m->lab + i * 3;
			int t = al_de76(l, m->bg_lab) < tol ? 0 : al_de76(l, c2) < tol ? 1 : -1;
			if (t < 0)
				continue;
			if (t == 0) {
				a1++;
			} else {
				uint8_t c[3];
				shown_rgb(m->rgba + i * 4, c);
				for (int k = 0; k < 3; k++)
					sum_rgb[k] += c[k];
				a2++;
			}
			corners[t] += (x == 0 || x == w - 1) && (y == 0 || y == h - 1);
			side_hit[t][AL_SIDE_TOP] |= y == 0;
			side_hit[t][AL_SIDE_RIGHT] |= x == w - 1;
			side_hit[t][AL_SIDE_BOTTOM] |= y == h - 1;
			side_hit[t][AL_SIDE_LEFT] |= x == 0;
		}
	for (int t = 0; t < 2; t++)
		for (int k = 0; k < AL_SIDES; k++)
			sides[t] += side_hit[t][k];
	int canvas = a1 > a2 ? 0 : 1;
	for (int t = 0; t < 2; t++)
		if ((corners[t] == 4 && sides[1 - t] < AL_SIDES) ||
		    (corners[t] >= 3 && corners[1 - t] <= 1 && sides[1 - t] <= 2))
			canvas = t;
	if (canvas == 0) {
		memcpy(rgb, m->bg_rgb, 3);
		memcpy(lab, m->bg_lab, sizeof m->bg_lab);
	} else {
		for (int k = 0; k < 3; k++)
			rgb[k] = (uint8_t)CLAMP(sum_rgb[k] / (double)MAX(a2, 1) + 0.5, 0, 255);
		memcpy(lab, c2, sizeof(float) * 3);
	}
	return true;
}

/* For the tests: al_measure_two_tone() as it was, walking the ring pixel
 * by pixel (ring_next(), in_ring()). */
bool al__measure_two_tone_plain(const al_measure *m, const al_options *opts,
                                uint8_t rgb[3], float lab[3]);
bool al__measure_two_tone_plain(const al_measure *m, const al_options *opts,
                                uint8_t rgb[3], float lab[3])
{
	const al_rule *r = &al_rule_background_white;
	int alpha_min = (int)al_param_get(opts, r, "alpha_transparent");
	float tol = (float)al_param_get(opts, r, "bg_tolerance");
	int w = m->width, h = m->height;
	al_region all = { 0, 0, w, h };
	int bw = al_measure_ring_width(w, h);
	guint32 *hist = NULL;
	int total = 0, mode = -1;
	bool two = false;

	if (m->bg_kind != AL_BG_MIXED || w <= 0 || h <= 0)
		return false;
	/* the second colour: the fullest bin of the ring pixels that are not
	 * the first (the model's hint, m->bg_lab) */
	hist = g_new0(guint32, QBINS);   /* fixed size: see alloc.c */
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x = ring_next(x, y, &all, bw)) {
			if (!in_ring(x, y, &all, bw))
				continue;
			size_t i = (size_t)y * w + x;
			const uint8_t *p = m->rgba + i * 4;
			total++;
			if (p[3] < alpha_min || al_de76(m->lab + i * 3, m->bg_lab) < tol)
				continue;
			uint8_t c[3];
			shown_rgb(p, c);
			int q = shown_bin(c);
			hist[q]++;
			if (mode < 0 || hist[q] > hist[mode])
				mode = q;
		}
	if (mode < 0)
		goto out;
	/* its Lab mean, then the ring share within tol of it */
	double sum[3] = { 0, 0, 0 };
	int n = 0, second = 0;
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x = ring_next(x, y, &all, bw)) {
			if (!in_ring(x, y, &all, bw))
				continue;
			size_t i = (size_t)y * w + x;
			const uint8_t *p = m->rgba + i * 4;
			if (p[3] < alpha_min || al_de76(m->lab + i * 3, m->bg_lab) < tol)
				continue;
			uint8_t c[3];
			shown_rgb(p, c);
			int q = shown_bin(c);
			if (q != mode)
				continue;
			for (int k = 0; k < 3; k++)
				sum[k] += m->lab[i * 3 + k];
			n++;
		}
	float c2[3] = { (float)(sum[0] / n), (float)(sum[1] / n), (float)(sum[2] / n) };
	int mixes = 0;
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x = ring_next(x, y, &all, bw)) {
			size_t i = (size_t)y * w + x;
			if (!in_ring(x, y, &all, bw) || m->rgba[i * 4 + 3] < alpha_min ||
			    al_de76(m->lab + i * 3, m->bg_lab) < tol)
				continue;
			if (al_de76(m->lab + i * 3, c2) < tol)
				second++;
			else
				mixes += mix_distance(m->lab + i * 3, m->bg_lab, c2) < tol / 2;
		}
	two = two_tone_canvas(m, alpha_min, tol, c2, total, second, mixes, rgb, lab);
out:
	g_free(hist);
	return two;
}

/* A two-tone canvas (see al_internal.h).  Borrows everything; its
 * histogram is freed before return. */
static bool two_tone_compute(const al_measure *m, int alpha_min, float tol,
                             uint8_t rgb[3], float lab[3]);

bool al_measure_two_tone(const al_measure *m, const al_options *opts,
                         uint8_t rgb[3], float lab[3])
{
	const al_rule *r = &al_rule_background_white;
	memo_key key;
	memset(&key, 0, sizeof key);
	key.alpha_min = (int)al_param_get(opts, r, "alpha_transparent");
	key.tol = (float)al_param_get(opts, r, "bg_tolerance");

	if (m->bg_kind != AL_BG_MIXED || m->width <= 0 || m->height <= 0)
		return false;
	bool two;
	uint8_t c[3];
	float l[3];
	if (memo_find(&memo.two_tone, m, &key, &two, rgb, lab))
		return two;
	/* it writes @rgb and @lab when, and only when, it answers true */
	two = two_tone_compute(m, key.alpha_min, key.tol, c, l);
	memo_keep(&memo.two_tone, m, &key, two, two, c, l);
	if (two) {
		memcpy(rgb, c, sizeof c);
		memcpy(lab, l, sizeof l);
	}
	return two;
}

static bool two_tone_compute(const al_measure *m, int alpha_min, float tol,
                             uint8_t rgb[3], float lab[3])
{
	int w = m->width, h = m->height;
	al_region all = { 0, 0, w, h };
	int bw = al_measure_ring_width(w, h);
	guint32 *hist = NULL;
	int total = 0, mode = -1;
	bool two = false;

	/* the second colour: the fullest bin of the ring pixels that are not
	 * the first (the model's hint, m->bg_lab) */
	hist = g_new0(guint32, QBINS);   /* fixed size: see alloc.c */
	for (int y = 0, xs[2][2]; y < h; y++)
		for (int sp = 0, ns = ring_spans(y, &all, bw, xs); sp < ns; sp++)
		for (int x = xs[sp][0]; x < xs[sp][1]; x++) {
			size_t i = (size_t)y * w + x;
			const uint8_t *p = m->rgba + i * 4;
			total++;
			if (p[3] < alpha_min || al_de76(m->lab + i * 3, m->bg_lab) < tol)
				continue;
			uint8_t c[3];
			shown_rgb(p, c);
			int q = shown_bin(c);
			hist[q]++;
			if (mode < 0 || hist[q] > hist[mode])
				mode = q;
		}
	if (mode < 0)
		goto out;
	/* its Lab mean, then the ring share within tol of it */
	double sum[3] = { 0, 0, 0 };
	int n = 0, second = 0;
	for (int y = 0, xs[2][2]; y < h; y++)
		for (int sp = 0, ns = ring_spans(y, &all, bw, xs); sp < ns; sp++)
		for (int x = xs[sp][0]; x < xs[sp][1]; x++) {
			size_t i = (size_t)y * w + x;
			const uint8_t *p = m->rgba + i * 4;
			if (p[3] < alpha_min || al_de76(m->lab + i * 3, m->bg_lab) < tol)
				continue;
			uint8_t c[3];
			shown_rgb(p, c);
			int q = shown_bin(c);
			if (q != mode)
				continue;
			for (int k = 0; k < 3; k++)
				sum[k] += m->lab[i * 3 + k];
			n++;
		}
	float c2[3] = { (float)(sum[0] / n), (float)(sum[1] / n), (float)(sum[2] / n) };
	int mixes = 0;
	for (int y = 0, xs[2][2]; y < h; y++)
		for (int sp = 0, ns = ring_spans(y, &all, bw, xs); sp < ns; sp++)
		for (int x = xs[sp][0]; x < xs[sp][1]; x++) {
			size_t i = (size_t)y * w + x;
			if (m->rgba[i * 4 + 3] < alpha_min ||
			    al_de76(m->lab + i * 3, m->bg_lab) < tol)
				continue;
			if (al_de76(m->lab + i * 3, c2) < tol)
				second++;
			else
				mixes += mix_distance(m->lab + i * 3, m->bg_lab, c2) < tol / 2;
		}
	two = two_tone_canvas(m, alpha_min, tol, c2, total, second, mixes, rgb, lab);
out:
	g_free(hist);
	return two;
}

/* A page margin peeled as a frame (see al_internal.h).  Borrows
 * everything; its histogram is freed before return. */
bool al_measure_band(const al_measure *m, const al_options *opts,
                     uint8_t rgb[3], float lab[3])
{
	const al_rule *r = &al_rule_background_white;
	int alpha_min = (int)al_param_get(opts, r, "alpha_transparent");
	float tol = (float)al_param_get(opts, r, "bg_tolerance");
	double need = al_param_get(opts, r, "border_share") - 1e-9;
	int d = MIN(MIN(m->frame[0], m->frame[1]), MIN(m->frame[2], m->frame[3]));

	if (m->bg_kind != AL_BG_COLOR || m->width <= 0 ||
	    d < BAND_MIN || d < BAND_SHARE * MIN(m->width, m->height))
		return false;
	al_region all = { 0, 0, m->width, m->height };
	double share = 0, opaque = 0;
	if (al_measure_ring_color(m, &all, d, alpha_min, tol, rgb, lab, &share,
	                          &opaque) != AL_OK)
		return false;
	return share >= need;
}
