/*
 * rules_source.c: the source family of reported speech: a speaker named in
 * a phrase of its own around the content rather than as the subject of a
 * verb before it.
 *
 * Reads a prepositional cue ("selon X, C", "C, according to X", "X,
 * selon qui « … »"), an English "as" clause or French "comme le"
 * ("…, as police have said", "comme le rappelle Le Monde") and an English
 * relative ("which he said were at his side", "what the senators said
 * was …"). Proposes records of the rules "according-to",
 * "qui-quotation", "as-clause", "relative-speech", and "tail" for a
 * closing "…, selon X" (through rules_tail.c's tail_clause).
 */
#include "analysis.h"
#include "cues.h"
#include "lexicon.h"
#include "mentions.h"
#include "phrase.h"
#include "rules.h"
#include "segment.h"
#include "zones.h"

#include <string.h>

/* English "as X said": "as" at *as, its subject before the verb; *after
 * is the first token past the verb and its adjuncts. */
static bool as_before(const analysis *an, const cue_match *m, size_t a, size_t e, np *subj, size_t *as,
                      size_t *after)
{
    if (m->inverted)
        return false;
    size_t f = m->tok_first;
    while (f > a && an->toks[f - 1].kind == TK_WORD &&
           (tok_has(an, f - 1, LX_AUX) || tok_has(an, f - 1, LX_ADV)))
        f--;
    *as = SIZE_MAX;
    for (size_t j = f; j > a && j + 8 > f; j--)
        if (tok_class_ci(an, j - 1, WC_AS)) {
            *as = j - 1;
            break;
        } else if (an->toks[j - 1].kind != TK_WORD) {
            break;
        }
    if (*as == SIZE_MAX || *as + 1 >= f || !np_forward(an, *as + 1, f, subj) || subj->tok_last + 1 != f)
        return false;
    /* "as I've suggested": "I've" is one token, the pronoun with its auxiliary */
    *after = m->tok_last + 1;
    while (*after < e && (adjunct_word(an, *after) || tok_has(an, *after, LX_TIME)))
        (*after)++;
    return true;
}

/* French "comme le rappelle Le Monde": "comme", the clitic "le" that
 * stands for the content, the verb, its subject after it. */
static bool comme_le(const analysis *an, const cue_match *m, size_t a, size_t e, np *subj, size_t *as,
                     size_t *after)
{
    size_t f = m->tok_first;
    /* "ainsi que le rapporte la presse" like "comme le rapporte" */
    bool ainsi = f >= a + 3 && tok_is_ci(an, f - 2, "que") && tok_is_ci(an, f - 3, "ainsi");
    if (f < a + 2 || !(tok_is_ci(an, f - 2, "comme") || ainsi) || !tok_class_ci(an, f - 1, WC_LE))
        return false;
    size_t k = m->tok_last + 1;
    while (k < e && (adjunct_word(an, k) || tok_has(an, k, LX_TIME)))
        k++;
    size_t end = k; /* the subject ends the "comme" clause */
    while (end < e && an->toks[end].kind != TK_PUNCT)
        end++;
    if (!np_forward(an, k, end, subj) || subj->pronoun)
        return false;
    *as = ainsi ? f - 3 : f - 2;
    *after = subj->tok_last + 1;
    return true;
}

/* "…, as police have said.", "C1, as X pointed out, C2", "As X noted, C":
 * an English verb of saying in an "as" clause reports the clause around
 * it. Fills the speaker and the content [*ca, *cb). */
static bool as_clause(rctx *c, const cue_match *m, size_t a, size_t e, np *subj, size_t *ca, size_t *cb)
{
    analysis *an = c->an;
    const cue_info *ci = lex_cue(an->lx, m->cue);
    if (ci->pos != LX_CUE_VERB || cue_participle(an, m))
        return false;
    size_t as, after;
    if (an->lang == LANG_EN ? !as_before(an, m, a, e, subj, &as, &after)
                            : !comme_le(an, m, a, e, subj, &as, &after))
        return false;
    bool opens =
        as == a || (as > a && is_comma(an, as - 1) && as - 1 <= a + 2); /* "As X said, C", "If, as …" */
    if (opens) {
        if (after >= e || !is_comma(an, after))
            return false;
        /* to the end of the clause: "If, as I've suggested, he benefits,
         * he has proposed nothing" reports "he benefits"; after a
         * connective ("Or, comme le fait remarquer X, C") the whole
         * sentence is C */
        *ca = after + 1;
        bool clause = as > a && tok_class_ci(an, a, WC_SUBORD);
        size_t z = *ca;
        while (z < e &&
               !(an->toks[z].kind == TK_PUNCT && an->toks[z].depth == 0 && (clause || !is_comma(an, z))))
            z++;
        *cb = z;
        return *cb > *ca;
    }
    if (as == a || !is_comma(an, as - 1))
        return false;
    size_t start = clause_start(an, a, as - 1);
    if (start >= as - 1)
        return false;
    if (after >= e || an->toks[after].kind == TK_PUNCT) {
        if (after < e && is_comma(an, after)) {
            /* "C1, as X pointed out, C2": one content over both */
            size_t z = after + 1;
            while (z < e && !(an->toks[z].kind == TK_PUNCT && !is_comma(an, z) && an->toks[z].depth == 0) &&
                   !(is_comma(an, z) && an->toks[z].depth == 0))
                z++;
            *ca = start;
            *cb = z;
            return true;
        }
        *ca = start;
        *cb = as - 1;
        return true;
    }
    return false;
}

/* The closing mark of the quotation that opens at token open, before e;
 * SIZE_MAX when it closes later. */
static size_t closing_mark(const analysis *an, size_t open, size_t e)
{
    for (size_t z = open + 1; z < e; z++)
        if (an->toks[z].qrole == QR_CLOSE && an->toks[z].depth == an->toks[open].depth)
            return z;
    return SIZE_MAX;
}

/* Past the closing mark at token k - 1 of a name given in marks, the
 * nouns its phrase ends with ("North Korea's “reckless, dangerous”
 * actions", "the ''crooked'' media"), when a comma, a full stop or a
 * preposition follows them (not "“fraud” lead Sens. …", a verb); else k. */
static size_t noun_after_quote(const analysis *an, size_t k, size_t e)
{
    size_t j = k;
    cue_match cm;
    if (k >= 2 && an->toks[k - 2].kind == TK_PUNCT)
        return k; /* ("“Evil Empire,” voiced": the phrase closed in the marks) */
    while (j < e && j < k + 3 && an->toks[j].kind == TK_WORD && !(an->toks[j].flags & TF_CAP) &&
           !tok_has(an, j, LX_STOP | LX_AUX | LX_PREP | LX_LINKER | LX_DET) && !cue_at(an, j, &cm))
        j++;
    if (j > k && (j >= e || an->toks[j].kind == TK_PUNCT || tok_has(an, j, LX_PREP | LX_LINKER)))
        return j;
    return k;
}

/* The words in marks a naming verb gives, from token k (a determiner
 * may come first) in [.., e): *end past their closing mark. */
static bool naming_quote(const analysis *an, size_t k, size_t e, size_t *end)
{
    for (size_t j = k; j < e && j < k + 3; j++) {
        if (an->toks[j].qrole == QR_OPEN) {
            size_t z = closing_mark(an, j, e);
            if (z == SIZE_MAX)
                return false;
            *end = noun_after_quote(an, z + 1, e);
            return true;
        }
        if (an->toks[j].kind != TK_WORD)
            return false;
    }
    return false;
}

/* "which he said were at his side", "what the senators said was …",
 * "what aides called “a reset”": an English saying or naming verb whose
 * subject follows "which" or "what" and whose complement is the rest of
 * the relative clause. Fills the subject and where the clause ends. */
static bool relative_speech(rctx *c, const cue_match *m, size_t a, size_t e, np *subj, size_t *end)
{
    analysis *an = c->an;
    const cue_info *ci = lex_cue(an->lx, m->cue);
    if (an->lang != LANG_EN || m->inverted || !(inverts_en(ci) || (ci->classes & VC_NAME)))
        return false;
    size_t f = m->tok_first;
    while (f > a && an->toks[f - 1].kind == TK_WORD && tok_has(an, f - 1, LX_AUX))
        f--;
    size_t w = SIZE_MAX;
    for (size_t j = f; j > a && j + 6 > f; j--) {
        if (an->toks[j - 1].kind != TK_WORD)
            break;
        if (tok_class_ci(an, j - 1, WC_WHICH | WC_WHAT)) {
            w = j - 1;
            break;
        }
    }
    /* "in which he said …" takes a complement the usual way */
    if (w == SIZE_MAX || w + 1 >= f ||
        (tok_class_ci(an, w, WC_WHICH) && w > a &&
         (tok_has(an, w - 1, LX_PREP | LX_LINKER) || tok_class(an, w - 1, WC_TO))))
        return false;
    if (!np_forward(an, w + 1, f, subj) || subj->tok_last + 1 != f)
        return false;
    /* "which together vowed", "which first reported": an adverb, and the
     * relative is the verb's subject */
    if (subj->tok_first == subj->tok_last && tok_has(an, subj->tok_first, LX_ADV))
        return false;
    size_t k = m->tok_last + 1;
    if (k >= e || tok_class(an, k, WC_THAT) || (an->toks[k].kind != TK_WORD && an->toks[k].qrole != QR_OPEN))
        return false;
    if (!inverts_en(ci)) /* a name given: its words in marks, "what aides called a “reset”" */
        return naming_quote(an, k, e, end);
    size_t z = k;
    for (; z < e && !(is_comma(an, z) && an->toks[z].depth == 0) && an->toks[z].kind != TK_PUNCT; z++) {
        /* "what Trump says his plan would do and how experts say …" */
        if (z + 1 < e && tok_class(an, z, WC_AND | WC_BUT | WC_OR)) {
            if (tok_class(an, z + 1, WC_WH | WC_WHICH | WC_WHO))
                break;
        }
    }
    if (z < e && an->toks[z].kind == TK_PUNCT && !is_comma(an, z) && an->toks[z].depth > 0)
        z = e;
    *end = z;
    return z > k;
}

/* Does the preposition at token k open its sentence (from token a) or
 * its clause? "Selon X, C" at the start, after a short introduction and
 * its comma; "Mais selon X, C", "D'ailleurs selon lui": connectives or
 * adverbs before it, or "selon lui" anywhere ("Il s'agit selon lui de
 * …"); "Elle s'inquiète pour ses parents" opens nothing. */
static bool opens_clause(const analysis *an, const cue_match *m, size_t a, size_t k)
{
    bool lead = k > a && k <= a + 3 && an->toks[a].kind == TK_WORD && an->toks[k - 1].kind != TK_PUNCT;
    bool tonic = tok_class(an, m->tok_last + 1, WC_TONIC);
    for (size_t j = a; j < k && lead && !tonic;) {
        size_t ph = adverbial_at(an, j);
        lead = ph || tok_class_ci(an, j, WC_AND | WC_BUT) || adjunct_word(an, j) || ly_adverb(an, j);
        j += ph ? ph : 1;
    }
    return k == a || (k > a && is_comma(an, k - 1) && k <= a + INTRO_MAX + 1 && !tok_has(an, a, LX_DET)) ||
           lead;
}

/* Where the source of the preposition cue m at token k starts, or
 * SIZE_MAX when it names none: "De source policière, C", "C, de sources
 * concordantes" (the cue's noun heads the source; after a word, "a-t-on
 * appris de sources concordantes", it is that word's complement); "Pour
 * nous retrouver demain, vaccinons-nous" ("pour" and an infinitive, maybe
 * after its clitic, is a purpose, no one's view). */
static size_t source_start(const analysis *an, const cue_info *ci, const cue_match *m, size_t a, size_t k)
{
    if (tok_class(an, m->tok_last, WC_SOURCE))
        return k > a && an->toks[k - 1].kind != TK_PUNCT ? SIZE_MAX : m->tok_last;
    size_t inf = m->tok_last + 1 + (tok_class_ci(an, m->tok_last + 1, WC_CLITIC | WC_REFLEXIVE) ? 1 : 0);
    if ((ci->classes & VC_VIEW) && an->lang == LANG_FR && infinitive_at(an, inf))
        return SIZE_MAX;
    return m->tok_last + 1;
}

/* "…, a déclaré Kristof Calvo selon qui « … »", "X, according to whom
 * C": the relative pronoun after the preposition m names the phrase
 * before it, whose record is the clause (or the quotation) after the
 * pronoun. RULE_PASS when no relative follows. */
static rule_out according_to_whom(rctx *c, const sent *st, const cue_match *m, size_t *kp)
{
    analysis *an = c->an;
    size_t a = st->a, e = st->e, k = *kp;
    size_t before = an->toks[k].start;
    np p;
    dixit_party sp;
    size_t rq = m->tok_last + 1;
    if (!(rq + 1 < e && tok_class(an, rq, WC_WHOM) && k > a &&
          np_backward(an, k - 1 - (is_comma(an, k - 1) ? 1 : 0), a, &p)))
        return RULE_PASS;
    /* "a souligné le chercheur X sur franceinfo, pour qui « … »": the
     * phrase after a preposition is the verb's adjunct; the relative's
     * antecedent stands before it */
    np q;
    if (p.tok_first > a + 1 && adjunct_prep(an, p.tok_first - 1) && np_backward(an, p.tok_first - 2, a, &q))
        p = q;
    cue_match tm;
    np tp;
    size_t tail;
    size_t ce = clause_end(c, rq + 1, e, &tail, &tm, &tp);
    /* a quotation after "qui" ends at its closing mark */
    size_t close = an->toks[rq + 1].qrole == QR_OPEN ? closing_mark(an, rq + 1, ce) : SIZE_MAX;
    if (close != SIZE_MAX)
        ce = close + 1;
    if (!set_party(c, &p, before, &sp) ||
        !emit(c, rq + 1, ce, m, &sp, NULL, false, 0.8, RULE_QUI_QUOTATION, a, e))
        return RULE_FAIL;
    *kp = ce > k ? ce - 1 : k;
    return RULE_TOOK;
}

/* "selon X, C", "C, according to X", "X, selon qui « … »": a cue that is
 * a preposition names its speaker after it. Every such cue is taken here,
 * whether or not it makes a record. */
rule_out rule_according_to(rctx *c, const sent *st, const cue_match *mp, size_t *kp)
{
    analysis *an = c->an;
    size_t a = st->a, e = st->e, first_attr = st->first_attr, k = *kp;
    cue_match m = *mp;
    const cue_info *ci = lex_cue(an->lx, m.cue);
    size_t before = an->toks[k].start;
    dixit_party sp;
    memset(&sp, 0, sizeof sp);
    /* "…, a déclaré Kristof Calvo selon qui « … »", "X, according to
     * whom C": the relative names the one before */
    rule_out whom = according_to_whom(c, st, &m, kp);
    if (whom != RULE_PASS)
        return whom;
    np p;
    /* "Selon X, C" at the start of the sentence (or of its clause);
     * "selon lui" may go without its comma */
    /* after an introduction ("In a statement, according to …"), not
     * after a subject and its verb ("The family watched the videos
     * on Thursday, according to …") */
    bool opening = opens_clause(an, &m, a, k);
    size_t src = source_start(an, ci, &m, a, k);
    if (src == SIZE_MAX)
        return RULE_TOOK;
    bool have = np_forward(an, src, e, &p);
    /* "Pour la vache, sept pompiers ont …": a view is someone's, a name,
     * a pronoun, a role, a group or an institution */
    if (have && (ci->classes & VC_VIEW) && !p.has_name && !p.pronoun && !role_in(an, &p) &&
        !tok_has(an, np_head_index(an, &p), LX_GROUP | LX_ORG | LX_DOCUMENT | LX_ROLE))
        return RULE_TOOK;
    /* "According to the data, Christians make up …": the name after
     * the comma is the clause's subject, not an apposition */
    if (have && p.appositive && !is_comma(an, p.tok_last + 1))
        for (size_t j = p.tok_first; j <= p.tok_last; j++)
            if (is_comma(an, j)) {
                have = np_forward(an, m.tok_last + 1, j, &p);
                break;
            }
    /* "According to a report by Politico, C", "according to a
     * complaint filed by the SEC, C": what describes the source
     * runs to the comma */
    /* "Pour l'AD-PA (directeurs de maisons de retraite), C": a parenthesis
     * after the source describes it */
    size_t src_end = have && opening ? skip_parens(an, p.tok_last + 1, e) : p.tok_last + 1;
    if (opening && have && !is_comma(an, src_end) && !p.pronoun && post_modifier(an, src_end))
        for (size_t j = src_end + 1; j < e && j < src_end + 16 && an->toks[j].qrole != QR_OPEN; j++)
            if (is_comma(an, j)) {
                src_end = j;
                p.tok_last = (uint32_t)(j - 1); /* the source is all of it */
                break;
            }
    /* "…, according to the average of polls, where 475 delegates …": a
     * relative after the source closes a tail, it opens no content */
    if (opening && k > a && have && is_comma(an, src_end) &&
        tok_class(an, src_end + 1, WC_WHO | WC_WHICH | WC_WH))
        opening = false;
    if (opening && have && (is_comma(an, src_end) || p.pronoun)) {
        size_t cs = src_end + (is_comma(an, src_end) ? 1 : 0), tail;
        cs = skip_apposition(an, cs, e);
        cue_match tm;
        np tp;
        size_t ce = clause_end(c, cs, e, &tail, &tm, &tp);
        /* a speaker named inside: "selon l'Elysée, Macron a réitéré
         * …" is left to that verb, which takes this as its source (not
         * a verb inside quotation marks: "l'arrêt « appelle … »" is
         * what the source says) */
        bool inner = false;
        for (size_t j = cs; j < ce && j < cs + 8 && !inner; j++) {
            cue_match im;
            /* a belief is no speech: "According to police, officers saw
             * …" is what the police say */
            inner = an->toks[j].depth == 0 && cue_at(an, j, &im) &&
                    lex_cue(an->lx, im.cue)->pos == LX_CUE_VERB &&
                    lex_cue(an->lx, im.cue)->act != ACT_BELIEF && !cue_participle(an, &im) &&
                    !bare_past_participle(an, &im) && !cue_passive(an, &im);
        }
        if (inner) {
            /* ("Pour le ministre, 52 % des sondés se disent …": a view's
             * "pour" may say whom the clause is about) */
            if (c->ndeferred < DEFERRED_MAX && !(ci->classes & VC_VIEW))
                c->deferred[c->ndeferred++] = (deferred_source){m, p, cs, ce};
            return RULE_TOOK;
        }
        if (!set_party(c, &p, before, &sp))
            return RULE_FAIL;
        if (!emit(c, cs, ce, &m, &sp, NULL, false, 0.85, RULE_ACCORDING_TO, a, e))
            return RULE_FAIL;
        *kp = ce > k ? ce - 1 : k;
        return RULE_TOOK;
    }
    /* "C, selon X." / "C d'après le Quai.": a tail, which ends the
     * sentence ("pour" and "per" only open one) */
    if (!have || k == a || (ci->classes & VC_VIEW))
        return RULE_TOOK;
    /* no verb after it: "…, according to an analysis by Lily
     * Batchelder, a law professor." */
    bool verb_after = false;
    for (size_t j = p.tok_last + 1; j < e && !verb_after; j++) {
        cue_match vm;
        /* "…, selon une enquête publiée mercredi": a participle
         * describing the source is no verb of its own */
        verb_after = an->toks[j].kind == TK_WORD && cue_at(an, j, &vm) &&
                     lex_cue(an->lx, vm.cue)->pos == LX_CUE_VERB && !bare_past_participle(an, &vm);
    }
    /* "…, according to their attorneys, and said …": the verb after
     * belongs to a clause of its own */
    size_t pc = p.tok_last + 1;
    /* ", toujours selon M. X", ", again according to": an adverb may
     * stand between the comma and the cue */
    size_t kc = k > a + 2 && adjunct_word(an, k - 1) && is_comma(an, k - 2) ? k - 1 : k;
    bool coordinated = is_comma(an, kc - 1) && is_comma(an, pc) && tok_class(an, pc + 1, WC_AND | WC_BUT);
    /* "…, according to a campaign official who was not authorized to
     * speak.": a relative clause or a participle describing the source
     * runs to the end of the sentence; its verbs are not the clause's */
    size_t rel = is_comma(an, pc) ? pc + 1 : pc;
    bool described = is_comma(an, kc - 1) && !p.pronoun && rel < e &&
                     (tok_class(an, rel, WC_WHO | WC_WHICH | WC_WH) || (rel == pc && post_modifier(an, rel)));
    if (!coordinated && !described && (verb_after || !is_comma(an, kc - 1)))
        if (verb_after || p.tok_last + 2 < e)
            return RULE_TOOK;
    /* "des situations contrastées selon les territoires": with no comma
     * before it, "selon" a thing is "depending on", no source */
    bool named = p.has_name || p.pronoun || role_in(an, &p) || tok_has(an, p.tok_last, LX_ORG);
    for (size_t j = p.tok_first; j <= p.tok_last && !named; j++)
        named = (an->toks[j].flags & TF_CAP) != 0; /* "BFMTV", "de BFMTV" */
    if (!is_comma(an, kc - 1) && !named)
        return RULE_TOOK;
    size_t at = is_comma(an, kc - 1) ? kc - 1 : k;
    if (!tail_clause(c, a, e, at, &m, &p, before, first_attr))
        return RULE_FAIL;
    *kp = p.tok_last;
    return RULE_TOOK;
}

/* "…, as police have said.", "Hawaii, as one adviser pointed out, rarely
 * gets …", "As Smith noted, …": the clause around. */
rule_out rule_as_clause(rctx *c, const sent *st, const cue_match *m, size_t *kp)
{
    size_t as_a, as_b;
    np as_np;
    if (!as_clause(c, m, st->a, st->e, &as_np, &as_a, &as_b))
        return RULE_PASS;
    return emit_clause(c, st, m, &as_np, as_a, as_b, RULE_AS_CLAUSE,
                       as_b > m->tok_last + 1 ? as_b - 1 : m->tok_last, kp);
}

/* Where the speaker's phrase of "C'est ce qu'a annoncé X" / "C'est ce
 * que X a indiqué" / "That's what X said" starts, for the verb cue m in
 * the sentence from token a: after "qu'" when the subject follows the
 * verb (*inverted), else after "que"/"what". SIZE_MAX when the sentence
 * does not open so. */
static size_t what_said_opening(const analysis *an, const cue_match *m, size_t a, bool *inverted)
{
    size_t k = m->tok_first, w;
    if (an->lang == LANG_FR) {
        /* "C'" "est" "ce" "qu'"/"que", "Voilà" "ce" "qu'" */
        size_t t =
            (tok_is_ci(an, a, "c'") || tok_is_ci(an, a, "c\xe2\x80\x99")) && tok_is_ci(an, a + 1, "est")
                ? a + 2
            : tok_is_ci(an, a, "voil\xc3\xa0") ? a + 1
                                               : SIZE_MAX;
        if (t == SIZE_MAX || k < t + 2 || !tok_is_ci(an, t, "ce") || !is_compl(an, t + 1))
            return SIZE_MAX;
        w = t + 2;
    } else {
        /* "That's what", "That is what" */
        size_t t = tok_is_ci(an, a, "that's") || tok_is_ci(an, a, "that\xe2\x80\x99s") ? a + 1
                   : tok_is_ci(an, a, "that") && tok_class(an, a + 1, WC_BE)           ? a + 2
                                                                                       : SIZE_MAX;
        if (t == SIZE_MAX || k < t + 2 || !tok_class(an, t, WC_WHAT))
            return SIZE_MAX;
        w = t + 1;
    }
    *inverted = w == k;
    return w;
}

rule_out rule_what_said(rctx *c, const sent *st, const cue_match *m, size_t *kp)
{
    analysis *an = c->an;
    const cue_info *ci = lex_cue(an->lx, m->cue);
    bool inverted = false;
    size_t w = ci->pos == LX_CUE_VERB ? what_said_opening(an, m, st->a, &inverted) : SIZE_MAX;
    size_t s = an->toks[st->a].sent;
    if (w == SIZE_MAX || s == 0)
        return RULE_PASS;
    /* the sentence before, in the body, said by no record yet (else the
     * other rules read the cue as before) */
    const sentence *prev = &an->sents[s - 1];
    if (an->paras[an->toks[prev->tok_start].para].zone != ZONE_BODY)
        return RULE_PASS;
    if (c->said[s - 1])
        return RULE_PASS;
    np who;
    cue_match tm;
    if (inverted ? !tail_at(an, w - 1, st->e, &tm, &who) || tm.tok_first != m->tok_first
                 : !np_forward(an, w, m->tok_first, &who) || who.tok_last + 1 != m->tok_first || who.pronoun)
        return RULE_PASS;
    return emit_clause(c, st, m, &who, prev->tok_start, prev->tok_end, RULE_WHAT_SAID,
                       inverted ? who.tok_last : m->tok_last, kp);
}

/* "which he said were at his side", "what the senators said was
 * gerrymandering": the relative clause, its pronoun included. */
rule_out rule_relative_speech(rctx *c, const sent *st, const cue_match *m, size_t *kp)
{
    size_t rel_end, k = *kp;
    np rel;
    if (!relative_speech(c, m, st->a, st->e, &rel, &rel_end))
        return RULE_PASS;
    return emit_clause(c, st, m, &rel, rel.tok_first - 1, rel_end, RULE_RELATIVE_SPEECH,
                       rel_end > k ? rel_end - 1 : k, kp);
}
