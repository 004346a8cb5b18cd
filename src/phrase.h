/*
 * phrase.h: the shapes of words and phrases the attribution stages read
 * (phrase.c): complementisers, adjuncts, time phrases, participles, a
 * cue's grammatical classes, where a clause starts and ends, tails
 * ("…, a indiqué X"), listeners. Pure questions about the analysis: no
 * allocation, nothing written but the caller's out-parameters.
 */
#ifndef DIXIT_PHRASE_H
#define DIXIT_PHRASE_H

#include "analysis.h"
#include "cues.h"
#include "lexicon.h"
#include "mentions.h"
#include "quotes.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define INTRO_MAX 10   /* words of an introductory phrase skipped before content */
#define CLAUSE_MAX 300 /* tokens of one content clause at most */

/* que, qu', that: the complementiser that opens reported speech. */
bool is_compl(const analysis *an, size_t k);
/* A comma or a dash standing for one (inline: asked of most tokens). */
static inline bool is_comma(const analysis *an, size_t k)
{
    if (k >= an->ntoks || an->toks[k].kind != TK_PUNCT)
        return false;
    int32_t c = an->toks[k].cp;
    return c == ',' || c == 0x2014 || c == 0x2013;
}
/* Words that may stand between a verb and its complement. */
bool adjunct_word(const analysis *an, size_t k);
/* ", a indiqué à l'AFP une source", ", a annoncé dimanche sur RTL le
 * ministre": up to two phrases opened by a preposition of class aside
 * between a French verb and its subject, from token a (before e); the
 * token after them. */
size_t skip_asides(const analysis *an, size_t a, size_t e);
/* A time phrase at token k ("samedi 21 décembre", "ce week-end", "fin
 * août", "ce jeudi soir"): the token after it, or k when there is none. */
size_t time_phrase(const analysis *an, size_t k, size_t e);
/* Prepositions that open an adjunct: "dans un communiqué", "in a
 * statement", "lors d'une conférence", "on Twitter". */
bool adjunct_prep(const analysis *an, size_t k);
/* Does a role word head the phrase ("a spokesman for the company")? */
bool role_in(const analysis *an, const np *p);
/* The verb classes of data/verb-classes.tsv. English verbs that take a
 * bare clause and may come before their subject in a tail. */
bool inverts_en(const cue_info *ci);
/* "s'est dit", "se sont dits": French "se dire", which reports what the
 * speaker says they are ("s'est dit inquiet"). */
bool says_self(const analysis *an, const cue_match *m);
/* Past at most four adjuncts from k before e: times and adverbs
 * ("earlier", "Monday"), "on Thursday", a phrase of place or occasion
 * ("in the committee hearing", "at a briefing"). */
size_t skip_adjuncts(const analysis *an, size_t k, size_t e);
/* A tail ", a indiqué X." / ", X said." / ", said X" / ", selon X" after
 * the comma at token c, up to e. Fills the cue and its noun phrase. */
bool tail_at(const analysis *an, size_t c, size_t e, cue_match *m, np *p);
/* Does a participial cue start right after the comma at c ("…, ajoutant
 * que", "…, tout en soulignant que", "…, adding that")? */
bool participle_after(const analysis *an, size_t c, size_t e);
/* ", but he said that …", "and Democrats accused …": a conjunction or
 * comma that opens another attribution with its own subject. */
bool new_speech_at(const analysis *an, size_t k, size_t e);
static inline bool new_speech(const analysis *an, size_t k, size_t e)
{
    /* the conjunctions new_speech_at knows start with a, b, e, m, t or w:
     * most tokens are turned down here by their first byte alone (this is
     * asked at every word of a content clause) */
    size_t j = k + (is_comma(an, k) ? 1 : 0);
    if (j >= an->ntoks)
        return false;
    switch (an->text[an->toks[j].start]) {
    case 'a':
    case 'b':
    case 'e':
    case 'm':
    case 't':
    case 'w': return new_speech_at(an, k, e);
    default: return false;
    }
}
/* Does a quotation open in tokens [a, b)? */
bool has_quote(const analysis *an, size_t a, size_t b);
/* Is token k a determiner? */
bool is_det_word(const analysis *an, size_t k);
/* Trims punctuation (not quotation marks) from both ends of [*a, *b). */
void trim(const analysis *an, size_t *a, size_t *b);
/* Past an apposition that describes the name just before ("According to
 * Harriet Blume, the mayor's chief of staff, the city …"): a short
 * phrase up to a comma, with no verb in it, followed by more text. */
size_t skip_apposition(const analysis *an, size_t k, size_t e);
/* The start of the clause that ends before token b: the sentence start,
 * past a short introductory phrase ("Dans cette conversation,"), or the
 * relative clause right before a tail ("…, qui était une « initiative
 * française », a noté …"). */
size_t clause_start(const analysis *an, size_t a, size_t b);
/* The quote that spans exactly the tokens [a, b), marks included. */
const quote *whole_quote(const analysis *an, size_t a, size_t b);
/* Where content [ca, cb) ends once a closing channel phrase is left out:
 * "described the levy as a “tax” in a speech", "… dans un communiqué".
 * The phrase is the medium (find_channel reports it), not what was said. */
size_t channel_tail(const analysis *an, size_t ca, size_t cb);
/* A French infinitive phrase starts at k: "renoncer", "ne pas avoir",
 * "s'être entretenu", "avoir recommandé". */
bool infinitive_at(const analysis *an, size_t k);
size_t listener_end(const analysis *an, size_t b, size_t e);
/* Does a relative clause that describes a person open at comma k (",
 * who …", ", whose …", ", dont …")? */
bool relative_after(const analysis *an, size_t k);
/* A speaker after its verb takes into its mention the relative clause or
 * the bracketed party that describes it, to the end of the sentence e. */
void mention_over_relative(const analysis *an, np *p, size_t e);
/* Statement verbs whose object is what was said: "cited the report",
 * "described the plan as …". */
bool object_verb(const cue_info *ci);
/* Does token k open what describes a noun before it: a preposition ("a
 * report by Politico"), a participle ("a complaint filed by") or a second
 * noun ("La Dépêche et France Bleu")? */
bool post_modifier(const analysis *an, size_t k);
/* Does the sentence open with a subordinating conjunction ("Although",
 * "While", "Bien que", "Lorsque")? */
bool subordinate_opening(const analysis *an, size_t a);
/* An English adverb in -ly ("forcefully", "repeatedly"), not a noun of
 * that shape ("family", "ally", listed as nouns). */
bool ly_adverb(const analysis *an, size_t k);
size_t past_adverbs(const analysis *an, size_t a, size_t f);
/* Is token k a past participle by its ending: French -é(e)(s), English
 * -ed ("publiées", "released")? */
bool participle_word(const analysis *an, size_t k);
bool gerund_word(const analysis *an, size_t k);
/* Does the participle cue m follow "et"/"and", sharing the auxiliary
 * of the verb before it? */
bool shares_auxiliary(const analysis *an, const cue_match *m);
void over_participle(const analysis *an, size_t a, np *p);
/* The subject of the sentence that starts at a, past an introduction. */
bool subject_np(const analysis *an, size_t a, size_t limit, np *p);
/* Is the cue a French past participle standing alone, an adjective
 * ("les policiers promis par le ministère", "la mesure annoncée")? */
bool bare_past_participle(const analysis *an, const cue_match *m);
/* A passive cue, or a French participle alone after être. */
bool passive_cue(const analysis *an, const cue_match *m);
/* "par la voix de X", "through X": who spoke for the subject. Returns the
 * token after "de", else SIZE_MAX. */
size_t voice_of(const analysis *an, size_t k, size_t e);
/* Does "call" name something from token k on: an object, then what it
 * is called, "a quack" or "unsubstantiated"? The object may be long ("has
 * called the police shootings … and the unrest that followed a moment
 * like …"), so up to 24 words. Not "called the police a day later",
 * "called for a vote" or "called on Tuesday". */
bool naming(const analysis *an, size_t k, size_t e);
/* Findings: "the poll shows", "l'étude montre". */
bool finding(const cue_info *ci);
/* Verbs that report speech only as a tail or before que/that ("…, he
 * continued", "a-t-il poursuivi"): with an object they mean going on;
 * and those of class que, only before que ("a fait valoir que"). */
bool tail_only(const cue_info *ci);
/* Can this phrase be someone spoken to: a name, a pronoun, a role, a
 * group or an institution ("told reporters", "urged the ministry")? */
bool listener(const analysis *an, const np *p);
/* An English object pronoun at token k: him, her, them, us, me, you. */
bool object_pronoun(const analysis *an, size_t k);
/* French: the one spoken to at token a ("à l'AFP", "au Figaro", "auprès
 * de l'AFP", "devant les députés"), up to e; not a place ("à Paris").
 * Returns the token after it and fills *to, else SIZE_MAX. */
size_t french_listener(const analysis *an, size_t a, size_t e, np *to);
/* The one spoken to around a cue m, up to token e: English "told
 * reporters" (the verb's object, when the subject stands before it);
 * French "a-t-il confié au Figaro", "a indiqué à l'AFP une source", "a
 * souligné auprès de l'AFP X", "a confié l'ancien ministre au Figaro",
 * "a mis en garde X, devant une commission". subj_first, subj_last: the
 * subject's tokens when it follows the verb, else SIZE_MAX. Fills *to. */
bool tail_listener(const analysis *an, const cue_match *m, size_t subj_first, size_t subj_last, size_t e,
                   np *to);
/* Verbs whose object is the person spoken to. */
bool takes_addressee(const cue_info *ci);

/* Past "(R-Utah)" and auxiliaries/adverbs before a verb: the next token. */
size_t skip_parens(const analysis *an, size_t k, size_t limit);

#endif
