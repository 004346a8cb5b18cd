/*
 * extent.c: how far each kept record's cue runs in the text.
 *
 * The rules find a cue by its verb and the words they need to read it;
 * which words around it the cue's span holds is a convention of the
 * annotation, settled here once the scorer has chosen: the scorer reads
 * the words next to the cue as the rules found it, which is what its
 * weights were trained on.
 */
#include "analysis.h"
#include "cues.h"
#include "extent.h"
#include "lexicon.h"
#include "mentions.h"
#include "segment.h"

/* The byte of the apostrophe of an auxiliary contracted onto the pronoun
 * just before a cue that starts at token k: "he’s predicting", "they’ve
 * suggested", "who’d said". The auxiliary is part of the verb, like "has"
 * in "has said", so the cue starts there. SIZE_MAX when the word before
 * is no pronoun with such an auxiliary: "Trump’s claim" is a possessive. */
static size_t contracted_aux(const analysis *an, size_t k)
{
    if (k == 0 || k >= an->ntoks || an->toks[k - 1].kind != TK_WORD ||
        an->toks[k - 1].sent != an->toks[k].sent)
        return SIZE_MAX;
    const char *w = tok_text(an, k - 1);
    size_t n = tok_len(an, k - 1), ap = contraction_stem(w, n);
    if (ap >= n)
        return SIZE_MAX;
    const lex_entry *host = lex_get(an->lx, w, ap), *aux = lex_get(an->lx, w + ap, n - ap);
    if (!lex_has(aux, an->lang, LX_AUX) ||
        !(lex_has(host, an->lang, LX_PRONOUN) || (host && (host->wc[an->lang] & WC_CONTRACTS))))
        return SIZE_MAX;
    return an->toks[k - 1].start + ap;
}

/* "issued a statement saying X", "sent a letter this week urging X": a
 * cue in -ing that tells what a document or an event the subject produced
 * says; the verb that produced it, with its object, is the act of speech,
 * so the cue opens there. k is the cue's first token; the token the cue
 * starts at is returned (k when there is no such verb). */
static size_t produced_channel(const analysis *an, size_t k)
{
    if (k < 3 || !lex_suffix(an->endings, an->lang, SX_GERUND, tok_text(an, k), tok_len(an, k)))
        return k;
    size_t j = k - 1, s = an->toks[k].sent;
    while (j > 0 && an->toks[j].kind == TK_WORD && tok_has(an, j, LX_TIME))
        j--; /* "a statement Wednesday saying" */
    if (an->toks[j].kind != TK_WORD || !tok_has(an, j, LX_CHANNEL) || (an->toks[j].flags & TF_CAP))
        return k;
    size_t d = j; /* the article, over at most two modifiers */
    while (d > 0 && d + 3 > j && an->toks[d - 1].kind == TK_WORD && !(an->toks[d - 1].flags & TF_CAP) &&
           !tok_has(an, d - 1, LX_DET) && !tok_class(an, d - 1, WC_INDEF))
        d--;
    if (d == 0 || !(tok_has(an, d - 1, LX_DET) || tok_class(an, d - 1, WC_INDEF)) || d < 2)
        return k;
    size_t v = d - 2; /* "put out a statement": the particle, then its verb */
    if (tok_class(an, v, WC_PHRASAL) && v > 0)
        v--;
    if (an->toks[v].kind != TK_WORD || an->toks[v].sent != s || (an->toks[v].flags & TF_CAP) ||
        tok_has(an, v, LX_STOP | LX_PREP | LX_DET | LX_PRONOUN | LX_AUX | LX_TIME))
        return k;
    return v;
}

/* "…," he said in a statement. / "…," she wrote on Twitter.: a cue that
 * closes its sentence after the content keeps the channel phrase that
 * ends the sentence with it, the way it keeps its auxiliaries. l is the
 * cue's last token; the new last token is returned (l when none). */
static size_t closing_channel(const analysis *an, size_t l)
{
    size_t j = l + 1;
    if (j + 2 >= an->ntoks ||
        !tok_class_in(an, j, LANG_EN, WC_VENUE)) /* French: "a-t-il dit dans un communiqué" keeps its cue */
        return l;
    j++;
    if (tok_has(an, j, LX_DET) || tok_class(an, j, WC_INDEF))
        j++;
    size_t first = j;
    while (j < an->ntoks && j < first + 3 && an->toks[j].kind == TK_WORD && !tok_has(an, j, LX_CHANNEL) &&
           !tok_has(an, j, LX_STOP))
        j++;
    if (j + 1 >= an->ntoks || an->toks[j].kind != TK_WORD || !tok_has(an, j, LX_CHANNEL) ||
        !tok_is_punct(an, j + 1, '.') || an->toks[j].sent != an->toks[l].sent)
        return l;
    return j;
}

/* The classes (VC_*) of the verb that ends the cue of record a, whose
 * span holds tokens [f, l]. */
static uint32_t cue_classes(const analysis *an, size_t f, size_t l)
{
    cue_match m;
    for (size_t j = f; j <= l; j++)
        if (cue_at(an, j, &m) && m.tok_last == l)
            return lex_cue(an->lx, m.cue)->classes;
    return 0;
}

/* "expressed concern that X", "expressed doubts about X": the noun
 * object of a light verb names an attitude and is part of the predicate,
 * like "worried that X"; the clause or the object of the preposition
 * after it is what was said. The content starts at token k, right after
 * the cue; the noun phrase is short (an article, a modifier, the noun),
 * and one the speaker owns ("their support for") stays content, as does
 * an attitude to a person named by a pronoun. */
static void light_object(const analysis *an, dixit_attribution *a, size_t k)
{
    size_t n = k;
    if (n < an->ntoks && tok_class(an, n, WC_INDEF))
        n++;
    size_t first = n;
    while (n < an->ntoks && n < first + 2 && an->toks[n].kind == TK_WORD && !(an->toks[n].flags & TF_CAP) &&
           !tok_has(an, n, LX_DET | LX_PRONOUN | LX_STOP | LX_AUX) && !tok_class(an, n, WC_THAT))
        n++;
    /* "solidarity for her": a person, no content of its own */
    if (n == first || n + 1 >= an->ntoks || an->toks[n + 1].kind != TK_WORD ||
        an->toks[n + 1].start >= a->content.end || an->toks[n].sent != an->toks[k].sent ||
        tok_has(an, n + 1, LX_PRONOUN) || tok_class(an, n + 1, WC_OBJECT))
        return;
    if (tok_class(an, n, WC_THAT)) {
        a->cue.span.end = an->toks[n - 1].end;
        a->content.start = an->toks[n + 1].start;
    } else if (tok_class(an, n, WC_ABOUT | WC_FOR | WC_WITH | WC_VENUE)) {
        a->cue.span.end = an->toks[n].end;
        a->content.start = an->toks[n + 1].start;
    }
}

void extent_cues(const analysis *an, dixit_attribution *a, size_t n)
{
    size_t hint = 0;
    for (size_t i = 0; i < n; i++) {
        if (!a[i].cue.present)
            continue;
        size_t k = tok_index_near(an, a[i].cue.span.start, hint);
        if (k >= an->ntoks || an->toks[k].start != a[i].cue.span.start)
            continue;
        hint = k;
        size_t v = produced_channel(an, k);
        if (v != k)
            a[i].cue.span.start = an->toks[v].start;
        size_t ap = contracted_aux(an, v);
        if (ap != SIZE_MAX)
            a[i].cue.span.start = ap;
        /* the content right after the cue, in one piece */
        size_t l = tok_index_near(an, a[i].cue.span.end - 1, k), c = l + 1;
        if (a[i].content.end <= a[i].cue.span.start) {
            size_t e = closing_channel(an, l);
            a[i].cue.span.end = an->toks[e].end;
            continue;
        }
        if (a[i].type == DIXIT_DIRECT || a[i].nparts > 1 || c + 1 >= an->ntoks)
            continue;
        /* "warned of X", "was accused of X" whose content the rules read
         * after the "of": the preposition goes with the verb */
        if (tok_class(an, c, WC_OF) && an->toks[c + 1].start == a[i].content.start) {
            a[i].cue.span.end = an->toks[c].end;
            continue;
        }
        if (an->toks[c].start != a[i].content.start)
            continue;
        if (cue_classes(an, k, l) & VC_LIGHT)
            light_object(an, &a[i], c);
        else if (tok_class(an, c, WC_OF) && an->toks[c + 1].kind == TK_WORD &&
                 an->toks[c + 1].start < a[i].content.end) {
            /* "warned of X", "is accused of X": the verb's preposition
             * goes with it, as "about" does in "talked about X" */
            a[i].cue.span.end = an->toks[c].end;
            a[i].content.start = an->toks[c + 1].start;
        }
    }
}
