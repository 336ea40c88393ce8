/* color-profile: not 8-bit sRGB (CMYK, 16-bit, non-sRGB ICC profile). PLACEHOLDER descriptor: no check yet. */
#include "rules.h"

const al_rule al_rule_color_profile = {
	.id = "color-profile",
	.stage = AL_STAGE_HEADER,
	.roles = AL_ROLES_ALL,
	.severity = AL_SEV_WARNING,
	.summary = "not 8-bit sRGB (CMYK, 16-bit, non-sRGB ICC profile)",
	.help = "Convert to sRGB, 8 bits per channel, and embed no other profile.",
	.check = NULL,
};
