/*
 * gather.h: `dixit merge`, the outputs of a run's shards joined into the
 * output of the whole run (gather.c; not merge.c, which merges
 * quotations in the corpus store).
 */
#ifndef DIXIT_GATHER_H
#define DIXIT_GATHER_H

/* `dixit merge SHARD_OUT... [-o FILE]` (argv[0] is "merge"): the exit
 * status, 1 when a shard is missing, failed or partial (nothing written). */
int gather_main(int argc, char **argv);

#include <stddef.h>

/* The shards a merge refuses, listed for its one message: "A (why), B
 * (why)". Zeroed to begin; list NULL after memory ran out. */
typedef struct gather_bad {
    char *list;
    size_t len, cap;
    unsigned n; /* shards listed */
} gather_bad;

/* Adds shard path, and why it is refused, to b: 0, or -1 when memory ran
 * out (b->list then NULL). */
int gather_bad_add(gather_bad *b, const char *path, const char *why);
/* The end of a merge's checks of n shards of a run of parts: the one
 * message, if any, naming them as what ("shard outputs"); oom when memory
 * ran out. 0 when all is well, else 1. Frees b's list. */
int gather_verdict(gather_bad *b, int oom, unsigned n, unsigned parts, const char *what);

#endif
