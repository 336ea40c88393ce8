/* The HTML contact sheet: escaping of hostile names and messages, one card
 * per file, embedded images and overlays, no network references, the CSP
 * hash of the inline script, write errors. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <glib/gstdio.h>
#include <png.h>
#include <stdio.h>
#include "testutil.h"

#define HOSTILE "<img src=x onerror=alert(1)>.png"

typedef struct {
	char *dir;
	al_report report;
	al_options *opts;
} fixture;

/* Writes @img as an RGBA PNG file through libpng's simplified API. */
static void write_png(const char *path, const al_image *img)
{
	png_image pi;
	memset(&pi, 0, sizeof pi);
	pi.version = PNG_IMAGE_VERSION;
	pi.width = (png_uint_32)img->width;
	pi.height = (png_uint_32)img->height;
	pi.format = PNG_FORMAT_RGBA;
	assert_true(png_image_write_to_file(&pi, path, 0, img->rgba, 0, NULL));
}

static al_finding *finding(const char *rule, al_severity sev, const char *msg,
                           const al_region *region)
{
	al_finding *f = g_new0(al_finding, 1);
	f->rule = rule;
	f->severity = sev;
	f->message = g_strdup(msg);
	if (region) {
		f->has_region = true;
		f->region = *region;
	}
	return f;
}

static al_file_result *file_result(const char *dir, const char *name, const char *set,
                                   al_role role, int w, int h)
{
	al_file_result *f = g_new0(al_file_result, 1);
	f->path = g_build_filename(dir, name, NULL);
	f->set = g_strdup(set);
	f->role = role;
	f->role_source = AL_ROLE_FROM_FILENAME;
	f->format = AL_FMT_PNG;
	f->width = w;
	f->height = h;
	f->bg_kind = AL_BG_COLOR;
	f->bg_rgb[0] = 0x2f;
	f->bg_rgb[1] = 0x7d;
	f->bg_rgb[2] = 0x6d;
	f->bg_coverage = 0.7;
	f->findings = g_ptr_array_new_with_free_func((GDestroyNotify)al_finding_free);
	return f;
}

static void file_result_free(al_file_result *f)
{
	g_ptr_array_unref(f->findings);
	g_free(f->path);
	g_free(f->set);
	g_free(f);
}

static void set_result_free(al_set_result *s)
{
	g_ptr_array_unref(s->findings);
	g_ptr_array_unref(s->files);
	g_free(s->path);
	g_free(s);
}

/* A set of four files in a temp folder: a good small logo, a hero with a
 * text finding, a hostile-named copy of the logo and a corrupt file; plus
 * one file whose set is not listed (shown under "Other files"). */
static int setup(void **state)
{
	fixture *fx = g_new0(fixture, 1);
	al_image *logo = tu_image_new(40, 40, 0x2f7d6dff);
	al_image *hero = tu_image_new(815, 290, 0x1b3a5cff);
	tu_disc(logo, 20, 20, 10, 0xffd23fff);
	tu_fill(hero, 60, 100, 200, 80, 0xffd23fff);

	fx->dir = g_dir_make_tmp("al-html-XXXXXX", NULL);
	assert_non_null(fx->dir);
	char *p = g_build_filename(fx->dir, "Small.png", NULL);
	write_png(p, logo);
	g_free(p);
	p = g_build_filename(fx->dir, HOSTILE, NULL);
	write_png(p, logo);
	g_free(p);
	p = g_build_filename(fx->dir, "Hero.png", NULL);
	write_png(p, hero);
	g_free(p);
	p = g_build_filename(fx->dir, "broken.png", NULL);
	assert_true(g_file_set_contents(p, "\x89PNG\r\n\x1a\n garbage", 17, NULL));
	g_free(p);
	tu_image_free(logo);
	tu_image_free(hero);

	fx->opts = al_options_new();
	fx->report.profile = "cpp-2020";
	fx->report.files = g_ptr_array_new_with_free_func((GDestroyNotify)file_result_free);
	fx->report.sets = g_ptr_array_new_with_free_func((GDestroyNotify)set_result_free);

	al_set_result *set = g_new0(al_set_result, 1);
	set->path = g_strdup(fx->dir);
	set->files = g_ptr_array_new();
	set->findings = g_ptr_array_new_with_free_func((GDestroyNotify)al_finding_free);
	g_ptr_array_add(set->findings, finding("set-incomplete", AL_SEV_ERROR,
	                                       "medium logo missing", NULL));
	g_ptr_array_add(fx->report.sets, set);

	al_file_result *f;
	f = file_result(fx->dir, HOSTILE, fx->dir, AL_ROLE_UNKNOWN, 40, 40);
	f->role_source = AL_ROLE_FROM_NONE;
	g_ptr_array_add(f->findings, finding("dimensions", AL_SEV_ERROR,
	                                     "name <b>" HOSTILE "</b> \xff\xfe bad utf-8", NULL));
	g_ptr_array_add(fx->report.files, f);
	f = file_result(fx->dir, "Hero.png", fx->dir, AL_ROLE_HERO, 815, 290);
	al_region tr = { 60, 100, 200, 80 };
	g_ptr_array_add(f->findings, finding("text", AL_SEV_ERROR,
	                                     "<script>alert(2)</script> text line", &tr));
	al_region gr = { 10, 10, 30, 30 };
	g_ptr_array_add(f->findings, finding("gradient", AL_SEV_WARNING, "a gradient", &gr));
	g_ptr_array_add(fx->report.files, f);
	f = file_result(fx->dir, "Small.png", fx->dir, AL_ROLE_SMALL, 40, 40);
	g_ptr_array_add(fx->report.files, f);
	f = file_result(fx->dir, "broken.png", fx->dir, AL_ROLE_UNKNOWN, 0, 0);
	f->format = AL_FMT_NONE;
	f->bg_kind = AL_BG_NONE;
	g_ptr_array_add(f->findings, finding("decode-error", AL_SEV_ERROR, "truncated", NULL));
	g_ptr_array_add(fx->report.files, f);
	f = file_result(fx->dir, "Small.png", "elsewhere", AL_ROLE_SMALL, 40, 40);
	g_ptr_array_add(f->findings, finding("palette", AL_SEV_INFO, "many colours", NULL));
	g_ptr_array_add(fx->report.files, f);
	for (guint i = 0; i < 4; i++)
		g_ptr_array_add(set->files, g_ptr_array_index(fx->report.files, i));
	fx->report.errors = 4;
	fx->report.warnings = 1;
	fx->report.infos = 1;
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	fixture *fx = *state;
	const char *names[] = { "Small.png", HOSTILE, "Hero.png", "broken.png" };
	for (guint i = 0; i < G_N_ELEMENTS(names); i++) {
		char *p = g_build_filename(fx->dir, names[i], NULL);
		g_unlink(p);
		g_free(p);
	}
	g_rmdir(fx->dir);
	g_free(fx->dir);
	g_ptr_array_unref(fx->report.sets);
	g_ptr_array_unref(fx->report.files);
	al_options_free(fx->opts);
	g_free(fx);
	return 0;
}

/* Runs the writer into memory.  Caller g_free()s. */
static char *render(const al_report *r, const al_options *opts)
{
	char *buf = NULL;
	size_t len = 0;
	char *err = NULL;
	FILE *mem = open_memstream(&buf, &len);
	assert_non_null(mem);
	assert_int_equal(al_write_html(r, opts, mem, 0, &err), AL_OK);
	assert_null(err);
	assert_int_equal(fclose(mem), 0);
	char *copy = g_strndup(buf, len);
	free(buf);
	return copy;
}

static int count(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

static void test_escapes_hostile_name(void **state)
{
	fixture *fx = *state;
	char *html = render(&fx->report, fx->opts);

	assert_true(g_utf8_validate(html, -1, NULL));
	assert_null(strstr(html, "<img src=x"));
	assert_null(strstr(html, "onerror=alert(1)>"));
	assert_null(strstr(html, "<script>alert"));
	assert_non_null(strstr(html, "name &lt;b&gt;&lt;img src=x"));
	/* The name as text (card title, aria-label, message) and in the finding. */
	assert_true(count(html, "&lt;img src=x onerror=alert(1)&gt;.png") >= 2);
	assert_non_null(strstr(html, "&lt;script&gt;alert(2)&lt;/script&gt; text line"));
	/* Invalid UTF-8 replaced, not passed through. */
	assert_non_null(strstr(html, "\xef\xbf\xbd"));
	/* Exactly one script element: ours. */
	assert_int_equal(count(html, "<script"), 1);
	g_free(html);
}

static void test_one_card_per_file(void **state)
{
	fixture *fx = *state;
	char *html = render(&fx->report, fx->opts);

	assert_int_equal(count(html, "<article class=\"card"), 5);
	assert_int_equal(count(html, "</article>"), 5);
	/* One section for the set, one for the file of an unlisted set. */
	assert_int_equal(count(html, "<section class=\"set\" id=\"set-"), 2);
	assert_non_null(strstr(html, "Files checked alone"));
	/* The corrupt file gets a placeholder; the others a data: image. */
	assert_int_equal(count(html, "class=\"nopreview\""), 1);
	assert_int_equal(count(html, "--img:url(&quot;data:image/png;base64,iVBORw0KGgo"), 4);
	/* Logos on the light and dark theme, not the hero. */
	assert_int_equal(count(html, "background:#1b1a19"), 3);
	assert_int_equal(count(html, "background:#ffffff"), 3);
	/* The hero's free zone starts at 815 - 415 = 400 and holds the text. */
	assert_non_null(strstr(html, "<rect class=\"a\" x=\"400\" y=\"0\" width=\"415\" height=\"290\""));
	assert_int_equal(count(html, "<div class=\"mt\""), 1);
	/* Region boxes of the text and gradient findings. */
	assert_non_null(strstr(html, "class=\"r r-text sev-error\" data-box=\""));
	assert_non_null(strstr(html, "x=\"60\" y=\"100\" width=\"200\" height=\"80\""));
	assert_non_null(strstr(html, "class=\"r r-grad sev-warning\" data-box=\""));
	/* Each box has a label with its number and rule, and the finding in
	 * the list carries the same data-box (hover links them both ways). */
	int boxes = count(html, "<rect class=\"r ");
	assert_true(boxes >= 2);
	assert_int_equal(count(html, "<span class=\"blbl "), boxes);
	assert_int_equal(count(html, "<li class=\"f sev-") , 6);
	assert_int_equal(count(html, "\" tabindex=\"0\"><span class=\"num\">"), boxes);
	char *box = strstr(html, "<rect class=\"r r-text");
	char *id = g_strndup(strstr(box, "data-box=\""), strcspn(strstr(box, "data-box=\"") + 10, "\"") + 11);
	assert_int_equal(count(html, id), 3);   /* box, label, finding */
	g_free(id);
	assert_non_null(strstr(html, ">1 text</span>"));
	/* Findings with their fix, set findings and the summary. */
	assert_int_equal(count(html, "<li class=\"f sev-error\""), 4);
	assert_int_equal(count(html, "<li class=\"f sev-warning\""), 1);
	assert_int_equal(count(html, "<li class=\"f sev-info\""), 1);
	char *fix = g_markup_escape_text(al_rule_find("text")->help, -1);
	assert_non_null(strstr(html, fix));
	g_free(fix);
	assert_non_null(strstr(html, "medium logo missing"));
	assert_non_null(strstr(html, "<b>5</b>files"));
	assert_non_null(strstr(html, "<b>4</b>errors"));
	assert_non_null(strstr(html, "<b>1</b>warning<"));
	assert_non_null(strstr(html, "<code>cpp-2020</code>"));
	assert_int_equal(count(html, "data-sev=\""), 3);
	assert_non_null(strstr(html, "errors <span class=\"meta\">(4)</span>"));
	assert_non_null(strstr(html, "1 file without findings, collapsed"));
	/* The clean Small.png: its card inside a collapsed <details>. */
	assert_int_equal(count(html, "<article class=\"card c-ok sev-ok"), 1);
	char *ok = strstr(html, "<details class=\"okfiles\"><summary>1 file without findings");
	assert_non_null(ok);
	assert_true(strstr(html, "<article class=\"card c-ok sev-ok") > ok);
	/* Two sets (one listed, one for the unlisted file): an index. */
	assert_non_null(strstr(html, "<details class=\"index\" open><summary>Index of 2 sets: "
	                             "1 with errors, 0 with warnings, 1 with infos only, 0 without findings"));
	assert_non_null(strstr(html, "<tr><td><a href=\"#set-0\">"));
	assert_non_null(strstr(html, "<tr><td><a href=\"#set-1\">Files checked alone</a>"));
	g_free(html);
}

static void test_no_network(void **state)
{
	fixture *fx = *state;
	char *html = render(&fx->report, fx->opts);
	int svg_ns = count(html, "xmlns=\"http://www.w3.org/2000/svg\"");

	assert_true(svg_ns >= 1);
	assert_int_equal(count(html, "http://"), svg_ns);
	assert_int_equal(count(html, "https://"), 0);
	assert_null(strstr(html, "src=\"//"));
	assert_null(strstr(html, "@import"));
	assert_non_null(strstr(html, "default-src 'none'; img-src data:;"));
	g_free(html);
}

/* The CSP names the SHA-256 of the inline script, so that script runs and
 * nothing else would. */
static void test_csp_hash_matches_script(void **state)
{
	fixture *fx = *state;
	char *html = render(&fx->report, fx->opts);
	const char *a = strstr(html, "<script>");
	const char *b = a ? strstr(a, "</script>") : NULL;
	const char *h = strstr(html, "script-src 'sha256-");
	guint8 digest[32];
	gsize dlen = sizeof digest;

	assert_non_null(b);
	assert_non_null(h);
	a += strlen("<script>");
	GChecksum *ck = g_checksum_new(G_CHECKSUM_SHA256);
	g_checksum_update(ck, (const guchar *)a, b - a);
	g_checksum_get_digest(ck, digest, &dlen);
	g_checksum_free(ck);
	char *want = g_base64_encode(digest, dlen);
	h += strlen("script-src 'sha256-");
	assert_int_equal(strncmp(h, want, strlen(want)), 0);
	assert_int_equal(h[strlen(want)], '\'');
	g_free(want);
	g_free(html);
}

/* The mask overlays are real PNGs of the image's size. */
static void test_masks_are_pngs(void **state)
{
	fixture *fx = *state;
	char *html = render(&fx->report, fx->opts);
	const char *key = "class=\"ov ov-bg\" alt=\"\" src=\"data:image/png;base64,";
	int seen = 0;

	for (const char *p = strstr(html, key); p; p = strstr(p + 1, key)) {
		p += strlen(key);
		char *b64 = g_strndup(p, strcspn(p, "\""));
		gsize len = 0;
		guchar *png = g_base64_decode(b64, &len);
		al_info info;
		char why[128];
		assert_int_equal(al_probe(png, len, &info, why, sizeof why), AL_OK);
		assert_int_equal(info.format, AL_FMT_PNG);
		assert_true((info.width == 40 && info.height == 40)
		            || (info.width == 815 && info.height == 290));
		/* Mostly one colour: a hero mask stays small. */
		assert_true(len < 4000);
		g_free(png);
		g_free(b64);
		seen++;
	}
	assert_int_equal(seen, 4);
	assert_int_equal(count(html, "class=\"ov ov-fg\""), 4);
	g_free(html);
}

static void test_empty_report(void **state)
{
	al_report r = { .profile = "cpp-2020" };
	r.files = g_ptr_array_new();
	r.sets = g_ptr_array_new();
	char *html = render(&r, NULL);
	assert_int_equal(count(html, "<article"), 0);
	assert_non_null(strstr(html, "<b>0</b>files"));
	assert_non_null(strstr(html, "</html>\n"));
	g_free(html);
	g_ptr_array_unref(r.files);
	g_ptr_array_unref(r.sets);
}

/* A full disk is a tool failure with a message, not a silent short file. */
static void test_write_error(void **state)
{
	fixture *fx = *state;
	FILE *full = fopen("/dev/full", "w");
	char *err = NULL;
	if (!full)
		skip();
	setvbuf(full, NULL, _IONBF, 0);
	assert_int_equal(al_write_html(&fx->report, fx->opts, full, 0, &err), AL_ERR_IO);
	assert_non_null(err);
	assert_non_null(strstr(err, "HTML report"));
	g_free(err);
	fclose(full);
}

/* PNG and JPEG are embedded as they are; other formats as PNG of the
 * decoded pixels (uses the generator's testdata when present). */
static void test_embedding_by_format(void **state)
{
	const char *gif = "testdata/e2e/formats/gif-named.png";
	const char *jpg = "testdata/e2e/formats/logo.jpg";
	al_report r = { .profile = "cpp-2020" };
	(void)state;
	if (!g_file_test(gif, G_FILE_TEST_EXISTS) || !g_file_test(jpg, G_FILE_TEST_EXISTS))
		skip();
	r.files = g_ptr_array_new_with_free_func((GDestroyNotify)file_result_free);
	r.sets = g_ptr_array_new();
	g_ptr_array_add(r.files, file_result("testdata/e2e/formats", "gif-named.png",
	                                     "testdata/e2e/formats", AL_ROLE_LARGE, 115, 115));
	g_ptr_array_add(r.files, file_result("testdata/e2e/formats", "logo.jpg",
	                                     "testdata/e2e/formats", AL_ROLE_LARGE, 115, 115));
	char *html = render(&r, NULL);
	assert_int_equal(count(html, "<article class=\"card"), 2);
	assert_int_equal(count(html, "class=\"nopreview\""), 0);
	assert_int_equal(count(html, "--img:url(&quot;data:image/png;base64,iVBORw0KGgo"), 1);
	assert_int_equal(count(html, "--img:url(&quot;data:image/jpeg;base64,/9j/"), 1);
	assert_null(strstr(html, "R0lGOD")); /* "GIF8" never embedded as is */
	g_free(html);
	g_ptr_array_unref(r.files);
	g_ptr_array_unref(r.sets);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_escapes_hostile_name, setup, teardown),
		cmocka_unit_test_setup_teardown(test_one_card_per_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_network, setup, teardown),
		cmocka_unit_test_setup_teardown(test_csp_hash_matches_script, setup, teardown),
		cmocka_unit_test_setup_teardown(test_masks_are_pngs, setup, teardown),
		cmocka_unit_test(test_empty_report),
		cmocka_unit_test(test_embedding_by_format),
		cmocka_unit_test_setup_teardown(test_write_error, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
