/* See dl.h. */
#include <dlfcn.h>
#include <stdio.h>
#include "dl.h"

void *al__dl_open(const char *soname, const char *pkg, const al_dl_sym *syms,
                  size_t n_syms, char *why, size_t why_len)
{
	void *h = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
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
