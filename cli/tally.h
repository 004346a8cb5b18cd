/*
 * tally.h: what counting over a whole database in C needs (tally.c), for
 * `dixit stats` (store_stats.c) and the facts of each quotation
 * (store_facts.c): strings interned (each value once, known by a
 * number), a map from pairs of integers to a count, and arrays by
 * rowid.
 */
#ifndef DIXIT_TALLY_H
#define DIXIT_TALLY_H

#include <stddef.h>
#include <stdint.h>

/* Strings interned: zero-initialise, tally_strings_free at the end. */
typedef struct tally_strings {
    char **s; /* by number */
    size_t n, cap;
    uint32_t *slot; /* open addressing: a number + 1, 0 for empty */
    size_t nslot;   /* a power of two */
} tally_strings;

/* The number of s (NULL counts as ""), a copy interned when new; -1 when
 * memory runs out. */
long long tally_intern(tally_strings *t, const char *s);
void tally_strings_free(tally_strings *t);

/* A map from (a, b) to a count: zero-initialise, tally_pairs_free at
 * the end. a must not be UINT64_MAX (it marks an empty slot). */
typedef struct tally_pairs {
    struct tally_pair {
        uint64_t a;
        long long b, count;
    } * p;
    size_t n, cap; /* cap: a power of two */
} tally_pairs;

/* The count of (a, b), made 0 when new (*fresh then true); NULL when
 * memory runs out (never for a pair already there). */
long long *tally_pair(tally_pairs *m, uint64_t a, long long b, int *fresh);
void tally_pairs_free(tally_pairs *m);

/* Makes the array *arr (of *n items of size bytes) hold index id, the
 * new items zero-filled (an array by rowid): a SQLite code, SQLITE_OK,
 * SQLITE_NOMEM, or SQLITE_MISMATCH for a negative id. */
int tally_reach(void **arr, size_t *n, long long id, size_t size);

#endif
