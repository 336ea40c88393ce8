/*
 * libvips: GIF and WebP, and the ICC conversion of non-sRGB profiles.
 * libvips is loaded (decode_vips_shim.c: dlopen, not linked) and started
 * only when a file needs it -- loading its ~100 libraries costs more than
 * checking a PNG -- and its loaders are allow-listed: the format comes
 * from our own sniff and only the GIF and WebP loaders are ever called;
 * every other loader is blocked (vips_operation_block_set), so TIFF, HEIF,
 * SVG, PDF... never reach their libraries, whatever the file is named.
 */
#include <stdio.h>
#include <string.h>
#include "decode.h"
#include "decode_vips_shim.h"

/* Serialises every libvips job: libvips keeps one error buffer per
 * process, so one job at a time keeps each file's reason its own (these
 * files are rare). */
G_LOCK_DEFINE_STATIC(vips_serial);
static gsize vips_started;
static bool vips_ok;

#define DECODED_FORMATS "PNG, JPEG, GIF and WebP"

/* Starts libvips once, from whichever thread meets the first file that
 * needs it.  The operation cache is off (every file is new) and one
 * worker thread per call: the pipeline already runs one file per core. */
static bool vips_start(char *why, size_t why_len)
{
	if (g_once_init_enter(&vips_started)) {
		/* vips_init() loads every module in $VIPSHOME/lib/vips-modules-8.x
		 * (default: its own library folder): ImageMagick, Poppler, HEIF,
		 * JPEG XL, OpenSlide and their libraries -- some 6 MiB and 60 ms
		 * for loaders the allow-list below blocks anyway, and code that
		 * runs when loaded.  /dev/null cannot hold a folder, so none is
		 * found.  setenv() while other threads run: glibc never frees the
		 * environment a first setenv() replaces, and nothing here set one
		 * before.  (libvips's own messages stay untranslated with it.) */
		g_setenv("VIPSHOME", "/dev/null", TRUE);
		/* al__vips_load checks the ABI, as VIPS_INIT would */
		if (al__vips_load(why, why_len) && vips_init("assetlint") == 0) {
			vips_block_untrusted_set(TRUE);
			/* the allow-list: every loader, then GIF and WebP back */
			vips_operation_block_set("VipsForeignLoad", TRUE);
			vips_operation_block_set("VipsForeignLoadNsgif", FALSE);
			vips_operation_block_set("VipsForeignLoadWebp", FALSE);
			vips_cache_set_max(0);
			vips_concurrency_set(1);
			vips_ok = true;
		}
		g_once_init_leave(&vips_started, 1);
	}
	/* al__vips_load says why it failed itself */
	if (!vips_ok && al__vips_load(why, why_len))
		al__why(why, why_len, "libvips: cannot start");
	return vips_ok;
}

/* See al_internal.h: make-set renders and resamples through the same
 * start-up and lock. */
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

/* Moves libvips's error text into @why. */
static void vips_why(char *why, size_t why_len, const char *what)
{
	char *msg = vips_error_buffer_copy();
	char *nl;

	g_strstrip(msg);
	/* the first line is the loader's reason; later lines repeat it */
	if ((nl = strchr(msg, '\n')))
		*nl = '\0';
	al__why(why, why_len, "%s: %s", what, *msg ? msg : "unknown error");
	g_free(msg);
}

/* Names formats the sniff does not know, for the message. */
static const char *other_format_name(const uint8_t *d, size_t n)
{
	static const char *const heif_brands[] = {
		"heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1", "avif", "avis",
	};
	const char *name = NULL;

	if (n >= 12 && memcmp(d + 4, "ftyp", 4) == 0) {
		for (size_t i = 0; i < G_N_ELEMENTS(heif_brands) && !name; i++)
			if (memcmp(d + 8, heif_brands[i], 4) == 0)
				name = "HEIF/AVIF";
	} else if ((n >= 2 && d[0] == 0xFF && d[1] == 0x0A) ||
	           (n >= 12 && memcmp(d, "\0\0\0\x0CJXL \r\n\x87\n", 12) == 0)) {
		name = "JPEG XL";
	} else if ((n >= 12 && memcmp(d, "\0\0\0\x0CjP  \r\n\x87\n", 12) == 0) ||
	           (n >= 4 && memcmp(d, "\xFF\x4F\xFF\x51", 4) == 0)) {
		name = "JPEG 2000";
	} else if (n >= 5 && memcmp(d, "%PDF-", 5) == 0) {
		name = "PDF";
	} else if (n >= 4 && memcmp(d, "8BPS", 4) == 0) {
		name = "Photoshop (PSD)";
	} else if (n >= 4 && memcmp(d, "\x76\x2F\x31\x01", 4) == 0) {
		name = "OpenEXR";
	} else if (n >= 4 && memcmp(d, "qoif", 4) == 0) {
		name = "QOI";
	} else if (n >= 3 && d[0] == 'P' && d[1] >= '1' && d[1] <= '7' && g_ascii_isspace(d[2])) {
		name = "PNM (PPM/PGM/PBM)";
	} else if (n >= 2 && memcmp(d, "#?", 2) == 0) {
		name = "Radiance HDR";
	} else if (n >= 9 && memcmp(d, "SIMPLE  =", 9) == 0) {
		name = "FITS";
	}
	return name;
}

/* Why @fmt (sniffed from @data) is not decoded; AL_ERR_UNSUPPORTED for a
 * known format (file-format reports it), AL_ERR_DECODE otherwise. */
static al_status not_decoded(const uint8_t *data, size_t len, al_format fmt,
                             char *why, size_t why_len)
{
	const char *other;
	al_status st = AL_ERR_UNSUPPORTED;

	if (fmt != AL_FMT_NONE && fmt != AL_FMT_OTHER) {
		char *up = g_ascii_strup(al_format_name(fmt), -1);
		al__why(why, why_len, "%s is not decoded: assetlint decodes %s", up, DECODED_FORMATS);
		g_free(up);
	} else if ((other = other_format_name(data, len))) {
		al__why(why, why_len, "a %s image; assetlint decodes only %s", other, DECODED_FORMATS);
		st = AL_ERR_DECODE;
	} else {
		al__why(why, why_len, "not a recognised image format");
		st = AL_ERR_DECODE;
	}
	return st;
}

/* Opens @data with the allow-listed loader for @fmt, header only (pixels
 * are read on demand).  Caller holds vips_serial and unrefs *out. */
static al_status vips_open(const uint8_t *data, size_t len, al_format fmt,
                           VipsImage **out, char *why, size_t why_len)
{
	al_status st = AL_ERR_DECODE;
	int r = -1;

	*out = NULL;
	if (fmt != AL_FMT_GIF && fmt != AL_FMT_WEBP) {
		st = not_decoded(data, len, fmt, why, why_len);
		goto out;
	}
	if (!vips_start(why, why_len))
		goto out;
	/* the error buffer is the process's: a warning of an earlier file
	 * that loaded (libvips says "exif too small" and goes on) would
	 * otherwise be this file's first line, its reason */
	vips_error_clear();
	/* fail_on error: a truncated file is an error, never a partial image */
	if (fmt == AL_FMT_GIF)
		r = vips_gifload_buffer((void *)data, len, out, "fail_on", VIPS_FAIL_ON_ERROR, NULL);
	else
		r = vips_webpload_buffer((void *)data, len, out, "fail_on", VIPS_FAIL_ON_ERROR, NULL);
	if (r != 0) {
		*out = NULL;
		vips_why(why, why_len, "libvips");
		vips_error_clear();
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
		al__icc_classify(info, icc, icc_len);
	if (vips_image_get_typeof(im, VIPS_META_ORIENTATION) &&
	    vips_image_get_int(im, VIPS_META_ORIENTATION, &orient) == 0 &&
	    orient >= 1 && orient <= 8)
		info->orientation = orient;
}

/* Turns any libvips image into 8-bit sRGB with alpha, reduced by an
 * alpha-weighted box to about @max_px pixels (0: not reduced), and copies
 * it out.  Caller g_free()s *rgba. */
static al_status vips_to_rgba(VipsImage *in, size_t max_px, uint8_t **rgba,
                              int *w, int *h, char *why, size_t why_len)
{
	VipsImage *base = vips_image_new();
	VipsImage **t = (VipsImage **)vips_object_local_array(VIPS_OBJECT(base), 8);
	VipsImage *cur = in;
	al_status st = AL_ERR_DECODE;
	size_t size = 0;
	void *mem = NULL;
	int k;

	vips_error_clear();     /* as in vips_open() */
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
		al__why(why, why_len, "libvips: cannot convert %d bands to RGBA",
		        vips_image_get_bands(cur));
		goto out;
	}
	k = max_px ? al__reduce_factor(vips_image_get_width(cur), vips_image_get_height(cur), max_px) : 1;
	if (k > 1) {
		if (vips_premultiply(cur, &t[4], NULL) ||
		    vips_shrink(t[4], &t[5], k, k, "ceil", TRUE, NULL) ||
		    vips_unpremultiply(t[5], &t[6], NULL) ||
		    vips_cast_uchar(t[6], &t[7], NULL))
			goto fail;
		cur = t[7];
	}
	if (!al__rgba_size(vips_image_get_width(cur), vips_image_get_height(cur))) {
		al__why(why, why_len, "image too large for memory");
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
	vips_error_clear();
out:
	g_object_unref(base);
	return st;
}

al_status al__icc_to_srgb(const uint8_t *pix, int w, int h, int bands,
                          bool cmyk, const void *icc, size_t icc_len,
                          uint8_t **rgba, char *why, size_t why_len)
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
	if (!in || vips_copy(in, &t[0], "interpretation",
	                     cmyk ? VIPS_INTERPRETATION_CMYK : VIPS_INTERPRETATION_sRGB, NULL)) {
		vips_why(why, why_len, "libvips");
		vips_error_clear();
		goto out;
	}
	vips_image_set_blob_copy(t[0], VIPS_META_ICC_NAME, icc, icc_len);
	st = vips_to_rgba(t[0], 0, rgba, &ow, &oh, why, why_len);
	if (st == AL_OK && (ow != w || oh != h)) {
		/* vips_to_rgba autorotates; our buffers carry no orientation */
		g_free(*rgba);
		*rgba = NULL;
		al__why(why, why_len, "libvips: ICC conversion changed the size");
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

al_status al__vips_probe(const uint8_t *data, size_t len, al_info *info,
                         char *why, size_t why_len)
{
	VipsImage *im = NULL;
	al_status st;

	G_LOCK(vips_serial);
	st = vips_open(data, len, info->format, &im, why, why_len);
	if (st == AL_OK)
		vips_probe_info(im, info);
	if (im)
		g_object_unref(im);
	G_UNLOCK(vips_serial);
	return st;
}

al_status al__vips_decode(const uint8_t *data, size_t len, al_format fmt,
                          size_t max_px, al_image *img, char *why, size_t why_len)
{
	VipsImage *im = NULL;
	al_status st;

	G_LOCK(vips_serial);
	st = vips_open(data, len, fmt, &im, why, why_len);
	if (st == AL_OK) {
		int o = 1, fw = vips_image_get_width(im), fh = vips_image_get_height(im);
		if (vips_image_get_typeof(im, VIPS_META_ORIENTATION))
			vips_image_get_int(im, VIPS_META_ORIENTATION, &o);
		st = vips_to_rgba(im, max_px, &img->rgba, &img->width, &img->height, why, why_len);
		img->full_width = o >= 5 && o <= 8 ? fh : fw;
		img->full_height = o >= 5 && o <= 8 ? fw : fh;
	}
	if (im)
		g_object_unref(im);
	G_UNLOCK(vips_serial);
	return st;
}
