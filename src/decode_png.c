/*
 * PNG through libpng: header probe and decode into 8-bit RGBA, straight or
 * reduced on the fly (reduce.c) when the image is far larger than its
 * role.  Hostile files are bounded here:
 *  - ancillary chunks the tool does not read (text, EXIF, time, private
 *    chunks...) are skipped unread, without allocating their declared
 *    length; the ones it reads (gAMA, sRGB, iCCP) are bounded by libpng
 *    (iCCP to PNG_CHUNK_MAX);
 *  - after the last row, libpng would inflate whatever compressed data
 *    follows (a 1x1 image can carry 1 GiB): the read stops after
 *    PNG_TAIL_MAX bytes of such data, and extra data is reported.
 */
#include <stdio.h>
#include <string.h>
#include <setjmp.h>
#include <png.h>
#include "decode.h"

/* Bounds ancillary chunks libpng reads (iCCP) and its chunk-length check. */
#define PNG_CHUNK_MAX (8u * 1024 * 1024)
/* IDAT data allowed after the last row: the end of the deflate stream and
 * its checksum take a few bytes; anything beyond is not image data. */
#define PNG_TAIL_MAX 1024u
#define CHUNK_IDAT 0x49444154u /* "IDAT" */

typedef struct {
	const uint8_t *data;
	size_t len, pos;
	char msg[200];
	png_structp png;
	png_infop info;
	uint8_t *rgba;           /* decode output, full size */
	png_bytep *rows;
	uint8_t *row;            /* one row, when reducing */
	al_reducer red;
	int rows_total, rows_seen; /* rows holding data (Adam7: of all passes) */
	bool rows_done;          /* every row was read: the tail follows */
	size_t tail;             /* IDAT data bytes read after the last row */
	bool extra;              /* image data goes on after the last row */
	bool tail_stop;          /* the read was stopped there (not an error) */
	bool nomem;              /* a pixel buffer could not be allocated */
} png_state;

static void png_err_fn(png_structp png, png_const_charp msg)
{
	png_state *s = png_get_error_ptr(png);
	if (!s->tail_stop)
		snprintf(s->msg, sizeof s->msg, "PNG: %s", msg);
	png_longjmp(png, 1);
}

/* Ancillary-chunk trouble is not a reason to refuse the image.  Data after
 * the end of the image is noted. */
static void png_warn_fn(png_structp png, png_const_charp msg)
{
	png_state *s = png_get_error_ptr(png);
	if (strstr(msg, "Extra compressed data") || strstr(msg, "Too much image data"))
		s->extra = true;
}

static void png_read_fn(png_structp png, png_bytep out, size_t n)
{
	png_state *s = png_get_io_ptr(png);

	if (s->rows_done && png_get_io_chunk_type(png) == CHUNK_IDAT &&
	    (png_get_io_state(png) & PNG_IO_MASK_LOC) == PNG_IO_CHUNK_DATA) {
		s->tail += n;
		if (s->tail > PNG_TAIL_MAX) {
			s->extra = true;
			s->tail_stop = true;
			png_error(png, "image data after the last row");
		}
	}
	if (n > s->len - s->pos)
		png_error(png, "file is truncated (unexpected end of data)");
	memcpy(out, s->data + s->pos, n);
	s->pos += n;
}

static bool png_begin(png_state *s, const uint8_t *data, size_t len)
{
	/* read and used: everything else is skipped unread */
	static const png_byte wanted[] = { 'g', 'A', 'M', 'A', 0, 'i', 'C', 'C', 'P', 0,
	                                   's', 'R', 'G', 'B', 0 };

	s->data = data;
	s->len = len;
	s->png = png_create_read_struct(PNG_LIBPNG_VER_STRING, s, png_err_fn, png_warn_fn);
	if (s->png)
		s->info = png_create_info_struct(s->png);
	if (s->info) {
		png_set_read_fn(s->png, s, png_read_fn);
		png_set_chunk_malloc_max(s->png, PNG_CHUNK_MAX);
		/* all unknown and all known ancillary chunks: skip; then the
		 * three the tool reads: libpng's own handling */
		png_set_keep_unknown_chunks(s->png, PNG_HANDLE_CHUNK_NEVER, NULL, -1);
		png_set_keep_unknown_chunks(s->png, PNG_HANDLE_CHUNK_AS_DEFAULT, wanted,
		                            (int)(sizeof wanted / 5));
	}
	return s->info != NULL;
}

static void png_end(png_state *s)
{
	if (s->png)
		png_destroy_read_struct(&s->png, s->info ? &s->info : NULL, NULL);
	g_free(s->rows);
	g_free(s->rgba);
	g_free(s->row);
	al__reduce_clear(&s->red);
}

/* Counts the rows as libpng finishes them.  It is called before libpng
 * ends the row, and libpng reads what follows the image data (up to the
 * end of the deflate stream) while it ends the last row: from here on,
 * the read function bounds it. */
static void png_row_seen(png_structp png, png_row_infop row, png_bytep data)
{
	png_state *s = png_get_io_ptr(png);

	(void)row;
	(void)data;
	if (++s->rows_seen >= s->rows_total)
		s->rows_done = true;
}

/* Rows that carry data: h, or for Adam7 the rows of every non-empty pass. */
static int png_data_rows(int w, int h, bool interlaced)
{
	int n = 0;

	if (!interlaced)
		return h;
	for (int pass = 0; pass < 7; pass++)
		if (PNG_PASS_COLS((png_uint_32)w, pass) > 0)
			n += (int)PNG_PASS_ROWS((png_uint_32)h, pass);
	return n;
}

/* The setjmp lives here and all state in *s (the caller's frame), so no
 * local of this function is read after a longjmp. */
static bool png_probe_run(png_state *s, al_info *info)
{
	png_charp name;
	png_bytep prof;
	png_uint_32 prof_len;
	int ctype;

	if (setjmp(png_jmpbuf(s->png)))
		return false;
	png_read_info(s->png, s->info);
	info->width = (int)png_get_image_width(s->png, s->info);
	info->height = (int)png_get_image_height(s->png, s->info);
	info->bit_depth = png_get_bit_depth(s->png, s->info);
	info->channels = png_get_channels(s->png, s->info);
	info->png_color_type = png_get_color_type(s->png, s->info);
	info->interlaced = png_get_interlace_type(s->png, s->info) != PNG_INTERLACE_NONE;
	info->has_trns = png_get_valid(s->png, s->info, PNG_INFO_tRNS) != 0;
	info->has_srgb_chunk = png_get_valid(s->png, s->info, PNG_INFO_sRGB) != 0;
	info->has_gama = png_get_valid(s->png, s->info, PNG_INFO_gAMA) != 0;
	if (png_get_valid(s->png, s->info, PNG_INFO_iCCP) &&
	    png_get_iCCP(s->png, s->info, &name, &ctype, &prof, &prof_len))
		al__icc_classify(info, prof, prof_len);
	return true;
}

al_status al__png_probe(const uint8_t *data, size_t len, al_info *info,
                        char *why, size_t why_len)
{
	png_state s = { 0 };
	al_status st = AL_ERR_DECODE;

	if (!png_begin(&s, data, len)) {
		al__why(why, why_len, "PNG: out of memory");
		st = AL_ERR_NOMEM;
		goto out;
	}
	if (!png_probe_run(&s, info)) {
		al__why(why, why_len, "%s", s.msg);
		goto out;
	}
	st = AL_OK;
out:
	png_end(&s);
	return st;
}

/* Reads the rows of an interlaced image pass by pass (Adam7: each pass is
 * a sub-image) into the reducer, so no full-size buffer is needed. */
static void png_read_passes(png_state *s, int w, int h)
{
	for (int pass = 0; pass < 7; pass++) {
		int pw = (int)PNG_PASS_COLS((png_uint_32)w, pass);
		int ph = (int)PNG_PASS_ROWS((png_uint_32)h, pass);
		/* libpng skips empty passes too */
		if (pw == 0 || ph == 0)
			continue;
		for (int r = 0; r < ph; r++) {
			png_read_row(s->png, s->row, NULL);
			al__reduce_row(&s->red, (int)PNG_PASS_START_ROW(pass) + r * (int)PNG_PASS_ROW_OFFSET(pass),
			               (int)PNG_PASS_START_COL(pass), (int)PNG_PASS_COL_OFFSET(pass),
			               s->row, pw);
		}
	}
}

/* Decodes into s->rgba (k == 1) or through s->red (k > 1). */
static bool png_decode_run(png_state *s, int w, int h, int k)
{
	int ctype;
	bool interlaced;

	if (setjmp(png_jmpbuf(s->png)))
		return false;
	png_read_info(s->png, s->info);
	if ((int)png_get_image_width(s->png, s->info) != w ||
	    (int)png_get_image_height(s->png, s->info) != h)
		png_error(s->png, "header changed between probe and decode");
	ctype = png_get_color_type(s->png, s->info);
	interlaced = png_get_interlace_type(s->png, s->info) != PNG_INTERLACE_NONE;
	/* palette -> RGB, gray < 8 bits -> 8 bits, tRNS -> alpha */
	png_set_expand(s->png);
	png_set_scale_16(s->png);
	if (!(ctype & PNG_COLOR_MASK_COLOR))
		png_set_gray_to_rgb(s->png);
	if (!(ctype & PNG_COLOR_MASK_ALPHA) && !png_get_valid(s->png, s->info, PNG_INFO_tRNS))
		png_set_add_alpha(s->png, 0xFF, PNG_FILLER_AFTER);
	/* reducing reads Adam7 passes as they are */
	if (k == 1)
		png_set_interlace_handling(s->png);
	s->rows_total = png_data_rows(w, h, interlaced);
	png_set_read_user_transform_fn(s->png, png_row_seen);
	png_read_update_info(s->png, s->info);
	if (png_get_rowbytes(s->png, s->info) != (size_t)w * 4)
		png_error(s->png, "unexpected row size after transformations");
	if (k == 1) {
		s->rgba = al_try_malloc_n((size_t)w * h, 4);
		s->rows = al_try_new(png_bytep, h);
		if (!s->rgba || !s->rows) {
			s->nomem = true;
			png_error(s->png, "out of memory");
		}
		for (int y = 0; y < h; y++)
			s->rows[y] = s->rgba + (size_t)y * w * 4;
		png_read_image(s->png, s->rows);
	} else {
		s->row = al_try_malloc_n(w, 4);
		if (!s->row || al__reduce_init(&s->red, w, h, k, false) != AL_OK) {
			s->nomem = true;
			png_error(s->png, "out of memory");
		}
		if (interlaced) {
			png_read_passes(s, w, h);
		} else {
			for (int y = 0; y < h; y++) {
				png_read_row(s->png, s->row, NULL);
				al__reduce_row(&s->red, y, 0, 1, s->row, w);
			}
		}
	}
	/* reads up to IEND: a file cut after its last IDAT is still truncated */
	png_read_end(s->png, NULL);
	return true;
}

/* The fast path (decode_png_fast.c) for an 8-bit non-interlaced image,
 * after png_probe_run() read the chunks before the image data into *s:
 * AL_OK with *pix filled, AL_ERR_NOMEM, or AL_ERR_UNSUPPORTED when libpng
 * must decode the file. */
static al_status png_fast(png_state *s, const al_info *hdr, int k, uint8_t **pix)
{
	al_png_fast_fmt f = { .width = hdr->width, .height = hdr->height };
	png_colorp pal = NULL;
	int npal = 0, ntrans = 0;
	png_bytep trans = NULL;
	png_color_16p key = NULL;
	size_t off = s->pos >= 8 ? s->pos - 8 : 0;

	*pix = NULL;
	if (!g_atomic_int_get(&al_png_fast) || hdr->bit_depth != 8 || hdr->interlaced)
		return AL_ERR_UNSUPPORTED;
	/* libpng stopped after the first IDAT's header */
	if (s->pos < 8 || memcmp(s->data + off + 4, "IDAT", 4) != 0)
		return AL_ERR_UNSUPPORTED;
	f.ctype = hdr->png_color_type;
	if (png_get_PLTE(s->png, s->info, &pal, &npal))
		for (int i = 0; i < npal && i < 256; i++) {
			f.pal[i][0] = pal[i].red;
			f.pal[i][1] = pal[i].green;
			f.pal[i][2] = pal[i].blue;
		}
	if (png_get_tRNS(s->png, s->info, &trans, &ntrans, &key)) {
		if (f.ctype == PNG_COLOR_TYPE_PALETTE && trans) {
			f.ntrans = MIN(ntrans, 256);
			memcpy(f.trans, trans, (size_t)f.ntrans);
		} else if (key && (f.ctype == PNG_COLOR_TYPE_GRAY || f.ctype == PNG_COLOR_TYPE_RGB)) {
			/* libpng compares the low byte of an 8-bit image's key */
			f.has_key = true;
			f.key[0] = (uint8_t)((f.ctype == PNG_COLOR_TYPE_GRAY ? key->gray : key->red) & 0xFF);
			f.key[1] = (uint8_t)(key->green & 0xFF);
			f.key[2] = (uint8_t)(key->blue & 0xFF);
		}
	}
	return al__png_fast(s->data, s->len, off, &f, k, pix);
}

al_status al__png_decode(const uint8_t *data, size_t len, size_t max_px,
                         al_image *img, char *why, size_t why_len)
{
	png_state s = { 0 };
	al_info hdr = { .orientation = 1 };
	al_status st = AL_ERR_DECODE;
	png_charp name;
	png_bytep prof;
	png_uint_32 prof_len;
	int ctype, k, w, h;
	uint8_t *pix = NULL, *conv = NULL;

	/* the header again (the caller's info may come from elsewhere), and
	 * libpng's reading of the chunks before the image data */
	if (!png_begin(&s, data, len)) {
		al__why(why, why_len, "PNG: out of memory");
		st = AL_ERR_NOMEM;
		goto out;
	}
	if (!png_probe_run(&s, &hdr)) {
		al__why(why, why_len, "%s", s.msg);
		goto out;
	}
	if (!al__rgba_size(hdr.width, hdr.height)) {
		al__why(why, why_len, "PNG: image too large for memory");
		st = AL_ERR_TOO_LARGE;
		goto out;
	}
	k = al__reduce_factor(hdr.width, hdr.height, max_px);
	st = png_fast(&s, &hdr, k, &pix);
	if (st == AL_OK) {
		w = al__reduce_dim(hdr.width, k);
		h = al__reduce_dim(hdr.height, k);
		goto convert;
	}
	if (st == AL_ERR_NOMEM) {
		al__why(why, why_len, "PNG: out of memory");
		goto out;
	}
	st = AL_ERR_DECODE;
	/* libpng, from the start */
	png_end(&s);
	memset(&s, 0, sizeof s);
	if (!png_begin(&s, data, len)) {
		al__why(why, why_len, "PNG: out of memory");
		st = AL_ERR_NOMEM;
		goto out;
	}
	/* stopped in the tail: every row is in, only the checks after the
	 * image (CRCs, IEND) are skipped */
	if (!png_decode_run(&s, hdr.width, hdr.height, k) && !s.tail_stop) {
		al__why(why, why_len, "%s", s.msg);
		if (s.nomem)
			st = AL_ERR_NOMEM;
		goto out;
	}
	if (k == 1) {
		pix = s.rgba;
		s.rgba = NULL;
		w = hdr.width;
		h = hdr.height;
	} else {
		pix = al__reduce_finish(&s.red);
		w = s.red.ow;
		h = s.red.oh;
		if (!pix) {
			al__why(why, why_len, "PNG: out of memory");
			st = AL_ERR_NOMEM;
			goto out;
		}
	}
convert:
	if (hdr.has_icc && !hdr.icc_is_srgb &&
	    png_get_iCCP(s.png, s.info, &name, &ctype, &prof, &prof_len) &&
	    al__icc_is_space(prof, prof_len, "RGB ")) {
		st = al__icc_to_srgb(pix, w, h, 4, false, prof, prof_len, &conv, why, why_len);
		if (st != AL_OK)
			goto out;
		g_free(pix);
		pix = conv;
		conv = NULL;
	}
	/* a GRAY profile: gray curves are near sRGB's; left as is */
	img->width = w;
	img->height = h;
	img->full_width = hdr.width;
	img->full_height = hdr.height;
	img->rgba = pix;
	pix = NULL;
	if (s.tail_stop)
		al__why(why, why_len, "PNG: the compressed image data goes on after the last row "
		        "(more than %u bytes; not read)", PNG_TAIL_MAX);
	else if (s.extra)
		al__why(why, why_len, "PNG: extra compressed data after the last row (ignored)");
	st = AL_OK;
out:
	g_free(pix);
	png_end(&s);
	return st;
}
