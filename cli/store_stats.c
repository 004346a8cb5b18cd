/*
 * store_stats.c: `dixit stats` over SQLite, counted in C.
 *
 * One statement joining every attribution to its article, speaker and
 * person, grouping them and counting distinct people three ways took
 * 3.9 s on a million attributions. Here each table is read once: the
 * articles and the speakers into arrays by id (their groups' values, and
 * whether the filters keep them), then the attributions in one scan,
 * each two look-ups in those arrays and one in a hash table of groups.
 * The filters are store.c's SQL (store_filters.h), each part run on the
 * table it reads, so what is counted is what the one statement counted,
 * and the order is its order: most attributions first, then the values
 * as SQLite's BINARY compares them (bytes; a prefix first).
 */
#define _POSIX_C_SOURCE 200809L
#include "store_stats.h"
#include "store_filters.h"
#include "tally.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* An article: its outlet, month and language, and whether the filters
 * keep it (an id with no article is kept by none). */
typedef struct art {
    uint32_t outlet, month, lang;
    bool keep;
} art;

/* A speaker: its group's name and gender; who it counts as among the
 * people quoted (a person's id, else minus its own: only speakers of
 * kind person count); its person's id when of either gender. */
typedef struct spk {
    uint32_t name, gender;
    long long who, person;
    bool keep, counts, female, male;
} spk;

typedef struct group {
    uint32_t k[STAT_KINDS];
    long n, people, women, men;
    const char *val[STAT_KINDS]; /* filled at the end, to sort */
} group;

typedef struct counter {
    const int *by;
    int nby;
    tally_strings str;
    art *arts;
    size_t narts;
    spk *spks, none; /* none: a record with no speaker */
    size_t nspks;
    group *groups;
    size_t ngroups, cap_groups;
    uint32_t *gslot; /* groups by key: an index + 1 */
    size_t ngslot;
    tally_pairs seen; /* (group * 4 + set, person): a person counted once per group and set */
} counter;

static uint64_t mix(uint64_t h, uint64_t v)
{
    h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
    return h * 0xff51afd7ed558ccdull;
}

/* Three interned columns of st, from column c on, into v. */
static int intern_cols(counter *c, sqlite3_stmt *st, int col, uint32_t *v, int count)
{
    for (int k = 0; k < count; k++) {
        long long id = tally_intern(&c->str, (const char *)sqlite3_column_text(st, col + k));
        if (id < 0)
            return SQLITE_NOMEM;
        v[k] = (uint32_t)id;
    }
    return SQLITE_OK;
}

/* The articles the filters keep, with their groups' values. */
static int read_articles(sqlite3 *db, const store_query *q, counter *c)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db,
                                "SELECT ar.id, coalesce(ar.site, ''), coalesce(substr(ar.date, 1, 7), ''), "
                                "coalesce(ar.lang, '') FROM articles ar WHERE " FILTER_ARTICLE,
                                -1, &st, NULL);
    if (rc == SQLITE_OK)
        store_bind_query(st, q);
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        long long id = sqlite3_column_int64(st, 0);
        uint32_t v[3];
        if ((rc = tally_reach((void **)&c->arts, &c->narts, id, sizeof *c->arts)) == SQLITE_OK &&
            (rc = intern_cols(c, st, 1, v, 3)) == SQLITE_OK)
            c->arts[id] = (art){v[0], v[1], v[2], true};
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Fills one speaker from a row of read_speakers' statement (or of none). */
static int speaker_from(counter *c, sqlite3_stmt *st, spk *s)
{
    uint32_t v[2] = {0, 0};
    int rc = intern_cols(c, st, 1, v, 2);
    const char *gender = (const char *)sqlite3_column_text(st, 6);
    bool has_person = sqlite3_column_type(st, 5) != SQLITE_NULL;
    *s = (spk){.name = v[0],
               .gender = v[1],
               .who = sqlite3_column_int64(st, 4),
               .person = sqlite3_column_int64(st, 5),
               .keep = true,
               .counts = sqlite3_column_int(st, 3) != 0,
               .female = has_person && gender && !strcmp(gender, "female"),
               .male = has_person && gender && !strcmp(gender, "male")};
    return rc;
}

/* The speakers the filters keep (the speaker's and the gender's), with
 * their groups' values; and the record with no speaker, which either
 * filter leaves out. */
static int read_speakers(sqlite3 *db, const store_query *q, counter *c)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(
        db,
        "SELECT a.speaker, coalesce(p.name, s.name, ''), coalesce(p.gender, 'unknown'), s.kind = 'person', "
        "coalesce(p.id, -s.id), p.id, p.gender FROM (SELECT id AS speaker FROM speakers) a "
        "JOIN speakers s ON s.id = a.speaker LEFT JOIN persons p ON p.id = s.person "
        "WHERE " FILTER_SPEAKER "AND " FILTER_GENDER,
        -1, &st, NULL);
    if (rc == SQLITE_OK)
        store_bind_query(st, q);
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        long long id = sqlite3_column_int64(st, 0);
        if ((rc = tally_reach((void **)&c->spks, &c->nspks, id, sizeof *c->spks)) == SQLITE_OK)
            rc = speaker_from(c, st, &c->spks[id]);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return rc;
    long long name = tally_intern(&c->str, ""), gender = tally_intern(&c->str, "unknown");
    if (name < 0 || gender < 0)
        return SQLITE_NOMEM;
    bool filtered = (q->speaker && q->speaker[0]) || (q->gender && q->gender[0]);
    c->none = (spk){.name = (uint32_t)name, .gender = (uint32_t)gender, .keep = !filtered};
    return SQLITE_OK;
}

/* Whether (group g, set, key) is new; it is then remembered. -1: no
 * memory. */
static int first_seen(counter *c, size_t g, int set, long long key)
{
    int fresh;
    return tally_pair(&c->seen, (uint64_t)g * 4 + (uint64_t)set, key, &fresh) ? fresh : -1;
}

/* The group of key k (made when new), or -1 on no memory. */
static long long group_of(counter *c, const uint32_t *k)
{
    if (2 * (c->ngroups + 1) > c->ngslot) {
        size_t ns = c->ngslot ? 2 * c->ngslot : 1024;
        uint32_t *sl = calloc(ns, sizeof *sl);
        if (!sl)
            return -1;
        for (size_t g = 0; g < c->ngroups; g++) {
            uint64_t h = 0;
            for (int j = 0; j < c->nby; j++)
                h = mix(h, c->groups[g].k[j]);
            size_t i = h & (ns - 1);
            while (sl[i])
                i = (i + 1) & (ns - 1);
            sl[i] = (uint32_t)g + 1;
        }
        free(c->gslot);
        c->gslot = sl;
        c->ngslot = ns;
    }
    uint64_t h = 0;
    for (int j = 0; j < c->nby; j++)
        h = mix(h, k[j]);
    size_t i = h & (c->ngslot - 1);
    for (; c->gslot[i]; i = (i + 1) & (c->ngslot - 1))
        if (!memcmp(c->groups[c->gslot[i] - 1].k, k, (size_t)c->nby * sizeof *k))
            return c->gslot[i] - 1;
    if (c->ngroups == c->cap_groups) {
        size_t cap = c->cap_groups ? 2 * c->cap_groups : 256;
        group *ng = realloc(c->groups, cap * sizeof *ng);
        if (!ng)
            return -1;
        c->groups = ng;
        c->cap_groups = cap;
    }
    memset(&c->groups[c->ngroups], 0, sizeof *c->groups);
    memcpy(c->groups[c->ngroups].k, k, (size_t)c->nby * sizeof *k);
    c->gslot[i] = (uint32_t)++c->ngroups;
    return (long long)c->ngroups - 1;
}

/* Counts one attribution of article a, speaker s, act act: its group,
 * or -1 on no memory. */
static long long count_one(counter *c, const art *a, const spk *s, const char *act)
{
    uint32_t k[STAT_KINDS];
    for (int j = 0; j < c->nby; j++) {
        int kind = c->by[j];
        long long v = kind == STAT_SPEAKER  ? s->name
                      : kind == STAT_OUTLET ? a->outlet
                      : kind == STAT_MONTH  ? a->month
                      : kind == STAT_GENDER ? s->gender
                      : kind == STAT_LANG   ? a->lang
                                            : tally_intern(&c->str, act);
        if (v < 0)
            return -1;
        k[j] = (uint32_t)v;
    }
    long long g = group_of(c, k);
    if (g < 0)
        return -1;
    group *gr = &c->groups[g];
    gr->n++;
    if (s->counts) {
        int f = first_seen(c, (size_t)g, 0, s->who);
        if (f < 0)
            return -1;
        gr->people += f;
    }
    if (s->female || s->male) {
        int f = first_seen(c, (size_t)g, s->female ? 1 : 2, s->person);
        if (f < 0)
            return -1;
        *(s->female ? &gr->women : &gr->men) += f;
    }
    return g;
}

/* The run of records of one article, speaker and act being counted:
 * the records of an article come together, often several of one
 * speaker, and such a record falls in the group of the one before,
 * whose people are already counted. */
typedef struct run {
    long long id, sid; /* article, speaker (0: none) */
    char *act;         /* when grouped by act */
    size_t group;
    bool by_act;
} run;

/* Counts a record of article id, speaker sid (0: none) and act when its
 * article and speaker are kept. A SQLite code. */
static int count_record(counter *c, run *r, long long id, long long sid, const char *act)
{
    if (id == r->id && sid == r->sid && (!r->by_act || (act && r->act && !strcmp(act, r->act)))) {
        c->groups[r->group].n++;
        return SQLITE_OK;
    }
    if (id < 0 || (size_t)id >= c->narts || !c->arts[id].keep)
        return SQLITE_OK;
    /* (a speaker filtered out, or with no row, which the foreign key
     * forbids, has keep false; speaker ids are 1 and up) */
    const spk *s = sid == 0 ? &c->none : sid > 0 && (size_t)sid < c->nspks ? &c->spks[sid] : NULL;
    if (!s || !s->keep)
        return SQLITE_OK;
    long long g = count_one(c, &c->arts[id], s, act);
    if (g < 0)
        return SQLITE_NOMEM;
    r->id = id;
    r->sid = sid;
    r->group = (size_t)g;
    free(r->act);
    r->act = r->by_act && act ? strdup(act) : NULL;
    return r->by_act && act && !r->act ? SQLITE_NOMEM : SQLITE_OK;
}

/* Every attribution the record filters keep, from the table. */
static int scan_table(sqlite3 *db, const store_query *q, counter *c, run *r)
{
    /* (the act, far into a wide row, is read only when grouped by) */
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(
        db,
        r->by_act ? "SELECT a.article, a.speaker, a.act FROM attributions a WHERE " FILTER_RECORD
                  : "SELECT a.article, a.speaker, NULL FROM attributions a WHERE " FILTER_RECORD,
        -1, &st, NULL);
    if (rc == SQLITE_OK)
        store_bind_query(st, q);
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
        rc = count_record(c, r, sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
                          (const char *)sqlite3_column_text(st, 2));
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Column col of every attribution, by rowid, into *v (*n long; 0 for
 * NULL or no row): the statement reads it from an index. */
static int read_by_rowid(sqlite3 *db, const char *sql, long long **v, size_t *n)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        long long id = sqlite3_column_int64(st, 0);
        if ((rc = tally_reach((void **)v, n, id, sizeof **v)) == SQLITE_OK)
            (*v)[id] = sqlite3_column_int64(st, 1);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Every attribution, from the indexes on article and on speaker (each
 * (column, rowid): a tenth of the table's pages), joined by rowid, in
 * the table's order: for a count with no filter on the records. */
static int scan_indexes(sqlite3 *db, counter *c, run *r)
{
    long long *article = NULL, *speaker = NULL;
    size_t na = 0, ns = 0;
    int rc = read_by_rowid(db, "SELECT rowid, article FROM attributions", &article, &na);
    if (rc == SQLITE_OK)
        rc = read_by_rowid(db, "SELECT rowid, speaker FROM attributions", &speaker, &ns);
    for (size_t id = 0; rc == SQLITE_OK && id < na; id++)
        if (article[id]) /* (articles are 1 and up: 0, no attribution) */
            rc = count_record(c, r, article[id], id < ns ? speaker[id] : 0, NULL);
    free(article);
    free(speaker);
    return rc;
}

/* Every attribution the record filters keep, counted when its article
 * and its speaker are kept too. */
static int scan(sqlite3 *db, const store_query *q, counter *c)
{
    run r = {.id = -1, .sid = -1};
    for (int j = 0; j < c->nby; j++)
        r.by_act |= c->by[j] == STAT_ACT;
    bool filtered = (q->act && q->act[0]) || (q->type && q->type[0]) || q->min_confidence >= 0;
    int rc = r.by_act || filtered ? scan_table(db, q, c, &r) : scan_indexes(db, c, &r);
    free(r.act);
    return rc;
}

/* Most attributions first, then the values, as SQLite's BINARY orders
 * text (strcmp: bytes, a prefix first). */
static int by_count(const void *x, const void *y)
{
    const group *a = x, *b = y;
    if (a->n != b->n)
        return a->n > b->n ? -1 : 1;
    for (int j = 0; j < STAT_KINDS && a->val[j]; j++) {
        int d = strcmp(a->val[j], b->val[j]);
        if (d)
            return d;
    }
    return 0;
}

static void counter_free(counter *c)
{
    tally_strings_free(&c->str);
    free(c->arts);
    free(c->spks);
    free(c->groups);
    free(c->gslot);
    tally_pairs_free(&c->seen);
}

long store_stats_sqlite(sqlite3 *db, const store_query *q, const int *by, int nby, store_stats_fn row,
                        void *ctx, int *rc)
{
    counter c = {.by = by, .nby = nby};
    *rc = read_articles(db, q, &c);
    if (*rc == SQLITE_OK)
        *rc = read_speakers(db, q, &c);
    if (*rc == SQLITE_OK)
        *rc = scan(db, q, &c);
    long n = -1;
    if (*rc == SQLITE_OK) {
        for (size_t g = 0; g < c.ngroups; g++)
            for (int j = 0; j < STAT_KINDS; j++)
                c.groups[g].val[j] = j < nby ? c.str.s[c.groups[g].k[j]] : NULL;
        qsort(c.groups, c.ngroups, sizeof *c.groups, by_count);
        size_t limit = q->limit > 0 && (size_t)q->limit < c.ngroups ? (size_t)q->limit : c.ngroups;
        for (size_t g = 0; g < limit; g++)
            row(ctx, c.groups[g].val, c.groups[g].n, c.groups[g].people, c.groups[g].women, c.groups[g].men);
        n = (long)limit;
    }
    counter_free(&c);
    return n;
}
