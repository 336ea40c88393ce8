/* Tests of membudget.c: the memory budget of the files in flight. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "testutil.h"

static void test_accounting(void **state)
{
	al_membudget b;
	al_memticket t1, t2;

	al_membudget_init(&b, 100);
	t1 = al_membudget_take(&b, 30);
	assert_int_equal(b.used, 30);
	al_membudget_grow(&t1, 50);
	assert_int_equal(t1.held, 80);
	t2 = al_membudget_take(&b, 20);
	assert_int_equal(b.used, 100);
	/* growing never waits, even over the limit */
	al_membudget_grow(&t2, 500);
	assert_int_equal(b.used, 600);
	assert_int_equal(b.peak, 600);
	al_membudget_give(&t2);
	al_membudget_give(&t1);
	assert_int_equal(b.used, 0);
	/* a file larger than the whole budget still runs, alone */
	t1 = al_membudget_take(&b, 1000);
	assert_int_equal(b.used, 1000);
	al_membudget_give(&t1);
	/* no budget: a no-op */
	al_memticket none = { 0 };
	al_membudget_grow(&none, 5);
	al_membudget_give(&none);
	al_membudget_clear(&b);
}

typedef struct {
	al_membudget *b;
	gint started;
} waiter;

static gpointer take_big(gpointer data)
{
	waiter *w = data;
	al_memticket t = al_membudget_take(w->b, 80);
	g_atomic_int_set(&w->started, 1);
	al_membudget_give(&t);
	return NULL;
}

/* A file that does not fit waits until the files in flight give back. */
static void test_waits(void **state)
{
	al_membudget b;
	waiter w = { &b, 0 };
	al_memticket t;
	GThread *th;

	al_membudget_init(&b, 100);
	t = al_membudget_take(&b, 60);
	th = g_thread_new("waiter", take_big, &w);
	g_usleep(100 * 1000);
	/* 60 + 80 > 100: still waiting */
	assert_int_equal(g_atomic_int_get(&w.started), 0);
	al_membudget_give(&t);
	g_thread_join(th);
	assert_int_equal(g_atomic_int_get(&w.started), 1);
	assert_int_equal(b.used, 0);
	al_membudget_clear(&b);
}

static void test_decode_cost(void **state)
{
	assert_int_equal(al_decode_cost(100, 100, 1000000), 100 * 100 * AL_BYTES_PER_PIXEL);
	/* a large image costs its reduced size */
	assert_int_equal(al_decode_cost(6300, 6300, 1000), 1000 * AL_BYTES_PER_PIXEL);
	assert_int_equal(al_decode_cost(0, 5, 1000), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_accounting),
		cmocka_unit_test(test_waits),
		cmocka_unit_test(test_decode_cost),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
