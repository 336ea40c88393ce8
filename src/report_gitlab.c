/* GitLab Code Quality report: a JSON array of Code Climate issues, which
 * GitLab shows in merge requests and the pipeline's Code Quality tab
 * (artifacts:reports:codequality). */
#include <json-glib/json-glib.h>
#include "al_internal.h"

/* GitLab's severities are info, minor, major, critical and blocker. */
static const char *gl_severity(al_severity sev)
{
	return sev == AL_SEV_ERROR ? "major" : sev == AL_SEV_WARNING ? "minor" : "info";
}

static void add_str(JsonBuilder *b, const char *key, const char *val)
{
	char *valid = g_utf8_make_valid(val ? val : "", -1);
	json_builder_set_member_name(b, key);
	json_builder_add_string_value(b, valid);
	g_free(valid);
}

/* One issue.  @where: the file's repository-relative path, or for a set
 * finding the set folder with '/', which keys the fingerprint (so a new
 * first file does not make the finding look new); @path: where GitLab
 * shows it. */
static void add_issue(JsonBuilder *b, const al_finding *f, const char *message,
                      const char *path, const char *where, int nth)
{
	char *fp = al_fingerprint(f->rule, where, nth);
	json_builder_begin_object(b);
	add_str(b, "type", "issue");
	add_str(b, "engine_name", "assetlint");
	add_str(b, "check_name", f->rule);
	add_str(b, "description", message);
	add_str(b, "fingerprint", fp);
	add_str(b, "severity", gl_severity(f->severity));
	json_builder_set_member_name(b, "location");
	json_builder_begin_object(b);
	add_str(b, "path", path);
	json_builder_set_member_name(b, "lines");
	json_builder_begin_object(b);
	json_builder_set_member_name(b, "begin");
	json_builder_add_int_value(b, 1);
	json_builder_end_object(b);
	json_builder_end_object(b);
	json_builder_end_object(b);
	g_free(fp);
}

/* Path relative to the repository (al_repo_root), else as given.
 * Caller g_free()s. */
static char *rel_path(const char *root, const char *path)
{
	char *rel = al_repo_relpath(root, path);
	return rel ? rel : g_strdup(path);
}

static void add_findings(JsonBuilder *b, al_budget *budget, GPtrArray *findings,
                         const al_set_result *set, const char *path, const char *where)
{
	GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
	for (guint i = 0; findings && i < findings->len; i++) {
		const al_finding *f = g_ptr_array_index(findings, i);
		int nth = GPOINTER_TO_INT(g_hash_table_lookup(seen, f->rule));
		g_hash_table_insert(seen, (gpointer)f->rule, GINT_TO_POINTER(nth + 1));
		if (!al_budget_take(budget, f->severity))
			continue;
		char *msg = set ? al_set_message(set, f) : g_strdup(f->message);
		add_issue(b, f, msg, path, where, nth);
		g_free(msg);
	}
	g_hash_table_destroy(seen);
}

/* Writes @report as a Code Quality report to @out.  With --max-results the
 * most severe findings are kept and one more "info" issue (check_name
 * "max-results") says what was left out.  Returns AL_OK or AL_ERR_IO
 * (*err set, caller g_free()s). */
al_status al_write_gitlab(const al_report *report, const al_options *opts,
                          FILE *out, int color, char **err)
{
	JsonBuilder *b = json_builder_new();
	char *root = al_repo_root();
	al_budget budget;

	al_budget_init(&budget, report, opts);
	json_builder_begin_array(b);
	for (guint i = 0; report->files && i < report->files->len; i++) {
		const al_file_result *r = g_ptr_array_index(report->files, i);
		char *path = rel_path(root, r->path);
		add_findings(b, &budget, r->findings, NULL, path, path);
		g_free(path);
	}
	for (guint i = 0; report->sets && i < report->sets->len; i++) {
		const al_set_result *s = g_ptr_array_index(report->sets, i);
		char *path = rel_path(root, al_set_anchor(s));
		char *dir = rel_path(root, s->path);
		char *where = g_strconcat(dir, "/", NULL);
		add_findings(b, &budget, s->findings, s, path, where);
		g_free(where);
		g_free(dir);
		g_free(path);
	}
	if (al_budget_dropped(&budget) > 0 && report->files && report->files->len > 0) {
		const al_file_result *first = g_ptr_array_index(report->files, 0);
		al_finding note = { .rule = "max-results", .severity = AL_SEV_INFO };
		char *why = al_budget_describe(&budget, opts->max_results);
		char *path = rel_path(root, first->path);
		add_issue(b, &note, why, path, "max-results", 0);
		g_free(path);
		g_free(why);
	}
	char *note = al_config_note(report);
	if (note) {
		al_finding cfg = { .rule = "config", .severity = AL_SEV_INFO };
		char *path = rel_path(root, report->config);
		add_issue(b, &cfg, note, path, "config", 0);
		g_free(path);
		g_free(note);
	}
	json_builder_end_array(b);

	JsonNode *node = json_builder_get_root(b);
	al_status st = al_json_write(node, out, err);
	json_node_unref(node);
	g_object_unref(b);
	g_free(root);
	return st;
}
