/* palette: counts the prominent colours of a logo.  Blends are skipped: a
 * pixel is not counted when it is background, not fully opaque, or lies
 * between two opposite neighbours that differ by more than edge_de (the
 * in-between pixels of anti-aliased edges would otherwise invent colours;
 * thin strokes still count).  The counted pixels are clustered greedily in
 * CIELAB (most frequent colours first, CIE76 merge radius), and a cluster
 * is prominent when it holds at least min_share of the counted pixels. */
#include <math.h>
#include "rules.h"
#include "regions.h"

static const al_param params[] = {
	{ "max_colors", 4, 1, 64, "most prominent colours allowed" },
	{ "merge_de", 15, 1, 50, "colours closer than this (CIE76) are one colour" },
	{ "min_share", 0.04, 0.001, 0.5, "a colour is prominent from this share of the counted foreground" },
	{ "edge_de", 4, 0.5, 50, "a pixel lying between two opposite neighbours that differ by more than this (CIE76) is a blend and not counted" },
};

typedef struct {
	double lab[3];           /* sums, then means */
	double rgb[3];
	long n;
} cluster;

/* Bins of 2 L*a*b* units: exact enough for the merge radius, few enough
 * that the greedy clustering sees each distinct colour once. */
static guint32 bin_key(const float *l)
{
	int q0 = CLAMP((int)lrintf(l[0] / 2.0f), 0, 63);
	int q1 = CLAMP((int)lrintf(l[1] / 2.0f) + 128, 0, 255);
	int q2 = CLAMP((int)lrintf(l[2] / 2.0f) + 128, 0, 255);
	return (guint32)(q0 << 16 | q1 << 8 | q2);
}

typedef struct {
	guint32 key;
	long n;
	double lab[3], rgb[3];
} bin;

static int bin_cmp(gconstpointer a, gconstpointer b)
{
	const bin *x = *(bin *const *)a, *y = *(bin *const *)b;
	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return x->key < y->key ? -1 : (x->key > y->key);
}

static void check(al_ctx *ctx)
{
	const al_measure *m = ctx->m;
	int max_colors = (int)AL_PARAM(ctx, "max_colors");
	float merge = (float)AL_PARAM(ctx, "merge_de");
	double min_share = AL_PARAM(ctx, "min_share");
	float edge_de = (float)AL_PARAM(ctx, "edge_de");
	GHashTable *bins = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
	GPtrArray *sorted = g_ptr_array_new();
	GArray *clusters = g_array_new(FALSE, TRUE, sizeof(cluster));
	GString *list = g_string_new(NULL);
	long counted = 0;

	for (int y = 0; y < m->height; y++)
		for (int x = 0; x < m->width; x++) {
			size_t i = (size_t)y * m->width + x;
			const uint8_t *p = m->rgba + i * 4;
			const float *l = m->lab + i * 3;
			if (m->bgmask[i] || p[3] < 255 || al_is_blend(m->lab, m->width, m->height, x, y, edge_de))
				continue;
			/* enclosed areas in the background colour read as background */
			if (m->bg_kind == AL_BG_COLOR && al_de76(l, m->bg_lab) < merge)
				continue;
			guint32 key = bin_key(l);
			bin *b = g_hash_table_lookup(bins, GUINT_TO_POINTER(key + 1));
			if (!b) {
				b = g_new0(bin, 1);
				b->key = key;
				g_hash_table_insert(bins, GUINT_TO_POINTER(key + 1), b);
			}
			b->n++;
			for (int c = 0; c < 3; c++) {
				b->lab[c] += l[c];
				b->rgb[c] += p[c];
			}
			counted++;
		}
	if (counted == 0)
		goto out;

	GHashTableIter it;
	gpointer v;
	g_hash_table_iter_init(&it, bins);
	while (g_hash_table_iter_next(&it, NULL, &v))
		g_ptr_array_add(sorted, v);
	g_ptr_array_sort(sorted, bin_cmp);
	for (guint k = 0; k < sorted->len; k++) {
		bin *b = g_ptr_array_index(sorted, k);
		float bl[3] = { (float)(b->lab[0] / b->n), (float)(b->lab[1] / b->n),
		                (float)(b->lab[2] / b->n) };
		cluster *into = NULL;
		for (guint c = 0; c < clusters->len && !into; c++) {
			cluster *cl = &g_array_index(clusters, cluster, c);
			float cm[3] = { (float)(cl->lab[0] / cl->n), (float)(cl->lab[1] / cl->n),
			                (float)(cl->lab[2] / cl->n) };
			if (al_de76(bl, cm) < merge)
				into = cl;
		}
		if (!into) {
			cluster zero = { { 0, 0, 0 }, { 0, 0, 0 }, 0 };
			g_array_append_val(clusters, zero);
			into = &g_array_index(clusters, cluster, clusters->len - 1);
		}
		into->n += b->n;
		for (int c = 0; c < 3; c++) {
			into->lab[c] += b->lab[c];
			into->rgb[c] += b->rgb[c];
		}
	}

	int prominent = 0;
	for (guint c = 0; c < clusters->len; c++) {
		cluster *cl = &g_array_index(clusters, cluster, c);
		double share = (double)cl->n / (double)counted;
		if (share < min_share)
			continue;
		prominent++;
		uint8_t rgb[3];
		for (int k = 0; k < 3; k++)
			rgb[k] = (uint8_t)CLAMP(cl->rgb[k] / cl->n + 0.5, 0, 255);
		char hex[8];
		al_hex_color(rgb, hex);
		g_string_append_printf(list, "%s%s %.0f %%", list->len ? ", " : "", hex,
		                       share * 100.0);
	}
	if (prominent > max_colors)
		al_emit(ctx, AL_SEV_OFF, m->fg_bbox.w > 0 ? &m->fg_bbox : NULL, true,
		        prominent, max_colors,
		        "%d prominent colours (limit %d; background and anti-aliasing not "
		        "counted): %s. Limit the logo to a few primary and secondary colours",
		        prominent, max_colors, list->str);
out:
	g_string_free(list, TRUE);
	g_array_free(clusters, TRUE);
	g_ptr_array_free(sorted, TRUE);
	g_hash_table_destroy(bins);
}

const al_rule al_rule_palette = {
	.id = "palette",
	.stage = AL_STAGE_PIXELS,
	.roles = AL_ROLES_LOGOS,
	.severity = AL_SEV_WARNING,
	.summary = "more prominent colours than the limit",
	.help = "Limit the logo to a few primary and secondary colours.",
	.params = params,
	.n_params = G_N_ELEMENTS(params),
	.check = check,
};
