/* The OpenMP entry points libtesseract calls, run on the calling thread
 * (the command line only: this file is linked into the assetlint
 * executable, not into libassetlint).
 *
 * Why: Debian's libtesseract is built with OpenMP and opens a parallel
 * region for every time step of its LSTM network (GOMP_parallel_sections,
 * GOMP_parallel), ~490 per text line read.  ocr.c already limits those
 * teams to one thread (the worker pool is the parallelism), but libgomp
 * still ends every region with a barrier whose last thread calls
 * futex(FUTEX_WAKE) unconditionally: a system call per region, ~8 % of
 * the CPU time of a run over marketplace images on a virtual machine
 * (make bench; strace -c counts 40,455 futex calls for 83 lines read).
 *
 * The executable exports these symbols (Makefile: --export-dynamic-symbol),
 * and libtesseract, opened with dlopen(RTLD_LOCAL), binds to the global
 * scope (the executable) before its own libgomp.  Each region then runs
 * its body once on the calling thread: exactly what a team of one thread
 * does, in the same order, so Tesseract reads the same words with the
 * same confidences -- as a Tesseract built without OpenMP would.  A
 * program that links libassetlint keeps its own OpenMP runtime.
 *
 * The ABI is GCC's libgomp 4.0 (GCC >= 4.9): a combined `parallel
 * sections` calls GOMP_parallel_sections(fn, data, n, count, flags), and
 * fn takes section numbers from GOMP_sections_next() (1..count, then 0)
 * and ends with GOMP_sections_end_nowait(); a `parallel` (or `parallel
 * for`, split by omp_get_thread_num()/omp_get_num_threads()) calls
 * GOMP_parallel(fn, data, n, flags).  These are the OpenMP symbols
 * libtesseract 5 imports (nm -D --undefined-only). */
#include "omp_serial.h"

/* every object is built -fvisibility=hidden: these are seen */
#define OMP_API __attribute__((visibility("default")))

/* the sections of the innermost `parallel sections` of this thread */
static _Thread_local unsigned sec_next, sec_count;

OMP_API void GOMP_parallel(void (*fn)(void *), void *data, unsigned num_threads,
                   unsigned flags)
{
	(void)num_threads;
	(void)flags;
	fn(data);
}

OMP_API void GOMP_parallel_sections(void (*fn)(void *), void *data, unsigned num_threads,
                            unsigned count, unsigned flags)
{
	unsigned next = sec_next, n = sec_count;   /* a region may nest */

	(void)num_threads;
	(void)flags;
	sec_next = 1;
	sec_count = count;
	fn(data);
	sec_next = next;
	sec_count = n;
}

OMP_API unsigned long GOMP_sections_next(void)
{
	return sec_next <= sec_count ? sec_next++ : 0;
}

OMP_API void GOMP_sections_end_nowait(void)
{
}

OMP_API int omp_get_num_threads(void)
{
	return 1;
}

OMP_API int omp_get_thread_num(void)
{
	return 0;
}
