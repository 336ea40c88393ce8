/* libtesseract's in-memory PNGs stored, not deflated (ocr_png.c; linked
 * into the command line only). */
#ifndef AL_OCR_PNG_H
#define AL_OCR_PNG_H

#include <png.h>

/* libpng's png_set_compression_level(), except while this thread is
 * inside Tesseract's recognition (al__ocr_recognizing): then level 0 and
 * the None row filter. */
void png_set_compression_level(png_structrp png_ptr, int level);

#endif
