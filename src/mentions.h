/*
 * mentions.h: noun phrases and the people of one document (mentions.c,
 * antecedent.c): the phrase at a cue, person names, surname chains,
 * pronouns and descriptions resolved to the fullest name. Takes the
 * tokens and cues; the mention_table is the caller's (mentions_build,
 * mentions_free), its strings in the arena. people.h is the table's
 * inside, for mentions.c and antecedent.c.
 */
#ifndef DIXIT_MENTIONS_H
#define DIXIT_MENTIONS_H

#include "analysis.h"
#include "cues.h"
#include "dixit.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct np {
    uint32_t tok_first, tok_last;   /* inclusive; tok_first > tok_last: none */
    uint32_t name_first, name_last; /* capitalised name inside, if any */
    bool has_name;
    bool pronoun;
    bool appositive;       /* the name came from ", Name" after a description */
    uint32_t mention_last; /* where the mention ends when an apposition
                              follows the name, else 0 */
    uint8_t gender, number;
    dixit_kind kind;
} np;

/* The token after a run of time words and the numbers of a date at k
 * ("lundi 28 octobre 2019", "le 3 mai", "mardi"), before limit: k when
 * there is none. */
size_t np_skip_date(const analysis *an, size_t k, size_t limit);
/* Noun phrase starting at token i (after a verb: the inverted subject). */
bool np_forward(const analysis *an, size_t i, size_t limit, np *out);
/* The first word of a phrase past its determiner and honorifics. */
size_t np_head_index(const analysis *an, const np *p);
/* "au cours de", "au lendemain du", "au micro de": a French preposition
 * of three words at k (it ends a phrase). Returns the token after it,
 * else SIZE_MAX. */
size_t french_complex_prep(const analysis *an, size_t k, size_t e);
/* Where the text starts after a dateline opening the paragraph at token
 * k ("MARLOW - The mother of …", "DOVER, N.H. — …", "LISBON (Reuters)
 * –": a place in capitals, then a dash within a few tokens, before any
 * lowercase word); k when there is none. */
size_t dateline_end(const analysis *an, size_t k);
/* Is token k a determiner (data/words.*.tsv's "det"), or the elided
 * article l' / l’? */
bool np_is_det(const analysis *an, size_t k);
/* Noun phrase ending at token i (before a verb: the subject). */
bool np_backward(const analysis *an, size_t i, size_t floor, np *out);

/* Entity memory of one document: names seen so far, for surname chains
 * and pronoun resolution. */
typedef struct mention_table mention_table;
mention_table *mentions_build(analysis *an);
/* Fills a party for a noun phrase found at a cue; `before` is the byte
 * offset where resolution looks back from. */
bool mentions_resolve(analysis *an, mention_table *mt, const np *p, size_t before, dixit_party *out);
/* The bytes of an English contraction w (n bytes) before its apostrophe,
 * when it comes within four bytes ("We've" -> 2, "I'm" -> 1), else n. */
size_t contraction_stem(const char *w, size_t n);
/* Remember a speaker so later pronouns and floating quotes can use it. */
void mentions_note_speaker(analysis *an, mention_table *mt, const dixit_party *p, uint8_t gender);
/* The speaker of an inverted pronoun cue ("a-t-il ajouté"). */
bool mentions_resolve_inversion(analysis *an, mention_table *mt, const cue_match *m, size_t before,
                                dixit_party *sp, uint8_t *g);
/* A pronoun found by a rule names no one yet: its party keeps the
 * pronoun as written (resolved_by DIXIT_BY_PRONOUN, entity the pending
 * index, people.h's PENDING_ENTITY) until mentions_settle, called in text
 * order once every rule has proposed (voices.c), asks who it means. Is
 * party p such a pronoun? */
bool mentions_pending(const mention_table *mt, const dixit_party *p);
/* Resolves pending party p (the same answer for every party of one
 * pronoun); *gender gets the pronoun's. False on memory failure only. */
bool mentions_settle(analysis *an, mention_table *mt, dixit_party *p, uint8_t *gender);
/* The entity id of a resolved name: same name, same id. */
int mentions_assign_entity(mention_table *mt, const char *name);
void mentions_free(mention_table *mt);

#endif
