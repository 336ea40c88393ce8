/* assetlint make-set: options into one struct, the set made and written
 * by the library (al_makeset_*), then checked as any offer folder is, and
 * the report written as the checking command writes it.  A client of the
 * public API only, like main.c. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <glib.h>
#include "assetlint.h"
#include "makeset_cli.h"

#define FORMATS "text, gcc, json, sarif, junit, html, github, gitlab"
/* Extensions that make an -o value look like a report, not a folder. */
static const char *const report_exts[] = {
	".json", ".sarif", ".xml", ".html", ".htm", ".txt",
};

typedef struct {
	char **outputs;
	char *format;
	char *profile;
	char *background;
	char *hero_background;
	char *padding;
	char *wide;
	gboolean no_hero;
	gboolean dry_run;
	gboolean force;
	char *config;
	gboolean no_config;
	gboolean quiet;
	char *color;
	gboolean help;
	char **args;
	/* from the above */
	const char *dir;
	GPtrArray *reports;      /* of const char* "FORMAT:FILE", borrowed */
} mk_opts;

static int fail(const char *fmt, ...) G_GNUC_PRINTF(1, 2);
static int fail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("assetlint make-set: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	return AL_EXIT_FAILURE;
}

/* Sorts the -o values into the one folder and the FORMAT:FILE reports. */
static int split_outputs(mk_opts *c)
{
	for (char **o = c->outputs; o && *o; o++) {
		const char *colon = strchr(*o, ':');
		al_report_format fmt;
		if (colon && colon > *o) {
			char *name = g_strndup(*o, (gsize)(colon - *o));
			al_status st = al_report_format_parse(name, &fmt);
			g_free(name);
			if (st == AL_OK) {
				if (!colon[1])
					return fail("-o %s: name the report file after the colon", *o);
				g_ptr_array_add(c->reports, *o);
				continue;
			}
		}
		for (unsigned i = 0; i < G_N_ELEMENTS(report_exts); i++)
			if (g_str_has_suffix(*o, report_exts[i]) && !g_file_test(*o, G_FILE_TEST_IS_DIR))
				return fail("-o %s: looks like a report file; say its format "
				            "(-o html:%s; formats: %s), and give the folder for the set "
				            "with another -o", *o, *o, FORMATS);
		if (c->dir)
			return fail("-o %s: the set goes into one folder, and -o %s named one already",
			            *o, c->dir);
		c->dir = *o;
	}
	return c->dir ? 0 : fail("no output folder: give it with -o DIR\n"
	                         "Try 'assetlint make-set --help'.");
}

/* True when @dir (which may not exist yet) is the folder of the file
 * @file. */
static bool same_folder(const char *dir, const char *file)
{
	char *fdir = g_path_get_dirname(file);
	struct stat a, b;
	bool same;

	if (stat(dir, &a) == 0 && stat(fdir, &b) == 0) {
		same = a.st_dev == b.st_dev && a.st_ino == b.st_ino;
	} else {
		char *x = g_canonicalize_filename(dir, NULL), *y = g_canonicalize_filename(fdir, NULL);
		same = strcmp(x, y) == 0;
		g_free(x);
		g_free(y);
	}
	g_free(fdir);
	return same;
}

/* The nearest folder of @path that exists (@path itself, or a parent),
 * where the config search starts.  g_free(). */
static char *existing_folder(const char *path)
{
	char *d = g_canonicalize_filename(path, NULL);
	while (!g_file_test(d, G_FILE_TEST_IS_DIR)) {
		char *up = g_path_get_dirname(d);
		if (strcmp(up, d) == 0) {
			g_free(up);
			break;
		}
		g_free(d);
		d = up;
	}
	return d;
}

static int setup_options(mk_opts *c, al_options *opts)
{
	char *err = NULL, *config = NULL;
	int ret = 0;

	if (c->config) {
		config = g_strdup(c->config);
	} else if (!c->no_config) {
		char *start = existing_folder(c->dir);
		config = al_config_find(start);
		g_free(start);
	}
	if (config && al_options_load_config(opts, config, &err) != AL_OK)
		ret = fail("%s", err);
	else if (c->profile && al_options_set_profile(opts, c->profile, &err) != AL_OK)
		ret = fail("--profile: %s", err);
	al_options_set_quiet(opts, c->quiet);
	al_free(config);
	g_free(err);
	return ret;
}

static int setup_request(mk_opts *c, al_makeset *ms)
{
	char *err = NULL;
	int ret = 0;

	if (c->background && al_makeset_set_background(ms, c->background, &err) != AL_OK)
		ret = fail("%s", err);
	else if (c->hero_background &&
	         al_makeset_set_hero_background(ms, c->hero_background, &err) != AL_OK)
		ret = fail("%s", err);
	else if (c->padding) {
		char *end = NULL;
		double pct = g_ascii_strtod(c->padding, &end);
		if (end == c->padding || *end)
			ret = fail("--padding %s: want a number of per cent, 0 to 40", c->padding);
		else if (al_makeset_set_padding(ms, pct, &err) != AL_OK)
			ret = fail("%s", err);
	}
	al_makeset_set_wide_master(ms, c->wide);
	al_makeset_set_hero(ms, !c->no_hero);
	al_free(err);
	return ret;
}

static int check_and_report(mk_opts *c, al_options *opts,
                            bool (*want_color)(const char *mode))
{
	const char *paths[] = { c->dir };
	char *err = NULL;
	al_report_format fmt = AL_REPORT_TEXT;
	int ret = 0;
	al_report *rep = NULL;

	if (c->format && al_report_format_parse(c->format, &fmt) != AL_OK)
		return fail("--format %s: want one of %s", c->format, FORMATS);
	if (!(rep = al_check_paths(opts, paths, 1, &err))) {
		ret = fail("%s", err);
		goto out;
	}
	for (guint i = 0; i < c->reports->len; i++) {
		const char *spec = g_ptr_array_index(c->reports, i), *colon = strchr(spec, ':');
		char *name = g_strndup(spec, (gsize)(colon - spec));
		al_report_format ofmt = AL_REPORT_JSON;
		al_report_format_parse(name, &ofmt);
		g_free(name);
		if (al_report_write_file(rep, opts, ofmt, colon + 1, &err) != AL_OK) {
			ret = fail("%s", err);
			goto out;
		}
	}
	if (al_report_write(rep, opts, fmt, stdout, want_color(c->color), &err) != AL_OK)
		ret = fail("stdout: %s", err);
	if (!ret)
		ret = (int)al_report_exit_status(rep, opts);
out:
	al_report_free(rep);
	al_free(err);
	return ret;
}

static int run(mk_opts *c, bool (*want_color)(const char *mode))
{
	al_options *opts = al_options_new();
	al_makeset *ms = al_makeset_new();
	char *err = NULL;
	int ret;

	if ((ret = split_outputs(c)) || (ret = setup_request(c, ms)) ||
	    (ret = setup_options(c, opts)))
		goto out;
	for (int i = 0; i < 2; i++) {
		const char *m = i ? c->wide : c->args[0];
		if (m && !c->force && same_folder(c->dir, m)) {
			ret = fail("-o %s: is the folder of the master %s; write the set into a folder "
			           "of its own (the check reads every image in it), or pass --force",
			           c->dir, m);
			goto out;
		}
	}
	if (al_makeset_make(ms, opts, c->args[0], &err) != AL_OK) {
		ret = fail("%s", err);
		goto out;
	}
	if (c->dry_run) {
		printf("dry run: would write %d files into %s (nothing written, nothing checked)\n",
		       al_makeset_n_files(ms), c->dir);
		al_makeset_describe(ms, c->dir, stdout);
		goto out;
	}
	if (al_makeset_write(ms, c->dir, &err) != AL_OK) {
		ret = fail("%s", err);
		goto out;
	}
	if (!c->quiet) {
		fprintf(stderr, "assetlint make-set: wrote %d files into %s; checking them:\n",
		        al_makeset_n_files(ms), c->dir);
		al_makeset_describe(ms, c->dir, stderr);
	}
	ret = check_and_report(c, opts, want_color);
out:
	al_makeset_free(ms);
	al_options_free(opts);
	al_free(err);
	return ret;
}

int makeset_main(int argc, char **argv, bool (*want_color)(const char *mode))
{
	mk_opts c = { 0 };
	const GOptionEntry entries[] = {
		{ "output", 'o', 0, G_OPTION_ARG_STRING_ARRAY, &c.outputs, "The folder to write the set into; with a FORMAT: prefix a report file of its check instead (repeatable)", "DIR|FORMAT:FILE" },
		{ "format", 'f', 0, G_OPTION_ARG_STRING, &c.format, "Report on stdout: " FORMATS " (default text)", "FORMAT" },
		{ "profile", 0, 0, G_OPTION_ARG_STRING, &c.profile, "Size profile: cpp-2020 (default), pc-2019, pc-current", "NAME" },
		{ "background", 0, 0, G_OPTION_ARG_STRING, &c.background, "The logos' background (default auto: the master's own when allowed, else transparent when allowed)", "COLOR|transparent|auto" },
		{ "hero-background", 0, 0, G_OPTION_ARG_STRING, &c.hero_background, "The hero's background, dark enough for white text (default auto)", "COLOR|auto" },
		{ "padding", 0, 0, G_OPTION_ARG_STRING, &c.padding, "Free border on each side, % of the canvas's short side (default 10)", "PCT" },
		{ "wide", 0, 0, G_OPTION_ARG_FILENAME, &c.wide, "Make the wide logo from this master (its own wide layout)", "MASTER" },
		{ "no-hero", 0, 0, G_OPTION_ARG_NONE, &c.no_hero, "Make no hero (it is optional)", NULL },
		{ "dry-run", 'n', 0, G_OPTION_ARG_NONE, &c.dry_run, "Print what would be written; write and check nothing", NULL },
		{ "force", 0, 0, G_OPTION_ARG_NONE, &c.force, "Allow writing into the master's own folder", NULL },
		{ "config", 0, 0, G_OPTION_ARG_FILENAME, &c.config, "Config file (default: .assetlint.ini in DIR or its parents)", "FILE" },
		{ "no-config", 0, 0, G_OPTION_ARG_NONE, &c.no_config, "Do not look for .assetlint.ini", NULL },
		{ "quiet", 'q', 0, G_OPTION_ARG_NONE, &c.quiet, "Only errors: no plan, text report without warnings and summary", NULL },
		{ "color", 0, 0, G_OPTION_ARG_STRING, &c.color, "Colour the text report: auto (default), always, never", "WHEN" },
		{ "help", 'h', 0, G_OPTION_ARG_NONE, &c.help, "Print this help", NULL },
		{ G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &c.args, NULL, "MASTER" },
		{ NULL, 0, 0, 0, NULL, NULL, NULL }
	};
	GOptionContext *ctx = g_option_context_new("-o DIR - make an offer's images from one master image");
	GError *gerr = NULL;
	int ret = 0;

	c.reports = g_ptr_array_new();
	g_option_context_add_main_entries(ctx, entries, NULL);
	g_option_context_set_help_enabled(ctx, FALSE);
	g_option_context_set_summary(ctx,
		"Writes the logos and the hero of the profile into DIR from one master image\n"
		"(PNG, JPEG, GIF, WebP or SVG): the content trimmed, scaled without\n"
		"stretching, centred with padding (the hero's mark left of its free right\n"
		"415 px), on a background the marketplace allows; then checks DIR as an\n"
		"offer set and prints the report.");
	g_option_context_set_description(ctx,
		"Examples:\n"
		"  assetlint make-set logo.svg -o marketing/\n"
		"  assetlint make-set --background '#0078d4' white-mark.png -o out/\n"
		"  assetlint make-set -n logo.png -o out/       show the plan, write nothing\n"
		"  assetlint make-set logo.png -o out/ -o html:out/report.html\n"
		"\n"
		"Exit status: 0 the set passes, 1 the set has error findings (they come from\n"
		"the master: text, gradient...), 2 usage or I/O error, or no allowed\n"
		"background (the message suggests colours).  See assetlint(1), MAKING A SET.");
	if (!g_option_context_parse(ctx, &argc, &argv, &gerr)) {
		ret = fail("%s\nTry 'assetlint make-set --help'.", gerr->message);
		g_clear_error(&gerr);
	} else if (c.help) {
		char *help = g_option_context_get_help(ctx, TRUE, NULL);
		fputs(help, stdout);
		g_free(help);
	} else if (!c.args || !c.args[0]) {
		ret = fail("no MASTER given\nTry 'assetlint make-set --help'.");
	} else if (c.args[1]) {
		ret = fail("one MASTER at a time (got '%s' and '%s'); the wide logo's own master "
		           "goes with --wide", c.args[0], c.args[1]);
	} else if (c.color && strcmp(c.color, "auto") && strcmp(c.color, "always") &&
	           strcmp(c.color, "never")) {
		ret = fail("--color %s: want auto, always or never", c.color);
	} else {
		ret = run(&c, want_color);
	}
	if (ret != AL_EXIT_FAILURE && (fflush(stdout) != 0 || ferror(stdout)))
		ret = fail("stdout: write failed");
	g_option_context_free(ctx);
	g_ptr_array_free(c.reports, TRUE);
	g_strfreev(c.outputs);
	g_free(c.format);
	g_free(c.profile);
	g_free(c.background);
	g_free(c.hero_background);
	g_free(c.padding);
	g_free(c.wide);
	g_free(c.config);
	g_free(c.color);
	g_strfreev(c.args);
	return ret;
}
