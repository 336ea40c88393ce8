/* background-white: the background is white ("Verwenden Sie diese Farben
 * nicht als Hintergrundfarbe").  Reads the shared background model; also
 * hosts the thresholds of that model (see measure.c). */
#include "rules.h"

static const al_param params[] = {
	{ "min_lightness", 94.0, 50.0, 100.0,
	  "a background with CIELAB L* at or above this is white" },
	{ "max_chroma", 10.0, 0.0, 100.0,
	  "... when its chroma C*ab is at most this (near-white tints count)" },
	{ "card_min_area", 0.6, 0.0, 1.0,
	  "transparent canvas: an opaque card whose box covers this share of the image is the background" },
	/* thresholds of the shared background model (measure.c) */
	{ "bg_tolerance", 10.0, 1.0, 50.0,
	  "background model: CIE76 distance within which a pixel has the background colour" },
	{ "bg_step", 3.0, 0.0, 20.0,
	  "background model: CIE76 step to a background neighbour that still continues the background" },
	{ "border_share", 0.6, 0.5, 1.0,
	  "background model: share of the border ring that must agree on one colour (or be transparent)" },
	{ "alpha_transparent", 32.0, 1.0, 255.0,
	  "background model: pixels with alpha below this are transparent" },
};

static bool is_white(al_ctx *ctx, const float lab[3])
{
	return lab[0] >= AL_PARAM(ctx, "min_lightness") &&
	       al_lab_chroma(lab) <= AL_PARAM(ctx, "max_chroma");
}

static void emit(al_ctx *ctx, const uint8_t rgb[3], const float lab[3],
                 const al_region *region, const char *where)
{
	double min_l = AL_PARAM(ctx, "min_lightness");
	bool pure = rgb[0] == 255 && rgb[1] == 255 && rgb[2] == 255;
	char hex[8];

	al_hex_color(rgb, hex);
	al_emit(ctx, AL_SEV_OFF, region, true, lab[0], min_l,
	        "%s %s background%s (L* %.1f, C*ab %.1f; white means L* >= %g and C*ab <= %g)%s: "
	        "the marketplace forbids white backgrounds; use a clearly coloured background",
	        pure ? "white" : "near-white", hex, where, lab[0], al_lab_chroma(lab),
	        min_l, AL_PARAM(ctx, "max_chroma"), pure ? "" : ", reads as white on the portal");
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
	if (m->bg_kind == AL_BG_COLOR && is_white(ctx, m->bg_lab))
		emit(ctx, m->bg_rgb, m->bg_lab, &all, "");
	else if (al_measure_card(m, ctx->opts, AL_PARAM(ctx, "card_min_area"), rgb, lab) &&
	         is_white(ctx, lab))
		emit(ctx, rgb, lab, &m->fg_bbox,
		     m->bg_kind == AL_BG_TRANSPARENT ? " (an opaque card on a transparent canvas)"
		                                     : " (a card inside a thin frame)");
	else if (al_measure_band(m, ctx->opts, rgb, lab) && is_white(ctx, lab))
		emit(ctx, rgb, lab, &all, " (a band at least 3 px and 5 % of the short side deep around the rest: a page margin)");
	else if (al_measure_two_tone(m, ctx->opts, rgb, lab) && is_white(ctx, lab))
		emit(ctx, rgb, lab, &all, " (the larger of two flat colours at the border: a band or a tile of another colour covers the rest)");
}

const al_rule al_rule_background_white = {
	.id = "background-white",
	.stage = AL_STAGE_PIXELS,
	.roles = AL_ROLES_LOGOS | AL_ROLES_HERO,
	.severity = AL_SEV_ERROR,
	.summary = "the background is white",
	.help = "Use a colour that shows the logo well on the portal's white and black themes.",
	.params = params,
	.n_params = G_N_ELEMENTS(params),
	.check = check,
};
