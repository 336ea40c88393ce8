/* Human text output: findings grouped by file, a fix under each, one summary
 * line.  Colour only when asked (the CLI decides: TTY, NO_COLOR, --color). */
#include "al_internal.h"

#define C_RESET "\033[0m"
#define C_BOLD "\033[1m"
#define C_DIM "\033[2m"
#define C_RED "\033[1;31m"
#define C_YELLOW "\033[1;33m"
#define C_CYAN "\033[1;36m"

static const char *sev_color(al_severity s)
{
	return s == AL_SEV_ERROR ? C_RED : s == AL_SEV_WARNING ? C_YELLOW : C_CYAN;
}

/* Paths and messages go through the one cleaner every format uses, so a
 * hostile file name cannot move the cursor or fake a line. */
static char *printable(const char *s)
{
	return al_text_clean(s);
}

static bool shown(const al_options *opts, const al_finding *f)
{
	return !opts->quiet || f->severity == AL_SEV_ERROR;
}

static void print_findings(GString *out, const al_options *opts, GPtrArray *fs, int color)
{
	for (guint i = 0; i < fs->len; i++) {
		const al_finding *f = g_ptr_array_index(fs, i);
		if (!shown(opts, f))
			continue;
		const al_rule *r = al_rule_find(f->rule);
		char *msg = printable(f->message);
		g_string_append_printf(out, "  %s%-7s%s %s%s%s  %s\n",
		        color ? sev_color(f->severity) : "", al_severity_name(f->severity),
		        color ? C_RESET : "", color ? C_BOLD : "", f->rule, color ? C_RESET : "", msg);
		if (r && r->help)
			g_string_append_printf(out, "          %sfix: %s%s\n", color ? C_DIM : "", r->help,
			        color ? C_RESET : "");
		g_free(msg);
	}
}

static int n_shown(const al_options *opts, GPtrArray *fs)
{
	int n = 0;
	for (guint i = 0; i < fs->len; i++)
		n += shown(opts, g_ptr_array_index(fs, i));
	return n;
}

/* "42 files in 9 sets", or with files given alone (which belong to no
 * set) "12 files (10 in 2 sets, 2 checked alone)". */
static void print_counts(FILE *out, const al_writer *w)
{
	guint n = (guint)w->n_files, sets = (guint)al_writer_n_sets(w), alone = (guint)w->n_alone;
	if (alone == 0)
		fprintf(out, "%u file%s in %u set%s", n, n == 1 ? "" : "s",
		        sets, sets == 1 ? "" : "s");
	else if (alone == n)
		fprintf(out, "%u file%s checked alone", n, n == 1 ? "" : "s");
	else
		fprintf(out, "%u files (%u in %u set%s, %u checked alone)", n, n - alone,
		        sets, sets == 1 ? "" : "s", alone);
}

/* A file with findings to show: its line and its findings, at once. */
static void text_file(al_writer *w, const al_file_result *r)
{
	const al_options *opts = w->opts;
	int color = w->color;
	if (!n_shown(opts, r->findings))
		return;
	GString *out = g_string_new(NULL);
	char *path = printable(r->path);
	char hex[8];
	al_hex_color(r->bg_rgb, hex);
	g_string_append_printf(out, "%s%s%s", color ? C_BOLD : "", path, color ? C_RESET : "");
	if (r->width > 0) {
		char *fmt = g_ascii_strup(al_format_name(r->format) ? al_format_name(r->format) : "?", -1);
		g_string_append_printf(out, "  %s(%s %dx%d %s, background %s%s%s)%s\n", color ? C_DIM : "",
		        al_role_name(r->role), r->width, r->height, fmt,
		        al_bg_kind_name(r->bg_kind), r->bg_kind == AL_BG_COLOR ? " " : "",
		        r->bg_kind == AL_BG_COLOR ? hex : "", color ? C_RESET : "");
		g_free(fmt);
	} else {
		g_string_append_c(out, '\n');
	}
	print_findings(out, opts, r->findings, color);
	al_writer_put(w, AL_SEV_OFF, out->str, out->len);
	g_free(path);
	g_string_free(out, TRUE);
}

/* A set with findings to show: spooled, written sorted after the files. */
static void text_set(al_writer *w, const al_set_result *s)
{
	const al_options *opts = w->opts;
	int color = w->color;
	if (!n_shown(opts, s->findings))
		return;
	GString *out = g_string_new(NULL);
	char *path = printable(s->path);
	g_string_append_printf(out, "%s%s/%s  %s(offer set, %u files)%s\n", color ? C_BOLD : "", path,
	        color ? C_RESET : "", color ? C_DIM : "", s->files->len, color ? C_RESET : "");
	print_findings(out, opts, s->findings, color);
	al_writer_put(w, AL_SEV_OFF, out->str, out->len);
	g_free(path);
	g_string_free(out, TRUE);
}

static al_status text_tail(al_writer *w)
{
	FILE *out = w->out;
	int color = w->color;
	al_writer_flush_sets(w);
	if (!w->opts->quiet) {
		if (w->errors || w->warnings || w->infos)
			fputc('\n', out);
		if (w->config) {
			/* a config can turn every rule off: say which one ran */
			char *cfg = printable(w->config);
			fprintf(out, "%sconfig: %s%s\n", color ? C_DIM : "", cfg, color ? C_RESET : "");
			g_free(cfg);
		}
		print_counts(out, w);
		fprintf(out, ": %s%d error%s%s, %s%d warning%s%s",
		        color && w->errors ? C_RED : "", w->errors, w->errors == 1 ? "" : "s",
		        color && w->errors ? C_RESET : "",
		        color && w->warnings ? C_YELLOW : "", w->warnings,
		        w->warnings == 1 ? "" : "s", color && w->warnings ? C_RESET : "");
		if (w->infos)
			fprintf(out, ", %d info%s", w->infos, w->infos == 1 ? "" : "s");
		fputc('\n', out);
	}
	return w->st;
}

const al_report_class al_format_text = {
	.file = text_file,
	.set = text_set,
	.tail = text_tail,
};

al_status al_write_text(const al_report *rep, const al_options *opts,
                        FILE *out, int color, char **err)
{
	return al_write_report(rep, opts, AL_REPORT_TEXT, out, color, err);
}
