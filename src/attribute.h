/*
 * attribute.h: direct quotations to attributions (attribute.c): cue
 * after, cue before, floating and split quotations, the uncued ones.
 * Takes quotes, cues and the mention table; appends dixit_attribution
 * records to the caller's vector, their strings in the arena.
 */
#ifndef DIXIT_ATTRIBUTE_H
#define DIXIT_ATTRIBUTE_H

#include "alloc.h"
#include "analysis.h"
#include "mentions.h"

#include <stdbool.h>
#include <stddef.h>

bool attribute_direct(analysis *an, mention_table *mt, vec *out);
/* Proposes the quotations no rule attributed that open a sentence, with
 * the voice of the record before them; out's records in text order. */
bool attribute_uncued(analysis *an, mention_table *mt, vec *out);
/* Extends a speaker's mention over an apposition up to the verb at token
 * `verb` ("Mitch McConnell, R-Ky., said"). */
void mention_to_verb(const analysis *an, dixit_party *sp, size_t verb);
/* A name that can stand alone as a speaker. */
bool strong_name(const analysis *an, const np *p);

#endif
