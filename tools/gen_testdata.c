/*
 * gen_testdata: writes the test images under DIR (default "testdata").
 *
 *   build/tools/gen_testdata testdata        (make testdata)
 *
 * Every image is drawn here from flat shapes with anti-aliased edges (4x4
 * supersampling), so the output is deterministic and small.  PNG and JPEG
 * are written with libpng and libjpeg directly; the one GIF with libvips.
 * The broken files (truncated, bad CRC, huge IHDR) are made from good ones.
 *
 *   build/tools/gen_testdata --fuzz-seeds tests/fuzz/seeds
 *
 * writes the fuzz targets' seed corpus (small files of every colour type,
 * bit depth and JPEG kind, and sets of files for fuzz_set).
 *
 *   build/tools/gen_testdata --hostile DIR
 *
 * writes the large hostile files of issue #9 (a PNG whose IDAT inflates to
 * 1 GiB, 6300x6300 images) into DIR; they are made at test time and never
 * committed.  The small hostile files go into testdata/ with the rest.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <png.h>
#include <jpeglib.h>
#include <vips/vips.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <zlib.h>

typedef struct {
	int w, h;
	uint8_t *p;              /* RGBA, straight alpha */
} canvas;

typedef struct { uint8_t r, g, b, a; } rgba;

#define RGB(hex) ((rgba){ (hex) >> 16 & 0xFF, (hex) >> 8 & 0xFF, (hex) & 0xFF, 0xFF })

static const rgba TEAL = RGB(0x2f7d6d);
static const rgba NAVY = RGB(0x1b3a5c);
static const rgba LIGHT = RGB(0xa8c8e8);
static const rgba PURPLE = RGB(0x6b4c9a);
static const rgba WHITE = RGB(0xffffff);
static const rgba BLACK = RGB(0x000000);
static const rgba CLEAR = { 0, 0, 0, 0 };
static const rgba YELLOW = RGB(0xf4c542);
static const rgba CREAM = RGB(0xfdf6e3);
static const rgba ORANGE = RGB(0xe8a33d);

static int failures;

static canvas *canvas_new(int w, int h, rgba bg)
{
	canvas *c = g_new0(canvas, 1);
	c->w = w;
	c->h = h;
	c->p = g_malloc((size_t)w * h * 4);
	for (int i = 0; i < w * h; i++)
		memcpy(c->p + (size_t)i * 4, &bg, 4);
	return c;
}

static void canvas_free(canvas *c)
{
	if (!c)
		return;
	g_free(c->p);
	g_free(c);
}

/* ---- shapes: inside tests at sample points ------------------------- */

typedef enum { SH_DISC, SH_RRECT } shape_kind;
typedef struct {
	shape_kind kind;
	double cx, cy, r;        /* disc */
	double x0, y0, x1, y1;   /* rounded rect [x0,x1) x [y0,y1), corner r */
} shape;

static bool shape_inside(const shape *s, double x, double y)
{
	if (s->kind == SH_DISC)
		return (x - s->cx) * (x - s->cx) + (y - s->cy) * (y - s->cy) <= s->r * s->r;
	if (x < s->x0 || x >= s->x1 || y < s->y0 || y >= s->y1)
		return false;
	double qx = CLAMP(x, s->x0 + s->r, s->x1 - s->r);
	double qy = CLAMP(y, s->y0 + s->r, s->y1 - s->r);
	return (x - qx) * (x - qx) + (y - qy) * (y - qy) <= s->r * s->r;
}

/* Composites @col over the canvas with the shape's coverage as alpha
 * (Porter-Duff "over", straight alpha). */
static void fill_shape(canvas *c, const shape *s, rgba col)
{
	double bx0, by0, bx1, by1;

	if (s->kind == SH_DISC) {
		bx0 = s->cx - s->r; bx1 = s->cx + s->r;
		by0 = s->cy - s->r; by1 = s->cy + s->r;
	} else {
		bx0 = s->x0; bx1 = s->x1; by0 = s->y0; by1 = s->y1;
	}
	for (int y = MAX(0, (int)floor(by0) - 1); y <= MIN(c->h - 1, (int)ceil(by1) + 1); y++)
		for (int x = MAX(0, (int)floor(bx0) - 1); x <= MIN(c->w - 1, (int)ceil(bx1) + 1); x++) {
			int n = 0;
			for (int j = 0; j < 4; j++)
				for (int i = 0; i < 4; i++)
					n += shape_inside(s, x + (i + 0.5) / 4, y + (j + 0.5) / 4);
			if (!n)
				continue;
			uint8_t *d = c->p + ((size_t)y * c->w + x) * 4;
			double as = n / 16.0 * col.a / 255.0, ad = d[3] / 255.0;
			double ao = as + ad * (1 - as);
			const uint8_t sc[3] = { col.r, col.g, col.b };
			for (int k = 0; k < 3; k++)
				d[k] = (uint8_t)lround((sc[k] * as + d[k] * ad * (1 - as)) / ao);
			d[3] = (uint8_t)lround(ao * 255);
		}
}

static void disc(canvas *c, double cx, double cy, double r, rgba col)
{
	shape s = { .kind = SH_DISC, .cx = cx, .cy = cy, .r = r };
	fill_shape(c, &s, col);
}

static void rrect(canvas *c, double x0, double y0, double x1, double y1, double r, rgba col)
{
	shape s = { .kind = SH_RRECT, .x0 = x0, .y0 = y0, .x1 = x1, .y1 = y1, .r = r };
	fill_shape(c, &s, col);
}

/* The offer's mark: a yellow rounded square with a cream disc, @size px
 * across, centred on (cx, cy).  Same proportions at every size. */
static void mark(canvas *c, double cx, double cy, double size)
{
	double h = size / 2;
	rrect(c, cx - h, cy - h, cx + h, cy + h, size * 0.22, YELLOW);
	disc(c, cx, cy, size * 0.28, CREAM);
}

/* A logo: background + the mark at 62% of the height, centred. */
static canvas *logo(int w, int h, rgba bg)
{
	canvas *c = canvas_new(w, h, bg);
	mark(c, w / 2.0, h / 2.0, h * 0.62);
	return c;
}

/* A hero: background + the mark centred on x = @mx. */
static canvas *hero(rgba bg, double mx)
{
	canvas *c = canvas_new(815, 290, bg);
	mark(c, mx, 145, 290 * 0.62);
	return c;
}

/* ---- writing -------------------------------------------------------- */

static void png_write_fn(png_structp png, png_bytep data, size_t n)
{
	g_byte_array_append(png_get_io_ptr(png), data, (guint)n);
}

static void png_flush_fn(png_structp png)
{
	(void)png;
}

typedef enum { PNG_AUTO, PNG_16, PNG_PALETTE, PNG_ADAM7 } png_mode;

/* Encodes @c as PNG: RGB when opaque, else RGBA; 16-bit, palette+tRNS or
 * Adam7 on request.  Returns NULL on failure; caller frees. */
static GByteArray *png_encode(const canvas *c, png_mode mode)
{
	GByteArray *out = g_byte_array_new();
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	png_infop info = png_create_info_struct(png);
	bool opaque = true;
	uint8_t *row = g_malloc((size_t)c->w * 8);
	png_color pal[256];
	png_byte trns[256];
	uint32_t keys[256];
	int npal = 0;

	for (int i = 0; i < c->w * c->h; i++)
		opaque &= c->p[i * 4 + 3] == 255;
	if (setjmp(png_jmpbuf(png))) {
		g_byte_array_free(out, TRUE);
		out = NULL;
		goto out;
	}
	png_set_write_fn(png, out, png_write_fn, png_flush_fn);
	png_set_compression_level(png, 9);
	if (mode == PNG_PALETTE) {
		for (int i = 0; i < c->w * c->h; i++) {
			uint32_t k;
			int j;
			memcpy(&k, c->p + (size_t)i * 4, 4);
			for (j = 0; j < npal && keys[j] != k; j++)
				;
			if (j == npal) {
				if (npal == 256)
					png_error(png, "more than 256 colours");
				keys[npal] = k;
				pal[npal] = (png_color){ c->p[i * 4], c->p[i * 4 + 1], c->p[i * 4 + 2] };
				trns[npal] = c->p[i * 4 + 3];
				npal++;
			}
		}
		png_set_IHDR(png, info, c->w, c->h, 8, PNG_COLOR_TYPE_PALETTE,
		             PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
		png_set_PLTE(png, info, pal, npal);
		png_set_tRNS(png, info, trns, npal, NULL);
	} else {
		png_set_IHDR(png, info, c->w, c->h, mode == PNG_16 ? 16 : 8,
		             opaque ? PNG_COLOR_TYPE_RGB : PNG_COLOR_TYPE_RGBA,
		             mode == PNG_ADAM7 ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE,
		             PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	}
	png_write_info(png, info);
	int passes = mode == PNG_ADAM7 ? png_set_interlace_handling(png) : 1;
	for (int pass = 0; pass < passes; pass++)
		for (int y = 0; y < c->h; y++) {
			const uint8_t *s = c->p + (size_t)y * c->w * 4;
			size_t k = 0;
			for (int x = 0; x < c->w; x++) {
				if (mode == PNG_PALETTE) {
					uint32_t key;
					int j;
					memcpy(&key, s + x * 4, 4);
					for (j = 0; keys[j] != key; j++)
						;
					row[k++] = (uint8_t)j;
					continue;
				}
				for (int ch = 0; ch < (opaque ? 3 : 4); ch++) {
					if (mode == PNG_16)
						row[k++] = s[x * 4 + ch]; /* v * 257, big-endian */
					row[k++] = s[x * 4 + ch];
				}
			}
			png_write_row(png, row);
		}
	png_write_end(png, info);
out:
	png_destroy_write_struct(&png, &info);
	g_free(row);
	return out;
}

typedef enum { JPG_RGB, JPG_CMYK } jpg_mode;

/* Encodes @c (alpha ignored) as a JPEG, quality 92.  @orientation != 1
 * adds an EXIF APP1 with that orientation tag.  Caller frees. */
static GByteArray *jpeg_encode(const canvas *c, jpg_mode mode, int orientation)
{
	struct jpeg_compress_struct ci;
	struct jpeg_error_mgr jerr;
	unsigned char *mem = NULL;
	unsigned long size = 0;
	uint8_t *row = g_malloc((size_t)c->w * 4);
	GByteArray *out;

	ci.err = jpeg_std_error(&jerr);
	jpeg_create_compress(&ci);
	jpeg_mem_dest(&ci, &mem, &size);
	ci.image_width = c->w;
	ci.image_height = c->h;
	ci.input_components = mode == JPG_CMYK ? 4 : 3;
	ci.in_color_space = mode == JPG_CMYK ? JCS_CMYK : JCS_RGB;
	jpeg_set_defaults(&ci);
	jpeg_set_quality(&ci, 92, TRUE);
	jpeg_start_compress(&ci, TRUE);
	if (orientation != 1) {
		/* "Exif\0\0" + little-endian TIFF header + IFD0 with one entry */
		uint8_t exif[6 + 8 + 2 + 12 + 4] = { 'E', 'x', 'i', 'f', 0, 0,
			'I', 'I', 42, 0, 8, 0, 0, 0,
			1, 0,
			0x12, 0x01, 3, 0, 1, 0, 0, 0, (uint8_t)orientation, 0, 0, 0,
			0, 0, 0, 0 };
		jpeg_write_marker(&ci, JPEG_APP0 + 1, exif, sizeof exif);
	}
	while (ci.next_scanline < ci.image_height) {
		const uint8_t *s = c->p + (size_t)ci.next_scanline * c->w * 4;
		for (int x = 0; x < c->w; x++) {
			double r = s[x * 4] / 255.0, g = s[x * 4 + 1] / 255.0, b = s[x * 4 + 2] / 255.0;
			if (mode == JPG_CMYK) {
				/* naive CMYK, stored inverted as Adobe's writers do */
				double k = 1 - MAX(r, MAX(g, b));
				double d = k < 1 ? 1 - k : 1;
				row[x * 4 + 0] = (uint8_t)lround(255 * (1 - (1 - r - k) / d));
				row[x * 4 + 1] = (uint8_t)lround(255 * (1 - (1 - g - k) / d));
				row[x * 4 + 2] = (uint8_t)lround(255 * (1 - (1 - b - k) / d));
				row[x * 4 + 3] = (uint8_t)lround(255 * (1 - k));
			} else {
				memcpy(row + x * 3, s + x * 4, 3);
			}
		}
		JSAMPROW rp = row;
		jpeg_write_scanlines(&ci, &rp, 1);
	}
	jpeg_finish_compress(&ci);
	jpeg_destroy_compress(&ci);
	out = g_byte_array_new();
	g_byte_array_append(out, mem, (guint)size);
	free(mem);
	g_free(row);
	return out;
}

static GByteArray *gif_encode(const canvas *c)
{
	VipsImage *im = vips_image_new_from_memory(c->p, (size_t)c->w * c->h * 4,
	                                           c->w, c->h, 4, VIPS_FORMAT_UCHAR);
	VipsImage *srgb = NULL;
	void *buf = NULL;
	size_t size = 0;
	GByteArray *out = NULL;

	/* A 4-band image from memory is "multiband": gifsave then quantises
	 * the bands as if they were not colour and writes stripes. Say it is
	 * sRGB with alpha. */
	if (im && vips_copy(im, &srgb, "interpretation", VIPS_INTERPRETATION_sRGB, NULL) == 0 &&
	    vips_gifsave_buffer(srgb, &buf, &size, "dither", 0.0, NULL) == 0) {
		out = g_byte_array_new();
		g_byte_array_append(out, buf, (guint)size);
	}
	g_free(buf);
	if (srgb)
		g_object_unref(srgb);
	if (im)
		g_object_unref(im);
	return out;
}

static void put(const char *dir, const char *name, const void *data, size_t len)
{
	char *path = g_build_filename(dir, name, NULL);
	char *parent = g_path_get_dirname(path);
	GError *err = NULL;

	g_mkdir_with_parents(parent, 0755);
	if (!g_file_set_contents(path, data, (gssize)len, &err)) {
		fprintf(stderr, "gen_testdata: %s\n", err->message);
		g_error_free(err);
		failures++;
	}
	g_free(parent);
	g_free(path);
}

/* Writes @ba (consumed) to dir/name. */
static void put_ba(const char *dir, const char *name, GByteArray *ba)
{
	if (!ba) {
		fprintf(stderr, "gen_testdata: cannot encode %s\n", name);
		failures++;
		return;
	}
	put(dir, name, ba->data, ba->len);
	g_byte_array_free(ba, TRUE);
}

/* Writes @c (consumed) as PNG. */
static void put_png(const char *dir, const char *name, canvas *c, png_mode mode)
{
	put_ba(dir, name, png_encode(c, mode));
	canvas_free(c);
}

/* ---- broken files ---------------------------------------------------- */

static uint32_t crc32_png(const uint8_t *p, size_t n)
{
	uint32_t crc = 0xFFFFFFFFu;
	for (size_t i = 0; i < n; i++) {
		crc ^= p[i];
		for (int k = 0; k < 8; k++)
			crc = crc & 1 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
	}
	return crc ^ 0xFFFFFFFFu;
}

static void be32(GByteArray *ba, uint32_t v)
{
	uint8_t b[4] = { v >> 24, v >> 16 & 0xFF, v >> 8 & 0xFF, v & 0xFF };
	g_byte_array_append(ba, b, 4);
}

static void chunk(GByteArray *ba, const char *type, const uint8_t *data, uint32_t len)
{
	guint start;

	be32(ba, len);
	start = ba->len;
	g_byte_array_append(ba, (const uint8_t *)type, 4);
	if (len)
		g_byte_array_append(ba, data, len);
	be32(ba, crc32_png(ba->data + start, len + 4));
}

/* A well-formed PNG whose IHDR declares 50000 x 50000 RGB: the IDAT holds a
 * valid zlib stream (one stored block of one scanline's worth of zeros would
 * be far too long, so a few bytes), enough to look real to a header reader. */
static GByteArray *huge_ihdr(void)
{
	static const uint8_t sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
	GByteArray *ba = g_byte_array_new();
	uint8_t ihdr[13] = { 0, 0, 0xC3, 0x50, 0, 0, 0xC3, 0x50, 8, 2, 0, 0, 0 };
	/* zlib: header, one final stored block of 4 zero bytes, adler32 */
	uint8_t idat[] = { 0x78, 0x01, 0x01, 4, 0, 0xFB, 0xFF, 0, 0, 0, 0,
	                   0x00, 0x04, 0x00, 0x01 };

	g_byte_array_append(ba, sig, 8);
	chunk(ba, "IHDR", ihdr, sizeof ihdr);
	chunk(ba, "IDAT", idat, sizeof idat);
	chunk(ba, "IEND", NULL, 0);
	return ba;
}

/* ---- hostile files (issue #9) ----------------------------------------- */

static const uint8_t png_sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };

static void ihdr(GByteArray *ba, uint32_t w, uint32_t h, int depth, int ctype, int interlace)
{
	uint8_t d[13] = { w >> 24, w >> 16 & 0xFF, w >> 8 & 0xFF, w & 0xFF,
	                  h >> 24, h >> 16 & 0xFF, h >> 8 & 0xFF, h & 0xFF,
	                  (uint8_t)depth, (uint8_t)ctype, 0, 0, (uint8_t)interlace };
	chunk(ba, "IHDR", d, sizeof d);
}

/* 41 bytes: signature, IHDR of a 1x1 RGB image, then the header of a
 * chunk of @type that declares 2,000,000,000 bytes, and the file ends.  A
 * reader that trusts the length allocates 2 GB before it reads a byte. */
static GByteArray *chunk_2g(const char *type)
{
	GByteArray *ba = g_byte_array_new();

	g_byte_array_append(ba, png_sig, 8);
	ihdr(ba, 1, 1, 8, PNG_COLOR_TYPE_RGB, 0);
	be32(ba, 2000000000u);
	g_byte_array_append(ba, (const uint8_t *)type, 4);
	return ba;
}

/* Deflates @n zero bytes with a full flush (byte-aligned, no reference to
 * earlier data) and appends the output to @z. */
static void deflate_zeros(z_stream *zs, const uint8_t *zero, size_t n, GByteArray *z)
{
	uint8_t out[4096];

	zs->next_in = (uint8_t *)zero;
	zs->avail_in = (uInt)n;
	do {
		zs->next_out = out;
		zs->avail_out = sizeof out;
		deflate(zs, Z_FULL_FLUSH);
		g_byte_array_append(z, out, (guint)(sizeof out - zs->avail_out));
	} while (zs->avail_out == 0);
}

/* A 1x1 RGBA PNG whose IDAT inflates to 1 GiB: the one row (a filter
 * byte and 4 zero bytes), then zeros up to 1 GiB, ~1 MB compressed.  After
 * a full flush the next MiB of zeros deflates to the same bytes, so one
 * MiB is compressed and its blocks repeated (zlib would take seconds). */
static GByteArray *idat_bomb(void)
{
	enum { MIB = 1 << 20, N = 1024 };
	GByteArray *ba = g_byte_array_new(), *z = g_byte_array_new(), *blk = g_byte_array_new();
	uint8_t *zero = g_malloc0(MIB);
	/* Adler-32 of n zeros: a = 1, b = n mod 65521 */
	uint32_t adler = (uint32_t)(((uint64_t)N * MIB) % 65521) << 16 | 1;
	const uint8_t tail[6] = { 0x03, 0x00, adler >> 24, adler >> 16 & 0xFF,
	                          adler >> 8 & 0xFF, adler & 0xFF };
	z_stream zs = { 0 };

	deflateInit(&zs, 9);
	deflate_zeros(&zs, zero, MIB, z);          /* zlib header + first MiB */
	deflate_zeros(&zs, zero, MIB, blk);        /* any later MiB */
	deflateEnd(&zs);
	for (int i = 1; i < N; i++)
		g_byte_array_append(z, blk->data, blk->len);
	g_byte_array_append(z, tail, sizeof tail); /* empty final block */
	g_free(zero);
	g_byte_array_append(ba, png_sig, 8);
	ihdr(ba, 1, 1, 8, PNG_COLOR_TYPE_RGBA, 0);
	/* IDATs of 64 KiB, as encoders write them */
	for (guint off = 0; off < z->len; off += 65536)
		chunk(ba, "IDAT", z->data + off, MIN(65536u, z->len - off));
	chunk(ba, "IEND", NULL, 0);
	g_byte_array_free(z, TRUE);
	g_byte_array_free(blk, TRUE);
	return ba;
}

/* Row @y of a large w x h scene into @row (@ch bytes per pixel): @bg
 * with a centred orange disc and a navy bar under it, flat colours (no
 * anti-aliasing), so 40 megapixels compress to a few hundred KB. */
static void scene_row(int w, int h, int y, rgba bg, uint8_t *row, int ch)
{
	double s = MIN(w, h), dy = y + 0.5 - h * 0.45, r2 = s * s * 0.09 - dy * dy;
	int d0 = w, d1 = w, b0 = w, b1 = w;

	if (r2 >= 0) {
		d0 = (int)ceil(w / 2.0 - sqrt(r2) - 0.5);
		d1 = (int)floor(w / 2.0 + sqrt(r2) - 0.5) + 1;
	}
	if (y > h * 0.8 && y < h * 0.88) {
		b0 = (int)ceil(w / 2.0 - s * 0.3 - 0.5);
		b1 = (int)floor(w / 2.0 + s * 0.3 - 0.5) + 1;
	}
	for (int x = 0; x < w; x++) {
		const rgba *c = x >= d0 && x < d1 ? &ORANGE : x >= b0 && x < b1 ? &NAVY : &bg;
		memcpy(row + (size_t)x * ch, c, ch);
	}
}

/* A w x h PNG of the scene, written row by row (the generator never holds
 * the image): RGBA when @bg is translucent, else RGB; Adam7 on request. */
static GByteArray *scene_png(int w, int h, rgba bg, bool adam7)
{
	GByteArray *out = g_byte_array_new();
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	png_infop info = png_create_info_struct(png);
	int ch = bg.a == 255 ? 3 : 4;
	uint8_t *row = g_malloc((size_t)w * 4);

	if (setjmp(png_jmpbuf(png))) {
		g_byte_array_free(out, TRUE);
		out = NULL;
		goto out;
	}
	png_set_write_fn(png, out, png_write_fn, png_flush_fn);
	/* "up" only: most rows repeat the one above, so they filter to zeros
	 * and compress fast */
	png_set_filter(png, 0, PNG_FILTER_UP);
	png_set_compression_level(png, 6);
	png_set_IHDR(png, info, w, h, 8, ch == 3 ? PNG_COLOR_TYPE_RGB : PNG_COLOR_TYPE_RGBA,
	             adam7 ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE,
	             PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_write_info(png, info);
	int passes = adam7 ? png_set_interlace_handling(png) : 1;
	for (int pass = 0; pass < passes; pass++)
		for (int y = 0; y < h; y++) {
			scene_row(w, h, y, bg, row, ch);
			png_write_row(png, row);
		}
	png_write_end(png, info);
out:
	png_destroy_write_struct(&png, &info);
	g_free(row);
	return out;
}

/* The scene as a baseline JPEG (quality 90), row by row. */
static GByteArray *scene_jpeg(int w, int h, rgba bg)
{
	struct jpeg_compress_struct ci;
	struct jpeg_error_mgr jerr;
	unsigned char *mem = NULL;
	unsigned long size = 0;
	uint8_t *row = g_malloc((size_t)w * 3);
	GByteArray *out = g_byte_array_new();

	ci.err = jpeg_std_error(&jerr);
	jpeg_create_compress(&ci);
	jpeg_mem_dest(&ci, &mem, &size);
	ci.image_width = w;
	ci.image_height = h;
	ci.input_components = 3;
	ci.in_color_space = JCS_RGB;
	jpeg_set_defaults(&ci);
	jpeg_set_quality(&ci, 90, TRUE);
	jpeg_start_compress(&ci, TRUE);
	while (ci.next_scanline < ci.image_height) {
		scene_row(w, h, (int)ci.next_scanline, bg, row, 3);
		JSAMPROW rp = row;
		jpeg_write_scanlines(&ci, &rp, 1);
	}
	jpeg_finish_compress(&ci);
	jpeg_destroy_compress(&ci);
	g_byte_array_append(out, mem, (guint)size);
	free(mem);
	g_free(row);
	return out;
}

/* @c (consumed) saved by libvips as "heif" (AVIF), "tiff" or "webp". */
static GByteArray *vips_encode(canvas *c, const char *fmt)
{
	VipsImage *im = vips_image_new_from_memory(c->p, (size_t)c->w * c->h * 4,
	                                           c->w, c->h, 4, VIPS_FORMAT_UCHAR);
	void *buf = NULL;
	size_t size = 0;
	int r = -1;
	GByteArray *out = NULL;

	if (im && strcmp(fmt, "heif") == 0)
		r = vips_heifsave_buffer(im, &buf, &size, "compression",
		                         VIPS_FOREIGN_HEIF_COMPRESSION_AV1, "lossless", TRUE, NULL);
	else if (im && strcmp(fmt, "tiff") == 0)
		r = vips_tiffsave_buffer(im, &buf, &size, "compression",
		                         VIPS_FOREIGN_TIFF_COMPRESSION_DEFLATE, NULL);
	else if (im)
		r = vips_webpsave_buffer(im, &buf, &size, "lossless", TRUE, NULL);
	if (r == 0) {
		out = g_byte_array_new();
		g_byte_array_append(out, buf, (guint)size);
	}
	g_free(buf);
	if (im)
		g_object_unref(im);
	canvas_free(c);
	return out;
}

/* The small hostile files, committed with the rest of testdata/. */
static void gen_hostile_small(const char *root)
{
	char *b = g_build_filename(root, "bad", NULL);
	char *f = g_build_filename(root, "e2e", "disguised", NULL);

	put_ba(b, "text-2g.png", chunk_2g("tEXt"));
	put_ba(b, "ztxt-2g.png", chunk_2g("zTXt"));
	put_ba(b, "iccp-2g.png", chunk_2g("iCCP"));
	put_ba(b, "exif-2g.png", chunk_2g("eXIf"));
	put_ba(b, "private-2g.png", chunk_2g("prVt"));
	/* other formats under a .png name: decoded only when the man page
	 * says the format is decoded */
	put_ba(f, "avif-named.png", vips_encode(logo(40, 40, TEAL), "heif"));
	put_ba(f, "tiff-named.png", vips_encode(logo(40, 40, TEAL), "tiff"));
	put_ba(f, "webp-named.png", vips_encode(logo(40, 40, TEAL), "webp"));
	g_free(b);
	g_free(f);
}

/* The large hostile files: made at test time into @dir. */
static void gen_hostile_large(const char *dir)
{
	char *set = g_build_filename(dir, "set", NULL);

	put_ba(dir, "idat-bomb.png", idat_bomb());
	put_ba(dir, "huge-6300.png", scene_png(6300, 6300, TEAL, false));
	put_ba(dir, "huge-adam7-6300.png", scene_png(6300, 6300, CLEAR, true));
	put_ba(dir, "huge-6300.jpg", scene_jpeg(6300, 6300, TEAL));
	/* named for their roles: the budget is the role's */
	put_ba(set, "large.png", scene_png(6300, 6300, WHITE, false));
	put_ba(set, "hero.png", scene_png(8150, 2900, NAVY, false));
	g_free(set);
}

/* ---- fuzz seeds (tests/fuzz/seeds) ------------------------------------ */

/* A w x h PNG of every colour type and depth libpng reads: a busy
 * pattern in @depth-bit samples, optional tRNS (a key colour, or alpha for
 * a palette), Adam7 on request, an optional non-sRGB iCCP profile. */
static GByteArray *png_seed(int w, int h, int depth, int ctype, bool adam7, bool trns, bool icc)
{
	GByteArray *out = g_byte_array_new();
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	png_infop info = png_create_info_struct(png);
	int ch = ctype == PNG_COLOR_TYPE_RGBA ? 4 : ctype == PNG_COLOR_TYPE_RGB ? 3 :
	         ctype == PNG_COLOR_TYPE_GRAY_ALPHA ? 2 : 1;
	int maxv = (1 << depth) - 1;
	size_t stride = ((size_t)w * ch * depth + 7) / 8;
	uint8_t *row = g_malloc0(stride);
	png_color pal[16];
	png_byte alpha[16];
	/* a tiny linear-gamma RGB profile: enough for the non-sRGB path */
	static const char desc[] = "Linear RGB (seed)";

	if (setjmp(png_jmpbuf(png))) {
		g_byte_array_free(out, TRUE);
		out = NULL;
		goto out;
	}
	png_set_write_fn(png, out, png_write_fn, png_flush_fn);
	png_set_IHDR(png, info, w, h, depth, ctype, adam7 ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE,
	             PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	if (ctype == PNG_COLOR_TYPE_PALETTE) {
		for (int i = 0; i < 16; i++) {
			pal[i] = (png_color){ (png_byte)(i * 16), (png_byte)(255 - i * 16), (png_byte)(i * 7) };
			alpha[i] = (png_byte)(i * 17);
		}
		png_set_PLTE(png, info, pal, MIN(16, maxv + 1));
		if (trns)
			png_set_tRNS(png, info, alpha, MIN(16, maxv + 1), NULL);
	} else if (trns) {
		png_color_16 key = { 0, 1, 1, 1, 1 };
		png_set_tRNS(png, info, NULL, 0, &key);
	}
	if (icc) {
		uint8_t prof[256] = { 0 };
		prof[3] = 132 + 12 + sizeof desc + 12;
		memcpy(prof + 12, "mntr", 4);
		memcpy(prof + 16, "RGB ", 4);
		memcpy(prof + 20, "XYZ ", 4);
		memcpy(prof + 36, "acsp", 4);
		/* the PCS illuminant, D50 */
		memcpy(prof + 68, "\x00\x00\xf6\xd6\x00\x01\x00\x00\x00\x00\xd3\x2d", 12);
		prof[131] = 1;
		memcpy(prof + 132, "desc", 4);
		prof[132 + 7] = 144;
		prof[132 + 11] = 12 + sizeof desc;
		memcpy(prof + 144, "desc", 4);
		prof[144 + 11] = sizeof desc;
		memcpy(prof + 156, desc, sizeof desc);
		png_set_iCCP(png, info, "seed", 0, prof, prof[3]);
	}
	png_write_info(png, info);
	int passes = adam7 ? png_set_interlace_handling(png) : 1;
	for (int pass = 0; pass < passes; pass++)
		for (int y = 0; y < h; y++) {
			memset(row, 0, stride);
			for (int i = 0; i < w * ch; i++) {
				int v = ((i / ch) * 3 + y * 5 + (i % ch) * 7) %
				        (ctype == PNG_COLOR_TYPE_PALETTE ? MIN(16, maxv + 1) : maxv + 1);
				if (depth == 16) {
					row[i * 2] = (uint8_t)(v * 37);
					row[i * 2 + 1] = (uint8_t)v;
				} else if (depth == 8) {
					row[i] = (uint8_t)v;
				} else {
					int bit = i * depth;
					row[bit / 8] |= (uint8_t)(v << (8 - depth - bit % 8));
				}
			}
			png_write_row(png, row);
		}
	png_write_end(png, info);
out:
	png_destroy_write_struct(&png, &info);
	g_free(row);
	return out;
}

/* A small JPEG: progressive or baseline, grey or colour. */
static GByteArray *jpeg_seed(int w, int h, bool gray, bool progressive)
{
	struct jpeg_compress_struct ci;
	struct jpeg_error_mgr jerr;
	unsigned char *mem = NULL;
	unsigned long size = 0;
	int ch = gray ? 1 : 3;
	uint8_t *row = g_malloc((size_t)w * ch);
	GByteArray *out = g_byte_array_new();

	ci.err = jpeg_std_error(&jerr);
	jpeg_create_compress(&ci);
	jpeg_mem_dest(&ci, &mem, &size);
	ci.image_width = w;
	ci.image_height = h;
	ci.input_components = ch;
	ci.in_color_space = gray ? JCS_GRAYSCALE : JCS_RGB;
	jpeg_set_defaults(&ci);
	jpeg_set_quality(&ci, 80, TRUE);
	if (progressive)
		jpeg_simple_progression(&ci);
	jpeg_start_compress(&ci, TRUE);
	while (ci.next_scanline < ci.image_height) {
		for (int i = 0; i < w * ch; i++)
			row[i] = (uint8_t)(i * 11 + ci.next_scanline * 13);
		JSAMPROW rp = row;
		jpeg_write_scanlines(&ci, &rp, 1);
	}
	jpeg_finish_compress(&ci);
	jpeg_destroy_compress(&ci);
	g_byte_array_append(out, mem, (guint)size);
	free(mem);
	g_free(row);
	return out;
}

/* Appends "ALFILE", the name index, then @ba (consumed): one file of a
 * fuzz_set input. */
static void set_file(GByteArray *set, int name, GByteArray *ba)
{
	uint8_t idx = (uint8_t)name;

	g_byte_array_append(set, (const uint8_t *)"ALFILE", 6);
	g_byte_array_append(set, &idx, 1);
	if (ba) {
		g_byte_array_append(set, ba->data, ba->len);
		g_byte_array_free(ba, TRUE);
	}
}

static GByteArray *logo_png(int w, int h, rgba bg)
{
	canvas *c = logo(w, h, bg);
	GByteArray *ba = png_encode(c, PNG_AUTO);
	canvas_free(c);
	return ba;
}

/* Small inputs that reach every decoder path; the fuzzers also read the
 * images of testdata/. */
static void gen_fuzz_seeds(const char *dir)
{
	char *f = g_build_filename(dir, "fuzz_file", NULL);
	char *s = g_build_filename(dir, "fuzz_set", NULL);
	static const struct { const char *name; int depth, ctype; bool adam7, trns, icc; } pngs[] = {
		{ "gray1.png", 1, PNG_COLOR_TYPE_GRAY, false, false, false },
		{ "gray2-adam7.png", 2, PNG_COLOR_TYPE_GRAY, true, false, false },
		{ "gray4-trns.png", 4, PNG_COLOR_TYPE_GRAY, false, true, false },
		{ "gray16.png", 16, PNG_COLOR_TYPE_GRAY, false, false, false },
		{ "graya8.png", 8, PNG_COLOR_TYPE_GRAY_ALPHA, false, false, false },
		{ "graya16-adam7.png", 16, PNG_COLOR_TYPE_GRAY_ALPHA, true, false, false },
		{ "pal1.png", 1, PNG_COLOR_TYPE_PALETTE, false, false, false },
		{ "pal4-trns.png", 4, PNG_COLOR_TYPE_PALETTE, false, true, false },
		{ "pal8-adam7-trns.png", 8, PNG_COLOR_TYPE_PALETTE, true, true, false },
		{ "rgb8-trns.png", 8, PNG_COLOR_TYPE_RGB, false, true, false },
		{ "rgb16-adam7.png", 16, PNG_COLOR_TYPE_RGB, true, false, false },
		{ "rgba8-icc.png", 8, PNG_COLOR_TYPE_RGBA, false, false, true },
		{ "rgba16.png", 16, PNG_COLOR_TYPE_RGBA, false, false, false },
	};

	for (size_t i = 0; i < G_N_ELEMENTS(pngs); i++)
		put_ba(f, pngs[i].name, png_seed(13, 11, pngs[i].depth, pngs[i].ctype,
		                                 pngs[i].adam7, pngs[i].trns, pngs[i].icc));
	put_ba(f, "rgb-1x1.png", png_seed(1, 1, 8, PNG_COLOR_TYPE_RGB, false, false, false));
	put_ba(f, "gray.jpg", jpeg_seed(17, 9, true, false));
	put_ba(f, "progressive.jpg", jpeg_seed(24, 16, false, true));
	put_ba(f, "baseline.jpg", jpeg_seed(9, 17, false, false));
	put_ba(f, "tiny.webp", vips_encode(logo(16, 16, TEAL), "webp"));

	GByteArray *set = g_byte_array_new();
	set_file(set, 0, logo_png(40, 40, TEAL));
	set_file(set, 1, logo_png(90, 90, TEAL));
	set_file(set, 2, logo_png(115, 115, TEAL));
	set_file(set, 3, logo_png(255, 115, TEAL));
	put_ba(s, "logos.bin", set);
	set = g_byte_array_new();
	set_file(set, 6, logo_png(40, 40, WHITE));
	set_file(set, 8, logo_png(90, 90, PURPLE));
	set_file(set, 7, logo_png(115, 115, CLEAR));
	set_file(set, 12, logo_png(120, 120, TEAL));
	set_file(set, 9, jpeg_seed(40, 40, false, false));
	put_ba(s, "names.bin", set);
	/* small images keep executions fast: a hero at a fifth of its size */
	set = g_byte_array_new();
	set_file(set, 4, logo_png(163, 58, NAVY));
	set_file(set, 11, png_seed(13, 11, 2, PNG_COLOR_TYPE_PALETTE, true, true, false));
	set_file(set, 15, vips_encode(logo(16, 16, TEAL), "webp"));
	put_ba(s, "hero.bin", set);
	g_free(f);
	g_free(s);
}

/* ---- the sets -------------------------------------------------------- */

static void gen_demo(const char *root)
{
	char *good = g_build_filename(root, "demo", "contoso", NULL);
	char *bad = g_build_filename(root, "demo", "fabrikam", NULL);

	put_png(good, "Small.png", logo(40, 40, TEAL), PNG_AUTO);
	put_png(good, "Medium.png", logo(90, 90, TEAL), PNG_AUTO);
	put_png(good, "Large.png", logo(115, 115, TEAL), PNG_AUTO);
	put_png(good, "Wide.png", logo(255, 115, TEAL), PNG_AUTO);
	put_png(good, "Hero.png", hero(NAVY, 180), PNG_AUTO);

	put_png(bad, "small.png", logo(40, 40, WHITE), PNG_AUTO);
	put_png(bad, "medium.png", logo(90, 90, PURPLE), PNG_AUTO);
	put_png(bad, "large.png", logo(120, 120, PURPLE), PNG_AUTO);
	put_png(bad, "wide.png", logo(255, 115, BLACK), PNG_AUTO);
	/* transparent, and the mark spans x = 350..530, into the margin */
	put_png(bad, "hero.png", hero(CLEAR, 440), PNG_AUTO);
	g_free(good);
	g_free(bad);
}

static canvas *bg_logo(rgba bg)
{
	canvas *c = canvas_new(115, 115, bg);
	disc(c, 57.5, 57.5, 35, ORANGE);
	return c;
}

static void gen_bg(const char *root)
{
	char *d = g_build_filename(root, "e2e", "bg", NULL);

	put_png(d, "white-ffffff-large.png", bg_logo(WHITE), PNG_AUTO);
	put_png(d, "white-fafafa-large.png", bg_logo(RGB(0xfafafa)), PNG_AUTO);
	put_png(d, "offwhite-f0f9ff-large.png", bg_logo(RGB(0xf0f9ff)), PNG_AUTO);
	put_png(d, "midtone-808080-large.png", bg_logo(RGB(0x808080)), PNG_AUTO);
	put_png(d, "teal-large.png", bg_logo(TEAL), PNG_AUTO);
	put_png(d, "black-000000-large.png", bg_logo(BLACK), PNG_AUTO);
	put_png(d, "transparent-large.png", bg_logo(CLEAR), PNG_AUTO);
	g_free(d);
}

/* A dark hero with one rounded bar covering columns x0 .. x1-1. */
static canvas *hero_bar(double x0, double x1)
{
	canvas *c = canvas_new(815, 290, NAVY);
	rrect(c, x0, 95, x1, 195, 12, YELLOW);
	return c;
}

static void gen_hero(const char *root)
{
	char *d = g_build_filename(root, "e2e", "hero", NULL);

	put_png(d, "hero-transparent.png", hero(CLEAR, 180), PNG_AUTO);
	put_png(d, "hero-white.png", hero(WHITE, 180), PNG_AUTO);
	/* the margin is x >= 815 - 415 = 400 */
	put_png(d, "hero-intrude.png", hero_bar(300, 421), PNG_AUTO);
	put_png(d, "hero-edge-399.png", hero_bar(300, 400), PNG_AUTO);
	put_png(d, "hero-edge-400.png", hero_bar(301, 401), PNG_AUTO);
	put_png(d, "hero-clean-dark.png", hero(NAVY, 180), PNG_AUTO);
	put_png(d, "hero-light.png", hero(LIGHT, 180), PNG_AUTO);
	put_png(d, "hero-dark.png", hero(NAVY, 200), PNG_AUTO);
	g_free(d);
}

/* The wide logo, stored rotated 90 degrees counter-clockwise (115 x 255):
 * EXIF orientation 6 (rotate 90 clockwise to display) restores it. */
static canvas *wide_for_rot6(void)
{
	canvas *wide = logo(255, 115, TEAL);
	canvas *c = canvas_new(115, 255, CLEAR);

	/* display (dx, dy) = stored (x = dy, y = h - 1 - dx) */
	for (int sy = 0; sy < c->h; sy++)
		for (int sx = 0; sx < c->w; sx++)
			memcpy(c->p + ((size_t)sy * c->w + sx) * 4,
			       wide->p + ((size_t)sx * wide->w + (c->h - 1 - sy)) * 4, 4);
	canvas_free(wide);
	return c;
}

static void gen_formats(const char *root)
{
	char *d = g_build_filename(root, "e2e", "formats", NULL);
	canvas *c;

	c = logo(115, 115, TEAL);
	put_ba(d, "gif-named.png", gif_encode(c));
	put_ba(d, "jpeg-named.png", jpeg_encode(c, JPG_RGB, 1));
	put_ba(d, "logo.jpg", jpeg_encode(c, JPG_RGB, 1));
	canvas_free(c);
	c = logo(40, 40, TEAL);
	put_ba(d, "cmyk.jpg", jpeg_encode(c, JPG_CMYK, 1));
	canvas_free(c);
	put_png(d, "rgb16.png", logo(90, 90, TEAL), PNG_16);
	put_png(d, "palette.png", logo(90, 90, CLEAR), PNG_PALETTE);
	put_png(d, "interlaced.png", logo(115, 115, TEAL), PNG_ADAM7);
	c = wide_for_rot6();
	put_ba(d, "exif-rot6.jpg", jpeg_encode(c, JPG_RGB, 6));
	canvas_free(c);
	g_free(d);
}

/* Writes the first half of @ba (consumed) to dir/name. */
static void put_half(const char *dir, const char *name, GByteArray *ba)
{
	if (ba)
		g_byte_array_set_size(ba, ba->len / 2);
	put_ba(dir, name, ba);
}

static void gen_mixed_and_bad(const char *root)
{
	char *d = g_build_filename(root, "e2e", "mixed", NULL);
	char *b = g_build_filename(root, "bad", NULL);
	canvas *c;
	GByteArray *ba;
	static const char text[] = "This is not an image.\nJust some text with a .png name.\n";

	put_png(d, "Small.png", logo(40, 40, TEAL), PNG_AUTO);
	put_png(d, "Medium.png", logo(90, 90, TEAL), PNG_AUTO);
	put_png(d, "Large.png", logo(115, 115, TEAL), PNG_AUTO);
	put_png(d, "Wide.png", logo(255, 115, TEAL), PNG_AUTO);
	c = hero(NAVY, 180);
	put_half(d, "truncated.png", png_encode(c, PNG_AUTO));
	put_half(b, "truncated.png", png_encode(c, PNG_AUTO));
	canvas_free(c);

	c = logo(115, 115, TEAL);
	put_half(b, "truncated.jpg", jpeg_encode(c, JPG_RGB, 1));
	ba = png_encode(c, PNG_AUTO);
	if (ba)
		ba->data[8 + 4 + 4 + 13 + 3] ^= 0x5A; /* last byte of IHDR's CRC */
	put_ba(b, "bad-crc.png", ba);
	canvas_free(c);
	put(b, "empty.png", "", 0);
	put(b, "not-an-image.png", text, sizeof text - 1);
	put_ba(b, "huge-ihdr.png", huge_ihdr());
	g_free(d);
	g_free(b);
}

/* Masters for `assetlint make-set` (make demo, tests/e2e_makeset.sh): the
 * offer's mark on a white page (white is not allowed: it is taken out), a
 * white mark (no allowed background unless one is given), a wide layout,
 * and SVGs, one with a word in it (the check finds the text). */
static void put_text(const char *dir, const char *name, const char *text)
{
	put(dir, name, text, strlen(text));
}

static void gen_makeset(const char *root)
{
	char *d = g_build_filename(root, "makeset", NULL);
	canvas *c;

	c = canvas_new(640, 480, WHITE);
	mark(c, 320, 240, 300);
	rrect(c, 250, 300, 390, 330, 8, TEAL);
	put_png(d, "mark.png", c, PNG_AUTO);
	c = canvas_new(400, 400, CLEAR);
	rrect(c, 80, 80, 320, 320, 40, WHITE);
	disc(c, 200, 200, 60, TEAL);
	put_png(d, "white-mark.png", c, PNG_AUTO);
	c = canvas_new(900, 300, TEAL);
	mark(c, 200, 150, 180);
	rrect(c, 340, 110, 800, 190, 20, YELLOW);
	put_png(d, "wide-mark.png", c, PNG_AUTO);
	put_text(d, "mark.svg",
	         "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"240\" height=\"160\" "
	         "viewBox=\"0 0 240 160\">\n"
	         "  <rect x=\"20\" y=\"20\" width=\"200\" height=\"120\" rx=\"24\" fill=\"#e8a33d\"/>\n"
	         "  <circle cx=\"120\" cy=\"80\" r=\"36\" fill=\"#2f7d6d\"/>\n"
	         "</svg>\n");
	put_text(d, "wordmark.svg",
	         "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"600\" height=\"240\" "
	         "viewBox=\"0 0 600 240\">\n"
	         "  <rect x=\"20\" y=\"20\" width=\"560\" height=\"40\" fill=\"#d83b01\"/>\n"
	         "  <text x=\"300\" y=\"200\" text-anchor=\"middle\" font-family=\"DejaVu Sans,sans-serif\" "
	         "font-weight=\"bold\" font-size=\"120\" fill=\"#d83b01\">MARKET</text>\n"
	         "</svg>\n");
	g_free(d);
}

int main(int argc, char **argv)
{
	const char *root = argc > 1 ? argv[1] : "testdata";

	if (VIPS_INIT(argv[0]))
		vips_error_exit("gen_testdata: cannot start libvips");
	if (argc > 2 && strcmp(argv[1], "--hostile") == 0) {
		gen_hostile_large(argv[2]);
		goto out;
	}
	if (argc > 2 && strcmp(argv[1], "--fuzz-seeds") == 0) {
		gen_fuzz_seeds(argv[2]);
		goto out;
	}
	gen_demo(root);
	gen_bg(root);
	gen_hero(root);
	gen_formats(root);
	gen_mixed_and_bad(root);
	gen_hostile_small(root);
	gen_makeset(root);
out:
	vips_shutdown();
	if (failures)
		fprintf(stderr, "gen_testdata: %d file(s) failed\n", failures);
	return failures ? 1 : 0;
}
