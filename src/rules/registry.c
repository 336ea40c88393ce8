/* The rule table: every rule's descriptor, in report order. */
#include <string.h>
#include "al_internal.h"
#include "rules.h"

static const al_rule *const table[] = {
	/* header stage: from the file's bytes and header */
	&al_rule_unreadable,
	&al_rule_decode_error,
	&al_rule_too_large,
	&al_rule_file_format,
	&al_rule_extension_mismatch,
	&al_rule_color_profile,
	&al_rule_dimensions,
	/* pixel stage: from the shared measurements */
	&al_rule_background_white,
	&al_rule_background_black,
	&al_rule_background_transparent,
	&al_rule_transparent_foreground,
	&al_rule_gradient,
	&al_rule_text,
	&al_rule_palette,
	&al_rule_hero_margin,
	&al_rule_hero_contrast,
	/* set stage */
	&al_rule_set_incomplete,
	&al_rule_hero_missing,
	&al_rule_set_duplicate_role,
	&al_rule_distortion,
	&al_rule_set_inconsistent,
	&al_rule_baseline_stale,
	/* emitted by the walk and the pipeline */
	&al_rule_symlink_outside,
	&al_rule_internal_error,
	NULL
};

G_STATIC_ASSERT(G_N_ELEMENTS(table) <= AL_MAX_RULES);

const al_rule *const *al_rules(void) { return table; }

const al_rule *al_rule_find(const char *id)
{
	for (int i = 0; table[i]; i++)
		if (id && strcmp(table[i]->id, id) == 0)
			return table[i];
	return NULL;
}
