/* hero-margin: content in the hero's free right margin ("am rechten Rand
 * des Logos 415 Pixel Leerraum lassen"): the marketplace overlays its own
 * text there. */
#include "rules.h"

static const al_param params[] = {
	{ "margin", 415.0, 0.0, 4000.0,
	  "width in px of the free zone at the right edge (x >= width - margin); also used by hero-contrast" },
	{ "min_pixels", 12.0, 1.0, 1e6,
	  "content pixels in the zone needed to flag (ignores lone specks and JPEG noise)" },
	{ "edge_step", 20.0, 1.0, 100.0,
	  "mixed (photo) backgrounds: CIE76 step between neighbours in the zone that counts as an edge" },
};

/* Width of the hero's free zone for ctx's image (see al_internal.h).
 * Allocates nothing. */
int al_hero_zone_width(const al_ctx *ctx)
{
	double margin = al_param_get(ctx->opts, &al_rule_hero_margin, "margin");
	int w = ctx->m->width;
	int hero_w = ctx->profile ? ctx->profile->roles[AL_ROLE_HERO].min_w : 0;
	/* a wrong-sized hero (already a dimensions error) is judged as it
	 * will look once scaled to the profile's width */
	if (hero_w > 0 && w != hero_w)
		margin = margin * w / hero_w;
	return (int)(margin + 0.5);
}

/* See al_internal.h. */
void al_hero_zone_why(const al_ctx *ctx, char *buf, size_t len)
{
	double margin = al_param_get(ctx->opts, &al_rule_hero_margin, "margin");
	int hero_w = ctx->profile ? ctx->profile->roles[AL_ROLE_HERO].min_w : 0;
	buf[0] = '\0';
	if (hero_w > 0 && ctx->m->width != hero_w)
		g_snprintf(buf, len, " (the marketplace's %g px of an %d px wide hero, scaled to "
		           "this %d px wide image, as it will be shown)", margin, hero_w, ctx->m->width);
}

static void check(al_ctx *ctx)
{
	const al_measure *m = ctx->m;
	int w = m->width, h = m->height;
	int margin = al_hero_zone_width(ctx);
	int min_px = (int)AL_PARAM(ctx, "min_pixels");
	float edge = (float)AL_PARAM(ctx, "edge_step");
	int alpha_min = (int)al_param_get(ctx->opts, &al_rule_background_white,
	                                  "alpha_transparent");
	int zx = MAX(0, w - margin), zw = w - zx;
	uint8_t *hit = NULL;
	int count = 0, x0 = w, y0 = h, x1 = -1, y1 = -1;

	if (zw <= 0 || h <= 0)
		goto out;
	hit = g_new0(uint8_t, (size_t)zw * h);
	for (int y = 0; y < h; y++)
		for (int x = zx; x < w; x++) {
			size_t i = (size_t)y * w + x;
			/* visible foreground; on a transparent canvas that is every
			 * visible pixel, enclosed transparent holes are not content */
			if (m->rgba[i * 4 + 3] >= alpha_min && !m->bgmask[i])
				hit[(size_t)y * zw + (x - zx)] = 1;
			if (m->bg_kind != AL_BG_MIXED)
				continue;
			/* photo backgrounds: edges between two zone pixels are
			 * content too (pairs straddling x = width - margin are not,
			 * so content ending just left of the zone stays clean) */
			if (x + 1 < w && al_de76(m->lab + i * 3, m->lab + (i + 1) * 3) >= edge)
				hit[(size_t)y * zw + (x - zx)] = hit[(size_t)y * zw + (x + 1 - zx)] = 1;
			if (y + 1 < h && al_de76(m->lab + i * 3, m->lab + (i + w) * 3) >= edge)
				hit[(size_t)y * zw + (x - zx)] = hit[(size_t)(y + 1) * zw + (x - zx)] = 1;
		}
	for (int y = 0; y < h; y++)
		for (int x = zx; x < w; x++)
			if (hit[(size_t)y * zw + (x - zx)]) {
				count++;
				x0 = MIN(x0, x);
				x1 = MAX(x1, x);
				y0 = MIN(y0, y);
				y1 = MAX(y1, y);
			}
	if (count >= min_px) {
		al_region r = { x0, y0, x1 - x0 + 1, y1 - y0 + 1 };
		char why[160];
		al_hero_zone_why(ctx, why, sizeof why);
		al_emit(ctx, AL_SEV_OFF, &r, true, count, min_px,
		        "content in the free right margin: %d px of artwork inside x >= %d (box x %d..%d, y %d..%d; "
		        "limit: fewer than %d px): keep the right %d px free%s, move or shrink the artwork so it ends left of x = %d",
		        count, zx, x0, x1, y0, y1, min_px, zw, why, zx);
	}
out:
	g_free(hit);
}

const al_rule al_rule_hero_margin = {
	.id = "hero-margin",
	.stage = AL_STAGE_PIXELS,
	.roles = AL_ROLES_HERO,
	.severity = AL_SEV_ERROR,
	.summary = "content in the hero's free right margin",
	.help = "Keep the free right margin (its width is in the message) empty of any element; move the artwork left.",
	.params = params,
	.n_params = G_N_ELEMENTS(params),
	.check = check,
};
