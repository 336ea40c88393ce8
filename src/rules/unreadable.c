/* unreadable: an entry under the checked paths that cannot be read -- a
 * dangling or looping symbolic link, no permission, a path over PATH_MAX, a
 * FIFO, socket or device, a file over the read limit, a folder that cannot
 * be listed.  Emitted by the walk and the reader (pipeline.c), not by a
 * check of its own: nothing is skipped silently, so the gate fails closed.
 * Its threshold is the read limit. */
#include "rules.h"

static const al_param params[] = {
	{ "max_file_mb", 64, 1, 4096,
	  "files larger than this many MiB are not read (a marketplace image is well under 1 MiB)" },
};

const al_rule al_rule_unreadable = {
	.id = "unreadable",
	.stage = AL_STAGE_HEADER,
	.roles = AL_ROLES_ALL,
	.severity = AL_SEV_ERROR,
	.summary = "an entry under the checked paths cannot be read (dangling or looping link, "
	           "no permission, path too long, not a regular file, over the read limit)",
	.help = "Replace the entry with the image file itself (a regular file inside the checked "
	        "folder), or remove it.",
	.params = params,
	.n_params = G_N_ELEMENTS(params),
	.check = NULL,
};
