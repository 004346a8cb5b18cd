/*
 * alloc.c: the allocator indirection, the per-document arena, and the two
 * growable containers (a capped byte buffer and a vector).
 *
 * Every allocation in the library goes through a dixit_allocator so a test
 * can make each one fail in turn. Failures are sticky flags: callers check
 * once at the end of a stage instead of after every push.
 */
#include "alloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *dx_malloc(const dixit_allocator *a, size_t n)
{
    if (a && a->malloc_fn)
        return a->malloc_fn(a->ctx, n);
    return malloc(n);
}

void *dx_realloc(const dixit_allocator *a, void *p, size_t n)
{
    if (a && a->realloc_fn)
        return a->realloc_fn(a->ctx, p, n);
    return realloc(p, n);
}

void dx_free(const dixit_allocator *a, void *p)
{
    if (!p)
        return;
    if (a && a->free_fn)
        a->free_fn(a->ctx, p);
    else
        free(p);
}

/* ------------------------------------------------------------------ */
/* Arena: a list of blocks, each at least 64 KiB, bump-allocated.       */

struct arena_block {
    arena_block *next;
    size_t used, cap;
    /* data follows, 16-aligned */
};

#define ARENA_HDR ((sizeof(arena_block) + 15) & ~(size_t)15)
#define ARENA_MIN ((size_t)64 << 10)

void arena_init(arena *a, const dixit_allocator *alloc)
{
    a->alloc = alloc;
    a->head = NULL;
    a->failed = false;
}

void *arena_alloc_raw(arena *a, size_t n)
{
    if (a->failed)
        return NULL;
    n = (n + 7) & ~(size_t)7;
    if (n == 0)
        n = 8;
    arena_block *b = a->head;
    if (!b || b->cap - b->used < n) {
        size_t cap = n > ARENA_MIN ? n : ARENA_MIN;
        if (cap > SIZE_MAX - ARENA_HDR) {
            a->failed = true;
            return NULL;
        }
        b = dx_malloc(a->alloc, ARENA_HDR + cap);
        if (!b) {
            a->failed = true;
            return NULL;
        }
        b->next = a->head;
        b->used = 0;
        b->cap = cap;
        a->head = b;
    }
    char *p = (char *)b + ARENA_HDR + b->used;
    b->used += n;
    return p;
}

void *arena_alloc(arena *a, size_t n)
{
    void *p = arena_alloc_raw(a, n);
    if (p)
        memset(p, 0, n ? (n + 7) & ~(size_t)7 : 8); /* as arena_alloc_raw rounds */
    return p;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = 0;
    }
    return p;
}

void arena_free(arena *a)
{
    arena_block *b = a->head;
    while (b) {
        arena_block *next = b->next;
        dx_free(a->alloc, b);
        b = next;
    }
    a->head = NULL;
}

/* ------------------------------------------------------------------ */
/* buf: bytes with a cap.                                               */

void buf_init(buf *b, const dixit_allocator *alloc, size_t limit)
{
    memset(b, 0, sizeof *b);
    b->alloc = alloc;
    b->limit = limit ? limit : SIZE_MAX / 2;
}

bool buf_reserve(buf *b, size_t extra)
{
    if (b->failed)
        return false;
    if (extra > b->limit - b->len) {
        b->failed = true;
        return false;
    }
    size_t need = b->len + extra + 1; /* room for a terminating NUL */
    if (need <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    char *p = dx_realloc(b->alloc, b->data, cap);
    if (!p) {
        b->failed = true;
        return false;
    }
    b->data = p;
    b->cap = cap;
    return true;
}

bool buf_append_grow(buf *b, const void *p, size_t n)
{
    if (!buf_reserve(b, n))
        return false;
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = 0;
    return true;
}

bool buf_printf(buf *b, const char *fmt, ...)
{
    char tmp[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        return false;
    if ((size_t)n < sizeof tmp)
        return buf_append(b, tmp, (size_t)n);
    if (!buf_reserve(b, (size_t)n))
        return false;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return true;
}

void buf_free(buf *b)
{
    dx_free(b->alloc, b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

/* ------------------------------------------------------------------ */
/* vec                                                                  */

void vec_init(vec *v, const dixit_allocator *alloc, size_t elem)
{
    memset(v, 0, sizeof *v);
    v->alloc = alloc;
    v->elem = elem;
}

void *vec_grow_push(vec *v)
{
    if (v->failed)
        return NULL;
    if (v->len == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 16;
        if (cap > SIZE_MAX / v->elem) {
            v->failed = true;
            return NULL;
        }
        void *p = dx_realloc(v->alloc, v->data, cap * v->elem);
        if (!p) {
            v->failed = true;
            return NULL;
        }
        v->data = p;
        v->cap = cap;
    }
    char *slot = (char *)v->data + v->len * v->elem;
    memset(slot, 0, v->elem);
    v->len++;
    return slot;
}

bool vec_reserve(vec *v, size_t n)
{
    if (v->failed || n <= v->cap || n > SIZE_MAX / v->elem)
        return false;
    void *p = dx_realloc(v->alloc, v->data, n * v->elem);
    if (!p)
        return false;
    v->data = p;
    v->cap = n;
    return true;
}

void vec_free(vec *v)
{
    dx_free(v->alloc, v->data);
    v->data = NULL;
    v->len = v->cap = 0;
}
