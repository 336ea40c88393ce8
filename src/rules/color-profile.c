/* color-profile: anything but 8-bit sRGB shifts colours in browsers or is
 * converted unpredictably by the upload. */
#include "rules.h"

static void check(al_ctx *ctx)
{
	const al_info *i = ctx->info;
	if (!i)
		return;
	if (i->cmyk)
		al_emit(ctx, AL_SEV_OFF, NULL, false, 0, 0,
		        "the image is CMYK (%d channels); browsers show CMYK colours wrongly",
		        i->channels);
	if (i->bit_depth > 8)
		al_emit(ctx, AL_SEV_OFF, NULL, true, i->bit_depth, 8,
		        "%d bits per channel; the marketplace shows 8-bit sRGB", i->bit_depth);
	if (i->has_icc && !i->icc_is_srgb)
		al_emit(ctx, AL_SEV_OFF, NULL, false, 0, 0,
		        "embedded ICC profile '%s' is not sRGB; colours will shift in browsers "
		        "that ignore it", i->icc_desc[0] ? i->icc_desc : "(unnamed)");
}

const al_rule al_rule_color_profile = {
	.id = "color-profile",
	.stage = AL_STAGE_HEADER,
	.roles = AL_ROLES_ALL,
	.severity = AL_SEV_WARNING,
	.summary = "not 8-bit sRGB: CMYK, 16 bits per channel, or an embedded non-sRGB ICC profile",
	.help = "Convert to sRGB with 8 bits per channel when exporting (an embedded sRGB profile is fine).",
	.check = check,
};
