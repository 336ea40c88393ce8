/* Report output: dispatch by format and the atomic write of report files. */
#include <errno.h>
#include <string.h>
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

/* Temp file in the target's folder, written, flushed, checked, renamed: a
 * reader never sees half a report, and a failed run leaves the old one. */
al_status al_report_write_file(const al_report *rep, const al_options *opts,
                               al_report_format fmt, const char *path, char **err)
{
	char *dir = g_path_get_dirname(path);
	char *base = g_path_get_basename(path);
	char *tmpl = g_strdup_printf("%s/.%s.XXXXXX", dir, base);
	FILE *f = NULL;
	al_status st = AL_ERR_IO;
	int fd = g_mkstemp(tmpl);

	if (fd < 0) {
		*err = g_strdup_printf("%s: cannot create a temporary file in %s: %s",
		                       path, dir, g_strerror(errno));
		goto out;
	}
	f = fdopen(fd, "wb");
	if (!f) {
		*err = g_strdup_printf("%s: %s", path, g_strerror(errno));
		close(fd);
		g_unlink(tmpl);
		goto out;
	}
	st = al_report_write(rep, opts, fmt, f, 0, err);
	if (fclose(f) != 0 && st == AL_OK) {
		*err = g_strdup_printf("%s: write failed: %s", path, g_strerror(errno));
		st = AL_ERR_IO;
	}
	if (st == AL_OK && (g_chmod(tmpl, 0644) != 0 || g_rename(tmpl, path) != 0)) {
		*err = g_strdup_printf("%s: %s", path, g_strerror(errno));
		st = AL_ERR_IO;
	}
	if (st != AL_OK)
		g_unlink(tmpl);
out:
	g_free(tmpl);
	g_free(base);
	g_free(dir);
	return st;
}
