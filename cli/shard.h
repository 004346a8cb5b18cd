/*
 * shard.h: `dixit shard` cuts a run's inputs into shards, and what a
 * shard is to `dixit extract --shard` and `dixit merge` (the contract is
 * docs/scale-out.md).
 *
 * DIR/manifest.tsv lists every piece of every shard, in the order the
 * whole run reads them: a piece is a run of whole lines of one JSON Lines
 * input, copied (decompressed) into DIR/shard-NNNN.jsonl[.gz], or a whole
 * file of another kind, read where it is. A shard read with --shard gives
 * the bytes the whole run gives for those articles: same names, ids, line
 * numbers and byte positions. A shard's output FILE is complete when
 * FILE.done says how many bytes it has.
 */
#ifndef DIXIT_SHARD_H
#define DIXIT_SHARD_H

#include <stddef.h>

/* One row of the manifest. */
typedef struct shard_piece {
    char *path;               /* the input as named to dixit shard */
    char *stem;               /* its id base in the whole run */
    int whole;                /* a whole file, read from path; else a piece of the shard file */
    size_t line;              /* a piece: its first line's number in path, from 1 */
    size_t offset;            /* a piece: its first byte's offset in path (decompressed) */
    unsigned long long bytes; /* a piece: its length in the shard file */
} shard_piece;

/* One shard's rows, in order. */
typedef struct shard_plan {
    shard_piece *v;
    size_t n;
    unsigned k, parts; /* shard k of parts, from 1 */
    /* a hash (FNV-1a) of the manifest's bytes: the shards of one `dixit
     * shard` run share it, so a shard database says which run it is of */
    unsigned long long id;
} shard_plan;

/* Reads the rows of shard file (DIR/shard-NNNN.jsonl[.gz]) from
 * DIR/manifest.tsv. 0, or -1 with a message naming the file and line. */
int shard_plan_load(shard_plan *p, const char *shard_file, char *msg, size_t msgsize);
void shard_plan_free(shard_plan *p);

/* The name of the done marker of output path: path + ".done", to free;
 * NULL when memory runs out. */
char *shard_done_name(const char *path);
/* Writes the done marker of output path (whole, by a rename): shard k of
 * parts, records records, and the output's size. 0, or -1 with msg. */
int shard_mark_done(const char *path, const shard_plan *p, unsigned long long records, char *msg,
                    size_t msgsize);

/* `dixit shard --parts N [--compress] [-L] [-q] INPUT... --out DIR` (argv[0] is
 * "shard"): the exit status. */
int shard_main(int argc, char **argv);

#endif
