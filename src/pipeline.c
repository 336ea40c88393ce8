/* The run: walk the paths, check each file on a thread pool (probe ->
 * decode -> measurements -> rules), group files into sets, run set rules. */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include "al_internal.h"
#include "ocr.h"

/* Files larger than this are not read at all (decode-error). */
#define AL_MAX_FILE_BYTES (256u << 20)

static const char *const image_exts[] = {
	"png", "jpg", "jpeg", "jpe", "gif", "webp", "bmp", "tif", "tiff", "svg", "ico", NULL
};

static bool has_image_ext(const char *name)
{
	const char *dot = strrchr(name, '.');
	if (!dot)
		return false;
	for (int i = 0; image_exts[i]; i++)
		if (g_ascii_strcasecmp(dot + 1, image_exts[i]) == 0)
			return true;
	return false;
}

/* A file without an image extension is still checked when its first bytes
 * are an image's: a PNG saved as "logo" must not slip through. */
static bool sniffs_as_image(const char *path)
{
	uint8_t buf[1024];
	size_t n = 0;
	FILE *f = fopen(path, "rb");
	if (f) {
		n = fread(buf, 1, sizeof buf, f);
		fclose(f);
	}
	return n > 0 && al_sniff(buf, n) != AL_FMT_NONE;
}

typedef struct {
	GHashTable *seen_dirs;   /* "dev:ino" of folders already walked */
	GHashTable *seen_files;  /* paths already added */
	GPtrArray *files;        /* of al_file_result* */
} walk_state;

static void add_file(walk_state *w, const char *path)
{
	if (g_hash_table_contains(w->seen_files, path))
		return;
	g_hash_table_add(w->seen_files, g_strdup(path));
	al_file_result *r = g_new0(al_file_result, 1);
	r->path = g_strdup(path);
	r->set = g_path_get_dirname(path);
	r->findings = g_ptr_array_new_with_free_func((GDestroyNotify)al_finding_free);
	g_ptr_array_add(w->files, r);
}

static int cmp_str(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Walks @dir recursively in name order.  Symlinks are followed, but each
 * folder (by device and inode) is entered once, so links cannot loop. */
static void walk_dir(walk_state *w, const char *dir)
{
	struct stat st;
	if (stat(dir, &st) != 0)
		return;
	char *key = g_strdup_printf("%ju:%ju", (uintmax_t)st.st_dev, (uintmax_t)st.st_ino);
	if (g_hash_table_contains(w->seen_dirs, key)) {
		g_free(key);
		return;
	}
	g_hash_table_add(w->seen_dirs, key);

	GDir *d = g_dir_open(dir, 0, NULL);
	if (!d)
		return;
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	const char *name;
	while ((name = g_dir_read_name(d)))
		g_ptr_array_add(names, g_strdup(name));
	g_dir_close(d);
	g_ptr_array_sort(names, cmp_str);

	for (guint i = 0; i < names->len; i++) {
		const char *n = g_ptr_array_index(names, i);
		char *p = g_build_filename(dir, n, NULL);
		struct stat es;
		if (stat(p, &es) == 0) {
			if (S_ISDIR(es.st_mode)) {
				if (n[0] != '.')
					walk_dir(w, p);
			} else if (S_ISREG(es.st_mode) && (has_image_ext(n) || sniffs_as_image(p))) {
				add_file(w, p);
			}
		}
		g_free(p);
	}
	g_ptr_array_free(names, TRUE);
}

/* ---- one file ---------------------------------------------------------- */

static al_role role_from_patterns(const al_options *opts, const char *path)
{
	char *base = g_path_get_basename(path);
	char *lower = g_ascii_strdown(base, -1);
	al_role role = AL_ROLE_UNKNOWN;
	for (int r = 0; r <= AL_ROLE_HERO && role == AL_ROLE_UNKNOWN; r++) {
		GPtrArray *pats = opts->role_patterns[r];
		for (guint i = 0; pats && i < pats->len; i++)
			if (g_pattern_match_simple(g_ptr_array_index(pats, i), lower)) {
				role = (al_role)r;
				break;
			}
	}
	g_free(lower);
	g_free(base);
	return role;
}

static void run_stage(al_ctx *ctx, al_stage stage)
{
	for (const al_rule *const *r = al_rules(); *r; r++) {
		if ((*r)->stage != stage || !(*r)->check)
			continue;
		if (!((*r)->roles & AL_ROLEBIT(ctx->content_role)))
			continue;
		if (al_rule_severity(ctx->opts, *r) == AL_SEV_OFF)
			continue;
		ctx->rule = *r;
		(*r)->check(ctx);
	}
}

static void check_file(al_file_result *res, const al_options *opts)
{
	const al_profile *profile = opts->profile;
	gchar *data = NULL;
	gsize len = 0;
	GError *gerr = NULL;
	al_info info = { 0 };
	al_image img = { 0 };
	al_measure m = { 0 };
	char why[256] = "";
	al_ctx ctx = { .opts = opts, .profile = profile, .res = res, .path = res->path };
	struct stat st;

	ctx.probe_status = AL_ERR_DECODE;
	ctx.decode_status = AL_ERR_DECODE;
	ctx.decode_why = why;
	res->role = role_from_patterns(opts, res->path);
	if (res->role == AL_ROLE_UNKNOWN)
		res->role = al_role_from_name(res->path, profile);
	res->role_source = res->role != AL_ROLE_UNKNOWN ? AL_ROLE_FROM_FILENAME : AL_ROLE_FROM_NONE;

	if (stat(res->path, &st) == 0 && st.st_size > (off_t)AL_MAX_FILE_BYTES) {
		g_snprintf(why, sizeof why, "file is %.0f MB, more than the %u MB read limit",
		           st.st_size / 1048576.0, AL_MAX_FILE_BYTES >> 20);
	} else if (!g_file_get_contents(res->path, &data, &len, &gerr)) {
		g_strlcpy(why, gerr->message, sizeof why);
		g_clear_error(&gerr);
	} else if (len == 0) {
		g_strlcpy(why, "empty file (0 bytes)", sizeof why);
	} else {
		char *hash = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)data, len);
		g_strlcpy(res->content_hash, hash, sizeof res->content_hash);
		g_free(hash);
		ctx.data = (const uint8_t *)data;
		ctx.len = len;
		ctx.probe_status = al_probe(ctx.data, len, &info, why, sizeof why);
	}

	if (ctx.probe_status == AL_OK) {
		ctx.info = &info;
		res->format = info.format;
		bool swap = info.orientation >= 5 && info.orientation <= 8;
		res->width = swap ? info.height : info.width;
		res->height = swap ? info.width : info.height;
		if ((double)info.width * info.height > opts->max_pixels) {
			ctx.decode_status = AL_ERR_TOO_LARGE;
			g_snprintf(why, sizeof why, "refused before decoding");
		} else {
			ctx.decode_status = al_decode(ctx.data, len, &info, &img, why, sizeof why);
			if (ctx.decode_status == AL_OK) {
				res->width = img.width;
				res->height = img.height;
			}
		}
	} else {
		/* The format may still be known from the magic bytes. */
		res->format = ctx.data ? al_sniff(ctx.data, len) : AL_FMT_NONE;
	}

	if (res->role == AL_ROLE_UNKNOWN && res->width > 0) {
		res->role = al_role_from_size(profile, res->width, res->height);
		if (res->role != AL_ROLE_UNKNOWN)
			res->role_source = AL_ROLE_FROM_DIMENSIONS;
	}
	ctx.content_role = res->role;
	if (ctx.content_role == AL_ROLE_UNKNOWN && res->width > 0)
		ctx.content_role = al_role_nearest(profile, res->width, res->height);

	run_stage(&ctx, AL_STAGE_HEADER);

	if (ctx.decode_status == AL_OK &&
	    al_measure_compute(&m, &img, opts) == AL_OK) {
		ctx.img = &img;
		ctx.m = &m;
		res->bg_kind = m.bg_kind;
		memcpy(res->bg_rgb, m.bg_rgb, 3);
		res->bg_coverage = m.bg_coverage;
		al_mark_compute(&res->mark, &m);
		run_stage(&ctx, AL_STAGE_PIXELS);
	}

	al_measure_clear(&m);
	g_free(img.rgba);
	g_free(data);
}

/* ---- the run ------------------------------------------------------------ */

typedef struct {
	const al_options *opts;
	GMutex lock;
	int done, total;
} pool_state;

static void pool_func(gpointer item, gpointer user)
{
	pool_state *ps = user;
	check_file(item, ps->opts);
	if (ps->opts->progress) {
		g_mutex_lock(&ps->lock);
		ps->done++;
		ps->opts->progress(ps->opts->progress_data, ps->done, ps->total);
		g_mutex_unlock(&ps->lock);
	}
}

static int cmp_file(gconstpointer a, gconstpointer b)
{
	const al_file_result *x = *(al_file_result *const *)a;
	const al_file_result *y = *(al_file_result *const *)b;
	return strcmp(x->path, y->path);
}

static int cmp_set(gconstpointer a, gconstpointer b)
{
	const al_set_result *x = *(al_set_result *const *)a;
	const al_set_result *y = *(al_set_result *const *)b;
	return strcmp(x->path, y->path);
}

static void set_result_free(al_set_result *s)
{
	if (!s)
		return;
	g_free(s->path);
	g_ptr_array_free(s->files, TRUE);
	g_ptr_array_free(s->findings, TRUE);
	g_free(s);
}

static void file_result_free(al_file_result *r)
{
	if (!r)
		return;
	g_free(r->path);
	g_free(r->set);
	g_ptr_array_free(r->findings, TRUE);
	g_free(r);
}

static void group_sets(al_report *rep, const al_options *opts)
{
	al_set_result *cur = NULL;
	GHashTable *by_path = g_hash_table_new(g_str_hash, g_str_equal);
	for (guint i = 0; i < rep->files->len; i++) {
		al_file_result *f = g_ptr_array_index(rep->files, i);
		cur = g_hash_table_lookup(by_path, f->set);
		if (!cur) {
			cur = g_new0(al_set_result, 1);
			cur->path = g_strdup(f->set);
			cur->files = g_ptr_array_new();
			cur->findings = g_ptr_array_new_with_free_func((GDestroyNotify)al_finding_free);
			g_ptr_array_add(rep->sets, cur);
			g_hash_table_insert(by_path, cur->path, cur);
		}
		g_ptr_array_add(cur->files, f);
	}
	g_hash_table_destroy(by_path);
	g_ptr_array_sort(rep->sets, cmp_set);

	for (guint i = 0; i < rep->sets->len; i++) {
		al_set_ctx sctx = { .opts = opts, .profile = opts->profile,
		                    .set = g_ptr_array_index(rep->sets, i) };
		for (const al_rule *const *r = al_rules(); *r; r++) {
			if ((*r)->stage != AL_STAGE_SET || !(*r)->check_set ||
			    al_rule_severity(opts, *r) == AL_SEV_OFF)
				continue;
			sctx.rule = *r;
			(*r)->check_set(&sctx);
		}
	}
}

const al_file_result *al_set_first_of_role(const al_set_result *set, al_role role)
{
	for (guint i = 0; i < set->files->len; i++) {
		const al_file_result *f = g_ptr_array_index(set->files, i);
		if (f->role == role)
			return f;
	}
	return NULL;
}

const char *al_file_basename(const al_file_result *f)
{
	const char *s = strrchr(f->path, '/');
	return s ? s + 1 : f->path;
}

void al_report_recount(al_report *rep)
{
	rep->errors = rep->warnings = rep->infos = 0;
	for (guint i = 0; i < rep->files->len + rep->sets->len; i++) {
		GPtrArray *fs = i < rep->files->len
			? ((al_file_result *)g_ptr_array_index(rep->files, i))->findings
			: ((al_set_result *)g_ptr_array_index(rep->sets, i - rep->files->len))->findings;
		for (guint j = 0; j < fs->len; j++) {
			al_finding *f = g_ptr_array_index(fs, j);
			if (f->severity == AL_SEV_ERROR)
				rep->errors++;
			else if (f->severity == AL_SEV_WARNING)
				rep->warnings++;
			else if (f->severity == AL_SEV_INFO)
				rep->infos++;
		}
	}
}

al_report *al_check_paths(const al_options *opts, const char *const *paths,
                          int n_paths, char **err)
{
	walk_state w = {
		.seen_dirs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
		.seen_files = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
		.files = g_ptr_array_new(),
	};
	al_report *rep = NULL;

	for (int i = 0; i < n_paths; i++) {
		struct stat st;
		if (stat(paths[i], &st) != 0) {
			*err = g_strdup_printf("%s: %s", paths[i], g_strerror(errno));
			goto out;
		}
		if (S_ISDIR(st.st_mode))
			walk_dir(&w, paths[i]);
		else
			add_file(&w, paths[i]);
	}

	rep = g_new0(al_report, 1);
	rep->profile = opts->profile->name;
	rep->files = w.files;
	w.files = NULL;
	rep->sets = g_ptr_array_new_with_free_func((GDestroyNotify)set_result_free);
	g_ptr_array_sort(rep->files, cmp_file);

	pool_state ps = { .opts = opts, .total = (int)rep->files->len };
	g_mutex_init(&ps.lock);
	al_ocr_begin();         /* OCR engines live until the files are done */
	int threads = opts->threads > 0 ? opts->threads : (int)g_get_num_processors();
	if (threads <= 1 || rep->files->len <= 1) {
		for (guint i = 0; i < rep->files->len; i++)
			pool_func(g_ptr_array_index(rep->files, i), &ps);
	} else {
		GThreadPool *pool = g_thread_pool_new(pool_func, &ps, threads, TRUE, NULL);
		for (guint i = 0; i < rep->files->len; i++)
			g_thread_pool_push(pool, g_ptr_array_index(rep->files, i), NULL);
		g_thread_pool_free(pool, FALSE, TRUE);
	}
	al_ocr_end();
	g_mutex_clear(&ps.lock);

	group_sets(rep, opts);
	al_report_recount(rep);
out:
	if (w.files) {
		g_ptr_array_set_free_func(w.files, (GDestroyNotify)file_result_free);
		g_ptr_array_free(w.files, TRUE);
	}
	g_hash_table_destroy(w.seen_dirs);
	g_hash_table_destroy(w.seen_files);
	return rep;
}

void al_report_free(al_report *rep)
{
	if (!rep)
		return;
	g_ptr_array_free(rep->sets, TRUE);
	g_ptr_array_set_free_func(rep->files, (GDestroyNotify)file_result_free);
	g_ptr_array_free(rep->files, TRUE);
	g_free(rep);
}

void al_report_counts(const al_report *rep, int *e, int *w, int *i)
{
	*e = rep->errors;
	*w = rep->warnings;
	*i = rep->infos;
}

int al_report_n_files(const al_report *rep) { return (int)rep->files->len; }
int al_report_n_sets(const al_report *rep) { return (int)rep->sets->len; }

al_exit al_report_exit_status(const al_report *rep, const al_options *opts)
{
	if (rep->errors > 0)
		return AL_EXIT_FINDINGS;
	if (opts->strict && rep->warnings > 0)
		return AL_EXIT_FINDINGS;
	if (opts->max_warnings >= 0 && rep->warnings > opts->max_warnings)
		return AL_EXIT_FINDINGS;
	return AL_EXIT_CLEAN;
}
