/*
 * make-set: the images of an offer made from one master image.  The layout
 * and colour rules, and why the resampling is done the way it is, are in
 * assetlint(1), MAKING A SET (man/parts/15-make-set.roff).
 *
 *  1. The master is read as the checker reads a file (al_read_file, the
 *     decoders); an SVG is rendered with librsvg through libvips, on this
 *     path only: the user named the file, it does not come from a checked
 *     tree.  A master larger than needed is first reduced to 2048 px.
 *  2. The shared background model (al_measure_compute) gives the master's
 *     background and its content box.  An opaque background is taken out
 *     (background pixels transparent, the anti-aliased rim un-blended from
 *     the background colour), so the mark can be put on any background.
 *  3. The backgrounds are chosen; what is allowed is decided by running
 *     the checker's own rules (background-white, background-black,
 *     transparent-foreground) on candidates, with the user's thresholds.
 *  4. Each file: the content box is scaled uniformly into the role's
 *     canvas less the padding (the hero: left of its free zone), with
 *     vips_resize on premultiplied alpha, and placed on whole pixels.
 */
#include <math.h>
#include <string.h>
#include <errno.h>
#include <glib/gstdio.h>
#include "decode_vips_shim.h"  /* libvips through dlopen */
#include "makeset.h"
#include "rules/rules.h"

/* Longest side a master is worked on at: enough for the largest canvas
 * (the hero's 400 px wide zone) many times over. */
#define WORK_MAX 2048
/* Anti-aliased rim of a mark on an opaque master that is un-blended from
 * the background colour, in master pixels. */
#define FRINGE 2
/* Resampling kernel (see the man page: MAKING A SET, Resampling). */
#define KERNEL VIPS_KERNEL_LANCZOS2
/* A mark colour is visible on a background at this WCAG contrast
 * (1.4.11, non-text contrast). */
#define VISIBLE_RATIO 3.0
/* Mark pixels sampled for visibility. */
#define MAX_SAMPLES 20000

static const char *const file_names[AL_ROLE_HERO + 1] = {
	[AL_ROLE_SMALL] = "Small.png", [AL_ROLE_MEDIUM] = "Medium.png",
	[AL_ROLE_LARGE] = "Large.png", [AL_ROLE_WIDE] = "Wide.png",
	[AL_ROLE_HERO] = "Hero.png",
};

/* Simple, clearly coloured backgrounds ("einfache Primärfarben") offered
 * when the master's own will not do. */
static const struct { const char *name; uint32_t rgb; } palette[] = {
	{ "blue", 0x0078d4 }, { "navy", 0x243a5e }, { "teal", 0x038387 },
	{ "green", 0x107c10 }, { "lime", 0x8cbd18 }, { "yellow", 0xffb900 },
	{ "orange", 0xd83b01 }, { "red", 0xd13438 }, { "magenta", 0xc239b3 },
	{ "purple", 0x5c2d91 }, { "cyan", 0x00b7c3 },
};

/* A master made ready: the mark with its background taken out. */
typedef struct {
	int w, h;
	uint8_t *rgba;           /* w*h*4, straight alpha; owned */
	al_region box;           /* the content box */
	bool has_bg;             /* the master had an opaque background ... */
	uint8_t bg_rgb[3];       /* ... of this colour */
	bool card;               /* ... as a card on a transparent canvas */
	float *lum;              /* relative luminance of sampled visible mark
	                          * pixels; owned */
	int n_lum;
	char *desc;
} master_img;

static void master_clear(master_img *ms)
{
	g_free(ms->rgba);
	g_free(ms->lum);
	g_free(ms->desc);
	memset(ms, 0, sizeof *ms);
}

static void hex_of(uint32_t v, uint8_t rgb[3])
{
	rgb[0] = (uint8_t)(v >> 16);
	rgb[1] = (uint8_t)(v >> 8);
	rgb[2] = (uint8_t)v;
}

bool al_mkset_parse_color(const char *s, uint8_t rgb[3])
{
	size_t n;
	unsigned v[6];

	if (!s)
		return false;
	if (*s == '#')
		s++;
	n = strlen(s);
	if (n != 3 && n != 6)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (!g_ascii_isxdigit(s[i]))
			return false;
		v[i] = (unsigned)g_ascii_xdigit_value(s[i]);
	}
	for (int c = 0; c < 3; c++)
		rgb[c] = (uint8_t)(n == 3 ? v[c] * 17 : v[2 * c] * 16 + v[2 * c + 1]);
	return true;
}

/* ---- colour ----------------------------------------------------------- */

static double lab_finv(double t)
{
	const double d = 6.0 / 29.0;
	return t > d ? t * t * t : 3 * d * d * (t - 4.0 / 29.0);
}

static double gamma_encode(double c)
{
	return c <= 0.0031308 ? 12.92 * c : 1.055 * pow(c, 1 / 2.4) - 0.055;
}

/* CIELAB (D65) to 8-bit sRGB; false when the colour lies outside sRGB. */
static bool lab_to_srgb(double L, double a, double b, uint8_t out[3])
{
	double fy = (L + 16) / 116, fx = fy + a / 500, fz = fy - b / 200;
	double X = 0.95047 * lab_finv(fx), Y = lab_finv(fy), Z = 1.08883 * lab_finv(fz);
	double lin[3] = {
		3.2404542 * X - 1.5371385 * Y - 0.4985314 * Z,
		-0.9692660 * X + 1.8760108 * Y + 0.0415560 * Z,
		0.0556434 * X - 0.2040259 * Y + 1.0572252 * Z,
	};
	bool in = true;
	for (int c = 0; c < 3; c++) {
		if (lin[c] < -1e-4 || lin[c] > 1 + 1e-4)
			in = false;
		out[c] = (uint8_t)CLAMP(lround(gamma_encode(CLAMP(lin[c], 0, 1)) * 255), 0, 255);
	}
	return in;
}

/* The colour of lightness @L and hue @h with the largest chroma up to @C
 * that sRGB holds. */
static void lch_in_gamut(double L, double C, double h, uint8_t out[3])
{
	double lo = 0, hi = C, rad = h * G_PI / 180;
	if (lab_to_srgb(L, C * cos(rad), C * sin(rad), out))
		return;
	for (int i = 0; i < 24; i++) {
		double mid = (lo + hi) / 2;
		if (lab_to_srgb(L, mid * cos(rad), mid * sin(rad), out))
			lo = mid;
		else
			hi = mid;
	}
	lab_to_srgb(L, lo * cos(rad), lo * sin(rad), out);
}

static double white_contrast(const uint8_t rgb[3])
{
	return al_contrast_ratio(1.0, al_rel_luminance(rgb[0], rgb[1], rgb[2]));
}

void al_mkset_darken_for_white(const uint8_t rgb[3], double ratio, uint8_t out[3])
{
	float lab[3];
	double lo = 0, hi;

	memcpy(out, rgb, 3);
	if (white_contrast(rgb) >= ratio)
		return;
	al_srgb_to_lab(rgb[0], rgb[1], rgb[2], lab);
	double C = al_lab_chroma(lab), h = al_lab_hue(lab);
	/* the lightest L* that still gives @ratio: contrast falls with L* */
	hi = lab[0];
	for (int i = 0; i < 30; i++) {
		double mid = (lo + hi) / 2;
		uint8_t c[3];
		lch_in_gamut(mid, C, h, c);
		if (white_contrast(c) >= ratio)
			lo = mid;
		else
			hi = mid;
	}
	/* 8-bit rounding may land just short: step down until it holds */
	for (double L = lo; L >= 0; L -= 0.1) {
		lch_in_gamut(L, C, h, out);
		if (white_contrast(out) >= ratio)
			break;
	}
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Share of the sampled mark pixels that have at least VISIBLE_RATIO
 * contrast with @bg; *median: their median contrast (1 without samples). */
static double visibility(const master_img *ms, const uint8_t bg[3], double *median)
{
	double yb = al_rel_luminance(bg[0], bg[1], bg[2]);
	double *cr = g_new(double, MAX(ms->n_lum, 1));
	int ok = 0;

	for (int i = 0; i < ms->n_lum; i++) {
		cr[i] = al_contrast_ratio(ms->lum[i], yb);
		ok += cr[i] >= VISIBLE_RATIO;
	}
	qsort(cr, (size_t)ms->n_lum, sizeof *cr, cmp_double);
	*median = ms->n_lum ? cr[ms->n_lum / 2] : 1;
	g_free(cr);
	return ms->n_lum ? (double)ok / ms->n_lum : 0;
}

/* ---- libvips ---------------------------------------------------------- */

/* "what: libvips's first line of error text" in a new string (g_free). */
static char *vips_reason(const char *what)
{
	char *msg = vips_error_buffer_copy();
	char *nl;

	vips_error_clear();
	g_strstrip(msg);
	if ((nl = strchr(msg, '\n')))
		*nl = '\0';
	char *out = g_strdup_printf("%s: %s", what, *msg ? msg : "libvips failed");
	g_free(msg);
	return out;
}

/* @im (sRGB, 3 or 4 bands, any format) as 8-bit RGBA in a new buffer
 * (g_free) of *w x *h.  Caller holds the libvips lock. */
static uint8_t *vips_rgba_out(VipsImage *im, int *w, int *h)
{
	VipsImage *base = vips_image_new();
	VipsImage **t = (VipsImage **)vips_object_local_array(VIPS_OBJECT(base), 3);
	VipsImage *cur = im;
	uint8_t *out = NULL;
	size_t size = 0;

	if (vips_image_get_format(cur) != VIPS_FORMAT_UCHAR) {
		if (vips_rint(cur, &t[0], NULL) || vips_cast_uchar(t[0], &t[1], NULL))
			goto out;
		cur = t[1];
	}
	if (vips_image_get_bands(cur) == 3) {
		if (vips_bandjoin_const1(cur, &t[2], 255, NULL))
			goto out;
		cur = t[2];
	}
	if (vips_image_get_bands(cur) != 4)
		goto out;
	void *mem = vips_image_write_to_memory(cur, &size);
	if (mem) {
		*w = vips_image_get_width(cur);
		*h = vips_image_get_height(cur);
		out = g_memdup2(mem, size);
		g_free(mem);
	}
out:
	g_object_unref(base);
	return out;
}

/* Scales @rgba (w x h, straight alpha) by @s with vips_resize on
 * premultiplied alpha: a new buffer (g_free) of *ow x *oh, or NULL with
 * *err.  The content of a pixel edge at input x lands at output
 * x * s + (*ow - w * s) / 2 (libvips centres the result). */
static uint8_t *scale_rgba(const uint8_t *rgba, int w, int h, double s,
                           int *ow, int *oh, char **err)
{
	char why[256] = "";
	VipsImage *base = NULL, *in = NULL;
	VipsImage **t;
	uint8_t *out = NULL;

	if (!al_vips_enter(why, sizeof why)) {
		*err = g_strdup(why);
		return NULL;
	}
	base = vips_image_new();
	t = (VipsImage **)vips_object_local_array(VIPS_OBJECT(base), 4);
	in = vips_image_new_from_memory(rgba, (size_t)w * h * 4, w, h, 4, VIPS_FORMAT_UCHAR);
	if (!in || vips_copy(in, &t[0], "interpretation", VIPS_INTERPRETATION_sRGB, NULL) ||
	    vips_premultiply(t[0], &t[1], NULL) ||
	    vips_resize(t[1], &t[2], s, "kernel", KERNEL, "gap", 0.0, NULL) ||
	    vips_unpremultiply(t[2], &t[3], NULL) ||
	    !(out = vips_rgba_out(t[3], ow, oh)))
		*err = vips_reason("resampling");
	if (in)
		g_object_unref(in);
	g_object_unref(base);
	al_vips_leave();
	return out;
}

GBytes *al_mkset_encode_png(const uint8_t *rgba, int w, int h, char **err)
{
	char why[256] = "";
	VipsImage *base = NULL, *in = NULL;
	VipsImage **t;
	void *buf = NULL;
	size_t len = 0;
	bool opaque = true;
	GBytes *png = NULL;

	for (size_t i = 0; i < (size_t)w * h && opaque; i++)
		opaque = rgba[i * 4 + 3] == 255;
	if (!al_vips_enter(why, sizeof why)) {
		*err = g_strdup(why);
		return NULL;
	}
	base = vips_image_new();
	t = (VipsImage **)vips_object_local_array(VIPS_OBJECT(base), 2);
	in = vips_image_new_from_memory(rgba, (size_t)w * h * 4, w, h, 4, VIPS_FORMAT_UCHAR);
	/* an opaque image is written as RGB: no alpha to misread */
	if (!in || vips_copy(in, &t[0], "interpretation", VIPS_INTERPRETATION_sRGB, NULL) ||
	    vips_extract_band(t[0], &t[1], 0, "n", opaque ? 3 : 4, NULL) ||
	    vips_pngsave_buffer(t[1], &buf, &len, "compression", 9, "strip", TRUE, NULL))
		*err = vips_reason("PNG encoding");
	else
		png = g_bytes_new_take(buf, len);
	if (in)
		g_object_unref(in);
	g_object_unref(base);
	al_vips_leave();
	return png;
}

/* Renders an SVG the user named, its long side WORK_MAX px, into @img.
 * The checker blocks libvips's SVG loader (it never renders SVG from a
 * checked tree); it is let through here for this one file, from memory
 * (so the SVG cannot pull in other files by a relative link), and blocked
 * again before the lock is released. */
static al_status render_svg(const char *path, const uint8_t *data, size_t len,
                            al_image *img, char **err)
{
	char why[256] = "";
	VipsImage *base = NULL;
	VipsImage **t;
	al_status st = AL_ERR_DECODE;

	if (!al_vips_enter(why, sizeof why)) {
		*err = g_strdup_printf("%s: %s", path, why);
		return AL_ERR_UNSUPPORTED;
	}
	base = vips_image_new();
	t = (VipsImage **)vips_object_local_array(VIPS_OBJECT(base), 2);
	vips_operation_block_set("VipsForeignLoadSvg", FALSE);
	if (vips_svgload_buffer((void *)data, len, &t[0], NULL)) {
		char *r = vips_reason("SVG");
		*err = g_strdup_printf("%s: %s", path, r);
		g_free(r);
		goto out;
	}
	int w = vips_image_get_width(t[0]), h = vips_image_get_height(t[0]);
	double scale = WORK_MAX / (double)MAX(1, MAX(w, h));
	if (vips_svgload_buffer((void *)data, len, &t[1], "scale", scale, NULL) ||
	    !(img->rgba = vips_rgba_out(t[1], &img->width, &img->height))) {
		char *r = vips_reason("SVG");
		*err = g_strdup_printf("%s: %s", path, r);
		g_free(r);
		goto out;
	}
	st = AL_OK;
out:
	vips_operation_block_set("VipsForeignLoadSvg", TRUE);
	g_object_unref(base);
	al_vips_leave();
	return st;
}

/* ---- the master ------------------------------------------------------- */

/* Reads and decodes the image @path into @img as the checker would (the
 * read limit and the pixel limit of @opts apply); an SVG is rendered.
 * *desc: what was read, for the plan ("SVG, rendered at 2048x1024"). */
static al_status load_image(const al_options *opts, const char *path,
                            al_image *img, char **desc, char **err)
{
	char *data = NULL, *why = NULL;
	char msg[256] = "";
	size_t len = 0;
	al_info info;
	al_status st = al_read_file(path, al_read_limit(opts), &data, &len, &why);

	if (st != AL_OK) {
		*err = g_strdup_printf("%s: %s", path, why);
		goto out;
	}
	if (al_sniff((const uint8_t *)data, len) == AL_FMT_SVG) {
		st = render_svg(path, (const uint8_t *)data, len, img, err);
		if (st == AL_OK)
			*desc = g_strdup_printf("SVG, rendered at %dx%d", img->width, img->height);
		goto out;
	}
	st = al_probe((const uint8_t *)data, len, &info, msg, sizeof msg);
	if (st == AL_OK && (double)info.width * info.height > opts->max_pixels) {
		g_snprintf(msg, sizeof msg, "%dx%d is over the limit of %.0f pixels "
		           "(--max-pixels; too-large)", info.width, info.height, opts->max_pixels);
		st = AL_ERR_TOO_LARGE;
	}
	if (st == AL_OK)
		st = al_decode_max((const uint8_t *)data, len, &info, (size_t)WORK_MAX * WORK_MAX,
		                   img, msg, sizeof msg);
	if (st != AL_OK) {
		*err = g_strdup_printf("%s: cannot use as a master: %s (a master is a PNG, JPEG, "
		                       "GIF, WebP or SVG image)", path, *msg ? msg : al_strerror(st));
		goto out;
	}
	{
		char *up = g_ascii_strup(al_format_name(info.format) ? al_format_name(info.format) : "image", -1);
		*desc = g_strdup_printf("%s, %dx%d", up, img->width, img->height);
		g_free(up);
	}
out:
	g_free(why);
	g_free(data);
	return st;
}

/* Chessboard dilation of the 0/1 mask @in (w x h) by @r into a new
 * buffer, separably. */
static uint8_t *dilate(const uint8_t *in, int w, int h, int r)
{
	uint8_t *tmp = al_try_new(uint8_t, (size_t)w * h);
	uint8_t *out = al_try_new(uint8_t, (size_t)w * h);

	if (!tmp || !out) {
		g_free(tmp);
		g_free(out);
		return NULL;
	}
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			uint8_t v = 0;
			for (int k = MAX(0, x - r); k <= MIN(w - 1, x + r) && !v; k++)
				v = in[(size_t)y * w + k];
			tmp[(size_t)y * w + x] = v;
		}
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			uint8_t v = 0;
			for (int k = MAX(0, y - r); k <= MIN(h - 1, y + r) && !v; k++)
				v = tmp[(size_t)k * w + x];
			out[(size_t)y * w + x] = v;
		}
	g_free(tmp);
	return out;
}

/* Takes the background colour @bg out of @img: background pixels become
 * transparent, and the mark's rim (within FRINGE px of the background) is
 * un-blended from it -- the least alpha that explains the pixel as the
 * mark's colour over @bg (as GIMP's colour-to-alpha) -- so no halo of the
 * old background stays on a new one. */
static al_status unblend(al_image *img, const uint8_t *bgmask, const uint8_t bg[3])
{
	size_t n = (size_t)img->width * img->height;
	uint8_t *near = dilate(bgmask, img->width, img->height, FRINGE);

	if (!near)
		return AL_ERR_NOMEM;
	for (size_t i = 0; i < n; i++) {
		uint8_t *p = img->rgba + i * 4;
		if (bgmask[i]) {
			memcpy(p, bg, 3);
			p[3] = 0;
			continue;
		}
		if (!near[i])
			continue;
		double a = 0;
		for (int c = 0; c < 3; c++) {
			int d = p[c] - bg[c];
			double ac = d > 0 ? (double)d / (255 - bg[c]) : d < 0 ? (double)-d / bg[c] : 0;
			a = MAX(a, ac);
		}
		a = MIN(a, 1.0);
		if (a <= 0) {
			p[3] = 0;
			continue;
		}
		for (int c = 0; c < 3; c++)
			p[c] = (uint8_t)CLAMP(lround(bg[c] + (p[c] - bg[c]) / a), 0, 255);
		p[3] = (uint8_t)lround(p[3] * a);
	}
	g_free(near);
	return AL_OK;
}

/* Relative luminance of up to MAX_SAMPLES visible pixels of the mark. */
static void sample_mark(master_img *ms)
{
	const al_region *b = &ms->box;
	long total = (long)b->w * b->h;
	int step = (int)MAX(1, ceil(sqrt((double)total / MAX_SAMPLES)));

	ms->lum = g_new(float, (size_t)(b->w / step + 1) * (b->h / step + 1));
	ms->n_lum = 0;
	for (int y = b->y; y < b->y + b->h; y += step)
		for (int x = b->x; x < b->x + b->w; x += step) {
			const uint8_t *p = ms->rgba + ((size_t)y * ms->w + x) * 4;
			if (p[3] >= 128)
				ms->lum[ms->n_lum++] = (float)al_rel_luminance(p[0], p[1], p[2]);
		}
}

/* Loads the master @path into @ms: decoded (reduced to WORK_MAX), its
 * content box found, its background taken out. */
static al_status load_master(const al_options *opts, const char *path, master_img *ms,
                             char **err)
{
	al_image img = { 0 };
	al_measure m = { 0 };
	char *desc = NULL;
	al_status st = load_image(opts, path, &img, &desc, err);
	uint8_t card[3];
	float card_lab[3];

	if (st != AL_OK)
		goto out;
	if (MAX(img.width, img.height) > WORK_MAX) {
		int ow, oh;
		char *why = NULL;
		double s = WORK_MAX / (double)MAX(img.width, img.height);
		uint8_t *small = scale_rgba(img.rgba, img.width, img.height, s, &ow, &oh, &why);
		if (!small) {
			*err = g_strdup_printf("%s: %s", path, why);
			g_free(why);
			st = AL_ERR_DECODE;
			goto out;
		}
		g_free(img.rgba);
		img.rgba = small;
		img.width = ow;
		img.height = oh;
	}
	if ((st = al_measure_compute(&m, &img, opts)) != AL_OK)
		goto nomem;
	/* an opaque card on a transparent canvas (an app-icon tile): its
	 * colour is the master's background, its inside the mark */
	if (m.bg_kind == AL_BG_TRANSPARENT &&
	    al_measure_card(&m, opts, al_param_get(opts, &al_rule_background_white, "card_min_area"),
	                    card, card_lab)) {
		for (size_t i = 0; i < (size_t)img.width * img.height; i++) {
			uint8_t *p = img.rgba + i * 4;
			for (int c = 0; c < 3; c++)
				p[c] = (uint8_t)((p[c] * p[3] + card[c] * (255u - p[3]) + 127u) / 255u);
			p[3] = 255;
		}
		al_measure_clear(&m);
		if ((st = al_measure_compute(&m, &img, opts)) != AL_OK)
			goto nomem;
		ms->card = true;
	}
	if (m.fg_bbox.w <= 0 || m.fg_bbox.h <= 0) {
		*err = g_strdup_printf("%s: nothing to place: the image is one flat %s with no "
		                       "mark on it", path,
		                       m.bg_kind == AL_BG_TRANSPARENT ? "transparent area" : "colour");
		st = AL_ERR_USAGE;
		goto out;
	}
	ms->box = m.fg_bbox;
	if (m.bg_kind == AL_BG_COLOR) {
		ms->has_bg = true;
		memcpy(ms->bg_rgb, m.bg_rgb, 3);
		if ((st = unblend(&img, m.bgmask, m.bg_rgb)) != AL_OK)
			goto nomem;
	}
	ms->w = img.width;
	ms->h = img.height;
	ms->rgba = img.rgba;
	img.rgba = NULL;
	ms->desc = g_strdup_printf("%s (%s%s)", path, desc,
	                           ms->card ? ", a card on a transparent canvas" : "");
	sample_mark(ms);
	goto out;
nomem:
	*err = g_strdup_printf("%s: out of memory measuring the %dx%d master", path,
	                       img.width, img.height);
out:
	al_measure_clear(&m);
	g_free(img.rgba);
	g_free(desc);
	return st;
}

/* ---- layout ----------------------------------------------------------- */

/* libvips sizes a scaled image round(n * s) and centres the content in it.
 * For a box of @b master px scaled by @s, the crop margins
 * *before and *after (at least @min each) that put the box's edge closest
 * to a whole output pixel.  Returns the fractional offset left over. */
static double fit_margins(int b, double s, int min, int *before, int *after)
{
	int span = MIN(64, (int)ceil(1.0 / s) + 1);
	double best = 2;

	*before = *after = min;
	for (int k = min; k <= min + span; k++)
		for (int j = min; j <= min + span; j++) {
			int n = b + k + j;
			double out = floor(n * s + 0.5);
			double edge = k * s + (out - n * s) / 2;  /* box edge in the output */
			double frac = fabs(edge - floor(edge + 0.5));
			if (frac < best - 1e-9) {
				best = frac;
				*before = k;
				*after = j;
			}
		}
	return best;
}

/* Composites @src (w x h, straight alpha) over @dst (dw x dh) at (ox, oy),
 * clipped ("over" in sRGB, as browsers and the portal show it). */
static void composite(uint8_t *dst, int dw, int dh, const uint8_t *src, int w, int h,
                      int ox, int oy)
{
	for (int y = MAX(0, -oy); y < h && oy + y < dh; y++)
		for (int x = MAX(0, -ox); x < w && ox + x < dw; x++) {
			const uint8_t *s = src + ((size_t)y * w + x) * 4;
			uint8_t *d = dst + ((size_t)(oy + y) * dw + ox + x) * 4;
			double sa = s[3] / 255.0, da = d[3] / 255.0;
			double oa = sa + da * (1 - sa);
			if (s[3] == 0)
				continue;
			for (int c = 0; c < 3; c++)
				d[c] = (uint8_t)lround((s[c] * sa + d[c] * da * (1 - sa)) / oa);
			d[3] = (uint8_t)lround(oa * 255);
		}
}

/* Scales the content box of @ms by @s and composites it onto @canvas
 * (cw x ch) with the box's top-left corner at (X, Y). */
static al_status place_mark(const master_img *ms, double s, int X, int Y,
                            uint8_t *canvas, int cw, int ch, char **err)
{
	const al_region *b = &ms->box;
	/* the kernel reaches 3 output px: that much context around the box */
	int min = MAX(2, (int)ceil(3.0 / s));
	int kl, kr, kt, kb;
	fit_margins(b->w, s, min, &kl, &kr);
	fit_margins(b->h, s, min, &kt, &kb);
	int w = b->w + kl + kr, h = b->h + kt + kb, ow = 0, oh = 0;
	uint8_t *crop = al_try_new0(uint8_t, (size_t)w * h * 4);
	uint8_t *out = NULL;

	if (!crop) {
		*err = g_strdup("out of memory");
		return AL_ERR_NOMEM;
	}
	/* the box and its margins; outside the master stays transparent */
	for (int y = 0; y < h; y++) {
		int sy = b->y - kt + y;
		if (sy < 0 || sy >= ms->h)
			continue;
		for (int x = 0; x < w; x++) {
			int sx = b->x - kl + x;
			if (sx >= 0 && sx < ms->w)
				memcpy(crop + ((size_t)y * w + x) * 4,
				       ms->rgba + ((size_t)sy * ms->w + sx) * 4, 4);
		}
	}
	out = scale_rgba(crop, w, h, s, &ow, &oh, err);
	g_free(crop);
	if (!out)
		return AL_ERR_DECODE;
	/* where the box's corner landed in @out, then moved onto (X, Y) */
	double ex = kl * s + (ow - w * s) / 2, ey = kt * s + (oh - h * s) / 2;
	composite(canvas, cw, ch, out, ow, oh, X - (int)lround(ex), Y - (int)lround(ey));
	g_free(out);
	return AL_OK;
}

/* The canvas size of @role: the exact size, or the largest of a range
 * (pc-current's large logo, 216 to 350 px: 350). */
static void role_size(const al_profile *p, al_role role, int *w, int *h)
{
	*w = p->roles[role].max_w;
	*h = p->roles[role].max_h;
}

/* Renders @f->role of @ms onto a canvas filled with @bg (NULL:
 * transparent). */
static al_status render_file(const al_options *opts, double padding,
                             const master_img *ms, al_role role, const uint8_t *bg,
                             al_mkset_file *f, char **err)
{
	int W, H;
	role_size(opts->profile, role, &W, &H);
	int pad = (int)lround(padding * MIN(W, H));
	al_region a = { pad, pad, W - 2 * pad, H - 2 * pad };

	if (role == AL_ROLE_HERO) {
		/* the free zone scales with a hero that is not 815 px wide, as
		 * the hero-margin rule judges it */
		double margin = al_param_get(opts, &al_rule_hero_margin, "margin");
		a.w = W - (int)lround(margin) - 2 * pad;
	}
	if (a.w < 1 || a.h < 1) {
		*err = g_strdup_printf("--padding %g %%: leaves no room for the mark in %s (%dx%d)",
		                       padding * 100, file_names[role], W, H);
		return AL_ERR_USAGE;
	}
	memset(f, 0, sizeof *f);
	f->role = role;
	f->name = file_names[role];
	f->width = W;
	f->height = H;
	f->area = a;
	f->free_x = role == AL_ROLE_HERO ? a.x + a.w + pad : W;
	f->scale = MIN(a.w / (double)ms->box.w, a.h / (double)ms->box.h);
	f->mark_w = ms->box.w * f->scale;
	f->mark_h = ms->box.h * f->scale;
	/* on whole pixels: the edges along the fitted side stay crisp */
	f->mark_x = lround(a.x + (a.w - f->mark_w) / 2);
	f->mark_y = lround(a.y + (a.h - f->mark_h) / 2);
	f->opaque = bg != NULL;
	if (bg)
		memcpy(f->bg_rgb, bg, 3);
	f->rgba = g_new0(uint8_t, (size_t)W * H * 4);
	for (size_t i = 0; bg && i < (size_t)W * H; i++) {
		memcpy(f->rgba + i * 4, bg, 3);
		f->rgba[i * 4 + 3] = 255;
	}
	return place_mark(ms, f->scale, (int)f->mark_x, (int)f->mark_y, f->rgba, W, H, err);
}

static void file_clear(al_mkset_file *f)
{
	g_free(f->rgba);
	if (f->png)
		g_bytes_unref(f->png);
	memset(f, 0, sizeof *f);
}

/* ---- what the rules allow --------------------------------------------- */

/* Runs the pixel check of @rule on @img as the file of @role, as the
 * pipeline would; returns its first finding's message (g_free), or NULL
 * when it flags nothing (or the user turned it off).  A measurement that
 * runs out of memory counts as a finding: the choice fails closed. */
static char *rule_says(const al_options *opts, const al_rule *rule,
                       const al_image *img, al_role role)
{
	al_measure m = { 0 };
	al_file_result *res = NULL;
	char *msg = NULL;

	if (al_measure_compute(&m, img, opts) != AL_OK) {
		msg = g_strdup_printf("%s: out of memory", rule->id);
		goto out;
	}
	res = al_file_result_new(file_names[role]);
	res->role = role;
	res->width = img->width;
	res->height = img->height;
	al_ctx ctx = {
		.rule = rule, .opts = opts, .profile = opts->profile, .res = res,
		.content_role = role, .path = res->path, .img = img, .m = &m,
	};
	rule->check(&ctx);
	if (res->findings->len) {
		const al_finding *f = g_ptr_array_index(res->findings, 0);
		msg = g_strdup(f->message);
	}
out:
	al_file_result_free(res);
	al_measure_clear(&m);
	return msg;
}

/* Why the opaque background @rgb is not allowed for @role
 * (background-white, background-black), or NULL.  *rule (may be NULL):
 * the id of the rule that said so. */
static char *bg_forbidden(const al_options *opts, const uint8_t rgb[3], al_role role,
                          const char **rule)
{
	al_image img = { .width = 64, .height = 64, .rgba = g_new(uint8_t, 64 * 64 * 4) };
	const al_rule *r = &al_rule_background_white;
	char *msg;

	for (int i = 0; i < 64 * 64; i++) {
		memcpy(img.rgba + i * 4, rgb, 3);
		img.rgba[i * 4 + 3] = 255;
	}
	msg = rule_says(opts, r, &img, role);
	if (!msg) {
		r = &al_rule_background_black;
		msg = rule_says(opts, r, &img, role);
	}
	if (rule)
		*rule = r->id;
	g_free(img.rgba);
	return msg;
}

/* Why @ms may not stand on a transparent background as @role
 * (transparent-foreground on the rendered logo), or NULL.  *err is set
 * and NULL returned only when rendering failed (*st says how). */
static char *transparent_forbidden(const al_options *opts, const al_mkset_request *rq,
                                   const master_img *ms, al_role role, al_status *st,
                                   char **err)
{
	al_mkset_file f;
	char *msg = NULL;

	*st = render_file(opts, rq->padding, ms, role, NULL, &f, err);
	if (*st == AL_OK) {
		al_image img = { .width = f.width, .height = f.height, .rgba = f.rgba };
		msg = rule_says(opts, &al_rule_transparent_foreground, &img, role);
	}
	file_clear(&f);
	return msg;
}

typedef struct {
	uint8_t rgb[3];
	const char *name;
	int order;               /* place in the palette */
	unsigned tier;           /* the hero: 0 the shade white text needs, 1, 2 deeper */
	double share, median;
} candidate;

/* More of the mark visible first (in steps of 5 %), then a higher median
 * contrast (in steps of 1:1), then the palette's order (for the hero:
 * every colour at the shade white text needs before any deeper one): a
 * plain colour wins over a deeper one that shows the mark no better. */
static int cmp_candidate(const void *a, const void *b)
{
	const candidate *x = a, *y = b;
	int sx = (int)(x->share * 20), sy = (int)(y->share * 20);
	int mx = (int)x->median, my = (int)y->median;
	if (sx != sy)
		return sy - sx;
	if (mx != my)
		return my - mx;
	return x->order - y->order;
}

/* Palette colours allowed for @role on which the mark shows best, best
 * first.  For the hero each colour comes darkened for white text, and in
 * two deeper shades (white text at DEEP_RATIOS), for marks of middle
 * lightness that only show on a very dark background.  Returns the number
 * put into @out (at most N_TIERS * G_N_ELEMENTS(palette)). */
static const double DEEP_RATIOS[] = { 10.0, 15.0 };
#define N_TIERS (1 + G_N_ELEMENTS(DEEP_RATIOS))
static int rank_palette(const al_options *opts, const master_img *ms, al_role role,
                        double hero_ratio, candidate *out)
{
	int n = 0;
	for (unsigned i = 0; i < G_N_ELEMENTS(palette); i++)
		for (unsigned tier = 0; tier < (role == AL_ROLE_HERO ? N_TIERS : 1); tier++) {
			candidate c = { .name = palette[i].name, .order = (int)(tier * G_N_ELEMENTS(palette) + i),
			                 .tier = tier };
			hex_of(palette[i].rgb, c.rgb);
			if (role == AL_ROLE_HERO) {
				uint8_t d[3];
				al_mkset_darken_for_white(c.rgb, tier ? MAX(hero_ratio, DEEP_RATIOS[tier - 1])
				                                      : hero_ratio, d);
				if (tier && memcmp(d, out[n - 1].rgb, 3) == 0)
					continue;
				memcpy(c.rgb, d, 3);
			}
			char *why = bg_forbidden(opts, c.rgb, role, NULL);
			if (why) {
				g_free(why);
				continue;
			}
			c.share = visibility(ms, c.rgb, &c.median);
			out[n++] = c;
		}
	qsort(out, (size_t)n, sizeof *out, cmp_candidate);
	return n;
}

/* "--background '#243a5e' (navy: the mark's contrast 11.6:1), ..." for
 * the best three. */
static char *suggestions(const al_options *opts, const master_img *ms, const char *option)
{
	candidate c[N_TIERS * G_N_ELEMENTS(palette)];
	int n = rank_palette(opts, ms, AL_ROLE_LARGE, 0, c);
	GString *s = g_string_new(NULL);
	char hex[8];

	for (int i = 0; i < MIN(n, 3); i++) {
		al_hex_color(c[i].rgb, hex);
		g_string_append_printf(s, "%s%s '%s' (%s: the mark's contrast %.1f:1)",
		                       i ? ", " : "", option, hex, c[i].name, c[i].median);
	}
	return g_string_free(s, FALSE);
}

/* The logos' background: @set->transparent or @set->bg_rgb, and
 * @set->bg_why.  AL_ERR_USAGE with *err when the request (or, for auto,
 * every choice) breaks a rule. */
static al_status choose_logo_bg(const al_options *opts, const al_mkset_request *rq,
                                const master_img *ms, const master_img *wide, al_mkset *set,
                                char **err)
{
	al_status st = AL_OK;
	char *own_no = NULL, *tf = NULL, *tfw = NULL, *sugg = NULL;
	const char *own_rule = "";
	char hex[8], own_hex[8];

	if (ms->has_bg)
		al_hex_color(ms->bg_rgb, own_hex);
	if (rq->bg == AL_MKBG_COLOR) {
		char *no = bg_forbidden(opts, rq->bg_rgb, AL_ROLE_LARGE, NULL);
		al_hex_color(rq->bg_rgb, hex);
		if (no) {
			sugg = suggestions(opts, ms, "--background");
			*err = g_strdup_printf("--background %s: not allowed for the logos: %s.  "
			                       "Colours on which the mark shows: %s", hex, no, sugg);
			g_free(no);
			st = AL_ERR_USAGE;
			goto out;
		}
		memcpy(set->bg_rgb, rq->bg_rgb, 3);
		set->bg_why = g_strdup_printf("%s, as asked", hex);
		goto out;
	}
	if (rq->bg == AL_MKBG_AUTO && ms->has_bg) {
		own_no = bg_forbidden(opts, ms->bg_rgb, AL_ROLE_LARGE, &own_rule);
		if (!own_no) {
			memcpy(set->bg_rgb, ms->bg_rgb, 3);
			set->bg_why = g_strdup_printf("%s, the master's own%s (an allowed colour)",
			                              own_hex, ms->card ? " card" : "");
			goto out;
		}
	}
	/* transparent: asked for, or auto with no usable background of its own */
	tf = transparent_forbidden(opts, rq, ms, AL_ROLE_LARGE, &st, err);
	if (st == AL_OK && wide && !tf)
		tfw = transparent_forbidden(opts, rq, wide, AL_ROLE_WIDE, &st, err);
	if (st != AL_OK)
		goto out;
	if (!tf && !tfw) {
		set->transparent = true;
		if (rq->bg == AL_MKBG_TRANSPARENT)
			set->bg_why = g_strdup("transparent, as asked");
		else if (own_no)
			set->bg_why = g_strdup_printf("transparent: the master's own background %s is not "
			                              "allowed (%s), and the mark is not white, black or "
			                              "blue", own_hex, own_rule);
		else
			set->bg_why = g_strdup_printf("transparent: the master is %s, and the mark is not "
			                              "white, black or blue",
			                              ms->has_bg ? "opaque" : "transparent");
		goto out;
	}
	sugg = suggestions(opts, ms, "--background");
	if (rq->bg == AL_MKBG_TRANSPARENT)
		*err = g_strdup_printf("--background transparent: not allowed for %s: %s.  Choose a "
		                       "background colour on which the mark shows, e.g. %s",
		                       tf ? "this mark" : "the wide master", tf ? tf : tfw, sugg);
	else if (own_no)
		*err = g_strdup_printf("--background auto: no allowed background for this mark: the "
		                       "master's own background %s is not allowed (%s), and the mark "
		                       "may not stand on a transparent one either (%s%s).  Choose a "
		                       "background colour on which the mark shows, e.g. %s", own_hex,
		                       own_no, tf ? "" : "the wide master: ", tf ? tf : tfw, sugg);
	else
		*err = g_strdup_printf("--background auto: no allowed background for this mark: the "
		                       "master is transparent, and the mark may not stand on a "
		                       "transparent background (%s%s).  Choose a background colour on "
		                       "which the mark shows, e.g. %s", tf ? "" : "the wide master: ",
		                       tf ? tf : tfw, sugg);
	st = AL_ERR_USAGE;
out:
	g_free(own_no);
	g_free(tf);
	g_free(tfw);
	g_free(sugg);
	return st;
}

/* The hero's background: opaque, allowed, and dark enough for the white
 * text the marketplace writes over its right side. */
static al_status choose_hero_bg(const al_options *opts, const al_mkset_request *rq,
                                const master_img *ms, al_mkset *set, char **err)
{
	double ratio = al_param_get(opts, &al_rule_hero_contrast, "min_ratio");
	char hex[8], dhex[8];
	uint8_t dark[3];
	char *no = NULL;
	al_status st = AL_OK;

	if (rq->hero_bg == AL_MKBG_COLOR) {
		al_hex_color(rq->hero_rgb, hex);
		al_mkset_darken_for_white(rq->hero_rgb, ratio, dark);
		al_hex_color(dark, dhex);
		if (white_contrast(rq->hero_rgb) < ratio) {
			*err = g_strdup_printf("--hero-background %s: too light for the marketplace's white "
			                       "text: contrast %.2f:1, the hero needs %.1f:1 (hero-contrast).  "
			                       "The nearest darker shade of its hue is %s (%.2f:1): "
			                       "--hero-background '%s'", hex, white_contrast(rq->hero_rgb),
			                       ratio, dhex, white_contrast(dark), dhex);
			st = AL_ERR_USAGE;
		} else if ((no = bg_forbidden(opts, rq->hero_rgb, AL_ROLE_HERO, NULL))) {
			*err = g_strdup_printf("--hero-background %s: not allowed: %s", hex, no);
			st = AL_ERR_USAGE;
		} else {
			memcpy(set->hero_rgb, rq->hero_rgb, 3);
			set->hero_why = g_strdup_printf("%s, as asked (white text %.1f:1)", hex,
			                                white_contrast(rq->hero_rgb));
		}
		goto out;
	}
	if (!set->transparent) {
		al_hex_color(set->bg_rgb, hex);
		al_mkset_darken_for_white(set->bg_rgb, ratio, dark);
		al_hex_color(dark, dhex);
		if (!(no = bg_forbidden(opts, dark, AL_ROLE_HERO, NULL))) {
			memcpy(set->hero_rgb, dark, 3);
			if (memcmp(dark, set->bg_rgb, 3) == 0) {
				set->hero_why = g_strdup_printf("%s, the logos' background (white text %.1f:1)",
				                                hex, white_contrast(dark));
			} else {
				set->hero_why = g_strdup_printf("%s, the nearest darker shade of the logos' %s "
				                                "(white text %.1f:1)", dhex, hex,
				                                white_contrast(dark));
				g_ptr_array_add(set->notes, g_strdup_printf(
					"the logos' background %s is too light for the marketplace's white text "
					"on the hero (contrast %.2f:1, needs %.1f:1): the hero uses the nearest "
					"darker shade of its hue, %s (%.2f:1); choose another with "
					"--hero-background", hex, white_contrast(set->bg_rgb), ratio, dhex,
					white_contrast(dark)));
			}
			goto out;
		}
		g_clear_pointer(&no, g_free);
	}
	/* transparent logos (or a shade that came out black): the palette
	 * colour, darkened for white text, on which the mark shows best */
	candidate c[N_TIERS * G_N_ELEMENTS(palette)];
	int n = rank_palette(opts, ms, AL_ROLE_HERO, ratio, c);
	if (n == 0) {
		*err = g_strdup("no allowed hero background: give one with --hero-background COLOR");
		st = AL_ERR_USAGE;
		goto out;
	}
	memcpy(set->hero_rgb, c[0].rgb, 3);
	al_hex_color(c[0].rgb, hex);
	set->hero_why = g_strdup_printf("%s (%s%s), on which the mark shows best (contrast %.1f:1) "
	                                "and white text has %.1f:1; the hero must be opaque",
	                                hex, c[0].tier ? "a deep " : "", c[0].name, c[0].median,
	                                white_contrast(c[0].rgb));
out:
	g_free(no);
	return st;
}

/* A mark whose outline is a box of one colour, filling most of a logo,
 * is read by the checker as a card: the logo's background
 * (background-white.card_min_area).  A white or black one is then a white
 * or black background.  Raises the logos' padding in steps of 1 % (up to
 * PADDING_MAX) until no logo reads so, and says so in a note.  *padding:
 * the padding to use. */
#define PADDING_MAX 0.3
static al_status fit_padding(const al_options *opts, const al_mkset_request *rq,
                             const master_img *ms, const master_img *wide, al_mkset *set,
                             double *padding, char **err)
{
	const al_profile *p = opts->profile;
	char *first = NULL, *why = NULL;
	al_status st = AL_OK;

	*padding = rq->padding;
	for (;;) {
		g_clear_pointer(&why, g_free);
		for (int r = 0; r < AL_ROLE_HERO && !why && st == AL_OK; r++) {
			const master_img *src = r == AL_ROLE_WIDE && wide ? wide : ms;
			al_mkset_file f;
			if (!p->roles[r].present)
				continue;
			st = render_file(opts, *padding, src, (al_role)r,
			                 set->transparent ? NULL : set->bg_rgb, &f, err);
			if (st == AL_OK) {
				al_image img = { .width = f.width, .height = f.height, .rgba = f.rgba };
				why = rule_says(opts, &al_rule_background_white, &img, (al_role)r);
				if (!why)
					why = rule_says(opts, &al_rule_background_black, &img, (al_role)r);
				if (why) {
					char *w = g_strdup_printf("%s: %s", f.name, why);
					g_free(why);
					why = w;
				}
			}
			file_clear(&f);
		}
		if (st != AL_OK || !why)
			break;
		if (!first)
			first = g_strdup(why);
		if (*padding + 0.01 > PADDING_MAX + 1e-9) {
			g_ptr_array_add(set->notes, g_strdup_printf(
				"the mark fills the logo like a card and reads as its background even with "
				"%.0f %% padding (%s); give a mark that is not a white or black box, or "
				"another --background", *padding * 100, why));
			*padding = rq->padding;
			break;
		}
		*padding += 0.01;
	}
	if (st == AL_OK && first && *padding != rq->padding)
		g_ptr_array_add(set->notes, g_strdup_printf(
			"the logos' padding is raised from %.0f %% to %.0f %%: with less, the mark fills "
			"the logo like a card and reads as its background (%s)", rq->padding * 100,
			*padding * 100, first));
	g_free(first);
	g_free(why);
	return st;
}

/* ---- the set ---------------------------------------------------------- */

al_status al_mkset_build(const al_options *opts, const al_mkset_request *rq,
                         al_mkset **out, char **err)
{
	const al_profile *p = opts->profile;
	master_img ms = { 0 }, wide = { 0 };
	al_mkset *set = g_new0(al_mkset, 1);
	al_status st;
	double max_scale = 0, padding = rq->padding;
	const char *max_name = NULL;

	set->notes = g_ptr_array_new_with_free_func(g_free);
	*out = NULL;
	if (rq->padding < 0 || rq->padding > 0.4) {
		*err = g_strdup_printf("--padding %g: want 0 to 40 (%% of the short side)", rq->padding * 100);
		st = AL_ERR_USAGE;
		goto out;
	}
	if ((st = load_master(opts, rq->master, &ms, err)) != AL_OK)
		goto out;
	set->master_desc = g_strdup(ms.desc);
	set->content = ms.box;
	if (rq->wide_master && p->roles[AL_ROLE_WIDE].present &&
	    (st = load_master(opts, rq->wide_master, &wide, err)) != AL_OK)
		goto out;
	if ((st = choose_logo_bg(opts, rq, &ms, wide.rgba ? &wide : NULL, set, err)) != AL_OK)
		goto out;
	if (rq->hero && p->roles[AL_ROLE_HERO].present &&
	    (st = choose_hero_bg(opts, rq, &ms, set, err)) != AL_OK)
		goto out;
	if ((st = fit_padding(opts, rq, &ms, wide.rgba ? &wide : NULL, set, &padding, err)) != AL_OK)
		goto out;
	for (int r = 0; r <= AL_ROLE_HERO; r++) {
		const master_img *src = r == AL_ROLE_WIDE && wide.rgba ? &wide : &ms;
		const uint8_t *bg = r == AL_ROLE_HERO ? set->hero_rgb
		                    : set->transparent ? NULL : set->bg_rgb;
		al_mkset_file *f = &set->files[set->n_files];
		if (!p->roles[r].present || (r == AL_ROLE_HERO && !rq->hero))
			continue;
		if ((st = render_file(opts, r == AL_ROLE_HERO ? rq->padding : padding, src, (al_role)r,
		                      bg, f, err)) != AL_OK) {
			file_clear(f);
			goto out;
		}
		set->n_files++;
		if (!(f->png = al_mkset_encode_png(f->rgba, f->width, f->height, err))) {
			st = AL_ERR_IO;
			goto out;
		}
		if (f->scale > max_scale) {
			max_scale = f->scale;
			max_name = f->name;
		}
		/* a mark that is hard to see on an opaque background */
		if (bg && src == &ms) {
			double median, share = visibility(&ms, bg, &median);
			char hex[8];
			al_hex_color(bg, hex);
			if (share < 0.5 && (r == AL_ROLE_HERO || r == AL_ROLE_LARGE))
				g_ptr_array_add(set->notes, g_strdup_printf(
					"%s: the mark is hard to see on %s: only %.0f %% of it has a contrast of "
					"%.0f:1 or more (median %.1f:1)", f->name, hex, share * 100,
					VISIBLE_RATIO, median));
		}
	}
	if (max_scale > 1.0)
		g_ptr_array_add(set->notes, g_strdup_printf(
			"the master's content is only %dx%d px: %s enlarges it %.1f times, so its edges "
			"will be soft; give a larger master or an SVG", ms.box.w, ms.box.h, max_name,
			max_scale));
	*out = set;
	set = NULL;
out:
	master_clear(&ms);
	master_clear(&wide);
	al_mkset_free(set);
	return st;
}

void al_mkset_free(al_mkset *set)
{
	if (!set)
		return;
	for (int i = 0; i < set->n_files; i++)
		file_clear(&set->files[i]);
	g_free(set->master_desc);
	g_free(set->bg_why);
	g_free(set->hero_why);
	if (set->notes)
		g_ptr_array_free(set->notes, TRUE);
	g_free(set);
}

static al_status write_bytes(FILE *out, void *data, char **err)
{
	gsize len;
	const void *p = g_bytes_get_data(data, &len);
	if (fwrite(p, 1, len, out) != len) {
		*err = g_strdup(g_strerror(errno));
		return AL_ERR_IO;
	}
	return AL_OK;
}

al_status al_mkset_write(const al_mkset *set, const char *dir, char **err)
{
	al_status st = AL_OK;

	if (g_mkdir_with_parents(dir, 0777) != 0) {
		*err = g_strdup_printf("%s: cannot create the folder: %s", dir, g_strerror(errno));
		return AL_ERR_IO;
	}
	for (int i = 0; i < set->n_files && st == AL_OK; i++) {
		char *path = g_build_filename(dir, set->files[i].name, NULL);
		st = al_write_path(path, write_bytes, set->files[i].png, err);
		g_free(path);
	}
	return st;
}

/* ---- the public handle ------------------------------------------------ */

struct al_makeset {
	al_mkset_request rq;
	char *wide;              /* rq.wide_master's copy */
	char *master_path;       /* the master of the last al_makeset_make() */
	al_mkset *set;           /* what was made, or NULL */
};

al_makeset *al_makeset_new(void)
{
	al_makeset *ms = g_new0(al_makeset, 1);
	ms->rq.padding = AL_MKSET_PADDING;
	ms->rq.hero = true;
	return ms;
}

void al_makeset_free(al_makeset *ms)
{
	if (!ms)
		return;
	al_mkset_free(ms->set);
	g_free(ms->wide);
	g_free(ms->master_path);
	g_free(ms);
}

al_status al_makeset_set_background(al_makeset *ms, const char *spec, char **err)
{
	uint8_t rgb[3];

	if (spec && strcmp(spec, "auto") == 0) {
		ms->rq.bg = AL_MKBG_AUTO;
	} else if (spec && strcmp(spec, "transparent") == 0) {
		ms->rq.bg = AL_MKBG_TRANSPARENT;
	} else if (al_mkset_parse_color(spec, rgb)) {
		ms->rq.bg = AL_MKBG_COLOR;
		memcpy(ms->rq.bg_rgb, rgb, 3);
	} else {
		*err = g_strdup_printf("--background %s: want a colour (#rrggbb or #rgb), "
		                       "transparent or auto", spec ? spec : "(null)");
		return AL_ERR_USAGE;
	}
	return AL_OK;
}

al_status al_makeset_set_hero_background(al_makeset *ms, const char *spec, char **err)
{
	uint8_t rgb[3];

	if (spec && strcmp(spec, "auto") == 0) {
		ms->rq.hero_bg = AL_MKBG_AUTO;
	} else if (al_mkset_parse_color(spec, rgb)) {
		ms->rq.hero_bg = AL_MKBG_COLOR;
		memcpy(ms->rq.hero_rgb, rgb, 3);
	} else {
		*err = g_strdup_printf("--hero-background %s: want a colour (#rrggbb or #rgb) or auto; "
		                       "the hero is never transparent", spec ? spec : "(null)");
		return AL_ERR_USAGE;
	}
	return AL_OK;
}

al_status al_makeset_set_padding(al_makeset *ms, double pct, char **err)
{
	if (!(pct >= 0 && pct <= 40)) {
		*err = g_strdup_printf("--padding %g: want 0 to 40 (%% of the canvas's short side, "
		                       "on each side)", pct);
		return AL_ERR_USAGE;
	}
	ms->rq.padding = pct / 100;
	return AL_OK;
}

void al_makeset_set_wide_master(al_makeset *ms, const char *path)
{
	g_free(ms->wide);
	ms->wide = g_strdup(path);
	ms->rq.wide_master = ms->wide;
}

void al_makeset_set_hero(al_makeset *ms, int hero)
{
	ms->rq.hero = hero != 0;
}

al_status al_makeset_make(al_makeset *ms, const al_options *opts, const char *master,
                          char **err)
{
	al_mkset *set = NULL;
	al_status st;
	char *e = NULL;

	if (!ms || !opts || !master) {
		if (err)
			*err = g_strdup("al_makeset_make: NULL argument");
		return AL_ERR_USAGE;
	}
	al_mkset_free(ms->set);
	ms->set = NULL;
	g_free(ms->master_path);
	ms->master_path = g_strdup(master);
	ms->rq.master = ms->master_path;
	st = al_mkset_build(opts, &ms->rq, &set, &e);
	if (st == AL_OK)
		ms->set = set;
	if (err)
		*err = e;
	else
		g_free(e);
	return st;
}

int al_makeset_n_files(const al_makeset *ms)
{
	return ms && ms->set ? ms->set->n_files : 0;
}

const char *al_makeset_file_name(const al_makeset *ms, int i)
{
	return i >= 0 && i < al_makeset_n_files(ms) ? ms->set->files[i].name : NULL;
}

const void *al_makeset_file_data(const al_makeset *ms, int i, size_t *len)
{
	gsize n = 0;
	const void *p = i >= 0 && i < al_makeset_n_files(ms)
	                ? g_bytes_get_data(ms->set->files[i].png, &n) : NULL;
	if (len)
		*len = n;
	return p;
}

void al_makeset_describe(const al_makeset *ms, const char *dir, FILE *out)
{
	const al_mkset *set = ms ? ms->set : NULL;
	int width = 0;
	char hex[8];

	if (!set)
		return;
	fprintf(out, "master %s: content %dx%d at %d,%d\n", set->master_desc, set->content.w,
	        set->content.h, set->content.x, set->content.y);
	fprintf(out, "  logo background: %s\n", set->bg_why);
	if (set->hero_why)
		fprintf(out, "  hero background: %s\n", set->hero_why);
	for (int i = 0; i < set->n_files; i++) {
		char *path = g_build_filename(dir ? dir : ".", set->files[i].name, NULL);
		width = MAX(width, (int)g_utf8_strlen(path, -1));
		g_free(path);
	}
	for (int i = 0; i < set->n_files; i++) {
		const al_mkset_file *f = &set->files[i];
		char *path = g_build_filename(dir ? dir : ".", f->name, NULL);
		char *size = g_strdup_printf("%dx%d", f->width, f->height);
		char *mark = g_strdup_printf("%.1fx%.1f", f->mark_w, f->mark_h);
		if (f->opaque)
			al_hex_color(f->bg_rgb, hex);
		fprintf(out, "  %-*s  %-7s  mark %-11s at %3.0f,%-3.0f on %s", width, path, size,
		        mark, f->mark_x, f->mark_y, f->opaque ? hex : "transparent");
		if (f->role == AL_ROLE_HERO)
			fprintf(out, "; x >= %d left plain", f->free_x);
		fprintf(out, "  (%zu bytes)\n", g_bytes_get_size(f->png));
		g_free(mark);
		g_free(size);
		g_free(path);
	}
	for (guint i = 0; i < set->notes->len; i++)
		fprintf(out, "  note: %s\n", (const char *)g_ptr_array_index(set->notes, i));
}

al_status al_makeset_write(const al_makeset *ms, const char *dir, char **err)
{
	if (!ms || !ms->set || !dir) {
		*err = g_strdup("al_makeset_write: nothing made yet (call al_makeset_make())");
		return AL_ERR_USAGE;
	}
	return al_mkset_write(ms->set, dir, err);
}
