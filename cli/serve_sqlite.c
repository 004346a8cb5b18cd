/*
 * serve_sqlite.c: `dixit serve`'s statements on SQLite (serve_db.h's
 * backend serve_sqlite).
 *
 * A connection is opened read-only (SQLITE_OPEN_READONLY and PRAGMA
 * query_only); a progress handler stops a statement once the request's
 * time is up (SQLITE_INTERRUPT: a 408). The filters are store.c's own,
 * those of `dixit search`. The stamp is the database's files (the file
 * and its -wal: size, time, inode): a commit of `dixit index` running
 * beside the server changes the -wal.
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime, st_mtim */
#include "serve_db.h"
#include "serve_facets.h"
#include "serve_sql.h"
#include "store.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

/* One connection, and the end of the time of the request using it: of
 * the processor time of its thread, and (four times as long) of the
 * time on the clock. Processor time, so that a machine busy with other
 * work does not turn a fair query into a 408; the clock, so that a
 * query waiting on the disk is bounded too. */
typedef struct lite {
    store *s;
    sqlite3 *db;
    int ms;
    char *path[2]; /* the database, its -wal */
    struct timespec deadline[2];
} lite;

static const clockid_t clocks[2] = {CLOCK_THREAD_CPUTIME_ID, CLOCK_MONOTONIC};

/* Called by SQLite every few thousand steps: non-zero stops the
 * statement (SQLITE_INTERRUPT) once the request's time is up. */
static int past_deadline(void *ctx)
{
    const lite *c = ctx;
    for (int k = 0; k < 2; k++) {
        struct timespec now;
        clock_gettime(clocks[k], &now);
        if (now.tv_sec > c->deadline[k].tv_sec ||
            (now.tv_sec == c->deadline[k].tv_sec && now.tv_nsec > c->deadline[k].tv_nsec))
            return 1;
    }
    return 0;
}

static void lite_close(void *p)
{
    lite *c = p;
    if (!c)
        return;
    store_close(c->s);
    free(c->path[0]);
    free(c->path[1]);
    free(c);
}

static void *lite_open(const char *db, int ms, char *msg, size_t cap)
{
    lite *c = calloc(1, sizeof *c);
    size_t n = strlen(db);
    if (!c || !(c->path[0] = strdup(db)) || !(c->path[1] = malloc(n + 5))) {
        snprintf(msg, cap, "out of memory");
        lite_close(c);
        return NULL;
    }
    snprintf(c->path[1], n + 5, "%s-wal", db);
    c->ms = ms;
    if (!(c->s = store_open(db, false, STORE_BUSY_MS, msg, cap))) {
        lite_close(c);
        return NULL;
    }
    c->db = store_db(c->s);
    /* read-only twice over: the open flags, and no statement may write */
    sqlite3_exec(c->db, "PRAGMA query_only = ON", NULL, NULL, NULL);
    sqlite3_progress_handler(c->db, 1000, past_deadline, c);
    return c;
}

static serve_rc lite_begin(void *p, char *msg, size_t cap)
{
    lite *c = p;
    (void)msg;
    (void)cap;
    for (int k = 0; k < 2; k++) { /* (the request runs on this thread) */
        long ms = k ? 4L * c->ms : c->ms;
        struct timespec *d = &c->deadline[k];
        clock_gettime(clocks[k], d);
        d->tv_sec += ms / 1000;
        d->tv_nsec += (ms % 1000) * 1000000L;
        if (d->tv_nsec >= 1000000000L) {
            d->tv_sec++;
            d->tv_nsec -= 1000000000L;
        }
    }
    return SERVE_OK;
}

static void lite_end(void *p)
{
    (void)p;
}

static serve_rc lite_stamp(void *p, char *stamp, size_t cap, char *msg, size_t mcap)
{
    const lite *c = p;
    size_t n = 0;
    (void)msg;
    (void)mcap;
    stamp[0] = 0;
    for (int i = 0; i < 2 && n < cap; i++) {
        struct stat st;
        if (stat(c->path[i], &st) != 0) /* no -wal: zeros */
            memset(&st, 0, sizeof st);
        n += (size_t)snprintf(stamp + n, cap - n, "%lld.%lld.%lld.%ld;", (long long)st.st_size,
                              (long long)st.st_ino, (long long)st.st_mtim.tv_sec, (long)st.st_mtim.tv_nsec);
    }
    return SERVE_OK;
}

/* ------------------------------------------------------------------ */
/* Statements: fixed text, every value a bound parameter */

#define FROM_WORDS "attributions_fts f JOIN attributions a ON a.id = f.rowid " SERVE_JOINS
#define FROM_ALL "attributions a " SERVE_JOINS
/* newest first with no words: the articles walked by their date index
 * (CROSS JOIN keeps that order), so a page of results stops early
 * instead of sorting every attribution */
#define FROM_DATED                                                                                           \
    "articles ar CROSS JOIN attributions a ON a.article = ar.id LEFT JOIN speakers s ON s.id = a.speaker "   \
    "LEFT JOIN persons p ON p.id = s.person"
/* speaker=ID: that person's records (?12), beside store.c's filters */
#define PERSON_FILTER " AND a.speaker IN (SELECT v.id FROM speakers v WHERE v.person = ?12) "
/* (added only when given: "?12 IS NULL OR ..." would keep SQLite from
 * reading the person's records by the speakers' index) */

/* The statements of one id (serve_sql.h), an article's place its rowid. */
static const char *const by_id_sql[SS_COUNT] = SERVE_BY_ID_SQL("ar.id");

/* ------------------------------------------------------------------ */
/* Running them */

/* How a SQLite code that is no success went, said in msg. */
static serve_rc failed(sqlite3 *db, int rc, char *msg, size_t cap)
{
    if (rc == SQLITE_INTERRUPT) {
        snprintf(msg, cap, "the query ran past its time limit; narrow it with filters");
        return SERVE_TIMEOUT;
    }
    if (rc == SQLITE_NOMEM) {
        snprintf(msg, cap, "out of memory");
        return SERVE_NOMEM;
    }
    snprintf(msg, cap, "the database failed: %s", db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    return SERVE_FAILED;
}

/* Every row of st (finalized here) through fn, as cells. */
static serve_rc each_row(sqlite3 *db, sqlite3_stmt *st, serve_row_fn fn, void *ctx, char *msg, size_t cap)
{
    int rc, n = sqlite3_column_count(st);
    cell row[SERVE_COLUMNS_MAX];
    n = n < SERVE_COLUMNS_MAX ? n : SERVE_COLUMNS_MAX;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        for (int i = 0; i < n; i++) {
            cell *x = &row[i];
            int t = sqlite3_column_type(st, i);
            x->t = t == SQLITE_NULL      ? CELL_NULL
                   : t == SQLITE_INTEGER ? CELL_INT
                   : t == SQLITE_FLOAT   ? CELL_REAL
                                         : CELL_TEXT;
            x->i = sqlite3_column_int64(st, i);
            x->d = sqlite3_column_double(st, i);
            x->s = x->t == CELL_TEXT ? (const char *)sqlite3_column_text(st, i) : NULL;
            if (x->t == CELL_TEXT && !x->s) {
                rc = SQLITE_NOMEM;
                break;
            }
        }
        if (rc != SQLITE_ROW || !fn(ctx, row, n)) {
            rc = SQLITE_NOMEM;
            break;
        }
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? SERVE_OK : failed(db, rc, msg, cap);
}

/* Prepares sql: the statement, or NULL (rc says why). */
static sqlite3_stmt *prepare(sqlite3 *db, const char *sql, serve_rc *rc, char *msg, size_t cap)
{
    sqlite3_stmt *st = NULL;
    int e = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    if (e == SQLITE_OK)
        return st;
    sqlite3_finalize(st);
    *rc = failed(db, e, msg, cap);
    return NULL;
}

static serve_rc lite_by_id(void *p, serve_stmt k, long long id, serve_row_fn fn, void *ctx, char *msg,
                           size_t cap)
{
    const lite *c = p;
    serve_rc rc = SERVE_OK;
    sqlite3_stmt *st = prepare(c->db, by_id_sql[k], &rc, msg, cap);
    if (!st)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    return each_row(c->db, st, fn, ctx, msg, cap);
}

/* Binds the words (?1), store.c's filters and limit (?2 to ?11) and the
 * person (?12) of a search or a count. */
static void bind_filters(sqlite3_stmt *st, const char *match, const query_filters *f)
{
    if (match)
        sqlite3_bind_text(st, 1, match, -1, SQLITE_TRANSIENT);
    store_bind_query(st, &f->sq);
    if (f->person)
        sqlite3_bind_int64(st, 12, f->person);
}

static serve_rc lite_search(void *p, const query_filters *f, serve_row_fn fn, void *ctx, char *msg,
                            size_t cap)
{
    const lite *c = p;
    /* as dixit search: the speaker's last word narrows the matches in
     * the index; past STORE_RANK_MAX of them, the latest first */
    char *match = f->sq.text ? store_match_speaker(f->sq.text, f->sq.speaker) : NULL;
    const char *order = !match                                             ? "ar.date DESC, a.id"
                        : store_match_count(c->db, match) > STORE_RANK_MAX ? "f.rowid DESC"
                                                                           : "f.rank, ar.date DESC, a.id";
    char sql[4096];
    snprintf(sql, sizeof sql,
             "SELECT " SERVE_ROW_COLUMNS "FROM %s WHERE %s AND %s%s ORDER BY %s LIMIT ?3 OFFSET ?13",
             match       ? FROM_WORDS
             : f->person ? FROM_ALL
                         : FROM_DATED,
             match ? "attributions_fts MATCH ?1" : "?1 IS NULL", store_filters_sql,
             f->person ? PERSON_FILTER : "", order);
    serve_rc rc = SERVE_OK;
    sqlite3_stmt *st = prepare(c->db, sql, &rc, msg, cap);
    if (st) {
        bind_filters(st, match, f);
        sqlite3_bind_int64(st, 13, f->offset);
        rc = each_row(c->db, st, fn, ctx, msg, cap);
    }
    free(match);
    return rc;
}

static serve_rc lite_facets(void *p, const query_filters *f, serve_row_fn fn, void *ctx, char *msg,
                            size_t cap)
{
    const lite *c = p;
    char *match = f->sq.text ? store_match(f->sq.text) : NULL;
    char sql[8192];
    size_t n = (size_t)snprintf(sql, sizeof sql, "SELECT ");
    for (int i = 0; i < f->nby && n < sizeof sql; i++)
        n += (size_t)snprintf(sql + n, sizeof sql - n, "%s, %s, %s, ", facet_columns[f->by[i]][0],
                              facet_columns[f->by[i]][1], facet_columns[f->by[i]][2]);
    if (n < sizeof sql)
        snprintf(sql + n, sizeof sql - n, "s.kind, p.id, s.id, p.gender FROM %s WHERE %s AND %s%s",
                 match ? FROM_WORDS : FROM_ALL, match ? "attributions_fts MATCH ?1" : "?1 IS NULL",
                 store_filters_sql, f->person ? PERSON_FILTER : "");
    serve_rc rc = SERVE_OK;
    sqlite3_stmt *st = prepare(c->db, sql, &rc, msg, cap);
    if (st) {
        bind_filters(st, match, f);
        rc = each_row(c->db, st, fn, ctx, msg, cap);
    }
    free(match);
    return rc;
}

const serve_backend serve_sqlite = {
    .open = lite_open,
    .close = lite_close,
    .begin = lite_begin,
    .end = lite_end,
    .stamp = lite_stamp,
    .by_id = lite_by_id,
    .search = lite_search,
    .facets = lite_facets,
};
