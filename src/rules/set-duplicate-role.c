/* set-duplicate-role: two files claim the same role. PLACEHOLDER descriptor: no check yet. */
#include "rules.h"

const al_rule al_rule_set_duplicate_role = {
	.id = "set-duplicate-role",
	.stage = AL_STAGE_SET,
	.roles = 0,
	.severity = AL_SEV_WARNING,
	.summary = "two files claim the same role",
	.help = "Keep one file per role in each offer folder.",
	.check_set = NULL,
};
