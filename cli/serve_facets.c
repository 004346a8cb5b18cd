/*
 * serve_facets.c: the groups of /api/stats counted in one pass.
 *
 * Per kind, a group is found by its key (a string; NULL is the group of
 * the attributions with no value) in an open-addressing table. A group
 * counts its attributions, and the distinct people among them: a person
 * (or a speaker linked to none) is counted once per group, which a set
 * of (kind, group, person) triples tells, shared by all kinds; women
 * and men likewise, by person id. A week is found from the date here
 * (its Monday, then its ISO week), once a row, so that SQLite and
 * PostgreSQL group weeks alike. Why not GROUP BY: SQLite reads and
 * joins the rows once per kind, and counts distinct values by sorting,
 * so eight kinds cost eight passes (1.3 s against 0.6 s on 100,000
 * attributions).
 */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include "serve_facets.h"
#include "query.h"

#include <ctype.h>
#include <stdint.h>
#define MONTH "CASE WHEN length(ar.date) >= 7 THEN substr(ar.date, 1, 7) END"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const facet_columns[FACET_KINDS][3] = {
    {"coalesce('p' || p.id, 's' || s.id)", "coalesce(p.name, s.name)", "p.id"},
    {"ar.site", "ar.site", "NULL"},
    {MONTH, MONTH, "NULL"},
    {"ar.date", "NULL", "NULL"},
    {"p.gender", "p.gender", "NULL"},
    {"a.act", "a.act", "NULL"},
    {"a.type", "a.type", "NULL"},
    {"ar.lang", "ar.lang", "NULL"},
};

typedef struct group {
    char *key, *value;   /* NULL: none */
    long long extra_int; /* the extra member, a number... */
    char *extra_text;    /* ...or a string, or neither */
    bool has_int;
    long count, people, women, men;
} group;

typedef struct kind_count {
    int kind;
    bool ordered;
    group *g;
    size_t n, cap;
    size_t *slot, nslot; /* group index + 1, 0 for an empty slot */
} kind_count;

/* a (kind, group, tag) packed with a person key: seen once */
typedef struct seen {
    uint64_t who;
    long long id;
} seen;

struct facets {
    kind_count *k;
    int n;
    seen *set;
    size_t nset, capset;
};

static uint64_t hash_bytes(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (; s && *s; s++)
        h = (h ^ (unsigned char)*s) * 0x100000001b3ull;
    return s ? h : 0x9e3779b97f4a7c15ull; /* NULL hashes apart from "" */
}

facets *facets_new(const int *kinds, const bool *ordered, int n)
{
    facets *f = calloc(1, sizeof *f);
    if (!f || !(f->k = calloc((size_t)n, sizeof *f->k))) {
        free(f);
        return NULL;
    }
    f->n = n;
    for (int i = 0; i < n; i++) {
        f->k[i].kind = kinds[i];
        f->k[i].ordered = ordered[i];
    }
    return f;
}

void facets_free(facets *f)
{
    for (int i = 0; f && i < f->n; i++) {
        for (size_t j = 0; j < f->k[i].n; j++) {
            free(f->k[i].g[j].key);
            free(f->k[i].g[j].value);
            free(f->k[i].g[j].extra_text);
        }
        free(f->k[i].g);
        free(f->k[i].slot);
    }
    if (f) {
        free(f->k);
        free(f->set);
    }
    free(f);
}

static bool same_key(const char *a, const char *b)
{
    return a && b ? !strcmp(a, b) : a == b;
}

/* Doubles k's slots (or makes the first 64), placing every group again. */
static bool grow_slots(kind_count *k)
{
    size_t n = k->nslot ? 2 * k->nslot : 64;
    size_t *s = calloc(n, sizeof *s);
    if (!s)
        return false;
    for (size_t j = 0; j < k->n; j++) {
        size_t i = (size_t)hash_bytes(k->g[j].key) & (n - 1);
        while (s[i])
            i = (i + 1) & (n - 1);
        s[i] = j + 1;
    }
    free(k->slot);
    k->slot = s;
    k->nslot = n;
    return true;
}

/* The ISO week ("2021-W11") of the week whose Monday is the date monday
 * (YYYY-MM-DD): the week of its Thursday, counted in the Thursday's
 * year from 1. Computed here rather than by SQLite's date functions,
 * once a group rather than once a row. "" when monday is no date. */
static void iso_week(const char *monday, char out[32])
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y, m, d;
    out[0] = 0;
    if (!monday || sscanf(monday, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12 || d < 1 || y < 1)
        return;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    int in_month = days[m - 1] + (m == 2 && leap);
    if ((d += 3) > in_month) { /* the Thursday */
        d -= in_month;
        if (++m > 12) {
            m = 1;
            y++;
            leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        }
    }
    int day_of_year = d;
    for (int i = 0; i < m - 1; i++)
        day_of_year += days[i] + (i == 1 && leap);
    snprintf(out, 32, "%04d-W%02d", y % 10000, (day_of_year - 1) / 7 + 1);
}

/* Days from 1970-01-01 to y-m-d (a day past its month's end runs into
 * the next, as SQLite's date() reads it), and back: the civil calendar
 * counted in eras of 400 years. */
static long long days_of(long long y, int m, int d)
{
    y -= m <= 2;
    long long era = (y >= 0 ? y : y - 399) / 400;
    long long yoe = y - era * 400;
    long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

static void date_of(long long z, char out[32])
{
    z += 719468;
    long long era = (z >= 0 ? z : z - 146096) / 146097;
    long long doe = z - era * 146097;
    long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long long mp = (5 * doy + 2) / 153;
    int d = (int)(doy - (153 * mp + 2) / 5 + 1), m = (int)(mp < 10 ? mp + 3 : mp - 9);
    snprintf(out, 32, "%04lld-%02d-%02d", yoe + era * 400 + (m <= 2), m, d);
}

/* The Monday (YYYY-MM-DD) of the week of date, when it starts with a
 * full date (YYYY-MM-DD); else false. */
static bool monday_of(const char *date, char out[32])
{
    static const char shape[] = "dddd-dd-dd";
    for (int i = 0; i < 10; i++)
        if (!date || (shape[i] == 'd' ? !isdigit((unsigned char)date[i]) : date[i] != '-'))
            return false;
    int y = atoi(date), m = atoi(date + 5), d = atoi(date + 8);
    if (m < 1 || m > 12 || d < 1 || d > 31)
        return false;
    long long z = days_of(y, m, d);
    long long weekday = ((z + 3) % 7 + 7) % 7; /* Monday 0 (1970-01-01 was a Thursday) */
    date_of(z - weekday, out);
    return true;
}

/* A cell's text, or NULL. */
static const char *text_of(const cell *x)
{
    return x->t == CELL_TEXT ? x->s : NULL;
}

/* The group of key in k (made when new, with the row's value and extra
 * from cells c+1 and c+2), or NULL when memory runs out. */
static group *group_of(kind_count *k, const char *key, const cell *row, int c)
{
    if (2 * (k->n + 1) > k->nslot && !grow_slots(k))
        return NULL;
    size_t i = (size_t)hash_bytes(key) & (k->nslot - 1);
    while (k->slot[i] && !same_key(k->g[k->slot[i] - 1].key, key))
        i = (i + 1) & (k->nslot - 1);
    if (k->slot[i])
        return &k->g[k->slot[i] - 1];
    if (k->n == k->cap) {
        size_t cap = k->cap ? 2 * k->cap : 32;
        group *g = realloc(k->g, cap * sizeof *g);
        if (!g)
            return NULL;
        k->g = g;
        k->cap = cap;
    }
    group *g = memset(&k->g[k->n], 0, sizeof *g);
    const char *value = text_of(&row[c + 1]), *extra = text_of(&row[c + 2]);
    char week[32];
    if (k->kind == FACET_WEEK) { /* the key is the Monday: the value its ISO week, the extra the key */
        iso_week(key, week);
        value = week[0] ? week : NULL;
        extra = key;
    }
    g->key = key ? strdup(key) : NULL;
    g->value = value ? strdup(value) : NULL;
    g->has_int = k->kind != FACET_WEEK && row[c + 2].t == CELL_INT;
    g->extra_int = row[c + 2].i;
    g->extra_text = extra ? strdup(extra) : NULL;
    if ((key && !g->key) || (value && !g->value) || (extra && !g->extra_text)) {
        free(g->key);
        free(g->value);
        free(g->extra_text);
        return NULL;
    }
    k->slot[i] = ++k->n;
    return g;
}

/* The slot of (who, id) in a set of cap slots: every bit of both mixed
 * into the low ones (a multiply then xor-shifts), since person ids come
 * in runs that would otherwise fill runs of slots, and linear probing
 * would walk them. */
static size_t seen_slot(uint64_t who, long long id, size_t cap)
{
    uint64_t h = (who ^ ((uint64_t)id * 0x9e3779b97f4a7c15ull)) * 0xbf58476d1ce4e5b9ull;
    h ^= h >> 31;
    h *= 0x94d049bb133111ebull;
    h ^= h >> 29;
    return (size_t)h & (cap - 1);
}

/* Adds (who, id) to the set: true when it was not in it yet (and when
 * memory runs out, *oom). */
static bool first_seen(facets *f, uint64_t who, long long id, bool *oom)
{
    if (2 * (f->nset + 1) > f->capset) {
        size_t cap = f->capset ? 2 * f->capset : 1024;
        seen *s = calloc(cap, sizeof *s);
        if (!s) {
            *oom = true;
            return false;
        }
        for (size_t j = 0; j < f->capset; j++) {
            if (!f->set[j].who)
                continue;
            size_t i = seen_slot(f->set[j].who, f->set[j].id, cap);
            while (s[i].who)
                i = (i + 1) & (cap - 1);
            s[i] = f->set[j];
        }
        free(f->set);
        f->set = s;
        f->capset = cap;
    }
    size_t i = seen_slot(who, id, f->capset);
    while (f->set[i].who && !(f->set[i].who == who && f->set[i].id == id))
        i = (i + 1) & (f->capset - 1);
    if (f->set[i].who)
        return false;
    f->set[i] = (seen){who, id};
    f->nset++;
    return true;
}

int facets_add(facets *f, const cell *row, int n)
{
    int c = 3 * f->n;
    if (n < c + 4)
        return -1;
    const char *kind = text_of(&row[c]), *gender = text_of(&row[c + 3]);
    bool has_person = row[c + 1].t != CELL_NULL, has_speaker = row[c + 2].t != CELL_NULL;
    long long pid = row[c + 1].i, sid = row[c + 2].i;
    bool female = has_person && gender && !strcmp(gender, "female");
    bool male = has_person && gender && !strcmp(gender, "male");
    bool person = has_speaker && kind && !strcmp(kind, "person");
    bool oom = false;
    for (int i = 0; i < f->n; i++) {
        kind_count *k = &f->k[i];
        const char *key = text_of(&row[3 * i]);
        char monday[32];
        if (k->kind == FACET_WEEK)
            key = monday_of(key, monday) ? monday : NULL;
        group *g = group_of(k, key, row, 3 * i);
        if (!g)
            return -1;
        g->count++;
        /* who: the kind (3 bits), the group, and 1 for a person, 2 for a gendered one */
        uint64_t who = ((uint64_t)(g - k->g) + 1) << 5 | (uint64_t)i << 2;
        if (person && first_seen(f, who | 1, has_person ? pid : -sid, &oom))
            g->people++;
        if ((female || male) && first_seen(f, who | 2, pid, &oom))
            *(female ? &g->women : &g->men) += 1;
        if (oom)
            return -1;
    }
    return 0;
}

static int by_count(const void *a, const void *b)
{
    const group *x = a, *y = b;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    if (!x->value || !y->value)
        return !x->value - !y->value; /* none last */
    int v = strcmp(x->value, y->value);
    /* (the same name for two groups: a person and a speaker of no person;
     * by key, so that the order is the same whatever order rows came in) */
    return v ? v : x->key && y->key ? strcmp(x->key, y->key) : !x->key - !y->key;
}

static int by_key(const void *a, const void *b)
{
    const group *x = a, *y = b;
    if (!x->key || !y->key)
        return !x->key - !y->key; /* none last */
    return strcmp(x->key, y->key);
}

cJSON *facets_json(const facets *f, long limit, const char *const *names, const char *const *extra_keys)
{
    cJSON *o = cJSON_CreateObject();
    for (int i = 0; o && i < f->n; i++) {
        const kind_count *k = &f->k[i];
        if (k->n) /* (qsort takes no NULL, even for nothing) */
            qsort(k->g, k->n, sizeof *k->g, k->ordered ? by_key : by_count);
        cJSON *arr = cJSON_AddArrayToObject(o, names[k->kind]);
        for (size_t j = 0; arr && j < k->n && (k->ordered || (long)j < limit); j++) {
            const group *g = &k->g[j];
            cJSON *e = cJSON_CreateObject();
            cJSON_AddItemToObject(e, "value", g->value ? cJSON_CreateString(g->value) : cJSON_CreateNull());
            if (extra_keys[i][0])
                cJSON_AddItemToObject(e, extra_keys[i],
                                      g->has_int      ? cJSON_CreateNumber((double)g->extra_int)
                                      : g->extra_text ? cJSON_CreateString(g->extra_text)
                                                      : cJSON_CreateNull());
            cJSON_AddNumberToObject(e, "count", (double)g->count);
            cJSON_AddNumberToObject(e, "people", (double)g->people);
            cJSON_AddNumberToObject(e, "women", (double)g->women);
            cJSON_AddNumberToObject(e, "men", (double)g->men);
            cJSON_AddItemToArray(arr, e);
        }
    }
    return o;
}
