/* Colour science: sRGB -> CIELAB (D65), CIE76, WCAG luminance/contrast. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "testutil.h"

#define assert_near(a, b, eps) assert_true(fabs((double)(a) - (double)(b)) <= (eps))

static void test_lab_white_black(void **state)
{
	float lab[3];
	al_srgb_to_lab(255, 255, 255, lab);
	assert_near(lab[0], 100.0, 0.05);
	assert_near(lab[1], 0.0, 0.05);
	assert_near(lab[2], 0.0, 0.05);
	al_srgb_to_lab(0, 0, 0, lab);
	assert_near(lab[0], 0.0, 0.01);
	assert_near(lab[1], 0.0, 0.01);
	assert_near(lab[2], 0.0, 0.01);
}

static void test_lab_known_colours(void **state)
{
	float lab[3];
	/* reference values (CIE 1976, D65, sRGB) */
	al_srgb_to_lab(255, 0, 0, lab);
	assert_near(lab[0], 53.24, 0.1);
	assert_near(lab[1], 80.09, 0.2);
	assert_near(lab[2], 67.20, 0.2);
	al_srgb_to_lab(0, 0, 255, lab);
	assert_near(lab[0], 32.30, 0.1);
	assert_near(lab[1], 79.19, 0.2);
	assert_near(lab[2], -107.86, 0.3);
	al_srgb_to_lab(128, 128, 128, lab);
	assert_near(lab[0], 53.59, 0.1);
	assert_near(al_lab_chroma(lab), 0.0, 0.05);
	al_srgb_to_lab(0xf0, 0xf9, 0xff, lab); /* aliceblue, a near-white tint */
	assert_near(lab[0], 97.43, 0.1);
	assert_near(al_lab_chroma(lab), 4.31, 0.1);
	assert_true(al_lab_chroma(lab) < 10.0);
	assert_true(al_lab_chroma(lab) > 3.0);
}

static void test_hue(void **state)
{
	float lab[3];
	al_srgb_to_lab(0, 0, 255, lab);
	assert_near(al_lab_hue(lab), 306.3, 0.5);
	al_srgb_to_lab(255, 0, 0, lab);
	assert_near(al_lab_hue(lab), 40.0, 0.5);
}

static void test_de76(void **state)
{
	float a[3] = { 50, 0, 0 }, b[3] = { 53, 4, 0 };
	assert_near(al_de76(a, b), 5.0, 1e-5);
	assert_near(al_de76(a, a), 0.0, 1e-6);
	float w[3], k[3];
	al_srgb_to_lab(255, 255, 255, w);
	al_srgb_to_lab(0, 0, 0, k);
	assert_near(al_de76(w, k), 100.0, 0.1);
}

static void test_wcag(void **state)
{
	double white = al_rel_luminance(255, 255, 255);
	assert_near(white, 1.0, 1e-6);
	assert_near(al_rel_luminance(0, 0, 0), 0.0, 1e-9);
	assert_near(al_contrast_ratio(white, al_rel_luminance(0, 0, 0)), 21.0, 1e-6);
	double grey = al_rel_luminance(0x76, 0x76, 0x76);
	assert_near(al_contrast_ratio(white, grey), 4.54, 0.01);
	/* order does not matter */
	assert_near(al_contrast_ratio(grey, white), al_contrast_ratio(white, grey), 1e-12);
	/* #777777 is the classic just-failing grey */
	assert_true(al_contrast_ratio(white, al_rel_luminance(0x77, 0x77, 0x77)) < 4.5);
}

static void test_hex(void **state)
{
	char buf[8];
	const uint8_t rgb[3] = { 0xf0, 0xf9, 0xff };
	al_hex_color(rgb, buf);
	assert_string_equal(buf, "#f0f9ff");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lab_white_black),
		cmocka_unit_test(test_lab_known_colours),
		cmocka_unit_test(test_hue),
		cmocka_unit_test(test_de76),
		cmocka_unit_test(test_wcag),
		cmocka_unit_test(test_hex),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
