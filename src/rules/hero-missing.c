/* hero-missing: the set has no hero image. PLACEHOLDER descriptor: no check yet. */
#include "rules.h"

const al_rule al_rule_hero_missing = {
	.id = "hero-missing",
	.stage = AL_STAGE_SET,
	.roles = 0,
	.severity = AL_SEV_INFO,
	.summary = "the set has no hero image",
	.help = "Add an 815x290 hero image (optional, recommended).",
	.check_set = NULL,
};
