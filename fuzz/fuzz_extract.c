/*
 * fuzz_extract.c: libFuzzer harness for extraction and rendering. Any
 * bytes: invalid text must come back as an error, valid text as records
 * whose offsets stay inside the document, rendered as JSON Lines whose
 * every line parses (cJSON) and gives back the quotation, and as CSV whose
 * every record has the header's columns, ends in CRLF and holds no cell a
 * spreadsheet would run as a formula.
 */
#include "dixit.h"

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static dixit_engine *eng;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* One rendered line as a JSON object, or abort. "quotation", when want is
 * not NULL, must decode to the want_len bytes at want. */
static void check_json_line(const char *s, size_t n, const char *want, size_t want_len)
{
    const char *end = NULL;
    cJSON *o = cJSON_ParseWithLengthOpts(s, n, &end, 0);
    if (!o || !cJSON_IsObject(o) || end != s + n)
        abort();
    if (want) {
        const cJSON *q = cJSON_GetObjectItemCaseSensitive(o, "quotation");
        if (!cJSON_IsString(q) || strlen(q->valuestring) != want_len ||
            memcmp(q->valuestring, want, want_len) != 0)
            abort();
    }
    cJSON_Delete(o);
}

/* A rendering of JSON lines: nlines of them, each ending in '\n'. With a
 * result, line i is the record of attribution i. */
static void check_json(const char *s, size_t n, size_t nlines, const dixit_result *r, const uint8_t *text)
{
    size_t i = 0, k = 0;
    while (i < n) {
        const char *nl = memchr(s + i, '\n', n - i);
        if (!nl)
            abort(); /* a last line without its newline */
        size_t len = (size_t)(nl - (s + i));
        const dixit_attribution *a = r ? dixit_result_get(r, k) : NULL;
        if (r && !a)
            abort(); /* more lines than records */
        check_json_line(s + i, len, a ? (const char *)text + a->content.start : NULL,
                        a ? a->content.end - a->content.start : 0);
        i += len + 1;
        k++;
    }
    if (k != nlines)
        abort();
}

static size_t header_columns(void)
{
    size_t c = 1;
    for (const char *h = dixit_csv_header(); *h; h++)
        c += *h == ',';
    return c;
}

/* A CSV rendering (RFC 4180, without its header): nrecords records of the
 * header's columns, each ending in CRLF; a cell is bare or in double
 * quotes with inner quotes doubled; no cell opens with a character that
 * makes a spreadsheet formula. */
static void check_csv(const char *s, size_t n, size_t nrecords)
{
    size_t cols = header_columns(), records = 0, cells = 0, i = 0;
    while (i < n) {
        char first = 0;
        bool empty = true;
        if (s[i] == '"') {
            i++;
            for (;;) {
                if (i >= n)
                    abort(); /* an unclosed quote */
                if (s[i] == '"') {
                    if (i + 1 < n && s[i + 1] == '"') {
                        i += 2;
                        if (empty)
                            first = '"';
                        empty = false;
                        continue;
                    }
                    i++;
                    break;
                }
                if (empty)
                    first = s[i];
                empty = false;
                i++;
            }
        } else {
            while (i < n && s[i] != ',' && s[i] != '\r' && s[i] != '\n') {
                if (s[i] == '"')
                    abort(); /* a quote in a bare cell */
                if (empty)
                    first = s[i];
                empty = false;
                i++;
            }
        }
        if (!empty && first != 0 && memchr("=+-@\t\r", first, 6))
            abort(); /* a formula */
        cells++;
        if (i < n && s[i] == ',') {
            i++;
            continue;
        }
        /* the end of a record: CRLF, never a bare LF or CR */
        if (i + 1 >= n || s[i] != '\r' || s[i + 1] != '\n' || cells != cols)
            abort();
        i += 2;
        records++;
        cells = 0;
    }
    if (records != nrecords)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!eng)
        eng = dixit_engine_new(NULL);
    if (!eng)
        abort();
    dixit_doc d = {.id = "fuzz", .text = (const char *)data, .len = size, .url = "=1+1"};
    dixit_result *r = NULL;
    if (dixit_extract(eng, &d, &r) != DIXIT_OK)
        return 0;
    size_t count = dixit_result_count(r);
    for (size_t i = 0; i < count; i++) {
        const dixit_attribution *a = dixit_result_get(r, i);
        if (a->content.start > a->content.end || a->content.end > size)
            abort();
    }
    const char *out;
    size_t len;
    if (dixit_render(r, &d, DIXIT_FORMAT_JSONL, &out, &len) == DIXIT_OK)
        check_json(out, len, count, r, data);
    if (dixit_render(r, &d, DIXIT_FORMAT_CSV, &out, &len) == DIXIT_OK)
        check_csv(out, len, count);
    dixit_render(r, &d, DIXIT_FORMAT_SEGMENTS, &out, &len);
    if (dixit_render(r, &d, DIXIT_FORMAT_ENTITIES, &out, &len) == DIXIT_OK)
        check_json(out, len, 1, NULL, NULL);
    dixit_result_free(r);
    return 0;
}
