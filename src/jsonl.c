/*
 * jsonl.c: the named fields of one JSON Lines object, without a tree.
 *
 * read.c wants a few strings of each line (id, text, date, lang...), and
 * building a cJSON tree of the whole line, then copying the text out of it,
 * cost more than all the tokenising of the text. This reader walks the
 * line once and decodes only the members it is asked for. It accepts a
 * strict subset of what cJSON accepts and answers false on anything else
 * (escapes in a key, raw control characters, \u0000, lone surrogates,
 * numbers not in the JSON grammar or long, deep nesting, bytes after the
 * object...): read.c then asks cJSON, which decides and words the error
 * messages, so what comes out never depends on which of the two read a
 * line.
 */
#include "alloc.h"
#include "bytes.h"
#include "jsonl.h"
#include "utf8.h"

#include <string.h>

/* Deeper arrays and objects go to cJSON (its own limit is 1000). */
#define JSONL_DEPTH 64
/* Longer numbers go to cJSON (1.7.15 reads at most 63 characters). */
#define JSONL_NUMBER 32

typedef struct jreader {
    const char *s;
    size_t n, i;
    buf *out;
} jreader;

static bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

static void skip_ws(jreader *j)
{
    while (j->i < j->n && is_ws(j->s[j->i]))
        j->i++;
}

static int hex(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Four hex digits at s (cJSON reads invalid ones as 0: not ours). */
static int32_t hex4(const char *s)
{
    int32_t v = 0;
    for (int k = 0; k < 4; k++) {
        int d = hex(s[k]);
        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    return v;
}

/* A string at j->i (the opening quote), decoded into j->out when keep
 * (with a NUL after it), else only checked. False on what cJSON should
 * judge. */
static bool string(jreader *j, bool keep)
{
    const char *s = j->s;
    size_t n = j->n, i = j->i + 1, run = i;
    for (;;) {
        /* sixteen plain bytes at a time, then straight to the special
         * one (paragraphs end with "\\n": escapes are frequent); the last
         * few bytes one by one */
        unsigned m = 0;
        while (n - i >= 16 && !(m = json_special16(s + i)))
            i += 16;
        if (m)
            i += lowest_bit(m);
        else
            while (i < n && s[i] != '"' && s[i] != '\\' && (unsigned char)s[i] >= 0x20)
                i++;
        if (i >= n || (unsigned char)s[i] < 0x20)
            return false; /* unterminated, or a raw control character */
        if (keep && i > run && !buf_append(j->out, s + run, i - run))
            return false;
        if (s[i] == '"')
            break;
        /* an escape */
        if (i + 1 >= n)
            return false;
        char e = s[i + 1], c;
        switch (e) {
        case '"': c = '"'; break;
        case '\\': c = '\\'; break;
        case '/': c = '/'; break;
        case 'b': c = '\b'; break;
        case 'f': c = '\f'; break;
        case 'n': c = '\n'; break;
        case 'r': c = '\r'; break;
        case 't': c = '\t'; break;
        case 'u': c = 0; break;
        default: return false;
        }
        if (e != 'u') {
            if (keep && !buf_putc(j->out, c))
                return false;
            i += 2;
            run = i;
            continue;
        }
        if (n - i < 6)
            return false;
        int32_t cp = hex4(s + i + 2);
        size_t used = 6;
        if (cp <= 0 || (cp >= 0xDC00 && cp <= 0xDFFF))
            return false; /* \u0000 (C strings end there), bad hex, lone low half */
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (n - i < 12 || s[i + 6] != '\\' || s[i + 7] != 'u')
                return false;
            int32_t lo = hex4(s + i + 8);
            if (lo < 0xDC00 || lo > 0xDFFF)
                return false;
            cp = 0x10000 + (((cp & 0x3FF) << 10) | (lo & 0x3FF));
            used = 12;
        }
        if (keep) {
            char enc[4];
            size_t k = utf8_encode(cp, enc);
            if (!k || !buf_append(j->out, enc, k))
                return false;
        }
        i += used;
        run = i;
    }
    if (keep && !buf_putc(j->out, 0))
        return false;
    j->i = i + 1;
    return true;
}

/* -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?, short. */
static bool number(jreader *j)
{
    const char *s = j->s;
    size_t n = j->n, i = j->i, start = i;
    if (i < n && s[i] == '-')
        i++;
    if (i >= n || !(s[i] >= '0' && s[i] <= '9'))
        return false;
    if (s[i] == '0')
        i++;
    else
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
    if (i < n && s[i] == '.') {
        i++;
        if (i >= n || !(s[i] >= '0' && s[i] <= '9'))
            return false;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            i++;
        if (i >= n || !(s[i] >= '0' && s[i] <= '9'))
            return false;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
    }
    if (i - start > JSONL_NUMBER)
        return false;
    j->i = i;
    return true;
}

static bool literal(jreader *j, const char *w)
{
    size_t k = strlen(w);
    if (j->n - j->i < k || memcmp(j->s + j->i, w, k) != 0)
        return false;
    j->i += k;
    return true;
}

/* Skips one value at j->i, checking it; sets *type. */
static bool value(jreader *j, int depth, uint8_t *type);

static bool members(jreader *j, int depth, char close)
{
    /* at the byte after '{' or '[' */
    skip_ws(j);
    if (j->i < j->n && j->s[j->i] == close) {
        j->i++;
        return true;
    }
    for (;;) {
        uint8_t t;
        if (close == '}') {
            if (j->i >= j->n || j->s[j->i] != '"' || !string(j, false))
                return false;
            skip_ws(j);
            if (j->i >= j->n || j->s[j->i] != ':')
                return false;
            j->i++;
            skip_ws(j);
        }
        if (!value(j, depth + 1, &t))
            return false;
        skip_ws(j);
        if (j->i >= j->n)
            return false;
        char c = j->s[j->i++];
        if (c == close)
            return true;
        if (c != ',')
            return false;
        skip_ws(j);
    }
}

static bool value(jreader *j, int depth, uint8_t *type)
{
    if (j->i >= j->n || depth > JSONL_DEPTH)
        return false;
    char c = j->s[j->i];
    *type = JV_OTHER;
    switch (c) {
    case '"':
        *type = JV_STRING;
        return string(j, false);
    case '{':
    case '[':
        j->i++;
        return members(j, depth, c == '{' ? '}' : ']');
    case 't':
        return literal(j, "true");
    case 'f':
        return literal(j, "false");
    case 'n':
        *type = JV_NULL;
        return literal(j, "null");
    default:
        *type = JV_NUMBER;
        return number(j);
    }
}

bool jsonl_fields(const char *s, size_t n, const char *const *names, size_t nnames, json_value *vals,
                  buf *out)
{
    jreader j = {s, n, 0, out};
    for (size_t k = 0; k < nnames; k++)
        vals[k] = (json_value){JV_ABSENT, 0, 0};
    skip_ws(&j);
    if (j.i >= n || s[j.i] != '{')
        return false;
    j.i++;
    skip_ws(&j);
    if (j.i < n && s[j.i] == '}') {
        j.i++;
    } else {
        for (;;) {
            /* the key, as it stands: one with an escape goes to cJSON */
            if (j.i >= n || s[j.i] != '"')
                return false;
            size_t ks = j.i + 1;
            if (!string(&j, false))
                return false;
            size_t kn = j.i - 1 - ks;
            if (memchr(s + ks, '\\', kn))
                return false;
            skip_ws(&j);
            if (j.i >= n || s[j.i] != ':')
                return false;
            j.i++;
            skip_ws(&j);
            /* the first member of a name counts, as cJSON finds it */
            size_t want = nnames;
            for (size_t k = 0; k < nnames; k++)
                if (vals[k].type == JV_ABSENT && strlen(names[k]) == kn && memcmp(names[k], s + ks, kn) == 0) {
                    want = k;
                    break;
                }
            uint8_t t;
            if (want < nnames && j.i < n && s[j.i] == '"') {
                size_t at = out->len;
                if (!string(&j, true))
                    return false;
                vals[want] = (json_value){JV_STRING, at, out->len - 1 - at};
            } else {
                size_t at = j.i;
                if (!value(&j, 1, &t))
                    return false;
                if (want < nnames)
                    vals[want] = (json_value){t, at, j.i - at};
            }
            skip_ws(&j);
            if (j.i >= n)
                return false;
            char c = s[j.i++];
            if (c == '}')
                break;
            if (c != ',')
                return false;
            skip_ws(&j);
        }
    }
    skip_ws(&j);
    return j.i == n && !out->failed; /* bytes after the object: cJSON's call */
}
