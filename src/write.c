/*
 * write.c: records out, as JSON Lines (the schema of docs/schema.md), CSV
 * for spreadsheet users, and a debug view of the segmentation.
 *
 * Offsets turn from bytes into code points here and only here.
 */
#include "alloc.h"
#include "analysis.h"
#include "attribute.h"
#include "bytes.h"
#include "lang.h"
#include "people.h"
#include "quotes.h"
#include "score.h"
#include "segment.h"
#include "select.h"
#include "utf8.h"
#include "write.h"
#include "zones.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t cp_at(const analysis *an, size_t byte)
{
    size_t k = byte / CP_STEP, off = byte - k * CP_STEP;
    /* a whole step of ASCII (the next mark CP_STEP further): no count */
    if (k < an->len / CP_STEP && an->cp_marks[k + 1] - an->cp_marks[k] == CP_STEP)
        return an->cp_marks[k] + off;
    return an->cp_marks[k] + utf8_count(an->text + k * CP_STEP, off);
}

/* The record writer works with a cursor into room reserved once per
 * record (from the lengths of its strings), not with an append that
 * checks for room at every piece: a record is some sixty pieces. The
 * c_* functions write at o and return the end; the caller has made room. */
static char *c_put(char *o, const char *s, size_t n)
{
    memcpy(o, s, n);
    return o + n;
}
/* a literal: its length is known at compile time */
#define C_LIT(o, lit) c_put(o, lit, sizeof lit - 1)

/* JSON-escaped bytes, without the surrounding quotes: at most 6 * n
 * bytes, with room for 16 more at o (a record's room has that to spare:
 * RECORD_ROOM). Sixteen bytes are asked at a time, the last few through a copy
 * padded with spaces (which need no escape), and an escape is found from
 * the mask, not by walking to it: most strings are short names and need
 * none. */
static char *c_raw(char *o, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    size_t run = 0, i = 0;
    while (i < n) {
        unsigned m;
        if (n - i >= 16) {
            m = json_special16(s + i);
        } else {
            char t[16];
            memset(t, ' ', sizeof t);
            memcpy(t, s + i, n - i);
            m = json_special16(t);
            if (!m) {
                /* the last bytes need no escape: the padded copy goes out
                 * whole, one store (the caller's room holds 16 bytes more
                 * than it keeps) */
                if (i > run)
                    o = c_put(o, s + run, i - run);
                memcpy(o, t, sizeof t);
                return o + (n - i);
            }
        }
        if (!m) {
            i += 16;
            continue;
        }
        i += lowest_bit(m);
        unsigned char c = (unsigned char)s[i];
        o = c_put(o, s + run, i - run);
        run = ++i;
        switch (c) {
        case '"': o = C_LIT(o, "\\\""); break;
        case '\\': o = C_LIT(o, "\\\\"); break;
        case '\n': o = C_LIT(o, "\\n"); break;
        case '\r': o = C_LIT(o, "\\r"); break;
        case '\t': o = C_LIT(o, "\\t"); break;
        default: {
            char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            o = c_put(o, u, 6);
        }
        }
    }
    return c_put(o, s + run, n - run);
}

static char *c_string(char *o, const char *s, size_t n)
{
    *o++ = '"';
    o = c_raw(o, s, n);
    *o++ = '"';
    return o;
}

static char *c_null(char *o)
{
    return C_LIT(o, "null");
}

static char *c_cstr(char *o, const char *s)
{
    return s ? c_string(o, s, strlen(s)) : c_null(o);
}

/* A name of the library's own (a language, a type, a kind): quoted, with
 * nothing to escape. */
static char *c_name(char *o, const char *s)
{
    *o++ = '"';
    o = c_put(o, s, strlen(s));
    *o++ = '"';
    return o;
}

/* The keys of the JSON objects written here (docs/schema.md): those of a
 * record and of its parties and cue, then those of --show features and
 * of --entities. */
enum {
    K_DOC,
    K_ID,
    K_LANG,
    K_DATE,
    K_URL,
    K_TITLE,
    K_PATH,
    K_TYPE,
    K_QUOTATION,
    K_START,
    K_END,
    K_START_BYTE,
    K_END_BYTE,
    K_PARTS,
    K_SPEAKER,
    K_CUE,
    K_ADDRESSEE,
    K_SOURCE,
    K_CHANNEL,
    K_CONFIDENCE,
    K_NAME,
    K_MENTION,
    K_KIND,
    K_ENTITY,
    K_RESOLVED_BY,
    K_TEXT,
    K_LEMMA,
    K_ACT,
    K_RULE,
    K_RF,
    K_CANDS,
    K_SCORE,
    K_F,
    K_ENTITIES,
    K_ATTRIBUTIONS,
    K_MENTIONS,
    K_SITE,
    K_AUTHORS,
    K_CAPTIONS,
    K_BLOCKS,
    K_COUNT
};
/* a key as written, quoted and with its colon, and its length: no key is
 * over 12 bytes, so c_key copies the whole field at once */
typedef struct json_key {
    char text[16];
    uint8_t len;
} json_key;
/* clang-format off */
#define KEY(s) {"\"" s "\":", sizeof s + 2}
/* clang-format on */
static const json_key keys[] = {
    KEY("doc"),      KEY("id"),         KEY("lang"),     KEY("date"),      KEY("url"),
    KEY("title"),    KEY("path"),       KEY("type"),     KEY("quotation"), KEY("start"),
    KEY("end"),      KEY("start_byte"), KEY("end_byte"), KEY("parts"),     KEY("speaker"),
    KEY("cue"),      KEY("addressee"),  KEY("source"),   KEY("channel"),   KEY("confidence"),
    KEY("name"),     KEY("mention"),    KEY("kind"),     KEY("entity"),    KEY("resolved_by"),
    KEY("text"),     KEY("lemma"),      KEY("act"),      KEY("rule"),      KEY("rf"),
    KEY("cands"),    KEY("score"),      KEY("f"),        KEY("entities"),  KEY("attributions"),
    KEY("mentions"), KEY("site"),       KEY("authors"),  KEY("captions"),  KEY("blocks")};
_Static_assert(sizeof keys / sizeof *keys == K_COUNT, "a key for each K_*");

/* Writes key k with the character before it ('{' opening its object,
 * ',' after another key's value) and the colon after it. */
static char *c_key(char *o, char before, int k)
{
    *o++ = before;
    memcpy(o, keys[k].text, sizeof keys[k].text); /* the room is there (RECORD_ROOM) */
    return o + keys[k].len;
}

/* Room a c_cstr of s may take, quotes and escapes included. */
static size_t cstr_room(const char *s)
{
    return s ? 6 * strlen(s) + 2 : 4;
}

/* After writing at the cursor: the buffer's length, and its NUL. */
static void c_done(buf *b, char *o)
{
    b->len = (size_t)(o - b->data);
    b->data[b->len] = 0;
}

/* JSON-escaped bytes, without the surrounding quotes. */
static void json_raw(buf *b, const char *s, size_t n)
{
    if (n > (SIZE_MAX / 2 - 1) / 6 || !buf_reserve(b, 6 * n + 16))
        return;
    c_done(b, c_raw(b->data + b->len, s, n));
}

bool json_string(buf *b, const char *s, size_t n)
{
    buf_putc(b, '"');
    json_raw(b, s, n);
    return buf_putc(b, '"');
}

static void json_cstr(buf *b, const char *s)
{
    if (s)
        json_string(b, s, strlen(s));
    else
        buf_puts(b, "null");
}

static const char *kind_name(dixit_kind k)
{
    switch (k) {
    case DIXIT_KIND_ORGANIZATION: return "organization";
    case DIXIT_KIND_GROUP: return "group";
    case DIXIT_KIND_UNNAMED: return "unnamed_source";
    default: return "person";
    }
}

/* A public function: the records' words for how a name was found. */
const char *dixit_resolution_name(dixit_resolution r)
{
    switch (r) {
    case DIXIT_BY_NONE: return NULL;
    case DIXIT_BY_NAME: return "name";
    case DIXIT_BY_SURNAME: return "surname";
    case DIXIT_BY_ROLE: return "role";
    case DIXIT_BY_DESCRIPTION: return "description";
    case DIXIT_BY_PRONOUN: return "pronoun";
    case DIXIT_BY_CONTEXT: return "context";
    }
    return NULL;
}

static const char *type_name(dixit_type t)
{
    return t == DIXIT_MIXED ? "mixed" : t == DIXIT_INDIRECT ? "indirect" : "direct";
}

/* Decimal digits of v (what "%zu" writes, without printf's cost): at most
 * 20 bytes. Two digits a division, from the table of 00 to 99: a record
 * writes a dozen offsets of five to seven digits. Every caller has room
 * for 20 bytes at o (RECORD_ROOM counts 24 a number). */
static char *c_uint(char *o, size_t v)
{
    static const char pairs[201] =
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
        "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
        "8081828384858687888990919293949596979899";
    /* the digits written from the last one backwards into t, ending at
     * t + 16, then sixteen bytes copied from the first: no count of the
     * digits first (a division a digit) and no copy of a variable length
     * (a call to memcpy). The bytes past the digits land in o's room and
     * are overwritten by what follows. Over 16 digits, t takes 20. */
    char t[40];
    memset(t + 24, 0, 16); /* what the copy reads past the digits */
    char *end = t + 24, *e = end;
    while (v >= 100) {
        size_t r = v % 100;
        v /= 100;
        e -= 2;
        e[0] = pairs[2 * r];
        e[1] = pairs[2 * r + 1];
    }
    if (v >= 10) {
        e -= 2;
        e[0] = pairs[2 * v];
        e[1] = pairs[2 * v + 1];
    } else {
        *--e = (char)('0' + v);
    }
    size_t len = (size_t)(end - e);
    memcpy(o, e, 16);
    if (len > 16)
        memcpy(o + 16, e + 16, 4); /* 17 to 20 digits: the rest */
    return o + len;
}

static void put_uint(buf *b, size_t v)
{
    if (buf_reserve(b, 24))
        c_done(b, c_uint(b->data + b->len, v));
}

/* c_key and c_span on a buffer */
static void put_key(buf *b, char before, int k)
{
    if (buf_reserve(b, sizeof keys[k].text + 1))
        c_done(b, c_key(b->data + b->len, before, k));
}

/* What "%.2f" writes of x, without printf's cost when x is positive and
 * plainly nearer one hundredth than the other: x * 100 is within 1e-12 of
 * its exact value, so a fraction not within 1e-6 of one half rounds the
 * way the exact one does. The rest (ties, negatives, huge) goes to
 * printf. The library never sets a locale: the point is '.'. At most
 * FIXED2_ROOM bytes: a double below 1e309 has 309 digits before the point. */
#define FIXED2_ROOM 320
static char *c_fixed2(char *o, double x)
{
    if (x > 0 && x < 1e9) {
        double y = x * 100;
        long long k = (long long)y; /* floor: y is positive */
        double frac = y - (double)k;
        if (frac < 0.5 - 1e-6 || frac > 0.5 + 1e-6) {
            k += frac > 0.5;
            o = c_uint(o, (size_t)(k / 100));
            char d[3] = {'.', (char)('0' + k % 100 / 10), (char)('0' + k % 10)};
            return c_put(o, d, 3);
        }
    }
    char tmp[FIXED2_ROOM + 8];
    int w = snprintf(tmp, sizeof tmp, "%.2f", x);
    return w > 0 ? c_put(o, tmp, (size_t)w < sizeof tmp ? (size_t)w : sizeof tmp - 1) : o;
}

static void put_fixed2(buf *b, double x)
{
    if (buf_reserve(b, FIXED2_ROOM + 8))
        c_done(b, c_fixed2(b->data + b->len, x));
}

/* ,"start":…,"end":… in code points */
static char *c_span(char *o, const analysis *an, dixit_span s)
{
    o = c_key(o, ',', K_START);
    o = c_uint(o, cp_at(an, s.start));
    o = c_key(o, ',', K_END);
    return c_uint(o, cp_at(an, s.end));
}

/* Room for a party's strings (the rest is in RECORD_ROOM). */
static size_t party_room(const dixit_party *p)
{
    if (!p->present)
        return 0;
    return cstr_room(p->name) + 6 * (size_t)(p->mention.end - p->mention.start) + 2 +
           cstr_room(dixit_resolution_name(p->resolved_by));
}

/* ,"key":{…} of party p, or ,"key":null */
static char *c_party(char *o, const analysis *an, int key, const dixit_party *p)
{
    o = c_key(o, ',', key);
    if (!p->present)
        return c_null(o);
    o = c_key(o, '{', K_NAME);
    o = c_cstr(o, p->name);
    o = c_key(o, ',', K_MENTION);
    if (p->mention.end > p->mention.start) {
        o = c_string(o, an->text + p->mention.start, p->mention.end - p->mention.start);
        o = c_span(o, an, p->mention);
    } else {
        o = c_null(o);
        o = c_null(c_key(o, ',', K_START));
        o = c_null(c_key(o, ',', K_END));
    }
    o = c_name(c_key(o, ',', K_KIND), kind_name(p->kind));
    o = c_key(o, ',', K_ENTITY);
    if (p->entity >= 0)
        o = c_uint(o, (size_t)p->entity); /* "%d" of a non-negative int */
    else
        o = c_null(o);
    o = c_key(o, ',', K_RESOLVED_BY);
    o = c_cstr(o, dixit_resolution_name(p->resolved_by));
    *o++ = '}';
    return o;
}

/* Room for everything of a record but its strings: the keys and
 * punctuation (under 700 bytes), the numbers (twenty, of at most 20
 * digits) and the confidence. */
#define RECORD_ROOM (1024 + 20 * 24 + FIXED2_ROOM)

/* The bytes every record of a document writes the same, escaped once per
 * document rather than once per record (a third of a record's bytes):
 * `{"doc":…,"id":"…` before the record's number and `","lang":…,"path":…`
 * after it, kept as offsets into the buffer of the first record that
 * wrote them (the buffer may move as it grows). */
typedef struct doc_parts {
    size_t head, head_len, mid, mid_len;
    bool set;
} doc_parts;

/* The document's part of a record up to its "type": written from dp when
 * set, else escaped here and remembered in dp (when given). */
static char *c_doc(char *o, buf *b, const analysis *an, size_t n, doc_parts *dp)
{
    const dixit_doc *d = an->doc;
    if (dp && dp->set) {
        o = c_put(o, b->data + dp->head, dp->head_len);
        o = c_uint(o, n + 1);
        return c_put(o, b->data + dp->mid, dp->mid_len);
    }
    size_t head = (size_t)(o - b->data);
    o = c_key(o, '{', K_DOC);
    o = c_cstr(o, d->id);
    o = c_key(o, ',', K_ID);
    *o++ = '"';
    if (d->id)
        o = c_raw(o, d->id, strlen(d->id));
    *o++ = ':';
    size_t head_end = (size_t)(o - b->data);
    o = c_uint(o, n + 1);
    size_t mid = (size_t)(o - b->data);
    *o++ = '"';
    o = c_name(c_key(o, ',', K_LANG), lang_name(an->lang));
    o = c_cstr(c_key(o, ',', K_DATE), d->date);
    o = c_cstr(c_key(o, ',', K_URL), d->url);
    o = c_cstr(c_key(o, ',', K_TITLE), d->title);
    o = c_cstr(c_key(o, ',', K_SITE), d->site);
    o = c_cstr(c_key(o, ',', K_PATH), d->path);
    if (dp)
        *dp = (doc_parts){head, head_end - head, mid, (size_t)(o - b->data) - mid, true};
    return o;
}

/* Room for c_doc's bytes. */
static size_t doc_room(const analysis *an, const doc_parts *dp)
{
    if (dp && dp->set)
        return dp->head_len + dp->mid_len + 24;
    const dixit_doc *d = an->doc;
    size_t idlen = d->id ? strlen(d->id) : 0;
    /* every string's bytes may escape to six */
    return 2 * (6 * idlen + 2) + cstr_room(d->date) + cstr_room(d->url) + cstr_room(d->title) +
           cstr_room(d->site) + cstr_room(d->path);
}

static bool record_jsonl(buf *b, const analysis *an, const dixit_attribution *a, size_t n, doc_parts *dp)
{
    size_t room = RECORD_ROOM + doc_room(an, dp) + 6 * (size_t)(a->content.end - a->content.start) +
                  party_room(&a->speaker) + party_room(&a->addressee) + party_room(&a->source) +
                  party_room(&a->channel) + 48 * (a->nparts + 1);
    if (a->cue.present)
        room += 6 * (size_t)(a->cue.span.end - a->cue.span.start) + 2 + cstr_room(a->cue.lemma) +
                cstr_room(a->cue.act);
    if (!buf_reserve(b, room))
        return false;
    char *o = c_doc(b->data + b->len, b, an, n, dp);
    o = c_name(c_key(o, ',', K_TYPE), type_name(a->type));
    o = c_key(o, ',', K_QUOTATION);
    o = c_string(o, an->text + a->content.start, a->content.end - a->content.start);
    o = c_span(o, an, a->content);
    o = c_uint(c_key(o, ',', K_START_BYTE), a->content.start);
    o = c_uint(c_key(o, ',', K_END_BYTE), a->content.end);
    o = c_key(o, ',', K_PARTS);
    *o++ = '[';
    for (size_t i = 0; i < (a->nparts ? a->nparts : 1); i++) {
        dixit_span s = a->nparts ? a->parts[i] : a->content;
        if (i)
            *o++ = ',';
        *o++ = '[';
        o = c_uint(o, cp_at(an, s.start));
        *o++ = ',';
        o = c_uint(o, cp_at(an, s.end));
        *o++ = ']';
    }
    *o++ = ']';
    o = c_party(o, an, K_SPEAKER, &a->speaker);
    o = c_key(o, ',', K_CUE);
    if (a->cue.present) {
        o = c_key(o, '{', K_TEXT);
        o = c_string(o, an->text + a->cue.span.start, a->cue.span.end - a->cue.span.start);
        o = c_cstr(c_key(o, ',', K_LEMMA), a->cue.lemma);
        o = c_cstr(c_key(o, ',', K_ACT), a->cue.act);
        o = c_span(o, an, a->cue.span);
        *o++ = '}';
    } else {
        o = c_null(o);
    }
    o = c_party(o, an, K_ADDRESSEE, &a->addressee);
    o = c_party(o, an, K_SOURCE, &a->source);
    o = c_party(o, an, K_CHANNEL, &a->channel);
    o = c_fixed2(c_key(o, ',', K_CONFIDENCE), a->confidence);
    *o++ = '}';
    *o++ = '\n';
    c_done(b, o);
    return !b->failed;
}

bool write_record_jsonl(buf *b, const analysis *an, const dixit_attribution *a, size_t n)
{
    return record_jsonl(b, an, a, n, NULL);
}

bool write_records_jsonl(buf *b, const analysis *an, const dixit_attribution *a, size_t n)
{
    doc_parts dp = {0};
    for (size_t i = 0; i < n; i++)
        if (!record_jsonl(b, an, &a[i], i, &dp))
            return false;
    return true;
}

/* ------------------------------------------------------------------ */
/* CSV                                                                  */

/* RFC 4180: every line ends in CRLF, the header's too; text cells are in
 * double quotes with inner quotes doubled, empty for null. The first
 * fourteen columns are those of the first release, in their order; later
 * ones go at the end so that scripts that read columns by place go on
 * working. */
const char *dixit_csv_header(void)
{
    return "doc,id,lang,date,type,start,end,quotation,speaker,speaker_kind,cue,cue_lemma,cue_act,"
           "confidence,addressee,source,channel,speaker_mention,url,path,quoted_text,site\r\n";
}

/* A spreadsheet takes a cell that opens with one of these as a formula
 * (`=HYPERLINK(...)` in a quotation would become a live link): OWASP's
 * list for CSV injection. Such a cell gets a leading apostrophe, which
 * spreadsheets read as "this is text" and do not show. */
static bool csv_formula_start(const char *s, size_t n)
{
    return n > 0 && memchr("=+-@\t\r", s[0], 6) != NULL;
}

/* The opening quote of a text cell whose bytes start with s[0..n). */
static void csv_open(buf *b, const char *s, size_t n)
{
    buf_putc(b, '"');
    if (csv_formula_start(s, n))
        buf_putc(b, '\'');
}

/* CSV bytes with quotes doubled, without the surrounding quotes. */
static void csv_raw(buf *b, const char *s, size_t n)
{
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"') {
            buf_append(b, s + run, i + 1 - run);
            buf_putc(b, '"');
            run = i + 1;
        }
    }
    buf_append(b, s + run, n - run);
}

static void csv_field(buf *b, const char *s, size_t n)
{
    csv_open(b, s, n);
    csv_raw(b, s, n);
    buf_putc(b, '"');
}

static void csv_cstr(buf *b, const char *s)
{
    if (s)
        csv_field(b, s, strlen(s));
}

static void csv_span(buf *b, const analysis *an, dixit_span s)
{
    csv_field(b, an->text + s.start, s.end - s.start);
}

/* The quoted words alone: the parts joined by " […] " (one part: the
 * content). */
static void csv_quoted_text(buf *b, const analysis *an, const dixit_attribution *a)
{
    if (a->nparts < 2) {
        csv_span(b, an, a->content);
        return;
    }
    buf joined;
    buf_init(&joined, an->ar->alloc, 0);
    for (size_t i = 0; i < a->nparts; i++) {
        if (i)
            buf_puts(&joined, " [\xe2\x80\xa6] ");
        buf_append(&joined, an->text + a->parts[i].start, a->parts[i].end - a->parts[i].start);
    }
    if (joined.failed)
        b->failed = true;
    else
        csv_field(b, joined.data ? joined.data : "", joined.len);
    buf_free(&joined);
}

/* A party's name after a comma; empty for a null party. */
static void csv_party(buf *b, const dixit_party *p)
{
    buf_putc(b, ',');
    if (p->present)
        csv_cstr(b, p->name);
}

bool write_record_csv(buf *b, const analysis *an, const dixit_attribution *a, size_t n)
{
    const dixit_doc *d = an->doc;
    const char *lang = lang_name(an->lang);
    const char *id = d->id ? d->id : "";
    csv_cstr(b, d->id);
    buf_putc(b, ',');
    csv_open(b, id, strlen(id));
    csv_raw(b, id, strlen(id));
    buf_printf(b, ":%zu\",%s,", n + 1, lang);
    csv_cstr(b, d->date);
    buf_printf(b, ",%s,%zu,%zu,", type_name(a->type), cp_at(an, a->content.start), cp_at(an, a->content.end));
    csv_span(b, an, a->content);
    buf_putc(b, ',');
    if (a->speaker.present)
        csv_cstr(b, a->speaker.name);
    buf_putc(b, ',');
    if (a->speaker.present)
        buf_puts(b, kind_name(a->speaker.kind));
    buf_putc(b, ',');
    if (a->cue.present)
        csv_span(b, an, a->cue.span);
    buf_putc(b, ',');
    if (a->cue.present)
        csv_cstr(b, a->cue.lemma);
    buf_putc(b, ',');
    if (a->cue.present)
        csv_cstr(b, a->cue.act);
    buf_putc(b, ',');
    put_fixed2(b, a->confidence);
    csv_party(b, &a->addressee);
    csv_party(b, &a->source);
    csv_party(b, &a->channel);
    buf_putc(b, ',');
    if (a->speaker.present && a->speaker.mention.end > a->speaker.mention.start)
        csv_span(b, an, a->speaker.mention);
    buf_putc(b, ',');
    csv_cstr(b, d->url);
    buf_putc(b, ',');
    csv_cstr(b, d->path);
    buf_putc(b, ',');
    csv_quoted_text(b, an, a);
    buf_putc(b, ',');
    csv_cstr(b, d->site);
    buf_puts(b, "\r\n");
    return !b->failed;
}

/* ------------------------------------------------------------------ */
/* Debug view                                                           */

static void excerpt(buf *b, const analysis *an, size_t s, size_t e)
{
    const size_t max = 70;
    buf_putc(b, ' ');
    if (e - s <= max) {
        json_string(b, an->text + s, e - s);
        return;
    }
    size_t cut = s + max;
    while (cut > s && ((unsigned char)an->text[cut] & 0xC0) == 0x80)
        cut--;
    json_string(b, an->text + s, cut - s);
    buf_puts(b, "...");
}

bool write_segments(buf *b, const analysis *an)
{
    const char *lang = lang_name(an->lang);
    buf_printf(b, "# doc %s lang %s paragraphs %zu sentences %zu quotes %zu\n",
               an->doc->id ? an->doc->id : "", lang, an->nparas, an->nsents, an->nquotes);
    if (an->doc->notes) /* a web page: what its extraction kept and dropped */
        buf_puts(b, an->doc->notes);
    size_t s = 0, q = 0;
    for (size_t p = 0; p < an->nparas; p++) {
        const paragraph *pa = &an->paras[p];
        buf_printf(b, "P%zu %s [%zu,%zu)", p, zone_name(pa->zone), cp_at(an, pa->start), cp_at(an, pa->end));
        excerpt(b, an, pa->start, pa->end);
        buf_putc(b, '\n');
        for (; s < an->nsents && an->sents[s].para == p; s++) {
            size_t a = an->toks[an->sents[s].tok_start].start, e = an->toks[an->sents[s].tok_end - 1].end;
            buf_printf(b, "  S%zu [%zu,%zu)", s, cp_at(an, a), cp_at(an, e));
            excerpt(b, an, a, e);
            buf_putc(b, '\n');
        }
        for (; q < an->nquotes && an->quotes[q].para_first == p; q++) {
            const quote *qq = &an->quotes[q];
            buf_printf(b, "  Q%zu depth %u%s [%zu,%zu)", q, qq->depth, qq->recovered ? " recovered" : "",
                       cp_at(an, qq->start), cp_at(an, qq->end));
            excerpt(b, an, qq->start, qq->end);
            buf_putc(b, '\n');
        }
    }
    return !b->failed;
}

/* ------------------------------------------------------------------ */
/* Entity table                                                         */

/* Who is quoted in the article: one entry per speaker (same entity id, or
 * same name when the speaker has no id), with its kind, how many
 * attributions it has, and the words that name it at each cue, in order of
 * first attribution. Sorting keeps it O(n log n) on any article. */
typedef struct ent_ref {
    size_t idx;       /* attribution index */
    size_t group;     /* index of the group's first attribution */
    int entity;       /* the speaker's entity id, or -1 */
    const char *name; /* the speaker's name */
} ent_ref;

static int same_speaker(const ent_ref *s, const ent_ref *t)
{
    if (s->entity >= 0 || t->entity >= 0)
        return s->entity == t->entity;
    return strcmp(s->name, t->name) == 0;
}

static int by_speaker(const void *x, const void *y)
{
    const ent_ref *s = x, *t = y;
    if ((s->entity >= 0) != (t->entity >= 0))
        return s->entity >= 0 ? -1 : 1;
    int c = s->entity >= 0 ? (s->entity > t->entity) - (s->entity < t->entity) : strcmp(s->name, t->name);
    if (c)
        return c;
    return (s->idx > t->idx) - (s->idx < t->idx);
}

static int by_group(const void *x, const void *y)
{
    const ent_ref *a = x, *b = y;
    if (a->group != b->group)
        return (a->group > b->group) - (a->group < b->group);
    return (a->idx > b->idx) - (a->idx < b->idx);
}

/* `dixit text`, --show text: the article as dixit read it, one JSON line
 * (id, path, url, title, site, date, authors, lang, text): what a web page
 * gave, the text the records' offsets count in. */
bool write_text(buf *b, const analysis *an)
{
    const dixit_doc *d = an->doc;
    static const int keys_of[] = {K_ID, K_PATH, K_URL, K_TITLE, K_SITE, K_DATE, K_AUTHORS, K_LANG};
    const char *values[] = {d->id,   d->path, d->url,     d->title,
                            d->site, d->date, d->authors, lang_name(an->lang)};
    for (size_t k = 0; k < sizeof keys_of / sizeof *keys_of; k++) {
        put_key(b, k ? ',' : '{', keys_of[k]);
        json_cstr(b, values[k]);
    }
    put_key(b, ',', K_TEXT);
    json_string(b, d->text, d->len);
    /* a web page's captions, a string each */
    put_key(b, ',', K_CAPTIONS);
    buf_putc(b, '[');
    for (const char *c = d->captions; c && *c;) {
        size_t n = strcspn(c, "\n");
        if (c != d->captions)
            buf_putc(b, ',');
        json_string(b, c, n);
        c += n + (c[n] == '\n');
    }
    /* its blockquotes and posts, at code points of the text as records */
    buf_putc(b, ']');
    put_key(b, ',', K_BLOCKS);
    buf_putc(b, '[');
    char kind[8];
    size_t s, e;
    int n = 0, k = 0;
    for (const char *l = d->blocks; l && sscanf(l, "%7s %zu %zu%n", kind, &s, &e, &n) == 3; l += n + 1, k++) {
        if (e > an->len || s > e)
            break;
        if (k)
            buf_putc(b, ',');
        put_key(b, '{', K_KIND);
        json_cstr(b, kind);
        char num[64];
        snprintf(num, sizeof num, ",\"start\":%zu,\"end\":%zu}", cp_at(an, s), cp_at(an, e));
        buf_puts(b, num);
        if (l[n] != '\n')
            break;
    }
    return buf_puts(b, "]}\n");
}

bool write_entities(buf *b, const analysis *an, const dixit_attribution *a, size_t n)
{
    ent_ref *refs = n ? dx_malloc(an->ar->alloc, n * sizeof *refs) : NULL;
    if (n && !refs)
        return false;
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (a[i].speaker.present && a[i].speaker.name) {
            refs[m].idx = i;
            refs[m].entity = a[i].speaker.entity;
            refs[m].name = a[i].speaker.name;
            m++;
        }
    /* group equal speakers, then put the groups in text order */
    if (m)
        qsort(refs, m, sizeof *refs, by_speaker);
    for (size_t i = 0; i < m; i++)
        refs[i].group = (i > 0 && same_speaker(&refs[i], &refs[i - 1])) ? refs[i - 1].group : refs[i].idx;
    if (m)
        qsort(refs, m, sizeof *refs, by_group);
    put_key(b, '{', K_DOC);
    json_cstr(b, an->doc->id);
    put_key(b, ',', K_LANG);
    json_cstr(b, lang_name(an->lang));
    put_key(b, ',', K_ENTITIES);
    buf_putc(b, '[');
    for (size_t i = 0; i < m;) {
        size_t j = i;
        while (j < m && refs[j].group == refs[i].group)
            j++;
        const dixit_party *s = &a[refs[i].idx].speaker;
        if (i)
            buf_putc(b, ',');
        put_key(b, '{', K_NAME);
        json_cstr(b, s->name);
        put_key(b, ',', K_KIND);
        json_cstr(b, kind_name(s->kind));
        put_key(b, ',', K_ENTITY);
        if (s->entity >= 0)
            put_uint(b, (size_t)s->entity);
        else
            json_cstr(b, NULL);
        put_key(b, ',', K_ATTRIBUTIONS);
        put_uint(b, j - i);
        put_key(b, ',', K_MENTIONS);
        buf_putc(b, '[');
        bool firstm = true;
        for (size_t k = i; k < j; k++) {
            const dixit_party *t = &a[refs[k].idx].speaker;
            if (t->mention.end <= t->mention.start)
                continue;
            if (!firstm)
                buf_putc(b, ',');
            firstm = false;
            put_key(b, '{', K_TEXT);
            json_string(b, an->text + t->mention.start, t->mention.end - t->mention.start);
            if (buf_reserve(b, 64))
                c_done(b, c_span(b->data + b->len, an, t->mention));
            buf_putc(b, '}');
        }
        buf_puts(b, "]}");
        i = j;
    }
    buf_puts(b, "]}\n");
    dx_free(an->ar->alloc, refs);
    return !b->failed;
}

/* ------------------------------------------------------------------ */
/* The scorer's view (DIXIT_FORMAT_FEATURES), for tools/train.py        */

/* The trace of the pronoun at token tok, the latest made. */
static const pron_trace *trace_at(const analysis *an, size_t tok)
{
    for (const pron_trace *t = an->pron_traces; t; t = t->next)
        if (t->tok == tok)
            return t;
    return NULL;
}

static void put_feature(void *ctx, rec_tmpl t, const char *const *parts, size_t n)
{
    buf *b = ctx;
    char name[160] = "rec.";
    size_t len = 4 + strlen(rec_tmpl_name(t));
    memcpy(name + 4, rec_tmpl_name(t), len - 4);
    for (size_t i = 0; i < n; i++) {
        size_t k = strlen(parts[i]);
        if (len + k >= sizeof name)
            k = sizeof name - 1 - len;
        memcpy(name + len, parts[i], k);
        len += k;
    }
    json_string(b, name, len);
    buf_putc(b, ',');
}

static void put_feature_id(void *ctx, feat_id f)
{
    buf *b = ctx;
    json_cstr(b, feat_name(f));
    buf_putc(b, ',');
}

/* The record as in JSON Lines, with "rule", "rf" (the record's features)
 * and "cands": the candidates the scorer
 * weighed for its speaker ([] when no choice was scored). */
bool write_features(buf *b, const analysis *an, const dixit_attribution *a, size_t n)
{
    if (!write_record_jsonl(b, an, a, n))
        return false;
    b->len -= 2; /* the closing "}\n" */
    put_key(b, ',', K_RULE);
    json_cstr(b, a->rule);
    put_key(b, ',', K_RF);
    buf_putc(b, '[');
    size_t mark = b->len;
    feat_sink sink = {put_feature, put_feature_id, b};
    record_features(an, a, &sink);
    if (b->len > mark)
        b->len--; /* the last comma */
    buf_putc(b, ']');
    put_key(b, ',', K_CANDS);
    buf_putc(b, '[');
    const pron_trace *t = NULL;
    if (rule_is(a, RULE_QUOTE_UNCUED) || rule_is(a, RULE_SENTENCE_UNCUED))
        /* its voice's trace */
        t = trace_at(an, tok_index(an, a->content.start));
    else if (a->speaker.present && a->speaker.mention.end > a->speaker.mention.start &&
             a->speaker.resolved_by != DIXIT_BY_CONTEXT)
        /* a voice from the context has the mention of another record,
         * whose choice that record shows */
        t = trace_at(an, tok_index(an, a->speaker.mention.start));
    for (size_t i = 0; t && i < t->n; i++) {
        if (i)
            buf_putc(b, ',');
        put_key(b, '{', K_NAME);
        json_cstr(b, t->name[i]);
        put_key(b, ',', K_SCORE);
        buf_printf(b, "%.4f", t->score[i]);
        put_key(b, ',', K_F);
        buf_putc(b, '[');
        for (size_t j = 0; j < t->f[i].n; j++) {
            buf_puts(b, j ? ",\"" : "\"");
            buf_puts(b, feat_name(t->f[i].id[j]));
            buf_putc(b, '"');
        }
        buf_puts(b, "]}");
    }
    return buf_puts(b, "]}\n") && !b->failed;
}
