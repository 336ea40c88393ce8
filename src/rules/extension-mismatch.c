/* extension-mismatch: the content's format (from its magic bytes) is not the
 * one the file name says; upload tools and browsers may reject it. */
#include "rules.h"

static void check(al_ctx *ctx)
{
	al_format content = ctx->res->format;
	al_format ext = al_format_from_ext(ctx->path);
	if (content == AL_FMT_NONE || ext == AL_FMT_NONE || content == ext)
		return;
	const char *dot = strrchr(ctx->path, '.');
	char *up = g_ascii_strup(al_format_name(content), -1);
	al_emit(ctx, AL_SEV_OFF, NULL, false, 0, 0,
	        "the content is %s but the name ends in '%s'", up, dot ? dot : "");
	g_free(up);
}

const al_rule al_rule_extension_mismatch = {
	.id = "extension-mismatch",
	.stage = AL_STAGE_HEADER,
	.roles = AL_ROLES_ALL,
	.severity = AL_SEV_WARNING,
	.summary = "the content's format differs from the file extension",
	.help = "Re-export the image in the format its name says (PNG), or rename it to match its content.",
	.check = check,
};
