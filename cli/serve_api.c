/*
 * serve_api.c: the SQL and the JSON of each /api/ path of `dixit serve`.
 *
 * A request takes one of the pool's read-only connections, runs fixed
 * statements whose every value is a bound parameter (the filters are
 * store.c's own, shared with `dixit search`), and builds its answer with
 * cJSON. A progress handler bounds each request's time: past it the
 * statement is interrupted and the answer is a 408. The JSON leaves no
 * '<', '>' or '&' unescaped and no byte that is not UTF-8, whatever the
 * database holds, so that an answer is safe even where it is not read as
 * JSON.
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include "serve_api.h"
#include "query.h"
#include "serve_cache.h"
#include "serve_facets.h"
#include "store.h"

#include <cjson/cJSON.h>
#include <pthread.h>
#include <stdbool.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* One connection, and the end of the time of the request using it: of
 * the processor time of its thread, and (four times as long) of the
 * time on the clock. Processor time, so that a machine busy with other
 * work does not turn a fair query into a 408; the clock, so that a
 * query waiting on the disk is bounded too. */
typedef struct conn {
    store *s;
    sqlite3 *db;
    struct timespec deadline[2]; /* CLOCK_THREAD_CPUTIME_ID, CLOCK_MONOTONIC */
} conn;

static const clockid_t clocks[2] = {CLOCK_THREAD_CPUTIME_ID, CLOCK_MONOTONIC};

struct api {
    pthread_mutex_t mu; /* guards free_ and nfree */
    pthread_cond_t cv;  /* signalled when a connection comes back */
    conn *c;
    int n, ms;
    int *free_, nfree;   /* the connections not in use */
    answer_cache *cache; /* the answers of /api/stats (serve_cache.c) */
};

/* Called by SQLite every few thousand steps: non-zero stops the
 * statement (SQLITE_INTERRUPT) once the request's time is up. */
static int past_deadline(void *ctx)
{
    const conn *c = ctx;
    for (int k = 0; k < 2; k++) {
        struct timespec now;
        clock_gettime(clocks[k], &now);
        if (now.tv_sec > c->deadline[k].tv_sec ||
            (now.tv_sec == c->deadline[k].tv_sec && now.tv_nsec > c->deadline[k].tv_nsec))
            return 1;
    }
    return 0;
}

api *api_open(const char *path, int n, int ms)
{
    api *a = calloc(1, sizeof *a);
    if (!a || !(a->c = calloc((size_t)n, sizeof *a->c)) ||
        !(a->free_ = calloc((size_t)n, sizeof *a->free_))) {
        fprintf(stderr, "dixit: out of memory\n");
        api_close(a);
        return NULL;
    }
    pthread_mutex_init(&a->mu, NULL);
    pthread_cond_init(&a->cv, NULL);
    a->ms = ms;
    a->cache = cache_new(path); /* NULL: nothing is kept, all the same */
    for (int i = 0; i < n; i++) {
        /* the first says why it cannot; the others would say it again */
        char msg[1024];
        a->c[i].s = i ? store_open(path, false, STORE_BUSY_MS, msg, sizeof msg) : store_open_read(path);
        a->n = i + 1;
        if (!a->c[i].s) {
            if (i)
                fprintf(stderr, "dixit: %s\n", msg);
            api_close(a);
            return NULL;
        }
        a->c[i].db = store_db(a->c[i].s);
        if (!a->c[i].db) { /* a PostgreSQL store: its queries are SQLite's here */
            fprintf(stderr, "dixit: %s: dixit serve reads SQLite databases only, not PostgreSQL\n", path);
            api_close(a);
            return NULL;
        }
        /* read-only twice over: the open flags, and no statement may write */
        sqlite3_exec(a->c[i].db, "PRAGMA query_only = ON", NULL, NULL, NULL);
        sqlite3_progress_handler(a->c[i].db, 1000, past_deadline, &a->c[i]);
        a->free_[a->nfree++] = i;
    }
    return a;
}

void api_close(api *a)
{
    if (!a)
        return;
    for (int i = 0; a->c && i < a->n; i++)
        store_close(a->c[i].s);
    if (a->n) {
        pthread_mutex_destroy(&a->mu);
        pthread_cond_destroy(&a->cv);
    }
    free(a->c);
    free(a->free_);
    cache_free(a->cache);
    free(a);
}

/* A free connection, its deadline set (waits for one when all are taken). */
static conn *take(api *a)
{
    pthread_mutex_lock(&a->mu);
    while (!a->nfree)
        pthread_cond_wait(&a->cv, &a->mu);
    conn *c = &a->c[a->free_[--a->nfree]];
    pthread_mutex_unlock(&a->mu);
    for (int k = 0; k < 2; k++) { /* (the request runs on this thread) */
        long ms = k ? 4L * a->ms : a->ms;
        struct timespec *d = &c->deadline[k];
        clock_gettime(clocks[k], d);
        d->tv_sec += ms / 1000;
        d->tv_nsec += (ms % 1000) * 1000000L;
        if (d->tv_nsec >= 1000000000L) {
            d->tv_sec++;
            d->tv_nsec -= 1000000000L;
        }
    }
    return c;
}

static void give_back(api *a, conn *c)
{
    pthread_mutex_lock(&a->mu);
    a->free_[a->nfree++] = (int)(c - a->c);
    pthread_cond_signal(&a->cv);
    pthread_mutex_unlock(&a->mu);
}

/* ------------------------------------------------------------------ */
/* JSON */

/* The printed JSON of o, made safe: '<', '>' and '&' as \u escapes (they
 * can only stand inside strings), and every byte that is not UTF-8 as
 * \ufffd. malloc'd, *len bytes; NULL when memory ran out. */
static char *json_text(const cJSON *o, size_t *len)
{
    char *p = o ? cJSON_PrintUnformatted(o) : NULL;
    if (!p)
        return NULL;
    size_t n = strlen(p), extra = 0;
    for (size_t i = 0; i < n; i++)
        extra += strchr("<>&", p[i]) ? 5 : (unsigned char)p[i] >= 0x80 ? 5 : 0;
    char *out = malloc(n + extra + 1);
    size_t j = 0;
    for (size_t i = 0, l; out && i < n; i += l) {
        const unsigned char *u = (const unsigned char *)p + i;
        l = query_utf8_len(u, n - i);
        if (l && !strchr("<>&", *u)) {
            memcpy(out + j, p + i, l);
            j += l;
        } else {
            j += (size_t)sprintf(out + j, "\\u%04x", l ? *u : 0xfffd);
            l = l ? l : 1;
        }
    }
    if (out)
        out[j] = 0;
    cJSON_free(p);
    *len = j;
    return out;
}

char *api_error(const char *msg, size_t *len)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "error", msg);
    char *s = json_text(o, len);
    cJSON_Delete(o);
    return s;
}

/* Column c of st as the value of key in o: a number, a string or null. */
static void add_column(cJSON *o, sqlite3_stmt *st, int c, const char *key)
{
    if (!strcmp(key, "parts")) { /* stored as JSON text: given as its array ([[start,end]...]) */
        const unsigned char *t = sqlite3_column_text(st, c);
        cJSON *parts = t ? cJSON_Parse((const char *)t) : NULL;
        if (!cJSON_IsArray(parts)) {
            cJSON_Delete(parts);
            parts = cJSON_CreateNull();
        }
        cJSON_AddItemToObject(o, key, parts);
        return;
    }
    switch (sqlite3_column_type(st, c)) {
    case SQLITE_NULL: cJSON_AddNullToObject(o, key); break;
    case SQLITE_INTEGER:
    case SQLITE_FLOAT: cJSON_AddNumberToObject(o, key, sqlite3_column_double(st, c)); break;
    default: cJSON_AddStringToObject(o, key, (const char *)sqlite3_column_text(st, c));
    }
}

/* The columns from..from+n of st's row as an object, keys[i] naming
 * column from+i ("" skips it). */
static cJSON *row_object(sqlite3_stmt *st, const char *const *keys, int from, int n)
{
    cJSON *o = cJSON_CreateObject();
    for (int i = 0; o && i < n; i++)
        if (keys[i][0])
            add_column(o, st, from + i, keys[i]);
    return o;
}

/* Every row of st into arr as objects (row_object's keys); a SQLite
 * code: SQLITE_DONE when all went. */
static int rows_into(sqlite3_stmt *st, cJSON *arr, const char *const *keys, int n)
{
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        cJSON *o = row_object(st, keys, 0, n);
        if (!o || !arr || !cJSON_AddItemToArray(arr, o)) {
            cJSON_Delete(o);
            return SQLITE_NOMEM;
        }
    }
    return rc;
}

/* ------------------------------------------------------------------ */
/* Statements: fixed text, every value a bound parameter */

/* A result row (ROW in docs/serve.md): its columns and their keys. */
#define ROW_COLUMNS                                                                                          \
    "a.rid, a.id, ar.id, ar.doc, a.type, a.quotation, a.start, a.end, s.name, p.id, p.name, "                \
    "a.speaker_mention, a.cue, a.act, a.confidence, ar.date, ar.site, ar.url, ar.title, a.quote, p.gender, " \
    "a.parts, ar.lang"
static const char *const row_keys[] = {
    "id",      "attribution", "article",     "doc",     "type",   "quotation", "start",      "end",
    "speaker", "person",      "person_name", "mention", "cue",    "act",       "confidence", "date",
    "site",    "url",         "title",       "quote",   "gender", "parts",     "lang"};
#define ROW_KEYS 23
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

/* What each facet groups by (its key), the value it shows, its extra
 * member (the speaker's person id, the week's first day), and whether
 * it is given whole in time order (month, week) or the largest first. */
#define WEEK_START "date(ar.date, '-6 days', 'weekday 1')"
#define MONTH "CASE WHEN length(ar.date) >= 7 THEN substr(ar.date, 1, 7) END"
static const struct {
    const char *key, *value, *extra, *extra_key;
    bool ordered;
} facet_sql[FACET_KINDS] = {
    {"coalesce('p' || p.id, 's' || s.id)", "coalesce(p.name, s.name)", "p.id", "id", false},
    {"ar.site", "ar.site", "NULL", "", false},
    {MONTH, MONTH, "NULL", "", true},
    /* the Monday of the record's week */
    {WEEK_START, "NULL", "NULL", "start", true}, /* its ISO week: serve_facets.c */
    {"p.gender", "p.gender", "NULL", "", false},
    {"a.act", "a.act", "NULL", "", false},
    {"a.type", "a.type", "NULL", "", false},
    {"ar.lang", "ar.lang", "NULL", "", false},
};

/* A person's records, from its speakers' rows. */
#define OF_PERSON                                                                                            \
    "FROM speakers s JOIN attributions a ON a.speaker = s.id JOIN articles ar ON ar.id = a.article "
static const char PERSON_SQL[] = "SELECT id, name, kind, gender, gender_evidence FROM persons WHERE id = ?1";
static const char PERSON_COUNTS_SQL[] =
    "SELECT count(a.id), count(DISTINCT a.article), min(ar.date), max(ar.date) " OF_PERSON
    "WHERE s.person = ?1";
static const char VARIANTS_SQL[] =
    "SELECT s.name, count(a.id) FROM speakers s LEFT JOIN attributions a ON a.speaker = "
    "s.id WHERE s.person = ?1 GROUP BY s.id ORDER BY count(a.id) DESC, s.name";
static const char TIMELINE_SQL[] = "SELECT substr(ar.date, 1, 7) AS m, count(*) " OF_PERSON
                                   "WHERE s.person = ?1 AND length(ar.date) >= 7 GROUP BY m ORDER BY m";
static const char ADDRESSEES_SQL[] =
    "SELECT a.addressee, count(*) " OF_PERSON "WHERE s.person = ?1 AND a.addressee "
    "IS NOT NULL GROUP BY a.addressee ORDER BY count(*) DESC, a.addressee LIMIT 50";
static const char ACCUSES_SQL[] = "SELECT a.addressee, count(*) " OF_PERSON
                                  "WHERE s.person = ?1 AND a.act = 'accusation' AND a.addressee IS NOT NULL "
                                  "GROUP BY a.addressee ORDER BY count(*) DESC, a.addressee LIMIT 50";
static const char RECENT_SQL[] = "SELECT " ROW_COLUMNS " FROM attributions a " JOINS
                                 " WHERE s.person = ?1 ORDER BY ar.date DESC, a.id DESC LIMIT 50";

static const char ARTICLE_SQL[] =
    "SELECT id, doc, title, url, site, date, lang, authors, text FROM articles WHERE id = ?1";
static const char ARTICLE_ATTRS_SQL[] =
    "SELECT a.id, a.rid, a.type, a.quotation, a.start, a.end, a.parts, s.name, s.person, a.speaker_start, "
    "a.speaker_end, a.cue, a.cue_start, a.cue_end, a.act, a.addressee, a.source, a.channel, a.confidence, "
    "a.quote "
    "FROM attributions a LEFT JOIN speakers s ON s.id = a.speaker WHERE a.article = ?1 ORDER BY a.start, "
    "a.id";
static const char *const article_attr_keys[] = {
    "attribution", "id",        "type",          "quotation",   "start",      "end",       "parts",
    "speaker",     "person",    "speaker_start", "speaker_end", "cue",        "cue_start", "cue_end",
    "act",         "addressee", "source",        "channel",     "confidence", "quote"};
#define ARTICLE_ATTR_KEYS 20

static const char QUOTATION_SQL[] =
    "SELECT id, text, speaker, person, first_date, occurrences, outlets FROM quotations WHERE id = ?1";
/* its occurrences, the first article's first, then by date */
static const char SEEN_SQL[] =
    "SELECT a.id, ar.id, ar.doc, ar.site, ar.url, ar.date, ar.title, s.name, ar.id IS q.first_article "
    "FROM attributions a JOIN quotations q ON q.id = a.quote JOIN articles ar ON ar.id = a.article "
    "LEFT JOIN speakers s ON s.id = a.speaker WHERE a.quote = ?1 "
    "ORDER BY ar.id IS NOT q.first_article, ar.date IS NULL, ar.date, ar.id, a.id";

/* ------------------------------------------------------------------ */
/* Answers */

/* What a handler says besides its JSON: the status and, for an error,
 * the message. */
typedef struct answer {
    int status;
    char msg[256];
    cJSON *json;
} answer;

/* The answer for a SQLite code that is no success. */
static int sql_failed(answer *an, sqlite3 *db, int rc)
{
    if (rc == SQLITE_INTERRUPT) {
        snprintf(an->msg, sizeof an->msg, "the query ran past its time limit; narrow it with filters");
        return an->status = 408;
    }
    if (rc == SQLITE_NOMEM) {
        snprintf(an->msg, sizeof an->msg, "out of memory");
        return an->status = 503;
    }
    snprintf(an->msg, sizeof an->msg, "the database failed: %s",
             db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    return an->status = 500;
}

static int bad(answer *an, int status, const char *msg)
{
    snprintf(an->msg, sizeof an->msg, "%s", msg);
    return an->status = status;
}

/* Prepares sql on db: the statement, or NULL (the answer set). */
static sqlite3_stmt *prepare(answer *an, sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(st);
        sql_failed(an, db, rc);
        return NULL;
    }
    return st;
}

/* Runs sql with ?1 = id, its rows as objects (keys) into an array that
 * becomes member name of o. The status: 200, or the error's. */
static int id_rows(answer *an, sqlite3 *db, cJSON *o, const char *name, const char *sql, long long id,
                   const char *const *keys, int n)
{
    sqlite3_stmt *st = prepare(an, db, sql);
    if (!st)
        return an->status;
    sqlite3_bind_int64(st, 1, id);
    cJSON *arr = cJSON_AddArrayToObject(o, name);
    int rc = rows_into(st, arr, keys, n);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 200 : sql_failed(an, db, rc);
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

/* /api/search: the results of the filters, a page of them. */
static int api_search(answer *an, sqlite3 *db, const query *q)
{
    query_filters f;
    if (query_filters_read(q, &f, 50, false, an->msg, sizeof an->msg) < 0)
        return an->status = 400;
    /* as dixit search: the speaker's last word narrows the matches in
     * the index; past STORE_RANK_MAX of them, the latest first */
    char *match = f.sq.text ? store_match_speaker(f.sq.text, f.sq.speaker) : NULL;
    const char *order = !match                                           ? "ar.date DESC, a.id"
                        : store_match_count(db, match) > STORE_RANK_MAX ? "f.rowid DESC"
                                                                         : "f.rank, ar.date DESC, a.id";
    char sql[4096];
    snprintf(sql, sizeof sql,
             "SELECT " ROW_COLUMNS " FROM %s WHERE %s AND %s%s ORDER BY %s LIMIT ?3 OFFSET ?13",
             match      ? FROM_WORDS
             : f.person ? FROM_ALL
                        : FROM_DATED,
             match ? "attributions_fts MATCH ?1" : "?1 IS NULL", store_filters_sql,
             f.person ? PERSON_FILTER : "", order);
    sqlite3_stmt *st = prepare(an, db, sql);
    if (st) {
        bind_filters(st, match, &f);
        sqlite3_bind_int64(st, 3, f.sq.limit + 1); /* one more: are there more? */
        sqlite3_bind_int64(st, 13, f.offset);
        an->json = cJSON_CreateObject();
        cJSON *arr = cJSON_AddArrayToObject(an->json, "results");
        int rc = rows_into(st, arr, row_keys, ROW_KEYS);
        sqlite3_finalize(st);
        int got = cJSON_GetArraySize(arr);
        if (got > f.sq.limit)
            cJSON_DeleteItemFromArray(arr, got - 1);
        cJSON_AddNumberToObject(an->json, "offset", (double)f.offset);
        cJSON_AddNumberToObject(an->json, "limit", (double)f.sq.limit);
        cJSON_AddBoolToObject(an->json, "more", got > f.sq.limit);
        an->status = rc == SQLITE_DONE ? 200 : sql_failed(an, db, rc);
    }
    free(match);
    return an->status;
}

/* The statement of a count: each kind's key, value and extra, then
 * what facets_add counts people by. Fixed text only. */
static void stats_sql(const query_filters *f, bool words, char *sql, size_t cap)
{
    size_t n = (size_t)snprintf(sql, cap, "SELECT ");
    for (int i = 0; i < f->nby && n < cap; i++)
        n += (size_t)snprintf(sql + n, cap - n, "%s, %s, %s, ", facet_sql[f->by[i]].key,
                              facet_sql[f->by[i]].value, facet_sql[f->by[i]].extra);
    if (n < cap)
        snprintf(sql + n, cap - n, "s.kind, p.id, s.id, p.gender FROM %s WHERE %s AND %s%s",
                 words ? FROM_WORDS : FROM_ALL, words ? "attributions_fts MATCH ?1" : "?1 IS NULL",
                 store_filters_sql, f->person ? PERSON_FILTER : "");
}

/* /api/stats: a facet per kind of by=, counted in one pass (serve_facets.c). */
static int api_stats(answer *an, sqlite3 *db, const query *q)
{
    query_filters f;
    if (query_filters_read(q, &f, 20, true, an->msg, sizeof an->msg) < 0)
        return an->status = 400;
    char *match = f.sq.text ? store_match(f.sq.text) : NULL;
    char sql[8192];
    stats_sql(&f, match != NULL, sql, sizeof sql);
    bool ordered[FACET_KINDS];
    const char *names[FACET_KINDS], *extra_keys[FACET_KINDS];
    for (int i = 0; i < FACET_KINDS; i++)
        names[i] = query_facet_name(i);
    for (int i = 0; i < f.nby; i++) {
        ordered[i] = facet_sql[f.by[i]].ordered;
        extra_keys[i] = facet_sql[f.by[i]].extra_key;
    }
    facets *fc = facets_new(f.by, ordered, f.nby);
    sqlite3_stmt *st = fc ? prepare(an, db, sql) : NULL;
    if (st) {
        bind_filters(st, match, &f);
        int rc;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW && facets_add(fc, st) == 0)
            ;
        sqlite3_finalize(st);
        if (rc != SQLITE_DONE)
            sql_failed(an, db, rc == SQLITE_ROW ? SQLITE_NOMEM : rc);
        else if ((an->json = cJSON_CreateObject()) != NULL)
            cJSON_AddItemToObject(an->json, "facets", facets_json(fc, f.sq.limit, names, extra_keys));
        an->status = rc == SQLITE_DONE ? 200 : an->status;
    } else if (!fc) {
        bad(an, 503, "out of memory");
    }
    facets_free(fc);
    free(match);
    return an->status;
}

/* The first row of sql (?1 = id) as an object of keys into an->json:
 * 200, 404 when there is none, or an error's status. */
static int id_object(answer *an, sqlite3 *db, const char *sql, long long id, const char *const *keys, int n,
                     const char *what)
{
    sqlite3_stmt *st = prepare(an, db, sql);
    if (!st)
        return an->status;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        an->json = row_object(st, keys, 0, n);
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW)
        return an->status = an->json ? 200 : sql_failed(an, db, SQLITE_NOMEM);
    return rc == SQLITE_DONE ? bad(an, 404, what) : sql_failed(an, db, rc);
}

/* The counts of sql (?1 = id) added to an->json under keys. */
static int id_counts(answer *an, sqlite3 *db, const char *sql, long long id, const char *const *keys, int n)
{
    sqlite3_stmt *st = prepare(an, db, sql);
    if (!st)
        return an->status;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    for (int i = 0; rc == SQLITE_ROW && i < n; i++)
        add_column(an->json, st, i, keys[i]);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 200 : sql_failed(an, db, rc);
}

/* /api/speakers/ID: a person. */
static int api_speaker(answer *an, sqlite3 *db, long long id)
{
    static const char *const person_keys[] = {"id", "name", "kind", "gender", "gender_evidence"};
    static const char *const count_keys[] = {"attributions", "articles", "first_date", "last_date"};
    static const char *const name_count[] = {"name", "count"}, *const value_count[] = {"value", "count"};
    if (id_object(an, db, PERSON_SQL, id, person_keys, 5, "no person of this id") != 200 ||
        id_counts(an, db, PERSON_COUNTS_SQL, id, count_keys, 4) != 200 ||
        id_rows(an, db, an->json, "variants", VARIANTS_SQL, id, name_count, 2) != 200 ||
        id_rows(an, db, an->json, "timeline", TIMELINE_SQL, id, value_count, 2) != 200 ||
        id_rows(an, db, an->json, "addressees", ADDRESSEES_SQL, id, name_count, 2) != 200 ||
        id_rows(an, db, an->json, "accuses", ACCUSES_SQL, id, name_count, 2) != 200)
        return an->status;
    return id_rows(an, db, an->json, "recent", RECENT_SQL, id, row_keys, ROW_KEYS);
}

/* /api/articles/ID: an article, its text and its attributions. */
static int api_article(answer *an, sqlite3 *db, long long id)
{
    static const char *const article_keys[] = {"id",   "doc",  "title",   "url", "site",
                                               "date", "lang", "authors", "text"};
    if (id_object(an, db, ARTICLE_SQL, id, article_keys, 9, "no article of this id") != 200 ||
        id_rows(an, db, an->json, "attributions", ARTICLE_ATTRS_SQL, id, article_attr_keys,
                ARTICLE_ATTR_KEYS) != 200)
        return an->status;
    return 200;
}

/* /api/quotations/ID: a quotation, and where it was seen (the first
 * occurrence first, marked). */
static int api_quotation(answer *an, sqlite3 *db, long long id)
{
    static const char *const quote_keys[] = {"id",         "text",        "speaker", "person",
                                             "first_date", "occurrences", "outlets"};
    static const char *const seen_keys[] = {"attribution", "article", "doc",     "site", "url",
                                            "date",        "title",   "speaker", "first"};
    if (id_object(an, db, QUOTATION_SQL, id, quote_keys, 7, "no quotation of this id") != 200 ||
        id_rows(an, db, an->json, "seen", SEEN_SQL, id, seen_keys, 9) != 200)
        return an->status;
    cJSON *s;
    int i = 0;
    cJSON_ArrayForEach(s, cJSON_GetObjectItemCaseSensitive(an->json, "seen"))
    {
        const cJSON *first = cJSON_GetObjectItemCaseSensitive(s, "first");
        cJSON_ReplaceItemInObjectCaseSensitive(
            s, "first", cJSON_CreateBool(!i++ && cJSON_IsNumber(first) && first->valuedouble));
    }
    return 200;
}

/* Which path this is, and its id (for the paths that end with one). */
static int route(answer *an, sqlite3 *db, const char *path, const query *q)
{
    static const char *const with_id[] = {"/api/speakers/", "/api/articles/", "/api/quotations/"};
    if (!strcmp(path, "/api/search"))
        return api_search(an, db, q);
    if (!strcmp(path, "/api/stats"))
        return api_stats(an, db, q);
    for (int k = 0; k < 3; k++) {
        size_t n = strlen(with_id[k]);
        long long id;
        if (strncmp(path, with_id[k], n))
            continue;
        if (!query_id(path + n, &id))
            return bad(an, 404, "no such id (an id is a number)");
        return k == 0   ? api_speaker(an, db, id)
               : k == 1 ? api_article(an, db, id)
                        : api_quotation(an, db, id);
    }
    return bad(an, 404,
               "no such path (the API's are /api/search, /api/stats, /api/speakers/ID, "
               "/api/articles/ID, /api/quotations/ID)");
}

/* The answer for path and q: its status, and its JSON or error. */
static int answer_of(api *a, const char *path, const char *qs, size_t qn, char **body, size_t *len)
{
    answer an = {0, "", NULL};
    /* the parameters each path takes: the filters for search and stats, none for the others */
    unsigned allowed = !strcmp(path, "/api/search")
                           ? QUERY_FILTERS | QUERY_KEY(QK_LIMIT) | QUERY_KEY(QK_OFFSET)
                       : !strcmp(path, "/api/stats") ? QUERY_FILTERS | QUERY_KEY(QK_LIMIT) | QUERY_KEY(QK_BY)
                                                     : 0;
    query *q = malloc(sizeof *q);
    if (!q)
        bad(&an, 503, "out of memory");
    else if (query_parse(q, qs, qn, allowed, an.msg, sizeof an.msg) < 0)
        an.status = 400;
    else {
        conn *c = take(a);
        route(&an, c->db, path, q);
        give_back(a, c);
    }
    free(q);
    if (an.status == 200 && !an.json)
        bad(&an, 503, "out of memory");
    *body = an.status == 200 ? json_text(an.json, len) : api_error(an.msg, len);
    cJSON_Delete(an.json);
    return *body ? an.status : 503;
}

int api_answer(api *a, const char *path, const char *qs, size_t qn, char **body, size_t *len)
{
    if (strcmp(path, "/api/stats") || !a->cache)
        return answer_of(a, path, qs, qn, body, len);
    /* counts: kept for the same query string while the database is unchanged */
    char *key = malloc(qn + 1);
    if (!key)
        return answer_of(a, path, qs, qn, body, len);
    memcpy(key, qs, qn);
    key[qn] = 0;
    cache_stamp then;
    int status = 200;
    if (!(*body = cache_get(a->cache, key, len, &then)) &&
        (status = answer_of(a, path, qs, qn, body, len)) == 200)
        cache_put(a->cache, &then, key, *body, *len);
    free(key);
    return status;
}
