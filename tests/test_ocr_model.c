/* The English model is looked for without reading it each time (issue
 * #10): its header is read once, and read again only when the file
 * changes; a stat() answers the other questions.  A model replaced by a
 * broken one must still be noticed. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib.h>
#include <glib/gstdio.h>
#include "ocr.h"

/* A traineddata header of @n entries whose LSTM entry (17) points inside
 * the file (@lstm_inside) or past its end; 64 bytes of body. */
static void write_model(const char *path, uint32_t n, bool lstm_inside)
{
	int64_t off[24];
	uint8_t body[64];
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	for (int i = 0; i < 24; i++)
		off[i] = -1;
	off[17] = lstm_inside ? 4 + 8 * 24 : 1 << 30;
	memset(body, 7, sizeof body);
	assert_int_equal(fwrite(&n, 4, 1, f), 1);
	assert_int_equal(fwrite(off, 8, 24, f), 24);
	assert_int_equal(fwrite(body, 1, sizeof body, f), sizeof body);
	assert_int_equal(fclose(f), 0);
}

static void test_model_change_noticed(void **state)
{
	(void)state;
	if (!al_ocr_built_in())
		skip();
	char *dir = g_dir_make_tmp("al-ocrmodel-XXXXXX", NULL);
	char *path = g_build_filename(dir, "eng.traineddata", NULL);
	char *want = g_strdup_printf("eng from %s/)", dir);

	assert_non_null(dir);
	g_setenv("TESSDATA_PREFIX", dir, TRUE);
	write_model(path, 24, true);
	/* asked again and again (as every file of a run asks): the same */
	for (int i = 0; i < 3; i++) {
		const char *d = al_ocr_describe();
		if (!strstr(d, want))
			fail_msg("a sound header: '%s'", d);
	}
	/* the same path, rewritten in place with the LSTM entry outside the
	 * file (same size): the header is read again and found wanting */
	g_usleep(10000);   /* a later mtime on file systems of coarse time */
	write_model(path, 24, false);
	const char *d = al_ocr_describe();
	if (!strstr(d, "could not be loaded") || !strstr(d, dir))
		fail_msg("a broken header after a sound one: '%s'", d);
	assert_int_equal(al_ocr_engines_made(), 0);   /* nothing was loaded */
	g_unsetenv("TESSDATA_PREFIX");
	g_unlink(path);
	g_rmdir(dir);
	g_free(want);
	g_free(path);
	g_free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_model_change_noticed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
