/* dimensions: the size is not the role's size (or the file has no role). */
#include "rules.h"

static void describe(const al_role_spec *s, char *buf, size_t n)
{
	if (s->min_w == s->max_w && s->min_h == s->max_h)
		g_snprintf(buf, n, "%dx%d", s->min_w, s->min_h);
	else
		g_snprintf(buf, n, "%s%d-%d x %d-%d", s->square ? "square " : "",
		           s->min_w, s->max_w, s->min_h, s->max_h);
}

static void check(al_ctx *ctx)
{
	al_file_result *r = ctx->res;
	const al_profile *p = ctx->profile;
	char want[64];
	if (r->width <= 0)
		return;
	if (r->role != AL_ROLE_UNKNOWN) {
		const al_role_spec *s = &p->roles[r->role];
		if (!s->present) {
			al_role n = al_role_nearest(p, r->width, r->height);
			if (n != AL_ROLE_UNKNOWN)
				describe(&p->roles[n], want, sizeof want);
			al_emit(ctx, AL_SEV_OFF, NULL, false, 0, 0,
			        "the name says %s, but profile %s has no %s image; %dx%d is nearest to %s%s%s%s",
			        al_role_name(r->role), p->name, al_role_name(r->role), r->width, r->height,
			        al_role_name(n), n != AL_ROLE_UNKNOWN ? " (" : "",
			        n != AL_ROLE_UNKNOWN ? want : "", n != AL_ROLE_UNKNOWN ? ")" : "");
			return;
		}
		if (al_role_spec_fits(s, r->width, r->height))
			return;
		describe(s, want, sizeof want);
		al_role by_size = al_role_from_size(p, r->width, r->height);
		al_emit(ctx, AL_SEV_OFF, NULL, false, 0, 0,
		        "is %dx%d, expected %s for the %s logo (role from the file name)%s%s",
		        r->width, r->height, want, al_role_name(r->role),
		        by_size != AL_ROLE_UNKNOWN ? "; that size is the " : "",
		        by_size != AL_ROLE_UNKNOWN ? al_role_name(by_size) : "");
		return;
	}
	al_role n = al_role_nearest(p, r->width, r->height);
	if (n == AL_ROLE_UNKNOWN)
		return;
	describe(&p->roles[n], want, sizeof want);
	al_emit(ctx, AL_SEV_OFF, NULL, false, 0, 0,
	        "is %dx%d, which is no role's size in profile %s; nearest role: %s (%s). "
	        "Name the file after its role (e.g. '%s.png') and export it at that size",
	        r->width, r->height, p->name, al_role_name(n), want, al_role_name(n));
}

const al_rule al_rule_dimensions = {
	.id = "dimensions",
	.stage = AL_STAGE_HEADER,
	.roles = AL_ROLES_ALL,
	.severity = AL_SEV_ERROR,
	.summary = "the size differs from the role's size (or matches no role)",
	.help = "Resize the artwork to the role's exact size; pad the canvas rather than stretch the mark.",
	.check = check,
};
