/*
 * merge.h: the same quotation across articles and outlets (merge.c).
 * Given the quoted words of each direct and mixed attribution and who
 * said them, quotes_group joins those that are the same quotation: equal
 * once normalised, one a shortened form of the other, or near-duplicates
 * (a desk's edits). It reads and writes no database.
 */
#ifndef DIXIT_MERGE_H
#define DIXIT_MERGE_H

#include <stdbool.h>
#include <stddef.h>

/* Word 3-shingles two quotations must share, as a share of their union
 * (Jaccard), to be near-duplicates; see merge.c for why this value. */
#define QUOTES_NEAR 0.5
/* Words a quotation needs to be joined by containment or nearness. */
#define QUOTES_MIN_WORDS 6

typedef struct quote_item {
    const char *text; /* the quoted words (a mixed record's words between marks) */
    long long who;    /* the speaker: a person id, another id for a speaker
                         linked to none, 0 for no speaker */
    size_t group;     /* out: the index of the item its quotation is known by */
    size_t words;     /* out: its words, once normalised */
} quote_item;

/* Groups the n items. False when memory ran out. */
bool quotes_group(quote_item *v, size_t n);

/* The words of a mixed record's quotation that stand between quotation
 * marks (“ ” « » " and the like), joined by " … ", into out (cap bytes);
 * "" when it has none. */
void quotes_marked(const char *s, char *out, size_t cap);

/* A direct record's words without the cue that interrupts them: its
 * parts (the record's "parts", [[start, end], ...] in code points of the
 * article) cut out of its quotation q (which starts at code point start),
 * joined by " … ", into out (cap bytes); "" when they say nothing. */
void quotes_parts(const char *q, long start, const char *parts, char *out, size_t cap);

#endif
