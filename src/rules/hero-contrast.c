/* hero-contrast: the hero's margin is too light for white text. PLACEHOLDER descriptor: no check yet. */
#include "rules.h"

const al_rule al_rule_hero_contrast = {
	.id = "hero-contrast",
	.stage = AL_STAGE_PIXELS,
	.roles = AL_ROLES_HERO,
	.severity = AL_SEV_ERROR,
	.summary = "the hero's margin is too light for white text",
	.help = "Darken the background behind the right 415 px.",
	.check = NULL,
};
