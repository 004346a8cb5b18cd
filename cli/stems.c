/*
 * stems.c: id bases unique within a run (see stems.h). Streams are read
 * in the order of the command line, folders in sorted order, on the
 * reading thread: the ids are the same whatever -j, and whatever the
 * shards the run is cut into.
 */
#define _POSIX_C_SOURCE 200809L
#include "stems.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct stem_use {
    char *stem;
    char *name;
};

/* Whether base is given out to a stream other than name; if not, it is
 * now name's. -1 when memory runs out. */
static int taken(stems *s, const char *base, const char *name)
{
    for (size_t k = 0; k < s->n; k++)
        if (strcmp(s->v[k].stem, base) == 0)
            return strcmp(s->v[k].name, name) != 0;
    struct stem_use *u = realloc(s->v, (s->n + 1) * sizeof *u);
    if (!u)
        return -1;
    s->v = u;
    u[s->n].stem = strdup(base);
    u[s->n].name = strdup(name);
    if (!u[s->n].stem || !u[s->n].name) {
        free(u[s->n].stem);
        free(u[s->n].name);
        return -1;
    }
    s->n++;
    return 0;
}

int stems_unique(stems *s, const char *stem, const char *name, char *buf, size_t size, const char **out)
{
    *out = NULL;
    int t = taken(s, stem, name);
    if (t <= 0)
        return t;
    const char *slash = strrchr(name, '/');
    snprintf(buf, size, "%.*s%s", slash ? (int)(slash - name + 1) : 0, name, stem);
    t = taken(s, buf, name);
    if (t > 0) {
        snprintf(buf, size, "%s", name);
        t = taken(s, buf, name);
    }
    *out = buf;
    return t < 0 ? -1 : 0;
}

void stems_free(stems *s)
{
    for (size_t k = 0; k < s->n; k++) {
        free(s->v[k].stem);
        free(s->v[k].name);
    }
    free(s->v);
    s->v = NULL;
    s->n = 0;
}
