/* --exclude and .assetlintignore patterns (exclude.c): .gitignore rules. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <unistd.h>
#include <cmocka.h>
#include <glib/gstdio.h>
#include "testutil.h"

static al_options *with(const char *const *globs)
{
	al_options *o = al_options_new();
	for (; *globs; globs++) {
		char *err = NULL;
		assert_int_equal(al_options_add_exclude(o, *globs, &err), AL_OK);
	}
	return o;
}

#define EX(o, path, dir) al_excluded((o), (path), (dir), false)

static void test_names(void **state)
{
	al_options *o = with((const char *const[]){ "*.jpg", "draft?", "build/", NULL });
	assert_true(EX(o, "a/b/photo.jpg", false));
	assert_false(EX(o, "a/b/photo.png", false));
	assert_true(EX(o, "x/draft1", false));
	assert_false(EX(o, "x/draft12", false));
	assert_true(EX(o, "x/build", true));         /* folders only */
	assert_false(EX(o, "x/build", false));
	al_options_free(o);
}

static void test_anchored(void **state)
{
	al_options *o = with((const char *const[]){ "logos/old/*.png", "/top.png",
	                                            "**/tmp/**", "a/**/z.png", NULL });
	assert_true(EX(o, "logos/old/x.png", false));
	assert_false(EX(o, "logos/old/deeper/x.png", false));   /* '*' stops at '/' */
	assert_false(EX(o, "other/logos/old/x.png", false));    /* anchored at cwd */
	assert_true(EX(o, "top.png", false));
	assert_false(EX(o, "sub/top.png", false));
	assert_true(EX(o, "q/tmp/r/s.png", false));
	assert_true(EX(o, "a/z.png", false));                   /* '**' is zero folders too */
	assert_true(EX(o, "a/b/c/z.png", false));
	/* an absolute path inside the working directory is the same file */
	char *cwd = g_get_current_dir();
	char *abs = g_build_filename(cwd, "logos/old/x.png", NULL);
	assert_true(EX(o, abs, false));
	g_free(abs);
	g_free(cwd);
	al_options_free(o);
}

static void test_negate_and_parents(void **state)
{
	al_options *o = with((const char *const[]){ "*.png", "!keep.png", "vendor", NULL });
	assert_true(EX(o, "a/x.png", false));
	assert_false(EX(o, "a/keep.png", false));              /* the last match wins */
	/* a named file inside a left-out folder goes with it */
	assert_false(EX(o, "vendor/x/y.jpg", false));
	assert_true(al_excluded(o, "vendor/x/y.jpg", false, true));
	al_options_free(o);
}

static void test_malformed(void **state)
{
	al_options *o = al_options_new();
	char *err = NULL;
	assert_int_equal(al_options_add_exclude(o, "logo[", &err), AL_ERR_USAGE);
	assert_non_null(strstr(err, "logo["));
	g_free(err);
	err = NULL;
	assert_int_equal(al_options_add_exclude(o, "!", &err), AL_ERR_USAGE);
	g_free(err);
	al_options_free(o);
}

static void test_ignore_file(void **state)
{
	char *dir = g_dir_make_tmp("al-ignore-XXXXXX", NULL);
	char *file = g_build_filename(dir, ".assetlintignore", NULL);
	char *err = NULL;
	assert_true(g_file_set_contents(file, "# comment\n\n*.psd\r\n/exports/  \n"
	                                "\\#hash.png\nbad[\n", -1, NULL));
	al_options *o = al_options_new();
	assert_int_equal(al_options_load_ignore(o, file, &err), AL_ERR_CONFIG);
	assert_non_null(strstr(err, ".assetlintignore:6: "));
	g_free(err);
	char *exports = g_build_filename(dir, "exports", NULL);
	char *deep = g_build_filename(dir, "x", "exports", NULL);
	char *hash = g_build_filename(dir, "#hash.png", NULL);
	assert_true(EX(o, exports, true));       /* anchored at the file's folder */
	assert_false(EX(o, deep, true));
	assert_true(EX(o, hash, false));
	assert_false(EX(o, "exports", true));     /* not at the working directory */
	al_options_free(o);
	g_unlink(file);
	g_rmdir(dir);
	g_free(hash);
	g_free(deep);
	g_free(exports);
	g_free(file);
	g_free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_anchored),
		cmocka_unit_test(test_negate_and_parents),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_ignore_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
