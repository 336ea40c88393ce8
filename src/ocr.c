/* Tesseract engines for the text rule (see ocr.h and assetlint(1), rule
 * text).  An engine costs ~15 MB and ~0.1 s to load, so engines are made
 * lazily, kept on an idle list while a run is open and reused by whichever
 * worker thread asks next: at most one per thread that reads at the same
 * time.  Tesseract's own OpenMP teams are switched off (one thread per
 * engine; the worker pool is the parallelism). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include "ocr.h"

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
#include <tesseract/capi.h>

struct al_ocr {
	TessBaseAPI *api;
	al_ocr *next;            /* on the idle list */
};

static GMutex lock;
static int open_runs;
static al_ocr *idle;
static int made;             /* engines made, for al_ocr_engines_made() */
static bool failed;          /* the model did not load: not tried again */
static char why_failed[256];
static char description[256];

/* Tesseract (Debian's build) parallelises inside a line with OpenMP.  The
 * worker pool already keeps the cores busy, and libgomp reads
 * OMP_THREAD_LIMIT only when it is loaded, so the calling thread's teams
 * are limited here: no active parallel levels means teams of one thread,
 * as with OMP_THREAD_LIMIT=1.  Found at run time: a Tesseract built
 * without OpenMP has no such function and needs nothing. */
static void one_thread(void)
{
	static void (*set_levels)(int);
	static gsize done;

	if (g_once_init_enter(&done)) {
		*(void **)&set_levels = dlsym(RTLD_DEFAULT, "omp_set_max_active_levels");
		g_once_init_leave(&done, 1);
	}
	if (set_levels)
		set_levels(0);
}

static void engine_free(al_ocr *e)
{
	if (!e)
		return;
	TessBaseAPIEnd(e->api);
	TessBaseAPIDelete(e->api);
	g_free(e);
}

/* Called with the lock held. */
static al_ocr *engine_new(void)
{
	TessBaseAPI *api = TessBaseAPICreate();
	if (!api) {
		g_strlcpy(why_failed, "Tesseract could not create an engine (out of memory)",
		          sizeof why_failed);
		return NULL;
	}
	/* Tesseract's messages (its tprintf) go to debug_file; our findings
	 * say what matters */
	TessBaseAPISetVariable(api, "debug_file", "/dev/null");
	/* TESSDATA_PREFIX, when set, names the folder; else the path compiled
	 * into Debian's libtesseract (/usr/share/tesseract-ocr/5/tessdata) */
	if (TessBaseAPIInit2(api, NULL, "eng", OEM_LSTM_ONLY) != 0) {
		const char *env = g_getenv("TESSDATA_PREFIX");
		g_snprintf(why_failed, sizeof why_failed,
		           "Tesseract's English model eng.traineddata could not be loaded "
		           "from %s (install Debian's tesseract-ocr-eng, or set "
		           "TESSDATA_PREFIX to the folder that holds it)",
		           env ? env : "Tesseract's default tessdata folder");
		TessBaseAPIDelete(api);
		failed = true;
		return NULL;
	}
	TessBaseAPISetPageSegMode(api, PSM_SINGLE_LINE);
	if (!description[0]) {
		const char *dp = TessBaseAPIGetDatapath(api);
		g_snprintf(description, sizeof description, "tesseract %s (eng from %s)",
		           TessVersion(), dp ? dp : "?");
	}
	al_ocr *e = g_new0(al_ocr, 1);
	e->api = api;
	made++;
	return e;
}

int al_ocr_engines_made(void)
{
	g_mutex_lock(&lock);
	int n = made;
	g_mutex_unlock(&lock);
	return n;
}

void al_ocr_begin(void)
{
	g_mutex_lock(&lock);
	open_runs++;
	g_mutex_unlock(&lock);
}

void al_ocr_end(void)
{
	al_ocr *list = NULL;

	g_mutex_lock(&lock);
	if (open_runs > 0 && --open_runs == 0) {
		list = idle;
		idle = NULL;
	}
	g_mutex_unlock(&lock);
	while (list) {
		al_ocr *next = list->next;
		engine_free(list);
		list = next;
	}
}

al_ocr *al_ocr_get(const char **why)
{
	al_ocr *e = NULL;

	g_mutex_lock(&lock);
	if (idle) {
		e = idle;
		idle = e->next;
		e->next = NULL;
	} else if (!failed) {
		e = engine_new();
	}
	if (!e && why)
		*why = why_failed;
	g_mutex_unlock(&lock);
	return e;
}

void al_ocr_put(al_ocr *e)
{
	if (!e)
		return;
	g_mutex_lock(&lock);
	if (open_runs > 0) {
		e->next = idle;
		idle = e;
		e = NULL;
	}
	g_mutex_unlock(&lock);
	engine_free(e);
}

int al_ocr_read_line(al_ocr *e, const uint8_t *gray, int w, int h,
                     al_ocr_word *out, int n)
{
	int k = 0;

	if (!e || w <= 0 || h <= 0 || n <= 0)
		return 0;
	one_thread();
	TessBaseAPISetImage(e->api, gray, w, h, 1, w);
	TessBaseAPISetSourceResolution(e->api, 300);
	if (TessBaseAPIRecognize(e->api, NULL) != 0) {
		TessBaseAPIClear(e->api);
		return 0;
	}
	TessResultIterator *it = TessBaseAPIGetIterator(e->api);
	if (it) {
		const TessPageIterator *pi = TessResultIteratorGetPageIteratorConst(it);
		int cur = -1;
		do {
			if (cur < 0 || TessPageIteratorIsAtBeginningOf(pi, RIL_WORD)) {
				if (cur >= 0 && out[cur].n > 0)
					k++;
				if (k >= n)
					break;
				cur = k;
				memset(&out[cur], 0, sizeof out[cur]);
				out[cur].conf = TessResultIteratorConfidence(it, RIL_WORD);
			}
			char *s = TessResultIteratorGetUTF8Text(it, RIL_SYMBOL);
			if (s) {
				al_ocr_word_add(&out[cur], s,
				                TessResultIteratorConfidence(it, RIL_SYMBOL));
				TessDeleteText(s);
			}
		} while (TessResultIteratorNext(it, RIL_SYMBOL));
		if (cur >= 0 && cur == k && k < n && out[cur].n > 0)
			k++;
		TessResultIteratorDelete(it);
	}
	TessBaseAPIClear(e->api);
	return k;
}

const char *al_ocr_describe(void)
{
	const char *d;

	g_mutex_lock(&lock);
	d = description[0] ? description : failed ? why_failed : NULL;
	g_mutex_unlock(&lock);
	if (d)
		return d;
	/* not known yet: load the model once to find out, and keep the
	 * engine idle for the run that follows (a report's head is written
	 * before its files are checked: one model load, not two) */
	al_ocr *e = al_ocr_get(NULL);
	g_mutex_lock(&lock);
	if (e) {
		e->next = idle;
		idle = e;
	}
	d = e ? description : why_failed;
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

int al_ocr_engines_made(void) { return 0; }

int al_ocr_read_line(al_ocr *e, const uint8_t *gray, int w, int h,
                     al_ocr_word *out, int n)
{
	(void)e; (void)gray; (void)w; (void)h; (void)out; (void)n;
	return 0;
}

const char *al_ocr_describe(void)
{
	return not_built;
}

#endif
