/* Connected regions and small image operators shared by the content rules.
 * Everything is linear in the number of pixels: union-find with path
 * halving, separable box blur, two-pass chamfer distance. */
#include <math.h>
#include <string.h>
#include "regions.h"

static int uf_find(int *parent, int i)
{
	while (parent[i] != i) {
		parent[i] = parent[parent[i]];
		i = parent[i];
	}
	return i;
}

static void uf_union(int *parent, int a, int b)
{
	a = uf_find(parent, a);
	b = uf_find(parent, b);
	if (a != b) {
		/* the smaller index becomes the root: keeps labels in scan order */
		if (a < b)
			parent[b] = a;
		else
			parent[a] = b;
	}
}

/* Turns a union-find forest into dense labels; -1 stays -1. */
static int uf_compact(int *parent, int n, int *labels)
{
	int count = 0;
	for (int i = 0; i < n; i++) {
		if (labels[i] < 0)
			continue;
		int r = uf_find(parent, i);
		if (r == i)
			labels[i] = count++;
		else
			labels[i] = labels[r];
	}
	return count;
}

int al_regions_similar(const al_measure *m, const float *lab, float step,
                       int *labels)
{
	int w = m->width, h = m->height, n = w * h;
	int *parent = g_new(int, n);
	float step2 = step * step;

	for (int i = 0; i < n; i++) {
		parent[i] = i;
		labels[i] = m->rgba[i * 4 + 3] >= 128 ? 0 : -1;
	}
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			int i = y * w + x;
			if (labels[i] < 0)
				continue;
			const float *p = lab + (size_t)i * 3;
			int nb[2] = { x + 1 < w ? i + 1 : -1, y + 1 < h ? i + w : -1 };
			for (int k = 0; k < 2; k++) {
				int j = nb[k];
				if (j < 0 || labels[j] < 0)
					continue;
				const float *q = lab + (size_t)j * 3;
				float d0 = p[0] - q[0], d1 = p[1] - q[1], d2 = p[2] - q[2];
				if (d0 * d0 + d1 * d1 + d2 * d2 < step2)
					uf_union(parent, i, j);
			}
		}
	int count = uf_compact(parent, n, labels);
	g_free(parent);
	return count;
}

int al_regions_mask(const uint8_t *mask, int w, int h, int *labels)
{
	int n = w * h;
	int *parent = g_new(int, n);

	for (int i = 0; i < n; i++) {
		parent[i] = i;
		labels[i] = mask[i] ? 0 : -1;
	}
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			int i = y * w + x;
			if (!mask[i])
				continue;
			/* forward half of the 8-neighbourhood */
			if (x + 1 < w && mask[i + 1])
				uf_union(parent, i, i + 1);
			if (y + 1 < h) {
				if (mask[i + w])
					uf_union(parent, i, i + w);
				if (x + 1 < w && mask[i + w + 1])
					uf_union(parent, i, i + w + 1);
				if (x > 0 && mask[i + w - 1])
					uf_union(parent, i, i + w - 1);
			}
		}
	int count = uf_compact(parent, n, labels);
	g_free(parent);
	return count;
}

/* Mean of 3 samples @stride apart along a line of @len samples; the ends
 * average the 2 that exist. */
static void box3_line(const float *in, float *out, int len, size_t stride)
{
	if (len == 1) {
		out[0] = in[0];
		return;
	}
	out[0] = (in[0] + in[stride]) * 0.5f;
	for (int k = 1; k < len - 1; k++)
		out[k * stride] = (in[(k - 1) * stride] + in[k * stride] +
		                   in[(k + 1) * stride]) * (1.0f / 3.0f);
	out[(len - 1) * stride] = (in[(len - 2) * stride] + in[(len - 1) * stride]) * 0.5f;
}

float *al_lab_blur3(const float *lab, int w, int h)
{
	size_t n = (size_t)w * h * 3;
	float *tmp = g_new(float, n);
	float *out = g_new(float, n);

	/* separable: rows into tmp, then columns into out */
	for (int y = 0; y < h; y++)
		for (int c = 0; c < 3; c++)
			box3_line(lab + (size_t)y * w * 3 + c, tmp + (size_t)y * w * 3 + c, w, 3);
	/* Columns row by row (contiguous, vectorisable) rather than down each
	 * column, which walks the image against the cache. */
	size_t row = (size_t)w * 3;
	for (int y = 0; y < h; y++) {
		const float *up = tmp + (size_t)(y > 0 ? y - 1 : y) * row;
		const float *mid = tmp + (size_t)y * row;
		const float *down = tmp + (size_t)(y < h - 1 ? y + 1 : y) * row;
		float *o = out + (size_t)y * row;
		if (h == 1)
			memcpy(o, mid, row * sizeof *o);
		else if (y == 0 || y == h - 1)
			for (size_t k = 0; k < row; k++)
				o[k] = (up[k] + down[k]) * 0.5f; /* the 2 that exist */
		else
			for (size_t k = 0; k < row; k++)
				o[k] = (up[k] + mid[k] + down[k]) * (1.0f / 3.0f);
	}
	g_free(tmp);
	return out;
}

void al_distance_chess(const uint8_t *mask, int w, int h, uint16_t *dist)
{
	const uint16_t inf = 60000;

	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			int i = y * w + x;
			if (!mask[i]) {
				dist[i] = 0;
				continue;
			}
			uint16_t d = inf;
			/* outside the image counts as unset */
			if (x == 0 || y == 0)
				d = 1;
			else {
				uint16_t a = dist[i - 1], b = dist[i - w], c = dist[i - w - 1];
				uint16_t e = x + 1 < w ? dist[i - w + 1] : 0;
				uint16_t mn = MIN(MIN(a, b), MIN(c, e));
				d = (uint16_t)(mn + 1);
			}
			dist[i] = d;
		}
	for (int y = h - 1; y >= 0; y--)
		for (int x = w - 1; x >= 0; x--) {
			int i = y * w + x;
			if (!mask[i])
				continue;
			uint16_t d = dist[i];
			if (x == w - 1 || y == h - 1)
				d = 1;
			else {
				uint16_t a = dist[i + 1], b = dist[i + w], c = dist[i + w + 1];
				uint16_t e = x > 0 ? dist[i + w - 1] : 0;
				uint16_t mn = MIN(MIN(a, b), MIN(c, e));
				if (mn + 1 < d)
					d = (uint16_t)(mn + 1);
			}
			dist[i] = d;
		}
}

/* Is pixel (x, y) a blend of two opposite neighbours that differ by more
 * than @edge_de?  Anti-aliased edges, soft edges and resampling make such
 * in-between colours; a thin stroke between two background pixels is not
 * one (it is not between them).  The general case, for pixels on the
 * image's rim (al_is_blend() handles the inside). */
bool al_is_blend_rim(const float *lab, int w, int h, int x, int y, float edge_de)
{
	static const int dirs[4][2] = { { 1, 0 }, { 0, 1 }, { 1, 1 }, { 1, -1 } };
	const float *p = lab + ((size_t)y * w + x) * 3;
	for (int k = 0; k < 4; k++) {
		int ax = x - dirs[k][0], ay = y - dirs[k][1];
		int bx = x + dirs[k][0], by = y + dirs[k][1];
		if (ax < 0 || ay < 0 || bx < 0 || by < 0 || ax >= w ||
		    bx >= w || ay >= h || by >= h)
			continue;
		if (al_blend_pair(p, lab + ((size_t)ay * w + ax) * 3,
		                  lab + ((size_t)by * w + bx) * 3, edge_de))
			return true;
	}
	return false;
}
