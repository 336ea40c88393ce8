/* See json.h: a JSON tree and json-glib 1.6's pretty printing of it. */
#include <string.h>
#include <glib.h>
#include "json.h"

typedef enum { J_NULL, J_INT, J_DOUBLE, J_BOOL, J_STRING, J_ARRAY, J_OBJECT } jtype;

struct al_jnode {
	int ref;
	jtype type;
	union {
		int64_t i;
		double d;
		bool b;
		char *s;
	} v;
	GPtrArray *kids;    /* array elements or object values (al_jnode *) */
	GPtrArray *names;   /* object member names, beside kids */
};

struct al_jb {
	GPtrArray *open;    /* the open arrays and objects, innermost last */
	char *member;       /* the name for the next value in an object */
	al_jnode *root;
};

static al_jnode *node_new(jtype t)
{
	al_jnode *n = g_new0(al_jnode, 1);
	n->ref = 1;
	n->type = t;
	if (t == J_ARRAY || t == J_OBJECT)
		n->kids = g_ptr_array_new_with_free_func((GDestroyNotify)al_jnode_unref);
	if (t == J_OBJECT)
		n->names = g_ptr_array_new_with_free_func(g_free);
	return n;
}

void al_jnode_unref(al_jnode *n)
{
	if (!n || --n->ref > 0)
		return;
	if (n->type == J_STRING)
		g_free(n->v.s);
	if (n->kids)
		g_ptr_array_free(n->kids, TRUE);
	if (n->names)
		g_ptr_array_free(n->names, TRUE);
	g_free(n);
}

al_jnode *al_jnode_new_string(const char *s)
{
	al_jnode *n = node_new(J_STRING);
	n->v.s = g_strdup(s);
	return n;
}

al_jnode *al_jnode_new_string_array(const char *s)
{
	al_jnode *a = node_new(J_ARRAY);
	g_ptr_array_add(a->kids, al_jnode_new_string(s));
	return a;
}

al_jb *al_jb_new(void)
{
	al_jb *b = g_new0(al_jb, 1);
	b->open = g_ptr_array_new();
	return b;
}

void al_jb_free(al_jb *b)
{
	if (!b)
		return;
	g_ptr_array_free(b->open, TRUE);
	g_free(b->member);
	al_jnode_unref(b->root);
	g_free(b);
}

/* Puts @n (the builder takes its reference) where the next value goes:
 * the root, the open array's end, or the open object's pending member (a
 * name given twice keeps its place and takes the new value, as in
 * json-glib). */
static void add(al_jb *b, al_jnode *n)
{
	if (b->open->len == 0) {
		al_jnode_unref(b->root);
		b->root = n;
		return;
	}
	al_jnode *top = g_ptr_array_index(b->open, b->open->len - 1);
	if (top->type == J_ARRAY) {
		g_ptr_array_add(top->kids, n);
		return;
	}
	char *name = b->member ? b->member : g_strdup("");
	b->member = NULL;
	for (guint i = 0; i < top->names->len; i++)
		if (strcmp(g_ptr_array_index(top->names, i), name) == 0) {
			al_jnode_unref(g_ptr_array_index(top->kids, i));
			g_ptr_array_index(top->kids, i) = n;
			g_free(name);
			return;
		}
	g_ptr_array_add(top->names, name);
	g_ptr_array_add(top->kids, n);
}

static void begin(al_jb *b, jtype t)
{
	al_jnode *n = node_new(t);
	add(b, n);
	g_ptr_array_add(b->open, n);
}

static void end(al_jb *b)
{
	if (b->open->len)
		g_ptr_array_set_size(b->open, b->open->len - 1);
}

void al_jb_begin_object(al_jb *b) { begin(b, J_OBJECT); }
void al_jb_end_object(al_jb *b) { end(b); }
void al_jb_begin_array(al_jb *b) { begin(b, J_ARRAY); }
void al_jb_end_array(al_jb *b) { end(b); }

void al_jb_set_member_name(al_jb *b, const char *name)
{
	g_free(b->member);
	b->member = g_strdup(name);
}

void al_jb_add_string_value(al_jb *b, const char *s)
{
	add(b, al_jnode_new_string(s));
}

void al_jb_add_int_value(al_jb *b, int64_t v)
{
	al_jnode *n = node_new(J_INT);
	n->v.i = v;
	add(b, n);
}

void al_jb_add_double_value(al_jb *b, double v)
{
	al_jnode *n = node_new(J_DOUBLE);
	n->v.d = v;
	add(b, n);
}

void al_jb_add_boolean_value(al_jb *b, bool v)
{
	al_jnode *n = node_new(J_BOOL);
	n->v.b = v;
	add(b, n);
}

void al_jb_add_null_value(al_jb *b)
{
	add(b, node_new(J_NULL));
}

void al_jb_add_value(al_jb *b, al_jnode *n)
{
	add(b, n);
}

al_jnode *al_jb_get_root(al_jb *b)
{
	if (b->root)
		b->root->ref++;
	return b->root;
}

/* json-glib's escaping: '"' and '\\' get a backslash; bytes 0x01-0x1e
 * and 0x7f are escaped (\b \f \n \r \t, else \u00xx); every other byte,
 * 0x1f and UTF-8 included, is copied. */
static void escape(GString *out, const char *s)
{
	for (const char *p = s; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == '\\' || c == '"') {
			g_string_append_c(out, '\\');
			g_string_append_c(out, (char)c);
		} else if ((c > 0 && c < 0x1f) || c == 0x7f) {
			switch (c) {
			case '\b': g_string_append(out, "\\b"); break;
			case '\f': g_string_append(out, "\\f"); break;
			case '\n': g_string_append(out, "\\n"); break;
			case '\r': g_string_append(out, "\\r"); break;
			case '\t': g_string_append(out, "\\t"); break;
			default: g_string_append_printf(out, "\\u00%02x", c); break;
			}
		} else {
			g_string_append_c(out, (char)c);
		}
	}
}

typedef struct {
	GString *out;
	unsigned indent;
	char ch;
} printer;

static void pad(const printer *p, int level)
{
	for (unsigned i = 0; i < (unsigned)level * p->indent; i++)
		g_string_append_c(p->out, p->ch);
}

static void dump(const printer *p, int level, const char *name, const al_jnode *n)
{
	GString *out = p->out;
	pad(p, level);
	if (name) {
		g_string_append_c(out, '"');
		escape(out, name);
		g_string_append(out, "\" : ");
	}
	switch (n->type) {
	case J_NULL:
		g_string_append(out, "null");
		break;
	case J_INT:
		g_string_append_printf(out, "%" G_GINT64_FORMAT, (gint64)n->v.i);
		break;
	case J_DOUBLE: {
		char buf[G_ASCII_DTOSTR_BUF_SIZE];
		g_string_append(out, g_ascii_dtostr(buf, sizeof buf, n->v.d));
		if (!strchr(buf, '.'))          /* a double stays a double */
			g_string_append(out, ".0");
		break;
	}
	case J_BOOL:
		g_string_append(out, n->v.b ? "true" : "false");
		break;
	case J_STRING:
		g_string_append_c(out, '"');
		escape(out, n->v.s);
		g_string_append_c(out, '"');
		break;
	case J_ARRAY:
	case J_OBJECT: {
		bool obj = n->type == J_OBJECT;
		g_string_append_c(out, obj ? '{' : '[');
		guint len = n->kids->len;
		if (len == 0 && !obj) {   /* "[]", but "{", the padding, "}" */
			g_string_append_c(out, ']');
			break;
		}
		for (guint i = 0; i < len; i++) {
			if (i == 0)
				g_string_append_c(out, '\n');
			dump(p, level + 1, obj ? g_ptr_array_index(n->names, i) : NULL,
			     g_ptr_array_index(n->kids, i));
			if (i + 1 != len)
				g_string_append_c(out, ',');
			g_string_append_c(out, '\n');
		}
		pad(p, level);
		g_string_append_c(out, obj ? '}' : ']');
		break;
	}
	}
}

char *al_jnode_text(const al_jnode *n, unsigned indent, char indent_char)
{
	printer p = { g_string_sized_new(256), indent, indent_char };
	if (n)
		dump(&p, 0, NULL, n);
	return g_string_free(p.out, FALSE);
}
