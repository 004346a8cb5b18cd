/*
 * filter.h: which records to write (--min-confidence, --type, --speaker),
 * the selections users would otherwise make with jq (see filter.c).
 */
#ifndef DIXIT_FILTER_H
#define DIXIT_FILTER_H

#include "dixit.h"

#include <stddef.h>

typedef struct filter {
    int on;             /* any of the three is set */
    double min_conf;    /* records below it are dropped; 0 keeps all */
    unsigned types;     /* a bit per dixit_type kept; 0 keeps all */
    char *speaker;      /* the name sought, folded, or NULL */
} filter;

/* Each reads an option's value: 0, or -1 when it is not one (a message is
 * the caller's). */
int filter_set_min_confidence(filter *f, const char *val);
int filter_set_types(filter *f, const char *list);
int filter_set_speaker(filter *f, const char *name);
void filter_free(filter *f);

/* Receives the bytes of kept records: 0, or -1 to stop. */
typedef int (*filter_emit_fn)(void *ctx, const char *p, size_t n);

/* Hands emit the records of text (res rendered for doc as fmt: JSON Lines,
 * CSV or --show features, one record per attribution, in order) that f
 * keeps (all when f is NULL), whole and unchanged, so that each keeps its
 * id. The count kept,
 * or (size_t)-1 when emit failed. */
size_t filter_records(const filter *f, const dixit_result *res, const dixit_doc *doc, dixit_format fmt,
                      const char *text, size_t len, filter_emit_fn emit, void *ctx);

/* The folded form of s[0..n) (case and accents aside: utf8proc's case
 * folding, marks stripped), NUL-terminated, to free; NULL when s is not
 * UTF-8 or memory runs out. --speaker's names, and the store's speaker
 * names and quotations (link.c, merge.c), are compared so. */
char *fold_text(const char *s, size_t n);

#endif
