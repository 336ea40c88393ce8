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
#include "rules/rules.h"

/* Width of the border ring: 2 % of the short side, at least 2 px, at most
 * half the short side. */
#define RING_SHARE 0.02
#define RING_MIN 2

/* Share of a card's box that must be opaque foreground. */
#define CARD_SOLID 0.75

/* Quantisation of the border histogram: 4 bits per channel, so JPEG noise
 * on a flat colour lands in one or two bins. */
#define QBITS 4
#define QBINS (1 << (3 * QBITS))

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

/* Dominant colour of the ring inside @r (see al_internal.h).  Borrows @m;
 * writes only the caller's outputs; its histogram is freed before return.
 * Returns AL_OK or AL_ERR_NOMEM. */
al_status al_measure_ring_color(const al_measure *m, const al_region *r,
                                int bw, int alpha_min, float tol,
                                uint8_t rgb[3], float lab[3], double *share,
                                double *opaque_share)
{
	al_status st = AL_OK;
	guint32 *hist = NULL;
	int total = 0, opaque = 0, mode = -1;
	double seed[3] = { 0, 0, 0 };

	*share = 0;
	if (opaque_share)
		*opaque_share = 0;
	memset(rgb, 0, 3);
	memset(lab, 0, 3 * sizeof *lab);
	hist = g_new0(guint32, QBINS);   /* fixed size: see alloc.c */
	/* pass 1: histogram of the quantised shown colour of opaque pixels */
	for (int y = r->y; y < r->y + r->h; y++)
		for (int x = r->x; x < r->x + r->w; x = ring_next(x, y, r, bw)) {
			if (!in_ring(x, y, r, bw))
				continue;
			const uint8_t *p = m->rgba + ((size_t)y * m->width + x) * 4;
			total++;
			if (p[3] < alpha_min)
				continue;
			opaque++;
			uint8_t c[3];
			shown_rgb(p, c);
			int q = (c[0] >> (8 - QBITS)) << (2 * QBITS) |
			        (c[1] >> (8 - QBITS)) << QBITS | (c[2] >> (8 - QBITS));
			hist[q]++;
			if (mode < 0 || hist[q] > hist[mode])
				mode = q;
		}
	if (total == 0 || mode < 0)
		goto out;
	/* pass 2: Lab mean of the mode bin = the seed */
	int n = 0;
	for (int y = r->y; y < r->y + r->h; y++)
		for (int x = r->x; x < r->x + r->w; x = ring_next(x, y, r, bw)) {
			if (!in_ring(x, y, r, bw))
				continue;
			const uint8_t *p = m->rgba + ((size_t)y * m->width + x) * 4;
			if (p[3] < alpha_min)
				continue;
			uint8_t c[3];
			shown_rgb(p, c);
			int q = (c[0] >> (8 - QBITS)) << (2 * QBITS) |
			        (c[1] >> (8 - QBITS)) << QBITS | (c[2] >> (8 - QBITS));
			if (q != mode)
				continue;
			const float *l = m->lab + ((size_t)y * m->width + x) * 3;
			for (int c2 = 0; c2 < 3; c2++)
				seed[c2] += l[c2];
			n++;
		}
	float s[3] = { (float)(seed[0] / n), (float)(seed[1] / n), (float)(seed[2] / n) };
	/* passes 3 and 4: the mean of the pixels within @tol of the seed is the
	 * colour; the share within @tol of that mean is the agreement */
	for (int pass = 0; pass < 2; pass++) {
		double sl[3] = { 0, 0, 0 }, sr[3] = { 0, 0, 0 };
		int k = 0;
		for (int y = r->y; y < r->y + r->h; y++)
			for (int x = r->x; x < r->x + r->w; x = ring_next(x, y, r, bw)) {
				if (!in_ring(x, y, r, bw))
					continue;
				size_t i = (size_t)y * m->width + x;
				const uint8_t *p = m->rgba + i * 4;
				if (p[3] < alpha_min)
					continue;
				const float *l = m->lab + i * 3;
				if (al_de76(l, s) >= tol)
					continue;
				uint8_t c[3];
				shown_rgb(p, c);
				for (int c2 = 0; c2 < 3; c2++) {
					sl[c2] += l[c2];
					sr[c2] += c[c2];
				}
				k++;
			}
		if (k == 0)
			break; /* cannot happen: the seed's own bin is near it */
		if (pass == 0) {
			for (int c2 = 0; c2 < 3; c2++) {
				s[c2] = (float)(sl[c2] / k);
				rgb[c2] = (uint8_t)CLAMP(sr[c2] / k + 0.5, 0, 255);
			}
			memcpy(lab, s, sizeof s);
		} else {
			*share = (double)k / total;
		}
	}
	if (opaque_share)
		*opaque_share = (double)opaque / total;
out:
	g_free(hist);
	return st;
}

/* Lab of every pixel as shown over white.  Neighbouring pixels often share
 * a colour, so the last conversion is reused. */
static void compute_lab(al_measure *m)
{
	size_t n = (size_t)m->width * m->height;
	uint8_t last[3] = { 0, 0, 0 };
	float llab[3];
	al_srgb_to_lab(0, 0, 0, llab);
	for (size_t i = 0; i < n; i++) {
		uint8_t c[3];
		shown_rgb(m->rgba + i * 4, c);
		if (c[0] != last[0] || c[1] != last[1] || c[2] != last[2]) {
			al_srgb_to_lab(c[0], c[1], c[2], llab);
			memcpy(last, c, 3);
		}
		memcpy(m->lab + i * 3, llab, sizeof llab);
	}
}

typedef struct {
	al_bg_kind kind;
	int alpha_min;
	float tol, step;
	const float *bg;
} fill_rule;

/* May pixel @q (not yet background) join the region from its background
 * neighbour @p (-1 for a seed on the image's edge)? */
static inline bool joins(const al_measure *m, const fill_rule *f, size_t q,
                         ptrdiff_t p)
{
	bool join;
	if (m->rgba[q * 4 + 3] < f->alpha_min)
		join = true; /* invisible pixels are never foreground */
	else if (f->kind == AL_BG_TRANSPARENT)
		join = false;
	else if (f->kind == AL_BG_COLOR && al_de76(m->lab + q * 3, f->bg) < f->tol)
		join = true;
	else if (p < 0) /* edge seed: the mixed model takes every edge pixel */
		join = f->kind == AL_BG_MIXED;
	else /* a tiny step from an opaque background neighbour: smooth
	      * gradients are background, anti-aliased edges (big steps)
	      * stop the fill */
		join = m->rgba[(size_t)p * 4 + 3] >= f->alpha_min &&
		       al_de76(m->lab + q * 3, m->lab + (size_t)p * 3) < f->step;
	return join;
}

/* 4-connected flood fill from the image's outer 1-px frame with an
 * explicit queue (each pixel enters at most once). */
static al_status grow_background(al_measure *m, const fill_rule *f)
{
	al_status st = AL_OK;
	int w = m->width, h = m->height;
	size_t n = (size_t)w * h, head = 0, tail = 0;
	guint32 *queue = al_try_new(guint32, n);

	if (!queue) {
		st = AL_ERR_NOMEM;
		goto out;
	}
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			if (!(x == 0 || y == 0 || x == w - 1 || y == h - 1))
				continue;
			size_t i = (size_t)y * w + x;
			if (!m->bgmask[i] && joins(m, f, i, -1)) {
				m->bgmask[i] = 1;
				queue[tail++] = (guint32)i;
			}
		}
	while (head < tail) {
		size_t p = queue[head++];
		int x = (int)(p % w), y = (int)(p / w);
		size_t nb[4];
		int k = 0;
		if (x > 0) nb[k++] = p - 1;
		if (x < w - 1) nb[k++] = p + 1;
		if (y > 0) nb[k++] = p - w;
		if (y < h - 1) nb[k++] = p + w;
		for (int j = 0; j < k; j++)
			if (!m->bgmask[nb[j]] && joins(m, f, nb[j], (ptrdiff_t)p)) {
				m->bgmask[nb[j]] = 1;
				queue[tail++] = (guint32)nb[j];
			}
	}
out:
	g_free(queue);
	return st;
}

static void foreground_stats(al_measure *m)
{
	int w = m->width, h = m->height;
	int x0 = w, y0 = h, x1 = -1, y1 = -1, bg = 0;
	double sum[3] = { 0, 0, 0 };

	m->n_visible = 0;
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			size_t i = (size_t)y * w + x;
			if (m->bgmask[i]) {
				bg++;
				continue;
			}
			x0 = MIN(x0, x);
			x1 = MAX(x1, x);
			y0 = MIN(y0, y);
			y1 = MAX(y1, y);
			if (m->rgba[i * 4 + 3] >= 128) {
				m->n_visible++;
				for (int c = 0; c < 3; c++)
					sum[c] += m->lab[i * 3 + c];
			}
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
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			if (!(x == 0 || y == 0 || x == w - 1 || y == h - 1))
				continue;
			n++;
			clear += m->rgba[((size_t)y * w + x) * 4 + 3] < alpha_min;
		}
	return n ? (double)clear / n : 0.0;
}

/* Fills @m from @img: @m borrows img->rgba and owns lab and bgmask, which
 * the caller frees with al_measure_clear() (also after a failure).
 * Returns AL_OK or AL_ERR_NOMEM. */
al_status al_measure_compute(al_measure *m, const al_image *img,
                             const al_options *opts)
{
	al_status st = AL_OK;
	const al_rule *r = &al_rule_background_white;
	int alpha_min = (int)al_param_get(opts, r, "alpha_transparent");
	float tol = (float)al_param_get(opts, r, "bg_tolerance");
	float step = (float)al_param_get(opts, r, "bg_step");
	double need = al_param_get(opts, r, "border_share");

	memset(m, 0, sizeof *m);
	m->width = img->width;
	m->height = img->height;
	m->rgba = img->rgba;
	if (img->width <= 0 || img->height <= 0 || !img->rgba)
		goto out; /* AL_BG_NONE */
	size_t n = (size_t)img->width * img->height;
	m->lab = al_try_new(float, n * 3);
	m->bgmask = al_try_new0(uint8_t, n);
	if (!m->lab || !m->bgmask) {
		st = AL_ERR_NOMEM;
		goto out;
	}
	compute_lab(m);

	/* background model from the border ring */
	al_region all = { 0, 0, img->width, img->height };
	int bw = al_measure_ring_width(img->width, img->height);
	double share = 0, opaque_share = 0;
	st = al_measure_ring_color(m, &all, bw, alpha_min, tol, m->bg_rgb,
	                           m->bg_lab, &share, &opaque_share);
	if (st != AL_OK)
		goto out;
	/* Many exports pad the mark with a 1-px transparent frame and let it
	 * fill the rest of the ring: the outer frame decides too. */
	double clear = MAX(1.0 - opaque_share, frame_clear_share(m, alpha_min));
	/* shares are ratios of pixel counts: compare with a little slack so
	 * that 0.6 of a ring is 0.6 */
	need -= 1e-9;
	if (clear >= need) {
		m->bg_kind = AL_BG_TRANSPARENT;
		m->border_agreement = clear;
		memset(m->bg_rgb, 0, 3);
		memset(m->bg_lab, 0, sizeof m->bg_lab);
	} else if (share >= need) {
		m->bg_kind = AL_BG_COLOR;
		m->border_agreement = share;
	} else if (clear >= need / 2) {
		/* No class reaches border_share, but a third of the border or
		 * more is see-through: a transparent canvas whose mark touches
		 * the edges (a tile with rounded corners stays far below). */
		m->bg_kind = AL_BG_TRANSPARENT;
		m->border_agreement = clear;
		memset(m->bg_rgb, 0, 3);
		memset(m->bg_lab, 0, sizeof m->bg_lab);
	} else {
		/* bg_rgb/bg_lab keep the most common border colour as a hint */
		m->bg_kind = AL_BG_MIXED;
		m->border_agreement = share;
	}

	fill_rule f = { m->bg_kind, alpha_min, tol, step, m->bg_lab };
	st = grow_background(m, &f);
	if (st != AL_OK)
		goto out;
	foreground_stats(m);
out:
	if (st != AL_OK)
		al_measure_clear(m);
	return st;
}

/* Frees what al_measure_compute() allocated (lab, bgmask; the RGBA stays
 * the image's) and zeroes @m.  NULL is a no-op. */
void al_measure_clear(al_measure *m)
{
	if (m) {
		g_free(m->lab);
		g_free(m->bgmask);
		memset(m, 0, sizeof *m);
	}
}

/* Opaque card on a transparent canvas (see al_internal.h).  Borrows
 * everything, allocates nothing that survives the call. */
bool al_measure_card(const al_measure *m, const al_options *opts,
                     double min_area, uint8_t rgb[3], float lab[3])
{
	const al_rule *r = &al_rule_background_white;
	const al_region *b = &m->fg_bbox;
	double share = 0, opaque = 0;
	bool card = false;

	if ((m->bg_kind == AL_BG_TRANSPARENT || m->bg_kind == AL_BG_COLOR) &&
	    b->w > 0 && m->width > 0 &&
	    (double)b->w * b->h >= min_area * m->width * m->height &&
	    al_measure_ring_color(m, b, al_measure_ring_width(b->w, b->h),
	                          (int)al_param_get(opts, r, "alpha_transparent"),
	                          (float)al_param_get(opts, r, "bg_tolerance"),
	                          rgb, lab, &share, &opaque) == AL_OK)
		card = share >= al_param_get(opts, r, "border_share") - 1e-9;
	if (card) {
		/* a card is solid: an outline mark (a white frame around a
		 * see-through or background-coloured inside) has the same ring
		 * (inside enclosed by the frame is foreground for the fill,
		 * so pixels of the background colour do not count either) */
		int alpha_min = (int)al_param_get(opts, r, "alpha_transparent");
		float tol = (float)al_param_get(opts, r, "bg_tolerance");
		size_t solid = 0;
		for (int y = b->y; y < b->y + b->h; y++)
			for (int x = b->x; x < b->x + b->w; x++) {
				size_t i = (size_t)y * m->width + x;
				solid += !m->bgmask[i] && m->rgba[i * 4 + 3] >= alpha_min &&
				         (m->bg_kind != AL_BG_COLOR ||
				          al_de76(m->lab + i * 3, m->bg_lab) >= tol);
			}
		card = solid >= CARD_SOLID * b->w * b->h;
	}
	return card;
}
