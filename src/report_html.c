/* HTML contact sheet for designers: one self-contained page (images as
 * data: URIs, inline CSS and one inline script, a Content-Security-Policy
 * that forbids every network load) showing each asset with overlays of
 * what the rules found, the logos on the portal's light and dark themes,
 * and the hero with the marketplace's white text in its free zone. */
#include <errno.h>
#include <math.h>
#include <png.h>
#include <string.h>
#include <glib/gstdio.h>
#include "al_internal.h"

/* The portal's themes behind the logo previews. */
#define THEME_LIGHT "#ffffff"
#define THEME_DARK "#1b1a19"
/* Original PNG/JPEG bytes larger than this are re-encoded from the decoded
 * pixels instead (metadata ballast should not bloat the page). */
#define EMBED_MAX_BYTES (8u << 20)
/* Files larger than this are not read for a preview (the pipeline refuses
 * them too). */
#define PREVIEW_MAX_FILE_BYTES (256u << 20)
/* Up to this many files in a run, the files without findings keep their
 * cards (collapsed); above it they are listed by name, so that the page
 * of a big run stays small and quick to open. */
#define HTML_CLEAN_CARDS_MAX 300

/* Mask overlay colours, RGBA (straight alpha). */
static const uint8_t BG_TINT[4] = { 0xff, 0x00, 0xaa, 0x78 };
static const uint8_t FG_TINT[4] = { 0x00, 0xc8, 0xff, 0x8c };

/* Kept byte-identical to the CSP hash computed in write_head(). */
static const char SCRIPT[] =
	"(function(){\n"
	"var b=document.body;\n"
	"function bind(sel,attr,cls,on){\n"
	" document.querySelectorAll(sel).forEach(function(i){\n"
	"  var f=function(){b.classList.toggle(cls+i.getAttribute(attr),on?i.checked:!i.checked);};\n"
	"  i.addEventListener('change',f);f();\n"
	" });\n"
	"}\n"
	"bind('input[data-sev]','data-sev','hide-',false);\n"
	"bind('input[data-ov]','data-ov','ov-',true);\n"
	"function hl(e,on){\n"
	" var t=e.target.closest?e.target.closest('[data-box]'):null;if(!t)return;\n"
	" document.querySelectorAll('[data-box=\"'+t.getAttribute('data-box')+'\"]')"
	".forEach(function(x){x.classList.toggle('hl',on);});\n"
	"}\n"
	"document.addEventListener('mouseover',function(e){hl(e,true);});\n"
	"document.addEventListener('mouseout',function(e){hl(e,false);});\n"
	"document.addEventListener('focusin',function(e){hl(e,true);});\n"
	"document.addEventListener('focusout',function(e){hl(e,false);});\n"
	"b.classList.add('js');\n"
	"})();\n";

static const char STYLE[] =
	":root{--err:#c50f1f;--warn:#bc4b09;--info:#0f6cbd;--ok:#107c10;--ink:#242424;"
	"--mute:#616161;--line:#e0e0e0;--page:#f3f2f1}\n"
	"*{box-sizing:border-box}\n"
	"body{margin:0;font:14px/1.45 system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif;"
	"color:var(--ink);background:var(--page)}\n"
	"code,.path{font-family:ui-monospace,\"Cascadia Mono\",\"DejaVu Sans Mono\",monospace}\n"
	".top{position:sticky;top:0;z-index:10;background:#fff;border-bottom:1px solid var(--line);"
	"padding:10px 24px;display:flex;flex-wrap:wrap;gap:6px 28px;align-items:center;"
	"box-shadow:0 1px 3px rgba(0,0,0,.08)}\n"
	".top h1{font-size:17px;margin:0;font-weight:600}\n"
	".stats{display:flex;gap:14px;flex-wrap:wrap;align-items:baseline}\n"
	".stat b{font-size:17px;margin-right:3px}\n"
	".stat.err b{color:var(--err)}.stat.warn b{color:var(--warn)}.stat.inf b{color:var(--info)}\n"
	".meta{color:var(--mute)}\n"
	".controls{display:flex;gap:6px 24px;flex-wrap:wrap;width:100%}\n"
	".controls .grp{display:flex;gap:4px 12px;flex-wrap:wrap;align-items:center}\n"
	".controls .lbl{font-weight:600;color:var(--mute);font-size:12px;text-transform:uppercase;"
	"letter-spacing:.04em}\n"
	".controls label{display:inline-flex;gap:5px;align-items:center;cursor:pointer;white-space:nowrap}\n"
	".key{display:inline-block;width:14px;height:14px;border-radius:3px;border:2px solid}\n"
	".key.bg{background:rgba(255,0,170,.47);border-color:rgba(255,0,170,.47)}\n"
	".key.fg{background:rgba(0,200,255,.55);border-color:rgba(0,200,255,.55)}\n"
	".key.fz{border:2px dashed #444}\n"
	".key.mt{background:#1b3a5c;border-color:#1b3a5c;position:relative}\n"
	".key.text{border-color:#e3008c}.key.grad{border-color:#f7a700}.key.other{border-color:#d13438}\n"
	"main{padding:8px 24px 48px}\n"
	".set,.card{scroll-margin-top:110px}\n"
	".set{margin:20px 0 28px}\n"
	".set>h2{font-size:15px;font-weight:600;margin:0 0 10px;display:flex;gap:10px;"
	"align-items:baseline;flex-wrap:wrap}\n"
	".set>h2 code{font-size:15px;word-break:break-all}\n"
	".set>h2 .n{color:var(--mute);font-weight:400;font-size:13px}\n"
	".setfind{background:#fff;border:1px solid var(--line);border-radius:8px;"
	"padding:8px 14px;margin:0 0 12px}\n"
	".cards{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}\n"
	".card{background:#fff;border:1px solid var(--line);border-top:4px solid var(--ok);"
	"border-radius:8px;padding:14px 16px;max-width:100%;box-shadow:0 1px 2px rgba(0,0,0,.05)}\n"
	".card.c-error{border-top-color:var(--err)}.card.c-warning{border-top-color:var(--warn)}"
	".card.c-info{border-top-color:var(--info)}\n"
	".path .dir{color:var(--mute);font-weight:400}.path b{font-weight:700}\n"
	".card h3{font-size:13px;margin:0 0 8px;word-break:break-all;display:flex;gap:8px;"
	"justify-content:space-between;align-items:flex-start}\n"
	".badges{display:flex;gap:4px;flex:none}\n"
	".badge{font:600 11px/1 system-ui,sans-serif;padding:3px 7px;border-radius:10px;color:#fff}\n"
	".badge.error{background:var(--err)}.badge.warning{background:var(--warn)}"
	".badge.info{background:var(--info)}.badge.ok{background:var(--ok)}\n"
	".card.hero .body{display:flex;flex-wrap:wrap;gap:0 24px}"
	".card.hero .visual{flex:none;max-width:100%}.card.hero .list{flex:1 1 320px;min-width:0}\n"
	".card.hero .list .f:first-child{margin-top:0}\n"
	".facts{display:grid;grid-template-columns:auto 1fr;gap:1px 12px;margin:0 0 12px;font-size:13px}\n"
	".facts dt{color:var(--mute)}.facts dd{margin:0}\n"
	".bad{color:var(--err);font-weight:600}.good{color:var(--ok)}\n"
	".swatch{display:inline-block;width:12px;height:12px;border:1px solid #8a8886;"
	"border-radius:2px;vertical-align:-1px;margin-right:4px}\n"
	".checker{background-color:#fff;background-image:repeating-conic-gradient(#d6d6d6 0 25%,#fff 0 50%);"
	"background-size:12px 12px}\n"
	".views{display:flex;gap:14px;flex-wrap:wrap;align-items:flex-end;margin:0 0 12px}\n"
	".stage{position:relative;flex:none;outline:1px solid var(--line)}\n"
	".pic{background-image:var(--img);background-repeat:no-repeat;background-size:100% 100%;"
	"image-rendering:pixelated}\n"
	".pic.smooth{image-rendering:auto}\n"
	".stage .pic{width:100%;height:100%}\n"
	".ov{position:absolute;left:0;top:0;width:100%;height:100%;pointer-events:none}\n"
	"img.ov{display:none;image-rendering:pixelated}\n"
	"body.ov-bg img.ov-bg,body.ov-fg img.ov-fg{display:block}\n"
	"svg.ov{overflow:visible}\n"
	"svg .r,svg .fz,.mt{display:none}\n"
	"body.ov-text .r-text,body.ov-grad .r-grad,body.ov-other .r-other,body.ov-fz .fz{display:inline}\n"
	".r{fill:none;stroke-width:2;pointer-events:visibleStroke}\n"
	/* without colour the kinds still differ: solid, dashed, dotted */
	".r-text{stroke:#e3008c}.r-grad{stroke:#f7a700;stroke-dasharray:8 4}"
	".r-other{stroke:#d13438;stroke-dasharray:2 3}\n"
	".r.hl{stroke-width:5;stroke-dasharray:none}\n"
	".blbl{display:none;position:absolute;z-index:2;font:600 11px/1.3 system-ui,sans-serif;"
	"color:#000;background:#fff;border:1px solid #000;border-radius:3px;padding:0 4px;"
	"white-space:nowrap;transform:translateY(-100%);cursor:default}\n"
	".blbl.in{transform:none}\n"
	".blbl.hl,li.f.hl{background:#fff4ce;outline:2px solid #000}\n"
	"body.ov-text .blbl.r-text,body.ov-grad .blbl.r-grad,body.ov-other .blbl.r-other"
	"{display:block}\n"
	".num{display:inline-block;min-width:18px;text-align:center;font:600 11px/16px system-ui,"
	"sans-serif;border:1px solid #000;border-radius:3px;margin-right:6px}\n"
	".card,.set{content-visibility:auto;contain-intrinsic-size:auto 480px}\n"
	".index{margin:14px 0 0;background:#fff;border:1px solid var(--line);border-radius:8px;"
	"padding:8px 14px}\n"
	".index summary{cursor:pointer;font-weight:600}\n"
	".index table{border-collapse:collapse;margin:8px 0;font-size:13px}\n"
	".index th,.index td{text-align:right;padding:2px 10px;border-bottom:1px solid var(--line)}\n"
	".index th:first-child,.index td:first-child{text-align:left}\n"
	".index td a{color:var(--ink);font-family:ui-monospace,\"DejaVu Sans Mono\",monospace;"
	"word-break:break-all}\n"
	".index .e{color:var(--err);font-weight:600}.index .w{color:var(--warn)}\n"
	".index .okl a{margin-right:10px;white-space:nowrap}\n"
	".okfiles{margin:10px 0 0}.okfiles summary{cursor:pointer;color:var(--ok);font-weight:600}\n"
	".okfiles ul{margin:6px 0;padding-left:20px;columns:3 220px}\n"
	".fz .a{fill:none;stroke:#000;stroke-opacity:.55;stroke-width:2}\n"
	".fz .b{fill:none;stroke:#fff;stroke-width:2;stroke-dasharray:6 5}\n"
	"body.ov-mt .mt{display:flex}\n"
	".mt{position:absolute;top:0;bottom:0;flex-direction:column;justify-content:center;"
	"color:#fff;font-family:system-ui,-apple-system,\"Segoe UI\",sans-serif;overflow:hidden;"
	"pointer-events:none}\n"
	".mt .pub{font-size:calc(13px*var(--s));opacity:.92}\n"
	".mt .title{font-size:calc(26px*var(--s));font-weight:600;line-height:1.2;margin:.1em 0 .3em}\n"
	".mt .sum{font-size:calc(14px*var(--s));line-height:1.4}\n"
	".cap{font-size:12px;color:var(--mute);margin-top:4px}\n"
	".themes{display:flex;gap:10px}\n"
	".tile{margin:0;display:flex;flex-direction:column;align-items:center;gap:6px;"
	"padding:14px 16px 8px;border-radius:6px;border:1px solid var(--line)}\n"
	".tile figcaption{font-size:11px;color:#605e5c}\n"
	".tile.dark figcaption{color:#c8c6c4}\n"
	".nopreview{display:flex;align-items:center;justify-content:center;text-align:center;"
	"width:240px;height:120px;padding:10px;border:2px dashed #c8c6c4;border-radius:6px;"
	"color:var(--mute);background:#faf9f8;margin:0 0 12px;font-size:13px;word-break:break-word}\n"
	".findings{list-style:none;margin:0;padding:0}\n"
	".f{padding:6px 0 6px 10px;border-left:3px solid var(--info);margin:6px 0}\n"
	".f.sev-error{border-left-color:var(--err)}.f.sev-warning{border-left-color:var(--warn)}\n"
	".f .sev{font:600 11px/1 system-ui,sans-serif;text-transform:uppercase;letter-spacing:.04em;"
	"margin-right:6px}\n"
	".f.sev-error .sev{color:var(--err)}.f.sev-warning .sev{color:var(--warn)}"
	".f.sev-info .sev{color:var(--info)}\n"
	".f .rule{font-size:12px;background:#f3f2f1;padding:1px 5px;border-radius:4px}\n"
	".f .msg{margin:3px 0 0}\n"
	".f .fix{margin:2px 0 0;color:#404040}\n"
	".f .where{color:var(--mute);font-size:12px}\n"
	".clean{color:var(--ok);margin:4px 0 0;font-weight:600}\n"
	"body.hide-error .sev-error,body.hide-warning .sev-warning,body.hide-info .sev-info"
	"{display:none!important}\n"
	".nojs{color:var(--mute);font-size:12px}\n"
	"body.js .nojs{display:none}\n";

/* The one escaping helper: every path, message or other text from the
 * report goes through here, in element content and attribute values alike
 * (g_markup_escape_text escapes < > & ' "). */
static void esc(GString *s, const char *text)
{
	char *valid = g_utf8_make_valid(text ? text : "", -1);
	char *e = g_markup_escape_text(valid, -1);
	g_string_append(s, e);
	g_free(e);
	g_free(valid);
}

/* ---- PNG to memory (libpng) ------------------------------------------ */

static void png_mem_write(png_structp png, png_bytep data, png_size_t len)
{
	g_byte_array_append(png_get_io_ptr(png), data, (guint)len);
}

static void png_mem_flush(png_structp png)
{
	(void)png;
}

/* Encodes @rows (@h pointers to rows already in the target layout) as PNG.
 * @color_type: PNG_COLOR_TYPE_RGBA (8 bit) or PNG_COLOR_TYPE_PALETTE (1 bit,
 * index 1 = @tint, index 0 transparent).  Returns a new array the caller
 * frees with g_byte_array_unref(), or NULL on a libpng error. */
static GByteArray *png_encode(png_bytep *rows, int w, int h, int color_type,
                              const uint8_t tint[4])
{
	GByteArray *volatile buf = g_byte_array_new();
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	png_infop info = png ? png_create_info_struct(png) : NULL;

	if (!png || !info) {
		g_byte_array_unref(buf);
		buf = NULL;
		goto out;
	}
	if (setjmp(png_jmpbuf(png))) {
		g_byte_array_unref(buf);
		buf = NULL;
		goto out;
	}
	png_set_write_fn(png, buf, png_mem_write, png_mem_flush);
	if (color_type == PNG_COLOR_TYPE_PALETTE) {
		png_color pal[2] = { { 0, 0, 0 }, { tint[0], tint[1], tint[2] } };
		png_byte trns[2] = { 0, tint[3] };
		png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 1, PNG_COLOR_TYPE_PALETTE,
		             PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
		png_set_PLTE(png, info, pal, 2);
		png_set_tRNS(png, info, trns, 2, NULL);
		png_set_filter(png, 0, PNG_FILTER_NONE);
	} else {
		png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8, PNG_COLOR_TYPE_RGBA,
		             PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	}
	png_write_info(png, info);
	png_write_image(png, rows);
	png_write_end(png, NULL);
out:
	if (png)
		png_destroy_write_struct(&png, info ? &info : NULL);
	return buf;
}

/* Decoded pixels as PNG.  Caller frees with g_byte_array_unref(); NULL on
 * failure. */
static GByteArray *png_from_rgba(const al_image *img)
{
	png_bytep *rows = g_new(png_bytep, img->height);
	for (int y = 0; y < img->height; y++)
		rows[y] = img->rgba + (size_t)y * img->width * 4;
	GByteArray *b = png_encode(rows, img->width, img->height, PNG_COLOR_TYPE_RGBA, NULL);
	g_free(rows);
	return b;
}

/* A 1-bit palette PNG: pixels whose @mask value equals @want in @tint, the
 * rest transparent (a few hundred bytes even for a hero).  Caller frees
 * with g_byte_array_unref(); NULL on failure. */
static GByteArray *png_from_mask(const uint8_t *mask, int w, int h, uint8_t want,
                                 const uint8_t tint[4])
{
	size_t stride = ((size_t)w + 7) / 8;
	uint8_t *bits = g_malloc0(stride * (size_t)h);
	png_bytep *rows = g_new(png_bytep, h);
	for (int y = 0; y < h; y++) {
		rows[y] = bits + (size_t)y * stride;
		for (int x = 0; x < w; x++)
			if ((mask[(size_t)y * w + x] != 0) == (want != 0))
				rows[y][x >> 3] |= (uint8_t)(0x80u >> (x & 7));
	}
	GByteArray *b = png_encode(rows, w, h, PNG_COLOR_TYPE_PALETTE, tint);
	g_free(rows);
	g_free(bits);
	return b;
}

static void append_data_uri(GString *s, const char *mime, const uint8_t *data, size_t len)
{
	char *b64 = g_base64_encode(data, len);
	g_string_append_printf(s, "data:%s;base64,%s", mime, b64);
	g_free(b64);
}

/* ---- one file's preview ------------------------------------------- */

typedef struct {
	char *why;               /* why there is no preview; owned; NULL = preview */
	gchar *data;             /* file bytes; owned */
	gsize len;
	al_info info;
	al_image img;            /* rgba owned */
	al_measure m;
	bool have_m;
} preview;

/* Re-reads and decodes @path the way the pipeline does, so the overlays
 * show the same measurements the rules saw.  Never fails: an unreadable
 * file (or none: NULL @path) leaves p->why set. */
static void preview_load(preview *p, const char *path, const al_options *opts)
{
	char why[256] = "";

	memset(p, 0, sizeof *p);
	if (!path) {
		p->why = g_strdup("checked from memory, not from a file");
		goto out;
	}
	/* the pipeline's reader: regular files only, never a FIFO or device */
	if (al_read_file(path, MIN(al_read_limit(opts), (size_t)PREVIEW_MAX_FILE_BYTES),
	                 &p->data, &p->len, &p->why) != AL_OK)
		goto out;
	if (al_probe((const uint8_t *)p->data, p->len, &p->info, why, sizeof why) != AL_OK) {
		p->why = g_strdup(why[0] ? why : "cannot read the image header");
		goto out;
	}
	if ((double)p->info.width * p->info.height > opts->max_pixels) {
		p->why = g_strdup_printf("%d×%d is above the pixel limit; not decoded",
		                         p->info.width, p->info.height);
		goto out;
	}
	if (al_decode((const uint8_t *)p->data, p->len, &p->info, &p->img, why, sizeof why) != AL_OK
	    || !p->img.rgba || p->img.width <= 0 || p->img.height <= 0) {
		p->why = g_strdup(why[0] ? why : "cannot decode the image");
		g_free(p->img.rgba);
		p->img.rgba = NULL;
		goto out;
	}
	p->have_m = al_measure_compute(&p->m, &p->img, opts) == AL_OK;
out:
	return;
}

/* The image's own size: the preview of a very large image is a reduced
 * copy, and the findings' boxes are in the image's pixels. */
static void preview_size(const preview *p, int *w, int *h)
{
	*w = p->img.full_width > 0 ? p->img.full_width : p->img.width;
	*h = p->img.full_height > 0 ? p->img.full_height : p->img.height;
}

static void preview_clear(preview *p)
{
	if (p->have_m)
		al_measure_clear(&p->m);
	g_free(p->img.rgba);
	g_free(p->data);
	g_free(p->why);
	memset(p, 0, sizeof *p);
}

/* The image as a data: URI: the original bytes for PNG and JPEG (the
 * browser then shows exactly what the marketplace will), else the decoded
 * pixels re-encoded as PNG. */
static bool append_image_uri(GString *s, const preview *p)
{
	bool ok = true;
	if ((p->info.format == AL_FMT_PNG || p->info.format == AL_FMT_JPEG)
	    && p->len <= EMBED_MAX_BYTES) {
		append_data_uri(s, p->info.format == AL_FMT_PNG ? "image/png" : "image/jpeg",
		                (const uint8_t *)p->data, p->len);
	} else {
		GByteArray *b = png_from_rgba(&p->img);
		if (b) {
			append_data_uri(s, "image/png", b->data, b->len);
			g_byte_array_unref(b);
		} else {
			ok = false;
		}
	}
	return ok;
}

static void append_mask_img(GString *s, const char *cls, const al_measure *m,
                            uint8_t want, const uint8_t tint[4])
{
	GByteArray *b = png_from_mask(m->bgmask, m->width, m->height, want, tint);
	if (!b)
		return;
	/* lazy: a hidden overlay is not decoded, nor does it hold up the load */
	g_string_append_printf(s, "<img loading=\"lazy\" decoding=\"async\" class=\"ov %s\" alt=\"\" src=\"", cls);
	append_data_uri(s, "image/png", b->data, b->len);
	g_string_append(s, "\">");
	g_byte_array_unref(b);
}

/* ---- page parts ------------------------------------------------------ */

typedef struct {
	int n[AL_SEV_ERROR + 1];
} sev_count;

static void count_findings(const GPtrArray *findings, sev_count *c)
{
	for (guint i = 0; findings && i < findings->len; i++) {
		const al_finding *f = g_ptr_array_index(findings, i);
		if ((unsigned)f->severity <= AL_SEV_ERROR)
			c->n[f->severity]++;
	}
}

static const char *worst_class(const sev_count *c)
{
	if (c->n[AL_SEV_ERROR])
		return "c-error";
	if (c->n[AL_SEV_WARNING])
		return "c-warning";
	if (c->n[AL_SEV_INFO])
		return "c-info";
	return "c-ok sev-ok";
}

static void append_badges(GString *s, const sev_count *c)
{
	static const char *const word[] = { NULL, "info", "warning", "error" };
	bool any = false;
	g_string_append(s, "<span class=\"badges\">");
	for (int sev = AL_SEV_ERROR; sev >= AL_SEV_INFO; sev--)
		if (c->n[sev]) {
			g_string_append_printf(s, "<span class=\"badge %s sev-%s\">%d %s%s</span>",
			                       word[sev], word[sev], c->n[sev], word[sev],
			                       c->n[sev] == 1 ? "" : "s");
			any = true;
		}
	if (!any)
		g_string_append(s, "<span class=\"badge ok\">OK</span>");
	g_string_append(s, "</span>");
}

static const char *region_class(const char *rule)
{
	if (g_strcmp0(rule, "text") == 0)
		return "r-text";
	if (g_strcmp0(rule, "gradient") == 0)
		return "r-grad";
	return "r-other";
}

/* True when finding @fd gets a box on an image @w x @h: it has a region,
 * and not one around the whole image (a background finding), which would
 * only hide the image's edge; the finding's text says it. */
static bool box_drawn(const al_finding *fd, int w, int h)
{
	return fd->has_region && fd->region.w > 0 && fd->region.h > 0 && w > 0 && h > 0
	       && !(fd->region.x <= 0 && fd->region.y <= 0
	            && fd->region.w >= w && fd->region.h >= h);
}

/* The findings of a file (@card: its index; @w x @h: the size of its
 * preview, 0 when none) or of a set (@card < 0).  A file's findings are
 * numbered; one with a box on the image carries data-box, as the box and
 * its label do, so that hovering either highlights both. */
static void append_findings(GString *s, const GPtrArray *findings, int card, int w, int h)
{
	if (!findings || findings->len == 0) {
		g_string_append(s, "<p class=\"clean\">No findings.</p>\n");
		return;
	}
	g_string_append(s, "<ul class=\"findings\">\n");
	for (guint i = 0; i < findings->len; i++) {
		const al_finding *f = g_ptr_array_index(findings, i);
		const char *sev = al_severity_name(f->severity);
		const al_rule *rule = al_rule_find(f->rule);
		g_string_append_printf(s, "<li class=\"f sev-%s\"", sev);
		if (card >= 0 && box_drawn(f, w, h))
			g_string_append_printf(s, " data-box=\"b%d-%u\" tabindex=\"0\"", card, i);
		g_string_append_c(s, '>');
		if (card >= 0)
			g_string_append_printf(s, "<span class=\"num\">%u</span>", i + 1);
		g_string_append_printf(s, "<span class=\"sev\">%s</span><code class=\"rule\">", sev);
		esc(s, f->rule);
		g_string_append(s, "</code>");
		if (f->has_region)
			g_string_append_printf(s, " <span class=\"where\">at x %d, y %d, %d×%d px</span>",
			                       f->region.x, f->region.y, f->region.w, f->region.h);
		g_string_append(s, "<p class=\"msg\">");
		esc(s, f->message);
		g_string_append(s, "</p>");
		if (rule && rule->help) {
			g_string_append(s, "<p class=\"fix\"><b>Fix:</b> ");
			esc(s, rule->help);
			g_string_append(s, "</p>");
		}
		g_string_append(s, "</li>\n");
	}
	g_string_append(s, "</ul>\n");
}

/* Width of the hero's free zone for an image @w px wide: the same
 * function hero-margin and hero-contrast use, so the zone drawn is the zone
 * checked (threshold after config, scaled for a wrong-sized hero). */
static int free_zone_width(const al_options *opts, int w)
{
	al_measure m = { .width = w };
	al_ctx ctx = { .opts = opts, .profile = opts->profile, .m = &m };
	return al_hero_zone_width(&ctx);
}

/* Display scale: small logos enlarged by whole factors (crisp pixels, e.g.
 * 40x40 at 4x), large images shrunk to fit a laptop screen. */
static double display_scale(int w, int h)
{
	int k = MIN(4, MIN(520 / MAX(w, 1), 240 / MAX(h, 1)));
	if (k >= 1)
		return k;
	return MIN(1.0, MIN(815.0 / w, 600.0 / h));
}

static void append_facts(GString *s, const al_file_result *f, const al_profile *prof)
{
	const al_role_spec *spec = (unsigned)f->role <= AL_ROLE_HERO ? &prof->roles[f->role] : NULL;
	char hex[8];

	g_string_append(s, "<dl class=\"facts\"><dt>Role</dt><dd>");
	g_string_append(s, al_role_name(f->role));
	if (f->role_source == AL_ROLE_FROM_FILENAME)
		g_string_append(s, " <span class=\"meta\">(from the file name)</span>");
	else if (f->role_source == AL_ROLE_FROM_DIMENSIONS)
		g_string_append(s, " <span class=\"meta\">(from the size)</span>");
	if (f->role == AL_ROLE_UNKNOWN && f->width > 0 && f->height > 0)
		g_string_append_printf(s, " <span class=\"meta\">(nearest: %s)</span>",
		                       al_role_name(al_role_nearest(prof, f->width, f->height)));
	g_string_append(s, "</dd><dt>Size</dt><dd>");
	if (f->width > 0 && f->height > 0) {
		if (spec && spec->present) {
			bool fits = al_role_spec_fits(spec, f->width, f->height);
			g_string_append_printf(s, "<span class=\"%s\">%d×%d px</span>",
			                       fits ? "good" : "bad", f->width, f->height);
			if (spec->min_w == spec->max_w && spec->min_h == spec->max_h)
				g_string_append_printf(s, " <span class=\"meta\">%s %d×%d</span>",
				                       fits ? "= expected" : "≠ expected",
				                       spec->min_w, spec->min_h);
			else
				g_string_append_printf(s, " <span class=\"meta\">expected %d–%d × %d–%d</span>",
				                       spec->min_w, spec->max_w, spec->min_h, spec->max_h);
		} else {
			g_string_append_printf(s, "%d×%d px", f->width, f->height);
		}
	} else {
		g_string_append(s, "—");
	}
	g_string_append(s, "</dd><dt>Format</dt><dd>");
	const char *fmt = al_format_name(f->format);
	g_string_append(s, fmt ? fmt : "unreadable");
	g_string_append(s, "</dd><dt>Background</dt><dd>");
	switch (f->bg_kind) {
	case AL_BG_COLOR:
		al_hex_color(f->bg_rgb, hex);
		g_string_append_printf(s, "<span class=\"swatch\" style=\"background:%s\"></span>"
		                       "colour <code>%s</code>, %.0f%% of the image",
		                       hex, hex, f->bg_coverage * 100.0);
		break;
	case AL_BG_TRANSPARENT:
		g_string_append_printf(s, "<span class=\"swatch checker\"></span>transparent, "
		                       "%.0f%% of the image", f->bg_coverage * 100.0);
		break;
	case AL_BG_MIXED:
		g_string_append(s, "mixed <span class=\"meta\">(no single colour: photo or pattern)</span>");
		break;
	case AL_BG_NONE:
		g_string_append(s, "—");
		break;
	}
	g_string_append(s, "</dd></dl>\n");
}

/* The main view: image, mask overlays, region boxes, free zone and the
 * marketplace's text, all in image pixels scaled by CSS. */
static void append_stage(GString *s, const al_file_result *f, const preview *p,
                         bool hero, const al_options *opts, guint card)
{
	int w, h;
	preview_size(p, &w, &h);
	double sc = display_scale(w, h);
	const GPtrArray *fs = f->findings;
	int zone_w = hero ? free_zone_width(opts, w) : 0;
	int hero_w = opts->profile ? opts->profile->roles[AL_ROLE_HERO].min_w : 0;
	/* The marketplace scales a hero to its width and sets the text at a
	 * fixed size: scale the sample text with the image the same way. */
	double ts = hero_w > 0 ? sc * w / hero_w : sc;

	g_string_append_printf(s, "<div><div class=\"stage%s\" style=\"width:%.0fpx;height:%.0fpx;--s:%.3f\">",
	                       p->have_m && p->m.bg_kind == AL_BG_TRANSPARENT ? " checker" : "",
	                       w * sc, h * sc, ts);
	g_string_append_printf(s, "<div class=\"pic%s\" role=\"img\" aria-label=\"",
	                       sc < 1 ? " smooth" : "");
	esc(s, f->path);
	g_string_append(s, "\"></div>");
	if (p->have_m && p->m.bgmask && p->m.width == p->img.width && p->m.height == p->img.height) {
		append_mask_img(s, "ov-bg", &p->m, 1, BG_TINT);
		append_mask_img(s, "ov-fg", &p->m, 0, FG_TINT);
	}
	g_string_append_printf(s, "<svg class=\"ov\" viewBox=\"0 0 %d %d\" preserveAspectRatio=\"none\" "
	                       "xmlns=\"http://www.w3.org/2000/svg\">", w, h);
	if (hero) {
		/* Two strokes (dark solid under light dashes) stay visible on any
		 * background. */
		int zx = MAX(0, w - zone_w);
		g_string_append(s, "<g class=\"fz\">");
		for (int k = 0; k < 2; k++)
			g_string_append_printf(s, "<rect class=\"%s\" x=\"%d\" y=\"0\" width=\"%d\" "
			                       "height=\"%d\" vector-effect=\"non-scaling-stroke\"></rect>",
			                       k ? "b" : "a", zx, w - zx, h);
		g_string_append(s, "</g>");
	}
	for (guint i = 0; fs && i < fs->len; i++) {
		const al_finding *fd = g_ptr_array_index(fs, i);
		if (!box_drawn(fd, w, h))
			continue;
		g_string_append_printf(s, "<rect class=\"r %s sev-%s\" data-box=\"b%u-%u\" x=\"%d\" "
		                       "y=\"%d\" width=\"%d\" height=\"%d\" "
		                       "vector-effect=\"non-scaling-stroke\"><title>",
		                       region_class(fd->rule), al_severity_name(fd->severity), card, i,
		                       fd->region.x, fd->region.y, fd->region.w, fd->region.h);
		esc(s, fd->rule);
		g_string_append(s, ": ");
		esc(s, fd->message);
		g_string_append(s, "</title></rect>");
	}
	g_string_append(s, "</svg>");
	/* Each box labelled with its number in the list and its rule, in text:
	 * readable without colour.  Above the box, or inside its top edge
	 * when there is no room above. */
	for (guint i = 0; fs && i < fs->len; i++) {
		const al_finding *fd = g_ptr_array_index(fs, i);
		if (!box_drawn(fd, w, h))
			continue;
		bool inside = fd->region.y * sc < 16;
		g_string_append_printf(s, "<span class=\"blbl %s sev-%s%s\" data-box=\"b%u-%u\" "
		                       "style=\"left:%.3f%%;top:%.3f%%\">%u ",
		                       region_class(fd->rule), al_severity_name(fd->severity),
		                       inside ? " in" : "", card, i,
		                       100.0 * MAX(0, fd->region.x) / w, 100.0 * MAX(0, fd->region.y) / h,
		                       i + 1);
		esc(s, fd->rule);
		g_string_append(s, "</span>");
	}
	if (hero) {
		int zx = MAX(0, w - zone_w);
		g_string_append_printf(s, "<div class=\"mt\" style=\"left:%.3f%%;width:%.3f%%;"
		                       "padding:0 %.0fpx\">"
		                       "<div class=\"pub\">Publisher Name</div>"
		                       "<div class=\"title\">Offer Title</div>"
		                       "<div class=\"sum\">A short summary of the offer. The marketplace "
		                       "sets this text in white over your hero.</div></div>",
		                       100.0 * zx / w, 100.0 * (w - zx) / w, 28 * ts);
	}
	g_string_append(s, "</div>");
	if (sc > 1)
		g_string_append_printf(s, "<div class=\"cap\" title=\"enlarged without smoothing\">"
		                       "shown %g×</div>", sc);
	else if (sc < 1)
		g_string_append_printf(s, "<div class=\"cap\">shown at %.0f%%</div>", sc * 100);
	else
		g_string_append(s, "<div class=\"cap\">actual size</div>");
	g_string_append(s, "</div>\n");
}

/* The logo at its real size on the portal's light and dark themes. */
static void append_themes(GString *s, const preview *p)
{
	int w, h;
	preview_size(p, &w, &h);
	double sc = MIN(1.0, MIN(255.0 / w, 255.0 / h));
	g_string_append(s, "<div class=\"themes\">");
	for (int k = 0; k < 2; k++)
		g_string_append_printf(s, "<figure class=\"tile %s\" style=\"background:%s\">"
		                       "<div class=\"pic%s\" style=\"width:%.0fpx;height:%.0fpx\"></div>"
		                       "<figcaption>%s theme</figcaption></figure>",
		                       k ? "dark" : "light", k ? THEME_DARK : THEME_LIGHT,
		                       sc < 1 ? " smooth" : "", w * sc, h * sc,
		                       k ? "Dark" : "Light");
	g_string_append(s, "</div>\n");
}

/* Card width in CSS px: the main view plus the two theme tiles, kept
 * between a readable minimum and a width where the tiles wrap below. */
static int card_width(const preview *p, bool hero)
{
	int w, h;
	preview_size(p, &w, &h);
	double need;
	if (p->why || w <= 0 || h <= 0)
		return 380;
	need = w * display_scale(w, h) + 34;
	if (!hero)
		/* a tile is at least as wide as its caption */
		need += 24 + 10 + 2 * (MAX(72.0, w * MIN(1.0, MIN(255.0 / w, 255.0 / h))) + 34);
	else
		need += 24 + 400; /* the findings beside the hero on wide screens */
	return (int)CLAMP(need, 380.0, hero ? 1700.0 : 760.0);
}

/* The file name in bold; its folder muted, left out when it is the set's
 * folder (the section heading shows it). */
static void append_path(GString *s, const char *path, const char *set)
{
	const char *name = strrchr(path, '/');
	size_t sl = set ? strlen(set) : 0;
	name = name ? name + 1 : path;
	g_string_append(s, "<span class=\"path\">");
	if (!(set && name == path + sl + 1 && strncmp(path, set, sl) == 0) && name > path) {
		char *dir = g_strndup(path, (gsize)(name - path));
		g_string_append(s, "<span class=\"dir\">");
		esc(s, dir);
		g_string_append(s, "</span>");
		g_free(dir);
	}
	g_string_append(s, "<b>");
	esc(s, name);
	g_string_append(s, "</b></span>");
}

static void append_card(GString *s, const al_file_result *f, guint idx,
                        const al_options *opts)
{
	const al_profile *prof = opts->profile ? opts->profile : al_profile_default();
	sev_count c = { { 0 } };
	preview p;
	bool hero;

	count_findings(f->findings, &c);
	preview_load(&p, f->in_memory ? NULL : f->path, opts);
	hero = f->role == AL_ROLE_HERO
	       || (f->role == AL_ROLE_UNKNOWN && f->width > 0 && f->height > 0
	           && al_role_nearest(prof, f->width, f->height) == AL_ROLE_HERO);

	g_string_append_printf(s, "<article class=\"card %s%s\" id=\"file-%u\"",
	                       worst_class(&c), hero ? " hero" : "", idx);
	g_string_append_printf(s, " style=\"width:%dpx", card_width(&p, hero));
	if (!p.why) {
		g_string_append(s, ";--img:url(&quot;");
		if (!append_image_uri(s, &p)) {
			/* Keep the attribute well-formed; the placeholder explains. */
			p.why = g_strdup("cannot encode a preview");
		}
		g_string_append(s, "&quot;)");
	}
	g_string_append(s, "\">\n<h3>");
	append_path(s, f->path, f->set);
	append_badges(s, &c);
	g_string_append(s, "</h3>\n");
	g_string_append(s, "<div class=\"body\"><div class=\"visual\">");
	append_facts(s, f, prof);
	if (p.why) {
		g_string_append(s, "<div class=\"nopreview\">No preview: ");
		esc(s, p.why);
		g_string_append(s, "</div>\n");
	} else {
		g_string_append(s, "<div class=\"views\">");
		append_stage(s, f, &p, hero, opts, idx);
		if (!hero)
			append_themes(s, &p);
		g_string_append(s, "</div>\n");
	}
	g_string_append(s, "</div><div class=\"list\">");
	int pw = 0, ph = 0;
	if (!p.why)
		preview_size(&p, &pw, &ph);
	append_findings(s, f->findings, (int)idx, pw, ph);
	g_string_append(s, "</div></div>\n</article>\n");
	preview_clear(&p);
}

/* SHA-256 of the inline script, base64, for the CSP: only this exact
 * script runs, never an injected one. */
static char *script_hash(void)
{
	guint8 digest[32];
	gsize dlen = sizeof digest;
	GChecksum *ck = g_checksum_new(G_CHECKSUM_SHA256);
	g_checksum_update(ck, (const guchar *)SCRIPT, sizeof SCRIPT - 1);
	g_checksum_get_digest(ck, digest, &dlen);
	g_checksum_free(ck);
	return g_base64_encode(digest, dlen);
}

static void append_head(GString *s, const al_report *r, const sev_count *total,
                        int n_files, int n_sets, int n_clean)
{
	char *hash = script_hash();
	static const struct { const char *id, *label, *key; bool on; } ovs[] = {
		{ "bg", "Background region", "bg", false },
		{ "fg", "Foreground", "fg", false },
		{ "fz", "Hero free zone", "fz", true },
		{ "mt", "Marketplace text", "mt", true },
		{ "text", "Text boxes", "text", true },
		{ "grad", "Gradient boxes", "grad", true },
		{ "other", "Other findings", "other", true },
	};

	g_string_append(s, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
	g_string_append_printf(s, "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
	                       "img-src data:; style-src 'unsafe-inline'; script-src 'sha256-%s'; "
	                       "base-uri 'none'; form-action 'none'\">\n", hash);
	g_string_append(s, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	                   "<meta name=\"referrer\" content=\"no-referrer\">\n"
	                   "<title>assetlint report</title>\n<style>\n");
	g_string_append(s, STYLE);
	g_string_append(s, "</style>\n</head>\n<body class=\"");
	for (guint i = 0; i < G_N_ELEMENTS(ovs); i++)
		if (ovs[i].on)
			g_string_append_printf(s, "ov-%s ", ovs[i].id);
	g_string_append(s, "\">\n<header class=\"top\">\n<h1>assetlint report</h1>\n<div class=\"stats\">");
	g_string_append_printf(s, "<span class=\"stat\"><b>%d</b>file%s</span>"
	                       "<span class=\"stat\"><b>%d</b>set%s</span>"
	                       "<span class=\"stat err\"><b>%d</b>error%s</span>"
	                       "<span class=\"stat warn\"><b>%d</b>warning%s</span>"
	                       "<span class=\"stat inf\"><b>%d</b>info%s</span>",
	                       n_files, n_files == 1 ? "" : "s", n_sets, n_sets == 1 ? "" : "s",
	                       total->n[AL_SEV_ERROR], total->n[AL_SEV_ERROR] == 1 ? "" : "s",
	                       total->n[AL_SEV_WARNING], total->n[AL_SEV_WARNING] == 1 ? "" : "s",
	                       total->n[AL_SEV_INFO], total->n[AL_SEV_INFO] == 1 ? "" : "s");
	g_string_append(s, "<span class=\"meta\">profile <code>");
	esc(s, r->profile ? r->profile : al_profile_default()->name);
	g_string_append(s, "</code> · config <code>");
	esc(s, r->config ? r->config : "none");
	g_string_append(s, "</code> · assetlint " AL_VERSION "</span></div>\n");
	g_string_append(s, "<div class=\"controls\"><div class=\"grp\"><span class=\"lbl\">Show</span>");
	for (int sev = AL_SEV_ERROR; sev >= AL_SEV_INFO; sev--)
		g_string_append_printf(s, "<label><input type=\"checkbox\" data-sev=\"%s\" checked>"
		                       "%ss <span class=\"meta\">(%d)</span></label>",
		                       al_severity_name((al_severity)sev),
		                       al_severity_name((al_severity)sev), total->n[sev]);
	g_string_append_printf(s, "<span class=\"meta\">%d file%s without findings, collapsed "
	                       "in each set</span>", n_clean, n_clean == 1 ? "" : "s");
	g_string_append(s, "</div><div class=\"grp\"><span class=\"lbl\">Overlays</span>");
	for (guint i = 0; i < G_N_ELEMENTS(ovs); i++)
		g_string_append_printf(s, "<label><input type=\"checkbox\" data-ov=\"%s\"%s>"
		                       "<span class=\"key %s\"></span>%s</label>",
		                       ovs[i].id, ovs[i].on ? " checked" : "", ovs[i].key, ovs[i].label);
	g_string_append(s, "<span class=\"nojs\">(filters need JavaScript)</span></div></div>\n"
	                   "</header>\n<main>\n");
	g_free(hash);
}

static al_status flush(GString *s, FILE *out)
{
	al_status st = AL_OK;
	if (s->len && fwrite(s->str, 1, s->len, out) != s->len)
		st = AL_ERR_IO;
	g_string_truncate(s, 0);
	return st;
}

static void count_set(const GPtrArray *files, const GPtrArray *set_findings, sev_count *c)
{
	count_findings(set_findings, c);
	for (guint i = 0; files && i < files->len; i++)
		count_findings(((const al_file_result *)g_ptr_array_index(files, i))->findings, c);
}

/* The index of the sets, when there is more than one: a table of the sets
 * with findings (files, errors, warnings, infos; worst first is not what a
 * reader of a folder tree expects, so path order), then the sets without
 * findings as a collapsed list.  Open by default for a few sets; collapsed
 * for a big run, where its summary line is what a reader needs first. */
static void append_index(GString *s, const al_report *r, GHashTable *by_set,
                         const GPtrArray *orphans)
{
	guint n = r->sets ? r->sets->len : 0;
	guint rows = n + (orphans->len ? 1 : 0);
	guint with_err = 0, with_warn = 0, clean = 0;
	GString *table = g_string_new(NULL), *ok = g_string_new(NULL);

	if (rows < 2)
		goto out;
	for (guint i = 0; i < rows; i++) {
		const al_set_result *set = i < n ? g_ptr_array_index(r->sets, i) : NULL;
		const GPtrArray *files = set ? g_hash_table_lookup(by_set, set->path) : orphans;
		sev_count c = { { 0 } };
		count_set(files, set ? set->findings : NULL, &c);
		bool any = c.n[AL_SEV_ERROR] + c.n[AL_SEV_WARNING] + c.n[AL_SEV_INFO] > 0;
		GString *to = any ? table : ok;
		with_err += c.n[AL_SEV_ERROR] > 0;
		with_warn += !c.n[AL_SEV_ERROR] && c.n[AL_SEV_WARNING] > 0;
		clean += !any;
		if (any)
			g_string_append(to, "<tr><td>");
		g_string_append_printf(to, "<a href=\"#set-%u\">", i);
		if (set)
			esc(to, set->path);
		else
			g_string_append(to, "Files checked alone");
		g_string_append(to, "</a>");
		if (any)
			g_string_append_printf(to, "</td><td>%u</td><td class=\"%s\">%d</td>"
			                       "<td class=\"%s\">%d</td><td>%d</td></tr>\n",
			                       files ? files->len : 0, c.n[AL_SEV_ERROR] ? "e" : "",
			                       c.n[AL_SEV_ERROR], c.n[AL_SEV_WARNING] ? "w" : "",
			                       c.n[AL_SEV_WARNING], c.n[AL_SEV_INFO]);
		else
			g_string_append_c(to, ' ');
	}
	g_string_append_printf(s, "<details class=\"index\"%s><summary>Index of %u sets: "
	                       "%u with errors, %u with warnings, %u with infos only, %u without "
	                       "findings</summary>\n", rows <= 30 ? " open" : "", rows, with_err,
	                       with_warn, rows - with_err - with_warn - clean, clean);
	if (table->len)
		g_string_append_printf(s, "<table><thead><tr><th>set</th><th>files</th><th>errors</th>"
		                       "<th>warnings</th><th>infos</th></tr></thead><tbody>\n%s"
		                       "</tbody></table>\n", table->str);
	if (ok->len)
		g_string_append_printf(s, "<details class=\"okl\"><summary>%u set%s without findings"
		                       "</summary>%s</details>\n", clean, clean == 1 ? "" : "s", ok->str);
	g_string_append(s, "</details>\n");
out:
	g_string_free(table, TRUE);
	g_string_free(ok, TRUE);
}

static void append_set_head(GString *s, guint idx, const char *path, const GPtrArray *files,
                            const GPtrArray *set_findings)
{
	sev_count c = { { 0 } };
	count_set(files, set_findings, &c);
	g_string_append_printf(s, "<section class=\"set\" id=\"set-%u\">\n<h2>", idx);
	if (path) {
		g_string_append(s, "Set <code>");
		esc(s, path);
		g_string_append(s, "</code>");
	} else {
		g_string_append(s, "Files checked alone");
	}
	g_string_append_printf(s, "<span class=\"n\">%u file%s</span>", files ? files->len : 0,
	                       files && files->len == 1 ? "" : "s");
	append_badges(s, &c);
	g_string_append(s, "</h2>\n");
	if (set_findings && set_findings->len) {
		g_string_append(s, "<div class=\"setfind\">");
		append_findings(s, set_findings, -1, 0, 0);
		g_string_append(s, "</div>\n");
	}
}

/* Cards in the order a designer thinks of an offer: small, medium, large,
 * wide, hero, then unknown; by path within a role. */
static gint by_role(gconstpointer a, gconstpointer b)
{
	const al_file_result *fa = *(const al_file_result *const *)a;
	const al_file_result *fb = *(const al_file_result *const *)b;
	if (fa->role != fb->role)
		return (int)fa->role < (int)fb->role ? -1 : 1;
	return strcmp(fa->path, fb->path);
}

/* Writes @r as one self-contained HTML page.  Re-reads every file to draw
 * its preview; an unreadable file gets a placeholder.  @color is unused.
 * Returns AL_OK, or AL_ERR_IO with a message in *err (caller g_free()s). */
al_status al_write_html(const al_report *r, const al_options *opts_in, FILE *out,
                        int color, char **err)
{
	al_options *own = opts_in ? NULL : al_options_new();
	const al_options *opts = opts_in ? opts_in : own;
	GString *s = g_string_sized_new(1 << 16);
	GHashTable *by_set = g_hash_table_new_full(g_str_hash, g_str_equal, NULL,
	                                           (GDestroyNotify)g_ptr_array_unref);
	GPtrArray *orphans = g_ptr_array_new();
	sev_count total = { { 0 } };
	al_status st = AL_OK;
	guint idx = 0;
	int n_clean = 0;
	guint n_files = r->files ? r->files->len : 0;
	guint n_sets = r->sets ? r->sets->len : 0;

	/* Group the (path-sorted) files by set; keeps their order. */
	for (guint i = 0; i < n_sets; i++) {
		const al_set_result *set = g_ptr_array_index(r->sets, i);
		g_hash_table_insert(by_set, set->path, g_ptr_array_new());
		count_findings(set->findings, &total);
	}
	for (guint i = 0; i < n_files; i++) {
		al_file_result *f = g_ptr_array_index(r->files, i);
		GPtrArray *list = f->set ? g_hash_table_lookup(by_set, f->set) : NULL;
		g_ptr_array_add(list ? list : orphans, f);
		count_findings(f->findings, &total);
		if (!f->findings || f->findings->len == 0)
			n_clean++;
	}

	for (guint i = 0; i < n_sets; i++) {
		const al_set_result *set = g_ptr_array_index(r->sets, i);
		g_ptr_array_sort(g_hash_table_lookup(by_set, set->path), by_role);
	}
	g_ptr_array_sort(orphans, by_role);
	append_head(s, r, &total, (int)n_files, (int)n_sets, n_clean);
	append_index(s, r, by_set, orphans);
	for (guint i = 0; i < n_sets + 1 && st == AL_OK; i++) {
		const al_set_result *set = i < n_sets ? g_ptr_array_index(r->sets, i) : NULL;
		GPtrArray *files = set ? g_hash_table_lookup(by_set, set->path) : orphans;
		if (!set && orphans->len == 0)
			break;
		append_set_head(s, i, set ? set->path : NULL, files, set ? set->findings : NULL);
		guint n_ok = 0;
		g_string_append(s, "<div class=\"cards\">\n");
		for (guint k = 0; k < files->len && st == AL_OK; k++) {
			const al_file_result *f = g_ptr_array_index(files, k);
			if (f->findings && f->findings->len) {
				append_card(s, f, idx++, opts);
				st = flush(s, out);
			} else {
				n_ok++;
			}
		}
		g_string_append(s, "</div>\n");
		/* Files without findings, collapsed: with their previews in a
		 * small run, by name only in a big one (the page stays small). */
		if (n_ok) {
			bool cards = n_files <= HTML_CLEAN_CARDS_MAX;
			g_string_append_printf(s, "<details class=\"okfiles\"><summary>%u file%s without "
			                       "findings</summary>%s", n_ok, n_ok == 1 ? "" : "s",
			                       cards ? "<div class=\"cards\">\n" : "<ul>");
			for (guint k = 0; k < files->len && st == AL_OK; k++) {
				const al_file_result *f = g_ptr_array_index(files, k);
				if (f->findings && f->findings->len)
					continue;
				if (cards) {
					append_card(s, f, idx++, opts);
					st = flush(s, out);
				} else {
					g_string_append(s, "<li>");
					append_path(s, f->path, f->set);
					g_string_append(s, "</li>");
				}
			}
			g_string_append(s, cards ? "</div></details>\n" : "</ul></details>\n");
		}
		g_string_append(s, "</section>\n");
	}
	g_string_append_printf(s, "</main>\n<script>%s</script>\n</body>\n</html>\n", SCRIPT);
	if (st == AL_OK)
		st = flush(s, out);
	if (st == AL_OK && (fflush(out) != 0 || ferror(out)))
		st = AL_ERR_IO;
	if (st != AL_OK && err)
		*err = g_strdup_printf("cannot write the HTML report: %s", g_strerror(errno));

	g_ptr_array_unref(orphans);
	g_hash_table_destroy(by_set);
	g_string_free(s, TRUE);
	al_options_free(own);
	return st;
}
