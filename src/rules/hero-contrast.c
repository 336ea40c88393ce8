/* hero-contrast: the hero's margin is too light for the white text the
 * marketplace overlays there ("nicht zu hell …, da der eingebettete Text in
 * Weiß angezeigt wird"). */
#include <stddef.h>
#include <stdlib.h>
#include "rules.h"

static const al_param params[] = {
	{ "min_ratio", 4.5, 1.0, 21.0,
	  "minimum WCAG 2.x contrast ratio of #FFFFFF against the margin's lighter background" },
	{ "percentile", 90.0, 50.0, 100.0,
	  "percentile of relative luminance in the margin taken as its lighter background" },
};

/* The @k-th smallest of @v[0..n) (0-based), reordering @v: Hoare's
 * selection with a middle pivot, linear on average and on runs of equal
 * values (a flat margin puts every pixel in one bin). */
static float select_kth(float *v, ptrdiff_t n, ptrdiff_t k)
{
	ptrdiff_t lo = 0, hi = n - 1;
	while (lo < hi) {
		float pivot = v[lo + (hi - lo) / 2];
		ptrdiff_t i = lo, j = hi;
		while (i <= j) {
			while (v[i] < pivot)
				i++;
			while (v[j] > pivot)
				j--;
			if (i <= j) {
				float t = v[i];
				v[i++] = v[j];
				v[j--] = t;
			}
		}
		/* v[lo..j] <= pivot <= v[i..hi]; any between equal the pivot */
		if (k <= j)
			hi = j;
		else if (k >= i)
			lo = i;
		else
			return v[k];
	}
	return v[k];
}

/* The exact @pct percentile of @n luminances in 0..1 without sorting them
 * all: a 4096-bin histogram finds the bin, then a selection within it. */
static double percentile(const float *lum, size_t n, double pct)
{
	enum { BINS = 4096 };
	guint32 *hist = g_new0(guint32, BINS);
	for (size_t i = 0; i < n; i++)
		hist[CLAMP((int)(lum[i] * BINS), 0, BINS - 1)]++;
	size_t k = MIN((size_t)(pct / 100.0 * (double)(n - 1) + 0.5), n - 1), before = 0;
	int b = 0;
	for (; b < BINS - 1 && before + hist[b] <= k; b++)
		before += hist[b];
	float *in_bin = g_new(float, hist[b]);
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		if (CLAMP((int)(lum[i] * BINS), 0, BINS - 1) == b)
			in_bin[m++] = lum[i];
	double v = select_kth(in_bin, (ptrdiff_t)m, (ptrdiff_t)MIN(k - before, m - 1));
	g_free(in_bin);
	g_free(hist);
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
	float *lum = NULL;
	size_t n = 0;

	if (zw <= 0 || h <= 0)
		goto out;
	lum = g_new(float, (size_t)zw * h);
	for (int y = 0; y < h; y++)
		for (int x = zx; x < w; x++) {
			const uint8_t *p = m->rgba + ((size_t)y * w + x) * 4;
			unsigned a = p[3];
			uint8_t c[3];
			/* transparent pixels show the page: assume white, the
			 * worst case for white text */
			for (int k = 0; k < 3; k++)
				c[k] = (uint8_t)((p[k] * a + 255u * (255u - a) + 127u) / 255u);
			lum[n++] = (float)al_rel_luminance(c[0], c[1], c[2]);
		}
	double y_light = percentile(lum, n, pct);
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
out:
	g_free(lum);
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
