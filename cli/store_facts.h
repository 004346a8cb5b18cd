/*
 * store_facts.h: the facts of each quotation of a SQLite store
 * (store_facts.c), written after the quotations are regrouped.
 */
#ifndef DIXIT_STORE_FACTS_H
#define DIXIT_STORE_FACTS_H

#include <stddef.h>

struct sqlite3;

/* An attribution with a quotation: the quotation's id, its article, its
 * own id and its speaker (0: none). */
typedef struct store_occurrence {
    long long quote, article, id, speaker;
} store_occurrence;

/* Sets each quotation's occurrences, outlets, first article and date,
 * speaker and person from its attributions, writing only what changed;
 * inside the caller's transaction. The attributions are occ (n of them):
 * every one that has a quotation. A SQLite code. */
int store_quote_facts(struct sqlite3 *db, const store_occurrence *occ, size_t n);

#endif
