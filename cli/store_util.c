/*
 * store_util.c: what the SQLite and PostgreSQL stores share (see
 * store_util.h): row values computed from an article's text, a
 * speaker's gender evidence read record by record, a quotation's
 * occurrences gathered for the export, a record's quoted words.
 */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include "store_util.h"
#include "merge.h"

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Row values */

/* (what unicode61 and PostgreSQL's parser leave as they are) */
char *store_fold(const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s);
    char *out = malloc(n + 1); /* two bytes become two */
    if (!out)
        return NULL;
    size_t j = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char a = (unsigned char)s[i], b = (unsigned char)s[i + 1];
        const char *pair = a == 0xC5 && b == 0x93   ? "oe"
                           : a == 0xC5 && b == 0x92 ? "OE"
                           : a == 0xC3 && b == 0xA6 ? "ae"
                           : a == 0xC3 && b == 0x86 ? "AE"
                                                    : NULL;
        if (pair) {
            out[j++] = pair[0];
            out[j++] = pair[1];
            i++;
        } else {
            out[j++] = (char)a;
        }
    }
    out[j] = 0;
    return out;
}

/* Two 64-bit hashes of different kinds (FNV-1a, and a
 * multiply-and-rotate), so that two texts share one only by a chance of
 * about 2^-128. */
void store_text_hash(const char *s, size_t n, char out[33])
{
    uint64_t a = 0xcbf29ce484222325ull, b = 0x9E3779B97F4A7C15ull ^ n;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        a = (a ^ c) * 0x100000001b3ull;
        b = ((b ^ c) * 0xD6E8FEB86659FD93ull);
        b = b << 23 | b >> 41;
    }
    snprintf(out, 33, "%016llx%016llx", (unsigned long long)a, (unsigned long long)b);
}

size_t store_code_points(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* ------------------------------------------------------------------ */
/* A speaker's gender evidence */

/* link_names reads it to choose between two people of one surname. Only
 * when its name says it ("Julie Lemaire", "Mme Lemaire"), or more than
 * half of its articles give evidence of their own: a surname whose
 * articles mostly say nothing would link them all by a few others'
 * word. */
void speaker_ev_decide(link_name *x, char **why, const speaker_ev *ev)
{
    char said[300];
    const char *g = gender_decide(&ev->votes, said, sizeof said);
    bool enough = ev->name_votes || 2 * ev->with_evidence > ev->articles;
    x->gender = !enough ? 0 : !strcmp(g, "female") ? 'f' : !strcmp(g, "male") ? 'm' : 0;
    *why = x->gender ? strdup(said) : NULL;
    x->gender_why = *why;
}

/* Did the article being read give evidence of its own? */
void speaker_ev_close(speaker_ev *ev)
{
    ev->with_evidence += ev->articles && ev->votes.f + ev->votes.m > ev->votes_before;
    ev->votes_before = ev->votes.f + ev->votes.m;
}

void speaker_ev_article(speaker_ev *ev, long long article)
{
    if (ev->articles && article == ev->article)
        return;
    speaker_ev_close(ev);
    ev->articles++;
    ev->article = article;
}

/* ------------------------------------------------------------------ */
/* A quotation's occurrences */

const char *gather_keep(quote_gather *g, const char *s)
{
    char *c = strdup(s ? s : "");
    if (c && g->nowned < QUOTE_NAMES + QUOTE_URLS + 4)
        g->owned[g->nowned++] = c;
    return c ? c : "";
}

void gather_add(quote_gather *g, store_quote *q, const char *name, const char *url)
{
    int k = 0;
    while (k < q->nnames && strcmp(g->names[k], name))
        k++;
    if (k == q->nnames && k < QUOTE_NAMES) {
        g->names[k] = gather_keep(g, name);
        g->counts[k] = 0;
        q->nnames++;
    }
    if (k < QUOTE_NAMES)
        g->counts[k]++;
    for (k = 0; k < q->nurls && strcmp(g->urls[k], url); k++)
        ;
    if (k == q->nurls && k < QUOTE_URLS)
        g->urls[q->nurls++] = gather_keep(g, url);
}

/* (a stable insertion sort: few names) */
void gather_sort(quote_gather *g, int n)
{
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && g->counts[j] > g->counts[j - 1]; j--) {
            long c = g->counts[j];
            const char *s = g->names[j];
            g->counts[j] = g->counts[j - 1];
            g->names[j] = g->names[j - 1];
            g->counts[j - 1] = c;
            g->names[j - 1] = s;
        }
}

void gather_free(quote_gather *g)
{
    for (int k = 0; k < g->nowned; k++)
        free(g->owned[k]);
    g->nowned = 0;
}

/* ------------------------------------------------------------------ */
/* A record's quoted words */

char *store_quote_words(const char *type, const char *q, long start, const char *parts)
{
    size_t cap = strlen(q) + 8;
    char *t = malloc(cap);
    if (!t)
        return NULL;
    if (type && !strcmp(type, "mixed"))
        quotes_marked(q, t, cap);
    else /* a direct record's parts: its words, the cue inside left out */
        quotes_parts(q, start, parts ? parts : "[]", t, cap);
    if (!t[0])
        strcpy(t, q);
    return t;
}

bool store_next_word(const char *f, size_t n, size_t *i, size_t *s, size_t *e, bool *prefix)
{
    size_t k = *i;
    while (k < n && (f[k] == ' ' || f[k] == '\t'))
        k++;
    if (k == n) {
        *i = k;
        return false;
    }
    bool phrase = f[k] == '"';
    k += phrase;
    *s = k;
    while (k < n && (phrase ? f[k] != '"' : f[k] != ' ' && f[k] != '\t'))
        k++;
    *e = k;
    k += phrase && k < n;
    *prefix = *e > *s && f[*e - 1] == '*' && !phrase;
    *e -= *prefix;
    *i = k;
    return true;
}

void store_buf_put(store_buf *b, const void *s, size_t n)
{
    if (b->oom)
        return;
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 1 << 16;
        while (b->n + n + 1 > cap)
            cap *= 2;
        char *q = realloc(b->p, cap);
        if (!q) {
            b->oom = true;
            return;
        }
        b->p = q;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
}

const char *store_jstr(const cJSON *o, const char *key)
{
    const cJSON *v = o ? cJSON_GetObjectItemCaseSensitive(o, key) : NULL;
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

const cJSON *store_jobj(const cJSON *o, const char *key)
{
    const cJSON *v = o ? cJSON_GetObjectItemCaseSensitive(o, key) : NULL;
    return cJSON_IsObject(v) ? v : NULL;
}
