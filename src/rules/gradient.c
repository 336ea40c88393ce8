/* gradient: a colour gradient in the background or in the mark.
 *
 * The visible image (3x3 box-blurred CIELAB, which averages JPEG noise away)
 * is cut into regions of 4-neighbours closer than `step` (CIE76), or on a
 * steady ramp closer than `ramp_de`: a flat colour is one region, a
 * gradient is one region whose colour drifts (also a steep one on a small
 * logo), and an edge never joins both sides.  The colours of a region are
 * its unblurred pixels minus the blends of anti-aliased edges (pixels
 * between two opposite neighbours that differ by more than blend_de, where
 * the colour does not go on changing beyond them), so a flat outline icon
 * keeps one colour and a gradient stroke keeps its drift.  A region is
 * measured when it is big enough (min_area), not a 1-pixel line
 * (min_thickness) and its colours span at least min_span (CIE76 between
 * the 5th and 95th percentiles of L*, a*, b*).  The pile test then finds
 * its flat tones (peaks in a grid of CIELAB cubes, pile_ratio): a region
 * whose colours mostly do not pile up is a gradient (max_piled); in one
 * that does, the drifting pixels outside the piles are a gradient when
 * they are many, solid (min_interior), span min_span and do not pile up in
 * turn: a glow over a flat background, not the seams of flat tones (the
 * slow tail of a glow, which piles up too but still changes with
 * position, stays: tail_slope).  In a JPEG, a region that holds the
 * image's flat outer rim (flat_rim) is a flat canvas even when its
 * noisy colours do not pile up: only what drifts inside it is judged (a
 * base shape of nearly its colour smeared into it is no gradient),
 * without the flat tones it still holds (a flat mark joined to it).  A
 * whole-mark linear fit catches a ramp painted across thin pieces (in a
 * JPEG joined at jpeg_piece_step, above its noise), once
 * the flat pieces beside it are left out, and one piece at a time, the
 * steep gradients of a small logo that the blurred regions break up; the
 * drifting-pieces test, the pieces that each hold a smooth linear ramp of
 * their own (bars under one fill, shards each with its own gradient),
 * in a JPEG no steeper than jpeg_piece_slope (the soft rims of edges
 * are).
 * In a JPEG, a piece judged on its own ramp must change in lightness
 * (jpeg_piece_dl): the coarse half-resolution chroma bleeds over a small
 * flat piece and drifts like a ramp, the lightness stays flat; under two
 * coding blocks' worth of pixels by more (jpeg_small_dl: ringing moves
 * a small piece's lightness too); and a
 * piece judged alone must pass the regions' noise test on all its pixels
 * (piece_noise(): a flat piece whose rims JPEG smeared fits a ramp, but
 * averaged its colours span little or sit at the ends of their range).
 * A region found by the region tests must also pass the noise test:
 * inside its rim (edge_margin), its colours averaged locally
 * (noise_radius) still span min_span, and pixels 3 px apart are close
 * (max_incoherence), and in a JPEG the averaged colours do not pile up
 * in flat tones (noise_piled: two tones joined by soft rims, which its
 * noise keeps from piling up in their own colours) nor, in a region
 * judged whole, leave the middle of their range empty (jpeg_middle: two
 * tones and the seam between them), nor, in a drifting part, leave it
 * empty along every channel (jpeg_drift_middle) -- JPEG noise and
 * blocks, resampling halos and scaled-down fine detail are not
 * gradients; a region judged on few
 * pixels (smooth_px) must be smooth, a quadratic surface explaining
 * min_smooth of its colour variance -- JPEG ringing and chroma bled into
 * a letter's counter are not -- and in a JPEG, when judged whole, no
 * better described by two flat colours (jpeg_two_tone: two flat shapes
 * of nearly one colour whose seam JPEG smoothed); and in a JPEG, a region judged on fewer
 * pixels than one coding block (jpeg_min_px) is not a gradient. */
#include <math.h>
#include <string.h>
#include "rules.h"
#include "regions.h"

static const al_param params[] = {
	{ "step", 3.0, 0.5, 20, "neighbours closer than this (CIE76, after a 3x3 blur) belong to one region" },
	{ "min_span", 12, 1, 150, "flag a region whose colours span at least this (CIE76 between 5th and 95th percentiles)" },
	{ "min_area", 0.005, 0, 1, "smallest region considered, as a share of the image's pixels (and at least 16 pixels)" },
	{ "min_thickness", 1.2, 1, 100, "smallest region pixels per boundary pixel (1-pixel lines and rims are edges)" },
	{ "min_middle", 0.2, 0, 1, "share of the region's pixels that must lie in the middle 60 % of its span" },
	{ "max_flat", 0.4, 0.05, 1, "largest share of the region's pixels within one tenth of its span (flat tones pile up)" },
	{ "blend_de", 8, 0.5, 50, "pixels lying between two opposite neighbours that differ by more than this (CIE76) are edge blends, not colours of the region" },
	{ "max_findings", 3, 1, 100, "report at most this many gradient regions, largest first" },
	{ "mark_fit", 0.6, 0, 1, "whole-mark test: smallest share of the colour variance a linear ramp over x and y explains (R squared)" },
	{ "mark_continuity", 0.5, 0, 2, "whole-mark test: neighbours must differ on average by at least this share of the ramp's step (flat tones in steps do not)" },
	{ "ramp_de", 12, 0, 50, "neighbours closer than this (CIE76) also join a region when they lie on a steady ramp (steep gradients on small logos); 0 turns ramps off" },
	{ "pile_ratio", 3, 1.5, 20, "a colour piles up (a flat tone) where its density over 2.5 units is this many times the density over 15.5 units around it" },
	{ "max_piled", 0.5, 0, 1, "a region is a gradient when at most this share of its colours piles up; otherwise only its drifting part is judged" },
	{ "max_rough", 2.5, 1, 20, "a region (or drifting part) whose own colours step on average more than this many times as far between neighbours as its 3x3-blurred ones (plus 1 per pixel) is a texture or hatching, not a gradient" },
	{ "tail_slope", 0.1, 0, 10, "a piled pixel of a drifting part whose 3x3-blurred colours 2 px to either side (along a row or a column) still differ by at least this per px (CIE76), and by less than step/2 (an edge), is the slow tail of a glow, not a flat tone, and stays in the drifting part; 0 turns this off" },
	{ "min_interior", 0.5, 0, 1, "a drifting part must be solid: at least this share of its pixels touch none of the region's flat tones (in a JPEG: have their 4 neighbours in it); the seams between flat tones touch them on both sides" },
	{ "mark_within", 0.4, -1, 1, "whole-mark test: the ramp must explain some (R squared above 0) of the colour change inside the kept pieces, and once pieces are left out at least this share (flat pieces in a row or a plane explain none); -1 turns this check off" },
	{ "mark_group_gap", 0.25, 0, 4, "whole-mark test: pieces whose boxes lie closer than this share of the smaller one's height, or overlap, join one group, and so do the groups they form (the letters of a word, the parts of an icon); when the mark falls into several groups, each group of min_area or more is judged by the whole-mark test alone (a gradient word beside a flat word or icon); 0 turns this off" },
	{ "mark_pieces", 16, 0, 64, "whole-mark test: also judge each of this many largest pieces alone (several gradients in one mark); 0 turns this off" },
	{ "mark_piece_span", 6, 0, 150, "drifting-pieces test: pieces that each hold a smooth linear ramp are a gradient when their ramps explain on average at least this change (CIE76)" },
	{ "jpeg_piece_slope", 6, 0, 150, "whole-mark test, JPEG: a piece judged by its own ramp (alone, or as a drifting piece) whose ramp changes by this much per px or more (CIE76, along its steepest direction) is the soft rim of an edge, not a fill (JPEG's smoothing carries a change of colour over 3-6 px); 0 turns this off" },
	{ "mark_piece_fit", 0.8, 0, 1, "drifting-pieces test: smallest share of a piece's own colour variance its linear ramp must explain (R squared); 1 turns the test off" },
	{ "noise_radius", 2, 0, 8, "noise test: a region's colours, each averaged over the judged pixels of the region within this many px, must still span min_span (noise, JPEG ringing and resampled fine detail average out); 0: no averaging" },
	{ "edge_margin", 2, 0, 8, "noise test: judge only a region's pixels at least this many px inside its rim, when a quarter of them are (halos and ringing lie along edges); 0 judges all" },
	{ "noise_piled", 0.5, 0, 1, "noise test, JPEG: the largest share of a region's averaged colours (noise_radius) that may pile up in flat tones (pile_ratio): flat tones joined by soft seams, which JPEG noise spread too widely to pile up in their own colours; 1 turns this off" },
	{ "max_incoherence", 0.5, 0.05, 10, "noise test: the largest semivariance of a region's colours at 3 px, as a share of their variance (a gradient changes little over 3 px; noise and fine detail as much as anywhere)" },
	{ "min_smooth", 0.65, 0, 1, "smooth test: a region judged on fewer than smooth_px pixels must have this share of its colour variance (R squared) explained by a smooth surface (quadratic in x and y): JPEG ringing and resampling halos oscillate, a linear or radial fill does not; 0 turns this off" },
	{ "smooth_px", 1024, 0, 1e6, "smooth test: regions judged on fewer pixels than this (16 JPEG blocks of 8x8) must pass min_smooth" },
	{ "jpeg_two_tone", 0.1, 0, 1, "smooth test, JPEG: a region (or a piece judged alone) judged whole on fewer than smooth_px pixels is two flat tones joined by a soft seam, not a gradient, when two flat colours (the best split of its colours in two, 2-means) explain at least this much more of their variance (R squared) than the smooth surface of min_smooth does: JPEG's noise keeps such tones from piling up and its smoothing makes their seam a short ramp; 1 turns this off" },
	{ "jpeg_middle", 0.2, 0, 1, "noise test, JPEG: a region judged whole must have at least this share of its averaged colours (noise_radius) in the middle 60 % of their range along the widest channel (two flat tones joined by a soft seam leave it empty); 0 turns this off" },
	{ "jpeg_drift_middle", 0.1, 0, 1, "noise test, JPEG: a region's drifting part must have at least this share of its averaged colours (noise_radius) in the middle 60 % of their range along at least one channel (flat tones joined by soft seams leave every channel's middle empty; a glow's tail may leave its widest channel's); 0 turns this off" },
	{ "jpeg_min_px", 64, 16, 4096, "noise test, JPEG: a region judged on fewer pixels than this (one 8x8 coding block) is not a gradient (ringing and chroma bleeding inside one block drift as a ramp would)" },
	{ "jpeg_piece_dl", 3, 0, 150, "whole-mark test, JPEG: a piece judged by its own ramp (alone, or as a drifting piece) must change in lightness by at least this (CIE76 L*; sqrt(12 x the variance of its fitted L*)): JPEG's coarse half-resolution chroma bleeds over a small flat piece and drifts like a ramp, its full-resolution lightness stays flat; 0 turns this off" },
	{ "jpeg_small_dl", 8, 0, 150, "whole-mark test, JPEG: a piece judged by its own ramp (alone, or as a drifting piece) on fewer pixels than two coding blocks' worth (2 x jpeg_min_px) must change in lightness by at least this instead of jpeg_piece_dl (ringing inside the blocks of a small flat shape moves its lightness by up to about 7); 0 turns this off" },
	{ "flat_rim", 0.75, 0, 1, "region test, JPEG: a region not piled up that holds 90 % of the image's outermost pixels, this share of them within min_span/2 (CIE76) of their median colour, is a flat canvas: only its pixels further than step from that colour are judged, as a drifting part held to jpeg_middle, without the flat tones it still holds (a flat shape of nearly its colour that JPEG smeared into it is not a gradient; a flat mark joined to it is not part of the fill); 0 turns this off" },
	{ "drift_core", 2, 0, 8, "noise test, JPEG: a drifting part's core, its judged pixels with none of the region's flat tones within this many px (a square) and as far from the image's edge, must still span min_span in its averaged colours (noise_radius), when it holds a quarter of the part and 16 pixels: a flat shape of nearly the canvas's colour, whose JPEG noise keeps it from piling up, drifts only along its soft rim; 0 turns this off" },
	{ "jpeg_ridge", 0.15, 0, 1, "whole-mark test, JPEG, on a flat background: a solid pixel of the mark with an 8-neighbour further from the background's colour than its own distance times 1 + this, plus 2 (CIE76), whose own colour lies between the two, is the rim of a stroke mixed with the background, not the mark's colour; 0 turns this off" },
	{ "jpeg_piece_step", 10, 0.5, 50, "whole-mark test, JPEG: neighbouring solid pixels closer than this (CIE76) join one piece (blend_de elsewhere): JPEG's noise and block steps part a thin stroke's pixels by more than blend_de, which cut a gradient stroke into pieces of a few px that the trimming and the ramp inside the pieces cannot judge" },
	{ "jpeg_mark_fit", 0.5, 0, 1, "whole-mark test, JPEG: mark_fit for the ramp over all the kept pieces of a JPEG, whose ridges of thin strokes still carry its noise and coarse chroma (a piece judged alone keeps mark_fit)" },
	{ "mark_trim", 0.05, 0, 1, "whole-mark test: a piece whose absence raises the fit (R squared) by at least this much is left out and the ramp fitted again; 0 keeps every piece" },
	{ "jpeg_blend_chroma", 0.5, 0, 1, "whole-mark test, JPEG: when it finds nothing, it runs again with a* and b* counting this much (L* fully) in the edge-blend test, and its ramp must then change lightness by min_span (JPEG stores chroma at half resolution, and upsampled, a saturated stroke's chroma runs across its width, so its inner pixels read as blends); 1 turns this second pass off" },
	{ "unmix_cos", 0.95, 0, 1, "whole-mark test, lossless image on a flat background colour: when it finds nothing, it runs once more on unmixed colours, where a pixel of the mark near the background takes the colour of a neighbour lying further from the background in the same direction (the cosine of their sRGB offsets from the background at least this): the anti-aliased rims of a thin gradient stroke are its colours mixed with the background's; 0 turns this pass off" },
	{ "unmix_reach", 8, 1, 8, "unmixed pass: only pixels with a background pixel (or one within blend_de of its colour) within this many px (a square) are unmixed: the rims of strokes and the inside of a stroke a few px wide, not a shape deep inside a flat base" },
	{ "unmix_share", 0.3, 0, 1, "unmixed pass: run only when at least this share of the foreground's pixels were unmixed (a mark of thin strokes is mostly rims; elsewhere the first pass judged nearly the same colours)" },
	{ "thin_rim", 0.9, 0, 1, "whole-mark test, lossless image on a flat background colour: a ramp over the kept pieces is no gradient when at least this share of their pixels touch (8 neighbours) the background or a pixel within blend_de of its colour, and its colour direction lies along the axis from the background to the mark's mean colour (unmix_axis): the cover of a flat stroke under about a pixel wide, whose anti-aliased pixels are all mixed with the background and vary only in how much; 1 turns this off" },
	{ "jpeg_core", 0.5, 0, 1, "whole-mark test, JPEG on a flat background colour: when it finds nothing, it runs once more on the mark's core pixels, those at least this share of its far distance from the background (CIE76; the 90th percentile over its visible pixels) and not a stroke's rim (jpeg_ridge), without the edge-blend test, the whole mark only, as the unmixed pass (unmix_axis): JPEG's ringing leaves specks near the background colour all around thin strokes, and the blend test takes the inside of a stroke 2-3 px wide, so the ramp along a thin gradient stroke is lost among the specks; 0 turns this pass off" },
	{ "jpeg_core_reach", 3, 1, 8, "core pass (jpeg_core): a core pixel with a background pixel (or one within blend_de of its colour) within this many px (a square) lies on a thin stroke" },
	{ "jpeg_core_thin", 0.5, 0, 1, "core pass (jpeg_core): run only when at least this share of the core pixels lie on a thin stroke (jpeg_core_reach), and they are jpeg_min_px or more: flat shapes on a base or beside each other, whose rims between them the core keeps, are not strokes on the background" },
	{ "jpeg_core_span", 6, 0, 150, "core pass (jpeg_core): the ramp over the kept pieces must explain a change of at least this inside them (CIE76; sqrt(12 x the explained variance per pixel), whether or not pieces were left out): the core of a stroke is long pieces along it that carry the ramp, two flat shapes put it between them; 0 turns this off" },
	{ "unmix_axis", 0.9, 0, 1, "unmixed pass: the ramp found is no gradient when its colour direction lies along the axis from the background to the mark's mean colour (cosine at least this): what is left of the cover of strokes too thin to hold one fully covered pixel, not a change of the mark's colour; 1 turns this check off" },
};

/* The colour of pixel @i of @lab with a* and b* weighed by @chroma (1:
 * as it is), into @out. */
static inline const float *chroma_weighed(const float *lab, size_t i, float chroma, float *out)
{
	const float *c = lab + i * 3;
	if (chroma == 1.0f)
		return c;
	out[0] = c[0];
	out[1] = chroma * c[1];
	out[2] = chroma * c[2];
	return out;
}

/* Do the steps one further out, o -> a and b -> r, carry on the way of
 * the mean step a -> b?  Each must project on it by at least a third of
 * it (a steep gradient); an anti-aliased edge is flat on one side.  Shared
 * by edge_blend_plain() and edge_blend_inner(): one place, so the two
 * paths do the same float operations in the same order. */
static inline __attribute__((always_inline)) bool
steps_carry_on(const float *o, const float *a, const float *b, const float *r)
{
	float ab[3], oa[3], br[3];
	for (int c = 0; c < 3; c++) {
		ab[c] = (b[c] - a[c]) * 0.5f; /* the mean step */
		oa[c] = a[c] - o[c];
		br[c] = r[c] - b[c];
	}
	float ab2 = ab[0] * ab[0] + ab[1] * ab[1] + ab[2] * ab[2];
	float d1 = oa[0] * ab[0] + oa[1] * ab[1] + oa[2] * ab[2];
	float d2 = br[0] * ab[0] + br[1] * ab[1] + br[2] * ab[2];
	return !(d1 < ab2 / 3.0f || d2 < ab2 / 3.0f);
}

/* Is pixel (x, y) the blend of an edge: between two opposite neighbours
 * a, b that differ by more than @blend_de (al_blend_pair), where the
 * colour does not go on changing beyond them?  A steep gradient (a small
 * logo's fill) also puts each pixel between its neighbours, but the steps
 * one further out, o -> a and b -> r, carry on the same way: each at
 * least a third of the mean step a -> b and pointing along it.  An
 * anti-aliased edge, also one 2 px wide, is flat on at least one side.
 * a* and b* count @chroma times (jpeg_blend_chroma in a JPEG, whose chroma
 * is stored at half resolution and spread across a thin shape; 1
 * elsewhere).  Where @lab is a function of the RGBA (equal RGBA, equal
 * colour) and the 3x3 neighbourhood is one RGBA (al_flat3()), every pair
 * is equal and none is a blend: the callers pass such pixels by stretches
 * of flat bytes (al_set_end()) without asking. */
static bool edge_blend_plain(const float *lab, int w, int h, int x, int y, float blend_de,
                             float chroma)
{
	static const int dirs[4][2] = { { 1, 0 }, { 0, 1 }, { 1, 1 }, { 1, -1 } };
	float pw[3], aw[3], bw[3], ow[3], rw[3];
	const float *p = chroma_weighed(lab, (size_t)y * w + x, chroma, pw);
	for (int k = 0; k < 4; k++) {
		int dx = dirs[k][0], dy = dirs[k][1];
		int ax = x - dx, ay = y - dy, bx = x + dx, by = y + dy;
		if (ax < 0 || bx >= w || ay < 0 || ay >= h || by < 0 || by >= h)
			continue;
		const float *a = chroma_weighed(lab, (size_t)ay * w + ax, chroma, aw);
		const float *b = chroma_weighed(lab, (size_t)by * w + bx, chroma, bw);
		if (!al_blend_pair(p, a, b, blend_de, NULL))
			continue;
		int ox = ax - dx, oy = ay - dy, rx = bx + dx, ry = by + dy;
		if (ox < 0 || rx >= w || oy < 0 || oy >= h || ry < 0 || ry >= h)
			return true;
		const float *o = chroma_weighed(lab, (size_t)oy * w + ox, chroma, ow);
		const float *r = chroma_weighed(lab, (size_t)ry * w + rx, chroma, rw);
		if (!steps_carry_on(o, a, b, r))
			return true;
	}
	return false;
}

/* edge_blend_plain() of a pixel 2 px or more inside the image's edge
 * (@p0: its colour in the plane, @row: w * 3 floats), where every
 * neighbour it asks exists: the same pairs in the same order, the same
 * float operations on the same values, by pointer steps without the
 * bounds checks.  Inlined twice by edge_blend_at(), once with @chroma the
 * constant 1 (the colours read as they are, no copies). */
static inline __attribute__((always_inline)) bool
edge_blend_inner(const float *p0, ptrdiff_t row, float blend_de, float chroma)
{
	/* the steps to b of dirs (1, 0), (0, 1), (1, 1), (1, -1) */
	const ptrdiff_t step[4] = { 3, row, row + 3, 3 - row };
	float pw[3], aw[3], bw[3], ow[3], rw[3];
	const float *p = chroma_weighed(p0, 0, chroma, pw);
	/* the pairs too close to be blends, four at once */
	unsigned far = al_blend_pairs_far(p0, step, chroma, blend_de * blend_de);
	for (int k = 0; k < 4; k++) {
		if (!(far >> k & 1u))
			continue;
		ptrdiff_t d = step[k];
		const float *a = chroma_weighed(p0 - d, 0, chroma, aw);
		const float *b = chroma_weighed(p0 + d, 0, chroma, bw);
		if (!al_blend_pair(p, a, b, blend_de, NULL))
			continue;
		const float *o = chroma_weighed(p0 - 2 * d, 0, chroma, ow);
		const float *r = chroma_weighed(p0 + 2 * d, 0, chroma, rw);
		if (!steps_carry_on(o, a, b, r))
			return true;
	}
	return false;
}

/* edge_blend_plain(): inside, edge_blend_inner() (most pixels the
 * callers ask about: 8 of every 10 of a 40 px logo, nearly all of a
 * hero); the pixels within 2 px of the edge, whose neighbours may be
 * missing, the plain way.  The same answer for every pixel
 * (test_edge_blend_reference). */
static inline bool edge_blend_at(const float *lab, int w, int h, int x, int y, float blend_de,
                                 float chroma)
{
	if (x < 2 || y < 2 || x + 2 >= w || y + 2 >= h)
		return edge_blend_plain(lab, w, h, x, y, blend_de, chroma);
	const float *p = lab + ((size_t)y * w + x) * 3;
	ptrdiff_t row = (ptrdiff_t)w * 3;
	if (chroma == 1.0f)
		return edge_blend_inner(p, row, blend_de, 1.0f);
	return edge_blend_inner(p, row, blend_de, chroma);
}

/* For the tests: edge_blend_at() or, with @plain, edge_blend_plain(). */
bool al__gradient_edge_blend(const float *lab, int w, int h, int x, int y, float blend_de,
                             float chroma, bool plain);
bool al__gradient_edge_blend(const float *lab, int w, int h, int x, int y, float blend_de,
                             float chroma, bool plain)
{
	return (plain ? edge_blend_plain : edge_blend_at)(lab, w, h, x, y, blend_de, chroma);
}

/* How much a* and b* count in the edge-blend test: jpeg_blend_chroma in a
 * JPEG, 1 elsewhere. */
static float blend_chroma(const al_ctx *ctx)
{
	if (ctx->info && ctx->info->format == AL_FMT_JPEG)
		return (float)AL_PARAM(ctx, "jpeg_blend_chroma");
	return 1.0f;
}

/* The noise test's lag (px): pixels this far apart are nearly
 * independent in JPEG noise and resampled fine detail. */
#define COHERENCE_LAG 3
/* ...and in a lossless image judges only regions of at least this many
 * judged pixels (a 16 x 16 square): across fewer, a ramp's pixels 3 px
 * apart are already far apart (6 lag^2 / L^2: 0.21 for an even ramp
 * across 16 px, more for a radial fill from its centre), and a steep
 * radial fill on a 40 px logo measured 1.10.  The smooth test judges
 * those, and its surface, not the average over noise_radius, gives
 * their smoothed span; a JPEG's ringing and blocks keep both tests. */
#define COHERENCE_MIN_PX 256
/* ...from this many judged pixels (the surface has six terms per
 * channel: on fewer it follows the noise; JPEG ringing in a letter's
 * counter re-saved as PNG, 18 pixels, spanned 13.8 on it, 6.1 averaged) */
#define SURFACE_MIN_PX 32

/* Percentile histograms: 0.5 units per bin over L* 0..100 and a*, b* -128..128. */
#define HBINS 520
#define HOFF 260
#define HRES 0.5f

typedef struct {
	int count, boundary;
	int solid;               /* pixels that are not blends of neighbours */
	int core;                /* solid pixels edge_margin px inside the region */
	bool judged_done;        /* judge_region() has run */
	int x0, y0, x1, y1;
	float lo[3], hi[3];      /* range of the blurred colours */
	int cand;                /* index into the candidate arrays or -1 */
	bool ranged;             /* large, and not flat: lo, hi and boundary taken */
} reg;

static int hbin(float v)
{
	/* floor(v / HRES + 0.5) without a libm call: v + 200 is positive */
	int b = (int)((v + 200.0f) * (1.0f / HRES) + 0.5f) - (int)(200.0f / HRES) + HOFF;
	return CLAMP(b, 0, HBINS - 1);
}

static float hval(int b)
{
	return (float)(b - HOFF) * HRES;
}

/* Value at quantile @q of a histogram of @n samples. */
static float hquant(const guint32 *h, int n, double q)
{
	long need = (long)ceil(q * n), acc = 0;
	for (int b = 0; b < HBINS; b++) {
		acc += h[b];
		if (acc >= need && acc > 0)
			return hval(b);
	}
	return hval(HBINS - 1);
}

/* Span of three channel histograms (@h: 3 * HBINS, @n samples): the CIE76
 * length of their 5th to 95th percentile ranges, written to @lo and @hi;
 * *widest is the channel with the largest range. */
static double span_of(const guint32 *h, int n, float lo[3], float hi[3], int *widest)
{
	double span2 = 0;
	*widest = 0;
	for (int k = 0; k < 3; k++) {
		lo[k] = hquant(h + k * HBINS, n, 0.05);
		hi[k] = hquant(h + k * HBINS, n, 0.95);
		span2 += (double)(hi[k] - lo[k]) * (hi[k] - lo[k]);
		if (hi[k] - lo[k] > hi[*widest] - lo[*widest])
			*widest = k;
	}
	return sqrt(span2);
}

/* Is a drift spread over [@lo, @hi] of one channel's histogram @h (@n
 * samples)?  At least @min_middle of the samples lie in the middle 60 %,
 * and no tenth of the range holds more than @max_flat of them: two flat
 * tones joined by a soft edge pile them up at the ends. */
static bool spread_ok(const guint32 *h, int n, float lo, float hi,
                      double min_middle, double max_flat)
{
	float a = lo + 0.2f * (hi - lo), b = hi - 0.2f * (hi - lo);
	long mid = 0, inwin = 0, fullest = 0;
	for (int bb = hbin(a) + 1; bb < hbin(b); bb++)
		mid += h[bb];
	int lb = hbin(lo), hb = hbin(hi);
	int win = MAX(1, (hb - lb) / 10);
	for (int bb = lb; bb <= hb; bb++) {
		inwin += h[bb];
		if (bb - win >= lb)
			inwin -= h[bb - win];
		fullest = MAX(fullest, inwin);
	}
	return (double)mid / n >= min_middle && (double)fullest / n <= max_flat;
}

/* The pile test's grid is at most this many cubes (5 bytes each, and 4
 * more for each cube that holds a pixel). */
#define PILE_MAX_CELLS (1u << 20)
/* ...and keeps each pixel's cube in a lookup for up to this many pixels
 * (a hero's 236,350 fit). */
#define PILE_LOOKUP_MAX (1 << 18)

/* Marks in @mask (1) those of the @count pixels @px whose colours pile up
 * in flat tones, and returns their share.  The colours are counted in a
 * grid of cubes of an eighth of their @span, from 0.5 to 2 CIELAB units
 * (coarser when outliers would make the grid larger than PILE_MAX_CELLS).  A cube is a peak when it holds at least
 * @ratio times as many pixels as the fullest cube two steps away in any
 * direction (the shell around its 26 neighbours) and at least 3: a
 * gradient passes through the grid like a thread and its cubes two steps
 * along hold about as many pixels, while a flat tone, also with noise,
 * fills one cube and its neighbours.  The pixels of a peak and of its 26
 * neighbours pile up.  pile_up_n() also gives in *@npiled how many pile
 * up. */
static double pile_up_n(const float *lab, const int *px, int count, double span,
                        double ratio, uint8_t *mask, long *npiled)
{
	float PILE_BIN = (float)CLAMP(span / 8.0, 0.5, 2.0);
	float mn[3] = { 1e9f, 1e9f, 1e9f }, mx[3] = { -1e9f, -1e9f, -1e9f };
#ifdef __SSE2__
	{
		/* the three channels at once (al_lab_widen()) */
		__m128 lo = _mm_setr_ps(mn[0], mn[1], mn[2], 0), hi = _mm_setr_ps(mx[0], mx[1], mx[2], 0);
		float l4[4], h4[4];
		for (int k = 0; k < count; k++)
			al_lab_widen(&lo, &hi, lab + (size_t)px[k] * 3);
		_mm_storeu_ps(l4, lo);
		_mm_storeu_ps(h4, hi);
		memcpy(mn, l4, sizeof mn);
		memcpy(mx, h4, sizeof mx);
	}
#else
	for (int k = 0; k < count; k++)
		for (int c = 0; c < 3; c++) {
			float v = lab[(size_t)px[k] * 3 + c];
			mn[c] = MIN(mn[c], v);
			mx[c] = MAX(mx[c], v);
		}
#endif
	/* a margin of two cubes on each side keeps the shell inside */
	int dim[3];
	size_t cells;
	for (;;) {
		for (int c = 0; c < 3; c++)
			dim[c] = (int)((mx[c] - mn[c]) / PILE_BIN) + 5;
		cells = (size_t)dim[0] * dim[1] * dim[2];
		if (cells <= PILE_MAX_CELLS)
			break;
		PILE_BIN *= 1.25f; /* a few outliers far away: coarser cubes */
	}
	guint32 *grid = g_new0(guint32, cells);
	uint8_t *peak = g_new0(uint8_t, cells);
	long piled = 0;
#define CELL(px_) ((size_t)((int)((lab[(size_t)(px_) * 3] - mn[0]) / PILE_BIN) + 2) * dim[1] * dim[2] + \
	           (size_t)((int)((lab[(size_t)(px_) * 3 + 1] - mn[1]) / PILE_BIN) + 2) * dim[2] + \
	           (size_t)((int)((lab[(size_t)(px_) * 3 + 2] - mn[2]) / PILE_BIN) + 2))
	/* each pixel's cube, found once (a lookup when there is memory and
	 * the region is no larger than a hero: beyond, the lookup would add
	 * to the peak memory of a large image what recomputing the same
	 * index saves in time) */
	guint32 *cellof = count <= PILE_LOOKUP_MAX ? al_try_new(guint32, (size_t)MAX(count, 1))
	                                           : NULL;
#define CELL_OF(k_) (cellof ? cellof[k_] : CELL(px[k_]))
	/* the cubes that hold pixels, each once: whether a cube is a peak,
	 * and whether it piles up, are functions of the counts */
	guint32 *used = g_new(guint32, MIN((size_t)MAX(count, 1), cells));
	size_t nused = 0;
	/* a pixel of the colour of the one before (to the bit: the
	 * flat tones this test looks for) is in its cube: such a stretch
	 * is counted in it at once */
	for (int k = 0, e; k < count; k = e) {
		guint32 last = (guint32)CELL(px[k]);
		for (e = k + 1; e < count && memcmp(lab + (size_t)px[e] * 3, lab + (size_t)px[e - 1] * 3,
		                                    3 * sizeof *lab) == 0; e++)
			;
		if (cellof)
			for (int j = k; j < e; j++)
				cellof[j] = last;
		if (grid[last] == 0)
			used[nused++] = last;
		grid[last] += (guint32)(e - k);
	}
	size_t s1 = (size_t)dim[2], s0 = (size_t)dim[1] * dim[2];
	for (size_t u = 0; u < nused; u++) {
		size_t cell = used[u];
		guint32 v = grid[cell];
		if (v < 3)
			continue;
		guint32 shell = 0;
		for (int d0 = -2; d0 <= 2; d0++)
			for (int d1 = -2; d1 <= 2; d1++)
				for (int d2 = -2; d2 <= 2; d2++) {
					if (ABS(d0) < 2 && ABS(d1) < 2 && ABS(d2) < 2)
						continue;
					size_t o = cell + (ptrdiff_t)d0 * (ptrdiff_t)s0 +
					           (ptrdiff_t)d1 * (ptrdiff_t)s1 + d2;
					shell = MAX(shell, grid[o]);
				}
		if (v >= ratio * shell)
			peak[cell] = 1;
		else
			peak[cell] = 2; /* looked at, not a peak */
	}
	/* whether a cube is a peak or next to one: kept in the cube's byte
	 * (bit 3: piled; bits 0-1 stay the peak state), then each pixel
	 * takes its cube's */
	for (size_t u = 0; u < nused; u++) {
		size_t cell = used[u];
		bool in = false;
		for (int d0 = -1; d0 <= 1 && !in; d0++)
			for (int d1 = -1; d1 <= 1 && !in; d1++)
				for (int d2 = -1; d2 <= 1 && !in; d2++)
					in = (peak[cell + (ptrdiff_t)d0 * (ptrdiff_t)s0 +
					           (ptrdiff_t)d1 * (ptrdiff_t)s1 + d2] & 3) == 1;
		peak[cell] |= (uint8_t)(in ? 8 : 0);
	}
	for (int k = 0; k < count; k++) {
		bool in = (peak[CELL_OF(k)] & 8) != 0;
		mask[px[k]] = in;
		piled += in;
	}
#undef CELL_OF
#undef CELL
	g_free(used);
	g_free(cellof);
	g_free(grid);
	g_free(peak);
	*npiled = piled;
	return count > 0 ? (double)piled / count : 0.0;
}

static double pile_up(const float *lab, const int *px, int count, double span,
                      double ratio, uint8_t *mask)
{
	long npiled;
	return pile_up_n(lab, px, count, span, ratio, mask, &npiled);
}

/* Is pixel @i, which piles up in a flat tone, the slow tail of a glow?
 * Its 3x3-blurred colours (@blur) 2 px to either side along a row or a
 * column differ by at least @lo per px and less than @hi (an edge): a
 * soft glow's falloff flattens, so its tail fills few colour cubes with
 * many pixels, as a flat tone does, but still changes with position,
 * where a flat tone in a lossless image does not change at all.  False
 * within 2 px of the image's edge. */
static bool glow_tail(const float *blur, int w, int h, int i, double lo, double hi)
{
	int x = i % w, y = i / w;
	if (x < 2 || x + 2 >= w || y < 2 || y + 2 >= h)
		return false;
	double sx = al_de76(blur + (size_t)(i + 2) * 3, blur + (size_t)(i - 2) * 3) / 4;
	double sy = al_de76(blur + (size_t)(i + 2 * w) * 3, blur + (size_t)(i - 2 * w) * 3) / 4;
	double s = MAX(sx, sy);
	return s >= lo && s < hi;
}

/* Is the part of a region marked @v in @mask a texture rather than a
 * drift?  Over its pairs of 4-neighbours, the mean CIE76 step of the own
 * colours (@lab) against that of the 3x3-blurred ones (@blur): a
 * gradient steps as evenly before the blur as after it (noise adds a
 * little), while hatching or a fine pattern jumps back and forth between
 * its colours, which the blur averages away.  @px: @count pixels, of
 * which those marked @v are judged; @slack: the region's pixel count.
 * A pixel whose 3x3 neighbourhood, and those of its right and lower
 * neighbours, are one RGBA (@flat: al_flat3(); @lab a function of the
 * RGBA), 1 px or more off the side columns and 2 px or more off the top
 * and bottom rows, adds 0 to both sums: its own colours equal theirs, and
 * so do the blurred ones (al_lab_blur3() takes the same sums of the
 * same floats for each, in the rows and in the columns), so it is passed
 * without the distances (the sums, of the other pairs in the same order,
 * come out the same). */
static bool textured(const float *lab, const float *blur, const uint8_t *flat,
                     const uint8_t *mask, uint8_t v, const int *px, int count, int w, int h,
                     double max_rough, int slack)
{
	double own = 0, smooth = 0;
	for (int k = 0; k < count; k++) {
		int i = px[k], x = i % w, y = i / w;
		if (mask[i] != v)
			continue;
		if (flat[i] && x >= 1 && x + 2 < w && y >= 1 && y + 2 < h && flat[i + 1] &&
		    flat[i + w])
			continue;
		int nb[2] = { x + 1 < w ? i + 1 : -1, y + 1 < h ? i + w : -1 };
		for (int d = 0; d < 2; d++) {
			if (nb[d] < 0 || mask[nb[d]] != v)
				continue;
			own += al_de76(lab + (size_t)i * 3, lab + (size_t)nb[d] * 3);
			smooth += al_de76(blur + (size_t)i * 3, blur + (size_t)nb[d] * 3);
		}
	}
	/* 1 CIE76 of slack per pixel of the region (@slack) for the noise
	 * of a slow gradient */
	return own > max_rough * smooth + slack;
}


/* How far apart are the colours of pixels @lag apart, against how far
 * they spread?  Over the pixels of @px marked @v in @mask: half the mean
 * squared CIE76 difference of pairs @lag px apart in a row or a column
 * (the semivariance), divided by the variance of their colours about
 * their mean.  A gradient changes slowly with position, so pixels a few
 * px apart are far closer than the region's colours are spread (a ramp
 * across L px: 6 lag^2 / L^2); noise, JPEG ringing and blocks, and detail
 * finer than the pixel grid are about as far apart at a few px as any
 * two pixels (near 1).  -1 when fewer than 8 pairs. */
static double semivar_ratio(const float *lab, const uint8_t *mask, uint8_t v,
                            const int *px, int count, int w, int h, int lag)
{
	double sum[3] = { 0, 0, 0 }, sq = 0, dsq = 0;
	long n = 0, pairs = 0;
	for (int k = 0; k < count; k++) {
		int i = px[k], x = i % w, y = i / w;
		if (mask[i] != v)
			continue;
		const float *a = lab + (size_t)i * 3;
		for (int c = 0; c < 3; c++) {
			sum[c] += a[c];
			sq += (double)a[c] * a[c];
		}
		n++;
		int nb[2] = { x + lag < w ? i + lag : -1, y + lag < h ? i + lag * w : -1 };
		for (int d = 0; d < 2; d++) {
			if (nb[d] < 0 || mask[nb[d]] != v)
				continue;
			const float *b = lab + (size_t)nb[d] * 3;
			for (int c = 0; c < 3; c++)
				dsq += (double)(a[c] - b[c]) * (a[c] - b[c]);
			pairs++;
		}
	}
	if (pairs < 8 || n == 0)
		return -1;
	double var = sq / n - (sum[0] * sum[0] + sum[1] * sum[1] + sum[2] * sum[2]) / ((double)n * n);
	if (var <= 1e-9)
		return -1;
	return dsq / pairs / 2.0 / var;
}


/* Are all pixels within @r px of (x, y) (a square, inside the image) in
 * its region? */
static bool inside(const int *labels, int w, int h, int x, int y, int r)
{
	int l = labels[(size_t)y * w + x];
	for (int yy = MAX(0, y - r); yy <= MIN(h - 1, y + r); yy++)
		for (int xx = MAX(0, x - r); xx <= MIN(w - 1, x + r); xx++)
			if (labels[(size_t)yy * w + xx] != l)
				return false;
	return true;
}


/* How core_pixels() asks: inside() per pixel; the row runs and a window
 * of rows per pixel; the row runs and the column counts over them. */
enum { CORE_PLAIN, CORE_RUNS, CORE_FAST };

/* Marks 2 in @judged each of the @count pixels @px (of one region, whose
 * box is x0..x1, y0..y1; the label of @px[0]) whose square of @margin px
 * (clipped to the image) lies in the region (inside()); returns how many.
 * Row by row over the box: how many pixels of the region end at each
 * pixel of a row (at most 255); a square reaching out of the box (but not
 * of the image) holds a pixel of another region.  A square of full width
 * (2 @margin + 1 columns inside the image) then needs its column of the
 * rows ya .. yb to hold runs that long: over the box, how many rows in a
 * row up to each pixel do (at most 255, >= 2 @margin + 1) tells it in one
 * look, the same answer (test_core_reference).  -1 when out of memory
 * for that plane (without the runs' plane, inside() per pixel). */
static int core_pixels(const int *labels, int w, int h, int x0, int y0, int x1, int y1,
                       const int *px, int count, int margin, int how, uint8_t *judged)
{
	int l = count > 0 ? labels[px[0]] : -1, bw = x1 - x0 + 1, bh = y1 - y0 + 1, core = 0;
	int full = 2 * margin + 1;
	uint8_t *run = count > 0 && margin <= 127 && how != CORE_PLAIN ?
	               al_try_new(uint8_t, (size_t)bw * bh) : NULL;
	uint8_t *col = run && how == CORE_FAST ? al_try_new(uint8_t, (size_t)bw * bh) : NULL;
	if (run && how == CORE_FAST && !col) {
		g_free(run);
		return -1;
	}
	/* run: by the runs of one label in the box's rows (al_label_run_end()),
	 * 0 outside region l, 1, 2, .. (255 at most) along each of its runs:
	 * what the count from the pixel before gives */
	if (run)
		for (int y = y0; y <= y1; y++) {
			uint8_t *o = run + (size_t)(y - y0) * bw;
			const int *lr = labels + (size_t)y * w + x0;
			for (int x = 0, e; x < bw; x = e) {
				e = al_label_run_end(lr, x, bw);
				if (lr[x] != l) {
					memset(o + x, 0, (size_t)(e - x));
					continue;
				}
				for (int j = x; j < e; j++)
					o[j] = (uint8_t)MIN(j - x + 1, 255);
			}
		}
	if (col)
		for (int y = 0; y < bh; y++) {
			const uint8_t *rr = run + (size_t)y * bw, *up = col + (size_t)(y - 1) * bw;
			uint8_t *o = col + (size_t)y * bw;
			/* one loop without a dependence between columns */
			for (int x = 0; x < bw; x++)
				o[x] = rr[x] < full ? 0 : y == 0 ? 1 : up[x] == 255 ? 255 : up[x] + 1;
		}
	for (int k = 0; k < count; k++) {
		int i = px[k], x = i % w, y = i / w;
		bool in;
		if (run) {
			int xa = MAX(0, x - margin), xb = MIN(w - 1, x + margin);
			int ya = MAX(0, y - margin), yb = MIN(h - 1, y + margin);
			in = xa >= x0 && xb <= x1 && ya >= y0 && yb <= y1;
			if (in && col && xb - xa + 1 == full)
				in = col[(size_t)(yb - y0) * bw + (xb - x0)] >= yb - ya + 1;
			else
				for (int yy = ya; yy <= yb && in; yy++)
					in = run[(size_t)(yy - y0) * bw + (xb - x0)] >= xb - xa + 1;
		} else {
			in = inside(labels, w, h, x, y, margin);
		}
		if (in) {
			judged[i] = 2;
			core++;
		}
	}
	g_free(col);
	g_free(run);
	return core;
}

/* For the tests: core_pixels() with @how (CORE_PLAIN 0, CORE_RUNS 1,
 * CORE_FAST 2). */
int al__gradient_core(const int *labels, int w, int h, int x0, int y0, int x1, int y1,
                      const int *px, int count, int margin, int how, uint8_t *judged);
int al__gradient_core(const int *labels, int w, int h, int x0, int y0, int x1, int y1,
                      const int *px, int count, int margin, int how, uint8_t *judged)
{
	return core_pixels(labels, w, h, x0, y0, x1, y1, px, count, margin, how, judged);
}

/* The noise test's pixels of a candidate region @r, whose solid pixels
 * are @px (r->solid of them), once it reaches the test: where it has an
 * inside at least @margin px from its rim (a quarter of its solid pixels
 * and 16 at least), only that inside is judged (@judged: 1) -- resampling
 * halos and JPEG ringing lie along the edges; a thin stroke keeps all its
 * solid pixels.  @sm gets the colours the test judges: each judged
 * pixel's mean over the judged pixels of its region within @radius.  Both
 * depend on the region's own pixels only, so a region that never reaches
 * the test costs nothing here.  False when out of memory. */
static bool judge_region(const al_measure *m, const int *labels, reg *r, const int *px,
                         int margin, int radius, uint8_t *judged, float *sm)
{
	int w = m->width, h = m->height;
	if (r->judged_done)
		return true;
	r->judged_done = true;
	int core = core_pixels(labels, w, h, r->x0, r->y0, r->x1, r->y1, px, r->solid, margin,
	                       CORE_FAST, judged);
	if (core < 0)
		return false;
	r->core += core;
	bool use_core = margin > 0 && r->core >= MAX(r->solid / 4, 16);
	for (int k = 0; k < r->solid; k++) {
		int i = px[k];
		judged[i] = !use_core || judged[i] == 2;
	}
	al_region box = { r->x0, r->y0, r->x1 - r->x0 + 1, r->y1 - r->y0 + 1 };
	return r->solid == 0 ||
	       al_masked_mean(m->lab, judged, labels, labels[px[0]], w, h, box, radius, sm);
}

/* The planes of judge_region(), asked for when a region first reaches
 * the noise test: @judged zeroed, @sm written before it is read.  False
 * when out of memory. */
static bool judge_planes(uint8_t **judged, float **sm, int n)
{
	if (!*judged)
		*judged = al_try_new0(uint8_t, (size_t)n);
	if (!*sm)
		*sm = al_try_new(float, (size_t)n * 3);
	return *judged && *sm;
}

/* How many columns x0 .. @x1 rows @ya and @yb of @runs both label @l: the
 * runs of the two rows taken in step, their overlaps of label @l summed.
 * *@ja and *@jb are indices into the two rows' runs, which calls with
 * growing @x0 advance (never past a run that reaches @x0). */
static int shared_columns(const al_label_runs *runs, int ya, int yb, int x0, int x1, int l,
                          int *ja, int *jb)
{
	const al_label_run *ra = runs->run, *rb = runs->run;
	int ea = runs->row[ya + 1], eb = runs->row[yb + 1];
	while (*ja < ea && ra[*ja].x1 < x0)
		(*ja)++;
	while (*jb < eb && rb[*jb].x1 < x0)
		(*jb)++;
	int shared = 0;
	for (int a = *ja, b = *jb; a < ea && b < eb && ra[a].x0 <= x1 && rb[b].x0 <= x1;) {
		if (ra[a].label == l && rb[b].label == l) {
			int lo = MAX(MAX(ra[a].x0, rb[b].x0), x0), hi = MIN(MIN(ra[a].x1, rb[b].x1), x1);
			shared += MAX(hi - lo + 1, 0);
		}
		/* the run that ends first is done */
		int xa = ra[a].x1, xb = rb[b].x1;
		a += xa <= xb;
		b += xb <= xa;
	}
	return shared;
}

/* How many pixels of region @l of @labels (inside its box @b) are
 * background (m->bgmask): counted only for a region that is reported,
 * not in pass 1 for every region (issue #10). */
static long in_background(const al_measure *m, const int *labels, int l, const al_region *b)
{
	long n = 0;
	for (int y = b->y; y < b->y + b->h; y++)
		for (int x = b->x, i = y * m->width + x; x < b->x + b->w; x++, i++)
			n += labels[i] == l && m->bgmask[i] != 0;
	return n;
}

/* mask[i] = 1 for each of the @count pixels i = @px[k] (in scan order)
 * whose colour in @blur lies within @step2 (squared, al_de76_sq_limit())
 * of @med, else 0; returns how many are 1 (counted in a local: a store
 * through the byte plane would otherwise reload a counter whose address
 * is taken).  The listed pixels that follow a pixel of a uniform 3x3
 * neighbourhood (@flat, al_flat3(); @blur al_lab_blur3() of a Lab plane
 * that is a function of the RGBA) in a stretch of such pixels along its
 * row, off the side columns (@w wide), get its answer without the
 * distance: they have one blurred colour (see al_regions_similar_blur()),
 * sixteen or more taken at once (a flat background is such stretches).
 * The others each take the distance: asking first whether four repeat
 * the colour before would cost more than the distances it saves. */
static long mark_near(const float *blur, const uint8_t *flat, int w, const float med[3],
                      float step2, const int *px, int count, uint8_t *mask)
{
	long n = 0;
	uint8_t v = 0;
	for (int k = 0; k < count; k++) {
		if (k > 0 && flat[px[k - 1]]) {
			int i = px[k - 1], x = i % w;
			int f = x >= 1 ? al_set_end(flat + (i - x), x + 1, w - 1) : x + 1;
			int len = MIN(f - x - 1, count - k);
			if (len >= 16 && px[k - 1 + len] - i == len) {
				memset(mask + i + 1, v, (size_t)len);
				n += len * v;
				if ((k += len) == count)
					break;
			}
		}
		v = al_de76_sq(blur + (size_t)px[k] * 3, med) < step2;
		mask[px[k]] = v;
		n += v;
	}
	return n;
}

/* Are the sixteen bytes at @p each 1?  (SSE2: one comparison and its
 * bit mask.) */
static inline bool all_one16(const uint8_t *p)
{
#ifdef __SSE2__
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
	return _mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(1))) == 0xffff;
#else
	for (int k = 0; k < 16; k++)
		if (p[k] != 1)
			return false;
	return true;
#endif
}

/* Room in *@dpx (*@room entries) for the drifting part of a region and
 * one more: @want - 1 is the count of its solid pixels not piled up,
 * which the passes that mark the piled ones count as they go.  A large
 * flat background piles up almost whole, so its drifting part is small.
 * False when out of memory. */
static bool drift_room(int **dpx, int *room, int want)
{
	if (want <= *room)
		return true;
	g_free(*dpx);
	*dpx = al_try_new(int, (size_t)want);
	*room = *dpx ? want : 0;
	return *dpx != NULL;
}

/* The smooth test's fit: the share of the colour variance of the @ns
 * pixels @sel (@lab) that a quadratic surface over x and y explains
 * (least squares, per channel of L*, a*, b*: 1, x, y, x^2, xy, y^2).  A
 * linear ramp, a radial or an elliptic fill is such a surface, or close
 * to one over a small region; JPEG ringing, which changes sign every few
 * pixels, and halos along an edge are not.  1 when the colours do not
 * vary or the positions are degenerate (nothing to tell). */
static double smooth_fit(const float *lab, const int *sel, int ns, int w, double *span)
{
	enum { NT = 6 };
	double a[NT][NT + 3];
	double sum[3] = { 0, 0, 0 }, sq = 0, cx = 0, cy = 0;

	memset(a, 0, sizeof a);
	for (int k = 0; k < ns; k++) {
		cx += sel[k] % w;
		cy += sel[k] / w;
	}
	cx /= MAX(ns, 1);
	cy /= MAX(ns, 1);
	/* normal equations, positions in units of 8 px about the centre */
	for (int k = 0; k < ns; k++) {
		double X = (sel[k] % w - cx) / 8, Y = (sel[k] / w - cy) / 8;
		double t[NT] = { 1, X, Y, X * X, X * Y, Y * Y };
		const float *l = lab + (size_t)sel[k] * 3;
		for (int i = 0; i < NT; i++) {
			for (int j = 0; j < NT; j++)
				a[i][j] += t[i] * t[j];
			for (int c = 0; c < 3; c++)
				a[i][NT + c] += t[i] * l[c];
		}
		for (int c = 0; c < 3; c++) {
			sum[c] += l[c];
			sq += (double)l[c] * l[c];
		}
	}
	double sst = sq - (sum[0] * sum[0] + sum[1] * sum[1] + sum[2] * sum[2]) / MAX(ns, 1);
	if (span)
		*span = 0;
	if (ns < NT + 1 || sst <= 1e-9)
		return 1;
	/* Gauss-Jordan with partial pivoting */
	for (int col = 0; col < NT; col++) {
		int piv = col;
		for (int r = col + 1; r < NT; r++)
			if (fabs(a[r][col]) > fabs(a[piv][col]))
				piv = r;
		if (fabs(a[piv][col]) < 1e-9 * MAX(a[0][0], 1.0))
			return 1;
		for (int c = 0; c < NT + 3; c++) {
			double t = a[col][c];
			a[col][c] = a[piv][c];
			a[piv][c] = t;
		}
		for (int r = 0; r < NT; r++) {
			if (r == col)
				continue;
			double f = a[r][col] / a[col][col];
			for (int c = col; c < NT + 3; c++)
				a[r][c] -= f * a[col][c];
		}
	}
	double sse = 0;
	guint32 *hc = span ? g_new0(guint32, 3 * HBINS) : NULL;
	for (int k = 0; k < ns; k++) {
		double X = (sel[k] % w - cx) / 8, Y = (sel[k] / w - cy) / 8;
		double t[NT] = { 1, X, Y, X * X, X * Y, Y * Y };
		const float *l = lab + (size_t)sel[k] * 3;
		for (int c = 0; c < 3; c++) {
			double v = 0;
			for (int i = 0; i < NT; i++)
				v += t[i] * a[i][NT + c] / a[i][i];
			sse += (l[c] - v) * (l[c] - v);
			if (hc)
				hc[c * HBINS + hbin((float)v)]++;
		}
	}
	if (hc) {
		float lo[3], hi[3];
		int widest;
		*span = span_of(hc, ns, lo, hi, &widest);
		g_free(hc);
	}
	return 1 - sse / sst;
}

/* Two flat tones: how much of the colour variance of the @ns pixels @sel
 * of @lab (Lab, w*h) the best split of them into two flat colours
 * explains (R squared, 0 to 1): 2-means, started from the pixel furthest
 * from the mean and its mirror image through the mean, at most
 * TWO_TONE_ROUNDS rounds.  A ramp split in two keeps a quarter of its
 * variance (an even ramp: R squared 0.75); two flat tones with noise and a
 * short seam keep little more than their noise. */
#define TWO_TONE_ROUNDS 12
static double two_tone_fit(const float *lab, const int *sel, int ns)
{
	double mean[3] = { 0, 0, 0 }, sst = 0, far = -1;
	int fi = 0;
	for (int k = 0; k < ns; k++)
		for (int c = 0; c < 3; c++)
			mean[c] += lab[(size_t)sel[k] * 3 + c];
	for (int c = 0; c < 3; c++)
		mean[c] /= MAX(ns, 1);
	for (int k = 0; k < ns; k++) {
		const float *l = lab + (size_t)sel[k] * 3;
		double d = 0;
		for (int c = 0; c < 3; c++)
			d += (l[c] - mean[c]) * (l[c] - mean[c]);
		sst += d;
		if (d > far) {
			far = d;
			fi = sel[k];
		}
	}
	if (ns < 2 || sst <= 0)
		return 0;
	double m[2][3], sse = sst;
	for (int c = 0; c < 3; c++) {
		m[0][c] = lab[(size_t)fi * 3 + c];
		m[1][c] = 2 * mean[c] - m[0][c];
	}
	for (int round = 0; round < TWO_TONE_ROUNDS; round++) {
		double sum[2][3] = { { 0, 0, 0 }, { 0, 0, 0 } }, n[2] = { 0, 0 };
		sse = 0;
		for (int k = 0; k < ns; k++) {
			const float *l = lab + (size_t)sel[k] * 3;
			double d[2] = { 0, 0 };
			for (int t = 0; t < 2; t++)
				for (int c = 0; c < 3; c++)
					d[t] += (l[c] - m[t][c]) * (l[c] - m[t][c]);
			int t = d[1] < d[0];
			n[t]++;
			sse += d[t];
			for (int c = 0; c < 3; c++)
				sum[t][c] += l[c];
		}
		if (n[0] == 0 || n[1] == 0)
			break;
		for (int t = 0; t < 2; t++)
			for (int c = 0; c < 3; c++)
				m[t][c] = sum[t][c] / n[t];
	}
	return 1 - sse / sst;
}

/* For the tests: two_tone_fit(). */
double al__gradient_two_tone(const float *lab, const int *sel, int ns);
double al__gradient_two_tone(const float *lab, const int *sel, int ns)
{
	return two_tone_fit(lab, sel, ns);
}

/* What the noise and smooth tests ask of a region (gradient.* params). */
typedef struct {
	double min_span, max_incoherence;
	double min_smooth;       /* smooth test: least R squared ... */
	int smooth_px;           /* ... of regions judged on fewer pixels */
	int min_px;              /* fewer judged pixels: not a gradient (JPEG);
	                          * 16 elsewhere, below which all pass */
	double pile_ratio, noise_piled; /* the pile test, on the averaged colours */
	double min_middle;       /* JPEG, a whole region: least share of the
	                          * averaged colours in the middle 60 %
	                          * (jpeg_middle) */
	bool jpeg;
	double drift_middle;     /* JPEG, a drifting part: least share in the
	                          * middle 60 % along its fullest channel
	                          * (jpeg_drift_middle) */
	double two_tone;         /* JPEG, judged whole: how much more two
	                          * flat tones may explain than the smooth
	                          * surface (jpeg_two_tone) */
} noise_params;

/* The noise test, after a region (or its drifting part) passed the
 * tests on its own colours: of its @count pixels @px, the judged ones
 * (@judged: inside the region's rim when it has an inside)
 *  - in their smoothed colours (@sm) must still span @min_span: JPEG
 *    noise, ringing and blocks, dither and the steps of resampled fine
 *    detail average out, a gradient (linear over a few px) keeps its
 *    (in a lossless image with SURFACE_MIN_PX to COHERENCE_MIN_PX
 *    pixels, smoothed by the smooth test's quadratic surface instead);
 *  - must be coherent: the semivariance of their own colours (@lab) at
 *    a lag of 3 px is at most @max_incoherence of their variance (in a
 *    lossless image, only from COHERENCE_MIN_PX judged pixels);
 *  - in a JPEG, in their smoothed colours must not pile up (pile_up(),
 *    at most noise_piled): flat tones joined across soft rims, spread by
 *    JPEG noise too widely to pile up in their own colours, do once
 *    averaged;
 *  - in a JPEG, when @whole (a region judged whole, not its drifting
 *    part), in their smoothed colours must spread: at least jpeg_middle of
 *    them in the middle 60 % of their range along the widest channel
 *    (spread_ok()).  Two flat tones joined by a soft seam gather at the
 *    two ends with only the seam between them, also where their JPEG
 *    noise keeps each tone from piling up in one cube of the pile test;
 *    a ramp fills its middle.  (A drifting part may be the tail of a
 *    glow, bunched at its faint end.);
 *  - in a JPEG, when not @whole (a drifting part), in their smoothed
 *    colours must spread along at least one channel: jpeg_drift_middle
 *    of them in the middle 60 % of its range (a glow's tail may bunch
 *    along the widest; a flat shape and the background it joined sit at
 *    the ends of every channel);
 *  - when fewer than smooth_px, must be smooth: a quadratic surface
 *    explains at least min_smooth of their colour variance (smooth_fit),
 *    leaving out those marked in @flat_px (may be NULL: the flat tones
 *    of a region judged whole, which a fill runs into) when 16 or more
 *    are left; and in a JPEG, when @whole, two flat tones
 *    (two_tone_fit()) must not explain two_tone more of their variance
 *    than that surface: two flat tones joined by a seam that JPEG
 *    smoothed into a short ramp, their noise keeping them from piling
 *    up.
 * True when fewer than 16 pixels are judged (nothing to tell), except in
 * a JPEG, where fewer than jpeg_min_px (a coding block's worth) are no
 * gradient: ringing and chroma bleeding inside a block drift like one.
 * @np: the thresholds; @scratch: zeroed, left zeroed. */
static bool noise_holds(const float *lab, const float *sm, const uint8_t *judged,
                        const int *px, int count, const noise_params *np, bool whole,
                        const uint8_t *flat_px, uint8_t *scratch, int w, int h)
{
	double min_span = np->min_span, max_incoherence = np->max_incoherence;
	int *sel = g_new(int, MAX(count, 1));
	int ns = 0;
	for (int k = 0; k < count; k++)
		if (judged[px[k]])
			sel[ns++] = px[k];
	bool ok = true;
	if (ns >= 16) {
		guint32 *hc = g_new0(guint32, 3 * HBINS);
		for (int k = 0; k < ns; k++)
			for (int c = 0; c < 3; c++)
				hc[c * HBINS + hbin(sm[(size_t)sel[k] * 3 + c])]++;
		float lo[3], hi[3];
		int widest;
		double smspan = span_of(hc, ns, lo, hi, &widest);
		/* a small region of a lossless image: its colours smoothed by
		 * the smooth test's surface, not by averaging over noise_radius
		 * (which flattens a steep radial fill's centre and rim), when
		 * it has pixels enough for the surface's six terms */
		if (!np->jpeg && ns < COHERENCE_MIN_PX && ns >= SURFACE_MIN_PX)
			smooth_fit(lab, sel, ns, w, &smspan);
		ok = smspan >= min_span;
		/* a JPEG region judged whole: two flat tones and their seam
		 * leave the middle of the range nearly empty */
		if (ok && np->jpeg && whole && np->min_middle > 0)
			ok = spread_ok(hc + widest * HBINS, ns, lo[widest], hi[widest], np->min_middle,
			               1.0);
		/* a JPEG drifting part: its middle may be thin along the widest
		 * channel (a glow's tail), but a ramp fills the middle of some
		 * channel; the soft seams between flat tones leave every
		 * channel's middle empty */
		if (ok && np->jpeg && !whole && np->drift_middle > 0) {
			bool any = false;
			for (int c = 0; c < 3 && !any; c++)
				any = spread_ok(hc + c * HBINS, ns, lo[c], hi[c], np->drift_middle, 1.0);
			ok = any;
		}
		g_free(hc);
		/* coherent (in a lossless image, judged from COHERENCE_MIN_PX
		 * pixels: a small radial fill is left to the smooth test) */
		if (ok && (np->jpeg || ns >= COHERENCE_MIN_PX)) {
			for (int k = 0; k < ns; k++)
				scratch[sel[k]] = 1;
			double sv = semivar_ratio(lab, scratch, 1, sel, ns, w, h, COHERENCE_LAG);
			for (int k = 0; k < ns; k++)
				scratch[sel[k]] = 0;
			ok = sv < max_incoherence;
		}
		/* in a JPEG, flat tones that its noise spread too widely to pile
		 * up, joined by soft seams, pile up once averaged (elsewhere the
		 * pile test on their own colours sees them; and where a ramp's
		 * cross-section changes, as around a mark, the judged inside of a
		 * small image can pile up at its widest part) */
		if (ok && np->jpeg && np->noise_piled < 1) {
			double piled = pile_up(sm, sel, ns, smspan, np->pile_ratio, scratch);
			for (int k = 0; k < ns; k++)
				scratch[sel[k]] = 0;
			ok = piled <= np->noise_piled;
		}
		/* two flat tones, with the flat tones: all the judged pixels */
		if (ok && np->jpeg && whole && ns < np->smooth_px && np->two_tone < 1)
			ok = two_tone_fit(lab, sel, ns) - smooth_fit(lab, sel, ns, w, NULL) <
			     np->two_tone;
		if (ok && ns < np->smooth_px && np->min_smooth > 0) {
			/* the surface is fitted to the fill, not to the flat
			 * tones it runs into (when 16 or more pixels are left) */
			int nf = 0;
			for (int k = 0; flat_px && k < ns; k++)
				nf += !flat_px[sel[k]];
			if (nf >= 16 && nf < ns) {
				nf = 0;
				for (int k = 0; k < ns; k++)
					if (!flat_px[sel[k]])
						sel[nf++] = sel[k];
			} else {
				nf = ns;
			}
			ok = smooth_fit(lab, sel, nf, w, NULL) >= np->min_smooth;
		}
	}
	if (np->jpeg && ns < np->min_px)
		ok = false;
	g_free(sel);
	return ok;
}

static int float_cmp(const void *a, const void *b)
{
	float x = *(const float *)a, y = *(const float *)b;
	return (x > y) - (x < y);
}

/* The flat rim of a canvas (flat_rim): does region @l hold at least 90 %
 * of the image's outermost pixels, and do at least @share of those lie
 * within @tol (CIE76) of their median blurred colour, returned in @med?
 * Then the region is a flat canvas, and only what drifts inside it is
 * judged: in a JPEG, a flat shape of nearly the canvas's colour smeared
 * into it by the coarse chroma and the blocks joins it as one region
 * whose colours do not pile up.  False when short of memory (the region
 * is then judged as before). */
static bool rim_flat(const float *blur, const int *labels, int l, int w, int h, double tol,
                     double share, float med[3])
{
	if (w < 3 || h < 3)
		return false;
	int ring = 2 * (w + h) - 4, k = 0;
	float *v = al_try_new(float, (size_t)ring * 3);
	int *at = al_try_new(int, (size_t)ring);
	bool flat = false;
	if (!v || !at)
		goto done;
	for (int y = 0; y < h; y++) {
		int dx = (y == 0 || y == h - 1) ? 1 : w - 1;
		for (int x = 0; x < w; x += dx) {
			int i = y * w + x;
			if (labels[i] != l)
				continue;
			at[k] = i;
			for (int c = 0; c < 3; c++)
				v[(size_t)c * ring + k] = blur[(size_t)i * 3 + c];
			k++;
		}
	}
	if (k * 10 < ring * 9)
		goto done;
	for (int c = 0; c < 3; c++) {
		float *a = v + (size_t)c * ring;
		qsort(a, (size_t)k, sizeof *a, float_cmp);
		med[c] = a[k / 2];
	}
	float tol2 = al_de76_sq_limit((float)tol);
	int near = 0;
	for (int j = 0; j < k; j++)
		near += al_de76_sq(blur + (size_t)at[j] * 3, med) < tol2;
	flat = near >= share * k;
done:
	g_free(v);
	g_free(at);
	return flat;
}

/* A gradient found by the region test, reported after all are known. */
typedef struct {
	al_region box;
	double span;
	int area;
	bool is_bg;
} hit;

static int cand_cmp(gconstpointer a, gconstpointer b, gpointer data)
{
	const reg *r = data;
	int x = *(const int *)a, y = *(const int *)b;
	return r[y].count - r[x].count;
}

/* Are the 4 neighbours of drifting pixel @i (@mask 2) drifting too,
 * inside the image?  (The drifting part's interior in a JPEG.) */
static inline bool inner_px(const uint8_t *mask, int w, int h, int i)
{
	int x = i % w, y = i / w;
	return x > 0 && x + 1 < w && y > 0 && y + 1 < h && mask[i - 1] == 2 &&
	       mask[i + 1] == 2 && mask[i - w] == 2 && mask[i + w] == 2;
}

/* Is pixel @j one of region @l's flat tones: a solid pixel of it
 * outside the drifting part (@mask not 2)? */
static inline bool flat_tone(const uint8_t *mask, const uint8_t *solid, const int *labels,
                             int l, int j)
{
	return mask[j] != 2 && labels[j] == l && solid[j];
}

/* Does drifting pixel @i of region @l touch none of the region's flat
 * tones (flat_tone())?  (The drifting part's interior in a lossless
 * image.)  A seam between two flat tones touches them on both sides,
 * also where it is 2 px wide; a fill that fades into a flat tone touches
 * it along one side only, and ends elsewhere in its own rim (blends, a
 * cut-out) or in other regions, which a thin fill on a small logo does
 * on most of its pixels.  In a JPEG, blends and soft seams are noisy and
 * every neighbour must drift too (inner_px()). */
static inline bool off_flat(const uint8_t *mask, const uint8_t *solid, const int *labels,
                            int l, int w, int h, int i)
{
	int x = i % w, y = i / w;
	return (x == 0 || !flat_tone(mask, solid, labels, l, i - 1)) &&
	       (x + 1 == w || !flat_tone(mask, solid, labels, l, i + 1)) &&
	       (y == 0 || !flat_tone(mask, solid, labels, l, i - w)) &&
	       (y + 1 == h || !flat_tone(mask, solid, labels, l, i + w));
}

/* The core of a drifting part (drift_core): of its @count pixels @px
 * (@mask 2 for every pixel of the part), those judged (@judged) that
 * have none of region @l's flat tones (flat_tone()) within @d px (a
 * square) and lie @d px or further inside the image; blends of the
 * region and other regions may lie within @d px.  The
 * span (span_of()) of their averaged colours @sm, or -1 when the core
 * holds fewer than a quarter of the pixels or 16 (a thin fill, or one
 * whose every pixel lies near a flat tone, is left to the other tests).
 * In a JPEG, a flat shape of nearly the canvas's colour, whose noise
 * keeps it from piling up, is such a part: its rim, a soft step of a
 * few px towards the canvas, gives it the span; a fill keeps its span
 * inside too. */
static double core_span(const float *sm, const uint8_t *judged, const uint8_t *mask,
                        const uint8_t *solid, const int *labels, int l, const int *px,
                        int count, int w, int h, int d)
{
	guint32 *hc = g_new0(guint32, 3 * HBINS);
	int nc = 0;
	for (int k = 0; k < count; k++) {
		int i = px[k], x = i % w, y = i / w;
		if (!judged[i])
			continue;
		/* near the image's edge the flat tone may lie beyond it, or
		 * be too thin there to pile up: not the core */
		bool in = x >= d && y >= d && x + d < w && y + d < h;
		for (int yy = y - d; yy <= y + d && in; yy++)
			for (int xx = x - d; xx <= x + d && in; xx++)
				in = !flat_tone(mask, solid, labels, l, yy * w + xx);
		if (!in)
			continue;
		nc++;
		for (int c = 0; c < 3; c++)
			hc[c * HBINS + hbin(sm[(size_t)i * 3 + c])]++;
	}
	double span = -1;
	if (nc >= MAX(count / 4, 16)) {
		float lo[3], hi[3];
		int widest;
		span = span_of(hc, nc, lo, hi, &widest);
	}
	g_free(hc);
	return span;
}

/* A region's drifting part is peeled of flat tones at most this often. */
#define DRIFT_ROUNDS 3

/* The whole-mark test leaves out at most this many pieces. */
#define MAX_TRIM 8

/* Least-squares sums of colours over pixel positions (relative to the
 * image's centre), for a linear ramp L*, a*, b* = mean + gx X + gy Y. */
typedef struct {
	double n, sx, sy, sxx, sxy, syy;
	double sc[3], sxc[3], syc[3], scc[3];
} lsq;

static void lsq_add(lsq *s, double X, double Y, const float *l)
{
	s->n++;
	s->sx += X;
	s->sy += Y;
	s->sxx += X * X;
	s->sxy += X * Y;
	s->syy += Y * Y;
	for (int k = 0; k < 3; k++) {
		s->sc[k] += l[k];
		s->sxc[k] += X * l[k];
		s->syc[k] += Y * l[k];
		s->scc[k] += (double)l[k] * l[k];
	}
}

static void lsq_merge(lsq *into, const lsq *s)
{
	double *a = (double *)into;
	const double *b = (const double *)s;
	for (size_t k = 0; k < sizeof(lsq) / sizeof(double); k++)
		a[k] += b[k];
}

static void lsq_sub(lsq *from, const lsq *s)
{
	double *a = (double *)from;
	const double *b = (const double *)s;
	for (size_t k = 0; k < sizeof(lsq) / sizeof(double); k++)
		a[k] -= b[k];
}

/* Fits the ramp; false when the positions do not span two dimensions.
 * @fit: the share of the colour variance the ramp explains (R squared). */
static bool lsq_fit(const lsq *s, double gx[3], double gy[3], double mean[3],
                    double *fit)
{
	double n = s->n;
	if (n < 3)
		return false;
	/* centred sums; slopes from the 2x2 normal equations */
	double vxx = s->sxx - s->sx * s->sx / n, vxy = s->sxy - s->sx * s->sy / n,
	       vyy = s->syy - s->sy * s->sy / n;
	double det = vxx * vyy - vxy * vxy;
	if (det <= 1e-9 * MAX(vxx * vyy, 1.0))
		return false;
	double sst = 0, ssm = 0;
	for (int k = 0; k < 3; k++) {
		double vxc = s->sxc[k] - s->sx * s->sc[k] / n, vyc = s->syc[k] - s->sy * s->sc[k] / n;
		gx[k] = (vyy * vxc - vxy * vyc) / det;
		gy[k] = (vxx * vyc - vxy * vxc) / det;
		mean[k] = s->sc[k] / n;
		sst += s->scc[k] - s->sc[k] * s->sc[k] / n;
		ssm += gx[k] * vxc + gy[k] * vyc;
	}
	*fit = sst > 0 ? ssm / sst : 0;
	return true;
}

/* Pass 2 of the whole-mark test over the pieces picked in @sel (by
 * label), given their ramp: the neighbours' continuity, the fitted span
 * and the spread of the actual colours.  @hist: 6 * HBINS, work space.
 * True with the span in *span_out. */
static bool ramp_holds(const al_ctx *ctx, const al_measure *m, const float *lab,
                       const int *labels, const uint8_t *sel, const lsq *all,
                       const double gx[3], const double gy[3], const double mean[3],
                       guint32 *hist, double *span_out)
{
	float blend_de = (float)AL_PARAM(ctx, "blend_de");
	double min_span = AL_PARAM(ctx, "min_span");
	double min_cont = AL_PARAM(ctx, "mark_continuity");
	int w = m->width, h = m->height;
	double cx = w / 2.0 + all->sx / all->n, cy = h / 2.0 + all->sy / all->n;
	double step_x = sqrt(gx[0] * gx[0] + gx[1] * gx[1] + gx[2] * gx[2]);
	double step_y = sqrt(gy[0] * gy[0] + gy[1] * gy[1] + gy[2] * gy[2]);
	double act = 0, ramp = 0;

	memset(hist, 0, 6 * HBINS * sizeof *hist);
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			int i = y * w + x;
			if (labels[i] < 0 || !sel[labels[i]])
				continue;
			const float *l = lab + (size_t)i * 3;
			double X = x - cx, Y = y - cy;
			for (int k = 0; k < 3; k++) {
				hist[k * HBINS + hbin((float)(mean[k] + gx[k] * X + gy[k] * Y))]++;
				hist[(3 + k) * HBINS + hbin(l[k])]++;
			}
			int nb[2] = { x + 1 < w ? i + 1 : -1, y + 1 < h ? i + w : -1 };
			for (int d = 0; d < 2; d++) {
				if (nb[d] < 0 || labels[nb[d]] < 0 || !sel[labels[nb[d]]])
					continue;
				float e = al_de76(l, lab + (size_t)nb[d] * 3);
				if (e >= blend_de)
					continue;
				act += e;
				ramp += d ? step_y : step_x;
			}
		}
	if (ramp <= 0 || act < min_cont * ramp)
		return false;
	float lo[3], hi[3];
	int widest;
	double span = span_of(hist, (int)all->n, lo, hi, &widest);
	if (span < min_span)
		return false;
	/* the actual colours along the widest channel: spread, not piled up */
	if (!spread_ok(hist + (3 + widest) * HBINS, (int)all->n, lo[widest], hi[widest],
	               AL_PARAM(ctx, "min_middle"), AL_PARAM(ctx, "max_flat")))
		return false;
	*span_out = span;
	return true;
}

/* Within the pieces picked in @sel, each about its own mean: the share
 * of their colour change that the ramp (@gx, @gy) explains (R squared),
 * and the span that explained change stands for (sqrt(12 x its variance
 * per pixel): the length of an even ramp with that variance). */
static void within_fit(const lsq *piece, const uint8_t *sel, int np,
                       const double gx[3], const double gy[3], double *r2,
                       double *span)
{
	double sst = 0, sse = 0, cnt = 0;
	for (int p = 0; p < np; p++) {
		if (!sel[p])
			continue;
		const lsq *q = &piece[p];
		double vxx = q->sxx - q->sx * q->sx / q->n, vxy = q->sxy - q->sx * q->sy / q->n,
		       vyy = q->syy - q->sy * q->sy / q->n;
		cnt += q->n;
		for (int k = 0; k < 3; k++) {
			double vxc = q->sxc[k] - q->sx * q->sc[k] / q->n,
			       vyc = q->syc[k] - q->sy * q->sc[k] / q->n,
			       vcc = q->scc[k] - q->sc[k] * q->sc[k] / q->n;
			sst += vcc;
			sse += vcc - 2 * (gx[k] * vxc + gy[k] * vyc) + gx[k] * gx[k] * vxx +
			       2 * gx[k] * gy[k] * vxy + gy[k] * gy[k] * vyy;
		}
	}
	*r2 = sst > 0 ? 1 - sse / sst : 0;
	*span = sst > sse && cnt > 0 ? sqrt(12 * (sst - sse) / cnt) : 0;
}


/* The change in lightness that a ramp (@gx, @gy) fitted over the pixels
 * of @q stands for: sqrt(12 x the variance of its fitted L* per pixel),
 * the length of an even ramp with that variance. */
static double ramp_dl(const lsq *q, const double gx[3], const double gy[3])
{
	if (q->n < 2)
		return 0;
	double vxx = q->sxx - q->sx * q->sx / q->n, vxy = q->sxy - q->sx * q->sy / q->n,
	       vyy = q->syy - q->sy * q->sy / q->n;
	double v = gx[0] * gx[0] * vxx + 2 * gx[0] * gy[0] * vxy + gy[0] * gy[0] * vyy;
	return v > 0 ? sqrt(12 * v / q->n) : 0;
}

/* How steep is the ramp @gx, @gy: its change of colour per px (CIE76)
 * along its steepest direction, the square root of the largest
 * eigenvalue of G^T G (G: the 3x2 matrix of the slopes). */
static double ramp_slope(const double gx[3], const double gy[3])
{
	double a = 0, b = 0, c = 0;
	for (int k = 0; k < 3; k++) {
		a += gx[k] * gx[k];
		b += gx[k] * gy[k];
		c += gy[k] * gy[k];
	}
	return sqrt((a + c) / 2 + sqrt((a - c) * (a - c) / 4 + b * b));
}

/* In a JPEG, the least change in lightness (ramp_dl()) of a piece of @n
 * pixels judged by its own ramp: @min_dl (jpeg_piece_dl), or @small_dl
 * (jpeg_small_dl) when it holds fewer than @small_px (two coding blocks'
 * worth, 2 x jpeg_min_px): inside the few blocks of a small flat shape,
 * ringing moves the lightness too (by up to about 7 on the dev-only
 * probes), not only the bled chroma. */
static double piece_min_dl(double n, double min_dl, double small_dl, double small_px)
{
	return n < small_px ? MAX(min_dl, small_dl) : min_dl;
}

/* The pieces' indices, largest first. */
static int piece_cmp(gconstpointer a, gconstpointer b, gpointer data)
{
	const lsq *piece = data;
	double x = piece[*(const int *)a].n, y = piece[*(const int *)b].n;
	return (x < y) - (x > y);
}

/* The drifting-pieces test: pieces that each hold a ramp of their own.
 * A piece of at least 16 pixels drifts when a linear ramp over x and y
 * explains at least mark_piece_fit of its own colour variance, the change it
 * explains spans at least min_span / 4 (sqrt(12 x variance per pixel)),
 * its neighbours differ on average by at least mark_continuity of its
 * ramp's step, and at least min_middle of its pixels lie in the middle
 * 60 % of the fitted range of its widest channel (two flat tones joined
 * by a soft seam inside one piece pile up at the ends).
 * Noise and flat fills explain nothing; the blends are not in the pieces.
 * In a JPEG, a piece whose ramp changes by @max_slope (jpeg_piece_slope)
 * or more per px is the soft rim of an edge (JPEG smoothing spreads the
 * change between two flat tones over 3-6 px), not a fill.
 * When the drifting pieces hold at least @min_px pixels, they are a
 * gradient if one ramp over all of them passes ramp_holds (a fill painted
 * across separate bars or shards), or if, each about its own colour,
 * their ramps explain an average change of at least mark_piece_span (the
 * shards of a mark each filled with its own gradient).  @keep: np bytes
 * of work space; @max_slope: in a JPEG, jpeg_piece_slope (0 elsewhere);
 * @min_dl: in a JPEG, the least change in lightness of
 * a drifting piece's ramp (ramp_dl(); 0 elsewhere), @small_dl that of a
 * piece under @small_px pixels (piece_min_dl()); @need_dl: the least
 * change in lightness of the one ramp over them all, and with @need_dl >
 * 0 no ramp in each piece is asked (mark_drift()'s second pass).
 * Returns 1 (one ramp) or 2 (a ramp in each piece) with
 * the span and the drifting pieces' box, 0 when not, -1 when out of
 * memory. */
static int pieces_drift(const al_ctx *ctx, const al_measure *m, const float *lab,
                        const int *labels, const lsq *piece, const al_region *pbox,
                        int np, double min_px,
                        uint8_t *keep, guint32 *hist, double min_dl, double small_dl,
                        double small_px, double max_slope, double need_dl,
                        double *span_out, double *fit_out, al_region *box_out)
{
	double min_fit = AL_PARAM(ctx, "mark_fit");
	double min_span = AL_PARAM(ctx, "min_span");
	double min_cont = AL_PARAM(ctx, "mark_continuity");
	double piece_span = AL_PARAM(ctx, "mark_piece_span");
	double piece_fit = AL_PARAM(ctx, "mark_piece_fit");
	double min_middle = AL_PARAM(ctx, "min_middle");
	float blend_de = (float)AL_PARAM(ctx, "blend_de");
	int w = m->width, h = m->height;
	int nd = 0;
	/* per candidate piece: its ramp's steps along x and y, and the sums
	 * of the continuity test */
	double *sx = NULL, *sy = NULL, *act = NULL, *ramp = NULL, *ssm = NULL;
	/* and along its widest fitted channel: the fitted range, the
	 * channel's slopes and mean, and the pixels in the middle 60 % */
	double *plo = NULL, *phi = NULL, *pgx = NULL, *pgy = NULL, *pmean = NULL, *mid = NULL;
	int *pch = NULL;
	int found = 0;

	if (piece_fit >= 1)
		return 0; /* turned off */
	sx = al_try_new0(double, (size_t)np * 11);
	pch = al_try_new0(int, (size_t)np);
	if (!sx || !pch) {
		g_free(sx);
		g_free(pch);
		return -1;
	}
	sy = sx + np;
	act = sy + np;
	ramp = act + np;
	ssm = ramp + np;
	plo = ssm + np;
	phi = plo + np;
	pgx = phi + np;
	pgy = pgx + np;
	pmean = pgy + np;
	mid = pmean + np;
	for (int p = 0; p < np; p++) {
		double gx[3], gy[3], mean[3], fit;
		keep[p] = 0;
		if (piece[p].n < 16 || !lsq_fit(&piece[p], gx, gy, mean, &fit) || fit < piece_fit)
			continue;
		const lsq *q = &piece[p];
		double sst = 0;
		for (int k = 0; k < 3; k++)
			sst += q->scc[k] - q->sc[k] * q->sc[k] / q->n;
		ssm[p] = fit * sst;
		if (sqrt(12 * ssm[p] / q->n) < min_span / 4)
			continue;
		if (ramp_dl(q, gx, gy) < piece_min_dl(q->n, min_dl, small_dl, small_px))
			continue;
		/* the soft rim of an edge: the whole change within a few px */
		if (max_slope > 0 && ramp_slope(gx, gy) >= max_slope)
			continue;
		sx[p] = sqrt(gx[0] * gx[0] + gx[1] * gx[1] + gx[2] * gx[2]);
		sy[p] = sqrt(gy[0] * gy[0] + gy[1] * gy[1] + gy[2] * gy[2]);
		/* the fitted range of the widest channel over the piece's box
		 * (its extremes lie at the corners) */
		const al_region *b = &pbox[p];
		double best = -1;
		for (int k = 0; k < 3; k++) {
			double lo = 1e9, hi = -1e9;
			for (int c = 0; c < 4; c++) {
				double X = (c & 1 ? b->w : b->x) - w / 2.0, Y = (c & 2 ? b->h : b->y) - h / 2.0;
				double v = mean[k] + gx[k] * (X - q->sx / q->n) + gy[k] * (Y - q->sy / q->n);
				lo = MIN(lo, v);
				hi = MAX(hi, v);
			}
			if (hi - lo > best) {
				best = hi - lo;
				pch[p] = k;
				plo[p] = lo;
				phi[p] = hi;
				pgx[p] = gx[k];
				pgy[p] = gy[k];
				pmean[p] = mean[k];
			}
		}
		keep[p] = 1;
		nd++;
	}
	if (nd == 0)
		goto out;
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			int i = y * w + x, p = labels[i];
			if (p < 0 || !keep[p])
				continue;
			const float *l = lab + (size_t)i * 3;
			double a = plo[p] + 0.2 * (phi[p] - plo[p]), z = phi[p] - 0.2 * (phi[p] - plo[p]);
			mid[p] += l[pch[p]] > a && l[pch[p]] < z;
			int nb[2] = { x + 1 < w ? i + 1 : -1, y + 1 < h ? i + w : -1 };
			for (int d = 0; d < 2; d++) {
				if (nb[d] < 0 || labels[nb[d]] != p)
					continue;
				float e = al_de76(l, lab + (size_t)nb[d] * 3);
				if (e >= blend_de)
					continue;
				act[p] += e;
				ramp[p] += d ? sy[p] : sx[p];
			}
		}
	lsq all;
	double n = 0, explained = 0;
	al_region b = { w, h, -1, -1 };
	memset(&all, 0, sizeof all);
	for (int p = 0; p < np; p++) {
		if (keep[p] && (ramp[p] <= 0 || act[p] < min_cont * ramp[p] ||
		                mid[p] < min_middle * piece[p].n))
			keep[p] = 0;
		if (!keep[p])
			continue;
		lsq_merge(&all, &piece[p]);
		n += piece[p].n;
		explained += ssm[p];
	}
	if (n < min_px)
		goto out;
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			int p = labels[y * w + x];
			if (p < 0 || !keep[p])
				continue;
			b.x = MIN(b.x, x);
			b.y = MIN(b.y, y);
			b.w = MAX(b.w, x);
			b.h = MAX(b.h, y);
		}
	*box_out = (al_region){ b.x, b.y, b.w - b.x + 1, b.h - b.y + 1 };
	double gx[3], gy[3], mean[3], fit;
	if (lsq_fit(&all, gx, gy, mean, &fit) && fit >= min_fit &&
	    ramp_dl(&all, gx, gy) >= need_dl &&
	    ramp_holds(ctx, m, lab, labels, keep, &all, gx, gy, mean, hist, span_out)) {
		*fit_out = fit;
		found = 1;
		goto out;
	}
	double pooled = sqrt(12 * explained / n);
	if (pooled >= piece_span && need_dl <= 0) {
		*span_out = pooled;
		*fit_out = fit;
		found = 2;
	}
out:
	g_free(sx);
	g_free(pch);
	return found;
}

/* jpeg_ridge: in a JPEG on a flat background colour, is solid pixel @i
 * of the mark the rim of a stroke, mixed with the background: has it an
 * 8-neighbour (visible) whose colour lies further from the background's
 * than its own distance times 1 + @ridge, plus 2 (CIE76), while its own
 * colour lies between the two (al_blend_pair() with @blend_de)?  A thin
 * stroke at a small size is mostly such a rim; JPEG's smoothing keeps its
 * pixels from reading as blends, and their colours, pulled towards the
 * background by how much of the stroke they cover, hide a fill's ramp
 * along it.  The ridge of the stroke, and the inside of a fill, keep the
 * mark's own colours. */
static bool stroke_rim(const al_measure *m, const float *lab, int i, double ridge,
                       float blend_de)
{
	int w = m->width, h = m->height, x = i % w, y = i / w;
	double lim = al_de76(lab + (size_t)i * 3, m->bg_lab) * (1 + ridge) + 2;
	for (int dy = -1; dy <= 1; dy++)
		for (int dx = -1; dx <= 1; dx++) {
			int nx = x + dx, ny = y + dy;
			if ((dx == 0 && dy == 0) || nx < 0 || ny < 0 || nx >= w || ny >= h)
				continue;
			size_t j = (size_t)ny * w + nx;
			if (m->rgba[j * 4 + 3] >= 128 && al_de76(lab + j * 3, m->bg_lab) > lim &&
			    al_blend_pair(lab + (size_t)i * 3, m->bg_lab, lab + j * 3, blend_de, NULL))
				return true;
		}
	return false;
}

/* stroke_rim() of pixel @i, kept in @memo (w*h, zeroed at first: 1 not
 * a rim, 2 a rim) when it is not NULL: the passes over one image's own
 * colours (first, chroma and core) ask it of the same pixels with the
 * same @ridge and @blend_de. */
static inline bool rim_at(uint8_t *memo, const al_measure *m, const float *lab, int i,
                          double ridge, float blend_de)
{
	if (!memo)
		return stroke_rim(m, lab, i, ridge, blend_de);
	if (!memo[i])
		memo[i] = (uint8_t)(1 + stroke_rim(m, lab, i, ridge, blend_de));
	return memo[i] == 2;
}

/* How far the colour direction of the ramp @gx, @gy (its change along
 * its steepest direction in the image) lies along the axis from the
 * background's colour to @mean: the cosine of the two, 0 to 1. */
static double bg_axis(const al_measure *m, const double gx[3], const double gy[3],
                      const double mean[3])
{
	double a = 0, b = 0, c = 0;
	for (int k = 0; k < 3; k++) {
		a += gx[k] * gx[k];
		b += gx[k] * gy[k];
		c += gy[k] * gy[k];
	}
	/* the steepest direction: the largest eigenvector of G^T G */
	double l = (a + c) / 2 + sqrt((a - c) * (a - c) / 4 + b * b);
	double tx = b, ty = l - a;
	if (fabs(tx) + fabs(ty) < 1e-12) {
		tx = a >= c ? 1 : 0;
		ty = a >= c ? 0 : 1;
	}
	double tn = sqrt(tx * tx + ty * ty), dd = 0, aa = 0, da = 0;
	for (int k = 0; k < 3; k++) {
		double d = (gx[k] * tx + gy[k] * ty) / tn, ax = mean[k] - m->bg_lab[k];
		dd += d * d;
		aa += ax * ax;
		da += d * ax;
	}
	return dd > 0 && aa > 0 ? fabs(da) / sqrt(dd * aa) : 0;
}

/* The share of the pixels of the kept pieces (@keep by label, @labels
 * w*h, -1 elsewhere) with an 8-neighbour that is background (m->bgmask,
 * or within @blend_de of the flat background colour in @lab) or off the
 * image: a mark of strokes too thin to hold a pixel not mixed with the
 * background has (nearly) every pixel on its rim. */
static double rim_share(const al_measure *m, const float *lab, const int *labels,
                        const uint8_t *keep, float blend_de)
{
	int w = m->width, h = m->height;
	float bd2 = al_de76_sq_limit(blend_de);
	long all = 0, rim = 0;
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			int l = labels[(size_t)y * w + x];
			if (l < 0 || !keep[l])
				continue;
			all++;
			bool r = false;
			for (int dy = -1; dy <= 1 && !r; dy++)
				for (int dx = -1; dx <= 1 && !r; dx++) {
					int nx = x + dx, ny = y + dy;
					if (nx < 0 || ny < 0 || nx >= w || ny >= h) {
						r = true;
						continue;
					}
					size_t j = (size_t)ny * w + nx;
					r = m->bgmask[j] || al_de76_sq(lab + j * 3, m->bg_lab) < bd2;
				}
			rim += r;
		}
	return all > 0 ? (double)rim / all : 0;
}

/* @out (w*h): 1 where @in (w*h) has a nonzero byte within @reach px
 * along the row (a running count over the window); @pre: w + 1 ints. */
static void dilate_rows(const uint8_t *in, uint8_t *out, int w, int h, int reach, int *pre)
{
	for (int y = 0; y < h; y++) {
		const uint8_t *r = in + (size_t)y * w;
		pre[0] = 0;
		for (int x = 0; x < w; x++)
			pre[x + 1] = pre[x] + (r[x] != 0);
		for (int x = 0; x < w; x++)
			out[(size_t)y * w + x] = pre[MIN(x + reach, w - 1) + 1] > pre[MAX(x - reach, 0)];
	}
}

/* The same along the columns; @pre: h + 1 ints. */
static void dilate_cols(const uint8_t *in, uint8_t *out, int w, int h, int reach, int *pre)
{
	for (int x = 0; x < w; x++) {
		pre[0] = 0;
		for (int y = 0; y < h; y++)
			pre[y + 1] = pre[y] + (in[(size_t)y * w + x] != 0);
		for (int y = 0; y < h; y++)
			out[(size_t)y * w + x] = pre[MIN(y + reach, h - 1) + 1] > pre[MAX(y - reach, 0)];
	}
}

/* One row of dilate_square(): o[x] = 1 where r holds a non-zero byte
 * within @reach of x (clipped to the row's @w), else 0 -- by shifted ORs,
 * each a loop without a dependence between columns (vectorised). */
static void dilate_row(const uint8_t *restrict r, uint8_t *restrict o, int w, int reach)
{
	for (int x = 0; x < w; x++)
		o[x] = r[x] != 0;
	for (int d = 1; d <= reach && d < w; d++) {
		for (int x = d; x < w; x++)
			o[x] |= r[x - d] != 0;
		for (int x = 0; x < w - d; x++)
			o[x] |= r[x + d] != 0;
	}
}

/* o |= r, over @w bytes of 0 and 1 (vectorised). */
static void or_row(const uint8_t *restrict r, uint8_t *restrict o, int w)
{
	for (int x = 0; x < w; x++)
		o[x] |= r[x];
}

/* dilate_row() by doubling (@f, @g: w bytes each): f[x] = 1 where r holds
 * a non-zero byte in x .. x + P - 1 (clipped), P = 1, 2, 4, .. up to the
 * window of 2 @reach + 1 = W < 2 P; then o[x] is f at the window's first
 * column ORed with f at its last column less P - 1 (the two windows of P
 * overlap and cover it, also where the row cuts it); the first @reach
 * columns, whose window the row's start cuts, from the ORs so far.  A
 * few loops over the row, each without a dependence between columns
 * (vectorised), instead of 2 @reach + 1. */
static void dilate_row_doubling(const uint8_t *restrict r, uint8_t *restrict o, int w, int reach,
                                uint8_t *f, uint8_t *g)
{
	int win = 2 * reach + 1, p = 1;
	for (int x = 0; x < w; x++)
		f[x] = r[x] != 0;
	for (; 2 * p <= win; p *= 2) {
		for (int x = 0; x + p < w; x++)
			g[x] = f[x] | f[x + p];
		for (int x = MAX(w - p, 0); x < w; x++)
			g[x] = f[x];
		uint8_t *t = f;
		f = g;
		g = t;
	}
	uint8_t acc = 0;
	for (int x = 0, xr = 0; x < MIN(reach, w); x++) {
		for (; xr <= MIN(x + reach, w - 1); xr++)
			acc |= r[xr] != 0;
		o[x] = acc;
	}
	/* o[x] from f[x - reach] and f[x - reach + win - p] while that lies
	 * in the row, then from the first alone */
	int both = MIN(w, w + reach - win + p);
	for (int x = reach; x < both; x++)
		o[x] = f[x - reach] | f[x - reach + win - p];
	for (int x = MAX(both, reach); x < w; x++)
		o[x] = f[x - reach];
}

/* dilate_rows() then dilate_cols() (the same 0s and 1s: 1 where a
 * non-zero byte of @in lies within @reach px, a square clipped to the
 * image), into @out through @tmp (both w*h): OR is exact in any order,
 * so the rows by doubling (dilate_row_doubling()) and the columns by a
 * count per column of the 1s in the rows y - reach .. y + reach, kept
 * in bytes as the window moves down (at most 2 @reach + 1: reach <= 127),
 * give what the running counts give (test_dilate_reference).  Beyond
 * reach 127, by shifted ORs of rows.  False when out of memory (three
 * rows of scratch). */
static bool dilate_square(const uint8_t *in, uint8_t *tmp, uint8_t *out, int w, int h,
                          int reach)
{
	uint8_t *f = reach <= 127 ? al_try_new(uint8_t, (size_t)w * 3) : NULL;
	if (reach <= 127 && !f)
		return false;
	if (f) {
		uint8_t *g = f + w, *cnt = g + w;
		for (int y = 0; y < h; y++)
			dilate_row_doubling(in + (size_t)y * w, tmp + (size_t)y * w, w, reach, f, g);
		memset(cnt, 0, (size_t)w);
		for (int y = 0; y <= MIN(reach, h - 1); y++) {
			const uint8_t *t = tmp + (size_t)y * w;
			for (int x = 0; x < w; x++)
				cnt[x] += t[x];
		}
		for (int y = 0; y < h; y++) {
			uint8_t *o = out + (size_t)y * w;
			for (int x = 0; x < w; x++)
				o[x] = cnt[x] != 0;
			if (y + reach + 1 < h) {
				const uint8_t *t = tmp + (size_t)(y + reach + 1) * w;
				for (int x = 0; x < w; x++)
					cnt[x] += t[x];
			}
			if (y - reach >= 0) {
				const uint8_t *t = tmp + (size_t)(y - reach) * w;
				for (int x = 0; x < w; x++)
					cnt[x] -= t[x];
			}
		}
		g_free(f);
		return true;
	}
	for (int y = 0; y < h; y++)
		dilate_row(in + (size_t)y * w, tmp + (size_t)y * w, w, reach);
	for (int y = 0; y < h; y++) {
		uint8_t *o = out + (size_t)y * w;
		memcpy(o, tmp + (size_t)y * w, (size_t)w);
		for (int yy = MAX(y - reach, 0); yy <= MIN(y + reach, h - 1); yy++)
			if (yy != y)
				or_row(tmp + (size_t)yy * w, o, w);
	}
	return true;
}

/* For the tests: dilate_square() or, with @plain, dilate_rows() and
 * dilate_cols() of @in into @out (w*h); false when out of memory. */
bool al__gradient_dilate(const uint8_t *in, uint8_t *out, int w, int h, int reach, bool plain);
bool al__gradient_dilate(const uint8_t *in, uint8_t *out, int w, int h, int reach, bool plain)
{
	uint8_t *tmp = al_try_new(uint8_t, (size_t)MAX(w * h, 1));
	int *pre = al_try_new(int, (size_t)MAX(w, h) + 1);
	if (tmp && pre && plain) {
		dilate_rows(in, tmp, w, h, reach, pre);
		dilate_cols(tmp, out, w, h, reach, pre);
	}
	bool ok = tmp && pre && (plain || dilate_square(in, tmp, out, w, h, reach));
	g_free(tmp);
	g_free(pre);
	return ok;
}

/* The end (one past the last) of the stretch from @x, at most @e, whose
 * pixels repeat the RGBA of the one before (@run non-zero) and are not
 * background (@bm zero): sixteen bytes at a time (SSE2), then one by
 * one.  @x itself when pixel x is neither. */
static inline int repeat_end(const uint8_t *run, const uint8_t *bm, int x, int e)
{
#ifdef __SSE2__
	for (; x + 16 <= e; x += 16) {
		__m128i z = _mm_setzero_si128();
		int stop = _mm_movemask_epi8(_mm_cmpeq_epi8(
		                   _mm_loadu_si128((const __m128i *)(const void *)(run + x)), z)) |
		           (~_mm_movemask_epi8(_mm_cmpeq_epi8(
		                    _mm_loadu_si128((const __m128i *)(const void *)(bm + x)), z)) &
		            0xffff);
		if (stop)
			return x + __builtin_ctz((unsigned)stop);
	}
#endif
	while (x < e && run[x] && !bm[x])
		x++;
	return x;
}

/* Unmixed colours (unmix_cos), on a flat background colour: each visible
 * pixel of the mark that lies blend_de or further from the background's
 * colour and has the background within @reach px takes the colour that
 * its sRGB offset from the background reaches at the largest offset
 * among its 8 neighbours (visible) that point the same way (cosine at
 * least @cos_min) and lie at most 4 times as far.  Anti-aliasing mixes a
 * thin stroke's pixels with the background by how much of each the
 * stroke covers, c = bg + cover x (stroke - bg) in sRGB: the same
 * direction at every cover.  So the rims of a stroke take its ridge's
 * colour, and a stroke 1-3 px wide keeps solid pixels along it, where
 * the edge-blend test (edge_blend()) left only specks.  A pixel between
 * two shapes of different colours points between them and keeps its
 * own colour; a pixel farther from the background is no mix with it.
 * Returns how many pixels change, -1 when out of memory; *@out gets a
 * new plane (g_free()) when one or more change and at least @min_changed,
 * else NULL: the changes are listed first (pixel and sRGB colour; their
 * Lab is a function of the colour) and the plane, a copy of @own, is made
 * only when the caller will read it.  A pixel that changes is visible,
 * not background-like and not flat (@flat), in the foreground's box:
 * when such candidates (*@ncand, unless NULL) are fewer than
 * @min_changed, none is asked and 0 is returned (no plane either way;
 * most marks are not mostly rims).  With @plain, the background-like
 * test takes each pixel's own distance (the tests' reference for the
 * stretches). */
static long unmixed_colours(const al_measure *m, const float *own, const uint8_t *flat,
                            float blend_de, double cos_min, int reach, double min_changed,
                            bool plain, float **out, long *ncand)
{
	int w = m->width, h = m->height;
	size_t n = (size_t)w * h;
	long changed = 0;
	*out = NULL;
	const al_region *fb = &m->fg_bbox;
	if (fb->w <= 0 || fb->h <= 0)
		return 0;
	/* the changes: pixel index, new sRGB colour */
	typedef struct {
		uint32_t i;
		uint8_t c[4];
	} unmix_px;
	size_t cap = 256;
	unmix_px *chg = al_try_new(unmix_px, cap);
	/* outside the foreground's box every pixel is background: the
	 * window is that box and @reach px around it */
	int wx0 = MAX(fb->x - reach, 0), wy0 = MAX(fb->y - reach, 0);
	int ww = MIN(fb->x + fb->w + reach, w) - wx0, wh = MIN(fb->y + fb->h + reach, h) - wy0;
	size_t wn = (size_t)ww * wh;
	/* bgl: background-like pixels; near: those within reach of one */
	uint8_t *bgl = al_try_new(uint8_t, wn), *tmp = al_try_new(uint8_t, wn),
	        *near = al_try_new(uint8_t, wn);
	if (!chg || !bgl || !tmp || !near) {
		changed = -1;
		goto done;
	}
	float bd2 = al_de76_sq_limit(blend_de);
	/* the own colour is a function of the RGBA: the pixels of the RGBA of
	 * the one before (m->run) that follow it, not background, have its
	 * answer; stretches of each kind are found sixteen bytes at a time */
	for (int y = 0; y < wh; y++) {
		size_t row = (size_t)(wy0 + y) * w + wx0;
		uint8_t *o = bgl + (size_t)y * ww;
		const uint8_t *bm = m->bgmask + row, *run = m->run + row;
		for (int x = 0, f; x < ww; x = f) {
			if (plain) {
				o[x] = bm[x] || al_de76_sq(own + (row + x) * 3, m->bg_lab) < bd2;
				f = x + 1;
				continue;
			}
			if (bm[x]) {
				f = al_set_end(bm, x, ww);
				memset(o + x, 1, (size_t)(f - x));
				continue;
			}
			f = repeat_end(run, bm, x + 1, ww);
			memset(o + x, al_de76_sq(own + (row + x) * 3, m->bg_lab) < bd2, (size_t)(f - x));
		}
	}
	/* the candidates, by stretches of flat bytes (al_set_end()) */
	long cand = 0;
	for (int y = fb->y; y < fb->y + fb->h; y++) {
		const uint8_t *fr = flat + (size_t)y * w, *px = m->rgba + (size_t)y * w * 4;
		const uint8_t *o = bgl + (size_t)(y - wy0) * ww - wx0;
		for (int x = fb->x, xe = fb->x + fb->w; x < xe; x++) {
			if ((x = al_set_end(fr, x, xe)) == xe)
				break;
			cand += !o[x] && px[(size_t)x * 4 + 3] >= 128;
		}
	}
	if (ncand)
		*ncand = cand;
	if (cand < min_changed)
		goto done;
	if (!dilate_square(bgl, tmp, near, ww, wh, reach)) {
		changed = -1;
		goto done;
	}
	const uint8_t *bg = m->bg_rgb;
	for (int y = fb->y; y < fb->y + fb->h; y++)
		for (int x = fb->x, xe = fb->x + fb->w; x < xe; x++) {
			/* a uniform 3x3 neighbourhood has no neighbour further
			 * out: a stretch of them passed at once (al_set_end()) */
			if ((x = al_set_end(flat + (size_t)y * w, x, xe)) == xe)
				break;
			size_t i = (size_t)y * w + x, k = (size_t)(y - wy0) * ww + (x - wx0);
			const uint8_t *p = m->rgba + i * 4;
			if (!near[k] || bgl[k] || p[3] < 128)
				continue;
			double d[3] = { p[0] - bg[0], p[1] - bg[1], p[2] - bg[2] };
			double dn = sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]), best = dn;
			if (dn < 1)
				continue;
			for (int dy = -1; dy <= 1; dy++)
				for (int dx = -1; dx <= 1; dx++) {
					int nx = x + dx, ny = y + dy;
					if ((dx == 0 && dy == 0) || nx < 0 || ny < 0 || nx >= w || ny >= h)
						continue;
					const uint8_t *q = m->rgba + ((size_t)ny * w + nx) * 4;
					if (q[3] < 128)
						continue;
					double e[3] = { q[0] - bg[0], q[1] - bg[1], q[2] - bg[2] };
					double en = sqrt(e[0] * e[0] + e[1] * e[1] + e[2] * e[2]);
					if (en > best && en <= 4 * dn &&
					    d[0] * e[0] + d[1] * e[1] + d[2] * e[2] >= cos_min * dn * en)
						best = en;
				}
			if (best <= dn)
				continue;
			if ((size_t)changed == cap) {
				unmix_px *more = al_try_new(unmix_px, cap * 2);
				if (!more) {
					changed = -1;
					goto done;
				}
				memcpy(more, chg, cap * sizeof *chg);
				g_free(chg);
				chg = more;
				cap *= 2;
			}
			unmix_px *c = &chg[changed++];
			c->i = (uint32_t)i;
			for (int j = 0; j < 3; j++)
				c->c[j] = (uint8_t)CLAMP(lround(bg[j] + d[j] * best / dn), 0, 255);
		}
	if (changed > 0 && changed >= min_changed) {
		float *o = al_try_new(float, n * 3);
		if (!o) {
			changed = -1;
			goto done;
		}
		memcpy(o, own, n * 3 * sizeof *o);
		for (long k = 0; k < changed; k++)
			al_srgb_to_lab(chg[k].c[0], chg[k].c[1], chg[k].c[2], o + (size_t)chg[k].i * 3);
		*out = o;
	}
done:
	g_free(chg);
	g_free(bgl);
	g_free(tmp);
	g_free(near);
	return changed;
}

/* The core pass's solid pixels (jpeg_core), 1 in @solid (w*h), on a flat
 * background colour: visible, not background (m->bgmask), at least
 * @share of the mark's far distance from the background colour (CIE76;
 * the 90th percentile over the visible pixels not background, whole
 * units) and, with @ridge > 0, not a stroke's rim (stroke_rim()).  No
 * edge-blend test: a stroke 2-3 px wide is all blends by it.  *@thin gets
 * the share of them with a background pixel (or one within @blend_de of
 * its colour) within @reach px (a square): near 1 for thin strokes on
 * the background, near 0 for shapes on a base or a fill.  Returns how
 * many are solid, -1 when out of memory. */
static long core_solid(const al_measure *m, const float *lab, double share, double ridge,
                       float blend_de, int reach, double *thin, uint8_t *rim_memo,
                       uint8_t *solid)
{
	int w = m->width, h = m->height;
	size_t n = (size_t)w * h;
	long hist[256] = { 0 }, total = 0, nsolid = 0, nthin = 0;
	uint8_t *bgl = al_try_new(uint8_t, MAX(n, 1)), *tmp = al_try_new(uint8_t, MAX(n, 1)),
	        *near = al_try_new(uint8_t, MAX(n, 1));
	float bd2 = al_de76_sq_limit(blend_de);
	*thin = 0;
	if (!bgl || !tmp || !near) {
		nsolid = -1;
		goto done;
	}
	for (size_t i = 0; i < n; i++) {
		bgl[i] = m->bgmask[i] || al_de76_sq(lab + i * 3, m->bg_lab) < bd2;
		if (m->rgba[i * 4 + 3] >= 128 && !m->bgmask[i]) {
			hist[MIN((int)al_de76(lab + i * 3, m->bg_lab), 255)]++;
			total++;
		}
	}
	if (!dilate_square(bgl, tmp, near, w, h, reach)) {
		nsolid = -1;
		goto done;
	}
	int far = 255;
	for (long acc = hist[far]; far > 0 && acc < total / 10; acc += hist[--far])
		;
	double lim = share * far;
	for (size_t i = 0; i < n; i++) {
		uint8_t v = m->rgba[i * 4 + 3] >= 128 && !m->bgmask[i] &&
		            al_de76(lab + i * 3, m->bg_lab) >= lim &&
		            !(ridge > 0 && rim_at(rim_memo, m, lab, (int)i, ridge, blend_de));
		solid[i] = v;
		nsolid += v;
		nthin += v && near[i];
	}
	*thin = nsolid > 0 ? (double)nthin / nsolid : 0;
done:
	g_free(bgl);
	g_free(tmp);
	g_free(near);
	return nsolid;
}

/* The whole-mark test's solid pixels, 1 in @solid (w*h): visible
 * (alpha >= 128), not background (m->bgmask), not within blend_de of a
 * flat background colour, and not an edge blend (edge_blend_at(), which a
 * pixel of a uniform 3x3 neighbourhood, @flat, never is), nor, when
 * @ridge > 0, the rim of a stroke (stroke_rim(), which such a pixel is
 * not either: its neighbours have its colour, and so its distance to the
 * background, below the rim's limit).  Alpha and the colour @lab are
 * functions of the RGBA, decided once per stretch of one RGBA along a row
 * (al_run_end()); inside it, a stretch of flat bytes is solid where not
 * background, sixteen pixels at a time.  With @regs (@lab m->lab and
 * @chroma 1, as the region test asked), a pixel of a candidate region
 * (labelled in @labels) takes the region test's answer from @solid
 * (solid_pass(): not a blend), each read before it is written.  Returns
 * how many are solid. */
static long mark_solid(const al_measure *m, const float *lab, const uint8_t *flat,
                       float blend_de, float chroma, double ridge, uint8_t *rim_memo,
                       const int *labels, const reg *regs, uint8_t *solid)
{
	int w = m->width;
	size_t n = (size_t)w * m->height;
	long nsolid = 0;
	for (size_t i = 0, e; i < n; i = e) {
		e = al_run_end(m, i, n);
		if (m->rgba[i * 4 + 3] < 128 ||
		    (m->bg_kind == AL_BG_COLOR && al_de76(lab + i * 3, m->bg_lab) < blend_de)) {
			memset(solid + i, 0, e - i);
			continue;
		}
		int y = (int)(i / (size_t)w), x0 = (int)(i - (size_t)y * w);
		const uint8_t *fr = flat + (size_t)y * w;
		for (int x = x0, xe = x0 + (int)(e - i); x < xe; x++) {
			/* a stretch of uniform neighbourhoods: neither an edge
			 * blend nor a stroke's rim (its neighbours are its
			 * colour, no further from the background), so solid
			 * unless background */
			int f = al_set_end(fr, x, xe);
			if (f > x) {
				size_t j = (size_t)y * w + x;
				nsolid += al_unset_bytes(m->bgmask + j, solid + j, f - x);
				if ((x = f) == xe)
					break;
			}
			size_t j = (size_t)y * w + x;
			int l = regs ? labels[j] : -1;
			uint8_t v = !m->bgmask[j] &&
			            (l >= 0 && regs[l].cand >= 0
			                 ? solid[j]
			                 : !edge_blend_at(lab, w, m->height, x, y, blend_de, chroma)) &&
			            !(ridge > 0 && rim_at(rim_memo, m, lab, (int)j, ridge, blend_de));
			solid[j] = v;
			nsolid += v;
		}
	}
	return nsolid;
}

/* lsq_add() of the @len pixels @c (Lab, interleaved) of a row at X =
 * @X0, @X0 + 1, ... and Y = @Y, where the position sums are exact in any
 * order (see piece_sums()): those once per run, by formula
 * (al_run_x_sums(): X0 is a multiple of 1/2, and the bound piece_sums()
 * checks keeps w^3 below 2^50), the colour sums pixel by pixel in order,
 * as lsq_add() adds them (al_color_sums_run(), the three channels at
 * once). */
static void run_sums(lsq *s, const float *c, double X0, double Y, int len)
{
	double sx, sxx;
	al_run_x_sums(X0, len, &sx, &sxx);
	al_color_sums_run(s->sc, s->sxc, s->syc, s->scc, c, X0, Y, len);
	s->n += len;
	s->sx += sx;
	s->sy += Y * len;
	s->sxx += sxx;
	s->sxy += sx * Y;
	s->syy += Y * Y * len;
}

/* Each piece's least-squares sums (@piece, by label; zeroed) and box
 * (@pbox: x0, y0, x1, y1, set to w, h, -1, -1), over the labelled pixels
 * at X = x - @cx, Y = y - @cy (@cx, @cy: w/2, h/2), by the runs of one
 * label along a row that the labelling handed out (@runs).  The
 * position sums are of multiples of 1/4: below 2^50 (any image that is
 * not a strip of millions of pixels) they are exact in any order, and a
 * run adds them at once.  The colour sums round, so each still takes its
 * pixels one by one in scan order, as lsq_add() does: the sums are those
 * of lsq_add() pixel by pixel. */
static void piece_sums(const al_label_runs *runs, const float *lab, int w, int h, double cx,
                       double cy, lsq *piece, al_region *pbox)
{
	bool exact = (double)w * h * ((double)w * w + (double)h * h) < 0x1p50;
	for (int y = 0; y < h; y++) {
		double Y = y - cy;
		for (int k = runs->row[y]; k < runs->row[y + 1]; k++) {
			int l = runs->run[k].label, x = runs->run[k].x0, e = runs->run[k].x1 + 1;
			lsq *s = &piece[l];
			if (exact)
				run_sums(s, lab + ((size_t)y * w + x) * 3, x - cx, Y, e - x);
			else
				for (int j = x; j < e; j++)
					lsq_add(s, j - cx, Y, lab + ((size_t)y * w + j) * 3);
			al_region *b = &pbox[l];
			b->x = MIN(b->x, x);
			b->y = MIN(b->y, y);
			b->w = MAX(b->w, e - 1);
			b->h = MAX(b->h, y);
		}
	}
}

/* The noise test (noise_holds()) of piece @p of @labels (@count pixels,
 * its box in @b as x0, y0, x1, y1), judged whole on all its pixels
 * (@np, @radius): a piece judged alone in a JPEG is held to what a
 * region is.  @judged and @scratch (w*h, zeroed; left zeroed) and @sm
 * (w*h*3) are the caller's.  1 when it holds, 0 when not, -1 when out
 * of memory. */
static int piece_noise(const al_measure *m, const float *lab, const int *labels, int p,
                       const al_region *b, int count, int radius, const noise_params *np,
                       uint8_t *judged, uint8_t *scratch, float *sm)
{
	int w = m->width, h = m->height;
	int *px = al_try_new(int, (size_t)MAX(count, 1));
	if (!px)
		return -1;
	int k = 0;
	for (int y = b->y; y <= b->h; y++)
		for (int x = b->x; x <= b->w; x++)
			if (labels[(size_t)y * w + x] == p && k < count)
				px[k++] = y * w + x;
	/* margin 0: every pixel is judged (a piece holds no blends) */
	reg r = { .count = k, .solid = k, .x0 = b->x, .y0 = b->y, .x1 = b->w, .y1 = b->h };
	int ok = judge_region(m, labels, &r, px, 0, radius, judged, sm) ? 1 : -1;
	if (ok > 0)
		ok = noise_holds(lab, sm, judged, px, k, np, true, NULL, scratch, w, h);
	for (int j = 0; j < k; j++)
		judged[px[j]] = 0;
	g_free(px);
	return ok;
}

/* The whole-mark test's settings, as mark_drift() reads them. */
typedef struct {
	double min_px, all_fit, trim, min_within, thin_rim;
	float blend_de;
	double min_span, need_dl, max_axis, core;
	bool unmixed, jpeg;
} whole_args;

/* The whole-mark test over the pieces picked in @keep (by label; pieces
 * left out by the trimming are cleared in it): their ramp, trimmed, and
 * its tests (see mark_drift()).  True with the span and the fit in the
 * out parameters when it is a gradient. */
static bool mark_whole(const al_ctx *ctx, const al_measure *m, const float *lab,
                       const int *labels, const lsq *piece, int np, uint8_t *keep,
                       const whole_args *a, guint32 *hist, double *span_out,
                       double *fit_out)
{
	lsq all;
	double gx[3], gy[3], mean[3], fit = 0;
	int trimmed = 0;
	for (;;) {
		memset(&all, 0, sizeof all);
		for (int p = 0; p < np; p++)
			if (keep[p])
				lsq_merge(&all, &piece[p]);
		if (all.n < a->min_px || !lsq_fit(&all, gx, gy, mean, &fit))
			break;
		if (trimmed == MAX_TRIM || a->trim <= 0)
			break;
		/* leave out the piece whose absence improves the fit most,
		 * when it does by at least mark_trim */
		int worst = -1;
		double best = fit + a->trim;
		for (int p = 0; p < np; p++) {
			if (!keep[p] || all.n - piece[p].n < a->min_px)
				continue;
			lsq rest = all;
			lsq_sub(&rest, &piece[p]);
			double f, tx[3], ty[3], tm[3];
			if (lsq_fit(&rest, tx, ty, tm, &f) && f >= best) {
				best = f;
				worst = p;
			}
		}
		if (worst < 0)
			break;
		keep[worst] = 0;
		trimmed++;
	}
	if (all.n >= a->min_px && fit >= a->all_fit) {
		bool ok = true;
		if (a->min_within > -1) {
			double r2, wspan;
			within_fit(piece, keep, np, gx, gy, &r2, &wspan);
			ok = trimmed > 0 ? r2 >= a->min_within && wspan >= a->min_span / 3 : r2 > 0;
			/* the core pass: the ramp along the strokes' ridges */
			if (a->core > 0 && wspan < AL_PARAM(ctx, "jpeg_core_span"))
				ok = false;
		}
		if (ok && ramp_dl(&all, gx, gy) < a->need_dl)
			ok = false;
		/* the unmixed pass: a drift along the background's axis is the
		 * cover of strokes too thin to unmix */
		if (ok && a->unmixed && a->max_axis < 1 && bg_axis(m, gx, gy, mean) >= a->max_axis)
			ok = false;
		/* in a lossless image on a flat background colour, a mark
		 * whose every pixel is a rim (thin_rim) drifting along the
		 * background's axis (unmix_axis): a flat hairline's cover,
		 * which unmixing cannot restore (no pixel is fully covered) */
		if (ok && !a->unmixed && !a->jpeg && m->bg_kind == AL_BG_COLOR && a->thin_rim < 1 &&
		    bg_axis(m, gx, gy, mean) >= AL_PARAM(ctx, "unmix_axis") &&
		    rim_share(m, lab, labels, keep, a->blend_de) >= a->thin_rim)
			ok = false;
		if (ok && ramp_holds(ctx, m, lab, labels, keep, &all, gx, gy, mean, hist, span_out)) {
			*fit_out = fit;
			return true;
		}
	}

	return false;
}

static int box_x_cmp(gconstpointer a, gconstpointer b, gpointer data)
{
	const al_region *box = data;
	int p = *(const int *)a, q = *(const int *)b;
	return (box[p].x > box[q].x) - (box[p].x < box[q].x);
}

/* Groups the @np pieces, whose boxes are in @pbox (x0, y0, x1, y1): two
 * groups whose boxes lie closer than @share of the smaller one's height (or
 * overlap) join, until no two do (a letter's fragments join the letter,
 * the letters their word).  A joined box only grows, so the groups do not
 * depend on the order of the joins.  Writes each piece's group (0 ..) to
 * @group and returns the number of groups; -1 when out of memory. */
static int mark_groups(const al_region *pbox, int np, double share, int *group)
{
	int *parent = al_try_new(int, (size_t)MAX(np, 1));
	int *by_x = al_try_new(int, (size_t)MAX(np, 1));
	al_region *box = al_try_new(al_region, (size_t)MAX(np, 1));
	if (!parent || !by_x || !box) {
		g_free(parent);
		g_free(by_x);
		g_free(box);
		return -1;
	}
	for (int p = 0; p < np; p++) {
		parent[p] = p;
		by_x[p] = p;
		box[p] = pbox[p];
	}
	/* a group's root holds its box; each round sweeps the groups by
	 * their left edge, which a later group's box has not moved yet */
	for (bool joined = true; joined;) {
		joined = false;
		g_qsort_with_data(by_x, np, sizeof *by_x, box_x_cmp, box);
		for (int i = 0; i < np; i++) {
			int p = by_x[i];
			if (parent[p] != p)
				continue;
			al_region *b = &box[p];
			for (int j = i + 1; j < np; j++) {
				int q = by_x[j];
				if (parent[q] != q)
					continue;
				const al_region *c = &box[q];
				/* this and every group after it start too far right */
				if (c->x - b->w - 1 >= share * (b->h - b->y + 1))
					break;
				double gap = share * MIN(b->h - b->y + 1, c->h - c->y + 1);
				double dx = MAX(c->x - b->w, b->x - c->w) - 1,
				       dy = MAX(c->y - b->h, b->y - c->h) - 1;
				if (dx >= gap || dy >= gap)
					continue;
				parent[q] = p;
				b->x = MIN(b->x, c->x);
				b->y = MIN(b->y, c->y);
				b->w = MAX(b->w, c->w);
				b->h = MAX(b->h, c->h);
				joined = true;
			}
		}
	}
	/* numbered in the order of their first pieces */
	int ng = 0, *id = by_x;
	for (int p = 0; p < np; p++)
		id[p] = -1;
	for (int p = 0; p < np; p++) {
		int r = p;
		while (parent[r] != r)
			r = parent[r];
		if (id[r] < 0)
			id[r] = ng++;
		group[p] = id[r];
	}
	g_free(parent);
	g_free(by_x);
	g_free(box);
	return ng;
}

/* The whole-mark test, for gradients that no single region shows: a ramp
 * painted across thin strokes or separate pieces (a ring of stars, a
 * gradient outline, the pieces of a shield), or steep gradients on a small
 * logo that the blurred regions break up.  The mark's solid pixels
 * (foreground, visible, not background coloured, not blends; translucent
 * ones in their own colour) are cut into pieces of 4-neighbours closer
 * than blend_de (or on a steady ramp closer than ramp_de).
 *
 * Each of L*, a*, b* is fitted as a linear function of x and y over all
 * the pieces; when the fit explains less than mark_fit of the colour
 * variance, the piece that strays furthest from the ramp (further than
 * mark_trim from it at its centre, the most squared distance times
 * pixels) is left out and the ramp fitted again, up to MAX_TRIM times: a
 * flat word or a second flat colour beside a gradient.  The kept pieces
 * must show the ramp inside themselves: about each piece's mean, it must
 * explain some of their colour change (any three flat pieces fit a
 * plane), and once pieces were left out at least mark_within of it, over
 * a span of at least a third of min_span.  Then, and for each of the mark_pieces
 * largest pieces alone (several gradients in one mark), it is a gradient when the fit
 * explains at least mark_fit of the colour variance, the fitted colours
 * span at least min_span (5th to 95th percentile), neighbouring pixels
 * (edges of more than blend_de left out) differ on average by at least
 * mark_continuity of the ramp's step (flat tones arranged in order have
 * equal neighbours), and the actual colours pass min_middle and max_flat
 * along the ramp's widest channel.  In a JPEG, a piece judged alone must
 * also change in lightness: its ramp's L* part stands for at least
 * jpeg_piece_dl (ramp_dl(); jpeg_small_dl under 2 x jpeg_min_px
 * pixels, piece_min_dl()), one whose ramp changes by
 * jpeg_piece_slope or more per px (ramp_slope()) is the soft rim of an
 * edge, a crescent along a disc, not a fill, and it must pass the noise
 * test (piece_noise()).  Before the pieces alone, in a lossless image
 * whose mark falls into several groups (mark_groups(), mark_group_gap),
 * each group is judged as the whole mark is (mark_whole()): a gradient
 * mark beside a flat word of more pieces than the trimming leaves out.
 * Last, the drifting-pieces test
 * (pieces_drift).  @lab: the colours (a function of the RGBA, or
 * unmixed_colours(), which leaves each pixel within blend_de of the
 * background as it is, so that mark_solid()'s test per run of one RGBA
 * holds); @flat:
 * al_flat3(); @chroma: the weight of a* and b* in the blend test
 * (edge_blend_at()); @need_dl: the least change in lightness (ramp_dl())
 * of the ramp found, over the kept pieces, a piece or the drifting pieces
 * together, and with @need_dl > 0 a ramp in each drifting piece (2) is
 * not asked; @unmixed: the pass on unmixed colours, which asks only the
 * ramp over the kept pieces (of the mark, or of a group), and that ramp's
 * colour direction must lie off the background's axis (bg_axis() under
 * @max_axis, when below 1); @core: above 0, the core pass (jpeg_core),
 * which judges no groups: its solid pixels are
 * core_solid()'s at that share, run only on a mark of thin strokes
 * (jpeg_core_thin) of jpeg_min_px core pixels or more, and the ramp
 * must explain jpeg_core_span inside the kept pieces; @rim_memo:
 * rim_at()'s plane for @lab, or NULL; @regs: the region test's regions,
 * whose answers @solid holds over the candidates (see mark_solid()), or
 * NULL; @solid and @labels: work planes (w*h; @labels holds the region
 * test's labels on entry when @regs is given).  Returns 1 with the span, the fit and the box (the foreground's,
 * or the piece's) in the out parameters, 2 when the pieces each drift (the
 * span is their mean change), 0 when not a gradient, -1 when out of
 * memory. */
static int mark_drift(const al_ctx *ctx, const al_measure *m, const float *lab,
                      const uint8_t *flat, float chroma, double need_dl, bool unmixed,
                      double max_axis, double core, uint8_t *rim_memo, const reg *regs,
                      uint8_t *solid, int *labels, double *span_out, double *fit_out,
                      al_region *box_out)
{
	float blend_de = (float)AL_PARAM(ctx, "blend_de");
	double min_span = AL_PARAM(ctx, "min_span");
	double min_area = AL_PARAM(ctx, "min_area");
	bool jpeg = ctx->info && ctx->info->format == AL_FMT_JPEG;
	double min_fit = AL_PARAM(ctx, "mark_fit");
	/* the whole mark's fit, in a JPEG: its thin strokes' ridges */
	double all_fit = jpeg ? AL_PARAM(ctx, "jpeg_mark_fit") : min_fit;
	double trim = AL_PARAM(ctx, "mark_trim");
	double min_within = AL_PARAM(ctx, "mark_within");
	double thin_rim = AL_PARAM(ctx, "thin_rim");
	int w = m->width, h = m->height, n = w * h;
	double min_px = MAX(min_area * n, 16.0);
	guint32 *hist = NULL;
	lsq *piece = NULL;
	uint8_t *keep = NULL;
	al_region *pbox = NULL;
	int *order = NULL;
	int found = 0;
	/* the noise test of a piece judged alone in a JPEG: the region's,
	 * without its pile test and its coding-block minimum (see
	 * piece_noise()) */
	const noise_params pnoise = {
		min_span, AL_PARAM(ctx, "max_incoherence"), AL_PARAM(ctx, "min_smooth"),
		(int)AL_PARAM(ctx, "smooth_px"), 16, AL_PARAM(ctx, "pile_ratio"), 1.0,
		AL_PARAM(ctx, "jpeg_middle"), true, 0, AL_PARAM(ctx, "jpeg_two_tone"),
	};
	int radius = (int)AL_PARAM(ctx, "noise_radius");
	uint8_t *judged = NULL, *scratch = NULL;
	float *sm = NULL;
	double min_dl = jpeg ? AL_PARAM(ctx, "jpeg_piece_dl") : 0;
	double small_dl = jpeg ? AL_PARAM(ctx, "jpeg_small_dl") : 0;
	double small_px = 2 * AL_PARAM(ctx, "jpeg_min_px");
	double max_slope = jpeg ? AL_PARAM(ctx, "jpeg_piece_slope") : 0;
	/* coordinates relative to the centre */
	double cx = w / 2.0, cy = h / 2.0;

	/* the rims of strokes: in a JPEG on a flat background colour */
	double ridge = jpeg && m->bg_kind == AL_BG_COLOR ? AL_PARAM(ctx, "jpeg_ridge") : 0;
	/* the core pass: only for a mark of thin strokes on the background */
	double thin = 1;
	long nsolid = core > 0 ? core_solid(m, lab, core, ridge, blend_de,
	                                    (int)AL_PARAM(ctx, "jpeg_core_reach"), &thin,
	                                    rim_memo, solid)
	                       : mark_solid(m, lab, flat, blend_de, chroma, ridge, rim_memo,
	                                    labels, regs, solid);
	if (nsolid < 0)
		return -1;
	if (nsolid < min_px || thin < AL_PARAM(ctx, "jpeg_core_thin") ||
	    (core > 0 && nsolid < AL_PARAM(ctx, "jpeg_min_px")))
		return 0;
	/* in a JPEG, a join step above blend_de: its noise cuts thin
	 * strokes apart */
	float join = jpeg ? (float)AL_PARAM(ctx, "jpeg_piece_step") : blend_de;
	al_label_runs runs;
	int np = al_regions_similar_runs(m, lab, solid, join, (float)AL_PARAM(ctx, "ramp_de"),
	                                 labels, &runs);
	if (np < 0)
		return -1;
	piece = al_try_new0(lsq, (size_t)MAX(np, 1));
	keep = al_try_new(uint8_t, (size_t)MAX(np, 1));
	pbox = al_try_new(al_region, (size_t)MAX(np, 1));
	order = al_try_new(int, (size_t)MAX(np, 1));
	hist = al_try_new(guint32, 6 * HBINS);
	if (!piece || !keep || !pbox || !order || !hist) {
		al_label_runs_clear(&runs);
		found = -1;
		goto out;
	}
	for (int p = 0; p < np; p++) {
		keep[p] = 1;
		order[p] = p;
		pbox[p] = (al_region){ w, h, -1, -1 }; /* x0, y0, x1, y1 for now */
	}
	piece_sums(&runs, lab, w, h, cx, cy, piece, pbox);
	al_label_runs_clear(&runs);

	/* all the pieces, trimmed */
	double gx[3], gy[3], mean[3], fit = 0;
	const whole_args wa = { min_px, all_fit, trim, min_within, thin_rim, blend_de, min_span,
	                        need_dl, max_axis, core, unmixed, jpeg };
	if (mark_whole(ctx, m, lab, labels, piece, np, keep, &wa, hist, span_out, fit_out)) {
		*box_out = m->fg_bbox;
		found = 1;
		goto out;
	}

	/* each group of pieces alone, when the mark falls into several */
	if (!jpeg && core <= 0 && AL_PARAM(ctx, "mark_group_gap") > 0) {
		int ng = mark_groups(pbox, np, AL_PARAM(ctx, "mark_group_gap"), order);
		/* each group's pixels: mark_whole() finds no ramp under
		 * min_px, so those groups are passed (the specks of a noisy
		 * mark are thousands of groups of a few pixels, each asked
		 * with a pass over all the pieces) */
		double *gn = ng > 1 ? al_try_new0(double, (size_t)ng) : NULL;
		if (ng < 0 || (ng > 1 && !gn)) {
			found = -1;
			goto out;
		}
		for (int p = 0; ng > 1 && p < np; p++)
			gn[order[p]] += piece[p].n;
		for (int g = 0; ng > 1 && g < ng; g++) {
			if (gn[g] < min_px)
				continue;
			al_region gb = { w, h, -1, -1 };
			for (int p = 0; p < np; p++) {
				keep[p] = order[p] == g;
				if (keep[p]) {
					gb.x = MIN(gb.x, pbox[p].x);
					gb.y = MIN(gb.y, pbox[p].y);
					gb.w = MAX(gb.w, pbox[p].w);
					gb.h = MAX(gb.h, pbox[p].h);
				}
			}
			if (mark_whole(ctx, m, lab, labels, piece, np, keep, &wa, hist, span_out,
			               fit_out)) {
				*box_out = (al_region){ gb.x, gb.y, gb.w - gb.x + 1, gb.h - gb.y + 1 };
				found = 1;
				g_free(gn);
				goto out;
			}
		}
		g_free(gn);
		for (int p = 0; p < np; p++)
			order[p] = p;
	}

	/* the unmixed pass asks only the whole mark and its groups: each
	 * piece alone was judged on its own colours */
	if (unmixed)
		goto out;
	/* each of the largest pieces alone */
	g_qsort_with_data(order, np, sizeof *order, piece_cmp, piece);
	memset(keep, 0, (size_t)np);
	for (int k = 0; k < MIN(np, (int)AL_PARAM(ctx, "mark_pieces")); k++) {
		int p = order[k];
		if (piece[p].n < min_px)
			break;
		if (!lsq_fit(&piece[p], gx, gy, mean, &fit) || fit < min_fit)
			continue;
		keep[p] = 1;
		bool ok = ramp_holds(ctx, m, lab, labels, keep, &piece[p], gx, gy, mean, hist,
		                     span_out);
		keep[p] = 0;
		if (ok && ramp_dl(&piece[p], gx, gy) <
		              MAX(need_dl, piece_min_dl(piece[p].n, min_dl, small_dl, small_px)))
			ok = false;
		/* the soft rim of an edge: the whole change within a few px */
		if (ok && max_slope > 0 && ramp_slope(gx, gy) >= max_slope)
			ok = false;
		/* in a JPEG, noise: flat tones whose rims JPEG smeared */
		if (ok && jpeg) {
			if (!judged) {
				judged = al_try_new0(uint8_t, (size_t)w * h);
				scratch = al_try_new0(uint8_t, (size_t)w * h);
				sm = al_try_new(float, (size_t)w * h * 3);
			}
			int nh = judged && scratch && sm ?
			         piece_noise(m, lab, labels, p, &pbox[p], (int)piece[p].n, radius,
			                     &pnoise, judged, scratch, sm) : -1;
			if (nh < 0) {
				found = -1;
				goto out;
			}
			ok = nh > 0;
		}
		if (ok) {
			const al_region *b = &pbox[p];
			*fit_out = fit;
			*box_out = (al_region){ b->x, b->y, b->w - b->x + 1, b->h - b->y + 1 };
			found = 1;
			break;
		}
	}
	if (!found)
		found = pieces_drift(ctx, m, lab, labels, piece, pbox, np, min_px, keep, hist,
		                     min_dl, small_dl, small_px, max_slope, need_dl, span_out,
		                     fit_out, box_out);
out:
	g_free(judged);
	g_free(scratch);
	g_free(sm);
	g_free(hist);
	g_free(piece);
	g_free(keep);
	g_free(pbox);
	g_free(order);
	return found;
}

/* Own colours: a translucent pixel of the mark keeps its colour, not the
 * white it is composited over (its soft rim on transparency is not a
 * drift towards white).  Without a translucent pixel that is m->lab
 * itself, which is returned (*@copy NULL); else a copy in *@copy, to
 * g_free().  NULL when out of memory. */
static const float *own_colours(const al_measure *m, float **copy)
{
	size_t n = (size_t)m->width * m->height, first = n;

	*copy = NULL;
	/* by runs of one RGBA (one alpha) */
	for (size_t i = 0, e; i < n && first == n; i = e) {
		e = al_run_end(m, i, n);
		if (m->rgba[i * 4 + 3] >= 128 && m->rgba[i * 4 + 3] < 255)
			first = i;
	}
	if (first == n)
		return m->lab;
	float *own = al_try_new(float, n * 3);
	if (!own)
		return NULL;
	memcpy(own, m->lab, n * 3 * sizeof *own);
	/* by runs of one RGBA: one conversion, copied along the run */
	for (size_t i = first, e; i < n; i = e) {
		const uint8_t *p = m->rgba + i * 4;
		e = al_run_end(m, i, n);
		if (p[3] < 128 || p[3] == 255)
			continue;
		al_srgb_to_lab(p[0], p[1], p[2], own + i * 3);
		for (size_t j = i + 1; j < e; j++)
			memcpy(own + j * 3, own + i * 3, 3 * sizeof *own);
	}
	*copy = own;
	return own;
}

/* For the tests: unmixed_colours() of @m's own colours into @out (w*h*3),
 * with al_flat3()'s plane or, with @plain, no pixel flat (every pixel
 * asked: a uniform 3x3 neighbourhood must change nothing) and every
 * pixel's distance to the background taken; the count of
 * changed pixels (0 when the candidates, *@ncand, are fewer than
 * @min_changed), -1 when out of memory.  @out is written only when the
 * plane is made (@min_changed); without a change and with @min_changed
 * 0, the own colours. */
long al__gradient_unmixed(const al_measure *m, float blend_de, double cos_min, int reach,
                          bool plain, double min_changed, float *out, long *ncand);
long al__gradient_unmixed(const al_measure *m, float blend_de, double cos_min, int reach,
                          bool plain, double min_changed, float *out, long *ncand)
{
	size_t n = (size_t)m->width * m->height;
	float *own = NULL, *un = NULL;
	uint8_t *flat = al_try_new0(uint8_t, MAX(n, 1));
	const float *lab = flat ? own_colours(m, &own) : NULL;
	long changed = -1;
	if (lab && !plain)
		al_flat3(m, flat);
	if (lab)
		changed = unmixed_colours(m, lab, flat, blend_de, cos_min, reach, min_changed, plain,
		                          &un, ncand);
	if (un || (changed == 0 && min_changed <= 0))
		memcpy(out, un ? un : lab, n * 3 * sizeof *out);
	g_free(un);
	g_free(own);
	g_free(flat);
	return changed;
}

/* Pass 1 of the region test: each region's pixel count and box
 * (@regs, by label, as check() sets them up), by the runs of one label
 * along the rows (@runs; counts, minima and maxima come out the same in
 * any order). */
static void region_boxes(const al_label_runs *runs, reg *regs, int h)
{
	for (int y = 0; y < h; y++)
		for (int q = runs->row[y]; q < runs->row[y + 1]; q++) {
			const al_label_run *u = &runs->run[q];
			reg *r = &regs[u->label];
			r->count += u->x1 - u->x0 + 1;
			r->x0 = MIN(r->x0, u->x0);
			r->x1 = MAX(r->x1, u->x1);
			r->y0 = MIN(r->y0, y);
			r->y1 = MAX(r->y1, y);
		}
}

/* The range of the blurred colours (@blur, with al_flat3()'s @flat) of
 * each region of @min_px pixels or more, in regs[].lo and .hi, by its
 * runs; regs[].ranged set where it is not flat either: the colours
 * (which joined in steps below `step`) span half of @min_span or more (a
 * flat one, a large plain background, needs no per-pixel pass of the
 * region test).  A smaller region is no candidate: its range is not
 * taken (nor the boundary, region_boundaries(), of either). */
static void region_ranges(const al_label_runs *runs, reg *regs, int nreg, const float *blur,
                          const uint8_t *flat, int w, int h, double min_px, double min_span)
{
	for (int y = 0; y < h; y++) {
		const uint8_t *fr = flat + (size_t)y * w;
		for (int q = runs->row[y]; q < runs->row[y + 1]; q++) {
			int x = runs->run[q].x0, e = runs->run[q].x1 + 1;
			reg *r = &regs[runs->run[q].label];
			if (r->count < min_px)
				continue;
			float lo[3] = { r->lo[0], r->lo[1], r->lo[2] };
			float hi[3] = { r->hi[0], r->hi[1], r->hi[2] };
			int len = e - x;
			const float *b = blur + ((size_t)y * w + x) * 3;
#ifdef __SSE2__
			/* the three channels at once (al_lab_widen()) */
			__m128 lo4 = _mm_setr_ps(lo[0], lo[1], lo[2], 0);
			__m128 hi4 = _mm_setr_ps(hi[0], hi[1], hi[2], 0);
#endif
			for (int j = 0; j < len; j++) {
				/* a pixel that repeats the one before (to the bit)
				 * changes no minimum or maximum: a stretch of flat
				 * pixels off the side columns has one blurred
				 * colour (see al_regions_similar_blur()), taken at
				 * its first pixel, the others passed sixteen flat
				 * bytes at a time.  Elsewhere every pixel is
				 * taken, in order (asking whether it repeats
				 * would cost more than the widening it saves) */
				if (j > 0 && x + j > 1 && fr[x + j - 1]) {
					int f = al_set_end(fr, x + j - 1, MIN(e, w - 1)) - x;
					if (f > j && (j = f) == len)
						break;
				}
#ifdef __SSE2__
				al_lab_widen(&lo4, &hi4, b + (size_t)j * 3);
#else
				for (int k = 0; k < 3; k++) {
					float v = b[(size_t)j * 3 + k];
					lo[k] = MIN(lo[k], v);
					hi[k] = MAX(hi[k], v);
				}
#endif
			}
#ifdef __SSE2__
			{
				float l4[4], h4[4];
				_mm_storeu_ps(l4, lo4);
				_mm_storeu_ps(h4, hi4);
				memcpy(lo, l4, sizeof lo);
				memcpy(hi, h4, sizeof hi);
			}
#endif
			memcpy(r->lo, lo, sizeof lo);
			memcpy(r->hi, hi, sizeof hi);
		}
	}
	for (int l = 0; l < nreg; l++) {
		reg *r = &regs[l];
		float d0 = r->hi[0] - r->lo[0], d1 = r->hi[1] - r->lo[1],
		      d2 = r->hi[2] - r->lo[2];
		r->ranged = r->count >= min_px &&
		            !(d0 * d0 + d1 * d1 + d2 * d2 < 0.25 * min_span * min_span);
	}
}

/* The boundary of each region with regs[].ranged set (region_ranges()),
 * in regs[].boundary: its pixels with a neighbour inside the image that
 * belongs elsewhere (the image's edge is not a boundary), by runs of one
 * label along a row: inside a run only the rows above and below can
 * differ, its ends differ from their outer neighbours.  The rows above
 * and below are read by their runs (shared_columns()), not pixel by
 * pixel.  The other regions are no candidates whatever their boundary. */
static void region_boundaries(const al_label_runs *runs, reg *regs, const int *labels, int w,
                              int h)
{
	for (int y = 0; y < h; y++) {
		/* the rows above and below, or this one at the image's edge
		 * (its labels are its runs': no boundary) */
		int ya = y > 0 ? y - 1 : y, yb = y + 1 < h ? y + 1 : y;
		int ja = runs->row[ya], jb = runs->row[yb];
		for (int q = runs->row[y]; q < runs->row[y + 1]; q++) {
			int x = runs->run[q].x0, e = runs->run[q].x1 + 1, l = runs->run[q].label;
			if (!regs[l].ranged)
				continue;
			int i = y * w + x, len = e - x;
			/* the rows above and below, or this one at the image's
			 * edge (its labels are l: no boundary) */
			const int *up = labels + (y > 0 ? i - w : i);
			const int *dn = labels + (y + 1 < h ? i + w : i);
			int boundary = len - shared_columns(runs, ya, yb, x, e - 1, l, &ja, &jb);
			/* the ends, when not counted already */
			boundary += x > 0 && up[0] == l && dn[0] == l;
			boundary += e < w && len > 1 && up[len - 1] == l && dn[len - 1] == l;
			boundary += e < w && len == 1 && x == 0 && up[0] == l && dn[0] == l;
			regs[l].boundary += boundary;
		}
	}
}

/* Pass 2 of the region test over the candidate regions (regs[].cand >= 0),
 * by the runs of one label along a row (@runs), the others skipped a run
 * at a time: a candidate's pixel is solid (1 in @solid,
 * counted in regs[].solid) unless it is an edge blend (edge_blend_at(): a
 * pixel of a uniform 3x3 neighbourhood, @flat, never is); each solid pixel's own
 * colour (m->lab) goes into its candidate's three channel histograms in
 * @hist (3 * HBINS per candidate).  Within a stretch of one RGBA (m->run)
 * every pixel has the same colour and bins, so the stretch's solid pixels
 * are counted at once, and its flat bytes (al_set_end()) set solid
 * without the blend test: the counts are those of the pixel-by-pixel pass.
 * @solid is written over the candidates only: the region test reads it
 * there only (list_solid(), flat_tone() asks the label first). */
static void solid_pass(const al_measure *m, const al_label_runs *runs, reg *regs,
                       const uint8_t *flat, float blend_de, uint8_t *solid, guint32 *hist)
{
	int w = m->width, h = m->height;
	for (int y = 0; y < h; y++) {
		size_t row = (size_t)y * w;
		for (int r = runs->row[y]; r < runs->row[y + 1]; r++) {
			int l = runs->run[r].label, x = runs->run[r].x0, e = runs->run[r].x1 + 1;
			if (regs[l].cand < 0)
				continue;
			guint32 *hc = hist + (size_t)regs[l].cand * 3 * HBINS;
			int count = 0;
			for (int j = x, k; j < e; j = k) {
				/* the stretch of pixel j's RGBA, inside the run */
				const void *z = j + 1 < e ? memchr(m->run + row + j + 1, 0, (size_t)(e - j - 1))
				                          : NULL;
				k = z ? (int)((const uint8_t *)z - (m->run + row)) : e;
				int s = 0;
				for (int q = j; q < k; q++) {
					/* flat bytes: no blend, solid */
					int f = al_set_end(flat + row, q, k);
					if (f > q) {
						memset(solid + row + q, 1, (size_t)(f - q));
						s += f - q;
						if ((q = f) == k)
							break;
					}
					uint8_t v = !edge_blend_at(m->lab, w, h, q, y, blend_de, 1.0f);
					solid[row + q] = v;
					s += v;
				}
				if (s == 0)
					continue;
				const float *c = m->lab + (row + (size_t)j) * 3;
				for (int ch = 0; ch < 3; ch++)
					hc[ch * HBINS + hbin(c[ch])] += (guint32)s;
				count += s;
			}
			regs[l].solid += count;
		}
	}
}

/* The solid pixels of each candidate in scan order: pixel i goes to
 * @pix[@fill[its candidate]++].  By runs of one label along a row, as
 * solid_pass(): the runs outside the candidates are passed whole, those
 * inside sixteen bytes at a time (al_list_set()). */
static void list_solid(const uint8_t *solid, const al_label_runs *runs, const reg *regs,
                       int w, int h, int *fill, int *pix)
{
	for (int y = 0; y < h; y++) {
		int row = y * w;
		for (int r = runs->row[y]; r < runs->row[y + 1]; r++) {
			int l = runs->run[r].label, x = runs->run[r].x0, e = runs->run[r].x1 + 1;
			if (regs[l].cand < 0)
				continue;
			int *d = al_list_set(solid + row + x, e - x, row + x, pix + fill[regs[l].cand]);
			fill[regs[l].cand] = (int)(d - pix);
		}
	}
}

static void check(al_ctx *ctx)
{
	const al_measure *m = ctx->m;
	float step = (float)AL_PARAM(ctx, "step");
	double min_span = AL_PARAM(ctx, "min_span");
	double min_area = AL_PARAM(ctx, "min_area");
	double min_thick = AL_PARAM(ctx, "min_thickness");
	int max_findings = (int)AL_PARAM(ctx, "max_findings");
	float blend_de = (float)AL_PARAM(ctx, "blend_de");
	double pile_ratio = AL_PARAM(ctx, "pile_ratio");
	double max_piled = AL_PARAM(ctx, "max_piled");
	double min_interior = AL_PARAM(ctx, "min_interior");
	double tail_slope = AL_PARAM(ctx, "tail_slope");
	double max_rough = AL_PARAM(ctx, "max_rough");
	double max_incoh = AL_PARAM(ctx, "max_incoherence");
	double flat_rim = AL_PARAM(ctx, "flat_rim");
	int drift_core = (int)AL_PARAM(ctx, "drift_core");
	int w = m->width, h = m->height, n = w * h;
	float *blur = NULL, *own = NULL, *sm = NULL;
	const float *own_lab = NULL;
	uint8_t *solid = NULL, *judged = NULL, *mask = NULL, *dmask = NULL, *flat = NULL;
	uint8_t *rim_memo = NULL;
	int *pix = NULL, *dpx = NULL, dpx_room = 0;
	hit *found = g_new(hit, MAX(max_findings, 1));
	int nfound = 0;
	int *labels = NULL;
	al_label_runs lruns = { NULL, NULL };
	reg *regs = NULL;
	GArray *cands = NULL;
	guint32 *hist = NULL;
	int emitted = 0;
	bool nomem = false;
	al_severity sev = ctx->content_role == AL_ROLE_HERO ? AL_SEV_WARNING : AL_SEV_OFF;

	if (n == 0)
		goto out;
	/* The planes of the region test.  Each is asked for when the test
	 * first needs it and sized to what it holds: most images have no
	 * candidate region, and the largest have a flat background that is
	 * one (its blurred edge ranges widely) but never reaches the noise
	 * test, so the peak is what the test uses, not every plane at once
	 * (issue #10).  Short of memory, the file gets an internal-error
	 * rather than a pass. */
	blur = al_lab_blur3_rgba(m->lab, m->rgba, w, h);
	labels = al_try_new(int, (size_t)n);
	/* written where read: over the candidates (solid_pass()), then
	 * whole by the mark's test */
	solid = al_try_new(uint8_t, (size_t)n);
	flat = al_try_new(uint8_t, (size_t)n);
	if (!blur || !labels || !solid || !flat) {
		nomem = true;
		goto out;
	}
	al_flat3(m, flat);
	int nreg = al_regions_similar_blur_runs(m, blur, flat, step, (float)AL_PARAM(ctx, "ramp_de"),
	                                        labels, &lruns);
	if (nreg < 0) {
		nomem = true;
		goto out;
	}
	regs = al_try_new(reg, (size_t)MAX(nreg, 1));
	if (!regs) {
		nomem = true;
		goto out;
	}
	/* every field set here (the others 0): no zeroed allocation first */
	for (int r = 0; r < nreg; r++)
		regs[r] = (reg){ .x0 = w, .y0 = h, .x1 = -1, .y1 = -1, .cand = -1,
		                 .lo = { 1e9f, 1e9f, 1e9f }, .hi = { -1e9f, -1e9f, -1e9f } };
	/* pass 1: size and box; then the blurred colours' range of the
	 * regions large enough to be candidates, and the boundary of those
	 * that are not flat either (region_ranges(), region_boundaries()):
	 * the others fail the tests below whatever theirs */
	double min_px = MAX(min_area * n, 16.0);
	region_boxes(&lruns, regs, h);
	region_ranges(&lruns, regs, nreg, blur, flat, w, h, min_px, min_span);
	region_boundaries(&lruns, regs, labels, w, h);
	cands = g_array_new(FALSE, FALSE, sizeof(int));
	for (int l = 0; l < nreg; l++) {
		reg *r = &regs[l];
		if (r->count < min_px)
			continue;
		if (r->boundary > 0 && (double)r->count / r->boundary < min_thick)
			continue;
		if (!r->ranged)
			continue;
		g_array_append_val(cands, l);
	}
	if (cands->len == 0)
		goto out;
	/* at most 64 candidates, the largest: bounds the histogram memory */
	g_array_sort_with_data(cands, cand_cmp, regs);
	if (cands->len > 64)
		g_array_set_size(cands, 64);
	for (guint c = 0; c < cands->len; c++)
		regs[g_array_index(cands, int, c)].cand = (int)c;

	/* pass 2: per-channel histograms of each candidate's own colours
	 * (unblurred), leaving out the blends of anti-aliased edges: a flat
	 * outline drawn with soft edges has one solid colour, a gradient
	 * stroke drifts.  The solid pixels of each candidate are listed
	 * (by candidate, in scan order) for the pile test. */
	hist = al_try_new0(guint32, (size_t)cands->len * 3 * HBINS);
	mask = al_try_new0(uint8_t, (size_t)n);
	dmask = al_try_new0(uint8_t, (size_t)n);
	if (!hist || !mask || !dmask) {
		nomem = true;
		goto out;
	}
	solid_pass(m, &lruns, regs, flat, blend_de, solid, hist);
	int margin = (int)AL_PARAM(ctx, "edge_margin");
	const noise_params nparams = {
		min_span, max_incoh, AL_PARAM(ctx, "min_smooth"), (int)AL_PARAM(ctx, "smooth_px"),
		(int)AL_PARAM(ctx, "jpeg_min_px"), pile_ratio, AL_PARAM(ctx, "noise_piled"),
		AL_PARAM(ctx, "jpeg_middle"), ctx->info && ctx->info->format == AL_FMT_JPEG,
		AL_PARAM(ctx, "jpeg_drift_middle"), AL_PARAM(ctx, "jpeg_two_tone"),
	};
	int radius = (int)AL_PARAM(ctx, "noise_radius");
	int *first = g_new0(int, cands->len + 1);
	for (guint c = 0; c < cands->len; c++)
		first[c + 1] = first[c] + regs[g_array_index(cands, int, c)].solid;
	/* the candidates' solid pixels */
	pix = al_try_new(int, (size_t)MAX(first[cands->len], 1));
	if (!pix) {
		g_free(first);
		nomem = true;
		goto out;
	}
	{
		int *fill = g_memdup2(first, (cands->len + 1) * sizeof *first);
		list_solid(solid, &lruns, regs, w, h, fill, pix);
		g_free(fill);
	}
	al_label_runs_clear(&lruns);
	/* A region whose colours spread evenly is a gradient.  One whose
	 * colours pile up in flat tones (a flat background under a glow, a
	 * fill fading into a flat colour, flat tones side by side joined by
	 * soft seams) is judged by its drifting part: its solid pixels
	 * outside the piles. */
	for (guint c = 0; c < cands->len && nfound < max_findings; c++) {
		reg *r = &regs[g_array_index(cands, int, c)];
		guint32 *hc = hist + (size_t)c * 3 * HBINS;
		const int *px = pix + first[c];
		float lo[3], hi[3];
		int widest;
		double span = span_of(hc, r->solid, lo, hi, &widest);
		if (r->solid < MAX(r->count / 4, 16))
			continue;
		/* A region whose colours span less than min_span between the
		 * 5th and 95th percentiles, but whose blurred colours range
		 * over min_span, holds a small drifting part (a light cone or
		 * a glow on a large flat background): only that part is
		 * judged, the pixels further than `step` from its median. */
		float b0 = r->hi[0] - r->lo[0], b1 = r->hi[1] - r->lo[1], b2 = r->hi[2] - r->lo[2];
		bool small_drift = span < min_span;
		if (small_drift && b0 * b0 + b1 * b1 + b2 * b2 < min_span * min_span)
			continue;
		/* mask: 1 = piled.  With a small drift, the piled pixels are
		 * those whose blurred colour lies within `step` of the region's
		 * median colour: the flat background, without the pile test's
		 * grid over its many pixels. */
		double p = 1;
		bool canvas = false;
		long npiled = 0; /* how many are 1 in mask */
		if (small_drift) {
			float med[3];
			for (int ch = 0; ch < 3; ch++)
				med[ch] = hquant(hc + ch * HBINS, r->solid, 0.5);
			/* squared, with the limit that decides alike */
			float step2 = al_de76_sq_limit(step);
			npiled = mark_near(blur, flat, w, med, step2, px, r->solid, mask);
		} else {
			p = pile_up_n(m->lab, px, r->solid, span, pile_ratio, mask, &npiled);
			/* a JPEG region flat along the image's edge is a flat
			 * canvas: only what drifts inside it (further than `step`
			 * from the edge's colour) is judged, as a drifting part,
			 * held to the tests of a region judged whole */
			float med[3];
			if (p <= max_piled && nparams.jpeg && flat_rim > 0 &&
			    rim_flat(blur, labels, labels[px[0]], w, h, min_span / 2, flat_rim, med)) {
				float step2 = al_de76_sq_limit(step);
				npiled = mark_near(blur, flat, w, med, step2, px, r->solid, mask);
				p = 1;
				canvas = true;
			}
		}
		if (p <= max_piled) {
			/* dmask: the piled pixels, which the smooth test leaves out */
			for (int k = 0; k < r->solid; k++) {
				dmask[px[k]] = mask[px[k]];
				mask[px[k]] = 3;
			}
			bool rough = textured(m->lab, blur, flat, mask, 3, px, r->solid, w, h, max_rough,
			                      r->solid);
			for (int k = 0; k < r->solid; k++) {
				mask[px[k]] = 0;
				if (rough)
					dmask[px[k]] = 0;
			}
			if (rough)
				continue;
			if (!judge_planes(&judged, &sm, n) ||
			    !judge_region(m, labels, r, px, margin, radius, judged, sm)) {
				nomem = true;
				break;
			}
			bool holds = noise_holds(m->lab, sm, judged, px, r->solid, &nparams, true,
			                         dmask, mask, w, h);
			for (int k = 0; k < r->solid; k++)
				dmask[px[k]] = 0;
			if (!holds)
				continue;
			al_region box = { r->x0, r->y0, r->x1 - r->x0 + 1, r->y1 - r->y0 + 1 };
			found[nfound++] = (hit){ box, span, r->count,
			                         in_background(m, labels, labels[px[0]], &box) * 2 >
			                             r->count };
			continue;
		}
		/* mask: 2 = drifting.  A drifting part that piles up in turn
		 * (a third flat tone that shares no channel's range with the
		 * first, flat discs around a glow) is judged by its own
		 * drifting part, up to DRIFT_ROUNDS times. */
		int nd = 0;
		if (!drift_room(&dpx, &dpx_room, (int)(r->solid - npiled) + 1)) {
			nomem = true;
			break;
		}
		for (int k = 0; k < r->solid; k++) {
			/* sixteen, then four piled pixels along a row (1
			 * each): 0, none drifting */
			while (k + 16 <= r->solid && px[k + 15] - px[k] == 15 &&
			       all_one16(mask + px[k])) {
				memset(mask + px[k], 0, 16);
				k += 16;
			}
			uint32_t four;
			while (k + 4 <= r->solid && px[k + 3] - px[k] == 3 &&
			       (memcpy(&four, mask + px[k], 4), four == 0x01010101u)) {
				memset(mask + px[k], 0, 4);
				k += 4;
			}
			if (k == r->solid)
				break;
			int i = px[k];
			mask[i] = mask[i] ? 0 : 2;
			if (mask[i])
				dpx[nd++] = i;
		}
		int dcount = 0, x0 = w, y0 = h, x1 = -1, y1 = -1, rl = labels[px[0]];
		bool drift = false;
		for (int round = 0; round < DRIFT_ROUNDS; round++) {
			int interior = 0;
			memset(hc, 0, 3 * HBINS * sizeof *hc);
			dcount = nd;
			x0 = w, y0 = h, x1 = -1, y1 = -1;
			for (int k = 0; k < nd; k++) {
				int i = dpx[k], x = i % w, y = i / w;
				for (int ch = 0; ch < 3; ch++)
					hc[ch * HBINS + hbin(m->lab[(size_t)i * 3 + ch])]++;
				x0 = MIN(x0, x);
				x1 = MAX(x1, x);
				y0 = MIN(y0, y);
				y1 = MAX(y1, y);
				interior += nparams.jpeg ? inner_px(mask, w, h, i)
				                         : off_flat(mask, solid, labels, rl, w, h, i);
			}
			if (dcount < MAX(min_area * n, 16.0) || interior < min_interior * dcount ||
			    textured(m->lab, blur, flat, mask, 2, dpx, nd, w, h, max_rough, r->solid))
				break;
			span = span_of(hc, dcount, lo, hi, &widest);
			if (span < min_span)
				break;
			/* the drifting part must not pile up in turn */
			double pd = pile_up(m->lab, dpx, nd, span, pile_ratio, dmask);
			if (pd <= max_piled) {
				drift = true;
				break;
			}
			int kept = 0;
			for (int k = 0; k < nd; k++) {
				int i = dpx[k];
				if (dmask[i] && tail_slope > 0 &&
				    glow_tail(blur, w, h, i, tail_slope, step / 2))
					dmask[i] = 0;
				if (dmask[i])
					mask[i] = 0;
				else
					dpx[kept++] = i;
				dmask[i] = 0;
			}
			nd = kept;
		}
		/* On a flat canvas, the drifting part that does not pile up may
		 * still hold a flat tone: a mark that JPEG's soft edge joined to
		 * the canvas's region, far from both the canvas and the fill.
		 * The noise test judges the fill without it: without the piled
		 * pixels (when they are 5 % to 25 % of the part: fewer lie
		 * outside the 5th to 95th percentiles anyway, more are the flat
		 * base itself) that lie min_span or further from the mean
		 * blurred colour of the others (the flat end of a radial fill
		 * lies closer), when 16 or more pixels are left.  At one end of
		 * the range, a flat mark leaves the fill's middle empty, and no
		 * smooth surface through fill and mark explains both. */
		int nj = nd;
		if (drift && canvas) {
			int piled = 0;
			double mean[3] = { 0, 0, 0 };
			for (int k = 0; k < nd; k++) {
				piled += dmask[dpx[k]] != 0;
				for (int ch = 0; dmask[dpx[k]] == 0 && ch < 3; ch++)
					mean[ch] += blur[(size_t)dpx[k] * 3 + ch];
			}
			if (piled >= 0.05 * nd && piled <= 0.25 * nd && nd - piled >= 16) {
				float mc[3];
				for (int ch = 0; ch < 3; ch++)
					mc[ch] = (float)(mean[ch] / (nd - piled));
				float far2 = al_de76_sq_limit((float)min_span);
				int kept = 0;
				for (int k = 0; k < nd; k++)
					if (!dmask[dpx[k]] ||
					    al_de76_sq(blur + (size_t)dpx[k] * 3, mc) < far2) {
						int t = dpx[kept];
						dpx[kept++] = dpx[k];
						dpx[k] = t;
					}
				nj = kept;
			}
		}
		for (int k = 0; k < nd; k++)
			dmask[dpx[k]] = 0;
		if (drift) {
			if (!judge_planes(&judged, &sm, n) ||
			    !judge_region(m, labels, r, px, margin, radius, judged, sm)) {
				for (int k = 0; k < nd; k++)
					mask[dpx[k]] = 0;
				nomem = true;
				break;
			}
			drift = noise_holds(m->lab, sm, judged, dpx, nj, &nparams, canvas, NULL, dmask, w,
			                    h);
			/* in a JPEG, the drifting part must still span min_span
			 * away from the region's flat tones (drift_core) */
			if (drift && nparams.jpeg && drift_core > 0) {
				double cs = core_span(sm, judged, mask, solid, labels, rl, dpx, nj, w, h,
				                      drift_core);
				drift = cs < 0 || cs >= min_span;
			}
		}
		for (int k = 0; k < nd; k++)
			mask[dpx[k]] = 0;
		if (!drift)
			continue;
		al_region box = { x0, y0, x1 - x0 + 1, y1 - y0 + 1 };
		/* background or mark: by the drifting part's own pixels (a
		 * gradient stroke whose region took in the flat background
		 * around it is in the mark) */
		int dbg_px = 0;
		for (int k = 0; k < nd; k++)
			dbg_px += m->bgmask[dpx[k]] != 0;
		found[nfound++] = (hit){ box, span, dcount, dbg_px * 2 > nd };
	}
	g_free(first);
	if (nomem)
		goto out;
	/* largest first */
	for (int a = 1; a < nfound; a++)
		for (int b = a; b > 0 && found[b].area > found[b - 1].area; b--) {
			hit t = found[b];
			found[b] = found[b - 1];
			found[b - 1] = t;
		}
	for (int k = 0; k < nfound; k++) {
		al_emit(ctx, sev, &found[k].box, true, found[k].span, min_span,
		        "colour gradient in the %s: colours drift smoothly over a span of "
		        "%.0f (CIE76, 5th to 95th percentile; limit %.0f) across %.0f %% of "
		        "the image. Use flat colours",
		        found[k].is_bg ? "background" : "mark", found[k].span, min_span,
		        100.0 * found[k].area / n);
		emitted++;
	}
out:
	/* the mark's test needs only its own colours, the solid pixels and
	 * the regions: the other planes go first, so that its plane does not
	 * add to theirs (a hero's is 2.8 MB) */
	g_clear_pointer(&blur, g_free);
	g_clear_pointer(&sm, g_free);
	g_clear_pointer(&pix, g_free);
	g_clear_pointer(&dpx, g_free);
	g_clear_pointer(&mask, g_free);
	g_clear_pointer(&dmask, g_free);
	g_clear_pointer(&judged, g_free);
	if (emitted == 0 && n > 0 && !nomem && !(own_lab = own_colours(m, &own)))
		nomem = true;
	bool lossless = !(ctx->info && ctx->info->format == AL_FMT_JPEG);
	/* in a JPEG on a flat background colour, the passes on the own
	 * colours ask the same pixels whether they are a stroke's rim */
	if (emitted == 0 && n > 0 && !nomem && !lossless && m->bg_kind == AL_BG_COLOR &&
	    AL_PARAM(ctx, "jpeg_ridge") > 0 && !(rim_memo = al_try_new0(uint8_t, (size_t)n)))
		nomem = true;
	if (emitted == 0 && n > 0 && !nomem) {
		double span = 0, fit = 0;
		al_region box = { 0, 0, 0, 0 };
		/* the region test's blend answers are for m->lab */
		int md = mark_drift(ctx, m, own_lab, flat, 1.0f, 0, false, 1, 0, rim_memo,
		                    own_lab == m->lab ? regs : NULL, solid, labels, &span, &fit,
		                    &box);
		/* in a JPEG, once more with a* and b* at jpeg_blend_chroma
		 * in the blend test (the inside of a saturated stroke, whose
		 * upsampled chroma runs across it), where the ramp must then
		 * change lightness, coded at full resolution, by min_span */
		float chroma = blend_chroma(ctx);
		if (md == 0 && chroma < 1.0f)
			md = mark_drift(ctx, m, own_lab, flat, chroma, min_span, false, 1, 0, rim_memo,
			                NULL, solid, labels, &span, &fit, &box);
		/* in a lossless image on a flat background colour, once more on
		 * unmixed colours (unmixed_colours()), the whole mark and its
		 * groups only, and
		 * its ramp must not lie along the background's axis
		 * (unmix_axis); a JPEG codes chroma at half resolution, so its
		 * rims do not mix lightness and chroma by one cover */
		double unmix_cos = AL_PARAM(ctx, "unmix_cos");
		if (md == 0 && unmix_cos > 0 && lossless && m->bg_kind == AL_BG_COLOR) {
			/* a mark mostly of rims (thin strokes) only: where few of
			 * its pixels changed, the first pass judged nearly the same
			 * colours (no plane then: un NULL) */
			float *un = NULL;
			long changed = unmixed_colours(m, own_lab, flat, blend_de, unmix_cos,
			                               (int)AL_PARAM(ctx, "unmix_reach"),
			                               AL_PARAM(ctx, "unmix_share") * m->fg_count, false,
			                               &un, NULL);
			md = changed < 0 ? -1
			         : !un ? 0
			               : mark_drift(ctx, m, un, flat, 1.0f, 0, true,
			                            AL_PARAM(ctx, "unmix_axis"), 0, NULL, NULL,
			                            solid, labels, &span, &fit, &box);
			g_free(un);
		}
		/* in a JPEG on a flat background colour, once more on the
		 * mark's core pixels (jpeg_core, core_solid()), the whole mark
		 * only, held to unmix_axis as the unmixed pass */
		double core = AL_PARAM(ctx, "jpeg_core");
		if (md == 0 && core > 0 && !lossless && m->bg_kind == AL_BG_COLOR)
			md = mark_drift(ctx, m, own_lab, flat, 1.0f, 0, true, AL_PARAM(ctx, "unmix_axis"),
			                core, rim_memo, NULL, solid, labels, &span, &fit, &box);
		if (md < 0)
			nomem = true;
		else if (md == 2)
			al_emit(ctx, sev, box.w > 0 ? &box : NULL, true, span,
			        AL_PARAM(ctx, "mark_piece_span"),
			        "colour gradients inside the pieces of the mark: each piece's colours "
			        "drift along a linear ramp, over %.0f on average (CIE76; limit %.0f). "
			        "Use flat colours",
			        span, AL_PARAM(ctx, "mark_piece_span"));
		else if (md > 0)
			al_emit(ctx, sev, box.w > 0 ? &box : NULL, true, span,
			        min_span,
			        "colour gradient across the mark: its colours drift over a span of "
			        "%.0f (CIE76, 5th to 95th percentile; limit %.0f), a linear ramp "
			        "over the image explains %.0f %% of their variance. Use flat colours",
			        span, min_span, 100.0 * fit);
	}
	if (nomem)
		al_check_failed(ctx, "out of memory for the planes of %d pixels", n);
	g_free(own);
	g_free(rim_memo);
	g_free(sm);
	g_free(hist);
	g_free(solid);
	g_free(judged);
	g_free(mask);
	g_free(dmask);
	g_free(pix);
	g_free(dpx);
	g_free(flat);
	g_free(found);
	if (cands)
		g_array_free(cands, TRUE);
	g_free(regs);
	g_free(labels);
	g_free(blur);
	al_label_runs_clear(&lruns);
}

const al_rule al_rule_gradient = {
	.id = "gradient",
	.stage = AL_STAGE_PIXELS,
	.roles = AL_ROLES_LOGOS | AL_ROLES_HERO,
	.severity = AL_SEV_ERROR,
	.summary = "a colour gradient in the background or the mark",
	.help = "Use flat colours.",
	.params = params,
	.n_params = G_N_ELEMENTS(params),
	.check = check,
};
