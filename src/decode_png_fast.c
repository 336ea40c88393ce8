/*
 * The PNG fast path: ordinary 8-bit, non-interlaced PNGs (grey, grey +
 * alpha, RGB, RGBA, palette; tRNS too) have their image data inflated by
 * libdeflate (several times faster than zlib inside libpng) and unfiltered
 * here, then expanded to RGBA exactly as libpng's transformations do.
 * libpng still reads the header and the ancillary chunks before the image
 * data (decode_png.c), and everything unusual goes back to libpng: another
 * kind of PNG, a CRC error, a truncated file, a bad filter byte, a stream
 * too short or too long or with bytes after its end, a bad checksum, a
 * critical chunk after the image data -- so every broken file gets
 * libpng's own message and note, and the pixels of every file are
 * libpng's (tests/test_decode.c and the fuzz target compare them).
 *
 * When the image is decoded reduced (reduce.c), the whole inflated stream
 * would be far larger than the reduced image: then zlib inflates it row by
 * row into the same unfilter and expansion, so memory stays bounded.
 */
#include <stdlib.h>
#include <string.h>
#include <libdeflate.h>
#include <zlib.h>
#include "decode.h"

gint al_png_fast = 1;
gint al_png_fast_used;

typedef struct {
	const uint8_t *p;
	size_t n;
} seg;

static uint32_t be32(const uint8_t *p)
{
	return al__rd32be(p);
}

static bool is_critical(const uint8_t *type)
{
	return !(type[0] & 0x20);
}

static bool valid_type(const uint8_t *t)
{
	for (int i = 0; i < 4; i++)
		if (!((t[i] >= 'A' && t[i] <= 'Z') || (t[i] >= 'a' && t[i] <= 'z')))
			return false;
	return true;
}

/* Walks the chunks from the first IDAT at @off to IEND: the IDAT data
 * (their CRCs checked, as libpng checks a critical chunk's) and a tail of
 * only ancillary chunks and a well-formed IEND.  False when libpng must
 * decide (truncation, a CRC error, a critical chunk, a bad length). */
static bool walk_chunks(const uint8_t *d, size_t n, size_t off, GArray *idat)
{
	bool in_idat = true;

	for (;;) {
		uint32_t len;
		const uint8_t *type;

		if (off > n || n - off < 12)
			return false;
		len = be32(d + off);
		type = d + off + 4;
		if (len > 0x7FFFFFFFu || len > n - off - 12 || !valid_type(type))
			return false;
		if (memcmp(type, "IDAT", 4) == 0) {
			seg sg = { d + off + 8, len };
			if (!in_idat ||
			    libdeflate_crc32(0, type, (size_t)len + 4) != be32(d + off + 8 + len))
				return false;
			g_array_append_val(idat, sg);
		} else if (memcmp(type, "IEND", 4) == 0) {
			return len == 0 && libdeflate_crc32(0, type, 4) == be32(d + off + 8);
		} else if (is_critical(type)) {
			return false;
		} else {
			in_idat = false;
		}
		off += 12 + (size_t)len;
	}
}

#ifdef __SSE2__
#include <emmintrin.h>

/* The Paeth and Average filters reversed for 3 or 4 bytes a pixel, a
 * pixel at a time in 16-bit lanes (as libpng's SSE2 code does).  Paeth:
 * the predictor's three distances, their least, and the left, upper or
 * upper-left byte that ties go to in that order, the same bytes as the
 * scalar loop gives. */
static inline __attribute__((always_inline)) __m128i load_px(const uint8_t *p, int bpp,
                                                             bool word)
{
	uint32_t v;
	/* A 3-byte memcpy into a 4-byte word went through the stack: two
	 * narrow stores and a wide load that cannot be forwarded from them,
	 * a stall per pixel and per row (~2/3 of the Paeth loop's time on
	 * RGB files).  @word: the byte after the pixel is in the row, so
	 * the 4-byte word is loaded whole (its 4th lane is never stored;
	 * lanes do not mix, see by_pixel_sse2); else the word is built in a
	 * register, never a byte past the pixel, which may end the buffer. */
	if (bpp == 3 && !word)
		v = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16;
	else
		memcpy(&v, p, 4);
	return _mm_unpacklo_epi8(_mm_cvtsi32_si128((int)v), _mm_setzero_si128());
}

/* |x| in each 16-bit lane, the larger of x and -x (|x| <= 510 here) */
static inline __m128i abs16(__m128i x)
{
	return _mm_max_epi16(x, _mm_sub_epi16(_mm_setzero_si128(), x));
}

/* One pixel of by_pixel_sse2()'s Paeth at byte @i (@a, @c: the pixels
 * left and upper left, updated). */
static inline __attribute__((always_inline)) void paeth_px(uint8_t *row, const uint8_t *prev,
                                                           size_t i, int bpp, bool word,
                                                           __m128i *a, __m128i *c)
{
	__m128i b = load_px(prev + i, bpp, word), d = load_px(row + i, bpp, word);
	__m128i pa = _mm_sub_epi16(b, *c), pb = _mm_sub_epi16(*a, *c);
	__m128i pc = abs16(_mm_add_epi16(pa, pb));
	pa = abs16(pa);
	pb = abs16(pb);
	__m128i least = _mm_min_epi16(pc, _mm_min_epi16(pa, pb));
	/* a where pa is the least, else b where pb is, else c */
	__m128i is_a = _mm_cmpeq_epi16(least, pa), is_b = _mm_cmpeq_epi16(least, pb);
	__m128i bc = _mm_or_si128(_mm_and_si128(is_b, b), _mm_andnot_si128(is_b, *c));
	__m128i pred = _mm_or_si128(_mm_and_si128(is_a, *a), _mm_andnot_si128(is_a, bc));
	/* the byte sum wraps: add in 16 bits, keep the low byte */
	d = _mm_and_si128(_mm_add_epi16(d, pred), _mm_set1_epi16(0xFF));
	uint32_t v = (uint32_t)_mm_cvtsi128_si32(_mm_packus_epi16(d, d));
	memcpy(row + i, &v, (size_t)bpp);
	*a = d;
	*c = b;
}

/* One pixel of the Average filter reversed, as paeth_px(): the byte plus
 * the floor of the mean of the left and upper bytes, summed in 16 bits
 * (at most 255 + 255, no carry between lanes), the same bytes as the
 * scalar loop gives; the first pixel's left one is 0, as there. */
static inline __attribute__((always_inline)) void avg_px(uint8_t *row, const uint8_t *prev,
                                                         size_t i, int bpp, bool word,
                                                         __m128i *a)
{
	__m128i b = load_px(prev + i, bpp, word), d = load_px(row + i, bpp, word);
	__m128i pred = _mm_srli_epi16(_mm_add_epi16(*a, b), 1);
	d = _mm_and_si128(_mm_add_epi16(d, pred), _mm_set1_epi16(0xFF));
	uint32_t v = (uint32_t)_mm_cvtsi128_si32(_mm_packus_epi16(d, d));
	memcpy(row + i, &v, (size_t)bpp);
	*a = d;
}

/* One pixel of Paeth (@filter 4) or Average (3) reversed */
static inline __attribute__((always_inline)) void filter_px(uint8_t *row, const uint8_t *prev,
                                                            size_t i, int bpp, bool word,
                                                            int filter, __m128i *a, __m128i *c)
{
	if (filter == 4)
		paeth_px(row, prev, i, bpp, word, a, c);
	else
		avg_px(row, prev, i, bpp, word, a);
}

/* Paeth (@filter 4) or Average (3) reversed on a row of whole pixels of
 * 3 or 4 bytes, a pixel at a time. */
static inline __attribute__((always_inline)) void by_pixel_sse2(uint8_t *row, const uint8_t *prev,
                                                                size_t n, int bpp, int filter)
{
	__m128i a = _mm_setzero_si128(), c = _mm_setzero_si128();
	size_t i = 0;
	/* whole words while the row holds the byte after the pixel */
	for (; i + 4 <= n && i + (size_t)bpp <= n; i += (size_t)bpp)
		filter_px(row, prev, i, bpp, true, filter, &a, &c);
	for (; i + (size_t)bpp <= n; i += (size_t)bpp)
		filter_px(row, prev, i, bpp, false, filter, &a, &c);
}
#endif

/* libpng's filters, reversed in place on @row (@n bytes, @bpp per pixel;
 * @prev is the previous row, zeros for the first). */
static bool unfilter(uint8_t *row, const uint8_t *prev, size_t n, int bpp, int filter)
{
	size_t i;

	switch (filter) {
	case 0:
		break;
	case 1:
		i = (size_t)bpp;
#ifdef __SSE2__
		/* RGBA: four pixels at a time, each the sum of the ones left
		 * of it in the vector (two shifted adds: bytes add modulo 256,
		 * in any order) plus the last pixel of the vector before */
		if (bpp == 4) {
			__m128i carry = _mm_setzero_si128();
			for (i = 0; i + 16 <= n; i += 16) {
				__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(row + i));
				x = _mm_add_epi8(x, _mm_slli_si128(x, 4));
				x = _mm_add_epi8(x, _mm_slli_si128(x, 8));
				x = _mm_add_epi8(x, carry);
				_mm_storeu_si128((__m128i *)(void *)(row + i), x);
				carry = _mm_shuffle_epi32(x, 0xff);
			}
			i = MAX(i, (size_t)bpp);
		}
#endif
		for (; i < n; i++)
			row[i] = (uint8_t)(row[i] + row[i - bpp]);
		break;
	case 2:
		i = 0;
#ifdef __SSE2__
		/* sixteen bytes at a time (row and prev are two buffers) */
		for (; i + 16 <= n; i += 16) {
			__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(row + i));
			__m128i b = _mm_loadu_si128((const __m128i *)(const void *)(prev + i));
			_mm_storeu_si128((__m128i *)(void *)(row + i), _mm_add_epi8(x, b));
		}
#endif
		for (; i < n; i++)
			row[i] = (uint8_t)(row[i] + prev[i]);
		break;
	case 3:
#ifdef __SSE2__
		if ((bpp == 3 || bpp == 4) && n % (size_t)bpp == 0) {
			if (bpp == 3)
				by_pixel_sse2(row, prev, n, 3, 3);
			else
				by_pixel_sse2(row, prev, n, 4, 3);
			break;
		}
#endif
		for (i = 0; i < (size_t)bpp && i < n; i++)
			row[i] = (uint8_t)(row[i] + (prev[i] >> 1));
		for (; i < n; i++)
			row[i] = (uint8_t)(row[i] + ((row[i - bpp] + prev[i]) >> 1));
		break;
	case 4:
#ifdef __SSE2__
		if ((bpp == 3 || bpp == 4) && n % (size_t)bpp == 0) {
			if (bpp == 3)
				by_pixel_sse2(row, prev, n, 3, 4);
			else
				by_pixel_sse2(row, prev, n, 4, 4);
			break;
		}
#endif
		for (i = 0; i < (size_t)bpp && i < n; i++)
			row[i] = (uint8_t)(row[i] + prev[i]);
		for (; i < n; i++) {
			int a = row[i - bpp], b = prev[i], c = prev[i - bpp];
			int pa = abs(b - c), pb = abs(a - c), pc = abs(a + b - 2 * c);
			int pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
			row[i] = (uint8_t)(row[i] + pred);
		}
		break;
	default:
		return false;
	}
	return true;
}

#if defined(__x86_64__) && defined(__GNUC__)
#include <tmmintrin.h>
#define RGB_SSSE3 1
/* RGB to opaque RGBA four pixels a step, for processors with SSSE3 (asked
 * once per row; nearly every x86-64 in use): a 16-byte load of which 12
 * bytes are used, one byte shuffle that spreads them into four 4-byte
 * pixels, the alpha ORed in.  The load reads 16 bytes from a pixel, so
 * it stops while 6 pixels are left (3 x + 16 <= 3 w); returns the pixels
 * done, the rest are the caller's. */
__attribute__((target("ssse3"))) static int rgb_to_rgba_ssse3(const uint8_t *s, uint8_t *o, int w)
{
	const __m128i spread = _mm_setr_epi8(0, 1, 2, -1, 3, 4, 5, -1, 6, 7, 8, -1, 9, 10, 11, -1);
	const __m128i alpha = _mm_set1_epi32((int)0xFF000000u);
	int x = 0;
	/* sixteen pixels from three loads of exactly their 48 bytes, the
	 * second and third four pixels joined across loads (palignr) */
	for (; x + 16 <= w; x += 16) {
		const __m128i *in = (const __m128i *)(const void *)(s + (size_t)x * 3);
		__m128i *out = (__m128i *)(void *)(o + (size_t)x * 4);
		__m128i v0 = _mm_loadu_si128(in), v1 = _mm_loadu_si128(in + 1),
		        v2 = _mm_loadu_si128(in + 2);
		_mm_storeu_si128(out, _mm_or_si128(_mm_shuffle_epi8(v0, spread), alpha));
		_mm_storeu_si128(out + 1, _mm_or_si128(_mm_shuffle_epi8(_mm_alignr_epi8(v1, v0, 12), spread),
		                                       alpha));
		_mm_storeu_si128(out + 2, _mm_or_si128(_mm_shuffle_epi8(_mm_alignr_epi8(v2, v1, 8), spread),
		                                       alpha));
		_mm_storeu_si128(out + 3, _mm_or_si128(_mm_shuffle_epi8(_mm_srli_si128(v2, 4), spread),
		                                       alpha));
	}
	for (; x + 6 <= w; x += 4) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + (size_t)x * 3));
		_mm_storeu_si128((__m128i *)(void *)(o + (size_t)x * 4),
		                 _mm_or_si128(_mm_shuffle_epi8(v, spread), alpha));
	}
	return x;
}
#endif

/* One unfiltered row in the file's layout to RGBA, as libpng's expand,
 * gray_to_rgb and add-alpha transformations give it.  Grey and palette go
 * through @lut, the RGBA of each of the 256 sample values. */
static void expand_row(const al_png_fast_fmt *f, const uint32_t *lut, const uint8_t *s,
                       uint8_t *o)
{
	int w = f->width;

	switch (f->ctype) {
	case 0: /* grey */
	case 3: /* palette */
		for (int x = 0; x < w; x++)
			memcpy(o + 4 * x, &lut[s[x]], 4);
		break;
	case 2: /* RGB */
		if (!f->has_key) {
			/* a 4-byte load per pixel, its 4th byte replaced by the
			 * alpha; the last pixel byte by byte (its row may end the
			 * buffer) */
			const uint32_t opaque = G_BYTE_ORDER == G_LITTLE_ENDIAN ? 0xFF000000u : 0xFFu;
			int x = 0;
#ifdef RGB_SSSE3
			if (__builtin_cpu_supports("ssse3")) {
				x = rgb_to_rgba_ssse3(s, o, w);
				o += (size_t)x * 4;
				s += (size_t)x * 3;
			}
#endif
			for (; x + 1 < w; x++, o += 4, s += 3) {
				uint32_t v;
				memcpy(&v, s, 4);
				v = G_BYTE_ORDER == G_LITTLE_ENDIAN ? (v & 0x00FFFFFFu) : (v & 0xFFFFFF00u);
				v |= opaque;
				memcpy(o, &v, 4);
			}
			for (; x < w; x++, o += 4, s += 3) {
				o[0] = s[0];
				o[1] = s[1];
				o[2] = s[2];
				o[3] = 255;
			}
		} else {
			for (int x = 0; x < w; x++, o += 4, s += 3) {
				o[0] = s[0];
				o[1] = s[1];
				o[2] = s[2];
				o[3] = s[0] == f->key[0] && s[1] == f->key[1] && s[2] == f->key[2] ? 0 : 255;
			}
		}
		break;
	case 4: /* grey + alpha */
		for (int x = 0; x < w; x++, o += 4, s += 2) {
			o[0] = o[1] = o[2] = s[0];
			o[3] = s[1];
		}
		break;
	default: /* 6: RGBA */
		memcpy(o, s, (size_t)w * 4);
		break;
	}
}

/* The RGBA of each grey level or palette index (an index past the palette
 * is black, as libpng's zeroed palette gives it). */
static void make_lut(const al_png_fast_fmt *f, uint32_t lut[256])
{
	for (int i = 0; i < 256; i++) {
		uint8_t px[4];
		if (f->ctype == 0) {
			px[0] = px[1] = px[2] = (uint8_t)i;
			px[3] = f->has_key && i == f->key[0] ? 0 : 255;
		} else {
			memcpy(px, f->pal[i], 3);
			px[3] = i < f->ntrans ? f->trans[i] : 255;
		}
		memcpy(&lut[i], px, 4);
	}
}

typedef struct {
	const al_png_fast_fmt *f;
	uint32_t lut[256];       /* grey and palette */
	int ch;
	size_t stride;           /* bytes of a row without its filter byte */
	uint8_t *prev;           /* previous unfiltered row (stride bytes) */
	uint8_t *rgba;           /* output, k == 1 */
	uint8_t *line;           /* one RGBA row, k > 1 */
	al_reducer *red;
} rows_ctx;

/* Unfilters and delivers row @y (@raw: filter byte, then the row) over
 * @prev, the previous unfiltered row (c->prev's zeros for the first);
 * @keep: copy the row to c->prev for the next (its buffer is reused). */
static bool put_row(rows_ctx *c, int y, uint8_t *raw, const uint8_t *prev, bool keep)
{
	uint8_t *row = raw + 1;

	if (!unfilter(row, prev, c->stride, c->ch, raw[0]))
		return false;
	if (c->red) {
		expand_row(c->f, c->lut, row, c->line);
		al__reduce_row(c->red, y, 0, 1, c->line, c->f->width);
	} else {
		expand_row(c->f, c->lut, row, c->rgba + (size_t)y * c->f->width * 4);
	}
	if (keep)
		memcpy(c->prev, row, c->stride);
	return true;
}

/* The thread's decompressor, kept from file to file (it holds no state
 * between streams); freed when its thread ends.  NULL when out of memory. */
static GPrivate inflater_key = G_PRIVATE_INIT((GDestroyNotify)libdeflate_free_decompressor);

static struct libdeflate_decompressor *thread_inflater(void)
{
	struct libdeflate_decompressor *dd = g_private_get(&inflater_key);
	if (!dd && (dd = libdeflate_alloc_decompressor()))
		g_private_set(&inflater_key, dd);
	return dd;
}

/* The whole stream at once (libdeflate): AL_OK, AL_ERR_NOMEM, or
 * AL_ERR_UNSUPPORTED to let libpng decide. */
static al_status inflate_whole(rows_ctx *c, GArray *idat)
{
	al_status st = AL_ERR_UNSUPPORTED;
	struct libdeflate_decompressor *dd = thread_inflater();
	size_t rawn = (c->stride + 1) * (size_t)c->f->height, in_n = 0, used_in = 0, used_out = 0;
	uint8_t *raw = al_try_malloc_n(rawn, 1), *cat = NULL;
	const uint8_t *in;
	enum libdeflate_result r;

	if (!dd || !raw) {
		st = AL_ERR_NOMEM;
		goto out;
	}
	/* one IDAT is read in place; several are joined */
	if (idat->len == 1) {
		in = g_array_index(idat, seg, 0).p;
		in_n = g_array_index(idat, seg, 0).n;
	} else {
		size_t o = 0;
		for (guint i = 0; i < idat->len; i++)
			in_n += g_array_index(idat, seg, i).n;
		cat = al_try_malloc_n(MAX(in_n, 1), 1);
		if (!cat) {
			st = AL_ERR_NOMEM;
			goto out;
		}
		for (guint i = 0; i < idat->len; i++) {
			memcpy(cat + o, g_array_index(idat, seg, i).p, g_array_index(idat, seg, i).n);
			o += g_array_index(idat, seg, i).n;
		}
		in = cat;
	}
	r = libdeflate_zlib_decompress_ex(dd, in, in_n, raw, rawn, &used_in, &used_out);
	/* short or long streams, bytes after the stream, bad data (a checksum
	 * libpng only warns about, or a real error): libpng says which */
	if (r != LIBDEFLATE_SUCCESS || used_out != rawn || used_in != in_n)
		goto out;
	/* every row stays in raw: the one above is read there */
	for (int y = 0; y < c->f->height; y++)
		if (!put_row(c, y, raw + (size_t)y * (c->stride + 1),
		             y ? raw + (size_t)(y - 1) * (c->stride + 1) + 1 : c->prev, false))
			goto out;
	st = AL_OK;
out:
	g_free(cat);
	g_free(raw);
	return st;
}

/* Row by row (zlib): for a reduced decode, whose whole stream would not
 * fit the budget.  AL_OK only when the stream ends with the last row, its
 * checksum holds and no byte follows; else libpng decides. */
static al_status inflate_rows(rows_ctx *c, GArray *idat)
{
	al_status st = AL_ERR_UNSUPPORTED;
	z_stream zs = { 0 };
	uint8_t *raw = al_try_malloc_n(c->stride + 1, 1), tail[16];
	guint next = 0;
	int ret = Z_OK, y = 0;

	if (!raw || inflateInit(&zs) != Z_OK) {
		st = AL_ERR_NOMEM;
		goto out_free;
	}
	for (;;) {
		/* each row, then a little more: the stream must end there */
		bool last = y == c->f->height;
		zs.next_out = last ? tail : raw;
		zs.avail_out = last ? (uInt)sizeof tail : (uInt)(c->stride + 1);
		while (zs.avail_out > 0 && ret != Z_STREAM_END) {
			if (zs.avail_in == 0) {
				if (next >= idat->len)
					break;
				zs.next_in = (Bytef *)g_array_index(idat, seg, next).p;
				zs.avail_in = (uInt)g_array_index(idat, seg, next).n;
				next++;
				continue;
			}
			ret = inflate(&zs, Z_NO_FLUSH);
			if (ret != Z_OK && ret != Z_STREAM_END)
				goto out;
		}
		if (last)
			break;
		if (zs.avail_out > 0 || !put_row(c, y, raw, c->prev, true))
			goto out;
		y++;
	}
	if (ret != Z_STREAM_END || zs.avail_out != sizeof tail || zs.avail_in > 0)
		goto out;
	for (; next < idat->len; next++)
		if (g_array_index(idat, seg, next).n > 0)
			goto out;
	st = AL_OK;
out:
	inflateEnd(&zs);
out_free:
	g_free(raw);
	return st;
}

al_status al__png_fast(const uint8_t *data, size_t len, size_t idat_off,
                       const al_png_fast_fmt *f, int k, uint8_t **pix)
{
	static const int channels[7] = { 1, 0, 3, 1, 2, 0, 4 };
	al_status st = AL_ERR_UNSUPPORTED;
	GArray *idat = g_array_new(FALSE, FALSE, sizeof(seg));
	al_reducer red = { 0 };
	rows_ctx c = { .f = f };

	*pix = NULL;
	if (f->ctype < 0 || f->ctype > 6 || !channels[f->ctype] || f->width <= 0 || f->height <= 0)
		goto out;
	c.ch = channels[f->ctype];
	c.stride = (size_t)f->width * c.ch;
	make_lut(f, c.lut);
	if (!walk_chunks(data, len, idat_off, idat) || idat->len == 0)
		goto out;
	st = AL_ERR_NOMEM;
	c.prev = al_try_new0(uint8_t, c.stride);
	if (!c.prev)
		goto out;
	if (k > 1) {
		c.line = al_try_malloc_n((size_t)f->width, 4);
		if (!c.line || al__reduce_init(&red, f->width, f->height, k, false) != AL_OK)
			goto out;
		c.red = &red;
	} else {
		c.rgba = al_try_malloc_n((size_t)f->width * f->height, 4);
		if (!c.rgba)
			goto out;
	}
	/* the whole stream in memory only when it is about the image's size:
	 * not reduced, or reduced by a small box (k = 2, or 3 without alpha):
	 * a stream of at most twice the reducer's sums (16 bytes a reduced
	 * pixel) keeps the decode within the AL_BYTES_PER_PIXEL the memory
	 * budget holds for each reduced pixel */
	bool whole = k == 1 || (c.stride + 1) * (size_t)f->height / 32 <=
	                       (size_t)red.ow * (size_t)red.oh;
	st = !whole || al_png_fast == 2 ? inflate_rows(&c, idat) : inflate_whole(&c, idat);
	if (st != AL_OK)
		goto out;
	if (k > 1) {
		*pix = al__reduce_finish(&red);
		st = *pix ? AL_OK : AL_ERR_NOMEM;
	} else {
		*pix = c.rgba;
		c.rgba = NULL;
	}
	if (st == AL_OK)
		g_atomic_int_inc(&al_png_fast_used);
out:
	g_free(c.rgba);
	g_free(c.line);
	g_free(c.prev);
	al__reduce_clear(&red);
	g_array_free(idat, TRUE);
	return st;
}
