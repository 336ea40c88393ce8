/* text: the image contains text. PLACEHOLDER descriptor: no check yet. */
#include "rules.h"

const al_rule al_rule_text = {
	.id = "text",
	.stage = AL_STAGE_PIXELS,
	.roles = AL_ROLES_LOGOS | AL_ROLES_HERO,
	.severity = AL_SEV_ERROR,
	.summary = "the image contains text",
	.help = "Remove words and letters; the marketplace shows your name next to the logo.",
	.check = NULL,
};
