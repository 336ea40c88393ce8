/* decode-error: the file cannot be read or decoded.  The message carries the
 * decoder's own reason; the other files are still checked.  A file that
 * decoded but carries data after the end of its image (a PNG whose
 * compressed data goes on after the last row) is a warning. */
#include <string.h>
#include "rules.h"

/* What a file that is no image holds, by its first bytes, and what to do
 * about it; NULL when it is nothing we know. */
static const char *what_it_is(const uint8_t *d, size_t n, const char **todo)
{
	static const struct { const char *magic; size_t len; const char *what, *todo; } kinds[] = {
		{ "PK\003\004", 4, "a ZIP archive", "unpack it and check the folder it holds (unzip FILE -d DIR; assetlint DIR)" },
		{ "PK\005\006", 4, "an empty ZIP archive", "check the folder of images instead" },
		{ "\037\213", 2, "a gzip archive", "unpack it and check the folder it holds" },
		{ "7z\274\257\047\034", 6, "a 7-Zip archive", "unpack it and check the folder it holds" },
		{ "Rar!\032\007", 6, "a RAR archive", "unpack it and check the folder it holds" },
		{ "%PDF", 4, "a PDF document", "export each image from your design tool as PNG" },
		{ "8BPS", 4, "a Photoshop document", "export it from Photoshop as an 8-bit PNG" },
	};
	for (unsigned i = 0; i < G_N_ELEMENTS(kinds); i++)
		if (n >= kinds[i].len && memcmp(d, kinds[i].magic, kinds[i].len) == 0) {
			*todo = kinds[i].todo;
			return kinds[i].what;
		}
	if (n >= 262 && memcmp(d + 257, "ustar", 5) == 0) {
		*todo = "unpack it and check the folder it holds";
		return "a tar archive";
	}
	return NULL;
}

static void check(al_ctx *ctx)
{
	if (ctx->probe_status == AL_OK && ctx->decode_status == AL_OK) {
		if (ctx->decode_why && ctx->decode_why[0])
			al_emit(ctx, AL_SEV_WARNING, NULL, false, 0, 0,
			        "decoded, but the file is malformed: %s", ctx->decode_why);
		return;
	}
	/* too-large reports the first; the second is an internal-error (no
	 * memory to decode: the file is not at fault) */
	if (ctx->probe_status == AL_OK && (ctx->decode_status == AL_ERR_TOO_LARGE ||
	                                   ctx->decode_status == AL_ERR_NOMEM))
		return;
	/* A known format we deliberately do not decode (SVG, TIFF...) is
	 * file-format's finding, not a broken file. */
	if (ctx->probe_status == AL_ERR_UNSUPPORTED || ctx->decode_status == AL_ERR_UNSUPPORTED)
		return;
	if (ctx->data && ctx->probe_status != AL_OK && al_sniff(ctx->data, ctx->len) == AL_FMT_NONE) {
		const char *todo = NULL;
		const char *what = what_it_is(ctx->data, ctx->len, &todo);
		/* the decoder's reason only when it says more than this */
		bool plain = !ctx->decode_why || !*ctx->decode_why ||
		             strcmp(ctx->decode_why, "not a recognised image format") == 0;
		if (what)
			al_emit(ctx, AL_SEV_OFF, NULL, false, 0, 0,
			        "not an image: the file is %s; %s", what, todo);
		else
			al_emit(ctx, AL_SEV_OFF, NULL, false, 0, 0,
			        "not a decodable image: the content is not PNG, JPEG, GIF or WebP%s%s%s; "
			        "export the image from your design tool as PNG",
			        plain ? "" : " (", plain ? "" : ctx->decode_why, plain ? "" : ")");
	} else
		al_emit(ctx, AL_SEV_OFF, NULL, false, 0, 0, "cannot decode: %s", ctx->decode_why);
}

const al_rule al_rule_decode_error = {
	.id = "decode-error",
	.stage = AL_STAGE_HEADER,
	.roles = AL_ROLES_ALL,
	.severity = AL_SEV_ERROR,
	.summary = "the file cannot be read or decoded (truncated, corrupt, not an image); "
	           "data after the end of the image (warning)",
	.help = "Give assetlint the images themselves: unpack archives; re-export a broken image from your design tool as an 8-bit PNG and check that the upload or copy was complete.",
	.check = check,
};
