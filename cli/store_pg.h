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

/* For the statements of `dixit serve` (serve_pg.c): the connection
 * (borrowed: p keeps and closes it; one thread at a time), and the URL
 * without its password, for messages. */
struct pg_conn *store_pg_conn(const store_pg *p);
const char *store_pg_where(const store_pg *p);
/* url into out (cap bytes) without its password (user:password@, and
 * any password=...). */
void store_pg_redact(const char *url, char *out, size_t cap);
/* The tsquery of text's words, as store_match reads them for FTS5
 * (malloc'd; "" when no word has a token), or NULL with a line in msg. */
char *store_pg_words(store_pg *p, const char *text, char *msg, size_t cap);
/* The filters of a search as SQL over attributions a, articles ar,
 * speakers s and persons p: $2 and $4 to $11, each off when NULL (the
 * statement has $1, the words, and $3, the limit, to place itself);
 * store_pg_params gives the values of $1 to $11 ($3 NULL for no limit)
 * from q and words, into v, numbers written in the buffers given. */
extern const char store_pg_filters_sql[];
void store_pg_params(const store_query *q, const char *words, char limit[24], char conf[32],
                     const char *v[11]);

#endif
