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

static void write_command(FILE *out, const char *root, const char *path,
                          const al_finding *f, const char *message)
{
	char *rel = al_repo_relpath(root, path);
	char *file = gh_escape(rel ? rel : path, true);
	char *title = g_strdup_printf("assetlint %s", f->rule);
	char *t = gh_escape(title, true);
	char *msg = gh_escape(message, false);
	fprintf(out, "::%s file=%s,line=1,col=1,title=%s::%s\n", gh_level(f->severity),
	        file, t, msg);
	g_free(msg);
	g_free(t);
	g_free(title);
	g_free(file);
	g_free(rel);
}

/* Writes @report as workflow commands to @out, files in path order, then
 * set findings placed on the set's first file; paths relative to the
 * repository (al_repo_root).  With --max-results the most severe are
 * written and a last "::warning::" line says what was left out.  Returns
 * AL_OK or AL_ERR_IO (*err set, caller g_free()s). */
al_status al_write_github(const al_report *report, const al_options *opts,
                          FILE *out, int color, char **err)
{
	al_status st = AL_OK;
	char *root = al_repo_root();
	al_budget budget;

	al_budget_init(&budget, report, opts);
	for (guint i = 0; report->files && i < report->files->len; i++) {
		const al_file_result *r = g_ptr_array_index(report->files, i);
		for (guint j = 0; j < r->findings->len; j++) {
			const al_finding *f = g_ptr_array_index(r->findings, j);
			if (al_budget_take(&budget, f->severity))
				write_command(out, root, r->path, f, f->message);
		}
	}
	for (guint i = 0; report->sets && i < report->sets->len; i++) {
		const al_set_result *s = g_ptr_array_index(report->sets, i);
		for (guint j = 0; s->findings && j < s->findings->len; j++) {
			const al_finding *f = g_ptr_array_index(s->findings, j);
			if (!al_budget_take(&budget, f->severity))
				continue;
			char *msg = al_set_message(s, f);
			write_command(out, root, al_set_anchor(s), f, msg);
			g_free(msg);
		}
	}
	char *note = al_config_note(report);
	if (note) {
		/* a notice on the config file: a pull request that adds one
		 * shows it where the reviewer looks */
		al_finding f = { .rule = "config", .severity = AL_SEV_INFO };
		write_command(out, root, report->config, &f, note);
		g_free(note);
	}
	if (al_budget_dropped(&budget) > 0) {
		char *why = al_budget_describe(&budget, opts->max_results);
		char *esc = gh_escape(why, false);
		fprintf(out, "::warning title=assetlint::%s\n", esc);
		g_free(esc);
		g_free(why);
	}
	if (ferror(out)) {
		*err = g_strdup_printf("write failed: %s", g_strerror(errno));
		st = AL_ERR_IO;
	}
	g_free(root);
	return st;
}
