/*
 * alloc.h: memory. The pluggable allocator (dx_malloc and friends call
 * the engine's dixit_allocator), the arena of one document (every stage's
 * arrays live in it and go in one arena_free), the capped byte buffer the
 * readers and writers fill, and the heap vector for pushes of unknown
 * count. Nothing here aborts: a failure is a NULL or a false, and sticks.
 * Takes the allocator of dixit.h; owns nothing beyond what it hands out.
 */
#ifndef DIXIT_ALLOC_H
#define DIXIT_ALLOC_H

#include "dixit.h"

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

void *dx_malloc(const dixit_allocator *a, size_t n);
void *dx_realloc(const dixit_allocator *a, void *p, size_t n);
void dx_free(const dixit_allocator *a, void *p);

typedef struct arena_block arena_block;
typedef struct arena {
    const dixit_allocator *alloc;
    arena_block *head;
    bool failed; /* sticky: one failure poisons the arena */
} arena;

void arena_init(arena *a, const dixit_allocator *alloc);
void *arena_alloc(arena *a, size_t n); /* zeroed, 8-aligned, NULL on failure */
/* The same, not zeroed: for an array the caller fills whole before any
 * read (zeroing a large one costs as much as filling it). */
void *arena_alloc_raw(arena *a, size_t n);
char *arena_strndup(arena *a, const char *s, size_t n);
void arena_free(arena *a);

/* Growable byte buffer with a hard cap; append fails instead of growing
 * past it. */
typedef struct buf {
    const dixit_allocator *alloc;
    char *data;
    size_t len, cap, limit;
    bool failed;
} buf;

void buf_init(buf *b, const dixit_allocator *alloc, size_t limit);
bool buf_append_grow(buf *b, const void *p, size_t n); /* alloc.c */
/* Room for extra more bytes and a NUL after them; false once failed. */
bool buf_reserve(buf *b, size_t extra);
/* Appends n bytes (keeping a NUL after them); false once the buffer has
 * failed. Inline when they fit, as they nearly always do. */
static inline bool buf_append(buf *b, const void *p, size_t n)
{
    if (b->failed || n > b->limit - b->len || b->len + n + 1 > b->cap)
        return buf_append_grow(b, p, n);
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = 0;
    return true;
}
/* Inline: the writers call these with literals, whose strlen folds. */
static inline bool buf_puts(buf *b, const char *s)
{
    return buf_append(b, s, strlen(s));
}
static inline bool buf_putc(buf *b, char c)
{
    return buf_append(b, &c, 1);
}
bool buf_printf(buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void buf_free(buf *b);

/* A growable array in an arena-free heap buffer (for pushes of unknown
 * count); elements are copied. */
typedef struct vec {
    const dixit_allocator *alloc;
    void *data;
    size_t len, cap, elem;
    bool failed;
} vec;
void vec_init(vec *v, const dixit_allocator *alloc, size_t elem);
void *vec_grow_push(vec *v); /* alloc.c: vec_push when full */
/* Room for n elements in all, allocated at once: a hint, when the count
 * can be guessed, against growing by copies; false (and nothing changed)
 * when the memory cannot be had. */
bool vec_reserve(vec *v, size_t n);
/* A zeroed slot or NULL. */
static inline void *vec_push(vec *v)
{
    if (v->failed || v->len == v->cap)
        return vec_grow_push(v);
    char *slot = (char *)v->data + v->len * v->elem;
    memset(slot, 0, v->elem);
    v->len++;
    return slot;
}
/* vec_push without the zeroing, for a caller that fills the whole slot
 * (with a compound literal of its type, which compiles to a few stores
 * where vec_push's memset of a run-time size is a call). */
static inline void *vec_push_raw(vec *v)
{
    if (v->failed || v->len == v->cap)
        return vec_grow_push(v);
    return (char *)v->data + v->len++ * v->elem;
}
void vec_free(vec *v);

#endif
