/*
 * store_rows.h: a batch's articles and records as the SQLite store binds
 * them (store_rows.c), made from their JSON lines on the thread that
 * extracted them, so that the one thread that writes the database only
 * binds: the JSON parsed, the parts printed, the text hashed and its code
 * points counted, the full-text columns folded, elsewhere.
 *
 * A batch is a buffer of rows, each a kind byte and its fields in a
 * fixed order (STORE_A_* for an article, STORE_R_* for a record); a
 * field is NULL, a string (its length, its bytes, a NUL), an integer or
 * a real. A line that does not fit is a row of kind STORE_ROW_BAD, so
 * the writer stops where it would have.
 */
#ifndef DIXIT_STORE_ROWS_H
#define DIXIT_STORE_ROWS_H

#include <stdbool.h>
#include <stddef.h>

enum { STORE_ROW_ARTICLE = 'A', STORE_ROW_RECORD = 'R', STORE_ROW_BAD = 'X' };

/* An article's fields: its `dixit text` line's, the text's hash (32 hex
 * digits) and length in code points. */
enum {
    STORE_A_DOC,
    STORE_A_PATH,
    STORE_A_URL,
    STORE_A_TITLE,
    STORE_A_SITE,
    STORE_A_DATE,
    STORE_A_AUTHORS,
    STORE_A_LANG,
    STORE_A_HASH,
    STORE_A_CHARS,
    STORE_A_TEXT,
    STORE_A_FIELDS
};
/* A record's: the attributions row's columns (docs/store.md), its
 * article's id, its speaker's name and kind, and the full-text row's
 * two columns, folded. */
enum {
    STORE_R_DOC,
    STORE_R_RID,
    STORE_R_TYPE,
    STORE_R_QUOTATION,
    STORE_R_START,
    STORE_R_END,
    STORE_R_START_BYTE,
    STORE_R_END_BYTE,
    STORE_R_PARTS,
    STORE_R_SPEAKER,
    STORE_R_SPEAKER_MENTION,
    STORE_R_SPEAKER_START,
    STORE_R_SPEAKER_END,
    STORE_R_SPEAKER_KIND,
    STORE_R_SPEAKER_ENTITY,
    STORE_R_RESOLVED_BY,
    STORE_R_CUE,
    STORE_R_CUE_LEMMA,
    STORE_R_ACT,
    STORE_R_CUE_START,
    STORE_R_CUE_END,
    STORE_R_ADDRESSEE,
    STORE_R_ADDRESSEE_MENTION,
    STORE_R_SOURCE,
    STORE_R_SOURCE_MENTION,
    STORE_R_CHANNEL,
    STORE_R_CONFIDENCE,
    STORE_R_FTS_QUOTATION,
    STORE_R_FTS_SPEAKER,
    STORE_R_FIELDS
};

enum { STORE_F_NULL, STORE_F_TEXT, STORE_F_INT, STORE_F_REAL };

typedef struct store_field {
    int type;
    const char *s; /* STORE_F_TEXT: NUL-terminated, n bytes before the NUL */
    size_t n;
    long long i;
    double d;
} store_field;

/* The rows of texts (`dixit text` lines, one per article) then records
 * (`dixit extract` lines) into a new buffer *out of *out_len bytes (the
 * caller frees it). 0, or -1 when memory runs out (*out NULL). */
int store_rows_make(const char *texts, size_t texts_len, const char *records, size_t records_len, char **out,
                    size_t *out_len);

/* Reads the row at *at of buf[0..len): its kind, and its fields into f
 * (STORE_A_FIELDS or STORE_R_FIELDS of them), pointing into buf; *at
 * moves past it. The kind, or 0 at the end. */
int store_rows_next(const char *buf, size_t len, size_t *at, store_field *f);

#endif
