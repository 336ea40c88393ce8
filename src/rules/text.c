/* text: words, wordmarks and lines of letters.
 *
 * A classic, non-learned detector (the algorithm and its limits are in
 * assetlint(1), man/parts/50-rules-content.roff):
 *  1. ink layers: pixels that differ from the background colour (or are
 *     opaque on a transparent background) form layer 1; inside every large
 *     layer-1 shape (a plate, a badge) the pixels that differ from the
 *     shape's own dominant colour form layer 2, which finds light letters
 *     on dark plates.  On a mixed background (gradient, photo), or a
 *     background colour whose region drifts (a glow), layer 1 is what lies
 *     outside the background region and differs from its local colour; on
 *     a mixed one the whole image is also scanned as one plate.
 *  2. 8-connected components of a layer are glyph candidates when their
 *     height, aspect, fill and stroke (chessboard distance transform: ridge
 *     values give the stroke width, their spread its consistency) look like
 *     a letter; a wide component is cut at its empty columns into pieces
 *     (letters that touch).
 *     Small letters that anti-aliasing joins come apart in a third look
 *     at a plate, at the half-way threshold between it and the background.
 *  3. candidates of similar height and stroke that overlap vertically and
 *     sit close together horizontally are chained into lines (a candidate
 *     inside another's box is the same letter seen twice); a line with
 *     enough members, at least two different shapes and at least two
 *     non-rectangular members is text (without OCR); with OCR a line is
 *     read unless its members are bars and blobs or all one shape, its
 *     margins ending at a frame around it, and read again without an icon
 *     taller than its letters at one end.
 * Everything is linear in the pixels except the pairing of candidates,
 * which is bounded (max 2000 candidates). */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "rules.h"
#include "regions.h"
#include "ridge.h"
#include "text_read.h"
#include "text_probe.h"

static const al_param params[] = {
	{ "min_height", 3, 2, 200, "smallest letter height in pixels (with OCR)" },
	{ "max_height", 0.8, 0.1, 1, "tallest letter, as a share of the image height" },
	{ "min_image_height", 8, 8, 10000, "images lower than this are not checked (with OCR)" },
	{ "ink_de", 18, 2, 100, "a pixel is ink when it differs from its background by more than this (CIE76)" },
	{ "squeeze_max", 3, 1, 4, "an image where nothing was read and a row of shapes too wide for letters stands is read again squeezed sideways by 2, up to this factor (stretched wordmarks; 1 turns this off; with OCR)" },
	{ "flat_ink_de", 10, 2, 100, "on one background colour, a pixel is a candidate letter's ink when it differs from that colour by more than this (CIE76; with OCR, else ink_de)" },
	{ "ink_alpha", 64, 1, 255, "on a transparent background a pixel is ink from this alpha (0-255; with OCR, else 128)" },
	{ "max_stroke", 0.4, 0.1, 1, "largest stroke width of a letter, as a share of its height (with OCR)" },
	{ "max_stroke_cv", 0.5, 0, 5, "largest spread (std/mean) of a letter's stroke width" },
	{ "stroke_cv_px", 0.5, 0, 5, "... plus this many px over the mean ridge distance (with OCR)" },
	{ "min_fill", 0.12, 0, 1, "smallest share of a letter's box that is ink" },
	{ "max_aspect", 1.6, 0.5, 10, "widest letter (width/height); wider shapes are cut at empty columns" },
	{ "joined_max_aspect", 8, 0, 50, "widest shape read as letters that touch (width/height; 0: none; with OCR)" },
	{ "max_height_ratio", 1.8, 1, 5, "letters of one line: largest height ratio" },
	{ "max_gap", 0.75, 0.1, 5, "letters of one line: largest horizontal gap, in letter heights" },
	{ "min_glyphs", 2, 2, 50, "smallest number of letters that make a candidate line (with OCR)" },
	{ "max_findings", 10, 1, 1000, "report at most this many lines" },
	{ "ocr_max_lines", 12, 1, 1000, "candidate lines read per image, largest first" },
	{ "ocr_min_letters", 3, 1, 20, "a word read is at least this many letters" },
	{ "ocr_min_conf", 60, 0, 100, "... read with at least this confidence (0-100)" },
	{ "ocr_height", 48, 8, 400, "a candidate line is scaled to about this height before reading" },
	{ "ocr_max_scale", 4, 1, 16, "... enlarged by at most this factor" },
	{ "ocr_max_height", 96, 16, 1000, "a taller line is scaled down to this height" },
	{ "ocr_pad", 0.35, 0, 2, "margin read above and below a line, in line heights" },
	{ "ocr_pad_x", 0.8, 0, 5, "margin read left and right of a line, in line heights" },
	{ "ocr_reread_scale", 0.7, 0.25, 4, "an unsure word is read again at this factor of the scale" },
	{ "ocr_again_conf", 60, 0, 200, "... and is a word when read again, both confidences adding up to this" },
	{ "ocr_short_conf", 80, 0, 100, "a word of at most ocr_short_letters letters is sure only from this confidence, in the first reading and in a reading that confirms another word (below it, it is confirmed as an unsure word is)" },
	{ "ocr_short_letters", 5, 0, 20, "... (0: none)" },
	{ "ocr_near_scale", 1.5, 0, 4, "an unsure word not confirmed again is read at this factor of the scale; a sure word there like it is text, and a surer one when the line was enlarged by ocr_max_scale or the other reading holds a word like it (0: not)" },
	{ "ocr_twice_letters", 4, 0, 20, "an unsure word of at least this many letters read again at ocr_reread_scale as the same word is text, whatever the confidences (0: not)" },
	{ "ocr_alike_letters", 6, 0, 20, "an unsure word of at least this many letters (four different ones, no digit) read again at ocr_reread_scale as a word that differs from it in at most a quarter of the longer one's letters (changed, added or dropped) is text, whatever the confidences (0: not)" },
	{ "ocr_thrice", 1, 0, 1, "1: an unsure word read at ocr_near_scale is text when the reading at ocr_reread_scale and that one both read its core again, whatever the confidences (0: not)" },
	{ "ocr_near_twice_letters", 6, 0, 20, "an unsure word read at ocr_near_scale is text when that reading and the first or the one at ocr_reread_scale read one word of at least this many letters as ocr_twice_letters and ocr_alike_letters take it, whatever the confidences (0: not)" },
	{ "ocr_small_scale", 0.5, 0, 4, "a line without anything like a word is read again at this factor of the scale (0: not)" },
	{ "ocr_small_conf", 80, 0, 100, "... and is text when a word is read there with this confidence" },
	{ "ocr_tracked_gap", 0.3, 0, 2, "a line of letters tracked far apart is read with the empty columns between them cut down to this many line heights (0: as it is)" },
	{ "ocr_both_polarities", 0, 0, 1, "1: a line without anything like a word is read again inverted (Tesseract already reads a poorly read line inverted)" },
	{ "alone_min_height", 5, 3, 200, "smallest letter height without OCR" },
	{ "alone_min_image_height", 48, 8, 10000, "images lower than this are not checked without OCR" },
	{ "alone_min_glyphs", 3, 2, 50, "smallest number of letters that make a line without OCR" },
	{ "alone_max_stroke", 0.3, 0.1, 1, "largest stroke width of a letter, as a share of its height, without OCR" },
};

#define MAX_CANDS 2000
#define SIG_W 6
#define SIG_H 8
/* tile_like(): the least share of ink along the middle 60 % of each side of
 * the box, and the smallest height (anti-aliasing fills the sides of small
 * letters) */
#define TILE_FRAME 0.95
#define TILE_MIN_H 10
/* ... the least share of its box, and of the middle third of its box (both
 * ways), that is ink */
#define TILE_FILL 0.6
#define TILE_CENTRE 0.25
/* a solid blob: ink / convex hull at least this (a disc, a triangle, a
 * square) */
#define SOLID 0.9
/* ... or, when no row or column crosses it twice, at least this */
#define BLOB_SOLID 0.8
/* tracked_links(): lone candidates of one height in a row may stand this
 * many of their heights apart, when at least TRACKED_MIN of them do */
#define TRACKED_GAP 2.0
#define TRACKED_MIN 3
/* ... their top and bottom rows alike within this share of their height
 * (at least a pixel: round letters overshoot, a calligraphic font's
 * capitals by 2 px in 16) */
#define TRACKED_EDGE 0.12
/* ... and their line is read with its gaps cut down (ocr_tracked_gap)
 * from this height */
#define TRACKED_SQUEEZE_MIN_H 6
/* find_candidates(): letters cut out of a dense shape taken for a letter
 * are at least this share of its height */
#define SOLID_LETTER 0.25
/* ring_look(): a lone candidate about as wide as high (RING_ASPECT) and
 * at least RING_MIN_H high may be a ring or a round badge whose letters
 * touch its inside; looked into with its outline peeled off */
#define RING_ASPECT 1.35
#define RING_MIN_H 16
/* joined_ok(): an outline whose inside (its box less the stroke width and
 * a pixel on each side) is ink on less than this share of its pixels is a
 * frame */
#define HOLLOW_INK 0.03
/* bg_drifts(): share of the background region away from its colour */
#define BG_DRIFT_SHARE 0.1
/* line_arc(): a line of at least ARC_MIN letters whose middles lie on a
 * circle (root mean square off it at most ARC_FIT of their height), of a
 * radius ARC_MIN_R..ARC_MAX_R heights, bowing at least ARC_BOW heights
 * from the chord between its ends, the middle of the arc within ARC_TILT
 * radians of the circle's top or bottom */
#define ARC_MIN 3
#define ARC_FIT 0.2
#define ARC_MIN_R 1.5
#define ARC_MAX_R 15.0
#define ARC_BOW 0.25
#define ARC_TILT 1.2
/* ... letters the line left out (turned too far to overlap their
 * neighbours' rows) extend it when their middles lie within ARC_NEAR
 * heights of the circle */
#define ARC_NEAR 0.35

typedef struct {
	int x0, y0, x1, y1;      /* image coordinates, inclusive */
	int area;
	double sw;               /* stroke width estimate, px */
	double cv;               /* stroke width std/mean over ridge pixels */
	double fill;
	uint8_t sig[SIG_W * SIG_H]; /* ink share per cell of the box, 0..255 */
	double peak;             /* fullest column, share of the height */
	double solidity;         /* ink / area of its convex hull */
	double multi;            /* share of its rows and columns that cross
	                          * its ink more than once */
	double frame;            /* least share of ink along a side of its box */
	double centre;           /* share of ink in the middle third (both ways)
	                          * of its box */
	int n;                   /* letters it stands for: 1, or more for a
	                          * shape of joined letters (with OCR) */
	uint8_t has;             /* HAS_*: which of the measures that
	                          * measure_box() leaves out are in */
} glyph;

/* glyph.has: sw and cv (glyph_stroke()); sig, multi and solidity
 * (glyph_shape()) */
#define HAS_STROKE 1
#define HAS_SHAPE 2

/* One component cut out of its layer for measuring: its box with an empty
 * one-pixel margin (so that neighbours need no bounds checks), rows
 * stride = w + 2 apart.  Per column of the box: how many of its pixels, the
 * first and the last row that holds one. */
typedef struct {
	int w, h, stride;
	int ox, oy;              /* the box's place in the image */
	uint8_t *in;             /* 1 = pixel of the component */
	uint16_t *dist;          /* chessboard distance to the nearest pixel
	                          * outside the component; 0 outside */
	int *cols, *top, *bottom;
	int *hull;               /* 12 * (w + 2) ints: room for hull_area()
	                          * (the first 8 * (w + 2)) and for
	                          * measure_box()'s column sums */
	bool dist_ok;            /* dist is computed (cut_dist()) */
} cutout;

/* What the first look of check() did that its second look may take
 * instead of doing it again (see check()): a layer scanned inside a plate
 * (scan_layer() with no plates to collect; @kind its drop_edge) or a
 * whole scan_plate() on a layer-1 shape (@kind MEMO_PLATE).  What it
 * found is the glyphs it offered add_glyph(), in their order: offered
 * again in that order they give what a fresh scan would (add_glyph()
 * keeps or drops each by what was found before it, in either look). */
#define MEMO_PLATE (-1)
/* Stretched wordmarks (check()): a row of at least WIDE_ROW shapes wider
 * than max_aspect; at most WIDE_MAX such shapes are kept */
#define WIDE_ROW 3
#define WIDE_MIN_H 8
#define WIDE_MAX 4096
/* The memo's bound: inputs of at most this many image sizes, and this
 * many offers, are kept */
#define MEMO_IMAGES 4
#define MEMO_OFFERS 20000
typedef struct {
	int rx, ry, rw, rh, kind;
	size_t at;               /* a layer's mask in look_memo.bytes */
	int id;                  /* a plate's component in look_memo.labels1 */
	guint g0, g1;            /* its offers: look_memo.offers[g0, g1) */
} memo_entry;

typedef struct {
	int look;                /* 0: the first look, which records; 1: the
	                          * second, which reuses; -1: neither */
	bool full;               /* stopped recording (memory bound) */
	bool same;               /* the second look's layer 1 is the first's */
	GArray *entries;         /* of memo_entry */
	GByteArray *bytes;
	GArray *offers;          /* of glyph */
	uint8_t *mask1;          /* the first look's layer-1 mask */
	int *labels1;            /* ... and its labels */
	int drifts;              /* bg_drifts(), the same in both looks; -1:
	                          * not known yet */
} look_memo;

typedef struct {
	al_ctx *ctx;
	const al_measure *m;
	double flat_ink_de;      /* layer 1's threshold on one background
	                          * colour (find_candidates()) */
	double min_h, max_h, ink_de, max_stroke, max_cv, min_fill, max_aspect;
	double joined_max_aspect; /* 0: no shapes of joined letters */
	double max_ratio, max_gap; /* linked(): letters of one line */
	double cv_quant;         /* allowance on the stroke spread, px of ridge
	                          * distance (with OCR) */
	double ink_alpha;        /* on transparency, ink from this alpha */
	bool flat_bg;            /* one background colour (m->bg_lab) whose
	                          * region does not drift: plates get a core
	                          * look too (scan_plate()) */
	GArray *glyphs;          /* of glyph */
	GArray *wide;            /* of al_region: layer-1 shapes that are no
	                          * letter only for being wider than
	                          * max_aspect (stretched letters); NULL:
	                          * not collected */
	/* work buffers, reused across layers and components; freed by check() */
	cutout cut;
	size_t cut_cap;          /* pixels that cut.in and cut.dist hold */
	int cut_cols;            /* columns that cut.cols/top/bottom hold */
	uint8_t *plate_mask[2];  /* image-sized, for the layers of a plate */
	int *plate_labels;       /* ... their labels, for al__text_plain */
	/* layer 1's labels, painted row by row when first read (l1_rows());
	 * l1_done NULL: painted whole, or no layer 1 */
	al_label_runs l1_runs;
	int *l1_labels;
	uint8_t *l1_done;        /* per image row: painted */
	struct comp_run *runs;   /* a layer's runs, component by component
	                          * (group_runs()) */
	int *first;              /* component c's: runs[first[c] ..
	                          * first[c + 1]) */
	int runs_cap, first_cap;
	int *bin_slot;           /* open-addressed hash of the Lab bins in use:
	                          * their index in bins + 1 (0: empty) */
	int bin_bits;            /* bin_slot holds 1 << bin_bits slots */
	GArray *bins;            /* of lab_bin, the bins that one plate uses */
	look_memo memo;
} scan;

/* One layer: a binary mask over a rectangle of the image and what labelling
 * it produced (NULL: not painted, for a layer inside a plate). */
typedef struct {
	int rx, ry, rw, rh;
	const uint8_t *mask;
	int *labels;
} layer;

/* A run of one component of a layer: row y, columns x0 .. x1 (layer
 * coordinates). */
typedef struct comp_run {
	int y, x0, x1;
} comp_run;

/* A large layer-1 component, scanned as a plate; box in layer coordinates. */
typedef struct {
	int id;
	al_region box;
} plate;

/* Sets @p[0 .. n) to @v: short spans one by one, long ones by memset(). */
static inline void fill_run(uint8_t *p, uint8_t v, size_t n)
{
	if (n < 8)
		for (size_t k = 0; k < n; k++)
			p[k] = v;
	else
		memset(p, v, n);
}

/* Room in s->cut for a component of @L whose box is @b, its columns
 * cleared. */
static void cut_room(scan *s, const layer *L, const al_region *b)
{
	cutout *C = &s->cut;
	C->ox = L->rx + b->x;
	C->oy = L->ry + b->y;
	C->w = b->w;
	C->h = b->h;
	C->stride = C->w + 2;
	size_t n = (size_t)C->stride * (C->h + 2);

	if (n > s->cut_cap) {
		g_free(C->in);
		g_free(C->dist);
		C->in = g_new(uint8_t, n);
		C->dist = g_new(uint16_t, n);
		s->cut_cap = n;
	}
	if (C->w > s->cut_cols) {
		g_free(C->cols);
		g_free(C->top);
		g_free(C->bottom);
		g_free(C->hull);
		C->cols = g_new(int, C->w);
		C->top = g_new(int, C->w);
		C->bottom = g_new(int, C->w);
		C->hull = g_new(int, 12 * ((size_t)C->w + 2));
		s->cut_cols = C->w;
	}
	for (int x = 0; x < C->w; x++) {
		C->cols[x] = 0;
		C->top[x] = INT_MAX;
		C->bottom[x] = -1;
	}
	C->dist_ok = false;
}

/* Cuts the component whose box is @b and whose runs are @r[0 .. nr) (in
 * row order; layer coordinates) out into s->cut: what cut_out_labels()
 * makes of its labels, visiting its pixels only, not its box's.  The
 * distances of its pixels come later (cut_dist()): only measured
 * components need them, and the distance to the nearest pixel outside
 * the component equals the one to the nearest unset pixel of the whole
 * layer: a set pixel of another component is not 8-connected to this
 * one, so an unset pixel lies between them.  AL_CLONES (here, on the
 * measures and the plate's row masks): built for AVX2 too, integer loops
 * and the same IEEE operations in the same order, so the same bits
 * (regions.h). */
AL_CLONES static void cut_out(scan *s, const layer *L, const comp_run *r, int nr,
                             const al_region *b)
{
	cutout *C = &s->cut;
	cut_room(s, L, b);
	memset(C->in, 0, (size_t)C->stride * (C->h + 2));
	int *restrict cols = C->cols, *restrict top = C->top, *restrict bottom = C->bottom;
	for (int k = 0; k < nr; k++) {
		int y = r[k].y - b->y, x0 = r[k].x0 - b->x, x1 = r[k].x1 - b->x;
		fill_run(C->in + (size_t)(y + 1) * C->stride + 1 + x0, 1, x1 - x0 + 1);
		/* rows come in order: a column's first row is its top, its
		 * last one its bottom */
		for (int x = x0; x <= x1; x++) {
			cols[x]++;
			top[x] = MIN(top[x], y);
			bottom[x] = y;
		}
	}
}

/* cut_out() from the painted labels of @L, component @id, pixel by pixel
 * over its box: the plain reference (al__text_plain). */
static void cut_out_labels(scan *s, const layer *L, int id, const al_region *b)
{
	cutout *C = &s->cut;
	cut_room(s, L, b);
	size_t n = (size_t)C->stride * (C->h + 2);
	memset(C->in, 0, (size_t)C->stride);
	memset(C->in + n - C->stride, 0, (size_t)C->stride);
	for (int y = 0; y < C->h; y++) {
		const int *lab = L->labels + (size_t)(y + b->y) * L->rw + b->x;
		uint8_t *in = C->in + (size_t)(y + 1) * C->stride;
		in[0] = in[C->w + 1] = 0;
		for (int x = 0; x < C->w; x++) {
			in[x + 1] = lab[x] == id;
			if (lab[x] != id)
				continue;
			C->cols[x]++;
			C->top[x] = MIN(C->top[x], y);
			C->bottom[x] = y;
		}
	}
}

/* The distances of the cut-out's pixels, which glyph_stroke() reads: only
 * for a component or a piece whose stroke is tested. */
static void cut_dist(cutout *C)
{
	if (!C->dist_ok)
		al_distance_chess(C->in, C->stride, C->h + 2, C->dist);
	C->dist_ok = true;
}

/* The share of its tight box that the pixels of the cut-out in columns
 * [c0, c1] fill: measure_box()'s glyph.fill, by the same operations (0
 * when there are none).  Every test of a glyph with too little fill
 * fails (glyph_ok(), joined_ok(), plate_like()), so such a glyph is not
 * measured further. */
static double box_fill(const cutout *C, int c0, int c1)
{
	int area = 0, x0 = INT_MAX, x1 = -1, y0 = INT_MAX, y1 = -1;
	for (int x = c0; x <= c1; x++) {
		if (!C->cols[x])
			continue;
		area += C->cols[x];
		x0 = MIN(x0, x);
		x1 = x;
		y0 = MIN(y0, C->top[x]);
		y1 = MAX(y1, C->bottom[x]);
	}
	if (area == 0)
		return 0;
	return (double)area / ((double)(x1 - x0 + 1) * (y1 - y0 + 1));
}

/* box_fill() of a whole component, before it is cut out: from its runs
 * @r[0 .. nr) and its box @b (tight: its first and last column and row
 * hold pixels), the same operations on the same numbers. */
static double runs_fill(const comp_run *r, int nr, const al_region *b)
{
	int area = 0;
	for (int k = 0; k < nr; k++)
		area += r[k].x1 - r[k].x0 + 1;
	return (double)area / ((double)b->w * b->h);
}

/* Cross product of (b - a) and (c - a), for the convex hull. */
static long cross(const int *a, const int *b, const int *c)
{
	return (long)(b[0] - a[0]) * (c[1] - a[1]) - (long)(b[1] - a[1]) * (c[0] - a[0]);
}

/* Area of the convex hull of the pixels in columns [c0, c1] of @C (of
 * their corners).  Every vertical pixel edge x contributes its highest and
 * its lowest corner, of the columns left and right of it.  A lowest corner
 * lies below the highest one of its edge, so the hull's upper chain holds
 * highest corners only and its lower chain lowest ones: each is built by
 * Andrew's monotone chain over its own points, sorted by x as they come,
 * in time linear in the columns.  The area, an integer shoelace sum over
 * the same polygon, is what one chain over all the points gives.  @pts:
 * room for 8 * (c1 - c0 + 2) ints. */
static double hull_area(const cutout *C, int c0, int c1, int *pts)
{
	int n = 0, m = c1 - c0 + 2;
	int *up = pts, *lo = pts + 2 * m, *hu = pts + 4 * m, *hl = pts + 6 * m;

	for (int x = c0; x <= c1 + 1; x++) {
		bool l = x > c0 && C->cols[x - 1], r = x <= c1 && C->cols[x];
		if (!l && !r)
			continue;
		int t = MIN(l ? C->top[x - 1] : INT_MAX, r ? C->top[x] : INT_MAX);
		int b = MAX(l ? C->bottom[x - 1] + 1 : -1, r ? C->bottom[x] + 1 : -1);
		up[2 * n] = lo[2 * n] = x;
		up[2 * n + 1] = t;
		lo[2 * n + 1] = b;
		n++;
	}
	if (2 * n < 3)
		return 0;
	int ku = 0, kl = 0;
	for (int i = 0; i < n; i++) {
		while (ku >= 2 && cross(hu + 2 * (ku - 2), hu + 2 * (ku - 1), up + 2 * i) <= 0)
			ku--;
		hu[2 * ku] = up[2 * i];
		hu[2 * ku + 1] = up[2 * i + 1];
		ku++;
		while (kl >= 2 && cross(hl + 2 * (kl - 2), hl + 2 * (kl - 1), lo + 2 * i) >= 0)
			kl--;
		hl[2 * kl] = lo[2 * i];
		hl[2 * kl + 1] = lo[2 * i + 1];
		kl++;
	}
	/* the polygon: the upper chain left to right, the lower one back */
	long a2 = 0;
	for (int i = 0; i + 1 < ku; i++)
		a2 += (long)hu[2 * i] * hu[2 * i + 3] - (long)hu[2 * i + 2] * hu[2 * i + 1];
	const int *ue = hu + 2 * (ku - 1), *le = hl + 2 * (kl - 1);
	a2 += (long)ue[0] * le[1] - (long)le[0] * ue[1];
	for (int i = kl - 1; i > 0; i--)
		a2 += (long)hl[2 * i] * hl[2 * i - 1] - (long)hl[2 * i - 2] * hl[2 * i + 1];
	a2 += (long)hl[0] * hu[1] - (long)hu[0] * hl[1];
	return labs(a2) / 2.0;
}

/* Measures the pixels of the cut-out component whose column (in its box)
 * lies in [c0, c1].  Here what
 * the tests of a letter or a plate read first (its box, area, fill, peak,
 * frame and centre); its stroke (glyph_stroke()) when a test gets that
 * far, its shape (glyph_shape()) when it is kept: most shapes measured
 * fail a test of the first kind (a plate, a bar, a picture) and need
 * neither.  Each measure is what one pass over all of them gave, by the
 * same operations. */
static glyph measure_box(const cutout *C, int c0, int c1)
{
	glyph g = { .x0 = INT_MAX, .y0 = INT_MAX, .x1 = -1, .y1 = -1, .n = 1 };
	int peak = 0;

	/* the tight box and the counts come from the columns */
	for (int x = c0; x <= c1; x++) {
		if (!C->cols[x])
			continue;
		g.area += C->cols[x];
		g.x0 = MIN(g.x0, x);
		g.x1 = x;
		g.y0 = MIN(g.y0, C->top[x]);
		g.y1 = MAX(g.y1, C->bottom[x]);
		peak = MAX(peak, C->cols[x]);
	}
	if (g.area == 0)
		return g;
	int w = g.x1 - g.x0 + 1, h = g.y1 - g.y0 + 1;
	ptrdiff_t S = C->stride;
	g.fill = (double)g.area / ((double)w * h);
	g.peak = (double)peak / h;
	/* the sides of its box, their middle 60 % (rounded corners aside) */
	int top = 0, bottom = 0, left = 0, right = 0;
	int mx0 = g.x0 + w / 5, mx1 = g.x1 - w / 5, my0 = g.y0 + h / 5, my1 = g.y1 - h / 5;
	const uint8_t *rt = C->in + (g.y0 + 1) * S + 1, *rb = C->in + (g.y1 + 1) * S + 1;
	for (int x = mx0; x <= mx1; x++) {
		top += rt[x];
		bottom += rb[x];
	}
	for (int y = my0; y <= my1; y++) {
		left += C->in[(y + 1) * S + 1 + g.x0];
		right += C->in[(y + 1) * S + 1 + g.x1];
	}
	g.frame = MIN(MIN(top, bottom) / (double)(mx1 - mx0 + 1),
	              MIN(left, right) / (double)(my1 - my0 + 1));
	int cx0 = g.x0 + w / 3, cx1 = g.x1 - w / 3, cy0 = g.y0 + h / 3, cy1 = g.y1 - h / 3;
	int centre = 0;
	for (int y = cy0; y <= cy1; y++)
		for (int x = cx0; x <= cx1; x++)
			centre += C->in[(y + 1) * S + 1 + x];
	g.centre = centre / (double)MAX(1, (cx1 - cx0 + 1) * (cy1 - cy0 + 1));
	g.x0 += C->ox;
	g.x1 += C->ox;
	g.y0 += C->oy;
	g.y1 += C->oy;
	return g;
}

/* The stroke of @g (measure_box() of the cut-out @C): its
 * width and spread from the ridge pixels of the distance transform (no
 * neighbour lies deeper inside), eight pixels at a time (ridge.h). */
AL_CLONES static void glyph_stroke(cutout *C, glyph *g)
{
	if ((g->has & HAS_STROKE) || g->area == 0)
		return;
	g->has |= HAS_STROKE;
	cut_dist(C);
	ptrdiff_t S = C->stride;
	al_ridge_sums ridge = { 0, 0, 0 };
	for (int y = g->y0 - C->oy; y <= g->y1 - C->oy; y++)
		al_ridge_span(C->dist + (y + 1) * S + 1, S, g->x0 - C->ox, g->x1 - C->ox + 1,
		              &ridge);
	/* integer sums: what adding each pixel's v and v * v to a double
	 * gives, exactly */
	double rs = (double)ridge.sum, rq = (double)ridge.sq;
	int rn = (int)ridge.n;
	double mean = rn ? rs / rn : 1.0;
	double var = rn ? rq / rn - mean * mean : 0.0;
	/* chessboard ridge value d: a stroke of width 2d-1 or 2d */
	g->sw = 2.0 * mean - 0.5;
	g->cv = mean > 0 ? sqrt(MAX(var, 0.0)) / mean : 0.0;
}

/* The shape of @g (as glyph_stroke()) that only the chaining of lines
 * reads: its ink per cell (sig), the share of its rows and columns that
 * cross it more than once (multi) and its solidity. */
AL_CLONES static void glyph_shape(cutout *C, glyph *g)
{
	if ((g->has & HAS_SHAPE) || g->area == 0)
		return;
	g->has |= HAS_SHAPE;
	int x0 = g->x0 - C->ox, x1 = g->x1 - C->ox, y0 = g->y0 - C->oy, y1 = g->y1 - C->oy;
	int w = x1 - x0 + 1, h = y1 - y0 + 1;
	int cells[SIG_W * SIG_H] = { 0 };
	ptrdiff_t S = C->stride;
	/* the columns of cell column c: x - x0 from ceil(c w / SIG_W), the
	 * first whose (x - x0) * SIG_W / w is c, to the next one's */
	int cell_x[SIG_W + 1];
	for (int c = 0; c <= SIG_W; c++)
		cell_x[c] = x0 + (c * w + SIG_W - 1) / SIG_W;
	/* the ink of each column (C->in) summed over the rows of one row of
	 * cells, in C->hull (not in use yet), then per cell: integer sums,
	 * the same in any order.  In the same pass, the rows and columns
	 * that cross the ink more than once: the runs of each row, and of
	 * each column row by row (in C->hull too, after what hull_area()
	 * uses of it) */
	int multi = 0;
	int *restrict col_ink = C->hull, *restrict col_runs = C->hull + 9 * ((size_t)C->w + 2);
	for (int x = 0; x < w; x++)
		col_ink[x] = col_runs[x] = 0;
	for (int y = y0; y <= y1; y++) {
		const uint8_t *restrict in = C->in + (y + 1) * S + 1 + x0;
		const uint8_t *restrict above = in - S;
		int cy = (y - y0) * SIG_H / h, first = y == y0;
		/* without branches (vectorised); the row above y0 is in the
		 * cut-out, but does not count */
		for (int x = 0; x < w; x++) {
			col_ink[x] += in[x];
			col_runs[x] += in[x] & (first | (above[x] ^ 1));
		}
		int runs = in[0];
		for (int x = 1; x < w; x++)
			runs += in[x] & (in[x - 1] ^ 1);
		multi += runs > 1;
		if (y < y1 && (y + 1 - y0) * SIG_H / h == cy)
			continue;
		int *cell = cells + cy * SIG_W;
		for (int c = 0; c < SIG_W; c++) {
			int k = 0;
			for (int x = cell_x[c]; x < cell_x[c + 1]; x++)
				k += col_ink[x - x0];
			cell[c] += k;
		}
		for (int x = 0; x < w; x++)
			col_ink[x] = 0;
	}
	g->solidity = g->area / MAX(1.0, hull_area(C, x0, x1, C->hull));
	for (int x = 0; x < w; x++)
		multi += col_runs[x] > 1;
	g->multi = (double)multi / (w + h);
	for (int k = 0; k < SIG_W * SIG_H; k++) {
		int cx = k % SIG_W, cy = k / SIG_W;
		/* pixels per cell for this box size */
		int cw = (cx + 1) * w / SIG_W - cx * w / SIG_W;
		int ch = (cy + 1) * h / SIG_H - cy * h / SIG_H;
		int cap = MAX(cw, 1) * MAX(ch, 1);
		g->sig[k] = (uint8_t)MIN(255, cells[k] * 255 / cap);
	}
}

/* With al__text_plain, the plain reference: every measure of @g at once,
 * as one pass over them all took them. */
static void measure_plain(scan *s, glyph *g)
{
	if (!al__text_plain)
		return;
	glyph_stroke(&s->cut, g);
	glyph_shape(&s->cut, g);
}

/* A tile (a plate, a badge, a framed picture) has ink all along the four
 * sides of its box, and most of its box is ink, its middle too: details
 * are cut out of it.  A letter wider than a bar does not; a squared O or D
 * (a rounded rectangle) has all four sides but an empty middle. */
static bool tile_like(const glyph *g)
{
	int w = g->x1 - g->x0 + 1, h = g->y1 - g->y0 + 1;
	return g->frame >= TILE_FRAME && g->fill >= TILE_FILL &&
	       g->centre >= TILE_CENTRE && w >= 0.5 * h && h >= TILE_MIN_H;
}

/* Dense enough to be a plate that details are cut out of, though its
 * sides may be broken (tile_like() without the frame). */
static bool plate_like(const glyph *g)
{
	int w = g->x1 - g->x0 + 1, h = g->y1 - g->y0 + 1;
	return g->fill >= TILE_FILL && g->centre >= TILE_CENTRE && w >= 0.5 * h &&
	       h >= TILE_MIN_H;
}

/* The largest stroke spread (std/mean of the ridge distances) of a letter:
 * max_stroke_cv plus cv_quant / the mean ridge distance.  Ridge distances
 * are whole pixels, so the hairlines and serifs of a thin serif letter
 * (ridge 1 beside stems of 2 or 3) spread more than the same letter drawn
 * large. */
static double cv_limit(const scan *s, const glyph *g)
{
	double mean = (g->sw + 0.5) / 2;
	return s->max_cv + s->cv_quant / MAX(mean, 1.0);
}

/* Whether @g, measured on s->cut, looks like a letter.  The tests of its
 * stroke come last: they need its distance transform (glyph_stroke()),
 * which the others often spare (all must pass, in any order). */
static bool glyph_ok(scan *s, glyph *g, bool split_piece)
{
	int w = g->x1 - g->x0 + 1, h = g->y1 - g->y0 + 1;
	double aspect = (double)w / h;

	if (g->area == 0 || h < s->min_h || h > s->max_h)
		return false;
	if (aspect > s->max_aspect || aspect < 0.08)
		return false;
	if (g->fill < s->min_fill)
		return false;
	if (tile_like(g))
		return false;
	/* a piece cut from a wide shape must hold an upright stroke; this keeps
	 * waves and swooshes from breaking into letter-like arcs */
	if (split_piece && g->peak < 0.4)
		return false;
	glyph_stroke(&s->cut, g);
	/* solid blobs (discs, squares) have a stroke as thick as they are */
	if (g->sw > s->max_stroke * h + 1.0)
		return false;
	/* dense and thick: a filled shape, not letter strokes */
	if (g->fill > 0.65 && g->sw > (s->max_stroke - 0.05) * h + 1.0)
		return false;
	if (g->cv > cv_limit(s, g))
		return false;
	return true;
}

/* A small convex blob (a triangle, a disc, a diamond): no row or column
 * crosses it twice, and it fills most of its convex hull.  The staircase
 * of a small one's edge leaves its pixels short of SOLID of their hull; a
 * letter that no line crosses twice (T, L, J) fills less of it. */
static bool convex_blob(const glyph *g)
{
	return g->multi <= 0 && g->solidity >= BLOB_SOLID;
}

/* The least share, over the four sides of the cut-out's box, of the
 * middle 60 % of the side along which some pixel lies within @depth px of
 * that side (glyph.frame with a band instead of the outermost line). */
static double band_frame(const cutout *C, int depth)
{
	int w = C->w, h = C->h, S = C->stride;
	int mx0 = w / 5, mx1 = w - 1 - w / 5, my0 = h / 5, my1 = h - 1 - h / 5;
	int top = 0, bottom = 0, left = 0, right = 0;

	depth = MIN(depth, MIN(w, h) / 2);
	for (int x = mx0; x <= mx1; x++) {
		bool t = false, b = false;
		for (int d = 0; d < depth; d++) {
			t |= C->in[(size_t)(d + 1) * S + 1 + x] != 0;
			b |= C->in[(size_t)(h - d) * S + 1 + x] != 0;
		}
		top += t;
		bottom += b;
	}
	for (int y = my0; y <= my1; y++) {
		bool l = false, r = false;
		for (int d = 0; d < depth; d++) {
			l |= C->in[(size_t)(y + 1) * S + 1 + d] != 0;
			r |= C->in[(size_t)(y + 1) * S + w - d] != 0;
		}
		left += l;
		right += r;
	}
	return MIN(MIN(top, bottom) / (double)MAX(1, mx1 - mx0 + 1),
	           MIN(left, right) / (double)MAX(1, my1 - my0 + 1));
}

/* Letters that touch so that no empty column parts them (small letters
 * blurred together, italic and script letters, a word under one outline):
 * with OCR to read it, a shape wider than a letter is a candidate for
 * several letters when it looks like a row of pen strokes -- thin strokes
 * for its height, and rows that cross ink again and again (a bar or a
 * swoosh crosses once or twice).  @g is measured on s->cut, the cut-out
 * component; its stroke is tested after the tests that do not need it
 * (as in glyph_ok()). */
static bool joined_ok(scan *s, glyph *g)
{
	const cutout *C = &s->cut;
	int w = g->x1 - g->x0 + 1, h = g->y1 - g->y0 + 1;
	double aspect = (double)w / h;

	if (s->joined_max_aspect <= 0 || h < s->min_h || h > s->max_h ||
	    aspect < 1.0 || aspect > s->joined_max_aspect)
		return false;
	if (g->fill < s->min_fill || g->fill > 0.8 || tile_like(g))
		return false;
	/* ink all along the four sides of its box: a frame (a badge's
	 * outline, a ring), not letters */
	if (g->frame >= TILE_FRAME)
		return false;
	glyph_stroke(&s->cut, g);
	if (g->sw > s->max_stroke * h + 1.0 || g->cv > 1.5 * s->max_cv)
		return false;
	/* ... also where anti-aliasing or a rounded corner leaves the box's
	 * outermost row or column of a side thin: ink within a band as deep
	 * as the stroke along the four sides.  The letters inside a badge,
	 * where some touch its outline, join it; they are looked for inside
	 * it as in any plate */
	int depth = MAX(2, (int)ceil(g->sw));
	if (band_frame(C, depth) >= TILE_FRAME)
		return false;
	/* ... nor an outline with nothing inside (the letters it holds, apart
	 * from it, are other components).  Joined letters have strokes inside
	 * their box, away from its sides */
	int inner = 0, inner_ink = 0;
	for (int y = depth + 1; y < h - depth - 1; y++) {
		const uint8_t *in = C->in + (size_t)(y + 1) * C->stride + 1;
		for (int x = depth + 1; x < w - depth - 1; x++, inner++)
			inner_ink += in[x];
	}
	if (inner > 0 && inner_ink < HOLLOW_INK * inner)
		return false;
	/* ink runs along the rows of the middle half (x-height band) */
	int runs = 0, rows = 0;
	for (int y = h / 4; y < h - h / 4; y++, rows++) {
		const uint8_t *in = C->in + (size_t)(y + 1) * C->stride + 1;
		for (int x = 0; x < w; x++)
			runs += in[x] && (x == 0 || !in[x - 1]);
	}
	double mean = rows ? (double)runs / rows : 0;
	return mean >= 2.0 && mean >= 0.6 * aspect;
}

static void add_glyph(scan *s, const glyph *g)
{
	if (s->memo.look == 0 && !s->memo.full) {
		if (s->memo.offers->len < MEMO_OFFERS)
			g_array_append_val(s->memo.offers, *g);
		else
			s->memo.full = true;
	}
	/* two looks may find the same letter */
	for (guint k = 0; k < s->glyphs->len; k++) {
		const glyph *o = &g_array_index(s->glyphs, glyph, k);
		if (abs(o->x0 - g->x0) <= 1 && abs(o->x1 - g->x1) <= 1 &&
		    abs(o->y0 - g->y0) <= 1 && abs(o->y1 - g->y1) <= 1)
			return;
	}
	if (s->glyphs->len < MAX_CANDS)
		g_array_append_val(s->glyphs, *g);
}

/* True when layer 1 is the same for scan_plate() in the rectangle in
 * both looks: the pixels of component @id (@labels) are those of @id1
 * (@labels1), the others' are the others', the rest is the rest. */
static bool plate_same(const scan *s, const int *labels1, int id1, const int *labels,
                       int id, int rx, int ry, int rw, int rh)
{
	for (int y = 0; y < rh; y++) {
		size_t i0 = (size_t)(y + ry) * s->m->width + rx;
		const int *restrict a = labels1 + i0, *restrict b = labels + i0;
		int differ = 0;
		for (int x = 0; x < rw; x++)
			differ |= ((a[x] == id1) != (b[x] == id)) | ((a[x] < 0) != (b[x] < 0));
		if (differ)
			return false;
	}
	return true;
}

/* In the second look: when the first look scanned the rectangle with
 * the same @kind and the same @n input bytes @in (a layer), or a plate
 * where layer 1 is the same (@labels and @id; plate_same()), offers its
 * glyphs again and returns true. */
static bool memo_replay(scan *s, int rx, int ry, int rw, int rh, int kind,
                        const uint8_t *in, size_t n, const int *labels, int id)
{
	look_memo *c = &s->memo;
	if (c->look != 1 || al__text_fresh)
		return false;
	for (guint k = 0; k < c->entries->len; k++) {
		const memo_entry *e = &g_array_index(c->entries, memo_entry, k);
		if (e->rx != rx || e->ry != ry || e->rw != rw || e->rh != rh ||
		    e->kind != kind)
			continue;
		if (kind == MEMO_PLATE ? !plate_same(s, c->labels1, e->id, labels, id, rx, ry,
		                                     rw, rh)
		                       : memcmp(c->bytes->data + e->at, in, n) != 0)
			continue;
		for (guint q = e->g0; q < e->g1; q++)
			add_glyph(s, &g_array_index(c->offers, glyph, q));
		if (al__text_probe)
			al__text_probe->reused += (int)(e->g1 - e->g0) + 1;
		return true;
	}
	return false;
}

/* In the first look: keeps what the scan of the rectangle with @kind and
 * input @in (@n bytes), or of plate @id, offered since @g0
 * (memo_replay()). */
static void memo_keep(scan *s, int rx, int ry, int rw, int rh, int kind,
                      const uint8_t *in, size_t n, int id, guint g0)
{
	look_memo *c = &s->memo;
	if (c->look != 0 || c->full)
		return;
	size_t cap = MEMO_IMAGES * (size_t)s->m->width * s->m->height;
	if (c->bytes->len + n > cap) {
		c->full = true;
		return;
	}
	memo_entry e = { rx, ry, rw, rh, kind, c->bytes->len, id, g0, c->offers->len };
	if (n)
		g_byte_array_append(c->bytes, in, (guint)n);
	g_array_append_val(c->entries, e);
}

/* Paints layer 1's labels (s->l1_labels) in image rows [@y0, @y1) (clipped)
 * that are not yet: what reads them reads a few components' boxes only
 * (scan_plate(), component_at(), ring_look(); the second look's
 * plate_same() the rows of the first's plates), and the rows painted are
 * those al_label_runs_paint() paints, to the value. */
static void l1_rows(scan *s, int y0, int y1)
{
	if (!s->l1_done)
		return;
	y0 = MAX(y0, 0);
	y1 = MIN(y1, s->m->height);
	for (int y = y0; y < y1; y++)
		if (!s->l1_done[y]) {
			al_label_runs_paint_rows(&s->l1_runs, s->m->width, y, y + 1,
			                         s->l1_labels);
			s->l1_done[y] = 1;
		}
}

/* Drops layer 1's runs (l1_rows()): its labels stay as painted. */
static void l1_drop(scan *s)
{
	if (!s->l1_done)
		return;
	al_label_runs_clear(&s->l1_runs);
	g_clear_pointer(&s->l1_done, g_free);
	s->l1_labels = NULL;
}

/* The runs of a layer's @ncomp components (@runs, @h rows) component by
 * component into s->runs, each component's in row order: component c's
 * are s->runs[s->first[c] .. s->first[c + 1]) (a counting sort). */
static void group_runs(scan *s, const al_label_runs *runs, int h, int ncomp)
{
	int n = runs->row[h];
	if (n > s->runs_cap) {
		g_free(s->runs);
		s->runs_cap = MAX(n, 2 * s->runs_cap);
		s->runs = g_new(comp_run, s->runs_cap);
	}
	if (ncomp + 1 > s->first_cap) {
		g_free(s->first);
		s->first_cap = MAX(ncomp + 1, 2 * s->first_cap);
		s->first = g_new(int, s->first_cap);
	}
	int *first = s->first;
	memset(first, 0, sizeof *first * ((size_t)ncomp + 1));
	for (int k = 0; k < n; k++)
		first[runs->run[k].label + 1]++;
	for (int c = 0; c < ncomp; c++)
		first[c + 1] += first[c];
	/* first[c] walks through component c's place, ending where c + 1's
	 * starts; then shifted back by one component */
	for (int y = 0; y < h; y++)
		for (int k = runs->row[y]; k < runs->row[y + 1]; k++) {
			const al_label_run *r = runs->run + k;
			s->runs[first[r->label]++] = (comp_run){ y, r->x0, r->x1 };
		}
	memmove(first + 1, first, sizeof *first * (size_t)ncomp);
	first[0] = 0;
}

/* Labels @L's mask, adds its glyphs to @s.  When @plates is non-NULL the
 * large components that are not glyphs are appended to it (of plate);
 * components touching the rectangle's top or bottom edge are ignored when
 * @drop_edge is 1, any edge when it is 2.  The labels are painted into
 * L->labels when it is not NULL (or when al__text_plain, which cuts the
 * components out of them). */
static void scan_layer(scan *s, const layer *L, int drop_edge, GArray *plates,
                       GArray *solids)
{
	al_region *box = NULL;
	size_t n_in = (size_t)L->rw * L->rh;
	/* a layer inside a plate: the first look's, when it is the same */
	if (!plates && memo_replay(s, L->rx, L->ry, L->rw, L->rh, drop_edge, L->mask, n_in,
	                           NULL, 0))
		return;
	guint g0 = s->memo.offers ? s->memo.offers->len : 0;
	al_label_runs runs;
	int ncomp = al_regions_mask_runs(L->mask, L->rw, L->rh, &runs, &box);
	layer P = *L;
	if (al__text_plain && !P.labels) {
		if (!s->plate_labels)
			s->plate_labels = g_new(int, (size_t)s->m->width * s->m->height);
		P.labels = s->plate_labels;
	}
	/* layer 1's labels are read in a few components' boxes only: its
	 * runs are kept to paint the rows read (l1_rows()) */
	bool lazy = plates && P.labels && !al__text_plain;
	if (P.labels && !lazy)
		al_label_runs_paint(&runs, L->rw, L->rh, P.labels);
	group_runs(s, &runs, L->rh, ncomp);
	if (lazy) {
		s->l1_runs = runs;
		s->l1_labels = P.labels;
		s->l1_done = g_new0(uint8_t, L->rh);
	} else {
		al_label_runs_clear(&runs);
	}

	for (int c = 0; c < ncomp; c++) {
		const al_region *b = box + c;
		int w = b->w, h = b->h;
		if (drop_edge && (b->y == 0 || b->y + h == L->rh ||
		                  (drop_edge > 1 && (b->x == 0 || b->x + w == L->rw))))
			continue;
		if (h < s->min_h)
			continue;
		bool found = false, solid = false;
		if (h <= s->max_h) {
			const comp_run *cr = s->runs + s->first[c];
			int nr = s->first[c + 1] - s->first[c];
			/* too sparse to be a letter, joined letters or a plate
			 * (box_fill()): not measured further, and cut out only
			 * to be cut into pieces (below) */
			bool sparse = runs_fill(cr, nr, b) < MIN(s->min_fill, TILE_FILL);
			if (al__text_plain) {
				cut_out_labels(s, &P, c, b);
				sparse = box_fill(&s->cut, 0, w - 1) < MIN(s->min_fill, TILE_FILL);
			} else if (!sparse || (double)w / h > s->max_aspect)
				cut_out(s, L, cr, nr, b);
			glyph g = { 0 };
			bool whole = false;
			if (!sparse) {
				g = measure_box(&s->cut, 0, w - 1);
				measure_plain(s, &g);
				whole = glyph_ok(s, &g, false);
				/* a plate with letters cut out of it, some of
				 * them into its outline, passes for one big
				 * letter: look inside too */
				solid = plate_like(&g);
			}
			/* a shape wider than tall may be letters that touch ("At",
			 * "rn"); a wider one than max_aspect cannot be one letter */
			if ((double)w / h > (whole ? 1.0 : s->max_aspect)) {
				/* touching letters: cut at columns with little ink */
				const int *cols = s->cut.cols;
				int start = -1, pieces = 0;
				GArray *found_g = g_array_new(FALSE, FALSE, sizeof(glyph));
				for (int x = 0; x <= w; x++) {
					bool low = x == w || cols[x] <= 0.12 * h;
					if (!low && start < 0)
						start = x;
					if (low && start >= 0) {
						pieces++;
						if (box_fill(&s->cut, start, x - 1) >= s->min_fill) {
							glyph p = measure_box(&s->cut, start, x - 1);
							measure_plain(s, &p);
							if (glyph_ok(s, &p, true))
								g_array_append_val(found_g, p);
						}
						start = -1;
					}
				}
				/* most pieces must look like letters, or the shape
				 * is a picture with gaps */
				if (pieces >= 2 && (int)found_g->len * 3 >= pieces * 2) {
					for (guint k = 0; k < found_g->len; k++) {
						glyph *p = &g_array_index(found_g, glyph, k);
						glyph_shape(&s->cut, p);
						add_glyph(s, p);
					}
					found = true;
				}
				g_array_free(found_g, TRUE);
			}
			bool cut = found;
			if (!found && whole) {
				glyph_shape(&s->cut, &g);
				add_glyph(s, &g);
				found = true;
			} else if (found)
				solid = false;     /* cut into letters */
			if (!found && !sparse && joined_ok(s, &g)) {
				/* about 0.6 of the height per letter */
				g.n = MAX(2, (int)lround((double)w / h / 0.6));
				glyph_shape(&s->cut, &g);
				add_glyph(s, &g);
				found = true;
			}
			/* a letter stretched sideways is too wide for one
			 * (taken for joined letters at most) */
			if (plates && s->wide && !sparse && !whole && !cut && h >= WIDE_MIN_H &&
			    (double)w / h > s->max_aspect && g.fill >= s->min_fill &&
			    s->wide->len < WIDE_MAX) {
				al_region r = { s->cut.ox, s->cut.oy, w, h };
				g_array_append_val(s->wide, r);
			}
		}
		if (!found && plates && w >= 2 * s->min_h && h >= 2 * s->min_h) {
			plate p = { c, *b };
			g_array_append_val(plates, p);
		} else if (found && solid && solids) {
			plate p = { c, *b };
			g_array_append_val(solids, p);
		}
	}
	g_free(box);
	if (!plates)
		memo_keep(s, L->rx, L->ry, L->rw, L->rh, drop_edge, L->mask, n_in, 0, g0);
}

/* The end of the run of one RGBA (al_measure.run) that holds column @x
 * of a row of @n columns whose run counts are @run: the next column
 * that starts a run, or @n.  Eight bytes at a time for the first 32
 * (the lowest byte that the bit trick flags is a 0 byte: a borrow only
 * flags bytes above one), long runs by memchr(). */
static inline int run_stop(const uint8_t *run, int x, int n)
{
	int e = x + 1;
	if (e >= n || !run[e])     /* a run of one pixel (noise, JPEG) */
		return e;
	for (int k = 0; k < 4 && e + 8 <= n; k++, e += 8) {
		uint64_t v;
		memcpy(&v, run + e, sizeof v);
		uint64_t z = (v - 0x0101010101010101u) & ~v & 0x8080808080808080u;
		if (z)
			return e + __builtin_ctzll(z) / 8;
	}
	if (e + 8 <= n) {
		const uint8_t *z = memchr(run + e, 0, (size_t)(n - e));
		return z ? (int)(z - run) : n;
	}
	while (e < n && run[e])
		e++;
	return e;
}

/* One bin of dominant_lab(): the sums of its pixels' Lab values. */
typedef struct {
	int key, slot;           /* the bin; its slot in s->bin_slot */
	double sum[3], n;
} lab_bin;

/* The slot of bin @key in s->bin_slot: its own, or the empty one where
 * it goes (linear probing; the table is at most half full). */
static int bin_find(const scan *s, int key)
{
	unsigned mask = (1u << s->bin_bits) - 1;
	unsigned j = ((unsigned)key * 2654435761u) >> (32 - s->bin_bits);
	for (;; j = (j + 1) & mask) {
		int v = s->bin_slot[j];
		if (!v || g_array_index(s->bins, lab_bin, v - 1).key == key)
			return (int)j;
	}
}

/* Room for one more bin in s->bin_slot: doubles it, and places the bins
 * again, when it would be more than half full. */
static void bin_room(scan *s)
{
	if (s->bin_slot && 2 * (s->bins->len + 1) <= 1u << s->bin_bits)
		return;
	s->bin_bits = s->bin_slot ? s->bin_bits + 1 : 10;
	g_free(s->bin_slot);
	s->bin_slot = g_new0(int, (size_t)1 << s->bin_bits);
	for (guint k = 0; k < s->bins->len; k++) {
		lab_bin *b = &g_array_index(s->bins, lab_bin, k);
		b->slot = bin_find(s, b->key);
		s->bin_slot[b->slot] = (int)k + 1;
	}
}

/* Dominant colour (mean of the most common 4-unit Lab bin) of the visible
 * pixels of the rectangle that belong to component @id of @labels1 (all of
 * them when @labels1 is NULL).  Ties go to the bin that reached the count
 * first. */
static void dominant_lab(scan *s, const int *labels1, int id,
                         int rx, int ry, int rw, int rh, float out[3])
{
	const al_measure *m = s->m;
	int best = -1;

	/* the 32x64x64 bins that occur, in a small hash table cleared after
	 * use: a direct table of all of them (512 KiB) costs more to clear
	 * than a plate takes to bin */
	if (!s->bins)
		s->bins = g_array_new(FALSE, FALSE, sizeof(lab_bin));
	/* the bin of the last pixel binned: a pixel of its Lab (to the bit:
	 * the rest of its run, or the next stretch of the same colour) has
	 * its bin */
	const float *last = NULL;
	int last_k = -1;
	for (int y = ry; y < ry + rh; y++)
		for (int x = rx, e; x < rx + rw; x = e) {
			size_t i = (size_t)y * m->width + x, row = (size_t)y * m->width;
			/* a run of another label, or of one RGBA below the
			 * alpha floor, is passed at once */
			if (labels1 && labels1[i] != id) {
				e = x + 1 < rx + rw && labels1[i + 1] == labels1[i] ?
				    al_label_run_end(labels1 + row, x, rx + rw) : x + 1;
				continue;
			}
			if (m->rgba[i * 4 + 3] < 128) {
				e = run_stop(m->run + row, x, rx + rw);
				continue;
			}
			/* the pixels after it of its RGBA (its Lab, its bin) and
			 * its component: added at once (al_sum_repeat()); a bin
			 * that passes the best count along them passes it once
			 * they are all in */
			e = run_stop(m->run + row, x, rx + rw);
			if (labels1 && e > x + 1)
				e = MIN(e, al_label_run_end(labels1 + row, x, e));
			const float *l = m->lab + i * 3;
			int k;
			if (last && memcmp(last, l, 3 * sizeof *l) == 0) {
				k = last_k;
			} else {
				int key = CLAMP((int)(l[0] / 4), 0, 31) << 12 |
				          CLAMP((int)(l[1] / 4) + 32, 0, 63) << 6 |
				          CLAMP((int)(l[2] / 4) + 32, 0, 63);
				bin_room(s);
				int j = bin_find(s, key);
				if (!s->bin_slot[j]) {
					lab_bin z = { key, j, { 0, 0, 0 }, 0 };
					g_array_append_val(s->bins, z);
					s->bin_slot[j] = (int)s->bins->len;
				}
				k = s->bin_slot[j] - 1;
			}
			last = l;
			last_k = k;
			lab_bin *v = &g_array_index(s->bins, lab_bin, k);
			for (int c = 0; c < 3; c++)
				al_sum_repeat(&v->sum[c], l[c], e - x);
			v->n += e - x;
			if (best < 0 || v->n > g_array_index(s->bins, lab_bin, best).n)
				best = k;
		}
	const lab_bin *v = best < 0 ? NULL : &g_array_index(s->bins, lab_bin, best);
	for (int c = 0; c < 3; c++)
		out[c] = v ? (float)(v->sum[c] / v->n) : 0.0f;
	for (guint k = 0; k < s->bins->len; k++)
		s->bin_slot[g_array_index(s->bins, lab_bin, k).slot] = 0;
	g_array_set_size(s->bins, 0);
}

/* See text_probe.h. */
bool al__text_plain, al__text_fresh;
al_text_probe *al__text_probe;

static void digest_mask(const uint8_t *mask, size_t n)
{
	if (!al__text_probe)
		return;
	uint64_t d = al__text_probe->digest;
	for (size_t i = 0; i < n; i++)
		d = (d ^ mask[i]) * 0x100000001b3u;
	al__text_probe->digest = d;
}

static uint64_t fold_bytes(uint64_t d, const void *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		d = (d ^ ((const uint8_t *)p)[i]) * 0x100000001b3u;
	return d;
}

/* The candidates @glyphs, field by field (al_text_probe). */
static uint64_t glyphs_digest(const GArray *glyphs)
{
	uint64_t d = 0xcbf29ce484222325u;
	for (guint k = 0; k < glyphs->len; k++) {
		const glyph *g = &g_array_index(glyphs, glyph, k);
		int v[6] = { g->x0, g->y0, g->x1, g->y1, g->area, g->n };
		double f[8] = { g->sw, g->cv, g->fill, g->peak, g->solidity, g->multi,
		                g->frame, g->centre };
		d = fold_bytes(d, v, sizeof v);
		d = fold_bytes(d, f, sizeof f);
		d = fold_bytes(d, g->sig, sizeof g->sig);
	}
	return d;
}

/* The span of component @id along row @y (@lab, @n columns) of its box:
 * its first and last column into @lo and @hi (INT_MAX and -1 when it has
 * none), and the row into @top and @bottom of its columns where it is
 * the first and the last (rows come in order).  With masks, not branches,
 * so that gcc vectorises it. */
AL_CLONES static void plate_span(const int *restrict lab, int id, int n, int y,
                                 int *lo, int *hi, int *restrict top,
                                 int *restrict bottom)
{
	int l = INT_MAX, r = -1;
	for (int x = 0; x < n; x++) {
		int all = -(lab[x] == id);  /* 0 or all bits */
		int xl = (x & all) | (INT_MAX & ~all), xh = (x & all) | (-1 & ~all);
		int yl = (y & all) | (INT_MAX & ~all), tl = top[x];
		l = xl < l ? xl : l;
		r = xh > r ? xh : r;
		top[x] = yl < tl ? yl : tl;
		bottom[x] = (y & all) | (bottom[x] & ~all);
	}
	*lo = l;
	*hi = r;
}

/* scan_plate()'s two masks along the @n columns of row @y of a shape's
 * box.  On entry @own holds 1 where the pixel is visible and its colour
 * lies within ink_de of the dominant colour, @ink 1 where it lies beyond
 * (one answer per run of one RGBA).  @lab: the row's layer-1 labels; the
 * row's span (@lo, @hi) and the columns' (@top, @bottom) as in
 * scan_plate().  The decisions of the plain loop, without branches, so
 * that gcc vectorises them. */
AL_CLONES static void plate_row(const int *restrict lab, int id, int n, int y, int lo, int hi,
                      const int *restrict top, const int *restrict bottom,
                      uint8_t *restrict ink, uint8_t *restrict own)
{
	for (int x = 0; x < n; x++) {
		int l = lab[x], mine = l == id, none = l < 0;
		int inside = ((x > lo) & (x < hi)) | ((y > top[x]) & (y < bottom[x]));
		int rim = (x == lo) | (x == hi) | (y == top[x]) | (y == bottom[x]);
		own[x] = (uint8_t)(mine & own[x]);
		ink[x] = (uint8_t)(ink[x] & ((mine & !rim) | (none & inside)));
	}
}

/* scan_plate()'s third mask along @n columns of a row: on entry 1 where
 * the pixel's run passes (one RGBA: one answer), kept for the pixels of
 * component @id. */
AL_CLONES static void plate_far_row(const int *restrict lab, int id, int n, uint8_t *restrict ink)
{
	for (int x = 0; x < n; x++)
		ink[x] = (uint8_t)((lab[x] == id) & ink[x]);
}

/* Layer 2 inside the box of layer-1 component @id (or the whole image when
 * @labels1 is NULL). */
static void scan_plate(scan *s, const int *labels1, int id, int rx, int ry,
                       int rw, int rh)
{
	const al_measure *m = s->m;
	float dom[3];
	/* on a layer-1 shape: the first look's, when layer 1 is the same
	 * in its box (check()).  What scan_plate() reads of layer 1 there
	 * is which pixels are the shape's, which another's, which none's:
	 * with the image, the box and the parameters, that decides all it
	 * finds */
	guint g0 = s->memo.offers ? s->memo.offers->len : 0;
	if (labels1)
		l1_rows(s, ry, ry + rh);
	if (labels1 && memo_replay(s, rx, ry, rw, rh, MEMO_PLATE, NULL, 0, labels1, id))
		return;

	if (!s->plate_mask[0]) {
		size_t n = (size_t)m->width * m->height;
		s->plate_mask[0] = g_new(uint8_t, n);
		s->plate_mask[1] = g_new(uint8_t, n);
	}
	uint8_t *ink = s->plate_mask[0], *own = s->plate_mask[1];
	dominant_lab(s, labels1, id, rx, ry, rw, rh, dom);
	/* a shape's span per row and per column: the pixels between its
	 * first and last pixel of a row, or of a column, lie inside it (a
	 * letter cut out of a plate, the bay a letter cuts into its outline);
	 * the corners of its box outside it do not.  Rows: lo[y], hi[y];
	 * columns: top[x], bottom[x] */
	int *span = NULL, *lo = NULL, *hi = NULL, *top = NULL, *bottom = NULL;
	if (labels1) {
		span = g_new(int, 2 * ((size_t)rw + rh));
		lo = span;
		hi = lo + rh;
		top = hi + rh;
		bottom = top + rw;
		for (int k = 0; k < rh; k++) {
			lo[k] = INT_MAX;
			hi[k] = -1;
		}
		for (int k = 0; k < rw; k++) {
			top[k] = INT_MAX;
			bottom[k] = -1;
		}
		for (int y = 0; y < rh; y++)
			plate_span(labels1 + (size_t)(y + ry) * m->width + rx, id, rw, y,
			           &lo[y], &hi[y], top, bottom);
	}
	/* both masks in one pass: what differs from the dominant colour and,
	 * for a shape, the shape's own colour alone */
	for (int y = 0; y < rh && al__text_plain; y++) {
		float de = -1; /* for the current run of one RGBA */
		for (int x = 0; x < rw; x++) {
			size_t i = (size_t)(y + ry) * m->width + (x + rx);
			int j = y * rw + x;
			if (m->run[i] == 0)
				de = -1;
			ink[j] = own[j] = 0;
			/* other layer-1 shapes in the box were scanned already */
			if (labels1 && labels1[i] >= 0 && labels1[i] != id)
				continue;
			if (m->rgba[i * 4 + 3] < 128)
				continue;
			/* around a shape, only what lies inside it */
			if (labels1 && labels1[i] < 0 &&
			    !((x > lo[y] && x < hi[y]) || (y > top[x] && y < bottom[x])))
				continue;
			if (de < 0)
				de = al_de76(m->lab + i * 3, dom);
			own[j] = labels1 && labels1[i] == id && de <= s->ink_de;
			/* the shape's own anti-aliased rim is not ink: it would
			 * join the letters that reach it */
			ink[j] = de > s->ink_de &&
			         !(labels1 && labels1[i] == id &&
			           (x == lo[y] || x == hi[y] || y == top[x] || y == bottom[x]));
		}
	}
	/* the same with one alpha and one colour distance a run of one RGBA
	 * (m->run; the first column starts one), the rest per pixel without
	 * branches */
	for (int y = 0; y < rh && !al__text_plain; y++) {
		size_t i0 = (size_t)(y + ry) * m->width + rx;
		const uint8_t *run = m->run + i0;
		uint8_t *ik = ink + (size_t)y * rw, *ow = own + (size_t)y * rw;
		for (int x = 0, e; x < rw; x = e) {
			size_t i = i0 + (size_t)x;
			e = run_stop(run, x, rw);
			float de = m->rgba[i * 4 + 3] < 128 ? -1.0f : al_de76(m->lab + i * 3, dom);
			fill_run(ow + x, labels1 && de >= 0 && de <= s->ink_de, e - x);
			fill_run(ik + x, de >= 0 && de > s->ink_de, e - x);
		}
		if (labels1)
			plate_row(labels1 + i0, id, rw, y, lo[y], hi[y], top, bottom, ik, ow);
	}
	g_free(span);
	if (al__text_probe)
		*(labels1 ? &al__text_probe->shapes : &al__text_probe->whole) += 1;
	digest_mask(ink, (size_t)rw * rh);
	digest_mask(own, (size_t)rw * rh);
	/* inside a shape, letters may touch the edge of its box (a word
	 * wider than its plate, a letter cut into the plate's outline) */
	layer L = { rx, ry, rw, rh, ink, NULL };
	scan_layer(s, &L, labels1 ? 1 : 2, NULL, NULL);
	if (labels1) {
		/* dark letters that an outline or halo joins into one shape
		 * come apart in the shape's own colour */
		L.mask = own;
		scan_layer(s, &L, 2, NULL, NULL);
	}
	/* small letters that anti-aliasing joins: the pixels faint enough to
	 * be ink at ink_de bridge the gaps between them.  On one background
	 * colour, the shape's pixels at least half as far from it as the
	 * shape's dominant colour (the usual half-way threshold of a
	 * grey-level image) come apart into letters; they touch the box */
	float far = labels1 && s->flat_bg ? al_de76(dom, m->bg_lab) / 2 : 0;
	/* on transparency, layer 1 is alpha from ink_alpha: the half-way
	 * threshold is alpha 128 */
	bool opaque = labels1 && m->bg_kind == AL_BG_TRANSPARENT && s->ink_alpha < 128;
	if (far > s->ink_de || opaque) {
		for (int y = 0; y < rh && al__text_plain; y++) {
			float de = -1; /* for the current run of one RGBA */
			for (int x = 0; x < rw; x++) {
				size_t i = (size_t)(y + ry) * m->width + (x + rx);
				if (m->run[i] == 0)
					de = -1;
				bool in = labels1[i] == id && m->rgba[i * 4 + 3] >= 128;
				if (in && !opaque && de < 0)
					de = al_de76(m->lab + i * 3, m->bg_lab);
				ink[y * rw + x] = in && (opaque || de >= far);
			}
		}
		/* the same, one answer a run of one RGBA */
		for (int y = 0; y < rh && !al__text_plain; y++) {
			size_t i0 = (size_t)(y + ry) * m->width + rx;
			const uint8_t *run = m->run + i0;
			uint8_t *ik = ink + (size_t)y * rw;
			for (int x = 0, e; x < rw; x = e) {
				size_t i = i0 + (size_t)x;
				e = run_stop(run, x, rw);
				fill_run(ik + x, m->rgba[i * 4 + 3] >= 128 &&
				                 (opaque || al_de76(m->lab + i * 3, m->bg_lab) >= far),
				         e - x);
			}
			plate_far_row(labels1 + i0, id, rw, ik);
		}
		if (al__text_probe)
			al__text_probe->far++;
		digest_mask(ink, (size_t)rw * rh);
		L.mask = ink;
		scan_layer(s, &L, 0, NULL, NULL);
	}
	if (labels1)
		memo_keep(s, rx, ry, rw, rh, MEMO_PLATE, NULL, 0, id, g0);
}

static int uf_find(int *p, int i)
{
	while (p[i] != i)
		i = p[i] = p[p[i]];
	return i;
}

/* Mean ink difference per cell of @a's grid and @b's, @b mirrored left to
 * right and/or top to bottom as @flip says (bit 0: left-right, bit 1:
 * top-bottom), in 0..255. */
static double sig_diff(const glyph *a, const glyph *b, int flip)
{
	int diff = 0;

	for (int y = 0; y < SIG_H; y++)
		for (int x = 0; x < SIG_W; x++) {
			int bx = flip & 1 ? SIG_W - 1 - x : x;
			int by = flip & 2 ? SIG_H - 1 - y : y;
			diff += abs((int)a->sig[y * SIG_W + x] - (int)b->sig[by * SIG_W + bx]);
		}
	return (double)diff / (SIG_W * SIG_H);
}

/* The same shape drawn twice, give or take anti-aliasing: aspects within
 * 25 % and a mean ink difference per cell below 15 %.  With @mirrors, a
 * mirror image counts as the same shape too (the two ends of a slider, the
 * wings of a pictogram). */
static bool same_shape(const glyph *a, const glyph *b, bool mirrors)
{
	double aa = (double)(a->x1 - a->x0 + 1) / (a->y1 - a->y0 + 1);
	double ab = (double)(b->x1 - b->x0 + 1) / (b->y1 - b->y0 + 1);
	double r = aa > ab ? aa / ab : ab / aa;
	if (r >= 1.25)
		return false;
	for (int flip = 0; flip < (mirrors ? 4 : 1); flip++)
		if (sig_diff(a, b, flip) < 0.15 * 255)
			return true;
	return false;
}

static bool linked(const scan *s, const glyph *a, const glyph *b, double max_ratio,
                   double max_gap)
{
	int ha = a->y1 - a->y0 + 1, hb = b->y1 - b->y0 + 1;
	int lo = MIN(ha, hb), hi = MAX(ha, hb);
	if ((double)hi / lo > max_ratio)
		return false;
	int ov = MIN(a->y1, b->y1) - MAX(a->y0, b->y0) + 1;
	if (ov < 0.5 * lo)
		return false;
	const glyph *l = a->x0 <= b->x0 ? a : b, *r = a->x0 <= b->x0 ? b : a;
	int gap = r->x0 - l->x1 - 1;
	if (gap > max_gap * hi || gap < -0.3 * lo)
		return false;
	double sa = MAX(a->sw, 1.0), sb = MAX(b->sw, 1.0);
	(void)s;
	return (sa > sb ? sa / sb : sb / sa) <= 2.2;
}

/* Four doubles: one pixel's L*, a*, b* and weight in a summed-area table,
 * each lane what the plain code does to its channel (no contraction in
 * ISO C mode: the same bits). */
typedef double sat_v4 __attribute__((vector_size(32)));

/* Row @y of @m into the summed-area table's row @row (4 (w + 1)
 * doubles) from the one above, @prev: each entry its pixel's value (the
 * Lab and weight 1 of a visible background pixel, else 0) plus the one
 * above, plus the one left, less the one above that, in that order. */
AL_CLONES static void sat_row(const al_measure *m, int y, double *restrict row,
                              const double *restrict prev)
{
	int w = m->width;
	sat_v4 left = { 0, 0, 0, 0 }, ul;
	memcpy(row, &left, sizeof left);
	memcpy(&ul, prev, sizeof ul);
	for (int x = 0; x < w; x++) {
		size_t i = (size_t)y * w + x;
		sat_v4 v = { 0, 0, 0, 0 }, up;
		if (m->bgmask[i] && m->rgba[i * 4 + 3] >= 128)
			v = (sat_v4){ m->lab[i * 3], m->lab[i * 3 + 1], m->lab[i * 3 + 2], 1 };
		memcpy(&up, prev + ((size_t)x + 1) * 4, sizeof up);
		sat_v4 o = v + up + left - ul;
		memcpy(row + ((size_t)x + 1) * 4, &o, sizeof o);
		left = o;
		ul = up;
	}
}

/* Mean Lab of the background-region pixels within @r pixels of every pixel
 * (summed-area tables, so linear in the pixels): the local colour of a
 * gradient background, against which the counters of letters (enclosed,
 * so not in the background region) read as background.  Into @out, w*h*4
 * floats (L*, a*, b*, weight; weight 0 where no background is near).
 * With @out NULL, layer 1 on a mixed or drifting background into @mask
 * (w*h) at once, as find_candidates() makes it of @out: a pixel with
 * alpha from @amin outside the background region that lies beyond
 * @ink_de from its local colour (or has no background near); the local
 * colour is taken only for those pixels, the only ones whose colour
 * layer 1 reads (and none is kept). */
static void local_background(const al_measure *m, int r, float *out, int amin,
                             double ink_de, uint8_t *mask)
{
	int w = m->width, h = m->height;
	size_t W = (size_t)w + 1;
	/* the summed-area table's rows y0 and y1 of each output row, in a
	 * ring of 2r + 2 rows (the same sums, in the same order, as the whole
	 * table: the result is the same to the bit) */
	size_t R = MIN((size_t)2 * r + 2, (size_t)h + 1);
	double *sat = g_new0(double, W * R * 4);
	int done = 0;            /* SAT rows 0 .. done are in the ring */

#define SAT_ROW(k) (sat + ((size_t)(k) % R) * W * 4)
	for (int y = 0; y < h; y++) {
		int y0 = MAX(0, y - r), y1 = MIN(h, y + r + 1);
		/* SAT row done + 1 holds image row done */
		for (; done < y1; done++)
			sat_row(m, done, SAT_ROW(done + 1), SAT_ROW(done));
		const double *r0 = SAT_ROW(y0), *r1 = SAT_ROW(y1);
		for (int x = 0; x < w; x++) {
			size_t i = (size_t)y * w + x;
			if (!out && (m->rgba[i * 4 + 3] < amin || m->bgmask[i])) {
				mask[i] = 0;
				continue;
			}
			int x0 = MAX(0, x - r), x1 = MIN(w, x + r + 1);
			double s[4];
			for (int c = 0; c < 4; c++)
				s[c] = r1[(size_t)x1 * 4 + c] - r0[(size_t)x1 * 4 + c] -
				       r1[(size_t)x0 * 4 + c] + r0[(size_t)x0 * 4 + c];
			float here[4], *o = out ? out + i * 4 : here;
			for (int c = 0; c < 3; c++)
				o[c] = s[3] > 0.5 ? (float)(s[c] / s[3]) : 0.0f;
			o[3] = (float)s[3];
			if (!out)
				mask[i] = o[3] <= 0 || al_de76(m->lab + i * 3, o) > ink_de;
		}
	}
#undef SAT_ROW
	g_free(sat);
}

static int glyph_cmp(gconstpointer a, gconstpointer b)
{
	const glyph *x = a, *y = b;
	return x->x0 != y->x0 ? x->x0 - y->x0 : x->y0 - y->y0;
}

/* A chained line of candidates and what it looks like. */
typedef struct {
	al_region box;
	al_region inner;         /* the line without a taller shape at either
	                          * end (an icon beside a word); w 0: none */
	int clip_x0, clip_x1;    /* ... and the columns between those shapes */
	int members;
	bool word_like;          /* passes the detector's own line tests */
	bool readable;           /* worth reading with OCR (see chain_lines) */
	bool tracked;            /* holds letters tracked far apart
	                          * (tracked_links()) */
	al_text_arc arc;         /* its letters lie along a circle (line_arc());
	                          * r 0: not */
	al_region arc_box;       /* ... the box of all of them */
	bool script;             /* a line of script letters of mixed heights
	                          * (script_links()): read only when nothing
	                          * else was read */
} cand_line;

static int line_cmp(gconstpointer a, gconstpointer b)
{
	const cand_line *x = a, *y = b;
	/* script lines last (script_links()); lines that look like words
	 * first, then the larger */
	if (x->script != y->script)
		return x->script ? 1 : -1;
	if (x->word_like != y->word_like)
		return x->word_like ? -1 : 1;
	long ax = (long)x->box.w * x->box.h, ay = (long)y->box.w * y->box.h;
	if (ax != ay)
		return ax > ay ? -1 : 1;
	return x->box.y != y->box.y ? x->box.y - y->box.y : x->box.x - y->box.x;
}

/* Flags the candidates of @glyphs (sorted by glyph_cmp()) that lie inside
 * another's box (give or take a pixel) and are at least half as high: the
 * same letter seen twice (the outline of an outlined letter and its
 * inside, a letter and its counter), not a letter of its own.  Of two
 * that hold each other, the later one is flagged.  Returns k flags
 * (g_free()). */
static uint8_t *nested(GArray *glyphs)
{
	int k = (int)glyphs->len;
	uint8_t *inner = g_new0(uint8_t, MAX(k, 1));

	for (int i = 0; i < k; i++) {
		const glyph *a = &g_array_index(glyphs, glyph, i);
		int ha = a->y1 - a->y0 + 1;
		/* sorted by x0: a box that holds @a starts at most a pixel
		 * right of it */
		for (int j = 0; j < k && g_array_index(glyphs, glyph, j).x0 <= a->x0 + 1; j++) {
			const glyph *b = &g_array_index(glyphs, glyph, j);
			if (j == i || (inner[j] && j < i))
				continue;
			int hb = b->y1 - b->y0 + 1;
			if (b->x0 <= a->x0 + 1 && b->x1 >= a->x1 - 1 && b->y0 <= a->y0 + 1 &&
			    b->y1 >= a->y1 - 1 && 2 * ha >= hb) {
				bool mutual = a->x0 <= b->x0 + 1 && a->x1 >= b->x1 - 1 &&
				              a->y0 <= b->y0 + 1 && a->y1 >= b->y1 - 1;
				if (!mutual || j < i) {
					inner[i] = 1;
					break;
				}
			}
		}
	}
	return inner;
}

/* The box of the line @root of @glyphs (its members: the candidates
 * whose root in @parent it is, @inner ones aside) without its first or
 * last member when that one is more than END_TALLER times as high as the
 * median member: an icon beside a word, which OCR reads as a letter
 * ("A" in a triangle) and which spoils the word.  w 0 when no such member
 * is there, or what remains is fewer than 3 (and @min_glyphs) letters or
 * does not look like a word (chain_lines()). */
#define END_TALLER 1.45
static al_region line_inner(GArray *glyphs, int *parent, const uint8_t *inner,
                            int root, int min_glyphs, int *clip_x0, int *clip_x1)
{
	al_region none = { 0, 0, 0, 0 };
	int k = (int)glyphs->len, n = 0, first = -1, last = -1;
	int hs[64];

	for (int i = root; i < k; i++) {
		if (inner[i] || uf_find(parent, i) != root)
			continue;
		const glyph *g = &g_array_index(glyphs, glyph, i);
		if (n < 64)
			hs[n++] = g->y1 - g->y0 + 1;
		if (first < 0)
			first = i;      /* sorted by x0 */
		if (last < 0 || g->x1 > g_array_index(glyphs, glyph, last).x1)
			last = i;
	}
	if (n < 2)
		return none;
	/* the median height (insertion sort: n <= 64) */
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && hs[j - 1] > hs[j]; j--) {
			int t = hs[j];
			hs[j] = hs[j - 1];
			hs[j - 1] = t;
		}
	double med = hs[n / 2];
	const glyph *gf = &g_array_index(glyphs, glyph, first);
	const glyph *gl = &g_array_index(glyphs, glyph, last);
	bool drop_first = gf->y1 - gf->y0 + 1 > END_TALLER * med;
	bool drop_last = last != first && gl->y1 - gl->y0 + 1 > END_TALLER * med;
	if (!drop_first && !drop_last)
		return none;
	int members = 0, complex = 0, classes = 0, x0 = INT_MAX, y0 = INT_MAX, x1 = -1, y1 = -1;
	const glyph *rep[8];
	for (int i = root; i < k; i++) {
		if (inner[i] || uf_find(parent, i) != root ||
		    (drop_first && i == first) || (drop_last && i == last))
			continue;
		const glyph *g = &g_array_index(glyphs, glyph, i);
		members += g->n;
		complex += g->fill < 0.8 && (g->x1 - g->x0 + 1) >= 0.35 * (g->y1 - g->y0 + 1);
		bool known = false;
		for (int c = 0; c < classes && !known; c++)
			known = same_shape(rep[c], g, false);
		if (!known && classes < 8)
			rep[classes++] = g;
		x0 = MIN(x0, g->x0);
		y0 = MIN(y0, g->y0);
		x1 = MAX(x1, g->x1);
		y1 = MAX(y1, g->y1);
	}
	/* a word of three letters or more that looks like one (what is
	 * left of a picture is read as anything) */
	if (members < MAX(3, min_glyphs) || classes < 2 || complex < 2 || complex * 3 < members)
		return none;
	*clip_x0 = drop_first ? gf->x1 + 1 : 0;
	*clip_x1 = drop_last ? gl->x0 - 1 : INT_MAX - 1;
	return (al_region){ x0, y0, x1 - x0 + 1, y1 - y0 + 1 };
}

/* Candidates of @s chained into lines of @min_glyphs or more, into
 * @lines (of cand_line). */
/* Capitals tracked wide apart (a letter-spaced wordmark) stand farther
 * apart than max_gap, each alone.  Of the candidates that no other joins
 * (@parent: the union-find of chain_lines(); @inner as there) and that are
 * no bars, those with the same top and bottom rows (give or take a pixel)
 * and at most TRACKED_GAP of their height apart are joined, when at least
 * TRACKED_MIN of them make a row. */
static void tracked_links(const scan *s, int *parent, const uint8_t *inner,
                          double max_ratio, double max_gap, uint8_t *tracked)
{
	int k = (int)s->glyphs->len;
	int *size = g_new0(int, MAX(k, 1)), *alone = g_new(int, MAX(k, 1));
	int *row = g_new(int, MAX(k, 1));
	uint8_t *bar = g_new0(uint8_t, MAX(k, 1));
	int n = 0;

	for (int i = 0; i < k; i++)
		size[uf_find(parent, i)]++;
	for (int i = 0; i < k; i++) {
		const glyph *g = &g_array_index(s->glyphs, glyph, i);
		if (inner[i] || size[uf_find(parent, i)] != 1)
			continue;
		/* bars (an I, the sides of a tile) and blobs (a disc, a
		 * square) stand in such a row but do not make one; a heavy
		 * M or N fills 0.85 of its box, but not its convex hull */
		bar[n] = !((g->fill < 0.8 || g->solidity < SOLID) &&
		           g->x1 - g->x0 + 1 >= 0.35 * (g->y1 - g->y0 + 1));
		alone[n++] = i;
	}
	/* a second union-find over the lone ones (sorted by x0 as the
	 * glyphs are) */
	for (int i = 0; i < n; i++)
		row[i] = i;
	for (int i = 0; i < n; i++) {
		const glyph *a = &g_array_index(s->glyphs, glyph, alone[i]);
		int ha = a->y1 - a->y0 + 1;
		int edge = MAX(1, (int)lround(TRACKED_EDGE * ha));
		for (int j = i + 1; j < n; j++) {
			const glyph *b = &g_array_index(s->glyphs, glyph, alone[j]);
			if (b->x0 - a->x1 - 1 > TRACKED_GAP * ha + 1)
				break;
			if (abs(a->y0 - b->y0) > edge || abs(a->y1 - b->y1) > edge ||
			    !linked(s, a, b, max_ratio, MAX(max_gap, TRACKED_GAP)))
				continue;
			int ra = uf_find(row, i), rb = uf_find(row, j);
			if (ra != rb)
				row[MAX(ra, rb)] = MIN(ra, rb);
		}
	}
	memset(size, 0, sizeof(int) * MAX(k, 1));
	int *shapes = g_new0(int, MAX(n, 1));
	for (int i = 0; i < n; i++) {
		size[uf_find(row, i)]++;
		shapes[uf_find(row, i)] += !bar[i];
	}
	for (int i = 0; i < n; i++) {
		int r = uf_find(row, i);
		if (r != i && size[r] >= TRACKED_MIN && shapes[r] >= 2) {
			int ra = uf_find(parent, alone[r]), rb = uf_find(parent, alone[i]);
			if (ra != rb)
				parent[MAX(ra, rb)] = MIN(ra, rb);
			tracked[alone[r]] = tracked[alone[i]] = 1;
		}
	}
	g_free(shapes);
	g_free(bar);
	g_free(row);
	g_free(alone);
	g_free(size);
}

/* The angle of (@x, @y) around @a's centre from its top (dir 1) or
 * bottom (dir -1), growing left to right, in (-pi, pi]. */
static double arc_angle(const al_text_arc *a, double x, double y)
{
	double t = atan2(y - a->cy, x - a->cx) - (a->dir > 0 ? -G_PI_2 : G_PI_2);
	t = a->dir * t;
	while (t > G_PI)
		t -= 2 * G_PI;
	while (t <= -G_PI)
		t += 2 * G_PI;
	return t;
}

/* Whether the members of line @root (as in line_inner()) lie along a
 * circle, as letters set around a ring or a seal do: each turned by its
 * angle, so that OCR reads them poorly in a straight cut-out.  The circle
 * is fitted to their boxes' middles (least squares, Kasa's algebraic
 * fit); see ARC_* for what makes it an arc.  Candidates that lie on it
 * within ARC_NEAR heights, one letter and a max_gap from either end, and
 * of a height the line's letters could have, extend it: the letters
 * turned farthest overlap their neighbours' rows too little to be
 * linked.  Sets *@a (r 0: no arc) and grows @box by those candidates. */
static void line_arc(const scan *s, int *parent, const uint8_t *inner, int root,
                     al_text_arc *a, al_region *box)
{
	int k = (int)s->glyphs->len, n = 0;
	double px[64], py[64], ph[64];

	memset(a, 0, sizeof *a);
	for (int i = root; i < k && n < 64; i++) {
		if (inner[i] || uf_find(parent, i) != root)
			continue;
		const glyph *g = &g_array_index(s->glyphs, glyph, i);
		px[n] = (g->x0 + g->x1) / 2.0;
		py[n] = (g->y0 + g->y1) / 2.0;
		ph[n++] = g->y1 - g->y0 + 1;
	}
	if (n < ARC_MIN)
		return;
	/* Kasa: x^2 + y^2 + D x + E y + F = 0 by least squares, about the
	 * middles' mean */
	double mx = 0, my = 0;
	for (int i = 0; i < n; i++) {
		mx += px[i] / n;
		my += py[i] / n;
	}
	double M[3][4] = { { 0 } };
	for (int i = 0; i < n; i++) {
		double x = px[i] - mx, y = py[i] - my, z = x * x + y * y;
		double row[4] = { x, y, 1, -z };
		for (int r = 0; r < 3; r++)
			for (int c = 0; c < 4; c++)
				M[r][c] += row[r] * row[c];
	}
	/* Gaussian elimination with partial pivoting */
	for (int c = 0; c < 3; c++) {
		int p = c;
		for (int r = c + 1; r < 3; r++)
			if (fabs(M[r][c]) > fabs(M[p][c]))
				p = r;
		if (fabs(M[p][c]) < 1e-9)
			return;
		for (int q = 0; q < 4; q++) {
			double t = M[c][q];
			M[c][q] = M[p][q];
			M[p][q] = t;
		}
		for (int r = 0; r < 3; r++) {
			if (r == c)
				continue;
			double f = M[r][c] / M[c][c];
			for (int q = c; q < 4; q++)
				M[r][q] -= f * M[c][q];
		}
	}
	double D = M[0][3] / M[0][0], E = M[1][3] / M[1][1], F = M[2][3] / M[2][2];
	double r2 = D * D / 4 + E * E / 4 - F;
	if (r2 <= 0)
		return;
	al_text_arc t = { mx - D / 2, my - E / 2, sqrt(r2), 0, 0, 0, 0 };
	t.dir = t.cy > my ? 1 : -1;
	/* the letters' height: the boxes of letters turned little (a fifth
	 * of a right angle) are as high as they are; else the lowest box */
	double hs[64], lo = INFINITY, sq = 0;
	int nh = 0;
	double a0 = INFINITY, a1 = -INFINITY, mid = 0;
	for (int i = 0; i < n; i++) {
		double ang = arc_angle(&t, px[i], py[i]);
		double d = hypot(px[i] - t.cx, py[i] - t.cy) - t.r;
		sq += d * d;
		a0 = MIN(a0, ang);
		a1 = MAX(a1, ang);
		mid += ang / n;
		lo = MIN(lo, ph[i]);
		if (fabs(ang) <= G_PI / 10)
			hs[nh++] = ph[i];
	}
	for (int i = 1; i < nh; i++)
		for (int j = i; j > 0 && hs[j - 1] > hs[j]; j--) {
			double x = hs[j];
			hs[j] = hs[j - 1];
			hs[j - 1] = x;
		}
	t.h = nh ? hs[nh / 2] : lo;
	if (sqrt(sq / n) > ARC_FIT * t.h || t.r < ARC_MIN_R * t.h || t.r > ARC_MAX_R * t.h ||
	    fabs(mid) > ARC_TILT || a1 - a0 > 1.5 * G_PI)
		return;
	/* ... letters beyond its ends, on the circle */
	double step = (1 + s->max_gap) * t.h * s->max_ratio / t.r;
	int bx0 = box->x, by0 = box->y, bx1 = box->x + box->w - 1, by1 = box->y + box->h - 1;
	for (bool grew = true; grew;) {
		grew = false;
		for (int i = 0; i < k; i++) {
			const glyph *g = &g_array_index(s->glyphs, glyph, i);
			double x = (g->x0 + g->x1) / 2.0, y = (g->y0 + g->y1) / 2.0;
			double gh = g->y1 - g->y0 + 1, gw = g->x1 - g->x0 + 1;
			if (inner[i] || MAX(gh, gw) > s->max_ratio * t.h ||
			    MAX(gh, gw) * s->max_ratio < t.h ||
			    fabs(hypot(x - t.cx, y - t.cy) - t.r) > ARC_NEAR * t.h)
				continue;
			double ang = arc_angle(&t, x, y);
			if ((ang < a0 && ang >= a0 - step) || (ang > a1 && ang <= a1 + step)) {
				a0 = MIN(a0, ang);
				a1 = MAX(a1, ang);
				bx0 = MIN(bx0, g->x0);
				by0 = MIN(by0, g->y0);
				bx1 = MAX(bx1, g->x1);
				by1 = MAX(by1, g->y1);
				grew = true;
			}
		}
	}
	/* bowing off the chord between its ends */
	if (t.r * (1 - cos((a1 - a0) / 2)) < ARC_BOW * t.h || a1 - a0 > 1.5 * G_PI)
		return;
	t.a0 = a0;
	t.a1 = a1;
	*a = t;
	*box = (al_region){ bx0, by0, bx1 - bx0 + 1, by1 - by0 + 1 };
}

/* Joins in @parent the glyphs of @s (sorted by x0; @k of them, @inner:
 * nested ones, left out) that @pair links, looking right of each up to
 * @max_gap x its height x @reach.  True when any two were joined. */
static bool link_pairs(const scan *s, int *parent, const uint8_t *inner, int k,
                       bool (*pair)(const scan *, const glyph *, const glyph *,
                                    double, double),
                       double reach, double max_ratio, double max_gap)
{
	bool any = false;
	for (int i = 0; i < k; i++) {
		const glyph *a = &g_array_index(s->glyphs, glyph, i);
		int ha = a->y1 - a->y0 + 1;
		if (inner[i])
			continue;
		for (int j = i + 1; j < k; j++) {
			const glyph *b = &g_array_index(s->glyphs, glyph, j);
			if (inner[j])
				continue;
			/* sorted by x0: later ones only start further right */
			if (b->x0 - a->x1 - 1 > max_gap * ha * reach)
				break;
			if (pair(s, a, b, max_ratio, max_gap)) {
				int ra = uf_find(parent, i), rb = uf_find(parent, j);
				if (ra != rb) {
					parent[MAX(ra, rb)] = MIN(ra, rb);
					any = true;
				}
			}
		}
	}
	return any;
}

/* The line of the candidates of @s whose root in @parent is @root (@k
 * candidates, @inner and @tracked as in chain_lines()), appended to @lines
 * when it is one.  @normal: NULL, or the union-find of the lines of one
 * height (chain_lines()) when @parent is that of script_links(): then it
 * is a line only when it joins members of two or more of those, and is
 * marked as a script line. */
static void add_line(scan *s, int *parent, int *normal, const uint8_t *inner,
                     const uint8_t *tracked, int k, int root, int min_glyphs,
                     GArray *lines)
{
	int members = 0, complex = 0, letterish = 0, classes = 0, shapes = 0, sum_w = 0;
	bool joined = false, spaced = false, spans = false;
	int base = -1;
	int x0 = INT_MAX, y0 = INT_MAX, x1 = -1, y1 = -1;
	const glyph *rep[8], *mrep[8];
	for (int i = root; i < k; i++) {
		if (uf_find(parent, i) != root)
			continue;
		const glyph *g = &g_array_index(s->glyphs, glyph, i);
		members += g->n;
		joined |= g->n > 1;
		spaced |= tracked[i];
		if (normal) {
			int r = uf_find(normal, i);
			spans |= base >= 0 && r != base;
			base = r;
		}
		/* bars (l, I, 1, a window, a chart's column) are letters too,
		 * but a line of nothing else is not a word */
		bool cx = (g->fill < 0.8 || g->solidity < SOLID) &&
		          (g->x1 - g->x0 + 1) >= 0.35 * (g->y1 - g->y0 + 1);
		complex += cx;
		/* ... nor a blob (a disc, a triangle) */
		letterish += cx && g->solidity < SOLID && !convex_blob(g);
		sum_w += g->x1 - g->x0 + 1;
		x0 = MIN(x0, g->x0);
		y0 = MIN(y0, g->y0);
		x1 = MAX(x1, g->x1);
		y1 = MAX(y1, g->y1);
		bool known = false;
		for (int c = 0; c < classes && !known; c++)
			known = same_shape(rep[c], g, false);
		if (!known && classes < 8)
			rep[classes++] = g;
		known = false;
		for (int c = 0; c < shapes && !known; c++)
			known = same_shape(mrep[c], g, true);
		if (!known && shapes < 8)
			mrep[shapes++] = g;
	}
	if (members < min_glyphs || (normal && !spans))
		return;
	/* a script line holds small letters: two at least lower than its
	 * height by more than max_height_ratio (the pieces of a pictogram
	 * hang from its top one at a time) */
	if (normal) {
		int small = 0;
		for (int i = root; i < k; i++)
			if (uf_find(parent, i) == root) {
				const glyph *g = &g_array_index(s->glyphs, glyph, i);
				small += (g->y1 - g->y0 + 1) * s->max_ratio < y1 - y0 + 1 ? g->n : 0;
			}
		if (small < 2)
			return;
	}
	/* letters of a line sit side by side; shapes stacked on top of
	 * each other (arcs of a ring, faces of a cube) are a picture */
	if (sum_w > 1.3 * (x1 - x0 + 1))
		return;
	int cx0 = 0, cx1 = 0;
	al_region in = line_inner(s->glyphs, parent, inner, root, min_glyphs, &cx0, &cx1);
	al_text_arc arc;
	al_region arc_box = { x0, y0, x1 - x0 + 1, y1 - y0 + 1 };
	line_arc(s, parent, inner, root, &arc, &arc_box);
	cand_line l = {
		{ x0, y0, x1 - x0 + 1, y1 - y0 + 1 }, in, cx0, cx1, members,
		/* a row of copies (dots, hexagons) or of bars (a chart)
		 * is a picture, not a word; a script line is only read */
		!normal && classes >= 2 && complex >= 2 && complex * 3 >= members,
		/* OCR reads words into shapes too ("AA" in two triangles,
		 * "fit" in a slider, "Pale" in rain drops): a line is read
		 * only when one member at least is more than a bar or a
		 * blob, and its members are not all one shape, mirror
		 * images included (a grid of equal cells).  A shape of
		 * joined letters is read whatever its neighbours */
		joined || (letterish >= 1 && shapes >= 2),
		spaced,
		arc,
		arc_box,
		normal != NULL,
	};
	g_array_append_val(lines, l);
}

/* script_links(): script letters of mixed heights -- capitals and
 * ascenders on the baseline of small letters, descenders hanging from
 * their top -- stand more than max_height_ratio apart in height, up to
 * SCRIPT_RATIO, the smaller's bottom (or top) within SCRIPT_EDGE of its
 * height, at least a pixel, of the taller's */
#define SCRIPT_RATIO 3.5
#define SCRIPT_EDGE 0.25

/* @a and @b are letters of one script word whose heights differ more
 * than @max_ratio (see SCRIPT_RATIO): the smaller lies in the taller's
 * rows, on its baseline or hanging from its top, and the gap between them
 * is at most @max_gap of the taller's height. */
static bool script_linked(const scan *s, const glyph *a, const glyph *b,
                          double max_ratio, double max_gap)
{
	(void)s;
	int ha = a->y1 - a->y0 + 1, hb = b->y1 - b->y0 + 1;
	const glyph *t = ha >= hb ? a : b, *x = ha >= hb ? b : a;
	int ht = MAX(ha, hb), hx = MIN(ha, hb);
	if ((double)ht / hx <= max_ratio || (double)ht / hx > SCRIPT_RATIO)
		return false;
	int tol = MAX(1, (int)lround(SCRIPT_EDGE * hx));
	if (x->y0 < t->y0 - 1 || x->y1 > t->y1 + 1 ||
	    (abs(x->y1 - t->y1) > tol && abs(x->y0 - t->y0) > tol))
		return false;
	const glyph *l = a->x0 <= b->x0 ? a : b, *r = a->x0 <= b->x0 ? b : a;
	int gap = r->x0 - l->x1 - 1;
	if (gap > max_gap * ht || gap < -0.3 * hx)
		return false;
	double sa = MAX(a->sw, 1.0), sb = MAX(b->sw, 1.0);
	return (sa > sb ? sa / sb : sb / sa) <= 2.2;
}

/* Lines of script letters (script_linked()) that the lines of one height
 * (@parent, chain_lines()) split -- a capital apart from its small
 * letters, or not in a line at all -- appended to @lines as script lines:
 * read only when nothing else in the image was read as a word.  A taller
 * shape beside small letters is as often an icon, and the lines it would
 * join are read without it first. */
static void script_links(scan *s, int *parent, const uint8_t *inner,
                         const uint8_t *tracked, int k, double max_ratio,
                         double max_gap, int min_glyphs, GArray *lines)
{
	int *joint = g_new(int, MAX(k, 1));

	for (int i = 0; i < k; i++)
		joint[i] = uf_find(parent, i);
	bool any = link_pairs(s, joint, inner, k, script_linked, SCRIPT_RATIO, max_ratio,
	                      max_gap);
	for (int root = 0; root < k && any; root++)
		if (uf_find(joint, root) == root && !inner[root])
			add_line(s, joint, parent, inner, tracked, k, root, min_glyphs, lines);
	g_free(joint);
}

static void chain_lines(scan *s, double max_ratio, double max_gap,
                        int min_glyphs, GArray *lines)
{
	int k = (int)s->glyphs->len;
	int *parent = g_new(int, MAX(k, 1));

	g_array_sort(s->glyphs, glyph_cmp);
	uint8_t *inner = nested(s->glyphs);
	for (int i = 0; i < k; i++)
		parent[i] = i;
	link_pairs(s, parent, inner, k, linked, max_ratio, max_ratio, max_gap);
	uint8_t *tracked = g_new0(uint8_t, MAX(k, 1));
	tracked_links(s, parent, inner, max_ratio, max_gap, tracked);
	for (int root = 0; root < k; root++)
		if (uf_find(parent, root) == root && !inner[root])
			add_line(s, parent, NULL, inner, tracked, k, root, min_glyphs, lines);
	script_links(s, parent, inner, tracked, k, max_ratio, max_gap, min_glyphs, lines);
	g_free(tracked);
	g_free(inner);
	g_free(parent);
}

/* True when at least BG_DRIFT_SHARE of the background region's visible
 * pixels lie farther than half of @ink_de from the background colour: the
 * region grew over a glow or a gradient, and letters on it differ from
 * their surroundings, not from the border's colour. */
/* The bytes of @p[0 .. n) that are not 0: 32 at a time (a loop gcc
 * vectorises, for AVX2 too in bg_drifts()'s clone), then eight at a time
 * (a byte's high bit, after adding 0x7f to its low seven bits, or its
 * own), the rest one by one. */
static inline size_t count_set(const uint8_t *p, size_t n)
{
	const uint64_t low7 = 0x7f7f7f7f7f7f7f7fu, ones = 0x0101010101010101u;
	size_t k = 0, j = 0;
	for (; j + 32 <= n && !al__text_plain; j += 32) {
		unsigned c = 0;
		for (int q = 0; q < 32; q++)
			c += p[j + (size_t)q] != 0;
		k += c;
	}
	for (; j + 8 <= n && !al__text_plain; j += 8) {
		uint64_t v;
		memcpy(&v, p + j, 8);
		k += (size_t)((((((v & low7) + low7) | v) >> 7 & ones) * ones) >> 56);
	}
	for (; j < n; j++)
		k += p[j] != 0;
	return k;
}

AL_CLONES static bool bg_drifts(const al_measure *m, double ink_de)
{
	size_t n = (size_t)m->width * m->height, in = 0, far = 0;
	int w = m->width;

	/* by runs of one RGBA: one alpha, one colour, one answer */
	for (size_t i = 0, e; i < n && al__text_plain; i = e) {
		e = al_run_end(m, i, n);
		if (m->rgba[i * 4 + 3] < 128)
			continue;
		size_t k = count_set(m->bgmask + i, e - i);
		in += k;
		if (k && al_de76(m->lab + i * 3, m->bg_lab) > ink_de / 2)
			far += k;
	}
	/* the same by the stretches of background of each row (16 bytes at
	 * a time past the rest, where the short runs of letters and
	 * pictures are), each cut at the ends of the runs of one RGBA (rows
	 * end runs) */
	for (int y = 0; y < m->height && !al__text_plain; y++) {
		size_t i0 = (size_t)y * w;
		const uint8_t *bg = m->bgmask + i0;
		for (int a = al_next_set(bg, 0, w), b; a < w; a = al_next_set(bg, b, w)) {
			b = al_next_unset(bg, a, w);
			for (int x = a, e; x < b; x = e) {
				size_t i = i0 + (size_t)x;
				e = MIN(run_stop(m->run + i0, x, w), b);
				if (m->rgba[i * 4 + 3] < 128)
					continue;
				in += (size_t)(e - x);
				if (al_de76(m->lab + i * 3, m->bg_lab) > ink_de / 2)
					far += (size_t)(e - x);
			}
		}
	}
	if (al__text_probe) {
		al__text_probe->drift_in += in;
		al__text_probe->drift_far += far;
	}
	return in > 0 && far >= BG_DRIFT_SHARE * in;
}

/* The index of the candidate of box @b (image coordinates) among the
 * first @n candidates of @s, or -1. */
static int glyph_at(const scan *s, const al_region *b, guint n)
{
	for (guint k = 0; k < n; k++) {
		const glyph *g = &g_array_index(s->glyphs, glyph, k);
		if (g->x0 == b->x && g->y0 == b->y && g->x1 - g->x0 + 1 == b->w &&
		    g->y1 - g->y0 + 1 == b->h)
			return (int)k;
	}
	return -1;
}

/* True when candidate @i has a neighbour among the first @n candidates
 * of @s: one that joins it into a line (linked()), or, whatever its
 * height, lies beside it within max_gap of the taller one's height (a
 * word beside an icon).  What lies inside its box does not count. */
static bool has_neighbour(const scan *s, int i, guint n)
{
	const glyph *me = &g_array_index(s->glyphs, glyph, i);
	int hm = me->y1 - me->y0 + 1;

	for (guint k = 0; k < n; k++) {
		const glyph *g = &g_array_index(s->glyphs, glyph, k);
		if ((int)k == i || (g->x0 >= me->x0 && g->x1 <= me->x1 && g->y0 >= me->y0 &&
		                    g->y1 <= me->y1))
			continue;
		if (linked(s, me, g, s->max_ratio, s->max_gap))
			return true;
		/* a letter of a row tracked far apart (tracked_links()) */
		int edge = MAX(1, (int)lround(TRACKED_EDGE * hm));
		if (abs(g->y0 - me->y0) <= edge && abs(g->y1 - me->y1) <= edge &&
		    linked(s, me, g, s->max_ratio, MAX(s->max_gap, TRACKED_GAP)))
			return true;
		int hg = g->y1 - g->y0 + 1;
		int gap = MAX(g->x0 - me->x1, me->x0 - g->x1) - 1;
		if (MIN(g->y1, me->y1) >= MAX(g->y0, me->y0) && gap <= s->max_gap * MAX(hm, hg))
			return true;
	}
	return false;
}

/* The layer-1 component of @labels1 (image-sized) whose box is @b, or -1:
 * the label most of the box's pixels hold, when none of its pixels lies
 * in the ring of pixels just outside the box. */
static int component_at(scan *s, const int *labels1, const al_region *b)
{
	const al_measure *m = s->m;
	l1_rows(s, b->y - 1, b->y + b->h + 1); /* the box and its ring */
	int W = m->width, best = -1, best_n = 0, cur = -1, cur_n = 0;

	/* labels run in rows: count the longest label of the box by runs of
	 * one label in a small table of the labels seen; a run's count goes
	 * into the table when the run ends, not at every pixel */
	GHashTable *count = g_hash_table_new(g_direct_hash, g_direct_equal);
	for (int y = b->y; y < b->y + b->h; y++) {
		const int *row = labels1 + (size_t)y * W;
		/* a run of one label at once: its count passes the best
		 * along it when it does at its end */
		for (int x = b->x, e; x < b->x + b->w; x = e) {
			int l = row[x];
			e = al_label_run_end(row, x, b->x + b->w);
			if (l < 0)
				continue;
			if (l != cur) {
				if (cur >= 0)
					g_hash_table_insert(count, GINT_TO_POINTER(cur + 1),
					                    GINT_TO_POINTER(cur_n));
				cur = l;
				cur_n = GPOINTER_TO_INT(g_hash_table_lookup(count, GINT_TO_POINTER(l + 1)));
			}
			cur_n += e - x;
			if (cur_n > best_n) {
				best_n = cur_n;
				best = l;
			}
		}
	}
	g_hash_table_destroy(count);
	if (best < 0)
		return -1;
	/* the ring: the rows above and below the box whole, of the rows
	 * between them the columns left and right of it */
	for (int y = b->y - 1; y <= b->y + b->h; y++) {
		int step = y < b->y || y == b->y + b->h ? 1 : b->w + 1;
		if (y < 0 || y >= m->height)
			continue;
		for (int x = b->x - 1; x <= b->x + b->w; x += step)
			if (x >= 0 && x < W && labels1[(size_t)y * W + x] == best)
				return -1;
	}
	return best;
}

/* ring_look()'s first runs from the four sides of the w x h bytes @in
 * (0 or 1): along the middle 60 % of the rows, the length of the first
 * run of 1s met walking in from the left and from the right, and along
 * the middle 60 % of the columns, from the top and from the bottom; the
 * lengths that are not 0 into @runs (room for 2 (w + h)), in that order.
 * Returns how many.  Walking pixel by pixel: the plain reference of
 * side_runs(). */
static int side_runs_plain(const uint8_t *in, int w, int h, int *runs)
{
	int nr = 0;
	for (int y = h / 5; y < h - h / 5; y++) {
		const uint8_t *r = in + (size_t)y * w;
		int x = 0, len = 0;
		while (x < w && !r[x])
			x++;
		while (x < w && r[x])
			x++, len++;
		if (len)
			runs[nr++] = len;
		x = w - 1;
		len = 0;
		while (x >= 0 && !r[x])
			x--;
		while (x >= 0 && r[x])
			x--, len++;
		if (len)
			runs[nr++] = len;
	}
	for (int x = w / 5; x < w - w / 5; x++) {
		int y = 0, len = 0;
		while (y < h && !in[(size_t)y * w + x])
			y++;
		while (y < h && in[(size_t)y * w + x])
			y++, len++;
		if (len)
			runs[nr++] = len;
		y = h - 1;
		len = 0;
		while (y >= 0 && !in[(size_t)y * w + x])
			y--;
		while (y >= 0 && in[(size_t)y * w + x])
			y--, len++;
		if (len)
			runs[nr++] = len;
	}
	return nr;
}

/* The length of the first run of 1s of the @n bytes @p (0 or 1) met
 * walking from p[0] forward (@back false) or from p[n - 1] backward:
 * eight bytes at a time past 0s and through 1s. */
static int first_run(const uint8_t *p, int n, bool back)
{
	const uint64_t ones = 0x0101010101010101u;
	uint64_t v;
	int x = 0, x0;
	if (!back) {
		while (x + 8 <= n && (memcpy(&v, p + x, 8), v == 0))
			x += 8;
		while (x < n && !p[x])
			x++;
		for (x0 = x; x + 8 <= n && (memcpy(&v, p + x, 8), v == ones);)
			x += 8;
		while (x < n && p[x])
			x++;
		return x - x0;
	}
	/* x: the bytes before it are left to walk */
	for (x = n; x >= 8 && (memcpy(&v, p + x - 8, 8), v == 0);)
		x -= 8;
	while (x > 0 && !p[x - 1])
		x--;
	for (x0 = x; x >= 8 && (memcpy(&v, p + x - 8, 8), v == ones);)
		x -= 8;
	while (x > 0 && p[x - 1])
		x--;
	return x0 - x;
}

/* The first runs down (@up false) or up the columns c0 .. c1 - 1 of the
 * w x h bytes @in (0 or 1), their lengths into @len: all the columns a
 * row at a time (a walk down one column strides through the box), each
 * column's state in @st: 0 before its first run, 1 in it, 2 past it.
 * Stops when every column is past its first run. */
AL_CLONES static void first_runs_down(const uint8_t *in, int w, int h, int c0, int c1,
                                      bool up, uint8_t *restrict st, int *restrict len)
{
	int n = c1 - c0;
	memset(st, 0, (size_t)n);
	memset(len, 0, sizeof *len * (size_t)n);
	for (int k = 0; k < h; k++) {
		const uint8_t *restrict row = in + (size_t)(up ? h - 1 - k : k) * w + c0;
		/* without branches (vectorised): on a 1, state 0 becomes 1;
		 * on a 0, states 1 and 2 become 2 */
		for (int x = 0; x < n; x++) {
			uint8_t s = st[x], on = (uint8_t)-row[x];
			uint8_t t = (uint8_t)(((s | (s == 0)) & on) | (((s != 0) << 1) & ~on));
			st[x] = t;
			len[x] += t == 1;
		}
		/* every 16 rows: are all past their first run? */
		if ((k & 15) == 15) {
			int x = 0;
			while (x < n && st[x] == 2)
				x++;
			if (x == n)
				break;
		}
	}
}

/* side_runs_plain() by runs: rows eight bytes at a time (first_run()),
 * columns a row at a time (first_runs_down()); the same lengths in the
 * same order. */
static int side_runs(const uint8_t *in, int w, int h, int *runs)
{
	int nr = 0, c0 = w / 5, c1 = w - w / 5, n = MAX(c1 - c0, 0);
	for (int y = h / 5; y < h - h / 5; y++) {
		const uint8_t *r = in + (size_t)y * w;
		int a = first_run(r, w, false), b = first_run(r, w, true);
		if (a)
			runs[nr++] = a;
		if (b)
			runs[nr++] = b;
	}
	if (n == 0)
		return nr;
	uint8_t *st = g_new(uint8_t, n);
	int *top = g_new(int, 2 * (size_t)n), *bottom = top + n;
	first_runs_down(in, w, h, c0, c1, false, st, top);
	first_runs_down(in, w, h, c0, c1, true, st, bottom);
	for (int x = 0; x < n; x++) {
		if (top[x])
			runs[nr++] = top[x];
		if (bottom[x])
			runs[nr++] = bottom[x];
	}
	g_free(top);
	g_free(st);
	return nr;
}

/* A ring or round badge whose letters touch its inside is one component,
 * ring and letters, and passes for one big letter (an O).  Looks at the
 * component @id of @labels1 (box @b) with its outline peeled off: the
 * pixels farther from the outside of the shape (the background connected
 * to the box's sides, not its holes) than the outline is thick -- the
 * median length of the first run of ink met walking in from each side
 * along the middle 60 % of the box, plus a pixel of anti-aliasing.
 * What is found there is a candidate when at least two letters are,
 * each at least SOLID_LETTER as high as the shape, counting those inside
 * its box that other looks found (the letters that do not touch it). */
static void ring_look(scan *s, const int *labels1, int id, const al_region *b)
{
	const al_measure *m = s->m;
	int W = m->width, w = b->w, h = b->h;
	size_t n = (size_t)w * h;
	uint8_t *in = g_new(uint8_t, n);
	uint16_t *d = g_new(uint16_t, n);

	l1_rows(s, b->y, b->y + h);
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++)
			in[(size_t)y * w + x] = labels1[(size_t)(y + b->y) * W + x + b->x] == id;
	/* the outline's thickness: first runs from the four sides */
	int *runs = g_new(int, 2 * ((size_t)w + h));
	int nr = al__text_plain ? side_runs_plain(in, w, h, runs) : side_runs(in, w, h, runs);
	if (al__text_probe)
		al__text_probe->rings++;
	if (nr < 8) {
		g_free(runs);
		g_free(in);
		g_free(d);
		return;
	}
	/* the median, by counting (runs are at most w or h) */
	int depth = 0;
	{
		int top = MAX(w, h) + 1, *hist = g_new0(int, (size_t)top + 1), acc = 0;
		for (int k = 0; k < nr; k++)
			hist[MIN(runs[k], top)]++;
		for (depth = 0; depth <= top && (acc += hist[depth]) * 2 < nr; depth++)
			;
		g_free(hist);
	}
	g_free(runs);
	depth += 1;
	/* the outside: what is not the shape and joins the box's sides
	 * (4-connected), by a scan-line fill */
	uint8_t *out = g_new0(uint8_t, n);
	int *stack = g_new(int, n), sp = 0;
	for (int x = 0; x < w; x++) {
		stack[sp++] = x;
		stack[sp++] = (h - 1) * w + x;
	}
	for (int y = 0; y < h; y++) {
		stack[sp++] = y * w;
		stack[sp++] = y * w + w - 1;
	}
	while (sp > 0) {
		int i = stack[--sp];
		if (in[i] || out[i])
			continue;
		out[i] = 1;
		int x = i % w, y = i / w;
		if (x > 0 && !out[i - 1] && !in[i - 1] && sp < (int)n)
			stack[sp++] = i - 1;
		if (x < w - 1 && !out[i + 1] && !in[i + 1] && sp < (int)n)
			stack[sp++] = i + 1;
		if (y > 0 && !out[i - w] && !in[i - w] && sp < (int)n)
			stack[sp++] = i - w;
		if (y < h - 1 && !out[i + w] && !in[i + w] && sp < (int)n)
			stack[sp++] = i + w;
	}
	g_free(stack);
	/* chessboard distance from the outside (the box's own outside
	 * counts as outside too: the rim is 1 from it), by the shared
	 * vectorised transform of what is not outside; it is at most
	 * (min(w, h) + 1) / 2, so 16 bits hold it */
	for (size_t i = 0; i < n; i++)
		out[i] = !out[i];
	al_distance_chess(out, w, h, d);
	g_free(out);
	if (!s->plate_mask[0]) {
		size_t N = (size_t)m->width * m->height;
		s->plate_mask[0] = g_new(uint8_t, N);
		s->plate_mask[1] = g_new(uint8_t, N);
	}
	uint8_t *core = s->plate_mask[0];
	for (size_t i = 0; i < n; i++)
		core[i] = (uint8_t)(in[i] & (d[i] > depth));
	g_free(in);
	g_free(d);
	guint before = s->glyphs->len;
	layer L = { b->x, b->y, w, h, core, NULL };
	scan_layer(s, &L, 0, NULL, NULL);
	int found = 0;
	for (guint q = s->glyphs->len; q-- > 0;) {
		const glyph *g = &g_array_index(s->glyphs, glyph, q);
		int gh = g->y1 - g->y0 + 1;
		if (q >= before && gh < SOLID_LETTER * h)
			g_array_remove_index(s->glyphs, q);
		/* ... the letters that do not touch the ring are candidates
		 * already */
		else if (q >= before ||
		         (gh >= SOLID_LETTER * h && gh < h && g->x0 >= b->x &&
		          g->x1 < b->x + w && g->y0 >= b->y && g->y1 < b->y + h))
			found += g->n;
	}
	if (found < 2)
		g_array_set_size(s->glyphs, before);
}

/* Looks for candidates in every layer of the image (steps 1 and 2). */
static void find_candidates(scan *s)
{
	const al_measure *m = s->m;
	int w = m->width, h = m->height;
	size_t n = (size_t)w * h;
	uint8_t *mask = NULL;
	layer L1 = { 0 };
	GArray *plates = g_array_new(FALSE, FALSE, sizeof(plate));
	float *local = NULL;

	/* a background colour whose region drifts (a glow, a gradient that
	 * the region grew over) is judged locally, like a mixed one */
	if (s->memo.drifts < 0)
		s->memo.drifts = m->bg_kind == AL_BG_COLOR && bg_drifts(m, s->ink_de);
	bool drifts = s->memo.drifts;
	s->flat_bg = m->bg_kind == AL_BG_COLOR && !drifts;
	if ((m->bg_kind == AL_BG_MIXED || drifts) && al__text_plain) {
		local = g_new(float, n * 4);
		local_background(m, 8, local, 0, 0, NULL);
	}
	if (m->bg_kind != AL_BG_NONE) {
		mask = g_new(uint8_t, n);  /* every byte is written below */
		/* thin strokes on transparency are faint: a stroke of half a
		 * pixel is alpha 128 at best */
		int amin = m->bg_kind == AL_BG_TRANSPARENT ? (int)s->ink_alpha : 128;
		/* a mixed background (gradient, pattern) has no one colour:
		 * the background region grown from the border stands in */
		bool by_region = m->bg_kind == AL_BG_MIXED || drifts;
		if (by_region && !al__text_plain)
			local_background(m, 8, NULL, amin, s->ink_de, mask);
		/* ... the plain reference: the local colour of every pixel */
		for (size_t i = 0; i < n && by_region && al__text_plain; i++)
			mask[i] = m->rgba[i * 4 + 3] >= amin && !m->bgmask[i] &&
			          (!local || local[i * 4 + 3] <= 0 ||
			           al_de76(m->lab + i * 3, local + i * 4) > s->ink_de);
		/* else by runs of one RGBA: one alpha, one colour, one answer */
		for (size_t i = 0, e; i < n && !by_region; i = e) {
			e = al_run_end(m, i, n);
			if (m->rgba[i * 4 + 3] < amin)
				fill_run(mask + i, 0, e - i);
			else if (m->bg_kind == AL_BG_COLOR)
				fill_run(mask + i, al_de76(m->lab + i * 3, m->bg_lab) > s->flat_ink_de,
				         e - i);
			else
				fill_run(mask + i, 1, e - i);
		}
		/* the second look with the first look's layer 1 would find
		 * and read what the first did (check()) */
		if (s->memo.look == 1 && !al__text_fresh && s->memo.mask1 &&
		    memcmp(mask, s->memo.mask1, n) == 0) {
			s->memo.same = true;
			g_free(local);
			g_array_free(plates, TRUE);
			g_free(mask);
			return;
		}
		L1 = (layer){ 0, 0, w, h, mask, g_new(int, n) };
		GArray *solids = g_array_new(FALSE, FALSE, sizeof(plate));
		scan_layer(s, &L1, 0, plates, solids);
		for (guint k = 0; k < plates->len; k++) {
			const plate *p = &g_array_index(plates, plate, k);
			scan_plate(s, L1.labels, p->id, p->box.x, p->box.y, p->box.w,
			           p->box.h);
		}
		/* a dense letter with no other letter beside it may be a plate
		 * with letters cut out of it (some into its outline, so that
		 * its sides are not whole): look inside it too */
		guint n_layer = s->glyphs->len;
		GArray *gone = g_array_new(FALSE, FALSE, sizeof(int));
		for (guint k = 0; k < solids->len; k++) {
			const plate *p = &g_array_index(solids, plate, k);
			int i = glyph_at(s, &p->box, n_layer);
			if (i < 0 || has_neighbour(s, i, n_layer))
				continue;
			guint before = s->glyphs->len;
			scan_plate(s, L1.labels, p->id, p->box.x, p->box.y, p->box.w,
			           p->box.h);
			/* letters that fill a plate from side to side are not
			 * small beside it; a hatching's or a pattern's pieces are */
			for (guint q = s->glyphs->len; q-- > before;) {
				const glyph *g = &g_array_index(s->glyphs, glyph, q);
				if (g->y1 - g->y0 + 1 < SOLID_LETTER * p->box.h)
					g_array_remove_index(s->glyphs, q);
			}
			/* letters inside a letter-sized shape: it is their
			 * plate, not a letter (it would hold them as the same
			 * letter seen twice).  A shape of joined letters holds
			 * their counters; it stays */
			if (s->glyphs->len >= before + 2 &&
			    g_array_index(s->glyphs, glyph, i).n == 1)
				g_array_append_val(gone, i);
		}
		/* later indices first: n_layer and the indices stay valid */
		for (guint k = gone->len; k-- > 0;)
			g_array_remove_index(s->glyphs, (guint)g_array_index(gone, int, k));
		n_layer -= gone->len;
		g_array_free(gone, TRUE);
		/* a lone round shape as wide as high may be a ring whose
		 * letters touch its inside: look at it without its outline */
		for (guint k = 0; k < n_layer; k++) {
			glyph g = g_array_index(s->glyphs, glyph, k);
			int gw = g.x1 - g.x0 + 1, gh = g.y1 - g.y0 + 1;
			if (g.n != 1 || gh < RING_MIN_H || gw * RING_ASPECT < gh ||
			    gw > RING_ASPECT * gh || has_neighbour(s, (int)k, n_layer))
				continue;
			al_region b = { g.x0, g.y0, gw, gh };
			int id = component_at(s, L1.labels, &b);
			if (id >= 0)
				ring_look(s, L1.labels, id, &b);
		}
		g_array_free(solids, TRUE);
		l1_drop(s);
	}
	/* a gradient or photo: also look for letters that differ from the
	 * image's dominant colour (the background region may have swallowed
	 * low-contrast letters or be patchy) */
	if (m->bg_kind == AL_BG_MIXED)
		scan_plate(s, NULL, -1, 0, 0, w, h);
	g_free(local);
	g_array_free(plates, TRUE);
	/* the second look compares its layer 1 with it (scan_plate()) */
	if (s->memo.look == 0 && !s->memo.labels1 && mask) {
		s->memo.mask1 = g_steal_pointer(&mask);
		s->memo.labels1 = g_steal_pointer(&L1.labels);
	}
	g_free(L1.labels);
	g_free(mask);
}

static void scan_free(scan *s)
{
	g_array_free(s->glyphs, TRUE);
	g_free(s->cut.in);
	g_free(s->cut.dist);
	g_free(s->cut.cols);
	g_free(s->cut.top);
	g_free(s->cut.bottom);
	g_free(s->cut.hull);
	g_free(s->plate_mask[0]);
	g_free(s->plate_mask[1]);
	g_free(s->plate_labels);
	l1_drop(s);
	g_free(s->runs);
	g_free(s->first);
	g_free(s->bin_slot);
	if (s->bins)
		g_array_free(s->bins, TRUE);
	if (s->memo.entries) {
		g_array_free(s->memo.entries, TRUE);
		g_byte_array_free(s->memo.bytes, TRUE);
		g_array_free(s->memo.offers, TRUE);
	}
	g_free(s->memo.mask1);
	g_free(s->memo.labels1);
}

static int cmp_float(const void *a, const void *b)
{
	float x = *(const float *)a, y = *(const float *)b;
	return (x > y) - (x < y);
}

/* The margins OCR reads around line @box (@pad and @pad_x of its height,
 * as al_text_read_line() takes them) stop at a frame: walking out from
 * the line, the first column at which the ink met so far covers every row
 * of the cut-out (the side of a badge, a monitor or a ring around the
 * word, which OCR reads as "|" or "l"), then likewise the first row
 * above and below at which it covers every column; the cut-out ends a
 * pixel short of it (a frame line's faint edge).  Ink here is what stands
 * out from the line's ground (the median colour of the ring of pixels
 * around its box) a quarter as much as the line's own ink does: a plate
 * the letters lie on is ground.  On a transparent canvas, when most of
 * that ring is opaque (a plate under the line) and the margins above or
 * below the line reach the canvas, the canvas is ink too.
 * A letter the detector missed at the end of a word does not cover every
 * row.  Sets @o's clip. */
static void frame_clip(const scan *s, const al_region *box, al_text_read_opts *o)
{
	const al_measure *m = s->m;
	int h = box->h, W = m->width;
	int pad = MAX(2, (int)lround(o->pad * h)), pad_x = MAX(2, (int)lround(o->pad_x * h));
	int y0 = MAX(0, box->y - pad), y1 = MIN(m->height - 1, box->y + h - 1 + pad);
	int x0 = MAX(0, box->x - pad_x), x1 = MIN(W - 1, box->x + box->w - 1 + pad_x);
	int n = MAX(y1 - y0 + 1, x1 - x0 + 1);
	uint8_t *hit = g_new(uint8_t, n);

	/* the ground: the median colour of the ring of pixels just around the
	 * line's box (between and around its letters; a frame lies farther
	 * out), over white as m->lab is (transparent pixels are never ink
	 * here) */
	int gx0 = MAX(0, box->x - 1), gx1 = MIN(W - 1, box->x + box->w);
	int gy0 = MAX(0, box->y - 1), gy1 = MIN(m->height - 1, box->y + h);
	int n_rim = 2 * (gx1 - gx0 + 1) + 2 * (gy1 - gy0 + 1);
	float *ch = g_new(float, n_rim), ground[3];
	for (int c = 0; c < 3; c++) {
		int k = 0;
		for (int x = gx0; x <= gx1; x++) {
			ch[k++] = m->lab[((size_t)gy0 * W + x) * 3 + c];
			ch[k++] = m->lab[((size_t)gy1 * W + x) * 3 + c];
		}
		for (int y = gy0; y <= gy1; y++) {
			ch[k++] = m->lab[((size_t)y * W + gx0) * 3 + c];
			ch[k++] = m->lab[((size_t)y * W + gx1) * 3 + c];
		}
		qsort(ch, (size_t)k, sizeof *ch, cmp_float);
		ground[c] = ch[k / 2];
	}
	g_free(ch);
	/* ... and the line's ink: its farthest pixel from the ground */
	float far = 0;
	for (int y = box->y; y < box->y + h; y++)
		for (int x = box->x; x < box->x + box->w; x++) {
			size_t i = (size_t)y * W + x;
			if (m->rgba[i * 4 + 3] >= 128)
				far = MAX(far, al_de76(m->lab + i * 3, ground));
		}
	/* a quarter: the faint anti-aliased edge of a thin frame line too */
	float ink = MAX((float)s->ink_de, far / 4);
	/* a line on an opaque plate (most of the ring around it opaque) on a
	 * transparent canvas that the margins above or below the line reach
	 * (a badge as tight as the word): the canvas is the plate's frame.
	 * Read past it, the canvas, most of the cut-out's rim, becomes its
	 * ground and the plate its ink.  A plate with room above and below
	 * the word keeps the margins left and right of it, past its sides
	 * (clean_grey() in text_read.c whitens them there) */
	int opaque = 0;
	for (int x = gx0; x <= gx1; x++)
		opaque += (m->rgba[((size_t)gy0 * W + x) * 4 + 3] >= 128) +
		          (m->rgba[((size_t)gy1 * W + x) * 4 + 3] >= 128);
	for (int y = gy0; y <= gy1; y++)
		opaque += (m->rgba[((size_t)y * W + gx0) * 4 + 3] >= 128) +
		          (m->rgba[((size_t)y * W + gx1) * 4 + 3] >= 128);
	bool canvas = false;
	if (2 * opaque > n_rim)
		for (int y = y0; y <= y1 && !canvas; y++) {
			if (y == box->y)
				y = box->y + h;
			for (int x = box->x; x < box->x + box->w && y <= y1 && !canvas; x++)
				canvas = m->rgba[((size_t)y * W + x) * 4 + 3] < 128;
		}
#define FRAME_INK(x, y)                                                          \
	(m->rgba[((size_t)(y) * W + (x)) * 4 + 3] >= 128 ?                       \
	 al_de76(m->lab + ((size_t)(y) * W + (x)) * 3, ground) >= ink : canvas)

	o->clip_x0 = o->clip_x1 = o->clip_y0 = o->clip_y1 = 0;
	int cx0 = x0, cx1 = x1;
	for (int side = 0; side < 2; side++) {
		int step = side ? 1 : -1, from = side ? box->x + box->w : box->x - 1;
		int to = side ? x1 : x0, left = y1 - y0 + 1;
		memset(hit, 0, (size_t)n);
		for (int x = from; side ? x <= to : x >= to; x += step) {
			for (int y = y0; y <= y1; y++)
				if (!hit[y - y0] && FRAME_INK(x, y)) {
					hit[y - y0] = 1;
					left--;
				}
			/* a pixel more: the frame's faint edge */
			if (!left) {
				if (side)
					cx1 = MAX(box->x + box->w - 1, x - 2);
				else
					cx0 = MIN(box->x, x + 2);
				break;
			}
		}
	}
	int cy0 = y0, cy1 = y1;
	for (int side = 0; side < 2; side++) {
		int step = side ? 1 : -1, from = side ? box->y + h : box->y - 1;
		int to = side ? y1 : y0, left = cx1 - cx0 + 1;
		memset(hit, 0, (size_t)n);
		for (int y = from; side ? y <= to : y >= to; y += step) {
			for (int x = cx0; x <= cx1; x++)
				if (!hit[x - cx0] && FRAME_INK(x, y)) {
					hit[x - cx0] = 1;
					left--;
				}
			if (!left) {
				if (side)
					cy1 = MAX(box->y + h - 1, y - 2);
				else
					cy0 = MIN(box->y, y + 2);
				break;
			}
		}
	}
#undef FRAME_INK
	g_free(hit);
	if (cx0 != x0 || cx1 != x1) {
		o->clip_x0 = cx0;
		o->clip_x1 = cx1;
	}
	if (cy0 != y0 || cy1 != y1) {
		o->clip_y0 = cy0;
		o->clip_y1 = cy1;
	}
}

/* check()'s second look at pale letters: a shorter word is text only
 * from ocr_short_conf */
#define PALE_MIN_LETTERS 5

/* The longest run of letters in @read (UTF-8 bytes of letters outside
 * ASCII count as letters). */
static int longest_letters(const char *read)
{
	int best = 0, run = 0;
	for (const unsigned char *c = (const unsigned char *)read; *c; c++) {
		run = g_ascii_isalpha(*c) || *c >= 0x80 ? run + 1 : 0;
		best = MAX(best, run);
	}
	return best;
}

/* What this process sent to OCR (al_text_ocr_counts()). */
static int lines_read, ocr_calls;

/* One read of check(): the rectangle and what of the options changes
 * from read to read (the others come from the parameters).  The same
 * read cuts the same pixels out of the image the same way: OCR reads
 * them the same. */
typedef struct {
	al_region box;
	int clip_x0, clip_x1, clip_y0, clip_y1;
	double squeeze;
	bool other_ink;
	al_text_arc arc;         /* r 0: not along an arc */
} read_key;

static bool same_read(const read_key *a, const read_key *b)
{
	return a->box.x == b->box.x && a->box.y == b->box.y && a->box.w == b->box.w &&
	       a->box.h == b->box.h && a->clip_x0 == b->clip_x0 &&
	       a->clip_x1 == b->clip_x1 && a->clip_y0 == b->clip_y0 &&
	       a->clip_y1 == b->clip_y1 && a->squeeze == b->squeeze &&
	       a->other_ink == b->other_ink &&
	       a->arc.cx == b->arc.cx && a->arc.cy == b->arc.cy && a->arc.r == b->arc.r &&
	       a->arc.a0 == b->arc.a0 && a->arc.a1 == b->arc.a1 && a->arc.h == b->arc.h &&
	       a->arc.dir == b->arc.dir;
}

/* al_text_read_line() for check()'s look @pass: the first look keeps in
 * @nothing the reads that found no word; the second does not send them
 * to OCR again (it found nothing there before). */
static bool read_line(al_ocr *ocr, const al_measure *m, const al_region *at,
                      const al_text_read_opts *o, char *read, size_t read_len,
                      double *conf, int *calls, int pass, GArray *nothing)
{
	read_key k = { *at, o->clip_x0, o->clip_x1, o->clip_y0, o->clip_y1, o->squeeze,
	               o->other_ink, o->arc ? *o->arc : (al_text_arc){ 0 } };
	for (guint i = 0; pass && !al__text_fresh && i < nothing->len; i++)
		if (same_read(&k, &g_array_index(nothing, read_key, i))) {
			if (al__text_probe)
				al__text_probe->reads_kept++;
			return false;
		}
	bool got = al_text_read_line(ocr, m, at, o, read, read_len, conf, calls);
	if (!pass && !got)
		g_array_append_val(nothing, k);
	return got;
}

void al_text_ocr_counts(int *lines, int *calls)
{
	if (lines)
		*lines = g_atomic_int_get(&lines_read);
	if (calls)
		*calls = g_atomic_int_get(&ocr_calls);
}

static const char fix[] = "Remove words and letters from the image: the "
                          "marketplace shows the offer's name next to it";

/* Does the box @b of an image squeezed by @sx meet one of the boxes
 * @wide of the image itself? */
static bool meets_wide(const GArray *wide, int sx, const al_region *b)
{
	for (guint i = 0; i < wide->len; i++) {
		const al_region *r = &g_array_index(wide, al_region, i);
		if (r->x < (b->x + b->w) * sx && b->x * sx < r->x + r->w &&
		    r->y < b->y + b->h && b->y < r->y + r->h)
			return true;
	}
	return false;
}

/* Steps 1-4 on the measurements @m: of the image itself (@sx 1; @wide,
 * when not NULL, collects the first look's shapes too wide for letters),
 * or of the image squeezed sideways by @sx (only the first look, and only
 * its lines that meet one of the shapes @wide, in the image's pixels),
 * whose findings' boxes are widened back by @sx.  Returns the findings
 * made. */
static int look(al_ctx *ctx, const al_measure *m, al_ocr *ocr, int sx, GArray *wide)
{
	/* with OCR the candidate stage may be generous: what is not read as
	 * a word is dropped; alone, it must be strict */
	scan s = {
		.ctx = ctx, .m = m,
		.min_h = AL_PARAM(ctx, ocr ? "min_height" : "alone_min_height"),
		.max_h = AL_PARAM(ctx, "max_height") * m->height,
		.ink_de = AL_PARAM(ctx, "ink_de"),
		.ink_alpha = ocr ? AL_PARAM(ctx, "ink_alpha") : 128,
		.max_stroke = AL_PARAM(ctx, ocr ? "max_stroke" : "alone_max_stroke"),
		.max_cv = AL_PARAM(ctx, "max_stroke_cv"),
		.cv_quant = ocr ? AL_PARAM(ctx, "stroke_cv_px") : 0,
		.min_fill = AL_PARAM(ctx, "min_fill"),
		.max_aspect = AL_PARAM(ctx, "max_aspect"),
		/* without OCR to read them, joined shapes would be guesses */
		.joined_max_aspect = ocr ? AL_PARAM(ctx, "joined_max_aspect") : 0,
		.max_ratio = AL_PARAM(ctx, "max_height_ratio"),
		.max_gap = AL_PARAM(ctx, "max_gap"),
	};
	int min_glyphs = (int)AL_PARAM(ctx, ocr ? "min_glyphs" : "alone_min_glyphs");
	int max_findings = (int)AL_PARAM(ctx, "max_findings");
	const char *why;

	s.glyphs = g_array_new(FALSE, FALSE, sizeof(glyph));
	GArray *lines = g_array_new(FALSE, FALSE, sizeof(cand_line));
	int emitted = 0;
	/* on one background colour, an image where nothing was read is
	 * looked at again with layer 1 at flat_ink_de: thin pale letters,
	 * whose anti-aliased strokes lie less than ink_de from the ground,
	 * fall apart at ink_de.  Only again: at the lower threshold the
	 * faint edges of letters set close join them */
	double flat_ink_de = ocr && sx == 1 && m->bg_kind == AL_BG_COLOR ?
	                     AL_PARAM(ctx, "flat_ink_de") : s.ink_de;
	/* the second look takes from the first what does not depend on
	 * layer 1's threshold: scan_plate() on a shape around which layer 1
	 * is the same, a layer scanned inside a plate with the same mask
	 * (memo_replay()), and the reads that found nothing (read_line()).
	 * With the same layer 1 it would find and read what the first look
	 * did, nothing: it stops there */
	s.memo.drifts = -1;
	s.memo.look = flat_ink_de < s.ink_de ? 0 : -1;
	if (s.memo.look == 0) {
		s.memo.entries = g_array_new(FALSE, FALSE, sizeof(memo_entry));
		s.memo.bytes = g_byte_array_new();
		s.memo.offers = g_array_new(FALSE, FALSE, sizeof(glyph));
	}
	GArray *nothing = g_array_new(FALSE, FALSE, sizeof(read_key));
	for (int pass = 0; pass < 2; pass++) {
	if (pass && (emitted || flat_ink_de >= s.ink_de || al_ocr_lost(ocr)))
		break;
	s.flat_ink_de = pass ? flat_ink_de : s.ink_de;
	s.wide = pass || sx > 1 ? NULL : wide;
	if (pass)
		s.memo.look = 1;
	g_array_set_size(s.glyphs, 0);
	g_array_set_size(lines, 0);
	find_candidates(&s);
	if (al__text_probe)
		*(pass ? &al__text_probe->second : &al__text_probe->first) =
			s.memo.same ? al__text_probe->first : glyphs_digest(s.glyphs);
	if (al__text_probe)
		al__text_probe->same += s.memo.same;
	if (s.memo.same)
		break;

	/* step 3: candidates into lines */
	chain_lines(&s, s.max_ratio, s.max_gap, min_glyphs, lines);
	g_array_sort(lines, line_cmp);

	if (!ocr) {
		for (guint i = 0; i < lines->len && emitted < max_findings; i++) {
			const cand_line *l = &g_array_index(lines, cand_line, i);
			if (!l->word_like)
				continue;
			al_emit(ctx, AL_SEV_OFF, &l->box, true, l->members, min_glyphs,
			        "text: a line of %d letter-like shapes, %d px high at "
			        "(%d,%d) (a line is %d or more). %s",
			        l->members, l->box.h, l->box.x, l->box.y, min_glyphs, fix);
			emitted++;
		}
	} else {
		/* step 4: a line is text when OCR reads a word in it */
		al_text_read_opts o = {
			.target_height = AL_PARAM(ctx, "ocr_height"),
			.max_scale = AL_PARAM(ctx, "ocr_max_scale"),
			.max_height = AL_PARAM(ctx, "ocr_max_height"),
			.pad = AL_PARAM(ctx, "ocr_pad"),
			.pad_x = AL_PARAM(ctx, "ocr_pad_x"),
			.min_letters = (int)AL_PARAM(ctx, "ocr_min_letters"),
			.min_conf = AL_PARAM(ctx, "ocr_min_conf"),
			.reread_scale = AL_PARAM(ctx, "ocr_reread_scale"),
			.again_conf = AL_PARAM(ctx, "ocr_again_conf"),
			.short_conf = AL_PARAM(ctx, "ocr_short_conf"),
			.short_letters = (int)AL_PARAM(ctx, "ocr_short_letters"),
			.near_scale = AL_PARAM(ctx, "ocr_near_scale"),
			.twice_letters = (int)AL_PARAM(ctx, "ocr_twice_letters"),
			.alike_letters = (int)AL_PARAM(ctx, "ocr_alike_letters"),
			.thrice = AL_PARAM(ctx, "ocr_thrice") >= 0.5,
			.near_twice_letters = (int)AL_PARAM(ctx, "ocr_near_twice_letters"),
			.small_scale = AL_PARAM(ctx, "ocr_small_scale"),
			.small_conf = AL_PARAM(ctx, "ocr_small_conf"),
			.both_polarities = AL_PARAM(ctx, "ocr_both_polarities") >= 0.5,
		};
		int max_lines = (int)AL_PARAM(ctx, "ocr_max_lines");
		double squeeze = AL_PARAM(ctx, "ocr_tracked_gap");
		int n_read = 0, calls = 0;
		for (guint i = 0; i < lines->len && n_read < max_lines &&
		                  emitted < max_findings; i++) {
			const cand_line *l = &g_array_index(lines, cand_line, i);
			char read[64];
			double conf;
			if (!l->readable || (l->script && emitted))
				continue;
			/* squeezed, only the lines the wide shapes are in:
			 * the squeeze makes letters of more than these */
			if (sx > 1 && !meets_wide(wide, sx, &l->box))
				continue;
			n_read++;
			const al_region *at = &l->box;
			frame_clip(&s, at, &o);
			/* lower, the gaps are a pixel or two: rain streaks
			 * brought together read "fee" */
			o.squeeze = l->tracked && at->h >= TRACKED_SQUEEZE_MIN_H ? squeeze : 0;
			/* a pale word beside an icon of stronger ink is read
			 * in the grey of the ink lost (text_read.c); where the
			 * line has an icon at one end, in the rest alone, as
			 * below: the finding's box leaves the icon out */
			o.other_ink = l->inner.w == 0;
			bool got = read_line(ocr, m, at, &o, read, sizeof read, &conf,
			                     &calls, pass, nothing);
			/* an icon at one end of the line (taller than its
			 * letters) spoils the word: read the rest alone */
			if (!got && l->inner.w > 0 && n_read < max_lines) {
				n_read++;
				at = &l->inner;
				/* ... without the icon in its margins */
				al_text_read_opts oi = o;
				oi.other_ink = true;
				frame_clip(&s, at, &oi);
				oi.clip_x0 = MAX(oi.clip_x0, l->clip_x0);
				oi.clip_x1 = oi.clip_x1 > 0 ? MIN(oi.clip_x1, l->clip_x1) : l->clip_x1;
				got = read_line(ocr, m, at, &oi, read, sizeof read, &conf,
				                &calls, pass, nothing);
			}
			/* letters set along a circle, each turned by its angle:
			 * read them unrolled */
			if (!got && l->arc.r > 0 && n_read < max_lines) {
				n_read++;
				at = &l->arc_box;
				al_text_read_opts oa = o;
				oa.arc = &l->arc;
				got = read_line(ocr, m, at, &oa, read, sizeof read, &conf,
				                &calls, pass, nothing);
			}
			/* the second look's pixels near the ground hold JPEG
			 * ringing and faint watermarks too, which OCR reads
			 * as short words ("Lee.", "Ohl", "HOGa!"): there a word of
			 * fewer than PALE_MIN_LETTERS letters is text only
			 * when read surely; so in a script line, which joins
			 * the pieces of pictograms too ("lev@" in a row of
			 * icons) */
			if (got && (pass || l->script) &&
			    longest_letters(read) < PALE_MIN_LETTERS && conf < o.short_conf)
				got = false;
			if (!got)
				continue;
			if (sx == 1)
				al_emit(ctx, AL_SEV_OFF, at, true, conf, o.min_conf,
				        "text: reads \"%s\" in a line %d px high at (%d,%d) "
				        "(OCR confidence %.0f). %s",
				        read, at->h, at->x, at->y, conf, fix);
			else {
				al_region box = { at->x * sx, at->y, at->w * sx, at->h };
				al_emit(ctx, AL_SEV_OFF, &box, true, conf, o.min_conf,
				        "text: reads \"%s\" in a line %d px high at (%d,%d), "
				        "its letters stretched: read squeezed to 1/%d of its "
				        "width (OCR confidence %.0f). %s",
				        read, box.h, box.x, box.y, sx, conf, fix);
			}
			emitted++;
		}
		g_atomic_int_add(&lines_read, n_read);
		g_atomic_int_add(&ocr_calls, calls);
		/* the model is loaded by the first line read: a model file
		 * that is there but broken shows here */
		if ((why = al_ocr_lost(ocr)))
			al_emit(ctx, AL_SEV_INFO, NULL, false, 0, 0,
			        "text: checked without OCR: %s. The letter-shape detector "
			        "alone misses small and joined letters", why);
	}
	}
	g_array_free(lines, TRUE);
	g_array_free(nothing, TRUE);
	scan_free(&s);
	return emitted;
}

/* Is there a row of at least WIDE_ROW of the shapes @wide: heights within
 * @max_ratio of each other, overlapping rows by half the lower one? */
static bool wide_row(const GArray *wide, double max_ratio)
{
	for (guint i = 0; i < wide->len; i++) {
		const al_region *a = &g_array_index(wide, al_region, i);
		int n = 1;
		for (guint j = 0; j < wide->len && n < WIDE_ROW; j++) {
			const al_region *b = &g_array_index(wide, al_region, j);
			int lo = MIN(a->h, b->h), hi = MAX(a->h, b->h);
			int ov = MIN(a->y + a->h, b->y + b->h) - MAX(a->y, b->y);
			if (j != i && hi <= max_ratio * lo && 2 * ov >= lo)
				n++;
		}
		if (n >= WIDE_ROW)
			return true;
	}
	return false;
}

/* The image of @m squeezed sideways by @k: each pixel the mean of @k
 * columns (alpha-weighted colour).  Returns false when out of memory. */
static bool squeeze_image(const al_measure *m, int k, al_image *out)
{
	int w = m->width / k, h = m->height;
	*out = (al_image){ .width = w, .height = h };
	out->rgba = al_try_new(uint8_t, (size_t)w * h * 4);
	if (!out->rgba)
		return false;
	for (int y = 0; y < h; y++) {
		const uint8_t *src = m->rgba + (size_t)y * m->width * 4;
		uint8_t *dst = out->rgba + (size_t)y * w * 4;
		for (int x = 0; x < w; x++, src += 4 * k, dst += 4) {
			unsigned sum[4] = { 0 };
			for (int i = 0; i < k; i++) {
				unsigned a = src[4 * i + 3];
				for (int c = 0; c < 3; c++)
					sum[c] += src[4 * i + c] * a;
				sum[3] += a;
			}
			for (int c = 0; c < 3; c++)
				dst[c] = sum[3] ? (uint8_t)((sum[c] + sum[3] / 2) / sum[3]) : 0;
			dst[3] = (uint8_t)((sum[3] + k / 2) / k);
		}
	}
	return true;
}

static void check(al_ctx *ctx)
{
	const al_measure *m = ctx->m;
	const char *why = NULL;
	al_ocr *ocr = al_ocr_get(&why);
	double min_image_h = AL_PARAM(ctx, ocr ? "min_image_height" : "alone_min_image_height");
	int squeeze_max = (int)AL_PARAM(ctx, "squeeze_max");

	/* a build with OCR whose model is missing says so on every file it
	 * checks without it */
	if (!ocr && al_ocr_built_in())
		al_emit(ctx, AL_SEV_INFO, NULL, false, 0, 0,
		        "text: checked without OCR: %s. The letter-shape detector "
		        "alone misses small and joined letters", why);
	if ((size_t)m->width * m->height == 0 || m->height < min_image_h) {
		al_ocr_put(ocr);
		return;
	}
	/* a wordmark exported at the wrong aspect ratio has letters too wide
	 * to be letters: where nothing was read and a row of such shapes
	 * stands, the image is read again squeezed sideways by 2, then 3 */
	GArray *wide = ocr && squeeze_max >= 2 ? g_array_new(FALSE, FALSE, sizeof(al_region))
	                                       : NULL;
	int emitted = look(ctx, m, ocr, 1, wide);
	bool nomem = false;
	if (!emitted && wide && !al_ocr_lost(ocr) && wide_row(wide, AL_PARAM(ctx, "max_height_ratio"))) {
		for (int k = 2; k <= squeeze_max && !emitted && !nomem && !al_ocr_lost(ocr) &&
		                m->width / k >= min_image_h; k++) {
			al_image img;
			al_measure sm;
			if (!squeeze_image(m, k, &img))
				nomem = true;
			else if (al_measure_compute(&sm, &img, ctx->opts) != AL_OK)
				nomem = true;
			else {
				emitted = look(ctx, &sm, ocr, k, wide);
				al_measure_clear(&sm);
			}
			g_free(img.rgba);
		}
	}
	if (nomem)
		al_check_failed(ctx, "out of memory for the image of %d x %d pixels squeezed "
		                "sideways", m->width, m->height);
	if (wide)
		g_array_free(wide, TRUE);
	al_ocr_put(ocr);
}

const al_rule al_rule_text = {
	.id = "text",
	.stage = AL_STAGE_PIXELS,
	.roles = AL_ROLES_LOGOS | AL_ROLES_HERO,
	.severity = AL_SEV_ERROR,
	.summary = "the image contains text",
	.help = "Remove words and letters; the marketplace shows your name next to the logo.",
	.params = params,
	.n_params = G_N_ELEMENTS(params),
	.check = check,
};
