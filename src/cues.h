/*
 * cues.h: reporting cues (cues.c): auxiliaries, inversions (a-t-il
 * ajouté), participles, multi-word cues (according to, d'après). Takes
 * tokens, sentences and zones; gives a cue_match per token where a cue
 * starts, remembered in the analysis's memo (cue_prepare, arena).
 */
#ifndef DIXIT_CUES_H
#define DIXIT_CUES_H

#include "analysis.h"
#include "lexicon.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A reporting cue found at a token. */
typedef struct cue_match {
    uint32_t tok_first, tok_last; /* inclusive token range of the cue words */
    int32_t cue;                  /* index into the lexicon's cue table */
    int8_t pron_gender;           /* inversion pronoun (a-t-il): G_* or -1 */
    uint8_t pron_number;
    uint32_t pron_start, pron_end; /* bytes of the inverted pronoun */
    bool inverted;                 /* -t-il / verb before subject */
} cue_match;

/* Is there a cue whose first word is token i? Matches aux + participle,
 * inversions (a-t-il dit, poursuit-elle), English particle verbs and
 * prepositional cues (selon, according to). */
bool cue_at_slow(const analysis *an, size_t i, cue_match *m);
static inline bool cue_at(const analysis *an, size_t i, cue_match *m)
{
    /* where no cue can start, and the remembered "no cue", inline: most
     * of the calls, from every stage */
    if (i < an->ntoks && ((an->toks[i].has & TH_NO_CUE) || (an->cue_state && an->cue_state[i] == 1)))
        return false;
    return cue_at_slow(an, i, m);
}
/* Allocates the memo of cue_at, once tokens, sentences and zones are
 * fixed (the tokens that plainly start no cue carry TH_NO_CUE already).
 * False when memory ran out (the analysis then has no memo). */
bool cue_prepare(analysis *an);
/* A French adverbial phrase of two or three words at token k ("d'autre
 * part", "par ailleurs", "de son côté"): how many tokens, else 0. */
size_t adverbial_at(const analysis *an, size_t k);
/* ", de son côté," ending with the comma at c (not before token a): the
 * index of its first comma, else SIZE_MAX. */
size_t comma_adverbial(const analysis *an, size_t a, size_t c);
/* "d'ajouter", "de préciser" at token i: a French reporting verb in the
 * infinitive (the narrative "Et le ministre d'ajouter : …"). */
bool cue_infinitive_fr(const analysis *an, size_t i, cue_match *m);
/* Is the cue a passive ("a été accusé", "was told", "had been asked")?
 * Its subject is no speaker: the agent after "par"/"by" is, if any. */
bool cue_passive(const analysis *an, const cue_match *m);
/* Is the cue a present participle ("ajoutant", "adding")? Its speaker is
 * the subject of the sentence. */
bool cue_participle(const analysis *an, const cue_match *m);
/* The verb governing an English infinitive whose "to" is token `to`,
 * when it is one that makes the infinitive reported speech ("appeared to
 * suggest", "went on to explain"): its index, else SIZE_MAX. */
size_t cue_governor(const analysis *an, size_t to);
/* Fills a record's cue from a match. */
void cue_fill(const analysis *an, const cue_match *m, dixit_cue *c);

#endif
