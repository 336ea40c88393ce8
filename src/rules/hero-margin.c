/* hero-margin: content in the hero's free right margin ("am rechten Rand
 * des Logos 415 Pixel Leerraum lassen"): the marketplace overlays its own
 * text there. */
#include <stdlib.h>  /* abs */
#include "rules.h"
#include "regions.h"

static const al_param params[] = {
	{ "margin", 415.0, 0.0, 4000.0,
	  "width in px of the free zone at the right edge (x >= width - margin); also used by hero-contrast" },
	{ "min_pixels", 12.0, 1.0, 1e6,
	  "content pixels in the zone needed to flag (ignores lone specks and JPEG noise)" },
	{ "edge_step", 20.0, 1.0, 100.0,
	  "mixed (photo) backgrounds: CIE76 step between neighbours in the zone that counts as an edge" },
	{ "faint_step", 5.0, 1.0, 100.0,
	  "faint content: CIE76 between the mean colours of the 3x3 blocks 2 px to either side of a pixel that makes it an edge" },
	{ "faint_sharpness", 1.5, 1.0, 10.0,
	  "faint content: the blocks 5 px to either side may differ at most this many times as much as those 2 px away (a gradient or blur keeps rising)" },
	{ "faint_snr", 2.0, 0.0, 100.0,
	  "faint content: the step must be at least this many times the RMS spread of colour inside its two blocks" },
	{ "faint_min_component", 30.0, 1.0, 1e6,
	  "faint content: groups of fewer edge pixels than this (linked across gaps of 1 px) are blotches, not outlines" },
	{ "max_texture", 0.15, 0.0, 1.0,
	  "faint content is looked for only when at most this share of the zone's background steps by faint_step / 2 or more (not a photo or grain)" },
	{ "min_component", 5.0, 1.0, 1e6,
	  "groups of fewer content pixels than this (8-connected) are specks and not counted" },
	{ "min_specks", 8.0, 0.0, 1e6,
	  "plain backgrounds: at least this many specks of 2 px or more lying on a grid (a pattern of dots, not scattered noise) count after all; 0: never" },
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

static int cmp_float(const void *a, const void *b)
{
	float x = *(const float *)a, y = *(const float *)b;
	return (x > y) - (x < y);
}

/* Sorts @v and counts its distinct values, values within 0.25 px of the
 * previous one being the same. */
static int distinct(float *v, int n)
{
	int d = 0;
	qsort(v, (size_t)n, sizeof *v, cmp_float);
	for (int i = 0; i < n; i++)
		d += i == 0 || v[i] - v[i - 1] > 0.25f;
	return d;
}

/* Do @n specks centred at (@cx[i], @cy[i]) lie on a grid: the dots of
 * one column share their x centre exactly (drawn at the same sub-pixel
 * offset), those of one row their y, so the distinct x centres times the
 * distinct y centres stay near @n (a full grid: equal; a dotted line:
 * equal), where scattered specks give about n^2.  Allowing 2n leaves
 * room for a ragged or partly covered grid.  Sorts the arrays. */
static bool is_grid(float *cx, float *cy, int n)
{
	return (double)distinct(cx, n) * distinct(cy, n) <= 2.0 * n;
}

/* The first byte of @p from @s on that is not 0, or @n: sixteen bytes a
 * step (SSE2), and four steps at a time while all are 0.  The passes over
 * a zone's masks (most of a free margin is empty) skip its 0 bytes here:
 * a 0 byte is one they pass over anyway. */
static inline size_t nonzero_from(const uint8_t *p, size_t s, size_t n)
{
	/* within a shape, byte after byte is set */
	if (s >= n || p[s])
		return s;
#ifdef __SSE2__
	const __m128i z = _mm_setzero_si128();
#define LD(k) _mm_loadu_si128((const __m128i *)(const void *)(p + s + 16 * (k)))
	for (; s + 64 <= n; s += 64)
		if (_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_or_si128(_mm_or_si128(LD(0), LD(1)),
		                                                  _mm_or_si128(LD(2), LD(3))), z)) != 0xFFFF)
			break;
	for (; s + 16 <= n; s += 16) {
		unsigned set = ~(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(LD(0), z)) & 0xFFFFu;
		if (set)
			return s + (size_t)__builtin_ctz(set);
	}
#undef LD
#endif
	while (s < n && !p[s])
		s++;
	return s;
}

/* Clears the groups of @hit (zw x h) smaller than @min_size, a group
 * being the pixels linked by steps of at most @reach px in x and y (1:
 * 8-connected), and, when @grid_x0 >= 0 (the image x of the zone's first
 * column, for a JPEG), the groups that lie at least 90 % on the borders
 * of its 8 x 8 blocks.  When @pattern > 0 and @centres (room for zw x h
 * floats) is given, small groups of 2 px or more are kept after all if
 * they form a grid (see is_grid): a grid of dots is artwork, scattered
 * specks are noise.  Returns the pixels left and their box in zone
 * coordinates.  @queue: room for zw x h indices. */
static int drop_specks(uint8_t *hit, int zw, int h, int min_size, int reach,
                       int grid_x0, int pattern, float *centres, guint32 *queue,
                       al_region *box)
{
	size_t n = (size_t)zw * h;
	int left = 0, x0 = zw, y0 = h, x1 = -1, y1 = -1, specks = 0;
	if (!centres)
		pattern = 0;
	/* 1 = unvisited hit, 2 = kept, 4 = a speck of 2+ px, 0 = none */
	for (size_t s = 0; (s = nonzero_from(hit, s, n)) < n; s++) {
		if (hit[s] != 1)
			continue;
		size_t head = 0, tail = 0;
		hit[s] = 3; /* visiting */
		queue[tail++] = (guint32)s;
		while (head < tail) {
			/* 32-bit: one division, cheaper than a 64-bit one */
			guint32 p = queue[head++];
			int x = (int)(p % (guint32)zw), y = (int)(p / (guint32)zw);
			if (x >= reach && y >= reach && x + reach < zw && y + reach < h &&
			    !al__hero_margin_specks_checked) {
				/* inside: the same steps without the bounds tests */
				for (int dy = -reach; dy <= reach; dy++) {
					size_t r = p + (ptrdiff_t)dy * zw;
					for (int dx = -reach; dx <= reach; dx++) {
						size_t q = r + (ptrdiff_t)dx;
						if (hit[q] == 1) {
							hit[q] = 3;
							queue[tail++] = (guint32)q;
						}
					}
				}
				continue;
			}
			for (int dy = -reach; dy <= reach; dy++)
				for (int dx = -reach; dx <= reach; dx++) {
					int nx = x + dx, ny = y + dy;
					if (nx < 0 || ny < 0 || nx >= zw || ny >= h)
						continue;
					size_t q = (size_t)ny * zw + nx;
					if (hit[q] == 1) {
						hit[q] = 3;
						queue[tail++] = (guint32)q;
					}
				}
		}
		uint8_t v = tail >= (size_t)min_size ? 2 : 0;
		if (!v && pattern > 0 && tail >= 2 && (size_t)specks * 2 + 1 < n) {
			double cx = 0, cy = 0;
			for (size_t k = 0; k < tail; k++) {
				cx += (double)(queue[k] % zw);
				cy += (double)(queue[k] / zw);
			}
			/* x centres in the first half, y in the second */
			centres[specks] = (float)(cx / (double)tail);
			centres[n / 2 + (size_t)specks] = (float)(cy / (double)tail);
			v = 4;
			specks++;
		}
		if (v && grid_x0 >= 0) {
			/* JPEG blocking: a group lying on the boundaries of the
			 * 8 x 8 blocks (the last and first row or column of
			 * each) is compression, not a shape */
			size_t on = 0;
			for (size_t k = 0; k < tail; k++) {
				int gx = (int)(queue[k] % zw) + grid_x0, gy = (int)(queue[k] / zw);
				on += (gx + 1) % 8 < 2 || (gy + 1) % 8 < 2;
			}
			if (on * 10 >= tail * 9)
				v = 0;
		}
		for (size_t k = 0; k < tail; k++) {
			hit[queue[k]] = v;
			if (v == 2) {
				int x = (int)(queue[k] % zw), y = (int)(queue[k] / zw);
				x0 = MIN(x0, x);
				x1 = MAX(x1, x);
				y0 = MIN(y0, y);
				y1 = MAX(y1, y);
			}
		}
		if (v == 2)
			left += (int)tail;
	}
	bool grid = pattern > 0 && specks >= pattern &&
	            is_grid(centres, centres + n / 2, specks);
	for (size_t s = 0; specks > 0 && (s = nonzero_from(hit, s, n)) < n; s++) {
		if (hit[s] != 4)
			continue;
		hit[s] = grid ? 2 : 0;
		if (hit[s]) {
			int x = (int)(s % zw), y = (int)(s / zw);
			x0 = MIN(x0, x);
			x1 = MAX(x1, x);
			y0 = MIN(y0, y);
			y1 = MAX(y1, y);
			left++;
		}
	}
	*box = left ? (al_region){ x0, y0, x1 - x0 + 1, y1 - y0 + 1 } : (al_region){ 0, 0, 0, 0 };
	return left;
}

/* A 3x3 block: mean Lab, mean squared CIE76 of its pixels to that mean,
 * and whether all its pixels are background. */
enum { B_L, B_A, B_B, B_VAR, B_BG, B_N };

/* Squared CIE76 of two Lab triples. */
static inline float de2(const float *a, const float *b)
{
	float d0 = a[0] - b[0], d1 = a[1] - b[1], d2 = a[2] - b[2];
	return d0 * d0 + d1 * d1 + d2 * d2;
}

/* A column's sums in block_row(): B_N floats and whether they repeat the
 * column's on the left (1.0f or 0.0f). */
enum { COL_SAME = B_N, COL_N };

/* The plain version of block_row() below, kept for the tests: the blocks
 * centred on row @y, columns x0 .. x1 (each block's columns
 * x-1 .. x+1 inside the image), into out[(x - x0) * B_N]: column sums of
 * the three rows first (@col, room for (x1 - x0 + 3) * COL_N), then three
 * columns each.  A column whose three pixels repeat those on its left
 * (m->run: the same RGBA, so the same Lab, to the bit) in the same
 * background states has the same sums: they are copied, and so is a
 * block whose columns repeat the previous block's.  Most of a hero is
 * flat, and this is the same arithmetic on the same values as summing
 * every column. */
static void block_row_plain(const al_measure *m, int y, int x0, int x1, float *col, float *out)
{
	int w = m->width;
	size_t up = (size_t)(y - 1) * w, mid = up + w, dn = mid + w;
	const uint8_t *run = m->run, *bg = m->bgmask;
	for (int x = x0 - 1; x <= x1 + 1; x++) {
		float *c = col + (size_t)(x - x0 + 1) * COL_N;
		if (x > x0 - 1 && run[up + x] && run[mid + x] && run[dn + x] &&
		    (bg[up + x] == 1) == (bg[up + x - 1] == 1) &&
		    (bg[mid + x] == 1) == (bg[mid + x - 1] == 1) &&
		    (bg[dn + x] == 1) == (bg[dn + x - 1] == 1)) {
			memcpy(c, c - COL_N, B_N * sizeof *c);
			c[COL_SAME] = 1.0f;
			continue;
		}
		c[0] = c[1] = c[2] = c[B_VAR] = c[B_BG] = c[COL_SAME] = 0;
		for (int yy = y - 1; yy <= y + 1; yy++) {
			size_t i = (size_t)yy * w + x;
			const float *l = m->lab + i * 3;
			c[0] += l[0];
			c[1] += l[1];
			c[2] += l[2];
			c[B_VAR] += l[0] * l[0] + l[1] * l[1] + l[2] * l[2];
			/* a frame (2: its lines, a rounded frame's arcs) is no
			 * background block: its steps are its own edges */
			c[B_BG] += m->bgmask[i] == 1;
		}
	}
	for (int x = x0; x <= x1; x++) {
		const float *a = col + (size_t)(x - x0) * COL_N;
		float *o = out + (size_t)(x - x0) * B_N;
		/* columns x - 1 .. x + 1 repeat x - 2 .. x: the block x - 1 */
		if (x > x0 && a[COL_SAME] != 0 && a[COL_N + COL_SAME] != 0 &&
		    a[2 * COL_N + COL_SAME] != 0) {
			memcpy(o, o - B_N, B_N * sizeof *o);
			continue;
		}
		float mean2 = 0;
		for (int c = 0; c < 3; c++) {
			o[c] = (a[c] + a[COL_N + c] + a[2 * COL_N + c]) / 9.0f;
			mean2 += o[c] * o[c];
		}
		float sq = (a[B_VAR] + a[COL_N + B_VAR] + a[2 * COL_N + B_VAR]) / 9.0f;
		o[B_VAR] = MAX(0.0f, sq - mean2);
		o[B_BG] = a[B_BG] + a[COL_N + B_BG] + a[2 * COL_N + B_BG] == 9;
	}
}

/* block_row()'s passes, restrict parameters (gcc ignores it on locals). */
static void col_sums(int n, const float *restrict lu, const float *restrict lm,
                     const float *restrict ld, const uint8_t *restrict gu,
                     const uint8_t *restrict gm, const uint8_t *restrict gd,
                     float *restrict cl, float *restrict ca, float *restrict cb,
                     float *restrict cv, float *restrict cg)
{
	for (int k = 0; k < n; k++) {
		float u0 = lu[3 * k], u1 = lu[3 * k + 1], u2 = lu[3 * k + 2];
		float m0 = lm[3 * k], m1 = lm[3 * k + 1], m2 = lm[3 * k + 2];
		float d0 = ld[3 * k], d1 = ld[3 * k + 1], d2 = ld[3 * k + 2];
		cl[k] = ((0.0f + u0) + m0) + d0;
		ca[k] = ((0.0f + u1) + m1) + d1;
		cb[k] = ((0.0f + u2) + m2) + d2;
		float su = u0 * u0 + u1 * u1 + u2 * u2, sm = m0 * m0 + m1 * m1 + m2 * m2,
		      sd = d0 * d0 + d1 * d1 + d2 * d2;
		cv[k] = ((0.0f + su) + sm) + sd;
	}
	/* apart: with the bytes above, gcc vectorises 2 floats at a time */
	for (int k = 0; k < n; k++)
		cg[k] = (float)((gu[k] == 1) + (gm[k] == 1) + (gd[k] == 1));
}

static void block_sums(int n, const float *restrict cl, const float *restrict ca,
                       const float *restrict cb, const float *restrict cv,
                       const float *restrict cg, float *restrict out)
{
	for (int k = 0; k < n - 2; k++) {
		float o0 = (cl[k] + cl[k + 1] + cl[k + 2]) / 9.0f;
		float o1 = (ca[k] + ca[k + 1] + ca[k + 2]) / 9.0f;
		float o2 = (cb[k] + cb[k + 1] + cb[k + 2]) / 9.0f;
		float mean2 = ((0.0f + o0 * o0) + o1 * o1) + o2 * o2;
		float sq = (cv[k] + cv[k + 1] + cv[k + 2]) / 9.0f;
		float *o = out + (size_t)k * B_N;
		o[B_L] = o0;
		o[B_A] = o1;
		o[B_B] = o2;
		o[B_VAR] = MAX(0.0f, sq - mean2);
		o[B_BG] = cg[k] + cg[k + 1] + cg[k + 2] == 9;
	}
}

/* The blocks centred on row @y, columns x0 .. x1 (each block's columns
 * x-1 .. x+1 inside the image), into out[(x - x0) * B_N], the same floats
 * as block_row_plain(): column sums of the three rows first, then three
 * columns each, every sum added in the same order (rows top down, from
 * 0; columns left to right).  Here without branches, in arrays of one sum
 * each (@col: room for (x1 - x0 + 3) * COL_N floats), which gcc -O3
 * vectorises across columns; the plain version copies repeated columns
 * instead, the same values (the same RGBA is the same Lab to the bit).
 * -std=c11: no contraction into FMA. */
static void block_row(const al_measure *m, int y, int x0, int x1, float *col, float *out)
{
	int w = m->width, n = x1 - x0 + 3;
	size_t up = (size_t)(y - 1) * w + (size_t)(x0 - 1), mid = up + w, dn = mid + w;
	float *cl = col, *ca = col + n, *cb = col + 2 * (size_t)n, *cv = col + 3 * (size_t)n,
	      *cg = col + 4 * (size_t)n;
	col_sums(n, m->lab + up * 3, m->lab + mid * 3, m->lab + dn * 3, m->bgmask + up,
	         m->bgmask + mid, m->bgmask + dn, cl, ca, cb, cv, cg);
	block_sums(n, cl, ca, cb, cv, cg, out);
}

/* For the tests: block_row() or block_row_plain() into @out. */
void al__hero_margin_block_row(const al_measure *m, int y, int x0, int x1, float *out, bool plain);
void al__hero_margin_block_row(const al_measure *m, int y, int x0, int x1, float *out, bool plain)
{
	float *col = malloc((size_t)(x1 - x0 + 3) * COL_N * sizeof *col);
	if (!col)
		abort();
	(plain ? block_row_plain : block_row)(m, y, x0, x1, col, out);
	free(col);
}

typedef struct {
	float step, sharp, snr;
	int min_size;
	bool jpeg;               /* a JPEG in its stored orientation */
} faint_rule;

/* The squared step between the blocks @a and @b 2 px to either side of a
 * pixel, with @a5 and @b5 the blocks 5 px to either side (NULL when
 * outside the zone or the frame), or -1 when a block is not background.
 * *@edge: the step is a faint edge (see faint_edges). */
static float faint_step(const float *a, const float *b, const float *a5,
                        const float *b5, const faint_rule *fr, bool *edge)
{
	*edge = false;
	if (a[B_BG] == 0 || b[B_BG] == 0)
		return -1;
	float d = de2(a, b);
	if (d < fr->step * fr->step)
		return d;
	/* sharp: a ramp keeps rising farther out, a step does not (and
	 * where that cannot be seen, next to the edge or a frame, where JPEG
	 * blocks smear a frame line's colour, no faint edge is claimed) */
	if (!a5 || !b5 || a5[B_BG] == 0 || b5[B_BG] == 0 ||
	    de2(a5, b5) > fr->sharp * fr->sharp * d)
		return d;
	/* and clear of the texture inside the blocks */
	if (d < fr->snr * fr->snr * 0.5f * (a[B_VAR] + b[B_VAR]))
		return d;
	*edge = true;
	return d;
}

/* See rules.h: tests set them to compare the shortcut with the full scan. */
bool al__hero_margin_full_scan;
bool al__hero_margin_flat7_scalar;
bool al__hero_margin_specks_checked;
al_hero_margin_probe *al__hero_margin_probe;

/* Marks in @u (zw x h, zone coordinates; x = zx + column) the pixels whose
 * 7x7 neighbourhood lies inside the image and is one exact RGBA with one
 * background state (bgmask zero or not) throughout.  There every block
 * faint_edges compares for the pixel, 2 px to either side or above and
 * below, sums the same colours in the same order: the two blocks are
 * equal to the last bit, their step is 0 and their background test the
 * pixel's own, so the pixel is measured, untextured and no edge without
 * computing a block.
 * Row by row, in passes without branches (vectorised): a centre's row of
 * 7 is one RGBA (m->run) and one background state (the 7 states sum to 0
 * or 7); @cnt counts the rows in a row, up to 7, whose 7 pass and whose
 * centre repeats the one above, in RGBA and state.  @cnt, @st: room for w
 * bytes each; @ok: room for w bytes. */
static void flat7(const al_measure *m, int zx, uint8_t *u, uint8_t *restrict cnt,
                  uint8_t *restrict st, uint8_t *restrict ok)
{
	int w = m->width, h = m->height, zw = w - zx;
	/* centres: x0 .. x1, their boxes inside the image */
	int x0 = MAX(zx, 3), x1 = w - 4;
	if (x1 < x0 || h < 7)
		return;
	memset(cnt, 0, (size_t)w);
	for (int y = 0; y < h; y++) {
		size_t row = (size_t)y * w;
		const uint8_t *restrict run = m->run + row, *restrict bg = m->bgmask + row;
		const uint8_t *restrict px = m->rgba + row * 4;
		const uint8_t *restrict up = y > 0 ? px - (size_t)w * 4 : px;
		const uint8_t *restrict bgu = y > 0 ? bg - w : bg;
		for (int x = x0 - 3; x <= x1 + 3; x++)
			st[x] = bg[x] != 0;
		/* the centre against the one above (row 0: none) */
		uint8_t first = y == 0;
		uint8_t *restrict o = y >= 6 ? u + (size_t)(y - 3) * zw - zx : NULL;
		int x = x0;
#ifdef __SSE2__
		/* sixteen centres at a time, the passes below in bytes (gcc
		 * widens their int sums to 32 bits): the same bytes */
		if (!al__hero_margin_flat7_scalar) {
			const __m128i one = _mm_set1_epi8(1), six = _mm_set1_epi8(6),
			              seven = _mm_set1_epi8(7), zero = _mm_setzero_si128();
			const __m128i later = first ? zero : _mm_set1_epi8(-1);
#define LD(p) _mm_loadu_si128((const __m128i *)(const void *)(p))
			for (; x + 16 <= x1 + 1; x += 16) {
				__m128i s = _mm_add_epi8(_mm_add_epi8(LD(st + x - 3), LD(st + x - 2)),
				                         _mm_add_epi8(LD(st + x - 1), LD(st + x)));
				s = _mm_add_epi8(s, _mm_add_epi8(_mm_add_epi8(LD(st + x + 1), LD(st + x + 2)),
				                                 LD(st + x + 3)));
				__m128i r = LD(run + x + 3);
				__m128i okm = _mm_and_si128(_mm_cmpeq_epi8(_mm_max_epu8(r, six), r),
				                            _mm_or_si128(_mm_cmpeq_epi8(s, zero),
				                                         _mm_cmpeq_epi8(s, seven)));
				/* the 16 RGBA centres against those above, as bytes */
				const uint8_t *pa = px + (size_t)x * 4, *pb = up + (size_t)x * 4;
				__m128i e0 = _mm_cmpeq_epi32(LD(pa), LD(pb));
				__m128i e1 = _mm_cmpeq_epi32(LD(pa + 16), LD(pb + 16));
				__m128i e2 = _mm_cmpeq_epi32(LD(pa + 32), LD(pb + 32));
				__m128i e3 = _mm_cmpeq_epi32(LD(pa + 48), LD(pb + 48));
				__m128i eq = _mm_packs_epi16(_mm_packs_epi32(e0, e1), _mm_packs_epi32(e2, e3));
				/* st (0/1) against bgu != 0: both zero or both not */
				__m128i st_eq = _mm_cmpeq_epi8(_mm_cmpeq_epi8(LD(st + x), zero),
				                               _mm_cmpeq_epi8(LD(bgu + x), zero));
				__m128i c0 = LD(cnt + x);
				__m128i same = _mm_andnot_si128(_mm_cmpeq_epi8(c0, zero),
				                                _mm_and_si128(_mm_and_si128(eq, st_eq), later));
				__m128i inc = _mm_min_epu8(_mm_add_epi8(c0, one), seven);
				__m128i c = _mm_or_si128(_mm_and_si128(same, inc), _mm_andnot_si128(same, one));
				c = _mm_and_si128(okm, c);
				_mm_storeu_si128((__m128i *)(void *)(cnt + x), c);
				if (o) {
					__m128i ov = LD(o + x);
					ov = _mm_or_si128(ov, _mm_and_si128(_mm_cmpeq_epi8(c, seven), one));
					_mm_storeu_si128((__m128i *)(void *)(o + x), ov);
				}
			}
#undef LD
		}
#endif
		/* the rest: the row's 7 around each centre */
		for (int xx = x; xx <= x1; xx++) {
			int s = st[xx - 3] + st[xx - 2] + st[xx - 1] + st[xx] + st[xx + 1] +
			        st[xx + 2] + st[xx + 3];
			ok[xx] = (uint8_t)((run[xx + 3] >= 6) & ((s == 0) | (s == 7)));
		}
		/* the centre against the one above */
		for (int xx = x; xx <= x1; xx++) {
			uint32_t a, b;
			memcpy(&a, px + (size_t)xx * 4, 4);
			memcpy(&b, up + (size_t)xx * 4, 4);
			uint8_t same = (uint8_t)((cnt[xx] > 0) & (a == b) & (st[xx] == (bgu[xx] != 0)) &
			                         !first);
			uint8_t c = (uint8_t)(same ? (cnt[xx] < 7 ? cnt[xx] + 1 : 7) : 1);
			cnt[xx] = ok[xx] ? c : 0;
		}
		if (!o)
			continue;
		for (int xx = x; xx <= x1; xx++)
			o[xx] |= (uint8_t)(cnt[xx] == 7);
		if (al__hero_margin_probe)
			for (int xx = x0; xx <= x1; xx++)
				al__hero_margin_probe->flat_hash =
					(al__hero_margin_probe->flat_hash ^ (uint64_t)(o[xx] != 0)) *
					0x100000001b3u;
	}
}

/* See rules.h. */
void al__hero_margin_flat7(const al_measure *m, int zx, uint8_t *u, bool scalar)
{
	uint8_t *buf = g_new(uint8_t, (size_t)m->width * 3);
	bool was = al__hero_margin_flat7_scalar;
	al__hero_margin_flat7_scalar = scalar;
	flat7(m, zx, u, buf, buf + m->width, buf + 2 * (size_t)m->width);
	al__hero_margin_flat7_scalar = was;
	g_free(buf);
}

/* See rules.h. */
int al__hero_margin_drop_specks(uint8_t *hit, int zw, int h, int min_size, int reach,
                                int grid_x0, int pattern, al_region *box, bool checked)
{
	size_t n = (size_t)zw * h;
	guint32 *queue = g_new(guint32, n);
	float *centres = pattern > 0 ? g_new(float, n) : NULL;
	bool was = al__hero_margin_specks_checked;
	al__hero_margin_specks_checked = checked;
	int left = drop_specks(hit, zw, h, min_size, reach, grid_x0, pattern, centres, queue, box);
	al__hero_margin_specks_checked = was;
	g_free(centres);
	g_free(queue);
	return left;
}

/* faint_edges()'s pixels that need blocks, row by row: up to SEG_MAX
 * segments (first and last column) that hold them all, a gap of at most
 * SEG_GAP - 1 px closed (the blocks 5 px to either side of its ends meet
 * anyway); a row with more keeps -1 and is taken whole (its first to last
 * pixel).  Pixels come in order. */
enum { SEG_MAX = 6, SEG_GAP = 11, HULL_NARROW = 4 * SEG_GAP };
static inline void seg_add(int *seg, int *n, int x)
{
	if (*n < 0)
		return;
	if (*n > 0 && x - seg[2 * *n - 1] <= SEG_GAP) {
		seg[2 * *n - 1] = x;
		return;
	}
	if (*n == SEG_MAX) {
		*n = -1;
		return;
	}
	seg[2 * *n] = seg[2 * *n + 1] = x;
	(*n)++;
}

/* Faint content: marks a background pixel of the zone [zx, w) when the
 * mean colours of the 3x3 blocks 2 px to its left and right, or above and
 * below, differ by at least fr->step (CIE76), both blocks lie in the
 * background region, the step is sharp (the blocks 5 px away differ by at
 * most fr->sharp times as much: a gradient or a blur keeps rising) and it
 * stands out of the blocks' own texture (at least fr->snr times their RMS
 * spread).  The blocks average out JPEG noise and dither; a smooth
 * gradient changes by a fraction of the step over 4 px; the edge of a
 * shape a few CIE76 from its surroundings (which the background region's
 * tolerance and step swallow) does not.  Blocks lie inside the zone and
 * inside any frame lines, so artwork ending left of the zone, and the
 * frame, never count; blocks in the background only, so clear artwork is
 * not widened by its own edges.
 * Groups of fewer than fr->min_size edge pixels (linked across gaps of
 * 1 px, so the letters of a faint word are one group) are dropped: the
 * outline of a shape is long, a blotch of a blurred photo is not; in a
 * JPEG, so are groups lying on the borders of its 8 x 8 blocks (blocking
 * of a smooth area).  A textured zone (a photograph, a grain) has steps
 * everywhere: when more than @max_texture of the measured pixels step by
 * fr->step / 2 or more, nothing is marked (its clear edges are
 * edge_step's business).
 * Flat pixels (see flat7) take the shortcut, and blocks are computed only
 * in the columns the other pixels of the rows 5 above to 5 below reach
 * (5 px to either side of the segments that hold them, seg_add()): the
 * same result, for about a tenth of the work on a plain hero.
 * Returns the pixels it marked, or -1 when out of memory; *@grain tells
 * whether the zone was a texture.  @queue: room for zw x h indices. */
static int faint_edges(const al_measure *m, int zx, const faint_rule *fr,
                       double max_texture, guint32 *queue, uint8_t *hit,
                       bool *grain)
{
	enum { R = 11, MID = 5 }; /* rows kept: yc - 5 .. yc + 5 */
	int w = m->width, h = m->height, zw = w - zx, marked = 0;
	/* pixels whose 3x3 block lies inside the zone (bx0) and the frame;
	 * the far blocks of the sharpness test may reach 3 px left of the
	 * zone (fx0), so a step 3 px inside the zone is tested too */
	int bx0 = MAX(zx, m->frame[AL_SIDE_LEFT]) + 1;
	int fx0 = MAX(zx - 3, m->frame[AL_SIDE_LEFT]) + 1;
	int bx1 = w - 1 - m->frame[AL_SIDE_RIGHT] - 1;
	int by0 = m->frame[AL_SIDE_TOP] + 1, by1 = h - 1 - m->frame[AL_SIDE_BOTTOM] - 1;
	if (bx1 - bx0 < 4 || by1 - by0 < 4)
		return 0;
	int bw = bx1 - fx0 + 1;
	uint8_t *e = al_try_new0(uint8_t, (size_t)zw * h);
	uint8_t *u = al_try_new0(uint8_t, (size_t)zw * h);
	uint8_t *cnt = al_try_new(uint8_t, (size_t)w * 3);
	/* per row, the columns lo .. hi of its pixels that need blocks */
	int *lo = al_try_new(int, (size_t)h * 2), *hi = lo ? lo + h : NULL;
	/* ... and in segments (seg_add()): nseg[y] of them at seg + y * 2 *
	 * SEG_MAX; same[y]: row y's are row y - 1's */
	int *seg = al_try_new(int, (size_t)h * (2 * SEG_MAX + 2));
	int *nseg = seg ? seg + (size_t)h * 2 * SEG_MAX : NULL, *same = nseg ? nseg + h : NULL;
	size_t measured = 0, textured = 0;
	float *rows = al_try_new(float, (size_t)R * bw * B_N);
	float *col = al_try_new(float, (size_t)(bw + 2) * COL_N);
	if (!e || !u || !cnt || !lo || !seg || !rows || !col) {
		marked = -1;
		goto out;
	}
	if (!al__hero_margin_full_scan)
		flat7(m, zx, u, cnt, cnt + w, cnt + 2 * (size_t)w);
	/* the flat pixels are counted here, the others listed by row */
	for (int y = 0; y < h; y++) {
		lo[y] = w;
		hi[y] = -1;
		nseg[y] = 0;
		same[y] = 0;
		if (y < by0 || y > by1)
			continue;
		bool v2 = y - 2 >= by0 && y + 2 <= by1;
		const uint8_t *bg = m->bgmask + (size_t)y * w;
		const uint8_t *fl = u + (size_t)y * zw;
		/* flat: both steps 0 and both blocks background; measured
		 * when a step can be taken, across (x - 2 .. x + 2 in bx0 ..
		 * bx1) or, on rows v2, down.  The others: their first and
		 * last column.  One pass without branches (vectorised) */
		unsigned flat = 0, ends = 0;
		int first = w, last = -1, x = bx0, *sg = seg + (size_t)y * 2 * SEG_MAX;
#ifdef __SSE2__
		/* sixteen pixels at a time: byte masks of background (bgmask
		 * holds 0, 1 or 2) and flat (u holds 0 or 1), the flat ones
		 * summed by _mm_sad_epu8; the others' ends added to the
		 * segments by halves of eight, as eight at a time below adds
		 * them */
		const __m128i z = _mm_setzero_si128(), one = _mm_set1_epi8(1);
		__m128i fsum = z;
		for (; x + 16 <= bx1 + 1; x += 16) {
			__m128i bz = _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)(bg + x)), z);
			__m128i fz = _mm_cmpeq_epi8(
				_mm_loadu_si128((const __m128i *)(const void *)(fl + (x - zx))), z);
			/* background and flat: neither byte 0 */
			fsum = _mm_add_epi64(fsum, _mm_sad_epu8(_mm_andnot_si128(_mm_or_si128(bz, fz), one), z));
			/* background, not flat */
			unsigned other = (unsigned)_mm_movemask_epi8(_mm_andnot_si128(bz, fz));
			if (!other)
				continue;
			first = MIN(first, x + __builtin_ctz(other));
			last = x + 31 - __builtin_clz(other);
			for (int half = 0; half < 16; half += 8) {
				unsigned o8 = (other >> half) & 0xFFu;
				if (o8) {
					seg_add(sg, &nseg[y], x + half + __builtin_ctz(o8));
					seg_add(sg, &nseg[y], x + half + 31 - __builtin_clz(o8));
				}
			}
		}
		flat += (unsigned)_mm_cvtsi128_si32(fsum) + (unsigned)_mm_cvtsi128_si32(_mm_srli_si128(fsum, 8));
#endif
		/* eight pixels at a time: bytes of 0 or 1 (bgmask holds 0, 1
		 * or 2; u 0 or 1), little-endian bit order */
		for (; G_BYTE_ORDER == G_LITTLE_ENDIAN && x + 8 <= bx1 + 1; x += 8) {
			const uint64_t ones = 0x0101010101010101u;
			uint64_t bv, fv;
			memcpy(&bv, bg + x, 8);
			memcpy(&fv, fl + (x - zx), 8);
			bv = (bv | bv >> 1) & ones;
			fv &= ones;
			flat += (unsigned)(((bv & fv) * ones) >> 56); /* the bytes' sum */
			uint64_t other = bv & ~fv;
			if (other) {
				first = MIN(first, x + __builtin_ctzll(other) / 8);
				last = x + (63 - __builtin_clzll(other)) / 8;
			}
			/* their gaps are under SEG_GAP: adding the first and
			 * the last is adding them all */
			if (other) {
				seg_add(sg, &nseg[y], x + __builtin_ctzll(other) / 8);
				seg_add(sg, &nseg[y], x + (63 - __builtin_clzll(other)) / 8);
			}
		}
		for (; x <= bx1; x++) {
			unsigned b = bg[x] != 0, f = fl[x - zx] != 0;
			flat += b & f;
			first = MIN(first, (b & !f) ? x : w);
			last = MAX(last, (b & !f) ? x : -1);
			if (b & !f)
				seg_add(sg, &nseg[y], x);
		}
		/* less the flat pixels within 2 px of bx0 or bx1 (four:
		 * bx1 - bx0 >= 4) when no step down can be taken either */
		for (int k = 0; k < 4 && !v2; k++) {
			int xe = k < 2 ? bx0 + k : bx1 - 3 + k;
			ends += bg[xe] && fl[xe - zx];
		}
		measured += flat - ends;
		lo[y] = first;
		hi[y] = last;
		same[y] = y > by0 && nseg[y] >= 0 && nseg[y] == nseg[y - 1] &&
		          !memcmp(sg, sg - 2 * SEG_MAX, (size_t)nseg[y] * 2 * sizeof *sg);
	}
#define ROW(y) (rows + (size_t)((y) % R) * bw * B_N)
	for (int y = by0; y <= by1 + MID; y++) {
		if (y <= by1) {
			/* the blocks of row y that rows y - 5 .. y + 5 read */
			int a = w, b = -1, y0 = MAX(by0, y - MID), y1 = MIN(by1, y + MID);
			bool whole = false;
			for (int yy = y0; yy <= y1; yy++) {
				a = MIN(a, lo[yy] - 5);
				b = MAX(b, hi[yy] + 5);
				whole = whole || nseg[yy] < 0;
			}
			a = MAX(a, fx0);
			b = MIN(b, bx1);
			/* tests: what is not computed below must not be read
			 * (NaN passes for a sharp, clear step) */
			if (al__hero_margin_probe)
				for (size_t k = 0; k < (size_t)bw * B_N; k++)
					ROW(y)[k] = __builtin_nanf("");
			/* a hull narrower than HULL_NARROW px is taken whole:
			 * the gaps its segments leave are too few and narrow to
			 * pay for merging them (every block of the hull is the
			 * same arithmetic, so computing more changes nothing) */
			if (a <= b && (whole || b - a + 1 < HULL_NARROW)) {
				block_row(m, y, a, b, col, ROW(y) + (size_t)(a - fx0) * B_N);
			} else if (a <= b) {
				/* the rows' segments 5 px wider, merged in order of
				 * their first columns (each row's are in order; a
				 * row with the segments of the row above adds
				 * nothing) */
				int next[2 * MID + 1] = { 0 }, ca = 0, cb = -1;
				for (;;) {
					int best = -1, bs = INT_MAX;
					for (int yy = y0; yy <= y1; yy++) {
						if (yy > y0 && same[yy])
							continue;
						int j = next[yy - y0];
						const int *sg = seg + (size_t)yy * 2 * SEG_MAX;
						if (j < nseg[yy] && sg[2 * j] < bs) {
							bs = sg[2 * j];
							best = yy;
						}
					}
					int sa = 0, sb = -1;
					if (best >= 0) {
						const int *sg = seg + (size_t)best * 2 * SEG_MAX;
						int end = sg[2 * next[best - y0] + 1];
						next[best - y0]++;
						sa = MAX(fx0, bs - 5);
						sb = MIN(bx1, end + 5);
						if (cb >= ca && sa <= cb + 1) {
							cb = MAX(cb, sb);
							continue;
						}
					}
					if (cb >= ca)
						block_row(m, y, ca, cb, col,
						          ROW(y) + (size_t)(ca - fx0) * B_N);
					if (best < 0)
						break;
					ca = sa;
					cb = sb;
				}
			}
		}
		/* row yc has its rows up to 5 above and below */
		int yc = y - MID;
		if (yc < by0)
			continue;
		const float *c = ROW(yc);
		bool v2 = yc - 2 >= by0 && yc + 2 <= by1, v5 = yc - 5 >= by0 && yc + 5 <= by1;
		/* the other pixels lie in the row's segments (or, when it has
		 * too many, between its first and last) */
		const int *sg = seg + (size_t)yc * 2 * SEG_MAX;
		int ns = nseg[yc] < 0 ? 1 : nseg[yc];
		for (int sn = 0, x = 0, end = -1; sn < ns || x <= end; x++) {
			if (x > end) {
				x = nseg[yc] < 0 ? lo[yc] : sg[2 * sn];
				end = nseg[yc] < 0 ? hi[yc] : sg[2 * sn + 1];
				sn++;
			}
			size_t k = (size_t)(x - fx0) * B_N;
			float de = -1;
			bool edge = false, ev = false, h2 = x - 2 >= bx0 && x + 2 <= bx1;
			if (!m->bgmask[(size_t)yc * w + x] || u[(size_t)yc * zw + (x - zx)])
				continue;
			/* tests: every block it may read was computed (not NaN) */
			if (al__hero_margin_probe) {
				const float *r[8] = { h2 ? c + k - 2 * B_N : NULL,
				                      h2 ? c + k + 2 * B_N : NULL,
				                      h2 && x - 5 >= fx0 && x + 5 <= bx1 ? c + k - 5 * B_N : NULL,
				                      h2 && x - 5 >= fx0 && x + 5 <= bx1 ? c + k + 5 * B_N : NULL,
				                      v2 ? ROW(yc - 2) + k : NULL, v2 ? ROW(yc + 2) + k : NULL,
				                      v5 ? ROW(yc - 5) + k : NULL, v5 ? ROW(yc + 5) + k : NULL };
				for (int q = 0; q < 8; q++)
					for (int f = 0; r[q] && f < B_N; f++)
						al__hero_margin_probe->stale += r[q][f] != r[q][f];
			}
			if (h2) {
				bool far = x - 5 >= fx0 && x + 5 <= bx1;
				de = faint_step(c + k - 2 * B_N, c + k + 2 * B_N,
				                far ? c + k - 5 * B_N : NULL,
				                far ? c + k + 5 * B_N : NULL, fr, &edge);
			}
			if (v2) {
				float dv = faint_step(ROW(yc - 2) + k, ROW(yc + 2) + k,
				                      v5 ? ROW(yc - 5) + k : NULL,
				                      v5 ? ROW(yc + 5) + k : NULL, fr, &ev);
				de = MAX(de, dv);
				edge = edge || ev;
			}
			if (de < 0)
				continue;
			measured++;
			textured += de >= 0.25f * fr->step * fr->step;
			e[(size_t)yc * zw + (x - zx)] = edge;
		}
	}
#undef ROW
	if (al__hero_margin_probe) {
		al__hero_margin_probe->measured = measured;
		al__hero_margin_probe->textured = textured;
		al__hero_margin_probe->edges = 0;
		for (size_t i = 0; i < (size_t)zw * h; i++)
			al__hero_margin_probe->edges += e[i];
	}
	al_region box;
	*grain = measured > 0 && (double)textured > max_texture * (double)measured;
	if (measured > 0 && (double)textured <= max_texture * (double)measured &&
	    drop_specks(e, zw, h, fr->min_size, 2, fr->jpeg ? zx : -1, 0, NULL, queue, &box) > 0)
		for (size_t i = 0; i < (size_t)zw * h; i++)
			if (e[i] && !hit[i]) {
				hit[i] = 1;
				marked++;
			}
out:
	g_free(col);
	g_free(rows);
	g_free(seg);
	g_free(lo);
	g_free(cnt);
	g_free(u);
	g_free(e);
	return marked;
}

/* Grain on a plain colour: in a zone that faint_edges found textured, a
 * content pixel of @hit (zw x h, zone coordinates) counts only when the
 * mean colour of its 3x3 block (inside the image) lies at least @tol
 * (CIE76) from the background around it: the mean of the background
 * pixels of its 7x7 neighbourhood when there are at least GRAIN_REF_MIN
 * of them, else the background colour.  A grain's stray pixels stand
 * out alone and their block averages back to the background; a shape's
 * pixels, and the pixels along its edge, do not.  Returns the pixels
 * dropped. */
#define GRAIN_BLOCK 1   /* 3x3 */
#define GRAIN_REF 3     /* 7x7 */
#define GRAIN_REF_MIN 8
static int drop_grain(const al_measure *m, int zx, float tol, uint8_t *hit)
{
	int w = m->width, h = m->height, zw = w - zx, dropped = 0;
	for (int y = 0; y < h; y++)
		for (int x = zx; x < w; x++) {
			uint8_t *o = hit + (size_t)y * zw + (x - zx);
			if (!*o)
				continue;
			double b[3] = { 0, 0, 0 }, r[3] = { 0, 0, 0 };
			int nb = 0, nr = 0;
			for (int yy = MAX(0, y - GRAIN_REF); yy <= MIN(h - 1, y + GRAIN_REF); yy++)
				for (int xx = MAX(0, x - GRAIN_REF); xx <= MIN(w - 1, x + GRAIN_REF); xx++) {
					size_t i = (size_t)yy * w + xx;
					const float *l = m->lab + i * 3;
					if (abs(yy - y) <= GRAIN_BLOCK && abs(xx - x) <= GRAIN_BLOCK) {
						for (int c = 0; c < 3; c++)
							b[c] += l[c];
						nb++;
					}
					if (m->bgmask[i]) {
						for (int c = 0; c < 3; c++)
							r[c] += l[c];
						nr++;
					}
				}
			float mb[3], mr[3];
			for (int c = 0; c < 3; c++) {
				mb[c] = (float)(b[c] / nb);
				mr[c] = nr >= GRAIN_REF_MIN ? (float)(r[c] / nr) : m->bg_lab[c];
			}
			if (al_de76(mb, mr) < tol) {
				*o = 0;
				dropped++;
			}
		}
	return dropped;
}

/* Clears in @hit (zw x h, zone coordinates) the partly transparent
 * pixels (alpha below 255) whose straight colour lies within @tol (CIE76)
 * of the background colour: the anti-aliased rim of a canvas with rounded
 * corners, which composited over white looks like something else.
 * Returns the pixels cleared. */
static int drop_soft_canvas_edge(const al_measure *m, int zx, float tol, uint8_t *hit)
{
	int w = m->width, h = m->height, zw = w - zx, dropped = 0;
	/* each pixel is decided on its own: the zone's few content pixels,
	 * row by row, the others passed by nonzero_from() */
	for (int y = 0; y < h; y++)
	for (size_t x = 0; (x = nonzero_from(hit + (size_t)y * zw, x, (size_t)zw)) < (size_t)zw; x++) {
		uint8_t *o = hit + (size_t)y * zw + x;
		const uint8_t *p = m->rgba + ((size_t)y * w + zx + x) * 4;
		if (p[3] == 255)
			continue;
		float lab[3];
		al_srgb_to_lab(p[0], p[1], p[2], lab);
		if (al_de76(lab, m->bg_lab) < tol) {
			*o = 0;
			dropped++;
		}
	}
	return dropped;
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
	int min_comp = (int)AL_PARAM(ctx, "min_component");
	float edge = (float)AL_PARAM(ctx, "edge_step");
	float faint = (float)AL_PARAM(ctx, "faint_step");
	int alpha_min = (int)al_param_get(ctx->opts, &al_rule_background_white,
	                                  "alpha_transparent");
	int zx = MAX(0, w - margin), zw = w - zx;
	uint8_t *hit = NULL;
	guint32 *queue = NULL;
	int faint_px = 0;
	size_t n = (size_t)MAX(zw, 0) * MAX(h, 0);

	if (zw <= 0 || h <= 0)
		goto out;
	hit = al_try_new(uint8_t, n);   /* every byte written below */
	queue = al_try_new(guint32, n);
	if (!hit || !queue) {
		al_check_failed(ctx, "out of memory for the margin masks of %zu pixels", n);
		goto out;
	}
	/* visible foreground; on a transparent canvas that is every visible
	 * pixel, enclosed transparent holes are not content (sixteen pixels
	 * at a time) */
	for (int y = 0; y < h; y++) {
		size_t i = (size_t)y * w + zx;
		al_visible_fg_row(m->rgba + i * 4, m->bgmask + i, zw, alpha_min,
		                  hit + (size_t)y * zw);
	}
	/* the canvas's own soft edge (rounded corners cut out of an opaque
	 * background): partly transparent pixels of the background's own
	 * straight colour are no content */
	if (m->bg_kind == AL_BG_COLOR)
		drop_soft_canvas_edge(m, zx, (float)al_param_get(ctx->opts, &al_rule_background_white,
		                                                  "bg_tolerance"), hit);
	for (int y = 0; y < h && m->bg_kind == AL_BG_MIXED; y++)
		for (int x = zx; x < w; x++) {
			size_t i = (size_t)y * w + x;
			/* photo backgrounds: edges between two zone pixels are
			 * content too (pairs straddling x = width - margin are not,
			 * so content ending just left of the zone stays clean) */
			if (x + 1 < w && al_de76(m->lab + i * 3, m->lab + (i + 1) * 3) >= edge)
				hit[(size_t)y * zw + (x - zx)] = hit[(size_t)y * zw + (x + 1 - zx)] = 1;
			if (y + 1 < h && al_de76(m->lab + i * 3, m->lab + (i + w) * 3) >= edge)
				hit[(size_t)y * zw + (x - zx)] = hit[(size_t)(y + 1) * zw + (x - zx)] = 1;
		}
	/* shapes a few CIE76 from a flat or smooth background: the background
	 * region's tolerance and step swallow them */
	if (m->bg_kind == AL_BG_COLOR || m->bg_kind == AL_BG_MIXED) {
		faint_rule fr = { faint, (float)AL_PARAM(ctx, "faint_sharpness"),
		                  (float)AL_PARAM(ctx, "faint_snr"),
		                  (int)AL_PARAM(ctx, "faint_min_component"),
		                  ctx->info && ctx->info->format == AL_FMT_JPEG &&
		                  ctx->info->orientation == 1 };
		bool grain = false;
		faint_px = faint_edges(m, zx, &fr, AL_PARAM(ctx, "max_texture"), queue, hit,
		                       &grain);
		if (faint_px < 0) {
			al_check_failed(ctx, "out of memory for the faint-edge planes of %zu pixels", n);
			goto out;
		}
		/* a grain on a plain colour: its stray pixels are no content */
		if (grain && m->bg_kind == AL_BG_COLOR)
			drop_grain(m, zx, (float)al_param_get(ctx->opts, &al_rule_background_white,
			                                      "bg_tolerance"), hit);
	}
	al_region box;
	/* a pattern of dots on a plain background is artwork; on a photo,
	 * specks are its grain */
	int pattern = m->bg_kind == AL_BG_MIXED ? 0 : (int)AL_PARAM(ctx, "min_specks");
	float *centres = pattern > 0 ? al_try_new(float, n) : NULL;
	if (pattern > 0 && !centres) {
		al_check_failed(ctx, "out of memory for the speck centres of %zu pixels", n);
		goto out;
	}
	int count = drop_specks(hit, zw, h, min_comp, 1, -1, pattern, centres, queue, &box);
	g_free(centres);
	if (count >= min_px) {
		int x0 = zx + box.x, x1 = zx + box.x + box.w - 1, y0 = box.y, y1 = box.y + box.h - 1;
		al_region r = { x0, y0, box.w, box.h };
		char why[160];
		al_hero_zone_why(ctx, why, sizeof why);
		al_emit(ctx, AL_SEV_OFF, &r, true, count, min_px,
		        "content in the free right margin: %d px of artwork%s inside x >= %d (box x %d..%d, y %d..%d; "
		        "limit: fewer than %d px): keep the right %d px free%s, move or shrink the artwork so it ends left of x = %d",
		        count, faint_px ? " or of edges of faint shapes" : "", zx, x0, x1, y0, y1,
		        min_px, zw, why, zx);
	}
out:
	g_free(queue);
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
