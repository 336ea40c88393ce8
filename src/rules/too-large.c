/* too-large: the header declares more pixels than the limit; the pixels are
 * never decoded, so a decompression bomb costs nothing. */
#include "rules.h"

static void check(al_ctx *ctx)
{
	if (ctx->decode_status != AL_ERR_TOO_LARGE || !ctx->info)
		return;
	double px = (double)ctx->info->width * ctx->info->height;
	al_emit(ctx, AL_SEV_OFF, NULL, true, px, ctx->opts->max_pixels,
	        "header declares %dx%d = %.1f megapixels, more than the %.1f-megapixel limit; "
	        "refused before decoding",
	        ctx->info->width, ctx->info->height, px / 1e6, ctx->opts->max_pixels / 1e6);
}

const al_rule al_rule_too_large = {
	.id = "too-large",
	.stage = AL_STAGE_HEADER,
	.roles = AL_ROLES_ALL,
	.severity = AL_SEV_ERROR,
	.summary = "the header declares more pixels than the limit (default 40 megapixels)",
	.help = "Export the image at its role's size (logos are at most 255x115, the hero 815x290).",
	.check = check,
};
