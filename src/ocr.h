/*
 * Reading candidate text lines with Tesseract (ocr.c).  Not installed.
 *
 * A caller borrows a handle (al_ocr_get(), cheap) for a file and reads
 * lines with it (a grey it read before is answered from the handle's
 * memory, not read again); each line is read by one of the process's
 * engines (one at most, see MAX_ENGINES in ocr.c), taken for that line
 * only: a thread that reads while it is busy waits.  The engine's model (~0.1 s, ~14 MiB)
 * is loaded by the first line read, and freed when the last run that used
 * it ends.  A build without Tesseract (make TESSERACT=0) has the same
 * functions: nothing is built in, al_ocr_get() returns NULL and says why.
 */
#ifndef AL_OCR_H
#define AL_OCR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "assetlint.h"

typedef struct al_ocr al_ocr;

/* One word read from a line: its text (valid UTF-8, at most
 * AL_OCR_WORD_MAX - 1 bytes, no control or format characters), the
 * confidence (0..100) of each of its characters and of the whole word, and
 * its counts of letters, digits and other characters. */
#define AL_OCR_WORD_MAX 48
typedef struct {
	char text[AL_OCR_WORD_MAX];
	int n;                   /* characters in text */
	float char_conf[AL_OCR_WORD_MAX];
	float conf;
	int letters, digits, others;
} al_ocr_word;

/* Appends what Tesseract returned for one symbol, @s, read with @conf, to
 * @w (zeroed for a new word): its valid UTF-8 without control or format
 * characters, as much as fits whole, counting letters, digits and others. */
void al_ocr_word_add(al_ocr_word *w, const char *s, float conf);

/* True on a thread while it is inside Tesseract's recognition of a line
 * (ocr.c sets it around TessBaseAPIRecognize): ocr_png.c, in the command
 * line, then has Tesseract's in-memory PNGs stored, not deflated. */
extern _Thread_local bool al__ocr_recognizing;

/* True when this build links Tesseract. */
bool al_ocr_built_in(void);

/* A run that may read text brackets its work with these: engines made
 * during a run are kept for its other files and freed by the al_ocr_end()
 * that closes the last open run.  Outside a run an engine given back is
 * freed at once.  Both are thread-safe. */
void al_ocr_begin(void);
void al_ocr_end(void);

/* Borrows a handle to read lines with; no model is loaded until a line is
 * read.  Returns NULL when OCR is
 * not available (not built in, the English model file missing, or it
 * failed to load before): then *why (may be NULL) points to a static
 * sentence naming the cause and the fix.  A failure to load the model is
 * remembered, so it is tried once per process. */
al_ocr *al_ocr_get(const char **why);
/* Gives @e back, with what it remembers (NULL is a no-op). */
void al_ocr_put(al_ocr *e);

/* NULL while @e reads; once its model failed to load (a model file that is
 * there but broken), the sentence naming the cause and the fix, as *why of
 * al_ocr_get(): what @e read from then on is nothing. */
const char *al_ocr_lost(const al_ocr *e);

/* How many models this process has loaded so far (tests: engines are
 * reused, however many threads read, and none is loaded before a line is
 * read). */
int al_ocr_engines_made(void);

/* The heap an engine holds once its model is loaded: 14.3 MB measured
 * (mallinfo2, Debian's libtesseract 5.3.0 and eng.traineddata 4.1.0, the
 * 4 MB LSTM-only "fast" model): the LSTM dictionary 3.7 MB, and legacy-
 * engine tables that Tesseract 5.3 builds even in OEM_LSTM_ONLY mode, the
 * universal ambiguities 5.5 MB and the adaptive classifier's templates
 * 3.5 MB (Debian's build ignores classify_enable_adaptive_matcher here). */
#define AL_OCR_ENGINE_BYTES ((size_t)14 << 20)

/* Heap bytes the engines of a run that reads text will hold (the most
 * engines a process loads, AL_OCR_ENGINE_BYTES each), when the model is
 * there; 0 when OCR is not available (not built in, no model, or it
 * failed to load).  Loads nothing: a run's memory budget is set with it
 * before any line is read (pipeline.c). */
size_t al_ocr_engine_bytes(void);

/* Reads @gray (@w x @h bytes, row stride @w, dark text on light ground)
 * as one line of text (page segmentation mode 7).  Fills at most @n words
 * into @out and returns how many; 0 when nothing was read.  A line that
 * reads badly is also read inverted by Tesseract itself, and the better
 * reading kept (light letters on a dark plate). */
int al_ocr_read_line(al_ocr *e, const uint8_t *gray, int w, int h,
                     al_ocr_word *out, int n);
/* The same, but @gray is read only as given, not also inverted: for a
 * line the caller inverted after reading it as it was, where Tesseract's
 * own inversion would read the original again. */
int al_ocr_read_line_as_given(al_ocr *e, const uint8_t *gray, int w, int h,
                              al_ocr_word *out, int n);

/* How many lines this process has had Tesseract read with its own
 * inversion allowed (al_ocr_read_line(), not al_ocr_read_line_as_given()):
 * tests, that the text rule asks for it only where the grey may be light
 * letters on a dark plate. */
int al_ocr_inverting_reads(void);

/* How many times this process has had Tesseract recognize a line: a
 * handle reads a grey it read before (the same bytes, size, inversion and
 * word limit) from its memory, not again (tests). */
int al_ocr_recognitions(void);

/* al_ocr_describe(): declared in assetlint.h (public). */

#endif
