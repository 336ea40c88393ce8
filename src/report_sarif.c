/* SARIF 2.1.0 report for code scanning (GitHub and other SARIF viewers),
 * built as a tree (json.h) so that every string is escaped in one place. */
#include <errno.h>
#include <math.h>
#include <string.h>
#include "json.h"
#include "al_internal.h"

#define SARIF_SCHEMA "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
#define SRCROOT "SRCROOT"

static void add_str(al_jb *b, const char *key, const char *val)
{
	char *valid = g_utf8_make_valid(val ? val : "", -1);
	al_jb_set_member_name(b, key);
	al_jb_add_string_value(b, valid);
	g_free(valid);
}

static void add_int(al_jb *b, const char *key, gint64 v)
{
	al_jb_set_member_name(b, key);
	al_jb_add_int_value(b, v);
}

/* NaN and infinities have no JSON spelling: such a value is left out. */
static void add_double(al_jb *b, const char *key, double v)
{
	if (!isfinite(v))
		return;
	al_jb_set_member_name(b, key);
	al_jb_add_double_value(b, v);
}

/* {"text": @text} — SARIF's message and multiformatMessageString. */
static void add_text(al_jb *b, const char *key, const char *text)
{
	al_jb_set_member_name(b, key);
	al_jb_begin_object(b);
	add_str(b, "text", text);
	al_jb_end_object(b);
}

static const char *sarif_level(al_severity sev)
{
	switch (sev) {
	case AL_SEV_ERROR: return "error";
	case AL_SEV_WARNING: return "warning";
	case AL_SEV_INFO: return "note";
	case AL_SEV_OFF: break;
	}
	return "none";
}

/* "background-white" -> "BackgroundWhite": SARIF's rule name convention. */
static char *rule_name(const char *id)
{
	GString *s = g_string_new(NULL);
	bool up = true;
	for (const char *p = id; *p; p++) {
		if (*p == '-' || *p == '_') {
			up = true;
			continue;
		}
		g_string_append_c(s, up ? g_ascii_toupper(*p) : *p);
		up = false;
	}
	return g_string_free(s, FALSE);
}

/* URI reference of @path for SARIF.  A path inside the repository
 * (al_repo_root, given relative or absolute) becomes a relative reference
 * resolved against SRCROOT, the repository root, so code scanning places
 * it; every byte but unreserved characters and '/' is percent-encoded, so
 * spaces, '%', '#', '?', ':' (which would read as a scheme) and non-UTF-8
 * bytes all survive.  A path outside it becomes a file: URI.  @dir
 * appends '/' (a folder).  *@rel tells whether the result needs uriBaseId.
 * Caller g_free()s. */
static char *path_uri(const char *root, const char *path, bool dir, bool *rel)
{
	char *uri = NULL;
	char *relpath = al_repo_relpath(root, path ? path : "");

	*rel = relpath != NULL;
	if (*rel) {
		uri = g_uri_escape_string(relpath, "/", FALSE);
	} else {
		char *abs = g_canonicalize_filename(path, NULL);
		uri = g_filename_to_uri(abs, NULL, NULL);
		if (!uri) { /* not expected for an absolute path; stay a valid URI */
			char *esc = g_uri_escape_string(abs, "/", FALSE);
			uri = g_strconcat("file://", esc, NULL);
			g_free(esc);
		}
		g_free(abs);
	}
	if (*rel && uri[0] == '\0') {
		/* the root itself; "/" would mean the file system's root */
		g_free(uri);
		uri = g_strdup("./");
	} else if (dir && !g_str_has_suffix(uri, "/")) {
		char *t = g_strconcat(uri, "/", NULL);
		g_free(uri);
		uri = t;
	}
	g_free(relpath);
	return uri;
}

/* Summary plus every threshold with its value in this run, default and
 * range: what a reader of an alert needs to judge it. */
static void end_sentence(GString *s)
{
	if (s->len && s->str[s->len - 1] != '.')
		g_string_append_c(s, '.');
}

static char *full_description(const al_rule *r, const al_options *opts)
{
	GString *s = g_string_new(r->summary);
	end_sentence(s);
	for (int i = 0; i < r->n_params; i++) {
		const al_param *p = &r->params[i];
		g_string_append_printf(s, "%s %s.%s = %g (default %g, range %g..%g): %s",
		                       i == 0 ? " Thresholds:" : "", r->id, p->name,
		                       al_param_get(opts, r, p->name), p->def, p->min,
		                       p->max, p->doc ? p->doc : "");
		end_sentence(s);
	}
	return g_string_free(s, FALSE);
}

/* The rule's help for code scanning's alert page: what it flags, how to
 * fix it, and its thresholds in this run as a table.  Caller g_free()s. */
static char *help_markdown(const al_rule *r, const al_options *opts)
{
	GString *s = g_string_new(NULL);
	g_string_append_printf(s, "**%s** (`%s`, %s by default)\n\n%s\n\n**Fix:** %s\n",
	                       r->summary, r->id, al_severity_name(r->severity),
	                       r->stage == AL_STAGE_SET
	                       ? "A set rule: it judges the images of one offer folder together."
	                       : "An image rule: it judges each file on its own.",
	                       r->help);
	if (r->n_params > 0) {
		g_string_append(s, "\n| threshold | value | default | range | meaning |\n"
		                   "|---|---|---|---|---|\n");
		for (int i = 0; i < r->n_params; i++) {
			const al_param *p = &r->params[i];
			g_string_append_printf(s, "| `%s.%s` | %g | %g | %g..%g | %s |\n", r->id,
			                       p->name, al_param_get(opts, r, p->name), p->def,
			                       p->min, p->max, p->doc ? p->doc : "");
		}
	}
	g_string_append_printf(s, "\nSee `man assetlint`, section RULES, and "
	                          "`assetlint --list-rules`.%s%s%s\n",
	                       opts->doc_url ? " Documentation: <" : "",
	                       opts->doc_url ? opts->doc_url : "", opts->doc_url ? ">" : "");
	return g_string_free(s, FALSE);
}

static void add_rule(al_jb *b, const al_rule *r, const al_options *opts)
{
	al_severity sev = al_rule_severity(opts, r);
	char *name = rule_name(r->id);
	char *full = full_description(r, opts);
	char *help_md = help_markdown(r, opts);

	al_jb_begin_object(b);
	add_str(b, "id", r->id);
	add_str(b, "name", name);
	add_text(b, "shortDescription", r->summary);
	add_text(b, "fullDescription", full);
	al_jb_set_member_name(b, "help");
	al_jb_begin_object(b);
	add_str(b, "text", r->help);
	add_str(b, "markdown", help_md);
	al_jb_end_object(b);
	if (opts->doc_url)
		add_str(b, "helpUri", opts->doc_url);
	al_jb_set_member_name(b, "defaultConfiguration");
	al_jb_begin_object(b);
	add_str(b, "level", sarif_level(sev));
	if (sev == AL_SEV_OFF) {
		al_jb_set_member_name(b, "enabled");
		al_jb_add_boolean_value(b, FALSE);
	}
	al_jb_end_object(b);
	al_jb_set_member_name(b, "properties");
	al_jb_begin_object(b);
	al_jb_set_member_name(b, "tags");
	al_jb_begin_array(b);
	al_jb_add_string_value(b, r->stage == AL_STAGE_SET ? "set" : "image");
	al_jb_end_array(b);
	al_jb_set_member_name(b, "thresholds");
	al_jb_begin_object(b);
	for (int i = 0; i < r->n_params; i++) {
		char *key = g_strconcat(r->id, ".", r->params[i].name, NULL);
		add_double(b, key, al_param_get(opts, r, r->params[i].name));
		g_free(key);
	}
	al_jb_end_object(b);
	al_jb_end_object(b);
	al_jb_end_object(b);
	g_free(help_md);
	g_free(full);
	g_free(name);
}

/* One result at @uri.  @key: what the fingerprint is computed from (the
 * URI; for a set finding its folder's, so that the alert keeps its
 * identity when the set's first file changes). */
static void add_result(al_writer *w, const al_finding *f, const char *message,
                       const char *uri, bool rel, const char *key, int nth)
{
	const al_rule *r = al_rule_find(f->rule);
	char *fp = al_fingerprint(f->rule, key, nth);
	al_jb *b = al_jb_new();

	al_jb_begin_object(b);
	add_str(b, "ruleId", f->rule);
	if (r)
		add_int(b, "ruleIndex", al_rule_index(r));
	add_str(b, "level", sarif_level(f->severity));
	add_text(b, "message", message);
	al_jb_set_member_name(b, "locations");
	al_jb_begin_array(b);
	al_jb_begin_object(b);
	al_jb_set_member_name(b, "physicalLocation");
	al_jb_begin_object(b);
	al_jb_set_member_name(b, "artifactLocation");
	al_jb_begin_object(b);
	add_str(b, "uri", uri);
	if (rel)
		add_str(b, "uriBaseId", SRCROOT);
	al_jb_end_object(b);
	/* GitHub code scanning needs region.startLine to place an alert, but
	 * SARIF regions count text lines and an image has none: the alert is
	 * anchored at the artifact's start and the pixel box travels in
	 * properties.pixelRegion. */
	al_jb_set_member_name(b, "region");
	al_jb_begin_object(b);
	add_int(b, "startLine", 1);
	al_jb_end_object(b);
	al_jb_end_object(b);
	al_jb_end_object(b);
	al_jb_end_array(b);
	al_jb_set_member_name(b, "partialFingerprints");
	al_jb_begin_object(b);
	add_str(b, "primaryLocationLineHash", fp);
	al_jb_end_object(b);
	if (f->has_region || f->has_measured) {
		al_jb_set_member_name(b, "properties");
		al_jb_begin_object(b);
		if (f->has_region) {
			al_jb_set_member_name(b, "pixelRegion");
			al_jb_begin_object(b);
			add_int(b, "x", f->region.x);
			add_int(b, "y", f->region.y);
			add_int(b, "w", f->region.w);
			add_int(b, "h", f->region.h);
			al_jb_end_object(b);
		}
		if (f->has_measured) {
			/* four decimals, as in the JSON report */
			add_double(b, "measured", round(f->measured * 1e4) / 1e4);
			add_double(b, "limit", round(f->limit * 1e4) / 1e4);
		}
		al_jb_end_object(b);
	}
	al_jb_end_object(b);
	/* an item of runs[0].results: four levels deep */
	al_jnode *node = al_jb_get_root(b);
	char *text = al_json_text(node, 4);
	al_writer_puts(w, f->severity, text);
	g_free(text);
	al_jnode_unref(node);
	al_jb_free(b);
	g_free(fp);
}

/* Results of one file, or of a set (@set: placed on its first file, the
 * set named in the message). */
static void add_results(al_writer *w, const char *root,
                        const char *path, const al_set_result *set,
                        GPtrArray *findings)
{
	if (!findings || findings->len == 0)
		return;
	bool rel = false, krel = false;
	char *uri = path_uri(root, set ? al_set_anchor(set) : path, false, &rel);
	char *key = set ? path_uri(root, set->path, true, &krel) : g_strdup(uri);
	GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
	for (guint i = 0; i < findings->len; i++) {
		const al_finding *f = g_ptr_array_index(findings, i);
		int nth = GPOINTER_TO_INT(g_hash_table_lookup(seen, f->rule));
		g_hash_table_insert(seen, (gpointer)f->rule, GINT_TO_POINTER(nth + 1));
		char *msg = set ? al_set_message(set, f) : g_strdup(f->message);
		add_result(w, f, msg, uri, rel, key, nth);
		g_free(msg);
	}
	g_hash_table_destroy(seen);
	g_free(key);
	g_free(uri);
}

/* file:///…/ of the repository root: what SRCROOT-relative URIs resolve
 * against.  Caller g_free()s. */
static char *srcroot_uri(const char *root)
{
	char *uri = g_filename_to_uri(root, NULL, NULL);
	char *res = NULL;
	if (!uri)
		uri = g_strdup("file:///");
	res = g_str_has_suffix(uri, "/") ? g_strdup(uri) : g_strconcat(uri, "/", NULL);
	g_free(uri);
	return res;
}

/* The log around the results: the tool and its rules, the base URI, the
 * results slot, the invocation (what --max-results left out, known at the
 * end) and the run's properties. */
static al_jnode *build(const al_writer *w, const al_budget *budget)
{
	const al_options *opts = w->opts;
	al_jb *b = al_jb_new();
	const al_rule *const *rules = al_rules();
	char *repo = al_repo_root();
	char *root = srcroot_uri(repo);

	al_jb_begin_object(b);
	add_str(b, "$schema", SARIF_SCHEMA);
	add_str(b, "version", "2.1.0");
	al_jb_set_member_name(b, "runs");
	al_jb_begin_array(b);
	al_jb_begin_object(b);

	al_jb_set_member_name(b, "tool");
	al_jb_begin_object(b);
	al_jb_set_member_name(b, "driver");
	al_jb_begin_object(b);
	add_str(b, "name", "assetlint");
	add_str(b, "version", AL_VERSION);
	add_str(b, "semanticVersion", AL_VERSION);
	al_jb_set_member_name(b, "rules");
	al_jb_begin_array(b);
	for (int i = 0; rules[i]; i++)
		add_rule(b, rules[i], opts);
	al_jb_end_array(b);
	al_jb_end_object(b);
	al_jb_end_object(b);

	al_jb_set_member_name(b, "originalUriBaseIds");
	al_jb_begin_object(b);
	al_jb_set_member_name(b, SRCROOT);
	al_jb_begin_object(b);
	add_str(b, "uri", root);
	al_jb_end_object(b);
	al_jb_end_object(b);

	/* GitHub keeps one analysis per category: the part before the last
	 * '/'.  upload-sarif's "category" input overrides it. */
	al_jb_set_member_name(b, "automationDetails");
	al_jb_begin_object(b);
	add_str(b, "id", "assetlint/");
	al_jb_end_object(b);

	al_jb_set_member_name(b, "results");
	al_jb_add_value(b, al_json_slot(0));

	/* What --max-results left out is said where a reader of the log and
	 * code scanning's tool status page look: the invocation. */
	al_jb_set_member_name(b, "invocations");
	al_jb_begin_array(b);
	al_jb_begin_object(b);
	al_jb_set_member_name(b, "executionSuccessful");
	al_jb_add_boolean_value(b, TRUE);
	if (al_budget_dropped(budget) > 0) {
		char *why = al_budget_describe(budget, opts->max_results);
		al_jb_set_member_name(b, "toolExecutionNotifications");
		al_jb_begin_array(b);
		al_jb_begin_object(b);
		add_str(b, "level", "warning");
		add_text(b, "message", why);
		al_jb_set_member_name(b, "descriptor");
		al_jb_begin_object(b);
		add_str(b, "id", "max-results");
		al_jb_end_object(b);
		al_jb_end_object(b);
		al_jb_end_array(b);
		g_free(why);
	}
	al_jb_end_object(b);
	al_jb_end_array(b);

	al_jb_set_member_name(b, "properties");
	al_jb_begin_object(b);
	add_str(b, "profile", w->profile ? w->profile : "");
	al_jb_set_member_name(b, "config");   /* the file used, or null */
	if (w->config)
		al_jb_add_string_value(b, w->config);
	else
		al_jb_add_null_value(b);
	if (opts->max_results >= 0) {
		add_int(b, "maxResults", opts->max_results);
		add_int(b, "droppedResults", al_budget_dropped(budget));
	}
	al_jb_end_object(b);

	al_jb_end_object(b);
	al_jb_end_array(b);
	al_jb_end_object(b);

	al_jnode *root_node = al_jb_get_root(b);
	al_jb_free(b);
	g_free(root);
	g_free(repo);
	return root_node;
}

static al_status sarif_head(al_writer *w)
{
	char *parts[2], *closes[1];
	al_budget none = { .unlimited = true };
	al_jnode *root = build(w, &none);
	al_json_split(root, 1, parts, closes);
	al_jnode_unref(root);
	fputs(parts[0], w->out);
	g_free(parts[0]);
	g_free(parts[1]);
	g_free(closes[0]);
	w->state = al_repo_root();
	al_writer_set_items(w, "\n", ",\n");
	return AL_OK;
}

static void sarif_file(al_writer *w, const al_file_result *r)
{
	add_results(w, w->state, r->path, NULL, r->findings);
}

static void sarif_set(al_writer *w, const al_set_result *s)
{
	add_results(w, w->state, s->path, s, s->findings);
}

static al_status sarif_tail(al_writer *w)
{
	char *parts[2], *closes[1];
	al_writer_flush_files(w);
	al_writer_flush_sets(w);
	al_jnode *root = build(w, &w->budget);
	al_json_split(root, 1, parts, closes);
	al_jnode_unref(root);
	fputs(w->n_items ? closes[0] : "]", w->out);
	fputs(parts[1], w->out);
	g_free(parts[0]);
	g_free(parts[1]);
	g_free(closes[0]);
	return w->st;
}

static void sarif_free(al_writer *w)
{
	g_free(w->state);
}

/* A SARIF 2.1.0 log: results written as they come (files), then the
 * sets' and the end. */
const al_report_class al_format_sarif = {
	.head = sarif_head,
	.file = sarif_file,
	.set = sarif_set,
	.tail = sarif_tail,
	.free_state = sarif_free,
	.budgeted = true,
};

al_status al_write_sarif(const al_report *report, const al_options *opts,
                         FILE *out, int color, char **err)
{
	return al_write_report(report, opts, AL_REPORT_SARIF, out, color, err);
}
