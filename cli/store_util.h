/*
 * store_util.h: what the two corpus stores share (store_util.c): SQLite
 * (store.c) and PostgreSQL (store_pg.c) store the same columns, so the
 * text hash, the code-point count and the full-text folding of a row are
 * computed once here; and the steps between the database and the
 * in-memory algorithms (a speaker's gender evidence for link.c, a
 * quotation's occurrences for the export) are the same whichever
 * database the rows come from.
 */
#ifndef DIXIT_STORE_UTIL_H
#define DIXIT_STORE_UTIL_H

#include "gender.h"
#include "link.h"
#include "store.h"

#include <stdbool.h>
#include <stddef.h>

/* A growing buffer (zero-initialise; free p): the bytes put, one more
 * always spare for a NUL; oom once memory ran out, and then nothing more
 * is put. */
typedef struct store_buf {
    char *p;
    size_t n, cap;
    bool oom;
} store_buf;
void store_buf_put(store_buf *b, const void *s, size_t n);

/* A string, an object of JSON object o (which may be NULL) under key,
 * or NULL: how both stores read the lines of `dixit text` and `dixit
 * extract`. */
struct cJSON;
const char *store_jstr(const struct cJSON *o, const char *key);
const struct cJSON *store_jobj(const struct cJSON *o, const char *key);

/* 128 bits of the text s[0..n) in hex (32 digits and a NUL): the
 * articles' hash column. */
void store_text_hash(const char *s, size_t n, char out[33]);
/* The code points of the NUL-terminated UTF-8 s: the articles' chars. */
size_t store_code_points(const char *s);
/* s with œ, Œ, æ, Æ written oe, OE, ae, AE, into a new string; NULL for
 * NULL or no memory. */
char *store_fold(const char *s);

/* What one speaker's records say of its gender, gathered in the order
 * of its articles (memset to 0 to begin, then gender_name of its name,
 * and name_votes = votes_before = the votes of the name). */
typedef struct speaker_ev {
    gender_votes votes;
    long articles, with_evidence; /* its articles, and those with a vote of their own */
    long long article;            /* the one being read */
    int votes_before;             /* the votes when it began */
    int name_votes;               /* those of the name itself, good in every article */
} speaker_ev;

/* Counts the article of a record: the evidence it gives is its own. */
void speaker_ev_article(speaker_ev *ev, long long article);
/* Closes the article being read (call before speaker_ev_decide). */
void speaker_ev_close(speaker_ev *ev);
/* Decides x->gender from ev; its evidence, said, is a new string kept in
 * *why (and x->gender_why), NULL when none. */
void speaker_ev_decide(link_name *x, char **why, const speaker_ev *ev);

#define QUOTE_NAMES 16 /* speakers a quotation's export names */
#define QUOTE_URLS 64  /* and articles */

/* The occurrences of one quotation, gathered into a store_quote whose
 * names, counts and urls point into it. */
typedef struct quote_gather {
    const char *names[QUOTE_NAMES];
    long counts[QUOTE_NAMES];
    const char *urls[QUOTE_URLS];
    char *owned[QUOTE_NAMES + QUOTE_URLS + 4]; /* (and the text, speaker, date, first record's id) */
    int nowned;
} quote_gather;

/* A copy of s (NULL: "") owned by g; "" when memory runs out. */
const char *gather_keep(quote_gather *g, const char *s);
/* Adds one occurrence (its speaker's name, its article's url) to q. */
void gather_add(quote_gather *g, store_quote *q, const char *name, const char *url);
/* Most frequent speakers first, ties in order of first occurrence. */
void gather_sort(quote_gather *g, int n);
/* Frees what g owns. */
void gather_free(quote_gather *g);

/* The words a direct or mixed record says, for merge.c: a mixed record's
 * words between marks, a direct one's parts (the cue inside left out),
 * else the whole quotation q; a new string, NULL on no memory. */
char *store_quote_words(const char *type, const char *q, long start, const char *parts);

/* The next word of a search's words f[0..n) from *i on (the words
 * separated by blanks, a "quoted phrase" one word, a final * a prefix):
 * true with the word in [*s, *e) (quotes and * left out) and *prefix,
 * *i past it; false when no word is left. Both backends read the user's
 * words with it, each writing its own query. */
bool store_next_word(const char *f, size_t n, size_t *i, size_t *s, size_t *e, bool *prefix);

#endif
