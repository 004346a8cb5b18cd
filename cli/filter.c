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

#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <utf8proc.h>

char *fold_text(const char *s, size_t n)
{
    /* ASCII, most of an English corpus, folds to its lower case: what
     * utf8proc gives it, without decomposing and composing each
     * character (a fifth of a relink's time went there) */
    size_t i = 0;
    while (i < n && (unsigned char)s[i] < 0x80)
        i++;
    if (i == n) {
        char *low = malloc(n + 1);
        for (size_t k = 0; low && k < n; k++)
            low[k] = s[k] >= 'A' && s[k] <= 'Z' ? (char)(s[k] - 'A' + 'a') : s[k];
        if (low)
            low[n] = 0;
        return low;
    }
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t k = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &out,
                                      UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_COMPOSE);
    return k < 0 ? NULL : (char *)out;
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
