/* Tesseract engines for the text rule (see ocr.h and assetlint(1), rule
 * text).  An engine costs ~14 MiB of heap and ~0.1 s CPU to load (and
 * libtesseract's libraries ~12 MiB more, once), so its model is loaded
 * only when a line is read: --version, the report's head and files
 * without a candidate line load nothing.  A process keeps at most
 * MAX_ENGINES engines, taken for one line at a time by whichever worker
 * thread reads and kept while a run is open.  Tesseract's own OpenMP
 * teams are switched off (one thread per engine; the worker pool is the
 * parallelism). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include "ocr.h"

_Thread_local bool al__ocr_recognizing;

bool al_ocr_built_in(void)
{
#ifdef AL_HAVE_TESSERACT
	return true;
#else
	return false;
#endif
}

void al_ocr_word_add(al_ocr_word *w, const char *s, float conf)
{
	size_t n = strlen(w->text);
	const char *p = s, *end = s + strlen(s);

	while (p < end) {
		gunichar c = g_utf8_get_char_validated(p, end - p);
		if (c == (gunichar)-1 || c == (gunichar)-2) {
			p++;
			continue;
		}
		const char *next = g_utf8_next_char(p);
		size_t len = (size_t)(next - p);
		if (!g_unichar_iscntrl(c) && g_unichar_isdefined(c) &&
		    g_unichar_type(c) != G_UNICODE_FORMAT) {
			if (n + len >= sizeof w->text || w->n >= AL_OCR_WORD_MAX)
				break;
			memcpy(w->text + n, p, len);
			n += len;
			w->text[n] = '\0';
			w->char_conf[w->n++] = conf;
			if (g_unichar_isalpha(c))
				w->letters++;
			else if (g_unichar_isdigit(c))
				w->digits++;
			else
				w->others++;
		}
		p = next;
	}
}

#ifdef AL_HAVE_TESSERACT
#if !__has_include(<tesseract/capi.h>)
#error "Tesseract not found: run tools/deps.sh (libtesseract-dev), or build without OCR: make TESSERACT=0"
#endif
#include <dlfcn.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include "dl.h"
#include <tesseract/capi.h>
#include <tesseract/version.h>

/* ---- libtesseract through dlopen() ----------------------------------- */

/* libtesseract brings ~55 shared libraries of its own (curl, archive,
 * ICU, GnuTLS, Kerberos, leptonica's image formats, libstdc++): linked,
 * the dynamic loader mapped and relocated them at every start, ~35 ms CPU
 * of a one-file run that reads no text.  It is opened when the first
 * model is loaded, RTLD_LOCAL (its symbols stay out of the global scope),
 * and never closed.  Only the C API's functions below are used. */
#define TESS_FNS(X) \
	X(TessBaseAPICreate) X(TessBaseAPIDelete) X(TessBaseAPIEnd) \
	X(TessBaseAPISetVariable) X(TessBaseAPIGetDoubleVariable) X(TessBaseAPIInit2) \
	X(TessBaseAPISetPageSegMode) X(TessBaseAPIGetDatapath) \
	X(TessBaseAPISetImage) X(TessBaseAPISetSourceResolution) \
	X(TessBaseAPIRecognize) X(TessBaseAPIClear) X(TessBaseAPIGetIterator) \
	X(TessResultIteratorGetPageIteratorConst) \
	X(TessPageIteratorIsAtBeginningOf) X(TessResultIteratorConfidence) \
	X(TessResultIteratorGetUTF8Text) X(TessDeleteText) \
	X(TessResultIteratorNext) X(TessResultIteratorDelete)
#define TESS_PTR(name) static __typeof__(name) *p_##name;
TESS_FNS(TESS_PTR)
#undef TESS_PTR
/* libgomp's, when this libtesseract uses OpenMP (see one_thread()) */
static void (*p_omp_set_max_active_levels)(int);

static gsize lib_done;
static bool lib_ok;
static char lib_why[512];

static void lib_open(void)
{
#define TESS_SYM(name) { #name, (void **)&p_##name },
	static const al_dl_sym syms[] = { TESS_FNS(TESS_SYM) };
#undef TESS_SYM
	char soname[32], pkg[32];

	g_snprintf(soname, sizeof soname, "libtesseract.so.%d", TESSERACT_MAJOR_VERSION);
	g_snprintf(pkg, sizeof pkg, "libtesseract%d", TESSERACT_MAJOR_VERSION);
	void *h = al__dl_open(soname, pkg, syms, G_N_ELEMENTS(syms), lib_why, sizeof lib_why);
	if (!h)
		return;
	/* searched in libtesseract and the libraries it brought */
	*(void **)&p_omp_set_max_active_levels = dlsym(h, "omp_set_max_active_levels");
	lib_ok = true;
}

/* Opens libtesseract once; false (with *why) when it cannot be. */
static bool lib_load(const char **why)
{
	if (g_once_init_enter(&lib_done)) {
		lib_open();
		g_once_init_leave(&lib_done, 1);
	}
	if (!lib_ok)
		*why = lib_why;
	return lib_ok;
}

/* The folder compiled into Debian's libtesseract 5 (its TESSDATA_PREFIX
 * plus "/tessdata"), where Tesseract looks for eng.traineddata when the
 * TESSDATA_PREFIX variable is not set.  A build for another layout may
 * pass -DAL_TESSDATA_DIR=...; when the model is not found there, the
 * first engine is loaded at once to learn where Tesseract looks. */
#ifndef AL_TESSDATA_DIR
#define AL_TESSDATA_DIR "/usr/share/tesseract-ocr/5/tessdata"
#endif

/* At most this many engines per process.  Each one past the first costs
 * ~10 MiB (only the dictionaries are shared: Tesseract's unichar tables
 * and classifier templates are per engine), while a worker thread reads
 * a line (a few ms) only now and then.  make bench, -j2, 1,000 files:
 * peak RSS 140 MiB with one engine, 150 MiB with one per thread, CPU time
 * the same.  A thread that reads while all are busy waits for one. */
#define MAX_ENGINES 1

/* A loaded model.  It is taken by one thread for one line at a time. */
typedef struct engine {
	TessBaseAPI *api;
	/* Tesseract's invert_threshold as loaded (a line whose mean
	 * best-class output is below it is read inverted too, the better
	 * reading kept); -1 when this Tesseract has none */
	double invert_threshold;
	struct engine *next;     /* on the idle list */
} engine;

/* A line read (read_line()): the grey given, as given or not, and what
 * Tesseract read in it.  The text rule sends some crops twice in one
 * file: the second look cuts a line's pixels as the first did under
 * another box or option (5 % of the reads on an eval-dev sample), and
 * Tesseract reads the same pixels the same. */
typedef struct memo_read {
	int w, h, n, k;
	bool invert;
	uint8_t *gray;           /* w * h bytes */
	al_ocr_word *words;      /* k */
	struct memo_read *next;  /* older */
} memo_read;

/* At most MEMO_BYTES of grey are kept per handle, the newest reads: a
 * crop read again comes within a few reads (the largest crop of that
 * sample is 68 KB) */
#define MEMO_BYTES ((size_t)256 << 10)

/* What a caller borrows (al_ocr_get()): the right to read.  Engines are
 * taken only while a line is read, so the model is loaded by the first
 * line read, not when a handle is borrowed: most files have no
 * candidate line, and a process that reads none loads nothing. */
struct al_ocr {
	bool lost;               /* the model failed to load while it read */
	memo_read *memo;         /* newest first */
};

static void memo_free(memo_read *r)
{
	while (r) {
		memo_read *next = r->next;
		g_free(r->gray);
		g_free(r->words);
		g_free(r);
		r = next;
	}
}

static GMutex lock;
static GCond engine_given;   /* an engine came back, or loading failed */
static int open_runs;
static int handles;          /* borrowed and not given back */
static engine *idle;         /* loaded, not reading */
static int engines;          /* loaded or being loaded, not freed */
static int made;             /* models loaded, for al_ocr_engines_made() */
static bool failed;          /* the model did not load: not tried again */
static char why_failed[512];
static char description[512];
static char learnt_dir[512]; /* Tesseract's folder, from a loaded engine,
                                when AL_TESSDATA_DIR was not it */

/* Tesseract (Debian's build) parallelises inside a line with OpenMP.  The
 * worker pool already keeps the cores busy, and libgomp reads
 * OMP_THREAD_LIMIT only when it is loaded, so the calling thread's teams
 * are limited here: no active parallel levels means teams of one thread,
 * as with OMP_THREAD_LIMIT=1.  Found at run time: a Tesseract built
 * without OpenMP has no such function and needs nothing.  (The assetlint
 * executable goes further: its omp_serial.c runs the regions without
 * libgomp, which ends even a team of one with a system call.) */
static void one_thread(void)
{
	if (p_omp_set_max_active_levels)
		p_omp_set_max_active_levels(0);
}

/* ---- is the model there? (without loading it) ------------------------ */

/* True when the file open as @fd, of @size bytes, is a Tesseract 4+
 * traineddata file holding an LSTM model: the header Tesseract's
 * TessdataManager reads (a uint32 count of entries, then one int64 offset
 * per entry, -1 for none, host byte order or swapped), with the LSTM
 * entry (17) inside the file.  148 bytes are read.  A model that passes
 * and still fails to load is caught when an engine loads it. */
static bool header_has_lstm(int fd, int64_t size)
{
	enum { LSTM = 17, MAX_ENTRIES = 1000 };
	uint8_t head[4 + 8 * (LSTM + 1)];
	uint32_t n;
	int64_t lstm;
	bool swap;

	if (pread(fd, head, sizeof head, 0) != (ssize_t)sizeof head)
		return false;
	memcpy(&n, head, 4);
	memcpy(&lstm, head + 4 + 8 * LSTM, 8);
	swap = n > MAX_ENTRIES;
	if (swap) {
		n = GUINT32_SWAP_LE_BE(n);
		lstm = (int64_t)GUINT64_SWAP_LE_BE((uint64_t)lstm);
	}
	return n > LSTM && n <= MAX_ENTRIES && lstm > 0 && lstm < size;
}

/* The last model file whose header was read, and the verdict: every
 * file of a run asks whether OCR is available (al_ocr_get()), and so do
 * --version and the report's head, but the header is read again only
 * when the file changed (another path, inode, size or time); otherwise
 * a stat() answers.  Used with the lock held. */
static struct {
	char path[512];
	dev_t dev;
	ino_t ino;
	off_t size;
	struct timespec mtime, ctime;
	bool lstm;
} seen;

static bool same_file(const char *path, const struct stat *st)
{
	return strcmp(seen.path, path) == 0 && seen.dev == st->st_dev &&
	       seen.ino == st->st_ino && seen.size == st->st_size &&
	       seen.mtime.tv_sec == st->st_mtim.tv_sec &&
	       seen.mtime.tv_nsec == st->st_mtim.tv_nsec &&
	       seen.ctime.tv_sec == st->st_ctim.tv_sec &&
	       seen.ctime.tv_nsec == st->st_ctim.tv_nsec;
}

/* True when @path is a regular file with an LSTM model's header. */
static bool model_has_lstm(const char *path)
{
	struct stat st;
	int fd;

	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return false;
	if (seen.path[0] && same_file(path, &st))
		return seen.lstm;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	/* the file as read, not as stat()ed before opening it */
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return false;
	}
	seen.lstm = header_has_lstm(fd, st.st_size);
	close(fd);
	if (g_strlcpy(seen.path, path, sizeof seen.path) >= sizeof seen.path)
		seen.path[0] = '\0';   /* too long to remember: read each time */
	seen.dev = st.st_dev;
	seen.ino = st.st_ino;
	seen.size = st.st_size;
	seen.mtime = st.st_mtim;
	seen.ctime = st.st_ctim;
	return seen.lstm;
}

enum probe { MODEL_FOUND, MODEL_MISSING, MODEL_UNKNOWN };

/* Where Tesseract will look, as it decides (5.x, CCUtil::main_setup):
 * $TESSDATA_PREFIX when set and not empty, else its compiled-in folder;
 * a '/' added.  Fills @dir and says whether the model is there.
 * MODEL_UNKNOWN: not in AL_TESSDATA_DIR, which may not be this
 * libtesseract's folder.  Called with the lock held. */
static enum probe probe(char *dir, size_t len)
{
	const char *env = g_getenv("TESSDATA_PREFIX");
	bool sure = (env && *env) || learnt_dir[0];

	g_strlcpy(dir, env && *env ? env : learnt_dir[0] ? learnt_dir : AL_TESSDATA_DIR, len);
	if (!g_str_has_suffix(dir, "/"))
		g_strlcat(dir, "/", len);
	char *path = g_strconcat(dir, "eng.traineddata", NULL);
	bool found = model_has_lstm(path);
	g_free(path);
	return found ? MODEL_FOUND : sure ? MODEL_MISSING : MODEL_UNKNOWN;
}

/* set_text(): @buf takes @text only when it differs, so that a sentence
 * handed out earlier (the report's head may still be writing it) is not
 * written over while it stays the same.  Called with the lock held. */
static void set_text(char *buf, size_t len, const char *text)
{
	if (strcmp(buf, text) != 0)
		g_strlcpy(buf, text, len);
}

static void say_failed(void)
{
	const char *env = g_getenv("TESSDATA_PREFIX");
	char *s = g_strdup_printf("Tesseract's English model eng.traineddata could not be loaded "
	                          "from %s (install Debian's tesseract-ocr-eng, or set "
	                          "TESSDATA_PREFIX to the folder that holds it)",
	                          env ? env : "Tesseract's default tessdata folder");
	set_text(why_failed, sizeof why_failed, s);
	g_free(s);
	failed = true;
}

/* The version is the one of the headers assetlint was built with: the
 * library (of the same soname) is not opened to tell it. */
static void describe(const char *dir)
{
	char *s = g_strdup_printf("tesseract %s (eng from %s)", TESSERACT_VERSION_STR, dir);
	set_text(description, sizeof description, s);
	g_free(s);
}

/* Is OCR available?  Looks at the model file each time (a stat(); its
 * header is read when the file is new or changed): when it is there,
 * says so in description; when it is
 * not, sets failed and why_failed.  Only when the model is not where
 * Debian's Tesseract keeps it is an engine loaded to find out (returned
 * in *loaded).  Called with the lock held. */
static bool available(engine **loaded);

/* ---- engines ---------------------------------------------------------- */

static void engine_free(engine *e)
{
	if (!e)
		return;
	p_TessBaseAPIEnd(e->api);
	p_TessBaseAPIDelete(e->api);
	g_free(e);
}

/* Frees the engines of @list. */
static void engines_free(engine *list)
{
	for (engine *e = list; e; e = list) {
		list = e->next;
		engine_free(e);
	}
}

/* Loads a model (not under the lock: it takes ~0.1 s, and other threads
 * go on meanwhile; the caller has counted it in engines).  NULL, with
 * failed and why_failed set, when it fails. */
static engine *engine_load(void)
{
	const char *why = NULL;
	if (!lib_load(&why)) {
		g_mutex_lock(&lock);
		set_text(why_failed, sizeof why_failed, why);
		failed = true;
		g_mutex_unlock(&lock);
		return NULL;
	}
	engine *e = NULL;
	TessBaseAPI *api = p_TessBaseAPICreate();
	if (api) {
		/* Tesseract's messages (its tprintf) go to debug_file; our
		 * findings say what matters */
		p_TessBaseAPISetVariable(api, "debug_file", "/dev/null");
		/* TESSDATA_PREFIX, when set, names the folder; else the path
		 * compiled into libtesseract (see probe()) */
		if (p_TessBaseAPIInit2(api, NULL, "eng", OEM_LSTM_ONLY) == 0) {
			p_TessBaseAPISetPageSegMode(api, PSM_SINGLE_LINE);
			e = g_new0(engine, 1);
			e->api = api;
			if (!p_TessBaseAPIGetDoubleVariable(api, "invert_threshold",
			                                    &e->invert_threshold))
				e->invert_threshold = -1;
		} else {
			p_TessBaseAPIDelete(api);
		}
	}
	g_mutex_lock(&lock);
	if (e) {
		made++;
		if (!learnt_dir[0] && !(g_getenv("TESSDATA_PREFIX") && *g_getenv("TESSDATA_PREFIX"))) {
			const char *dp = p_TessBaseAPIGetDatapath(e->api);
			if (dp && *dp && g_strcmp0(dp, AL_TESSDATA_DIR "/") != 0)
				g_strlcpy(learnt_dir, dp, sizeof learnt_dir);
		}
	} else if (!api) {
		set_text(why_failed, sizeof why_failed,
		         "Tesseract could not create an engine (out of memory)");
		failed = true;
	} else {
		say_failed();
	}
	g_mutex_unlock(&lock);
	return e;
}

static bool available(engine **loaded)
{
	char dir[sizeof description];

	*loaded = NULL;
	if (failed)
		return false;
	switch (probe(dir, sizeof dir)) {
	case MODEL_FOUND:
		describe(dir);
		return true;
	case MODEL_MISSING:
		say_failed();
		return false;
	case MODEL_UNKNOWN:
		break;
	}
	/* another layout: let Tesseract look (the lock is held, as the
	 * answer is needed before anyone goes on) */
	if (engines > 0)
		return true;     /* an engine is loaded or loading: it will tell */
	engines++;
	g_mutex_unlock(&lock);
	engine *e = engine_load();
	g_mutex_lock(&lock);
	if (!e) {
		engines--;
		g_cond_broadcast(&engine_given);
		return false;
	}
	const char *dp = p_TessBaseAPIGetDatapath(e->api);
	describe(dp && *dp ? dp : "?");
	*loaded = e;
	return true;
}

int al_ocr_engines_made(void)
{
	g_mutex_lock(&lock);
	int n = made;
	g_mutex_unlock(&lock);
	return n;
}

size_t al_ocr_engine_bytes(void)
{
	char dir[sizeof description];
	bool there;

	g_mutex_lock(&lock);
	/* while an engine is loaded, the model is there; a folder Tesseract
	 * itself must find (MODEL_UNKNOWN) is counted as holding it */
	there = !failed && (engines > 0 || probe(dir, sizeof dir) != MODEL_MISSING);
	g_mutex_unlock(&lock);
	return there ? (size_t)MAX_ENGINES * AL_OCR_ENGINE_BYTES : 0;
}

void al_ocr_begin(void)
{
	g_mutex_lock(&lock);
	open_runs++;
	g_mutex_unlock(&lock);
}

/* The idle engines, taken off the list when no run is open and no
 * handle is out (the lock is held): the caller frees them. */
static engine *unused(void)
{
	engine *list = NULL;

	if (open_runs == 0 && handles == 0) {
		list = idle;
		idle = NULL;
		for (engine *e = list; e; e = e->next)
			engines--;
	}
	return list;
}

void al_ocr_end(void)
{
	engine *list = NULL;

	g_mutex_lock(&lock);
	if (open_runs > 0 && --open_runs == 0)
		list = unused();
	g_mutex_unlock(&lock);
	engines_free(list);
}

al_ocr *al_ocr_get(const char **why)
{
	al_ocr *h = NULL;
	engine *loaded = NULL;

	g_mutex_lock(&lock);
	/* a failure is remembered: not tried again.  While an engine is
	 * there, the model is */
	if (!failed && (engines > 0 || available(&loaded))) {
		if (loaded) {
			loaded->next = idle;
			idle = loaded;
		}
		h = g_new0(al_ocr, 1);
		handles++;
	} else if (why) {
		*why = why_failed;
	}
	g_mutex_unlock(&lock);
	return h;
}

void al_ocr_put(al_ocr *h)
{
	if (!h)
		return;
	g_mutex_lock(&lock);
	handles--;
	engine *list = unused();
	g_mutex_unlock(&lock);
	engines_free(list);
	memo_free(h->memo);
	g_free(h);
}

/* An engine to read one line with: an idle one, a new one while there
 * are fewer than MAX_ENGINES, else the next one given back.  NULL when
 * the model failed to load (now or before). */
static engine *engine_take(void)
{
	engine *e = NULL;

	g_mutex_lock(&lock);
	while (!failed && !idle && engines >= MAX_ENGINES)
		g_cond_wait(&engine_given, &lock);
	if (failed) {
		g_mutex_unlock(&lock);
		return NULL;
	}
	if (idle) {
		e = idle;
		idle = e->next;
		g_mutex_unlock(&lock);
		return e;
	}
	engines++;
	g_mutex_unlock(&lock);
	e = engine_load();
	if (!e) {
		g_mutex_lock(&lock);
		engines--;
		g_cond_broadcast(&engine_given);
		g_mutex_unlock(&lock);
	}
	return e;
}

/* Gives @e back after a line: to the next reader, or freed when no run is
 * open and no handle is out. */
static void engine_give(engine *e)
{
	g_mutex_lock(&lock);
	e->next = idle;
	idle = e;
	engine *list = unused();
	g_cond_signal(&engine_given);
	g_mutex_unlock(&lock);
	engines_free(list);
}

const char *al_ocr_lost(const al_ocr *e)
{
	if (!e || !e->lost)
		return NULL;
	g_mutex_lock(&lock);
	const char *why = why_failed;
	g_mutex_unlock(&lock);
	return why;
}

/* Sets whether Tesseract reads a line that reads badly inverted too (a
 * second pass of its network).  Its member variable is set on the
 * engine, so it is set before every line. */
static void set_invert(engine *e, bool invert)
{
	char v[G_ASCII_DTOSTR_BUF_SIZE];

	if (e->invert_threshold < 0)
		return;
	g_ascii_dtostr(v, sizeof v, invert ? e->invert_threshold : 0);
	p_TessBaseAPISetVariable(e->api, "invert_threshold", v);
}

static int inverting, recognized;

int al_ocr_recognitions(void)
{
	return g_atomic_int_get(&recognized);
}

/* What @h read in the grey @gray before, into @out (the words it read,
 * their count returned); -1 when it did not read it */
static int memo_find(al_ocr *h, const uint8_t *gray, int w, int hh,
                     al_ocr_word *out, int n, bool invert)
{
	for (memo_read *r = h->memo; r; r = r->next)
		if (r->w == w && r->h == hh && r->n == n && r->invert == invert &&
		    memcmp(r->gray, gray, (size_t)w * hh) == 0) {
			if (r->k > 0)
				memcpy(out, r->words, sizeof *out * (size_t)r->k);
			return r->k;
		}
	return -1;
}

/* Keeps in @h that it read @out (@k words of at most @n) in @gray, the
 * oldest reads dropped to keep MEMO_BYTES */
static void memo_keep(al_ocr *h, const uint8_t *gray, int w, int hh,
                      const al_ocr_word *out, int k, int n, bool invert)
{
	size_t bytes = (size_t)w * hh;

	if (bytes > MEMO_BYTES)
		return;
	memo_read *r = g_new(memo_read, 1);
	*r = (memo_read){ w, hh, n, k, invert, g_memdup2(gray, bytes),
	                  g_memdup2(out, sizeof *out * (size_t)k), h->memo };
	h->memo = r;
	size_t kept = 0;
	for (memo_read **p = &h->memo; *p; p = &(*p)->next) {
		kept += (size_t)(*p)->w * (*p)->h;
		if (kept > MEMO_BYTES) {
			memo_free(*p);
			*p = NULL;
			break;
		}
	}
}

int al_ocr_inverting_reads(void)
{
	return g_atomic_int_get(&inverting);
}

static int read_line(al_ocr *h_, const uint8_t *gray, int w, int h,
                     al_ocr_word *out, int n, bool invert)
{
	int k = 0;

	if (!h_ || h_->lost || w <= 0 || h <= 0 || n <= 0)
		return 0;
	if (invert)
		g_atomic_int_inc(&inverting);
	if ((k = memo_find(h_, gray, w, h, out, n, invert)) >= 0)
		return k;
	k = 0;
	engine *e = engine_take();
	if (!e) {
		h_->lost = true;
		return 0;
	}
	one_thread();
	set_invert(e, invert);
	p_TessBaseAPISetImage(e->api, gray, w, h, 1, w);
	p_TessBaseAPISetSourceResolution(e->api, 300);
	g_atomic_int_inc(&recognized);
	al__ocr_recognizing = true;
	int failed_ = p_TessBaseAPIRecognize(e->api, NULL) != 0;
	al__ocr_recognizing = false;
	if (failed_) {
		p_TessBaseAPIClear(e->api);
		engine_give(e);
		return 0;
	}
	TessResultIterator *it = p_TessBaseAPIGetIterator(e->api);
	if (it) {
		const TessPageIterator *pi = p_TessResultIteratorGetPageIteratorConst(it);
		int cur = -1;
		do {
			if (cur < 0 || p_TessPageIteratorIsAtBeginningOf(pi, RIL_WORD)) {
				if (cur >= 0 && out[cur].n > 0)
					k++;
				if (k >= n)
					break;
				cur = k;
				memset(&out[cur], 0, sizeof out[cur]);
				out[cur].conf = p_TessResultIteratorConfidence(it, RIL_WORD);
			}
			char *s = p_TessResultIteratorGetUTF8Text(it, RIL_SYMBOL);
			if (s) {
				al_ocr_word_add(&out[cur], s,
				                p_TessResultIteratorConfidence(it, RIL_SYMBOL));
				p_TessDeleteText(s);
			}
		} while (p_TessResultIteratorNext(it, RIL_SYMBOL));
		if (cur >= 0 && cur == k && k < n && out[cur].n > 0)
			k++;
		p_TessResultIteratorDelete(it);
	}
	p_TessBaseAPIClear(e->api);
	engine_give(e);
	memo_keep(h_, gray, w, h, out, k, n, invert);
	return k;
}

int al_ocr_read_line(al_ocr *e, const uint8_t *gray, int w, int h,
                     al_ocr_word *out, int n)
{
	return read_line(e, gray, w, h, out, n, true);
}

int al_ocr_read_line_as_given(al_ocr *e, const uint8_t *gray, int w, int h,
                              al_ocr_word *out, int n)
{
	return read_line(e, gray, w, h, out, n, false);
}

/* Says whether OCR is available and which model, without loading it
 * (see available()): --version and the report's head cost no model
 * load. */
const char *al_ocr_describe(void)
{
	engine *e = NULL;
	const char *d;

	g_mutex_lock(&lock);
	bool ok = available(&e);
	if (e) {
		/* loaded to find out: kept for the run that follows */
		e->next = idle;
		idle = e;
	}
	d = ok ? description : why_failed;
	g_mutex_unlock(&lock);
	return d;
}

#else /* !AL_HAVE_TESSERACT */

static const char not_built[] =
	"not built in (make TESSERACT=0): the text rule uses its letter-shape "
	"detector alone";

void al_ocr_begin(void) {}
void al_ocr_end(void) {}

al_ocr *al_ocr_get(const char **why)
{
	if (why)
		*why = not_built;
	return NULL;
}

void al_ocr_put(al_ocr *e) { (void)e; }

const char *al_ocr_lost(const al_ocr *e)
{
	(void)e;
	return NULL;
}

int al_ocr_engines_made(void) { return 0; }

int al_ocr_inverting_reads(void) { return 0; }

int al_ocr_recognitions(void) { return 0; }

size_t al_ocr_engine_bytes(void) { return 0; }

int al_ocr_read_line(al_ocr *e, const uint8_t *gray, int w, int h,
                     al_ocr_word *out, int n)
{
	(void)e; (void)gray; (void)w; (void)h; (void)out; (void)n;
	return 0;
}

int al_ocr_read_line_as_given(al_ocr *e, const uint8_t *gray, int w, int h,
                              al_ocr_word *out, int n)
{
	return al_ocr_read_line(e, gray, w, h, out, n);
}

const char *al_ocr_describe(void)
{
	return not_built;
}

#endif
