/*
 * options.h: the command line of `dixit extract`, parsed once into one
 * struct (see options.c); the help text lives there too.
 */
#ifndef DIXIT_OPTIONS_H
#define DIXIT_OPTIONS_H

#include "dixit.h"
#include "filter.h"

#include <stddef.h>

typedef struct options {
    const char *out_path;      /* -o FILE; NULL (or "-") is stdout */
    const char *entities_path; /* --entities FILE, or NULL */
    dixit_format fmt;          /* -f, or the view of --show */
    const char *in_format;     /* --input-format txt|jsonl, or NULL */
    const char *lang;          /* --lang, or NULL to detect */
    const char *weights_path;  /* --weights FILE, or NULL */
    const char *encoding;      /* --encoding NAME, or NULL: UTF-8, else a guess */
    size_t max_doc;            /* --max-doc-bytes, 0 for the library's default */
    size_t chunk;              /* --chunk-size */
    int jobs;                  /* -j */
    int follow;                /* -L */
    int quiet;                 /* -q */
    int verbose;               /* -v: the summary line even off a terminal */
    int bom;                   /* --bom: a UTF-8 byte-order mark before CSV */
    int beliefs;               /* --beliefs: thoughts and intentions too */
    int index;                 /* dixit index: records into the database */
    const char *db_path;       /* --db FILE (dixit index) */
    int no_text;               /* --no-text (dixit index) */
    const char *shard_path;    /* --shard FILE: a shard of dixit shard, read as
                                  part of the whole run; NULL */
    filter filt;               /* --min-confidence, --type, --speaker */
    const char **inputs;       /* what to read; "-" is stdin; empty only with --shard */
    size_t ninputs;
} options;

/* Fills o from argv (argv[1] is the command). -1 when the run should go
 * on; else the exit status to end with at once: 0 after --help or
 * --version, 2 after a usage error (one line and a hint on stderr), 1
 * when memory ran out. options_free frees what it took either way. */
int options_parse(options *o, int argc, char **argv);
void options_free(options *o);

#endif
