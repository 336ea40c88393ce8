/* hero-contrast: the hero's margin is too light for the white text the
 * marketplace overlays there ("nicht zu hell …, da der eingebettete Text in
 * Weiß angezeigt wird"). */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "rules.h"
#include "regions.h"

static const al_param params[] = {
	{ "min_ratio", 4.5, 1.0, 21.0,
	  "minimum WCAG 2.x contrast ratio of #FFFFFF against the margin's lighter background" },
	{ "percentile", 90.0, 50.0, 100.0,
	  "percentile of relative luminance in the margin taken as its lighter background" },
};

/* One colour of the zone (straight RGBA as stored) and its pixels. */
typedef struct {
	guint32 rgba;
	guint32 count;
	float lum;               /* relative luminance as shown */
} zone_color;

static int by_lum(const void *a, const void *b)
{
	float x = ((const zone_color *)a)->lum, y = ((const zone_color *)b)->lum;
	return (x > y) - (x < y);
}

static void swap_colors(zone_color *a, zone_color *b)
{
	zone_color t = *a;
	*a = *b;
	*b = t;
}

/* The luminance at pixel rank @k (0-based; below the colours' total
 * count) of the @n colours @c: the luminance a walk of @c sorted by
 * luminance meets when its running count first passes @k.  Colours of
 * equal luminance are one value whatever their order, so a selection
 * (three-way partitions around a median of three) finds it without the
 * sort.  Reorders @c. */
static float rank_lum(zone_color *c, size_t n, size_t k)
{
	size_t lo = 0, hi = n;   /* the rank lies in c[lo, hi), k counted from lo */
	for (int round = 0; hi - lo > 1; round++) {
		if (round >= al__hero_contrast_select_rounds) {
			qsort(c + lo, hi - lo, sizeof *c, by_lum);
			for (size_t i = lo; i < hi; i++) {
				if (k < c[i].count)
					return c[i].lum;
				k -= c[i].count;
			}
			return c[hi - 1].lum; /* not reached: k is below the total */
		}
		float a = c[lo].lum, b = c[lo + (hi - lo) / 2].lum, d = c[hi - 1].lum;
		float pivot = a < b ? (b < d ? b : a < d ? d : a) : (a < d ? a : b < d ? d : b);
		size_t lt = lo, i = lo, gt = hi;
		while (i < gt) {
			if (c[i].lum < pivot)
				swap_colors(&c[lt++], &c[i++]);
			else if (c[i].lum > pivot)
				swap_colors(&c[i], &c[--gt]);
			else
				i++;
		}
		size_t below = 0, at = 0;
		for (size_t j = lo; j < lt; j++)
			below += c[j].count;
		for (size_t j = lt; j < gt; j++)
			at += c[j].count;
		if (k < below) {
			hi = lt;
		} else if (k < below + at) {
			return pivot;
		} else {
			k -= below + at;
			lo = gt;
		}
	}
	return c[lo].lum;
}

/* Colours beyond this many (a photograph) are not tabled: the table is a
 * small one of GLib's, whose allocations abort (alloc.c), its index
 * (color_index) grows with it, and a zone's pixels are bounded only by
 * the pixel limit. */
#define MAX_TABLED 65536

/* Partition rounds of rank_lum() before it sorts what is left: a bound on
 * its work whatever the luminances (al__hero_contrast_select_rounds, which
 * tests lower). */
#define SELECT_ROUNDS 48

/* The colour index in percentile(): open addressing, linear probing,
 * grown by doubling so that it stays at most half full; 2^INDEX_BITS
 * entries at first (a hero's zone has a few hundred colours). */
#define INDEX_BITS 10

typedef struct {
	guint32 rgba;
	guint32 slot;            /* table slot + 1; 0: empty */
} index_entry;

typedef struct {
	index_entry *e;
	guint32 mask;            /* entries - 1 (a power of two) */
	int bits;                /* log2(entries) */
} color_index;

/* The home entry of @v among 2^@bits: the top bits of a multiplicative
 * hash (its low bits would follow the RGBA's low bits alone). */
static inline guint32 index_hash(guint32 v, int bits)
{
	return (v * 2654435761u) >> (32 - bits);
}

/* The slot + 1 of @v in @ix, 0 when absent. */
static inline guint32 index_find(const color_index *ix, guint32 v)
{
	for (guint32 i = index_hash(v, ix->bits);; i = (i + 1) & ix->mask) {
		if (!ix->e[i].slot || ix->e[i].rgba == v)
			return ix->e[i].slot;
	}
}

/* Adds @v (absent) as slot + 1 @slot; @n colours are in it before.
 * Doubles the index first when it would be more than half full.  False
 * when out of memory (the index is then unchanged). */
static bool index_add(color_index *ix, guint32 v, guint32 slot, size_t n)
{
	if (2 * (n + 1) > (size_t)ix->mask + 1) {
		size_t size = 2 * ((size_t)ix->mask + 1);
		index_entry *e = al_try_new0(index_entry, size);
		if (!e)
			return false;
		for (size_t j = 0; j <= ix->mask; j++) {
			if (!ix->e[j].slot)
				continue;
			guint32 i = index_hash(ix->e[j].rgba, ix->bits + 1);
			while (e[i].slot)
				i = (i + 1) & (guint32)(size - 1);
			e[i] = ix->e[j];
		}
		g_free(ix->e);
		ix->e = e;
		ix->mask = (guint32)(size - 1);
		ix->bits++;
	}
	guint32 i = index_hash(v, ix->bits);
	while (ix->e[i].slot)
		i = (i + 1) & ix->mask;
	ix->e[i].rgba = v;
	ix->e[i].slot = slot;
	return true;
}

/* The colour cache in percentile(): 2^SEEN_BITS entries. */
#define SEEN_BITS 10

/* See rules.h. */
bool al__hero_contrast_table_only;
bool al__hero_contrast_sort_all;
int al__hero_contrast_select_rounds = SELECT_ROUNDS;
uint64_t *al__hero_contrast_digest;

/* The zone's colour as shown: transparent pixels show the page, assumed
 * white, the worst case for white text. */
static float shown_lum(const uint8_t *p)
{
	unsigned a = p[3];
	uint8_t c[3];
	for (int k = 0; k < 3; k++)
		c[k] = (uint8_t)((p[k] * a + 255u * (255u - a) + 127u) / 255u);
	return (float)al_rel_luminance(c[0], c[1], c[2]);
}

static int by_float(const void *a, const void *b)
{
	float x = *(const float *)a, y = *(const float *)b;
	return (x > y) - (x < y);
}

/* The percentile by sorting every pixel's luminance: for zones of more
 * colours than the table takes.  -1 when out of memory. */
static double percentile_sorted(const al_measure *m, int zx, size_t k)
{
	int w = m->width, h = m->height;
	size_t n = (size_t)(w - zx) * h, i = 0;
	float *lum = al_try_new(float, n);
	if (!lum)
		return -1;
	for (int y = 0; y < h; y++)
		for (int x = zx; x < w; x++)
			lum[i++] = shown_lum(m->rgba + ((size_t)y * w + x) * 4);
	qsort(lum, n, sizeof *lum, by_float);
	double v = lum[k];
	g_free(lum);
	return v;
}

/* The exact @pct percentile (rank round(pct / 100 (n - 1)) of the n
 * pixels) of the relative luminance over the zone [zx, w) x [0, h) of @m.
 * A hero has a few hundred colours in long runs: the zone's colours are
 * counted run by run in a table, each is converted once, and the rank is
 * selected in the table by luminance (rank_lum()).  The value is the one a sort
 * of every pixel's luminance would find, and past MAX_TABLED colours that
 * sort is done.  -1 when out of memory. */
static double percentile(const al_measure *m, int zx, double pct)
{
	int w = m->width, h = m->height;
	size_t n = (size_t)(w - zx) * h;
	size_t k = MIN((size_t)(pct / 100.0 * (double)(n - 1) + 0.5), n - 1);
	color_index index = { al_try_new0(index_entry, 1u << INDEX_BITS), (1u << INDEX_BITS) - 1,
	                      INDEX_BITS };
	if (!index.e)
		return -1;
	GArray *colors = g_array_new(FALSE, FALSE, sizeof(zone_color));
	bool many = false, nomem = false;
	/* the last colour seen at each of SEEN slots (by a hash of the
	 * RGBA) and its slot in the table: a JPEG's runs are short, and a
	 * GLib look-up per run was most of the rule's work */
	struct seen {
		guint32 rgba;
		guint slot;      /* 0: empty */
	} seen[1 << SEEN_BITS];
	memset(seen, 0, sizeof seen);

	for (int y = 0; y < h && !many && !nomem; y++) {
		const uint8_t *row = m->rgba + (size_t)y * w * 4;
		int x = zx;
		while (x < w) {
			guint32 v;
			memcpy(&v, row + (size_t)x * 4, 4);
			int x0 = x;
			x = al_rgba_run_end(row, x, w);
			/* the small cache first: the table answers the same */
			struct seen *sn = &seen[(v * 2654435761u) >> (32 - SEEN_BITS)];
			guint slot = sn->slot && sn->rgba == v && !al__hero_contrast_table_only ? sn->slot :
			             index_find(&index, v);
			if (!slot) {
				if (colors->len == MAX_TABLED) {
					many = true;
					break;
				}
				if (!index_add(&index, v, colors->len + 1, colors->len)) {
					nomem = true;
					break;
				}
				zone_color zc = { v, 0, shown_lum(row + (size_t)x0 * 4) };
				g_array_append_val(colors, zc);
				slot = colors->len;
			}
			sn->rgba = v;
			sn->slot = slot;
			g_array_index(colors, zone_color, slot - 1).count += (guint32)(x - x0);
		}
	}
	if (al__hero_contrast_digest) {
		/* FNV-1a over the table, in the order colours were met */
		uint64_t hash = UINT64_C(0xcbf29ce484222325);
		for (guint i = 0; i < colors->len; i++) {
			const zone_color *zc = &g_array_index(colors, zone_color, i);
			guint32 two[2] = { zc->rgba, zc->count };
			for (size_t b = 0; b < sizeof two; b++)
				hash = (hash ^ ((const uint8_t *)two)[b]) * UINT64_C(0x100000001b3);
		}
		*al__hero_contrast_digest = many ? 0 : hash;
	}
	double v = 0;
	if (nomem) {
		v = -1;
	} else if (many || al__hero_contrast_sort_all) {
		v = percentile_sorted(m, zx, k);
	} else {
		v = rank_lum((zone_color *)(void *)colors->data, colors->len, k);
	}
	g_array_free(colors, TRUE);
	g_free(index.e);
	return v;
}

static void check(al_ctx *ctx)
{
	const al_measure *m = ctx->m;
	int w = m->width, h = m->height;
	int margin = al_hero_zone_width(ctx);
	double min_ratio = AL_PARAM(ctx, "min_ratio");
	double pct = AL_PARAM(ctx, "percentile");
	int zx = MAX(0, w - margin), zw = w - zx;

	if (zw <= 0 || h <= 0)
		return;
	double y_light = percentile(m, zx, pct);
	if (y_light < 0) {
		al_check_failed(ctx, "out of memory for the luminance of %d x %d margin pixels", zw, h);
		return;
	}
	double ratio = al_contrast_ratio(1.0, y_light);
	if (ratio < min_ratio) {
		al_region r = { zx, 0, zw, h };
		char why[160];
		al_hero_zone_why(ctx, why, sizeof why);
		al_emit(ctx, AL_SEV_OFF, &r, true, ratio, min_ratio,
		        "margin too light for the marketplace's white text: contrast of #ffffff against the "
		        "margin's lighter background (relative luminance %.3f at the %gth percentile) is %.2f:1, below %.1f:1 (WCAG 2.x): "
		        "darken the background behind the right %d px%s",
		        y_light, pct, ratio, min_ratio, zw, why);
	}
}

const al_rule al_rule_hero_contrast = {
	.id = "hero-contrast",
	.stage = AL_STAGE_PIXELS,
	.roles = AL_ROLES_HERO,
	.severity = AL_SEV_ERROR,
	.summary = "the hero's margin is too light for white text",
	.help = "Darken the background of the free right margin (its width is in the message).",
	.params = params,
	.n_params = G_N_ELEMENTS(params),
	.check = check,
};
