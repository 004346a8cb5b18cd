/*
 * read.c: bytes in, documents out, through a streaming feed/finish API.
 *
 * A .txt stream is one document (id = file name stem; a leading
 * `date YYYY-MM[-DD]` token is metadata, offsets still count from byte 0).
 * A JSON Lines stream is one document per line, with the field names of
 * docs/schema.md and the aliases of common news crawlers. Whatever the
 * chunking of the feed, the same documents and the same errors come out.
 * A bad document or line is reported with its line and byte position and
 * skipped; the reader goes on.
 */
#include "alloc.h"
#include "html.h"
#include "jsonl.h"
#include "warc.h"
#include "utf8.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>

struct dixit_reader {
    dixit_input kind;
    char *name;
    char *stem;
    size_t max;
    const dixit_allocator *alloc;
    dixit_allocator alloc_copy;
    dixit_doc_fn on_doc;
    dixit_error_fn on_error;
    dixit_line_fn on_line; /* jsonl: hand lines out raw instead of reading them */
    void *ctx;
    buf acc;             /* the document (txt) or the current line (jsonl) */
    buf fields;          /* jsonl: the strings of the current line's fields */
    size_t offset;       /* bytes fed so far */
    size_t line;         /* current line number, 1-based */
    size_t line_start;   /* stream offset of the current line */
    bool overflow;       /* current line / document went over the limit */
    bool seen_line;      /* jsonl: a line with something on it was split */
    bool stopped;
    size_t errors;
    warc *warc;    /* a WARC reader's record cutter */
    bool notes;    /* web pages' documents carry notes on their extraction */
    size_t passed; /* WARC records that hold no article */
};

static void report(dixit_reader *r, dixit_status st, size_t line, const char *doc, size_t byte, const char *msg)
{
    r->errors++;
    if (!r->on_error)
        return;
    dixit_error e = {st, r->name, line, doc, byte, msg};
    r->on_error(r->ctx, &e);
}

static char *dup_str(const dixit_allocator *a, const char *s)
{
    size_t n = strlen(s);
    char *p = dx_malloc(a, n + 1);
    if (p)
        memcpy(p, s, n + 1);
    return p;
}

static void on_warc_record(void *ctx, const warc_record *rec);
static void on_warc_error(void *ctx, size_t byte, const char *msg);

dixit_reader *dixit_reader_new(dixit_input kind, const char *name, size_t max_doc_bytes,
                               const dixit_allocator *alloc, dixit_doc_fn on_doc, dixit_error_fn on_error,
                               void *ctx)
{
    dixit_allocator a = {0};
    if (alloc)
        a = *alloc;
    dixit_reader *r = dx_malloc(&a, sizeof *r);
    if (!r)
        return NULL;
    memset(r, 0, sizeof *r);
    r->alloc_copy = a;
    r->alloc = &r->alloc_copy;
    r->kind = kind;
    r->max = max_doc_bytes ? max_doc_bytes : DIXIT_DEFAULT_MAX_DOC_BYTES;
    r->on_doc = on_doc;
    r->on_error = on_error;
    r->ctx = ctx;
    r->line = 1;
    r->name = dup_str(r->alloc, name ? name : "-");
    /* the id of a .txt document: file name without folders and extension */
    const char *base = r->name ? strrchr(r->name, '/') : NULL;
    base = base ? base + 1 : (r->name ? r->name : "-");
    r->stem = dup_str(r->alloc, strcmp(base, "-") == 0 ? "stdin" : base);
    if (!r->name || !r->stem) {
        dixit_reader_free(r);
        return NULL;
    }
    char *dot = strrchr(r->stem, '.');
    if (dot && dot != r->stem) {
        /* "a.txt.gz" → "a" */
        *dot = 0;
        if (strcmp(dot + 1, "gz") == 0 || strcmp(dot + 1, "zst") == 0) {
            char *d2 = strrchr(r->stem, '.');
            if (d2 && d2 != r->stem)
                *d2 = 0;
        }
    }
    /* lines of JSON may hold escapes: allow them twice the text limit */
    buf_init(&r->acc, r->alloc, kind == DIXIT_INPUT_JSONL ? r->max * 2 + 4096 : r->max);
    /* decoded strings are never longer than their line */
    buf_init(&r->fields, r->alloc, r->max * 2 + 4096);
    if (kind == DIXIT_INPUT_WARC) {
        r->warc = dx_malloc(r->alloc, sizeof *r->warc);
        if (!r->warc) {
            dixit_reader_free(r);
            return NULL;
        }
        /* a record's block holds its HTTP headers and a compressed page */
        warc_init(r->warc, r->alloc, r->max, on_warc_record, on_warc_error, r);
    }
    return r;
}

void dixit_reader_free(dixit_reader *r)
{
    if (!r)
        return;
    buf_free(&r->acc);
    buf_free(&r->fields);
    if (r->warc) {
        warc_free(r->warc);
        dx_free(r->alloc, r->warc);
    }
    dx_free(r->alloc, r->name);
    dx_free(r->alloc, r->stem);
    dixit_allocator a = r->alloc_copy;
    dx_free(&a, r);
}

const char *dixit_reader_stem(const dixit_reader *r)
{
    return r ? r->stem : NULL;
}

dixit_status dixit_reader_set_stem(dixit_reader *r, const char *stem)
{
    if (!r || !stem)
        return DIXIT_EARG;
    char *s = dup_str(r->alloc, stem);
    if (!s)
        return DIXIT_ENOMEM;
    dx_free(r->alloc, r->stem);
    r->stem = s;
    return DIXIT_OK;
}

dixit_status dixit_reader_set_origin(dixit_reader *r, size_t line, size_t offset)
{
    if (!r || r->kind != DIXIT_INPUT_JSONL || line == 0 || r->offset || r->line != 1 || r->acc.len)
        return DIXIT_EARG;
    r->line = line;
    r->offset = offset;
    r->line_start = offset;
    r->seen_line = line > 1;
    return DIXIT_OK;
}

size_t dixit_reader_errors(const dixit_reader *r)
{
    return r ? r->errors : 0;
}

/* Line number of byte `at` within s (1-based, counting from `first`). */
static size_t line_of(const char *s, size_t at, size_t first)
{
    size_t line = first;
    for (size_t i = 0; i < at; i++)
        line += s[i] == '\n';
    return line;
}

/* Checks text for UTF-8 and NUL; reports and returns false when bad. */
static bool text_ok(dixit_reader *r, const char *text, size_t n, size_t line, const char *id, size_t base)
{
    size_t bad = utf8_validate(text, n);
    char msg[160];
    if (bad != n) {
        snprintf(msg, sizeof msg, "invalid UTF-8 at byte %zu; document skipped", base + bad);
        report(r, DIXIT_EUTF8, line ? line : line_of(text, bad, 1), id, base + bad, msg);
        return false;
    }
    const char *nul = memchr(text, 0, n);
    if (nul) {
        size_t at = (size_t)(nul - text);
        snprintf(msg, sizeof msg, "NUL byte at byte %zu; document skipped", base + at);
        report(r, DIXIT_ENUL, line ? line : line_of(text, at, 1), id, base + at, msg);
        return false;
    }
    return true;
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* A leading "date YYYY-MM[-DD]" token: returns the body offset, fills date. */
static size_t date_prefix(const char *t, size_t n, char date[11])
{
    size_t i = 0;
    while (i < n && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r'))
        i++;
    if (n - i < 12 || memcmp(t + i, "date ", 5) != 0)
        return 0;
    const char *d = t + i + 5;
    size_t k = 0;
    if (!(is_digit(d[0]) && is_digit(d[1]) && is_digit(d[2]) && is_digit(d[3]) && d[4] == '-' && is_digit(d[5]) &&
          is_digit(d[6])))
        return 0;
    k = 7;
    if (i + 5 + 10 <= n && d[7] == '-' && is_digit(d[8]) && is_digit(d[9]))
        k = 10;
    if (i + 5 + k < n && !(d[k] == ' ' || d[k] == '\n' || d[k] == '\r' || d[k] == '\t'))
        return 0;
    memcpy(date, d, k);
    date[k] = 0;
    size_t body = i + 5 + k;
    while (body < n && (t[body] == ' ' || t[body] == '\t' || t[body] == '\n' || t[body] == '\r'))
        body++;
    return body;
}

/* A JSON Lines stream that opens with an HTML page is no JSON Lines: it
 * is refused with this message. A whole .txt stream that is a page, and a
 * JSON line whose text (or field "html") is one, are read by the HTML
 * stage (html.c). */
static const char html_msg[] = "looks like an HTML page, not JSON Lines (name it .html to read it as one)";

static bool looks_html(const char *s, size_t n)
{
    return html_looks(s, n);
}

/* The first line with something on it of a JSON Lines stream, when it
 * opens an HTML page: the stream is refused whole, with one message. */
static bool html_stream(dixit_reader *r, const char *s, size_t n)
{
    if (r->seen_line)
        return false;
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r'))
        i++;
    if (i == n)
        return false;
    r->seen_line = true;
    if (!looks_html(s, n))
        return false;
    report(r, DIXIT_ENOTEXT, 0, NULL, 0, html_msg);
    r->stopped = true;
    return true;
}

static bool give(dixit_reader *r, const dixit_doc *d)
{
    if (r->on_doc && r->on_doc(r->ctx, d) != 0) {
        r->stopped = true;
        return false;
    }
    return true;
}

static bool read_page(dixit_reader *r, const dixit_doc *base, const char *charset, const char *fetched,
                      size_t byte);

/* A document to on_doc; a JSON line whose text (or field "html") is a web
 * page goes through the page's reading first. */
static bool deliver(dixit_reader *r, const dixit_doc *d)
{
    if (r->kind == DIXIT_INPUT_JSONL && looks_html(d->text, d->len))
        return read_page(r, d, NULL, NULL, r->line_start);
    return give(r, d);
}

/* ------------------------------------------------------------------ */
/* JSON Lines                                                           */

static const char *str_of(const cJSON *f)
{
    return f && cJSON_IsString(f) ? f->valuestring : NULL;
}

/* The field names of docs/schema.md with the aliases of news crawlers, in
 * order of preference within each field, in one list (for jsonl_fields),
 * and where each field's aliases start in it. */
enum {
    F_TEXT = 0,
    F_ID = 5,
    F_DATE = 9,
    F_LANG = 12,
    F_TITLE = 14,
    F_URL = 15,
    F_SITE = 16,
    F_AUTHORS = 18,
    F_ALL = 20
};
static const char *const all_names[F_ALL] = {
    "text",   "maintext", "body", "content",       "html",      "id",    "doc",
    "doc_id", "_id",      "date", "date_publish",  "published", "lang",  "language",
    "title",  "url",      "site", "source_domain", "authors",   "author"};

/* The first of the names all_names[from..to) that o holds and not as
 * null. */
static const cJSON *field(const cJSON *o, size_t from, size_t to)
{
    for (size_t k = from; k < to; k++) {
        const cJSON *f = cJSON_GetObjectItemCaseSensitive(o, all_names[k]);
        if (f && !cJSON_IsNull(f))
            return f;
    }
    return NULL;
}

/* What field() answers, from jsonl_fields' values: the first alias
 * present and not null. */
static const json_value *fast_field(const json_value *v, size_t from, size_t to)
{
    for (size_t k = from; k < to; k++)
        if (v[k].type != JV_ABSENT && v[k].type != JV_NULL)
            return &v[k];
    return NULL;
}

static const char *fast_str(const dixit_reader *r, const json_value *v)
{
    return v && v->type == JV_STRING ? r->fields.data + v->at : NULL;
}

/* A line read without cJSON (jsonl.c), when it is a plain object whose
 * document comes out as is. False, having done nothing, for the rest: a
 * number as id, no text, a text too long, a line jsonl_fields leaves to
 * cJSON. The text needs no check for UTF-8 and NUL bytes: the line was
 * valid, and jsonl_fields decodes no \u0000 nor raw control character. */
static bool fast_line(dixit_reader *r, const char *s, size_t n, size_t line)
{
    json_value v[F_ALL];
    r->fields.len = 0;
    r->fields.failed = false;
    if (!jsonl_fields(s, n, all_names, F_ALL, v, &r->fields))
        return false;
    const json_value *fid = fast_field(v, F_ID, F_DATE), *ft = fast_field(v, F_TEXT, F_ID);
    if ((fid && fid->type == JV_NUMBER) || !ft || ft->type != JV_STRING || ft->len > r->max)
        return false;
    char idbuf[64];
    const char *id = fast_str(r, fid);
    if (!id) {
        snprintf(idbuf, sizeof idbuf, "%s:%zu", r->stem, line);
        id = idbuf;
    }
    char date[32] = {0};
    const char *ds = fast_str(r, fast_field(v, F_DATE, F_LANG));
    if (ds) {
        /* keep the calendar date of a timestamp */
        size_t k = 0;
        while (ds[k] && ds[k] != ' ' && ds[k] != 'T' && k < sizeof date - 1) {
            date[k] = ds[k];
            k++;
        }
    }
    dixit_doc d = {.id = id,
                   .text = r->fields.data + ft->at,
                   .len = ft->len,
                   .date = ds ? date : NULL,
                   .lang = fast_str(r, fast_field(v, F_LANG, F_TITLE)),
                   .title = fast_str(r, fast_field(v, F_TITLE, F_URL)),
                   .url = fast_str(r, fast_field(v, F_URL, F_SITE)),
                   .site = fast_str(r, fast_field(v, F_SITE, F_AUTHORS)),
                   .authors = fast_str(r, fast_field(v, F_AUTHORS, F_ALL)),
                   .path = r->name};
    deliver(r, &d);
    return true;
}

static void json_line(dixit_reader *r, const char *s, size_t n)
{
    size_t line = r->line, base = r->line_start;
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r'))
        i++;
    if (i == n)
        return; /* blank lines are allowed */
    char msg[200];
    size_t bad = utf8_validate(s, n);
    if (bad != n) {
        snprintf(msg, sizeof msg, "invalid UTF-8 at byte %zu; line skipped", base + bad);
        report(r, DIXIT_EUTF8, line, NULL, base + bad, msg);
        return;
    }
    if (fast_line(r, s, n, line))
        return;
    const char *end = NULL;
    cJSON *o = cJSON_ParseWithLengthOpts(s, n, &end, 0);
    if (!o || !cJSON_IsObject(o)) {
        size_t at = end && end >= s && end <= s + n ? (size_t)(end - s) : 0;
        if (o)
            snprintf(msg, sizeof msg, "line is JSON but not an object; line skipped");
        else
            snprintf(msg, sizeof msg, "JSON does not parse at byte %zu; line skipped", base + at);
        report(r, DIXIT_EJSON, line, NULL, base + at, msg);
        cJSON_Delete(o);
        return;
    }
    char idbuf[64];
    const cJSON *fid = field(o, F_ID, F_DATE);
    const char *id = str_of(fid);
    if (!id && fid && cJSON_IsNumber(fid)) {
        snprintf(idbuf, sizeof idbuf, "%.17g", fid->valuedouble);
        id = idbuf;
    }
    if (!id) {
        snprintf(idbuf, sizeof idbuf, "%s:%zu", r->stem, line);
        id = idbuf;
    }
    const cJSON *ft = field(o, F_TEXT, F_ID);
    const char *text = str_of(ft);
    if (!text) {
        snprintf(msg, sizeof msg,
                 "no \"text\" string field (nor maintext, body, content, html); line skipped");
        report(r, DIXIT_ENOTEXT, line, id, base, msg);
        cJSON_Delete(o);
        return;
    }
    size_t tlen = strlen(text);
    if (tlen > r->max) {
        snprintf(msg, sizeof msg, "text of %zu bytes is over the limit of %zu (--max-doc-bytes); line skipped",
                 tlen, r->max);
        report(r, DIXIT_ETOOBIG, line, id, base, msg);
        cJSON_Delete(o);
        return;
    }
    if (!text_ok(r, text, tlen, line, id, base)) {
        cJSON_Delete(o);
        return;
    }
    char date[32] = {0};
    const char *ds = str_of(field(o, F_DATE, F_LANG));
    if (ds) {
        /* keep the calendar date of a timestamp */
        size_t k = 0;
        while (ds[k] && ds[k] != ' ' && ds[k] != 'T' && k < sizeof date - 1) {
            date[k] = ds[k];
            k++;
        }
    }
    dixit_doc d = {.id = id,
                   .text = text,
                   .len = tlen,
                   .date = ds ? date : NULL,
                   .lang = str_of(field(o, F_LANG, F_TITLE)),
                   .title = str_of(field(o, F_TITLE, F_URL)),
                   .url = str_of(field(o, F_URL, F_SITE)),
                   .site = str_of(field(o, F_SITE, F_AUTHORS)),
                   .authors = str_of(field(o, F_AUTHORS, F_ALL)),
                   .path = r->name};
    deliver(r, &d);
    cJSON_Delete(o);
}

/* Gives a whole line to on_line; false when it asked to stop. */
static bool give_line(dixit_reader *r, const char *s, size_t n)
{
    if (r->on_line(r->ctx, s, n, r->line, r->line_start) != 0) {
        r->stopped = true;
        return false;
    }
    return true;
}

static void end_line(dixit_reader *r)
{
    if (r->overflow) {
        char msg[160];
        snprintf(msg, sizeof msg, "line longer than the limit of %zu bytes (--max-doc-bytes); line skipped",
                 r->acc.limit);
        report(r, DIXIT_ETOOBIG, r->line, NULL, r->line_start, msg);
    } else {
        size_t n = r->acc.len;
        const char *s = r->acc.data ? r->acc.data : "";
        if (html_stream(r, s, n))
            ; /* said once for the stream */
        else if (r->on_line)
            give_line(r, s, n);
        else
            json_line(r, s, n);
    }
    r->acc.len = 0;
    r->overflow = false;
}

dixit_status dixit_reader_feed(dixit_reader *r, const void *data, size_t n)
{
    if (!r || (!data && n))
        return DIXIT_EARG;
    if (r->stopped)
        return DIXIT_EARG;
    const char *p = data;
    if (r->kind == DIXIT_INPUT_WARC) {
        r->offset += n;
        if (warc_feed(r->warc, p, n) != DIXIT_OK)
            return DIXIT_ENOMEM;
        return r->stopped ? DIXIT_EARG : DIXIT_OK;
    }
    if (r->kind == DIXIT_INPUT_TXT) {
        if (!r->overflow && !buf_append(&r->acc, p, n)) {
            if (r->acc.len + n > r->acc.limit || n > r->acc.limit)
                r->overflow = true;
            else
                return DIXIT_ENOMEM;
            r->acc.failed = false;
        }
        r->offset += n;
        return DIXIT_OK;
    }
    size_t i = 0;
    while (i < n) {
        const char *nl = memchr(p + i, '\n', n - i);
        size_t take = nl ? (size_t)(nl - (p + i)) : n - i;
        if (r->on_line && nl && !r->overflow && r->acc.len == 0 && take <= r->acc.limit) {
            /* a whole line in this chunk goes out as it is, uncopied */
            r->offset += take + 1;
            i += take + 1;
            if (!html_stream(r, p + i - take - 1, take))
                give_line(r, p + i - take - 1, take);
            r->line++;
            r->line_start = r->offset;
            if (r->stopped)
                return DIXIT_EARG;
            continue;
        }
        if (!r->overflow && !buf_append(&r->acc, p + i, take)) {
            if (r->acc.len + take > r->acc.limit) {
                r->overflow = true;
                r->acc.failed = false;
                r->acc.len = 0;
            } else {
                return DIXIT_ENOMEM;
            }
        }
        i += take;
        r->offset += take;
        if (nl) {
            end_line(r);
            i++;
            r->offset++;
            r->line++;
            r->line_start = r->offset;
            if (r->stopped)
                return DIXIT_EARG;
        }
    }
    return DIXIT_OK;
}

void dixit_reader_on_line(dixit_reader *r, dixit_line_fn fn)
{
    if (r && r->kind == DIXIT_INPUT_JSONL)
        r->on_line = fn;
}

dixit_status dixit_reader_line(dixit_reader *r, const char *line, size_t n, size_t lineno, size_t offset)
{
    if (!r || (!line && n) || r->kind != DIXIT_INPUT_JSONL)
        return DIXIT_EARG;
    if (n > r->acc.limit) {
        /* what feed says of a line over the limit */
        char msg[160];
        snprintf(msg, sizeof msg, "line longer than the limit of %zu bytes (--max-doc-bytes); line skipped",
                 r->acc.limit);
        report(r, DIXIT_ETOOBIG, lineno, NULL, offset, msg);
        return DIXIT_OK;
    }
    r->line = lineno;
    r->line_start = offset;
    r->stopped = false;
    json_line(r, line ? line : "", n);
    return r->stopped ? DIXIT_EARG : DIXIT_OK;
}

/* One message for a page that gives no document: where it is (a JSON
 * line, a WARC record at its byte offset, a whole file) and why. */
static void page_error(dixit_reader *r, dixit_status st, const char *id, size_t byte)
{
    const char *why = st == DIXIT_ENOMEM    ? "out of memory reading the page"
                      : st == DIXIT_ETOOBIG ? "the page's text is over the limit (--max-doc-bytes)"
                                            : "a web page with no text";
    char msg[400];
    if (r->kind == DIXIT_INPUT_JSONL) {
        snprintf(msg, sizeof msg, "document %.200s: %s; line skipped", id ? id : "?", why);
        report(r, st, r->line, id, r->line_start, msg);
    } else if (r->kind == DIXIT_INPUT_WARC) {
        snprintf(msg, sizeof msg, "byte %zu: record %.100s: %s; skipped", byte, id, why);
        report(r, st, 0, id, byte, msg);
    } else {
        snprintf(msg, sizeof msg, "%s; skipped", why);
        report(r, st, 0, id, 0, msg);
    }
}

/* base's text is a web page (charset: the one its HTTP response named, or
 * NULL): the document of its article, base's own fields first (a JSON
 * line's id, date, language, title, URL; a file's or WARC record's id),
 * the page's for the rest, the language left to detection (pages often
 * declare another than their text's: a template's lang="en"). fetched: a
 * WARC record's WARC-Target-URI, the URL before any other; the site is
 * the URL's host when the page names none. byte: where it is in the
 * stream. False when on_doc asked to stop. */
/* The page's marks as dixit_doc.blocks says them, in out (cap bytes), or
 * NULL when it has none. */
static const char *page_blocks(const html_page *pg, char *out, size_t cap)
{
    size_t len = 0;
    out[0] = 0;
    for (size_t k = 0; k < pg->nmarks; k++) {
        const html_mark *m = &pg->marks[k];
        int n = m->end > m->start ? snprintf(out + len, cap - len, "%s %zu %zu\n",
                                             m->kind == MARK_POST ? "post" : "quote", m->start, m->end)
                                  : 0;
        if (n < 0 || (size_t)n >= cap - len)
            break;
        len += (size_t)n;
    }
    out[len] = 0; /* (a line cut by cap goes) */
    return len ? out : NULL;
}

static bool read_page(dixit_reader *r, const dixit_doc *base, const char *charset, const char *fetched,
                      size_t byte)
{
    html_page pg;
    dixit_status st = html_read(base->text, base->len, charset, r->notes, r->alloc, r->max, &pg);
    if (st == DIXIT_OK &&
        !text_ok(r, pg.text.data, pg.text.len, r->kind == DIXIT_INPUT_JSONL ? r->line : 0, base->id, byte))
        st = DIXIT_EUTF8; /* said by text_ok */
    else if (st != DIXIT_OK)
        page_error(r, st, base->id, byte);
    bool ok = true;
    if (st == DIXIT_OK) {
        const char *u = fetched && fetched[0] ? fetched : base->url ? base->url : pg.url[0] ? pg.url : NULL;
        if (!pg.site[0] && u)
            html_host(u, pg.site, sizeof pg.site);
        dixit_doc d = *base;
        d.text = pg.text.data;
        d.len = pg.text.len;
        d.body = 0;
        d.date = base->date ? base->date : pg.date[0] ? pg.date : NULL;
        d.title = base->title ? base->title : pg.title[0] ? pg.title : NULL;
        d.url = u;
        d.site = pg.site[0] ? pg.site : NULL;
        d.authors = pg.authors[0] ? pg.authors : NULL;
        d.notes = pg.notes.len ? pg.notes.data : NULL;
        d.captions = pg.captions.len ? pg.captions.data : NULL;
        char blocks[MARKS_MAX * 48];
        d.blocks = page_blocks(&pg, blocks, sizeof blocks);
        ok = give(r, &d);
    }
    html_page_free(&pg);
    return ok;
}

static dixit_status finish_html(dixit_reader *r, const char *t, size_t n)
{
    dixit_doc page = {.id = r->stem, .text = t, .len = n, .path = r->name};
    read_page(r, &page, NULL, NULL, 0);
    r->acc.len = 0;
    return r->stopped ? DIXIT_EARG : DIXIT_OK;
}

/* ------------------------------------------------------------------ */
/* WARC archives */

/* Is a response of this media type a web page? (None named: the body
 * says.) */
static bool page_type(const http_response *h)
{
    if (!h->content_type[0])
        return html_looks(h->body, h->len);
    return !strcmp(h->content_type, "text/html") || !strcmp(h->content_type, "application/xhtml+xml");
}

static void on_warc_record(void *ctx, const warc_record *rec)
{
    dixit_reader *r = ctx;
    http_response h;
    if (r->stopped)
        return;
    if (strcmp(rec->type, "response") != 0 || !http_parse(rec->block, rec->len, &h) || h.status != 200 ||
        !page_type(&h)) {
        r->passed++;
        return;
    }
    char id[160];
    snprintf(id, sizeof id, "%s", rec->id[0] ? rec->id : "");
    if (!id[0])
        snprintf(id, sizeof id, "%s:%zu", r->stem, rec->offset);
    buf body;
    dixit_status st = http_body(&h, r->alloc, r->max, &body);
    if (st == DIXIT_ENOTEXT) {
        r->passed++; /* an encoding not read (br), or broken data */
    } else if (st != DIXIT_OK) {
        char msg[300];
        snprintf(msg, sizeof msg, "byte %zu: record %.100s: %s; skipped", rec->offset, id,
                 st == DIXIT_ETOOBIG ? "its page is over the limit (--max-doc-bytes)" : "out of memory");
        report(r, st, 0, id, rec->offset, msg);
    } else {
        dixit_doc page = {.id = id, .text = body.data ? body.data : "", .len = body.len, .path = r->name};
        if (!read_page(r, &page, h.charset, rec->target, rec->offset))
            r->stopped = true;
    }
    buf_free(&body);
}

static void on_warc_error(void *ctx, size_t byte, const char *msg)
{
    dixit_reader *r = ctx;
    char m[300];
    snprintf(m, sizeof m, "byte %zu: %s", byte, msg);
    report(r, DIXIT_ENOTEXT, 0, NULL, byte, m);
}

void dixit_reader_set_notes(dixit_reader *r, int on)
{
    if (r)
        r->notes = on != 0;
}

size_t dixit_reader_passed(const dixit_reader *r)
{
    return r ? r->passed : 0;
}

dixit_status dixit_reader_finish(dixit_reader *r)
{
    if (!r)
        return DIXIT_EARG;
    if (r->stopped)
        return DIXIT_EARG;
    if (r->kind == DIXIT_INPUT_WARC) {
        warc_finish(r->warc);
        return r->stopped ? DIXIT_EARG : DIXIT_OK;
    }
    if (r->kind == DIXIT_INPUT_JSONL) {
        if (r->acc.len || r->overflow)
            end_line(r);
        return r->stopped ? DIXIT_EARG : DIXIT_OK;
    }
    char msg[200];
    if (r->overflow) {
        snprintf(msg, sizeof msg, "document of %zu bytes is over the limit of %zu (--max-doc-bytes); skipped",
                 r->offset, r->max);
        report(r, DIXIT_ETOOBIG, 0, r->stem, r->max, msg);
        return DIXIT_OK;
    }
    const char *t = r->acc.data ? r->acc.data : "";
    size_t n = r->acc.len;
    if (looks_html(t, n))
        return finish_html(r, t, n);
    if (n >= 7 && memcmp(t, "WARC/1.", 7) == 0) {
        report(r, DIXIT_ENOTEXT, 0, r->stem, 0,
               "a WARC archive: name it .warc or .warc.gz to read its pages");
        r->acc.len = 0;
        return DIXIT_OK;
    }
    if (!text_ok(r, t, n, 0, r->stem, 0))
        return DIXIT_OK;
    char date[11] = {0};
    size_t body = date_prefix(t, n, date);
    dixit_doc d = {
        .id = r->stem, .text = t, .len = n, .body = body, .date = body ? date : NULL, .path = r->name};
    deliver(r, &d);
    r->acc.len = 0;
    return r->stopped ? DIXIT_EARG : DIXIT_OK;
}
