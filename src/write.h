/*
 * write.h: records out (write.c): JSON Lines, CSV, the segments view,
 * entities and features. Takes the analysis and the records; appends to
 * the caller's buffer, false once it failed. Offsets turn from bytes into
 * code points here and only here (cp_at).
 */
#ifndef DIXIT_WRITE_H
#define DIXIT_WRITE_H

#include "alloc.h"
#include "analysis.h"
#include "dixit.h"

#include <stdbool.h>
#include <stddef.h>

bool write_record_jsonl(buf *b, const analysis *an, const dixit_attribution *a, size_t n);
/* The n records of a document, a[0] to a[n - 1], numbered from 1: the
 * document's strings escaped once for all. */
bool write_records_jsonl(buf *b, const analysis *an, const dixit_attribution *a, size_t n);
bool write_record_csv(buf *b, const analysis *an, const dixit_attribution *a, size_t n);
bool write_segments(buf *b, const analysis *an);
bool write_entities(buf *b, const analysis *an, const dixit_attribution *a, size_t n);
bool write_text(buf *b, const analysis *an);
bool write_features(buf *b, const analysis *an, const dixit_attribution *a, size_t n);

/* JSON string escape of s[0..n), quotes included. */
bool json_string(buf *b, const char *s, size_t n);

/* Code points before byte k * CP_STEP: an->cp_marks, which dixit.c
 * builds before rendering. */
#define CP_STEP 64
/* Code-point offset of a byte offset (after the result built its marks). */
size_t cp_at(const analysis *an, size_t byte);

#endif
