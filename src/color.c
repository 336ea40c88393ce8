/* Colour science shared by the rules: sRGB -> CIELAB (D65), CIE76 distance,
 * WCAG relative luminance and contrast. */
#include <math.h>
#include "al_internal.h"

static float srgb_lin[256];
static float lab_f_lut[4097];
static gsize tables_ready;

static float lab_f(double t)
{
	const double d = 6.0 / 29.0;
	return (float)(t > d * d * d ? cbrt(t) : t / (3 * d * d) + 4.0 / 29.0);
}

static void init_tables(void)
{
	if (g_once_init_enter(&tables_ready)) {
		for (int i = 0; i < 256; i++) {
			double c = i / 255.0;
			srgb_lin[i] = (float)(c <= 0.04045 ? c / 12.92
			                                   : pow((c + 0.055) / 1.055, 2.4));
		}
		for (int i = 0; i <= 4096; i++)
			lab_f_lut[i] = lab_f(i / 4096.0);
		g_once_init_leave(&tables_ready, 1);
	}
}

/* f(t) for t in [0,1] by linear interpolation in a 4096-step table: error
 * below 0.01 L* except very near black, where the exact cube root is used. */
static inline float lab_f_fast(float t)
{
	if (t < 0.01f)
		return lab_f(t);
	if (t >= 1.0f)
		return t > 1.0001f ? lab_f(t) : 1.0f;
	float x = t * 4096.0f;
	int i = (int)x;
	float fr = x - (float)i;
	return lab_f_lut[i] + (lab_f_lut[i + 1] - lab_f_lut[i]) * fr;
}

void al_srgb_to_lab(uint8_t r, uint8_t g, uint8_t b, float lab[3])
{
	init_tables();
	float R = srgb_lin[r], G = srgb_lin[g], B = srgb_lin[b];
	/* sRGB D65 matrix, normalised by the D65 white point */
	float X = (0.4124564f * R + 0.3575761f * G + 0.1804375f * B) / 0.95047f;
	float Y = 0.2126729f * R + 0.7151522f * G + 0.0721750f * B;
	float Z = (0.0193339f * R + 0.1191920f * G + 0.9503041f * B) / 1.08883f;
	float fx = lab_f_fast(X), fy = lab_f_fast(Y), fz = lab_f_fast(Z);
	lab[0] = 116.0f * fy - 16.0f;
	lab[1] = 500.0f * (fx - fy);
	lab[2] = 200.0f * (fy - fz);
}

double al_rel_luminance(uint8_t r, uint8_t g, uint8_t b)
{
	init_tables();
	return 0.2126 * srgb_lin[r] + 0.7152 * srgb_lin[g] + 0.0722 * srgb_lin[b];
}

double al_contrast_ratio(double y1, double y2)
{
	double hi = y1 > y2 ? y1 : y2, lo = y1 > y2 ? y2 : y1;
	return (hi + 0.05) / (lo + 0.05);
}

float al_lab_chroma(const float lab[3])
{
	return hypotf(lab[1], lab[2]);
}

float al_lab_hue(const float lab[3])
{
	float h = atan2f(lab[2], lab[1]) * (float)(180.0 / G_PI);
	return h < 0 ? h + 360.0f : h;
}

void al_hex_color(const uint8_t rgb[3], char buf[8])
{
	g_snprintf(buf, 8, "#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
}

/* See al_internal.h.  Starts from limit * limit and steps to the exact
 * boundary one float at a time (at most a few steps). */
float al_de76_sq_limit(float limit)
{
	if (!(limit > 0.0f))
		return 0.0f;          /* no distance is below it */
	if (isinf(limit))
		return limit;
	float v = limit * limit;
	while (v > 0.0f && __builtin_sqrtf(nextafterf(v, 0.0f)) >= limit)
		v = nextafterf(v, 0.0f);
	while (__builtin_sqrtf(v) < limit)
		v = nextafterf(v, INFINITY);
	return v;
}
