/*
 * store_pg.h: the corpus in PostgreSQL (store_pg.c), behind store.h's
 * functions: store.c hands a --db that names a PostgreSQL database
 * (store_pg_url) to these, which behave as their SQLite namesakes do
 * except where docs/store.md says (one transaction per run, not per
 * batch; many runs at once).
 */
#ifndef DIXIT_STORE_PG_H
#define DIXIT_STORE_PG_H

#include "store.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct store_pg store_pg;

/* Is db a PostgreSQL connection string: a postgresql:// or postgres://
 * URL, or libpq keywords starting with host= or dbname=? */
bool store_pg_url(const char *db);

/* Connects; checks (or, when write, makes) the schema. NULL with one
 * line in msg (the server's words, the URL without its password). */
store_pg *store_pg_open(const char *url, bool write, char *msg, size_t cap);
void store_pg_close(store_pg *p);
/* The run reads shard k of a `dixit shard` (its articles take the
 * places of that shard in the whole run). */
void store_pg_set_shard(store_pg *p, unsigned k);

int store_pg_batch(store_pg *p, const char *texts, size_t texts_len, const char *records, size_t records_len,
                   bool keep_text, char *msg, size_t cap);
int store_pg_commit(store_pg *p, char *msg, size_t cap);
int store_pg_link(store_pg *p, const dixit_engine *e, char *msg, size_t cap);
int store_pg_merge(store_pg *p, char *msg, size_t cap);
long store_pg_search(store_pg *p, const store_query *q, void (*row)(void *ctx, const char *json), void *ctx,
                     char *msg, size_t cap);
long store_pg_stats(store_pg *p, const store_query *q, const int *by, int nby,
                    void (*row)(void *ctx, const char *const *values, long attributions, long people,
                                long women, long men),
                    void *ctx, char *msg, size_t cap);
long store_pg_quotations(store_pg *p, void (*row)(void *ctx, const store_quote *q), void *ctx, char *msg,
                         size_t cap);

#endif
