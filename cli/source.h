/*
 * source.h: bytes of one input file, decompressed.
 *
 * A source reads a path ("-" is standard input) and hands out its bytes,
 * undoing gzip (zlib) or Zstandard (libzstd) compression when the first
 * bytes carry their magic number, whatever the file is called: a
 * compressed stream on standard input works too.
 */
#ifndef DIXIT_SOURCE_H
#define DIXIT_SOURCE_H

#include <signal.h>
#include <stddef.h>

typedef struct source source;

/* NULL when the file cannot be opened (errno tells why) or memory runs
 * out (errno is ENOMEM). */
source *source_open(const char *path);

/* Up to n bytes into buf: the count, 0 at the end, -1 on an error whose
 * message source_error gives ("truncated zstd input", a system error). */
long source_read(source *s, char *buf, size_t n);
const char *source_error(const source *s);
/* Whether that error is a format that is not text (a PDF, a ZIP archive,
 * xz, bzip2): the message names it and is no read error. */
int source_not_text(const source *s);

/* A read interrupted by a signal starts again, unless *flag is set by
 * then (a signal handler's "stop"): it then fails with "interrupted", so
 * that a read of a quiet terminal or pipe does not hold a stop up. */
void source_stop_on(source *s, const volatile sig_atomic_t *flag);

/* From now on, reads end (return 0) after n more bytes: a shard's piece
 * of a file is read as a stream of its own, the next piece after it.
 * source_left is what the limit still allows (a piece the file ends
 * before, when the reads have ended); source_failed whether a read
 * failed (source_error says why). */
void source_limit(source *s, unsigned long long n);
unsigned long long source_left(const source *s);
int source_failed(const source *s);

/* Bytes taken from the file so far, as stored (compressed). */
unsigned long long source_raw_bytes(const source *s);

void source_close(source *s);

#endif
