/* symlink-outside: a symbolic link under a checked folder whose target lies
 * outside every checked folder.  It is not followed (a pull request must
 * not make the gate read /, or .. of the checkout); the note names it so
 * nothing is skipped unseen.  Emitted by the walk (pipeline.c). */
#include "rules.h"

const al_rule al_rule_symlink_outside = {
	.id = "symlink-outside",
	.stage = AL_STAGE_SET,
	.roles = 0,
	.severity = AL_SEV_INFO,
	.summary = "a symbolic link points outside the checked folders; it is not followed",
	.help = "Put the image itself into the offer's folder, or check the link's target "
	        "folder by naming it on the command line.",
	.check_set = NULL,
};
