/*
 * libvips through dlopen(): see decode_vips_shim.h.  The library is
 * opened RTLD_LOCAL (its symbols stay out of the global scope) and never
 * closed: libvips registers GObject types and starts threads that must
 * outlive any caller.
 */
#include <stdio.h>
#include <glib.h>
#define AL_VIPS_SHIM_IMPL
#include "decode_vips_shim.h"
#include "dl.h"

/* The pointers; hidden like everything not in the public API. */
#define AL_VIPS_SHIM_DEFINE(name) __typeof__(name) *al__##name##_p;
AL_VIPS_SHIM_FNS(AL_VIPS_SHIM_DEFINE)
#undef AL_VIPS_SHIM_DEFINE

static gsize load_done;
static gint load_ok;
static char load_why[256];

/* The ABI the headers describe: the soname's number (VIPS_INIT checks the
 * same difference at run time). */
#define VIPS_ABI (VIPS_LIBRARY_CURRENT - VIPS_LIBRARY_AGE)

static void load_once(void)
{
#define AL_VIPS_SHIM_SYM(name) { #name, (void **)&al__##name##_p },
	static const al_dl_sym syms[] = { AL_VIPS_SHIM_FNS(AL_VIPS_SHIM_SYM) };
#undef AL_VIPS_SHIM_SYM
	char soname[32], pkg[32], why[sizeof load_why - 16];
	int abi;

	snprintf(soname, sizeof soname, "libvips.so.%d", VIPS_ABI);
	snprintf(pkg, sizeof pkg, "libvips%d", VIPS_ABI);
	if (!al__dl_open(soname, pkg, syms, G_N_ELEMENTS(syms), why, sizeof why)) {
		snprintf(load_why, sizeof load_why, "libvips: %s", why);
		return;
	}
	abi = al__vips_version_p(3) - al__vips_version_p(5);
	if (abi != VIPS_ABI) {
		snprintf(load_why, sizeof load_why,
		         "libvips: %s has ABI %d, assetlint was built for %d", soname, abi, VIPS_ABI);
		return;
	}
	g_atomic_int_set(&load_ok, 1);
}

bool al__vips_load(char *why, size_t why_len)
{
	if (g_once_init_enter(&load_done)) {
		load_once();
		g_once_init_leave(&load_done, 1);
	}
	if (!g_atomic_int_get(&load_ok) && why && why_len)
		snprintf(why, why_len, "%s", load_why);
	return g_atomic_int_get(&load_ok) != 0;
}

bool al__vips_loaded(void)
{
	return g_atomic_int_get(&load_ok) != 0;
}
