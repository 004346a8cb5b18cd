/*
 * serve_api.c: the JSON of each /api/ path of `dixit serve`.
 *
 * A request takes one of the pool's read-only connections, asks its
 * database (serve_db.h: SQLite or PostgreSQL, the same questions) for
 * rows, and builds its answer with cJSON. The JSON leaves no '<', '>' or
 * '&' unescaped and no byte that is not UTF-8, whatever the database
 * holds, so that an answer is safe even where it is not read as JSON.
 */
#include "serve_api.h"
#include "query.h"
#include "serve_cache.h"
#include "serve_db.h"
#include "serve_facets.h"
#include "store_pg.h"

#include <cjson/cJSON.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct api {
    const serve_backend *db; /* serve_sqlite or serve_pg, by the --db given */
    pthread_mutex_t mu;      /* guards free_ and nfree */
    pthread_cond_t cv;       /* signalled when a connection comes back */
    void **c;                /* the connections: one per thread */
    int n;
    int *free_, nfree;   /* the connections not in use */
    answer_cache *cache; /* the answers of /api/stats (serve_cache.c) */
};

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
    a->db = store_pg_url(path) ? &serve_pg : &serve_sqlite;
    a->cache = cache_new(); /* NULL: nothing is kept, all the same */
    for (int i = 0; i < n; i++) {
        char msg[1024];
        a->c[i] = a->db->open(path, ms, msg, sizeof msg);
        a->n = i + 1;
        if (!a->c[i]) {
            fprintf(stderr, "dixit: %s\n", msg);
            api_close(a);
            return NULL;
        }
        a->free_[a->nfree++] = i;
    }
    return a;
}

void api_close(api *a)
{
    if (!a)
        return;
    for (int i = 0; a->c && i < a->n; i++)
        a->db->close(a->c[i]);
    if (a->n) {
        pthread_mutex_destroy(&a->mu);
        pthread_cond_destroy(&a->cv);
    }
    free(a->c);
    free(a->free_);
    cache_free(a->cache);
    free(a);
}

/* A free connection (waits for one when all are taken). */
static int take(api *a)
{
    pthread_mutex_lock(&a->mu);
    while (!a->nfree)
        pthread_cond_wait(&a->cv, &a->mu);
    int i = a->free_[--a->nfree];
    pthread_mutex_unlock(&a->mu);
    return i;
}

static void give_back(api *a, int i)
{
    pthread_mutex_lock(&a->mu);
    a->free_[a->nfree++] = i;
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

/* Cell x as the value of key in o: a number, a string or null. */
static void add_cell(cJSON *o, const cell *x, const char *key)
{
    if (!strcmp(key, "parts")) { /* stored as JSON text: given as its array ([[start,end]...]) */
        cJSON *parts = x->t == CELL_TEXT ? cJSON_Parse(x->s) : NULL;
        if (!cJSON_IsArray(parts)) {
            cJSON_Delete(parts);
            parts = cJSON_CreateNull();
        }
        cJSON_AddItemToObject(o, key, parts);
        return;
    }
    switch (x->t) {
    case CELL_NULL: cJSON_AddNullToObject(o, key); break;
    case CELL_INT:
    case CELL_REAL: cJSON_AddNumberToObject(o, key, x->d); break;
    default: cJSON_AddStringToObject(o, key, x->s);
    }
}

/* Where rows go: each an object of keys (n of them, "" skips a cell)
 * appended to arr; or, when into, the first row's cells added to into. */
typedef struct rows_ctx {
    const char *const *keys;
    int n;
    cJSON *arr, *into;
    long rows;
} rows_ctx;

static bool on_row(void *ctx, const cell *row, int n)
{
    rows_ctx *r = ctx;
    if (n < r->n)
        return false;
    if (r->into) {
        for (int i = 0; !r->rows && i < r->n; i++)
            if (r->keys[i][0])
                add_cell(r->into, &row[i], r->keys[i]);
        r->rows++;
        return true;
    }
    cJSON *o = cJSON_CreateObject();
    for (int i = 0; o && i < r->n; i++)
        if (r->keys[i][0])
            add_cell(o, &row[i], r->keys[i]);
    if (!o || !r->arr || !cJSON_AddItemToArray(r->arr, o)) {
        cJSON_Delete(o);
        return false;
    }
    r->rows++;
    return true;
}

/* ------------------------------------------------------------------ */
/* The JSON keys of the backends' columns (serve_db.h) */

/* A result row (ROW in docs/serve.md). */
static const char *const row_keys[] = {
    "id",      "attribution", "article",     "doc",     "type",   "quotation", "start",      "end",
    "speaker", "person",      "person_name", "mention", "cue",    "act",       "confidence", "date",
    "site",    "url",         "title",       "quote",   "gender", "parts",     "lang"};
#define ROW_KEYS 23
static const char *const article_attr_keys[] = {
    "attribution", "id",        "type",          "quotation",   "start",      "end",       "parts",
    "speaker",     "person",    "speaker_start", "speaker_end", "cue",        "cue_start", "cue_end",
    "act",         "addressee", "source",        "channel",     "confidence", "quote"};
#define ARTICLE_ATTR_KEYS 20

/* Each facet's extra member ("" for none), and whether it is given whole
 * in time order (month, week) or the largest first. */
static const struct {
    const char *extra_key;
    bool ordered;
} facet_kinds[FACET_KINDS] = {
    {"id", false}, {"", false}, {"", true},  {"start", true},
    {"", false},   {"", false}, {"", false}, {"", false},
};

/* ------------------------------------------------------------------ */
/* Answers */

/* A request: its connection and backend, its status and, for an error,
 * the message, and its JSON. */
typedef struct answer {
    const serve_backend *db;
    void *c;
    int status;
    char msg[512];
    cJSON *json;
} answer;

/* The status of a backend's rc (its message already in an->msg). */
static int status_of(answer *an, serve_rc rc)
{
    static const int status[] = {[SERVE_OK] = 200,
                                 [SERVE_TIMEOUT] = 408,
                                 [SERVE_NOMEM] = 503,
                                 [SERVE_FAILED] = 500,
                                 [SERVE_GONE] = 503};
    return an->status = status[rc];
}

static int bad(answer *an, int status, const char *msg)
{
    snprintf(an->msg, sizeof an->msg, "%s", msg);
    return an->status = status;
}

/* The rows of statement k for id as objects (keys) into an array that
 * becomes member name of o. The status: 200, or the error's. */
static int id_rows(answer *an, cJSON *o, const char *name, serve_stmt k, long long id,
                   const char *const *keys, int n)
{
    rows_ctx r = {keys, n, cJSON_AddArrayToObject(o, name), NULL, 0};
    return status_of(an, an->db->by_id(an->c, k, id, on_row, &r, an->msg, sizeof an->msg));
}

/* The first row of statement k as an object of keys into an->json: 200,
 * 404 when there is none (what says which), or an error's status. */
static int id_object(answer *an, serve_stmt k, long long id, const char *const *keys, int n, const char *what)
{
    if (!(an->json = cJSON_CreateObject()))
        return bad(an, 503, "out of memory");
    rows_ctx r = {keys, n, NULL, an->json, 0};
    if (status_of(an, an->db->by_id(an->c, k, id, on_row, &r, an->msg, sizeof an->msg)) != 200)
        return an->status;
    return r.rows ? 200 : bad(an, 404, what);
}

/* The cells of the first row of statement k added to an->json under keys. */
static int id_counts(answer *an, serve_stmt k, long long id, const char *const *keys, int n)
{
    rows_ctx r = {keys, n, NULL, an->json, 0};
    return status_of(an, an->db->by_id(an->c, k, id, on_row, &r, an->msg, sizeof an->msg));
}

/* /api/search: the results of the filters, a page of them. */
static int api_search(answer *an, const query *q)
{
    query_filters f;
    if (query_filters_read(q, &f, 50, false, an->msg, sizeof an->msg) < 0)
        return an->status = 400;
    long limit = f.sq.limit;
    f.sq.limit++; /* one more: are there more? */
    if (!(an->json = cJSON_CreateObject()))
        return bad(an, 503, "out of memory");
    rows_ctx r = {row_keys, ROW_KEYS, cJSON_AddArrayToObject(an->json, "results"), NULL, 0};
    serve_rc rc = an->db->search(an->c, &f, on_row, &r, an->msg, sizeof an->msg);
    int got = cJSON_GetArraySize(r.arr);
    if (got > limit)
        cJSON_DeleteItemFromArray(r.arr, got - 1);
    cJSON_AddNumberToObject(an->json, "offset", (double)f.offset);
    cJSON_AddNumberToObject(an->json, "limit", (double)limit);
    cJSON_AddBoolToObject(an->json, "more", got > limit);
    return status_of(an, rc);
}

static bool on_facet_row(void *ctx, const cell *row, int n)
{
    return facets_add(ctx, row, n) == 0;
}

/* /api/stats: a facet per kind of by=, counted in one pass (serve_facets.c). */
static int api_stats(answer *an, const query *q)
{
    query_filters f;
    if (query_filters_read(q, &f, 20, true, an->msg, sizeof an->msg) < 0)
        return an->status = 400;
    bool ordered[FACET_KINDS];
    const char *names[FACET_KINDS], *extra_keys[FACET_KINDS];
    for (int i = 0; i < FACET_KINDS; i++)
        names[i] = query_facet_name(i);
    for (int i = 0; i < f.nby; i++) {
        ordered[i] = facet_kinds[f.by[i]].ordered;
        extra_keys[i] = facet_kinds[f.by[i]].extra_key;
    }
    facets *fc = facets_new(f.by, ordered, f.nby);
    if (!fc)
        return bad(an, 503, "out of memory");
    if (status_of(an, an->db->facets(an->c, &f, on_facet_row, fc, an->msg, sizeof an->msg)) == 200 &&
        (an->json = cJSON_CreateObject()) != NULL)
        cJSON_AddItemToObject(an->json, "facets", facets_json(fc, f.sq.limit, names, extra_keys));
    facets_free(fc);
    return an->status;
}

/* /api/speakers/ID: a person. */
static int api_speaker(answer *an, long long id)
{
    static const char *const person_keys[] = {"id", "name", "kind", "gender", "gender_evidence"};
    static const char *const count_keys[] = {"attributions", "articles", "first_date", "last_date"};
    static const char *const name_count[] = {"name", "count"}, *const value_count[] = {"value", "count"};
    if (id_object(an, SS_PERSON, id, person_keys, 5, "no person of this id") != 200 ||
        id_counts(an, SS_PERSON_COUNTS, id, count_keys, 4) != 200 ||
        id_rows(an, an->json, "variants", SS_VARIANTS, id, name_count, 2) != 200 ||
        id_rows(an, an->json, "timeline", SS_TIMELINE, id, value_count, 2) != 200 ||
        id_rows(an, an->json, "addressees", SS_ADDRESSEES, id, name_count, 2) != 200 ||
        id_rows(an, an->json, "accuses", SS_ACCUSES, id, name_count, 2) != 200)
        return an->status;
    return id_rows(an, an->json, "recent", SS_RECENT, id, row_keys, ROW_KEYS);
}

/* /api/articles/ID: an article, its text and its attributions. */
static int api_article(answer *an, long long id)
{
    static const char *const article_keys[] = {"id",   "doc",  "title",   "url", "site",
                                               "date", "lang", "authors", "text"};
    if (id_object(an, SS_ARTICLE, id, article_keys, 9, "no article of this id") != 200)
        return an->status;
    return id_rows(an, an->json, "attributions", SS_ARTICLE_ATTRS, id, article_attr_keys, ARTICLE_ATTR_KEYS);
}

/* /api/quotations/ID: a quotation, and where it was seen (the first
 * occurrence first, marked). */
static int api_quotation(answer *an, long long id)
{
    static const char *const quote_keys[] = {"id",         "text",        "speaker", "person",
                                             "first_date", "occurrences", "outlets"};
    static const char *const seen_keys[] = {"attribution", "article", "doc",     "site", "url",
                                            "date",        "title",   "speaker", "first"};
    if (id_object(an, SS_QUOTATION, id, quote_keys, 7, "no quotation of this id") != 200 ||
        id_rows(an, an->json, "seen", SS_SEEN, id, seen_keys, 9) != 200)
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
static int route(answer *an, const char *path, const query *q)
{
    static const char *const with_id[] = {"/api/speakers/", "/api/articles/", "/api/quotations/"};
    if (!strcmp(path, "/api/search"))
        return api_search(an, q);
    if (!strcmp(path, "/api/stats"))
        return api_stats(an, q);
    for (int k = 0; k < 3; k++) {
        size_t n = strlen(with_id[k]);
        long long id;
        if (strncmp(path, with_id[k], n))
            continue;
        if (!query_id(path + n, &id))
            return bad(an, 404, "no such id (an id is a number)");
        return k == 0 ? api_speaker(an, id) : k == 1 ? api_article(an, id) : api_quotation(an, id);
    }
    return bad(an, 404,
               "no such path (the API's are /api/search, /api/stats, /api/speakers/ID, "
               "/api/articles/ID, /api/quotations/ID)");
}

/* The answer of route on the connection an->c, made into *body (the
 * counts of /api/stats kept, by key, while the database's stamp is the
 * same). */
static void answer_on(api *a, answer *an, const char *path, const query *q, const char *key, char **body,
                      size_t *len)
{
    char then[CACHE_STAMP_MAX] = "", now[CACHE_STAMP_MAX] = "";
    if (status_of(an, a->db->begin(an->c, an->msg, sizeof an->msg)) != 200)
        return;
    bool keep = key && a->cache &&
                status_of(an, a->db->stamp(an->c, then, sizeof then, an->msg, sizeof an->msg)) == 200;
    if (keep && (*body = cache_get(a->cache, then, key, len)) != NULL) {
        a->db->end(an->c);
        return;
    }
    if (an->status == 200)
        route(an, path, q);
    if (an->status == 200 && !an->json)
        bad(an, 503, "out of memory");
    *body = an->status == 200 ? json_text(an->json, len) : NULL;
    if (*body && keep && a->db->stamp(an->c, now, sizeof now, an->msg, sizeof an->msg) == SERVE_OK)
        cache_put(a->cache, then, now, key, *body, *len);
    a->db->end(an->c);
}

int api_answer(api *a, const char *path, const char *qs, size_t qn, char **body, size_t *len)
{
    answer an = {a->db, NULL, 0, "", NULL};
    /* the parameters each path takes: the filters for search and stats, none for the others */
    bool stats = !strcmp(path, "/api/stats");
    unsigned allowed = !strcmp(path, "/api/search")
                           ? QUERY_FILTERS | QUERY_KEY(QK_LIMIT) | QUERY_KEY(QK_OFFSET)
                       : stats ? QUERY_FILTERS | QUERY_KEY(QK_LIMIT) | QUERY_KEY(QK_BY)
                               : 0;
    query *q = malloc(sizeof *q);
    char *key = stats ? malloc(qn + 1) : NULL; /* counts are kept by their query string */
    *body = NULL;
    if (key) {
        memcpy(key, qs, qn);
        key[qn] = 0;
    }
    if (!q)
        bad(&an, 503, "out of memory");
    else if (query_parse(q, qs, qn, allowed, an.msg, sizeof an.msg) < 0)
        an.status = 400;
    else {
        int i = take(a);
        an.c = a->c[i];
        answer_on(a, &an, path, q, key, body, len);
        give_back(a, i);
    }
    free(q);
    free(key);
    if (!*body)
        *body = an.status == 200 ? NULL : api_error(an.msg, len);
    cJSON_Delete(an.json);
    return *body ? an.status : 503;
}
