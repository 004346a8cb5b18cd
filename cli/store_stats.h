/*
 * store_stats.h: `dixit stats` over SQLite (store_stats.c): the counts
 * of store_stats (store.h), with the joins and the grouping done in C.
 */
#ifndef DIXIT_STORE_STATS_H
#define DIXIT_STORE_STATS_H

#include "store.h"

struct sqlite3;

/* What store_stats calls once per group. */
typedef void (*store_stats_fn)(void *ctx, const char *const *values, long attributions, long people,
                               long women, long men);

/* Counts the attributions of db that q selects (its text aside) by the
 * groups by[0..nby), as store_stats says, calling row for each group:
 * most attributions first, then by the groups' values (bytes), q->limit
 * groups at most. The count of groups, or -1 with the SQLite code in *rc
 * (SQLITE_NOMEM when memory ran out). */
long store_stats_sqlite(struct sqlite3 *db, const store_query *q, const int *by, int nby, store_stats_fn row,
                        void *ctx, int *rc);

#endif
