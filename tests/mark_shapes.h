/* Anti-aliased shapes for the mark and set-rule tests (test_mark.c,
 * test_rules_set.c): 4x4 supersampled coverage composited "over" the
 * existing pixel with straight alpha, like a vector logo exported to PNG.
 * Include after testutil.h. */
#ifndef AL_MARK_SHAPES_H
#define AL_MARK_SHAPES_H

#define MS_SS 4

typedef enum { MS_ELLIPSE, MS_RECT, MS_TRIANGLE } ms_kind;

/* Ellipse: centre (a, b), radii (c, d).  Rect: [a, c) x [b, d).
 * Triangle: apex at the top centre of the rect, base along its bottom. */
static inline bool ms_inside(ms_kind k, double a, double b, double c,
                             double d, double x, double y)
{
	if (k == MS_ELLIPSE) {
		double u = (x - a) / c, v = (y - b) / d;
		return u * u + v * v <= 1.0;
	}
	if (k == MS_TRIANGLE)
		return y >= b && y < d &&
		       fabs(x - (a + c) / 2) <= (y - b) / (d - b) * (c - a) / 2;
	return x >= a && x < c && y >= b && y < d;
}

static inline void ms_paint(al_image *img, ms_kind k, double a, double b,
                            double c, double d, uint32_t rgba)
{
	double sa0 = (rgba & 0xff) / 255.0;
	for (int y = 0; y < img->height; y++)
		for (int x = 0; x < img->width; x++) {
			int hits = 0;
			for (int j = 0; j < MS_SS; j++)
				for (int i = 0; i < MS_SS; i++)
					hits += ms_inside(k, a, b, c, d,
					                  x + (i + 0.5) / MS_SS,
					                  y + (j + 0.5) / MS_SS);
			if (!hits)
				continue;
			uint8_t *p = img->rgba + ((size_t)y * img->width + x) * 4;
			double sa = sa0 * hits / (MS_SS * MS_SS);
			double da = p[3] / 255.0;
			double oa = sa + da * (1 - sa);
			for (int ch = 0; ch < 3; ch++) {
				double s = (rgba >> (24 - 8 * ch)) & 0xff;
				p[ch] = (uint8_t)lround((s * sa + p[ch] * da * (1 - sa)) / oa);
			}
			p[3] = (uint8_t)lround(oa * 255);
		}
}

static inline void ms_ellipse(al_image *img, double cx, double cy, double rx,
                              double ry, uint32_t rgba)
{
	ms_paint(img, MS_ELLIPSE, cx, cy, rx, ry, rgba);
}

static inline void ms_rect(al_image *img, double x0, double y0, double x1,
                           double y1, uint32_t rgba)
{
	ms_paint(img, MS_RECT, x0, y0, x1, y1, rgba);
}

static inline void ms_triangle(al_image *img, double x0, double y0, double x1,
                               double y1, uint32_t rgba)
{
	ms_paint(img, MS_TRIANGLE, x0, y0, x1, y1, rgba);
}

/* A tile of @rgba over [x0, x1) x [y0, y1) (it may overrun the canvas)
 * whose corners are quarter ellipses of radii @rx, @ry: a rounded tile,
 * stretched when rx / ry is not 1. */
static inline void ms_round_tile(al_image *img, double x0, double y0, double x1,
                                 double y1, double rx, double ry, uint32_t rgba)
{
	ms_rect(img, x0 + rx, y0, x1 - rx, y1, rgba);
	ms_rect(img, x0, y0 + ry, x1, y1 - ry, rgba);
	ms_ellipse(img, x0 + rx, y0 + ry, rx, ry, rgba);
	ms_ellipse(img, x1 - rx, y0 + ry, rx, ry, rgba);
	ms_ellipse(img, x0 + rx, y1 - ry, rx, ry, rgba);
	ms_ellipse(img, x1 - rx, y1 - ry, rx, ry, rgba);
}

/* Clears the pixels of @img whose centre lies in the shape (a hard-edged
 * transparent hole). */
static inline void ms_cut(al_image *img, ms_kind k, double a, double b,
                          double c, double d)
{
	for (int y = 0; y < img->height; y++)
		for (int x = 0; x < img->width; x++)
			if (ms_inside(k, a, b, c, d, x + 0.5, y + 0.5))
				memset(img->rgba + ((size_t)y * img->width + x) * 4, 0, 4);
}

/* A tile of @rgba with cut corners and a transparent cut-out in the box
 * (x, y, w, h): a play triangle, or with @bars two slots (a menu
 * button): two tiles whose ink overlaps but whose holes do not. */
static inline void ms_tile_cut(al_image *img, double x, double y, double w,
                               double h, bool bars, uint32_t rgba)
{
	ms_rect(img, x, y + 0.1 * h, x + w, y + 0.9 * h, rgba);
	ms_rect(img, x + 0.1 * w, y, x + 0.9 * w, y + h, rgba);
	if (bars) {
		ms_cut(img, MS_RECT, x + 0.2 * w, y + 0.2 * h, x + 0.8 * w, y + 0.25 * h);
		ms_cut(img, MS_RECT, x + 0.2 * w, y + 0.75 * h, x + 0.8 * w, y + 0.8 * h);
	} else {
		ms_cut(img, MS_TRIANGLE, x + 0.35 * w, y + 0.25 * h, x + 0.75 * w,
		       y + 0.75 * h);
	}
}

#endif
