/*
 * gen_eval: the rasteriser of the evaluation corpus (tools/eval/gen_corpus.py).
 *
 * Reads lines "SVG<TAB>PNG" on stdin, renders each SVG with libvips (librsvg
 * underneath, so fonts and gradients render as rsvg-convert does) in one
 * process -- starting rsvg-convert per image costs more than the rendering --
 * and writes PNG: RGB when every pixel is opaque, RGBA otherwise; or JPEG
 * (quality 88, flattened on white) when the output's name ends in .jpg.  For each
 * image it prints "PNG<TAB>W<TAB>H<TAB>OPAQUE<TAB>CONTRAST", where CONTRAST
 * is the WCAG 2.x contrast ratio of #FFFFFF against the 90th percentile
 * (nearest rank) of relative luminance over the right 415 px (the hero
 * margin), or "-" when the image is narrower than that.  The label
 * hero-contrast comes from that number, computed here independently of the
 * library's own code.
 *
 * Usage: gen_eval < list.tsv > results.tsv.  Exit 0, or 1 on the first
 * image that fails (message on stderr).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vips/vips.h>

#define MARGIN 415

static double lin(int c)
{
	double v = c / 255.0;
	return v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Contrast of white against the margin's 90th percentile luminance of the
 * RGBA image @rgba (w x h); -1 when narrower than the margin. */
static double margin_contrast(const unsigned char *rgba, int w, int h)
{
	double lut[256];
	double *ys = NULL;
	double ratio = -1;
	size_t n = 0;

	if (w < MARGIN)
		goto out;
	for (int i = 0; i < 256; i++)
		lut[i] = lin(i);
	ys = g_new(double, (size_t)MARGIN * h);
	for (int y = 0; y < h; y++)
		for (int x = w - MARGIN; x < w; x++) {
			const unsigned char *p = rgba + ((size_t)y * w + x) * 4;
			ys[n++] = 0.2126 * lut[p[0]] + 0.7152 * lut[p[1]] +
			          0.0722 * lut[p[2]];
		}
	qsort(ys, n, sizeof(double), cmp_double);
	size_t k = (size_t)ceil(0.9 * (double)n);
	ratio = 1.05 / (ys[k > 0 ? k - 1 : 0] + 0.05);
out:
	g_free(ys);
	return ratio;
}

/* Renders @svg to @png and prints its result line.  Returns 0 or -1. */
static int render(const char *svg, const char *png)
{
	VipsImage *in = NULL, *rgba = NULL, *rgb = NULL;
	unsigned char *buf = NULL;
	size_t len = 0;
	int ret = -1;

	if (vips_svgload(svg, &in, NULL))
		goto out;
	/* svgload gives 4 bands; normalise in case a version gives fewer. */
	if (in->Bands == 4)
		rgba = g_object_ref(in);
	else if (vips_bandjoin_const1(in, &rgba, 255, NULL))
		goto out;
	buf = vips_image_write_to_memory(rgba, &len);
	if (!buf)
		goto out;
	int w = rgba->Xsize, h = rgba->Ysize;
	int opaque = 1;
	for (size_t i = 3; i < len; i += 4)
		if (buf[i] != 255) {
			opaque = 0;
			break;
		}
	size_t n = strlen(png);
	if (n > 4 && !strcmp(png + n - 4, ".jpg")) {
		/* A JPEG (heroes may be): flattened on white if not opaque. */
		double white[3] = { 255, 255, 255 };
		VipsArrayDouble *bg = vips_array_double_new(white, 3);
		int r = vips_flatten(rgba, &rgb, "background", bg, NULL) ||
		        vips_jpegsave(rgb, png, "Q", 88, NULL);
		vips_area_unref(VIPS_AREA(bg));
		if (r)
			goto out;
	} else if (opaque) {
		if (vips_extract_band(rgba, &rgb, 0, "n", 3, NULL) ||
		    vips_pngsave(rgb, png, NULL))
			goto out;
	} else if (vips_pngsave(rgba, png, NULL)) {
		goto out;
	}
	double cr = margin_contrast(buf, w, h);
	if (cr < 0)
		printf("%s\t%d\t%d\t%d\t-\n", png, w, h, opaque);
	else
		printf("%s\t%d\t%d\t%d\t%.4f\n", png, w, h, opaque, cr);
	ret = 0;
out:
	if (ret)
		fprintf(stderr, "gen_eval: %s: %s\n", svg, vips_error_buffer());
	g_free(buf);
	VIPS_UNREF(rgb);
	VIPS_UNREF(rgba);
	VIPS_UNREF(in);
	return ret;
}

int main(int argc, char **argv)
{
	char line[8192];
	int status = 0;

	if (VIPS_INIT(argv[0]))
		vips_error_exit(NULL);
	/* One image at a time per process; the caller runs several. */
	vips_concurrency_set(1);
	vips_cache_set_max(0);
	while (status == 0 && fgets(line, sizeof line, stdin)) {
		line[strcspn(line, "\r\n")] = '\0';
		char *tab = strchr(line, '\t');
		if (!tab || !tab[1])
			continue;
		*tab = '\0';
		if (render(line, tab + 1))
			status = 1;
	}
	if (fflush(stdout) || ferror(stdout))
		status = 1;
	vips_shutdown();
	return status;
}
