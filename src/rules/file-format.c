/* file-format: the marketplace takes PNG (logos) and PNG or JPEG (hero). */
#include "rules.h"

static bool is_logo(al_role r)
{
	return r <= AL_ROLE_WIDE;
}

static void check(al_ctx *ctx)
{
	al_format f = ctx->res->format;
	if (f == AL_FMT_NONE || f == AL_FMT_PNG)
		return;
	char *up = g_ascii_strup(al_format_name(f), -1);
	bool unchecked = ctx->probe_status == AL_ERR_UNSUPPORTED ||
	                 ctx->decode_status == AL_ERR_UNSUPPORTED;
	if (f != AL_FMT_JPEG)
		al_emit(ctx, AL_SEV_ERROR, NULL, false, 0, 0,
		        "the file is %s; the marketplace accepts only PNG and JPEG (logos: PNG)%s%s%s",
		        up, unchecked ? ". Its content was not checked (" : "",
		        unchecked ? ctx->decode_why : "", unchecked ? ")" : "");
	else if (is_logo(ctx->content_role))
		al_emit(ctx, ctx->profile->logos_png_only ? AL_SEV_ERROR : AL_SEV_WARNING, NULL,
		        false, 0, 0,
		        "the %s logo is JPEG; logos should be PNG (lossless, flat colours stay flat)",
		        al_role_name(ctx->content_role));
	g_free(up);
}

const al_rule al_rule_file_format = {
	.id = "file-format",
	.stage = AL_STAGE_HEADER,
	.roles = AL_ROLES_ALL,
	.severity = AL_SEV_ERROR,
	.summary = "not PNG or JPEG (error); a logo that is not PNG (warning)",
	.help = "Export logos as PNG and the hero as PNG or JPEG.",
	.check = check,
};
