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

/* The rules that propose records (attribute.c, rules_*.c, reported.c,
 * uncued.c). Records carry the rule's name (rule_name: the record's rule
 * field, the "rule" of --show features and the rule: lines of
 * the spec files of tests/spec); the code passes the enum. */
typedef enum {
    RULE_NONE, /* no rule: no name */
    /* attribute.c: direct quotations with a cue or a voice */
    RULE_QUOTE_CUE_AFTER,
    RULE_QUOTE_DASH_NAME,
    RULE_QUOTE_NEXT_SENTENCE,
    RULE_QUOTE_CUE_BEFORE,
    RULE_QUOTE_PREV_PARA,
    RULE_QUOTE_PREV_TAIL,
    RULE_QUOTE_CUE_INSIDE,
    RULE_QUOTE_HEADLINE,
    RULE_QUOTE_FLOATING_VOICE,
    RULE_QUOTE_FLOATING,
    /* rules_tail.c */
    RULE_TAIL,
    RULE_SPLIT_TAIL,
    RULE_INNER_TAIL,
    /* rules_source.c */
    RULE_ACCORDING_TO,
    RULE_QUI_QUOTATION,
    RULE_AS_CLAUSE,
    RULE_RELATIVE_SPEECH,
    RULE_WHAT_SAID,
    /* rules_clause.c */
    RULE_COMPLEMENT,
    RULE_PASSIVE,
    RULE_RELAY_TAIL,
    RULE_OPENING_PARTICIPLE,
    RULE_ASKED_QUESTION,
    /* reported.c */
    RULE_INFINITIVE_NARRATIVE,
    RULE_TRANSCRIPT,
    /* uncued.c: quotations and sentences with no cue */
    RULE_QUOTE_UNCUED,
    RULE_SENTENCE_UNCUED,
    RULE_COUNT
} rule_id;
/* The rule's name as records write it ("tail", "quote-cue-after"…),
 * static storage: records hold these very pointers (rule_is); NULL for
 * RULE_NONE. */
const char *rule_name(rule_id r);
/* Was record a proposed by rule r? */
bool rule_is(const dixit_attribution *a, rule_id r);

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
