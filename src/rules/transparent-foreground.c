/* transparent-foreground: on a transparent background the portal shows the
 * logo over its own white, black or blue surfaces, so a mark that is mostly
 * white, black or blue disappears.  Counts the visible pixels of the mark by
 * colour class (CIELAB of the straight, un-composited colour, averaged with
 * its visible 3x3 neighbours so that dither and noise read as the colour
 * the eye sees). */
#include <string.h>
#include "rules.h"
#include "regions.h"

static const al_param params[] = {
	{ "alpha_min", 128, 1, 255, "pixels with at least this alpha are the visible mark" },
	{ "min_share", 0.6, 0.05, 1, "flag when white+black+blue pixels are at least this share of the mark" },
	{ "white_min_l", 90, 50, 100, "white: L* at least this" },
	{ "black_max_l", 25, 0, 50, "black: L* at most this (#3b3b3b is 24.9; mid-grey #7f7f7f is 53)" },
	{ "neutral_max_chroma", 10, 0, 50, "white: chroma C*ab at most this" },
	{ "black_max_chroma", 15, 0, 50, "black: chroma C*ab at most this (near-blacks with a cast, #202030 is 11.5)" },
	{ "blue_hue_min", 235, 0, 360, "blue: CIELAB hue angle h at least this (degrees)" },
	{ "blue_hue_max", 310, 0, 360, "blue: CIELAB hue angle h at most this (degrees)" },
	{ "blue_min_chroma", 20, 0, 150, "blue: chroma C*ab at least this" },
};

enum { C_WHITE, C_BLACK, C_BLUE, C_N };
static const char *const class_names[C_N] = { "white", "black", "blue" };

/* Mean straight colour of the visible pixels (alpha >= @alpha_min) in the
 * 3x3 window around (@x, @y), which is visible itself. */
static void local_mean(const al_measure *m, int x, int y, int alpha_min, uint8_t out[3])
{
	unsigned sum[3] = { 0, 0, 0 }, n = 0;
	for (int yy = MAX(0, y - 1); yy <= MIN(m->height - 1, y + 1); yy++)
		for (int xx = MAX(0, x - 1); xx <= MIN(m->width - 1, x + 1); xx++) {
			const uint8_t *q = m->rgba + ((size_t)yy * m->width + xx) * 4;
			if (q[3] < alpha_min)
				continue;
			for (int c = 0; c < 3; c++)
				sum[c] += q[c];
			n++;
		}
	for (int c = 0; c < 3; c++)
		out[c] = (uint8_t)((sum[c] + n / 2) / n);
}

/* See rules.h. */
bool al__transparent_fg_plain;

/* The class of a colour (CIELAB of the straight colour): C_WHITE,
 * C_BLACK, C_BLUE or C_N (none). */
typedef struct {
	float white_l, black_l, neutral_c, black_c, hue_min, hue_max, blue_c;
} classes;

static int classify(const classes *k, const float lab[3])
{
	float c = al_lab_chroma(lab);
	if (lab[0] >= k->white_l && c <= k->neutral_c)
		return C_WHITE;
	if (lab[0] <= k->black_l && c <= k->black_c)
		return C_BLACK;
	if (c >= k->blue_c) {
		float hue = al_lab_hue(lab);
		if (hue >= k->hue_min && hue <= k->hue_max)
			return C_BLUE;
	}
	return C_N;
}

/* The class of colours as they come, remembered for the last one: the
 * class is a function of the colour, and colours come in runs. */
typedef struct {
	const classes *k;
	uint8_t last[3];
	int cls;
} class_memo;

static void class_memo_init(class_memo *c, const classes *k)
{
	float lab[3];
	c->k = k;
	memset(c->last, 0, sizeof c->last);
	al_srgb_to_lab(0, 0, 0, lab);
	c->cls = classify(k, lab);
}

static int class_of(class_memo *c, const uint8_t rgb[3])
{
	if (memcmp(rgb, c->last, 3) != 0) {
		float lab[3];
		al_srgb_to_lab(rgb[0], rgb[1], rgb[2], lab);
		memcpy(c->last, rgb, 3);
		c->cls = classify(c->k, lab);
	}
	return c->cls;
}

/* What the visible pixels add up to: a count per class (C_N: none), the
 * pixels and their box. */
typedef struct {
	long count[C_N + 1], visible;
	int x0, y0, x1, y1;
} tally;

/* The class of visible pixel (@x, @y): that of the mean colour of its 3x3
 * window or, when that is none, of its own colour (a pixel whose own
 * colour is white, black or blue is so even where its window averages to
 * none: the fill beside a thin outline, a white detail beside its
 * anti-aliased rim).  m->lab is composited over white; the mark's own
 * colour is the straight one. */
static int pixel_class(const al_measure *m, int x, int y, int alpha_min, class_memo *mean,
                       class_memo *own)
{
	const uint8_t *p = m->rgba + ((size_t)y * m->width + x) * 4;
	uint8_t rgb[3];
	local_mean(m, x, y, alpha_min, rgb);
	int k = class_of(mean, rgb);
	return k == C_N ? class_of(own, p) : k;
}

/* The plain count, pixel by pixel (the tests' reference). */
static void tally_plain(const al_measure *m, int alpha_min, const classes *cl, tally *t)
{
	class_memo mean, own;
	class_memo_init(&mean, cl);
	class_memo_init(&own, cl);
	for (int y = 0; y < m->height; y++)
		for (int x = 0; x < m->width; x++) {
			if (m->rgba[((size_t)y * m->width + x) * 4 + 3] < alpha_min)
				continue;
			t->count[pixel_class(m, x, y, alpha_min, &mean, &own)]++;
			t->visible++;
			t->x0 = MIN(t->x0, x);
			t->x1 = MAX(t->x1, x);
			t->y0 = MIN(t->y0, y);
			t->y1 = MAX(t->y1, y);
		}
}

/* The run of one RGBA holding column @j of a row: the columns whose 3x3
 * window's part in this row lies in the run (or ends at the image's
 * edge), [lo, hi], and whether it is the RGBA @c.  A row outside the
 * image (above the first, below the last) constrains nothing. */
typedef struct {
	int lo, hi, end;          /* end: one past the run's last pixel */
	bool same;
} run_part;

static run_part part_at(const al_measure *m, int y, int j, uint32_t c)
{
	int w = m->width;
	if (y < 0 || y >= m->height)
		return (run_part){ 0, w - 1, w, true };
	const uint8_t *row = m->rgba + (size_t)y * w * 4;
	/* m->run is capped at 255: the run may start earlier, which moves
	 * lo below j - 254 only, and no column from j on is left of that */
	int s = j - m->run[(size_t)y * w + j], e = al_rgba_run_end(row, j, w);
	uint32_t v;
	memcpy(&v, row + (size_t)j * 4, 4);
	return (run_part){ s == 0 ? 0 : s + 1, e == w ? w - 1 : e - 2, e, v == c };
}

/* tally_plain()'s count by runs of one RGBA along a row, the same counts
 * and box: a run is visible or not as a whole (one alpha; the invisible
 * skipped sixteen pixels at a time), adds its pixels and ends to the box
 * at once, and a pixel whose 3x3 window is one RGBA (visible, as the
 * pixel is) has the pixel's colour for its window's mean ((9 c + 4) / 9 =
 * c, and so on at the edges): the run's class, worked out once.  Those
 * pixels are counted by stretches: where the rows above and below hold
 * one run each, the run's RGBA too, a pixel's window is one RGBA when it
 * lies within the [lo, hi] of all three runs (part_at()). */
static void tally_runs(const al_measure *m, int alpha_min, const classes *cl, tally *t)
{
	int w = m->width;
	class_memo mean, own;
	class_memo_init(&mean, cl);
	class_memo_init(&own, cl);
	for (int y = 0; y < m->height; y++) {
		const uint8_t *row = m->rgba + (size_t)y * w * 4;
		int first = -1, last = -1;
		for (int x = 0; x < w;) {
#ifdef __SSE2__
			if (alpha_min >= 0 && alpha_min <= 255 && x + 16 <= w) {
				__m128i a = al_alpha16(row + (size_t)x * 4);
				__m128i amin = _mm_set1_epi8((char)alpha_min);
				unsigned see = (unsigned)_mm_movemask_epi8(
					_mm_cmpeq_epi8(_mm_max_epu8(a, amin), a));
				if (!see) {
					x += 16;
					continue;
				}
				x += __builtin_ctz(see);
			}
#endif
			/* x starts a run: the pixel left of it is of another
			 * alpha, or the end of the run before */
			const uint8_t *p = row + (size_t)x * 4;
			uint32_t c;
			memcpy(&c, p, 4);
			run_part mid = part_at(m, y, x, c);
			int e = mid.end;
			if (p[3] < alpha_min) {
				x = e;
				continue;
			}
			if (first < 0)
				first = x;
			last = e - 1;
			t->visible += e - x;
			/* only the pixels of [mid.lo, mid.hi] may have a window of
			 * one RGBA (none in a run of one or two pixels inside the
			 * row, most where the image is noisy): the others at once */
			int flo = MAX(mid.lo, x), fhi = MIN(mid.hi, e - 1);
			if (flo > fhi)
				flo = fhi = e;
			for (int k = x; k < flo; k++)
				t->count[pixel_class(m, k, y, alpha_min, &mean, &own)]++;
			int run_cls = flo < e ? class_of(&mean, p) : C_N;
			for (int j = flo; j <= fhi && j < e;) {
				run_part up = part_at(m, y - 1, j, c), dn = part_at(m, y + 1, j, c);
				int stop = MIN(fhi + 1, MIN(up.end, dn.end));
				int lo = MAX(up.lo, dn.lo), hi = MIN(up.hi, dn.hi);
				if (!up.same || !dn.same)
					lo = stop;           /* none of [j, stop) */
				lo = CLAMP(lo, j, stop);
				hi = CLAMP(hi, lo - 1, stop - 1);
				for (int k = j; k < lo; k++)
					t->count[pixel_class(m, k, y, alpha_min, &mean, &own)]++;
				t->count[run_cls] += hi - lo + 1;
				for (int k = hi + 1; k < stop; k++)
					t->count[pixel_class(m, k, y, alpha_min, &mean, &own)]++;
				j = stop;
			}
			for (int k = MAX(fhi + 1, flo); k < e; k++)
				t->count[pixel_class(m, k, y, alpha_min, &mean, &own)]++;
			x = e;
		}
		if (first < 0)
			continue;
		t->x0 = MIN(t->x0, first);
		t->x1 = MAX(t->x1, last);
		t->y0 = MIN(t->y0, y);
		t->y1 = y;
	}
}

static void check(al_ctx *ctx)
{
	const al_measure *m = ctx->m;
	int alpha_min = (int)AL_PARAM(ctx, "alpha_min");
	double min_share = AL_PARAM(ctx, "min_share");
	classes cl = {
		(float)AL_PARAM(ctx, "white_min_l"), (float)AL_PARAM(ctx, "black_max_l"),
		(float)AL_PARAM(ctx, "neutral_max_chroma"), (float)AL_PARAM(ctx, "black_max_chroma"),
		(float)AL_PARAM(ctx, "blue_hue_min"), (float)AL_PARAM(ctx, "blue_hue_max"),
		(float)AL_PARAM(ctx, "blue_min_chroma"),
	};
	tally t = { { 0, 0, 0, 0 }, 0, m->width, m->height, -1, -1 };

	if (m->bg_kind != AL_BG_TRANSPARENT)
		return;
	(al__transparent_fg_plain ? tally_plain : tally_runs)(m, alpha_min, &cl, &t);
	long *count = t.count, visible = t.visible;
	int x0 = t.x0, y0 = t.y0, x1 = t.x1, y1 = t.y1;
	if (visible == 0)
		return;
	long bad = count[C_WHITE] + count[C_BLACK] + count[C_BLUE];
	double share = (double)bad / (double)visible;
	if (share < min_share)
		return;

	/* name every class that is a real part of the mark, largest first */
	GString *which = g_string_new(NULL);
	bool used[C_N] = { false, false, false };
	for (int k = 0; k < C_N; k++) {
		int best = -1;
		for (int j = 0; j < C_N; j++)
			if (!used[j] && (best < 0 || count[j] > count[best]))
				best = j;
		used[best] = true;
		double s = (double)count[best] / (double)visible;
		if (s < 0.05)
			continue;
		g_string_append_printf(which, "%s%s %.0f %%", which->len ? ", " : "",
		                       class_names[best], s * 100.0);
	}
	al_region box = { x0, y0, x1 - x0 + 1, y1 - y0 + 1 };
	al_emit(ctx, AL_SEV_OFF, &box, true, share, min_share,
	        "transparent background and the mark is %.0f %% white, black or blue "
	        "(%s; limit %.0f %%): the portal shows logos on white, black and blue "
	        "surfaces. Put the mark on an opaque background colour or recolour it",
	        share * 100.0, which->str, min_share * 100.0);
	g_string_free(which, TRUE);
}

const al_rule al_rule_transparent_foreground = {
	.id = "transparent-foreground",
	.stage = AL_STAGE_PIXELS,
	.roles = AL_ROLES_LOGOS,
	.severity = AL_SEV_ERROR,
	.summary = "transparent background and a white, black or blue mark",
	.help = "Put the mark on an opaque background colour, or recolour the mark.",
	.params = params,
	.n_params = G_N_ELEMENTS(params),
	.check = check,
};
