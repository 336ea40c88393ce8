/*
 * The JSON tree the report writers build and print (json.c).  Not
 * installed.
 *
 * It replaces json-glib's JsonBuilder and JsonGenerator, whose text it
 * prints byte for byte (json-glib 1.6's pretty layout and escaping), so
 * that the program does not link json-glib: json-glib pulls in GIO,
 * GObject and, through GIO, libmount, libselinux and libblkid, whose
 * loading, relocation and type registration were about 5 ms of the 21 ms
 * one hero took as a whole process (issue #10, make bench).  Reading a
 * baseline file still uses json-glib's parser, opened with dlopen() by
 * baseline.c when --baseline is given.
 */
#ifndef AL_JSON_H
#define AL_JSON_H

#include <stdbool.h>
#include <stdint.h>

typedef struct al_jnode al_jnode;
typedef struct al_jb al_jb;

/* A builder: the same calls, in the same order, as json-glib's
 * JsonBuilder.  al_jb_get_root() returns a new reference to the root (the
 * caller unrefs it); al_jb_free() drops the builder's own. */
al_jb *al_jb_new(void);
void al_jb_free(al_jb *b);
void al_jb_begin_object(al_jb *b);
void al_jb_end_object(al_jb *b);
void al_jb_begin_array(al_jb *b);
void al_jb_end_array(al_jb *b);
/* The name of the next value added to the open object (copied). */
void al_jb_set_member_name(al_jb *b, const char *name);
void al_jb_add_string_value(al_jb *b, const char *s);
void al_jb_add_int_value(al_jb *b, int64_t v);
void al_jb_add_double_value(al_jb *b, double v);
void al_jb_add_boolean_value(al_jb *b, bool v);
void al_jb_add_null_value(al_jb *b);
/* Adds @n, taking the caller's reference. */
void al_jb_add_value(al_jb *b, al_jnode *n);
al_jnode *al_jb_get_root(al_jb *b);

/* A string node, and an array node holding one string. */
al_jnode *al_jnode_new_string(const char *s);
al_jnode *al_jnode_new_string_array(const char *s);
void al_jnode_unref(al_jnode *n);

/* @n as json-glib's generator prints it with pretty printing on, @indent
 * @indent_char per level: "{" and "[" end their line, one member or
 * element per line, "name" : value.  No newline at the end.  g_free(). */
char *al_jnode_text(const al_jnode *n, unsigned indent, char indent_char);

#endif
