/*
 * warc.c: the records of a WARC archive, and the HTTP responses in them.
 *
 * A record is a version line (WARC/1.0, WARC/1.1), named headers, a
 * blank line, Content-Length bytes of block, and a blank line. Records
 * are cut out of the stream as their bytes arrive, whatever the chunks;
 * the search for the end of a header resumes where it stopped, so bytes
 * fed one at a time cost no more than a whole file. A record whose block
 * is over the limit is reported and its bytes dropped as they come,
 * without being held. Bytes that are no record (a cut file, garbage) are
 * reported once and passed over to the next line that opens "WARC/1.".
 * The HTTP response in a block is read for its status, content type,
 * charset and encodings; its body is decoded from chunks and gzip or
 * deflate (zlib) or brotli (Debian's libbrotli), never past the limit: a
 * compression bomb stops there.
 */
#include "warc.h"

#include "bytes.h"

#include <brotli/decode.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <zlib.h>

#define HEADER_MAX 65536 /* bytes of a record's or a response's headers */

void warc_init(warc *w, const dixit_allocator *alloc, size_t limit, warc_record_fn on_record,
               warc_error_fn on_error, void *ctx)
{
    memset(w, 0, sizeof *w);
    /* one record whole, its headers, and the chunk that ended it */
    buf_init(&w->acc, alloc, limit * 2 + 4 * HEADER_MAX);
    w->limit = limit;
    w->on_record = on_record;
    w->on_error = on_error;
    w->ctx = ctx;
}

void warc_free(warc *w)
{
    buf_free(&w->acc);
}

static void say(warc *w, size_t at, const char *msg)
{
    if (w->on_error)
        w->on_error(w->ctx, w->base + at, msg);
}

/* Does the header line [s, e) name header h (any case)? Its value then. */
static const char *header_value(const char *s, const char *e, const char *h)
{
    size_t n = strlen(h);
    if ((size_t)(e - s) <= n || s[n] != ':')
        return NULL;
    for (size_t i = 0; i < n; i++)
        if (ascii_lower(s[i]) != ascii_lower(h[i]))
            return NULL;
    s += n + 1;
    while (s < e && (*s == ' ' || *s == '\t'))
        s++;
    return s;
}

/* The value [v, e) into dst, trailing blanks off, cut to cap. */
static void copy_value(char *dst, size_t cap, const char *v, const char *e, bool lowercase)
{
    while (e > v && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
        e--;
    size_t n = (size_t)(e - v) < cap - 1 ? (size_t)(e - v) : cap - 1;
    for (size_t i = 0; i < n; i++)
        dst[i] = lowercase ? ascii_lower(v[i]) : v[i];
    dst[n] = 0;
}

/* The WARC headers [s, e): the record's fields and its Content-Length
 * (false when missing or not a number). */
static bool record_headers(const char *s, const char *e, warc_record *rec, size_t *clen)
{
    bool have_len = false;
    while (s < e) {
        const char *le = memchr(s, '\n', (size_t)(e - s));
        le = le ? le : e;
        const char *v;
        if ((v = header_value(s, le, "WARC-Type")))
            copy_value(rec->type, sizeof rec->type, v, le, true);
        else if ((v = header_value(s, le, "WARC-Target-URI"))) {
            /* wget writes it in angle brackets, as WARC/1.0's grammar had it */
            const char *ve = le;
            while (ve > v && (ve[-1] == '\r' || ve[-1] == ' '))
                ve--;
            if (ve - v >= 2 && *v == '<' && ve[-1] == '>') {
                v++;
                ve--;
            }
            copy_value(rec->target, sizeof rec->target, v, ve, false);
        } else if ((v = header_value(s, le, "WARC-Record-ID"))) {
            if (le - v > 10 && memcmp(v, "<urn:uuid:", 10) == 0)
                v += 10;
            else if (v < le && *v == '<')
                v++;
            const char *gt = memchr(v, '>', (size_t)(le - v));
            copy_value(rec->id, sizeof rec->id, v, gt ? gt : le, false);
        } else if ((v = header_value(s, le, "Content-Length"))) {
            size_t k = 0;
            have_len = v < le && *v >= '0' && *v <= '9';
            for (; v < le && *v >= '0' && *v <= '9'; v++)
                k = k < (SIZE_MAX - 9) / 10 ? k * 10 + (size_t)(*v - '0') : SIZE_MAX;
            *clen = k;
        }
        s = le + 1;
    }
    return have_len;
}

/* The end of the headers at s[0..n) ("\r\n\r\n", or "\n\n"), searched
 * from from: the offset after it, or 0. */
static size_t headers_end(const char *s, size_t n, size_t from)
{
    for (size_t i = from; i + 1 < n; i++) {
        if (s[i] != '\n')
            continue;
        if (s[i + 1] == '\n')
            return i + 2;
        if (s[i + 1] == '\r' && i + 2 < n && s[i + 2] == '\n')
            return i + 3;
    }
    return 0;
}

/* Past garbage: the next line that opens "WARC/1." in acc from start;
 * false (and the bytes before the last few dropped) when none is there
 * yet. */
static bool resync(warc *w)
{
    const char *s = w->acc.data;
    for (size_t i = w->start; i + 7 <= w->acc.len; i++)
        if ((i == 0 || s[i - 1] == '\n') && memcmp(s + i, "WARC/1.", 7) == 0) {
            w->start = i;
            w->lost = false;
            return true;
        }
    w->start = w->acc.len > 7 ? w->acc.len - 7 : w->start;
    return false;
}

/* One record at acc[start..): 1 when it was handled (or dropped), 0 when
 * more bytes are needed. */
static int one_record(warc *w)
{
    const char *s = w->acc.data + w->start;
    size_t avail = w->acc.len - w->start;
    if (avail < 8)
        return 0;
    if (memcmp(s, "WARC/1.", 7) != 0) {
        say(w, w->start, "not a WARC record here; passed over to the next one");
        w->lost = true;
        w->start++;
        return 1;
    }
    size_t from = w->scan > w->start ? w->scan - w->start : 0;
    size_t he = headers_end(s, avail < HEADER_MAX ? avail : HEADER_MAX, from);
    if (!he) {
        if (avail >= HEADER_MAX) {
            say(w, w->start, "WARC record headers over 64 KB; passed over");
            w->lost = true;
            w->start++;
            return 1;
        }
        w->scan = w->acc.len > 2 ? w->acc.len - 2 : 0;
        return 0;
    }
    warc_record rec;
    memset(&rec, 0, sizeof rec);
    size_t clen = 0;
    if (!record_headers(s, s + he, &rec, &clen)) {
        say(w, w->start, "WARC record without Content-Length; passed over");
        w->lost = true;
        w->start++;
        return 1;
    }
    if (clen > w->limit) {
        char msg[160];
        snprintf(msg, sizeof msg,
                 "WARC record of %zu bytes is over the limit of %zu (--max-doc-bytes); skipped", clen,
                 w->limit);
        say(w, w->start, msg);
        size_t total = he + clen;
        if (avail >= total) {
            w->start += total;
        } else {
            w->skip = total - avail;
            w->start = w->acc.len;
        }
        return 1;
    }
    if (avail < he + clen)
        return 0;
    rec.block = s + he;
    rec.len = clen;
    rec.offset = w->base + w->start;
    w->start += he + clen;
    w->on_record(w->ctx, &rec);
    return 1;
}

/* Drops the bytes before start. */
static void compact(warc *w)
{
    if (!w->start)
        return;
    memmove(w->acc.data, w->acc.data + w->start, w->acc.len - w->start);
    w->acc.len -= w->start;
    w->base += w->start;
    w->scan = w->scan > w->start ? w->scan - w->start : 0;
    w->start = 0;
}

dixit_status warc_feed(warc *w, const char *p, size_t n)
{
    if (w->skip) {
        size_t k = n < w->skip ? n : w->skip;
        w->skip -= k;
        w->base += k;
        p += k;
        n -= k;
    }
    if (!n)
        return DIXIT_OK;
    if (!buf_append(&w->acc, p, n))
        return DIXIT_ENOMEM;
    for (;;) {
        while (w->start < w->acc.len && (w->acc.data[w->start] == '\r' || w->acc.data[w->start] == '\n'))
            w->start++;
        if (w->lost && !resync(w))
            break;
        if (!one_record(w))
            break;
        if (w->skip)
            break;
    }
    compact(w);
    return DIXIT_OK;
}

void warc_finish(warc *w)
{
    size_t i = w->start;
    while (i < w->acc.len && (w->acc.data[i] == '\r' || w->acc.data[i] == '\n' || w->acc.data[i] == ' '))
        i++;
    if (w->skip || (i < w->acc.len && !w->lost))
        say(w, w->start, "WARC archive ends inside a record; that record skipped");
}

/* ------------------------------------------------------------------ */
/* HTTP */

/* Content-Type's media type and charset from the value [v, e). */
static void content_type(http_response *h, const char *v, const char *e)
{
    const char *semi = memchr(v, ';', (size_t)(e - v));
    copy_value(h->content_type, sizeof h->content_type, v, semi ? semi : e, true);
    for (const char *c = semi; c && c + 8 <= e; c++) {
        if (ascii_starts_ci(c, (size_t)(e - c), "charset=")) {
            const char *a = c + 8;
            if (a < e && (*a == '"' || *a == '\''))
                a++;
            const char *b = a;
            while (b < e && *b != '"' && *b != '\'' && *b != ';' && *b != ' ' && *b != '\r')
                b++;
            copy_value(h->charset, sizeof h->charset, a, b, true);
            break;
        }
    }
}

bool http_parse(const char *block, size_t n, http_response *h)
{
    memset(h, 0, sizeof *h);
    if (n < 12 || memcmp(block, "HTTP/", 5) != 0)
        return false;
    const char *sp = memchr(block, ' ', n < 16 ? n : 16);
    if (!sp || sp + 4 > block + n)
        return false;
    for (int i = 1; i <= 3; i++)
        h->status = sp[i] >= '0' && sp[i] <= '9' ? h->status * 10 + (sp[i] - '0') : 0;
    size_t he = headers_end(block, n < HEADER_MAX ? n : HEADER_MAX, 0);
    if (!he)
        return false;
    for (const char *s = block; s < block + he;) {
        const char *le = memchr(s, '\n', (size_t)(block + he - s));
        le = le ? le : block + he;
        const char *v;
        if ((v = header_value(s, le, "Content-Type")))
            content_type(h, v, le);
        else if ((v = header_value(s, le, "Content-Encoding")))
            copy_value(h->encoding, sizeof h->encoding, v, le, true);
        else if ((v = header_value(s, le, "Transfer-Encoding")))
            for (const char *c = v; c + 7 <= le && !h->chunked; c++)
                h->chunked = ascii_starts_ci(c, (size_t)(le - c), "chunked");
        s = le + 1;
    }
    h->body = block + he;
    h->len = n - he;
    return true;
}

/* Chunked transfer coding undone into out; what decodes is kept. */
static bool dechunk(const char *s, size_t n, buf *out)
{
    size_t i = 0;
    while (i < n) {
        size_t size = 0, digits = 0;
        for (; i < n; i++, digits++) {
            char c = ascii_lower(s[i]);
            int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
            if (d < 0 || size > SIZE_MAX / 32)
                break;
            size = size * 16 + (size_t)d;
        }
        const char *nl = memchr(s + i, '\n', n - i);
        if (!digits || !nl || size == 0)
            break;
        i = (size_t)(nl - s) + 1;
        size_t k = size < n - i ? size : n - i;
        if (!buf_append(out, s + i, k))
            return false;
        i += k;
        while (i < n && (s[i] == '\r' || s[i] == '\n'))
            i++;
    }
    return true;
}

/* gzip, zlib or raw deflate data inflated into out. */
static dixit_status inflate_into(const char *s, size_t n, bool raw, buf *out)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit2(&z, raw ? -15 : 15 + 32) != Z_OK)
        return DIXIT_ENOMEM;
    z.next_in = (Bytef *)(uintptr_t)s;
    z.avail_in = n > UINT_MAX ? UINT_MAX : (uInt)n;
    dixit_status st = DIXIT_OK;
    int zr = Z_OK;
    while (zr == Z_OK) {
        char chunk[16384];
        z.next_out = (Bytef *)chunk;
        z.avail_out = sizeof chunk;
        zr = inflate(&z, Z_NO_FLUSH);
        size_t got = sizeof chunk - z.avail_out;
        if ((zr == Z_OK || zr == Z_STREAM_END || zr == Z_BUF_ERROR) && got && !buf_append(out, chunk, got)) {
            st = out->len >= out->limit ? DIXIT_ETOOBIG : DIXIT_ENOMEM;
            break;
        }
        if (zr == Z_BUF_ERROR || (zr == Z_OK && !got))
            break; /* input cut short: what came out stays */
    }
    if (st == DIXIT_OK && zr != Z_STREAM_END && zr != Z_OK && zr != Z_BUF_ERROR && !out->len)
        st = DIXIT_ENOTEXT;
    inflateEnd(&z);
    return st;
}

/* Brotli data inflated into out. */
static dixit_status unbrotli(const char *s, size_t n, buf *out)
{
    BrotliDecoderState *st = BrotliDecoderCreateInstance(NULL, NULL, NULL);
    if (!st)
        return DIXIT_ENOMEM;
    const uint8_t *in = (const uint8_t *)s;
    size_t avail_in = n;
    dixit_status res = DIXIT_OK;
    BrotliDecoderResult r = BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT;
    while (r == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT) {
        uint8_t chunk[16384], *next = chunk;
        size_t avail_out = sizeof chunk;
        r = BrotliDecoderDecompressStream(st, &avail_in, &in, &avail_out, &next, NULL);
        size_t got = sizeof chunk - avail_out;
        if (got && !buf_append(out, chunk, got)) {
            res = out->len >= out->limit ? DIXIT_ETOOBIG : DIXIT_ENOMEM;
            break;
        }
    }
    if (res == DIXIT_OK && r == BROTLI_DECODER_RESULT_ERROR && !out->len)
        res = DIXIT_ENOTEXT;
    BrotliDecoderDestroyInstance(st);
    return res;
}

dixit_status http_body(const http_response *h, const dixit_allocator *alloc, size_t limit, buf *out)
{
    buf_init(out, alloc, limit);
    buf plain;
    buf_init(&plain, alloc, limit * 4 + 65536);
    const char *s = h->body;
    size_t n = h->len;
    if (h->chunked) {
        if (!dechunk(s, n, &plain)) {
            buf_free(&plain);
            return DIXIT_ENOMEM;
        }
        s = plain.data ? plain.data : "";
        n = plain.len;
    }
    dixit_status st = DIXIT_OK;
    bool gz = !strcmp(h->encoding, "gzip") || !strcmp(h->encoding, "x-gzip");
    if (gz || !strcmp(h->encoding, "deflate")) {
        st = inflate_into(s, n, false, out);
        if (st == DIXIT_ENOTEXT && !gz) {
            out->len = 0;
            st = inflate_into(s, n, true, out); /* deflate sent without its zlib header */
        }
    } else if (!strcmp(h->encoding, "br")) {
        st = unbrotli(s, n, out);
    } else if (!h->encoding[0] || !strcmp(h->encoding, "identity")) {
        if (!buf_append(out, s, n))
            st = out->len + n > limit ? DIXIT_ETOOBIG : DIXIT_ENOMEM;
    } else {
        st = DIXIT_ENOTEXT; /* compress, zstd: not read */
    }
    buf_free(&plain);
    return st;
}
