/*
 * score.c: the trained scorer's weights and feature names (score.h).
 *
 * The weights come from data/weights.tsv, compiled in by tools/embed.c
 * and written by tools/train.py (`make train`); nothing is learned or
 * read at run time.
 */
#include "score.h"

#include <stdlib.h>
#include <string.h>

extern const char dx_weights[];
extern const size_t dx_weights_len;

static const char *const names[F_COUNT] = {
#define DX_FEATURE_NAME(id, name) name,
    DX_FEATURES(DX_FEATURE_NAME)
#undef DX_FEATURE_NAME
};

static const char *const tmpl_names[RT_COUNT] = {
#define DX_REC_TEMPLATE_NAME(id, name) name,
    DX_REC_TEMPLATES(DX_REC_TEMPLATE_NAME)
#undef DX_REC_TEMPLATE_NAME
};

const char *rec_tmpl_name(rec_tmpl t)
{
    return t < RT_COUNT ? tmpl_names[t] : "?";
}

const char *feat_name(feat_id f)
{
    return f < F_COUNT ? names[f] : "?";
}

static int feat_lookup(const char *s, size_t n)
{
    for (int i = 0; i < F_COUNT; i++)
        if (strlen(names[i]) == n && memcmp(names[i], s, n) == 0)
            return i;
    return -1;
}

/* Names are hashed with FNV-1a, byte by byte: a record's features come as
 * parts ("rule=", "tail") that are hashed where they lie, without a copy. */
#define FNV_BASIS 14695981039346656037u
#define FNV_PRIME 1099511628211u
/* the state after "rec.", where every record feature's hash starts */
#define FNV_REC 0x4cec991fbfe2b8a5u

/* State h carried on over the n bytes of s. */
static uint64_t fnv_more(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * FNV_PRIME;
    return h;
}

static uint64_t name_hash(const char *s, size_t n)
{
    uint64_t h = fnv_more(FNV_BASIS, s, n);
    return h ? h : 1; /* 0 marks an empty slot */
}

/* The slot of a hashed name: its own, or the empty one where it would go. */
static size_t slot_of(const model *m, uint64_t h)
{
    size_t i = (size_t)(h % MODEL_HASHED);
    for (size_t probes = 0; probes < MODEL_HASHED && m->hkey[i] && m->hkey[i] != h; probes++)
        i = (i + 1) % MODEL_HASHED;
    return i;
}

/* The weight stored under hash h (never 0), else 0. */
static double weight_of(const model *m, uint64_t h)
{
    size_t i = slot_of(m, h);
    return m->hkey[i] == h ? m->hw[i] : 0.0;
}

double model_weight(const model *m, const char *name, size_t n)
{
    return weight_of(m, name_hash(name, n));
}

double model_weight_parts(const model *m, rec_tmpl t, const char *const *parts, size_t n)
{
    uint64_t h = m->tmpl_hash[t];
    for (size_t i = 0; i < n; i++)
        for (const char *p = parts[i]; *p; p++)
            h = (h ^ (unsigned char)*p) * FNV_PRIME;
    return weight_of(m, h ? h : 1);
}

static bool is_record_feature(const char *s, size_t n)
{
    return n > 4 && memcmp(s, "rec.", 4) == 0;
}

/* Sets a hashed name's weight (or the threshold); quietly ignores a name
 * past a full table. */
static void set_hashed(model *m, const char *s, size_t n, double w)
{
    m->trained = true;
    if (n == 13 && memcmp(s, "rec.threshold", 13) == 0) {
        m->threshold = w;
        return;
    }
    if (n == 8 && memcmp(s, "rec.bias", 8) == 0) {
        m->bias = w;
        return;
    }
    uint64_t h = name_hash(s, n);
    size_t i = slot_of(m, h);
    if (m->hkey[i] && m->hkey[i] != h)
        return;
    m->hkey[i] = h;
    m->hw[i] = (float)w;
}

/* A weight as trainers write it, "-0.0168": a sign, at most 15 digits
 * and a point, nothing else. The digits as an integer and a power of ten
 * up to 1e15 are both exact doubles, so their quotient is the correctly
 * rounded value, the one strtod gives (5,000 weights at every engine's
 * start: strtod was two thirds of reading them). False for any other
 * spelling, which strtod reads. */
static bool plain_decimal(const char *s, size_t n, double *out)
{
    static const double pow10[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                   1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
    size_t i = n && s[0] == '-';
    uint64_t m = 0;
    size_t digits = 0, decimals = 0;
    bool point = false;
    for (; i < n; i++) {
        if (s[i] == '.' && !point) {
            point = true;
            continue;
        }
        if (s[i] < '0' || s[i] > '9' || ++digits > 15)
            return false;
        m = m * 10 + (uint64_t)(s[i] - '0');
        decimals += point;
    }
    if (!digits || (point && s[i - 1] == '.'))
        return false; /* "-", ".", "1.": strtod's */
    double v = (double)m / pow10[decimals];
    *out = n && s[0] == '-' ? -v : v;
    return true;
}

/* One line "name<TAB>weight": the feature's weight set. */
static void load_line(model *m, const char *s, size_t n)
{
    const char *tab = memchr(s, '\t', n);
    if (!tab || s[0] == '#')
        return;
    size_t nl = (size_t)(tab - s);
    bool rec = is_record_feature(s, nl); /* most lines: hashed, not in the table */
    int f = rec ? -1 : feat_lookup(s, nl);
    if (f < 0 && !rec)
        return;
    char num[32];
    size_t k = n - (size_t)(tab + 1 - s);
    if (k == 0 || k >= sizeof num)
        return;
    double w;
    if (!plain_decimal(tab + 1, k, &w)) {
        memcpy(num, tab + 1, k);
        num[k] = 0;
        char *end;
        w = strtod(num, &end);
        if (end == num)
            return;
    }
    if (f >= 0)
        m->w[f] = (float)w;
    else
        set_hashed(m, s, nl, w);
}

void model_load(model *m)
{
    model_read(m, dx_weights, dx_weights_len);
}

/* The record features of the table (closed ones, "rec.…") take the weight
 * their name was given: read by id from then on. */
static void closed_weights(model *m)
{
    for (int f = 0; f < F_COUNT; f++)
        if (is_record_feature(names[f], strlen(names[f])))
            m->w[f] = (float)model_weight(m, names[f], strlen(names[f]));
}

void model_read(model *m, const char *text, size_t len)
{
    memset(m, 0, sizeof *m);
    for (int t = 0; t < RT_COUNT; t++)
        m->tmpl_hash[t] = fnv_more(FNV_REC, tmpl_names[t], strlen(tmpl_names[t]));
    const char *p = text, *e = text + len;
    while (p < e) {
        const char *nl = memchr(p, '\n', (size_t)(e - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(e - p);
        load_line(m, p, n);
        p += n + 1;
    }
    closed_weights(m);
}
