/*
 * speaker.c: the speaker of a verb cue that stands before its complement,
 * for the complement rule (rules_clause.c): the subject phrase before the
 * verb, over appositions, adjuncts, times and clitics ("Sanders on
 * Tuesday said", "Megan Hester, senior associate at the institute,
 * said"); the antecedent of a relative ("X, qui a déclaré"); the
 * sentence's speaker for a participle or a coordinated verb ("…, ajoutant
 * que", "and said"); and the document or institution that reports a
 * finding ("the poll shows", "a study released Monday found").
 *
 * Proposes nothing itself: fills a dixit_party, resolved by mentions.c.
 */
#include "analysis.h"
#include "attribute.h"
#include "cues.h"
#include "lexicon.h"
#include "mentions.h"
#include "phrase.h"
#include "rules.h"
#include "segment.h"

#include <string.h>

/* The last word of a party's mention, before a relative pronoun that
 * ends it ("a state audit that"). */
static const lex_entry *mention_head(const analysis *an, const dixit_party *sp)
{
    if (sp->mention.end <= sp->mention.start)
        return NULL;
    size_t h = tok_index(an, sp->mention.end) - 1;
    if (h > 0 && (tok_class_in(an, h, LANG_EN, WC_THAT) || tok_class(an, h, WC_WHO | WC_WHICH)))
        h -= is_comma(an, h - 1) && h > 1 ? 2 : 1;
    return tok_lex(an, h);
}

/* Is the party headed by a document or an institution noun ("the poll",
 * "a state audit")? */
bool org_head(const analysis *an, const dixit_party *sp)
{
    return lex_has(mention_head(an, sp), an->lang, LX_ORG);
}

/* Can this party report a finding: a document, poll or institution, or
 * a description that is not a person's role ("the analysis")? */
bool finder(const analysis *an, const dixit_party *sp)
{
    const lex_entry *head = mention_head(an, sp);
    if (org_head(an, sp))
        return true; /* "the Reuters/Ipsos poll" */
    if (sp->kind == DIXIT_KIND_GROUP || sp->kind == DIXIT_KIND_UNNAMED)
        return false; /* "a video taken by a neighbour shows": not the neighbour */
    if (sp->kind != DIXIT_KIND_PERSON)
        return true;
    return sp->resolved_by == DIXIT_BY_DESCRIPTION && !lex_has(head, an->lang, LX_ROLE);
}

/* The document heading the subject of a finding verb at token f, over a
 * participle, a relative clause or a prepositional phrase that describes
 * it: the nearest document or institution noun within 12 words before the
 * verb, in the same clause. */
bool finding_subject(rctx *c, size_t f, size_t a, size_t before, dixit_party *sp)
{
    analysis *an = c->an;
    size_t lo = f > a + 12 ? f - 12 : a;
    /* the nearest document, unless it stands in a relative clause after
     * another: "a study that appeared in the Medical Review found" (the
     * journal in the relative, the study finds) */
    size_t near = SIZE_MAX, outer = SIZE_MAX;
    bool relative = false;
    for (size_t j = f; j > lo && outer == SIZE_MAX; j--) {
        size_t i = j - 1;
        cue_match m;
        /* "a poll released Friday", "a study in 125 women" pass, "the
         * study, he said," stops */
        if ((an->toks[i].kind != TK_WORD && an->toks[i].kind != TK_NUM) || an->toks[i].depth > 0 ||
            (cue_at(an, i, &m) && inverts_en(lex_cue(an->lx, m.cue))))
            break;
        if (near != SIZE_MAX && tok_class(an, i, WC_THAT | WC_WHICH))
            relative = true;
        else if (tok_has(an, i, LX_ORG) && i + 1 != f && (near == SIZE_MAX || relative))
            *(near == SIZE_MAX ? &near : &outer) = i;
    }
    size_t d = outer != SIZE_MAX ? outer : near;
    np p;
    return d != SIZE_MAX && np_backward(an, d, a, &p) && p.tok_last == d && set_party(c, &p, before, sp);
}

/* A French pronoun of the one spoken to, before the verb: "lui", "leur",
 * "me", "nous", "vous" ("leur a dit", "nous a confié"). */
bool french_clitic(const analysis *an, size_t k)
{
    if (an->lang != LANG_FR || k + 1 >= an->ntoks || !tok_has(an, k + 1, LX_AUX | LX_CUE_VERB))
        return false;
    /* "t'" as written, not "t\xe2\x80\x99" (the class would take it) */
    return tok_class_ci(an, k, WC_CLITIC) || tok_is_ci(an, k, "t'");
}

/* "Étienne Gless, journaliste au Monde, chargé de l'emploi, a souligné":
 * before the participle's comma at c, a description in commas (a role or
 * an article opening it) is the subject's apposition too; the comma that
 * opens it, else c. */
static size_t skip_description(const analysis *an, size_t a, size_t c)
{
    for (size_t j = c; j > a + 1 && j + 12 > c; j--)
        if (is_comma(an, j - 1)) {
            size_t d = j;
            bool plain = tok_has(an, d, LX_ROLE) || is_det_word(an, d);
            for (size_t t = d; t < c && plain; t++) {
                cue_match m;
                plain = an->toks[t].kind == TK_WORD && !cue_at(an, t, &m) && !tok_has(an, t, LX_AUX);
            }
            if (plain && (an->toks[j - 2].flags & TF_CAP))
                return j - 1;
            break;
        }
    return c;
}

/* Is token k a year: a number of four digits ("in 2010")? */
static bool year_at(const analysis *an, size_t k)
{
    return an->toks[k].kind == TK_NUM && tok_len(an, k) == 4;
}

/* Where the subject of a verb at token k ends, back over what may stand
 * between them: a participle between commas, a time ("Sanders on Tuesday
 * said"), adjuncts, an adverbial in commas, an emphatic pronoun, a
 * parenthesis, a French clitic or object pronoun; sentence start a. */
static size_t subject_end(const analysis *an, size_t a, size_t k)
{
    /* "Deux études, publiées en février, ont suggéré", "The report, released
     * Monday, says": a participle between commas describes the subject */
    if (k > a + 3 && is_comma(an, k - 1))
        for (size_t j = k - 2; j > a && j + 10 > k; j--)
            if (is_comma(an, j)) {
                if (participle_word(an, j + 1))
                    k = skip_description(an, a, j);
                break;
            }
    for (;;) {
        if (k > a + 1 &&
            (adjunct_prep(an, k - 2) || is_det_word(an, k - 2) ||
             (tok_has(an, k - 2, LX_TIMEPART) && !(an->toks[k - 2].flags & TF_CAP))) &&
            tok_has(an, k - 1, LX_TIME))
            k -= 2; /* "Sanders on Tuesday said", "Trump this week said", "le pape fin mars confiait" */
        else if (k > a + 1 && adjunct_prep(an, k - 2) && year_at(an, k - 1))
            k -= 2; /* "McConnell, who in 2010 said" */
        else if (k > a + 2 && tok_has(an, k - 1, LX_TIME) && an->toks[k - 2].kind == TK_NUM &&
                 (adjunct_prep(an, k - 3) || is_det_word(an, k - 3) || tok_is(an, k - 3, "du")))
            k -= 3; /* "L'avis de la HAS du 2 mars recommande" */
        else if (k > a && (adjunct_word(an, k - 1) || ly_adverb(an, k - 1)))
            k--; /* "Marc Morial forcefully told" */
        else if (k > a + 3 && is_comma(an, k - 1) && comma_adverbial(an, a, k - 1) != SIZE_MAX)
            k = comma_adverbial(an, a, k - 1); /* "L'intéressé, de son côté, a justifié" */
        else if (k > a + 3 && is_comma(an, k - 1) && is_comma(an, k - 3) && adjunct_word(an, k - 2))
            k -= 3; /* "The two lawmakers, however, argue" */
        else if (k > a + 4 && is_comma(an, k - 1) && is_comma(an, k - 3) && tok_class(an, k - 2, WC_TONIC) &&
                 tok_has(an, k - 4, LX_AUX))
            k -= 4; /* "L'OMS a, elle, déclaré": the emphatic pronoun and the auxiliary */
        else if (k > a + 2 && paren_open(an, k - 1, a) != SIZE_MAX)
            k = paren_open(an, k - 1, a); /* "Sen. David Perdue (R-Ga.) said" */
        else if (k > a + 1 && french_clitic(an, k - 1))
            k--; /* "le maire leur a dit", "l'humoriste lui a répondu" */
        else if (k > a + 1 && an->lang == LANG_FR &&
                 (tok_is_ci(an, k - 1, "le") || tok_is_ci(an, k - 1, "l'") || tok_is_ci(an, k - 1, "la")))
            k--; /* "Jean Castex le rappelle", "X l'a dit": the object pronoun before a verb */
        else
            break;
    }
    return k;
}

/* Does a preposition stand at token k, one whose object the phrase after
 * it is (an adjunct's, a linker such as de or of, à or au)? */
static bool object_preposition(const analysis *an, size_t k)
{
    return adjunct_prep(an, k) || tok_has(an, k, LX_LINKER) || tok_class(an, k, WC_A | WC_AU);
}

/* "One of the doctors who sent the letter called", "a study that
 * appeared in the Review found": the phrase p found before the verb
 * closes a restrictive relative clause (no comma, no cue in it, words of
 * its own between the pronoun and p); the verb's subject is the phrase
 * the relative describes, which replaces p. ("the plan that Trump said
 * would fail": Trump follows the pronoun, and speaks.) */
static void relative_head(const analysis *an, size_t a, np *p)
{
    size_t lo = p->tok_first > a + 16 ? p->tok_first - 16 : a; /* a relative of 16 words at most */
    for (size_t r = p->tok_first; r > lo + 1; r--) {
        size_t i = r - 1;
        cue_match m;
        if (an->toks[i].kind != TK_WORD || an->toks[i].depth > 0 || cue_at(an, i, &m))
            return;
        if (!tok_class(an, i, WC_WHO | WC_WHICH | WC_THAT))
            continue;
        np h;
        if (i + 1 < p->tok_first && np_backward(an, i - 1, a, &h) && h.tok_last + 1 == i && !h.pronoun)
            *p = h;
        return;
    }
}

/* The subject that ends before token k, the speaker of the verb cue m
 * (sentence start a): the phrase found backward, or the one that opens
 * the sentence when that is weak and a comma closes an apposition. */
static bool subject_before(rctx *c, const cue_match *m, size_t a, size_t k, size_t before, dixit_party *sp)
{
    analysis *an = c->an;
    size_t f = m->tok_first;
    np p, q, p0;
    bool back = k > a && np_backward(an, k - 1, a, &p);
    if (back)
        relative_head(an, a, &p);
    /* "an arbitration panel in 2001 found": a date after a preposition is
     * when, the phrase before it the subject */
    if (back && p.tok_first > a + 1 && adjunct_prep(an, p.tok_first - 1) && !p.has_name &&
        (an->toks[p.tok_first].kind == TK_NUM || tok_has(an, p.tok_first, LX_TIME)) &&
        np_backward(an, p.tok_first - 2, a, &p0) && p0.tok_last + 2 == p.tok_first && !p0.pronoun)
        p = p0;
    if (back)
        over_participle(an, a, &p);
    /* "Deux études israéliennes et une étude britannique … ont suggéré":
     * two subjects, unless the first is a preposition's object ("tombée
     * enceinte pendant le confinement et sa famille a insisté") */
    if (back && !p.has_name && !p.pronoun && p.tok_first > a + 1 && tok_class(an, p.tok_first - 1, WC_AND) &&
        an->toks[p.tok_first - 2].kind == TK_WORD && np_backward(an, p.tok_first - 2, a, &p0) &&
        !p0.has_name && !p0.pronoun && !(p0.tok_first > a && object_preposition(an, p0.tok_first - 1)))
        p.tok_first = p0.tok_first;
    /* "Megan Hester, senior associate at the institute, said": the subject
     * opens the sentence, the apposition follows it */
    cue_match m0;
    bool ok = false;
    /* the name found backward is an apposition's own name ("…, David
     * Schulz, said") when it starts right after a comma */
    bool appo_name =
        back && p.has_name && strong_name(an, &p) && p.tok_first > a && is_comma(an, p.tok_first - 1);
    /* "…, figure respectée aux Etats-Unis, s'est dit": a phrase after a
     * preposition is no subject */
    bool after_prep = back && p.tok_first > a &&
                      (object_preposition(an, p.tok_first - 1) || tok_is(an, p.tok_first - 1, "in") ||
                       tok_is(an, p.tok_first - 1, "at"));
    /* "Paul Durand, président de la principale organisation du secteur,
     * l'Umih, a affirmé": a name after an article, in commas, names what
     * the apposition before it describes (a person's name takes no
     * article), not the subject */
    bool org_appo = back && p.has_name && p.name_first == p.name_last && p.name_first == p.tok_first + 1 &&
                    is_det_word(an, p.tok_first) && !(an->toks[p.tok_first].flags & TF_CAP) && p.tok_first > a &&
                    is_comma(an, p.tok_first - 1);
    bool weak_back = !back || after_prep || (!p.has_name && !p.pronoun && p.kind == DIXIT_KIND_PERSON) ||
                     (!appo_name && !p.pronoun && !strong_name(an, &p)) || org_appo;
    bool front = weak_back && k > a && is_comma(an, k - 1) && !cue_at(an, a, &m0) && np_forward(an, a, k, &q);
    /* ("En août, Paul Durand, président de …, l'Umih, a affirmé": the
     * person past the sentence's introduction) */
    np q0;
    if (org_appo && k > a && is_comma(an, k - 1) && subject_np(an, a, k, &q0) && q0.has_name &&
        q0.kind == DIXIT_KIND_PERSON && q0.tok_last < p.tok_first) {
        q = q0;
        front = true;
    }
    /* "L'immunologiste en chef de la Maison Blanche, figure …, s'est dit":
     * what describes the subject runs to the comma */
    if (front && !is_comma(an, q.tok_last + 1) && post_modifier(an, q.tok_last + 1))
        for (size_t j = q.tok_last + 2; j < k && j < q.tok_last + 12; j++) {
            cue_match jm;
            if (an->toks[j].kind == TK_WORD && cue_at(an, j, &jm))
                break;
            if (is_comma(an, j)) {
                q.tok_last = (uint32_t)(j - 1);
                break;
            }
        }
    /* "Deux études israéliennes et une étude britannique, publiées en
     * février, ont suggéré": two subjects */
    np q2;
    if (front && tok_class(an, q.tok_last + 1, WC_AND) && np_forward(an, q.tok_last + 2, k, &q2) &&
        is_comma(an, q2.tok_last + 1))
        q.tok_last = q2.tok_last;
    if (front && is_comma(an, q.tok_last + 1) && (q.has_name || q.kind != DIXIT_KIND_PERSON || after_prep) &&
        (!org_appo || (q.has_name && q.kind == DIXIT_KIND_PERSON)))
        ok = set_party(c, &q, before, sp);
    else if (back)
        ok = set_party(c, &p, before, sp);
    else
        return false;
    /* the mention runs to the verb over what describes the speaker:
     * "Sen. David Perdue (R-Ga.)", "Aparna Mathur, who studies tax policy," */
    if (ok && !m->inverted)
        mention_to_verb(an, sp, f);
    return ok;
}

/* The speaker of the attribution before token f in the sentence that
 * starts at a, carried to a verb that shares it ("…, ajoutant que", "and
 * said"); not "according to X": X is no subject ("The family watched it,
 * according to their lawyers, and said …"). Its content must reach byte
 * upto. False when there is none. */
static bool sentence_speaker(rctx *c, size_t a, size_t f, size_t upto, dixit_party *sp)
{
    analysis *an = c->an;
    dixit_attribution *as = c->out->data;
    size_t lo = c->out->len > 64 ? c->out->len - 64 : 0;
    for (size_t i = c->out->len; i > lo; i--) {
        cue_match pm;
        if (as[i - 1].content.end <= as[i - 1].cue.span.start &&
            as[i - 1].cue.span.start >= an->toks[a].start &&
            cue_at(an, tok_index(an, as[i - 1].cue.span.start), &pm) &&
            lex_cue(an->lx, pm.cue)->pos == LX_CUE_PREP)
            continue;
        if (as[i - 1].speaker.present && as[i - 1].cue.span.start < an->toks[f].start &&
            as[i - 1].cue.span.start >= an->toks[a].start && as[i - 1].content.end >= upto) {
            /* no one named: none to carry; a description stays one (no one
             * to note as a person) */
            *sp = as[i - 1].speaker;
            if (sp->resolved_by != DIXIT_BY_DESCRIPTION)
                sp->resolved_by = sp->name ? DIXIT_BY_CONTEXT : DIXIT_BY_NONE;
            return true;
        }
    }
    return false;
}

/* An English participle right after its own noun phrase, no comma
 * between: "with some polls indicating that", "a video that included
 * Senator Hale vowing to", "after a gunman claiming allegiance". The
 * phrase is the one who speaks, not the sentence's subject; after "with"
 * any phrase (the absolute construction), else only a person's name
 * ("He ended his speech saying" is his). */
static bool participle_subject(const analysis *an, size_t a, size_t f, np *p)
{
    if (an->lang != LANG_EN || f <= a + 1 || an->toks[f - 1].kind != TK_WORD || !np_backward(an, f - 1, a, p))
        return false;
    /* a phrase read back to the sentence's start ("The program included
     * Dan Hobbs") ends with the name the participle follows */
    if (p->tok_first <= a && p->has_name && p->name_last == f - 1 && p->name_first > a)
        p->tok_first = p->name_first;
    size_t s = p->tok_first;
    if (s <= a || p->pronoun)
        return false; /* the sentence's subject: the rules below find it */
    if (tok_class(an, s - 1, WC_WITH))
        return true;
    return p->has_name && p->name_last == f - 1 && p->kind == DIXIT_KIND_PERSON &&
           an->toks[s - 1].kind == TK_WORD;
}

/* The speaker of a verb cue standing before its complement. */
bool speaker_before(rctx *c, const cue_match *m, size_t a, size_t before, dixit_party *sp, size_t sent_attrs)
{
    analysis *an = c->an;
    uint8_t g;
    if (m->inverted && m->pron_gender >= 0)
        return mentions_resolve_inversion(an, c->mt, m, before, sp, &g);
    size_t f = m->tok_first;
    (void)sent_attrs;
    /* "Trump took to Twitter to accuse", "he appeared to suggest": the
     * subject of the sentence */
    size_t fa = f;
    while (fa > a + 1 && ly_adverb(an, fa - 1))
        fa--; /* "to consistently tout", "and officially endorsed" */
    bool coordinated = fa > a && tok_class(an, fa - 1, WC_AND | WC_BUT);
    bool infinitive = fa > a && tok_class_in(an, fa - 1, LANG_EN, WC_TO);
    /* "isn't saying", "is demanding": a progressive is a finite verb;
     * "calling for", "repeatedly urging": a participle with its particle
     * or its adverb is none */
    cue_match pm = *m;
    while (pm.tok_first < pm.tok_last && ly_adverb(an, pm.tok_first))
        pm.tok_first++;
    pm.tok_last = pm.tok_first;
    bool participle = cue_participle(an, &pm);
    if (participle || coordinated || infinitive) {
        np p;
        if (participle && participle_subject(an, a, f, &p))
            return set_party(c, &p, before, sp);
        /* "…, ajoutant que", "and said": the sentence's speaker, that is the
         * attribution before it in the sentence, else its subject */
        if (sentence_speaker(c, a, f, 0, sp))
            return true;
        if (subject_np(an, a, f, &p))
            return set_party(c, &p, before, sp);
        if (!coordinated && !infinitive)
            return false;
    }
    /* "Stéphane Le Foll juge la critique « légitime », regrette que …": a
     * verb right after a comma, with no subject of its own, shares the
     * speaker of the sentence's attribution before it, whose content runs
     * to that comma */
    /* (its content runs to the comma: "Patti Davis, Ronald Reagan's
     * daughter, attacked" follows an apposition, no content) */
    if (fa > a + 2 && is_comma(an, fa - 1)) {
        /* "X, whose start-up uses …, said": not the subject's verb; a
         * relative stands within a clause's reach of the verb (the scan
         * is bounded: a sentence of 100,000 clauses stays linear) */
        bool relative = false;
        for (size_t j = fa > a + CLAUSE_MAX ? fa - CLAUSE_MAX : a; j + 1 < fa && !relative; j++)
            relative = tok_class(an, j, WC_WHO | WC_WHICH | WC_WHOSE) || tok_class_ci(an, j, WC_WHO_IS);
        if (!relative && sentence_speaker(c, a, f, an->toks[fa - 2].start, sp))
            return true;
    }
    /* "X, qui a déclaré", "X, who said", "le quotidien qui avance"; "who
     * recently said", "which together vowed": adverbs the cue left out
     * may stand between */
    size_t k = past_adverbs(an, a, f);
    /* "qui l'avait accusé", "qui lui a répondu": an object pronoun
     * between the relative and its verb */
    while (k > a + 1 && (french_clitic(an, k - 1) || (an->lang == LANG_FR && tok_class_ci(an, k - 1, WC_LE) &&
                                                       tok_has(an, k, LX_AUX | LX_CUE_VERB))))
        k--;
    /* ("who in 2010 said": a time adjunct between, as after a subject) */
    if (!(k > a && tok_class(an, k - 1, WC_WHO | WC_WHICH)) && subject_end(an, a, f) < f)
        k = subject_end(an, a, f);
    if (k == f || !tok_class(an, k - 1, WC_WHO | WC_WHICH))
        k = f;
    cue_match rm;
    bool rel_that = k > a + 1 && tok_class_in(an, k - 1, LANG_EN, WC_THAT) &&
                    an->toks[k - 2].kind == TK_WORD && !cue_at(an, k - 2, &rm) &&
                    !tok_has(an, k - 2, LX_STOP | LX_AUX);
    /* "X, many of whom say": the relative phrase is three words, the
     * group X before them */
    bool of_whom = k > a + 4 && tok_class(an, k - 1, WC_WHOM | WC_WHICH) && tok_class(an, k - 2, WC_OF) &&
                   tok_class_ci(an, k - 3, WC_SOME) && is_comma(an, k - 4);
    if (k > a &&
        (tok_class(an, k - 1, WC_WHO | WC_WHICH) || rel_that || tok_class_ci(an, k - 1, WC_WHO_IS) ||
         of_whom) &&
        k - 1 > a) {
        np p;
        /* "Hillary Clinton — who’s called for …": a dash like a comma */
        size_t pre = of_whom ? k - 4 : k - 2; /* the token before the relative phrase */
        size_t end = is_comma(an, pre) ? pre - 1 : pre;
        /* "Philippe Juvin (LR), qui a annoncé", "l'IATA (association
         * internationale) qui a indiqué": the antecedent stands before the
         * brackets */
        size_t po = end > a ? paren_open(an, end, a) : SIZE_MAX;
        if (po != SIZE_MAX && po > a)
            end = po - 1;
        if (end + 1 > a && np_backward(an, end, a, &p)) {
            if (!set_party(c, &p, before, sp))
                return false;
            /* the mention is the relative pronoun, the verb's own subject
             * ("who", "qui", "many of whom"), as a pronoun is; the name
             * is its antecedent's */
            sp->mention.start = an->toks[of_whom ? k - 3 : k - 1].start;
            sp->mention.end = an->toks[k - 1].end;
            return true;
        }
        return false;
    }
    k = subject_end(an, a, f);
    return subject_before(c, m, a, k, before, sp);
}
