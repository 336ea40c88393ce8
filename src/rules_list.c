/* --list-rules: every rule with its default severity, what it applies to,
 * how to fix, and its thresholds as config keys. */
#include <string.h>
#include "al_internal.h"

/* "any file", "sets", "logos, hero", or the role names.  Caller g_free()s. */
static char *applies_to(const al_rule *r)
{
	GString *s = g_string_new(NULL);
	unsigned roles = r->roles;

	if (r->stage == AL_STAGE_SET) {
		g_string_append(s, "sets");
	} else if ((roles & AL_ROLES_ALL) == AL_ROLES_ALL) {
		g_string_append(s, "any file");
	} else {
		if ((roles & AL_ROLES_LOGOS) == AL_ROLES_LOGOS) {
			g_string_append(s, "logos");
			roles &= ~(unsigned)AL_ROLES_LOGOS;
		}
		for (int i = 0; i < AL_ROLE_COUNT; i++)
			if (roles & AL_ROLEBIT(i))
				g_string_append_printf(s, "%s%s", s->len ? ", " : "",
				                       al_role_name((al_role)i));
		if (!s->len)
			g_string_append(s, "-");
	}
	return g_string_free(s, FALSE);
}

/* Ownership: writes to @out, which the caller owns; nothing to free. */
void al_rules_list(FILE *out)
{
	const al_rule *const *rules = al_rules();
	int id_w = 2, applies_w = 10;

	for (int i = 0; rules[i]; i++) {
		char *a = applies_to(rules[i]);
		id_w = MAX(id_w, (int)strlen(rules[i]->id));
		applies_w = MAX(applies_w, (int)strlen(a));
		g_free(a);
	}
	fprintf(out, "%-*s  %-8s  %-*s  %s\n", id_w, "RULE", "DEFAULT", applies_w,
	        "APPLIES TO", "FLAGS");
	for (int i = 0; rules[i]; i++) {
		const al_rule *r = rules[i];
		char *a = applies_to(r);
		fprintf(out, "%-*s  %-8s  %-*s  %s\n", id_w, r->id,
		        al_severity_name(r->severity), applies_w, a,
		        r->summary ? r->summary : "");
		if (r->help && r->help[0])
			fprintf(out, "%*s  fix: %s\n", id_w, "", r->help);
		for (int p = 0; p < r->n_params; p++) {
			const al_param *pr = &r->params[p];
			fprintf(out, "%*s  %s.%s = %g (range %g..%g)%s%s\n", id_w, "",
			        r->id, pr->name, pr->def, pr->min, pr->max,
			        pr->doc ? ": " : "", pr->doc ? pr->doc : "");
		}
		g_free(a);
	}
	fprintf(out, "\nProfiles (--profile NAME, [assetlint] profile = NAME):\n");
	for (const al_profile *const *p = al_profiles(); *p; p++)
		fprintf(out, "  %-12s %s%s\n", (*p)->name, (*p)->doc,
		        *p == al_profile_default() ? " (default)" : "");
}
