/*
 * Private to the decoders (decode*.c, reduce.c): helpers they share and
 * the entry points decode.c dispatches to.  Not for rules or reports.
 */
#ifndef AL_DECODE_H
#define AL_DECODE_H

#include "al_internal.h"

/* Formats' own messages go into @why ("PNG: ...", "JPEG: ..."). */
void al__why(char *why, size_t why_len, const char *fmt, ...) G_GNUC_PRINTF(3, 4);
uint32_t al__rd32be(const uint8_t *p);
/* Byte size of a w x h RGBA buffer, 0 when it would not fit a size_t (or
 * the dimensions are not positive). */
size_t al__rgba_size(int w, int h);
/* Gives @img the w x h @rgba a decoder that stands in for libvips made
 * (libwebp's, giflib's), alpha set to 255 where libvips keeps three bands
 * (@three), and counts it in @used. */
void al__native_image(al_image *img, uint8_t *rgba, int w, int h, bool three, gint *used);
/* Fills info->has_icc, icc_desc and icc_is_srgb from a profile. */
void al__icc_classify(al_info *info, const uint8_t *icc, size_t len);
/* True when the ICC profile's colour space field is @space ("RGB ",
 * "CMYK", "GRAY"). */
bool al__icc_is_space(const void *icc, size_t len, const char *space);
/* Applies EXIF orientation 2..8 to @src (w x h RGBA): a new buffer the
 * caller g_free()s (NULL when out of memory), its size in *ow, *oh. */
uint8_t *al__orient(const uint8_t *src, int w, int h, int o, int *ow, int *oh);

/* ---- reduce.c: area-average on the fly ------------------------------ */

/* Reduces a w x h image by an integer box of k x k source pixels per
 * output pixel while the rows arrive, in any order (Adam7 passes too):
 * the full-size image never exists.  RGBA is averaged with colour weighted
 * by alpha (a transparent pixel's colour does not bleed); @plain averages
 * the four channels alike (CMYK). */
typedef struct {
	int sw, sh, k, ow, oh;
	bool plain;
	uint32_t *acc;           /* ow*oh*4 sums; k <= AL_REDUCE_MAX_K keeps
	                          * them within 32 bits */
} al_reducer;
#define AL_REDUCE_MAX_K 256

/* Smallest box k (1 = none, at most AL_REDUCE_MAX_K) for which a w x h
 * image reduced by k holds at most @max_px pixels. */
int al__reduce_factor(int w, int h, size_t max_px);
/* Output size of a w x h image reduced by k: ceil(w / k) x ceil(h / k). */
int al__reduce_dim(int n, int k);
/* Returns AL_OK or AL_ERR_NOMEM.  Caller frees with al__reduce_clear(). */
al_status al__reduce_init(al_reducer *r, int w, int h, int k, bool plain);
/* Adds @n pixels of row @y: the first at column @x0, then every @dx. */
void al__reduce_row(al_reducer *r, int y, int x0, int dx, const uint8_t *px, int n);
/* The reduced image (r->ow x r->oh RGBA, caller g_free()s; NULL when out
 * of memory). */
uint8_t *al__reduce_finish(const al_reducer *r);
void al__reduce_clear(al_reducer *r);

/* ---- decode_png_fast.c: 8-bit non-interlaced PNGs --------------------- */

/* What the fast path needs of a header libpng read. */
typedef struct {
	int width, height, ctype;    /* PNG colour type; bit depth 8 */
	uint8_t pal[256][3];         /* palette, black past its entries */
	uint8_t trans[256];          /* palette alpha (tRNS) */
	int ntrans;
	bool has_key;                /* grey/RGB tRNS: that colour is clear */
	uint8_t key[3];
} al_png_fast_fmt;
/* 0: libpng only; 1: the fast path where it applies (the default);
 * 2: as 1, but zlib row by row even when not reduced (tests). */
extern gint al_png_fast;
/* Images the fast path decoded (tests). */
extern gint al_png_fast_used;
/* Decodes the image data that starts with the IDAT chunk at @idat_off,
 * reduced by k (1: not), into *pix (RGBA, caller g_free()s).  Returns
 * AL_OK, AL_ERR_NOMEM, or AL_ERR_UNSUPPORTED when libpng must decode the
 * file. */
al_status al__png_fast(const uint8_t *data, size_t len, size_t idat_off,
                       const al_png_fast_fmt *f, int k, uint8_t **pix);

/* ---- the formats ---------------------------------------------------- */

/* Each decode fills img (width/height of the buffer, full_width/height of
 * the image after orientation) with at most about @max_px pixels. */
al_status al__png_probe(const uint8_t *data, size_t len, al_info *info,
                        char *why, size_t why_len);
al_status al__png_decode(const uint8_t *data, size_t len, size_t max_px,
                         al_image *img, char *why, size_t why_len);
al_status al__jpeg_probe(const uint8_t *data, size_t len, al_info *info,
                         char *why, size_t why_len);
al_status al__jpeg_decode(const uint8_t *data, size_t len, size_t max_px,
                          al_image *img, char *why, size_t why_len);
/* WebP through libwebp (decode_webp.c); what it does not reproduce of
 * libvips goes to al__vips_probe/al__vips_decode. */
al_status al__webp_probe(const uint8_t *data, size_t len, al_info *info,
                         char *why, size_t why_len);
al_status al__webp_decode(const uint8_t *data, size_t len, size_t max_px,
                          al_image *img, char *why, size_t why_len);
/* 1: WebP through libwebp where it reproduces libvips (the default); 0:
 * every WebP through libvips (tests compare the two). */
extern gint al_webp_native;
/* WebP images libwebp decoded itself (tests). */
extern gint al_webp_native_used;
/* A still GIF through giflib (decode_gif.c), the same way. */
al_status al__gif_probe(const uint8_t *data, size_t len, al_info *info,
                        char *why, size_t why_len);
al_status al__gif_decode(const uint8_t *data, size_t len, size_t max_px,
                         al_image *img, char *why, size_t why_len);
extern gint al_gif_native;
extern gint al_gif_native_used;
/* libvips: GIF and WebP only (the allow-list); anything else is
 * AL_ERR_UNSUPPORTED or AL_ERR_DECODE without starting libvips. */
al_status al__vips_probe(const uint8_t *data, size_t len, al_info *info,
                         char *why, size_t why_len);
al_status al__vips_decode(const uint8_t *data, size_t len, al_format fmt,
                          size_t max_px, al_image *img, char *why, size_t why_len);
/* Converts @pix (@bands bands of uchar, w x h, in the colour space of the
 * ICC profile @icc) to sRGB RGBA through libvips.  Caller g_free()s *rgba. */
al_status al__icc_to_srgb(const uint8_t *pix, int w, int h, int bands,
                          bool cmyk, const void *icc, size_t icc_len,
                          uint8_t **rgba, char *why, size_t why_len);

#endif
