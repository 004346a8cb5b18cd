/*
 * progress.h: a one-line progress report on stderr while a run goes on
 * (see progress.c).
 */
#ifndef DIXIT_PROGRESS_H
#define DIXIT_PROGRESS_H

#include "dixit.h"

#include <stddef.h>

/* Inputs skipped, counted by the dixit_status that says why (DIXIT_EIO:
 * a file or folder that could not be read). */
enum { SKIP_REASONS = DIXIT_EARG + 1 };

typedef struct progress {
    int on;                  /* stderr is a terminal and messages are wanted */
    unsigned long long total; /* input bytes when known (files), else 0 */
    unsigned long long bytes; /* input bytes read so far, as stored */
    unsigned long long docs, records;
    double start, last;       /* seconds, monotonic */
    int drawn;                /* a line is on the screen */
} progress;

void progress_init(progress *p, int on, unsigned long long total);
void progress_bytes(progress *p, size_t n);
void progress_doc(progress *p, size_t records);
/* docs documents at once (a batch of the thread pool) */
void progress_docs(progress *p, size_t docs, size_t records);
/* The last figures, then a newline; nothing when off. */
void progress_end(progress *p);
/* The line that ends a run (-v, or stderr a terminal): articles read,
 * skipped by reason, records written, seconds since progress_init. */
void progress_summary(const progress *p, unsigned long long docs, unsigned long long records,
                      const unsigned long long skipped[SKIP_REASONS]);

#endif
