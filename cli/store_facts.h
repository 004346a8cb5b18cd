/*
 * store_facts.h: the facts of each quotation of a SQLite store
 * (store_facts.c), written after the quotations are regrouped.
 */
#ifndef DIXIT_STORE_FACTS_H
#define DIXIT_STORE_FACTS_H

struct sqlite3;

/* Sets each quotation's occurrences, outlets, first article and date,
 * speaker and person from its attributions, writing only what changed;
 * inside the caller's transaction. A SQLite code. */
int store_quote_facts(struct sqlite3 *db);

#endif
