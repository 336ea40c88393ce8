/* dimensions: size differs from the role's size. PLACEHOLDER descriptor: no check yet. */
#include "rules.h"

const al_rule al_rule_dimensions = {
	.id = "dimensions",
	.stage = AL_STAGE_HEADER,
	.roles = AL_ROLES_ALL,
	.severity = AL_SEV_ERROR,
	.summary = "size differs from the role's size",
	.help = "Resize the artwork (not the canvas) to the role's exact size.",
	.check = NULL,
};
