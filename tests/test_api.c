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
#include <glib.h>
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
		cmocka_unit_test_setup_teardown(test_html_of_buffer_reads_no_file, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
