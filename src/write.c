/*
 * write.c: records out, as JSON Lines (the schema of docs/schema.md), CSV
 * for spreadsheet users, and a debug view of the segmentation.
 *
 * Offsets turn from bytes into code points here and only here.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/* JSON-escaped bytes, without the surrounding quotes. Sixteen bytes are
 * asked at a time, the last few through a copy padded with spaces (which
 * need no escape), and an escape is found from the mask, not by walking
 * to it: most strings are short names and need none. */
static void json_raw(buf *b, const char *s, size_t n)
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
        }
        if (!m) {
            i += 16;
            continue;
        }
        i += lowest_bit(m);
        unsigned char c = (unsigned char)s[i];
        buf_append(b, s + run, i - run);
        run = ++i;
        switch (c) {
        case '"': buf_puts(b, "\\\""); break;
        case '\\': buf_puts(b, "\\\\"); break;
        case '\n': buf_puts(b, "\\n"); break;
        case '\r': buf_puts(b, "\\r"); break;
        case '\t': buf_puts(b, "\\t"); break;
        default: {
            char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            buf_append(b, u, 6);
        }
        }
    }
    buf_append(b, s + run, n - run);
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

static const char *type_name(dixit_type t)
{
    return t == DIXIT_MIXED ? "mixed" : t == DIXIT_INDIRECT ? "indirect" : "direct";
}

/* Decimal digits of v (what "%zu" writes, without printf's cost). */
static void put_uint(buf *b, size_t v)
{
    char d[24];
    size_t k = sizeof d;
    do {
        d[--k] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    buf_append(b, d + k, sizeof d - k);
}

/* What "%.2f" writes of x, without printf's cost when x is positive and
 * plainly nearer one hundredth than the other: x * 100 is within 1e-12 of
 * its exact value, so a fraction not within 1e-6 of one half rounds the
 * way the exact one does. The rest (ties, negatives, huge) goes to
 * printf. The library never sets a locale: the point is '.'. */
static void put_fixed2(buf *b, double x)
{
    if (x > 0 && x < 1e9) {
        double y = x * 100;
        long long k = (long long)y; /* floor: y is positive */
        double frac = y - (double)k;
        if (frac < 0.5 - 1e-6 || frac > 0.5 + 1e-6) {
            k += frac > 0.5;
            put_uint(b, (size_t)(k / 100));
            char d[3] = {'.', (char)('0' + k % 100 / 10), (char)('0' + k % 10)};
            buf_append(b, d, 3);
            return;
        }
    }
    buf_printf(b, "%.2f", x);
}

static void span_fields(buf *b, const analysis *an, dixit_span s)
{
    buf_puts(b, "\"start\":");
    put_uint(b, cp_at(an, s.start));
    buf_puts(b, ",\"end\":");
    put_uint(b, cp_at(an, s.end));
}

static void party(buf *b, const analysis *an, const char *key, const dixit_party *p)
{
    buf_puts(b, ",\"");
    buf_puts(b, key);
    buf_puts(b, "\":");
    if (!p->present) {
        buf_puts(b, "null");
        return;
    }
    buf_puts(b, "{\"name\":");
    json_cstr(b, p->name);
    if (p->mention.end > p->mention.start) {
        buf_puts(b, ",\"mention\":");
        json_string(b, an->text + p->mention.start, p->mention.end - p->mention.start);
        buf_putc(b, ',');
        span_fields(b, an, p->mention);
    } else {
        buf_puts(b, ",\"mention\":null,\"start\":null,\"end\":null");
    }
    buf_puts(b, ",\"kind\":\"");
    buf_puts(b, kind_name(p->kind));
    buf_puts(b, "\",\"entity\":");
    if (p->entity >= 0)
        put_uint(b, (size_t)p->entity); /* "%d" of a non-negative int */
    else
        buf_puts(b, "null");
    buf_puts(b, ",\"resolved_by\":");
    json_cstr(b, p->resolved_by);
    buf_putc(b, '}');
}

bool write_record_jsonl(buf *b, const analysis *an, const dixit_attribution *a, size_t n)
{
    const dixit_doc *d = an->doc;
    const char *lang = lang_name(an->lang);
    buf_puts(b, "{\"doc\":");
    json_cstr(b, d->id);
    buf_puts(b, ",\"id\":");
    buf_putc(b, '"');
    json_raw(b, d->id ? d->id : "", d->id ? strlen(d->id) : 0);
    buf_putc(b, ':');
    put_uint(b, n + 1);
    buf_puts(b, "\",\"lang\":\"");
    buf_puts(b, lang);
    buf_puts(b, "\",\"date\":");
    json_cstr(b, d->date);
    buf_puts(b, ",\"type\":\"");
    buf_puts(b, type_name(a->type));
    buf_puts(b, "\",\"quotation\":");
    json_string(b, an->text + a->content.start, a->content.end - a->content.start);
    buf_putc(b, ',');
    span_fields(b, an, a->content);
    buf_puts(b, ",\"start_byte\":");
    put_uint(b, a->content.start);
    buf_puts(b, ",\"end_byte\":");
    put_uint(b, a->content.end);
    party(b, an, "speaker", &a->speaker);
    buf_puts(b, ",\"cue\":");
    if (a->cue.present) {
        buf_puts(b, "{\"text\":");
        json_string(b, an->text + a->cue.span.start, a->cue.span.end - a->cue.span.start);
        buf_puts(b, ",\"lemma\":");
        json_cstr(b, a->cue.lemma);
        buf_puts(b, ",\"act\":");
        json_cstr(b, a->cue.act);
        buf_putc(b, ',');
        span_fields(b, an, a->cue.span);
        buf_putc(b, '}');
    } else {
        buf_puts(b, "null");
    }
    party(b, an, "addressee", &a->addressee);
    party(b, an, "source", &a->source);
    party(b, an, "channel", &a->channel);
    buf_puts(b, ",\"confidence\":");
    put_fixed2(b, a->confidence);
    buf_puts(b, "}\n");
    return !b->failed;
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
    buf_putc(b, '"');
    csv_raw(b, s, n);
    buf_putc(b, '"');
}

static void csv_cstr(buf *b, const char *s)
{
    if (s)
        csv_field(b, s, strlen(s));
}

bool write_record_csv(buf *b, const analysis *an, const dixit_attribution *a, size_t n)
{
    const dixit_doc *d = an->doc;
    const char *lang = lang_name(an->lang);
    csv_cstr(b, d->id);
    buf_putc(b, ',');
    buf_putc(b, '"');
    csv_raw(b, d->id ? d->id : "", d->id ? strlen(d->id) : 0);
    buf_printf(b, ":%zu\",%s,", n + 1, lang);
    csv_cstr(b, d->date);
    buf_printf(b, ",%s,%zu,%zu,", type_name(a->type), cp_at(an, a->content.start), cp_at(an, a->content.end));
    csv_field(b, an->text + a->content.start, a->content.end - a->content.start);
    buf_putc(b, ',');
    if (a->speaker.present)
        csv_cstr(b, a->speaker.name);
    buf_putc(b, ',');
    if (a->speaker.present)
        buf_append(b, kind_name(a->speaker.kind), strlen(kind_name(a->speaker.kind)));
    buf_putc(b, ',');
    if (a->cue.present)
        csv_field(b, an->text + a->cue.span.start, a->cue.span.end - a->cue.span.start);
    buf_putc(b, ',');
    if (a->cue.present)
        csv_cstr(b, a->cue.lemma);
    buf_putc(b, ',');
    if (a->cue.present)
        csv_cstr(b, a->cue.act);
    buf_putc(b, ',');
    put_fixed2(b, a->confidence);
    buf_putc(b, '\n');
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
    buf_printf(b, "# doc %s lang %s paragraphs %zu sentences %zu quotes %zu\n", an->doc->id ? an->doc->id : "",
               lang, an->nparas, an->nsents, an->nquotes);
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
    buf_puts(b, "{\"doc\":");
    json_cstr(b, an->doc->id);
    buf_printf(b, ",\"lang\":\"%s\",\"entities\":[", lang_name(an->lang));
    for (size_t i = 0; i < m;) {
        size_t j = i;
        while (j < m && refs[j].group == refs[i].group)
            j++;
        const dixit_party *s = &a[refs[i].idx].speaker;
        if (i)
            buf_putc(b, ',');
        buf_puts(b, "{\"name\":");
        json_cstr(b, s->name);
        buf_printf(b, ",\"kind\":\"%s\",\"entity\":", kind_name(s->kind));
        if (s->entity >= 0)
            buf_printf(b, "%d", s->entity);
        else
            buf_puts(b, "null");
        buf_printf(b, ",\"attributions\":%zu,\"mentions\":[", j - i);
        bool firstm = true;
        for (size_t k = i; k < j; k++) {
            const dixit_party *t = &a[refs[k].idx].speaker;
            if (t->mention.end <= t->mention.start)
                continue;
            if (!firstm)
                buf_putc(b, ',');
            firstm = false;
            buf_puts(b, "{\"text\":");
            json_string(b, an->text + t->mention.start, t->mention.end - t->mention.start);
            buf_putc(b, ',');
            span_fields(b, an, t->mention);
            buf_putc(b, '}');
        }
        buf_puts(b, "]}");
        i = j;
    }
    buf_puts(b, "]}\n");
    dx_free(an->ar->alloc, refs);
    return !b->failed;
}
