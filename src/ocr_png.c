/* libtesseract's in-memory PNGs stored, not deflated (the command line
 * only: this file is linked into the assetlint executable, not into
 * libassetlint, as omp_serial.c is).
 *
 * Why: for every line it recognises, libtesseract 5 (LSTM) keeps the
 * line's image as a PNG in memory -- ImageData::SetPix() calls
 * leptonica's pixWriteMem(IFF_PNG) -- and decodes it again a moment
 * later (ImageData::PreScale() -> GetPix()).  Leptonica asks zlib for its
 * default level 6 and leaves libpng to try its five row filters on every
 * row: ~5 % of the CPU time of make bench (perf: libz 3.4 %, libpng
 * 1.5 %) and 1.7 G of its 57.9 G instructions (callgrind,
 * pixWriteMemPng), spent on a PNG that never leaves the process.
 *
 * A PNG's pixels do not depend on how its rows were filtered or its data
 * deflated.  So while this thread is inside Tesseract's recognition
 * (al__ocr_recognizing, set by ocr.c around TessBaseAPIRecognize), a
 * png_set_compression_level() call -- leptonica's, made before it writes
 * the header -- asks for level 0 (stored blocks) and the None filter
 * only: Tesseract decodes the same pixels and reads the same words with
 * the same confidences, and the reports stay byte-identical.  Every other
 * call (another thread, another time, another library, this program's
 * own PNGs) goes to libpng's function unchanged.
 *
 * The executable exports the symbol (omp_serial.dynlist), and leptonica,
 * opened with libtesseract through dlopen(RTLD_LOCAL), binds to the
 * global scope (the executable) first; libpng's own function is found
 * with dlsym(RTLD_NEXT).  tests/test_ocr_png.c checks both ways;
 * e2e_ocr.sh checks that leptonica binds to it. */
#include <dlfcn.h>
#include <png.h>
#include "ocr.h"
#include "ocr_png.h"

typedef void (*set_level_fn)(png_structrp, int);

__attribute__((visibility("default")))
void png_set_compression_level(png_structrp png_ptr, int level)
{
	static set_level_fn real;
	set_level_fn f = __atomic_load_n(&real, __ATOMIC_ACQUIRE);

	if (!f) {
		f = (set_level_fn)dlsym(RTLD_NEXT, "png_set_compression_level");
		if (!f)
			return;   /* no libpng below: leave its default */
		__atomic_store_n(&real, f, __ATOMIC_RELEASE);
	}
	if (al__ocr_recognizing && png_ptr) {
		level = 0;
		png_set_filter(png_ptr, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
	}
	f(png_ptr, level);
}
