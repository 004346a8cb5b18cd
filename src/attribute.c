/*
 * attribute.c: turns quotes into direct attributions.
 *
 * A quote is a direct attribution when it stands as an utterance of its
 * own (at a sentence start, or after a comma, colon or dash, not inside a
 * clause like `l'opération « Barkhane »` or `said the plan was "dead"`) and
 * one of these holds:
 *   after:  « … », a déclaré X / a-t-il ajouté / selon X / "…," X said
 *   before: X a déclaré : « … » / X said, "…" / Selon X, « … » / X : « … »
 *   float:  the quote is a whole paragraph with no cue: it continues the
 *           voice of the previous attribution.
 * A quote continued after its cue in the same paragraph (« A », dit-il,
 * « B ») is one attribution from A to B. Quotes embedded in a clause are
 * left to the reported-speech stage (mixed and indirect).
 */
#include "alloc.h"
#include "analysis.h"
#include "attribute.h"
#include "cues.h"
#include "lexicon.h"
#include "mentions.h"
#include "people.h"
#include "phrase.h"
#include "quotes.h"
#include "segment.h"
#include "zones.h"

#include <string.h>

#define POST_WINDOW 40 /* tokens after a quote where its cue may stand */
#define PRE_WINDOW 10  /* tokens before a colon where the cue may stand */
#define MERGE_GAP 30   /* tokens between two parts of a split quote */
#define TITLE_WORDS 6  /* words of a title in marks that a tail may name */
#define PARTS_MAX 16   /* parts of a split quotation kept apart */

typedef struct ctx {
    analysis *an;
    mention_table *mt;
    vec *out;
    dixit_party last_speaker; /* voice of the previous attribution */
    uint8_t last_gender;
    uint32_t last_para;
    bool have_last;
} ctx;

/* Does quote q stand as an utterance of its own: at the start ss of its
 * sentence or a line, or after a comma, colon, dash, parenthesis,
 * semicolon or full stop? */
bool standalone_before(const analysis *an, const quote *q, size_t ss)
{
    size_t o = q->open_tok;
    if (o == ss || (an->toks[o].flags & TF_NL_BEFORE))
        return true;
    const token *p = &an->toks[o - 1];
    if (p->kind == TK_PUNCT)
        return p->cp == ',' || p->cp == ':' || p->cp == 0x2014 || p->cp == 0x2013 || p->cp == '(' ||
               p->cp == '-' || p->cp == ';' || p->cp == '.';
    return false;
}

static bool pronoun_party(ctx *cx, const cue_match *m, size_t before, dixit_party *sp, uint8_t *g)
{
    return mentions_resolve_inversion(cx->an, cx->mt, m, before, sp, g);
}

static bool np_party(ctx *cx, const np *p, size_t before, dixit_party *sp, uint8_t *g)
{
    *g = p->gender;
    return mentions_resolve(cx->an, cx->mt, p, before, sp);
}

/* Finds the first name run within the next few tokens: "a déclaré à l'AFP
 * Taras Hrytsenko". */
static bool np_skip_to_name(const analysis *an, size_t i, size_t limit, np *out)
{
    for (size_t k = i; k < limit && k < i + 6; k++) {
        if (an->toks[k].kind == TK_PUNCT)
            return false;
        if (an->toks[k].kind == TK_WORD && (an->toks[k].flags & TF_CAP) && np_forward(an, k, limit, out) &&
            out->has_name)
            return true;
    }
    return false;
}

/* A person's name closing the description that starts before token k,
 * within 14 words and before any punctuation: "l'ex-LREM et candidat
 * dissident à la mairie de Paris Cédric Villani". */
static bool later_name(const analysis *an, size_t k, size_t limit, np *out)
{
    for (size_t j = k; j < limit && j < k + 14; j++) {
        if (an->toks[j].kind != TK_WORD)
            return false;
        if (!(an->toks[j].flags & TF_CAP))
            continue;
        const lex_entry *e = tok_lex(an, j);
        if (!(e && (e->flags & LX_FIRSTNAME)))
            continue;
        np q;
        if (np_forward(an, j, limit, &q) && q.has_name && q.kind == DIXIT_KIND_PERSON &&
            strong_name(an, &q) && (q.tok_last + 1 >= limit || an->toks[q.tok_last + 1].kind == TK_PUNCT)) {
            *out = q;
            return true;
        }
        return false;
    }
    return false;
}

/* The last subject in [a, b): a strong name not after a preposition or
 * "de"/"of", followed by a verb form or a comma, or a subject pronoun
 * before its auxiliary ("Malgré ce retour, il a assuré que …, se
 * disant « … »": il). */
static bool last_named_subject(const analysis *an, size_t a, size_t b, np *out)
{
    /* within 40 words: a sentence of thousands of participles stays linear */
    if (b > a + 40)
        a = b - 40;
    for (size_t k = b; k > a; k--) {
        size_t i = k - 1;
        /* a main clause's pronoun: at the start, or after a comma or
         * "et"/"mais" ("the suggestion that he was" is no subject of it) */
        bool opens = i == a || is_comma(an, i - 1) || tok_class(an, i - 1, WC_AND | WC_BUT);
        bool verb = i + 1 < b && an->toks[i + 1].kind == TK_WORD && !(an->toks[i + 1].flags & TF_CAP) &&
                    (tok_has(an, i + 1, LX_AUX) || !tok_has(an, i + 1, LX_DET | LX_PREP | LX_LINKER | LX_STOP));
        if (opens && an->toks[i].depth == 0 && verb && tok_has(an, i, LX_PRONOUN) && np_forward(an, i, i + 1, out) &&
            out->pronoun && out->gender != G_NEUTER)
            return true;
        if (an->toks[i].depth > 0 || an->toks[i].kind != TK_WORD || !(an->toks[i].flags & TF_CAP))
            continue;
        np p;
        if (!np_backward(an, i, a, &p) || !p.has_name || p.kind != DIXIT_KIND_PERSON || !strong_name(an, &p))
            continue;
        size_t f = p.tok_first;
        const lex_entry *pe = f > a ? tok_lex(an, f - 1) : NULL;
        if (lex_has(pe, an->lang, LX_PREP) || lex_has(pe, an->lang, LX_LINKER) ||
            (f > a && tok_class(an, f - 1, WC_A | WC_AU)))
            continue;
        /* a subject: its verb follows ("Yuli Edelstein a exprimé") */
        size_t nx = p.tok_last + 1;
        if (nx < b && tok_has(an, nx, LX_AUX)) {
            *out = p;
            return true;
        }
        k = p.tok_first + 1;
    }
    return false;
}

/* A name that can stand alone as a speaker: two name words, a known first
 * name, or an organisation. */
bool strong_name(const analysis *an, const np *p)
{
    if (p->kind == DIXIT_KIND_ORGANIZATION)
        return true;
    if (!p->has_name)
        return false;
    /* "DEUX REGRETS :", "MON RÔLE :": a subhead in capitals opening with a
     * number or a determiner is no one's name */
    if ((an->toks[p->name_first].flags & TF_ALLCAPS) &&
        (tok_class_ci(an, p->name_first, WC_SOME) || tok_has(an, p->name_first, LX_DET | LX_STOP | LX_PRONOUN)))
        return false;
    const lex_entry *e = tok_lex(an, p->name_first);
    return p->name_last > p->name_first || (e && (e->flags & LX_FIRSTNAME));
}

/* The speaker's mention runs to the verb over a parenthesis or a
 * comma-delimited apposition ("Sen. David Perdue (R-Ga.)", "Aparna Mathur,
 * who studies tax policy,", "Mitch McConnell, R-Ky.,"), never over plain
 * words ("Mr. Trump hardly", "Stumpf tried") or a participle phrase
 * ("Trump, speaking to veterans,"). */
void mention_to_verb(const analysis *an, dixit_party *sp, size_t verb)
{
    if (!sp->present || sp->mention.end <= sp->mention.start)
        return;
    size_t k = tok_index_near(an, sp->mention.end, verb); /* first token after the mention */
    if (k >= verb || !(is_comma(an, k) || tok_is_punct(an, k, '(')))
        return;
    size_t v = verb;
    while (v > k && (is_comma(an, v - 1) || adjunct_word(an, v - 1)))
        v--;
    bool closed = is_comma(an, v) || tok_is_punct(an, v - 1, ')');
    size_t first = k + 1;
    size_t tl = first < verb ? tok_len(an, first) : 0;
    bool participle = tl > 4 && lex_suffix(an->endings, LANG_EN, SX_GERUND, tok_text(an, first), tl);
    if (closed && !participle && v > k + 1 && v - k < 30)
        sp->mention.end = an->toks[v - 1].end;
}

/* After the name of a signature, from token j (before pe): past a final
 * period, or a post's handle in parentheses and its date ("— Jane Doe
 * (@jdoe) March 3, 2026": capitalised words, numbers, commas, four at
 * most). Where the line should end. */
static size_t signature_end(const analysis *an, size_t j, size_t pe)
{
    while (j < pe && an->toks[j].kind == TK_PUNCT && an->toks[j].cp == '.')
        j++;
    if (j < pe && an->toks[j].kind == TK_PUNCT && an->toks[j].cp == '(') {
        size_t c = j + 1;
        while (c < pe && c < j + 6 && !(an->toks[c].kind == TK_PUNCT && an->toks[c].cp == ')'))
            c++;
        if (c >= pe || c >= j + 6)
            return j;
        j = c + 1;
        for (size_t n = 0; n < 4 && j < pe && !(an->toks[j].flags & TF_NL_BEFORE); n++, j++) {
            const token *t = &an->toks[j];
            if (!(t->kind == TK_NUM || (t->kind == TK_PUNCT && t->cp == ',') ||
                  (t->kind == TK_WORD && (t->flags & TF_CAP))))
                return j;
        }
    }
    return j;
}

/* "“…” ― Jane Doe": a dash and a name closing the line stand for a cue. */
static bool dash_name(ctx *cx, size_t from, size_t limit, size_t before, cue_match *m, dixit_party *sp,
                      uint8_t *g, double *conf)
{
    analysis *an = cx->an;
    size_t j = from;
    if (j >= an->ntoks || an->toks[j].kind != TK_PUNCT ||
        !(an->toks[j].cp == 0x2015 || an->toks[j].cp == 0x2014 || an->toks[j].cp == 0x2013))
        return false;
    np p;
    size_t pe = an->paras[an->toks[j].para].tok_end;
    if (!np_forward(an, j + 1, pe, &p) || !strong_name(an, &p))
        return false;
    size_t after = signature_end(an, p.tok_last + 1, pe);
    if (after < pe && !(an->toks[after].flags & TF_NL_BEFORE))
        return false;
    (void)limit;
    memset(m, 0, sizeof *m);
    m->tok_first = m->tok_last = (uint32_t)j;
    m->cue = -1;
    *conf = 0.75;
    return np_party(cx, &p, before, sp, g);
}

/* The cue after a quote, and its speaker. */
static bool find_post(ctx *cx, size_t from, size_t limit, size_t before, cue_match *m, dixit_party *sp,
                      uint8_t *g, double *conf)
{
    analysis *an = cx->an;
    size_t j = from;
    bool comma = false;
    while (j < limit && an->toks[j].kind == TK_PUNCT &&
           (an->toks[j].cp == ',' || an->toks[j].cp == 0x2014 || an->toks[j].cp == 0x2013)) {
        comma = true;
        j++;
    }
    /* the quote must end its clause: a comma, ?, ! inside or after */
    bool ends = comma;
    if (!comma && from > 0) {
        const token *in = &an->toks[from - 1 > 0 ? from - 2 : 0];
        ends = in->kind == TK_PUNCT && (in->cp == ',' || in->cp == '?' || in->cp == '!' || in->cp == 0x2026);
        const lex_entry *e = tok_lex(an, j);
        cue_match first;
        if (!ends && j < limit && an->toks[j].kind == TK_WORD && !(an->toks[j].flags & TF_CAP) &&
            !lex_has(e, an->lang, LX_PRONOUN) && !lex_has(e, an->lang, LX_DET) && !cue_at(an, j, &first))
            return false;
    }
    size_t end = limit < j + POST_WINDOW ? limit : j + POST_WINDOW;
    for (size_t k = j; k < end; k++) {
        if (an->toks[k].qrole == QR_OPEN)
            return false;
        if (!cue_at(an, k, m))
            continue;
        const cue_info *ci = lex_cue(an->lx, m->cue);
        if (ci->pos == LX_CUE_NOUN)
            continue;
        /* "wrote about", "a parlé de": the verb's object is a topic, the
         * quotation is a title or a name; "« Loi travail » : le député X
         * annonce qu'il …": the verb reports its own clause */
        if (tok_class_in(an, m->tok_last + 1, LANG_EN, WC_ABOUT) ||
            (!m->inverted && ci->pos == LX_CUE_VERB && is_compl(an, m->tok_last + 1)))
            return false;
        np p;
        if (m->inverted && m->pron_gender >= 0 && ci->pos == LX_CUE_VERB) {
            *conf = 0.85;
            return pronoun_party(cx, m, before, sp, g);
        }
        if (ci->pos == LX_CUE_PREP) {
            if (k != j)
                continue; /* "selon" deep inside a clause is not this quote's */
            /* "« Un impact sans précédent » pour les hôpitaux": "pour"
             * right after words that do not end their clause says for
             * whom, not whose view ("« Une faute », pour le syndicat") */
            if ((ci->classes & VC_VIEW) && !ends)
                continue;
            if (np_forward(an, m->tok_last + 1, limit, &p)) {
                /* "« … » pour les enseignants, a expliqué le ministre": the
                 * verb of saying that follows names the speaker, "pour"
                 * opened a complement */
                cue_match vm;
                size_t v = p.tok_last + 1;
                if ((ci->classes & VC_VIEW) && v + 1 < limit && tok_is_punct(an, v, ',') &&
                    cue_at(an, v + 1, &vm) && lex_cue(an->lx, vm.cue)->pos == LX_CUE_VERB) {
                    k = v;
                    continue;
                }
                *conf = 0.85;
                return np_party(cx, &p, before, sp, g);
            }
            return false;
        }
        bool after_comma = k == j || tok_is_punct(an, k - 1, ',');
        /* English order: the subject stands between quote and verb, maybe
         * with an apposition ("Smith, a spokesman, said") */
        np before_np;
        memset(&before_np, 0, sizeof before_np);
        /* ("…," she further noted: an adverb may stand before the verb) */
        size_t bv = k > j && np_forward(an, j, k, &before_np) ? before_np.tok_last + 1 : SIZE_MAX;
        while (bv < k && adjunct_word(an, bv))
            bv++;
        bool before_ok = bv != SIZE_MAX && (skip_parens(an, bv, k) == k ||
                                            (bv < k && tok_is_punct(an, before_np.tok_last + 1, ',')));
        /* inverted: verb then subject (« … », a déclaré X; "…," said X),
         * maybe after the one spoken to (« … », a déclaré à l'AFP X) */
        size_t after = np_skip_date(an, m->tok_last + 1, limit);
        if (after < limit)
            after += adverbial_at(an, after); /* "a réagi pour sa part X" */
        np heard;
        size_t past = french_listener(an, after, limit, &heard);
        if (past != SIZE_MAX && past < limit && an->toks[past].kind == TK_WORD)
            after = past;
        /* "a réagi sur Twitter le procureur": the medium, then the
         * subject with its article ("souligne dans un communiqué Stephen
         * Evans" is read whole, as before) */
        size_t aside = skip_asides(an, after, limit);
        if (aside > after && aside < limit && np_is_det(an, aside))
            after = aside;
        bool after_ok =
            after_comma && (np_forward(an, after, limit, &p) || np_skip_to_name(an, after, limit, &p));
        /* "a tweeté l'ex-LREM et candidat à la mairie de Paris Cédric
         * Villani": a long description, then the name */
        np named;
        if (after_ok && !p.has_name && !p.pronoun && later_name(an, p.tok_last + 1, limit, &named))
            p = named;
        if (after_ok)
            mention_over_relative(an, &p, limit);
        if (before_ok && (!after_ok || an->lang != LANG_FR)) {
            *conf = before_np.pronoun ? 0.85 : 0.9;
            bool r = np_party(cx, &before_np, before, sp, g);
            if (r)
                mention_to_verb(an, sp, k);
            return r;
        }
        if (after_ok) {
            *conf = 0.9;
            return np_party(cx, &p, before, sp, g);
        }
        /* "the company's chief executive said": take what precedes */
        if (k > j && np_backward(an, k - 1, j, &p)) {
            *conf = 0.7;
            return np_party(cx, &p, before, sp, g);
        }
        return false;
    }
    return false;
}

/* "“…,” Sanders said, according to CNN.", "« … », a-t-il dit, selon
 * l'AFP": after the tail that ends before token j (its adjuncts skipped),
 * a comma and a preposition of source whose phrase ends the sentence
 * [.., limit) name who relays the quotation (src). False when none does. */
static bool relay_after_tail(ctx *cx, size_t j, size_t limit, size_t before, dixit_party *src)
{
    analysis *an = cx->an;
    j = skip_adjuncts(an, j, limit);
    cue_match m;
    np p;
    uint8_t g;
    if (j + 2 >= limit || !is_comma(an, j) || !cue_at(an, j + 1, &m) ||
        lex_cue(an->lx, m.cue)->pos != LX_CUE_PREP || (lex_cue(an->lx, m.cue)->classes & VC_VIEW) ||
        !np_forward(an, m.tok_last + 1, limit, &p))
        return false;
    /* what describes the phrase may run to the end ("audio provided to
     * The Times"), not a clause of its own */
    for (size_t k = p.tok_last + 1; k < limit; k++)
        if (is_comma(an, k) || an->toks[k].kind == TK_QUOTE ||
            (an->toks[k].kind == TK_PUNCT && k + 1 < limit))
            return false;
    return np_party(cx, &p, before, src, &g);
}

/* A present participle ("saying", "ajoutant") or a verb after "and"/"et":
 * its subject is the sentence's. */
static bool participle_or_coordinated(const analysis *an, const cue_match *m)
{
    bool part = cue_participle(an, m);
    size_t f = m->tok_first;
    bool coord = f > 0 && (tok_class(an, f - 1, WC_AND) || tok_is(an, f - 1, "then") ||
                           (f > 1 && tok_is_punct(an, f - 1, ',') && part));
    return part || coord;
}

/* "“Who would have believed it?” Trump said." after a quote that ended
 * its sentence: a short next sentence made of a subject and a speech verb
 * (and nothing that reports something else, like "that …"). */
static bool find_next_sentence(ctx *cx, size_t s, size_t before, cue_match *m, dixit_party *sp, uint8_t *g,
                               double *conf)
{
    analysis *an = cx->an;
    if (s >= an->nsents || an->sents[s].para != an->sents[s - 1].para)
        return false;
    size_t a = an->sents[s].tok_start, e = an->sents[s].tok_end;
    if (an->toks[a].kind == TK_QUOTE)
        return false;
    for (size_t k = a; k < e && k < a + POST_WINDOW; k++) {
        if (an->toks[k].kind != TK_WORD || !cue_at(an, k, m))
            continue;
        if (lex_cue(an->lx, m->cue)->pos != LX_CUE_VERB)
            return false;
        np p;
        size_t after = m->tok_last + 1;
        bool ok;
        if (k == a) {
            ok = np_forward(an, after, e, &p);
            if (ok)
                after = p.tok_last + 1;
        } else {
            /* "Klaus Brenner, the founder of Brenner Optics, said" */
            ok = np_forward(an, a, k, &p) &&
                 (skip_parens(an, p.tok_last + 1, k) == k ||
                  (tok_is_punct(an, p.tok_last + 1, ',') && tok_is_punct(an, k - 1, ',')));
        }
        while (ok && after < e && tok_has(an, after, LX_TIME))
            after++;
        /* "in an interview", "on Friday": an adjunct may follow */
        bool ends = after >= e || tok_is_punct(an, after, '.') || tok_is_punct(an, after, ',') ||
                    tok_class_in(an, after, LANG_UND, WC_VENUE);
        if (!ok || !ends)
            return false;
        *conf = 0.75;
        return np_party(cx, &p, before, sp, g);
    }
    return false;
}

/* A quote that is a whole sentence after a sentence ending "…, she said."
 * continues that voice. */
static bool find_prev_tail(ctx *cx, const quote *q, size_t before, cue_match *m, dixit_party *sp, uint8_t *g,
                           double *conf)
{
    analysis *an = cx->an;
    size_t s = an->toks[q->open_tok].sent;
    if (s == 0 || an->sents[s].tok_start != q->open_tok || an->sents[s - 1].para != an->sents[s].para)
        return false;
    size_t a = an->sents[s - 1].tok_start, e = an->sents[s - 1].tok_end;
    if (e < a + 3 || !tok_is_punct(an, e - 1, '.'))
        return false;
    np p;
    /* "… she said." / "… said Smith." */
    for (size_t k = e - 2; k + 5 >= e && k > a; k--) {
        if (!cue_at(an, k, m) || lex_cue(an->lx, m->cue)->pos != LX_CUE_VERB)
            continue;
        if (m->tok_last + 1 == e - 1 && np_backward(an, k - 1, a, &p) && p.tok_first + 3 >= k &&
            (p.pronoun || p.has_name)) {
            *conf = 0.6;
            return np_party(cx, &p, before, sp, g);
        }
        if (np_forward(an, m->tok_last + 1, e - 1, &p) && p.tok_last + 2 == e && p.has_name) {
            *conf = 0.6;
            return np_party(cx, &p, before, sp, g);
        }
        return false;
    }
    return false;
}

/* Is p one word that the article gives in full elsewhere ("Juppé" and
 * "Alain Juppé")? */
static bool known_surname(const ctx *cx, const np *p)
{
    const analysis *an = cx->an;
    if (!p->has_name || p->name_first != p->name_last || p->kind != DIXIT_KIND_PERSON)
        return false;
    size_t n = tok_len(an, p->name_first);
    const person *full = by_surname(cx->mt, tok_text(an, p->name_first), n, G_UNKNOWN);
    return full && full->full_len > n;
}

/* "Rose est catégorique : « … »", "Le chef du gouvernement n'a pas
 * cherché à arrondir les angles : « … »": a predicate about the subject
 * that opens the sentence, then a colon, introduces what the subject
 * said; the predicate is the cue (ANNOTATION.md). The subject can speak
 * (a name, a pronoun, a role, a group or an organisation) and a verb
 * follows it; the predicate is short. m is zeroed. */
static bool colon_predicate(ctx *cx, size_t ss, size_t colon, size_t before, cue_match *m, dixit_party *sp,
                            uint8_t *g, double *conf)
{
    const analysis *an = cx->an;
    np p;
    if (!np_forward(an, ss, colon, &p) || colon > p.tok_last + 1 + PRE_WINDOW)
        return false;
    size_t v = p.tok_last + 1, h = np_head_index(an, &p);
    bool can_speak = p.has_name || p.pronoun || tok_has(an, h, LX_ROLE | LX_GROUP | LX_ORG) ||
                     tok_has(an, p.tok_last, LX_ROLE | LX_GROUP | LX_ORG);
    /* not a headline ("Le Portugal débordé par le Covid : « … »" says
     * what happened, and the body says who spoke), nor a French
     * participle opening the predicate (the same phrase in a body) */
    if (!can_speak || v >= colon || an->toks[v].kind != TK_WORD || (an->toks[v].flags & TF_CAP) ||
        tok_has(an, v, LX_DET | LX_PREP | LX_LINKER) || tok_class(an, v, WC_WHO | WC_THAT) ||
        an->paras[an->toks[v].para].zone != ZONE_BODY ||
        (an->lang == LANG_FR && lex_suffix(an->endings, LANG_FR, SX_PARTICIPLE, tok_text(an, v), tok_len(an, v))))
        return false;
    /* "Il est vrai que le synopsis est flou : « … »": a predicate with a
     * clause of its own says something of that clause, and the subject
     * may be impersonal; it introduces no words of the subject's */
    for (size_t j = v; j < colon; j++)
        if (tok_class_ci(an, j, WC_THAT))
            return false;
    m->tok_first = (uint32_t)v;
    m->tok_last = (uint32_t)(colon - 1);
    m->cue = -1;
    *conf = 0.6;
    return np_party(cx, &p, before, sp, g);
}

/* The cue before a quote ("X a déclaré :", "X said,", "Selon X,"). */
static bool find_pre(ctx *cx, size_t ss, size_t open, size_t before, cue_match *m, dixit_party *sp,
                     uint8_t *g, double *conf)
{
    analysis *an = cx->an;
    if (open == ss)
        return false;
    size_t pre = open - 1;
    bool colon = tok_is_punct(an, pre, ':');
    bool comma = tok_is_punct(an, pre, ',');
    size_t stop = pre; /* the cue ends before this token */
    if (!colon && !comma) {
        /* `He said "We won."` directly after the verb */
        if (an->toks[pre].kind != TK_WORD)
            return false;
        stop = open;
    }
    size_t window = colon || comma ? PRE_WINDOW : 4;
    size_t lo = stop > ss + window ? stop - window : ss;
    /* the cue stands after any earlier quotation of the sentence */
    for (size_t k = stop; k > lo; k--)
        if (an->toks[k - 1].qrole != QR_NONE) {
            lo = k;
            break;
        }
    cue_match best;
    bool found = false;
    /* "Et, dans cette joute, M. X de rétorquer auprès du journal : « … »":
     * a narrative infinitive in a sentence that opens with "Et" */
    bool et = tok_is_ci(an, ss, "et");
    for (size_t k = lo; k < stop; k++) {
        cue_match t;
        if (((et && cue_infinitive_fr(an, k, &t)) || cue_at(an, k, &t)) && t.tok_last < stop &&
            lex_cue(an->lx, t.cue)->pos != LX_CUE_NOUN) {
            best = t;
            found = true;
            k = t.tok_last;
        }
    }
    np p;
    if (found) {
        *m = best;
        const cue_info *ci = lex_cue(an->lx, m->cue);
        /* "Et d'ajouter : « … »": a narrative infinitive with no subject
         * between "Et" and it goes on in the voice of the paragraph */
        if (et && m->tok_first == ss + 1 && tok_class(an, m->tok_first, WC_DE) && cx->have_last &&
            cx->last_para == an->toks[open].para && cx->last_speaker.present) {
            *sp = cx->last_speaker; /* its mention: where the voice was named */
            sp->resolved_by = DIXIT_BY_CONTEXT;
            *g = cx->last_gender;
            *conf = 0.7;
            return true;
        }
        /* "Les soudures devaient être reprises : « … »": a passive's
         * subject is what was done, no one who speaks */
        if (passive_cue(an, m) && m->tok_first == m->tok_last)
            return false;
        if (!colon && !comma && m->tok_last + 1 != open)
            return false;
        /* quoted words right after a passive ("21 chambres sont prévues
         * « par jour »") or a verb that reports only before que/that are
         * what the verb is about, not what its subject said */
        if (!colon && !comma && (cue_passive(an, m) || (ci->classes & VC_QUE)))
            return false;
        /* nor right after a participle with no auxiliary: "la réforme dite
         * « du bon sens »" names the noun it describes */
        if (!colon && !comma && bare_past_participle(an, m) && !shares_auxiliary(an, m))
            return false;
        /* after a comma, the cue ends the clause ("He said, …", "says of
         * Clinton, …") or is a sentence-initial "Selon X," */
        if (comma && !(ci->pos == LX_CUE_PREP && m->tok_first == ss) && stop - m->tok_last > 6)
            return false;
        if (m->inverted && m->pron_gender >= 0) {
            *conf = 0.85;
            return pronoun_party(cx, m, before, sp, g);
        }
        if (ci->pos == LX_CUE_PREP) {
            if (np_forward(an, m->tok_last + 1, stop, &p)) {
                *conf = 0.85;
                return np_party(cx, &p, before, sp, g);
            }
            return false;
        }
        /* "…, saying:", "and said,", "ajoutant :": the subject of the
         * sentence speaks */
        if (participle_or_coordinated(an, m)) {
            /* "A l'approche de …, le ministre, Yuli Edelstein a exprimé son
             * souhait à la télévision, déclarant :": the last person named
             * before it, not a phrase after a preposition */
            if (cue_participle(an, m) && last_named_subject(an, ss, m->tok_first, &p)) {
                *conf = 0.75;
                return np_party(cx, &p, before, sp, g);
            }
            /* the sentence's subject, else the one past its introduction
             * ("During a speech, Trump attacked Clinton over Iraq and Libya,
             * saying:") */
            if ((np_forward(an, ss, m->tok_first, &p) &&
                 (p.pronoun || p.has_name || p.kind != DIXIT_KIND_PERSON)) ||
                (subject_np(an, ss, m->tok_first, &p) && an->toks[p.tok_first].depth == 0)) {
                *conf = 0.75;
                return np_party(cx, &p, before, sp, g);
            }
            /* "I laughed and said": the subject of the first verb */
            size_t f = m->tok_first;
            if (f >= ss + 3 && tok_class(an, f - 1, WC_AND) && an->toks[f - 2].kind == TK_WORD &&
                np_backward(an, f - 3, ss, &p) && (p.pronoun || p.has_name)) {
                *conf = 0.7;
                return np_party(cx, &p, before, sp, g);
            }
            /* "Trump said, adding later, …": the voice of this paragraph */
            if (cx->have_last && cx->last_para == an->toks[open].para && cx->last_speaker.present) {
                *sp = cx->last_speaker; /* its mention: where the voice was named */
                sp->resolved_by = DIXIT_BY_CONTEXT;
                *g = cx->last_gender;
                *conf = 0.65;
                return true;
            }
        }
        size_t sb = m->tok_first; /* "Sen. Claire McCaskill (D-Mo.) scolded him:" */
        size_t po = sb > ss ? paren_open(an, sb - 1, ss) : SIZE_MAX;
        if (po != SIZE_MAX)
            sb = po;
        /* "L'intéressé, de son côté, a justifié son silence :" */
        size_t ca = sb > ss + 3 && tok_is_punct(an, sb - 1, ',') ? comma_adverbial(an, ss, sb - 1) : SIZE_MAX;
        if (ca != SIZE_MAX)
            sb = ca;
        if (sb > ss && np_backward(an, sb - 1, ss, &p)) {
            over_participle(an, ss, &p);
            *conf = 0.85;
            return np_party(cx, &p, before, sp, g);
        }
        /* "Poursuivant : « … »" or a verb with its subject after */
        if (np_forward(an, m->tok_last + 1, stop, &p) && p.has_name) {
            *conf = 0.7;
            return np_party(cx, &p, before, sp, g);
        }
        return false;
    }
    /* "X : « … »": a name and a colon, no verb. The name stands right
     * before the colon ("Réaction du maire, Pierre-Yves Le Bihan :") or
     * opens the sentence ("Oleksandra Tkachenko, 34 ans, infirmière :"). */
    if (!colon || pre <= ss)
        return false;
    /* no verb before the colon (read over a window: a sentence of
     * thousands of quotations and colons stays linear) */
    for (size_t k = pre > ss + 4 * PRE_WINDOW ? pre - 4 * PRE_WINDOW : ss; k < pre; k++)
        if (cue_at(an, k, m))
            return false;
    /* in a headline a surname alone will do, when the article names
     * someone in full with it ("Juppé : « … »"), and so may a topic
     * between it and the colon ("Le Foll sur la grogne sociale : « … »") */
    bool headline = an->paras[an->toks[pre].para].zone == ZONE_HEADLINE;
    /* a name after a preposition of the listener, the medium or the topic
     * is none of them: "…, dans une interview à l'AFP : « … »", "sur
     * France Inter :", "in an interview with CNN:", "X on Y:" (the subject
     * of the sentence speaks, colon_predicate); after "by" or "par" it may
     * be the author ("…," by Variety's Gordon Cox: "…") */
    bool ok = np_backward(an, pre - 1, ss, &p) && !p.pronoun && strong_name(an, &p) &&
              !(p.tok_first > ss &&
                tok_class(an, p.tok_first - 1, WC_A | WC_AU | WC_MEDIUM | WC_NEAR | WC_FACING | WC_WITH));
    if (!ok) {
        /* ("CNN President On Trump:": the name before the colon is a topic
         * when another opens the headline) */
        ok = np_forward(an, ss, pre, &p) && (strong_name(an, &p) || (headline && known_surname(cx, &p))) &&
             (tok_is_punct(an, p.tok_last + 1, ',') ||
              (headline && (p.tok_last + 1 == pre ||
                            (p.tok_last + 2 < pre && tok_class(an, p.tok_last + 1, WC_ABOUT)))));
    }
    memset(m, 0, sizeof *m);
    if (!ok)
        return colon_predicate(cx, ss, pre, before, m, sp, g, conf);
    m->tok_first = m->tok_last = (uint32_t)pre;
    m->cue = -1;
    *conf = 0.7;
    return np_party(cx, &p, before, sp, g);
}

/* "Caddell continued:" closing the previous paragraph. */
static bool find_prev_para(ctx *cx, const quote *q, size_t before, cue_match *m, dixit_party *sp, uint8_t *g,
                           double *conf)
{
    analysis *an = cx->an;
    size_t o = q->open_tok;
    if (!(an->toks[o].flags & TF_PARA_START) || o == 0)
        return false;
    size_t colon = o - 1;
    if (!tok_is_punct(an, colon, ':'))
        return false;
    size_t ss = an->sents[an->toks[colon].sent].tok_start;
    /* pretend the quote opened right after the colon */
    return find_pre(cx, ss, colon + 1, before, m, sp, g, conf);
}

static bool para_only_quote(const analysis *an, const quote *q)
{
    if (!(an->toks[q->open_tok].flags & TF_PARA_START))
        return false;
    size_t pe = an->paras[q->para_last].tok_end;
    for (size_t k = q->close_tok + 1; k < pe; k++)
        if (an->toks[k].kind != TK_PUNCT)
            return false;
    return true;
}

/* Is there a cue at depth 0 in tokens [a, b)? */
static bool cue_between(const analysis *an, size_t a, size_t b)
{
    cue_match m;
    for (size_t j = a; j < b; j++)
        if (an->toks[j].kind == TK_WORD && an->toks[j].depth == 0 && cue_at(an, j, &m))
            return true;
    return false;
}

/* The quote that continues q after its cue, if any: same paragraph, no cue
 * of its own, only the cue clause between them. */
static size_t continuation(const analysis *an, size_t qi, size_t cue_end)
{
    const quote *q = &an->quotes[qi];
    if (q->recovered)
        return SIZE_MAX;
    for (size_t n = qi + 1; n < an->nquotes; n++) {
        const quote *r = &an->quotes[n];
        if (r->open_tok <= q->close_tok)
            continue; /* nested inside q */
        /* B opens the sentence right after the cue's ("« A », dit-il,
         * longue apposition. « B »": ANNOTATION.md's rule), however long
         * the cue's sentence; elsewhere within MERGE_GAP tokens */
        size_t cue_sent = an->toks[cue_end].sent;
        bool next_sentence = cue_sent + 1 < an->nsents && an->toks[r->open_tok].sent == cue_sent + 1 &&
                             an->sents[cue_sent + 1].tok_start == r->open_tok &&
                             r->open_tok <= q->close_tok + 2 * MERGE_GAP;
        if (r->depth != 0 || r->para_first != q->para_last ||
            (r->open_tok > q->close_tok + MERGE_GAP && !next_sentence) || r->open_tok <= cue_end)
            return SIZE_MAX;
        const token *p = &an->toks[r->open_tok - 1];
        /* a title or a name in marks inside the tail after the quotation
         * ("said Thursday on Fox News's “Fox and Friends.” “B”") is passed
         * over: a few words, no other cue before it */
        if (p->kind == TK_WORD && cue_end > q->close_tok + 1 /* a cue after it */ && p->sent == cue_sent &&
            an->toks[r->close_tok].sent == cue_sent && words_in(an, r) <= TITLE_WORDS &&
            !cue_between(an, cue_end + 1, r->open_tok))
            continue;
        /* (its full stop inside its marks: '… “Fox and Friends.” “B”') */
        if (p->kind == TK_QUOTE && r->open_tok >= 2 && p->sent == cue_sent)
            p = &an->toks[r->open_tok - 2];
        if (p->kind != TK_PUNCT || !(p->cp == ',' || p->cp == '.' || p->cp == ';'))
            return SIZE_MAX;
        /* another speech verb between them: a second speaker ("speaking
         * of the crisis", the speaker's own participle, is none) */
        cue_match m2;
        bool in_clause = false;
        for (size_t j = cue_end + 1; j < r->open_tok; j++) {
            /* (a cue within a clause of the tail, up to its comma or full
             * stop, names no second voice: "said at the gala, where Mrs. X
             * also spoke. « B »"; "who also said that …") */
            if (an->toks[j].kind == TK_PUNCT && !abbrev_period(an, j))
                in_clause = false; /* ("Mrs." goes on) */
            else if (tok_class(an, j, WC_WH | WC_SUBORD | WC_WHO | WC_WHICH | WC_WHOM))
                in_clause = true;
            /* (nor a noun: "said X, in a statement. « B »" is the channel) */
            if (!in_clause && cue_at(an, j, &m2) && !cue_participle(an, &m2) &&
                lex_cue(an->lx, m2.cue)->pos != LX_CUE_NOUN)
                return SIZE_MAX;
        }
        /* the continuation must not have a cue of its own right after it */
        if (!r->recovered) {
            size_t k = r->close_tok + 1;
            while (k < an->ntoks && an->toks[k].kind == TK_PUNCT && an->toks[k].cp == ',')
                k++;
            cue_match m;
            size_t pe = an->paras[r->para_last].tok_end;
            (void)m2;
            for (size_t j = k; j < pe && j < k + 4; j++)
                if (cue_at(an, j, &m))
                    return SIZE_MAX;
            /* nor run on into the journalist's words that end with a cue:
             * '"B" to drive up the price, she said' is a mixed attribution
             * of its own ('« B » à la veille des élections.' is B still) */
            size_t w = r->close_tok + 1;
            if (w < pe && an->toks[w].kind == TK_WORD && an->toks[w].sent == an->toks[r->close_tok].sent) {
                size_t se = an->sents[an->toks[w].sent].tok_end;
                for (size_t j = w; j < se && j < w + CLAUSE_MAX; j++)
                    if (an->toks[j].depth == 0 && cue_at(an, j, &m))
                        return SIZE_MAX;
            }
        }
        return n;
    }
    return SIZE_MAX;
}

/* "« Nous sommes désespérés, témoigne Paul Ravel. Personne ne nous aide. »",
 * "« C'est du jamais-vu, constate-t-elle. Il y a un an … »", '"The plan,
 * he said, is dead."': a cue set inside the marks right after a comma,
 * with its subject, then a comma or a full stop. Fills the cue and speaker, and the two parts around the
 * incise (the second from the first word after it to the closing mark). */
static bool find_inside(ctx *cx, const quote *q, size_t before, cue_match *m, dixit_party *sp, uint8_t *g,
                        double *conf, dixit_span part[2])
{
    analysis *an = cx->an;
    if (q->recovered)
        return false;
    for (size_t j = q->open_tok + 2; j + 2 < q->close_tok; j++) {
        /* the cue first (French "témoigne X") or after a short subject
         * (English "he said") */
        if (!is_comma(an, j) || an->toks[j].depth != an->toks[q->open_tok + 1].depth ||
            !find_post(cx, j, q->close_tok, before, m, sp, g, conf) || m->cue < 0 ||
            lex_cue(an->lx, m->cue)->pos != LX_CUE_VERB || m->tok_first > j + 4 || !sp->name)
            continue; /* (no one named: "just like I said", the speaker's own words) */
        /* the incise ends at the next comma or full stop */
        size_t k = m->tok_last + 1;
        while (k < q->close_tok && k < m->tok_last + 8 && !is_comma(an, k) && !tok_is_punct(an, k, '.'))
            k++;
        if (k >= q->close_tok || k >= m->tok_last + 8)
            return false;
        part[0] = (dixit_span){q->start, an->toks[j].start};
        part[1] = (dixit_span){k + 1 < q->close_tok ? an->toks[k + 1].start : q->end, q->end};
        return true;
    }
    return false;
}

/* The one spoken to around the cue of a quotation (tail_listener), up to
 * token e; false on memory failure only. */
static bool addressee(ctx *cx, const cue_match *m, const dixit_party *sp, size_t e, dixit_party *to)
{
    analysis *an = cx->an;
    /* the speaker after the verb ("a confié l'ancien ministre au Figaro")
     * ends where its mention does */
    size_t subj_first = SIZE_MAX, subj_last = SIZE_MAX;
    if (sp->present && sp->mention.end > sp->mention.start &&
        sp->mention.start >= an->toks[m->tok_last].end) {
        subj_first = tok_index_near(an, sp->mention.start, m->tok_last);
        subj_last = tok_index_near(an, sp->mention.end, subj_first) - 1;
    }
    np p;
    if (!tail_listener(an, m, subj_first, subj_last, e, &p))
        return true;
    return mentions_resolve(an, cx->mt, &p, an->toks[p.tok_first].start, to);
}

/* in the order of rule_id, by the file that proposes them */
/* clang-format off */
static const char *const rule_names[] = {
    NULL,
    "quote-cue-after", "quote-dash-name", "quote-next-sentence", "quote-cue-before", "quote-prev-para",
    "quote-prev-tail", "quote-cue-inside", "quote-headline", "quote-floating-voice", "quote-floating",
    "tail", "split-tail", "inner-tail",
    "according-to", "qui-quotation", "as-clause", "relative-speech", "what-said",
    "complement", "passive", "relay-tail", "opening-participle",
    "asked-question",
    "infinitive-narrative", "transcript",
    "quote-uncued", "sentence-uncued"};
/* clang-format on */
_Static_assert(sizeof rule_names / sizeof *rule_names == RULE_COUNT, "a name for each rule_id");

const char *rule_name(rule_id r)
{
    return r < RULE_COUNT ? rule_names[r] : NULL;
}

bool rule_is(const dixit_attribution *a, rule_id r)
{
    return a->rule == rule_name(r);
}

static bool emit(ctx *cx, const quote *q, uint32_t end, const dixit_cue *cue, const dixit_party *sp,
                 const dixit_party *to, uint8_t g, double conf, rule_id rule, const dixit_span *parts,
                 size_t nparts)
{
    dixit_attribution *a = vec_push(cx->out);
    if (!a)
        return false;
    a->type = DIXIT_DIRECT;
    a->content.start = q->start;
    a->content.end = end;
    a->cue = *cue;
    a->speaker = *sp;
    a->addressee = *to;
    a->addressee.entity = to->present ? to->entity : -1;
    a->confidence = q->recovered ? conf * 0.8 : conf;
    a->rule = rule_name(rule);
    if (nparts > 1) { /* a split quotation: its parts, kept with the result */
        dixit_span *p = arena_alloc(cx->an->ar, nparts * sizeof *p);
        if (!p)
            return false;
        memcpy(p, parts, nparts * sizeof *p);
        a->parts = p;
        a->nparts = nparts;
    }
    if (sp->present && sp->name) {
        /* a pronoun is noted once the text-order pass knows who it is */
        bool pending = mentions_pending(cx->mt, sp);
        if (sp->kind == DIXIT_KIND_PERSON && sp->resolved_by && sp->resolved_by != DIXIT_BY_DESCRIPTION && !pending)
            a->speaker.entity = mentions_assign_entity(cx->mt, sp->name);
        if (!pending) {
            /* a voice carried over has no mention: it is noted where the
             * quotation stands, not at the start of the article */
            dixit_party at = *sp;
            if (at.mention.end == at.mention.start)
                at.mention.start = at.mention.end = q->start;
            mentions_note_speaker(cx->an, cx->mt, &at, g);
        }
        cx->last_speaker = *sp;
        cx->last_gender = g;
        cx->have_last = true;
    }
    cx->last_para = q->para_last;
    return true;
}

/* "'All Bets Are Off.'": a short quotation in Title Case alone on its
 * line is a subhead or a title, not speech. */
bool title_like(const analysis *an, const quote *q)
{
    size_t words = 0, caps = 0, end = q->recovered ? an->paras[q->para_last].tok_end : q->close_tok;
    for (size_t k = q->open_tok + 1; k < end; k++)
        if (an->toks[k].kind == TK_WORD) {
            words++;
            caps += (an->toks[k].flags & TF_CAP) != 0;
        }
    return words >= 1 && words <= 8 && caps * 10 >= words * 7;
}

/* The words inside quote q, counted up to 16. */
size_t words_in(const analysis *an, const quote *q)
{
    size_t n = 0, end = q->recovered ? an->paras[q->para_last].tok_end : q->close_tok;
    for (size_t k = q->open_tok + 1; k < end && n < 16; k++)
        n += an->toks[k].kind == TK_WORD;
    return n;
}

/* "shows from Pixar, “Star Wars,” Marvel Studios and Disney", "between
 * corporations, “creators,” and normal people": a few quoted words after
 * a comma (not a verb's: "chanted, “Red for Ed,”") and before an "and" or
 * an "or" a few words on are an item of a list, a name, no utterance. */
static bool list_item(const analysis *an, const quote *q, size_t ss)
{
    size_t o = q->open_tok;
    cue_match t;
    if (q->recovered || o < ss + 2 || !is_comma(an, o - 1) || words_in(an, q) > 3 || cue_at(an, o - 2, &t))
        return false;
    size_t se = an->sents[an->toks[o].sent].tok_end;
    for (size_t k = q->close_tok + 1; k < se && k <= q->close_tok + 4; k++) {
        /* (a capitalised cue word there is a name's: "Marvel Studios") */
        if (an->toks[k].kind == TK_QUOTE || an->toks[k].qrole != QR_NONE ||
            (!(an->toks[k].flags & TF_CAP) && cue_at(an, k, &t)))
            return false;
        if (tok_class(an, k, WC_AND | WC_OR))
            return true;
    }
    return false;
}

/* Is quotation q (its sentence from token ss) one this stage attributes:
 * in the body or the headline, no transcript line ("WALLACE: …", which
 * reported.c reads line by line), and standing as an utterance of its own
 * or right after a verb of saying (`He said "We won."`)? */
static bool quotation_stands(const analysis *an, const quote *q, size_t ss)
{
    int zone = an->paras[q->para_first].zone;
    if (zone != ZONE_BODY && zone != ZONE_HEADLINE)
        return false;
    size_t f = q->open_tok + 1;
    if (f + 1 < an->ntoks && (an->toks[f].flags & TF_ALLCAPS) && tok_len(an, f) >= 3 &&
        tok_is_punct(an, f + 1, ':'))
        return false;
    if (list_item(an, q, ss))
        return false;
    if (standalone_before(an, q, ss))
        return true;
    /* a verb right before a capitalised quote */
    cue_match t;
    size_t o = q->open_tok;
    if (!(o > ss && an->toks[o - 1].kind == TK_WORD && (an->lang != LANG_FR || words_in(an, q) >= 3)))
        return false;
    size_t k = o - 1;
    while (k > ss && k + 3 > o && !cue_at(an, k, &t)) /* the cue ends right before */
        k--;
    return cue_at(an, k, &t) && t.tok_last + 1 == o && o + 1 < an->ntoks &&
           ((an->toks[o + 1].flags & TF_CAP) || an->lang == LANG_FR) && k + 3 >= o;
}

/* "Selon X, « jusqu'à cette semaine » le chef de l'État « ne mesurait
 * pas … »": after a preposition of source opening the sentence, words
 * outside the marks after the quotation make it part of the clause the
 * preposition introduces, a mixed content, not a quotation of its own. */
static bool view_goes_on(const analysis *an, const cue_match *m, size_t ss, const quote *q, size_t limit)
{
    if (m->cue < 0 || m->tok_first != ss || lex_cue(an->lx, m->cue)->pos != LX_CUE_PREP || q->recovered)
        return false;
    for (size_t k = q->close_tok + 1; k < limit; k++)
        if (an->toks[k].kind == TK_WORD && an->toks[k].depth == 0)
            return true;
    return false;
}

bool attribute_direct(analysis *an, mention_table *mt, vec *out)
{
    ctx cx;
    memset(&cx, 0, sizeof cx);
    cx.an = an;
    cx.mt = mt;
    cx.out = out;
    for (size_t qi = 0; qi < an->nquotes; qi++) {
        const quote *q = &an->quotes[qi];
        if (q->depth != 0 || q->start >= q->end)
            continue;
        size_t ss = an->sents[an->toks[q->open_tok].sent].tok_start;
        if (!quotation_stands(an, q, ss))
            continue;
        size_t close_end = q->recovered ? an->paras[q->para_last].tok_end : q->close_tok + 1;
        size_t limit = an->sents[an->toks[q->recovered ? q->close_tok - 1 : q->close_tok].sent].tok_end;
        cue_match m;
        dixit_party sp;
        dixit_cue cue;
        uint8_t g = G_UNKNOWN;
        double conf = 0;
        memset(&sp, 0, sizeof sp);
        memset(&cue, 0, sizeof cue);
        bool found = false;
        size_t cue_end = close_end;
        size_t before = an->toks[q->open_tok].start;
        size_t to_limit = 0;     /* where the one spoken to may be looked for */
        rule_id rule = RULE_NONE; /* the rule that proposes the record */
        /* the parts around a cue inside the marks */
        dixit_span inside[2] = {{0, 0}, {0, 0}};
        bool cue_inside = false;
        if (!q->recovered && (find_post(&cx, close_end, limit, before, &m, &sp, &g, &conf) ||
                              dash_name(&cx, close_end, limit, before, &m, &sp, &g, &conf))) {
            rule = m.cue >= 0 ? RULE_QUOTE_CUE_AFTER : RULE_QUOTE_DASH_NAME;
            cue_end = m.tok_last;
            to_limit = limit;
        } else if (!q->recovered && close_end == limit && an->toks[close_end - 1].sent + 1 < an->nsents &&
                   find_next_sentence(&cx, an->toks[close_end - 1].sent + 1, before, &m, &sp, &g, &conf)) {
            rule = RULE_QUOTE_NEXT_SENTENCE;
            cue_end = m.tok_last;
        } else if (find_pre(&cx, ss, q->open_tok, before, &m, &sp, &g, &conf)) {
            if (view_goes_on(an, &m, ss, q, limit))
                continue; /* reported.c reads the clause whole */
            rule = RULE_QUOTE_CUE_BEFORE;
            to_limit = q->open_tok;
        } else if (find_prev_para(&cx, q, before, &m, &sp, &g, &conf)) {
            rule = RULE_QUOTE_PREV_PARA;
        } else if (q->close_tok + 1 >= limit && find_prev_tail(&cx, q, before, &m, &sp, &g, &conf)) {
            rule = RULE_QUOTE_PREV_TAIL;
        } else if (find_inside(&cx, q, before, &m, &sp, &g, &conf, inside)) {
            rule = RULE_QUOTE_CUE_INSIDE;
            cue_inside = true;
        }
        found = rule != RULE_NONE;
        dixit_party to;
        memset(&to, 0, sizeof to);
        if (found && to_limit && m.cue >= 0 && !addressee(&cx, &m, &sp, to_limit, &to))
            return false;
        if (found) {
            if (m.cue >= 0) {
                cue_fill(an, &m, &cue);
            } else {
                cue.present = 1;
                cue.span.start = an->toks[m.tok_first].start;
                cue.span.end = an->toks[m.tok_last].end;
                cue.lemma = lex_plain_lemma(an->lx, an->lang);
                cue.act = act_name(ACT_STATEMENT);
            }
        } else if (an->paras[q->para_first].zone == ZONE_HEADLINE &&
                   ((q->open_tok > ss && tok_is_punct(an, q->open_tok - 1, ':') &&
                     q->close_tok + 1 >= an->paras[q->para_last].tok_end) ||
                    (q->open_tok == an->paras[q->para_first].tok_start && tok_is_punct(an, q->close_tok + 1, ':') &&
                     words_in(an, q) >= 3))) {
            /* "Glissement de terrain : « Tout s'est effondré »", "« Freiner
             * sans enfermer » : seize départements …" (not a term: "« Gilets
             * jaunes » : …"): a headline quotation with no one named (the
             * body may name the speaker, voices.c) */
            conf = 0.5;
            rule = RULE_QUOTE_HEADLINE;
        } else if (para_only_quote(an, q) && !title_like(an, q)) {
            /* floating: the voice of the previous attribution, when it is
             * near enough to carry */
            if (cx.have_last && q->para_first <= cx.last_para + 2) {
                sp = cx.last_speaker; /* its mention: where the voice was named */
                sp.resolved_by = DIXIT_BY_CONTEXT;
                g = cx.last_gender;
                conf = 0.6;
                rule = RULE_QUOTE_FLOATING_VOICE;
            } else {
                conf = 0.4;
                rule = RULE_QUOTE_FLOATING;
            }
        } else {
            continue;
        }
        if (sp.present && !sp.name && sp.mention.end == sp.mention.start)
            sp.present = 0; /* words that cannot speak stay as the mention */
        /* split quotation: « A », dit-il, « B » */
        uint32_t end = q->end;
        size_t n = found ? continuation(an, qi, cue_end) : SIZE_MAX;
        const quote *last = q;
        /* the parts of a split quotation: past PARTS_MAX, the last part
         * runs to the end */
        dixit_span parts[PARTS_MAX] = {{q->start, q->end}};
        size_t nparts = 1;
        if (cue_inside) {
            parts[0] = inside[0];
            if (inside[1].end > inside[1].start)
                parts[nparts++] = inside[1];
            else
                end = inside[0].end; /* "« A, dit-il. »": A alone */
        }
        while (n != SIZE_MAX) {
            last = &an->quotes[n];
            end = last->end;
            if (nparts < PARTS_MAX)
                parts[nparts++] = (dixit_span){last->start, last->end};
            else
                parts[PARTS_MAX - 1].end = last->end;
            qi = n;
            n = continuation(an, n, last->open_tok);
            /* after the first part, parts follow with nothing between */
            if (n != SIZE_MAX && an->quotes[n].open_tok > last->close_tok + 2)
                n = SIZE_MAX;
        }
        if (!emit(&cx, q, end, &cue, &sp, &to, g, conf, rule, parts, nparts))
            return false;
        /* the one relaying it, after the tail */
        dixit_attribution *at = &((dixit_attribution *)out->data)[out->len - 1];
        size_t te =
            sp.present && sp.mention.end > sp.mention.start ? tok_index_near(an, sp.mention.end, limit) : 0;
        if (rule == RULE_QUOTE_CUE_AFTER &&
            !relay_after_tail(&cx, te > m.tok_last ? te : m.tok_last + 1, limit, before, &at->source))
            at->source.present = 0;
        /* skip quotes nested in what was just emitted */
        while (qi + 1 < an->nquotes &&
               an->quotes[qi + 1].open_tok <
                   (last->recovered ? an->paras[last->para_last].tok_end : last->close_tok))
            qi++;
    }
    return !out->failed;
}
