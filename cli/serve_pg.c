/*
 * serve_pg.c: `dixit serve`'s statements on PostgreSQL (serve_db.h's
 * backend serve_pg), over libpq.
 *
 * A connection is store_pg.c's (the same checks of the schema as dixit
 * search), made read-only for its session (default_transaction_read_only)
 * with statement_timeout as the request's clock bound. A request is one
 * REPEATABLE READ READ ONLY transaction, so that its statements read one
 * snapshot, and that snapshot (pg_current_snapshot()) is the stamp the
 * kept counts are checked against: any commit changes it. The filters and
 * the words are store_pg.c's, those of `dixit search`; the orders are
 * SQLite's, with articles.ord where SQLite orders by rowid. A connection
 * the server dropped answers 503 and is made again at the next request.
 */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include "serve_db.h"
#include "serve_facets.h"
#include "serve_sql.h"
#include "store_pg.h"

#include <ctype.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* PostgreSQL's type oids of the values read as numbers (pg_type.h is
 * the server's header, not libpq's) */
#define OID_BOOL 16
#define OID_INT8 20
#define OID_INT2 21
#define OID_INT4 23
#define OID_FLOAT4 700
#define OID_FLOAT8 701

typedef struct pgc {
    store *s;
    store_pg *p;
    PGconn *c;
    int ms;
    char snap[256];    /* the snapshot of the request's transaction; "" until asked */
    unsigned prepared; /* the statements of one id prepared in this session: bit k for k */
    bool ending;       /* the last request's ROLLBACK sent, its answer not read yet */
} pgc;

/* ------------------------------------------------------------------ */
/* The session and its failures */

/* The first line of what libpq or the server said (its primary message
 * when there is a result). */
static void first_line(const pgc *c, const PGresult *r, char *out, size_t cap)
{
    const char *e = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    e = e ? e : PQerrorMessage(c->c);
    size_t n = strcspn(e, "\n");
    while (n && isspace((unsigned char)e[n - 1]))
        n--;
    snprintf(out, cap, "%.*s", (int)n, n ? e : "no answer");
}

/* How the failed result r went (NULL: the connection's error), said in
 * msg: a connection lost (an 08 class SQLSTATE, the server shutting down,
 * or no connection left) is SERVE_GONE, a statement_timeout SERVE_TIMEOUT. */
static serve_rc failed(const pgc *c, const PGresult *r, char *msg, size_t cap)
{
    const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
    char line[400];
    first_line(c, r, line, sizeof line);
    if (PQstatus(c->c) != CONNECTION_OK ||
        (state && (!strncmp(state, "08", 2) || !strncmp(state, "57P", 3)))) {
        snprintf(msg, cap, "the database server is unavailable (%s): %s", store_pg_where(c->p), line);
        return SERVE_GONE;
    }
    if (state && !strcmp(state, "57014")) {
        snprintf(msg, cap, "the query ran past its time limit; narrow it with filters");
        return SERVE_TIMEOUT;
    }
    if (state && !strcmp(state, "53200")) {
        snprintf(msg, cap, "out of memory");
        return SERVE_NOMEM;
    }
    snprintf(msg, cap, "the database failed: %s", line);
    return SERVE_FAILED;
}

/* Runs sql (no parameters, no rows wanted). */
static serve_rc exec(pgc *c, const char *sql, char *msg, size_t cap)
{
    PGresult *r = PQexec(c->c, sql);
    ExecStatusType st = PQresultStatus(r);
    serve_rc rc = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK ? SERVE_OK : failed(c, r, msg, cap);
    PQclear(r);
    return rc;
}

/* What every session of the server sets (again after a reconnection,
 * which starts a new session): UTF-8, no notices, read-only by default,
 * and the clock bound of a statement (four times --query-time, as for
 * SQLite: the server's processor time cannot be asked for). */
static serve_rc session(pgc *c, char *msg, size_t cap)
{
    char sql[200];
    snprintf(sql, sizeof sql,
             "SET client_min_messages = warning; SET default_transaction_read_only = on; "
             "SET statement_timeout = %ld",
             4L * c->ms);
    if (PQsetClientEncoding(c->c, "UTF8") != 0)
        return failed(c, NULL, msg, cap);
    return exec(c, sql, msg, cap);
}

static void pg_close(void *p)
{
    pgc *c = p;
    if (c)
        store_close(c->s);
    free(c);
}

static void *pg_open(const char *db, int ms, char *msg, size_t cap)
{
    pgc *c = calloc(1, sizeof *c);
    if (!c) {
        snprintf(msg, cap, "out of memory");
        return NULL;
    }
    c->ms = ms;
    if (!(c->s = store_open(db, false, 0, msg, cap)) || !(c->p = store_pg_of(c->s))) {
        if (c->s) /* (a store_open of a URL is PostgreSQL's) */
            snprintf(msg, cap, "%s: not a PostgreSQL database", db);
        pg_close(c);
        return NULL;
    }
    c->c = store_pg_conn(c->p);
    if (session(c, msg, cap) != SERVE_OK) {
        pg_close(c);
        return NULL;
    }
    return c;
}

/* A connection the server dropped is made again (PQreset: the same
 * parameters) before a request; still none, SERVE_GONE. */
static serve_rc reconnect(pgc *c, char *msg, size_t cap)
{
    PQreset(c->c);
    c->prepared = 0; /* (a new session: its prepared statements are gone) */
    c->ending = false;
    if (PQstatus(c->c) != CONNECTION_OK)
        return failed(c, NULL, msg, cap);
    return session(c, msg, cap);
}

static serve_rc pg_begin(void *p, char *msg, size_t cap)
{
    pgc *c = p;
    static const char begin[] = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
    c->snap[0] = 0;
    if (c->ending) /* the last request's ROLLBACK, done by now (a lost connection is seen below) */
        for (PGresult *r; (r = PQgetResult(c->c)) != NULL;)
            PQclear(r);
    c->ending = false;
    serve_rc rc = PQstatus(c->c) == CONNECTION_OK ? SERVE_OK : reconnect(c, msg, cap);
    if (rc == SERVE_OK && (rc = exec(c, begin, msg, cap)) == SERVE_GONE && reconnect(c, msg, cap) == SERVE_OK)
        rc = exec(c, begin, msg, cap); /* (the server restarted since the last request: once more) */
    return rc;
}

static void pg_end(void *p)
{
    pgc *c = p;
    /* (nothing was written: ROLLBACK ends it as COMMIT would.) Sent, and
     * its answer read at the next request's begin: the answer to the
     * client does not wait for a round trip that tells it nothing. */
    if (PQstatus(c->c) == CONNECTION_OK && PQtransactionStatus(c->c) != PQTRANS_IDLE)
        c->ending = PQsendQuery(c->c, "ROLLBACK") == 1;
}

static serve_rc pg_stamp(void *p, char *stamp, size_t cap, char *msg, size_t mcap)
{
    pgc *c = p;
    if (!c->snap[0]) {
        PGresult *r = PQexec(c->c, "SELECT pg_current_snapshot()::text");
        if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != 1) {
            serve_rc rc = failed(c, r, msg, mcap);
            PQclear(r);
            return rc;
        }
        snprintf(c->snap, sizeof c->snap, "%s", PQgetvalue(r, 0, 0));
        PQclear(r);
    }
    snprintf(stamp, cap, "%s", c->snap);
    return SERVE_OK;
}

/* ------------------------------------------------------------------ */
/* Statements: SQLite's (serve_sqlite.c), in PostgreSQL's words */

#define FROM_ALL "FROM attributions a " SERVE_JOINS
/* speaker=ID: that person's records ($12) */
#define PERSON_FILTER                                                                                        \
    "AND ($12::bigint IS NULL OR a.speaker IN (SELECT v.id FROM speakers v WHERE v.person = $12)) "
/* SQLite's NULL is the least value: DESC puts it last, here NULLS LAST */
#define NEWEST "ar.date DESC NULLS LAST"

/* The statements of one id (serve_sql.h), an article's place its ord. */
static const char *const by_id_sql[SS_COUNT] = SERVE_BY_ID_SQL("ar.ord");

/* ------------------------------------------------------------------ */
/* Running them */

/* One value of row 0 of r as a cell: numbers by their column's type. */
static void to_cell(const PGresult *r, int i, cell *x)
{
    Oid t = PQftype(r, i);
    const char *v = PQgetvalue(r, 0, i);
    *x = (cell){CELL_TEXT, 0, 0, v};
    if (PQgetisnull(r, 0, i))
        *x = (cell){CELL_NULL, 0, 0, NULL};
    else if (t == OID_INT8 || t == OID_INT4 || t == OID_INT2 || t == OID_BOOL) {
        x->t = CELL_INT;
        x->i = t == OID_BOOL ? v[0] == 't' : strtoll(v, NULL, 10);
        x->d = (double)x->i;
    } else if (t == OID_FLOAT8 || t == OID_FLOAT4) {
        x->t = CELL_REAL;
        x->d = strtod(v, NULL); /* (PostgreSQL writes the shortest text that reads back exactly) */
    }
}

/* Each row of the statement just sent through fn, a row at a time
 * (single-row mode: a count over every attribution is never held
 * whole). */
static serve_rc rows_of(pgc *c, serve_row_fn fn, void *ctx, char *msg, size_t cap)
{
    PQsetSingleRowMode(c->c);
    serve_rc rc = SERVE_OK;
    cell row[SERVE_COLUMNS_MAX];
    for (PGresult *r; (r = PQgetResult(c->c)) != NULL; PQclear(r)) {
        ExecStatusType st = PQresultStatus(r);
        if (st == PGRES_SINGLE_TUPLE && rc == SERVE_OK) {
            int k = PQnfields(r) < SERVE_COLUMNS_MAX ? PQnfields(r) : SERVE_COLUMNS_MAX;
            for (int i = 0; i < k; i++)
                to_cell(r, i, &row[i]);
            if (!fn(ctx, row, k)) {
                snprintf(msg, cap, "out of memory");
                rc = SERVE_NOMEM; /* (the rows left are read and dropped) */
            }
        } else if (st != PGRES_SINGLE_TUPLE && st != PGRES_TUPLES_OK && rc == SERVE_OK)
            rc = failed(c, r, msg, cap);
    }
    return rc;
}

/* Each row of sql with the n values v through fn. */
static serve_rc each_row(pgc *c, const char *sql, int n, const Oid *types, const char *const *v,
                         serve_row_fn fn, void *ctx, char *msg, size_t cap)
{
    if (!PQsendQueryParams(c->c, sql, n, types, v, NULL, NULL, 0))
        return failed(c, NULL, msg, cap);
    return rows_of(c, fn, ctx, msg, cap);
}

/* The statements of one id are prepared once a session, as
 * dixit_ssK: a speaker's page sends seven, whose parsing and planning
 * (a generic plan suits an id) cost more than running them did. */
static serve_rc prepared(pgc *c, serve_stmt k, const char *id, serve_row_fn fn, void *ctx, char *msg,
                         size_t cap)
{
    char name[24];
    snprintf(name, sizeof name, "dixit_ss%d", (int)k);
    if (!(c->prepared & 1u << k)) {
        static const Oid bigint[] = {OID_INT8};
        PGresult *r = PQprepare(c->c, name, by_id_sql[k], 1, bigint);
        serve_rc rc = PQresultStatus(r) == PGRES_COMMAND_OK ? SERVE_OK : failed(c, r, msg, cap);
        PQclear(r);
        if (rc != SERVE_OK)
            return rc;
        c->prepared |= 1u << k;
    }
    const char *v[] = {id};
    if (!PQsendQueryPrepared(c->c, name, 1, v, NULL, NULL, 0))
        return failed(c, NULL, msg, cap);
    return rows_of(c, fn, ctx, msg, cap);
}

static serve_rc pg_by_id(void *p, serve_stmt k, long long id, serve_row_fn fn, void *ctx, char *msg,
                         size_t cap)
{
    char num[24];
    snprintf(num, sizeof num, "%lld", id);
    return prepared(p, k, num, fn, ctx, msg, cap);
}

/* The types of the parameters of a search or a count: the limit, the
 * person and the offset are numbers (typed here, since a count does not
 * read all three), the others the statement's to say. */
static const Oid param_types[13] = {0, 0, OID_INT8, 0, 0, 0, 0, 0, 0, 0, 0, OID_INT8, OID_INT8};

/* The parameters of f ($1 to $13: store_pg.c's eleven, the person, the
 * offset) into v, numbers written into num. */
static void params(const query_filters *f, const char *words, char num[4][32], const char *v[13])
{
    store_pg_params(&f->sq, words, num[0], num[1], v);
    snprintf(num[2], 32, "%lld", f->person);
    v[11] = f->person ? num[2] : NULL;
    snprintf(num[3], 32, "%ld", f->offset);
    v[12] = num[3];
}

/* The tsquery of f's words into *words (NULL for none: what SQLite's
 * store_match reads as no words is none here too). */
static serve_rc words_of(pgc *c, const char *text, char **words, char *msg, size_t cap)
{
    char *m = text ? store_match(text) : NULL;
    *words = NULL;
    if (!m)
        return SERVE_OK;
    free(m);
    char why[512];
    if ((*words = store_pg_words(c->p, text, why, sizeof why)) != NULL)
        return SERVE_OK;
    if (PQstatus(c->c) != CONNECTION_OK)
        return failed(c, NULL, msg, cap);
    snprintf(msg, cap, "the database failed: %s", why);
    return SERVE_FAILED;
}

/* How many attributions words match (for the order: ranked up to
 * STORE_RANK_MAX, else the latest first), narrowed as SQLite's
 * store_match_speaker narrows them: to those whose speaker's name holds
 * the last word of speaker (folded as the index is, or as written: the
 * name itself is not folded here, so the same count as SQLite's for a
 * name in ASCII letters), into *n. */
static serve_rc match_count(pgc *c, const char *words, const char *speaker, long *n, char *msg, size_t cap)
{
    char *last = NULL, *word = NULL;
    if (speaker && speaker[0]) { /* its last word: a run of letters, digits or bytes past ASCII */
        size_t e = strlen(speaker), b;
        while (e > 0 && !isalnum((unsigned char)speaker[e - 1]) && (unsigned char)speaker[e - 1] < 0x80)
            e--;
        for (b = e;
             b > 0 && (isalnum((unsigned char)speaker[b - 1]) || (unsigned char)speaker[b - 1] >= 0x80);)
            b--;
        word = e > b ? strndup(speaker + b, e - b) : NULL;
        char why[512];
        last = word ? store_pg_words(c->p, word, why, sizeof why) : NULL;
    }
    /* counted only up to one past STORE_RANK_MAX: the order asks no more
     * ("said" matches 1,586 of 14,617 attributions) */
    char cap_rows[24];
    snprintf(cap_rows, sizeof cap_rows, "%d", STORE_RANK_MAX + 1);
    const char *v[] = {words, last && last[0] ? last : NULL, word, cap_rows};
    PGresult *r = PQexecParams(c->c,
                               "SELECT count(*) FROM (SELECT 1 FROM attributions a LEFT JOIN speakers s ON "
                               "s.id = a.speaker WHERE a.words @@ $1::tsquery AND ($2::tsquery IS NULL OR "
                               "to_tsvector('simple', s.name) @@ $2::tsquery OR "
                               "to_tsvector('simple', s.name) @@ plainto_tsquery('simple', $3::text)) "
                               "LIMIT $4::bigint) m",
                               4, NULL, v, NULL, NULL, 0);
    serve_rc rc = PQresultStatus(r) == PGRES_TUPLES_OK ? SERVE_OK : failed(c, r, msg, cap);
    *n = rc == SERVE_OK ? strtol(PQgetvalue(r, 0, 0), NULL, 10) : 0;
    PQclear(r);
    free(last);
    free(word);
    return rc;
}

static serve_rc pg_search(void *p, const query_filters *f, serve_row_fn fn, void *ctx, char *msg, size_t cap)
{
    pgc *c = p;
    char *words = NULL;
    long n = 0;
    serve_rc rc = words_of(c, f->sq.text, &words, msg, cap);
    if (rc == SERVE_OK && words)
        rc = match_count(c, words, f->sq.speaker, &n, msg, cap);
    if (rc != SERVE_OK) {
        free(words);
        return rc;
    }
    /* SQLite's orders: newest first, ties in the order of indexing
     * (articles.ord, then the record); ranked words (ts_rank for bm25);
     * many matches, the latest indexed first */
    const char *order = !words               ? NEWEST ", ar.ord, a.id"
                        : n > STORE_RANK_MAX ? "ar.ord DESC, a.id DESC"
                                             : "ts_rank(a.words, $1::tsquery, 1) DESC, " NEWEST
                                               ", ar.ord, a.id";
    char sql[8192], num[4][32];
    snprintf(sql, sizeof sql,
             "SELECT " SERVE_ROW_COLUMNS FROM_ALL "WHERE %s AND %s" PERSON_FILTER
             "ORDER BY %s LIMIT $3::bigint OFFSET $13::bigint",
             words ? "a.words @@ $1::tsquery" : "$1::text IS NULL", store_pg_filters_sql, order);
    const char *v[13];
    params(f, words, num, v);
    rc = each_row(c, sql, 13, param_types, v, fn, ctx, msg, cap);
    free(words);
    return rc;
}

static serve_rc pg_facets(void *p, const query_filters *f, serve_row_fn fn, void *ctx, char *msg, size_t cap)
{
    pgc *c = p;
    char *words = NULL;
    serve_rc rc = words_of(c, f->sq.text, &words, msg, cap);
    if (rc != SERVE_OK)
        return rc;
    char sql[8192], num[4][32];
    size_t n = (size_t)snprintf(sql, sizeof sql, "SELECT ");
    for (int i = 0; i < f->nby && n < sizeof sql; i++)
        n += (size_t)snprintf(sql + n, sizeof sql - n, "%s, %s, %s, ", facet_columns[f->by[i]][0],
                              facet_columns[f->by[i]][1], facet_columns[f->by[i]][2]);
    if (n < sizeof sql)
        snprintf(sql + n, sizeof sql - n,
                 "s.kind, p.id, s.id, p.gender " FROM_ALL "WHERE %s AND %s" PERSON_FILTER,
                 words ? "a.words @@ $1::tsquery" : "$1::text IS NULL", store_pg_filters_sql);
    const char *v[13];
    params(f, words, num, v);
    rc = each_row(c, sql, 13, param_types, v, fn, ctx, msg, cap);
    free(words);
    return rc;
}

const serve_backend serve_pg = {
    .open = pg_open,
    .close = pg_close,
    .begin = pg_begin,
    .end = pg_end,
    .stamp = pg_stamp,
    .by_id = pg_by_id,
    .search = pg_search,
    .facets = pg_facets,
};
