/*
 * dixit.c: the engine and the per-document driver.
 *
 * dixit_extract runs the stages in order over one document, all memory in
 * one arena owned by the result. The engine only holds the lexicon, so any
 * number of threads may extract with one engine at once.
 */
#include "alloc.h"
#include "analysis.h"
#include "attribute.h"
#include "cues.h"
#include "engine.h"
#include "extent.h"
#include "lang.h"
#include "lexicon.h"
#include "mentions.h"
#include "quotes.h"
#include "reported.h"
#include "score.h"
#include "segment.h"
#include "select.h"
#include "uncued.h"
#include "utf8.h"
#include "voices.h"
#include "write.h"
#include "zones.h"

#include <stdlib.h>
#include <string.h>

struct dixit_result {
    arena ar;
    analysis an;
    dixit_doc doc;            /* a copy: the caller's struct may go away */
    dixit_attribution *attrs; /* owned: the vector the stages filled */
    void *attrs_heap;
    size_t nattrs;
    buf render;
};

const char *dixit_status_str(dixit_status s)
{
    switch (s) {
    case DIXIT_OK: return "ok";
    case DIXIT_ENOMEM: return "out of memory";
    case DIXIT_EUTF8: return "invalid UTF-8";
    case DIXIT_ENUL: return "NUL byte in text";
    case DIXIT_ETOOBIG: return "document over the size limit";
    case DIXIT_EJSON: return "JSON does not parse";
    case DIXIT_ENOTEXT: return "no text field";
    case DIXIT_EIO: return "input/output error";
    case DIXIT_EARG: return "bad argument";
    }
    return "unknown status";
}

dixit_engine *dixit_engine_new(const dixit_allocator *alloc)
{
    dixit_allocator a = {0};
    if (alloc)
        a = *alloc;
    dixit_engine *e = dx_malloc(&a, sizeof *e);
    if (!e)
        return NULL;
    memset(e, 0, sizeof *e); /* the trace off, no field left unset */
    e->alloc = a;
    e->lx = lexicon_new(&e->alloc, false);
    bool zones_ok = zones_index(&e->zones);
    model_load(&e->model);
    if (!e->lx || !zones_ok) {
        lexicon_free(e->lx);
        dx_free(&a, e);
        return NULL;
    }
    return e;
}

void dixit_engine_free(dixit_engine *e)
{
    if (!e)
        return;
    dixit_allocator a = e->alloc;
    lexicon_free(e->lx);
    dx_free(&a, e);
}

void dixit_engine_set_trace(dixit_engine *e, int on)
{
    if (e)
        e->trace = on != 0;
}

dixit_status dixit_engine_set_beliefs(dixit_engine *e, int on)
{
    if (!e)
        return DIXIT_EARG;
    lexicon *lx = lexicon_new(&e->alloc, on != 0);
    if (!lx)
        return DIXIT_ENOMEM;
    lexicon_free(e->lx);
    e->lx = lx;
    return DIXIT_OK;
}

unsigned dixit_word(const dixit_engine *e, const char *word, size_t n, char *gender)
{
    const lex_entry *x = e && word && n ? lex_get(e->lx, word, n) : NULL;
    if (!x && e && word && n > 1 && word[n - 1] == '.') /* "Mr." is "Mr" and its period */
        x = lex_get(e->lx, word, n - 1);
    if (gender)
        *gender = x && x->gender == G_FEM ? 'f' : x && x->gender == G_MASC ? 'm' : 0;
    if (!x)
        return 0;
    return ((x->flags & LX_FIRSTNAME) ? DIXIT_WORD_FIRSTNAME : 0) |
           ((x->flags & LX_HONORIFIC) ? DIXIT_WORD_TITLE : 0) | ((x->flags & LX_ROLE) ? DIXIT_WORD_ROLE : 0) |
           ((x->flags & LX_PARTICLE) ? DIXIT_WORD_PARTICLE : 0) |
           ((x->flags & LX_PRONOUN) ? DIXIT_WORD_PRONOUN : 0) |
           ((x->wc[LANG_FR] & WC_FEM) ? DIXIT_WORD_FEM_ARTICLE : 0) |
           (lex_has(x, LANG_UND, LX_DET) ? DIXIT_WORD_DETERMINER : 0);
}

void dixit_engine_set_weights(dixit_engine *e, const char *text, size_t len)
{
    if (e && text)
        model_read(&e->model, text, len);
}

static int lang_code(const char *s)
{
    if (!s || !*s)
        return -1;
    if ((s[0] == 'f' || s[0] == 'F') && (s[1] == 'r' || s[1] == 'R') && (!s[2] || s[2] == '-' || s[2] == '_'))
        return LANG_FR;
    if ((s[0] == 'e' || s[0] == 'E') && (s[1] == 'n' || s[1] == 'N') && (!s[2] || s[2] == '-' || s[2] == '_'))
        return LANG_EN;
    return LANG_UND;
}

static int by_key(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return a < b ? -1 : a > b;
}

/* Records in text order, by content start, stably: the stages each emit
 * in order, so the records often are already. Otherwise the keys (start,
 * then place) are sorted, not the records (a record is some 260 bytes),
 * and each record is then copied once. False when the scratch space
 * cannot be had: the document fails with DIXIT_ENOMEM. */
static bool sort_by_start(dixit_attribution *a, size_t n, arena *ar)
{
    size_t k = 1;
    while (k < n && a[k - 1].content.start <= a[k].content.start)
        k++;
    if (k >= n)
        return true;
    uint64_t *key = arena_alloc_raw(ar, n * sizeof *key);
    dixit_attribution *tmp = arena_alloc_raw(ar, n * sizeof *tmp);
    if (!key || !tmp)
        return false;
    for (size_t i = 0; i < n; i++)
        key[i] = (uint64_t)a[i].content.start << 32 | i; /* offsets and n fit 32 bits (DIXIT_ETOOBIG) */
    if (n <= 64) {                                       /* most documents: an insertion sort, no calls */
        for (size_t i = 1; i < n; i++) {
            uint64_t x = key[i];
            size_t j = i;
            for (; j > 0 && key[j - 1] > x; j--)
                key[j] = key[j - 1];
            key[j] = x;
        }
    } else {
        qsort(key, n, sizeof *key, by_key);
    }
    memcpy(tmp, a, n * sizeof *a);
    for (size_t i = 0; i < n; i++)
        a[i] = tmp[(uint32_t)key[i]];
    return true;
}

/* A copy of string s in the document's arena, which the result outlives
 * the caller's document with; NULL stays NULL. */
static const char *kept(arena *ar, const char *s)
{
    return s ? arena_strndup(ar, s, strlen(s)) : NULL;
}

dixit_status dixit_extract(const dixit_engine *e, const dixit_doc *doc, dixit_result **out)
{
    if (!out)
        return DIXIT_EARG;
    *out = NULL;
    if (!e || !doc || (!doc->text && doc->len))
        return DIXIT_EARG;
    if (doc->len > UINT32_MAX - 16)
        return DIXIT_ETOOBIG;
    if (utf8_validate(doc->text, doc->len) != doc->len)
        return DIXIT_EUTF8;
    if (doc->len && memchr(doc->text, 0, doc->len))
        return DIXIT_ENUL;
    dixit_result *r = dx_malloc(&e->alloc, sizeof *r);
    if (!r)
        return DIXIT_ENOMEM;
    memset(r, 0, sizeof *r);
    arena_init(&r->ar, &e->alloc);
    buf_init(&r->render, &e->alloc, 0);
    analysis *an = &r->an;
    an->ar = &r->ar;
    an->eng = e;
    an->lx = e->lx;
    an->lex0 = lex_entry0(e->lx);
    an->endings = lex_endings_of(e->lx);
    an->trace = e->trace;
    r->doc = *doc;
    r->doc.id = doc->id ? kept(&r->ar, doc->id) : "";
    r->doc.date = kept(&r->ar, doc->date);
    r->doc.title = kept(&r->ar, doc->title);
    r->doc.url = kept(&r->ar, doc->url);
    r->doc.path = kept(&r->ar, doc->path);
    r->doc.site = kept(&r->ar, doc->site);
    r->doc.authors = kept(&r->ar, doc->authors);
    r->doc.notes = kept(&r->ar, doc->notes);
    r->doc.captions = kept(&r->ar, doc->captions);
    r->doc.blocks = kept(&r->ar, doc->blocks);
    an->doc = &r->doc;
    an->text = doc->text ? doc->text : "";
    an->len = doc->len;
    int forced = lang_code(doc->lang);
    size_t body = doc->body <= doc->len ? doc->body : doc->len;
    lang_memo words;
    an->lang = forced >= 0 ? forced : lang_detect_memo(e->lx, an->text + body, an->len - body, &words);
    an->lang_words = forced >= 0 ? NULL : &words;

    bool ok = segment_tokens(an) && quotes_pair(an) && segment_sentences(an);
    an->lang_words = NULL; /* on this stack frame: no use after the tokens */
    mention_table *mt = NULL;
    vec attrs;
    vec_init(&attrs, &e->alloc, sizeof(dixit_attribution));
    if (ok) {
        zones_mark(an, &e->zones);
        /* from here on tokens, sentences and zones are fixed: cue_at may
         * remember its answers (cues.c) */
        cue_prepare(an);
        mt = mentions_build(an);
        ok = mt && attribute_direct(an, mt, &attrs) && attribute_reported(an, mt, &attrs);
        if (ok && attrs.len > 1)
            ok = sort_by_start(attrs.data, attrs.len, an->ar);
        /* pronouns and voices, in text order, now that every rule has
         * found its speakers */
        ok = ok && voices_settle(an, mt, &attrs);
        /* quotations no rule claimed, proposed after the rest so that they
         * never take a quotation a cue explains */
        size_t before_uncued = attrs.len;
        ok = ok && attribute_uncued(an, mt, &attrs);
        if (ok && attrs.len > before_uncued)
            ok = sort_by_start(attrs.data, attrs.len, an->ar);
        /* the trained scorer: each record's confidence, and which stand */
        ok = ok && select_records(an, attrs.data, &attrs.len);
        /* the cues' spans as annotation writes them, once chosen */
        if (ok)
            extent_cues(an, attrs.data, attrs.len);
    }
    if (ok && attrs.len) {
        /* the records stay in the vector that collected them: no copy */
        r->attrs = attrs.data;
        r->attrs_heap = attrs.data;
        r->nattrs = attrs.len;
        attrs.data = NULL;
    }
    vec_free(&attrs);
    mentions_free(mt);
    if (!ok || r->ar.failed) {
        dixit_result_free(r);
        return DIXIT_ENOMEM;
    }
    *out = r;
    return DIXIT_OK;
}

void dixit_result_free(dixit_result *r)
{
    if (!r)
        return;
    const dixit_allocator *a = r->ar.alloc;
    buf_free(&r->render);
    if (r->an.ar)
        analysis_free(&r->an);
    dx_free(a, r->attrs_heap);
    arena_free(&r->ar);
    dx_free(a, r);
}

size_t dixit_result_count(const dixit_result *r)
{
    return r ? r->nattrs : 0;
}

const dixit_attribution *dixit_result_get(const dixit_result *r, size_t i)
{
    return r && i < r->nattrs ? &r->attrs[i] : NULL;
}

const char *dixit_result_lang(const dixit_result *r)
{
    if (!r)
        return "und";
    return lang_name(r->an.lang);
}

/* Code points before every CP_STEP-th byte, so a byte offset turns into a
 * code-point offset by counting at most CP_STEP bytes. */
static bool build_cp_marks(analysis *an)
{
    size_t n = an->len / CP_STEP + 1;
    uint32_t *m = arena_alloc(an->ar, n * sizeof *m);
    if (!m)
        return false;
    _Static_assert(CP_STEP == 64, "utf8_marks64 counts in steps of 64 bytes");
    utf8_marks64(an->text, an->len, m);
    an->cp_marks = m;
    return true;
}

dixit_status dixit_render(dixit_result *r, const dixit_doc *doc, dixit_format fmt, const char **out,
                          size_t *len)
{
    (void)doc;
    if (!r || !out || !len)
        return DIXIT_EARG;
    /* the marks serve only offsets; records, segments and a page's
     * marked blocks need them, a document without records in JSONL or
     * CSV does not */
    bool offsets = r->nattrs > 0 || fmt == DIXIT_FORMAT_SEGMENTS || fmt == DIXIT_FORMAT_ENTITIES ||
                   (fmt == DIXIT_FORMAT_TEXT && r->doc.blocks);
    if (offsets && !r->an.cp_marks && !build_cp_marks(&r->an))
        return DIXIT_ENOMEM;
    r->render.len = 0;
    r->render.failed = false;
    /* room for the usual records at once (a record is some 600 bytes, and
     * each asks for room for its worst case): not a dozen copies while
     * the buffer doubles from 256 bytes */
    if (r->nattrs)
        buf_reserve(&r->render, 4096 + (r->nattrs < 256 ? r->nattrs : 256) * 1024);
    bool ok = true;
    if (fmt == DIXIT_FORMAT_SEGMENTS) {
        ok = write_segments(&r->render, &r->an);
    } else if (fmt == DIXIT_FORMAT_ENTITIES) {
        ok = write_entities(&r->render, &r->an, r->attrs, r->nattrs);
    } else if (fmt == DIXIT_FORMAT_TEXT) {
        ok = write_text(&r->render, &r->an);
    } else if (fmt == DIXIT_FORMAT_FEATURES) {
        for (size_t i = 0; i < r->nattrs && ok; i++)
            ok = write_features(&r->render, &r->an, &r->attrs[i], i);
    } else if (fmt == DIXIT_FORMAT_CSV) {
        for (size_t i = 0; i < r->nattrs && ok; i++)
            ok = write_record_csv(&r->render, &r->an, &r->attrs[i], i);
    } else {
        ok = write_records_jsonl(&r->render, &r->an, r->attrs, r->nattrs);
    }
    if (!ok)
        return DIXIT_ENOMEM;
    *out = r->render.data ? r->render.data : "";
    *len = r->render.len;
    return DIXIT_OK;
}
