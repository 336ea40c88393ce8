/* Run settings: profile, rule severities, thresholds; and the names of the
 * public enums. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "al_internal.h"

const char *al_strerror(al_status status)
{
	switch (status) {
	case AL_OK: return "success";
	case AL_ERR_NOMEM: return "out of memory";
	case AL_ERR_IO: return "input/output error";
	case AL_ERR_DECODE: return "cannot decode image";
	case AL_ERR_TOO_LARGE: return "image too large";
	case AL_ERR_UNSUPPORTED: return "unsupported format";
	case AL_ERR_USAGE: return "invalid usage";
	case AL_ERR_CONFIG: return "invalid configuration";
	case AL_ERR_CANCELLED: return "stopped by the caller";
	}
	return "unknown error";
}

static const char *const sev_names[] = { "off", "info", "warning", "error" };

const char *al_severity_name(al_severity sev)
{
	return (unsigned)sev < G_N_ELEMENTS(sev_names) ? sev_names[sev] : "?";
}

al_status al_severity_parse(const char *s, al_severity *out)
{
	for (unsigned i = 0; i < G_N_ELEMENTS(sev_names); i++)
		if (s && g_ascii_strcasecmp(s, sev_names[i]) == 0) {
			*out = (al_severity)i;
			return AL_OK;
		}
	return AL_ERR_USAGE;
}

static const char *const role_names[AL_ROLE_COUNT] = {
	"small", "medium", "large", "wide", "hero", "unknown"
};

const char *al_role_name(al_role role)
{
	return (unsigned)role < AL_ROLE_COUNT ? role_names[role] : "unknown";
}

const char *al_format_name(al_format fmt)
{
	static const char *const names[] = {
		NULL, "png", "jpeg", "gif", "webp", "bmp", "tiff", "svg", "ico", "other"
	};
	return (unsigned)fmt < G_N_ELEMENTS(names) ? names[fmt] : NULL;
}

const char *al_bg_kind_name(al_bg_kind k)
{
	switch (k) {
	case AL_BG_COLOR: return "color";
	case AL_BG_TRANSPARENT: return "transparent";
	case AL_BG_MIXED: return "mixed";
	case AL_BG_NONE: break;
	}
	return "none";
}

static const char *const report_names[AL_REPORT_COUNT] = {
	"text", "gcc", "json", "sarif", "junit", "html", "github", "gitlab"
};

al_status al_report_format_parse(const char *s, al_report_format *out)
{
	for (int i = 0; i < AL_REPORT_COUNT; i++)
		if (s && g_ascii_strcasecmp(s, report_names[i]) == 0) {
			*out = (al_report_format)i;
			return AL_OK;
		}
	return AL_ERR_USAGE;
}

al_options *al_options_new(void)
{
	al_options *o = g_new0(al_options, 1);
	o->profile = al_profile_default();
	o->thresholds = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	for (int i = 0; i < AL_ROLE_COUNT; i++)
		o->role_patterns[i] = g_ptr_array_new_with_free_func(g_free);
	o->threads = 0;
	o->max_warnings = -1;
	o->max_pixels = 40e6;
	o->max_results = -1;
	o->excludes = g_ptr_array_new_with_free_func((GDestroyNotify)al_pattern_free);
	return o;
}

void al_options_free(al_options *o)
{
	if (!o)
		return;
	g_hash_table_destroy(o->thresholds);
	g_free(o->doc_url);
	g_free(o->config_path);
	al_previews_unref(o->previews);
	g_ptr_array_free(o->excludes, TRUE);
	for (int i = 0; i < AL_ROLE_COUNT; i++)
		g_ptr_array_free(o->role_patterns[i], TRUE);
	g_free(o);
}

al_status al_options_set_profile(al_options *o, const char *name, char **err)
{
	const al_profile *p = al_profile_find(name);
	if (!p) {
		GString *names = g_string_new(NULL);
		for (const al_profile *const *q = al_profiles(); *q; q++)
			g_string_append_printf(names, "%s%s", names->len ? ", " : "", (*q)->name);
		*err = g_strdup_printf("unknown profile '%s' (known: %s)", name, names->str);
		g_string_free(names, TRUE);
		return AL_ERR_USAGE;
	}
	o->profile = p;
	return AL_OK;
}

int al_rule_index(const al_rule *rule)
{
	const al_rule *const *all = al_rules();
	for (int i = 0; all[i]; i++)
		if (all[i] == rule)
			return i;
	return -1;
}

al_status al_options_set_severity(al_options *o, const char *id,
                                  al_severity sev, char **err)
{
	const al_rule *r = al_rule_find(id);
	if (!r) {
		*err = g_strdup_printf("unknown rule '%s' (see --list-rules)", id);
		return AL_ERR_USAGE;
	}
	int i = al_rule_index(r);
	o->sev[i] = sev;
	o->sev_set[i] = true;
	return AL_OK;
}

static const al_param *find_param(const al_rule *r, const char *name)
{
	/* the rules pass their names as literals, which the linker stores
	 * once: the same pointer first, spelling only when it is not */
	for (int i = 0; i < r->n_params; i++)
		if (r->params[i].name == name)
			return &r->params[i];
	for (int i = 0; i < r->n_params; i++)
		if (strcmp(r->params[i].name, name) == 0)
			return &r->params[i];
	return NULL;
}

al_status al_options_set_threshold(al_options *o, const char *key,
                                   double value, char **err)
{
	const char *dot = strrchr(key, '.');
	char *id = dot ? g_strndup(key, (gsize)(dot - key)) : NULL;
	const al_rule *r = id ? al_rule_find(id) : NULL;
	const al_param *p = r ? find_param(r, dot + 1) : NULL;
	al_status st = AL_OK;

	if (!r) {
		*err = g_strdup_printf("unknown threshold '%s' (want RULE.PARAM; see --list-rules)", key);
		st = AL_ERR_USAGE;
	} else if (!p) {
		*err = g_strdup_printf("rule '%s' has no threshold '%s' (see --list-rules)", id, dot + 1);
		st = AL_ERR_USAGE;
	} else if (!(value >= p->min && value <= p->max)) {
		*err = g_strdup_printf("%s = %g is out of range [%g, %g]", key, value, p->min, p->max);
		st = AL_ERR_USAGE;
	} else {
		double *v = g_new(double, 1);
		*v = value;
		g_hash_table_replace(o->thresholds, g_strdup(key), v);
	}
	g_free(id);
	return st;
}

double al_param_get(const al_options *o, const al_rule *rule, const char *name)
{
	const al_param *p = find_param(rule, name);
	g_return_val_if_fail(p != NULL, 0.0);
	/* no threshold set (the usual run): no key to build and look up */
	if (o && g_hash_table_size(o->thresholds) > 0) {
		char *key = g_strconcat(rule->id, ".", name, NULL);
		const double *v = g_hash_table_lookup(o->thresholds, key);
		g_free(key);
		if (v)
			return *v;
	}
	return p->def;
}

al_severity al_rule_severity(const al_options *o, const al_rule *rule)
{
	int i = al_rule_index(rule);
	if (o && i >= 0 && o->sev_set[i])
		return o->sev[i];
	return rule->severity;
}

al_status al_options_set_threads(al_options *o, int n)
{
	if (!o || n < 0)
		return AL_ERR_USAGE;
	o->threads = n;
	return AL_OK;
}

void al_options_set_strict(al_options *o, int strict) { o->strict = strict != 0; }
void al_options_set_quiet(al_options *o, int quiet) { o->quiet = quiet != 0; }

al_status al_options_set_max_warnings(al_options *o, int n)
{
	if (!o || n < -1)
		return AL_ERR_USAGE;
	o->max_warnings = n;
	return AL_OK;
}

al_status al_options_set_max_pixels(al_options *o, double px)
{
	if (!o || !(px >= 1 && px <= 1e12))
		return AL_ERR_USAGE;
	o->max_pixels = px;
	return AL_OK;
}

al_status al_options_set_max_results(al_options *o, int n)
{
	if (!o || n < -1)
		return AL_ERR_USAGE;
	o->max_results = n;
	return AL_OK;
}

void al_options_set_doc_url(al_options *o, const char *url)
{
	g_free(o->doc_url);
	o->doc_url = url && *url ? g_strdup(url) : NULL;
}

void al_options_set_previews(al_options *o, int on)
{
	if (on && !o->previews)
		o->previews = al_previews_new();
	else if (!on && o->previews) {
		al_previews_unref(o->previews);
		o->previews = NULL;
	}
}

void al_options_set_progress(al_options *o, void (*cb)(void *, int, int), void *data)
{
	o->progress = cb;
	o->progress_data = data;
}

void al_options_set_thread_start(al_options *o, void (*fn)(void *), void *data)
{
	o->thread_start = fn;
	o->thread_start_data = data;
}

void al_finding_free(al_finding *f)
{
	if (!f)
		return;
	g_free(f->message);
	g_free(f);
}

static al_finding *finding_new(const al_rule *rule, al_severity sev, char *msg)
{
	al_finding *f = g_new0(al_finding, 1);
	f->rule = rule->id;
	f->severity = sev;
	f->message = msg;
	return f;
}

static al_severity effective(const al_options *o, const al_rule *r, al_severity chosen)
{
	int i = al_rule_index(r);
	if (o && i >= 0 && o->sev_set[i])
		return o->sev[i];
	return chosen == AL_SEV_OFF ? r->severity : chosen;
}

void al_emit(al_ctx *ctx, al_severity sev, const al_region *region,
             bool has_measured, double measured, double limit,
             const char *fmt, ...)
{
	al_severity eff = effective(ctx->opts, ctx->rule, sev);
	if (eff == AL_SEV_OFF)
		return;
	va_list ap;
	va_start(ap, fmt);
	char *msg = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	/* a content rule measured a reduced copy: say so, and give the box
	 * in the image's own pixels */
	if (al_image_reduced(ctx->img)) {
		char *full = g_strdup_printf("%s (measured on a %dx%d copy reduced from %dx%d; "
		                             "pixel figures are the copy's)", msg,
		                             ctx->img->width, ctx->img->height,
		                             ctx->img->full_width, ctx->img->full_height);
		g_free(msg);
		msg = full;
	}
	al_finding *f = finding_new(ctx->rule, eff, msg);
	if (region) {
		f->has_region = true;
		f->region = *region;
		al_image_region_to_full(ctx->img, &f->region);
	}
	f->has_measured = has_measured;
	f->measured = measured;
	f->limit = limit;
	g_ptr_array_add(ctx->res->findings, f);
}

void al_emit_set(al_set_ctx *ctx, al_severity sev, const char *fmt, ...)
{
	al_severity eff = effective(ctx->opts, ctx->rule, sev);
	if (eff == AL_SEV_OFF)
		return;
	va_list ap;
	va_start(ap, fmt);
	al_finding *f = finding_new(ctx->rule, eff, g_strdup_vprintf(fmt, ap));
	va_end(ap);
	g_ptr_array_add(ctx->set->findings, f);
}
