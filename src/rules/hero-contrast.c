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

/* Colours beyond this many (a photograph) are not tabled: the table is a
 * small one of GLib's, whose allocations abort (alloc.c), and a zone's
 * pixels are bounded only by the pixel limit. */
#define MAX_TABLED 65536

/* The colour cache in percentile(): 2^SEEN_BITS entries. */
#define SEEN_BITS 10

/* See rules.h. */
bool al__hero_contrast_table_only;
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
 * counted run by run in a table, each is converted once, and the table,
 * sorted by luminance, is walked to the rank.  The value is the one a sort
 * of every pixel's luminance would find, and past MAX_TABLED colours that
 * sort is done.  -1 when out of memory. */
static double percentile(const al_measure *m, int zx, double pct)
{
	int w = m->width, h = m->height;
	size_t n = (size_t)(w - zx) * h;
	size_t k = MIN((size_t)(pct / 100.0 * (double)(n - 1) + 0.5), n - 1);
	GHashTable *index = g_hash_table_new(NULL, NULL);   /* rgba -> slot + 1 */
	GArray *colors = g_array_new(FALSE, FALSE, sizeof(zone_color));
	bool many = false;
	/* the last colour seen at each of SEEN slots (by a hash of the
	 * RGBA) and its slot in the table: a JPEG's runs are short, and a
	 * GLib look-up per run was most of the rule's work */
	struct seen {
		guint32 rgba;
		guint slot;      /* 0: empty */
	} seen[1 << SEEN_BITS];
	memset(seen, 0, sizeof seen);

	for (int y = 0; y < h && !many; y++) {
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
			             GPOINTER_TO_UINT(g_hash_table_lookup(index, GUINT_TO_POINTER(v)));
			if (!slot) {
				if (colors->len == MAX_TABLED) {
					many = true;
					break;
				}
				zone_color zc = { v, 0, shown_lum(row + (size_t)x0 * 4) };
				g_array_append_val(colors, zc);
				slot = colors->len;
				g_hash_table_insert(index, GUINT_TO_POINTER(v), GUINT_TO_POINTER(slot));
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
	if (many) {
		v = percentile_sorted(m, zx, k);
	} else {
		g_array_sort(colors, by_lum);
		size_t before = 0;
		for (guint i = 0; i < colors->len; i++) {
			const zone_color *zc = &g_array_index(colors, zone_color, i);
			v = zc->lum;
			if (before + zc->count > k)
				break;
			before += zc->count;
		}
	}
	g_array_free(colors, TRUE);
	g_hash_table_destroy(index);
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
