/* The text rule's second stage (see text_read.h and assetlint(1), rule
 * text): what OCR reads in a candidate line decides whether it is text. */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "text_read.h"
#include "regions.h"

/* Letters that bars, rings and dots of a pictogram are read as. */
static bool stroke_letter(gunichar c)
{
	return strchr("IlijoO", (int)c) != NULL && c < 128;
}


/* The capital that the digit @c is shaped like (0 O, 1 I, 5 S, 8 B: what
 * OCR swaps in small capitals), else @c. */
static gunichar digit_capital(gunichar c)
{
	switch (c) {
	case '0': return 'O';
	case '1': return 'I';
	case '5': return 'S';
	case '8': return 'B';
	default: return c;
	}
}

void al_text_word_core(const al_ocr_word *w, char *core, size_t len)
{
	const char *best = w->text, *best_end = w->text, *p = w->text;

	while (*p) {
		const char *q = p;
		while (*q && g_unichar_isalnum(g_utf8_get_char(q)))
			q = g_utf8_next_char(q);
		if (q - p > best_end - best) {
			best = p;
			best_end = q;
		}
		p = *q ? g_utf8_next_char(q) : q;
	}
	size_t n = MIN((size_t)(best_end - best), len - 1);
	/* whole characters only */
	while (n > 0 && (best[n] & 0xC0) == 0x80)
		n--;
	memcpy(core, best, n);
	core[n] = '\0';
}

bool al_text_is_word(const al_ocr_word *w, int min_letters, double min_conf)
{
	char core[AL_OCR_WORD_MAX];
	int letters = 0, digits = 0, kinds = 0;
	gunichar seen[3] = { 0 };
	int shaped = 0;

	if (w->conf < min_conf)
		return false;
	al_text_word_core(w, core, sizeof core);
	/* in capitals, a digit shaped like a capital is as likely that
	 * capital (capitals a few px high read "10T", "8PM", "5EO"): a core
	 * with capitals and no small letters takes them as those letters.
	 * An o is a ring as O and 0 are (fold_core()): it does not count as
	 * small ("1oT") */
	bool upper = false, lower = false;
	for (const char *p = core; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		upper |= g_unichar_isupper(c);
		lower |= g_unichar_islower(c) && c != 'o';
	}
	for (const char *p = core; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (upper && !lower)
			c = digit_capital(c);
		if (!g_unichar_isalpha(c)) {
			digits++;
			continue;
		}
		letters++;
		/* two of them more than strokes or rings: bars and rings read
		 * as "Ill", "all", "ooo", "mmm" */
		shaped += !stroke_letter(c);
		/* how many different letters (case aside), up to three */
		c = g_unichar_tolower(c);
		bool known = false;
		for (int k = 0; k < kinds && !known; k++)
			known = seen[k] == c;
		if (!known && kinds < 3)
			seen[kinds++] = c;
	}
	/* at least two different letters; a longer word may be mostly
	 * strokes ("Willow", "Hill"), and so may three different letters
	 * ("IoT", "OIL": a bar, a ring and a third shape) */
	return letters >= min_letters && digits <= letters && kinds >= 2 &&
	       (shaped >= 2 || (shaped >= 1 && (letters >= 4 || kinds >= 3)));
}

/* crop_ground(): a rim whose 3rd quartile lies within this of its median
 * colour (CIE76) is flat */
#define GROUND_FLAT_DE 6.0f
/* ... and the ground is fitted as a surface only for lines at least this
 * high: the rim of a smaller one lies a pixel or two from specks of a
 * texture that the fit would make crisp */
#define GROUND_FIT_MIN_H 10
/* ... and when GROUND_LOCAL_RIM of the crop's rim lies in the background
 * region, the ground is that region's local mean within max(this, half the
 * line's height) px */
#define GROUND_LOCAL_RIM 0.8
#define GROUND_LOCAL_R 4

static int cmp_float(const void *a, const void *b)
{
	float x = *(const float *)a, y = *(const float *)b;
	return (x > y) - (x < y);
}

/* The crop's colours as Lab, transparent pixels composited over a backdrop
 * that differs from what is drawn (black under light ink, else white). */
static float *crop_lab(const al_measure *m, const al_region *c)
{
	size_t n = (size_t)c->w * c->h;
	float *lab = g_new(float, n * 3);
	double lsum = 0, asum = 0;

	for (int y = 0; y < c->h; y++)
		for (int x = 0; x < c->w; x++) {
			size_t i = (size_t)(y + c->y) * m->width + (x + c->x);
			double a = m->rgba[i * 4 + 3] / 255.0;
			lsum += a * m->lab[i * 3];
			asum += a;
		}
	/* m->lab is over white: a light mark on transparency would vanish */
	double back = asum > 0 && lsum / asum > 60 ? 0 : 255;
	for (int y = 0; y < c->h; y++)
		for (int x = 0; x < c->w; x++) {
			size_t i = (size_t)(y + c->y) * m->width + (x + c->x);
			float *o = lab + ((size_t)y * c->w + x) * 3;
			const uint8_t *p = m->rgba + i * 4;
			if (p[3] == 255 || back == 255) {
				memcpy(o, m->lab + i * 3, sizeof(float) * 3);
				continue;
			}
			double a = p[3] / 255.0;
			uint8_t rgb[3];
			for (int k = 0; k < 3; k++)
				rgb[k] = (uint8_t)lround(p[k] * a + back * (1 - a));
			al_srgb_to_lab(rgb[0], rgb[1], rgb[2], o);
		}
	return lab;
}

/* Solves the @n x @n system @A x = @b (row-major, both overwritten) by
 * Gaussian elimination with partial pivoting.  Returns false when it is
 * singular. */
static bool solve(double *A, double *b, int n)
{
	for (int c = 0; c < n; c++) {
		int p = c;
		for (int r = c + 1; r < n; r++)
			if (fabs(A[r * n + c]) > fabs(A[p * n + c]))
				p = r;
		if (fabs(A[p * n + c]) < 1e-9)
			return false;
		for (int k = 0; k < n; k++) {
			double t = A[c * n + k];
			A[c * n + k] = A[p * n + k];
			A[p * n + k] = t;
		}
		double t = b[c];
		b[c] = b[p];
		b[p] = t;
		for (int r = 0; r < n; r++) {
			if (r == c)
				continue;
			double f = A[r * n + c] / A[c * n + c];
			for (int k = c; k < n; k++)
				A[r * n + k] -= f * A[c * n + k];
			b[r] -= f * b[c];
		}
	}
	for (int c = 0; c < n; c++)
		b[c] /= A[c * n + c];
	return true;
}

#define GROUND_TERMS 6

/* The terms of the ground's quadratic surface at (@x, @y) of a @w x @h
 * crop. */
static void ground_terms(int x, int y, int w, int h, double t[GROUND_TERMS])
{
	double u = (x + 0.5) / w - 0.5, v = (y + 0.5) / h - 0.5;
	t[0] = 1;
	t[1] = u;
	t[2] = v;
	t[3] = u * u;
	t[4] = v * v;
	t[5] = u * v;
}

/* Fits L*, a*, b* of the rim pixels of @lab (@w x @h) whose flag in @use
 * is set with a quadratic surface in x and y, into @coef (3 x
 * GROUND_TERMS).  Returns false when the fit is singular. */
static bool fit_ground(const float *lab, int w, int h, const uint8_t *use,
                       const int *rim, int n_rim, double *coef)
{
	double A[GROUND_TERMS * GROUND_TERMS] = { 0 }, B[3][GROUND_TERMS] = { { 0 } };

	for (int k = 0; k < n_rim; k++) {
		if (!use[k])
			continue;
		int i = rim[k], x = i % w, y = i / w;
		double t[GROUND_TERMS];
		ground_terms(x, y, w, h, t);
		for (int r = 0; r < GROUND_TERMS; r++) {
			for (int c = 0; c < GROUND_TERMS; c++)
				A[r * GROUND_TERMS + c] += t[r] * t[c];
			for (int ch = 0; ch < 3; ch++)
				B[ch][r] += t[r] * lab[(size_t)i * 3 + ch];
		}
	}
	for (int ch = 0; ch < 3; ch++) {
		double M[GROUND_TERMS * GROUND_TERMS];
		memcpy(M, A, sizeof M);
		if (!solve(M, B[ch], GROUND_TERMS))
			return false;
		memcpy(coef + ch * GROUND_TERMS, B[ch], sizeof B[ch]);
	}
	return true;
}

/* The distance (CIE76) of each rim pixel from the surface @coef, into
 * @out. */
static void rim_residuals(const float *lab, int w, int h, const int *rim,
                          int n_rim, const double *coef, float *out)
{
	for (int j = 0; j < n_rim; j++) {
		double t[GROUND_TERMS];
		float gl[3];
		ground_terms(rim[j] % w, rim[j] / w, w, h, t);
		for (int c = 0; c < 3; c++) {
			double v = 0;
			for (int q = 0; q < GROUND_TERMS; q++)
				v += coef[c * GROUND_TERMS + q] * t[q];
			gl[c] = (float)v;
		}
		out[j] = al_de76(lab + (size_t)rim[j] * 3, gl);
	}
}

/* The ground of every pixel of a @w x @h crop whose rim is @lab's: the
 * median colour of the rim when the rim is flat or @fit is false; else (a gradient, a glow
 * under the letters) a quadratic surface fitted to the rim, twice, the
 * second time without the rim pixels the first fit explains worst (ink
 * that touches the rim), when it explains the rim (3rd quartile of the
 * distances within GROUND_FLAT_DE); else (a photo, rings) the median.
 * Before the surface, when @local (crop_local()) is given and explains the
 * rim as well, the background region's local mean.  *smooth tells whether
 * the ground is other than the median, *busy whether the rim strays from
 * its median and nothing else explains it (a texture, a photo).  Returns
 * w*h*3 floats (g_free()). */
static float *crop_ground(const float *lab, int w, int h, bool fit,
                          const float *local, bool *smooth, bool *busy)
{
	int n_rim = 2 * (w + h) - 4;
	int *rim = g_new(int, n_rim);
	float *ch = g_new(float, n_rim);
	float med[3];
	size_t n = (size_t)w * h;
	float *ground = g_new(float, n * 3);
	int k = 0;

	for (int x = 0; x < w; x++) {
		rim[k++] = x;
		rim[k++] = (h - 1) * w + x;
	}
	for (int y = 1; y < h - 1; y++) {
		rim[k++] = y * w;
		rim[k++] = y * w + w - 1;
	}
	for (int c = 0; c < 3; c++) {
		for (int j = 0; j < n_rim; j++)
			ch[j] = lab[(size_t)rim[j] * 3 + c];
		qsort(ch, (size_t)n_rim, sizeof *ch, cmp_float);
		med[c] = ch[n_rim / 2];
	}
	/* how far the rim strays from its median: its 3rd quartile */
	for (int j = 0; j < n_rim; j++)
		ch[j] = al_de76(lab + (size_t)rim[j] * 3, med);
	qsort(ch, (size_t)n_rim, sizeof *ch, cmp_float);
	bool flat = !fit || ch[n_rim * 3 / 4] < GROUND_FLAT_DE;
	*busy = !flat;
	double coef[3 * GROUND_TERMS];
	if (!flat && local) {
		/* letters on the background region itself: its local mean,
		 * when it explains the rim (a smooth ground; a photo or a
		 * texture keeps the median) */
		for (int j = 0; j < n_rim; j++)
			ch[j] = local[(size_t)rim[j] * 4 + 3] > 0 ?
			        al_de76(lab + (size_t)rim[j] * 3, local + (size_t)rim[j] * 4) : 1e3f;
		qsort(ch, (size_t)n_rim, sizeof *ch, cmp_float);
		if (ch[n_rim * 3 / 4] > GROUND_FLAT_DE)
			local = NULL;
	}
	if (!flat && local) {
		for (size_t i = 0; i < n; i++)
			memcpy(ground + i * 3, local[i * 4 + 3] > 0 ? local + i * 4 : med,
			       sizeof med);
		*smooth = true;
		*busy = false;
		g_free(ch);
		g_free(rim);
		return ground;
	}
	if (!flat) {
		uint8_t *use = g_new(uint8_t, n_rim);
		memset(use, 1, (size_t)n_rim);
		flat = !fit_ground(lab, w, h, use, rim, n_rim, coef);
		if (!flat) {
			/* drop the rim pixels farther from the fit than twice the
			 * median distance (and GROUND_FLAT_DE) and fit again */
			rim_residuals(lab, w, h, rim, n_rim, coef, ch);
			float *sorted = g_memdup2(ch, sizeof *ch * n_rim);
			qsort(sorted, (size_t)n_rim, sizeof *sorted, cmp_float);
			float cut = MAX(2 * sorted[n_rim / 2], GROUND_FLAT_DE);
			for (int j = 0; j < n_rim; j++)
				use[j] = ch[j] <= cut;
			flat = !fit_ground(lab, w, h, use, rim, n_rim, coef);
			/* a smooth ground is one the surface explains: a busy one
			 * (a photo, rings) keeps the median */
			if (!flat) {
				rim_residuals(lab, w, h, rim, n_rim, coef, sorted);
				qsort(sorted, (size_t)n_rim, sizeof *sorted, cmp_float);
				flat = sorted[n_rim * 3 / 4] > GROUND_FLAT_DE;
			}
			g_free(sorted);
		}
		g_free(use);
	}
	*smooth = !flat;
	*busy = *busy && flat;
	for (size_t i = 0; i < n; i++) {
		if (flat) {
			memcpy(ground + i * 3, med, sizeof med);
			continue;
		}
		double t[GROUND_TERMS];
		ground_terms((int)(i % w), (int)(i / w), w, h, t);
		for (int c = 0; c < 3; c++) {
			double v = 0;
			for (int q = 0; q < GROUND_TERMS; q++)
				v += coef[c * GROUND_TERMS + q] * t[q];
			ground[i * 3 + c] = (float)v;
		}
	}
	g_free(ch);
	g_free(rim);
	return ground;
}

/* crop_local() sums Lab values in units of 2^-24: every value
 * al_srgb_to_lab() returns is a whole number of them below 2^7 in
 * magnitude (its L*, a*, b* are 116, 500 and 200 times floats of at
 * least 1/8; test_color checks all 2^24 colours), so the sums are exact
 * in 64-bit integers, and each converts to a double exactly. */
#define LAB_UNIT 16777216.0

/* Adds @sign times the visible background-region pixels of image row @y,
 * columns @x0 to @x0 + @w - 1, to the per-column sums @col (L*, a*, b* in
 * LAB_UNITs, count). */
static void local_row(const al_measure *m, int y, int x0, int w, int64_t *col, int sign)
{
	size_t row = (size_t)y * m->width + x0;

	for (int x = 0; x < w; x++) {
		size_t i = row + x;
		if (!m->bgmask[i] || m->rgba[i * 4 + 3] < 128)
			continue;
		int64_t *s = col + (size_t)x * 4;
		for (int k = 0; k < 3; k++)
			s[k] += sign * (int64_t)(m->lab[i * 3 + k] * LAB_UNIT);
		s[3] += sign;
	}
}

/* When at least GROUND_LOCAL_RIM of the rim of crop @c lies in the
 * background region, the mean Lab of the visible background-region pixels
 * within @r of each of its pixels (L*, a*, b*, count; count 0 where none is
 * near), else NULL.  g_free() it.  The window sums are exact (LAB_UNIT):
 * the same doubles a summed-area table over the crop grown by @r gives
 * (whose sums are exact too, below 2^29 for the largest decode), from
 * per-column sums over the window's rows, moved down one row at a time, and
 * their running sum along the row: memory in the crop's width, not its
 * area. */
static float *crop_local(const al_measure *m, const al_region *c, int r)
{
	int rim = 0, in = 0;

	for (int y = c->y; y < c->y + c->h; y++)
		for (int x = c->x; x < c->x + c->w; x++) {
			if (y != c->y && y != c->y + c->h - 1 && x != c->x && x != c->x + c->w - 1)
				continue;
			rim++;
			in += m->bgmask[(size_t)y * m->width + x] != 0;
		}
	if (in < GROUND_LOCAL_RIM * rim)
		return NULL;
	int x0 = MAX(0, c->x - r), y0 = MAX(0, c->y - r);
	int x1 = MIN(m->width, c->x + c->w + r), y1 = MIN(m->height, c->y + c->h + r);
	int W = x1 - x0, H = y1 - y0;
	int64_t *col = g_new0(int64_t, (size_t)W * 4);      /* rows [top, bottom) */
	int64_t *run = g_new0(int64_t, (size_t)(W + 1) * 4);
	float *out = g_new(float, (size_t)c->w * c->h * 4);
	int top = 0, bottom = 0;
	for (int y = 0; y < c->h; y++) {
		int ay = MAX(0, y + c->y - r - y0), by = MIN(H, y + c->y + r + 1 - y0);
		for (; bottom < by; bottom++)
			local_row(m, bottom + y0, x0, W, col, 1);
		for (; top < ay; top++)
			local_row(m, top + y0, x0, W, col, -1);
		for (int x = 0; x < W; x++)
			for (int k = 0; k < 4; k++)
				run[(size_t)(x + 1) * 4 + k] = run[(size_t)x * 4 + k] + col[(size_t)x * 4 + k];
		for (int x = 0; x < c->w; x++) {
			int ax = MAX(0, x + c->x - r - x0), bx = MIN(W, x + c->x + r + 1 - x0);
			const int64_t *a = run + (size_t)ax * 4, *b = run + (size_t)bx * 4;
			double n = (double)(b[3] - a[3]);
			float *o = out + ((size_t)y * c->w + x) * 4;
			for (int k = 0; k < 3; k++)
				o[k] = n > 0.5 ? (float)((double)(b[k] - a[k]) / LAB_UNIT / n) : 0.0f;
			o[3] = (float)n;
		}
	}
	g_free(run);
	g_free(col);
	return out;
}

/* other_grey(): a pixel that differs from its ground by at least
 * OTHER_INK_MIN_DE but comes out lighter in the grey than OTHER_INK_GREY,
 * no pixel within OTHER_INK_RIM of it darker than OTHER_INK_EDGE (the
 * anti-aliased rim of the ink and JPEG ringing beside it are neither),
 * is ink the grey loses; there is such ink when its pixels are at least
 * OTHER_INK_SHARE of the box */
#define OTHER_INK_RIM 2
#define OTHER_INK_MIN_DE 12.0f
#define OTHER_INK_GREY 153
#define OTHER_INK_EDGE 102
#define OTHER_INK_SHARE 0.01

/* The grey of @n pixels of @lab over @ground: each placed by the
 * projection of its difference from its ground on @v (the ink: 0, black;
 * the ground: 255, white). */
static void project_grey(const float *lab, const float *ground, size_t n,
                         const double v[3], uint8_t *g)
{
	double vv = v[0] * v[0] + v[1] * v[1] + v[2] * v[2];

	for (size_t i = 0; i < n; i++) {
		double t = 0;
		for (int c = 0; c < 3; c++)
			t += (lab[i * 3 + c] - ground[i * 3 + c]) * v[c];
		t = vv > 0 ? CLAMP(t / vv, 0.0, 1.0) : 0;
		g[i] = (uint8_t)lround(255 * (1 - t));
	}
}

/* crop_grey()'s grey of the ink that its grey @g (@w x @h) loses, within
 * x @x0..@x1, y @y0..@y1: a pale word beside an icon of another colour or
 * of much stronger ink, which projected on the icon's ink comes out
 * ground or nearly (lilac letters beside a green icon on white).  That
 * ink is the mean difference from the ground of the pixels farthest from
 * it among those the grey loses (see OTHER_INK_MIN_DE), and the grey its
 * projection as in crop_grey(); NULL when they are fewer than
 * OTHER_INK_SHARE of that box. */
static uint8_t *other_grey(const float *lab, const float *ground, const uint8_t *g,
                           int w, int h, int x0, int y0, int x1, int y1)
{
	double s[3] = { 0, 0, 0 };
	float maxd = 0;
	size_t cnt = 0, k = 0;

	/* pass 0: the lost ink's pixels and the farthest; pass 1: the mean
	 * difference of those from 0.6 of the farthest on */
	for (int pass = 0; pass < 2; pass++) {
		for (int y = y0; y < y1; y++)
			for (int x = x0; x < x1; x++) {
				size_t i = (size_t)y * w + x;
				if (g[i] <= OTHER_INK_GREY)
					continue;
				float d = al_de76(lab + i * 3, ground + i * 3);
				if (d < OTHER_INK_MIN_DE || (pass && d < 0.6f * maxd))
					continue;
				bool rim = false;
				for (int dy = -OTHER_INK_RIM; dy <= OTHER_INK_RIM && !rim; dy++)
					for (int dx = -OTHER_INK_RIM; dx <= OTHER_INK_RIM && !rim; dx++) {
						int xx = x + dx, yy = y + dy;
						rim = xx >= 0 && yy >= 0 && xx < w && yy < h &&
						      g[(size_t)yy * w + xx] < OTHER_INK_EDGE;
					}
				if (rim)
					continue;
				if (!pass) {
					maxd = MAX(maxd, d);
					cnt++;
				} else {
					for (int c = 0; c < 3; c++)
						s[c] += lab[i * 3 + c] - ground[i * 3 + c];
					k++;
				}
			}
		if (!pass && (cnt == 0 ||
		              cnt < OTHER_INK_SHARE * (double)(x1 - x0) * (y1 - y0)))
			return NULL;
	}
	double u[3] = { s[0] / k, s[1] / k, s[2] / k };
	uint8_t *o = g_new(uint8_t, (size_t)w * h);
	project_grey(lab, ground, (size_t)w * h, u, o);
	return o;
}

/* crop_grey(): the share of the cut-out's strongest ink below which the
 * ink of the line's box is the box's own */
#define BOX_INK_SHARE 0.6f

/* Grey of the crop: the ground (crop_ground(); @fit, @local, @smooth,
 * @busy as there) white, the ink (the mean
 * difference from the ground of the pixels farthest from it) black, each
 * pixel placed by the projection of its difference from its ground on the
 * ink's.  So light letters on a dark plate, coloured letters on a colour
 * of the same lightness, letters on transparency and letters over a
 * gradient all come out dark on light.  With @bx (the line's box in the
 * crop; NULL: the whole crop), when nothing in the box comes within
 * BOX_INK_SHARE of the crop's strongest ink (pale letters beside a dark
 * icon in the margins, which would make them ground: "QUILLON" read ")"),
 * the ink is the box's and the icon comes out black.  Returns NULL when
 * nothing there differs from its ground. */
static uint8_t *crop_grey(const float *lab, int w, int h, bool fit,
                          const float *local, const al_region *bx,
                          bool *smooth, bool *busy, uint8_t **other)
{
	size_t n = (size_t)w * h;
	float *ground = crop_ground(lab, w, h, fit, local, smooth, busy);
	float maxd = 0, boxd = 0;

	if (other)
		*other = NULL;
	int x0 = 0, y0 = 0, x1 = w, y1 = h;

	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			size_t i = (size_t)y * w + x;
			float d = al_de76(lab + i * 3, ground + i * 3);
			maxd = MAX(maxd, d);
			if (bx && x >= bx->x && x < bx->x + bx->w &&
			    y >= bx->y && y < bx->y + bx->h)
				boxd = MAX(boxd, d);
		}
	if (bx && boxd < BOX_INK_SHARE * maxd) {
		maxd = boxd;
		x0 = CLAMP(bx->x, 0, w);
		y0 = CLAMP(bx->y, 0, h);
		x1 = CLAMP(bx->x + bx->w, x0, w);
		y1 = CLAMP(bx->y + bx->h, y0, h);
	}
	if (maxd < 12) {
		g_free(ground);
		return NULL;
	}
	double s[3] = { 0, 0, 0 }, cnt = 0;
	for (int y = y0; y < y1; y++)
		for (int x = x0; x < x1; x++) {
			size_t i = (size_t)y * w + x;
			if (al_de76(lab + i * 3, ground + i * 3) >= 0.6f * maxd) {
				for (int c = 0; c < 3; c++)
					s[c] += lab[i * 3 + c] - ground[i * 3 + c];
				cnt++;
			}
		}
	double v[3];
	for (int c = 0; c < 3; c++)
		v[c] = s[c] / cnt;
	uint8_t *g = g_new(uint8_t, n);
	project_grey(lab, ground, n, v, g);
	if (other)
		*other = other_grey(lab, ground, g, w, h, x0, y0, x1, y1);
	g_free(ground);
	return g;
}

/* clean_grey(): a pixel of the grey is ink for this purpose below this
 * level (255: the ground, 0: the ink) */
#define CLEAN_INK 192

/* Whitens in the grey @g (@w x @h, the cut-out) the shapes that the
 * margins cut off -- that touch the cut-out's edge without reaching into
 * the line's box @bx (cut-out coordinates) -- unless they lie beside the
 * line, at least half in its rows and at most END_TALLER times as high (a
 * letter the detector missed at the end of the word): the sides and
 * corners of a plate or badge around the word, the line above.  OCR reads
 * them as "|", "[" or "." and the word beside them with a confidence near
 * 0 ("AQUILA" in a plate read "[2quicall" at 18). */
static void clean_grey(uint8_t *g, int w, int h, const al_region *bx)
{
	size_t n = (size_t)w * h;
	uint8_t *mask = g_new(uint8_t, n);
	int *lab = g_new(int, n);
	al_region *box = NULL;

	for (size_t i = 0; i < n; i++)
		mask[i] = g[i] < CLEAN_INK;
	int nc = al_regions_mask(mask, w, h, lab, &box);
	uint8_t *drop = g_new0(uint8_t, MAX(nc, 1));
	for (int c = 0; c < nc; c++) {
		const al_region *b = box + c;
		bool edge = b->x == 0 || b->y == 0 || b->x + b->w == w || b->y + b->h == h;
		bool meets = b->x < bx->x + bx->w && b->x + b->w > bx->x &&
		             b->y < bx->y + bx->h && b->y + b->h > bx->y;
		int ov = MIN(b->y + b->h, bx->y + bx->h) - MAX(b->y, bx->y);
		bool beside = 2 * ov >= b->h && b->h <= 1.45 * bx->h;
		drop[c] = edge && !meets && !beside;
	}
	for (size_t i = 0; i < n; i++)
		if (lab[i] >= 0 && drop[lab[i]])
			g[i] = 255;
	g_free(drop);
	g_free(box);
	g_free(lab);
	g_free(mask);
}

/* lround() of @v for 0 <= @v < 2^31, without the call: the whole part
 * (truncation is floor here) plus one when the fraction, exact as a
 * difference of the two, is a half or more (half away from zero). */
static inline int round_pos(double v)
{
	int n = (int)v;
	return n + (v - n >= 0.5);
}

/* See text_read.h.  Each column's two source columns and weight are
 * computed once, by the expressions a pixel would use, so every pixel is
 * the same double sum as when they were computed per pixel (~1.5 % of
 * the instructions of make bench went into the per-pixel divisions and
 * lround() calls). */
uint8_t *al_text_grey_scale(const uint8_t *src, int w, int h, double s, int b,
                            int *ow, int *oh)
{
	int sw = MAX(1, (int)lround(w * s)), sh = MAX(1, (int)lround(h * s));
	int W = sw + 2 * b, H = sh + 2 * b;
	uint8_t *d = g_new(uint8_t, (size_t)W * H);
	int *cx = g_new(int, 2 * (size_t)sw);
	double *ct = g_new(double, sw);

	for (int x = 0; x < sw; x++) {
		double fx = CLAMP((x + 0.5) * w / (double)sw - 0.5, 0.0, w - 1.0);
		int x0 = (int)fx;
		cx[2 * x] = x0;
		cx[2 * x + 1] = MIN(x0 + 1, w - 1);
		ct[x] = fx - x0;
	}
	memset(d, 255, (size_t)W * b);
	memset(d + (size_t)(b + sh) * W, 255, (size_t)W * b);
	for (int y = 0; y < sh; y++) {
		double fy = CLAMP((y + 0.5) * h / (double)sh - 0.5, 0.0, h - 1.0);
		int y0 = (int)fy, y1 = MIN(y0 + 1, h - 1);
		double ty = fy - y0;
		const uint8_t *r0 = src + (size_t)y0 * w, *r1 = src + (size_t)y1 * w;
		uint8_t *row = d + (size_t)(y + b) * W;
		memset(row, 255, (size_t)b);
		memset(row + b + sw, 255, (size_t)b);
		for (int x = 0; x < sw; x++) {
			int x0 = cx[2 * x], x1 = cx[2 * x + 1];
			double tx = ct[x];
			double top = r0[x0] * (1 - tx) + r0[x1] * tx;
			double bot = r1[x0] * (1 - tx) + r1[x1] * tx;
			row[x + b] = (uint8_t)round_pos(top * (1 - ty) + bot * ty);
		}
	}
	g_free(cx);
	g_free(ct);
	*ow = W;
	*oh = H;
	return d;
}

/* Hairline letters (a thin or light weight) are read poorly: scaled to
 * the OCR height their strokes stay a pixel or two wide and come out faint.
 * A cut-out whose strokes are thinner than THIN_STROKE px once scaled is
 * read once more with its ink thickened to about THICK_STROKE px (the
 * stroke of a regular weight at that height), when the other readings
 * found no word. */
#define THIN_STROKE 3.0
#define THICK_STROKE 5.0
/* ... in a line at least this high: below it, a stroke under a pixel is
 * the anti-aliased edge of small shapes (rain streaks, dots), not hairline
 * type, and thickened it reads as anything ("eer") */
#define THIN_MIN_H 8

double al_text_grey_stroke(const uint8_t *g, int w, int h)
{
	size_t ink = 0, edge = 0;

	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			const uint8_t *p = g + (size_t)y * w + x;
			if (*p >= 128)
				continue;
			ink++;
			edge += (x == 0 || p[-1] >= 128) + (x == w - 1 || p[1] >= 128) +
			        (y == 0 || p[-w] >= 128) + (y == h - 1 || p[w] >= 128);
		}
	return edge ? 2.0 * ink / edge : 0;
}

uint8_t *al_text_grey_thicken(const uint8_t *g, int w, int h, int r)
{
	uint8_t *t = g_new(uint8_t, (size_t)w * h);
	uint8_t *d = g_new(uint8_t, (size_t)w * h);

	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			uint8_t v = 255;
			for (int k = MAX(0, x - r); k <= MIN(w - 1, x + r); k++)
				v = MIN(v, g[(size_t)y * w + k]);
			t[(size_t)y * w + x] = v;
		}
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			uint8_t v = 255;
			for (int k = MAX(0, y - r); k <= MIN(h - 1, y + r); k++)
				v = MIN(v, t[(size_t)k * w + x]);
			d[(size_t)y * w + x] = v;
		}
	g_free(t);
	return d;
}

double al_text_box_ink(const uint8_t *g, int w, int h, const al_region *bx)
{
	size_t ink = 0, all = 0;

	for (int y = MAX(0, bx->y); y < MIN(h, bx->y + bx->h); y++)
		for (int x = MAX(0, bx->x); x < MIN(w, bx->x + bx->w); x++) {
			all++;
			ink += g[(size_t)y * w + x] < 128;
		}
	return all ? (double)ink / all : 0;
}

bool al_text_may_invert(double ink)
{
	return ink >= AL_TEXT_INVERT_INK;
}

#define MAX_WORDS 16
/* al_text_same_core(): cores this long or longer may differ in one
 * character */
#define MIN_NEAR 4
/* al_text_near_core(): ... and these, in a sure reading at a larger
 * scale */
#define NEAR_MIN_LEN 3
/* ... in a line at least this high: the smallest capitals the rule looks
 * for; in a lower line a row of dots or drops reads "bat" as surely */
#define NEAR_MIN_H 5

typedef struct {
	al_ocr_word words[MAX_WORDS];
	int n;
	int best;                /* the word-like word of highest confidence,
	                          * or -1 */
} line_read;

/* @as_given: @g is read only as it is (al_ocr_read_line_as_given()), not
 * also inverted by Tesseract */
static void read_grey(al_ocr *e, const uint8_t *g, int w, int h, bool as_given,
                      const al_text_read_opts *o, line_read *r, int *reads)
{
	r->n = as_given ? al_ocr_read_line_as_given(e, g, w, h, r->words, MAX_WORDS)
	                : al_ocr_read_line(e, g, w, h, r->words, MAX_WORDS);
	r->best = -1;
	for (int k = 0; k < r->n; k++)
		if (al_text_is_word(&r->words[k], o->min_letters, 0) &&
		    (r->best < 0 || r->words[k].conf > r->words[r->best].conf))
			r->best = k;
	if (reads)
		(*reads)++;
}

/* How many words of @r look like words (al_text_is_word), whatever the
 * confidence. */
static int words_in(const line_read *r, int min_letters)
{
	int n = 0;

	for (int k = 0; k < r->n; k++)
		n += al_text_is_word(&r->words[k], min_letters, 0);
	return n;
}

/* @core case-folded, with the characters OCR swaps for one another in
 * one shape (0 and o; 1, l and i; 5 and s; 8 and b) made one.  Newly
 * allocated. */
static char *fold_core(const char *core)
{
	char *f = g_utf8_casefold(core, -1);

	for (char *p = f; *p; p++)
		if (*p == 'l')
			*p = 'i';
		else if (*p >= '0' && *p <= '9')
			*p = (char)g_unichar_tolower(digit_capital((gunichar)*p));
	return f;
}

/* How many characters the folded cores of @a and @b (fold_core()) differ
 * in, the first counting twice; INT_MAX when they differ in length or are
 * shorter than @min_len and not equal. */
static int core_diff(const char *a, const char *b, glong min_len)
{
	char *fa = fold_core(a), *fb = fold_core(b);
	glong n = g_utf8_strlen(fa, -1);
	int diff = 0;

	if (strcmp(fa, fb) != 0) {
		diff = INT_MAX;
		if (n >= min_len && n == g_utf8_strlen(fb, -1)) {
			const char *p = fa, *q = fb;
			diff = 0;
			for (glong i = 0; i < n; i++, p = g_utf8_next_char(p),
			     q = g_utf8_next_char(q))
				if (g_utf8_get_char(p) != g_utf8_get_char(q))
					diff += i == 0 ? 2 : 1;
		}
	}
	g_free(fa);
	g_free(fb);
	return diff;
}

/* The edit distance (characters changed, added or dropped) between the
 * folded cores of @a and @b (fold_core()); the longer one's length in
 * *@n. */
static int core_edits(const char *a, const char *b, int *n)
{
	char *fa = fold_core(a), *fb = fold_core(b);
	gunichar *ua = g_utf8_to_ucs4_fast(fa, -1, NULL);
	gunichar *ub = g_utf8_to_ucs4_fast(fb, -1, NULL);
	int la = 0, lb = 0;
	while (ua[la])
		la++;
	while (ub[lb])
		lb++;
	int *row = g_new(int, lb + 1);
	for (int j = 0; j <= lb; j++)
		row[j] = j;
	for (int i = 1; i <= la; i++) {
		int diag = row[0];
		row[0] = i;
		for (int j = 1; j <= lb; j++) {
			int up = row[j];
			row[j] = MIN(MIN(row[j] + 1, row[j - 1] + 1),
			             diag + (ua[i - 1] != ub[j - 1]));
			diag = up;
		}
	}
	int d = row[lb];
	*n = MAX(la, lb);
	g_free(row);
	g_free(ua);
	g_free(ub);
	g_free(fa);
	g_free(fb);
	return d;
}

bool al_text_same_core(const char *a, const char *b)
{
	return core_diff(a, b, MIN_NEAR) <= 1;
}

bool al_text_near_core(const char *a, const char *b)
{
	return core_diff(a, b, NEAR_MIN_LEN) <= 1;
}

/* The confidence from which the word @core is sure: @o->min_conf, and
 * @o->short_conf for a word of at most @o->short_letters letters. */
static double sure_conf(const char *core, const al_text_read_opts *o)
{
	double sure = o->min_conf;

	if ((int)g_utf8_strlen(core, -1) <= o->short_letters)
		sure = MAX(sure, o->short_conf);
	return sure;
}

static bool has_digit(const char *s)
{
	for (; *s; s++)
		if (*s >= '0' && *s <= '9')
			return true;
	return false;
}

/* How many different letters @core holds, case aside and l taken as i
 * (fold_core()): a row of like strokes reads one letter again and again
 * ("ALLL" in a monster's tentacles). */
static int distinct_letters(const char *core)
{
	char *f = fold_core(core);
	int n = 0;
	for (const char *p = f; *p; p = g_utf8_next_char(p)) {
		bool seen = false;
		for (const char *q = f; q < p && !seen; q = g_utf8_next_char(q))
			seen = g_utf8_get_char(q) == g_utf8_get_char(p);
		n += !seen;
	}
	g_free(f);
	return n;
}

/* @a and @b differ in at most a quarter of the longer one's letters. */
static bool alike(const char *a, const char *b)
{
	int n, d = core_edits(a, b, &n);
	return 4 * d <= n;
}

/* True when @w is a word (al_text_is_word(), read with at least
 * @min_conf), its core (al_text_word_core()) then in @c. */
static bool word_core(const al_ocr_word *w, const al_text_read_opts *o,
                      double min_conf, char c[AL_OCR_WORD_MAX])
{
	if (!al_text_is_word(w, o->min_letters, min_conf))
		return false;
	al_text_word_core(w, c, AL_OCR_WORD_MAX);
	return true;
}

/* The word @w (core @c) and @core, read at two scales, are one long word
 * of at least @min_letters letters whatever the confidences
 * (al_text_confirms()'s letter rules). */
static bool read_twice(const al_ocr_word *w, const char *c, const char *core,
                       const al_text_read_opts *o, int min_letters)
{
	if (w->digits > 0 || has_digit(core))
		return false;
	glong len = g_utf8_strlen(core, -1);
	if (len < min_letters)
		return false;
	/* a long word of letters read alike twice: shapes read as letters
	 * change with the scale, in one letter of four at least, and read
	 * as digits too ("SLe8" in a row of icon plates) */
	return (o->twice_letters > 0 && len >= o->twice_letters &&
	        distinct_letters(core) >= 3 && core_diff(c, core, INT_MAX) == 0) ||
	       /* a long word read alike, not the same: script letters,
	        * hairlines and slant read a letter more or less at another
	        * scale ("PINMACLE", "PIACLE") */
	       (o->alike_letters > 0 && len >= o->alike_letters &&
	        distinct_letters(core) >= 4 && alike(c, core));
}

bool al_text_confirms(const al_ocr_word *words, int n, const char *core,
                      double conf, const al_text_read_opts *o, double again_conf)
{
	bool yes = false;

	for (int k = 0; k < n && !yes; k++) {
		char c[AL_OCR_WORD_MAX];
		if (!word_core(&words[k], o, 0, c))
			continue;
		yes = words[k].conf >= sure_conf(c, o) ||
		      (conf + words[k].conf >= again_conf && al_text_same_core(c, core)) ||
		      (isfinite(again_conf) && read_twice(&words[k], c, core, o, 0));
	}
	return yes;
}

/* True when a word of @larger (@n_larger) and @core, or a word of @again
 * (@n_again), are one long word read at two scales (read_twice(), at
 * least @o->near_twice_letters letters). */
bool al_text_read_twice_near(const char *core, const al_ocr_word *again, int n_again,
                             const al_ocr_word *larger, int n_larger,
                             const al_text_read_opts *o)
{
	bool yes = false;

	if (o->near_twice_letters <= 0)
		return false;
	for (int k = 0; k < n_larger && !yes; k++) {
		char c[AL_OCR_WORD_MAX];
		if (!word_core(&larger[k], o, 0, c))
			continue;
		yes = read_twice(&larger[k], c, core, o, o->near_twice_letters);
		for (int i = 0; i < n_again && !yes; i++) {
			char a[AL_OCR_WORD_MAX];
			yes = word_core(&again[i], o, 0, a) &&
			      read_twice(&larger[k], c, a, o, o->near_twice_letters);
		}
	}
	return yes;
}

/* True when a word of @words (@n) is like @core (al_text_near_core()),
 * whatever its confidence. */
static bool near_in(const al_ocr_word *words, int n, const char *core,
                    const al_text_read_opts *o)
{
	for (int k = 0; k < n; k++) {
		char c[AL_OCR_WORD_MAX];
		if (word_core(&words[k], o, 0, c) && al_text_near_core(c, core))
			return true;
	}
	return false;
}

bool al_text_confirms_near(const al_ocr_word *words, int n, const char *core,
                           double conf, const al_ocr_word *again, int n_again,
                           const al_text_read_opts *o)
{
	bool yes = false;

	for (int k = 0; k < n && !yes; k++) {
		char c[AL_OCR_WORD_MAX];
		if (!word_core(&words[k], o, o->min_conf, c))
			continue;
		/* ... or surer than the first reading; for a line of
		 * letters at the height OCR reads best (@again given), also
		 * like a word of the reading at the other scale: shapes read
		 * as letters read alike twice, not at all three scales
		 * (rings joined by a bar read "ele" at 73 and 74, "Qo"
		 * between) */
		yes = al_text_near_core(c, core) &&
		      (words[k].conf >= sure_conf(c, o) ||
		       (words[k].conf > conf && (!again || near_in(again, n_again, c, o))));
	}
	return yes;
}

bool al_text_read_thrice(const char *core, const al_ocr_word *again, int n_again,
                         const al_ocr_word *larger, int n_larger,
                         const al_text_read_opts *o)
{
	const al_ocr_word *sets[2] = { again, larger };
	int ns[2] = { n_again, n_larger };
	bool yes = true;

	for (int i = 0; i < 2 && yes; i++) {
		yes = false;
		for (int k = 0; k < ns[i] && !yes; k++) {
			char c[AL_OCR_WORD_MAX];
			yes = word_core(&sets[i][k], o, 0, c) &&
			      core_diff(c, core, INT_MAX) == 0;
		}
	}
	return yes;
}

/* What @r read, its words with a letter or digit while they fit into
 * @read. */
static void read_text(const line_read *r, char *read, size_t read_len)
{
	size_t len = 0;

	read[0] = '\0';
	for (int k = 0; k < r->n; k++) {
		size_t wl = strlen(r->words[k].text);
		/* signs alone are the edges of other shapes */
		if (r->words[k].letters + r->words[k].digits == 0)
			continue;
		if (len + (len > 0) + wl + 1 > read_len)
			break;
		if (len > 0)
			read[len++] = ' ';
		memcpy(read + len, r->words[k].text, wl + 1);
		len += wl;
	}
}

/* @g (@w x @h) with every run of columns between the first and the last
 * of the line @bx that holds no ink (no pixel darker than 128 in the
 * line's rows) and is wider than @keep cut down to @keep columns: the
 * letters of a word tracked far apart, which OCR reads one by one ("M I N
 * I M"), brought together.  Newly allocated; its width in *@w_out. */
static uint8_t *squeeze_grey(const uint8_t *g, int w, int h, const al_region *bx,
                             int keep, int *w_out)
{
	uint8_t *ink = g_new0(uint8_t, w);
	int first = -1, last = -1;
	for (int x = 0; x < w; x++) {
		for (int y = MAX(0, bx->y); y < MIN(h, bx->y + bx->h) && !ink[x]; y++)
			ink[x] = g[(size_t)y * w + x] < 128;
		if (ink[x] && x >= bx->x && x < bx->x + bx->w) {
			if (first < 0)
				first = x;
			last = x;
		}
	}
	uint8_t *out = g_new(uint8_t, (size_t)w * h);
	int n = 0;
	for (int x = 0; x < w;) {
		int run = 0;
		if (x > first && x < last)
			while (x + run < last && !ink[x + run])
				run++;
		if (run > keep) {
			/* keep the run's middle @keep columns */
			int from = x + (run - keep) / 2;
			for (int k = 0; k < keep; k++, n++)
				for (int y = 0; y < h; y++)
					out[(size_t)y * w + n] = g[(size_t)y * w + from + k];
			x += run;
			continue;
		}
		for (int y = 0; y < h; y++)
			out[(size_t)y * w + n] = g[(size_t)y * w + x];
		n++;
		x++;
	}
	/* packed to @n columns */
	for (int y = 1; y < h; y++)
		memmove(out + (size_t)y * n, out + (size_t)y * w, (size_t)n);
	g_free(ink);
	*w_out = n;
	return out;
}

static double line_scale(const al_text_read_opts *o, int h)
{
	if (h < o->target_height)
		return MIN(o->max_scale, o->target_height / h);
	if (h > o->max_height)
		return o->max_height / h;
	return 1;
}

/* An unrolled line (al_text_arc) lower than this is text only when
 * read surely at once: what lies on a circle that small is as often the
 * strokes of a pictogram */
#define ARC_CONFIRM_MIN_H 8

/* The point of @a's unrolled line at column @u, row @v (pixel centres
 * at .5) of a cut-out whose columns start at angle @a_lo and whose rows
 * span @half px either side of the radius: column u lies (u + 0.5) / r
 * further along the circle, row 0 farthest out (dir 1) or in (dir -1). */
static void arc_point(const al_text_arc *a, double a_lo, double half, double u, double v,
                      double *x, double *y)
{
	double t = (a->dir > 0 ? -G_PI_2 : G_PI_2) + a->dir * (a_lo + (u + 0.5) / a->r);
	double r = a->r + a->dir * (half - (v + 0.5));
	*x = a->cx + r * cos(t);
	*y = a->cy + r * sin(t);
}

/* The grey (crop_grey()) of the letters along the arc @a, unrolled: a
 * cut-out @pad_x letter heights longer than the arc at either end and
 * @pad heights taller than the letters above and below, each pixel
 * sampled (bilinear) from the grey of the image's rectangle that holds
 * the band (its ground and ink found there, as for a straight line).
 * Its size in *@w, *@h; @bx: where the letters lie in it; *@smooth as
 * crop_grey() says.  NULL when nothing there differs from its ground. */
static uint8_t *arc_grey(const al_measure *m, const al_text_arc *a, double pad,
                         double pad_x, int *w, int *h, al_region *bx, bool *smooth,
                         bool *busy)
{
	double half = a->h * (0.5 + pad);
	double a_lo = a->a0 - pad_x * a->h / a->r;
	int W = MAX(3, (int)lround((a->a1 - a->a0) * a->r + 2 * pad_x * a->h));
	int H = MAX(3, (int)lround(2 * half));
	/* the image's rectangle that holds the band: its outline's extremes */
	double fx0 = INFINITY, fy0 = INFINITY, fx1 = -INFINITY, fy1 = -INFINITY;
	for (int k = 0; k < 2 * (W + H); k++) {
		double u = k < W ? k : k < 2 * W ? k - W : k < 2 * W + H ? 0 : W - 1;
		double v = k < W ? 0 : k < 2 * W ? H - 1 : k < 2 * W + H ? k - 2 * W : k - 2 * W - H;
		double x, y;
		arc_point(a, a_lo, half, u, v, &x, &y);
		fx0 = MIN(fx0, x);
		fy0 = MIN(fy0, y);
		fx1 = MAX(fx1, x);
		fy1 = MAX(fy1, y);
	}
	int x0 = MAX(0, (int)floor(fx0) - 1), y0 = MAX(0, (int)floor(fy0) - 1);
	int x1 = MIN(m->width - 1, (int)ceil(fx1) + 1), y1 = MIN(m->height - 1, (int)ceil(fy1) + 1);
	if (x1 - x0 < 2 || y1 - y0 < 2)
		return NULL;
	al_region c = { x0, y0, x1 - x0 + 1, y1 - y0 + 1 };
	float *lab = crop_lab(m, &c);
	bool fit = a->h >= GROUND_FIT_MIN_H;
	float *local = fit ? crop_local(m, &c, MAX(GROUND_LOCAL_R, (int)(a->h / 2))) : NULL;
	uint8_t *g = crop_grey(lab, c.w, c.h, fit, local, NULL, smooth, busy, NULL);
	g_free(local);
	g_free(lab);
	if (!g)
		return NULL;
	uint8_t *out = g_new(uint8_t, (size_t)W * H);
	for (int v = 0; v < H; v++)
		for (int u = 0; u < W; u++) {
			double x, y;
			arc_point(a, a_lo, half, u, v, &x, &y);
			x -= c.x;
			y -= c.y;
			int ix = (int)floor(x), iy = (int)floor(y);
			double tx = x - ix, ty = y - iy, sum = 0;
			/* outside the rectangle (the image's edge): ground */
			for (int j = 0; j < 2; j++)
				for (int i = 0; i < 2; i++) {
					int px = ix + i, py = iy + j;
					double wt = (i ? tx : 1 - tx) * (j ? ty : 1 - ty);
					sum += wt * (px >= 0 && py >= 0 && px < c.w && py < c.h ?
					             g[(size_t)py * c.w + px] : 255);
				}
			out[(size_t)v * W + u] = (uint8_t)lround(sum);
		}
	g_free(g);
	*w = W;
	*h = H;
	int px = (int)lround(pad_x * a->h), py = (int)lround(pad * a->h);
	*bx = (al_region){ px, py, MAX(1, W - 2 * px), MAX(1, H - 2 * py) };
	return out;
}

bool al_text_read_line(al_ocr *e, const al_measure *m, const al_region *box,
                       const al_text_read_opts *o, char *read, size_t read_len,
                       double *conf, int *reads)
{
	int h = o->arc ? MAX(1, (int)lround(o->arc->h)) : box->h;
	bool found = false, reread = false, smooth = false, busy = false;
	al_region c, in_crop;
	uint8_t *g, *g_other = NULL;

	if (o->arc) {
		/* letters along a circle: read unrolled */
		g = arc_grey(m, o->arc, o->pad, o->pad_x, &c.w, &c.h, &in_crop, &smooth, &busy);
		if (!g)
			return false;
	} else {
		int pad = MAX(2, (int)lround(o->pad * h));
		int pad_x = MAX(2, (int)lround(o->pad_x * h));
		int x0 = MAX(0, box->x - pad_x), y0 = MAX(0, box->y - pad);
		int x1 = MIN(m->width, box->x + box->w + pad_x);
		int y1 = MIN(m->height, box->y + box->h + pad);
		/* the margins stop at a frame around the line (text.c) */
		if (o->clip_x1 > o->clip_x0) {
			x0 = MAX(x0, MIN(o->clip_x0, box->x));
			x1 = MIN(x1, MAX(o->clip_x1 + 1, box->x + box->w));
		}
		if (o->clip_y1 > o->clip_y0) {
			y0 = MAX(y0, MIN(o->clip_y0, box->y));
			y1 = MIN(y1, MAX(o->clip_y1 + 1, box->y + box->h));
		}
		c = (al_region){ x0, y0, x1 - x0, y1 - y0 };
		if (c.w < 3 || c.h < 3)
			return false;
		float *lab = crop_lab(m, &c);
		bool fit = h >= GROUND_FIT_MIN_H;
		float *local = fit ? crop_local(m, &c, MAX(GROUND_LOCAL_R, h / 2)) : NULL;
		in_crop = (al_region){ box->x - c.x, box->y - c.y, box->w, box->h };
		/* ... in a line lower than THIN_MIN_H faint pixels are
		 * anti-aliasing or dither beside the ink, not letters (a
		 * dithered mark's 3 px speckle read "ble ela_elale!") */
		g = crop_grey(lab, c.w, c.h, fit, local, h >= THIN_MIN_H ? &in_crop : NULL,
		              &smooth, &busy,
		              o->other_ink && h >= THIN_MIN_H && o->squeeze <= 0 ?
		              &g_other : NULL);
		g_free(local);
		g_free(lab);
		if (!g)
			return false;
	}
	clean_grey(g, c.w, c.h, &in_crop);
	/* a box mostly light in the grey is dark letters on a light ground:
	 * read as it is.  Tesseract reads a line that reads poorly inverted
	 * too (a second pass of its network, on half the lines read), which
	 * only a box mostly ink needs: light letters on a plate that the
	 * cut-out's rim does not see */
	bool polar = !al_text_may_invert(al_text_box_ink(g, c.w, c.h, &in_crop));
	if (o->squeeze > 0 && !o->arc) {
		/* letters tracked far apart, which OCR reads one by one:
		 * read them brought together */
		int w2;
		uint8_t *sq = squeeze_grey(g, c.w, c.h, &in_crop,
		                           MAX(1, (int)lround(o->squeeze * h)), &w2);
		g_free(g);
		g = sq;
		c.w = w2;
	}
	double s = line_scale(o, h);
	int W, H;
	uint8_t *big = al_text_grey_scale(g, c.w, c.h, s, 10, &W, &H);
	line_read *r = g_new(line_read, 2);
	read_grey(e, big, W, H, polar, o, &r[0], reads);
	const al_ocr_word *best = r[0].best >= 0 ? &r[0].words[r[0].best] : NULL;
	char first[AL_OCR_WORD_MAX] = "";
	double first_conf = 0;
	if (best) {
		al_text_word_core(best, first, sizeof first);
		first_conf = best->conf;
	}
	/* a row of small pictograms reads as a short word of capitals
	 * ("HOLS", "GOV0") at 60-70 and falls apart read smaller, as an
	 * unsure word does: a short word is sure only from @short_conf */
	if (best && best->conf >= sure_conf(first, o)) {
		found = true;
	} else if (o->arc && (busy || h < ARC_CONFIRM_MIN_H)) {
		/* a line read unrolled was not read straight: a second chance.
		 * On a busy ground that no surface explains (a texture, whose
		 * blobs lie on some circle too and read "wie" at 42 and again
		 * at 35), and in a line lower than ARC_CONFIRM_MIN_H (three
		 * rain streaks 5 px high read "ter" at 64), only a sure word
		 * counts */
	} else if (best) {
		/* an unsure word: shapes read as letters change with the
		 * scale, letters do not.  Read again at another scale; the same
		 * word again, or a sure one, confirms it */
		char core[AL_OCR_WORD_MAX];
		al_text_word_core(best, core, sizeof core);
		int W2, H2;
		uint8_t *other = al_text_grey_scale(g, c.w, c.h, s * o->reread_scale, 10, &W2, &H2);
		read_grey(e, other, W2, H2, polar, o, &r[1], reads);
		g_free(other);
		reread = true;
		/* over a ground that is not flat (a texture can look
		 * smooth), only a sure word confirms */
		found = al_text_confirms(r[1].words, r[1].n, core, best->conf, o,
		                         smooth ? INFINITY : o->again_conf) ||
		        (!smooth && words_in(&r[0], o->min_letters) >= 2 &&
		         words_in(&r[1], o->min_letters) >= 2);
		/* small letters, enlarged by the most max_scale allows, still
		 * lie below the height OCR reads best: the first reading's
		 * capitals turn small ("SQL" read "sQt", then "sQu").  Read
		 * once more larger; a sure word there like the first
		 * reading's (al_text_near_core()) is text.  Shapes read as
		 * letters read no surer larger.  Larger letters are read
		 * larger too, a third opinion: script and thin letters that
		 * the smaller reading spoils ("Pup" at 57, "Pig" at 59, "Pip"
		 * at 76); a surer word there must be like one of the reading
		 * at the other scale as well */
		if (!found && o->near_scale > 0 && h >= NEAR_MIN_H) {
			bool small = s >= o->max_scale;
			line_read *r3 = g_new(line_read, 1);
			int W3, H3;
			uint8_t *larger = al_text_grey_scale(g, c.w, c.h, s * o->near_scale, 10, &W3, &H3);
			read_grey(e, larger, W3, H3, polar, o, r3, reads);
			g_free(larger);
			found = al_text_confirms_near(r3->words, r3->n, core, best->conf,
			                              small ? NULL : r[1].words,
			                              small ? 0 : r[1].n, o);
			/* ... or the same word, unsure, at all three scales:
			 * small capitals with strokes OCR doubts ("IOT" read
			 * "lOT", "1OT" and "iOT" at 0, 36 and 0); shapes read
			 * as letters change with the scale */
			bool thrice = !found && o->thrice && !smooth &&
			              al_text_read_thrice(core, r[1].words, r[1].n,
			                                  r3->words, r3->n, o);
			/* ... or the larger reading and one of the other two
			 * read one long word, as two readings at
			 * ocr_reread_scale do: script and ornate letters that
			 * one of three scales spoils ("Potsum" at 29, then
			 * "Pakjum" at 43 and 40).  A longer one: the larger
			 * scale is near the first, and a row of icons reads
			 * its shapes alike there ("Boge" at 71 and 48) */
			thrice = thrice ||
			         (!found && !smooth &&
			          al_text_read_twice_near(core, r[1].words, r[1].n,
			                                  r3->words, r3->n, o));
			/* ... the surer of the two readings is shown */
			if ((found || thrice) &&
			    !(thrice && r[1].best >= 0 && r3->best >= 0 &&
			      r[1].words[r[1].best].conf >= r3->words[r3->best].conf))
				r[1] = *r3;
			found = found || thrice;
			g_free(r3);
		}
	} else {
		/* nothing like a word.  Small bold letters blurred by the
		 * enlargement read better smaller: read again at
		 * @small_scale of the scale; a word read there with
		 * @small_conf is text */
		if (o->small_scale > 0) {
			int W2, H2;
			uint8_t *other = al_text_grey_scale(g, c.w, c.h, s * o->small_scale, 10, &W2, &H2);
			read_grey(e, other, W2, H2, polar, o, &r[0], reads);
			g_free(other);
			best = r[0].best >= 0 ? &r[0].words[r[0].best] : NULL;
			found = best && best->conf >= o->small_conf;
		}
		/* the ground may be the ink (letters cut out of a plate that
		 * fills the crop).  Read as given: Tesseract's own inversion
		 * of a line that reads badly would read the first cut-out
		 * again */
		if (!found && o->both_polarities) {
			for (size_t i = 0; i < (size_t)W * H; i++)
				big[i] = 255 - big[i];
			read_grey(e, big, W, H, true, o, &r[0], reads);
			best = r[0].best >= 0 ? &r[0].words[r[0].best] : NULL;
			found = best && best->conf >= o->min_conf;
		}
	}
	if (!found && !(o->arc && (busy || h < ARC_CONFIRM_MIN_H))) {
		/* hairline letters: read once more with thicker strokes; a
		 * sure word, or the first reading's word again (as for an
		 * unsure word above), is text */
		double sw = al_text_grey_stroke(big, W, H);
		if (sw > 0 && sw < THIN_STROKE && h >= THIN_MIN_H) {
			/* ... a short word too from ocr_min_conf: hairlines
			 * thickened read surer, shapes already bold are not
			 * thickened (spaced hairline capitals "LITW" read
			 * "ATW" at 72, thickened "ITW" at 62) */
			al_text_read_opts ot = *o;
			ot.short_letters = 0;
			uint8_t *thick = al_text_grey_thicken(big, W, H,
			                                      (int)ceil((THICK_STROKE - sw) / 2));
			read_grey(e, thick, W, H, polar, o, &r[0], reads);
			g_free(thick);
			found = first[0] ? al_text_confirms(r[0].words, r[0].n, first,
			                                    first_conf, &ot,
			                                    smooth ? INFINITY : o->again_conf)
			                 : r[0].best >= 0 && r[0].words[r[0].best].conf >= o->min_conf;
			reread = false;
		}
	}
	if (!found && g_other) {
		/* ink of two colours, the word's the paler: read the grey of
		 * the other colour (other_grey()); a sure word, or one read
		 * again at ocr_reread_scale as above, is text.  Only in a
		 * line at least THIN_MIN_H high: in a lower one the other
		 * colour is JPEG ringing beside the ink (four line icons
		 * read "bei" in a 6 px line) */
		clean_grey(g_other, c.w, c.h, &in_crop);
		bool polar2 = !al_text_may_invert(al_text_box_ink(g_other, c.w, c.h, &in_crop));
		int W2, H2;
		uint8_t *big2 = al_text_grey_scale(g_other, c.w, c.h, s, 10, &W2, &H2);
		read_grey(e, big2, W2, H2, polar2, o, &r[0], reads);
		g_free(big2);
		reread = false;
		if (r[0].best >= 0) {
			const al_ocr_word *b2 = &r[0].words[r[0].best];
			char core[AL_OCR_WORD_MAX];
			al_text_word_core(b2, core, sizeof core);
			found = b2->conf >= sure_conf(core, o);
			if (!found) {
				uint8_t *other = al_text_grey_scale(g_other, c.w, c.h,
				                                    s * o->reread_scale, 10, &W2, &H2);
				read_grey(e, other, W2, H2, polar2, o, &r[1], reads);
				g_free(other);
				reread = true;
				found = al_text_confirms(r[1].words, r[1].n, core, b2->conf, o,
				                         smooth ? INFINITY : o->again_conf);
			}
		}
	}
	g_free(g_other);
	if (found) {
		/* of two readings, the surer one is shown */
		const line_read *shown = &r[0];
		if (reread && r[1].best >= 0 &&
		    (r[0].best < 0 || r[1].words[r[1].best].conf > r[0].words[r[0].best].conf))
			shown = &r[1];
		read_text(shown, read, read_len);
		*conf = shown->best >= 0 ? shown->words[shown->best].conf : 0;
	}
	g_free(big);
	g_free(g);
	g_free(r);
	return found;
}
