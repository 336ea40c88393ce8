/* make-set (makeset.c): sets made from masters of several shapes and
 * backgrounds are checked with the checker itself; the mark keeps its
 * aspect ratio; the hero's free zone stays plain and dark enough for white
 * text; the background choices follow the rules. */
#include <stdarg.h>
#include <stdlib.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <setjmp.h>
#include <cmocka.h>
#include <glib/gstdio.h>
#include <vips/vips.h>
#include "testutil.h"
#include "mark_shapes.h"
#include "makeset.h"
#include "rules/rules.h"

#define ORANGE 0xe8a33dffu
#define TEAL 0x2f7d6dffu
#define YELLOW 0xf4c542ffu
#define NAVY 0x1b3a5cffu
#define GREEN 0x107c10ffu
#define CREAM 0xfdf6e3ffu
#define WHITE 0xffffffffu
#define BLACK 0x000000ffu
#define BLUE 0x0078d4ffu
#define LIGHTBLUE 0x50a0f0ffu
#define MIDBLUE 0x326ce5ffu
#define CLEAR 0x00000000u

/* The sanitizer build's leak check: librsvg draws text through pango and
 * fontconfig, which loses font patterns (a plain libvips program that
 * loads an SVG with text reports the same); see tests/lsan-makeset.supp.
 * The name is LeakSanitizer's interface. */
const char *__lsan_default_suppressions(void);
__attribute__((visibility("default"))) const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\n";
}

static char *tmp_root;
/* the largest aspect-ratio error seen, for the log */
static double worst_aspect;
static char worst_where[128];

/* ---- masters ---------------------------------------------------------- */

typedef struct {
	const char *name;
	al_image *(*draw)(void);  /* a PNG master drawn here, or */
	const char *svg;          /* an SVG master */
	uint32_t outline;         /* colour of the mark's silhouette */
	const char *allowed;      /* rules a finding may come from ("" = none):
	                           * what the master itself brings */
	const char *must;         /* a rule that must report (or NULL) */
	const char *bg;           /* --background, NULL = auto */
	const char *expect_bg;    /* the logos' background chosen */
} master_case;

static al_image *draw_square(void)
{
	al_image *img = tu_image_new(600, 600, CLEAR);
	ms_rect(img, 100, 100, 500, 500, ORANGE);
	ms_ellipse(img, 300, 300, 120, 120, TEAL);
	return img;
}

/* a wide mark on its own teal background */
static al_image *draw_wide(void)
{
	al_image *img = tu_image_new(900, 360, TEAL);
	ms_rect(img, 60, 90, 840, 270, YELLOW);
	ms_triangle(img, 380, 110, 520, 250, NAVY);
	return img;
}

/* a tall mark on white: white is not allowed, so it goes */
static al_image *draw_tall(void)
{
	al_image *img = tu_image_new(400, 900, WHITE);
	ms_rect(img, 120, 100, 280, 800, GREEN);
	ms_ellipse(img, 200, 450, 50, 200, CREAM);
	return img;
}

static al_image *draw_white(void)
{
	al_image *img = tu_image_new(600, 600, CLEAR);
	ms_rect(img, 150, 120, 450, 480, WHITE);
	ms_ellipse(img, 300, 300, 80, 80, 0xccccccffu);
	return img;
}

/* a white box filling most of the logo reads as a white card: the
 * padding must grow */
static al_image *draw_white_box(void)
{
	al_image *img = tu_image_new(400, 400, CLEAR);
	ms_rect(img, 80, 80, 320, 320, WHITE);
	ms_ellipse(img, 200, 200, 60, 60, TEAL);
	return img;
}

static al_image *draw_blue(void)
{
	al_image *img = tu_image_new(500, 500, CLEAR);
	ms_rect(img, 50, 150, 450, 350, BLUE);
	ms_ellipse(img, 250, 250, 60, 60, LIGHTBLUE);
	return img;
}

/* a mid blue badge with white inside (as many cloud brands): it shows on
 * neither the plain palette colours nor a transparent background */
static al_image *draw_blue_white(void)
{
	al_image *img = tu_image_new(600, 600, CLEAR);
	ms_ellipse(img, 300, 300, 240, 230, MIDBLUE);
	ms_triangle(img, 300, 140, 440, 400, WHITE);
	ms_ellipse(img, 300, 330, 45, 45, MIDBLUE);
	return img;
}

/* an app-icon tile: a blue card on a transparent canvas, a cream mark on it */
static al_image *draw_card(void)
{
	al_image *img = tu_image_new(600, 600, CLEAR);
	ms_rect(img, 20, 20, 580, 580, BLUE);
	ms_rect(img, 180, 220, 420, 380, CREAM);
	return img;
}

static al_image *draw_on_black(void)
{
	al_image *img = tu_image_new(700, 500, BLACK);
	ms_rect(img, 100, 150, 600, 350, ORANGE);
	ms_triangle(img, 300, 170, 400, 330, TEAL);
	return img;
}

static const char svg_mark[] =
	"<svg xmlns='http://www.w3.org/2000/svg' width='300' height='200' viewBox='0 0 300 200'>"
	"<rect x='40' y='30' width='220' height='140' rx='20' fill='#c50f1f'/>"
	"<rect x='40' y='80' width='220' height='40' fill='#c50f1f'/>"
	"<circle cx='150' cy='100' r='40' fill='#fdf6e3'/></svg>";

/* a bar over a word: straight edges at every side of its box */
static const char svg_text[] =
	"<svg xmlns='http://www.w3.org/2000/svg' width='600' height='240' viewBox='0 0 600 240'>"
	"<rect x='20' y='20' width='560' height='40' fill='#d83b01'/>"
	"<text x='300' y='200' text-anchor='middle' font-family='DejaVu Sans,sans-serif' "
	"font-weight='bold' font-size='120' fill='#d83b01'>MARKET</text></svg>";

static const char svg_gradient[] =
	"<svg xmlns='http://www.w3.org/2000/svg' width='400' height='400' viewBox='0 0 400 400'>"
	"<defs><linearGradient id='g' x1='0' y1='0' x2='1' y2='1'>"
	"<stop offset='0' stop-color='#d83b01'/><stop offset='1' stop-color='#ffb900'/>"
	"</linearGradient></defs>"
	"<rect x='50' y='50' width='300' height='300' fill='url(#g)'/></svg>";

static const master_case cases[] = {
	{ "square", draw_square, NULL, ORANGE, "", NULL, NULL, "transparent" },
	{ "wide", draw_wide, NULL, YELLOW, "", NULL, NULL, "#2f7d6d" },
	{ "tall", draw_tall, NULL, GREEN, "", NULL, NULL, "transparent" },
	{ "svg", NULL, svg_mark, 0xc50f1fffu, "", NULL, NULL, "transparent" },
	{ "white", draw_white, NULL, WHITE, "", NULL, "#0078d4", "#0078d4" },
	{ "white-box", draw_white_box, NULL, WHITE, "", NULL, "#0078d4", "#0078d4" },
	{ "blue", draw_blue, NULL, BLUE, "", NULL, "#ffb900", "#ffb900" },
	{ "blue-white", draw_blue_white, NULL, MIDBLUE, "", NULL, "#00274c", "#00274c" },
	{ "card", draw_card, NULL, CREAM, "", NULL, NULL, "#0078d4" },
	{ "on-black", draw_on_black, NULL, ORANGE, "", NULL, NULL, "transparent" },
	{ "text", NULL, svg_text, 0xd83b01ffu, "text,palette", "text", NULL, "transparent" },
	{ "gradient", NULL, svg_gradient, 0, "gradient,palette", "gradient", NULL, "transparent" },
};

/* Writes the master of @mc; returns its path (g_free). */
static char *write_master(const master_case *mc)
{
	char *path;
	if (mc->svg) {
		char *name = g_strdup_printf("%s.svg", mc->name);
		path = g_build_filename(tmp_root, name, NULL);
		assert_true(g_file_set_contents(path, mc->svg, -1, NULL));
		g_free(name);
	} else {
		char *name = g_strdup_printf("%s.png", mc->name), *err = NULL;
		al_image *img = mc->draw();
		GBytes *png = al_mkset_encode_png(img->rgba, img->width, img->height, &err);
		assert_non_null(png);
		path = g_build_filename(tmp_root, name, NULL);
		assert_true(g_file_set_contents(path, g_bytes_get_data(png, NULL),
		                                (gssize)g_bytes_get_size(png), NULL));
		g_bytes_unref(png);
		tu_image_free(img);
		g_free(name);
	}
	return path;
}

/* The master as pixels, independently of make-set: drawn, or the SVG
 * rendered at 2048 px on its long side. */
static al_image *master_pixels(const master_case *mc)
{
	if (mc->draw)
		return mc->draw();
	VipsImage *hdr = NULL, *im = NULL, *rgba = NULL;
	vips_operation_block_set("VipsForeignLoadSvg", FALSE);
	assert_int_equal(vips_svgload_buffer((void *)mc->svg, strlen(mc->svg), &hdr, NULL), 0);
	double s = 2048.0 / MAX(vips_image_get_width(hdr), vips_image_get_height(hdr));
	assert_int_equal(vips_svgload_buffer((void *)mc->svg, strlen(mc->svg), &im, "scale", s, NULL), 0);
	assert_int_equal(vips_cast_uchar(im, &rgba, NULL), 0);
	al_image *img = g_new0(al_image, 1);
	size_t size;
	img->width = vips_image_get_width(rgba);
	img->height = vips_image_get_height(rgba);
	assert_int_equal(vips_image_get_bands(rgba), 4);
	void *mem = vips_image_write_to_memory(rgba, &size);
	img->rgba = g_memdup2(mem, size);
	g_free(mem);
	g_object_unref(hdr);
	g_object_unref(im);
	g_object_unref(rgba);
	return img;
}

/* ---- measuring -------------------------------------------------------- */

/* How much of pixel @p is the mark: its alpha on a transparent canvas;
 * on an opaque one the share of @fg mixed into @bg (sRGB mixing is linear
 * in the values, so the projection is exact).  @fg == 0: anything that
 * differs from @bg by more than the noise counts whole. */
static double coverage(const uint8_t *p, bool opaque, const uint8_t bg[3], uint32_t fg)
{
	if (!opaque)
		return p[3] / 255.0;
	if (!fg) {
		int d = abs(p[0] - bg[0]) + abs(p[1] - bg[1]) + abs(p[2] - bg[2]);
		return d > 24 ? 1 : d / 24.0;
	}
	double num = 0, den = 0;
	for (int c = 0; c < 3; c++) {
		double f = (double)(fg >> (24 - 8 * c) & 0xff) - bg[c];
		num += (p[c] - bg[c]) * f;
		den += f * f;
	}
	return den > 0 ? CLAMP(num / den, 0, 1) : 0;
}

typedef struct { double w, h, cx, cy; } box;

/* The extent of a coverage profile @v[0..n) at sub-pixel precision: from
 * the first to the last fully covered place, plus the partial coverage
 * beyond each (an edge's coverage is spread over a pixel or two by
 * anti-aliasing and resampling, but its sum is the distance the mark
 * reaches past the full pixels).  Gaps inside do not count against it. */
static void extent(const double *v, int n, double *lo, double *hi)
{
	double full = 0;
	int a = -1, b = -1;
	for (int i = 0; i < n; i++)
		full = MAX(full, v[i]);
	full = MIN(full, 0.97);
	for (int i = 0; i < n; i++)
		if (v[i] >= full) {
			if (a < 0)
				a = i;
			b = i;
		}
	*lo = a;
	*hi = b + 1;
	for (int i = 0; i < a; i++)
		*lo -= v[i] / MAX(full, 1e-9);
	for (int i = b + 1; i < n; i++)
		*hi += v[i] / MAX(full, 1e-9);
}

/* The mark's box at sub-pixel precision: along x each column counts with
 * the largest coverage in it, along y each row; see extent(). */
static box measure_box(const uint8_t *rgba, int w, int h, int x_end, bool opaque,
                       const uint8_t bg[3], uint32_t fg)
{
	double *colmax = g_new0(double, w), *rowmax = g_new0(double, h);
	double x0, x1, y0, y1;
	box b;
	for (int y = 0; y < h; y++)
		for (int x = 0; x < x_end; x++) {
			double c = coverage(rgba + ((size_t)y * w + x) * 4, opaque, bg, fg);
			if (c < 0.02)
				continue;
			colmax[x] = MAX(colmax[x], c);
			rowmax[y] = MAX(rowmax[y], c);
		}
	extent(colmax, w, &x0, &x1);
	extent(rowmax, h, &y0, &y1);
	b.w = x1 - x0;
	b.h = y1 - y0;
	b.cx = (x0 + x1) / 2;
	b.cy = (y0 + y1) / 2;
	g_free(colmax);
	g_free(rowmax);
	return b;
}

static box master_box(const master_case *mc)
{
	al_image *img = master_pixels(mc);
	const uint8_t *c = img->rgba;
	bool opaque = c[3] == 255;
	uint8_t bg[3] = { c[0], c[1], c[2] };
	box b;
	if (mc->draw == draw_card) {
		/* the card is the background: the cream mark on it is the content */
		uint8_t blue[3] = { 0x00, 0x78, 0xd4 };
		b = measure_box(img->rgba, img->width, img->height, img->width, true, blue, mc->outline);
	} else {
		b = measure_box(img->rgba, img->width, img->height, img->width, opaque, bg, mc->outline);
	}
	tu_image_free(img);
	return b;
}

static double white_contrast(const uint8_t *p)
{
	return al_contrast_ratio(1.0, al_rel_luminance(p[0], p[1], p[2]));
}

/* ---- the checks of one set ------------------------------------------- */

static bool listed(const char *list, const char *rule)
{
	char **ids = g_strsplit(list, ",", -1);
	bool found = false;
	for (char **i = ids; *i && !found; i++)
		found = **i && strcmp(*i, rule) == 0;
	g_strfreev(ids);
	return found;
}

/* Every warning and error of the set's check comes from @allowed; @must
 * (when set) reports.  Returns the number of findings seen. */
static int check_findings(const master_case *mc, const char *dir)
{
	al_options *opts = al_options_new();
	const char *paths[] = { dir };
	char *err = NULL;
	al_report *rep = al_check_paths(opts, paths, 1, &err);
	int n = 0;
	bool must_seen = false;

	assert_non_null(rep);
	assert_int_equal(al_report_n_sets(rep), 1);
	for (int i = -1; i < al_report_n_files(rep); i++) {
		const al_file *f = i >= 0 ? al_report_file(rep, i) : NULL;
		const al_set *s = al_report_set(rep, 0);
		int nf = f ? al_file_n_findings(f) : al_set_n_findings(s);
		for (int k = 0; k < nf; k++) {
			const al_finding *x = f ? al_file_finding(f, k) : al_set_finding(s, k);
			if (al_finding_severity(x) < AL_SEV_WARNING)
				continue;
			n++;
			if (mc->must && strcmp(al_finding_rule(x), mc->must) == 0)
				must_seen = true;
			if (!listed(mc->allowed, al_finding_rule(x)))
				fail_msg("%s: %s: unexpected %s %s: %s", mc->name,
				         f ? al_file_path(f) : "set", al_severity_name(al_finding_severity(x)),
				         al_finding_rule(x), al_finding_message(x));
		}
	}
	if (mc->must && !must_seen)
		fail_msg("%s: expected a %s finding from the master", mc->name, mc->must);
	al_report_free(rep);
	al_options_free(opts);
	return n;
}

/* Aspect, centring, padding of every file; the hero's zone. */
static void check_geometry(const master_case *mc, const al_mkset *set, box mb)
{
	double aspect = mb.w / mb.h;
	for (int i = 0; i < set->n_files; i++) {
		const al_mkset_file *f = &set->files[i];
		int x_end = f->role == AL_ROLE_HERO ? f->free_x : f->width;
		box b = measure_box(f->rgba, f->width, f->height, x_end, f->opaque, f->bg_rgb,
		                    mc->outline);
		double err = fabs(b.w / b.h / aspect - 1);
		if (err > worst_aspect) {
			worst_aspect = err;
			g_snprintf(worst_where, sizeof worst_where, "%s of %s: %.2fx%.2f, master %.1fx%.1f",
			           f->name, mc->name, b.w, b.h, mb.w, mb.h);
		}
		if (err > 0.01)
			fail_msg("%s %s: aspect %.4f (%.2fx%.2f), master %.4f: off by %.2f %%", mc->name,
			         f->name, b.w / b.h, b.w, b.h, aspect, err * 100);
		/* fitted into the area, centred within half a pixel */
		double ax = f->area.x + f->area.w / 2.0, ay = f->area.y + f->area.h / 2.0;
		/* an enlarged master is placed to within half a master pixel */
		double tol = 0.6 + (f->scale > 1 ? f->scale / 2 : 0);
		if (fabs(b.cx - ax) > tol || fabs(b.cy - ay) > tol)
			fail_msg("%s %s: mark centred at %.2f,%.2f, the area's centre is %.2f,%.2f "
			         "(box %.2fx%.2f)", mc->name, f->name, b.cx, b.cy, ax, ay, b.w, b.h);
		assert_true(b.w <= f->area.w + 0.3 && b.h <= f->area.h + 0.3);
		assert_true(b.w >= f->area.w - 0.6 || b.h >= f->area.h - 0.6);
		if (f->role != AL_ROLE_HERO)
			continue;
		/* the right 415 px: every pixel the plain, opaque background,
		 * dark enough for white text */
		assert_int_equal(f->free_x, f->width - 415);
		for (int y = 0; y < f->height; y++)
			for (int x = f->free_x; x < f->width; x++) {
				const uint8_t *p = f->rgba + ((size_t)y * f->width + x) * 4;
				if (memcmp(p, f->bg_rgb, 3) != 0 || p[3] != 255)
					fail_msg("%s Hero.png: pixel %d,%d in the free zone is touched", mc->name, x, y);
			}
		assert_true(white_contrast(f->bg_rgb) >= 4.5);
	}
}

static al_status build(const char *master, const char *bg, const char *hero_bg,
                       const char *profile, al_mkset **set, char **err)
{
	al_options *opts = al_options_new();
	al_mkset_request rq = { .master = master, .padding = AL_MKSET_PADDING, .hero = true };
	char *perr = NULL;
	if (profile)
		assert_int_equal(al_options_set_profile(opts, profile, &perr), AL_OK);
	if (bg && strcmp(bg, "transparent") == 0)
		rq.bg = AL_MKBG_TRANSPARENT;
	else if (bg)
		assert_true(al_mkset_parse_color(bg, rq.bg_rgb)), rq.bg = AL_MKBG_COLOR;
	if (hero_bg)
		assert_true(al_mkset_parse_color(hero_bg, rq.hero_rgb)), rq.hero_bg = AL_MKBG_COLOR;
	al_status st = al_mkset_build(opts, &rq, set, err);
	al_options_free(opts);
	return st;
}

static void rm_set(const char *dir)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	const char *n;
	while (d && (n = g_dir_read_name(d))) {
		char *p = g_build_filename(dir, n, NULL);
		g_unlink(p);
		g_free(p);
	}
	if (d)
		g_dir_close(d);
	g_rmdir(dir);
}

/* Does the rendered text master show letters under its bar?  Without a
 * font librsvg draws none. */
static bool text_renders(const master_case *mc)
{
	al_image *img = master_pixels(mc);
	long ink = 0;
	for (int y = img->height * 2 / 5; y < img->height; y++)
		for (int x = 0; x < img->width; x++)
			ink += img->rgba[((size_t)y * img->width + x) * 4 + 3] > 128;
	tu_image_free(img);
	return ink > 1000;
}

static void test_sets(void **state)
{
	for (unsigned i = 0; i < G_N_ELEMENTS(cases); i++) {
		const master_case *mc = &cases[i];
		char *path = write_master(mc), *err = NULL;
		char *dir = g_build_filename(tmp_root, mc->name, NULL);
		al_mkset *set = NULL;

		if (mc->must && strcmp(mc->must, "text") == 0 && !text_renders(mc)) {
			printf("SKIP: make-set of a master with text: librsvg found no font to draw it\n");
			g_free(dir);
			g_free(path);
			continue;
		}
		if (build(path, mc->bg, NULL, NULL, &set, &err) != AL_OK)
			fail_msg("%s: %s", mc->name, err);
		assert_int_equal(set->n_files, 5);
		assert_int_equal(al_mkset_write(set, dir, &err), AL_OK);
		int n = check_findings(mc, dir);
		if (strcmp(mc->expect_bg, "transparent") == 0) {
			assert_true(set->transparent);
		} else {
			char hex[8];
			al_hex_color(set->bg_rgb, hex);
			assert_false(set->transparent);
			assert_string_equal(hex, mc->expect_bg);
		}
		printf("%-9s logos %s; hero %s; %d findings from the master\n", mc->name,
		       set->bg_why, set->hero_why, n);
		if (mc->outline)
			check_geometry(mc, set, master_box(mc));
		al_mkset_free(set);
		rm_set(dir);
		g_unlink(path);
		g_free(dir);
		g_free(path);
	}
	printf("largest aspect error: %.2f %% (%s)\n", worst_aspect * 100, worst_where);
}

static const master_case *find_case(const char *name)
{
	for (unsigned i = 0; i < G_N_ELEMENTS(cases); i++)
		if (strcmp(cases[i].name, name) == 0)
			return &cases[i];
	return NULL;
}

/* Every colour the message @err suggests is allowed, and the mark shows
 * on it: no "hard to see" note, on the logos or the hero. */
static void suggestions_show(const char *name, const char *path, const char *err)
{
	int n = 0;
	for (const char *p = strstr(err, "--background '#"); p; p = strstr(p + 1, "--background '#")) {
		char hex[8] = "";
		al_mkset *set = NULL;
		char *e = NULL;
		g_strlcpy(hex, p + strlen("--background '"), sizeof hex);
		if (build(path, hex, NULL, NULL, &set, &e) != AL_OK)
			fail_msg("%s: suggested %s is refused: %s", name, hex, e);
		for (guint k = 0; k < set->notes->len; k++)
			if (strstr(g_ptr_array_index(set->notes, k), "hard to see"))
				fail_msg("%s: on the suggested %s: %s", name, hex,
				         (char *)g_ptr_array_index(set->notes, k));
		printf("%s: suggested %s: %s\n", name, hex, set->bg_why);
		al_mkset_free(set);
		n++;
	}
	assert_true(n >= 1);
}

/* auto: a white or blue mark on a transparent master has no allowed
 * background; the error says why and offers colours the mark shows on */
static void test_auto_refuses(void **state)
{
	const char *names[] = { "white", "blue", "blue-white" };
	const char *says[] = { "white", "blue", "blue" };
	for (unsigned i = 0; i < G_N_ELEMENTS(names); i++) {
		const master_case *mc = find_case(names[i]);
		char *path = write_master(mc), *err = NULL;
		al_mkset *set = NULL;
		assert_int_equal(build(path, NULL, NULL, NULL, &set, &err), AL_ERR_USAGE);
		assert_null(set);
		assert_non_null(strstr(err, "--background auto"));
		assert_non_null(strstr(err, says[i]));
		assert_non_null(strstr(err, "--background '#"));
		g_free(err);
		err = NULL;
		assert_int_equal(build(path, "transparent", NULL, NULL, &set, &err), AL_ERR_USAGE);
		assert_non_null(strstr(err, "--background transparent"));
		suggestions_show(names[i], path, err);
		g_free(err);
		g_unlink(path);
		g_free(path);
	}
}

static void test_forbidden_colors(void **state)
{
	char *path = write_master(find_case("square")), *err = NULL;
	al_mkset *set = NULL;
	assert_int_equal(build(path, "#ffffff", NULL, NULL, &set, &err), AL_ERR_USAGE);
	assert_non_null(strstr(err, "white"));
	g_free(err);
	err = NULL;
	assert_int_equal(build(path, "#000", NULL, NULL, &set, &err), AL_ERR_USAGE);
	assert_non_null(strstr(err, "black"));
	g_free(err);
	err = NULL;
	assert_int_equal(build(path, NULL, "#000000", NULL, &set, &err), AL_ERR_USAGE);
	assert_non_null(strstr(err, "black"));
	g_free(err);
	g_unlink(path);
	g_free(path);
}

/* The last "'#rrggbb'" of @msg. */
static bool last_quoted_color(const char *msg, uint8_t rgb[3])
{
	const char *p = g_strrstr(msg, "'#");
	char hex[8] = "";
	if (!p)
		return false;
	g_strlcpy(hex, p + 1, sizeof hex);
	return al_mkset_parse_color(hex, rgb);
}

static void test_hero_too_light(void **state)
{
	char *path = write_master(find_case("square")), *err = NULL;
	al_mkset *set = NULL;
	uint8_t sugg[3], yellow[3] = { 0xff, 0xb9, 0x00 };
	float a[3], b[3];

	/* asked for: refused, with the nearest darker shade */
	assert_int_equal(build(path, NULL, "#ffb900", NULL, &set, &err), AL_ERR_USAGE);
	assert_non_null(strstr(err, "too light"));
	assert_non_null(strstr(err, "nearest darker shade"));
	assert_true(last_quoted_color(err, sugg));
	assert_true(white_contrast(sugg) >= 4.5);
	al_srgb_to_lab(yellow[0], yellow[1], yellow[2], a);
	al_srgb_to_lab(sugg[0], sugg[1], sugg[2], b);
	assert_true(fabs(al_lab_hue(a) - al_lab_hue(b)) < 5);
	assert_true(b[0] < a[0]);
	g_free(err);
	err = NULL;

	/* taken over from the logos: darkened, and said so */
	assert_int_equal(build(path, "#ffb900", NULL, NULL, &set, &err), AL_OK);
	assert_false(memcmp(set->hero_rgb, yellow, 3) == 0);
	assert_true(white_contrast(set->hero_rgb) >= 4.5);
	assert_true(set->notes->len >= 1);
	bool said = false;
	for (guint i = 0; i < set->notes->len; i++)
		said |= strstr(g_ptr_array_index(set->notes, i), "too light") != NULL;
	assert_true(said);
	al_mkset_free(set);
	g_unlink(path);
	g_free(path);
}

/* the shade is the nearest: one step lighter in L* fails */
static void test_darken(void **state)
{
	static const uint32_t colors[] = {
		0xffb900, 0x00b7c3, 0x8cbd18, 0xcccccc, 0xe8a33d, 0xc239b3, 0x7fdbff, 0xfdf6e3,
	};
	for (unsigned i = 0; i < G_N_ELEMENTS(colors); i++) {
		uint8_t in[3] = { colors[i] >> 16, colors[i] >> 8 & 0xff, colors[i] & 0xff }, out[3];
		float a[3], b[3];
		al_mkset_darken_for_white(in, 4.5, out);
		assert_true(white_contrast(out) >= 4.5);
		assert_true(white_contrast(out) < 4.8);
		al_srgb_to_lab(in[0], in[1], in[2], a);
		al_srgb_to_lab(out[0], out[1], out[2], b);
		if (al_lab_chroma(a) > 15 && al_lab_chroma(b) > 10)
			assert_true(fabs(al_lab_hue(a) - al_lab_hue(b)) < 6);
	}
	uint8_t navy[3] = { 0x24, 0x3a, 0x5e }, out[3];
	al_mkset_darken_for_white(navy, 4.5, out);
	assert_memory_equal(navy, out, 3);
}

static void test_parse_color(void **state)
{
	uint8_t c[3];
	assert_true(al_mkset_parse_color("#0078d4", c));
	assert_int_equal(c[0], 0x00);
	assert_int_equal(c[1], 0x78);
	assert_int_equal(c[2], 0xd4);
	assert_true(al_mkset_parse_color("f80", c));
	assert_int_equal(c[0], 0xff);
	assert_int_equal(c[1], 0x88);
	assert_int_equal(c[2], 0x00);
	assert_false(al_mkset_parse_color("#12345", c));
	assert_false(al_mkset_parse_color("blue", c));
	assert_false(al_mkset_parse_color("#gggggg", c));
	assert_false(al_mkset_parse_color("", c));
}

static void test_profiles(void **state)
{
	char *path = write_master(find_case("square")), *err = NULL;
	al_mkset *set = NULL;
	assert_int_equal(build(path, NULL, NULL, "pc-2019", &set, &err), AL_OK);
	assert_int_equal(set->n_files, 5);
	assert_int_equal(set->files[0].width, 48);
	assert_int_equal(set->files[2].width, 216);
	assert_string_equal(set->files[2].name, "Large.png");
	al_mkset_free(set);
	assert_int_equal(build(path, NULL, NULL, "pc-current", &set, &err), AL_OK);
	assert_int_equal(set->n_files, 1);
	assert_string_equal(set->files[0].name, "Large.png");
	assert_int_equal(set->files[0].width, 350);
	assert_int_equal(set->files[0].height, 350);
	assert_null(set->hero_why);
	al_mkset_free(set);
	g_unlink(path);
	g_free(path);
}

/* --wide: the wide logo is made from its own master, aspect kept */
static void test_wide_master(void **state)
{
	const master_case *sq = find_case("square"), *wd = find_case("wide");
	char *path = write_master(sq), *wpath = write_master(wd), *err = NULL;
	al_options *opts = al_options_new();
	al_mkset_request rq = { .master = path, .wide_master = wpath,
	                        .padding = AL_MKSET_PADDING, .hero = false };
	al_mkset *set = NULL;
	assert_int_equal(al_mkset_build(opts, &rq, &set, &err), AL_OK);
	assert_int_equal(set->n_files, 4);
	const al_mkset_file *f = &set->files[3];
	assert_string_equal(f->name, "Wide.png");
	box mb = master_box(wd);
	/* the wide master's yellow bar over the square's transparent logos */
	box b = measure_box(f->rgba, f->width, f->height, f->width, false, NULL, YELLOW);
	if (fabs(b.w / b.h / (mb.w / mb.h) - 1) >= 0.01)
		fail_msg("wide master: %.2fx%.2f in Wide.png, %.2fx%.2f in the master", b.w, b.h,
		         mb.w, mb.h);
	assert_true(b.w > 200);
	al_mkset_free(set);
	al_options_free(opts);
	g_unlink(path);
	g_unlink(wpath);
	g_free(path);
	g_free(wpath);
}

static void test_bad_masters(void **state)
{
	char *flat = g_build_filename(tmp_root, "flat.png", NULL);
	char *text = g_build_filename(tmp_root, "notes.png", NULL);
	char *missing = g_build_filename(tmp_root, "missing.png", NULL);
	char *err = NULL;
	al_mkset *set = NULL;
	al_image *img = tu_image_new(64, 64, TEAL);
	GBytes *png = al_mkset_encode_png(img->rgba, 64, 64, &err);
	assert_true(g_file_set_contents(flat, g_bytes_get_data(png, NULL),
	                                (gssize)g_bytes_get_size(png), NULL));
	assert_true(g_file_set_contents(text, "not an image", -1, NULL));

	assert_int_equal(build(flat, NULL, NULL, NULL, &set, &err), AL_ERR_USAGE);
	assert_non_null(strstr(err, "nothing to place"));
	g_free(err);
	err = NULL;
	assert_int_not_equal(build(text, NULL, NULL, NULL, &set, &err), AL_OK);
	assert_non_null(strstr(err, "notes.png"));
	g_free(err);
	err = NULL;
	assert_int_equal(build(missing, NULL, NULL, NULL, &set, &err), AL_ERR_IO);
	assert_non_null(strstr(err, "missing.png"));
	g_free(err);
	assert_null(set);
	g_unlink(flat);
	g_unlink(text);
	g_bytes_unref(png);
	tu_image_free(img);
	g_free(flat);
	g_free(text);
	g_free(missing);
}

/* Rendering a master SVG lets the SVG loader through for that file only:
 * the checker still refuses SVG afterwards. */
static void test_checker_still_blocks_svg(void **state)
{
	char *path = write_master(find_case("svg")), *err = NULL;
	al_mkset *set = NULL;
	al_options *opts = al_options_new();
	al_report *rep = NULL;
	assert_int_equal(build(path, NULL, NULL, NULL, &set, &err), AL_OK);
	al_mkset_free(set);
	assert_int_equal(al_check_buffer(opts, "Small.png", svg_mark, sizeof svg_mark - 1,
	                                 &rep, &err), AL_OK);
	const al_file *f = al_report_file(rep, 0);
	bool format = false;
	for (int k = 0; k < al_file_n_findings(f); k++) {
		const char *id = al_finding_rule(al_file_finding(f, k));
		format |= strcmp(id, "file-format") == 0;
		/* no pixel rule saw it */
		assert_true(strcmp(id, "file-format") == 0 || strcmp(id, "extension-mismatch") == 0 ||
		            strcmp(id, "decode-error") == 0);
	}
	assert_true(format);
	assert_int_equal(al_file_width(f), 0);
	al_report_free(rep);
	al_options_free(opts);
	g_unlink(path);
	g_free(path);
}

static void test_padding(void **state)
{
	char *path = write_master(find_case("square")), *err = NULL;
	al_options *opts = al_options_new();
	al_mkset_request rq = { .master = path, .padding = 0.2, .hero = true };
	al_mkset *set = NULL;
	assert_int_equal(al_mkset_build(opts, &rq, &set, &err), AL_OK);
	const al_mkset_file *f = &set->files[1];  /* Medium 90x90: 18 px each side */
	assert_int_equal(f->area.x, 18);
	assert_int_equal(f->area.w, 54);
	assert_true(fabs(f->mark_w - 54) < 0.01);
	al_mkset_free(set);
	rq.padding = 0.45;
	assert_int_equal(al_mkset_build(opts, &rq, &set, &err), AL_ERR_USAGE);
	g_free(err);
	al_options_free(opts);
	g_unlink(path);
	g_free(path);
}

/* the public handle: defaults, setters, bytes, writing */
static void test_public_api(void **state)
{
	char *path = write_master(find_case("square")), *err = NULL;
	char *dir = g_build_filename(tmp_root, "api", NULL);
	al_options *opts = al_options_new();
	al_makeset *ms = al_makeset_new();
	size_t len = 0;

	assert_int_equal(al_makeset_n_files(ms), 0);
	assert_int_equal(al_makeset_write(ms, dir, &err), AL_ERR_USAGE);
	g_free(err);
	err = NULL;
	assert_int_equal(al_makeset_set_background(ms, "purple", &err), AL_ERR_USAGE);
	assert_non_null(strstr(err, "purple"));
	g_free(err);
	err = NULL;
	assert_int_equal(al_makeset_set_hero_background(ms, "transparent", &err), AL_ERR_USAGE);
	g_free(err);
	err = NULL;
	assert_int_equal(al_makeset_set_padding(ms, 41, &err), AL_ERR_USAGE);
	g_free(err);
	err = NULL;
	assert_int_equal(al_makeset_set_padding(ms, 15, &err), AL_OK);
	assert_int_equal(al_makeset_set_background(ms, "#5c2d91", &err), AL_OK);
	al_makeset_set_hero(ms, 0);
	assert_int_equal(al_makeset_make(ms, opts, path, &err), AL_OK);
	assert_int_equal(al_makeset_n_files(ms), 4);
	assert_string_equal(al_makeset_file_name(ms, 3), "Wide.png");
	assert_null(al_makeset_file_name(ms, 4));
	const uint8_t *png = al_makeset_file_data(ms, 0, &len);
	assert_non_null(png);
	assert_true(len > 8 && memcmp(png, "\x89PNG", 4) == 0);
	assert_null(al_makeset_file_data(ms, -1, &len));
	assert_int_equal(len, 0);
	assert_int_equal(al_makeset_write(ms, dir, &err), AL_OK);
	for (int i = 0; i < 4; i++) {
		char *f = g_build_filename(dir, al_makeset_file_name(ms, i), NULL);
		assert_true(g_file_test(f, G_FILE_TEST_IS_REGULAR));
		g_free(f);
	}
	char *buf = NULL;
	size_t blen = 0;
	FILE *mem = open_memstream(&buf, &blen);
	al_makeset_describe(ms, dir, mem);
	fclose(mem);
	assert_non_null(strstr(buf, "#5c2d91, as asked"));
	assert_non_null(strstr(buf, "Small.png"));
	free(buf);
	/* a failed make leaves nothing behind */
	assert_int_not_equal(al_makeset_make(ms, opts, "/nonexistent.png", &err), AL_OK);
	assert_int_equal(al_makeset_n_files(ms), 0);
	al_free(err);
	al_makeset_free(ms);
	al_makeset_free(NULL);
	al_options_free(opts);
	rm_set(dir);
	g_unlink(path);
	g_free(dir);
	g_free(path);
}

static int setup(void **state)
{
	tmp_root = g_dir_make_tmp("test_makeset-XXXXXX", NULL);
	return tmp_root ? 0 : -1;
}

static int teardown(void **state)
{
	g_rmdir(tmp_root);
	g_free(tmp_root);
	return 0;
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_color),
		cmocka_unit_test(test_darken),
		cmocka_unit_test(test_sets),
		cmocka_unit_test(test_auto_refuses),
		cmocka_unit_test(test_forbidden_colors),
		cmocka_unit_test(test_hero_too_light),
		cmocka_unit_test(test_profiles),
		cmocka_unit_test(test_wide_master),
		cmocka_unit_test(test_bad_masters),
		cmocka_unit_test(test_checker_still_blocks_svg),
		cmocka_unit_test(test_padding),
		cmocka_unit_test(test_public_api),
	};
	if (VIPS_INIT(argv[0]))
		return 1;
	return cmocka_run_group_tests(tests, setup, teardown);
}
