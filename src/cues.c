/*
 * cues.c: reporting cues at a token.
 *
 * The lexicon lists the forms of each reporting verb, noun and preposition;
 * this file knows the grammar around them that is not worth listing:
 * auxiliaries (a déclaré, has said), adverbs between auxiliary and verb
 * (a également souligné), French subject inversion (a-t-il ajouté,
 * poursuit-elle, s'est-il exclamé) and multi-word entries (according to,
 * d'après, pointed out).
 */
#include "alloc.h"
#include "bytes.h"
#include "analysis.h"
#include "cues.h"
#include "lexicon.h"
#include "segment.h"

#include <string.h>
#include <strings.h>

#define CUE_MAX_WORDS 4
#define ADVERBIAL_MAX 3 /* words of an adverbial phrase, at most */

static int cue_of(const analysis *an, const lex_entry *e)
{
    if (!e)
        return -1;
    if (an->lang != LANG_UND)
        return e->cue[an->lang];
    return e->cue[LANG_FR] >= 0 ? e->cue[LANG_FR] : e->cue[LANG_EN];
}

/* Lowercased key of n tokens from i (token skip left out: SIZE_MAX for
 * none), joined by a space where the text has whitespace, built once for
 * the longest n: the key of fewer tokens is a prefix of it. ends[k] is the
 * length of the key of k+1 tokens and at[k] its last token; returns how
 * many of them fit (0 to n). With cues, the key stops before a second or
 * later token that makes it no prefix of any cue key (lex_may_start_cue):
 * a key of it or more tokens would be no cue, and is neither built nor
 * looked up ("in the" of "in the words of" goes no further than "in the
 * city"). */
static size_t join_keys(const analysis *an, size_t i, size_t n, size_t skip, bool cues, char *out, size_t cap,
                        size_t *ends, size_t *at)
{
    size_t o = 0, got = 0;
    uint64_t h = LEX_PREFIX_START;
    for (size_t k = i; k < i + n + (skip != SIZE_MAX); k++) {
        if (k == skip)
            continue;
        if (k >= an->ntoks || an->toks[k].kind != TK_WORD || an->toks[k].sent != an->toks[i].sent)
            break;
        size_t from = o;
        if (k > i && (an->toks[k].flags & TF_SPACE_BEFORE)) {
            if (o + 1 >= cap)
                break;
            out[o++] = ' ';
        }
        size_t w = tok_lower(an, k, out + o, cap - o);
        if (!w)
            break;
        o += w;
        if (cues) {
            h = lex_prefix_hash(h, out + from, o - from);
            if (got && !lex_may_start_cue(an->lx, h))
                break;
        }
        at[got] = k;
        ends[got++] = o;
    }
    return got;
}

static bool is_adverb(const analysis *an, size_t i);

/* Can word token j follow a head whose next words open with the bytes of
 * next (lex_next) in a key of several words? False only when sure: an
 * ASCII first byte that opens no such word. "to" and "in" head a cue key
 * or two ("to quote", "in the words of") and stand before almost any
 * word, "de" and "en" an adverb or two ("de son côté", "en revanche"):
 * the key of two words is then neither built nor looked up. Another
 * token than a word ends the key in join_keys anyway. */
static bool may_follow(const analysis *an, uint64_t next, size_t j)
{
    if (j >= an->ntoks || an->toks[j].kind != TK_WORD)
        return true;
    unsigned char b = (unsigned char)an->text[an->toks[j].start];
    if (b >= 0x80)
        return true; /* utf8_lower may make it anything */
    b = (unsigned char)ascii_lower((char)b);
    return (next >> (b & 63)) & 1;
}

/* The longest cue entry starting at token i; sets *last. */
static int cue_words(const analysis *an, size_t i, size_t *last)
{
    char key[160];
    size_t ends[CUE_MAX_WORDS];
    const lex_entry *head = tok_lex(an, i);
    if (!head)
        return -1;
    if (!(head->flags & LX_MW_CUE_HEAD)) {
        /* a one-word cue: the token's own entry, no key to build */
        int c = cue_of(an, head);
        if (c >= 0)
            *last = i;
        return c;
    }
    /* no cue key starting with this word spans more than cue_span tokens */
    size_t most = head->cue_span < 1 ? 1 : head->cue_span < CUE_MAX_WORDS ? head->cue_span : CUE_MAX_WORDS;
    size_t at[CUE_MAX_WORDS];
    /* the words as they stand; then, past an adverb after the first word,
     * the words of two or more ("fait également état de") */
    for (size_t skip = SIZE_MAX, fewest = 1; fewest <= 2; skip = i + 1, fewest++) {
        /* the word after the head (past the adverb) opens no key's rest:
         * only the head's own key is left, and past an adverb none */
        bool follows = may_follow(an, lex_next(an->lx, head, LX_NEXT_CUE), skip == SIZE_MAX ? i + 1 : i + 2);
        if (skip != SIZE_MAX && (most < 2 || !follows || !is_adverb(an, skip)))
            break;
        size_t upto = follows ? most : 1;
        if (upto == 1 && tok_len(an, i) <= TOK_KEY_SURE) {
            /* the key of the head alone is its entry: nothing to join */
            int c = fewest == 1 ? cue_of(an, head) : -1;
            if (c >= 0) {
                *last = i;
                return c;
            }
            continue;
        }
        for (size_t n = join_keys(an, i, upto, skip, true, key, sizeof key, ends, at); n >= fewest; n--) {
            /* the key of one word is the word's own: its entry is head */
            const lex_entry *e = n == 1 ? head : lex_get_lower(an->lx, key, ends[n - 1]);
            int c = cue_of(an, e);
            if (c >= 0) {
                *last = at[n - 1];
                return c;
            }
        }
    }
    return -1;
}

/* French inversion: "poursuit-il", "a-t-elle", "ont-ils". Splits the token
 * into a base and a pronoun; returns the base length or 0. */
static size_t inversion(const analysis *an, size_t i, uint8_t *gender, uint8_t *number, uint32_t *pstart)
{
    static const struct {
        const char *suf;
        uint8_t g, n;
    } sufs[] = {{"-t-il", G_MASC, N_SG}, {"-t-elle", G_FEM, N_SG}, {"-t-on", G_UNKNOWN, N_SG},
                {"-ils", G_MASC, N_PL},  {"-elles", G_FEM, N_PL},  {"-il", G_MASC, N_SG},
                {"-elle", G_FEM, N_SG},  {"-on", G_UNKNOWN, N_SG}};
    const char *t = tok_text(an, i);
    size_t n = tok_len(an, i);
    for (size_t k = 0; k < sizeof sufs / sizeof *sufs; k++) {
        size_t m = strlen(sufs[k].suf);
        if (n > m && memcmp(t + n - m, sufs[k].suf, m) == 0) {
            *gender = sufs[k].g;
            *number = sufs[k].n;
            /* the pronoun starts after the last hyphen */
            size_t h = n;
            while (h > 0 && t[h - 1] != '-')
                h--;
            *pstart = an->toks[i].start + (uint32_t)h;
            return n - m;
        }
    }
    return 0;
}

static bool is_aux(const analysis *an, size_t i)
{
    const lex_entry *e = tok_lex(an, i);
    return lex_has(e, an->lang, LX_AUX);
}

static bool listed_adverb(const analysis *an, size_t i);

/* Adverbs that sit between an auxiliary and its participle: the listed
 * ones and, there, any word in -ment / -ly. */
static bool is_adverb(const analysis *an, size_t i)
{
    if (listed_adverb(an, i))
        return true;
    if (i >= an->ntoks || an->toks[i].kind != TK_WORD)
        return false;
    /* "a officiellement annoncé", "has repeatedly said" */
    const char *t = tok_text(an, i);
    size_t n = tok_len(an, i);
    size_t s = lex_suffix(an->endings, an->lang, SX_ADVERB, t, n);
    return !(an->toks[i].flags & TF_CAP) && s && n > s + 2;
}

/* The adverbs of data/words.*.tsv (class "adv"). */
static bool listed_adverb(const analysis *an, size_t i)
{
    return i < an->ntoks && an->toks[i].kind == TK_WORD && tok_has(an, i, LX_ADV);
}

/* No word, or a word that is no auxiliary, cue or head of a cue key (in
 * French, with no inversion or reflexive either): worked out by the
 * tokeniser (TH_NO_CUE, fr_may_start). */
static inline bool starts_no_cue(const analysis *an, size_t i)
{
    return (an->toks[i].has & TH_NO_CUE) != 0;
}

static void set_inversion(cue_match *m, uint8_t g, uint8_t num, uint32_t start, uint32_t end)
{
    m->inverted = true;
    m->pron_gender = (int8_t)g;
    m->pron_number = num;
    m->pron_start = start;
    m->pron_end = end;
}

/* Does an English verb form at token i stand where a noun or an adjective
 * does: "more detailed records", "his early-morning tweets", "Friday's
 * tweets"? ("Trump's claiming" is "Trump is claiming"; "he's said" is "he
 * has said".) */
/* "polls show", "studies don't find": the base form of an English finding
 * verb at token v follows the plural of its document, its cue starting at
 * token i; "Clinton doesn't show", "to find" report nothing. */
static bool finding_base_ok(const analysis *an, int c, size_t i, size_t v)
{
    const cue_info *ci = lex_cue(an->lx, c);
    if (an->lang != LANG_EN || !(ci->classes & VC_FINDING) || !tok_is_ci(an, v, ci->lemma))
        return true;
    return i > 0 && an->toks[i - 1].kind == TK_WORD && tok_has(an, i - 1, LX_ORG) &&
           !tok_has(an, i - 1, LX_PRONOUN | LX_AUX | LX_STOP);
}

static bool noun_position(const analysis *an, size_t i)
{
    size_t p = i - 1;
    if (tok_class_ci(an, p, WC_DEGREE))
        return true;
    const char *t = tok_text(an, p);
    size_t n = tok_len(an, p);
    bool hyphen = !(an->toks[p].flags & TF_CAP) && memchr(t, '-', n) != NULL;
    /* "10-year notes", "my 12-question quiz": a compound opening with a
     * number qualifies what follows it */
    if (hyphen && t[0] >= '0' && t[0] <= '9')
        return true;
    if (hyphen && p > 0) { /* "his early-morning tweets", "a five-alarm call" */
        p--;
        if (tok_has(an, p, LX_DET))
            return true;
        t = tok_text(an, p);
        n = tok_len(an, p);
    }
    size_t vn = tok_len(an, i);
    const char *vt = tok_text(an, i);
    if (vn > 3 && lex_suffix(an->endings, LANG_EN, SX_GERUND, vt, vn))
        return false;
    /* "has faced ridicule", "it drew criticism": a form not in -ed right
     * after a verb in -ed is its object, a noun */
    bool plain = !(vn > 2 && lex_suffix(an->endings, LANG_EN, SX_PARTICIPLE, vt, vn)) &&
                 !tok_class(an, i, WC_SAID); /* "the experts I interviewed said" */
    if (plain && p + 1 == i && an->toks[p].kind == TK_WORD && !(an->toks[p].flags & TF_CAP) && n > 4 &&
        lex_suffix(an->endings, LANG_EN, SX_PARTICIPLE, t, n) &&
        !tok_has(an, p, LX_AUX | LX_STOP | LX_PRONOUN))
        return true;
    /* "despite repeated warnings", "the reported deal": a form in -ed
     * after a preposition or a determiner, before a noun, qualifies it */
    if (!plain && p + 1 == i &&
        (tok_has(an, p, LX_DET) || (tok_has(an, p, LX_PREP) && !tok_class(an, p, WC_TO))) &&
        i + 1 < an->ntoks && an->toks[i + 1].kind == TK_WORD && !(an->toks[i + 1].flags & TF_CAP) &&
        !tok_has(an, i + 1, LX_STOP | LX_PREP | LX_DET | LX_TIME | LX_AUX | LX_ADV))
        return true;
    size_t ps = lex_suffix(an->endings, LANG_EN, SX_POSSESSIVE, t, n);
    bool poss = ps && n > ps;
    /* "Trump's claim that …" reports what he claimed */
    if (!poss || tok_has(an, p, LX_PRONOUN) || tok_class(an, i + 1, WC_THAT))
        return false;
    /* "he's said", "there's talk": is or has, no possessive */
    const lex_entry *stem = lex_get(an->lx, t, n - ps);
    return !(stem && (stem->wc[LANG_EN] & WC_CONTRACTS));
}

/* An adverbial phrase of two or three words at token k ("d'autre part",
 * "en revanche", "de son côté", "for his part"), standing between an
 * auxiliary and its participle: how many tokens, else 0. */
size_t adverbial_at(const analysis *an, size_t k)
{
    /* the adverbs of several words of data/words.*.tsv (class "adv"):
     * "d'autre part", "en revanche", "de son côté" */
    const lex_entry *head = tok_lex(an, k);
    if (!head || !(head->flags & LX_MW_HEAD) || !may_follow(an, lex_next(an->lx, head, LX_NEXT_ADV), k + 1))
        return 0;
    char key[96];
    size_t ends[ADVERBIAL_MAX], at[ADVERBIAL_MAX];
    for (size_t n = join_keys(an, k, ADVERBIAL_MAX, SIZE_MAX, false, key, sizeof key, ends, at); n >= 2; n--)
        if (lex_has(lex_get_lower(an->lx, key, ends[n - 1]), an->lang, LX_ADV))
            return n;
    return 0;
}

/* "pour répondre", "pour avancer": "pour" before an infinitive states a
 * purpose, "pour l'heure" means for now; neither names one whose view
 * follows ("pour le ministre, …"). */
static bool purpose_infinitive(const analysis *an, int c, size_t k)
{
    if (an->lang != LANG_FR || !(lex_cue(an->lx, c)->classes & VC_VIEW) || k >= an->ntoks ||
        an->toks[k].kind != TK_WORD || (an->toks[k].flags & TF_CAP))
        return false;
    const lex_entry *le = tok_lex(an, k);
    /* "pour l'heure", "pour le moment": for now */
    if (lex_has(le, an->lang, LX_DET) && k + 1 < an->ntoks && tok_has(an, k + 1, LX_TIME))
        return true;
    if (lex_has(le, an->lang, LX_DET) || lex_has(le, an->lang, LX_PRONOUN) ||
        lex_has(le, an->lang, LX_ROLE) || lex_has(le, an->lang, LX_GROUP))
        return false;
    const char *t = tok_text(an, k);
    size_t n = tok_len(an, k);
    return n > 3 && lex_suffix(an->endings, LANG_FR, SX_INFINITIVE, t, n);
}

size_t comma_adverbial(const analysis *an, size_t a, size_t c)
{
    for (size_t n = 2; n <= 3; n++)
        if (c >= a + n + 1 && tok_is_punct(an, c - n - 1, ',') && adverbial_at(an, c - n) == n)
            return c - n - 1;
    return SIZE_MAX;
}

/* A French verb that governs the infinitive after it, with its
 * preposition if it takes one and an adverb or two between ("a tenu à
 * préciser", "vient précisément de déclarer",
 * "a fini par reconnaître", "a dû admettre"; class raising): the
 * infinitive, read by its lemma, is the cue of the governing verb's
 * subject. The cue's index, its last token in *last; -1 when k is no such
 * verb. */
static int raised_infinitive(const analysis *an, size_t k, size_t *last)
{
    if (an->lang != LANG_FR || k + 1 >= an->ntoks || !tok_class(an, k, WC_RAISING))
        return -1;
    size_t r = k + 1;
    /* "vient précisément d'annoncer", "a tenu lui aussi à" is rarer */
    for (int a = 0; a < 2 && r < an->ntoks && an->toks[r].kind == TK_WORD && is_adverb(an, r); a++)
        r++;
    if (tok_class(an, r, WC_A | WC_DE | WC_AGENT))
        r++;
    if (r >= an->ntoks || an->toks[r].kind != TK_WORD || an->toks[r].sent != an->toks[k].sent)
        return -1;
    int c = lex_verb_cue_of_lemma(an->lx, LANG_FR, tok_text(an, r), tok_len(an, r));
    /* ("a dû apprendre que": knowledge, as "a appris que") */
    if (c < 0 || (lex_cue(an->lx, c)->classes & VC_LEARN))
        return -1;
    *last = r;
    return c;
}

static bool cue_at_words(const analysis *an, size_t i, cue_match *m)
{
    if (i >= an->ntoks || an->toks[i].kind != TK_WORD)
        return false;
    /* fast path: a word that is no reflexive ("s'est"), has no hyphen for an
     * inversion (both French only), is no auxiliary, and is neither a cue
     * nor the first word of one, starts no cue (what the rest below would
     * find by its longest way round) */
    if (starts_no_cue(an, i))
        return false;
    /* a capitalised word inside a sentence is a name ("the State
     * Department"), not a verb; at a sentence start it may be "Selon" */
    if ((an->toks[i].flags & TF_CAP) && an->sents && an->sents[an->toks[i].sent].tok_start != i &&
        !(i > 0 && (an->toks[i - 1].kind == TK_QUOTE || tok_is_punct(an, i - 1, ':'))) &&
        !(an->paras[an->toks[i].para].title_case && !(an->toks[i].flags & TF_ALLCAPS)))
        return false; /* except in a Title Case headline: "Graham Says" */
    memset(m, 0, sizeof *m);
    m->pron_gender = -1;
    m->tok_first = (uint32_t)i;
    size_t last;
    uint8_t g = 0, num = 0;
    uint32_t ps = 0;

    /* s'est exclamé, se sont félicités: the reflexive is part of the cue */
    size_t j = i;
    if (tok_class_ci(an, j, WC_REFLEXIVE)) /* French only: the class says so */
        j++;

    /* auxiliary (maybe inverted) + adverbs + participle */
    size_t base = 0;
    bool inv = false;
    if (an->lang != LANG_EN && j < an->ntoks && an->toks[j].kind == TK_WORD &&
        (base = inversion(an, j, &g, &num, &ps)) > 0) {
        inv = true;
    }
    bool aux = is_aux(an, j);
    if (!aux && inv) {
        const lex_entry *e = lex_get_in(an->lx, tok_text(an, j), base, an->len - an->toks[j].start);
        /* "a-t-il": strip the "-t" left by the suffix split */
        if (!lex_has(e, an->lang, LX_AUX) && base > 2 && memcmp(tok_text(an, j) + base - 2, "-t", 2) == 0)
            e = lex_get_in(an->lx, tok_text(an, j), base - 2, an->len - an->toks[j].start);
        aux = lex_has(e, an->lang, LX_AUX);
    }
    if (aux && !inv &&
        (tok_is(an, j + 1, "t-il") || tok_is(an, j + 1, "t-elle") || tok_is(an, j + 1, "t-on"))) {
        /* "a t-il poursuivi": the inversion written apart */
        inv = true;
        g = tok_is(an, j + 1, "t-il") ? G_MASC : tok_is(an, j + 1, "t-elle") ? G_FEM : G_UNKNOWN;
        num = N_SG;
        ps = an->toks[j + 1].start + 2;
        j++;
    }
    if (aux) {
        size_t k = j + 1;
        /* adverbs and a second auxiliary: "a également déclaré", "has long
         * called", "would have described" */
        for (int a = 0; a < 3; a++) {
            size_t ph = adverbial_at(an, k);
            if (ph)
                k += ph; /* "a par ailleurs indiqué", "s'est d'autre part dit" */
            else if (is_adverb(an, k) || is_aux(an, k) ||
                     (an->lang != LANG_EN && tok_class(an, k, WC_BE)))
                k++; /* "a été accusé": the passive's "été" */
            else
                break;
        }
        int c = cue_words(an, k, &last);
        if (c < 0)
            c = raised_infinitive(an, k, &last); /* "a tenu à préciser", "a-t-il tenu à préciser" */
        if (c >= 0 && !inv && (lex_cue(an->lx, c)->classes & VC_LEARN))
            return false; /* "il a appris que": knowledge */
        if (c >= 0 && lex_cue(an->lx, c)->pos == LX_CUE_VERB && finding_base_ok(an, c, i, k)) {
            m->tok_last = (uint32_t)last;
            m->cue = c;
            if (inv)
                set_inversion(m, g, num, ps, an->toks[j].end);
            return true;
        }
        if (j != i)
            return false;
    }
    if (j != i && !inv) {
        /* "s'exclame", "se félicite": reflexive + simple form */
        int c = cue_words(an, j, &last);
        if (c >= 0) {
            m->tok_last = (uint32_t)last;
            m->cue = c;
            return true;
        }
        return false;
    }
    /* simple form, maybe inverted: "poursuit-il", "estime-t-elle" */
    if (inv) {
        const lex_entry *e = lex_get_in(an->lx, tok_text(an, j), base, an->len - an->toks[j].start);
        int c = cue_of(an, e);
        if (c < 0 && base > 2 && memcmp(tok_text(an, j) + base - 2, "-t", 2) == 0)
            c = cue_of(an, lex_get_in(an->lx, tok_text(an, j), base - 2, an->len - an->toks[j].start));
        if (c >= 0) {
            m->tok_first = (uint32_t)i;
            m->tok_last = (uint32_t)j;
            m->cue = c;
            set_inversion(m, g, num, ps, an->toks[j].end);
            return true;
        }
        return false;
    }
    int c = cue_words(an, i, &last);
    if (c < 0 && (c = raised_infinitive(an, i, &last)) >= 0) {
        m->tok_last = (uint32_t)last; /* "tient à rappeler", "vient de dire" */
        m->cue = c;
        return true;
    }
    if (c < 0)
        return false;
    /* "conférence de presse", "the report", "a call": after a determiner or
     * "de"/"of", a verb form is a noun */
    if (lex_cue(an->lx, c)->pos == LX_CUE_VERB && i > 0 && an->toks[i - 1].kind == TK_WORD) {
        const lex_entry *pe = tok_lex(an, i - 1);
        /* but "a study that found", "a poll that shows": after "that" a
         * form other than the base one is a verb */
        bool that_verb = tok_is_ci(an, i - 1, "that") && !tok_is_ci(an, i, lex_cue(an->lx, c)->lemma);
        /* "comme le rappelle Le Monde": "le" the object pronoun */
        /* and "X le rappelle : …", the colon after the verb */
        that_verb |= an->lang == LANG_FR && i >= 2 &&
                     (tok_is_ci(an, i - 2, "comme") ||
                      (tok_is_ci(an, i - 2, "que") && i >= 3 && tok_is_ci(an, i - 3, "ainsi")) ||
                      tok_is_punct(an, last + 1, ':')) &&
                     tok_class_ci(an, i - 1, WC_LE);
        if ((lex_has(pe, an->lang, LX_DET) && !that_verb) || tok_class(an, i - 1, WC_DE | WC_OF))
            return false;
        if (an->lang == LANG_EN && noun_position(an, i))
            return false;
    }
    if (purpose_infinitive(an, c, last + 1))
        return false;
    /* "pour sa part", "pour leur part": an adverb of several words, no
     * "Pour X, C" */
    if (lex_cue(an->lx, c)->pos == LX_CUE_PREP && adverbial_at(an, i))
        return false;
    if (!finding_base_ok(an, c, i, i))
        return false;
    /* "apprendre" reports speech only as "a-t-on appris (auprès de X)";
     * "il a appris que" is knowledge */
    if (lex_cue(an->lx, c)->classes & VC_LEARN)
        return false;
    m->tok_last = (uint32_t)last;
    m->cue = c;
    return true;
}

bool cue_infinitive_fr(const analysis *an, size_t i, cue_match *m)
{
    if (an->lang != LANG_FR || i + 1 >= an->ntoks || an->toks[i + 1].kind != TK_WORD ||
        !tok_class(an, i, WC_DE))
        return false;
    /* a verb in -er: its participle in -é is a form the lexicon lists */
    size_t n = tok_len(an, i + 1);
    const char *t = tok_text(an, i + 1);
    char key[64];
    if (n < 4 || n >= sizeof key || memcmp(t + n - 2, "er", 2) != 0)
        return false;
    memcpy(key, t, n - 2);
    memcpy(key + n - 2, "\xc3\xa9", 2);
    int c = cue_of(an, lex_get(an->lx, key, n));
    if (c < 0 || lex_cue(an->lx, c)->pos != LX_CUE_VERB)
        return false;
    const char *lemma = lex_cue(an->lx, c)->lemma;
    if (strlen(lemma) != n || memcmp(lemma, t, n) != 0)
        return false;
    memset(m, 0, sizeof *m);
    m->pron_gender = -1;
    m->tok_first = (uint32_t)i;
    m->tok_last = (uint32_t)(i + 1);
    m->cue = c;
    return true;
}

/* The matches of the tokens where a cue starts: open addressing on the
 * token number + 1 (0: empty), at most half full, in the arena. A text
 * has a few dozen; a pathological one (every word a reporting verb) many,
 * and the table grows with them, each lookup still one probe or two. */
typedef struct cue_hits {
    uint32_t *keys;
    cue_match *vals;
    size_t cap, n;
} cue_hits;

static size_t hit_slot(const cue_hits *h, uint32_t key)
{
    size_t j = (key * 0x9E3779B1u) & (h->cap - 1);
    while (h->keys[j] && h->keys[j] != key)
        j = (j + 1) & (h->cap - 1);
    return j;
}

/* Remembers match m of token i; false when memory ran out (the token is
 * then recomputed each time, as before there was a table). */
static bool hit_put(const analysis *an, size_t i, const cue_match *m)
{
    cue_hits *h = an->cue_hits;
    if (h->n + 1 > h->cap / 2) {
        size_t cap = h->cap ? h->cap * 2 : 64;
        /* an empty slot is a zero key: the values are written before
         * they are read and need no zeroing */
        uint32_t *keys = arena_alloc(an->ar, cap * sizeof *keys);
        cue_match *vals = arena_alloc_raw(an->ar, cap * sizeof *vals);
        if (!keys || !vals)
            return false;
        cue_hits g = {keys, vals, cap, 0};
        for (size_t j = 0; j < h->cap; j++)
            if (h->keys[j]) {
                size_t t = hit_slot(&g, h->keys[j]);
                g.keys[t] = h->keys[j];
                g.vals[t] = h->vals[j];
                g.n++;
            }
        *h = g; /* the old arrays stay in the arena until the document ends */
    }
    size_t t = hit_slot(h, (uint32_t)i + 1);
    h->keys[t] = (uint32_t)i + 1;
    h->vals[t] = *m;
    h->n++;
    return true;
}

/* A cue at token i whose words say speech: "relève de la compétence"
 * is what a thing falls under, "a relevé que" is speech (a verb of class
 * not-de before de or du is none). */
static bool cue_at_raw(const analysis *an, size_t i, cue_match *m)
{
    if (!cue_at_words(an, i, m))
        return false;
    size_t n = (size_t)m->tok_last + 1;
    return !((lex_cue(an->lx, m->cue)->classes & VC_NOT_DE) && n < an->ntoks &&
             tok_class(an, n, WC_DE | WC_DU));
}

/* cue_at is asked about the same token many times (each stage scans the
 * sentence again); the answer only depends on tokens, sentences and
 * zones, fixed once zones_mark has run, so it is remembered per token:
 * "no cue" in cue_state, a match in cue_hits. */
bool cue_at_slow(const analysis *an, size_t i, cue_match *m)
{
    if (!an->cue_state || i >= an->ntoks)
        return cue_at_raw(an, i, m);
    if (an->cue_state[i] == 2) {
        *m = an->cue_hits->vals[hit_slot(an->cue_hits, (uint32_t)i + 1)];
        return true;
    }
    bool r = cue_at_raw(an, i, m);
    if (!r)
        an->cue_state[i] = 1;
    else if (hit_put(an, i, m))
        an->cue_state[i] = 2;
    return r;
}

bool cue_prepare(analysis *an)
{
    uint8_t *st = arena_alloc(an->ar, an->ntoks + 1);
    an->cue_hits = arena_alloc(an->ar, sizeof *an->cue_hits);
    an->cue_state = an->cue_hits ? st : NULL;
    /* the tokens where no cue can start carry TH_NO_CUE from the
     * tokeniser, which cue_at asks first: the memo starts empty */
    return an->cue_state != NULL;
}

/* An adverb standing before the verb or its auxiliary: a listed one, or
 * one in -ly ("publicly said", "has repeatedly argued"), or one in -ment
 * after an auxiliary ("a récemment déclaré"; before a French noun in -ment
 * it would be "le gouvernement"). Nouns shaped like adverbs (class "noun":
 * family, ally) are not. */
static bool adverb_before(const analysis *an, size_t k)
{
    if (listed_adverb(an, k))
        return true;
    if (!is_adverb(an, k) || tok_has(an, k, LX_NOUN | LX_DET | LX_STOP))
        return false;
    return an->lang == LANG_EN || (k > 0 && tok_has(an, k - 1, LX_AUX));
}

size_t cue_governor(const analysis *an, size_t to)
{
    if (an->lang != LANG_EN || to == 0 || !tok_class(an, to, WC_TO))
        return SIZE_MAX;
    size_t v = to - 1;
    if (an->toks[v].kind != TK_WORD || (an->toks[v].flags & TF_CAP) || an->toks[v].sent != an->toks[to].sent)
        return SIZE_MAX;
    /* "went on to explain", "going on to say" */
    if (tok_is(an, v, "on") && v > 0 && tok_class(an, v - 1, WC_GO))
        return v - 1;
    if (tok_class(an, v, WC_RAISING))
        return v;
    /* "declined to comment", "was not authorized to speak": no speech */
    if (tok_class(an, v, WC_WITHHOLD))
        return SIZE_MAX;
    size_t n = tok_len(an, v);
    const char *t = tok_text(an, v);
    /* "appeared to suggest", "refused to pledge"; not "too early to tell",
     * "no way to tell", "allow companies to tell" */
    if (n > 4 && lex_suffix(an->endings, LANG_EN, SX_PARTICIPLE, t, n) && !tok_has(an, v, LX_NOUN | LX_ROLE))
        return v;
    return SIZE_MAX;
}

void cue_fill(const analysis *an, const cue_match *m, dixit_cue *c)
{
    const cue_info *ci = lex_cue(an->lx, m->cue);
    c->present = 1;
    /* the auxiliaries and adverbs just before belong to the cue: "has long
     * said", "now says", "’s claiming" */
    size_t f = m->tok_first;
    if (!m->inverted)
        while (f > 0 && an->toks[f - 1].sent == an->toks[f].sent && an->toks[f - 1].kind == TK_WORD &&
               !(an->toks[f - 1].flags & TF_CAP) && (tok_has(an, f - 1, LX_AUX) || adverb_before(an, f - 1)))
            f--;
    /* the infinitive's "to" too, and the verb that governs it with its
     * auxiliaries and adverbs: "to say", "appeared to suggest", "has
     * again refused to pledge", "went on to explain" */
    if (!m->inverted && f > 0 && an->toks[f - 1].sent == an->toks[f].sent && tok_class(an, f - 1, WC_TO)) {
        f--;
        size_t g = cue_governor(an, f);
        if (g != SIZE_MAX) {
            f = g;
            while (f > 0 && an->toks[f - 1].sent == an->toks[f].sent && an->toks[f - 1].kind == TK_WORD &&
                   !(an->toks[f - 1].flags & TF_CAP) &&
                   (tok_has(an, f - 1, LX_AUX) || adverb_before(an, f - 1)))
                f--;
        }
    }
    /* French gerund: "en soulignant", "tout en précisant" */
    if (an->lang != LANG_EN && !m->inverted && f > 0 && cue_participle(an, m) && tok_class_ci(an, f - 1, WC_GERUND) &&
        an->toks[f - 1].sent == an->toks[f].sent) {
        f--;
        if (f > 0 && tok_class_ci(an, f - 1, WC_GERUND) && an->toks[f - 1].sent == an->toks[f].sent)
            f--;
    }
    c->span.start = an->toks[f].start;
    c->span.end = an->toks[m->tok_last].end;
    /* a verb's "about" belongs to the cue: "spoke about", "asked about"
     * (news annotation counts it with the verb; "said of" it splits) */
    size_t l = m->tok_last;
    if (an->lang == LANG_EN && ci->pos == LX_CUE_VERB && l + 2 < an->ntoks &&
        an->toks[l + 1].sent == an->toks[l].sent && tok_class(an, l + 1, WC_ABOUT) &&
        (an->toks[l + 2].kind == TK_WORD || an->toks[l + 2].qrole == QR_OPEN))
        c->span.end = an->toks[l + 1].end;
    c->lemma = ci->lemma;
    c->act = act_name(ci->act);
}

bool cue_passive(const analysis *an, const cue_match *m)
{
    if (m->inverted || m->tok_first == m->tok_last)
        return false;
    size_t v = m->tok_last;
    if (an->lang == LANG_EN && m->tok_last > 0 && tok_class(an, m->tok_last, WC_OF))
        v--; /* "was accused of" */
    size_t be = SIZE_MAX; /* the last form of "be" before the verb */
    for (size_t k = m->tok_first; k < v; k++)
        if (tok_class(an, k, WC_BE))
            be = k;
    /* a gerund after it makes a progressive, not a passive: "has been
     * saying", "is calling for" (the particle last: every word is read) */
    for (size_t k = be == SIZE_MAX ? v : be + 1; k <= m->tok_last; k++) {
        size_t n = tok_len(an, k);
        if (n > 3 && lex_suffix(an->endings, LANG_EN, SX_GERUND, tok_text(an, k), n))
            return false;
    }
    if (be != SIZE_MAX)
        return true;
    /* French "est annoncé": reporting verbs take avoir, so être makes a passive */
    return an->lang != LANG_EN && (tok_is(an, m->tok_first, "est") || tok_is(an, m->tok_first, "sont"));
}

bool cue_participle(const analysis *an, const cue_match *m)
{
    /* "adding", "ajoutant"; "summing up", "pointing out": the verb of a
     * verb and its particle comes first (not "according to") */
    bool particle = m->cue >= 0 && lex_cue(an->lx, m->cue)->pos == LX_CUE_VERB;
    for (size_t v = m->tok_last;; v = m->tok_first) {
        size_t n = tok_len(an, v);
        if (n > 4 && lex_suffix(an->endings, an->lang, SX_GERUND, tok_text(an, v), n))
            return true;
        if (v == m->tok_first || !particle)
            return false;
    }
}
