/* Helpers for unit tests: synthetic RGBA images and running one rule on
 * them through the same shared measurements the pipeline computes.
 * Header-only; include after cmocka's headers. */
#ifndef AL_TESTUTIL_H
#define AL_TESTUTIL_H

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>
#include "al_internal.h"

/* 0xRRGGBBAA */
static inline al_image *tu_image_new(int w, int h, uint32_t rgba)
{
	al_image *img = g_new0(al_image, 1);
	img->width = w;
	img->height = h;
	img->rgba = g_malloc((gsize)w * h * 4);
	for (int i = 0; i < w * h; i++) {
		img->rgba[i * 4 + 0] = (uint8_t)(rgba >> 24);
		img->rgba[i * 4 + 1] = (uint8_t)(rgba >> 16);
		img->rgba[i * 4 + 2] = (uint8_t)(rgba >> 8);
		img->rgba[i * 4 + 3] = (uint8_t)rgba;
	}
	return img;
}

static inline void tu_image_free(al_image *img)
{
	if (!img)
		return;
	g_free(img->rgba);
	g_free(img);
}

static inline void tu_set(al_image *img, int x, int y, uint32_t rgba)
{
	if (x < 0 || y < 0 || x >= img->width || y >= img->height)
		return;
	uint8_t *p = img->rgba + ((size_t)y * img->width + x) * 4;
	p[0] = (uint8_t)(rgba >> 24);
	p[1] = (uint8_t)(rgba >> 16);
	p[2] = (uint8_t)(rgba >> 8);
	p[3] = (uint8_t)rgba;
}

static inline void tu_fill(al_image *img, int x0, int y0, int w, int h, uint32_t rgba)
{
	for (int y = y0; y < y0 + h; y++)
		for (int x = x0; x < x0 + w; x++)
			tu_set(img, x, y, rgba);
}

/* Filled disc with a 1-px anti-aliased rim (blends towards the existing
 * pixel), like a rasterised vector mark. */
static inline void tu_disc(al_image *img, double cx, double cy, double r, uint32_t rgba)
{
	for (int y = (int)(cy - r - 2); y <= (int)(cy + r + 2); y++)
		for (int x = (int)(cx - r - 2); x <= (int)(cx + r + 2); x++) {
			if (x < 0 || y < 0 || x >= img->width || y >= img->height)
				continue;
			double d = hypot(x + 0.5 - cx, y + 0.5 - cy);
			double cov = CLAMP(r - d + 0.5, 0.0, 1.0);
			if (cov <= 0)
				continue;
			uint8_t *p = img->rgba + ((size_t)y * img->width + x) * 4;
			uint8_t src[4] = { (uint8_t)(rgba >> 24), (uint8_t)(rgba >> 16),
			                   (uint8_t)(rgba >> 8), (uint8_t)rgba };
			for (int c = 0; c < 4; c++)
				p[c] = (uint8_t)lround(p[c] * (1 - cov) + src[c] * cov);
		}
}

/* One file's run of one rule: owns the options, result and measurements. */
typedef struct {
	al_options *opts;
	al_file_result res;
	al_measure m;
	al_info info;
} tu_run;

/* Runs @rule on @img as a file of @role (width/height from the image).
 * Returns the number of findings; tu_run_clear() frees.  @opts may be NULL
 * (defaults); it is then owned by the run. */
static inline int tu_check_as(tu_run *run, const al_rule *rule, const al_image *img,
                              al_role role, al_options *opts, const al_info *info);

static inline int tu_check(tu_run *run, const al_rule *rule, const al_image *img,
                           al_role role, al_options *opts)
{
	return tu_check_as(run, rule, img, role, opts, NULL);
}

/* tu_check() of a file whose header is @info (a decoded JPEG, say), or
 * of a PNG when @info is NULL. */
static inline int tu_check_as(tu_run *run, const al_rule *rule, const al_image *img,
                              al_role role, al_options *opts, const al_info *info)
{
	memset(run, 0, sizeof *run);
	run->opts = opts ? opts : al_options_new();
	run->res.path = g_strdup("test.png");
	run->res.set = g_strdup(".");
	run->res.role = role;
	run->res.format = AL_FMT_PNG;
	run->res.width = img->width;
	run->res.height = img->height;
	run->res.findings = g_ptr_array_new_with_free_func((GDestroyNotify)al_finding_free);
	run->info.format = AL_FMT_PNG;
	run->info.width = img->width;
	run->info.height = img->height;
	run->info.bit_depth = 8;
	run->info.channels = 4;
	run->info.orientation = 1;
	if (info) {
		run->info = *info;
		run->res.format = info->format;
	}
	if (al_measure_compute(&run->m, img, run->opts) != AL_OK)
		return -1;
	al_ctx ctx = {
		.rule = rule, .opts = run->opts, .profile = run->opts->profile,
		.res = &run->res, .content_role = role, .path = run->res.path,
		.info = &run->info, .img = img, .m = &run->m,
	};
	if (rule->check && (rule->roles & AL_ROLEBIT(role)))
		rule->check(&ctx);
	return (int)run->res.findings->len;
}

static inline const al_finding *tu_finding(const tu_run *run, guint i)
{
	return i < run->res.findings->len ? g_ptr_array_index(run->res.findings, i) : NULL;
}

static inline void tu_run_clear(tu_run *run)
{
	al_measure_clear(&run->m);
	g_ptr_array_free(run->res.findings, TRUE);
	g_free(run->res.path);
	g_free(run->res.set);
	al_options_free(run->opts);
	memset(run, 0, sizeof *run);
}

/* Removes a file or a folder with everything in it (test fixtures'
 * temporary folders). */
static inline void tu_rm_rf(const char *path)
{
	GDir *d = g_dir_open(path, 0, NULL);
	if (d) {
		const char *name;
		while ((name = g_dir_read_name(d))) {
			char *p = g_build_filename(path, name, NULL);
			tu_rm_rf(p);
			g_free(p);
		}
		g_dir_close(d);
		g_rmdir(path);
	} else {
		g_unlink(path);
	}
}

#endif
