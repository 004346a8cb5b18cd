/*
 * fuzz_read.c: libFuzzer harness for the readers. The first byte picks
 * the reader (bit 0: JSON Lines, else .txt or a web page; bit 7: a WARC
 * archive) and a chunk size; the rest is the stream, fed in those chunks.
 * Every document that comes out is extracted.
 */
#include "dixit.h"

#include <stdint.h>
#include <stdlib.h>

static dixit_engine *eng;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int on_doc(void *ctx, const dixit_doc *doc)
{
    (void)ctx;
    dixit_result *r = NULL;
    if (dixit_extract(eng, doc, &r) == DIXIT_OK)
        dixit_result_free(r);
    return 0;
}

static void on_error(void *ctx, const dixit_error *e)
{
    (void)ctx;
    if (!e->message || !e->name)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!eng)
        eng = dixit_engine_new(NULL);
    if (!eng)
        abort();
    if (size < 1)
        return 0;
    dixit_input kind = (data[0] & 0x80) ? DIXIT_INPUT_WARC : (data[0] & 1) ? DIXIT_INPUT_JSONL : DIXIT_INPUT_TXT;
    size_t chunk = (size_t)((data[0] >> 1) & 0x3F) + 1;
    data++;
    size--;
    dixit_reader *r = dixit_reader_new(kind, "fuzz.in", 1 << 16, NULL, on_doc, on_error, NULL);
    if (!r)
        return 0;
    for (size_t i = 0; i < size; i += chunk)
        dixit_reader_feed(r, data + i, size - i < chunk ? size - i : chunk);
    dixit_reader_finish(r);
    dixit_reader_free(r);
    return 0;
}
