/* file-format: not PNG or JPEG (logos: not PNG). PLACEHOLDER descriptor: no check yet. */
#include "rules.h"

const al_rule al_rule_file_format = {
	.id = "file-format",
	.stage = AL_STAGE_HEADER,
	.roles = AL_ROLES_ALL,
	.severity = AL_SEV_ERROR,
	.summary = "not PNG or JPEG (logos: not PNG)",
	.help = "Export logos as PNG and the hero as PNG or JPEG.",
	.check = NULL,
};
