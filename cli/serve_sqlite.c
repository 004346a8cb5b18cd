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

/* A result row (ROW in docs/serve.md): its columns (serve_api.c keys them). */
#define ROW_COLUMNS                                                                                          \
    "a.rid, a.id, ar.id, ar.doc, a.type, a.quotation, a.start, a.end, s.name, p.id, p.name, "                \
    "a.speaker_mention, a.cue, a.act, a.confidence, ar.date, ar.site, ar.url, ar.title, a.quote, p.gender, " \
    "a.parts, ar.lang"
#define JOINS                                                                                                \
    "JOIN articles ar ON ar.id = a.article LEFT JOIN speakers s ON s.id = a.speaker "                        \
    "LEFT JOIN persons p ON p.id = s.person"
/* the rows of a search with words, and of one without */
#define FROM_WORDS "attributions_fts f JOIN attributions a ON a.id = f.rowid " JOINS
#define FROM_ALL "attributions a " JOINS
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

/* A person's records, from its speakers' rows. */
#define OF_PERSON                                                                                            \
    "FROM speakers s JOIN attributions a ON a.speaker = s.id JOIN articles ar ON ar.id = a.article "
static const char *const by_id_sql[SS_COUNT] = {
    [SS_PERSON] = "SELECT id, name, kind, gender, gender_evidence FROM persons WHERE id = ?1",
    [SS_PERSON_COUNTS] =
        "SELECT count(a.id), count(DISTINCT a.article), min(ar.date), max(ar.date) " OF_PERSON
        "WHERE s.person = ?1",
    [SS_VARIANTS] = "SELECT s.name, count(a.id) FROM speakers s LEFT JOIN attributions a ON a.speaker = "
                    "s.id WHERE s.person = ?1 GROUP BY s.id ORDER BY count(a.id) DESC, s.name",
    [SS_TIMELINE] = "SELECT substr(ar.date, 1, 7) AS m, count(*) " OF_PERSON
                    "WHERE s.person = ?1 AND length(ar.date) >= 7 GROUP BY m ORDER BY m",
    [SS_ADDRESSEES] = "SELECT a.addressee, count(*) " OF_PERSON "WHERE s.person = ?1 AND a.addressee "
                      "IS NOT NULL GROUP BY a.addressee ORDER BY count(*) DESC, a.addressee LIMIT 50",
    [SS_ACCUSES] = "SELECT a.addressee, count(*) " OF_PERSON
                   "WHERE s.person = ?1 AND a.act = 'accusation' AND a.addressee IS NOT NULL "
                   "GROUP BY a.addressee ORDER BY count(*) DESC, a.addressee LIMIT 50",
    [SS_RECENT] = "SELECT " ROW_COLUMNS " FROM attributions a " JOINS
                  " WHERE s.person = ?1 ORDER BY ar.date DESC, a.id DESC LIMIT 50",
    [SS_ARTICLE] = "SELECT id, doc, title, url, site, date, lang, authors, text FROM articles WHERE id = ?1",
    [SS_ARTICLE_ATTRS] =
        "SELECT a.id, a.rid, a.type, a.quotation, a.start, a.end, a.parts, s.name, s.person, "
        "a.speaker_start, "
        "a.speaker_end, a.cue, a.cue_start, a.cue_end, a.act, a.addressee, a.source, a.channel, "
        "a.confidence, "
        "a.quote FROM attributions a LEFT JOIN speakers s ON s.id = a.speaker WHERE a.article = ?1 "
        "ORDER BY a.start, a.id",
    [SS_QUOTATION] =
        "SELECT id, text, speaker, person, first_date, occurrences, outlets FROM quotations WHERE id = ?1",
    /* its occurrences, the first article's first, then by date */
    [SS_SEEN] =
        "SELECT a.id, ar.id, ar.doc, ar.site, ar.url, ar.date, ar.title, s.name, ar.id IS q.first_article "
        "FROM attributions a JOIN quotations q ON q.id = a.quote JOIN articles ar ON ar.id = a.article "
        "LEFT JOIN speakers s ON s.id = a.speaker WHERE a.quote = ?1 "
        "ORDER BY ar.id IS NOT q.first_article, ar.date IS NULL, ar.date, ar.id, a.id",
};

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
             "SELECT " ROW_COLUMNS " FROM %s WHERE %s AND %s%s ORDER BY %s LIMIT ?3 OFFSET ?13",
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
