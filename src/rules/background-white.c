/* background-white: the background is white. PLACEHOLDER descriptor: no check yet. */
#include "rules.h"

const al_rule al_rule_background_white = {
	.id = "background-white",
	.stage = AL_STAGE_PIXELS,
	.roles = AL_ROLES_LOGOS | AL_ROLES_HERO,
	.severity = AL_SEV_ERROR,
	.summary = "the background is white",
	.help = "Use a colour that shows the logo well on the portal's white and black themes.",
	.check = NULL,
};
