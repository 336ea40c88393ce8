/* hero-margin: content in the hero's free right margin. PLACEHOLDER descriptor: no check yet. */
#include "rules.h"

const al_rule al_rule_hero_margin = {
	.id = "hero-margin",
	.stage = AL_STAGE_PIXELS,
	.roles = AL_ROLES_HERO,
	.severity = AL_SEV_ERROR,
	.summary = "content in the hero's free right margin",
	.help = "Keep the right 415 px free of any element; move the artwork left.",
	.check = NULL,
};
