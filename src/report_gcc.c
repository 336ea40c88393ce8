/* gcc-style report: "path:1:1: severity: message [rule]", one line per finding,
 * for editors' compilation modes and CI log annotations.  Also home of
 * al_text_clean(), the one function that makes untrusted text safe for line
 * and XML output. */
#include <errno.h>
#include <string.h>
#include "al_internal.h"

/* Characters a reader must see rather than have interpreted: C0 controls
 * (line breaks, ESC), DEL, C1 controls, the bidi embedding/override/isolate
 * controls ("Trojan Source"), and the two noncharacters XML 1.0 forbids. */
static bool must_escape(gunichar c)
{
	return c < 0x20 || (c >= 0x7f && c <= 0x9f) ||
	       (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) ||
	       c == 0xfffe || c == 0xffff;
}

/* See al_internal.h.  Returns a new string; caller g_free()s. */
char *al_text_clean(const char *s)
{
	char *valid = g_utf8_make_valid(s ? s : "", -1);
	GString *out = g_string_sized_new(strlen(valid) + 8);

	for (const char *p = valid; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (!must_escape(c)) {
			g_string_append_unichar(out, c);
			continue;
		}
		switch (c) {
		case '\n': g_string_append(out, "\\n"); break;
		case '\r': g_string_append(out, "\\r"); break;
		case '\t': g_string_append(out, "\\t"); break;
		default:
			if (c < 0x100)
				g_string_append_printf(out, "\\x%02X", (unsigned)c);
			else
				g_string_append_printf(out, "\\u%04X", (unsigned)c);
		}
	}
	g_free(valid);
	return g_string_free(out, FALSE);
}

/* gcc and the tools that parse its output know error, warning and note;
 * an info finding is a note to them. */
static const char *gcc_severity(al_severity sev)
{
	return sev == AL_SEV_INFO ? "note" : al_severity_name(sev);
}

/* "path:1:1: severity: message [rule]".  An image has no lines: line and
 * column 1 let editors' matchers (VS Code's $gcc, Vim's errorformat) open
 * the file; the pixel region is in the JSON and SARIF reports. */
static void put_line(al_writer *w, const char *where, const al_finding *f,
                     const char *message)
{
	char *path = al_text_clean(where);
	char *msg = al_text_clean(message);
	char *line = g_strdup_printf("%s:1:1: %s: %s [%s]\n", path, gcc_severity(f->severity),
	                             msg, f->rule);
	al_writer_puts(w, AL_SEV_OFF, line);
	g_free(line);
	g_free(msg);
	g_free(path);
}

/* One line per finding: files in path order, then set findings, placed
 * on the set's first file (an editor cannot open a folder) with the set
 * named in the message, then the config file the run used. */
static void gcc_file(al_writer *w, const al_file_result *r)
{
	for (guint j = 0; j < r->findings->len; j++) {
		const al_finding *f = g_ptr_array_index(r->findings, j);
		put_line(w, r->path, f, f->message);
	}
}

static void gcc_set(al_writer *w, const al_set_result *s)
{
	for (guint j = 0; s->findings && j < s->findings->len; j++) {
		const al_finding *f = g_ptr_array_index(s->findings, j);
		char *msg = al_set_message(s, f);
		put_line(w, al_set_anchor(s), f, msg);
		g_free(msg);
	}
}

static al_status gcc_tail(al_writer *w)
{
	al_writer_flush_sets(w);
	char *note = al_config_note(w->config);
	if (note) {
		/* located at the config file, so an editor jumps to it */
		al_finding f = { .rule = "config", .severity = AL_SEV_INFO };
		put_line(w, w->config, &f, note);
		g_free(note);
	}
	return w->st;
}

const al_report_class al_format_gcc = {
	.file = gcc_file,
	.set = gcc_set,
	.tail = gcc_tail,
};

al_status al_write_gcc(const al_report *report, const al_options *opts,
                       FILE *out, int color, char **err)
{
	return al_write_report(report, opts, AL_REPORT_GCC, out, color, err);
}
