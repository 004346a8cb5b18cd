/*
 * uncued.c: the quotations no rule attributed, once every rule has run
 * (attribute.c for the quotations with a cue, reported.c for reported
 * speech).
 *
 * Reads the quotes that no record covers and the records in out (in text
 * order). Proposes, at confidence 0.3, "quote-uncued" for a quotation
 * that stands as an utterance of its own (« Nous sommes désespérés », then
 * narration) and "sentence-uncued" for a sentence with quoted words and no
 * cue ("Avec une carte bleue, le montant sera « sans limitation »."),
 * each in the voice the trained scorer ranks first (antecedent.c); the
 * record scorer (select.c) decides whether it stands.
 */
#include "alloc.h"
#include "analysis.h"
#include "attribute.h"
#include "cues.h"
#include "mentions.h"
#include "people.h"
#include "quotes.h"
#include "uncued.h"
#include "zones.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Proposes [start, end) as said by the voice the trained scorer ranks
 * first before token tok (antecedent.c); with no one to say it, nothing is
 * proposed. False when memory ran out. */
static bool propose_voiced(analysis *an, mention_table *mt, vec *out, dixit_type type, size_t tok,
                           uint32_t start, uint32_t end, rule_id rule)
{
    uint32_t named[2] = {0, 0};
    const char *who = antecedent_voice(an, mt, tok, start, named);
    if (!who)
        return true;
    dixit_attribution *a = vec_push(out);
    if (!a)
        return false;
    a->type = type;
    a->content.start = start;
    a->content.end = end;
    a->confidence = 0.3;
    a->rule = rule_name(rule);
    a->addressee.entity = a->source.entity = a->channel.entity = -1;
    a->speaker.present = 1;
    a->speaker.name = who;
    if (named[1] > named[0]) { /* where the voice was last named */
        a->speaker.mention.start = named[0];
        a->speaker.mention.end = named[1];
    }
    a->speaker.kind = DIXIT_KIND_PERSON;
    a->speaker.resolved_by = DIXIT_BY_CONTEXT;
    a->speaker.entity = mentions_assign_entity(mt, who);
    return true;
}

/* Does a cue start in tokens [a, b), outside quotation marks? A rule
 * read it and made nothing. */
static bool has_cue(const analysis *an, size_t a, size_t b)
{
    for (size_t k = a; k < b; k++) {
        cue_match m;
        if (an->toks[k].kind == TK_WORD && an->toks[k].depth == 0 && cue_at(an, k, &m))
            return true;
    }
    return false;
}

/* The sentence of token k as content: from its first token to its last
 * that is no punctuation. */
static void sentence_span(const analysis *an, size_t k, uint32_t *start, uint32_t *end)
{
    const sentence *s = &an->sents[an->toks[k].sent];
    size_t last = s->tok_end;
    while (last > s->tok_start + 1 && an->toks[last - 1].kind == TK_PUNCT)
        last--;
    *start = an->toks[s->tok_start].start;
    *end = an->toks[last - 1].end;
}

bool attribute_uncued(analysis *an, mention_table *mt, vec *out)
{
    size_t n = out->len, r = 0;
    uint32_t covered = 0;        /* the end of the last record or proposal seen */
    size_t read_sent = SIZE_MAX; /* the last sentence read for a cue */
    for (size_t qi = 0; qi < an->nquotes; qi++) {
        const quote *q = &an->quotes[qi];
        const dixit_attribution *as = out->data;
        /* the records that start before it */
        while (r < n && as[r].content.start <= q->start) {
            if (as[r].content.end > covered)
                covered = (uint32_t)as[r].content.end;
            r++;
        }
        bool inside = q->start < covered || (r < n && as[r].content.start < q->end);
        int zone = an->paras[q->para_first].zone;
        if (inside || q->depth != 0 || q->recovered || (zone != ZONE_BODY && zone != ZONE_HEADLINE) ||
            title_like(an, q))
            continue;
        size_t ss = an->sents[an->toks[q->open_tok].sent].tok_start;
        if (standalone_before(an, q, ss)) {
            /* a quotation opening its sentence: the quotation alone */
            if (words_in(an, q) >= 3 && !propose_voiced(an, mt, out, DIXIT_DIRECT, q->open_tok + 1, q->start,
                                                        q->end, RULE_QUOTE_UNCUED))
                return false;
            covered = q->end;
            continue;
        }
        /* quoted words inside a sentence no cue explains, in a paragraph
         * of someone's words: "Avec une carte bleue, le montant sera « sans
         * limitation »." The sentence is the content; the record scorer
         * decides, and scare quotes are what it learns to leave */
        uint32_t s0, s1;
        sentence_span(an, q->open_tok, &s0, &s1);
        const sentence *st = &an->sents[an->toks[q->open_tok].sent];
        size_t sent = an->toks[q->open_tok].sent;
        if (words_in(an, q) < 2 || s0 < covered || (r < n && as[r].content.start < s1) || sent == read_sent)
            continue;
        /* a sentence is read for a cue once, whatever its quotes (linear in
         * a long sentence) */
        read_sent = sent;
        if (has_cue(an, st->tok_start, st->tok_end))
            continue;
        if (!propose_voiced(an, mt, out, DIXIT_MIXED, st->tok_start, s0, s1, RULE_SENTENCE_UNCUED))
            return false;
        covered = s1;
    }
    return !out->failed;
}
