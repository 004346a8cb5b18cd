/*
 * serve_facets.h: the counts of /api/stats in one pass over the rows
 * (serve_facets.c). One statement gives, per attribution, the group of
 * each kind asked for; the groups are counted here, in hash tables, so a
 * count by eight kinds reads the rows once rather than eight times.
 */
#ifndef DIXIT_SERVE_FACETS_H
#define DIXIT_SERVE_FACETS_H

#include "serve_db.h"

#include <cjson/cJSON.h>
#include <stdbool.h>

typedef struct facets facets;

/* What each kind (query.h's FACET_*) groups by, as SQL over attributions
 * a, articles ar, speakers s and persons p that SQLite and PostgreSQL
 * read alike: its key, the value it shows, its extra member (the
 * speaker's person id). The week's key is the date, whose Monday and ISO
 * week facets_add computes (so both databases group weeks alike). */
extern const char *const facet_columns[FACET_KINDS][3];

/* Counts for n kinds (query.h's FACET_*; ordered[i]: time order, all
 * groups, rather than the largest first). NULL when memory runs out. */
facets *facets_new(const int *kinds, const bool *ordered, int n);
void facets_free(facets *f);

/* One row of n cells: for each kind i, cells 3i to 3i+2 are its group's
 * key, value and extra (NULL or text or integer), then four: the
 * speaker's kind, the person id, the speaker id, the person's gender.
 * -1 when memory runs out (or the row is short). */
int facets_add(facets *f, const cell *row, int n);

/* The groups as docs/serve.md's "facets" object, limit groups a kind at
 * most (but the ordered ones), under the names of names[kind]; the
 * extra member of kind i named extra_keys[i] ("" for none). */
cJSON *facets_json(const facets *f, long limit, const char *const *names, const char *const *extra_keys);

#endif
