/*
 * store_facts.c: what each quotation's occurrences say, over SQLite, in
 * C: how many, in how many outlets (sites; an article without one its
 * own), the first (by date, then order of indexing: a missing date
 * last), and the name most of them give (the person's, when linked; a
 * tie to the lower name in bytes), with its person (the highest of that
 * name's). Three set-wide statements did this (store_pg.c still does):
 * each read every attribution with a quotation through the index on
 * quote and looked its row and its article up, 5 of a relink's 13 s on
 * a million attributions. Here the articles and the speakers are read
 * once into arrays, the attributions given by the regrouping (which has
 * just read them; a scan of the table in its order did it before), and
 * only the quotations whose facts changed are written.
 */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include "store_facts.h"
#include "tally.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

typedef struct fart { /* an article */
    long long outlet; /* its site's (or, with none, its id's) number, -1: no such article */
    char *date;       /* or NULL */
} fart;

typedef struct fspk { /* a speaker */
    long long name;   /* the number of its person's name, or its own */
    long long person; /* 0: none */
} fspk;

typedef struct fquote { /* a quotation's facts */
    long long n, outlets, first, first_article, name, name_count, person;
    bool seen, named; /* any occurrence; any with a speaker */
} fquote;

typedef struct facts {
    tally_strings str;
    fart *arts;
    size_t narts;
    fspk *spks;
    size_t nspks;
    fquote *q;
    size_t nq;
    tally_pairs outlets; /* (quotation, outlet) seen */
    tally_pairs names;   /* (quotation, name): its occurrences; the person apart */
    tally_pairs persons; /* (quotation, name): the highest person */
} facts;

/* Each article's outlet and date; each speaker's name and person. */
static int read_parents(sqlite3 *db, facts *f)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, "SELECT id, coalesce(site, doc), date FROM articles", -1, &st, NULL);
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        long long id = sqlite3_column_int64(st, 0), o;
        const char *date = (const char *)sqlite3_column_text(st, 2);
        if ((rc = tally_reach((void **)&f->arts, &f->narts, id, sizeof *f->arts)) != SQLITE_OK)
            break;
        if ((o = tally_intern(&f->str, (const char *)sqlite3_column_text(st, 1))) < 0 ||
            (date && !(f->arts[id].date = strdup(date))))
            rc = SQLITE_NOMEM;
        f->arts[id].outlet = o + 1; /* (0: no article) */
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return rc;
    rc = sqlite3_prepare_v2(db,
                            "SELECT v.id, coalesce(p.name, v.name), v.person FROM speakers v "
                            "LEFT JOIN persons p ON p.id = v.person",
                            -1, &st, NULL);
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        long long id = sqlite3_column_int64(st, 0), name;
        if ((rc = tally_reach((void **)&f->spks, &f->nspks, id, sizeof *f->spks)) != SQLITE_OK)
            break;
        if ((name = tally_intern(&f->str, (const char *)sqlite3_column_text(st, 1))) < 0)
            rc = SQLITE_NOMEM;
        f->spks[id] = (fspk){name + 1, sqlite3_column_int64(st, 2)}; /* (name 0: no speaker) */
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Whether the occurrence (date, id) comes before (date0, id0): a date
 * first, then the earlier date, then the earlier id. */
static bool earlier(const char *date, long long id, const char *date0, long long id0)
{
    if (!date != !date0)
        return date != NULL;
    int d = date ? strcmp(date, date0) : 0;
    return d ? d < 0 : id < id0;
}

/* One occurrence: attribution id of quotation q, in article a, said by
 * speaker v (0: none). */
static int add_occurrence(facts *f, long long q, long long a, long long id, long long v)
{
    if (tally_reach((void **)&f->q, &f->nq, q, sizeof *f->q) != SQLITE_OK)
        return SQLITE_NOMEM;
    if (a < 0 || (size_t)a >= f->narts || !f->arts[a].outlet)
        return SQLITE_OK; /* (no article: the join left it out) */
    fquote *x = &f->q[q];
    const fart *ar = &f->arts[a];
    int fresh;
    x->n++;
    if (!tally_pair(&f->outlets, (uint64_t)q, ar->outlet, &fresh))
        return SQLITE_NOMEM;
    x->outlets += fresh;
    if (!x->seen || earlier(ar->date, id, f->arts[x->first_article].date, x->first)) {
        x->first = id;
        x->first_article = a;
    }
    x->seen = true;
    if (v <= 0 || (size_t)v >= f->nspks || !f->spks[v].name)
        return SQLITE_OK;
    const fspk *s = &f->spks[v];
    long long *count = tally_pair(&f->names, (uint64_t)q, s->name, &fresh);
    long long *person = count ? tally_pair(&f->persons, (uint64_t)q, s->name, &fresh) : NULL;
    if (!person)
        return SQLITE_NOMEM;
    ++*count;
    if (s->person > *person)
        *person = s->person;
    return SQLITE_OK;
}

/* Each quotation's name: the most given, a tie to the lower in bytes. */
static void choose_names(facts *f)
{
    for (size_t k = 0; k < f->names.cap; k++) {
        const struct tally_pair *p = &f->names.p[k];
        if (p->a == UINT64_MAX)
            continue;
        fquote *x = &f->q[p->a];
        if (!x->named || p->count > x->name_count ||
            (p->count == x->name_count && strcmp(f->str.s[p->b - 1], f->str.s[x->name - 1]) < 0)) {
            int fresh;
            x->named = true;
            x->name = p->b;
            x->name_count = p->count;
            x->person = *tally_pair(&f->persons, p->a, p->b, &fresh); /* (there: found, not made) */
        }
    }
}

/* Whether column c of st is the integer v (0: NULL). */
static bool same_int(sqlite3_stmt *st, int c, long long v)
{
    return sqlite3_column_type(st, c) == SQLITE_NULL ? v == 0 : sqlite3_column_int64(st, c) == v;
}

static bool same_text(sqlite3_stmt *st, int c, const char *v)
{
    const char *t = (const char *)sqlite3_column_text(st, c);
    return !t || !v ? !t && !v : !strcmp(t, v);
}

static void bind_int_or_null(sqlite3_stmt *st, int i, long long v)
{
    if (v)
        sqlite3_bind_int64(st, i, v);
    else
        sqlite3_bind_null(st, i);
}

/* Writes the facts of the quotations whose facts changed (a quotation
 * no occurrence names keeps its speaker and person). */
static int write_facts(sqlite3 *db, const facts *f)
{
    sqlite3_stmt *get = NULL, *set = NULL;
    int rc = sqlite3_prepare_v2(db,
                                "SELECT id, occurrences, outlets, first_article, first_date, speaker, person "
                                "FROM quotations",
                                -1, &get, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db,
                                "UPDATE quotations SET occurrences = ?1, outlets = ?2, first_article = ?3, "
                                "first_date = ?4, speaker = ?5, person = ?6 WHERE id = ?7",
                                -1, &set, NULL);
    while (rc == SQLITE_OK && (rc = sqlite3_step(get)) == SQLITE_ROW) {
        rc = SQLITE_OK;
        long long id = sqlite3_column_int64(get, 0);
        const fquote *x = id > 0 && (size_t)id < f->nq && f->q[id].seen ? &f->q[id] : NULL;
        if (!x)
            continue;
        const char *date = f->arts[x->first_article].date;
        const char *name = x->named ? f->str.s[x->name - 1] : (const char *)sqlite3_column_text(get, 5);
        long long person = x->named ? x->person : sqlite3_column_int64(get, 6);
        if (same_int(get, 1, x->n) && same_int(get, 2, x->outlets) && same_int(get, 3, x->first_article) &&
            same_text(get, 4, date) && same_text(get, 5, name) && same_int(get, 6, person))
            continue;
        sqlite3_bind_int64(set, 1, x->n);
        sqlite3_bind_int64(set, 2, x->outlets);
        sqlite3_bind_int64(set, 3, x->first_article);
        sqlite3_bind_text(set, 4, date, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(set, 5, name, -1, SQLITE_TRANSIENT);
        bind_int_or_null(set, 6, person);
        sqlite3_bind_int64(set, 7, id);
        rc = sqlite3_step(set);
        sqlite3_reset(set);
        rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
    }
    sqlite3_finalize(get);
    sqlite3_finalize(set);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

int store_quote_facts(sqlite3 *db, const store_occurrence *occ, size_t n)
{
    facts f = {.narts = 0};
    int rc = read_parents(db, &f);
    for (size_t i = 0; rc == SQLITE_OK && i < n; i++)
        rc = add_occurrence(&f, occ[i].quote, occ[i].article, occ[i].id, occ[i].speaker);
    if (rc == SQLITE_OK) {
        choose_names(&f);
        rc = write_facts(db, &f);
    }
    for (size_t i = 0; i < f.narts; i++)
        free(f.arts[i].date);
    free(f.arts);
    free(f.spks);
    free(f.q);
    tally_strings_free(&f.str);
    tally_pairs_free(&f.outlets);
    tally_pairs_free(&f.names);
    tally_pairs_free(&f.persons);
    return rc;
}
