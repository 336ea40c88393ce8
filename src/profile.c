/* Profiles (the required sizes, as data) and the role of a file from its
 * name or its size. */
#include <math.h>
#include <string.h>
#include "al_internal.h"

#define EXACT(w, h, req) { true, req, w, w, h, h, false }

static const al_profile profile_cpp2020 = {
	.name = "cpp-2020",
	.doc = "Cloud Partner Portal (2020): small 40x40, medium 90x90, large 115x115, "
	       "wide 255x115 required; hero 815x290 recommended",
	.roles = {
		[AL_ROLE_SMALL] = EXACT(40, 40, true),
		[AL_ROLE_MEDIUM] = EXACT(90, 90, true),
		[AL_ROLE_LARGE] = EXACT(115, 115, true),
		[AL_ROLE_WIDE] = EXACT(255, 115, true),
		[AL_ROLE_HERO] = EXACT(815, 290, false),
	},
};

static const al_profile profile_pc2019 = {
	.name = "pc-2019",
	.doc = "Partner Center (2019): small 48x48, medium 90x90, large 216x216, "
	       "wide 255x115 required; hero 815x290 recommended",
	.roles = {
		[AL_ROLE_SMALL] = EXACT(48, 48, true),
		[AL_ROLE_MEDIUM] = EXACT(90, 90, true),
		[AL_ROLE_LARGE] = EXACT(216, 216, true),
		[AL_ROLE_WIDE] = EXACT(255, 115, true),
		[AL_ROLE_HERO] = EXACT(815, 290, false),
	},
};

static const al_profile profile_pc_current = {
	.name = "pc-current",
	.doc = "Partner Center (current): one large logo, PNG, square, 216 to 350 px",
	.roles = {
		[AL_ROLE_LARGE] = { true, true, 216, 350, 216, 350, true },
	},
	.logos_png_only = true,
};

static const al_profile *const profiles[] = {
	&profile_cpp2020, &profile_pc2019, &profile_pc_current, NULL
};

const al_profile *const *al_profiles(void) { return profiles; }
const al_profile *al_profile_default(void) { return &profile_cpp2020; }

const al_profile *al_profile_find(const char *name)
{
	for (int i = 0; profiles[i]; i++)
		if (name && g_ascii_strcasecmp(profiles[i]->name, name) == 0)
			return profiles[i];
	return NULL;
}

bool al_role_spec_fits(const al_role_spec *s, int w, int h)
{
	if (!s->present || w < s->min_w || w > s->max_w || h < s->min_h || h > s->max_h)
		return false;
	return !s->square || w == h;
}

al_role al_role_from_size(const al_profile *p, int w, int h)
{
	for (int r = 0; r <= AL_ROLE_HERO; r++)
		if (al_role_spec_fits(&p->roles[r], w, h))
			return (al_role)r;
	return AL_ROLE_UNKNOWN;
}

/* Distance in shape first (aspect ratio), then in scale (area), both on a
 * log scale, so 216x216 is nearer "large" than "hero". */
al_role al_role_nearest(const al_profile *p, int w, int h)
{
	al_role best = AL_ROLE_UNKNOWN;
	double best_d = INFINITY;
	if (w <= 0 || h <= 0)
		return best;
	for (int r = 0; r <= AL_ROLE_HERO; r++) {
		const al_role_spec *s = &p->roles[r];
		if (!s->present)
			continue;
		double W = CLAMP(w, s->min_w, s->max_w), H = CLAMP(h, s->min_h, s->max_h);
		if (s->square)
			W = H = CLAMP((w + h) / 2.0, s->min_w, s->max_w);
		double d = 2.0 * fabs(log(((double)w / h) / (W / H))) +
		           0.5 * fabs(log(((double)w * h) / (W * H)));
		if (d < best_d) {
			best_d = d;
			best = (al_role)r;
		}
	}
	return best;
}

static const struct { const char *word; al_role role; bool whole_only; } keywords[] = {
	{ "small", AL_ROLE_SMALL, false },
	{ "medium", AL_ROLE_MEDIUM, false },
	{ "large", AL_ROLE_LARGE, false },
	{ "wide", AL_ROLE_WIDE, false },
	{ "hero", AL_ROLE_HERO, false },
	{ "sm", AL_ROLE_SMALL, true },
	{ "md", AL_ROLE_MEDIUM, true },
	{ "lg", AL_ROLE_LARGE, true },
	{ "wd", AL_ROLE_WIDE, true },
};

/* A keyword names a role when it is a whole alphabetic token, or its prefix
 * or suffix ("logosmall", "255xwide", "herobanner"). */
static al_role role_from_word(const char *tok)
{
	size_t n = strlen(tok);
	for (unsigned i = 0; i < G_N_ELEMENTS(keywords); i++) {
		size_t k = strlen(keywords[i].word);
		if (strcmp(tok, keywords[i].word) == 0)
			return keywords[i].role;
		if (keywords[i].whole_only || n <= k)
			continue;
		if (strncmp(tok, keywords[i].word, k) == 0 ||
		    strcmp(tok + n - k, keywords[i].word) == 0)
			return keywords[i].role;
	}
	return AL_ROLE_UNKNOWN;
}

static al_role role_from_wxh(const al_profile *p, int w, int h)
{
	al_role r = al_role_from_size(p, w, h);
	return r != AL_ROLE_UNKNOWN ? r : al_role_from_size(p, h, w);
}

/* A lone number names the role whose width it is ("40", "115x", "90p"). */
static al_role role_from_number(const al_profile *p, int n)
{
	for (int r = 0; r <= AL_ROLE_HERO; r++) {
		const al_role_spec *s = &p->roles[r];
		if (s->present && n >= s->min_w && n <= s->max_w)
			return (al_role)r;
	}
	return AL_ROLE_UNKNOWN;
}

al_role al_role_from_name(const char *path, const al_profile *p)
{
	char *base = g_path_get_basename(path);
	char *dot = strrchr(base, '.');
	if (dot && dot != base)
		*dot = '\0';
	char *lower = g_ascii_strdown(base, -1);
	al_role word_role = AL_ROLE_UNKNOWN, size_role = AL_ROLE_UNKNOWN;

	/* Walk alphabetic and numeric runs: "cheflogo255xwide" gives
	 * "cheflogo", 255, "xwide". */
	for (const char *s = lower; *s;) {
		if (g_ascii_isalpha(*s)) {
			const char *e = s;
			while (g_ascii_isalpha(*e))
				e++;
			char *tok = g_strndup(s, (gsize)(e - s));
			if (word_role == AL_ROLE_UNKNOWN)
				word_role = role_from_word(tok);
			g_free(tok);
			s = e;
		} else if (g_ascii_isdigit(*s)) {
			char *e;
			long w = strtol(s, &e, 10);
			al_role r = AL_ROLE_UNKNOWN;
			const char *q = e;
			while (*q == ' ')
				q++;
			if ((*q == 'x' || *q == '_' || *q == '-') && g_ascii_isdigit(q[1])) {
				char *e2;
				long h = strtol(q + 1, &e2, 10);
				r = role_from_wxh(p, (int)MIN(w, 100000), (int)MIN(h, 100000));
				e = e2;
			} else {
				r = role_from_number(p, (int)MIN(w, 100000));
			}
			if (size_role == AL_ROLE_UNKNOWN)
				size_role = r;
			s = e;
		} else {
			s++;
		}
	}
	g_free(lower);
	g_free(base);
	return word_role != AL_ROLE_UNKNOWN ? word_role : size_role;
}
