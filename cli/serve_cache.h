/*
 * serve_cache.h: answers of `dixit serve` kept for the next identical
 * request while the database is unchanged (serve_cache.c). Only the
 * counts of /api/stats are kept: they read every row the filters leave
 * (0.6 s for every facet of 100,000 attributions), and the page asks for
 * the same ones again and again.
 */
#ifndef DIXIT_SERVE_CACHE_H
#define DIXIT_SERVE_CACHE_H

#include <stddef.h>

#define CACHE_SLOTS 32           /* answers kept, the oldest replaced */
#define CACHE_BODY_MAX (1 << 20) /* bytes of an answer that may be kept */
#define CACHE_STAMP_MAX 256      /* bytes of a stamp, its NUL included */

typedef struct answer_cache answer_cache;

/* An empty cache; NULL when memory runs out (then nothing is kept: the
 * functions below take NULL). Safe to share between threads (one
 * mutex). */
answer_cache *cache_new(void);
void cache_free(answer_cache *c);

/* A copy (malloc'd, *len bytes) of the answer kept for key, or NULL.
 * stamp says what the database is now (serve_db.h's stamp: equal
 * stamps, equal data): everything kept is dropped first when it differs
 * from the stamp of what is kept. */
char *cache_get(answer_cache *c, const char *stamp, const char *key, size_t *len);
/* Keeps a copy of body for key when the database was the same before
 * the answer was made (then, the stamp cache_get had) and after (now),
 * and still is what is kept. */
void cache_put(answer_cache *c, const char *then, const char *now, const char *key, const char *body,
               size_t len);

#endif
