/* palette rule: prominent colours of the mark, background and
 * anti-aliasing not counted. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "testutil.h"
#include "rules/rules.h"

static const uint32_t colours[] = {
	0xe81123ff, 0xffb900ff, 0x107c10ff, 0x8a2be2ff, 0x00b7c3ff, 0x603010ff,
};

/* @k stripes of flat colour, each a disc with an anti-aliased rim, on a
 * flat background. */
static al_image *stripes(int k)
{
	al_image *img = tu_image_new(255, 115, 0xf4f0e8ff);
	for (int i = 0; i < k; i++)
		tu_disc(img, 30 + i * 39, 57, 17, colours[i]);
	return img;
}

static void test_three_colours_pass(void **state)
{
	(void)state;
	al_image *img = stripes(3);
	tu_run run;
	assert_int_equal(tu_check(&run, &al_rule_palette, img, AL_ROLE_WIDE, NULL), 0);
	tu_run_clear(&run);
	tu_image_free(img);
}

static void test_six_colours_flagged(void **state)
{
	(void)state;
	al_image *img = stripes(6);
	tu_run run;
	assert_int_equal(tu_check(&run, &al_rule_palette, img, AL_ROLE_WIDE, NULL), 1);
	const al_finding *f = tu_finding(&run, 0);
	assert_int_equal(f->severity, AL_SEV_WARNING);
	assert_true(f->has_measured);
	assert_true(f->measured == 6.0);
	assert_true(f->limit == 4.0);
	assert_non_null(strstr(f->message, "6 prominent colours"));
	tu_run_clear(&run);
	tu_image_free(img);
}

static void test_antialiasing_not_counted(void **state)
{
	(void)state;
	/* two colours with wide, many-step blended rims: dozens of distinct
	 * in-between colours, but none inside a flat area */
	al_image *img = tu_image_new(115, 115, 0x1a1a40ff);
	for (int r = 40; r >= 20; r--) {
		double t = (40 - r) / 20.0;
		if (r > 36 || r < 24)
			tu_disc(img, 57, 57, r, r > 36 ? 0xffc000ff : 0x00c0ffff);
		else {
			/* a 1-px ring of a blend: one AA step each */
			uint32_t c = (uint32_t)lround(255 * (1 - t)) << 24 |
			             (uint32_t)lround(192 * (1 - t) + 192 * t) << 16 |
			             (uint32_t)lround(255 * t) << 8 | 0xffu;
			tu_disc(img, 57, 57, r, c);
		}
	}
	tu_run run;
	assert_int_equal(tu_check(&run, &al_rule_palette, img, AL_ROLE_LARGE, NULL), 0);
	tu_run_clear(&run);
	/* a tighter limit proves the two real colours are seen */
	al_options *o = al_options_new();
	char *err = NULL;
	assert_int_equal(al_options_set_threshold(o, "palette.max_colors", 1, &err), AL_OK);
	assert_int_equal(tu_check(&run, &al_rule_palette, img, AL_ROLE_LARGE, o), 1);
	assert_true(tu_finding(&run, 0)->measured == 2.0);
	tu_run_clear(&run);
	tu_image_free(img);
}

static void test_near_colours_merge(void **state)
{
	(void)state;
	/* six discs in two families of near shades (CIE76 < 6) = 2 colours */
	static const uint32_t near[] = {
		0xe81123ff, 0xe01828ff, 0xee0c20ff, 0x107c10ff, 0x148014ff, 0x0c780cff,
	};
	al_image *img = tu_image_new(255, 115, 0xf4f0e8ff);
	for (int i = 0; i < 6; i++)
		tu_disc(img, 30 + i * 39, 57, 17, near[i]);
	tu_run run;
	assert_int_equal(tu_check(&run, &al_rule_palette, img, AL_ROLE_WIDE, NULL), 0);
	tu_run_clear(&run);
	tu_image_free(img);
}

static void test_hero_not_checked(void **state)
{
	(void)state;
	al_image *img = stripes(6);
	tu_run run;
	assert_int_equal(tu_check(&run, &al_rule_palette, img, AL_ROLE_HERO, NULL), 0);
	tu_run_clear(&run);
	tu_image_free(img);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_three_colours_pass),
		cmocka_unit_test(test_six_colours_flagged),
		cmocka_unit_test(test_antialiasing_not_counted),
		cmocka_unit_test(test_near_colours_merge),
		cmocka_unit_test(test_hero_not_checked),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
