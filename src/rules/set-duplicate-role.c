/* set-duplicate-role: two files of one set claim the same role, so which
 * one is uploaded is a guess. */
#include "rules.h"

static void check_set(al_set_ctx *ctx)
{
	for (int r = 0; r <= AL_ROLE_HERO; r++) {
		GString *names = g_string_new(NULL);
		int n = 0;
		for (guint i = 0; i < ctx->set->files->len; i++) {
			al_file_result *f = g_ptr_array_index(ctx->set->files, i);
			if (f->role != (al_role)r)
				continue;
			char *base = g_path_get_basename(f->path);
			g_string_append_printf(names, "%s'%s'", n ? ", " : "", base);
			g_free(base);
			n++;
		}
		if (n > 1)
			al_emit_set(ctx, AL_SEV_OFF, "%d files claim the %s role: %s",
			            n, al_role_name((al_role)r), names->str);
		g_string_free(names, TRUE);
	}
}

const al_rule al_rule_set_duplicate_role = {
	.id = "set-duplicate-role",
	.stage = AL_STAGE_SET,
	.roles = 0,
	.severity = AL_SEV_WARNING,
	.summary = "two files of a set claim the same role",
	.help = "Keep one file per role in each offer folder; move old versions out.",
	.check_set = check_set,
};
