/* set-inconsistent: the square logos do not show the same design. PLACEHOLDER descriptor: no check yet. */
#include "rules.h"

const al_rule al_rule_set_inconsistent = {
	.id = "set-inconsistent",
	.stage = AL_STAGE_SET,
	.roles = 0,
	.severity = AL_SEV_WARNING,
	.summary = "the square logos do not show the same design",
	.help = "Export the small, medium and large logos from the same artwork.",
	.check_set = NULL,
};
