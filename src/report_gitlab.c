/* GitLab Code Quality report: a JSON array of Code Climate issues, which
 * GitLab shows in merge requests and the pipeline's Code Quality tab
 * (artifacts:reports:codequality). */
#include "json.h"
#include "al_internal.h"

/* GitLab's severities are info, minor, major, critical and blocker. */
static const char *gl_severity(al_severity sev)
{
	return sev == AL_SEV_ERROR ? "major" : sev == AL_SEV_WARNING ? "minor" : "info";
}

static void add_str(al_jb *b, const char *key, const char *val)
{
	char *valid = g_utf8_make_valid(val ? val : "", -1);
	al_jb_set_member_name(b, key);
	al_jb_add_string_value(b, valid);
	g_free(valid);
}

/* One issue, as an item nested one level (the report is one array).
 * @where: the file's repository-relative path, or for a set finding the
 * set folder with '/', which keys the fingerprint (so a new first file
 * does not make the finding look new); @path: where GitLab shows it.
 * Caller g_free()s. */
static char *issue(const al_finding *f, const char *message, const char *path,
                   const char *where, int nth)
{
	al_jb *b = al_jb_new();
	char *fp = al_fingerprint(f->rule, where, nth);
	al_jb_begin_object(b);
	add_str(b, "type", "issue");
	add_str(b, "engine_name", "assetlint");
	add_str(b, "check_name", f->rule);
	add_str(b, "description", message);
	add_str(b, "fingerprint", fp);
	add_str(b, "severity", gl_severity(f->severity));
	al_jb_set_member_name(b, "location");
	al_jb_begin_object(b);
	add_str(b, "path", path);
	al_jb_set_member_name(b, "lines");
	al_jb_begin_object(b);
	al_jb_set_member_name(b, "begin");
	al_jb_add_int_value(b, 1);
	al_jb_end_object(b);
	al_jb_end_object(b);
	al_jb_end_object(b);
	al_jnode *node = al_jb_get_root(b);
	char *text = al_json_text(node, 1);
	al_jnode_unref(node);
	al_jb_free(b);
	g_free(fp);
	return text;
}

/* Path relative to the repository (al_repo_root), else as given.
 * Caller g_free()s. */
static char *rel_path(const char *root, const char *path)
{
	char *rel = al_repo_relpath(root, path);
	return rel ? rel : g_strdup(path);
}

typedef struct {
	char *root;              /* al_repo_root() */
	char *first;             /* the first file's path, or NULL */
} gl_state;

static void add_findings(al_writer *w, GPtrArray *findings, const al_set_result *set,
                         const char *path, const char *where)
{
	GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
	for (guint i = 0; findings && i < findings->len; i++) {
		const al_finding *f = g_ptr_array_index(findings, i);
		int nth = GPOINTER_TO_INT(g_hash_table_lookup(seen, f->rule));
		g_hash_table_insert(seen, (gpointer)f->rule, GINT_TO_POINTER(nth + 1));
		char *msg = set ? al_set_message(set, f) : g_strdup(f->message);
		char *text = issue(f, msg, path, where, nth);
		al_writer_puts(w, f->severity, text);
		g_free(text);
		g_free(msg);
	}
	g_hash_table_destroy(seen);
}

/* A Code Quality report: one array of issues, files in path order, then
 * set findings.  With --max-results the most severe findings are kept and
 * one more "info" issue (check_name "max-results") says what was left
 * out; the config file the run used is the last issue. */
static al_status gl_head(al_writer *w)
{
	gl_state *st = g_new0(gl_state, 1);
	st->root = al_repo_root();
	w->state = st;
	fputs("[", w->out);
	al_writer_set_items(w, "\n", ",\n");
	return AL_OK;
}

static void gl_file(al_writer *w, const al_file_result *r)
{
	gl_state *st = w->state;
	char *path = rel_path(st->root, r->path);
	if (!st->first)
		st->first = g_strdup(r->path);
	add_findings(w, r->findings, NULL, path, path);
	g_free(path);
}

static void gl_set(al_writer *w, const al_set_result *s)
{
	gl_state *st = w->state;
	char *path = rel_path(st->root, al_set_anchor(s));
	char *dir = rel_path(st->root, s->path);
	char *where = g_strconcat(dir, "/", NULL);
	add_findings(w, s->findings, s, path, where);
	g_free(where);
	g_free(dir);
	g_free(path);
}

static al_status gl_tail(al_writer *w)
{
	gl_state *st = w->state;
	al_writer_flush_files(w);
	al_writer_flush_sets(w);
	if (al_budget_dropped(&w->budget) > 0 && st->first) {
		al_finding note = { .rule = "max-results", .severity = AL_SEV_INFO };
		char *why = al_budget_describe(&w->budget, w->opts->max_results);
		char *path = rel_path(st->root, st->first);
		char *text = issue(&note, why, path, "max-results", 0);
		al_writer_item(w, text);
		g_free(text);
		g_free(path);
		g_free(why);
	}
	char *note = al_config_note(w->config);
	if (note) {
		al_finding cfg = { .rule = "config", .severity = AL_SEV_INFO };
		char *path = rel_path(st->root, w->config);
		char *text = issue(&cfg, note, path, "config", 0);
		al_writer_item(w, text);
		g_free(text);
		g_free(path);
		g_free(note);
	}
	fputs(w->n_items ? "\n]\n" : "]\n", w->out);
	return w->st;
}

static void gl_free(al_writer *w)
{
	gl_state *st = w->state;
	if (!st)
		return;
	g_free(st->root);
	g_free(st->first);
	g_free(st);
}

const al_report_class al_format_gitlab = {
	.head = gl_head,
	.file = gl_file,
	.set = gl_set,
	.tail = gl_tail,
	.free_state = gl_free,
	.budgeted = true,
};

al_status al_write_gitlab(const al_report *report, const al_options *opts,
                          FILE *out, int color, char **err)
{
	return al_write_report(report, opts, AL_REPORT_GITLAB, out, color, err);
}
