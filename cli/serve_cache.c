/*
 * serve_cache.c: the answers of /api/stats kept while the database is
 * unchanged. A request's key is its query string as sent. What tells
 * that the database changed is its backend's stamp (serve_db.h), taken
 * at each lookup: SQLite's files (a commit of `dixit index` running
 * beside the server changes its -wal), PostgreSQL's snapshot (any commit
 * changes it). A different stamp drops everything; an answer made while
 * the stamp changed is not kept.
 */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include "serve_cache.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct kept {
    char *key, *body;
    size_t len;
} kept;

struct answer_cache {
    pthread_mutex_t mu;          /* guards all below */
    char stamp[CACHE_STAMP_MAX]; /* of what is kept */
    kept slot[CACHE_SLOTS];
    size_t next; /* the slot replaced next */
};

answer_cache *cache_new(void)
{
    answer_cache *c = calloc(1, sizeof *c);
    if (c)
        pthread_mutex_init(&c->mu, NULL);
    return c;
}

static void drop_all(answer_cache *c)
{
    for (size_t i = 0; i < CACHE_SLOTS; i++) {
        free(c->slot[i].key);
        free(c->slot[i].body);
        c->slot[i] = (kept){NULL, NULL, 0};
    }
}

void cache_free(answer_cache *c)
{
    if (!c)
        return;
    pthread_mutex_destroy(&c->mu);
    drop_all(c);
    free(c);
}

char *cache_get(answer_cache *c, const char *stamp, const char *key, size_t *len)
{
    if (!c)
        return NULL;
    char *copy = NULL;
    pthread_mutex_lock(&c->mu);
    if (strcmp(stamp, c->stamp)) {
        drop_all(c);
        snprintf(c->stamp, sizeof c->stamp, "%s", stamp);
    }
    for (size_t i = 0; i < CACHE_SLOTS; i++)
        if (c->slot[i].key && !strcmp(c->slot[i].key, key) && (copy = malloc(c->slot[i].len + 1)) != NULL) {
            memcpy(copy, c->slot[i].body, c->slot[i].len + 1);
            *len = c->slot[i].len;
            break;
        }
    pthread_mutex_unlock(&c->mu);
    return copy;
}

void cache_put(answer_cache *c, const char *then, const char *now, const char *key, const char *body,
               size_t len)
{
    if (!c || len > CACHE_BODY_MAX || strcmp(then, now))
        return;
    char *k = strdup(key), *b = malloc(len + 1);
    pthread_mutex_lock(&c->mu);
    if (k && b && !strcmp(now, c->stamp)) {
        memcpy(b, body, len);
        b[len] = 0;
        kept *s = &c->slot[c->next];
        c->next = (c->next + 1) % CACHE_SLOTS;
        free(s->key);
        free(s->body);
        *s = (kept){k, b, len};
        k = b = NULL;
    }
    pthread_mutex_unlock(&c->mu);
    free(k);
    free(b);
}
