/* The out-of-memory policy (alloc.c): every input-sized allocation that
 * fails -- made to fail one after the other through the test hook -- ends
 * in a finding on the file (internal-error, or unreadable for the file's
 * bytes), never in a report that silently lacks the checks. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "testutil.h"

/* Error findings of @rep (all files and sets) of rule @id. */
static int count_rule(const al_report *rep, const char *id, const char **msg)
{
	int n = 0;
	for (guint i = 0; i < rep->files->len; i++) {
		const al_file_result *f = g_ptr_array_index(rep->files, i);
		for (guint j = 0; j < f->findings->len; j++) {
			const al_finding *x = g_ptr_array_index(f->findings, j);
			if (strcmp(x->rule, id) == 0 && x->severity == AL_SEV_ERROR) {
				n++;
				if (msg)
					*msg = x->message;
			}
		}
	}
	return n;
}

/* Fails the 1st, 2nd, ... al_try_*() allocation of a run over one logo
 * and one hero until a run gets through without reaching the countdown. */
static void test_each_failure_is_a_finding(void **state)
{
	static const char *const paths[] = {
		"testdata/demo/contoso/Large.png", "testdata/demo/contoso/Hero.png",
	};
	al_options *opts = al_options_new();
	al_options_set_threads(opts, 1);
	char *err = NULL;
	int hits = 0, k;

	/* the run without a failure: no internal-error */
	al_report *clean = al_check_paths(opts, paths, 2, &err);
	assert_non_null(clean);
	assert_int_equal(count_rule(clean, "internal-error", NULL), 0);
	int clean_errors = clean->errors;
	al_report_free(clean);

	for (k = 1; k < 200; k++) {
		g_atomic_int_set(&al_alloc_fail_countdown, k);
		al_report *rep = al_check_paths(opts, paths, 2, &err);
		bool reached = g_atomic_int_get(&al_alloc_fail_countdown) == 0;
		g_atomic_int_set(&al_alloc_fail_countdown, 0);
		assert_non_null(rep);
		if (!reached) {
			al_report_free(rep);
			break;
		}
		hits++;
		const char *msg = NULL;
		int ie = count_rule(rep, "internal-error", &msg);
		int un = count_rule(rep, "unreadable", NULL);
		if (ie + un != 1)
			fail_msg("allocation %d failed: want one internal-error or unreadable "
			         "finding, got %d and %d", k, ie, un);
		if (ie && !strstr(msg, "could not run"))
			fail_msg("allocation %d: message '%s'", k, msg);
		assert_true(rep->errors > clean_errors || rep->errors >= 1);
		al_report_free(rep);
	}
	print_message("%d input-sized allocations made to fail, each a finding\n", hits);
	/* the file read, the measurements and palette's planes at least */
	assert_true(hits >= 4);
	assert_true(k < 200);
	al_options_free(opts);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_each_failure_is_a_finding),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
