/* palette: more prominent colours than the limit. PLACEHOLDER descriptor: no check yet. */
#include "rules.h"

const al_rule al_rule_palette = {
	.id = "palette",
	.stage = AL_STAGE_PIXELS,
	.roles = AL_ROLES_LOGOS,
	.severity = AL_SEV_WARNING,
	.summary = "more prominent colours than the limit",
	.help = "Limit the logo to a few primary and secondary colours.",
	.check = NULL,
};
