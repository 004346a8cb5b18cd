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
#include "people.h"
#include "segment.h"
#include "utf8.h"
#include "voices.h"
#include "zones.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
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

/* A description the article's words resolve to the person or body
 * `name`: the speaker is named, resolved by its role. */
static void name_by_role(mention_table *mt, dixit_party *sp, const char *name)
{
    sp->name = name;
    sp->resolved_by = DIXIT_BY_ROLE;
    sp->entity = mentions_assign_entity(mt, name);
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
        name_by_role(mt, sp, hp->name);
        mentions_note_speaker(an, mt, sp, G_UNKNOWN);
        return;
    }
}

/* How far back a noun of a news medium looks for the medium: records. */
enum { PRESS_BACK = 24 };

/* Is party p a medium the article named: a capitalised name, of an
 * organisation or opening on no first name ("Le Figaro", "Nice-Matin",
 * "Gala"; not "ancien ministre PS")? */
static bool medium_named(const analysis *an, const dixit_party *p)
{
    if (!p->present || !p->name || (p->resolved_by != DIXIT_BY_NAME && p->resolved_by != DIXIT_BY_SURNAME) ||
        p->name[0] < 'A' || p->name[0] > 'Z')
        return false;
    if (p->kind == DIXIT_KIND_ORGANIZATION)
        return true;
    const lex_entry *e = lex_get(an->lx, p->name, strcspn(p->name, " "));
    return p->kind == DIXIT_KIND_PERSON && !(e && (e->flags & LX_FIRSTNAME));
}

/* "…, écrit l'hebdomadaire", "selon le quotidien": a description headed
 * by a noun of a news medium (data/roles.fr.tsv, kind press) is the
 * medium the records before named as a voice or a relay ("rapporte
 * Nice-Matin", "selon L'Express"); the nearest one is taken. */
static void press_noun(const analysis *an, mention_table *mt, dixit_attribution *a, size_t i)
{
    dixit_party *sp = &a[i].speaker;
    if (!sp->present || !sp->name || sp->resolved_by != DIXIT_BY_DESCRIPTION)
        return;
    const lex_entry *h = lex_get_lower(an->lx, sp->name, strcspn(sp->name, " "));
    if (!h || !(h->flags & LX_PRESS))
        return;
    for (size_t j = i; j-- > 0 && j + PRESS_BACK > i;) {
        const dixit_party *named[2] = {&a[j].speaker, &a[j].source};
        for (int w = 0; w < 2; w++)
            if (medium_named(an, named[w]) && named[w]->mention.end <= sp->mention.start) {
                name_by_role(mt, sp, named[w]->name);
                sp->kind = named[w]->kind;
                /* (the medium relays no words of its own) */
                if (a[i].source.present && a[i].source.name && strcmp(a[i].source.name, sp->name) == 0) {
                    memset(&a[i].source, 0, sizeof a[i].source);
                    a[i].source.entity = -1;
                }
                return;
            }
    }
}

enum {
    DESC_MAX = 120, /* letters of a description compared */
    DESC_WORDS = 8  /* words of a description beside a name, at most */
};

/* A description's words as a key: its determiner's letters ("*" for
 * none), "|", then the letters of tokens [a, b]; its length, 0 when it
 * does not fit. */
static size_t desc_key_of(const analysis *an, size_t det, size_t a, size_t b, char *out, size_t cap)
{
    size_t n = det == SIZE_MAX ? (out[0] = '*', 1)
                               : letters(an->text, an->toks[det].start, an->toks[det].end, out, cap - 1);
    out[n++] = '|';
    size_t w = letters(an->text, an->toks[a].start, an->toks[b].end, out + n, cap - n);
    return w && n + w < cap ? n + w : 0;
}

/* A description's key and whom it names: a description beside a name
 * ("le Premier ministre, Jean Castex"), or the mention of a record the
 * ranking model read as a person ("le chef de l'Etat": Emmanuel Macron).
 * Sorted once, looked up by binary search: an article of thousands of
 * names and records stays n log n. */
typedef struct desc_key {
    const char *key;
    size_t len;
    const char *name;
} desc_key;

static int by_desc_key(const void *a, const void *b)
{
    const desc_key *x = a, *y = b;
    int c = memcmp(x->key, y->key, x->len < y->len ? x->len : y->len);
    return c ? c : (x->len > y->len) - (x->len < y->len);
}

static bool add_key(analysis *an, vec *v, const char *key, size_t len, const char *name)
{
    desc_key *k = len ? vec_push(v) : NULL;
    if (len && !k)
        return false;
    if (k)
        *k = (desc_key){arena_strndup(an->ar, key, len), len, name};
    return !k || k->key;
}

/* The keys of the descriptions beside the name at tokens [n0, n1]: before
 * it after a determiner ("la garde des Sceaux Nicole Belloubet", "le
 * Premier ministre, Jean Castex"; not "l'ancien Premier ministre X" for
 * "le Premier ministre", nor "his friend X" for "her friend": the
 * determiner is in the key), or after it, a comma between, up to the
 * punctuation that ends it ("Jean Castex, le Premier ministre,"; not
 * "Premier ministre de la Guinée"). */
static bool keys_beside(analysis *an, vec *v, size_t n0, size_t n1, const char *name)
{
    char key[DESC_MAX];
    size_t sent = an->toks[n0].sent, k = n0;
    if (k > 0 && tok_is_punct(an, k - 1, ','))
        k--;
    for (size_t s = k; s > 1 && s + DESC_WORDS > k && an->toks[s - 1].sent == sent; s--)
        if (np_is_det(an, s - 2) && an->toks[s - 2].sent == sent &&
            !add_key(an, v, key, desc_key_of(an, s - 2, s - 1, k - 1, key, sizeof key), name))
            return false;
    k = n1 + 1;
    if (k >= an->ntoks || !tok_is_punct(an, k, ','))
        return true;
    size_t det = k + 1 < an->ntoks && np_is_det(an, k + 1) ? k + 1 : SIZE_MAX,
           a = det == SIZE_MAX ? k + 1 : det + 1;
    size_t e = a;
    while (e < an->ntoks && e < a + DESC_WORDS && an->toks[e].sent == sent &&
           (an->toks[e].kind == TK_WORD || an->toks[e].kind == TK_NUM))
        e++;
    if (e == a || e == a + DESC_WORDS || (e < an->ntoks && an->toks[e].sent != sent))
        return true;
    return add_key(an, v, key, desc_key_of(an, det, a, e - 1, key, sizeof key), name);
}

/* The one person the sorted keys give key: NULL when none, or two
 * ("Castex" and "Jean Castex" are one, the fuller kept). */
static const char *look_up(const vec *v, const char *key, size_t len, const char *who, bool *two)
{
    const desc_key *ks = v->data;
    desc_key want = {key, len, NULL};
    size_t lo = 0, hi = v->len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (by_desc_key(&ks[mid], &want) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < v->len && !by_desc_key(&ks[i], &want); i++) {
        const char *f = ks[i].name;
        size_t fl = strlen(f), wl = who ? strlen(who) : 0;
        const char *sh = fl < wl ? f : who, *lg = fl < wl ? who : f;
        size_t sl = fl < wl ? fl : wl, ll = fl < wl ? wl : fl;
        if (who && strcmp(who, f) && !(ll > sl && !strcmp(lg + ll - sl, sh) && lg[ll - sl - 1] == ' ')) {
            *two = true;
            return NULL;
        }
        if (!who || fl > wl)
            who = f;
    }
    return who;
}

/* The keys of the article: descriptions beside the names the scan found
 * (beside), and the mentions of the records the model read as a person
 * by their role (elsewhere). False when memory ran out. */
static bool article_keys(analysis *an, const mention_table *mt, const dixit_attribution *a, size_t n,
                         vec *beside, vec *elsewhere)
{
    const person *ps = mt->people.data;
    /* the scan is sorted by start: each name's tokens are found from the
     * last one's, not by a search of the whole article */
    size_t near = 0;
    for (size_t i = 0; i < mt->nscan; i++) {
        if (ps[i].end <= ps[i].start)
            continue;
        size_t k0 = tok_index_near(an, ps[i].start, near);
        near = tok_index_near(an, ps[i].end - 1, k0);
        if (!keys_beside(an, beside, k0, near, ps[i].full))
            return false;
    }
    char key[DESC_MAX];
    for (size_t j = 0; j < n; j++) {
        const dixit_party *op = &a[j].speaker;
        if (!op->present || op->resolved_by != DIXIT_BY_ROLE || !op->name || op->kind != DIXIT_KIND_PERSON)
            continue;
        size_t kn = letters(an->text, op->mention.start, op->mention.end, key, sizeof key);
        if (kn < sizeof key && !add_key(an, elsewhere, key, kn, op->name))
            return false;
    }
    /* (an empty vector has no array: qsort must not see it) */
    if (beside->len)
        qsort(beside->data, beside->len, sizeof(desc_key), by_desc_key);
    if (elsewhere->len)
        qsort(elsewhere->data, elsewhere->len, sizeof(desc_key), by_desc_key);
    return true;
}

/* Whom the description of record speaker sp means, by the article's keys:
 * the one person the article names with it beside the name, or else
 * (a description of several words only) the one person the model read
 * its very words as elsewhere; NULL when none. */
static const char *described_as(analysis *an, const dixit_party *sp, const vec *beside, const vec *elsewhere)
{
    char d[DESC_MAX], nm[DESC_MAX], key[DESC_MAX];
    size_t dn = letters(an->text, sp->mention.start, sp->mention.end, d, sizeof d);
    size_t nn = letters(sp->name, 0, (uint32_t)strlen(sp->name), nm, sizeof nm);
    if (!nn || nn > dn || dn == sizeof d || memcmp(d + dn - nn, nm, nn))
        return NULL; /* its mention is no description ("qui") */
    /* the description's words: its mention past its determiners
     * ("l'ancien": the last is kept for the key) */
    size_t d0 = tok_index(an, sp->mention.start), d1 = tok_index_near(an, sp->mention.end - 1, d0);
    while (d0 < d1 && np_is_det(an, d0 + 1))
        d0++;
    size_t det = d0++;
    if (d0 > d1 || d1 >= an->ntoks || !np_is_det(an, det))
        return NULL;
    /* beside a name, a role's words only: "l'hebdomadaire, Virginie
     * Calmels" or "le cancer, Elisabete Weiderpass" close a phrase the
     * name is no apposition of */
    bool role = false, two = false;
    for (size_t k = d0; k <= d1; k++)
        role = role || tok_has(an, k, LX_ROLE);
    const char *who = NULL;
    if (role) {
        who = look_up(beside, key, desc_key_of(an, det, d0, d1, key, sizeof key), NULL, &two);
        who =
            two ? NULL : look_up(beside, key, desc_key_of(an, SIZE_MAX, d0, d1, key, sizeof key), who, &two);
    }
    /* (read elsewhere, a role told apart by its words only, "chef de
     * l'Etat": the model reads a bare "le président" or "the president"
     * as whoever it last saw given some presidency) */
    if (!who && !two && strchr(sp->name, ' '))
        who = look_up(elsewhere, d, dn, NULL, &two);
    return two ? NULL : who;
}

/* A description the ranking model left as written ("Le chef de l'Etat a
 * assuré …") is the one person the article names with it, beside the
 * name ("la préfète de l'Isère Anne Roy", "Jean Castex, Premier
 * ministre"), or else the one person the model read its very words as
 * elsewhere ("…, a poursuivi le chef de l'Etat": Emmanuel Macron): one
 * article's "le chef de l'Etat" is one person, and the store can link a
 * name across articles, not a description. Words compared as letters
 * (case and spacing aside); two people so leave it as written. False
 * when memory ran out. */
static bool same_description(analysis *an, mention_table *mt, dixit_attribution *a, size_t n)
{
    size_t want = 0;
    for (size_t i = 0; i < n; i++)
        want += a[i].speaker.present && a[i].speaker.resolved_by == DIXIT_BY_DESCRIPTION;
    if (!want)
        return true; /* (no description: no keys to make) */
    vec beside, elsewhere;
    vec_init(&beside, an->ar->alloc, sizeof(desc_key));
    vec_init(&elsewhere, an->ar->alloc, sizeof(desc_key));
    bool ok = article_keys(an, mt, a, n, &beside, &elsewhere);
    for (size_t i = 0; ok && i < n; i++) {
        dixit_party *sp = &a[i].speaker;
        if (!sp->present || sp->resolved_by != DIXIT_BY_DESCRIPTION || sp->kind != DIXIT_KIND_PERSON ||
            !sp->name || sp->mention.end <= sp->mention.start)
            continue;
        const char *who = described_as(an, sp, &beside, &elsewhere);
        if (who) {
            const person *f = by_surname(mt, who, strlen(who), G_UNKNOWN);
            name_by_role(mt, sp, f ? f->full : who);
        }
    }
    vec_free(&beside);
    vec_free(&elsewhere);
    return ok;
}

/* Is token k a French definite article ("le", "la", "l'"): the class of
 * the clause pronoun, which is the same word, or the feminine article
 * that is not the indefinite? A definite role ("le ministre") may mean
 * someone just named; "un ancien ministre" is someone else, and "son
 * conseiller" someone of the person named. *g, when unknown, gets the
 * gender it says: "le chef de l'Etat" is no woman just named, though the
 * role word says no gender ("l'" says none). */
static bool definite_fr(const analysis *an, size_t k, uint8_t *g)
{
    if (an->lang != LANG_FR || !np_is_det(an, k))
        return false;
    /* (any case: "Le chef de l'Etat a assuré" opens its sentence) */
    bool fem = tok_class_ci(an, k, WC_FEM) && !tok_class_ci(an, k, WC_INDEF);
    if (!fem && !tok_class_ci(an, k, WC_LE))
        return false;
    size_t at = 0;
    if (*g == G_UNKNOWN && cp_is_letter_u(utf8_prev(an->text, an->toks[k].end, &at)))
        *g = fem ? G_FEM : G_MASC;
    return true;
}

/* Records read on either side of a role for its candidate's words, and
 * tokens of each content: a bound, so that an article of thousands of
 * records stays linear. */
enum { SPEAKS_NEAR = 8, SPEAKS_TOKENS = 400 };

/* Does a record of `who` near record i hold the role word `role` in its
 * content ("la police municipale est sous l'autorité du Préfet", said by
 * the mayor just before)? Then the role is someone that person speaks of,
 * not that person. */
static bool speaks_of(const analysis *an, const dixit_attribution *a, size_t n, size_t i, const char *who,
                      const lex_entry *role)
{
    for (size_t j = i > SPEAKS_NEAR ? i - SPEAKS_NEAR : 0; j < n && j <= i + SPEAKS_NEAR; j++) {
        const dixit_party *p = &a[j].speaker;
        if (!p->present || !p->name || strcmp(p->name, who) || a[j].content.end <= a[j].content.start)
            continue;
        size_t k0 = tok_index(an, a[j].content.start);
        for (size_t k = k0; k < an->ntoks && k < k0 + SPEAKS_TOKENS && an->toks[k].start < a[j].content.end;
             k++)
            if (tok_lex(an, k) == role)
                return true;
    }
    return false;
}

/* Does a word of tokens [a, b] end name `who` ("le père de
 * Jean-Christophe", a relation of Jean-Christophe Morin's, not him)? */
static bool names_in(const analysis *an, size_t a, size_t b, const char *who)
{
    const char *w = strrchr(who, ' ');
    w = w ? w + 1 : who;
    size_t wl = strlen(w);
    for (size_t k = a; k <= b && k < an->ntoks; k++)
        if (tok_len(an, k) == wl && !memcmp(tok_text(an, k), w, wl))
            return true;
    return false;
}

/* A definite role no one in the article is given ("Jean Castex a décidé
 * …", then "a vanté le Premier ministre"; "a rappelé Gérald Darmanin",
 * then "a ajouté le ministre de l'Intérieur") means the person just
 * named, as a pronoun would (antecedent_holder: named in full in the
 * sentences just before, given no role, of the gender the role or its
 * article says), unless that person's own words speak of the role. The
 * store links names across articles, never a description: one
 * article's "le Premier ministre" is another's someone else. */
static void role_holders(analysis *an, mention_table *mt, dixit_attribution *a, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        dixit_party *sp = &a[i].speaker;
        if (!sp->present || sp->resolved_by != DIXIT_BY_DESCRIPTION || sp->kind != DIXIT_KIND_PERSON ||
            !sp->name || sp->mention.end <= sp->mention.start)
            continue;
        size_t d = tok_index(an, sp->mention.start), e = tok_index(an, sp->mention.end - 1);
        while (d < e && np_is_det(an, d + 1))
            d++;
        const lex_entry *role = NULL;
        bool two = false, bare = true; /* (bare: no "de" after the role) */
        for (size_t k = d + 1; k <= e && k < an->ntoks; k++) {
            bare = bare && !(role && tok_class(an, k, WC_DE | WC_DU));
            if (!role && tok_has(an, k, LX_ROLE))
                role = tok_lex(an, k);
            two = two || (tok_class(an, k, WC_AND) && k + 2 <= e && tok_has(an, k + 2, LX_ROLE));
        }
        /* (a capitalised article within its sentence opens a name, "a
         * estimé Le Maire"; "l'actrice et le chanteur" are two roles) */
        if (two || ((an->toks[d].flags & TF_CAP) && d > an->sents[an->toks[d].sent].tok_start))
            continue;
        uint8_t g = role ? role->gender : G_UNKNOWN;
        if (!role || !definite_fr(an, d, &g))
            continue;
        /* (after its cue, "a ajouté le ministre", as "a-t-il ajouté") */
        bool after = a[i].cue.span.end <= sp->mention.start;
        const char *who = antecedent_holder(an, mt, d, g, after, role, bare, sp->mention.start);
        if (!who || speaks_of(an, a, n, i, who, role) || names_in(an, d, e, who))
            continue;
        name_by_role(mt, sp, who);
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
        press_noun(an, mt, a, i);
        if (pending && r->speaker.resolved_by == DIXIT_BY_PRONOUN) {
            r->speaker.entity = mentions_assign_entity(mt, r->speaker.name);
            if (!nested)
                mentions_note_speaker(an, mt, &r->speaker, g);
        }
        if (!nested && (!outer || r->content.end > outer->content.end))
            outer = r;
    }
    headline_echoes(an, a, out->len);
    if (!same_description(an, mt, a, out->len))
        return false;
    role_holders(an, mt, a, out->len);
    return true;
}
