/*
 * source.c: one input file as a stream of bytes, decompressed on the way.
 *
 * The format comes from the first bytes, not the name: 1f 8b is gzip,
 * 28 b5 2f fd is a Zstandard frame, anything else is read as it is. Both
 * decoders run in streaming mode over a fixed input buffer, so memory does
 * not grow with the file; concatenated gzip members and zstd frames follow
 * each other as one stream, as the command-line tools treat them. A stream
 * that stops inside a member or frame is an error ("truncated …"), so a cut
 * download is never mistaken for a short corpus. A few formats that are
 * not text at all (PDF, ZIP, xz, bzip2) are told the same way and refused
 * with a message naming them, rather than read as text with invalid UTF-8.
 */
#include "source.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

enum { RAW_SIZE = 1 << 16 };
enum { FMT_UNKNOWN, FMT_PLAIN, FMT_GZIP, FMT_ZSTD };

struct source {
    int fd;
    int fmt;
    int eof;         /* the file has no more raw bytes */
    int in_unit;     /* inside a gzip member or zstd frame */
    const char *err; /* static message, or NULL */
    int not_text;    /* err names a format dixit does not read */
    char errbuf[128];
    unsigned char *raw; /* RAW_SIZE bytes read from fd */
    size_t raw_pos, raw_len;
    unsigned long long raw_total;      /* bytes read from fd */
    const volatile sig_atomic_t *stop; /* see source_stop_on */
    int limited;                       /* see source_limit */
    unsigned long long left;
    z_stream z;
    int z_ready;
    ZSTD_DCtx *zd;
};

source *source_open(const char *path)
{
    source *s = calloc(1, sizeof *s);
    unsigned char *raw = malloc(RAW_SIZE);
    if (!s || !raw) {
        free(s);
        free(raw);
        errno = ENOMEM;
        return NULL;
    }
    s->raw = raw;
    if (strcmp(path, "-") == 0) {
        s->fd = 0;
    } else {
        s->fd = open(path, O_RDONLY);
        if (s->fd < 0) {
            int e = errno;
            free(raw);
            free(s);
            errno = e;
            return NULL;
        }
    }
    return s;
}

static int fail(source *s, const char *msg)
{
    s->err = msg;
    return -1;
}

static int fail_errno(source *s)
{
    snprintf(s->errbuf, sizeof s->errbuf, "%s", strerror(errno));
    s->err = s->errbuf;
    return -1;
}

/* One read(2) of the file into buf, over interruptions: the bytes read,
 * 0 at the end of the file (then s->eof), -1 on an error. */
static long read_file(source *s, void *buf, size_t n)
{
    for (;;) {
        ssize_t r = read(s->fd, buf, n);
        if (r < 0 && errno == EINTR && s->stop && *s->stop)
            return fail(s, "interrupted");
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return fail_errno(s);
        s->raw_total += (size_t)r;
        if (r == 0)
            s->eof = 1;
        return (long)r;
    }
}

/* Tops up the raw buffer when it is empty: 1 with bytes, 0 at the end of
 * the file, -1 on an error. */
static int refill(source *s)
{
    if (s->raw_pos < s->raw_len)
        return 1;
    if (s->eof)
        return 0;
    long n = read_file(s, s->raw, RAW_SIZE);
    if (n < 0)
        return -1;
    s->raw_pos = 0;
    s->raw_len = (size_t)n;
    return n > 0;
}

/* Bytes enough to tell every format below apart (bzip2's is the longest). */
enum { MAGIC_BYTES = 10 };

static int starts(const source *s, const char *magic, size_t n)
{
    return s->raw_len >= n && memcmp(s->raw, magic, n) == 0;
}

/* The message for a file in a format that is not text, or NULL. */
static const char *not_text(const source *s)
{
    if (starts(s, "%PDF-", 5))
        return "PDF file; extract its text first";
    if (starts(s, "PK\x03\x04", 4))
        return "ZIP archive (or .docx, .odt, .epub); extract its text first";
    if (starts(s,
               "\xfd"
               "7zXZ\0",
               6))
        return "xz-compressed; decompress it first (dixit reads gzip and zstd)";
    /* "BZh", the block size, then a block's magic or the end's */
    if (starts(s, "BZh", 3) && s->raw_len >= 10 && s->raw[3] >= '1' && s->raw[3] <= '9' &&
        (memcmp(s->raw + 4, "1AY&SY", 6) == 0 || memcmp(s->raw + 4, "\x17\x72\x45\x38\x50\x90", 6) == 0))
        return "bzip2-compressed; decompress it first (dixit reads gzip and zstd)";
    /* text has no NUL byte; images and programs have many among their
     * first bytes (one in eight of them, or more). UTF-16 and UTF-32 with
     * their byte-order mark are text for --encoding to read */
    if (starts(s, "\xff\xfe", 2) || starts(s, "\xfe\xff", 2))
        return NULL;
    /* a WARC archive holds images and compressed bodies among its text */
    if (starts(s, "WARC/1.", 7))
        return NULL;
    size_t n = s->raw_len < 4096 ? s->raw_len : 4096, nul = 0;
    const unsigned char *end = s->raw + n;
    for (const unsigned char *z = memchr(s->raw, 0, n); z; z = memchr(z + 1, 0, (size_t)(end - z - 1)))
        nul++;
    if (n >= 16 && nul * 8 >= n)
        return "binary file (NUL bytes: an image, a program?); not text";
    return NULL;
}

/* Reads until the magic numbers can be told apart or the file ends,
 * keeping the bytes for the decoder. */
static int detect(source *s)
{
    while (!s->eof && s->raw_len < MAGIC_BYTES) {
        long n = read_file(s, s->raw + s->raw_len, RAW_SIZE - s->raw_len);
        if (n < 0)
            return -1;
        s->raw_len += (size_t)n;
    }
    const unsigned char *b = s->raw;
    if (s->raw_len >= 2 && b[0] == 0x1f && b[1] == 0x8b) {
        s->fmt = FMT_GZIP;
        /* 16 + MAX_WBITS: a gzip wrapper, not zlib's own */
        if (inflateInit2(&s->z, 16 + MAX_WBITS) != Z_OK)
            return fail(s, "out of memory");
        s->z_ready = 1;
    } else if (s->raw_len >= 4 && b[0] == 0x28 && b[1] == 0xb5 && b[2] == 0x2f && b[3] == 0xfd) {
        s->fmt = FMT_ZSTD;
        s->zd = ZSTD_createDCtx();
        if (!s->zd)
            return fail(s, "out of memory");
    } else if (not_text(s)) {
        s->not_text = 1;
        return fail(s, not_text(s));
    } else {
        s->fmt = FMT_PLAIN;
    }
    return 0;
}

static long read_plain(source *s, char *buf, size_t n)
{
    /* the bytes read to tell the format first, then straight into the
     * caller's buffer: no copy through the raw buffer */
    if (s->raw_pos < s->raw_len) {
        size_t k = s->raw_len - s->raw_pos;
        if (k > n)
            k = n;
        memcpy(buf, s->raw + s->raw_pos, k);
        s->raw_pos += k;
        return (long)k;
    }
    return s->eof ? 0 : read_file(s, buf, n);
}

/* Both decoders may hold output back after the last input byte: at the
 * end of the file they are called once more with no input, and only when
 * that yields nothing is a unit left open an error. */
static long read_gzip(source *s, char *buf, size_t n)
{
    if (n > UINT32_MAX)
        n = UINT32_MAX;
    s->z.next_out = (unsigned char *)buf;
    s->z.avail_out = (uInt)n;
    while (s->z.avail_out == n) {
        int r = refill(s);
        if (r < 0)
            return -1;
        if (r == 0 && !s->in_unit)
            return 0;
        s->z.next_in = s->raw + s->raw_pos;
        s->z.avail_in = (uInt)(s->raw_len - s->raw_pos);
        s->in_unit = 1;
        int z = inflate(&s->z, Z_NO_FLUSH);
        s->raw_pos = s->raw_len - s->z.avail_in;
        if (z == Z_STREAM_END) {
            /* the next member, if any, starts afresh */
            s->in_unit = 0;
            if (inflateReset(&s->z) != Z_OK)
                return fail(s, "gzip reset failed");
        } else if (z == Z_MEM_ERROR) {
            return fail(s, "out of memory");
        } else if (z != Z_OK && z != Z_BUF_ERROR) {
            return fail(s, s->z.msg ? s->z.msg : "corrupt gzip input");
        }
        if (r == 0 && s->z.avail_out == n)
            return s->in_unit ? fail(s, "truncated gzip input") : 0;
    }
    return (long)(n - s->z.avail_out);
}

static long read_zstd(source *s, char *buf, size_t n)
{
    ZSTD_outBuffer out = {buf, n, 0};
    while (out.pos == 0) {
        int r = refill(s);
        if (r < 0)
            return -1;
        if (r == 0 && !s->in_unit)
            return 0;
        ZSTD_inBuffer in = {s->raw + s->raw_pos, s->raw_len - s->raw_pos, 0};
        size_t z = ZSTD_decompressStream(s->zd, &out, &in);
        s->raw_pos += in.pos;
        if (ZSTD_isError(z))
            return fail(s, ZSTD_getErrorName(z));
        /* 0: a frame ended exactly here */
        s->in_unit = z != 0;
        if (r == 0 && out.pos == 0)
            return s->in_unit ? fail(s, "truncated zstd input") : 0;
    }
    return (long)out.pos;
}

static long read_any(source *s, char *buf, size_t n)
{
    if (s->fmt == FMT_UNKNOWN && detect(s) < 0)
        return -1;
    switch (s->fmt) {
    case FMT_GZIP: return read_gzip(s, buf, n);
    case FMT_ZSTD: return read_zstd(s, buf, n);
    default: return read_plain(s, buf, n);
    }
}

long source_read(source *s, char *buf, size_t n)
{
    if (s->err)
        return -1;
    if (s->limited && n > s->left)
        n = (size_t)s->left;
    if (n == 0)
        return 0;
    long got = read_any(s, buf, n);
    if (got > 0 && s->limited)
        s->left -= (unsigned long long)got;
    return got;
}

void source_limit(source *s, unsigned long long n)
{
    s->limited = 1;
    s->left = n;
}

unsigned long long source_left(const source *s)
{
    return s->limited ? s->left : 0;
}

int source_failed(const source *s)
{
    return s->err != NULL;
}

const char *source_error(const source *s)
{
    return s->err ? s->err : "unknown error";
}

int source_not_text(const source *s)
{
    return s->not_text;
}

void source_stop_on(source *s, const volatile sig_atomic_t *flag)
{
    s->stop = flag;
}

unsigned long long source_raw_bytes(const source *s)
{
    return s->raw_total;
}

void source_close(source *s)
{
    if (!s)
        return;
    if (s->z_ready)
        inflateEnd(&s->z);
    ZSTD_freeDCtx(s->zd);
    if (s->fd > 0)
        close(s->fd);
    free(s->raw);
    free(s);
}
