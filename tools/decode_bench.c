/* decode_bench: the decode floor of `make bench` (tools/bench.sh).  Reads
 * every PNG and JPEG file under the given paths (files or folders,
 * recursive, in sorted order) whole into memory and decodes it to 8-bit
 * RGBA -- PNG with libpng's simplified API, JPEG with libjpeg(-turbo) --
 * on N threads, and nothing else: no measurement, no rule, no report.  It
 * links libpng and libjpeg only (not libassetlint, libvips or GLib), so its
 * start-up is the floor of a one-file run too.
 *
 *   decode_bench [-j N] PATH...
 *
 * Output (one line, read by tools/bench.sh):
 *   decode_bench: files=N failed=N threads=N seconds=S
 * A file that does not decode counts as failed, not as an error (the bench
 * tree holds broken files on purpose).  Exit status: 0, or 2 on usage
 * errors or when no file was found. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <png.h>
#include <jpeglib.h>

typedef struct {
	char **v;
	size_t n, cap;
} path_list;

static void list_add(path_list *l, char *p)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 256;
		l->v = realloc(l->v, l->cap * sizeof *l->v);
		if (!l->v) {
			perror("decode_bench");
			exit(2);
		}
	}
	l->v[l->n++] = p;
}

static bool is_image_name(const char *name)
{
	const char *dot = strrchr(name, '.');
	return dot && (strcasecmp(dot, ".png") == 0 || strcasecmp(dot, ".jpg") == 0 ||
	               strcasecmp(dot, ".jpeg") == 0);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Appends the image files under @path to @out.  Symbolic links are not
 * followed into folders (the bench tree has none; a loop must not hang). */
static void collect(const char *path, path_list *out)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return;
	if (!S_ISDIR(st.st_mode)) {
		if (S_ISREG(st.st_mode))
			list_add(out, strdup(path));
		return;
	}
	DIR *d = opendir(path);
	if (!d)
		return;
	path_list names = { 0 };
	struct dirent *e;
	while ((e = readdir(d)))
		if (e->d_name[0] != '.')
			list_add(&names, strdup(e->d_name));
	closedir(d);
	qsort(names.v, names.n, sizeof *names.v, cmp_str);
	for (size_t i = 0; i < names.n; i++) {
		char *child;
		if (asprintf(&child, "%s/%s", path, names.v[i]) < 0)
			exit(2);
		if (lstat(child, &st) == 0 && S_ISDIR(st.st_mode))
			collect(child, out);
		else if (S_ISREG(st.st_mode) && is_image_name(names.v[i]))
			list_add(out, strdup(child));
		free(child);
		free(names.v[i]);
	}
	free(names.v);
}

/* The whole file, or NULL. */
static unsigned char *read_all(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	unsigned char *buf = NULL;
	size_t n = 0;
	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) != 0 || !(buf = malloc((size_t)st.st_size + 1)))
		goto fail;
	while (n < (size_t)st.st_size) {
		ssize_t r = read(fd, buf + n, (size_t)st.st_size - n);
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	*len = n;
	return buf;
fail:
	close(fd);
	free(buf);
	return NULL;
}

static bool decode_png(const unsigned char *data, size_t len)
{
	png_image img;
	memset(&img, 0, sizeof img);
	img.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_memory(&img, data, len))
		return false;
	img.format = PNG_FORMAT_RGBA;
	unsigned char *px = malloc(PNG_IMAGE_SIZE(img));
	bool ok = px && png_image_finish_read(&img, NULL, px, 0, NULL);
	if (!px)
		png_image_free(&img);
	free(px);
	return ok;
}

typedef struct {
	struct jpeg_error_mgr pub;
	jmp_buf jmp;
} jpeg_err;

static void jpeg_fail(j_common_ptr cinfo)
{
	longjmp(((jpeg_err *)cinfo->err)->jmp, 1);
}

static void jpeg_quiet(j_common_ptr cinfo, int level)
{
	(void)cinfo;
	(void)level;
}

static bool decode_jpeg(const unsigned char *data, size_t len)
{
	struct jpeg_decompress_struct cinfo;
	jpeg_err jerr;
	unsigned char *volatile px = NULL;
	volatile bool ok = false;

	cinfo.err = jpeg_std_error(&jerr.pub);
	jerr.pub.error_exit = jpeg_fail;
	jerr.pub.emit_message = jpeg_quiet;
	jpeg_create_decompress(&cinfo);
	if (setjmp(jerr.jmp))
		goto out;
	jpeg_mem_src(&cinfo, data, (unsigned long)len);
	jpeg_read_header(&cinfo, TRUE);
	/* CMYK stays CMYK (4 bytes a pixel too); everything else to RGBA */
	if (cinfo.jpeg_color_space != JCS_CMYK && cinfo.jpeg_color_space != JCS_YCCK)
		cinfo.out_color_space = JCS_EXT_RGBA;
	jpeg_start_decompress(&cinfo);
	size_t stride = (size_t)cinfo.output_width * cinfo.output_components;
	px = malloc(stride * cinfo.output_height);
	if (!px)
		goto out;
	while (cinfo.output_scanline < cinfo.output_height) {
		JSAMPROW row = px + stride * cinfo.output_scanline;
		jpeg_read_scanlines(&cinfo, &row, 1);
	}
	jpeg_finish_decompress(&cinfo);
	ok = true;
out:
	jpeg_destroy_decompress(&cinfo);
	free(px);
	return ok;
}

typedef struct {
	const path_list *files;
	atomic_size_t next;
	atomic_int failed;
} work;

static void *worker(void *arg)
{
	work *w = arg;
	for (;;) {
		size_t i = atomic_fetch_add(&w->next, 1);
		if (i >= w->files->n)
			break;
		size_t len = 0;
		unsigned char *data = read_all(w->files->v[i], &len);
		bool ok = false;
		if (data && len >= 8 && png_sig_cmp(data, 0, 8) == 0)
			ok = decode_png(data, len);
		else if (data && len >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
			ok = decode_jpeg(data, len);
		if (!ok)
			atomic_fetch_add(&w->failed, 1);
		free(data);
	}
	return NULL;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	int threads = 1, i = 1;
	path_list files = { 0 };

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
	if (threads < 1 || threads > 256 || i >= argc) {
		fprintf(stderr, "usage: decode_bench [-j N] PATH...\n");
		return 2;
	}
	for (; i < argc; i++)
		collect(argv[i], &files);
	if (files.n == 0) {
		fprintf(stderr, "decode_bench: no PNG or JPEG file found\n");
		return 2;
	}

	double t0 = now();
	work w = { .files = &files };
	atomic_init(&w.next, 0);
	atomic_init(&w.failed, 0);
	pthread_t tid[256];
	int started = 0;
	for (int t = 1; t < threads; t++)
		if (pthread_create(&tid[started], NULL, worker, &w) == 0)
			started++;
	worker(&w);
	for (int t = 0; t < started; t++)
		pthread_join(tid[t], NULL);
	double t1 = now();

	printf("decode_bench: files=%zu failed=%d threads=%d seconds=%.3f\n", files.n,
	       atomic_load(&w.failed), started + 1, t1 - t0);
	for (size_t k = 0; k < files.n; k++)
		free(files.v[k]);
	free(files.v);
	return 0;
}
