/* Tests of membudget.c: the memory budget of the files in flight. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "testutil.h"
#include "ocr.h"

/* A bug in the waking shows as a failed assert, not a hang: the waits
 * below give up after this long (never reached by a run that works; it
 * is no measure of speed). */
#define HANG_US ((gint64)60 * G_USEC_PER_SEC)

/* Waits until @b has @waiting files waiting in al_membudget_need() and
 * @queued in al_membudget_take(). */
static void until_waiting2(al_membudget *b, int waiting, int queued)
{
	gint64 end = g_get_monotonic_time() + HANG_US;

	for (;;) {
		g_mutex_lock(&b->lock);
		bool there = b->waiting == waiting && b->queued == queued;
		g_mutex_unlock(&b->lock);
		if (there)
			return;
		if (g_get_monotonic_time() > end)
			fail_msg("waiting %d, queued %d never came", waiting, queued);
		g_usleep(1000);
	}
}

/* Waits until *@flag is @value. */
static void until_flag(gint *flag, int value)
{
	gint64 end = g_get_monotonic_time() + HANG_US;

	while (g_atomic_int_get(flag) != value) {
		if (g_get_monotonic_time() > end)
			fail_msg("a waiting file was never let go");
		g_usleep(1000);
	}
}

static void test_accounting(void **state)
{
	al_membudget b;
	al_memticket t1, t2;

	al_membudget_init(&b, 100);
	t1 = al_membudget_take(&b, 30);
	assert_int_equal(b.used, 30);
	t2 = al_membudget_take(&b, 70);
	assert_int_equal(b.used, 100);
	assert_int_equal(b.peak, 100);
	al_membudget_give(&t2);
	al_membudget_give(&t1);
	assert_int_equal(b.used, 0);
	/* a file larger than the whole budget still runs, alone */
	t1 = al_membudget_take(&b, 1000);
	assert_int_equal(b.used, 1000);
	al_membudget_give(&t1);
	/* no budget: a no-op */
	al_memticket none = { 0 };
	al_membudget_give(&none);
	al_membudget_clear(&b);
}

typedef struct {
	al_membudget *b;
	gint started;
	gint ended;
} waiter;

static gpointer take_big(gpointer data)
{
	waiter *w = data;
	al_memticket t = al_membudget_take(w->b, 80);
	g_atomic_int_set(&w->started, 1);
	al_membudget_give(&t);
	g_atomic_int_set(&w->ended, 1);
	return NULL;
}

/* Joins @th once *@flag is set (a hang fails instead). */
static void join_when(GThread *th, gint *flag)
{
	until_flag(flag, 1);
	g_thread_join(th);
}

/* A file that does not fit waits until the files in flight give back. */
static void test_waits(void **state)
{
	al_membudget b;
	waiter w = { &b, 0, 0 };
	al_memticket t;
	GThread *th;

	al_membudget_init(&b, 100);
	t = al_membudget_take(&b, 60);
	th = g_thread_new("waiter", take_big, &w);
	until_waiting2(&b, 0, 1);
	/* 60 + 80 > 100: still waiting */
	assert_int_equal(g_atomic_int_get(&w.started), 0);
	al_membudget_give(&t);
	join_when(th, &w.ended);
	assert_int_equal(g_atomic_int_get(&w.started), 1);
	assert_int_equal(b.used, 0);
	al_membudget_clear(&b);
}

/* A file's share set at once: what it held is given back first. */
static void test_need_accounting(void **state)
{
	al_membudget b;
	al_memticket t1, t2;

	al_membudget_init(&b, 100);
	t1 = al_membudget_take(&b, 10);
	al_membudget_need(&t1, 10 + 60);
	assert_int_equal(t1.held, 70);
	assert_int_equal(b.used, 70);
	t2 = al_membudget_take(&b, 5);
	assert_int_equal(b.used, 75);
	/* 5 + 20 fit beside 70 */
	al_membudget_need(&t2, 25);
	assert_int_equal(b.used, 95);
	assert_int_equal(b.peak, 95);
	assert_int_equal(b.waiting, 0);
	al_membudget_give(&t1);
	al_membudget_give(&t2);
	assert_int_equal(b.used, 0);
	/* alone, a file larger than the whole budget does not wait */
	t1 = al_membudget_take(&b, 10);
	al_membudget_need(&t1, 1000);
	assert_int_equal(b.used, 1000);
	al_membudget_give(&t1);
	/* no budget: a no-op */
	al_memticket none = { 0 };
	al_membudget_need(&none, 5);
	assert_int_equal(none.held, 0);
	al_membudget_clear(&b);
}

/* The budget of a run grows with its threads: at -j2 two heroes fit side
 * by side (their decodes' estimates and files of up to 1.5 MiB; a 815x290
 * RGBA PNG stored without compression is 0.95 MB), and a hero fits beside
 * two wide logos; at -j1 a hero runs alone.  An image at the hero role's
 * reduced budget does not fit beside a hero. */
static void test_limit(void **state)
{
	size_t hero = al_decode_cost(815, 290, SIZE_MAX) + ((size_t)3 << 20) / 2;
	size_t wide = al_decode_cost(255, 115, SIZE_MAX) + ((size_t)1 << 20);
	size_t reduced = al_decode_cost(2202, 991, 546000);

	assert_true(2 * hero <= al_membudget_limit(2));
	assert_true(hero + 2 * wide <= al_membudget_limit(2));
	assert_true(2 * al_decode_cost(815, 290, SIZE_MAX) > al_membudget_limit(1));
	assert_true(reduced + hero > al_membudget_limit(2));
	assert_int_equal(al_membudget_limit(0), al_membudget_limit(1));
	assert_int_equal(al_membudget_limit(8), 4 * al_membudget_limit(2));
}

typedef struct {
	al_membudget *b;
	size_t start, need;
	gint phase;             /* 1: took its start, 2: got what it needs */
	al_memticket t;
} needer;

static gpointer need_big(gpointer data);

/* Joins a needer's thread once it got what it needs. */
static void join_needer(GThread *th, needer *n)
{
	until_flag(&n->phase, 2);
	g_thread_join(th);
}

static gpointer need_big(gpointer data)
{
	needer *n = data;
	if (!n->t.budget)       /* else its start was taken for it */
		n->t = al_membudget_take(n->b, n->start);
	g_atomic_int_set(&n->phase, 1);
	al_membudget_need(&n->t, n->need);
	g_atomic_int_set(&n->phase, 2);
	return NULL;
}

/* Waits until @b has @k files waiting for room in al_membudget_need()
 * and none in al_membudget_take(). */
static void until_waiting(al_membudget *b, int k)
{
	until_waiting2(b, k, 0);
}

/* A file that needs more room than is left waits, holding nothing; a new
 * file waits behind it; both go when the file in flight is done. */
static void test_need_waits(void **state)
{
	al_membudget b;
	needer big = { &b, 10, 80, 0, { 0 } };
	waiter late = { &b, 0, 0 };
	al_memticket t;
	GThread *th, *th2;

	al_membudget_init(&b, 100);
	t = al_membudget_take(&b, 50);
	th = g_thread_new("needer", need_big, &big);
	until_waiting(&b, 1);
	/* it gave its 10 back while it waits: 50 + 80 > 100 */
	assert_int_equal(g_atomic_int_get(&big.phase), 1);
	g_mutex_lock(&b.lock);
	assert_int_equal(b.used, 50);
	g_mutex_unlock(&b.lock);
	/* a new file (80 would not fit anyway; the order is the test) */
	th2 = g_thread_new("late", take_big, &late);
	until_waiting2(&b, 1, 1);
	al_membudget_give(&t);
	join_needer(th, &big);
	assert_int_equal(big.t.held, 80);
	/* the late file (80) does not fit beside the big one (80): it stays
	 * asleep, only the file that went was woken */
	assert_int_equal(g_atomic_int_get(&late.started), 0);
	g_mutex_lock(&b.lock);
	assert_int_equal(b.queued, 1);
	assert_int_equal(b.woken, 1);
	g_mutex_unlock(&b.lock);
	al_membudget_give(&big.t);
	join_when(th2, &late.ended);
	assert_int_equal(b.woken, 2);
	assert_int_equal(g_atomic_int_get(&late.started), 1);
	assert_int_equal(b.used, 0);
	assert_int_equal(b.waiting, 0);
	al_membudget_clear(&b);
}

/* Two files that both need more room than is left once each holds its
 * start: neither waits on the other. */
static void test_need_no_deadlock(void **state)
{
	al_membudget b;
	needer n1 = { &b, 10, 70, 0, { 0 } }, n2 = { &b, 10, 70, 0, { 0 } };
	al_memticket t;
	GThread *th1, *th2;

	al_membudget_init(&b, 100);
	t = al_membudget_take(&b, 40);
	n1.t = al_membudget_take(&b, 10);
	n2.t = al_membudget_take(&b, 10);
	th1 = g_thread_new("n1", need_big, &n1);
	th2 = g_thread_new("n2", need_big, &n2);
	until_waiting(&b, 2);
	al_membudget_give(&t);
	/* one of them runs (70), the other waits for it */
	gint64 end = g_get_monotonic_time() + HANG_US;
	for (;;) {
		g_mutex_lock(&b.lock);
		bool one = b.used == 70 && b.waiting == 1 &&
		           (g_atomic_int_get(&n1.phase) == 2 || g_atomic_int_get(&n2.phase) == 2);
		g_mutex_unlock(&b.lock);
		if (one)
			break;
		if (g_get_monotonic_time() > end)
			fail_msg("neither waiting file went");
		g_usleep(1000);
	}
	needer *first = g_atomic_int_get(&n1.phase) == 2 ? &n1 : &n2;
	needer *second = first == &n1 ? &n2 : &n1;
	assert_int_equal(g_atomic_int_get(&first->phase), 2);
	assert_int_equal(g_atomic_int_get(&second->phase), 1);
	al_membudget_give(&first->t);
	join_needer(th1, &n1);
	join_needer(th2, &n2);
	assert_int_equal(b.used, 70);
	al_membudget_give(&second->t);
	assert_int_equal(b.used, 0);
	al_membudget_clear(&b);
}

/* A file waiting for room gives its slot up, and a new file that fits
 * runs meanwhile (a logo while a hero waits for another hero); the
 * waiting file goes, in its slot, once the room is there. */
static void test_need_lets_others_run(void **state)
{
	al_membudget b;
	needer big = { &b, 10, 80, 0, { 0 } };
	al_memticket t, small;
	GThread *th;

	al_membudget_init(&b, 100);
	al_membudget_set_slots(&b, 2);
	t = al_membudget_take(&b, 50);
	th = g_thread_new("needer", need_big, &big);
	until_waiting(&b, 1);
	g_mutex_lock(&b.lock);
	assert_int_equal(b.running, 1);   /* its slot is free */
	assert_int_equal(b.used, 50);
	g_mutex_unlock(&b.lock);
	/* 50 + 20 fit, the waiting file (80) does not: this one goes now */
	small = al_membudget_take(&b, 20);
	g_mutex_lock(&b.lock);
	assert_int_equal(b.running, 2);
	assert_int_equal(b.used, 70);
	assert_int_equal(b.waiting, 1);
	g_mutex_unlock(&b.lock);
	assert_int_equal(g_atomic_int_get(&big.phase), 1);
	al_membudget_give(&small);
	al_membudget_give(&t);
	join_needer(th, &big);
	g_mutex_lock(&b.lock);
	assert_int_equal(b.running, 1);
	assert_int_equal(b.used, 80);
	g_mutex_unlock(&b.lock);
	al_membudget_give(&big.t);
	assert_int_equal(b.running, 0);
	assert_int_equal(b.used, 0);
	assert_int_equal(b.waiting, 0);
	al_membudget_clear(&b);
}

/* What al_membudget_on_wait() was told, in order (the budget's lock is
 * held for each call). */
typedef struct {
	int seen[8];
	int n;
} wait_log;

static void log_waiting(void *data, int waiting)
{
	wait_log *log = data;
	if (log->n < (int)G_N_ELEMENTS(log->seen))
		log->seen[log->n++] = waiting;
}

/* The scheduler hears how many files wait, whenever a file starts
 * waiting (in al_membudget_need() or al_membudget_take(): so that it can
 * start another file) and whenever one is let go -- told by the file
 * that made the room, before the waiting one wakes; a file that fits
 * says nothing. */
static void test_on_wait(void **state)
{
	al_membudget b;
	wait_log log = { .n = 0 };
	needer big = { &b, 10, 80, 0, { 0 } };
	waiter late = { &b, 0, 0 };
	al_memticket t, small;
	GThread *th, *th2;

	al_membudget_init(&b, 100);
	al_membudget_set_slots(&b, 3);
	al_membudget_on_wait(&b, log_waiting, &log);
	t = al_membudget_take(&b, 50);
	small = al_membudget_take(&b, 10);
	al_membudget_need(&small, 20);          /* fits: no word */
	assert_int_equal(log.n, 0);
	th = g_thread_new("needer", need_big, &big);
	until_waiting(&b, 1);
	g_mutex_lock(&b.lock);
	assert_int_equal(log.n, 1);
	assert_int_equal(log.seen[0], 1);
	g_mutex_unlock(&b.lock);
	th2 = g_thread_new("late", take_big, &late);   /* 80 does not fit */
	until_waiting2(&b, 1, 1);
	g_mutex_lock(&b.lock);
	assert_int_equal(log.n, 2);
	assert_int_equal(log.seen[1], 2);
	g_mutex_unlock(&b.lock);
	al_membudget_give(&t);
	/* 20 + 80 fit: the big file goes, told before it wakes */
	assert_int_equal(log.n, 3);
	assert_int_equal(log.seen[2], 1);
	join_needer(th, &big);
	al_membudget_give(&small);
	assert_int_equal(log.n, 3);
	al_membudget_give(&big.t);
	assert_int_equal(log.n, 4);
	assert_int_equal(log.seen[3], 0);
	join_when(th2, &late.ended);
	al_membudget_on_wait(&b, NULL, NULL);
	al_membudget_clear(&b);
}

/* No more files run at once than there are slots. */
static void test_slots(void **state)
{
	al_membudget b;
	waiter late = { &b, 0, 0 };
	al_memticket t1, t2;
	GThread *th;

	al_membudget_init(&b, 100);
	al_membudget_set_slots(&b, 2);
	t1 = al_membudget_take(&b, 10);
	t2 = al_membudget_take(&b, 10);
	th = g_thread_new("late", take_big, &late);
	until_waiting2(&b, 0, 1);
	/* 80 would fit beside 20, but both slots are taken */
	assert_int_equal(g_atomic_int_get(&late.started), 0);
	al_membudget_give(&t1);
	join_when(th, &late.ended);
	assert_int_equal(g_atomic_int_get(&late.started), 1);
	al_membudget_give(&t2);
	assert_int_equal(b.running, 0);
	assert_int_equal(b.used, 0);
	al_membudget_clear(&b);
}

/* Memory the run holds besides its files (its OCR engine) is taken off
 * the limit: a file that would fit the whole limit waits, holding
 * nothing, while it does not fit the rest. */
static void test_reserve(void **state)
{
	al_membudget b;
	needer big = { &b, 10, 55, 0, { 0 } };
	al_memticket t;
	GThread *th;

	al_membudget_init(&b, 100);
	al_membudget_reserve(&b, 40);
	t = al_membudget_take(&b, 10);
	th = g_thread_new("big", need_big, &big);
	/* 10 + 55 <= 100, but > 100 - 40 */
	until_waiting(&b, 1);
	assert_int_equal(g_atomic_int_get(&big.phase), 1);
	al_membudget_give(&t);
	join_needer(th, &big);
	assert_int_equal(b.used, 55);
	al_membudget_give(&big.t);
	/* a file larger than the rest still runs, alone */
	t = al_membudget_take(&b, 90);
	assert_int_equal(b.used, 90);
	al_membudget_give(&t);
	assert_int_equal(b.used, 0);
	al_membudget_clear(&b);
}

/* With an OCR engine's memory reserved at -j2, a hero runs beside a wide
 * logo (files of up to 256 KiB) but not beside another hero. */
static void test_limit_with_ocr(void **state)
{
	size_t file = (size_t)256 << 10;
	size_t hero = al_decode_cost(815, 290, SIZE_MAX) + file;
	size_t wide = al_decode_cost(255, 115, SIZE_MAX) + file;
	size_t rest = al_membudget_limit(2) - AL_OCR_ENGINE_BYTES;

	assert_true(hero + wide <= rest);
	assert_true(2 * hero > rest);
}

typedef struct {
	al_membudget *b;
	size_t bytes;
	gint *next;             /* the order in which the files went */
	gint order;             /* its place in it, from 1 */
	gint ended;
} taker;

static gpointer take_in_turn(gpointer data)
{
	taker *k = data;
	al_memticket t = al_membudget_take(k->b, k->bytes);
	g_atomic_int_set(&k->order, g_atomic_int_add(k->next, 1) + 1);
	al_membudget_give(&t);
	g_atomic_int_set(&k->ended, 1);
	return NULL;
}

/* Files waiting for a slot go one at a time, oldest first, and each is
 * woken once: a file done wakes the one file that takes its slot, not
 * every file waiting (issue #10: they all woke, 4x the context
 * switches).  A file that does not fit stays behind a later one that
 * does. */
static void test_wakes_in_order(void **state)
{
	enum { N = 5 };
	al_membudget b;
	gint next = 0;
	taker k[N];
	GThread *th[N];
	al_memticket t;

	al_membudget_init(&b, 100);
	al_membudget_set_slots(&b, 1);
	t = al_membudget_take(&b, 30);
	for (int i = 0; i < N; i++) {
		/* the second file fits only alone */
		k[i] = (taker){ &b, i == 1 ? 90 : 10, &next, 0, 0 };
		th[i] = g_thread_new("taker", take_in_turn, &k[i]);
		until_waiting2(&b, 0, i + 1);
	}
	assert_int_equal(b.woken, 0);
	al_membudget_give(&t);
	for (int i = 0; i < N; i++)
		join_when(th[i], &k[i].ended);
	/* each one alone in the one slot: the 90 goes second too */
	for (int i = 0; i < N; i++)
		assert_int_equal(g_atomic_int_get(&k[i].order), i + 1);
	assert_int_equal(b.woken, N);
	assert_int_equal(b.queued, 0);
	assert_int_equal(b.running, 0);
	assert_int_equal(b.used, 0);

	/* two slots, 40 held: a file of 70 waits, the 10s after it go */
	next = 0;
	al_membudget_set_slots(&b, 2);
	t = al_membudget_take(&b, 40);
	al_memticket u = al_membudget_take(&b, 10);
	for (int i = 0; i < 3; i++) {
		k[i] = (taker){ &b, i == 0 ? 70 : 10, &next, 0, 0 };
		th[i] = g_thread_new("taker", take_in_turn, &k[i]);
		until_waiting2(&b, 0, i + 1);
	}
	al_membudget_give(&u);
	join_when(th[1], &k[1].ended);
	join_when(th[2], &k[2].ended);
	assert_int_equal(g_atomic_int_get(&k[1].order), 1);
	assert_int_equal(g_atomic_int_get(&k[2].order), 2);
	assert_int_equal(g_atomic_int_get(&k[0].order), 0);
	g_mutex_lock(&b.lock);
	assert_int_equal(b.queued, 1);
	g_mutex_unlock(&b.lock);
	al_membudget_give(&t);
	join_when(th[0], &k[0].ended);
	assert_int_equal(g_atomic_int_get(&k[0].order), 3);
	assert_int_equal(b.woken, N + 3);
	assert_int_equal(b.used, 0);
	al_membudget_clear(&b);
}

/* When a file is done, a file waiting in al_membudget_need() goes before
 * a new file waiting for the same slot, and the new file is not woken. */
static void test_need_goes_first(void **state)
{
	al_membudget b;
	needer big = { &b, 10, 80, 0, { 0 } };
	gint next = 0;
	taker late = { &b, 30, &next, 0, 0 };
	al_memticket t, u;
	GThread *th, *th2;

	al_membudget_init(&b, 100);
	al_membudget_set_slots(&b, 2);
	t = al_membudget_take(&b, 50);
	th = g_thread_new("needer", need_big, &big);
	until_waiting(&b, 1);
	u = al_membudget_take(&b, 10);          /* the freed slot, 60 */
	th2 = g_thread_new("late", take_in_turn, &late);
	until_waiting2(&b, 1, 1);               /* 60 + 30 fit, no slot */
	al_membudget_give(&t);
	/* 10 + 80 fit: the needer goes; the late file now does not fit */
	join_needer(th, &big);
	g_mutex_lock(&b.lock);
	assert_int_equal(b.queued, 1);
	assert_int_equal(b.woken, 1);
	assert_int_equal(b.used, 90);
	assert_int_equal(b.running, 2);
	g_mutex_unlock(&b.lock);
	assert_int_equal(g_atomic_int_get(&late.order), 0);
	al_membudget_give(&u);
	/* 80 + 30 > 100: still waiting, though a slot is free */
	g_mutex_lock(&b.lock);
	assert_int_equal(b.queued, 1);
	g_mutex_unlock(&b.lock);
	al_membudget_give(&big.t);
	join_when(th2, &late.ended);
	assert_int_equal(g_atomic_int_get(&late.order), 1);
	assert_int_equal(b.woken, 2);
	assert_int_equal(b.used, 0);
	assert_int_equal(b.running, 0);
	al_membudget_clear(&b);
}

typedef struct {
	al_membudget *b;
	guint32 seed;
	gint *broken;           /* a limit exceeded */
	gint *done;
} churner;

/* Checks, the lock held, what a file that just got @bytes may see. */
static void check_limits(churner *c, size_t bytes)
{
	al_membudget *b = c->b;
	size_t rest = b->limit - b->reserved;

	g_mutex_lock(&b->lock);
	if (b->running > b->slots || b->running < 1 ||
	    (b->used > rest && b->used != bytes))
		g_atomic_int_inc(c->broken);
	g_mutex_unlock(&b->lock);
}

static gpointer churn(gpointer data)
{
	churner *c = data;
	GRand *r = g_rand_new_with_seed(c->seed);

	for (int i = 0; i < 300; i++) {
		size_t start = (size_t)g_rand_int_range(r, 1, 20);   /* every file in flight holds some */
		al_memticket t = al_membudget_take(c->b, start);
		check_limits(c, start);
		size_t need = start + (size_t)g_rand_int_range(r, 0, 110);
		al_membudget_need(&t, need);
		check_limits(c, need);
		if (g_rand_int_range(r, 0, 4) == 0)
			g_thread_yield();
		al_membudget_give(&t);
	}
	g_rand_free(r);
	g_atomic_int_inc(c->done);
	return NULL;
}

/* Many threads taking, growing and giving back shares at random: every
 * one finishes (no wake-up lost), no more files run than there are
 * slots, the files in flight stay under the limit less the reserve (or
 * one runs alone), and all is given back. */
static void test_churn(void **state)
{
	enum { N = 8 };
	al_membudget b;
	gint broken = 0, done = 0;
	churner c[N];
	GThread *th[N];

	al_membudget_init(&b, 100);
	al_membudget_set_slots(&b, 2);
	al_membudget_reserve(&b, 20);
	for (int i = 0; i < N; i++) {
		c[i] = (churner){ &b, 17u + (guint32)i, &broken, &done };
		th[i] = g_thread_new("churn", churn, &c[i]);
	}
	gint64 end = g_get_monotonic_time() + HANG_US;
	while (g_atomic_int_get(&done) < N) {
		if (g_get_monotonic_time() > end)
			fail_msg("%d of %d threads finished", g_atomic_int_get(&done), N);
		g_usleep(1000);
	}
	for (int i = 0; i < N; i++)
		g_thread_join(th[i]);
	assert_int_equal(g_atomic_int_get(&broken), 0);
	assert_int_equal(b.used, 0);
	assert_int_equal(b.running, 0);
	assert_int_equal(b.waiting, 0);
	assert_int_equal(b.queued, 0);
	assert_true(b.peak > 0 && b.peak <= 19 + 109);
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
		cmocka_unit_test(test_need_accounting),
		cmocka_unit_test(test_limit),
		cmocka_unit_test(test_need_waits),
		cmocka_unit_test(test_need_no_deadlock),
		cmocka_unit_test(test_need_lets_others_run),
		cmocka_unit_test(test_on_wait),
		cmocka_unit_test(test_slots),
		cmocka_unit_test(test_reserve),
		cmocka_unit_test(test_limit_with_ocr),
		cmocka_unit_test(test_wakes_in_order),
		cmocka_unit_test(test_need_goes_first),
		cmocka_unit_test(test_churn),
		cmocka_unit_test(test_decode_cost),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
