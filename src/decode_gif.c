/*
 * GIF through giflib, opened with dlopen() at the first GIF (issue #10):
 * libvips, which decoded every GIF before, maps about 100 libraries for
 * one such file -- 60 to 70 ms of CPU and +22 MB of RSS, more than a
 * thousand PNGs cost to check.
 *
 * The pixels are libvips 8.14's by construction.  Its gifload (libnsgif)
 * draws frame 0 on a canvas cleared to 0 (transparent black): a pixel of
 * the transparent index is not drawn, any other takes its colour table
 * entry (255 alpha), and an index past the table's end takes the unset
 * entry, 0.  The output has four bands when a frame has a transparent
 * index, else three (then assetlint sets alpha to 255).  This path takes
 * only the files where that is the whole story, checked byte by byte
 * first (gif_walk()): one image (no animation), drawn at (0, 0) over the
 * whole canvas (libnsgif's canvas is the screen, grown to the first
 * frame, and a screen of 0, above 2048 or of six common monitor sizes
 * counts as 1 x 1), every block complete, at most one graphic control
 * extension, a colour table, an LZW code size of 2 to 8, and the trailer
 * (or the end of the file) right after the image; and LZW codes that
 * libnsgif reads to the last pixel (lzw_plain()).  giflib decodes the
 * LZW data; the rows of an interlaced image come in its four passes.
 * Whatever else -- an animation, a frame smaller than its canvas, a
 * damaged or truncated file, any giflib error, an image that must be
 * reduced -- goes to libvips as before (decode_vips.c), so its pixels and
 * its messages stay libvips's own.
 */
#include <stdio.h>
#include <string.h>
#include <gif_lib.h>
#include "decode.h"
#include "dl.h"

gint al_gif_native = 1;
gint al_gif_native_used;

/* Each function below is called through a pointer of its own type. */
#define GIF_FNS(X) \
	X(DGifOpen) X(DGifCloseFile) X(DGifGetRecordType) X(DGifGetImageDesc) \
	X(DGifGetLine) X(DGifGetExtension) X(DGifGetExtensionNext)
#define GIF_FN_PTR(name) __typeof__(name) *p_##name;
static struct { GIF_FNS(GIF_FN_PTR) } gl;
#undef GIF_FN_PTR

static gsize gl_done;
static gint gl_ok;

/* Loads giflib once per process, from any thread.  False when it cannot:
 * then libvips decodes GIFs, as it did before. */
static bool gif_load(void)
{
	if (g_once_init_enter(&gl_done)) {
#define GIF_FN_SYM(name) { #name, (void **)&gl.p_##name },
		static const al_dl_sym syms[] = { GIF_FNS(GIF_FN_SYM) };
#undef GIF_FN_SYM
		char msg[256];
		if (al__dl_open("libgif.so.7", "libgif7", syms, G_N_ELEMENTS(syms), msg, sizeof msg))
			g_atomic_int_set(&gl_ok, 1);
		g_once_init_leave(&gl_done, 1);
	}
	return g_atomic_int_get(&gl_ok) != 0;
}

/* What the walk learns of a file this path decodes. */
typedef struct {
	int width, height;            /* the image = the canvas */
	bool interlaced;
	bool transparency;            /* a transparent index is set */
	int clear;                    /* that index */
	const uint8_t *table;         /* the colour table the image uses */
	int colours;                  /* its entries */
	size_t lzw;                   /* the offset of its LZW code size */
} gif_head;

static unsigned rd16le(const uint8_t *p)
{
	return (unsigned)p[0] | (unsigned)p[1] << 8;
}

/* Skips the data sub-blocks at @p (sizes, then a 0 byte): the offset
 * after the 0, or 0 when they run off the end of the file. */
static size_t sub_blocks_end(const uint8_t *d, size_t len, size_t p)
{
	while (p < len && d[p] != 0)
		p += (size_t)d[p] + 1;
	return p < len ? p + 1 : 0;
}

/* libnsgif's screen: sizes it takes for a monitor's, not the image's,
 * count as 1 x 1 (then the first frame sets the canvas). */
static void nsgif_screen(unsigned *w, unsigned *h)
{
	static const unsigned monitors[][2] = {
		{ 640, 480 }, { 640, 512 }, { 800, 600 }, { 1024, 768 }, { 1280, 1024 }, { 1600, 1200 },
	};
	bool one = *w == 0 || *h == 0 || *w > 2048 || *h > 2048;

	for (size_t i = 0; i < G_N_ELEMENTS(monitors); i++)
		one = one || (*w == monitors[i][0] && *h == monitors[i][1]);
	if (one)
		*w = *h = 1;
}

/* True when @d is a file whose libvips pixels this path reproduces (see
 * the top of the file), with what it needs in @h. */
static bool gif_walk(const uint8_t *d, size_t len, gif_head *h)
{
	unsigned sw, sh, iw = 0, ih = 0;
	const uint8_t *global = NULL;
	size_t p = 13;
	int global_n = 0, gces = 0;
	bool image = false;

	memset(h, 0, sizeof *h);
	if (len < 13 || (memcmp(d, "GIF87a", 6) != 0 && memcmp(d, "GIF89a", 6) != 0))
		return false;
	sw = rd16le(d + 6);
	sh = rd16le(d + 8);
	if (d[10] & 0x80) {
		global_n = 2 << (d[10] & 7);
		global = d + p;
		p += 3 * (size_t)global_n;
	}
	for (;;) {
		if (p >= len && image)
			break;                     /* no trailer: libnsgif does without */
		if (p >= len)
			return false;
		if (d[p] == 0x3B) {            /* the trailer */
			break;
		} else if (image) {
			return false;              /* a block after the image */
		} else if (d[p] == 0x21) {     /* an extension */
			if (len - p < 3)
				return false;
			if (d[p + 1] == 0xF9) {
				/* graphic control: one 4-byte sub-block */
				if (++gces > 1 || d[p + 2] != 4 || len - p < 8)
					return false;
				h->transparency = (d[p + 3] & 1) != 0;
				h->clear = d[p + 6];
			}
			/* libnsgif skips the first sub-block of all but a comment
			 * by its size, and then the terminator too when that is 0;
			 * it wants 17 bytes from an application label on */
			if ((d[p + 1] != 0xFE && d[p + 2] == 0) || (d[p + 1] == 0xFF && len - p < 18))
				return false;
			if (!(p = sub_blocks_end(d, len, p + 2)))
				return false;
		} else if (d[p] == 0x2C) {     /* the image */
			if (len - p < 11)
				return false;
			iw = rd16le(d + p + 5);
			ih = rd16le(d + p + 7);
			if (rd16le(d + p + 1) != 0 || rd16le(d + p + 3) != 0 || iw == 0 || ih == 0)
				return false;
			h->interlaced = (d[p + 9] & 0x40) != 0;
			if (d[p + 9] & 0x80) {
				h->colours = 2 << (d[p + 9] & 7);
				h->table = d + p + 10;
				p += 3 * (size_t)h->colours;
			} else {
				h->colours = global_n;
				h->table = global;
			}
			p += 10;
			if (p >= len || d[p] < 2 || d[p] > 8)
				return false;      /* the LZW minimum code size */
			h->lzw = p;
			if (!(p = sub_blocks_end(d, len, p + 1)))
				return false;
			image = true;
		} else {
			return false;
		}
	}
	nsgif_screen(&sw, &sh);
	if (!image || !h->table || sw > iw || sh > ih)
		return false;
	h->width = (int)iw;
	h->height = (int)ih;
	return true;
}

/* Reads LZW codes, least significant bit first, from data sub-blocks. */
typedef struct {
	const uint8_t *d;
	size_t p, end;                /* the next byte; the end of its sub-block */
	uint32_t bits;                /* bits read ahead, @have of them */
	int have;
} lzw_bits;

static bool lzw_code(lzw_bits *b, int size, unsigned *code)
{
	while (b->have < size) {
		if (b->p == b->end) {
			/* the next sub-block; gif_walk() saw them all end in the file */
			if (b->d[b->p] == 0)
				return false;
			b->end = b->p + 1 + b->d[b->p];
			b->p++;
		}
		b->bits |= (uint32_t)b->d[b->p++] << b->have;
		b->have += 8;
	}
	*code = b->bits & ((1u << size) - 1);
	b->bits >>= size;
	b->have -= size;
	/* a code that ends a sub-block: libnsgif reads a byte of the next one
	 * before it takes the code, and loses it when that is the terminator */
	return !(b->have == 0 && b->p == b->end && b->d[b->p] == 0);
}

/* libnsgif's verdict on the LZW data at @p (its code size byte) of a walked
 * file: true when its codes give @pixels values before it stops -- at the
 * end-of-information code or the end of the data (libnsgif then keeps what
 * it has: a partial image, left to it), or at a code it refuses (a code
 * past the table, or one after a clear code that is not a colour: an error
 * of libvips).  giflib, which decodes the same data, reads codes past the
 * table without a word; this check keeps those files away from it.  The
 * table is libnsgif's: it starts after the two control codes, grows a code
 * wider when it fills one (up to 12 bits), and stops growing at 4096
 * entries until a clear code. */
static bool lzw_plain(const uint8_t *d, size_t p, size_t pixels)
{
	uint16_t count[4096];         /* each entry's length in values */
	unsigned min = d[p], clear = 1u << min, size = 0, prev = 0, code;
	int width = 0;
	bool first = true;            /* the next code follows a clear code */
	lzw_bits b = { d, p + 1, p + 1, 0, 0 };
	size_t out = 0;

	for (unsigned i = 0; i < clear; i++)
		count[i] = 1;
	while (out < pixels) {
		if (first) {
			width = (int)min + 1;
			size = clear + 2;
		}
		if (!lzw_code(&b, width, &code))
			return false;
		if (first) {
			if (code == clear)
				continue;
			if (code > clear)
				return false;
			first = false;
		} else if (code == clear + 1 || code > size) {
			return false;
		} else if (code == clear) {
			first = true;
			continue;
		} else if (size < 4096) {
			count[size] = (uint16_t)(count[prev] + 1);
			if (size == (1u << width) - 1 && width < 12)
				width++;
			size++;
		}
		out += count[code];
		prev = code;
	}
	return true;
}

/* giflib reads the file from memory through this. */
typedef struct {
	const uint8_t *data;
	size_t len, pos;
} gif_reader;

static int gif_read(GifFileType *gf, GifByteType *buf, int n)
{
	gif_reader *r = gf->UserData;
	size_t k = n < 0 ? 0 : (size_t)n;

	if (k > r->len - r->pos)
		k = r->len - r->pos;
	memcpy(buf, r->data + r->pos, k);
	r->pos += k;
	return (int)k;
}

/* Row @i of an image of @h rows in the order an interlaced GIF stores
 * them: rows 0, 8, 16 ..., then 4, 12 ..., then 2, 6 ..., then 1, 3 ... */
static int interlaced_row(int i, int h)
{
	static const int start[] = { 0, 4, 2, 1 }, step[] = { 8, 8, 4, 2 };

	for (int pass = 0; pass < 4; pass++) {
		int n = start[pass] < h ? (h - start[pass] + step[pass] - 1) / step[pass] : 0;
		if (i < n)
			return start[pass] + i * step[pass];
		i -= n;
	}
	return -1;
}

/* Decodes the image of @d (walked into @hd) into @rgba, w x h x 4 bytes.
 * False on any giflib error. */
static bool gif_pixels(const uint8_t *d, size_t len, const gif_head *hd, uint8_t *rgba)
{
	gif_reader rd = { d, len, 0 };
	uint32_t lut[256];
	GifFileType *gf;
	GifRecordType type;
	uint8_t *line = g_try_malloc((size_t)hd->width);
	bool ok = false, done = false;
	int err = 0;

	if (!line)
		return false;
	gf = gl.p_DGifOpen(&rd, gif_read, &err);
	if (!gf) {
		g_free(line);
		return false;
	}
	/* the colours as bytes R, G, B, A in memory; unset entries and the
	 * transparent index 0 */
	for (int i = 0; i < 256; i++) {
		uint8_t px[4] = { 0, 0, 0, 0 };
		if (i < hd->colours && !(hd->transparency && i == hd->clear)) {
			memcpy(px, hd->table + 3 * i, 3);
			px[3] = 255;
		}
		memcpy(&lut[i], px, 4);
	}
	while (!done && gl.p_DGifGetRecordType(gf, &type) == GIF_OK) {
		if (type == EXTENSION_RECORD_TYPE) {
			GifByteType *ext = NULL;
			int code;
			if (gl.p_DGifGetExtension(gf, &code, &ext) != GIF_OK)
				break;
			while (ext && gl.p_DGifGetExtensionNext(gf, &ext) == GIF_OK)
				;
			if (ext)
				break;
		} else if (type == IMAGE_DESC_RECORD_TYPE) {
			int rows = 0;
			if (gl.p_DGifGetImageDesc(gf) != GIF_OK || gf->Image.Width != hd->width ||
			    gf->Image.Height != hd->height)
				break;
			for (; rows < hd->height; rows++) {
				int y = hd->interlaced ? interlaced_row(rows, hd->height) : rows;
				uint32_t *out = (uint32_t *)(void *)(rgba + (size_t)y * hd->width * 4);
				if (gl.p_DGifGetLine(gf, line, hd->width) != GIF_OK)
					break;
				for (int x = 0; x < hd->width; x++)
					out[x] = lut[line[x]];
			}
			ok = rows == hd->height;
			done = true;
		} else {
			break;
		}
	}
	gl.p_DGifCloseFile(gf, &err);
	g_free(line);
	return ok;
}

al_status al__gif_probe(const uint8_t *data, size_t len, al_info *info,
                        char *why, size_t why_len)
{
	gif_head h;

	if (!g_atomic_int_get(&al_gif_native) || !gif_walk(data, len, &h))
		return al__vips_probe(data, len, info, why, why_len);
	/* as vips_probe_info() reads libvips's header */
	info->width = h.width;
	info->height = h.height;
	info->channels = h.transparency ? 4 : 3;
	info->bit_depth = 8;
	info->png_color_type = -1;
	return AL_OK;
}

al_status al__gif_decode(const uint8_t *data, size_t len, size_t max_px,
                         al_image *img, char *why, size_t why_len)
{
	uint8_t *rgba = NULL;
	size_t size = 0;
	gif_head h;
	bool mine;

	mine = g_atomic_int_get(&al_gif_native) && gif_walk(data, len, &h) &&
	       al__reduce_factor(h.width, h.height, max_px) == 1 &&
	       lzw_plain(data, h.lzw, (size_t)h.width * h.height) &&
	       (size = al__rgba_size(h.width, h.height)) != 0 && gif_load() &&
	       (rgba = g_try_malloc(size)) != NULL && gif_pixels(data, len, &h, rgba);
	if (!mine) {
		g_free(rgba);
		return al__vips_decode(data, len, AL_FMT_GIF, max_px, img, why, why_len);
	}
	/* libvips keeps three bands of a GIF without a transparent index */
	al__native_image(img, rgba, h.width, h.height, !h.transparency, &al_gif_native_used);
	return AL_OK;
}
