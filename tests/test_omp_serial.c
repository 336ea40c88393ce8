/* Tests of omp_serial.c: libtesseract's OpenMP regions run on the calling
 * thread.  The calls are the ones GCC emits for `#pragma omp parallel
 * sections` and `#pragma omp parallel for` (libgomp 4.0 ABI); that
 * libtesseract binds to them in the executable is checked by
 * e2e_ocr.sh. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include "omp_serial.h"

typedef struct {
	int order[16];           /* section numbers in the order run */
	int n;
	int nested[16];          /* ... of a region inside section 2 */
	int n_nested;
} trace;

/* the body of an inner `parallel sections` of 2 sections */
static void inner_body(void *data)
{
	trace *t = data;
	for (unsigned long i = GOMP_sections_next(); i != 0; i = GOMP_sections_next())
		t->nested[t->n_nested++] = (int)i;
	GOMP_sections_end_nowait();
}

/* the body of a `parallel sections` of 4 sections, as GCC outlines it:
 * section numbers from GOMP_sections_next() until 0 */
static void sections_body(void *data)
{
	trace *t = data;
	for (unsigned long i = GOMP_sections_next(); i != 0; i = GOMP_sections_next()) {
		t->order[t->n++] = (int)i;
		if (i == 2)
			GOMP_parallel_sections(inner_body, t, 0, 2, 0);
	}
	GOMP_sections_end_nowait();
}

static void test_sections(void **state)
{
	trace t;

	memset(&t, 0, sizeof t);
	GOMP_parallel_sections(sections_body, &t, 4, 4, 0);
	/* every section once, in order, the nested region too */
	assert_int_equal(t.n, 4);
	for (int i = 0; i < 4; i++)
		assert_int_equal(t.order[i], i + 1);
	assert_int_equal(t.n_nested, 2);
	assert_int_equal(t.nested[0], 1);
	assert_int_equal(t.nested[1], 2);
	/* after a region, none is open */
	assert_int_equal(GOMP_sections_next(), 0);
	/* a region of no sections runs its body, which finds none */
	memset(&t, 0, sizeof t);
	GOMP_parallel_sections(sections_body, &t, 2, 0, 0);
	assert_int_equal(t.n, 0);
}

typedef struct {
	int calls;
	int sum;
} loop;

/* a `parallel for` over 0..99 split by thread, as GCC's static schedule
 * does it */
static void for_body(void *data)
{
	loop *l = data;
	int nt = omp_get_num_threads(), id = omp_get_thread_num();
	int chunk = (100 + nt - 1) / nt, from = id * chunk;
	int to = from + chunk < 100 ? from + chunk : 100;

	l->calls++;
	for (int i = from; i < to; i++)
		l->sum += i;
}

static void test_parallel(void **state)
{
	loop l = { 0, 0 };

	GOMP_parallel(for_body, &l, 8, 0);
	assert_int_equal(l.calls, 1);
	assert_int_equal(l.sum, 4950);
	assert_int_equal(omp_get_num_threads(), 1);
	assert_int_equal(omp_get_thread_num(), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sections),
		cmocka_unit_test(test_parallel),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
