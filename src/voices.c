/*
 * voices.c: pronouns settled in text order.
 *
 * The rules run one after another over the whole article: attribute.c
 * takes every quotation with its cue, then reported.c every reported
 * clause. A pronoun found by either ("a-t-il ajouté", "he said") means
 * someone named or quoted before it, whichever rule found them; so the
 * rules leave it pending (mentions.c) and this pass, over the records in
 * text order, asks the ranking model (antecedent.c) who each pending
 * pronoun is, noting each speaker as soon as it is known. A copy of a
 * pending party (the voice of a floating quotation, a participle that
 * continues its sentence's speaker) is settled with it.
 *
 * A record said inside the content of the one before it ("X a souligné
 * que le président propose …") is not the article's voice: its speaker
 * is not noted.
 */
#include "alloc.h"
#include "analysis.h"
#include "mentions.h"
#include "voices.h"

#include <stdbool.h>
#include <stddef.h>

/* Was record r said inside the content of record o? */
static bool inside(const dixit_attribution *o, const dixit_attribution *r)
{
    return o->content.start <= r->cue.span.start && r->cue.span.start < o->content.end &&
           r->content.end <= o->content.end;
}

bool voices_settle(analysis *an, mention_table *mt, vec *out)
{
    dixit_attribution *a = out->data;
    const dixit_attribution *outer = NULL;
    for (size_t i = 0; i < out->len; i++) {
        dixit_attribution *r = &a[i];
        uint8_t g = G_UNKNOWN, other = G_UNKNOWN;
        bool pending = mentions_pending(an, mt, &r->speaker);
        if (!mentions_settle(an, mt, &r->speaker, &g) || !mentions_settle(an, mt, &r->addressee, &other) ||
            !mentions_settle(an, mt, &r->source, &other))
            return false;
        bool nested = outer && inside(outer, r);
        if (pending && r->speaker.resolved_by == DIXIT_BY_PRONOUN) {
            r->speaker.entity = mentions_assign_entity(mt, r->speaker.name);
            if (!nested)
                mentions_note_speaker(an, mt, &r->speaker, g);
        }
        if (!nested && (!outer || r->content.end > outer->content.end))
            outer = r;
    }
    return true;
}
