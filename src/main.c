/* assetlint command line: parse options into one struct, hand them to the
 * library, write the reports, return the exit status. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include "ocr.h"
#include "assetlint.h"

#define FORMATS "text, gcc, json, sarif, junit, html, github, gitlab"

typedef struct {
	char *format;
	char **outputs;
	char *config;
	char *profile;
	char **rules;
	gboolean strict;
	int max_warnings;
	int jobs;
	gboolean quiet;
	gboolean version;
	gboolean list_rules;
	char *baseline;
	gboolean update_baseline;
	char *color;
	gboolean no_config;
	int max_results;
	char *doc_url;
	gboolean allow_empty;
	char **paths;
} cli_opts;

typedef struct {
	gint64 start;
	bool drawn;
} progress_state;

static void progress(void *data, int done, int total)
{
	progress_state *p = data;
	if (g_get_monotonic_time() - p->start < G_USEC_PER_SEC && !p->drawn)
		return;
	int width = 30, fill = total ? done * width / total : width;
	fprintf(stderr, "\r[%.*s%*s] %d/%d files", fill,
	        "##############################", width - fill, "", done, total);
	p->drawn = true;
}

static int fail(const char *fmt, ...) G_GNUC_PRINTF(1, 2);
static int fail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("assetlint: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	return AL_EXIT_FAILURE;
}

/* "-o json:out.json" or "-o out.sarif": format from the prefix, else from
 * the extension. */
static int parse_output(const char *spec, al_report_format *fmt, const char **path)
{
	static const struct { const char *ext; al_report_format fmt; } exts[] = {
		{ ".json", AL_REPORT_JSON }, { ".sarif", AL_REPORT_SARIF },
		{ ".xml", AL_REPORT_JUNIT }, { ".html", AL_REPORT_HTML },
		{ ".htm", AL_REPORT_HTML }, { ".txt", AL_REPORT_TEXT },
	};
	const char *colon = strchr(spec, ':');
	if (colon) {
		char *name = g_strndup(spec, (gsize)(colon - spec));
		al_status st = al_report_format_parse(name, fmt);
		g_free(name);
		if (st == AL_OK) {
			*path = colon + 1;
			return **path ? 0 : -1;
		}
	}
	*path = spec;
	for (unsigned i = 0; i < G_N_ELEMENTS(exts); i++)
		if (g_str_has_suffix(spec, exts[i].ext)) {
			*fmt = exts[i].fmt;
			return 0;
		}
	return -1;
}

static bool want_color(const char *mode)
{
	if (!mode || strcmp(mode, "auto") == 0) {
		const char *term = getenv("TERM");
		return isatty(STDOUT_FILENO) && !getenv("NO_COLOR") &&
		       !(term && strcmp(term, "dumb") == 0);
	}
	return strcmp(mode, "always") == 0;
}

static int apply_options(cli_opts *c, al_options *opts)
{
	char *err = NULL;
	int ret = 0;
	char *config = c->config ? g_strdup(c->config)
	               : c->no_config ? NULL : al_config_find(c->paths[0]);

	if (config && al_options_load_config(opts, config, &err) != AL_OK) {
		ret = fail("%s", err);
		goto out;
	}
	if (c->profile && al_options_set_profile(opts, c->profile, &err) != AL_OK) {
		ret = fail("--profile: %s", err);
		goto out;
	}
	for (char **r = c->rules; r && *r; r++) {
		char *eq = strchr(*r, '=');
		al_severity sev;
		if (!eq || al_severity_parse(eq + 1, &sev) != AL_OK) {
			ret = fail("--rule %s: want ID=off|info|warning|error", *r);
			goto out;
		}
		*eq = '\0';
		if (al_options_set_severity(opts, *r, sev, &err) != AL_OK) {
			ret = fail("--rule: %s", err);
			goto out;
		}
	}
	if (c->strict)
		al_options_set_strict(opts, 1);
	if (c->max_warnings >= 0)
		al_options_set_max_warnings(opts, c->max_warnings);
	if (c->jobs < 0) {
		ret = fail("-j %d: want a number of threads >= 0", c->jobs);
		goto out;
	}
	al_options_set_threads(opts, c->jobs);
	if (c->max_results < -1) {
		ret = fail("--max-results %d: want a number of findings >= 0", c->max_results);
		goto out;
	}
	al_options_set_max_results(opts, c->max_results);
	al_options_set_doc_url(opts, c->doc_url);
	al_options_set_quiet(opts, c->quiet);
out:
	g_free(err);
	g_free(config);
	return ret;
}

static int write_reports(cli_opts *c, al_report *rep, al_options *opts)
{
	char *err = NULL;
	int ret = 0;
	al_report_format fmt = AL_REPORT_TEXT;

	for (char **o = c->outputs; o && *o; o++) {
		const char *path;
		al_report_format ofmt = AL_REPORT_JSON;
		if (parse_output(*o, &ofmt, &path) != 0) {
			ret = fail("-o %s: say the format, as FORMAT:FILE (%s)", *o, FORMATS);
			goto out;
		}
		if (al_report_write_file(rep, opts, ofmt, path, &err) != AL_OK) {
			ret = fail("%s", err);
			goto out;
		}
	}
	if (c->max_results >= 0) {
		int e, w, i;
		al_report_counts(rep, &e, &w, &i);
		if (e + w + i > c->max_results)
			fprintf(stderr, "assetlint: note: --max-results %d: the SARIF, github and "
			        "gitlab reports leave out %d of %d findings, the least severe\n",
			        c->max_results, e + w + i - c->max_results, e + w + i);
	}
	if (c->format && al_report_format_parse(c->format, &fmt) != AL_OK) {
		ret = fail("--format %s: want one of %s", c->format, FORMATS);
		goto out;
	}
	if (al_report_write(rep, opts, fmt, stdout, want_color(c->color), &err) != AL_OK)
		ret = fail("stdout: %s", err);
out:
	g_free(err);
	return ret;
}

static int run(cli_opts *c)
{
	char *err = NULL;
	al_options *opts = al_options_new();
	al_report *rep = NULL;
	progress_state prog = { .start = g_get_monotonic_time() };
	int ret = apply_options(c, opts);
	if (ret)
		goto out;
	if (isatty(STDERR_FILENO) && !c->quiet)
		al_options_set_progress(opts, progress, &prog);

	rep = al_check_paths(opts, (const char *const *)c->paths,
	                     (int)g_strv_length(c->paths), &err);
	if (prog.drawn)
		fputs("\r\033[K", stderr);
	if (!rep) {
		ret = fail("%s", err);
		goto out;
	}
	if (c->baseline && !c->update_baseline) {
		al_baseline *bl = al_baseline_load(c->baseline, &err);
		if (!bl) {
			ret = fail("%s", err);
			goto out;
		}
		al_baseline_apply(bl, rep);
		al_baseline_free(bl);
	}
	if (c->update_baseline) {
		if (!c->baseline) {
			ret = fail("--update-baseline needs --baseline FILE");
			goto out;
		}
		if (al_baseline_write(rep, c->baseline, &err) != AL_OK) {
			ret = fail("%s", err);
			goto out;
		}
	}
	ret = write_reports(c, rep, opts);
	/* A mistyped path must not pass a gate: a run that checked no image
	 * is a failure of its own (the reports above still say what the walk
	 * met), as eslint does for patterns that match no file. */
	if (!ret && al_report_n_files(rep) == 0 && !c->allow_empty) {
		char *list = g_strjoinv("', '", c->paths);
		ret = fail("no image found in '%s': nothing was checked (check the path, or "
		           "pass --allow-empty to accept a run without images)", list);
		g_free(list);
	}
	if (!ret)
		ret = c->update_baseline ? AL_EXIT_CLEAN : (int)al_report_exit_status(rep, opts);
out:
	al_report_free(rep);
	al_options_free(opts);
	g_free(err);
	return ret;
}

/* GOption does not take a short option's value glued to it ("-j4",
 * "-ojson:r.json"); split those into two arguments, as getopt would. */
static char **split_short_values(int *argc, char **argv)
{
	GPtrArray *out = g_ptr_array_new();
	bool rest = false;
	for (int i = 0; i < *argc; i++) {
		const char *a = argv[i];
		if (!rest && strcmp(a, "--") == 0)
			rest = true;
		if (!rest && i > 0 && a[0] == '-' && strchr("fjo", a[1]) && a[1] && a[2]) {
			g_ptr_array_add(out, g_strndup(a, 2));
			g_ptr_array_add(out, g_strdup(a + 2));
		} else {
			g_ptr_array_add(out, g_strdup(a));
		}
	}
	*argc = (int)out->len;
	g_ptr_array_add(out, NULL);
	return (char **)g_ptr_array_free(out, FALSE);
}

int main(int argc, char **argv)
{
	cli_opts c = { .max_warnings = -1, .jobs = 0, .max_results = -1 };

#ifdef __GLIBC__
	/* Every image allocates and frees buffers of the same few sizes (a
	 * hero's Lab planes are 2.8 MB).  glibc's default returns them to the
	 * kernel on each free (mmap, then heap trimming in the worker
	 * threads' arenas), so each image paid its page faults again: 20-35 %
	 * of the run (make bench).  Keep freed memory for the next image. */
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
	mallopt(M_TRIM_THRESHOLD, 256 << 20);
#endif
	const GOptionEntry entries[] = {
		{ "format", 'f', 0, G_OPTION_ARG_STRING, &c.format, "Output on stdout: " FORMATS " (default text)", "FORMAT" },
		{ "output", 'o', 0, G_OPTION_ARG_STRING_ARRAY, &c.outputs, "Also write a report file, atomically; repeatable", "[FORMAT:]FILE" },
		{ "config", 0, 0, G_OPTION_ARG_FILENAME, &c.config, "Config file (default: .assetlint.ini in the checked folder or its parents)", "FILE" },
		{ "no-config", 0, 0, G_OPTION_ARG_NONE, &c.no_config, "Do not look for .assetlint.ini", NULL },
		{ "allow-empty", 0, 0, G_OPTION_ARG_NONE, &c.allow_empty, "A run that finds no image exits 0, not 2", NULL },
		{ "profile", 0, 0, G_OPTION_ARG_STRING, &c.profile, "Size profile: cpp-2020 (default), pc-2019, pc-current", "NAME" },
		{ "rule", 0, 0, G_OPTION_ARG_STRING_ARRAY, &c.rules, "Set a rule's severity; repeatable", "ID=off|info|warning|error" },
		{ "strict", 0, 0, G_OPTION_ARG_NONE, &c.strict, "Warnings fail the run too", NULL },
		{ "max-warnings", 0, 0, G_OPTION_ARG_INT, &c.max_warnings, "Fail when there are more than N warnings", "N" },
		{ "jobs", 'j', 0, G_OPTION_ARG_INT, &c.jobs, "Threads (default: all cores)", "N" },
		{ "quiet", 'q', 0, G_OPTION_ARG_NONE, &c.quiet, "Text output: errors only, no summary, no progress bar", NULL },
		{ "color", 0, 0, G_OPTION_ARG_STRING, &c.color, "Colour text output: auto (default; honours NO_COLOR), always, never", "WHEN" },
		{ "max-results", 0, 0, G_OPTION_ARG_INT, &c.max_results, "SARIF, github, gitlab: at most N findings, the most severe (GitHub takes 25000 per run)", "N" },
		{ "doc-url", 0, 0, G_OPTION_ARG_STRING, &c.doc_url, "SARIF: link each rule to this documentation URL (helpUri)", "URL" },
		{ "baseline", 0, 0, G_OPTION_ARG_FILENAME, &c.baseline, "Suppress the findings recorded in FILE", "FILE" },
		{ "update-baseline", 0, 0, G_OPTION_ARG_NONE, &c.update_baseline, "Record the current findings in the --baseline file", NULL },
		{ "list-rules", 0, 0, G_OPTION_ARG_NONE, &c.list_rules, "List the rules with severities and thresholds", NULL },
		{ "version", 0, 0, G_OPTION_ARG_NONE, &c.version, "Print the version", NULL },
		{ G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &c.paths, NULL, "PATH..." },
		{ NULL, 0, 0, 0, NULL, NULL, NULL }
	};
	GOptionContext *ctx = g_option_context_new("PATH... - check Azure Marketplace offer images");
	GError *gerr = NULL;
	int ret = AL_EXIT_CLEAN;

	char **args = split_short_values(&argc, argv);
	char **args_orig = g_memdup2(args, sizeof(char *) * ((gsize)argc + 1));
	argv = args;
	g_option_context_add_main_entries(ctx, entries, NULL);
	g_option_context_set_description(ctx,
		"Exit status: 0 no errors, 1 error findings (or warnings with --strict),\n"
		"2 usage, config or I/O failure.  See assetlint(1).");
	if (!g_option_context_parse(ctx, &argc, &argv, &gerr)) {
		ret = fail("%s\nTry 'assetlint --help'.", gerr->message);
		g_clear_error(&gerr);
	} else if (c.version) {
		printf("assetlint %s\nocr: %s\n", AL_VERSION, al_ocr_describe());
	} else if (c.list_rules) {
		al_rules_list(stdout);
	} else if (c.color && strcmp(c.color, "auto") && strcmp(c.color, "always") &&
	           strcmp(c.color, "never")) {
		ret = fail("--color %s: want auto, always or never", c.color);
	} else if (!c.paths || !c.paths[0]) {
		ret = fail("no PATH given\nTry 'assetlint --help'.");
	} else {
		ret = run(&c);
	}
	if (ret != AL_EXIT_FAILURE && (fflush(stdout) != 0 || ferror(stdout)))
		ret = fail("stdout: write failed");
	g_option_context_free(ctx);
	g_free(c.format);
	g_strfreev(c.outputs);
	g_free(c.config);
	g_free(c.profile);
	g_strfreev(c.rules);
	g_free(c.baseline);
	g_free(c.color);
	g_free(c.doc_url);
	g_strfreev(c.paths);
	g_free(args);
	g_strfreev(args_orig);
	return ret;
}
