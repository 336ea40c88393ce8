/* The embedding API: the run-time version, al_free(), checking one image in
 * memory, and the accessors that read a report's files, sets and findings
 * without a client knowing their layout. */
#include <math.h>
#include "al_internal.h"

const char *al_version(void)
{
	return AL_VERSION;
}

/* Every string the library hands over comes from GLib's allocator
 * (g_strdup*), so g_free() is its match; clients need not know GLib. */
void al_free(void *p)
{
	g_free(p);
}

static al_status usage(char **err, const char *msg)
{
	if (err)
		*err = g_strdup(msg);
	return AL_ERR_USAGE;
}

al_status al_check_buffer(const al_options *opts, const char *name,
                          const void *data, size_t len, al_report **out,
                          char **err)
{
	if (out)
		*out = NULL;
	if (!opts || !out)
		return usage(err, "al_check_buffer: options and report pointer are required");
	if (!name || !name[0])
		return usage(err, "al_check_buffer: a file name is required (it gives the role and the extension)");
	if (!data && len > 0)
		return usage(err, "al_check_buffer: data is NULL");

	al_report *rep = al_report_new(opts);
	al_file_result *res = al_file_result_new(name);
	res->in_memory = true;
	g_ptr_array_add(rep->files, res);
	al_check_data(res, opts, data, len, NULL);
	al_report_recount(rep);
	*out = rep;
	return AL_OK;
}

/* ---- streaming ------------------------------------------------------------ */

typedef struct {
	al_file_fn on_file;
	al_set_fn on_set;
	void *data;
} stream_cb;

static int stream_file(void *data, al_file_result *f)
{
	const stream_cb *cb = data;
	return cb->on_file ? cb->on_file(cb->data, f) : 0;
}

static int stream_set(void *data, al_set_result *s)
{
	const stream_cb *cb = data;
	return cb->on_set ? cb->on_set(cb->data, s) : 0;
}

al_status al_check_paths_stream(const al_options *opts, const char *const *paths,
                                int n_paths, al_file_fn on_file, al_set_fn on_set,
                                void *data, char **err)
{
	if (!opts || (n_paths > 0 && !paths) || n_paths < 0)
		return usage(err, "al_check_paths_stream: options and paths are required");
	stream_cb cb = { on_file, on_set, data };
	al_sink sink = { .file = stream_file, .set = stream_set, .data = &cb };
	return al_run_paths(opts, paths, n_paths, &sink, err);
}

/* ---- accessors ------------------------------------------------------------ */

static void *nth(const GPtrArray *a, int i)
{
	return a && i >= 0 && (guint)i < a->len ? g_ptr_array_index(a, i) : NULL;
}

static int count(const GPtrArray *a)
{
	return a ? (int)a->len : 0;
}

int al_report_n_files(const al_report *report)
{
	return report ? count(report->files) : 0;
}

int al_report_n_sets(const al_report *report)
{
	return report ? count(report->sets) : 0;
}

const al_file *al_report_file(const al_report *report, int i)
{
	return report ? nth(report->files, i) : NULL;
}

const al_set *al_report_set(const al_report *report, int i)
{
	return report ? nth(report->sets, i) : NULL;
}

const char *al_file_path(const al_file *file)
{
	return file ? file->path : NULL;
}

al_role al_file_role(const al_file *file)
{
	return file ? file->role : AL_ROLE_UNKNOWN;
}

al_role_source al_file_role_source(const al_file *file)
{
	return file ? file->role_source : AL_ROLE_FROM_NONE;
}

int al_file_width(const al_file *file)
{
	return file && file->width > 0 ? file->width : 0;
}

int al_file_height(const al_file *file)
{
	return file && file->height > 0 ? file->height : 0;
}

al_format al_file_format(const al_file *file)
{
	return file ? file->format : AL_FMT_NONE;
}

int al_file_n_findings(const al_file *file)
{
	return file ? count(file->findings) : 0;
}

const al_finding *al_file_finding(const al_file *file, int i)
{
	return file ? nth(file->findings, i) : NULL;
}

const char *al_set_path(const al_set *set)
{
	return set ? set->path : NULL;
}

int al_set_n_files(const al_set *set)
{
	return set ? count(set->files) : 0;
}

const al_file *al_set_file(const al_set *set, int i)
{
	return set ? nth(set->files, i) : NULL;
}

int al_set_n_findings(const al_set *set)
{
	return set ? count(set->findings) : 0;
}

const al_finding *al_set_finding(const al_set *set, int i)
{
	return set ? nth(set->findings, i) : NULL;
}

const char *al_finding_rule(const al_finding *f)
{
	return f ? f->rule : NULL;
}

al_severity al_finding_severity(const al_finding *f)
{
	return f ? f->severity : AL_SEV_OFF;
}

const char *al_finding_message(const al_finding *f)
{
	return f ? f->message : NULL;
}

int al_finding_region(const al_finding *f, int *x, int *y, int *w, int *h)
{
	bool has = f && f->has_region;
	if (x)
		*x = has ? f->region.x : 0;
	if (y)
		*y = has ? f->region.y : 0;
	if (w)
		*w = has ? f->region.w : 0;
	if (h)
		*h = has ? f->region.h : 0;
	return has;
}

double al_finding_measured(const al_finding *f)
{
	return f && f->has_measured ? f->measured : NAN;
}

double al_finding_limit(const al_finding *f)
{
	return f && f->has_measured ? f->limit : NAN;
}
