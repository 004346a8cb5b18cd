/*
 * reported.c: mixed and indirect speech, "who said that", with addressee,
 * relaying source and channel: the driver of the rules.
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
 * Content with quotation marks inside is mixed; without, indirect.
 *
 * This file holds the loop over the cue tokens of each sentence with the
 * table of rules tried in turn at each cue (sentence_rules), the transcript
 * rule ("WALLACE: …"), and the record helpers every rule shares (emit,
 * set_party, clause_end, the channel). The rules are in rules_tail.c,
 * rules_clause.c and rules_source.c, the speaker before a verb in
 * speaker.c; rules.h is what they share. The shapes of words and phrases
 * they read (complementisers, adjuncts, participles, the classes of a
 * cue, clause edges, tails) are phrase.c's.
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
#include "rules.h"
#include "segment.h"
#include "zones.h"

#include <string.h>

/* Where content starting at a ends. Sets *tail to the comma of a tail that
 * names the speaker or source, else SIZE_MAX. */

size_t clause_end(rctx *c, size_t a, size_t e, size_t *tail, cue_match *tm, np *tp)
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
            /* "qu'il plaisantait, mais le milliardaire a été clair": "mais"
             * and a new subject is the article's own clause */
            if (an->lang == LANG_FR && k + 2 < e && tok_class(an, k + 1, WC_BUT) &&
                (tok_has(an, k + 2, LX_DET) || (an->toks[k + 2].flags & TF_CAP)) && !is_compl(an, k + 2))
                return k;
        }
    }
    /* leave the final punctuation out (trim keeps a unit such as "%") */
    size_t b = a;
    trim(an, &b, &e);
    return e;
}

/* Marks the sentences the content overlaps in c->said, once the record's
 * content is final. Sentences hold contiguous tokens, so they are those
 * from the one of the first token ending after the content's start to the
 * one of the last token starting before its end. */
static void note_said(rctx *c, const dixit_span *content, size_t near)
{
    const analysis *an = c->an;
    if (content->end <= content->start)
        return;
    /* near: the content's first token as the caller made it, where the
     * search starts (a quotation's mark may open the content before it) */
    size_t f = tok_index_near(an, content->start, near), l = tok_index_near(an, content->end - 1, f);
    if (l >= an->ntoks || an->toks[l].start >= content->end)
        l--; /* the token after the content */
    if (f >= an->ntoks || l >= an->ntoks || l < f)
        return;
    for (size_t s = an->toks[f].sent; s <= an->toks[l].sent; s++)
        c->said[s] = 1;
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

bool set_party(rctx *c, const np *p, size_t before, dixit_party *out)
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

/* Does record at (the last one) lie within one of the few records just
 * before it: its content inside theirs, its cue after their content
 * starts ("X a souligné que le président propose de …", and a tail that
 * closes such a clause)? Its speaker is then no voice of the article: the
 * next "a-t-il dit" is still X's. (Looser than voices.c's said_inside,
 * where the cue must stand inside the content.) */
static bool nested(const rctx *c, const dixit_attribution *at)
{
    const dixit_attribution *as = c->out->data;
    for (size_t i = c->out->len - 1, k = 0; i > 0 && k < 4; i--, k++) {
        const dixit_attribution *o = &as[i - 1];
        if (o->content.start <= at->cue.span.start && at->content.end <= o->content.end)
            return true;
    }
    return false;
}

bool emit(rctx *c, size_t ca, size_t cb, const cue_match *m, const dixit_party *sp, const np *addr,
          bool have_addr, double conf, rule_id rule, size_t sa, size_t se)
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
    note_said(c, &at->content, ca);
    cue_fill(an, m, &at->cue);
    at->speaker = *sp;
    if (sp->present && sp->kind == DIXIT_KIND_PERSON && sp->resolved_by &&
        sp->resolved_by != DIXIT_BY_DESCRIPTION && !nested(c, at) && !mentions_pending(c->mt, sp)) {
        at->speaker.entity = mentions_assign_entity(c->mt, sp->name);
        mentions_note_speaker(an, c->mt, sp, G_UNKNOWN);
    }
    if (have_addr && !set_party(c, addr, an->toks[addr->tok_first].start, &at->addressee))
        return false;
    find_channel(c, sa, se, ca, cb, &at->channel);
    at->confidence = conf;
    at->rule = rule_name(rule);
    at->addressee.entity = at->addressee.present ? at->addressee.entity : -1;
    return true;
}

/* A clause rule's record, once its finder has found the speaker's phrase
 * and the content [ca, cb): a speaker that cannot be resolved takes the cue
 * and makes nothing; the loop goes on from token next. */
rule_out emit_clause(rctx *c, const sent *st, const cue_match *m, const np *who, size_t ca, size_t cb,
                     rule_id rule, size_t next, size_t *kp)
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

/* "le mouvement dit des « gilets jaunes »", "l'accord dit « de la
 * dernière chance »": French "dit" right after a noun, before quoted
 * words, names the thing (so-called); nobody speaks. */
static bool so_called(const analysis *an, const cue_match *m)
{
    size_t k = m->tok_first, n = k + 1;
    if (an->lang != LANG_FR || k != m->tok_last || m->inverted || k == 0 ||
        !(lex_cue(an->lx, m->cue)->classes & VC_PLAIN) || an->toks[k - 1].kind != TK_WORD ||
        (an->toks[k - 1].flags & TF_CAP) || tok_has(an, k - 1, LX_ROLE | LX_PRONOUN | LX_AUX | LX_STOP))
        return false;
    if (tok_class(an, n, WC_DE | WC_DU) || tok_class_ci(an, n, WC_LE))
        n++;
    return n < an->ntoks && an->toks[n].qrole == QR_OPEN;
}

/* "Regrette-t-il une mesure ?", "Pense-t-elle que la réforme passera ?":
 * a verb and its subject pronoun inverted at the start of a sentence that
 * ends with a question mark ask a question (the writer's); a tail's
 * inversion follows what was said. */
static bool asks(const analysis *an, const cue_match *m, size_t a, size_t e)
{
    return m->inverted && m->tok_first == a && e > a + 1 && tok_is_punct(an, e - 1, '?');
}

/* "Et le ministre d'ajouter : …": a French narrative infinitive at token
 * *kp of a sentence that opens with "Et", its subject all that stands
 * between them; the content runs from the colon or que to the end of the
 * sentence. */
static rule_out rule_narrative_infinitive(rctx *c, const sent *st, size_t *kp)
{
    analysis *an = c->an;
    size_t a = st->a, e = st->e, k = *kp;
    cue_match m;
    if (k <= a + 1 || !cue_infinitive_fr(an, k, &m))
        return RULE_PASS;
    np who;
    size_t cs = m.tok_last + 1;
    if (cs < e && (tok_is_punct(an, cs, ':') || is_compl(an, cs)))
        cs++;
    else
        cs = SIZE_MAX;
    dixit_party sp;
    if (!(cs < e && np_forward(an, a + 1, k, &who) && who.tok_last + 1 == k &&
          set_party(c, &who, an->toks[k].start, &sp)))
        return RULE_PASS;
    if (!emit(c, cs, e, &m, &sp, NULL, false, 0.75, RULE_INFINITIVE_NARRATIVE, a, e))
        return RULE_FAIL;
    *kp = e;
    return RULE_TOOK;
}

/* The opening sources of sentence [a, e), whose records start at
 * first_attr: the first record with its cue in the source's clause takes
 * it as its source (when the interjected ones gave it none); with no such
 * record, the source makes its own (rctx's deferred_source). False when
 * memory ran out. */
static bool deferred_sources(rctx *c, size_t a, size_t e, size_t first_attr)
{
    analysis *an = c->an;
    dixit_attribution *as = c->out->data;
    size_t n = c->out->len;
    for (size_t d = 0; d < c->ndeferred; d++) {
        deferred_source *ds = &c->deferred[d];
        uint32_t from = an->toks[ds->cs].start, to = an->toks[ds->ce - 1].end;
        size_t before = an->toks[ds->m.tok_first].start;
        size_t i = first_attr;
        while (i < n && !(as[i].cue.span.start >= from && as[i].cue.span.end <= to))
            i++;
        if (i < n) {
            if (!as[i].source.present && !set_party(c, &ds->who, before, &as[i].source))
                return false;
            continue;
        }
        dixit_party sp;
        if (!set_party(c, &ds->who, before, &sp) ||
            !emit(c, ds->cs, ds->ce, &ds->m, &sp, NULL, false, 0.85, RULE_ACCORDING_TO, a, e))
            return false;
        as = c->out->data; /* emit may move the records */
    }
    c->ndeferred = 0;
    return true;
}

/* "…, selon l'Elysée, Macron a réitéré …": an interjected source names the
 * source of the first record after it in sentence [a, e), whose records
 * start at first_attr. The records of the sentence come in text order, so
 * a cursor finds the first one after the source without rescanning
 * (linear). False when memory ran out. */
static bool interjected_sources(rctx *c, size_t a, size_t e, size_t first_attr)
{
    analysis *an = c->an;
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
    return deferred_sources(c, a, e, first_attr);
}

/* The rules of one sentence: at each token where a cue starts, outside
 * direct attributions and quotation marks, the rules of its kind in
 * turn until one takes it; then the interjected sources. False when
 * memory ran out. */
static bool sentence_rules(rctx *c, size_t s)
{
    analysis *an = c->an;
    size_t a = an->sents[s].tok_start, e = an->sents[s].tok_end;
    size_t first_attr = c->out->len;
    bool et_first = tok_is_ci(an, a, "et");
    sent st = {a, e, first_attr};
    /* the tokens where a cue may start, and every token after "Et" (the
     * narrative infinitive below starts at "d'") */
    for (size_t k = et_first ? a : next_cue_tok(an, &c->cue_cur, a); k < e;
         k = et_first ? k + 1 : next_cue_tok(an, &c->cue_cur, k + 1)) {
        if (c->used[k] || an->toks[k].depth > 0 || an->toks[k].kind != TK_WORD)
            continue;
        if (et_first) {
            rule_out took = rule_narrative_infinitive(c, &st, &k);
            if (took == RULE_FAIL)
                return false;
            if (took == RULE_TOOK)
                continue;
        }
        cue_match m;
        if (!cue_at(an, k, &m))
            continue;
        const cue_info *ci = lex_cue(an->lx, m.cue);
        if (ci->pos == LX_CUE_NOUN || negated(an, &m, a) || so_called(an, &m) || asks(an, &m, a, e))
            continue;
        if (k > a && tok_class_in(an, k - 1, LANG_UND, WC_WITHOUT))
            continue; /* "it goes without saying that", "it is worth noting" */
        /* "Having said that, …", "That said, …", "needless to say": the
         * writer's connectives, no report */
        if (an->lang == LANG_EN && k > a && m.tok_first == m.tok_last &&
            ((tok_is_ci(an, k - 1, "having") && tok_is(an, k + 1, "that") && is_comma(an, k + 2)) ||
             (tok_class_ci(an, k - 1, WC_THAT) && k - 1 == a && is_comma(an, k + 1)) ||
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
        if (an->lang == LANG_EN && to > a && tok_class(an, to - 1, WC_TO)) {
            size_t g = cue_governor(an, to - 1);
            cue_match gm;
            if (g == SIZE_MAX || (cue_at(an, g, &gm) && !tail_only(lex_cue(an->lx, gm.cue))))
                continue;
        }
        /* the rules, in turn, until one takes the cue: a preposition
         * ("selon", "according to") has its own; a verb may close a tail,
         * sit in an "as" clause or a relative clause, else it takes its
         * complement (the last rule takes every cue) */
        static const cue_rule verb_rules[] = {rule_what_said,      rule_tail,
                                              rule_as_clause,      rule_relative_speech,
                                              rule_asked_question, rule_opening_participle,
                                              rule_complement};
        static const cue_rule prep_rules[] = {rule_according_to};
        const cue_rule *rules = ci->pos == LX_CUE_PREP ? prep_rules : verb_rules;
        size_t nrules = ci->pos == LX_CUE_PREP ? 1 : sizeof verb_rules / sizeof *verb_rules;
        rule_out took = RULE_PASS;
        for (size_t r = 0; r < nrules && took == RULE_PASS; r++)
            took = rules[r](c, &st, &m, &k);
        if (took == RULE_FAIL)
            return false;
    }
    return interjected_sources(c, a, e, first_attr);
}

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

/* Do the words of phrase p come back, as written, after byte from? */
static bool named_again(const analysis *an, const np *p, size_t from)
{
    size_t a = an->toks[p->name_first].start, n = an->toks[p->name_last].end - a;
    if (n == 0)
        return false;
    /* (memchr and memcmp: memmem is no C11; the name is a few words) */
    for (size_t i = from; i + n <= an->len;) {
        const char *hit = memchr(an->text + i, an->text[a], an->len - n + 1 - i);
        if (!hit)
            return false;
        i = (size_t)(hit - an->text);
        if (memcmp(hit, an->text + a, n) == 0)
            return true;
        i++;
    }
    return false;
}

/* "WALLACE: Do you really see those two as equivalent?": a transcript line
 * (a name in capitals and a colon opening the paragraph), or a headline
 * "Pat Caddell: Democrat voters worried …". Returns false on memory
 * failure only. */
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
    /* a headline "Pence: Gennifer Flowers Won't Be at Debate"; a French
     * one quotes what was said ("Verdier : « … »", attribute.c's), and
     * "Verdier : une nouvelle épreuve pour …" names its topic. A text's
     * first paragraph of one short sentence is its headline, full stop
     * or not (corpora add one: "Lynch: No outside influence on probe.") */
    bool first_line = p == 0 && pa->end - pa->start < HEADLINE_MAX &&
                      an->toks[pa->tok_start].sent == an->toks[pa->tok_end - 1].sent;
    bool headline = (pa->zone == ZONE_HEADLINE || pa->title_case || first_line) && an->lang != LANG_FR;
    bool single = name.tok_first == name.tok_last;
    if (!caps && !(headline && (strong_name(an, &name) || single)))
        return true;
    size_t cs = name.tok_last + 2;
    if (cs < e && an->toks[cs].qrole == QR_OPEN)
        return true; /* "X: « … »" is a direct quotation, attribute.c's */
    if (!caps && cs < e && an->toks[cs].kind == TK_NUM)
        return true; /* "Portion Fix Containers: 1 Green, 1 Red": a list */
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
    /* "Fact Check: …", "Business Focus: …": a headline's label of
     * several words in title case is a section's name unless it opens
     * with a given name, the article names its surname, or it comes
     * back in the article ("Rush Limbaugh: …" then "host Rush Limbaugh") */
    if (!caps && !single &&
        !(tok_lex(an, name.name_first) && (tok_lex(an, name.name_first)->flags & LX_FIRSTNAME)) && !surname &&
        !named_again(an, &name, pa->end))
        return true;
    /* "POLITICS: Senate passes …", "BREAKING NEWS: …": a section label;
     * "WALLACE: …" is a transcript's when the article names a Wallace or
     * the lines around open with labels too */
    if (caps && !surname && !caps_label(an, p - 1) && !caps_label(an, p + 1) && !caps_label(an, p - 2) &&
        !caps_label(an, p + 2))
        return true;
    dixit_attribution *at = new_record(c, cs, ce);
    if (!at)
        return false;
    note_said(c, &at->content, cs);
    at->speaker = sp;
    at->cue.present = 1;
    at->cue.span.start = an->toks[name.tok_last + 1].start;
    at->cue.span.end = an->toks[name.tok_last + 1].end;
    at->cue.lemma = lex_plain_lemma(an->lx, an->lang);
    at->cue.act = act_name(ACT_STATEMENT);
    at->confidence = 0.7;
    at->rule = rule_name(RULE_TRANSCRIPT);
    for (size_t j = pa->tok_start; j < e; j++)
        c->used[j] = 1;
    return true;
}

bool attribute_reported(analysis *an, mention_table *mt, vec *out)
{
    rctx c = {.an = an, .mt = mt, .out = out};
    c.used = arena_alloc(an->ar, an->ntoks + 1);
    c.said = arena_alloc(an->ar, an->nsents + 1);
    if (!c.used || !c.said)
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
        note_said(&c, &as[i].content, ca);
        size_t k = as[i].cue.present ? tok_index_near(an, as[i].cue.span.start, ca) : 0;
        if (as[i].cue.present)
            mark(&c, k, as[i].cue.span.end, false);
        if (as[i].speaker.present && as[i].speaker.mention.end > as[i].speaker.mention.start) {
            /* (not the relative clause that describes the speaker: "said
             * Ann Roe, who added that …" speaks in it) */
            size_t ms = tok_index_near(an, as[i].speaker.mention.start, ca), me = as[i].speaker.mention.end;
            for (size_t j = ms; j + 1 < an->ntoks && an->toks[j].start < me; j++)
                if (relative_after(an, j)) {
                    me = an->toks[j].start;
                    break;
                }
            mark(&c, ms, me, false);
        }
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
        if (!sentence_rules(&c, s))
            return false;
    }
    return !out->failed;
}
