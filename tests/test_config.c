/* Config file loading (every group, every error with its file:line), the
 * search for .assetlint.ini, and --list-rules. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <glib/gstdio.h>
#include "testutil.h"

typedef struct {
	char *dir;               /* temp folder, removed by teardown */
	char *ini;               /* dir/test.ini */
	al_options *opts;
	char *err;
} fixture;

static int setup(void **state)
{
	fixture *fx = g_new0(fixture, 1);
	fx->dir = g_dir_make_tmp("al-config-XXXXXX", NULL);
	assert_non_null(fx->dir);
	fx->ini = g_build_filename(fx->dir, "test.ini", NULL);
	fx->opts = al_options_new();
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	fixture *fx = *state;
	tu_rm_rf(fx->dir);
	g_free(fx->dir);
	g_free(fx->ini);
	al_options_free(fx->opts);
	g_free(fx->err);
	g_free(fx);
	return 0;
}

static al_status load(fixture *fx, const char *text)
{
	assert_true(g_file_set_contents(fx->ini, text, -1, NULL));
	g_clear_pointer(&fx->err, g_free);
	return al_options_load_config(fx->opts, fx->ini, &fx->err);
}

/* The first registered threshold, so the test follows the rule table. */
static const al_rule *rule_with_param(const al_param **param)
{
	for (const al_rule *const *r = al_rules(); *r; r++)
		if ((*r)->n_params > 0) {
			*param = &(*r)->params[0];
			return *r;
		}
	return NULL;
}

static void test_good_every_group(void **state)
{
	fixture *fx = *state;
	const al_param *p = NULL;
	const al_rule *pr = rule_with_param(&p);
	assert_non_null(pr);
	double v = p->min + (p->max - p->min) / 3.0;
	char *text = g_strdup_printf(
		"# a comment\n"
		"[assetlint]\n"
		"profile = pc-2019\n"
		"strict = true\n"
		"max-warnings = 7\n"
		"\n"
		"[rules]\n"
		"palette = off\n"
		"text = info\n"
		"hero-missing = ERROR\n"
		"\n"
		"[thresholds]\n"
		"%s.%s = %.17g\n"
		"\n"
		"[roles]\n"
		"small = *-S.png;*_tiny.*\n"
		"hero = Banner*\n",
		pr->id, p->name, v);
	assert_int_equal(load(fx, text), AL_OK);
	g_free(text);
	assert_null(fx->err);

	assert_string_equal(fx->opts->profile->name, "pc-2019");
	assert_true(fx->opts->strict);
	assert_int_equal(fx->opts->max_warnings, 7);
	assert_int_equal(al_rule_severity(fx->opts, al_rule_find("palette")), AL_SEV_OFF);
	assert_int_equal(al_rule_severity(fx->opts, al_rule_find("text")), AL_SEV_INFO);
	assert_int_equal(al_rule_severity(fx->opts, al_rule_find("hero-missing")), AL_SEV_ERROR);
	/* untouched rules keep their default */
	const al_rule *dim = al_rule_find("dimensions");
	assert_int_equal(al_rule_severity(fx->opts, dim), dim->severity);
	assert_true(fabs(al_param_get(fx->opts, pr, p->name) - v) < 1e-12);
	/* a name that is not the table's own string finds it too, by its
	 * spelling, with and without thresholds set */
	char *name = g_strdup(p->name);
	assert_true(fabs(al_param_get(fx->opts, pr, name) - v) < 1e-12);
	assert_true(al_param_get(NULL, pr, name) == p->def);
	g_free(name);

	GPtrArray *small = fx->opts->role_patterns[AL_ROLE_SMALL];
	assert_int_equal(small->len, 2);
	assert_string_equal(g_ptr_array_index(small, 0), "*-s.png");
	assert_string_equal(g_ptr_array_index(small, 1), "*_tiny.*");
	GPtrArray *hero = fx->opts->role_patterns[AL_ROLE_HERO];
	assert_int_equal(hero->len, 1);
	assert_string_equal(g_ptr_array_index(hero, 0), "banner*");
	assert_int_equal(fx->opts->role_patterns[AL_ROLE_WIDE]->len, 0);
}

static void test_good_empty_and_false(void **state)
{
	fixture *fx = *state;
	assert_int_equal(load(fx, ""), AL_OK);
	assert_false(fx->opts->strict);
	assert_int_equal(fx->opts->max_warnings, -1);
	assert_string_equal(fx->opts->profile->name, "cpp-2020");

	fx->opts->strict = true;
	assert_int_equal(load(fx, "[assetlint]\nstrict=false \t\r\nmax-warnings=0  \n"), AL_OK);
	assert_false(fx->opts->strict);
	assert_int_equal(fx->opts->max_warnings, 0);

	/* a UTF-8 byte order mark (Windows editors) is fine */
	assert_int_equal(load(fx, "\xEF\xBB\xBF[assetlint]\nstrict = true\n"), AL_OK);
	assert_true(fx->opts->strict);
}

/* Loads @text and checks the status and that *err starts "INI:LINE: " and
 * mentions @needle. */
static void expect_error(fixture *fx, const char *text, int line, const char *needle)
{
	assert_int_equal(load(fx, text), AL_ERR_CONFIG);
	assert_non_null(fx->err);
	char *prefix = g_strdup_printf("%s:%d: ", fx->ini, line);
	if (!g_str_has_prefix(fx->err, prefix))
		fail_msg("want prefix '%s', got '%s'", prefix, fx->err);
	if (!strstr(fx->err, needle))
		fail_msg("want '%s' in '%s'", needle, fx->err);
	g_free(prefix);
}

static void test_bad_unknown_key(void **state)
{
	expect_error(*state, "[assetlint]\nprofile = cpp-2020\n\nstrictness = true\n",
	             4, "unknown key 'strictness'");
}

static void test_bad_unknown_group(void **state)
{
	expect_error(*state, "[assetlint]\nstrict = true\n# x\n[rulez]\ntext = off\n",
	             4, "unknown group [rulez]");
}

static void test_bad_unknown_rule(void **state)
{
	expect_error(*state, "[rules]\ntext = off\n  no-such-rule = error\n",
	             3, "unknown rule 'no-such-rule'");
}

static void test_bad_severity(void **state)
{
	expect_error(*state, "[assetlint]\n[rules]\n\ntext = fatal\n", 4, "want off, info, warning or error");
}

static void test_bad_threshold_range(void **state)
{
	fixture *fx = *state;
	const al_param *p = NULL;
	const al_rule *pr = rule_with_param(&p);
	assert_non_null(pr);
	char *text = g_strdup_printf("[thresholds]\n%s.%s = %g\n", pr->id, p->name,
	                             p->max + fabs(p->max) + 1);
	expect_error(fx, text, 2, "out of range");
	g_free(text);
	/* the default is untouched */
	assert_true(al_param_get(fx->opts, pr, p->name) == p->def);

	text = g_strdup_printf("[thresholds]\n%s.%s = 3x\n", pr->id, p->name);
	expect_error(fx, text, 2, "not a number");
	g_free(text);
	expect_error(fx, "[thresholds]\n\n\ntext.no_such_param = 1\n", 4, "no threshold 'no_such_param'");
	expect_error(fx, "[thresholds]\nnodot = 1\n", 2, "unknown threshold 'nodot'");
}

static void test_bad_profile(void **state)
{
	fixture *fx = *state;
	expect_error(fx, "[assetlint]\nprofile = cpp-1999\n", 2, "unknown profile 'cpp-1999'");
	assert_string_equal(fx->opts->profile->name, "cpp-2020");
}

static void test_bad_values(void **state)
{
	fixture *fx = *state;
	/* a repeated group and key: GKeyFile keeps the last value, and the
	 * error points at it */
	expect_error(fx, "[assetlint]\nprofile = pc-2019\n[rules]\n[assetlint]\nprofile = nope\n",
	             5, "unknown profile 'nope'");
	expect_error(fx, "[assetlint]\nstrict = yes\n", 2, "want true or false");
	expect_error(fx, "[assetlint]\nmax-warnings = many\n", 2, "whole number");
	expect_error(fx, "[assetlint]\nmax-warnings = -5\n", 2, "whole number");
	expect_error(fx, "[roles]\nsmall = *.png\ntiny = *.png\n", 3, "unknown role 'tiny'");
}

static void test_bad_syntax(void **state)
{
	fixture *fx = *state;
	expect_error(fx, "[assetlint]\nstrict = true\nthis line is junk\n", 3, "syntax error");
	expect_error(fx, "# header\nprofile = cpp-2020\n", 2, "before the first [group]");
	expect_error(fx, "[rules\ntext = off\n", 1, "malformed group");
	expect_error(fx, "[rules]\ntext = off\ntext[de] = error\n", 3, "KEY[locale]");
}

static void test_missing_file(void **state)
{
	fixture *fx = *state;
	char *err = NULL;
	char *path = g_build_filename(fx->dir, "nope.ini", NULL);
	assert_int_equal(al_options_load_config(fx->opts, path, &err), AL_ERR_IO);
	assert_non_null(err);
	g_free(err);
	g_free(path);
}

static void test_find_walks_up(void **state)
{
	fixture *fx = *state;
	char *deep = g_build_filename(fx->dir, "a", "b", "c", NULL);
	char *top = g_build_filename(fx->dir, ".assetlint.ini", NULL);
	char *mid = g_build_filename(fx->dir, "a", ".assetlint.ini", NULL);
	char *file = g_build_filename(deep, "logo.png", NULL);
	assert_int_equal(g_mkdir_with_parents(deep, 0755), 0);

	/* No config anywhere above (unless the machine has one in / or the
	 * temp folder's parents: then it is that one). */
	char *none = al_config_find(deep);
	char *above = al_config_find(fx->dir);
	if (above)
		assert_false(g_str_has_prefix(above, fx->dir));
	if (none && above)
		assert_string_equal(none, above);
	else
		assert_null(none);
	g_free(none);
	g_free(above);

	assert_true(g_file_set_contents(top, "[assetlint]\n", -1, NULL));
	char *got = al_config_find(deep);
	assert_non_null(got);
	assert_string_equal(got, top);
	g_free(got);

	/* The nearest one wins, from a folder or from a file in it (that
	 * need not exist yet). */
	assert_true(g_file_set_contents(mid, "[assetlint]\n", -1, NULL));
	got = al_config_find(deep);
	assert_string_equal(got, mid);
	g_free(got);
	got = al_config_find(file);
	assert_string_equal(got, mid);
	g_free(got);
	got = al_config_find(fx->dir);
	assert_string_equal(got, top);
	g_free(got);

	/* A relative start is resolved against the working folder. */
	char *cwd = g_get_current_dir();
	assert_int_equal(g_chdir(deep), 0);
	got = al_config_find(".");
	assert_string_equal(got, mid);
	g_free(got);
	got = al_config_find("logo.png");
	assert_string_equal(got, mid);
	g_free(got);
	assert_int_equal(g_chdir(cwd), 0);
	g_free(cwd);

	g_free(deep);
	g_free(top);
	g_free(mid);
	g_free(file);
}

static void test_rules_list(void **state)
{
	(void)state;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	al_rules_list(f);
	assert_int_equal(fclose(f), 0);

	/* every rule, in registry order, at the start of a line */
	const char *prev = buf;
	for (const al_rule *const *r = al_rules(); *r; r++) {
		char *needle = g_strdup_printf("\n%s ", (*r)->id);
		const char *at = strstr(buf, needle);
		if (!at)
			fail_msg("rule %s not listed", (*r)->id);
		assert_true(at > prev);
		prev = at;
		g_free(needle);
		for (int i = 0; i < (*r)->n_params; i++) {
			const al_param *p = &(*r)->params[i];
			char *key = g_strdup_printf("%s.%s = %g (range %g..%g)", (*r)->id,
			                            p->name, p->def, p->min, p->max);
			if (!strstr(buf, key))
				fail_msg("threshold '%s' not listed", key);
			g_free(key);
		}
	}
	assert_non_null(strstr(buf, "\ndimensions "));
	assert_non_null(strstr(buf, "cpp-2020"));
	assert_non_null(strstr(buf, "pc-2019"));
	/* the severity column is aligned: "error" starts at the same column
	 * on the decode-error and dimensions lines */
	const char *l1 = strstr(buf, "\ndecode-error ") + 1;
	const char *l2 = strstr(buf, "\ndimensions ") + 1;
	const char *s1 = l1 + strlen("decode-error");
	const char *s2 = l2 + strlen("dimensions");
	while (*s1 == ' ')
		s1++;
	while (*s2 == ' ')
		s2++;
	assert_int_equal(s1 - l1, s2 - l2);
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_good_every_group, setup, teardown),
		cmocka_unit_test_setup_teardown(test_good_empty_and_false, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_unknown_key, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_unknown_group, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_unknown_rule, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_severity, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_threshold_range, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_profile, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_values, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_syntax, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_find_walks_up, setup, teardown),
		cmocka_unit_test(test_rules_list),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
