/* OpenMP regions of libtesseract run on the calling thread (see
 * omp_serial.c; linked into the command line only). */
#ifndef AL_OMP_SERIAL_H
#define AL_OMP_SERIAL_H

void GOMP_parallel(void (*fn)(void *), void *data, unsigned num_threads,
                   unsigned flags);
void GOMP_parallel_sections(void (*fn)(void *), void *data, unsigned num_threads,
                            unsigned count, unsigned flags);
unsigned long GOMP_sections_next(void);
void GOMP_sections_end_nowait(void);
int omp_get_num_threads(void);
int omp_get_thread_num(void);

#endif
