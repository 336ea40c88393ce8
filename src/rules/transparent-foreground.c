/* transparent-foreground: transparent background and a white, black or blue mark. PLACEHOLDER descriptor: no check yet. */
#include "rules.h"

const al_rule al_rule_transparent_foreground = {
	.id = "transparent-foreground",
	.stage = AL_STAGE_PIXELS,
	.roles = AL_ROLES_LOGOS,
	.severity = AL_SEV_ERROR,
	.summary = "transparent background and a white, black or blue mark",
	.help = "Put the mark on an opaque background colour, or recolour the mark.",
	.check = NULL,
};
