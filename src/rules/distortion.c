/* distortion: a logo is stretched or squashed relative to the set.  The
 * square logos' marks define the reference aspect ratio (their median); a
 * logo whose mark's aspect ratio differs from it by more than max_ratio is
 * distorted when its thumbnail -- normalised to the mark's box, i.e.
 * stretched back -- still matches the reference mark.  A different
 * thumbnail means a different composition (a wordmark beside the mark in
 * the wide logo), which is not flagged.  A square logo whose mark reaches
 * two opposite edges of its canvas is judged only when its aspect ratio,
 * which the canvas may cut, is off even as a bound.  A square logo whose
 * tile hides the stretch (a plain tile, or one cut by the canvas) is
 * judged by its tile's content.  Algorithm in
 * assetlint(1), man/parts/55-rules-set.roff. */
#include <math.h>
#include <string.h>
#include "rules.h"

static const al_param params[] = {
	{ "max_ratio", 1.15, 1.01, 4.0,
	  "largest accepted ratio between a mark's aspect ratio and the reference" },
	{ "min_iou", 0.80, 0.0, 1.0,
	  "least coverage IoU for 'the same mark, stretched'" },
	{ "max_delta_e", 12.0, 0.0, 200.0,
	  "largest mean CIE76 colour distance for 'the same mark, stretched'" },
	{ "max_mismatch", 0.20, 0.0, 1.0,
	  "largest share of thumbnail cells whose colours clearly differ" },
	{ "min_gap_iou", 0.45, 0.0, 1.0,
	  "least IoU of the uncovered share (space around the mark, holes) for the looser colour limits" },
	{ "max_delta_e_gaps", 20.0, 0.0, 200.0,
	  "max_delta_e when the gaps agree too (thin strokes washed by anti-aliasing)" },
	{ "max_mismatch_gaps", 0.40, 0.0, 1.0,
	  "max_mismatch when the gaps agree too" },
	{ "min_ink_corr", 0.95, -1.0, 1.0,
	  "least ink correlation (see set-inconsistent.same_ink_corr) with max_look" },
	{ "max_look", 10.0, 0.0, 200.0,
	  "largest look difference (see set-inconsistent.same_look) for 'the same mark, stretched', whatever the other limits say" },
	{ "min_ink_corr_apart", 0.7, -1.0, 1.0,
	  "least ink correlation for 'the same mark, stretched' when the marks look different (more than max_look)" },
	{ "odd_max_look", 7.5, 0.0, 200.0,
	  "largest look difference from both other square logos for a square logo that is the odd one out in aspect ratio" },
	{ "content_spread", 2.5, 1.0, 100.0,
	  "largest ratio between two tiles' contents' aspect-ratio spread and the tiles' own for 'the same mark, stretched'" },
	{ "odd_min_ink_corr", 0.8, -1.0, 1.0,
	  "least ink correlation with both other square logos for a square logo that is the odd one out in aspect ratio" },
	{ "cut_min_shown", 0.6, 0.1, 1.0,
	  "least share of a mark cut by one edge of the canvas that is assumed to show, when it is matched with the reference's part" },
	{ "whole_tile_corner", 0.5, 0.0, 1.0,
	  "largest coverage of each corner cell of the comparison grid for a square logo's mark that spans its canvas both ways to be a whole tile (a reference at the canvas's aspect ratio)" },
	{ "corner_ratio", 1.3, 1.0, 10.0,
	  "least ratio between how far the page reaches along the canvas's top and bottom edges from its four corners and along its sides (or the other way round) for a tile that fills the canvas to have stretched corners" },
	{ "corner_min_diff", 6.0, 0.0, 1000.0,
	  "least difference in pixels between the page's reaches along the edges and along the sides, summed over the four corners, for corner_ratio" },
	{ "cut_tile_ratio", 1.05, 1.0, 4.0,
	  "least ratio between the visible aspect ratio of a tile cut by two opposite edges of the canvas (a bound) and the other square logos' tiles, for its content to be judged" },
};

#define N_SQ 3

/* The colour @f's mark is seen on: on a border of two colours, the tile
 * colour around the mark when the canvas cuts a tile (al_mark.seen_on),
 * else as the set rules take a logo's background (al_logo_bg_lab()). */
static void mark_bg_lab(const al_file_result *f, float lab[3])
{
	if (f->mark->has_seen_on)
		memcpy(lab, f->mark->seen_on, sizeof f->mark->seen_on);
	else
		al_logo_bg_lab(f, lab);
}


/* The colour the part @p of @f's mark is seen on: its own (al_mark_part
 * .seen_on: a mark on a tile the canvas cuts, beside a word on the
 * page), else the logo's background (al_logo_bg_lab(): on a border of
 * two colours the part is then seen on the dominant one, whatever the
 * whole mark is seen on). */
static void part_bg_lab(const al_file_result *f, const al_mark_part *p, float lab[3])
{
	if (p->has_seen_on)
		memcpy(lab, p->seen_on, sizeof p->seen_on);
	else
		al_logo_bg_lab(f, lab);
}

/* max(r, 1/r): how far apart two aspect ratios are, either way round. */
static double spread(double a, double b)
{
	double r = a / b;
	return r >= 1.0 ? r : 1.0 / r;
}

/* Does @d say "the same mark, stretched back"?  The shapes must overlap
 * (min_iou) and the colours agree closely; or, when the space around and
 * inside the mark overlaps too (min_gap_iou), the colours may differ more:
 * thin strokes at small sizes wash out into the background, which moves
 * colours but not the shape.  Two filled tiles with different cut-outs
 * overlap in their ink, not in their gaps, and keep the strict colour
 * limits; a tile that fills its box has no gaps and needs them too. */
static bool close_enough(const al_set_ctx *ctx, const al_mark_diff *d,
                         const al_mark_look *look)
{
	/* shown on their backgrounds at the 40-px pitch, they look alike:
	 * thin strokes washed out at 40 px move coverage and colour */
	if (look->look_de <= AL_PARAM(ctx, "max_look") &&
	    look->ink_corr >= AL_PARAM(ctx, "min_ink_corr"))
		return true;
	/* coverage and mean colour do not see a filled mark's insides: two
	 * solid icons of one colour and outline (a video camera and a
	 * rounded square with bars) overlap once stretched to one box.
	 * Marks that look different and whose ink does not follow the same
	 * strokes are two marks, not one stretched */
	if (look->look_de > AL_PARAM(ctx, "max_look") &&
	    look->ink_corr < AL_PARAM(ctx, "min_ink_corr_apart"))
		return false;
	if (d->iou < AL_PARAM(ctx, "min_iou"))
		return false;
	if (d->delta_e <= AL_PARAM(ctx, "max_delta_e") &&
	    d->mismatch <= AL_PARAM(ctx, "max_mismatch"))
		return true;
	return d->gap_iou >= AL_PARAM(ctx, "min_gap_iou") &&
	       d->delta_e <= AL_PARAM(ctx, "max_delta_e_gaps") &&
	       d->mismatch <= AL_PARAM(ctx, "max_mismatch_gaps");
}

static bool tile_contents_differ(const al_set_ctx *ctx, const al_file_result *f,
                                 const al_file_result *ref);

/* Is @f's mark the reference mark @ref stretched?  Only when the
 * thumbnails agree closely and the reference has structure to compare;
 * two tiles also by what is drawn on them (tile_contents_differ()). */
static bool same_mark(const al_set_ctx *ctx, const al_file_result *f,
                      const al_file_result *ref)
{
	al_mark_diff d;
	al_mark_look look;
	float lf[3], lr[3];
	if (!al_mark_informative(ref->mark))
		return false;
	al_mark_compare(f->mark, ref->mark, &d);
	mark_bg_lab(f, lf);
	mark_bg_lab(ref, lr);
	al_mark_compare_look(f->mark, lf, ref->mark, lr, &look);
	return close_enough(ctx, &d, &look) && !tile_contents_differ(ctx, f, ref);
}

/* The candidates for "the mark" of a logo: its whole foreground (k = -1)
 * or, when a gap splits it (a mark beside or above a word), one of its
 * parts (k = 0, 1). */
static double cand_aspect(const al_file_result *f, int k)
{
	return k < 0 ? f->mark->aspect : f->mark->part[k].aspect;
}

static bool cand_same(const al_set_ctx *ctx, const al_file_result *f, int k,
                      const al_file_result *ref)
{
	al_mark_diff d;
	al_mark_look look;
	float lf[3], lr[3];
	if (k < 0)
		return same_mark(ctx, f, ref);
	if (!al_mark_informative(ref->mark))
		return false;
	al_mark_compare_part(&f->mark->part[k], ref->mark, &d);
	part_bg_lab(f, &f->mark->part[k], lf);
	mark_bg_lab(ref, lr);
	al_mark_compare_look_part(&f->mark->part[k], lf, ref->mark, lr, &look);
	return close_enough(ctx, &d, &look);
}

/* A mark that spans its canvas from edge to edge on an axis (stripes,
 * a full-bleed picture, a mark cropped by the canvas) has the canvas's
 * proportions on that axis, not its own: its aspect ratio says nothing.
 * Such a mark has foreground in the canvas's outermost pixels on both
 * sides; one that stops a pixel short (a mark stretched to nearly fill
 * the canvas, the typical distortion) is whole and keeps its own
 * proportions. */
static bool usable(const al_file_result *f)
{
	const al_region *b = &f->mark->bbox;
	if (!f->mark->valid || f->mark->aspect <= 0)
		return false;
	bool spans_x = b->x <= 0 && b->x + b->w >= f->width;
	bool spans_y = b->y <= 0 && b->y + b->h >= f->height;
	return !spans_x && !spans_y;
}

/* Is @f's mark a tile with rounded corners (or a disc) that fills its
 * square canvas: it spans the canvas both ways (so usable() leaves it
 * out) and the page shows in all four corners -- each corner cell of the
 * comparison grid covered at most whole_tile_corner?  Such a tile
 * touches or barely overruns the four edges the same way, so its aspect
 * ratio is the canvas's (1); a full-bleed picture covers its corners.
 * Only square canvases. */
static bool whole_tile(const al_set_ctx *ctx, const al_file_result *f)
{
	const al_region *b = &f->mark->bbox;
	const int n = AL_MARK_CMP;
	const int corner[4] = { 0, n - 1, n * (n - 1), n * n - 1 };
	if (!f->mark->valid || f->width != f->height || b->x > 0 || b->y > 0 ||
	    b->x + b->w < f->width || b->y + b->h < f->height)
		return false;
	for (int k = 0; k < 4; k++)
		if (f->mark->cells[corner[k]][3] > AL_PARAM(ctx, "whole_tile_corner"))
			return false;
	return true;
}

/* Does @f's mark reach the top and bottom edges of its canvas but not
 * both side edges? */
static bool spans_height_only(const al_file_result *f)
{
	const al_region *b = &f->mark->bbox;
	return f->mark->valid && b->y <= 0 && b->y + b->h >= f->height &&
	       !(b->x <= 0 && b->x + b->w >= f->width);
}

/* Does @f's mark reach the left and right edges of its canvas but not
 * both the top and bottom edges? */
static bool spans_width_only(const al_file_result *f)
{
	const al_region *b = &f->mark->bbox;
	return f->mark->valid && b->x <= 0 && b->x + b->w >= f->width &&
	       !(b->y <= 0 && b->y + b->h >= f->height);
}

/* A mark that spans its canvas on one axis only (a tile or an ellipse
 * stretched until it touches two opposite edges) may be cut there, so
 * its true extent on that axis is at least the measured one: its
 * measured aspect ratio bounds the true one from one side (an upper
 * bound when it spans the height, a lower one when it spans the width).
 * When that bound already lies beyond @max_ratio from @ref, the true
 * aspect ratio does too, and the mark can be judged as a stretch. */
static bool bounded_off(const al_file_result *f, double ref, double max_ratio)
{
	const al_region *b = &f->mark->bbox;
	if (!f->mark->valid || f->mark->aspect <= 0 || ref <= 0)
		return false;
	bool spans_x = b->x <= 0 && b->x + b->w >= f->width;
	bool spans_y = b->y <= 0 && b->y + b->h >= f->height;
	if (spans_x == spans_y)
		return false;
	return spans_y ? f->mark->aspect * max_ratio < ref
	               : f->mark->aspect > ref * max_ratio;
}

/* The reference mark for @f: a square logo other than @f whose aspect
 * ratio agrees with the reference (within @max_ratio) and whose mark @f's
 * candidate @k is, stretched back.  Every such logo is tried, the largest
 * first (it has the most detail): the others may differ from it in ways
 * that are not a stretch -- a heavier stroke exported for one size, thin
 * lines washed out by anti-aliasing at 40 px -- and one agreeing logo is
 * enough to name the mark.  NULL when none matches, and NULL when the
 * candidate has the proportions of a square logo showing the same mark:
 * a thin mark's measured box varies between honest exports, and a
 * candidate shaped like one of them is that export's twin, not a
 * stretch. */
static const al_file_result *match_ref(const al_set_ctx *ctx,
                                       const al_file_result *f, int k,
                                       const al_file_result *const *sq, int n,
                                       double ref_aspect, double max_ratio)
{
	double a = cand_aspect(f, k);
	for (int i = 0; i < n; i++)
		if (sq[i] != f && spread(a, sq[i]->mark->aspect) <= max_ratio &&
		    cand_same(ctx, f, k, sq[i]))
			return NULL;
	for (int i = n - 1; i >= 0; i--) {
		if (sq[i] == f || spread(sq[i]->mark->aspect, ref_aspect) > max_ratio)
			continue;
		if (cand_same(ctx, f, k, sq[i]))
			return sq[i];
	}
	return NULL;
}

/* The candidate @k's box (see cand_aspect()). */
static const al_region *cand_box(const al_file_result *f, int k)
{
	return k < 0 ? &f->mark->bbox : &f->mark->part[k].bbox;
}

/* Which edge of the canvas cuts the box @b on one axis: -1 the start
 * (left or top), 1 the end, 0 neither or both. */
static int cut_side(int off, int len, int canvas)
{
	bool lo = off <= 0, hi = off + len >= canvas;
	return lo == hi ? 0 : lo ? -1 : 1;
}

/* Does @p, the mark of @f, match @ref's comparison grid cut on one axis
 * (@on_x: across x, else across y), keeping a share from cut_min_shown to
 * 1 in steps of 0.05 (how much of the mark shows is not known)?  @side
 * says which end the canvas hid: < 0 the start, > 0 the end, 0 both (the
 * centred share is kept).  Each cut is compared with close_enough(). */
/* REF's mark cropped to the share LO..HI of its width (ON_X) or height. */
static void crop_ref(const al_file_result *ref, bool on_x, double lo,
                     double hi, al_mark *t)
{
	const float(*cells)[4] = (const float(*)[4])ref->mark->cells;
	t->valid = true;
	if (on_x)
		al_mark_crop_cells(cells, lo, hi, 0.0, 1.0, t->cells);
	else
		al_mark_crop_cells(cells, 0.0, 1.0, lo, hi, t->cells);
}

static bool cropped_ref_same(const al_set_ctx *ctx, const al_file_result *f,
                             const al_mark_part *p, const al_file_result *ref,
                             bool on_x, int side)
{
	float lf[3], lr[3];
	mark_bg_lab(f, lf);
	mark_bg_lab(ref, lr);
	for (double v = AL_PARAM(ctx, "cut_min_shown"); v <= 1.0 + 1e-9; v += 0.05) {
		double lo = side < 0 ? 1.0 - v : side > 0 ? 0.0 : (1.0 - v) / 2;
		double hi = side < 0 ? 1.0 : side > 0 ? v : (1.0 + v) / 2;
		al_mark t;
		al_mark_diff d;
		al_mark_look look;
		crop_ref(ref, on_x, lo, hi, &t);
		al_mark_compare_part(p, &t, &d);
		al_mark_compare_look_part(p, lf, &t, lr, &look);
		if (close_enough(ctx, &d, &look))
			return true;
	}
	return false;
}

/* Is the candidate @k of @f a mark cut by one edge of its canvas (a
 * stretched mark that runs off it beside a word) whose visible part is
 * the reference mark @ref, stretched and cut the same way?  The canvas
 * hides part of it, so its true extent on the cut axis is at least the
 * visible one: a mark cut at a side edge is at least as wide as it shows
 * (judged only when it already shows wider than @ref_aspect by more than
 * @max_ratio), one cut at the top or bottom at least as tall.  The
 * reference's comparison grid is cut at the same edge, keeping a share
 * from cut_min_shown to 1 (steps of 0.05: how much of the mark shows is
 * not known), and compared (close_enough()) with the candidate's. */
static bool cut_same(const al_set_ctx *ctx, const al_file_result *f, int k,
                     const al_file_result *ref, double ref_aspect,
                     double max_ratio)
{
	const al_region *b = cand_box(f, k);
	double a = cand_aspect(f, k);
	int sx = cut_side(b->x, b->w, f->width), sy = cut_side(b->y, b->h, f->height);
	if (!al_mark_informative(ref->mark) || (sx != 0) == (sy != 0))
		return false;
	if (sx ? a <= ref_aspect * max_ratio : a * max_ratio >= ref_aspect)
		return false;
	al_mark_part p;
	if (k < 0) {
		memset(&p, 0, sizeof p);
		memcpy(p.cells, f->mark->cells, sizeof p.cells);
		p.aspect = a;
	} else {
		p = f->mark->part[k];
	}
	return cropped_ref_same(ctx, f, &p, ref, sx != 0, sx ? sx : sy);
}

/* Is the candidate @k of the wide logo @f (its whole foreground, k < 0,
 * or a part), cut by one edge of its canvas, the reference mark @ref
 * stretched and cut, though it does not show stretched by more than
 * @max_ratio the way the cut hides (cut_same())?  A mark that runs off
 * the wide logo's side beside its word shows only a share of its width:
 * a tile pulled sideways 1.48 times and cut to three quarters by the
 * left edge shows the square logos' proportions.  The reference's comparison grid is cut at the same edge
 * to each share from cut_min_shown to 1 (steps of 0.05); the share whose
 * grid overlaps the part's best (coverage IoU; the larger share on a
 * tie) is how much of the mark shows, when the grids match there
 * (close_enough()).  The mark's aspect ratio is then the part's divided
 * by that share (cut at a side edge) or times it (at the top or bottom),
 * into @est; false when the grids do not match there, else true, and
 * @off when the estimate is off @ref_aspect by more than @max_ratio the
 * way the cut can hide (wider for a side edge, narrower for the top or
 * bottom).  The overlap is flat near the best share, so the share
 * found tends to be too large and the estimate too small: it is not
 * trusted the other way. */
static bool off_toward(double a, double b, double max_ratio, bool wider);

static bool cut_part_stretched(const al_set_ctx *ctx, const al_file_result *f,
                               int k, const al_file_result *ref,
                               double ref_aspect, double max_ratio, double *est,
                               bool *off)
{
	al_mark_part whole;
	const al_mark_part *p = &whole;
	if (k < 0) {
		memset(&whole, 0, sizeof whole);
		memcpy(whole.cells, f->mark->cells, sizeof whole.cells);
		whole.bbox = f->mark->bbox;
		whole.aspect = f->mark->aspect;
	} else {
		p = &f->mark->part[k];
	}
	int sx = cut_side(p->bbox.x, p->bbox.w, f->width);
	int sy = cut_side(p->bbox.y, p->bbox.h, f->height);
	if (!al_mark_informative(ref->mark) || (sx != 0) == (sy != 0))
		return false;
	float lf[3], lr[3];
	if (k < 0)
		mark_bg_lab(f, lf);
	else
		part_bg_lab(f, p, lf);
	mark_bg_lab(ref, lr);
	double best_v = 0, best_iou = -1;
	bool best_ok = false;
	for (double v = AL_PARAM(ctx, "cut_min_shown"); v <= 1.0 + 1e-9; v += 0.05) {
		int side = sx ? sx : sy;
		double lo = side < 0 ? 1.0 - v : 0.0, hi = side < 0 ? 1.0 : v;
		al_mark t;
		al_mark_diff d;
		al_mark_look look;
		crop_ref(ref, sx != 0, lo, hi, &t);
		al_mark_compare_part(p, &t, &d);
		if (d.iou < best_iou)
			continue;
		al_mark_compare_look_part(p, lf, &t, lr, &look);
		best_iou = d.iou;
		best_v = MIN(v, 1.0);
		best_ok = close_enough(ctx, &d, &look);
	}
	if (!best_ok)
		return false;
	*est = sx ? p->aspect / best_v : p->aspect * best_v;
	*off = off_toward(*est, ref_aspect, max_ratio, sx != 0);
	return true;
}

/* The square logo (a reference: within @max_ratio of @ref_aspect) whose
 * mark the candidate @k of the wide logo @f is, stretched and cut by the
 * canvas (cut_part_stretched()): the largest whose mark it matches, when
 * every reference mark it matches says it is off; NULL when none, or
 * when one says it is not (a plain tile cut by the canvas overlaps the
 * reference's grid alike over many shares).  The largest's estimated
 * aspect ratio in @est. */
static const al_file_result *cut_part_ref(const al_set_ctx *ctx,
                                          const al_file_result *f, int k,
                                          const al_file_result *const *sq, int n,
                                          double ref_aspect, double max_ratio,
                                          double *est)
{
	const al_file_result *r = NULL;
	for (int i = n - 1; i >= 0; i--) {
		double e;
		bool off;
		if (sq[i] == f || spread(sq[i]->mark->aspect, ref_aspect) > max_ratio ||
		    !cut_part_stretched(ctx, f, k, sq[i], ref_aspect, max_ratio, &e, &off))
			continue;
		if (!off)
			return NULL;
		if (!r) {
			r = sq[i];
			*est = e;
		}
	}
	return r;
}

/* Is @f distorted?  A candidate mark (the whole foreground, else -- for
 * the wide logo -- a part)
 * whose aspect ratio differs from @ref_aspect by more than @max_ratio and
 * that is the reference mark stretched (or, cut by one edge of the
 * canvas, cut_same()).  Returns the matching square logo (NULL: not
 * distorted), the candidate's aspect in @aspect, whether it is a part in
 * @part and whether the canvas cuts it (its aspect ratio a bound) in
 * @cut; @est when the aspect ratio is a cut part's, estimated from the
 * share that shows (cut_part_stretched()). */
static const al_file_result *distorted(const al_set_ctx *ctx,
                                       const al_file_result *f,
                                       const al_file_result *const *sq, int n,
                                       double ref_aspect, double max_ratio,
                                       double *aspect, bool *part, bool *cut,
                                       bool *est)
{
	*est = false;
	/* only the wide logo commonly shows a word beside or under its mark */
	bool wide = f->role == AL_ROLE_WIDE;
	int parts = wide ? f->mark->n_parts : 0;
	for (int k = -1; k < parts; k++) {
		double a = cand_aspect(f, k);
		/* a whole foreground that spans the canvas (a word run off
		 * one side of the wide logo): only its parts say something */
		if (k < 0 && !usable(f))
			continue;
		if (spread(a, ref_aspect) <= max_ratio) {
			/* the whole foreground is a square logo's mark at its
			 * own proportions: its parts are pieces of that mark (a
			 * logo with an inner gap, four window panes), not a
			 * mark beside a word */
			if (k < 0)
				for (int i = 0; i < n; i++)
					if (sq[i] != f && cand_same(ctx, f, k, sq[i]))
						return NULL;
			/* a part cut by the canvas may show the reference's
			 * proportions and hide its stretch */
			const al_file_result *r = wide ?
			        cut_part_ref(ctx, f, k, sq, n, ref_aspect, max_ratio, aspect) : NULL;
			if (r) {
				*part = k >= 0;
				*cut = false;
				*est = true;
				return r;
			}
			continue;
		}
		/* the wide logo's mark cut by one edge of the canvas shows
		 * narrower (a side edge) or flatter (the top or bottom) than
		 * it is: that is the cut, not a stretch */
		const al_region *b = cand_box(f, k);
		int sx = cut_side(b->x, b->w, f->width), sy = cut_side(b->y, b->h, f->height);
		bool hidden = wide && (sx != 0) != (sy != 0) &&
		              (sx ? a < ref_aspect : a > ref_aspect);
		const al_file_result *r = hidden ? NULL :
		        match_ref(ctx, f, k, sq, n, ref_aspect, max_ratio);
		*cut = false;
		for (int i = n - 1; i >= 0 && !r; i--)
			if (sq[i] != f && spread(sq[i]->mark->aspect, ref_aspect) <= max_ratio &&
			    cut_same(ctx, f, k, sq[i], ref_aspect, max_ratio)) {
				r = sq[i];
				*cut = true;
			}
		if (r) {
			*aspect = a;
			*part = k >= 0;
			return r;
		}
		/* a part cut by the canvas that shows narrower than the
		 * reference may still hide a stretch wider (or the other way
		 * round) */
		r = wide ? cut_part_ref(ctx, f, k, sq, n, ref_aspect, max_ratio, aspect) : NULL;
		if (r) {
			*part = k >= 0;
			*est = true;
			return r;
		}
	}
	return NULL;
}

/* Is the square logo sq[i] the odd one out, stretched?  The other two
 * agree on their aspect ratio (within max_ratio), sq[i]'s differs from
 * both by more than max_ratio the same way, and sq[i] looks like both
 * (odd_max_look, odd_min_ink_corr: two agreeing votes, so a looser ink
 * limit than min_ink_corr; a thin mark or wordmark stretched at 40 px
 * loses the strokes' detail that the tight limit needs). */
static bool odd_stretched(const al_set_ctx *ctx, const al_file_result *const *sq,
                          int i)
{
	double max_ratio = AL_PARAM(ctx, "max_ratio");
	const al_file_result *f = sq[i], *o[2] = { sq[(i + 1) % N_SQ], sq[(i + 2) % N_SQ] };
	double a = f->mark->aspect;
	/* a whole tile (whole_tile()) is a reference, never judged */
	if (!usable(f) ||
	    spread(o[0]->mark->aspect, o[1]->mark->aspect) > max_ratio ||
	    spread(a, o[0]->mark->aspect) <= max_ratio ||
	    spread(a, o[1]->mark->aspect) <= max_ratio ||
	    (a > o[0]->mark->aspect) != (a > o[1]->mark->aspect))
		return false;
	for (int k = 0; k < 2; k++) {
		al_mark_look look;
		float lf[3], lr[3];
		if (!al_mark_informative(o[k]->mark))
			return false;
		mark_bg_lab(f, lf);
		mark_bg_lab(o[k], lr);
		al_mark_compare_look(f->mark, lf, o[k]->mark, lr, &look);
		if (look.look_de > AL_PARAM(ctx, "odd_max_look") ||
		    look.ink_corr < AL_PARAM(ctx, "odd_min_ink_corr"))
			return false;
	}
	return true;
}

static const char *direction(double aspect, double ref)
{
	return aspect > ref ? "stretched horizontally (or squashed vertically)"
	                    : "squashed horizontally (or stretched vertically)";
}

/* Do @a and @b show one mark (same_mark() both ways)? */
static bool same_both(const al_set_ctx *ctx, const al_file_result *a,
                      const al_file_result *b)
{
	return same_mark(ctx, a, b) && same_mark(ctx, b, a);
}

/* Does @f show another mark than @a and @b (same_mark() neither way)? */
static bool other_mark(const al_set_ctx *ctx, const al_file_result *f,
                       const al_file_result *a, const al_file_result *b)
{
	return !same_mark(ctx, f, a) && !same_mark(ctx, a, f) &&
	       !same_mark(ctx, f, b) && !same_mark(ctx, b, f);
}

/* The median of three square logos' aspect ratios is a vote only when
 * they show one mark.  When one of them shows another mark (the small
 * logo's symbol without the word, a mark washed out to a smudge at 40
 * px) and the other two show the same mark at proportions more than
 * max_ratio apart, with the other mark's outside theirs, the median is
 * whichever of the two lies in the middle, often the stretched one.  The wide logo then casts the vote:
 * when its mark (whole or a part) has the proportions of exactly one of
 * the two and is that logo's mark, that logo's aspect ratio is the
 * reference.  Otherwise @ref_aspect is left as it is. */
static void odd_vote(const al_set_ctx *ctx, const al_file_result *const *sq,
                     double *ref_aspect)
{
	double max_ratio = AL_PARAM(ctx, "max_ratio");
	const al_file_result *w = al_set_first_of_role(ctx->set, AL_ROLE_WIDE);
	const al_file_result *p[2] = { NULL, NULL };
	if (!w || !w->mark->valid)
		return;
	for (int i = 0; i < N_SQ && !p[0]; i++) {
		const al_file_result *a = sq[(i + 1) % N_SQ], *b = sq[(i + 2) % N_SQ];
		double lo = MIN(a->mark->aspect, b->mark->aspect);
		double hi = MAX(a->mark->aspect, b->mark->aspect);
		double ai = sq[i]->mark->aspect;
		/* the median is one of the two only when the other mark's
		 * aspect ratio lies outside theirs */
		if (hi > lo * max_ratio && (ai < lo || ai > hi) &&
		    same_both(ctx, a, b) && other_mark(ctx, sq[i], a, b)) {
			p[0] = a;
			p[1] = b;
		}
	}
	if (!p[0])
		return;
	int won = -1, votes = 0;
	for (int j = 0; j < 2; j++)
		for (int k = usable(w) ? -1 : 0; k < w->mark->n_parts; k++)
			if (spread(cand_aspect(w, k), p[j]->mark->aspect) <= max_ratio &&
			    cand_same(ctx, w, k, p[j])) {
				votes++;
				won = j;
				break;
			}
	if (votes == 1)
		*ref_aspect = p[won]->mark->aspect;
}

/* The square logos of @ctx's set whose marks can be measured (in @sq,
 * small to large: usable(), or a whole tile at the canvas's aspect
 * ratio, whole_tile()) and the reference aspect ratio: the median of
 * their marks' (two: the geometric mean; see odd_vote()).  Returns how
 * many. */
static int square_marks(const al_set_ctx *ctx, const al_file_result *sq[N_SQ],
                        double *ref_aspect)
{
	const al_role roles[N_SQ] = { AL_ROLE_SMALL, AL_ROLE_MEDIUM, AL_ROLE_LARGE };
	double a[N_SQ];
	int n = 0;

	for (int r = 0; r < N_SQ; r++) {
		const al_file_result *f = al_set_first_of_role(ctx->set, roles[r]);
		if (f && (usable(f) || whole_tile(ctx, f))) {
			a[n] = f->mark->aspect;
			sq[n++] = f;
		}
	}
	if (n == 1)
		*ref_aspect = a[0];
	else if (n == 2)
		*ref_aspect = sqrt(a[0] * a[1]);
	else if (n == 3)
		*ref_aspect = MAX(MIN(a[0], a[1]), MIN(MAX(a[0], a[1]), a[2]));
	if (n == 3)
		odd_vote(ctx, sq, ref_aspect);
	return n;
}

/* Is the mark of @f, which spans its canvas on one axis (cut by both
 * edges there: a tile pulled sideways until it runs off both sides), the
 * mark of @ref stretched and cut the same way?  The canvas hides both
 * ends, so the reference's comparison grid is cut on that axis to a
 * centred share from cut_min_shown to 1 (steps of 0.05: how much shows
 * is not known; a stretched mark is most often centred) and compared
 * (close_enough()) with @f's. */
static bool span_same(const al_set_ctx *ctx, const al_file_result *f,
                      const al_file_result *ref)
{
	const al_region *b = &f->mark->bbox;
	bool sx = b->x <= 0 && b->x + b->w >= f->width;
	if (!al_mark_informative(ref->mark))
		return false;
	al_mark_part p;
	memset(&p, 0, sizeof p);
	memcpy(p.cells, f->mark->cells, sizeof p.cells);
	p.aspect = f->mark->aspect;
	return cropped_ref_same(ctx, f, &p, ref, sx, 0);
}

/* The square logo left out of @sq because its mark spans the canvas on
 * one axis, when its aspect ratio is off by a bound (bounded_off()) and
 * its mark is the mark of two other square logos (the reference),
 * stretched; NULL when none.  Its aspect ratio in @aspect. */
static const al_file_result *edge_stretched(const al_set_ctx *ctx,
                                            const al_file_result *const *sq,
                                            int n, double ref_aspect,
                                            double *aspect)
{
	const al_role roles[N_SQ] = { AL_ROLE_SMALL, AL_ROLE_MEDIUM, AL_ROLE_LARGE };
	double max_ratio = AL_PARAM(ctx, "max_ratio");
	if (n < 2)
		return NULL;
	for (int r = 0; r < N_SQ; r++) {
		const al_file_result *f = al_set_first_of_role(ctx->set, roles[r]);
		if (!f || usable(f) || !bounded_off(f, ref_aspect, max_ratio))
			continue;
		const al_file_result *m = match_ref(ctx, f, -1, sq, n, ref_aspect,
		                                    max_ratio);
		for (int i = n - 1; i >= 0 && !m; i--)
			if (spread(sq[i]->mark->aspect, ref_aspect) <= max_ratio &&
			    span_same(ctx, f, sq[i]))
				m = sq[i];
		if (m) {
			*aspect = f->mark->aspect;
			return f;
		}
	}
	return NULL;
}

/* A tile's content (al_mark.inner) is the mark on the tile: a tile
 * stretched until it touches the canvas's edges, or a plain tile whose
 * coverage looks the same at any aspect ratio, hides the stretch from the
 * whole mark but not from what is drawn on it.  A logo's content is its
 * tile's content, shown on the tile colour, when it has one, else its
 * whole mark on its background: a tile that fills another logo's canvas
 * was taken for that logo's background and its content for the mark. */
typedef struct {
	const float (*cells)[4];
	double aspect;
	float bg[3];
	bool inner;
	/* the tile's aspect ratio: the mark's when it has a tile (the
	 * canvas's when the tile, found by its corners, fills the canvas:
	 * al_mark.inner_on_canvas), else the visible ground's when the
	 * canvas cuts it (al_mark.cut_ground), else the canvas's (1, square
	 * logos only call this) */
	double outer;
	/* a cut ground's outer is a bound: 1 from below (it spans the
	 * width), -1 from above (the height); 0 exact */
	int cut;
} content;

/* Does the ground @f's mark is seen on, which the canvas cuts
 * (al_mark.cut_ground), hold the mark with room on the axis the canvas
 * does not cut?  A tile has a margin around what is drawn on it; a mark
 * whose box reaches both ends of the ground there is itself the tile,
 * set between page bands (an honest 40-px tile with rounded corners and
 * a 3-pixel margin, the bands along two edges not counted as its
 * background), and the ground is the page.  On a border of two colours
 * the mark is measured on the tile's colour (al_mark.seen_on), and its
 * box is kept. */
static bool ground_holds_mark(const al_file_result *f)
{
	const al_mark *m = f->mark;
	const al_region *g = &m->cut_ground, *b = &m->bbox;
	if (m->has_seen_on)
		return true;
	return g->w == f->width ? b->y > g->y || b->y + b->h < g->y + g->h
	                        : b->x > g->x || b->x + b->w < g->x + g->w;
}

static bool content_of_cut(const al_file_result *f, bool use_cut, content *c)
{
	const al_mark *m = f->mark;
	if (!m->valid)
		return false;
	/* a mark seen on a ground the canvas cuts is that tile's content
	 * already (a tile inside it is a part of the mark) */
	bool cut = use_cut && m->has_cut_ground && ground_holds_mark(f);
	c->inner = (m->has_inner || (use_cut && m->has_rim_inner)) && !cut;
	/* a tile found by its corners fills the canvas */
	c->outer = !c->inner ? 1.0 : m->inner_on_canvas ? (double)f->width / f->height
	                                                : m->aspect;
	c->cut = 0;
	if (cut) {
		const al_region *g = &m->cut_ground;
		c->outer = (double)g->w / g->h;
		c->cut = g->w == f->width ? 1 : -1;
	}
	/* a tile (the mark) that reaches two opposite edges of the canvas,
	 * and not the other two, is cut there like a cut ground: its aspect
	 * ratio a bound the same way */
	const al_region *b = &m->bbox;
	bool sx = b->x <= 0 && b->x + b->w >= f->width;
	bool sy = b->y <= 0 && b->y + b->h >= f->height;
	if (use_cut && c->inner && sx != sy)
		c->cut = sx ? 1 : -1;
	if (c->inner) {
		c->cells = (const float (*)[4])m->inner_cells;
		c->aspect = m->inner_aspect;
		memcpy(c->bg, m->ground, sizeof c->bg);
	} else {
		c->cells = (const float (*)[4])m->cells;
		c->aspect = m->aspect;
		mark_bg_lab(f, c->bg);
	}
	return c->aspect > 0;
}

/* A logo's content; a ground the canvas cuts (al_mark.cut_ground) bounds
 * its tile's aspect ratio (content.cut). */
static bool content_of(const al_file_result *f, content *c)
{
	return content_of_cut(f, true, c);
}

/* A logo's whole mark as a content, shown on its background, on a tile
 * that fills its canvas (outer 1). */
static bool mark_content(const al_file_result *f, content *c)
{
	const al_mark *m = f->mark;
	if (!m->valid || m->aspect <= 0)
		return false;
	c->cells = (const float (*)[4])m->cells;
	c->aspect = m->aspect;
	c->inner = false;
	c->outer = 1.0;
	c->cut = 0;
	mark_bg_lab(f, c->bg);
	return true;
}

/* Can one stretch turn the tile (or canvas) and content @b into @a's?
 * A stretch scales a tile and what is drawn on it alike, so their
 * contents' aspect ratios differ about as much as their tiles'; a content
 * box also moves by JPEG ringing and the rim at 40 px (1.2 to 2.3 times
 * on honest sets), so only contents whose aspect ratios differ by more
 * than content_spread times the tiles' cannot. */
static bool one_stretch(const al_set_ctx *ctx, const content *a, const content *b)
{
	return spread(a->aspect, b->aspect) <=
	       AL_PARAM(ctx, "content_spread") * spread(a->outer, b->outer);
}

/* Is the content @a the content @b stretched back (one_stretch() and
 * close_enough() on their comparison grids)? */
static bool content_same(const al_set_ctx *ctx, const content *a, const content *b)
{
	al_mark_part p;
	al_mark t;
	al_mark_diff d;
	al_mark_look look;
	if (!one_stretch(ctx, a, b))
		return false;
	memset(&p, 0, sizeof p);
	memcpy(p.cells, a->cells, sizeof p.cells);
	p.aspect = a->aspect;
	t.valid = true;
	memcpy(t.cells, b->cells, sizeof t.cells);
	al_mark_compare_part(&p, &t, &d);
	al_mark_compare_look_part(&p, a->bg, &t, b->bg, &look);
	return close_enough(ctx, &d, &look);
}

/* Do @f and @ref both show a tile whose contents cannot be one
 * another's under the stretch their tiles show (one_stretch())?  A tile
 * fills its box, so it dominates every whole-mark measure: two tiles of
 * one colour and shape match whatever is drawn on them (another mark on
 * one logo's tile), and a tile drawn a little squarer on one logo than
 * on the others then reads as a stretch.  Their contents' looks are not
 * compared here: a content box found inside a filled pictogram (its
 * holes) varies too much between sizes. */
static bool tile_contents_differ(const al_set_ctx *ctx, const al_file_result *f,
                                 const al_file_result *ref)
{
	content a, b;
	if (!f->mark->has_inner || !ref->mark->has_inner ||
	    !content_of_cut(f, false, &a) || !content_of_cut(ref, false, &b))
		return false;
	return !one_stretch(ctx, &a, &b);
}

/* Is @a off from @b by more than @max_ratio, wider when @wider? */
static bool off_toward(double a, double b, double max_ratio, bool wider)
{
	return spread(a, b) > max_ratio && (a > b) == wider;
}

/* Can @c's ground, cut by the canvas (content.cut), be stretched the way
 * its content is off (@wider)?  Its visible aspect ratio bounds the true
 * one from one side: a ground spanning the width is at least as wide as
 * it shows, so it can show a stretch only wider, one spanning the height
 * only narrower. */
static bool cut_tile_off(const content *c, bool wider)
{
	return c->cut != 0 && (c->cut > 0) == wider;
}

/* The square logo whose tile's content is stretched: all three square
 * logos have a mark; one of them (the odd one) has a tile, and its
 * content's aspect ratio differs by more than max_ratio from the other
 * two's contents (which need not agree with each other: a thin content
 * box at 40 px is a pixel or two off), and its tile's aspect ratio is off
 * the same way from theirs (a logo without a tile counts as showing its
 * content on a tile that fills its square canvas): the content box of an
 * honest tile moves with JPEG ringing and the rim at 40 px, the tile
 * does not; and its content, stretched back, is one of theirs.  NULL when
 * none; its content's aspect ratio in @aspect and the others' (their
 * geometric mean) in @ref.
 * The other two are taken by their contents and, when they have a tile
 * and their whole mark is not cut by the canvas, also by their whole
 * marks shown on their canvas (mark_content()) when the odd one's tile
 * is cut by the canvas (content.cut): a tile stretched until it runs off
 * the canvas, where the others' tiles fill their canvas and are taken
 * for the background (or a letter's closed counter for a tile), puts
 * the contents one level apart, and the odd one's content is then the
 * others' mark. */
static bool content_odd_one(const al_set_ctx *ctx, const content *ci,
                            const content *ca, const content *cb)
{
	double max_ratio = AL_PARAM(ctx, "max_ratio");
	bool wider = ci->aspect > ca->aspect;
	if (!(ci->inner || cut_tile_off(ci, wider)) ||
	    (ci->cut && !cut_tile_off(ci, wider)) ||
	    !off_toward(ci->aspect, ca->aspect, max_ratio, wider) ||
	    !off_toward(ci->aspect, cb->aspect, max_ratio, wider))
		return false;
	/* a tile's own aspect ratio off the same way; a cut one's
	 * bound by at least cut_tile_ratio */
	double tile_ratio = ci->cut ? AL_PARAM(ctx, "cut_tile_ratio") : max_ratio;
	if (!off_toward(ci->outer, ca->outer, tile_ratio, wider) ||
	    !off_toward(ci->outer, cb->outer, tile_ratio, wider))
		return false;
	return content_same(ctx, ci, ca) || content_same(ctx, ci, cb);
}

static const al_file_result *content_stretched(const al_set_ctx *ctx,
                                               double *aspect, double *ref)
{
	const al_role roles[N_SQ] = { AL_ROLE_SMALL, AL_ROLE_MEDIUM, AL_ROLE_LARGE };
	const al_file_result *f[N_SQ];
	/* per logo: its content, and its whole mark when that differs */
	content c[N_SQ][2];
	int nc[N_SQ];
	for (int r = 0; r < N_SQ; r++) {
		f[r] = al_set_first_of_role(ctx->set, roles[r]);
		if (!f[r] || !content_of(f[r], &c[r][0]))
			return NULL;
		nc[r] = 1 + (c[r][0].inner && usable(f[r]) && mark_content(f[r], &c[r][1]));
	}
	for (int i = 0; i < N_SQ; i++) {
		int a = (i + 1) % N_SQ, b = (i + 2) % N_SQ;
		/* the others' whole marks only against a tile the canvas cuts */
		int la = c[i][0].cut ? nc[a] : 1, lb = c[i][0].cut ? nc[b] : 1;
		for (int ka = 0; ka < la; ka++)
			for (int kb = 0; kb < lb; kb++)
				if (content_odd_one(ctx, &c[i][0], &c[a][ka], &c[b][kb])) {
					*aspect = c[i][0].aspect;
					*ref = sqrt(c[a][ka].aspect * c[b][kb].aspect);
					return f[i];
				}
	}
	return NULL;
}

/* The wide logo whose tile's content is stretched: it has a tile; its
 * content's aspect ratio differs by more than max_ratio from every square
 * logo's content (at least two), and its tile's from every square logo's
 * tile, all the same way; and its content, stretched back, is one of
 * theirs.  A tile that reaches the top and bottom edges (stretched
 * until the canvas cut it: @height_cut) is taller than it shows, so its
 * measured aspect ratio only bounds the true one from above: off the
 * narrow way it is judged as above; off the wide way the bound proves
 * nothing beyond "wider than theirs", so the tile need only show wider
 * than every square logo's tile, and the content -- inside the tile,
 * not cut, its aspect ratio exact -- carries the verdict.  Returns the
 * matching square logo (NULL: none); the wide logo's content aspect
 * ratio in @aspect. */
static const al_file_result *wide_content_stretched(const al_set_ctx *ctx,
                                                    const al_file_result *w,
                                                    bool height_cut,
                                                    double *aspect)
{
	const al_role roles[N_SQ] = { AL_ROLE_SMALL, AL_ROLE_MEDIUM, AL_ROLE_LARGE };
	double max_ratio = AL_PARAM(ctx, "max_ratio");
	content cw, c[N_SQ];
	const al_file_result *f[N_SQ];
	int n = 0;
	if (!content_of(w, &cw) || !cw.inner)
		return NULL;
	for (int r = 0; r < N_SQ; r++) {
		f[n] = al_set_first_of_role(ctx->set, roles[r]);
		if (f[n] && content_of(f[n], &c[n]))
			n++;
	}
	if (n < 2)
		return NULL;
	bool wider = cw.aspect > c[0].aspect;
	for (int i = 0; i < n; i++) {
		if (!off_toward(cw.aspect, c[i].aspect, max_ratio, wider))
			return NULL;
		if (height_cut && wider ? !(cw.outer > c[i].outer)
		                        : !off_toward(cw.outer, c[i].outer, max_ratio, wider))
			return NULL;
	}
	for (int i = n - 1; i >= 0; i--)
		if (content_same(ctx, &cw, &c[i])) {
			*aspect = cw.aspect;
			return f[i];
		}
	return NULL;
}

/* Does the box @b touch an edge of @f's canvas? */
static bool touches_edge(const al_file_result *f, const al_region *b)
{
	return b->x <= 0 || b->y <= 0 || b->x + b->w >= f->width ||
	       b->y + b->h >= f->height;
}

/* The wide logo @w whose mark is a square logo's tile content, stretched,
 * without its tile: the tile in the wide logo was not found as one (its
 * colour taken for the background where it runs off the canvas beside
 * the page, or a word beside it in the same box), so its whole
 * foreground or a part is what was drawn on the tile, and the square
 * logos' marks -- tiles inset in their canvas -- are no reference for
 * it; their contents are (content_of()).  A candidate that touches no
 * edge of the canvas (its aspect ratio exact) and whose aspect ratio
 * differs by more than max_ratio from every square logo's content (at
 * least two, one of them on a tile), all the same way, and that is the
 * content of a tiled one stretched back (content_same()), seen on that
 * tile's colour (within max_delta_e CIE76: the candidate's part seen on
 * the tile's colour, al_mark_part.seen_on).  Returns the matching
 * square logo (NULL: none), the candidate's aspect ratio in @aspect and
 * the content's in @ref. */
static const al_file_result *wide_untiled_stretched(const al_set_ctx *ctx,
                                                    const al_file_result *w,
                                                    double *aspect, double *ref)
{
	const al_role roles[N_SQ] = { AL_ROLE_SMALL, AL_ROLE_MEDIUM, AL_ROLE_LARGE };
	double max_ratio = AL_PARAM(ctx, "max_ratio");
	content c[N_SQ];
	const al_file_result *f[N_SQ];
	int n = 0;
	bool tiled = false;
	for (int r = 0; r < N_SQ; r++) {
		f[n] = al_set_first_of_role(ctx->set, roles[r]);
		if (f[n] && content_of(f[n], &c[n])) {
			tiled |= c[n].inner;
			n++;
		}
	}
	if (n < 2 || !tiled || !w->mark->valid)
		return NULL;
	for (int k = -1; k < w->mark->n_parts; k++) {
		if (touches_edge(w, cand_box(w, k)))
			continue;
		content ck;
		ck.cells = (const float (*)[4])(k < 0 ? w->mark->cells : w->mark->part[k].cells);
		ck.aspect = cand_aspect(w, k);
		ck.inner = false;
		ck.outer = 1.0;
		ck.cut = 0;
		if (k < 0)
			mark_bg_lab(w, ck.bg);
		else
			part_bg_lab(w, &w->mark->part[k], ck.bg);
		bool wider = ck.aspect > c[0].aspect, off = true;
		for (int i = 0; i < n; i++)
			off = off && off_toward(ck.aspect, c[i].aspect, max_ratio, wider);
		if (!off)
			continue;
		/* a tiled square logo's content, seen on the colour the
		 * candidate is seen on: the tile's */
		for (int i = n - 1; i >= 0; i--)
			if (c[i].inner &&
			    al_de76(ck.bg, c[i].bg) <= AL_PARAM(ctx, "max_delta_e") &&
			    content_same(ctx, &ck, &c[i])) {
				*aspect = ck.aspect;
				*ref = c[i].aspect;
				return f[i];
			}
	}
	return NULL;
}

/* The wide logo @w one of whose parts is a tile (al_mark_part.has_inner:
 * a tile beside a word, so the whole mark is no tile) whose content is
 * stretched: the part's content's aspect ratio differs by more than
 * max_ratio from every square logo's content (content_of(), at least
 * two), all the same way, and the tile's from every square logo's tile
 * (or canvas) the same way -- a tile the canvas cuts at one side (or at
 * the top or bottom) is at least as wide (tall) as it shows, so it can
 * prove only a stretch that way; and the content, stretched back, is one
 * of theirs (content_same()) -- or, tried second, their whole marks when
 * those have a content of their own -- seen on the tile's colour (within
 * max_delta_e CIE76).  Returns the matching square logo (NULL:
 * none), the content's aspect ratio in @aspect and the square logo's
 * content's in @ref. */
static const al_file_result *wide_part_tile_stretched(const al_set_ctx *ctx,
                                                      const al_file_result *w,
                                                      double *aspect, double *ref)
{
	const al_role roles[N_SQ] = { AL_ROLE_SMALL, AL_ROLE_MEDIUM, AL_ROLE_LARGE };
	double max_ratio = AL_PARAM(ctx, "max_ratio");
	/* per square logo: its content, and its whole mark when that
	 * differs (a square logo whose mark has insides of another colour
	 * -- a solid shape with a dot -- has a content of its own, while
	 * the part's tile may be the one its canvas shows) */
	content c[2][N_SQ];
	const al_file_result *f[N_SQ];
	int n = 0;
	for (int r = 0; r < N_SQ; r++) {
		f[n] = al_set_first_of_role(ctx->set, roles[r]);
		if (f[n] && content_of(f[n], &c[0][n])) {
			if (!c[0][n].inner || !usable(f[n]) || !mark_content(f[n], &c[1][n]))
				c[1][n] = c[0][n];
			n++;
		}
	}
	if (n < 2 || !w->mark->valid)
		return NULL;
	/* the parts, then the tile at an end (al_mark.end_tile) */
	int np = w->mark->n_parts + w->mark->has_end_tile;
	for (int k = 0; k < np * 2; k++) {
		const al_mark_part *p = k / 2 < w->mark->n_parts ? &w->mark->part[k / 2]
		                                                 : &w->mark->end_tile;
		const content *cs = c[k % 2];
		if (!p->has_inner || p->inner_aspect <= 0)
			continue;
		content ck;
		ck.cells = (const float (*)[4])p->inner_cells;
		ck.aspect = p->inner_aspect;
		memcpy(ck.bg, p->ground, sizeof ck.bg);
		ck.inner = true;
		ck.outer = p->aspect;
		bool cx = p->bbox.x <= 0 || p->bbox.x + p->bbox.w >= w->width;
		bool cy = p->bbox.y <= 0 || p->bbox.y + p->bbox.h >= w->height;
		ck.cut = cx ? 1 : cy ? -1 : 0;
		bool wider = ck.aspect > cs[0].aspect, off = true;
		if ((cx && cy) || (ck.cut && !cut_tile_off(&ck, wider)))
			continue;
		for (int i = 0; i < n; i++)
			off = off && off_toward(ck.aspect, cs[i].aspect, max_ratio, wider) &&
			      off_toward(ck.outer, cs[i].outer, max_ratio, wider);
		if (!off)
			continue;
		/* seen on the tile's colour: a square logo's content on a
		 * tile of that colour, or its mark on a canvas of it (the
		 * tile filling the canvas); a mark on another ground (a page
		 * icon's whole sheet on a clear canvas) is no tile's content */
		for (int i = n - 1; i >= 0; i--)
			if (al_de76(ck.bg, cs[i].bg) <= AL_PARAM(ctx, "max_delta_e") &&
			    content_same(ctx, &ck, &cs[i])) {
				*aspect = ck.aspect;
				*ref = cs[i].aspect;
				return f[i];
			}
	}
	return NULL;
}

/* The wide logo @w whose foreground spans the canvas's height (a tile
 * pulled upward beside a word until the canvas cut it, its content not
 * found because the word shares the box): a part that spans the height
 * is at least as tall as it shows, so its aspect ratio bounds the true
 * one from above.  It is judged (match_ref()) only when that bound is
 * already narrower than @ref_aspect by more than @max_ratio, with at
 * least two square logos for the reference.  Returns the matching square
 * logo (NULL: none), the part's aspect ratio in @aspect. */
static const al_file_result *tall_part_stretched(const al_set_ctx *ctx,
                                                 const al_file_result *w,
                                                 const al_file_result *const *sq,
                                                 int n, double ref_aspect,
                                                 double max_ratio, double *aspect)
{
	if (n < 2)
		return NULL;
	for (int k = 0; k < w->mark->n_parts; k++) {
		const al_mark_part *p = &w->mark->part[k];
		if (p->bbox.y > 0 || p->bbox.y + p->bbox.h < w->height ||
		    p->aspect * max_ratio >= ref_aspect)
			continue;
		const al_file_result *r = match_ref(ctx, w, k, sq, n, ref_aspect, max_ratio);
		if (r) {
			*aspect = p->aspect;
			return r;
		}
	}
	return NULL;
}

/* How a tile that fills @f's canvas, the page in its four corners
 * (al_mark.has_corners), is drawn: the page's reach along the canvas's
 * top and bottom edges over its reach along the sides -- 1 for a tile
 * with round corners, centred; 0 when not known. */
static double corner_ratio(const al_file_result *f)
{
	const al_mark *m = f->mark;
	return m->valid && m->has_corners && m->corner_h > 0 ? m->corner_w / m->corner_h : 0;
}

/* Does the square logo @f show a tile with round corners (a reference
 * for a stretched one): corners whose ratio (corner_ratio()) is within
 * max_ratio of 1, or a whole tile (whole_tile()), or a usable mark that
 * is a tile (al_mark.has_inner) within max_ratio of square? */
static bool round_tile(const al_set_ctx *ctx, const al_file_result *f)
{
	double max_ratio = AL_PARAM(ctx, "max_ratio"), q = corner_ratio(f);
	if (q > 0)
		return spread(q, 1.0) <= max_ratio;
	return whole_tile(ctx, f) ||
	       (usable(f) && f->mark->has_inner && spread(f->mark->aspect, 1.0) <= max_ratio);
}

/* The square logo whose tile, filling or overrunning its canvas, has
 * stretched corners: the page in its four corners reaches along the top
 * and bottom edges at least corner_ratio times as far as along the
 * sides, or the other way round (a tile's corners are arcs of circles;
 * stretched, they are arcs of ellipses and the canvas cuts them
 * unevenly, so the ratio exceeds the stretch), by at least
 * corner_min_diff pixels (a JPEG's noise moves each corner's reaches by
 * about a pixel; at 40 px the pieces are a few pixels), and by more than
 * max_ratio beyond each other square logo's that shows such corners;
 * at least one other square logo shows a round tile (round_tile()).
 * NULL when none; its ratio in @q. */
static const al_file_result *corner_stretched(const al_set_ctx *ctx, double *q)
{
	const al_role roles[N_SQ] = { AL_ROLE_SMALL, AL_ROLE_MEDIUM, AL_ROLE_LARGE };
	double max_ratio = AL_PARAM(ctx, "max_ratio");
	const al_file_result *f[N_SQ];
	for (int r = 0; r < N_SQ; r++)
		f[r] = al_set_first_of_role(ctx->set, roles[r]);
	for (int i = 0; i < N_SQ; i++) {
		double qi = f[i] ? corner_ratio(f[i]) : 0;
		if (qi <= 0 || spread(qi, 1.0) <= AL_PARAM(ctx, "corner_ratio") ||
		    fabs(f[i]->mark->corner_w - f[i]->mark->corner_h) <
		            AL_PARAM(ctx, "corner_min_diff"))
			continue;
		bool round = false, odd = true;
		for (int j = 0; j < N_SQ; j++) {
			if (j == i || !f[j])
				continue;
			double qj = corner_ratio(f[j]);
			if (qj > 0 && !off_toward(qi, qj, max_ratio, qi > 1.0))
				odd = false;
			round |= round_tile(ctx, f[j]);
		}
		if (odd && round) {
			*q = qi;
			return f[i];
		}
	}
	return NULL;
}

/* Two square logos showing the same mark at different aspect ratios. */
static bool pair_stretched(const al_set_ctx *ctx, const al_file_result *const *sq)
{
	return usable(sq[0]) && usable(sq[1]) &&
	       spread(sq[0]->mark->aspect, sq[1]->mark->aspect) > AL_PARAM(ctx, "max_ratio") &&
	       same_mark(ctx, sq[0], sq[1]) && same_mark(ctx, sq[1], sq[0]);
}

static bool listed(const al_file_result *const *v, int n, const al_file_result *f)
{
	for (int i = 0; i < n; i++)
		if (v[i] == f)
			return true;
	return false;
}

int al_distortion_stretched(const al_set_ctx *ctx, const al_file_result *out[3])
{
	const al_file_result *sq[N_SQ];
	double ref_aspect = 0, asp;
	bool part, cut, est;
	int n = square_marks(ctx, sq, &ref_aspect), k = 0;

	if (n == 3) {
		for (int i = 0; i < n; i++)
			if (distorted(ctx, sq[i], sq, n, ref_aspect,
			              AL_PARAM(ctx, "max_ratio"), &asp, &part, &cut, &est) ||
			    odd_stretched(ctx, sq, i))
				out[k++] = sq[i];
	} else if (n == 2 && pair_stretched(ctx, sq)) {
		out[k++] = sq[0];
		out[k++] = sq[1];
	}
	const al_file_result *e = edge_stretched(ctx, sq, n, ref_aspect, &asp);
	if (e && k < N_SQ)
		out[k++] = e;
	double cref;
	const al_file_result *c = content_stretched(ctx, &asp, &cref);
	if (c && k < N_SQ && !listed(out, k, c))
		out[k++] = c;
	double q;
	const al_file_result *t = corner_stretched(ctx, &q);
	if (t && k < N_SQ && !listed(out, k, t))
		out[k++] = t;
	return k;
}

static void check_set(al_set_ctx *ctx)
{
	const al_file_result *sq[N_SQ];
	double max_ratio = AL_PARAM(ctx, "max_ratio");
	double ref_aspect = 0;
	int n = square_marks(ctx, sq, &ref_aspect);

	const al_file_result *flagged[N_SQ + 3];
	int n_flagged = 0;
	double asp;
	bool part, cut, est = false;
	if (n == 3) {
		for (int i = 0; i < n; i++) {
			if (!distorted(ctx, sq[i], sq, n, ref_aspect, max_ratio, &asp,
			               &part, &cut, &est)) {
				if (!odd_stretched(ctx, sq, i))
					continue;
				asp = sq[i]->mark->aspect;
				part = cut = false;
			}
			flagged[n_flagged++] = sq[i];
			al_emit_set(ctx, AL_SEV_OFF,
			            "%s (%s) looks %s: its mark's aspect ratio is %s%.2f%s "
			            "but %.2f in the other square logos (ratio %.2f > %.2f). "
			            "Scale the mark uniformly; pad the canvas instead of stretching.",
			            al_file_basename(sq[i]), al_role_name(sq[i]->role),
			            direction(asp, ref_aspect), cut ? "at least " : "", asp,
			            cut ? " (cut by the canvas)" : "", ref_aspect,
			            spread(asp, ref_aspect), max_ratio);
		}
	}
	const al_file_result *e = n ? edge_stretched(ctx, sq, n, ref_aspect, &asp) : NULL;
	if (e)
		flagged[n_flagged++] = e;
	if (e)
		al_emit_set(ctx, AL_SEV_OFF,
		            "%s (%s) looks %s: its mark, which reaches two opposite edges "
		            "of the canvas, has an aspect ratio of %.2f but %.2f in the "
		            "other square logos (ratio %.2f > %.2f). "
		            "Scale the mark uniformly; pad the canvas instead of stretching.",
		            al_file_basename(e), al_role_name(e->role),
		            direction(asp, ref_aspect), asp, ref_aspect,
		            spread(asp, ref_aspect), max_ratio);
	double cref;
	const al_file_result *c = content_stretched(ctx, &asp, &cref);
	if (c)
		flagged[n_flagged++] = c;
	if (c && !listed(flagged, n_flagged - 1, c))
		al_emit_set(ctx, AL_SEV_OFF,
		            "%s (%s) looks %s: the content of its tile has an aspect "
		            "ratio of %.2f but %.2f in the other square logos (ratio "
		            "%.2f > %.2f). Scale the mark uniformly; pad the canvas "
		            "instead of stretching.",
		            al_file_basename(c), al_role_name(c->role),
		            direction(asp, cref), asp, cref, spread(asp, cref),
		            max_ratio);
	double q;
	const al_file_result *t = corner_stretched(ctx, &q);
	if (t && !listed(flagged, n_flagged, t))
		al_emit_set(ctx, AL_SEV_OFF,
		            "%s (%s) looks %s: the page in the corners of its tile, "
		            "which fills the canvas, reaches %.2f times as far along "
		            "the canvas's %s as along its %s (its corners are not "
		            "round; ratio > %.2f, round in the other square logos). "
		            "Scale the mark uniformly; pad the canvas instead of stretching.",
		            al_file_basename(t), al_role_name(t->role), direction(q, 1.0),
		            q > 1 ? q : 1 / q, q > 1 ? "top and bottom" : "sides",
		            q > 1 ? "sides" : "top and bottom", AL_PARAM(ctx, "corner_ratio"));
	if (n == 2 && pair_stretched(ctx, sq)) {
		double a0 = sq[0]->mark->aspect, a1 = sq[1]->mark->aspect;
		/* two votes: which one is distorted cannot be told */
		al_emit_set(ctx, AL_SEV_OFF,
		            "%s and %s show the same mark with different aspect ratios "
		            "(%.2f vs %.2f, ratio %.2f > %.2f): one of them is stretched. "
		            "Scale the mark uniformly; pad the canvas instead of stretching.",
		            al_file_basename(sq[0]), al_file_basename(sq[1]), a0, a1,
		            spread(a0, a1), max_ratio);
	}

	const al_file_result *w = al_set_first_of_role(ctx->set, AL_ROLE_WIDE);
	/* a wide logo whose mark spans the canvas's height only: a tile
	 * filling the height, judged by its content */
	bool tall = w && !usable(w) && spans_height_only(w);
	/* one whose foreground spans the width only (the mark run off one
	 * side, a word off the other): judged by its parts */
	bool split = w && !usable(w) && !tall && spans_width_only(w) &&
	             w->mark->n_parts > 0;
	if (w && (usable(w) || tall || split)) {
		const al_file_result *ref = tall ? NULL :
		        distorted(ctx, w, sq, n, ref_aspect, max_ratio, &asp, &part, &cut, &est);
		const al_file_result *cr = ref || split ? NULL :
		        wide_content_stretched(ctx, w, tall, &asp);
		double uref = 0;
		const al_file_result *ur = ref || cr ? NULL :
		        wide_untiled_stretched(ctx, w, &asp, &uref);
		if (ur)
			al_emit_set(ctx, AL_SEV_OFF,
			            "%s (wide) looks %s: its mark has an aspect ratio of "
			            "%.2f but %.2f in %s (ratio %.2f > %.2f). "
			            "Put the unstretched mark on the 255x115 canvas and pad "
			            "the sides.",
			            al_file_basename(w), direction(asp, uref), asp, uref,
			            al_file_basename(ur), spread(asp, uref), max_ratio);
		bool at_most = false;
		if (tall && !cr && !ur) {
			ref = tall_part_stretched(ctx, w, sq, n, ref_aspect, max_ratio, &asp);
			at_most = part = ref != NULL;
			cut = false;
		}
		/* last: a tile beside a word, judged by its own content */
		const al_file_result *pr = ref || cr || ur ? NULL :
		        wide_part_tile_stretched(ctx, w, &asp, &uref);
		if (pr)
			al_emit_set(ctx, AL_SEV_OFF,
			            "%s (wide) looks %s: the content of the tile beside "
			            "its other content has an aspect ratio of %.2f but "
			            "%.2f in %s (ratio %.2f > %.2f). Put the unstretched "
			            "mark on the 255x115 canvas and pad the sides.",
			            al_file_basename(w), direction(asp, uref), asp, uref,
			            al_file_basename(pr), spread(asp, uref), max_ratio);
		if (cr)
			al_emit_set(ctx, AL_SEV_OFF,
			            "%s (wide) looks %s: the content of its tile has an "
			            "aspect ratio of %.2f but %.2f in %s (ratio %.2f > %.2f). "
			            "Put the unstretched mark on the 255x115 canvas and pad "
			            "the sides.",
			            al_file_basename(w), direction(asp, cr->mark->has_inner ?
			            cr->mark->inner_aspect : cr->mark->aspect), asp,
			            cr->mark->has_inner ? cr->mark->inner_aspect : cr->mark->aspect,
			            al_file_basename(cr),
			            spread(asp, cr->mark->has_inner ? cr->mark->inner_aspect
			                                             : cr->mark->aspect),
			            max_ratio);
		if (ref)
			al_emit_set(ctx, AL_SEV_OFF,
			            "%s (wide) looks %s: its mark's aspect ratio is %s%.2f%s "
			            "but %.2f in %s (ratio %.2f > %.2f). Put the unstretched "
			            "mark on the 255x115 canvas and pad the sides.",
			            al_file_basename(w), direction(asp, ref_aspect),
			            cut ? "at least " : at_most ? "at most " : est ? "about " : "", asp,
			            cut ? " (cut by the canvas)" :
			            est && part ? " (beside other content, cut by the canvas: estimated from the share that shows)" :
			            est ? " (cut by the canvas: estimated from the share that shows)" :
			            at_most ? " (beside other content, cut by the canvas's top and bottom)" :
			            part ? " (beside other content)" : "",
			            ref_aspect,
			            al_file_basename(ref), spread(asp, ref_aspect), max_ratio);
	}
}

const al_rule al_rule_distortion = {
	.id = "distortion",
	.stage = AL_STAGE_SET,
	.roles = 0,
	.severity = AL_SEV_WARNING,
	.summary = "a logo is stretched or squashed relative to the set",
	.help = "Scale the mark uniformly; pad the canvas instead of stretching.",
	.params = params,
	.n_params = G_N_ELEMENTS(params),
	.check_set = check_set,
};
