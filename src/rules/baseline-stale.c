/* baseline-stale: a baseline entry that matched no finding of this run (the
 * file is gone, changed, or the finding was fixed).  Emitted by
 * al_baseline_apply() (baseline.c), not by a check of its own; registered so
 * that report writers (SARIF ruleIndex) know it. */
#include "rules.h"

const al_rule al_rule_baseline_stale = {
	.id = "baseline-stale",
	.stage = AL_STAGE_SET,
	.roles = 0,
	.severity = AL_SEV_INFO,
	.summary = "a baseline entry matches no finding any more",
	.help = "Run with --update-baseline to drop entries for files that were "
	        "fixed, changed or removed.",
	.check_set = NULL,
};
