/*
 * Internal model shared by the library's modules.  Not installed.
 *
 * Flow per file (pipeline.c): al_probe() reads the header without decoding
 * pixels -> header-stage rules -> al_decode() into one 8-bit sRGB RGBA
 * buffer -> al_measure_compute() (Lab, background model, foreground mask,
 * colour statistics, once) -> pixel-stage rules.  After all files, set-stage
 * rules run per set on the per-file summaries.
 */
#ifndef AL_INTERNAL_H
#define AL_INTERNAL_H

#include <stdint.h>
#include <stdbool.h>
#include <glib.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include "assetlint.h"

typedef struct { int x, y, w, h; } al_region;

/* ---- memory (alloc.c) ------------------------------------------------ */

/* The out-of-memory policy (assetlint(1) SECURITY; the whole of it is in
 * alloc.c): memory whose size the input decides -- the file's bytes, pixel
 * buffers, measurement planes, a rule's per-pixel buffers -- is asked for
 * with al_try_malloc_n() (or g_try_*) and a failure is a finding on that
 * file (unreadable, decode-error, internal-error: al_check_failed()), never
 * a silent skip.  Everything else (strings, findings, fixed-size tables)
 * uses g_malloc and friends, which abort the process: the run then ends
 * with SIGABRT and no report, which a CI gate also reads as a failure. */
void *al_try_malloc_n(size_t n_blocks, size_t block_size);
#define al_try_new(type, n) ((type *)al_try_malloc_n((n), sizeof(type)))
#define al_try_new0(type, n) ((type *)al_try_malloc0_n((n), sizeof(type)))
void *al_try_malloc0_n(size_t n_blocks, size_t block_size);
/* Test hook: when > 0, the al_try_*() call that brings it to 0 fails as
 * if memory were exhausted.  Always 0 outside the tests. */
extern gint al_alloc_fail_countdown;
/* Per-thread scratch that is all zero (issue #10: buffers reused across
 * images instead of cleared for each).  al_zeroed_take() lends the calling
 * thread's buffer of at least @size zero bytes (a fresh g_malloc0() block
 * when the thread's is already lent: nesting is safe); al_zeroed_give()
 * takes it back, and the caller PROMISES that its first @size bytes are
 * all zero again (a histogram whose every touched bin was cleared).  For
 * fixed, small sizes only: it aborts when memory is gone, as g_malloc0. */
void *al_zeroed_take(size_t size);
void al_zeroed_give(void *buf);
/* Test hook: is the calling thread's scratch (if any) all zero and back? */
bool al__zeroed_clean(void);

/* ---- reading files (pipeline.c) -------------------------------------- */

/* Reads the regular file @path whole: opened with O_NONBLOCK and checked
 * with fstat() on the descriptor (a FIFO or a device is refused, never
 * read), at most @max bytes.  Returns AL_OK with *data (caller g_free()s;
 * *len may be 0), else AL_ERR_IO or AL_ERR_TOO_LARGE with the reason in
 * *why (caller g_free()s).  Every reader of checked files goes through it. */
al_status al_read_file(const char *path, size_t max, char **data, size_t *len,
                       char **why);
/* The read limit in bytes: the threshold unreadable.max_file_mb. */
size_t al_read_limit(const al_options *opts);

/* ---- image header and pixels (decode.c) ---------------------------- */

typedef struct {
	al_format format;        /* sniffed from magic bytes */
	int width, height;       /* from the header, before any orientation */
	int bit_depth;           /* per channel: 1,2,4,8,16 */
	int channels;            /* PNG: 1-4; JPEG: components (4 = CMYK) */
	int png_color_type;      /* PNG colour type or -1 */
	bool has_trns, interlaced, progressive;
	bool has_icc, icc_is_srgb, has_srgb_chunk, has_gama;
	bool cmyk;
	bool chroma_subsampled;  /* JPEG: Cb, Cr stored at a lower resolution
	                          * than Y (4:2:0, 4:2:2) */
	int orientation;         /* EXIF 1..8, 1 when absent */
	char icc_desc[64];       /* ICC profile description, "" when none */
} al_info;

typedef struct {
	int width, height;       /* of the buffer, after EXIF orientation */
	uint8_t *rgba;           /* width*height*4, sRGB, straight alpha; owned */
	/* the image's own size after orientation; larger than width/height
	 * when it was decoded reduced (an area average, see al_decode_max);
	 * 0 when the buffer is the whole image (test images) */
	int full_width, full_height;
} al_image;

/* Pixels decoded per file at most: a known role gets AL_DECODE_ROLE_FACTOR
 * times its area, an unknown role (and al_decode) this fixed cap, 4 times
 * the hero's 815 x 290. */
#define AL_DECODE_MAX_PIXELS ((size_t)4 * 815 * 290)
#define AL_DECODE_ROLE_FACTOR 4

/* Sniffs the format from the first bytes of @buf. */
al_format al_sniff(const uint8_t *buf, size_t len);
/* Format implied by the file name's extension (AL_FMT_NONE when none). */
al_format al_format_from_ext(const char *path);
/* Reads only the header of @data into @info.  Returns AL_OK, AL_ERR_DECODE
 * (message in @why, at most @why_len bytes) or AL_ERR_UNSUPPORTED. */
al_status al_probe(const uint8_t *data, size_t len, al_info *info,
                   char *why, size_t why_len);
/* Decodes @data into @img (caller frees img->rgba with g_free()).  Converts
 * a non-sRGB ICC profile, GIF and WebP through libvips.  An image of more
 * than @max_px pixels (0: AL_DECODE_MAX_PIXELS) is decoded straight into
 * a buffer reduced by an integer box k x k (the smallest k that fits), an
 * alpha-weighted area average: img->full_width/height keep the true size.
 * Returns AL_OK, AL_ERR_DECODE, AL_ERR_UNSUPPORTED, AL_ERR_TOO_LARGE or
 * AL_ERR_NOMEM with the reason in @why; on AL_OK @why is empty or notes a
 * problem that did not stop the decode (data after the last row). */
al_status al_decode_max(const uint8_t *data, size_t len, const al_info *info,
                        size_t max_px, al_image *img, char *why, size_t why_len);
/* al_decode_max() with the fixed cap AL_DECODE_MAX_PIXELS. */
al_status al_decode(const uint8_t *data, size_t len, const al_info *info,
                    al_image *img, char *why, size_t why_len);
/* True when @img holds a reduced copy of the image. */
static inline bool al_image_reduced(const al_image *img)
{
	return img && img->full_width > 0 && img->full_height > 0 && img->width > 0 &&
	       img->height > 0 && (img->full_width != img->width || img->full_height != img->height);
}
/* Maps @r from the reduced buffer's pixels to the image's (the source
 * pixels the box covers); unchanged when @img is not reduced. */
void al_image_region_to_full(const al_image *img, al_region *r);

/* ---- memory budget of the files in flight (membudget.c) ---------------- */

/* Bytes the files in flight may hold together (file bytes plus their
 * decode's estimate), per checking thread: at -j2 two heroes fit side by
 * side (2 x 15.1 MB estimate plus their files, up to 1.5 MiB each).  At
 * 14 MiB they did not: heroes, ~60 % of the CPU of a typical tree, then
 * ran one at a time and -j2 kept ~1.4 of 2 cores busy (a -j1 run's
 * per-file CPU replayed on this scheduler: 1.54x the -j1 speed at 14 MiB,
 * 1.95x at 16; issue #10).  The price is the second hero's working set
 * in the run's peak RSS (make bench, -j2: +2 MiB on the testdata tree,
 * +11 MiB on the evaluation corpus's).  An image decoded at a role's
 * reduced budget (up to 4x a hero) runs alone.  A file that alone
 * exceeds the whole budget still runs, alone.  A run that may read text
 * has its OCR engine's memory taken off (al_membudget_reserve()): at -j2
 * a hero then runs beside logos, not beside another hero (run_files()). */
#define AL_MEM_PER_THREAD ((size_t)16 << 20)
/* Estimated peak bytes per decoded pixel: RGBA, Lab, masks and the
 * rules' scratch buffers (measured: ~60 on a 900 x 900 image). */
#define AL_BYTES_PER_PIXEL 64
typedef struct al_memwaiter al_memwaiter;      /* membudget.c */
typedef struct {
	GMutex lock;
	size_t limit, used, peak;
	int waiting;                /* files waiting in al_membudget_need() */
	int queued;                 /* files waiting in al_membudget_take() */
	al_memwaiter *needs, *takes; /* those files, oldest first */
	unsigned woken;             /* waiting files let go (each woken once) */
	int slots;                  /* files that may run at once (0: any) */
	int running;                /* files holding a slot */
	size_t reserved;            /* held besides the files: off the limit */
	void (*on_wait)(void *data, int waiting); /* see al_membudget_on_wait() */
	void *on_wait_data;
} al_membudget;
typedef struct {
	al_membudget *budget;       /* NULL: no budget */
	size_t held;
} al_memticket;

void al_membudget_init(al_membudget *b, size_t limit);
void al_membudget_clear(al_membudget *b);
/* At most @slots files run at once (0, the default: no limit); a file
 * waiting in al_membudget_need() does not count, so a run's threads can
 * outnumber its slots and check other files meanwhile. */
void al_membudget_set_slots(al_membudget *b, int slots);
/* Calls @fn(@data, n) whenever the number n of files waiting, in
 * al_membudget_need() or al_membudget_take(), changes, with the budget's
 * lock held (@fn must not call into the budget): the scheduler starts
 * another file while one waits (run_files()). */
void al_membudget_on_wait(al_membudget *b, void (*fn)(void *data, int waiting), void *data);
/* The run holds @bytes besides its files (its OCR engine): the files in
 * flight share the limit less that. */
void al_membudget_reserve(al_membudget *b, size_t bytes);
/* The budget of a run on @threads checking threads. */
size_t al_membudget_limit(int threads);
/* Waits until @bytes fit under the limit (or no file holds any) and a
 * slot is free, and while a file waiting in al_membudget_need() could go
 * (it goes first); returns the ticket, holding a slot, to resize and give
 * back.  A waiting file that cannot go yet does not hold up a new file
 * that fits: that one runs meanwhile.  Files waiting for the same room
 * go in the order they came. */
al_memticket al_membudget_take(al_membudget *b, size_t bytes);
/* Sets a running file's share to @bytes: gives back what it holds, then
 * waits, holding nothing (not even its slot), until @bytes fit (or no
 * file holds any) and a slot is free.  A
 * file about to decode asks for its pixels' share here: it is held back
 * while the files in flight hold the room, and no two files wait on each
 * other (a waiting file holds nothing). */
void al_membudget_need(al_memticket *t, size_t bytes);
/* Gives the ticket's bytes and slot back and lets go, oldest first, the
 * waiting files that can go now (only those are woken). */
void al_membudget_give(al_memticket *t);
/* Estimated bytes to decode and measure a width x height image within a
 * pixel budget of @max_px. */
size_t al_decode_cost(int width, int height, size_t max_px);

/* libvips for other modules (make-set renders and resamples with it):
 * starts it as the decoders do, once, with their settings (untrusted
 * loaders blocked), and takes the lock that serialises every libvips job.
 * Returns true with the lock held (release it with al_vips_leave()), or
 * false with the reason in @why. */
bool al_vips_enter(char *why, size_t why_len);
void al_vips_leave(void);

/* ---- colour (color.c) ---------------------------------------------- */

/* sRGB 8-bit to CIELAB (D65). */
void al_srgb_to_lab(uint8_t r, uint8_t g, uint8_t b, float lab[3]);
/* CIE76 distance (Euclidean in Lab), the distance used throughout.
 * Inline: the content rules ask it of most pixels. */
static inline float al_de76(const float a[3], const float b[3])
{
	float d0 = a[0] - b[0], d1 = a[1] - b[1], d2 = a[2] - b[2];
	return __builtin_sqrtf(d0 * d0 + d1 * d1 + d2 * d2);
}
/* The squared CIE76 distance (al_de76() before its square root), and the
 * limit on it that decides exactly as al_de76(a, b) < @limit does: the
 * smallest float v with sqrtf(v) >= @limit (sqrtf is correctly rounded,
 * so monotone).  Hot loops compare al_de76_sq(a, b) < v and skip the root
 * with identical results. */
static inline float al_de76_sq(const float a[3], const float b[3])
{
	float d0 = a[0] - b[0], d1 = a[1] - b[1], d2 = a[2] - b[2];
	return d0 * d0 + d1 * d1 + d2 * d2;
}
float al_de76_sq_limit(float limit);
/* WCAG 2.x relative luminance of an sRGB colour, 0..1. */
double al_rel_luminance(uint8_t r, uint8_t g, uint8_t b);
/* WCAG contrast ratio of two relative luminances (>= 1). */
double al_contrast_ratio(double y1, double y2);
/* Chroma C*ab and hue angle h (degrees 0..360) of a Lab colour. */
float al_lab_chroma(const float lab[3]);
float al_lab_hue(const float lab[3]);

/* ---- shared measurements (measure.c) -------------------------------- */

typedef enum {
	AL_BG_NONE = 0,     /* no pixels */
	AL_BG_COLOR,        /* the border is mostly one opaque colour */
	AL_BG_TRANSPARENT,  /* the border is mostly transparent */
	AL_BG_MIXED,        /* no dominant border colour (photo, pattern) */
} al_bg_kind;

/* Sides of the image, for frame lines. */
enum { AL_SIDE_TOP, AL_SIDE_RIGHT, AL_SIDE_BOTTOM, AL_SIDE_LEFT, AL_SIDES };

typedef struct {
	int width, height;
	const uint8_t *rgba;     /* borrowed from the al_image */
	float *lab;              /* width*height*3, each pixel as shown over
	                          * white (alpha < 255 composited); owned */
	/* background model */
	al_bg_kind bg_kind;
	uint8_t bg_rgb[3];       /* dominant border colour (kind color; for
	                          * mixed only a hint; 0 when transparent) */
	float bg_lab[3];         /* idem, CIELAB */
	double border_agreement; /* share of border pixels that match bg
	                          * (transparent: share that is transparent) */
	double bg_coverage;      /* share of image pixels in the bg region */
	int frame[AL_SIDES];     /* depth in px of a frame line along each
	                          * side (AL_SIDE_*), 0 when none */
	uint8_t *bgmask;         /* width*height, nonzero = background (2 = a
	                          * frame line); owned */
	uint8_t *run;            /* width*height: how many pixels left of
	                          * each, in its row, repeat its exact RGBA
	                          * (at most 255); owned.  See al_same_box(). */
	int fg_count;            /* pixels not in the bg region */
	al_region fg_bbox;       /* bbox of foreground (w = 0 when none) */
	/* colour statistics over the foreground's visible pixels */
	int n_visible;           /* fg pixels with alpha >= 128 */
	double fg_mean_lab[3];
} al_measure;

/* Are all pixels of the box x0..x1, y0..y1 (inclusive, inside the image,
 * x1 - x0 <= 255) one exact RGBA?  Most pixels of a logo or hero lie in
 * flat colour; there every per-pixel colour computed from the RGBA alone
 * (m->lab, a rule's own plane) is equal too, so a neighbourhood of one
 * RGBA can take an exact shortcut: no blend, no edge, its mean is its
 * colour.  Row by row through m->run: y1 - y0 + 1 look-ups. */
static inline bool al_same_box(const al_measure *m, int x0, int y0, int x1, int y1)
{
	const uint8_t *p = m->rgba + ((size_t)y0 * m->width + x1) * 4;
	uint32_t c, v;
	__builtin_memcpy(&c, p, 4);
	for (int y = y0; y <= y1; y++) {
		size_t i = (size_t)y * m->width + x1;
		__builtin_memcpy(&v, m->rgba + i * 4, 4);
		if (v != c || m->run[i] < x1 - x0)
			return false;
	}
	return true;
}

/* The end (one past the last pixel) of the run of pixel @i's exact RGBA
 * along its row, with @n = width * height: a run starts where m->run is
 * 0 (every row's first pixel too), so this is the next such pixel, or
 * @n.  Everything computed from the RGBA alone is one value along a run:
 * a pass can decide once per run.  memchr() finds it many bytes at a
 * time. */
static inline size_t al_run_end(const al_measure *m, size_t i, size_t n)
{
	const void *z;

#ifdef __SSE2__
	/* most runs end within sixteen pixels: found here without a call */
	if (i + 17 <= n) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(m->run + i + 1));
		int zero = _mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_setzero_si128()));
		if (zero)
			return i + 1 + (size_t)__builtin_ctz((unsigned)zero);
		i += 16;
	}
#endif
	z = i + 1 < n ? __builtin_memchr(m->run + i + 1, 0, n - i - 1) : NULL;
	return z ? (size_t)((const uint8_t *)z - m->run) : n;
}

/* Computes every shared measurement of @img with the thresholds in @opts.
 * Caller frees with al_measure_clear().  Returns AL_OK or AL_ERR_NOMEM. */
al_status al_measure_compute(al_measure *m, const al_image *img,
                             const al_options *opts);
void al_measure_clear(al_measure *m);
/* Width in px of the border ring the background model reads (2 % of the
 * short side, at least 2). */
int al_measure_ring_width(int width, int height);
/* Dominant colour of the ring of width @bw just inside @r (pixels with
 * alpha >= @alpha_min, histogram mode refined by a Lab mean within @tol
 * CIE76).  *share: ring pixels within @tol of it / all ring pixels;
 * *opaque_share (may be NULL): ring pixels with alpha >= @alpha_min / all.
 * Needs m->lab and m->rgba.  Returns AL_OK or AL_ERR_NOMEM. */
al_status al_measure_ring_color(const al_measure *m, const al_region *r,
                                int bw, int alpha_min, float tol,
                                uint8_t rgb[3], float lab[3], double *share,
                                double *opaque_share);
/* Tests: true makes the ring reads take their four passes over the ring
 * (the reference) instead of reading it once into a list. */
extern bool al__ring_color_passes;
/* A transparent canvas holding one opaque card: when m->bg_kind is
 * AL_BG_TRANSPARENT, the foreground box covers >= @min_area of the image
 * and the ring just inside that box agrees on one opaque colour (shares as
 * for the border), returns true with the card's colour in @rgb/@lab. */
bool al_measure_card(const al_measure *m, const al_options *opts,
                     double min_area, uint8_t rgb[3], float lab[3]);
/* A two-tone canvas: when m->bg_kind is AL_BG_MIXED because a band, a
 * tile or a mark cut by the edges, of a second flat colour, reaches the
 * border (the border ring is two flat colours: >= 90 % together with their
 * anti-aliased mixes, >= 75 % without), returns true with the canvas's
 * colour in @rgb/@lab: the tone in all four corners when the other reaches
 * at most three sides, or in three when the other holds at most one and
 * reaches at most two sides, else the tone that covers more of the image. */
bool al_measure_two_tone(const al_measure *m, const al_options *opts,
                         uint8_t rgb[3], float lab[3]);
/* A page margin peeled as a frame: when every side's frame (m->frame) is
 * at least 3 px and 5 % of the short side deep and the outer ring of that
 * depth agrees on one opaque colour (border_share), returns true with
 * that colour in @rgb/@lab.  The inside is the model's background; the
 * band around it is a background colour too. */
bool al_measure_band(const al_measure *m, const al_options *opts,
                     uint8_t rgb[3], float lab[3]);

/* ---- findings and results ------------------------------------------- */

/* The public al_finding (assetlint.h), read through its accessors (api.c). */
struct al_finding {
	const char *rule;        /* rule id: static string from the descriptor */
	al_severity severity;
	char *message;           /* owned */
	bool has_region;
	al_region region;
	bool has_measured;
	double measured, limit;
};

/* What set rules need to know of one file, kept after pixels are freed. */
#define AL_THUMB 24
/* The comparison grid: the thumbnail pooled 2 x 2. */
#define AL_MARK_CMP (AL_THUMB / 2)
/* A part of the foreground on one side of its widest gap (a mark beside or
 * above a word): its own box and comparison-grid thumbnail. */
#define AL_MARK_PARTS 2
/* al_mark.tile_ink's grid: about 1.7 pixels a cell on a 40-px logo */
#define AL_MARK_TILE_GRID 24
#define AL_MARK_STRIP_ASPECT 1.5
#define AL_MARK_STRIP_MAX 48
typedef struct {
	al_region bbox;          /* in image pixels */
	double aspect;           /* bbox w/h */
	float cells[AL_MARK_CMP * AL_MARK_CMP][4];  /* like al_mark.cells */
	/* on a border of two colours, the other one when the part is seen
	 * on it (as al_mark.seen_on, around the part's own box: a mark on a
	 * tile that the canvas cuts, beside a word on the page) */
	bool has_seen_on;
	float seen_on[3];
	/* the part's own tile content (al_mark_part_tiles() in mark.c: a
	 * tile beside a word, cut by the canvas): like al_mark.inner, its
	 * aspect ratio, comparison grid and tile colour */
	bool has_inner;
	double inner_aspect;
	float ground[3];
	float inner_cells[AL_MARK_CMP * AL_MARK_CMP][4];
} al_mark_part;
typedef struct {
	bool valid;              /* decoded and has a foreground */
	al_region bbox;          /* foreground bbox in image pixels */
	double aspect;           /* bbox w/h */
	/* the mark's bbox resampled to AL_THUMB x AL_THUMB (L*, a*, b*, and
	 * coverage: 0..1 share of foreground, per cell), then pooled 2 x 2
	 * into the comparison grid the set rules use: coverage the mean,
	 * colour the coverage-weighted mean.  The full thumbnail is not kept
	 * (a file's result outlives its pixels until the set rules run). */
	float cells[AL_MARK_CMP * AL_MARK_CMP][4];
	/* the same of the mark's core box (AL_MARK_CORE_SHARE), when it
	 * differs from bbox on an opaque background; else has_core false */
	bool has_core;
	al_region core;
	float core_cells[AL_MARK_CMP * AL_MARK_CMP][4];
	bool informative;        /* see al_mark_informative() */
	/* the whole canvas as shown (CIELAB over white), area-averaged into
	 * the comparison grid's cells (see al_mark_compare_canvas()) */
	float canvas[AL_MARK_CMP * AL_MARK_CMP][3];
	/* the foreground split at its widest gap of empty columns or rows (at
	 * least AL_MARK_MIN_GAP wide): 0 or AL_MARK_PARTS parts */
	int n_parts;
	al_mark_part part[AL_MARK_PARTS];
	/* a long box (aspect at least AL_MARK_STRIP_ASPECT, or at most its
	 * inverse) resampled into square cells: AL_MARK_CMP across its short
	 * side, strip_n (at most AL_MARK_STRIP_MAX) along its long side,
	 * row-major (strip_n columns when horizontal, AL_MARK_CMP when
	 * vertical); strip_n = 0 when the box is not long.  The ends of a
	 * wordmark whose symbol touches its word (see al_mark_end_window()) */
	int strip_n;
	bool strip_vertical;
	float strip[AL_MARK_STRIP_MAX * AL_MARK_CMP][4];
	/* a tile's content (see al_mark_tile()): the box of the pixels at
	 * least AL_MARK_TILE_RIM pixels inside the foreground and at least
	 * AL_MARK_VISIBLE_DE from the tile colour (@ground), resampled into
	 * inner_cells (coverage 1 where the tile is); when the content box
	 * is long, the strip above is the content's, not the mark's
	 * (strip_inner) */
	bool has_inner, strip_inner;
	/* the same content of a tile known only by its rim (see
	 * mark_rim_colour() in mark.c: its colour covers less than
	 * AL_MARK_TILE_SHARE of the box, a frame around a flag): inner,
	 * inner_aspect, inner_cells and ground filled, has_inner false
	 * (only the distortion rule reads it; the strip is the mark's) */
	bool has_rim_inner;
	float ground[3];
	al_region inner;
	double inner_aspect;
	float inner_cells[AL_MARK_CMP * AL_MARK_CMP][4];
	/* with has_inner, the same content in the tile's frame: each pixel
	 * of the tile's box that is content (at least AL_MARK_VISIBLE_DE from
	 * the tile colour, no background within AL_MARK_TILE_RIM pixels: not
	 * the rim) taken as its CIE76 distance from the tile colour, every
	 * other pixel as 0, area-averaged into
	 * AL_MARK_TILE_GRID x AL_MARK_TILE_GRID cells over the whole box (see
	 * mark_tile_ink() in mark.c): another glyph of another shape stays
	 * comparable where the content box would move */
	float tile_ink[AL_MARK_TILE_GRID * AL_MARK_TILE_GRID];
	/* on a border of two colours, the other one when the mark is seen
	 * on it (a tile cut by the canvas; see mark_seen_on() in mark.c) */
	bool has_seen_on;
	float seen_on[3];
	/* the ground the mark is seen on when the canvas cuts it on two
	 * opposite edges and the page shows along the other two (a tile
	 * stretched until it runs off the canvas; see mark_cut_ground() in
	 * mark.c): its visible box, which spans the canvas on one axis */
	bool has_cut_ground;
	al_region cut_ground;
	/* a tile at one end of the foreground, parted from the rest by a
	 * run of empty columns narrower than the widest (a word set close
	 * beside the tile), when no part is that tile (see
	 * al__mark_part_tiles()): a part with its own content, its box in
	 * the measured image's pixels */
	bool has_end_tile;
	al_mark_part end_tile;
	/* a tile with rounded corners that fills or overruns the canvas,
	 * the page showing in its four corners only (see mark_corners() in
	 * mark.c): how far each corner's piece of page reaches along the
	 * canvas's top or bottom edge (corner_w) and along its side
	 * (corner_h), in pixels summed over the four corners.  An unstretched
	 * tile, centred, leaves pieces as wide as tall; one stretched leaves
	 * them wider (or taller) than the stretch.  has_corners false when
	 * not all four corners show such a piece. */
	bool has_corners;
	double corner_w, corner_h;
	/* the content (has_rim_inner) is that of the tile found by its
	 * corners: the tile's box is the canvas */
	bool inner_on_canvas;
} al_mark;
/* A corner's piece of page (mark_corners()): at least this far (CIE76)
 * from the tile colour, and the four pieces together at least
 * AL_MARK_CORNER_MIN pixels along their longer edges. */
#define AL_MARK_CORNER_DE 24.0f
#define AL_MARK_CORNER_MIN 8.0
/* ... and the tile follows it along the canvas's edge within this many
 * pixels of the first pixel under half page. */
#define AL_MARK_CORNER_RAMP 6
/* A tile known by its rim (mark.c): at least AL_MARK_RIM_SHARE of the
 * samples AL_MARK_TILE_RIM pixels inside the box's edges, away from its
 * corners (AL_MARK_RIM_CORNER of each side), are foreground, and at least
 * AL_MARK_RIM_SHARE of those within AL_MARK_TILE_DE of one colour. */
#define AL_MARK_RIM_SHARE 0.85
#define AL_MARK_RIM_CORNER 0.2
/* The page along the uncut edges of a cut ground: at least this share
 * of the canvas's side deep (and 2 pixels) on both. */
#define AL_MARK_GROUND_BAND 0.03
#define AL_MARK_TILE_RIM 2
#define AL_MARK_MIN_GAP 2
/* A seam (see mark.c): a line across at least AL_MARK_SEAM_SPAN of the
 * image, and no more foreground than AL_MARK_SEAM_W such lines. */
#define AL_MARK_SEAM_W 3
#define AL_MARK_SEAM_SPAN 0.8
/* On an opaque background, the mark's box holds only foreground pixels at
 * least this far (CIE76) from the background colour (see mark.c). */
#define AL_MARK_VISIBLE_DE 16.0f
/* The mark's core box (al_mark.core), on an opaque background: the box of
 * the foreground pixels at least AL_MARK_CORE_SHARE of the
 * AL_MARK_CORE_PCT quantile of the foreground's CIE76 from the background
 * away from it (and at least AL_MARK_VISIBLE_DE). */
#define AL_MARK_CORE_SHARE 0.5
#define AL_MARK_CORE_PCT 0.9

/* Fills @mark from the measurements @m (mark.c); no allocation.  An image
 * without visible foreground gives mark->valid = false. */
void al_mark_compute(al_mark *mark, const al_measure *m);
/* Each part's own tile content (al_mark_part.has_inner and the fields
 * after it), found as al_mark.inner is, and al_mark.end_tile;
 * al_mark_compute() calls it. */
void al__mark_part_tiles(al_mark *mark, const al_measure *m);
/* How two marks' thumbnails differ (al_mark_compare): iou = soft
 * intersection-over-union of the coverage; gap_iou = the same of the
 * uncovered share (the holes and the space around the mark: two filled
 * tiles with different cut-outs overlap in their ink, not in their
 * gaps); delta_e = mean CIE76 over the
 * cells both cover (weighted by shared coverage squared); mismatch = share
 * of the shared cells whose CIE76 exceeds AL_MARK_CELL_DE.  All 0 when a
 * mark is not valid. */
#define AL_MARK_CELL_DE 20.0
typedef struct { double iou, gap_iou, delta_e, mismatch; } al_mark_diff;
void al_mark_compare(const al_mark *a, const al_mark *b, al_mark_diff *d);
/* The same for a part of one mark against a whole mark. */
void al_mark_compare_part(const al_mark_part *p, const al_mark *b,
                          al_mark_diff *d);
/* How two marks *look* different once each is shown on its background
 * (al_mark_compare_look): every comparison cell composited over its
 * logo's background colour (@bg_a, @bg_b: CIELAB; white for a transparent
 * logo, as the cells are measured over white), both grids blurred with a
 * 3 x 3 binomial kernel (about the pixel pitch of a 40-px export), then
 * mean CIE76 over all cells (look_de) and the share of cells above
 * AL_MARK_LOOK_DE (look_bad).  A thin stroke that anti-aliasing washes
 * into its background at 40 px covers fewer, paler pixels: its cell
 * looks the same once averaged, so this is robust to washing-out where
 * coverage and mark colour are not.  A tile that fills the canvas (its
 * colour taken for the background, its cut-out for the mark) looks the
 * same too. */
#define AL_MARK_LOOK_DE 15.0
/* ink_corr: Pearson correlation of the two blurred grids' ink (each
 * cell's CIE76 from its background): near 1 when the same strokes are
 * drawn heavier or lighter, 0 when none (a grid without variation). */
/* ink_a, ink_b: each grid's mean ink (how strongly the mark stands out
 * of its background, over all cells). */
typedef struct { double look_de, look_bad, ink_corr, ink_cos, ink_a, ink_b; } al_mark_look;
void al_mark_compare_look(const al_mark *a, const float bg_a[3],
                          const al_mark *b, const float bg_b[3],
                          al_mark_look *d);
/* The same for the whole canvas of @a, as shown, against @b's mark: a
 * tile that fills @a's canvas, its colour taken for the background. */
void al_mark_compare_canvas(const al_mark *a, const float bg_a[3],
                            const al_mark *b, const float bg_b[3],
                            al_mark_look *d);
/* The same for a part of one mark against a whole mark. */
void al_mark_compare_look_part(const al_mark_part *p, const float bg_p[3],
                               const al_mark *b, const float bg_b[3],
                               al_mark_look *d);
/* The window at one end (@end 0: left or top, 1: right or bottom) of
 * @m's strip, spanning the box's short side, whose aspect ratio (width
 * over height) is @aspect, resampled by area into a comparison grid
 * (@out): the symbol at the start or end of a wordmark whose letters
 * touch it, so no gap splits them.  False when @m has no strip or the
 * window would be shorter than 3 cells or longer than
 * AL_MARK_END_MAX of the strip (then it is most of the mark). */
#define AL_MARK_END_MAX 0.8
bool al_mark_end_window(const al_mark *m, int end, double aspect,
                        float out[AL_MARK_CMP * AL_MARK_CMP][4]);
/* The part [@x0, @x1) x [@y0, @y1) of the comparison grid @cells, in
 * fractions of its box (0..1), resampled by area into a whole grid
 * (@out): a mark as it shows when the canvas cuts it (the distortion
 * rule's cut marks). */
void al_mark_crop_cells(const float (*cells)[4], double x0, double x1,
                        double y0, double y1,
                        float out[AL_MARK_CMP * AL_MARK_CMP][4]);
/* How the insides of two tiles differ (al_mark_compare_inner): an app
 * icon's tile dominates every whole-mark measure, so a card or badge
 * whose inner icon changed looks the same.  A mark is a tile when it
 * fills its box (mean coverage at least AL_MARK_TILE_FILL) and one colour
 * (within AL_MARK_TILE_DE), its tile colour, shows in at least
 * AL_MARK_TILE_SHARE of the box's cells (those with coverage of at least
 * one half).  Over the cells both marks cover fully (n of them), each
 * cell's colour, blurred 1-2-1 over the fully covered cells around it,
 * minus its tile colour is its inner ink: inner_corr is the Pearson
 * correlation of the two inner ink maps' lengths, inner_cos the mean
 * cosine between them (weighted by ink, cells with ink of at least 5 in
 * both), inner_de the mean CIE76 length of their difference, inner_sd_a
 * and _b each map's standard deviation of the lengths, tile_de the
 * distance of the tile colours.  tiles = false (and the rest 0) when
 * either mark is no tile. */
#define AL_MARK_TILE_DE 8.0
#define AL_MARK_TILE_SHARE 0.4
#define AL_MARK_TILE_FILL 0.7
typedef struct {
	bool tiles;
	int n;
	double inner_corr, inner_cos, inner_de, inner_sd_a, inner_sd_b, tile_de;
} al_mark_inner;
void al_mark_compare_inner(const al_mark *a, const al_mark *b, al_mark_inner *d);
/* Is @m a tile (as for al_mark_compare_inner)?  Its colour in @tile. */
bool al_mark_tile(const al_mark *m, float tile[3]);
/* The same with the whole canvas of @a (@canvas_a) or of @b in place of
 * its mark, every cell covered: a tile that fills its canvas, whose colour
 * was taken for the background and its inner icon for the mark. */
void al_mark_compare_inner_canvas(const al_mark *a, bool canvas_a,
                                  const al_mark *b, bool canvas_b,
                                  al_mark_inner *d);
/* True when the thumbnail has enough shape or colour structure for a
 * stretch to be told from a resize (see the distortion rule). */
bool al_mark_informative(const al_mark *mk);


/* The public al_file and al_set (assetlint.h) are these two. */
typedef struct al_file {
	char *path;              /* as given + walk; owned */
	char *set;               /* set folder; owned; NULL for a file
	                          * given alone (no set rules judge it) */
	bool in_memory;          /* checked from a buffer: no file to re-read */
	al_role role;
	al_role_source role_source;
	al_format format;
	int width, height;
	al_bg_kind bg_kind;
	uint8_t bg_rgb[3];
	double bg_coverage;
	char content_hash[65];   /* SHA-256 of the file's bytes, hex */
	al_mark *mark;           /* what the set rules compare (zeroed: not valid,
	                          * for a hero or an image not decoded); owned.
	                          * ~8.7 KB: made by the check (NULL before),
	                          * freed once the file's set rules ran (NULL
	                          * after that): a report kept whole (HTML)
	                          * holds no marks. */
	char *unreadable;        /* why the walk cannot read this entry (dangling
	                          * link, loop, ...), or NULL; owned */
	GPtrArray *findings;     /* of al_finding*, owned */
	struct al_preview *preview; /* what the HTML report shows, kept by the
	                          * check (al_options_set_previews); owned */
} al_file_result;

typedef struct al_set {
	char *path;
	GPtrArray *files;        /* of al_file_result*, borrowed */
	GPtrArray *findings;     /* of al_finding*, owned */
} al_set_result;

struct al_report {
	const char *profile;     /* profile name, static */
	char *config;            /* the config file the run used (relative to
	                          * the working folder when inside it), or
	                          * NULL; owned.  Every report format names it. */
	GPtrArray *files;        /* of al_file_result*, sorted by path */
	GPtrArray *sets;         /* of al_set_result*, sorted by path */
	int errors, warnings, infos;
};

void al_finding_free(al_finding *f);
/* Recomputes report->errors/warnings/infos from the findings. */
void al_report_recount(al_report *report);
/* An empty report for @opts's profile; al_report_free() frees it. */
al_report *al_report_new(const al_options *opts);
/* A result for @path with no findings, no set and no mark yet; caller
 * frees with al_file_result_free() (al_report_free() frees those it
 * holds). */
al_file_result *al_file_result_new(const char *path);
void al_file_result_free(al_file_result *r);
/* The check of one file whatever its source (pipeline.c): role from
 * res->path's name, header rules on @data, decode, measurements, pixel
 * rules; results into @res.  @data (@len bytes) is borrowed.  @unread: why
 * the bytes could not be read (a decode-error finding), or NULL. */
void al_check_data(al_file_result *res, const al_options *opts,
                   const uint8_t *data, size_t len, const char *unread);

/* Where a run hands its results (pipeline.c): every file in path order
 * once checked, every set once final (after every file under its folder;
 * sets in that order, not sorted).  A callback returning nonzero stops
 * the run.  Unless @keep, the run frees a file after its set's callback
 * (a file checked alone: after its own), and the set with it; with @keep
 * the sink owns them. */
typedef struct {
	int (*file)(void *data, al_file_result *f);
	int (*set)(void *data, al_set_result *s);
	void *data;
	bool keep;
} al_sink;
/* Walks @paths and checks every image, streaming into @sink.  Returns
 * AL_OK, AL_ERR_IO with *err (a path that does not exist) or
 * AL_ERR_CANCELLED (a callback stopped the run). */
al_status al_run_paths(const al_options *opts, const char *const *paths, int n_paths,
                       const al_sink *sink, char **err);

/* ---- profiles (profile.c) --------------------------------------------- */

typedef struct {
	bool present;            /* role exists in this profile */
	bool required;
	int min_w, max_w, min_h, max_h; /* exact size: min == max */
	bool square;
} al_role_spec;

typedef struct {
	const char *name;
	const char *doc;
	al_role_spec roles[AL_ROLE_HERO + 1];
	bool logos_png_only;
} al_profile;

const al_profile *al_profile_find(const char *name);
const al_profile *al_profile_default(void);
/* Every profile, NULL-terminated. */
const al_profile *const *al_profiles(void);
bool al_role_spec_fits(const al_role_spec *spec, int w, int h);
/* Role from a file name's tokens (AL_ROLE_UNKNOWN when none). */
al_role al_role_from_name(const char *path, const al_profile *profile);
/* Role from exact dimensions (AL_ROLE_UNKNOWN when none). */
al_role al_role_from_size(const al_profile *profile, int w, int h);
/* The role whose size is nearest to w x h (for messages and content rules). */
al_role al_role_nearest(const al_profile *profile, int w, int h);
/* Pixel budget of a decode for @role in @profile (AL_ROLE_UNKNOWN or no
 * profile: AL_DECODE_MAX_PIXELS); decode.c. */
size_t al_decode_budget(const al_profile *profile, al_role role);

/* ---- rules (rules/ *.c, registry in rules/registry.c) ---------------- */

typedef struct {
	const char *name;        /* "max_chroma" -> key "rule-id.max_chroma" */
	double def, min, max;
	const char *doc;
} al_param;

typedef enum {
	AL_STAGE_HEADER = 0,     /* runs on every file, decoded or not */
	AL_STAGE_PIXELS,         /* runs when pixels and measurements exist */
	AL_STAGE_SET,            /* runs once per set */
} al_stage;

#define AL_ROLEBIT(r) (1u << (r))
#define AL_ROLES_LOGOS (AL_ROLEBIT(AL_ROLE_SMALL) | AL_ROLEBIT(AL_ROLE_MEDIUM) | \
                        AL_ROLEBIT(AL_ROLE_LARGE) | AL_ROLEBIT(AL_ROLE_WIDE))
#define AL_ROLES_HERO AL_ROLEBIT(AL_ROLE_HERO)
#define AL_ROLES_ALL (AL_ROLES_LOGOS | AL_ROLES_HERO | AL_ROLEBIT(AL_ROLE_UNKNOWN))

typedef struct al_ctx al_ctx;
typedef struct al_set_ctx al_set_ctx;

typedef struct al_rule {
	const char *id;
	al_stage stage;
	unsigned roles;          /* AL_ROLEBIT mask the rule applies to; for
	                          * pixel rules the *content* role (nearest role
	                          * for unknown files) is tested */
	al_severity severity;    /* default */
	const char *summary;     /* one line: what it flags */
	const char *help;        /* how to fix, one or two sentences */
	const al_param *params;
	int n_params;
	void (*check)(al_ctx *ctx);         /* header and pixel stages */
	void (*check_set)(al_set_ctx *ctx); /* set stage */
} al_rule;

/* Everything a file rule may read. */
struct al_ctx {
	const al_rule *rule;
	const al_options *opts;
	const al_profile *profile;
	al_file_result *res;     /* role, size, findings (append via al_emit) */
	al_role content_role;    /* res->role, or nearest role when unknown */
	const char *path;
	const uint8_t *data;     /* the file's bytes */
	size_t len;
	const al_info *info;     /* header; NULL when even the probe failed */
	al_status probe_status, decode_status;
	const char *decode_why;  /* decoder's reason when a status != AL_OK */
	const al_image *img;     /* NULL at header stage or decode failure */
	const al_measure *m;     /* idem */
};

struct al_set_ctx {
	const al_rule *rule;
	const al_options *opts;
	const al_profile *profile;
	al_set_result *set;
};

/* The first file of @role in @set (path order), or NULL; borrowed. */
const al_file_result *al_set_first_of_role(const al_set_result *set, al_role role);
/* The file name part of @f's path; points into f->path. */
const char *al_file_basename(const al_file_result *f);

/* Every rule, NULL-terminated, in report order. */
const al_rule *const *al_rules(void);
const al_rule *al_rule_find(const char *id);
/* Value of a threshold after config overrides. */
double al_param_get(const al_options *opts, const al_rule *rule,
                    const char *name);
/* Severity after config overrides (AL_SEV_OFF = disabled). */
al_severity al_rule_severity(const al_options *opts, const al_rule *rule);

/* Appends a finding of ctx->rule.  @sev: the rule's own choice (e.g. a
 * warning for hero gradients); AL_SEV_OFF means the rule's default.  A
 * severity set in the config wins over both.  @region, may be NULL. */
void al_emit(al_ctx *ctx, al_severity sev, const al_region *region,
             bool has_measured, double measured, double limit,
             const char *fmt, ...) G_GNUC_PRINTF(7, 8);
void al_emit_set(al_set_ctx *ctx, al_severity sev, const char *fmt, ...)
	G_GNUC_PRINTF(3, 4);
/* A check of ctx->rule could not run (no memory for an input-sized
 * buffer, ...): gives the file an internal-error finding naming the rule
 * and @fmt's reason, so the gate fails closed.  The rule then returns. */
void al_check_failed(al_ctx *ctx, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
/* Convenience: reads a threshold of ctx->rule. */
#define AL_PARAM(ctx, name) al_param_get((ctx)->opts, (ctx)->rule, (name))
/* Width in px of the hero's free right zone (hero-margin.margin, scaled
 * to the image when its width is not the profile's hero width); read by
 * hero-margin and hero-contrast.  Defined in rules/hero-margin.c. */
int al_hero_zone_width(const al_ctx *ctx);
/* Why that width differs from hero-margin.margin, for messages: " (the
 * marketplace's 415 px of an 815 px wide hero, scaled to this 533 px wide
 * image, …)", or "" for a hero of the profile's width. */
void al_hero_zone_why(const al_ctx *ctx, char *buf, size_t len);

/* ---- options (options.c) ------------------------------------------ */

#define AL_MAX_RULES 64
struct al_options {
	const al_profile *profile;
	al_severity sev[AL_MAX_RULES];     /* AL_SEV_OFF-1 (-1) = default */
	bool sev_set[AL_MAX_RULES];
	GHashTable *thresholds;            /* "rule.param" -> double* */
	GPtrArray *role_patterns[AL_ROLE_COUNT]; /* extra name patterns */
	int threads;
	bool strict;
	bool quiet;                        /* text: errors only, no summary */
	int max_warnings;                  /* -1 = unlimited */
	double max_pixels;
	GPtrArray *excludes;               /* of al_pattern*, in order */
	int max_results;                   /* CI formats: -1 = unlimited */
	char *doc_url;                     /* rule documentation (helpUri) */
	void (*progress)(void *data, int done, int total);
	void *progress_data;
	void (*thread_start)(void *data);   /* al_options_set_thread_start() */
	void *thread_start_data;
	char *config_path;                 /* the file al_options_load_config() read; owned */
	struct al_previews *previews;      /* al_options_set_previews(); owned */
};

int al_rule_index(const al_rule *rule);

/* ---- --exclude and .assetlintignore (exclude.c) --------------------- */

typedef struct al_pattern al_pattern;
/* One .gitignore-style pattern; anchored ones start in @base (NULL: the
 * working directory).  Returns NULL with *err (caller g_free()s) when
 * malformed.  Free with al_pattern_free(). */
al_pattern *al_pattern_new(const char *glob, const char *base, char **err);
void al_pattern_free(al_pattern *p);
/* True when the patterns of @opts leave @path out.  @is_dir: it is a
 * folder; @parents: also when a folder above it is left out (a path the
 * user named, not one the walk found). */
bool al_excluded(const al_options *opts, const char *path, bool is_dir, bool parents);

/* ---- previews for the HTML report (report_html.c) ------------------ */

/* The store of a run's previews: an unlinked temporary file (memory when
 * none can be made) the workers append to; reference-counted, each
 * al_preview holds one reference.  Thread-safe. */
typedef struct al_previews al_previews;
al_previews *al_previews_new(void);
void al_previews_unref(al_previews *store);
typedef struct al_preview al_preview;
void al_preview_free(al_preview *p);
/* Called by the check of a file, once its file rules ran: keeps in
 * @store what the HTML card of @res shows (the image bytes or a PNG of
 * @img, the background and foreground masks of @m as 1-bit PNGs, or why
 * there is no preview) and hangs it on res->preview.  Files without
 * findings only while the run is small enough for their cards.  @info,
 * @img, @m: NULL when the check did not get that far; @why: the decoder's
 * reason then.  All borrowed. */
void al_preview_make(al_previews *store, al_file_result *res, const uint8_t *data,
                     size_t len, const al_info *info, const al_image *img,
                     const al_measure *m, const char *why);

/* ---- report writers (report_*.c) ---------------------------------- */

/* Shared by the writers (report.c). */
struct al_jnode;   /* json.h */
/* The file a set finding is placed on where a format needs a file (gcc,
 * GitHub, GitLab, SARIF: editors and code scanning cannot place a folder):
 * the set's first file in path order, or the folder when it has none.
 * Borrowed. */
const char *al_set_anchor(const al_set_result *set);
/* A set finding's message as shown on its anchor file: "offer set
 * DIR/: message".  Caller g_free()s. */
char *al_set_message(const al_set_result *set, const al_finding *f);
/* The folder report paths are made relative to for CI: $GITHUB_WORKSPACE,
 * else $CI_PROJECT_DIR, else the nearest folder above the working
 * directory that holds .git, else the working directory.  Absolute,
 * caller g_free()s. */
char *al_repo_root(void);
/* @path relative to @root (from al_repo_root), or NULL when it lies
 * outside.  Caller g_free()s. */
char *al_repo_relpath(const char *root, const char *path);
/* Writes @root as pretty JSON with numbers in their shortest exact form.
 * Returns AL_OK or AL_ERR_IO with *err (caller g_free()s). */
al_status al_json_write(struct al_jnode *root, FILE *out, char **err);
/* @node as pretty JSON nested @depth levels deep (every line indented by
 * 2 * @depth spaces), numbers shortest.  Caller g_free()s. */
char *al_json_text(struct al_jnode *node, int depth);
/* An array holding only the marker of slot @k, for al_json_split(). */
struct al_jnode *al_json_slot(int k);
/* Cuts the pretty text of @root at its @n_slots slot arrays (in document
 * order): parts[k] ends with the "[" of slot k, closes[k] is what closes
 * it when it has items ("\n    ]"; an empty one is closed by "]"),
 * parts[n_slots] is the rest with the final newline.  g_free() each. */
void al_json_split(struct al_jnode *root, int n_slots, char **parts, char **closes);
/* Stable identity of the @nth finding of @rule at @where: 32 hex digits
 * of SHA-256.  Caller g_free()s. */
char *al_fingerprint(const char *rule, const char *where, int nth);
/* --max-results: how many findings of each severity a writer may still
 * emit, the most severe kept first. */
typedef struct {
	bool unlimited;
	int quota[AL_SEV_ERROR + 1];
	int dropped[AL_SEV_ERROR + 1];
} al_budget;
void al_budget_init(al_budget *b, const al_report *rep, const al_options *opts);
/* True when one more finding of @sev may be written (and counts it). */
bool al_budget_take(al_budget *b, al_severity sev);
int al_budget_dropped(const al_budget *b);
/* "--max-results N: left out 12 findings (12 infos; …)".  g_free(). */
char *al_budget_describe(const al_budget *b, int max);

/* Streaming writers (report.c): the public al_writer.  A format says what
 * to write at each step; the writer keeps the order, the spools, the
 * counts and the --max-results budget.  A format's file and set steps
 * write items with al_writer_put(): a file's go out at once (or to a
 * spool with --max-results), a set's to the set spool, from which
 * al_writer_flush_sets() writes them sorted by set path at the end. */
typedef struct al_writer al_writer;
typedef struct { FILE *f; GByteArray *mem; guint64 size; bool failed; } al_spool;
typedef struct {
	al_status (*head)(al_writer *w);
	void (*file)(al_writer *w, const al_file_result *f);
	void (*set)(al_writer *w, const al_set_result *s);
	/* around each set's items in al_writer_flush_sets(); @extra as the
	 * set step left it (al_writer_set_extra), @index its rank */
	void (*set_open)(al_writer *w, const char *path, const int extra[2], int index);
	void (*set_close)(al_writer *w, const char *path, const int extra[2], int index);
	al_status (*tail)(al_writer *w);
	void (*free_state)(al_writer *w);
	bool budgeted;           /* --max-results applies */
} al_report_class;

struct al_writer {
	const al_options *opts;
	const al_report_class *fmt;
	FILE *out;
	int color;
	char *profile, *config;  /* of the run */
	al_status st;
	char *why;               /* a format's reason for a failure, or NULL */
	void *file;              /* the report file being written, or NULL */
	bool finished, in_set, spool_files, budget_ready;
	int errors, warnings, infos;
	int n_files, n_alone;    /* files, and of them checked alone */
	const char *first, *sep; /* before the first item, between items */
	int n_items;             /* items written since al_writer_set_items() */
	int extra[2];
	al_budget budget;
	al_spool files, sets;     /* see report.c */
	GArray *chunks;          /* of the sets' places in the set spool */
	void *state;             /* the format's */
};
extern const al_report_class al_format_text, al_format_gcc, al_format_json, al_format_sarif,
	al_format_junit, al_format_github, al_format_gitlab;
al_writer *writer_new(const al_options *opts, const al_report_class *fmt, FILE *out,
                      int color, const char *profile, const char *config);
/* One item of @len bytes (@sev: a finding's, for the budget; AL_SEV_OFF:
 * not counted against it). */
void al_writer_put(al_writer *w, al_severity sev, const char *text, size_t len);
void al_writer_puts(al_writer *w, al_severity sev, const char *text);
/* Writes one item now (the tail's own items), after the separator. */
void al_writer_item(al_writer *w, const char *text);
/* What comes before the first item and between items from now on (a
 * JSON array: "\n" and ",\n"; NULL: nothing); restarts the count. */
void al_writer_set_items(al_writer *w, const char *first, const char *sep);
/* At the tail: the spooled files' items (with --max-results), then the
 * sets' items sorted by set path, through the budget. */
void al_writer_flush_files(al_writer *w);
void al_writer_flush_sets(al_writer *w);
int al_writer_n_sets(const al_writer *w);
void al_writer_set_extra(al_writer *w, int a, int b);
/* A whole-report writer (al_write_text() ... al_write_html()). */
typedef al_status (*al_report_writer)(const al_report *report, const al_options *opts,
                                      FILE *out, int color, char **err);
/* A whole report through the format's writer (al_report_write() for
 * every format but HTML). */
al_status al_write_report(const al_report *rep, const al_options *opts,
                          al_report_format fmt, FILE *out, int color, char **err);
al_status al_write_html(const al_report *, const al_options *, FILE *, int, char **);
/* The HTML report as the file @path: one page, or for a run of many
 * cards an index page at @path and a page per set in the folder
 * NAME_files beside it.  Returns AL_OK, or AL_ERR_IO with *err. */
al_status al_write_html_file(const al_report *, const al_options *, const char *path, char **err);
/* Whole-report entry points the tests use: al_write_report() by format. */
al_status al_write_text(const al_report *, const al_options *, FILE *, int, char **);
al_status al_write_gcc(const al_report *, const al_options *, FILE *, int, char **);
al_status al_write_json(const al_report *, const al_options *, FILE *, int, char **);
al_status al_write_sarif(const al_report *, const al_options *, FILE *, int, char **);
al_status al_write_junit(const al_report *, const al_options *, FILE *, int, char **);
al_status al_write_github(const al_report *, const al_options *, FILE *, int, char **);
al_status al_write_gitlab(const al_report *, const al_options *, FILE *, int, char **);
/* @path relative to the working folder when inside it, as reports name
 * the config file; NULL for NULL.  Caller g_free()s.  (pipeline.c) */
char *al_config_shown(const char *path);


/* Returns @s (NULL reads as "") as valid UTF-8 (g_utf8_make_valid) in which
 * control characters, DEL, C1 controls, bidi overrides and U+FFFE/U+FFFF
 * are written as visible escapes ("\n", "\t", "\x1B", "\u202E"): one finding
 * stays one line, a terminal is not driven by a file name, and XML 1.0
 * accepts every remaining character.  Caller g_free()s.  (report_gcc.c) */
char *al_text_clean(const char *s);

/* Writes a file through @fn (report.c): to our own stdout/stderr when @path
 * is one of them, in place when it exists and is not a regular file (a
 * device, a FIFO), else atomically (temporary file + rename; the umask
 * applies to a new file, a replaced one keeps its mode).  @fn writes to
 * @out and may set *err (without the path).  Returns AL_OK or AL_ERR_IO
 * with "@path: reason" in *err (caller g_free()s). */
typedef al_status (*al_write_fn)(FILE *out, void *data, char **err);
al_status al_write_path(const char *path, al_write_fn fn, void *data, char **err);

/* The sentence line formats (text, gcc, github, gitlab) use to name the
 * config file @config the run used, or NULL when it used none (NULL).
 * Caller g_free()s.  (report.c) */
char *al_config_note(const char *config);

/* Formats a colour as "#rrggbb" into @buf (8 bytes). */
void al_hex_color(const uint8_t rgb[3], char buf[8]);
const char *al_bg_kind_name(al_bg_kind k);

#endif
