/*
 * pool.c: extraction on several threads, output in input order.
 *
 * The reading thread submits documents (copied into a slot of a ring of
 * `depth` slots, so memory stays bounded whatever the corpus size); worker
 * threads extract and render them; the reading thread writes finished slots
 * strictly in submission order, so the output is byte-identical whatever
 * the number of threads. The library is thread-safe on one shared engine.
 */
#include "pool.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

enum { SLOT_FREE = 0, SLOT_READY, SLOT_BUSY, SLOT_DONE };

typedef struct slot {
    int state;
    size_t seq;
    /* the document, copied */
    char *id, *text, *date, *lang, *name;
    size_t len, body;
    /* the result */
    pool_out out;
} slot;

struct pool {
    pthread_mutex_t mu;
    pthread_cond_t work;  /* a slot became READY, or stop */
    pthread_cond_t done;  /* a slot became DONE or FREE */
    pthread_t *threads;
    int nthreads;
    slot *slots;
    size_t depth;
    size_t next_seq;   /* sequence number of the next submission */
    size_t next_write; /* sequence number written next */
    int stop;
    const dixit_engine *eng;
    dixit_format fmt;
    int entities;
    pool_emit_fn emit;
    void *ctx;
};

static char *dup_n(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (p) {
        if (n)
            memcpy(p, s, n);
        p[n] = 0;
    }
    return p;
}

static char *dup_s(const char *s)
{
    return s ? dup_n(s, strlen(s)) : NULL;
}

static void slot_clear(slot *s)
{
    free(s->id);
    free(s->text);
    free(s->date);
    free(s->lang);
    free(s->name);
    free(s->out.records);
    free(s->out.entities);
    memset(s, 0, sizeof *s);
}

/* Extracts and renders one slot's document (no lock held). */
static void work(pool *p, slot *s)
{
    dixit_doc d = {s->id, s->text, s->len, s->body, s->date, s->lang, NULL, NULL};
    dixit_result *res = NULL;
    s->out.status = dixit_extract(p->eng, &d, &res);
    if (s->out.status == DIXIT_OK) {
        s->out.count = dixit_result_count(res);
        const char *t;
        size_t n;
        s->out.status = dixit_render(res, &d, p->fmt, &t, &n);
        if (s->out.status == DIXIT_OK) {
            s->out.records = dup_n(t, n);
            s->out.records_len = n;
            if (!s->out.records)
                s->out.status = DIXIT_ENOMEM;
        }
        if (s->out.status == DIXIT_OK && p->entities) {
            s->out.status = dixit_render(res, &d, DIXIT_FORMAT_ENTITIES, &t, &n);
            if (s->out.status == DIXIT_OK) {
                s->out.entities = dup_n(t, n);
                s->out.entities_len = n;
                if (!s->out.entities)
                    s->out.status = DIXIT_ENOMEM;
            }
        }
    }
    dixit_result_free(res);
    s->out.id = s->id;
    s->out.name = s->name;
}

static void *worker(void *arg)
{
    pool *p = arg;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        slot *s = NULL;
        /* the oldest ready slot, so writing can go on as early as possible */
        for (size_t seq = p->next_write; seq < p->next_seq; seq++) {
            slot *c = &p->slots[seq % p->depth];
            if (c->state == SLOT_READY && c->seq == seq) {
                s = c;
                break;
            }
        }
        if (!s) {
            if (p->stop)
                break;
            pthread_cond_wait(&p->work, &p->mu);
            continue;
        }
        s->state = SLOT_BUSY;
        pthread_mutex_unlock(&p->mu);
        work(p, s);
        pthread_mutex_lock(&p->mu);
        s->state = SLOT_DONE;
        pthread_cond_broadcast(&p->done);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

pool *pool_new(int nthreads, const dixit_engine *eng, dixit_format fmt, int entities, pool_emit_fn emit, void *ctx)
{
    if (nthreads < 1)
        nthreads = 1;
    pool *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->depth = (size_t)nthreads * 4;
    p->slots = calloc(p->depth, sizeof *p->slots);
    p->threads = calloc((size_t)nthreads, sizeof *p->threads);
    if (!p->slots || !p->threads) {
        free(p->slots);
        free(p->threads);
        free(p);
        return NULL;
    }
    p->eng = eng;
    p->fmt = fmt;
    p->entities = entities;
    p->emit = emit;
    p->ctx = ctx;
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->work, NULL);
    pthread_cond_init(&p->done, NULL);
    for (int i = 0; i < nthreads; i++) {
        if (pthread_create(&p->threads[i], NULL, worker, p) != 0)
            break;
        p->nthreads++;
    }
    if (p->nthreads == 0) {
        pool_free(p);
        return NULL;
    }
    return p;
}

/* Writes finished slots in order; with `all`, waits for every one. Called
 * with the lock held; unlocks while emitting. */
static void flush(pool *p, int all)
{
    for (;;) {
        if (p->next_write == p->next_seq)
            return;
        slot *s = &p->slots[p->next_write % p->depth];
        if (s->state != SLOT_DONE) {
            if (!all)
                return;
            pthread_cond_wait(&p->done, &p->mu);
            continue;
        }
        pthread_mutex_unlock(&p->mu);
        p->emit(p->ctx, &s->out);
        pthread_mutex_lock(&p->mu);
        slot_clear(s);
        p->next_write++;
        pthread_cond_broadcast(&p->done);
    }
}

int pool_submit(pool *p, const dixit_doc *d, const char *stream)
{
    pthread_mutex_lock(&p->mu);
    flush(p, 0);
    /* wait for a free slot: the ring bounds the documents in flight */
    while (p->next_seq - p->next_write >= p->depth) {
        slot *s = &p->slots[p->next_write % p->depth];
        if (s->state == SLOT_DONE) {
            flush(p, 0);
            continue;
        }
        pthread_cond_wait(&p->done, &p->mu);
    }
    slot *s = &p->slots[p->next_seq % p->depth];
    pthread_mutex_unlock(&p->mu);
    /* copy outside the lock: the slot is ours until it is READY */
    s->id = dup_s(d->id ? d->id : "");
    s->text = dup_n(d->text ? d->text : "", d->len);
    s->date = dup_s(d->date);
    s->lang = dup_s(d->lang);
    s->name = dup_s(stream);
    s->len = d->len;
    s->body = d->body;
    int ok = s->id && s->text && (!d->date || s->date) && (!d->lang || s->lang) && s->name;
    pthread_mutex_lock(&p->mu);
    s->seq = p->next_seq++;
    if (ok) {
        s->state = SLOT_READY;
        pthread_cond_signal(&p->work);
    } else {
        s->out.status = DIXIT_ENOMEM;
        s->out.id = s->id;
        s->out.name = s->name;
        s->state = SLOT_DONE;
    }
    pthread_mutex_unlock(&p->mu);
    return ok ? 0 : -1;
}

void pool_drain(pool *p)
{
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
    for (size_t i = 0; i < p->depth; i++)
        slot_clear(&p->slots[i]);
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->work);
    pthread_cond_destroy(&p->done);
    free(p->slots);
    free(p->threads);
    free(p);
}
