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

#endif
