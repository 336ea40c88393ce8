/* The per-file mark summary kept for the set rules after the pixels are
 * freed: the foreground's bounding box, its aspect ratio, and a small
 * thumbnail of the box (mean CIELAB and foreground coverage per cell).
 * The thumbnail is normalised to the box, so the same artwork exported at
 * 40, 90 or 115 px gives nearly the same thumbnail, and a mark stretched
 * to another aspect ratio gives the same thumbnail as the unstretched one
 * (the distortion rule relies on that).  The box is also split at its
 * widest gap into two parts (a mark beside or above a word), each with
 * its own box and comparison-grid thumbnail.  Described in assetlint(1),
 * man/parts/55-rules-set.roff. */
#include <math.h>
#include <string.h>
#include "al_internal.h"
#include "regions.h"

/* Comparison grid: the AL_THUMB grid pooled POOL x POOL, so that the
 * blur of anti-aliasing and a one-pixel shift of the box at 40 px do not
 * count as a different design. */
#define POOL 2
#define CMP_N (AL_THUMB / POOL)
G_STATIC_ASSERT(AL_THUMB % POOL == 0);
G_STATIC_ASSERT(CMP_N == AL_MARK_CMP);

/* Overlap of the pixel [p, p+1) with the interval [a, b). */
static inline double overlap(int p, double a, double b)
{
	double lo = MAX((double)p, a), hi = MIN((double)p + 1.0, b);
	return hi > lo ? hi - lo : 0.0;
}

/* The overlaps of the pixel columns floor(@x0) .. (below ceil(@x1) and
 * @width) with [@x0, @x1), into @ox (room for @width); returns how many.
 * The resampling loops take a cell's column weights from here once, not
 * once per row: the same doubles, summed in the same order. */
static int col_overlaps(double x0, double x1, int width, double *ox)
{
	int n = 0;
	for (int x = (int)floor(x0); x < (int)ceil(x1) && x < width; x++)
		ox[n++] = overlap(x, x0, x1);
	return n;
}

/* col_overlaps() of each of @ncx cells of width @cw side by side from
 * column @x (cell cx spans [x + cx cw, x + (cx + 1) cw)), worked out once
 * for all the rows of cells: cell cx's overlaps are ox[off[cx]] ..
 * ox[off[cx] + nx[cx] - 1], of the columns from xs[cx] -- the doubles
 * col_overlaps() gives for that cell.  Of those, [lo[cx], hi[cx]) is the
 * run of columns wholly inside the cell (overlap exactly 1: the cell's
 * inner columns, (p + 1) - p), where the resampling loops skip the
 * multiplications by 1 (see whole_run()). */
typedef struct {
	double *ox;
	int *xs, *nx, *off, *lo, *hi;
} col_table;

/* The run of exact ones in @ox[0..n) that starts at the first one:
 * [*lo, *hi), empty (n, n) when there is none. */
static void whole_run(const double *ox, int n, int *lo, int *hi)
{
	int a = 0;
	while (a < n && ox[a] != 1.0)
		a++;
	int b = a;
	while (b < n && ox[b] == 1.0)
		b++;
	*lo = a;
	*hi = b;
}

static void col_table_make(col_table *t, int x, double cw, int ncx, int width)
{
	/* a cell meets at most ceil(cw) + 2 columns, and the image's */
	int per = MAX(MIN(width, (int)ceil(cw) + 3), 1), pos = 0, nc = MAX(ncx, 1);
	t->ox = g_new(double, (size_t)nc * per);
	t->xs = g_new(int, 5 * (size_t)nc);
	t->nx = t->xs + nc;
	t->off = t->nx + nc;
	t->lo = t->off + nc;
	t->hi = t->lo + nc;
	for (int cx = 0; cx < ncx; cx++) {
		double x0 = x + cx * cw, x1 = x + (cx + 1) * cw;
		t->xs[cx] = (int)floor(x0);
		t->off[cx] = pos;
		t->nx[cx] = col_overlaps(x0, x1, width, t->ox + pos);
		whole_run(t->ox + pos, t->nx[cx], &t->lo[cx], &t->hi[cx]);
		pos += t->nx[cx];
	}
}

static void col_table_clear(col_table *t)
{
	g_free(t->ox);
	g_free(t->xs);
}

/* Foreground pixels per row (@rows) or column of the box @b. */
static void profile(const al_measure *m, const al_region *b, bool rows, int *out)
{
	int n = rows ? b->h : b->w, w = b->w;
	memset(out, 0, sizeof(int) * (size_t)n);
	/* counted without branches, so that gcc vectorises both loops */
	for (int y = b->y; y < b->y + b->h; y++) {
		const uint8_t *restrict bg = m->bgmask + (size_t)y * m->width + b->x;
		if (rows) {
			int k = 0;
			for (int x = 0; x < w; x++)
				k += bg[x] == 0;
			out[y - b->y] = k;
		} else {
			int *restrict o = out;
			for (int x = 0; x < w; x++)
				o[x] += bg[x] == 0;
		}
	}
}

/* profile() of both the rows (@pr) and the columns (@pc) of the box @b,
 * in one pass over it. */
static void profile_both(const al_measure *m, const al_region *b, int *pr, int *pc)
{
	memset(pc, 0, sizeof(int) * (size_t)b->w);
	for (int y = b->y; y < b->y + b->h; y++) {
		const uint8_t *restrict bg = m->bgmask + (size_t)y * m->width + b->x;
		int *restrict o = pc;
		int k = 0;
		for (int x = 0; x < b->w; x++) {
			k += bg[x] == 0;
			o[x] += bg[x] == 0;
		}
		pr[y - b->y] = k;
	}
}

/* Test hook: profile_both(). */
void al__mark_profile_both(const al_measure *m, const al_region *b, int *pr, int *pc);
void al__mark_profile_both(const al_measure *m, const al_region *b, int *pr, int *pc)
{
	profile_both(m, b, pr, pc);
}

/* Trims one axis of the box: a thin band (at most @band entries) that lies
 * within @near of the image's edge and is cut from the rest by a gap of
 * nearly empty rows/columns (at most @thin pixels: a frame line on the
 * perpendicular edge crosses every row) is a frame line or stray edge
 * pixels, not the mark.
 * @p: profile over [0, len); off and len: the range, updated. */
static bool trim_axis(const int *p, int *off, int *len, int img_len,
                      int band, int near, int thin)
{
	int lo = 0, hi = *len - 1;
	bool changed = false;
	if (*off <= near) {
		for (int e = lo + 1; e <= MIN(lo + band, hi); e++)
			if (p[e] <= thin) {
				while (e <= hi && p[e] <= thin)
					e++;
				if (e <= hi) {
					lo = e;
					changed = true;
				}
				break;
			}
	}
	if (*off + *len - 1 >= img_len - 1 - near) {
		for (int e = hi - 1; e >= MAX(hi - band, lo); e--)
			if (p[e] <= thin) {
				while (e >= lo && p[e] <= thin)
					e--;
				if (e >= lo) {
					hi = e;
					changed = true;
				}
				break;
			}
	}
	*off += lo;
	*len = hi - lo + 1;
	return changed;
}

/* Drops a seam at either end of one axis of the box: a band of at most
 * @band entries, cut from the rest by an entry of at most @thin pixels,
 * that holds a line across at least AL_MARK_SEAM_SPAN of the image
 * (@img_perp: its other side) and no more foreground than AL_MARK_SEAM_W
 * such lines (a line and the arcs of rounded corners, not a bar).  Where
 * a tile cut by the canvas on two opposite sides meets the page on the
 * other two (two background colours in the border ring), the
 * anti-aliased or JPEG-rung line between the two colours joins neither
 * and stays foreground from edge to edge of the canvas, however far from
 * the edge the tile ends; the mark stands between such lines.  Called
 * only on such a border (mixed model).
 * @p: profile over [0, len); off and len: the range, updated. */
static bool trim_seams(const int *p, int *off, int *len, int img_perp,
                       int band, int thin)
{
	int lo = 0, hi = *len - 1;
	for (int end = 0; end < 2; end++) {
		int dir = end ? -1 : 1, e = end ? hi : lo, n = 0, top = 0, sum = 0;
		while (e >= lo && e <= hi && p[e] > thin && n <= band) {
			top = MAX(top, p[e]);
			sum += p[e];
			n++;
			e += dir;
		}
		if (n == 0 || n > band || e < lo || e > hi ||
		    top < AL_MARK_SEAM_SPAN * img_perp || sum > AL_MARK_SEAM_W * img_perp)
			continue;
		while (e >= lo && e <= hi && p[e] <= thin)
			e += dir;
		if (e < lo || e > hi)
			continue;
		if (end)
			hi = e;
		else
			lo = e;
	}
	if (lo == 0 && hi == *len - 1)
		return false;
	*off += lo;
	*len = hi - lo + 1;
	return true;
}

/* Drops the empty entries at both ends of the profile @p over [0, *len)
 * (moving *off); the range keeps at least one entry. */
static void tighten_axis(const int *p, int *off, int *len)
{
	int lo = 0, hi = *len - 1;
	while (lo < hi && p[lo] == 0)
		lo++;
	while (hi > lo && p[hi] == 0)
		hi--;
	*off += lo;
	*len = hi - lo + 1;
}

/* The foreground's box without frame lines and stray pixels along the
 * image's edge (anti-aliased borders, one-pixel outlines), which exports of
 * the same logo have at some sizes and not at others.  A band dropped on
 * one axis can leave the other axis's ends empty (a page margin left on
 * two sides of a tile, the tile's colour taken for the background: the
 * top band spans the width, the side band the rows below it): the box is
 * tightened to its foreground after each trim, so that the ends are not
 * kept for lying too far from the edge to be trimmed. */
static al_region mark_box(const al_measure *m)
{
	al_region b = m->fg_bbox;
	int *p = g_new(int, 2 * (size_t)MAX(m->width, m->height)), *pc = p + MAX(m->width, m->height);
	int near_x = MAX(2, m->width / 25), near_y = MAX(2, m->height / 25);
	int band_x = MAX(1, m->width / 12), band_y = MAX(1, m->height / 12);
	for (int it = 0; it < 4; it++) {
		bool changed = false;
		/* the columns' profile too: the one trimmed next when the
		 * rows' trim leaves the box as it is */
		profile_both(m, &b, p, pc);
		changed |= trim_axis(p, &b.y, &b.h, m->height, band_y, near_y,
		                     b.w / 25);
		if (changed) {
			profile(m, &b, false, p);
			tighten_axis(p, &b.x, &b.w);
			profile(m, &b, false, pc);
		}
		bool cx = trim_axis(pc, &b.x, &b.w, m->width, band_x, near_x,
		                    b.h / 25);
		if (cx) {
			profile(m, &b, true, p);
			tighten_axis(p, &b.y, &b.h);
		}
		changed |= cx;
		/* seams across the canvas (counted over the whole canvas: a
		 * trim of the other axis may have cut their ends), then the
		 * other axis tightened; only on a border of two colours (a
		 * thin bar across a one-colour or transparent canvas, a 40-px
		 * export's rule above a word, is the mark's) */
		al_region cols = { b.x, 0, b.w, m->height }, rows = { 0, b.y, m->width, b.h };
		bool seams = m->bg_kind == AL_BG_MIXED;
		if (seams)
			profile(m, &cols, false, p);
		if (seams && trim_seams(p, &b.x, &b.w, m->height, band_x, m->height / 25)) {
			profile(m, &b, true, p);
			tighten_axis(p, &b.y, &b.h);
			changed = true;
		}
		if (seams)
			profile(m, &rows, true, p);
		if (seams && trim_seams(p, &b.y, &b.h, m->width, band_y, m->width / 25)) {
			profile(m, &b, false, p);
			tighten_axis(p, &b.x, &b.w);
			changed = true;
		}
		if (!changed)
			break;
	}
	g_free(p);
	return b;
}

/* Four doubles: a cell's weighted L*, a*, b* and its weight sum (lane 3). */
typedef double mk_v4d __attribute__((vector_size(32)));
typedef float mk_v4f __attribute__((vector_size(16)));

/* { L*, a*, b*, 1 } of pixel @k of the interleaved Lab row @lab of @n
 * pixels, as doubles: the 16 bytes from it converted (the next pixel's
 * L* in lane 3, replaced by 1) but for the row's last pixel, whose 16
 * bytes may run past the image.  A macro: a function returning the
 * vector would change the ABI between clones. */
#define LAB_ONE(lab, k, n)                                                            \
	__extension__({                                                               \
		const float *l_ = (lab) + (size_t)(k) * 3;                            \
		mk_v4f f_;                                                            \
		if ((k) + 1 < (n))                                                    \
			memcpy(&f_, l_, sizeof f_);                                   \
		else                                                                  \
			f_ = (mk_v4f){ l_[0], l_[1], l_[2], 0.0f };                   \
		mk_v4d d_ = __builtin_convertvector(f_, mk_v4d);                      \
		d_[3] = 1.0;                                                          \
		d_;                                                                   \
	})

/* Pixels [@from, @to) of row_sum() below: w * { L*, a*, b*, 1 } added,
 * w = @oy * @ox[k]. */
static inline void row_part(mk_v4d *acc, const float *lab, const double *ox, int from,
                            int to, int n, double oy)
{
	mk_v4d a = *acc;
	for (int k = from; k < to; k++) {
		double w = oy * ox[k];
		a += (mk_v4d){ w, w, w, w } * LAB_ONE(lab, k, n);
	}
	*acc = a;
}

/* One pixel row's share of a cell: adds w * { L*, a*, b*, 1 } of each of
 * the @n pixels at @lab (interleaved Lab), w = @oy * @ox[k], to @acc (lane
 * 3 the area).  Lane by lane the plain loop's operations in its order
 * (w * 1 is w), so the same bits; in the AVX2 clones of its callers
 * (AL_CLONES) the four lanes are one instruction.  On a row wholly in
 * the cell (@oy 1), the pixels of [@lo, @hi) (ox[k] 1: see col_table)
 * have w = 1 * 1 = 1 and w * v = v exactly: added without the product. */
static inline void row_sum(mk_v4d *acc, const float *lab, const double *ox, int n,
                           double oy, int lo, int hi)
{
	if (oy != 1.0)
		lo = hi = n;
	row_part(acc, lab, ox, 0, lo, n, oy);
	/* lane 3 (the area) kept apart, the other three lanes taking the
	 * pixel's 16 bytes as they are: one conversion and one addition;
	 * the row's last pixel (whose 16 bytes may run past the image) is
	 * left to row_part() */
	int end = MIN(hi, n - 1), k = lo;
	mk_v4d a = *acc;
	double area = a[3];
	for (; k < end; k++) {
		mk_v4f f;
		memcpy(&f, lab + (size_t)k * 3, sizeof f);
		a += __builtin_convertvector(f, mk_v4d);
		area += 1.0;
	}
	a[3] = area;
	*acc = a;
	row_part(acc, lab, ox, k, n, n, oy);
}

/* row_sum() of the foreground pixels only (@bg: the row's background
 * mask), each weighted by its alpha (@rgba: the row's RGBA), lane 3 the
 * coverage; returns @area plus every pixel's weight. */
static inline double row_sum_fg(mk_v4d *acc, const float *lab, const uint8_t *bg,
                                const uint8_t *rgba, const double *ox, int n, double oy,
                                double area)
{
	mk_v4d a = *acc;
	for (int k = 0; k < n; k++) {
		double w = oy * ox[k];
		area += w;
		if (bg[k])
			continue;
		/* a half-transparent edge pixel is half a pixel of the mark,
		 * and its colour (shown over white) is half-washed: weight
		 * both by alpha */
		double fw = w * rgba[(size_t)k * 4 + 3] / 255.0;
		a += (mk_v4d){ fw, fw, fw, fw } * LAB_ONE(lab, k, n);
	}
	*acc = a;
	return area;
}

/* Cells resample_xy() sums side by side (a strip's longest row). */
#define RESAMPLE_BAND AL_MARK_STRIP_MAX

/* Area-average resampling of the box @bb into @n x @n cells (@out: L*,
 * a*, b*, coverage per cell): every cell covers bb->w / n by bb->h / n
 * source pixels (fractions at the cell's edges are weighted by their
 * overlap), so it downsamples big marks and upsamples marks smaller than
 * the grid without aliasing.  Returns the sum of the cells' coverage. */
AL_CLONES static double resample_xy(const al_measure *m, const al_region *bb, int ncx,
                                    int ny, float (*out)[4])
{
	double cw = (double)bb->w / ncx, ch = (double)bb->h / ny;
	double total_cov = 0;
	col_table ct;
	col_table_make(&ct, bb->x, cw, ncx, m->width);
	/* A row of cells at a time, a pixel row across all its cells at a
	 * time (RESAMPLE_BAND cells at most): each cell still sums its
	 * rows, and each row's pixels, in the order above, so its doubles
	 * are the same, but the cells' sums, each a chain of dependent
	 * additions, run side by side instead of one after the other. */
	mk_v4d acc[RESAMPLE_BAND];
	double area[RESAMPLE_BAND];
	for (int cy = 0; cy < ny; cy++) {
		double y0 = bb->y + cy * ch, y1 = bb->y + (cy + 1) * ch;
		for (int c0 = 0; c0 < ncx; c0 += RESAMPLE_BAND) {
			int c1 = MIN(ncx, c0 + RESAMPLE_BAND);
			for (int cx = c0; cx < c1; cx++) {
				acc[cx - c0] = (mk_v4d){ 0, 0, 0, 0 };
				area[cx - c0] = 0;
			}
			for (int y = (int)floor(y0); y < (int)ceil(y1) && y < m->height; y++) {
				double oy = overlap(y, y0, y1);
				for (int cx = c0; cx < c1; cx++) {
					size_t row = (size_t)y * m->width + ct.xs[cx];
					area[cx - c0] = row_sum_fg(&acc[cx - c0], m->lab + row * 3,
					                           m->bgmask + row, m->rgba + row * 4,
					                           ct.ox + ct.off[cx], ct.nx[cx], oy,
					                           area[cx - c0]);
				}
			}
			for (int cx = c0; cx < c1; cx++) {
				double cov = acc[cx - c0][3];
				double lab[3] = { acc[cx - c0][0], acc[cx - c0][1], acc[cx - c0][2] };
				float *cell = out[cy * ncx + cx];
				for (int c = 0; c < 3; c++)
					cell[c] = cov > 0 ? (float)(lab[c] / cov) : 0.0f;
				cell[3] = area[cx - c0] > 0 ? (float)(cov / area[cx - c0]) : 0.0f;
				total_cov += cell[3];
			}
		}
	}
	col_table_clear(&ct);
	return total_cov;
}

static double resample(const al_measure *m, const al_region *bb, int n,
                       float (*out)[4])
{
	return resample_xy(m, bb, n, n, out);
}

/* Test hook: resample_xy() itself (tests/test_mark.c checks it against
 * the plain loop that takes each cell's column overlaps anew). */
double al__mark_resample(const al_measure *m, const al_region *bb, int ncx, int ny,
                         float (*out)[4]);
double al__mark_resample(const al_measure *m, const al_region *bb, int ncx, int ny,
                         float (*out)[4])
{
	return resample_xy(m, bb, ncx, ny, out);
}

/* The strip of a long box (see al_mark.strip): square cells, AL_MARK_CMP
 * across the short side. */
static void mark_strip(al_mark *mark, const al_measure *m, const al_region *bb)
{
	double a = (double)bb->w / bb->h;
	bool vert = a <= 1.0 / AL_MARK_STRIP_ASPECT;
	mark->strip_n = 0;
	if (!vert && a < AL_MARK_STRIP_ASPECT)
		return;
	double len = AL_MARK_CMP * (vert ? 1.0 / a : a);
	int n = (int)lround(MIN(len, (double)AL_MARK_STRIP_MAX));
	mark->strip_n = n;
	mark->strip_vertical = vert;
	resample_xy(m, bb, vert ? AL_MARK_CMP : n, vert ? n : AL_MARK_CMP, mark->strip);
}

/* The widest run of empty entries of @p[0..len) strictly inside the
 * profile (foreground on both sides); its start in @at.  0 when none. */
static int widest_gap(const int *p, int len, int *at)
{
	int best = 0;
	*at = 0;
	for (int i = 1; i < len - 1; i++) {
		if (p[i] != 0 || p[i - 1] == 0)
			continue;
		int e = i;
		while (e < len && p[e] == 0)
			e++;
		if (e < len && e - i > best) {
			best = e - i;
			*at = i;
		}
		i = e;
	}
	return best;
}

/* The foreground's tight box within @b (w = 0 when none). */
static al_region tight(const al_measure *m, al_region b)
{
	int x0 = b.x + b.w, x1 = b.x - 1, y0 = b.y + b.h, y1 = b.y - 1;
	for (int y = b.y; y < b.y + b.h; y++)
		for (int x = b.x; x < b.x + b.w; x++)
			if (!m->bgmask[(size_t)y * m->width + x]) {
				x0 = MIN(x0, x);
				x1 = MAX(x1, x);
				y0 = MIN(y0, y);
				y1 = MAX(y1, y);
			}
	al_region r = { 0, 0, 0, 0 };
	if (x1 >= x0) {
		r.x = x0;
		r.y = y0;
		r.w = x1 - x0 + 1;
		r.h = y1 - y0 + 1;
	}
	return r;
}

/* Splits the box @bb at its widest gap of empty columns or rows (the wider
 * of the two, at least AL_MARK_MIN_GAP): a mark beside a word, or above
 * it.  Each side, tightened to its foreground, becomes a part. */
static bool seen_on_box(const al_measure *m, const al_region *bb, float out[3]);
static void seen_part_box(const al_measure *m, al_mark_part *p, al_region *r);
static void mark_parts(al_mark *mark, const al_measure *m, const al_region *bb)
{
	int *pc = g_new(int, bb->w), *pr = g_new(int, bb->h);
	int ax, ay;
	profile_both(m, bb, pr, pc);
	int gx = widest_gap(pc, bb->w, &ax), gy = widest_gap(pr, bb->h, &ay);
	mark->n_parts = 0;
	if (MAX(gx, gy) < AL_MARK_MIN_GAP)
		goto out;
	al_region side[AL_MARK_PARTS] = { *bb, *bb };
	if (gx >= gy) {
		side[0].w = ax;
		side[1].x = bb->x + ax + gx;
		side[1].w = bb->w - ax - gx;
	} else {
		side[0].h = ay;
		side[1].y = bb->y + ay + gy;
		side[1].h = bb->h - ay - gy;
	}
	for (int k = 0; k < AL_MARK_PARTS; k++) {
		al_region r = tight(m, side[k]);
		if (r.w < 3 || r.h < 3)
			continue;
		al_mark_part *p = &mark->part[mark->n_parts];
		p->bbox = r;
		p->aspect = (double)r.w / r.h;
		p->has_seen_on = seen_on_box(m, &r, p->seen_on);
		if (p->has_seen_on)
			seen_part_box(m, p, &r);
		if (resample(m, &r, AL_MARK_CMP, p->cells) > 0)
			mark->n_parts++;
	}
out:
	g_free(pc);
	g_free(pr);
}

/* The box @bb of @m as shown (CIELAB over white, background included),
 * area-averaged into CMP_N x CMP_N cells. */
AL_CLONES static void lab_grid(const al_measure *m, const al_region *bb,
                               float out[CMP_N * CMP_N][3])
{
	double cw = (double)bb->w / CMP_N, ch = (double)bb->h / CMP_N;
	col_table ct;
	col_table_make(&ct, bb->x, cw, CMP_N, m->width);
	/* a pixel row across the row of cells at a time, as resample_xy() */
	mk_v4d acc[CMP_N];
	for (int cy = 0; cy < CMP_N; cy++) {
		double y0 = bb->y + cy * ch, y1 = bb->y + (cy + 1) * ch;
		for (int cx = 0; cx < CMP_N; cx++)
			acc[cx] = (mk_v4d){ 0, 0, 0, 0 };
		for (int y = (int)floor(y0); y < (int)ceil(y1) && y < m->height; y++) {
			double oy = overlap(y, y0, y1);
			for (int cx = 0; cx < CMP_N; cx++)
				row_sum(&acc[cx], m->lab + ((size_t)y * m->width + ct.xs[cx]) * 3,
				        ct.ox + ct.off[cx], ct.nx[cx], oy, ct.lo[cx], ct.hi[cx]);
		}
		for (int cx = 0; cx < CMP_N; cx++) {
			double area = acc[cx][3], lab[3] = { acc[cx][0], acc[cx][1], acc[cx][2] };
			for (int c = 0; c < 3; c++)
				out[cy * CMP_N + cx][c] = area > 0 ? (float)(lab[c] / area) : 0.0f;
		}
	}
	col_table_clear(&ct);
}

/* Test hook: lab_grid(). */
void al__mark_lab_grid(const al_measure *m, const al_region *bb, float out[CMP_N * CMP_N][3]);
void al__mark_lab_grid(const al_measure *m, const al_region *bb, float out[CMP_N * CMP_N][3])
{
	lab_grid(m, bb, out);
}

/* The whole canvas as shown (CIELAB over white, background included),
 * area-averaged into CMP_N x CMP_N cells: a tile that fills the canvas
 * is compared through it when its colour was taken for the background. */
static void canvas_grid(const al_measure *m, float out[CMP_N * CMP_N][3])
{
	/* Without the rim of other colour around such a tile (the real
	 * background showing in its margin and corners): the outermost rows
	 * and columns that are mostly foreground or frame line (a margin of
	 * 2-3 px around a square tile is taken for a frame around a
	 * background of the tile's colour), at most an eighth of the canvas
	 * per side. */
	int in[AL_SIDES] = { 0, 0, 0, 0 };
	for (int side = 0; side < AL_SIDES; side++) {
		bool rows = side == AL_SIDE_TOP || side == AL_SIDE_BOTTOM;
		int len = rows ? m->width : m->height, depth = rows ? m->height : m->width;
		for (int k = 0; k < depth / 8; k++) {
			int line = side == AL_SIDE_TOP || side == AL_SIDE_LEFT ? k : depth - 1 - k;
			int fg = 0;
			for (int t = 0; t < len; t++) {
				size_t i = rows ? (size_t)line * m->width + t
				                : (size_t)t * m->width + line;
				fg += m->bgmask[i] != 1;
			}
			if (2 * fg < len)
				break;
			in[side]++;
		}
	}
	al_region all = { in[AL_SIDE_LEFT], in[AL_SIDE_TOP],
	                  m->width - in[AL_SIDE_LEFT] - in[AL_SIDE_RIGHT],
	                  m->height - in[AL_SIDE_TOP] - in[AL_SIDE_BOTTOM] };
	lab_grid(m, &all, out);
}

static void pool(const float (*thumb)[4], float out[CMP_N * CMP_N][4]);
static bool informative(const float (*thumb)[4]);
static bool tile_colour(const float (*cells)[4], bool full[CMP_N * CMP_N],
                        float tile[3]);

/* The end of the stretch that foreground pixel @i starts in its row: the
 * first pixel after it, before @end (at most its row's end), that is
 * background or not of the RGBA of the one left of it (m->run; 0 at a
 * row's start).  Every pixel of [@i, end) has @i's RGBA and so its Lab.
 * Eight pixels at a time while none is background and each repeats. */
static size_t same_fg_end(const al_measure *m, size_t i, size_t end)
{
	size_t e = i + 1;
	for (uint64_t b, r; e + 8 <= end; e += 8) {
		memcpy(&b, m->bgmask + e, 8);
		memcpy(&r, m->run + e, 8);
		if (b || ((r - 0x0101010101010101u) & ~r & 0x8080808080808080u))
			break;
	}
	while (e < end && !m->bgmask[e] && m->run[e])
		e++;
	return e;
}

/* The end of the stretch that pixel @i starts in its row, background or
 * not: the first pixel after it, before @end (at most its row's end),
 * not of the RGBA of the one left of it (m->run).  Every pixel of
 * [@i, end) has @i's RGBA and so its Lab.  Eight at a time while each
 * repeats. */
static size_t same_rgba_end(const al_measure *m, size_t i, size_t end)
{
	size_t e = i + 1;
	for (uint64_t r; e + 8 <= end; e += 8) {
		memcpy(&r, m->run + e, 8);
		if ((r - 0x0101010101010101u) & ~r & 0x8080808080808080u)
			break;
	}
	while (e < end && m->run[e])
		e++;
	return e;
}

/* Whether the (2 @r + 1)-square of pixels centred on pixel @i (the
 * square inside the image; @r at most 3) holds background: each of its
 * rows' mask bytes read as one word -- eight bytes, those past the square
 * masked off, but for a square at the image's last pixel, whose eighth
 * byte would lie past the mask. */
static bool square_has_bg(const al_measure *m, size_t i, int r)
{
	/* from ones + 8 - side: side bytes 0xff, then 0 */
	static const uint8_t ones[16] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	const size_t side = 2 * (size_t)r + 1;
	const uint8_t *q = m->bgmask + i - (size_t)r * m->width - r;
	uint64_t any = 0, keep, v;
	/* the last word's eighth byte: q + 2r rows + 7 */
	if (i + (size_t)r * m->width - r + 7 < (size_t)m->width * m->height) {
		for (size_t dy = 0; dy < side; dy++) {
			memcpy(&v, q + dy * m->width, 8);
			any |= v;
		}
	} else {
		for (size_t dy = 0; dy < side; dy++) {
			v = 0;
			memcpy(&v, q + dy * m->width, side);
			any |= v;
		}
	}
	memcpy(&keep, ones + 8 - side, 8);
	return (any & keep) != 0;
}

/* Test hook: square_has_bg(). */
bool al__mark_square_has_bg(const al_measure *m, size_t i, int r);
bool al__mark_square_has_bg(const al_measure *m, size_t i, int r)
{
	return square_has_bg(m, i, r);
}

/* The tile's soft edge: over the box @bb (one byte a pixel, row-major,
 * g_free), the foreground pixels at least AL_MARK_VISIBLE_DE from the tile
 * colour @t that are joined (8-connected, through such pixels) to the
 * background or to the box's edge.  A tile resampled with soft edges, or
 * a JPEG's ringing along them, leaves a band 3 or 4 pixels wide that
 * passes the rim test in places; what is drawn on the tile is parted from
 * its outside by the tile colour. */
static uint8_t *tile_edge(const al_measure *m, const al_region *bb, const float t[3])
{
	size_t n = (size_t)bb->w * bb->h;
	uint8_t *e = g_new0(uint8_t, n);
	int *q = g_new(int, n);
	size_t head = 0, tail = 0;
	for (int y = 0; y < bb->h; y++)
		for (int x = 0; x < bb->w; x++) {
			size_t row = (size_t)(bb->y + y) * m->width + bb->x, i = row + (size_t)x;
			if (m->bgmask[i])
				continue;
			/* near the tile colour: so is the stretch of its RGBA
			 * (same_fg_end()) */
			if (al_de76(m->lab + i * 3, t) < AL_MARK_VISIBLE_DE) {
				x = (int)(same_fg_end(m, i, row + (size_t)bb->w) - row) - 1;
				continue;
			}
			bool seed = x == 0 || y == 0 || x == bb->w - 1 || y == bb->h - 1 ||
			            square_has_bg(m, i, 1);
			if (seed) {
				e[(size_t)y * bb->w + x] = 1;
				q[tail++] = y * bb->w + x;
			}
		}
	while (head < tail) {
		int k = q[head++], x = k % bb->w, y = k / bb->w;
		for (int dy = -1; dy <= 1; dy++)
			for (int dx = -1; dx <= 1; dx++) {
				int nx = x + dx, ny = y + dy;
				if (nx < 0 || ny < 0 || nx >= bb->w || ny >= bb->h)
					continue;
				size_t j = (size_t)ny * bb->w + nx;
				if (e[j])
					continue;
				size_t i = (size_t)(bb->y + ny) * m->width + bb->x + nx;
				if (m->bgmask[i] || al_de76(m->lab + i * 3, t) < AL_MARK_VISIBLE_DE)
					continue;
				e[j] = 1;
				q[tail++] = (int)j;
			}
	}
	g_free(q);
	return e;
}

/* A tile's content (al_mark.inner): inside the box @bb, the pixels whose
 * (2 * AL_MARK_TILE_RIM + 1)-square neighbourhood is all foreground (not
 * the tile's anti-aliased or ringing rim) and that lie at least
 * AL_MARK_VISIBLE_DE from the tile colour.  Their box, when it is not
 * the whole tile, is resampled over the tile: the symbol and word on an
 * app icon, to be matched with a smaller logo that shows the symbol
 * alone.  A long content box takes over the strip. */
/* The colour of a tile known by its rim: a mark that fills its box (mean
 * coverage at least AL_MARK_TILE_FILL) whose foreground AL_MARK_TILE_RIM
 * pixels inside the box's four edges, leaving out AL_MARK_RIM_CORNER of
 * each side at both ends (a rounded tile's corners), sampled about 160
 * times evenly, is one colour: at
 * least AL_MARK_RIM_SHARE of those samples are foreground, and at least
 * AL_MARK_RIM_SHARE of them lie within AL_MARK_TILE_DE of the sample that
 * has the most such neighbours; their mean into @t.  A frame of one
 * colour around a picture (a flag on a tile with a thin rim) is a tile
 * whose colour covers too little of the box for tile_colour(). */
static bool mark_rim_colour(const al_mark *mark, const al_measure *m,
                            const al_region *bb, float t[3])
{
	double cov = 0;
	for (int i = 0; i < CMP_N * CMP_N; i++)
		cov += mark->cells[i][3];
	if (cov < AL_MARK_TILE_FILL * CMP_N * CMP_N)
		return false;
	const int r = AL_MARK_TILE_RIM;
	if (bb->w < 4 * r + 4 || bb->h < 4 * r + 4)
		return false;
	/* at most about 160 samples: the test is quadratic in them */
	int cap = 2 * (bb->w + bb->h), n = 0, tried = 0, step = MAX(1, cap / 160);
	const float **s = g_new(const float *, cap);
	for (int side = 0; side < 4; side++) {
		bool horiz = side < 2;
		int len = horiz ? bb->w : bb->h;
		int skip = (int)ceil(AL_MARK_RIM_CORNER * len);
		for (int k = skip; k < len - skip; k += step) {
			int x = horiz ? bb->x + k : side == 2 ? bb->x + r : bb->x + bb->w - 1 - r;
			int y = !horiz ? bb->y + k : side == 0 ? bb->y + r : bb->y + bb->h - 1 - r;
			size_t i = (size_t)y * m->width + x;
			tried++;
			if (!m->bgmask[i])
				s[n++] = m->lab + i * 3;
		}
	}
	bool ok = false;
	if (tried > 0 && n >= AL_MARK_RIM_SHARE * tried) {
		const float near2 = al_de76_sq_limit(nextafterf((float)AL_MARK_TILE_DE, INFINITY));
		int best = -1, best_n = 0, runs = 0;
		/* the samples as runs of one colour to the bit (tile_colour()):
		 * each run tested once, counting its length; a sample of the
		 * colour of the one before counts as many and comes later, so
		 * it cannot win */
		int *run_len = g_new(int, n);
		const float **run_at = g_new(const float *, n);
		for (int b = 0; b < n; b++) {
			if (runs > 0 && memcmp(s[b], run_at[runs - 1], 3 * sizeof(float)) == 0) {
				run_len[runs - 1]++;
			} else {
				run_at[runs] = s[b];
				run_len[runs++] = 1;
			}
		}
		for (int a = 0; a < n; a++) {
			if (a > 0 && memcmp(s[a], s[a - 1], 3 * sizeof(float)) == 0)
				continue;
			int k = 0;
			for (int u = 0; u < runs; u++)
				k += al_de76_sq(s[a], run_at[u]) < near2 ? run_len[u] : 0;
			if (k > best_n) {
				best_n = k;
				best = a;
			}
		}
		if (best >= 0 && best_n >= AL_MARK_RIM_SHARE * n) {
			double acc[3] = { 0, 0, 0 };
			for (int b = 0; b < n; b++)
				if (al_de76_sq(s[best], s[b]) < near2)
					for (int c = 0; c < 3; c++)
						acc[c] += s[b][c];
			for (int c = 0; c < 3; c++)
				t[c] = (float)(acc[c] / best_n);
			ok = true;
		}
		g_free(run_at);
		g_free(run_len);
	}
	g_free(s);
	return ok;
}

/* Each pixel's ink in the box @bb (one float a pixel, row-major,
 * g_free): AL_MARK_TILE_RIM or more pixels inside the box's edge, at
 * least AL_MARK_VISIBLE_DE from the tile colour @t and with no background
 * in its (2 * AL_MARK_TILE_RIM + 1)-square neighbourhood (so not
 * background itself), its CIE76 from @t; else 0.  Those pixels not on
 * the tile's soft edge (@edge, tile_edge()) are the tile's content: their
 * box into @in (w = 0 when none).  The one pass serves both
 * mark_inner()'s content box and mark_tile_ink().  The first and last
 * column of each row with ink into @row_lo and @row_hi (bb->h each;
 * bb->w and -1 when none). */
static float *tile_ink_px(const al_measure *m, const al_region *bb, const float t[3],
                          const uint8_t *edge, al_region *in, int *row_lo, int *row_hi)
{
	const int r = AL_MARK_TILE_RIM;
	G_STATIC_ASSERT(2 * AL_MARK_TILE_RIM + 1 <= 8);
	/* al_de76() < AL_MARK_VISIBLE_DE, decided on the square */
	const float vis2 = al_de76_sq_limit(AL_MARK_VISIBLE_DE);
	float *px = g_new0(float, (size_t)bb->w * bb->h);
	int x0 = bb->w, y0 = bb->h, x1 = -1, y1 = -1;
	for (int y = 0; y < bb->h; y++) {
		row_lo[y] = bb->w;
		row_hi[y] = -1;
	}
	for (int y = r; y < bb->h - r; y++)
		for (int x = r; x < bb->w - r; x++) {
			size_t row = (size_t)(bb->y + y) * m->width + bb->x, i = row + (size_t)x;
			if (al_de76_sq(m->lab + i * 3, t) < vis2) {
				/* near the tile colour: so is the stretch of its
				 * RGBA (same_rgba_end()), whose ink stays 0 */
				x = (int)(same_rgba_end(m, i, row + (size_t)(bb->w - r)) - row) - 1;
				continue;
			}
			if (square_has_bg(m, i, r))
				continue;
			size_t k = (size_t)y * bb->w + x;
			px[k] = al_de76(m->lab + i * 3, t);
			row_lo[y] = MIN(row_lo[y], x);
			row_hi[y] = x;
			if (edge[k])
				continue;
			x0 = MIN(x0, x);
			x1 = MAX(x1, x);
			y0 = MIN(y0, y);
			y1 = MAX(y1, y);
		}
	*in = x1 >= x0 ? (al_region){ bb->x + x0, bb->y + y0, x1 - x0 + 1, y1 - y0 + 1 }
	               : (al_region){ 0, 0, 0, 0 };
	return px;
}

/* Whether rows [@y0, @y1) hold ink (spans @row_lo, @row_hi from
 * tile_ink_px()) in columns [@xa, @xb]. */
static bool cell_has_ink(const int *row_lo, const int *row_hi, int y0, int y1, int xa,
                         int xb)
{
	for (int y = y0; y < y1; y++)
		if (row_lo[y] <= xb && row_hi[y] >= xa)
			return true;
	return false;
}

/* al_mark.tile_ink: the ink @px of the box @bb (tile_ink_px()) -- the
 * content pixels' CIE76 distance from the tile colour, every other
 * pixel 0 -- area-averaged over the whole box into AL_MARK_TILE_GRID
 * square cells (fractions at a cell's edges weighted by their overlap).
 * Unlike the content box, a glyph that runs close to the tile's edge
 * (reached from it through anti-aliased pixels: tile_edge()) stays
 * content.  @row_lo, @row_hi: the rows' spans of ink (tile_ink_px()). */
static void mark_tile_ink(al_mark *mark, const al_region *bb, const float *px,
                          const int *row_lo, const int *row_hi)
{
	const int n = AL_MARK_TILE_GRID;
	double cw = (double)bb->w / n, ch = (double)bb->h / n;
	col_table ct;
	col_table_make(&ct, 0, cw, n, bb->w);
	for (int cy = 0; cy < n; cy++) {
		double y0 = cy * ch, y1 = (cy + 1) * ch;
		for (int cx = 0; cx < n; cx++) {
			const double *ox = ct.ox + ct.off[cx];
			double area = 0, ink = 0;
			/* a cell without ink is 0 (+0 / area) */
			if (!cell_has_ink(row_lo, row_hi, (int)floor(y0), MIN((int)ceil(y1), bb->h),
			                  ct.xs[cx], ct.xs[cx] + ct.nx[cx] - 1)) {
				mark->tile_ink[cy * n + cx] = 0.0f;
				continue;
			}
			for (int y = (int)floor(y0); y < (int)ceil(y1) && y < bb->h; y++) {
				double oy = overlap(y, y0, y1);
				const float *row = px + (size_t)y * bb->w + ct.xs[cx];
				for (int k = 0; k < ct.nx[cx]; k++) {
					double w = oy * ox[k];
					area += w;
					if (row[k] != 0)
						ink += w * row[k];
				}
			}
			mark->tile_ink[cy * n + cx] = area > 0 ? (float)(ink / area) : 0.0f;
		}
	}
	col_table_clear(&ct);
}

/* Test hook: mark_tile_ink() of the box @bb on the tile colour @t, and
 * tile_ink_px()'s content box with no soft edge into @in. */
void al__mark_tile_ink(al_mark *mark, const al_measure *m, const al_region *bb,
                       const float t[3], al_region *in);
void al__mark_tile_ink(al_mark *mark, const al_measure *m, const al_region *bb,
                       const float t[3], al_region *in)
{
	uint8_t *edge = g_new0(uint8_t, (size_t)bb->w * bb->h);
	int *lo = g_new(int, 2 * (size_t)bb->h);
	float *px = tile_ink_px(m, bb, t, edge, in, lo, lo + bb->h);
	mark_tile_ink(mark, bb, px, lo, lo + bb->h);
	g_free(px);
	g_free(lo);
	g_free(edge);
}

static void mark_inner(al_mark *mark, const al_measure *m, const al_region *bb)
{
	bool full[CMP_N * CMP_N];
	float t[3];
	bool rim = false;
	if (!tile_colour((const float (*)[4])mark->cells, full, t)) {
		if (!mark_rim_colour(mark, m, bb, t))
			return;
		rim = true;
	}
	/* the content: the pixels with ink off the tile's soft edge */
	uint8_t *edge = tile_edge(m, bb, t);
	al_region in;
	int *lo = g_new(int, 2 * (size_t)bb->h);
	float *px = tile_ink_px(m, bb, t, edge, &in, lo, lo + bb->h);
	g_free(edge);
	if (in.w >= 3 && in.h >= 3 && !rim)
		mark_tile_ink(mark, bb, px, lo, lo + bb->h);
	g_free(px);
	g_free(lo);
	if (in.w < 3 || in.h < 3)
		return;
	mark->has_inner = !rim;
	mark->has_rim_inner = rim;
	memcpy(mark->ground, t, sizeof t);
	mark->inner = in;
	mark->inner_aspect = (double)in.w / in.h;
	resample(m, &in, CMP_N, mark->inner_cells);
	double a = mark->inner_aspect;
	if (!rim && (a >= AL_MARK_STRIP_ASPECT || a <= 1.0 / AL_MARK_STRIP_ASPECT)) {
		mark_strip(mark, m, &in);
		mark->strip_inner = true;
	}
}

/* Row @y of visible_box_at()'s mask into @mr: the background mask's
 * value on the background, else whether the pixel is within @lim2 (a
 * squared CIE76 limit) of the background colour.  With @hist, each
 * foreground pixel's CIE76 from the background colour counted in it too
 * (core_limit_of()): the root of the same squared distance. */
static void visible_row(const al_measure *m, int y, float lim2, uint8_t *mr, int *hist)
{
	size_t row = (size_t)y * m->width;
	for (int x = 0; x < m->width;) {
		size_t i = row + (size_t)x;
		if (m->bgmask[i]) {
			/* eight background pixels at once, and then the rest
			 * of their run (memchr()): the mask is the background
			 * mask there */
			uint64_t v;
			if (x + 8 <= m->width &&
			    (memcpy(&v, m->bgmask + i, 8),
			     !((v - 0x0101010101010101u) & ~v & 0x8080808080808080u))) {
				const uint8_t *f = memchr(m->bgmask + i + 8, 0, (size_t)(m->width - x - 8));
				int e = f ? (int)(f - (m->bgmask + row)) : m->width;
				memcpy(mr + x, m->bgmask + i, (size_t)(e - x));
				x = e;
			} else {
				mr[x] = m->bgmask[i];
				x++;
			}
			continue;
		}
		/* the stretch of foreground pixels of this one's RGBA
		 * (same_fg_end()) has its Lab and so its answer */
		float d2 = al_de76_sq(m->lab + i * 3, m->bg_lab);
		uint8_t a = d2 < lim2;
		int x0 = x;
		mr[x++] = a;
		if (x < m->width && m->run[i + 1] && !m->bgmask[i + 1]) {
			int e = (int)(same_fg_end(m, i, row + (size_t)m->width) - row);
			memset(mr + x, a, (size_t)(e - x));
			x = e;
		}
		if (hist) {
			/* al_de76(), as a double */
			double de = __builtin_sqrtf(d2);
			hist[de >= 255 ? 255 : (int)de] += x - x0;
		}
	}
}

/* Test hook: visible_box_at()'s mask of @m for @lim into @mask. */
void al__mark_visible_mask(const al_measure *m, float lim, uint8_t *mask);
void al__mark_visible_mask(const al_measure *m, float lim, uint8_t *mask)
{
	for (int y = 0; y < m->height; y++)
		visible_row(m, y, al_de76_sq_limit(lim), mask + (size_t)y * m->width, NULL);
}

/* mark_box() on an opaque background, of the foreground pixels that
 * differ from the background colour by at least AL_MARK_VISIBLE_DE
 * (CIE76): a JPEG's ringing and chroma bleed around the mark, and its
 * faintest anti-aliased pixels, belong to the foreground mask but not to
 * the mark's extent -- at 40 px a ring of them widens the box by a tenth.
 * The whole foreground's when no pixel is that far.  The temporary mask
 * (one byte a pixel) is freed here.  With @hist (256 zeroed counts), the
 * histogram core_limit_of() reads, taken in the same pass. */
static al_region visible_box_at(const al_measure *m, float lim, int *hist)
{
	al_region box;
	size_t n = (size_t)m->width * m->height;
	uint8_t *mask = g_new(uint8_t, n);
	int x0 = m->width, y0 = m->height, x1 = -1, y1 = -1;
	/* al_de76() < lim, decided on the square */
	float lim2 = al_de76_sq_limit(lim);
	for (int y = 0; y < m->height; y++) {
		uint8_t *mr = mask + (size_t)y * m->width;
		visible_row(m, y, lim2, mr, hist);
		/* the row's first and last visible pixel */
		const uint8_t *f = memchr(mr, 0, (size_t)m->width);
		if (!f)
			continue;
		const uint8_t *l = memrchr(mr, 0, (size_t)m->width);
		x0 = MIN(x0, (int)(f - mr));
		x1 = MAX(x1, (int)(l - mr));
		y0 = MIN(y0, y);
		y1 = y;
	}
	if (x1 >= 0) {
		al_measure vis = *m;
		vis.bgmask = mask;
		vis.fg_bbox = (al_region){ x0, y0, x1 - x0 + 1, y1 - y0 + 1 };
		box = mark_box(&vis);
	} else {
		box = mark_box(m);
	}
	g_free(mask);
	return box;
}

/* The limit of the mark's core box: AL_MARK_CORE_SHARE of the
 * AL_MARK_CORE_PCT quantile of the foreground pixels' CIE76 from the
 * background colour (@hist: their histogram, by whole units, the last
 * bin 255 and over; visible_row()), and at least AL_MARK_VISIBLE_DE. */
static float core_limit_of(const int hist[256])
{
	int n = 0, acc = 0, v;
	for (v = 0; v < 256; v++)
		n += hist[v];
	int want = (int)(AL_MARK_CORE_PCT * n);
	for (v = 0; v < 255; v++) {
		acc += hist[v];
		if (acc > want)
			break;
	}
	return MAX(AL_MARK_VISIBLE_DE, (float)(AL_MARK_CORE_SHARE * v));
}

/* Test hook: core_limit_of() of the histogram visible_row() takes. */
float al__mark_core_limit(const al_measure *m);
float al__mark_core_limit(const al_measure *m)
{
	int hist[256] = { 0 };
	uint8_t *row = g_new(uint8_t, (size_t)m->width);
	for (int y = 0; y < m->height; y++)
		visible_row(m, y, 0.0f, row, hist);
	g_free(row);
	return core_limit_of(hist);
}

/* The colour the box @bb is seen on when the border ring holds two
 * colours (a tile cut by the canvas on two opposite sides, the page on
 * the other two): the background pixels in @bb widened by 2 pixels are
 * mostly the tile's colour (at least AL_MARK_VISIBLE_DE from the
 * border's dominant colour): their mean, into @out.  False (and @out
 * untouched) when they are not. */
static bool seen_on_box(const al_measure *m, const al_region *bb, float out[3])
{
	if (m->bg_kind != AL_BG_MIXED)
		return false;
	int x0 = MAX(bb->x - 2, 0), y0 = MAX(bb->y - 2, 0);
	int x1 = MIN(bb->x + bb->w + 2, m->width), y1 = MIN(bb->y + bb->h + 2, m->height);
	double acc[3] = { 0, 0, 0 };
	int n = 0, other = 0;
	for (int y = y0; y < y1; y++)
		for (int x = x0; x < x1; x++) {
			size_t i = (size_t)y * m->width + x;
			if (m->bgmask[i] != 1)
				continue;
			n++;
			if (al_de76(m->lab + i * 3, m->bg_lab) < AL_MARK_VISIBLE_DE)
				continue;
			other++;
			for (int c = 0; c < 3; c++)
				acc[c] += m->lab[i * 3 + c];
		}
	if (n == 0 || 2 * other <= n)
		return false;
	for (int c = 0; c < 3; c++)
		out[c] = (float)(acc[c] / other);
	return true;
}

/* The colour the mark is seen on (seen_on_box() of its box), into
 * mark->seen_on.  The border's colour is then only the page's around
 * the tile. */
static void mark_seen_on(al_mark *mark, const al_measure *m, const al_region *bb)
{
	mark->has_seen_on = seen_on_box(m, bb, mark->seen_on);
}

/* The ground a mark is seen on, when the canvas cuts it (al_mark.cut_ground):
 * the box of the background pixels of the tile's colour -- on a one-colour
 * border the background itself, on a border of two colours the pixels at
 * least AL_MARK_VISIBLE_DE from its dominant colour once the mark is seen
 * on the other (mark_seen_on()) -- joined with the mark's box @bb.  Kept
 * only when that box spans the canvas on one axis and the page (or a band
 * peeled as a frame) shows along both other edges, at least
 * AL_MARK_GROUND_BAND of the side and 2 pixels deep: a square tile scaled
 * up is cut on all four sides or none, so one cut on two only is wider
 * (or taller) than square, and its box bounds how much. */
static void mark_cut_ground(al_mark *mark, const al_measure *m, const al_region *bb)
{
	bool mixed = m->bg_kind == AL_BG_MIXED && mark->has_seen_on;
	if (m->bg_kind != AL_BG_COLOR && !mixed)
		return;
	const float lim2 = al_de76_sq_limit(AL_MARK_VISIBLE_DE);
	int x0 = bb->x, y0 = bb->y, x1 = bb->x + bb->w - 1, y1 = bb->y + bb->h - 1;
	/* the box takes each row's first and last such pixel: found from
	 * the row's two ends (the ones between change nothing) */
	for (int y = 0; y < m->height; y++) {
		const uint8_t *row = m->bgmask + (size_t)y * m->width;
		const float *lab = m->lab + (size_t)y * m->width * 3;
		int f, l;
		if (!mixed) {
			const uint8_t *pf = memchr(row, 1, (size_t)m->width);
			if (!pf)
				continue;
			f = (int)(pf - row);
			l = (int)((const uint8_t *)memrchr(row, 1, (size_t)m->width) - row);
		} else {
			f = 0;
			l = m->width - 1;
			while (f < m->width &&
			       (row[f] != 1 || al_de76_sq(lab + f * 3, m->bg_lab) < lim2))
				f++;
			if (f == m->width)
				continue;
			while (row[l] != 1 || al_de76_sq(lab + l * 3, m->bg_lab) < lim2)
				l--;
		}
		x0 = MIN(x0, f);
		x1 = MAX(x1, l);
		y0 = MIN(y0, y);
		y1 = MAX(y1, y);
	}
	bool sx = x0 == 0 && x1 == m->width - 1, sy = y0 == 0 && y1 == m->height - 1;
	if (sx == sy)
		return;
	int side = sx ? m->height : m->width;
	int lo = sx ? y0 : x0, hi = sx ? m->height - 1 - y1 : m->width - 1 - x1;
	if (MIN(lo, hi) < MAX(2.0, AL_MARK_GROUND_BAND * side))
		return;
	mark->has_cut_ground = true;
	mark->cut_ground = (al_region){ x0, y0, x1 - x0 + 1, y1 - y0 + 1 };
}

/* The page share of the colour @l between the tile colour @t and the
 * page (@d: page minus tile, @dd its squared length), 0 to 1. */
static double corner_share(const float *l, const float t[3], const double d[3],
                           double dd)
{
	double f = 0;
	for (int c = 0; c < 3; c++)
		f += (l[c] - t[c]) * d[c];
	return CLAMP(f / dd, 0.0, 1.0);
}

/* How far the piece of page in one corner of the canvas reaches from the
 * corner pixel @i0 along a line of pixels @step apart (at most @len
 * pixels, the line's half): the sum of the pixels' page share -- the
 * projection of their colour between the tile colour @t and the page
 * colour @p, 0 to 1 -- up to the first pixel under one half, which adds
 * the shares of the pixels after it down to the first under a tenth
 * (the anti-aliased ramp on the tile's arc), which must come within
 * AL_MARK_CORNER_RAMP pixels.  -1 when the line does not reach the tile
 * within @len (a band of page, not a corner) or is not the tile after
 * the ramp. */
static double corner_reach(const al_measure *m, size_t i0, ptrdiff_t step,
                           int len, const float p[3], const float t[3])
{
	double d[3], dd = 0, sum = 0;
	for (int c = 0; c < 3; c++) {
		d[c] = p[c] - t[c];
		dd += d[c] * d[c];
	}
	for (int k = 0; k < len; k++) {
		double f = corner_share(m->lab + (i0 + (ptrdiff_t)k * step) * 3, t, d, dd);
		sum += f;
		if (f >= 0.5)
			continue;
		/* then the tile, after the arc's anti-aliased ramp (long
		 * where the arc meets the edge at a shallow angle): a page
		 * margin under a pixel wide that a JPEG smears along the edge
		 * leaves the line half page */
		for (int j = k + 1; j <= k + AL_MARK_CORNER_RAMP && j < len; j++) {
			if (f < 0.1)
				return sum;
			f = corner_share(m->lab + (i0 + (ptrdiff_t)j * step) * 3, t, d, dd);
			sum += f;
		}
		return f < 0.1 ? sum : -1;
	}
	return -1;
}

/* The content of a tile that fills the canvas, found by its corners
 * (mark_corners(): the four tiles' colours @tile, the pieces' reaches
 * @reach): the box of the pixels that lie, with one of their four
 * neighbours (not a JPEG's lone noisy pixel), at least
 * AL_MARK_VISIBLE_DE from the tile colour (the background's when the
 * four are within AL_MARK_CORNER_DE of it, else the four's mean), outside
 * each corner's piece (the box of its reaches, widened by
 * AL_MARK_TILE_RIM pixels of anti-aliasing and ringing) and
 * AL_MARK_TILE_RIM pixels in from the canvas's edges, and that box
 * clear of those edges (else it is the tile's rim or noise), resampled as a tile's content is (coverage 1: the tile is drawn, its
 * colour taken for the background or not), into the mark's content as
 * one known by its rim (al_mark.has_rim_inner, only the distortion rule
 * reads it): the mark and the canvas are the tile's box, the pieces of
 * page are not what is drawn on it.  Nothing when no such pixel, or
 * when they reach into a corner's piece box's row or column band only
 * (fewer than 3 x 3). */
static void corner_inner(al_mark *mark, const al_measure *m,
                         const float (*tile)[3], const double (*reach)[2])
{
	const int W = m->width, H = m->height, r = AL_MARK_TILE_RIM;
	const float vis2 = al_de76_sq_limit(AL_MARK_VISIBLE_DE);
	float t[3];
	int cw[4], ch[4];
	bool near_bg = m->bg_kind == AL_BG_COLOR;
	for (int k = 0; k < 4; k++)
		near_bg = near_bg && al_de76(tile[k], m->bg_lab) < AL_MARK_CORNER_DE;
	for (int c = 0; c < 3; c++)
		t[c] = near_bg ? m->bg_lab[c] : tile[0][c] + tile[1][c] + tile[2][c] + tile[3][c];
	if (!near_bg)
		for (int c = 0; c < 3; c++)
			t[c] /= 4;
	for (int k = 0; k < 4; k++) {
		cw[k] = (int)ceil(reach[k][0]) + r;
		ch[k] = (int)ceil(reach[k][1]) + r;
	}
	int x0 = W, y0 = H, x1 = -1, y1 = -1;
	for (int y = r; y < H - r; y++)
		for (int x = r; x < W - r; x++) {
			size_t i = (size_t)y * W + x;
			if (al_de76_sq(m->lab + i * 3, t) < vis2 ||
			    (al_de76_sq(m->lab + (i - 1) * 3, t) < vis2 &&
			     al_de76_sq(m->lab + (i + 1) * 3, t) < vis2 &&
			     al_de76_sq(m->lab + (i - W) * 3, t) < vis2 &&
			     al_de76_sq(m->lab + (i + W) * 3, t) < vis2))
				continue;
			bool in_piece = false;
			for (int k = 0; k < 4 && !in_piece; k++) {
				int dx = k & 1 ? W - 1 - x : x, dy = k & 2 ? H - 1 - y : y;
				in_piece = dx < cw[k] && dy < ch[k];
			}
			if (in_piece)
				continue;
			x0 = MIN(x0, x);
			x1 = MAX(x1, x);
			y0 = MIN(y0, y);
			y1 = MAX(y1, y);
		}
	if (x1 - x0 + 1 < 3 || y1 - y0 + 1 < 3 ||
	    x0 <= r || y0 <= r || x1 >= W - 1 - r || y1 >= H - 1 - r)
		return;
	al_region in = { x0, y0, x1 - x0 + 1, y1 - y0 + 1 };
	al_measure all = *m;
	uint8_t *none = g_new0(uint8_t, (size_t)W * H);
	all.bgmask = none;
	mark->has_rim_inner = true;
	mark->inner_on_canvas = true;
	memcpy(mark->ground, t, sizeof t);
	mark->inner = in;
	mark->inner_aspect = (double)in.w / in.h;
	resample(&all, &in, CMP_N, mark->inner_cells);
	g_free(none);
}

/* A tile with rounded corners that fills or overruns the canvas, its
 * colour taken for the background or not (mark.corner_w, corner_h): in
 * each corner of the canvas, the corner pixel is the page; along the
 * diagonal the first pixel at least AL_MARK_CORNER_DE from it, two
 * pixels further in (past the arc's anti-aliasing), is the tile, one
 * colour with the pixel after it (within AL_MARK_VISIBLE_DE) and at
 * least AL_MARK_CORNER_DE from the page.  The piece's reach along the
 * canvas's edge row and edge column (corner_reach()) must end before the
 * canvas's middle; the four corners' tiles one colour (within
 * AL_MARK_CORNER_DE).  The reaches are summed over the four corners; the
 * longer sum at least AL_MARK_CORNER_MIN pixels.  The tile's corners are
 * arcs of circles: centred and unstretched, each piece is as wide as it
 * is tall, however far the tile overruns; stretched, the arcs are
 * ellipses and the canvas cuts them unevenly, and the pieces are wider
 * (or taller) than the stretch. */
static void mark_corners(al_mark *mark, const al_measure *m)
{
	const int W = m->width, H = m->height;
	const float vis2 = al_de76_sq_limit(AL_MARK_VISIBLE_DE);
	const float far2 = al_de76_sq_limit(AL_MARK_CORNER_DE);
	float tile[4][3];
	double w = 0, h = 0, reach[4][2];
	if (W < 8 || H < 8)
		return;
	for (int k = 0; k < 4; k++) {
		int sx = k & 1 ? -1 : 1, sy = k & 2 ? -1 : 1;
		int x0 = k & 1 ? W - 1 : 0, y0 = k & 2 ? H - 1 : 0;
		size_t i0 = (size_t)y0 * W + x0;
		ptrdiff_t diag = (ptrdiff_t)sy * W + sx;
		const float *p = m->lab + i0 * 3;
		int half = MIN(W, H) / 2, e = 1;
		while (e < half && al_de76_sq(m->lab + (i0 + e * diag) * 3, p) < far2)
			e++;
		if (e + 3 >= half)
			return;
		const float *t = m->lab + (i0 + (e + 2) * diag) * 3;
		if (al_de76_sq(t, p) < far2 ||
		    !(al_de76_sq(m->lab + (i0 + (e + 3) * diag) * 3, t) < vis2))
			return;
		memcpy(tile[k], t, sizeof tile[k]);
		if (k > 0 && !(al_de76_sq(tile[k], tile[0]) < far2))
			return;
		double rw = corner_reach(m, i0, sx, W / 2, p, t);
		double rh = corner_reach(m, i0, (ptrdiff_t)sy * W, H / 2, p, t);
		if (rw < 0 || rh < 0)
			return;
		reach[k][0] = rw;
		reach[k][1] = rh;
		w += rw;
		h += rh;
	}
	if (MAX(w, h) < AL_MARK_CORNER_MIN)
		return;
	mark->has_corners = true;
	mark->corner_w = w;
	mark->corner_h = h;
	if (!mark->has_inner && !mark->has_rim_inner)
		corner_inner(mark, m, (const float (*)[3])tile, (const double (*)[2])reach);
}

/* Fills @mark from @m; allocates nothing that outlives the call (the mark
 * lives in the file's result).  No foreground: mark->valid = false. */
void al_mark_compute(al_mark *mark, const al_measure *m)
{
	memset(mark, 0, sizeof *mark);
	if (!m || !m->bgmask || !m->lab || !m->rgba || m->fg_count <= 0 ||
	    m->fg_bbox.w <= 0 || m->fg_bbox.h <= 0)
		goto out;

	/* the foreground's CIE76 from the background colour, for the core
	 * box below */
	int hist[256] = { 0 };
	al_region box = m->bg_kind == AL_BG_COLOR ? visible_box_at(m, AL_MARK_VISIBLE_DE, hist)
	                                          : mark_box(m);
	const al_region *bb = &box;
	mark->bbox = box;
	mark->aspect = (double)bb->w / bb->h;

	/* the full thumbnail is only needed here: the file's result keeps
	 * its pooled grid and whether it has structure */
	float thumb[AL_THUMB * AL_THUMB][4];
	double total_cov = resample(m, bb, AL_THUMB, thumb);
	pool((const float (*)[4])thumb, mark->cells);
	mark->informative = informative((const float (*)[4])thumb);
	/* the core box: without a JPEG's ringing and chroma noise, which
	 * reach 16-48 CIE76 from a high-contrast mark's background and widen
	 * a 40-px logo's box by a pixel or two on some sides (see
	 * set-inconsistent) */
	float core_lim = core_limit_of(hist);
	/* at AL_MARK_VISIBLE_DE the core box is the box itself */
	if (m->bg_kind == AL_BG_COLOR && core_lim > AL_MARK_VISIBLE_DE) {
		al_region core = visible_box_at(m, core_lim, NULL);
		if (core.w > 0 && core.h > 0 &&
		    (core.x != box.x || core.y != box.y || core.w != box.w || core.h != box.h)) {
			float ct[AL_THUMB * AL_THUMB][4];
			resample(m, &core, AL_THUMB, ct);
			pool((const float (*)[4])ct, mark->core_cells);
			mark->core = core;
			mark->has_core = true;
		}
	}
	mark_parts(mark, m, bb);
	mark_strip(mark, m, bb);
	mark_inner(mark, m, bb);
	al__mark_part_tiles(mark, m);
	mark_seen_on(mark, m, bb);
	mark_cut_ground(mark, m, bb);
	canvas_grid(m, mark->canvas);
	mark_corners(mark, m);
	/* a foreground made only of invisible pixels is no mark */
	mark->valid = total_cov > 0;
out:
	return;
}

/* Pools the thumbnail into CMP_N x CMP_N cells: coverage is the mean,
 * colour the coverage-weighted mean. */
static void pool(const float (*thumb)[4], float out[CMP_N * CMP_N][4])
{
	for (int py = 0; py < CMP_N; py++)
		for (int px = 0; px < CMP_N; px++) {
			double cov = 0, lab[3] = { 0, 0, 0 };
			for (int dy = 0; dy < POOL; dy++)
				for (int dx = 0; dx < POOL; dx++) {
					const float *c = thumb[(py * POOL + dy) * AL_THUMB +
					                       px * POOL + dx];
					cov += c[3];
					for (int k = 0; k < 3; k++)
						lab[k] += (double)c[3] * c[k];
				}
			float *o = out[py * CMP_N + px];
			for (int k = 0; k < 3; k++)
				o[k] = cov > 0 ? (float)(lab[k] / cov) : 0.0f;
			o[3] = (float)(cov / (POOL * POOL));
		}
}

/* Fills @d with how the comparison grids @pa and @pb differ. */
static void compare_cells(const float (*pa)[4], const float (*pb)[4],
                          al_mark_diff *d)
{
	double inter = 0, uni = 0, wsum = 0, dsum = 0, msum = 0, mbad = 0;
	double ginter = 0, guni = 0;

	for (int i = 0; i < CMP_N * CMP_N; i++) {
		double ca = pa[i][3], cb = pb[i][3];
		double lo = MIN(ca, cb);
		inter += lo;
		uni += MAX(ca, cb);
		ginter += 1.0 - MAX(ca, cb);
		guni += 1.0 - lo;
		if (lo <= 0)
			continue;
		double de = al_de76(pa[i], pb[i]);
		/* colour only where both show the mark; the square of the
		 * shared coverage keeps washed anti-aliased rims from
		 * dominating small exports */
		wsum += lo * lo;
		dsum += lo * lo * de;
		/* the mean hides a small inner element that moved (an icon
		 * on a card): count the cells that clearly differ */
		msum += lo;
		if (de > AL_MARK_CELL_DE)
			mbad += lo;
	}
	d->iou = uni > 0 ? inter / uni : 0.0;
	/* a mark that fills its whole box has no gaps: nothing to differ */
	d->gap_iou = guni > 0 ? ginter / guni : 1.0;
	d->delta_e = wsum > 0 ? dsum / wsum : 0.0;
	d->mismatch = msum > 0 ? mbad / msum : 0.0;
}

/* Fills @d with how @a and @b differ; no allocation. */
void al_mark_compare(const al_mark *a, const al_mark *b, al_mark_diff *d)
{
	memset(d, 0, sizeof *d);
	if (!a->valid || !b->valid)
		return;
	compare_cells((const float (*)[4])a->cells, (const float (*)[4])b->cells, d);
}

/* Fills @d with how the part @p of one mark and the whole mark @b differ. */
void al_mark_compare_part(const al_mark_part *p, const al_mark *b,
                          al_mark_diff *d)
{
	memset(d, 0, sizeof *d);
	if (!b->valid)
		return;
	compare_cells(p->cells, (const float (*)[4])b->cells, d);
}

/* @in blurred 3 x 3 with weights 1-2-1 over the cells @use marks (all
 * when NULL), renormalised over the cells taken; a cell with none around
 * it is 0. */
static void blur121(const float (*in)[3], const bool *use, float out[CMP_N * CMP_N][3])
{
	for (int y = 0; y < CMP_N; y++)
		for (int x = 0; x < CMP_N; x++) {
			double w = 0, acc[3] = { 0, 0, 0 };
			for (int dy = -1; dy <= 1; dy++)
				for (int dx = -1; dx <= 1; dx++) {
					int yy = y + dy, xx = x + dx;
					if (yy < 0 || yy >= CMP_N || xx < 0 || xx >= CMP_N ||
					    (use && !use[yy * CMP_N + xx]))
						continue;
					double k = (dy ? 1 : 2) * (dx ? 1 : 2);
					w += k;
					for (int c = 0; c < 3; c++)
						acc[c] += k * in[yy * CMP_N + xx][c];
				}
			for (int c = 0; c < 3; c++)
				out[y * CMP_N + x][c] = w > 0 ? (float)(acc[c] / w) : 0.0f;
		}
}

/* The comparison grid @cells as it looks on the background @bg (each
 * cell's mark colour and the background mixed by coverage, in CIELAB),
 * blurred 3 x 3 with weights 1-2-1 (renormalised at the grid's edge). */
static void look_grid(const float (*cells)[4], const float bg[3],
                      float out[CMP_N * CMP_N][3])
{
	float flat[CMP_N * CMP_N][3];
	for (int i = 0; i < CMP_N * CMP_N; i++)
		for (int k = 0; k < 3; k++)
			flat[i][k] = cells[i][3] * cells[i][k] +
			             (1.0f - cells[i][3]) * bg[k];
	blur121((const float (*)[3])flat, NULL, out);
}

static void diff_looks(const float (*la)[3], const float bg_a[3],
                       const float (*lb)[3], const float bg_b[3],
                       al_mark_look *d);

/* Fills @d with how the comparison grids @ca on @bg_a and @cb on @bg_b
 * look different. */
static void compare_look(const float (*ca)[4], const float bg_a[3],
                         const float (*cb)[4], const float bg_b[3],
                         al_mark_look *d)
{
	float la[CMP_N * CMP_N][3], lb[CMP_N * CMP_N][3];
	look_grid(ca, bg_a, la);
	look_grid(cb, bg_b, lb);
	diff_looks((const float (*)[3])la, bg_a, (const float (*)[3])lb, bg_b, d);
}

/* @m's whole canvas as a comparison grid whose every cell is covered: a
 * tile filling the canvas, whose colour the border ring took for the
 * background, seen as the tile it is.  The outermost cells are covered
 * @rim: the canvas, cropped to the tile by whole pixels, may keep a sliver
 * of the real background there. */
static void canvas_cells(const al_mark *m, float rim, float out[CMP_N * CMP_N][4])
{
	for (int i = 0; i < CMP_N * CMP_N; i++) {
		int x = i % CMP_N, y = i / CMP_N;
		bool edge = x == 0 || y == 0 || x == CMP_N - 1 || y == CMP_N - 1;
		memcpy(out[i], m->canvas[i], sizeof m->canvas[i]);
		out[i][3] = edge ? rim : 1.0f;
	}
}

/* Fills @d with how the whole canvas of @a (blurred like a look grid)
 * and @b's mark on @bg_b look different; @bg_a: @a's background. */
void al_mark_compare_canvas(const al_mark *a, const float bg_a[3],
                            const al_mark *b, const float bg_b[3],
                            al_mark_look *d)
{
	memset(d, 0, sizeof *d);
	if (!a->valid || !b->valid)
		return;
	float ca[CMP_N * CMP_N][4], la[CMP_N * CMP_N][3], lb[CMP_N * CMP_N][3];
	canvas_cells(a, 1.0f, ca);
	look_grid((const float (*)[4])ca, bg_a, la);
	look_grid((const float (*)[4])b->cells, bg_b, lb);
	diff_looks((const float (*)[3])la, bg_a, (const float (*)[3])lb, bg_b, d);
}

static void diff_looks(const float (*la)[3], const float bg_a[3],
                       const float (*lb)[3], const float bg_b[3],
                       al_mark_look *d)
{
	double sum = 0;
	int bad = 0;
	/* ink: how far each blurred cell is from its background */
	double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
	const int n = CMP_N * CMP_N;
	for (int i = 0; i < n; i++) {
		double e = al_de76(la[i], lb[i]);
		sum += e;
		bad += e > AL_MARK_LOOK_DE;
		double ia = al_de76(la[i], bg_a), ib = al_de76(lb[i], bg_b);
		sa += ia;
		sb += ib;
		saa += ia * ia;
		sbb += ib * ib;
		sab += ia * ib;
	}
	{
		double wsum = 0, csum = 0;
		for (int i = 0; i < n; i++) {
			double va[3], vb[3], na = 0, nb = 0, dot = 0;
			for (int c = 0; c < 3; c++) {
				va[c] = la[i][c] - bg_a[c];
				vb[c] = lb[i][c] - bg_b[c];
				na += va[c] * va[c];
				nb += vb[c] * vb[c];
				dot += va[c] * vb[c];
			}
			na = sqrt(na);
			nb = sqrt(nb);
			if (na < 5 || nb < 5)
				continue;
			double w = MIN(na, nb);
			wsum += w;
			csum += w * dot / (na * nb);
		}
		d->ink_cos = wsum > 0 ? csum / wsum : 1.0;
	}
	d->look_de = sum / n;
	d->look_bad = (double)bad / n;
	d->ink_a = sa / n;
	d->ink_b = sb / n;
	double va = saa - sa * sa / n, vb = sbb - sb * sb / n;
	d->ink_corr = va > 1e-9 && vb > 1e-9 ? (sab - sa * sb / n) / sqrt(va * vb)
	                                     : 0.0;
}

/* Fills @d with how @a on @bg_a and @b on @bg_b look different. */
void al_mark_compare_look(const al_mark *a, const float bg_a[3],
                          const al_mark *b, const float bg_b[3],
                          al_mark_look *d)
{
	memset(d, 0, sizeof *d);
	if (!a->valid || !b->valid)
		return;
	compare_look((const float (*)[4])a->cells, bg_a,
	             (const float (*)[4])b->cells, bg_b, d);
}

/* The same for a part of one mark against a whole mark. */
void al_mark_compare_look_part(const al_mark_part *p, const float bg_p[3],
                               const al_mark *b, const float bg_b[3],
                               al_mark_look *d)
{
	memset(d, 0, sizeof *d);
	if (!b->valid)
		return;
	compare_look(p->cells, bg_p, (const float (*)[4])b->cells, bg_b, d);
}

/* The runs of tile_colour(): their colours lane by lane (L*, a*, b*
 * apart) and lengths. */
typedef struct {
	float l[CMP_N * CMP_N], a[CMP_N * CMP_N], b[CMP_N * CMP_N];
	int len[CMP_N * CMP_N];
	int n;
} tile_runs;

/* How many cells of the runs @r lie within the squared limit @near2 of
 * @c: al_de76_sq() of each run's colour, its operations in its order
 * (so the same floats), laid out so that gcc takes eight runs an
 * instruction in the AVX2 clone of tile_colour(). */
static inline int near_count(const float c[3], const tile_runs *r, float near2)
{
	int k = 0;
	for (int j = 0; j < r->n; j++) {
		float d0 = c[0] - r->l[j], d1 = c[1] - r->a[j], d2 = c[2] - r->b[j];
		k += d0 * d0 + d1 * d1 + d2 * d2 < near2 ? r->len[j] : 0;
	}
	return k;
}

/* The tile colour of @cells (see al_mark_inner): the colour that most
 * cells showing the mark (coverage at least one half: the tile's rim
 * shows its colour too) share; false when the mark does not fill its box
 * (mean coverage below AL_MARK_TILE_FILL) or that colour covers less than
 * AL_MARK_TILE_SHARE of the box.  @full: which cells are fully covered. */
AL_CLONES static bool tile_colour(const float (*cells)[4], bool full[CMP_N * CMP_N],
                                  float tile[3])
{
	const int n = CMP_N * CMP_N;
	int best = -1, best_n = 0, shown = 0, last_run = -1;
	/* the shown cells as runs of one colour to the bit, in grid order:
	 * the colour of each and how many; a run's cells are all near a
	 * colour or none are, so each is tested once and counts its length */
	tile_runs r;
	r.n = 0;
	double cov = 0;
	for (int i = 0; i < n; i++) {
		full[i] = cells[i][3] >= 0.95f;
		cov += cells[i][3];
		if (cells[i][3] >= 0.5f) {
			if (last_run >= 0 && memcmp(cells[i], cells[last_run], 3 * sizeof(float)) == 0) {
				r.len[r.n - 1]++;
			} else {
				last_run = i;
				r.l[r.n] = cells[i][0];
				r.a[r.n] = cells[i][1];
				r.b[r.n] = cells[i][2];
				r.len[r.n++] = 1;
			}
			shown++;
		}
	}
	if (cov < AL_MARK_TILE_FILL * n)
		return false;
	/* al_de76() <= AL_MARK_TILE_DE: below the next float up, decided
	 * on the square */
	const float near2 = al_de76_sq_limit(nextafterf((float)AL_MARK_TILE_DE, INFINITY));
	for (int i = 0, last = -1; i < n; i++) {
		if (!full[i])
			continue;
		/* a cell of the colour of the last one counted, to the bit,
		 * counts as many and comes later: it cannot win */
		if (last >= 0 && memcmp(cells[i], cells[last], 3 * sizeof(float)) == 0)
			continue;
		last = i;
		int k = near_count(cells[i], &r, near2);
		if (k > best_n) {
			best_n = k;
			best = i;
		}
	}
	if (best < 0 || best_n < AL_MARK_TILE_SHARE * shown)
		return false;
	double acc[3] = { 0, 0, 0 };
	for (int j = 0; j < n; j++)
		if (cells[j][3] >= 0.5f && al_de76(cells[best], cells[j]) <= AL_MARK_TILE_DE)
			for (int c = 0; c < 3; c++)
				acc[c] += cells[j][c];
	for (int c = 0; c < 3; c++)
		tile[c] = (float)(acc[c] / best_n);
	return true;
}

/* Each fully covered cell's colour, blurred 1-2-1 over the fully covered
 * cells around it only (the tile's rim does not blend in its background). */
static void inner_grid(const float (*cells)[4], const bool full[CMP_N * CMP_N],
                       float out[CMP_N * CMP_N][3])
{
	float col[CMP_N * CMP_N][3];
	for (int i = 0; i < CMP_N * CMP_N; i++)
		for (int k = 0; k < 3; k++)
			col[i][k] = cells[i][k];
	blur121((const float (*)[3])col, full, out);
}

/* The insides of the tiles @ca and @cb (comparison grids); see
 * al_mark_compare_inner(). */
static void compare_inner(const float (*ca)[4], const float (*cb)[4],
                          al_mark_inner *d)
{
	const int n = CMP_N * CMP_N;
	bool fa[CMP_N * CMP_N], fb[CMP_N * CMP_N];
	float ta[3], tb[3];
	if (!tile_colour(ca, fa, ta) || !tile_colour(cb, fb, tb))
		return;
	d->tiles = true;
	d->tile_de = al_de76(ta, tb);
	float ia[CMP_N * CMP_N][3], ib[CMP_N * CMP_N][3];
	inner_grid(ca, fa, ia);
	inner_grid(cb, fb, ib);
	double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0, de = 0;
	double wsum = 0, csum = 0;
	int m = 0;
	for (int i = 0; i < n; i++) {
		if (!fa[i] || !fb[i])
			continue;
		double va[3], vb[3], na = 0, nb = 0, dot = 0, dd = 0;
		for (int c = 0; c < 3; c++) {
			va[c] = ia[i][c] - ta[c];
			vb[c] = ib[i][c] - tb[c];
			na += va[c] * va[c];
			nb += vb[c] * vb[c];
			dot += va[c] * vb[c];
			dd += (va[c] - vb[c]) * (va[c] - vb[c]);
		}
		na = sqrt(na);
		nb = sqrt(nb);
		m++;
		sa += na;
		sb += nb;
		saa += na * na;
		sbb += nb * nb;
		sab += na * nb;
		de += sqrt(dd);
		if (na >= 5 && nb >= 5) {
			double w = MIN(na, nb);
			wsum += w;
			csum += w * dot / (na * nb);
		}
	}
	d->n = m;
	if (m < 2)
		return;
	double va = saa - sa * sa / m, vb = sbb - sb * sb / m;
	d->inner_sd_a = va > 0 ? sqrt(va / m) : 0.0;
	d->inner_sd_b = vb > 0 ? sqrt(vb / m) : 0.0;
	d->inner_corr = va > 1e-9 && vb > 1e-9 ? (sab - sa * sb / m) / sqrt(va * vb)
	                                       : 0.0;
	d->inner_cos = wsum > 0 ? csum / wsum : 1.0;
	d->inner_de = de / m;
}

bool al_mark_tile(const al_mark *m, float tile[3])
{
	bool full[CMP_N * CMP_N];
	return m->valid && tile_colour((const float (*)[4])m->cells, full, tile);
}

void al_mark_compare_inner(const al_mark *a, const al_mark *b, al_mark_inner *d)
{
	al_mark_compare_inner_canvas(a, false, b, false, d);
}

void al_mark_compare_inner_canvas(const al_mark *a, bool canvas_a,
                                  const al_mark *b, bool canvas_b,
                                  al_mark_inner *d)
{
	memset(d, 0, sizeof *d);
	if (!a->valid || !b->valid)
		return;
	float ga[CMP_N * CMP_N][4], gb[CMP_N * CMP_N][4];
	/* the rim half covered: no inner cell (nor its blur) takes it in,
	 * and the tile still fills its box */
	if (canvas_a)
		canvas_cells(a, 0.45f, ga);
	if (canvas_b)
		canvas_cells(b, 0.45f, gb);
	compare_inner(canvas_a ? (const float (*)[4])ga : (const float (*)[4])a->cells,
	              canvas_b ? (const float (*)[4])gb : (const float (*)[4])b->cells, d);
}

/* True when the thumbnail has shape or colour structure. */
static bool informative(const float (*thumb)[4])
{
	/* A mark that fills its box evenly in one colour (a plain tile, a
	 * full-bleed photo's box) looks the same at any aspect ratio, so its
	 * stretch cannot be told from a resize: it needs holes in its
	 * coverage or colour structure. */
	int holes = 0, covered = 0;
	double mean[3] = { 0, 0, 0 }, var = 0;

	for (int i = 0; i < AL_THUMB * AL_THUMB; i++) {
		if (thumb[i][3] < 0.5f) {
			holes++;
			continue;
		}
		covered++;
		for (int c = 0; c < 3; c++)
			mean[c] += thumb[i][c];
	}
	if (covered == 0)
		return false;
	float mf[3];
	for (int c = 0; c < 3; c++)
		mf[c] = (float)(mean[c] / covered);
	for (int i = 0; i < AL_THUMB * AL_THUMB; i++) {
		if (thumb[i][3] < 0.5f)
			continue;
		double d = al_de76(thumb[i], mf);
		var += d * d;
	}
	return holes >= AL_THUMB * AL_THUMB / 12 || sqrt(var / covered) >= 10.0;
}

bool al_mark_informative(const al_mark *mk)
{
	return mk->valid && mk->informative;
}

/* See al_internal.h.  Each output cell along the long axis covers
 * len / AL_MARK_CMP strip cells (fractions weighted by their overlap):
 * coverage the mean, colour the coverage-weighted mean, as pool() does. */
bool al_mark_end_window(const al_mark *m, int end, double aspect,
                        float out[CMP_N * CMP_N][4])
{
	if (!m->valid || m->strip_n <= 0 || aspect <= 0)
		return false;
	int n = m->strip_n;
	/* the window's length over the box's, in strip cells (a strip of a
	 * box longer than AL_MARK_STRIP_MAX cells has oblong cells) */
	double sa = m->strip_inner ? m->inner_aspect : m->aspect;
	double len = n * (m->strip_vertical ? sa / aspect : aspect / sa);
	if (len < 3 || len > AL_MARK_END_MAX * n)
		return false;
	double s0 = end ? n - len : 0.0, step = len / CMP_N;
	for (int u = 0; u < CMP_N; u++) {            /* along the long axis */
		double a0 = s0 + u * step, a1 = a0 + step;
		for (int v = 0; v < CMP_N; v++) {    /* across */
			double area = 0, cov = 0, lab[3] = { 0, 0, 0 };
			for (int k = (int)floor(a0); k < (int)ceil(a1) && k < n; k++) {
				double w = overlap(k, a0, a1);
				const float *c = m->strip_vertical ? m->strip[k * CMP_N + v]
				                                   : m->strip[v * n + k];
				area += w;
				cov += w * c[3];
				for (int q = 0; q < 3; q++)
					lab[q] += w * c[3] * c[q];
			}
			float *o = m->strip_vertical ? out[u * CMP_N + v] : out[v * CMP_N + u];
			for (int q = 0; q < 3; q++)
				o[q] = cov > 0 ? (float)(lab[q] / cov) : 0.0f;
			o[3] = area > 0 ? (float)(cov / area) : 0.0f;
		}
	}
	return true;
}

/* See al_internal.h.  Each output cell covers (@x1 - @x0) by (@y1 -
 * @y0) source cells (fractions weighted by their overlap): coverage the mean, colour the coverage-weighted mean,
 * as pool() does. */
void al_mark_crop_cells(const float (*cells)[4], double x0, double x1,
                        double y0, double y1, float out[CMP_N * CMP_N][4])
{
	/* one output cell's width and height in source cells */
	double sx = x1 - x0, sy = y1 - y0;
	for (int v = 0; v < CMP_N; v++) {
		double b0 = y0 * CMP_N + v * sy, b1 = b0 + sy;
		for (int u = 0; u < CMP_N; u++) {
			double a0 = x0 * CMP_N + u * sx, a1 = a0 + sx;
			double area = 0, cov = 0, lab[3] = { 0, 0, 0 };
			/* only cells of the grid: a bound a rounding step outside
			 * [0, 1] (a share of 1 + 1e-16) must not read row or
			 * column -1 or CMP_N */
			for (int y = MAX(0, (int)floor(b0)); y < (int)ceil(b1) && y < CMP_N; y++) {
				double oy = overlap(y, b0, b1);
				for (int x = MAX(0, (int)floor(a0)); x < (int)ceil(a1) && x < CMP_N; x++) {
					double w = oy * overlap(x, a0, a1);
					const float *c = cells[y * CMP_N + x];
					area += w;
					cov += w * c[3];
					for (int q = 0; q < 3; q++)
						lab[q] += w * c[3] * c[q];
				}
			}
			float *o = out[v * CMP_N + u];
			for (int q = 0; q < 3; q++)
				o[q] = cov > 0 ? (float)(lab[q] / cov) : 0.0f;
			o[3] = area > 0 ? (float)(cov / area) : 0.0f;
		}
	}
}

/* Looks at the part @p (its bbox, aspect and cells filled) as
 * mark_inner() looks at the whole mark: when it is a tile, the box of
 * what is drawn on it, resampled.  @t is scratch. */
static void part_tile(al_mark *t, al_mark_part *p, const al_measure *m)
{
	memset(t, 0, sizeof *t);
	memcpy(t->cells, p->cells, sizeof t->cells);
	mark_inner(t, m, &p->bbox);
	p->has_inner = t->has_inner;
	if (!t->has_inner)
		return;
	p->inner_aspect = t->inner_aspect;
	memcpy(p->ground, t->ground, sizeof p->ground);
	memcpy(p->inner_cells, t->inner_cells, sizeof p->inner_cells);
}

/* The first run of empty columns from the left (@from_left) or the
 * right of the box @bb, with foreground on both sides; the box up to it
 * (tightened) into @r.  False when there is none. */
static bool end_box(const al_measure *m, const al_region *bb, const int *pc,
                    bool from_left, al_region *r)
{
	int n = bb->w;
	for (int j = 1; j < n - 1; j++) {
		int i = from_left ? j : n - 1 - j;
		int prev = from_left ? i - 1 : i + 1;
		if (pc[i] != 0 || pc[prev] == 0)
			continue;
		al_region side = *bb;
		if (from_left) {
			side.w = i;
		} else {
			side.x = bb->x + i + 1;
			side.w = n - i - 1;
		}
		*r = tight(m, side);
		return r->w >= 3 && r->h >= 3;
	}
	return false;
}

/* See al_internal.h.  Each part (a tile beside a word, the canvas
 * cutting the tile at one side) gets its own tile content (part_tile()):
 * a word beside the tile keeps the whole mark from being a tile, so
 * without this the tile's content is never seen.  When no part is a
 * tile and the whole mark is none, the foreground up to its first run of
 * empty columns from either end is tried as one (al_mark.end_tile): a
 * word set closer to its tile than its letters are apart is split
 * inside the word, not beside the tile. */
void al__mark_part_tiles(al_mark *mark, const al_measure *m)
{
	if (mark->n_parts == 0)
		return;
	al_mark *t = g_new(al_mark, 1);
	bool any = mark->has_inner;
	for (int k = 0; k < mark->n_parts; k++) {
		part_tile(t, &mark->part[k], m);
		any |= mark->part[k].has_inner;
	}
	if (!any) {
		int *pc = g_new(int, mark->bbox.w);
		profile(m, &mark->bbox, false, pc);
		for (int e = 0; e < 2 && !mark->has_end_tile; e++) {
			al_mark_part *p = &mark->end_tile;
			al_region r;
			memset(p, 0, sizeof *p);
			if (!end_box(m, &mark->bbox, pc, e == 0, &r))
				continue;
			p->bbox = r;
			p->aspect = (double)r.w / r.h;
			if (resample(m, &r, AL_MARK_CMP, p->cells) <= 0)
				continue;
			part_tile(t, p, m);
			mark->has_end_tile = p->has_inner;
		}
		g_free(pc);
	}
	g_free(t);
}

/* A part seen on a colour of its own (al_mark_part.seen_on: a tile the
 * canvas cuts, taken for the background on a border of two colours)
 * has the tile's faint pixels -- a JPEG's ringing beside the mark, the
 * tile's anti-aliased edge -- in its foreground: they are neither border
 * colour exactly.  Its box @r (and p->bbox, p->aspect) is narrowed to
 * the pixels at least AL_MARK_VISIBLE_DE from that colour, as a mark's
 * box on one background colour is (visible_box_at()); unchanged when fewer
 * than 3 by 3 pixels are that far. */
static void seen_part_box(const al_measure *m, al_mark_part *p, al_region *r)
{
	const float lim2 = al_de76_sq_limit(AL_MARK_VISIBLE_DE);
	int x0 = r->x + r->w, y0 = r->y + r->h, x1 = -1, y1 = -1;
	for (int y = r->y; y < r->y + r->h; y++)
		for (int x = r->x; x < r->x + r->w; x++) {
			size_t i = (size_t)y * m->width + x;
			if (m->bgmask[i] || al_de76_sq(m->lab + i * 3, p->seen_on) < lim2)
				continue;
			x0 = MIN(x0, x);
			x1 = MAX(x1, x);
			y0 = MIN(y0, y);
			y1 = MAX(y1, y);
		}
	if (x1 - x0 + 1 < 3 || y1 - y0 + 1 < 3)
		return;
	*r = (al_region){ x0, y0, x1 - x0 + 1, y1 - y0 + 1 };
	p->bbox = *r;
	p->aspect = (double)r->w / r->h;
}
