/* Test hooks of the text rule's exact shortcuts (text.c).  Tests only. */
#ifndef AL_TEXT_PROBE_H
#define AL_TEXT_PROBE_H

#include <stdbool.h>
#include <stdint.h>

/* true: check()'s second look does all again, taking nothing from the
 * first (the reference for its reuse); false (the default): it takes
 * what the first look found where its input is the same. */
extern bool al__text_fresh;

/* true: scan_plate() builds its masks pixel by pixel and bg_drifts()
 * counts background pixels one by one (the plain reference); false (the
 * default): by runs of one RGBA and eight bytes at a time, the same. */
extern bool al__text_plain;

/* When set (tests only, one thread), scan_plate() folds every mask it
 * scans into digest (FNV-1a; seed it with 0xcbf29ce484222325) and counts
 * its calls: on a shape's box, on the whole image, and the third mask
 * (the shape's pixels far from the background, or opaque ones);
 * bg_drifts() adds the background pixels it counted, and those far from
 * the background colour.  check() folds the candidates of its first and
 * of its second look into first and second (the second look's are the
 * first's when its layer 1 is the same); the second look counts the
 * glyphs it took from the first (and one per scan taken) in reused, the
 * reads it did not send to OCR again in reads_kept, and in same whether
 * it stopped at a layer 1 equal to the first look's.  ring_look() counts
 * the rings whose outline it measured in rings. */
typedef struct {
	uint64_t digest;
	int shapes, whole, far;
	size_t drift_in, drift_far;
	uint64_t first, second;
	int reused, reads_kept, same;
	int rings;
} al_text_probe;
extern al_text_probe *al__text_probe;

#endif
