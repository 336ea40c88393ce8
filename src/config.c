/* The .assetlint.ini config file: loading it into al_options, and finding it
 * in a folder or its parents. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "al_internal.h"

#define CONFIG_NAME ".assetlint.ini"

/* Finds the 1-based line of the first [@group] (when @key is NULL) or of
 * the last "@key =" in any [@group] of @text (GKeyFile merges repeated
 * groups and the last value of a key wins); 0 when not found.  GKeyFile
 * keeps no line numbers, so errors locate themselves with this. */
static int find_line(const char *text, const char *group, const char *key)
{
	char **lines = g_strsplit(text, "\n", -1);
	bool in_group = false;
	int found = 0;

	for (int i = 0; lines[i] && !(found && !key); i++) {
		char *l = g_strstrip(lines[i]);
		if (l[0] == '[') {
			char *end = strrchr(l, ']');
			in_group = end && (size_t)(end - l - 1) == strlen(group) &&
			           strncmp(l + 1, group, (size_t)(end - l - 1)) == 0;
			if (in_group && !key)
				found = i + 1;
		} else if (in_group && key && l[0] != '#') {
			char *eq = strchr(l, '=');
			if (eq) {
				*eq = '\0';
				if (strcmp(g_strchomp(l), key) == 0)
					found = i + 1;
			}
		}
	}
	g_strfreev(lines);
	return found;
}

/* The first line GKeyFile would refuse: not blank, a comment, a [group]
 * or KEY=VALUE, or a key before any group.  Writes a message to @why
 * (caller g_free()s).  Returns the 1-based line, 0 when every line looks
 * well-formed. */
static int find_syntax_error(const char *text, char **why)
{
	char **lines = g_strsplit(text, "\n", -1);
	bool seen_group = false;
	int bad = 0;

	for (int i = 0; lines[i] && !bad; i++) {
		char *l = g_strstrip(lines[i]);
		if (!l[0] || l[0] == '#')
			continue;
		if (l[0] == '[') {
			char *end = strchr(l, ']');
			if (!end || end[1] != '\0' || end == l + 1) {
				bad = i + 1;
				*why = g_strdup("malformed group header (want [name])");
			}
			seen_group = true;
		} else if (!strchr(l, '=') || l[0] == '=') {
			bad = i + 1;
			*why = g_strdup("not a group, a KEY = VALUE pair or a # comment");
		} else if (!seen_group) {
			bad = i + 1;
			*why = g_strdup("key before the first [group]");
		} else if (strchr(l, '[') && strchr(l, '[') < strchr(l, '=')) {
			/* GKeyFile would take KEY[xx] as a translation and
			 * silently ignore it. */
			bad = i + 1;
			*why = g_strdup("'[' in a key (KEY[locale] translations are not supported)");
		}
	}
	g_strfreev(lines);
	return bad;
}

/* Parses a whole decimal number; false on junk, overflow or NaN. */
static bool parse_double(const char *s, double *out)
{
	char *end = NULL;
	errno = 0;
	double v = g_ascii_strtod(s, &end);
	if (end == s || errno != 0 || !isfinite(v))
		return false;
	while (g_ascii_isspace(*end))
		end++;
	if (*end)
		return false;
	*out = v;
	return true;
}

typedef struct {
	al_options *opts;
	GKeyFile *kf;
	const char *path;
	const char *text;
	char *err;               /* first error, "FILE:LINE: message"; owned */
} loader;

/* Records the first error, located at @group/@key.  Takes @msg. */
static void fail(loader *ld, const char *group, const char *key, char *msg)
{
	if (!ld->err) {
		int line = find_line(ld->text, group, key);
		if (!line && key)
			line = find_line(ld->text, group, NULL);
		ld->err = g_strdup_printf("%s:%d: %s", ld->path, line ? line : 1, msg);
	}
	g_free(msg);
}

/* Value of @key, escapes resolved and white space trimmed; NULL after
 * fail(). */
static char *get_string(loader *ld, const char *group, const char *key)
{
	GError *gerr = NULL;
	char *v = g_key_file_get_string(ld->kf, group, key, &gerr);
	if (!v) {
		fail(ld, group, key, g_strdup_printf("%s: %s", key, gerr->message));
		g_error_free(gerr);
	} else {
		g_strstrip(v);
	}
	return v;
}

static void load_main(loader *ld, const char *key)
{
	const char *g = "assetlint";
	char *v = get_string(ld, g, key);
	char *why = NULL;

	if (!v) {
		/* get_string() reported it */
	} else if (strcmp(key, "profile") == 0) {
		if (al_options_set_profile(ld->opts, v, &why) != AL_OK)
			fail(ld, g, key, why);
	} else if (strcmp(key, "strict") == 0) {
		if (g_ascii_strcasecmp(v, "true") == 0)
			ld->opts->strict = true;
		else if (g_ascii_strcasecmp(v, "false") == 0)
			ld->opts->strict = false;
		else
			fail(ld, g, key, g_strdup_printf("strict = '%s': want true or false", v));
	} else if (strcmp(key, "max-warnings") == 0) {
		char *end = NULL;
		errno = 0;
		gint64 n = g_ascii_strtoll(v, &end, 10);
		if (end == v || *end || errno || n < -1 || n > G_MAXINT)
			fail(ld, g, key, g_strdup_printf("max-warnings = '%s': want a whole "
			     "number >= 0 (or -1 for no limit)", v));
		else
			ld->opts->max_warnings = (int)n;
	} else {
		fail(ld, g, key, g_strdup_printf("unknown key '%s' in [assetlint] "
		     "(known: profile, strict, max-warnings)", key));
	}
	g_free(v);
}

static void load_rule(loader *ld, const char *key)
{
	char *v = get_string(ld, "rules", key);
	char *why = NULL;
	al_severity sev;

	if (!v) {
		/* get_string() reported it */
	} else if (al_severity_parse(v, &sev) != AL_OK)
		fail(ld, "rules", key, g_strdup_printf("%s = '%s': want off, info, "
		     "warning or error", key, v));
	else if (al_options_set_severity(ld->opts, key, sev, &why) != AL_OK)
		fail(ld, "rules", key, why);
	g_free(v);
}

static void load_threshold(loader *ld, const char *key)
{
	char *v = get_string(ld, "thresholds", key);
	char *why = NULL;
	double d;

	if (!v) {
		/* get_string() reported it */
	} else if (!parse_double(v, &d))
		fail(ld, "thresholds", key, g_strdup_printf("%s = '%s': not a number", key, v));
	else if (al_options_set_threshold(ld->opts, key, d, &why) != AL_OK)
		fail(ld, "thresholds", key, why);
	g_free(v);
}

static void load_role(loader *ld, const char *key)
{
	GError *gerr = NULL;
	char **globs = NULL;
	gsize n = 0;
	int role = -1;

	for (int r = 0; r <= AL_ROLE_HERO; r++)
		if (strcmp(key, al_role_name((al_role)r)) == 0)
			role = r;
	if (role < 0) {
		fail(ld, "roles", key, g_strdup_printf("unknown role '%s' (known: small, "
		     "medium, large, wide, hero)", key));
		goto out;
	}
	globs = g_key_file_get_string_list(ld->kf, "roles", key, &n, &gerr);
	if (!globs) {
		fail(ld, "roles", key, g_strdup_printf("%s: %s", key, gerr->message));
		goto out;
	}
	for (gsize i = 0; i < n; i++) {
		char *glob = g_strstrip(globs[i]);
		/* The pipeline matches patterns against the ASCII-lower-cased
		 * base name, so they are stored lower-cased the same way. */
		if (glob[0])
			g_ptr_array_add(ld->opts->role_patterns[role], g_ascii_strdown(glob, -1));
	}
out:
	g_clear_error(&gerr);
	g_strfreev(globs);
}

/* Ownership: @opts is updated in place (on error it may be partly updated:
 * discard it); *err gets "FILE:LINE: message", caller g_free()s.
 * Returns AL_OK, AL_ERR_IO (cannot read) or AL_ERR_CONFIG. */
al_status al_options_load_config(al_options *opts, const char *path, char **err)
{
	char *text = NULL, *why = NULL;
	gsize len = 0;
	GError *gerr = NULL;
	char **groups = NULL;
	loader ld = { .opts = opts, .path = path };
	al_status st = AL_OK;

	if (!g_file_get_contents(path, &text, &len, &gerr)) {
		*err = g_strdup(gerr->message);
		g_error_free(gerr);
		st = AL_ERR_IO;
		goto out;
	}
	/* Windows editors start UTF-8 files with a byte order mark. */
	const char *body = text;
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		body += 3;
		len -= 3;
	}
	ld.text = body;
	int line = find_syntax_error(body, &why);
	ld.kf = g_key_file_new();
	if (line || !g_key_file_load_from_data(ld.kf, body, len, G_KEY_FILE_NONE, &gerr)) {
		/* Our scan finds the line; GKeyFile's message is the fallback. */
		*err = g_strdup_printf("%s:%d: syntax error: %s", path, line ? line : 1,
		                       why ? why : gerr->message);
		g_clear_error(&gerr);
		st = AL_ERR_CONFIG;
		goto out;
	}

	g_free(opts->config_path);
	opts->config_path = g_strdup(path);
	groups = g_key_file_get_groups(ld.kf, NULL);
	for (int g = 0; groups[g] && !ld.err; g++) {
		void (*load)(loader *, const char *) = NULL;
		if (strcmp(groups[g], "assetlint") == 0)
			load = load_main;
		else if (strcmp(groups[g], "rules") == 0)
			load = load_rule;
		else if (strcmp(groups[g], "thresholds") == 0)
			load = load_threshold;
		else if (strcmp(groups[g], "roles") == 0)
			load = load_role;
		if (!load) {
			fail(&ld, groups[g], NULL, g_strdup_printf("unknown group [%s] "
			     "(known: assetlint, rules, thresholds, roles)", groups[g]));
			break;
		}
		char **keys = g_key_file_get_keys(ld.kf, groups[g], NULL, NULL);
		for (int k = 0; keys && keys[k] && !ld.err; k++)
			load(&ld, keys[k]);
		g_strfreev(keys);
	}
	if (ld.err) {
		*err = ld.err;
		ld.err = NULL;
		st = AL_ERR_CONFIG;
	}
out:
	g_strfreev(groups);
	if (ld.kf)
		g_key_file_free(ld.kf);
	g_free(why);
	g_free(text);
	return st;
}

/* Ownership: returns a newly allocated absolute path (caller g_free()s), or
 * NULL when no folder from @start up to the root holds .assetlint.ini. */
char *al_config_find(const char *start)
{
	char *dir = g_canonicalize_filename(start, NULL);
	char *found = NULL;

	if (!g_file_test(dir, G_FILE_TEST_IS_DIR)) {
		char *parent = g_path_get_dirname(dir);
		g_free(dir);
		dir = parent;
	}
	for (;;) {
		char *cand = g_build_filename(dir, CONFIG_NAME, NULL);
		if (g_file_test(cand, G_FILE_TEST_IS_REGULAR)) {
			found = cand;
			break;
		}
		g_free(cand);
		char *parent = g_path_get_dirname(dir);
		bool at_root = strcmp(parent, dir) == 0;
		g_free(dir);
		dir = parent;
		if (at_root)
			break;
	}
	g_free(dir);
	return found;
}
