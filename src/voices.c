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
#include "segment.h"
#include "voices.h"
#include "zones.h"

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

/* Was record r said inside the content of record o ("X a souligné que le
 * président propose …": the cue and the content of "propose" lie in X's
 * content)? */
static bool said_inside(const dixit_attribution *o, const dixit_attribution *r)
{
    return o->content.start <= r->cue.span.start && r->cue.span.start < o->content.end &&
           r->content.end <= o->content.end;
}

/* The letters and digits of text[a, b), ASCII lowercased, into out (at
 * most cap bytes): "Comment Sarkozy s'est-il …" and "comment Sarkozy
 * s'est-il …?" compare equal. Returns the length. */
static size_t letters(const char *text, uint32_t a, uint32_t b, char *out, size_t cap)
{
    size_t n = 0;
    for (uint32_t i = a; i < b && n < cap; i++) {
        unsigned char ch = (unsigned char)text[i];
        if (ch >= 'A' && ch <= 'Z')
            out[n++] = (char)(ch - 'A' + 'a');
        else if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch >= 0x80)
            out[n++] = (char)ch;
    }
    return n;
}

/* Does b[0, bn) hold h[0, hn) (hn > 0)? */
static bool holds(const char *b, size_t bn, const char *h, size_t hn)
{
    for (const char *p = b; bn >= hn && (p = memchr(p, h[0], bn - hn + 1 - (size_t)(p - b))) != NULL; p++)
        if (memcmp(p, h, hn) == 0)
            return true;
    return false;
}

/* Echoes between headline and body compare the letters of two contents:
 * fewer than MIN_LETTERS match too much; a headline holds a few
 * quotations, so at most HEADLINES_MAX are read (a first paragraph of
 * thousands, no real headline, stays linear). */
enum { MIN_LETTERS = 12, HEADLINES_MAX = 8 };

/* Does record r's content open in the headline? Only the first paragraph
 * is ever one (zones.c), and the token at the content's start (the first
 * that ends after it, tok_index) is in it exactly when the paragraph's
 * last token ends after that start: no search, asked of every record. */
static bool in_headline(const analysis *an, const dixit_attribution *r)
{
    if (!an->nparas || an->paras[0].zone != ZONE_HEADLINE || !an->paras[0].tok_end)
        return false;
    return r->content.start < an->toks[an->paras[0].tok_end - 1].end;
}

/* A headline quotation no rule gave a speaker ("Affaire X : « Comment
 * a-t-il pu … ? »") is often said again in the body, with its cue: it
 * takes the speaker of the first body record whose content holds its
 * words (ANNOTATION.md: a headline quotation goes to the speaker the body
 * identifies). Each headline reads the body records once. */
static void headline_echoes(const analysis *an, dixit_attribution *a, size_t n)
{
    enum { HEAD_MAX = 160 };
    char h[HEAD_MAX], b[HEAD_MAX * 4];
    for (size_t i = 0, heads = 0; i < n && heads < HEADLINES_MAX; i++) {
        dixit_party *sp = &a[i].speaker;
        if (!in_headline(an, &a[i]) || (sp->present && sp->name && sp->resolved_by))
            continue;
        heads++;
        size_t hn = letters(an->text, a[i].content.start, a[i].content.end, h, sizeof h);
        if (hn < MIN_LETTERS || hn == sizeof h)
            continue;
        for (size_t j = 0; j < n; j++) {
            const dixit_party *bp = &a[j].speaker;
            if (j == i || !bp->present || !bp->name || !bp->resolved_by ||
                a[j].content.start < a[i].content.end)
                continue;
            size_t bn = letters(an->text, a[j].content.start, a[j].content.end, b, sizeof b);
            if (holds(b, bn, h, hn)) {
                *sp = *bp; /* its mention: where the body names the voice */
                sp->resolved_by = DIXIT_BY_CONTEXT;
                break;
            }
        }
    }
}

/* A body record said by a description ("son ancienne adjointe, qui a
 * affirmé que « la réforme … »", "the nominee said …") whose words a
 * headline gives with a name ("Odile Marchal estime que « la réforme …
 * »") is that person's: headlines name whom the body describes. The name
 * is then noted as a speaker, so the pronouns after it mean that person.
 * Reads at most the first HEADLINES_MAX records. */
static void description_echo(analysis *an, mention_table *mt, dixit_attribution *a, size_t n,
                             dixit_attribution *r)
{
    enum { ECHO_MAX = 600 };
    dixit_party *sp = &r->speaker;
    if (!sp->present || sp->resolved_by != DIXIT_BY_DESCRIPTION || sp->kind != DIXIT_KIND_PERSON ||
        in_headline(an, r))
        return;
    char h[ECHO_MAX], b[ECHO_MAX];
    size_t bn = letters(an->text, r->content.start, r->content.end, b, sizeof b);
    for (size_t i = 0; i < n && i < HEADLINES_MAX && &a[i] < r && in_headline(an, &a[i]); i++) {
        const dixit_party *hp = &a[i].speaker;
        if (!hp->present || !hp->name || hp->kind != DIXIT_KIND_PERSON ||
            (hp->resolved_by != DIXIT_BY_NAME && hp->resolved_by != DIXIT_BY_SURNAME))
            continue;
        size_t hn = letters(an->text, a[i].content.start, a[i].content.end, h, sizeof h);
        if (hn < MIN_LETTERS || bn < MIN_LETTERS || hn == sizeof h || bn == sizeof b ||
            !(hn <= bn ? holds(b, bn, h, hn) : holds(h, hn, b, bn)))
            continue;
        sp->name = hp->name;
        sp->resolved_by = DIXIT_BY_ROLE;
        sp->entity = mentions_assign_entity(mt, sp->name);
        mentions_note_speaker(an, mt, sp, G_UNKNOWN);
        return;
    }
}

/* A description the ranking model left as written ("Le chef de l'Etat a
 * assuré …") whose very words it read elsewhere in the article as one
 * person ("…, a déclaré le chef de l'Etat": Emmanuel Macron, by the role
 * the article gave him) is that person: one article's "le chef de l'Etat"
 * is one person, and the store can link a name across articles, not a
 * description. Words compared as letters (case and spacing aside); two
 * people read so from the same words leave it as written. */
static void same_description(analysis *an, mention_table *mt, dixit_attribution *a, size_t n)
{
    enum { DESC_MAX = 120 };
    char d[DESC_MAX], o[DESC_MAX];
    for (size_t i = 0; i < n; i++) {
        dixit_party *sp = &a[i].speaker;
        /* (a role told apart by its words, "chef de l'Etat", "Premier
         * ministre": the model reads a bare "le président" or "the
         * president" as whoever it last saw given some presidency) */
        if (!sp->present || sp->resolved_by != DIXIT_BY_DESCRIPTION || sp->kind != DIXIT_KIND_PERSON ||
            !sp->name || !strchr(sp->name, ' '))
            continue;
        size_t dn = letters(an->text, sp->mention.start, sp->mention.end, d, sizeof d);
        char nm[DESC_MAX];
        size_t nn = letters(sp->name, 0, (uint32_t)strlen(sp->name), nm, sizeof nm);
        if (nn > dn || memcmp(d + dn - nn, nm, nn))
            continue; /* its mention is no description ("qui") */
        const dixit_party *who = NULL;
        for (size_t j = 0; j < n && dn && dn < sizeof d; j++) {
            const dixit_party *op = &a[j].speaker;
            if (!op->present || op->resolved_by != DIXIT_BY_ROLE || !op->name ||
                op->kind != DIXIT_KIND_PERSON ||
                letters(an->text, op->mention.start, op->mention.end, o, sizeof o) != dn || memcmp(o, d, dn))
                continue;
            if (who && strcmp(who->name, op->name)) {
                who = NULL; /* two people of those words: neither */
                break;
            }
            who = op;
        }
        if (who) {
            sp->name = who->name;
            sp->resolved_by = DIXIT_BY_ROLE;
            sp->entity = mentions_assign_entity(mt, sp->name);
        }
    }
}

bool voices_settle(analysis *an, mention_table *mt, vec *out)
{
    dixit_attribution *a = out->data;
    const dixit_attribution *outer = NULL;
    for (size_t i = 0; i < out->len; i++) {
        dixit_attribution *r = &a[i];
        uint8_t g = G_UNKNOWN, other = G_UNKNOWN;
        bool pending = mentions_pending(mt, &r->speaker);
        if (!mentions_settle(an, mt, &r->speaker, &g) || !mentions_settle(an, mt, &r->addressee, &other) ||
            !mentions_settle(an, mt, &r->source, &other))
            return false;
        bool nested = outer && said_inside(outer, r);
        if (!nested)
            description_echo(an, mt, a, out->len, r);
        if (pending && r->speaker.resolved_by == DIXIT_BY_PRONOUN) {
            r->speaker.entity = mentions_assign_entity(mt, r->speaker.name);
            if (!nested)
                mentions_note_speaker(an, mt, &r->speaker, g);
        }
        if (!nested && (!outer || r->content.end > outer->content.end))
            outer = r;
    }
    headline_echoes(an, a, out->len);
    same_description(an, mt, a, out->len);
    return true;
}
