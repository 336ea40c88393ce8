/* set-incomplete: a required role has no file in the set. */
#include "rules.h"

static void check_set(al_set_ctx *ctx)
{
	GString *missing = g_string_new(NULL);
	int n = 0;
	for (int r = 0; r <= AL_ROLE_HERO; r++) {
		const al_role_spec *s = &ctx->profile->roles[r];
		if (!s->present || !s->required)
			continue;
		bool found = false;
		for (guint i = 0; i < ctx->set->files->len && !found; i++)
			found = ((al_file_result *)g_ptr_array_index(ctx->set->files, i))->role == (al_role)r;
		if (found)
			continue;
		if (s->min_w == s->max_w)
			g_string_append_printf(missing, "%s%s (%dx%d)", n ? ", " : "",
			                       al_role_name((al_role)r), s->min_w, s->min_h);
		else
			g_string_append_printf(missing, "%s%s (%d-%d px)", n ? ", " : "",
			                       al_role_name((al_role)r), s->min_w, s->max_w);
		n++;
	}
	if (n)
		al_emit_set(ctx, AL_SEV_OFF, "%d required logo%s missing: %s",
		            n, n == 1 ? " is" : "s are", missing->str);
	g_string_free(missing, TRUE);
}

const al_rule al_rule_set_incomplete = {
	.id = "set-incomplete",
	.stage = AL_STAGE_SET,
	.roles = 0,
	.severity = AL_SEV_ERROR,
	.summary = "a required logo is missing from the set",
	.help = "Add the missing sizes to the offer folder, named after their role (Small.png, Medium.png, Large.png, Wide.png).",
	.check_set = check_set,
};
