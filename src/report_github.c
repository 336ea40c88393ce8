/* GitHub Actions workflow commands: one "::error file=…,line=1,col=1,
 * title=…::message" line per finding, which the runner turns into an
 * annotation on the file in the pull request and the run summary. */
#include <errno.h>
#include <string.h>
#include "al_internal.h"

/* GitHub's escaping of workflow commands (toolkit's command.ts): in the
 * message '%', CR and LF; in a property also ':' and ','.  Control
 * characters the runner would print raw become visible escapes first
 * (al_text_clean), as in every line format.  Caller g_free()s. */
static char *gh_escape(const char *s, bool property)
{
	char *clean = al_text_clean(s);
	GString *out = g_string_sized_new(strlen(clean) + 8);
	for (const char *p = clean; *p; p++) {
		switch (*p) {
		case '%': g_string_append(out, "%25"); break;
		case '\r': g_string_append(out, "%0D"); break;
		case '\n': g_string_append(out, "%0A"); break;
		case ':':
			g_string_append(out, property ? "%3A" : ":");
			break;
		case ',':
			g_string_append(out, property ? "%2C" : ",");
			break;
		default: g_string_append_c(out, *p);
		}
	}
	g_free(clean);
	return g_string_free(out, FALSE);
}

static const char *gh_level(al_severity sev)
{
	return sev == AL_SEV_ERROR ? "error" : sev == AL_SEV_WARNING ? "warning" : "notice";
}

/* The command line of one finding.  Caller g_free()s. */
static char *command(const char *root, const char *path, const al_finding *f,
                     const char *message)
{
	char *rel = al_repo_relpath(root, path);
	char *file = gh_escape(rel ? rel : path, true);
	char *title = g_strdup_printf("assetlint %s", f->rule);
	char *t = gh_escape(title, true);
	char *msg = gh_escape(message, false);
	char *line = g_strdup_printf("::%s file=%s,line=1,col=1,title=%s::%s\n",
	                             gh_level(f->severity), file, t, msg);
	g_free(msg);
	g_free(t);
	g_free(title);
	g_free(file);
	g_free(rel);
	return line;
}

/* Workflow commands, files in path order, then set findings placed on the
 * set's first file; paths relative to the repository (al_repo_root).
 * With --max-results the most severe are written and a last "::warning::"
 * line says what was left out. */
static al_status gh_head(al_writer *w)
{
	w->state = al_repo_root();
	return AL_OK;
}

static void gh_file(al_writer *w, const al_file_result *r)
{
	for (guint j = 0; j < r->findings->len; j++) {
		const al_finding *f = g_ptr_array_index(r->findings, j);
		char *line = command(w->state, r->path, f, f->message);
		al_writer_puts(w, f->severity, line);
		g_free(line);
	}
}

static void gh_set(al_writer *w, const al_set_result *s)
{
	for (guint j = 0; s->findings && j < s->findings->len; j++) {
		const al_finding *f = g_ptr_array_index(s->findings, j);
		char *msg = al_set_message(s, f);
		char *line = command(w->state, al_set_anchor(s), f, msg);
		al_writer_puts(w, f->severity, line);
		g_free(line);
		g_free(msg);
	}
}

static al_status gh_tail(al_writer *w)
{
	al_writer_flush_files(w);
	al_writer_flush_sets(w);
	char *note = al_config_note(w->config);
	if (note) {
		/* a notice on the config file: a pull request that adds one
		 * shows it where the reviewer looks */
		al_finding f = { .rule = "config", .severity = AL_SEV_INFO };
		char *line = command(w->state, w->config, &f, note);
		al_writer_item(w, line);
		g_free(line);
		g_free(note);
	}
	if (al_budget_dropped(&w->budget) > 0) {
		char *why = al_budget_describe(&w->budget, w->opts->max_results);
		char *esc = gh_escape(why, false);
		fprintf(w->out, "::warning title=assetlint::%s\n", esc);
		g_free(esc);
		g_free(why);
	}
	return w->st;
}

static void gh_free(al_writer *w)
{
	g_free(w->state);
}

const al_report_class al_format_github = {
	.head = gh_head,
	.file = gh_file,
	.set = gh_set,
	.tail = gh_tail,
	.free_state = gh_free,
	.budgeted = true,
};

al_status al_write_github(const al_report *report, const al_options *opts,
                          FILE *out, int color, char **err)
{
	return al_write_report(report, opts, AL_REPORT_GITHUB, out, color, err);
}
