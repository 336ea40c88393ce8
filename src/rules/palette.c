/* palette: counts the prominent colours of a logo.
 *
 * A pixel counts when it is not background, is at least alpha_min opaque
 * (with its own, un-composited colour: a soft edge on transparency keeps
 * the colour of the mark) and is not a blend: lying between two opposite
 * neighbours that differ by more than edge_de (the in-between pixels of
 * anti-aliased edges; thin strokes still count).  The counted pixels are
 * clustered greedily in CIELAB (most frequent colours first, CIE76 merge
 * radius).  A cluster is anti-aliasing of detail too fine for the pixel
 * grid, and does not count, when it is a mix of two larger clusters or of
 * a larger cluster and the background: its mean lies within mix_de of
 * their mix in sRGB (as renderers blend) at 5 % to 95 %, and at least
 * mix_near of its pixels have both parents within 2 px.  Hairlines on a
 * plain background never show their pure colour: a cluster between the
 * background and any other cluster that is not a mix is one when at
 * least mix_near of its pixels touch the background (within 2 px) in a
 * piece of the mark holding that colour, or lies up to BG_PAST of the
 * way, past the background (the undershoot ring of a Lanczos or bicubic
 * downscale), when RIM_SHARE of its pixels touch the background.
 * Rings and strokes under a pixel wide over another colour never show
 * pure either: a cluster that
 * lies between a colour under it and any other cluster (of any size) is
 * a mix when at least mix_near of its pixels lie across a thin line over
 * that colour (it within 2 px on both sides, only blends between).
 * Neither holds for a colour that fills areas (more than fill_share of
 * its pixels inside a patch of it: the skin of a 40-px emoji).  In these
 * tests and the next, which take mixes of colours of any size, a mix by
 * JPEG chroma alone needs two larger ends: a 1-px dark outline at its
 * own luma, its chroma pulled towards its ground, is no mix of a few
 * purer pixels of it.  In a lossless image, neither these two tests nor
 * the next take a colour that is one exact colour (mix_uniform of its
 * pixels of one RGBA): a thin line's mixes vary with its cover of each
 * pixel, a tint drawn in 1-px lines and 3x3 boxes does not; but the
 * hairline test still takes one that lies one pixel deep on the mark's
 * edge, between the ground and another colour (share_edge, RIM_SHARE):
 * an outline under a pixel wide along a straight edge leaves one exact
 * mix of it and the ground.
 * Where such strokes mix with each other, a cluster between two others
 * that never fills a patch (mix_inside), in a piece holding both, is a
 * mix.  In a JPEG with subsampled chroma, "between" also means a mix of
 * the two lumas with a mix of the two chromas (4:2:0 gives a thin stroke
 * its ground's hue), and such a cluster is a mix when its pixels lie
 * near both colours.  Subpixel (ClearType) fringes, each channel of a
 * rim pixel its own mix of its left and right neighbours, are blends
 * too.  A cluster's weight is its pixels plus its part of each blend
 * pixel that lies between one of its pixels and another (a thin stroke
 * is mostly rim; an end that is a blend stands for its nearer end, up to
 * BLEND_CHAIN deep: a small area is mostly soft rim; CHAIN_TAKE parts a
 * pixel at most that way), plus its part of each mix of it; a cluster is
 * prominent when it holds at least min_share of the weight of the
 * clusters that are not mixes.  In a JPEG all of this is judged after
 * a chroma mean (jpeg_chroma_mean): each pixel keeps its luma and takes
 * the mean chroma of its neighbours of about its luma, so JPEG's coarse
 * chroma neither splits one flat colour in two nor turns its pixels
 * into blends; and a colour near the background (jpeg_halo_de) that
 * never fills a patch and lies along the background is the background's
 * ringing. */
#include <math.h>
#include "rules.h"
#include "regions.h"

/* how far past the background a mix of a colour and the background may
 * lie (1 = the background itself): resampling undershoot */
#define BG_PAST 1.15
/* ... when at least this share of its pixels touch the background: the
 * undershoot is a ring a pixel wide; and a colour of one exact RGBA is
 * still a hairline's mix when this share lies on the mark's edge */
#define RIM_SHARE 0.75

static const al_param params[] = {
	{ "max_colors", 4, 1, 64, "most prominent colours allowed" },
	{ "merge_de", 10, 1, 50, "colours closer than this (CIE76) are one colour" },
	{ "min_share", 0.025, 0.001, 0.5, "a colour is prominent from this share of the colours' weight (pixels plus their part of the blends)" },
	{ "edge_de", 4, 0.5, 50, "a pixel lying between two opposite neighbours that differ by more than this (CIE76) is a blend and not counted" },
	{ "alpha_min", 128, 1, 255, "pixels at least this opaque (of 255) count, with their own colour" },
	{ "mix_de", 6, 0, 50, "a colour closer than this (CIE76) to a mix of two larger colours, or of one and the background, can be anti-aliasing" },
	{ "mix_near", 0.5, 0, 1, "and is when this share of its pixels has both of those colours within 2 px" },
	{ "mix_inside", 0.05, 0, 1, "or when at most this share of its pixels have all four neighbours in it (it never fills an area)" },
	{ "fill_share", 0.15, 0, 1, "a colour of which more than this share of the pixels have all four neighbours within merge_de fills areas: it is never a hairline's mix with the background nor a thin line's over another colour (1: off)" },
	{ "jpeg_chroma_px", 4, 0, 8, "in a JPEG, each pixel takes the mean chroma of the pixels this near (px; every other one) whose luma is close to its own (0, 1: off)" },
	{ "jpeg_luma_tol", 6, 0, 255, "close: luma (Y, 0..255) within this" },
	{ "jpeg_smear_end", 0.25, 0, 1, "in a JPEG, a colour is a chroma smear between two colours only when each holds at least this share of its pixels (0: any)" },
	{ "mix_uniform", 0.75, 0, 1, "in a lossless image, a colour of which at least this share of the pixels are one exact RGBA is drawn, not the anti-aliasing of a thin line over another colour (0: off)" },
	{ "jpeg_halo_de", 20, 0, 50, "in a JPEG, a colour closer than this (CIE76) to the background colour that never fills a patch and lies along the background is the background's ringing, not a colour (0: off)" },
};

/* Clusters beyond this many (by size) are never parents nor tested as
 * mixes: a 64-bit neighbourhood mask holds them and the background. */
#define MAX_TRACKED 63
/* one in each byte */
#define ONES UINT64_C(0x0101010101010101)

/* Are the eight bytes of @mask from @i (all inside its @n) zero? */
static inline bool none8(const uint8_t *mask, size_t i, size_t n)
{
	uint64_t v;
	return i + 8 <= n && (memcpy(&v, mask + i, 8), v == 0);
}

/* Do the pixels at @a and @b (RGBA) have the same RGB?  memcmp(a, b, 3)
 * == 0, as one compare of the four bytes but alpha's. */
static inline bool same_rgb(const uint8_t *a, const uint8_t *b)
{
	static const uint8_t rgb_bytes[4] = { 0xff, 0xff, 0xff, 0 };
	uint32_t u, v, mask;
	memcpy(&u, a, 4);
	memcpy(&v, b, 4);
	memcpy(&mask, rgb_bytes, 4);
	return ((u ^ v) & mask) == 0;
}

/* Do the eight bytes of a background mask from @b each have one of their
 * two low bits set (1 or 2: background)? */
static inline bool bg8(const uint8_t *b)
{
	uint64_t v;
	memcpy(&v, b, 8);
	return ((v | v >> 1) & ONES) == ONES;
}

/* See rules.h. */
bool al__palette_plain;
uint64_t *al__palette_digest;
#define BG_BIT (UINT64_C(1) << 63)

typedef struct {
	double lab[3];           /* sums */
	double rgb[3];
	long n;
	double weight;           /* n plus its shares of the blends */
	long mode;               /* most pixels of one exact RGBA in a bin */
	long quiet_inside;       /* its quiet pixels inside a patch (bins') */
	int id;                  /* index before sorting */
	bool mix;                /* anti-aliasing between larger colours */
	int pa, pb;              /* a mix's two colours (sorted index; -1: the
	                          * background) */
	float t;                 /* and how far from pa towards pb */
} cluster;

/* Bins of 2 L*a*b* units: exact enough for the merge radius, few enough
 * that the greedy clustering sees each distinct colour once. */
static guint32 bin_key(const float *l)
{
	int q0 = CLAMP((int)lrintf(l[0] / 2.0f), 0, 63);
	int q1 = CLAMP((int)lrintf(l[1] / 2.0f) + 128, 0, 255);
	int q2 = CLAMP((int)lrintf(l[2] / 2.0f) + 128, 0, 255);
	return (guint32)(q0 << 16 | q1 << 8 | q2);
}

typedef struct {
	guint32 key;
	long n;
	uint32_t first;          /* the RGBA of its first pixel */
	long same;               /* its pixels of exactly that RGBA */
	long quiet_inside;       /* its quiet pixels inside a patch of their
	                          * colour (quiet_inside()) */
	double lab[3], rgb[3];
	int cluster;             /* index into the clusters, before sorting */
	uint64_t own;            /* its pixels' own bit, once ranked */
} bin;

static int bin_cmp(gconstpointer a, gconstpointer b)
{
	const bin *x = *(bin *const *)a, *y = *(bin *const *)b;
	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return x->key < y->key ? -1 : (x->key > y->key);
}

/* A blend pixel and the two neighbours it lies between. */
typedef struct {
	size_t px;               /* the blend pixel */
	size_t a, b;
	float t;                 /* how far from a towards b */
} blend;

/* How many blends a blend's end may lead through to a counted pixel, and
 * how many parts a pixel takes that way. */
#define BLEND_CHAIN 3
#define CHAIN_TAKE 4.0f

static int px_cmp(gconstpointer a, gconstpointer b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return (x > y) - (x < y);
}

static int cluster_cmp(gconstpointer a, gconstpointer b)
{
	const cluster *x = a, *y = b;
	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return (x->id > y->id) - (x->id < y->id);
}

static void mean_lab(const cluster *c, float lab[3])
{
	for (int k = 0; k < 3; k++)
		lab[k] = (float)(c->lab[k] / c->n);
}

static void mean_rgb(const cluster *c, double rgb[3])
{
	for (int k = 0; k < 3; k++)
		rgb[k] = c->rgb[k] / c->n;
}

/* True when @c (sRGB, and Lab) is within @tol CIE76 of a mix of @a and @b
 * in sRGB at 5 % to @hi of the way (*t). */
static bool is_mix_rgb_to(const double c[3], const float c_lab[3], const double a[3],
                          const double b[3], float tol, double hi, float *t)
{
	double ab[3] = { b[0] - a[0], b[1] - a[1], b[2] - a[2] };
	double d2 = ab[0] * ab[0] + ab[1] * ab[1] + ab[2] * ab[2];
	if (d2 < 1.0)
		return false;
	double u = ((c[0] - a[0]) * ab[0] + (c[1] - a[1]) * ab[1] +
	            (c[2] - a[2]) * ab[2]) / d2;
	if (u < 0.05 || u > hi)
		return false;
	uint8_t q[3];
	for (int k = 0; k < 3; k++)
		q[k] = (uint8_t)CLAMP(a[k] + u * ab[k] + 0.5, 0, 255);
	float q_lab[3];
	al_srgb_to_lab(q[0], q[1], q[2], q_lab);
	*t = (float)u;
	return al_de76(c_lab, q_lab) < tol;
}

/* is_mix_rgb_to() at 5 % to 95 % of the way. */
static bool is_mix_rgb(const double c[3], const float c_lab[3], const double a[3],
                       const double b[3], float tol, float *t)
{
	return is_mix_rgb_to(c, c_lab, a, b, tol, 0.95, t);
}

/* JPEG's Y, Cb, Cr (ITU-R BT.601, full range) of sRGB @c, and back. */
static void to_ycc(const double c[3], double y[3])
{
	y[0] = 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2];
	y[1] = -0.168736 * c[0] - 0.331264 * c[1] + 0.5 * c[2];
	y[2] = 0.5 * c[0] - 0.418688 * c[1] - 0.081312 * c[2];
}

static void from_ycc(const double y[3], uint8_t c[3])
{
	c[0] = (uint8_t)CLAMP(y[0] + 1.402 * y[2] + 0.5, 0, 255);
	c[1] = (uint8_t)CLAMP(y[0] - 0.344136 * y[1] - 0.714136 * y[2] + 0.5, 0, 255);
	c[2] = (uint8_t)CLAMP(y[0] + 1.772 * y[1] + 0.5, 0, 255);
}

/* JPEG keeps luma (Y) at full resolution and finely quantised, chroma
 * (Cb, Cr) at half resolution (4:2:0) and coarsely quantised in blocks
 * of 8 or 16 px: in a flat area the luma is nearly exact but the chroma
 * wanders (a few CIE76 units at quality 85, up to 13 at quality 35), so
 * neighbours of one flat colour differ like the two sides of an edge.
 * The design's colour changes where its luma does.  A copy of @rgba
 * (@w x @h, opaque) whose pixels within 2 px of one that is not
 * background (@bgmask; the others are copied) keep their own Y and take
 * the mean Cb, Cr of the pixels within @r px (every other one in each
 * direction, the pixel's own included: chroma is stored per 2x2 block)
 * whose Y is within @tol of their own: the chroma noise of a flat area
 * averages out, and an edge's two sides do not mix.  NULL when out of
 * memory. */
/* See jpeg_chroma_mean_plain() below for what it computes; this is the
 * same arithmetic, faster:
 * - a pixel of the RGB of the one before it in the row converts to the
 *   same Y, Cb, Cr (a function of the RGB): copied;
 * - the pixels within 2 px of the mark are found by sliding counts along
 *   rows, then columns (the same set);
 * - four neighbouring pixels whose windows lie inside the image are
 *   averaged at once (SSE2): each lane takes its own taps in the same
 *   order with the same float operations (no contraction in ISO C), so
 *   each sum is the scalar one to the bit.  Pixels near the image's
 *   edges, and lanes not needed, take the scalar loop or nothing. */
static void chroma_px(const float *yp, const float *cbp, const float *crp, int w, int h,
                      int x, int y, int d, float tol, uint8_t *out)
{
	size_t i = (size_t)y * w + x;
	float yi = yp[i], cb = 0, cr = 0, k = 0;
	int x0 = x - d, x1 = MIN(w - 1, x + d);
	while (x0 < 0)
		x0 += 2;
	int y0 = y - d;
	while (y0 < 0)
		y0 += 2;
	for (int yy = y0; yy <= MIN(h - 1, y + d); yy += 2) {
		size_t row = (size_t)yy * w;
		for (int xx = x0; xx <= x1; xx += 2) {
			float in = fabsf(yp[row + xx] - yi) <= tol;
			cb += in * cbp[row + xx];
			cr += in * crp[row + xx];
			k += in;
		}
	}
	double v[3] = { yi, cb / k, cr / k };
	from_ycc(v, out + i * 4);
}

static uint8_t *jpeg_chroma_mean(const uint8_t *rgba, const uint8_t *bgmask, int w, int h,
                                 int r, float tol)
{
	size_t n = (size_t)w * h;
	float *yp = al_try_new(float, n * 3);
	uint8_t *need = al_try_new(uint8_t, n * 2);
	uint8_t *out = al_try_new(uint8_t, n * 4);
	if (!yp || !need || !out) {
		g_free(yp);
		g_free(need);
		g_free(out);
		return NULL;
	}
	float *cbp = yp + n, *crp = yp + 2 * n;
	for (size_t i = 0; i < n; i++) {
		if (i % (size_t)w && same_rgb(rgba + i * 4, rgba + (i - 1) * 4)) {
			yp[i] = yp[i - 1];
			cbp[i] = cbp[i - 1];
			crp[i] = crp[i - 1];
			continue;
		}
		double c[3] = { rgba[i * 4], rgba[i * 4 + 1], rgba[i * 4 + 2] }, y[3];
		to_ycc(c, y);
		yp[i] = (float)y[0];
		cbp[i] = (float)y[1];
		crp[i] = (float)y[2];
	}
	/* within 2 px of the mark: the pixels not background among x - 2 ..
	 * x + 2 (counted as the window slides), then among y - 2 .. y + 2 */
	uint8_t *tmp = need + n;
	for (int y = 0; y < h; y++) {
		const uint8_t *bg = bgmask + (size_t)y * w;
		uint8_t *t = tmp + (size_t)y * w;
		int c = 0;
		for (int x = 0; x < MIN(2, w); x++)
			c += !bg[x];
		for (int x = 0; x < w; x++) {
			if (x + 2 < w)
				c += !bg[x + 2];
			if (x - 3 >= 0)
				c -= !bg[x - 3];
			t[x] = c > 0;
		}
	}
	for (int x = 0; x < w; x++) {
		int c = 0;
		for (int y = 0; y < MIN(2, h); y++)
			c += tmp[(size_t)y * w + x];
		for (int y = 0; y < h; y++) {
			if (y + 2 < h)
				c += tmp[(size_t)(y + 2) * w + x];
			if (y - 3 >= 0)
				c -= tmp[(size_t)(y - 3) * w + x];
			need[(size_t)y * w + x] = c > 0;
		}
	}
	memcpy(out, rgba, n * 4);
	/* every other pixel: chroma is stored per 2x2 block */
	int d = r / 2 * 2;
	for (int y = 0; y < h; y++) {
		const uint8_t *nd = need + (size_t)y * w;
		int x = 0;
#ifdef __SSE2__
		/* four centres x .. x + 3, their windows inside the image */
		bool rows_in = y - d >= 0 && y + d <= h - 1;
		const __m128 one = _mm_set1_ps(1.0f), tolv = _mm_set1_ps(tol),
		             absm = _mm_castsi128_ps(_mm_set1_epi32(0x7fffffff));
		for (x = d; rows_in && x + 3 + d <= w - 1; ) {
			uint32_t four;
			memcpy(&four, nd + x, 4);
			if (!four) {
				x += 4;
				continue;
			}
			size_t i = (size_t)y * w + x;
			__m128 yi = _mm_loadu_ps(yp + i), cb = _mm_setzero_ps(), cr = cb, k = cb;
			for (int yy = y - d; yy <= y + d; yy += 2) {
				size_t row = (size_t)yy * w + x;
				for (int o = -d; o <= d; o += 2) {
					__m128 dv = _mm_and_ps(_mm_sub_ps(_mm_loadu_ps(yp + row + o), yi), absm);
					__m128 in = _mm_and_ps(_mm_cmple_ps(dv, tolv), one);
					cb = _mm_add_ps(cb, _mm_mul_ps(in, _mm_loadu_ps(cbp + row + o)));
					cr = _mm_add_ps(cr, _mm_mul_ps(in, _mm_loadu_ps(crp + row + o)));
					k = _mm_add_ps(k, in);
				}
			}
			float fy[4], fb[4], fr[4];
			_mm_storeu_ps(fy, yi);
			_mm_storeu_ps(fb, _mm_div_ps(cb, k));
			_mm_storeu_ps(fr, _mm_div_ps(cr, k));
			for (int j = 0; j < 4; j++)
				if (nd[x + j]) {
					double v[3] = { fy[j], fb[j], fr[j] };
					from_ycc(v, out + (i + j) * 4);
				}
			x += 4;
		}
		/* the columns left of the vector loop, and those right of it */
		if (x > 0)
			for (int xs = 0; xs < MIN(d, w); xs++)
				if (nd[xs])
					chroma_px(yp, cbp, crp, w, h, xs, y, d, tol, out);
#endif
		for (; x < w; x++)
			if (nd[x])
				chroma_px(yp, cbp, crp, w, h, x, y, d, tol, out);
	}
	g_free(yp);
	g_free(need);
	return out;
}

/* jpeg_chroma_mean() as first written, pixel by pixel: the reference
 * that tests compare the fast one with (al__palette_plain). */
static uint8_t *jpeg_chroma_mean_plain(const uint8_t *rgba, const uint8_t *bgmask, int w, int h,
                                 int r, float tol)
{
	size_t n = (size_t)w * h;
	float *yp = al_try_new(float, n * 3);
	uint8_t *need = al_try_new(uint8_t, n * 2);
	uint8_t *out = al_try_new(uint8_t, n * 4);
	if (!yp || !need || !out) {
		g_free(yp);
		g_free(need);
		g_free(out);
		return NULL;
	}
	float *cbp = yp + n, *crp = yp + 2 * n;
	for (size_t i = 0; i < n; i++) {
		double c[3] = { rgba[i * 4], rgba[i * 4 + 1], rgba[i * 4 + 2] }, y[3];
		to_ycc(c, y);
		yp[i] = (float)y[0];
		cbp[i] = (float)y[1];
		crp[i] = (float)y[2];
	}
	/* the pixels that the blend tests and counts read: within 2 px of
	 * the mark (two separable passes) */
	uint8_t *tmp = need + n;
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			uint8_t v = 0;
			for (int xx = MAX(0, x - 2); xx <= MIN(w - 1, x + 2) && !v; xx++)
				v = !bgmask[(size_t)y * w + xx];
			tmp[(size_t)y * w + x] = v;
		}
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			uint8_t v = 0;
			for (int yy = MAX(0, y - 2); yy <= MIN(h - 1, y + 2) && !v; yy++)
				v = tmp[(size_t)yy * w + x];
			need[(size_t)y * w + x] = v;
		}
	memcpy(out, rgba, n * 4);
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			size_t i = (size_t)y * w + x;
			if (!need[i])
				continue;
			/* every other pixel: chroma is stored per 2x2 block */
			chroma_px(yp, cbp, crp, w, h, x, y, r / 2 * 2, tol, out);
		}
	g_free(yp);
	g_free(need);
	return out;
}

/* Where a JPEG stores chroma at half resolution (4:2:0, 4:2:2), a pixel
 * keeps its own luma but takes the chroma of its 2x2 block, smoothed
 * with the next blocks: beside an edge between @a and @b its colour has
 * the luma of a mix of them and the chroma of another mix -- a thin dark
 * stroke on a coloured ground takes the ground's hue at its own
 * lightness, which no mix in sRGB gives.  True when @c is within @tol
 * CIE76 of such a colour: luma at u, chroma at v of the way from @a to
 * @b (each clamped to 0..1, one of them 5 % to 95 %); *t: the luma's
 * share (the chroma's when the two lumas are close). */
static bool is_mix_chroma(const double c[3], const float c_lab[3], const double a[3],
                          const double b[3], float tol, float *t)
{
	double yc[3], ya[3], yb[3];
	to_ycc(c, yc);
	to_ycc(a, ya);
	to_ycc(b, yb);
	double dy = yb[0] - ya[0];
	double u = fabs(dy) < 1.0 ? 0.0 : CLAMP((yc[0] - ya[0]) / dy, 0.0, 1.0);
	double d1 = yb[1] - ya[1], d2 = yb[2] - ya[2], dd = d1 * d1 + d2 * d2;
	double v = dd < 1.0 ? 0.0 :
	           CLAMP(((yc[1] - ya[1]) * d1 + (yc[2] - ya[2]) * d2) / dd, 0.0, 1.0);
	if ((u < 0.05 || u > 0.95) && (v < 0.05 || v > 0.95))
		return false;
	double q[3] = { ya[0] + u * dy, ya[1] + v * d1, ya[2] + v * d2 };
	uint8_t rgb[3];
	from_ycc(q, rgb);
	float q_lab[3];
	al_srgb_to_lab(rgb[0], rgb[1], rgb[2], q_lab);
	*t = (float)(fabs(dy) >= 16.0 ? u : v);
	return al_de76(c_lab, q_lab) < tol;
}

/* For each pixel, the set of tracked clusters (bit i: sorted cluster i)
 * and background (BG_BIT) found within @r px; @own is each pixel's own
 * bit (0: not counted).  al_or_near(). */
static uint64_t *near_masks(const uint64_t *own, int w, int h, int r)
{
	uint64_t *tmp = al_try_new(uint64_t, (size_t)w * h);
	uint64_t *out = al_try_new(uint64_t, (size_t)w * h);
	if (!tmp || !out) {
		g_free(tmp);
		g_free(out);
		return NULL;
	}
	al_or_near(own, w, h, r, tmp, out);
	g_free(tmp);
	return out;
}

/* near_masks()'s mask of pixel (@x, @y) alone: the OR of @own over the
 * square of side 2r+1 round it, clipped to the image, as al_or_near()
 * takes it (OR is exact in any order).  For the few pixels a share asks
 * about, where the whole plane would cost every pixel's. */
static uint64_t near_px(const uint64_t *own, int w, int h, int x, int y, int r)
{
	uint64_t v = 0;
	int x0 = MAX(0, x - r), x1 = MIN(w - 1, x + r);
	for (int yy = MAX(0, y - r); yy <= MIN(h - 1, y + r); yy++) {
		const uint64_t *row = own + (size_t)yy * w;
		for (int xx = x0; xx <= x1; xx++)
			v |= row[xx];
	}
	return v;
}

/* Each tracked cluster's pixels (own[i] its bit), in scan order, listed
 * once when a share is first asked for: the shares below count over a
 * cluster's own pixels instead of scanning the image for them, with the
 * same counts.  px NULL: not listed (out of memory, or
 * al__palette_plain), and the shares scan. */
typedef struct {
	size_t count[MAX_TRACKED]; /* each tracked cluster's pixels (its n:
	                          * own[i] is its bit at each pixel of its
	                          * bins) */
	bool built;
	size_t start[MAX_TRACKED + 1];
	size_t *px;
	uint64_t *near;          /* beside px: each listed pixel's near mask, */
	uint64_t near_done;      /* filled for the clusters of these bits */
} members;

/* What the mix tests read that only some images need, made when a test
 * first asks (most images ask for none of it): the planes of the mark's
 * pieces, of the tracked colours within 2 px (when the members are not
 * listed) and, in a JPEG, of those within 2 and 8 px, blends included.
 * @failed: the planes that found no memory (the check reports it after
 * find_mixes()). */
typedef struct {
	const al_measure *m;
	const float *lab;
	const uint8_t *fg;       /* the mark: counted pixels and blends */
	bool pieces_made;
	int *piece;              /* each pixel's piece of the mark, or -1 */
	uint64_t *piece_has;     /* the tracked clusters in each piece */
	bool near_made;
	uint64_t *near;          /* near_masks(own, 2) when members are not
	                          * listed */
	GHashTable *bins;        /* the scan's bins, by bin_key() + 1 */
	const int *rank;         /* each cluster's sorted index */
	bool near28_made;
	uint64_t *near2, *near8; /* a JPEG with subsampled chroma: the colours
	                          * within 2 and 8 px, blends taken as the
	                          * colour of their bin */
	const char *failed;
} lazy;

typedef struct {
	const uint64_t *own;
	int w, h;
	size_t n;
	members *mem;            /* see members_of() */
	lazy *lz;                /* see lazy */
	float tol, near_share;
	const uint8_t *bg;       /* background sRGB, NULL when transparent */
	float inside_share;      /* mix_inside */
	float fill_share;        /* fill_share */
	float smear_end;         /* jpeg_smear_end */
	const long *inside;      /* per tracked cluster: its pixels inside a
	                          * patch of their colour (count_inside) */
	GHashTable **in_pieces;  /* per tracked cluster, made when needed:
	                          * piece + 1 -> its pixels there */
	bool chroma;             /* a JPEG with subsampled chroma */
	float uniform;           /* lossless: mix_uniform; 0: a JPEG or off */
	float halo;              /* a JPEG: jpeg_halo_de; 0: not a JPEG or off */
} mix_ctx;

/* The pixels of sorted cluster @c (tracked) in scan order, into *@list
 * and *@len; false when they are not listed (see members). */
static bool members_of(const mix_ctx *mc, int c, const size_t **list, size_t *len)
{
	members *mb = mc->mem;
	if (!mb || al__palette_plain)
		return false;
	if (!mb->built) {
		mb->built = true;
		const uint8_t *fg = mc->lz->fg;
		mb->start[0] = 0;
		for (int k = 0; k < MAX_TRACKED; k++)
			mb->start[k + 1] = mb->start[k] + mb->count[k];
		mb->px = al_try_new(size_t, MAX(mb->start[MAX_TRACKED], 1));
		if (mb->px) {
			size_t at[MAX_TRACKED];
			memcpy(at, mb->start, sizeof at);
			/* a tracked pixel is counted, so in the mark: eight
			 * pixels outside it (fg 0) at a time hold none */
			for (size_t i = 0; i < mc->n; i++) {
				if (none8(fg, i, mc->n)) {
					i += 7;
					continue;
				}
				uint64_t o = mc->own[i];
				if (o && o != BG_BIT)
					mb->px[at[__builtin_ctzll(o)]++] = i;
			}
		}
	}
	if (!mb->px)
		return false;
	*list = mb->px + mb->start[c];
	*len = mb->start[c + 1] - mb->start[c];
	return true;
}

/* The near masks (near_px(), 2 px) of the listed pixels of sorted
 * cluster @c, in their order: each cluster's worked out once, when a
 * share first asks.  NULL when out of memory (mc->lz->failed says so). */
static const uint64_t *members_near(const mix_ctx *mc, int c)
{
	members *mb = mc->mem;
	if (!mb->near) {
		mb->near = al_try_new(uint64_t, MAX(mb->start[MAX_TRACKED], 1));
		if (!mb->near) {
			mc->lz->failed = "neighbour masks";
			return NULL;
		}
	}
	uint64_t *nb = mb->near + mb->start[c];
	if (!(mb->near_done & UINT64_C(1) << c)) {
		mb->near_done |= UINT64_C(1) << c;
		const size_t *px = mb->px + mb->start[c];
		for (size_t j = 0; j < mb->start[c + 1] - mb->start[c]; j++)
			nb[j] = near_px(mc->own, mc->w, mc->h, (int)(px[j] % (size_t)mc->w),
			                (int)(px[j] / (size_t)mc->w), 2);
	}
	return nb;
}

/* near_masks(own, 2) of the whole image, for shares that scan it (the
 * members not listed).  NULL when out of memory. */
static const uint64_t *near_plane(const mix_ctx *mc)
{
	lazy *lz = mc->lz;
	if (!lz->near_made) {
		lz->near_made = true;
		lz->near = near_masks(mc->own, mc->w, mc->h, 2);
		if (!lz->near)
			lz->failed = "neighbour masks";
	}
	return lz->near;
}

/* Makes the mark's pieces (4-connected, blends included) and the tracked
 * colours each holds, once; false when out of memory. */
static bool pieces_made(const mix_ctx *mc)
{
	lazy *lz = mc->lz;
	if (lz->pieces_made)
		return lz->piece_has != NULL;
	lz->pieces_made = true;
	lz->piece = al_try_new(int, mc->n);
	int npieces = lz->piece ? al_regions_similar(lz->m, lz->lab, lz->fg, 1e6f, 0, lz->piece) : -1;
	if (npieces >= 0)
		lz->piece_has = al_try_new0(uint64_t, (size_t)MAX(npieces, 1));
	if (!lz->piece_has) {
		lz->failed = "pieces";
		return false;
	}
	for (size_t i = 0; i < mc->n; i++) {
		if (!al__palette_plain && none8(lz->fg, i, mc->n)) {
			i += 7;
			continue;
		}
		if (lz->piece[i] >= 0 && mc->own[i] != BG_BIT)
			lz->piece_has[lz->piece[i]] |= mc->own[i];
	}
	return true;
}

/* A test of pixel @i (at @x, @y) of a cluster, with its near mask @nb
 * (the colours within 2 px, when share_of() is asked for it, else 0) and
 * the pair of colours @pa and @pb (bits) it asks about, for share_of(). */
typedef bool (*pixel_test)(const mix_ctx *mc, size_t i, int x, int y, uint64_t nb,
                           uint64_t pa, uint64_t pb);

/* Share of the pixels of sorted cluster @c for which @test holds: its
 * listed pixels (members_of()), else a scan for them; @with_near: the
 * test reads their near masks.  0 when out of memory for those
 * (mc->lz->failed). */
static inline double share_of(const mix_ctx *mc, int c, pixel_test test, bool with_near,
                              uint64_t pa, uint64_t pb)
{
	uint64_t bit = UINT64_C(1) << c;
	long mine = 0, hits = 0;
	const size_t *list;
	size_t len;
	bool listed = members_of(mc, c, &list, &len);
	const uint64_t *near = NULL;
	if (with_near && !(near = listed ? members_near(mc, c) : near_plane(mc)))
		return 0.0;
	for (size_t j = 0, i; listed ? j < len : j < mc->n; j++) {
		i = listed ? list[j] : j;
		if (mc->own[i] != bit)
			continue;
		mine++;
		/* near is in the list's order, or the plane's (then i = j) */
		hits += test(mc, i, (int)(i % (size_t)mc->w), (int)(i / (size_t)mc->w),
		             near ? near[j] : 0, pa, pb);
	}
	return mine ? (double)hits / (double)mine : 0.0;
}

/* The background within 2 px and cluster @pa in the pixel's piece of
 * the mark. */
static bool thin_test(const mix_ctx *mc, size_t i, int x, int y, uint64_t nb, uint64_t pa,
                      uint64_t pb)
{
	const int *piece = mc->lz->piece;
	(void)x, (void)y, (void)pb;
	return (nb & BG_BIT) && piece[i] >= 0 && (mc->lz->piece_has[piece[i]] & pa);
}

/* Share of the pixels of sorted cluster @c that have the background
 * within 2 px and cluster @pa (bit) in their piece of the mark. */
static double share_thin(const mix_ctx *mc, int c, uint64_t pa)
{
	return pieces_made(mc) ? share_of(mc, c, thin_test, true, pa, 0) : 0.0;
}

/* Makes lz->near2 and lz->near8 once; false when out of memory. */
static bool colours_near_made(const mix_ctx *mc)
{
	lazy *lz = mc->lz;
	if (lz->near28_made)
		return lz->near8 != NULL;
	lz->near28_made = true;
	/* blends take the colour of their bin, where one was counted */
	uint64_t *loose = al_try_new(uint64_t, mc->n);
	if (loose) {
		for (size_t i = 0; i < mc->n; i++) {
			loose[i] = mc->own[i];
			if (loose[i] || !lz->fg[i])
				continue;
			bin *b = g_hash_table_lookup(lz->bins,
			                             GUINT_TO_POINTER(bin_key(lz->lab + i * 3) + 1));
			int r = b ? lz->rank[b->cluster] : MAX_TRACKED;
			loose[i] = r < MAX_TRACKED ? UINT64_C(1) << r : 0;
		}
		lz->near2 = near_masks(loose, mc->w, mc->h, 2);
		lz->near8 = lz->near2 ? near_masks(loose, mc->w, mc->h, 8) : NULL;
		g_free(loose);
	}
	if (!lz->near8)
		lz->failed = "neighbour masks";
	return lz->near8 != NULL;
}

/* @pa within 2 px and @pb within 8 px, blends included. */
static bool colours_near_test(const mix_ctx *mc, size_t i, int x, int y, uint64_t nb,
                              uint64_t pa, uint64_t pb)
{
	(void)x, (void)y, (void)nb;
	return (mc->lz->near2[i] & pa) && (mc->lz->near8[i] & pb);
}

/* Share of the pixels of sorted cluster @c that have @pa (bit) within
 * 2 px and @pb within 8 px, blends included (lz->near2, near8: made
 * when first asked). */
static double share_colours_near(const mix_ctx *mc, int c, uint64_t pa, uint64_t pb)
{
	return colours_near_made(mc) ? share_of(mc, c, colours_near_test, false, pa, pb) : 0.0;
}

/* Share of the pixels of sorted cluster @c (@n of them) in a piece of
 * the mark that holds all colours of @bits. */
static double share_in_piece(const mix_ctx *mc, int c, long n, uint64_t bits)
{
	if (!pieces_made(mc))
		return 0.0;
	const int *piece = mc->lz->piece;
	if (!mc->in_pieces[c]) {
		GHashTable *t = g_hash_table_new(g_direct_hash, g_direct_equal);
		uint64_t bit = UINT64_C(1) << c;
		const size_t *list;
		size_t len;
		bool listed = members_of(mc, c, &list, &len);
		for (size_t k = 0, i; listed ? k < len : k < mc->n; k++) {
			i = listed ? list[k] : k;
			if (mc->own[i] == bit && piece[i] >= 0) {
				gpointer key = GINT_TO_POINTER(piece[i] + 1);
				g_hash_table_insert(t, key, GSIZE_TO_POINTER(
				        GPOINTER_TO_SIZE(g_hash_table_lookup(t, key)) + 1));
			}
		}
		mc->in_pieces[c] = t;
	}
	GHashTableIter it;
	gpointer k, v;
	long in = 0;
	g_hash_table_iter_init(&it, mc->in_pieces[c]);
	while (g_hash_table_iter_next(&it, &k, &v))
		if ((mc->lz->piece_has[GPOINTER_TO_INT(k) - 1] & bits) == bits)
			in += (long)GPOINTER_TO_SIZE(v);
	return n ? (double)in / (double)n : 0.0;
}

/* Both @pa and @pb within 2 px. */
static bool near_test(const mix_ctx *mc, size_t i, int x, int y, uint64_t nb, uint64_t pa,
                      uint64_t pb)
{
	(void)mc, (void)i, (void)x, (void)y;
	return (nb & pa) && (nb & pb);
}

/* Share of the pixels of sorted cluster @c that have both @pa and @pb
 * (bits) within 2 px. */
static double share_near(const mix_ctx *mc, int c, uint64_t pa, uint64_t pb)
{
	return share_of(mc, c, near_test, true, pa, pb);
}

/* The background beside the pixel (a 4-neighbour). */
static bool rim_test(const mix_ctx *mc, size_t i, int x, int y, uint64_t nb, uint64_t pa,
                     uint64_t pb)
{
	int w = mc->w, h = mc->h;
	(void)nb, (void)pa, (void)pb;
	return (x > 0 && mc->own[i - 1] == BG_BIT) ||
	       (x + 1 < w && mc->own[i + 1] == BG_BIT) ||
	       (y > 0 && mc->own[i - (size_t)w] == BG_BIT) ||
	       (y + 1 < h && mc->own[i + (size_t)w] == BG_BIT);
}

/* Share of the pixels of sorted cluster @c that have the background
 * beside them (a 4-neighbour): a ring a pixel wide round a mark has
 * nearly all, one 2 px wide about half. */
static double share_rim(const mix_ctx *mc, int c)
{
	return share_of(mc, c, rim_test, false, 0, 0);
}

/* On the mark's edge one pixel deep: a 4-neighbour is background and the
 * opposite one in the mark, neither background nor of the pixel's own
 * colour @pa.  In the mark: in a piece of it, which every pixel of the
 * mark (fg) is (the pieces label each pixel of fg), so fg is read, and
 * the pieces need not be made. */
static bool edge_test(const mix_ctx *mc, size_t i, int x, int y, uint64_t nb, uint64_t pa,
                      uint64_t pb)
{
	static const int dirs[4][2] = { { 1, 0 }, { -1, 0 }, { 0, 1 }, { 0, -1 } };
	int w = mc->w, h = mc->h;
	(void)i, (void)nb, (void)pb;
	for (int k = 0; k < 4; k++) {
		int xa = x + dirs[k][0], ya = y + dirs[k][1];
		int xb = x - dirs[k][0], yb = y - dirs[k][1];
		if (xa < 0 || xa >= w || ya < 0 || ya >= h || xb < 0 || xb >= w ||
		    yb < 0 || yb >= h)
			continue;
		size_t ia = (size_t)ya * w + xa, ib = (size_t)yb * w + xb;
		if (mc->own[ia] == BG_BIT && mc->own[ib] != BG_BIT &&
		    mc->own[ib] != pa && mc->lz->fg[ib])
			return true;
	}
	return false;
}

/* Share of the pixels of sorted cluster @c that lie on the mark's edge
 * one pixel deep: a 4-neighbour is background and the opposite one is
 * in the mark, neither background nor of the colour itself.  The mixes
 * of an outline under a pixel wide with the ground, a straight stroke
 * giving one exact colour, have nearly all; a band 2 px wide has none
 * (its own colour lies inside each pixel), nor a line drawn alone on
 * the ground (background on both sides). */
static double share_edge(const mix_ctx *mc, int c)
{
	return share_of(mc, c, edge_test, false, UINT64_C(1) << c, 0);
}

/* Across a thin line over @pa: a pixel of @pa within 2 px on both sides
 * along a row, a column or a diagonal, with only blends between. */
static bool across_test(const mix_ctx *mc, size_t i, int x, int y, uint64_t nb, uint64_t pa,
                        uint64_t pb)
{
	static const int dirs[4][2] = { { 1, 0 }, { 0, 1 }, { 1, 1 }, { 1, -1 } };
	int w = mc->w, h = mc->h;
	(void)i, (void)nb, (void)pb;
	for (int k = 0; k < 4; k++) {
		bool side[2] = { false, false };
		for (int s = 0; s < 2; s++)
			for (int d = 1; d <= 2; d++) {
				int xx = x + (s ? -d : d) * dirs[k][0];
				int yy = y + (s ? -d : d) * dirs[k][1];
				if (xx < 0 || xx >= w || yy < 0 || yy >= h)
					break;
				uint64_t o = mc->own[(size_t)yy * w + xx];
				if (o & pa) {
					side[s] = true;
					break;
				}
				/* over blends only */
				if (o != 0)
					break;
			}
		if (side[0] && side[1])
			return true;
	}
	return false;
}

/* Share of the pixels of sorted cluster @c that lie across a thin line
 * over @pa (bit): a pixel of @pa within 2 px on both sides along a row,
 * a column or a diagonal, with only blends between. */
static double share_across(const mix_ctx *mc, int c, uint64_t pa)
{
	return share_of(mc, c, across_test, false, pa, 0);
}

/* Counts, per tracked cluster, its pixels inside a patch of their
 * colour: the four neighbours in the mark (@fg; blends too, JPEG noise
 * makes many) and within @merge CIE76 of the pixel.  A flat area 3 px
 * wide or more has such pixels, also through JPEG noise; the mixes along
 * strokes thinner than a pixel, 1 or 2 px wide, have almost none. */
static inline bool patch_nb(const uint64_t *own, const uint8_t *fg, const float *lab,
                            const float *p, size_t j, float lim)
{
	/* the squared distance against its exact limit: al_de76() < merge */
	return fg[j] && own[j] != BG_BIT && al_de76_sq(p, lab + j * 3) < lim;
}

static void count_inside_plain(const uint64_t *own, const uint8_t *fg, const float *lab,
                               int w, int h, float merge, long inside[MAX_TRACKED])
{
	float lim = al_de76_sq_limit(merge);
	for (int y = 1; y < h - 1; y++)
		for (int x = 1; x < w - 1; x++) {
			size_t i = (size_t)y * w + x;
			uint64_t o = own[i];
			if (!o || o == BG_BIT)
				continue;
			const float *p = lab + i * 3;
			if (patch_nb(own, fg, lab, p, i - 1, lim) && patch_nb(own, fg, lab, p, i + 1, lim) &&
			    patch_nb(own, fg, lab, p, i - (size_t)w, lim) &&
			    patch_nb(own, fg, lab, p, i + (size_t)w, lim))
				inside[__builtin_ctzll(o)]++;
		}
}

/* patch_nb() where @lab is a function of @rgba's RGBA: a neighbour of the
 * pixel's own RGBA has its Lab to the bit, at distance 0, under the limit
 * (merge_de is at least 1), without the arithmetic.  Most are. */
static inline bool patch_nb_rgba(const uint64_t *own, const uint8_t *fg, const float *lab,
                                 const uint8_t *rgba, uint32_t v, const float *p, size_t j,
                                 float lim)
{
	uint32_t u;
	memcpy(&u, rgba + j * 4, 4);
	return fg[j] && own[j] != BG_BIT && (u == v || al_de76_sq(p, lab + j * 3) < lim);
}

/* count_inside_plain(), with @lab a function of the RGBA of @rgba (the
 * plane it was converted from), over the pixels of the mark that are
 * not quiet (@fg 1; the scan counted those of @fg 2 in their bins,
 * quiet_inside()): with those, the same counts. */
static void count_inside(const uint64_t *own, const uint8_t *fg, const float *lab,
                         const uint8_t *rgba, int w, int h, float merge,
                         long inside[MAX_TRACKED])
{
	if (al__palette_plain) {
		count_inside_plain(own, fg, lab, w, h, merge, inside);
		return;
	}
	float lim = al_de76_sq_limit(merge);
	for (int y = 1; y < h - 1; y++)
		for (int x = 1; x < w - 1; x++) {
			size_t i = (size_t)y * w + x;
			/* eight pixels at a time that are outside the mark
			 * (fg 0: never counted) or quiet (2): no byte 1 */
			uint64_t fv;
			if (x + 8 <= w - 1 && (memcpy(&fv, fg + i, 8), (fv & ONES) == 0)) {
				x += 7;
				continue;
			}
			if (fg[i] != 1)
				continue;
			uint64_t o = own[i];
			if (!o || o == BG_BIT)
				continue;
			const float *p = lab + i * 3;
			uint32_t v;
			memcpy(&v, rgba + i * 4, 4);
			if (patch_nb_rgba(own, fg, lab, rgba, v, p, i - 1, lim) &&
			    patch_nb_rgba(own, fg, lab, rgba, v, p, i + 1, lim) &&
			    patch_nb_rgba(own, fg, lab, rgba, v, p, i - (size_t)w, lim) &&
			    patch_nb_rgba(own, fg, lab, rgba, v, p, i + (size_t)w, lim))
				inside[__builtin_ctzll(o)]++;
		}
}

/* True when @c lies between @a and @b: a mix in sRGB, or, in a JPEG
 * with subsampled chroma, a mix of their lumas with a mix of their
 * chromas (is_mix_chroma). */
static bool is_mix(const mix_ctx *mc, const double c[3], const float c_lab[3],
                   const double a[3], const double b[3], float *t)
{
	return is_mix_rgb(c, c_lab, a, b, mc->tol, t) ||
	       (mc->chroma && is_mix_chroma(c, c_lab, a, b, mc->tol, t));
}

/* is_mix_rgb() of a colour @a and the background @bg, where the mix may
 * run up to BG_PAST of the way: the ground beside a downscaled mark
 * (Lanczos, bicubic) undershoots past the ground colour, away from the
 * mark, a ring a little darker than a dark ground.  Past the ground, *t
 * is 1: all of it is the ground's. */
static bool is_mix_bg(const mix_ctx *mc, const double c[3], const float c_lab[3],
                      const double a[3], const double bg[3], float *t)
{
	if (!is_mix_rgb_to(c, c_lab, a, bg, mc->tol, BG_PAST, t))
		return false;
	*t = MIN(*t, 1.0f);
	return true;
}

/* Does sorted cluster @i (@n pixels) fill areas: more than fill_share of
 * its pixels inside a patch of their colour (count_inside)?  A hairline's
 * or a thin ring's mixes are 1 or 2 px wide and have almost none; a skin
 * or hair area of a small emoji, every pixel of it within 2 px of the
 * background, has many. */
static bool fills(const mix_ctx *mc, int i, long n)
{
	return mc->inside[i] > mc->fill_share * (double)n;
}

/* is_mix(), for the tests that take mixes of colours of any size: a match
 * by JPEG's chroma alone (is_mix_chroma) counts only when both ends hold
 * more pixels than the colour (@bn < 0: the background).  A hairline or
 * ring under a pixel wide never shows its pure colour because its
 * lightness is mixed with what is under it; a stroke at its own luma with
 * a chroma pulled towards its ground (a 1-px dark outline in a JPEG with
 * subsampled chroma) is the stroke itself, and a few purer pixels of it
 * elsewhere are not its colour. */
static bool is_mix_sized(const mix_ctx *mc, const double c[3], const float c_lab[3],
                         const double a[3], const double b[3], long cn, long an, long bn,
                         float *t)
{
	return is_mix_rgb(c, c_lab, a, b, mc->tol, t) ||
	       (mc->chroma && an > cn && (bn < 0 || bn > cn) &&
	        is_mix_chroma(c, c_lab, a, b, mc->tol, t));
}

/* Is cluster @c one colour: in a lossless image, at least mix_uniform of
 * its pixels of one exact RGBA (in one bin)?  A thin line's mixes with what
 * is under it vary with the line's cover of each pixel (a curve, a
 * slant, a width under a pixel at any offset); a colour the artist drew
 * in a small square or a 1-px line does not. */
static bool uniform(const mix_ctx *mc, const cluster *c)
{
	return mc->uniform > 0 && (double)c->mode >= mc->uniform * (double)c->n;
}

static void set_mix(cluster *c, int a, int b, float t)
{
	c->mix = true;
	c->pa = a;
	c->pb = b;
	c->t = t;
}

/* Marks the tracked clusters (sorted largest first) that are mixes, each
 * with the two colours it mixes (set_mix). */
static void find_mixes(GArray *clusters, const mix_ctx *mc)
{
	int tracked = (int)MIN(clusters->len, (guint)MAX_TRACKED);
	double bg_rgb[3] = { 0, 0, 0 };
	float t;
	if (mc->bg)
		for (int k = 0; k < 3; k++)
			bg_rgb[k] = mc->bg[k];
	/* a mix of two larger colours that are not mixes themselves, or of
	 * one and the background, found beside both */
	for (int i = 1; i < tracked; i++) {
		cluster *c = &g_array_index(clusters, cluster, i);
		double crgb[3];
		float clab[3];
		mean_rgb(c, crgb);
		mean_lab(c, clab);
		for (int a = 0; a < i && !c->mix; a++) {
			const cluster *ca = &g_array_index(clusters, cluster, a);
			if (ca->mix || ca->n <= c->n)
				continue;
			uint64_t abit = UINT64_C(1) << a;
			double argb[3];
			mean_rgb(ca, argb);
			if (mc->bg && is_mix(mc, crgb, clab, argb, bg_rgb, &t) &&
			    share_near(mc, i, abit, BG_BIT) >= mc->near_share)
				set_mix(c, a, -1, t);
			for (int b = a + 1; b < i && !c->mix; b++) {
				const cluster *cb = &g_array_index(clusters, cluster, b);
				if (cb->mix || cb->n <= c->n)
					continue;
				double brgb[3];
				mean_rgb(cb, brgb);
				if (is_mix(mc, crgb, clab, argb, brgb, &t) &&
				    share_near(mc, i, abit, UINT64_C(1) << b) >= mc->near_share)
					set_mix(c, a, b, t);
			}
		}
	}
	/* A stroke thinner than a pixel over another colour, whatever its
	 * size: a ring under a pixel wide never shows its pure colour, only
	 * mixes of it and the colour under it, which can outnumber both.
	 * A colour is such a mix when it lies between a colour under it and
	 * another colour (of any size, mixes too: the purer links of a chain
	 * of mixes; hairlines on the background are judged below), and at
	 * least mix_near of its pixels are thin across the colour under:
	 * that colour within 2 px on both sides along a row, a column or a
	 * diagonal, only blends between.  A band of a colour 2 px wide or
	 * more is not thin (its own colour lies beside each pixel); the
	 * purest end of a chain is never between two others and stays. */
	for (int i = 0; i < tracked; i++) {
		cluster *c = &g_array_index(clusters, cluster, i);
		if (c->mix || fills(mc, i, c->n) || uniform(mc, c))
			continue;
		double crgb[3];
		float clab[3];
		mean_rgb(c, crgb);
		mean_lab(c, clab);
		for (int a = 0; a < tracked && !c->mix; a++) {
			if (a == i)
				continue;
			const cluster *ca = &g_array_index(clusters, cluster, a);
			double argb[3];
			mean_rgb(ca, argb);
			int between = -1;
			for (int b = 0; b < tracked && between < 0; b++) {
				if (b == i || b == a)
					continue;
				double brgb[3];
				mean_rgb(&g_array_index(clusters, cluster, b), brgb);
				if (is_mix_sized(mc, crgb, clab, argb, brgb, c->n, ca->n,
				                 g_array_index(clusters, cluster, b).n, &t))
					between = b;
			}
			if (between >= 0 && share_across(mc, i, UINT64_C(1) << a) >= mc->near_share)
				set_mix(c, a, between, t);
		}
	}
	/* Thin strokes in one colour on a plain background: where a stroke
	 * is narrower than a pixel its colour never shows pure, and the
	 * pixels are mixes of it and the background, also far from any pure
	 * pixel (a wireframe, small text), and they may outnumber the pure
	 * ones.  A colour is such a mix when it lies between the background
	 * and another colour that is not a mix, of any size, and most of its
	 * pixels touch the background (within 2 px) in a piece of the mark
	 * that holds that colour. */
	if (mc->bg)
		for (int i = 0; i < tracked; i++) {
			cluster *c = &g_array_index(clusters, cluster, i);
			if (c->mix || fills(mc, i, c->n) ||
			    (uniform(mc, c) && share_edge(mc, i) < RIM_SHARE))
				continue;
			double crgb[3];
			float clab[3];
			mean_rgb(c, crgb);
			mean_lab(c, clab);
			for (int a = 0; a < tracked && !c->mix; a++) {
				const cluster *ca = &g_array_index(clusters, cluster, a);
				if (a == i || ca->mix)
					continue;
				double argb[3];
				mean_rgb(ca, argb);
				if ((is_mix_sized(mc, crgb, clab, argb, bg_rgb, c->n, ca->n, -1, &t) ||
				     (is_mix_bg(mc, crgb, clab, argb, bg_rgb, &t) &&
				      share_rim(mc, i) >= RIM_SHARE)) &&
				    share_thin(mc, i, UINT64_C(1) << a) >= mc->near_share)
					set_mix(c, a, -1, t);
			}
		}
	/* JPEG chroma, quantised in blocks of 16 px, drifts further than
	 * 2 px, and JPEG noise turns much of a flat area into blends: in a
	 * JPEG with subsampled chroma, a colour is also a mix when it lies
	 * between a larger colour that is not a mix and another that is not
	 * (or the background) as is_mix_chroma() says, and at least mix_near
	 * of its pixels have a pixel of the larger colour within 2 px and
	 * one of the other within 8 px.  The other holds at least smear_end
	 * of its pixels: a smear 2 px each side of a small area (chroma per
	 * 2x2 block, spread a pixel more by upsampling) holds about 3 times
	 * the area's pixels, not more, and a colour 4 times a dot's size
	 * beside it is no smear of it (tested in order, the dot may even
	 * turn out a mix itself). */
	if (mc->chroma)
		for (int i = 1; i < tracked; i++) {
			cluster *c = &g_array_index(clusters, cluster, i);
			if (c->mix)
				continue;
			double crgb[3];
			float clab[3];
			mean_rgb(c, crgb);
			mean_lab(c, clab);
			for (int a = 0; a < i && !c->mix; a++) {
				const cluster *ca = &g_array_index(clusters, cluster, a);
				if (ca->mix || ca->n <= c->n)
					continue;
				double argb[3];
				mean_rgb(ca, argb);
				for (int b = -1; b < tracked && !c->mix; b++) {
					double brgb[3];
					if (b < 0) {
						if (!mc->bg)
							continue;
						for (int k = 0; k < 3; k++)
							brgb[k] = bg_rgb[k];
					} else {
						const cluster *cb = &g_array_index(clusters, cluster, b);
						if (b == i || b == a || cb->mix ||
						    (double)cb->n < mc->smear_end * (double)c->n)
							continue;
						mean_rgb(cb, brgb);
					}
					if (is_mix_chroma(crgb, clab, argb, brgb, mc->tol, &t) &&
					    share_colours_near(mc, i, UINT64_C(1) << a,
					                       b < 0 ? BG_BIT : UINT64_C(1) << b) >=
					    mc->near_share)
						set_mix(c, a, b, t);
				}
			}
		}
	/* JPEG rings and speckles beside edges: the background's pixels next
	 * to a mark overshoot or wander past the background colour (a lighter
	 * rim round a dark disc on a light ground, lone light pixels round
	 * it), further than merge_de but seldom more than twice that.  They
	 * lie along the background and never fill a patch.  In a JPEG, a
	 * colour within jpeg_halo_de of the background colour that never
	 * fills a patch (mix_inside) and of which at least mix_near of the
	 * pixels have the background within 2 px is the background's (both
	 * ends the background: its weight is dropped).  A tint of the ground
	 * that the artist drew fills areas and counts. */
	if (mc->halo > 0 && mc->bg) {
		float bg_lab[3];
		al_srgb_to_lab(mc->bg[0], mc->bg[1], mc->bg[2], bg_lab);
		for (int i = 0; i < tracked; i++) {
			cluster *c = &g_array_index(clusters, cluster, i);
			if (c->mix || mc->inside[i] > mc->inside_share * (double)c->n)
				continue;
			float clab[3];
			mean_lab(c, clab);
			if (al_de76(clab, bg_lab) < mc->halo &&
			    share_near(mc, i, BG_BIT, BG_BIT) >= mc->near_share)
				set_mix(c, -1, -1, 0.0f);
		}
	}
	/* Fine detail where strokes under a pixel wide mix with each other
	 * (rings of two colours over a third, 40 px): their pure colours
	 * show nowhere near the mixes, or not at all.  A colour that lies
	 * between two others that are not mixes, that never fills a patch
	 * (at most mix_inside of its pixels have all four neighbours of its
	 * colour: a colour of its own fills areas 3 px wide somewhere), and
	 * of which at least mix_near of the pixels lie in a piece of the
	 * mark holding both, is a mix. */
	for (int i = 0; i < tracked; i++) {
		cluster *c = &g_array_index(clusters, cluster, i);
		if (c->mix || mc->inside[i] > mc->inside_share * (double)c->n ||
		    uniform(mc, c))
			continue;
		double crgb[3];
		float clab[3];
		mean_rgb(c, crgb);
		mean_lab(c, clab);
		for (int a = 0; a < tracked && !c->mix; a++) {
			const cluster *ca = &g_array_index(clusters, cluster, a);
			if (a == i || ca->mix)
				continue;
			double argb[3];
			mean_rgb(ca, argb);
			for (int b = a + 1; b < tracked && !c->mix; b++) {
				const cluster *cb = &g_array_index(clusters, cluster, b);
				if (b == i || cb->mix)
					continue;
				double brgb[3];
				mean_rgb(cb, brgb);
				if (is_mix_sized(mc, crgb, clab, argb, brgb, c->n, ca->n, cb->n, &t) &&
				    share_in_piece(mc, i, c->n, (UINT64_C(1) << a) | (UINT64_C(1) << b)) >=
				    mc->near_share)
					set_mix(c, a, b, t);
			}
		}
	}
}

/* Subpixel anti-aliasing (ClearType text) tints the rims of a stroke:
 * the red, green and blue stripes of a pixel, left to right, are covered
 * each by its own share, so a rim pixel leaves the line between its left
 * and right neighbours (orange and blue fringes on black text).  True
 * when those neighbours differ by more than @edge_de and, channel by
 * channel in sRGB, the pixel lies between them (2 units of slack) at
 * shares t(R) <= t(G) <= t(B) from the left one to the right one (0.1 of
 * slack; channels where they differ by less than 16 units only need to lie
 * between), the shares spreading by at least 0.15.  @t: their mean.  A
 * pixel with an identical left or right twin (a rim 2 px wide, the image
 * scaled up 2x) is judged between the neighbours beyond the twin. */
static bool subpixel_pair(const uint8_t *rgba, const float *lab, size_t i, size_t ia,
                          size_t ib, float edge_de, float *t)
{
	if (al_de76(lab + ia * 3, lab + ib * 3) <= edge_de || rgba[ia * 4 + 3] < 128 ||
	    rgba[ib * 4 + 3] < 128)
		return false;
	const uint8_t *p = rgba + i * 4, *pa = rgba + ia * 4, *pb = rgba + ib * 4;
	float last = -1, lo = 2, hi = -1, sum = 0;
	int k = 0;
	for (int c = 0; c < 3; c++) {
		if (p[c] + 2 < MIN(pa[c], pb[c]) || p[c] > MAX(pa[c], pb[c]) + 2)
			return false;
		int d = pb[c] - pa[c];
		if (ABS(d) < 16)
			continue;
		float tc = (float)(p[c] - pa[c]) / (float)d;
		if (tc < last - 0.1f)
			return false;
		last = MAX(last, tc);
		lo = MIN(lo, tc);
		hi = MAX(hi, tc);
		sum += tc;
		k++;
	}
	if (k < 2 || hi - lo < 0.15f)
		return false;
	*t = CLAMP(sum / (float)k, 0.0f, 1.0f);
	return true;
}

static bool subpixel_blend(const uint8_t *rgba, int width, const float *lab, int x, int y,
                           float edge_de, size_t *a, size_t *b, float *t)
{
	static const int reach[3][2] = { { 1, 1 }, { 1, 2 }, { 2, 1 } };
	size_t i = (size_t)y * width + x;
	for (int k = 0; k < 3; k++) {
		int l = reach[k][0], r = reach[k][1];
		if (x - l < 0 || x + r >= width)
			continue;
		/* a band 2 px wide (an image scaled up 2x) is the pixel and
		 * its twin: look past the twin */
		if (k > 0 && !same_rgb(rgba + (l == 2 ? i - 1 : i + 1) * 4, rgba + i * 4))
			continue;
		if (subpixel_pair(rgba, lab, i, i - l, i + r, edge_de, t)) {
			*a = i - l;
			*b = i + r;
			return true;
		}
	}
	return false;
}

/* Counted pixels of one RGBA, in a row of the scan (blends, background
 * and clear pixels between them add nothing to a bin), not yet added to
 * their bin's sums: @i the first of them, @k how many. */
typedef struct {
	bin *b;
	size_t i;
	long k;
} pending;

/* Adds the pending pixels' Lab and RGB to their bin's sums, as adding
 * them one by one would, to the bit (al_sum_repeat()). */
static void flush_sums(pending *pd, const uint8_t *rgba, const float *lab)
{
	if (!pd->k)
		return;
	for (int c = 0; c < 3; c++) {
		al_sum_repeat(&pd->b->lab[c], lab[pd->i * 3 + c], pd->k);
		al_sum_repeat(&pd->b->rgb[c], rgba[pd->i * 4 + c], pd->k);
	}
	pd->k = 0;
}

/* Each pixel's own colour in CIELAB: translucent pixels are not
 * composited, so a soft edge on transparency keeps the mark's colour.
 * m->lab holds the opaque and the fully transparent pixels as they are
 * (alpha 255: nothing to composite; alpha 0: white, as al_srgb_to_lab()
 * of the RGB would not give, so those keep m->lab's value as before):
 * without @smooth (a JPEG's chroma mean) and without translucent pixels
 * that plane is the answer, borrowed; otherwise a copy of it (@smooth:
 * every pixel converted) in a new buffer *@buf the caller frees.  Pixels
 * of the RGB of the one converted before copy its result (the
 * conversion is a function of the RGB).  NULL when out of memory. */
#define OWN_LAB_BITS 12
#define OWN_LAB_CACHE (1 << OWN_LAB_BITS)
typedef struct {
	guint32 key;             /* RGB | 1 << 24; 0: empty */
	float lab[3];
} own_slot;
static GPrivate own_lab_key = G_PRIVATE_INIT(g_free);

/* Are the alphas of the four pixels from @rgba each 0 or 255 (m->lab
 * holds their own colour)?  False without SSE2. */
static inline bool alpha_ends4(const uint8_t *rgba)
{
#ifdef __SSE2__
	const __m128i zero = _mm_setzero_si128(), full = _mm_set1_epi32(255);
	__m128i a = _mm_srli_epi32(_mm_loadu_si128((const __m128i *)(const void *)rgba), 24);
	return _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi32(a, zero),
	                                      _mm_cmpeq_epi32(a, full))) == 0xffff;
#else
	(void)rgba;
	return false;
#endif
}

static const float *own_lab(const al_measure *m, const uint8_t *smooth, float **buf)
{
	size_t n = (size_t)m->width * m->height;
	const uint8_t *rgba = smooth ? smooth : m->rgba;
	size_t first = n;
	if (!smooth) {
		size_t i = 0;
		/* four alphas at a time */
		while (!al__palette_plain && i + 4 <= n && alpha_ends4(m->rgba + i * 4))
			i += 4;
		for (; i < n; i++)
			if ((uint8_t)(m->rgba[i * 4 + 3] - 1) < 254) {
				first = i;
				break;
			}
		if (first == n)
			return m->lab;
	}
	float *lab = al_try_new(float, n * 3);
	if (!lab)
		return NULL;
	*buf = lab;
	if (!smooth)
		memcpy(lab, m->lab, n * 3 * sizeof *lab);
	/* other RGBs from a small direct-mapped table of conversions keyed
	 * by the RGB (a JPEG's chroma mean has a few thousand colours, each
	 * of many pixels, seldom in a row); the thread's, kept from image to
	 * image (an entry never goes stale), freed when its thread ends */
	own_slot *cache = g_private_get(&own_lab_key);
	if (!cache) {
		cache = g_new0(own_slot, OWN_LAB_CACHE);
		g_private_set(&own_lab_key, cache);
	}
	const uint8_t *last = NULL;
	for (size_t i = smooth ? 0 : first; i < n; i++) {
		const uint8_t *p = rgba + i * 4;
		/* m->lab's pixels, four at a time where they can */
		if (!smooth && !al__palette_plain && i + 4 <= n && alpha_ends4(p)) {
			i += 3;
			continue;
		}
		if (!smooth && (p[3] == 255 || p[3] == 0))
			continue;
		if (last && same_rgb(last, p)) {
			memcpy(lab + i * 3, lab + (size_t)(last - rgba) / 4 * 3, 3 * sizeof *lab);
		} else {
			guint32 key = (guint32)p[0] | (guint32)p[1] << 8 | (guint32)p[2] << 16 | 1u << 24;
			own_slot *s = cache + ((key * 2654435761u) >> (32 - OWN_LAB_BITS));
			if (s->key != key) {
				al_srgb_to_lab(p[0], p[1], p[2], s->lab);
				s->key = key;
			}
			memcpy(lab + i * 3, s->lab, 3 * sizeof *lab);
		}
		last = p;
	}
	return lab;
}

/* quiet() of pixel @i of RGBA @v, inside the image (2 <= x < w - 2, 1 <= y
 * < h - 1; @run and @rgba: m's, @w its width), in five look-ups: the
 * row's run covers x - 2 .. x + 2, so the box's own row holds, and the
 * rows above and below hold its RGBA at x + 1 and the two left of it. */
static inline bool quiet_interior(const uint8_t *run, const uint8_t *rgba, size_t w,
                                      size_t i, uint32_t v)
{
	size_t up = i + 1 - w, dn = i + 1 + w;
	uint32_t a, b;
	if (run[i + 2] < 4)
		return false;
	memcpy(&a, rgba + up * 4, 4);
	memcpy(&b, rgba + dn * 4, 4);
	return a == v && b == v && run[up] >= 2 && run[dn] >= 2;
}

/* quiet_interior() of pixel @i of RGBA @v when it held for pixel i - 1
 * (of RGBA @v, inside the image too): that one's boxes hold @v from
 * i - 3 to i + 1 in the row and from i - 2 to i in the rows above and
 * below, so pixel i's boxes, one pixel further, hold it when their
 * right-hand pixels do.  Three look-ups instead of five. */
static inline bool quiet_next(const uint8_t *rgba, size_t w, size_t i, uint32_t v)
{
	uint32_t r, a, b;
	memcpy(&r, rgba + (i + 2) * 4, 4);
	memcpy(&a, rgba + (i + 1 - w) * 4, 4);
	memcpy(&b, rgba + (i + 1 + w) * 4, 4);
	return r == v && a == v && b == v;
}

/* How many pixels from pixel @i on (at most @n, each inside the image as
 * quiet_interior() needs) are not background (@bg) and quiet, pixel
 * i - 1 being quiet inside the image (of RGBA @v): quiet_next() from
 * one to the next.  Each is of RGBA @v, the one before having shown it
 * (its row from i - 3 to i + 1), so m->run is not read. */
static inline int quiet_stretch(const uint8_t *rgba, const uint8_t *bg, size_t w, size_t i,
                                int n, uint32_t v)
{
	int s = 0;
	while (s < n && !bg[i + (size_t)s] && quiet_next(rgba, w, i + (size_t)s, v))
		s++;
	return s;
}

/* Is pixel (x, y) of @m in a quiet spot: its row holds its RGBA from
 * x - 2 to x + 2 and the rows above and below from x - 1 to x + 1, each
 * clipped to the image (m->run, al_same_box())?  Then every pair of
 * pixels al_blend_split() and subpixel_blend() compare over m->rgba, and
 * a colour plane that is a function of it, is one colour: neither finds
 * a blend (their limits are positive).  Most pixels of a logo are. */
static inline bool quiet(const al_measure *m, int x, int y)
{
	int w = m->width;
	if (x >= 2 && x + 2 < w && y >= 1 && y + 1 < m->height) {
		size_t i = (size_t)y * w + x;
		uint32_t v;
		memcpy(&v, m->rgba + i * 4, 4);
		return quiet_interior(m->run, m->rgba, (size_t)w, i, v);
	}
	int xa = MAX(0, x - 2), xb = MIN(w - 1, x + 2);
	if (m->run[(size_t)y * w + xb] < xb - xa)
		return false;
	return al_same_box(m, MAX(0, x - 1), MAX(0, y - 1), MIN(w - 1, x + 1),
	                   MIN(m->height - 1, y + 1));
}

/* Tests: an FNV-1a digest of what the rule measured (every cluster's
 * pixels, weight, mix and ends; the inside counts; the blends; a JPEG's
 * chroma-mean plane; the total weight), to the bit. */
static uint64_t fnv(uint64_t hash, const void *p, size_t len)
{
	const uint8_t *b = p;
	for (size_t i = 0; i < len; i++)
		hash = (hash ^ b[i]) * UINT64_C(0x100000001b3);
	return hash;
}

static uint64_t digest(const GArray *clusters, const long inside[MAX_TRACKED], guint blends,
                       const uint8_t *smooth, size_t n, double total)
{
	uint64_t hash = UINT64_C(0xcbf29ce484222325);
	for (guint c = 0; c < clusters->len; c++) {
		const cluster *cl = &g_array_index(clusters, cluster, c);
		hash = fnv(hash, cl->lab, sizeof cl->lab);
		hash = fnv(hash, cl->rgb, sizeof cl->rgb);
		hash = fnv(hash, &cl->n, sizeof cl->n);
		hash = fnv(hash, &cl->weight, sizeof cl->weight);
		hash = fnv(hash, &cl->mode, sizeof cl->mode);
		hash = fnv(hash, &cl->mix, sizeof cl->mix);
		hash = fnv(hash, &cl->pa, sizeof cl->pa);
		hash = fnv(hash, &cl->pb, sizeof cl->pb);
		hash = fnv(hash, &cl->t, sizeof cl->t);
	}
	hash = fnv(hash, inside, sizeof(long) * MAX_TRACKED);
	hash = fnv(hash, &blends, sizeof blends);
	if (smooth)
		hash = fnv(hash, smooth, n * 4);
	return fnv(hash, &total, sizeof total);
}

/* Is pixel @i (at @x, @y) of @m, counted and quiet(), inside a patch of
 * its colour (count_inside_plain(): not on the image's rim, its four
 * neighbours in the mark, not background and within merge_de of it)?
 * Its four neighbours have its RGBA (quiet()), so its Lab (a function
 * of the RGBA, distance 0) and its alpha: each is in the mark when it is
 * not background (m->bgmask), and then has the pixel's bin, so is not
 * background either.  The scan counts these in their bins, and
 * count_inside() skips them (fgmask 2). */
static inline bool quiet_inside(const al_measure *m, int x, int y, size_t i)
{
	int w = m->width;
	const uint8_t *bg = m->bgmask;
	return x >= 1 && x + 1 < w && y >= 1 && y + 1 < m->height && !bg[i - 1] && !bg[i + 1] &&
	       !bg[i - (size_t)w] && !bg[i + (size_t)w];
}

/* Are the @len bytes from @p all 0?  Eight at a time. */
static bool zero_bytes(const uint8_t *p, size_t len)
{
	size_t k = 0;
	for (uint64_t v; k + 8 <= len; k += 8) {
		memcpy(&v, p + k, 8);
		if (v)
			return false;
	}
	for (; k < len; k++)
		if (p[k])
			return false;
	return true;
}

/* How many of the pixels @x0 .. @x1 of row @y of @m, each counted and
 * quiet(), quiet_inside() holds for: when the rows' background bytes
 * round them are all 0 (most spans), every one off the image's rim. */
static long quiet_inside_span(const al_measure *m, int x0, int x1, int y)
{
	int w = m->width;
	if (y < 1 || y + 1 >= m->height)
		return 0;
	x0 = MAX(x0, 1);
	x1 = MIN(x1, w - 2);
	if (x0 > x1)
		return 0;
	size_t i0 = (size_t)y * w + x0, len = (size_t)(x1 - x0 + 1);
	const uint8_t *bg = m->bgmask;
	if (zero_bytes(bg + i0 - 1, len + 2) && zero_bytes(bg + i0 - (size_t)w, len) &&
	    zero_bytes(bg + i0 + (size_t)w, len))
		return (long)len;
	long c = 0;
	for (int x = x0; x <= x1; x++)
		c += quiet_inside(m, x, y, i0 + (size_t)(x - x0));
	return c;
}

/* The pixels after pixel (@x, @y), counted in bin @b, in its run of one
 * RGBA (m->run) that are neither background nor blends (quiet()): the
 * scan's outcome for each is the pixel's, so they are counted at once
 * (their RGBA, its bin, its pending sums: each adds @same to b->same,
 * one pixel to the pending ones *@pend_k and one to *@counted; fgmask 2
 * and quiet_inside_span(), as for a quiet pixel).  Returns how many.  The
 * scan's own path for such a pixel does the same. */
static int count_run(const al_measure *m, int x, int y, bin *b, bool same, long *pend_k,
                     uint8_t *fgmask, uint64_t *own, bin **pix_bin, long *counted)
{
	/* m's planes in locals: the stores below (bytes) could alias them */
	const uint8_t *run = m->run, *bg = m->bgmask, *rgba = m->rgba;
	int w = m->width;
	size_t i = (size_t)y * w + x;
	uint32_t v;
	memcpy(&v, rgba + i * 4, 4);
	bool rows_in = y >= 1 && y + 1 < m->height;
	int k = 0;
	for (int xx = x + 1; xx < w && run[i + 1] && !bg[i + 1];) {
		size_t j = i + 1;
		bool in = rows_in && xx >= 2 && xx + 2 < w;
		int s = 1;
		/* after a pixel inside the image that was quiet, the stretch
		 * to the first that is not or to x = w - 3 at once */
		if (in && k > 0 && xx >= 3) {
			s = quiet_stretch(rgba, bg, (size_t)w, j, w - 2 - xx, v);
			if (s == 0)
				break;
		} else if (!(in ? quiet_interior(run, rgba, (size_t)w, j, v) : quiet(m, xx, y))) {
			break;
		}
		for (int t = 0; t < s; t++) {
			fgmask[j + (size_t)t] = 2;
			own[j + (size_t)t] = 0;
			pix_bin[j + (size_t)t] = b;
		}
		k += s;
		xx += s;
		i += (size_t)s;
	}
	b->quiet_inside += quiet_inside_span(m, x + 1, x + k, y);
	b->n += k;
	b->same += same ? k : 0;
	*pend_k += k;
	*counted += k;
	return k;
}

/* The bin of an RGBA (NULL: the background colour), for the scan. */
#define BIN_CACHE_BITS 10
typedef struct {
	guint64 key;             /* RGBA | 1 << 32; 0: empty */
	bin *b;
} bin_slot;

/* See rules.h. */
bool al__palette_quiet(const al_measure *m, int x, int y)
{
	return quiet(m, x, y);
}

/* Adds to each cluster's weight its part of each blend it takes part in
 * (a thin stroke is mostly anti-aliased rim): the blend's share of each
 * end that is counted, and of an end that is a blend itself its nearer
 * end, up to BLEND_CHAIN deep, a pixel taking at most CHAIN_TAKE parts
 * that way.  @blends (in scan order), @pix_bin and @rank as check() has
 * them.  As first written, through two planes of @n pixels: the
 * reference for blend_weights() (al__palette_plain).  False when out of
 * memory. */
static bool blend_weights_plain(GArray *clusters, const blend *blends, guint nblends,
                                bin *const *pix_bin, const int *rank, size_t n)
{
	/* the blends' planes, only read through a blend */
	int *blend_at = nblends ? al_try_new(int, n) : NULL;
	float *chained = nblends ? al_try_new0(float, n) : NULL;
	GArray *chain_px = g_array_new(FALSE, FALSE, sizeof(size_t));
	bool ok = !nblends || (blend_at && chained);
	if (!ok)
		goto out;
	for (size_t i = 0; nblends && i < n; i++)
		blend_at[i] = -1;
	for (guint k = 0; k < nblends; k++)
		blend_at[blends[k].px] = (int)k;
	for (guint k = 0; k < nblends; k++) {
		const blend *bl = &blends[k];
		const size_t end[2] = { bl->a, bl->b };
		const double part[2] = { 1.0 - bl->t, bl->t };
		for (int e = 0; e < 2; e++) {
			/* an end that is a blend itself: its nearer end, and so
			 * on (a small area, a few pixels across, is mostly rim) */
			size_t p = end[e];
			for (int d = 0; d < BLEND_CHAIN && !pix_bin[p] && blend_at[p] >= 0; d++) {
				const blend *up = &blends[blend_at[p]];
				p = up->t < 0.5f ? up->a : up->b;
			}
			if (!pix_bin[p])
				continue;
			cluster *to = &g_array_index(clusters, cluster, rank[pix_bin[p]->cluster]);
			if (p == end[e])
				to->weight += part[e];
			else {
				bool was = chained[p] > 0;
				chained[p] += (float)part[e];
				if (!was && chained[p] > 0)
					g_array_append_val(chain_px, p);
			}
		}
	}
	/* a pixel takes at most CHAIN_TAKE parts through other blends: a
	 * lone pixel in a sea of blends (a ramp's pure middle, JPEG noise)
	 * would take them all.  The pixels that took parts, in scan order
	 * (each cluster's weight adds them in that order) */
	g_array_sort(chain_px, px_cmp);
	for (guint k = 0; k < chain_px->len; k++) {
		size_t i = g_array_index(chain_px, size_t, k);
		g_array_index(clusters, cluster, rank[pix_bin[i]->cluster]).weight +=
			MIN(chained[i], CHAIN_TAKE);
	}
out:
	g_array_free(chain_px, TRUE);
	g_free(blend_at);
	g_free(chained);
	return ok;
}

/* The parts one counted pixel takes through other blends, summed as
 * blend_weights_plain()'s plane sums them: an open-addressed table
 * keyed by the pixel, grown as pixels come (at most half full). */
typedef struct {
	uint32_t key;            /* pixel + 1; 0: empty */
	float sum;               /* its parts, added in the blends' order */
} chain_slot;

typedef struct {
	chain_slot *slot;
	size_t cap, used;        /* cap: a power of two, or 0 */
} chain_table;

static size_t chain_hash(uint32_t key, size_t cap)
{
	return (size_t)((key * UINT64_C(0x9e3779b97f4a7c15)) >> 20) & (cap - 1);
}

/* The slot of @key in @t (t->cap > 0): @key's, or the empty one where
 * it goes. */
static chain_slot *chain_find(const chain_table *t, uint32_t key)
{
	size_t h = chain_hash(key, t->cap);
	while (t->slot[h].key && t->slot[h].key != key)
		h = (h + 1) & (t->cap - 1);
	return &t->slot[h];
}

/* The slot of @key in @t, new (sum 0) when it was not there; NULL when
 * out of memory for growing the table. */
static chain_slot *chain_at(chain_table *t, uint32_t key)
{
	if (t->cap) {
		chain_slot *cs = chain_find(t, key);
		if (cs->key == key)
			return cs;
	}
	if (2 * (t->used + 1) > t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 256;
		chain_slot *slot = al_try_new0(chain_slot, cap);
		if (!slot)
			return NULL;
		for (size_t k = 0; k < t->cap; k++)
			if (t->slot[k].key) {
				size_t h = chain_hash(t->slot[k].key, cap);
				while (slot[h].key)
					h = (h + 1) & (cap - 1);
				slot[h] = t->slot[k];
			}
		g_free(t->slot);
		t->slot = slot;
		t->cap = cap;
	}
	chain_slot *cs = chain_find(t, key);
	cs->key = key;
	t->used++;
	return cs;
}

static int u32_cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

/* blend_weights_plain(), the same weights to the bit, without its two
 * planes of every pixel (most pixels are no blend and take no part):
 * @own (no longer read: 0 at each blend pixel, a bit, 0 or BG_BIT at
 * the others) takes each blend's index + 1 at its pixel, so an end finds
 * its blend at once; and the parts taken through other blends are
 * summed per pixel in a table (chain_slot) in the order the plane added
 * them.  A part is 1 - t or t of a blend, t in 0 .. 1, so never below 0:
 * the plane lists a pixel once, when its sum first rises above 0, so the
 * pixels whose sum ends above 0, sorted (scan order), each add their
 * final sum (at most CHAIN_TAKE): the same float operations in the same
 * order.  @n pixels (a table key is a pixel + 1 in 32 bits).  False when
 * out of memory. */
static bool blend_weights(GArray *clusters, const blend *blends, guint nblends,
                          bin *const *pix_bin, const int *rank, uint64_t *own, size_t n)
{
	chain_table t = { NULL, 0, 0 };
	uint32_t *listed = NULL;
	size_t nlisted = 0;
	bool ok = true;
	if (n >= UINT32_MAX)
		return blend_weights_plain(clusters, blends, nblends, pix_bin, rank, n);
	for (guint k = 0; k < nblends; k++)
		own[blends[k].px] = (uint64_t)k + 1;
	for (guint k = 0; k < nblends && ok; k++) {
		const blend *bl = &blends[k];
		const size_t end[2] = { bl->a, bl->b };
		const double part[2] = { 1.0 - bl->t, bl->t };
		for (int e = 0; e < 2; e++) {
			/* an end that is a blend itself: its nearer end, and so
			 * on (a small area, a few pixels across, is mostly rim) */
			size_t p = end[e];
			for (int d = 0; d < BLEND_CHAIN && !pix_bin[p] && own[p] && own[p] != BG_BIT;
			     d++) {
				const blend *up = &blends[own[p] - 1];
				p = up->t < 0.5f ? up->a : up->b;
			}
			if (!pix_bin[p])
				continue;
			if (p == end[e]) {
				g_array_index(clusters, cluster, rank[pix_bin[p]->cluster]).weight +=
					part[e];
				continue;
			}
			chain_slot *cs = chain_at(&t, (uint32_t)p + 1);
			if (!cs) {
				ok = false;
				break;
			}
			cs->sum += (float)part[e];
		}
	}
	if (!ok)
		goto out;
	/* a pixel takes at most CHAIN_TAKE parts through other blends: a
	 * lone pixel in a sea of blends (a ramp's pure middle, JPEG noise)
	 * would take them all.  The pixels that took parts, in scan order
	 * (each cluster's weight adds them in that order) */
	listed = t.used ? al_try_new(uint32_t, t.used) : NULL;
	if (t.used && !listed) {
		ok = false;
		goto out;
	}
	for (size_t k = 0; k < t.cap; k++)
		if (t.slot[k].key && t.slot[k].sum > 0)
			listed[nlisted++] = t.slot[k].key - 1;
	if (nlisted)
		qsort(listed, nlisted, sizeof *listed, u32_cmp);
	for (size_t k = 0; k < nlisted; k++) {
		size_t p = listed[k];
		g_array_index(clusters, cluster, rank[pix_bin[p]->cluster]).weight +=
			MIN(chain_find(&t, (uint32_t)p + 1)->sum, CHAIN_TAKE);
	}
out:
	g_free(t.slot);
	g_free(listed);
	return ok;
}

static void check(al_ctx *ctx)
{
	const al_measure *m = ctx->m;
	int max_colors = (int)AL_PARAM(ctx, "max_colors");
	float merge = (float)AL_PARAM(ctx, "merge_de");
	double min_share = AL_PARAM(ctx, "min_share");
	float edge_de = (float)AL_PARAM(ctx, "edge_de");
	int alpha_min = (int)AL_PARAM(ctx, "alpha_min");
	size_t n = (size_t)m->width * m->height;
	GHashTable *bins = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
	GPtrArray *sorted = g_ptr_array_new();
	GArray *clusters = g_array_new(FALSE, TRUE, sizeof(cluster));
	GString *list = g_string_new(NULL);
	/* the blends, in scan order: pushed once per blend pixel, so a plain
	 * growing array (a GArray append is a call and a copy each) */
	blend *blends = NULL;
	guint nblends = 0, blends_cap = 0;
	long counted = 0;
	int *rank = NULL;
	uint64_t *own = NULL;
	GHashTable **in_pieces = NULL;
	members mem = { .built = false, .px = NULL, .near = NULL };
	lazy lz = { .m = m };
	/* fgmask: the mark (counted pixels and blends), 0 elsewhere; 2 where
	 * a counted pixel is quiet (its count_inside() part is its bin's) */
	uint8_t *fgmask = NULL, *smooth = NULL;
	float *lab_buf = NULL;

	/* each pixel's own colour: translucent pixels are not composited, so
	 * a soft edge on transparency keeps the mark's colour */
	/* both written for every pixel in the scan below */
	bin **pix_bin = al_try_new(bin *, n);
	bin_slot *bin_cache = g_new0(bin_slot, 1 << BIN_CACHE_BITS);
	own = al_try_new(uint64_t, n);
	fgmask = al_try_new(uint8_t, n);
	if (!pix_bin || !own || !fgmask) {
		al_check_failed(ctx, "out of memory for the colour planes of %zu pixels", n);
		goto out;
	}
	const uint8_t *rgba = m->rgba;
	int chroma_px = (int)AL_PARAM(ctx, "jpeg_chroma_px");
	if (ctx->info && ctx->info->format == AL_FMT_JPEG && chroma_px > 0) {
		smooth = (al__palette_plain ? jpeg_chroma_mean_plain : jpeg_chroma_mean)(
			m->rgba, m->bgmask, m->width, m->height, chroma_px,
			(float)AL_PARAM(ctx, "jpeg_luma_tol"));
		if (!smooth) {
			al_check_failed(ctx, "out of memory for the colour planes of %zu pixels", n);
			goto out;
		}
		rgba = smooth;
	}
	const float *lab = own_lab(m, smooth, &lab_buf);
	if (!lab) {
		al_check_failed(ctx, "out of memory for the colour planes of %zu pixels", n);
		goto out;
	}

	struct {
		bool valid;
		uint32_t px;
		bin *b;          /* NULL: the background colour */
	} last = { false, 0, NULL };
	pending pend = { NULL, SIZE_MAX, 0 };
	/* m's planes in locals: the stores to the byte planes below could
	 * alias them */
	const uint8_t *bgmask = m->bgmask, *run = m->run;
	const int w = m->width, h = m->height;
	/* quiet() only reads m->rgba's runs */
	const bool runs = !al__palette_plain && rgba == m->rgba;
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			size_t i = (size_t)y * w + x;
			const uint8_t *p = rgba + i * 4;
			const float *l = lab + i * 3;
			/* eight background pixels at a time (bgmask: 0, 1 or
			 * 2; any other value takes the pixel path), while
			 * they last */
			if (x + 8 <= w && bg8(bgmask + i)) {
				/* whole blocks (the planes do not alias: each
				 * its own block of stores) */
				static const uint64_t bgs[8] = { BG_BIT, BG_BIT, BG_BIT, BG_BIT,
				                                 BG_BIT, BG_BIT, BG_BIT, BG_BIT };
				static bin *const no_bins[8] = { NULL };
				do {
					memset(fgmask + i, 0, 8);
					memcpy(own + i, bgs, sizeof bgs);
					memcpy(pix_bin + i, no_bins, sizeof no_bins);
					x += 8;
					i += 8;
				} while (x + 8 <= w && bg8(bgmask + i));
				x--;
				continue;
			}
			fgmask[i] = 0;
			pix_bin[i] = NULL;
			own[i] = 0;
			if (bgmask[i]) {
				own[i] = BG_BIT;
				continue;
			}
			if (p[3] < alpha_min)
				continue;
			fgmask[i] = 1;
			blend bl = { .px = i };
			uint32_t v;
			memcpy(&v, p, 4);
			bool q = runs && (x >= 2 && x + 2 < w && y >= 1 && y + 1 < h ?
			                  quiet_interior(run, rgba, (size_t)w, i, v) : quiet(m, x, y));
			if (!q &&
			    (al_blend_split(lab, w, h, x, y, edge_de,
			                    &bl.a, &bl.b, &bl.t) ||
			     subpixel_blend(rgba, w, lab, x, y, edge_de, &bl.a, &bl.b, &bl.t))) {
				if (nblends == blends_cap) {
					blends_cap = blends_cap ? 2 * blends_cap : 1024;
					blends = g_renew(blend, blends, blends_cap);
				}
				blends[nblends++] = bl;
				continue;
			}
			/* the colour (lab) is a function of the RGBA: a pixel of
			 * the RGBA of the last one counted has its outcome */
			if (!last.valid || memcmp(&last.px, p, 4) != 0) {
				memcpy(&last.px, p, 4);
				last.valid = true;
				/* and an RGBA met before has its bin: a small
				 * direct-mapped table of them */
				bin_slot *bs = bin_cache + ((last.px * 2654435761u) >> (32 - BIN_CACHE_BITS));
				guint64 bkey = last.px | (guint64)1 << 32;
				if (bs->key == bkey) {
					last.b = bs->b;
				} else {
					/* enclosed areas in the background colour
					 * read as background */
					last.b = NULL;
					if (!(m->bg_kind == AL_BG_COLOR && al_de76(l, m->bg_lab) < merge)) {
						guint32 key = bin_key(l);
						last.b = g_hash_table_lookup(bins, GUINT_TO_POINTER(key + 1));
						if (!last.b) {
							last.b = g_new0(bin, 1);
							last.b->key = key;
							g_hash_table_insert(bins, GUINT_TO_POINTER(key + 1), last.b);
						}
					}
					bs->key = bkey;
					bs->b = last.b;
				}
			}
			if (!last.b) {
				own[i] = BG_BIT;
				continue;
			}
			bin *b = last.b;
			if (b->n++ == 0)
				b->first = last.px;
			b->same += last.px == b->first;
			/* the sums: a pixel of the RGBA of the pending ones
			 * joins them, and they are added at once (as one by
			 * one, al_sum_repeat()) before any other pixel adds
			 * to a bin */
			if (pend.k && pend.i != SIZE_MAX && memcmp(rgba + pend.i * 4, p, 4) != 0)
				flush_sums(&pend, rgba, lab);
			if (!pend.k) {
				pend.b = b;
				pend.i = i;
			}
			pend.k++;
			pix_bin[i] = b;
			counted++;
			if (q) {
				/* count_inside() leaves it to its bin */
				fgmask[i] = 2;
				b->quiet_inside += quiet_inside(m, x, y, i);
			}
			if (runs)
				x += count_run(m, x, y, b, last.px == b->first, &pend.k, fgmask,
				               own, pix_bin, &counted);
		}
	flush_sums(&pend, rgba, lab);
	if (counted == 0)
		goto out;

	GHashTableIter it;
	gpointer v;
	g_hash_table_iter_init(&it, bins);
	while (g_hash_table_iter_next(&it, NULL, &v))
		g_ptr_array_add(sorted, v);
	g_ptr_array_sort(sorted, bin_cmp);
	for (guint k = 0; k < sorted->len; k++) {
		bin *b = g_ptr_array_index(sorted, k);
		float bl[3] = { (float)(b->lab[0] / b->n), (float)(b->lab[1] / b->n),
		                (float)(b->lab[2] / b->n) };
		b->cluster = -1;
		for (guint c = 0; c < clusters->len && b->cluster < 0; c++) {
			float cm[3];
			mean_lab(&g_array_index(clusters, cluster, c), cm);
			if (al_de76(bl, cm) < merge)
				b->cluster = (int)c;
		}
		if (b->cluster < 0) {
			cluster zero = { .id = (int)clusters->len, .pa = -1, .pb = -1 };
			g_array_append_val(clusters, zero);
			b->cluster = (int)clusters->len - 1;
		}
		cluster *into = &g_array_index(clusters, cluster, b->cluster);
		into->n += b->n;
		into->mode = MAX(into->mode, b->same);
		into->quiet_inside += b->quiet_inside;
		for (int c = 0; c < 3; c++) {
			into->lab[c] += b->lab[c];
			into->rgb[c] += b->rgb[c];
		}
	}

	/* largest first; each pixel's bit is its cluster's rank */
	g_array_sort(clusters, cluster_cmp);
	rank = g_new(int, clusters->len);
	for (guint c = 0; c < clusters->len; c++)
		rank[g_array_index(clusters, cluster, c).id] = (int)c;
	for (guint k = 0; k < sorted->len; k++) {
		bin *b = g_ptr_array_index(sorted, k);
		int r = rank[b->cluster];
		b->own = r < MAX_TRACKED ? UINT64_C(1) << r : 0;
	}
	/* a counted pixel is in the mark (fgmask not 0): eight pixels outside
	 * it at a time have no bin */
	const bool skip8 = !al__palette_plain;
	for (size_t i = 0; i < n; i++) {
		if (pix_bin[i])
			own[i] = pix_bin[i]->own;
		else if (skip8 && none8(fgmask, i, n))
			i += 7;
	}
	/* the colours near and the mark's pieces: made when a mix test
	 * first asks (lazy) */
	lz.lab = lab;
	lz.fg = fgmask;
	long inside[MAX_TRACKED] = { 0 };
	count_inside(own, fgmask, lab, rgba, m->width, m->height, merge, inside);
	for (guint c = 0; c < MIN(clusters->len, (guint)MAX_TRACKED); c++)
		inside[c] += g_array_index(clusters, cluster, c).quiet_inside;
	bool chroma = ctx->info && ctx->info->chroma_subsampled;
	/* and in a JPEG with subsampled chroma, the colours within 2 and
	 * 8 px (lazy too) */
	lz.bins = bins;
	lz.rank = rank;
	in_pieces = g_new0(GHashTable *, MAX_TRACKED);
	for (guint c = 0; c < MIN(clusters->len, (guint)MAX_TRACKED); c++)
		mem.count[c] = (size_t)g_array_index(clusters, cluster, c).n;
	mix_ctx mc = {
		.own = own, .n = n, .w = m->width, .h = m->height, .mem = &mem, .lz = &lz,
		.tol = (float)AL_PARAM(ctx, "mix_de"),
		.near_share = (float)AL_PARAM(ctx, "mix_near"),
		.inside_share = (float)AL_PARAM(ctx, "mix_inside"),
		.fill_share = (float)AL_PARAM(ctx, "fill_share"),
		.smear_end = (float)AL_PARAM(ctx, "jpeg_smear_end"),
		.inside = inside, .in_pieces = in_pieces,
		.chroma = chroma,
		.halo = ctx->info && ctx->info->format == AL_FMT_JPEG ?
		        (float)AL_PARAM(ctx, "jpeg_halo_de") : 0.0f,
		.uniform = ctx->info && ctx->info->format == AL_FMT_JPEG ? 0.0f :
		           (float)AL_PARAM(ctx, "mix_uniform"),
		.bg = m->bg_kind == AL_BG_COLOR ? m->bg_rgb : NULL,
	};
	find_mixes(clusters, &mc);
	if (lz.failed) {
		al_check_failed(ctx, "out of memory for the %s of %zu pixels", lz.failed, n);
		goto out;
	}
	/* a colour's weight: its pixels and its part of each blend it
	 * takes part in (a thin stroke is mostly anti-aliased rim) */
	for (guint c = 0; c < clusters->len; c++) {
		cluster *cl = &g_array_index(clusters, cluster, c);
		cl->weight = (double)cl->n;
	}
	if (!(al__palette_plain ? blend_weights_plain(clusters, blends, nblends, pix_bin, rank, n) :
	      blend_weights(clusters, blends, nblends, pix_bin, rank, own, n))) {
		al_check_failed(ctx, "out of memory for the blends of %zu pixels", n);
		goto out;
	}
	/* a mix's weight goes to the two colours it mixes, by its share of
	 * each (the background's part is dropped): the rims and hairlines of
	 * a thin stroke are mostly its colour */
	for (guint c = 0; c < clusters->len; c++) {
		const cluster *cl = &g_array_index(clusters, cluster, c);
		if (!cl->mix)
			continue;
		const int end[2] = { cl->pa, cl->pb };
		const double part[2] = { 1.0 - cl->t, cl->t };
		for (int e = 0; e < 2; e++)
			if (end[e] >= 0) {
				cluster *to = &g_array_index(clusters, cluster, end[e]);
				if (!to->mix)
					to->weight += part[e] * cl->weight;
			}
	}
	double total = 0;
	for (guint c = 0; c < clusters->len; c++) {
		const cluster *cl = &g_array_index(clusters, cluster, c);
		if (!cl->mix)
			total += cl->weight;
	}

	if (al__palette_digest)
		*al__palette_digest = digest(clusters, inside, nblends, smooth, n, total);
	int prominent = 0;
	for (guint c = 0; c < clusters->len; c++) {
		cluster *cl = &g_array_index(clusters, cluster, c);
		double share = cl->weight / total;
		if (cl->mix || share < min_share)
			continue;
		prominent++;
		uint8_t rgb[3];
		for (int k = 0; k < 3; k++)
			rgb[k] = (uint8_t)CLAMP(cl->rgb[k] / cl->n + 0.5, 0, 255);
		char hex[8];
		al_hex_color(rgb, hex);
		/* one decimal under 10 %: a colour counted from min_share 2.5 %
		 * must not print as the 3 % it falls short of */
		g_string_append_printf(list, share < 0.1 ? "%s%s %.1f %%" : "%s%s %.0f %%",
		                       list->len ? ", " : "", hex, share * 100.0);
	}
	if (prominent > max_colors)
		al_emit(ctx, AL_SEV_OFF, m->fg_bbox.w > 0 ? &m->fg_bbox : NULL, true,
		        prominent, max_colors,
		        "%d prominent colours (limit %d; background and anti-aliasing not "
		        "counted): %s. Limit the logo to a few primary and secondary colours",
		        prominent, max_colors, list->str);
out:
	if (in_pieces)
		for (int c = 0; c < MAX_TRACKED; c++)
			if (in_pieces[c])
				g_hash_table_destroy(in_pieces[c]);
	g_free(in_pieces);
	g_free(lz.near2);
	g_free(lz.near8);
	g_free(lz.piece);
	g_free(lz.piece_has);
	g_free(lz.near);
	g_free(mem.px);
	g_free(mem.near);
	g_free(fgmask);
	g_free(smooth);
	g_free(blends);
	g_free(own);
	g_free(rank);
	g_free(pix_bin);
	g_free(bin_cache);
	g_free(lab_buf);
	g_string_free(list, TRUE);
	g_array_free(clusters, TRUE);
	g_ptr_array_free(sorted, TRUE);
	g_hash_table_destroy(bins);
}

const al_rule al_rule_palette = {
	.id = "palette",
	.stage = AL_STAGE_PIXELS,
	.roles = AL_ROLES_LOGOS,
	.severity = AL_SEV_WARNING,
	.summary = "more prominent colours than the limit",
	.help = "Limit the logo to a few primary and secondary colours.",
	.params = params,
	.n_params = G_N_ELEMENTS(params),
	.check = check,
};
