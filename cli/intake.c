/*
 * intake.c: legacy encodings turned into UTF-8 before the reader sees
 * them, since the library reads UTF-8 only.
 *
 * With --encoding NAME every byte of every input is converted from NAME
 * by iconv, as a stream: a character cut by the end of a chunk waits for
 * the next one, and a byte NAME cannot map becomes U+FFFD.
 *
 * Without it, a .txt article is held whole (it is one document, which the
 * reader holds whole anyway) and, when it is not valid UTF-8, it is read
 * as Windows-1252 if it can be: that is what French and English articles
 * saved by Windows programs are (ISO-8859-1 is the same but for the
 * 0x80-0x9F range, where Windows-1252 puts the curly quotes), and the
 * five bytes Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D)
 * say it is something else, which is then left to the reader to refuse.
 * JSON Lines are UTF-8 by the JSON standard, so no guess is made there.
 * Offsets in records count the converted text.
 */
#include "intake.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Room for out[len..len+need), growing by doubling. */
static int reserve(char **buf, size_t *cap, size_t len, size_t need)
{
    if (*cap - len >= need)
        return 0;
    size_t c = *cap ? *cap : 4096;
    while (c - len < need)
        c *= 2;
    char *b = realloc(*buf, c);
    if (!b)
        return -1;
    *buf = b;
    *cap = c;
    return 0;
}

/* Converts src[0..n), after the carried bytes, with cd into out: its
 * length, or (size_t)-1 when memory runs out. A character cut at the end
 * is carried to the next call unless last. */
static size_t convert(intake *in, iconv_t cd, const char *src, size_t n, int last, char **res)
{
    size_t left = in->ncarry + n;
    if (reserve(&in->work, &in->work_cap, 0, left + 1) != 0)
        return (size_t)-1;
    memcpy(in->work, in->carry, in->ncarry);
    memcpy(in->work + in->ncarry, src, n);
    in->ncarry = 0;
    char *ip = in->work;
    size_t len = 0;
    while (left) {
        if (reserve(&in->out, &in->out_cap, len, 3 * left + 16) != 0)
            return (size_t)-1;
        char *op = in->out + len;
        size_t room = in->out_cap - len;
        size_t r = iconv(cd, &ip, &left, &op, &room);
        len = (size_t)(op - in->out);
        if (r != (size_t)-1 || errno == E2BIG)
            continue;
        if (errno == EINVAL && !last && left < sizeof in->carry) {
            memcpy(in->carry, ip, left);
            in->ncarry = left;
            break;
        }
        /* a byte the encoding does not map, or a character cut by the
         * end of the input: U+FFFD, as the Unicode standard advises */
        memcpy(in->out + len, "\xEF\xBF\xBD", 3);
        len += 3;
        ip++;
        left--;
    }
    *res = in->out;
    return len;
}

int intake_check_encoding(const char *encoding)
{
    iconv_t cd = iconv_open("UTF-8", encoding);
    if (cd == (iconv_t)-1)
        return -1;
    iconv_close(cd);
    return 0;
}

int intake_open(intake *in, dixit_reader *rd, const char *encoding, int hold, size_t max,
                intake_warn_fn warn, void *ctx)
{
    memset(in, 0, sizeof *in);
    in->rd = rd;
    in->hold = hold && !encoding;
    in->max = max ? max : DIXIT_DEFAULT_MAX_DOC_BYTES;
    in->warn = warn;
    in->ctx = ctx;
    if (encoding) {
        iconv_t cd = iconv_open("UTF-8", encoding);
        if (cd == (iconv_t)-1)
            return -1;
        in->cd = cd;
    }
    return 0;
}

/* Gives up holding: what is held goes to the reader as it is. */
static dixit_status let_go(intake *in)
{
    in->hold = 0;
    return in->len ? dixit_reader_feed(in->rd, in->held, in->len) : DIXIT_OK;
}

dixit_status intake_feed(intake *in, const char *buf, size_t n)
{
    if (in->cd) {
        char *res;
        size_t len = convert(in, in->cd, buf, n, 0, &res);
        return len == (size_t)-1 ? DIXIT_ENOMEM : dixit_reader_feed(in->rd, res, len);
    }
    if (in->hold && in->len + n <= in->max) {
        if (reserve(&in->held, &in->cap, in->len, n) != 0)
            return DIXIT_ENOMEM;
        memcpy(in->held + in->len, buf, n);
        in->len += n;
        return DIXIT_OK;
    }
    /* over the limit: the reader says so, as without a guess */
    dixit_status st = in->hold ? let_go(in) : DIXIT_OK;
    return st == DIXIT_OK ? dixit_reader_feed(in->rd, buf, n) : st;
}

static int is_utf8(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        if ((unsigned char)s[i] < 0x80) { /* ASCII, most of a text: valid */
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0)
            return 0;
        i += (size_t)k;
    }
    return 1;
}

/* Whether s may be Windows-1252: none of the bytes it leaves undefined. */
static int may_be_cp1252(const char *s, size_t n)
{
    static const char undefined[] = "\x81\x8D\x8F\x90\x9D";
    for (const char *u = undefined; *u; u++)
        if (memchr(s, *u, n))
            return 0;
    return 1;
}

/* The held article, read as Windows-1252 when it is not UTF-8 and may be. */
static dixit_status end_held(intake *in)
{
    if (is_utf8(in->held, in->len) || !may_be_cp1252(in->held, in->len))
        return let_go(in);
    iconv_t cd = iconv_open("UTF-8", "WINDOWS-1252");
    if (cd == (iconv_t)-1)
        return let_go(in); /* no such table here: the reader refuses it */
    char *res;
    size_t len = convert(in, cd, in->held, in->len, 1, &res);
    iconv_close(cd);
    if (len == (size_t)-1)
        return DIXIT_ENOMEM;
    in->hold = 0;
    in->warn(in->ctx, "not UTF-8; read as Windows-1252 (a guess: --encoding names another)");
    return dixit_reader_feed(in->rd, res, len);
}

dixit_status intake_end(intake *in)
{
    if (in->cd) {
        char *res;
        size_t len = convert(in, in->cd, "", 0, 1, &res);
        return len == (size_t)-1 ? DIXIT_ENOMEM : len ? dixit_reader_feed(in->rd, res, len) : DIXIT_OK;
    }
    return in->hold && in->len ? end_held(in) : DIXIT_OK;
}

void intake_close(intake *in)
{
    if (in->cd)
        iconv_close(in->cd);
    free(in->held);
    free(in->work);
    free(in->out);
    memset(in, 0, sizeof *in);
}
