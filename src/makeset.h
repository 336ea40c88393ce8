/*
 * make-set: an offer's images made from one master image (makeset.c), for
 * the `assetlint make-set` command (makeset_cli.c).  Not installed: the
 * engine is library-internal; the layout and colour rules are documented
 * in assetlint(1), MAKING A SET (man/parts/15-make-set.roff).
 *
 * Flow: al_mkset_build() loads the master (PNG, JPEG, GIF, WebP through
 * the decoders; SVG rendered with librsvg, on this explicit path only),
 * finds its content with the shared background model, chooses the
 * backgrounds (the rules of the checker decide what is allowed), and
 * renders every file of the profile in memory.  al_mkset_write() then
 * writes them, each atomically.  Nothing is written when the build fails.
 */
#ifndef AL_MAKESET_H
#define AL_MAKESET_H

#include "al_internal.h"

typedef enum {
	AL_MKBG_AUTO = 0,        /* decided from the master and the rules */
	AL_MKBG_TRANSPARENT,
	AL_MKBG_COLOR,
} al_mkbg;

/* What to make.  Strings are borrowed. */
typedef struct {
	const char *master;      /* the mark: PNG, JPEG, GIF, WebP or SVG */
	const char *wide_master; /* the wide logo's own layout, or NULL */
	al_mkbg bg;              /* logos' background */
	uint8_t bg_rgb[3];       /* ... when AL_MKBG_COLOR */
	al_mkbg hero_bg;         /* AL_MKBG_AUTO or AL_MKBG_COLOR */
	uint8_t hero_rgb[3];
	double padding;          /* free border on each side, share of the
	                          * canvas's short side (0 .. 0.4) */
	bool hero;               /* make the hero (when the profile has one) */
} al_mkset_request;

#define AL_MKSET_PADDING 0.10

/* One image of the set, in memory. */
typedef struct {
	al_role role;
	const char *name;        /* "Small.png", static */
	int width, height;
	uint8_t *rgba;           /* width*height*4, straight alpha; owned */
	/* where the master's content box landed, in canvas pixels (edges may
	 * be fractional) and the area it was fitted into */
	double mark_x, mark_y, mark_w, mark_h;
	al_region area;
	int free_x;              /* the hero: its plain right zone starts here */
	double scale;            /* canvas px per master px */
	bool opaque;
	uint8_t bg_rgb[3];       /* the fill when opaque */
	GBytes *png;             /* the encoded file */
} al_mkset_file;

typedef struct {
	al_mkset_file files[AL_ROLE_HERO + 1];
	int n_files;
	char *master_desc;       /* "logo.svg (SVG, rendered at 2048x1024)" */
	al_region content;       /* the master's content box */
	bool transparent;        /* the logos are transparent */
	uint8_t bg_rgb[3];       /* else their background */
	char *bg_why;            /* why this background, one sentence */
	uint8_t hero_rgb[3];
	char *hero_why;          /* NULL without a hero */
	GPtrArray *notes;        /* of char*: warnings for the user (a soft,
	                          * upscaled master, a darkened hero...) */
} al_mkset;

/* Makes the set of @rq for the profile of @opts (its thresholds decide
 * what a white, black or blue mark and an allowed background are).  On
 * AL_OK *out is the set (al_mkset_free()).  Otherwise *err (g_free()) says
 * why: AL_ERR_IO / AL_ERR_DECODE / AL_ERR_UNSUPPORTED for a master that
 * cannot be read, AL_ERR_USAGE for a request the rules forbid (a white
 * mark on a transparent background...), with colours that would do. */
al_status al_mkset_build(const al_options *opts, const al_mkset_request *rq,
                         al_mkset **out, char **err);
void al_mkset_free(al_mkset *set);

/* Writes every file of @set into the folder @dir (created when missing),
 * each atomically (temporary file + rename).  Returns AL_OK or AL_ERR_IO
 * with *err (g_free()). */
al_status al_mkset_write(const al_mkset *set, const char *dir, char **err);

/* Parses "#rgb", "#rrggbb" or "rrggbb".  Returns true on success. */
bool al_mkset_parse_color(const char *s, uint8_t rgb[3]);

/* Encodes @rgba (w x h, straight alpha) as PNG: RGB when every pixel is
 * opaque, else RGBA; no metadata.  Returns the bytes, or NULL with *err
 * (g_free()). */
GBytes *al_mkset_encode_png(const uint8_t *rgba, int w, int h, char **err);

/* The darkest-necessary shade of @rgb's hue: the lightest colour of the
 * same CIELCh hue (chroma kept where sRGB allows) on which #ffffff has a
 * WCAG contrast of at least @ratio.  @rgb itself when it already has. */
void al_mkset_darken_for_white(const uint8_t rgb[3], double ratio, uint8_t out[3]);

#endif
