/*
 * warc.h: WARC archives (WARC/1.0 and 1.1, as Common Crawl and CC-NEWS
 * write them) read as a stream of records, and the HTTP responses inside
 * them opened (warc.c). Takes bytes in any chunks (a .warc.gz is
 * decompressed before: its gzip members follow one another as one
 * stream); gives each whole record to a callback. Owns its buffer.
 */
#ifndef DIXIT_WARC_H
#define DIXIT_WARC_H

#include "alloc.h"
#include "dixit.h"

#include <stdbool.h>
#include <stddef.h>

/* One record, valid during the callback. The strings are NUL-terminated
 * ("" when the header is absent), cut at 1 KB. */
typedef struct warc_record {
    char type[32];     /* WARC-Type: response, request, metadata, warcinfo… */
    char id[128];      /* WARC-Record-ID without <urn:uuid: and > */
    char target[1024]; /* WARC-Target-URI */
    const char *block; /* the record's content block */
    size_t len;
    size_t offset; /* stream offset of the record's first byte */
} warc_record;

typedef void (*warc_record_fn)(void *ctx, const warc_record *rec);
/* A problem at stream offset byte: the message is NUL-terminated. */
typedef void (*warc_error_fn)(void *ctx, size_t byte, const char *msg);

typedef struct warc {
    buf acc;      /* bytes of the records not yet whole */
    size_t start; /* where the next record starts in acc */
    size_t base;  /* stream offset of acc's first byte */
    size_t skip;  /* bytes still to drop (a record over the limit) */
    size_t scan;  /* where in acc the search for a header's end goes on */
    size_t limit; /* the largest record block kept */
    bool lost;    /* looking for the next "WARC/1." after garbage */
    warc_record_fn on_record;
    warc_error_fn on_error;
    void *ctx;
} warc;

void warc_init(warc *w, const dixit_allocator *alloc, size_t limit, warc_record_fn on_record,
               warc_error_fn on_error, void *ctx);
/* DIXIT_OK or DIXIT_ENOMEM. */
dixit_status warc_feed(warc *w, const char *p, size_t n);
/* The end of the stream: a record cut short is reported. */
void warc_finish(warc *w);
void warc_free(warc *w);

/* An HTTP response in a record's block. */
typedef struct http_response {
    int status;             /* 200…; 0 when the block is no HTTP response */
    char content_type[128]; /* lowercased, parameters cut off */
    char charset[48];       /* the Content-Type's charset, lowercased, or "" */
    char encoding[32];      /* Content-Encoding, lowercased, or "" */
    bool chunked;           /* Transfer-Encoding: chunked */
    const char *body;       /* the body as sent (still chunked, compressed) */
    size_t len;
} http_response;

bool http_parse(const char *block, size_t n, http_response *out);
/* The body decoded into out (of at most limit bytes): chunks joined, gzip,
 * deflate and brotli inflated. DIXIT_OK, DIXIT_ENOMEM, DIXIT_ETOOBIG, or
 * DIXIT_ENOTEXT when the encoding is unknown (compress) or the data broken. */
dixit_status http_body(const http_response *h, const dixit_allocator *alloc, size_t limit, buf *out);

#endif
