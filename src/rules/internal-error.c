/* internal-error: a check could not run on a file (out of memory for an
 * input-sized buffer while computing the measurements or in a rule).  The
 * file was not fully checked, so this is an error: the gate fails closed
 * instead of passing a file nobody looked at.  Emitted by the pipeline and
 * by al_check_failed() (pipeline.c); see alloc.c for the memory policy. */
#include "rules.h"

const al_rule al_rule_internal_error = {
	.id = "internal-error",
	.stage = AL_STAGE_HEADER,
	.roles = AL_ROLES_ALL,
	.severity = AL_SEV_ERROR,
	.summary = "a check could not run on the file (e.g. out of memory); the file is not fully checked",
	.help = "Run again with fewer threads (-j) or on a machine with more free memory; if it "
	        "persists, report it with the file.",
	.check = NULL,
};
