/* See dl.h. */
#include <dlfcn.h>
#include <stdio.h>
#include "dl.h"

void *al__dl_open(const char *soname, const char *pkg, const al_dl_sym *syms,
                  size_t n_syms, char *why, size_t why_len)
{
	/* RTLD_LAZY: a library's calls into its dependencies are bound at
	 * their first call, not all at the open.  libvips brings ~100
	 * libraries (libstdc++, OpenEXR, HDF5, GnuTLS ...) whose tens of
	 * thousands of function relocations RTLD_NOW looked up one by one
	 * though a decode calls few of them: callgrind, dlopen() alone,
	 * libvips 100.5 M -> 79.4 M instructions, libtesseract 36.5 M ->
	 * 29.2 M.  The functions of @syms are looked up here all the same,
	 * and a library whose own dependencies are missing still fails
	 * here (loading them is not lazy). */
	void *h = dlopen(soname, RTLD_LAZY | RTLD_LOCAL);
	if (!h) {
		snprintf(why, why_len, "cannot load %s (on Debian: apt-get install %s): %s",
		         soname, pkg, dlerror());
		return NULL;
	}
	for (size_t i = 0; i < n_syms; i++)
		if (!(*syms[i].ptr = dlsym(h, syms[i].name))) {
			snprintf(why, why_len, "%s has no %s", soname, syms[i].name);
			return NULL;
		}
	return h;
}
