/*
 * reported.c: mixed and indirect speech, "who said that", with addressee,
 * relaying source and channel.
 *
 * Runs after attribute.c, on the sentences of body text, skipping the tokens
 * of direct quotations already attributed. Three shapes:
 *   before:  X a déclaré [mercredi] [à Y] que C / X said (that) C /
 *            X a appelé Y à C / X called on Y to C / X a réitéré son « … »
 *   after:   C, a indiqué X / C, X said / C, selon X / C, according to X
 *   around:  Selon X, C / According to X, C
 * and participles that continue the sentence's speaker (…, ajoutant que C;
 * tout en soulignant que C; adding that C). The content is the complement
 * clause: after que/that, up to the end of the sentence or to the tail that
 * names who said it. A tail that comes after a clause which already has its
 * speaker names the relaying source instead (…, a rapporté le Kremlin).
 * Content with quotation marks inside is mixed; without, indirect. The
 * shapes of words and phrases it reads (complementisers, adjuncts,
 * participles, the classes of a cue, clause edges, tails) are phrase.c's.
 */
#include "alloc.h"
#include "analysis.h"
#include "attribute.h"
#include "cues.h"
#include "lexicon.h"
#include "mentions.h"
#include "phrase.h"
#include "quotes.h"
#include "reported.h"
#include "segment.h"
#include "zones.h"

#include <string.h>

typedef struct rctx {
    analysis *an;
    mention_table *mt;
    vec *out;
    uint8_t *used;  /* per token: part of a direct attribution or its cue */
    size_t cue_cur; /* a place in an->cue_toks, for next_cue_tok */
} rctx;

/* Where content starting at a ends. Sets *tail to the comma of a tail that
 * names the speaker or source, else SIZE_MAX. */

static size_t clause_end(rctx *c, size_t a, size_t e, size_t *tail, cue_match *tm, np *tp)
{
    analysis *an = c->an;
    *tail = SIZE_MAX;
    if (e > a + CLAUSE_MAX)
        e = a + CLAUSE_MAX; /* see clause_start */
    for (size_t k = a; k < e; k++) {
        if (c->used[k])
            return k;
        if (an->toks[k].depth > 0)
            continue;
        if (tok_is_punct(an, k, ';'))
            return k;
        if (k > a && new_speech(an, k, e))
            return k;
        if (is_comma(an, k)) {
            if (tail_at(an, k, e, tm, tp)) {
                *tail = k;
                return k;
            }
            if (participle_after(an, k, e))
                return k;
        }
    }
    /* leave the final punctuation out (trim keeps a unit such as "%") */
    size_t b = a;
    trim(an, &b, &e);
    return e;
}

/* A new record for the content tokens [ca, cb): mixed when quoted words
 * are inside, indirect otherwise. NULL when memory runs out. */
static dixit_attribution *new_record(rctx *c, size_t ca, size_t cb)
{
    const analysis *an = c->an;
    dixit_attribution *at = vec_push(c->out);
    if (!at)
        return NULL;
    at->type = has_quote(an, ca, cb) ? DIXIT_MIXED : DIXIT_INDIRECT;
    at->content.start = an->toks[ca].start;
    at->content.end = an->toks[cb - 1].end;
    return at;
}

static bool set_party(rctx *c, const np *p, size_t before, dixit_party *out)
{
    return mentions_resolve(c->an, c->mt, p, before, out);
}

/* The channel named in the sentence outside the content: a platform
 * first ("sur le réseau social Twitter"), else a document or event ("dans
 * un communiqué", "in an interview"). */
static void find_channel(rctx *c, size_t a, size_t e, size_t ca, size_t cb, dixit_party *out)
{
    analysis *an = c->an;
    size_t best = SIZE_MAX, best_last = 0;
    bool best_platform = false;
    /* a channel stands near its content: looking at most CHANNEL_REACH
     * tokens either side keeps a sentence of 100,000 quotations linear */
    enum { CHANNEL_REACH = 60 };
    if (ca > a + CHANNEL_REACH)
        a = ca - CHANNEL_REACH;
    if (cb + CHANNEL_REACH < e)
        e = cb + CHANNEL_REACH;
    for (size_t k = a; k < e; k++) {
        if (k >= ca && k < cb) {
            k = cb - 1; /* over the content */
            continue;
        }
        /* neither a channel nor the head of a longer key: most words,
         * turned down by the token alone */
        if (!tok_has(an, k, LX_CHANNEL | TH_MW_HEAD))
            continue;
        const lex_entry *head = tok_lex(an, k);
        /* keys of several words only after a word that may head one */
        bool several = (head->flags & LX_MW_HEAD) && may_head_key(an, k, LX_MW_CHANNEL_HEAD);
        for (size_t n = several ? 3 : 1; n >= 1; n--) {
            const lex_entry *le = head;
            if (n > 1) {
                char key[96];
                size_t o = 0;
                bool ok = true;
                for (size_t j = k; j < k + n; j++) {
                    if (j >= e || an->toks[j].kind != TK_WORD) {
                        ok = false;
                        break;
                    }
                    if (j > k)
                        key[o++] = ' ';
                    size_t w = tok_lower(an, j, key + o, sizeof key - o - 1);
                    if (!w) {
                        ok = false;
                        break;
                    }
                    o += w;
                }
                if (!ok)
                    continue;
                le = lex_get_lower(an->lx, key, o);
            }
            if (!lex_has(le, an->lang, LX_CHANNEL))
                continue;
            bool platform = lex_has(le, an->lang, LX_PLATFORM);
            /* platforms are names: "Twitter", not "twitter" the verb */
            if (platform && !(an->toks[k].flags & TF_CAP))
                continue;
            if (best == SIZE_MAX || (platform && !best_platform)) {
                best = k;
                best_last = k + n - 1;
                best_platform = platform;
            }
            break;
        }
    }
    if (best == SIZE_MAX)
        return;
    out->present = 1;
    out->mention.start = an->toks[best].start;
    out->mention.end = an->toks[best_last].end;
    out->name = arena_strndup(an->ar, an->text + out->mention.start, out->mention.end - out->mention.start);
    out->kind = DIXIT_KIND_ORGANIZATION;
    out->entity = -1;
    out->resolved_by = DIXIT_BY_NONE;
    if (!out->name)
        out->present = 0;
}

/* Can this party report a finding: a document, poll or institution, or
 * a description that is not a person's role ("the analysis")? */
/* The last word of a party's mention, before a relative pronoun that
 * ends it ("a state audit that"). */
static const lex_entry *mention_head(const analysis *an, const dixit_party *sp)
{
    if (sp->mention.end <= sp->mention.start)
        return NULL;
    size_t h = tok_index(an, sp->mention.end) - 1;
    if (h > 0 && (tok_is(an, h, "that") || tok_class(an, h, WC_WHO | WC_WHICH)))
        h -= is_comma(an, h - 1) && h > 1 ? 2 : 1;
    return tok_lex(an, h);
}

/* Is the party headed by a document or an institution noun ("the poll",
 * "a state audit")? */
static bool org_head(const analysis *an, const dixit_party *sp)
{
    return lex_has(mention_head(an, sp), an->lang, LX_ORG);
}

static bool finder(const analysis *an, const dixit_party *sp)
{
    const lex_entry *head = mention_head(an, sp);
    if (org_head(an, sp))
        return true; /* "the Reuters/Ipsos poll" */
    if (sp->kind == DIXIT_KIND_GROUP)
        return false;
    if (sp->kind != DIXIT_KIND_PERSON)
        return true;
    return sp->resolved_by == DIXIT_BY_DESCRIPTION &&
           !lex_has(head, an->lang, LX_ROLE);
}

/* The document heading the subject of a finding verb at token f, over a
 * participle, a relative clause or a prepositional phrase that describes
 * it: the nearest document or institution noun within 12 words before the
 * verb, in the same clause. */
static bool finding_subject(rctx *c, size_t f, size_t a, size_t before, dixit_party *sp)
{
    analysis *an = c->an;
    size_t lo = f > a + 12 ? f - 12 : a;
    for (size_t j = f; j > lo; j--) {
        size_t i = j - 1;
        cue_match m;
        /* "a poll released Friday" passes, "the study, he said," stops */
        if (an->toks[i].kind != TK_WORD || an->toks[i].depth > 0 ||
            (cue_at(an, i, &m) && inverts_en(lex_cue(an->lx, m.cue))))
            return false;
        if (!tok_has(an, i, LX_ORG) || i + 1 == f)
            continue;
        np p;
        return np_backward(an, i, a, &p) && p.tok_last == i && set_party(c, &p, before, sp);
    }
    return false;
}

/* "…, as police have said.", "C1, as X pointed out, C2", "As X noted, C":
 * an English verb of saying in an "as" clause reports the clause around
 * it. Fills the speaker and the content [*ca, *cb). */
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
        if (tok_is_ci(an, j - 1, "as")) {
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
    if (f < a + 2 || !(tok_is_ci(an, f - 2, "comme") || ainsi) ||
        !(tok_is_ci(an, f - 1, "le") || tok_is_ci(an, f - 1, "l'") || tok_is_ci(an, f - 1, "l\xe2\x80\x99")))
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
         * he has proposed nothing" reports "he benefits" */
        *ca = after + 1;
        size_t z = *ca;
        while (z < e && !(an->toks[z].kind == TK_PUNCT && an->toks[z].depth == 0 &&
                          (as == a ? !is_comma(an, z) : true)))
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

/* "which he said were at his side", "what the senators said was …": an
 * English saying verb whose subject follows
 * "which" or "what" and whose complement is the rest of the relative
 * clause. Fills the subject and where the clause ends. */
static bool relative_speech(rctx *c, const cue_match *m, size_t a, size_t e, np *subj, size_t *end)
{
    analysis *an = c->an;
    const cue_info *ci = lex_cue(an->lx, m->cue);
    if (an->lang != LANG_EN || m->inverted || !(inverts_en(ci) || strcmp(ci->lemma, "claim") == 0))
        return false;
    size_t f = m->tok_first;
    while (f > a && an->toks[f - 1].kind == TK_WORD && tok_has(an, f - 1, LX_AUX))
        f--;
    size_t w = SIZE_MAX;
    for (size_t j = f; j > a && j + 6 > f; j--) {
        if (an->toks[j - 1].kind != TK_WORD)
            break;
        if (tok_is_ci(an, j - 1, "which") || tok_is_ci(an, j - 1, "what")) {
            w = j - 1;
            break;
        }
    }
    /* "in which he said …" takes a complement the usual way */
    if (w == SIZE_MAX || w + 1 >= f ||
        (tok_is_ci(an, w, "which") && w > a &&
         (tok_has(an, w - 1, LX_PREP | LX_LINKER) || tok_is(an, w - 1, "to"))))
        return false;
    if (!np_forward(an, w + 1, f, subj) || subj->tok_last + 1 != f)
        return false;
    size_t k = m->tok_last + 1;
    if (k >= e || tok_is(an, k, "that") || (an->toks[k].kind != TK_WORD && an->toks[k].qrole != QR_OPEN))
        return false;
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

/* A French pronoun of the one spoken to, before the verb: "lui", "leur",
 * "me", "nous", "vous" ("leur a dit", "nous a confié"). */
static bool french_clitic(const analysis *an, size_t k)
{
    if (an->lang != LANG_FR || k + 1 >= an->ntoks || !tok_has(an, k + 1, LX_AUX | LX_CUE_VERB))
        return false;
    /* "t'" as written, not "t\xe2\x80\x99" (the class would take it) */
    return tok_class_ci(an, k, WC_CLITIC) || tok_is_ci(an, k, "t'");
}

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

/* What walk_to_content says when the content is still to be found at
 * the token it stopped on. */
#define WALK_ON (SIZE_MAX - 1)

/* From the verb on, past the words that stand before its content: time
 * phrases, adjuncts, "par ailleurs", a place in commas, a listener ("à son
 * homologue", "told reporters"), a channel ("dans un communiqué"). Returns
 * where the content starts when these decide it (after que/that, at an
 * "about"), else WALK_ON with *at the first word they leave and *comma
 * whether a comma was crossed. */
static size_t walk_to_content(rctx *c, const cue_match *m, size_t e, np *addr, bool *have_addr, bool *object,
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
        /* ", par ailleurs," between the verb and its object */
        if (is_comma(an, k) && k + 1 < e && adverbial_at(an, k + 1) > 0 &&
            is_comma(an, k + 1 + adverbial_at(an, k + 1))) {
            k += 2 + adverbial_at(an, k + 1);
            continue;
        }
        if (is_comma(an, k) || adjunct_word(an, k)) {
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
            while (k + 1 < e &&
                   (tok_is(an, k, "avec") || tok_is(an, k, "pour") || tok_is(an, k, "sur") ||
                    tok_is(an, k, "entre") || tok_is(an, k, "chez")) &&
                   np_forward(an, k + 1, e, &tmp))
                k = tmp.tok_last + 1;
            continue;
        }
        /* "à son homologue Emmanuel Macron", "told reporters", "a appelé
         * Poutine à" */
        if (!*have_addr && tok_class(an, k, WC_A | WC_AU) && np_forward(an, k + 1, e, addr) &&
            !addr->pronoun && !(ci->act == ACT_APPEAL && !listener(an, addr))) {
            *have_addr = true;
            k = addr->tok_last + 1;
            continue;
        }
        /* "yelling to the officers that …": English "to" and a listener
         * before "that" */
        if (!*have_addr && an->lang == LANG_EN && tok_is(an, k, "to") && np_forward(an, k + 1, e, addr) &&
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
        if (an->lang == LANG_EN && tok_is(an, k, "about") && k + 1 < e && an->toks[k + 1].kind == TK_NUM &&
            (inverts_en(ci) || takes_addressee(ci)) && !comma)
            return k;
        if (an->lang == LANG_EN && tok_is(an, k, "about") && !comma && k + 1 < e &&
            an->toks[k + 1].kind != TK_NUM &&
            !(m->tok_first > 0 && tok_has(an, m->tok_first - 1, LX_DET)) && /* "his claims about" */
            (an->toks[k + 1].kind == TK_WORD || an->toks[k + 1].qrole == QR_OPEN)) {
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
    if (tok_is(an, k, "to") && k + 1 < e && an->toks[k + 1].kind == TK_WORD &&
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
    /* "endorsed her deputy", "criticized Trump": a person is the target,
     * not what was said; "blasted Clinton as a “disgrace”", "accused him
     * of lying" say something of the person */
    if (person && (tok_is(an, obj.tok_last + 1, "as") || tok_is(an, obj.tok_last + 1, "for") ||
                   tok_is(an, obj.tok_last + 1, "of") || tok_is(an, obj.tok_last + 1, "to")))
        person = false;
    /* "accused the senator of sexism": the phrase took the "of" in */
    for (size_t j = obj.tok_first + 1; person && j <= obj.tok_last; j++)
        if (tok_is(an, j, "of") || tok_is(an, j, "for"))
            person = false;
    /* "endorsed Trump", "attacked Machado": in English news the person
     * praised or attacked is what the act says (PolNeAR annotates it) */
    if (person && an->lang == LANG_EN &&
        (ci->act == ACT_CRITICISM || ci->act == ACT_AGREEMENT))
        person = false;
    /* "described Trump's approach": a possessive is not the person */
    if (person && obj.has_name) {
        const char *nt = tok_text(an, obj.name_last);
        size_t nl = tok_len(an, obj.name_last);
        if ((nl > 2 && memcmp(nt + nl - 2, "'s", 2) == 0) ||
            (nl > 4 && memcmp(nt + nl - 4, "\xe2\x80\x99s", 4) == 0) || obj.name_last < obj.tok_last)
            person = false;
    }
    /* "cited improving mental health services" */
    size_t tl = tok_len(an, k);
    if (object_verb(ci) && tl > 4 && memcmp(tok_text(an, k) + tl - 3, "ing", 3) == 0 &&
        !(an->toks[k].flags & TF_CAP)) {
        *object = true;
        return k;
    }
    /* "blasted him for not paying", "accused her of lying" */
    size_t po = object_pronoun(an, k) ? k + 1 : obj.tok_last + 1; /* "him" ends no phrase */
    if (speech_object && (obj.pronoun || object_pronoun(an, k)) &&
        (tok_is(an, po, "for") || tok_is(an, po, "of") || tok_is(an, po, "as")))
        return k;
    bool blame = ci->act == ACT_CRITICISM || ci->act == ACT_ACCUSATION ||
                 ci->act == ACT_DENIAL;
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
        ((lex_has(le, an->lang, LX_DET) && !tok_is(an, k, "that")) || an->toks[k].kind == TK_NUM ||
         ((an->toks[k].flags & TF_CAP) && !lex_has(le, an->lang, LX_PRONOUN)))) {
        *object = true;
        return k;
    }
    return SIZE_MAX;
}

/* After a verb: adjuncts, an addressee, a channel; returns where the
 * complement starts (after que/that/à/to) or SIZE_MAX. */
static size_t first_comma(const analysis *an, size_t cs, size_t ce);

/* "added a goal in the second half", "added two points.": after a verb that
 * reports clauses only (class clause), a phrase that ends the sentence or
 * meets an adjunct is its object, a thing, not a clause it reports
 * ("added the plan was dead"). The phrase starts at token k. */
static bool bare_object(const analysis *an, const cue_info *ci, size_t k, size_t e)
{
    np p;
    if (an->lang != LANG_EN || !(ci->classes & VC_CLAUSE) || tok_has(an, k, LX_PRONOUN) ||
        !np_forward(an, k, e, &p))
        return false;
    size_t v = p.tok_last + 1;
    if (v >= e)
        return true;
    if (an->toks[v].kind == TK_PUNCT)
        return !is_comma(an, v) && an->toks[v].qrole == QR_NONE;
    return an->toks[v].kind == TK_WORD && adjunct_prep(an, v);
}

static size_t complement(rctx *c, const cue_match *m, size_t e, np *addr, bool *have_addr, bool *object)
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
    if (an->lang == LANG_FR && ci->act == ACT_APPEAL && tok_class(an, k, WC_A | WC_AU) &&
        k + 1 < e && an->toks[k + 1].kind == TK_WORD && !(an->toks[k + 1].flags & TF_CAP) &&
        !infinitive_at(an, k + 1)) {
        *object = true;
        return k;
    }
    /* appeals: "à prendre", "to take", never "appeal to voters" */
    if ((ci->act == ACT_APPEAL || takes_addressee(ci)) &&
        (tok_is(an, k, "à") || tok_is(an, k, "to") || tok_is(an, k, "de") || tok_is(an, k, "d'")) &&
        k + 1 < e &&
        (an->toks[k + 1].qrole == QR_OPEN ||
         (an->toks[k + 1].kind == TK_WORD && !(an->toks[k + 1].flags & TF_CAP) &&
          !tok_has(an, k + 1, LX_DET))))
        return k + 1;
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
     * would raise taxes" (their subject is checked to be a document) */
    bool bare = an->lang != LANG_FR && (inverts_en(ci) || takes_addressee(ci) || finding(ci)) &&
                strcmp(ci->lemma, "call") != 0;
    if (bare && an->toks[k].qrole == QR_OPEN)
        return k; /* he said "budget reforms" would pay for it */
    /* "is describing as “unhinged” a tweet", "characterized Kaine as
     * “desperate”": what the thing was said to be */
    if (an->lang == LANG_EN && (ci->classes & VC_AS) && an->toks[k].kind == TK_WORD) {
        if (tok_is(an, k, "as"))
            return k;
        for (size_t j = k + 1; j < e && j < k + 14; j++) {
            if (tok_is(an, j, "as") && j + 1 < e)
                return k;
            if (an->toks[j].kind == TK_PUNCT && !is_comma(an, j))
                break;
        }
    }
    /* "called Clinton a “champion”": naming with quoted words; "called
     * the charges unsubstantiated", "called Oz a quack": naming */
    if (strcmp(ci->lemma, "call") == 0) {
        size_t lim = k + 8 < e ? k + 8 : e;
        return an->toks[k].kind == TK_WORD && (has_quote(an, k, lim) || naming(an, k, e)) ? k : SIZE_MAX;
    }
    /* "asserted she could", "warned they would": a subject pronoun opens a
     * clause after any verb of saying */
    if (an->lang != LANG_FR && an->toks[k].kind == TK_WORD && tok_has(an, k, LX_PRONOUN) &&
        !object_verb(ci) && strcmp(ci->lemma, "call") != 0 && !tok_is_ci(an, k, "it") && k + 1 < e &&
        an->toks[k + 1].kind == TK_WORD)
        return k;
    /* "said 31,000 of them could be lost", "found 90 percent support …":
     * a clause may open with a number (a date after the verb is an
     * adjunct, which walk_to_content has passed) */
    if (bare && an->toks[k].kind == TK_NUM && k + 1 < e && an->toks[k + 1].kind != TK_PUNCT)
        return k;
    /* "said while the plan was sound, it came too late": a subordinate
     * clause, then its comma and the main clause, all of it said */
    if (bare && tok_class(an, k, WC_SUBORD) && first_comma(an, k + 1, e) + 2 < e)
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
     * inquiétude »" */
    if (an->toks[k].kind == TK_WORD && tok_has(an, k, LX_DET) && k + 1 < e &&
        has_quote(an, k, k + 4 < e ? k + 4 : e)) {
        *object = true;
        return k;
    }
    return SIZE_MAX;
}

/* The subject of the sentence that starts at a, past an introductory
 * phrase ("Dès novembre, le gouvernement …", "Invité de RTL, Laurent
 * Nunez …"): a name, a pronoun, or an institution. */
static bool subject_np(const analysis *an, size_t a, size_t limit, np *p)
{
    /* English: the sentence's first phrase when no comma or date follows
     * it ("Democratic nominee Hillary Clinton chimed in, saying …", "His
     * ex-wife agreed, but also contended …") */
    if (an->lang != LANG_FR && np_forward(an, a, limit, p) && p->tok_last + 1 < limit &&
        !is_comma(an, p->tok_last + 1) && !tok_has(an, p->tok_last + 1, LX_TIME) &&
        (p->pronoun || p->has_name || p->kind != DIXIT_KIND_PERSON || is_det_word(an, a)))
        return true;
    /* else past an introduction ("Dès novembre, le gouvernement …",
     * "Invité de RTL, Laurent Nunez …") unless the sentence opens with a
     * name, a pronoun or a determiner */
    const lex_entry *e = tok_lex(an, a);
    bool named = e && ((e->flags & LX_FIRSTNAME) || lex_has(e, an->lang, LX_DET) ||
                       lex_has(e, an->lang, LX_PRONOUN) || lex_has(e, an->lang, LX_HONORIFIC));
    size_t k = a;
    if (!named)
        for (size_t j = a; j < limit && j < a + INTRO_MAX; j++)
            if (is_comma(an, j)) {
                k = j + 1;
                break;
            }
    /* "Le président a parlé en soulignant que …": a role with its
     * determiner is a subject too */
    if (!np_forward(an, k, limit, p))
        return false;
    if (p->pronoun || p->has_name || p->kind != DIXIT_KIND_PERSON)
        return true;
    if (is_det_word(an, k))
        for (size_t j = p->tok_first; j <= p->tok_last; j++)
            if (tok_has(an, j, LX_ROLE))
                return true; /* "Le président américain" */
    return false;
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
                    k = j;
                break;
            }
    for (;;) {
        if (k > a + 1 && (adjunct_prep(an, k - 2) || is_det_word(an, k - 2)) && tok_has(an, k - 1, LX_TIME))
            k -= 2; /* "Sanders on Tuesday said", "Trump this week said" */
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

/* The subject that ends before token k, the speaker of the verb cue m
 * (sentence start a): the phrase found backward, or the one that opens
 * the sentence when that is weak and a comma closes an apposition. */
static bool subject_before(rctx *c, const cue_match *m, size_t a, size_t k, size_t before, dixit_party *sp)
{
    analysis *an = c->an;
    size_t f = m->tok_first;
    np p, q, p0;
    bool back = k > a && np_backward(an, k - 1, a, &p);
    /* "Deux études israéliennes et une étude britannique … ont suggéré" */
    if (back && !p.has_name && !p.pronoun && p.tok_first > a + 1 && tok_class(an, p.tok_first - 1, WC_AND) &&
        np_backward(an, p.tok_first - 2, a, &p0) && !p0.has_name && !p0.pronoun)
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
                      (adjunct_prep(an, p.tok_first - 1) || tok_has(an, p.tok_first - 1, LX_LINKER) ||
                       tok_class(an, p.tok_first - 1, WC_A | WC_AU) || tok_is(an, p.tok_first - 1, "in") ||
                       tok_is(an, p.tok_first - 1, "at"));
    bool weak_back = !back || after_prep || (!p.has_name && !p.pronoun && p.kind == DIXIT_KIND_PERSON) ||
                     (!appo_name && !p.pronoun && !strong_name(an, &p));
    bool front = weak_back && k > a && is_comma(an, k - 1) && !cue_at(an, a, &m0) && np_forward(an, a, k, &q);
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
    if (front && is_comma(an, q.tok_last + 1) && (q.has_name || q.kind != DIXIT_KIND_PERSON || after_prep))
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

/* The speaker of a verb cue standing before its complement. */
static bool speaker_before(rctx *c, const cue_match *m, size_t a, size_t before, dixit_party *sp,
                           size_t sent_attrs)
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
    bool infinitive = fa > a && tok_is(an, fa - 1, "to");
    /* "isn't saying", "is demanding": a progressive is a finite verb */
    bool participle = cue_participle(an, m) && m->tok_first == m->tok_last;
    if (participle || coordinated || infinitive) {
        /* "…, ajoutant que", "and said": the sentence's speaker, that is the
         * attribution before it in the sentence, else its subject */
        dixit_attribution *as = c->out->data;
        size_t lo = c->out->len > 64 ? c->out->len - 64 : 0;
        for (size_t i = c->out->len; i > lo; i--) {
            /* not "according to X": X is no subject ("The family watched
             * it, according to their lawyers, and said …") */
            cue_match pm;
            if (as[i - 1].content.end <= as[i - 1].cue.span.start &&
                as[i - 1].cue.span.start >= an->toks[a].start &&
                cue_at(an, tok_index(an, as[i - 1].cue.span.start), &pm) &&
                lex_cue(an->lx, pm.cue)->pos == LX_CUE_PREP)
                continue;
            if (as[i - 1].speaker.present && as[i - 1].cue.span.start < an->toks[f].start &&
                as[i - 1].cue.span.start >= an->toks[a].start) {
                *sp = as[i - 1].speaker;
                sp->resolved_by = sp->name ? DIXIT_BY_CONTEXT : DIXIT_BY_NONE; /* no one named: none to carry */
                return true;
            }
        }
        np p;
        if (subject_np(an, a, f, &p))
            return set_party(c, &p, before, sp);
        if (!coordinated && !infinitive)
            return false;
    }
    /* "X, qui a déclaré", "X, who said", "le quotidien qui avance" */
    size_t k = f;
    cue_match rm;
    bool rel_that = k > a + 1 && tok_is(an, k - 1, "that") && an->toks[k - 2].kind == TK_WORD &&
                    !cue_at(an, k - 2, &rm) && !tok_has(an, k - 2, LX_STOP | LX_AUX);
    if (k > a &&
        (tok_class(an, k - 1, WC_WHO | WC_WHICH) || rel_that || tok_class_ci(an, k - 1, WC_WHO_IS)) &&
        k - 1 > a) {
        np p;
        /* "Hillary Clinton — who’s called for …": a dash like a comma */
        size_t end = is_comma(an, k - 2) ? k - 3 : k - 2;
        if (end + 1 > a && np_backward(an, end, a, &p)) {
            if (!set_party(c, &p, before, sp))
                return false;
            /* the mention runs to the relative pronoun, the verb's own
             * subject: "an architect who", "Laura Chen, qui" */
            if (sp->mention.end < an->toks[k - 1].end)
                sp->mention.end = an->toks[k - 1].end;
            return true;
        }
        return false;
    }
    k = subject_end(an, a, k);
    return subject_before(c, m, a, k, before, sp);
}

static bool emit(rctx *c, size_t ca, size_t cb, const cue_match *m, const dixit_party *sp, const np *addr,
                 bool have_addr, double conf, const char *rule, size_t sa, size_t se)
{
    analysis *an = c->an;
    trim(an, &ca, &cb);
    cb = channel_tail(an, ca, cb);
    if (cb <= ca)
        return true; /* nothing worth a record */
    dixit_attribution *at = new_record(c, ca, cb);
    if (!at)
        return false;
    /* "a souligné que « … »": all of it quoted is a direct quotation */
    const quote *q = whole_quote(an, ca, cb);
    if (q) {
        at->type = DIXIT_DIRECT;
        at->content.start = q->start;
        at->content.end = q->end;
    }
    cue_fill(an, m, &at->cue);
    at->speaker = *sp;
    if (sp->present && sp->kind == DIXIT_KIND_PERSON && sp->resolved_by && sp->resolved_by != DIXIT_BY_DESCRIPTION) {
        at->speaker.entity = mentions_assign_entity(c->mt, sp->name);
        mentions_note_speaker(an, c->mt, sp, G_UNKNOWN);
    }
    if (have_addr && !set_party(c, addr, an->toks[addr->tok_first].start, &at->addressee))
        return false;
    find_channel(c, sa, se, ca, cb, &at->channel);
    at->confidence = conf;
    at->rule = rule;
    at->addressee.entity = at->addressee.present ? at->addressee.entity : -1;
    return true;
}

/* A tail after content: the speaker when the content has none, else the
 * relaying source of the attribution that ends there. */
static bool tail_party(rctx *c, const cue_match *tm, const np *tp, size_t before, dixit_party *out)
{
    analysis *an = c->an;
    /* "…, a-t-on appris auprès de la gendarmerie" / "… de source
     * policière": who told, not "on" */
    if (strcmp(lex_cue(an->lx, tm->cue)->lemma, "apprendre") == 0) {
        size_t e = an->sents[an->toks[tm->tok_last].sent].tok_end;
        size_t k = np_skip_date(an, tm->tok_last + 1, e); /* "a-t-on appris lundi auprès de" */
        if (k < e && tok_is(an, k, "auprès"))
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

/* Marks the tokens from token k (the first that ends after a start byte)
 * to byte end used; with marks, the quotation marks just outside too. */
static void mark(rctx *c, size_t k, size_t end, bool marks)
{
    const analysis *an = c->an;
    if (marks && k > 0 && an->toks[k - 1].kind == TK_QUOTE)
        c->used[k - 1] = 1;
    for (; k < an->ntoks && an->toks[k].start < end; k++)
        c->used[k] = 1;
    if (marks && k < an->ntoks && an->toks[k].kind == TK_QUOTE)
        c->used[k] = 1;
}

/* The content before a tail at token `at` (a comma, or the cue itself):
 * a new attribution whose speaker the tail names, or, when the clause
 * before already has its speaker, that attribution's relaying source. */
static bool tail_clause(rctx *c, size_t a, size_t e, size_t at, const cue_match *tm, const np *tp,
                        size_t before, size_t first_attr)
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
    for (size_t j = cs; j < at; j++)
        if (c->used[j] && (an->toks[j].depth > 0 || an->toks[j].kind == TK_QUOTE))
            return true;
    /* ", Graham told reporters.", ", a-t-il confié au Figaro": the one
     * spoken to, around the tail's verb */
    np to;
    bool after = tp && tp->tok_first > tm->tok_last && tp->tok_first <= tp->tok_last;
    bool have_to =
        tail_listener(an, tm, after ? tp->tok_first : SIZE_MAX, after ? tp->tok_last : SIZE_MAX, e, &to);
    return emit(c, cs, at, tm, &who, have_to ? &to : NULL, have_to, 0.8, "tail", a, e);
}

/* What a rule did at a cue: nothing (the next rule may try), took the cue
 * (a record made or the cue known to make none; the loop moves on from
 * *k), or ran out of memory. */
typedef enum { RULE_PASS, RULE_TOOK, RULE_FAIL } rule_out;

/* The sentence a rule reads: tokens [a, e), its records from first_attr. */
typedef struct sent {
    size_t a, e, first_attr;
} sent;

/* "selon X, C", "C, according to X", "X, selon qui « … »": a cue that is
 * a preposition names its speaker after it. Every such cue is taken here,
 * whether or not it makes a record. */
static rule_out rule_according_to(rctx *c, const sent *st, const cue_match *mp, size_t *kp)
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
    np p;
    size_t rq = m.tok_last + 1;
    if (rq + 1 < e && tok_class(an, rq, WC_WHOM) && k > a &&
        np_backward(an, k - 1 - (is_comma(an, k - 1) ? 1 : 0), a, &p)) {
        cue_match tm;
        np tp;
        size_t tail;
        size_t ce = clause_end(c, rq + 1, e, &tail, &tm, &tp);
        /* a quotation after "qui" ends at its closing mark */
        if (an->toks[rq + 1].qrole == QR_OPEN)
            for (size_t j = rq + 2; j < ce; j++)
                if (an->toks[j].qrole == QR_CLOSE && an->toks[j].depth == an->toks[rq + 1].depth) {
                    ce = j + 1;
                    break;
                }
        if (!set_party(c, &p, before, &sp))
            return RULE_FAIL;
        if (!emit(c, rq + 1, ce, &m, &sp, NULL, false, 0.8, "qui-quotation", a, e))
            return RULE_FAIL;
        *kp = ce > k ? ce - 1 : k;
        return RULE_TOOK;
    }
    /* "Selon X, C" at the start of the sentence (or of its clause);
     * "selon lui" may go without its comma */
    /* after an introduction ("In a statement, according to …"), not
     * after a subject and its verb ("The family watched the videos
     * on Thursday, according to …") */
    /* "Mais selon X, C", "D'ailleurs selon lui": connectives or adverbs
     * before it, or "selon lui" anywhere ("Il s'agit selon lui de …");
     * "Elle s'inquiète pour ses parents" opens nothing */
    bool lead = k > a && k <= a + 3 && an->toks[a].kind == TK_WORD && an->toks[k - 1].kind != TK_PUNCT;
    bool tonic = tok_class(an, m.tok_last + 1, WC_TONIC);
    for (size_t j = a; j < k && lead && !tonic;) {
        size_t ph = adverbial_at(an, j);
        lead = ph || tok_class_ci(an, j, WC_AND | WC_BUT) || adjunct_word(an, j) || ly_adverb(an, j);
        j += ph ? ph : 1;
    }
    bool opening =
        k == a || (k > a && is_comma(an, k - 1) && k <= a + INTRO_MAX + 1 && !tok_has(an, a, LX_DET)) || lead;
    bool have = np_forward(an, m.tok_last + 1, e, &p);
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
    size_t src_end = p.tok_last + 1;
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
         * …" is left to that verb, which takes this as its source */
        bool inner = false;
        for (size_t j = cs; j < ce && j < cs + 8 && !inner; j++) {
            cue_match im;
            inner = cue_at(an, j, &im) && lex_cue(an->lx, im.cue)->pos == LX_CUE_VERB &&
                    !cue_participle(an, &im) && !bare_past_participle(an, &im) && !cue_passive(an, &im);
        }
        if (inner)
            return RULE_TOOK;
        if (!set_party(c, &p, before, &sp))
            return RULE_FAIL;
        if (!emit(c, cs, ce, &m, &sp, NULL, false, 0.85, "according-to", a, e))
            return RULE_FAIL;
        *kp = ce > k ? ce - 1 : k;
        return RULE_TOOK;
    }
    /* "C, selon X." / "C d'après le Quai.": a tail, which ends the
     * sentence ("pour" and "per" only open one) */
    if (!have || k == a || strcmp(ci->lemma, "pour") == 0 || strcmp(ci->lemma, "per") == 0)
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

/* A rule that reads a verb cue at token *k of a sentence. */
typedef rule_out (*cue_rule)(rctx *c, const sent *st, const cue_match *m, size_t *k);

/* "Appearing aware of X, Mrs. Clinton said on Saturday that …": a cue whose
 * que/that follows (past adjuncts, a time, a listener) takes that clause;
 * what stands before its subject is no content of a tail. */
static bool opens_complement(rctx *c, const cue_match *m, size_t e)
{
    np addr;
    bool have_addr = false, object = false, comma = false;
    size_t at;
    size_t cs = walk_to_content(c, m, e, &addr, &have_addr, &object, &at, &comma);
    if (cs == WALK_ON || object || cs == 0 || !is_compl(c->an, cs - 1))
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
    if (!tok_has(an, resume, LX_AUX) || (an->toks[resume].flags & TF_CAP) ||
        !(one || (np_forward(an, cs, comma, &subj) && subj.tok_last + 1 == comma)))
        return RULE_PASS;
    cue_match t2;
    np p2;
    size_t tail2, ce = clause_end(c, resume, st->e, &tail2, &t2, &p2);
    dixit_party who;
    if (!tail_party(c, tm, tp, before, &who))
        return RULE_FAIL;
    size_t had = c->out->len;
    if (!emit(c, cs, ce, tm, &who, NULL, false, 0.8, "split-tail", st->a, st->e))
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
static rule_out rule_tail(rctx *c, const sent *st, const cue_match *mp, size_t *kp)
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
        size_t after = past + 1;
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
                if (!emit(c, after + 1, ce2, &tm, &who, NULL, false, 0.8, "inner-tail", a, e))
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

/* A clause rule's record, once its finder has found the speaker's phrase
 * and the content [ca, cb): a speaker that cannot be resolved takes the cue
 * and makes nothing; the loop goes on from token next. */
static rule_out emit_clause(rctx *c, const sent *st, const cue_match *m, const np *who, size_t ca, size_t cb,
                            const char *rule, size_t next, size_t *kp)
{
    dixit_party sp;
    memset(&sp, 0, sizeof sp);
    if (!set_party(c, who, c->an->toks[*kp].start, &sp))
        return RULE_TOOK;
    if (!emit(c, ca, cb, m, &sp, NULL, false, 0.75, rule, st->a, st->e))
        return RULE_FAIL;
    *kp = next;
    return RULE_TOOK;
}

/* "Estimant que C, Jean Cassin a …", "Après avoir déclaré que C, X …",
 * "Arguing that C, Mr. Hale …": a participle or a past infinitive opens
 * the sentence; its subject is the main clause's, after the comma that
 * closes the content. Only at the start: a word of introduction and an
 * auxiliary at most before the cue. */
static rule_out rule_opening_participle(rctx *c, const sent *st, const cue_match *m, size_t *kp)
{
    analysis *an = c->an;
    size_t a = st->a, e = st->e, f = m->tok_first;
    bool past = f > a && f <= a + 2 && tok_has(an, f - 1, LX_AUX); /* "Après avoir", "Having" */
    if (!(cue_participle(an, m) && f == a) && !past)
        return RULE_PASS;
    for (size_t j = a; j < f; j++)
        if (an->toks[j].kind != TK_WORD)
            return RULE_PASS;
    np addr, who;
    bool have_addr, object;
    size_t cs = complement(c, m, e, &addr, &have_addr, &object);
    if (cs == SIZE_MAX || cs >= e || !is_compl(an, cs - 1))
        return RULE_PASS;
    size_t ce = first_comma(an, cs, e);
    if (ce + 2 >= e || !np_forward(an, ce + 1, e, &who) || who.tok_last + 1 >= e ||
        an->toks[who.tok_last + 1].kind != TK_WORD)
        return RULE_PASS;
    return emit_clause(c, st, m, &who, cs, ce, "opening-participle", ce, kp);
}

/* "…, as police have said.", "Hawaii, as one adviser pointed out, rarely
 * gets …", "As Smith noted, …": the clause around. */
static rule_out rule_as_clause(rctx *c, const sent *st, const cue_match *m, size_t *kp)
{
    size_t as_a, as_b;
    np as_np;
    if (!as_clause(c, m, st->a, st->e, &as_np, &as_a, &as_b))
        return RULE_PASS;
    return emit_clause(c, st, m, &as_np, as_a, as_b, "as-clause",
                       as_b > m->tok_last + 1 ? as_b - 1 : m->tok_last, kp);
}

/* "which he said were at his side", "what the senators said was
 * gerrymandering": the relative clause, its pronoun included. */
static rule_out rule_relative_speech(rctx *c, const sent *st, const cue_match *m, size_t *kp)
{
    size_t rel_end, k = *kp;
    np rel;
    if (!relative_speech(c, m, st->a, st->e, &rel, &rel_end))
        return RULE_PASS;
    return emit_clause(c, st, m, &rel, rel.tok_first - 1, rel_end, "relative-speech",
                       rel_end > k ? rel_end - 1 : k, kp);
}

/* "Le maire a été accusé de favoritisme par l'opposition", "Kaine was
 * told that …": a passive cue's complement from cs; the agent after
 * par/by speaks (or nobody the text names), the subject was spoken to or
 * of. */
static rule_out emit_passive(rctx *c, const sent *st, const cue_match *mp, size_t cs, size_t *kp)
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
    /* "a été lancé mi-janvier lors d'un sommet", "interpellé le 11 août":
     * a date after a passive is when it happened, nothing said */
    if (time_phrase(an, cs, ce) > cs || tok_has(an, cs, LX_TIME))
        return RULE_TOOK;
    np subj;
    bool told = takes_addressee(ci) && m.tok_first > a && np_backward(an, m.tok_first - 1, a, &subj);
    if (!emit(c, cs, ce, &m, &agent, told ? &subj : NULL, told, 0.7, "passive", a, e))
        return RULE_FAIL;
    *kp = ce > k ? ce - 1 : k;
    return RULE_TOOK;
}

/* The first comma outside quotation marks in [cs, ce), else ce. */
static size_t first_comma(const analysis *an, size_t cs, size_t ce)
{
    for (size_t j = cs; j < ce; j++)
        if (is_comma(an, j) && an->toks[j].depth == 0)
            return j;
    return ce;
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
    /* "X, who said C, endorsed …": a relative clause ends at its comma */
    if (m->tok_first > a &&
        (tok_class(an, m->tok_first - 1, WC_WHO) || tok_class_ci(an, m->tok_first - 1, WC_WHO_IS)))
        ce = first_comma(an, cs, ce);
    return ce;
}

/* "X a déclaré (à Y) que C", "X said C", "Le maire a été accusé de … par
 * Y": a verb and its complement clause, with its speaker before it; the
 * last rule, which takes every cue it reaches. */
static rule_out rule_complement(rctx *c, const sent *st, const cue_match *mp, size_t *kp)
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
    if ((strcmp(ci->lemma, "cite") == 0 || strcmp(ci->lemma, "citer") == 0) && cue_participle(an, &m) &&
        c->out->len > first_attr) {
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
        return emit_passive(c, st, &m, cs, kp);
    bool have_sp = speaker_before(c, &m, a, before, &sp, first_attr);
    /* findings: "the poll shows", "l'étude montre", never "he found";
     * the document may stand before what describes it: "a poll
     * released in late August found", "a study that appeared in the
     * journal found" */
    if (finding(ci) && (!have_sp || !finder(an, &sp)))
        have_sp = finding_subject(c, m.tok_first, a, before, &sp) && finder(an, &sp);
    if (!have_sp)
        return RULE_TOOK;
    /* "savoir si le président leur avait demandé de …", "asked
     * whether he had said that …": asked, not reported as said (a "Si"
     * opening the sentence may concede: "Si deux études ont suggéré
     * que …, …") */
    if (sp.present && sp.mention.end > sp.mention.start && sp.mention.start < an->toks[m.tok_first].start) {
        size_t sf = tok_index_near(an, sp.mention.start, m.tok_first);
        /* ("même s'il reconnaît que", "even if he said": a concession,
         * the speech stands) */
        if (sf > a + 1 && (tok_class_ci(an, sf - 1, WC_IF) || tok_is_ci(an, sf - 1, "s'") ||
                           tok_is_ci(an, sf - 1, "s\xe2\x80\x99")) &&
            !(sf > a + 2 && (tok_is_ci(an, sf - 2, "même") || tok_is_ci(an, sf - 2, "even"))))
            return RULE_TOOK;
    }
    /* without "that" only a document or an institution finds: "polls
     * show a close race", not "the librarian found her keys" */
    if (finding(ci) && !is_compl(an, cs - 1) && sp.kind != DIXIT_KIND_ORGANIZATION && !org_head(an, &sp))
        return RULE_TOOK;
    size_t tail;
    size_t ce = clause_end(c, cs, e, &tail, &tm, &tp);
    ce = complement_end(an, &m, a, cs, ce, object);
    double conf = sp.resolved_by == DIXIT_BY_PRONOUN ? 0.75
                  : cue_participle(an, &m)                                 ? 0.7
                                                                           : 0.85;
    size_t had = c->out->len;
    if (!emit(c, cs, ce, &m, &sp, &addr, have_addr, conf, "complement", a, e))
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
     * its "about" */
    if (object && c->out->len > had && tok_is(an, cs - 1, "about")) {
        dixit_attribution *at = &((dixit_attribution *)c->out->data)[c->out->len - 1];
        if (at->cue.span.end < an->toks[cs - 1].end)
            at->cue.span.end = an->toks[cs - 1].end;
    }
    if (tail != SIZE_MAX && c->out->len) {
        dixit_attribution *at = &((dixit_attribution *)c->out->data)[c->out->len - 1];
        /* "Clinton had told police that …, the source added": an English
         * speaker's tail reports the whole clause, the verb's record
         * stays inside it; "…, the Post reported" relays it */
        size_t outer = clause_start(an, a, m.tok_first);
        if (an->lang == LANG_EN && inverts_en(lex_cue(an->lx, tm.cue)) && at->type == DIXIT_INDIRECT &&
            c->out->len > had && !has_quote(an, outer, ce)) {
            dixit_party who;
            if (!tail_party(c, &tm, &tp, before, &who))
                return RULE_FAIL;
            if (!emit(c, outer, ce, &tm, &who, NULL, false, 0.8, "relay-tail", a, e))
                return RULE_FAIL;
            size_t past = tm.tok_last;
            if (!(tm.inverted && tm.pron_gender >= 0) && tp.tok_last > past)
                past = tp.tok_last;
            *kp = past;
            return RULE_TOOK;
        }
        if (!tail_party(c, &tm, &tp, before, &at->source))
            return RULE_FAIL;
        if (at->source.present && at->speaker.name && at->source.name &&
            strcmp(at->speaker.name, at->source.name) == 0)
            at->source.present = 0;
        size_t past = tm.tok_last;
        if (!(tm.inverted && tm.pron_gender >= 0) && tp.tok_last > past)
            past = tp.tok_last;
        *kp = past;
    } else if (cs > k + 1) {
        *kp = cs - 1;
    }
    return RULE_TOOK;
}

/* "did not say whether", "hasn't said when": English speech withheld
 * reports nothing (the negation in the cue's auxiliaries or just before
 * it; sentence start a). "Never said that …" denies a content, kept. */
static bool negated(const analysis *an, const cue_match *m, size_t a)
{
    size_t n = m->tok_last + 1;
    if (an->lang != LANG_EN || n >= an->ntoks || !tok_class(an, n, WC_WH | WC_IF | WC_WHO))
        return false;
    for (size_t j = m->tok_first > a + 2 ? m->tok_first - 2 : a; j < m->tok_last; j++)
        if (tok_class(an, j, WC_WITHHOLD))
            return true;
    return false;
}

static bool do_sentence(rctx *c, size_t s)
{
    analysis *an = c->an;
    size_t a = an->sents[s].tok_start, e = an->sents[s].tok_end;
    size_t first_attr = c->out->len;
    bool et_first = tok_is_ci(an, a, "et");
    /* the tokens where a cue may start, and every token after "Et" (the
     * narrative infinitive below starts at "d'") */
    for (size_t k = et_first ? a : next_cue_tok(an, &c->cue_cur, a); k < e;
         k = et_first ? k + 1 : next_cue_tok(an, &c->cue_cur, k + 1)) {
        if (c->used[k] || an->toks[k].depth > 0 || an->toks[k].kind != TK_WORD)
            continue;
        cue_match m;
        if (k > a + 1 && et_first && cue_infinitive_fr(an, k, &m)) {
            /* "Et le ministre d'ajouter : …": the narrative infinitive */
            np who;
            size_t cs = m.tok_last + 1;
            if (cs < e && (tok_is_punct(an, cs, ':') || is_compl(an, cs)))
                cs++;
            else
                cs = SIZE_MAX;
            dixit_party sp;
            if (cs < e && np_forward(an, a + 1, k, &who) && who.tok_last + 1 == k &&
                set_party(c, &who, an->toks[k].start, &sp)) {
                if (!emit(c, cs, e, &m, &sp, NULL, false, 0.75, "infinitive-narrative", a, e))
                    return false;
                k = e;
                continue;
            }
        }
        if (!cue_at(an, k, &m))
            continue;
        const cue_info *ci = lex_cue(an->lx, m.cue);
        if (ci->pos == LX_CUE_NOUN || negated(an, &m, a))
            continue;
        if (k > a &&
            (tok_is(an, k - 1, "without") || tok_is(an, k - 1, "sans") || tok_is(an, k - 1, "worth")))
            continue; /* "it goes without saying that", "it is worth noting" */
        /* "Having said that, …", "That said, …", "needless to say": the
         * writer's connectives, no report */
        if (an->lang == LANG_EN && k > a && m.tok_first == m.tok_last &&
            ((tok_is_ci(an, k - 1, "having") && tok_is(an, k + 1, "that") && is_comma(an, k + 2)) ||
             (tok_is_ci(an, k - 1, "that") && k - 1 == a && is_comma(an, k + 1)) ||
             (tok_is_ci(an, k - 1, "to") && k >= a + 2 && tok_is_ci(an, k - 2, "needless"))))
            continue;
        /* an English infinitive reports speech under a verb like "appeared"
         * or "went on"; under a reporting verb ("vowed to push for",
         * "asked the crowd to welcome") that verb's record holds it, and
         * after a noun or an adjective ("too early to tell", "no way to
         * tell") it reports nothing */
        size_t to = k;
        while (to > a + 1 && ly_adverb(an, to - 1))
            to--; /* "to consistently tout" */
        if (an->lang == LANG_EN && to > a && tok_is(an, to - 1, "to")) {
            size_t g = cue_governor(an, to - 1);
            cue_match gm;
            if (g == SIZE_MAX || (cue_at(an, g, &gm) && !tail_only(lex_cue(an->lx, gm.cue))))
                continue;
        }
        /* the rules, in turn, until one takes the cue: a preposition
         * ("selon", "according to") has its own; a verb may close a tail,
         * sit in an "as" clause or a relative clause, else it takes its
         * complement (the last rule takes every cue) */
        static const cue_rule verb_rules[] = {rule_tail, rule_as_clause, rule_relative_speech,
                                              rule_opening_participle, rule_complement};
        static const cue_rule prep_rules[] = {rule_according_to};
        const cue_rule *rules = ci->pos == LX_CUE_PREP ? prep_rules : verb_rules;
        size_t nrules = ci->pos == LX_CUE_PREP ? 1 : sizeof verb_rules / sizeof *verb_rules;
        sent st = {a, e, first_attr};
        rule_out took = RULE_PASS;
        for (size_t r = 0; r < nrules && took == RULE_PASS; r++)
            took = rules[r](c, &st, &m, &k);
        if (took == RULE_FAIL)
            return false;
    }
    /* "…, selon l'Elysée, Macron a réitéré …": an interjected source. The
     * records of the sentence come in text order, so a cursor finds the
     * first one after the source without rescanning (linear) */
    size_t cur = first_attr;
    for (size_t k = next_cue_tok(an, &c->cue_cur, a); k < e; k = next_cue_tok(an, &c->cue_cur, k + 1)) {
        cue_match m;
        if (c->used[k] || an->toks[k].depth > 0 || !cue_at(an, k, &m) ||
            lex_cue(an->lx, m.cue)->pos != LX_CUE_PREP)
            continue;
        np p;
        if (!np_forward(an, m.tok_last + 1, e, &p) || !is_comma(an, p.tok_last + 1))
            continue;
        dixit_attribution *as = c->out->data;
        while (cur < c->out->len && as[cur].cue.span.start <= an->toks[p.tok_last].end)
            cur++;
        for (size_t i = cur; i < c->out->len && i < cur + 16; i++) {
            if (as[i].cue.span.start > an->toks[p.tok_last].end && !as[i].source.present && as[i].cue.lemma &&
                lex_cue(an->lx, m.cue)->lemma != as[i].cue.lemma) {
                if (!set_party(c, &p, an->toks[k].start, &as[i].source))
                    return false;
                break;
            }
        }
    }
    return true;
}

/* "WALLACE: Do you really see those two as equivalent?": a transcript line
 * (a name in capitals and a colon opening the paragraph), or a headline
 * "Pat Caddell: Democrat voters worried …". Returns false on memory
 * failure only. */
/* Does paragraph p (any number: out of range is no) open with a word in
 * capitals and a colon, as the lines of a transcript do ("WALLACE:")? */
static bool caps_label(const analysis *an, size_t p)
{
    if (p >= an->nparas)
        return false;
    size_t k = an->paras[p].tok_start;
    if (k < an->paras[p].tok_end && (an->toks[k].kind == TK_QUOTE || an->toks[k].qrole != QR_NONE))
        k++; /* '"WALLACE: …', each line reopening the marks */
    return k + 1 < an->paras[p].tok_end && (an->toks[k].flags & TF_ALLCAPS) && tok_is_punct(an, k + 1, ':');
}

static bool transcript_line(rctx *c, size_t p)
{
    analysis *an = c->an;
    const paragraph *pa = &an->paras[p];
    size_t k = pa->tok_start, e = pa->tok_end;
    if (k < e && (an->toks[k].kind == TK_QUOTE || an->toks[k].qrole != QR_NONE))
        k++;
    /* the colon comes at most four tokens in (the test below): without
     * one, no phrase needs finding, and most paragraphs have none */
    bool colon = false;
    for (size_t j = k + 1; j <= k + 4 && j < e && !colon; j++)
        colon = tok_is_punct(an, j, ':');
    np name;
    if (!colon || k + 2 >= e || !np_forward(an, k, e, &name) || !name.has_name || name.tok_last + 1 >= e ||
        !tok_is_punct(an, name.tok_last + 1, ':') || name.tok_last > k + 3)
        return true;
    bool caps = (an->toks[k].flags & TF_ALLCAPS) && tok_len(an, k) >= 3;
    /* a headline "Pence: Gennifer Flowers Won't Be at Debate" */
    bool headline = pa->zone == ZONE_HEADLINE || pa->title_case;
    bool single = name.tok_first == name.tok_last;
    if (!caps && !(headline && (strong_name(an, &name) || single)))
        return true;
    size_t cs = name.tok_last + 2;
    if (cs < e && an->toks[cs].qrole == QR_OPEN)
        return true; /* "X: « … »" is a direct quotation, attribute.c's */
    size_t ce = e;
    while (ce > cs && (an->toks[ce - 1].kind == TK_QUOTE || an->toks[ce - 1].kind == TK_PUNCT))
        ce--;
    if (ce <= cs)
        return true;
    /* "CLARIFICATION: Fowler said …", "UPDATE: police said …": a label
     * before narration that reports speech itself */
    if (caps && single) {
        size_t se = an->sents[an->toks[cs].sent].tok_end;
        for (size_t j = cs; j < se && j < e; j++) {
            cue_match jm;
            if (an->toks[j].kind == TK_WORD && an->toks[j].depth == 0 && cue_at(an, j, &jm) &&
                lex_cue(an->lx, jm.cue)->pos == LX_CUE_VERB && !cue_participle(an, &jm))
                return true;
        }
    }
    dixit_party sp;
    if (!set_party(c, &name, an->toks[k].start, &sp))
        return false;
    /* one word before the colon is a speaker only when it is the surname
     * of someone the article names ("Pence: …"), not a topic
     * ("Coronavirus : …", "Toulouse : …") */
    bool surname = sp.resolved_by == DIXIT_BY_SURNAME;
    if (!caps && single && !strong_name(an, &name) && !surname)
        return true;
    /* "POLITICS: Senate passes …": a section label; "WALLACE: …" is a
     * transcript's when the article names a Wallace or the lines around
     * open with labels too */
    if (caps && single && !surname && !caps_label(an, p - 1) && !caps_label(an, p + 1) &&
        !caps_label(an, p - 2) && !caps_label(an, p + 2))
        return true;
    dixit_attribution *at = new_record(c, cs, ce);
    if (!at)
        return false;
    at->speaker = sp;
    at->cue.present = 1;
    at->cue.span.start = an->toks[name.tok_last + 1].start;
    at->cue.span.end = an->toks[name.tok_last + 1].end;
    at->cue.lemma = an->lang == LANG_FR ? "dire" : "say";
    at->cue.act = act_name(ACT_STATEMENT);
    at->confidence = 0.7;
    at->rule = "transcript";
    for (size_t j = pa->tok_start; j < e; j++)
        c->used[j] = 1;
    return true;
}

bool attribute_reported(analysis *an, mention_table *mt, vec *out)
{
    rctx c = {an, mt, out, NULL, 0};
    c.used = arena_alloc(an->ar, an->ntoks + 1);
    if (!c.used)
        return false;
    /* the direct attributions own their content, cue and speaker tokens,
     * and take the channel their sentence names */
    dixit_attribution *as = out->data;
    size_t ndirect = out->len;
    size_t ca = 0; /* the content's first token: records come in text
                      order, and cue and speaker stand near their content */
    for (size_t i = 0; i < ndirect; i++) {
        ca = tok_index_near(an, as[i].content.start, ca);
        mark(&c, ca, as[i].content.end, true);
        size_t k = as[i].cue.present ? tok_index_near(an, as[i].cue.span.start, ca) : 0;
        if (as[i].cue.present)
            mark(&c, k, as[i].cue.span.end, false);
        if (as[i].speaker.present && as[i].speaker.mention.end > as[i].speaker.mention.start)
            mark(&c, tok_index_near(an, as[i].speaker.mention.start, ca), as[i].speaker.mention.end, false);
        if (as[i].cue.present) {
            const sentence *se = &an->sents[an->toks[k].sent];
            size_t cb = tok_index_near(an, as[i].content.end, ca);
            find_channel(&c, se->tok_start, se->tok_end, ca, cb, &as[i].channel);
        }
    }
    for (size_t p = 0; p < an->nparas; p++)
        if ((an->paras[p].zone == ZONE_BODY || an->paras[p].zone == ZONE_HEADLINE) && !transcript_line(&c, p))
            return false;
    for (size_t s = 0; s < an->nsents; s++) {
        int zone = an->paras[an->sents[s].para].zone;
        if (zone != ZONE_BODY && zone != ZONE_HEADLINE)
            continue;
        if (!do_sentence(&c, s))
            return false;
    }
    return !out->failed;
}
