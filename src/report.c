/* Report output: dispatch by format, the atomic write of report files, and
 * what several writers share: where set findings are placed, paths relative
 * to the repository, JSON output, and the --max-results budget. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include "al_internal.h"
#include "json.h"

static const al_report_class *const formats[AL_REPORT_COUNT] = {
	[AL_REPORT_TEXT] = &al_format_text,
	[AL_REPORT_GCC] = &al_format_gcc,
	[AL_REPORT_JSON] = &al_format_json,
	[AL_REPORT_SARIF] = &al_format_sarif,
	[AL_REPORT_JUNIT] = &al_format_junit,
	[AL_REPORT_GITHUB] = &al_format_github,
	[AL_REPORT_GITLAB] = &al_format_gitlab,
};

/* A whole report through a streaming writer: its files, its sets, the
 * end.  The report's profile and config name the run, not @opts'. */
al_status al_write_report(const al_report *rep, const al_options *opts,
                          al_report_format fmt, FILE *out, int color, char **err)
{
	if ((unsigned)fmt >= AL_REPORT_COUNT || !formats[fmt]) {
		*err = g_strdup("unknown report format");
		return AL_ERR_USAGE;
	}
	al_writer *w = writer_new(opts, formats[fmt], out, color, rep->profile, rep->config);
	al_status st = w->st;
	for (guint i = 0; st == AL_OK && rep->files && i < rep->files->len; i++)
		st = al_writer_add_file(w, g_ptr_array_index(rep->files, i), err);
	for (guint i = 0; st == AL_OK && rep->sets && i < rep->sets->len; i++)
		st = al_writer_add_set(w, g_ptr_array_index(rep->sets, i), err);
	if (st == AL_OK)
		st = al_writer_finish(w, err);
	else if (!*err)
		*err = g_strdup(w->why ? w->why : "write failed");
	al_writer_free(w);
	return st;
}

al_status al_report_write(const al_report *rep, const al_options *opts,
                          al_report_format fmt, FILE *out, int color, char **err)
{
	al_status st;
	if (fmt == AL_REPORT_HTML)
		st = al_write_html(rep, opts, out, color, err);
	else
		st = al_write_report(rep, opts, fmt, out, color, err);
	if (st == AL_OK && (fflush(out) != 0 || ferror(out))) {
		*err = g_strdup_printf("write failed: %s", g_strerror(errno));
		st = AL_ERR_IO;
	}
	return st;
}

/* See al_internal.h. */
char *al_config_note(const char *config)
{
	if (!config)
		return NULL;
	return g_strdup_printf("this run used the config file '%s': its rule severities, "
	                       "thresholds and roles apply (a CI gate should pass --config "
	                       "from the base branch, or --no-config)", config);
}

/* ---- writing a file safely ------------------------------------------------
 *
 * al_write_path() is the one way report and baseline files are written:
 *  - a target that is our own standard output or error (-o json:/dev/stdout,
 *    or the file stdout was redirected to) is written to that stream;
 *  - an existing target that is not a regular file (a device such as
 *    /dev/full, a FIFO) is written in place: it is never replaced by a
 *    regular file, and a write that fails is an error;
 *  - anything else is written atomically: a temporary file in the target's
 *    folder (a link to a regular file: in its target's folder, so the link
 *    stays), flushed, checked, renamed over the target.  A reader never sees
 *    half a report, and a failed run leaves the old one.  A new file gets
 *    0666 less the umask; a replaced one keeps its permission bits.
 * While a temporary file exists it is listed for al_remove_temp_files(),
 * which the command line calls on SIGINT, SIGTERM and SIGHUP. */

/* one per report file a run writes at once (-o ... -o ...) */
#define TEMP_SLOTS 32
static char temp_path[TEMP_SLOTS][PATH_MAX];
static volatile sig_atomic_t temp_used[TEMP_SLOTS];
static GMutex temp_lock;

static int temp_register(const char *path)
{
	int slot = -1;
	g_mutex_lock(&temp_lock);
	for (int i = 0; i < TEMP_SLOTS && slot < 0; i++)
		if (!temp_used[i] && strlen(path) < PATH_MAX) {
			strcpy(temp_path[i], path);
			temp_used[i] = 1;
			slot = i;
		}
	g_mutex_unlock(&temp_lock);
	return slot;
}

static void temp_unregister(int slot)
{
	if (slot >= 0)
		temp_used[slot] = 0;
}

/* Async-signal-safe: only unlink(2). */
void al_remove_temp_files(void)
{
	for (int i = 0; i < TEMP_SLOTS; i++)
		if (temp_used[i])
			unlink(temp_path[i]);
}

static bool same_file(const struct stat *a, int fd)
{
	struct stat b;
	return fstat(fd, &b) == 0 && a->st_dev == b.st_dev && a->st_ino == b.st_ino;
}

/* A report file being written (al_out_open() ... al_out_close()). */
typedef struct {
	FILE *f;
	bool keep_open;          /* our stdout or stderr */
	char *path;              /* as given, for messages */
	char *tmpl;              /* the temporary file, or NULL when in place */
	char *dest;              /* what the temporary file replaces */
	int slot;                /* in temp_path[], or -1 */
} al_out;

/* Opens @path for writing as al_write_path() describes.  Returns AL_OK,
 * or AL_ERR_IO with "@path: reason" in *err. */
static al_status al_out_open(al_out *o, const char *path, char **err)
{
	struct stat st, lst;
	bool exists = stat(path, &st) == 0;

	memset(o, 0, sizeof *o);
	o->slot = -1;
	o->path = g_strdup(path);
	if (exists && (same_file(&st, STDOUT_FILENO) || same_file(&st, STDERR_FILENO))) {
		o->f = same_file(&st, STDOUT_FILENO) ? stdout : stderr;
		o->keep_open = true;
		return AL_OK;
	}
	if (exists && !S_ISREG(st.st_mode)) {
		if (S_ISDIR(st.st_mode)) {
			*err = g_strdup_printf("%s: is a folder", path);
			return AL_ERR_IO;
		}
		int fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
		o->f = fd < 0 ? NULL : fdopen(fd, "wb");
		if (!o->f) {
			*err = g_strdup_printf("%s: %s", path, g_strerror(errno));
			if (fd >= 0)
				close(fd);
			return AL_ERR_IO;
		}
		return AL_OK;
	}

	/* a link to a regular file: replace the file, keep the link */
	char *target = exists && lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode)
	               ? realpath(path, NULL) : NULL;
	o->dest = g_strdup(target ? target : path);
	free(target);
	char *dir = g_path_get_dirname(o->dest);
	char *base = g_path_get_basename(o->dest);
	al_status rc = AL_OK;
	int fd = -1;
	/* The name is listed for al_remove_temp_files() before the file is
	 * created (O_EXCL), so a signal can come at any moment and still find
	 * it; a name taken already is retried with another. */
	for (int tries = 0; fd < 0 && tries < 100; tries++) {
		g_free(o->tmpl);
		o->tmpl = g_strdup_printf("%s/.%s.%ld.%08x", dir, base, (long)getpid(),
		                          g_random_int());
		o->slot = temp_register(o->tmpl);
		fd = open(o->tmpl, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0666);
		if (fd < 0) {
			int e = errno;
			temp_unregister(o->slot);
			o->slot = -1;
			errno = e;
			if (e != EEXIST)
				break;
		}
	}
	o->f = fd >= 0 ? fdopen(fd, "wb") : NULL;
	if (fd < 0) {
		*err = g_strdup_printf("%s: cannot create a temporary file in %s: %s",
		                       path, dir, g_strerror(errno));
		g_clear_pointer(&o->tmpl, g_free);
		rc = AL_ERR_IO;
	} else if (!o->f) {
		*err = g_strdup_printf("%s: %s", path, g_strerror(errno));
		close(fd);
		rc = AL_ERR_IO;
	} else if (exists) {
		(void)fchmod(fileno(o->f), st.st_mode & 07777);
	}
	g_free(base);
	g_free(dir);
	return rc;
}

/* Ends the write of @o: flushes and closes; when @st is AL_OK and that
 * worked, renames the temporary file over the target, else removes it.
 * @why: the writer's reason for a failure (without the path), or NULL.
 * Returns the final status with "@path: ..." in *err on failure. */
static al_status al_out_close(al_out *o, al_status st, const char *why, char **err)
{
	int e = errno;
	if (o->f && st == AL_OK && (fflush(o->f) != 0 || ferror(o->f))) {
		st = AL_ERR_IO;
		e = errno;
	}
	if (o->f && !o->keep_open && fclose(o->f) != 0 && st == AL_OK) {
		st = AL_ERR_IO;
		e = errno;
	}
	o->f = NULL;
	if (st != AL_OK && !*err)
		*err = why ? g_strdup_printf("%s: %s", o->path, why)
		           : g_strdup_printf("%s: write failed: %s", o->path, g_strerror(e));
	if (o->tmpl && st == AL_OK && rename(o->tmpl, o->dest) != 0) {
		*err = g_strdup_printf("%s: cannot replace: %s", o->path, g_strerror(errno));
		st = AL_ERR_IO;
	}
	if (o->tmpl && st != AL_OK)
		unlink(o->tmpl);
	temp_unregister(o->slot);
	g_free(o->tmpl);
	g_free(o->dest);
	g_free(o->path);
	memset(o, 0, sizeof *o);
	o->slot = -1;
	return st;
}

al_status al_write_path(const char *path, al_write_fn fn, void *data, char **err)
{
	al_out o;
	char *why = NULL;
	al_status st = al_out_open(&o, path, err);
	if (st != AL_OK) {
		al_out_close(&o, st, NULL, err);
		return st;
	}
	st = fn(o.f, data, &why);
	st = al_out_close(&o, st, why, err);
	g_free(why);
	return st;
}

typedef struct {
	const al_report *rep;
	const al_options *opts;
	al_report_format fmt;
} report_job;

static al_status write_report_job(FILE *out, void *data, char **err)
{
	report_job *j = data;
	return al_report_write(j->rep, j->opts, j->fmt, out, 0, err);
}

al_status al_report_write_file(const al_report *rep, const al_options *opts,
                               al_report_format fmt, const char *path, char **err)
{
	report_job j = { rep, opts, fmt };
	if (fmt == AL_REPORT_HTML)
		return al_write_html_file(rep, opts, path, err);
	return al_write_path(path, write_report_job, &j, err);
}

/* ---- streaming writers ------------------------------------------------------
 *
 * Every format puts the files first, in path order, and then what needs
 * the whole run: the sets (which come final in folder order, a folder
 * after its subfolders, and are written sorted), the summary, the
 * --max-results budget.  So a writer writes each file at once, and keeps
 * what comes later in a spool: an unlinked temporary file (tmpfile(3);
 * in memory when none can be made), as records "severity, length,
 * bytes".  In memory stay only one index entry per set (its path and
 * where its records are).  With --max-results the budget needs the totals
 * by severity before the first finding is written: then the files'
 * records are spooled too and written at the end. */

typedef al_spool spool;   /* f: tmpfile(), or NULL: in mem */

static void spool_put(spool *sp, const void *data, size_t len)
{
	if (!sp->f && !sp->mem) {
		sp->f = tmpfile();
		if (!sp->f)
			sp->mem = g_byte_array_new();
	}
	if (sp->f) {
		if (fwrite(data, 1, len, sp->f) != len)
			sp->failed = true;
	} else {
		g_byte_array_append(sp->mem, data, (guint)len);
	}
	sp->size += len;
}

/* Reads @len bytes at @off into @buf (true when all were there). */
static bool spool_get(spool *sp, guint64 off, void *buf, size_t len)
{
	if (off + len > sp->size)
		return false;
	if (!sp->f) {
		memcpy(buf, sp->mem->data + off, len);
		return true;
	}
	return fseeko(sp->f, (off_t)off, SEEK_SET) == 0 && fread(buf, 1, len, sp->f) == len;
}

static void spool_free(spool *sp)
{
	if (sp->f)
		fclose(sp->f);
	if (sp->mem)
		g_byte_array_free(sp->mem, TRUE);
	memset(sp, 0, sizeof *sp);
}

static void spool_record(spool *sp, al_severity sev, const char *text, size_t len)
{
	uint8_t head[5] = { (uint8_t)sev, (uint8_t)(len >> 24), (uint8_t)(len >> 16),
	                    (uint8_t)(len >> 8), (uint8_t)len };
	spool_put(sp, head, sizeof head);
	spool_put(sp, text, len);
}

/* One set's records in the set spool. */
typedef struct {
	char *key;               /* the set's path: the order they are written in */
	guint64 off, len;
	int extra[2];            /* the format's (JUnit: tests, failures) */
} set_chunk;

static int cmp_chunk(gconstpointer a, gconstpointer b)
{
	return strcmp(((const set_chunk *)a)->key, ((const set_chunk *)b)->key);
}

static al_writer *writer_alloc(const al_options *opts, const al_report_class *fmt, FILE *out,
                               int color, const char *profile, const char *config)
{
	al_writer *w = g_new0(al_writer, 1);
	w->opts = opts;
	w->fmt = fmt;
	w->out = out;
	w->color = color;
	w->profile = g_strdup(profile);
	w->config = g_strdup(config);
	w->chunks = g_array_new(FALSE, FALSE, sizeof(set_chunk));
	w->spool_files = opts && opts->max_results >= 0 && fmt->budgeted;
	return w;
}

al_writer *writer_new(const al_options *opts, const al_report_class *fmt, FILE *out,
                      int color, const char *profile, const char *config)
{
	al_writer *w = writer_alloc(opts, fmt, out, color, profile, config);
	w->st = fmt->head ? fmt->head(w) : AL_OK;
	return w;
}

static void count(al_writer *w, const GPtrArray *findings)
{
	for (guint i = 0; findings && i < findings->len; i++) {
		const al_finding *f = g_ptr_array_index(findings, i);
		if (f->severity == AL_SEV_ERROR)
			w->errors++;
		else if (f->severity == AL_SEV_WARNING)
			w->warnings++;
		else if (f->severity == AL_SEV_INFO)
			w->infos++;
	}
}

/* Writes one item to the output: the format's separator first. */
static void put_item(al_writer *w, const char *text, size_t len)
{
	if (w->sep && w->n_items > 0)
		fputs(w->sep, w->out);
	else if (w->first)
		fputs(w->first, w->out);
	if (len && fwrite(text, 1, len, w->out) != len)
		w->st = AL_ERR_IO;
	w->n_items++;
}

void al_writer_put(al_writer *w, al_severity sev, const char *text, size_t len)
{
	if (w->in_set)
		spool_record(&w->sets, sev, text, len);
	else if (w->spool_files)
		spool_record(&w->files, sev, text, len);
	else
		put_item(w, text, len);
}

void al_writer_puts(al_writer *w, al_severity sev, const char *text)
{
	al_writer_put(w, sev, text, strlen(text));
}

void al_writer_item(al_writer *w, const char *text)
{
	put_item(w, text, strlen(text));
}

void al_writer_set_items(al_writer *w, const char *first, const char *sep)
{
	w->first = first;
	w->sep = sep;
	w->n_items = 0;
}

/* Replays the records of @sp from @off for @len bytes (all when @len is
 * G_MAXUINT64) through the budget. */
static void replay(al_writer *w, spool *sp, guint64 off, guint64 len)
{
	guint64 end = len == G_MAXUINT64 ? sp->size : off + len;
	GByteArray *buf = g_byte_array_new();
	while (off < end && w->st == AL_OK) {
		uint8_t head[5];
		if (!spool_get(sp, off, head, sizeof head)) {
			w->st = AL_ERR_IO;
			break;
		}
		size_t n = (size_t)head[1] << 24 | (size_t)head[2] << 16 | (size_t)head[3] << 8 | head[4];
		g_byte_array_set_size(buf, (guint)n + 1);
		if (!spool_get(sp, off + sizeof head, buf->data, n)) {
			w->st = AL_ERR_IO;
			break;
		}
		buf->data[n] = 0;
		off += sizeof head + n;
		al_severity sev = (al_severity)head[0];
		if (sev != AL_SEV_OFF && !al_budget_take(&w->budget, sev))
			continue;
		put_item(w, (const char *)buf->data, n);
	}
	g_byte_array_free(buf, TRUE);
}

static void budget_init(al_writer *w)
{
	if (w->budget_ready)
		return;
	al_report totals = { .errors = w->errors, .warnings = w->warnings, .infos = w->infos };
	al_budget_init(&w->budget, &totals, w->opts);
	w->budget_ready = true;
}

void al_writer_flush_files(al_writer *w)
{
	budget_init(w);
	if (w->spool_files)
		replay(w, &w->files, 0, G_MAXUINT64);
	if (w->files.failed)
		w->st = AL_ERR_IO;
}

void al_writer_flush_sets(al_writer *w)
{
	budget_init(w);
	g_array_sort(w->chunks, cmp_chunk);
	for (guint i = 0; i < w->chunks->len && w->st == AL_OK; i++) {
		const set_chunk *c = &g_array_index(w->chunks, set_chunk, i);
		if (w->fmt->set_open)
			w->fmt->set_open(w, c->key, c->extra, (int)i);
		replay(w, &w->sets, c->off, c->len);
		if (w->fmt->set_close)
			w->fmt->set_close(w, c->key, c->extra, (int)i);
	}
	if (w->sets.failed)
		w->st = AL_ERR_IO;
}

int al_writer_n_sets(const al_writer *w)
{
	return (int)w->chunks->len;
}

void al_writer_set_extra(al_writer *w, int a, int b)
{
	w->extra[0] = a;
	w->extra[1] = b;
}

al_writer *al_writer_new(const al_options *opts, al_report_format fmt, FILE *out,
                         int color, char **err)
{
	if (!opts || !out || (unsigned)fmt >= AL_REPORT_COUNT || !formats[fmt]) {
		if (err)
			*err = g_strdup(fmt == AL_REPORT_HTML
			                ? "the HTML report is written whole: al_report_write()"
			                : "al_writer_new: options, a known format and a stream are required");
		return NULL;
	}
	char *config = al_config_shown(opts->config_path);
	al_writer *w = writer_new(opts, formats[fmt], out, color, opts->profile->name, config);
	g_free(config);
	return w;
}

al_writer *al_writer_new_file(const al_options *opts, al_report_format fmt,
                              const char *path, char **err)
{
	al_out o;
	if (!opts || !path || (unsigned)fmt >= AL_REPORT_COUNT || !formats[fmt]) {
		if (err)
			*err = g_strdup(fmt == AL_REPORT_HTML
			                ? "the HTML report is written whole: al_report_write_file()"
			                : "al_writer_new_file: options, a known format and a path are required");
		return NULL;
	}
	char *e = NULL;
	if (al_out_open(&o, path, &e) != AL_OK) {
		al_out_close(&o, AL_ERR_IO, NULL, &e);
		if (err)
			*err = e;
		else
			g_free(e);
		return NULL;
	}
	char *config = al_config_shown(opts->config_path);
	al_writer *w = writer_alloc(opts, formats[fmt], o.f, 0, opts->profile->name, config);
	g_free(config);
	w->file = g_memdup2(&o, sizeof o);
	w->st = w->fmt->head ? w->fmt->head(w) : AL_OK;
	return w;
}

static al_status writer_status(al_writer *w, char **err)
{
	if (w->st == AL_OK && ferror(w->out))
		w->st = AL_ERR_IO;
	if (w->st != AL_OK && err && !*err)
		*err = g_strdup_printf("%s%swrite failed: %s", w->file ? ((al_out *)w->file)->path : "",
		                       w->file ? ": " : "", g_strerror(errno));
	return w->st;
}

al_status al_writer_add_file(al_writer *w, const al_file *file, char **err)
{
	if (!w || !file)
		return AL_ERR_USAGE;
	if (w->st == AL_OK && !w->finished) {
		count(w, file->findings);
		w->n_files++;
		w->n_alone += file->set == NULL;
		if (w->fmt->file)
			w->fmt->file(w, file);
	}
	return writer_status(w, err);
}

al_status al_writer_add_set(al_writer *w, const al_set *set, char **err)
{
	if (!w || !set)
		return AL_ERR_USAGE;
	if (w->st == AL_OK && !w->finished) {
		count(w, set->findings);
		set_chunk c = { .key = g_strdup(set->path), .off = w->sets.size };
		w->in_set = true;
		w->extra[0] = w->extra[1] = 0;
		if (w->fmt->set)
			w->fmt->set(w, set);
		w->in_set = false;
		c.len = w->sets.size - c.off;
		c.extra[0] = w->extra[0];
		c.extra[1] = w->extra[1];
		g_array_append_val(w->chunks, c);
	}
	return writer_status(w, err);
}

al_status al_writer_finish(al_writer *w, char **err)
{
	if (!w)
		return AL_ERR_USAGE;
	if (w->st == AL_OK && !w->finished) {
		w->st = w->fmt->tail ? w->fmt->tail(w) : AL_OK;
		if (w->st == AL_OK && (fflush(w->out) != 0 || ferror(w->out)))
			w->st = AL_ERR_IO;
	}
	w->finished = true;
	if (w->file) {
		char *e = NULL;
		al_status st = al_out_close(w->file, w->st, w->why, &e);
		g_clear_pointer(&w->file, g_free);
		w->out = NULL;
		if (st != AL_OK) {
			w->st = st;
			if (err)
				*err = e;
			else
				g_free(e);
			return st;
		}
		g_free(e);
	}
	if (w->st != AL_OK && err && !*err)
		*err = g_strdup(w->why ? w->why : "write failed");
	return w->st;
}

void al_writer_free(al_writer *w)
{
	if (!w)
		return;
	if (w->file) {
		/* never finished: the temporary file goes, the target stays */
		char *e = NULL;
		al_out_close(w->file, AL_ERR_IO, NULL, &e);
		g_free(e);
		g_free(w->file);
	}
	if (w->fmt && w->fmt->free_state)
		w->fmt->free_state(w);
	for (guint i = 0; i < w->chunks->len; i++)
		g_free(g_array_index(w->chunks, set_chunk, i).key);
	g_array_free(w->chunks, TRUE);
	spool_free(&w->files);
	spool_free(&w->sets);
	g_free(w->profile);
	g_free(w->config);
	g_free(w->why);
	g_free(w);
}

/* ---- shared by the writers ------------------------------------------- */

const char *al_set_anchor(const al_set_result *set)
{
	if (set->files && set->files->len > 0)
		return ((const al_file_result *)g_ptr_array_index(set->files, 0))->path;
	return set->path;
}

char *al_set_message(const al_set_result *set, const al_finding *f)
{
	if (!set->files || set->files->len == 0)
		return g_strdup(f->message ? f->message : "");
	return g_strdup_printf("offer set %s/: %s", set->path, f->message ? f->message : "");
}

/* The nearest folder at or above @dir that holds ".git" (a folder, or a
 * file in a worktree), or NULL.  Caller g_free()s. */
static char *git_top(const char *dir)
{
	char *d = g_strdup(dir);
	for (;;) {
		char *git = g_build_filename(d, ".git", NULL);
		bool found = g_file_test(git, G_FILE_TEST_EXISTS);
		g_free(git);
		if (found)
			return d;
		char *up = g_path_get_dirname(d);
		if (strcmp(up, d) == 0) {
			g_free(up);
			g_free(d);
			return NULL;
		}
		g_free(d);
		d = up;
	}
}

char *al_repo_root(void)
{
	static const char *const vars[] = { "GITHUB_WORKSPACE", "CI_PROJECT_DIR" };
	char *cwd = g_get_current_dir();
	char *root = NULL;
	for (unsigned i = 0; i < G_N_ELEMENTS(vars) && !root; i++) {
		const char *v = g_getenv(vars[i]);
		if (v && *v && g_path_is_absolute(v))
			root = g_canonicalize_filename(v, NULL);
	}
	if (!root)
		root = git_top(cwd);
	if (!root)
		root = g_strdup(cwd);
	g_free(cwd);
	return root;
}

char *al_repo_relpath(const char *root, const char *path)
{
	char *abs = g_canonicalize_filename(path, NULL);
	char *rel = NULL;
	size_t n = strlen(root);
	if (strcmp(root, "/") == 0)
		rel = g_strdup(abs + 1);
	else if (strncmp(abs, root, n) == 0 && abs[n] == '/')
		rel = g_strdup(abs + n + 1);
	else if (strcmp(abs, root) == 0)
		rel = g_strdup("");
	g_free(abs);
	return rel;
}

/* json.c, like json-glib, writes a double with 17 significant digits
 * ("0.6" comes out as 0.59999999999999998).  Rewrites every number token
 * of the generated @text in place as the shortest text that reads back to
 * the same double; strings are skipped.  Shortening only: the text never grows. */
static void shorten_numbers(char *text)
{
	char *w = text;
	const char *r = text;
	bool in_str = false;
	while (*r) {
		if (in_str) {
			if (*r == '\\' && r[1]) {
				*w++ = *r++;
			} else if (*r == '"') {
				in_str = false;
			}
			*w++ = *r++;
			continue;
		}
		if (*r == '"') {
			in_str = true;
			*w++ = *r++;
			continue;
		}
		if (*r == '-' || g_ascii_isdigit(*r)) {
			const char *start = r;
			bool real = false;
			while (*r == '-' || *r == '+' || *r == '.' || *r == 'e' || *r == 'E' ||
			       g_ascii_isdigit(*r)) {
				real |= *r == '.' || *r == 'e' || *r == 'E';
				r++;
			}
			size_t len = (size_t)(r - start);
			char tok[64], out[G_ASCII_DTOSTR_BUF_SIZE];
			if (real && len < sizeof tok) {
				memcpy(tok, start, len);
				tok[len] = '\0';
				double v = g_ascii_strtod(tok, NULL);
				for (int prec = 1; prec <= 17; prec++) {
					char fmtbuf[8];
					g_snprintf(fmtbuf, sizeof fmtbuf, "%%.%dg", prec);
					g_ascii_formatd(out, sizeof out, fmtbuf, v);
					if (g_ascii_strtod(out, NULL) == v)
						break;
				}
				size_t on = strlen(out);
				if (on <= len) {
					memmove(w, out, on);
					w += on;
					continue;
				}
			}
			memmove(w, start, len);
			w += len;
			continue;
		}
		*w++ = *r++;
	}
	*w = '\0';
}

char *al_json_text(al_jnode *node, int depth)
{
	char *text = al_jnode_text(node, 2, ' ');
	shorten_numbers(text);
	if (depth <= 0)
		return text;
	GString *out = g_string_sized_new(strlen(text) + 64);
	for (const char *p = text; *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) + 1 : strlen(p);
		for (int i = 0; i < depth; i++)
			g_string_append(out, "  ");
		g_string_append_len(out, p, (gssize)n);
		p += n;
	}
	g_free(text);
	return g_string_free(out, FALSE);
}

/* The JSON text of the slot marker @k as the generator writes it. */
static char *slot_marker(int k)
{
	char *m = g_strdup_printf("\001al-slot-%d\002", k);
	al_jnode *n = al_jnode_new_string(m);
	char *text = al_json_text(n, 0);
	al_jnode_unref(n);
	g_free(m);
	return text;
}

al_jnode *al_json_slot(int k)
{
	char *m = g_strdup_printf("\001al-slot-%d\002", k);
	al_jnode *arr = al_jnode_new_string_array(m);
	g_free(m);
	return arr;
}

void al_json_split(al_jnode *root, int n_slots, char **parts, char **closes)
{
	char *text = al_json_text(root, 0);
	const char *p = text;
	for (int k = 0; k < n_slots; k++) {
		char *marker = slot_marker(k);
		const char *at = strstr(p, marker);
		g_assert(at);
		const char *open = at;
		while (open > p && open[-1] != '[')
			open--;
		parts[k] = g_strndup(p, (gsize)(open - p));
		const char *close = at + strlen(marker);
		const char *end = strchr(close, ']');
		g_assert(end);
		closes[k] = g_strndup(close, (gsize)(end + 1 - close));
		p = end + 1;
		g_free(marker);
	}
	parts[n_slots] = g_strconcat(p, "\n", NULL);
	g_free(text);
}

al_status al_json_write(al_jnode *root, FILE *out, char **err)
{
	al_status st = AL_OK;
	char *text = al_jnode_text(root, 2, ' ');
	shorten_numbers(text);
	size_t len = strlen(text);
	if (fwrite(text, 1, len, out) != len || fputc('\n', out) == EOF || ferror(out)) {
		*err = g_strdup_printf("write failed: %s", g_strerror(errno));
		st = AL_ERR_IO;
	}
	g_free(text);
	return st;
}

void al_budget_init(al_budget *b, const al_report *rep, const al_options *opts)
{
	int n[4] = { 0, rep->infos, rep->warnings, rep->errors };
	int left = opts && opts->max_results >= 0 ? opts->max_results : G_MAXINT;
	memset(b, 0, sizeof *b);
	b->unlimited = left == G_MAXINT;
	/* The most severe first: errors, then warnings, then infos. */
	for (int sev = AL_SEV_ERROR; sev >= AL_SEV_INFO; sev--) {
		b->quota[sev] = MIN(n[sev], left);
		b->dropped[sev] = n[sev] - b->quota[sev];
		left -= b->quota[sev];
	}
}

bool al_budget_take(al_budget *b, al_severity sev)
{
	if (b->unlimited)
		return true;
	if ((unsigned)sev > AL_SEV_ERROR || b->quota[sev] <= 0)
		return false;
	b->quota[sev]--;
	return true;
}

int al_budget_dropped(const al_budget *b)
{
	return b->dropped[AL_SEV_ERROR] + b->dropped[AL_SEV_WARNING] + b->dropped[AL_SEV_INFO];
}

char *al_budget_describe(const al_budget *b, int max)
{
	GString *s = g_string_new(NULL);
	g_string_append_printf(s, "--max-results %d: left out %d finding%s (", max,
	                       al_budget_dropped(b), al_budget_dropped(b) == 1 ? "" : "s");
	bool first = true;
	for (int sev = AL_SEV_ERROR; sev >= AL_SEV_INFO; sev--) {
		if (!b->dropped[sev])
			continue;
		g_string_append_printf(s, "%s%d %s%s", first ? "" : ", ", b->dropped[sev],
		                       al_severity_name((al_severity)sev),
		                       b->dropped[sev] == 1 ? "" : "s");
		first = false;
	}
	g_string_append(s, "; the most severe are kept, in path order); "
	                   "the JSON report lists them all");
	return g_string_free(s, FALSE);
}

/* Identity of a finding across runs: rule, location and the finding's rank
 * among that rule's findings there; not the message, whose measured value
 * may change.  Given by us because code scanning's line hash means nothing
 * for an image (every PNG has the same "line 1"). */
char *al_fingerprint(const char *rule, const char *where, int nth)
{
	GChecksum *ck = g_checksum_new(G_CHECKSUM_SHA256);
	char n[16];
	g_snprintf(n, sizeof n, "%d", nth);
	g_checksum_update(ck, (const guchar *)rule, -1);
	g_checksum_update(ck, (const guchar *)"", 1);
	g_checksum_update(ck, (const guchar *)where, -1);
	g_checksum_update(ck, (const guchar *)"", 1);
	g_checksum_update(ck, (const guchar *)n, -1);
	char *hex = g_strndup(g_checksum_get_string(ck), 32);
	g_checksum_free(ck);
	return hex;
}
