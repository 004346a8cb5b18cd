/*
 * rules_clause.c: the complement family of reported speech: a verb and
 * what it reports after it ("X a déclaré (à Y) que C", "X said C", "X a
 * appelé Y à C", "a dénoncé « un mensonge d'État »", "cited derogatory
 * comments").
 *
 * Reads a verb cue and the words after it: past adjuncts, times,
 * listeners and channels to where the content starts (walk_to_content,
 * complement), then where it ends (clause_end, complement_end). Proposes
 * records of the rules "complement" (its speaker before the verb,
 * speaker.c; a tail after the content names the source, or, in English,
 * reports the whole clause: "relay-tail"), "passive" ("a été accusé de …
 * par Y", "was told that …") and "opening-participle" ("Estimant que C,
 * Jean Cassin a …").
 */
#include "alloc.h"
#include "analysis.h"
#include "attribute.h"
#include "cues.h"
#include "lexicon.h"
#include "mentions.h"
#include "phrase.h"
#include "rules.h"
#include "segment.h"

#include <string.h>

#define THAT_AHEAD 16 /* tokens from a verb to the "that" its listener hides */

/* A pronoun addressee as a phrase of the one word k, kept as written and
 * not resolved: whom "him" or "leur" means is often the speaker's
 * counterpart, whom the rules for subject pronouns would miss. */
static void pronoun_addressee(size_t k, np *out)
{
    memset(out, 0, sizeof *out);
    out->tok_first = out->tok_last = (uint32_t)k;
    out->kind = DIXIT_KIND_PERSON;
}

/* "told them that", "warned him that": an English object pronoun after
 * the verb; "her" before a noun is a determiner ("told her staff"). */
static bool object_addressee(const analysis *an, size_t k)
{
    if (an->lang == LANG_FR || k >= an->ntoks || an->toks[k].kind != TK_WORD || !object_pronoun(an, k))
        return false;
    return !(tok_is_ci(an, k, "her") && k + 1 < an->ntoks && an->toks[k + 1].kind == TK_WORD &&
             !is_compl(an, k + 1) && !adjunct_word(an, k + 1));
}

/* From the verb on, past the words that stand before its content: time
 * phrases, adjuncts, "par ailleurs", a place in commas, a listener ("à son
 * homologue", "told reporters"), a channel ("dans un communiqué"). Returns
 * where the content starts when these decide it (after que/that, at an
 * "about"), else WALK_ON with *at the first word they leave and *comma
 * whether a comma was crossed. */
/* A time phrase after its article at token k ("la semaine dernière",
 * "l'an passé", "le mois prochain"): the token after it, else k. */
static size_t article_time(const analysis *an, size_t k, size_t e)
{
    if (!np_is_det(an, k))
        return k;
    size_t t = time_phrase(an, k + 1, e);
    if (t == k + 1)
        return k;
    /* the adjective after the noun: "dernière", "passé" */
    while (t < e && tok_has(an, t, LX_TIMEPART) && !(an->toks[t].flags & TF_CAP) && !is_det_word(an, t) &&
           !tok_has(an, t, LX_STOP | LX_PREP))
        t++;
    return t;
}

/* Does the cue m stand after a determiner or a lowercase word that can
 * be no subject, an adjective ("effusive praise of", "spontaneous chants
 * of", "a surefire forecast of"), which makes it a noun? A pronoun, an
 * auxiliary, an adverb, a relative, a plural, a role, a group or an
 * organisation may be its subject or stand before a verb. */
static bool adjective_before(const analysis *an, const cue_match *m)
{
    size_t p = m->tok_first;
    if (p == 0 || an->toks[p - 1].kind != TK_WORD)
        return false;
    p--;
    if (tok_has(an, p, LX_DET))
        return true;
    if ((an->toks[p].flags & TF_CAP) || ly_adverb(an, p) ||
        tok_has(an, p, LX_PRONOUN | LX_AUX | LX_ADV | LX_ROLE | LX_GROUP | LX_ORG | LX_DOCUMENT) ||
        tok_class(an, p, WC_WHO | WC_WHICH | WC_THAT))
        return false;
    const char *t = tok_text(an, p);
    size_t n = tok_len(an, p);
    return !(n > 3 && t[n - 1] == 's'); /* "critics warned of" */
}

/* The que/that after the phrase at token k, before any punctuation and
 * within THAT_AHEAD tokens ("said of Trump that he …"), else SIZE_MAX. */
static size_t clause_after_phrase(const analysis *an, size_t k, size_t e)
{
    for (size_t j = k; j < e && j < k + THAT_AHEAD && an->toks[j].kind == TK_WORD; j++)
        if (is_compl(an, j))
            return j;
    return SIZE_MAX;
}

/* An aside set in commas or dashes between a verb and its que/that:
 * "said, among other things, that", "said — on Twitter, as it happens —
 * that". At most ASIDE_MAX tokens of words and commas, none a verb of
 * speech (a noun of speech may be: "in a long statement"), an auxiliary, a
 * relative or a coordinator ("disagreed, and Jones said that" is another
 * clause); the que/that's token, else k. */
#define ASIDE_MAX 14
static size_t aside_to_compl(const analysis *an, size_t k, size_t e)
{
    if (!is_comma(an, k))
        return k;
    for (size_t j = k + 1; j < e && j <= k + ASIDE_MAX; j++) {
        cue_match jm;
        const token *t = &an->toks[j];
        if (is_comma(an, j)) {
            if (j > k + 1 && is_compl(an, j + 1))
                return j + 1;
            continue;
        }
        if (t->kind == TK_QUOTE || t->qrole != QR_NONE || t->kind == TK_PUNCT ||
            (tok_has(an, j, LX_AUX) && !tok_has(an, j, LX_ADV)) ||
            tok_class(an, j, WC_AND | WC_BUT | WC_WHO | WC_WHICH) || is_compl(an, j) ||
            (cue_at(an, j, &jm) && lex_cue(an->lx, jm.cue)->pos != LX_CUE_NOUN))
            return k;
    }
    return k;
}

/* Is token k a French adverb of manner by its ending ("officiellement",
 * "solennellement"), no noun ("gouvernement": the lexicon's, or one after
 * a determiner, which the caller's position rules out)? */
static bool ment_adverb(const analysis *an, size_t k)
{
    if (an->lang != LANG_FR || an->toks[k].kind != TK_WORD || (an->toks[k].flags & TF_CAP))
        return false;
    size_t n = tok_len(an, k);
    return n > 6 && lex_suffix(an->endings, LANG_FR, SX_ADVERB, tok_text(an, k), n) &&
           !tok_has(an, k, LX_NOUN | LX_ROLE | LX_GROUP | LX_DET);
}

size_t walk_to_content(rctx *c, const cue_match *m, size_t e, np *addr, bool *have_addr, bool *object,
                       size_t *at, bool *comma_out)
{
    analysis *an = c->an;
    const cue_info *ci = lex_cue(an->lx, m->cue);
    size_t k = m->tok_last + 1;
    bool comma = false; /* a comma was crossed: only que/that may follow */
    for (int guard = 0; k < e && guard < 12; guard++) {
        /* "a estimé samedi 21 décembre que", "a annoncé fin août que" */
        size_t tp = time_phrase(an, k, e);
        if (tp > k) {
            k = tp;
            continue;
        }
        /* "a affirmé la semaine dernière que", "l'an dernier que": a time
         * phrase after its article, right before que (else the article's
         * phrase may be the object: "a défendu la semaine de quatre jours") */
        tp = article_time(an, k, e);
        if (tp > k && tp < e && is_compl(an, tp)) {
            k = tp;
            continue;
        }
        size_t as = aside_to_compl(an, k, e);
        if (as > k) {
            k = as;
            continue;
        }
        /* ", par ailleurs," between the verb and its object */
        if (is_comma(an, k) && k + 1 < e && adverbial_at(an, k + 1) > 0 &&
            is_comma(an, k + 1 + adverbial_at(an, k + 1))) {
            k += 2 + adverbial_at(an, k + 1);
            continue;
        }
        /* "a souligné de son côté que", "a indiqué par ailleurs que" */
        if (adverbial_at(an, k) > 0) {
            k += adverbial_at(an, k);
            continue;
        }
        /* ("complained bitterly that": an adverb in -ly before that; "a
         * demandé officiellement au gouvernement de", "appelle
         * régulièrement à la levée": one in -ment right after the French
         * verb, before the one spoken to or what is called for; not before
         * que, where it may be the writer's reading of a wish or a thought:
         * "souhaite visiblement qu'il se dépêche") */
        if (is_comma(an, k) || adjunct_word(an, k) ||
            (ly_adverb(an, k) && k + 1 < e && is_compl(an, k + 1)) ||
            (k == m->tok_last + 1 && k + 1 < e && ment_adverb(an, k) && tok_class(an, k + 1, WC_A | WC_AU))) {
            /* ", Ohio," closes a place name: not a clause boundary */
            np place;
            /* so does an apposition ", un syndicat agricole flamand," (after a
             * comma only que/that may follow anyway) */
            if (is_comma(an, k) && np_forward(an, k + 1, e, &place) && is_comma(an, place.tok_last + 1) &&
                ((place.has_name && place.tok_last < k + 4) ||
                 (is_det_word(an, k + 1) && place.tok_last < k + 8))) {
                k = place.tok_last + 2;
                continue;
            }
            comma |= is_comma(an, k);
            k++;
            continue;
        }
        if (is_compl(an, k))
            return k + 1;
        /* "a plaidé pour que …", "a insisté sur le fait que …": the clause
         * after the preposition is what was said */
        if (an->lang == LANG_FR && tok_class(an, k, WC_FOR) && is_compl(an, k + 1))
            return k + 2;
        if (an->lang == LANG_FR && tok_class(an, k, WC_MEDIUM) && tok_class(an, k + 1, WC_LE) &&
            tok_is_ci(an, k + 2, "fait") && is_compl(an, k + 3))
            return k + 4;
        /* "Le ministre a déclaré : les écoles rouvriront", "X le rappelle :
         * …": a colon opens what was said */
        if (tok_is_punct(an, k, ':') && !comma && k + 1 < e)
            return k + 1;
        /* "au cours d'une réunion", "au lendemain du vote": a complex
         * preposition, no listener */
        size_t cp = french_complex_prep(an, k, e);
        if (cp == SIZE_MAX)
            cp = voice_of(an, k, e);
        if (cp != SIZE_MAX) {
            np tmp;
            k = np_forward(an, cp, e, &tmp) ? tmp.tok_last + 1 : cp;
            /* "… d'une réunion avec l'ABS" */
            while (k + 1 < e && tok_class_in(an, k, LANG_FR, WC_ADJUNCT) && np_forward(an, k + 1, e, &tmp))
                k = tmp.tok_last + 1;
            continue;
        }
        /* "à son homologue Emmanuel Macron", "told reporters", "a appelé
         * Poutine à" */
        if (!*have_addr && tok_class(an, k, WC_A | WC_AU) &&
            np_forward(an, k + 1, listener_end(an, k + 1, e), addr) && !addr->pronoun &&
            !(ci->act == ACT_APPEAL && !listener(an, addr))) {
            *have_addr = true;
            k = addr->tok_last + 1;
            continue;
        }
        /* "estime auprès de l'AFP que", "a affirmé devant les députés que":
         * the one the words were said to, as after "à" */
        if (!*have_addr && an->lang == LANG_FR && tok_class(an, k, WC_NEAR | WC_FACING)) {
            size_t after = french_listener(an, k, e, addr);
            if (after != SIZE_MAX) {
                *have_addr = true;
                k = after;
                continue;
            }
        }
        /* "yelling to the officers that …": English "to" and a listener
         * before "that" */
        if (!*have_addr && an->lang == LANG_EN && tok_class(an, k, WC_TO) && np_forward(an, k + 1, e, addr) &&
            listener(an, addr) && is_compl(an, addr->tok_last + 1)) {
            *have_addr = true;
            k = addr->tok_last + 1;
            continue;
        }
        bool for_form = tok_class(an, m->tok_last, WC_FOR);
        if (!*have_addr && takes_addressee(ci) && !for_form && object_addressee(an, k)) {
            pronoun_addressee(k, addr);
            *have_addr = true;
            k++;
            continue;
        }
        if (!*have_addr && takes_addressee(ci) && !for_form && an->toks[k].kind == TK_WORD &&
            np_forward(an, k, e, addr) && listener(an, addr)) {
            *have_addr = true;
            k = addr->tok_last + 1;
            /* "Jonas Meyer, directeur du collège, à renforcer …", "le
             * ministre, Giorgos Pappas, à …": the comma closes an apposition */
            if (is_comma(an, k)) {
                size_t j = skip_apposition(an, k + 1, e);
                k = j != k + 1 ? j : (addr->appositive ? k + 1 : k);
            }
            continue;
        }
        /* "spoke about the shooting", "asked Clinton about her emails":
         * what the speech was about is its content */
        /* "said about 20 people have …": "about" a number is the clause's
         * first word */
        if (an->lang == LANG_EN && tok_class(an, k, WC_ABOUT) && k + 1 < e &&
            an->toks[k + 1].kind == TK_NUM && (inverts_en(ci) || takes_addressee(ci)) && !comma)
            return k;
        if (an->lang == LANG_EN && tok_class(an, k, WC_ABOUT) && !comma && k + 1 < e &&
            an->toks[k + 1].kind != TK_NUM &&
            !(m->tok_first > 0 && tok_has(an, m->tok_first - 1, LX_DET)) && /* "his claims about" */
            (an->toks[k + 1].kind == TK_WORD || an->toks[k + 1].qrole == QR_OPEN)) {
            *object = true;
            return k + 1;
        }
        /* "warned of a hard winter", "spoke of betrayal": "of" opens the
         * topic as "about" does; a clause after its phrase is what was
         * said ("said of Trump that he …") */
        if (an->lang == LANG_EN && tok_class(an, k, WC_OF) && !comma && k + 1 < e &&
            !adjective_before(an, m) &&
            (an->toks[k + 1].kind == TK_WORD || an->toks[k + 1].qrole == QR_OPEN)) {
            size_t t = clause_after_phrase(an, k + 1, e);
            if (t != SIZE_MAX)
                return t + 1;
            *object = true;
            return k + 1;
        }
        /* "said while the plan was sound, …": a subordinate clause with
         * its subject opens the content ("said while in Iowa that" is an
         * adjunct) */
        if (tok_class(an, k, WC_SUBORD) && an->lang == LANG_EN && k + 1 < e &&
            (tok_has(an, k + 1, LX_DET | LX_PRONOUN) || (an->toks[k + 1].flags & TF_CAP)))
            break;
        if (adjunct_prep(an, k)) {
            /* skip "dans un communiqué", "in an interview with CNN", "on
             * Tuesday" */
            size_t j = k + 1;
            np tmp;
            if (j < e && tok_has(an, j, LX_TIME)) {
                while (j < e && tok_has(an, j, LX_TIME))
                    j++;
            } else if (np_forward(an, j, e, &tmp)) {
                j = tmp.tok_last + 1;
                /* "in an interview with CNN", "lors d'une réunion avec les
                 * syndicats" */
                while (j + 1 < e && tok_class(an, j, WC_WITH) && np_forward(an, j + 1, e, &tmp))
                    j = tmp.tok_last + 1;
            } else if (j < e && tok_lex(an, j) && tok_has(an, j, LX_DET))
                j++;
            k = j;
            continue;
        }
        break;
    }
    *at = k;
    *comma_out = comma;
    return WALK_ON;
}

/* "told a town hall in Salem, New Hampshire on Monday that …", "told The
 * Post and Courier newspaper of Charleston on Saturday that …": a verb
 * that speaks to someone, a listener right after it, and "that" a few
 * words on, past what the walk could not read (a place with its comma,
 * coordinated names); only words and commas between, no verb of speech,
 * no relative. The content's first token, else SIZE_MAX; sets *addr. */
static size_t that_ahead(const analysis *an, const cue_info *ci, const cue_match *m, size_t e, np *addr)
{
    size_t k = m->tok_last + 1;
    if (an->lang != LANG_EN || !takes_addressee(ci) || !np_forward(an, k, e, addr) || !listener(an, addr))
        return SIZE_MAX;
    for (size_t j = addr->tok_last + 1; j < e && j < k + THAT_AHEAD; j++) {
        cue_match jm;
        if (is_compl(an, j))
            return j + 1 < e ? j + 1 : SIZE_MAX;
        if ((an->toks[j].kind != TK_WORD && !is_comma(an, j)) || tok_class(an, j, WC_WHO | WC_WHICH) ||
            cue_at(an, j, &jm))
            return SIZE_MAX;
    }
    return SIZE_MAX;
}

/* The content of a verb that takes an object or a wh-clause, at word (or
 * quotation mark) k: an object that is what was said ("cited derogatory
 * comments", "a dénoncé « un mensonge d'État »"), not a person who is its
 * target ("endorsed her deputy"); SIZE_MAX when there is none. Sets
 * *object when the content is an object. */
static size_t object_content(const analysis *an, const cue_info *ci, size_t k, size_t e, bool *object)
{
    const lex_entry *le = tok_lex(an, k);
    if (tok_class(an, k, WC_WH | WC_WHO | WC_IF))
        return k;
    bool speech_object = ci->act != ACT_STATEMENT || object_verb(ci);
    /* "Trump attacked “the hateful ideology of …”" */
    if (speech_object && an->toks[k].qrole == QR_OPEN)
        return k;
    /* French: "a dénoncé « un mensonge d'État »", "s'est dite
     * « fermement convaincue »" */
    if (an->lang == LANG_FR && an->toks[k].qrole == QR_OPEN)
        return k;
    if (tok_class_in(an, k, LANG_EN, WC_TO) && k + 1 < e && an->toks[k + 1].kind == TK_WORD &&
        ci->act != ACT_STATEMENT && !tok_has(an, k + 1, LX_DET) && !(an->toks[k + 1].flags & TF_CAP))
        return k;
    np obj;
    /* a person is the head of the object: "Trump", "her deputy"; not
     * "the comments Trump had made" */
    bool person = false;
    if (np_forward(an, k, e, &obj) && obj.kind == DIXIT_KIND_PERSON) {
        size_t h = np_head_index(an, &obj);
        /* the head comes first in French ("les critiques de la
         * ministre"), last in English ("her deputy") */
        person = (obj.has_name && obj.name_first == h) || tok_has(an, h, LX_ROLE) ||
                 (an->lang == LANG_EN && tok_has(an, obj.tok_last, LX_ROLE));
    }
    /* "a accusé le maire de mentir", "accuse X d'avoir menti": the charge
     * after "de" is what was said, the person charged its target */
    if (person && an->lang == LANG_FR && (ci->classes & VC_CHARGE))
        for (size_t j = obj.tok_first + 1; j <= obj.tok_last + 1 && j + 1 < e; j++)
            if (tok_class(an, j, WC_DE) && infinitive_at(an, j + 1))
                return j + 1;
    /* "endorsed her deputy", "criticized Trump": a person is the target,
     * not what was said; "blasted Clinton as a “disgrace”", "accused him
     * of lying" say something of the person */
    if (person && tok_class_in(an, obj.tok_last + 1, LANG_EN, WC_AS | WC_FOR | WC_OF | WC_TO))
        person = false;
    /* "accused the senator of sexism": the phrase took the "of" in */
    for (size_t j = obj.tok_first + 1; person && j <= obj.tok_last; j++)
        if (tok_class_in(an, j, LANG_EN, WC_OF | WC_FOR))
            person = false;
    /* "endorsed Trump", "attacked Machado": in English news the person
     * praised or attacked is what the act says (PolNeAR annotates it) */
    if (person && an->lang == LANG_EN &&
        (ci->act == ACT_CRITICISM || ci->act == ACT_AGREEMENT || ci->act == ACT_BELIEF))
        person = false; /* "voters who support Sanders": whom they back is the belief */
    /* "described Trump's approach": a possessive is not the person */
    if (person && obj.has_name) {
        const char *nt = tok_text(an, obj.name_last);
        size_t nl = tok_len(an, obj.name_last);
        size_t ps = lex_suffix(an->endings, LANG_EN, SX_POSSESSIVE, nt, nl);
        if ((ps && nl > ps) || obj.name_last < obj.tok_last)
            person = false;
    }
    /* "cited improving mental health services" */
    size_t tl = tok_len(an, k);
    if (object_verb(ci) && tl > 4 && lex_suffix(an->endings, LANG_EN, SX_GERUND, tok_text(an, k), tl) &&
        !(an->toks[k].flags & TF_CAP)) {
        *object = true;
        return k;
    }
    /* "blasted him for not paying", "accused her of lying" */
    size_t po = object_pronoun(an, k) ? k + 1 : obj.tok_last + 1; /* "him" ends no phrase */
    if (speech_object && (obj.pronoun || object_pronoun(an, k)) &&
        tok_class_in(an, po, LANG_EN, WC_FOR | WC_OF | WC_AS))
        return k;
    /* "la Camaro accuse une légère baisse de ses ventes": "accuser" names
     * whom it accuses, then "de" and what they did; a thing with no "de"
     * and infinitive after it is a figure the verb records */
    if (an->lang == LANG_FR && (ci->classes & VC_CHARGE) && !person && tok_has(an, k, LX_DET)) {
        bool charge = false;
        for (size_t j = k + 1; j + 1 < e && j < k + 32 && !charge; j++)
            charge = tok_class(an, j, WC_DE) && infinitive_at(an, j + 1);
        if (!charge)
            return SIZE_MAX;
    }
    bool blame = ci->act == ACT_CRITICISM || ci->act == ACT_ACCUSATION || ci->act == ACT_DENIAL;
    if ((object_verb(ci) || blame) && !person && an->toks[k].kind == TK_WORD &&
        !(an->toks[k].flags & TF_CAP) && !lex_has(le, an->lang, LX_STOP) && !lex_has(le, an->lang, LX_AUX) &&
        !lex_has(le, an->lang, LX_PRONOUN) && !lex_has(le, an->lang, LX_TIME) && !is_compl(an, k)) {
        *object = true;
        return k;
    }
    /* "a annoncé de nouvelles restrictions", "a fait état d'un décès": the
     * French partitive or "de" before the thing said */
    if (speech_object && !person && an->lang == LANG_FR && tok_class(an, k, WC_DE | WC_DU) && k + 1 < e &&
        an->toks[k + 1].kind == TK_WORD && !(an->toks[k + 1].flags & TF_CAP) && !infinitive_at(an, k + 1) &&
        !tok_has(an, k + 1, LX_TIME)) {
        *object = true;
        return k + (tok_class(an, k, WC_DE) && !tok_has(an, k + 1, LX_DET) ? 0 : 1);
    }
    if (speech_object && !person &&
        ((lex_has(le, an->lang, LX_DET) && !tok_class_in(an, k, LANG_EN, WC_THAT)) ||
         an->toks[k].kind == TK_NUM ||
         ((an->toks[k].flags & TF_CAP) && !lex_has(le, an->lang, LX_PRONOUN)))) {
        *object = true;
        return k;
    }
    return SIZE_MAX;
}

/* The first comma outside quotation marks in [cs, ce), else ce. */
static size_t first_comma(const analysis *an, size_t cs, size_t ce)
{
    for (size_t j = cs; j < ce; j++)
        if (is_comma(an, j) && an->toks[j].depth == 0)
            return j;
    return ce;
}

/* The first comma in [cs, ce) after which the main clause goes on: a
 * subject, then its verb or auxiliary ("…, McKinley said", "…, he is
 * ready"; not "a full, unredacted copy", nor "…, « … »"); else ce. */
static size_t main_clause_comma(const analysis *an, size_t cs, size_t ce)
{
    for (size_t j = first_comma(an, cs, ce); j < ce; j = first_comma(an, j + 1, ce)) {
        np p;
        cue_match vm;
        size_t v = j + 1 < ce && np_forward(an, j + 1, ce, &p) ? p.tok_last + 1 : ce;
        if (v < ce && an->toks[v].kind == TK_WORD &&
            (tok_has(an, v, LX_AUX) || (cue_at(an, v, &vm) && lex_cue(an->lx, vm.cue)->pos == LX_CUE_VERB)))
            return j;
    }
    return ce;
}

/* "added a goal in the second half", "added two points.": after a verb that
 * reports clauses only (class clause), a phrase that ends the sentence or
 * meets an adjunct is its object, a thing, not a clause it reports
 * ("added the plan was dead"). The phrase starts at token k. */
static bool bare_object(const analysis *an, const cue_info *ci, size_t k, size_t e)
{
    np p;
    if (an->lang != LANG_EN || !(ci->classes & VC_CLAUSE) || tok_has(an, k, LX_PRONOUN))
        return false;
    size_t v;
    if (np_forward(an, k, e, &p))
        v = p.tok_last + 1;
    else if (an->toks[k].kind == TK_NUM && k + 1 < e && an->toks[k + 1].kind == TK_WORD)
        v = k + 2; /* "added 25 points in …": a count and its noun */
    else
        return false;
    /* "a goal and an assist": the phrases coordinated with it */
    for (int n = 0; n < 4 && v + 1 < e && tok_class(an, v, WC_AND) && np_forward(an, v + 1, e, &p); n++)
        v = p.tok_last + 1;
    if (v >= e)
        return true;
    /* "added a goal and an assist, and Columbus beat Montreal": a comma
     * then a coordinator opens the next clause, the phrase was the object */
    if (is_comma(an, v))
        return v + 1 < e && tok_class(an, v + 1, WC_AND | WC_BUT);
    if (an->toks[v].kind == TK_PUNCT)
        return an->toks[v].qrole == QR_NONE;
    /* "is adding Ivan Roe as its chief strategist", "added two firms to
     * the contract": a phrase put somewhere or in some role */
    return an->toks[v].kind == TK_WORD &&
           (adjunct_prep(an, v) || tok_class_in(an, v, LANG_EN, WC_AS | WC_TO));
}

/* "found the United States was in breach", "agreed it was a top-heavy
 * plan", "emphasizing it was time": a subject, then an auxiliary or a
 * modal (not an adverb filed with them, "told reporters later"), opens
 * the clause an English verb reports without "that", whatever else the
 * verb may take. */
/* An auxiliary or a modal at v (no adverb filed with them), then a word
 * or quoted words ("was "so swollen …""). */
static bool aux_at(const analysis *an, size_t v, size_t e)
{
    return v + 1 < e && tok_has(an, v, LX_AUX) && !tok_has(an, v, LX_ADV) && !tok_has(an, v, LX_TIME) &&
           (an->toks[v + 1].kind == TK_WORD || an->toks[v + 1].qrole == QR_OPEN);
}

static bool subject_then_aux(const analysis *an, size_t k, size_t e)
{
    if (an->lang == LANG_FR || k >= e || an->toks[k].kind != TK_WORD)
        return false;
    /* no auxiliary within a subject's reach: no phrase to read (asked at
     * most verbs of speech, this test first) */
    size_t j = k + 1;
    while (j < e && j < k + 10 && !(tok_has(an, j, LX_AUX) && !tok_has(an, j, LX_ADV)))
        j++;
    if (j >= e || j >= k + 10)
        return false;
    size_t v = k + 1;
    np p;
    /* a pronoun subject ("it was"), else a phrase ("her right foot was":
     * "her" is a determiner there) */
    if (!tok_has(an, k, LX_PRONOUN) || !aux_at(an, v, e)) {
        if (!np_forward(an, k, e, &p))
            return false;
        v = p.tok_last + 1;
    }
    return aux_at(an, v, e);
}

/* Is the speaker's mention one lowercase word before token f that is
 * neither a pronoun nor a relative ("submit", "societal", not "they",
 * "who")? */
static bool nameless_word(const analysis *an, const dixit_party *sp, size_t f)
{
    if (!sp->present || sp->mention.end <= sp->mention.start)
        return false;
    size_t w = tok_index_near(an, sp->mention.start, f);
    if (w >= f || an->toks[w].start != sp->mention.start || an->toks[w].end != sp->mention.end)
        return false;
    return an->toks[w].kind == TK_WORD && !(an->toks[w].flags & TF_CAP) && !tok_has(an, w, LX_PRONOUN) &&
           !tok_class(an, w, WC_WHO | WC_WHICH | WC_THAT);
}

/* After a verb: adjuncts, an addressee, a channel; returns where the
 * complement starts (after que/that/à/to) or SIZE_MAX. */
static size_t complement_at(rctx *c, const cue_match *m, size_t e, np *addr, bool *have_addr, bool *object)
{
    analysis *an = c->an;
    const cue_info *ci = lex_cue(an->lx, m->cue);
    *have_addr = false;
    *object = false;
    size_t k = 0;
    bool comma = false;
    size_t got = walk_to_content(c, m, e, addr, have_addr, object, &k, &comma);
    if (got != WALK_ON)
        return got;
    /* "dit, sur Twitter, prendre acte …": past an adjunct between commas,
     * a French infinitive */
    if (comma && an->lang == LANG_FR && k < e && is_comma(an, k - 1) && infinitive_at(an, k) &&
        !tail_only(ci))
        return k;
    if (k >= e || comma || tail_only(ci))
        return SIZE_MAX; /* "will continue their attacks": not speech */
    /* "a plaidé pour un « retour progressif »", "arguant d'un « niveau
     * élevé »", "a parlé d'une « faute »": a preposition, then a phrase that
     * holds quoted words; that phrase is what was said (a mixed record) */
    if (tok_class(an, k, WC_DE | WC_DU | WC_FOR) && k + 1 < e && an->toks[k + 1].kind != TK_PUNCT &&
        has_quote(an, k + 1, k + 5 < e ? k + 5 : e)) {
        *object = true;
        return k + 1;
    }
    /* "s'est dit inquiet", "se sont dits « choqués »": what they said they
     * were */
    if (says_self(an, m) && an->toks[k].kind == TK_WORD && !is_compl(an, k) &&
        !(an->toks[k].flags & TF_CAP) && !tok_has(an, k, LX_DET) && !tok_has(an, k, LX_PREP)) {
        *object = true;
        return k;
    }
    /* appeals to a conduct: "a appelé au calme", "appelle à la retenue" */
    if (an->lang == LANG_FR && ci->act == ACT_APPEAL && tok_class(an, k, WC_A | WC_AU) && k + 1 < e &&
        an->toks[k + 1].kind == TK_WORD && !(an->toks[k + 1].flags & TF_CAP) && !infinitive_at(an, k + 1)) {
        *object = true;
        return k;
    }
    /* appeals: "à prendre", "to take", never "appeal to voters". The
     * English infinitive's subject is the object before it: what was
     * urged in "urged the party to unite" is that the party unite, so the
     * content holds the object, still the addressee ("a appelé les
     * Français à voter": the French à names the listener) */
    if ((ci->act == ACT_APPEAL || takes_addressee(ci)) &&
        tok_class_in(an, k, LANG_UND, WC_A | WC_TO | WC_DE) && k + 1 < e &&
        (an->toks[k + 1].qrole == QR_OPEN ||
         (an->toks[k + 1].kind == TK_WORD && !(an->toks[k + 1].flags & TF_CAP) &&
          !tok_has(an, k + 1, LX_DET))))
        return *have_addr && addr->tok_last + 1 == k && tok_class(an, k, WC_TO) ? addr->tok_first : k + 1;
    /* French infinitive: "a indiqué ne pas avoir parlé", "a annoncé
     * renoncer", "estimant avoir « ouvert … »", "a promis de revenir", "a
     * promis de « tout faire »" */
    if (an->lang != LANG_EN) {
        size_t j = k;
        if (tok_class(an, j, WC_DE))
            j++;
        if (infinitive_at(an, j) || (j > k && j < e && an->toks[j].qrole == QR_OPEN))
            return j;
    }
    /* English: "said the plan was dead", "says he will" */
    /* findings too: "polls show a close race", "the study found Trump
     * would raise taxes" (their subject is checked to be a document);
     * beliefs: "economists believe the tax is unfair" */
    bool bare = an->lang != LANG_FR &&
                (inverts_en(ci) || takes_addressee(ci) || finding(ci) || ci->act == ACT_BELIEF) &&
                !(ci->classes & VC_NAME);
    if (bare && an->toks[k].qrole == QR_OPEN)
        return k; /* he said "budget reforms" would pay for it */
    /* "is describing as “unhinged” a tweet", "characterized Kaine as
     * “desperate”": what the thing was said to be */
    if (an->lang == LANG_EN && (ci->classes & VC_AS) && an->toks[k].kind == TK_WORD) {
        if (tok_class(an, k, WC_AS))
            return k;
        for (size_t j = k + 1; j < e && j < k + 14; j++) {
            if (tok_class(an, j, WC_AS) && j + 1 < e)
                return k;
            if (an->toks[j].kind == TK_PUNCT && !is_comma(an, j))
                break;
        }
    }
    /* "called Clinton a “champion”": naming with quoted words; "called
     * the charges unsubstantiated", "called Oz a quack": naming */
    if (ci->classes & VC_NAME) {
        size_t lim = k + 8 < e ? k + 8 : e;
        return an->toks[k].kind == TK_WORD && (has_quote(an, k, lim) || naming(an, k, e)) ? k : SIZE_MAX;
    }
    /* "asserted she could", "warned they would": a subject pronoun opens a
     * clause after any verb of saying */
    if (an->lang != LANG_FR && an->toks[k].kind == TK_WORD && tok_has(an, k, LX_PRONOUN) &&
        !object_verb(ci) && !(ci->classes & VC_NAME) && !tok_is_ci(an, k, "it") && k + 1 < e &&
        an->toks[k + 1].kind == TK_WORD)
        return k;
    if (!bare && !(ci->classes & VC_NAME) && subject_then_aux(an, k, e))
        return k;
    /* "said 31,000 of them could be lost", "found 90 percent support …":
     * a clause may open with a number (a date after the verb is an
     * adjunct, which walk_to_content has passed) */
    if (bare && an->toks[k].kind == TK_NUM && k + 1 < e && an->toks[k + 1].kind != TK_PUNCT &&
        !bare_object(an, ci, k, e))
        return k;
    /* "said while the plan was sound, it came too late": a subordinate
     * clause, then its comma and the main clause, all of it said */
    if (bare && tok_class(an, k, WC_SUBORD) && first_comma(an, k + 1, e) + 2 < e)
        return k;
    /* "the video shows him with his hands up", "polls show them
     * leading", "shows her ahead": what a document shows may open with
     * an object pronoun and what the person does or has ("found him in
     * the house" is no finding) */
    if (bare && finding(ci) && tok_class_ci(an, k, WC_OBJECT) && k + 1 < e &&
        an->toks[k + 1].kind == TK_WORD &&
        (tok_class(an, k + 1, WC_WITH) || tok_has(an, k + 1, LX_ADV) ||
         lex_suffix(an->endings, LANG_EN, SX_GERUND, tok_text(an, k + 1), tok_len(an, k + 1))))
        return k;
    if (bare && an->toks[k].kind == TK_WORD) {
        const lex_entry *le = tok_lex(an, k);
        if ((lex_has(le, an->lang, LX_PRONOUN) || lex_has(le, an->lang, LX_DET) ||
             (an->toks[k].flags & TF_CAP) ||
             !(le && (lex_has(le, an->lang, LX_STOP) || lex_has(le, an->lang, LX_AUX)))) &&
            !bare_object(an, ci, k, e))
            return k;
    }
    /* English reporting verbs take objects and wh-clauses too: "Clinton
     * cited derogatory comments …", "questioned what kind of person …",
     * "vowed to form a task force" */
    if (an->toks[k].kind == TK_WORD || an->toks[k].qrole == QR_OPEN) {
        size_t oc = object_content(an, ci, k, e, object);
        if (oc != SIZE_MAX)
            return oc;
    }
    /* an object carrying quoted words: "a réitéré son « extrême
     * inquiétude »", "évoque un compte de X où « … »" (the quotation
     * within the object's first words, before a comma) */
    enum { OBJECT_QUOTE_REACH = 10 };
    if (an->toks[k].kind == TK_WORD && tok_has(an, k, LX_DET) && k + 1 < e &&
        has_quote(an, k, first_comma(an, k, k + OBJECT_QUOTE_REACH < e ? k + OBJECT_QUOTE_REACH : e))) {
        *object = true;
        return k;
    }
    return SIZE_MAX;
}

/* The content of verb m (complement_at's), else the clause after a
 * "that" its listener hides (that_ahead's). */
static size_t complement(rctx *c, const cue_match *m, size_t e, np *addr, bool *have_addr, bool *object)
{
    size_t cs = complement_at(c, m, e, addr, have_addr, object);
    if (cs != SIZE_MAX)
        return cs;
    const cue_info *ci = lex_cue(c->an->lx, m->cue);
    cs = tail_only(ci) ? SIZE_MAX : that_ahead(c->an, ci, m, e, addr);
    *have_addr = *have_addr || cs != SIZE_MAX;
    *object = false;
    return cs;
}

/* Where a complement clause [cs, ce) ends once its shape is read: an
 * object ends at its comma, before a closing time ("endorsed her deputy
 * on Monday") and before the adjunct after a person ("attacked the mayor
 * in a letter"); a clause opened by a subordinator or a relative "who"
 * ends at its comma. */
static size_t complement_end(const analysis *an, const cue_match *m, size_t a, size_t cs, size_t ce,
                             bool object)
{
    if (object) {
        /* the object and what qualifies it, up to the next comma */
        ce = first_comma(an, cs, ce);
        /* not the time that closes the clause: "endorsed her deputy on
         * Monday" */
        size_t t = ce;
        while (t > cs + 1 && an->toks[t - 1].kind == TK_PUNCT)
            t--;
        size_t w = t;
        while (w > cs + 1 && an->toks[w - 1].kind == TK_WORD && tok_has(an, w - 1, LX_TIME))
            w--;
        if (w < t && w > cs + 1 && (adjunct_prep(an, w - 1) || tok_is(an, w - 1, "on")))
            w--;
        if (w < t && w > cs)
            ce = w;
        /* and, in English, before a subordinate clause: "warned of a hard
         * winter because prices rose" (a French object may run on: "a
         * jugé un « paradoxe » alors que …") */
        for (size_t j = cs + 1; j < ce && an->lang == LANG_EN; j++)
            if (an->toks[j].depth == 0 && tok_class(an, j, WC_SUBORD)) {
                ce = j;
                break;
            }
        /* a person attacked or praised ends at the adjunct: "attacked
         * the mayor in a letter" */
        np on;
        if (np_forward(an, cs, ce, &on) && on.kind == DIXIT_KIND_PERSON && on.has_name &&
            on.tok_last + 1 < ce && adjunct_prep(an, on.tok_last + 1))
            ce = on.tok_last + 1;
    }
    /* "Although Hale has admitted that C, he …": a clause opened by a
     * subordinator ends at its comma */
    if (subordinate_opening(an, a) && m->tok_first > a)
        ce = first_comma(an, cs, ce);
    /* "X, who said C, endorsed …", "X, many of whom say C, marched": a
     * relative clause ends at its comma */
    size_t r = past_adverbs(an, a, m->tok_first);
    if (r > a && (tok_class(an, r - 1, WC_WHO | WC_WHOM | WC_WHICH) || tok_class_ci(an, r - 1, WC_WHO_IS)))
        ce = first_comma(an, cs, ce);
    /* "Emmanuel Macron, jugeant « insoutenable » que C, a plaidé …": a
     * participle between commas after its subject ends at its first
     * comma when the main clause's verb follows ("…, Rick Gates, would
     * remain" closes an apposition inside it) */
    if (m->tok_first > a && is_comma(an, m->tok_first - 1) && cue_participle(an, m)) {
        size_t j = first_comma(an, cs, ce);
        if (j + 1 < ce && tok_has(an, j + 1, LX_AUX) && !tok_has(an, j + 1, LX_ADV)) /* not "now" */
            ce = j;
    }
    return ce;
}

/* "Le maire a été accusé de favoritisme par l'opposition", "Kaine was
 * told that …": a passive cue's complement from cs; the agent after
 * par/by speaks (or nobody the text names), the subject was spoken to or
 * of. */
static rule_out emit_passive(rctx *c, const sent *st, const cue_match *mp, size_t cs, size_t *kp,
                             bool need_agent)
{
    analysis *an = c->an;
    size_t a = st->a, e = st->e, k = *kp;
    cue_match m = *mp, tm;
    np tp;
    const cue_info *ci = lex_cue(an->lx, m.cue);
    size_t before = an->toks[k].start;
    size_t ptail;
    size_t ce = clause_end(c, cs, e, &ptail, &tm, &tp);
    dixit_party agent;
    memset(&agent, 0, sizeof agent);
    for (size_t j = cs; j + 1 < ce; j++)
        if (an->toks[j].depth == 0 && tok_class(an, j, WC_AGENT)) {
            np ag;
            if (np_forward(an, j + 1, ce, &ag) && set_party(c, &ag, before, &agent))
                ce = j;
            break;
        }
    if (need_agent && !agent.present) {
        *kp = m.tok_last > k ? m.tok_last : k;
        return RULE_TOOK;
    }
    /* "a été lancé mi-janvier lors d'un sommet", "interpellé le 11 août":
     * a date after a passive is when it happened, nothing said */
    /* a French passive reports a clause or what it charges ("il est
     * indiqué que …", "accusé de favoritisme", "« … »"): "le débat a été
     * lancé mi-janvier" says nothing; the loop goes on after the verb,
     * which is no cue alone */
    if (time_phrase(an, cs, ce) > cs || tok_has(an, cs, LX_TIME) ||
        (an->lang == LANG_FR && !(cs > 0 && is_compl(an, cs - 1)) && an->toks[cs].qrole != QR_OPEN &&
         !tok_class(an, cs, WC_DE | WC_DU))) {
        *kp = m.tok_last > k ? m.tok_last : k;
        return RULE_TOOK;
    }
    np subj;
    bool told = takes_addressee(ci) && m.tok_first > a && np_backward(an, m.tok_first - 1, a, &subj);
    if (!emit(c, cs, ce, &m, &agent, told ? &subj : NULL, told, 0.7, RULE_PASSIVE, a, e))
        return RULE_FAIL;
    *kp = ce > k ? ce - 1 : k;
    return RULE_TOOK;
}

/* Where an opening clause (a question, a participle's complement)
 * starting at cs, before e, ends: at the first comma outside quotation
 * marks, or past a closing mark just after a comma ("whether she "can
 * serve,"": the mark is the clause's). *next is where the main clause
 * starts; e when there is no end. */
static size_t opening_end(const analysis *an, size_t cs, size_t e, size_t *next)
{
    for (size_t j = cs; j + 1 < e; j++) {
        if (!is_comma(an, j))
            continue;
        if (an->toks[j].depth == 0)
            return *next = j + 1, j;
        if (an->toks[j + 1].qrole == QR_CLOSE)
            return *next = j + 2, j + 2;
    }
    return *next = e, e;
}

/* "Estimant que C, Jean Cassin a …", "Après avoir déclaré que C, X …",
 * "Arguing that C, Mr. Hale …": a participle or a past infinitive opens
 * the sentence; its subject is the main clause's, after the comma that
 * closes the content. Only at the start: a word of introduction and an
 * auxiliary at most before the cue. */
rule_out rule_opening_participle(rctx *c, const sent *st, const cue_match *m, size_t *kp)
{
    analysis *an = c->an;
    size_t a = st->a, e = st->e, f = m->tok_first;
    bool past = f > a && f <= a + 2 && tok_has(an, f - 1, LX_AUX); /* "Après avoir", "Having" */
    /* "After saying that …", "While insisting …" */
    bool after = f == a + 1 && cue_participle(an, m) && tok_class_ci(an, a, WC_INTRO | WC_SUBORD);
    if (!(cue_participle(an, m) && f == a) && !past && !after)
        return RULE_PASS;
    for (size_t j = a; j < f; j++)
        if (an->toks[j].kind != TK_WORD)
            return RULE_PASS;
    np addr, who;
    bool have_addr, object;
    size_t cs = complement(c, m, e, &addr, &have_addr, &object);
    if (cs == SIZE_MAX || cs >= e)
        return RULE_PASS;
    size_t next, ce = opening_end(an, cs, e, &next);
    /* a clause after que/that or opened by a subject and an auxiliary,
     * or an object in quoted words: "Plaidant pour un « retour progressif
     * », X a indiqué …" */
    if (!is_compl(an, cs - 1) && !(object && has_quote(an, cs, ce)) && !subject_then_aux(an, cs, ce))
        return RULE_PASS;
    if (next + 1 >= e || !np_forward(an, next, e, &who) || who.tok_last + 1 >= e)
        return RULE_PASS;
    /* "…, Gérard Collomb, le ministre de l'Intérieur, a dû …": the
     * subject's apposition stands between it and its verb */
    size_t v = who.tok_last + 1;
    size_t appos = is_comma(an, v) ? skip_apposition(an, v + 1, e) : v;
    if (appos > v + 1)
        v = appos;
    if (v >= e || an->toks[v].kind != TK_WORD)
        return RULE_PASS;
    return emit_clause(c, st, m, &who, cs, ce, RULE_OPENING_PARTICIPLE, ce, kp);
}

/* Where the question after an opening "Asked" starts, from token j before
 * e: at "whether", "if", "what", "who" (the question itself), after
 * "about" (its topic: *about set) or at "to" (what was asked for), past
 * at most a few words ("Asked on Fox News who leads"); SIZE_MAX when no
 * comma-free question follows. */
static size_t question_start(const analysis *an, size_t j, size_t e, bool *about)
{
    *about = false;
    for (size_t lim = j + 6; j < e && j < lim && an->toks[j].kind == TK_WORD; j++) {
        if (tok_class(an, j, WC_WH | WC_IF | WC_WHO))
            return j;
        if (tok_class(an, j, WC_ABOUT | WC_TO) && j + 1 < e && an->toks[j + 1].kind == TK_WORD) {
            *about = tok_class(an, j, WC_ABOUT);
            return *about ? j + 1 : j;
        }
    }
    return SIZE_MAX;
}

/* After the participle "asked" (m), the agent after "by" if any (*ag,
 * *by) and where the question starts (question_start's, *about set the
 * same way); SIZE_MAX when no question follows. */
static size_t asked_what(const analysis *an, const cue_match *m, size_t e, np *ag, bool *by, bool *about)
{
    size_t j = m->tok_last + 1;
    *by = j < e && tok_class(an, j, WC_AGENT) && np_forward(an, j + 1, e, ag);
    if (*by)
        j = ag->tok_last + 1;
    return question_start(an, j, e, about);
}

/* "\"You bet,\" the governor said when asked whether he would …": a
 * question after the main clause, put to its speaker (the record before
 * in the sentence, whose speaker is the addressee) by someone the text
 * does not name, or by the agent after "by". The content is the question,
 * to the end of its clause. */
static rule_out trailing_question(rctx *c, const sent *st, const cue_match *m, size_t *kp)
{
    analysis *an = c->an;
    size_t e = st->e;
    np ag;
    bool by, about;
    size_t cs = asked_what(an, m, e, &ag, &by, &about);
    if (cs == SIZE_MAX)
        return RULE_PASS;
    cue_match tm;
    np tp;
    size_t tail, ce = clause_end(c, cs, e, &tail, &tm, &tp);
    if (ce <= cs)
        return RULE_PASS;
    dixit_party asker;
    memset(&asker, 0, sizeof asker);
    if (by && !set_party(c, &ag, an->toks[m->tok_first].start, &asker))
        return RULE_FAIL;
    /* the one asked: the speaker of the sentence's record before */
    const dixit_attribution *prev =
        c->out->len ? &((dixit_attribution *)c->out->data)[c->out->len - 1] : NULL;
    bool asked = prev && prev->speaker.present && prev->cue.present &&
                 prev->cue.span.start >= an->toks[st->a].start &&
                 prev->cue.span.start < an->toks[m->tok_first].start;
    dixit_party to = asked ? prev->speaker : (dixit_party){0};
    size_t had = c->out->len;
    if (!emit(c, cs, ce, m, &asker, NULL, false, 0.7, RULE_ASKED_QUESTION, st->a, e))
        return RULE_FAIL;
    if (c->out->len > had) {
        dixit_attribution *at = &((dixit_attribution *)c->out->data)[c->out->len - 1];
        at->addressee = to;
        if (about)
            at->cue.span.end = an->toks[cs - 1].end; /* "asked about" */
    }
    *kp = ce > *kp ? ce - 1 : *kp;
    return RULE_TOOK;
}

/* "Asked whether he would run, the senator said no", "When asked about
 * the vote, …", "Asked by the host to respond, Carson said": a question
 * put to the subject of the main clause by someone the text does not
 * name, or by the agent after "by". Its record has that subject as the
 * addressee and the asker (often nobody) as the speaker. Only in the
 * belief scope, whose corpora annotate these questions; ANNOTATION.md
 * leaves them out. */
rule_out rule_asked_question(rctx *c, const sent *st, const cue_match *m, size_t *kp)
{
    analysis *an = c->an;
    size_t a = st->a, e = st->e, f = m->tok_first, v = m->tok_last;
    if (an->lang != LANG_EN || !lex_beliefs(an->lx) || lex_cue(an->lx, m->cue)->act != ACT_QUESTION ||
        !lex_suffix(an->endings, LANG_EN, SX_PARTICIPLE, tok_text(an, v), tok_len(an, v)))
        return RULE_PASS;
    /* "…, the governor said when asked whether …": after the main clause */
    if (f > a + 1 && tok_class_ci(an, f - 1, WC_SUBORD))
        return trailing_question(c, st, m, kp);
    if (!(f == a || (f == a + 1 && tok_class_ci(an, a, WC_SUBORD))))
        return RULE_PASS;
    dixit_party asker;
    memset(&asker, 0, sizeof asker);
    np ag, who;
    bool by, about;
    size_t cs = asked_what(an, m, e, &ag, &by, &about);
    if (cs == SIZE_MAX)
        return RULE_PASS;
    size_t next, ce = opening_end(an, cs, e, &next);
    if (next + 1 >= e || !np_forward(an, next, e, &who) || who.tok_last + 1 >= e ||
        an->toks[who.tok_last + 1].kind != TK_WORD)
        return RULE_PASS;
    if (by && !set_party(c, &ag, an->toks[f].start, &asker))
        return RULE_FAIL;
    size_t had = c->out->len;
    if (!emit(c, cs, ce, m, &asker, &who, true, 0.7, RULE_ASKED_QUESTION, a, e))
        return RULE_FAIL;
    if (about && c->out->len > had) {
        dixit_attribution *at = &((dixit_attribution *)c->out->data)[c->out->len - 1];
        at->cue.span.end = an->toks[cs - 1].end; /* "Asked about" */
    }
    *kp = next - 1;
    return RULE_TOOK;
}

/* The tail after the complement clause [.., ce) of the verb m (tm, its
 * party tp), once the verb's record, if any, is past had: an English
 * speaker's tail, or any tail of a belief (told), reports the whole
 * clause in a record of its own; else the tail relays the verb's record
 * (its source). */
static rule_out complement_tail(rctx *c, const cue_match *m, const cue_match *tm, const np *tp, size_t a,
                                size_t e, size_t ce, size_t before, size_t had, bool told, size_t *kp)
{
    analysis *an = c->an;
    dixit_attribution *at = c->out->len ? &((dixit_attribution *)c->out->data)[c->out->len - 1] : NULL;
    /* "Clinton had told police that …, the source added": the verb's
     * record stays inside the tail's; "…, the Post reported" relays it */
    size_t outer = clause_start(an, a, m->tok_first);
    if (told || (an->lang == LANG_EN && inverts_en(lex_cue(an->lx, tm->cue)) && c->out->len > had &&
                 at->type == DIXIT_INDIRECT && !has_quote(an, outer, ce))) {
        dixit_party who;
        if (!tail_party(c, tm, tp, before, &who))
            return RULE_FAIL;
        if (!emit(c, outer, ce, tm, &who, NULL, false, 0.8, RULE_RELAY_TAIL, a, e))
            return RULE_FAIL;
    } else {
        if (!tail_party(c, tm, tp, before, &at->source))
            return RULE_FAIL;
        if (at->source.present && at->speaker.name && at->source.name &&
            strcmp(at->speaker.name, at->source.name) == 0)
            at->source.present = 0;
    }
    size_t past = tm->tok_last;
    if (!(tm->inverted && tm->pron_gender >= 0) && tp->tok_last > past)
        past = tp->tok_last;
    *kp = past;
    return RULE_TOOK;
}

/* "X a déclaré (à Y) que C", "X said C", "Le maire a été accusé de … par
 * Y": a verb and its complement clause, with its speaker before it; the
 * last rule, which takes every cue it reaches. */
rule_out rule_complement(rctx *c, const sent *st, const cue_match *mp, size_t *kp)
{
    analysis *an = c->an;
    size_t a = st->a, e = st->e, first_attr = st->first_attr, k = *kp;
    cue_match m = *mp;
    const cue_info *ci = lex_cue(an->lx, m.cue);
    size_t before = an->toks[k].start;
    dixit_party sp;
    memset(&sp, 0, sizeof sp);
    cue_match tm;
    np tp;
    /* the verb before its complement */
    np addr;
    bool have_addr, object;
    size_t cs = complement(c, &m, e, &addr, &have_addr, &object);
    if (cs == SIZE_MAX || cs >= e)
        return RULE_TOOK;
    /* "L'humoriste lui a répondu que", "le maire leur a dit que" */
    if (!have_addr && m.tok_first > a + 1 && french_clitic(an, m.tok_first - 1)) {
        pronoun_addressee(m.tok_first - 1, &addr);
        have_addr = true;
    }
    /* "…, the newspaper reported, citing two officials": the officials
     * speak, the newspaper relays (a poll or a report cited stays what
     * the speaker cites) */
    if ((ci->classes & VC_CITE) && cue_participle(an, &m) && c->out->len > first_attr) {
        dixit_attribution *prev = &((dixit_attribution *)c->out->data)[c->out->len - 1];
        np who;
        dixit_party cited;
        if (prev->speaker.present && !prev->source.present && prev->cue.span.start < an->toks[k].start &&
            np_forward(an, cs, e, &who) && who.kind != DIXIT_KIND_ORGANIZATION && !who.pronoun &&
            ((who.has_name && strong_name(an, &who)) || role_in(an, &who)) &&
            set_party(c, &who, before, &cited) && !org_head(an, &cited) &&
            (cited.kind == DIXIT_KIND_PERSON || cited.kind == DIXIT_KIND_GROUP ||
             cited.kind == DIXIT_KIND_UNNAMED)) {
            prev->source = prev->speaker;
            prev->speaker = cited;
            *kp = who.tok_last;
            return RULE_TOOK;
        }
    }
    if (cue_passive(an, &m))
        return emit_passive(c, st, &m, cs, kp, false);
    if (passive_cue(an, &m))
        return RULE_TOOK; /* "devaient être reprises": done to the subject */
    /* "Cet homme, interpellé le 11 août": a French past participle with
     * no auxiliary and no que after it is an adjective */
    if (bare_past_participle(an, &m) && !(cs > 0 && is_compl(an, cs - 1))) {
        if (an->toks[cs].qrole != QR_OPEN)
            return RULE_TOOK;
        /* nor before quoted words: "la loi dite « Lucie »", "qualifiée
         * de « capitale du vélo »" name or judge the noun it describes;
         * only an agent after them speaks ("jugée « injuste » par les
         * syndicats") */
        if (!shares_auxiliary(an, &m))
            return emit_passive(c, st, &m, cs, kp, true);
    }
    bool have_sp = speaker_before(c, &m, a, before, &sp, first_attr);
    /* findings: "the poll shows", "l'étude montre", never "he found";
     * the document may stand before what describes it: "a poll
     * released in late August found", "a study that appeared in the
     * journal found" */
    /* (anyone finds a clause: "a panel found the United States was in
     * breach") */
    bool clause = is_compl(an, cs - 1) || subject_then_aux(an, cs, e);
    /* ("another study in 125 women with obesity found": the document
     * before the phrase its adjuncts end with) */
    dixit_party doc;
    bool have_doc = finding(ci) && finding_subject(c, m.tok_first, a, before, &doc) && finder(an, &doc);
    bool doc_first = have_doc && have_sp && doc.mention.start < sp.mention.start &&
                     sp.kind == DIXIT_KIND_PERSON &&
                     (sp.resolved_by == DIXIT_BY_DESCRIPTION || sp.resolved_by == DIXIT_BY_NONE);
    if (doc_first) {
        sp = doc;
    } else if (finding(ci) && (!have_sp || !finder(an, &sp))) {
        if (have_doc)
            sp = doc;
        have_sp = have_doc || (have_sp && clause);
    }
    if (!have_sp)
        return RULE_TOOK;
    /* "to submit detailed proposals", "societal fault lines": a word
     * before the cue that names no one and is no pronoun makes the cue a
     * word of a noun phrase, not a verb; a clause after it (that, a
     * subject and its verb) keeps it a verb whose subject was missed */
    if (an->lang == LANG_EN && !sp.name && !clause && nameless_word(an, &sp, m.tok_first))
        return RULE_TOOK;
    /* "savoir si le président leur avait demandé de …", "asked
     * whether he had said that …": asked, not reported as said (a "Si"
     * opening the sentence may concede: "Si deux études ont suggéré
     * que …, …") */
    /* the speaker's first token, when its mention stands before the verb */
    size_t sf = sp.present && sp.mention.end > sp.mention.start && sp.mention.start < an->toks[m.tok_first].start
                    ? tok_index_near(an, sp.mention.start, m.tok_first)
                    : SIZE_MAX;
    /* ("même s'il reconnaît que", "even if he said": a concession,
     * the speech stands) */
    if (sf != SIZE_MAX && sf > a + 1 &&
        (tok_class_ci(an, sf - 1, WC_IF) || tok_is_ci(an, sf - 1, "s'") ||
         tok_is_ci(an, sf - 1, "s\xe2\x80\x99")) &&
        !(sf > a + 2 && tok_class_ci(an, sf - 2, WC_EVEN)))
        return RULE_TOOK;
    /* without "that" only a document or an institution finds: "polls
     * show a close race", not "the librarian found her keys" */
    if (finding(ci) && !clause && sp.kind != DIXIT_KIND_ORGANIZATION && !org_head(an, &sp))
        return RULE_TOOK;
    size_t tail;
    size_t ce = clause_end(c, cs, e, &tail, &tm, &tp);
    ce = complement_end(an, &m, a, cs, ce, object);
    /* "Back when he wrote his book, McKinley said …": a clause its
     * subordinator opens inside the sentence ends at its comma */
    if (sf != SIZE_MAX && sf > a && tok_class_ci(an, sf - 1, WC_SUBORD) &&
        !tok_class_ci(an, sf - 1, WC_NEEDS_QUE))
        ce = main_clause_comma(an, cs, ce);
    /* "Paul Martin, qui l'avait accusé de mentir, a démissionné": a verb
     * in a relative clause set in commas says what ends at its comma */
    if (sf != SIZE_MAX && sf > a && is_comma(an, sf - 1) && tok_class(an, sf, WC_WHO | WC_WHICH) &&
        tail == SIZE_MAX)
        ce = first_comma(an, cs, ce);
    double conf = sp.resolved_by == DIXIT_BY_PRONOUN ? 0.75 : cue_participle(an, &m) ? 0.7 : 0.85;
    size_t had = c->out->len;
    /* "Clinton plans to visit …, according to an aide": a belief or an
     * intention is no act of speech; the tail's speaker says all of it,
     * and the belief is no record of its own */
    bool told =
        tail != SIZE_MAX && ci->act == ACT_BELIEF && !has_quote(an, clause_start(an, a, m.tok_first), ce);
    if (!told && !emit(c, cs, ce, &m, &sp, &addr, have_addr, conf, RULE_COMPLEMENT, a, e))
        return RULE_FAIL;
    /* "la France a annoncé par la voix d'Emmanuel Macron que …": the
     * voice is the speaker, the subject the one it speaks for */
    for (size_t j = m.tok_last + 1; j < cs && c->out->len > had; j++) {
        size_t v = voice_of(an, j, cs);
        np vn;
        if (v == SIZE_MAX || !np_forward(an, v, cs, &vn))
            continue;
        dixit_attribution *at = &((dixit_attribution *)c->out->data)[c->out->len - 1];
        dixit_party voice;
        if (!set_party(c, &vn, before, &voice))
            return RULE_FAIL;
        at->source = at->speaker;
        at->speaker = voice;
        break;
    }
    /* "asked Clinton about", "spoke out Tuesday about": the cue runs to
     * its "about" (to its "of" in extent.c) */
    if (object && c->out->len > had && tok_class_in(an, cs - 1, LANG_EN, WC_ABOUT)) {
        dixit_attribution *at = &((dixit_attribution *)c->out->data)[c->out->len - 1];
        if (at->cue.span.end < an->toks[cs - 1].end)
            at->cue.span.end = an->toks[cs - 1].end;
    }
    if (tail != SIZE_MAX && (told || c->out->len))
        return complement_tail(c, &m, &tm, &tp, a, e, ce, before, had, told, kp);
    if (cs > k + 1)
        *kp = cs - 1;
    return RULE_TOOK;
}
