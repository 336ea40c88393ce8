/* too-large: the header declares more pixels than the limit. PLACEHOLDER descriptor: no check yet. */
#include "rules.h"

const al_rule al_rule_too_large = {
	.id = "too-large",
	.stage = AL_STAGE_HEADER,
	.roles = AL_ROLES_ALL,
	.severity = AL_SEV_ERROR,
	.summary = "the header declares more pixels than the limit",
	.help = "Export the image at the role's size.",
	.check = NULL,
};
