/* set-incomplete: a required logo is missing from the set. PLACEHOLDER descriptor: no check yet. */
#include "rules.h"

const al_rule al_rule_set_incomplete = {
	.id = "set-incomplete",
	.stage = AL_STAGE_SET,
	.roles = 0,
	.severity = AL_SEV_ERROR,
	.summary = "a required logo is missing from the set",
	.help = "Add the missing logo sizes.",
	.check_set = NULL,
};
