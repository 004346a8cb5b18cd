/*
 * query.h: what a request to `dixit serve` asks, read from its text
 * (query.c): the query string into named parameters (percent-escapes and
 * + decoded, each parameter checked), the parameters into the filters of
 * a search or a count, and the ids of paths. Pure functions with no I/O
 * and no allocation, so that fuzz/fuzz_query.c runs them alone.
 */
#ifndef DIXIT_QUERY_H
#define DIXIT_QUERY_H

#include "store.h"

#include <stdbool.h>
#include <stddef.h>

#define QUERY_URL_MAX 4096      /* bytes of a request's URI (path and query): past it, 414 */
#define QUERY_VALUE_MAX 512     /* bytes of one parameter's value, escapes decoded: past it, 400 */
#define QUERY_LIMIT_MAX 500     /* results or groups of one answer */
#define QUERY_OFFSET_MAX 100000 /* how deep results are paged */

/* The parameters of the API (docs/serve.md): the filters, then the
 * others. */
enum query_key {
    QK_Q,
    QK_SPEAKER,
    QK_OUTLET,
    QK_SINCE,
    QK_UNTIL,
    QK_ACT,
    QK_TYPE,
    QK_LANG,
    QK_GENDER,
    QK_MIN_CONFIDENCE,
    QK_LIMIT,
    QK_OFFSET,
    QK_BY,
    QK_COUNT
};
#define QUERY_FILTERS ((1u << QK_LIMIT) - 1) /* the mask of the filters' keys */
#define QUERY_KEY(k) (1u << (k))

/* A query string read: each parameter's value (decoded, NUL-terminated,
 * in buf), or NULL when absent or empty. */
typedef struct query {
    const char *v[QK_COUNT];
    char buf[QUERY_URL_MAX + QK_COUNT];
} query;

/* Reads the query string s[0..n) (what follows the '?') into q, taking
 * the parameters of the mask allowed (QUERY_KEY bits). 0; or -1 with
 * what is wrong in err (cap bytes): a parameter unknown or not taken
 * here, given twice, longer than QUERY_VALUE_MAX, a bad %-escape, a NUL
 * byte, invalid UTF-8, or the whole past QUERY_URL_MAX. */
int query_parse(query *q, const char *s, size_t n, unsigned allowed, char *err, size_t cap);

/* What a count groups by (/api/stats?by=...). */
enum {
    FACET_SPEAKER,
    FACET_OUTLET,
    FACET_MONTH,
    FACET_WEEK,
    FACET_GENDER,
    FACET_ACT,
    FACET_TYPE,
    FACET_LANG,
    FACET_KINDS
};
/* The name of kind k ("speaker"...), or NULL past the last. */
const char *query_facet_name(int k);

/* The parameters as a search or a count takes them. The strings of sq
 * point into the query they came from. */
typedef struct query_filters {
    store_query sq;           /* the filters; sq.limit the page or group size */
    long long person;         /* speaker given as digits: that person's id; else 0 */
    long offset;              /* results skipped (0 to QUERY_OFFSET_MAX) */
    int by[FACET_KINDS], nby; /* the kinds of by=, in its order */
} query_filters;

/* The parameters of q into f (limit def_limit when not given; by
 * required when need_by). 0; or -1 with what is wrong in err. */
int query_filters_read(const query *q, query_filters *f, long def_limit, bool need_by, char *err, size_t cap);

/* Is s an id (1 to 18 digits, the first not 0)? Its value into *id. */
bool query_id(const char *s, long long *id);

/* The length (1 to 4) of the UTF-8 character at s[0..n), or 0 when the
 * bytes there are none: NUL, a bad or overlong sequence, a surrogate, past
 * U+10FFFF, or cut by n. */
size_t query_utf8_len(const unsigned char *s, size_t n);

/* Is s a date as the database holds them: YYYY, YYYY-MM or YYYY-MM-DD? */
bool query_is_date(const char *s);

#endif
