/*
 * store_rows.c: a batch's JSON lines made into the rows the SQLite store
 * binds (store_rows.h says the format and why), and read back. The
 * reading of each line is what store.c did on the writing thread: the
 * same keys, numbers as integers when they are numbers (else NULL), the
 * parts printed as JSON ("[]" when none), a missing confidence 0.
 */
#include "store_rows.h"
#include "store_util.h"

#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef store_buf buf;

static void put_byte(buf *b, int c)
{
    unsigned char u = (unsigned char)c;
    store_buf_put(b, &u, 1);
}

static void put_str(buf *b, const char *s)
{
    if (!s) {
        put_byte(b, STORE_F_NULL);
        return;
    }
    uint64_t n = strlen(s);
    put_byte(b, STORE_F_TEXT);
    store_buf_put(b, &n, sizeof n);
    store_buf_put(b, s, (size_t)n + 1);
}

static void put_int(buf *b, long long i)
{
    put_byte(b, STORE_F_INT);
    store_buf_put(b, &i, sizeof i);
}

/* A number of object o (which may be NULL), as an integer, or NULL. */
static void put_num(buf *b, const cJSON *o, const char *key)
{
    const cJSON *v = o ? cJSON_GetObjectItemCaseSensitive(o, key) : NULL;
    if (cJSON_IsNumber(v))
        put_int(b, (long long)v->valuedouble);
    else
        put_byte(b, STORE_F_NULL);
}

/* One `dixit text` line: an article (a bad row without id or text). */
static void put_article(buf *b, const cJSON *o)
{
    const char *doc = store_jstr(o, "id"), *text = store_jstr(o, "text");
    if (!doc || !text) {
        put_byte(b, STORE_ROW_BAD);
        return;
    }
    put_byte(b, STORE_ROW_ARTICLE);
    static const char *const keys[] = {"id", "path", "url", "title", "site", "date", "authors", "lang"};
    for (int k = 0; k < 8; k++)
        put_str(b, store_jstr(o, keys[k]));
    char hash[33];
    store_text_hash(text, strlen(text), hash);
    put_str(b, hash);
    put_int(b, (long long)store_code_points(text));
    put_str(b, text);
}

/* A string of the record, folded for the full-text index. */
static void put_folded(buf *b, const char *s)
{
    char *f = store_fold(s);
    if (s && !f)
        b->oom = true;
    put_str(b, f);
    free(f);
}

/* One record line. */
static void put_record(buf *b, const cJSON *o)
{
    const cJSON *sp = store_jobj(o, "speaker"), *cue = store_jobj(o, "cue"), *ad = store_jobj(o, "addressee"),
                *so = store_jobj(o, "source");
    put_byte(b, STORE_ROW_RECORD);
    put_str(b, store_jstr(o, "doc"));
    put_str(b, store_jstr(o, "id"));
    put_str(b, store_jstr(o, "type"));
    put_str(b, store_jstr(o, "quotation"));
    static const char *const offsets[] = {"start", "end", "start_byte", "end_byte"};
    for (int k = 0; k < 4; k++)
        put_num(b, o, offsets[k]);
    char *parts = cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(o, "parts"));
    put_str(b, parts ? parts : "[]");
    free(parts);
    put_str(b, store_jstr(sp, "name"));
    put_str(b, store_jstr(sp, "mention"));
    put_num(b, sp, "start");
    put_num(b, sp, "end");
    put_str(b, store_jstr(sp, "kind"));
    put_num(b, sp, "entity");
    put_str(b, store_jstr(sp, "resolved_by"));
    put_str(b, store_jstr(cue, "text"));
    put_str(b, store_jstr(cue, "lemma"));
    put_str(b, store_jstr(cue, "act"));
    put_num(b, cue, "start");
    put_num(b, cue, "end");
    put_str(b, store_jstr(ad, "name"));
    put_str(b, store_jstr(ad, "mention"));
    put_str(b, store_jstr(so, "name"));
    put_str(b, store_jstr(so, "mention"));
    put_str(b, store_jstr(o, "channel"));
    const cJSON *conf = cJSON_GetObjectItemCaseSensitive(o, "confidence");
    double d = cJSON_IsNumber(conf) ? conf->valuedouble : 0;
    put_byte(b, STORE_F_REAL);
    store_buf_put(b, &d, sizeof d);
    put_folded(b, store_jstr(o, "quotation"));
    put_folded(b, store_jstr(sp, "name"));
}

/* Each JSON line of p[0..n) as an article or a record row (an empty
 * line nothing, one that is not JSON a bad row). */
static void put_lines(buf *b, const char *p, size_t n, bool articles)
{
    for (size_t i = 0; i < n && !b->oom;) {
        const char *nl = memchr(p + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - p) : n;
        cJSON *o = e > i ? cJSON_ParseWithLength(p + i, e - i) : NULL;
        if (!o && e > i)
            put_byte(b, STORE_ROW_BAD);
        else if (o && articles)
            put_article(b, o);
        else if (o)
            put_record(b, o);
        cJSON_Delete(o);
        i = e + 1;
    }
}

int store_rows_make(const char *texts, size_t texts_len, const char *records, size_t records_len, char **out,
                    size_t *out_len)
{
    buf b = {NULL, 0, 0, false};
    put_lines(&b, texts, texts_len, true);
    put_lines(&b, records, records_len, false);
    put_byte(&b, 0); /* (the end; a batch of no lines is one byte) */
    if (b.oom) {
        free(b.p);
        *out = NULL;
        *out_len = 0;
        return -1;
    }
    *out = b.p;
    *out_len = b.n;
    return 0;
}

int store_rows_next(const char *p, size_t len, size_t *at, store_field *f)
{
    if (*at >= len || !p[*at])
        return 0;
    int kind = (unsigned char)p[(*at)++];
    int nf = kind == STORE_ROW_ARTICLE ? STORE_A_FIELDS : kind == STORE_ROW_RECORD ? STORE_R_FIELDS : 0;
    for (int k = 0; k < nf; k++) {
        store_field *x = &f[k];
        *x = (store_field){.type = (unsigned char)p[(*at)++]};
        if (x->type == STORE_F_TEXT) {
            uint64_t n;
            memcpy(&n, p + *at, sizeof n);
            x->s = p + *at + sizeof n;
            x->n = (size_t)n;
            *at += sizeof n + (size_t)n + 1;
        } else if (x->type == STORE_F_INT) {
            memcpy(&x->i, p + *at, sizeof x->i);
            *at += sizeof x->i;
        } else if (x->type == STORE_F_REAL) {
            memcpy(&x->d, p + *at, sizeof x->d);
            *at += sizeof x->d;
        }
    }
    return kind;
}
