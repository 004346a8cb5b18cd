/*
 * stems.h: id bases unique within a run. The first stream read with an
 * id base (its file name without extension) keeps it; a later stream of
 * another path with the same base takes its path without the extension,
 * or its whole path. `dixit extract` and `dixit shard` both give them out
 * so, in the order of reading, so that a shard's ids are the whole run's.
 */
#ifndef DIXIT_STEMS_H
#define DIXIT_STEMS_H

#include <stddef.h>

typedef struct stems {
    struct stem_use *v; /* the bases given out, and the stream of each */
    size_t n;
} stems;

/* The base for stream name whose own base is stem: *out is NULL when it
 * keeps its own, else buf (size bytes) holding the one it takes. 0, or
 * -1 when memory runs out. */
int stems_unique(stems *s, const char *stem, const char *name, char *buf, size_t size, const char **out);
/* Frees what s holds; s is then empty. */
void stems_free(stems *s);

#endif
