/* decode_bench: the decode-only baseline of `make bench`.  Reads every
 * PNG/JPEG under the given paths (files or folders, recursive) and decodes
 * it with the library's al_probe() + al_decode() on N threads, like the
 * pipeline does before measuring; prints the wall time.
 *
 *   decode_bench [-j N] PATH...
 *
 * Output (one line, parsed by tools/bench.sh):
 *   decode_bench: files=N failed=N threads=N seconds=S
 * Exit status: 0, or 2 on usage errors or when no file was found. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include "al_internal.h"

typedef struct {
	GMutex lock;
	int failed;
} bench_state;

static bool is_image_name(const char *name)
{
	const char *dot = strrchr(name, '.');
	return dot && (g_ascii_strcasecmp(dot, ".png") == 0 ||
	               g_ascii_strcasecmp(dot, ".jpg") == 0 ||
	               g_ascii_strcasecmp(dot, ".jpeg") == 0);
}

/* Appends the image files under @path to @out (paths owned by @out). */
static void collect(const char *path, GPtrArray *out)
{
	GDir *dir = NULL;
	const char *name;

	if (!g_file_test(path, G_FILE_TEST_IS_DIR)) {
		if (g_file_test(path, G_FILE_TEST_IS_REGULAR))
			g_ptr_array_add(out, g_strdup(path));
		goto out;
	}
	/* symlinks are not followed into folders: the bench tree has none,
	 * and a loop must not hang the benchmark */
	if (g_file_test(path, G_FILE_TEST_IS_SYMLINK))
		goto out;
	dir = g_dir_open(path, 0, NULL);
	if (!dir)
		goto out;
	while ((name = g_dir_read_name(dir))) {
		char *child = g_build_filename(path, name, NULL);
		if (g_file_test(child, G_FILE_TEST_IS_DIR))
			collect(child, out);
		else if (is_image_name(name))
			g_ptr_array_add(out, g_strdup(child));
		g_free(child);
	}
out:
	if (dir)
		g_dir_close(dir);
}

static void decode_one(gpointer item, gpointer user)
{
	bench_state *st = user;
	gchar *data = NULL;
	gsize len = 0;
	al_info info;
	al_image img = { 0 };
	char why[256];
	bool ok = false;

	if (!g_file_get_contents(item, &data, &len, NULL))
		goto out;
	if (al_probe((const uint8_t *)data, len, &info, why, sizeof why) != AL_OK)
		goto out;
	if (al_decode((const uint8_t *)data, len, &info, &img, why, sizeof why) != AL_OK)
		goto out;
	ok = true;
out:
	if (!ok) {
		g_mutex_lock(&st->lock);
		st->failed++;
		g_mutex_unlock(&st->lock);
	}
	g_free(img.rgba);
	g_free(data);
}

int main(int argc, char **argv)
{
	int threads = 1, status = 0;
	GPtrArray *files = g_ptr_array_new_with_free_func(g_free);
	GThreadPool *pool = NULL;
	bench_state st;
	int i = 1;

#ifdef __GLIBC__
	/* the same allocator settings as assetlint's main(), for a fair floor */
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
	mallopt(M_TRIM_THRESHOLD, 256 << 20);
#endif

	g_mutex_init(&st.lock);
	st.failed = 0;
	/* -j N or -jN, like assetlint */
	if (i < argc && strncmp(argv[i], "-j", 2) == 0) {
		if (argv[i][2]) {
			threads = atoi(argv[i] + 2);
			i++;
		} else if (i + 1 < argc) {
			threads = atoi(argv[i + 1]);
			i += 2;
		}
	}
	if (threads < 1 || i >= argc) {
		fprintf(stderr, "usage: decode_bench [-j N] PATH...\n");
		status = 2;
		goto out;
	}
	for (; i < argc; i++)
		collect(argv[i], files);
	if (files->len == 0) {
		fprintf(stderr, "decode_bench: no PNG or JPEG file found\n");
		status = 2;
		goto out;
	}

	gint64 t0 = g_get_monotonic_time();
	pool = g_thread_pool_new(decode_one, &st, threads, TRUE, NULL);
	for (guint k = 0; k < files->len; k++)
		g_thread_pool_push(pool, g_ptr_array_index(files, k), NULL);
	g_thread_pool_free(pool, FALSE, TRUE); /* waits for every file */
	gint64 t1 = g_get_monotonic_time();
	printf("decode_bench: files=%u failed=%d threads=%d seconds=%.3f\n",
	       files->len, st.failed, threads, (double)(t1 - t0) / 1e6);
out:
	g_ptr_array_free(files, TRUE);
	g_mutex_clear(&st.lock);
	return status;
}
