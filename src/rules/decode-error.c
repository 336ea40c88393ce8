/* decode-error: the file cannot be read or decoded. PLACEHOLDER descriptor: no check yet. */
#include "rules.h"

const al_rule al_rule_decode_error = {
	.id = "decode-error",
	.stage = AL_STAGE_HEADER,
	.roles = AL_ROLES_ALL,
	.severity = AL_SEV_ERROR,
	.summary = "the file cannot be read or decoded",
	.help = "Re-export the image as an 8-bit PNG from your design tool.",
	.check = NULL,
};
