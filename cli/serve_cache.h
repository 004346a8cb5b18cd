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
#include <sys/stat.h>

#define CACHE_SLOTS 32           /* answers kept, the oldest replaced */
#define CACHE_BODY_MAX (1 << 20) /* bytes of an answer that may be kept */

typedef struct answer_cache answer_cache;

/* What the database's files look like (the file and its -wal: size,
 * time of last change, inode): any commit or checkpoint changes it. */
typedef struct cache_stamp {
    off_t size[2];
    struct timespec mtime[2];
    ino_t ino[2];
} cache_stamp;

/* A cache for the database at path; NULL when memory runs out (then
 * nothing is kept: the functions below take NULL). Safe to share
 * between threads (one mutex). */
answer_cache *cache_new(const char *path);
void cache_free(answer_cache *c);

/* A copy (malloc'd, *len bytes) of the answer kept for key, or NULL;
 * *now gets the files' stamp, for cache_put. Everything kept is dropped
 * first when the files changed. */
char *cache_get(answer_cache *c, const char *key, size_t *len, cache_stamp *now);
/* Keeps a copy of body for key, unless the files changed since then
 * (the stamp cache_get gave before the answer was made). */
void cache_put(answer_cache *c, const cache_stamp *then, const char *key, const char *body, size_t len);

#endif
