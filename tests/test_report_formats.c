/* Report writers for CI: gcc lines, SARIF 2.1.0, JUnit XML — on a report
 * built by hand with hostile file names and messages. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <json-glib/json-glib.h>
#include "testutil.h"

#define HOSTILE_HTML "logos/<img src=x onerror=alert(1)>.png"
#define HOSTILE_QUOTES "logos/a\"b'c&d.png"
#define HOSTILE_BYTES "logos/caf\xe9 #1 50%?.png"  /* Latin-1 e-acute: not UTF-8 */
#define HOSTILE_NEWLINE "logos/two\nlines.png"

typedef struct {
	al_report rep;
	al_options *opts;
} fixture;

static al_finding *finding(const char *rule, al_severity sev, const char *msg,
                           const al_region *region)
{
	al_finding *f = g_new0(al_finding, 1);
	f->rule = al_rule_find(rule)->id;
	f->severity = sev;
	f->message = g_strdup(msg);
	if (region) {
		f->has_region = true;
		f->region = *region;
	}
	return f;
}

static al_file_result *file_new(const char *path, const char *set)
{
	al_file_result *r = g_new0(al_file_result, 1);
	r->path = g_strdup(path);
	r->set = g_strdup(set);
	r->findings = g_ptr_array_new_with_free_func((GDestroyNotify)al_finding_free);
	return r;
}

static al_set_result *set_new(const char *path)
{
	al_set_result *s = g_new0(al_set_result, 1);
	s->path = g_strdup(path);
	s->files = g_ptr_array_new();
	s->findings = g_ptr_array_new_with_free_func((GDestroyNotify)al_finding_free);
	return s;
}

static void file_free(al_file_result *r)
{
	g_ptr_array_free(r->findings, TRUE);
	g_free(r->path);
	g_free(r->set);
	g_free(r);
}

static void set_free(al_set_result *s)
{
	g_ptr_array_free(s->findings, TRUE);
	g_ptr_array_free(s->files, TRUE);
	g_free(s->path);
	g_free(s);
}

/* Set "logos": 5 files (2 with errors, 1 warning, 1 info, 1 clean) and two
 * set findings; set "other dir": one clean file. */
static int setup(void **state)
{
	fixture *fx = g_new0(fixture, 1);
	al_region text_box = { 12, 4, 30, 9 };
	al_region grad_box = { 0, 0, 255, 115 };

	fx->opts = al_options_new();
	fx->rep.profile = "cpp-2020";
	fx->rep.files = g_ptr_array_new_with_free_func((GDestroyNotify)file_free);
	fx->rep.sets = g_ptr_array_new_with_free_func((GDestroyNotify)set_free);

	al_set_result *logos = set_new("logos");
	al_set_result *other = set_new("other dir");

	al_file_result *a = file_new(HOSTILE_QUOTES, "logos");
	al_file_result *b = file_new(HOSTILE_BYTES, "logos");
	g_ptr_array_add(b->findings, finding("hero-missing", AL_SEV_INFO,
	                "info about caf\xe9", NULL));
	al_file_result *c = file_new(HOSTILE_HTML, "logos");
	g_ptr_array_add(c->findings, finding("text", AL_SEV_ERROR,
	                "text found: <script>alert(\"x\")</script>\nsecond line\x1b[31m",
	                &text_box));
	g_ptr_array_add(c->findings, finding("gradient", AL_SEV_ERROR,
	                "a gradient & more", &grad_box));
	g_ptr_array_add(c->findings, finding("text", AL_SEV_ERROR,
	                "second text line", &text_box));
	al_file_result *d = file_new("logos/Wide 255x115.png", "logos");
	g_ptr_array_add(d->findings, finding("palette", AL_SEV_WARNING,
	                "6 prominent colours (limit 4)", NULL));
	al_file_result *e = file_new(HOSTILE_NEWLINE, "logos");
	g_ptr_array_add(e->findings, finding("background-white", AL_SEV_ERROR,
	                "white background", NULL));
	al_file_result *o = file_new("other dir/small.png", "other dir");

	/* the writers keep the order they are given */
	al_file_result *sorted[] = { a, c, b, e, d, o };
	for (unsigned i = 0; i < G_N_ELEMENTS(sorted); i++) {
		g_ptr_array_add(fx->rep.files, sorted[i]);
		g_ptr_array_add(strcmp(sorted[i]->set, "logos") == 0 ? logos->files
		                : other->files, sorted[i]);
	}
	g_ptr_array_add(logos->findings, finding("set-incomplete", AL_SEV_ERROR,
	                "missing: large (115x115)", NULL));
	g_ptr_array_add(logos->findings, finding("hero-missing", AL_SEV_INFO,
	                "no hero image", NULL));
	g_ptr_array_add(fx->rep.sets, logos);
	g_ptr_array_add(fx->rep.sets, other);
	fx->rep.errors = 5;
	fx->rep.warnings = 1;
	fx->rep.infos = 2;
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	fixture *fx = *state;
	g_ptr_array_free(fx->rep.files, TRUE);
	g_ptr_array_free(fx->rep.sets, TRUE);
	al_options_free(fx->opts);
	g_free(fx);
	return 0;
}

/* Runs @w into memory; returns the NUL-terminated output (caller frees). */
static char *render(al_report_writer w, const fixture *fx)
{
	char *buf = NULL;
	size_t len = 0;
	char *err = NULL;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	assert_int_equal(w(&fx->rep, fx->opts, f, 0, &err), AL_OK);
	assert_null(err);
	assert_int_equal(fclose(f), 0);
	assert_true(g_utf8_validate(buf, (gssize)len, NULL));
	assert_int_equal(strlen(buf), len);
	return buf;
}

/* ---- al_text_clean -------------------------------------------------- */

static void test_clean(void **state)
{
	char *s = al_text_clean("a\nb\tc\x1b[31m\x7f\xe9\xe2\x80\xae" "end");
	assert_string_equal(s, "a\\nb\\tc\\x1B[31m\\x7F\xef\xbf\xbd\\u202Eend");
	g_free(s);
	s = al_text_clean(NULL);
	assert_string_equal(s, "");
	g_free(s);
	s = al_text_clean("caf\xc3\xa9 <ok> & \xef\xbf\xbe");
	assert_string_equal(s, "caf\xc3\xa9 <ok> & \\uFFFE");
	g_free(s);
}

/* ---- gcc ---------------------------------------------------------- */

static void test_gcc(void **state)
{
	fixture *fx = *state;
	char *out = render(al_write_gcc, fx);
	char **lines = g_strsplit(out, "\n", -1);

	/* 6 file findings + 2 set findings, then the final empty string */
	assert_int_equal(g_strv_length(lines), 9);
	assert_string_equal(lines[0], "logos/<img src=x onerror=alert(1)>.png:1:1: error: "
	                    "text found: <script>alert(\"x\")</script>\\nsecond line"
	                    "\\x1B[31m [text]");
	assert_string_equal(lines[1], HOSTILE_HTML ":1:1: error: a gradient & more [gradient]");
	assert_string_equal(lines[3], "logos/caf\xef\xbf\xbd #1 50%?.png:1:1: note: "
	                    "info about caf\xef\xbf\xbd [hero-missing]");
	assert_string_equal(lines[4], "logos/two\\nlines.png:1:1: error: white background "
	                    "[background-white]");
	assert_string_equal(lines[5], "logos/Wide 255x115.png:1:1: warning: "
	                    "6 prominent colours (limit 4) [palette]");
	/* set findings: on the set's first file, the set named */
	assert_string_equal(lines[6], HOSTILE_QUOTES ":1:1: error: offer set logos/: "
	                    "missing: large (115x115) [set-incomplete]");
	assert_string_equal(lines[7], HOSTILE_QUOTES ":1:1: note: offer set logos/: "
	                    "no hero image [hero-missing]");
	assert_string_equal(lines[8], "");
	g_strfreev(lines);
	free(out);
}

/* ---- SARIF -------------------------------------------------------- */

static JsonObject *obj_path(JsonObject *o, const char *a, const char *b)
{
	JsonObject *x = json_object_get_object_member(o, a);
	assert_non_null(x);
	if (b) {
		x = json_object_get_object_member(x, b);
		assert_non_null(x);
	}
	return x;
}

static JsonObject *result_at(JsonArray *results, guint i)
{
	assert_true(i < json_array_get_length(results));
	return json_array_get_object_element(results, i);
}

static const char *result_uri(JsonObject *res)
{
	JsonArray *locs = json_object_get_array_member(res, "locations");
	assert_int_equal(json_array_get_length(locs), 1);
	JsonObject *art = obj_path(json_array_get_object_element(locs, 0),
	                           "physicalLocation", "artifactLocation");
	assert_string_equal(json_object_get_string_member(art, "uriBaseId"), "SRCROOT");
	return json_object_get_string_member(art, "uri");
}

static void test_sarif(void **state)
{
	fixture *fx = *state;
	char *out = render(al_write_sarif, fx);
	GError *error = NULL;
	JsonParser *p = json_parser_new();

	assert_true(json_parser_load_from_data(p, out, -1, &error));
	JsonObject *root = json_node_get_object(json_parser_get_root(p));
	assert_string_equal(json_object_get_string_member(root, "version"), "2.1.0");
	assert_true(g_str_has_prefix(json_object_get_string_member(root, "$schema"),
	                             "https://"));
	JsonArray *runs = json_object_get_array_member(root, "runs");
	assert_int_equal(json_array_get_length(runs), 1);
	JsonObject *run = json_array_get_object_element(runs, 0);

	JsonObject *driver = obj_path(run, "tool", "driver");
	assert_string_equal(json_object_get_string_member(driver, "name"), "assetlint");
	assert_string_equal(json_object_get_string_member(driver, "version"), AL_VERSION);
	JsonArray *rules = json_object_get_array_member(driver, "rules");
	int n_rules = 0;
	while (al_rules()[n_rules])
		n_rules++;
	assert_int_equal(json_array_get_length(rules), n_rules);
	for (int i = 0; i < n_rules; i++) {
		JsonObject *r = json_array_get_object_element(rules, i);
		const al_rule *d = al_rules()[i];
		assert_string_equal(json_object_get_string_member(r, "id"), d->id);
		assert_string_equal(json_object_get_string_member(
			obj_path(r, "shortDescription", NULL), "text"), d->summary);
		assert_true(g_str_has_prefix(json_object_get_string_member(
			obj_path(r, "fullDescription", NULL), "text"), d->summary));
		assert_string_equal(json_object_get_string_member(
			obj_path(r, "help", NULL), "text"), d->help);
		const char *lvl = json_object_get_string_member(
			obj_path(r, "defaultConfiguration", NULL), "level");
		const char *want = d->severity == AL_SEV_ERROR ? "error"
			: d->severity == AL_SEV_WARNING ? "warning"
			: d->severity == AL_SEV_INFO ? "note" : "none";
		assert_string_equal(lvl, want);
		JsonObject *th = obj_path(r, "properties", "thresholds");
		assert_int_equal(json_object_get_size(th), d->n_params);
	}

	JsonObject *base = obj_path(run, "originalUriBaseIds", "SRCROOT");
	const char *root_uri = json_object_get_string_member(base, "uri");
	assert_true(g_str_has_prefix(root_uri, "file:///"));
	assert_true(g_str_has_suffix(root_uri, "/"));

	JsonArray *results = json_object_get_array_member(run, "results");
	assert_int_equal(json_array_get_length(results), 8);

	/* first: the text finding on the HTML-named file */
	JsonObject *r0 = result_at(results, 0);
	assert_string_equal(json_object_get_string_member(r0, "ruleId"), "text");
	assert_int_equal(json_object_get_int_member(r0, "ruleIndex"),
	                 al_rule_index(al_rule_find("text")));
	assert_string_equal(json_object_get_string_member(r0, "level"), "error");
	assert_string_equal(json_object_get_string_member(obj_path(r0, "message", NULL), "text"),
	                    "text found: <script>alert(\"x\")</script>\nsecond line\x1b[31m");
	assert_string_equal(result_uri(r0),
	                    "logos/%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E.png");
	JsonObject *px = obj_path(r0, "properties", "pixelRegion");
	assert_int_equal(json_object_get_int_member(px, "x"), 12);
	assert_int_equal(json_object_get_int_member(px, "y"), 4);
	assert_int_equal(json_object_get_int_member(px, "w"), 30);
	assert_int_equal(json_object_get_int_member(px, "h"), 9);
	JsonArray *locs = json_object_get_array_member(r0, "locations");
	JsonObject *region = obj_path(json_array_get_object_element(locs, 0),
	                              "physicalLocation", "region");
	assert_int_equal(json_object_get_int_member(region, "startLine"), 1);

	/* two text findings on one file get different fingerprints */
	const char *fp0 = json_object_get_string_member(
		obj_path(r0, "partialFingerprints", NULL), "primaryLocationLineHash");
	const char *fp2 = json_object_get_string_member(
		obj_path(result_at(results, 2), "partialFingerprints", NULL),
		"primaryLocationLineHash");
	assert_string_not_equal(fp0, fp2);

	assert_string_equal(result_uri(result_at(results, 3)),
	                    "logos/caf%E9%20%231%2050%25%3F.png");
	assert_string_equal(json_object_get_string_member(result_at(results, 3), "level"),
	                    "note");
	assert_string_equal(result_uri(result_at(results, 4)), "logos/two%0Alines.png");
	assert_false(json_object_has_member(result_at(results, 4), "properties"));
	assert_string_equal(json_object_get_string_member(result_at(results, 5), "level"),
	                    "warning");
	/* set findings are placed on the set's first file (code scanning
	 * cannot place a folder), the set named in the message */
	assert_string_equal(json_object_get_string_member(result_at(results, 6), "ruleId"),
	                    "set-incomplete");
	assert_string_equal(result_uri(result_at(results, 6)), "logos/a%22b%27c%26d.png");
	assert_string_equal(result_uri(result_at(results, 7)), "logos/a%22b%27c%26d.png");
	assert_string_equal(json_object_get_string_member(obj_path(result_at(results, 6),
	                    "message", NULL), "text"), "offer set logos/: missing: large (115x115)");

	/* every rule has help in markdown; the run has a category */
	for (int i = 0; i < n_rules; i++) {
		JsonObject *h = obj_path(json_array_get_object_element(rules, i), "help", NULL);
		assert_non_null(strstr(json_object_get_string_member(h, "markdown"), "**Fix:**"));
	}
	assert_string_equal(json_object_get_string_member(
		obj_path(run, "automationDetails", NULL), "id"), "assetlint/");

	g_object_unref(p);
	free(out);
}

static void test_sarif_severity_override(void **state)
{
	fixture *fx = *state;
	char *err = NULL;
	assert_int_equal(al_options_set_severity(fx->opts, "palette", AL_SEV_OFF, &err), AL_OK);
	char *out = render(al_write_sarif, fx);
	JsonParser *p = json_parser_new();
	assert_true(json_parser_load_from_data(p, out, -1, NULL));
	JsonObject *run = json_array_get_object_element(json_object_get_array_member(
		json_node_get_object(json_parser_get_root(p)), "runs"), 0);
	JsonArray *rules = json_object_get_array_member(obj_path(run, "tool", "driver"), "rules");
	JsonObject *cfg = obj_path(json_array_get_object_element(rules,
		al_rule_index(al_rule_find("palette"))), "defaultConfiguration", NULL);
	assert_string_equal(json_object_get_string_member(cfg, "level"), "none");
	assert_false(json_object_get_boolean_member(cfg, "enabled"));
	g_object_unref(p);
	free(out);
}

static void test_sarif_absolute_and_dot(void **state)
{
	al_report rep = { .profile = "cpp-2020" };
	al_options *opts = al_options_new();
	rep.files = g_ptr_array_new_with_free_func((GDestroyNotify)file_free);
	rep.sets = g_ptr_array_new_with_free_func((GDestroyNotify)set_free);
	al_file_result *f = file_new("/abs/dir x/Logo.png", "/abs/dir x");
	g_ptr_array_add(f->findings, finding("dimensions", AL_SEV_ERROR, "size", NULL));
	g_ptr_array_add(rep.files, f);
	al_set_result *s = set_new(".");
	g_ptr_array_add(s->findings, finding("set-incomplete", AL_SEV_ERROR, "missing", NULL));
	g_ptr_array_add(rep.sets, s);

	char *buf = NULL;
	size_t len = 0;
	char *err = NULL;
	FILE *out = open_memstream(&buf, &len);
	assert_int_equal(al_write_sarif(&rep, opts, out, 0, &err), AL_OK);
	fclose(out);
	JsonParser *p = json_parser_new();
	assert_true(json_parser_load_from_data(p, buf, -1, NULL));
	JsonObject *run = json_array_get_object_element(json_object_get_array_member(
		json_node_get_object(json_parser_get_root(p)), "runs"), 0);
	JsonArray *results = json_object_get_array_member(run, "results");
	JsonObject *art = obj_path(json_array_get_object_element(json_object_get_array_member(
		result_at(results, 0), "locations"), 0), "physicalLocation", "artifactLocation");
	assert_string_equal(json_object_get_string_member(art, "uri"),
	                    "file:///abs/dir%20x/Logo.png");
	assert_false(json_object_has_member(art, "uriBaseId"));
	assert_string_equal(result_uri(result_at(results, 1)), "./");

	g_object_unref(p);
	free(buf);
	g_ptr_array_free(rep.files, TRUE);
	g_ptr_array_free(rep.sets, TRUE);
	al_options_free(opts);
}

/* ---- JUnit -------------------------------------------------------- */

/* What the GMarkup parser saw: it refuses malformed XML, and gives
 * attribute values unescaped. */
typedef struct {
	int suites, cases, failures, properties;
	GPtrArray *suite_attrs;   /* "tests/failures" per suite */
	GPtrArray *case_names;    /* "classname|name" */
	GPtrArray *failure_types;
	GString *sysout;
	GString *failure_text;
	bool in_sysout, in_failure;
	const char *order;        /* last top-level child seen inside a suite */
	bool order_ok;
} junit_seen;

static const char *attr(const char **names, const char **values, const char *n)
{
	for (int i = 0; names[i]; i++)
		if (strcmp(names[i], n) == 0)
			return values[i];
	return NULL;
}

static void j_start(GMarkupParseContext *ctx, const char *el, const char **an,
                    const char **av, gpointer data, GError **error)
{
	junit_seen *s = data;
	if (strcmp(el, "testsuite") == 0) {
		s->suites++;
		s->order = "start";
		for (const char *const *k = (const char *const[]){ "name", "package", "id",
		         "tests", "failures", "errors", "time", "timestamp", "hostname", NULL };
		     *k; k++)
			if (!attr(an, av, *k))
				s->order_ok = false;
		g_ptr_array_add(s->suite_attrs, g_strdup_printf("%s %s/%s", attr(an, av, "name"),
		                attr(an, av, "tests"), attr(an, av, "failures")));
	} else if (strcmp(el, "properties") == 0) {
		s->order_ok &= strcmp(s->order, "start") == 0;
		s->order = "properties";
	} else if (strcmp(el, "property") == 0) {
		s->properties++;
	} else if (strcmp(el, "testcase") == 0) {
		s->order_ok &= strcmp(s->order, "properties") == 0 ||
		               strcmp(s->order, "testcase") == 0;
		s->order = "testcase";
		s->cases++;
		s->order_ok &= attr(an, av, "time") != NULL;
		g_ptr_array_add(s->case_names, g_strdup_printf("%s|%s",
		                attr(an, av, "classname"), attr(an, av, "name")));
	} else if (strcmp(el, "failure") == 0) {
		s->failures++;
		s->in_failure = true;
		g_ptr_array_add(s->failure_types, g_strdup_printf("%s|%s",
		                attr(an, av, "type"), attr(an, av, "message")));
	} else if (strcmp(el, "system-out") == 0) {
		s->order_ok &= strcmp(s->order, "properties") == 0 ||
		               strcmp(s->order, "testcase") == 0;
		s->order = "system-out";
		s->in_sysout = true;
	} else if (strcmp(el, "system-err") == 0) {
		s->order_ok &= strcmp(s->order, "system-out") == 0;
		s->order = "system-err";
	}
}

static void j_end(GMarkupParseContext *ctx, const char *el, gpointer data, GError **error)
{
	junit_seen *s = data;
	if (strcmp(el, "system-out") == 0)
		s->in_sysout = false;
	if (strcmp(el, "failure") == 0)
		s->in_failure = false;
}

static void j_text(GMarkupParseContext *ctx, const char *text, gsize len,
                   gpointer data, GError **error)
{
	junit_seen *s = data;
	if (s->in_sysout)
		g_string_append_len(s->sysout, text, (gssize)len);
	if (s->in_failure)
		g_string_append_len(s->failure_text, text, (gssize)len);
}

static void junit_parse(const char *xml, junit_seen *s)
{
	static const GMarkupParser parser = { j_start, j_end, j_text, NULL, NULL };
	GError *error = NULL;
	memset(s, 0, sizeof *s);
	s->order_ok = true;
	s->order = "";
	s->suite_attrs = g_ptr_array_new_with_free_func(g_free);
	s->case_names = g_ptr_array_new_with_free_func(g_free);
	s->failure_types = g_ptr_array_new_with_free_func(g_free);
	s->sysout = g_string_new(NULL);
	s->failure_text = g_string_new(NULL);
	GMarkupParseContext *ctx = g_markup_parse_context_new(&parser, 0, s, NULL);
	gboolean ok = g_markup_parse_context_parse(ctx, xml, -1, &error) &&
	              g_markup_parse_context_end_parse(ctx, &error);
	if (!ok)
		fail_msg("JUnit output does not parse: %s", error->message);
	g_markup_parse_context_free(ctx);
}

static void junit_seen_clear(junit_seen *s)
{
	g_ptr_array_free(s->suite_attrs, TRUE);
	g_ptr_array_free(s->case_names, TRUE);
	g_ptr_array_free(s->failure_types, TRUE);
	g_string_free(s->sysout, TRUE);
	g_string_free(s->failure_text, TRUE);
}

/* XML 1.0 forbids C0 controls but tab, LF, CR — and so does &#x1B; */
static bool xml_chars_ok(const char *x)
{
	for (const unsigned char *p = (const unsigned char *)x; *p; p++)
		if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
			return false;
	return strstr(x, "&#x1") == NULL && strstr(x, "&#1;") == NULL;
}

static void test_junit(void **state)
{
	fixture *fx = *state;
	char *out = render(al_write_junit, fx);
	junit_seen s;

	assert_true(g_str_has_prefix(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>"));
	assert_true(xml_chars_ok(out));
	assert_null(strstr(out, "<img"));
	assert_null(strstr(out, "<script"));
	assert_non_null(strstr(out, "a&quot;b&apos;c&amp;d.png"));
	junit_parse(out, &s);
	assert_true(s.order_ok);
	assert_int_equal(s.suites, 2);
	/* logos: 5 files + the set's own testcase; other dir: 1 + 1 */
	assert_int_equal(s.cases, 8);
	assert_string_equal(g_ptr_array_index(s.suite_attrs, 0), "logos 6/3");
	assert_string_equal(g_ptr_array_index(s.suite_attrs, 1), "other dir 2/0");
	assert_int_equal(s.properties, 6);   /* tool, profile, config per suite */
	assert_string_equal(g_ptr_array_index(s.case_names, 0), "logos|a\"b'c&d.png");
	assert_string_equal(g_ptr_array_index(s.case_names, 1),
	                    "logos|<img src=x onerror=alert(1)>.png");
	assert_string_equal(g_ptr_array_index(s.case_names, 2),
	                    "logos|caf\xef\xbf\xbd #1 50%?.png");
	assert_string_equal(g_ptr_array_index(s.case_names, 3), "logos|two\\nlines.png");
	assert_string_equal(g_ptr_array_index(s.case_names, 5), "logos|logos/");
	assert_string_equal(g_ptr_array_index(s.case_names, 7), "other dir|other dir/");
	/* one failure element for the three errors of the HTML-named file */
	assert_int_equal(s.failures, 3);
	assert_string_equal(g_ptr_array_index(s.failure_types, 0),
	                    "text gradient|text: text found: <script>alert(\"x\")</script>"
	                    "\\nsecond line\\x1B[31m (and 2 more)");
	assert_string_equal(g_ptr_array_index(s.failure_types, 1),
	                    "background-white|background-white: white background");
	assert_string_equal(g_ptr_array_index(s.failure_types, 2),
	                    "set-incomplete|set-incomplete: missing: large (115x115)");
	assert_non_null(strstr(s.failure_text->str,
	                "error: a gradient & more [gradient] (region x=0 y=0 w=255 h=115)\n"
	                "error: second text line [text]"));
	/* the warning and the infos are in system-out, one line each */
	assert_non_null(strstr(s.sysout->str, "logos/Wide 255x115.png: warning: "
	                       "6 prominent colours (limit 4) [palette]\n"));
	assert_non_null(strstr(s.sysout->str, "logos: info: no hero image [hero-missing]\n"));
	assert_non_null(strstr(s.sysout->str, "caf\xef\xbf\xbd #1 50%?.png: info: "));
	junit_seen_clear(&s);
	free(out);
}

static void test_junit_strict(void **state)
{
	fixture *fx = *state;
	junit_seen s;
	al_options_set_strict(fx->opts, 1);
	char *out = render(al_write_junit, fx);
	junit_parse(out, &s);
	assert_string_equal(g_ptr_array_index(s.suite_attrs, 0), "logos 6/4");
	assert_null(strstr(s.sysout->str, "[palette]"));
	assert_non_null(strstr(s.sysout->str, "[hero-missing]"));
	junit_seen_clear(&s);
	free(out);
}

static void test_junit_timestamp(void **state)
{
	fixture *fx = *state;
	g_setenv("SOURCE_DATE_EPOCH", "1700000000", TRUE);
	char *out = render(al_write_junit, fx);
	g_unsetenv("SOURCE_DATE_EPOCH");
	assert_non_null(strstr(out, "timestamp=\"2023-11-14T22:13:20\""));
	free(out);
}

/* ---- SARIF: helpUri, --max-results, numbers ------------------------- */

static JsonNode *parse(const char *text, JsonParser **p)
{
	*p = json_parser_new();
	assert_true(json_parser_load_from_data(*p, text, -1, NULL));
	return json_parser_get_root(*p);
}

static void test_sarif_max_results(void **state)
{
	fixture *fx = *state;
	JsonParser *p = NULL;
	al_options_set_max_results(fx->opts, 6);
	al_options_set_doc_url(fx->opts, "https://example.org/assetlint#rules");
	char *out = render(al_write_sarif, fx);
	JsonObject *run = json_array_get_object_element(json_object_get_array_member(
		json_node_get_object(parse(out, &p)), "runs"), 0);
	JsonArray *results = json_object_get_array_member(run, "results");
	/* 5 errors and the warning kept, the 2 infos dropped and said */
	assert_int_equal(json_array_get_length(results), 6);
	for (guint i = 0; i < 6; i++)
		assert_string_not_equal(json_object_get_string_member(result_at(results, i),
		                        "level"), "note");
	JsonObject *inv = json_array_get_object_element(
		json_object_get_array_member(run, "invocations"), 0);
	JsonObject *note = json_array_get_object_element(
		json_object_get_array_member(inv, "toolExecutionNotifications"), 0);
	assert_string_equal(json_object_get_string_member(obj_path(note, "message", NULL), "text"),
	                    "--max-results 6: left out 2 findings (2 infos; the most severe "
	                    "are kept, in path order); the JSON report lists them all");
	assert_int_equal(json_object_get_int_member(obj_path(run, "properties", NULL),
	                 "droppedResults"), 2);
	JsonObject *rule0 = json_array_get_object_element(json_object_get_array_member(
		obj_path(run, "tool", "driver"), "rules"), 0);
	assert_string_equal(json_object_get_string_member(rule0, "helpUri"),
	                    "https://example.org/assetlint#rules");
	g_object_unref(p);
	free(out);

	/* fewer than the errors: the first errors in path order */
	al_options_set_max_results(fx->opts, 2);
	out = render(al_write_sarif, fx);
	run = json_array_get_object_element(json_object_get_array_member(
		json_node_get_object(parse(out, &p)), "runs"), 0);
	results = json_object_get_array_member(run, "results");
	assert_int_equal(json_array_get_length(results), 2);
	assert_string_equal(json_object_get_string_member(result_at(results, 1), "ruleId"),
	                    "gradient");
	g_object_unref(p);
	free(out);
}

/* json-glib prints 0.6 as 0.59999999999999998: every JSON writer gives the
 * shortest text that reads back to the same double. */
static void test_json_numbers(void **state)
{
	fixture *fx = *state;
	al_file_result *c = g_ptr_array_index(fx->rep.files, 1);
	al_finding *f = g_ptr_array_index(c->findings, 0);
	f->has_measured = true;
	f->measured = 0.6;
	f->limit = 0.9333;
	c->bg_kind = AL_BG_COLOR;
	c->bg_coverage = 0.1 + 0.2;   /* 0.30000000000000004 */
	al_report_writer writers[] = { al_write_json, al_write_sarif };
	for (unsigned i = 0; i < G_N_ELEMENTS(writers); i++) {
		char *out = render(writers[i], fx);
		assert_non_null(strstr(out, ": 0.6"));
		assert_non_null(strstr(out, ": 0.9333"));
		assert_null(strstr(out, "0.59999"));
		assert_null(strstr(out, "0.93330000"));
		/* a string that looks like a number is left alone */
		assert_null(strstr(out, "\"0.6\""));
		JsonParser *p = NULL;
		parse(out, &p);
		g_object_unref(p);
		free(out);
	}
	char *out = render(al_write_json, fx);
	/* rounded to four decimals first: 0.3 */
	assert_non_null(strstr(out, "\"coverage\" : 0.3\n"));
	free(out);
}

/* ---- GitHub workflow commands ---------------------------------------- */

static void test_github(void **state)
{
	fixture *fx = *state;
	al_file_result *d = g_ptr_array_index(fx->rep.files, 4);
	g_free(d->path);
	d->path = g_strdup("logos/a,b:c%.png");
	char *out = render(al_write_github, fx);
	char **lines = g_strsplit(out, "\n", -1);
	assert_int_equal(g_strv_length(lines), 9);
	assert_string_equal(lines[0], "::error file=logos/<img src=x onerror=alert(1)>.png,"
	                    "line=1,col=1,title=assetlint text::text found: "
	                    "<script>alert(\"x\")</script>\\nsecond line\\x1B[31m");
	assert_string_equal(lines[3], "::notice file=logos/caf\xef\xbf\xbd #1 50%25?.png,"
	                    "line=1,col=1,title=assetlint hero-missing::info about caf\xef\xbf\xbd");
	/* properties escape , and : as well; the message only % */
	assert_string_equal(lines[5], "::warning file=logos/a%2Cb%3Ac%25.png,line=1,col=1,"
	                    "title=assetlint palette::6 prominent colours (limit 4)");
	assert_string_equal(lines[6], "::error file=" HOSTILE_QUOTES ",line=1,col=1,"
	                    "title=assetlint set-incomplete::offer set logos/: missing: large (115x115)");
	for (int i = 0; lines[i] && lines[i][0]; i++)
		assert_null(strchr(lines[i], '\x1b'));
	g_strfreev(lines);
	free(out);

	al_options_set_max_results(fx->opts, 1);
	out = render(al_write_github, fx);
	lines = g_strsplit(out, "\n", -1);
	assert_int_equal(g_strv_length(lines), 3);
	assert_true(g_str_has_prefix(lines[1], "::warning title=assetlint::--max-results 1: "
	                             "left out 7 findings (4 errors, 1 warning, 2 infos;"));
	g_strfreev(lines);
	free(out);
}

/* ---- GitLab Code Quality ---------------------------------------------- */

static void test_gitlab(void **state)
{
	fixture *fx = *state;
	JsonParser *p = NULL;
	char *out = render(al_write_gitlab, fx);
	JsonArray *issues = json_node_get_array(parse(out, &p));
	assert_int_equal(json_array_get_length(issues), 8);
	GHashTable *fps = g_hash_table_new(g_str_hash, g_str_equal);
	for (guint i = 0; i < 8; i++) {
		JsonObject *o = json_array_get_object_element(issues, i);
		const char *fp = json_object_get_string_member(o, "fingerprint");
		assert_int_equal(strlen(fp), 32);
		assert_false(g_hash_table_contains(fps, fp));
		g_hash_table_add(fps, (gpointer)fp);
		assert_non_null(json_object_get_string_member(o, "description"));
		assert_non_null(json_object_get_string_member(o, "check_name"));
		JsonObject *loc = json_object_get_object_member(o, "location");
		assert_non_null(json_object_get_string_member(loc, "path"));
		assert_int_equal(json_object_get_int_member(
			json_object_get_object_member(loc, "lines"), "begin"), 1);
	}
	JsonObject *o0 = json_array_get_object_element(issues, 0);
	assert_string_equal(json_object_get_string_member(o0, "check_name"), "text");
	assert_string_equal(json_object_get_string_member(o0, "severity"), "major");
	assert_string_equal(json_object_get_string_member(
		json_array_get_object_element(issues, 5), "severity"), "minor");
	assert_string_equal(json_object_get_string_member(
		json_array_get_object_element(issues, 3), "severity"), "info");
	JsonObject *o6 = json_array_get_object_element(issues, 6);
	assert_string_equal(json_object_get_string_member(
		json_object_get_object_member(o6, "location"), "path"), "logos/a\"b'c&d.png");

	/* stable: the same report gives the same fingerprints; the message
	 * (its measured value) does not enter them */
	char *fp0 = g_strdup(json_object_get_string_member(o0, "fingerprint"));
	g_hash_table_destroy(fps);
	g_object_unref(p);
	free(out);
	al_file_result *c = g_ptr_array_index(fx->rep.files, 1);
	al_finding *f = g_ptr_array_index(c->findings, 0);
	g_free(f->message);
	f->message = g_strdup("text found: other words");
	out = render(al_write_gitlab, fx);
	issues = json_node_get_array(parse(out, &p));
	assert_string_equal(json_object_get_string_member(
		json_array_get_object_element(issues, 0), "fingerprint"), fp0);
	g_free(fp0);
	g_object_unref(p);
	free(out);
}

/* ---- write failures --------------------------------------------------- */

static void test_write_error(void **state)
{
	fixture *fx = *state;
	al_report_writer writers[] = { al_write_gcc, al_write_sarif, al_write_junit,
	                        al_write_github, al_write_gitlab, al_write_json };
	for (unsigned i = 0; i < G_N_ELEMENTS(writers); i++) {
		char buf[32];
		char *err = NULL;
		FILE *f = fmemopen(buf, sizeof buf, "w");
		assert_non_null(f);
		setvbuf(f, NULL, _IONBF, 0);
		assert_int_equal(writers[i](&fx->rep, fx->opts, f, 0, &err), AL_ERR_IO);
		assert_non_null(err);
		g_free(err);
		fclose(f);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clean),
		cmocka_unit_test_setup_teardown(test_gcc, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sarif, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sarif_severity_override, setup, teardown),
		cmocka_unit_test(test_sarif_absolute_and_dot),
		cmocka_unit_test_setup_teardown(test_sarif_max_results, setup, teardown),
		cmocka_unit_test_setup_teardown(test_json_numbers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_github, setup, teardown),
		cmocka_unit_test_setup_teardown(test_gitlab, setup, teardown),
		cmocka_unit_test_setup_teardown(test_junit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_junit_strict, setup, teardown),
		cmocka_unit_test_setup_teardown(test_junit_timestamp, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_error, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
