/* gradient: a colour gradient in the background or the mark. PLACEHOLDER descriptor: no check yet. */
#include "rules.h"

const al_rule al_rule_gradient = {
	.id = "gradient",
	.stage = AL_STAGE_PIXELS,
	.roles = AL_ROLES_LOGOS | AL_ROLES_HERO,
	.severity = AL_SEV_ERROR,
	.summary = "a colour gradient in the background or the mark",
	.help = "Use flat colours.",
	.check = NULL,
};
