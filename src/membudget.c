/*
 * The memory budget of the files in flight: -j says how many threads
 * check files, the budget says how many files may be in memory at once.
 * A file takes its size before it is read; once its header is known it
 * asks for its decode's estimate on top (al_membudget_need()), and waits
 * there, holding nothing, while the files in flight leave too little
 * room: so two large images are not decoded and measured side by side,
 * which is what sets a run's peak memory (issue #10).  A new file starts
 * only while the files in flight hold less than the limit and no file
 * waits for room (the waiting one goes first).  One file always runs, so
 * a file larger than the budget is still checked, alone.  A waiting file
 * holds nothing, so no two files wait on each other.
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
}

size_t al_membudget_limit(int threads)
{
	return (size_t)MAX(threads, 1) * AL_MEM_PER_THREAD;
}

/* True when @bytes may be added now (the lock held). */
static bool fits(const al_membudget *b, size_t bytes)
{
	return b->used == 0 || (b->used < b->limit && bytes <= b->limit - b->used);
}

void al_membudget_clear(al_membudget *b)
{
	g_cond_clear(&b->cond);
	g_mutex_clear(&b->lock);
}

al_memticket al_membudget_take(al_membudget *b, size_t bytes)
{
	al_memticket t = { .budget = b, .held = bytes };

	g_mutex_lock(&b->lock);
	while (b->waiting > 0 || !fits(b, bytes))
		g_cond_wait(&b->cond, &b->lock);
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
		/* what it gave back may let a waiting file go */
		g_cond_broadcast(&b->cond);
		b->waiting++;
		while (!fits(b, bytes))
			g_cond_wait(&b->cond, &b->lock);
		b->waiting--;
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
	g_cond_broadcast(&b->cond);
	g_mutex_unlock(&b->lock);
}

size_t al_decode_cost(int width, int height, size_t max_px)
{
	size_t px = width > 0 && height > 0 ? (size_t)width * (size_t)height : 0;

	return MIN(px, max_px) * AL_BYTES_PER_PIXEL;
}
