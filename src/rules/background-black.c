/* background-black: the background is black ("Verwenden Sie diese Farben
 * nicht als Hintergrundfarbe"). */
#include "rules.h"

static const al_param params[] = {
	{ "max_lightness", 10.0, 0.0, 50.0,
	  "a background with CIELAB L* at or below this is black" },
	{ "max_chroma", 10.0, 0.0, 100.0,
	  "... when its chroma C*ab is at most this (a deep navy is not black)" },
	{ "card_min_area", 0.6, 0.0, 1.0,
	  "transparent canvas: an opaque card whose box covers this share of the image is the background" },
};

static bool is_black(al_ctx *ctx, const float lab[3])
{
	return lab[0] <= AL_PARAM(ctx, "max_lightness") &&
	       al_lab_chroma(lab) <= AL_PARAM(ctx, "max_chroma");
}

static void emit(al_ctx *ctx, const uint8_t rgb[3], const float lab[3],
                 const al_region *region, const char *where)
{
	double max_l = AL_PARAM(ctx, "max_lightness");
	char hex[8];

	al_hex_color(rgb, hex);
	al_emit(ctx, AL_SEV_OFF, region, true, lab[0], max_l,
	        "black %s background%s (L* %.1f, C*ab %.1f; black means L* <= %g and C*ab <= %g): "
	        "the marketplace forbids black backgrounds; use a clearly coloured background",
	        hex, where, lab[0], al_lab_chroma(lab), max_l, AL_PARAM(ctx, "max_chroma"));
}

static void check(al_ctx *ctx)
{
	const al_measure *m = ctx->m;
	al_region all = { 0, 0, m->width, m->height };
	uint8_t rgb[3];
	float lab[3];

	/* the border's colour, else an opaque card that fills most of the
	 * image (on a transparent canvas or inside a coloured frame), else a
	 * page margin peeled as a frame, else the canvas of a two-tone border
	 * (a band or tile of another colour) */
	if (m->bg_kind == AL_BG_COLOR && is_black(ctx, m->bg_lab))
		emit(ctx, m->bg_rgb, m->bg_lab, &all, "");
	else if (al_measure_card(m, ctx->opts, AL_PARAM(ctx, "card_min_area"), rgb, lab) &&
	         is_black(ctx, lab))
		emit(ctx, rgb, lab, &m->fg_bbox,
		     m->bg_kind == AL_BG_TRANSPARENT ? " (an opaque card on a transparent canvas)"
		                                     : " (a card inside a thin frame)");
	else if (al_measure_band(m, ctx->opts, rgb, lab) && is_black(ctx, lab))
		emit(ctx, rgb, lab, &all, " (a band at least 3 px and 5 % of the short side deep around the rest: a page margin)");
	else if (al_measure_two_tone(m, ctx->opts, rgb, lab) && is_black(ctx, lab))
		emit(ctx, rgb, lab, &all, " (the larger of two flat colours at the border: a band or a tile of another colour covers the rest)");
}

const al_rule al_rule_background_black = {
	.id = "background-black",
	.stage = AL_STAGE_PIXELS,
	.roles = AL_ROLES_LOGOS | AL_ROLES_HERO,
	.severity = AL_SEV_ERROR,
	.summary = "the background is black",
	.help = "Use a colour that shows the logo well on the portal's white and black themes.",
	.params = params,
	.n_params = G_N_ELEMENTS(params),
	.check = check,
};
