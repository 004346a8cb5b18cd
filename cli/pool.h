/*
 * pool.h: extraction on several threads with output in input order (see
 * pool.c). Single producer: one thread submits, drains and frees.
 */
#ifndef DIXIT_POOL_H
#define DIXIT_POOL_H

#include "dixit.h"

#include <stddef.h>

/* What one document gave; valid during the emit call only. */
typedef struct pool_out {
    dixit_status status;
    const char *id;    /* the document id */
    const char *name;  /* the stream it came from */
    size_t count;      /* attributions found */
    char *records;     /* rendered records (may be empty) */
    size_t records_len;
    char *entities;    /* the entity table, with entities on */
    size_t entities_len;
} pool_out;

/* Called on the submitting thread, in submission order. */
typedef void (*pool_emit_fn)(void *ctx, const pool_out *out);

typedef struct pool pool;

/* NULL when threads or memory are missing. */
pool *pool_new(int nthreads, const dixit_engine *eng, dixit_format fmt, int entities, pool_emit_fn emit, void *ctx);
/* Copies the document and queues it; blocks while the ring is full, and
 * writes what is finished meanwhile. -1 when the copy failed (reported
 * through emit as DIXIT_ENOMEM). */
int pool_submit(pool *p, const dixit_doc *doc, const char *stream);
/* Waits for every queued document and emits it. */
void pool_drain(pool *p);
void pool_free(pool *p);

#endif
