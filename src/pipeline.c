/* The run: walk the paths, check each file on a thread pool (probe ->
 * decode -> measurements -> rules), group files into sets, run set rules. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "al_internal.h"
#include "ocr.h"

/* Registered in rules/registry.c; emitted here, not by checks of their own. */
extern const al_rule al_rule_unreadable;
extern const al_rule al_rule_symlink_outside;
extern const al_rule al_rule_internal_error;

/* Where the walk may go and what it reads (assetlint(1) SECURITY):
 *  - only entries under the checked roots: a symbolic link whose target
 *    resolves outside every folder given on the command line is not
 *    followed and gets a symlink-outside note on its folder;
 *  - each folder (device, inode) once, so links cannot loop;
 *  - only regular files, opened with O_NONBLOCK and checked with fstat() on
 *    the descriptor (a FIFO or a device never blocks or streams), and at
 *    most unreadable.max_file_mb of them;
 *  - every entry it cannot read (dangling or looping link, no permission,
 *    a path over PATH_MAX, a FIFO, a device) is an `unreadable` error,
 *    never a silent skip: the gate fails closed. */

static const char *const image_exts[] = {
	"png", "jpg", "jpeg", "jpe", "gif", "webp", "bmp", "tif", "tiff", "svg", "ico", NULL
};

static bool has_image_ext(const char *name)
{
	const char *dot = strrchr(name, '.');
	if (!dot)
		return false;
	for (int i = 0; image_exts[i]; i++)
		if (g_ascii_strcasecmp(dot + 1, image_exts[i]) == 0)
			return true;
	return false;
}

static const char *file_type_name(mode_t mode)
{
	return S_ISFIFO(mode) ? "a FIFO (named pipe)" : S_ISCHR(mode) ? "a character device"
	       : S_ISBLK(mode) ? "a block device" : S_ISSOCK(mode) ? "a socket"
	       : S_ISDIR(mode) ? "a folder" : "not a regular file";
}

/* The reason @err gives for @path, with the limit when the path is too
 * long.  Caller g_free()s. */
static char *errno_why(int err, const char *path)
{
	if (err == ENAMETOOLONG)
		return g_strdup_printf("the path is %zu bytes, over the system's limit "
		                       "of %d (PATH_MAX)", strlen(path), PATH_MAX);
	if (err == ELOOP)
		return g_strdup("symbolic link loop (too many levels of symbolic links)");
	return g_strdup(g_strerror(err));
}

/* Opens @path for reading if it is a regular file: O_NONBLOCK so that a
 * FIFO swapped in cannot block the open, fstat() on the descriptor so the
 * check and the read see the same file.  Returns the descriptor, or -1 with
 * the reason in *why (caller g_free()s). */
static int open_regular(const char *path, struct stat *st, char **why)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0) {
		*why = errno_why(errno, path);
		return -1;
	}
	if (fstat(fd, st) != 0) {
		*why = errno_why(errno, path);
		close(fd);
		return -1;
	}
	if (!S_ISREG(st->st_mode)) {
		*why = g_strdup_printf("%s, not a regular file; only regular files are read",
		                       file_type_name(st->st_mode));
		close(fd);
		return -1;
	}
	return fd;
}

/* Reads at most @max bytes of @fd.  Returns the bytes (caller g_free()s;
 * *len may be 0) or NULL with *why set: a read error, more than @max
 * bytes (a file that grew past its fstat() size too), or no memory for
 * the buffer (an input-sized allocation: it fails softly, see
 * al_try_malloc_n()). */
static char *read_capped(int fd, const struct stat *st, size_t max, size_t *len,
                         char **why)
{
	size_t cap = MIN((size_t)st->st_size, max) + 1, n = 0;
	char *buf = al_try_malloc_n(cap, 1);
	if (!buf) {
		*why = g_strdup_printf("out of memory for the file's %zu bytes", cap - 1);
		return NULL;
	}
	for (;;) {
		if (n == cap) {
			if (cap > max) {
				*why = g_strdup_printf("the file grew past the %zu MB read limit "
				                       "while it was read", max >> 20);
				g_free(buf);
				return NULL;
			}
			size_t ncap = MIN(cap * 2, max + 1);
			char *nb = al_try_malloc_n(ncap, 1);
			if (!nb) {
				*why = g_strdup_printf("out of memory for the file's %zu bytes", ncap);
				g_free(buf);
				return NULL;
			}
			memcpy(nb, buf, n);
			g_free(buf);
			buf = nb;
			cap = ncap;
		}
		ssize_t r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			*why = g_strdup_printf("read failed: %s", g_strerror(errno));
			g_free(buf);
			return NULL;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	*len = n;
	return buf;
}

/* See al_internal.h. */
size_t al_read_limit(const al_options *opts)
{
	return (size_t)(al_param_get(opts, &al_rule_unreadable, "max_file_mb") * 1048576.0);
}

/* See al_internal.h. */
al_status al_read_file(const char *path, size_t max, char **data, size_t *len, char **why)
{
	struct stat st;
	al_status st_ = AL_OK;
	*data = NULL;
	*len = 0;
	int fd = open_regular(path, &st, why);
	if (fd < 0)
		return AL_ERR_IO;
	if ((uintmax_t)st.st_size > max) {
		*why = g_strdup_printf("the file is %.1f MB, over the %zu MB read limit "
		                       "(unreadable.max_file_mb); not read",
		                       st.st_size / 1048576.0, max >> 20);
		st_ = AL_ERR_TOO_LARGE;
	} else {
		*data = read_capped(fd, &st, max, len, why);
		if (!*data)
			st_ = AL_ERR_IO;
	}
	close(fd);
	return st_;
}

/* 1 when @path's first bytes are an image's, 0 when not, -1 when it cannot
 * be read (reason in *why, caller g_free()s).  A PNG saved as "logo" must
 * not slip through. */
static int sniffs_as_image(const char *path, char **why)
{
	uint8_t buf[1024];
	struct stat st;
	int fd = open_regular(path, &st, why);
	if (fd < 0)
		return -1;
	ssize_t n;
	do
		n = read(fd, buf, sizeof buf);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		*why = g_strdup_printf("read failed: %s", g_strerror(errno));
	close(fd);
	if (n < 0)
		return -1;
	return n > 0 && al_sniff(buf, (size_t)n) != AL_FMT_NONE;
}

/* A finding the walk makes about a folder: it goes to the set of @set
 * (created when the folder holds no image) after the set rules ran. */
typedef struct {
	char *set;
	const al_rule *rule;
	char *message;
} walk_note;

static void walk_note_free(walk_note *n)
{
	g_free(n->set);
	g_free(n->message);
	g_free(n);
}

/* What the walk keeps of a file until it is checked: its path and set
 * folder are packed in walk_state.strings (the set folder once for all
 * of its files), so a file costs its path's bytes and 24 more, not a
 * result (the run creates those a window at a time). */
typedef struct {
	const char *path;        /* in walk_state.strings */
	const char *set;         /* set folder in walk_state.strings, NULL when
	                          * checked alone */
	char *unreadable;        /* why the walk cannot read it, or NULL; owned */
} walk_file;

static void walk_file_clear(gpointer p)
{
	g_free(((walk_file *)p)->unreadable);
}

/* The folders already walked, by (device, inode): an open-addressing set
 * of 16 bytes a folder, so that links cannot loop and a folder reached
 * twice is walked once. */
typedef struct {
	dev_t dev;
	ino_t ino;
} dir_id;

typedef struct {
	dir_id *slot;
	bool *used;
	size_t cap, n;           /* cap: a power of two */
} dir_set;

static size_t dir_slot(const dir_set *s, dir_id id)
{
	uint64_t h = ((uint64_t)id.ino * 0x9E3779B97F4A7C15u) ^ (uint64_t)id.dev;
	size_t i = (size_t)(h ^ (h >> 29)) & (s->cap - 1);
	while (s->used[i] && !(s->slot[i].dev == id.dev && s->slot[i].ino == id.ino))
		i = (i + 1) & (s->cap - 1);
	return i;
}

/* Adds @id; false when it was there already. */
static bool dir_set_add(dir_set *s, dir_id id)
{
	if (2 * (s->n + 1) > s->cap) {
		dir_set bigger = { .cap = s->cap ? 2 * s->cap : 64 };
		bigger.slot = g_new(dir_id, bigger.cap);
		bigger.used = g_new0(bool, bigger.cap);
		for (size_t i = 0; i < s->cap; i++)
			if (s->used[i]) {
				size_t j = dir_slot(&bigger, s->slot[i]);
				bigger.slot[j] = s->slot[i];
				bigger.used[j] = true;
			}
		bigger.n = s->n;
		g_free(s->slot);
		g_free(s->used);
		*s = bigger;
	}
	size_t i = dir_slot(s, id);
	if (s->used[i])
		return false;
	s->slot[i] = id;
	s->used[i] = true;
	s->n++;
	return true;
}

static void dir_set_clear(dir_set *s)
{
	g_free(s->slot);
	g_free(s->used);
	memset(s, 0, sizeof *s);
}

typedef struct {
	const al_options *opts;
	GPtrArray *roots;        /* resolved absolute paths of the folders given */
	dir_set seen_dirs;       /* folders already walked */
	GHashTable *named;       /* path of a file named on the command line ->
	                          * its index in @files + 1 (keys borrowed) */
	GStringChunk *strings;   /* the paths and set folders of @files */
	GArray *files;           /* of walk_file */
	GPtrArray *notes;        /* of walk_note* */
} walk_state;

/* A file found by walking a folder belongs to that folder's set (@set,
 * in w->strings; see dir_set_name()).  A file named on the command line
 * (@set NULL) is checked alone: it has no set, so no set rule judges the
 * siblings that were not given (a pre-commit hook passes only the
 * changed files).  Walking its folder as well makes it a member of the
 * set again.  @unreadable (taken, may be NULL) is why the walk cannot
 * read the entry.  A walked path is new but for the files named: each
 * folder is walked once, under one path. */
static void add_file(walk_state *w, const char *path, const char *set, char *unreadable)
{
	guint at = GPOINTER_TO_UINT(g_hash_table_lookup(w->named, path));
	if (at) {
		walk_file *r = &g_array_index(w->files, walk_file, at - 1);
		if (set && !r->set)
			r->set = set;
		g_free(unreadable);
		return;
	}
	walk_file r = {
		.path = g_string_chunk_insert(w->strings, path),
		.set = set,
		.unreadable = unreadable,
	};
	g_array_append_val(w->files, r);
	if (!set)
		g_hash_table_insert(w->named, (gpointer)r.path, GUINT_TO_POINTER(w->files->len));
}

/* The set of the files of a folder: the folder of its entry @p, kept in
 * *@set once the first of them asks.  errno is left as it was (callers
 * read it in the same call). */
static const char *dir_set_name(walk_state *w, const char *p, const char **set)
{
	if (!*set) {
		int e = errno;
		char *d = g_path_get_dirname(p);
		*set = g_string_chunk_insert(w->strings, d);
		g_free(d);
		errno = e;
	}
	return *set;
}

static void add_note(walk_state *w, const char *set, const al_rule *rule, char *message)
{
	walk_note *n = g_new0(walk_note, 1);
	n->set = g_strdup(set);
	n->rule = rule;
	n->message = message;
	g_ptr_array_add(w->notes, n);
}

/* True when the resolved path @real is one of the roots or inside one. */
static bool inside_roots(const walk_state *w, const char *real)
{
	for (guint i = 0; i < w->roots->len; i++) {
		const char *root = g_ptr_array_index(w->roots, i);
		size_t n = strlen(root);
		if (strcmp(root, "/") == 0 ||
		    (strncmp(real, root, n) == 0 && (real[n] == '\0' || real[n] == '/')))
			return true;
	}
	return false;
}

/* The target text of the link @name in the folder @dfd ("?" when it cannot
 * be read).  Caller g_free()s. */
static char *link_text(int dfd, const char *name)
{
	char buf[PATH_MAX];
	ssize_t n = readlinkat(dfd, name, buf, sizeof buf - 1);
	if (n < 0)
		return g_strdup("?");
	buf[n] = '\0';
	return g_strdup(buf);
}

static int cmp_str(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk_dir(walk_state *w, const char *dir, const char *parent);

/* One entry @name of the folder @dir (open as @dfd), whose set name is
 * kept in *@set (see dir_set_name()).  lstat() first: a link is resolved
 * and must stay inside the roots before anything follows it. */
static void walk_entry(walk_state *w, const char *dir, int dfd, const char *name,
                       const char **set)
{
	char *p = g_build_filename(dir, name, NULL);
	struct stat st;

	/* --exclude and .assetlintignore: by name first (a pattern that is
	 * not for folders only), then folders once their type is known. */
	if (al_excluded(w->opts, p, false, false))
		goto out;
	if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
		add_file(w, p, dir_set_name(w, p, set), errno_why(errno, p));
		goto out;
	}
	if (S_ISLNK(st.st_mode)) {
		char *target = link_text(dfd, name);
		char *real = realpath(p, NULL);
		bool follow = false;
		if (!real) {
			int e = errno;
			add_file(w, p, dir_set_name(w, p, set), e == ENOENT
			         ? g_strdup_printf("dangling symbolic link: its target '%s' does not exist", target)
			         : e == ELOOP
			         ? g_strdup_printf("symbolic link loop: its target '%s' links back "
			                           "(too many levels of symbolic links)", target)
			         : errno_why(e, p));
		} else if (!inside_roots(w, real)) {
			bool same = strcmp(target, real) == 0;
			add_note(w, dir, &al_rule_symlink_outside,
			         g_strdup_printf("'%s' is a symbolic link to '%s'%s%s%s, outside the "
			                         "checked folders; not followed", p, target,
			                         same ? "" : " (", same ? "" : real, same ? "" : ")"));
		} else if (stat(real, &st) != 0) {
			add_file(w, p, dir_set_name(w, p, set), errno_why(errno, p));
		} else {
			follow = true;
		}
		g_free(target);
		free(real);
		if (!follow)
			goto out;
	}
	if (S_ISDIR(st.st_mode) && al_excluded(w->opts, p, true, false))
		goto out;
	if (S_ISDIR(st.st_mode)) {
		if (name[0] != '.')
			walk_dir(w, p, dir);
	} else if (!S_ISREG(st.st_mode)) {
		add_file(w, p, dir_set_name(w, p, set),
		         g_strdup_printf("%s, not a regular file; only regular files are read",
		                         file_type_name(st.st_mode)));
	} else if (has_image_ext(name)) {
		add_file(w, p, dir_set_name(w, p, set), NULL);
	} else {
		char *why = NULL;
		int is = sniffs_as_image(p, &why);
		if (is != 0)
			add_file(w, p, dir_set_name(w, p, set), why);
	}
out:
	g_free(p);
}

/* Walks @dir recursively in name order; @parent is the folder it was found
 * in (NULL for a root), which gets the note when @dir cannot be read. */
static void walk_dir(walk_state *w, const char *dir, const char *parent)
{
	struct stat st;
	DIR *d = opendir(dir);
	if (!d || fstat(dirfd(d), &st) != 0) {
		char *why = errno_why(errno, dir);
		add_note(w, parent ? parent : dir, &al_rule_unreadable,
		         g_strdup_printf("the folder '%s' cannot be read: %s; its images are "
		                         "not checked", dir, why));
		g_free(why);
		if (d)
			closedir(d);
		return;
	}
	if (!dir_set_add(&w->seen_dirs, (dir_id){ st.st_dev, st.st_ino })) {
		closedir(d);
		return;
	}

	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	struct dirent *e;
	errno = 0;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			g_ptr_array_add(names, g_strdup(e->d_name));
	if (errno != 0) {
		char *why = errno_why(errno, dir);
		add_note(w, dir, &al_rule_unreadable,
		         g_strdup_printf("the folder '%s' could not be read to the end: %s; "
		                         "some of its images may not be checked", dir, why));
		g_free(why);
	}
	g_ptr_array_sort(names, cmp_str);
	const char *set = NULL;
	for (guint i = 0; i < names->len; i++)
		walk_entry(w, dir, dirfd(d), g_ptr_array_index(names, i), &set);
	closedir(d);
	g_ptr_array_free(names, TRUE);
}

/* ---- one file ---------------------------------------------------------- */

static al_role role_from_patterns(const al_options *opts, const char *path)
{
	char *base = g_path_get_basename(path);
	char *lower = g_ascii_strdown(base, -1);
	al_role role = AL_ROLE_UNKNOWN;
	for (int r = 0; r <= AL_ROLE_HERO && role == AL_ROLE_UNKNOWN; r++) {
		GPtrArray *pats = opts->role_patterns[r];
		for (guint i = 0; pats && i < pats->len; i++)
			if (g_pattern_match_simple(g_ptr_array_index(pats, i), lower)) {
				role = (al_role)r;
				break;
			}
	}
	g_free(lower);
	g_free(base);
	return role;
}

/* See al_internal.h. */
void al_check_failed(al_ctx *ctx, const char *fmt, ...)
{
	const al_rule *rule = ctx->rule;
	va_list ap;
	va_start(ap, fmt);
	char *why = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	ctx->rule = &al_rule_internal_error;
	al_emit(ctx, AL_SEV_OFF, NULL, false, 0, 0,
	        "%s%s%s could not run: %s; the file is not fully checked",
	        rule ? "rule '" : "the pixel rules", rule ? rule->id : "", rule ? "'" : "", why);
	ctx->rule = rule;
	g_free(why);
}

static void run_stage(al_ctx *ctx, al_stage stage)
{
	for (const al_rule *const *r = al_rules(); *r; r++) {
		if ((*r)->stage != stage || !(*r)->check)
			continue;
		if (!((*r)->roles & AL_ROLEBIT(ctx->content_role)))
			continue;
		if (al_rule_severity(ctx->opts, *r) == AL_SEV_OFF)
			continue;
		ctx->rule = *r;
		(*r)->check(ctx);
	}
}

al_file_result *al_file_result_new(const char *path)
{
	al_file_result *r = g_new0(al_file_result, 1);
	r->path = g_strdup(path);
	r->findings = g_ptr_array_new_with_free_func((GDestroyNotify)al_finding_free);
	return r;
}

static void check_data(al_file_result *res, const al_options *opts, const uint8_t *data,
                       size_t len, const char *unread, al_memticket *ticket);

static void check_file(al_file_result *res, const al_options *opts, al_memticket *ticket)
{
	char *data = NULL;
	size_t len = 0;
	char *unreadable = res->unreadable ? g_strdup(res->unreadable) : NULL;

	if (!unreadable)
		al_read_file(res->path, al_read_limit(opts), &data, &len, &unreadable);
	check_data(res, opts, (const uint8_t *)data, len, unreadable, ticket);
	g_free(unreadable);
	g_free(data);
}

void al_check_data(al_file_result *res, const al_options *opts,
                   const uint8_t *data, size_t len, const char *unread)
{
	check_data(res, opts, data, len, unread, NULL);
}

/* @ticket (may be NULL): the file's share of the memory budget, grown by
 * the decode's estimate once the header is read. */
static void check_data(al_file_result *res, const al_options *opts, const uint8_t *data,
                       size_t len, const char *unread, al_memticket *ticket)
{
	const al_profile *profile = opts->profile;
	al_info info = { 0 };
	al_image img = { 0 };
	al_measure m = { 0 };
	char why[256] = "";
	al_ctx ctx = { .opts = opts, .profile = profile, .res = res, .path = res->path };

	ctx.probe_status = AL_ERR_DECODE;
	ctx.decode_status = AL_ERR_DECODE;
	ctx.decode_why = why;
	res->role = role_from_patterns(opts, res->path);
	if (res->role == AL_ROLE_UNKNOWN)
		res->role = al_role_from_name(res->path, profile);
	res->role_source = res->role != AL_ROLE_UNKNOWN ? AL_ROLE_FROM_FILENAME : AL_ROLE_FROM_NONE;

	/* A file that cannot be read gets one `unreadable` finding and nothing
	 * else: there is nothing for the other rules to look at.  Bytes from
	 * memory meet the same read limit as a file's. */
	size_t limit = al_read_limit(opts);
	if (!unread && len > limit) {
		ctx.rule = &al_rule_unreadable;
		al_emit(&ctx, AL_SEV_OFF, NULL, false, 0, 0, "cannot read: the image is %.1f MB, "
		        "over the %zu MB read limit (unreadable.max_file_mb); not read",
		        len / 1048576.0, limit >> 20);
		return;
	}
	if (unread) {
		ctx.rule = &al_rule_unreadable;
		al_emit(&ctx, AL_SEV_OFF, NULL, false, 0, 0, "cannot read: %s", unread);
		return;
	}
	if (len == 0) {
		g_strlcpy(why, "empty file (0 bytes)", sizeof why);
	} else {
		char *hash = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)data, len);
		g_strlcpy(res->content_hash, hash, sizeof res->content_hash);
		g_free(hash);
		ctx.data = data;
		ctx.len = len;
		ctx.probe_status = al_probe(ctx.data, len, &info, why, sizeof why);
	}

	if (ctx.probe_status == AL_OK) {
		ctx.info = &info;
		res->format = info.format;
		bool swap = info.orientation >= 5 && info.orientation <= 8;
		res->width = swap ? info.height : info.width;
		res->height = swap ? info.width : info.height;
		if ((double)info.width * info.height > opts->max_pixels) {
			ctx.decode_status = AL_ERR_TOO_LARGE;
			g_snprintf(why, sizeof why, "refused before decoding");
		} else {
			/* a file far larger than its role is decoded reduced; the
			 * role's budget when the name or the exact size says it */
			al_role r = res->role != AL_ROLE_UNKNOWN ? res->role
			          : al_role_from_size(profile, res->width, res->height);
			size_t max_px = al_decode_budget(profile, r);
			al_membudget_grow(ticket, al_decode_cost(info.width, info.height, max_px));
			ctx.decode_status = al_decode_max(ctx.data, len, &info, max_px,
			                                  &img, why, sizeof why);
			if (ctx.decode_status == AL_OK) {
				res->width = img.full_width;
				res->height = img.full_height;
			}
		}
	} else {
		/* The format may still be known from the magic bytes. */
		res->format = ctx.data ? al_sniff(ctx.data, len) : AL_FMT_NONE;
	}

	if (res->role == AL_ROLE_UNKNOWN && res->width > 0) {
		res->role = al_role_from_size(profile, res->width, res->height);
		if (res->role != AL_ROLE_UNKNOWN)
			res->role_source = AL_ROLE_FROM_DIMENSIONS;
	}
	ctx.content_role = res->role;
	if (ctx.content_role == AL_ROLE_UNKNOWN && res->width > 0)
		ctx.content_role = al_role_nearest(profile, res->width, res->height);

	run_stage(&ctx, AL_STAGE_HEADER);

	if (ctx.decode_status == AL_ERR_NOMEM) {
		/* The file is not at fault: its check could not run. */
		ctx.rule = NULL;
		al_check_failed(&ctx, "decoding the %dx%d image ran out of memory",
		                info.width, info.height);
	}
	al_status mst = ctx.decode_status == AL_OK ? al_measure_compute(&m, &img, opts) : AL_ERR_DECODE;
	if (ctx.decode_status == AL_OK && mst != AL_OK) {
		/* The pixel rules cannot run without the measurements. */
		ctx.rule = NULL;
		al_check_failed(&ctx, "computing the shared measurements of the %dx%d image "
		                "failed (%s)", img.width, img.height, al_strerror(mst));
	}
	if (mst == AL_OK) {
		ctx.img = &img;
		ctx.m = &m;
		res->bg_kind = m.bg_kind;
		memcpy(res->bg_rgb, m.bg_rgb, 3);
		res->bg_coverage = m.bg_coverage;
		al_mark_compute(&res->mark, &m);
		/* boxes the set rules compare are in the image's pixels */
		al_image_region_to_full(&img, &res->mark.bbox);
		for (int i = 0; i < res->mark.n_parts; i++)
			al_image_region_to_full(&img, &res->mark.part[i].bbox);
		run_stage(&ctx, AL_STAGE_PIXELS);
	}
	if (opts->previews)
		al_preview_make(opts->previews, res, data, len,
		                ctx.probe_status == AL_OK ? &info : NULL,
		                ctx.decode_status == AL_OK ? &img : NULL,
		                mst == AL_OK ? &m : NULL,
		                ctx.decode_status == AL_ERR_TOO_LARGE ? NULL : why);

	al_measure_clear(&m);
	g_free(img.rgba);
}

/* ---- the run ------------------------------------------------------------ */

/* @path relative to the working folder when it lies inside it (a report
 * reads "cfg/.assetlint.ini", not a build machine's absolute path), else
 * as it is; NULL for NULL.  Caller g_free()s. */
char *al_config_shown(const char *path)
{
	if (!path)
		return NULL;
	char *cwd = g_get_current_dir();
	char *abs = g_canonicalize_filename(path, cwd);
	size_t n = strlen(cwd);
	char *res = strncmp(abs, cwd, n) == 0 && abs[n] == '/' && n > 1
	            ? g_strdup(abs + n + 1) : g_strdup(path);
	g_free(abs);
	g_free(cwd);
	return res;
}

static int cmp_set(gconstpointer a, gconstpointer b)
{
	const al_set_result *x = *(al_set_result *const *)a;
	const al_set_result *y = *(al_set_result *const *)b;
	return strcmp(x->path, y->path);
}

static int cmp_walk_file(gconstpointer a, gconstpointer b)
{
	return strcmp(((const walk_file *)a)->path, ((const walk_file *)b)->path);
}

static void set_result_free(al_set_result *s)
{
	if (!s)
		return;
	g_free(s->path);
	g_ptr_array_free(s->files, TRUE);
	g_ptr_array_free(s->findings, TRUE);
	g_free(s);
}

void al_file_result_free(al_file_result *r)
{
	if (!r)
		return;
	g_free(r->path);
	g_free(r->set);
	g_free(r->unreadable);
	g_ptr_array_free(r->findings, TRUE);
	al_preview_free(r->preview);
	g_free(r);
}

static al_set_result *set_new(const char *path)
{
	al_set_result *s = g_new0(al_set_result, 1);
	s->path = g_strdup(path);
	s->files = g_ptr_array_new();
	s->findings = g_ptr_array_new_with_free_func((GDestroyNotify)al_finding_free);
	return s;
}

const al_file_result *al_set_first_of_role(const al_set_result *set, al_role role)
{
	for (guint i = 0; i < set->files->len; i++) {
		const al_file_result *f = g_ptr_array_index(set->files, i);
		if (f->role == role)
			return f;
	}
	return NULL;
}

const char *al_file_basename(const al_file_result *f)
{
	const char *s = strrchr(f->path, '/');
	return s ? s + 1 : f->path;
}

void al_report_recount(al_report *rep)
{
	rep->errors = rep->warnings = rep->infos = 0;
	for (guint i = 0; i < rep->files->len + rep->sets->len; i++) {
		GPtrArray *fs = i < rep->files->len
			? ((al_file_result *)g_ptr_array_index(rep->files, i))->findings
			: ((al_set_result *)g_ptr_array_index(rep->sets, i - rep->files->len))->findings;
		for (guint j = 0; j < fs->len; j++) {
			al_finding *f = g_ptr_array_index(fs, j);
			if (f->severity == AL_SEV_ERROR)
				rep->errors++;
			else if (f->severity == AL_SEV_WARNING)
				rep->warnings++;
			else if (f->severity == AL_SEV_INFO)
				rep->infos++;
		}
	}
}

/* ---- the run, streamed --------------------------------------------------
 *
 * The walk lists the files (paths only) and sorts them.  They are checked
 * on the pool a window at a time and handed to the sink in path order (a
 * reorder buffer of `window` results), so memory does not grow with the
 * number of files.  A file stays alive, in its set, until the set is
 * final; a set is final when the run has passed every path under its
 * folder: all of its files are done and its set rules can run.  Sorted
 * paths put everything under "DIR/" together, so the sets still open
 * are nested folders -- a stack.  A folder the walk left a note on but
 * that holds no image is a set without files, opened at its place in
 * that order. */

typedef struct run_state run_state;

typedef struct {
	run_state *rs;
	al_file_result *res;
	bool done;
} run_job;

struct run_state {
	const al_options *opts;
	const al_sink *sink;
	GMutex lock;
	GCond cond;
	int done, total;
	run_job *ring;           /* results in flight, index % window */
	guint window;
	GPtrArray *open;         /* of al_set_result*: sets not final yet, nested */
	GHashTable *notes;       /* set path -> GPtrArray of walk_note* (borrowed) */
	GPtrArray *note_sets;    /* sorted set paths of @notes (borrowed) */
	guint next_note_set;
	bool stopped;            /* a callback of the sink asked to stop */
	al_membudget budget;     /* memory of the files in flight */
};

/* "DIR/": what every path under the folder @dir starts with. */
static bool under(const char *dir, const char *path)
{
	size_t n = strlen(dir);
	if (strncmp(path, dir, n) != 0)
		return false;
	return (n > 0 && dir[n - 1] == '/') || path[n] == '/';
}

static void run_file_done(run_state *rs, al_file_result *f)
{
	if (!rs->stopped && rs->sink->file(rs->sink->data, f) != 0)
		rs->stopped = true;
}

/* The set on top of the stack is final: set rules, then the walk's notes
 * on its folder, then the sink.  A folder without images gets its notes
 * only: the set rules do not judge it (there is no offer to judge), and
 * the notes still show in every report format. */
static void run_close_set(run_state *rs)
{
	al_set_result *s = g_ptr_array_steal_index(rs->open, rs->open->len - 1);
	const al_options *opts = rs->opts;

	if (s->files->len > 0) {
		al_set_ctx sctx = { .opts = opts, .profile = opts->profile, .set = s };
		for (const al_rule *const *r = al_rules(); *r; r++) {
			if ((*r)->stage != AL_STAGE_SET || !(*r)->check_set ||
			    al_rule_severity(opts, *r) == AL_SEV_OFF)
				continue;
			sctx.rule = *r;
			(*r)->check_set(&sctx);
		}
	}
	GPtrArray *notes = g_hash_table_lookup(rs->notes, s->path);
	for (guint i = 0; notes && i < notes->len; i++) {
		const walk_note *n = g_ptr_array_index(notes, i);
		al_set_ctx sctx = { .opts = opts, .profile = opts->profile, .rule = n->rule, .set = s };
		al_emit_set(&sctx, AL_SEV_OFF, "%s", n->message);
	}
	if (!rs->stopped && rs->sink->set(rs->sink->data, s) != 0)
		rs->stopped = true;
	if (!rs->sink->keep) {
		g_ptr_array_set_free_func(s->files, (GDestroyNotify)al_file_result_free);
		set_result_free(s);
	}
}

/* Closes the open sets whose folder does not hold @path (all of them for
 * NULL), deepest first. */
static void run_close_until(run_state *rs, const char *path)
{
	while (rs->open->len > 0) {
		const al_set_result *top = g_ptr_array_index(rs->open, rs->open->len - 1);
		if (path && under(top->path, path))
			break;
		run_close_set(rs);
	}
}

/* The open set of folder @dir, opened when it is not on top. */
static al_set_result *run_open_set(run_state *rs, const char *dir)
{
	if (rs->open->len > 0) {
		al_set_result *top = g_ptr_array_index(rs->open, rs->open->len - 1);
		if (strcmp(top->path, dir) == 0)
			return top;
	}
	al_set_result *s = set_new(dir);
	g_ptr_array_add(rs->open, s);
	return s;
}

/* Opens the sets of the walk's notes that come before @path ("DIR/" sorts
 * where the folder's paths begin); all remaining ones for NULL. */
static void run_note_sets_until(run_state *rs, const char *path)
{
	while (rs->next_note_set < rs->note_sets->len) {
		const char *dir = g_ptr_array_index(rs->note_sets, rs->next_note_set);
		char *key = g_str_has_suffix(dir, "/") ? g_strdup(dir) : g_strconcat(dir, "/", NULL);
		bool before = !path || strcmp(key, path) <= 0;
		g_free(key);
		if (!before)
			break;
		run_close_until(rs, dir);
		run_open_set(rs, dir);
		rs->next_note_set++;
	}
}

/* Hands the checked @f over: to its set (which keeps it until final) and
 * to the sink. */
static void run_deliver(run_state *rs, al_file_result *f)
{
	run_note_sets_until(rs, f->path);
	run_close_until(rs, f->path);
	if (f->set) {
		al_set_result *s = run_open_set(rs, f->set);
		g_ptr_array_add(s->files, f);
		run_file_done(rs, f);
	} else {
		run_file_done(rs, f);
		if (!rs->sink->keep)
			al_file_result_free(f);
	}
}

static void run_progress(run_state *rs)
{
	if (!rs->opts->progress)
		return;
	g_mutex_lock(&rs->lock);
	rs->done++;
	rs->opts->progress(rs->opts->progress_data, rs->done, rs->total);
	g_mutex_unlock(&rs->lock);
}

/* Checks one file within the memory budget of the files in flight: the
 * file's bytes first, its decode's share once its header is read. */
static void run_check(run_state *rs, al_file_result *res)
{
	struct stat st;
	al_memticket t = al_membudget_take(&rs->budget, stat(res->path, &st) == 0 && S_ISREG(st.st_mode)
	                                   ? MIN((size_t)st.st_size, al_read_limit(rs->opts)) : 0);
	check_file(res, rs->opts, &t);
	al_membudget_give(&t);
}

static void run_pool_func(gpointer item, gpointer user)
{
	run_job *job = item;
	run_state *rs = job->rs;
	run_check(rs, job->res);
	g_mutex_lock(&rs->lock);
	job->done = true;
	g_cond_broadcast(&rs->cond);
	if (rs->opts->progress) {
		rs->done++;
		rs->opts->progress(rs->opts->progress_data, rs->done, rs->total);
	}
	g_mutex_unlock(&rs->lock);
}

static al_file_result *result_for(walk_file *wf)
{
	al_file_result *r = al_file_result_new(wf->path);
	r->set = g_strdup(wf->set);
	r->unreadable = wf->unreadable;
	wf->unreadable = NULL;
	return r;
}

/* Checks the walked @files (sorted) and hands every file and set to
 * @sink; the walk's @notes go to the sets of their folders.  Returns true
 * when a callback of the sink stopped the run. */
static bool run_files(const al_options *opts, GArray *files, GPtrArray *notes,
                      const al_sink *sink)
{
	run_state rs = { .opts = opts, .sink = sink, .total = (int)files->len };
	int threads = opts->threads > 0 ? opts->threads : (int)g_get_num_processors();
	GThreadPool *pool = NULL;

	g_mutex_init(&rs.lock);
	g_cond_init(&rs.cond);
	al_membudget_init(&rs.budget, AL_MEM_BUDGET);
	rs.open = g_ptr_array_new();
	rs.notes = g_hash_table_new_full(g_str_hash, g_str_equal, NULL,
	                                 (GDestroyNotify)g_ptr_array_unref);
	rs.note_sets = g_ptr_array_new();
	for (guint i = 0; i < notes->len; i++) {
		walk_note *n = g_ptr_array_index(notes, i);
		GPtrArray *list = g_hash_table_lookup(rs.notes, n->set);
		if (!list) {
			list = g_ptr_array_new();
			g_hash_table_insert(rs.notes, n->set, list);
			g_ptr_array_add(rs.note_sets, n->set);
		}
		g_ptr_array_add(list, n);
	}
	g_ptr_array_sort(rs.note_sets, cmp_str);

	/* Enough results in flight to keep every thread busy while the
	 * oldest one, which the sink waits for, is finishing. */
	rs.window = threads <= 1 || files->len <= 1 ? 1 : (guint)threads * 4;
	rs.ring = g_new0(run_job, rs.window);
	al_ocr_begin();         /* OCR engines live until the files are done */
	if (rs.window > 1)
		pool = g_thread_pool_new(run_pool_func, &rs, threads, TRUE, NULL);

	guint next = 0, pushed = 0, n = files->len;
	while (next < n && !rs.stopped) {
		for (; pushed < n && pushed < next + rs.window; pushed++) {
			run_job *job = &rs.ring[pushed % rs.window];
			job->rs = &rs;
			job->res = result_for(&g_array_index(files, walk_file, pushed));
			job->done = false;
			if (pool)
				g_thread_pool_push(pool, job, NULL);
		}
		run_job *job = &rs.ring[next % rs.window];
		if (pool) {
			g_mutex_lock(&rs.lock);
			while (!job->done)
				g_cond_wait(&rs.cond, &rs.lock);
			g_mutex_unlock(&rs.lock);
		} else {
			run_check(&rs, job->res);
			run_progress(&rs);
		}
		run_deliver(&rs, job->res);
		job->res = NULL;
		next++;
	}
	if (pool)
		g_thread_pool_free(pool, FALSE, TRUE);   /* waits for what is in flight */
	al_ocr_end();
	/* results a stopped run did not hand over */
	for (; next < pushed; next++)
		al_file_result_free(rs.ring[next % rs.window].res);
	if (!rs.stopped)
		run_note_sets_until(&rs, NULL);
	run_close_until(&rs, NULL);

	g_free(rs.ring);
	g_ptr_array_free(rs.open, TRUE);
	g_ptr_array_free(rs.note_sets, TRUE);
	g_hash_table_destroy(rs.notes);
	al_membudget_clear(&rs.budget);
	g_cond_clear(&rs.cond);
	g_mutex_clear(&rs.lock);
	return rs.stopped;
}

/* See al_internal.h. */
al_status al_run_paths(const al_options *opts, const char *const *paths, int n_paths,
                       const al_sink *sink, char **err)
{
	walk_state w = {
		.opts = opts,
		.roots = g_ptr_array_new_with_free_func(free),
		.named = g_hash_table_new(g_str_hash, g_str_equal),
		.strings = g_string_chunk_new(64 * 1024),
		.files = g_array_new(FALSE, FALSE, sizeof(walk_file)),
		.notes = g_ptr_array_new_with_free_func((GDestroyNotify)walk_note_free),
	};
	al_status st = AL_OK;
	bool *is_dir = g_new0(bool, MAX(n_paths, 1));

	/* The roots first: a link from one checked folder into another stays
	 * inside.  A path named on the command line is taken as given (a link
	 * there is the user's choice), and one that does not exist is a usage
	 * error, not a finding. */
	for (int i = 0; i < n_paths; i++) {
		struct stat st_;
		if (stat(paths[i], &st_) != 0) {
			char *why = errno_why(errno, paths[i]);
			*err = g_strdup_printf("%s: %s", paths[i], why);
			g_free(why);
			st = AL_ERR_IO;
			goto out;
		}
		is_dir[i] = S_ISDIR(st_.st_mode);
		char *real = is_dir[i] ? realpath(paths[i], NULL) : NULL;
		if (real)
			g_ptr_array_add(w.roots, real);
	}
	/* The files named first, so that walking their folder finds them. */
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < n_paths; i++) {
			if (is_dir[i] != (pass == 1) || al_excluded(opts, paths[i], is_dir[i], true))
				continue;
			if (is_dir[i])
				walk_dir(&w, paths[i], NULL);
			else
				add_file(&w, paths[i], NULL, NULL);
		}
	g_hash_table_destroy(w.named);
	w.named = NULL;
	dir_set_clear(&w.seen_dirs);
	g_array_sort(w.files, cmp_walk_file);

	if (run_files(opts, w.files, w.notes, sink))
		st = AL_ERR_CANCELLED;
out:
	g_free(is_dir);
	g_ptr_array_free(w.roots, TRUE);
	g_ptr_array_free(w.notes, TRUE);
	g_array_set_clear_func(w.files, walk_file_clear);
	g_array_free(w.files, TRUE);
	g_string_chunk_free(w.strings);
	dir_set_clear(&w.seen_dirs);
	if (w.named)
		g_hash_table_destroy(w.named);
	return st;
}

/* The sink of al_check_paths(): keeps everything in a report. */
static int keep_file(void *data, al_file_result *f)
{
	al_report *rep = data;
	g_ptr_array_add(rep->files, f);
	return 0;
}

static int keep_set(void *data, al_set_result *s)
{
	al_report *rep = data;
	g_ptr_array_add(rep->sets, s);
	return 0;
}

al_report *al_check_paths(const al_options *opts, const char *const *paths,
                          int n_paths, char **err)
{
	al_report *rep = al_report_new(opts);
	al_sink sink = { .file = keep_file, .set = keep_set, .data = rep, .keep = true };
	if (al_run_paths(opts, paths, n_paths, &sink, err) != AL_OK) {
		al_report_free(rep);
		return NULL;
	}
	g_ptr_array_sort(rep->sets, cmp_set);
	al_report_recount(rep);
	return rep;
}

al_report *al_report_new(const al_options *opts)
{
	al_report *rep = g_new0(al_report, 1);
	rep->profile = (opts ? opts->profile : al_profile_default())->name;
	rep->config = opts ? al_config_shown(opts->config_path) : NULL;
	rep->files = g_ptr_array_new();
	rep->sets = g_ptr_array_new_with_free_func((GDestroyNotify)set_result_free);
	return rep;
}

void al_report_free(al_report *rep)
{
	if (!rep)
		return;
	g_ptr_array_free(rep->sets, TRUE);
	g_free(rep->config);
	g_ptr_array_set_free_func(rep->files, (GDestroyNotify)al_file_result_free);
	g_ptr_array_free(rep->files, TRUE);
	g_free(rep);
}

void al_report_counts(const al_report *rep, int *e, int *w, int *i)
{
	*e = rep->errors;
	*w = rep->warnings;
	*i = rep->infos;
}


al_exit al_exit_status(const al_options *opts, int errors, int warnings)
{
	if (errors > 0)
		return AL_EXIT_FINDINGS;
	if (opts->strict && warnings > 0)
		return AL_EXIT_FINDINGS;
	if (opts->max_warnings >= 0 && warnings > opts->max_warnings)
		return AL_EXIT_FINDINGS;
	return AL_EXIT_CLEAN;
}

al_exit al_report_exit_status(const al_report *rep, const al_options *opts)
{
	return al_exit_status(opts, rep->errors, rep->warnings);
}
