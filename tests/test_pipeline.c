/* The check of one file (pipeline.c): a result gets its mark from the
 * check, not before -- a result waiting in the run's look-ahead holds no
 * 8.7 KB mark (issue #10) -- and the mark is the one the set rules
 * compare: a logo's computed in the image's pixels, a hero's or an
 * unreadable file's zeroed.  And the run's workers: -j of them check
 * the files while none waits for memory room, and while files wait in a
 * run that holds no OCR engine's memory (a look-ahead thread would take a
 * malloc arena of a worker's, issue #10); the thread-start callback runs
 * once on each of them, before its first file, and never at -j1. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <png.h>
#include "testutil.h"

static bool mark_is_zero(const al_mark *mk)
{
	static const al_mark zero;
	return memcmp(mk, &zero, sizeof zero) == 0;
}

/* @path's bytes checked as @name; caller frees the result. */
static al_file_result *check_bytes(const al_options *opts, const char *path, const char *name)
{
	char *data = NULL;
	gsize len = 0;
	assert_true(g_file_get_contents(path, &data, &len, NULL));
	al_file_result *res = al_file_result_new(name);
	assert_null(res->mark);
	al_check_data(res, opts, (const uint8_t *)data, len, NULL);
	g_free(data);
	return res;
}

static void test_new_result_holds_no_mark(void **state)
{
	(void)state;
	al_file_result *res = al_file_result_new("offer/Small.png");
	assert_null(res->mark);
	al_file_result_free(res);
}

static void test_logo_mark_is_the_computed_one(void **state)
{
	(void)state;
	al_options *opts = al_options_new();
	al_file_result *res = check_bytes(opts, "testdata/demo/contoso/Large.png", "Large.png");
	assert_non_null(res->mark);
	assert_true(res->mark->valid);

	/* the same mark computed directly from the decoded image */
	char *data = NULL;
	gsize len = 0;
	al_info info = { 0 };
	al_image img = { 0 };
	al_measure m = { 0 };
	al_mark mk = { 0 };
	char why[256];
	assert_true(g_file_get_contents("testdata/demo/contoso/Large.png", &data, &len, NULL));
	assert_int_equal(al_probe((const uint8_t *)data, len, &info, why, sizeof why), AL_OK);
	assert_int_equal(al_decode_max((const uint8_t *)data, len, &info,
	                               al_decode_budget(opts->profile, AL_ROLE_LARGE),
	                               &img, why, sizeof why), AL_OK);
	assert_int_equal(al_measure_compute(&m, &img, opts), AL_OK);
	al_mark_compute(&mk, &m);
	al_image_region_to_full(&img, &mk.bbox);
	for (int i = 0; i < mk.n_parts; i++)
		al_image_region_to_full(&img, &mk.part[i].bbox);
	al_image_region_to_full(&img, &mk.end_tile.bbox);
	assert_memory_equal(res->mark, &mk, sizeof mk);

	al_measure_clear(&m);
	g_free(img.rgba);
	g_free(data);
	al_file_result_free(res);
	al_options_free(opts);
}

static void test_hero_and_unreadable_marks_are_zeroed(void **state)
{
	(void)state;
	al_options *opts = al_options_new();
	al_file_result *hero = check_bytes(opts, "testdata/demo/contoso/Hero.png", "Hero.png");
	assert_int_equal(hero->role, AL_ROLE_HERO);
	assert_non_null(hero->mark);
	assert_true(mark_is_zero(hero->mark));
	al_file_result_free(hero);

	al_file_result *bad = al_file_result_new("offer/Small.png");
	al_check_data(bad, opts, NULL, 0, "permission denied");
	assert_non_null(bad->mark);
	assert_true(mark_is_zero(bad->mark));
	al_file_result_free(bad);
	al_options_free(opts);
}

/* The threads that reported a file done (the progress callback runs on
 * the thread that checked it, serialised by the library). */
typedef struct {
	GPtrArray *threads;
	int calls;
} thread_log;

static void log_thread(void *data, int done, int total)
{
	thread_log *log = data;
	(void)done;
	(void)total;
	log->calls++;
	if (!g_ptr_array_find(log->threads, g_thread_self(), NULL))
		g_ptr_array_add(log->threads, g_thread_self());
}

/* The threads al_options_set_thread_start() was called on (they start
 * concurrently: a lock of its own). */
typedef struct {
	GMutex lock;
	GPtrArray *threads;
	int calls;
} start_log;

static void log_start(void *data)
{
	start_log *log = data;
	g_mutex_lock(&log->lock);
	log->calls++;
	if (!g_ptr_array_find(log->threads, g_thread_self(), NULL))
		g_ptr_array_add(log->threads, g_thread_self());
	g_mutex_unlock(&log->lock);
}

/* Checks the tree @root (@n files) at -j@jobs with @opts (freed) and
 * returns how many threads checked files.  The thread-start callback ran
 * once on each thread that checked files, before its first file, and
 * never on this one: at -j1, this one checks them all. */
static guint threads_checking(al_options *opts, const char *root, int n, int jobs)
{
	thread_log log = { .threads = g_ptr_array_new() };
	start_log started = { .threads = g_ptr_array_new() };
	const char *paths[] = { root };
	char *err = NULL;
	g_mutex_init(&started.lock);
	al_options_set_threads(opts, jobs);
	al_options_set_progress(opts, log_thread, &log);
	al_options_set_thread_start(opts, log_start, &started);
	al_report *rep = al_check_paths(opts, paths, 1, &err);
	assert_non_null(rep);
	assert_int_equal(al_report_n_files(rep), n);
	assert_int_equal(log.calls, n);
	assert_int_equal(started.calls, (int)started.threads->len);
	assert_false(g_ptr_array_find(started.threads, g_thread_self(), NULL));
	for (guint i = 0; i < log.threads->len; i++)
		if (g_ptr_array_index(log.threads, i) != g_thread_self())
			assert_true(g_ptr_array_find(started.threads, g_ptr_array_index(log.threads, i), NULL));
	if (jobs == 1) {
		assert_int_equal(started.calls, 0);
		assert_int_equal(log.threads->len, 1);
		assert_ptr_equal(g_ptr_array_index(log.threads, 0), g_thread_self());
	} else {
		assert_false(g_ptr_array_find(log.threads, g_thread_self(), NULL));
	}
	guint threads = log.threads->len;
	al_report_free(rep);
	al_options_free(opts);
	g_ptr_array_free(log.threads, TRUE);
	g_ptr_array_free(started.threads, TRUE);
	g_mutex_clear(&started.lock);
	return threads;
}

/* At -j2 a tree of logos, none of which waits for memory room, is checked
 * by 2 workers, each going on with the next file: no look-ahead thread
 * starts (a pool of 12 threads that all took files and slept for a slot
 * handed every file to another thread, issue #10).  At -j1 the calling
 * thread checks them all, and no thread starts. */
static void test_workers_are_j_while_none_waits(void **state)
{
	(void)state;
	char *root = g_dir_make_tmp("al-workers-XXXXXX", NULL);
	char *data = NULL;
	gsize len = 0;
	const int n = 40;
	assert_non_null(root);
	assert_true(g_file_get_contents("testdata/demo/fabrikam/small.png", &data, &len, NULL));
	for (int i = 0; i < n; i++) {
		char *to = g_strdup_printf("%s/f%02d/small.png", root, i);
		char *dir = g_path_get_dirname(to);
		assert_int_equal(g_mkdir_with_parents(dir, 0755), 0);
		assert_true(g_file_set_contents(to, data, (gssize)len, NULL));
		g_free(dir);
		g_free(to);
	}
	assert_in_range(threads_checking(al_options_new(), root, n, 2), 1, 2);
	assert_int_equal(threads_checking(al_options_new(), root, n, 1), 1);
	g_free(data);
	char *cmd = g_strdup_printf("rm -rf '%s'", root);
	assert_int_equal(system(cmd), 0);
	g_free(cmd);
	g_free(root);
}

/* A tree of logos behind large images, each of which runs alone, so the
 * logos after it wait for room (an image decoded at 4 times a role's area
 * runs alone, see membudget.c): with the text rule off no OCR engine's
 * memory is off the budget, and no look-ahead thread starts -- a waiting
 * file idles its core while the other worker goes on. */
static void test_no_lookahead_without_ocr_charge(void **state)
{
	(void)state;
	char *root = g_dir_make_tmp("al-workers-XXXXXX", NULL);
	char *data = NULL;
	gsize len = 0;
	const int n = 24, side = 1600;
	assert_non_null(root);
	assert_true(g_file_get_contents("testdata/demo/fabrikam/small.png", &data, &len, NULL));
	uint8_t *px = g_malloc((size_t)side * side * 3);
	for (size_t i = 0; i < (size_t)side * side * 3; i++)
		px[i] = (uint8_t)(i % 3 == 0 ? 200 : 40);
	for (int i = 0; i < n; i++) {
		char *dir = g_strdup_printf("%s/f%02d", root, i);
		assert_int_equal(g_mkdir_with_parents(dir, 0755), 0);
		char *to = g_strdup_printf("%s/small.png", dir);
		assert_true(g_file_set_contents(to, data, (gssize)len, NULL));
		g_free(to);
		if (i % 4 == 0) {       /* "a-": walked before the logo */
			png_image img = { .version = PNG_IMAGE_VERSION, .width = side,
			                  .height = side, .format = PNG_FORMAT_RGB };
			to = g_strdup_printf("%s/a-big.png", dir);
			assert_true(png_image_write_to_file(&img, to, 0, px, 0, NULL));
			g_free(to);
		}
		g_free(dir);
	}
	al_options *opts = al_options_new();
	assert_int_equal(al_options_set_severity(opts, "text", AL_SEV_OFF, NULL), AL_OK);
	assert_in_range(threads_checking(opts, root, n + n / 4, 2), 1, 2);
	g_free(px);
	g_free(data);
	tu_rm_rf(root);
	g_free(root);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_new_result_holds_no_mark),
		cmocka_unit_test(test_logo_mark_is_the_computed_one),
		cmocka_unit_test(test_hero_and_unreadable_marks_are_zeroed),
		cmocka_unit_test(test_workers_are_j_while_none_waits),
		cmocka_unit_test(test_no_lookahead_without_ocr_charge),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
