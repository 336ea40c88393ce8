/* Tests of decode.c: sniffing, extensions, PNG/JPEG header probes and
 * decodes on images written here in memory with libpng and libjpeg, ICC
 * conversion, EXIF orientation, broken files, and a GIF through libvips. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <png.h>
#include <jpeglib.h>
#include <zlib.h>
#include <sys/resource.h>
#include <vips/vips.h>
#include "testutil.h"
#include "decode.h"

/* ---- writers -------------------------------------------------------- */

static void ba_write(png_structp png, png_bytep d, size_t n)
{
	g_byte_array_append(png_get_io_ptr(png), d, (guint)n);
}

static void ba_flush(png_structp png)
{
	(void)png;
}

typedef struct {
	int ctype, depth;
	bool interlace, srgb, gama;
	const png_color *plte;
	int n_plte;
	const png_byte *trns;
	int n_trns;
	png_color_16 *trns_key;      /* grey/RGB tRNS */
	const GByteArray *icc;
	int filter;                  /* PNG_FILTER_* to use; 0: libpng's choice */
} png_opts;

/* PNG of @w x @h from @raw rows already in the target layout.  Caller
 * frees with g_byte_array_unref(). */
static GByteArray *png_make(int w, int h, const png_opts *o, const uint8_t *raw)
{
	GByteArray *out = g_byte_array_new();
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	png_infop info = png_create_info_struct(png);
	int ch = o->ctype == PNG_COLOR_TYPE_RGBA ? 4 : o->ctype == PNG_COLOR_TYPE_RGB ? 3 :
	         o->ctype == PNG_COLOR_TYPE_GRAY_ALPHA ? 2 : 1;
	size_t stride = (size_t)w * ch * (o->depth == 16 ? 2 : 1);
	png_bytep *rows = g_new(png_bytep, h);

	assert_int_equal(setjmp(png_jmpbuf(png)), 0);
	png_set_write_fn(png, out, ba_write, ba_flush);
	/* palette indices past the palette are test data too */
	png_set_check_for_invalid_index(png, -1);
	png_set_IHDR(png, info, w, h, o->depth, o->ctype,
	             o->interlace ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE,
	             PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	if (o->plte)
		png_set_PLTE(png, info, o->plte, o->n_plte);
	if (o->trns || o->trns_key)
		png_set_tRNS(png, info, o->trns, o->n_trns, o->trns_key);
	if (o->srgb)
		png_set_sRGB(png, info, PNG_sRGB_INTENT_PERCEPTUAL);
	if (o->gama)
		png_set_gAMA(png, info, 1 / 2.2);
	if (o->icc)
		png_set_iCCP(png, info, "test", 0, o->icc->data, o->icc->len);
	if (o->filter)
		png_set_filter(png, PNG_FILTER_TYPE_BASE, o->filter);
	png_write_info(png, info);
	for (int y = 0; y < h; y++)
		rows[y] = (png_bytep)raw + stride * y;
	png_write_image(png, rows);
	png_write_end(png, info);
	png_destroy_write_struct(&png, &info);
	g_free(rows);
	return out;
}

/* Solid-colour RGB(A) rows, optionally with a second colour in the left
 * half. */
static uint8_t *rgb_rows(int w, int h, int ch, const uint8_t *c1, const uint8_t *c2)
{
	uint8_t *p = g_malloc((size_t)w * h * ch);
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++)
			memcpy(p + ((size_t)y * w + x) * ch, c2 && x < w / 2 ? c2 : c1, ch);
	return p;
}

typedef enum { J_RGB, J_GRAY, J_CMYK, J_PROGRESSIVE } jmode;

/* JPEG (quality 95) of @w x @h: red where x < 8 && y < 8, blue elsewhere
 * (CMYK: Adobe-inverted ink for the same).  @app1/@icc added when given.
 * Caller frees with g_free(); size in *len. */
static uint8_t *jpeg_make(int w, int h, jmode mode, const uint8_t *app1, size_t app1_len,
                          const GByteArray *icc, size_t *len)
{
	struct jpeg_compress_struct ci;
	struct jpeg_error_mgr jerr;
	unsigned char *mem = NULL;
	unsigned long size = 0;
	int ch = mode == J_CMYK ? 4 : mode == J_GRAY ? 1 : 3;
	uint8_t *row = g_malloc((size_t)w * ch), *out;

	ci.err = jpeg_std_error(&jerr);
	jpeg_create_compress(&ci);
	jpeg_mem_dest(&ci, &mem, &size);
	ci.image_width = w;
	ci.image_height = h;
	ci.input_components = ch;
	ci.in_color_space = mode == J_CMYK ? JCS_CMYK : mode == J_GRAY ? JCS_GRAYSCALE : JCS_RGB;
	jpeg_set_defaults(&ci);
	jpeg_set_quality(&ci, 95, TRUE);
	if (mode == J_PROGRESSIVE)
		jpeg_simple_progression(&ci);
	jpeg_start_compress(&ci, TRUE);
	if (app1)
		jpeg_write_marker(&ci, JPEG_APP0 + 1, app1, (unsigned)app1_len);
	if (icc)
		jpeg_write_icc_profile(&ci, icc->data, icc->len);
	while (ci.next_scanline < ci.image_height) {
		int y = (int)ci.next_scanline;
		for (int x = 0; x < w; x++) {
			bool red = x < 8 && y < 8;
			uint8_t *p = row + (size_t)x * ch;
			if (mode == J_RGB || mode == J_PROGRESSIVE) {
				p[0] = red ? 230 : 20; p[1] = 20; p[2] = red ? 20 : 230;
			} else if (mode == J_GRAY) {
				p[0] = red ? 200 : 60;
			} else {
				/* inverted: 255 = no ink.  red = M+Y, blue = C+M */
				p[0] = red ? 255 : 0; p[1] = 0; p[2] = red ? 0 : 255; p[3] = 255;
			}
		}
		JSAMPROW rp = row;
		jpeg_write_scanlines(&ci, &rp, 1);
	}
	jpeg_finish_compress(&ci);
	jpeg_destroy_compress(&ci);
	out = g_memdup2(mem, size);
	*len = size;
	free(mem);
	g_free(row);
	return out;
}

static void put_be32(uint8_t *p, uint32_t v)
{
	p[0] = v >> 24; p[1] = v >> 16 & 0xFF; p[2] = v >> 8 & 0xFF; p[3] = v & 0xFF;
}

static void put_s15(uint8_t *p, double v)
{
	put_be32(p, (uint32_t)(int32_t)lround(v * 65536));
}

/* A matrix/TRC RGB ICC profile (v2) with sRGB's D50 primaries and a pure
 * gamma curve, described as @desc ('desc' type, or 'mluc' when @mluc). */
static GByteArray *icc_make(const char *desc, double gamma, bool mluc)
{
	static const char *tags[] = { "desc", "wtpt", "rXYZ", "gXYZ", "bXYZ", "rTRC", "gTRC", "bTRC" };
	static const double xyz[4][3] = {
		{ 0.9642, 1.0, 0.8249 }, { 0.4361, 0.2225, 0.0139 },
		{ 0.3851, 0.7169, 0.0971 }, { 0.1431, 0.0606, 0.7141 },
	};
	uint8_t p[1024] = { 0 };
	size_t n = strlen(desc), off = 128 + 4 + 8 * 12, dsize;
	GByteArray *ba;

	memcpy(p + 8, "\x02\x10\x00\x00", 4);
	memcpy(p + 12, "mntr", 4);
	memcpy(p + 16, "RGB ", 4);
	memcpy(p + 20, "XYZ ", 4);
	memcpy(p + 36, "acsp", 4);
	put_s15(p + 68, 0.9642); put_s15(p + 72, 1.0); put_s15(p + 76, 0.8249);
	put_be32(p + 128, 8);
	/* desc */
	if (mluc) {
		memcpy(p + off, "mluc", 4);
		put_be32(p + off + 8, 1);
		put_be32(p + off + 12, 12);
		memcpy(p + off + 16, "enUS", 4);
		put_be32(p + off + 20, (uint32_t)n * 2);
		put_be32(p + off + 24, 28);
		for (size_t i = 0; i < n; i++)
			p[off + 28 + 2 * i + 1] = (uint8_t)desc[i];
		dsize = 28 + 2 * n;
	} else {
		memcpy(p + off, "desc", 4);
		put_be32(p + off + 8, (uint32_t)n + 1);
		memcpy(p + off + 12, desc, n);
		dsize = 12 + n + 1 + 4 + 4 + 2 + 1 + 67;
	}
	memcpy(p + 132, tags[0], 4);
	put_be32(p + 132 + 4, (uint32_t)off);
	put_be32(p + 132 + 8, (uint32_t)dsize);
	off = (off + dsize + 3) & ~(size_t)3;
	for (int t = 0; t < 4; t++) {
		memcpy(p + 132 + 12 * (1 + t), tags[1 + t], 4);
		put_be32(p + 132 + 12 * (1 + t) + 4, (uint32_t)off);
		put_be32(p + 132 + 12 * (1 + t) + 8, 20);
		memcpy(p + off, "XYZ ", 4);
		for (int k = 0; k < 3; k++)
			put_s15(p + off + 8 + 4 * k, xyz[t][k]);
		off += 20;
	}
	/* one shared curve */
	for (int t = 5; t < 8; t++) {
		memcpy(p + 132 + 12 * t, tags[t], 4);
		put_be32(p + 132 + 12 * t + 4, (uint32_t)off);
		put_be32(p + 132 + 12 * t + 8, 14);
	}
	memcpy(p + off, "curv", 4);
	put_be32(p + off + 8, 1);
	p[off + 12] = (uint8_t)gamma;
	p[off + 13] = (uint8_t)lround((gamma - (int)gamma) * 256);
	off += 16;
	put_be32(p, (uint32_t)off);
	ba = g_byte_array_new();
	g_byte_array_append(ba, p, (guint)off);
	return ba;
}

static uint32_t rd32be_test(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint32_t crc32_test(const uint8_t *p, size_t n)
{
	uint32_t crc = 0xFFFFFFFFu;
	for (size_t i = 0; i < n; i++) {
		crc ^= p[i];
		for (int k = 0; k < 8; k++)
			crc = (crc & 1) ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
	}
	return crc ^ 0xFFFFFFFFu;
}

static const uint8_t *px(const al_image *img, int x, int y)
{
	return img->rgba + ((size_t)y * img->width + x) * 4;
}

/* ---- tests ---------------------------------------------------------- */

/* Runs first: PNG and JPEG work must not start libvips (its start-up
 * costs ~60 ms per run).  libvips registers its GTypes when it starts. */
static void test_png_jpeg_do_not_start_vips(void **state)
{
	const uint8_t c[3] = { 10, 20, 30 };
	uint8_t *raw = rgb_rows(8, 8, 3, c, NULL);
	png_opts o = { .ctype = PNG_COLOR_TYPE_RGB, .depth = 8, .srgb = true };
	GByteArray *png = png_make(8, 8, &o, raw);
	size_t jlen;
	uint8_t *jpg = jpeg_make(16, 16, J_RGB, NULL, 0, NULL, &jlen);
	al_info info;
	al_image img;
	char why[256];

	assert_int_equal(al_probe(png->data, png->len, &info, why, sizeof why), AL_OK);
	assert_int_equal(al_decode(png->data, png->len, &info, &img, why, sizeof why), AL_OK);
	g_free(img.rgba);
	assert_int_equal(al_probe(jpg, jlen, &info, why, sizeof why), AL_OK);
	assert_int_equal(al_decode(jpg, jlen, &info, &img, why, sizeof why), AL_OK);
	g_free(img.rgba);
	assert_int_equal(g_type_from_name("VipsImage"), 0);
	g_byte_array_unref(png);
	g_free(jpg);
	g_free(raw);
}

static void test_sniff(void **state)
{
	static const uint8_t png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0 };
	static const uint8_t jpg[] = { 0xFF, 0xD8, 0xFF, 0xE0, 0 };
	static const uint8_t ico[] = { 0, 0, 1, 0, 1, 0 };
	static const uint8_t webp[] = "RIFF\x10\0\0\0WEBPVP8 ";
	static const char svg1[] = "\xEF\xBB\xBF  \n<?xml version=\"1.0\"?>\n<!-- x -->\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>";
	static const char svg2[] = "<svg width=\"10\"/>";
	char late[2048];

	assert_int_equal(al_sniff(png, sizeof png), AL_FMT_PNG);
	assert_int_equal(al_sniff(png, 7), AL_FMT_NONE);
	assert_int_equal(al_sniff(jpg, sizeof jpg), AL_FMT_JPEG);
	assert_int_equal(al_sniff((const uint8_t *)"GIF89a\1\0", 8), AL_FMT_GIF);
	assert_int_equal(al_sniff((const uint8_t *)"GIF87a\1\0", 8), AL_FMT_GIF);
	assert_int_equal(al_sniff((const uint8_t *)"GIF88a\1\0", 8), AL_FMT_NONE);
	assert_int_equal(al_sniff(webp, sizeof webp - 1), AL_FMT_WEBP);
	assert_int_equal(al_sniff((const uint8_t *)"RIFF\x10\0\0\0WAVE", 12), AL_FMT_NONE);
	assert_int_equal(al_sniff((const uint8_t *)"BM\x36\0\0\0", 6), AL_FMT_BMP);
	assert_int_equal(al_sniff((const uint8_t *)"II*\0\x08\0\0\0", 8), AL_FMT_TIFF);
	assert_int_equal(al_sniff((const uint8_t *)"MM\0*\0\0\0\x08", 8), AL_FMT_TIFF);
	assert_int_equal(al_sniff(ico, sizeof ico), AL_FMT_ICO);
	assert_int_equal(al_sniff((const uint8_t *)svg1, sizeof svg1 - 1), AL_FMT_SVG);
	assert_int_equal(al_sniff((const uint8_t *)svg2, sizeof svg2 - 1), AL_FMT_SVG);
	assert_int_equal(al_sniff((const uint8_t *)"<html><body/>", 13), AL_FMT_NONE);
	assert_int_equal(al_sniff((const uint8_t *)"hello <svg", 10), AL_FMT_NONE);
	/* "<svg" past the first KB does not count */
	memset(late, ' ', sizeof late);
	late[0] = '<';
	memcpy(late + 1500, "<svg>", 5);
	assert_int_equal(al_sniff((const uint8_t *)late, sizeof late), AL_FMT_NONE);
	assert_int_equal(al_sniff(NULL, 0), AL_FMT_NONE);
	assert_int_equal(al_sniff((const uint8_t *)"", 0), AL_FMT_NONE);
}

static void test_ext(void **state)
{
	assert_int_equal(al_format_from_ext("a/b/Logo.PNG"), AL_FMT_PNG);
	assert_int_equal(al_format_from_ext("x.jpg"), AL_FMT_JPEG);
	assert_int_equal(al_format_from_ext("x.JPEG"), AL_FMT_JPEG);
	assert_int_equal(al_format_from_ext("x.jpe"), AL_FMT_JPEG);
	assert_int_equal(al_format_from_ext("x.gif"), AL_FMT_GIF);
	assert_int_equal(al_format_from_ext("x.webp"), AL_FMT_WEBP);
	assert_int_equal(al_format_from_ext("x.bmp"), AL_FMT_BMP);
	assert_int_equal(al_format_from_ext("x.tif"), AL_FMT_TIFF);
	assert_int_equal(al_format_from_ext("x.Tiff"), AL_FMT_TIFF);
	assert_int_equal(al_format_from_ext("x.svg"), AL_FMT_SVG);
	assert_int_equal(al_format_from_ext("x.ico"), AL_FMT_ICO);
	assert_int_equal(al_format_from_ext("x.txt"), AL_FMT_NONE);
	assert_int_equal(al_format_from_ext("noext"), AL_FMT_NONE);
	assert_int_equal(al_format_from_ext("dir.png/noext"), AL_FMT_NONE);
	assert_int_equal(al_format_from_ext("x.png.bak"), AL_FMT_NONE);
	assert_int_equal(al_format_from_ext(NULL), AL_FMT_NONE);
}

static void test_png_probe_rgba(void **state)
{
	const uint8_t c[4] = { 1, 2, 3, 200 };
	uint8_t *raw = rgb_rows(7, 5, 4, c, NULL);
	png_opts o = { .ctype = PNG_COLOR_TYPE_RGBA, .depth = 8 };
	GByteArray *png = png_make(7, 5, &o, raw);
	al_info info;
	al_image img;
	char why[256];

	assert_int_equal(al_probe(png->data, png->len, &info, why, sizeof why), AL_OK);
	assert_int_equal(info.format, AL_FMT_PNG);
	assert_int_equal(info.width, 7);
	assert_int_equal(info.height, 5);
	assert_int_equal(info.bit_depth, 8);
	assert_int_equal(info.channels, 4);
	assert_int_equal(info.png_color_type, PNG_COLOR_TYPE_RGBA);
	assert_false(info.interlaced);
	assert_false(info.has_trns);
	assert_false(info.has_icc);
	assert_false(info.has_srgb_chunk);
	assert_false(info.has_gama);
	assert_false(info.cmyk);
	assert_int_equal(info.orientation, 1);
	assert_int_equal(al_decode(png->data, png->len, &info, &img, why, sizeof why), AL_OK);
	assert_int_equal(img.width, 7);
	assert_int_equal(img.height, 5);
	assert_memory_equal(px(&img, 6, 4), c, 4);
	g_free(img.rgba);
	g_byte_array_unref(png);
	g_free(raw);
}

static void test_png_palette_trns(void **state)
{
	const png_color plte[3] = { { 255, 0, 0 }, { 0, 255, 0 }, { 10, 20, 30 } };
	const png_byte trns[2] = { 0, 128 }; /* third entry opaque */
	uint8_t raw[4 * 2] = { 0, 1, 2, 2, 2, 1, 0, 0 };
	png_opts o = { .ctype = PNG_COLOR_TYPE_PALETTE, .depth = 8, .plte = plte,
	               .n_plte = 3, .trns = trns, .n_trns = 2 };
	GByteArray *png = png_make(4, 2, &o, raw);
	al_info info;
	al_image img;
	char why[256];
	const uint8_t e0[4] = { 255, 0, 0, 0 }, e1[4] = { 0, 255, 0, 128 },
	              e2[4] = { 10, 20, 30, 255 };

	assert_int_equal(al_probe(png->data, png->len, &info, why, sizeof why), AL_OK);
	assert_int_equal(info.png_color_type, PNG_COLOR_TYPE_PALETTE);
	assert_int_equal(info.channels, 1);
	assert_true(info.has_trns);
	assert_int_equal(al_decode(png->data, png->len, &info, &img, why, sizeof why), AL_OK);
	assert_memory_equal(px(&img, 0, 0), e0, 4);
	assert_memory_equal(px(&img, 1, 0), e1, 4);
	assert_memory_equal(px(&img, 2, 0), e2, 4);
	assert_memory_equal(px(&img, 1, 1), e1, 4);
	assert_memory_equal(px(&img, 3, 1), e0, 4);
	g_free(img.rgba);
	g_byte_array_unref(png);
}

static void test_png_16bit(void **state)
{
	/* 16-bit RGB: 0x8080 -> 0x80, 0xFFFF -> 0xFF, 0x0101 -> 0x01 */
	const uint8_t c[6] = { 0x80, 0x80, 0xFF, 0xFF, 0x01, 0x01 };
	uint8_t *raw = rgb_rows(3, 3, 6, c, NULL);
	png_opts o = { .ctype = PNG_COLOR_TYPE_RGB, .depth = 16, .gama = true };
	GByteArray *png = png_make(3, 3, &o, raw);
	al_info info;
	al_image img;
	char why[256];
	const uint8_t e[4] = { 0x80, 0xFF, 0x01, 0xFF };

	assert_int_equal(al_probe(png->data, png->len, &info, why, sizeof why), AL_OK);
	assert_int_equal(info.bit_depth, 16);
	assert_int_equal(info.channels, 3);
	assert_true(info.has_gama);
	assert_int_equal(al_decode(png->data, png->len, &info, &img, why, sizeof why), AL_OK);
	assert_memory_equal(px(&img, 2, 2), e, 4);
	g_free(img.rgba);
	g_byte_array_unref(png);
	g_free(raw);
}

static void test_png_gray_alpha(void **state)
{
	const uint8_t c[2] = { 77, 99 };
	uint8_t *raw = rgb_rows(4, 4, 2, c, NULL);
	png_opts o = { .ctype = PNG_COLOR_TYPE_GRAY_ALPHA, .depth = 8 };
	GByteArray *png = png_make(4, 4, &o, raw);
	al_info info;
	al_image img;
	char why[256];
	const uint8_t e[4] = { 77, 77, 77, 99 };

	assert_int_equal(al_probe(png->data, png->len, &info, why, sizeof why), AL_OK);
	assert_int_equal(info.png_color_type, PNG_COLOR_TYPE_GRAY_ALPHA);
	assert_int_equal(info.channels, 2);
	assert_int_equal(al_decode(png->data, png->len, &info, &img, why, sizeof why), AL_OK);
	assert_memory_equal(px(&img, 3, 0), e, 4);
	g_free(img.rgba);
	g_byte_array_unref(png);
	g_free(raw);
}

static void test_png_interlaced(void **state)
{
	const uint8_t a[3] = { 200, 100, 50 }, b[3] = { 5, 6, 7 };
	uint8_t *raw = rgb_rows(13, 11, 3, a, b);
	png_opts o = { .ctype = PNG_COLOR_TYPE_RGB, .depth = 8, .interlace = true };
	GByteArray *png = png_make(13, 11, &o, raw);
	al_info info;
	al_image img;
	char why[256];

	assert_int_equal(al_probe(png->data, png->len, &info, why, sizeof why), AL_OK);
	assert_true(info.interlaced);
	assert_int_equal(al_decode(png->data, png->len, &info, &img, why, sizeof why), AL_OK);
	for (int y = 0; y < 11; y++)
		for (int x = 0; x < 13; x++) {
			assert_memory_equal(px(&img, x, y), x < 6 ? b : a, 3);
			assert_int_equal(px(&img, x, y)[3], 255);
		}
	g_free(img.rgba);
	g_byte_array_unref(png);
	g_free(raw);
}

static void test_png_srgb_chunk(void **state)
{
	const uint8_t c[3] = { 1, 2, 3 };
	uint8_t *raw = rgb_rows(2, 2, 3, c, NULL);
	png_opts o = { .ctype = PNG_COLOR_TYPE_RGB, .depth = 8, .srgb = true };
	GByteArray *png = png_make(2, 2, &o, raw);
	al_info info;
	char why[256];

	assert_int_equal(al_probe(png->data, png->len, &info, why, sizeof why), AL_OK);
	assert_true(info.has_srgb_chunk);
	assert_false(info.has_icc);
	g_byte_array_unref(png);
	g_free(raw);
}

static void test_png_icc_srgb_named(void **state)
{
	const uint8_t c[3] = { 128, 128, 128 };
	uint8_t *raw = rgb_rows(4, 4, 3, c, NULL);
	GByteArray *icc = icc_make("sRGB IEC61966-2.1 (test)", 2.2, true);
	png_opts o = { .ctype = PNG_COLOR_TYPE_RGB, .depth = 8, .icc = icc };
	GByteArray *png = png_make(4, 4, &o, raw);
	al_info info;
	al_image img;
	char why[256];

	assert_int_equal(al_probe(png->data, png->len, &info, why, sizeof why), AL_OK);
	assert_true(info.has_icc);
	assert_true(info.icc_is_srgb);
	assert_string_equal(info.icc_desc, "sRGB IEC61966-2.1 (test)");
	/* an sRGB profile: pixels untouched */
	assert_int_equal(al_decode(png->data, png->len, &info, &img, why, sizeof why), AL_OK);
	assert_int_equal(px(&img, 0, 0)[0], 128);
	g_free(img.rgba);
	g_byte_array_unref(png);
	g_byte_array_unref(icc);
	g_free(raw);
}

static void test_png_icc_linear_converted(void **state)
{
	/* 128 in linear light is sRGB 188 (1.055 * 0.502^(1/2.4) - 0.055) */
	const uint8_t c[4] = { 128, 128, 128, 77 };
	uint8_t *raw = rgb_rows(4, 4, 4, c, NULL);
	GByteArray *icc = icc_make("Linear RGB (test)", 1.0, false);
	png_opts o = { .ctype = PNG_COLOR_TYPE_RGBA, .depth = 8, .icc = icc };
	GByteArray *png = png_make(4, 4, &o, raw);
	al_info info;
	al_image img;
	char why[256];

	assert_int_equal(al_probe(png->data, png->len, &info, why, sizeof why), AL_OK);
	assert_true(info.has_icc);
	assert_false(info.icc_is_srgb);
	assert_string_equal(info.icc_desc, "Linear RGB (test)");
	assert_int_equal(al_decode(png->data, png->len, &info, &img, why, sizeof why), AL_OK);
	assert_int_equal(img.width, 4);
	for (int k = 0; k < 3; k++)
		assert_in_range(px(&img, 1, 1)[k], 184, 192);
	assert_int_equal(px(&img, 1, 1)[3], 77);
	g_free(img.rgba);
	g_byte_array_unref(png);
	g_byte_array_unref(icc);
	g_free(raw);
}

static GByteArray *small_png(void)
{
	const uint8_t a[3] = { 200, 100, 50 }, b[3] = { 5, 6, 7 };
	uint8_t *raw = rgb_rows(64, 64, 3, a, b);
	png_opts o = { .ctype = PNG_COLOR_TYPE_RGB, .depth = 8 };
	GByteArray *png = png_make(64, 64, &o, raw);
	g_free(raw);
	return png;
}

static void test_png_truncated(void **state)
{
	GByteArray *png = small_png();
	al_info info;
	al_image img = { 0 };
	char why[256];

	/* header intact, pixels cut: the probe passes, the decode must not */
	assert_int_equal(al_probe(png->data, png->len / 2, &info, why, sizeof why), AL_OK);
	assert_int_equal(al_decode(png->data, png->len / 2, &info, &img, why, sizeof why),
	                 AL_ERR_DECODE);
	assert_null(img.rgba);
	assert_true(g_str_has_prefix(why, "PNG: "));
	assert_non_null(strstr(why, "truncated"));
	/* cut after the last IDAT, before IEND: still refused */
	assert_int_equal(al_decode(png->data, png->len - 12, &info, &img, why, sizeof why),
	                 AL_ERR_DECODE);
	assert_null(img.rgba);
	/* cut inside the header */
	assert_int_equal(al_probe(png->data, 20, &info, why, sizeof why), AL_ERR_DECODE);
	assert_true(g_str_has_prefix(why, "PNG: "));
	g_byte_array_unref(png);
}

static void test_png_bad_crc(void **state)
{
	GByteArray *png = small_png();
	al_info info;
	al_image img = { 0 };
	char why[256];
	size_t idat;

	png->data[8 + 4 + 4 + 13 + 3] ^= 0x5A; /* IHDR's CRC */
	assert_int_equal(al_probe(png->data, png->len, &info, why, sizeof why), AL_ERR_DECODE);
	assert_string_equal(why, "PNG: IHDR: CRC error");
	png->data[8 + 4 + 4 + 13 + 3] ^= 0x5A;
	/* now IDAT's CRC: the probe stops before IDAT, the decode must fail */
	idat = 8 + 25;
	assert_memory_equal(png->data + idat + 4, "IDAT", 4);
	png->data[idat + 8 + rd32be_test(png->data + idat)] ^= 1;
	assert_int_equal(al_probe(png->data, png->len, &info, why, sizeof why), AL_OK);
	assert_int_equal(al_decode(png->data, png->len, &info, &img, why, sizeof why),
	                 AL_ERR_DECODE);
	assert_non_null(strstr(why, "CRC error"));
	assert_null(img.rgba);
	g_byte_array_unref(png);
}

static void test_not_an_image(void **state)
{
	static const char text[] = "This is not an image, just text.\n";
	al_info info;
	al_image img = { 0 };
	char why[256];

	assert_int_equal(al_probe((const uint8_t *)text, sizeof text - 1, &info, why, sizeof why),
	                 AL_ERR_DECODE);
	assert_int_equal(info.format, AL_FMT_NONE);
	assert_string_equal(why, "not a recognised image format");
	assert_int_equal(al_probe((const uint8_t *)"", 0, &info, why, sizeof why), AL_ERR_DECODE);
	assert_string_equal(why, "empty file");
	assert_int_equal(al_decode((const uint8_t *)text, sizeof text - 1, NULL, &img, why, sizeof why),
	                 AL_ERR_DECODE);
	assert_null(img.rgba);
}

/* Only PNG, JPEG, GIF and WebP are decoded: any other format, whatever
 * its name, is refused from the sniff, and libvips (whose loaders parse
 * TIFF, HEIF, SVG, PDF...) is not even started for it. */
static void test_allow_list(void **state)
{
	static const char svg[] = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"8\" height=\"8\">"
	                          "<rect width=\"8\" height=\"8\" fill=\"red\"/></svg>";
	static const uint8_t ico[] = { 0, 0, 1, 0, 1, 0, 16, 16, 0, 0, 1, 0, 32, 0, 0, 0, 0, 0, 22, 0, 0, 0 };
	static const uint8_t tiff[] = { 'I', 'I', 42, 0, 8, 0, 0, 0, 0, 0 };
	static const uint8_t bmp[] = { 'B', 'M', 58, 0, 0, 0, 0, 0, 0, 0, 54, 0, 0, 0 };
	static const uint8_t avif[] = { 0, 0, 0, 28, 'f', 't', 'y', 'p', 'a', 'v', 'i', 'f',
	                                0, 0, 0, 0, 'a', 'v', 'i', 'f', 'm', 'i', 'f', '1' };
	static const uint8_t pdf[] = "%PDF-1.7\n1 0 obj\n";
	static const struct { const void *d; size_t n; al_status st; al_format fmt; const char *why; } c[] = {
		{ svg, sizeof svg - 1, AL_ERR_UNSUPPORTED, AL_FMT_SVG, "SVG is not decoded" },
		{ ico, sizeof ico, AL_ERR_UNSUPPORTED, AL_FMT_ICO, "ICO is not decoded" },
		{ tiff, sizeof tiff, AL_ERR_UNSUPPORTED, AL_FMT_TIFF, "TIFF is not decoded" },
		{ bmp, sizeof bmp, AL_ERR_UNSUPPORTED, AL_FMT_BMP, "BMP is not decoded" },
		{ avif, sizeof avif, AL_ERR_DECODE, AL_FMT_NONE, "a HEIF/AVIF image" },
		{ pdf, sizeof pdf - 1, AL_ERR_DECODE, AL_FMT_NONE, "a PDF image" },
	};

	for (size_t i = 0; i < G_N_ELEMENTS(c); i++) {
		al_info info;
		al_image img = { 0 };
		char why[256];
		assert_int_equal(al_probe(c[i].d, c[i].n, &info, why, sizeof why), c[i].st);
		assert_int_equal(info.format, c[i].fmt);
		if (!strstr(why, c[i].why))
			fail_msg("case %zu: %s", i, why);
		assert_non_null(strstr(why, "PNG, JPEG, GIF and WebP"));
		assert_int_equal(al_decode(c[i].d, c[i].n, NULL, &img, why, sizeof why), c[i].st);
		assert_null(img.rgba);
	}
	assert_int_equal(g_type_from_name("VipsImage"), 0);
}

/* The generated files of other formats named .png (testdata/e2e/disguised,
 * made by libvips's own writers): HEIF and TIFF refused, WebP decoded. */
static void test_disguised_files(void **state)
{
	static const struct { const char *path; al_status st; } c[] = {
		{ "testdata/e2e/disguised/avif-named.png", AL_ERR_DECODE },
		{ "testdata/e2e/disguised/tiff-named.png", AL_ERR_UNSUPPORTED },
		{ "testdata/e2e/disguised/webp-named.png", AL_OK },
	};

	if (!g_file_test("testdata/e2e/disguised", G_FILE_TEST_IS_DIR))
		skip();
	for (size_t i = 0; i < G_N_ELEMENTS(c); i++) {
		gchar *data = NULL;
		gsize len = 0;
		al_info info;
		al_image img = { 0 };
		char why[256];
		al_status st;

		assert_true(g_file_get_contents(c[i].path, &data, &len, NULL));
		st = al_probe((const uint8_t *)data, len, &info, why, sizeof why);
		if (st == AL_OK)
			st = al_decode((const uint8_t *)data, len, &info, &img, why, sizeof why);
		if (st != c[i].st)
			fail_msg("%s: status %d: %s", c[i].path, st, why);
		if (st == AL_OK) {
			assert_int_equal(img.width, 40);
			assert_int_equal(img.height, 40);
		}
		g_free(img.rgba);
		g_free(data);
	}
}

/* ---- hostile PNGs (issue #9) ---------------------------------------- */

static void ba_be32(GByteArray *ba, uint32_t v)
{
	uint8_t b[4];
	put_be32(b, v);
	g_byte_array_append(ba, b, 4);
}

static void ba_chunk(GByteArray *ba, const char *type, const uint8_t *d, uint32_t n)
{
	guint start;

	ba_be32(ba, n);
	start = ba->len;
	g_byte_array_append(ba, (const uint8_t *)type, 4);
	if (n)
		g_byte_array_append(ba, d, n);
	ba_be32(ba, crc32_test(ba->data + start, n + 4));
}

/* Signature and IHDR of a w x h 8-bit image of colour type @ctype. */
static GByteArray *png_head(uint32_t w, uint32_t h, int ctype)
{
	static const uint8_t sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
	GByteArray *ba = g_byte_array_new();
	uint8_t ihdr[13] = { 0 };

	put_be32(ihdr, w);
	put_be32(ihdr + 4, h);
	ihdr[8] = 8;
	ihdr[9] = (uint8_t)ctype;
	g_byte_array_append(ba, sig, 8);
	ba_chunk(ba, "IHDR", ihdr, 13);
	return ba;
}

static long peak_rss_kb(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

/* 41 bytes that declare a 2,000,000,000-byte chunk and end: a decode
 * error at once, nothing allocated from the declared length (libpng
 * 1.6.39 would allocate and clear it for a tEXt chunk). */
static void test_chunk_2g(void **state)
{
	static const char *types[] = { "tEXt", "zTXt", "iTXt", "eXIf", "sPLT", "pCAL", "sCAL",
	                               "iCCP", "prVt", "IDAT" };
	long before = peak_rss_kb();

	for (size_t i = 0; i < G_N_ELEMENTS(types); i++) {
		GByteArray *png = png_head(1, 1, PNG_COLOR_TYPE_RGB);
		al_info info;
		al_image img = { 0 };
		char why[256];

		ba_be32(png, 2000000000u);
		g_byte_array_append(png, (const uint8_t *)types[i], 4);
		assert_int_equal(png->len, 41);
		/* the header ends at the first IDAT: only the decode reads it */
		assert_int_equal(al_probe(png->data, png->len, &info, why, sizeof why),
		                 strcmp(types[i], "IDAT") ? AL_ERR_DECODE : AL_OK);
		assert_int_equal(al_decode(png->data, png->len, NULL, &img, why, sizeof why), AL_ERR_DECODE);
		if (!strstr(why, "truncated"))
			fail_msg("%s: %s", types[i], why);
		assert_null(img.rgba);
		g_byte_array_unref(png);
	}
	/* peak resident memory grew by less than 64 MiB over all of them */
	assert_true(peak_rss_kb() - before < 64 * 1024);
}

/* A zlib stream of @row followed by @extra_mib MiB of zeros (one MiB
 * deflated with a full flush, its blocks repeated), then, when @junk,
 * bytes after the end of the stream. */
static GByteArray *zlib_tail(const uint8_t *row, size_t row_len, int extra_mib, bool junk)
{
	GByteArray *z = g_byte_array_new(), *blk = g_byte_array_new();
	uint8_t out[1 << 16], *zero = g_malloc0(1 << 20);
	uLong adler = adler32(0L, Z_NULL, 0);
	z_stream zs = { 0 };
	GByteArray *dst[2] = { z, blk };
	const uint8_t *src[2] = { row, zero };
	size_t n[2] = { row_len, (size_t)1 << 20 };

	assert_int_equal(deflateInit(&zs, 9), Z_OK);
	for (int part = 0; part < (extra_mib ? 2 : 1); part++) {
		zs.next_in = (uint8_t *)src[part];
		zs.avail_in = (uInt)n[part];
		do {
			zs.next_out = out;
			zs.avail_out = sizeof out;
			deflate(&zs, Z_FULL_FLUSH);
			g_byte_array_append(dst[part], out, (guint)(sizeof out - zs.avail_out));
		} while (zs.avail_out == 0);
	}
	adler = adler32(adler, row, (uInt)row_len);
	for (int i = 0; i < extra_mib; i++) {
		g_byte_array_append(z, blk->data, blk->len);
		adler = adler32_combine(adler, adler32(0L, zero, 1 << 20), 1 << 20);
	}
	/* an empty final block and the checksum */
	const uint8_t tail[6] = { 0x03, 0x00, adler >> 24, adler >> 16 & 0xFF,
	                          adler >> 8 & 0xFF, adler & 0xFF };
	g_byte_array_append(z, tail, 6);
	if (junk)
		g_byte_array_append(z, (const uint8_t *)"0123456789abcdef", 16);
	deflateEnd(&zs);
	g_byte_array_unref(blk);
	g_free(zero);
	return z;
}

static GByteArray *png_1x1_idat(int extra_mib, bool junk)
{
	static const uint8_t row[5] = { 0, 10, 20, 30, 255 };
	GByteArray *png = png_head(1, 1, PNG_COLOR_TYPE_RGBA);
	GByteArray *z = zlib_tail(row, sizeof row, extra_mib, junk);

	for (guint off = 0; off < z->len; off += 65536)
		ba_chunk(png, "IDAT", z->data + off, MIN(65536u, z->len - off));
	ba_chunk(png, "IEND", NULL, 0);
	g_byte_array_unref(z);
	return png;
}

/* Decoding stops after the last row: compressed data that goes on (here
 * 64 MiB of zeros behind a 1x1 image) is not inflated, and is reported in
 * @why with the image still decoded; a little junk after the stream is
 * reported too; a clean file has no note. */
static void test_idat_tail(void **state)
{
	static const struct { int mib; bool junk; const char *why; } c[] = {
		{ 0, false, "" },
		{ 64, false, "goes on after the last row" },
		{ 0, true, "extra compressed data after the last row" },
	};

	for (size_t i = 0; i < G_N_ELEMENTS(c); i++) {
		GByteArray *png = png_1x1_idat(c[i].mib, c[i].junk);
		al_info info;
		al_image img = { 0 };
		char why[256];

		assert_int_equal(al_probe(png->data, png->len, &info, why, sizeof why), AL_OK);
		assert_int_equal(al_decode(png->data, png->len, &info, &img, why, sizeof why), AL_OK);
		assert_int_equal(img.width, 1);
		assert_int_equal(img.height, 1);
		assert_int_equal(img.rgba[0], 10);
		assert_int_equal(img.rgba[3], 255);
		if (c[i].why[0] ? !strstr(why, c[i].why) : why[0] != '\0')
			fail_msg("case %zu: \"%s\"", i, why);
		g_free(img.rgba);
		g_byte_array_unref(png);
	}
}

/* ---- the PNG fast path (decode_png_fast.c) --------------------------- */

static uint8_t *pattern(int w, int h);

/* Decodes @data with the fast path in @mode (0: libpng only) into @img. */
static al_status decode_mode(const uint8_t *data, size_t len, int mode, size_t max_px,
                             al_image *img, char *why, size_t why_len)
{
	al_status st;

	g_atomic_int_set(&al_png_fast, mode);
	st = al_decode_max(data, len, NULL, max_px, img, why, why_len);
	g_atomic_int_set(&al_png_fast, 1);
	return st;
}

/* The fast path gives what libpng gives: the same status, note or error
 * message, size and pixels -- whole and reduced, with libdeflate and with
 * zlib row by row.  Returns how many decodes compared. */
static int png_differential(const char *path, const uint8_t *data, size_t len)
{
	static const size_t budgets[2] = { SIZE_MAX, 2000 };
	int n = 0;

	for (int b = 0; b < 2; b++) {
		al_image ref = { 0 };
		char ref_why[256];
		al_status ref_st = decode_mode(data, len, 0, budgets[b], &ref, ref_why, sizeof ref_why);
		for (int mode = 1; mode <= 2; mode++) {
			al_image img = { 0 };
			char why[256];
			al_status st = decode_mode(data, len, mode, budgets[b], &img, why, sizeof why);
			if (st != ref_st || strcmp(why, ref_why) != 0)
				fail_msg("%s (mode %d, budget %zu): status %d \"%s\", libpng %d \"%s\"",
				         path, mode, budgets[b], st, why, ref_st, ref_why);
			if (st == AL_OK) {
				if (img.width != ref.width || img.height != ref.height ||
				    img.full_width != ref.full_width || img.full_height != ref.full_height ||
				    memcmp(img.rgba, ref.rgba, (size_t)img.width * img.height * 4) != 0)
					fail_msg("%s (mode %d, budget %zu): pixels differ from libpng's",
					         path, mode, budgets[b]);
			}
			g_free(img.rgba);
			n++;
		}
		g_free(ref.rgba);
	}
	return n;
}

/* Every PNG below @dir (recursively); returns the number compared. */
static int png_differential_dir(const char *dir, int max_files)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	const char *name;
	int files = 0;

	while (d && (name = g_dir_read_name(d)) && files < max_files) {
		char *p = g_build_filename(dir, name, NULL);
		gchar *data = NULL;
		gsize len = 0;
		if (g_file_test(p, G_FILE_TEST_IS_DIR)) {
			files += png_differential_dir(p, max_files - files);
		} else if (g_file_get_contents(p, &data, &len, NULL) &&
		           al_sniff((const uint8_t *)data, len) == AL_FMT_PNG) {
			png_differential(p, (const uint8_t *)data, len);
			files++;
		}
		g_free(data);
		g_free(p);
	}
	if (d)
		g_dir_close(d);
	return files;
}

/* Hand-made cases for each colour type, tRNS and filter, 1 .. 13 and 67
 * px wide (the ends of RGB's four pixels a step), then every PNG
 * of the repository, of ../shared/corpus/real and of the eval and fuzz
 * corpora when they are there (said when they are not).  Every file of
 * each folder, except in a sanitizer build (10x slower): there at most
 * 1000 per folder, said when a folder has more.  AL_FAST_DIFF_MAX=N sets
 * the limit (0: none). */
/* Each row filter alone (the fast path undoes Sub and Up sixteen bytes
 * at a time, Paeth a pixel at a time), on random bytes of every channel
 * count, at widths around the vector sizes: what libpng decodes. */
static void test_png_fast_each_filter(void **state)
{
	static const int filters[] = { PNG_FILTER_NONE, PNG_FILTER_SUB, PNG_FILTER_UP,
	                               PNG_FILTER_AVG, PNG_FILTER_PAETH };
	static const int ctypes[] = { PNG_COLOR_TYPE_RGB_ALPHA, PNG_COLOR_TYPE_RGB,
	                              PNG_COLOR_TYPE_GRAY_ALPHA, PNG_COLOR_TYPE_GRAY };
	static const int widths[] = { 1, 2, 3, 4, 5, 7, 8, 15, 16, 17, 67, 200 };
	const int h = 9;
	uint32_t seed = 1;
	int before = g_atomic_int_get(&al_png_fast_used);
	uint8_t *rows = g_malloc((size_t)200 * h * 4);
	for (size_t f = 0; f < G_N_ELEMENTS(filters); f++)
		for (size_t c = 0; c < G_N_ELEMENTS(ctypes); c++)
			for (size_t k = 0; k < G_N_ELEMENTS(widths); k++) {
				for (int i = 0; i < 200 * h * 4; i++) {
					seed = seed * 1103515245u + 12345u;
					rows[i] = (uint8_t)(seed >> 16);
				}
				png_opts o = { .ctype = ctypes[c], .depth = 8, .filter = filters[f] };
				GByteArray *png = png_make(widths[k], h, &o, rows);
				png_differential("one filter", png->data, png->len);
				g_byte_array_unref(png);
			}
	g_free(rows);
	assert_true(g_atomic_int_get(&al_png_fast_used) > before);
}

static void test_png_fast_differential(void **state)
{
	static const struct { int ctype; bool trns; } kinds[] = {
		{ PNG_COLOR_TYPE_GRAY, false }, { PNG_COLOR_TYPE_GRAY, true },
		{ PNG_COLOR_TYPE_GRAY_ALPHA, false }, { PNG_COLOR_TYPE_RGB, false },
		{ PNG_COLOR_TYPE_RGB, true }, { PNG_COLOR_TYPE_RGB_ALPHA, false },
		{ PNG_COLOR_TYPE_PALETTE, false }, { PNG_COLOR_TYPE_PALETTE, true },
	};
	static const char *const dirs[] = {
		"testdata", "tests/fuzz/seeds", "../shared/corpus/real", "build/eval/corpus",
		"build/fuzz/corpus/fuzz_file",
	};
	/* 67 px, and every width up to 13 (the ends of RGB's four-pixel
	 * expansion) */
	const int h = 45;
	int before = g_atomic_int_get(&al_png_fast_used);
	const char *env = g_getenv("AL_FAST_DIFF_MAX");
#if defined(__SANITIZE_ADDRESS__)
	int max_files = env ? atoi(env) : 1000;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
	int max_files = env ? atoi(env) : 1000;
#else
	int max_files = env ? atoi(env) : 0;
#endif
#else
	int max_files = env ? atoi(env) : 0;
#endif

	if (max_files <= 0)
		max_files = G_MAXINT;

	for (int wk = 1; wk <= 14; wk++) {
		const int w = wk == 14 ? 67 : wk;
		uint8_t *raw = pattern(w, h), *rows = g_malloc((size_t)w * h * 4);
		for (size_t i = 0; i < G_N_ELEMENTS(kinds); i++) {
			int ch = kinds[i].ctype == PNG_COLOR_TYPE_RGB_ALPHA ? 4 : kinds[i].ctype == PNG_COLOR_TYPE_RGB ? 3 :
			         kinds[i].ctype == PNG_COLOR_TYPE_GRAY_ALPHA ? 2 : 1;
			png_color plte[40];
			png_byte ta[30];
			png_color_16 key = { 0, 7 * 7 % 256, 0, 0, 7 * 7 % 256 };
			png_opts o = { .ctype = kinds[i].ctype, .depth = 8 };
			for (int k = 0; k < 40; k++) {
				plte[k] = (png_color){ (png_byte)(k * 6), (png_byte)(255 - k), (png_byte)(k * 3) };
				if (k < 30)
					ta[k] = (png_byte)(k * 8);
			}
			for (int p = 0; p < w * h; p++)
				for (int c = 0; c < ch; c++)
					/* palette indices run past the palette's 40 entries */
					rows[p * ch + c] = kinds[i].ctype == PNG_COLOR_TYPE_PALETTE ? raw[p * 4] % 48 : raw[p * 4 + c];
			if (kinds[i].ctype == PNG_COLOR_TYPE_PALETTE) {
				o.plte = plte;
				o.n_plte = 40;
			}
			if (kinds[i].trns) {
				o.trns = kinds[i].ctype == PNG_COLOR_TYPE_PALETTE ? ta : NULL;
				o.n_trns = kinds[i].ctype == PNG_COLOR_TYPE_PALETTE ? 30 : 1;
				o.trns_key = kinds[i].ctype == PNG_COLOR_TYPE_PALETTE ? NULL : &key;
			}
			GByteArray *png = png_make(w, h, &o, rows);
			png_differential("made", png->data, png->len);
			/* truncated, and a bit flipped in the image data: libpng's errors */
			png_differential("made, cut", png->data, png->len - 20);
			png->data[png->len / 2] ^= 0x10;
			png_differential("made, flipped", png->data, png->len);
			g_byte_array_unref(png);
		}
		g_free(raw);
		g_free(rows);
	}
	assert_true(g_atomic_int_get(&al_png_fast_used) > before);
	for (size_t i = 0; i < G_N_ELEMENTS(dirs); i++) {
		if (!g_file_test(dirs[i], G_FILE_TEST_IS_DIR)) {
			print_message("SKIP: png fast path: %s not found, not compared\n", dirs[i]);
			continue;
		}
		int used = g_atomic_int_get(&al_png_fast_used);
		int n = png_differential_dir(dirs[i], max_files);
		print_message("png fast path: %d PNGs of %s compared with libpng (%d fast decodes)\n",
		              n, dirs[i], g_atomic_int_get(&al_png_fast_used) - used);
		if (n == max_files)
			print_message("SKIP: png fast path: %s reached the limit of %d PNGs, the rest not compared "
			              "(AL_FAST_DIFF_MAX=0 compares all)\n", dirs[i], max_files);
	}
}

/* ---- reduced decode ------------------------------------------------- */

static void test_reduce_factor(void **state)
{
	assert_int_equal(al__reduce_factor(100, 100, 10000), 1);
	assert_int_equal(al__reduce_factor(101, 100, 10000), 2);
	assert_int_equal(al__reduce_factor(6300, 6300, AL_DECODE_MAX_PIXELS), 7);
	assert_int_equal(al__reduce_factor(6300, 6300, 4 * 115 * 115), 28);
	assert_int_equal(al__reduce_factor(0, 10, 5), 1);
	/* the smallest k that fits, for many sizes */
	for (int w = 1; w < 3000; w += 97)
		for (int h = 1; h < 3000; h += 89) {
			size_t max = 1000;
			int k = al__reduce_factor(w, h, max);
			assert_true((size_t)al__reduce_dim(w, k) * al__reduce_dim(h, k) <= max);
			if (k > 1)
				assert_true((size_t)al__reduce_dim(w, k - 1) * al__reduce_dim(h, k - 1) > max);
		}
	/* beyond the largest box the output may exceed the budget */
	assert_int_equal(al__reduce_factor(1000000, 1000, 1), AL_REDUCE_MAX_K);
}

/* Box means with alpha weighting; partial boxes at the edges. */
static void test_reduce_box(void **state)
{
	/* 3 x 3, k = 2: boxes of 2x2, 1x2, 2x1, 1x1 */
	static const uint8_t src[9][4] = {
		{ 255, 0, 0, 255 }, { 0, 0, 255, 0 }, { 10, 20, 30, 255 },
		{ 255, 0, 0, 255 }, { 0, 0, 255, 0 }, { 30, 20, 10, 255 },
		{ 1, 2, 3, 100 }, { 5, 6, 7, 200 }, { 9, 9, 9, 0 },
	};
	al_reducer r;
	uint8_t *out;

	assert_int_equal(al__reduce_init(&r, 3, 3, 2, false), AL_OK);
	assert_int_equal(r.ow, 2);
	assert_int_equal(r.oh, 2);
	for (int y = 2; y >= 0; y--) /* any row order */
		al__reduce_row(&r, y, 0, 1, src[y * 3], 3);
	out = al__reduce_finish(&r);
	/* red and transparent blue: red, half opaque (a transparent pixel's
	 * colour does not bleed) */
	assert_int_equal(out[0], 255);
	assert_int_equal(out[1], 0);
	assert_int_equal(out[2], 0);
	assert_int_equal(out[3], 128);
	/* the right column: a 1x2 box */
	assert_int_equal(out[4], 20);
	assert_int_equal(out[5], 20);
	assert_int_equal(out[6], 20);
	assert_int_equal(out[7], 255);
	/* bottom left: a 2x1 box weighted 100 : 200 */
	assert_int_equal(out[8], (1 * 100 + 5 * 200 + 150) / 300);
	assert_int_equal(out[11], 150);
	/* bottom right: one transparent pixel */
	assert_int_equal(out[15], 0);
	g_free(out);
	al__reduce_clear(&r);
	/* plain mode (CMYK): every channel the plain mean */
	assert_int_equal(al__reduce_init(&r, 2, 1, 2, true), AL_OK);
	al__reduce_row(&r, 0, 0, 1, src[0], 2);
	out = al__reduce_finish(&r);
	assert_int_equal(out[0], 128);
	assert_int_equal(out[2], 128);
	assert_int_equal(out[3], 128);
	g_free(out);
	al__reduce_clear(&r);
}

/* al__reduce_row() adds a row cell by cell (two pixels at a time in
 * SSE2): the same sums as adding pixel by pixel, for boxes of 1 to 9 px
 * and AL_REDUCE_MAX_K, rows given whole or in pieces that start and end
 * inside a box, past the right edge too, and the extreme values (255 x
 * 255 a product, a whole box of them). */
static void test_reduce_row_by_cells(void **state)
{
	static const int ks[] = { 1, 2, 3, 4, 5, 7, 9, AL_REDUCE_MAX_K };
	GRand *rnd = g_rand_new_with_seed(22);
	(void)state;
	for (size_t t = 0; t < 200; t++) {
		int k = ks[t % G_N_ELEMENTS(ks)];
		int w = g_rand_int_range(rnd, 1, 3 * k + 40), h = g_rand_int_range(rnd, 1, 2 * k + 3);
		bool extreme = t % 5 == 0;
		al_reducer r;
		assert_int_equal(al__reduce_init(&r, w, h, k, false), AL_OK);
		uint32_t *want = g_new0(uint32_t, (size_t)r.ow * r.oh * 4);
		uint8_t *px = g_new(uint8_t, (size_t)(w + 8) * 4);
		for (int y = 0; y < h; y++) {
			for (int x0 = 0; x0 < w;) {
				int n = t % 3 ? w - x0 + g_rand_int_range(rnd, 0, 3)
				              : g_rand_int_range(rnd, 1, w - x0 + 3);
				n = MIN(n, w + 8 - x0);
				for (int i = 0; i < n * 4; i++)
					px[i] = extreme ? 255 : (uint8_t)g_rand_int_range(rnd, 0, 256);
				al__reduce_row(&r, y, x0, 1, px, n);
				for (int i = 0; i < n && x0 + i < w; i++) {
					uint32_t *a = want + ((size_t)(y / k) * r.ow + (size_t)(x0 + i) / k) * 4;
					const uint8_t *p = px + (size_t)i * 4;
					for (int c = 0; c < 3; c++)
						a[c] += (uint32_t)p[c] * p[3];
					a[3] += p[3];
				}
				x0 += n;
			}
		}
		assert_memory_equal(r.acc, want, (size_t)r.ow * r.oh * 4 * sizeof *want);
		g_free(px);
		g_free(want);
		al__reduce_clear(&r);
	}
	g_rand_free(rnd);
}

/* A busy w x h RGBA test pattern (every pixel differs from its
 * neighbours, alpha varies). */
static uint8_t *pattern(int w, int h)
{
	uint8_t *p = g_malloc((size_t)w * h * 4);
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			uint8_t *q = p + ((size_t)y * w + x) * 4;
			q[0] = (uint8_t)(x * 7 + y * 3);
			q[1] = (uint8_t)(x * y);
			q[2] = (uint8_t)(255 - x * 5);
			q[3] = (uint8_t)((x + y) % 5 == 0 ? 0 : 128 + (x ^ y) % 128);
		}
	return p;
}

/* A PNG decoded reduced equals the full decode reduced by the same box,
 * for plain and Adam7 files (whose passes arrive out of row order), and
 * keeps the true size in full_width/full_height. */
static void test_png_reduced(void **state)
{
	const int w = 61, h = 47;
	uint8_t *raw = pattern(w, h);

	for (int adam7 = 0; adam7 < 2; adam7++) {
		png_opts o = { .ctype = PNG_COLOR_TYPE_RGBA, .depth = 8, .interlace = adam7 };
		GByteArray *png = png_make(w, h, &o, raw);
		al_info info;
		al_image full = { 0 }, red = { 0 };
		al_reducer r;
		uint8_t *want;
		char why[256];

		assert_int_equal(al_probe(png->data, png->len, &info, why, sizeof why), AL_OK);
		assert_int_equal(al_decode_max(png->data, png->len, &info, SIZE_MAX, &full, why, sizeof why), AL_OK);
		assert_false(al_image_reduced(&full));
		assert_memory_equal(full.rgba, raw, (size_t)w * h * 4);
		/* 61 x 47 into 200 px: k = 4, 16 x 12 */
		assert_int_equal(al_decode_max(png->data, png->len, &info, 200, &red, why, sizeof why), AL_OK);
		assert_true(al_image_reduced(&red));
		assert_int_equal(red.width, 16);
		assert_int_equal(red.height, 12);
		assert_int_equal(red.full_width, w);
		assert_int_equal(red.full_height, h);
		assert_int_equal(al__reduce_init(&r, w, h, 4, false), AL_OK);
		for (int y = 0; y < h; y++)
			al__reduce_row(&r, y, 0, 1, raw + (size_t)y * w * 4, w);
		want = al__reduce_finish(&r);
		assert_memory_equal(red.rgba, want, (size_t)16 * 12 * 4);
		g_free(want);
		al__reduce_clear(&r);
		g_free(full.rgba);
		g_free(red.rgba);
		g_byte_array_unref(png);
	}
	g_free(raw);
}

static size_t exif_make(uint8_t *p, int orientation, bool big_endian);

/* A large JPEG: DCT scaling (1/8) then a box; EXIF orientation applies to
 * the reduced buffer and to the true size. */
static void test_jpeg_reduced(void **state)
{
	uint8_t exif[64];
	size_t elen = exif_make(exif, 6, false), len;
	uint8_t *jpg = jpeg_make(1000, 800, J_RGB, exif, elen, NULL, &len);
	al_info info;
	al_image img = { 0 };
	char why[256];

	assert_int_equal(al_probe(jpg, len, &info, why, sizeof why), AL_OK);
	/* k = 9: 1/8 gives 125 x 100, a box of 2 then 63 x 50, rotated */
	assert_int_equal(al_decode_max(jpg, len, &info, 10000, &img, why, sizeof why), AL_OK);
	assert_int_equal(img.width, 50);
	assert_int_equal(img.height, 63);
	assert_int_equal(img.full_width, 800);
	assert_int_equal(img.full_height, 1000);
	/* blue away from the red corner */
	assert_true(px(&img, 25, 30)[2] > 200 && px(&img, 25, 30)[0] < 40);
	g_free(img.rgba);
	/* within the budget: the whole image, not reduced */
	assert_int_equal(al_decode_max(jpg, len, &info, 1000 * 800, &img, why, sizeof why), AL_OK);
	assert_int_equal(img.width, 800);
	assert_false(al_image_reduced(&img));
	g_free(img.rgba);
	g_free(jpg);
}

static void test_decode_budget(void **state)
{
	const al_profile *cpp = al_profile_find("cpp-2020"), *pc = al_profile_find("pc-current");

	assert_int_equal(al_decode_budget(cpp, AL_ROLE_SMALL), 4 * 40 * 40);
	assert_int_equal(al_decode_budget(cpp, AL_ROLE_HERO), 4 * 815 * 290);
	assert_int_equal(al_decode_budget(cpp, AL_ROLE_UNKNOWN), AL_DECODE_MAX_PIXELS);
	assert_int_equal(al_decode_budget(pc, AL_ROLE_LARGE), 4 * 350 * 350);
	/* a role the profile lacks: the fixed cap */
	assert_int_equal(al_decode_budget(pc, AL_ROLE_HERO), AL_DECODE_MAX_PIXELS);
	assert_int_equal(al_decode_budget(NULL, AL_ROLE_SMALL), AL_DECODE_MAX_PIXELS);
	/* a right-size image of any role is never reduced */
	for (int r = AL_ROLE_SMALL; r <= AL_ROLE_HERO; r++) {
		const al_role_spec *s = &cpp->roles[r];
		assert_int_equal(al__reduce_factor(s->max_w, s->max_h, al_decode_budget(cpp, (al_role)r)), 1);
	}
}

static void test_region_to_full(void **state)
{
	al_image img = { .width = 900, .height = 900, .full_width = 6300, .full_height = 6300 };
	al_image same = { .width = 40, .height = 40 };
	al_region r = { 10, 20, 5, 1 }, edge = { 899, 0, 1, 900 }, r2 = r;

	al_image_region_to_full(&img, &r);
	assert_int_equal(r.x, 70);
	assert_int_equal(r.y, 140);
	assert_int_equal(r.w, 35);
	assert_int_equal(r.h, 7);
	al_image_region_to_full(&img, &edge);
	assert_int_equal(edge.x + edge.w, 6300);
	assert_int_equal(edge.h, 6300);
	al_image_region_to_full(&same, &r2);
	assert_int_equal(r2.x, 10);
	assert_int_equal(r2.w, 5);
}

static void test_huge_ihdr_probe_only(void **state)
{
	GByteArray *png = small_png();
	al_info info;
	char why[256];
	/* IHDR: 50000 x 50000, CRC recomputed by rewriting it with libpng's
	 * own writer is overkill: write the header fields and fix the CRC */
	static const uint8_t dims[8] = { 0, 0, 0xC3, 0x50, 0, 0, 0xC3, 0x50 };
	uint32_t crc;

	memcpy(png->data + 16, dims, 8);
	crc = crc32_test(png->data + 12, 17);
	png->data[29] = crc >> 24; png->data[30] = crc >> 16 & 0xFF;
	png->data[31] = crc >> 8 & 0xFF; png->data[32] = crc & 0xFF;
	assert_int_equal(al_probe(png->data, png->len, &info, why, sizeof why), AL_OK);
	assert_int_equal(info.width, 50000);
	assert_int_equal(info.height, 50000);
	g_byte_array_unref(png);
}

static void test_jpeg_probe_decode(void **state)
{
	size_t len;
	uint8_t *jpg = jpeg_make(32, 16, J_RGB, NULL, 0, NULL, &len);
	al_info info;
	al_image img;
	char why[256];

	assert_int_equal(al_probe(jpg, len, &info, why, sizeof why), AL_OK);
	assert_int_equal(info.format, AL_FMT_JPEG);
	assert_int_equal(info.width, 32);
	assert_int_equal(info.height, 16);
	assert_int_equal(info.channels, 3);
	assert_int_equal(info.bit_depth, 8);
	assert_int_equal(info.png_color_type, -1);
	assert_false(info.cmyk);
	assert_false(info.progressive);
	assert_false(info.has_icc);
	assert_int_equal(info.orientation, 1);
	assert_int_equal(al_decode(jpg, len, &info, &img, why, sizeof why), AL_OK);
	assert_int_equal(img.width, 32);
	assert_int_equal(img.height, 16);
	assert_in_range(px(&img, 3, 3)[0], 200, 255);   /* red block */
	assert_in_range(px(&img, 3, 3)[2], 0, 60);
	assert_in_range(px(&img, 20, 10)[2], 200, 255); /* blue */
	assert_int_equal(px(&img, 20, 10)[3], 255);
	g_free(img.rgba);
	g_free(jpg);
}

static void test_jpeg_progressive(void **state)
{
	size_t len;
	uint8_t *jpg = jpeg_make(32, 16, J_PROGRESSIVE, NULL, 0, NULL, &len);
	al_info info;
	al_image img;
	char why[256];

	assert_int_equal(al_probe(jpg, len, &info, why, sizeof why), AL_OK);
	assert_true(info.progressive);
	assert_int_equal(al_decode(jpg, len, &info, &img, why, sizeof why), AL_OK);
	assert_in_range(px(&img, 3, 3)[0], 200, 255);
	assert_in_range(px(&img, 20, 10)[2], 200, 255);
	g_free(img.rgba);
	g_free(jpg);
}

static void test_jpeg_gray(void **state)
{
	size_t len;
	uint8_t *jpg = jpeg_make(16, 16, J_GRAY, NULL, 0, NULL, &len);
	al_info info;
	al_image img;
	char why[256];

	assert_int_equal(al_probe(jpg, len, &info, why, sizeof why), AL_OK);
	assert_int_equal(info.channels, 1);
	assert_int_equal(al_decode(jpg, len, &info, &img, why, sizeof why), AL_OK);
	assert_in_range(px(&img, 12, 12)[0], 55, 65);
	assert_int_equal(px(&img, 12, 12)[0], px(&img, 12, 12)[2]);
	g_free(img.rgba);
	g_free(jpg);
}

/* EXIF APP1 with IFD0 holding only the orientation tag. */
static size_t exif_make(uint8_t *p, int orientation, bool big_endian)
{
	static const uint8_t le[] = { 'E', 'x', 'i', 'f', 0, 0, 'I', 'I', 42, 0, 8, 0, 0, 0,
		1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
	static const uint8_t be[] = { 'E', 'x', 'i', 'f', 0, 0, 'M', 'M', 0, 42, 0, 0, 0, 8,
		0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0 };
	memcpy(p, big_endian ? be : le, sizeof le);
	p[big_endian ? 6 + 8 + 2 + 8 + 1 : 6 + 8 + 2 + 8] = (uint8_t)orientation;
	return sizeof le;
}

static void test_jpeg_exif_orientation(void **state)
{
	uint8_t exif[64];
	size_t elen = exif_make(exif, 6, false), len;
	uint8_t *jpg = jpeg_make(32, 16, J_RGB, exif, elen, NULL, &len);
	al_info info;
	al_image img;
	char why[256];

	assert_int_equal(al_probe(jpg, len, &info, why, sizeof why), AL_OK);
	assert_int_equal(info.orientation, 6);
	assert_int_equal(info.width, 32); /* header size, before orientation */
	assert_int_equal(al_decode(jpg, len, &info, &img, why, sizeof why), AL_OK);
	/* rotated 90 degrees clockwise: 16 x 32, the red top-left block is
	 * now top-right */
	assert_int_equal(img.width, 16);
	assert_int_equal(img.height, 32);
	assert_in_range(px(&img, 12, 4)[0], 200, 255);
	assert_in_range(px(&img, 12, 4)[2], 0, 60);
	assert_in_range(px(&img, 4, 4)[2], 200, 255);
	assert_in_range(px(&img, 12, 20)[2], 200, 255);
	g_free(img.rgba);
	g_free(jpg);

	/* big-endian EXIF, orientation 8 (90 counter-clockwise): bottom-left */
	elen = exif_make(exif, 8, true);
	jpg = jpeg_make(32, 16, J_RGB, exif, elen, NULL, &len);
	assert_int_equal(al_probe(jpg, len, &info, why, sizeof why), AL_OK);
	assert_int_equal(info.orientation, 8);
	assert_int_equal(al_decode(jpg, len, &info, &img, why, sizeof why), AL_OK);
	assert_int_equal(img.width, 16);
	assert_int_equal(img.height, 32);
	assert_in_range(px(&img, 4, 28)[0], 200, 255);
	assert_in_range(px(&img, 12, 28)[2], 200, 255);
	g_free(img.rgba);
	g_free(jpg);

	/* orientation 3: 180 degrees, same size, red bottom-right */
	elen = exif_make(exif, 3, false);
	jpg = jpeg_make(32, 16, J_RGB, exif, elen, NULL, &len);
	assert_int_equal(al_decode(jpg, len, NULL, &img, why, sizeof why), AL_OK);
	assert_int_equal(img.width, 32);
	assert_in_range(px(&img, 28, 12)[0], 200, 255);
	g_free(img.rgba);
	g_free(jpg);

	/* a corrupt IFD offset is ignored, not trusted */
	elen = exif_make(exif, 6, false);
	exif[6 + 4] = 0xF0;
	jpg = jpeg_make(32, 16, J_RGB, exif, elen, NULL, &len);
	assert_int_equal(al_probe(jpg, len, &info, why, sizeof why), AL_OK);
	assert_int_equal(info.orientation, 1);
	g_free(jpg);
}

static void test_jpeg_cmyk(void **state)
{
	size_t len;
	uint8_t *jpg = jpeg_make(16, 16, J_CMYK, NULL, 0, NULL, &len);
	al_info info;
	al_image img;
	char why[256];

	assert_int_equal(al_probe(jpg, len, &info, why, sizeof why), AL_OK);
	assert_true(info.cmyk);
	assert_int_equal(info.channels, 4);
	assert_int_equal(al_decode(jpg, len, &info, &img, why, sizeof why), AL_OK);
	assert_int_equal(img.width, 16);
	/* naive conversion: C+M ink = blue, M+Y ink = red */
	assert_in_range(px(&img, 12, 12)[0], 0, 40);
	assert_in_range(px(&img, 12, 12)[2], 215, 255);
	assert_in_range(px(&img, 3, 3)[0], 215, 255);
	assert_in_range(px(&img, 3, 3)[2], 0, 40);
	g_free(img.rgba);
	g_free(jpg);
}

static void test_jpeg_icc(void **state)
{
	size_t len;
	GByteArray *icc = icc_make("Linear RGB (test)", 1.0, false);
	uint8_t *jpg = jpeg_make(16, 16, J_RGB, NULL, 0, icc, &len);
	al_info info;
	al_image img;
	char why[256];

	assert_int_equal(al_probe(jpg, len, &info, why, sizeof why), AL_OK);
	assert_true(info.has_icc);
	assert_false(info.icc_is_srgb);
	assert_string_equal(info.icc_desc, "Linear RGB (test)");
	/* blue 230 in linear light is brighter in sRGB; 20 -> ~79 */
	assert_int_equal(al_decode(jpg, len, &info, &img, why, sizeof why), AL_OK);
	assert_in_range(px(&img, 12, 12)[0], 60, 100);
	assert_in_range(px(&img, 12, 12)[2], 240, 255);
	g_free(img.rgba);
	g_free(jpg);
	g_byte_array_unref(icc);
}

static void test_jpeg_truncated(void **state)
{
	size_t len;
	uint8_t *jpg = jpeg_make(64, 64, J_RGB, NULL, 0, NULL, &len);
	al_info info;
	al_image img = { 0 };
	char why[256];

	/* cut inside the entropy-coded data (flat colours: it is short) */
	assert_int_equal(al_probe(jpg, len - 16, &info, why, sizeof why), AL_OK);
	assert_int_equal(al_decode(jpg, len - 16, &info, &img, why, sizeof why), AL_ERR_DECODE);
	assert_null(img.rgba);
	assert_string_equal(why, "JPEG: Premature end of JPEG file");
	/* cut inside the header */
	assert_int_equal(al_probe(jpg, 30, &info, why, sizeof why), AL_ERR_DECODE);
	assert_true(g_str_has_prefix(why, "JPEG: "));
	g_free(jpg);
}

/* Decodes each of the @n @files that exists (format @fmt) and checks that
 * the native path counting in @used took every one and libvips never
 * started; skips when none exists. */
static void native_without_vips(const char *const *files, size_t n, al_format fmt, gint *used)
{
	int before = g_atomic_int_get(used), found = 0;

	for (size_t i = 0; i < n; i++) {
		gchar *data = NULL;
		gsize len = 0;
		al_info info;
		al_image img = { 0 };
		char why[256];

		if (!g_file_get_contents(files[i], &data, &len, NULL)) {
			print_message("SKIP: %s not found, not decoded\n", files[i]);
			continue;
		}
		found++;
		assert_int_equal(al_probe((uint8_t *)data, len, &info, why, sizeof why), AL_OK);
		assert_int_equal(info.format, fmt);
		assert_int_equal(al_decode((uint8_t *)data, len, &info, &img, why, sizeof why), AL_OK);
		g_free(img.rgba);
		g_free(data);
	}
	if (!found)
		skip();
	assert_int_equal(g_atomic_int_get(used) - before, found);
	assert_int_equal(g_type_from_name("VipsImage"), 0);
}

/* Runs before libvips may start: a still GIF is decoded by giflib (the
 * sample's, and the real corpus's GIF named .png when it is there). */
static void test_gif_without_vips(void **state)
{
	static const char *const files[] = {
		"testdata/e2e/formats/gif-named.png",
		"../shared/corpus/real/teams-icebreaker/Manifest/color.png",
	};

	native_without_vips(files, G_N_ELEMENTS(files), AL_FMT_GIF, &al_gif_native_used);
}

static void test_still_no_vips(void **state)
{
	assert_int_equal(g_type_from_name("VipsImage"), 0);
}

/* A hand-made 1x1 GIF: palette {red, black}, one pixel of index 0 --
 * twice: an animation of two frames, which giflib leaves to libvips. */
static const uint8_t tiny_gif[] = {
	'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0, 0x80, 0, 0,
	0xFF, 0, 0, 0, 0, 0,
	0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0,
	2, 2, 0x44, 0x01, 0,
	0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0,
	2, 2, 0x44, 0x01, 0, 0x3B,
};

static gpointer gif_worker(gpointer data)
{
	al_info info;
	al_image img = { 0 };
	char why[256];
	gboolean ok;

	ok = al_probe(tiny_gif, sizeof tiny_gif, &info, why, sizeof why) == AL_OK &&
	     al_decode(tiny_gif, sizeof tiny_gif, &info, &img, why, sizeof why) == AL_OK &&
	     img.width == 1 && img.height == 1 &&
	     img.rgba[0] == 255 && img.rgba[1] == 0 && img.rgba[2] == 0 && img.rgba[3] == 255;
	g_free(img.rgba);
	return GINT_TO_POINTER(ok);
}

/* The first libvips use comes from several threads at once: it must start
 * once and every thread must get the image. */
static void test_vips_start_concurrent(void **state)
{
	GThread *t[6];

	assert_int_equal(g_type_from_name("VipsImage"), 0);
	for (int i = 0; i < 6; i++)
		t[i] = g_thread_new("decode", gif_worker, NULL);
	for (int i = 0; i < 6; i++)
		assert_true(GPOINTER_TO_INT(g_thread_join(t[i])));
	assert_int_not_equal(g_type_from_name("VipsImage"), 0);
}

static void test_gif_through_vips(void **state)
{
	al_image *src = tu_image_new(12, 10, 0x2f7d6dff);
	VipsImage *im;
	void *gif = NULL;
	size_t len = 0;
	al_info info;
	al_image img;
	char why[256];

	uint8_t rgb[12 * 10 * 3];

	tu_fill(src, 0, 0, 4, 4, 0xf4c542ff);
	/* RGB, no alpha: libvips 8.14's GIF writer drops some opaque colours
	 * of an RGBA input to transparent */
	for (int i = 0; i < 12 * 10; i++)
		memcpy(rgb + i * 3, src->rgba + i * 4, 3);
	assert_int_equal(VIPS_INIT("test_decode"), 0);
	im = vips_image_new_from_memory(rgb, sizeof rgb, 12, 10, 3, VIPS_FORMAT_UCHAR);
	assert_non_null(im);
	assert_int_equal(vips_gifsave_buffer(im, &gif, &len, "dither", 0.0, NULL), 0);
	g_object_unref(im);
	assert_int_equal(al_sniff(gif, len), AL_FMT_GIF);
	assert_int_equal(al_probe(gif, len, &info, why, sizeof why), AL_OK);
	assert_int_equal(info.format, AL_FMT_GIF);
	assert_int_equal(info.width, 12);
	assert_int_equal(info.height, 10);
	assert_int_equal(al_decode(gif, len, &info, &img, why, sizeof why), AL_OK);
	assert_int_equal(img.width, 12);
	assert_int_equal(img.height, 10);
	assert_memory_equal(px(&img, 1, 1), src->rgba, 4);
	assert_memory_equal(px(&img, 10, 8), src->rgba + (8 * 12 + 10) * 4, 4);
	g_free(img.rgba);
	/* truncated GIF: an error, not a partial image */
	assert_int_not_equal(al_decode(gif, len / 2, &info, &img, why, sizeof why), AL_OK);
	assert_true(why[0] != '\0');
	g_free(gif);
	tu_image_free(src);
}

static void test_icc_garbage(void **state)
{
	GByteArray *icc = icc_make("Linear RGB (test)", 1.0, false);
	size_t len;
	uint8_t *jpg;
	al_info info;
	al_image img;
	char why[256];

	/* the desc tag's offset points far outside the profile */
	put_be32(icc->data + 132 + 4, 0xFFFFFF00u);
	jpg = jpeg_make(16, 16, J_RGB, NULL, 0, icc, &len);
	assert_int_equal(al_probe(jpg, len, &info, why, sizeof why), AL_OK);
	assert_true(info.has_icc);
	assert_string_equal(info.icc_desc, "");
	assert_false(info.icc_is_srgb);
	if (al_decode(jpg, len, &info, &img, why, sizeof why) == AL_OK)
		g_free(img.rgba);
	g_free(jpg);
	g_byte_array_unref(icc);
}

/* Deterministic mutation loop over a PNG and a JPEG with EXIF and ICC:
 * every outcome is a status, never a crash (run under ASan/UBSan). */
static void test_mutations(void **state)
{
	uint8_t exif[64];
	size_t elen = exif_make(exif, 6, true), jlen;
	GByteArray *icc = icc_make("Display (test)", 1.8, true);
	uint8_t *jpg = jpeg_make(24, 16, J_RGB, exif, elen, icc, &jlen);
	GByteArray *png = small_png();
	GRand *r = g_rand_new_with_seed(1234);
	int decoded = 0;

	for (int it = 0; it < 600; it++) {
		bool is_png = it % 2;
		size_t len = is_png ? png->len : jlen;
		uint8_t *buf = g_memdup2(is_png ? png->data : jpg, len);
		al_info info;
		al_image img = { 0 };
		char why[256];

		for (int k = g_rand_int_range(r, 1, 6); k > 0; k--)
			buf[g_rand_int_range(r, is_png ? 8 : 2, (gint32)len)] = (uint8_t)g_rand_int(r);
		if (g_rand_boolean(r))
			len = (size_t)g_rand_int_range(r, 1, (gint32)len);
		if (al_probe(buf, len, &info, why, sizeof why) == AL_OK &&
		    (double)info.width * info.height < 1e6 &&
		    al_decode(buf, len, &info, &img, why, sizeof why) == AL_OK) {
			assert_non_null(img.rgba);
			decoded++;
		}
		g_free(img.rgba);
		g_free(buf);
	}
	assert_true(decoded > 0);
	g_rand_free(r);
	g_byte_array_unref(png);
	g_free(jpg);
	g_byte_array_unref(icc);
}

/* ---- WebP through libwebp, against libvips (issue #10) ---------------- */

/* probe + decode with the native path behind @flag (al_webp_native,
 * al_gif_native) on or off: through libwebp or giflib, or through
 * libvips. */
typedef struct {
	al_status st;
	int stage;               /* 0: the probe failed; 1: the decode ran */
	al_info info;
	al_image img;
	char why[256];
} native_run;

static void decode_as(const uint8_t *d, size_t n, gint *flag, int native, native_run *r)
{
	memset(r, 0, sizeof *r);
	g_atomic_int_set(flag, native);
	r->st = al_probe(d, n, &r->info, r->why, sizeof r->why);
	if (r->st == AL_OK) {
		r->stage = 1;
		r->st = al_decode(d, n, &r->info, &r->img, r->why, sizeof r->why);
	}
	g_atomic_int_set(flag, 1);
}

/* Both ways give the same status, message, header and pixels.  Returns
 * true when the file decoded. */
static bool native_same(const uint8_t *d, size_t n, gint *flag, const char *what)
{
	native_run a, b;
	bool ok;

	decode_as(d, n, flag, 1, &a);
	decode_as(d, n, flag, 0, &b);
	if (a.st != b.st || a.stage != b.stage || (a.st != AL_OK && strcmp(a.why, b.why) != 0))
		fail_msg("%s: native %d/%d '%s', libvips %d/%d '%s'", what, a.stage, a.st, a.why,
		         b.stage, b.st, b.why);
	assert_memory_equal(&a.info, &b.info, sizeof a.info);
	ok = a.st == AL_OK;
	if (ok) {
		assert_int_equal(a.img.width, b.img.width);
		assert_int_equal(a.img.height, b.img.height);
		assert_int_equal(a.img.full_width, b.img.full_width);
		assert_int_equal(a.img.full_height, b.img.full_height);
		if (memcmp(a.img.rgba, b.img.rgba, (size_t)a.img.width * a.img.height * 4) != 0)
			fail_msg("%s: pixels differ", what);
	}
	g_free(a.img.rgba);
	g_free(b.img.rgba);
	return ok;
}

static void webp_file_same(const char *path, int *native)
{
	gchar *data = NULL;
	gsize len = 0;
	int before = g_atomic_int_get(&al_webp_native_used);

	if (!g_file_get_contents(path, &data, &len, NULL))
		return;
	assert_true(native_same((const uint8_t *)data, len, &al_webp_native, path));
	*native += g_atomic_int_get(&al_webp_native_used) - before;
	g_free(data);
}

/* Runs before libvips may start: a still WebP is decoded by libwebp. */
static void test_webp_without_vips(void **state)
{
	static const char *const files[] = {
		"testdata/e2e/disguised/webp-named.png", "tests/fuzz/seeds/fuzz_file/tiny.webp",
	};

	native_without_vips(files, G_N_ELEMENTS(files), AL_FMT_WEBP, &al_webp_native_used);
}

static void le32(GByteArray *ba, uint32_t v)
{
	uint8_t b[4] = { v & 0xFF, v >> 8 & 0xFF, v >> 16 & 0xFF, v >> 24 };
	g_byte_array_append(ba, b, 4);
}

static void riff_chunk(GByteArray *ba, const char *type, const uint8_t *d, uint32_t n)
{
	g_byte_array_append(ba, (const uint8_t *)type, 4);
	le32(ba, n);
	g_byte_array_append(ba, d, n);
	if (n & 1)
		g_byte_array_append(ba, (const uint8_t *)"", 1);
}

/* A WebP of the image chunks (VP8, VP8L, ALPH) of @src, w x h, with a
 * VP8X header of @flags and the chunk @extra (NULL: none) after them. */
static GByteArray *webp_remux(const uint8_t *src, size_t n, int w, int h, uint8_t flags,
                              const char *extra, const uint8_t *ed, uint32_t elen)
{
	GByteArray *ba = g_byte_array_new();
	uint8_t x[10] = { flags, 0, 0, 0, (w - 1) & 0xFF, (w - 1) >> 8 & 0xFF, (w - 1) >> 16,
	                  (h - 1) & 0xFF, (h - 1) >> 8 & 0xFF, (h - 1) >> 16 };

	g_byte_array_append(ba, (const uint8_t *)"RIFF\0\0\0\0WEBP", 12);
	riff_chunk(ba, "VP8X", x, 10);
	for (size_t i = 12; i + 8 <= n;) {
		uint32_t len = src[i + 4] | src[i + 5] << 8 | src[i + 6] << 16 | (uint32_t)src[i + 7] << 24;
		if (len > n - i - 8)
			break;
		if (!memcmp(src + i, "VP8 ", 4) || !memcmp(src + i, "VP8L", 4) || !memcmp(src + i, "ALPH", 4))
			riff_chunk(ba, (const char *)src + i, src + i + 8, len);
		i += 8 + len + (len & 1);
	}
	if (extra)
		riff_chunk(ba, extra, ed, elen);
	ba->data[4] = (ba->len - 8) & 0xFF;
	ba->data[5] = (ba->len - 8) >> 8 & 0xFF;
	ba->data[6] = (ba->len - 8) >> 16 & 0xFF;
	ba->data[7] = (uint8_t)((ba->len - 8) >> 24);
	return ba;
}

/* EXIF (little-endian TIFF, "Exif\0\0" first) with IFD0's Orientation. */
static size_t webp_exif(uint8_t *p, int orientation)
{
	static const uint8_t head[] = { 'E', 'x', 'i', 'f', 0, 0, 'I', 'I', 42, 0, 8, 0, 0, 0,
	                                1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0 };
	memcpy(p, head, sizeof head);
	p[sizeof head] = (uint8_t)orientation;
	memset(p + sizeof head + 1, 0, 7);
	return sizeof head + 8;
}

/* Every way of writing a WebP, still or not, with and without alpha,
 * EXIF and ICC, and 400 damaged copies: libwebp gives libvips's pixels,
 * header and verdict (a file libwebp does not take goes to libvips). */
static void test_webp_differential(void **state)
{
	static const char *opts[][2] = {
		{ "Q", "75" }, { "Q", "20" }, { "lossless", "1" }, { "near_lossless", "1" },
		{ "alpha_q", "30" }, { "smart_subsample", "1" },
	};
	al_image *src = tu_image_new(41, 23, 0x2f7d6dff);
	GRand *r = g_rand_new_with_seed(99);
	int native = 0, decoded = 0, used = g_atomic_int_get(&al_webp_native_used);
	uint8_t exif[64];

	assert_int_equal(VIPS_INIT("test_decode"), 0);
	tu_fill(src, 3, 2, 20, 9, 0xf4c542ff);
	tu_fill(src, 25, 8, 10, 10, 0x1030e080);    /* half transparent */
	for (int x = 0; x < 41; x++)
		tu_fill(src, x, 20, 1, 3, 0x000000ffu | (uint32_t)(x * 6) << 24 | (uint32_t)(x * 3) << 8);
	for (int alpha = 0; alpha < 2; alpha++)
		for (size_t o = 0; o < G_N_ELEMENTS(opts); o++) {
			VipsImage *im = vips_image_new_from_memory(src->rgba, 41 * 23 * 4, 41, 23, 4,
			                                           VIPS_FORMAT_UCHAR), *im3 = NULL;
			void *buf = NULL;
			size_t len = 0;
			GByteArray *v[5];
			char what[64];

			assert_non_null(im);
			if (!alpha)
				assert_int_equal(vips_extract_band(im, &im3, 0, "n", 3, NULL), 0);
			assert_int_equal(vips_webpsave_buffer(alpha ? im : im3, &buf, &len,
			                                      "strip", TRUE, opts[o][0], atoi(opts[o][1]), NULL), 0);
			g_object_unref(im);
			if (im3)
				g_object_unref(im3);
			snprintf(what, sizeof what, "%s=%s alpha %d", opts[o][0], opts[o][1], alpha);
			decoded += native_same(buf, len, &al_webp_native, what);
			v[0] = webp_remux(buf, len, 41, 23, 0x08, "EXIF", exif, (uint32_t)webp_exif(exif, 1));
			v[1] = webp_remux(buf, len, 41, 23, 0x08, "EXIF", exif, (uint32_t)webp_exif(exif, 6));
			v[2] = webp_remux(buf, len, 41, 23, 0x20, "ICCP", (const uint8_t *)"not a profile", 13);
			v[3] = webp_remux(buf, len, 41, 23, alpha ? 0 : 0x10, NULL, NULL, 0);
			v[4] = webp_remux(buf, len, 45, 23, 0x10, NULL, NULL, 0);   /* frame < canvas */
			for (int k = 0; k < 5; k++) {
				native_run rot;
				decoded += native_same(v[k]->data, v[k]->len, &al_webp_native, what);
				if (k == 1) {
					/* libvips rotates by EXIF: 23 x 41 */
					decode_as(v[k]->data, v[k]->len, &al_webp_native, 1, &rot);
					assert_int_equal(rot.st, AL_OK);
					assert_int_equal(rot.img.width, 23);
					g_free(rot.img.rgba);
				}
			}
			for (int m = 0; m < 40; m++) {
				GByteArray *b = v[m % 2];
				uint8_t *c = g_memdup2(b->data, b->len);
				size_t n = b->len;
				for (int k = g_rand_int_range(r, 1, 4); k > 0; k--)
					c[g_rand_int_range(r, 12, (gint32)n)] = (uint8_t)g_rand_int(r);
				if (m % 3 == 0)
					n = (size_t)g_rand_int_range(r, 1, (gint32)n);
				native_same(c, n, &al_webp_native, "damaged");
				g_free(c);
			}
			for (int k = 0; k < 5; k++)
				g_byte_array_unref(v[k]);
			g_free(buf);
		}
	webp_file_same("testdata/e2e/disguised/webp-named.png", &native);
	webp_file_same("tests/fuzz/seeds/fuzz_file/tiny.webp", &native);
	assert_true(decoded >= 12 * 4);
	/* the plain, EXIF-1 and alpha-flag copies at least went through libwebp */
	assert_true(g_atomic_int_get(&al_webp_native_used) - used >= 12 * 3);
	g_rand_free(r);
	tu_image_free(src);
}

/* ---- GIF through giflib, against libvips (issue #10) ----------------- */

/* Ways an LZW encoder may write the same pixels. */
enum {
	LZW_NO_FIRST_CLEAR = 1,  /* no clear code at the start */
	LZW_TWO_CLEARS = 2,      /* clear codes in pairs */
	LZW_DEFERRED = 4,        /* a full table is kept, not cleared */
	LZW_CLEAR_OFTEN = 8,     /* a clear code every 50 codes */
	LZW_NO_EOI = 16,         /* no end-of-information code */
	LZW_SMALL_BLOCKS = 32,   /* sub-blocks of 1 to 40 bytes */
	LZW_BAD_AFTER = 64,      /* a code past the table after the last pixel */
};

typedef struct {
	GByteArray *bytes;       /* the packed codes */
	uint32_t acc;
	int have;
} lzw_out;

static void lzw_put(lzw_out *o, unsigned code, int width)
{
	o->acc |= (uint32_t)code << o->have;
	o->have += width;
	while (o->have >= 8) {
		uint8_t c = (uint8_t)(o->acc & 0xFF);
		g_byte_array_append(o->bytes, &c, 1);
		o->acc >>= 8;
		o->have -= 8;
	}
}

/* The LZW data of a GIF image (code size, sub-blocks, terminator) for the
 * @n indices @px (each below 1 << @min), written the @ways above.  The
 * test's own encoder, so that the decoders meet streams giflib's encoder
 * never writes. */
static GByteArray *gif_lzw(const uint8_t *px, size_t n, int min, int ways, GRand *r)
{
	unsigned clear = 1u << min, next = clear + 2, w = px[0];
	int width = min + 1, since = 0;
	uint16_t *dict = g_new(uint16_t, 4096 * 256);      /* (prefix, index) -> code + 1 */
	lzw_out o = { g_byte_array_new(), 0, 0 };
	GByteArray *lzw = g_byte_array_new();
	uint8_t m = (uint8_t)min;

	memset(dict, 0, 4096 * 256 * sizeof *dict);
	if (!(ways & LZW_NO_FIRST_CLEAR))
		for (int k = 0; k < (ways & LZW_TWO_CLEARS ? 2 : 1); k++)
			lzw_put(&o, clear, width);
	for (size_t i = 1; i <= n; i++) {
		unsigned c = i < n ? px[i] : 0;
		if (i < n && dict[w * 256 + c]) {
			w = dict[w * 256 + c] - 1u;
			continue;
		}
		lzw_put(&o, w, width);
		if (i == n)
			break;
		if (next < 4096) {
			dict[w * 256 + c] = (uint16_t)(next + 1);
			if (next == (1u << width) && width < 12)
				width++;
			next++;
		}
		since++;
		if ((next == 4096 && !(ways & LZW_DEFERRED)) || (ways & LZW_CLEAR_OFTEN && since >= 50)) {
			lzw_put(&o, clear, width);
			width = min + 1;      /* a decoder reads the next code this wide */
			if (ways & LZW_TWO_CLEARS)
				lzw_put(&o, clear, width);
			memset(dict, 0, 4096 * 256 * sizeof *dict);
			next = clear + 2;
			since = 0;
		}
		w = c;
	}
	if (ways & LZW_BAD_AFTER)
		lzw_put(&o, (1u << width) - 1, width);
	if (!(ways & LZW_NO_EOI))
		lzw_put(&o, clear + 1, width);
	if (o.have)
		lzw_put(&o, 0, 8 - o.have);
	g_byte_array_append(lzw, &m, 1);
	for (guint i = 0; i < o.bytes->len;) {
		guint most = ways & LZW_SMALL_BLOCKS ? (guint)g_rand_int_range(r, 1, 41) : 255u;
		guint k = MIN(o.bytes->len - i, most);
		uint8_t kb = (uint8_t)k;
		g_byte_array_append(lzw, &kb, 1);
		g_byte_array_append(lzw, o.bytes->data + i, k);
		i += k;
	}
	g_byte_array_append(lzw, (const uint8_t *)"", 1);
	g_byte_array_unref(o.bytes);
	g_free(dict);
	return lzw;
}

/* How to write one GIF file. */
typedef struct {
	int w, h;          /* the image */
	int sw, sh;        /* the screen (0: the image's size) */
	int x;             /* the image's left edge on the screen */
	int bits;          /* its indices are below 1 << bits */
	int global, local; /* colour tables of 1 << n entries (0: none) */
	bool interlace;
	int gce;           /* 0: none; 1: a transparent index; 2: a GCE without;
	                    * 3: one of each */
	int clear;         /* the transparent index */
	bool extras;       /* a comment and a loop count before the image */
	bool odd;          /* an extension whose first sub-block is empty */
	bool after;        /* a comment after the image */
	bool two;          /* a second frame */
	int end;           /* 0: the trailer; 1: none; 2: a stray byte after the image */
	bool v87;          /* GIF87a */
	int ways;          /* how the LZW data is written (LZW_...) */
} gif_spec;

static void put16(GByteArray *ba, int v)
{
	uint8_t b[2] = { (uint8_t)(v & 0xFF), (uint8_t)(v >> 8) };
	g_byte_array_append(ba, b, 2);
}

static void put_table(GByteArray *ba, int n, GRand *r)
{
	for (int i = 0; i < 3 << n; i++) {
		uint8_t c = (uint8_t)g_rand_int(r);
		g_byte_array_append(ba, &c, 1);
	}
}

/* The file @s describes: patches of random indices, random tables. */
static GByteArray *gif_make(const gif_spec *s, GRand *r)
{
	static const uint8_t comment[] = { 0x21, 0xFE, 5, 'h', 'e', 'l', 'l', 'o', 0 };
	static const uint8_t loop[] = { 0x21, 0xFF, 11, 'N', 'E', 'T', 'S', 'C', 'A', 'P', 'E',
	                                '2', '.', '0', 3, 1, 0, 0, 0 };
	size_t n = (size_t)s->w * s->h;
	uint8_t *idx = g_malloc(n), *rows = g_malloc(n);
	GByteArray *ba = g_byte_array_new(), *lzw;
	int k = 0;

	for (size_t i = 0; i < n; i++) {
		int x = (int)(i % s->w), y = (int)(i / s->w);
		idx[i] = (uint8_t)(((x / 5) * 7 + (y / 3) * 3 + (g_rand_int_range(r, 0, 9) == 0 ? g_rand_int(r) : 0)) &
		                   ((1 << s->bits) - 1));
	}
	/* the rows in the order the file stores them */
	for (int pass = 0; pass < (s->interlace ? 4 : 1); pass++) {
		static const int start[] = { 0, 4, 2, 1 }, step[] = { 8, 8, 4, 2 };
		for (int y = s->interlace ? start[pass] : 0; y < s->h; y += s->interlace ? step[pass] : 1)
			memcpy(rows + (size_t)k++ * s->w, idx + (size_t)y * s->w, s->w);
	}
	lzw = gif_lzw(rows, n, s->bits < 2 ? 2 : s->bits, s->ways, r);
	g_byte_array_append(ba, (const uint8_t *)(s->v87 ? "GIF87a" : "GIF89a"), 6);
	put16(ba, s->sw ? s->sw : s->w);
	put16(ba, s->sh ? s->sh : s->h);
	g_byte_array_append(ba, (const uint8_t[]){ s->global ? 0xF0 | (s->global - 1) : 0x70, 0, 0 }, 3);
	if (s->global)
		put_table(ba, s->global, r);
	if (s->extras) {
		g_byte_array_append(ba, comment, sizeof comment);
		g_byte_array_append(ba, loop, sizeof loop);
	}
	if (s->odd)
		g_byte_array_append(ba, (const uint8_t[]){ 0x21, 0x01, 0, 0x21, 0xFE, 0 }, 6);
	for (int g = 0; g < (s->gce == 3 ? 2 : s->gce ? 1 : 0); g++) {
		uint8_t gce[] = { 0x21, 0xF9, 4, (uint8_t)(4 | (s->gce != 2 && g == 0)), 10, 0,
		                  (uint8_t)s->clear, 0 };
		g_byte_array_append(ba, gce, sizeof gce);
	}
	for (int f = 0; f < (s->two ? 2 : 1); f++) {
		g_byte_array_append(ba, (const uint8_t *)"\x2C", 1);
		put16(ba, f ? 0 : s->x);
		put16(ba, 0);
		put16(ba, s->w);
		put16(ba, s->h);
		g_byte_array_append(ba, (const uint8_t[]){ (uint8_t)((s->local ? 0x80 | (s->local - 1) : 0) |
		                                                      (s->interlace ? 0x40 : 0)) }, 1);
		if (s->local)
			put_table(ba, s->local, r);
		g_byte_array_append(ba, lzw->data, lzw->len);
	}
	if (s->after)
		g_byte_array_append(ba, comment, sizeof comment);
	if (s->end != 1)
		g_byte_array_append(ba, (const uint8_t *)(s->end ? "\x00" : "\x3B"), 1);
	g_byte_array_unref(lzw);
	g_free(idx);
	g_free(rows);
	return ba;
}

/* Still GIFs of every kind giflib takes -- sizes, LZW widths, global and
 * local tables, tables shorter than the indices, interlacing, transparent
 * indices in and past the table, extensions, GIF87a, screens larger,
 * smaller and of a monitor's size, no trailer, LZW data written every way
 * the test's encoder knows -- and those it leaves to libvips (frames smaller than
 * the canvas, animations, two GCEs, a block or a stray byte after the
 * image, no table, an extension libnsgif reads its own way), then 600 damaged copies: giflib gives libvips's
 * pixels, header and verdict, and takes every file it should. */
static void test_gif_differential(void **state)
{
	static const int sizes[][2] = { { 1, 1 }, { 3, 7 }, { 17, 9 }, { 40, 40 }, { 90, 90 }, { 255, 115 } };
	static const int widths[] = { 1, 2, 4, 8 };
	GRand *r = g_rand_new_with_seed(7);
	int used = g_atomic_int_get(&al_gif_native_used), expect = 0, sure = 0, decoded = 0;
	GPtrArray *some = g_ptr_array_new_with_free_func((GDestroyNotify)g_byte_array_unref);

	assert_int_equal(VIPS_INIT("test_decode"), 0);
	for (size_t z = 0; z < G_N_ELEMENTS(sizes); z++)
		for (size_t b = 0; b < G_N_ELEMENTS(widths); b++)
			for (int v = 0; v < 19; v++) {
				int bits = widths[b];
				gif_spec s = { .w = sizes[z][0], .h = sizes[z][1], .bits = bits, .global = bits };
				bool native = true;
				GByteArray *ba;
				char what[96];

				switch (v) {
				case 1: s.global = 0; s.local = bits; break;
				case 2: s.interlace = true; break;
				case 3: s.gce = 1; s.clear = g_rand_int_range(r, 0, 1 << bits); break;
				case 4: /* the table ends below the indices, and so does the clear one */
					s.global = bits > 1 ? bits - 1 : 1; s.gce = 1; s.clear = (1 << bits) - 1; break;
				case 5: s.global = bits > 1 ? bits - 1 : 1; s.interlace = true; break;
				case 6: s.gce = 2; s.extras = true; s.local = bits; break;
				case 7: s.sw = s.w + 1; native = false; break;
				case 8: s.sw = 800; s.sh = 600; s.interlace = true; break;
				case 9: s.sw = s.w / 2 + 1; s.sh = 3000; s.gce = 1; s.clear = 1; break;
				case 10: s.sw = s.w + 1; s.x = 1; native = false; break;
				case 11: s.two = true; native = false; break;
				case 12: s.gce = 3; native = false; break;
				case 13: s.after = true; native = false; break;
				case 14: s.global = 0; native = false; break;
				case 15: s.v87 = true; s.local = 8; break;
				case 16: s.odd = true; native = false; break;
				case 17: s.end = 1; s.gce = 1; s.clear = 0; break;
				case 18: s.end = 2; native = false; break;
				}
				s.ways = g_rand_int_range(r, 0, 128);
				ba = gif_make(&s, r);
				snprintf(what, sizeof what, "GIF %dx%d, %d bits, variant %d, LZW %d", s.w, s.h,
				         bits, v, s.ways);
				/* libnsgif reads the odd extension's bytes as blocks */
				if (native_same(ba->data, ba->len, &al_gif_native, what))
					decoded++;
				else if (v != 16)
					fail_msg("%s: not decoded", what);
				expect += native;
				/* without an end-of-information code, a last code that
				 * ends its sub-block is lost to libnsgif: libvips's */
				sure += native && !(s.ways & LZW_NO_EOI);
				if (v == 3 || v == 5 || v == 11)
					g_ptr_array_add(some, ba);
				else
					g_byte_array_unref(ba);
			}
	assert_in_range(g_atomic_int_get(&al_gif_native_used) - used, sure, expect);
	assert_true(sure >= 100);
	for (int m = 0; m < 600; m++) {
		GByteArray *b = g_ptr_array_index(some, (guint)m % some->len);
		uint8_t *c = g_memdup2(b->data, b->len);
		size_t n = b->len;
		for (int k = g_rand_int_range(r, 1, 4); k > 0; k--)
			c[g_rand_int_range(r, 6, (gint32)n)] = (uint8_t)g_rand_int(r);
		if (m % 3 == 0)
			n = (size_t)g_rand_int_range(r, 1, (gint32)n);
		native_same(c, n, &al_gif_native, "damaged GIF");
		g_free(c);
	}
	assert_true(decoded >= 6 * 4 * 18);
	g_ptr_array_unref(some);
	g_rand_free(r);
}

/* The generated test images, when present (run from the source tree). */
static void test_testdata(void **state)
{
	static const char *good[] = {
		"testdata/demo/contoso/Hero.png", "testdata/e2e/formats/gif-named.png",
		"testdata/e2e/formats/cmyk.jpg", "testdata/e2e/formats/rgb16.png",
		"testdata/e2e/formats/palette.png", "testdata/e2e/formats/interlaced.png",
		"testdata/e2e/formats/exif-rot6.jpg", "testdata/e2e/hero/hero-edge-399.png",
	};
	static const char *bad[] = {
		"testdata/bad/truncated.png", "testdata/bad/truncated.jpg",
		"testdata/bad/empty.png", "testdata/bad/not-an-image.png",
		"testdata/bad/bad-crc.png", "testdata/e2e/mixed/truncated.png",
	};
	char why[256];

	if (!g_file_test("testdata/bad", G_FILE_TEST_IS_DIR))
		skip();
	for (size_t i = 0; i < G_N_ELEMENTS(good) + G_N_ELEMENTS(bad); i++) {
		bool ok = i < G_N_ELEMENTS(good);
		const char *path = ok ? good[i] : bad[i - G_N_ELEMENTS(good)];
		gchar *data = NULL;
		gsize len = 0;
		al_info info;
		al_image img = { 0 };
		al_status st;

		assert_true(g_file_get_contents(path, &data, &len, NULL));
		st = al_probe((const uint8_t *)data, len, &info, why, sizeof why);
		if (st == AL_OK)
			st = al_decode((const uint8_t *)data, len, &info, &img, why, sizeof why);
		if ((st == AL_OK) != ok)
			fail_msg("%s: %s", path, st == AL_OK ? "decoded" : why);
		if (ok && strstr(path, "exif-rot6")) {
			assert_int_equal(img.width, 255);
			assert_int_equal(img.height, 115);
		}
		if (ok && strstr(path, "hero-edge-399")) {
			/* rightmost shape column is 399: 400 is background */
			assert_int_not_equal(px(&img, 399, 145)[0], px(&img, 400, 145)[0]);
			assert_memory_equal(px(&img, 400, 145), px(&img, 814, 145), 4);
		}
		g_free(img.rgba);
		g_free(data);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_png_jpeg_do_not_start_vips),
		cmocka_unit_test(test_sniff),
		cmocka_unit_test(test_ext),
		cmocka_unit_test(test_png_probe_rgba),
		cmocka_unit_test(test_png_palette_trns),
		cmocka_unit_test(test_png_16bit),
		cmocka_unit_test(test_png_gray_alpha),
		cmocka_unit_test(test_png_interlaced),
		cmocka_unit_test(test_png_srgb_chunk),
		cmocka_unit_test(test_png_truncated),
		cmocka_unit_test(test_png_bad_crc),
		cmocka_unit_test(test_huge_ihdr_probe_only),
		cmocka_unit_test(test_jpeg_probe_decode),
		cmocka_unit_test(test_jpeg_gray),
		cmocka_unit_test(test_jpeg_exif_orientation),
		cmocka_unit_test(test_jpeg_cmyk),
		cmocka_unit_test(test_jpeg_truncated),
		cmocka_unit_test(test_jpeg_progressive),
		cmocka_unit_test(test_allow_list),
		cmocka_unit_test(test_chunk_2g),
		cmocka_unit_test(test_idat_tail),
		cmocka_unit_test(test_reduce_factor),
		cmocka_unit_test(test_reduce_box),
		cmocka_unit_test(test_reduce_row_by_cells),
		cmocka_unit_test(test_png_reduced),
		cmocka_unit_test(test_png_fast_differential),
		cmocka_unit_test(test_png_fast_each_filter),
		cmocka_unit_test(test_jpeg_reduced),
		cmocka_unit_test(test_decode_budget),
		cmocka_unit_test(test_region_to_full),
		cmocka_unit_test(test_webp_without_vips),
		cmocka_unit_test(test_gif_without_vips),
		cmocka_unit_test(test_still_no_vips),
		cmocka_unit_test(test_vips_start_concurrent),
		/* from here on libvips may start */
		cmocka_unit_test(test_png_icc_srgb_named),
		cmocka_unit_test(test_png_icc_linear_converted),
		cmocka_unit_test(test_jpeg_icc),
		cmocka_unit_test(test_not_an_image),
		cmocka_unit_test(test_disguised_files),
		cmocka_unit_test(test_gif_through_vips),
		cmocka_unit_test(test_icc_garbage),
		cmocka_unit_test(test_mutations),
		cmocka_unit_test(test_testdata),
		cmocka_unit_test(test_webp_differential),
		cmocka_unit_test(test_gif_differential),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
