/*
 * The memory budget of the files in flight: -j says how many threads
 * check files, the budget says how many files may be in memory at once.
 * A file takes its size before it is read; once its header is known it
 * asks for its decode's estimate on top (al_membudget_need()), and waits
 * there, holding nothing, while the files in flight leave too little
 * room: so two large images are not decoded and measured side by side,
 * which is what sets a run's peak memory (issue #10).  A new file starts
 * only while the files in flight hold less than the limit and no waiting
 * file could go (a waiting file that fits goes first).  One file always
 * runs, so a file larger than the budget is still checked, alone.  A
 * waiting file holds nothing, so no two files wait on each other.
 *
 * Slots: at most `slots` files run at once, and a waiting file gives its
 * slot up.  The pipeline is told (al_membudget_on_wait()) how many files
 * wait (for room, or a slot) and starts as many more, so while a hero
 * waits for another hero to finish, a thread checks the logos after it
 * instead of idling (a second hero waiting cost ~12 % wall time on a tree of heroes
 * and logos at -j2); the files running never outnumber -j and the memory
 * in flight never exceeds the budget.
 *
 * Waking: a file that must wait queues up, oldest first, and sleeps on a
 * condition of its own.  Whoever frees room or a slot (a file done, a
 * file giving its share back to wait) lets go, under the lock, every
 * waiting file that can go now -- first the files waiting in
 * al_membudget_need(), then the new ones, each queue oldest first -- and
 * takes the room and slot for it before it wakes it.  So only a file
 * that goes is woken, once, and nobody can take its room between its
 * wake-up and its running.  (Waking every waiting thread on every
 * change let all of a -j2 run's 12 threads wake for one slot: ~4x the
 * context switches of a run without the budget, issue #10.)  Since
 * every change lets go all that can, a file arriving finds no waiting
 * file that could go: it goes at once if it fits and a slot is free, or
 * queues.
 */
#include "al_internal.h"

/* A file waiting for room or a slot (on its thread's stack). */
struct al_memwaiter {
	al_memwaiter *next;
	GCond cond;
	size_t bytes;
	bool go;                /* its room and slot were taken for it */
};

void al_membudget_init(al_membudget *b, size_t limit)
{
	g_mutex_init(&b->lock);
	b->limit = limit;
	b->used = 0;
	b->peak = 0;
	b->waiting = 0;
	b->queued = 0;
	b->woken = 0;
	b->needs = NULL;
	b->takes = NULL;
	b->slots = 0;
	b->running = 0;
	b->reserved = 0;
	b->on_wait = NULL;
	b->on_wait_data = NULL;
}

/* The number of files waiting for room changed (the lock held). */
static void waiting_changed(al_membudget *b)
{
	if (b->on_wait)
		b->on_wait(b->on_wait_data, b->waiting + b->queued);
}

/* True when @bytes may be added now (the lock held). */
static bool fits(const al_membudget *b, size_t bytes)
{
	size_t limit = b->limit - MIN(b->limit, b->reserved);

	return b->used == 0 || (b->used < limit && bytes <= limit - b->used);
}

/* True when a slot is free (the lock held). */
static bool slot_free(const al_membudget *b)
{
	return b->slots == 0 || b->running < b->slots;
}

/* A file starts running with @bytes (the lock held). */
static void admit(al_membudget *b, size_t bytes)
{
	b->running++;
	b->used += bytes;
	b->peak = MAX(b->peak, b->used);
}

/* Lets go every waiting file that can go now (the lock held): the files
 * waiting in al_membudget_need() first, then the new files, each queue
 * oldest first.  A file that does not fit stays and lets a later, smaller
 * one go.  Letting a file go only takes room and a slot, so a file left
 * waiting cannot go either: when this returns, no waiting file can. */
static void let_go(al_membudget *b)
{
	for (int pass = 0; pass < 2; pass++) {
		al_memwaiter **q = pass == 0 ? &b->needs : &b->takes;
		while (*q) {
			al_memwaiter *w = *q;
			if (!slot_free(b))
				return;
			if (!fits(b, w->bytes)) {
				q = &w->next;
				continue;
			}
			*q = w->next;
			if (pass == 0)
				b->waiting--;
			else
				b->queued--;
			waiting_changed(b);
			admit(b, w->bytes);
			w->go = true;
			b->woken++;
			g_cond_signal(&w->cond);
		}
	}
}

/* Queues @w at the end of @q and sleeps until it is let go (the lock
 * held); its room and slot are then taken for it. */
static void wait_in(al_membudget *b, al_memwaiter **q, al_memwaiter *w)
{
	while (*q)
		q = &(*q)->next;
	*q = w;
	let_go(b);              /* what the caller gave back may let others go */
	while (!w->go)
		g_cond_wait(&w->cond, &b->lock);
}

void al_membudget_set_slots(al_membudget *b, int slots)
{
	g_mutex_lock(&b->lock);
	b->slots = MAX(slots, 0);
	let_go(b);
	g_mutex_unlock(&b->lock);
}

void al_membudget_on_wait(al_membudget *b, void (*fn)(void *data, int waiting), void *data)
{
	g_mutex_lock(&b->lock);
	b->on_wait = fn;
	b->on_wait_data = data;
	g_mutex_unlock(&b->lock);
}

void al_membudget_reserve(al_membudget *b, size_t bytes)
{
	g_mutex_lock(&b->lock);
	b->reserved = bytes;
	let_go(b);
	g_mutex_unlock(&b->lock);
}

size_t al_membudget_limit(int threads)
{
	return (size_t)MAX(threads, 1) * AL_MEM_PER_THREAD;
}

void al_membudget_clear(al_membudget *b)
{
	g_mutex_clear(&b->lock);
}

al_memticket al_membudget_take(al_membudget *b, size_t bytes)
{
	al_memticket t = { .budget = b, .held = bytes };

	g_mutex_lock(&b->lock);
	/* no waiting file can go (let_go() ran on every change), so one
	 * that fits overtakes only files that do not */
	if (slot_free(b) && fits(b, bytes)) {
		admit(b, bytes);
	} else {
		al_memwaiter w = { .bytes = bytes };
		g_cond_init(&w.cond);
		b->queued++;
		waiting_changed(b);
		wait_in(b, &b->takes, &w);
		g_cond_clear(&w.cond);
	}
	g_mutex_unlock(&b->lock);
	return t;
}

void al_membudget_need(al_memticket *t, size_t bytes)
{
	al_membudget *b = t ? t->budget : NULL;

	if (!b)
		return;
	g_mutex_lock(&b->lock);
	size_t held = MIN(b->used, t->held);
	b->used -= held;
	t->held = 0;
	if (fits(b, bytes)) {
		b->used += bytes;
		b->peak = MAX(b->peak, b->used);
		if (bytes < held)
			let_go(b);
	} else {
		/* it waits holding nothing, not even its slot */
		al_memwaiter w = { .bytes = bytes };
		g_cond_init(&w.cond);
		b->running--;
		b->waiting++;
		waiting_changed(b);
		wait_in(b, &b->needs, &w);
		g_cond_clear(&w.cond);
	}
	t->held = bytes;
	g_mutex_unlock(&b->lock);
}

void al_membudget_give(al_memticket *t)
{
	al_membudget *b = t ? t->budget : NULL;

	if (!b)
		return;
	g_mutex_lock(&b->lock);
	b->used -= MIN(b->used, t->held);
	t->held = 0;
	b->running--;
	t->budget = NULL;    /* given back once */
	let_go(b);
	g_mutex_unlock(&b->lock);
}

size_t al_decode_cost(int width, int height, size_t max_px)
{
	size_t px = width > 0 && height > 0 ? (size_t)width * (size_t)height : 0;

	return MIN(px, max_px) * AL_BYTES_PER_PIXEL;
}
