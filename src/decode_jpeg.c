/*
 * JPEG through libjpeg-turbo: header probe (EXIF orientation, ICC, CMYK)
 * and decode into 8-bit RGBA.  A JPEG far larger than its role is decoded
 * reduced: libjpeg-turbo's DCT scaling (1/2, 1/4, 1/8: the IDCT of fewer
 * coefficients, near an area average) and, beyond 1/8, the box reduction
 * of reduce.c on the scaled rows.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <jpeglib.h>
#include <jerror.h>
#include "decode.h"
#include "dl.h"

/* libjpeg is opened with dlopen() when the first JPEG is read, not linked:
 * a run over PNG files (one hero, a CI gate on an offer of PNGs) then
 * never maps and relocates it, ~115 K instructions and ~7 page faults of
 * every start-up (issue #10).  Each function below is called through a
 * pointer of its own type, under its usual name. */
#define JPEG_FNS(X) \
	X(jpeg_std_error) X(jpeg_CreateDecompress) X(jpeg_destroy_decompress) \
	X(jpeg_mem_src) X(jpeg_save_markers) X(jpeg_read_header) \
	X(jpeg_read_icc_profile) X(jpeg_start_decompress) \
	X(jpeg_read_scanlines) X(jpeg_finish_decompress)
#define JPEG_FN_PTR(name) __typeof__(name) *p_##name;
static struct { JPEG_FNS(JPEG_FN_PTR) } jl;
#undef JPEG_FN_PTR
#define jpeg_std_error (*jl.p_jpeg_std_error)
#define jpeg_CreateDecompress (*jl.p_jpeg_CreateDecompress)
#define jpeg_destroy_decompress (*jl.p_jpeg_destroy_decompress)
#define jpeg_mem_src (*jl.p_jpeg_mem_src)
#define jpeg_save_markers (*jl.p_jpeg_save_markers)
#define jpeg_read_header (*jl.p_jpeg_read_header)
#define jpeg_read_icc_profile (*jl.p_jpeg_read_icc_profile)
#define jpeg_start_decompress (*jl.p_jpeg_start_decompress)
#define jpeg_read_scanlines (*jl.p_jpeg_read_scanlines)
#define jpeg_finish_decompress (*jl.p_jpeg_finish_decompress)

/* The soname of the ABI the headers describe (libjpeg-turbo: 62, or 8
 * when built for libjpeg 8's ABI). */
#if JPEG_LIB_VERSION >= 80
#define JPEG_SONAME "libjpeg.so.8"
#elif JPEG_LIB_VERSION >= 70
#define JPEG_SONAME "libjpeg.so.7"
#else
#define JPEG_SONAME "libjpeg.so.62"
#endif

static gsize jl_done;
static gint jl_ok;
static char jl_why[256];

/* Loads libjpeg once per process, from any thread: false with the reason
 * ("JPEG: cannot load ...") in @why when it cannot. */
static bool jpeg_load(char *why, size_t why_len)
{
	if (g_once_init_enter(&jl_done)) {
#define JPEG_FN_SYM(name) { #name, (void **)&jl.p_##name },
		static const al_dl_sym syms[] = { JPEG_FNS(JPEG_FN_SYM) };
#undef JPEG_FN_SYM
		char msg[sizeof jl_why - 8];
		if (al__dl_open(JPEG_SONAME, "libjpeg62-turbo", syms, G_N_ELEMENTS(syms),
		                msg, sizeof msg))
			g_atomic_int_set(&jl_ok, 1);
		else
			snprintf(jl_why, sizeof jl_why, "JPEG: %s", msg);
		g_once_init_leave(&jl_done, 1);
	}
	if (g_atomic_int_get(&jl_ok))
		return true;
	al__why(why, why_len, "%s", jl_why);
	return false;
}

/* libjpeg-turbo's working memory.  A baseline JPEG needs a few MCU rows
 * whatever its size; a progressive one keeps every coefficient (2 bytes
 * per sample), so this refuses progressive files above ~20 megapixels. */
#define JPEG_MEM_MAX (64L * 1024 * 1024)
/* A file with thousands of tiny progressive scans is a known CPU bomb. */
#define JPEG_SCANS_MAX 1000

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
	uint8_t *line;           /* one row, when reducing */
	al_reducer red;
	bool nomem;              /* a pixel buffer could not be allocated */
	JSAMPROW row[1];
} jpeg_state;

static void jpeg_error_exit(j_common_ptr c)
{
	jpeg_err *e = (jpeg_err *)c->err;
	char buf[JMSG_LENGTH_MAX];

	if ((c->err->msg_code == JERR_OUT_OF_MEMORY ||
	     c->err->msg_code == JERR_NO_BACKING_STORE) && c->is_decompressor) {
		j_decompress_ptr d = (j_decompress_ptr)c;
		snprintf(e->msg, sizeof e->msg,
		         "JPEG: decoding this %s JPEG of %ux%u needs more than the %ld MiB "
		         "allowed per file", d->progressive_mode ? "progressive" : "baseline",
		         d->image_width, d->image_height, JPEG_MEM_MAX >> 20);
	} else {
		c->err->format_message(c, buf);
		snprintf(e->msg, sizeof e->msg, "JPEG: %s", buf);
	}
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

static uint16_t rd16(const uint8_t *p, bool le)
{
	return le ? (uint16_t)(p[0] | p[1] << 8) : (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t rd32(const uint8_t *p, bool le)
{
	return le ? (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	            (uint32_t)p[3] << 24
	          : al__rd32be(p);
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
	g_free(s->line);
	al__reduce_clear(&s->red);
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
	if (s->cinfo.jpeg_color_space == JCS_YCbCr && s->cinfo.num_components == 3) {
		const jpeg_component_info *c = s->cinfo.comp_info;
		for (int k = 1; k < 3; k++)
			info->chroma_subsampled |= c[k].h_samp_factor < c[0].h_samp_factor ||
			                           c[k].v_samp_factor < c[0].v_samp_factor;
	}
	for (jpeg_saved_marker_ptr m = s->cinfo.marker_list; m; m = m->next)
		if (m->marker == JPEG_APP0 + 1) {
			int o = exif_orientation(m->data, m->data_length);
			if (o != 1) {
				info->orientation = o;
				break;
			}
		}
	if (jpeg_read_icc_profile(&s->cinfo, &s->icc, &s->icc_len))
		al__icc_classify(info, s->icc, s->icc_len);
	return true;
}

al_status al__jpeg_probe(const uint8_t *data, size_t len, al_info *info,
                         char *why, size_t why_len)
{
	jpeg_state s = { 0 };
	al_status st = AL_ERR_DECODE;

	if (!jpeg_load(why, why_len))
		return st;
	jpeg_begin(&s);
	if (!jpeg_header_run(&s, data, len, info)) {
		al__why(why, why_len, "%s", s.err.msg);
		goto out;
	}
	if (s.err.data_lost) {
		al__why(why, why_len, "%s", s.err.lost_msg);
		goto out;
	}
	st = AL_OK;
out:
	jpeg_end(&s);
	return st;
}

/* Decodes rows, RGBA or CMYK when @cmyk, into s->pix, or into s->red when
 * the scaled image is still above @max_px.  DCT scaling first: 1/@dct. */
static bool jpeg_decode_run(jpeg_state *s, bool cmyk, int dct, size_t max_px)
{
	size_t stride;
	int k;

	if (setjmp(s->err.jmp))
		return false;
	s->cinfo.out_color_space = cmyk ? JCS_CMYK : JCS_EXT_RGBA;
	s->cinfo.scale_num = 1;
	s->cinfo.scale_denom = (unsigned)dct;
	jpeg_start_decompress(&s->cinfo);
	if (s->cinfo.output_components != 4)
		ERREXIT(&s->cinfo, JERR_CONVERSION_NOTIMPL);
	stride = (size_t)s->cinfo.output_width * 4;
	k = al__reduce_factor((int)s->cinfo.output_width, (int)s->cinfo.output_height, max_px);
	if (k == 1) {
		s->pix = al_try_malloc_n(s->cinfo.output_height, stride);
		s->nomem = !s->pix;
		if (s->nomem)
			ERREXIT1(&s->cinfo, JERR_OUT_OF_MEMORY, 0);
	} else {
		s->line = al_try_malloc_n(stride, 1);
		s->nomem = !s->line || al__reduce_init(&s->red, (int)s->cinfo.output_width,
		                                       (int)s->cinfo.output_height, k, cmyk) != AL_OK;
		if (s->nomem)
			ERREXIT1(&s->cinfo, JERR_OUT_OF_MEMORY, 0);
	}
	while (s->cinfo.output_scanline < s->cinfo.output_height) {
		int y = (int)s->cinfo.output_scanline;
		s->row[0] = s->pix ? s->pix + stride * (size_t)y : s->line;
		jpeg_read_scanlines(&s->cinfo, s->row, 1);
		if (!s->pix)
			al__reduce_row(&s->red, y, 0, 1, s->line, (int)s->cinfo.output_width);
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

/* The largest DCT scale-down (8, 4, 2 or 1) that keeps the image at or
 * above the size a box reduction to @max_px would give. */
static int dct_denom(int w, int h, size_t max_px)
{
	int k = al__reduce_factor(w, h, max_px), d = 8;

	while (d > 1 && d > k)
		d /= 2;
	return d;
}

al_status al__jpeg_decode(const uint8_t *data, size_t len, size_t max_px,
                          al_image *img, char *why, size_t why_len)
{
	jpeg_state s = { 0 };
	al_info hdr = { .orientation = 1 };
	al_status st = AL_ERR_DECODE;
	uint8_t *rgba = NULL, *conv = NULL;
	int w, h;

	if (!jpeg_load(why, why_len))
		return st;
	jpeg_begin(&s);
	if (!jpeg_header_run(&s, data, len, &hdr)) {
		al__why(why, why_len, "%s", s.err.msg);
		goto out;
	}
	if (!al__rgba_size(hdr.width, hdr.height)) {
		al__why(why, why_len, "JPEG: image too large for memory");
		st = AL_ERR_TOO_LARGE;
		goto out;
	}
	if (!jpeg_decode_run(&s, hdr.cmyk, dct_denom(hdr.width, hdr.height, max_px), max_px)) {
		if (s.nomem) {
			al__why(why, why_len, "JPEG: out of memory");
			st = AL_ERR_NOMEM;
		} else {
			al__why(why, why_len, "%s", s.err.msg);
		}
		goto out;
	}
	if (s.err.data_lost) {
		al__why(why, why_len, "%s", s.err.lost_msg);
		goto out;
	}
	if (!s.pix) {
		s.pix = al__reduce_finish(&s.red);
		if (!s.pix) {
			al__why(why, why_len, "JPEG: out of memory");
			st = AL_ERR_NOMEM;
			goto out;
		}
		w = s.red.ow;
		h = s.red.oh;
	} else {
		w = (int)s.cinfo.output_width;
		h = (int)s.cinfo.output_height;
	}
	if (hdr.cmyk && al__icc_is_space(s.icc, s.icc_len, "CMYK")) {
		/* libjpeg hands Adobe's inverted values; the profile wants ink */
		if (s.cinfo.saw_Adobe_marker)
			for (size_t i = 0; i < (size_t)w * h * 4; i++)
				s.pix[i] = (uint8_t)(255 - s.pix[i]);
		st = al__icc_to_srgb(s.pix, w, h, 4, true, s.icc, s.icc_len, &conv, why, why_len);
		if (st != AL_OK)
			goto out;
		g_free(s.pix);
		s.pix = conv;
		conv = NULL;
	} else if (hdr.cmyk) {
		cmyk_to_rgba(s.pix, (size_t)w * h, s.cinfo.saw_Adobe_marker);
	} else if (hdr.has_icc && !hdr.icc_is_srgb && al__icc_is_space(s.icc, s.icc_len, "RGB ")) {
		st = al__icc_to_srgb(s.pix, w, h, 4, false, s.icc, s.icc_len, &conv, why, why_len);
		if (st != AL_OK)
			goto out;
		g_free(s.pix);
		s.pix = conv;
		conv = NULL;
	}
	/* a gray ICC profile on a gray JPEG: the gray curve is near sRGB's in
	 * practice; left as is */
	if (hdr.orientation >= 2 && hdr.orientation <= 8) {
		rgba = al__orient(s.pix, w, h, hdr.orientation, &img->width, &img->height);
		if (!rgba) {
			al__why(why, why_len, "JPEG: out of memory");
			st = AL_ERR_NOMEM;
			goto out;
		}
	} else {
		rgba = s.pix;
		s.pix = NULL;
		img->width = w;
		img->height = h;
	}
	img->full_width = hdr.orientation >= 5 && hdr.orientation <= 8 ? hdr.height : hdr.width;
	img->full_height = hdr.orientation >= 5 && hdr.orientation <= 8 ? hdr.width : hdr.height;
	img->rgba = rgba;
	rgba = NULL;
	st = AL_OK;
out:
	jpeg_end(&s);
	return st;
}
