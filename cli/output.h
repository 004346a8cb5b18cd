/*
 * output.h: where records go (stdout, -o FILE, --entities FILE), written
 * so that a file named as output is replaced only when the run ends (see
 * output.c).
 */
#ifndef DIXIT_OUTPUT_H
#define DIXIT_OUTPUT_H

#include <stddef.h>
#include <sys/stat.h>

typedef struct output {
    const char *name; /* for messages: the path as given, or "stdout" */
    char *final;      /* the path the temporary file is renamed onto, or NULL */
    char *tmp;        /* the temporary file, or NULL when writing in place */
    int fd;
    char *buf; /* whole records waiting to be written */
    size_t len, cap;
    int err; /* errno of the first write error, or 0 */
    struct stat st;  /* the file written (the temporary one) */
    struct stat old; /* the file it replaces, when has_old */
    int has_old;
} output;

/* Opens standard output. */
void output_stdout(output *o);

/* Opens path for writing: a regular file (or a new one) through a
 * temporary file beside it, anything else (a device, a FIFO) in place.
 * -1 with errno set and a message in msg when it cannot. */
int output_open(output *o, const char *path, char *msg, size_t msgsize);

/* Queues n bytes; they reach the file in whole calls, so a file that stops
 * early stops between two calls. -1 once writing has failed. */
int output_write(output *o, const void *p, size_t n);

/* Writes what is queued, over interruptions by signals: 0 or -1. */
int output_flush(output *o);

/* Flushes and closes; with keep, renames the temporary file into place,
 * else removes it (the old file, if any, stays as it was). 0, or -1 with
 * the reason in o->err. */
int output_close(output *o, int keep);

/* Catches SIGINT and SIGTERM with on, for a run that stops cleanly and
 * removes its temporary files: no SA_RESTART (a blocking read is
 * interrupted), SA_RESETHAND (a second signal ends the run at once). A
 * signal ignored when dixit started (nohup, a background job of a
 * script) stays ignored, as the shell meant. */
void output_catch_stops(void (*on)(int));

/* Whether st is the file written or the one it replaces: a folder walk
 * must not read either back. */
int output_is(const output *o, const struct stat *st);

#endif
