/*
 * assetlint — checks Azure Marketplace offer images (logos and hero) against
 * the marketplace's image rules.
 *
 * This header is the whole library API; assetlint(3) describes it with a
 * complete example.  It needs only the C standard library: no GLib, libvips
 * or other header of the library's dependencies.
 *
 * Handles are opaque and come in al_x_new() / al_x_free() pairs; every
 * al_x_free(NULL) is a no-op.
 *
 * Memory: a string the library hands over to the caller (every *err
 * message, al_config_find()) is freed with al_free().  Pointers returned by
 * the accessors of a report (al_file, al_set, al_finding and their strings)
 * are owned by the report: valid until al_report_free() or
 * al_baseline_apply() on it, never freed by the caller.  Strings returned as
 * "const char *" by the name functions are static.
 *
 * Threads: every function may be called from any thread.  One al_options may
 * be shared by many threads checking concurrently (al_check_buffer(),
 * al_check_paths()) as long as no thread changes it at the same time: the
 * checks only read it.  A report may be read by many threads at once;
 * al_baseline_apply() and al_report_free() need it to themselves.
 */
#ifndef ASSETLINT_H
#define ASSETLINT_H

#include <stdio.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Marks the functions of the API.  The library is built with
 * -fvisibility=hidden, so the shared library exports these and nothing
 * else. */
#ifndef AL_API
#if defined(__GNUC__) || defined(__clang__)
#define AL_API __attribute__((visibility("default")))
#else
#define AL_API
#endif
#endif

/* The version this header belongs to ("MAJOR.MINOR.PATCH"); the shared
 * library's soname carries MAJOR (libassetlint.so.0). */
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
	AL_ERR_CANCELLED,     /* a callback stopped al_check_paths_stream() */
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
typedef struct al_file al_file;       /* one checked image: role, size, findings */
typedef struct al_set al_set;         /* one offer set (a folder): its files, findings */
typedef struct al_finding al_finding; /* one finding of a rule */

/* The library's version at run time ("MAJOR.MINOR.PATCH"); static. */
AL_API const char *al_version(void);
/* How the text rule reads text, one line, static: "tesseract 5.3.0 (eng
 * from DIR)", or why it checks without OCR (a build with TESSERACT=0, the
 * English model missing).  May load the OCR model to find out. */
AL_API const char *al_ocr_describe(void);

/* Frees a string the library handed over (*err messages,
 * al_config_find()).  al_free(NULL) is a no-op. */
AL_API void al_free(void *p);

/* Returns a static English description of @status. */
AL_API const char *al_strerror(al_status status);
/* Static lower-case names as the reports write them: "error", "hero",
 * "png".  al_format_name(AL_FMT_NONE) is NULL (not an image). */
AL_API const char *al_severity_name(al_severity sev);
AL_API const char *al_role_name(al_role role);
AL_API const char *al_format_name(al_format fmt);

/* Parses "off|info|warning|error".  Returns AL_OK or AL_ERR_USAGE. */
AL_API al_status al_severity_parse(const char *s, al_severity *out);
/* Parses a report format name ("json", …).  Returns AL_OK or AL_ERR_USAGE. */
AL_API al_status al_report_format_parse(const char *s, al_report_format *out);

/* ---- options ------------------------------------------------------------
 * Setters that take @err write a message there on failure (caller
 * al_free()s it); @err must not be NULL. */

/* New options with defaults (profile cpp-2020).  Caller frees with
 * al_options_free().  Returns NULL only when out of memory. */
AL_API al_options *al_options_new(void);
AL_API void al_options_free(al_options *opts);

/* Selects a profile by name.  Returns AL_OK, or AL_ERR_USAGE with *err
 * naming the known profiles. */
AL_API al_status al_options_set_profile(al_options *opts, const char *name,
                                        char **err);
/* Overrides a rule's severity (AL_SEV_OFF disables the rule).  Returns
 * AL_OK, or AL_ERR_USAGE with *err for an unknown rule id. */
AL_API al_status al_options_set_severity(al_options *opts, const char *rule_id,
                                         al_severity sev, char **err);
/* Sets the threshold "RULE.PARAM" to @value.  Returns AL_OK, or
 * AL_ERR_USAGE with *err when the key is unknown or @value is outside the
 * parameter's range (assetlint --list-rules shows both). */
AL_API al_status al_options_set_threshold(al_options *opts, const char *key,
                                          double value, char **err);
/* Loads an .assetlint.ini key file into @opts; on failure @opts may be
 * partly updated (discard it).  Returns AL_OK, AL_ERR_IO (cannot read) or
 * AL_ERR_CONFIG with *err as "FILE:LINE: message". */
AL_API al_status al_options_load_config(al_options *opts, const char *path,
                                        char **err);
/* Threads al_check_paths() uses: 0 = one per core (default).  Returns
 * AL_OK, or AL_ERR_USAGE when @n < 0 (@opts unchanged). */
AL_API al_status al_options_set_threads(al_options *opts, int n);
/* Warnings fail the run too (al_report_exit_status()). */
AL_API void al_options_set_strict(al_options *opts, int strict);
/* Text output shows error findings only and no summary line. */
AL_API void al_options_set_quiet(al_options *opts, int quiet);
/* Warnings above @n make the run fail; -1: no limit (default).  Returns
 * AL_OK, or AL_ERR_USAGE when @n < -1 (@opts unchanged). */
AL_API al_status al_options_set_max_warnings(al_options *opts, int n);
/* Leaves out of the walk of al_check_paths() the files and folders that
 * match @glob (.gitignore rules; anchored patterns start in the working
 * directory).  Returns AL_OK, or AL_ERR_USAGE with *err for a malformed
 * pattern. */
AL_API al_status al_options_add_exclude(al_options *opts, const char *glob,
                                        char **err);
/* Reads an ignore file (.assetlintignore): one pattern per line as for
 * al_options_add_exclude(), '#' comments, anchored patterns start in the
 * file's folder.  Returns AL_OK, or AL_ERR_CONFIG with *err ("FILE: why"
 * when it cannot be read, "FILE:LINE: message" for a malformed line). */
AL_API al_status al_options_load_ignore(al_options *opts, const char *path,
                                        char **err);
/* SARIF, GitHub and GitLab output hold at most @n findings, the most
 * severe first, and say how many were left out; -1: no limit (default).
 * Returns AL_OK, or AL_ERR_USAGE when @n < -1 (@opts unchanged). */
AL_API al_status al_options_set_max_results(al_options *opts, int n);
/* URL of the rule documentation, given to SARIF as each rule's helpUri
 * (NULL: none).  The string is copied. */
AL_API void al_options_set_doc_url(al_options *opts, const char *url);
/* Largest image (width * height from its header) that is decoded; larger
 * ones get a too-large finding.  Default 40e6.  Returns AL_OK, or
 * AL_ERR_USAGE unless 1 <= @pixels <= 1e12 (@opts unchanged). */
AL_API al_status al_options_set_max_pixels(al_options *opts, double pixels);
/* With @on, the check keeps what an HTML report shows of each file (the
 * image, its background and foreground masks) in a temporary file, so
 * that al_report_write() of AL_REPORT_HTML need not read and decode the
 * files again.  Off by default (other formats need none of it). */
AL_API void al_options_set_previews(al_options *opts, int on);
/* Called by al_check_paths() after each file when non-NULL (progress bar).
 * May be called from any thread, serialised by the library.
 * al_check_buffer() never calls it. */
AL_API void al_options_set_progress(al_options *opts,
                                    void (*cb)(void *data, int done, int total),
                                    void *data);
/* Called by al_check_paths() and al_check_paths_stream() on each thread
 * they start to check files, on that thread, before it checks its first
 * file, so that an application can ready per-thread state there (the
 * command line readies the thread's malloc heap).  Files checked on the
 * calling thread (one thread, or one file) do not call it. */
AL_API void al_options_set_thread_start(al_options *opts, void (*fn)(void *data),
                                        void *data);

/* ---- checking -------------------------------------------------------- */

/* Checks the one image @data (@len bytes, borrowed, only read) as if it were
 * the file @name: the name gives the role (and the extension compared with
 * the content) exactly as a path would.  Runs the file rules only: a lone
 * image is no offer set, so the report has one file and no set.  Touches
 * no file system.  Broken or oversized images are findings, never
 * failures.  On AL_OK *out is a report the caller frees with
 * al_report_free().  Returns AL_ERR_USAGE (NULL @opts, @name or @out, or
 * NULL @data with @len > 0) or AL_ERR_NOMEM with *out = NULL and, when @err
 * is not NULL, a message in *err (caller al_free()s). */
AL_API al_status al_check_buffer(const al_options *opts, const char *name,
                                 const void *data, size_t len,
                                 al_report **out, char **err);

/* Checks every image under @paths (files or folders, recursive); each
 * folder that holds images is one offer set.  Returns a report the caller
 * frees with al_report_free().  A path that does not exist is a tool
 * failure: returns NULL, *err says which (caller al_free()s; @err must not
 * be NULL).  Broken images are findings, never failures. */
AL_API al_report *al_check_paths(const al_options *opts,
                                 const char *const *paths, int n_paths,
                                 char **err);
AL_API void al_report_free(al_report *report);

/* Checks what al_check_paths() checks without keeping a report, handing
 * each result over as soon as it is final: @on_file gets every file in
 * path order, as soon as it and every file before it are checked; @on_set
 * gets every set once it is final -- after the files of every path under
 * its folder, so sets come in that order (a folder after its subfolders),
 * not sorted; a set's callback follows those of all its files.  Memory
 * does not grow with the number of files: a file is freed after its set's
 * callback (a file checked alone: after its own).
 *
 * The objects belong to the library: a file is valid until its set's
 * callback returns (a file checked alone: until its own callback
 * returns), a set until its callback returns.  A callback may read them
 * with the accessors below, write them (al_writer_add_file()) and change
 * their findings with al_baseline_apply_file() / al_baseline_apply_set().
 * The callbacks run on the calling thread, one at a time; either may be
 * NULL.  One that returns nonzero stops the run: no callback follows, and
 * the function returns AL_ERR_CANCELLED.  Otherwise returns AL_OK, or
 * AL_ERR_IO / AL_ERR_USAGE with *err (caller al_free()s; @err must not be
 * NULL) as al_check_paths() fails. */
typedef int (*al_file_fn)(void *data, al_file *file);
typedef int (*al_set_fn)(void *data, al_set *set);
AL_API al_status al_check_paths_stream(const al_options *opts,
                                       const char *const *paths, int n_paths,
                                       al_file_fn on_file, al_set_fn on_set,
                                       void *data, char **err);

/* ---- reading a report -------------------------------------------------
 * Files come sorted by path, sets by folder.  An index out of range, or a
 * NULL handle, gives NULL (pointers), 0 (counts) or the "none" value named
 * below.  The al_file, al_set and al_finding accessors need only the object
 * itself, not the report that holds it. */

/* Counts of findings by severity after options were applied. */
AL_API void al_report_counts(const al_report *report, int *errors,
                             int *warnings, int *infos);
/* The exit status the command line should return for @report. */
AL_API al_exit al_report_exit_status(const al_report *report,
                                     const al_options *opts);
/* The same from the counts of a run (al_check_paths_stream()): @errors
 * and @warnings findings after a baseline was applied. */
AL_API al_exit al_exit_status(const al_options *opts, int errors, int warnings);

AL_API int al_report_n_files(const al_report *report);
/* The @i-th file, 0 <= @i < al_report_n_files(); owned by the report. */
AL_API const al_file *al_report_file(const al_report *report, int i);
AL_API int al_report_n_sets(const al_report *report);
/* The @i-th set, 0 <= @i < al_report_n_sets(); owned by the report. */
AL_API const al_set *al_report_set(const al_report *report, int i);

/* The path as given (joined with the folders walked), or al_check_buffer()'s
 * name. */
AL_API const char *al_file_path(const al_file *file);
/* The role (AL_ROLE_UNKNOWN when neither the name nor the size tells), and
 * where it came from. */
AL_API al_role al_file_role(const al_file *file);
AL_API al_role_source al_file_role_source(const al_file *file);
/* Size in pixels as displayed (after EXIF orientation); 0 when not known
 * (the header could not be read). */
AL_API int al_file_width(const al_file *file);
AL_API int al_file_height(const al_file *file);
/* Format from the content's magic bytes; AL_FMT_NONE when not an image. */
AL_API al_format al_file_format(const al_file *file);
AL_API int al_file_n_findings(const al_file *file);
/* The @i-th finding of the file, in rule order; owned by the report. */
AL_API const al_finding *al_file_finding(const al_file *file, int i);

/* The set's folder. */
AL_API const char *al_set_path(const al_set *set);
/* The set's files, sorted by path; owned by the report. */
AL_API int al_set_n_files(const al_set *set);
AL_API const al_file *al_set_file(const al_set *set, int i);
/* Findings about the set as a whole (set-incomplete, distortion, …). */
AL_API int al_set_n_findings(const al_set *set);
AL_API const al_finding *al_set_finding(const al_set *set, int i);

/* The rule id ("background-white"), static. */
AL_API const char *al_finding_rule(const al_finding *finding);
/* The severity after options were applied (never AL_SEV_OFF). */
AL_API al_severity al_finding_severity(const al_finding *finding);
/* One line of English: what was measured, the limit and the fix. */
AL_API const char *al_finding_message(const al_finding *finding);
/* The region of the image the finding is about.  Returns 1 and stores it in
 * the non-NULL pointers, or 0 (and stores zeros) when it has none. */
AL_API int al_finding_region(const al_finding *finding, int *x, int *y,
                             int *w, int *h);
/* The value the rule measured and the limit it was compared with, in the
 * rule's unit (assetlint(1)); NaN when the finding has none. */
AL_API double al_finding_measured(const al_finding *finding);
AL_API double al_finding_limit(const al_finding *finding);

/* ---- writing a report ---------------------------------------------------- */

/* Writes @report in @fmt to @out.  @color: 1 to colour text output.
 * Returns AL_OK, AL_ERR_USAGE (unknown format) or AL_ERR_IO (write
 * failed), with *err on failure (caller al_free()s; not NULL). */
AL_API al_status al_report_write(const al_report *report,
                                 const al_options *opts, al_report_format fmt,
                                 FILE *out, int color, char **err);
/* Writes to @path: atomically (temp file in the same folder + rename; a
 * new file gets 0666 less the umask), or in place when @path exists and is
 * not a regular file (/dev/stdout, a device, a FIFO).  Returns as
 * al_report_write(); a failed write is AL_ERR_IO. */
AL_API al_status al_report_write_file(const al_report *report,
                                      const al_options *opts,
                                      al_report_format fmt, const char *path,
                                      char **err);

/* A report written as the results arrive (al_check_paths_stream()), in
 * every format but HTML: the files go out as they are added, in the order
 * added (add them in path order); what the formats put after the files --
 * the sets, sorted by path, the summary, the --max-results selection --
 * is kept in an unlinked temporary file until al_writer_finish(), so
 * memory does not grow with the number of files.  The output is the same
 * as al_report_write() of a report holding those files and sets.
 *
 * al_writer_new() writes to @out (not closed); al_writer_new_file() to
 * @path as al_report_write_file() does: atomically, at al_writer_finish().
 * Both return NULL (and *err when @err is not NULL) for an unknown format,
 * HTML, or a file that cannot be created.  al_writer_add_file() and
 * al_writer_add_set() return AL_OK or AL_ERR_IO (*err); after a failure
 * the writer writes nothing more.  al_writer_finish() writes the end and
 * returns AL_OK or AL_ERR_IO with *err (caller al_free()s).
 * al_writer_free() without al_writer_finish() leaves a file target as it
 * was. */
typedef struct al_writer al_writer;
AL_API al_writer *al_writer_new(const al_options *opts, al_report_format fmt,
                                FILE *out, int color, char **err);
AL_API al_writer *al_writer_new_file(const al_options *opts, al_report_format fmt,
                                     const char *path, char **err);
AL_API al_status al_writer_add_file(al_writer *w, const al_file *file, char **err);
AL_API al_status al_writer_add_set(al_writer *w, const al_set *set, char **err);
AL_API al_status al_writer_finish(al_writer *w, char **err);
AL_API void al_writer_free(al_writer *w);

/* Removes the temporary files of report and baseline writes in progress.
 * Async-signal-safe: a program's SIGINT/SIGTERM handler calls it before it
 * dies (the command line does), so no hidden temp file is left behind. */
AL_API void al_remove_temp_files(void);

/* Prints every rule with default severity, thresholds and doc line. */
AL_API void al_rules_list(FILE *out);

/* The .assetlint.ini in the folder @start (or the folder of the file
 * @start) or in its nearest parent, up to the filesystem root.  Returns an
 * absolute path the caller al_free()s, or NULL when there is none. */
AL_API char *al_config_find(const char *start);

/* ---- baseline -------------------------------------------------------------
 * Known findings accepted for now, keyed by (path, rule, SHA-256 of the
 * file's bytes), stored as JSON {"schema":1,"entries":[…]} with paths
 * relative to the baseline file's folder.  The working folder is taken at
 * al_baseline_load() / al_baseline_write(): keep it until
 * al_baseline_apply(). */
typedef struct al_baseline al_baseline;
/* Reads a baseline file.  Caller frees with al_baseline_free().  Missing
 * or malformed file: returns NULL and *err (caller al_free()s). */
AL_API al_baseline *al_baseline_load(const char *path, char **err);
AL_API void al_baseline_free(al_baseline *bl);
/* Removes the findings of @report that @bl holds, adds a "baseline-stale"
 * info finding for each entry that matched nothing, and recounts the
 * report.  Pointers read from @report before are invalid afterwards.
 * Returns the number of findings removed. */
AL_API int al_baseline_apply(al_baseline *bl, al_report *report);
/* The baseline in a streamed run (al_check_paths_stream()): in the file
 * callback, al_baseline_apply_file() removes the file's findings that @bl
 * holds and adds its baseline-stale notes; in the set callback,
 * al_baseline_apply_set() does the same for the set, with the notes of its
 * folder's files that the run did not check; after the run,
 * al_baseline_unchecked() returns the notes of the entries no file or set
 * of the run took, as a report of sets without files, sorted (caller
 * al_report_free()s).  The findings end up as al_baseline_apply() leaves
 * them on the whole report.  Apply a loaded baseline to one run only.
 * Both apply functions return the number of findings removed. */
AL_API int al_baseline_apply_file(al_baseline *bl, al_file *file);
AL_API int al_baseline_apply_set(al_baseline *bl, al_set *set);
AL_API al_report *al_baseline_unchecked(al_baseline *bl, const al_options *opts);
/* A baseline recorded as a run streams by: al_baseline_new() for the file
 * @path (paths are kept relative to its folder), al_baseline_add_file() and
 * al_baseline_add_set() for every file and set, al_baseline_save() writes
 * it as al_baseline_write() does.  Returns NULL for a NULL @path. */
AL_API al_baseline *al_baseline_new(const char *path);
AL_API void al_baseline_add_file(al_baseline *bl, const al_file *file);
AL_API void al_baseline_add_set(al_baseline *bl, const al_set *set);
AL_API al_status al_baseline_save(al_baseline *bl, const char *path, char **err);
/* Writes every finding of @report as a baseline entry to @path, atomically
 * (temp file in the same folder + rename).  Returns AL_OK or AL_ERR_IO with
 * *err (caller al_free()s). */
AL_API al_status al_baseline_write(const al_report *report, const char *path,
                                   char **err);

/* ---- making a set ---------------------------------------------------------
 * The images of an offer made from one master image of the mark (what
 * `assetlint make-set` does): the files of the options' profile, made in
 * memory, then written into a folder.  assetlint(1), MAKING A SET,
 * documents the layout and how the backgrounds are chosen. */
typedef struct al_makeset al_makeset;

/* A request with the defaults: background and hero background "auto",
 * padding 10 %, a hero, the wide logo from the master.  Caller frees with
 * al_makeset_free().  Returns NULL only when out of memory. */
AL_API al_makeset *al_makeset_new(void);
AL_API void al_makeset_free(al_makeset *ms);
/* The logos' background: "auto", "transparent" or a colour "#rrggbb" or
 * "#rgb".  Returns AL_OK, or AL_ERR_USAGE with *err (@ms unchanged). */
AL_API al_status al_makeset_set_background(al_makeset *ms, const char *spec,
                                           char **err);
/* The hero's background: "auto" or a colour (never transparent).
 * Returns AL_OK, or AL_ERR_USAGE with *err. */
AL_API al_status al_makeset_set_hero_background(al_makeset *ms,
                                                const char *spec, char **err);
/* Free border on each side of the mark, in per cent of the canvas's short
 * side.  Returns AL_OK, or AL_ERR_USAGE with *err unless 0 <= @pct <= 40. */
AL_API al_status al_makeset_set_padding(al_makeset *ms, double pct, char **err);
/* Makes the wide logo from the master image @path (the mark's own wide
 * layout); NULL: from the master.  The string is copied. */
AL_API void al_makeset_set_wide_master(al_makeset *ms, const char *path);
/* 0: make no hero. */
AL_API void al_makeset_set_hero(al_makeset *ms, int hero);
/* Reads the master image @master (PNG, JPEG, GIF, WebP or SVG) and makes
 * every file of @opts's profile in memory; @opts's rules and thresholds
 * decide which backgrounds are allowed.  Returns AL_OK; AL_ERR_IO,
 * AL_ERR_DECODE, AL_ERR_TOO_LARGE or AL_ERR_UNSUPPORTED when the master
 * cannot be used; AL_ERR_USAGE when the request breaks a rule (for
 * example a white mark on a transparent background: *err then suggests
 * colours).  On failure *err says why (caller al_free()s). */
AL_API al_status al_makeset_make(al_makeset *ms, const al_options *opts,
                                 const char *master, char **err);
/* After al_makeset_make(): the number of files made (0 before). */
AL_API int al_makeset_n_files(const al_makeset *ms);
/* The @i-th file's name ("Small.png"; static) and PNG bytes (owned by @ms,
 * *len bytes), 0 <= @i < al_makeset_n_files(); NULL otherwise. */
AL_API const char *al_makeset_file_name(const al_makeset *ms, int i);
AL_API const void *al_makeset_file_data(const al_makeset *ms, int i,
                                        size_t *len);
/* Writes what was made, as lines of text: the master, the backgrounds and
 * why, each file (under the folder @dir) with its size and the mark's box,
 * and notes for the user. */
AL_API void al_makeset_describe(const al_makeset *ms, const char *dir,
                                FILE *out);
/* Writes the files made into the folder @dir (created when missing), each
 * atomically (temporary file in @dir + rename).  Returns AL_OK, or
 * AL_ERR_USAGE (nothing made yet) or AL_ERR_IO with *err (caller
 * al_free()s). */
AL_API al_status al_makeset_write(const al_makeset *ms, const char *dir,
                                  char **err);

#ifdef __cplusplus
}
#endif
#endif
