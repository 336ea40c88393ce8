/* Baselines: findings accepted for now, so a CI gate can be switched on
 * over a tree with known problems and still fail on every new one.  An
 * entry is (path, rule, SHA-256 of the file's bytes); set findings have
 * the set's path and an empty hash.  Paths are stored relative to the
 * baseline file's folder, so the baseline works from any working folder.
 * Any change to a file brings all of its findings back, and an entry that
 * matches nothing is reported.
 *
 * File names are bytes, JSON strings are UTF-8: a path that is not valid
 * UTF-8 is stored twice, readable ("path", invalid bytes as U+FFFD) and
 * exact ("path_bytes", every byte outside printable ASCII and every '%'
 * as %XX), and the loader takes the exact one.  A baseline always loads:
 * one written by an older version with raw invalid bytes is read with
 * those bytes replaced (its entries then show as stale, not as an error). */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>   /* the parser's types; see jg_load() */
#include "al_internal.h"
#include "dl.h"
#include "json.h"

#define BASELINE_SCHEMA 1

/* Registered in rules/registry.c; the only rule not run by the pipeline. */
extern const al_rule al_rule_baseline_stale;

typedef struct {
	char *path, *rule, *hash;  /* owned */
	guint order;               /* rank in the file */
	/* while a run is applied (al_baseline_apply_file() ...) */
	bool matched;              /* a finding matched it */
	bool noted;                /* its stale note is written */
	bool file_seen;            /* a file of its path was checked */
} entry;

struct al_baseline {
	GPtrArray *entries;        /* of entry*, owned, in file order */
	GHashTable *index;         /* entry* (as key) -> entry*; borrowed */
	GHashTable *by_path;       /* path -> GPtrArray of its entry*, in order */
	GHashTable *by_dir;        /* folder of the path -> idem */
	char *base;                /* absolute folder of the baseline file */
	char *cwd;                 /* where the report's relative paths start */
};

static void entry_free(entry *e)
{
	if (!e)
		return;
	g_free(e->path);
	g_free(e->rule);
	g_free(e->hash);
	g_free(e);
}

static guint entry_hash(gconstpointer p)
{
	const entry *e = p;
	return g_str_hash(e->path) * 31u + g_str_hash(e->rule) * 17u + g_str_hash(e->hash);
}

static gboolean entry_equal(gconstpointer a, gconstpointer b)
{
	const entry *x = a, *y = b;
	return strcmp(x->path, y->path) == 0 && strcmp(x->rule, y->rule) == 0 &&
	       strcmp(x->hash, y->hash) == 0;
}

/* @path (relative to @from, or absolute) made relative to @dir when it
 * lies inside it, else absolute; lexical ("a/./b", "a/../a/b" and "./a/b"
 * are one key).  Caller g_free()s. */
static char *relative_to(const char *path, const char *from, const char *dir)
{
	char *abs = g_canonicalize_filename(path, from);
	size_t n = strlen(dir);
	char *rel = NULL;

	if (strcmp(abs, dir) == 0)
		rel = g_strdup(".");
	else if (n == 1 && dir[0] == G_DIR_SEPARATOR)
		rel = g_strdup(abs + 1);
	else if (strncmp(abs, dir, n) == 0 && abs[n] == G_DIR_SEPARATOR)
		rel = g_strdup(abs + n + 1);
	else
		rel = g_strdup(abs);
	g_free(abs);
	return rel;
}

/* A report path as a baseline key.  Caller g_free()s. */
static char *key_of(const al_baseline *bl, const char *report_path)
{
	return relative_to(report_path, bl->cwd, bl->base);
}

/* A baseline key as the report would write it.  Caller g_free()s. */
static char *report_path_of(const al_baseline *bl, const char *key)
{
	return relative_to(key, bl->base, bl->cwd);
}

/* An empty baseline for the file @path. */
static al_baseline *baseline_new(const char *path)
{
	al_baseline *bl = g_new0(al_baseline, 1);
	bl->entries = g_ptr_array_new_with_free_func((GDestroyNotify)entry_free);
	bl->index = g_hash_table_new(entry_hash, entry_equal);
	bl->by_path = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	                                    (GDestroyNotify)g_ptr_array_unref);
	bl->by_dir = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	                                   (GDestroyNotify)g_ptr_array_unref);
	bl->cwd = g_get_current_dir();
	char *abs = g_canonicalize_filename(path, bl->cwd);
	bl->base = g_path_get_dirname(abs);
	g_free(abs);
	return bl;
}

/* Adds (@key, @rule, @hash) unless already there.  Takes @key. */
static void baseline_add(al_baseline *bl, char *key, const char *rule,
                         const char *hash)
{
	entry probe = { .path = key, .rule = (char *)rule, .hash = (char *)hash };
	if (g_hash_table_contains(bl->index, &probe)) {
		g_free(key);
	} else {
		entry *e = g_new0(entry, 1);
		e->path = key;
		e->rule = g_strdup(rule);
		e->hash = g_strdup(hash);
		e->order = bl->entries->len;
		g_ptr_array_add(bl->entries, e);
		g_hash_table_add(bl->index, e);
		char *dir = g_path_get_dirname(key);
		GPtrArray *l = g_hash_table_lookup(bl->by_path, key);
		if (!l)
			g_hash_table_insert(bl->by_path, g_strdup(key), l = g_ptr_array_new());
		g_ptr_array_add(l, e);
		l = g_hash_table_lookup(bl->by_dir, dir);
		if (!l)
			g_hash_table_insert(bl->by_dir, g_strdup(dir), l = g_ptr_array_new());
		g_ptr_array_add(l, e);
		g_free(dir);
	}
}

void al_baseline_free(al_baseline *bl)
{
	if (!bl)
		return;
	g_hash_table_destroy(bl->index);
	g_hash_table_destroy(bl->by_path);
	g_hash_table_destroy(bl->by_dir);
	g_ptr_array_free(bl->entries, TRUE);
	g_free(bl->base);
	g_free(bl->cwd);
	g_free(bl);
}

/* @path with every byte outside printable ASCII, and '%', as %XX.  Caller
 * g_free()s. */
static char *pct_encode(const char *path)
{
	GString *out = g_string_new(NULL);
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if (*p > 0x20 && *p < 0x7f && *p != '%')
			g_string_append_c(out, (char)*p);
		else
			g_string_append_printf(out, "%%%02X", *p);
	}
	return g_string_free(out, FALSE);
}

/* The bytes pct_encode() wrote, or NULL when @s is not such a string
 * (a %XX that is not hex, or %00).  Caller g_free()s. */
static char *pct_decode(const char *s)
{
	GString *out = g_string_new(NULL);
	for (const char *p = s; *p; p++) {
		if (*p != '%') {
			g_string_append_c(out, *p);
			continue;
		}
		int hi = g_ascii_xdigit_value(p[1]);
		int lo = hi < 0 ? -1 : g_ascii_xdigit_value(p[2]);
		if (lo < 0 || (hi == 0 && lo == 0)) {
			g_string_free(out, TRUE);
			return NULL;
		}
		g_string_append_c(out, (char)(hi * 16 + lo));
		p += 2;
	}
	return g_string_free(out, FALSE);
}

/* json-glib's parser reads a baseline, opened with dlopen() on the first
 * --baseline: the program does not link json-glib, whose libraries (GIO,
 * GObject, libmount, libselinux, ...) cost every run about 5 ms of
 * start-up (see json.h).  Its error messages are kept word for word. */
#define JG_FNS(X) \
	X(json_parser_new) X(json_parser_load_from_data) X(json_parser_get_root) \
	X(json_node_get_node_type) X(json_node_get_object) X(json_node_get_array) \
	X(json_node_get_value_type) X(json_node_get_string) X(json_node_get_int) \
	X(json_object_get_member) X(json_array_get_length) X(json_array_get_element) \
	X(g_object_unref)
#define JG_PTR(name) static __typeof__(name) *jg_##name;
JG_FNS(JG_PTR)
#undef JG_PTR

static gsize jg_done;
static char jg_why[256];

/* Opens json-glib once per process; false with *why set when it cannot. */
static bool jg_load(const char **why)
{
	if (g_once_init_enter(&jg_done)) {
#define JG_SYM(name) { #name, (void **)&jg_##name },
		static const al_dl_sym syms[] = { JG_FNS(JG_SYM) };
#undef JG_SYM
		char w[sizeof jg_why - 16];
		if (!al__dl_open("libjson-glib-1.0.so.0", "libjson-glib-1.0-0", syms,
		                 G_N_ELEMENTS(syms), w, sizeof w))
			snprintf(jg_why, sizeof jg_why, "json-glib: %s", w);
		g_once_init_leave(&jg_done, 1);
	}
	*why = jg_why;
	return jg_why[0] == '\0';
}

static bool holds(JsonNode *n, JsonNodeType t)
{
	return n && jg_json_node_get_node_type(n) == t;
}

static const char *member_string(JsonObject *o, const char *name)
{
	JsonNode *n = jg_json_object_get_member(o, name);
	if (!holds(n, JSON_NODE_VALUE) || jg_json_node_get_value_type(n) != G_TYPE_STRING)
		return NULL;
	return jg_json_node_get_string(n);
}

/* Ownership: returns a baseline the caller frees with al_baseline_free(), or
 * NULL with *err set (caller g_free()s). */
al_baseline *al_baseline_load(const char *path, char **err)
{
	const char *why;
	if (!jg_load(&why)) {
		*err = g_strdup_printf("%s: %s", path, why);
		return NULL;
	}
	JsonParser *parser = jg_json_parser_new();
	GError *gerr = NULL;
	al_baseline *bl = NULL;
	JsonObject *root = NULL;
	JsonArray *arr = NULL;
	char *text = NULL;
	gsize len = 0;

	if (!g_file_get_contents(path, &text, &len, &gerr)) {
		*err = g_strdup_printf("%s: %s", path, gerr->message);
		g_error_free(gerr);
		goto out;
	}
	if (!g_utf8_validate_len(text, len, NULL)) {
		/* raw file-name bytes from an older version: load what can be */
		char *valid = g_utf8_make_valid(text, (gssize)len);
		g_free(text);
		text = valid;
		len = strlen(text);
	}
	if (!jg_json_parser_load_from_data(parser, text, (gssize)len, &gerr)) {
		*err = g_strdup_printf("%s: %s", path, gerr->message);
		g_error_free(gerr);
		goto out;
	}
	JsonNode *rn = jg_json_parser_get_root(parser);
	root = holds(rn, JSON_NODE_OBJECT) ? jg_json_node_get_object(rn) : NULL;
	JsonNode *sn = root ? jg_json_object_get_member(root, "schema") : NULL;
	if (!holds(sn, JSON_NODE_VALUE) ||
	    jg_json_node_get_value_type(sn) != G_TYPE_INT64 ||
	    jg_json_node_get_int(sn) != BASELINE_SCHEMA) {
		*err = g_strdup_printf("%s: not an assetlint baseline (want an object "
		                       "with \"schema\": %d)", path, BASELINE_SCHEMA);
		goto out;
	}
	JsonNode *en = jg_json_object_get_member(root, "entries");
	arr = holds(en, JSON_NODE_ARRAY) ? jg_json_node_get_array(en) : NULL;
	if (!arr) {
		*err = g_strdup_printf("%s: \"entries\" is missing or not an array", path);
		goto out;
	}
	bl = baseline_new(path);
	for (guint i = 0; i < jg_json_array_get_length(arr); i++) {
		JsonNode *n = jg_json_array_get_element(arr, i);
		JsonObject *o = holds(n, JSON_NODE_OBJECT) ? jg_json_node_get_object(n) : NULL;
		const char *p = o ? member_string(o, "path") : NULL;
		const char *r = o ? member_string(o, "rule") : NULL;
		const char *h = o ? member_string(o, "hash") : NULL;
		const char *pb = o ? member_string(o, "path_bytes") : NULL;
		char *exact = pb ? pct_decode(pb) : NULL;
		if (!p || !r || !h || (pb && !exact)) {
			*err = g_strdup_printf("%s: entry %u: want string members "
			                       "\"path\", \"rule\" and \"hash\" (and a "
			                       "%%XX-encoded \"path_bytes\")", path, i);
			al_baseline_free(bl);
			bl = NULL;
			goto out;
		}
		/* Hand-edited entries ("./a", "a/../b") become canonical keys. */
		baseline_add(bl, relative_to(exact ? exact : p, bl->base, bl->base), r, h);
		g_free(exact);
	}
out:
	g_free(text);
	jg_g_object_unref(parser);
	return bl;
}

/* Removes the findings of @fs that @bl holds under (@key, @hash). */
static int suppress(al_baseline *bl, const char *key, const char *hash,
                    GPtrArray *fs)
{
	int n = 0;
	for (guint i = fs->len; i-- > 0;) {
		const al_finding *f = g_ptr_array_index(fs, i);
		entry probe = { .path = (char *)key, .rule = (char *)f->rule,
		                .hash = (char *)hash };
		entry *e = g_hash_table_lookup(bl->index, &probe);
		if (!e || strcmp(f->rule, al_rule_baseline_stale.id) == 0)
			continue;
		e->matched = true;
		g_ptr_array_remove_index(fs, i);
		n++;
	}
	return n;
}

static int cmp_set(gconstpointer a, gconstpointer b)
{
	const al_set_result *x = *(al_set_result *const *)a;
	const al_set_result *y = *(al_set_result *const *)b;
	return strcmp(x->path, y->path);
}

static int cmp_order(gconstpointer a, gconstpointer b)
{
	const entry *x = *(entry *const *)a, *y = *(entry *const *)b;
	return (x->order > y->order) - (x->order < y->order);
}

static void gstring_free(gpointer s)
{
	g_string_free(s, TRUE);
}

/* Appends to @target one baseline-stale info finding per (reason, path)
 * of the entries @es (in baseline order): a changed file with five
 * baselined rules says so once.  @why_of gives an entry's reason.  Marks
 * the entries noted. */
static void stale_emit(const al_baseline *bl, GPtrArray *es, GPtrArray *target,
                       const char *(*why_of)(const entry *e, const void *data),
                       const void *data)
{
	GPtrArray *groups = g_ptr_array_new();   /* first entry of each group */
	GHashTable *rules = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	GHashTable *counts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	GPtrArray *strings = g_ptr_array_new_with_free_func(gstring_free);

	g_ptr_array_sort(es, cmp_order);
	for (guint i = 0; i < es->len; i++) {
		entry *e = g_ptr_array_index(es, i);
		char *key = g_strconcat(why_of(e, data), "\n", e->path, NULL);
		GString *r = g_hash_table_lookup(rules, key);
		if (!r) {
			r = g_string_new(NULL);
			g_ptr_array_add(strings, r);
			g_ptr_array_add(groups, e);
			g_hash_table_insert(rules, g_strdup(key), r);
		}
		int n = GPOINTER_TO_INT(g_hash_table_lookup(counts, key));
		g_string_append_printf(r, "%s%s", n ? ", " : "", e->rule);
		g_hash_table_insert(counts, key, GINT_TO_POINTER(n + 1));
		e->noted = true;
	}
	for (guint i = 0; i < groups->len; i++) {
		const entry *e = g_ptr_array_index(groups, i);
		const char *why = why_of(e, data);
		char *key = g_strconcat(why, "\n", e->path, NULL);
		GString *r = g_hash_table_lookup(rules, key);
		int n = GPOINTER_TO_INT(g_hash_table_lookup(counts, key));
		char *path = report_path_of(bl, e->path);
		al_finding *f = g_new0(al_finding, 1);
		f->rule = al_rule_baseline_stale.id;
		f->severity = AL_SEV_INFO;
		if (n == 1)
			f->message = g_strdup_printf("stale baseline entry for '%s' (rule %s): "
			                             "%s; run with --update-baseline to refresh it",
			                             path, r->str, why);
		else
			f->message = g_strdup_printf("%d stale baseline entries for '%s' (rules "
			                             "%s): %s; run with --update-baseline to "
			                             "refresh them", n, path, r->str, why);
		g_ptr_array_add(target, f);
		g_free(path);
		g_free(key);
	}
	g_ptr_array_free(strings, TRUE);
	g_hash_table_destroy(counts);
	g_hash_table_destroy(rules);
	g_ptr_array_free(groups, TRUE);
}

static const char *GONE = "the finding is gone (fixed, or the rule is off)";

static const char *why_file(const entry *e, const void *data)
{
	const al_file_result *f = data;
	return strcmp(f->content_hash, e->hash) != 0
	       ? "the file changed since the baseline, so its findings are shown again" : GONE;
}

static const char *why_set(const entry *e, const void *data)
{
	return !e->hash[0] ? GONE : "the file was not checked in this run (removed or renamed?)";
}

static const char *why_unchecked(const entry *e, const void *data)
{
	return !e->hash[0] ? "the set was not checked in this run (removed or renamed?)"
	                   : "the file was not checked in this run (removed or renamed?)";
}

int al_baseline_apply_file(al_baseline *bl, al_file *file)
{
	if (!bl || !file)
		return 0;
	char *key = key_of(bl, file->path);
	int n = suppress(bl, key, file->content_hash, file->findings);
	GPtrArray *mine = g_hash_table_lookup(bl->by_path, key);
	GPtrArray *stale = g_ptr_array_new();
	for (guint i = 0; mine && i < mine->len; i++) {
		entry *e = g_ptr_array_index(mine, i);
		e->file_seen = true;
		if (!e->matched && !e->noted)
			g_ptr_array_add(stale, e);
	}
	stale_emit(bl, stale, file->findings, why_file, file);
	g_ptr_array_free(stale, TRUE);
	g_free(key);
	return n;
}

int al_baseline_apply_set(al_baseline *bl, al_set *set)
{
	if (!bl || !set)
		return 0;
	char *key = key_of(bl, set->path);
	int n = suppress(bl, key, "", set->findings);
	GPtrArray *stale = g_ptr_array_new();
	/* the set's own entries, and those of its folder's files that no
	 * file of this run matched: every file under the folder came first */
	GPtrArray *own = g_hash_table_lookup(bl->by_path, key);
	for (guint i = 0; own && i < own->len; i++) {
		entry *e = g_ptr_array_index(own, i);
		if (!e->matched && !e->noted && !e->hash[0] && !e->file_seen)
			g_ptr_array_add(stale, e);
	}
	GPtrArray *files = g_hash_table_lookup(bl->by_dir, key);
	for (guint i = 0; files && i < files->len; i++) {
		entry *e = g_ptr_array_index(files, i);
		if (!e->matched && !e->noted && e->hash[0] && !e->file_seen)
			g_ptr_array_add(stale, e);
	}
	stale_emit(bl, stale, set->findings, why_set, NULL);
	g_ptr_array_free(stale, TRUE);
	g_free(key);
	return n;
}

/* See assetlint.h.  The sets are sorted by path. */
al_report *al_baseline_unchecked(al_baseline *bl, const al_options *opts)
{
	al_report *rep = al_report_new(opts);
	if (!bl)
		return rep;
	/* baseline key -> set of @rep, and the entries it gets */
	GHashTable *sets = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	GHashTable *lists = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
	                                          (GDestroyNotify)g_ptr_array_unref);
	for (guint i = 0; i < bl->entries->len; i++) {
		entry *e = g_ptr_array_index(bl->entries, i);
		if (e->matched || e->noted)
			continue;
		char *where = e->hash[0] ? g_path_get_dirname(e->path) : g_strdup(e->path);
		al_set_result *s = g_hash_table_lookup(sets, where);
		if (!s) {
			s = g_new0(al_set_result, 1);
			s->path = report_path_of(bl, where);
			s->files = g_ptr_array_new();
			s->findings = g_ptr_array_new_with_free_func((GDestroyNotify)al_finding_free);
			g_ptr_array_add(rep->sets, s);
			g_hash_table_insert(sets, g_strdup(where), s);
			g_hash_table_insert(lists, s, g_ptr_array_new());
		}
		g_ptr_array_add(g_hash_table_lookup(lists, s), e);
		g_free(where);
	}
	for (guint i = 0; i < rep->sets->len; i++) {
		al_set_result *s = g_ptr_array_index(rep->sets, i);
		stale_emit(bl, g_hash_table_lookup(lists, s), s->findings, why_unchecked, NULL);
	}
	g_ptr_array_sort(rep->sets, cmp_set);
	al_report_recount(rep);
	g_hash_table_destroy(lists);
	g_hash_table_destroy(sets);
	return rep;
}

/* Ownership: @report is changed in place (findings removed and added);
 * @bl keeps no reference.  Returns the number of findings removed.  The
 * same as a streamed run applying the baseline file by file and set by
 * set, then taking the sets of what it did not check. */
int al_baseline_apply(al_baseline *bl, al_report *report)
{
	int suppressed = 0;
	for (guint i = 0; i < bl->entries->len; i++) {
		entry *e = g_ptr_array_index(bl->entries, i);
		e->matched = e->noted = e->file_seen = false;
	}
	for (guint i = 0; i < report->files->len; i++)
		suppressed += al_baseline_apply_file(bl, g_ptr_array_index(report->files, i));
	for (guint i = 0; i < report->sets->len; i++)
		suppressed += al_baseline_apply_set(bl, g_ptr_array_index(report->sets, i));
	al_report *rest = al_baseline_unchecked(bl, NULL);
	if (rest->sets->len) {
		for (guint i = 0; i < rest->sets->len; i++)
			g_ptr_array_add(report->sets, g_ptr_array_index(rest->sets, i));
		g_ptr_array_set_free_func(rest->sets, NULL);
		g_ptr_array_sort(report->sets, cmp_set);
	}
	al_report_free(rest);
	al_report_recount(report);
	return suppressed;
}

static int cmp_entry(gconstpointer a, gconstpointer b)
{
	const entry *x = *(entry *const *)a, *y = *(entry *const *)b;
	int c = strcmp(x->path, y->path);
	if (!c)
		c = strcmp(x->rule, y->rule);
	return c ? c : strcmp(x->hash, y->hash);
}

static void add_findings(al_baseline *bl, const char *path, const char *hash,
                         const GPtrArray *fs)
{
	for (guint i = 0; i < fs->len; i++) {
		const al_finding *f = g_ptr_array_index(fs, i);
		/* Stale notes describe the old baseline, not the assets. */
		if (strcmp(f->rule, al_rule_baseline_stale.id) != 0)
			baseline_add(bl, key_of(bl, path), f->rule, hash);
	}
}

/* The JSON text of @bl's entries, sorted so that baselines diff well.
 * Caller g_free()s. */
static char *baseline_json(al_baseline *bl)
{
	al_jb *b = al_jb_new();
	al_jb_begin_object(b);
	al_jb_set_member_name(b, "schema");
	al_jb_add_int_value(b, BASELINE_SCHEMA);
	al_jb_set_member_name(b, "entries");
	al_jb_begin_array(b);
	g_ptr_array_sort(bl->entries, cmp_entry);
	for (guint i = 0; i < bl->entries->len; i++) {
		const entry *e = g_ptr_array_index(bl->entries, i);
		al_jb_begin_object(b);
		al_jb_set_member_name(b, "path");
		if (g_utf8_validate(e->path, -1, NULL)) {
			al_jb_add_string_value(b, e->path);
		} else {
			char *shown = g_utf8_make_valid(e->path, -1);
			char *exact = pct_encode(e->path);
			al_jb_add_string_value(b, shown);
			al_jb_set_member_name(b, "path_bytes");
			al_jb_add_string_value(b, exact);
			g_free(exact);
			g_free(shown);
		}
		al_jb_set_member_name(b, "rule");
		al_jb_add_string_value(b, e->rule);
		al_jb_set_member_name(b, "hash");
		al_jb_add_string_value(b, e->hash);
		al_jb_end_object(b);
	}
	al_jb_end_array(b);
	al_jb_end_object(b);

	al_jnode *root = al_jb_get_root(b);
	char *text = al_jnode_text(root, 1, '\t');
	al_jnode_unref(root);
	al_jb_free(b);
	return text;
}

static al_status write_text(FILE *out, void *data, char **err)
{
	const char *text = data;
	size_t len = strlen(text);
	if (fwrite(text, 1, len, out) != len || fputc('\n', out) == EOF) {
		*err = g_strdup_printf("write failed: %s", g_strerror(errno));
		return AL_ERR_IO;
	}
	return AL_OK;
}

al_baseline *al_baseline_new(const char *path)
{
	return path ? baseline_new(path) : NULL;
}

void al_baseline_add_file(al_baseline *bl, const al_file *file)
{
	if (bl && file)
		add_findings(bl, file->path, file->content_hash, file->findings);
}

void al_baseline_add_set(al_baseline *bl, const al_set *set)
{
	if (bl && set)
		add_findings(bl, set->path, "", set->findings);
}

/* Ownership: @bl is only sorted; *err on failure, caller g_free()s.
 * Returns AL_OK or AL_ERR_IO; @path is untouched on failure (written like
 * a report file: al_write_path()). */
al_status al_baseline_save(al_baseline *bl, const char *path, char **err)
{
	char *text = baseline_json(bl);
	al_status st = al_write_path(path, write_text, text, err);
	g_free(text);
	return st;
}

/* Ownership: @report is only read; *err on failure, caller g_free()s.
 * Returns AL_OK or AL_ERR_IO; @path is untouched on failure (written like
 * a report file: al_write_path()). */
al_status al_baseline_write(const al_report *report, const char *path, char **err)
{
	al_baseline *bl = baseline_new(path);
	for (guint i = 0; i < report->files->len; i++)
		al_baseline_add_file(bl, g_ptr_array_index(report->files, i));
	for (guint i = 0; i < report->sets->len; i++)
		al_baseline_add_set(bl, g_ptr_array_index(report->sets, i));
	al_status st = al_baseline_save(bl, path, err);
	al_baseline_free(bl);
	return st;
}
