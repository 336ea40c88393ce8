/* Tests of ocr_png.c: while a thread is inside Tesseract's recognition
 * (al__ocr_recognizing), png_set_compression_level() -- leptonica's call
 * before it writes a line's PNG -- gives level 0 and the None filter, and
 * the PNG decodes to the same pixels; otherwise libpng's own level and
 * filters.  That leptonica binds to the executable's function is checked
 * by e2e_ocr.sh. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <cmocka.h>
#include <glib.h>
#include <zlib.h>
#include "ocr.h"
#include "ocr_png.h"

enum { W = 97, H = 41 };

typedef struct {
	uint8_t *p;
	size_t n, cap;
} buf;

static void put(png_structp png, png_bytep data, size_t n)
{
	buf *b = png_get_io_ptr(png);
	if (b->n + n > b->cap) {
		b->cap = (b->n + n) * 2;
		b->p = realloc(b->p, b->cap);
		assert_non_null(b->p);
	}
	memcpy(b->p + b->n, data, n);
	b->n += n;
}

static void flush(png_structp png)
{
	(void)png;
}

/* A grey line image as leptonica writes one (pngio.c: level set, then
 * the header and the rows). */
static buf write_grey(const uint8_t *g, int level)
{
	buf b = { 0 };
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	png_infop info = png_create_info_struct(png);
	assert_non_null(png);
	assert_non_null(info);
	if (setjmp(png_jmpbuf(png)))
		fail_msg("libpng failed to write");
	png_set_write_fn(png, &b, put, flush);
	png_set_compression_level(png, level);
	png_set_IHDR(png, info, W, H, 8, PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE,
	             PNG_COMPRESSION_TYPE_BASE, PNG_FILTER_TYPE_BASE);
	png_write_info(png, info);
	for (int y = 0; y < H; y++)
		png_write_row(png, (png_bytep)(g + (size_t)y * W));
	png_write_end(png, NULL);
	png_destroy_write_struct(&png, &info);
	return b;
}

/* The IDAT data of @b inflated: one filter byte and W pixels per row.
 * @stored: set when the zlib stream is all stored blocks. */
static uint8_t *idat_rows(const buf *b, bool *stored)
{
	uint8_t *z = malloc(b->n), *raw = malloc((size_t)(W + 1) * H);
	size_t zn = 0;
	assert_non_null(z);
	assert_non_null(raw);
	for (size_t off = 8; off + 12 <= b->n;) {
		uint32_t len = (uint32_t)b->p[off] << 24 | (uint32_t)b->p[off + 1] << 16 |
		               (uint32_t)b->p[off + 2] << 8 | b->p[off + 3];
		if (memcmp(b->p + off + 4, "IDAT", 4) == 0) {
			memcpy(z + zn, b->p + off + 8, len);
			zn += len;
		}
		off += 12 + (size_t)len;
	}
	/* zlib header, then the first block's header: BTYPE 00 is stored */
	*stored = zn > 2 && ((z[2] >> 1) & 3) == 0;
	uLongf rn = (uLongf)(W + 1) * H;
	assert_int_equal(uncompress(raw, &rn, z, zn), Z_OK);
	assert_int_equal(rn, (uLongf)(W + 1) * H);
	free(z);
	return raw;
}

/* a line of dark strokes on white with anti-aliased edges: rows that
 * libpng's adaptive choice filters (Sub, Up, Paeth) */
static void line_image(uint8_t *g)
{
	for (int y = 0; y < H; y++)
		for (int x = 0; x < W; x++) {
			int v = 255 - (int)((x * 37 + y * 11) % 97 < 40 ? 200 : 0) - (x + y) % 7;
			g[(size_t)y * W + x] = (uint8_t)(v < 0 ? 0 : v);
		}
}

static void test_inside_recognition_stored(void **state)
{
	(void)state;
	uint8_t g[W * H];
	line_image(g);
	al__ocr_recognizing = true;
	buf b = write_grey(g, 6);
	al__ocr_recognizing = false;
	bool stored;
	uint8_t *raw = idat_rows(&b, &stored);
	assert_true(stored);
	/* every row unfiltered (filter byte 0), the pixels as given */
	for (int y = 0; y < H; y++) {
		assert_int_equal(raw[(size_t)y * (W + 1)], 0);
		assert_memory_equal(raw + (size_t)y * (W + 1) + 1, g + (size_t)y * W, W);
	}
	print_message("  inside recognition: %zu bytes, stored, unfiltered\n", b.n);
	free(raw);
	free(b.p);
}

static void test_outside_recognition_unchanged(void **state)
{
	(void)state;
	uint8_t g[W * H];
	line_image(g);
	assert_false(al__ocr_recognizing);
	buf b = write_grey(g, 6);
	bool stored;
	uint8_t *raw = idat_rows(&b, &stored);
	/* libpng's level 6 deflates, and its adaptive choice filters some
	 * rows */
	assert_false(stored);
	int filtered = 0;
	for (int y = 0; y < H; y++)
		filtered += raw[(size_t)y * (W + 1)] != 0;
	assert_true(filtered > 0);
	print_message("  outside recognition: %zu bytes, %d of %d rows filtered\n", b.n,
	              filtered, H);
	free(raw);
	free(b.p);
	/* level 0 asked for outside recognition is level 0, filters as
	 * libpng chooses */
	b = write_grey(g, 0);
	raw = idat_rows(&b, &stored);
	assert_true(stored);
	free(raw);
	free(b.p);
}

/* the flag is the calling thread's: another thread's recognition does
 * not change this thread's PNGs */
static gpointer recognising_thread(gpointer data)
{
	(void)data;
	al__ocr_recognizing = true;
	return GINT_TO_POINTER(al__ocr_recognizing);
}

static void test_flag_per_thread(void **state)
{
	(void)state;
	GThread *t = g_thread_new("ocr", recognising_thread, NULL);
	assert_true(GPOINTER_TO_INT(g_thread_join(t)));
	assert_false(al__ocr_recognizing);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_inside_recognition_stored),
		cmocka_unit_test(test_outside_recognition_unchanged),
		cmocka_unit_test(test_flag_per_thread),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
