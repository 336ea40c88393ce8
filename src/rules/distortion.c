/* distortion: a logo is stretched or squashed relative to the set. PLACEHOLDER descriptor: no check yet. */
#include "rules.h"

const al_rule al_rule_distortion = {
	.id = "distortion",
	.stage = AL_STAGE_SET,
	.roles = 0,
	.severity = AL_SEV_WARNING,
	.summary = "a logo is stretched or squashed relative to the set",
	.help = "Scale the mark uniformly; pad the canvas instead of stretching.",
	.check_set = NULL,
};
