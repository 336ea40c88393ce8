/*
 * Format sniffing, header probing and decoding into one 8-bit sRGB RGBA
 * buffer: the entry points and what the format decoders share.  PNG goes
 * through libpng (decode_png.c) and JPEG through libjpeg-turbo
 * (decode_jpeg.c): fast, and their messages are precise.  A still WebP
 * goes through libwebp (decode_webp.c) and a still GIF through giflib
 * (decode_gif.c), each with libvips's pixels.  The other GIF and WebP
 * files, and the colour conversion of an embedded non-sRGB ICC profile,
 * go through libvips (decode_vips.c), started only when such a file is
 * met; no other format is decoded.
 *
 * Memory per file is bounded whatever the header says: an image far
 * larger than its role is decoded straight into a reduced buffer
 * (reduce.c), so no buffer above about @max_px pixels exists.
 *
 * Every function here is called concurrently from the pipeline's thread
 * pool: no state outside the call except the libvips start-up, done once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "decode.h"

/* ---- small helpers ------------------------------------------------- */

void al__why(char *why, size_t why_len, const char *fmt, ...)
{
	va_list ap;

	if (!why || why_len == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(why, why_len, fmt, ap);
	va_end(ap);
}

uint32_t al__rd32be(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

size_t al__rgba_size(int w, int h)
{
	size_t size = 0;

	if (w > 0 && h > 0 && (size_t)w <= SIZE_MAX / 4 / (size_t)h)
		size = (size_t)w * (size_t)h * 4;
	return size;
}

void al__native_image(al_image *img, uint8_t *rgba, int w, int h, bool three, gint *used)
{
	size_t size = al__rgba_size(w, h);

	for (size_t i = 3; three && i < size; i += 4)
		rgba[i] = 255;
	img->rgba = rgba;
	img->width = img->full_width = w;
	img->height = img->full_height = h;
	g_atomic_int_inc(used);
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
	count = al__rd32be(p + 128);
	if (count > (n - 132) / 12)
		count = (uint32_t)((n - 132) / 12);
	for (uint32_t i = 0; i < count; i++) {
		const uint8_t *e = p + 132 + 12 * (size_t)i;
		if (memcmp(e, "desc", 4) == 0) {
			off = al__rd32be(e + 4);
			size = al__rd32be(e + 8);
			break;
		}
	}
	if (size < 12 || off > n || size > n - off)
		goto out;
	t = p + off;
	if (memcmp(t, "desc", 4) == 0) {
		uint32_t len = MIN(al__rd32be(t + 8), size - 12);
		for (uint32_t i = 0; i < len && t[12 + i] && k + 1 < out_len; i++) {
			uint8_t c = t[12 + i];
			out[k++] = (char)(c >= 0x20 && c < 0x7F ? c : '?');
		}
	} else if (memcmp(t, "mluc", 4) == 0 && size >= 28) {
		/* the first record: the profile's own language */
		uint32_t nrec = al__rd32be(t + 8), slen = al__rd32be(t + 20), soff = al__rd32be(t + 24);
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

/* A profile is taken for sRGB
 * when its description names sRGB (every common sRGB profile does:
 * "sRGB IEC61966-2.1", "sRGB built-in", ...), or is Facebook's compact sRGB
 * profile "c2". */
void al__icc_classify(al_info *info, const uint8_t *icc, size_t len)
{
	info->has_icc = true;
	icc_description(icc, len, info->icc_desc, sizeof info->icc_desc);
	info->icc_is_srgb = strcasestr(info->icc_desc, "srgb") != NULL ||
	                    strcmp(info->icc_desc, "c2") == 0;
}

bool al__icc_is_space(const void *icc, size_t len, const char *space)
{
	return icc && len >= 20 && memcmp((const uint8_t *)icc + 16, space, 4) == 0;
}

uint8_t *al__orient(const uint8_t *src, int w, int h, int o, int *ow, int *oh)
{
	bool swap = o >= 5;
	int W = swap ? h : w, H = swap ? w : h;
	uint32_t *dst = al_try_new(uint32_t, (size_t)W * H);
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

/* ---- budgets -------------------------------------------------------- */

size_t al_decode_budget(const al_profile *profile, al_role role)
{
	size_t px = AL_DECODE_MAX_PIXELS;

	if (profile && role >= AL_ROLE_SMALL && role <= AL_ROLE_HERO &&
	    profile->roles[role].present)
		px = (size_t)AL_DECODE_ROLE_FACTOR * (size_t)profile->roles[role].max_w *
		     (size_t)profile->roles[role].max_h;
	return px;
}

void al_image_region_to_full(const al_image *img, al_region *r)
{
	int x0, y0, x1, y1;

	if (!al_image_reduced(img))
		return;
	/* the source pixels the reduced box covers */
	x0 = (int)((int64_t)r->x * img->full_width / img->width);
	y0 = (int)((int64_t)r->y * img->full_height / img->height);
	x1 = (int)(((int64_t)(r->x + r->w) * img->full_width + img->width - 1) / img->width);
	y1 = (int)(((int64_t)(r->y + r->h) * img->full_height + img->height - 1) / img->height);
	r->x = x0;
	r->y = y0;
	r->w = MIN(x1, img->full_width) - x0;
	r->h = MIN(y1, img->full_height) - y0;
}

/* ---- public entry points ------------------------------------------- */

al_status al_probe(const uint8_t *data, size_t len, al_info *info,
                   char *why, size_t why_len)
{
	al_status st = AL_ERR_DECODE;

	memset(info, 0, sizeof *info);
	info->orientation = 1;
	info->png_color_type = -1;
	if (why && why_len)
		why[0] = '\0';
	if (!data || len == 0) {
		al__why(why, why_len, "empty file");
		goto out;
	}
	info->format = al_sniff(data, len);
	switch (info->format) {
	case AL_FMT_PNG:
		st = al__png_probe(data, len, info, why, why_len);
		break;
	case AL_FMT_JPEG:
		st = al__jpeg_probe(data, len, info, why, why_len);
		break;
	case AL_FMT_WEBP:
		st = al__webp_probe(data, len, info, why, why_len);
		break;
	case AL_FMT_GIF:
		st = al__gif_probe(data, len, info, why, why_len);
		break;
	default:
		st = al__vips_probe(data, len, info, why, why_len);
		break;
	}
out:
	return st;
}

al_status al_decode_max(const uint8_t *data, size_t len, const al_info *info,
                        size_t max_px, al_image *img, char *why, size_t why_len)
{
	al_status st = AL_ERR_DECODE;
	al_format fmt;

	memset(img, 0, sizeof *img);
	if (why && why_len)
		why[0] = '\0';
	if (!data || len == 0) {
		al__why(why, why_len, "empty file");
		goto out;
	}
	if (max_px == 0)
		max_px = AL_DECODE_MAX_PIXELS;
	fmt = info ? info->format : al_sniff(data, len);
	switch (fmt) {
	case AL_FMT_PNG:
		st = al__png_decode(data, len, max_px, img, why, why_len);
		break;
	case AL_FMT_JPEG:
		st = al__jpeg_decode(data, len, max_px, img, why, why_len);
		break;
	case AL_FMT_WEBP:
		st = al__webp_decode(data, len, max_px, img, why, why_len);
		break;
	case AL_FMT_GIF:
		st = al__gif_decode(data, len, max_px, img, why, why_len);
		break;
	default:
		st = al__vips_decode(data, len, fmt, max_px, img, why, why_len);
		break;
	}
out:
	return st;
}

al_status al_decode(const uint8_t *data, size_t len, const al_info *info,
                    al_image *img, char *why, size_t why_len)
{
	return al_decode_max(data, len, info, AL_DECODE_MAX_PIXELS, img, why, why_len);
}
