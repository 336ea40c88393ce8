/*
 * WebP through libwebp and libwebpdemux, opened with dlopen() at the first
 * WebP (issue #10): libvips, which decoded every WebP before, maps about
 * 100 libraries (+22 MB RSS, the peak of a heavy run) for one such file.
 *
 * The pixels are libvips 8.14's by construction: the same calls as its
 * webpload for page 0 of a still image -- WebPDemux() parses the file,
 * frame 1 is decoded by WebPDecode() into RGBA, and when the file has no
 * alpha flag libvips drops the fourth band (which assetlint then sets
 * to 255).  Whatever this path does not reproduce goes to libvips as
 * before (decode_vips.c): animations, an ICC profile (libvips converts
 * it), EXIF that is not plainly without rotation (libvips rotates by its
 * Orientation), an image that must be reduced (libvips's shrink), and
 * every file that libwebp refuses, so that the decode-error message
 * stays libvips's own.
 */
#include <stdio.h>
#include <string.h>
#include <webp/decode.h>
#include <webp/demux.h>
#include "decode.h"
#include "dl.h"

gint al_webp_native = 1;
gint al_webp_native_used;

/* Each function below is called through a pointer of its own type (the
 * inline wrappers of the headers, WebPDemux() and
 * WebPInitDecoderConfig(), are not used: they would link the library). */
#define WEBP_FNS(X) \
	X(WebPInitDecoderConfigInternal) X(WebPDecode) X(WebPFreeDecBuffer)
#define DEMUX_FNS(X) \
	X(WebPDemuxInternal) X(WebPDemuxDelete) X(WebPDemuxGetI) \
	X(WebPDemuxGetFrame) X(WebPDemuxReleaseIterator) \
	X(WebPDemuxGetChunk) X(WebPDemuxReleaseChunkIterator)
#define WEBP_FN_PTR(name) __typeof__(name) *p_##name;
static struct { WEBP_FNS(WEBP_FN_PTR) DEMUX_FNS(WEBP_FN_PTR) } wl;
#undef WEBP_FN_PTR

static gsize wl_done;
static gint wl_ok;
static char wl_why[256];

/* Loads libwebp and libwebpdemux once per process, from any thread: false
 * with the reason ("WebP: cannot load ...") in @why when it cannot. */
static bool webp_load(char *why, size_t why_len)
{
	if (g_once_init_enter(&wl_done)) {
#define WEBP_FN_SYM(name) { #name, (void **)&wl.p_##name },
		static const al_dl_sym webp_syms[] = { WEBP_FNS(WEBP_FN_SYM) };
		static const al_dl_sym demux_syms[] = { DEMUX_FNS(WEBP_FN_SYM) };
#undef WEBP_FN_SYM
		char msg[sizeof wl_why - 8];
		if (al__dl_open("libwebp.so.7", "libwebp7", webp_syms,
		                G_N_ELEMENTS(webp_syms), msg, sizeof msg) &&
		    al__dl_open("libwebpdemux.so.2", "libwebpdemux2", demux_syms,
		                G_N_ELEMENTS(demux_syms), msg, sizeof msg))
			g_atomic_int_set(&wl_ok, 1);
		else
			snprintf(wl_why, sizeof wl_why, "WebP: %s", msg);
		g_once_init_leave(&wl_done, 1);
	}
	if (g_atomic_int_get(&wl_ok))
		return true;
	al__why(why, why_len, "%s", wl_why);
	return false;
}

/* What libvips's webpload reads from the header, for the files this path
 * decodes itself. */
typedef struct {
	WebPDemuxer *demux;
	WebPIterator iter;
	bool has_iter;
	int width, height;
	bool alpha;
} webp_head;

static void head_clear(webp_head *h)
{
	if (h->has_iter)
		wl.p_WebPDemuxReleaseIterator(&h->iter);
	if (h->demux)
		wl.p_WebPDemuxDelete(h->demux);
	memset(h, 0, sizeof *h);
}

static unsigned rd16(const uint8_t *p, bool le)
{
	return le ? (unsigned)p[0] | (unsigned)p[1] << 8 : (unsigned)p[0] << 8 | p[1];
}

static uint32_t rd32(const uint8_t *p, bool le)
{
	return le ? (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	            (uint32_t)p[3] << 24
	          : al__rd32be(p);
}

/* True when the EXIF chunk @p plainly asks for no rotation: a TIFF header
 * (after "Exif\0\0", or bare: libvips then adds that prefix) whose IFD0
 * lies wholly in the chunk and holds no Orientation tag (0x0112), or one
 * SHORT of value 1.  libvips reads the same tag with libexif; anything
 * less plain (another value, another type, a damaged IFD) goes to it. */
static bool exif_upright(const uint8_t *p, size_t n)
{
	size_t ifd, count;
	bool le;

	if (n >= 4 && memcmp(p, "Exif", 4) == 0) {
		if (n < 6 || memcmp(p, "Exif\0\0", 6) != 0)
			return false;
		p += 6;
		n -= 6;
	}
	if (n < 8 || (memcmp(p, "II", 2) != 0 && memcmp(p, "MM", 2) != 0))
		return false;
	le = p[0] == 'I';
	if (rd16(p + 2, le) != 42)
		return false;
	ifd = rd32(p + 4, le);
	if (ifd < 8 || ifd > n || n - ifd < 2)
		return false;
	count = rd16(p + ifd, le);
	if ((n - ifd - 2) / 12 < count)
		return false;
	for (size_t i = 0; i < count; i++) {
		const uint8_t *e = p + ifd + 2 + 12 * i;
		if (rd16(e, le) == 0x0112 &&
		    (rd16(e + 2, le) != 3 || rd32(e + 4, le) != 1 || rd16(e + 8, le) != 1))
			return false;
	}
	return true;
}

/* True when this path reproduces libvips for the file: a still image
 * without ICC profile nor rotation, whose header libwebp parses as libvips's
 * read_header() does (same calls, same checks).  False sends the file to
 * libvips, which decides (and words any error) as before. */
static bool head_read(const uint8_t *data, size_t len, webp_head *h)
{
	WebPData wd = { data, len };
	uint32_t flags;

	memset(h, 0, sizeof *h);
	if (!g_atomic_int_get(&al_webp_native))
		return false;
	h->demux = wl.p_WebPDemuxInternal(&wd, 0, NULL, WEBP_DEMUX_ABI_VERSION);
	if (!h->demux)
		return false;
	flags = wl.p_WebPDemuxGetI(h->demux, WEBP_FF_FORMAT_FLAGS);
	if (flags & (ANIMATION_FLAG | ICCP_FLAG))
		return false;
	if (flags & EXIF_FLAG) {
		WebPChunkIterator ci;
		bool upright = wl.p_WebPDemuxGetChunk(h->demux, "EXIF", 1, &ci) &&
		               exif_upright(ci.chunk.bytes, ci.chunk.size);
		wl.p_WebPDemuxReleaseChunkIterator(&ci);
		if (!upright)
			return false;
	}
	h->alpha = (flags & ALPHA_FLAG) != 0;
	h->width = (int)wl.p_WebPDemuxGetI(h->demux, WEBP_FF_CANVAS_WIDTH);
	h->height = (int)wl.p_WebPDemuxGetI(h->demux, WEBP_FF_CANVAS_HEIGHT);
	if (h->width <= 0 || h->height <= 0 || h->width > 0x3FFF || h->height > 0x3FFF)
		return false;
	h->has_iter = wl.p_WebPDemuxGetFrame(h->demux, 1, &h->iter) != 0;
	/* a still image's one frame fills the canvas */
	return h->has_iter && h->iter.x_offset == 0 && h->iter.y_offset == 0 &&
	       h->iter.width == h->width && h->iter.height == h->height;
}

al_status al__webp_probe(const uint8_t *data, size_t len, al_info *info,
                         char *why, size_t why_len)
{
	webp_head h;
	bool mine;

	if (!webp_load(why, why_len))
		return AL_ERR_DECODE;
	mine = head_read(data, len, &h);
	if (mine) {
		/* as vips_probe_info() reads libvips's header */
		info->width = h.width;
		info->height = h.height;
		info->channels = h.alpha ? 4 : 3;
		info->bit_depth = 8;
		info->png_color_type = -1;
	}
	head_clear(&h);
	return mine ? AL_OK : al__vips_probe(data, len, info, why, why_len);
}

al_status al__webp_decode(const uint8_t *data, size_t len, size_t max_px,
                          al_image *img, char *why, size_t why_len)
{
	WebPDecoderConfig cfg;
	webp_head h;
	uint8_t *rgba = NULL;
	size_t size;
	bool mine;

	if (!webp_load(why, why_len))
		return AL_ERR_DECODE;
	mine = head_read(data, len, &h) && al__reduce_factor(h.width, h.height, max_px) == 1 &&
	       (size = al__rgba_size(h.width, h.height)) != 0 &&
	       wl.p_WebPInitDecoderConfigInternal(&cfg, WEBP_DECODER_ABI_VERSION) &&
	       (rgba = g_try_malloc(size)) != NULL;
	if (mine) {
		cfg.output.colorspace = MODE_RGBA;
		cfg.output.is_external_memory = 1;
		cfg.output.u.RGBA.rgba = rgba;
		cfg.output.u.RGBA.stride = h.width * 4;
		cfg.output.u.RGBA.size = size;
		mine = wl.p_WebPDecode(h.iter.fragment.bytes, h.iter.fragment.size, &cfg) == VP8_STATUS_OK;
		wl.p_WebPFreeDecBuffer(&cfg.output);
	}
	if (mine) {
		/* libvips keeps three bands of a file without the alpha flag */
		al__native_image(img, rgba, h.width, h.height, !h.alpha, &al_webp_native_used);
	} else {
		g_free(rgba);
	}
	head_clear(&h);
	return mine ? AL_OK : al__vips_decode(data, len, AL_FMT_WEBP, max_px, img, why, why_len);
}
