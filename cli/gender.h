/*
 * gender.h: the gender of a person quoted, from the evidence the articles
 * give (gender.c): its names (a first name, a title) and the mentions its
 * records name it by (a title, a pronoun resolved to it). The store keeps the decision and its evidence.
 */
#ifndef DIXIT_GENDER_H
#define DIXIT_GENDER_H

#include "dixit.h"

#include <stddef.h>

typedef struct gender_votes {
    int f, m;        /* pieces of evidence for each */
    char f_why[120]; /* a piece of each (the least, in byte order), said */
    char m_why[120];
} gender_votes;

/* What a name of the person says (its first name, its title). */
void gender_name(gender_votes *v, const char *name, const dixit_engine *e);
/* What a mention of one of its records says; where names the record. */
void gender_mention(gender_votes *v, const char *mention, const char *where, const dixit_engine *e);
/* Adds the votes of src to dst, as if src's evidence had been given to
 * dst: counts summed, the least piece of each side kept. */
void gender_add(gender_votes *dst, const gender_votes *src);
/* "female", "male" or "unknown": one side only, or one side three times
 * the other; *why the evidence said (cap bytes). */
const char *gender_decide(const gender_votes *v, char *why, size_t cap);

#endif
