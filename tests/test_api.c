/* The embedding API (issue #11) through the public header only: checking
 * a buffer, its argument errors, the accessors' edges (out of range, NULL,
 * NaN), setters that refuse bad values, sets of al_check_paths(), and an
 * HTML report of a buffer that never reads a file of the same name.
 * tests/e2e_install.sh compares every finding with the JSON report. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib.h>
#include <glib/gstdio.h>
#include "assetlint.h"

typedef struct {
	al_options *opts;
	al_report *rep;
	char *data;
	gsize len;
} fixture;

static int setup(void **state)
{
	fixture *fx = calloc(1, sizeof *fx);
	fx->opts = al_options_new();
	*state = fx;
	return fx->opts ? 0 : -1;
}

static int teardown(void **state)
{
	fixture *fx = *state;
	al_report_free(fx->rep);
	al_options_free(fx->opts);
	g_free(fx->data);
	free(fx);
	return 0;
}

static void load(fixture *fx, const char *path)
{
	g_free(fx->data);
	fx->data = NULL;
	assert_true(g_file_get_contents(path, &fx->data, &fx->len, NULL));
}

/* Checks fx->data as @name; the report replaces fx->rep. */
static const al_file *check_as(fixture *fx, const char *name)
{
	char *err = NULL;
	al_report_free(fx->rep);
	fx->rep = NULL;
	assert_int_equal(al_check_buffer(fx->opts, name, fx->data, fx->len, &fx->rep, &err), AL_OK);
	assert_null(err);
	assert_non_null(fx->rep);
	assert_int_equal(al_report_n_files(fx->rep), 1);
	assert_int_equal(al_report_n_sets(fx->rep), 0);
	return al_report_file(fx->rep, 0);
}

static const al_finding *find_rule(const al_file *f, const char *rule)
{
	for (int i = 0; i < al_file_n_findings(f); i++)
		if (strcmp(al_finding_rule(al_file_finding(f, i)), rule) == 0)
			return al_file_finding(f, i);
	return NULL;
}

static void test_version(void **state)
{
	assert_string_equal(al_version(), AL_VERSION);
	al_free(NULL);
}

/* A white small logo: role from the name, a region and a measurement. */
static void test_buffer_findings(void **state)
{
	fixture *fx = *state;
	load(fx, "testdata/demo/fabrikam/small.png");
	const al_file *f = check_as(fx, "uploads/Small.png");

	assert_string_equal(al_file_path(f), "uploads/Small.png");
	assert_int_equal(al_file_role(f), AL_ROLE_SMALL);
	assert_int_equal(al_file_role_source(f), AL_ROLE_FROM_FILENAME);
	assert_int_equal(al_file_format(f), AL_FMT_PNG);
	assert_int_equal(al_file_width(f), 40);
	assert_int_equal(al_file_height(f), 40);
	const al_finding *w = find_rule(f, "background-white");
	assert_non_null(w);
	assert_int_equal(al_finding_severity(w), AL_SEV_ERROR);
	assert_non_null(strstr(al_finding_message(w), "white"));
	int x = -1, y = -1, rw = -1, rh = -1;
	assert_int_equal(al_finding_region(w, &x, &y, &rw, &rh), 1);
	assert_true(rw > 0 && rh > 0 && x >= 0 && y >= 0 && x + rw <= 40 && y + rh <= 40);
	assert_int_equal(al_finding_region(w, NULL, NULL, NULL, NULL), 1);
	assert_false(isnan(al_finding_measured(w)));
	assert_false(isnan(al_finding_limit(w)));

	int e = -1, wn = -1, in = -1;
	al_report_counts(fx->rep, &e, &wn, &in);
	assert_true(e >= 1);
	assert_int_equal(al_report_exit_status(fx->rep, fx->opts), AL_EXIT_FINDINGS);
}

/* The name decides role and extension exactly as a path would. */
static void test_name_gives_role_and_extension(void **state)
{
	fixture *fx = *state;
	load(fx, "testdata/demo/fabrikam/small.png");

	const al_file *f = check_as(fx, "artwork-7.png");
	assert_int_equal(al_file_role(f), AL_ROLE_SMALL);
	assert_int_equal(al_file_role_source(f), AL_ROLE_FROM_DIMENSIONS);
	assert_null(find_rule(f, "extension-mismatch"));

	f = check_as(fx, "Small.gif");
	const al_finding *m = find_rule(f, "extension-mismatch");
	assert_non_null(m);
	/* A finding without region or measurement. */
	int x = 7, y = 7, w = 7, h = 7;
	assert_int_equal(al_finding_region(m, &x, &y, &w, &h), 0);
	assert_int_equal(x | y | w | h, 0);
	assert_true(isnan(al_finding_measured(m)));
	assert_true(isnan(al_finding_limit(m)));

	f = check_as(fx, "hero.png");
	assert_int_equal(al_file_role(f), AL_ROLE_HERO);
	assert_non_null(find_rule(f, "dimensions"));
}

/* Broken bytes are findings of an AL_OK check, never failures. */
static void test_bad_buffers_are_findings(void **state)
{
	fixture *fx = *state;
	const al_file *f;

	g_free(fx->data);
	fx->data = NULL;
	fx->len = 0;
	f = check_as(fx, "Small.png");
	assert_non_null(find_rule(f, "decode-error"));
	assert_int_equal(al_file_format(f), AL_FMT_NONE);
	assert_int_equal(al_file_width(f), 0);

	load(fx, "testdata/bad/truncated.png");
	f = check_as(fx, "Hero.png");
	assert_non_null(find_rule(f, "decode-error"));

	g_free(fx->data);
	fx->data = g_strdup("not an image at all");
	fx->len = strlen(fx->data);
	f = check_as(fx, "Small.png");
	assert_non_null(find_rule(f, "decode-error"));

	/* Bytes in memory meet the read limit a file meets. */
	char *err = NULL;
	assert_int_equal(al_options_set_threshold(fx->opts, "unreadable.max_file_mb", 1, &err), AL_OK);
	g_free(fx->data);
	fx->len = (1 << 20) + 1;
	fx->data = g_malloc0(fx->len);
	f = check_as(fx, "Small.png");
	assert_int_equal(al_file_n_findings(f), 1);
	assert_non_null(find_rule(f, "unreadable"));
	assert_non_null(strstr(al_finding_message(al_file_finding(f, 0)), "read limit"));

	/* max_pixels is read: a 40x40 logo above a limit of 100 pixels. */
	load(fx, "testdata/demo/fabrikam/small.png");
	assert_int_equal(al_options_set_max_pixels(fx->opts, 100), AL_OK);
	f = check_as(fx, "Small.png");
	assert_non_null(find_rule(f, "too-large"));
}

static void test_buffer_usage_errors(void **state)
{
	fixture *fx = *state;
	al_report *rep = (al_report *)1;
	char *err = NULL;
	static const char png[] = "\x89PNG";

	assert_int_equal(al_check_buffer(NULL, "a.png", png, 4, &rep, &err), AL_ERR_USAGE);
	assert_null(rep);
	assert_non_null(err);
	al_free(err);
	err = NULL;
	assert_int_equal(al_check_buffer(fx->opts, NULL, png, 4, &rep, &err), AL_ERR_USAGE);
	assert_non_null(strstr(err, "name"));
	al_free(err);
	err = NULL;
	assert_int_equal(al_check_buffer(fx->opts, "", png, 4, &rep, &err), AL_ERR_USAGE);
	al_free(err);
	err = NULL;
	assert_int_equal(al_check_buffer(fx->opts, "a.png", NULL, 4, &rep, &err), AL_ERR_USAGE);
	al_free(err);
	/* @err may be NULL. */
	assert_int_equal(al_check_buffer(fx->opts, "a.png", png, 4, NULL, NULL), AL_ERR_USAGE);
	assert_int_equal(al_check_buffer(fx->opts, "a.png", NULL, 4, &rep, NULL), AL_ERR_USAGE);
	assert_null(rep);
}

static void test_accessors_out_of_range(void **state)
{
	fixture *fx = *state;
	load(fx, "testdata/demo/fabrikam/small.png");
	const al_file *f = check_as(fx, "Small.png");

	assert_null(al_report_file(fx->rep, -1));
	assert_null(al_report_file(fx->rep, 1));
	assert_null(al_report_set(fx->rep, 0));
	assert_null(al_file_finding(f, -1));
	assert_null(al_file_finding(f, al_file_n_findings(f)));

	assert_int_equal(al_report_n_files(NULL), 0);
	assert_int_equal(al_report_n_sets(NULL), 0);
	assert_null(al_report_file(NULL, 0));
	assert_null(al_file_path(NULL));
	assert_int_equal(al_file_role(NULL), AL_ROLE_UNKNOWN);
	assert_int_equal(al_file_format(NULL), AL_FMT_NONE);
	assert_int_equal(al_file_width(NULL), 0);
	assert_int_equal(al_file_n_findings(NULL), 0);
	assert_null(al_set_path(NULL));
	assert_int_equal(al_set_n_files(NULL), 0);
	assert_null(al_set_file(NULL, 0));
	assert_int_equal(al_set_n_findings(NULL), 0);
	assert_null(al_set_finding(NULL, 0));
	assert_null(al_finding_rule(NULL));
	assert_null(al_finding_message(NULL));
	assert_int_equal(al_finding_severity(NULL), AL_SEV_OFF);
	assert_int_equal(al_finding_region(NULL, NULL, NULL, NULL, NULL), 0);
	assert_true(isnan(al_finding_measured(NULL)));
	assert_true(isnan(al_finding_limit(NULL)));
}

/* One image and one options object, checked on its own and with a rule
 * turned off: the options are read at check time. */
static void test_options_apply(void **state)
{
	fixture *fx = *state;
	char *err = NULL;
	load(fx, "testdata/demo/fabrikam/small.png");

	assert_int_equal(al_options_set_severity(fx->opts, "background-white", AL_SEV_OFF, &err), AL_OK);
	assert_null(find_rule(check_as(fx, "Small.png"), "background-white"));
	assert_int_equal(al_options_set_severity(fx->opts, "background-white", AL_SEV_WARNING, &err), AL_OK);
	const al_finding *w = find_rule(check_as(fx, "Small.png"), "background-white");
	assert_non_null(w);
	assert_int_equal(al_finding_severity(w), AL_SEV_WARNING);

	assert_int_equal(al_options_set_severity(fx->opts, "no-such-rule", AL_SEV_OFF, &err), AL_ERR_USAGE);
	assert_non_null(strstr(err, "no-such-rule"));
	al_free(err);
	err = NULL;
	assert_int_equal(al_options_set_profile(fx->opts, "no-such-profile", &err), AL_ERR_USAGE);
	al_free(err);
}

static void test_setters_refuse_bad_values(void **state)
{
	fixture *fx = *state;
	assert_int_equal(al_options_set_threads(fx->opts, -1), AL_ERR_USAGE);
	assert_int_equal(al_options_set_threads(fx->opts, 0), AL_OK);
	assert_int_equal(al_options_set_threads(fx->opts, 3), AL_OK);
	assert_int_equal(al_options_set_threads(NULL, 3), AL_ERR_USAGE);
	assert_int_equal(al_options_set_max_warnings(fx->opts, -2), AL_ERR_USAGE);
	assert_int_equal(al_options_set_max_warnings(fx->opts, -1), AL_OK);
	assert_int_equal(al_options_set_max_warnings(fx->opts, 0), AL_OK);
	assert_int_equal(al_options_set_max_pixels(fx->opts, 0), AL_ERR_USAGE);
	assert_int_equal(al_options_set_max_pixels(fx->opts, -5), AL_ERR_USAGE);
	assert_int_equal(al_options_set_max_pixels(fx->opts, NAN), AL_ERR_USAGE);
	assert_int_equal(al_options_set_max_pixels(fx->opts, INFINITY), AL_ERR_USAGE);
	assert_int_equal(al_options_set_max_pixels(fx->opts, 1e6), AL_OK);

	/* A refused value leaves the options as they were: 1e6 pixels still
	 * lets a 40x40 logo through. */
	load(fx, "testdata/demo/fabrikam/small.png");
	assert_null(find_rule(check_as(fx, "Small.png"), "too-large"));
}

/* Sets of a folder run: their files and set findings. */
static void test_sets_of_paths(void **state)
{
	fixture *fx = *state;
	char *err = NULL;
	const char *paths[] = { "testdata/demo/fabrikam" };

	fx->rep = al_check_paths(fx->opts, paths, 1, &err);
	assert_non_null(fx->rep);
	assert_int_equal(al_report_n_sets(fx->rep), 1);
	const al_set *set = al_report_set(fx->rep, 0);
	assert_string_equal(al_set_path(set), "testdata/demo/fabrikam");
	assert_int_equal(al_set_n_files(set), al_report_n_files(fx->rep));
	assert_int_equal(al_set_n_files(set), 5);
	for (int i = 0; i < al_set_n_files(set); i++)
		assert_ptr_equal(al_set_file(set, i), al_report_file(fx->rep, i));
	assert_null(al_set_file(set, 5));
	assert_true(al_set_n_findings(set) >= 1);
	for (int i = 0; i < al_set_n_findings(set); i++) {
		const al_finding *f = al_set_finding(set, i);
		assert_non_null(al_finding_rule(f));
		assert_non_null(al_finding_message(f));
	}
	assert_null(al_set_finding(set, al_set_n_findings(set)));

	al_report_free(fx->rep);
	fx->rep = NULL;
	const char *missing[] = { "testdata/no-such-folder" };
	assert_null(al_check_paths(fx->opts, missing, 1, &err));
	assert_non_null(strstr(err, "no-such-folder"));
	al_free(err);
}

/* ---- al_check_paths_stream() ---------------------------------------------- */

/* A tree whose set order differs from its file order: "a-b/" sorts before
 * "a/" as paths but after "a" as a set; set a has files before and after
 * its subfolder a/b; c holds no image, only a link out of the tree (a
 * note); d has a dangling link (an unreadable file).  Returns the root,
 * caller removes it with rm_tree() and g_free()s. */
static void copy_file(const char *from, const char *dir, const char *name)
{
	char *data = NULL, *to = g_build_filename(dir, name, NULL);
	gsize len = 0;
	assert_true(g_file_get_contents(from, &data, &len, NULL));
	assert_true(g_file_set_contents(to, data, (gssize)len, NULL));
	g_free(data);
	g_free(to);
}

static char *make_tree(void)
{
	char *root = g_dir_make_tmp("al-stream-XXXXXX", NULL);
	const char *dirs[] = { "a", "a/b", "a-b", "c", "d" };
	assert_non_null(root);
	for (unsigned i = 0; i < G_N_ELEMENTS(dirs); i++) {
		char *d = g_build_filename(root, dirs[i], NULL);
		assert_int_equal(g_mkdir_with_parents(d, 0755), 0);
		g_free(d);
	}
	char *a = g_build_filename(root, "a", NULL), *ab = g_build_filename(root, "a/b", NULL);
	char *a_b = g_build_filename(root, "a-b", NULL), *c = g_build_filename(root, "c/out", NULL);
	char *d = g_build_filename(root, "d/gone.png", NULL);
	copy_file("testdata/demo/fabrikam/small.png", a, "small.png");
	copy_file("testdata/demo/fabrikam/hero.png", a, "zz-hero.png");
	copy_file("testdata/demo/fabrikam/medium.png", ab, "medium.png");
	copy_file("testdata/demo/fabrikam/wide.png", a_b, "wide.png");
	copy_file("testdata/bad/truncated.png", a_b, "truncated.png");
	assert_int_equal(symlink("/", c), 0);
	assert_int_equal(symlink("no-such-target.png", d), 0);
	g_free(a); g_free(ab); g_free(a_b); g_free(c); g_free(d);
	return root;
}

static void rm_tree(const char *root)
{
	char *cmd = g_strdup_printf("rm -rf '%s'", root);
	assert_int_equal(system(cmd), 0);
	g_free(cmd);
}

/* What a file or set says, as one string: path, then rule and message of
 * each finding. */
static char *findings_text(const char *path, int n, const al_finding *(*nth)(const void *, int),
                           const void *obj)
{
	GString *s = g_string_new(path);
	for (int i = 0; i < n; i++) {
		const al_finding *f = nth(obj, i);
		g_string_append_printf(s, "\n%s %s %s", al_finding_rule(f),
		                       al_severity_name(al_finding_severity(f)), al_finding_message(f));
	}
	return g_string_free(s, FALSE);
}

static const al_finding *file_nth(const void *o, int i) { return al_file_finding(o, i); }
static const al_finding *set_nth(const void *o, int i) { return al_set_finding(o, i); }

static char *file_text(const al_file *f)
{
	return findings_text(al_file_path(f), al_file_n_findings(f), file_nth, f);
}

static char *set_text(const al_set *s)
{
	GString *t = g_string_new(NULL);
	char *own = findings_text(al_set_path(s), al_set_n_findings(s), set_nth, s);
	g_string_append(t, own);
	for (int i = 0; i < al_set_n_files(s); i++)
		g_string_append_printf(t, "\n  file %s", al_file_path(al_set_file(s, i)));
	g_free(own);
	return g_string_free(t, FALSE);
}

typedef struct {
	GPtrArray *files, *sets;     /* of char*: file_text / set_text */
	GHashTable *delivered;       /* paths of the files handed over so far */
	int stop_after;              /* stop at this file (0: never) */
	int calls_after_stop;
} stream_log;

static int on_file(void *data, al_file *f)
{
	stream_log *log = data;
	if (log->stop_after && (int)log->files->len >= log->stop_after)
		log->calls_after_stop++;
	g_ptr_array_add(log->files, file_text(f));
	g_hash_table_add(log->delivered, g_strdup(al_file_path(f)));
	return log->stop_after && (int)log->files->len == log->stop_after;
}

static int on_set(void *data, al_set *s)
{
	stream_log *log = data;
	if (log->stop_after && (int)log->files->len >= log->stop_after)
		log->calls_after_stop++;
	/* a set comes after every one of its files */
	for (int i = 0; i < al_set_n_files(s); i++)
		assert_true(g_hash_table_contains(log->delivered, al_file_path(al_set_file(s, i))));
	g_ptr_array_add(log->sets, set_text(s));
	return 0;
}

static int cmp_text(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The stream hands over exactly what al_check_paths() reports: the files
 * in the report's order, every set after its files, at -j1 and -j2; a
 * callback that returns nonzero stops it. */
static void test_stream_matches_report(void **state)
{
	fixture *fx = *state;
	char *err = NULL;
	char *root = make_tree();
	const char *paths[] = { root };

	for (int threads = 1; threads <= 2; threads++) {
		al_options_set_threads(fx->opts, threads);
		fx->rep = al_check_paths(fx->opts, paths, 1, &err);
		assert_non_null(fx->rep);
		stream_log log = {
			.files = g_ptr_array_new_with_free_func(g_free),
			.sets = g_ptr_array_new_with_free_func(g_free),
			.delivered = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
		};
		assert_int_equal(al_check_paths_stream(fx->opts, paths, 1, on_file, on_set, &log, &err),
		                 AL_OK);
		assert_int_equal((int)log.files->len, al_report_n_files(fx->rep));
		assert_int_equal(al_report_n_files(fx->rep), 6);
		for (int i = 0; i < al_report_n_files(fx->rep); i++) {
			char *want = file_text(al_report_file(fx->rep, i));
			assert_string_equal(g_ptr_array_index(log.files, i), want);
			g_free(want);
		}
		/* a, a/b, a-b, c (the note), d: in the stream a/b before a */
		assert_int_equal((int)log.sets->len, al_report_n_sets(fx->rep));
		assert_int_equal(al_report_n_sets(fx->rep), 5);
		char *first = g_strdup_printf("%s/a-b", root);
		assert_true(g_str_has_prefix(g_ptr_array_index(log.sets, 0), first));
		g_free(first);
		g_ptr_array_sort(log.sets, cmp_text);
		for (int i = 0; i < al_report_n_sets(fx->rep); i++) {
			char *want = set_text(al_report_set(fx->rep, i));
			assert_string_equal(g_ptr_array_index(log.sets, i), want);
			g_free(want);
		}
		g_ptr_array_set_size(log.files, 0);
		g_ptr_array_set_size(log.sets, 0);
		g_hash_table_remove_all(log.delivered);

		log.stop_after = 2;
		assert_int_equal(al_check_paths_stream(fx->opts, paths, 1, on_file, NULL, &log, &err),
		                 AL_ERR_CANCELLED);
		assert_int_equal((int)log.files->len, 2);
		assert_int_equal(log.calls_after_stop, 0);

		g_ptr_array_free(log.files, TRUE);
		g_ptr_array_free(log.sets, TRUE);
		g_hash_table_destroy(log.delivered);
		al_report_free(fx->rep);
		fx->rep = NULL;
	}
	const char *missing[] = { "testdata/no-such-folder" };
	assert_int_equal(al_check_paths_stream(fx->opts, missing, 1, NULL, NULL, NULL, &err),
	                 AL_ERR_IO);
	assert_non_null(strstr(err, "no-such-folder"));
	al_free(err);
	rm_tree(root);
	g_free(root);
}

/* A baseline applied as the run streams by leaves what al_baseline_apply()
 * leaves on the whole report: suppressed findings, stale notes on files,
 * on sets, and on the files and sets the run did not check. */
typedef struct {
	al_baseline *bl;
	GPtrArray *files, *sets;
} bl_log;

static int bl_file(void *data, al_file *f)
{
	bl_log *log = data;
	al_baseline_apply_file(log->bl, f);
	g_ptr_array_add(log->files, file_text(f));
	return 0;
}

static int bl_set(void *data, al_set *s)
{
	bl_log *log = data;
	al_baseline_apply_set(log->bl, s);
	g_ptr_array_add(log->sets, set_text(s));
	return 0;
}

static void test_stream_baseline(void **state)
{
	fixture *fx = *state;
	char *err = NULL;
	char *root = make_tree();
	const char *paths[] = { root };
	char *blpath = g_build_filename(root, "baseline.json", NULL);

	/* record while streaming, then change the tree: a file gone, a
	 * folder gone, a file changed */
	al_baseline *rec = al_baseline_new(blpath);
	bl_log log = { .bl = NULL };
	fx->rep = al_check_paths(fx->opts, paths, 1, &err);
	assert_non_null(fx->rep);
	for (int i = 0; i < al_report_n_files(fx->rep); i++)
		al_baseline_add_file(rec, al_report_file(fx->rep, i));
	for (int i = 0; i < al_report_n_sets(fx->rep); i++)
		al_baseline_add_set(rec, al_report_set(fx->rep, i));
	assert_int_equal(al_baseline_save(rec, blpath, &err), AL_OK);
	al_baseline_free(rec);
	al_report_free(fx->rep);
	fx->rep = NULL;
	char *cmd = g_strdup_printf("cd '%s' && rm a/small.png && rm -r a-b && cp a/zz-hero.png a/b/medium.png", root);
	assert_int_equal(system(cmd), 0);
	g_free(cmd);

	al_baseline *whole = al_baseline_load(blpath, &err);
	assert_non_null(whole);
	fx->rep = al_check_paths(fx->opts, paths, 1, &err);
	assert_true(al_baseline_apply(whole, fx->rep) > 0);
	al_baseline_free(whole);

	log.bl = al_baseline_load(blpath, &err);
	log.files = g_ptr_array_new_with_free_func(g_free);
	log.sets = g_ptr_array_new_with_free_func(g_free);
	assert_int_equal(al_check_paths_stream(fx->opts, paths, 1, bl_file, bl_set, &log, &err), AL_OK);
	al_report *rest = al_baseline_unchecked(log.bl, fx->opts);
	for (int i = 0; i < al_report_n_sets(rest); i++)
		g_ptr_array_add(log.sets, set_text(al_report_set(rest, i)));
	assert_true(al_report_n_sets(rest) >= 1);   /* the folder a-b is gone */
	al_report_free(rest);
	al_baseline_free(log.bl);

	assert_int_equal((int)log.files->len, al_report_n_files(fx->rep));
	for (int i = 0; i < al_report_n_files(fx->rep); i++) {
		char *want = file_text(al_report_file(fx->rep, i));
		assert_string_equal(g_ptr_array_index(log.files, i), want);
		g_free(want);
	}
	g_ptr_array_sort(log.sets, cmp_text);
	assert_int_equal((int)log.sets->len, al_report_n_sets(fx->rep));
	int stale = 0;
	for (int i = 0; i < al_report_n_sets(fx->rep); i++) {
		char *want = set_text(al_report_set(fx->rep, i));
		assert_string_equal(g_ptr_array_index(log.sets, i), want);
		stale += strstr(want, "baseline-stale") != NULL;
		g_free(want);
	}
	assert_true(stale >= 2);
	g_ptr_array_free(log.files, TRUE);
	g_ptr_array_free(log.sets, TRUE);
	rm_tree(root);
	g_free(blpath);
	g_free(root);
}

/* The HTML sheet shows previews by re-reading files; a buffer has none, and
 * a file that happens to carry the name must not be shown instead. */
static void test_html_of_buffer_reads_no_file(void **state)
{
	fixture *fx = *state;
	char *err = NULL, *html = NULL;
	size_t size = 0;

	load(fx, "testdata/demo/fabrikam/small.png");
	/* testdata/demo/fabrikam/hero.png exists and is another image. */
	check_as(fx, "testdata/demo/fabrikam/hero.png");
	FILE *mem = open_memstream(&html, &size);
	assert_non_null(mem);
	assert_int_equal(al_report_write(fx->rep, fx->opts, AL_REPORT_HTML, mem, 0, &err), AL_OK);
	fclose(mem);
	assert_non_null(strstr(html, "checked from memory"));
	assert_null(strstr(html, "data:image/png;base64"));
	free(html);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_version),
		cmocka_unit_test_setup_teardown(test_buffer_findings, setup, teardown),
		cmocka_unit_test_setup_teardown(test_name_gives_role_and_extension, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_buffers_are_findings, setup, teardown),
		cmocka_unit_test_setup_teardown(test_buffer_usage_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_accessors_out_of_range, setup, teardown),
		cmocka_unit_test_setup_teardown(test_options_apply, setup, teardown),
		cmocka_unit_test_setup_teardown(test_setters_refuse_bad_values, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sets_of_paths, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stream_matches_report, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stream_baseline, setup, teardown),
		cmocka_unit_test_setup_teardown(test_html_of_buffer_reads_no_file, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
