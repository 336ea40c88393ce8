/* background-transparent: the hero's background is transparent. PLACEHOLDER descriptor: no check yet. */
#include "rules.h"

const al_rule al_rule_background_transparent = {
	.id = "background-transparent",
	.stage = AL_STAGE_PIXELS,
	.roles = AL_ROLES_HERO,
	.severity = AL_SEV_ERROR,
	.summary = "the hero's background is transparent",
	.help = "Give the hero an opaque, not too light background colour.",
	.check = NULL,
};
