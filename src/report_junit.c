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

typedef struct {
	char *stamp, *host;      /* of the run, for every suite */
	GPtrArray *alone;        /* of alone_suite*: files checked alone, by folder */
	GHashTable *by_dir;      /* folder -> alone_suite* (borrowed) */
} junit_state;

/* The suite of the files checked alone in one folder, built as they come. */
typedef struct {
	char *dir;
	GString *cases, *sysout;
	int tests, failures;
} alone_suite;

static void alone_free(alone_suite *a)
{
	g_free(a->dir);
	g_string_free(a->cases, TRUE);
	g_string_free(a->sysout, TRUE);
	g_free(a);
}

/* The testcase of one file, into @cases / @sysout; 1 when it failed. */
static int file_case(GString *cases, GString *sysout, const char *classname,
                     const al_file_result *r, const al_options *opts)
{
	char *base = g_path_get_basename(r->path ? r->path : "?");
	int failed = append_testcase(cases, sysout, base, classname, r->path, r->findings, opts);
	g_free(base);
	return failed;
}

/* "<testsuite ...>" and the properties: what opens a suite. */
static void put_suite_head(al_writer *w, const char *path, int id, int tests, int failures)
{
	junit_state *st = w->state;
	GString *x = g_string_new(NULL);
	char *name = xml_token(path, ".");
	g_string_append_printf(x, "  <testsuite name=\"%s\" package=\"%s\" id=\"%d\""
	                       " tests=\"%d\" failures=\"%d\" errors=\"0\" time=\"0\""
	                       " timestamp=\"%s\" hostname=\"%s\">\n",
	                       name, name, id, tests, failures, st->stamp, st->host);
	g_string_append(x, "    <properties>\n      <property name=\"tool\"");
	append_attr(x, "value", "assetlint " AL_VERSION);
	g_string_append(x, "/>\n      <property name=\"profile\"");
	append_attr(x, "value", w->profile ? w->profile : "");
	g_string_append(x, "/>\n      <property name=\"config\"");   /* "" when none */
	append_attr(x, "value", w->config ? w->config : "");
	g_string_append(x, "/>\n    </properties>\n");
	fputs(x->str, w->out);
	g_string_free(x, TRUE);
	g_free(name);
}

/* The end of a suite after its cases. */
static void end_suite(GString *x, const GString *sysout)
{
	g_string_append_printf(x, "    <system-out>%s</system-out>\n", sysout->str);
	g_string_append(x, "    <system-err></system-err>\n  </testsuite>\n");
}

static al_status junit_head(al_writer *w)
{
	junit_state *st = g_new0(junit_state, 1);
	st->stamp = timestamp();
	st->host = xml_token(g_get_host_name(), "localhost");
	st->alone = g_ptr_array_new_with_free_func((GDestroyNotify)alone_free);
	st->by_dir = g_hash_table_new(g_str_hash, g_str_equal);
	w->state = st;
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n", w->out);
	return AL_OK;
}

/* A file of a set is written with its set; one checked alone joins the
 * suite of its folder, written after the sets (in order of first path). */
static void junit_file(al_writer *w, const al_file_result *r)
{
	junit_state *st = w->state;
	if (r->set)
		return;
	char *dir = g_path_get_dirname(r->path);
	alone_suite *a = g_hash_table_lookup(st->by_dir, dir);
	if (!a) {
		a = g_new0(alone_suite, 1);
		a->dir = dir;
		a->cases = g_string_new(NULL);
		a->sysout = g_string_new(NULL);
		g_ptr_array_add(st->alone, a);
		g_hash_table_insert(st->by_dir, a->dir, a);
	} else {
		g_free(dir);
	}
	a->failures += file_case(a->cases, a->sysout, a->dir, r, w->opts);
	a->tests++;
}

/* One testsuite per set: a testcase per file, and one for the set rules
 * (completeness, duplicates, consistency), named after the folder with a
 * '/' so no file can clash.  Spooled without its head, which needs the
 * suite's rank among the sorted sets. */
static void junit_set(al_writer *w, const al_set_result *s)
{
	GString *cases = g_string_new(NULL);
	GString *sysout = g_string_new(NULL);
	int tests = 0, failures = 0;
	char *setname = g_path_get_basename(s->path && *s->path ? s->path : ".");
	char *setcase = g_strconcat(setname, "/", NULL);

	for (guint i = 0; s->files && i < s->files->len; i++) {
		failures += file_case(cases, sysout, s->path, g_ptr_array_index(s->files, i), w->opts);
		tests++;
	}
	failures += append_testcase(cases, sysout, setcase, s->path, s->path, s->findings, w->opts);
	tests++;
	end_suite(cases, sysout);
	al_writer_put(w, AL_SEV_OFF, cases->str, cases->len);
	al_writer_set_extra(w, tests, failures);
	g_free(setcase);
	g_free(setname);
	g_string_free(sysout, TRUE);
	g_string_free(cases, TRUE);
}

static void junit_set_open(al_writer *w, const char *path, const int extra[2], int index)
{
	put_suite_head(w, path, index, extra[0], extra[1]);
}

static al_status junit_tail(al_writer *w)
{
	junit_state *st = w->state;
	int n_sets = al_writer_n_sets(w);
	al_writer_flush_sets(w);
	for (guint i = 0; i < st->alone->len; i++) {
		alone_suite *a = g_ptr_array_index(st->alone, i);
		put_suite_head(w, a->dir, n_sets + (int)i, a->tests, a->failures);
		end_suite(a->cases, a->sysout);
		fputs(a->cases->str, w->out);
	}
	fputs("</testsuites>\n", w->out);
	return w->st;
}

static void junit_free(al_writer *w)
{
	junit_state *st = w->state;
	if (!st)
		return;
	g_free(st->stamp);
	g_free(st->host);
	g_hash_table_destroy(st->by_dir);
	g_ptr_array_free(st->alone, TRUE);
	g_free(st);
}

/* JUnit XML (Apache Ant schema): one testsuite per set, sorted by path,
 * then one per folder of files checked alone. */
const al_report_class al_format_junit = {
	.head = junit_head,
	.file = junit_file,
	.set = junit_set,
	.set_open = junit_set_open,
	.tail = junit_tail,
	.free_state = junit_free,
};

al_status al_write_junit(const al_report *report, const al_options *opts,
                         FILE *out, int color, char **err)
{
	return al_write_report(report, opts, AL_REPORT_JUNIT, out, color, err);
}
