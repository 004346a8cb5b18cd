/*
 * rules_tail.c: the tail family of reported speech: a cue after the
 * content names who said it ("C, a indiqué X", "C, X said", "» a reconnu
 * X"), or, when the clause before already has its speaker, who relayed it
 * (the source: "…, a rapporté le Kremlin").
 *
 * Reads a verb cue and the comma (or closing mark) before it; proposes
 * records of the rules "tail" (the clause before the comma),
 * "inner-tail" (an interjected tail, "During his years in office, Mr.
 * Obama said, C": the content follows) and "split-tail" ("The plan,
 * officials said, would cost …": two parts around the tail). tail_clause
 * and tail_party serve the other families too (a "C, selon X" tail, the
 * tail after a complement).
 */
#include "alloc.h"
#include "analysis.h"
#include "cues.h"
#include "lexicon.h"
#include "mentions.h"
#include "phrase.h"
#include "rules.h"
#include "segment.h"
#include "zones.h"

#include <string.h>

/* A tail after content: the speaker when the content has none, else the
 * relaying source of the attribution that ends there. */
bool tail_party(rctx *c, const cue_match *tm, const np *tp, size_t before, dixit_party *out)
{
    analysis *an = c->an;
    /* "…, a-t-on appris auprès de la gendarmerie" / "… de source
     * policière": who told, not "on" */
    if (lex_cue(an->lx, tm->cue)->classes & VC_LEARN) {
        size_t e = an->sents[an->toks[tm->tok_last].sent].tok_end;
        size_t k = np_skip_date(an, tm->tok_last + 1, e); /* "a-t-on appris lundi auprès de" */
        if (k < e && tok_class(an, k, WC_NEAR))
            k++;
        if (k < e && tok_class(an, k, WC_DE | WC_DU))
            k++;
        np who;
        if (k < e && np_forward(an, k, e, &who))
            return set_party(c, &who, before, out);
        memset(out, 0, sizeof *out);
        return true;
    }
    if (tm->inverted && tm->pron_gender >= 0) {
        uint8_t g;
        return mentions_resolve_inversion(c->an, c->mt, tm, before, out, &g);
    }
    return set_party(c, tp, before, out);
}

/* Do tokens [a, b) hold one noun phrase, or two joined by "et"/"and",
 * with their adjuncts ("Le gardien et son adjoint", "La saison des
 * ouragans dans l'Atlantique")? */
static bool noun_phrase_alone(const analysis *an, size_t a, size_t b)
{
    np p;
    if (!np_forward(an, a, b, &p))
        return false;
    size_t k = p.tok_last + 1;
    if (k < b && tok_class(an, k, WC_AND) && np_forward(an, k + 1, b, &p))
        k = p.tok_last + 1;
    return skip_adjuncts(an, k, b) == b;
}

/* The content before a tail at token `at` (a comma, or the cue itself):
 * a new attribution whose speaker the tail names, or, when the clause
 * before already has its speaker, that attribution's relaying source. */
bool tail_clause(rctx *c, size_t a, size_t e, size_t at, const cue_match *tm, const np *tp, size_t before,
                 size_t first_attr)
{
    analysis *an = c->an;
    dixit_party who;
    if (!tail_party(c, tm, tp, before, &who))
        return false;
    dixit_attribution *as = c->out->data;
    /* the clause's own record is among the last few */
    for (size_t i = c->out->len; i > first_attr && i + 16 > c->out->len; i--) {
        dixit_attribution *prev = &as[i - 1];
        /* "Clinton had told police that …, the source added": an English
         * speaker's tail after reported speech reports all of it; "…, the
         * Post reported" and "selon X" relay it */
        if (an->lang == LANG_EN && inverts_en(lex_cue(an->lx, tm->cue)) && prev->type == DIXIT_INDIRECT)
            break;
        if (prev->content.end <= an->toks[at].start && prev->content.end + 4 >= an->toks[at].start &&
            prev->speaker.present) {
            if (!prev->source.present &&
                strcmp(prev->speaker.name ? prev->speaker.name : "", who.name ? who.name : "") != 0)
                prev->source = who;
            return true;
        }
    }
    if (at <= a)
        return true;
    /* a clause holding reported speech of its own is still what the tail
     * reports ("Clinton had told police that …, but the NYPD overruled
     * that request, the source added"); one holding a quotation is not
     * (the quotation has its speaker) */
    size_t cs = clause_start(an, a, at);
    if (an->lang == LANG_FR && cs > a + 1 && is_comma(an, cs - 1) && tok_class(an, cs, WC_WHO | WC_WHOSE)) {
        /* a French relative clause before the tail hangs on the noun
         * before its comma: "Le dossier a été transmis au parquet, qui
         * décidera …, a précisé X" reports the whole clause (one with
         * quoted words reports them alone: "…, qui est une « initiative
         * africaine », a noté X", and one after a quotation is the
         * journalist's insertion); when that noun alone opens the
         * sentence ("Le gardien, qui a tout vu, prévient les pompiers")
         * it is the verb's subject, no tail */
        size_t held = clause_start(an, a, cs - 1);
        if (lex_cue(an->lx, tm->cue)->pos == LX_CUE_VERB && !tm->inverted && held == a &&
            noun_phrase_alone(an, held, cs - 1))
            return true;
        bool quoted = false;
        for (size_t j = held; j < at && !quoted; j++)
            quoted = an->toks[j].kind == TK_QUOTE;
        if (!quoted)
            cs = held;
    }
    for (size_t j = cs; j < at; j++)
        if (c->used[j] && (an->toks[j].depth > 0 || an->toks[j].kind == TK_QUOTE))
            return true;
    /* a headline's topic before its colon is no one's words: "« Gilets
     * jaunes » : un coup de pouce au Smic « détruit des emplois », selon
     * X" reports what follows the colon */
    if (an->paras[an->toks[at].para].zone == ZONE_HEADLINE)
        for (size_t j = at; j > cs + 1; j--)
            if (tok_is_punct(an, j - 1, ':') && an->toks[j - 1].depth == 0) {
                cs = j;
                break;
            }
    /* ", Graham told reporters.", ", a-t-il confié au Figaro": the one
     * spoken to, around the tail's verb */
    np to;
    bool after = tp && tp->tok_first > tm->tok_last && tp->tok_first <= tp->tok_last;
    bool have_to =
        tail_listener(an, tm, after ? tp->tok_first : SIZE_MAX, after ? tp->tok_last : SIZE_MAX, e, &to);
    return emit(c, cs, at, tm, &who, have_to ? &to : NULL, have_to, 0.8, RULE_TAIL, a, e);
}

/* "Appearing aware of X, Mrs. Clinton said on Saturday that …": a cue whose
 * que/that follows (past adjuncts, a time, a listener) takes that clause;
 * what stands before its subject is no content of a tail. */
static bool opens_complement(rctx *c, const cue_match *m, size_t e)
{
    np addr;
    bool have_addr = false, object = false, comma = false;
    size_t at;
    size_t cs = walk_to_content(c, m, e, &addr, &have_addr, &object, &at, &comma);
    /* "Valérie Pécresse dit, sur Twitter, prendre acte …": a French
     * infinitive after the adjuncts is the verb's content too */
    if (cs == WALK_ON)
        return c->an->lang == LANG_FR && at < e && infinitive_at(c->an, at);
    if (object || cs == 0 || !is_compl(c->an, cs - 1))
        return false;
    /* not past a comma (", alors que …") nor another cue ("en prévoyant
     * que"): that que belongs to something else */
    for (size_t j = m->tok_last + 1; j + 1 < cs; j++) {
        cue_match vm;
        if (is_comma(c->an, j) || (c->an->toks[j].kind == TK_WORD && cue_at(c->an, j, &vm)))
            return false;
    }
    return true;
}

/* The comma (or closing mark) that opens a tail whose cue starts at token
 * k: ", a indiqué X", ", X said", "» a reconnu X"; the comma may stand
 * inside the closing mark ('The country "has changed," McConnell said'),
 * or before a subject with an apposition or a coordination (", his top
 * aide, Tom Vail, told", ", teachers and union officials told"): up to
 * three commas back in 14 words. Fills the tail's cue and phrase;
 * SIZE_MAX when there is none. */
static size_t tail_comma(const analysis *an, size_t a, size_t e, size_t k, cue_match *tm, np *tp)
{
    int tries = 0;
    for (size_t j = k; j > a + 1 && j + 14 > k && tries < 3; j--) {
        size_t cm = j - 1;
        bool mark_after = an->toks[cm].qrole == QR_CLOSE && an->toks[cm].depth == 0;
        if (!is_comma(an, cm) && !(mark_after && (j == k || is_comma(an, cm - 1))))
            continue;
        tries++;
        if (cm > a && tail_at(an, cm, e, tm, tp) && tm->tok_first == k)
            return cm;
    }
    return SIZE_MAX;
}

/* "The plan, officials said, would cost $2 billion": a tail between a
 * subject and its verb splits the paraphrase; the content is the subject
 * and the rest of the clause, two parts around the tail (which is no
 * content). The subject is a noun phrase alone before the comma at
 * `comma`; the clause resumes at token `resume` with an auxiliary. */
static rule_out split_tail(rctx *c, const sent *st, size_t comma, size_t resume, const cue_match *tm,
                           const np *tp, size_t before, size_t *kp)
{
    analysis *an = c->an;
    size_t cs = clause_start(an, st->a, comma);
    np subj;
    /* "That, she explained, is by design": one word will do */
    bool one = cs + 1 == comma && an->toks[cs].kind == TK_WORD;
    cue_match rm;
    if (an->toks[resume].kind != TK_WORD || (an->toks[resume].flags & TF_CAP) || cue_at(an, resume, &rm) ||
        tok_class(an, resume, WC_WHO | WC_WHICH))
        return RULE_PASS;
    bool subject = tok_has(an, resume, LX_AUX) &&
                   (one || (np_forward(an, cs, comma, &subj) && subj.tok_last + 1 == comma));
    /* English also splits a whole clause: "Lenox was a juggernaut, Mr.
     * Clarke said, until it went bankrupt"; a French tail's comma opens the
     * journalist's words more often than not (", devant une commission",
     * ", alors que …", ", en rappelant que …") */
    if (!subject && an->lang != LANG_EN)
        return RULE_PASS;
    cue_match t2;
    np p2;
    size_t tail2, ce = clause_end(c, resume, st->e, &tail2, &t2, &p2);
    dixit_party who;
    if (!tail_party(c, tm, tp, before, &who))
        return RULE_FAIL;
    size_t had = c->out->len;
    if (!emit(c, cs, ce, tm, &who, NULL, false, 0.8, RULE_SPLIT_TAIL, st->a, st->e))
        return RULE_FAIL;
    if (c->out->len > had) {
        dixit_attribution *at = &((dixit_attribution *)c->out->data)[c->out->len - 1];
        dixit_span *parts = arena_alloc(an->ar, 2 * sizeof *parts);
        if (!parts)
            return RULE_FAIL;
        parts[0] = (dixit_span){at->content.start, an->toks[comma - 1].end};
        parts[1] = (dixit_span){an->toks[resume].start, at->content.end};
        at->parts = parts;
        at->nparts = 2;
    }
    *kp = ce > resume ? ce - 1 : resume;
    return RULE_TOOK;
}

/* "C, a indiqué X", "C, X said", "» a reconnu X": a tail closing the
 * content before it; "During his years in office, Mr. Obama said, C": an
 * interjected one, whose content follows. */
rule_out rule_tail(rctx *c, const sent *st, const cue_match *mp, size_t *kp)
{
    analysis *an = c->an;
    size_t a = st->a, e = st->e, k = *kp;
    size_t before = an->toks[k].start;
    size_t first_attr = st->first_attr;
    cue_match tm;
    np tp;
    size_t comma = tail_comma(an, a, e, mp->tok_first, &tm, &tp);
    if (comma != SIZE_MAX && (tm.inverted || !opens_complement(c, &tm, e))) {
        size_t past = tm.tok_last;
        if (!(tm.inverted && tm.pron_gender >= 0) && tp.tok_last > past)
            past = tp.tok_last > tp.mention_last ? tp.tok_last : tp.mention_last;
        /* "During his years in office, Mr. Obama said, a majority of
         * Americans …": an interjected tail; what follows is what was said */
        /* past the adjuncts after the tail: "Mr. Stumpf explained
         * earlier in the hearing, were …" */
        size_t after = skip_adjuncts(an, past + 1, e);
        while (after < e && adjunct_word(an, after))
            after++;
        np appo;
        bool apposition = after + 1 < e && np_forward(an, after + 1, e, &appo) &&
                          (appo.tok_last + 1 >= e || an->toks[appo.tok_last + 1].kind == TK_PUNCT);
        bool opener =
            an->lang == LANG_EN && (adjunct_prep(an, a) || tok_class_ci(an, a, WC_INTRO | WC_BUT | WC_AND));
        /* (", who notes that …" is a relative, no content) */
        if (opener && after + 2 < e && is_comma(an, after) && an->toks[after + 1].kind == TK_WORD &&
            !apposition && !tok_has(an, comma - 1, LX_STOP) && !tok_class(an, after + 1, WC_WHO | WC_WHICH)) {
            size_t tail2, ce2;
            cue_match tm2;
            np tp2;
            bool intro = true; /* the part before reads as an introduction */
            for (size_t j = a; j < comma && intro; j++) {
                cue_match vm;
                intro = !(an->toks[j].kind == TK_WORD && cue_at(an, j, &vm));
            }
            if (intro) {
                ce2 = clause_end(c, after + 1, e, &tail2, &tm2, &tp2);
                dixit_party who;
                if (!tail_party(c, &tm, &tp, before, &who))
                    return RULE_FAIL;
                if (!emit(c, after + 1, ce2, &tm, &who, NULL, false, 0.8, RULE_INNER_TAIL, a, e))
                    return RULE_FAIL;
                *kp = ce2 > k ? ce2 - 1 : k;
                return RULE_TOOK;
            }
        }
        if (!opener && after + 2 < e && is_comma(an, after)) {
            rule_out r = split_tail(c, st, comma, after + 1, &tm, &tp, before, kp);
            if (r != RULE_PASS)
                return r;
        }
        if (!tail_clause(c, a, e, comma, &tm, &tp, before, first_attr))
            return RULE_FAIL;
        /* skip past the tail's words */
        if (past > k)
            *kp = past;
        return RULE_TOOK;
    }
    return RULE_PASS;
}
