/*
 * assetlint — checks Azure Marketplace offer images (logos and hero) against
 * the marketplace's image rules.
 *
 * This header is the whole library API.  Handles are opaque and come in
 * al_x_new() / al_x_free() pairs; every al_x_free(NULL) is a no-op.
 */
#ifndef ASSETLINT_H
#define ASSETLINT_H

#include <stdio.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define AL_VERSION "0.1.0"
#define AL_JSON_SCHEMA 1

/* Library status codes; 0 is success.  al_strerror() names them. */
typedef enum {
	AL_OK = 0,
	AL_ERR_NOMEM,
	AL_ERR_IO,
	AL_ERR_DECODE,
	AL_ERR_TOO_LARGE,
	AL_ERR_UNSUPPORTED,
	AL_ERR_USAGE,
	AL_ERR_CONFIG,
} al_status;

/* Process exit status of the command line (documented in assetlint(1)). */
typedef enum {
	AL_EXIT_CLEAN = 0,    /* no error-severity finding */
	AL_EXIT_FINDINGS = 1, /* at least one error (or warning with --strict) */
	AL_EXIT_FAILURE = 2,  /* usage, config or I/O failure of the tool */
} al_exit;

typedef enum {
	AL_SEV_OFF = 0,
	AL_SEV_INFO,
	AL_SEV_WARNING,
	AL_SEV_ERROR,
} al_severity;

/* Roles of an offer's images.  The sizes come from the profile. */
typedef enum {
	AL_ROLE_SMALL = 0,
	AL_ROLE_MEDIUM,
	AL_ROLE_LARGE,
	AL_ROLE_WIDE,
	AL_ROLE_HERO,
	AL_ROLE_UNKNOWN,
	AL_ROLE_COUNT
} al_role;

typedef enum {
	AL_ROLE_FROM_NONE = 0,
	AL_ROLE_FROM_FILENAME,
	AL_ROLE_FROM_DIMENSIONS,
} al_role_source;

typedef enum {
	AL_FMT_NONE = 0, /* unreadable / not an image */
	AL_FMT_PNG,
	AL_FMT_JPEG,
	AL_FMT_GIF,
	AL_FMT_WEBP,
	AL_FMT_BMP,
	AL_FMT_TIFF,
	AL_FMT_SVG,
	AL_FMT_ICO,
	AL_FMT_OTHER,
} al_format;

typedef enum {
	AL_REPORT_TEXT = 0,
	AL_REPORT_GCC,
	AL_REPORT_JSON,
	AL_REPORT_SARIF,
	AL_REPORT_JUNIT,
	AL_REPORT_HTML,
	AL_REPORT_GITHUB,     /* GitHub Actions workflow commands */
	AL_REPORT_GITLAB,     /* GitLab Code Quality report */
	AL_REPORT_COUNT
} al_report_format;

typedef struct al_options al_options; /* settings: profile, severities, thresholds */
typedef struct al_report al_report;   /* the result of one run */

/* Returns a static English description of @status. */
const char *al_strerror(al_status status);
const char *al_severity_name(al_severity sev);
const char *al_role_name(al_role role);
const char *al_format_name(al_format fmt);

/* Parses "off|info|warning|error".  Returns AL_OK or AL_ERR_USAGE. */
al_status al_severity_parse(const char *s, al_severity *out);
/* Parses a report format name ("json", …).  Returns AL_OK or AL_ERR_USAGE. */
al_status al_report_format_parse(const char *s, al_report_format *out);

/* New options with defaults (profile cpp-2020).  Caller frees with
 * al_options_free(). */
al_options *al_options_new(void);
void al_options_free(al_options *opts);

/* Selects a profile by name.  On failure writes a message to *err (caller
 * g_free()s it) and returns AL_ERR_USAGE. */
al_status al_options_set_profile(al_options *opts, const char *name, char **err);
/* Overrides a rule's severity.  Unknown rule id: AL_ERR_USAGE + *err. */
al_status al_options_set_severity(al_options *opts, const char *rule_id,
                                  al_severity sev, char **err);
/* Sets "RULE.PARAM" to @value, checked against the parameter's range. */
al_status al_options_set_threshold(al_options *opts, const char *key,
                                   double value, char **err);
/* Loads an .assetlint.ini key file.  Errors: "file:line: message" in *err. */
al_status al_options_load_config(al_options *opts, const char *path, char **err);
void al_options_set_threads(al_options *opts, int n);
void al_options_set_strict(al_options *opts, int strict);
/* Text output shows error findings only and no summary line. */
void al_options_set_quiet(al_options *opts, int quiet);
/* Warnings above @n make the run fail (-1: no limit). */
void al_options_set_max_warnings(al_options *opts, int n);
/* SARIF, GitHub and GitLab output hold at most @n findings, the most
 * severe first, and say how many were left out (-1: no limit). */
void al_options_set_max_results(al_options *opts, int n);
/* URL of the rule documentation, given to SARIF as each rule's helpUri
 * (NULL: none).  The string is copied. */
void al_options_set_doc_url(al_options *opts, const char *url);
/* Max number of pixels (width*height) accepted from a header. */
void al_options_set_max_pixels(al_options *opts, double pixels);
/* Called after each file when non-NULL (progress bar).  May be called from
 * any thread, serialised by the library. */
void al_options_set_progress(al_options *opts,
                             void (*cb)(void *data, int done, int total),
                             void *data);

/* Checks every image under @paths (files or folders, recursive) and returns
 * a report the caller frees with al_report_free().  A path that does not
 * exist is a tool failure: returns NULL, *err says which (caller g_free()s).
 * Broken images are findings, never failures. */
al_report *al_check_paths(const al_options *opts, const char *const *paths,
                          int n_paths, char **err);
void al_report_free(al_report *report);

/* Counts of findings by severity after options were applied. */
void al_report_counts(const al_report *report, int *errors, int *warnings,
                      int *infos);
int al_report_n_files(const al_report *report);
int al_report_n_sets(const al_report *report);
/* The exit status the command line should return for @report. */
al_exit al_report_exit_status(const al_report *report, const al_options *opts);

/* Writes @report in @fmt to @out.  @color: 1 to colour text output.
 * Returns AL_OK or AL_ERR_IO (write failed; message in *err). */
al_status al_report_write(const al_report *report, const al_options *opts,
                          al_report_format fmt, FILE *out, int color,
                          char **err);
/* Writes atomically to @path (temp file in the same folder + rename). */
al_status al_report_write_file(const al_report *report, const al_options *opts,
                               al_report_format fmt, const char *path,
                               char **err);

/* Prints every rule with default severity, thresholds and doc line. */
void al_rules_list(FILE *out);

/* The .assetlint.ini in the folder @start (or the folder of the file
 * @start) or in its nearest parent, up to the filesystem root.  Returns an
 * absolute path the caller g_free()s, or NULL when there is none. */
char *al_config_find(const char *start);
/* Baseline: known findings accepted for now, keyed by (path, rule, SHA-256
 * of the file's bytes), stored as JSON {"schema":1,"entries":[…]} with
 * paths relative to the baseline file's folder.  The working folder is
 * taken at al_baseline_load() / al_baseline_write(): keep it until
 * al_baseline_apply(). */
typedef struct al_baseline al_baseline;
/* Reads a baseline file.  Caller frees with al_baseline_free().  Missing
 * or malformed file: returns NULL and *err (caller g_free()s). */
al_baseline *al_baseline_load(const char *path, char **err);
void al_baseline_free(al_baseline *bl);
/* Removes the findings of @report that @bl holds, adds a "baseline-stale"
 * info finding for each entry that matched nothing, and recounts the
 * report.  Returns the number of findings removed. */
int al_baseline_apply(al_baseline *bl, al_report *report);
/* Writes every finding of @report as a baseline entry to @path, atomically
 * (temp file in the same folder + rename).  Returns AL_OK or AL_ERR_IO with
 * *err (caller g_free()s). */
al_status al_baseline_write(const al_report *report, const char *path,
                            char **err);

#ifdef __cplusplus
}
#endif
#endif
