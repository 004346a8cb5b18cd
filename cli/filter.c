/*
 * filter.c: --min-confidence, --type and --speaker, the record selections
 * users otherwise write with jq.
 *
 * The library numbers a document's records (`doc:N`) as it renders them,
 * so dropping attributions before rendering would renumber the ones
 * kept. Instead the whole result is rendered and the records the filter
 * drops are cut out of the text: each kept record is written byte for
 * byte as an unfiltered run writes it, id included, so a filtered output
 * is a subset of the lines of an unfiltered one. Which record to keep is
 * decided on the dixit_attribution, not by parsing the rendered text; the
 * text is only split, one record per attribution in order (a newline ends
 * one, except inside a quoted CSV field).
 *
 * --speaker matches when the sought name, folded, is a substring of the
 * speaker's resolved name or of the words of its mention, both folded:
 * case folded, accents and other marks stripped (utf8proc), so "helene"
 * finds "Hélène Dupré" and "la ministre" finds a speaker only so named.
 */
#include "filter.h"

#include <stdbool.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <utf8proc.h>

/* Appends the fold of the non-ASCII run r[0..n) to *out (cap *cap, *len
 * used), leaving room for rest bytes more and a NUL: utf8proc's
 * decomposition into a buffer on the stack when it fits, then its
 * composition and encoding, which is what utf8proc_map does, without its
 * two allocations. False when r is not UTF-8 or memory runs out. */
static bool fold_run(const char *r, size_t n, size_t rest, char **out, size_t *len, size_t *cap)
{
    const int opts = UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_COMPOSE;
    utf8proc_int32_t stack[64], *buf = stack;
    utf8proc_ssize_t k = utf8proc_decompose((const utf8proc_uint8_t *)r, (utf8proc_ssize_t)n, buf, 64, opts);
    if (k > 64 && (buf = malloc((size_t)k * sizeof *buf)) != NULL)
        k = utf8proc_decompose((const utf8proc_uint8_t *)r, (utf8proc_ssize_t)n, buf, k, opts);
    if (buf && k >= 0)
        k = utf8proc_reencode(buf, k, opts); /* (UTF-8 bytes now, in buf) */
    bool ok = buf && k >= 0;
    if (ok && *len + (size_t)k + rest + 1 > *cap) {
        size_t c = 2 * (*len + (size_t)k + rest + 1);
        char *o = realloc(*out, c);
        ok = o != NULL;
        if (o) {
            *out = o;
            *cap = c;
        }
    }
    if (ok) {
        memcpy(*out + *len, buf, (size_t)k);
        *len += (size_t)k;
    }
    if (buf != stack)
        free(buf);
    return ok;
}

char *fold_text(const char *s, size_t n)
{
    /* ASCII folds to its lower case, what utf8proc gives it; each run of
     * other characters goes through utf8proc alone. The same as one
     * utf8proc_map of the whole: no ASCII character composes with another
     * (the second of every canonical composition is a combining mark,
     * which is stripped, or a Hangul jamo) and marks are never reordered
     * across one (its combining class is 0). Most of a quotation is
     * ASCII; one apostrophe (’) or accent in it sent all its characters
     * through decomposition and composition (a fifth of a relink's time). */
    size_t cap = n + 1, len = 0; /* (room for the rest, fold_run keeps) */
    char *out = malloc(cap);
    for (size_t i = 0; out && i < n;) {
        if ((unsigned char)s[i] < 0x80) {
            out[len++] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] - 'A' + 'a') : s[i];
            i++;
            continue;
        }
        size_t j = i;
        while (j < n && (unsigned char)s[j] >= 0x80)
            j++;
        if (!fold_run(s + i, j - i, n - j, &out, &len, &cap)) {
            free(out);
            return NULL;
        }
        i = j;
    }
    if (out)
        out[len] = 0;
    return out;
}

int filter_set_min_confidence(filter *f, const char *val)
{
    char *end;
    double x = strtod(val, &end);
    if (end == val || *end || !(x >= 0 && x <= 1))
        return -1;
    f->min_conf = x;
    f->on = 1;
    return 0;
}

/* The bit of a type's name as records write it, or 0. */
static unsigned type_bit(const char *s, size_t n)
{
    static const char *const names[] = {"direct", "mixed", "indirect"};
    static const dixit_type types[] = {DIXIT_DIRECT, DIXIT_MIXED, DIXIT_INDIRECT};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strlen(names[i]) == n && memcmp(s, names[i], n) == 0)
            return 1u << types[i];
    return 0;
}

int filter_set_types(filter *f, const char *list)
{
    unsigned bits = 0;
    for (const char *s = list;;) {
        size_t n = strcspn(s, ",");
        unsigned b = type_bit(s, n);
        if (!b)
            return -1;
        bits |= b;
        if (!s[n])
            break;
        s += n + 1;
    }
    f->types |= bits; /* --type a --type b keeps both */
    f->on = 1;
    return 0;
}

int filter_set_speaker(filter *f, const char *name)
{
    char *folded = fold_text(name, strlen(name));
    if (!folded || !*folded) {
        free(folded);
        return -1;
    }
    free(f->speaker);
    f->speaker = folded;
    f->on = 1;
    return 0;
}

void filter_free(filter *f)
{
    free(f->speaker);
    f->speaker = NULL;
}

/* Whether s[0..n), folded, holds the sought name. */
static int folded_has(const char *s, size_t n, const char *sought)
{
    char *t = s ? fold_text(s, n) : NULL;
    int has = t && strstr(t, sought) != NULL;
    free(t);
    return has;
}

static int speaker_matches(const filter *f, const dixit_party *p, const dixit_doc *doc)
{
    if (!p->present)
        return 0;
    if (p->name && folded_has(p->name, strlen(p->name), f->speaker))
        return 1;
    const dixit_span m = p->mention;
    return m.end > m.start && m.end <= doc->len && folded_has(doc->text + m.start, m.end - m.start, f->speaker);
}

/* The confidence as records write it, to two decimals: the threshold is
 * compared with what the user sees, as jq would. */
static double written_confidence(double x)
{
    char s[64];
    snprintf(s, sizeof s, "%.2f", x);
    return strtod(s, NULL);
}

static int keeps(const filter *f, const dixit_attribution *a, const dixit_doc *doc)
{
    if (f->types && !(f->types & (1u << a->type)))
        return 0;
    if (f->min_conf > 0 && written_confidence(a->confidence) < f->min_conf)
        return 0;
    return !f->speaker || speaker_matches(f, &a->speaker, doc);
}

/* The length of the record that starts text[0..len): up to and with its
 * newline, which in CSV may stand inside a quoted field ("" inside one
 * toggles twice, so it changes nothing). */
static size_t record_len(const char *text, size_t len, int csv)
{
    int quoted = 0;
    for (size_t i = 0; i < len; i++) {
        if (csv && text[i] == '"')
            quoted = !quoted;
        else if (text[i] == '\n' && !quoted)
            return i + 1;
    }
    return len;
}

size_t filter_records(const filter *f, const dixit_result *res, const dixit_doc *doc, dixit_format fmt,
                      const char *text, size_t len, filter_emit_fn emit, void *ctx)
{
    size_t count = dixit_result_count(res);
    if (!f || !f->on)
        return emit(ctx, text, len) == 0 ? count : (size_t)-1;
    size_t kept = 0, at = 0;
    for (size_t i = 0; i < count && at < len; i++) {
        size_t n = record_len(text + at, len - at, fmt == DIXIT_FORMAT_CSV);
        if (keeps(f, dixit_result_get(res, i), doc)) {
            if (emit(ctx, text + at, n) != 0)
                return (size_t)-1;
            kept++;
        }
        at += n;
    }
    return kept;
}
