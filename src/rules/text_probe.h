/* Test hooks of the text rule's exact shortcuts (text.c).  Tests only. */
#ifndef AL_TEXT_PROBE_H
#define AL_TEXT_PROBE_H

#include <stdbool.h>
#include <stdint.h>

/* true: scan_plate() builds its masks pixel by pixel and bg_drifts()
 * counts background pixels one by one (the plain reference); false (the
 * default): by runs of one RGBA and eight bytes at a time, the same. */
extern bool al__text_plain;

/* When set (tests only, one thread), scan_plate() folds every mask it
 * scans into digest (FNV-1a; seed it with 0xcbf29ce484222325) and counts
 * its calls: on a shape's box, on the whole image, and the third mask
 * (the shape's pixels far from the background, or opaque ones);
 * bg_drifts() adds the background pixels it counted, and those far from
 * the background colour. */
typedef struct {
	uint64_t digest;
	int shapes, whole, far;
	size_t drift_in, drift_far;
} al_text_probe;
extern al_text_probe *al__text_probe;

#endif
