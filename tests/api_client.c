/*
 * A client of the installed library, built by tests/e2e_install.sh with
 * nothing but `pkg-config --cflags --libs assetlint`: it must not see the
 * repository's headers, GLib or any other dependency.
 *
 *   api_client FILE...          checks each FILE from a buffer in memory
 *                               (named by its path) and prints every finding
 *                               through the accessors, one line each, in
 *                               the form tests/e2e_install.py prints the
 *                               command line's JSON report
 *   api_client --threads A B    checks A and B over and over in two threads
 *                               sharing one al_options, and compares each
 *                               result with a check of the same buffer alone
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <assetlint.h>

#define ROUNDS 4

typedef struct {
	char *name;
	unsigned char *data;
	size_t len;
} buffer;

static int read_all(const char *path, buffer *b)
{
	FILE *f = fopen(path, "rb");
	size_t cap = 1 << 16;
	int ret = -1;

	b->name = strdup(path);
	b->data = malloc(cap);
	b->len = 0;
	if (!f || !b->name || !b->data)
		goto out;
	for (;;) {
		if (b->len == cap) {
			unsigned char *p = realloc(b->data, cap *= 2);
			if (!p)
				goto out;
			b->data = p;
		}
		size_t n = fread(b->data + b->len, 1, cap - b->len, f);
		b->len += n;
		if (n == 0)
			break;
	}
	ret = ferror(f) ? -1 : 0;
out:
	if (f)
		fclose(f);
	if (ret)
		fprintf(stderr, "api_client: cannot read %s\n", path);
	return ret;
}

static void print_number(FILE *out, const char *key, double v)
{
	/* The JSON report rounds to four decimals, halves away from zero
	 * (round(), here without libm: the client links assetlint only). */
	if (isnan(v))
		fprintf(out, " %s=none", key);
	else
		fprintf(out, " %s=%.4f", key,
		        (double)(long long)(v * 1e4 + (v < 0 ? -0.5 : 0.5)) / 1e4);
}

static void print_finding(FILE *out, const al_finding *f)
{
	int x, y, w, h;
	fprintf(out, "  finding %s %s", al_finding_rule(f),
	        al_severity_name(al_finding_severity(f)));
	if (al_finding_region(f, &x, &y, &w, &h))
		fprintf(out, " region=%d,%d,%d,%d", x, y, w, h);
	else
		fprintf(out, " region=none");
	print_number(out, "measured", al_finding_measured(f));
	print_number(out, "limit", al_finding_limit(f));
	fprintf(out, " %s\n", al_finding_message(f));
}

/* Every file and set of @rep, every finding. */
static void print_report(FILE *out, const al_report *rep)
{
	for (int i = 0; i < al_report_n_files(rep); i++) {
		const al_file *file = al_report_file(rep, i);
		const char *fmt = al_format_name(al_file_format(file));
		fprintf(out, "file %s role=%s format=%s size=%dx%d findings=%d\n",
		        al_file_path(file), al_role_name(al_file_role(file)),
		        fmt ? fmt : "none", al_file_width(file), al_file_height(file),
		        al_file_n_findings(file));
		for (int k = 0; k < al_file_n_findings(file); k++)
			print_finding(out, al_file_finding(file, k));
	}
	for (int i = 0; i < al_report_n_sets(rep); i++) {
		const al_set *set = al_report_set(rep, i);
		fprintf(out, "set %s findings=%d\n", al_set_path(set),
		        al_set_n_findings(set));
		for (int k = 0; k < al_set_n_findings(set); k++)
			print_finding(out, al_set_finding(set, k));
	}
}

/* The printout of one check of @b, or NULL on failure; caller free()s. */
static char *check(const al_options *opts, const buffer *b)
{
	al_report *rep = NULL;
	char *err = NULL, *text = NULL;
	size_t size = 0;

	if (al_check_buffer(opts, b->name, b->data, b->len, &rep, &err) != AL_OK) {
		fprintf(stderr, "api_client: %s: %s\n", b->name, err);
		al_free(err);
		return NULL;
	}
	FILE *mem = open_memstream(&text, &size);
	if (mem) {
		print_report(mem, rep);
		fclose(mem);
	}
	al_report_free(rep);
	return text;
}

typedef struct {
	const al_options *opts;  /* shared, read-only */
	const buffer *buf;
	const char *expect;
	int mismatches;
} job;

static void *worker(void *arg)
{
	job *j = arg;
	for (int r = 0; r < ROUNDS; r++) {
		char *got = check(j->opts, j->buf);
		if (!got || strcmp(got, j->expect) != 0)
			j->mismatches++;
		free(got);
	}
	return NULL;
}

static int run_threads(const al_options *opts, buffer b[2])
{
	job jobs[2] = { { 0 } };
	pthread_t tid[2];
	int bad = 0;

	for (int i = 0; i < 2; i++) {
		jobs[i].opts = opts;
		jobs[i].buf = &b[i];
		jobs[i].expect = check(opts, &b[i]);
		if (!jobs[i].expect)
			bad = 1;
	}
	if (!bad && jobs[0].expect && jobs[1].expect &&
	    strcmp(jobs[0].expect, jobs[1].expect) == 0) {
		fprintf(stderr, "api_client: --threads wants two different images\n");
		bad = 1;
	}
	for (int i = 0; i < 2 && !bad; i++)
		if (pthread_create(&tid[i], NULL, worker, &jobs[i]) != 0) {
			fprintf(stderr, "api_client: cannot start a thread\n");
			bad = 1;
			if (i == 1)
				pthread_join(tid[0], NULL);
		}
	for (int i = 0; i < 2 && !bad; i++)
		pthread_join(tid[i], NULL);
	for (int i = 0; i < 2; i++) {
		if (jobs[i].mismatches) {
			fprintf(stderr, "api_client: %s: %d of %d checks in a thread differ "
			        "from the check alone\n", b[i].name, jobs[i].mismatches, ROUNDS);
			bad = 1;
		}
		free((char *)jobs[i].expect);
	}
	if (!bad)
		printf("threads: 2 x %d checks of %s and %s agree\n", ROUNDS,
		       b[0].name, b[1].name);
	return bad;
}

int main(int argc, char **argv)
{
	int threads = argc > 1 && strcmp(argv[1], "--threads") == 0;
	int first = threads ? 2 : 1, n = argc - first, ret = 1;
	buffer *bufs = calloc(n > 0 ? (size_t)n : 1, sizeof *bufs);
	al_options *opts = al_options_new();

	if (strcmp(al_version(), AL_VERSION) != 0) {
		fprintf(stderr, "api_client: header %s, library %s\n", AL_VERSION, al_version());
		goto out;
	}
	if (!bufs || !opts || n < 1 || (threads && n != 2)) {
		fprintf(stderr, "usage: api_client FILE... | api_client --threads A B\n");
		goto out;
	}
	for (int i = 0; i < n; i++)
		if (read_all(argv[first + i], &bufs[i]) != 0)
			goto out;
	if (threads) {
		ret = run_threads(opts, bufs);
		goto out;
	}
	ret = 0;
	for (int i = 0; i < n; i++) {
		char *text = check(opts, &bufs[i]);
		if (!text) {
			ret = 1;
			continue;
		}
		fputs(text, stdout);
		free(text);
	}
out:
	for (int i = 0; bufs && i < n; i++) {
		free(bufs[i].name);
		free(bufs[i].data);
	}
	free(bufs);
	al_options_free(opts);
	return ret;
}
