/* assetlint command line: parse options into one struct, hand them to the
 * library, write the reports, return the exit status. */
/* sigaction(), madvise(), mallopt(): this file is also built outside the
 * Makefile, against the installed library with -std=c11 (e2e_install). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <signal.h>
#include <locale.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <glib.h>
#ifdef __GLIBC__
#include <malloc.h>
#include <stdint.h>
#include <sys/mman.h>
#endif
#include "assetlint.h"
#include "makeset_cli.h"

#ifdef __GLIBC__
static void thread_heap(void *data);
#endif

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
	gboolean help;
	gboolean list_rules;
	char *baseline;
	gboolean update_baseline;
	char *color;
	gboolean no_config;
	int max_results;
	char *doc_url;
	gboolean allow_empty;
	char **excludes;
	char *files_from;
	char **paths;
} cli_opts;

typedef struct {
	gint64 start, last;
	gint64 delay;            /* microseconds before the first draw */
	bool drawn;
	bool active;             /* the bar may be drawn (stderr is a terminal) */
} progress_state;

/* Columns of the terminal on standard error (COLUMNS, else 80). */
static int term_width(void)
{
	struct winsize ws;
	if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	const char *cols = getenv("COLUMNS");
	int n = cols ? atoi(cols) : 0;
	return n > 0 ? n : 80;
}

/* "1:05", or "1:02:05" past an hour. */
static void fmt_duration(char *buf, size_t len, double secs)
{
	long s = secs > 0 && secs < 360000 ? (long)(secs + 0.5) : 0;
	if (s >= 3600)
		g_snprintf(buf, len, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
	else
		g_snprintf(buf, len, "%ld:%02ld", s / 60, s % 60);
}

/* ASSETLINT_PROGRESS_DELAY: seconds a run takes before the bar appears
 * (default 1; 0 draws it at once).  Bad values keep the default. */
static gint64 progress_delay(void)
{
	const char *v = getenv("ASSETLINT_PROGRESS_DELAY");
	char *end;
	double s = v && *v ? g_ascii_strtod(v, &end) : 1.0;
	if (!v || !*v || *end || !(s >= 0 && s <= 3600))
		s = 1.0;
	return (gint64)(s * G_USEC_PER_SEC);
}

/* One line on standard error, redrawn in place at most ten times a second
 * once the run has taken ASSETLINT_PROGRESS_DELAY (a second): "[####    ] 120/5000 files  48 files/s
 * ETA 1:42".  It is cut to the terminal's width less one column (so that
 * it never wraps, even at 30 columns): the bar goes first, then the ETA,
 * then the rate; the count always stays. */
static void progress(void *data, int done, int total)
{
	progress_state *p = data;
	gint64 now = g_get_monotonic_time();
	if (now - p->start < p->delay && !p->drawn)
		return;
	if (p->drawn && now - p->last < G_USEC_PER_SEC / 10 && done < total)
		return;
	p->last = now;

	double secs = (double)(now - p->start) / G_USEC_PER_SEC;
	double rate = secs > 0 ? done / secs : 0;
	char count[48], speed[32] = "", eta[32] = "", left[16];
	g_snprintf(count, sizeof count, "%d/%d files", done, total);
	if (rate > 0) {
		g_snprintf(speed, sizeof speed, rate < 10 ? "  %.1f files/s" : "  %.0f files/s", rate);
		fmt_duration(left, sizeof left, (total - done) / rate);
		g_snprintf(eta, sizeof eta, "  ETA %s", left);
	}
	int avail = term_width() - 1;
	int n = (int)strlen(count);
	if (n + (int)strlen(eta) > avail)
		eta[0] = '\0';
	n += (int)strlen(eta);
	if (n + (int)strlen(speed) > avail)
		speed[0] = '\0';
	n += (int)strlen(speed);
	int bar = MIN(30, avail - n - 3);   /* "[" bar "] " */

	GString *line = g_string_new("\r");
	if (bar >= 5) {
		int fill = total > 0 ? (int)((gint64)done * bar / total) : bar;
		g_string_append_c(line, '[');
		for (int i = 0; i < bar; i++)
			g_string_append_c(line, i < fill ? '#' : ' ');
		g_string_append(line, "] ");
	}
	g_string_append_printf(line, "%s%s%s", count, speed, eta);
	if (line->len - 1 > (gsize)avail && avail > 0)
		g_string_truncate(line, (gsize)avail + 1);
	g_string_append(line, "\033[K");
	fputs(line->str, stderr);
	fflush(stderr);
	g_string_free(line, TRUE);
	p->drawn = true;
}

/* SIGINT, SIGTERM, SIGHUP: remove the temporary report files being
 * written, then die of the signal as if there were no handler. */
static void on_signal(int sig)
{
	al_remove_temp_files();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void catch_signals(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (unsigned i = 0; i < G_N_ELEMENTS(sigs); i++) {
		struct sigaction old;
		/* keep "ignore" when the parent asked for it (nohup) */
		if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
			sigaction(sigs[i], &sa, NULL);
	}
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

/* --color=auto: NO_COLOR set to a non-empty value turns colour off
 * (no-color.org: an empty NO_COLOR is as if unset); else FORCE_COLOR set
 * and not empty turns it on even when not a terminal (force-color.org);
 * else colour on a terminal whose TERM is not "dumb".  --color=always and
 * never win over both. */
static bool want_color(const char *mode)
{
	if (mode && strcmp(mode, "auto") != 0)
		return strcmp(mode, "always") == 0;
	const char *no = getenv("NO_COLOR"), *force = getenv("FORCE_COLOR");
	const char *term = getenv("TERM");
	if (no && *no)
		return false;
	if (force && *force)
		return true;
	return isatty(STDOUT_FILENO) && !(term && strcmp(term, "dumb") == 0);
}

/* The .assetlintignore beside the config file in use; without one, the
 * nearest in the folder of @start or its parents (NULL with --no-config).
 * Caller g_free()s. */
static char *find_ignore(const cli_opts *c, const char *config, const char *start)
{
	char *dir = config ? g_path_get_dirname(config) : NULL;
	if (!dir && !c->no_config) {
		dir = g_canonicalize_filename(start, NULL);
		if (!g_file_test(dir, G_FILE_TEST_IS_DIR)) {
			char *up = g_path_get_dirname(dir);
			g_free(dir);
			dir = up;
		}
	}
	while (dir) {
		char *cand = g_build_filename(dir, ".assetlintignore", NULL);
		if (g_file_test(cand, G_FILE_TEST_IS_REGULAR)) {
			g_free(dir);
			return cand;
		}
		g_free(cand);
		char *up = config ? NULL : g_path_get_dirname(dir);
		if (up && strcmp(up, dir) == 0)
			g_clear_pointer(&up, g_free);
		g_free(dir);
		dir = up;
	}
	return NULL;
}

static int apply_options(cli_opts *c, al_options *opts)
{
	char *err = NULL;
	int ret = 0;
	const char *start = c->paths[0] ? c->paths[0] : ".";
	char *config = c->config ? g_strdup(c->config)
	               : c->no_config ? NULL : al_config_find(start);
	char *ignore = find_ignore(c, config, start);

	if (config && al_options_load_config(opts, config, &err) != AL_OK) {
		ret = fail("%s", err);
		goto out;
	}
	if (ignore && al_options_load_ignore(opts, ignore, &err) != AL_OK) {
		ret = fail("%s", err);
		goto out;
	}
	for (char **x = c->excludes; x && *x; x++)
		if (al_options_add_exclude(opts, *x, &err) != AL_OK) {
			ret = fail("--exclude: %s", err);
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
#ifdef __GLIBC__
	/* glibc gives each thread its own heap (arena), up to 8 per core;
	 * an arena keeps what it ever held (see main()), so each worker's
	 * heap grows to the largest image it met, and their sum, not the
	 * largest image, sets the peak: 99 MB vs 72 MB at -j2 over 5,000
	 * files of the evaluation corpus (issue #10).  One arena per
	 * checking thread (-j of them; the main thread, which writes the
	 * reports, shares one): a worker reuses the buffers it freed, still
	 * in its own core's cache.  With one arena for all, each image's
	 * planes were the other core's freed ones, and its lock was taken
	 * a few thousand times per image by both: -j2 cost 1.4x the CPU of
	 * -j1 against 1.0x for two -j1 processes side by side, and 1.07x
	 * with an arena per thread (make bench's tree, issue #10; peak RSS
	 * 51 -> 55 MB).  Before any worker starts. */
	mallopt(M_ARENA_MAX, c->jobs > 0 ? c->jobs : (int)g_get_num_processors());
	al_options_set_thread_start(opts, thread_heap, NULL);
#endif
	if (c->max_results < -1) {
		ret = fail("--max-results %d: want a number of findings >= 0", c->max_results);
		goto out;
	}
	al_options_set_max_results(opts, c->max_results);
	al_options_set_doc_url(opts, c->doc_url);
	al_options_set_quiet(opts, c->quiet);
out:
	g_free(err);
	g_free(ignore);
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

/* A mistyped path must not pass a gate: a run that checked no image is a
 * failure of its own (the reports still say what the walk met), as eslint
 * does for patterns that match no file.  @errors: findings of the run. */
static int no_image(cli_opts *c, int errors)
{
	int ret;
	char *list = c->paths[0] ? g_strjoinv("', '", c->paths)
	             : g_strdup("the empty --files-from list");
	if (errors)   /* e.g. folders that cannot be read: say so */
		ret = fail("no image could be checked in '%s': %d error%s in the report (entries "
		           "that cannot be read)", list, errors, errors == 1 ? "" : "s");
	else
		ret = fail("no image found in '%s': nothing was checked (check the path, "
		           "or pass --allow-empty to accept a run without images)", list);
	g_free(list);
	return ret;
}

/* ---- the streamed run ------------------------------------------------------
 * Without a baseline or an HTML report, the results are written as they
 * come (al_check_paths_stream()): each report file and standard output
 * get a streaming writer, and nothing grows with the number of files. */

typedef struct {
	al_baseline *apply;      /* --baseline, or NULL */
	al_baseline *record;     /* --update-baseline, or NULL */
	al_writer **w;           /* the -o files, then standard output */
	char **names;            /* for messages: the file, or NULL for stdout */
	int n;
	int files, errors, warnings, infos;
	char *err;               /* the first write failure, "where: why" */
} stream_run;

static void count_findings(stream_run *sr, int n, const al_finding *(*nth)(const void *, int),
                           const void *obj)
{
	for (int i = 0; i < n; i++) {
		al_severity sev = al_finding_severity(nth(obj, i));
		sr->errors += sev == AL_SEV_ERROR;
		sr->warnings += sev == AL_SEV_WARNING;
		sr->infos += sev == AL_SEV_INFO;
	}
}

static const al_finding *file_nth(const void *o, int i) { return al_file_finding(o, i); }
static const al_finding *set_nth(const void *o, int i) { return al_set_finding(o, i); }

/* Records the failure of writer @i (its message in *e, taken). */
static int stream_failed(stream_run *sr, int i, char *e)
{
	if (!sr->err)
		sr->err = sr->names[i] ? g_strdup(e ? e : "write failed")
		          : g_strdup_printf("stdout: %s", e ? e : "write failed");
	al_free(e);
	return 1;
}

static int stream_file(void *data, al_file *f)
{
	stream_run *sr = data;
	sr->files++;
	al_baseline_apply_file(sr->apply, f);
	al_baseline_add_file(sr->record, f);
	count_findings(sr, al_file_n_findings(f), file_nth, f);
	for (int i = 0; i < sr->n; i++) {
		char *e = NULL;
		if (al_writer_add_file(sr->w[i], f, &e) != AL_OK)
			return stream_failed(sr, i, e);
	}
	return 0;
}

/* Counts and writes a final set. */
static int emit_set(stream_run *sr, const al_set *s)
{
	count_findings(sr, al_set_n_findings(s), set_nth, s);
	for (int i = 0; i < sr->n; i++) {
		char *e = NULL;
		if (al_writer_add_set(sr->w[i], s, &e) != AL_OK)
			return stream_failed(sr, i, e);
	}
	return 0;
}

static int stream_set(void *data, al_set *s)
{
	stream_run *sr = data;
	al_baseline_apply_set(sr->apply, s);
	al_baseline_add_set(sr->record, s);
	return emit_set(sr, s);
}

/* The report formats of -o and --format; false after a message. */
static int check_outputs(cli_opts *c, al_report_format *stdout_fmt, bool *html)
{
	*html = false;
	for (char **o = c->outputs; o && *o; o++) {
		const char *path;
		al_report_format ofmt = AL_REPORT_JSON;
		if (parse_output(*o, &ofmt, &path) != 0)
			return fail("-o %s: say the format, as FORMAT:FILE (%s)", *o, FORMATS);
		*html |= ofmt == AL_REPORT_HTML;
	}
	*stdout_fmt = AL_REPORT_TEXT;
	if (c->format && al_report_format_parse(c->format, stdout_fmt) != AL_OK)
		return fail("--format %s: want one of %s", c->format, FORMATS);
	*html |= *stdout_fmt == AL_REPORT_HTML;
	return 0;
}

static void max_results_note(cli_opts *c, int e, int w, int i)
{
	if (c->max_results >= 0 && e + w + i > c->max_results)
		fprintf(stderr, "assetlint: note: --max-results %d: the SARIF, github and "
		        "gitlab reports leave out %d of %d findings, the least severe\n",
		        c->max_results, e + w + i - c->max_results, e + w + i);
}

static int run_streamed(cli_opts *c, al_options *opts, al_report_format stdout_fmt,
                        progress_state *prog)
{
	stream_run sr = { 0 };
	FILE *held = NULL;
	int n_out = (int)(c->outputs ? g_strv_length(c->outputs) : 0);
	int ret = 0;
	char *err = NULL;

	sr.w = g_new0(al_writer *, n_out + 1);
	sr.names = g_new0(char *, n_out + 1);
	if (c->update_baseline && !c->baseline) {
		ret = fail("--update-baseline needs --baseline FILE");
		goto out;
	}
	if (c->update_baseline) {
		sr.record = al_baseline_new(c->baseline);
	} else if (c->baseline && !(sr.apply = al_baseline_load(c->baseline, &err))) {
		ret = fail("%s", err);
		goto out;
	}
	for (int k = 0; k < n_out; k++) {
		const char *path;
		al_report_format ofmt = AL_REPORT_JSON;
		parse_output(c->outputs[k], &ofmt, &path);
		sr.w[sr.n] = al_writer_new_file(opts, ofmt, path, &err);
		if (!sr.w[sr.n]) {
			ret = fail("%s", err);
			goto out;
		}
		sr.names[sr.n++] = g_strdup(path);
	}
	/* A progress bar and a report on the same terminal would mix: then
	 * the report waits in an unlinked temporary file until the bar is
	 * gone (the memory stays flat all the same). */
	held = prog->active && isatty(STDOUT_FILENO) ? tmpfile() : NULL;
	sr.w[sr.n] = al_writer_new(opts, stdout_fmt, held ? held : stdout,
	                           want_color(c->color), &err);
	if (!sr.w[sr.n]) {
		ret = fail("stdout: %s", err);
		goto out;
	}
	sr.n++;

	al_status st = al_check_paths_stream(opts, (const char *const *)c->paths,
	                                     (int)g_strv_length(c->paths),
	                                     stream_file, stream_set, &sr, &err);
	if (prog->drawn)
		fputs("\r\033[K", stderr);
	if (st == AL_ERR_CANCELLED) {
		ret = fail("%s", sr.err);
		goto out;
	}
	if (st != AL_OK) {
		ret = fail("%s", err);
		goto out;
	}
	if (sr.apply) {
		/* the entries of files and sets this run did not check */
		al_report *rest = al_baseline_unchecked(sr.apply, opts);
		for (int i = 0; i < al_report_n_sets(rest) && !sr.err; i++)
			emit_set(&sr, al_report_set(rest, i));
		al_report_free(rest);
		if (sr.err) {
			ret = fail("%s", sr.err);
			goto out;
		}
	}
	if (sr.record && al_baseline_save(sr.record, c->baseline, &err) != AL_OK) {
		ret = fail("%s", err);
		goto out;
	}
	for (int k = 0; k < sr.n; k++) {
		if (!sr.names[k])
			max_results_note(c, sr.errors, sr.warnings, sr.infos);
		if (al_writer_finish(sr.w[k], &err) != AL_OK) {
			ret = sr.names[k] ? fail("%s", err) : fail("stdout: %s", err);
			goto out;
		}
	}
	if (held) {
		char buf[65536];
		size_t n;
		rewind(held);
		while ((n = fread(buf, 1, sizeof buf, held)) > 0)
			if (fwrite(buf, 1, n, stdout) != n)
				break;
		if (ferror(held)) {
			ret = fail("stdout: reading the held report back failed");
			goto out;
		}
	}
	if (sr.files == 0 && !c->allow_empty)
		ret = no_image(c, sr.errors);
	if (!ret)
		ret = sr.record ? AL_EXIT_CLEAN : (int)al_exit_status(opts, sr.errors, sr.warnings);
out:
	al_baseline_free(sr.apply);
	al_baseline_free(sr.record);
	if (held)
		fclose(held);
	for (int k = 0; k < n_out + 1; k++) {
		al_writer_free(sr.w[k]);
		g_free(sr.names[k]);
	}
	g_free(sr.w);
	g_free(sr.names);
	g_free(sr.err);
	al_free(err);
	return ret;
}

static int run(cli_opts *c)
{
	char *err = NULL;
	al_options *opts = al_options_new();
	al_report *rep = NULL;
	progress_state prog = { .start = g_get_monotonic_time(), .delay = progress_delay() };
	int ret = apply_options(c, opts);
	if (ret)
		goto out;
	if (isatty(STDERR_FILENO) && !c->quiet) {
		al_options_set_progress(opts, progress, &prog);
		prog.active = true;
	}
	al_report_format stdout_fmt;
	bool html = false;
	if ((ret = check_outputs(c, &stdout_fmt, &html)) != 0)
		goto out;
	/* The HTML contact sheet still wants the whole report; everything
	 * else is written as it comes. */
	if (!html) {
		ret = run_streamed(c, opts, stdout_fmt, &prog);
		goto out;
	}

	/* the check keeps each card's image and masks: the writer then
	 * reads no file again */
	al_options_set_previews(opts, 1);
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
	if (!ret && al_report_n_files(rep) == 0 && !c->allow_empty) {
		int errors, warnings, infos;
		al_report_counts(rep, &errors, &warnings, &infos);
		ret = no_image(c, errors);
	}
	if (!ret)
		ret = c->update_baseline ? AL_EXIT_CLEAN : (int)al_report_exit_status(rep, opts);
out:
	al_report_free(rep);
	al_options_free(opts);
	g_free(err);
	return ret;
}

/* Adds the paths listed in @file ("-": standard input) to @paths: one per
 * line, or NUL-separated when the list holds a NUL byte (git diff -z,
 * find -print0).  Returns 0, or AL_EXIT_FAILURE after a message. */
static int read_files_from(const char *file, GPtrArray *paths)
{
	GError *gerr = NULL;
	char *text = NULL;
	gsize len = 0;
	bool ok;

	if (strcmp(file, "-") == 0) {
		GIOChannel *ch = g_io_channel_unix_new(STDIN_FILENO);
		g_io_channel_set_encoding(ch, NULL, NULL);
		ok = g_io_channel_read_to_end(ch, &text, &len, &gerr) == G_IO_STATUS_NORMAL;
		g_io_channel_unref(ch);
	} else {
		ok = g_file_get_contents(file, &text, &len, &gerr);
	}
	if (!ok) {
		int ret = fail("--files-from %s: %s", strcmp(file, "-") ? file : "(standard input)",
		               gerr ? gerr->message : "read failed");
		g_clear_error(&gerr);
		g_free(text);
		return ret;
	}
	char sep = memchr(text, '\0', len) ? '\0' : '\n';
	for (gsize i = 0; i < len;) {
		const char *end = memchr(text + i, sep, len - i);
		gsize n = end ? (gsize)(end - (text + i)) : len - i;
		gsize m = n;
		if (sep == '\n' && m && text[i + m - 1] == '\r')
			m--;
		if (m)
			g_ptr_array_add(paths, g_strndup(text + i, m));
		i += n + 1;
	}
	g_free(text);
	return 0;
}

/* The paths to check: the arguments and the --files-from list.  A path
 * that does not exist but looks like a quoted glob or a response file gets
 * a hint, since assetlint expands neither.  Returns 0 or AL_EXIT_FAILURE. */
static int collect_paths(cli_opts *c)
{
	GPtrArray *all = g_ptr_array_new();
	int ret = 0;
	for (char **p = c->paths; p && *p; p++)
		g_ptr_array_add(all, g_strdup(*p));
	if (c->files_from)
		ret = read_files_from(c->files_from, all);
	for (guint i = 0; !ret && i < all->len; i++) {
		const char *p = g_ptr_array_index(all, i);
		if (g_file_test(p, G_FILE_TEST_EXISTS))
			continue;
		if (strpbrk(p, "*?["))
			ret = fail("%s: no such file or folder; assetlint does not expand "
			           "patterns: let the shell expand them (no quotes), give the "
			           "folder, or use --exclude GLOB", p);
		else if (p[0] == '@')
			ret = fail("%s: no such file or folder; to read the paths from a "
			           "list, use --files-from %s", p, p + 1);
	}
	g_ptr_array_add(all, NULL);
	g_strfreev(c->paths);
	c->paths = (char **)g_ptr_array_free(all, FALSE);
	return ret;
}

/* GOption's help, printed as it is (UTF-8) on a UTF-8 locale; elsewhere
 * with "..." for the ellipsis, which g_print() would turn into "?". */
static void print_help(GOptionContext *ctx)
{
	char *help = g_option_context_get_help(ctx, TRUE, NULL);
	if (!g_get_charset(NULL)) {
		char **parts = g_strsplit(help, "\u2026", -1);
		g_free(help);
		help = g_strjoinv("...", parts);
		g_strfreev(parts);
	}
	fputs(help, stdout);
	g_free(help);
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

#ifdef __GLIBC__
/* The main thread checks a lone file (and every file at -j1).  Its heap
 * is grown once by HUGE_HEAP bytes of address space (no memory: nothing
 * is touched, and the trim threshold keeps it) and advised to be backed by
 * transparent huge pages where the kernel does so on request (madvise
 * mode): the image's buffers then fault in 2 MiB at a time, not 4 KiB.
 * One hero touches ~15 MB once, and on a virtual machine each fault is
 * dear: ~45 % less CPU for one hero (make bench), reports unchanged (the
 * advice changes no byte).  What glibc.malloc.hugetlb=1 does, without
 * asking users to set GLIBC_TUNABLES.
 *
 * Only whole 2 MiB pages can be huge, and the freed block starts anywhere
 * in one (the heap's start is random): malloc carves the first image's
 * buffers from that unadvised head, 0-2 MiB of 4 KiB faults, 1 MiB on
 * average (a hero: 180-600 faults, ~3 ms on this VM, varying from run to
 * run).  So the head is allocated once and kept (heap_pad: address space
 * only, never touched), and the image buffers start on a huge page.  The
 * advice comes first: the allocation writes malloc's header of the rest
 * at the boundary, and a 4 KiB page faulted there before the advice would
 * keep that whole 2 MiB from being huge. */
#define HUGE_HEAP ((size_t)24 << 20)
static void *heap_pad;       /* kept, so that leak checkers see it held */
static void huge_heap(void)
{
#ifdef MADV_HUGEPAGE         /* Linux, with _DEFAULT_SOURCE or _GNU_SOURCE */
	const uintptr_t thp = (uintptr_t)2 << 20;
	void *p = malloc(HUGE_HEAP);
	if (!p)
		return;
	uintptr_t at = (uintptr_t)p;
	uintptr_t a = (at + thp - 1) & ~(thp - 1);
	uintptr_t e = (at + HUGE_HEAP) & ~(thp - 1);
	free(p);
	if (e <= a)
		return;
	(void)madvise((void *)a, e - a, MADV_HUGEPAGE);
	/* glibc takes a block from the freed space at its start: its chunk
	 * (header included) then ends, and the free rest begins, at a.  If
	 * malloc took it from elsewhere, the layout is not glibc's as assumed:
	 * give it back (the heap then works as before). */
	if (a > at) {
		heap_pad = malloc(a - at + sizeof(size_t));
		if (heap_pad && (uintptr_t)heap_pad != at) {
			free(heap_pad);
			heap_pad = NULL;
		}
	}
#endif
}

/* A checking thread's heap (al_options_set_thread_start(), -j2 and up):
 * glibc gives each of the -j workers an arena of its own (M_ARENA_MAX,
 * below), a reservation of HEAP_MAX_SIZE bytes aligned to that size, of
 * which it makes the first request plus M_TOP_PAD bytes writable at once
 * (main() sets the pad to HUGE_HEAP) and the rest as the arena grows.
 * Advised here like the main thread's heap, its buffers fault in 2 MiB at
 * a time: without it a -j2 run took 4,970 page faults on make bench's
 * tree against 1,500 at -j1 (~10 us each on the VM it ran on); with it
 * 2,050, and 0.975x the CPU time.  A thread that shares the main arena
 * (its heap lies below the break) needs nothing. */
static void thread_heap(void *data)
{
	(void)data;
#ifdef MADV_HUGEPAGE
	const uintptr_t reserve = 2 * 4 * 1024 * 1024 * sizeof(long); /* glibc's HEAP_MAX_SIZE */
	void *p = malloc((size_t)16 << 10);  /* beyond the tcache: from the arena */
	if (!p)
		return;
	uintptr_t at = (uintptr_t)p;
	if (at >= (uintptr_t)sbrk(0))
		(void)madvise((void *)(at & ~(reserve - 1)), reserve, MADV_HUGEPAGE);
	free(p);
#endif
}
#endif

int main(int argc, char **argv)
{
	/* The user's locale for text: its character set (GOption's
	 * "[OPTION…]" and messages in UTF-8) and the language of GLib's and
	 * the C library's messages.  Numbers stay in the C locale, as reports
	 * and Tesseract need a '.' decimal point, and nothing here collates,
	 * formats dates or money by locale: loading those categories too
	 * (setlocale(LC_ALL, "")) read ten more files and took ~100 K
	 * instructions and ~10 page faults of every start-up (issue #10). */
	setlocale(LC_CTYPE, "");
	setlocale(LC_MESSAGES, "");
	if (argc > 1 && strcmp(argv[1], "make-set") == 0) {
		catch_signals();
		return makeset_main(argc - 1, argv + 1, want_color);
	}
	cli_opts c = { .max_warnings = -1, .jobs = 0, .max_results = -1 };

#ifdef __GLIBC__
	/* Every image allocates and frees buffers of the same few sizes (a
	 * hero's Lab planes are 2.8 MB).  glibc's default returns them to the
	 * kernel on each free (mmap, then heap trimming in the worker
	 * threads' arenas), so each image paid its page faults again: 20-35 %
	 * of the run (make bench).  Keep freed memory for the next image. */
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
	mallopt(M_TRIM_THRESHOLD, 256 << 20);
	huge_heap();
	/* ...but only buffers of the sizes a hero needs (the largest, 16
	 * bytes a pixel, is 3.8 MB).  Larger ones belong to images beyond
	 * every role's size, decoded reduced to up to 4x a hero: kept, they
	 * would be stranded between smaller blocks and add up over a run
	 * (issue #10: peak RSS at 5,000 files 72 MB with this, 78 without).
	 * They are mapped and given back when freed.  Set after huge_heap(),
	 * which needs the larger threshold. */
	mallopt(M_MMAP_THRESHOLD, 4 << 20);
	/* A checking thread's arena starts with this much writable (see
	 * thread_heap()); the main heap grows by it at a time, address space
	 * only.  After huge_heap(), which grows the main heap itself. */
	mallopt(M_TOP_PAD, (int)HUGE_HEAP);
#endif
	const GOptionEntry entries[] = {
		{ "format", 'f', 0, G_OPTION_ARG_STRING, &c.format, "Output on stdout: " FORMATS " (default text)", "FORMAT" },
		{ "output", 'o', 0, G_OPTION_ARG_STRING_ARRAY, &c.outputs, "Also write a report file, atomically; repeatable", "[FORMAT:]FILE" },
		{ "config", 0, 0, G_OPTION_ARG_FILENAME, &c.config, "Config file (default: .assetlint.ini in the checked folder or its parents)", "FILE" },
		{ "no-config", 0, 0, G_OPTION_ARG_NONE, &c.no_config, "Do not look for .assetlint.ini", NULL },
		{ "files-from", 0, 0, G_OPTION_ARG_FILENAME, &c.files_from, "Also check the paths listed in FILE, one per line or NUL-separated (- = standard input)", "FILE" },
		{ "exclude", 0, 0, G_OPTION_ARG_STRING_ARRAY, &c.excludes, "Leave out files and folders matching GLOB (.gitignore rules); repeatable", "GLOB" },
		{ "allow-empty", 0, 0, G_OPTION_ARG_NONE, &c.allow_empty, "A run that finds no image exits 0, not 2", NULL },
		{ "profile", 0, 0, G_OPTION_ARG_STRING, &c.profile, "Size profile: cpp-2020 (default), pc-2019, pc-current", "NAME" },
		{ "rule", 0, 0, G_OPTION_ARG_STRING_ARRAY, &c.rules, "Set a rule's severity; repeatable", "ID=off|info|warning|error" },
		{ "strict", 0, 0, G_OPTION_ARG_NONE, &c.strict, "Warnings fail the run too", NULL },
		{ "max-warnings", 0, 0, G_OPTION_ARG_INT, &c.max_warnings, "Fail when there are more than N warnings", "N" },
		{ "jobs", 'j', 0, G_OPTION_ARG_INT, &c.jobs, "Threads (default: all cores)", "N" },
		{ "quiet", 'q', 0, G_OPTION_ARG_NONE, &c.quiet, "Text output: errors only, no summary, no progress bar", NULL },
		{ "color", 0, 0, G_OPTION_ARG_STRING, &c.color, "Colour text output: auto (default; honours NO_COLOR and FORCE_COLOR), always, never", "WHEN" },
		{ "max-results", 0, 0, G_OPTION_ARG_INT, &c.max_results, "SARIF, github, gitlab: at most N findings, the most severe (GitHub takes 25000 per run)", "N" },
		{ "doc-url", 0, 0, G_OPTION_ARG_STRING, &c.doc_url, "SARIF: link each rule to this documentation URL (helpUri)", "URL" },
		{ "baseline", 0, 0, G_OPTION_ARG_FILENAME, &c.baseline, "Suppress the findings recorded in FILE", "FILE" },
		{ "update-baseline", 0, 0, G_OPTION_ARG_NONE, &c.update_baseline, "Record the current findings in the --baseline file", NULL },
		{ "list-rules", 0, 0, G_OPTION_ARG_NONE, &c.list_rules, "List the rules with severities and thresholds", NULL },
		{ "version", 0, 0, G_OPTION_ARG_NONE, &c.version, "Print the version", NULL },
		{ "help", 'h', 0, G_OPTION_ARG_NONE, &c.help, "Print this help", NULL },
		{ G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &c.paths, NULL, "PATH\u2026" },
		{ NULL, 0, 0, 0, NULL, NULL, NULL }
	};
	/* GOption prints the remaining-arguments name, then this string. */
	GOptionContext *ctx = g_option_context_new("- check Azure Marketplace offer images");
	GError *gerr = NULL;
	int ret = AL_EXIT_CLEAN;

	char **args = split_short_values(&argc, argv);
	char **args_orig = g_memdup2(args, sizeof(char *) * ((gsize)argc + 1));
	argv = args;
	g_option_context_add_main_entries(ctx, entries, NULL);
	g_option_context_set_help_enabled(ctx, FALSE);
	g_option_context_set_summary(ctx,
		"Checks the logos (40x40, 90x90, 115x115, 255x115) and the hero (815x290)\n"
		"of an offer against the marketplace's image rules.  A folder is walked and\n"
		"each folder of images is one offer set; a file named alone is checked alone.");
	g_option_context_set_description(ctx,
		"Examples:\n"
		"  assetlint marketing/contoso/          check one offer folder\n"
		"  assetlint logo.png                    check one file (no set rules)\n"
		"  assetlint -o html:report.html assets/ also write a contact sheet\n"
		"  assetlint -q -o sarif:assetlint.sarif --max-results 25000 assets/\n"
		"                                        CI gate, SARIF for code scanning\n"
		"  assetlint -f github assets/           annotations in GitHub Actions\n"
		"  assetlint -f gitlab assets/ > gl-code-quality-report.json\n"
		"  git diff --cached --name-only -z | assetlint --files-from -\n"
		"  assetlint --exclude 'drafts/' --exclude '*.psd.png' assets/\n"
		"\n"
		"Exit status: 0 no errors, 1 error findings (or warnings with --strict),\n"
		"2 usage, config or I/O failure, or no image found.  See assetlint(1).");
	if (!g_option_context_parse(ctx, &argc, &argv, &gerr)) {
		ret = fail("%s\nTry 'assetlint --help'.", gerr->message);
		g_clear_error(&gerr);
	} else if (c.help) {
		print_help(ctx);
	} else if (c.version) {
		printf("assetlint %s\nocr: %s\n", AL_VERSION, al_ocr_describe());
	} else if (c.list_rules) {
		al_rules_list(stdout);
	} else if (c.color && strcmp(c.color, "auto") && strcmp(c.color, "always") &&
	           strcmp(c.color, "never")) {
		ret = fail("--color %s: want auto, always or never", c.color);
	} else if ((!c.paths || !c.paths[0]) && !c.files_from) {
		ret = fail("no PATH given\nTry 'assetlint --help'.");
	} else if ((ret = collect_paths(&c)) == 0) {
		catch_signals();
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
	g_free(c.files_from);
	g_strfreev(c.excludes);
	g_strfreev(c.paths);
	g_free(args);
	g_strfreev(args_orig);
	return ret;
}
