/* Profiles and the role of a file from its name (profile.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "testutil.h"

static al_role name_role(const char *name)
{
	return al_role_from_name(name, al_profile_default());
}

static void test_full_words(void **state)
{
	(void)state;
	assert_int_equal(name_role("Small.png"), AL_ROLE_SMALL);
	assert_int_equal(name_role("assets/contoso/Wide.png"), AL_ROLE_WIDE);
	assert_int_equal(name_role("logo-medium.png"), AL_ROLE_MEDIUM);
	assert_int_equal(name_role("LARGE.PNG"), AL_ROLE_LARGE);
	assert_int_equal(name_role("hero_815x290.png"), AL_ROLE_HERO);
	/* embedded at the start or end of a run of letters */
	assert_int_equal(name_role("cheflogo255xwide.png"), AL_ROLE_WIDE);
	assert_int_equal(name_role("logosmall.png"), AL_ROLE_SMALL);
	assert_int_equal(name_role("herobanner.png"), AL_ROLE_HERO);
	assert_int_equal(name_role("blockchain-logo-small-40p.png"), AL_ROLE_SMALL);
}

/* Abbreviations count only as whole tokens: between separators, or cut
 * off by a change of case; never inside a random id. */
static void test_abbreviations(void **state)
{
	(void)state;
	assert_int_equal(name_role("logo-wd.png"), AL_ROLE_WIDE);
	assert_int_equal(name_role("logo_sm.png"), AL_ROLE_SMALL);
	assert_int_equal(name_role("logo-md.png"), AL_ROLE_MEDIUM);
	assert_int_equal(name_role("LG.png"), AL_ROLE_LARGE);
	assert_int_equal(name_role("icon sm@2x.png"), AL_ROLE_SMALL);
	assert_int_equal(name_role("logoSm.png"), AL_ROLE_SMALL);
	assert_int_equal(name_role("LogoWD.png"), AL_ROLE_WIDE);
	/* inside ids: not a role; the full word decides */
	assert_int_equal(name_role("wd3ah6-large.png"), AL_ROLE_LARGE);
	assert_int_equal(name_role("md8v84-small.png"), AL_ROLE_SMALL);
	assert_int_equal(name_role("2sm24p-medium.png"), AL_ROLE_MEDIUM);
	assert_int_equal(name_role("x7lgq2_wide.png"), AL_ROLE_WIDE);
	assert_int_equal(name_role("a1wd9z.png"), AL_ROLE_UNKNOWN);
	assert_int_equal(name_role("smd.png"), AL_ROLE_UNKNOWN);
	assert_int_equal(name_role("wdx.png"), AL_ROLE_UNKNOWN);
	/* nor inside a mixed-case random id */
	assert_int_equal(name_role("xSmKq.png"), AL_ROLE_UNKNOWN);
	assert_int_equal(name_role("aZ3SmK.png"), AL_ROLE_UNKNOWN);
	assert_int_equal(name_role("Q7wdLgz.png"), AL_ROLE_UNKNOWN);
	assert_int_equal(name_role("brandLogoMd.png"), AL_ROLE_MEDIUM);
	assert_int_equal(name_role("XMLLogoWD.png"), AL_ROLE_WIDE);
	/* a full word wins over an abbreviation */
	assert_int_equal(name_role("sm-large.png"), AL_ROLE_LARGE);
	assert_int_equal(name_role("q9SmLarge.png"), AL_ROLE_LARGE);
}

/* Two different roles of the same kind name none: the size decides. */
static void test_conflicts(void **state)
{
	(void)state;
	assert_int_equal(name_role("hero-small.png"), AL_ROLE_UNKNOWN);
	assert_int_equal(name_role("small-to-large.png"), AL_ROLE_UNKNOWN);
	assert_int_equal(name_role("logo-sm-lg.png"), AL_ROLE_UNKNOWN);
	/* the same role twice is no conflict */
	assert_int_equal(name_role("small-logo-sm.png"), AL_ROLE_SMALL);
	assert_int_equal(name_role("wide_255x115.png"), AL_ROLE_WIDE);
}

static void test_sizes(void **state)
{
	(void)state;
	assert_int_equal(name_role("logo-40x40.png"), AL_ROLE_SMALL);
	assert_int_equal(name_role("logo_115x255.png"), AL_ROLE_WIDE);
	assert_int_equal(name_role("logo-255_115.png"), AL_ROLE_WIDE);
	assert_int_equal(name_role("cheflogo115x.png"), AL_ROLE_LARGE);
	assert_int_equal(name_role("logo-90p.png"), AL_ROLE_MEDIUM);
	assert_int_equal(name_role("40.png"), AL_ROLE_SMALL);
	assert_int_equal(name_role("logo40.png"), AL_ROLE_SMALL);
	assert_int_equal(name_role("logo_40px.png"), AL_ROLE_SMALL);
	assert_int_equal(name_role("icon-90@2x.png"), AL_ROLE_MEDIUM);
	/* a number inside a random id, or an index, is no size */
	assert_int_equal(name_role("k40bzq.png"), AL_ROLE_UNKNOWN);
	assert_int_equal(name_role("3f40a9c1.png"), AL_ROLE_UNKNOWN);
	assert_int_equal(name_role("a90x7k.png"), AL_ROLE_UNKNOWN);
	assert_int_equal(name_role("img-7b115.png"), AL_ROLE_UNKNOWN);
	assert_int_equal(name_role("040-banner.png"), AL_ROLE_UNKNOWN);
	assert_int_equal(name_role("logo-0090.png"), AL_ROLE_UNKNOWN);
	assert_int_equal(name_role("logo40b.png"), AL_ROLE_UNKNOWN);
	/* a version is no size, but a word ending in v still takes one */
	assert_int_equal(name_role("logo_v115.png"), AL_ROLE_UNKNOWN);
	assert_int_equal(name_role("icon-v40.png"), AL_ROLE_UNKNOWN);
	assert_int_equal(name_role("v90.png"), AL_ROLE_UNKNOWN);
	assert_int_equal(name_role("logo_dev115.png"), AL_ROLE_LARGE);
	assert_int_equal(name_role("logo-48x48.png"), AL_ROLE_UNKNOWN);
	assert_int_equal(name_role("icon.png"), AL_ROLE_UNKNOWN);
	assert_int_equal(name_role(".png"), AL_ROLE_UNKNOWN);
	assert_int_equal(name_role(""), AL_ROLE_UNKNOWN);
	/* other profiles, other sizes */
	assert_int_equal(al_role_from_name("logo-48x48.png", al_profile_find("pc-2019")),
	                 AL_ROLE_SMALL);
}

static void test_size_and_nearest(void **state)
{
	(void)state;
	const al_profile *p = al_profile_default();
	assert_int_equal(al_role_from_size(p, 255, 115), AL_ROLE_WIDE);
	assert_int_equal(al_role_from_size(p, 815, 290), AL_ROLE_HERO);
	assert_int_equal(al_role_from_size(p, 48, 48), AL_ROLE_UNKNOWN);
	assert_int_equal(al_role_nearest(p, 48, 48), AL_ROLE_SMALL);
	assert_int_equal(al_role_nearest(p, 216, 216), AL_ROLE_LARGE);
	assert_int_equal(al_role_nearest(p, 255, 77), AL_ROLE_WIDE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_full_words),
		cmocka_unit_test(test_abbreviations),
		cmocka_unit_test(test_conflicts),
		cmocka_unit_test(test_sizes),
		cmocka_unit_test(test_size_and_nearest),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
