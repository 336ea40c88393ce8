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
 * slot up.  The pipeline runs more threads than slots, so while a hero
 * waits for another hero to finish, a thread checks the logos after it
 * instead of idling (a second hero waiting cost ~12 % wall time on a tree
 * of heroes and logos at -j2); the files running never outnumber -j and
 * the memory in flight never exceeds the budget.
 */
#include "al_internal.h"

void al_membudget_init(al_membudget *b, size_t limit)
{
	g_mutex_init(&b->lock);
	g_cond_init(&b->cond);
	b->limit = limit;
	b->used = 0;
	b->peak = 0;
	b->waiting = 0;
	b->wants = g_array_new(FALSE, FALSE, sizeof(size_t));
	b->slots = 0;
	b->running = 0;
	b->reserved = 0;
}

void al_membudget_set_slots(al_membudget *b, int slots)
{
	g_mutex_lock(&b->lock);
	b->slots = MAX(slots, 0);
	g_mutex_unlock(&b->lock);
}

void al_membudget_reserve(al_membudget *b, size_t bytes)
{
	g_mutex_lock(&b->lock);
	b->reserved = bytes;
	g_mutex_unlock(&b->lock);
}

size_t al_membudget_limit(int threads)
{
	return (size_t)MAX(threads, 1) * AL_MEM_PER_THREAD;
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

/* True when a waiting file could go now (the lock held): it goes before
 * any new file. */
static bool waiter_ready(const al_membudget *b)
{
	for (guint i = 0; i < b->wants->len; i++)
		if (fits(b, g_array_index(b->wants, size_t, i)))
			return true;
	return false;
}

void al_membudget_clear(al_membudget *b)
{
	g_array_free(b->wants, TRUE);
	g_cond_clear(&b->cond);
	g_mutex_clear(&b->lock);
}

al_memticket al_membudget_take(al_membudget *b, size_t bytes)
{
	al_memticket t = { .budget = b, .held = bytes };

	g_mutex_lock(&b->lock);
	while (!slot_free(b) || !fits(b, bytes) || waiter_ready(b))
		g_cond_wait(&b->cond, &b->lock);
	b->running++;
	b->used += bytes;
	b->peak = MAX(b->peak, b->used);
	g_mutex_unlock(&b->lock);
	return t;
}

void al_membudget_need(al_memticket *t, size_t bytes)
{
	al_membudget *b = t ? t->budget : NULL;

	if (!b)
		return;
	g_mutex_lock(&b->lock);
	b->used -= MIN(b->used, t->held);
	t->held = 0;
	if (!fits(b, bytes)) {
		/* what it gave back, and its slot, may let another file go */
		b->running--;
		g_array_append_val(b->wants, bytes);
		g_cond_broadcast(&b->cond);
		b->waiting++;
		while (!fits(b, bytes) || !slot_free(b))
			g_cond_wait(&b->cond, &b->lock);
		b->waiting--;
		for (guint i = 0; i < b->wants->len; i++)
			if (g_array_index(b->wants, size_t, i) == bytes) {
				g_array_remove_index_fast(b->wants, i);
				break;
			}
		b->running++;
		/* the files that waited behind this one */
		g_cond_broadcast(&b->cond);
	}
	b->used += bytes;
	b->peak = MAX(b->peak, b->used);
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
	g_cond_broadcast(&b->cond);
	g_mutex_unlock(&b->lock);
}

size_t al_decode_cost(int width, int height, size_t max_px)
{
	size_t px = width > 0 && height > 0 ? (size_t)width * (size_t)height : 0;

	return MIN(px, max_px) * AL_BYTES_PER_PIXEL;
}
