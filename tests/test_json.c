/* json.c against json-glib: the same builder calls must print the same
 * bytes as json-glib's pretty generator, on the edge cases of its layout
 * (empty object and array, nesting, a name given twice) and of its
 * escaping (every byte from 0x01 to 0x7f, UTF-8, 0x1f left raw) and
 * number printing (ints at the limits, doubles that are whole, tiny,
 * huge, negative zero). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <math.h>
#include <cmocka.h>
#include <glib.h>
#include <json-glib/json-glib.h>
#include "json.h"

/* One builder call, replayed on both builders. */
typedef enum { BO, EO, BA, EA, NAME, STR, INT, DBL, BOOL, NUL } op_kind;
typedef struct {
	op_kind k;
	const char *s;
	int64_t i;
	double d;
} op;

static void replay(const op *ops, size_t n, JsonBuilder *g, al_jb *a)
{
	for (size_t j = 0; j < n; j++) {
		const op *o = &ops[j];
		switch (o->k) {
		case BO: json_builder_begin_object(g); al_jb_begin_object(a); break;
		case EO: json_builder_end_object(g); al_jb_end_object(a); break;
		case BA: json_builder_begin_array(g); al_jb_begin_array(a); break;
		case EA: json_builder_end_array(g); al_jb_end_array(a); break;
		case NAME: json_builder_set_member_name(g, o->s); al_jb_set_member_name(a, o->s); break;
		case STR: json_builder_add_string_value(g, o->s); al_jb_add_string_value(a, o->s); break;
		case INT: json_builder_add_int_value(g, o->i); al_jb_add_int_value(a, o->i); break;
		case DBL: json_builder_add_double_value(g, o->d); al_jb_add_double_value(a, o->d); break;
		case BOOL: json_builder_add_boolean_value(g, o->i != 0); al_jb_add_boolean_value(a, o->i != 0); break;
		case NUL: json_builder_add_null_value(g); al_jb_add_null_value(a); break;
		}
	}
}

/* Prints @ops with both and compares the texts. */
static void same(const op *ops, size_t n, unsigned indent, char ch)
{
	JsonBuilder *g = json_builder_new();
	al_jb *a = al_jb_new();
	replay(ops, n, g, a);

	JsonNode *groot = json_builder_get_root(g);
	JsonGenerator *gen = json_generator_new();
	json_generator_set_pretty(gen, TRUE);
	json_generator_set_indent(gen, indent);
	json_generator_set_indent_char(gen, (gunichar)ch);
	json_generator_set_root(gen, groot);
	char *want = json_generator_to_data(gen, NULL);

	al_jnode *aroot = al_jb_get_root(a);
	char *got = al_jnode_text(aroot, indent, ch);
	assert_string_equal(got, want);

	g_free(got);
	g_free(want);
	al_jnode_unref(aroot);
	al_jb_free(a);
	json_node_unref(groot);
	g_object_unref(gen);
	g_object_unref(g);
}

#define SAME(ops, indent, ch) same(ops, G_N_ELEMENTS(ops), indent, ch)

static void test_layout(void **state)
{
	(void)state;
	const op nested[] = {
		{ .k = BO }, { .k = NAME, .s = "a" }, { .k = INT, .i = 1 },
		{ .k = NAME, .s = "empty_obj" }, { .k = BO }, { .k = EO },
		{ .k = NAME, .s = "empty_arr" }, { .k = BA }, { .k = EA },
		{ .k = NAME, .s = "arr" }, { .k = BA }, { .k = INT, .i = 2 }, { .k = BO }, { .k = NAME, .s = "x" }, { .k = NUL }, { .k = EO },
		{ .k = BA }, { .k = EA }, { .k = BO }, { .k = EO }, { .k = STR, .s = "s" }, { .k = BOOL, .i = 1 }, { .k = EA },
		{ .k = NAME, .s = "t" }, { .k = BOOL, .i = 0 }, { .k = NAME, .s = "n" }, { .k = NUL },
		{ .k = EO },
	};
	SAME(nested, 2, ' ');
	SAME(nested, 1, '\t');
	SAME(nested, 4, ' ');
	SAME(nested, 0, ' ');
	const op lone_empty[] = { { .k = BO }, { .k = EO } };
	SAME(lone_empty, 2, ' ');
	const op lone_arr[] = { { .k = BA }, { .k = EA } };
	SAME(lone_arr, 2, ' ');
	/* a name given twice keeps its place and takes the last value */
	const op twice[] = {
		{ .k = BO }, { .k = NAME, .s = "a" }, { .k = INT, .i = 1 }, { .k = NAME, .s = "b" }, { .k = INT, .i = 2 },
		{ .k = NAME, .s = "a" }, { .k = STR, .s = "again" }, { .k = EO },
	};
	SAME(twice, 2, ' ');
}

static void test_escaping(void **state)
{
	(void)state;
	char all[128];
	for (int c = 1; c < 128; c++)
		all[c - 1] = (char)c;
	all[127] = '\0';
	const op ops[] = {
		{ .k = BO }, { .k = NAME, .s = all }, { .k = STR, .s = all },
		{ .k = NAME, .s = "utf8 \xc3\xa9\xe2\x80\xa6\xf0\x9f\x98\x80" }, { .k = STR, .s = "\xe2\x80\x8b\xef\xbf\xbd \\\"" },
		{ .k = NAME, .s = "" }, { .k = STR, .s = "" },
		{ .k = EO },
	};
	SAME(ops, 2, ' ');
}

static void test_numbers(void **state)
{
	(void)state;
	const op ops[] = {
		{ .k = BA },
		{ .k = INT, .i = 0 }, { .k = INT, .i = -1 }, { .k = INT, .i = INT64_MAX }, { .k = INT, .i = INT64_MIN },
		{ .k = DBL, .d = 0.0 }, { .k = DBL, .d = -0.0 }, { .k = DBL, .d = 1.0 }, { .k = DBL, .d = -3.0 },
		{ .k = DBL, .d = 0.6 }, { .k = DBL, .d = 0.1234 }, { .k = DBL, .d = 1e-300 }, { .k = DBL, .d = 5e-324 },
		{ .k = DBL, .d = 1e300 }, { .k = DBL, .d = 1e21 }, { .k = DBL, .d = 123456789012345680000.0 },
		{ .k = DBL, .d = NAN }, { .k = DBL, .d = INFINITY }, { .k = DBL, .d = -INFINITY },
		{ .k = EA },
	};
	SAME(ops, 2, ' ');
}

/* al_jb_add_value() and the string nodes: the slot arrays of the report
 * writers. */
static void test_nodes(void **state)
{
	(void)state;
	al_jb *a = al_jb_new();
	al_jb_begin_object(a);
	al_jb_set_member_name(a, "slot");
	al_jb_add_value(a, al_jnode_new_string_array("\001m\002"));
	al_jb_set_member_name(a, "s");
	al_jb_add_value(a, al_jnode_new_string("v"));
	al_jb_end_object(a);
	al_jnode *root = al_jb_get_root(a);
	al_jb_free(a);   /* the root outlives its builder */
	char *got = al_jnode_text(root, 2, ' ');
	assert_string_equal(got, "{\n  \"slot\" : [\n    \"\\u0001m\\u0002\"\n  ],\n  \"s\" : \"v\"\n}");
	g_free(got);
	al_jnode_unref(root);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layout),
		cmocka_unit_test(test_escaping),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_nodes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
