/*
 * pool.h: extraction on several threads with output in input order (see
 * pool.c). Single producer: one thread adds, drains and frees.
 */
#ifndef DIXIT_POOL_H
#define DIXIT_POOL_H

#include "dixit.h"
#include "filter.h"

#include <stddef.h>

/* What one batch of input gave; valid during the emit call only. */
typedef struct pool_out {
    const char *records; /* rendered records, in input order (may be empty) */
    size_t records_len;
    const char *entities; /* what goes beside the records, with entities on:
                             the entity tables, or the articles (side) */
    size_t entities_len;
    const char *errors; /* the messages for stderr, in input order (none when quiet) */
    size_t errors_len;
    size_t docs;    /* documents extracted */
    size_t records_count; /* attributions found in them */
    const size_t *skipped; /* lines and documents skipped, by dixit_status
                              (DIXIT_EARG + 1 counts) */
    int failed;     /* some line or document was bad */
    const char *prepared; /* what conf.prepare made of them, or NULL */
    size_t prepared_len;
} pool_out;

/* Called on the adding thread, in input order. */
typedef void (*pool_emit_fn)(void *ctx, const pool_out *out);

typedef struct pool_conf {
    int nthreads;
    const dixit_engine *eng;
    dixit_format fmt;
    int entities;      /* render the side output too */
    dixit_format side; /* which: DIXIT_FORMAT_ENTITIES (--entities), or
                          DIXIT_FORMAT_TEXT (dixit index: the articles) */
    int quiet;        /* no messages (failures still count) */
    const char *lang; /* forced language, or NULL */
    const filter *filt; /* which records to write, or NULL for all */
    size_t max_doc;   /* the readers' limit (--max-doc-bytes), 0 default */
    pool_emit_fn emit;
    void *ctx;
    /* Or NULL: called on the worker with a batch's side output and
     * records, it makes *out (malloc'd, *out_len bytes; the pool frees
     * it) of them, for emit (dixit index: the rows the store binds,
     * store_rows.h); -1 (*out NULL) when it cannot, emit then gets the
     * text alone. */
    int (*prepare)(const char *side, size_t side_len, const char *records, size_t records_len, char **out,
                   size_t *out_len);
} pool_conf;

typedef struct pool pool;

/* NULL when threads or memory are missing. */
pool *pool_new(const pool_conf *conf);
/* Queues one raw JSON Lines line of stream `name` (dixit_reader_on_line),
 * read on a worker whose reader has the id base stem (NULL: the reader's
 * own; one stream has one); the line is copied. Blocks while the ring is full, and
 * writes what is finished meanwhile. */
void pool_line(pool *p, const char *name, const char *stem, const char *line, size_t n, size_t lineno, size_t offset);
/* Queues a document already read (a .txt file); it is copied. */
void pool_doc(pool *p, const char *name, const dixit_doc *doc);
/* Queues a message for stderr (written in input order) and a failure. */
void pool_error(pool *p, const char *name, const char *msg);
/* Sends what is queued to the workers (at the end of a stream). */
void pool_send(pool *p);
/* Waits for everything queued and emits it. */
void pool_drain(pool *p);
void pool_free(pool *p);

#endif
