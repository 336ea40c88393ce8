/* The text rule's second stage: a candidate line is cut out of the image,
 * turned into dark-on-light grey, scaled and read by OCR (text_read.c). */
#ifndef AL_TEXT_READ_H
#define AL_TEXT_READ_H
#include "al_internal.h"
#include "ocr.h"

/* A line of letters set along a circle (around a ring or a seal): the
 * letters stand upright on it, each turned by its angle. */
typedef struct {
	double cx, cy;           /* the circle's centre, image px */
	double r;                /* radius through the letters' middles */
	double a0, a1;           /* the first and the last letter's angle from
	                          * the circle's top (dir 1) or bottom (dir -1),
	                          * radians, growing left to right */
	double h;                /* the letters' height (px, upright) */
	int dir;                 /* 1: the centre below the letters (they
	                          * stand outward), -1: above (inward) */
} al_text_arc;

typedef struct {
	double target_height;    /* a line is scaled to about this height */
	double max_scale;        /* ... by at most this factor */
	double max_height;       /* a taller line is scaled down to it */
	double pad;              /* margin above and below, in line heights */
	double pad_x;            /* margin left and right, in line heights */
	int min_letters;         /* a word: at least this many letters */
	double min_conf;         /* ... read with at least this confidence */
	double reread_scale;     /* an unsure word is read again at this
	                          * factor of the first scale */
	double again_conf;       /* ... and confirmed when read again, the
	                          * two confidences adding up to this */
	double short_conf;       /* a word of at most @short_letters letters
	                          * is sure only from this confidence (below
	                          * it, it is unsure: read again as above) */
	int short_letters;
	double near_scale;       /* an unsure word of a line enlarged by
	                          * max_scale that the reread does not
	                          * confirm is read again at this factor of
	                          * the first scale (0: not), and confirmed
	                          * by a sure word there like it
	                          * (al_text_near_core()) */
	int twice_letters;       /* an unsure word of at least this many
	                          * letters is confirmed by the same core
	                          * read again at reread_scale, whatever the
	                          * two confidences (al_text_confirms(); 0:
	                          * not) */
	int alike_letters;       /* ... and an unsure word of at least
	                          * this many letters by one read again
	                          * that differs from it in at most a
	                          * quarter of its letters (edits: a letter
	                          * changed, added or dropped), whatever
	                          * the two confidences (0: not) */
	bool thrice;             /* ... or when the reading at reread_scale
	                          * and that one both read the first
	                          * reading's core (al_text_read_thrice()) */
	int near_twice_letters;  /* ... or when that one and the first
	                          * reading or the one at reread_scale read
	                          * one word of at least this many letters
	                          * (al_text_read_twice_near(); 0: not) */
	double small_scale;      /* a crop without any word-like read is
	                          * read again at this factor of the first
	                          * scale (0: not) */
	double small_conf;       /* ... and is text when a word is read there
	                          * with this confidence */
	double squeeze;          /* the empty columns between the letters of
	                          * the line are cut down to this many line
	                          * heights before reading (0: not; for
	                          * letters tracked far apart) */
	bool both_polarities;    /* a crop without any word-like read is
	                          * read again inverted */
	bool other_ink;          /* a crop where nothing was read is read
	                          * again in the grey of the ink that its
	                          * grey loses (a pale word beside an icon
	                          * of stronger ink) */
	int clip_x0, clip_x1;    /* the margins stay within these columns
	                          * (clip_x1 <= clip_x0, as when 0: anywhere) */
	int clip_y0, clip_y1;    /* ... and rows (idem) */
	const al_text_arc *arc;  /* non-NULL: the line is read unrolled along
	                          * this arc (the box and the clips aside) */
} al_text_read_opts;

/* The longest run of letters and digits in @w's text, into @core
 * (@len bytes). */
void al_text_word_core(const al_ocr_word *w, char *core, size_t len);

/* True when @w counts as a word: read with confidence @min_conf or more,
 * and its core (al_text_word_core) holds at least @min_letters letters
 * (in a core of capitals, with no small letter but o, the digits 0, 1, 5
 * and 8 count as O, I, S and B: "1oT", "8PM"), no more digits than
 * letters, two different letters (case aside) and two letters other than
 * the strokes and rings that pictograms imitate (I, l, i, j, o, O) -- one
 * in a core of four letters or more, or of three different letters
 * ("IoT"). */
bool al_text_is_word(const al_ocr_word *w, int min_letters, double min_conf);

/* True when the cores @a and @b (al_text_word_core) are one word read
 * twice: equal, case aside and with the characters OCR swaps for one
 * another in one shape made one (0 and o; 1, l and i; 5 and s; 8 and b:
 * "IOT" is read "IoT" at one scale and "10T" at another, "BPM" "8PM"), or of the same length, at least 4,
 * and differing in one character other than the first (a thin letter
 * changes with the scale: "Fathorn" and "Fathorr"; in three letters shapes
 * do too: "bat" and "bar" in a row of blobs). */
bool al_text_same_core(const char *a, const char *b);

/* True when the cores @a and @b (al_text_word_core) are alike: one word
 * read twice (al_text_same_core()), or of the same length, at least 3,
 * differing in one character other than the first (small capitals
 * enlarged read "sQt" at one scale and "SQL" at a larger one). */
bool al_text_near_core(const char *a, const char *b);

/* True when the words @words (@n, one reading of a line) confirm the
 * word @core that an earlier reading read unsure with confidence @conf:
 * one of them is a word (al_text_is_word()) read surely -- with
 * @o->min_conf, and with @o->short_conf when it has at most
 * @o->short_letters letters, as a first reading must ("May" read again
 * "Mus" at 70 is shapes) -- or it is @core again (al_text_same_core()),
 * the two confidences adding up to @again_conf or more, or, when
 * @again_conf is finite and @core has at least @o->twice_letters letters
 * (not 0), exactly @core again (case aside and with the characters OCR
 * swaps for one another in one shape made one, without
 * al_text_same_core()'s one-letter slack) whatever the confidences; or,
 * when @again_conf is finite and @core has at least @o->alike_letters
 * letters (not 0), four different ones at least and no digit, a word
 * without digits that differs from it in at most a quarter of the
 * letters of the longer of the two (letters changed, added or dropped,
 * case aside and as above): script and handwritten letters read alike
 * at two scales ("PINMACLE" and "PIACLE"). */
bool al_text_confirms(const al_ocr_word *words, int n, const char *core,
                      double conf, const al_text_read_opts *o, double again_conf);

/* True when the words @words (@n, a reading at a larger scale) confirm
 * the word @core read unsure with confidence @conf: one of them, read with
 * @o->min_conf, is like it (al_text_near_core()) and sure as in
 * al_text_confirms() or surer than @conf (shapes read as letters read no
 * surer larger; small capitals do), and then, when @again is not NULL
 * (@n_again words, the reading at the other scale of a line not enlarged
 * by the full @o->max_scale), also like a word of @again: shapes read as
 * letters read alike at two scales, not at all three. */
bool al_text_confirms_near(const al_ocr_word *words, int n, const char *core,
                           double conf, const al_ocr_word *again, int n_again,
                           const al_text_read_opts *o);

/* True when a word of @again (@n_again, a reading at another scale) and
 * a word of @larger (@n_larger, a reading at a larger scale) both have
 * the core @core of the first reading, whatever their confidence: equal,
 * case aside and with the characters OCR swaps for one another in one
 * shape made one (al_text_same_core() without its one-letter slack).
 * Small capitals that OCR doubts read alike at three scales; shapes read
 * as letters change with the scale. */
bool al_text_read_thrice(const char *core, const al_ocr_word *again, int n_again,
                         const al_ocr_word *larger, int n_larger,
                         const al_text_read_opts *o);

/* True when a word of @larger (@n_larger, a reading at a larger scale)
 * and @core (the first reading's) or a word of @again (@n_again, the
 * reading at another scale) are one word of at least
 * @o->near_twice_letters letters (0: never) read twice, as
 * al_text_confirms() takes it whatever the confidences: no digit, at
 * least @o->twice_letters letters (three different ones) exactly the
 * same, or at least @o->alike_letters (four different ones) differing in
 * at most a quarter of the longer one's letters.  Script and ornate
 * letters that one of three scales spoils. */
bool al_text_read_twice_near(const char *core, const al_ocr_word *again, int n_again,
                             const al_ocr_word *larger, int n_larger,
                             const al_text_read_opts *o);

/* @src (@w x @h) scaled by @s (bilinear, pixel centres aligned, values
 * rounded half up) into a new image with a white border of @b pixels;
 * its size in *ow, *oh.  Newly allocated (g_free()). */
uint8_t *al_text_grey_scale(const uint8_t *src, int w, int h, double s, int b,
                            int *ow, int *oh);

/* The stroke width of the ink (the pixels darker than 128) of the grey
 * @g (@w x @h, dark ink on light ground): a stroke s px wide and L long
 * has about s * L pixels along 2 * L of edge, so twice the ink over its
 * edge (the 4-neighbour sides of ink pixels that face ground).  0 without
 * ink. */
double al_text_grey_stroke(const uint8_t *g, int w, int h);

/* The share of the pixels of the box @bx (clipped to the grey @g, @w x
 * @h) that are ink, darker than 128; 0 when none of it lies in @g. */
double al_text_box_ink(const uint8_t *g, int w, int h, const al_region *bx);

/* True when the line whose box @bx holds the share @ink of ink
 * (al_text_box_ink()) in its grey may be light letters on a dark plate,
 * so that Tesseract is let to read it inverted too: the box is at least
 * half ink (AL_TEXT_INVERT_INK).  Letters take up less of their box than
 * the ground between them, so a box mostly light in the grey is dark
 * letters on a light ground, as crop_grey() means it, and reading it
 * inverted reads the ground as letters. */
#define AL_TEXT_INVERT_INK 0.5
bool al_text_may_invert(double ink);

/* @g thickened by @r px: each pixel the darkest of the (2r+1)-square
 * around it (a minimum filter).  Newly allocated (g_free()). */
uint8_t *al_text_grey_thicken(const uint8_t *g, int w, int h, int r);

/* Reads the line @box of @m with @e.  Returns true when a word (see
 * al_text_is_word) was read; then @read holds what was read on that
 * line (its words joined by spaces, cut to fit @read_len) and *conf the
 * best word's confidence.  *reads (may be NULL) counts the OCR calls. */
bool al_text_read_line(al_ocr *e, const al_measure *m, const al_region *box,
                       const al_text_read_opts *o, char *read, size_t read_len,
                       double *conf, int *reads);

/* How many candidate lines the text rule of this process has read with
 * OCR so far, and with how many OCR calls (tests: which pictures reach
 * OCR at all; the figures of a bench).  Either may be NULL. */
void al_text_ocr_counts(int *lines, int *calls);

#endif
