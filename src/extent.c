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
        size_t ap = contracted_aux(an, k);
        if (ap != SIZE_MAX)
            a[i].cue.span.start = ap;
    }
}
