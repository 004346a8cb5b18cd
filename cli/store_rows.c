/*
 * store_rows.c: a batch's JSON lines made into the rows the SQLite store
 * binds (store_rows.h says the format and why), and read back. The
 * reading of each line is what store.c did on the writing thread: the
 * same keys, numbers as integers when they are numbers (else NULL), the
 * parts printed as JSON ("[]" when none), a missing confidence 0.
 */
#include "store_rows.h"
#include "jsonl.h"
#include "store_util.h"

#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void put_byte(store_buf *b, int c)
{
    unsigned char u = (unsigned char)c;
    store_buf_put(b, &u, 1);
}

static void put_str(store_buf *b, const char *s)
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

static void put_int(store_buf *b, long long i)
{
    put_byte(b, STORE_F_INT);
    store_buf_put(b, &i, sizeof i);
}

/* A value of a line as the rows take it: a string, a number, or
 * neither (missing, null, of another type). */
enum { J_NONE, J_STRING, J_NUMBER };
typedef struct jval {
    int type;
    const char *s;
    double d;
} jval;

/* Where a value is: under key in the line's object (obj -1), or in the
 * object under the line's key objs[obj]. */
typedef struct jpath {
    int obj;
    const char *key;
} jpath;

/* A value taken as an integer (a number's, truncated), or NULL. */
static void put_num(store_buf *b, const jval *v)
{
    if (v->type == J_NUMBER)
        put_int(b, (long long)v->d);
    else
        put_byte(b, STORE_F_NULL);
}

static void put_text(store_buf *b, const jval *v)
{
    put_str(b, v->type == J_STRING ? v->s : NULL);
}

/* The values an article row takes from its `dixit text` line. */
static const jpath art_paths[] = {{-1, "id"},   {-1, "path"},    {-1, "url"},  {-1, "title"}, {-1, "site"},
                                  {-1, "date"}, {-1, "authors"}, {-1, "lang"}, {-1, "text"}};
enum { ART_PATHS = sizeof art_paths / sizeof *art_paths };

/* One `dixit text` line's values: an article (a bad row without id or text). */
static void put_article(store_buf *b, const jval *v)
{
    const char *doc = v[0].type == J_STRING ? v[0].s : NULL;
    const char *text = v[8].type == J_STRING ? v[8].s : NULL;
    if (!doc || !text) {
        put_byte(b, STORE_ROW_BAD);
        return;
    }
    put_byte(b, STORE_ROW_ARTICLE);
    for (int k = 0; k < 8; k++)
        put_text(b, &v[k]);
    char hash[33];
    store_text_hash(text, strlen(text), hash);
    put_str(b, hash);
    put_int(b, (long long)store_code_points(text));
    put_str(b, text);
}

/* A string of the record, folded for the full-text index. */
static void put_folded(store_buf *b, const char *s)
{
    char *f = store_fold(s);
    if (s && !f)
        b->oom = true;
    put_str(b, f);
    free(f);
}

/* The values a record row takes from its line, in the row's order (the
 * parts, and the folded columns, apart): the record's (obj -1) or its
 * speaker's, cue's, addressee's and source's. */
static const char *const rec_objs[] = {"speaker", "cue", "addressee", "source"};
static const jpath rec_paths[] = {{-1, "doc"},     {-1, "id"},        {-1, "type"},       {-1, "quotation"},
                                  {-1, "start"},   {-1, "end"},       {-1, "start_byte"}, {-1, "end_byte"},
                                  {0, "name"},     {0, "mention"},    {0, "start"},       {0, "end"},
                                  {0, "kind"},     {0, "entity"},     {0, "resolved_by"}, {1, "text"},
                                  {1, "lemma"},    {1, "act"},        {1, "start"},       {1, "end"},
                                  {2, "name"},     {2, "mention"},    {3, "name"},        {3, "mention"},
                                  {-1, "channel"}, {-1, "confidence"}};
enum { REC_PATHS = sizeof rec_paths / sizeof *rec_paths, REC_OBJS = sizeof rec_objs / sizeof *rec_objs };
#define MAX_VALUES 32 /* (of a line: a record's, more than an article's) */
_Static_assert(REC_PATHS <= MAX_VALUES && (int)ART_PATHS <= MAX_VALUES, "the values of a line fit");
_Static_assert(REC_PATHS + 3 == STORE_R_FIELDS, "a record row: its values, the parts and two folded columns");

/* Whether rec_paths[k] is an integer column (offsets, the entity). */
static bool rec_number(int k)
{
    return (k >= 4 && k <= 7) || k == 10 || k == 11 || k == 13 || k == 18 || k == 19;
}

/* One record line's values, and its parts as JSON (NULL: none, "[]"). */
static void put_record(store_buf *b, const jval *v, const char *parts)
{
    put_byte(b, STORE_ROW_RECORD);
    for (int k = 0; k < REC_PATHS - 1; k++) {
        if (k == 8) /* (the parts come after the offsets) */
            put_str(b, parts ? parts : "[]");
        if (rec_number(k))
            put_num(b, &v[k]);
        else
            put_text(b, &v[k]);
    }
    double d = v[REC_PATHS - 1].type == J_NUMBER ? v[REC_PATHS - 1].d : 0; /* the confidence */
    put_byte(b, STORE_F_REAL);
    store_buf_put(b, &d, sizeof d);
    put_folded(b, v[3].type == J_STRING ? v[3].s : NULL); /* the quotation */
    put_folded(b, v[8].type == J_STRING ? v[8].s : NULL); /* the speaker's name */
}

/* The values of cJSON's tree o at paths, as store_json_read gives them. */
static void tree_values(const cJSON *o, const char *const *objs, const jpath *paths, int n, jval *v)
{
    for (int k = 0; k < n; k++) {
        const cJSON *in = paths[k].obj < 0 ? o : store_jobj(o, objs[paths[k].obj]);
        const cJSON *x = in ? cJSON_GetObjectItemCaseSensitive(in, paths[k].key) : NULL;
        v[k] = cJSON_IsString(x)   ? (jval){J_STRING, x->valuestring, 0}
               : cJSON_IsNumber(x) ? (jval){J_NUMBER, NULL, x->valuedouble}
                                   : (jval){J_NONE, NULL, 0};
    }
}

/* Whether the parts' JSON p[0..n) is what cJSON prints of it: brackets,
 * commas and integers of at most 9 digits (printed "%d"), no space, no
 * leading zero, no "-0". */
static bool parts_as_printed(const char *p, size_t n)
{
    if (!n || p[0] != '[')
        return false;
    for (size_t i = 0; i < n;) {
        if (p[i] == '[' || p[i] == ']' || p[i] == ',') {
            i++;
            continue;
        }
        size_t b = i + (p[i] == '-'), e = b;
        while (e < n && p[e] >= '0' && p[e] <= '9')
            e++;
        if (e == b || e - b > 9 || (p[b] == '0' && (e - b > 1 || b > i)))
            return false;
        i = e;
    }
    return true;
}

/* The values at paths[0..npaths) of the line p[0..n) by the library's
 * reader (jsonl.c: one pass, no tree; cJSON's tree made thirty-odd
 * allocations a record, of which the row took a dozen values: with the
 * parts printed, as much of the extracting thread's time as the
 * extraction); strings decoded into out. parts (when not NULL): the text
 * of the line's parts, an array, or NULL when it has none. false when the
 * reader leaves the line to cJSON, which reads it the same. */
static bool quick_values(const char *p, size_t n, const char *const *objs, int nobjs, const jpath *paths,
                         int npaths, jval *v, buf *out, const char **parts, size_t *parts_n)
{
    const char *names[MAX_VALUES + 8], *sub_names[MAX_VALUES];
    json_value top[MAX_VALUES + 8], sub[MAX_VALUES], got[MAX_VALUES];
    const char *in[MAX_VALUES]; /* (the text a value's span is in) */
    size_t nn = 0, at[MAX_VALUES];
    for (int k = 0; k < npaths; k++)
        if (paths[k].obj < 0)
            names[at[k] = nn++] = paths[k].key;
    size_t first_obj = nn, parts_at = nn + (size_t)nobjs;
    for (int o = 0; o < nobjs; o++)
        names[nn++] = objs[o];
    if (parts)
        names[nn++] = "parts";
    out->len = 0;
    if (!jsonl_fields(p, n, names, nn, top, out))
        return false;
    for (int k = 0; k < npaths; k++)
        if (paths[k].obj < 0) {
            got[k] = top[at[k]];
            in[k] = p;
        }
    for (int o = 0; o < nobjs; o++) { /* each object's own values */
        const json_value *ov = &top[first_obj + (size_t)o];
        bool obj = ov->type == JV_OTHER && p[ov->at] == '{';
        size_t ns = 0;
        for (int k = 0; k < npaths; k++)
            if (paths[k].obj == o)
                sub_names[at[k] = ns++] = paths[k].key;
        if (obj && !jsonl_fields(p + ov->at, ov->len, sub_names, ns, sub, out))
            return false;
        for (int k = 0; k < npaths; k++)
            if (paths[k].obj == o) {
                got[k] = obj ? sub[at[k]] : (json_value){JV_ABSENT, 0, 0};
                in[k] = p + ov->at;
            }
    }
    for (int k = 0; k < npaths; k++) { /* (out's bytes stay where they are now) */
        v[k] = (jval){J_NONE, NULL, 0};
        if (got[k].type == JV_STRING) {
            v[k] = (jval){J_STRING, out->data + got[k].at, 0};
        } else if (got[k].type == JV_NUMBER) { /* (at most 32 characters: jsonl.c's limit) */
            char tok[64];
            memcpy(tok, in[k] + got[k].at, got[k].len);
            tok[got[k].len] = 0;
            v[k] = (jval){J_NUMBER, NULL, strtod(tok, NULL)};
        }
    }
    if (parts && top[parts_at].type != JV_ABSENT &&
        !(top[parts_at].type == JV_OTHER && p[top[parts_at].at] == '['))
        return false; /* (parts of another kind: cJSON prints them) */
    if (parts) {
        *parts = top[parts_at].type == JV_ABSENT ? NULL : p + top[parts_at].at;
        *parts_n = top[parts_at].len;
    }
    return true;
}

/* One line by the quick reader: false when it leaves it to cJSON. */
static bool quick_line(store_buf *b, const char *p, size_t n, bool articles, buf *out)
{
    jval v[MAX_VALUES];
    const char *raw = NULL;
    size_t raw_n = 0;
    if (articles) {
        if (!quick_values(p, n, NULL, 0, art_paths, ART_PATHS, v, out, NULL, NULL))
            return false;
        put_article(b, v);
        return true;
    }
    if (!quick_values(p, n, rec_objs, REC_OBJS, rec_paths, REC_PATHS, v, out, &raw, &raw_n) ||
        (raw && !parts_as_printed(raw, raw_n)))
        return false;
    char *parts = raw ? malloc(raw_n + 1) : NULL;
    if (raw && !parts)
        return false;
    if (parts) {
        memcpy(parts, raw, raw_n);
        parts[raw_n] = 0;
    }
    put_record(b, v, parts);
    free(parts);
    return true;
}

/* One line through cJSON's tree: what the quick reader leaves. */
static void tree_line(store_buf *b, const char *p, size_t n, bool articles)
{
    cJSON *o = cJSON_ParseWithLength(p, n);
    jval v[MAX_VALUES];
    if (!o) {
        put_byte(b, STORE_ROW_BAD);
    } else if (articles) {
        tree_values(o, NULL, art_paths, ART_PATHS, v);
        put_article(b, v);
    } else {
        tree_values(o, rec_objs, rec_paths, REC_PATHS, v);
        char *parts = cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(o, "parts"));
        put_record(b, v, parts);
        free(parts);
    }
    cJSON_Delete(o);
}

/* Each JSON line of p[0..n) as an article or a record row (an empty
 * line nothing, one that is not JSON a bad row). */
static void put_lines(store_buf *b, const char *p, size_t n, bool articles)
{
    buf out; /* the decoded strings of a line */
    buf_init(&out, NULL, 0);
    for (size_t i = 0; i < n && !b->oom;) {
        const char *nl = memchr(p + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - p) : n;
        if (e > i && !quick_line(b, p + i, e - i, articles, &out))
            tree_line(b, p + i, e - i, articles);
        i = e + 1;
    }
    buf_free(&out);
}

int store_rows_make(const char *texts, size_t texts_len, const char *records, size_t records_len, char **out,
                    size_t *out_len)
{
    store_buf b = {NULL, 0, 0, false};
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
