/*
 * Format sniffing, header probing and decoding into one 8-bit sRGB RGBA
 * buffer.  PNG goes through libpng and JPEG through libjpeg-turbo (fast, and
 * their messages are precise); everything else, and the colour conversion of
 * an embedded non-sRGB ICC profile, goes through libvips, which is started
 * only when such a file is met (its start-up costs ~60 ms).
 *
 * Every function here is called concurrently from the pipeline's thread
 * pool: no state outside the call except the libvips start-up, done once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <png.h>
#include <jpeglib.h>
#include <jerror.h>
#include <vips/vips.h>
#include "al_internal.h"

/* Bounds ancillary PNG chunks (iCCP, zTXt...) so a hostile file cannot make
 * libpng inflate gigabytes of metadata. */
#define PNG_CHUNK_MAX (8u * 1024 * 1024)
/* libjpeg-turbo bounds: working memory and progressive scans (a file with
 * thousands of tiny scans is a known CPU bomb). */
#define JPEG_MEM_MAX (512L * 1024 * 1024)
#define JPEG_SCANS_MAX 1000

/* ---- small helpers ------------------------------------------------- */

static void set_why(char *why, size_t why_len, const char *fmt, ...)
	G_GNUC_PRINTF(3, 4);

static void set_why(char *why, size_t why_len, const char *fmt, ...)
{
	va_list ap;

	if (!why || why_len == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(why, why_len, fmt, ap);
	va_end(ap);
}

static uint32_t rd32be(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint16_t rd16(const uint8_t *p, bool le)
{
	return le ? (uint16_t)(p[0] | p[1] << 8) : (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t rd32(const uint8_t *p, bool le)
{
	return le ? (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	            (uint32_t)p[3] << 24
	          : rd32be(p);
}

/* Byte size of a w x h RGBA buffer, 0 when it would not fit a size_t (or
 * the dimensions are not positive). */
static size_t rgba_size(int w, int h)
{
	size_t size = 0;

	if (w > 0 && h > 0 && (size_t)w <= SIZE_MAX / 4 / (size_t)h)
		size = (size_t)w * (size_t)h * 4;
	return size;
}

/* ---- sniffing ------------------------------------------------------ */

static bool looks_like_svg(const uint8_t *buf, size_t len)
{
	size_t i = 0, n = MIN(len, (size_t)1024);

	if (n >= 3 && buf[0] == 0xEF && buf[1] == 0xBB && buf[2] == 0xBF)
		i = 3;
	while (i < n && g_ascii_isspace(buf[i]))
		i++;
	/* SVG is XML: the first non-blank character opens a tag (<?xml, a
	 * comment, a DOCTYPE or <svg itself). */
	return i < n && buf[i] == '<' && memmem(buf + i, n - i, "<svg", 4) != NULL;
}

/* Format from magic bytes; AL_FMT_NONE when none matches.  Borrows @buf. */
al_format al_sniff(const uint8_t *buf, size_t len)
{
	static const uint8_t png_sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
	al_format fmt = AL_FMT_NONE;

	if (!buf)
		len = 0;
	if (len >= 8 && memcmp(buf, png_sig, 8) == 0)
		fmt = AL_FMT_PNG;
	else if (len >= 3 && buf[0] == 0xFF && buf[1] == 0xD8 && buf[2] == 0xFF)
		fmt = AL_FMT_JPEG;
	else if (len >= 6 && (memcmp(buf, "GIF87a", 6) == 0 || memcmp(buf, "GIF89a", 6) == 0))
		fmt = AL_FMT_GIF;
	else if (len >= 12 && memcmp(buf, "RIFF", 4) == 0 && memcmp(buf + 8, "WEBP", 4) == 0)
		fmt = AL_FMT_WEBP;
	else if (len >= 2 && buf[0] == 'B' && buf[1] == 'M')
		fmt = AL_FMT_BMP;
	else if (len >= 4 && (memcmp(buf, "II*\0", 4) == 0 || memcmp(buf, "MM\0*", 4) == 0))
		fmt = AL_FMT_TIFF;
	else if (len >= 4 && buf[0] == 0 && buf[1] == 0 && buf[2] == 1 && buf[3] == 0)
		fmt = AL_FMT_ICO;
	else if (looks_like_svg(buf, len))
		fmt = AL_FMT_SVG;
	return fmt;
}

/* Format named by the extension of @path (case-insensitive). */
al_format al_format_from_ext(const char *path)
{
	static const struct { const char *ext; al_format fmt; } map[] = {
		{ "png", AL_FMT_PNG }, { "jpg", AL_FMT_JPEG }, { "jpeg", AL_FMT_JPEG },
		{ "jpe", AL_FMT_JPEG }, { "gif", AL_FMT_GIF }, { "webp", AL_FMT_WEBP },
		{ "bmp", AL_FMT_BMP }, { "tif", AL_FMT_TIFF }, { "tiff", AL_FMT_TIFF },
		{ "svg", AL_FMT_SVG }, { "ico", AL_FMT_ICO },
	};
	const char *base, *dot = NULL;
	al_format fmt = AL_FMT_NONE;

	if (path) {
		base = strrchr(path, '/');
		dot = strrchr(base ? base + 1 : path, '.');
	}
	for (size_t i = 0; dot && i < G_N_ELEMENTS(map); i++)
		if (g_ascii_strcasecmp(dot + 1, map[i].ext) == 0) {
			fmt = map[i].fmt;
			break;
		}
	return fmt;
}

/* ---- ICC profiles -------------------------------------------------- */

/* Copies the profile's description (tag 'desc', v2 textDescriptionType or
 * v4 multiLocalizedUnicodeType) into @out as printable ASCII; "" when the
 * profile has none.  Every offset is checked against @n. */
static void icc_description(const uint8_t *p, size_t n, char *out, size_t out_len)
{
	uint32_t count, off = 0, size = 0;
	const uint8_t *t;
	size_t k = 0;

	if (!p || n < 132)
		goto out;
	count = rd32be(p + 128);
	if (count > (n - 132) / 12)
		count = (uint32_t)((n - 132) / 12);
	for (uint32_t i = 0; i < count; i++) {
		const uint8_t *e = p + 132 + 12 * (size_t)i;
		if (memcmp(e, "desc", 4) == 0) {
			off = rd32be(e + 4);
			size = rd32be(e + 8);
			break;
		}
	}
	if (size < 12 || off > n || size > n - off)
		goto out;
	t = p + off;
	if (memcmp(t, "desc", 4) == 0) {
		uint32_t len = MIN(rd32be(t + 8), size - 12);
		for (uint32_t i = 0; i < len && t[12 + i] && k + 1 < out_len; i++) {
			uint8_t c = t[12 + i];
			out[k++] = (char)(c >= 0x20 && c < 0x7F ? c : '?');
		}
	} else if (memcmp(t, "mluc", 4) == 0 && size >= 28) {
		/* the first record: the profile's own language */
		uint32_t nrec = rd32be(t + 8), slen = rd32be(t + 20), soff = rd32be(t + 24);
		if (nrec == 0 || soff > size || slen > size - soff)
			goto out;
		for (uint32_t i = 0; i + 1 < slen && k + 1 < out_len; i += 2) {
			uint8_t hi = t[soff + i], lo = t[soff + i + 1];
			if (!hi && !lo)
				break;
			out[k++] = (char)(!hi && lo >= 0x20 && lo < 0x7F ? lo : '?');
		}
	}
out:
	out[k] = '\0';
	g_strstrip(out);
}

/* Fills has_icc, icc_desc and icc_is_srgb.  A profile is taken for sRGB
 * when its description names sRGB (every common sRGB profile does:
 * "sRGB IEC61966-2.1", "sRGB built-in", ...), or is Facebook's compact sRGB
 * profile "c2". */
static void icc_classify(al_info *info, const uint8_t *icc, size_t len)
{
	info->has_icc = true;
	icc_description(icc, len, info->icc_desc, sizeof info->icc_desc);
	info->icc_is_srgb = strcasestr(info->icc_desc, "srgb") != NULL ||
	                    strcmp(info->icc_desc, "c2") == 0;
}

/* ---- libvips, started lazily --------------------------------------- */

/* Serialises every libvips job (see al_probe). */
G_LOCK_DEFINE_STATIC(vips_serial);
static gsize vips_started;
static bool vips_ok;

/* Starts libvips once, from whichever thread meets the first file that
 * needs it.  Untrusted loaders (ImageMagick, SVG, PDF, matlab...) are
 * blocked: inputs come from pull requests.  The operation cache is off
 * (every file is new) and one worker thread per call: the pipeline already
 * runs one file per core. */
static bool vips_start(char *why, size_t why_len)
{
	if (g_once_init_enter(&vips_started)) {
		if (VIPS_INIT("assetlint") == 0) {
			vips_block_untrusted_set(TRUE);
			vips_cache_set_max(0);
			vips_concurrency_set(1);
			vips_ok = true;
		}
		g_once_init_leave(&vips_started, 1);
	}
	if (!vips_ok)
		set_why(why, why_len, "libvips: cannot start");
	return vips_ok;
}

/* See al_internal.h. */
bool al_vips_enter(char *why, size_t why_len)
{
	G_LOCK(vips_serial);
	if (vips_start(why, why_len))
		return true;
	G_UNLOCK(vips_serial);
	return false;
}

void al_vips_leave(void)
{
	G_UNLOCK(vips_serial);
}

/* Moves libvips's error text into @why.  libvips keeps one process-wide
 * buffer, so a concurrent failure may mix in; the text is only a message. */
static void vips_why(char *why, size_t why_len, const char *what)
{
	char *msg = vips_error_buffer_copy();
	char *nl;

	g_strstrip(msg);
	/* the first line is the loader's reason; later lines repeat it */
	if ((nl = strchr(msg, '\n')))
		*nl = '\0';
	set_why(why, why_len, "%s: %s", what, *msg ? msg : "unknown error");
	g_free(msg);
}

static al_format format_from_loader(const char *loader)
{
	static const struct { const char *key; al_format fmt; } map[] = {
		{ "Png", AL_FMT_PNG }, { "Jpeg", AL_FMT_JPEG }, { "Gif", AL_FMT_GIF },
		{ "Webp", AL_FMT_WEBP }, { "Tiff", AL_FMT_TIFF }, { "Svg", AL_FMT_SVG },
		{ "Bmp", AL_FMT_BMP },
	};
	al_format fmt = AL_FMT_OTHER;

	for (size_t i = 0; i < G_N_ELEMENTS(map); i++)
		if (strstr(loader, map[i].key)) {
			fmt = map[i].fmt;
			break;
		}
	return fmt;
}

/* Opens @data through libvips, header only (pixels are read on demand).
 * Caller unrefs *out. */
static al_status vips_open(const uint8_t *data, size_t len, al_format fmt,
                           VipsImage **out, const char **loader,
                           char *why, size_t why_len)
{
	al_status st = AL_ERR_DECODE;
	char msg[256];

	*out = NULL;
	if (!vips_start(why, why_len))
		goto out;
	*loader = vips_foreign_find_load_buffer(data, len);
	if (!*loader) {
		vips_error_clear();
		if (fmt == AL_FMT_NONE) {
			set_why(why, why_len, "not a recognised image format");
		} else {
			/* a known format whose only loader is blocked (SVG and
			 * ICO need untrusted loaders) or missing */
			set_why(why, why_len, "no trusted decoder for %s",
			        al_format_name(fmt));
			st = AL_ERR_UNSUPPORTED;
		}
		goto out;
	}
	/* fail_on error: a truncated file is an error, never a partial image */
	*out = vips_image_new_from_buffer(data, len, "", "fail_on", VIPS_FAIL_ON_ERROR, NULL);
	if (!*out) {
		vips_why(msg, sizeof msg, "libvips");
		/* libvips has no public "is blocked" query: its message says */
		if (!strstr(msg, "is blocked")) {
			set_why(why, why_len, "%s", msg);
		} else if (fmt == AL_FMT_NONE) {
			set_why(why, why_len, "not a recognised image format");
		} else {
			const char *nick = vips_nickname_find(g_type_from_name(*loader));
			set_why(why, why_len, "no trusted decoder for %s (%s is blocked as untrusted)",
			        al_format_name(fmt), nick ? nick : *loader);
			st = AL_ERR_UNSUPPORTED;
		}
		goto out;
	}
	st = AL_OK;
out:
	return st;
}

static int vips_bits(VipsBandFormat f)
{
	int bits = 32;

	if (f == VIPS_FORMAT_UCHAR || f == VIPS_FORMAT_CHAR)
		bits = 8;
	else if (f == VIPS_FORMAT_USHORT || f == VIPS_FORMAT_SHORT)
		bits = 16;
	return bits;
}

static void vips_probe_info(VipsImage *im, al_info *info)
{
	const void *icc;
	size_t icc_len;
	int orient;

	info->width = vips_image_get_width(im);
	info->height = vips_image_get_height(im);
	info->channels = vips_image_get_bands(im);
	info->bit_depth = vips_bits(vips_image_get_format(im));
	info->png_color_type = -1;
	info->cmyk = vips_image_get_interpretation(im) == VIPS_INTERPRETATION_CMYK;
	if (vips_image_get_typeof(im, VIPS_META_ICC_NAME) &&
	    vips_image_get_blob(im, VIPS_META_ICC_NAME, &icc, &icc_len) == 0)
		icc_classify(info, icc, icc_len);
	if (vips_image_get_typeof(im, VIPS_META_ORIENTATION) &&
	    vips_image_get_int(im, VIPS_META_ORIENTATION, &orient) == 0 &&
	    orient >= 1 && orient <= 8)
		info->orientation = orient;
}

/* Turns any libvips image into 8-bit sRGB with alpha and copies it out.
 * Caller g_free()s *rgba. */
static al_status vips_to_rgba(VipsImage *in, uint8_t **rgba, int *w, int *h,
                              char *why, size_t why_len)
{
	VipsImage *base = vips_image_new();
	VipsImage **t = (VipsImage **)vips_object_local_array(VIPS_OBJECT(base), 6);
	VipsImage *cur = in;
	al_status st = AL_ERR_DECODE;
	size_t size = 0;
	void *mem = NULL;

	if (vips_autorot(cur, &t[0], NULL))
		goto fail;
	cur = t[0];
	if (vips_image_get_typeof(cur, VIPS_META_ICC_NAME)) {
		/* convert from the embedded profile; 8-bit output */
		if (vips_icc_transform(cur, &t[1], "srgb", "embedded", TRUE,
		                       "intent", VIPS_INTENT_RELATIVE, "depth", 8, NULL))
			goto fail;
		cur = t[1];
	} else if (vips_image_get_interpretation(cur) != VIPS_INTERPRETATION_sRGB ||
	           vips_image_get_format(cur) != VIPS_FORMAT_UCHAR) {
		if (vips_colourspace(cur, &t[1], VIPS_INTERPRETATION_sRGB, NULL))
			goto fail;
		cur = t[1];
	}
	if (vips_image_get_format(cur) != VIPS_FORMAT_UCHAR) {
		if (vips_cast_uchar(cur, &t[2], NULL))
			goto fail;
		cur = t[2];
	}
	if (vips_image_get_bands(cur) == 3) {
		if (vips_bandjoin_const1(cur, &t[3], 255, NULL))
			goto fail;
		cur = t[3];
	} else if (vips_image_get_bands(cur) > 4) {
		if (vips_extract_band(cur, &t[3], 0, "n", 4, NULL))
			goto fail;
		cur = t[3];
	}
	if (vips_image_get_bands(cur) != 4) {
		set_why(why, why_len, "libvips: cannot convert %d bands to RGBA",
		        vips_image_get_bands(cur));
		goto out;
	}
	if (!rgba_size(vips_image_get_width(cur), vips_image_get_height(cur))) {
		set_why(why, why_len, "image too large for memory");
		st = AL_ERR_TOO_LARGE;
		goto out;
	}
	mem = vips_image_write_to_memory(cur, &size);
	if (!mem)
		goto fail;
	*w = vips_image_get_width(cur);
	*h = vips_image_get_height(cur);
	*rgba = mem;
	mem = NULL;
	st = AL_OK;
	goto out;
fail:
	vips_why(why, why_len, "libvips");
out:
	g_object_unref(base);
	return st;
}

/* Converts @pix (@bands bands of uchar, w x h, in the colour space of the
 * ICC profile @icc) to sRGB RGBA.  Caller g_free()s *rgba. */
static al_status icc_to_srgb(const uint8_t *pix, int w, int h, int bands,
                             VipsInterpretation interp, const void *icc,
                             size_t icc_len, uint8_t **rgba,
                             char *why, size_t why_len)
{
	VipsImage *base = NULL, *in = NULL;
	VipsImage **t;
	al_status st = AL_ERR_DECODE;
	int ow = 0, oh = 0;

	G_LOCK(vips_serial);
	if (!vips_start(why, why_len))
		goto out;
	base = vips_image_new();
	t = (VipsImage **)vips_object_local_array(VIPS_OBJECT(base), 2);
	in = vips_image_new_from_memory(pix, (size_t)w * h * bands, w, h, bands,
	                                VIPS_FORMAT_UCHAR);
	if (!in || vips_copy(in, &t[0], "interpretation", interp, NULL)) {
		vips_why(why, why_len, "libvips");
		goto out;
	}
	vips_image_set_blob_copy(t[0], VIPS_META_ICC_NAME, icc, icc_len);
	st = vips_to_rgba(t[0], rgba, &ow, &oh, why, why_len);
	if (st == AL_OK && (ow != w || oh != h)) {
		/* vips_to_rgba autorotates; our buffers carry no orientation */
		g_free(*rgba);
		*rgba = NULL;
		set_why(why, why_len, "libvips: ICC conversion changed the size");
		st = AL_ERR_DECODE;
	}
out:
	if (in)
		g_object_unref(in);
	if (base)
		g_object_unref(base);
	G_UNLOCK(vips_serial);
	return st;
}

/* ---- PNG (libpng) -------------------------------------------------- */

typedef struct {
	const uint8_t *data;
	size_t len, pos;
	char msg[200];
	png_structp png;
	png_infop info;
	uint8_t *rgba;           /* decode output */
	png_bytep *rows;
} png_state;

static void png_err_fn(png_structp png, png_const_charp msg)
{
	png_state *s = png_get_error_ptr(png);
	snprintf(s->msg, sizeof s->msg, "PNG: %s", msg);
	png_longjmp(png, 1);
}

/* Ancillary-chunk trouble is not a reason to refuse the image. */
static void png_warn_fn(png_structp png, png_const_charp msg)
{
	(void)png;
	(void)msg;
}

static void png_read_fn(png_structp png, png_bytep out, size_t n)
{
	png_state *s = png_get_io_ptr(png);
	if (n > s->len - s->pos)
		png_error(png, "file is truncated (unexpected end of data)");
	memcpy(out, s->data + s->pos, n);
	s->pos += n;
}

static bool png_begin(png_state *s, const uint8_t *data, size_t len)
{
	s->data = data;
	s->len = len;
	s->png = png_create_read_struct(PNG_LIBPNG_VER_STRING, s, png_err_fn, png_warn_fn);
	if (s->png)
		s->info = png_create_info_struct(s->png);
	if (s->info) {
		png_set_read_fn(s->png, s, png_read_fn);
		png_set_chunk_malloc_max(s->png, PNG_CHUNK_MAX);
	}
	return s->info != NULL;
}

static void png_end(png_state *s)
{
	if (s->png)
		png_destroy_read_struct(&s->png, s->info ? &s->info : NULL, NULL);
	g_free(s->rows);
	g_free(s->rgba);
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
		icc_classify(info, prof, prof_len);
	return true;
}

static al_status png_probe(const uint8_t *data, size_t len, al_info *info,
                           char *why, size_t why_len)
{
	png_state s = { 0 };
	al_status st = AL_ERR_DECODE;

	if (!png_begin(&s, data, len)) {
		set_why(why, why_len, "PNG: out of memory");
		st = AL_ERR_NOMEM;
		goto out;
	}
	if (!png_probe_run(&s, info)) {
		set_why(why, why_len, "%s", s.msg);
		goto out;
	}
	st = AL_OK;
out:
	png_end(&s);
	return st;
}

static bool png_decode_run(png_state *s, int w, int h)
{
	int ctype;

	if (setjmp(png_jmpbuf(s->png)))
		return false;
	png_read_info(s->png, s->info);
	if ((int)png_get_image_width(s->png, s->info) != w ||
	    (int)png_get_image_height(s->png, s->info) != h)
		png_error(s->png, "header changed between probe and decode");
	ctype = png_get_color_type(s->png, s->info);
	/* palette -> RGB, gray < 8 bits -> 8 bits, tRNS -> alpha */
	png_set_expand(s->png);
	png_set_scale_16(s->png);
	if (!(ctype & PNG_COLOR_MASK_COLOR))
		png_set_gray_to_rgb(s->png);
	if (!(ctype & PNG_COLOR_MASK_ALPHA) && !png_get_valid(s->png, s->info, PNG_INFO_tRNS))
		png_set_add_alpha(s->png, 0xFF, PNG_FILLER_AFTER);
	png_set_interlace_handling(s->png);
	png_read_update_info(s->png, s->info);
	if (png_get_rowbytes(s->png, s->info) != (size_t)w * 4)
		png_error(s->png, "unexpected row size after transformations");
	s->rgba = g_try_malloc((size_t)w * h * 4);
	s->rows = g_try_new(png_bytep, h);
	if (!s->rgba || !s->rows)
		png_error(s->png, "out of memory");
	for (int y = 0; y < h; y++)
		s->rows[y] = s->rgba + (size_t)y * w * 4;
	png_read_image(s->png, s->rows);
	/* reads up to IEND: a file cut after its last IDAT is still truncated */
	png_read_end(s->png, NULL);
	return true;
}

/* ---- JPEG (libjpeg-turbo) ------------------------------------------ */

typedef struct {
	struct jpeg_error_mgr pub;
	jmp_buf jmp;
	char msg[JMSG_LENGTH_MAX + 8];
	bool data_lost;          /* a warning that means pixels are missing */
	char lost_msg[JMSG_LENGTH_MAX + 8];
} jpeg_err;

typedef struct {
	struct jpeg_decompress_struct cinfo;
	jpeg_err err;
	struct jpeg_progress_mgr progress;
	bool created;
	JOCTET *icc;             /* malloc()ed by libjpeg */
	unsigned int icc_len;
	uint8_t *pix;            /* decoded rows: 4 bytes per pixel */
	JSAMPROW row[1];
} jpeg_state;

static void jpeg_error_exit(j_common_ptr c)
{
	jpeg_err *e = (jpeg_err *)c->err;
	char buf[JMSG_LENGTH_MAX];

	c->err->format_message(c, buf);
	snprintf(e->msg, sizeof e->msg, "JPEG: %s", buf);
	longjmp(e->jmp, 1);
}

/* Warnings go nowhere (never stderr), except those that say data is
 * missing: a truncated JPEG decodes to grey rows, which must not pass. */
static void jpeg_emit(j_common_ptr c, int level)
{
	jpeg_err *e = (jpeg_err *)c->err;
	char buf[JMSG_LENGTH_MAX];

	if (level >= 0)
		return;
	c->err->num_warnings++;
	if (!e->data_lost && (c->err->msg_code == JWRN_JPEG_EOF ||
	                      c->err->msg_code == JWRN_HIT_MARKER)) {
		c->err->format_message(c, buf);
		snprintf(e->lost_msg, sizeof e->lost_msg, "JPEG: %s", buf);
		e->data_lost = true;
	}
}

static void jpeg_progress(j_common_ptr c)
{
	jpeg_err *e = (jpeg_err *)c->err;

	if (c->is_decompressor &&
	    ((j_decompress_ptr)c)->input_scan_number > JPEG_SCANS_MAX) {
		snprintf(e->msg, sizeof e->msg, "JPEG: more than %d scans", JPEG_SCANS_MAX);
		longjmp(e->jmp, 1);
	}
}

/* EXIF orientation from an APP1 "Exif" payload: the TIFF IFD0 tag 0x0112,
 * either byte order.  1 when absent or invalid. */
static int exif_orientation(const uint8_t *p, size_t n)
{
	const uint8_t *t;
	size_t tn, ifd;
	bool le;
	unsigned count;
	int orientation = 1;

	if (n < 6 + 8 || memcmp(p, "Exif\0\0", 6) != 0)
		goto out;
	t = p + 6;
	tn = n - 6;
	if (memcmp(t, "II", 2) != 0 && memcmp(t, "MM", 2) != 0)
		goto out;
	le = t[0] == 'I';
	if (rd16(t + 2, le) != 42)
		goto out;
	ifd = rd32(t + 4, le);
	if (ifd > tn || tn - ifd < 2)
		goto out;
	count = rd16(t + ifd, le);
	for (unsigned i = 0; i < count; i++) {
		size_t e = ifd + 2 + 12 * (size_t)i;
		if (e > tn || tn - e < 12)
			break;
		if (rd16(t + e, le) == 0x0112 && rd16(t + e + 2, le) == 3 &&
		    rd32(t + e + 4, le) >= 1) {
			int v = rd16(t + e + 8, le);
			if (v >= 1 && v <= 8)
				orientation = v;
			break;
		}
	}
out:
	return orientation;
}

static void jpeg_begin(jpeg_state *s)
{
	s->cinfo.err = jpeg_std_error(&s->err.pub);
	s->err.pub.error_exit = jpeg_error_exit;
	s->err.pub.emit_message = jpeg_emit;
}

static void jpeg_end(jpeg_state *s)
{
	if (s->created)
		jpeg_destroy_decompress(&s->cinfo);
	free(s->icc);
	g_free(s->pix);
}

/* Reads the header of @data into *s and @info; setjmp here, state in *s. */
static bool jpeg_header_run(jpeg_state *s, const uint8_t *data, size_t len,
                            al_info *info)
{
	if (setjmp(s->err.jmp))
		return false;
	jpeg_create_decompress(&s->cinfo);
	s->created = true;
	s->cinfo.mem->max_memory_to_use = JPEG_MEM_MAX;
	s->progress.progress_monitor = jpeg_progress;
	s->cinfo.progress = &s->progress;
	jpeg_mem_src(&s->cinfo, data, (unsigned long)len);
	jpeg_save_markers(&s->cinfo, JPEG_APP0 + 1, 0xFFFF);
	jpeg_save_markers(&s->cinfo, JPEG_APP0 + 2, 0xFFFF);
	jpeg_read_header(&s->cinfo, TRUE);
	info->width = (int)s->cinfo.image_width;
	info->height = (int)s->cinfo.image_height;
	info->bit_depth = s->cinfo.data_precision;
	info->channels = s->cinfo.num_components;
	info->png_color_type = -1;
	info->progressive = s->cinfo.progressive_mode;
	info->cmyk = s->cinfo.jpeg_color_space == JCS_CMYK ||
	             s->cinfo.jpeg_color_space == JCS_YCCK;
	for (jpeg_saved_marker_ptr m = s->cinfo.marker_list; m; m = m->next)
		if (m->marker == JPEG_APP0 + 1) {
			int o = exif_orientation(m->data, m->data_length);
			if (o != 1) {
				info->orientation = o;
				break;
			}
		}
	if (jpeg_read_icc_profile(&s->cinfo, &s->icc, &s->icc_len))
		icc_classify(info, s->icc, s->icc_len);
	return true;
}

static al_status jpeg_probe(const uint8_t *data, size_t len, al_info *info,
                            char *why, size_t why_len)
{
	jpeg_state s = { 0 };
	al_status st = AL_ERR_DECODE;

	jpeg_begin(&s);
	if (!jpeg_header_run(&s, data, len, info)) {
		set_why(why, why_len, "%s", s.err.msg);
		goto out;
	}
	if (s.err.data_lost) {
		set_why(why, why_len, "%s", s.err.lost_msg);
		goto out;
	}
	st = AL_OK;
out:
	jpeg_end(&s);
	return st;
}

/* Decodes rows into s->pix: RGBA, or CMYK when @cmyk. */
static bool jpeg_decode_run(jpeg_state *s, bool cmyk)
{
	size_t stride;

	if (setjmp(s->err.jmp))
		return false;
	s->cinfo.out_color_space = cmyk ? JCS_CMYK : JCS_EXT_RGBA;
	jpeg_start_decompress(&s->cinfo);
	if (s->cinfo.output_components != 4)
		ERREXIT(&s->cinfo, JERR_CONVERSION_NOTIMPL);
	stride = (size_t)s->cinfo.output_width * 4;
	s->pix = g_try_malloc(stride * s->cinfo.output_height);
	if (!s->pix)
		ERREXIT1(&s->cinfo, JERR_OUT_OF_MEMORY, 0);
	while (s->cinfo.output_scanline < s->cinfo.output_height) {
		s->row[0] = s->pix + stride * s->cinfo.output_scanline;
		jpeg_read_scanlines(&s->cinfo, s->row, 1);
	}
	jpeg_finish_decompress(&s->cinfo);
	return true;
}

/* Naive CMYK -> RGB in place.  Adobe's files store inverted values. */
static void cmyk_to_rgba(uint8_t *p, size_t n, bool inverted)
{
	for (size_t i = 0; i < n; i++, p += 4) {
		unsigned c = p[0], m = p[1], y = p[2], k = p[3];
		if (!inverted) {
			c = 255 - c; m = 255 - m; y = 255 - y; k = 255 - k;
		}
		/* now c,m,y,k are "amount of white": R = (1-C)(1-K) */
		p[0] = (uint8_t)((c * k + 127) / 255);
		p[1] = (uint8_t)((m * k + 127) / 255);
		p[2] = (uint8_t)((y * k + 127) / 255);
		p[3] = 255;
	}
}

/* Applies EXIF orientation 2..8 to @src (w x h RGBA); returns a new buffer
 * (caller g_free()s) and sets *ow, *oh. */
static uint8_t *orient_rgba(const uint8_t *src, int w, int h, int o, int *ow, int *oh)
{
	bool swap = o >= 5;
	int W = swap ? h : w, H = swap ? w : h;
	uint32_t *dst = g_try_new(uint32_t, (size_t)W * H);
	const uint32_t *s = (const uint32_t *)src;

	for (int dy = 0; dst && dy < H; dy++)
		for (int dx = 0; dx < W; dx++) {
			int sx, sy;
			switch (o) {
			case 2: sx = w - 1 - dx; sy = dy; break;
			case 3: sx = w - 1 - dx; sy = h - 1 - dy; break;
			case 4: sx = dx; sy = h - 1 - dy; break;
			case 5: sx = dy; sy = dx; break;
			case 6: sx = dy; sy = h - 1 - dx; break;
			case 7: sx = w - 1 - dy; sy = h - 1 - dx; break;
			case 8: sx = w - 1 - dy; sy = dx; break;
			default: sx = dx; sy = dy; break;
			}
			dst[(size_t)dy * W + dx] = s[(size_t)sy * w + sx];
		}
	*ow = W;
	*oh = H;
	return (uint8_t *)dst;
}

static bool icc_is_space(const void *icc, size_t len, const char *space)
{
	return icc && len >= 20 && memcmp((const uint8_t *)icc + 16, space, 4) == 0;
}

static al_status jpeg_decode(const uint8_t *data, size_t len, const al_info *info,
                             al_image *img, char *why, size_t why_len)
{
	jpeg_state s = { 0 };
	al_info hdr = { .orientation = 1 };
	al_status st = AL_ERR_DECODE;
	uint8_t *rgba = NULL, *conv = NULL;
	int w, h;

	jpeg_begin(&s);
	if (!jpeg_header_run(&s, data, len, &hdr)) {
		set_why(why, why_len, "%s", s.err.msg);
		goto out;
	}
	if (!rgba_size(hdr.width, hdr.height)) {
		set_why(why, why_len, "JPEG: image too large for memory");
		st = AL_ERR_TOO_LARGE;
		goto out;
	}
	if (!jpeg_decode_run(&s, hdr.cmyk)) {
		set_why(why, why_len, "%s", s.err.msg);
		goto out;
	}
	if (s.err.data_lost) {
		set_why(why, why_len, "%s", s.err.lost_msg);
		goto out;
	}
	w = (int)s.cinfo.output_width;
	h = (int)s.cinfo.output_height;
	if (hdr.cmyk && icc_is_space(s.icc, s.icc_len, "CMYK")) {
		/* libjpeg hands Adobe's inverted values; the profile wants ink */
		if (s.cinfo.saw_Adobe_marker)
			for (size_t i = 0; i < (size_t)w * h * 4; i++)
				s.pix[i] = (uint8_t)(255 - s.pix[i]);
		st = icc_to_srgb(s.pix, w, h, 4, VIPS_INTERPRETATION_CMYK,
		                 s.icc, s.icc_len, &conv, why, why_len);
		if (st != AL_OK)
			goto out;
		g_free(s.pix);
		s.pix = conv;
		conv = NULL;
	} else if (hdr.cmyk) {
		cmyk_to_rgba(s.pix, (size_t)w * h, s.cinfo.saw_Adobe_marker);
	} else if (hdr.has_icc && !hdr.icc_is_srgb && icc_is_space(s.icc, s.icc_len, "RGB ")) {
		st = icc_to_srgb(s.pix, w, h, 4, VIPS_INTERPRETATION_sRGB,
		                 s.icc, s.icc_len, &conv, why, why_len);
		if (st != AL_OK)
			goto out;
		g_free(s.pix);
		s.pix = conv;
		conv = NULL;
	}
	/* a gray ICC profile on a gray JPEG: the gray curve is near sRGB's in
	 * practice; left as is */
	if (hdr.orientation >= 2 && hdr.orientation <= 8) {
		rgba = orient_rgba(s.pix, w, h, hdr.orientation, &img->width, &img->height);
		if (!rgba) {
			set_why(why, why_len, "JPEG: out of memory");
			st = AL_ERR_NOMEM;
			goto out;
		}
	} else {
		rgba = s.pix;
		s.pix = NULL;
		img->width = w;
		img->height = h;
	}
	img->rgba = rgba;
	rgba = NULL;
	st = AL_OK;
	(void)info;
out:
	jpeg_end(&s);
	return st;
}

static al_status png_decode(const uint8_t *data, size_t len, const al_info *info,
                            al_image *img, char *why, size_t why_len)
{
	png_state s = { 0 };
	al_info hdr = { .orientation = 1 };
	al_status st = AL_ERR_DECODE;
	png_charp name;
	png_bytep prof;
	png_uint_32 prof_len;
	int ctype;
	uint8_t *conv = NULL;

	/* the header again: info may come from a caller that never probed */
	st = png_probe(data, len, &hdr, why, why_len);
	if (st != AL_OK)
		goto out;
	st = AL_ERR_DECODE;
	if (!rgba_size(hdr.width, hdr.height)) {
		set_why(why, why_len, "PNG: image too large for memory");
		st = AL_ERR_TOO_LARGE;
		goto out;
	}
	if (!png_begin(&s, data, len)) {
		set_why(why, why_len, "PNG: out of memory");
		st = AL_ERR_NOMEM;
		goto out;
	}
	if (!png_decode_run(&s, hdr.width, hdr.height)) {
		set_why(why, why_len, "%s", s.msg);
		goto out;
	}
	if (hdr.has_icc && !hdr.icc_is_srgb &&
	    png_get_iCCP(s.png, s.info, &name, &ctype, &prof, &prof_len)) {
		if (icc_is_space(prof, prof_len, "RGB ")) {
			st = icc_to_srgb(s.rgba, hdr.width, hdr.height, 4,
			                 VIPS_INTERPRETATION_sRGB, prof, prof_len,
			                 &conv, why, why_len);
			if (st != AL_OK)
				goto out;
			g_free(s.rgba);
			s.rgba = conv;
			conv = NULL;
		}
		/* a GRAY profile: gray curves are near sRGB's; left as is */
	}
	img->width = hdr.width;
	img->height = hdr.height;
	img->rgba = s.rgba;
	s.rgba = NULL;
	st = AL_OK;
	(void)info;
out:
	png_end(&s);
	return st;
}

/* ---- public entry points ------------------------------------------- */

/* Header only, no pixels; borrows @data, fills the caller's @info and
 * @why.  libvips starts here only for formats other than PNG and JPEG. */
al_status al_probe(const uint8_t *data, size_t len, al_info *info,
                   char *why, size_t why_len)
{
	VipsImage *im = NULL;
	const char *loader = NULL;
	al_status st = AL_ERR_DECODE;

	memset(info, 0, sizeof *info);
	info->orientation = 1;
	info->png_color_type = -1;
	if (why && why_len)
		why[0] = '\0';
	if (!data || len == 0) {
		set_why(why, why_len, "empty file");
		goto out;
	}
	info->format = al_sniff(data, len);
	switch (info->format) {
	case AL_FMT_PNG:
		st = png_probe(data, len, info, why, why_len);
		break;
	case AL_FMT_JPEG:
		st = jpeg_probe(data, len, info, why, why_len);
		break;
	default:
		/* libvips keeps one error buffer per process: one libvips job at
		 * a time keeps each file's reason its own (these formats are rare). */
		G_LOCK(vips_serial);
		st = vips_open(data, len, info->format, &im, &loader, why, why_len);
		if (st == AL_OK) {
			if (info->format == AL_FMT_NONE)
				info->format = format_from_loader(loader);
			vips_probe_info(im, info);
		}
		if (im)
			g_object_unref(im);
		G_UNLOCK(vips_serial);
		break;
	}
out:
	return st;
}

/* Pixels into img->rgba, which the caller g_free()s; NULL on failure.
 * Borrows @data and @info (may be NULL: the format is then sniffed). */
al_status al_decode(const uint8_t *data, size_t len, const al_info *info,
                    al_image *img, char *why, size_t why_len)
{
	VipsImage *im = NULL;
	const char *loader = NULL;
	al_status st = AL_ERR_DECODE;
	al_format fmt;

	img->width = img->height = 0;
	img->rgba = NULL;
	if (why && why_len)
		why[0] = '\0';
	if (!data || len == 0) {
		set_why(why, why_len, "empty file");
		goto out;
	}
	fmt = info ? info->format : al_sniff(data, len);
	switch (fmt) {
	case AL_FMT_PNG:
		st = png_decode(data, len, info, img, why, why_len);
		break;
	case AL_FMT_JPEG:
		st = jpeg_decode(data, len, info, img, why, why_len);
		break;
	default:
		G_LOCK(vips_serial);
		st = vips_open(data, len, fmt, &im, &loader, why, why_len);
		if (st == AL_OK)
			st = vips_to_rgba(im, &img->rgba, &img->width, &img->height, why, why_len);
		if (im)
			g_object_unref(im);
		G_UNLOCK(vips_serial);
		break;
	}
out:
	return st;
}
