/* The out-of-memory policy, in one place.
 *
 * Two kinds of allocation:
 *  - sizes the input decides (a file's bytes, decoded pixels, measurement
 *    planes, a rule's per-pixel buffers) are asked for with
 *    al_try_malloc_n() / al_try_new() (or GLib's g_try_*).  They may be
 *    large, and a failure is an answer about that one file: the caller
 *    gives the file a finding (unreadable, decode-error, or internal-error
 *    through al_check_failed()) and the run goes on with the other files.
 *    A check is never skipped silently.
 *  - everything else (strings, findings, fixed or small tables) uses
 *    g_malloc() and friends, which abort the process when memory is gone.
 *    Nothing sensible can follow a failed 100-byte allocation; the run
 *    ends with SIGABRT and writes no report, and a CI gate reads that as
 *    a failure too (exit status 134 from a shell), so it fails closed.
 * Input-sized buffers are bounded before they are asked for (the read
 * limit unreadable.max_file_mb, the pixel limit of too-large), so a
 * failure of the first kind means a busy machine, not a hostile file. */
#include "al_internal.h"

gint al_alloc_fail_countdown = 0;

/* True when the test hook says this allocation fails. */
static bool injected_failure(void)
{
	if (g_atomic_int_get(&al_alloc_fail_countdown) <= 0)
		return false;
	return g_atomic_int_dec_and_test(&al_alloc_fail_countdown);
}

void *al_try_malloc_n(size_t n_blocks, size_t block_size)
{
	if (injected_failure())
		return NULL;
	return g_try_malloc_n(n_blocks, block_size);
}

void *al_try_malloc0_n(size_t n_blocks, size_t block_size)
{
	if (injected_failure())
		return NULL;
	return g_try_malloc0_n(n_blocks, block_size);
}

/* ---- per-thread zeroed scratch (see al_internal.h) ------------------ */

typedef struct {
	uint8_t *buf;
	size_t size;             /* all of buf is zero while not lent */
	bool lent;
} zero_slot;

static void zero_slot_free(gpointer p)
{
	zero_slot *z = p;

	if (z)
		g_free(z->buf);
	g_free(z);
}

/* Freed when its thread ends (the pool's threads; the main thread's at
 * exit). */
static GPrivate zero_key = G_PRIVATE_INIT(zero_slot_free);

void *al_zeroed_take(size_t size)
{
	zero_slot *z = g_private_get(&zero_key);

	if (!z) {
		z = g_new0(zero_slot, 1);
		g_private_set(&zero_key, z);
	}
	if (z->lent)
		return g_malloc0(MAX(size, 1));
	if (z->size < size || !z->buf) {
		g_free(z->buf);
		z->size = MAX(size, 1);
		z->buf = g_malloc0(z->size);
	}
	z->lent = true;
	return z->buf;
}

void al_zeroed_give(void *buf)
{
	zero_slot *z = g_private_get(&zero_key);

	if (z && z->lent && buf == z->buf)
		z->lent = false;
	else
		g_free(buf);
}

bool al__zeroed_clean(void)
{
	zero_slot *z = g_private_get(&zero_key);
	bool clean = !z || !z->lent;

	for (size_t i = 0; clean && z && i < z->size; i++)
		clean = z->buf[i] == 0;
	return clean;
}
