/*
 * attribute.h: direct quotations to attributions (attribute.c): cue
 * after, cue before, floating and split quotations (the uncued ones are
 * uncued.h's).
 * Takes quotes, cues and the mention table; appends dixit_attribution
 * records to the caller's vector, their strings in the arena.
 */
#ifndef DIXIT_ATTRIBUTE_H
#define DIXIT_ATTRIBUTE_H

#include "alloc.h"
#include "analysis.h"
#include "mentions.h"
#include "quotes.h"

#include <stdbool.h>
#include <stddef.h>

bool attribute_direct(analysis *an, mention_table *mt, vec *out);
/* Extends a speaker's mention over an apposition up to the verb at token
 * `verb` ("Mitch McConnell, R-Ky., said"). */
void mention_to_verb(const analysis *an, dixit_party *sp, size_t verb);
/* A name that can stand alone as a speaker. */
bool strong_name(const analysis *an, const np *p);

/* Questions about one quote, asked here and by uncued.c. */
/* Does quote q stand as an utterance of its own: at the start ss of its
 * sentence or a line, or after a comma, colon, dash, parenthesis,
 * semicolon or full stop? */
bool standalone_before(const analysis *an, const quote *q, size_t ss);
/* A short quotation in Title Case ("'All Bets Are Off.'"): a subhead or a
 * title, not speech. */
bool title_like(const analysis *an, const quote *q);
/* The words inside quote q, counted up to 16. */
size_t words_in(const analysis *an, const quote *q);

#endif
