/*
 * tally.c: strings interned and a map of integer pairs, both open
 * addressing over a power of two of slots, grown at half full, for the
 * counts done in C over a whole database (store_stats.c, store_facts.c).
 */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include "tally.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

static uint64_t hash_str(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 0x100000001b3ull;
    return h;
}

static uint64_t hash_pair(uint64_t a, long long b)
{
    uint64_t h = (a ^ 0x9e3779b97f4a7c15ull) * 0xff51afd7ed558ccdull;
    h ^= (uint64_t)b + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
    return (h ^ (h >> 29)) * 0xc4ceb9fe1a85ec53ull;
}

/* The slots doubled (256 at first), the strings placed anew. */
static int strings_grow(tally_strings *t)
{
    size_t ns = t->nslot ? 2 * t->nslot : 256;
    uint32_t *sl = calloc(ns, sizeof *sl);
    if (!sl)
        return -1;
    for (size_t k = 0; k < t->n; k++) {
        size_t i = hash_str(t->s[k]) & (ns - 1);
        while (sl[i])
            i = (i + 1) & (ns - 1);
        sl[i] = (uint32_t)k + 1;
    }
    free(t->slot);
    t->slot = sl;
    t->nslot = ns;
    return 0;
}

long long tally_intern(tally_strings *t, const char *s)
{
    s = s ? s : "";
    if (2 * (t->n + 1) > t->nslot && strings_grow(t) != 0)
        return -1;
    size_t i = hash_str(s) & (t->nslot - 1);
    for (; t->slot[i]; i = (i + 1) & (t->nslot - 1))
        if (!strcmp(t->s[t->slot[i] - 1], s))
            return t->slot[i] - 1;
    if (t->n == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 64;
        char **ns = realloc(t->s, cap * sizeof *ns);
        if (!ns)
            return -1;
        t->s = ns;
        t->cap = cap;
    }
    if (!(t->s[t->n] = strdup(s)))
        return -1;
    t->slot[i] = (uint32_t)++t->n;
    return (long long)t->n - 1;
}

void tally_strings_free(tally_strings *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->s[i]);
    free(t->s);
    free(t->slot);
    memset(t, 0, sizeof *t);
}

/* The slot of (a, b), or the empty one where it would go. */
static size_t pair_slot(const tally_pairs *m, uint64_t a, long long b)
{
    size_t i = hash_pair(a, b) & (m->cap - 1);
    while (m->p[i].a != UINT64_MAX && (m->p[i].a != a || m->p[i].b != b))
        i = (i + 1) & (m->cap - 1);
    return i;
}

/* The slots doubled (4096 at first), the pairs placed anew. */
static int pairs_grow(tally_pairs *m)
{
    size_t cap = m->cap ? 2 * m->cap : 4096;
    struct tally_pair *p = malloc(cap * sizeof *p), *old = m->p;
    if (!p)
        return -1;
    for (size_t i = 0; i < cap; i++)
        p[i].a = UINT64_MAX;
    size_t old_cap = m->cap;
    m->p = p;
    m->cap = cap;
    for (size_t k = 0; k < old_cap; k++)
        if (old[k].a != UINT64_MAX)
            p[pair_slot(m, old[k].a, old[k].b)] = old[k];
    free(old);
    return 0;
}

long long *tally_pair(tally_pairs *m, uint64_t a, long long b, int *fresh)
{
    /* (a pair already there is found without growing: no failure) */
    size_t i = m->cap ? pair_slot(m, a, b) : 0;
    if (m->cap && m->p[i].a != UINT64_MAX) {
        *fresh = 0;
        return &m->p[i].count;
    }
    if (2 * (m->n + 1) > m->cap) {
        if (pairs_grow(m) != 0)
            return NULL;
        i = pair_slot(m, a, b);
    }
    m->p[i] = (struct tally_pair){a, b, 0};
    m->n++;
    *fresh = 1;
    return &m->p[i].count;
}

void tally_pairs_free(tally_pairs *m)
{
    free(m->p);
    memset(m, 0, sizeof *m);
}

int tally_reach(void **arr, size_t *n, long long id, size_t size)
{
    if (id < 0)
        return SQLITE_MISMATCH;
    if ((size_t)id < *n)
        return SQLITE_OK;
    size_t want = *n ? *n : 1024;
    while (want <= (size_t)id)
        want *= 2;
    char *a = realloc(*arr, want * size);
    if (!a)
        return SQLITE_NOMEM;
    memset(a + *n * size, 0, (want - *n) * size);
    *arr = a;
    *n = want;
    return SQLITE_OK;
}
