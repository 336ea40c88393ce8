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
#include <nettle/sha2.h>
#include "al_internal.h"
#include "ocr.h"
#include "rules/rules.h"

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

/* The SHA-256 of a file's bytes in lowercase hex (@out: 65 bytes), as
 * GLib's g_compute_checksum_for_data() writes it, by Nettle: its x86-64
 * code (SHA-NI where the CPU has it) hashes 3-5x faster than GLib's
 * portable C, which took about 1 % of a run's CPU (issue #10). */
static void content_hash(const uint8_t *data, size_t len, char out[65])
{
	static const char hex[] = "0123456789abcdef";
	struct sha256_ctx ctx;
	uint8_t d[SHA256_DIGEST_SIZE];

	sha256_init(&ctx);
	sha256_update(&ctx, len, data);
	sha256_digest(&ctx, sizeof d, d);
	for (size_t i = 0; i < sizeof d; i++) {
		out[2 * i] = hex[d[i] >> 4];
		out[2 * i + 1] = hex[d[i] & 15];
	}
	out[2 * sizeof d] = '\0';
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

/* al_read_file() of the file open as @fd (open_regular(): @st its
 * fstat()), which it closes. */
static al_status read_open(int fd, const struct stat *st, size_t max, char **data, size_t *len,
                           char **why)
{
	al_status st_ = AL_OK;
	*data = NULL;
	*len = 0;
	if ((uintmax_t)st->st_size > max) {
		*why = g_strdup_printf("the file is %.1f MB, over the %zu MB read limit "
		                       "(unreadable.max_file_mb); not read",
		                       st->st_size / 1048576.0, max >> 20);
		st_ = AL_ERR_TOO_LARGE;
	} else {
		*data = read_capped(fd, st, max, len, why);
		if (!*data)
			st_ = AL_ERR_IO;
	}
	close(fd);
	return st_;
}

/* See al_internal.h. */
al_status al_read_file(const char *path, size_t max, char **data, size_t *len, char **why)
{
	struct stat st;
	*data = NULL;
	*len = 0;
	int fd = open_regular(path, &st, why);
	if (fd < 0)
		return AL_ERR_IO;
	return read_open(fd, &st, max, data, len, why);
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

/* ---- the walk, streamed -------------------------------------------------
 *
 * The walk hands the files over one at a time in path order (strcmp of
 * the whole path), and keeps only the folders it is in: a folder's
 * entries are listed, classified and sorted when the walk enters it, and
 * dropped when it leaves.  Depth-first order is path order when a
 * subfolder sorts among its siblings as "NAME/" ("a-b.png" before
 * "a/x.png", as '-' < '/').  Each folder given walks on its own, and
 * their walks and the files named are merged.  So memory does not grow
 * with the number of files (only with the largest folder and the depth),
 * but for the folders already walked: 16 bytes each. */

/* The folders already walked, by (device, inode): an open-addressing set,
 * so that links cannot loop and a folder reached twice is walked once. */
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

/* An entry of a folder the walk is in: a file to hand over (maybe with
 * why it cannot be read) or a subfolder to enter. */
typedef struct {
	char *name;
	char *unreadable;        /* a file's: why the walk cannot read it, or NULL */
	bool dir;
} walk_ent;

typedef struct {
	char *dir;               /* the folder's path as walked */
	char *set;               /* the set of its files (their paths' dirname) */
	GArray *ents;            /* of walk_ent, in path order */
	guint next;
} walk_frame;

/* The walk of one folder given: the folders it is in, and its next file. */
typedef struct {
	GPtrArray *stack;        /* of walk_frame* */
	al_file_result *head;    /* NULL when done */
} walk_iter;

typedef struct {
	const al_options *opts;
	GPtrArray *roots;        /* resolved absolute paths of the folders given */
	dir_set seen_dirs;       /* folders already walked (or being walked) */
	GPtrArray *iters;        /* of walk_iter*: one per folder given */
	GPtrArray *named;        /* files named, sorted, each once (char*) */
	guint next_named;
	GPtrArray *notes;        /* of walk_note*: made and not yet taken */
} walk_state;

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

/* Path order of two entries of one folder: a subfolder's name ends in '/'. */
static int cmp_ent(gconstpointer a, gconstpointer b)
{
	const walk_ent *x = a, *y = b;
	const unsigned char *p = (const unsigned char *)x->name;
	const unsigned char *q = (const unsigned char *)y->name;
	while (*p && *p == *q)
		p++, q++;
	int cp = *p ? *p : x->dir ? '/' : 0;
	int cq = *q ? *q : y->dir ? '/' : 0;
	return cp - cq;
}

static void add_ent(GArray *ents, const char *name, bool dir, char *unreadable)
{
	walk_ent e = { g_strdup(name), unreadable, dir };
	g_array_append_val(ents, e);
}

static void walk_ent_clear(gpointer p)
{
	walk_ent *e = p;
	g_free(e->name);
	g_free(e->unreadable);
}

/* Classifies the entry @name of the folder @dir (open as @dfd) into
 * @ents.  lstat() first: a link is resolved and must stay inside the
 * roots before anything follows it.  A subfolder that cannot be opened
 * gets its note on @dir here, in name order among the other notes. */
static void walk_entry(walk_state *w, const char *dir, int dfd, const char *name, GArray *ents)
{
	char *p = g_build_filename(dir, name, NULL);
	struct stat st;

	/* --exclude and .assetlintignore: by name first (a pattern that is
	 * not for folders only), then folders once their type is known. */
	if (al_excluded(w->opts, p, false, false))
		goto out;
	if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
		add_ent(ents, name, false, errno_why(errno, p));
		goto out;
	}
	if (S_ISLNK(st.st_mode)) {
		char *target = link_text(dfd, name);
		char *real = realpath(p, NULL);
		bool follow = false;
		if (!real) {
			int e = errno;
			add_ent(ents, name, false, e == ENOENT
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
			add_ent(ents, name, false, errno_why(errno, p));
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
		if (name[0] != '.') {
			DIR *d = opendir(p);
			if (!d) {
				char *why = errno_why(errno, p);
				add_note(w, dir, &al_rule_unreadable,
				         g_strdup_printf("the folder '%s' cannot be read: %s; its images "
				                         "are not checked", p, why));
				g_free(why);
			} else {
				closedir(d);
				add_ent(ents, name, true, NULL);
			}
		}
	} else if (!S_ISREG(st.st_mode)) {
		add_ent(ents, name, false,
		        g_strdup_printf("%s, not a regular file; only regular files are read",
		                        file_type_name(st.st_mode)));
	} else if (has_image_ext(name)) {
		add_ent(ents, name, false, NULL);
	} else {
		char *why = NULL;
		int is = sniffs_as_image(p, &why);
		if (is != 0)
			add_ent(ents, name, false, why);
	}
out:
	g_free(p);
}

static void walk_frame_free(walk_frame *f)
{
	g_free(f->dir);
	g_free(f->set);
	g_array_free(f->ents, TRUE);
	g_free(f);
}

/* Enters the folder @dir: lists and classifies its entries.  NULL when
 * it was walked already, or cannot be read (a note on @parent, the
 * folder it was found in, or on @dir itself when given). */
static walk_frame *walk_enter(walk_state *w, const char *dir, const char *parent)
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
		return NULL;
	}
	if (!dir_set_add(&w->seen_dirs, (dir_id){ st.st_dev, st.st_ino })) {
		closedir(d);
		return NULL;
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
	/* classified in name order (the order of the folder's notes) */
	g_ptr_array_sort(names, cmp_str);
	walk_frame *f = g_new0(walk_frame, 1);
	f->dir = g_strdup(dir);
	f->ents = g_array_sized_new(FALSE, FALSE, sizeof(walk_ent), names->len);
	g_array_set_clear_func(f->ents, walk_ent_clear);
	for (guint i = 0; i < names->len; i++)
		walk_entry(w, dir, dirfd(d), g_ptr_array_index(names, i), f->ents);
	closedir(d);
	g_ptr_array_free(names, TRUE);
	g_array_sort(f->ents, cmp_ent);
	if (f->ents->len > 0) {
		/* what g_path_get_dirname() makes of its files' paths */
		char *p = g_build_filename(dir, "x", NULL);
		f->set = g_path_get_dirname(p);
		g_free(p);
	}
	return f;
}

/* Moves @it to its next file. */
static void iter_advance(walk_state *w, walk_iter *it)
{
	it->head = NULL;
	while (it->stack->len > 0) {
		walk_frame *f = g_ptr_array_index(it->stack, it->stack->len - 1);
		if (f->next == f->ents->len) {
			g_ptr_array_remove_index(it->stack, it->stack->len - 1);
			continue;
		}
		walk_ent *e = &g_array_index(f->ents, walk_ent, f->next++);
		char *p = g_build_filename(f->dir, e->name, NULL);
		if (e->dir) {
			walk_frame *sub = walk_enter(w, p, f->dir);
			if (sub)
				g_ptr_array_add(it->stack, sub);
			g_free(p);
			continue;
		}
		/* A file found by walking a folder belongs to that folder's set. */
		it->head = al_file_result_new(p);
		it->head->set = g_strdup(f->set);
		it->head->unreadable = e->unreadable;
		e->unreadable = NULL;
		g_free(p);
		return;
	}
}

static void walk_free(walk_state *w)
{
	if (!w)
		return;
	for (guint i = 0; w->iters && i < w->iters->len; i++) {
		walk_iter *it = g_ptr_array_index(w->iters, i);
		al_file_result_free(it->head);
		g_ptr_array_free(it->stack, TRUE);
		g_free(it);
	}
	if (w->iters)
		g_ptr_array_free(w->iters, TRUE);
	if (w->named)
		g_ptr_array_free(w->named, TRUE);
	if (w->roots)
		g_ptr_array_free(w->roots, TRUE);
	for (guint i = 0; w->notes && i < w->notes->len; i++)
		walk_note_free(g_ptr_array_index(w->notes, i));
	if (w->notes)
		g_ptr_array_free(w->notes, TRUE);
	dir_set_clear(&w->seen_dirs);
	g_free(w);
}

/* Starts the walk of @paths.  NULL with *err when one does not exist (a
 * usage error, not a finding). */
static walk_state *walk_open(const al_options *opts, const char *const *paths, int n_paths,
                             char **err)
{
	walk_state *w = g_new0(walk_state, 1);
	bool *is_dir = g_new0(bool, MAX(n_paths, 1));
	w->opts = opts;
	w->roots = g_ptr_array_new_with_free_func(free);
	w->iters = g_ptr_array_new();
	w->named = g_ptr_array_new_with_free_func(g_free);
	w->notes = g_ptr_array_new();   /* the run takes them (run_take_notes()) */

	/* The roots first: a link from one checked folder into another stays
	 * inside.  A path named on the command line is taken as given (a link
	 * there is the user's choice). */
	for (int i = 0; i < n_paths; i++) {
		struct stat st_;
		if (stat(paths[i], &st_) != 0) {
			char *why = errno_why(errno, paths[i]);
			*err = g_strdup_printf("%s: %s", paths[i], why);
			g_free(why);
			g_free(is_dir);
			walk_free(w);
			return NULL;
		}
		is_dir[i] = S_ISDIR(st_.st_mode);
		char *real = is_dir[i] ? realpath(paths[i], NULL) : NULL;
		if (real)
			g_ptr_array_add(w->roots, real);
	}
	/* The folders given are entered (claimed) first, in command-line
	 * order: each is walked under the name it was given. */
	for (int i = 0; i < n_paths; i++) {
		if (al_excluded(opts, paths[i], is_dir[i], true))
			continue;
		if (!is_dir[i]) {
			g_ptr_array_add(w->named, g_strdup(paths[i]));
			continue;
		}
		walk_frame *f = walk_enter(w, paths[i], NULL);
		if (!f)
			continue;
		walk_iter *it = g_new0(walk_iter, 1);
		it->stack = g_ptr_array_new_with_free_func((GDestroyNotify)walk_frame_free);
		g_ptr_array_add(it->stack, f);
		g_ptr_array_add(w->iters, it);
	}
	g_free(is_dir);
	for (guint i = 0; i < w->iters->len; i++)
		iter_advance(w, g_ptr_array_index(w->iters, i));
	g_ptr_array_sort(w->named, cmp_str);
	return w;
}

/* The next file in path order, or NULL when the walk is done.  A file
 * named on the command line is checked alone: it has no set, so no set
 * rule judges the siblings that were not given (a pre-commit hook passes
 * only the changed files).  Walking its folder as well makes it a member
 * of the set again. */
static al_file_result *walk_next(walk_state *w)
{
	walk_iter *best = NULL;
	for (guint i = 0; i < w->iters->len; i++) {
		walk_iter *it = g_ptr_array_index(w->iters, i);
		if (it->head && (!best || strcmp(it->head->path, best->head->path) < 0))
			best = it;
	}
	const char *named = w->next_named < w->named->len
	                    ? g_ptr_array_index(w->named, w->next_named) : NULL;
	int c = !best ? 1 : !named ? -1 : strcmp(best->head->path, named);
	al_file_result *r = NULL;
	if (c > 0 && named) {
		r = al_file_result_new(named);
	} else if (best) {
		r = best->head;
		iter_advance(w, best);
	}
	/* the same path named again, or named and walked: once */
	while (r && w->next_named < w->named->len &&
	       strcmp(g_ptr_array_index(w->named, w->next_named), r->path) == 0)
		w->next_named++;
	for (guint i = 0; r && i < w->iters->len; i++) {
		walk_iter *it = g_ptr_array_index(w->iters, i);
		while (it->head && strcmp(it->head->path, r->path) == 0) {
			al_file_result_free(it->head);
			iter_advance(w, it);
		}
	}
	return r;
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

/* Checks the file of @res, open as @fd (@st: its fstat()), which it
 * closes; when @fd is -1, @unreadable (taken) says why it is not read. */
static void check_file(al_file_result *res, const al_options *opts, int fd,
                       const struct stat *st, char *unreadable, al_memticket *ticket)
{
	char *data = NULL;
	size_t len = 0;

	if (fd >= 0)
		read_open(fd, st, al_read_limit(opts), &data, &len, &unreadable);
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
 * the decode's estimate once the header is read (waiting for room). */
static void check_data(al_file_result *res, const al_options *opts, const uint8_t *data,
                       size_t len, const char *unread, al_memticket *ticket)
{
	const al_profile *profile = opts->profile;
	al_info info = { 0 };
	al_image img = { 0 };
	al_measure m = { 0 };
	/* The mark is computed here and copied to the heap at the end, once
	 * the image's buffers are freed: a result waiting in the run's
	 * look-ahead holds no mark, and the copy, which lives until the set
	 * rules ran, does not sit among the next image's buffers (issue #10:
	 * -j2, 5,000 files of make bench's tree, peak heap in use 25.6 ->
	 * 24.2 MB, heap size 29.5 -> 28.6 MB). */
	al_mark mk = { 0 };
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
		res->mark = g_new0(al_mark, 1);
		return;
	}
	if (unread) {
		ctx.rule = &al_rule_unreadable;
		al_emit(&ctx, AL_SEV_OFF, NULL, false, 0, 0, "cannot read: %s", unread);
		res->mark = g_new0(al_mark, 1);
		return;
	}
	if (len == 0) {
		g_strlcpy(why, "empty file (0 bytes)", sizeof why);
	} else {
		content_hash(data, len, res->content_hash);
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
			if (ticket)
				al_membudget_need(ticket, ticket->held +
				                  al_decode_cost(info.width, info.height, max_px));
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
		/* the set rules compare the logos' marks; a hero's is never
		 * read (its zeroed mark is not valid) */
		if (res->role != AL_ROLE_HERO) {
			al_mark_compute(&mk, &m);
			/* boxes the set rules compare are in the image's pixels */
			al_image_region_to_full(&img, &mk.bbox);
			for (int i = 0; i < mk.n_parts; i++)
				al_image_region_to_full(&img, &mk.part[i].bbox);
			al_image_region_to_full(&img, &mk.end_tile.bbox);
		}
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
	res->mark = g_memdup2(&mk, sizeof mk);
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
	g_free(r->mark);
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
typedef struct run_worker run_worker;

/* Threads beyond one per slot, for files started while others wait for
 * memory room (see run_files()). */
#define RUN_LOOKAHEAD 8
/* Results the sink takes per wake-up (see run_files()). */
#define RUN_BATCH 8

typedef struct {
	run_state *rs;
	al_file_result *res;
	bool done;
} run_job;

/* A thread that checks files. */
struct run_worker {
	run_state *rs;
	GThread *thread;
	GCond cond;              /* it is idle: wakes for @job or the end */
	run_job *job;            /* the file handed to it while idle */
};

struct run_state {
	const al_options *opts;
	const al_sink *sink;
	GMutex lock;
	GCond cond;
	int done, total;
	run_job *ring;           /* results in flight, index % window */
	guint window;
	GPtrArray *open;         /* of al_set_result*: sets not final yet, nested */
	GHashTable *notes;       /* set path -> GPtrArray of walk_note* (owned),
	                          * until the set is final */
	GPtrArray *note_sets;    /* sorted paths of the sets of @notes not opened
	                          * yet (keys of @notes) */
	char *last;              /* the last path handed over, or NULL */
	bool stopped;            /* a callback of the sink asked to stop */
	al_membudget budget;     /* memory of the files in flight */
	size_t ocr_reserve;      /* the OCR engine's memory, taken off the budget
	                          * once an engine is loaded (0: never) */
	gint ocr_reserved;       /* atomic: it is */
	run_job *awaited;        /* the job the sink waits for, or NULL */
	/* the workers (under @lock): */
	run_worker *workers;     /* started as needed, up to @max_workers */
	int n_workers, max_workers;
	run_worker **idle;       /* idle workers, the last one idle on top */
	int n_idle;
	int threads;             /* files checked at once (-j) */
	int busy;                /* files started and not done */
	int stalled;             /* of those, waiting for memory room */
	guint started, pushed;   /* jobs of the ring started, handed over */
	bool closing;            /* no more jobs: idle workers end */
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
	/* the marks served the set rules: a report kept whole (HTML) would
	 * hold ~8.7 KB a file for the rest of the run */
	for (guint i = 0; i < s->files->len; i++) {
		al_file_result *f = g_ptr_array_index(s->files, i);
		g_clear_pointer(&f->mark, g_free);
	}
	GPtrArray *notes = g_hash_table_lookup(rs->notes, s->path);
	for (guint i = 0; notes && i < notes->len; i++) {
		const walk_note *n = g_ptr_array_index(notes, i);
		al_set_ctx sctx = { .opts = opts, .profile = opts->profile, .rule = n->rule, .set = s };
		al_emit_set(&sctx, AL_SEV_OFF, "%s", n->message);
	}
	if (notes)
		g_hash_table_remove(rs->notes, s->path);
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
	while (rs->note_sets->len > 0) {
		const char *dir = g_ptr_array_index(rs->note_sets, 0);
		char *key = g_str_has_suffix(dir, "/") ? g_strdup(dir) : g_strconcat(dir, "/", NULL);
		bool before = !path || strcmp(key, path) <= 0;
		g_free(key);
		if (!before)
			break;
		g_ptr_array_remove_index(rs->note_sets, 0);
		run_close_until(rs, dir);
		run_open_set(rs, dir);
	}
}

/* The set of a folder @dir the walk left its first note on: opened at
 * its place in path order (run_note_sets_until()).  The walk runs ahead
 * of the run, but a note on a folder can come after files under it were
 * handed over (a subfolder that cannot be opened, met after the files
 * before it): the folder then holds the last path handed over, and its
 * set goes into the stack of open sets where it nests. */
static void run_place_note_set(run_state *rs, const char *dir)
{
	for (guint i = 0; i < rs->open->len; i++)
		if (strcmp(((al_set_result *)g_ptr_array_index(rs->open, i))->path, dir) == 0)
			return;
	if (rs->last && under(dir, rs->last)) {
		guint i = 0;
		while (i < rs->open->len &&
		       !under(dir, ((al_set_result *)g_ptr_array_index(rs->open, i))->path))
			i++;
		g_ptr_array_insert(rs->open, (gint)i, set_new(dir));
		return;
	}
	guint i = rs->note_sets->len;
	while (i > 0 && strcmp(g_ptr_array_index(rs->note_sets, i - 1), dir) > 0)
		i--;
	g_ptr_array_insert(rs->note_sets, (gint)i, (gpointer)dir);
}

/* Takes the notes the walk made so far. */
static void run_take_notes(run_state *rs, walk_state *w)
{
	for (guint i = 0; i < w->notes->len; i++) {
		walk_note *n = g_ptr_array_index(w->notes, i);
		GPtrArray *list = g_hash_table_lookup(rs->notes, n->set);
		if (!list) {
			list = g_ptr_array_new_with_free_func((GDestroyNotify)walk_note_free);
			g_hash_table_insert(rs->notes, n->set, list);
			run_place_note_set(rs, n->set);
		}
		g_ptr_array_add(list, n);
	}
	g_ptr_array_set_size(w->notes, 0);
}

/* Hands the checked @f over: to its set (which keeps it until final) and
 * to the sink. */
static void run_deliver(run_state *rs, al_file_result *f)
{
	g_free(rs->last);
	rs->last = g_strdup(f->path);
	run_note_sets_until(rs, f->path);
	run_close_until(rs, f->path);
	if (f->set) {
		al_set_result *s = run_open_set(rs, f->set);
		g_ptr_array_add(s->files, f);
		run_file_done(rs, f);
	} else {
		/* no set rule compares its mark */
		g_clear_pointer(&f->mark, g_free);
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
	/* The OCR engine's memory comes off the budget once an engine is
	 * loaded: a run whose files never reach OCR keeps its whole budget. */
	if (rs->ocr_reserve && !g_atomic_int_get(&rs->ocr_reserved) && al_ocr_engines_made() > 0) {
		al_membudget_reserve(&rs->budget, rs->ocr_reserve);
		g_atomic_int_set(&rs->ocr_reserved, 1);
	}
	/* opened first: the budget takes the size of the file as read (its
	 * descriptor's fstat()), with no stat() of the path before */
	char *why = res->unreadable ? g_strdup(res->unreadable) : NULL;
	int fd = why ? -1 : open_regular(res->path, &st, &why);
	al_memticket t = al_membudget_take(&rs->budget, fd >= 0 ? MIN((size_t)st.st_size,
	                                                              al_read_limit(rs->opts))
	                                                        : 0);
	check_file(res, rs->opts, fd, &st, why, &t);
	al_membudget_give(&t);
}

/* True when the next job may start (the lock held): fewer than -j files
 * are running, not counting those waiting for memory room (in
 * al_membudget_need() or al_membudget_take()). */
static bool run_may_start(const run_state *rs)
{
	return rs->started < rs->pushed && rs->busy - rs->stalled < rs->threads;
}

static gpointer run_worker_func(gpointer data);

/* Hands the jobs that may start to idle workers, the last one idle first
 * (its caches and malloc arena are warm), or to new workers up to the
 * run's number, and wakes only those (the lock held).  The workers beyond
 * -j (the look-ahead, see run_files()) start only once the OCR engine's
 * memory is off the budget. */
static void run_dispatch(run_state *rs)
{
	int most = g_atomic_int_get(&rs->ocr_reserved) ? rs->max_workers : rs->threads;
	while (run_may_start(rs)) {
		run_worker *w;
		bool fresh = false;
		if (rs->n_idle > 0) {
			w = rs->idle[--rs->n_idle];
		} else if (rs->n_workers < most) {
			w = &rs->workers[rs->n_workers++];
			w->rs = rs;
			g_cond_init(&w->cond);
			fresh = true;
		} else {
			return;
		}
		w->job = &rs->ring[rs->started++ % rs->window];
		rs->busy++;
		if (fresh)
			w->thread = g_thread_new("assetlint-check", run_worker_func, w);
		else
			g_cond_signal(&w->cond);
	}
}

/* al_membudget_on_wait(): while a file waits for room another starts. */
static void run_stalled(void *data, int waiting)
{
	run_state *rs = data;

	g_mutex_lock(&rs->lock);
	rs->stalled = waiting;
	run_dispatch(rs);
	g_mutex_unlock(&rs->lock);
}

/* A worker: checks the jobs handed to it, and the next job itself
 * whenever it may start, so a file done starts the next on the same
 * thread without waking another; idle otherwise, until the end. */
static gpointer run_worker_func(gpointer data)
{
	run_worker *w = data;
	run_state *rs = w->rs;

	if (rs->opts->thread_start)
		rs->opts->thread_start(rs->opts->thread_start_data);
	g_mutex_lock(&rs->lock);
	for (;;) {
		run_job *job = w->job;
		w->job = NULL;
		if (!job && run_may_start(rs)) {
			job = &rs->ring[rs->started++ % rs->window];
			rs->busy++;
		}
		if (job) {
			g_mutex_unlock(&rs->lock);
			run_check(rs, job->res);
			g_mutex_lock(&rs->lock);
			rs->busy--;
			job->done = true;
			if (job == rs->awaited)  /* the sink sleeps for no other job */
				g_cond_signal(&rs->cond);
			if (rs->opts->progress) {
				rs->done++;
				rs->opts->progress(rs->opts->progress_data, rs->done, rs->total);
			}
			continue;
		}
		if (rs->closing)
			break;
		rs->idle[rs->n_idle++] = w;
		while (!w->job && !rs->closing)
			g_cond_wait(&w->cond, &rs->lock);
	}
	g_mutex_unlock(&rs->lock);
	return NULL;
}

/* Waits until @job is done (the lock not held).  Unless it is done
 * already, until @later is done too: the sink then takes the results
 * between them without sleeping again. */
static void run_await(run_state *rs, run_job *job, run_job *later)
{
	g_mutex_lock(&rs->lock);
	if (!job->done) {
		rs->awaited = later;
		while (!later->done)
			g_cond_wait(&rs->cond, &rs->lock);
	}
	rs->awaited = job;
	while (!job->done)
		g_cond_wait(&rs->cond, &rs->lock);
	rs->awaited = NULL;
	g_mutex_unlock(&rs->lock);
}

/* Checks the files of the walk @w as it hands them over, and hands every
 * file and set to @sink; the walk's notes go to the sets of their
 * folders.  @total: the number of files for the progress callback.
 * Returns true when a callback of the sink stopped the run. */
static bool run_files(const al_options *opts, walk_state *w, int total, const al_sink *sink)
{
	run_state rs = { .opts = opts, .sink = sink, .total = total };
	int threads = opts->threads > 0 ? opts->threads : (int)g_get_num_processors();

	g_mutex_init(&rs.lock);
	g_cond_init(&rs.cond);
	al_membudget_init(&rs.budget, al_membudget_limit(threads));
	rs.open = g_ptr_array_new();
	rs.notes = g_hash_table_new_full(g_str_hash, g_str_equal, NULL,
	                                 (GDestroyNotify)g_ptr_array_unref);
	rs.note_sets = g_ptr_array_new();

	/* The workers: @threads files run at once, each on a worker that goes
	 * on with the next file when it is done (no thread is woken for it).
	 * A file waiting for room holds no slot (see membudget.c) and another
	 * worker starts the next file meanwhile: up to @threads +
	 * RUN_LOOKAHEAD such files wait, holding no memory.  A run
	 * that may read text has its OCR engine's memory taken off the budget
	 * from the start (the engine is loaded by the first line read, while
	 * files are in flight): at -j2 a second hero then waits for the
	 * first, and the other core checks the logos after it -- as many as
	 * the look-ahead reaches.  A -j1 run's per-file CPU times, replayed
	 * on a pool of 2 threads per slot with 4 results per thread (issue
	 * #10, make bench's tree of 1,001 files of the evaluation corpus):
	 * the engine's charge cost 11 % wall time at -j2; with 8 more
	 * threads it cost nothing (0.97x the time without it).  A pool of
	 * that many threads that all took files, and slept for a slot, cost
	 * a thread switch per file: at -j2 5.7x the context switches of -j1
	 * and 3.27x the decode floor's CPU against 2.29x at -j1 (make bench).
	 * The look-ahead serves that charge only, so the threads beyond -j
	 * start once it is taken: until then a file waiting for room idles
	 * its core, as the other goes on.  Each of the -j workers then keeps
	 * a malloc arena of its own (see main.c): a thread beyond them shares
	 * one, and two files in one arena at once cost what one arena for
	 * all did (make bench's tree, -j2: 1.52 s CPU with look-ahead
	 * threads and an arena per core, 1.44 s without, 1.63 s with one
	 * arena; peak RSS 65, 55 and 50 MB). */
	int max_workers = 2 * threads + RUN_LOOKAHEAD;
	/* Enough results in flight to keep every worker busy while the
	 * oldest one, which the sink waits for, is finishing; one file (a
	 * lone hero) is checked on this thread. */
	al_file_result *ahead[2] = { walk_next(w), NULL };
	guint taken = 0;
	if (ahead[0])
		ahead[1] = walk_next(w);
	rs.window = threads <= 1 || !ahead[1] ? 1 : (guint)max_workers * 4;
	rs.ring = g_new0(run_job, rs.window);
	bool pool = rs.window > 1;
	al_ocr_begin();         /* OCR engines live until the files are done */
	if (pool) {
		al_membudget_set_slots(&rs.budget, threads);
		al_membudget_on_wait(&rs.budget, run_stalled, &rs);
		/* only a run that reads text loads an engine (see run_check()) */
		if (al_rule_severity(opts, &al_rule_text) != AL_SEV_OFF)
			rs.ocr_reserve = al_ocr_engine_bytes();
		rs.threads = threads;
		rs.max_workers = max_workers;
		rs.workers = g_new0(run_worker, max_workers);
		rs.idle = g_new0(run_worker *, max_workers);
	}

	guint next = 0, pushed = 0;
	bool more = true;
	while (!rs.stopped) {
		while (more && pushed < next + rs.window) {
			al_file_result *r = taken < 2 ? ahead[taken++] : walk_next(w);
			run_take_notes(&rs, w);
			if (!r) {
				more = false;
				break;
			}
			run_job *job = &rs.ring[pushed % rs.window];
			job->rs = &rs;
			job->res = r;
			job->done = false;
			pushed++;
			if (pool) {
				g_mutex_lock(&rs.lock);
				rs.pushed = pushed;
				run_dispatch(&rs);
				g_mutex_unlock(&rs.lock);
			}
		}
		if (next == pushed)
			break;
		run_job *job = &rs.ring[next % rs.window];
		if (pool) {
			/* a wake-up per RUN_BATCH results, not per result: each
			 * one put this thread on a core a worker was using */
			run_await(&rs, job, &rs.ring[(MIN(next + RUN_BATCH, pushed) - 1) % rs.window]);
		} else {
			run_check(&rs, job->res);
			run_progress(&rs);
		}
		run_deliver(&rs, job->res);
		job->res = NULL;
		next++;
	}
	if (pool) {
		/* a stopped run's files in flight are checked all the same */
		for (guint i = next; i < pushed; i++)
			run_await(&rs, &rs.ring[i % rs.window], &rs.ring[i % rs.window]);
		g_mutex_lock(&rs.lock);
		rs.closing = true;
		for (int i = 0; i < rs.n_workers; i++)
			g_cond_signal(&rs.workers[i].cond);
		g_mutex_unlock(&rs.lock);
		for (int i = 0; i < rs.n_workers; i++) {
			g_thread_join(rs.workers[i].thread);
			g_cond_clear(&rs.workers[i].cond);
		}
		al_membudget_on_wait(&rs.budget, NULL, NULL);
		g_free(rs.workers);
		g_free(rs.idle);
	}
	al_ocr_end();
	/* results a stopped run did not hand over */
	for (; next < pushed; next++)
		al_file_result_free(rs.ring[next % rs.window].res);
	for (; taken < 2; taken++)
		al_file_result_free(ahead[taken]);
	if (!rs.stopped)
		run_note_sets_until(&rs, NULL);
	run_close_until(&rs, NULL);

	g_free(rs.ring);
	g_free(rs.last);
	g_ptr_array_free(rs.open, TRUE);
	g_ptr_array_free(rs.note_sets, TRUE);
	g_hash_table_destroy(rs.notes);
	al_membudget_clear(&rs.budget);
	g_cond_clear(&rs.cond);
	g_mutex_clear(&rs.lock);
	return rs.stopped;
}

/* The number of files a walk of @paths hands over (for the progress
 * bar's total): a walk of its own, which keeps nothing. */
static int walk_count(const al_options *opts, const char *const *paths, int n_paths)
{
	char *err = NULL;
	walk_state *w = walk_open(opts, paths, n_paths, &err);
	int n = 0;
	for (al_file_result *r; w && (r = walk_next(w)); n++)
		al_file_result_free(r);
	g_free(err);
	walk_free(w);
	return n;
}

/* See al_internal.h. */
al_status al_run_paths(const al_options *opts, const char *const *paths, int n_paths,
                       const al_sink *sink, char **err)
{
	walk_state *w = walk_open(opts, paths, n_paths, err);
	if (!w)
		return AL_ERR_IO;
	int total = opts->progress ? walk_count(opts, paths, n_paths) : 0;
	al_status st = run_files(opts, w, total, sink) ? AL_ERR_CANCELLED : AL_OK;
	walk_free(w);
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
