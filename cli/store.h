/*
 * store.h: the corpus in SQLite (store.c), or in PostgreSQL (store_pg.c)
 * when the --db given is a postgresql:// URL, for `dixit index` and `dixit
 * search`. Articles and their attributions, as `dixit text` and `dixit
 * extract` write them, go into one database file (WAL mode, foreign keys,
 * FTS5 over quotations and speakers); docs/store.md gives the schema.
 * One batch of documents is one transaction: a run stopped at any moment
 * leaves the database as it was after its last whole batch.
 */
#ifndef DIXIT_STORE_H
#define DIXIT_STORE_H

#include "dixit.h"

#include <stdbool.h>
#include <stddef.h>

#define STORE_SCHEMA 2       /* PRAGMA user_version this dixit writes (SQLite) */
#define STORE_PG_SCHEMA 1    /* dixit_schema's version this dixit writes (PostgreSQL) */
#define STORE_BUSY_MS 5000   /* how long a locked database is waited for */
#define STORE_BATCH_DOCS 500 /* articles of a batch: one transaction */
#define STORE_RANK_MAX 300   /* matches of a search's words ranked by bm25; past it, latest first */

typedef struct store store;

/* Opens (creating, when write) the database at path. NULL with one line
 * in msg (cap bytes) when it cannot: not a database, not dixit's, written
 * by a newer schema, locked past busy_ms, missing (for reading). */
store *store_open(const char *path, bool write, int busy_ms, char *msg, size_t cap);
/* store_open for reading (search, stats, export), saying on stderr why
 * it cannot. */
store *store_open_read(const char *path);
void store_close(store *s);
/* The run reads shard k of parts of the `dixit shard` run whose
 * manifest hashes to plan (shard.h), or (k 0) no shard. A PostgreSQL
 * store gives the shard's articles their place in the whole run; a SQLite
 * one notes in its dixit_shard table (store_shard.c) which shard it is
 * loading, or, when the database holds anything else, that it is no
 * longer one shard's. 0, or -1 with a line in msg. */
int store_set_shard(store *s, unsigned k, unsigned parts, unsigned long long plan, char *msg, size_t cap);
/* The shard was read whole, stored, linked: a SQLite shard database is
 * then `done`, which `dixit merge --db` requires (PostgreSQL: nothing to
 * do). 0, or -1 with a line in msg. */
int store_shard_done(store *s, char *msg, size_t cap);

/* For a run of dixit index: when the database holds no article yet, its
 * secondary indexes on attributions and on articles' dates and sites
 * (all but what finds an article or a speaker) are dropped, to be built
 * once the batches are stored, by store_link, or as soon as an article
 * is replaced. A run killed before leaves them out; the next store_open
 * for writing builds them (a search meanwhile reads without them, slower).
 * 0, or -1 with a line in msg. */
int store_defer_indexes(store *s, char *msg, size_t cap);
/* Stores some articles: texts holds `dixit text` lines (one per
 * article), records the `dixit extract` JSON lines of those articles. An
 * article indexed before under the same id or with the same text
 * replaces its rows. keep_text false leaves the text itself out (its
 * hash stays). Articles go in batches of STORE_BATCH_DOCS, each one
 * transaction, committed when full or by store_commit. 0 on success;
 * else -1, the batch rolled back and a line in msg. */
int store_batch(store *s, const char *texts, size_t texts_len, const char *records, size_t records_len,
                bool keep_text, char *msg, size_t cap);
/* store_batch of the rows store_rows_make made of the texts and records
 * (store_rows.h), on the thread that extracted them: the writing thread
 * then only binds. SQLite only. */
int store_batch_rows(store *s, const char *rows, size_t rows_len, bool keep_text, char *msg, size_t cap);
/* Commits the batch begun, if any (at the end of a run). */
int store_commit(store *s, char *msg, size_t cap);
/* Links the speakers of the whole database into persons (link.c), in one
 * transaction: each speaker's person and the evidence of the link. Run
 * after the last batch. 0, or -1 with a line in msg. */
int store_link(store *s, const dixit_engine *e, char *msg, size_t cap);
/* Groups the direct and mixed attributions of the whole database into
 * quotations (merge.c), in one transaction: the quotations table anew and
 * each attribution's quote. Run after store_link. 0, or -1 with a line in
 * msg. */
int store_merge(store *s, char *msg, size_t cap);

/* The connection of s, for the statements of `dixit serve`
 * (serve_api.c): borrowed, s keeps and closes it. */
struct sqlite3 *store_db(const store *s);
/* The PostgreSQL store of s, for serve_pg.c (borrowed), or NULL for a
 * SQLite one. */
struct store_pg *store_pg_of(const store *s);

/* What `dixit search` asks. */
typedef struct store_query {
    const char *text;    /* words, "a phrase", pref*; NULL or "" for all */
    const char *speaker; /* a speaker's name, or NULL */
    const char *outlet;  /* the articles' site, or NULL */
    const char *since, *until;     /* dates (YYYY, YYYY-MM or YYYY-MM-DD), inclusive, or NULL */
    const char *act, *type, *lang; /* or NULL */
    const char *gender;            /* female, male or unknown, or NULL */
    double min_confidence;         /* negative: none */
    long limit;                    /* 0: all */
} store_query;

/* Runs q, calling row once per attribution found (a JSON object, one
 * line, NUL-terminated), best first. The count of rows, or -1 with a line
 * in msg. */
long store_search(store *s, const store_query *q, void (*row)(void *ctx, const char *json), void *ctx,
                  char *msg, size_t cap);

/* The pieces of store_search, for statements of its kind elsewhere
 * (serve_api.c): the FTS5 MATCH expression of text's words (each a
 * quoted string, "a phrase" whole, pref* a prefix, folded as the index
 * is; malloc'd, the caller frees it; NULL for no words or no memory); the
 * filters as SQL for a WHERE clause over attributions a, articles ar,
 * speakers s and persons p, with parameters ?2 and ?4 to ?11 (no text of
 * a query is ever SQL); and store_bind_query, which binds them and the
 * limit, ?3, from q. */
char *store_match(const char *text);
/* store_match, narrowed to the attributions whose speaker column holds
 * the last word of speaker (NULL or "": no narrowing). */
char *store_match_speaker(const char *text, const char *speaker);
/* How many attributions the MATCH expression match finds, the filters
 * aside, counted up to STORE_RANK_MAX + 1 and no further (-1 on an
 * error): FTS5 counts them from its index, without ranking them. Past
 * STORE_RANK_MAX, a search gives the latest indexed first rather than
 * rank them all. */
struct sqlite3;
long store_match_count(struct sqlite3 *db, const char *match);
extern const char store_filters_sql[];
struct sqlite3_stmt;
void store_bind_query(struct sqlite3_stmt *st, const store_query *q);

/* One quotation, as `dixit export` writes it: valid during the call. */
typedef struct store_quote {
    const char *text, *speaker, *first_date; /* speaker, date: NULL when none */
    long occurrences;
    const char **names; /* the speakers of its occurrences ("None" for none), */
    const long *counts; /* with how many each, most first */
    int nnames;
    const char **urls; /* its articles (URL, else id), first seen first */
    int nurls;
    const char *first_id; /* the record id ("doc:n") of its first occurrence */
} store_quote;

/* Every quotation (store_merge's), in order of first appearance; the
 * count, or -1 with a line in msg. */
long store_quotations(store *s, void (*row)(void *ctx, const store_quote *q), void *ctx, char *msg,
                      size_t cap);

/* The groups `dixit stats --by` counts by (combinations allowed). */
enum { STAT_SPEAKER, STAT_OUTLET, STAT_MONTH, STAT_GENDER, STAT_ACT, STAT_LANG, STAT_KINDS };
/* The name of group kind k ("speaker"…), or NULL past the last. */
const char *store_stat_name(int k);

/* Counts the attributions q selects (its text aside) by the groups
 * by[0..nby): for each group, row gets its values (nby strings, "" for
 * none), its attributions, the people quoted (distinct persons, a speaker
 * linked to none counting as one), and of them the women and men; most
 * attributions first, q->limit groups at most. The count of groups, or
 * -1 with a line in msg. */
long store_stats(store *s, const store_query *q, const int *by, int nby,
                 void (*row)(void *ctx, const char *const *values, long attributions, long people, long women,
                             long men),
                 void *ctx, char *msg, size_t cap);

#endif
