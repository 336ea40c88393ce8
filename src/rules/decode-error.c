/* decode-error: the file cannot be read or decoded.  The message carries the
 * decoder's own reason; the other files are still checked.  A file that
 * decoded but carries data after the end of its image (a PNG whose
 * compressed data goes on after the last row) is a warning. */
#include "rules.h"

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
	if (ctx->data && ctx->probe_status != AL_OK && al_sniff(ctx->data, ctx->len) == AL_FMT_NONE)
		al_emit(ctx, AL_SEV_OFF, NULL, false, 0, 0,
		        "not a decodable image: the content is not PNG, JPEG, GIF or WebP (%s)",
		        ctx->decode_why);
	else
		al_emit(ctx, AL_SEV_OFF, NULL, false, 0, 0, "cannot decode: %s", ctx->decode_why);
}

const al_rule al_rule_decode_error = {
	.id = "decode-error",
	.stage = AL_STAGE_HEADER,
	.roles = AL_ROLES_ALL,
	.severity = AL_SEV_ERROR,
	.summary = "the file cannot be read or decoded (truncated, corrupt, not an image); "
	           "data after the end of the image (warning)",
	.help = "Re-export the image from your design tool as an 8-bit PNG and check that the upload or copy was complete.",
	.check = check,
};
