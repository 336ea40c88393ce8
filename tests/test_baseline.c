/* Baselines: write -> load -> apply on reports built by hand, stale entries,
 * and the file format's errors. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include "testutil.h"

#define H_SMALL "1111111111111111111111111111111111111111111111111111111111111111"
#define H_WIDE  "2222222222222222222222222222222222222222222222222222222222222222"
#define H_OTHER "3333333333333333333333333333333333333333333333333333333333333333"

typedef struct {
	char *dir;               /* temp folder, removed by teardown; the
	                          * working folder during a test */
	char *path;              /* dir/baseline.json */
	char *cwd;               /* to return to */
} fixture;

static int setup(void **state)
{
	fixture *fx = g_new0(fixture, 1);
	fx->dir = g_dir_make_tmp("al-baseline-XXXXXX", NULL);
	assert_non_null(fx->dir);
	fx->path = g_build_filename(fx->dir, "baseline.json", NULL);
	fx->cwd = g_get_current_dir();
	assert_int_equal(g_chdir(fx->dir), 0);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	fixture *fx = *state;
	assert_int_equal(g_chdir(fx->cwd), 0);
	g_free(fx->cwd);
	tu_rm_rf(fx->dir);   /* also the offers/ folder a test makes */
	g_free(fx->dir);
	g_free(fx->path);
	g_free(fx);
	return 0;
}

static al_finding *finding(const char *rule, al_severity sev)
{
	al_finding *f = g_new0(al_finding, 1);
	f->rule = al_rule_find(rule)->id;
	f->severity = sev;
	f->message = g_strdup_printf("%s finding", rule);
	return f;
}

static al_file_result *file_new(al_report *rep, const char *path, const char *hash)
{
	al_file_result *r = g_new0(al_file_result, 1);
	r->path = g_strdup(path);
	r->set = g_path_get_dirname(path);
	g_strlcpy(r->content_hash, hash, sizeof r->content_hash);
	r->findings = g_ptr_array_new_with_free_func((GDestroyNotify)al_finding_free);
	g_ptr_array_add(rep->files, r);
	return r;
}

static void set_free(al_set_result *s)
{
	g_free(s->path);
	g_ptr_array_free(s->files, TRUE);
	g_ptr_array_free(s->findings, TRUE);
	g_free(s);
}

static al_set_result *set_new(al_report *rep, const char *path)
{
	al_set_result *s = g_new0(al_set_result, 1);
	s->path = g_strdup(path);
	s->files = g_ptr_array_new();
	s->findings = g_ptr_array_new_with_free_func((GDestroyNotify)al_finding_free);
	g_ptr_array_add(rep->sets, s);
	return s;
}

/* The report of a run over offers/a: Small.png with a dimensions error and
 * two palette warnings, Wide.png with a text error, hero-missing on the
 * set.  @wide_hash: Wide.png's content; @palette: whether Small.png still
 * has its palette warnings; @with_wide: whether Wide.png exists. */
static al_report *report_new(const char *wide_hash, bool palette, bool with_wide)
{
	al_report *rep = g_new0(al_report, 1);
	rep->profile = "cpp-2020";
	rep->files = g_ptr_array_new();
	rep->sets = g_ptr_array_new_with_free_func((GDestroyNotify)set_free);

	al_set_result *set = set_new(rep, "offers/a");
	al_file_result *small = file_new(rep, "offers/a/Small.png", H_SMALL);
	g_ptr_array_add(small->findings, finding("dimensions", AL_SEV_ERROR));
	if (palette) {
		g_ptr_array_add(small->findings, finding("palette", AL_SEV_WARNING));
		g_ptr_array_add(small->findings, finding("palette", AL_SEV_WARNING));
	}
	g_ptr_array_add(set->files, small);
	if (with_wide) {
		al_file_result *wide = file_new(rep, "offers/a/Wide.png", wide_hash);
		g_ptr_array_add(wide->findings, finding("text", AL_SEV_ERROR));
		g_ptr_array_add(set->files, wide);
	}
	g_ptr_array_add(set->findings, finding("hero-missing", AL_SEV_INFO));
	al_report_recount(rep);
	return rep;
}

static const al_file_result *file_at(const al_report *rep, guint i)
{
	return g_ptr_array_index(rep->files, i);
}

static const al_set_result *set_at(const al_report *rep, guint i)
{
	return g_ptr_array_index(rep->sets, i);
}

static const al_finding *finding_at(const GPtrArray *fs, guint i)
{
	return g_ptr_array_index(fs, i);
}

/* Writes the baseline of the full report and loads it back. */
static al_baseline *round_trip(fixture *fx)
{
	char *err = NULL;
	al_report *rep = report_new(H_WIDE, true, true);
	assert_int_equal(rep->errors, 2);
	assert_int_equal(rep->warnings, 2);
	assert_int_equal(rep->infos, 1);
	assert_int_equal(al_baseline_write(rep, fx->path, &err), AL_OK);
	assert_null(err);
	al_report_free(rep);
	al_baseline *bl = al_baseline_load(fx->path, &err);
	assert_null(err);
	assert_non_null(bl);
	return bl;
}

static void test_round_trip_suppresses_all(void **state)
{
	fixture *fx = *state;
	al_baseline *bl = round_trip(fx);
	al_report *rep = report_new(H_WIDE, true, true);

	assert_int_equal(al_baseline_apply(bl, rep), 5);
	assert_int_equal(rep->errors, 0);
	assert_int_equal(rep->warnings, 0);
	assert_int_equal(rep->infos, 0);
	for (guint i = 0; i < rep->files->len; i++)
		assert_int_equal(file_at(rep, i)->findings->len, 0);
	assert_int_equal(rep->sets->len, 1);
	assert_int_equal(set_at(rep, 0)->findings->len, 0);

	/* applying twice (a second report) gives the same answer */
	al_report *again = report_new(H_WIDE, true, true);
	assert_int_equal(al_baseline_apply(bl, again), 5);
	assert_int_equal(again->errors + again->warnings + again->infos, 0);
	al_report_free(again);
	al_report_free(rep);
	al_baseline_free(bl);
}

/* Entries are relative to the baseline's folder: the same baseline works
 * from another working folder, and with absolute paths. */
static void test_other_working_folder(void **state)
{
	fixture *fx = *state;
	char *err = NULL;
	al_baseline_free(round_trip(fx));
	assert_int_equal(g_mkdir("offers", 0755), 0);
	assert_int_equal(g_chdir("offers"), 0);
	al_baseline *bl = al_baseline_load("../baseline.json", &err);
	assert_non_null(bl);

	al_report *rep = report_new(H_WIDE, true, true);
	for (guint i = 0; i < rep->files->len; i++) {
		al_file_result *f = g_ptr_array_index(rep->files, i);
		char *p = g_strdup(f->path + strlen("offers/"));
		g_free(f->path);
		f->path = p;      /* "a/Small.png", as if run as `assetlint a` */
	}
	al_set_result *set = g_ptr_array_index(rep->sets, 0);
	g_free(set->path);
	set->path = g_strdup("./a/");
	assert_int_equal(al_baseline_apply(bl, rep), 5);
	assert_int_equal(rep->errors + rep->warnings + rep->infos, 0);
	al_report_free(rep);

	/* absolute paths; and a stale note names the path the way this run
	 * writes paths */
	rep = report_new(H_WIDE, true, false);
	for (guint i = 0; i < rep->files->len; i++) {
		al_file_result *f = g_ptr_array_index(rep->files, i);
		char *p = g_build_filename(fx->dir, f->path, NULL);
		g_free(f->path);
		f->path = p;
	}
	set = g_ptr_array_index(rep->sets, 0);
	char *abs_set = g_build_filename(fx->dir, set->path, NULL);
	g_free(set->path);
	set->path = abs_set;
	assert_int_equal(al_baseline_apply(bl, rep), 4);
	assert_int_equal(rep->sets->len, 1);
	assert_int_equal(set->findings->len, 1);
	assert_non_null(strstr(finding_at(set->findings, 0)->message, "'a/Wide.png'"));
	al_report_free(rep);
	al_baseline_free(bl);
}

static void test_file_format(void **state)
{
	fixture *fx = *state;
	al_baseline_free(round_trip(fx));

	JsonParser *p = json_parser_new();
	assert_true(json_parser_load_from_file(p, fx->path, NULL));
	JsonObject *root = json_node_get_object(json_parser_get_root(p));
	assert_int_equal(json_object_get_int_member(root, "schema"), 1);
	JsonArray *entries = json_object_get_array_member(root, "entries");
	/* the two palette warnings are one entry; sorted by path, rule */
	assert_int_equal(json_array_get_length(entries), 4);
	static const char *const want[4][3] = {
		{ "offers/a", "hero-missing", "" },
		{ "offers/a/Small.png", "dimensions", H_SMALL },
		{ "offers/a/Small.png", "palette", H_SMALL },
		{ "offers/a/Wide.png", "text", H_WIDE },
	};
	for (guint i = 0; i < 4; i++) {
		JsonObject *e = json_array_get_object_element(entries, i);
		assert_string_equal(json_object_get_string_member(e, "path"), want[i][0]);
		assert_string_equal(json_object_get_string_member(e, "rule"), want[i][1]);
		assert_string_equal(json_object_get_string_member(e, "hash"), want[i][2]);
	}
	g_object_unref(p);

	/* no temp file left next to it */
	GDir *d = g_dir_open(fx->dir, 0, NULL);
	int n = 0;
	while (g_dir_read_name(d))
		n++;
	g_dir_close(d);
	assert_int_equal(n, 1);
}

static void test_changed_file_comes_back(void **state)
{
	fixture *fx = *state;
	al_baseline *bl = round_trip(fx);
	al_report *rep = report_new(H_OTHER, true, true);

	assert_int_equal(al_baseline_apply(bl, rep), 4);
	assert_int_equal(rep->errors, 1);
	assert_int_equal(rep->warnings, 0);
	assert_int_equal(rep->infos, 1);
	const al_file_result *wide = file_at(rep, 1);
	assert_string_equal(wide->path, "offers/a/Wide.png");
	assert_int_equal(wide->findings->len, 2);
	assert_string_equal(finding_at(wide->findings, 0)->rule, "text");
	assert_int_equal(finding_at(wide->findings, 0)->severity, AL_SEV_ERROR);
	const al_finding *st = finding_at(wide->findings, 1);
	assert_string_equal(st->rule, "baseline-stale");
	assert_int_equal(st->severity, AL_SEV_INFO);
	assert_non_null(strstr(st->message, "changed"));
	assert_int_equal(file_at(rep, 0)->findings->len, 0);
	al_report_free(rep);
	al_baseline_free(bl);
}

static void test_changed_file_one_note(void **state)
{
	fixture *fx = *state;
	al_baseline *bl = round_trip(fx);
	/* Small.png changed: dimensions and palette entries are both stale,
	 * and say so in one note */
	al_report *rep = report_new(H_WIDE, true, true);
	al_file_result *small = g_ptr_array_index(rep->files, 0);
	g_strlcpy(small->content_hash, H_OTHER, sizeof small->content_hash);
	assert_int_equal(al_baseline_apply(bl, rep), 2);
	assert_int_equal(rep->errors, 1);
	assert_int_equal(rep->warnings, 2);
	assert_int_equal(rep->infos, 1);
	assert_int_equal(small->findings->len, 4);
	const al_finding *st = finding_at(small->findings, 3);
	assert_string_equal(st->rule, "baseline-stale");
	assert_non_null(strstr(st->message, "2 stale baseline entries"));
	assert_non_null(strstr(st->message, "dimensions, palette"));
	al_report_free(rep);
	al_baseline_free(bl);
}

static void test_fixed_finding_is_stale(void **state)
{
	fixture *fx = *state;
	al_baseline *bl = round_trip(fx);
	al_report *rep = report_new(H_WIDE, false, true);

	assert_int_equal(al_baseline_apply(bl, rep), 3);
	assert_int_equal(rep->errors, 0);
	assert_int_equal(rep->warnings, 0);
	assert_int_equal(rep->infos, 1);
	const al_file_result *small = file_at(rep, 0);
	assert_int_equal(small->findings->len, 1);
	const al_finding *st = finding_at(small->findings, 0);
	assert_string_equal(st->rule, "baseline-stale");
	assert_non_null(strstr(st->message, "palette"));
	assert_non_null(strstr(st->message, "gone"));
	al_report_free(rep);
	al_baseline_free(bl);
}

static void test_removed_file_and_set(void **state)
{
	fixture *fx = *state;
	char *err = NULL;
	/* a baseline that also knows a set offers/0 that no longer exists */
	char *text = g_strdup_printf(
		"{\"schema\":1,\"entries\":["
		"{\"path\":\"offers/a/Small.png\",\"rule\":\"dimensions\",\"hash\":\"%s\"},"
		"{\"path\":\"./offers/a/Wide.png\",\"rule\":\"text\",\"hash\":\"%s\"},"
		"{\"path\":\"offers/0\",\"rule\":\"set-incomplete\",\"hash\":\"\"},"
		"{\"path\":\"offers/0/Hero.png\",\"rule\":\"text\",\"hash\":\"%s\"}]}",
		H_SMALL, H_WIDE, H_OTHER);
	assert_true(g_file_set_contents(fx->path, text, -1, NULL));
	g_free(text);
	al_baseline *bl = al_baseline_load(fx->path, &err);
	assert_non_null(bl);

	al_report *rep = report_new(H_WIDE, true, false);
	assert_int_equal(al_baseline_apply(bl, rep), 1);
	/* Small: palette x2 remain; set a: hero-missing + stale Wide.png;
	 * new set offers/0 sorted first with two stale notes */
	assert_int_equal(rep->errors, 0);
	assert_int_equal(rep->warnings, 2);
	assert_int_equal(rep->infos, 4);
	assert_int_equal(rep->sets->len, 2);
	const al_set_result *s0 = set_at(rep, 0), *sa = set_at(rep, 1);
	assert_string_equal(s0->path, "offers/0");
	assert_int_equal(s0->files->len, 0);
	assert_int_equal(s0->findings->len, 2);
	assert_string_equal(finding_at(s0->findings, 0)->rule, "baseline-stale");
	assert_non_null(strstr(finding_at(s0->findings, 0)->message, "set-incomplete"));
	assert_non_null(strstr(finding_at(s0->findings, 1)->message, "Hero.png"));
	assert_string_equal(sa->path, "offers/a");
	assert_int_equal(sa->findings->len, 2);
	assert_string_equal(finding_at(sa->findings, 0)->rule, "hero-missing");
	assert_string_equal(finding_at(sa->findings, 1)->rule, "baseline-stale");
	assert_non_null(strstr(finding_at(sa->findings, 1)->message, "Wide.png"));
	assert_non_null(strstr(finding_at(sa->findings, 1)->message, "not checked"));

	/* stale notes are never written as entries: what is left of the
	 * applied report is palette (once) and hero-missing */
	assert_int_equal(al_baseline_write(rep, fx->path, &err), AL_OK);
	JsonParser *p = json_parser_new();
	assert_true(json_parser_load_from_file(p, fx->path, NULL));
	JsonObject *root = json_node_get_object(json_parser_get_root(p));
	assert_int_equal(json_array_get_length(json_object_get_array_member(root, "entries")), 2);
	g_object_unref(p);

	/* --update-baseline (on an unfiltered run) drops the old entries */
	al_report *fresh = report_new(H_WIDE, true, false);
	assert_int_equal(al_baseline_write(fresh, fx->path, &err), AL_OK);
	al_baseline_free(bl);
	bl = al_baseline_load(fx->path, &err);
	assert_non_null(bl);
	assert_int_equal(al_baseline_apply(bl, fresh), 4);
	assert_int_equal(fresh->errors + fresh->warnings + fresh->infos, 0);
	assert_int_equal(fresh->sets->len, 1);
	al_report_free(fresh);
	al_report_free(rep);
	al_baseline_free(bl);
}

static void expect_load_error(fixture *fx, const char *text, const char *needle)
{
	char *err = NULL;
	if (text)
		assert_true(g_file_set_contents(fx->path, text, -1, NULL));
	assert_null(al_baseline_load(fx->path, &err));
	assert_non_null(err);
	assert_true(g_str_has_prefix(err, fx->path));
	if (!strstr(err, needle))
		fail_msg("want '%s' in '%s'", needle, err);
	g_free(err);
}

static void test_load_errors(void **state)
{
	fixture *fx = *state;
	expect_load_error(fx, NULL, "No such file");
	expect_load_error(fx, "{\"schema\":1,", "");
	expect_load_error(fx, "[1,2]", "not an assetlint baseline");
	expect_load_error(fx, "{\"schema\":2,\"entries\":[]}", "not an assetlint baseline");
	expect_load_error(fx, "{\"schema\":\"1\",\"entries\":[]}", "not an assetlint baseline");
	expect_load_error(fx, "{\"schema\":{},\"entries\":[]}", "not an assetlint baseline");
	expect_load_error(fx, "{\"schema\":1,\"entries\":{}}", "\"entries\"");
	expect_load_error(fx, "", "");
	expect_load_error(fx, "{\"schema\":1}", "\"entries\"");
	expect_load_error(fx, "{\"schema\":1,\"entries\":[{\"path\":\"a\",\"rule\":\"text\"}]}",
	                  "entry 0");
	expect_load_error(fx, "{\"schema\":1,\"entries\":[7]}", "entry 0");

	char *err = NULL;
	assert_true(g_file_set_contents(fx->path, "{\"schema\":1,\"entries\":[]}", -1, NULL));
	al_baseline *bl = al_baseline_load(fx->path, &err);
	assert_non_null(bl);
	assert_null(err);
	al_baseline_free(bl);
	al_baseline_free(NULL);
}

/* File names are bytes: names that are not UTF-8 (Latin-1 "café", a lone
 * continuation byte), with '%', controls or a newline, round-trip exactly,
 * and the file written is valid UTF-8 JSON. */
static void test_names_lossless(void **state)
{
	fixture *fx = *state;
	static const char *const names[] = {
		"offers/b/caf\xE9.png", "offers/b/\x80\xFF.png", "offers/b/caf\xC3\xA9.png",
		"offers/b/50%25 %E9.png", "offers/b/new\nline.png", "offers/\xE9t\xE9/Small.png",
	};
	char *err = NULL, *text = NULL;
	al_report *rep = g_new0(al_report, 1);
	rep->profile = "cpp-2020";
	rep->files = g_ptr_array_new();
	rep->sets = g_ptr_array_new_with_free_func((GDestroyNotify)set_free);
	for (guint i = 0; i < G_N_ELEMENTS(names); i++) {
		al_file_result *f = file_new(rep, names[i], H_SMALL);
		g_ptr_array_add(f->findings, finding("dimensions", AL_SEV_ERROR));
	}
	al_set_result *set = set_new(rep, "offers/\xE9t\xE9");
	g_ptr_array_add(set->findings, finding("hero-missing", AL_SEV_INFO));
	al_report_recount(rep);
	assert_int_equal(al_baseline_write(rep, fx->path, &err), AL_OK);
	assert_null(err);

	gsize len = 0;
	assert_true(g_file_get_contents(fx->path, &text, &len, NULL));
	assert_true(g_utf8_validate(text, (gssize)len, NULL));
	JsonParser *parser = json_parser_new();
	assert_true(json_parser_load_from_data(parser, text, (gssize)len, NULL));
	g_object_unref(parser);
	assert_non_null(strstr(text, "\"path_bytes\" : \"offers/b/caf%E9.png\""));
	assert_null(strstr(text, "path_bytes\" : \"offers/b/caf%C3")); /* valid UTF-8 stays */
	g_free(text);

	al_baseline *bl = al_baseline_load(fx->path, &err);
	assert_null(err);
	assert_non_null(bl);
	assert_int_equal(al_baseline_apply(bl, rep), (int)G_N_ELEMENTS(names) + 1);
	assert_int_equal(rep->errors + rep->warnings + rep->infos, 0);
	al_baseline_free(bl);

	/* "café" and "caf\xE9" are two files, not one key */
	al_report *other = g_new0(al_report, 1);
	other->profile = "cpp-2020";
	other->files = g_ptr_array_new();
	other->sets = g_ptr_array_new_with_free_func((GDestroyNotify)set_free);
	al_file_result *f = file_new(other, "offers/b/caf\xEF\xBF\xBD.png", H_SMALL);
	g_ptr_array_add(f->findings, finding("dimensions", AL_SEV_ERROR));
	al_report_recount(other);
	bl = al_baseline_load(fx->path, &err);
	assert_int_equal(al_baseline_apply(bl, other), 0);
	assert_int_equal(other->errors, 1);
	al_baseline_free(bl);
	al_report_free(other);
	al_report_free(rep);
}

/* A baseline with raw invalid bytes (written by an older version) still
 * loads; a malformed path_bytes is an error naming the entry. */
static void test_load_raw_bytes(void **state)
{
	fixture *fx = *state;
	char *err = NULL;
	assert_true(g_file_set_contents(fx->path, "{\"schema\":1,\"entries\":[{\"path\":"
	            "\"caf\xE9.png\",\"rule\":\"text\",\"hash\":\"" H_SMALL "\"}]}", -1, NULL));
	al_baseline *bl = al_baseline_load(fx->path, &err);
	assert_null(err);
	assert_non_null(bl);
	al_baseline_free(bl);
	expect_load_error(fx, "{\"schema\":1,\"entries\":[{\"path\":\"a\",\"path_bytes\":"
	                  "\"a%G1\",\"rule\":\"text\",\"hash\":\"\"}]}", "entry 0");
}

static void test_write_error(void **state)
{
	fixture *fx = *state;
	char *err = NULL;
	char *bad = g_build_filename(fx->dir, "no", "such", "dir", "b.json", NULL);
	al_report *rep = report_new(H_WIDE, true, true);
	assert_int_equal(al_baseline_write(rep, bad, &err), AL_ERR_IO);
	assert_non_null(err);
	assert_false(g_file_test(bad, G_FILE_TEST_EXISTS));
	g_free(err);
	al_report_free(rep);
	g_free(bad);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_round_trip_suppresses_all, setup, teardown),
		cmocka_unit_test_setup_teardown(test_file_format, setup, teardown),
		cmocka_unit_test_setup_teardown(test_other_working_folder, setup, teardown),
		cmocka_unit_test_setup_teardown(test_changed_file_comes_back, setup, teardown),
		cmocka_unit_test_setup_teardown(test_changed_file_one_note, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fixed_finding_is_stale, setup, teardown),
		cmocka_unit_test_setup_teardown(test_removed_file_and_set, setup, teardown),
		cmocka_unit_test_setup_teardown(test_load_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_error, setup, teardown),
		cmocka_unit_test_setup_teardown(test_names_lossless, setup, teardown),
		cmocka_unit_test_setup_teardown(test_load_raw_bytes, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
