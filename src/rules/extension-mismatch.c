/* extension-mismatch: the content's format differs from the file extension. PLACEHOLDER descriptor: no check yet. */
#include "rules.h"

const al_rule al_rule_extension_mismatch = {
	.id = "extension-mismatch",
	.stage = AL_STAGE_HEADER,
	.roles = AL_ROLES_ALL,
	.severity = AL_SEV_WARNING,
	.summary = "the content's format differs from the file extension",
	.help = "Rename the file to match its format, or re-export it in the format its name says.",
	.check = NULL,
};
