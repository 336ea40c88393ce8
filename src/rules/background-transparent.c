/* background-transparent: the hero's background is transparent ("darf weder
 * schwarz noch weiß noch transparent sein").  Logos may be transparent. */
#include "rules.h"
#include "regions.h"

static const al_param params[] = {
	{ "max_transparent_share", 0.5, 0.0, 1.0,
	  "also flag a hero whose opaque border hides a mostly transparent image: share of all pixels that are transparent" },
};

/* Pixels of the RGBA row @px (@w pixels) with alpha below @alpha_min:
 * sixteen at a time (SSE2: the alphas packed into bytes, compared, summed
 * with _mm_sad_epu8), then one by one.  A count: the same in any order. */
static size_t clear_in_row(const uint8_t *px, int w, int alpha_min)
{
	size_t clear = 0;
	int x = 0;
#ifdef __SSE2__
	if (alpha_min >= 0 && alpha_min <= 255) {
		const __m128i amin = _mm_set1_epi8((char)alpha_min), one = _mm_set1_epi8(1),
		              zero = _mm_setzero_si128();
		__m128i sc = zero;
		for (; x + 16 <= w; x += 16) {
			__m128i a = al_alpha16(px + (size_t)x * 4);
			__m128i see = _mm_cmpeq_epi8(_mm_max_epu8(a, amin), a); /* a >= amin */
			sc = _mm_add_epi64(sc, _mm_sad_epu8(_mm_andnot_si128(see, one), zero));
		}
		clear += (size_t)_mm_cvtsi128_si32(sc) + (size_t)_mm_cvtsi128_si32(_mm_srli_si128(sc, 8));
	}
#endif
	for (; x < w; x++)
		clear += px[(size_t)x * 4 + 3] < alpha_min;
	return clear;
}

static void check(al_ctx *ctx)
{
	const al_measure *m = ctx->m;
	int alpha_min = (int)al_param_get(ctx->opts, &al_rule_background_white,
	                                  "alpha_transparent");
	double need = al_param_get(ctx->opts, &al_rule_background_white, "border_share");
	double max_share = AL_PARAM(ctx, "max_transparent_share");
	size_t n = (size_t)m->width * m->height, clear = 0;
	al_region all = { 0, 0, m->width, m->height };

	if (n == 0)
		goto out;
	/* a transparent canvas read from its border; a canvas the model
	 * calls transparent although its border is opaque (strokes along the
	 * edge around a see-through inside) is judged by its pixels below */
	if (m->bg_kind == AL_BG_TRANSPARENT && m->border_agreement >= need / 2 - 1e-9) {
		al_emit(ctx, AL_SEV_OFF, &all, true, m->border_agreement, need,
		        "transparent background: %.0f %% of the border is transparent (alpha < %d; limit %.0f %%): "
		        "the hero must have an opaque, coloured background; fill the canvas before export",
		        100 * m->border_agreement, alpha_min, 100 * need);
		goto out;
	}
	for (int y = 0; y < m->height; y++)
		clear += clear_in_row(m->rgba + (size_t)y * m->width * 4, m->width, alpha_min);
	double share = (double)clear / n;
	if (share > max_share)
		al_emit(ctx, AL_SEV_OFF, &all, true, share, max_share,
		        "mostly transparent hero: %.0f %% of its pixels are transparent (alpha < %d; limit %.0f %%): "
		        "the hero must have an opaque, coloured background; fill the canvas before export",
		        100 * share, alpha_min, 100 * max_share);
out:
	return;
}

const al_rule al_rule_background_transparent = {
	.id = "background-transparent",
	.stage = AL_STAGE_PIXELS,
	.roles = AL_ROLES_HERO,
	.severity = AL_SEV_ERROR,
	.summary = "the hero's background is transparent",
	.help = "Give the hero an opaque, coloured background.",
	.params = params,
	.n_params = G_N_ELEMENTS(params),
	.check = check,
};
