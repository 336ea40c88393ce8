/* Profiles (the required sizes, as data) and the role of a file from its
 * name or its size. */
#include <math.h>
#include <stdlib.h>
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

/* Role words.  A full word names its role inside a longer alphabetic run
 * too ("logosmall", "255xwide", "herobanner"); an abbreviation only as a
 * whole token, or random ids ("wd3ah6", "md8v84", "2sm24p") would. */
static const struct { const char *word; al_role role; } full_words[] = {
	{ "small", AL_ROLE_SMALL },
	{ "medium", AL_ROLE_MEDIUM },
	{ "large", AL_ROLE_LARGE },
	{ "wide", AL_ROLE_WIDE },
	{ "hero", AL_ROLE_HERO },
};
static const struct { const char *word; al_role role; } abbreviations[] = {
	{ "sm", AL_ROLE_SMALL },
	{ "md", AL_ROLE_MEDIUM },
	{ "lg", AL_ROLE_LARGE },
	{ "wd", AL_ROLE_WIDE },
};

/* Roles named in a name: each found role once, and whether two differ. */
typedef struct {
	al_role role;
	bool conflict;
} role_vote;

static void vote(role_vote *v, al_role r)
{
	if (r == AL_ROLE_UNKNOWN)
		return;
	if (v->role == AL_ROLE_UNKNOWN)
		v->role = r;
	else if (v->role != r)
		v->conflict = true;
}

/* Full words at the start or end of the lower-case alphabetic run @s[0..n). */
static void vote_full_words(role_vote *v, const char *s, size_t n)
{
	for (unsigned i = 0; i < G_N_ELEMENTS(full_words); i++) {
		size_t k = strlen(full_words[i].word);
		if (n >= k && (g_ascii_strncasecmp(s, full_words[i].word, k) == 0 ||
		               g_ascii_strncasecmp(s + n - k, full_words[i].word, k) == 0))
			vote(v, full_words[i].role);
	}
}

/* Splits the token @s[0..n) (letters and digits only) at case changes
 * ("logoSm", "LogoWD", "XMLLogo": "logo|Sm", "Logo|WD", "XML|Logo") and
 * votes for the abbreviation the token is, or each part is when the
 * parts are words, and for full words in its alphabetic runs. */
static inline bool case_cut(const char *s, size_t n, size_t i)
{
	return i == n || (g_ascii_islower(s[i - 1]) && g_ascii_isupper(s[i])) ||
	       (i + 1 < n && g_ascii_isupper(s[i - 1]) && g_ascii_isupper(s[i]) &&
	        g_ascii_islower(s[i + 1]));
}

/* Whether the parts of the token @s[0..n) read as words: the token has
 * no digits and no part of one letter ("logoSm", "LogoWD"), unlike a
 * mixed-case random id ("xSmKq", "aZ3SmK"), whose abbreviations name no
 * role. */
static bool parts_are_words(const char *s, size_t n)
{
	size_t start = 0;
	for (size_t i = 0; i < n; i++)
		if (g_ascii_isdigit(s[i]))
			return false;
	for (size_t i = 1; i <= n; i++)
		if (case_cut(s, n, i)) {
			if (i - start < 2)
				return false;
			start = i;
		}
	return true;
}

static void vote_token(role_vote *full, role_vote *abbr, const char *s, size_t n)
{
	size_t start = 0;
	bool words = parts_are_words(s, n);
	for (size_t i = 1; i <= n; i++) {
		if (!case_cut(s, n, i))
			continue;
		const char *p = s + start;
		size_t len = i - start;
		for (unsigned k = 0; k < G_N_ELEMENTS(abbreviations); k++)
			if ((len == n || words) && len == strlen(abbreviations[k].word) &&
			    g_ascii_strncasecmp(p, abbreviations[k].word, len) == 0)
				vote(abbr, abbreviations[k].role);
		/* alphabetic runs of the part: "cheflogo255xwide" gives
		 * "cheflogo" and "xwide" */
		for (size_t a = 0; a < len;) {
			if (!g_ascii_isalpha(p[a])) {
				a++;
				continue;
			}
			size_t b = a;
			while (b < len && g_ascii_isalpha(p[b]))
				b++;
			vote_full_words(full, p + a, b - a);
			a = b;
		}
		start = i;
	}
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

/* Whether the digits @s[0..@e) of the name @name are a size on their own:
 * not written with a leading zero ("040" is an index), ending the token
 * or followed by "x", "p" or "px" that ends it ("40", "logo40",
 * "cheflogo115x", "90p", "40px"), and the only digits of their token.  A
 * number inside a random id ("k40bzq", "3f40a9c1", "a90x7k") is no size,
 * nor a version: digits after a "v" that starts its token ("logo_v115",
 * "icon-v2"). */
static bool lone_number(const char *name, const char *s, const char *e)
{
	if (*s == '0')
		return false;
	if (s > name && s[-1] == 'v' && (s - 1 == name || !g_ascii_isalnum(s[-2])))
		return false;
	const char *q = e;
	if (g_str_has_prefix(q, "px"))
		q += 2;
	else if (*q == 'p' || *q == 'x')
		q++;
	if (g_ascii_isalnum(*q))
		return false;
	for (const char *t = s; t > name && g_ascii_isalnum(t[-1]); t--)
		if (g_ascii_isdigit(t[-1]))
			return false;
	return true;
}

/* Tokens are the runs of letters and digits between other characters,
 * cut again at case changes.  Full words win over abbreviations, and
 * both over a size written in the name; when a name holds two different
 * roles of the winning kind ("hero-small") it names none, and the size
 * decides. */
al_role al_role_from_name(const char *path, const al_profile *p)
{
	char *base = g_path_get_basename(path);
	char *dot = strrchr(base, '.');
	if (dot && dot != base)
		*dot = '\0';
	role_vote full = { AL_ROLE_UNKNOWN, false }, abbr = { AL_ROLE_UNKNOWN, false };
	al_role size_role = AL_ROLE_UNKNOWN, role = AL_ROLE_UNKNOWN;

	for (const char *s = base; *s;) {
		if (!g_ascii_isalnum(*s)) {
			s++;
			continue;
		}
		const char *e = s;
		while (g_ascii_isalnum(*e))
			e++;
		vote_token(&full, &abbr, s, (size_t)(e - s));
		s = e;
	}
	/* Sizes: "40x40", "255_115", "115x", "90p", "cheflogo255xwide" */
	char *lower = g_ascii_strdown(base, -1);
	for (const char *s = lower; *s && size_role == AL_ROLE_UNKNOWN;) {
		if (!g_ascii_isdigit(*s)) {
			s++;
			continue;
		}
		char *e;
		long w = strtol(s, &e, 10);
		const char *q = e;
		while (*q == ' ')
			q++;
		if ((*q == 'x' || *q == '_' || *q == '-') && g_ascii_isdigit(q[1])) {
			char *e2;
			long h = strtol(q + 1, &e2, 10);
			size_role = role_from_wxh(p, (int)MIN(w, 100000), (int)MIN(h, 100000));
			e = e2;
		} else if (lone_number(lower, s, e)) {
			size_role = role_from_number(p, (int)MIN(w, 100000));
		}
		s = e;
	}
	if (full.role != AL_ROLE_UNKNOWN)
		role = full.conflict ? AL_ROLE_UNKNOWN : full.role;
	else if (abbr.role != AL_ROLE_UNKNOWN)
		role = abbr.conflict ? AL_ROLE_UNKNOWN : abbr.role;
	else
		role = size_role;
	g_free(lower);
	g_free(base);
	return role;
}
