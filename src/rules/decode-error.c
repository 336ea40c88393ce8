/* decode-error: the file cannot be read or decoded.  The message carries the
 * decoder's own reason; the other files are still checked. */
#include "rules.h"

static void check(al_ctx *ctx)
{
	if (ctx->probe_status == AL_OK &&
	    (ctx->decode_status == AL_OK || ctx->decode_status == AL_ERR_TOO_LARGE))
		return;
	/* A known format we deliberately do not decode (SVG: its loader is
	 * untrusted) is file-format's finding, not a broken file. */
	if (ctx->probe_status == AL_ERR_UNSUPPORTED || ctx->decode_status == AL_ERR_UNSUPPORTED)
		return;
	if (ctx->data && ctx->probe_status != AL_OK && al_sniff(ctx->data, ctx->len) == AL_FMT_NONE)
		al_emit(ctx, AL_SEV_OFF, NULL, false, 0, 0,
		        "not an image: the content is no PNG, JPEG or other known image format (%s)",
		        ctx->decode_why);
	else
		al_emit(ctx, AL_SEV_OFF, NULL, false, 0, 0, "cannot decode: %s", ctx->decode_why);
}

const al_rule al_rule_decode_error = {
	.id = "decode-error",
	.stage = AL_STAGE_HEADER,
	.roles = AL_ROLES_ALL,
	.severity = AL_SEV_ERROR,
	.summary = "the file cannot be read or decoded (truncated, corrupt, not an image)",
	.help = "Re-export the image from your design tool as an 8-bit PNG and check that the upload or copy was complete.",
	.check = check,
};
