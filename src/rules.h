/*
 * rules.h: what the files of the reported-speech stage share (private to
 * reported.c, rules_tail.c, rules_clause.c, rules_source.c, speaker.c):
 * the context of one document, the sentence a rule reads, the rule
 * signature, and the record helpers every rule calls.
 *
 * A rule reads the cue at token *k of a sentence and says what it did
 * (rule_out); reported.c's sentence_rules tries the rules of a cue in turn,
 * in the order of its table, until one takes it. Records are appended to
 * the caller's vector (c->out), their strings in the document's arena.
 *
 * Names used throughout: [a, e) the sentence's tokens; k the cue's first
 * token; m the cue, ci its lexicon entry; cs/ce (or ca/cb) the content's
 * tokens, end exclusive; tm/tp a tail's cue and noun phrase ("…, a
 * indiqué X"); sp the speaker, addr the addressee; before the byte offset
 * before which a mention is resolved (mentions_resolve); first_attr the
 * index in c->out of the sentence's first record.
 */
#ifndef DIXIT_RULES_H
#define DIXIT_RULES_H

#include "alloc.h"
#include "analysis.h"
#include "attribute.h"
#include "cues.h"
#include "dixit.h"
#include "mentions.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* An opening source ("According to X, C") whose clause C holds a verb of
 * speech: that verb's record takes X as its source (interjected_sources in
 * reported.c); when no record does ("According to the poll, voters are
 * more likely to describe …"), X's own record is made at the sentence's
 * end. */
typedef struct deferred_source {
    cue_match m; /* the preposition */
    np who;      /* X */
    size_t cs, ce;
} deferred_source;
#define DEFERRED_MAX 4 /* per sentence; past them, none is made */

/* One document's state for the stage. */
typedef struct rctx {
    analysis *an;
    mention_table *mt;
    vec *out;
    uint8_t *used;  /* per token: part of a direct attribution or its cue */
    uint8_t *said;  /* per sentence: some record's content overlaps it */
    size_t cue_cur; /* a place in an->cue_toks, for next_cue_tok */
    deferred_source deferred[DEFERRED_MAX]; /* of the sentence being read */
    size_t ndeferred;
} rctx;

/* What a rule did at a cue: nothing (the next rule may try), took the cue
 * (a record made or the cue known to make none; the loop moves on from
 * *k), or ran out of memory. */
typedef enum { RULE_PASS, RULE_TOOK, RULE_FAIL } rule_out;

/* The sentence a rule reads: tokens [a, e), its records from first_attr. */
typedef struct sent {
    size_t a, e, first_attr;
} sent;

/* A rule that reads a cue at token *k of a sentence; *k is where the loop
 * goes on from when the rule takes the cue. */
typedef rule_out (*cue_rule)(rctx *c, const sent *st, const cue_match *m, size_t *k);

/* ---- the rules, in the order sentence_rules tries them ---- */

/* rules_tail.c: "C, a indiqué X", "C, X said", "» a reconnu X"; an
 * interjected tail; a tail splitting its clause. */
rule_out rule_tail(rctx *c, const sent *st, const cue_match *m, size_t *k);
/* rules_source.c: "…, as police have said", "comme le rappelle X". */
rule_out rule_as_clause(rctx *c, const sent *st, const cue_match *m, size_t *k);
/* rules_source.c: "C'est ce qu'a annoncé X", "That's what X said": the
 * sentence before is the content. */
rule_out rule_what_said(rctx *c, const sent *st, const cue_match *m, size_t *k);
/* rules_source.c: "which he said were at his side". */
rule_out rule_relative_speech(rctx *c, const sent *st, const cue_match *m, size_t *k);
/* rules_clause.c: "Asked whether C, X said": the question put to X by
 * someone the text does not name (the belief scope only). */
rule_out rule_asked_question(rctx *c, const sent *st, const cue_match *m, size_t *k);
/* rules_clause.c: "Estimant que C, Jean Cassin a …". */
rule_out rule_opening_participle(rctx *c, const sent *st, const cue_match *m, size_t *k);
/* rules_clause.c: "X a déclaré (à Y) que C", "X said C", a passive; the
 * last rule of a verb, which takes every cue it reaches. */
rule_out rule_complement(rctx *c, const sent *st, const cue_match *m, size_t *k);
/* rules_source.c: "selon X, C", "C, according to X", "X, selon qui « … »":
 * the one rule of a preposition, which takes every cue. */
rule_out rule_according_to(rctx *c, const sent *st, const cue_match *m, size_t *k);

/* ---- record helpers (reported.c) ---- */

/* Resolves the phrase p to a party (mentions_resolve); false when memory
 * ran out. */
bool set_party(rctx *c, const np *p, size_t before, dixit_party *out);
/* Where content starting at token a ends (before e): at a used token, a
 * semicolon, a new attribution, a tail or a participle after a comma.
 * Sets *tail to the comma of a tail that names the speaker or source
 * (filling *tm and *tp), else SIZE_MAX. */
size_t clause_end(rctx *c, size_t a, size_t e, size_t *tail, cue_match *tm, np *tp);
/* Appends the record of rule `rule` for content [ca, cb) (trimmed; none
 * when nothing is left), cue m, speaker sp, the addressee addr when
 * have_addr, the channel found in [sa, se). False when memory ran out. */
bool emit(rctx *c, size_t ca, size_t cb, const cue_match *m, const dixit_party *sp, const np *addr,
          bool have_addr, double conf, rule_id rule, size_t sa, size_t se);
/* A clause rule's record, once its finder has found the speaker's phrase
 * who and the content [ca, cb); the loop goes on from token next. */
rule_out emit_clause(rctx *c, const sent *st, const cue_match *m, const np *who, size_t ca, size_t cb,
                     rule_id rule, size_t next, size_t *kp);

/* ---- shared between the families ---- */

/* rules_tail.c: the party a tail names (tm, tp): the speaker when the
 * content has none, else the relaying source. False on memory failure. */
bool tail_party(rctx *c, const cue_match *tm, const np *tp, size_t before, dixit_party *out);
/* rules_tail.c: the content before a tail at token `at` (a comma, or the
 * cue itself) in [a, e): a new "tail" record, or the source of the record
 * the clause before already has. False on memory failure. */
bool tail_clause(rctx *c, size_t a, size_t e, size_t at, const cue_match *tm, const np *tp, size_t before,
                 size_t first_attr);

/* What walk_to_content says when the content is still to be found at
 * the token it stopped on. */
#define WALK_ON (SIZE_MAX - 1)
/* rules_clause.c: from verb cue m on, past the words that stand before its
 * content (times, adjuncts, a listener, a channel). Returns where the
 * content starts when these decide it (after que/that, at an "about"),
 * else WALK_ON with *at the first word they leave and *comma_out whether
 * a comma was crossed. Fills the addressee addr (*have_addr) and *object. */
size_t walk_to_content(rctx *c, const cue_match *m, size_t e, np *addr, bool *have_addr, bool *object,
                       size_t *at, bool *comma_out);

/* speaker.c: the speaker of a verb cue m standing before its complement,
 * in the sentence starting at token a; false when there is none. */
bool speaker_before(rctx *c, const cue_match *m, size_t a, size_t before, dixit_party *sp, size_t sent_attrs);
/* speaker.c: is the party headed by a document or an institution noun
 * ("the poll", "a state audit")? */
bool org_head(const analysis *an, const dixit_party *sp);
/* speaker.c: can this party report a finding: a document, poll or
 * institution, or a description that is not a person's role? */
bool finder(const analysis *an, const dixit_party *sp);
/* speaker.c: the document heading the subject of a finding verb at token
 * f ("a poll released Friday found"), after a, into sp. */
bool finding_subject(rctx *c, size_t f, size_t a, size_t before, dixit_party *sp);
/* speaker.c: a French pronoun of the one spoken to before the verb at
 * k + 1 ("lui", "leur", "nous": "leur a dit"). */
bool french_clitic(const analysis *an, size_t k);

#endif
