/*
 * pool.c: extraction on several threads, output in input order.
 *
 * The reading thread only splits the input: it packs raw JSON Lines lines
 * (and .txt documents, and the messages of its own reader) into batches of
 * about BATCH_BYTES, each in a job of a ring of `depth` jobs, so memory stays
 * bounded whatever the corpus size. Worker threads do everything else: the
 * JSON decoding and validation of each line (a dixit_reader of their own),
 * the extraction, the rendering of records, entity tables and messages,
 * into the job's buffers. The reading thread writes finished jobs strictly
 * in submission order, so the output, stderr included, is byte-identical
 * whatever the number of threads or the chunk size. Batches, rather than
 * documents, go through the lock: a few thousand hand-offs for 200 MB
 * instead of one (and a few context switches) per document, which on two
 * cores cost more than the reading thread's own work.
 */
#define _POSIX_C_SOURCE 200809L
#include "pool.h"

#include <pthread.h>
#include <signal.h>
#include <stdalign.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Input bytes per batch: large enough that a hand-off is rare next to the
 * extraction of its documents (about 13 articles of the bench corpus),
 * small enough that the last batches still spread over the workers and that
 * the ring stays a few megabytes. */
enum { BATCH_BYTES = 64 * 1024, BATCH_ITEMS = 512 };
/* Buffers that grew past this for a huge document are given back. */
enum { KEEP_BYTES = 4 * 1024 * 1024 };

enum { JOB_FREE = 0, JOB_READY, JOB_BUSY, JOB_DONE };
enum { ITEM_LINE, ITEM_DOC, ITEM_ERROR };

typedef struct sbuf {
    char *data;
    size_t len, cap;
} sbuf;

static int sbuf_add(sbuf *b, const void *p, size_t n)
{
    if (n > b->cap - b->len) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap - b->len < n) {
            if (cap > ((size_t)-1) / 2)
                return -1;
            cap *= 2;
        }
        char *d = realloc(b->data, cap);
        if (!d)
            return -1;
        b->data = d;
        b->cap = cap;
    }
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    return 0;
}

/* Empties b, giving its memory back when a huge document made it grow. */
static void sbuf_reset(sbuf *b)
{
    b->len = 0;
    if (b->cap > KEEP_BYTES) {
        free(b->data);
        b->data = NULL;
        b->cap = 0;
    }
}

static void sbuf_free(sbuf *b)
{
    free(b->data);
    memset(b, 0, sizeof *b);
}

/* The strings of a document besides its id and text, by their place in
 * dixit_doc: the pool carries each that is not NULL. */
static const size_t doc_strings[] = {
    offsetof(dixit_doc, date),  offsetof(dixit_doc, lang),     offsetof(dixit_doc, title),
    offsetof(dixit_doc, url),   offsetof(dixit_doc, site),     offsetof(dixit_doc, authors),
    offsetof(dixit_doc, notes), offsetof(dixit_doc, captions), offsetof(dixit_doc, blocks)};
enum { DOC_STRINGS = sizeof doc_strings / sizeof *doc_strings };

static const char **doc_string(dixit_doc *d, size_t k)
{
    return (const char **)(void *)((char *)d + doc_strings[k]);
}

/* One line, document or message of a batch; its bytes are in the job's
 * `in` buffer, NUL-terminated. */
typedef struct item {
    int kind;
    size_t at, n;          /* the line, the document's text, the message */
    size_t lineno, offset; /* a line: its number and stream offset */
    size_t id;             /* a document: its id in `in` */
    size_t str[DOC_STRINGS]; /* and its doc_strings in `in`, or SIZE_MAX */
    size_t body;
} item;

/* A job: a batch of input and what it gave. A cache line of its own, as
 * the reading thread fills one job while the workers write others. */
typedef struct job {
    alignas(64) int state;
    size_t seq;
    char *name; /* the stream the batch comes from */
    char *stem; /* its readers' id base (dixit_reader_set_stem), or NULL */
    int oom;    /* some input could not be queued */
    sbuf in;
    item *items;
    size_t nitems, cap_items;
    /* the result */
    sbuf out, ent, err;
    size_t docs, count;
    size_t skipped[DIXIT_EARG + 1]; /* by dixit_status */
    int failed;
    char *prep; /* conf.prepare's, or NULL */
    size_t prep_len;
} job;

struct pool {
    pthread_mutex_t mu;
    pthread_cond_t work; /* a job became READY, or stop */
    pthread_cond_t done; /* the job written next became DONE */
    pthread_t *threads;
    int nthreads;
    job *jobs;
    size_t depth;
    size_t next_seq;   /* sequence number of the next submission */
    size_t next_take;  /* sequence number a worker takes next */
    size_t next_write; /* sequence number written next */
    int idle;          /* workers waiting for work */
    int waiting;       /* the reading thread waits for next_write */
    int stop;
    job *cur; /* the job being filled, or NULL */
    pool_conf conf;
};

/* ------------------------------------------------------------------ */
/* Workers                                                              */

typedef struct wctx {
    pool *p;
    job *j;
    dixit_reader *rd; /* reads the lines of stream rd_name */
    char *rd_name;
} wctx;

static void say(wctx *w, const char *s)
{
    w->j->failed = 1;
    if (!w->p->conf.quiet)
        sbuf_add(&w->j->err, s, strlen(s));
}

static void doc_failed(wctx *w, const char *id, dixit_status st)
{
    w->j->skipped[st]++;
    char msg[512];
    snprintf(msg, sizeof msg, "dixit: %s: document %s: %s\n", w->j->name, id ? id : "?", dixit_status_str(st));
    say(w, msg);
}

static int add_to(void *ctx, const char *p, size_t n)
{
    return sbuf_add(ctx, p, n);
}

/* Renders res as fmt into b, the records the filter keeps (all with no
 * filter): their count in *kept. */
static dixit_status add_rendered(sbuf *b, dixit_result *res, const dixit_doc *d, dixit_format fmt, const filter *f,
                                 size_t *kept)
{
    const char *t;
    size_t n;
    dixit_status st = dixit_render(res, d, fmt, &t, &n);
    if (st == DIXIT_OK)
        *kept = filter_records(f, res, d, fmt, t, n, add_to, b);
    if (st == DIXIT_OK && *kept == (size_t)-1)
        st = DIXIT_ENOMEM;
    return st;
}

/* Extracts and renders one document into the job (the -j 1 path's work). */
static int w_doc(void *ctx, const dixit_doc *doc)
{
    wctx *w = ctx;
    const pool_conf *c = &w->p->conf;
    dixit_doc d = *doc;
    if (c->lang)
        d.lang = c->lang;
    dixit_result *res = NULL;
    dixit_status st = dixit_extract(c->eng, &d, &res);
    size_t count = 0, ents;
    if (st == DIXIT_OK)
        st = add_rendered(&w->j->out, res, &d, c->fmt, c->filt, &count);
    if (st == DIXIT_OK && c->entities)
        st = add_rendered(&w->j->ent, res, &d, c->side, NULL, &ents);
    if (st == DIXIT_OK) {
        w->j->docs++;
        w->j->count += count;
    } else {
        doc_failed(w, d.id, st);
    }
    dixit_result_free(res);
    return 0;
}

static void w_error(void *ctx, const dixit_error *e)
{
    wctx *w = ctx;
    char msg[1024];
    w->j->skipped[e->status]++;
    if (e->line)
        snprintf(msg, sizeof msg, "dixit: %s:%zu: %s\n", e->name, e->line, e->message);
    else
        snprintf(msg, sizeof msg, "dixit: %s: %s\n", e->name, e->message);
    say(w, msg);
}

/* This worker's reader for the job's stream: the stream's name gives the
 * ids of lines without one and the messages. */
static dixit_reader *w_reader(wctx *w)
{
    if (w->rd && strcmp(w->rd_name, w->j->name) == 0)
        return w->rd;
    dixit_reader_free(w->rd);
    free(w->rd_name);
    w->rd_name = strdup(w->j->name);
    w->rd = w->rd_name ? dixit_reader_new(DIXIT_INPUT_JSONL, w->rd_name, w->p->conf.max_doc, NULL, w_doc, w_error, w)
                       : NULL;
    if (w->rd && w->j->stem && dixit_reader_set_stem(w->rd, w->j->stem) != DIXIT_OK) {
        dixit_reader_free(w->rd);
        w->rd = NULL;
    }
    return w->rd;
}

/* The document item it carries, its bytes in `in`, read from name. */
static dixit_doc item_doc(const item *it, const char *in, const char *name)
{
    dixit_doc d = {.id = in + it->id, .text = in + it->at, .len = it->n, .body = it->body, .path = name};
    for (size_t k = 0; k < DOC_STRINGS; k++)
        *doc_string(&d, k) = it->str[k] == SIZE_MAX ? NULL : in + it->str[k];
    return d;
}

static void run_job(wctx *w, job *j)
{
    w->j = j;
    const char *in = j->in.data;
    for (size_t k = 0; k < j->nitems; k++) {
        const item *it = &j->items[k];
        if (it->kind == ITEM_LINE) {
            dixit_reader *rd = w_reader(w);
            if (!rd)
                doc_failed(w, NULL, DIXIT_ENOMEM);
            else
                dixit_reader_line(rd, in + it->at, it->n, it->lineno, it->offset);
        } else if (it->kind == ITEM_DOC) {
            dixit_doc d = item_doc(it, in, j->name);
            w_doc(w, &d);
        } else {
            say(w, in + it->at);
        }
    }
    if (j->oom) {
        char msg[512];
        j->skipped[DIXIT_ENOMEM]++;
        snprintf(msg, sizeof msg, "dixit: %s: out of memory; input skipped\n", j->name ? j->name : "?");
        say(w, msg);
    }
    w->j = NULL;
}

static void *worker(void *arg)
{
    wctx w = {arg, NULL, NULL, NULL};
    pool *p = w.p;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        if (p->next_take < p->next_seq) {
            job *j = &p->jobs[p->next_take % p->depth];
            p->next_take++;
            j->state = JOB_BUSY;
            pthread_mutex_unlock(&p->mu);
            run_job(&w, j);
            if (p->conf.prepare)
                p->conf.prepare(j->ent.data, j->ent.len, j->out.data, j->out.len, &j->prep, &j->prep_len);
            pthread_mutex_lock(&p->mu);
            j->state = JOB_DONE;
            /* only the job written next can wake the reading thread */
            if (p->waiting && j->seq == p->next_write)
                pthread_cond_signal(&p->done);
            continue;
        }
        if (p->stop)
            break;
        p->idle++;
        pthread_cond_wait(&p->work, &p->mu);
        p->idle--;
    }
    pthread_mutex_unlock(&p->mu);
    dixit_reader_free(w.rd);
    free(w.rd_name);
    return NULL;
}

/* ------------------------------------------------------------------ */
/* The reading thread                                                   */

pool *pool_new(const pool_conf *conf)
{
    int nthreads = conf->nthreads < 1 ? 1 : conf->nthreads;
    pool *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->conf = *conf;
    p->depth = (size_t)nthreads * 3;
    /* aligned_alloc for the jobs' cache lines */
    size_t bytes = (p->depth * sizeof *p->jobs + 63) / 64 * 64;
    p->jobs = aligned_alloc(64, bytes);
    p->threads = calloc((size_t)nthreads, sizeof *p->threads);
    if (!p->jobs || !p->threads) {
        free(p->jobs);
        free(p->threads);
        free(p);
        return NULL;
    }
    memset(p->jobs, 0, bytes);
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->work, NULL);
    pthread_cond_init(&p->done, NULL);
    /* the workers block SIGINT and SIGTERM (a thread inherits the mask of
     * its creator), so the reading thread gets them and its read of a
     * pipe or terminal is interrupted */
    sigset_t stops, old;
    sigemptyset(&stops);
    sigaddset(&stops, SIGINT);
    sigaddset(&stops, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stops, &old);
    for (int i = 0; i < nthreads; i++) {
        if (pthread_create(&p->threads[i], NULL, worker, p) != 0)
            break;
        p->nthreads++;
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (p->nthreads == 0) {
        pool_free(p);
        return NULL;
    }
    return p;
}

static void job_reset(job *j)
{
    free(j->name);
    free(j->stem);
    j->name = j->stem = NULL;
    j->oom = 0;
    sbuf_reset(&j->in);
    j->nitems = 0;
    if (j->cap_items > BATCH_ITEMS * 4) {
        free(j->items);
        j->items = NULL;
        j->cap_items = 0;
    }
    sbuf_reset(&j->out);
    sbuf_reset(&j->ent);
    sbuf_reset(&j->err);
    j->docs = j->count = 0;
    memset(j->skipped, 0, sizeof j->skipped);
    j->failed = 0;
    free(j->prep);
    j->prep = NULL;
    j->prep_len = 0;
}

/* Writes finished jobs in order; with `all`, waits for every one. Called
 * with the lock held; unlocks while emitting. */
static void flush(pool *p, int all)
{
    for (;;) {
        if (p->next_write == p->next_seq)
            return;
        job *j = &p->jobs[p->next_write % p->depth];
        if (j->state != JOB_DONE) {
            if (!all)
                return;
            p->waiting = 1;
            pthread_cond_wait(&p->done, &p->mu);
            p->waiting = 0;
            continue;
        }
        pthread_mutex_unlock(&p->mu);
        pool_out o = {j->out.data, j->out.len, j->ent.data, j->ent.len, j->err.data, j->err.len,
                      j->docs,     j->count,   j->skipped,  j->failed,  j->prep,     j->prep_len};
        p->conf.emit(p->conf.ctx, &o);
        job_reset(j);
        pthread_mutex_lock(&p->mu);
        j->state = JOB_FREE;
        p->next_write++;
    }
}

void pool_send(pool *p)
{
    job *j = p->cur;
    if (!j)
        return;
    p->cur = NULL;
    pthread_mutex_lock(&p->mu);
    j->seq = p->next_seq++;
    j->state = JOB_READY;
    if (p->idle)
        pthread_cond_signal(&p->work);
    /* write what is finished meanwhile, so output flows as input does */
    flush(p, 0);
    pthread_mutex_unlock(&p->mu);
}

/* The job being filled for stream `name`: the last one if it is of the
 * same stream and has room for n more bytes, else a new one, waiting for
 * the oldest to be written when the ring is full. */
static job *filling(pool *p, const char *name, size_t n)
{
    job *j = p->cur;
    if (j && (!j->name || strcmp(j->name, name) != 0 || (j->nitems && j->in.len + n > BATCH_BYTES) ||
              j->nitems >= BATCH_ITEMS)) {
        pool_send(p);
        j = NULL;
    }
    if (j)
        return j;
    pthread_mutex_lock(&p->mu);
    while (p->next_seq - p->next_write >= p->depth) {
        if (p->jobs[p->next_write % p->depth].state == JOB_DONE) {
            flush(p, 0);
            continue;
        }
        p->waiting = 1;
        pthread_cond_wait(&p->done, &p->mu);
        p->waiting = 0;
    }
    pthread_mutex_unlock(&p->mu);
    /* the job is ours until it is READY */
    j = &p->jobs[p->next_seq % p->depth];
    j->name = strdup(name); /* NULL without memory: see named() */
    p->cur = j;
    return j;
}

/* Adds bytes and a NUL to the job's input: their offset, or SIZE_MAX. */
static size_t add_bytes(job *j, const char *s, size_t n)
{
    size_t at = j->in.len;
    if (sbuf_add(&j->in, s, n) != 0 || sbuf_add(&j->in, "", 1) != 0) {
        j->in.len = at;
        return SIZE_MAX;
    }
    return at;
}

static item *add_item(job *j, int kind)
{
    if (j->nitems == j->cap_items) {
        size_t cap = j->cap_items ? j->cap_items * 2 : 64;
        item *it = realloc(j->items, cap * sizeof *it);
        if (!it) {
            j->oom = 1;
            return NULL;
        }
        j->items = it;
        j->cap_items = cap;
    }
    item *it = &j->items[j->nitems];
    memset(it, 0, sizeof *it);
    it->kind = kind;
    it->id = SIZE_MAX;
    for (size_t k = 0; k < DOC_STRINGS; k++)
        it->str[k] = SIZE_MAX;
    return it;
}

static int named(pool *p, const char *name, size_t n, job **out)
{
    job *j = filling(p, name, n);
    if (!j->name) {
        /* no memory for the stream's name: the batch says so */
        j->oom = 1;
        return -1;
    }
    *out = j;
    return 0;
}

void pool_line(pool *p, const char *name, const char *stem, const char *line, size_t n, size_t lineno,
               size_t offset)
{
    job *j;
    if (named(p, name, n, &j) != 0)
        return;
    if (stem && !j->stem && !(j->stem = strdup(stem))) {
        j->oom = 1;
        return;
    }
    item *it = add_item(j, ITEM_LINE);
    size_t at = it ? add_bytes(j, line, n) : SIZE_MAX;
    if (at == SIZE_MAX) {
        j->oom = 1;
        return;
    }
    it->at = at;
    it->n = n;
    it->lineno = lineno;
    it->offset = offset;
    j->nitems++;
}

void pool_doc(pool *p, const char *name, const dixit_doc *d)
{
    job *j;
    if (named(p, name, d->len, &j) != 0)
        return;
    size_t mark = j->in.len;
    item *it = add_item(j, ITEM_DOC);
    if (!it)
        return;
    it->at = add_bytes(j, d->text ? d->text : "", d->len);
    it->n = d->len;
    it->body = d->body;
    it->id = add_bytes(j, d->id ? d->id : "", d->id ? strlen(d->id) : 0);
    int ok = it->at != SIZE_MAX && it->id != SIZE_MAX;
    dixit_doc copy = *d;
    for (size_t k = 0; ok && k < DOC_STRINGS; k++) {
        const char *v = *doc_string(&copy, k);
        if (v)
            ok = (it->str[k] = add_bytes(j, v, strlen(v))) != SIZE_MAX;
    }
    if (!ok) {
        j->in.len = mark;
        j->oom = 1;
        return;
    }
    j->nitems++;
}

void pool_error(pool *p, const char *name, const char *msg)
{
    job *j;
    if (named(p, name, strlen(msg), &j) != 0)
        return;
    item *it = add_item(j, ITEM_ERROR);
    size_t at = it ? add_bytes(j, msg, strlen(msg)) : SIZE_MAX;
    if (at == SIZE_MAX) {
        j->oom = 1;
        return;
    }
    it->at = at;
    it->n = strlen(msg);
    j->nitems++;
}

void pool_drain(pool *p)
{
    pool_send(p);
    pthread_mutex_lock(&p->mu);
    flush(p, 1);
    pthread_mutex_unlock(&p->mu);
}

void pool_free(pool *p)
{
    if (!p)
        return;
    pthread_mutex_lock(&p->mu);
    p->stop = 1;
    pthread_cond_broadcast(&p->work);
    pthread_mutex_unlock(&p->mu);
    for (int i = 0; i < p->nthreads; i++)
        pthread_join(p->threads[i], NULL);
    for (size_t i = 0; i < p->depth; i++) {
        job *j = &p->jobs[i];
        free(j->name);
        free(j->stem);
        sbuf_free(&j->in);
        free(j->items);
        sbuf_free(&j->out);
        sbuf_free(&j->ent);
        sbuf_free(&j->err);
    }
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->work);
    pthread_cond_destroy(&p->done);
    free(p->jobs);
    free(p->threads);
    free(p);
}
