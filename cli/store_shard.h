/*
 * store_shard.h: the shards of one `dixit shard` run indexed into SQLite
 * databases of their own (store_shard.c): the mark `dixit index --shard`
 * leaves in each, and `dixit merge --db OUT SHARD.db...`, which joins them
 * into the database one `dixit index` of the whole input writes
 * (docs/scale-out.md says what is identical).
 */
#ifndef DIXIT_STORE_SHARD_H
#define DIXIT_STORE_SHARD_H

#include <sqlite3.h>

/* Notes in db's dixit_shard table that a run loads shard k of parts of
 * the run whose manifest hashes to plan (state `loading`), or, when db
 * holds anything else (another shard's rows, a plain run's), that it is
 * `mixed`; k 0 (a run of no shard) marks a shard database `mixed`. In a
 * transaction of its own; a SQLite code. */
int store_shard_mark(sqlite3 *db, unsigned k, unsigned parts, unsigned long long plan);
/* The shard is in whole: `loading` becomes `done`. A SQLite code. */
int store_shard_finish(sqlite3 *db);

/* `dixit merge --db out SHARD...`: the shard databases paths[0..n), in
 * shard order, checked (each listed with what is wrong, nothing written)
 * and joined into a new database renamed onto out at the end. The exit
 * status: 0, 1 (a bad shard, an error), 2 (a usage error). */
int store_shard_merge(const char *out, char **paths, unsigned n);

#endif
