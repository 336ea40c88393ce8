/* JSON report, schema 1 (SPEC §4), printed by json.c (json-glib's layout). */
#include <math.h>
#include "json.h"
#include "ocr.h"
#include "al_internal.h"

/* Four decimals are plenty for shares and ratios and keep the file
 * readable; al_json_write() then prints the shortest exact text. */
static double round4(double v)
{
	return round(v * 1e4) / 1e4;
}

static void add_str(al_jb *b, const char *key, const char *val)
{
	al_jb_set_member_name(b, key);
	if (!val) {
		al_jb_add_null_value(b);
		return;
	}
	char *valid = g_utf8_make_valid(val, -1);
	al_jb_add_string_value(b, valid);
	g_free(valid);
}

static void add_int(al_jb *b, const char *key, gint64 v)
{
	al_jb_set_member_name(b, key);
	al_jb_add_int_value(b, v);
}

static void add_findings(al_jb *b, GPtrArray *findings)
{
	al_jb_set_member_name(b, "findings");
	al_jb_begin_array(b);
	for (guint i = 0; i < findings->len; i++) {
		const al_finding *f = g_ptr_array_index(findings, i);
		al_jb_begin_object(b);
		add_str(b, "rule", f->rule);
		add_str(b, "severity", al_severity_name(f->severity));
		add_str(b, "message", f->message);
		al_jb_set_member_name(b, "region");
		if (f->has_region) {
			al_jb_begin_object(b);
			add_int(b, "x", f->region.x);
			add_int(b, "y", f->region.y);
			add_int(b, "w", f->region.w);
			add_int(b, "h", f->region.h);
			al_jb_end_object(b);
		} else {
			al_jb_add_null_value(b);
		}
		al_jb_set_member_name(b, "measured");
		if (f->has_measured)
			al_jb_add_double_value(b, round4(f->measured));
		else
			al_jb_add_null_value(b);
		al_jb_set_member_name(b, "limit");
		if (f->has_measured)
			al_jb_add_double_value(b, round4(f->limit));
		else
			al_jb_add_null_value(b);
		al_jb_end_object(b);
	}
	al_jb_end_array(b);
}

static const char *role_source_name(al_role_source s)
{
	switch (s) {
	case AL_ROLE_FROM_FILENAME: return "filename";
	case AL_ROLE_FROM_DIMENSIONS: return "dimensions";
	case AL_ROLE_FROM_NONE: break;
	}
	return "none";
}

static void add_file(al_jb *b, const al_file_result *r)
{
	al_jb_begin_object(b);
	add_str(b, "path", r->path);
	add_str(b, "set", r->set);
	add_str(b, "role", al_role_name(r->role));
	add_str(b, "role_source", role_source_name(r->role_source));
	add_str(b, "format", al_format_name(r->format));
	al_jb_set_member_name(b, "width");
	if (r->width > 0)
		al_jb_add_int_value(b, r->width);
	else
		al_jb_add_null_value(b);
	al_jb_set_member_name(b, "height");
	if (r->height > 0)
		al_jb_add_int_value(b, r->height);
	else
		al_jb_add_null_value(b);
	al_jb_set_member_name(b, "background");
	al_jb_begin_object(b);
	add_str(b, "kind", al_bg_kind_name(r->bg_kind));
	char hex[8];
	al_hex_color(r->bg_rgb, hex);
	add_str(b, "color", r->bg_kind == AL_BG_COLOR ? hex : NULL);
	al_jb_set_member_name(b, "coverage");
	if (r->bg_kind != AL_BG_NONE)
		al_jb_add_double_value(b, round4(r->bg_coverage));
	else
		al_jb_add_null_value(b);
	al_jb_end_object(b);
	add_findings(b, r->findings);
	al_jb_end_object(b);
}

/* The document around the files and sets: schema, tool, profile, config,
 * two slot arrays, the summary.  Printed by json.c like every item, so
 * the layout and the escaping are the library's. */
static al_jnode *skeleton(const al_writer *w)
{
	al_jb *b = al_jb_new();
	al_jb_begin_object(b);
	add_int(b, "schema", AL_JSON_SCHEMA);
	al_jb_set_member_name(b, "tool");
	al_jb_begin_object(b);
	add_str(b, "name", "assetlint");
	add_str(b, "version", AL_VERSION);
	add_str(b, "ocr", al_ocr_describe());   /* how the text rule reads */
	al_jb_end_object(b);
	add_str(b, "profile", w->profile);
	al_jb_set_member_name(b, "config");   /* the file used, or null */
	if (w->config)
		al_jb_add_string_value(b, w->config);
	else
		al_jb_add_null_value(b);
	al_jb_set_member_name(b, "files");
	al_jb_add_value(b, al_json_slot(0));
	al_jb_set_member_name(b, "sets");
	al_jb_add_value(b, al_json_slot(1));
	al_jb_set_member_name(b, "summary");
	al_jb_begin_object(b);
	add_int(b, "files", w->n_files);
	add_int(b, "sets", al_writer_n_sets(w));
	add_int(b, "errors", w->errors);
	add_int(b, "warnings", w->warnings);
	add_int(b, "infos", w->infos);
	al_jb_end_object(b);
	al_jb_end_object(b);
	al_jnode *root = al_jb_get_root(b);
	al_jb_free(b);
	return root;
}

/* Writes @b's root as an item nested @depth deep, and frees @b. */
static void put_built(al_writer *w, al_jb *b, int depth)
{
	al_jnode *node = al_jb_get_root(b);
	char *text = al_json_text(node, depth);
	al_writer_puts(w, AL_SEV_OFF, text);
	g_free(text);
	al_jnode_unref(node);
	al_jb_free(b);
}

static al_status json_head(al_writer *w)
{
	char *parts[3], *closes[2];
	al_jnode *root = skeleton(w);
	al_json_split(root, 2, parts, closes);
	al_jnode_unref(root);
	fputs(parts[0], w->out);
	for (int i = 0; i < 3; i++)
		g_free(parts[i]);
	for (int i = 0; i < 2; i++)
		g_free(closes[i]);
	al_writer_set_items(w, "\n", ",\n");
	return AL_OK;
}

static void json_file(al_writer *w, const al_file_result *r)
{
	al_jb *b = al_jb_new();
	add_file(b, r);
	put_built(w, b, 2);
}

static void json_set(al_writer *w, const al_set_result *s)
{
	al_jb *b = al_jb_new();
	al_jb_begin_object(b);
	add_str(b, "path", s->path);
	add_findings(b, s->findings);
	al_jb_end_object(b);
	put_built(w, b, 2);
}

static al_status json_tail(al_writer *w)
{
	char *parts[3], *closes[2];
	al_jnode *root = skeleton(w);
	al_json_split(root, 2, parts, closes);
	al_jnode_unref(root);
	fputs(w->n_items ? closes[0] : "]", w->out);
	fputs(parts[1], w->out);
	al_writer_set_items(w, "\n", ",\n");
	al_writer_flush_sets(w);
	fputs(w->n_items ? closes[1] : "]", w->out);
	fputs(parts[2], w->out);
	for (int i = 0; i < 3; i++)
		g_free(parts[i]);
	for (int i = 0; i < 2; i++)
		g_free(closes[i]);
	return w->st;
}

const al_report_class al_format_json = {
	.head = json_head,
	.file = json_file,
	.set = json_set,
	.tail = json_tail,
};

al_status al_write_json(const al_report *rep, const al_options *opts,
                        FILE *out, int color, char **err)
{
	return al_write_report(rep, opts, AL_REPORT_JSON, out, color, err);
}
