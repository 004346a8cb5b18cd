/*
 * serve_db.h: what `dixit serve` asks of a database, behind one small
 * interface with two implementations: SQLite (serve_sqlite.c) and
 * PostgreSQL (serve_pg.c). serve_api.c owns the paths, the JSON shapes
 * and the pool of connections; a backend owns its SQL, how a request's
 * time is bounded, and what stamp tells that the data changed. Rows come
 * back as cells (a value and its type), so neither serve_api.c nor
 * serve_facets.c knows which database answered.
 */
#ifndef DIXIT_SERVE_DB_H
#define DIXIT_SERVE_DB_H

#include "query.h"

#include <stdbool.h>
#include <stddef.h>

/* One value of a row: borrowed, valid during the row's call. */
typedef enum cell_type { CELL_NULL, CELL_INT, CELL_REAL, CELL_TEXT } cell_type;
typedef struct cell {
    cell_type t;
    long long i;   /* CELL_INT */
    double d;      /* CELL_INT and CELL_REAL */
    const char *s; /* CELL_TEXT (NUL-terminated) */
} cell;

#define SERVE_COLUMNS_MAX 64 /* cells of a row, at most */

/* Called once per row (n cells); false stops the rows (no memory). */
typedef bool (*serve_row_fn)(void *ctx, const cell *row, int n);

/* How a call went; every failure has a line in msg. */
typedef enum serve_rc {
    SERVE_OK,
    SERVE_TIMEOUT, /* past the request's time limit (408) */
    SERVE_NOMEM,   /* (503) */
    SERVE_FAILED,  /* the database said no (500) */
    SERVE_GONE     /* the database server cannot be reached (503) */
} serve_rc;

/* The statements of one id ($1/?1), each with its columns in this order
 * (serve_api.c names them): the same in both backends. */
typedef enum serve_stmt {
    SS_PERSON,        /* id, name, kind, gender, gender_evidence */
    SS_PERSON_COUNTS, /* attributions, articles, first date, last date */
    SS_VARIANTS,      /* name, count: most first, then by name */
    SS_TIMELINE,      /* month, count: by month */
    SS_ADDRESSEES,    /* name, count: most first, then by name (50) */
    SS_ACCUSES,       /* as SS_ADDRESSEES, of the accusations */
    SS_RECENT,        /* ROW (serve_api.c): newest first (50) */
    SS_ARTICLE,       /* id, doc, title, url, site, date, lang, authors, text */
    SS_ARTICLE_ATTRS, /* its attributions, by start */
    SS_QUOTATION,     /* id, text, speaker, person, first_date, occurrences, outlets */
    SS_SEEN,          /* its occurrences; the last column 1 for the first article */
    SS_COUNT
} serve_stmt;

/* A backend: every function takes a connection its open made. A
 * connection is used by one thread at a time (serve_api.c's pool). */
typedef struct serve_backend {
    /* One read-only connection to db, whose requests may take ms
     * milliseconds (docs/serve.md, --query-time). NULL with one line in
     * msg: cannot connect, not a dixit database, a newer schema... */
    void *(*open)(const char *db, int ms, char *msg, size_t cap);
    void (*close)(void *c); /* a no-op for NULL */
    /* A request begins: its time starts; PostgreSQL opens a read-only
     * transaction, so that its statements read one snapshot (and
     * reconnects first when the server was lost). */
    serve_rc (*begin)(void *c, char *msg, size_t cap);
    void (*end)(void *c); /* and ends */
    /* What the data is now, as text into stamp (cap bytes): equal stamps,
     * equal data. Within a request of PostgreSQL, its snapshot. */
    serve_rc (*stamp)(void *c, char *stamp, size_t cap, char *msg, size_t mcap);
    /* The rows of statement k for id. */
    serve_rc (*by_id)(void *c, serve_stmt k, long long id, serve_row_fn fn, void *ctx, char *msg, size_t cap);
    /* The ROWs the filters f select, in docs/serve.md's order, from
     * f->offset on, f->sq.limit of them at most. */
    serve_rc (*search)(void *c, const query_filters *f, serve_row_fn fn, void *ctx, char *msg, size_t cap);
    /* One row per attribution the filters select (their words too):
     * for each kind f->by[i], cells 3i to 3i+2 its key, value and extra
     * (serve_facets.h); then the speaker's kind, the person id, the
     * speaker id, the person's gender. */
    serve_rc (*facets)(void *c, const query_filters *f, serve_row_fn fn, void *ctx, char *msg, size_t cap);
} serve_backend;

extern const serve_backend serve_sqlite, serve_pg;

#endif
