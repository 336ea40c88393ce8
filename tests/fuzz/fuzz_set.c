/*
 * Fuzz target (b): a small set of files -- one folder, sometimes with a
 * sub-folder -- checked as the command line checks a folder, through the
 * set rules, then written in every report format, each report parsed back
 * (JSON, SARIF and GitLab with json-glib, JUnit as XML, the line formats
 * as UTF-8 without raw control characters, HTML without a raw file name),
 * and a baseline round trip: the baseline written from the report, loaded,
 * and applied to a second run of the same files, must leave no finding.
 *
 * The input is a sequence of files, each introduced by the 6 bytes
 * "ALFILE" and a byte that picks its name (the bytes before the first
 * marker are the first file); file names include markup, bidi controls,
 * quotes, a tab and bytes that are not UTF-8.
 */
#include <json-glib/json-glib.h>
#include "fuzz.h"

#define MARK "ALFILE"
#define MAX_FILES 8

static const char *const names[] = {
	"small.png", "medium.png", "large.png", "wide.png", "hero.png", "logo-216x216.png",
	"<img src=x onerror=alert(1)>.png", "caf\xc3\xa9 \xe2\x80\xaegnp.png", "bad\xff\xfe.png",
	"tab\there.jpg", "icon.gif", "q\"uote'&amp;.png", "sub/large.png", "sub/hero.jpg",
	"Large.PNG", "x.webp",
};

/* Splits @data into files written below @dir; returns how many. */
static int write_files(const char *dir, const uint8_t *data, size_t size)
{
	const uint8_t *p = data, *end = data + size;
	int n = 0, name = 0;

	if (size >= 7 && memcmp(data, MARK, 6) == 0) {
		name = data[6];
		p += 7;
	}
	while (p <= end && n < MAX_FILES) {
		const uint8_t *next = size ? memmem(p, (size_t)(end - p), MARK, 6) : NULL;
		const uint8_t *stop = next ? next : end;
		char *path = g_build_filename(dir, names[name % G_N_ELEMENTS(names)], NULL);
		fuzz_write(path, p, (size_t)(stop - p));
		g_free(path);
		n++;
		if (!next || end - next < 7)
			break;
		name = next[6];
		p = next + 7;
	}
	return n;
}

static void check_json(const char *fmt, const char *s, size_t n)
{
	JsonParser *parser = json_parser_new();
	GError *err = NULL;
	gboolean ok = json_parser_load_from_data(parser, s, (gssize)n, &err);

	FUZZ_CHECK(ok, "%s report does not parse: %s", fmt, err ? err->message : "?");
	FUZZ_CHECK(json_parser_get_root(parser) != NULL, "%s report is empty", fmt);
	g_object_unref(parser);
}

static void check_xml(const char *s, size_t n)
{
	static const GMarkupParser none = { 0 };
	GMarkupParseContext *ctx = g_markup_parse_context_new(&none, 0, NULL, NULL);
	GError *err = NULL;
	gboolean ok = g_markup_parse_context_parse(ctx, s, (gssize)n, &err) &&
	              g_markup_parse_context_end_parse(ctx, &err);

	FUZZ_CHECK(ok, "JUnit report is not well-formed XML: %s", err ? err->message : "?");
	g_markup_parse_context_free(ctx);
}

/* Text formats: UTF-8, and no control character but newline and tab (a
 * file name cannot drive the terminal or break a line in two). */
static void check_lines(const char *fmt, const char *s, size_t n)
{
	FUZZ_CHECK(g_utf8_validate(s, (gssize)n, NULL), "%s report is not UTF-8", fmt);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		FUZZ_CHECK(c >= 0x20 || c == '\n' || c == '\t', "%s report: control byte 0x%02x", fmt, c);
		FUZZ_CHECK(c != 0x7F, "%s report: DEL", fmt);
	}
}

static void write_and_check(const al_report *rep)
{
	static const char *const fmt_names[AL_REPORT_COUNT] = {
		[AL_REPORT_TEXT] = "text", [AL_REPORT_GCC] = "gcc", [AL_REPORT_JSON] = "json",
		[AL_REPORT_SARIF] = "sarif", [AL_REPORT_JUNIT] = "junit", [AL_REPORT_HTML] = "html",
		[AL_REPORT_GITHUB] = "github", [AL_REPORT_GITLAB] = "gitlab",
	};

	for (int f = 0; f < AL_REPORT_COUNT; f++) {
		char *buf = NULL, *err = NULL;
		size_t n = 0;
		FILE *out = open_memstream(&buf, &n);
		al_status st;

		FUZZ_CHECK(out != NULL, "open_memstream");
		st = al_report_write(rep, fuzz_options(), (al_report_format)f, out, 0, &err);
		FUZZ_CHECK(fclose(out) == 0, "fclose");
		FUZZ_CHECK(st == AL_OK, "%s writer: %s", fmt_names[f], err ? err : "?");
		switch (f) {
		case AL_REPORT_JSON:
		case AL_REPORT_SARIF:
		case AL_REPORT_GITLAB:
			check_json(fmt_names[f], buf, n);
			break;
		case AL_REPORT_JUNIT:
			check_xml(buf, n);
			break;
		case AL_REPORT_HTML:
			FUZZ_CHECK(g_utf8_validate(buf, (gssize)n, NULL), "HTML report is not UTF-8");
			FUZZ_CHECK(!strstr(buf, "<img src=x"), "HTML report holds a raw file name");
			FUZZ_CHECK(strstr(buf, "</html>") != NULL, "HTML report is cut short");
			break;
		default:
			check_lines(fmt_names[f], buf, n);
			break;
		}
		g_free(err);
		free(buf);
	}
}

/* The baseline written from @rep, applied to a new run of @dir, removes
 * every finding and leaves no stale entry. */
static void baseline_round_trip(const al_report *rep, const char *dir)
{
	char *path = g_build_filename(fuzz_tmpdir(), "baseline.json", NULL);
	const char *paths[1] = { dir };
	char *err = NULL;
	al_baseline *bl;
	al_report *again;
	int e, w, i;

	FUZZ_CHECK(al_baseline_write(rep, path, &err) == AL_OK, "baseline write: %s", err ? err : "?");
	bl = al_baseline_load(path, &err);
	FUZZ_CHECK(bl != NULL, "baseline load: %s", err ? err : "?");
	again = al_check_paths(fuzz_options(), paths, 1, &err);
	FUZZ_CHECK(again != NULL, "second run: %s", err ? err : "?");
	al_baseline_apply(bl, again);
	al_report_counts(again, &e, &w, &i);
	FUZZ_CHECK(e == 0 && w == 0 && i == 0,
	           "after the baseline: %d errors, %d warnings, %d infos left", e, w, i);
	al_report_free(again);
	al_baseline_free(bl);
	g_remove(path);
	g_free(path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *dir = g_build_filename(fuzz_tmpdir(), "set", NULL);
	const char *paths[1] = { dir };
	char *err = NULL;
	al_report *rep;

	fuzz_rm_rf(dir);
	g_mkdir_with_parents(dir, 0700);
	write_files(dir, data, size);
	rep = al_check_paths(fuzz_options(), paths, 1, &err);
	FUZZ_CHECK(rep != NULL, "al_check_paths failed: %s", err ? err : "?");
	fuzz_check_report(rep);
	write_and_check(rep);
	baseline_round_trip(rep, dir);
	al_report_free(rep);
	g_free(err);
	fuzz_rm_rf(dir);
	g_free(dir);
	return 0;
}
