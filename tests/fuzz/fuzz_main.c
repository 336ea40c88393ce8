/*
 * A main for the fuzz targets without libFuzzer (gcc, `make test`): runs
 * LLVMFuzzerTestOneInput once on every file named, or on every file of a
 * folder named (in name order).  Exit status 0 when every input ran; a
 * failed check aborts, as under the fuzzer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int cmp_str(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int replay(const char *path)
{
	gchar *data = NULL;
	gsize len = 0;
	GError *err = NULL;

	if (!g_file_get_contents(path, &data, &len, &err)) {
		fprintf(stderr, "%s: %s\n", path, err->message);
		g_error_free(err);
		return 1;
	}
	LLVMFuzzerTestOneInput((const uint8_t *)data, len);
	g_free(data);
	return 0;
}

int main(int argc, char **argv)
{
	int n = 0, bad = 0;

	for (int i = 1; i < argc; i++) {
		GPtrArray *files = g_ptr_array_new_with_free_func(g_free);
		GDir *d = g_dir_open(argv[i], 0, NULL);
		const char *name;

		if (d) {
			while ((name = g_dir_read_name(d)))
				g_ptr_array_add(files, g_build_filename(argv[i], name, NULL));
			g_dir_close(d);
			g_ptr_array_sort(files, cmp_str);
		} else {
			g_ptr_array_add(files, g_strdup(argv[i]));
		}
		for (guint k = 0; k < files->len; k++) {
			const char *p = g_ptr_array_index(files, k);
			if (g_file_test(p, G_FILE_TEST_IS_DIR))
				continue;
			bad += replay(p);
			n++;
		}
		g_ptr_array_free(files, TRUE);
	}
	printf("%s: %d inputs replayed%s\n", argv[0], n, bad ? ", some unreadable" : "");
	return bad ? 1 : 0;
}
