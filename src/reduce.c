/*
 * Area-average reduction while decoding: a large image is summed into one
 * cell per k x k box as its rows arrive, so only the reduced image (and
 * its sums) ever exists.  The reduced image is what content rules see when
 * a file is far larger than its role; header rules keep the true size.
 */
#include <math.h>
#include <string.h>
#include "decode.h"

int al__reduce_dim(int n, int k)
{
	return k > 0 ? (int)(((int64_t)n + k - 1) / k) : n;
}

int al__reduce_factor(int w, int h, size_t max_px)
{
	int k = 1;

	if (w <= 0 || h <= 0 || max_px == 0 || (uint64_t)w * (uint64_t)h <= max_px)
		goto out;
	/* sqrt gives a k at or just below the answer; the rounding up of
	 * both sides decides the rest */
	k = MAX(1, (int)floor(sqrt((double)w * h / (double)max_px)));
	while (k < AL_REDUCE_MAX_K &&
	       (uint64_t)al__reduce_dim(w, k) * (uint64_t)al__reduce_dim(h, k) > max_px)
		k++;
	k = MIN(k, AL_REDUCE_MAX_K);
out:
	return k;
}

al_status al__reduce_init(al_reducer *r, int w, int h, int k, bool plain)
{
	al_status st = AL_ERR_NOMEM;

	memset(r, 0, sizeof *r);
	if (w <= 0 || h <= 0 || k < 1 || k > AL_REDUCE_MAX_K)
		goto out;
	r->sw = w;
	r->sh = h;
	r->k = k;
	r->ow = al__reduce_dim(w, k);
	r->oh = al__reduce_dim(h, k);
	r->plain = plain;
	if (!al__rgba_size(r->ow, r->oh))
		goto out;
	r->acc = al_try_new0(uint32_t, (size_t)r->ow * r->oh * 4);
	if (r->acc)
		st = AL_OK;
out:
	return st;
}

void al__reduce_row(al_reducer *r, int y, int x0, int dx, const uint8_t *px, int n)
{
	uint32_t *line;

	if (y < 0 || y >= r->sh || x0 < 0 || dx < 1)
		return;
	line = r->acc + (size_t)(y / r->k) * r->ow * 4;
	for (int i = 0, x = x0; i < n && x < r->sw; i++, x += dx, px += 4) {
		uint32_t *a = line + (size_t)(x / r->k) * 4;
		if (r->plain) {
			a[0] += px[0];
			a[1] += px[1];
			a[2] += px[2];
			a[3] += px[3];
		} else {
			uint32_t al = px[3];
			a[0] += px[0] * al;
			a[1] += px[1] * al;
			a[2] += px[2] * al;
			a[3] += al;
		}
	}
}

uint8_t *al__reduce_finish(const al_reducer *r)
{
	uint8_t *out = r->acc ? al_try_malloc_n((size_t)r->ow * r->oh, 4) : NULL;

	for (int cy = 0; out && cy < r->oh; cy++) {
		/* boxes on the right and bottom edges may be partial */
		uint32_t rows = (uint32_t)MIN(r->k, r->sh - cy * r->k);
		for (int cx = 0; cx < r->ow; cx++) {
			size_t i = ((size_t)cy * r->ow + cx) * 4;
			const uint32_t *a = r->acc + i;
			uint32_t n = rows * (uint32_t)MIN(r->k, r->sw - cx * r->k);
			uint8_t *o = out + i;
			if (r->plain) {
				for (int c = 0; c < 4; c++)
					o[c] = (uint8_t)((a[c] + n / 2) / n);
			} else {
				uint32_t al = a[3];
				for (int c = 0; c < 3; c++)
					o[c] = al ? (uint8_t)(((uint64_t)a[c] + al / 2) / al) : 0;
				o[3] = (uint8_t)((al + n / 2) / n);
			}
		}
	}
	return out;
}

void al__reduce_clear(al_reducer *r)
{
	g_free(r->acc);
	r->acc = NULL;
}
