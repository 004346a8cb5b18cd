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

/* One line "name<TAB>weight": the feature's weight set. */
static void load_line(model *m, const char *s, size_t n)
{
    const char *tab = memchr(s, '\t', n);
    if (!tab || s[0] == '#')
        return;
    int f = feat_lookup(s, (size_t)(tab - s));
    if (f < 0)
        return;
    char num[32];
    size_t k = n - (size_t)(tab + 1 - s);
    if (k == 0 || k >= sizeof num)
        return;
    memcpy(num, tab + 1, k);
    num[k] = 0;
    char *end;
    double w = strtod(num, &end);
    if (end != num)
        m->w[f] = (float)w;
}

void model_load(model *m)
{
    model_read(m, dx_weights, dx_weights_len);
}

void model_read(model *m, const char *text, size_t len)
{
    memset(m, 0, sizeof *m);
    const char *p = text, *e = text + len;
    while (p < e) {
        const char *nl = memchr(p, '\n', (size_t)(e - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(e - p);
        load_line(m, p, n);
        p += n + 1;
    }
}
