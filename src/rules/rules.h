/* Descriptors exported by src/rules/<id>.c, registered in registry.c. */
#ifndef AL_RULES_H
#define AL_RULES_H
#include <string.h>
#include "al_internal.h"

extern const al_rule al_rule_decode_error;
extern const al_rule al_rule_too_large;
extern const al_rule al_rule_file_format;
extern const al_rule al_rule_extension_mismatch;
extern const al_rule al_rule_color_profile;
extern const al_rule al_rule_dimensions;
extern const al_rule al_rule_background_white;
extern const al_rule al_rule_background_black;
extern const al_rule al_rule_background_transparent;
extern const al_rule al_rule_transparent_foreground;
extern const al_rule al_rule_gradient;
extern const al_rule al_rule_text;
extern const al_rule al_rule_palette;
extern const al_rule al_rule_hero_margin;
extern const al_rule al_rule_hero_contrast;
extern const al_rule al_rule_set_incomplete;
extern const al_rule al_rule_hero_missing;
extern const al_rule al_rule_set_duplicate_role;
extern const al_rule al_rule_distortion;
extern const al_rule al_rule_set_inconsistent;
extern const al_rule al_rule_baseline_stale;
extern const al_rule al_rule_unreadable;
extern const al_rule al_rule_symlink_outside;
extern const al_rule al_rule_internal_error;

/* The square logos that the distortion rule finds stretched in @ctx's set
 * (@ctx->rule must be al_rule_distortion, whose thresholds apply): written
 * to @out, their number returned.  set-inconsistent leaves them to it, so
 * that one stretch is not also reported as another design. */
int al_distortion_stretched(const al_set_ctx *ctx, const al_file_result *out[3]);

/* hero-margin's faint-edge scan skips flat pixels (exact; see
 * hero-margin.c); true makes it measure every pixel, for tests.  When
 * the probe is set (tests only, one thread), the scan writes there what
 * it measured: the pixels measured, those textured, the edge pixels. */
extern bool al__hero_margin_full_scan;
/* true: the flat-pixel pass without its SSE2 loop (tests compare the two) */
extern bool al__hero_margin_flat7_scalar;
/* Tests: the flat-pixel plane of @m's zone from column @zx into @u
 * (width - zx by height bytes, zeroed), with the SSE2 loop or not. */
void al__hero_margin_flat7(const al_measure *m, int zx, uint8_t *u, bool scalar);
/* true: the speck pass tests the bounds of every step, also inside */
extern bool al__hero_margin_specks_checked;
/* Tests: the speck pass (drop_specks in hero-margin.c) on @hit (zw x h),
 * with its inside steps or every step tested.  Returns the pixels left. */
int al__hero_margin_drop_specks(uint8_t *hit, int zw, int h, int min_size, int reach,
                                int grid_x0, int pattern, al_region *box, bool checked);
typedef struct {
	size_t measured, textured, edges;
	uint64_t flat_hash;      /* FNV-1a over the flat-pixel plane, row by row
	                          * (seed it with 0xcbf29ce484222325) */
	size_t stale;            /* blocks a measured pixel reads that were not
	                          * computed for its rows (must stay 0) */
} al_hero_margin_probe;
extern al_hero_margin_probe *al__hero_margin_probe;

/* palette's exact shortcuts (see palette.c) off: true runs the plain
 * reference code, for tests.  When the digest is set (tests only, one
 * thread), the rule writes there a digest of everything it measured. */
extern bool al__palette_plain;
extern uint64_t *al__palette_digest;
/* palette's quiet() test of pixel (@x, @y) of @m, for tests. */
bool al__palette_quiet(const al_measure *m, int x, int y);

/* transparent-foreground's shortcut for a 3x3 neighbourhood of one RGBA
 * off (tests compare both ways). */
extern bool al__transparent_fg_plain;

/* hero-contrast's colour cache off: every run asks the table (tests).
 * When the digest is set (tests only, one thread), the rule writes there
 * a digest of its colour table (0 past MAX_TABLED colours). */
extern bool al__hero_contrast_table_only;
extern uint64_t *al__hero_contrast_digest;
/* hero-contrast's percentile by sorting every pixel of the zone, as past
 * its colour table's size; and the partition rounds of its selection in
 * the table before it sorts the rest (tests). */
extern bool al__hero_contrast_sort_all;
extern int al__hero_contrast_select_rounds;

/* A logo's background colour in CIELAB, as the set rules compare marks:
 * white for a transparent logo (the marks' cells are measured as shown
 * over white), the dominant border colour otherwise (for a mixed border
 * only a hint). */
static inline void al_logo_bg_lab(const al_file_result *f, float lab[3])
{
	if (f->bg_kind == AL_BG_TRANSPARENT) {
		lab[0] = 100.0f;
		lab[1] = lab[2] = 0.0f;
	} else {
		al_srgb_to_lab(f->bg_rgb[0], f->bg_rgb[1], f->bg_rgb[2], lab);
	}
}

#endif
