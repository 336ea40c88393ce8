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

/* al_de76_sq(a, b) < al_de76_sq_limit(t) decides exactly as al_de76 < t:
 * at the boundary float by float, and on random colour pairs. */
static void test_de76_sq_limit(void **state)
{
	static const float limits[] = { 0.001f, 0.5f, 1.0f, 2.0f, 2.3f, 3.0f, 5.0f, 6.0f,
	                                10.0f, 12.0f, 20.0f, 33.3f, 100.0f, 250.0f };
	for (size_t k = 0; k < G_N_ELEMENTS(limits); k++) {
		float t = limits[k], v = al_de76_sq_limit(t);
		assert_true(__builtin_sqrtf(v) >= t);
		assert_true(__builtin_sqrtf(nextafterf(v, 0.0f)) < t);
		float d2 = t * t;
		for (int i = 0; i < 300; i++)
			d2 = nextafterf(d2, 0.0f);
		for (int i = 0; i < 600; i++, d2 = nextafterf(d2, INFINITY))
			assert_int_equal(__builtin_sqrtf(d2) < t, d2 < v);
	}
	/* no distance is below 0 (or a NaN limit) */
	assert_true(al_de76_sq_limit(0.0f) == 0.0f);
	assert_true(al_de76_sq_limit(-1.0f) == 0.0f);
	assert_true(al_de76_sq_limit(NAN) == 0.0f);
	GRand *rnd = g_rand_new_with_seed(7);
	for (int i = 0; i < 200000; i++) {
		float a[3], b[3];
		for (int c = 0; c < 3; c++) {
			a[c] = (float)g_rand_double_range(rnd, -100, 100);
			/* many pairs close together, where the limits bite */
			b[c] = a[c] + (float)g_rand_double_range(rnd, -8, 8);
		}
		float t = limits[i % G_N_ELEMENTS(limits)];
		assert_int_equal(al_de76(a, b) < t, al_de76_sq(a, b) < al_de76_sq_limit(t));
	}
	g_rand_free(rnd);
}

/* Every Lab value is a whole number of 2^-24 units below 2^7 in
 * magnitude: the text rule's local ground (text_read.c, crop_local) sums
 * them as 64-bit integers of those units and counts on the sums being
 * exact.  All 2^24 colours. */
static void test_lab_unit_grid(void **state)
{
	for (int r = 0; r < 256; r++)
		for (int g = 0; g < 256; g++)
			for (int b = 0; b < 256; b++) {
				float lab[3];
				al_srgb_to_lab((uint8_t)r, (uint8_t)g, (uint8_t)b, lab);
				for (int c = 0; c < 3; c++) {
					double u = (double)lab[c] * 16777216.0;
					if (!(fabs(lab[c]) < 128.0f) || u != floor(u))
						fail_msg("#%02x%02x%02x: Lab[%d] = %.9g is not a whole "
						         "number of 2^-24 below 128", r, g, b, c, lab[c]);
				}
			}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lab_white_black),
		cmocka_unit_test(test_lab_known_colours),
		cmocka_unit_test(test_hue),
		cmocka_unit_test(test_de76),
		cmocka_unit_test(test_de76_sq_limit),
		cmocka_unit_test(test_wcag),
		cmocka_unit_test(test_hex),
		cmocka_unit_test(test_lab_unit_grid),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
