/* hero-missing: the hero is optional but recommended. */
#include "rules.h"

static void check_set(al_set_ctx *ctx)
{
	const al_role_spec *s = &ctx->profile->roles[AL_ROLE_HERO];
	if (!s->present)
		return;
	for (guint i = 0; i < ctx->set->files->len; i++)
		if (((al_file_result *)g_ptr_array_index(ctx->set->files, i))->role == AL_ROLE_HERO)
			return;
	al_emit_set(ctx, AL_SEV_OFF, "no hero image (%dx%d); it is optional but recommended",
	            s->min_w, s->min_h);
}

const al_rule al_rule_hero_missing = {
	.id = "hero-missing",
	.stage = AL_STAGE_SET,
	.roles = 0,
	.severity = AL_SEV_INFO,
	.summary = "the set has no hero image (optional, recommended)",
	.help = "Add an 815x290 hero image with a dark, flat background and the right 415 px left free.",
	.check_set = check_set,
};
