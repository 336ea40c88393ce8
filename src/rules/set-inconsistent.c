/* set-inconsistent: the square logos (small, medium, large) do not show
 * the same design.  Compares the marks' thumbnails pairwise (shape by
 * coverage IoU, colour by mean CIE76 over the shared cells) and the
 * background (kind and colour).  Algorithm in assetlint(1),
 * man/parts/55-rules-set.roff. */
#include <math.h>
#include <string.h>
#include "rules.h"

static const al_param params[] = {
	{ "min_iou", 0.55, 0.0, 1.0,
	  "least coverage IoU of two square logos' mark thumbnails" },
	{ "max_delta_e", 25.0, 0.0, 200.0,
	  "largest mean CIE76 colour distance between the marks' thumbnails" },
	{ "max_bg_delta_e", 15.0, 0.0, 200.0,
	  "largest CIE76 distance between two logos' background colours" },
	{ "odd_margin", 0.3, 0.0, 1.0,
	  "a larger logo whose IoU with both others is lower by this than theirs, the smallest mark's pair, is another design" },
	{ "same_look", 10.0, 0.0, 200.0,
	  "largest look difference (mean CIE76 of the marks shown on their backgrounds, blurred to the 40-px pitch) at which marks that differ in coverage or colour are the same design" },
	{ "same_look_tile", 15.0, 0.0, 200.0,
	  "largest look difference between one logo's whole canvas and the other's mark for 'a tile filling the canvas', when the backgrounds differ" },
	{ "same_ink_corr", 0.85, -1.0, 1.0,
	  "least correlation of the two marks' ink (blurred, CIE76 from the background) for 'the same strokes, drawn heavier or washed out'" },
	{ "same_ink_cos", 0.98, -1.0, 1.0,
	  "least mean cosine between the two marks' ink colour directions (CIELAB, from the background) for the same" },
	{ "same_ink_corr_hue", 0.75, -1.0, 1.0,
	  "least ink correlation for the same strokes drawn heavier when the ink colours agree by at least same_ink_cos_hue" },
	{ "same_ink_cos_hue", 0.995, -1.0, 1.0,
	  "ink colour agreement at which same_ink_corr_hue replaces same_ink_corr" },
	{ "recolour_iou", 0.93, 0.0, 1.0,
	  "least coverage IoU at which marks whose colours differ by more than max_delta_e are recoloured, not drawn heavier or washed out" },
	{ "recolour_corr", 0.98, -1.0, 1.0,
	  "least ink correlation at which marks covering the same cells (recolour_iou) in colours far apart are recoloured" },
	{ "odd_ink_margin", 0.55, 0.0, 2.0,
	  "a logo whose ink correlation with both others is lower by this than theirs is another design (when it also looks different by odd_look)" },
	{ "odd_ink_margin_large", 0.3, 0.0, 2.0,
	  "odd_ink_margin for a medium or large odd logo, whose export keeps its strokes (with a whole odd_look)" },
	{ "odd_ink_strong", 0.9, 0.0, 2.0,
	  "an ink-correlation margin this large needs only half of odd_look" },
	{ "odd_colour_margin", 0.05, 0.0, 2.0,
	  "a logo whose ink colour direction agrees with both others less by this than theirs has other colours (when it also looks different by odd_look)" },
	{ "odd_both_ink", 0.3, 0.0, 2.0,
	  "a larger logo that is the odd one out by coverage (odd_margin) and whose ink correlation with both others is lower by this than theirs is another design (with odd_both_ratio)" },
	{ "odd_both_ratio", 2.0, 0.0, 1000.0,
	  "... when it also looks this many times as far from both others as they from each other" },
	{ "odd_both_look", 2.0, 0.0, 200.0,
	  "... and at least this far (mean CIE76 at the small logo's pitch)" },
	{ "odd_look", 10.0, 0.0, 200.0,
	  "least look difference of the odd logo from both others for the ink tests" },
	{ "odd_ratio_ink", 0.4, 0.0, 2.0,
	  "a logo (not a tile with insides) whose ink correlation with both others is lower by this than theirs is another design when it also looks odd_ratio_look times as far from both as they from each other" },
	{ "odd_ratio_look", 8.0, 0.0, 1000.0,
	  "... that ratio (with at least half of odd_look; the whole of it for a 40-px JPEG)" },
	{ "odd_look_ratio", 4.0, 0.0, 1000.0,
	  "an odd logo (not a tile with insides) whose look difference from both others is this many times the other two's needs only half of odd_look for the ink-correlation test" },
	{ "odd_recolour_ratio", 2.0, 0.0, 1000.0,
	  "a medium or large logo whose mark colours differ from both others' by more than max_delta_e, this many times as much as theirs do, while its ink follows both (same_ink_corr), is recoloured (0: off)" },
	{ "inner_margin", 5.0, 0.0, 200.0,
	  "a medium or large tile whose insides differ from both others' (mean CIE76 from the tile colour) by this more than theirs do is another design" },
	{ "inner_small_corr", 0.7, -1.0, 1.0,
	  "the small tile is judged by inner_margin too when its whole mark's ink (for a canvas-filling tile match, its insides') correlates with both others' under this" },
	{ "inner_whole_look", 3.0, 0.0, 200.0,
	  "a tile whose whole mark looks at most this far from one of the others' (mean CIE76 at the small logo's pitch) is not another design by inner_margin" },
	{ "inner_colour_margin", 0.06, 0.0, 2.0,
	  "a tile whose insides' colour direction (from the tile colour) agrees with both others less by this than theirs has other colours" },
	{ "inner_colour_margin_small", 0.12, 0.0, 2.0,
	  "inner_colour_margin when the odd tile is the small logo, whose few inner cells at 40 px are mixed with the tile's edge and, in a JPEG, share its halved chroma" },
	{ "inner_min_sd", 3.0, 0.0, 200.0,
	  "least spread (standard deviation of CIE76 from the tile colour) of a tile's insides for the inner tests" },
	{ "inner_tile_de", 10.0, 0.0, 200.0,
	  "largest CIE76 distance between two tiles' colours for the inner tests" },
	{ "inner_colour_tile_de", 10.0, 0.0, 200.0,
	  "largest CIE76 distance between two tiles' colours for the inner colour test" },
	{ "inner_corr_margin", 0.2, 0.0, 2.0,
	  "a medium or large tile whose insides' ink correlates with both others' less by this than theirs is another design (with inner_corr_ratio), when its whole mark does not already follow theirs (same_ink_corr)" },
	{ "inner_corr_ratio", 2.0, 0.0, 1000.0,
	  "... when its insides also differ from both others' this many times as much (mean CIE76 from the tile colours, floored at 0.5) as theirs do" },
	{ "content_ref", 0.85, -1.0, 1.0,
	  "least correlation of the best pair's tile contents (each content box resampled to the comparison grid) for the content test" },
	{ "content_margin", 0.6, 0.0, 2.0,
	  "a tile whose content correlates with both others' less by this than theirs is another design, when the three content boxes agree (content_box_tol)" },
	{ "content_box_tol", 0.12, 0.0, 1.0,
	  "largest difference between two tiles' content boxes, as shares of their tiles' width and height, for the content test" },
	{ "content_min_share", 0.3, 0.0, 1.0,
	  "least share of its tile's width and of its height a content box must take for the content test" },
	{ "fade_ratio", 0.85, 0.0, 1.0,
	  "a 40-px logo whose mark's ink (mean CIE76 from its background) is at most this share of a larger logo's is a washed-out export of it, when ..." },
	{ "fade_ink_corr", 0.6, -1.0, 1.0,
	  "... its ink still correlates with the larger's at least this much (and under recolour_corr) ..." },
	{ "fade_ink_cos", 0.97, -1.0, 1.0,
	  "... and points the same way from the background (ink colour agreement) at least this much" },
	{ "tile_frame_ref", 0.85, -1.0, 1.0,
	  "least registered correlation of the best pair's tile contents in the tiles' frame for the tile-frame content test" },
	{ "tile_frame_margin", 0.15, 0.0, 2.0,
	  "a medium or large tile whose content in the tile's frame correlates with both others' (best of a few shifts and scales) less by this than theirs is another design" },
	{ "symbol_ink_corr", 0.5, -1.0, 1.0,
	  "least ink correlation of a larger logo's part (its symbol) with the smaller logo's whole mark for 'the symbol alone'" },
	{ "fill_share", 0.8, 0.0, 1.0,
	  "least share of its canvas's width and height a mark must span to be a canvas-filling tile, whose colour may be taken for the background" },
	{ "tile_close_look", 5.0, 0.0, 200.0,
	  "a canvas-filling tile matched by a look difference above this must also show the other tile's content as its mark (within same_look_tile)" },
	{ "jpeg_small_look", 15.0, 0.0, 200.0,
	  "largest look difference of a pair with a 40-px JPEG logo that may be its smeared chroma (with jpeg_light_share and jpeg_ink_cos)" },
	{ "jpeg_light_share", 0.3, 0.0, 1.0,
	  "... when the look difference in lightness alone is at most this share of the whole one" },
	{ "jpeg_ink_cos", 0.95, -1.0, 1.0,
	  "... and the two marks' ink colour directions agree at least this much (a recoloured mark does not)" },
};

#define N_SQ 3


typedef struct {
	bool differ;
	bool shape_differs;      /* by coverage IoU, mark colour or odd one out */
	bool bg_differs;         /* by background kind or colour */
	bool look_same;          /* ... but the marks look the same on their
	                          * backgrounds: washed-out strokes, a tile */
	bool chroma_smear;       /* ... in lightness: a 40-px JPEG's chroma */
	double light_de;         /* ... the look difference in lightness */
	bool simplified;         /* the smaller logo shows one part of the
	                          * larger's mark (the wordmark dropped) */
	bool symbol_on_tile;     /* ... the symbol of the larger's tile, on
	                          * a background of the tile's colour */
	bool weight;             /* the same strokes in the same colours, one
	                          * drawn heavier (or washed out) */
	bool faded;              /* the 40-px logo's strokes washed into its
	                          * background: the same ink, fainter */
	bool canvas_tile;        /* one logo's canvas, filled by a tile whose
	                          * colour was taken for the background, looks
	                          * like the other's mark */
	int canvas_of;           /* ... that logo: 1 the first, 2 the second */
	bool in_canvas;          /* @in compares such canvases, not marks */
	int content_of;          /* a canvas match refused: the logo (1, 2)
	                          * whose canvas is the tile whose content
	                          * in the other looks different ... */
	double content_de;       /* ... by this look difference */
	al_mark_diff mk;
	al_mark_look look;
	al_mark_inner in;
	double bg_de;
	bool bg_kind_differs;
	double odd_ref;          /* > 0: differs as the odd one out; the IoU
	                          * of the other pair */
	int odd_ink;             /* differs as the odd one out by the ink
	                          * tests: 1 shape, 2 colour, 3 shape by
	                          * coverage and ink together, 4 shape by
	                          * ink and the look ratio, 5 recoloured
	                          * (mark colours, the same strokes) */
	double ink_ref;          /* the other pair's ink correlation (1, 3) or
	                          * colour agreement (2) */
	double ink_need;         /* odd_ink 1: the margin that was needed */
	double both_ratio;       /* odd_ink 3, 4: the look difference's
	                          * ratio; 5: the mark colour difference's */
	int odd_inner;           /* differs as the odd one out by the tiles'
	                          * insides: 1 shape, 2 colour, 3 shape by
	                          * the insides' ink correlation, 4 shape by
	                          * the contents' correlation, 5 shape by
	                          * their registered correlation in the
	                          * tiles' frame */
	double content_corr;     /* odd_inner 4, 5: the contents' correlation */
	double inner_ref;        /* the other pair's inner difference (1) or
	                          * inner colour agreement (2) */
	double inner_need;       /* the margin that was needed */
} pair_diff;

/* Does @f's mark span fill_share of its canvas on both axes: a tile or
 * card filling the logo, whose colour the border ring may take for the
 * background (its cut-out then being the "mark")? */
static bool fills_canvas(const al_set_ctx *ctx, const al_file_result *f)
{
	double k = AL_PARAM(ctx, "fill_share");
	return f->mark->bbox.w >= k * f->width && f->mark->bbox.h >= k * f->height;
}

/* Which logo of a pair matched as a canvas-filling tile (see compare())
 * is the tile filling its canvas: 1 @a, 2 @b.  The one whose background
 * has the other's tile colour; when that does not tell (both tiles fill
 * their canvases), the one whose canvas looks more like the other's
 * mark (@ca: @a's canvas against @b's mark, @cb the other way). */
static int canvas_side(const al_set_ctx *ctx, const al_file_result *a,
                       const float la[3], const al_file_result *b,
                       const float lb[3], const al_mark_look *ca,
                       const al_mark_look *cb)
{
	float ta[3], tb[3];
	double lim = AL_PARAM(ctx, "inner_tile_de");
	bool a_is = al_mark_tile(b->mark, tb) && al_de76(la, tb) <= lim;
	bool b_is = al_mark_tile(a->mark, ta) && al_de76(lb, ta) <= lim;
	if (a_is != b_is)
		return a_is ? 1 : 2;
	return ca->look_de <= cb->look_de ? 1 : 2;
}

/* The marks compared again through their core boxes (al_mark.core: the
 * box of the pixels at least half as far from the background as most of
 * the mark; a mark without one keeps its box).  A JPEG's ringing and
 * chroma noise around a small logo's mark pass the box's visibility
 * limit and widen it by a pixel or two on some sides, which shifts every
 * cell of a 40-px mark by a third of a cell against the other logos'.
 * Each measure keeps the better agreement of the two registrations:
 * another design disagrees under both. */
static void compare_cores(const al_mark *a, const float la[3],
                          const al_mark *b, const float lb[3], pair_diff *d)
{
	al_mark *ca = g_new(al_mark, 2), *cb = ca + 1;
	*ca = *a;
	*cb = *b;
	if (ca->has_core)
		memcpy(ca->cells, ca->core_cells, sizeof ca->cells);
	if (cb->has_core)
		memcpy(cb->cells, cb->core_cells, sizeof cb->cells);
	al_mark_diff mk;
	al_mark_look look;
	al_mark_compare(ca, cb, &mk);
	al_mark_compare_look(ca, la, cb, lb, &look);
	g_free(ca);
	d->mk.iou = MAX(d->mk.iou, mk.iou);
	d->mk.delta_e = MIN(d->mk.delta_e, mk.delta_e);
	d->look.look_de = MIN(d->look.look_de, look.look_de);
	d->look.ink_corr = MAX(d->look.ink_corr, look.ink_corr);
	d->look.ink_cos = MAX(d->look.ink_cos, look.ink_cos);
}

/* Does one end of @b's long mark (or of its tile's content), cut to the
 * proportions of @a's mark, look like @a's mark (same_look,
 * symbol_ink_corr)?  @a's mark is tried through its box, its core box
 * and, for a tile, its content on the tile colour; each at its aspect
 * ratio and 15 % either way.  2 when the match was @b's tile content
 * against @a's mark on its background (that background is then the
 * tile colour: @a's canvas is the tile), 1 for any other match, 0 for
 * none.  See compare(). */
static int symbol_at_end(const al_set_ctx *ctx, const al_file_result *a,
                         const float la[3], const al_file_result *b,
                         const float lb[3])
{
	static const double scale[] = { 1.0, 0.87, 1.15 };
	const al_mark *ma = a->mark, *mb = b->mark;
	if (mb->strip_n <= 0)
		return 0;
	const float *gb = mb->strip_inner ? mb->ground : lb;
	al_mark *cells = g_new(al_mark, 1);
	int found = 0;
	for (int reg = 0; reg < 3 && !found; reg++) {
		const float *ga = la;
		double asp = ma->aspect;
		*cells = *ma;
		if (reg == 1) {
			if (!ma->has_core)
				continue;
			memcpy(cells->cells, ma->core_cells, sizeof cells->cells);
			asp = (double)ma->core.w / ma->core.h;
		} else if (reg == 2) {
			if (!ma->has_inner)
				continue;
			memcpy(cells->cells, ma->inner_cells, sizeof cells->cells);
			asp = ma->inner_aspect;
			ga = ma->ground;
		}
		for (int end = 0; end < 2 && !found; end++)
			for (size_t k = 0; k < G_N_ELEMENTS(scale) && !found; k++) {
				al_mark_part p = { .aspect = asp * scale[k] };
				al_mark_look pl;
				if (!al_mark_end_window(mb, end, p.aspect, p.cells))
					continue;
				al_mark_compare_look_part(&p, gb, cells, ga, &pl);
				if (pl.look_de <= AL_PARAM(ctx, "same_look") &&
				    pl.ink_corr >= AL_PARAM(ctx, "symbol_ink_corr"))
					found = mb->strip_inner && reg != 2 ? 2 : 1;
			}
	}
	g_free(cells);
	return found;
}

/* The same pairing on both sides of a canvas-filling tile match: @x's
 * canvas is a tile (its colour, within inner_tile_de of @y's tile
 * colour, taken for its background, its page peeled or absent) and @y's
 * mark is that tile on its page.  Then @x's mark is what is drawn on the
 * tile, and so is @y's tile content: they must look alike (same_look_tile)
 * too, or be the same strokes drawn paler or heavier (same_ink_corr and
 * same_ink_cos, as for a pair's marks).  The whole canvases of two honest exports look alike however
 * each one's page was peeled, but an app icon's tile dominates them, so
 * a loose canvas match (above tile_close_look) also passes another icon
 * on a tile of the same colour.  True when the pairing cannot be made
 * (@y has no content box or one spanning its tile, @x's background is
 * not @y's tile colour). */
static bool tile_content_agrees(const al_set_ctx *ctx, const al_file_result *x,
                                const float lx[3], const al_file_result *y,
                                double *look_de)
{
	const al_mark *my = y->mark;
	double k = AL_PARAM(ctx, "fill_share");
	if (!my->has_inner || x->bg_kind != AL_BG_COLOR ||
	    al_de76(lx, my->ground) > AL_PARAM(ctx, "inner_tile_de"))
		return true;
	/* a content box spanning the tile (fill_share of its box both
	 * ways) holds the tile's own rim: a JPEG's ringing in its rounded
	 * corners, not what is drawn on it */
	if (my->inner.w >= k * my->bbox.w && my->inner.h >= k * my->bbox.h)
		return true;
	al_mark_part p;
	al_mark_look pl;
	memcpy(p.cells, my->inner_cells, sizeof p.cells);
	al_mark_compare_look_part(&p, my->ground, x->mark, lx, &pl);
	*look_de = pl.look_de;
	return pl.look_de <= AL_PARAM(ctx, "same_look_tile") ||
	       (pl.ink_corr >= AL_PARAM(ctx, "same_ink_corr") &&
	        pl.ink_cos >= AL_PARAM(ctx, "same_ink_cos"));
}

/* The look difference of @a on @la and @b on @lb in lightness alone
 * (al_mark_compare_look() with a* and b* set to 0 in the cells and the
 * backgrounds), the better of the boxes' and core boxes' registrations
 * (see compare_cores()). */
static double light_look(const al_file_result *a, const float la[3],
                         const al_file_result *b, const float lb[3])
{
	const float ga[3] = { la[0], 0, 0 }, gb[3] = { lb[0], 0, 0 };
	al_mark *ma = g_new(al_mark, 2), *mb = ma + 1;
	double best = G_MAXDOUBLE;
	for (int reg = 0; reg < 4; reg++) {
		if (((reg & 1) && !a->mark->has_core) || ((reg & 2) && !b->mark->has_core))
			continue;
		*ma = *a->mark;
		*mb = *b->mark;
		if (reg & 1)
			memcpy(ma->cells, ma->core_cells, sizeof ma->cells);
		if (reg & 2)
			memcpy(mb->cells, mb->core_cells, sizeof mb->cells);
		for (int i = 0; i < AL_MARK_CMP * AL_MARK_CMP; i++) {
			ma->cells[i][1] = ma->cells[i][2] = 0;
			mb->cells[i][1] = mb->cells[i][2] = 0;
		}
		al_mark_look lk;
		al_mark_compare_look(ma, ga, mb, gb, &lk);
		best = MIN(best, lk.look_de);
	}
	g_free(ma);
	return best;
}

/* A 40-px JPEG (the small logo) keeps lightness at full resolution but
 * stores chroma at half of it and, at low quality, little more than one
 * colour per 16-px block: over thin strokes the mark's colour smears
 * into the background's and back, which moves the mark colour and the
 * look difference as much as another icon would, in chroma only.  When
 * the pair's look difference is at most jpeg_small_look, the marks' ink
 * points the same way from their backgrounds (jpeg_ink_cos: not
 * recoloured) and the look difference in lightness alone is at most
 * jpeg_light_share of it, the marks look the same. */
static bool chroma_smear(const al_set_ctx *ctx, const al_file_result *a,
                         const float la[3], const al_file_result *b,
                         const float lb[3], pair_diff *d)
{
	bool jpeg = (a->format == AL_FMT_JPEG && a->role == AL_ROLE_SMALL) ||
	            (b->format == AL_FMT_JPEG && b->role == AL_ROLE_SMALL);
	if (!jpeg || d->look.look_de > AL_PARAM(ctx, "jpeg_small_look") ||
	    d->look.ink_cos < AL_PARAM(ctx, "jpeg_ink_cos"))
		return false;
	d->light_de = light_look(a, la, b, lb);
	return d->light_de <= AL_PARAM(ctx, "jpeg_light_share") * d->look.look_de;
}

/* The 40-px logo (@a) resampled from its master with a blur, or saved as
 * a small JPEG, washes thin strokes into the background: its mark colour
 * moves towards the background's by more than max_delta_e, the strokes
 * spread (coverage IoU drops, ink correlation near 0.6-0.8) and it looks
 * different by more than same_look -- while its ink still points the same
 * way from the background (fade_ink_cos) and follows the larger logo's
 * (fade_ink_corr), only fainter (fade_ratio).  Another icon in the same
 * colour stands out as strongly as the first; the same strokes in a paler
 * colour keep their pattern exactly (recolour_corr) and stay a recolour. */
static bool faded(const al_set_ctx *ctx, const al_file_result *a,
                  const al_file_result *b, const pair_diff *d)
{
	if (a->role != AL_ROLE_SMALL || b->role == AL_ROLE_SMALL)
		return false;
	return d->mk.iou >= AL_PARAM(ctx, "min_iou") &&
	       d->look.ink_a <= AL_PARAM(ctx, "fade_ratio") * d->look.ink_b &&
	       d->look.ink_corr >= AL_PARAM(ctx, "fade_ink_corr") &&
	       d->look.ink_corr < AL_PARAM(ctx, "recolour_corr") &&
	       d->look.ink_cos >= AL_PARAM(ctx, "fade_ink_cos");
}

static void compare(const al_set_ctx *ctx, const al_file_result *a,
                    const al_file_result *b, pair_diff *d)
{
	memset(d, 0, sizeof *d);
	al_mark_compare(a->mark, b->mark, &d->mk);
	float la[3], lb[3];
	al_logo_bg_lab(a, la);
	al_logo_bg_lab(b, lb);
	al_mark_compare_look(a->mark, la, b->mark, lb, &d->look);
	al_mark_compare_inner(a->mark, b->mark, &d->in);
	if (a->mark->has_core || b->mark->has_core)
		compare_cores(a->mark, la, b->mark, lb, d);
	d->look_same = d->look.look_de <= AL_PARAM(ctx, "same_look");
	if (!d->look_same && chroma_smear(ctx, a, la, b, lb, d))
		d->look_same = d->chroma_smear = true;
	/* a heavier stroke at 40 px, or in a JPEG, fills the outline's
	 * holes and moves its ink more than a resize does: when the colours
	 * agree closely, a looser correlation is enough */
	d->weight = (d->look.ink_corr >= AL_PARAM(ctx, "same_ink_corr") &&
	             d->look.ink_cos >= AL_PARAM(ctx, "same_ink_cos")) ||
	            (d->look.ink_corr >= AL_PARAM(ctx, "same_ink_corr_hue") &&
	             d->look.ink_cos >= AL_PARAM(ctx, "same_ink_cos_hue"));
	/* ... but a heavier or washed-out stroke moves coverage with the
	 * colour: the same coverage in colours far apart is the mark
	 * recoloured (a paler tint of one hue points the same way from the
	 * background as the full colour, so the cosine cannot tell); a
	 * recolour keeps the ink's pattern and only scales it, while a
	 * heavier stroke or a JPEG's smear moves it (recolour_corr) */
	if (d->mk.iou >= AL_PARAM(ctx, "recolour_iou") &&
	    d->mk.delta_e > AL_PARAM(ctx, "max_delta_e") &&
	    d->look.ink_corr >= AL_PARAM(ctx, "recolour_corr"))
		d->weight = false;
	d->faded = !d->look_same && faded(ctx, a, b, d);
	/* @a is the smaller logo: it may show only the symbol of a mark that
	 * stands beside or above a word in @b */
	for (int k = 0; k < b->mark->n_parts && !d->look_same; k++) {
		al_mark_look pl;
		al_mark_compare_look_part(&b->mark->part[k], lb, a->mark, la, &pl);
		if (pl.look_de <= AL_PARAM(ctx, "same_look") &&
		    pl.ink_corr >= AL_PARAM(ctx, "symbol_ink_corr"))
			d->simplified = true;
	}
	/* ... or the symbol at one end of a wordmark whose letters touch
	 * it (no gap to split at): the end of @b's long box with the
	 * proportions of @a's mark (its box or core box, each +-15 %) */
	if (!d->look_same && !d->simplified) {
		int sym = symbol_at_end(ctx, a, la, b, lb);
		d->simplified = sym > 0;
		d->symbol_on_tile = sym == 2 && a->bg_kind == AL_BG_COLOR &&
			al_de76(la, b->mark->ground) <= AL_PARAM(ctx, "inner_tile_de");
	}
	/* mixed or missing backgrounds have no single colour to compare */
	bool known_a = a->bg_kind == AL_BG_COLOR || a->bg_kind == AL_BG_TRANSPARENT;
	bool known_b = b->bg_kind == AL_BG_COLOR || b->bg_kind == AL_BG_TRANSPARENT;
	if (known_a && known_b && a->bg_kind != b->bg_kind)
		d->bg_kind_differs = true;
	if (a->bg_kind == AL_BG_COLOR && b->bg_kind == AL_BG_COLOR)
		d->bg_de = al_de76(la, lb);
	d->shape_differs = d->mk.iou < AL_PARAM(ctx, "min_iou") ||
	                   d->mk.delta_e > AL_PARAM(ctx, "max_delta_e");
	d->bg_differs = d->bg_kind_differs ||
	                d->bg_de > AL_PARAM(ctx, "max_bg_delta_e");
	/* a border of no single colour: an app-icon tile reaching almost
	 * to the canvas's edges leaves only its rounded corners to the real
	 * background, which the ring of a 40-px export may not see */
	bool mixed = a->bg_kind == AL_BG_MIXED || b->bg_kind == AL_BG_MIXED;
	/* a tile running off the canvas on every side: both rings read the
	 * tile colour, but one logo's mark is its icon and the other's also
	 * holds the page in the tile's corners, so its box spans the canvas
	 * (same backgrounds: only a close canvas match, tile_close_look) */
	bool spans = a->bg_kind == AL_BG_COLOR && b->bg_kind == AL_BG_COLOR &&
	             !d->bg_differs && d->shape_differs &&
	             (fills_canvas(ctx, a) || fills_canvas(ctx, b));
	if (d->bg_differs || mixed || spans) {
		/* a tile filling one canvas: its colour is that logo's
		 * "background" and its cut-out the "mark"; with a mixed
		 * border and no background difference to explain, the
		 * tighter same_look */
		al_mark_look ca, cb;
		al_mark_compare_canvas(a->mark, la, b->mark, lb, &ca);
		al_mark_compare_canvas(b->mark, lb, a->mark, la, &cb);
		double best = MIN(ca.look_de, cb.look_de);
		/* a mixed border's most common colour far from the other
		 * logo's background colour is a background difference to
		 * explain too: the ring of one export read the real
		 * background around an app-icon tile, the other's the tile */
		bool apart = d->bg_differs ||
			(a->bg_kind != AL_BG_TRANSPARENT && b->bg_kind != AL_BG_TRANSPARENT &&
			 al_de76(la, lb) > AL_PARAM(ctx, "max_bg_delta_e"));
		double lim = AL_PARAM(ctx, apart ? "same_look_tile" : "same_look");
		if (spans)
			lim = AL_PARAM(ctx, "tile_close_look");
		if (best <= lim) {
			int side = canvas_side(ctx, a, la, b, lb, &ca, &cb);
			if (best <= AL_PARAM(ctx, "tile_close_look") ||
			    tile_content_agrees(ctx, side == 1 ? a : b, side == 1 ? la : lb,
			                        side == 1 ? b : a, &d->content_de)) {
				d->canvas_tile = true;
				d->canvas_of = side;
				d->look.look_de = MIN(d->look.look_de, best);
			} else {
				d->content_of = side;
			}
		}
	}
}

/* The verdict on a pair, once the odd-one-out test has had its say.  A
 * shape or colour difference that does not show once both marks are
 * seen on their backgrounds at the small logo's pitch is anti-aliasing
 * (thin strokes washed out, a mark box cut a pixel differently); another
 * background colour is the same design when one logo's mark fills its
 * canvas and the two look the same (the tile's colour was taken for the
 * background). */
static void verdict(const al_set_ctx *ctx, const al_file_result *a,
                    const al_file_result *b, pair_diff *d)
{
	/* a look match of a pair whose canvas match was refused for what
	 * is drawn on the tiles (content_of) is the tile's look: it says
	 * nothing of the icon on it */
	bool shape = d->odd_ink || d->odd_inner ||
	             (d->shape_differs && (!d->look_same || d->content_of) && !d->simplified &&
	              !d->weight && !d->faded && !d->canvas_tile);
	bool bg = d->bg_differs && !d->canvas_tile && !d->symbol_on_tile &&
	          !(d->look_same && (fills_canvas(ctx, a) || fills_canvas(ctx, b)));
	d->differ = shape || bg;
}

/* What differs, for the message ("shape IoU 0.31 < 0.55; …"). */
static char *describe(const al_set_ctx *ctx, const al_file_result *a,
                      const al_file_result *b, const pair_diff *d)
{
	GString *s = g_string_new(NULL);
	if (d->odd_ref > 0)
		g_string_append_printf(s, "mark shape overlap (IoU) %.2f, while the other two "
		                       "logos, the smallest included, agree at %.2f (margin "
		                       "%.2f > %.2f)", d->mk.iou, d->odd_ref,
		                       d->odd_ref - d->mk.iou, AL_PARAM(ctx, "odd_margin"));
	if (d->odd_ink == 1)
		g_string_append_printf(s, "%smark shape (ink correlation) %.2f, while the "
		                       "other two logos agree at %.2f (margin %.2f >= %.2f)",
		                       s->len ? "; " : "", d->look.ink_corr, d->ink_ref,
		                       d->ink_ref - d->look.ink_corr, d->ink_need);
	if (d->odd_ink == 3 || d->odd_ink == 4) {
		/* 3: odd_both (a stroke pattern unlike both others);
		 * 4: the look ratio on a smaller ink margin, which names its floor */
		g_string_append_printf(s, "%smark strokes (ink correlation) %.2f, while the "
		                       "other two logos agree at %.2f (margin %.2f >= %.2f), "
		                       "and it looks %.1f times as different from them (mean "
		                       "CIE76 %.1f) as they from each other",
		                       s->len ? "; " : "", d->look.ink_corr, d->ink_ref,
		                       d->ink_ref - d->look.ink_corr,
		                       AL_PARAM(ctx, d->odd_ink == 3 ? "odd_both_ink"
		                                                     : "odd_ratio_ink"),
		                       d->both_ratio, d->look.look_de);
		if (d->odd_ink == 4)
			g_string_append_printf(s, " (>= %.1f)", AL_PARAM(ctx, "odd_ratio_look"));
	}
	if (d->odd_ink == 5)
		g_string_append_printf(s, "%smark colours differ by CIE76 %.1f, %.1f times as "
		                       "much as the other two logos' (%.1f; >= %.1f), with the "
		                       "same strokes (ink correlation %.2f)",
		                       s->len ? "; " : "", d->mk.delta_e, d->both_ratio,
		                       d->ink_ref, AL_PARAM(ctx, "odd_recolour_ratio"),
		                       d->look.ink_corr);
	if (d->odd_ink == 2)
		g_string_append_printf(s, "%smark colours (ink colour agreement) %.3f, while "
		                       "the other two logos agree at %.3f (margin %.3f >= %.3f)",
		                       s->len ? "; " : "", d->look.ink_cos, d->ink_ref,
		                       d->ink_ref - d->look.ink_cos,
		                       AL_PARAM(ctx, "odd_colour_margin"));
	if (d->odd_inner == 1)
		g_string_append_printf(s, "%sthe tile's insides differ by CIE76 %.1f, while "
		                       "the other two logos' differ by %.1f (margin %.1f >= %.1f)",
		                       s->len ? "; " : "", d->in.inner_de, d->inner_ref,
		                       d->in.inner_de - d->inner_ref, d->inner_need);
	if (d->odd_inner == 3)
		g_string_append_printf(s, "%sthe strokes on the tile (inner ink correlation) %.2f, "
		                       "while the other two logos' agree at %.2f (margin %.2f >= "
		                       "%.2f), and its insides differ %.1f times as much (mean "
		                       "CIE76 %.1f)", s->len ? "; " : "", d->in.inner_corr,
		                       d->inner_ref, d->inner_ref - d->in.inner_corr,
		                       d->inner_need, d->both_ratio, d->in.inner_de);
	if (d->odd_inner == 4)
		g_string_append_printf(s, "%sthe icon on the tile (content correlation) %.2f, "
		                       "while the other two logos' agree at %.2f (margin %.2f >= "
		                       "%.2f)", s->len ? "; " : "", d->content_corr,
		                       d->inner_ref, d->inner_ref - d->content_corr,
		                       d->inner_need);
	if (d->odd_inner == 5)
		g_string_append_printf(s, "%sthe icon in the tile's frame (registered content "
		                       "correlation) %.2f, while the other two logos' agree at "
		                       "%.2f (margin %.2f >= %.2f)", s->len ? "; " : "",
		                       d->content_corr, d->inner_ref,
		                       d->inner_ref - d->content_corr, d->inner_need);
	if (d->odd_inner == 2)
		g_string_append_printf(s, "%sthe tile's inner colours (colour agreement) %.3f, "
		                       "while the other two logos agree at %.3f (margin %.3f >= %.3f)",
		                       s->len ? "; " : "", d->in.inner_cos, d->inner_ref,
		                       d->inner_ref - d->in.inner_cos, d->inner_need);
	if (d->mk.iou < AL_PARAM(ctx, "min_iou"))
		g_string_append_printf(s, "%smark shape overlap (IoU) %.2f < %.2f",
		                       s->len ? "; " : "", d->mk.iou, AL_PARAM(ctx, "min_iou"));
	if (d->mk.delta_e > AL_PARAM(ctx, "max_delta_e"))
		g_string_append_printf(s, "%smark colours differ by CIE76 %.1f > %.1f",
		                       s->len ? "; " : "", d->mk.delta_e,
		                       AL_PARAM(ctx, "max_delta_e"));
	if (d->content_of) {
		const al_file_result *x = d->content_of == 1 ? a : b;
		const al_file_result *y = d->content_of == 1 ? b : a;
		g_string_append_printf(s, "%s%s's canvas is the tile of %s, but what is "
		                       "drawn on the two tiles looks different (mean CIE76 "
		                       "%.1f > %.1f)", s->len ? "; " : "",
		                       al_file_basename(x), al_file_basename(y),
		                       d->content_de, AL_PARAM(ctx, "same_look_tile"));
	}
	if (!d->look_same && !d->simplified && !d->canvas_tile)
		g_string_append_printf(s, "%sthe marks look different on their backgrounds "
		                       "(mean CIE76 %.1f > %.1f at the small logo's pitch)",
		                       s->len ? "; " : "", d->look.look_de,
		                       AL_PARAM(ctx, "same_look"));
	/* a tile filling one canvas explains another background */
	if (d->bg_kind_differs && !d->canvas_tile)
		g_string_append_printf(s, "%sbackground is %s in %s but %s in %s",
		                       s->len ? "; " : "",
		                       al_bg_kind_name(a->bg_kind), al_file_basename(a),
		                       al_bg_kind_name(b->bg_kind), al_file_basename(b));
	if (d->bg_de > AL_PARAM(ctx, "max_bg_delta_e") && !d->canvas_tile) {
		char ha[8], hb[8];
		al_hex_color(a->bg_rgb, ha);
		al_hex_color(b->bg_rgb, hb);
		g_string_append_printf(s, "%sbackground %s vs %s (CIE76 %.1f > %.1f)",
		                       s->len ? "; " : "", ha, hb, d->bg_de,
		                       AL_PARAM(ctx, "max_bg_delta_e"));
	}
	return g_string_free(s, FALSE);
}

/* Relative test over three marks.  A blurrier export of the same artwork
 * cannot agree with one sharper export better than the other sharper one
 * does: when the pair that agrees best (by IoU) includes the smallest
 * mark, and the third logo's IoU with both is lower by odd_margin, the
 * third logo is another design, even when both its IoUs pass min_iou. */
static void odd_one_out(const al_set_ctx *ctx, const al_file_result *sq[N_SQ],
                        pair_diff d[N_SQ][N_SQ])
{
	int bi = 0, bj = 1, smallest = 0;
	for (int i = 0; i < N_SQ; i++) {
		for (int j = i + 1; j < N_SQ; j++)
			if (d[i][j].mk.iou > d[bi][bj].mk.iou) {
				bi = i;
				bj = j;
			}
		int li = MAX(sq[i]->mark->bbox.w, sq[i]->mark->bbox.h);
		int ls = MAX(sq[smallest]->mark->bbox.w, sq[smallest]->mark->bbox.h);
		if (li < ls)
			smallest = i;
	}
	if (smallest != bi && smallest != bj)
		return;
	int k = 3 - bi - bj;
	pair_diff *ka = k < bi ? &d[k][bi] : &d[bi][k];
	pair_diff *kb = k < bj ? &d[k][bj] : &d[bj][k];
	double best = d[bi][bj].mk.iou;
	if (best - MAX(ka->mk.iou, kb->mk.iou) < AL_PARAM(ctx, "odd_margin"))
		return;
	ka->shape_differs = kb->shape_differs = true;
	ka->odd_ref = kb->odd_ref = best;
}

/* The pair of @d with the highest @key (0: ink correlation, 1: ink
 * colour agreement), and the third logo's pairs with it. */
static double ink_value(const pair_diff *p, int key)
{
	return key == 0 ? p->look.ink_corr : p->look.ink_cos;
}

/* Is what al_mark_tile() reads as a tile in one of the three logos only
 * its background, enclosed by a line icon's closed outline (a circle, a
 * rounded square): the background ring cannot reach inside it, so the
 * outline's box counts as covered, in the background's colour
 * (within inner_tile_de).  Such a "tile" has no insides of its own that
 * a washed-out export could lose: what is drawn inside is the line icon,
 * and the ink tests judge it. */
static bool ground_enclosed(const al_set_ctx *ctx, const al_file_result *sq[N_SQ])
{
	for (int i = 0; i < N_SQ; i++) {
		float t[3], g[3];
		if (sq[i]->bg_kind != AL_BG_COLOR || !al_mark_tile(sq[i]->mark, t))
			continue;
		al_logo_bg_lab(sq[i], g);
		if (al_de76(t, g) <= AL_PARAM(ctx, "inner_tile_de"))
			return true;
	}
	return false;
}

/* Relative tests on the marks' ink, over three logos.  When two logos
 * draw the same strokes (ink correlation at least same_ink_corr) and the
 * third's ink correlates with both less by odd_ink_margin, or its ink
 * colours agree with both less by odd_colour_margin, while it also looks
 * different from both (odd_look; half of it for a margin of
 * odd_ink_strong), the third logo is another design.  Correlation
 * ignores how heavy the strokes are and how faint the mark is, so it
 * finds a pale or low-contrast mark swapped for another one; a tile or a
 * symbol-only match (see compare()) is not judged by it.  The small logo
 * is judged like the others: a 40-px export that drops detail or is
 * washed out still follows the larger logos' strokes (see the man page
 * for the margins measured), another silhouette does not. */
static void odd_ink(const al_set_ctx *ctx, const al_file_result *sq[N_SQ],
                    pair_diff d[N_SQ][N_SQ])
{
	for (int key = 0; key < 2; key++) {
		int bi = 0, bj = 1;
		for (int i = 0; i < N_SQ; i++)
			for (int j = i + 1; j < N_SQ; j++)
				if (ink_value(&d[i][j], key) > ink_value(&d[bi][bj], key)) {
					bi = i;
					bj = j;
				}
		const pair_diff *best = &d[bi][bj];
		if (best->look.ink_corr < AL_PARAM(ctx, "same_ink_corr"))
			continue;
		int k = 3 - bi - bj;
		pair_diff *ka = k < bi ? &d[k][bi] : &d[bi][k];
		pair_diff *kb = k < bj ? &d[k][bj] : &d[bj][k];
		if (ka->canvas_tile || kb->canvas_tile || ka->simplified || kb->simplified)
			continue;
		double ref = ink_value(best, key);
		double m = ref - MAX(ink_value(ka, key), ink_value(kb, key));
		double look = MIN(ka->look.look_de, kb->look.look_de);
		double need = AL_PARAM(ctx, "odd_look");
		/* the other two looking alike (a small look difference of
		 * their own) sets the scale: a third that looks
		 * odd_look_ratio times as far from both, and the ink margin,
		 * needs only half of odd_look (a thin swapped icon blurred to
		 * the 40-px pitch looks close to any thin icon); not for
		 * tiles with insides, whose ink is their inner icon, which a
		 * washed-out 40-px export loses (odd_inner judges those) */
		bool insides = ka->in.tiles && kb->in.tiles &&
			MIN(MIN(ka->in.inner_sd_a, ka->in.inner_sd_b),
			    MIN(kb->in.inner_sd_a, kb->in.inner_sd_b)) >=
			AL_PARAM(ctx, "inner_min_sd") &&
			!ground_enclosed(ctx, sq);
		/* ... but not for a 40-px JPEG: its 8 x 8 blocks, a fifth
		 * of the canvas, and the chroma smeared over thin strokes
		 * move its ink as much as another icon would, so only a
		 * whole odd_look tells */
		double half = sq[k]->format == AL_FMT_JPEG &&
		              sq[k]->role == AL_ROLE_SMALL ? need : need / 2;
		bool apart = look >= need ||
			(!insides && look >= half &&
			 look >= AL_PARAM(ctx, "odd_look_ratio") * best->look.look_de);
		/* two exports of one thin line icon agree almost exactly
		 * (look differences under 1.5), so a swapped thin icon that
		 * looks many times as far from both (odd_ratio_look) is odd
		 * on a smaller ink margin: blurred to the 40-px pitch, two
		 * thin outlines of one footprint share much of their ink */
		double base = MAX(best->look.look_de, AL_PARAM(ctx, "odd_both_look") / 10);
		bool far = !insides && look >= half &&
			look >= AL_PARAM(ctx, "odd_ratio_look") * base;
		/* a medium or large logo is exported at 90 px or more: its
		 * strokes keep their pattern, so another icon there shows
		 * on a smaller ink margin, with a whole odd_look (see the
		 * man page for the margins measured) */
		bool large = sq[k]->role != AL_ROLE_SMALL &&
			m >= AL_PARAM(ctx, "odd_ink_margin_large") && look >= need;
		bool odd = key == 0
			? (m >= AL_PARAM(ctx, "odd_ink_margin") && apart) || large ||
			  (m >= AL_PARAM(ctx, "odd_ink_strong") && look >= half)
			: m >= AL_PARAM(ctx, "odd_colour_margin") && look >= need;
		bool odd_far = key == 0 && !odd && m >= AL_PARAM(ctx, "odd_ratio_ink") && far;
		if (!(odd || odd_far) || ka->odd_ink)
			continue;
		ka->odd_ink = kb->odd_ink = odd_far ? 4 : key + 1;
		ka->ink_ref = kb->ink_ref = ref;
		ka->ink_need = kb->ink_need = AL_PARAM(ctx, m >= AL_PARAM(ctx, "odd_ink_margin")
		                                            ? "odd_ink_margin" : "odd_ink_margin_large");
		ka->both_ratio = kb->both_ratio = look / base;
	}
}

/* Both shape measures together.  Thin line pictograms of one colour and
 * footprint, swapped, stay close in colour, coverage footprint and look:
 * blurred to the 40-px pitch, two thin outlines both look like faint rings
 * on the background (look differences of 3-6 where another filled icon
 * gives 20 and more), and each of the odd-one-out margins alone falls
 * short.  When the larger logo found odd by coverage (odd_one_out(): the
 * pair agreeing best includes the smallest mark) also correlates in ink
 * with both others less by odd_both_ink than they do with each other (who
 * draw the same strokes: same_ink_corr), and looks at least
 * odd_both_ratio times (and odd_both_look) as far from both as they from
 * each other, two independent measures agree on one odd logo: another
 * design.  Not for a tile or symbol-only match (see odd_ink()). */
static void odd_both(const al_set_ctx *ctx, pair_diff d[N_SQ][N_SQ])
{
	for (int k = 0; k < N_SQ; k++) {
		int i = k == 0 ? 1 : 0, j = k == 2 ? 1 : 2;
		pair_diff *ka = k < i ? &d[k][i] : &d[i][k];
		pair_diff *kb = k < j ? &d[k][j] : &d[j][k];
		const pair_diff *best = &d[i][j];
		if (ka->odd_ref <= 0 || kb->odd_ref <= 0 || ka->odd_ink || kb->odd_ink ||
		    ka->canvas_tile || kb->canvas_tile || ka->simplified || kb->simplified)
			continue;
		if (best->look.ink_corr < AL_PARAM(ctx, "same_ink_corr"))
			continue;
		double ref = best->look.ink_corr;
		double m = ref - MAX(ka->look.ink_corr, kb->look.ink_corr);
		double look = MIN(ka->look.look_de, kb->look.look_de);
		/* the other pair's look difference, floored at a tenth of
		 * odd_both_look: two exports of one line icon can agree
		 * almost exactly */
		double base = MAX(best->look.look_de, AL_PARAM(ctx, "odd_both_look") / 10);
		if (m < AL_PARAM(ctx, "odd_both_ink") || look < AL_PARAM(ctx, "odd_both_look") ||
		    look < AL_PARAM(ctx, "odd_both_ratio") * base)
			continue;
		ka->odd_ink = kb->odd_ink = 3;
		ka->ink_ref = kb->ink_ref = ref;
		ka->both_ratio = kb->both_ratio = look / base;
	}
}

/* The same strokes in other colours, over three logos.  A mark recoloured
 * (a pink arrow made teal, a purple drone made pale pink) keeps its
 * coverage and its ink's pattern, and when its lightness on the
 * background stays near the old colour's it looks the same at the small
 * logo's pitch (look differences of 9.8 and 10.1 for a pink arrow made
 * teal on navy): the look and the weight tests (see compare()) then take
 * it for a washed-out or heavier export.  Washing out moves the small
 * logo's colours only: a medium or large logo is exported at 90 px or
 * more and keeps them.  When the pair whose mark colours agree best
 * differs by d0 (al_mark_diff.delta_e), and the third logo, medium or
 * large, differs from both by more than max_delta_e and by at least
 * odd_recolour_ratio times d0 (floored at 1), while its ink correlates
 * with both at same_ink_corr or more, it is recoloured: another design.
 * Not for a JPEG, whose chroma at half resolution moves a thin stroke's
 * colour toward the ground as washing out does (a 90-px JPEG of a dashed
 * outline drifted 25.7 and 28.2 from the others), nor for a tile or
 * symbol-only match (see odd_ink()). */
static void odd_recolour(const al_set_ctx *ctx, const al_file_result *sq[N_SQ],
                         pair_diff d[N_SQ][N_SQ])
{
	double ratio = AL_PARAM(ctx, "odd_recolour_ratio");
	if (ratio <= 0)
		return;
	int bi = 0, bj = 1;
	for (int i = 0; i < N_SQ; i++)
		for (int j = i + 1; j < N_SQ; j++)
			if (d[i][j].mk.delta_e < d[bi][bj].mk.delta_e) {
				bi = i;
				bj = j;
			}
	int k = 3 - bi - bj;
	pair_diff *ka = k < bi ? &d[k][bi] : &d[bi][k];
	pair_diff *kb = k < bj ? &d[k][bj] : &d[bj][k];
	if (sq[k]->role == AL_ROLE_SMALL || sq[k]->format == AL_FMT_JPEG ||
	    ka->odd_ink || kb->odd_ink ||
	    ka->canvas_tile || kb->canvas_tile || ka->simplified || kb->simplified)
		return;
	double base = MAX(d[bi][bj].mk.delta_e, 1.0);
	double lo = MIN(ka->mk.delta_e, kb->mk.delta_e);
	if (lo <= AL_PARAM(ctx, "max_delta_e") || lo < ratio * base ||
	    MIN(ka->look.ink_corr, kb->look.ink_corr) < AL_PARAM(ctx, "same_ink_corr"))
		return;
	ka->odd_ink = kb->odd_ink = 5;
	ka->ink_ref = kb->ink_ref = d[bi][bj].mk.delta_e;
	ka->both_ratio = kb->both_ratio = lo / base;
}

/* A logo matched as a tile filling its canvas (its colour taken for the
 * background, its inner icon for the mark) is that tile: its pairs'
 * insides are compared with its whole canvas in place of its mark. */
static void canvas_inner(const al_file_result *sq[N_SQ], pair_diff d[N_SQ][N_SQ])
{
	bool canvas[N_SQ] = { false, false, false }, any = false;
	for (int i = 0; i < N_SQ; i++)
		for (int j = i + 1; j < N_SQ; j++)
			if (d[i][j].canvas_tile) {
				canvas[d[i][j].canvas_of == 1 ? i : j] = true;
				any = true;
			}
	if (!any)
		return;
	for (int i = 0; i < N_SQ; i++)
		for (int j = i + 1; j < N_SQ; j++) {
			al_mark_compare_inner_canvas(sq[i]->mark, canvas[i],
			                             sq[j]->mark, canvas[j], &d[i][j].in);
			d[i][j].in_canvas = true;
		}
}

/* May the insides of pair @p's tiles be compared (al_mark_inner): both
 * tiles of nearly one colour, not matched by a symbol alone, a tile
 * filling its canvas seen as one, and for their shape (@shape) each with
 * visible structure inside.  Their colours need no such spread: only
 * cells with inner ink count for them; but they need tile colours closer
 * (inner_colour_tile_de), since the directions of the inner ink from two
 * tile colours that differ by as much as the ink itself (a tile finely
 * cut or striped, averaged differently at 40 px) say nothing. */
/* ... the first conditions alone: both tiles, of nearly one colour, not
 * matched by a symbol alone, a tile filling its canvas seen as one. */
static bool tiles_ok(const al_set_ctx *ctx, const pair_diff *p)
{
	return p->in.tiles && p->in.tile_de <= AL_PARAM(ctx, "inner_tile_de") &&
	       (!p->canvas_tile || p->in_canvas) && !p->simplified;
}

static bool inner_ok(const al_set_ctx *ctx, const pair_diff *p, bool shape)
{
	return tiles_ok(ctx, p) &&
	       (shape || p->in.tile_de <= AL_PARAM(ctx, "inner_colour_tile_de")) &&
	       (!shape || MIN(p->in.inner_sd_a, p->in.inner_sd_b) >=
	                  AL_PARAM(ctx, "inner_min_sd"));
}

/* How closely the ink of pair @p's marks correlates, for odd_inner()'s
 * small tile: the whole marks', or for a canvas-filling tile match
 * (canvas_inner()) the insides'. */
static double follows(const pair_diff *p)
{
	return p->canvas_tile ? p->in.inner_corr : p->look.ink_corr;
}

/* Relative tests on the insides of three tiles.  An app icon's tile (or
 * a card, a badge) dominates coverage, colour, look and ink, so another
 * inner icon, or the same one in another colour, passes them all.  When
 * the three marks are tiles of one colour with structure inside, and the
 * pair whose insides agree best differs by d0 (mean CIE76 of the inner
 * cells' offsets from their tile colours), the third logo, whose insides
 * differ from both by inner_margin more than d0, is another design (not
 * the small logo: a 40-px export may lose or wash out inner detail);
 * likewise, the small logo included, when its inner colour direction
 * agrees with both less by inner_colour_margin than the best pair's. */
static void odd_inner(const al_set_ctx *ctx, const al_file_result *sq[N_SQ],
                      pair_diff d[N_SQ][N_SQ])
{
	for (int key = 0; key < 2; key++) {
		bool ok = true;
		for (int i = 0; i < N_SQ; i++)
			for (int j = i + 1; j < N_SQ; j++)
				ok &= inner_ok(ctx, &d[i][j], key == 0);
		if (!ok)
			continue;
		int bi = 0, bj = 1;
		for (int i = 0; i < N_SQ; i++)
			for (int j = i + 1; j < N_SQ; j++) {
				const al_mark_inner *c = &d[i][j].in, *b = &d[bi][bj].in;
				if (key == 0 ? c->inner_de < b->inner_de
				             : c->inner_cos > b->inner_cos) {
					bi = i;
					bj = j;
				}
			}
		int k = 3 - bi - bj;
		pair_diff *ka = k < bi ? &d[k][bi] : &d[bi][k];
		pair_diff *kb = k < bj ? &d[k][bj] : &d[bj][k];
		if (ka->odd_inner)
			continue;
		double ref, m, need;
		if (key == 0) {
			/* a 40-px export may lose or wash out inner detail,
			 * but its whole mark, tile and icon together, then
			 * still draws the larger logos' strokes: a small
			 * tile whose whole ink follows neither other
			 * (inner_small_corr) has another icon inside (see
			 * the man page); a pair matched as a canvas-filling
			 * tile compares a canvas with a tile on its page,
			 * whose whole ink says nothing, so its insides' ink
			 * is taken */
			if (sq[k]->role == AL_ROLE_SMALL &&
			    MAX(follows(ka), follows(kb)) >= AL_PARAM(ctx, "inner_small_corr"))
				continue;
			/* insides that differ by inner_margin while the
			 * whole marks, tile and insides together, look the
			 * same as one of the others' were measured apart, not
			 * drawn apart: a low-quality JPEG's ringing around
			 * the inner strokes, or a shaded tile's colour read
			 * from its other tone, moves every inner cell's
			 * offset (see the man page) */
			if (MIN(ka->look.look_de, kb->look.look_de) <=
			    AL_PARAM(ctx, "inner_whole_look"))
				continue;
			ref = d[bi][bj].in.inner_de;
			m = MIN(ka->in.inner_de, kb->in.inner_de) - ref;
			need = AL_PARAM(ctx, "inner_margin");
		} else {
			ref = d[bi][bj].in.inner_cos;
			m = ref - MAX(ka->in.inner_cos, kb->in.inner_cos);
			/* a 40-px tile has a few inner cells, each mixed
			 * with the tile colour around the icon's strokes
			 * (and in a JPEG with chroma at half that pitch):
			 * an honest one's colour direction drifts by up to
			 * about twice the margin that tells the larger
			 * logos apart (see the man page) */
			need = AL_PARAM(ctx, sq[k]->role == AL_ROLE_SMALL
			                ? "inner_colour_margin_small"
			                : "inner_colour_margin");
		}
		if (m < need)
			continue;
		ka->odd_inner = kb->odd_inner = key + 1;
		ka->inner_ref = kb->inner_ref = ref;
		ka->inner_need = kb->inner_need = need;
	}
}

/* The insides of three tiles once more, by their ink's pattern.  A thin
 * line icon on an app tile covers few of the tile's cells, so another
 * line icon of the same family, in the same colour on the same tile,
 * moves the insides' mean difference (inner_margin) by only 2-4 CIE76
 * and the whole marks' ink not at all (the tile is most of it).  The
 * insides' ink correlation (al_mark_inner.inner_corr: the cells' ink
 * lengths from the tile colour) follows the strokes whatever their
 * weight: two exports of one icon correlate at 0.9 and more.  When the
 * pair whose insides correlate best does so at least at same_ink_corr,
 * and the third tile (not the small logo, whose 40-px export may lose
 * inner detail) correlates with both less by inner_corr_margin, while its
 * insides also differ from both inner_corr_ratio times as much as theirs
 * from each other, and its whole mark does not draw the same strokes as
 * both others (whole-mark ink correlation under same_ink_corr with one of
 * them: then the whole-mark tests judge it), it is another design.
 * Tiles that are only the background enclosed by a line icon's outline
 * (ground_enclosed()) are not tiles here.  Only the third logo's insides
 * need the spread inner_min_sd. */
static void odd_inner_corr(const al_set_ctx *ctx, const al_file_result *sq[N_SQ],
                           pair_diff d[N_SQ][N_SQ])
{
	for (int i = 0; i < N_SQ; i++)
		for (int j = i + 1; j < N_SQ; j++)
			if (!tiles_ok(ctx, &d[i][j]) || d[i][j].odd_inner)
				return;
	if (ground_enclosed(ctx, sq))
		return;
	int bi = 0, bj = 1;
	for (int i = 0; i < N_SQ; i++)
		for (int j = i + 1; j < N_SQ; j++)
			if (d[i][j].in.inner_corr > d[bi][bj].in.inner_corr) {
				bi = i;
				bj = j;
			}
	int k = 3 - bi - bj;
	pair_diff *ka = k < bi ? &d[k][bi] : &d[bi][k];
	pair_diff *kb = k < bj ? &d[k][bj] : &d[bj][k];
	double ref = d[bi][bj].in.inner_corr;
	if (sq[k]->role == AL_ROLE_SMALL || ref < AL_PARAM(ctx, "same_ink_corr"))
		return;
	/* the spread floor (inner_min_sd) for the logo judged only: the
	 * pair's correlation (same_ink_corr) already shows structure in
	 * its insides, which a thin outline on a 40-px tile keeps with a
	 * spread under the floor */
	double sd_k = MIN(k < bi ? ka->in.inner_sd_a : ka->in.inner_sd_b,
	                  k < bj ? kb->in.inner_sd_a : kb->in.inner_sd_b);
	if (sd_k < AL_PARAM(ctx, "inner_min_sd"))
		return;
	double m = ref - MAX(ka->in.inner_corr, kb->in.inner_corr);
	double base = MAX(d[bi][bj].in.inner_de, 0.5);
	double ratio = MIN(ka->in.inner_de, kb->in.inner_de) / base;
	double whole = MIN(ka->look.ink_corr, kb->look.ink_corr);
	if (m < AL_PARAM(ctx, "inner_corr_margin") || ratio < AL_PARAM(ctx, "inner_corr_ratio") ||
	    whole >= AL_PARAM(ctx, "same_ink_corr"))
		return;
	ka->odd_inner = kb->odd_inner = 3;
	ka->inner_ref = kb->inner_ref = ref;
	ka->inner_need = kb->inner_need = AL_PARAM(ctx, "inner_corr_margin");
	ka->both_ratio = kb->both_ratio = ratio;
}

/* Of three logos' pairwise correlations @corr (i < j filled), the pair
 * that correlates best (@ref) and the third logo (returned), with its
 * correlations with that pair's two logos in @ck[0], @ck[1], and the two
 * pairs it makes with them in @ka, @kb. */
static int odd_of_corr(const double corr[N_SQ][N_SQ], pair_diff d[N_SQ][N_SQ],
                       double *ref, double ck[2], pair_diff **ka, pair_diff **kb)
{
	int bi = 0, bj = 1;
	for (int i = 0; i < N_SQ; i++)
		for (int j = i + 1; j < N_SQ; j++)
			if (corr[i][j] > corr[bi][bj]) {
				bi = i;
				bj = j;
			}
	int k = 3 - bi - bj;
	*ref = corr[bi][bj];
	ck[0] = k < bi ? corr[k][bi] : corr[bi][k];
	ck[1] = k < bj ? corr[k][bj] : corr[bj][k];
	*ka = k < bi ? &d[k][bi] : &d[bi][k];
	*kb = k < bj ? &d[k][bj] : &d[bj][k];
	return k;
}

/* The Pearson correlation of two tiles' contents: each cell of their
 * content boxes resampled to the comparison grid (al_mark.inner_cells),
 * taken as its CIE76 distance from its tile colour; 0 when either has
 * no spread. */
static double content_corr(const al_mark *a, const al_mark *b)
{
	const int n = AL_MARK_CMP * AL_MARK_CMP;
	double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
	for (int i = 0; i < n; i++) {
		double ia = al_de76(a->inner_cells[i], a->ground);
		double ib = al_de76(b->inner_cells[i], b->ground);
		sa += ia;
		sb += ib;
		saa += ia * ia;
		sbb += ib * ib;
		sab += ia * ib;
	}
	double va = saa - sa * sa / n, vb = sbb - sb * sb / n;
	if (va <= 1e-9 || vb <= 1e-9)
		return 0;
	return (sab - sa * sb / n) / sqrt(va * vb);
}

/* Do two tiles' content boxes take the same share of their tiles' width
 * and height, within @tol, and each at least @least of both? */
static bool content_boxes_agree(const al_mark *a, const al_mark *b, double tol,
                                double least)
{
	double wa = (double)a->inner.w / a->bbox.w, wb = (double)b->inner.w / b->bbox.w;
	double ha = (double)a->inner.h / a->bbox.h, hb = (double)b->inner.h / b->bbox.h;
	return fabs(wa - wb) <= tol && fabs(ha - hb) <= tol &&
	       MIN(MIN(wa, wb), MIN(ha, hb)) >= least;
}

/* The tiles' contents, each in its own box.  The inner tests compare
 * the insides on the grid of the whole mark, where an icon on a tile
 * covers some 6 x 6 cells, blurred 1-2-1: another glyph of the same size
 * in the same place correlates with the first at 0.86-0.92, as two
 * exports of one glyph do.  Resampled to the grid by its own box (the
 * pixels inside the tile that stand out from its colour), an icon fills
 * all of it, and another glyph correlates with it at 0.0-0.45 where two
 * exports of one agree at 0.9-1.0.  That box moves between exports,
 * though: a 40-px export washed out, a JPEG's ringing, a tile's rim or
 * one colour of a multi-colour mark read as content shrink or grow it,
 * and two boxes of different extent compare different things.  So when
 * the three marks are tiles of one colour (tiles_ok(); not the ground
 * enclosed by an outline, ground_enclosed()) with contents whose boxes
 * take the same shares of their tiles' width and height within
 * content_box_tol, and at least content_min_share of both (a detail a
 * few pixels across at 40 px, a filled icon's corner fold read as its
 * content, is resampled to the grid from its blur), the pair whose contents correlate best does so at
 * content_ref or more, and the third logo's content correlates with both
 * less by content_margin, the third logo is another design: another icon
 * drawn on the same tile.  The small logo is judged too (see the man
 * page for the margins measured). */
static void odd_content(const al_set_ctx *ctx, const al_file_result *sq[N_SQ],
                        pair_diff d[N_SQ][N_SQ])
{
	double tol = AL_PARAM(ctx, "content_box_tol");
	double least = AL_PARAM(ctx, "content_min_share");
	double corr[N_SQ][N_SQ];
	for (int i = 0; i < N_SQ; i++)
		if (!sq[i]->mark->has_inner)
			return;
	for (int i = 0; i < N_SQ; i++)
		for (int j = i + 1; j < N_SQ; j++) {
			const pair_diff *p = &d[i][j];
			if (!tiles_ok(ctx, p) || p->canvas_tile || p->odd_inner || p->odd_ink ||
			    !content_boxes_agree(sq[i]->mark, sq[j]->mark, tol, least))
				return;
			corr[i][j] = content_corr(sq[i]->mark, sq[j]->mark);
		}
	if (ground_enclosed(ctx, sq))
		return;
	double ref, ck[2];
	pair_diff *ka, *kb;
	odd_of_corr((const double (*)[N_SQ])corr, d, &ref, ck, &ka, &kb);
	if (ref < AL_PARAM(ctx, "content_ref") ||
	    ref - MAX(ck[0], ck[1]) < AL_PARAM(ctx, "content_margin"))
		return;
	ka->odd_inner = kb->odd_inner = 4;
	ka->content_corr = ck[0];
	kb->content_corr = ck[1];
	ka->inner_ref = kb->inner_ref = ref;
	ka->inner_need = kb->inner_need = AL_PARAM(ctx, "content_margin");
}

/* The tiles' contents in the tiles' own frame (al_mark.tile_ink), each
 * blurred 1-2-1 on both axes, @b's moved by @dx, @dy cells and scaled by
 * @scale about the grid's centre (bilinear, 0 off the grid) before the
 * Pearson correlation with @a's. */
#define TG AL_MARK_TILE_GRID
static void tile_blur(const float *in, double out[TG * TG])
{
	double tmp[TG * TG];
	for (int y = 0; y < TG; y++)
		for (int x = 0; x < TG; x++) {
			double l = in[y * TG + MAX(x - 1, 0)], r = in[y * TG + MIN(x + 1, TG - 1)];
			tmp[y * TG + x] = (l + 2 * in[y * TG + x] + r) / 4;
		}
	for (int y = 0; y < TG; y++)
		for (int x = 0; x < TG; x++) {
			double u = tmp[MAX(y - 1, 0) * TG + x], w = tmp[MIN(y + 1, TG - 1) * TG + x];
			out[y * TG + x] = (u + 2 * tmp[y * TG + x] + w) / 4;
		}
}

/* @b's grid with TILE_PAD cells of 0 all round: the taps of any shift and
 * scale tile_corr() tries fall inside it (at scale 0.9 and a shift of 2,
 * 4 cells off the grid), so the bilinear samples need no bounds test */
#define TILE_PAD 5
#define TP (TG + 2 * TILE_PAD)

/* Where each of the grid's columns (or rows) samples @b's moved by @d
 * cells and scaled by @scale: the cell before (at) and the fraction past
 * it (f).  The same for both axes and every pair of tiles: tile_corr()
 * works them out once per shift and scale, not per axis and call. */
typedef struct {
	int at[TG];
	double f[TG];
	/* first[v]: the first x whose at[x] + TILE_PAD >= v (TG if none),
	 * for tile_tap_span() */
	int first[TP + 2];
} tile_tap;

static void tile_taps(double d, double scale, tile_tap *t)
{
	const double c = (TG - 1) / 2.0;
	for (int x = 0; x < TG; x++) {
		double p = (x - c - d) / scale + c;
		t->at[x] = (int)floor(p);
		t->f[x] = p - t->at[x];
	}
	for (int v = 0, x = 0; v < TP + 2; v++) {
		while (x < TG && t->at[x] + TILE_PAD < v)
			x++;
		t->first[v] = x;
	}
}

/* The columns of each row j of @b (the padded grid) that hold ink:
 * [lo[j], hi[j]]; TP and -1 when none (so that the span of two rows is
 * their MIN and MAX). */
static void tile_ink_cols(const double b[TP * TP], int lo[TP], int hi[TP])
{
	for (int j = 0; j < TP; j++) {
		int l = 0, h = TP - 1;
		while (l < TP && b[j * TP + l] == 0)
			l++;
		while (h >= l && b[j * TP + h] == 0)
			h--;
		lo[j] = l;
		hi[j] = l < TP ? h : -1;
	}
}

/* The columns x of a row whose taps, ax[x] + TILE_PAD to that plus
 * @taps - 1 (ax = @t->at), meet the ink columns [@l, @h], l <= h:
 * [*xa, *xb).  ax rises with x, so they are one run: from the first x
 * whose last tap reaches l to the first whose first tap passes h (none
 * when that comes first), both read from t->first.  The taps all fall
 * in the padded grid (ax + TILE_PAD >= 0), so l - taps + 1 < 0 finds
 * x = 0 as 0 does. */
static void tile_tap_span(const tile_tap *t, int taps, int l, int h, int *xa, int *xb)
{
	int p = t->first[MAX(l - taps + 1, 0)], s = t->first[h + 1];
	*xa = p < s ? p : TG;
	*xb = p < s ? s : TG;
}

/* The correlation of @a (sums @sa, @saa) with @b moved by (dx, dy)
 * cells and scaled by @scale, bilinear samples (@tx, @ty: the taps of
 * dx and dy at that scale).  A sample whose taps
 * are all 0 (no ink, or the padding: @lo, @hi from tile_ink_cols()) is
 * +0, every weight being positive, and adds +0 to each of the sums (the
 * grids hold no negative value): skipped, the sums are the same. */
static double tile_corr_at(const double a[TG * TG], double sa, double saa,
                           const double b[TP * TP], const int lo[TP], const int hi[TP],
                           const tile_tap *tx, const tile_tap *ty, double scale)
{
	const int n = TG * TG;
	const int *ax = tx->at, *ay = ty->at;
	const double *fx = tx->f, *fy = ty->f;
	double sb = 0, sbb = 0, sab = 0;
	if (scale == 1.0) {
		/* whole-cell shifts: every fraction is 0, the sample is the
		 * cell itself (the other three terms add +0 to it) */
		for (int y = 0; y < TG; y++) {
			int j = ay[y] + TILE_PAD, xa, xb;
			if (lo[j] > hi[j])
				continue;
			tile_tap_span(tx, 1, lo[j], hi[j], &xa, &xb);
			const double *r0 = b + j * TP + TILE_PAD;
			for (int x = xa; x < xb; x++) {
				double ia = a[y * TG + x], ib = r0[ax[x]];
				sb += ib;
				sbb += ib * ib;
				sab += ia * ib;
			}
		}
	} else {
		/* 1 - fx[x], once for all the rows */
		double gx[TG];
		for (int x = 0; x < TG; x++)
			gx[x] = 1 - fx[x];
		for (int y = 0; y < TG; y++) {
			int j = ay[y] + TILE_PAD, xa, xb;
			int l = MIN(lo[j], lo[j + 1]), h = MAX(hi[j], hi[j + 1]);
			if (l > h)
				continue;
			tile_tap_span(tx, 2, l, h, &xa, &xb);
			const double *r0 = b + j * TP + TILE_PAD, *r1 = r0 + TP;
			for (int x = xa; x < xb; x++) {
				/* bilinear */
				int xi = ax[x];
				double ia = a[y * TG + x], ib = 0;
				ib += gx[x] * (1 - fy[y]) * r0[xi];
				ib += fx[x] * (1 - fy[y]) * r0[xi + 1];
				ib += gx[x] * fy[y] * r1[xi];
				ib += fx[x] * fy[y] * r1[xi + 1];
				sb += ib;
				sbb += ib * ib;
				sab += ia * ib;
			}
		}
	}
	double va = saa - sa * sa / n, vb = sbb - sb * sb / n;
	if (va <= 1e-9 || vb <= 1e-9)
		return 0;
	return (sab - sa * sb / n) / sqrt(va * vb);
}

/* The best of those correlations over shifts of up to TILE_SHIFT cells
 * on each axis (in steps of one) and the scales TILE_SCALES: an export's
 * glyph placed a pixel or two off, or drawn a tenth larger, is
 * registered onto the other; another glyph does not become the first. */
#define TILE_SHIFT 2
static const double TILE_SCALES[] = { 0.9, 0.95, 1.0, 1.05, 1.1 };
/* With @cut, the search may stop early: from the unmoved tiles on, as
 * soon as the best so far, m, has @ref - m < @margin; the best only
 * rises, so the whole search's would have that too (returned: m). */
static double tile_corr(const al_mark *a, const al_mark *b, bool cut, double ref,
                        double margin)
{
	double ga[TG * TG], gb[TG * TG], pb[TP * TP] = { 0 }, best = -1;
	tile_blur(a->tile_ink, ga);
	tile_blur(b->tile_ink, gb);
	for (int y = 0; y < TG; y++)
		memcpy(pb + (y + TILE_PAD) * TP + TILE_PAD, gb + y * TG, TG * sizeof *gb);
	int lo[TP], hi[TP];
	tile_ink_cols(pb, lo, hi);
	/* @a's sums, the same for every shift and scale */
	double sa = 0, saa = 0;
	for (int i = 0; i < TG * TG; i++) {
		sa += ga[i];
		saa += ga[i] * ga[i];
	}
	if (cut) {
		/* the likeliest best first (the maximum is the same in any
		 * order) */
		tile_tap t0;
		tile_taps(0, 1.0, &t0);
		best = tile_corr_at(ga, sa, saa, pb, lo, hi, &t0, &t0, 1.0);
		if (ref - best < margin)
			return best;
	}
	for (size_t s = 0; s < G_N_ELEMENTS(TILE_SCALES); s++) {
		tile_tap t[2 * TILE_SHIFT + 1];
		for (int d = -TILE_SHIFT; d <= TILE_SHIFT; d++)
			tile_taps(d, TILE_SCALES[s], &t[d + TILE_SHIFT]);
		for (int dy = -TILE_SHIFT; dy <= TILE_SHIFT; dy++)
			for (int dx = -TILE_SHIFT; dx <= TILE_SHIFT; dx++) {
				if (cut && TILE_SCALES[s] == 1.0 && dx == 0 && dy == 0)
					continue;
				best = MAX(best, tile_corr_at(ga, sa, saa, pb, lo, hi,
				                              &t[dx + TILE_SHIFT],
				                              &t[dy + TILE_SHIFT], TILE_SCALES[s]));
				if (cut && ref - best < margin)
					return best;
			}
	}
	return best;
}
#undef TP
#undef TG

/* Test hook: tile_corr()'s whole search (tests/test_rules_set.c checks
 * it against the plain loop that samples every cell). */
double al__set_tile_corr(const al_mark *a, const al_mark *b);
double al__set_tile_corr(const al_mark *a, const al_mark *b)
{
	return tile_corr(a, b, false, 0, 0);
}

/* The content test in the tiles' frame, for the sets odd_content() does
 * not decide (their content boxes disagree: another glyph of another
 * shape, or a glyph that runs close to its tile's edge and loses a part
 * to the rim in one export): the three marks tiles of one colour as
 * there, the pair whose registered tile contents (tile_corr()) correlate
 * best does so at tile_frame_ref or more, and a medium or large logo's
 * correlates with both less by tile_frame_margin: another icon on the
 * same tile.  Not the 40-px logo, whose details wash out (an emoji's
 * eyes: honest margins up to 0.39 on the dev probes). */
static void odd_tile_frame(const al_set_ctx *ctx, const al_file_result *sq[N_SQ],
                           pair_diff d[N_SQ][N_SQ])
{
	double corr[N_SQ][N_SQ];
	for (int i = 0; i < N_SQ; i++)
		if (!sq[i]->mark->has_inner)
			return;
	for (int i = 0; i < N_SQ; i++)
		for (int j = i + 1; j < N_SQ; j++) {
			const pair_diff *p = &d[i][j];
			if (!tiles_ok(ctx, p) || p->canvas_tile || p->odd_inner || p->odd_ink)
				return;
		}
	if (ground_enclosed(ctx, sq))
		return;
	/* The correlations last: the costly part, for the sets the tests
	 * above leave open.  The test fires only with the 40-px logo in the
	 * best pair (the odd one out is medium or large), so its two pairs
	 * first: when neither reaches tile_frame_ref, nothing fires whatever
	 * the third pair's; else that one's search stops once it is within
	 * tile_frame_margin of theirs (it then either is the best pair or
	 * leaves too small a margin: nothing fires either). */
	const double t_ref = AL_PARAM(ctx, "tile_frame_ref");
	const double t_margin = AL_PARAM(ctx, "tile_frame_margin");
	int s = -1;
	for (int i = 0; i < N_SQ; i++)
		if (sq[i]->role == AL_ROLE_SMALL)
			s = i;
	double r = -1;
	for (int i = 0; i < N_SQ; i++)
		for (int j = i + 1; j < N_SQ; j++)
			if (i == s || j == s) {
				corr[i][j] = tile_corr(sq[i]->mark, sq[j]->mark, false, 0, 0);
				r = MAX(r, corr[i][j]);
			}
	if (s >= 0 && r < t_ref)
		return;
	for (int i = 0; i < N_SQ; i++)
		for (int j = i + 1; j < N_SQ; j++)
			if (i != s && j != s)
				corr[i][j] = tile_corr(sq[i]->mark, sq[j]->mark, s >= 0, r, t_margin);
	double ref, ck[2];
	pair_diff *ka, *kb;
	int k = odd_of_corr((const double (*)[N_SQ])corr, d, &ref, ck, &ka, &kb);
	if (sq[k]->role == AL_ROLE_SMALL || ref < t_ref || ref - MAX(ck[0], ck[1]) < t_margin)
		return;
	ka->odd_inner = kb->odd_inner = 5;
	ka->content_corr = ck[0];
	kb->content_corr = ck[1];
	ka->inner_ref = kb->inner_ref = ref;
	ka->inner_need = kb->inner_need = t_margin;
}

/* With three logos, where the smallest shows only the symbol of a larger
 * one's mark and a wordmark, a logo whose mark could not be split (the
 * word set too close to the symbol at its size) cannot be matched to the
 * symbol alone: when it agrees with the logo that could, the pair is the
 * same design by way of that logo. */
static void through_symbol(pair_diff d[N_SQ][N_SQ])
{
	for (int i = 0; i < N_SQ; i++)
		for (int j = i + 1; j < N_SQ; j++) {
			pair_diff *p = &d[i][j];
			if (!p->differ || p->bg_differs)
				continue;
			int k = 3 - i - j;
			pair_diff *ik = i < k ? &d[i][k] : &d[k][i];
			pair_diff *jk = j < k ? &d[j][k] : &d[k][j];
			if (!ik->differ && !jk->differ &&
			    (ik->simplified || jk->simplified))
				p->differ = false;
		}
}

/* Does pair @p show the same design by a measure that agrees, not only
 * by no measure disagreeing: the marks look alike (same_look, not by a
 * 40-px JPEG's smeared chroma, nor when one canvas is the other's tile
 * whose content was found to look different), draw the same strokes
 * (same_ink_corr), one logo's canvas is the other's tile, or the
 * smaller shows the larger's symbol?  With @close, both the look and
 * the strokes. */
static bool matched(const pair_diff *p, bool close)
{
	bool look = p->look_same && !p->chroma_smear && !p->content_of;
	if (close)
		return look && p->weight;
	return look || p->weight || p->canvas_tile || p->simplified;
}

/* With three logos of which one pair alone differs, the third logo shows
 * the same design as both of them: when it matches one of the two
 * closely (matched() with close) and the other by any agreeing measure,
 * the pair's difference is the drift of exports at both ends of the
 * sizes, not another design.  A 40-px export of a long wordmark, or a
 * JPEG, shifts coverage, colour and look from the large logo's a little
 * past the limits, while each differs from the medium logo, between
 * them, by less (see the man page for what this removed).  Another design
 * in one logo differs from both others; when it slips past one of them
 * it does so without an agreeing measure (the thresholds merely not
 * crossed) or by smeared chroma, and the pair stays. */
static void bridged(pair_diff d[N_SQ][N_SQ])
{
	int n_bad = 0, bi = 0, bj = 1;
	for (int i = 0; i < N_SQ; i++)
		for (int j = i + 1; j < N_SQ; j++)
			if (d[i][j].differ) {
				n_bad++;
				bi = i;
				bj = j;
			}
	if (n_bad != 1)
		return;
	int k = 3 - bi - bj;
	const pair_diff *ik = bi < k ? &d[bi][k] : &d[k][bi];
	const pair_diff *jk = bj < k ? &d[bj][k] : &d[k][bj];
	if (matched(ik, false) && matched(jk, false) &&
	    (matched(ik, true) || matched(jk, true)))
		d[bi][bj].differ = false;
}

static void check_set(al_set_ctx *ctx)
{
	const al_file_result *sq[N_SQ];
	pair_diff d[N_SQ][N_SQ];
	int n = 0, n_bad = 0, bad_of[N_SQ] = { 0, 0, 0 };
	const al_role roles[N_SQ] = { AL_ROLE_SMALL, AL_ROLE_MEDIUM, AL_ROLE_LARGE };
	char *what = NULL;

	/* a logo the distortion rule finds stretched differs for that
	 * reason: one cause, one finding */
	const al_file_result *stretched[N_SQ];
	int n_str = 0;
	if (al_rule_severity(ctx->opts, &al_rule_distortion) != AL_SEV_OFF) {
		al_set_ctx dctx = *ctx;
		dctx.rule = &al_rule_distortion;
		n_str = al_distortion_stretched(&dctx, stretched);
	}
	for (int r = 0; r < N_SQ; r++) {
		const al_file_result *f = al_set_first_of_role(ctx->set, roles[r]);
		bool skip = false;
		for (int k = 0; k < n_str; k++)
			skip |= stretched[k] == f;
		if (f && f->mark->valid && !skip)
			sq[n++] = f;
	}
	if (n < 2)
		goto out;
	memset(d, 0, sizeof d);
	for (int i = 0; i < n; i++)
		for (int j = i + 1; j < n; j++)
			compare(ctx, sq[i], sq[j], &d[i][j]);
	if (n == 3) {
		odd_one_out(ctx, sq, d);
		odd_ink(ctx, sq, d);
		odd_both(ctx, d);
		odd_recolour(ctx, sq, d);
		canvas_inner(sq, d);
		odd_inner(ctx, sq, d);
		odd_inner_corr(ctx, sq, d);
		odd_content(ctx, sq, d);
		odd_tile_frame(ctx, sq, d);
	}
	for (int i = 0; i < n; i++)
		for (int j = i + 1; j < n; j++)
			verdict(ctx, sq[i], sq[j], &d[i][j]);
	if (n == 3) {
		through_symbol(d);
		bridged(d);
	}
	for (int i = 0; i < n; i++)
		for (int j = i + 1; j < n; j++)
			if (d[i][j].differ) {
				n_bad++;
				bad_of[i]++;
				bad_of[j]++;
			}
	if (n_bad == 0)
		goto out;

	/* One finding per set.  With three logos and two differing pairs
	 * that share a logo, that logo is the odd one out. */
	int odd = -1;
	if (n == 3 && n_bad == 2)
		for (int i = 0; i < n; i++)
			if (bad_of[i] == 2)
				odd = i;
	int a = 0, b = 1;
	if (odd >= 0) {
		a = odd;
		b = odd == 0 ? 1 : 0;
	} else {
		/* the worst differing pair: lowest IoU */
		double worst = 2.0;
		for (int i = 0; i < n; i++)
			for (int j = i + 1; j < n; j++)
				if (d[i][j].differ && d[i][j].mk.iou < worst) {
					worst = d[i][j].mk.iou;
					a = i;
					b = j;
				}
	}
	const pair_diff *pd = a < b ? &d[a][b] : &d[b][a];
	const al_file_result *fa = a < b ? sq[a] : sq[b];
	const al_file_result *fb = a < b ? sq[b] : sq[a];
	what = describe(ctx, fa, fb, pd);
	if (odd >= 0) {
		const al_file_result *o1 = sq[odd == 0 ? 1 : 0];
		const al_file_result *o2 = sq[odd == 2 ? 1 : 2];
		al_emit_set(ctx, AL_SEV_OFF,
		            "%s (%s) does not show the same design as %s and %s: %s. "
		            "Export the small, medium and large logos from the same artwork.",
		            al_file_basename(sq[odd]), al_role_name(sq[odd]->role),
		            al_file_basename(o1), al_file_basename(o2), what);
	} else if (n == 3 && n_bad == 3) {
		al_emit_set(ctx, AL_SEV_OFF,
		            "%s, %s and %s do not show the same design (e.g. %s vs %s: %s). "
		            "Export the small, medium and large logos from the same artwork.",
		            al_file_basename(sq[0]), al_file_basename(sq[1]), al_file_basename(sq[2]), al_file_basename(fa), al_file_basename(fb), what);
	} else {
		al_emit_set(ctx, AL_SEV_OFF,
		            "%s (%s) and %s (%s) do not show the same design: %s. "
		            "Export the small, medium and large logos from the same artwork.",
		            al_file_basename(fa), al_role_name(fa->role), al_file_basename(fb),
		            al_role_name(fb->role), what);
	}
out:
	g_free(what);
}

const al_rule al_rule_set_inconsistent = {
	.id = "set-inconsistent",
	.stage = AL_STAGE_SET,
	.roles = 0,
	.severity = AL_SEV_WARNING,
	.summary = "the square logos do not show the same design",
	.help = "Export the small, medium and large logos from the same artwork.",
	.params = params,
	.n_params = G_N_ELEMENTS(params),
	.check_set = check_set,
};
