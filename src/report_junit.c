/* JUnit XML report (the Apache Ant schema CI systems read): one testsuite
 * per set, one testcase per file plus one for the set's own rules.  An
 * error finding fails its testcase; warnings (failures too with --strict)
 * and infos go to the suite's <system-out>, the only place the Ant schema
 * has for them. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "al_internal.h"

/* The one escaping function for every attribute and text of the report:
 * visible escapes for what XML 1.0 forbids (al_text_clean), then markup
 * escaping.  Caller g_free()s. */
static char *xml_esc(const char *s)
{
	char *clean = al_text_clean(s);
	char *esc = g_markup_escape_text(clean, -1);
	g_free(clean);
	return esc;
}

/* xs:token attributes with minLength 1 collapse whitespace: a value that
 * is empty or blank would make the document invalid. */
static char *xml_token(const char *s, const char *fallback)
{
	char *t = g_strdup(s ? s : "");
	bool blank = g_strstrip(t)[0] == '\0';
	g_free(t);
	return xml_esc(blank ? fallback : s);
}

static void append_attr(GString *x, const char *name, const char *val)
{
	char *e = xml_esc(val);
	g_string_append_printf(x, " %s=\"%s\"", name, e);
	g_free(e);
}

static bool fails(const al_finding *f, const al_options *opts)
{
	return f->severity == AL_SEV_ERROR ||
	       (f->severity == AL_SEV_WARNING && opts && opts->strict);
}

/* One finding as a line of text (not yet escaped): severity, message, rule
 * and the pixel region when there is one. */
static char *finding_line(const char *where, const al_finding *f)
{
	GString *s = g_string_new(NULL);
	if (where)
		g_string_append_printf(s, "%s: ", where);
	g_string_append_printf(s, "%s: %s [%s]", al_severity_name(f->severity),
	                       f->message ? f->message : "", f->rule);
	if (f->has_region)
		g_string_append_printf(s, " (region x=%d y=%d w=%d h=%d)",
		                       f->region.x, f->region.y, f->region.w, f->region.h);
	return g_string_free(s, FALSE);
}

/* Appends <testcase> for @findings of one location; the findings that do
 * not fail go to @sysout, prefixed with @where.  Returns 1 when the
 * testcase failed. */
static int append_testcase(GString *x, GString *sysout, const char *name,
                           const char *classname, const char *where,
                           GPtrArray *findings, const al_options *opts)
{
	GPtrArray *failed = g_ptr_array_new();
	GString *types = g_string_new(NULL);
	char *n = xml_token(name, "?");
	char *c = xml_token(classname, ".");

	for (guint i = 0; findings && i < findings->len; i++) {
		const al_finding *f = g_ptr_array_index(findings, i);
		char *line = NULL, *esc = NULL;
		if (fails(f, opts)) {
			g_ptr_array_add(failed, (gpointer)f);
			bool dup = false;
			for (guint j = 0; j + 1 < failed->len; j++)
				dup |= strcmp(((al_finding *)failed->pdata[j])->rule, f->rule) == 0;
			if (!dup)
				g_string_append_printf(types, "%s%s", types->len ? " " : "", f->rule);
			continue;
		}
		line = finding_line(where, f);
		esc = xml_esc(line);
		g_string_append_printf(sysout, "%s\n", esc);
		g_free(esc);
		g_free(line);
	}

	g_string_append_printf(x, "    <testcase name=\"%s\" classname=\"%s\" time=\"0\"", n, c);
	if (failed->len == 0) {
		g_string_append(x, "/>\n");
	} else {
		/* The Ant schema allows one <failure> per testcase: the first
		 * finding is its message, the text lists them all. */
		const al_finding *first = failed->pdata[0];
		char *msg = failed->len > 1
			? g_strdup_printf("%s: %s (and %u more)", first->rule,
			                  first->message ? first->message : "", failed->len - 1)
			: g_strdup_printf("%s: %s", first->rule,
			                  first->message ? first->message : "");
		g_string_append(x, ">\n      <failure");
		append_attr(x, "message", msg);
		append_attr(x, "type", types->str);
		g_string_append_c(x, '>');
		for (guint i = 0; i < failed->len; i++) {
			char *line = finding_line(NULL, failed->pdata[i]);
			char *esc = xml_esc(line);
			g_string_append_printf(x, "%s%s", i ? "\n" : "", esc);
			g_free(esc);
			g_free(line);
		}
		g_string_append(x, "</failure>\n    </testcase>\n");
		g_free(msg);
	}
	int res = failed->len > 0;
	g_free(c);
	g_free(n);
	g_string_free(types, TRUE);
	g_ptr_array_free(failed, TRUE);
	return res;
}

/* "YYYY-MM-DDTHH:MM:SS" in UTC (the schema forbids a zone); honours
 * SOURCE_DATE_EPOCH so reports can be reproducible. */
static char *timestamp(void)
{
	const char *sde = g_getenv("SOURCE_DATE_EPOCH");
	GDateTime *dt = NULL;
	char *end = NULL;
	char *res = NULL;

	if (sde && *sde) {
		long long t = strtoll(sde, &end, 10);
		if (end && *end == '\0' && t >= 0)
			dt = g_date_time_new_from_unix_utc(t);
	}
	if (!dt)
		dt = g_date_time_new_now_utc();
	res = dt ? g_date_time_format(dt, "%Y-%m-%dT%H:%M:%S") : NULL;
	if (dt)
		g_date_time_unref(dt);
	return res ? res : g_strdup("1970-01-01T00:00:00");
}

/* One testsuite for the files of @s.  @set_case: add the testcase of the
 * set rules (not for files checked alone, which have no set). */
static void append_suite(GString *x, const al_set_result *s, bool set_case, int id,
                         const char *stamp, const char *host,
                         const char *profile, const char *config,
                         const al_options *opts)
{
	GString *cases = g_string_new(NULL);
	GString *sysout = g_string_new(NULL);
	int tests = 0, failures = 0;
	char *setname = g_path_get_basename(s->path && *s->path ? s->path : ".");
	char *setcase = g_strconcat(setname, "/", NULL);
	char *name = xml_token(s->path, ".");

	for (guint i = 0; s->files && i < s->files->len; i++) {
		const al_file_result *r = g_ptr_array_index(s->files, i);
		char *base = g_path_get_basename(r->path ? r->path : "?");
		failures += append_testcase(cases, sysout, base, s->path, r->path,
		                            r->findings, opts);
		tests++;
		g_free(base);
	}
	/* The set rules (completeness, duplicates, consistency) are a test of
	 * their own, named after the folder with a '/' so no file can clash. */
	if (set_case) {
		failures += append_testcase(cases, sysout, setcase, s->path, s->path,
		                            s->findings, opts);
		tests++;
	}

	g_string_append_printf(x, "  <testsuite name=\"%s\" package=\"%s\" id=\"%d\""
	                       " tests=\"%d\" failures=\"%d\" errors=\"0\" time=\"0\""
	                       " timestamp=\"%s\" hostname=\"%s\">\n",
	                       name, name, id, tests, failures, stamp, host);
	g_string_append(x, "    <properties>\n      <property name=\"tool\"");
	append_attr(x, "value", "assetlint " AL_VERSION);
	g_string_append(x, "/>\n      <property name=\"profile\"");
	append_attr(x, "value", profile ? profile : "");
	g_string_append(x, "/>\n      <property name=\"config\"");   /* "" when none */
	append_attr(x, "value", config ? config : "");
	g_string_append(x, "/>\n    </properties>\n");
	g_string_append(x, cases->str);
	g_string_append_printf(x, "    <system-out>%s</system-out>\n", sysout->str);
	g_string_append(x, "    <system-err></system-err>\n  </testsuite>\n");

	g_free(name);
	g_free(setcase);
	g_free(setname);
	g_string_free(sysout, TRUE);
	g_string_free(cases, TRUE);
}

static void alone_free(al_set_result *s)
{
	g_ptr_array_free(s->files, TRUE);
	g_free(s->path);
	g_free(s);
}

/* Writes @report as JUnit XML (Apache Ant schema) to @out.  Returns AL_OK
 * or AL_ERR_IO (*err set, caller g_free()s). */
al_status al_write_junit(const al_report *report, const al_options *opts,
                         FILE *out, int color, char **err)
{
	al_status st = AL_OK;
	GString *x = g_string_new("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n");
	char *stamp = timestamp();
	char *host = xml_token(g_get_host_name(), "localhost");

	guint n_sets = report->sets ? report->sets->len : 0;
	for (guint i = 0; i < n_sets; i++)
		append_suite(x, g_ptr_array_index(report->sets, i), true, (int)i, stamp,
		             host, report->profile, report->config, opts);
	/* Files given alone: one suite per folder, in order of first path. */
	GPtrArray *alone = g_ptr_array_new_with_free_func((GDestroyNotify)alone_free);
	GHashTable *by_dir = g_hash_table_new(g_str_hash, g_str_equal);
	for (guint i = 0; report->files && i < report->files->len; i++) {
		al_file_result *f = g_ptr_array_index(report->files, i);
		if (f->set)
			continue;
		char *dir = g_path_get_dirname(f->path);
		al_set_result *s = g_hash_table_lookup(by_dir, dir);
		if (!s) {
			s = g_new0(al_set_result, 1);
			s->path = dir;
			s->files = g_ptr_array_new();
			g_ptr_array_add(alone, s);
			g_hash_table_insert(by_dir, s->path, s);
		} else {
			g_free(dir);
		}
		g_ptr_array_add(s->files, f);
	}
	for (guint i = 0; i < alone->len; i++)
		append_suite(x, g_ptr_array_index(alone, i), false, (int)(n_sets + i), stamp,
		             host, report->profile, report->config, opts);
	g_hash_table_destroy(by_dir);
	g_ptr_array_free(alone, TRUE);
	g_string_append(x, "</testsuites>\n");

	if (fwrite(x->str, 1, x->len, out) != x->len || ferror(out)) {
		*err = g_strdup_printf("write failed: %s", g_strerror(errno));
		st = AL_ERR_IO;
	}
	g_free(host);
	g_free(stamp);
	g_string_free(x, TRUE);
	return st;
}
