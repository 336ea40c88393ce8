/*
 * libvips, loaded only when a file needs it.
 *
 * libassetlint does not link libvips: its ~100 shared libraries would be
 * mapped and relocated at every start-up -- half of a one-file run --
 * though a PNG or JPEG never starts libvips.  Code that uses libvips
 * includes this header instead of <vips/vips.h> and is written against
 * the usual API: each libvips function of the list below is redirected to
 * a pointer that al__vips_load() fills with dlopen()/dlsym() the first
 * time a file needs libvips.  Call al__vips_load() (al_vips_enter() and
 * the decoders do) before any other libvips call; until then the pointers
 * are NULL.  Operations keep their optional arguments: a call through a
 * pointer to a variadic function is an ordinary variadic call.
 *
 * A libvips function missing from the list is a link error ("undefined
 * reference to vips_..."), never a silent start-up cost: add it to both
 * the list and the #defines below.  Macros of the headers that call
 * functions (VIPS_OBJECT calls vips_object_get_type) are covered the same
 * way, and so are GObject's functions the callers use (g_object_unref,
 * and g_type_check_instance_cast for VIPS_OBJECT): the program links
 * GLib only.
 */
#ifndef AL_DECODE_VIPS_SHIM_H
#define AL_DECODE_VIPS_SHIM_H

#include <stdbool.h>
#include <stddef.h>
#include <vips/vips.h>

/* Loads libvips (libvips.so.ABI, the ABI of the headers built against),
 * checks its ABI as VIPS_INIT does and resolves every function of the
 * list; once per process, safe from any thread.  False with the reason in
 * @why when it cannot (not installed, another ABI, a missing symbol): then
 * no libvips call may be made.  It does not start libvips (vips_init). */
bool al__vips_load(char *why, size_t why_len);
/* Whether libvips is loaded into this process (tests). */
bool al__vips_loaded(void);

#define AL_VIPS_SHIM_FNS(X) \
	X(vips_init) X(vips_version) X(vips_error) \
	X(vips_block_untrusted_set) X(vips_operation_block_set) \
	X(vips_cache_set_max) X(vips_concurrency_set) \
	X(vips_error_buffer_copy) X(vips_error_clear) \
	X(vips_object_get_type) X(vips_object_local_array) \
	X(vips_area_unref) X(vips_blob_new) X(vips_array_double_new) \
	X(vips_image_new) X(vips_image_new_from_memory) \
	X(vips_image_get_width) X(vips_image_get_height) \
	X(vips_image_get_bands) X(vips_image_get_format) \
	X(vips_image_get_interpretation) X(vips_image_get_typeof) \
	X(vips_image_get_blob) X(vips_image_get_int) \
	X(vips_image_set_blob_copy) X(vips_image_write_to_memory) \
	X(vips_gifload_buffer) X(vips_webpload_buffer) \
	X(vips_svgload_buffer) X(vips_pngsave_buffer) X(vips_autorot) \
	X(vips_icc_transform) X(vips_colourspace) X(vips_cast_uchar) \
	X(vips_bandjoin_const1) X(vips_extract_band) X(vips_copy) \
	X(vips_premultiply) X(vips_unpremultiply) X(vips_shrink) \
	X(vips_resize) X(vips_rint) \
	X(g_object_unref) X(g_type_check_instance_cast)

#define AL_VIPS_SHIM_DECLARE(name) extern __typeof__(name) *al__##name##_p;
AL_VIPS_SHIM_FNS(AL_VIPS_SHIM_DECLARE)
#undef AL_VIPS_SHIM_DECLARE

#ifndef AL_VIPS_SHIM_IMPL
/* the redirections (a macro cannot write #defines: the list again) */
#define vips_init (*al__vips_init_p)
#define vips_version (*al__vips_version_p)
#define vips_error (*al__vips_error_p)
#define vips_block_untrusted_set (*al__vips_block_untrusted_set_p)
#define vips_operation_block_set (*al__vips_operation_block_set_p)
#define vips_cache_set_max (*al__vips_cache_set_max_p)
#define vips_concurrency_set (*al__vips_concurrency_set_p)
#define vips_error_buffer_copy (*al__vips_error_buffer_copy_p)
#define vips_error_clear (*al__vips_error_clear_p)
#define vips_object_get_type (*al__vips_object_get_type_p)
#define vips_object_local_array (*al__vips_object_local_array_p)
#define vips_area_unref (*al__vips_area_unref_p)
#define vips_blob_new (*al__vips_blob_new_p)
#define vips_array_double_new (*al__vips_array_double_new_p)
#define vips_image_new (*al__vips_image_new_p)
#define vips_image_new_from_memory (*al__vips_image_new_from_memory_p)
#define vips_image_get_width (*al__vips_image_get_width_p)
#define vips_image_get_height (*al__vips_image_get_height_p)
#define vips_image_get_bands (*al__vips_image_get_bands_p)
#define vips_image_get_format (*al__vips_image_get_format_p)
#define vips_image_get_interpretation (*al__vips_image_get_interpretation_p)
#define vips_image_get_typeof (*al__vips_image_get_typeof_p)
#define vips_image_get_blob (*al__vips_image_get_blob_p)
#define vips_image_get_int (*al__vips_image_get_int_p)
#define vips_image_set_blob_copy (*al__vips_image_set_blob_copy_p)
#define vips_image_write_to_memory (*al__vips_image_write_to_memory_p)
#define vips_gifload_buffer (*al__vips_gifload_buffer_p)
#define vips_webpload_buffer (*al__vips_webpload_buffer_p)
#define vips_svgload_buffer (*al__vips_svgload_buffer_p)
#define vips_pngsave_buffer (*al__vips_pngsave_buffer_p)
#define vips_autorot (*al__vips_autorot_p)
#define vips_icc_transform (*al__vips_icc_transform_p)
#define vips_colourspace (*al__vips_colourspace_p)
#define vips_cast_uchar (*al__vips_cast_uchar_p)
#define vips_bandjoin_const1 (*al__vips_bandjoin_const1_p)
#define vips_extract_band (*al__vips_extract_band_p)
#define vips_copy (*al__vips_copy_p)
#define vips_premultiply (*al__vips_premultiply_p)
#define vips_unpremultiply (*al__vips_unpremultiply_p)
#define vips_shrink (*al__vips_shrink_p)
#define vips_resize (*al__vips_resize_p)
#define vips_rint (*al__vips_rint_p)
/* GObject's, found through libvips (the program does not link GObject) */
#define g_object_unref (*al__g_object_unref_p)
#define g_type_check_instance_cast (*al__g_type_check_instance_cast_p)
#endif

#endif
