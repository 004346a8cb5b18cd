/*
 * fuzz_query.c: libFuzzer harness for what `dixit serve` reads from a
 * request before the database sees it (cli/query.c): the bytes are a
 * query string, read into parameters (every one allowed), then into the
 * filters of a search and of a count, and a path's id. Beyond no crash,
 * what is accepted must hold: each value UTF-8 and at most
 * QUERY_VALUE_MAX bytes, limit and offset within their bounds.
 */
#include "../cli/query.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static query q;
    char err[256];
    if (query_parse(&q, (const char *)data, size, ~0u, err, sizeof err) == 0) {
        for (int k = 0; k < QK_COUNT; k++) {
            if (!q.v[k])
                continue;
            size_t n = strlen(q.v[k]);
            if (!n || n > QUERY_VALUE_MAX)
                abort();
            for (size_t i = 0, l; i < n; i += l)
                if (!(l = query_utf8_len((const unsigned char *)q.v[k] + i, n - i)))
                    abort();
        }
        query_filters f;
        for (int need_by = 0; need_by < 2; need_by++)
            if (query_filters_read(&q, &f, 50, need_by, err, sizeof err) == 0 &&
                (f.sq.limit < 1 || f.sq.limit > QUERY_LIMIT_MAX || f.offset < 0 ||
                 f.offset > QUERY_OFFSET_MAX || f.nby < need_by || f.nby > FACET_KINDS ||
                 (f.person && f.sq.speaker)))
                abort();
    } else if (!err[0]) {
        abort(); /* a refusal always says why */
    }
    /* the same bytes as a path's id */
    char id[32];
    size_t n = size < sizeof id - 1 ? size : sizeof id - 1;
    memcpy(id, data, n);
    id[n] = 0;
    long long v;
    if (query_id(id, &v) && v <= 0)
        abort();
    return 0;
}
