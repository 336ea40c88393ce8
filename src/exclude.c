/* --exclude GLOB and .assetlintignore: which files and folders the walk
 * leaves out.  The patterns follow .gitignore's rules, which users know:
 * a pattern without '/' matches a file or folder name at any depth; one
 * with '/' is anchored to its base folder (the working directory for
 * --exclude, the ignore file's folder for .assetlintignore); '*' and '?'
 * do not cross '/', '**' does; a trailing '/' matches folders only; '!'
 * takes a file back; the last matching pattern wins; a folder left out is
 * not entered. */
#include <errno.h>
#include <string.h>
#include "al_internal.h"

struct al_pattern {
	char *text;              /* as written, for messages */
	char *base;              /* absolute folder anchored patterns start in */
	GRegex *re;
	bool anchored, dir_only, negate;
};

void al_pattern_free(al_pattern *p)
{
	if (!p)
		return;
	if (p->re)
		g_regex_unref(p->re);
	g_free(p->text);
	g_free(p->base);
	g_free(p);
}

/* The glob @g as an anchored regular expression.  Returns NULL with *why
 * set (caller g_free()s) when a bracket is not closed. */
static char *glob_to_regex(const char *g, char **why)
{
	GString *re = g_string_new("^");
	for (const char *p = g; *p; p++) {
		if (p[0] == '*' && p[1] == '*') {
			bool lead = p == g || p[-1] == '/';
			p++;
			if (lead && p[1] == '/') {        /* "**\/": any folders, or none */
				g_string_append(re, "(?:.*/)?");
				p++;
			} else {
				g_string_append(re, ".*");
			}
		} else if (*p == '*') {
			g_string_append(re, "[^/]*");
		} else if (*p == '?') {
			g_string_append(re, "[^/]");
		} else if (*p == '[') {
			const char *end = p + 1;
			if (*end == '!' || *end == '^')
				end++;
			if (*end == ']')
				end++;
			while (*end && *end != ']')
				end++;
			if (!*end) {
				*why = g_strdup("'[' without a closing ']'");
				g_string_free(re, TRUE);
				return NULL;
			}
			g_string_append(re, "(?!/)[");
			const char *q = p + 1;
			if (*q == '!' || *q == '^') {
				g_string_append_c(re, '^');
				q++;
			}
			for (; q < end; q++) {
				if (*q == '\\' || *q == '[' || (*q == '^' && q == p + 1))
					g_string_append_c(re, '\\');
				g_string_append_c(re, *q);
			}
			g_string_append_c(re, ']');
			p = end;
		} else if (*p == '\\' && p[1]) {
			p++;
			char *e = g_regex_escape_string(p, 1);
			g_string_append(re, e);
			g_free(e);
		} else {
			char *e = g_regex_escape_string(p, 1);
			g_string_append(re, e);
			g_free(e);
		}
	}
	g_string_append_c(re, '$');
	return g_string_free(re, FALSE);
}

al_pattern *al_pattern_new(const char *glob, const char *base, char **err)
{
	al_pattern *p = g_new0(al_pattern, 1);
	char *g = g_strdup(glob);
	char *why = NULL, *rx = NULL;
	char *s = g;
	GError *gerr = NULL;

	p->text = g_strdup(glob);
	p->base = g_canonicalize_filename(base ? base : ".", NULL);
	if (*s == '!') {
		p->negate = true;
		s++;
	}
	size_t n = strlen(s);
	while (n > 1 && s[n - 1] == '/') {
		p->dir_only = true;
		s[--n] = '\0';
	}
	while (s[0] == '.' && s[1] == '/')
		s += 2;
	if (*s == '/') {
		p->anchored = true;
		s++;
	}
	p->anchored |= strchr(s, '/') != NULL;
	if (!*s || strcmp(s, "/") == 0) {
		why = g_strdup("empty pattern");
	} else if ((rx = glob_to_regex(s, &why))) {
		p->re = g_regex_new(rx, G_REGEX_OPTIMIZE, 0, &gerr);
		if (!p->re) {
			why = g_strdup(gerr->message);
			g_error_free(gerr);
		}
	}
	if (why) {
		*err = g_strdup_printf("pattern '%s': %s", glob, why);
		al_pattern_free(p);
		p = NULL;
	}
	g_free(why);
	g_free(rx);
	g_free(g);
	return p;
}

/* @abs relative to @p's base, or NULL when outside it. */
static const char *relative_to_base(const al_pattern *p, const char *abs)
{
	size_t n = strlen(p->base);
	if (strcmp(p->base, "/") == 0)
		return abs + 1;
	if (strncmp(abs, p->base, n) == 0 && abs[n] == '/')
		return abs + n + 1;
	return NULL;
}

/* @ancestor: @abs is a folder above a path the user named; only folders
 * inside the pattern's base count then (a folder "work" above the
 * working directory is not what --exclude work means). */
static bool pattern_matches(const al_pattern *p, const char *abs, const char *name,
                            bool is_dir, bool ancestor)
{
	const char *rel = relative_to_base(p, abs);
	if (p->dir_only && !is_dir)
		return false;
	if (ancestor && !rel)
		return false;
	if (!p->anchored)
		return g_regex_match(p->re, name, 0, NULL);
	return rel && g_regex_match(p->re, rel, 0, NULL);
}

/* The verdict of the patterns on one entry: the last match wins. */
static bool excluded_one(const al_options *opts, const char *abs, bool is_dir,
                         bool ancestor)
{
	const char *name = strrchr(abs, '/');
	bool out = false;
	name = name && name[1] ? name + 1 : abs;
	for (guint i = 0; i < opts->excludes->len; i++) {
		const al_pattern *p = g_ptr_array_index(opts->excludes, i);
		if (pattern_matches(p, abs, name, is_dir, ancestor))
			out = !p->negate;
	}
	return out;
}

bool al_excluded(const al_options *opts, const char *path, bool is_dir, bool parents)
{
	if (!opts->excludes || opts->excludes->len == 0)
		return false;
	char *abs = g_canonicalize_filename(path, NULL);
	bool out = excluded_one(opts, abs, is_dir, false);
	/* A path named by the user: a folder above it that is left out takes
	 * it along, as the walk would never have entered that folder. */
	for (char *slash = strrchr(abs, '/'); parents && !out && slash && slash > abs;
	     slash = strrchr(abs, '/')) {
		*slash = '\0';
		out = excluded_one(opts, abs, true, true);
	}
	g_free(abs);
	return out;
}

al_status al_options_add_exclude(al_options *opts, const char *glob, char **err)
{
	al_pattern *p = al_pattern_new(glob, NULL, err);
	if (!p)
		return AL_ERR_USAGE;
	g_ptr_array_add(opts->excludes, p);
	return AL_OK;
}

al_status al_options_load_ignore(al_options *opts, const char *path, char **err)
{
	char *text = NULL, *base = NULL;
	GError *gerr = NULL;
	al_status st = AL_OK;

	if (!g_file_get_contents(path, &text, NULL, &gerr)) {
		*err = g_strdup_printf("%s: %s", path, gerr->message);
		g_error_free(gerr);
		return AL_ERR_CONFIG;
	}
	base = g_path_get_dirname(path);
	char **lines = g_strsplit(text, "\n", -1);
	for (int i = 0; lines[i] && st == AL_OK; i++) {
		char *l = lines[i];
		size_t n = strlen(l);
		if (n && l[n - 1] == '\r')
			l[--n] = '\0';
		/* trailing blanks are not part of a pattern (unless escaped) */
		while (n && (l[n - 1] == ' ' || l[n - 1] == '\t') && !(n > 1 && l[n - 2] == '\\'))
			l[--n] = '\0';
		if (!*l || *l == '#')
			continue;
		char *why = NULL;
		al_pattern *p = al_pattern_new(l[0] == '\\' && (l[1] == '#' || l[1] == '!') ? l + 1 : l,
		                               base, &why);
		if (!p) {
			*err = g_strdup_printf("%s:%d: %s", path, i + 1, why);
			g_free(why);
			st = AL_ERR_CONFIG;
		} else {
			g_ptr_array_add(opts->excludes, p);
		}
	}
	g_strfreev(lines);
	g_free(base);
	g_free(text);
	return st;
}
