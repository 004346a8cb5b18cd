/*
 * mentions.c: noun phrases at cues, person names, and resolution of a
 * speaker mention to the fullest name the article gives.
 *
 * A noun phrase here is found without a parser: a determiner, then words
 * that are not prepositions, conjunctions or verbs, with de/of linking
 * nouns, up to NP_MAX words; an apposition "…, Dana Ruiz" after a role
 * names the role. Person names are capitalised runs that start with a known
 * first name or follow an honorific (M., Mme, Mr., Dr.); a later surname
 * alone ("Poutine") takes the full name ("Vladimir Poutine"). A pronoun
 * takes the nearest person before it whose gender agrees: this is the
 * first step of coreference, which the speakers issue deepens.
 */
#include "alloc.h"
#include "analysis.h"
#include "cues.h"
#include "lexicon.h"
#include "mentions.h"
#include "people.h"
#include "segment.h"
#include "utf8.h"
#include "zones.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#define NP_MAX 10
#define NAME_MAX 8 /* words in a person's name, at most */

static size_t surname_bucket(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h % SURNAME_BUCKETS;
}

/* Does person entry q repeat p for by_surname: the same name, surname
 * and gender? */
static bool repeats(const person *p, const person *q)
{
    return p->full && q->full && p->gender == q->gender && p->full_len == q->full_len &&
           p->surname_len == q->surname_len && memcmp(p->full, q->full, p->full_len) == 0 &&
           memcmp(p->surname, q->surname, p->surname_len) == 0;
}

/* How far along its chain a new entry looks for one it repeats. */
#define REPEAT_REACH 4

/* Puts the person just pushed, its surname set, at the head of its chain.
 * An article names the same person again and again ("Trump" forty
 * times), and by_surname read every one of those entries back at every
 * question: entries by_surname cannot choose. One that the new entry
 * repeats never is: it passes or fails the same tests, with the same
 * length, and the newer wins ties; so it leaves the chain by_surname
 * follows (prev_other), found among the first few of that chain, and
 * a chain of a person named forty times holds one entry of them. */
static void link_surname(mention_table *mt)
{
    person *ps = mt->people.data;
    person *p = ps + mt->people.len - 1;
    size_t b = surname_bucket(p->surname, p->surname_len);
    p->prev_same = mt->newest[b];
    p->prev_other = mt->newest[b];
    uint32_t *link = &p->prev_other;
    for (int step = 0; step < REPEAT_REACH && *link; step++) {
        person *q = &ps[*link - 1];
        if (repeats(p, q)) {
            *link = q->prev_other;
            break;
        }
        link = &q->prev_other;
    }
    mt->newest[b] = (uint32_t)mt->people.len;
}

size_t dateline_end(const analysis *an, size_t k)
{
    if (k >= an->ntoks || !(an->toks[k].flags & TF_ALLCAPS) || an->paras[an->toks[k].para].tok_start != k)
        return k;
    for (size_t j = k + 1; j < an->ntoks && j < k + 6; j++) {
        const token *t = &an->toks[j];
        if (t->kind == TK_PUNCT && (t->cp == '-' || t->cp == 0x2013 || t->cp == 0x2014))
            return j + 1;
        if (t->kind == TK_PUNCT && t->cp == '(') { /* "MACAU (Reuters) –" */
            while (j < an->ntoks && j < k + 10 && !tok_is_punct(an, j, ')'))
                j++;
            continue;
        }
        if (t->kind == TK_WORD && !(t->flags & TF_CAP))
            return k;
        if (t->kind == TK_PUNCT && t->cp != ',' && t->cp != '.')
            return k;
    }
    return k;
}

size_t contraction_stem(const char *w, size_t n)
{
    /* the apostrophe follows a pronoun: "I'", "we'", "she'", "they'" */
    for (size_t ap = 1; ap < n && ap <= 4; ap++)
        if (w[ap] == '\'' || (unsigned char)w[ap] == 0xE2)
            return ap;
    return n;
}

/* The pronoun of an English contraction at token k ("We've", "they'll",
 * "She’d"), or NULL. */
static const lex_entry *contraction_pronoun(const analysis *an, size_t k)
{
    if (an->lang != LANG_EN || an->toks[k].kind != TK_WORD || tok_len(an, k) < 4)
        return NULL;
    const char *w = tok_text(an, k);
    size_t n = tok_len(an, k), ap = contraction_stem(w, n);
    const lex_entry *e = ap < n ? lex_get(an->lx, w, ap) : NULL;
    return lex_has(e, an->lang, LX_PRONOUN) ? e : NULL;
}

/* "a Washington-based group", "the Paris-born designer": a capitalised
 * compound that ends in a lowercase word qualifies a noun, unless it
 * follows a name's first word ("Ban Ki-moon", "Park Geun-hye";
 * "Aix-en-Provence" ends in a name). */
static bool qualifying_compound(const analysis *an, size_t k)
{
    const char *w = tok_text(an, k);
    size_t n = tok_len(an, k), h = n;
    while (h > 1 && w[h - 1] != '-')
        h--;
    if (h <= 1 || h >= n || w[h] < 'a' || w[h] > 'z')
        return false;
    const token *p = k > 0 ? &an->toks[k - 1] : NULL;
    return !(p && p->kind == TK_WORD && (p->flags & TF_CAP) && !tok_has(an, k - 1, LX_DET | LX_STOP) &&
             p->sent == an->toks[k].sent);
}

static bool name_word_raw(const analysis *an, size_t k)
{
    const token *t = &an->toks[k];
    /* from the token's flags, not the entry (asked of every capitalised
     * word, often again): first names are loaded for no language in
     * particular (lexicon.c), so token.has holds them whatever the text's */
    bool first = (t->has & LX_FIRSTNAME) != 0;
    /* capitalised function words at a sentence start are not names, nor
     * words like "May" or "Will" alone; after a first name they are its
     * surname ("Theresa May") */
    if ((t->has & (LX_DET | LX_STOP | LX_PRONOUN | LX_TIME | LX_ADV)) && !first && !after_first_name(an, k))
        return false;
    if ((t->flags & TF_ALLCAPS) && dateline_end(an, k) != k)
        return false;
    if (qualifying_compound(an, k))
        return false;
    /* "We've", "They'll": capitalised, they open their sentence; "I've"
     * stands anywhere */
    const char *w0 = tok_text(an, k);
    bool i_form = w0[0] == 'I' && tok_len(an, k) > 2 && contraction_stem(w0, tok_len(an, k)) == 1;
    if (!first && ((an->sents && an->sents[t->sent].tok_start == k) || i_form) && contraction_pronoun(an, k))
        return false;
    /* "Following the ruling, …", "Chastened, he …": an English participle
     * opening its sentence, before a determiner, a preposition or a comma */
    if (an->lang == LANG_EN && an->sents && an->sents[t->sent].tok_start == k && !first &&
        k + 1 < an->ntoks && !(t->flags & TF_ALLCAPS)) {
        size_t n = tok_len(an, k);
        const char *w = tok_text(an, k);
        if ((tok_is_punct(an, k + 1, ',') || tok_has(an, k + 1, LX_DET | LX_PREP | LX_LINKER) ||
             tok_class(an, k + 1, WC_AGENT)) &&
            n > 4 &&
            (lex_suffix(an->endings, LANG_EN, SX_GERUND, w, n) ||
             lex_suffix(an->endings, LANG_EN, SX_PARTICIPLE, w, n)))
            return false; /* a participle */
        /* "Rattling off promises, …", "Holding signs, …": a gerund before
         * a lowercase word that is no verb ("Browning said" is a name) */
        cue_match cm;
        if (n > 4 && an->toks[k + 1].kind == TK_WORD && !(an->toks[k + 1].flags & TF_CAP) &&
            !tok_has(an, k + 1, LX_AUX) && lex_suffix(an->endings, LANG_EN, SX_GERUND, w, n) &&
            !cue_at(an, k + 1, &cm))
            return false;
    }
    return true;
}

/* Can capitalised token k be a word of a person's name? Asked of every
 * capitalised word by mentions_build, then again and again as name_run,
 * np_forward and np_fill_name read runs that overlap (three asks per word
 * or so). The answer reads only the tokens, sentences, paragraphs and
 * cue_at, all fixed once cue_prepare has run (mentions_build runs after
 * it, and every caller after mentions_build), so it is remembered per
 * token in an->name_state. */
static bool is_name_word(const analysis *an, size_t k)
{
    const token *t = &an->toks[k];
    if (t->kind != TK_WORD || !(t->flags & TF_CAP))
        return false;
    uint8_t *st = an->name_state;
    if (!st)
        return name_word_raw(an, k);
    if (!st[k])
        st[k] = name_word_raw(an, k) ? 2 : 1;
    return st[k] == 2;
}

/* Particles inside a name: "de", "van der", and capitalised ones ("Le
 * Bihan", "Ben Youssef", "Al Thani") which must stand between two name
 * words. */
static bool is_particle(const analysis *an, size_t k)
{
    /* class "particle" of data/words.*.tsv, in either language: names
     * travel */
    const lex_entry *e = tok_lex(an, k);
    return e && (e->flags & LX_PARTICLE);
}

static bool is_honorific(const analysis *an, size_t k)
{
    const lex_entry *e = tok_lex(an, k);
    return lex_has(e, an->lang, LX_HONORIFIC) && (an->toks[k].flags & TF_CAP);
}

static uint8_t honorific_gender(const analysis *an, size_t k)
{
    const lex_entry *e = tok_lex(an, k);
    return e ? e->gender : G_UNKNOWN;
}

/* Skips the period after an abbreviation token. */
static size_t after_abbrev(const analysis *an, size_t k)
{
    return abbrev_period(an, k + 1) ? k + 2 : k + 1;
}

/* A capitalised name run starting at k: returns its token count (0: none)
 * and sets *last. */
static size_t name_run(const analysis *an, size_t k, size_t limit, size_t *last_out)
{
    size_t n = 0, last = k, j = k;
    size_t sent = an->toks[k].sent;
    while (j < limit && an->toks[j].sent == sent && n < NAME_MAX) {
        /* a line break ends a name ("le père de Jean-Christophe\nPour
         * les avocats": a heading or a paragraph the page ran on) */
        if (j > k && (an->toks[j].flags & TF_NL_BEFORE))
            break;
        bool name = is_name_word(an, j);
        /* "AFP Taras Hrytsenko": an acronym does not start a person's name */
        if (n == 1 && (an->toks[k].flags & TF_ALLCAPS) && name && !(an->toks[j].flags & TF_ALLCAPS))
            break;
        /* "Chris Christie Calls Hillary Clinton ‘A Disgrace’": in a
         * headline in title case, a verb of saying ends the name */
        if (name && n && tok_has(an, j, LX_CUE_VERB) && !tok_has(an, j, LX_FIRSTNAME) && j + 1 < limit &&
            an->toks[j + 1].sent == sent && is_name_word(an, j + 1))
            break; /* ("Ian Read said": a verb's surname before lowercase) */
        if (name) {
            last = j;
            n++;
            j = after_abbrev(an, j);
            if (j != last + 1 && (j >= limit || !is_name_word(an, j)))
                break; /* "Jr." or an initial at the end */
            continue;
        }
        bool lower_particle = !(an->toks[j].flags & TF_CAP);
        bool has_first = tok_has(an, k, LX_FIRSTNAME); /* of no language: see is_name_word */
        if (n && last + 1 == j && is_particle(an, j) && j + 1 < limit && is_name_word(an, j + 1) &&
            (!lower_particle || has_first)) {
            j++;
            continue;
        }
        break;
    }
    *last_out = last;
    return n;
}

static bool is_linker(const analysis *an, size_t k);

/* Titles written with capitals are not the name: "Senate Majority Leader
 * Mitch McConnell", "Deputy Prime Minister Harriet Voss", "President
 * Obama". Returns the first token of the name proper in [k, last]. */
static size_t name_trim(const analysis *an, size_t k, size_t last)
{
    const lex_entry *ek = tok_lex(an, k);
    if (!(ek && (ek->flags & LX_FIRSTNAME))) {
        /* a first name after the titles, with a surname after it:
         * "Health Minister Priya Nandakumar"; not "Rakeyia Scott", whose
         * surname happens to be a first name */
        for (size_t j = k + 1; j < last; j++) {
            const lex_entry *e = tok_lex(an, j);
            if (e && (e->flags & LX_FIRSTNAME))
                return j;
        }
    }
    while (k < last) {
        const lex_entry *e = tok_lex(an, k);
        if (!e || (e->flags & LX_FIRSTNAME) ||
            !(lex_has(e, an->lang, LX_ROLE) || lex_has(e, an->lang, LX_HONORIFIC)))
            break;
        k = after_abbrev(an, k);
    }
    return k;
}

/* A group noun in lowercase at token k ("élus", "observers"): next to
 * one capitalised word, the group speaks and the word names its party or
 * place; a capitalised group noun is a name's own word. */
static bool group_noun_at(const analysis *an, size_t k)
{
    return k < an->ntoks && an->toks[k].kind == TK_WORD && tok_has(an, k, LX_GROUP) &&
           !(an->toks[k].flags & TF_CAP);
}

static bool group_prep(const analysis *an, size_t k);

/* Does the word k of a phrase from first follow a linker ("le maire de
 * Lille", "mayor of Tulsa", "ministre de l'Intérieur") or the "in" of a
 * group's place ("voters in Ohio", "officials in the Trump
 * administration"), maybe with a determiner? A name run there belongs to
 * a description, not to the speaker. */
static bool after_linker(const analysis *an, size_t k, size_t first)
{
    if (k <= first)
        return false;
    if (is_linker(an, k - 1) || group_prep(an, k - 1))
        return true;
    return k - 1 > first && np_is_det(an, k - 1) && (is_linker(an, k - 2) || group_prep(an, k - 2));
}

static void np_fill_name(const analysis *an, np *out)
{
    out->has_name = false;
    size_t best_n = 0;
    for (size_t k = out->tok_first; k <= out->tok_last && k < an->ntoks; k++) {
        if (is_honorific(an, k)) {
            if (out->gender == G_UNKNOWN)
                out->gender = honorific_gender(an, k);
            k = after_abbrev(an, k) - 1;
            continue;
        }
        size_t last, n;
        if (!is_name_word(an, k) || !(n = name_run(an, k, out->tok_last + 1, &last)))
            continue;
        /* "Donald Trump's lawyer", "Russia's foreign ministry": a name
         * that owns the phrase's head is no name of the phrase */
        if (last < out->tok_last &&
            lex_suffix(an->endings, an->lang, SX_POSSESSIVE, tok_text(an, last), tok_len(an, last))) {
            k = last;
            continue;
        }
        /* "the Russian president", "le Français Paul X": a lone capitalised
         * word followed by a lowercase word of the same phrase is an
         * adjective, not a name */
        /* ("the Democratic presidential candidate": over other lowercase
         * words to the role) */
        /* ("a White House official", "the Goldman Sachs economist": in
         * English a name of several words before the lowercase role that
         * ends the phrase modifies it too, first name or not: "a Hillary
         * Clinton aide" is the aide) */
        bool several =
            n > 1 && an->lang == LANG_EN && last < out->tok_last && tok_has(an, out->tok_last, LX_ROLE);
        bool adjective = false;
        size_t reach = an->lang == LANG_EN ? 5 : 2; /* French adjectives follow the noun */
        for (size_t j = last + 1;
             (n == 1 || several) && !adjective && j <= out->tok_last && j < last + reach &&
             an->toks[j].kind == TK_WORD && !(an->toks[j].flags & TF_CAP);
             j++) {
            const lex_entry *nx = tok_lex(an, j);
            adjective = lex_has(nx, an->lang, LX_ROLE) || lex_has(nx, an->lang, LX_GROUP) ||
                        lex_has(nx, an->lang, LX_ORG);
        }
        if (adjective && (several || !(tok_lex(an, k) && (tok_lex(an, k)->flags & LX_FIRSTNAME)))) {
            k = last;
            continue;
        }
        /* "la maire de Paris Anne Hidalgo": after "de" the place, then
         * the person from her first name on */
        if (after_linker(an, k, out->tok_first) && n > 1) {
            for (size_t j = k + 1; j < last; j++) {
                const lex_entry *fj = tok_lex(an, j);
                if (fj && (fj->flags & LX_FIRSTNAME) && (an->toks[j].flags & TF_CAP)) {
                    n = last - j + 1;
                    k = j;
                    break;
                }
            }
        }
        /* "Goldman Sachs economist Jan Hatzius": a name right after a
         * lowercase role is the person, the name before it modifies the
         * role */
        bool role_before = out->has_name && k > out->tok_first && an->toks[k - 1].kind == TK_WORD &&
                           !(an->toks[k - 1].flags & TF_CAP) && tok_has(an, k - 1, LX_ROLE);
        if (!after_linker(an, k, out->tok_first) && (n > best_n || role_before)) {
            size_t f = name_trim(an, k, last);
            /* "le Président", "the Senator": a title alone is no name */
            const lex_entry *fe = tok_lex(an, f);
            if (f == last && fe && !(fe->flags & LX_FIRSTNAME) &&
                (lex_has(fe, an->lang, LX_ROLE) || lex_has(fe, an->lang, LX_HONORIFIC))) {
                k = last;
                continue;
            }
            k = f;
            out->name_first = (uint32_t)k;
            out->name_last = (uint32_t)last;
            out->has_name = true;
            best_n = n;
        }
        k = last;
    }
}

/* The first word of the phrase after its determiner and honorifics. */
static size_t np_head(const analysis *an, const np *p)
{
    size_t k = p->tok_first;
    while (k < p->tok_last && (np_is_det(an, k) || is_honorific(an, k) || tok_is_punct(an, k, '.')))
        k++;
    return k;
}

size_t np_head_index(const analysis *an, const np *p)
{
    return np_head(an, p);
}

/* Is the name run a known organisation ("Kremlin", "White House")? */
static bool name_is_org(const analysis *an, const np *p)
{
    size_t f = p->name_first;
    /* a word of its own: its entry; several: none if the first word heads
     * no organisation of several words */
    if (f == p->name_last && an->toks[f].kind == TK_WORD && tok_len(an, f) <= TOK_KEY_SURE)
        return tok_has(an, f, LX_ORG);
    if (f < p->name_last && !may_head_key(an, f, LX_MW_ORG_HEAD))
        return false;
    char key[160];
    size_t o = 0;
    for (size_t k = p->name_first; k <= p->name_last; k++) {
        if (k > p->name_first && o + 1 < sizeof key)
            key[o++] = ' ';
        size_t w = an->toks[k].kind == TK_WORD
                       ? tok_lower(an, k, key + o, sizeof key - o)
                       : utf8_lower(tok_text(an, k), tok_len(an, k), key + o, sizeof key - o);
        if (!w)
            return false;
        o += w;
    }
    const lex_entry *e = lex_get_lower(an->lx, key, o);
    return lex_has(e, an->lang, LX_ORG);
}

/* Kind and gender from the head word, the name and the determiner. */
static void np_classify(const analysis *an, np *out)
{
    out->kind = DIXIT_KIND_PERSON;
    size_t h = np_head(an, out);
    const lex_entry *e = tok_lex(an, h);
    bool lower_head = an->toks[h].kind == TK_WORD && !(an->toks[h].flags & TF_CAP);
    /* "the police chief": in English the head comes last; not after a
     * linker ("l'entourage du ministre" is the entourage) */
    bool role_last = out->tok_last > h && tok_has(an, out->tok_last, LX_ROLE);
    for (size_t k = h + 1; k < out->tok_last && role_last; k++)
        role_last = !is_linker(an, k);
    /* "council chair Ivo Brandt", "board member Ana Ruiz": a name after
     * a lowercase role is the person the phrase names */
    bool role_named =
        out->has_name && out->name_first > out->tok_first && an->toks[out->name_first - 1].kind == TK_WORD &&
        !(an->toks[out->name_first - 1].flags & TF_CAP) && tok_has(an, out->name_first - 1, LX_ROLE);
    /* (not "the campaign of nominee Hillary Clinton": the campaign) */
    for (size_t k = out->tok_first; k < out->name_first && role_named; k++)
        role_named = !is_linker(an, k);
    if (lower_head && !out->appositive && !role_last && !role_named) {
        if (lex_has(e, an->lang, LX_ORG)) {
            out->kind = DIXIT_KIND_ORGANIZATION;
            out->has_name = false; /* "le ministère de l'Intérieur" is the name */
            return;
        }
        if (lex_has(e, an->lang, LX_GROUP)) {
            out->kind = DIXIT_KIND_GROUP;
            out->number = N_PL;
            return;
        }
        if (tok_class_ci(an, h, WC_SOURCE)) {
            out->kind = DIXIT_KIND_UNNAMED;
            out->has_name = false;
            return;
        }
        /* "a person familiar with the matter", "un diplomate européen", "a
         * senior official": someone the article does not name, introduced
         * with an indefinite article */
        if (!out->has_name && tok_class_ci(an, out->tok_first, WC_INDEF | WC_SOME)) {
            out->kind = DIXIT_KIND_UNNAMED;
            return;
        }
    }
    /* "Department of Transportation", "Cour des comptes", "Observatoire
     * régional des carburants": a capitalised head that is no first name,
     * followed by more words with "of"/"de": the whole phrase names it */
    if (!lower_head && h < out->tok_last && !(e && (e->flags & LX_FIRSTNAME)) &&
        !lex_has(e, an->lang, LX_HONORIFIC) &&
        !(lex_has(e, an->lang, LX_ROLE) && !lex_has(e, an->lang, LX_ORG))) {
        bool linked = false;
        for (size_t k = h + 1; k <= out->tok_last && !linked; k++)
            linked = is_linker(an, k);
        if (linked && (!out->has_name || out->name_first == h)) {
            out->kind = DIXIT_KIND_ORGANIZATION;
            out->has_name = false;
            return;
        }
    }
    if (out->has_name && name_is_org(an, out)) {
        out->kind = DIXIT_KIND_ORGANIZATION;
        return;
    }
    /* "BFMTV", "CNN": an acronym alone; "Les Républicains", "The New York
     * Times": a name that takes a capitalised article */
    bool cap_article = out->has_name && out->name_first > 0 && np_is_det(an, out->name_first - 1) &&
                       (an->toks[out->name_first - 1].flags & TF_CAP) &&
                       out->name_first - 1 >= out->tok_first &&
                       out->name_first - 1 > an->sents[an->toks[out->name_first].sent].tok_start;
    if (out->has_name &&
        ((out->name_first == out->name_last && (an->toks[out->name_first].flags & TF_ALLCAPS) &&
          !tok_has(an, out->name_first, LX_PRONOUN)) ||
         cap_article)) {
        out->kind = DIXIT_KIND_ORGANIZATION;
        /* the article is part of the name: "Le Parisien", "La Montagne",
         * "L'Express" (their readers know them so; "Parisien" alone is
         * no one's name) */
        if (cap_article)
            out->name_first--;
        return;
    }
    if (out->has_name) {
        const lex_entry *f = tok_lex(an, out->name_first);
        if (f && (f->flags & LX_FIRSTNAME) && out->gender == G_UNKNOWN)
            out->gender = f->gender;
    }
    if (out->gender == G_UNKNOWN && lex_has(e, an->lang, LX_ROLE))
        out->gender = e->gender;
    /* French feminine determiners tell gender when nothing else does */
    if (out->gender == G_UNKNOWN && tok_class_ci_in(an, out->tok_first, LANG_FR, WC_FEM))
        out->gender = G_FEM;
}

size_t french_complex_prep(const analysis *an, size_t k, size_t e)
{
    if (an->lang != LANG_FR || k + 3 > e || !tok_class_ci(an, k, WC_AU))
        return SIZE_MAX;
    if (!tok_class(an, k + 2, WC_DE | WC_DU))
        return SIZE_MAX;
    return tok_class(an, k + 1, WC_COMPLEX) ? k + 3 : SIZE_MAX;
}

static bool np_stop(const analysis *an, size_t k)
{
    const token *t = &an->toks[k];
    if (t->kind == TK_NUM)
        return false;
    if (t->kind != TK_WORD)
        return true;
    const lex_entry *e = tok_lex(an, k);
    if (!e)
        return false;
    if ((e->flags & LX_FIRSTNAME) && (t->flags & TF_CAP))
        return false; /* "Will", not "will" */
    if (after_first_name(an, k))
        return false; /* "Theresa May": after a first name, a surname */
    if (lex_has(e, an->lang, LX_STOP) || lex_has(e, an->lang, LX_TIME) || lex_has(e, an->lang, LX_AUX))
        return true;
    int c = an->lang == LANG_UND ? (e->cue[1] >= 0 ? e->cue[1] : e->cue[2]) : e->cue[an->lang];
    const cue_info *ci = lex_cue(an->lx, c);
    /* "conférence de presse": after "de" or a determiner it is a noun */
    if (k > 0 && (is_linker(an, k - 1) || np_is_det(an, k - 1)))
        return false;
    /* "a déclaré Paul Garnier selon qui …": a source preposition ends
     * it too ("pour", which also makes "le secrétaire d'État pour
     * l'Europe", does not) */
    if (ci && ci->pos == LX_CUE_PREP && !(ci->classes & VC_VIEW))
        return true;
    return ci && ci->pos == LX_CUE_VERB && !(t->flags & TF_CAP);
}

/* Is French word k a past participle ("chargé", "publiées")? "le parquet
 * de Liège chargé de l'enquête": it opens what describes the name, it is
 * no adjective of it. */
static bool participle_fr(const analysis *an, size_t k)
{
    const char *t = tok_text(an, k);
    size_t n = tok_len(an, k);
    for (int i = 0; i < 2 && n > 3 && (t[n - 1] == 's' || t[n - 1] == 'e'); i++)
        n--;
    return n > 3 && lex_suffix(an->endings, LANG_FR, SX_PARTICIPLE, t, n);
}

/* After "le ministre au", a domain ("aux sports", "aux Armées Florence
 * Parly"), not a newspaper told something ("a confié l'ancien ministre au
 * Figaro."): lowercase, or capitalised with the name after it. */
static bool domain_follows(const analysis *an, size_t k)
{
    if (k >= an->ntoks || an->toks[k].kind != TK_WORD)
        return false;
    if (!(an->toks[k].flags & TF_CAP))
        return true;
    return k + 1 < an->ntoks && an->toks[k + 1].kind == TK_WORD && (an->toks[k + 1].flags & TF_CAP);
}

static bool is_linker(const analysis *an, size_t k)
{
    /* "a person familiar with the matter", "sources close to", "people
     * briefed on the talks", "l'adjoint aux sports" */
    if (k > 0 && ((tok_class_in(an, k - 1, LANG_EN, WC_CLOSE) &&
                   (tok_class_in(an, k, LANG_EN, WC_WITH | WC_TO | WC_ABOUT | WC_OF) ||
                    (tok_has(an, k, LX_PREP) && !(an->toks[k].flags & TF_CAP)))) ||
                  (tok_class(an, k, WC_AU) && tok_has(an, k - 1, LX_ROLE) && domain_follows(an, k + 1))))
        return true;
    /* class "linker" of data/words.*.tsv, written in lowercase */
    const lex_entry *e = tok_lex(an, k);
    return e && (e->flags & LX_LINKER) && !(an->toks[k].flags & TF_CAP);
}

bool np_is_det(const analysis *an, size_t k)
{
    if (tok_has(an, k, LX_DET))
        return true;
    /* "l'" and "l’", of two or four bytes: the token's length, in cache,
     * before its text */
    size_t n = k < an->ntoks ? tok_len(an, k) : 0;
    return (n == 2 || n == 4) && (tok_is_ci(an, k, "l'") || tok_is_ci(an, k, "l\xe2\x80\x99"));
}

/* A subject pronoun (il, she, they) as a noun phrase of its own. */
static bool pronoun_np(const analysis *an, size_t i, np *out)
{
    const lex_entry *e = tok_lex(an, i);
    size_t last = i;
    if (!lex_has(e, an->lang, LX_PRONOUN) && !e)
        e = contraction_pronoun(an, i); /* "We've", "they'll" */
    /* "ce dernier", "cette dernière": two words of data/pronouns.tsv */
    if (!lex_has(e, an->lang, LX_PRONOUN) && e && (e->flags & LX_MW_HEAD) && i + 1 < an->ntoks &&
        an->toks[i + 1].kind == TK_WORD && an->toks[i + 1].start == an->toks[i].end + 1) {
        e = lex_get(an->lx, an->text + an->toks[i].start, an->toks[i + 1].end - an->toks[i].start);
        last = i + 1;
    }
    if (!lex_has(e, an->lang, LX_PRONOUN))
        return false;
    out->tok_first = (uint32_t)i;
    out->tok_last = (uint32_t)last;
    out->pronoun = true;
    out->gender = e->gender;
    out->number = e->number;
    return true;
}

/* Does the phrase start (after its determiner) with a lowercase word, a
 * description such as "le ministre de l'Intérieur" rather than a name? */
static bool description_head(const analysis *an, const np *p)
{
    size_t k = np_head(an, p);
    return an->toks[k].kind == TK_WORD && !(an->toks[k].flags & TF_CAP);
}

/* A description, or in French a role noun after a capitalised word of
 * its title ("le Premier ministre", "la Première ministre"): no name
 * either way, so a name in apposition after it names the person. (Not
 * English: there the capital word is mostly an owner, "the Vatican
 * spokesman", whose apposition a pronoun after it then takes for the
 * article's subject.) */
static bool role_phrase(const analysis *an, const np *p)
{
    size_t k = np_head(an, p);
    return description_head(an, p) || (an->lang == LANG_FR && k < p->tok_last && tok_has(an, k + 1, LX_ROLE));
}

static bool is_time_word(const analysis *an, size_t k)
{
    return an->toks[k].kind == TK_WORD && tok_has(an, k, LX_TIME);
}

/* A day number before a month or a weekday ("28 octobre", "1er mai"). */
static bool day_before_time(const analysis *an, size_t k, size_t limit)
{
    const token *t = &an->toks[k];
    bool day = t->kind == TK_NUM || (t->kind == TK_WORD && tok_len(an, k) <= 4 && tok_text(an, k)[0] >= '0' &&
                                     tok_text(an, k)[0] <= '9');
    return day && k + 1 < limit && is_time_word(an, k + 1);
}

size_t np_skip_date(const analysis *an, size_t k, size_t limit)
{
    size_t start = k;
    while (k < limit) {
        if (is_time_word(an, k) || day_before_time(an, k, limit))
            k++;
        else if (k > start && an->toks[k].kind == TK_NUM && tok_len(an, k) == 4 && is_time_word(an, k - 1))
            k++; /* the year after the month */
        else if (k > start && is_time_word(an, k - 1) && tok_has(an, k, LX_TIMEPART) && !np_is_det(an, k) &&
                 !tok_has(an, k, LX_STOP | LX_PREP))
            k++; /* "le 4 mai prochain", "lundi dernier" */
        else if (k == start && np_is_det(an, k) && k + 1 < limit && day_before_time(an, k + 1, limit))
            k++; /* "le 3 mai" */
        else
            break;
    }
    return k;
}

/* np_forward is asked again about the same phrase: each rule reads the
 * words after a cue, the listener's and the speaker's searches read them
 * again with the same limit (one ask in five). Its answer depends on the
 * tokens, their entries and cue_at's answers alone, all fixed once
 * mentions_build starts, so the latest answers are kept in a table of
 * NP_MEMO slots keyed by (i, limit): a slot holds the last ask that fell
 * in it, and an ask that finds its own key takes the answer kept. */
#define NP_MEMO 256
struct np_memo {
    uint64_t *key; /* per slot: i + 1 above bit 32, the limit below; 0:
                      empty (the keys alone are zeroed for each document) */
    bool *found;
    np *p;
};

static bool np_forward_raw(const analysis *an, size_t i, size_t limit, np *out);

bool np_forward(const analysis *an, size_t i, size_t limit, np *out)
{
    struct np_memo *m = an->np_memo;
    if (!m || i >= UINT32_MAX || limit > UINT32_MAX)
        return np_forward_raw(an, i, limit, out);
    size_t h = (i * 31 + limit) % NP_MEMO;
    uint64_t key = (uint64_t)(i + 1) << 32 | limit;
    if (m->key[h] == key) {
        *out = m->p[h];
        return m->found[h];
    }
    bool found = np_forward_raw(an, i, limit, out);
    m->key[h] = key;
    m->found[h] = found;
    m->p[h] = *out;
    return found;
}

/* The memo of np_forward, or NULL when memory ran out (each ask then
 * computes). */
static struct np_memo *np_memo_new(analysis *an)
{
    struct np_memo *m = arena_alloc_raw(an->ar, sizeof *m);
    if (!m)
        return NULL;
    m->key = arena_alloc(an->ar, NP_MEMO * sizeof *m->key);
    m->found = arena_alloc_raw(an->ar, NP_MEMO * sizeof *m->found);
    m->p = arena_alloc_raw(an->ar, NP_MEMO * sizeof *m->p);
    return m->key && m->found && m->p ? m : NULL;
}

/* What follows the phrase out, read from token i to last, in [.., limit):
 * an apposition that names it or describes it (see below). */
static void np_apposition(const analysis *an, size_t i, size_t last, size_t limit, np *out)
{
    /* apposition: "the company's chief executive, Dana Ruiz", "le ministre
     * de l'Intérieur, Jean Valois", "le porte-parole, le colonel Issa Maïga":
     * a description followed by a name names that person */
    size_t a = after_abbrev(an, last);
    size_t l2;
    /* "le patron des députés PS, Paul Maret": a description whose name is
     * a party or a body after its noun; a first name after the comma
     * names the person (a bare "sénateur PS, X" is itself an apposition,
     * of the name before it) */
    if (out->has_name && np_is_det(an, i) && description_head(an, out) && tok_is_punct(an, a, ',') &&
        a + 1 < limit && tok_has(an, a + 1, LX_FIRSTNAME) && is_name_word(an, a + 1) &&
        name_run(an, a + 1, limit, &l2) && l2 > a + 1) {
        out->tok_last = (uint32_t)l2;
        out->name_first = (uint32_t)(a + 1);
        out->name_last = (uint32_t)l2;
        out->appositive = true;
        return;
    }
    if (out->has_name && tok_is_punct(an, a, ',') && a + 1 < limit) {
        /* "said Michael McFaul, a senior fellow at the Hoover Institution":
         * the description stays in the mention, the name stays the name */
        size_t j = a + 1;
        const lex_entry *le = tok_lex(an, j);
        /* (", that the offer was serious": a clause after the listener,
         * no description) */
        bool that = tok_class_in(an, j, LANG_EN, WC_THAT);
        /* ("Pour les Sages, pénaliser la consultation …": a French
         * infinitive and its object open a clause, no description) */
        that |= an->lang == LANG_FR && !tok_has(an, j, LX_ROLE) && j + 1 < limit && np_is_det(an, j + 1) &&
                lex_suffix(an->endings, LANG_FR, SX_INFINITIVE, tok_text(an, j), tok_len(an, j));
        if (!that && (an->toks[j].kind == TK_NUM || lex_has(le, an->lang, LX_DET) ||
                      (an->toks[j].kind == TK_WORD && !(an->toks[j].flags & TF_CAP) &&
                       !lex_has(le, an->lang, LX_STOP) && !lex_has(le, an->lang, LX_AUX)))) {
            size_t z = j;
            while (z < limit && !tok_is_punct(an, z, ',') && an->toks[z].kind != TK_QUOTE && z < j + 20) {
                cue_match cm;
                /* (nor a clause: "Selon un sondage Ifop, 52 % des Français
                 * sont satisfaits": its verb ends it) */
                if (an->toks[z].kind == TK_WORD && !(an->toks[z].flags & TF_CAP) &&
                    (cue_at(an, z, &cm) || tok_has(an, z, LX_AUX)))
                    break;
                z++;
            }
            /* the sentence's full stop is no part of it ("Inc." keeps
             * its own) */
            if (z >= limit && z - 1 > j && tok_is_punct(an, z - 1, '.') && !abbrev_period(an, z - 1))
                z--;
            if (z >= limit || tok_is_punct(an, z, ',') || tok_is_punct(an, z, '.'))
                out->mention_last = (uint32_t)(z - 1);
        }
        return;
    }
    if (out->has_name || !role_phrase(an, out) || !tok_is_punct(an, a, ','))
        return;
    size_t j = a + 1, skipped = 0;
    while (j < limit && skipped < 3 && !is_name_word(an, j) && an->toks[j].kind == TK_WORD &&
           (np_is_det(an, j) || tok_has(an, j, LX_ROLE))) {
        j++;
        skipped++;
    }
    while (j < limit && is_honorific(an, j))
        j = after_abbrev(an, j);
    if (j < limit && is_name_word(an, j) && name_run(an, j, limit, &l2)) {
        out->tok_last = (uint32_t)l2;
        out->name_first = (uint32_t)j;
        out->name_last = (uint32_t)l2;
        out->has_name = true;
        out->appositive = true;
    }
}

static bool np_forward_raw(const analysis *an, size_t i, size_t limit, np *out)
{
    memset(out, 0, sizeof *out);
    /* time words and adverbs right after an inverted verb: "a déclaré
     * mercredi le ministre", "said Tuesday", with a date's numbers: "a
     * tweeté lundi 28 octobre 2019 la ministre", "a dit le 3 mai le maire" */
    i = np_skip_date(an, i, limit);
    if (i >= limit)
        return false;
    if (pronoun_np(an, i, out))
        return true;
    size_t k = i;
    if (np_is_det(an, k))
        k++;
    /* "un des importateurs", "l'un des élus", "one of the officials": the
     * one of a group is named by the group */
    /* "un" alone is a determiner, "l'un" one after it */
    size_t one = tok_class_ci(an, k, WC_INDEF) || k == i ? k : k - 1;
    if (one + 2 < limit && tok_class_ci(an, one, WC_INDEF) &&
        (tok_class(an, one + 1, WC_DU) || is_linker(an, one + 1))) {
        k = one + 2;
        if (np_is_det(an, k))
            k++;
    }
    size_t last = SIZE_MAX, n = 0;
    while (k < limit && n < NP_MAX) {
        if (is_honorific(an, k)) {
            last = k;
            k = after_abbrev(an, k);
            n++;
            continue;
        }
        /* "advisers to the mayor", "ambassador to France": English "to"
         * after a role or a group joins like "of" */
        bool to_role = an->lang == LANG_EN && last != SIZE_MAX && last + 1 == k && tok_class(an, k, WC_TO) &&
                       tok_has(an, last, LX_ROLE | LX_GROUP) && k + 1 < limit &&
                       (np_is_det(an, k + 1) || (an->toks[k + 1].flags & TF_CAP)); /* not "aides to leave" */
        /* "un enseignant au micro de BFMTV", "au cours de": a complex
         * preposition ends the phrase */
        if (last != SIZE_MAX && french_complex_prep(an, k, limit) != SIZE_MAX)
            break;
        if ((is_linker(an, k) || to_role) && last != SIZE_MAX && k + 1 < limit) {
            size_t j = k + 1;
            if (np_is_det(an, j))
                j++;
            if (j < limit && !np_stop(an, j)) {
                k = j;
                continue;
            }
            break;
        }
        /* "told The Washington Post that …": the complementiser ends it;
         * "told parents the school …": so does a new determiner */
        /* "the family watched …", "a complaint filed by …", "Tomas Lind
         * chimed in": an English word in -ed after a noun or a name is a
         * verb or a participle, not part of it */
        /* "the doctor subsequently told": an adverb in -ly ends it */
        if (an->lang == LANG_EN && last != SIZE_MAX && last + 1 == k && an->toks[k].kind == TK_WORD &&
            !(an->toks[k].flags & TF_CAP) && tok_len(an, k) > 4 && !tok_has(an, k, LX_ROLE | LX_NOUN) &&
            lex_suffix(an->endings, LANG_EN, SX_ADVERB, tok_text(an, k), tok_len(an, k)))
            break;
        if (an->lang == LANG_EN && last != SIZE_MAX && last + 1 == k && an->toks[k].kind == TK_WORD &&
            !(an->toks[k].flags & TF_CAP) && tok_len(an, k) > 4 &&
            lex_suffix(an->endings, LANG_EN, SX_PARTICIPLE, tok_text(an, k), tok_len(an, k)) &&
            !np_is_det(an, last) && !tok_has(an, last, LX_ADV) && !tok_has(an, k, LX_ROLE | LX_NOUN))
            break;
        /* "le parquet de Liège chargé de l'enquête": a participle after a
         * name describes the phrase, it is no part of its name (a role's
         * title keeps it: "la secrétaire d'État chargée de l'Égalité") */
        if (an->lang == LANG_FR && last != SIZE_MAX && last + 1 == k && (an->toks[last].flags & TF_CAP) &&
            an->toks[k].kind == TK_WORD && !(an->toks[k].flags & TF_CAP) && participle_fr(an, k) &&
            !tok_has(an, np_is_det(an, i) ? i + 1 : i, LX_ROLE))
            break;
        if (np_stop(an, k) || (k > i && tok_class_in(an, k, LANG_UND, WC_THAT)) ||
            (k > i && np_is_det(an, k) && !is_linker(an, k - 1) && !(an->toks[k].flags & TF_CAP)))
            break;
        /* "confiait le pape fin mars", "a dit le maire début avril": a
         * time phrase after the phrase is no part of it */
        if (last != SIZE_MAX && tok_has(an, k, LX_TIMEPART) && !(an->toks[k].flags & TF_CAP) &&
            k + 1 < limit && is_time_word(an, k + 1))
            break;
        /* a phrase does not run over a line break (a heading, or a
         * paragraph the page ran on) */
        if (k > i && (an->toks[k].flags & TF_NL_BEFORE))
            break;
        last = k;
        k = after_abbrev(an, k);
        n++;
    }
    if (last == SIZE_MAX)
        return false;
    out->tok_first = (uint32_t)i;
    out->tok_last = (uint32_t)last;
    np_fill_name(an, out);
    np_apposition(an, i, last, limit, out);
    np_classify(an, out);
    return true;
}

static bool np_backward_plain(const analysis *an, size_t i, size_t floor, np *out);

/* A party-and-state tag after a name: "R-Wis.", "D-Mass". */
static bool party_tag(const analysis *an, size_t a, size_t b)
{
    const char *t = tok_text(an, a);
    size_t n = tok_len(an, a);
    (void)b;
    return n >= 3 && (t[0] == 'R' || t[0] == 'D' || t[0] == 'I') && t[1] == '-' && t[2] >= 'A' && t[2] <= 'Z';
}

/* Noun phrase ending at token i, through an apposition: "Le chef de la
 * diplomatie, Dmytro Kovalenko, a déclaré" and "Smith, a spokesman, said"
 * both name the person. */
bool np_backward(const analysis *an, size_t i, size_t floor, np *out)
{
    if (i < floor || i >= an->ntoks)
        return false;
    if (!tok_is_punct(an, i, ','))
        return np_backward_plain(an, i, floor, out);
    /* "X, apposition, verb": the comma before the apposition */
    size_t c = SIZE_MAX;
    for (size_t k = i; k > floor && k + 24 > i; k--)
        if (tok_is_punct(an, k - 1, ',')) {
            c = k - 1;
            break;
        }
    /* "X (Iata), qui regroupe 290 compagnies, a indiqué": past the relative */
    if (c != SIZE_MAX && c + 1 < i && tok_class(an, c + 1, WC_WHO | WC_WHICH) && c > floor) {
        np rel;
        size_t end = c - 1, po = paren_open(an, end, floor);
        if (po != SIZE_MAX)
            end = po - 1;
        if (np_backward_plain(an, end, floor, &rel)) {
            *out = rel;
            return true;
        }
    }
    np inner;
    bool have_inner = i > floor && np_backward_plain(an, i - 1, floor, &inner);
    bool whole = have_inner && (inner.tok_first == floor || (c != SIZE_MAX && inner.tok_first == c + 1));
    bool tag = have_inner && party_tag(an, inner.tok_first, inner.tok_last);
    const lex_entry *fn = have_inner && inner.has_name ? tok_lex(an, inner.name_first) : NULL;
    bool person_name = have_inner && inner.has_name &&
                       (inner.name_last > inner.name_first || (fn && (fn->flags & LX_FIRSTNAME)));
    if (whole && person_name && !description_head(an, &inner) && !tag) {
        *out = inner; /* "Le chef de la diplomatie, Dmytro Kovalenko, a déclaré" */
        return true;
    }
    np outer;
    size_t oe = c != SIZE_MAX && c > floor ? c - 1 : SIZE_MAX;
    /* "Rep. Jim Jordan (R-Ohio), an oversight panel member, said" */
    size_t po = oe != SIZE_MAX ? paren_open(an, oe, floor) : SIZE_MAX;
    if (po != SIZE_MAX)
        oe = po - 1;
    /* "Cet homme, interpellé en 2019 pour ses liens avec le réseau, a
     * avoué": an apposition that opens with a participle or an adjective
     * describes the phrase before it, the subject */
    bool participial = c != SIZE_MAX && c + 1 < i && an->toks[c + 1].kind == TK_WORD &&
                       !(an->toks[c + 1].flags & TF_CAP) && !np_is_det(an, c + 1) &&
                       !tok_has(an, c + 1, LX_STOP | LX_LINKER | LX_PRONOUN | LX_ROLE | LX_GROUP | LX_ORG);
    if (oe != SIZE_MAX && np_backward_plain(an, oe, floor, &outer) &&
        (outer.has_name || (participial && !outer.pronoun && np_is_det(an, outer.tok_first)))) {
        /* "Amina Traoré, cheffe de mission à Gao, a raconté", "Paul Ryan,
         * R-Wis., said": the mention runs over the apposition (a
         * description keeps its own words as the name) */
        if (outer.has_name)
            outer.tok_last = (uint32_t)(i - 1);
        else
            outer.mention_last = (uint32_t)(i - 1);
        *out = outer;
        return true;
    }
    if (!have_inner)
        return false;
    *out = inner;
    return true;
}

/* Does word k head a group of people: a group noun ("officials",
 * "police") or a plural ("Republicans", "Others", "experts") that is no
 * name nor function word? */
static bool group_before(const analysis *an, size_t k)
{
    if (an->toks[k].kind != TK_WORD || np_stop(an, k) || np_is_det(an, k) || tok_has(an, k, LX_PRONOUN))
        return false;
    if (tok_has(an, k, LX_GROUP))
        return true;
    size_t n = tok_len(an, k);
    const char *w = tok_text(an, k);
    bool first = an->sents && an->sents[an->toks[k].sent].tok_start == k;
    return n > 3 && w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != '\'' &&
           (!(an->toks[k].flags & TF_CAP) || (first && !(an->toks[k].has & LX_FIRSTNAME)));
}

/* Is token k, after a group, the English "in", "on" or "at" whose phrase
 * describes that group? */
static bool group_prep(const analysis *an, size_t k)
{
    return an->lang == LANG_EN && k > 0 && tok_class(an, k, WC_POSTMOD) && tok_class(an, k, WC_INTRO) &&
           group_before(an, k - 1);
}

/* Is token k a French preposition whose phrase describes the noun before
 * it, the head of the subject ("le président de la Ligue nationale contre
 * le cancer", "le syndicat pour l'assainissement")? Not one that opens an
 * adjunct of its own: a place or a time ("dans", "en", "au"), a medium
 * ("sur"), an agent ("par"); and the noun is a name, a role, a group or
 * an organisation, maybe with an adjective after it ("plaide depuis des
 * années pour la taxe" is the verb's). */
static bool noun_prep_fr(const analysis *an, size_t k)
{
    if (an->lang != LANG_FR || k < 2 || !tok_class(an, k, WC_POSTMOD) ||
        tok_class(an, k, WC_AND | WC_INTRO | WC_MEDIUM | WC_AGENT | WC_A | WC_AU | WC_DE | WC_DU))
        return false;
    for (size_t j = k - 1; j + 3 > k && j > 0; j--) {
        if (an->toks[j].kind != TK_WORD || np_stop(an, j) || np_is_det(an, j))
            return false;
        if ((an->toks[j].flags & TF_CAP) || tok_has(an, j, LX_ROLE | LX_GROUP | LX_ORG))
            return true;
    }
    return false;
}

static bool np_backward_plain(const analysis *an, size_t i, size_t floor, np *out)
{
    memset(out, 0, sizeof *out);
    if (i < floor || i >= an->ntoks)
        return false;
    if (pronoun_np(an, i, out) && out->tok_last == i) /* a phrase that ends at i */
        return true;
    memset(out, 0, sizeof *out);
    size_t first = SIZE_MAX, n = 0;
    size_t k = i;
    /* "those close to him", "people familiar with them": an object
     * pronoun closes the phrase its linker joins */
    if (k > floor + 1 && tok_class(an, k, WC_OBJECT) && is_linker(an, k - 1)) { /* English only: the class */
        first = k;
        n++;
        k--;
    }
    for (;;) {
        if (k > floor && abbrev_period(an, k)) {
            k--; /* "Mr." */
            continue;
        }
        if (is_linker(an, k) && first != SIZE_MAX && k > floor && an->toks[k - 1].kind == TK_WORD &&
            !np_is_det(an, k - 1)) {
            k--; /* "Cour des comptes", "ministère des Armées" */
            continue;
        }
        if (tok_class_ci_in(an, k, LANG_EN, WC_THAT) || tok_class_in(an, k, LANG_FR, WC_THAT))
            break; /* "found that 74 percent of voters said" */
        /* "Mr. Grassley and Mr. Leahy", "state and local leaders": one
         * phrase over "and" when a word of the same kind stands before (a
         * sentence's first word has its capital whatever its kind:
         * "Regulators and environmental groups") */
        if (tok_class_in(an, k, LANG_EN, WC_AND) && first != SIZE_MAX && k > floor &&
            an->toks[k - 1].kind == TK_WORD && !np_stop(an, k - 1) &&
            ((an->toks[k - 1].flags & TF_CAP) == (an->toks[first].flags & TF_CAP) ||
             (k - 1 == floor && an->sents && an->sents[an->toks[k - 1].sent].tok_start == k - 1))) {
            k--;
            continue;
        }
        /* "le ministre de l'Économie et des Finances": a French "et"
         * before a linker joins two complements of one head */
        if (an->lang == LANG_FR && tok_class(an, k, WC_AND) && first != SIZE_MAX && k > floor &&
            is_linker(an, k + 1) && an->toks[k - 1].kind == TK_WORD && !np_stop(an, k - 1)) {
            k--;
            continue;
        }
        /* "Republicans on the banking committee", "Others in the farming
         * community": in English a group or a plural before in, on or at
         * heads the phrase after it */
        if (first != SIZE_MAX && k > floor && group_prep(an, k)) {
            k--;
            continue;
        }
        if (np_is_det(an, k)) {
            /* "Le" inside "Pierre-Yves Le Bihan" is part of the name */
            if (first != SIZE_MAX && (an->toks[k].flags & TF_CAP) && k > floor && is_name_word(an, k - 1) &&
                is_name_word(an, first)) {
                first = k;
                k--;
                continue;
            }
            if (first != SIZE_MAX)
                first = k;
            if (first != SIZE_MAX && k > floor + 1 &&
                (is_linker(an, k - 1) || group_prep(an, k - 1) || noun_prep_fr(an, k - 1))) {
                k -= 2; /* "for the governor": go on through the linker */
                continue;
            }
            break;
        }
        if (is_linker(an, k) && first != SIZE_MAX) {
            if (k == floor)
                break;
            k--;
            continue;
        }
        if (np_stop(an, k) || n >= NP_MAX)
            break;
        if (first != SIZE_MAX && (an->toks[first].flags & TF_NL_BEFORE))
            break; /* (no phrase runs over a line break) */
        first = k;
        n++;
        if (k == floor)
            break;
        k--;
    }
    if (first == SIZE_MAX)
        return false;
    while (first < i && is_linker(an, first))
        first++;
    out->tok_first = (uint32_t)first;
    out->tok_last = (uint32_t)i;
    np_fill_name(an, out);
    np_classify(an, out);
    return true;
}

/* ------------------------------------------------------------------ */
/* The table of people                                                  */

static const char *copy_span(analysis *an, size_t a, size_t b)
{
    return arena_strndup(an->ar, an->text + a, b - a);
}

/* What the words around a name say of it (people.h's PS_*). */
static uint8_t person_shape(const analysis *an, size_t first)
{
    uint8_t s = 0;
    const token *t = &an->toks[first];
    if (first == an->sents[t->sent].tok_start)
        s |= PS_SENT_INITIAL;
    /* the class "linker" of data/words.*.tsv: de, des, du, of */
    const lex_entry *pe = first > 0 ? tok_lex(an, first - 1) : NULL;
    if (pe && (pe->flags & LX_LINKER) && an->toks[first - 1].sent == t->sent)
        s |= PS_AFTER_DE;
    const lex_entry *e = tok_lex(an, first);
    if (e && (e->flags & LX_FIRSTNAME))
        s |= PS_FIRSTNAME;
    if (an->paras[t->para].zone == ZONE_HEADLINE)
        s |= PS_HEADLINE;
    return s;
}

static person *add_person(analysis *an, mention_table *mt, size_t first, size_t last, uint8_t g)
{
    person *p = vec_push(&mt->people);
    if (!p)
        return NULL;
    p->start = an->toks[first].start;
    p->end = an->toks[last].end;
    p->full = copy_span(an, an->toks[first].start, an->toks[last].end);
    p->full_len = an->toks[last].end - an->toks[first].start;
    p->surname = an->text + an->toks[last].start;
    p->surname_len = an->toks[last].end - an->toks[last].start;
    p->gender = g;
    p->salient = false;
    p->role = NULL;
    p->shape = person_shape(an, first);
    link_surname(mt);
    return p->full ? p : NULL;
}

/* A word that may stand in the complement of a role before a name: "des
 * Comptes publics", "de l'Action et des", "chargé du Numérique". */
static bool in_role_complement(const analysis *an, size_t k)
{
    if (an->toks[k].kind != TK_WORD)
        return false;
    if (an->toks[k].flags & TF_CAP)
        return !tok_has(an, k, LX_FIRSTNAME | LX_HONORIFIC);
    const lex_entry *e = tok_lex(an, k);
    return np_is_det(an, k) || lex_has(e, an->lang, LX_LINKER) ||
           tok_class(an, k, WC_DE | WC_DU | WC_A | WC_AU | WC_AND) ||
           !(lex_has(e, an->lang, LX_STOP) || lex_has(e, an->lang, LX_AUX) || lex_has(e, an->lang, LX_ROLE));
}

/* "le ministre des Comptes publics Paul Roy", "la secrétaire
 * d'État chargée du Numérique Anne Roy" (French): the role, then its
 * complement (de, à), then the name, within ROLE_REACH tokens; the
 * nearest role word wins. NULL if none. */
#define ROLE_REACH 10
static const lex_entry *role_before_complement(const analysis *an, size_t first)
{
    size_t sent = an->toks[first].sent;
    for (size_t k = first; k > 0 && k + ROLE_REACH > first;) {
        k--;
        if (an->toks[k].sent != sent)
            return NULL;
        const lex_entry *e = tok_lex(an, k);
        if (lex_has(e, an->lang, LX_ROLE) && !(an->toks[k].flags & TF_CAP)) {
            size_t c = k + 1;
            if (tok_class(an, c, WC_ELECTED) || tok_is(an, c, "chargé") || tok_is(an, c, "chargée"))
                c++;
            return c + 1 < first && tok_class(an, c, WC_DE | WC_DU | WC_A | WC_AU) ? e : NULL;
        }
        if (!in_role_complement(an, k))
            return NULL;
    }
    return NULL;
}

/* The role word that names a person where the name is introduced: "le
 * président russe Vladimir Poutine", "l'immunologiste Anthony Fauci",
 * "Anthony Fauci, l'immunologiste", "Mayor Jo Hart". NULL if none. */
static const lex_entry *role_near(const analysis *an, size_t first, size_t last)
{
    size_t sent = an->toks[first].sent;
    /* "Le ministre de l'Agriculture, Gilles Perrot, …" */
    if (first > 1 && tok_is_punct(an, first - 1, ',')) {
        for (size_t j = first - 1; j > 0 && j + 2 + ROLE_REACH > first; j--) {
            size_t k = j - 1;
            if (an->toks[k].sent != sent || tok_is_punct(an, k, ','))
                break;
            const lex_entry *e = tok_lex(an, k);
            if (lex_has(e, an->lang, LX_ROLE) && !(an->toks[k].flags & TF_CAP))
                return e;
        }
    }
    /* "le Premier ministre de François Hollande" is Hollande's minister */
    if (first > 0 && (tok_class(an, first - 1, WC_DE) || tok_class_in(an, first - 1, LANG_EN, WC_OF)))
        return NULL;
    for (size_t j = first; j > 0 && j + 4 > first; j--) {
        size_t k = j - 1;
        if (an->toks[k].sent != sent || an->toks[k].kind != TK_WORD)
            break;
        const lex_entry *e = tok_lex(an, k);
        if (lex_has(e, an->lang, LX_ROLE))
            return e;
        /* only adjectives stand between a role and its name ("président
         * russe"); a capitalised word or a function word ends the search */
        if (np_is_det(an, k) || lex_has(e, an->lang, LX_STOP) || (an->toks[k].flags & TF_CAP))
            break;
    }
    if (an->lang == LANG_FR) {
        const lex_entry *e = role_before_complement(an, first);
        if (e)
            return e;
    }
    size_t k = last + 1;
    /* "a-t-il dit sur Radio Azur, le premier adjoint préfère …": after a
     * medium the comma ends the clause, and the role opens the next */
    if (tok_is_punct(an, k, ',') && !(first > 0 && tok_class(an, first - 1, WC_MEDIUM))) {
        /* "Olivier Faure, élu secrétaire général du parti", "Anne Roy, la
         * nouvelle ministre": a few lowercase words may come first */
        for (size_t j = k + 1; j < an->ntoks && j < k + 5 && an->toks[j].sent == sent; j++) {
            if (an->toks[j].kind != TK_WORD || (an->toks[j].flags & TF_CAP))
                break;
            const lex_entry *e = tok_lex(an, j);
            if (lex_has(e, an->lang, LX_ROLE)) {
                /* "élu secrétaire général", "nommée ministre": the role after
                 * the participle */
                const lex_entry *e2 = j + 1 < an->ntoks ? tok_lex(an, j + 1) : NULL;
                bool participle = an->lang == LANG_FR && tok_class(an, j, WC_ELECTED);
                return participle && lex_has(e2, an->lang, LX_ROLE) && !(an->toks[j + 1].flags & TF_CAP) ? e2
                                                                                                         : e;
            }
            cue_match cm;
            if (lex_has(e, an->lang, LX_STOP) || lex_has(e, an->lang, LX_LINKER) ||
                lex_has(e, an->lang, LX_AUX) || (np_is_det(an, j) && j > k + 1) || cue_at(an, j, &cm))
                break; /* "Dara Quill, asked the minister": no role of hers */
        }
    }
    return NULL;
}

/* Is token k a verb that makes the name before it a speaker ("Podoliak a
 * déclaré", "Smith said")? */
static bool speech_follows(const analysis *an, size_t k)
{
    cue_match m;
    if (k >= an->ntoks || an->toks[k].kind != TK_WORD || (an->toks[k].flags & TF_CAP))
        return false;
    return cue_at(an, k, &m) && lex_cue(an->lx, m.cue)->pos == LX_CUE_VERB;
}

mention_table *mentions_build(analysis *an)
{
    mention_table *mt = arena_alloc(an->ar, sizeof *mt);
    if (!mt)
        return NULL;
    /* is_name_word's memo; without it (no memory) each ask computes */
    an->name_state = arena_alloc(an->ar, an->ntoks + 1);
    an->np_memo = np_memo_new(an); /* np_forward's, the same way */
    vec_init(&mt->people, an->ar->alloc, sizeof(person));
    vec_init(&mt->pending, an->ar->alloc, sizeof(pending_pronoun));
    vec_init(&mt->entities, an->ar->alloc, sizeof(const char *));
    /* names start at capitalised words: the tokeniser listed them, the
     * first test of is_name_word (tokens below `next` are done) */
    size_t next = 0;
    for (size_t ci = 0; ci < an->cap_toks.n; ci++) {
        size_t k = an->cap_toks.at[ci];
        if (k < next)
            continue;
        const token *tk = &an->toks[k];
        /* names inside quotations or captions are not who speaks */
        if (tk->depth > 0 || an->paras[tk->para].zone == ZONE_CAPTION)
            continue;
        if (!is_name_word(an, k))
            continue;
        uint8_t g = G_UNKNOWN;
        size_t s = k;
        const lex_entry *e = tok_lex(an, k);
        bool honor = is_honorific(an, k);
        if (honor) {
            g = honorific_gender(an, k);
            s = after_abbrev(an, k);
            if (s >= an->ntoks || !is_name_word(an, s))
                continue;
        } else if (e && (e->flags & LX_FIRSTNAME)) {
            g = e->gender;
        }
        size_t last;
        if (!name_run(an, s, an->ntoks, &last))
            continue;
        bool first_name = !honor && e && (e->flags & LX_FIRSTNAME);
        bool speaks = speech_follows(an, last + 1);
        /* A person is kept with a title, a first name and a surname, a
         * verb of saying after it, or two name words introduced: before
         * an auxiliary, the subject of a clause ("Rakeyia Scott can be
         * heard", "Sibeth Ndiaye a tenté"), or after a role ("trade envoy
         * Abram Szabo", "le président russe Arkadi Zotov"); asked in
         * turn, the cheapest first. A run of one word without any is done
         * with: whatever the tests below find of it, the scan goes on at
         * the next capitalised word (most of them end here). */
        bool keep = honor || (first_name && last > s) || speaks ||
                    (last > s && ((last + 1 < an->ntoks && tok_has(an, last + 1, LX_AUX) &&
                                   !(an->toks[last + 1].flags & TF_CAP)) ||
                                  role_near(an, s, last)));
        if (!keep && last == s)
            continue;
        np run;
        memset(&run, 0, sizeof run);
        run.name_first = (uint32_t)s;
        run.name_last = (uint32_t)last;
        /* "Kremlin", "BFMTV", "White House", "Stonebridge Primary School" */
        bool org = (last == s && (tok_has(an, s, LX_ORG) || (an->toks[s].flags & TF_ALLCAPS))) ||
                   name_is_org(an, &run) || (last > s && tok_has(an, last, LX_ORG));
        if (org) {
            next = last + 1; /* "la Maison Blanche" holds no person "Blanche" */
            continue;
        }
        if (!keep) {
            /* "Senator Carla Dimitrov": the name may start further on */
            continue;
        }
        /* "le ministère de la Santé indique", "le garde des Sceaux": one
         * capitalised word after de/des is the complement of a noun (a
         * domain, a place), not a person, though a verb of saying follows */
        if (last == s && !honor && !first_name && after_linker(an, s, an->sents[an->toks[s].sent].tok_start))
            continue;
        /* "les élus LaREM ont réclamé": the group speaks; one capitalised
         * word after its noun names its party or union, no person */
        if (last == s && !honor && !first_name && s > 0 && group_noun_at(an, s - 1))
            continue;
        /* "Middle East observers say": in English the name before a group
         * noun modifies it */
        if (an->lang == LANG_EN && !honor && !first_name && group_noun_at(an, last + 1))
            continue;
        if (!honor)
            s = name_trim(an, s, last);
        const lex_entry *fs = tok_lex(an, s);
        if (g == G_UNKNOWN && fs && (fs->flags & LX_FIRSTNAME))
            g = fs->gender;
        person *np_ = add_person(an, mt, s, last, g);
        if (!np_)
            return NULL;
        /* salient: it speaks, or it opens its sentence (after a title) */
        size_t st = an->sents[an->toks[s].sent].tok_start, j = s;
        while (j > st && j + 5 > s &&
               (np_is_det(an, j - 1) || tok_has(an, j - 1, LX_ROLE) || is_honorific(an, j - 1) ||
                tok_is_punct(an, j - 1, '.') ||
                (an->toks[j - 1].kind == TK_WORD && !(an->toks[j - 1].flags & TF_CAP) &&
                 !tok_has(an, j - 1, LX_STOP))))
            j--;
        np_->salient = speaks || j == st || tok_has(an, last + 1, LX_AUX);
        np_->role = role_near(an, s, last);
        next = last + 1;
    }
    mt->nscan = mt->people.len;
    return mt;
}

static bool same_bytes(const char *a, size_t n, const char *b, size_t m)
{
    /* the first bytes first: most surnames differ there, and it spares
     * the call */
    return n == m && (n == 0 || (a[0] == b[0] && memcmp(a, b, n) == 0));
}

/* The fullest known name whose surname is this word. */
/* The fullest known name that ends with this name ("Poutine" → "Vladimir
 * Poutine", "Ben Youssef" → "Hichem Ben Youssef"). */
const person *by_surname(const mention_table *mt, const char *s, size_t n, uint8_t gender)
{
    const person *ps = mt->people.data;
    const person *best = NULL;
    const char *sp = NULL;
    for (size_t i = n; i > 0; i--)
        if (s[i - 1] == ' ') {
            sp = s + i;
            break;
        }
    const char *last = sp ? sp : s;
    size_t last_n = n - (size_t)(last - s);
    size_t lo = mt->people.len > LOOKBACK ? mt->people.len - LOOKBACK : 0;
    /* the most recent fuller name of a compatible gender: "Mme Castel"
     * is Julie Castel, not her husband Arnaud; newest first along the
     * chain of the surname's bucket, without repeated entries
     * (link_surname) */
    for (size_t i = mt->newest[surname_bucket(last, last_n)]; i > lo; i = ps[i - 1].prev_other) {
        const person *q = &ps[i - 1];
        if (!same_bytes(q->surname, q->surname_len, last, last_n))
            continue;
        if ((gender == G_MASC && q->gender == G_FEM) || (gender == G_FEM && q->gender == G_MASC))
            continue;
        size_t fl = q->full_len;
        if (fl < n || memcmp(q->full + fl - n, s, n) != 0 || (fl > n && q->full[fl - n - 1] != ' '))
            continue;
        if (!best || fl > best->full_len)
            best = q;
    }
    return best;
}

const char *same_name_first(const mention_table *mt, const char *s, size_t n)
{
    const person *ps = mt->people.data;
    const char *last = s + n;
    while (last > s && last[-1] != ' ')
        last--;
    size_t last_n = n - (size_t)(last - s);
    size_t lo = mt->people.len > LOOKBACK ? mt->people.len - LOOKBACK : 0;
    const char *first = s;
    /* newest first along the surname's chain: the last one seen is the
     * oldest, unless one seen knows it already (its canon) */
    for (size_t i = mt->newest[surname_bucket(last, last_n)]; i > lo; i = ps[i - 1].prev_same)
        if (same_bytes(ps[i - 1].full, ps[i - 1].full_len, s, n)) {
            if (ps[i - 1].canon)
                return ps[i - 1].canon;
            first = ps[i - 1].full;
        }
    return first;
}

static int entity_of(mention_table *mt, const char *full)
{
    const char **es = mt->entities.data;
    size_t lo = mt->entities.len > LOOKBACK ? mt->entities.len - LOOKBACK : 0;
    for (size_t i = mt->entities.len; i > lo; i--)
        if (es[i - 1][0] == full[0] && strcmp(es[i - 1], full) == 0) /* the first byte spares most calls */
            return (int)(i - 1);
    return -1;
}

/* A role in the headline is named in the body that follows it: "…,
 * promet la ministre de la Transition écologique", then "la ministre de la
 * Transition écologique, Anne Roy, a …". The first person given the same
 * role (and not the other gender) in the next paragraphs, else NULL. The
 * headline is read as a short one of the first two paragraphs, not by its
 * zone, so that a text whose first line is a dateline or a date gives the
 * same. */
#define HEADLINE_REACH 3 /* paragraphs after the headline read */
#define HEADLINE_TOKENS 60 /* a headline is short */
#define HEADLINE_PEOPLE 64 /* names read after it, at most */

/* Does the text right before the name of person ps (past a comma and
 * spaces) end with the description desc, as in "la ministre du Travail
 * Muriel Pénicaud"? */
static bool described_as(const analysis *an, const person *ps, const char *desc)
{
    size_t k = ps->start, n = strlen(desc);
    while (k > 0 && (an->text[k - 1] == ' ' || an->text[k - 1] == ','))
        k--;
    return n && k >= n && strncasecmp(an->text + k - n, desc, n) == 0 &&
           (k == n || an->text[k - n - 1] == ' ' || an->text[k - n - 1] == '\'' ||
            an->text[k - n - 1] == '\n');
}

static const char *headline_role(const analysis *an, const mention_table *mt, const np *p,
                                 const lex_entry *role, uint8_t g, const char *desc)
{
    size_t para = an->toks[p->tok_first].para;
    const paragraph *pa = &an->paras[para];
    /* the lead after a byline ("Orange avec AFP, publié le …") opens like
     * a headline, but its role must come back word for word with the name:
     * "a déclaré la ministre du Travail", then "la ministre du Travail
     * Muriel Pénicaud" */
    if (para > 2 || (para == 2 && an->paras[1].zone != ZONE_CREDIT) ||
        pa->tok_end - pa->tok_start > HEADLINE_TOKENS)
        return NULL;
    /* the scanned names are in text order: the first after the headline
     * by a binary search, then a bounded walk */
    const person *ps = mt->people.data;
    size_t lo = 0, hi = mt->nscan;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ps[mid].start < pa->end)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < mt->nscan && i < lo + HEADLINE_PEOPLE; i++) {
        if (an->toks[tok_index(an, ps[i].start)].para > para + HEADLINE_REACH)
            break;
        if (ps[i].role == role &&
            !((g == G_MASC && ps[i].gender == G_FEM) || (g == G_FEM && ps[i].gender == G_MASC)) &&
            (para < 2 || described_as(an, &ps[i], desc)))
            return ps[i].full;
    }
    return NULL;
}

/* Defers the pronoun at token k: its party names it as written until
 * mentions_settle. False on memory failure. */
static bool defer_pronoun(analysis *an, mention_table *mt, size_t k, size_t before, uint8_t g, bool inverted,
                          dixit_party *out)
{
    if (!mt->pending_at) {
        mt->pending_at = arena_alloc(an->ar, an->ntoks * sizeof *mt->pending_at);
        if (!mt->pending_at)
            return false;
    }
    if (!mt->pending_at[k]) {
        pending_pronoun *pp = vec_push(&mt->pending);
        if (!pp)
            return false;
        *pp = (pending_pronoun){(uint32_t)k, (uint32_t)before, g, inverted, false, NULL};
        mt->pending_at[k] = (uint32_t)mt->pending.len;
    }
    out->name = copy_span(an, out->mention.start, out->mention.end);
    out->resolved_by = DIXIT_BY_PRONOUN;
    out->kind = DIXIT_KIND_PERSON;
    /* until settled, the entity says which pending pronoun it is, so
     * that a copy of the party (a participle continuing the speaker of
     * its sentence) is settled as well */
    out->entity = PENDING_ENTITY(mt->pending_at[k] - 1);
    return out->name != NULL;
}

/* "Du côté de la mairie, on demandait …", "À l'Élysée, on assure que
 * …", "Chez Renault, on estime …": the impersonal "on" speaks for the
 * place that opens its sentence, a phrase ending just before it (maybe at
 * a comma). Fills out with that phrase. */
static bool on_place(const analysis *an, const np *p, np *out)
{
    size_t k = p->tok_first, s0 = an->sents[an->toks[k].sent].tok_start;
    const lex_entry *pe = tok_lex(an, k);
    if (an->lang != LANG_FR || !pe || !(pe->wc[an->lang] & WC_INDEF) || k < s0 + 2)
        return false;
    size_t end = tok_is_punct(an, k - 1, ',') ? k - 2 : k - 1, from;
    if (tok_is_ci(an, s0, "du") && tok_is_ci(an, s0 + 1, "côté"))
        from = s0 + 2 + (tok_class(an, s0 + 2, WC_DE | WC_DU) ? 1 : 0); /* "du côté de la", "du côté du" */
    else if (tok_class_ci(an, s0, WC_A | WC_AU) || tok_is_ci(an, s0, "chez"))
        from = s0 + 1;
    else
        return false;
    return from <= end && np_forward(an, from, end + 1, out) && out->tok_last == end && !out->pronoun &&
           (out->kind != DIXIT_KIND_PERSON || out->has_name ||
            tok_has(an, np_head(an, out), LX_ROLE | LX_GROUP));
}

/* A singular pronoun waits for the text-order pass (mentions_settle),
 * which gives it the entity the trained scorer ranks first among those
 * named before it (antecedent.c); number agrees too: "ils", "they" are
 * never one person, "it" never a person (a report, a campaign), so they
 * stay as written, unresolved. */
/* The writer's name: the article's one author when its byline gives a
 * single name (no list: "A and B", "A, B"); NULL otherwise. */
static const char *single_author(analysis *an)
{
    const char *s = an->doc ? an->doc->authors : NULL;
    if (!s)
        return NULL;
    while (*s == ' ')
        s++;
    size_t n = strlen(s), words = 1;
    while (n && s[n - 1] == ' ')
        n--;
    if (n < 3 || n > 60 || !(*s >= 'A' && *s <= 'Z') || memchr(s, ',', n) || memchr(s, ';', n) ||
        memchr(s, '&', n) || memchr(s, '|', n) || memchr(s, '/', n))
        return NULL;
    for (size_t i = 0; i + 1 < n; i++)
        if (s[i] == ' ') {
            words++;
            /* "A and B", "A et B": a lowercase word joins two names */
            if (s[i + 1] >= 'a' && s[i + 1] <= 'z')
                return NULL;
        }
    return words >= 2 && words <= 4 ? arena_strndup(an->ar, s, n) : NULL;
}

/* Is byte b inside a post a web page embeds (a tweet: its "I" is its
 * author's), as the page's blocks give them ("post START END" lines)? */
static bool in_post(const analysis *an, size_t b)
{
    char kind[8];
    size_t s, e;
    int n = 0;
    for (const char *l = an->doc ? an->doc->blocks : NULL;
         l && sscanf(l, "%7s %zu %zu%n", kind, &s, &e, &n) == 3; l += n + 1)
        if (strcmp(kind, "post") == 0 && s <= b && b < e)
            return true;
    return false;
}

static bool resolve_pronoun(analysis *an, mention_table *mt, const np *p, size_t before, bool inverted,
                            dixit_party *out)
{
    /* "I wrote last year that …", "j'ai demandé": outside quotation marks
     * the first person is the writer, named by the byline or by no one
     * (the people the article names before are others) */
    size_t at = an->toks[p->tok_first].start;
    if (p->number == N_SG1 && an->toks[p->tok_first].depth == 0 && !in_post(an, at)) {
        out->name = single_author(an);
        out->resolved_by = out->name ? DIXIT_BY_CONTEXT : DIXIT_BY_NONE;
        return true;
    }
    /* "you" outside quotation marks is the reader */
    if (p->number == N_2ND && an->toks[p->tok_first].depth == 0) {
        out->name = NULL;
        out->resolved_by = DIXIT_BY_NONE;
        return true;
    }
    np place;
    if (!inverted && on_place(an, p, &place))
        return mentions_resolve(an, mt, &place, before, out);
    if (p->number != N_PL && p->gender != G_NEUTER)
        return defer_pronoun(an, mt, p->tok_first, before, p->gender, inverted, out);
    out->name = copy_span(an, out->mention.start, out->mention.end);
    out->resolved_by = DIXIT_BY_NONE;
    return out->name != NULL;
}

/* ------------------------------------------------------------------ */
/* Who can speak                                                        */

/* A preposition that opens an adjunct (class "prep" of data/words.*.tsv:
 * dans, en, sur, in), written in lowercase. */
static bool adjunct_prep_at(const analysis *an, size_t k)
{
    const lex_entry *e = tok_lex(an, k);
    return e && (e->flags & LX_PREP) && an->toks[k].kind == TK_WORD && !(an->toks[k].flags & TF_CAP);
}

/* Is a word of the phrase before its first linker one that heads a
 * speaker: a role, a group, an organisation, a pronoun or a capitalised
 * name? ("compte aider des membres" has none: "membres" is the object.) */
static bool speaker_word(const analysis *an, const np *p)
{
    for (size_t k = p->tok_first; k <= p->tok_last && (k == p->tok_first || !is_linker(an, k)); k++)
        if (tok_has(an, k, LX_ROLE | LX_GROUP | LX_ORG | LX_PRONOUN) || (an->toks[k].flags & TF_CAP))
            return true;
    return false;
}

/* Can the phrase not speak? Only a date or a figure ("28", "lundi"); a
 * phrase headed by a word of the class "mute" of data/classes.tsv
 * ("selon", "malgré", "la polémique"); in French, lowercase words with no
 * determiner and no word of a speaker: a verb or a participle read as a
 * phrase ("porté plainte", "compte aider"); in English one such word that
 * is no bare plural ("keep", "resist"). */
static bool np_mute(const analysis *an, const np *p)
{
    if (p->pronoun)
        return false;
    bool word = false, date = false;
    for (size_t k = p->tok_first; k <= p->tok_last && !word; k++) {
        bool time = an->toks[k].kind == TK_NUM || tok_has(an, k, LX_TIME);
        date = date || time;
        word = !time && an->toks[k].kind == TK_WORD && !np_is_det(an, k) && !tok_has(an, k, LX_TIMEPART);
    }
    if ((date && !word) || tok_class_ci(an, np_head(an, p), WC_MUTE))
        return true;
    /* "le vaccin développé en Angleterre répondait": in French a name
     * right after a preposition is its object, a place (English "on
     * Trump's claim", "after Trump said" are not) */
    if (an->lang == LANG_FR && p->has_name && p->tok_first > 0 && p->name_first == p->tok_first &&
        an->toks[p->tok_first - 1].sent == an->toks[p->tok_first].sent &&
        adjunct_prep_at(an, p->tok_first - 1))
        return true;
    /* the article may be in the word before ("du quotidien"), "de" may
     * stand for it ("de nombreux experts"), or a phrase before it joined by
     * "et" ("des tweets et médias") */
    size_t f = p->tok_first;
    uint32_t art = WC_DE | WC_DU | WC_AU;
    bool determined = np_is_det(an, f) || is_linker(an, f) || tok_class_ci(an, f, art) ||
                      (f > 0 && (is_linker(an, f - 1) || tok_class(an, f - 1, art | WC_AND | WC_OR)));
    if (an->lang == LANG_FR)
        return !p->has_name && !determined && !speaker_word(an, p);
    /* English: one lowercase word, no article, no speaker word, and not a
     * bare plural ("officials said", "critics say" speak): a verb read as
     * a phrase ("to keep details …, The Post has learned") */
    const char *t = tok_text(an, f);
    size_t n = tok_len(an, f);
    return p->tok_first == p->tok_last && !p->has_name && !determined && !speaker_word(an, p) &&
           an->toks[f].kind == TK_WORD && !(an->toks[f].flags & TF_CAP) && n > 2 && t[n - 1] != 's' &&
           !tok_class_ci(an, f, WC_SOME | WC_INDEF | WC_OBJECT | WC_TONIC);
}

/* "les informations du Parisien", "le témoignage de trois voisins": a
 * noun of the class "report" whose complement after de is who speaks.
 * 1: the complement is in *sub; 2: a report noun with no complement,
 * which names no one; 0: no report noun. */
static int np_report(const analysis *an, const np *p, np *sub)
{
    if (p->pronoun)
        return 0;
    /* the noun may follow an adjective or two ("les premières
     * révélations"), and adjectives may follow it before de */
    size_t h = np_head(an, p);
    bool report = false;
    for (size_t k = h; k <= p->tok_last && k < h + 4; k++) {
        if (an->toks[k].kind != TK_WORD || (an->toks[k].flags & TF_CAP) || tok_has(an, k, LX_STOP))
            break;
        if (report && tok_class(an, k, WC_DE | WC_DU)) {
            if (np_forward(an, k + 1, p->tok_last + 1, sub) && !np_mute(an, sub))
                return 1;
            break;
        }
        report = report || tok_class(an, k, WC_REPORT);
    }
    return report ? 2 : 0;
}

static void party_init(const analysis *an, const np *p, dixit_party *out)
{
    memset(out, 0, sizeof *out);
    out->present = 1;
    out->entity = -1;
    out->mention.start = an->toks[p->tok_first].start;
    out->mention.end = an->toks[p->mention_last > p->tok_last ? p->mention_last : p->tok_last].end;
    /* "He's claiming": the mention is the pronoun, "He" */
    if (p->pronoun && p->tok_first == p->tok_last && an->lang == LANG_EN)
        out->mention.end =
            out->mention.start +
            (uint32_t)contraction_stem(an->text + out->mention.start, out->mention.end - out->mention.start);
    out->kind = p->kind;
}

/* The name of the author in a phrase headed by a document ("sondage
 * Ifop", "étude réalisée par l'Institut Pasteur et citée par …", "poll by
 * Quinnipiac"): the first run of capitalised words after the head (a
 * lowercase word between two of them, as in "Santé publique France",
 * stays in); its tokens in [*a, *b]. False when the head is no document
 * or no capitalised word follows it. */
static bool document_author(const analysis *an, const np *p, size_t *a, size_t *b)
{
    size_t h = np_head(an, p);
    if (!lex_has(tok_lex(an, h), an->lang, LX_DOCUMENT))
        return false;
    size_t k = h + 1, last = p->tok_last;
    while (k <= last && !(an->toks[k].kind == TK_WORD && (an->toks[k].flags & TF_CAP)))
        k++;
    /* "a poll by Quinnipiac", "a study of the Linden Institute": the
     * phrase ended before its author */
    size_t e = an->sents[an->toks[last].sent].tok_end;
    if (k > last && last + 2 < e && tok_class(an, last + 1, WC_AGENT | WC_POSTMOD)) {
        k = last + 2 + (np_is_det(an, last + 2) ? 1 : 0);
        last = e - 1;
        if (k > last || an->toks[k].kind != TK_WORD || !(an->toks[k].flags & TF_CAP))
            return false;
    }
    if (k > last)
        return false;
    *a = *b = k;
    for (size_t j = k + 1; j <= last && an->toks[j].kind == TK_WORD; j++) {
        bool cap = (an->toks[j].flags & TF_CAP) != 0;
        bool bridge = !cap && j + 1 <= last && an->toks[j + 1].kind == TK_WORD &&
                      (an->toks[j + 1].flags & TF_CAP) && !tok_has(an, j, LX_STOP | LX_LINKER | LX_CUE_VERB);
        if (!cap && !bridge)
            break;
        *b = j;
    }
    return true;
}

bool mentions_resolve(analysis *an, mention_table *mt, const np *p, size_t before, dixit_party *out)
{
    np sub;
    memset(&sub, 0, sizeof sub);
    /* "Ce dernier estime": a phrase of two words may be a pronoun of
     * data/pronouns.tsv, however it was read */
    if (!p->pronoun && p->tok_last == p->tok_first + 1 && pronoun_np(an, p->tok_first, &sub) &&
        sub.tok_last == p->tok_last)
        return mentions_resolve(an, mt, &sub, before, out);
    int report = np_report(an, p, &sub);
    if (report == 1)
        return mentions_resolve(an, mt, &sub, before, out);
    party_init(an, p, out);
    if (report == 2 || np_mute(an, p))
        return true; /* the words stay in the mention, no one is named */
    /* "Former royal PR aides called it …": one capitalised word opening
     * the sentence before lowercase words and a group or role noun is an
     * adjective, no name */
    bool adjective = an->lang == LANG_EN && p->has_name && p->name_first == p->name_last &&
                     p->name_first == p->tok_first && p->name_last + 1 < p->tok_last &&
                     an->sents[an->toks[p->tok_first].sent].tok_start == p->tok_first &&
                     !(an->toks[p->name_last + 1].flags & TF_CAP) &&
                     tok_has(an, p->tok_last, LX_GROUP | LX_ROLE) &&
                     !tok_has(an, p->name_first, LX_FIRSTNAME);
    if (adjective ||
        (p->has_name && p->name_first == p->name_last && tok_class_ci(an, p->name_first, WC_SOME))) {
        np d = *p; /* "Cinq habitants ont dit": a quantifier, no name */
        d.has_name = false;
        return mentions_resolve(an, mt, &d, before, out);
    }
    if (p->pronoun)
        return resolve_pronoun(an, mt, p, before, false, out);
    if (p->has_name) {
        size_t a = an->toks[p->name_first].start, b = an->toks[p->name_last].end;
        out->resolved_by = DIXIT_BY_NAME;
        /* "des élus LR", "les députés LFI": a group of the organisation
         * named after it speaks, not the organisation ("experts David
         * Albright" is a person) */
        size_t gh = p->tok_first; /* the phrase past its determiners */
        while (gh < p->name_first && np_is_det(an, gh))
            gh++;
        size_t gq = gh; /* and its adjectives: "plusieurs autres élus LR" */
        while (gq + 1 < p->name_first && an->toks[gq].kind == TK_WORD && !(an->toks[gq].flags & TF_CAP) &&
               !tok_has(an, gq, LX_STOP | LX_GROUP | LX_ROLE))
            gq++;
        if (gq + 1 == p->name_first && p->name_first == p->name_last && group_noun_at(an, gq) &&
            !tok_has(an, p->name_first, LX_FIRSTNAME)) {
            out->kind = DIXIT_KIND_GROUP;
            a = an->toks[gh].start;
        }
        /* English "White House officials", "Middle East observers": the
         * name modifies the group noun after it, which speaks */
        if (an->lang == LANG_EN && p->name_last + 1 == p->tok_last && group_noun_at(an, p->tok_last)) {
            out->kind = DIXIT_KIND_GROUP;
            b = an->toks[p->tok_last].end;
        }
        /* "Le Pen", "Le Drian": a name that takes a capitalised article
         * (read as an outlet's, "Le Monde") is a surname when the
         * article named someone so before: "Marine Le Pen" */
        bool particle_name = out->kind == DIXIT_KIND_ORGANIZATION && tok_has(an, p->name_first, LX_PARTICLE) &&
                             (an->toks[p->name_first].flags & TF_CAP) && p->name_first < p->name_last;
        if (out->kind == DIXIT_KIND_PERSON || particle_name) {
            const person *full = by_surname(mt, an->text + a, b - a, p->gender);
            if (full) {
                out->kind = DIXIT_KIND_PERSON;
                out->name = full->full;
                out->resolved_by = DIXIT_BY_SURNAME;
                out->entity = entity_of(mt, out->name);
                return true;
            }
        }
        if (out->kind == DIXIT_KIND_ORGANIZATION && p->tok_first < p->name_first)
            a = an->toks[gh].start; /* "le ministère de l'Intérieur": the whole phrase names it */
        /* "la Commission européenne", "la Banque centrale européenne": a
         * French institution's adjectives follow its name */
        if (an->lang == LANG_FR && out->kind == DIXIT_KIND_ORGANIZATION && p->name_last < p->tok_last) {
            size_t l = p->name_last;
            while (l < p->tok_last && an->toks[l + 1].kind == TK_WORD && !(an->toks[l + 1].flags & TF_CAP) &&
                   !tok_has(an, l + 1, LX_STOP | LX_LINKER | LX_DET) && !participle_fr(an, l + 1))
                l++;
            b = an->toks[l].end;
        }
        out->name = copy_span(an, a, b);
        out->entity = entity_of(mt, out->name);
        return out->name != NULL;
    }
    /* "un sondage Ifop", "une étude réalisée par l'Institut Pasteur", "les
     * données de Santé publique France": a document says what its author
     * found, and the author speaks */
    size_t da, db;
    if (p->kind == DIXIT_KIND_ORGANIZATION && document_author(an, p, &da, &db)) {
        out->name = copy_span(an, an->toks[da].start, an->toks[db].end);
        out->resolved_by = DIXIT_BY_NAME;
        out->entity = entity_of(mt, out->name);
        return out->name != NULL;
    }
    /* a description: "la source présidentielle russe", "the company";
     * "l'un d'eux" keeps its "un", "one of them" its "one" */
    size_t f = p->tok_first;
    while (f < p->tok_last && np_is_det(an, f))
        f++;
    if (f > p->tok_first && (tok_class(an, f, WC_DE | WC_DU) || tok_class_in(an, f, LANG_EN, WC_OF)))
        f--;
    /* ("La Gazette du Centre": an organisation's capitalised article
     * within the sentence is part of its name, as np_classify's) */
    if (p->kind == DIXIT_KIND_ORGANIZATION && f == p->tok_first + 1 && (an->toks[f].flags & TF_CAP) &&
        (an->toks[p->tok_first].flags & TF_CAP) && p->tok_first > an->sents[an->toks[f].sent].tok_start)
        f--;
    out->name = copy_span(an, an->toks[f].start, an->toks[p->tok_last].end);
    out->resolved_by = p->kind == DIXIT_KIND_ORGANIZATION ? DIXIT_BY_NAME : DIXIT_BY_DESCRIPTION;
    if (!out->name || p->kind != DIXIT_KIND_PERSON)
        return out->name != NULL;
    /* a role may mean a person named before: "le président russe" after
     * "le président russe Vladimir Poutine", "the senator" after "Sen. …";
     * the trained scorer weighs the people named before against keeping
     * the description (antecedent.c). The role noun comes first in French
     * ("le président russe"), last in English ("the police chief"). */
    const lex_entry *h = tok_lex(an, np_head(an, p));
    if (!lex_has(h, an->lang, LX_ROLE))
        h = tok_lex(an, p->tok_last);
    if (!h || !lex_has(h, an->lang, LX_ROLE))
        return true;
    /* "l'adjointe": the role word may say the gender the phrase did not */
    uint8_t g = p->gender != G_UNKNOWN ? p->gender : h->gender;
    const char *who = antecedent_describe(an, mt, p->tok_first, g, h, out->name, before);
    if (!who)
        who = headline_role(an, mt, p, h, g, out->name);
    if (who) {
        out->name = who;
        out->resolved_by = DIXIT_BY_ROLE;
        out->entity = entity_of(mt, out->name);
    }
    return true;
}

void mentions_note_speaker(analysis *an, mention_table *mt, const dixit_party *p, uint8_t gender)
{
    if (!p->present || !p->name || p->kind != DIXIT_KIND_PERSON || !p->resolved_by ||
        p->resolved_by == DIXIT_BY_DESCRIPTION)
        return;
    person *ps = vec_push(&mt->people);
    if (!ps)
        return;
    ps->start = (uint32_t)p->mention.start;
    ps->end = (uint32_t)p->mention.end;
    ps->full = p->name;
    ps->full_len = strlen(p->name);
    const char *sp = strrchr(p->name, ' ');
    ps->surname = sp ? sp + 1 : p->name;
    ps->surname_len = strlen(ps->surname);
    /* a voice noted with no gender of its own ("Obama Sees …" resolved
     * to "Michelle Obama") keeps its first name's: a later "Mr. Obama"
     * must not take it for him */
    const lex_entry *f =
        sp && gender == G_UNKNOWN ? lex_get(an->lx, p->name, (size_t)(strchr(p->name, ' ') - p->name)) : NULL;
    ps->gender = f && (f->flags & LX_FIRSTNAME) ? f->gender : gender;
    ps->salient = true;
    ps->role = NULL;
    ps->shape = PS_NOTED;
    link_surname(mt);
}

int mentions_assign_entity(mention_table *mt, const char *name)
{
    int id = entity_of(mt, name);
    if (id >= 0)
        return id;
    const char **slot = vec_push(&mt->entities);
    if (!slot)
        return -1;
    *slot = name;
    return (int)(mt->entities.len - 1);
}

static pending_pronoun *pending_of(const mention_table *mt, const dixit_party *p)
{
    if (!p->present || p->entity > PENDING_ENTITY(0) ||
        (size_t)PENDING_INDEX(p->entity) >= mt->pending.len)
        return NULL;
    return &((pending_pronoun *)mt->pending.data)[PENDING_INDEX(p->entity)];
}

bool mentions_pending(const mention_table *mt, const dixit_party *p)
{
    return pending_of(mt, p) != NULL;
}

bool mentions_settle(analysis *an, mention_table *mt, dixit_party *p, uint8_t *gender)
{
    pending_pronoun *pp = pending_of(mt, p);
    if (!pp)
        return true;
    if (!pp->done) {
        pp->name = antecedent_pick(an, mt, pp->tok, pp->gender, pp->inverted, pp->before);
        pp->done = true;
    }
    *gender = pp->gender;
    if (!pp->name) { /* the pronoun as written: "il", not "a-t-il" */
        p->resolved_by = DIXIT_BY_NONE;
        p->entity = -1;
        if (p->mention.end > p->mention.start)
            p->name = copy_span(an, p->mention.start, p->mention.end);
        return p->name != NULL;
    }
    p->name = pp->name;
    p->entity = entity_of(mt, p->name);
    return true;
}

void mentions_free(mention_table *mt)
{
    if (mt) {
        vec_free(&mt->pending);
        vec_free(&mt->people);
        vec_free(&mt->entities);
    }
}

/* "dit-on au parquet", "indique-t-on par ailleurs dans une ambassade",
 * "précise-t-on chez le constructeur": the impersonal pronoun (class
 * indef) speaks for the place named after the verb, within a few words:
 * an organisation after dans or chez (not a channel: "dans un
 * communiqué"), a description of one after à (not a name: "à l'AFP" is
 * who is told). */
static bool impersonal_place(const analysis *an, const cue_match *m, np *out)
{
    const lex_entry *pe = lex_get(an->lx, an->text + m->pron_start, m->pron_end - m->pron_start);
    if (!pe || !(pe->wc[an->lang] & WC_INDEF))
        return false;
    size_t e = an->sents[an->toks[m->tok_last].sent].tok_end;
    for (size_t k = m->tok_last + 1; k < e && k < m->tok_last + 5; k++) {
        if (an->toks[k].kind != TK_WORD || (an->toks[k].flags & TF_CAP))
            return false;
        bool to = tok_class(an, k, WC_A | WC_AU), in = tok_has(an, k, LX_PREP) && !tok_has(an, k, LX_TIME);
        /* "a-t-on appris auprès du parquet", "auprès de l'AFP": the one it
         * was learned from speaks, named or not */
        bool near = tok_class(an, k, WC_NEAR) && k + 2 < e && tok_class(an, k + 1, WC_DE | WC_DU);
        if (!to && !in && !near)
            continue; /* "par ailleurs", an adverb */
        if (near)
            k++;
        if (!np_forward(an, k + 1, e, out) || out->pronoun || tok_has(an, np_head(an, out), LX_CHANNEL))
            return false;
        return out->kind == DIXIT_KIND_ORGANIZATION && (in || near || !out->has_name);
    }
    return false;
}

bool mentions_resolve_inversion(analysis *an, mention_table *mt, const cue_match *m, size_t before,
                                dixit_party *sp, uint8_t *g)
{
    np place;
    if (impersonal_place(an, m, &place)) {
        *g = G_UNKNOWN;
        return mentions_resolve(an, mt, &place, before, sp);
    }
    np p;
    memset(&p, 0, sizeof p);
    p.pronoun = true;
    p.gender = (uint8_t)(m->pron_gender < 0 ? G_UNKNOWN : m->pron_gender);
    p.number = m->pron_number;
    p.tok_first = p.tok_last = m->tok_first;
    party_init(an, &p, sp);
    /* "…, est-il précisé", "a-t-il été annoncé": the "il" of a passive is
     * impersonal, no one's (être before the participle: "est-il", "été") */
    bool impersonal = false;
    for (size_t k = m->tok_first; an->lang == LANG_FR && k <= m->tok_last && !impersonal; k++)
        impersonal = tok_class(an, k, WC_BE) ||
                     (k == m->tok_first && tok_len(an, k) > 4 && memcmp(tok_text(an, k), "est-", 4) == 0);
    if (!impersonal && !resolve_pronoun(an, mt, &p, before, true, sp))
        return false;
    /* the mention is the pronoun inside the token ("a-t-il" → "il") */
    sp->mention.start = m->pron_start;
    sp->mention.end = m->pron_end;
    if (!sp->resolved_by) {
        sp->name = arena_strndup(an->ar, an->text + m->pron_start, m->pron_end - m->pron_start);
        if (!sp->name)
            return false;
    }
    *g = p.gender;
    return true;
}
