/* transparent-foreground: on a transparent background the portal shows the
 * logo over its own white, black or blue surfaces, so a mark that is mostly
 * white, black or blue disappears.  Counts the visible pixels of the mark by
 * colour class (CIELAB of the straight, un-composited colour, averaged with
 * its visible 3x3 neighbours so that dither and noise read as the colour
 * the eye sees). */
#include <string.h>
#include "rules.h"

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
	long count[C_N + 1] = { 0, 0, 0, 0 }, visible = 0;
	int x0 = m->width, y0 = m->height, x1 = -1, y1 = -1;
	uint8_t last[3] = { 0, 0, 0 }, last_own[3] = { 0, 0, 0 };
	float lab[3];
	int w = m->width, h = m->height;

	if (m->bg_kind != AL_BG_TRANSPARENT)
		return;
	al_srgb_to_lab(0, 0, 0, lab);
	int cls = classify(&cl, lab), cls_own = cls;
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			size_t i = (size_t)y * w + x;
			const uint8_t *p = m->rgba + i * 4;
			if (p[3] < alpha_min)
				continue;
			/* m->lab is composited over white; the mark's own colour
			 * is the straight one.  A 3x3 neighbourhood of one RGBA
			 * (visible, as the pixel is) has the pixel's colour for
			 * its mean: (9 c + 4) / 9 = c, and so on at the edges */
			uint8_t rgb[3];
			if (!al__transparent_fg_plain &&
			    al_same_box(m, MAX(0, x - 1), MAX(0, y - 1), MIN(w - 1, x + 1),
			                MIN(h - 1, y + 1)))
				memcpy(rgb, p, 3);
			else
				local_mean(m, x, y, alpha_min, rgb);
			/* the class is a function of the colour: computed when
			 * it changes */
			if (memcmp(rgb, last, 3) != 0) {
				al_srgb_to_lab(rgb[0], rgb[1], rgb[2], lab);
				memcpy(last, rgb, 3);
				cls = classify(&cl, lab);
			}
			/* a pixel whose own colour is white, black or blue
			 * is so even where its window averages to none: the
			 * fill beside a thin outline, a white detail beside
			 * its anti-aliased rim */
			int k = cls;
			if (k == C_N) {
				if (memcmp(p, last_own, 3) != 0) {
					al_srgb_to_lab(p[0], p[1], p[2], lab);
					memcpy(last_own, p, 3);
					cls_own = classify(&cl, lab);
				}
				k = cls_own;
			}
			visible++;
			x0 = MIN(x0, x);
			x1 = MAX(x1, x);
			y0 = MIN(y0, y);
			y1 = MAX(y1, y);
			count[k]++;
		}
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
