/*
 * The memory budget of the files in flight: -j says how many threads
 * check files, the budget says how many files may be in memory at once.
 * A file takes its size before it is read and grows by its decode's
 * estimate once its header is known; a new file starts only while the
 * files in flight hold less than the limit (one file always runs, so a
 * file larger than the budget is still checked, alone).  Growing never
 * waits, so no two files wait on each other.
 */
#include "al_internal.h"

void al_membudget_init(al_membudget *b, size_t limit)
{
	g_mutex_init(&b->lock);
	g_cond_init(&b->cond);
	b->limit = limit;
	b->used = 0;
	b->peak = 0;
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
	while (b->used > 0 && (b->used >= b->limit || bytes > b->limit - b->used))
		g_cond_wait(&b->cond, &b->lock);
	b->used += bytes;
	b->peak = MAX(b->peak, b->used);
	g_mutex_unlock(&b->lock);
	return t;
}

void al_membudget_grow(al_memticket *t, size_t bytes)
{
	al_membudget *b = t ? t->budget : NULL;

	if (!b)
		return;
	g_mutex_lock(&b->lock);
	b->used += bytes;
	b->peak = MAX(b->peak, b->used);
	t->held += bytes;
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
