/*
 * serve_cache.c: the answers of /api/stats kept while the database is
 * unchanged. A request's key is its query string as sent; the stamp of
 * the database's files (the file and its -wal) is taken at each lookup,
 * and a different one drops everything: `dixit index` running beside
 * the server commits to the -wal, which changes its size and time.
 * An answer made while the files changed is not kept.
 */
#define _POSIX_C_SOURCE 200809L /* strdup, st_mtim */
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
    pthread_mutex_t mu; /* guards all below */
    char *path[2];      /* the database, its -wal */
    cache_stamp stamp;  /* of what is kept */
    kept slot[CACHE_SLOTS];
    size_t next; /* the slot replaced next */
};

answer_cache *cache_new(const char *path)
{
    answer_cache *c = calloc(1, sizeof *c);
    size_t n = strlen(path);
    if (!c || !(c->path[0] = strdup(path)) || !(c->path[1] = malloc(n + 5))) {
        cache_free(c);
        return NULL;
    }
    snprintf(c->path[1], n + 5, "%s-wal", path);
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
    if (c->path[1])
        pthread_mutex_destroy(&c->mu);
    drop_all(c);
    free(c->path[0]);
    free(c->path[1]);
    free(c);
}

static void stamp_of(const answer_cache *c, cache_stamp *s)
{
    memset(s, 0, sizeof *s);
    for (int i = 0; i < 2; i++) {
        struct stat st;
        if (stat(c->path[i], &st) == 0) { /* no -wal: zeros */
            s->size[i] = st.st_size;
            s->mtime[i] = st.st_mtim;
            s->ino[i] = st.st_ino;
        }
    }
}

static bool same_stamp(const cache_stamp *a, const cache_stamp *b)
{
    for (int i = 0; i < 2; i++)
        if (a->size[i] != b->size[i] || a->ino[i] != b->ino[i] || a->mtime[i].tv_sec != b->mtime[i].tv_sec ||
            a->mtime[i].tv_nsec != b->mtime[i].tv_nsec)
            return false;
    return true;
}

char *cache_get(answer_cache *c, const char *key, size_t *len, cache_stamp *now)
{
    if (!c)
        return NULL;
    stamp_of(c, now);
    char *copy = NULL;
    pthread_mutex_lock(&c->mu);
    if (!same_stamp(now, &c->stamp)) {
        drop_all(c);
        c->stamp = *now;
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

void cache_put(answer_cache *c, const cache_stamp *then, const char *key, const char *body, size_t len)
{
    if (!c || len > CACHE_BODY_MAX)
        return;
    cache_stamp now;
    stamp_of(c, &now);
    char *k = strdup(key), *b = malloc(len + 1);
    pthread_mutex_lock(&c->mu);
    if (k && b && same_stamp(then, &now) && same_stamp(&now, &c->stamp)) {
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
