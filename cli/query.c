/*
 * query.c: the text of a request to `dixit serve`, read and checked
 * before any of it goes near the database. A query string is split at
 * '&', each name=value pair decoded (%XX and +), and each value checked
 * against what its parameter takes; anything else is one clear 400
 * message. The values then only ever reach SQL as bound parameters
 * (serve_api.c), so this is about good answers, not about safety alone.
 */
#include "query.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const key_names[QK_COUNT] = {
    "q",    "speaker", "outlet",         "since", "until",  "act", "type",
    "lang", "gender",  "min_confidence", "limit", "offset", "by",
};

static const char *const facet_names[FACET_KINDS] = {"speaker", "outlet", "month", "week",
                                                     "gender",  "act",    "type",  "lang"};

const char *query_facet_name(int k)
{
    return k >= 0 && k < FACET_KINDS ? facet_names[k] : NULL;
}

static int fail(char *err, size_t cap, const char *what, const char *name)
{
    snprintf(err, cap, "%s%s%s", name ? name : "", name ? ": " : "", what);
    return -1;
}

static int hex(char c)
{
    return c >= '0' && c <= '9'   ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                  : -1;
}

/* Decodes s[0..n) (%XX, + for a space) into out, NUL-terminated: the
 * length, or -1 for a bad escape. out holds n + 1 bytes. */
static long decode(const char *s, size_t n, char *out)
{
    size_t j = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '%') {
            if (i + 2 >= n || hex(s[i + 1]) < 0 || hex(s[i + 2]) < 0)
                return -1;
            out[j++] = (char)(hex(s[i + 1]) * 16 + hex(s[i + 2]));
            i += 2;
        } else {
            out[j++] = s[i] == '+' ? ' ' : s[i];
        }
    }
    out[j] = 0;
    return (long)j;
}

size_t query_utf8_len(const unsigned char *s, size_t n)
{
    unsigned c = n ? s[0] : 0;
    size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (!len || c == 0 || len > n)
        return 0;
    unsigned cp = len == 1 ? c : c & (0x7Fu >> len);
    for (size_t k = 1; k < len; k++) {
        if ((s[k] & 0xC0) != 0x80)
            return 0;
        cp = cp << 6 | (s[k] & 0x3Fu);
    }
    static const unsigned least[5] = {0, 0, 0x80, 0x800, 0x10000};
    return cp < least[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) ? 0 : len;
}

static bool valid_utf8(const unsigned char *s, size_t n)
{
    for (size_t i = 0, l; i < n; i += l)
        if (!(l = query_utf8_len(s + i, n - i)))
            return false;
    return true;
}

/* The key named by s (decoded), or -1. */
static int key_of(const char *s)
{
    for (int k = 0; k < QK_COUNT; k++)
        if (!strcmp(key_names[k], s))
            return k;
    return -1;
}

/* One name=value pair of s[0..n) into q (decoded into *at, which
 * advances). */
static int parse_pair(query *q, const char *s, size_t n, unsigned allowed, unsigned *seen, char **at,
                      char *err, size_t cap)
{
    const char *eq = memchr(s, '=', n);
    size_t kn = eq ? (size_t)(eq - s) : n;
    char key[32];
    if (kn >= sizeof key || decode(s, kn, key) < 0)
        return fail(err, cap, "unknown parameter", NULL);
    int k = key_of(key);
    if (k < 0 || !(allowed & QUERY_KEY(k)))
        return k < 0 ? fail(err, cap, "unknown parameter", key[0] ? key : NULL)
                     : fail(err, cap, "not a parameter of this path", key);
    if (*seen & QUERY_KEY(k))
        return fail(err, cap, "given twice", key);
    *seen |= QUERY_KEY(k);
    const char *v = eq ? eq + 1 : s + n;
    long len = decode(v, (size_t)(s + n - v), *at);
    if (len < 0)
        return fail(err, cap, "a bad %-escape (% and two hex digits)", key);
    if ((size_t)len > QUERY_VALUE_MAX)
        return fail(err, cap, "too long (512 bytes at most)", key);
    if (!valid_utf8((const unsigned char *)*at, (size_t)len))
        return fail(err, cap, "not UTF-8 text (a NUL byte, or bytes that are no character)", key);
    if (len)
        q->v[k] = *at;
    *at += len + 1;
    return 0;
}

int query_parse(query *q, const char *s, size_t n, unsigned allowed, char *err, size_t cap)
{
    memset(q->v, 0, sizeof q->v);
    if (n > QUERY_URL_MAX)
        return fail(err, cap, "the query is too long", NULL);
    unsigned seen = 0;
    char *at = q->buf;
    for (size_t i = 0; i < n;) {
        const char *amp = memchr(s + i, '&', n - i);
        size_t len = amp ? (size_t)(amp - (s + i)) : n - i;
        if (len && parse_pair(q, s + i, len, allowed, &seen, &at, err, cap) < 0)
            return -1;
        i += len + 1;
    }
    return 0;
}

bool query_is_date(const char *s)
{
    static const char shape[] = "0000-00-00";
    size_t n = strlen(s);
    if (n != 4 && n != 7 && n != 10)
        return false;
    for (size_t i = 0; i < n; i++)
        if (shape[i] == '0' ? !(s[i] >= '0' && s[i] <= '9') : s[i] != '-')
            return false;
    return true;
}

bool query_id(const char *s, long long *id)
{
    size_t n = strspn(s, "0123456789");
    if (!n || n > 18 || s[n] || s[0] == '0')
        return false;
    *id = strtoll(s, NULL, 10);
    return true;
}

/* A whole number of digits only, from lo to hi, into *v. */
static bool number_in(const char *s, long lo, long hi, long *v)
{
    size_t n = strspn(s, "0123456789");
    if (!n || n > 9 || s[n])
        return false;
    *v = strtol(s, NULL, 10);
    return *v >= lo && *v <= hi;
}

static bool one_of(const char *s, const char *const *words)
{
    for (; *words; words++)
        if (!strcmp(s, *words))
            return true;
    return false;
}

/* by=KIND[,KIND...] into f: each kind once. */
static bool read_by(const char *s, query_filters *f)
{
    f->nby = 0;
    while (*s) {
        size_t l = strcspn(s, ",");
        int k = 0;
        while (k < FACET_KINDS && (strlen(facet_names[k]) != l || strncmp(facet_names[k], s, l)))
            k++;
        for (int i = 0; i < f->nby && k < FACET_KINDS; i++)
            if (f->by[i] == k)
                k = FACET_KINDS;
        if (k == FACET_KINDS)
            return false;
        f->by[f->nby++] = k;
        s += l + (s[l] == ',');
    }
    return f->nby > 0;
}

/* The closed values: type, lang, gender. */
static const char *check_words(const query *q)
{
    static const char *const types[] = {"direct", "mixed", "indirect", NULL};
    static const char *const langs[] = {"fr", "en", NULL};
    static const char *const genders[] = {"female", "male", "unknown", NULL};
    if (q->v[QK_TYPE] && !one_of(q->v[QK_TYPE], types))
        return "type: direct, mixed or indirect";
    if (q->v[QK_LANG] && !one_of(q->v[QK_LANG], langs))
        return "lang: fr or en";
    if (q->v[QK_GENDER] && !one_of(q->v[QK_GENDER], genders))
        return "gender: female, male or unknown";
    if ((q->v[QK_SINCE] && !query_is_date(q->v[QK_SINCE])) ||
        (q->v[QK_UNTIL] && !query_is_date(q->v[QK_UNTIL])))
        return "since and until: a date, YYYY, YYYY-MM or YYYY-MM-DD";
    return NULL;
}

int query_filters_read(const query *q, query_filters *f, long def_limit, bool need_by, char *err, size_t cap)
{
    memset(f, 0, sizeof *f);
    f->sq.min_confidence = -1;
    f->sq.limit = def_limit;
    const char *wrong = check_words(q);
    if (wrong)
        return fail(err, cap, wrong, NULL);
    f->sq.text = q->v[QK_Q];
    if (q->v[QK_SPEAKER] && !query_id(q->v[QK_SPEAKER], &f->person))
        f->sq.speaker = q->v[QK_SPEAKER];
    f->sq.outlet = q->v[QK_OUTLET];
    f->sq.since = q->v[QK_SINCE];
    f->sq.until = q->v[QK_UNTIL];
    f->sq.act = q->v[QK_ACT];
    f->sq.type = q->v[QK_TYPE];
    f->sq.lang = q->v[QK_LANG];
    f->sq.gender = q->v[QK_GENDER];
    if (q->v[QK_MIN_CONFIDENCE]) {
        char *end;
        double c = strtod(q->v[QK_MIN_CONFIDENCE], &end);
        if (end == q->v[QK_MIN_CONFIDENCE] || *end || !(c >= 0 && c <= 1))
            return fail(err, cap, "a number from 0 to 1", "min_confidence");
        f->sq.min_confidence = c;
    }
    if (q->v[QK_LIMIT] && !number_in(q->v[QK_LIMIT], 1, QUERY_LIMIT_MAX, &f->sq.limit))
        return fail(err, cap, "a number from 1 to 500", "limit");
    if (q->v[QK_OFFSET] && !number_in(q->v[QK_OFFSET], 0, QUERY_OFFSET_MAX, &f->offset))
        return fail(err, cap, "a number from 0 to 100000", "offset");
    if (q->v[QK_BY] ? !read_by(q->v[QK_BY], f) : need_by)
        return fail(err, cap,
                    "one or more of speaker, outlet, month, week, gender, act, type, lang, comma-separated",
                    "by");
    return 0;
}
