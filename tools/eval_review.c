/*
 * eval_review: pictures of what make eval found, to look at instead of
 * believing a number (tools/eval.sh, tools/eval/score.py).
 *
 * Review mode (default): reads lines
 *     IMAGE<TAB>OUT.png<TAB>REGIONS<TAB>CAPTION
 * and writes, for each, OUT.png: IMAGE flattened over a grey checkerboard
 * (so transparency shows), scaled to about 600 px on its longer side (an
 * integer factor, nearest neighbour, when it is smaller; shrunk when it is
 * larger than 1600 px), the REGIONS drawn as boxes, and CAPTION (lines
 * separated by U+001F) set under it.  REGIONS is "-" or "x,y,w,h,kind;..."
 * in IMAGE's pixels: kind 1 is a finding of the rule under review (red
 * box), 0 another rule's finding (blue box), 2 a guide line (dashed).
 *
 * Sheet mode (--sheet OUT.png [--cols N] [--cell PX]): reads lines
 *     IMAGE<TAB>CAPTION
 * and writes one contact sheet: each image fitted into a PX square over the
 * checkerboard, its caption under it, N per row.
 *
 * Any format libvips reads (PNG, JPEG, GIF, SVG, ...).  Exit 0, or 1 when
 * an image cannot be read or written (message on stderr; the others are
 * still drawn), 2 on bad usage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vips/vips.h>

#define REVIEW_SIDE 600
#define MAX_SIDE 1600

typedef struct {
	int x, y, w, h, kind;
} Region;

/* White, for every embed and join; made once in main. */
static VipsArrayDouble *white;

/* Paints @img (RGBA, w x h, in memory) over a checkerboard, in place as
 * RGB in @rgb. */
static void flatten_checker(const unsigned char *rgba, unsigned char *rgb,
                            int w, int h)
{
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			const unsigned char *p = rgba + ((size_t)y * w + x) * 4;
			unsigned char *q = rgb + ((size_t)y * w + x) * 3;
			int bg = ((x / 8 + y / 8) & 1) ? 200 : 235;
			for (int c = 0; c < 3; c++)
				q[c] = (unsigned char)((p[c] * p[3] + bg * (255 - p[3]) + 127) / 255);
		}
}

static void put(unsigned char *rgb, int w, int h, int x, int y,
                const unsigned char *col)
{
	if (x < 0 || y < 0 || x >= w || y >= h)
		return;
	memcpy(rgb + ((size_t)y * w + x) * 3, col, 3);
}

/* A box: a coloured outline @t px thick with a black line outside it, so
 * it shows on light and dark artwork alike. */
static void draw_box(unsigned char *rgb, int w, int h, int x0, int y0,
                     int x1, int y1, const unsigned char *col, int t)
{
	static const unsigned char black[3] = { 0, 0, 0 };

	for (int k = -1; k < t; k++) {
		const unsigned char *c = k < 0 ? black : col;
		int a = x0 - t + k + 1, b = x1 + t - k - 1;
		int u = y0 - t + k + 1, v = y1 + t - k - 1;
		for (int x = a; x <= b; x++) {
			put(rgb, w, h, x, u, c);
			put(rgb, w, h, x, v, c);
		}
		for (int y = u; y <= v; y++) {
			put(rgb, w, h, a, y, c);
			put(rgb, w, h, b, y, c);
		}
	}
}

static void draw_guide(unsigned char *rgb, int w, int h, int x0, int y0,
                       int x1, int y1)
{
	static const unsigned char col[3] = { 255, 160, 0 };

	for (int y = y0; y <= y1; y++)
		for (int x = x0; x <= x1; x++)
			if (((x + y) / 6) & 1)
				put(rgb, w, h, x, y, col);
}

/* Loads @path as 8-bit RGBA, scaled so that its longer side is about
 * @side (integer nearest-neighbour zoom up, smooth shrink down); returns
 * the scale factor in @scale, or NULL. */
static VipsImage *load_scaled(const char *path, int side, int fit,
                              double *scale)
{
	VipsImage *in = NULL, *srgb = NULL, *u8 = NULL, *rgba = NULL, *out = NULL;

	in = vips_image_new_from_file(path, NULL);
	if (!in)
		goto out;
	if (vips_colourspace(in, &srgb, VIPS_INTERPRETATION_sRGB, NULL))
		goto out;
	if (vips_cast(srgb, &u8, VIPS_FORMAT_UCHAR, NULL))
		goto out;
	if (u8->Bands == 4)
		rgba = g_object_ref(u8);
	else if (u8->Bands == 3) {
		if (vips_bandjoin_const1(u8, &rgba, 255, NULL))
			goto out;
	} else if (vips_extract_band(u8, &rgba, 0, "n", 4, NULL))
		goto out;
	int longer = VIPS_MAX(rgba->Xsize, rgba->Ysize);
	double s = 1;
	if (fit)
		s = (double)side / longer;
	else if (longer < side)
		s = VIPS_MAX(1, (int)(side / longer + 0.5));
	else if (longer > MAX_SIDE)
		s = (double)MAX_SIDE / longer;
	if (s >= 1) {
		int k = (int)s;
		s = k;
		if (k == 1)
			out = g_object_ref(rgba);
		else if (vips_zoom(rgba, &out, k, k, NULL))
			goto out;
	} else if (vips_resize(rgba, &out, s, NULL))
		goto out;
	*scale = s;
out:
	VIPS_UNREF(rgba);
	VIPS_UNREF(u8);
	VIPS_UNREF(srgb);
	VIPS_UNREF(in);
	return out;
}

/* Dark caption text on white, @width px wide; @text's lines are separated
 * by U+001F. */
static VipsImage *caption(const char *text, int width, int pt)
{
	VipsImage *t = NULL, *inv = NULL, *rgb = NULL, *pad = NULL;
	char *s = g_strdup(text);
	char font[64];

	for (char *p = s; *p; p++)
		if (*p == '\x1f')
			*p = '\n';
	char *markup = g_markup_escape_text(s, -1);
	g_snprintf(font, sizeof font, "DejaVu Sans %d", pt);
	if (vips_text(&t, markup, "width", width - 8, "font", font, "dpi", 72,
	              NULL))
		goto out;
	if (vips_invert(t, &inv, NULL))
		goto out;
	VipsImage *b[3] = { inv, inv, inv };
	if (vips_bandjoin(b, &rgb, 3, NULL))
		goto out;
	vips_embed(rgb, &pad, 4, 4, width, rgb->Ysize + 8, "extend",
	           VIPS_EXTEND_BACKGROUND, "background", white, NULL);
out:
	VIPS_UNREF(t);
	VIPS_UNREF(inv);
	VIPS_UNREF(rgb);
	g_free(markup);
	g_free(s);
	return pad;
}

/* The picture of one image: flattened, scaled, with @regions drawn, and
 * @cap under it; @cell > 0 fits it into a cell x cell square. */
static VipsImage *tile(const char *path, const Region *regions, int nreg,
                       const char *cap, int cell)
{
	VipsImage *img = NULL, *pic = NULL, *box = NULL, *txt = NULL, *out = NULL;
	unsigned char *rgba = NULL, *rgb = NULL;
	size_t len;
	double s = 1;

	img = load_scaled(path, cell > 0 ? cell : REVIEW_SIDE, cell > 0, &s);
	if (!img)
		goto out;
	rgba = vips_image_write_to_memory(img, &len);
	if (!rgba)
		goto out;
	int w = img->Xsize, h = img->Ysize;
	rgb = g_malloc((size_t)w * h * 3);
	flatten_checker(rgba, rgb, w, h);
	int t = VIPS_MAX(2, VIPS_MIN(w, h) / 150);
	for (int i = 0; i < nreg; i++) {
		const Region *r = &regions[i];
		int x0 = (int)(r->x * s), y0 = (int)(r->y * s);
		int x1 = (int)((r->x + r->w) * s) - 1, y1 = (int)((r->y + r->h) * s) - 1;
		static const unsigned char hot[3] = { 255, 30, 60 };
		static const unsigned char other[3] = { 40, 140, 255 };
		if (r->kind == 2)
			draw_guide(rgb, w, h, x0, y0, VIPS_MAX(x0, x1), y1);
		else
			draw_box(rgb, w, h, x0, y0, x1, y1, r->kind ? hot : other,
			         r->kind ? t : VIPS_MAX(1, t / 2));
	}
	pic = vips_image_new_from_memory_copy(rgb, (size_t)w * h * 3, w, h, 3,
	                                      VIPS_FORMAT_UCHAR);
	if (!pic)
		goto out;
	int W = cell > 0 ? cell : VIPS_MAX(w, 480);
	if (vips_embed(pic, &box, (W - w) / 2, cell > 0 ? (cell - h) / 2 : 0, W,
	               cell > 0 ? cell : h, "extend", VIPS_EXTEND_BACKGROUND,
	               "background", white, NULL))
		goto out;
	if (cap && *cap) {
		txt = caption(cap, W, cell > 0 ? 9 : 11);
		if (!txt || vips_join(box, txt, &out, VIPS_DIRECTION_VERTICAL,
		                      "expand", TRUE, "background", white, NULL))
			goto out;
	} else {
		out = g_object_ref(box);
	}
out:
	if (!out)
		fprintf(stderr, "eval_review: %s: %s", path, vips_error_buffer());
	vips_error_clear();
	g_free(rgba);
	g_free(rgb);
	VIPS_UNREF(img);
	VIPS_UNREF(pic);
	VIPS_UNREF(box);
	VIPS_UNREF(txt);
	return out;
}

static int parse_regions(const char *s, Region **out)
{
	int n = 0, cap = 0;
	Region *r = NULL;

	if (!strcmp(s, "-")) {
		*out = NULL;
		return 0;
	}
	for (const char *p = s; *p;) {
		Region g;
		int used = 0;
		if (sscanf(p, "%d,%d,%d,%d,%d%n", &g.x, &g.y, &g.w, &g.h, &g.kind,
		           &used) != 5)
			break;
		if (n == cap) {
			cap = cap ? 2 * cap : 8;
			r = g_renew(Region, r, cap);
		}
		r[n++] = g;
		p += used;
		if (*p == ';')
			p++;
	}
	*out = r;
	return n;
}

/* Makes OUT's folder. */
static void mkparent(const char *path)
{
	char *d = g_path_get_dirname(path);
	g_mkdir_with_parents(d, 0755);
	g_free(d);
}

static int review(FILE *in)
{
	char *line = NULL;
	size_t cap = 0;
	int status = 0;

	while (getline(&line, &cap, in) > 0) {
		line[strcspn(line, "\r\n")] = '\0';
		char *f[4] = { line, NULL, NULL, NULL };
		for (int i = 1; i < 4; i++) {
			f[i] = strchr(f[i - 1], '\t');
			if (!f[i])
				break;
			*f[i]++ = '\0';
		}
		if (!f[3])
			continue;
		Region *regs;
		int n = parse_regions(f[2], &regs);
		VipsImage *t = tile(f[0], regs, n, f[3], 0);
		g_free(regs);
		mkparent(f[1]);
		if (!t || vips_pngsave(t, f[1], NULL)) {
			if (t)
				fprintf(stderr, "eval_review: %s: %s", f[1],
				        vips_error_buffer());
			status = 1;
		}
		vips_error_clear();
		VIPS_UNREF(t);
	}
	free(line);
	return status;
}

static int sheet(FILE *in, const char *out, int cols, int cell)
{
	char *line = NULL;
	size_t cap = 0;
	GPtrArray *tiles = g_ptr_array_new_with_free_func(g_object_unref);
	int status = 0;

	while (getline(&line, &cap, in) > 0) {
		line[strcspn(line, "\r\n")] = '\0';
		char *tab = strchr(line, '\t');
		if (tab)
			*tab++ = '\0';
		if (!*line)
			continue;
		VipsImage *t = tile(line, NULL, 0, tab ? tab : "", cell);
		if (t)
			g_ptr_array_add(tiles, t);
		else
			status = 1;
	}
	free(line);
	if (tiles->len == 0) {
		fprintf(stderr, "eval_review: no images for the sheet\n");
		g_ptr_array_unref(tiles);
		return 1;
	}
	/* Captions differ in height: pad every tile to the tallest. */
	int th = 0;
	for (guint i = 0; i < tiles->len; i++)
		th = VIPS_MAX(th, ((VipsImage *)tiles->pdata[i])->Ysize);
	for (guint i = 0; i < tiles->len; i++) {
		VipsImage *t = tiles->pdata[i], *p;
		if (vips_embed(t, &p, 0, 0, cell, th, "extend",
		               VIPS_EXTEND_BACKGROUND, "background", white, NULL)) {
			status = 1;
			continue;
		}
		tiles->pdata[i] = p;
		g_object_unref(t);
	}
	VipsImage *all = NULL;
	mkparent(out);
	if (vips_arrayjoin((VipsImage **)tiles->pdata, &all, (int)tiles->len,
	                   "across", cols, "shim", 6, "background", white,
	                   NULL) ||
	    vips_pngsave(all, out, NULL)) {
		fprintf(stderr, "eval_review: %s: %s", out, vips_error_buffer());
		status = 1;
	}
	VIPS_UNREF(all);
	g_ptr_array_unref(tiles);
	return status;
}

int main(int argc, char **argv)
{
	const char *sheet_out = NULL;
	int cols = 8, cell = 160, status;

	if (VIPS_INIT(argv[0]))
		vips_error_exit(NULL);
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--sheet") && i + 1 < argc)
			sheet_out = argv[++i];
		else if (!strcmp(argv[i], "--cols") && i + 1 < argc)
			cols = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--cell") && i + 1 < argc)
			cell = atoi(argv[++i]);
		else {
			fprintf(stderr, "usage: eval_review [--sheet OUT.png "
			        "[--cols N] [--cell PX]] < list.tsv\n");
			return 2;
		}
	}
	if (cols < 1 || cell < 16) {
		fprintf(stderr, "eval_review: --cols >= 1, --cell >= 16\n");
		return 2;
	}
	vips_cache_set_max(0);
	double w3[3] = { 255, 255, 255 };
	white = vips_array_double_new(w3, 3);
	status = sheet_out ? sheet(stdin, sheet_out, cols, cell) : review(stdin);
	vips_area_unref(VIPS_AREA(white));
	vips_shutdown();
	return status;
}
