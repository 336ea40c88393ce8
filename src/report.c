/* Report output: dispatch by format and the atomic write of report files. */
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

static const al_writer writers[AL_REPORT_COUNT] = {
	[AL_REPORT_TEXT] = al_write_text,
	[AL_REPORT_GCC] = al_write_gcc,
	[AL_REPORT_JSON] = al_write_json,
	[AL_REPORT_SARIF] = al_write_sarif,
	[AL_REPORT_JUNIT] = al_write_junit,
	[AL_REPORT_HTML] = al_write_html,
};

al_status al_report_write(const al_report *rep, const al_options *opts,
                          al_report_format fmt, FILE *out, int color, char **err)
{
	if ((unsigned)fmt >= AL_REPORT_COUNT || !writers[fmt]) {
		*err = g_strdup("unknown report format");
		return AL_ERR_USAGE;
	}
	al_status st = writers[fmt](rep, opts, out, color, err);
	if (st == AL_OK && (fflush(out) != 0 || ferror(out))) {
		*err = g_strdup_printf("write failed: %s", g_strerror(errno));
		st = AL_ERR_IO;
	}
	return st;
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

#define TEMP_SLOTS 4
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

/* Runs @fn on @f, then flushes and closes @f (unless @keep_open); an error
 * anywhere is AL_ERR_IO with "@path: ..." in *err. */
static al_status write_stream(FILE *f, bool keep_open, const char *path,
                              al_write_fn fn, void *data, char **err)
{
	char *why = NULL;
	al_status st = fn(f, data, &why);
	int e = errno;
	if (st == AL_OK && (fflush(f) != 0 || ferror(f))) {
		st = AL_ERR_IO;
		e = errno;
	}
	if (!keep_open && fclose(f) != 0 && st == AL_OK) {
		st = AL_ERR_IO;
		e = errno;
	}
	if (st != AL_OK)
		*err = why ? g_strdup_printf("%s: %s", path, why)
		           : g_strdup_printf("%s: write failed: %s", path, g_strerror(e));
	g_free(why);
	return st;
}

static bool same_file(const struct stat *a, int fd)
{
	struct stat b;
	return fstat(fd, &b) == 0 && a->st_dev == b.st_dev && a->st_ino == b.st_ino;
}

al_status al_write_path(const char *path, al_write_fn fn, void *data, char **err)
{
	struct stat st, lst;
	bool exists = stat(path, &st) == 0;

	if (exists && (same_file(&st, STDOUT_FILENO) || same_file(&st, STDERR_FILENO)))
		return write_stream(same_file(&st, STDOUT_FILENO) ? stdout : stderr, true,
		                    path, fn, data, err);
	if (exists && !S_ISREG(st.st_mode)) {
		if (S_ISDIR(st.st_mode)) {
			*err = g_strdup_printf("%s: is a folder", path);
			return AL_ERR_IO;
		}
		int fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
		FILE *f = fd < 0 ? NULL : fdopen(fd, "wb");
		if (!f) {
			*err = g_strdup_printf("%s: %s", path, g_strerror(errno));
			if (fd >= 0)
				close(fd);
			return AL_ERR_IO;
		}
		return write_stream(f, false, path, fn, data, err);
	}

	/* a link to a regular file: replace the file, keep the link */
	char *target = exists && lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode)
	               ? realpath(path, NULL) : NULL;
	const char *dest = target ? target : path;
	char *dir = g_path_get_dirname(dest);
	char *base = g_path_get_basename(dest);
	char *tmpl = g_strdup_printf("%s/.%s.XXXXXX", dir, base);
	al_status rc = AL_ERR_IO;
	int fd = g_mkstemp_full(tmpl, O_WRONLY | O_CLOEXEC, 0666);   /* less the umask */
	int slot = fd >= 0 ? temp_register(tmpl) : -1;
	FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;

	if (fd < 0) {
		*err = g_strdup_printf("%s: cannot create a temporary file in %s: %s",
		                       path, dir, g_strerror(errno));
		goto out;
	}
	if (!f) {
		*err = g_strdup_printf("%s: %s", path, g_strerror(errno));
		close(fd);
		goto out;
	}
	if (exists)
		(void)fchmod(fileno(f), st.st_mode & 07777);
	rc = write_stream(f, false, path, fn, data, err);
	if (rc == AL_OK && rename(tmpl, dest) != 0) {
		*err = g_strdup_printf("%s: cannot replace: %s", path, g_strerror(errno));
		rc = AL_ERR_IO;
	}
out:
	if (fd >= 0 && rc != AL_OK)
		unlink(tmpl);
	temp_unregister(slot);
	free(target);
	g_free(tmpl);
	g_free(base);
	g_free(dir);
	return rc;
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
	return al_write_path(path, write_report_job, &j, err);
}
