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
#include <json-glib/json-glib.h>
#include "al_internal.h"

static const al_writer writers[AL_REPORT_COUNT] = {
	[AL_REPORT_TEXT] = al_write_text,
	[AL_REPORT_GCC] = al_write_gcc,
	[AL_REPORT_JSON] = al_write_json,
	[AL_REPORT_SARIF] = al_write_sarif,
	[AL_REPORT_JUNIT] = al_write_junit,
	[AL_REPORT_HTML] = al_write_html,
	[AL_REPORT_GITHUB] = al_write_github,
	[AL_REPORT_GITLAB] = al_write_gitlab,
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

/* See al_internal.h. */
char *al_config_note(const al_report *rep)
{
	if (!rep->config)
		return NULL;
	return g_strdup_printf("this run used the config file '%s': its rule severities, "
	                       "thresholds and roles apply (a CI gate should pass --config "
	                       "from the base branch, or --no-config)", rep->config);
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
	char *tmpl = NULL;
	al_status rc = AL_ERR_IO;
	int fd = -1, slot = -1;
	/* The name is listed for al_remove_temp_files() before the file is
	 * created (O_EXCL), so a signal can come at any moment and still find
	 * it; a name taken already is retried with another. */
	for (int tries = 0; fd < 0 && tries < 100; tries++) {
		g_free(tmpl);
		tmpl = g_strdup_printf("%s/.%s.%ld.%08x", dir, base, (long)getpid(),
		                       g_random_int());
		slot = temp_register(tmpl);
		fd = open(tmpl, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0666);
		if (fd < 0) {
			int e = errno;
			temp_unregister(slot);
			slot = -1;
			errno = e;
			if (e != EEXIST)
				break;
		}
	}
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

/* json-glib writes a double with 17 significant digits ("0.6" comes out
 * as 0.59999999999999998).  Rewrites every number token of the generated
 * @text in place as the shortest text that reads back to the same double;
 * strings are skipped.  Shortening only: the text never grows. */
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

al_status al_json_write(JsonNode *root, FILE *out, char **err)
{
	JsonGenerator *gen = json_generator_new();
	al_status st = AL_OK;
	json_generator_set_pretty(gen, TRUE);
	json_generator_set_indent(gen, 2);
	json_generator_set_root(gen, root);
	char *text = json_generator_to_data(gen, NULL);
	shorten_numbers(text);
	size_t len = strlen(text);
	if (fwrite(text, 1, len, out) != len || fputc('\n', out) == EOF || ferror(out)) {
		*err = g_strdup_printf("write failed: %s", g_strerror(errno));
		st = AL_ERR_IO;
	}
	g_free(text);
	g_object_unref(gen);
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
