/* Libraries opened with dlopen() when a file first needs them (libvips,
 * libtesseract), so a run that never needs them never maps their
 * dependencies nor pays their start-up. */
#ifndef AL_DL_H
#define AL_DL_H

#include <stdbool.h>
#include <stddef.h>

/* One symbol to resolve: its name and where its address goes (a function
 * pointer, stored through a void ** as POSIX allows for dlsym()). */
typedef struct {
	const char *name;
	void **ptr;
} al_dl_sym;

/* Opens @soname (RTLD_LAZY | RTLD_LOCAL: its symbols stay out of the
 * global scope; never closed: the libraries start threads and register
 * types that must outlive any caller) and resolves each of @syms.
 * Returns the handle, or NULL with @why saying what failed and, for a
 * missing library, the Debian package @pkg that installs it. */
void *al__dl_open(const char *soname, const char *pkg, const al_dl_sym *syms,
                  size_t n_syms, char *why, size_t why_len);

#endif
