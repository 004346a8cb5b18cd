/*
 * fuzz_extract.c: libFuzzer harness for extraction and rendering. Any
 * bytes: invalid text must come back as an error, valid text as records
 * whose offsets stay inside the document.
 */
#include "dixit.h"

#include <stdint.h>
#include <stdlib.h>

static dixit_engine *eng;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!eng)
        eng = dixit_engine_new(NULL);
    if (!eng)
        abort();
    dixit_doc d = {"fuzz", (const char *)data, size, 0, NULL, NULL, NULL, NULL};
    dixit_result *r = NULL;
    if (dixit_extract(eng, &d, &r) != DIXIT_OK)
        return 0;
    for (size_t i = 0; i < dixit_result_count(r); i++) {
        const dixit_attribution *a = dixit_result_get(r, i);
        if (a->content.start > a->content.end || a->content.end > size)
            abort();
    }
    const char *out;
    size_t len;
    dixit_render(r, &d, DIXIT_FORMAT_JSONL, &out, &len);
    dixit_render(r, &d, DIXIT_FORMAT_SEGMENTS, &out, &len);
    dixit_render(r, &d, DIXIT_FORMAT_ENTITIES, &out, &len);
    dixit_result_free(r);
    return 0;
}
