/*
 * phrase.c: the shapes of words and phrases the reported-speech stage reads.
 *
 * Small predicates over tokens with no state of their own: complementisers
 * and commas, adjuncts and participles, the grammatical classes of a cue,
 * where a clause starts and ends, the tail ", a indiqué X" after content.
 * reported.c and its rules (rules_*.c, speaker.c) put them together into
 * attributions; keeping them apart keeps that stage about decisions, not
 * about word shapes.
 */
#include "analysis.h"
#include "cues.h"
#include "lexicon.h"
#include "mentions.h"
#include "phrase.h"
#include "quotes.h"
#include "segment.h"

#include <string.h>

/* Past a parenthetical "(R-Utah)" and adverbs ("also", "later") before a
 * verb; returns the next token. */
size_t skip_parens(const analysis *an, size_t k, size_t limit)
{
    if (k < limit && tok_is_punct(an, k, '(')) {
        size_t j = k + 1;
        while (j < limit && j < k + 8 && !tok_is_punct(an, j, ')'))
            j++;
        if (j < limit && tok_is_punct(an, j, ')'))
            k = j + 1;
    }
    while (k < limit && tok_has(an, k, LX_AUX))
        k++;
    return k;
}

bool is_compl(const analysis *an, size_t k)
{
    return tok_class_ci(an, k, WC_THAT);
}

/* Words that may stand between a verb and its complement. */
bool adjunct_word(const analysis *an, size_t k)
{
    const lex_entry *e = tok_lex(an, k);
    /* "Theresa May said": a month after a first name is a surname */
    if (after_first_name(an, k))
        return false;
    return lex_has(e, an->lang, LX_TIME) || lex_has(e, an->lang, LX_ADV);
}

/* A run of time words (data/words.*.tsv class "time"), numbers before a
 * time word ("21 décembre") and the words that join them (class
 * "timepart": ce, fin, au, next), holding one time word at least and not
 * ending on a joining word: "lundi au Figaro" is a time word, then a
 * listener. Six tokens at most. */
size_t time_phrase(const analysis *an, size_t k, size_t e)
{
    size_t j = k, end = k;
    while (j < e && j < k + 6) {
        if (tok_has(an, j, LX_TIME))
            end = j + 1;
        else if (!(an->toks[j].kind == TK_NUM && j + 1 < e && tok_has(an, j + 1, LX_TIME)) &&
                 !(tok_has(an, j, LX_TIMEPART) && !(an->toks[j].flags & TF_CAP)))
            break;
        j++;
    }
    return end;
}

/* Past the adverbs and time phrases at token k ("ce jeudi", "mardi
 * soir", "also"): the first token that is neither, before e. */
static size_t skip_adverbials(const analysis *an, size_t k, size_t e)
{
    while (k < e) {
        size_t t = time_phrase(an, k, e);
        if (t == k && !adjunct_word(an, k))
            break;
        k = t > k ? t : k + 1;
    }
    return k;
}

/* Prepositions that open an adjunct: "dans un communiqué", "in a
 * statement", "lors d'une conférence", "on Twitter". */
bool adjunct_prep(const analysis *an, size_t k)
{
    /* class "prep" of data/words.*.tsv, written in lowercase */
    const lex_entry *e = tok_lex(an, k);
    return e && (e->flags & LX_PREP) && !(an->toks[k].flags & TF_CAP);
}

/* Does a role word head the phrase ("a spokesman for the company")? */
bool role_in(const analysis *an, const np *p)
{
    for (size_t k = p->tok_first; k <= p->tok_last && k < p->tok_first + 4; k++)
        if (tok_has(an, k, LX_ROLE) || tok_has(an, k, LX_GROUP))
            return true;
    return false;
}

/* The verb classes of data/verb-classes.tsv. English verbs that take a
 * bare clause and may come before their subject in a tail. */
bool inverts_en(const cue_info *ci)
{
    return (ci->classes & VC_SAY) != 0;
}

/* "s'est dit", "se sont dits": French "se dire", which reports what the
 * speaker says they are ("s'est dit inquiet"). */
bool says_self(const analysis *an, const cue_match *m)
{
    const cue_info *ci = lex_cue(an->lx, m->cue);
    return an->lang == LANG_FR && (ci->classes & VC_SELF) && tok_class_ci(an, m->tok_first, WC_REFLEXIVE);
}

/* A tail ", a indiqué X." / ", X said." / ", said X" / ", selon X" after
 * the comma at token c, up to e. Fills the cue and its noun phrase. */
size_t skip_adjuncts(const analysis *an, size_t k, size_t e)
{
    for (int n = 0; n < 4 && k < e; n++) {
        np adj;
        if (adjunct_word(an, k) || tok_has(an, k, LX_TIME))
            k++;
        else if (adjunct_prep(an, k) && k + 1 < e && tok_has(an, k + 1, LX_TIME))
            k += 2; /* "on Thursday" */
        else if (adjunct_prep(an, k) && np_forward(an, k + 1, e, &adj))
            k = adj.tok_last + 1;
        else
            break;
    }
    return k;
}

/* "teachers and union officials", "lobbyist and strategist Charles Blick":
 * a phrase coordinated with the one in *p joins it; a name in the second
 * names the whole (the name fields are the second phrase's). */
static bool coordinated_np(const analysis *an, np *p, size_t lim)
{
    np q;
    size_t k = p->tok_last + 1;
    if (p->pronoun || p->has_name || !tok_class(an, k, WC_AND) || !np_forward(an, k + 1, lim, &q) ||
        q.pronoun)
        return false;
    uint32_t first = p->tok_first;
    *p = q;
    p->tok_first = first;
    return true;
}

bool relative_after(const analysis *an, size_t k)
{
    return k + 1 < an->ntoks && is_comma(an, k) && tok_class(an, k + 1, WC_WHO | WC_WHOSE);
}

/* '"…," said Ann Roe, who runs the shelter.': the speaker after the verb
 * is described to the end of the sentence, by a relative clause or by a
 * party and state in brackets ("Rep. Bo Sims (D-Va.)"); the mention
 * holds the description, as the one before a verb does (mention_to_verb). */
void mention_over_relative(const analysis *an, np *p, size_t e)
{
    if (!p->has_name || p->pronoun)
        return;
    size_t last = p->mention_last > p->tok_last ? p->mention_last : p->tok_last;
    size_t k = abbrev_period(an, last + 1) ? last + 2 : last + 1;
    if (k + 1 < e && tok_is_punct(an, k, '(') && (an->toks[k + 1].flags & TF_CAP)) {
        size_t j = skip_parens(an, k, e);
        if (j > k + 2 && tok_is_punct(an, j - 1, ')'))
            last = j - 1, k = j;
    }
    if (k + 2 < e && relative_after(an, k)) {
        size_t j = k + 1;
        while (
            j < e && an->toks[j].kind != TK_QUOTE && an->toks[j].qrole != QR_OPEN &&
            !(an->toks[j].kind == TK_PUNCT && strchr(".;!?", (int)an->toks[j].cp) && !abbrev_period(an, j)))
            j++;
        while (j > k + 2 && an->toks[j - 1].kind == TK_PUNCT)
            j--; /* (its closing comma or dash) */
        last = j - 1;
    }
    p->mention_last = (uint32_t)last;
}

size_t skip_asides(const analysis *an, size_t a, size_t e)
{
    np skip;
    for (int n = 0; n < 2 && a < e; n++) {
        if (!tok_class(an, a, WC_ASIDE))
            break;
        size_t b = a + 1;
        if (tok_class(an, b, WC_DE))
            b++;
        if (!np_forward(an, b, e, &skip))
            break;
        a = skip.tok_last + 1;
        while (a < e && adjunct_word(an, a))
            a++;
    }
    return a;
}

bool tail_at(const analysis *an, size_t c, size_t e, cue_match *m, np *p)
{
    size_t k = c + 1;
    if (k >= e)
        return false;
    size_t stop = e;
    /* a tail ends the sentence or the clause */
    if (cue_at(an, k, m)) {
        const cue_info *ci = lex_cue(an->lx, m->cue);
        /* nor a participle alone: "…, reconnu coupable de" describes */
        if (ci->pos == LX_CUE_NOUN || cue_participle(an, m) || ci->act == ACT_APPEAL ||
            (ci->classes & VC_QUE) || bare_past_participle(an, m))
            return false;
        /* nor a French passive: "…, sont jugés à partir de lundi", "…, a
         * été condamné à six mois" tell what was done to the subject
         * before the comma ("…, est-il précisé" is inverted, no passive) */
        if (an->lang == LANG_FR && cue_passive(an, m))
            return false;
        size_t a = m->tok_last + 1;
        /* a verb with its own complement is not a tail, nor "s'est dit
         * inquiet" */
        if (is_compl(an, a) || (says_self(an, m) && a < e && an->toks[a].kind == TK_WORD &&
                                !(an->toks[a].flags & TF_CAP) && !tok_has(an, a, LX_DET)))
            return false;
        /* English puts only say-like verbs before their subject ("…, said
         * Smith"); "…, called for more investment" is a new clause */
        if (ci->pos == LX_CUE_VERB && an->lang == LANG_EN && !(m->inverted) && !inverts_en(ci))
            return false;
        /* "Alain Roy, président du syndicat, a salué la proposition": what
         * stands before the comma is the verb's subject and its apposition,
         * not a content the verb closes */
        np subj;
        size_t s0 = an->sents[an->toks[c].sent].tok_start;
        if (ci->pos == LX_CUE_VERB && !m->inverted && s0 < c && np_forward(an, s0, c, &subj) &&
            subj.has_name && (subj.tok_last + 1 == c || (subj.mention_last && subj.mention_last + 1 == c)))
            return false;
        /* "L'intéressé, de son côté, a justifié son silence": a subject
         * and an adverbial between commas, no content */
        if (ci->pos == LX_CUE_VERB && !m->inverted && s0 < c && np_forward(an, s0, c, &subj) &&
            !subj.pronoun && is_comma(an, subj.tok_last + 1) && subj.tok_last + 2 < c &&
            subj.tok_last + 2 + adverbial_at(an, subj.tok_last + 2) == c)
            return false;
        if (m->inverted && m->pron_gender >= 0) {
            memset(p, 0, sizeof *p);
            p->pronoun = true;
            p->tok_first = p->tok_last = m->tok_first;
        } else {
            a = skip_adverbials(an, a, e); /* ", a confirmé ce jeudi le Premier ministre" */
            a = skip_asides(an, a, e);
            if (!np_forward(an, a, stop, p))
                return false;
            coordinated_np(an, p, stop);
            mention_over_relative(an, p, e);
            /* English "…, said X": X names someone ("said Caddell", "said a
             * spokesman for the firm"), not "said the event brought back …" */
            if (an->lang == LANG_EN && !p->has_name && !p->pronoun && p->kind == DIXIT_KIND_PERSON &&
                !tok_has(an, p->tok_last, LX_ROLE) && !role_in(an, p))
                return false;
            a = p->tok_last + 1;
        }
        if (ci->pos == LX_CUE_PREP || (ci->classes & VC_LEARN))
            return true;               /* ", selon le Kremlin", ", a-t-on appris auprès de X" */
        a = skip_adverbials(an, a, e); /* ", ont annoncé les experts ce mardi" */
        /* ", a-t-il confié au Figaro", ", a assuré la ministre à la
         * presse jeudi": the one spoken to, then adjuncts */
        np to;
        size_t l = an->lang == LANG_FR ? french_listener(an, a, e, &to) : SIZE_MAX;
        /* ", a déclaré X à Lyon": a place, an adjunct like a date */
        if (l == SIZE_MAX && an->lang == LANG_FR && tok_class(an, a, WC_A) && a + 1 < e &&
            (an->toks[a + 1].flags & TF_CAP) && np_forward(an, a + 1, e, &to) && to.has_name)
            l = to.tok_last + 1;
        if (l != SIZE_MAX)
            for (a = l; a < e && (adjunct_word(an, a) || tok_has(an, a, LX_TIME));)
                a++;
        return a >= e || is_comma(an, a) || an->toks[a].kind == TK_PUNCT || adjunct_prep(an, a);
    }
    /* ", X said" / ", he added"; in a Title Case headline the verb is
     * capitalised like the name before it: ", Lindsey Graham Says" */
    size_t lim = e;
    if (an->paras[an->toks[k].para].title_case)
        for (size_t j = k + 1; j < e && j < k + 8; j++) {
            cue_match hm;
            if (an->toks[j].kind == TK_WORD && cue_at(an, j, &hm) &&
                lex_cue(an->lx, hm.cue)->pos == LX_CUE_VERB) {
                lim = j;
                break;
            }
        }
    if (!np_forward(an, k, lim, p))
        return false;
    bool two = coordinated_np(an, p, lim);
    size_t v = skip_parens(an, p->tok_last + 1, e);
    /* ", his top aide, Tom Vail, told …": the apposition's closing comma */
    if (p->appositive && is_comma(an, v))
        v++;
    if (!cue_at(an, v, m) || lex_cue(an->lx, m->cue)->pos != LX_CUE_VERB)
        return false;
    /* ", 85 patients admis en réanimation": a participle right after a
     * noun describes it; a French tail's verb has its auxiliary (which
     * the subject's phrase may have taken: ", Paul Roy a précisé") */
    if (bare_past_participle(an, m) && !tok_has(an, m->tok_first - 1, LX_AUX))
        return false;
    /* "…, mailers and phone calls.": two subjects take no verb in -s */
    if (two && an->lang == LANG_EN && tok_text(an, v)[tok_len(an, v) - 1] == 's')
        return false;
    /* "…, la saison reprendra en mars": in French, where a tail's subject
     * mostly follows its verb, one before it can speak (a name, a pronoun,
     * a role or group, an organisation or document) */
    if (an->lang == LANG_FR && !p->has_name && !p->pronoun && !role_in(an, p) &&
        !tok_has(an, p->tok_last, LX_ORG) &&
        !(p->tok_first < p->tok_last && tok_has(an, p->tok_first + 1, LX_ORG)))
        return false;
    size_t a = m->tok_last + 1;
    while (a < e && adjunct_word(an, a))
        a++;
    /* ", Graham told reporters.", ", he told The Huffington Post on
     * Thursday." */
    np to;
    if (a < e && takes_addressee(lex_cue(an->lx, m->cue)) && an->toks[a].kind == TK_WORD &&
        !tok_has(an, a, LX_PREP) && np_forward(an, a, e, &to) && listener(an, &to)) {
        /* then only adjuncts may follow to the end of the clause, not "that
         * …" or "how …": "On Wednesday, he told a crowd in Cleveland that
         * …" is no tail */
        a = skip_adjuncts(an, to.tok_last + 1, e);
        return a >= e || is_comma(an, a) || an->toks[a].kind == TK_PUNCT;
    }
    return a >= e || is_comma(an, a) || an->toks[a].kind == TK_PUNCT || adjunct_prep(an, a);
}

/* Does a participial cue start right after the comma at c ("…, ajoutant
 * que", "…, tout en soulignant que", "…, adding that")? */
bool participle_after(const analysis *an, size_t c, size_t e)
{
    size_t k = c + 1;
    if (tok_class(an, k, WC_GERUND)) /* "tout" */
        k++;
    if (tok_class(an, k, WC_GERUND)) /* "en" */
        k++;
    cue_match m;
    return k < e && cue_at(an, k, &m) && cue_participle(an, &m);
}

/* ", but he said that …", "and Democrats accused …": a conjunction or
 * comma that opens another attribution with its own subject. */
bool new_speech_at(const analysis *an, size_t k, size_t e)
{
    size_t j = k;
    if (is_comma(an, j))
        j++;
    if (!(tok_class(an, j, WC_AND | WC_BUT | WC_WHILE) ||
          (j > k && tok_class(an, j, WC_WHO | WC_WHICH | WC_WHAT))))
        return false;
    j++;
    cue_match m0;
    if (cue_at(an, j, &m0) && lex_cue(an->lx, m0.cue)->pos == LX_CUE_VERB)
        return true; /* "called it "reckless" and said …" */
    np p;
    if (!np_forward(an, j, e, &p) || !(p.pronoun || p.has_name || p.kind != DIXIT_KIND_PERSON))
        return false;
    size_t v = skip_parens(an, p.tok_last + 1, e);
    cue_match m;
    return v < e && cue_at(an, v, &m) && lex_cue(an->lx, m.cue)->pos == LX_CUE_VERB;
}

bool has_quote(const analysis *an, size_t a, size_t b)
{
    for (size_t k = a; k < b; k++)
        if (an->toks[k].qrole == QR_OPEN)
            return true;
    return false;
}

bool is_det_word(const analysis *an, size_t k)
{
    return tok_has(an, k, LX_DET);
}

/* Trims punctuation (not quotation marks) from both ends of [*a, *b). */
void trim(const analysis *an, size_t *a, size_t *b)
{
    while (*a < *b && an->toks[*a].kind == TK_PUNCT)
        (*a)++;
    /* "une hausse de 10 %", "2 millions d'euros ($)": a unit stays */
    while (*b > *a && an->toks[*b - 1].kind == TK_PUNCT && an->toks[*b - 1].qrole == QR_NONE &&
           !(an->toks[*b - 1].cp == '%' || an->toks[*b - 1].cp == 0x20AC || an->toks[*b - 1].cp == '$'))
        (*b)--;
}

/* Past an apposition that describes the name just before ("According to
 * Harriet Blume, the mayor's chief of staff, the city …"): a short
 * phrase up to a comma, with no verb in it, followed by more text. */
size_t skip_apposition(const analysis *an, size_t k, size_t e)
{
    np p;
    if (k >= e || !np_forward(an, k, e, &p) || p.pronoun ||
        (p.has_name && !p.appositive && p.name_first == k))
        return k;
    size_t c = p.tok_last + 1;
    /* "le conducteur, qui était …, s'est retrouvé": a relative after the
     * comma qualifies the clause's subject; no apposition */
    if (c + 1 < e && is_comma(an, c) && c - k <= 10 && !tok_class(an, c + 1, WC_WHO | WC_WHICH))
        return c + 1;
    /* "Pour Ahmed Hamadi, 45 ans au moment de sa disparition, la …": an
     * age runs to its comma over what qualifies it (no verb between), and
     * so does a role with no article ("Selon X, rédacteur en chef du
     * quotidien, la …": the phrase stopped at "en") */
    if (an->toks[k].kind == TK_NUM || (tok_has(an, k, LX_ROLE) && !(an->toks[k].flags & TF_CAP)))
        for (size_t j = c; j < e && j <= k + 10; j++) {
            if (is_comma(an, j) && an->toks[j].depth == 0)
                return j + 1 < e ? j + 1 : k;
            if (an->toks[j].kind == TK_QUOTE || tok_has(an, j, LX_AUX | LX_CUE_VERB))
                break;
        }
    return k;
}

/* The start of the clause that ends before token b: the sentence start,
 * past a short introductory phrase ("Dans cette conversation,"), or the
 * relative clause right before a tail ("…, qui était une « initiative
 * française », a noté …"). */
size_t clause_start(const analysis *an, size_t a, size_t b)
{
    /* no clause of news runs longer; a sentence of thousands of tails
     * stays linear, and so does the output */
    if (b > a + CLAUSE_MAX)
        a = b - CLAUSE_MAX;
    size_t last_comma = SIZE_MAX;
    for (size_t k = b; k > a; k--)
        if (is_comma(an, k - 1) && an->toks[k - 1].depth == 0) {
            last_comma = k - 1;
            break;
        }
    if (last_comma != SIZE_MAX && last_comma + 1 < b) {
        size_t r = last_comma + 1;
        if (tok_class(an, r, WC_WHO | WC_WHICH | WC_WHOSE))
            return r;
    }
    /* an introductory prepositional phrase ends at the first comma */
    if (adjunct_prep(an, a) || tok_class_ci(an, a, WC_INTRO | WC_BUT)) {
        for (size_t k = a; k < b && k < a + INTRO_MAX; k++)
            if (is_comma(an, k) && an->toks[k].depth == 0)
                return k + 1;
    }
    return a;
}

/* The quote that spans exactly the tokens [a, b), marks included. */
const quote *whole_quote(const analysis *an, size_t a, size_t b)
{
    if (an->toks[a].qrole != QR_OPEN)
        return NULL;
    size_t lo = 0, hi = an->nquotes;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (an->quotes[mid].open_tok < a)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < an->nquotes && an->quotes[lo].open_tok == a && an->quotes[lo].close_tok == b - 1)
        return &an->quotes[lo];
    return NULL;
}

/* Where content [ca, cb) ends once a closing channel phrase is left out:
 * "described the levy as a “tax” in a speech", "… dans un communiqué".
 * The phrase is the medium (find_channel reports it), not what was said. */
size_t channel_tail(const analysis *an, size_t ca, size_t cb)
{
    size_t z = cb;
    while (z > ca && an->toks[z - 1].kind == TK_PUNCT)
        z--;
    /* past the times that may close the phrase: "in a statement on
     * Thursday", "dans un communiqué mardi" */
    while (z > ca && tok_has(an, z - 1, LX_TIME))
        z--;
    if (z < cb && z > ca && tok_class(an, z - 1, WC_VENUE) && tok_has(an, z, LX_TIME))
        z--; /* the "on" of "on Thursday" */
    for (size_t j = z; j > ca + 2 && j + 5 > z; j--) {
        size_t p = j - 1;
        if (an->toks[p].depth > 0 || an->toks[p].kind != TK_WORD)
            return cb;
        if (!adjunct_prep(an, p) && !tok_class(an, p, WC_MEDIUM))
            continue;
        for (size_t w = p + 1; w < z; w++) {
            const lex_entry *le = tok_lex(an, w);
            /* a document: "in a statement"; not an event, which is part of
             * what was said ("questions for Comey at a hearing") */
            if (lex_has(le, an->lang, LX_CHANNEL) && !lex_has(le, an->lang, LX_PLATFORM) &&
                !lex_has(le, an->lang, LX_EVENT))
                return p;
            if (lex_has(le, an->lang, LX_PLATFORM) && (an->toks[w].flags & TF_CAP))
                return p;
        }
        return cb;
    }
    return cb;
}

/* A French infinitive phrase starts at k: "renoncer", "ne pas avoir",
 * "s'être entretenu", "avoir recommandé". */
bool infinitive_at(const analysis *an, size_t k)
{
    if (tok_class(an, k, WC_NE | WC_REFLEXIVE | WC_PROADV))
        k++;
    if (tok_class(an, k, WC_NOT))
        k++;
    if (k >= an->ntoks || an->toks[k].kind != TK_WORD || (an->toks[k].flags & TF_CAP))
        return false;
    const char *t = tok_text(an, k);
    size_t n = tok_len(an, k);
    if (n < 4)
        return false;
    const lex_entry *e = tok_lex(an, k);
    if (tok_class(an, k, WC_AUX_INF))
        return true;
    if (e && (lex_has(e, LANG_FR, LX_DET) || lex_has(e, LANG_FR, LX_STOP) || lex_has(e, LANG_FR, LX_TIME)))
        return false;
    /* -re only past five bytes: not "autre", "notre", "entre" */
    return lex_suffix(an->endings, LANG_FR, SX_INFINITIVE, t, n) && (n > 5 || t[n - 1] != 'e');
}

/* Statement verbs whose object is what was said: "cited the report",
 * "described the plan as …". */
bool object_verb(const cue_info *ci)
{
    return (ci->classes & VC_OBJECT) != 0;
}

/* A French word ending in -é, -ée, -és or -ées (a first-group past
 * participle): the length left once -e and -s are taken off, the "é"
 * included; 0 when it has no such ending. */
static size_t fr_acute_stem(const lex_endings *tab, const char *t, size_t n)
{
    if (n > 1 && t[n - 1] == 's')
        n--;
    if (n > 1 && t[n - 1] == 'e')
        n--;
    return lex_suffix(tab, LANG_FR, SX_PARTICIPLE, t, n) ? n : 0;
}

/* Does token k open what describes a noun before it: a preposition ("a
 * report by Politico"), a participle ("a complaint filed by") or a second
 * noun ("La Dépêche et France Bleu")? */
bool post_modifier(const analysis *an, size_t k)
{
    if (k >= an->ntoks || an->toks[k].kind != TK_WORD)
        return false;
    /* "et"/"and": two sources, "Selon La Dépêche et France Bleu, …" */
    if (tok_class(an, k, WC_POSTMOD))
        return true;
    size_t n = tok_len(an, k);
    const char *t = tok_text(an, k);
    if (n <= 4 || (an->toks[k].flags & TF_CAP))
        return false;
    if (an->lang == LANG_EN)
        return lex_suffix(an->endings, LANG_EN, SX_PARTICIPLE, t, n) != 0;
    /* French participles: publié, publiée, publiés, publiées */
    return fr_acute_stem(an->endings, t, n) >= 2;
}

/* Does the sentence open with a subordinating conjunction ("Although",
 * "While", "Bien que", "Lorsque")? */
bool subordinate_opening(const analysis *an, size_t a)
{
    /* "lorsqu'" and "puisqu'" as written, not "lorsqu\xe2\x80\x99" (the class would take it) */
    if (tok_class_ci(an, a, WC_SUBORD) || tok_is_ci(an, a, "lorsqu'") || tok_is_ci(an, a, "puisqu'"))
        return !tok_class_ci(an, a, WC_NEEDS_QUE) || tok_class(an, a + 1, WC_THAT);
    return false;
}

/* An English adverb in -ly ("forcefully", "repeatedly"), not a noun of
 * that shape ("family", "ally", listed as nouns). */
bool ly_adverb(const analysis *an, size_t k)
{
    if (an->lang != LANG_EN || an->toks[k].kind != TK_WORD || (an->toks[k].flags & TF_CAP))
        return false;
    size_t n = tok_len(an, k);
    return n > 4 && lex_suffix(an->endings, LANG_EN, SX_ADVERB, tok_text(an, k), n) &&
           !tok_has(an, k, LX_NOUN | LX_ROLE | LX_GROUP);
}

/* Token f, less the adverbs before it (up to three, after token a) that
 * a cue may leave out: "who recently said", "which together vowed". */
size_t past_adverbs(const analysis *an, size_t a, size_t f)
{
    size_t k = f;
    while (k > a + 1 && k + 3 > f && an->toks[k - 1].kind == TK_WORD &&
           (tok_has(an, k - 1, LX_ADV | LX_TIME) || ly_adverb(an, k - 1)))
        k--;
    return k;
}

/* Is token k a past participle by its ending: French -é(e)(s), English
 * -ed ("publiées", "released")? */
bool participle_word(const analysis *an, size_t k)
{
    if (an->toks[k].kind != TK_WORD || (an->toks[k].flags & TF_CAP))
        return false;
    const char *t = tok_text(an, k);
    size_t n = tok_len(an, k);
    if (an->lang == LANG_EN)
        return n > 4 && lex_suffix(an->endings, LANG_EN, SX_PARTICIPLE, t, n);
    return fr_acute_stem(an->endings, t, n) > 3;
}

/* "Le président a parlé en soulignant que …": a name, a pronoun, an
 * organisation, or a role with its determiner opening at token k is a
 * subject. */
static bool subject_at_k(const analysis *an, size_t k, size_t limit, np *p)
{
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

/* The subject of the sentence that starts at a, past an introductory
 * phrase ("Dès novembre, le gouvernement …", "Invitée de la radio, Claire
 * Dubois …"): a name, a pronoun, or an institution. */
bool subject_np(const analysis *an, size_t a, size_t limit, np *p)
{
    a = dateline_end(an, a);
    /* English: the sentence's first phrase when no comma or date follows
     * it ("Democratic nominee Hillary Clinton chimed in, saying …", "His
     * ex-wife agreed, but also contended …") */
    /* ("Former Governor Ellen Park, the most popular Democrat in the
     * state, joined …": a name and the apposition that describes it open
     * the sentence, no introduction) */
    if (an->lang != LANG_FR && np_forward(an, a, limit, p) &&
        ((p->tok_last + 1 < limit && !is_comma(an, p->tok_last + 1) &&
          !tok_has(an, p->tok_last + 1, LX_TIME) &&
          (p->pronoun || p->has_name || p->kind != DIXIT_KIND_PERSON || is_det_word(an, a))) ||
         (p->has_name && p->kind == DIXIT_KIND_PERSON && p->mention_last > p->tok_last &&
          is_comma(an, p->tok_last + 1) && is_comma(an, p->mention_last + 1))))
        return true;
    /* else past an introduction ("Dès novembre, le gouvernement …",
     * "Invitée de la radio, Claire Dubois …") unless the sentence opens with a
     * name, a pronoun or a determiner */
    const lex_entry *e = tok_lex(an, a);
    bool named = e && ((e->flags & LX_FIRSTNAME) || lex_has(e, an->lang, LX_DET) ||
                       lex_has(e, an->lang, LX_PRONOUN) || lex_has(e, an->lang, LX_HONORIFIC));
    /* "A few minutes later, the organisers …", "This week, …": a phrase
     * of time before its comma introduces the subject */
    np t;
    if (named && np_forward(an, a, limit, &t)) {
        size_t j = t.tok_last + 1;
        while (j < limit && tok_has(an, j, LX_TIME))
            j++;
        if (j < limit && is_comma(an, j) && tok_has(an, j - 1, LX_TIME))
            return subject_at_k(an, j + 1, limit, p);
    }
    if (named)
        return subject_at_k(an, a, limit, p);
    /* past the comma of an introduction; it may hold commas of its own
     * ("Chastened by the audit, as well as by weeks of protests, the
     * mayor revised …"): the phrase after each is tried in turn */
    size_t end = limit < a + 2 * INTRO_MAX ? limit : a + 2 * INTRO_MAX;
    bool comma = false;
    for (size_t j = a; j < end && (comma || j < a + INTRO_MAX); j++)
        if (is_comma(an, j)) {
            comma = true;
            if (subject_at_k(an, j + 1, limit, p))
                return true;
        }
    return !comma && subject_at_k(an, a, limit, p);
}

/* Is token k an English present participle by its ending ("marching")? */
bool gerund_word(const analysis *an, size_t k)
{
    if (an->lang != LANG_EN || an->toks[k].kind != TK_WORD || (an->toks[k].flags & TF_CAP))
        return false;
    size_t n = tok_len(an, k);
    return n > 4 && lex_suffix(an->endings, LANG_EN, SX_GERUND, tok_text(an, k), n);
}

/* "Protesters marching through the streets chanted": a participle and
 * its adjunct stand between the subject and its verb; the phrase p found
 * back from the verb, the preposition's object, is no subject: the one
 * before the participle replaces it (a person, a group or a name; not
 * "the most recent polling in Florida shows", a noun in -ing; a form in
 * -ed may be the sentence's own verb: "X seized on Trump's claim"). */
void over_participle(const analysis *an, size_t a, np *p)
{
    np p0;
    if (an->lang == LANG_EN && p->tok_first > a + 2 && adjunct_prep(an, p->tok_first - 1) &&
        gerund_word(an, p->tok_first - 2) && np_backward(an, p->tok_first - 3, a, &p0) &&
        p0.tok_last + 3 == p->tok_first && !p0.pronoun &&
        (p0.has_name || p0.kind == DIXIT_KIND_GROUP || tok_has(an, p0.tok_last, LX_ROLE | LX_GROUP)))
        *p = p0;
}

/* Does the participle cue m follow "et"/"and", sharing the auxiliary of
 * the verb before it ("a assuré que … et regretté « … »")? */
bool shares_auxiliary(const analysis *an, const cue_match *m)
{
    return m->tok_first > 0 && tok_class(an, m->tok_first - 1, WC_AND);
}

/* A passive cue (cue_passive), or a French participle alone right after
 * être ("les soudures devaient être reprises : « … »": what was done to
 * the subject, no one's speech). */
bool passive_cue(const analysis *an, const cue_match *m)
{
    return cue_passive(an, m) || (m->tok_first > 0 && tok_class_in(an, m->tok_first - 1, LANG_FR, WC_BE) &&
                                  bare_past_participle(an, m));
}

/* Is the cue a French past participle standing alone, an adjective
 * ("les policiers promis par le ministère", "la mesure annoncée")? */
bool bare_past_participle(const analysis *an, const cue_match *m)
{
    if (an->lang != LANG_FR || m->tok_first != m->tok_last || m->inverted)
        return false;
    const char *t = tok_text(an, m->tok_last);
    size_t n = tok_len(an, m->tok_last);
    if (fr_acute_stem(an->endings, t, n) >= 2)
        return true; /* annoncé, annoncées */
    /* a verb in -er has no participle in -is: "préconise" is present */
    const char *lemma = m->cue >= 0 ? lex_cue(an->lx, m->cue)->lemma : NULL;
    size_t ll = lemma ? strlen(lemma) : 0;
    if (ll > 2 && memcmp(lemma + ll - 2, "er", 2) == 0)
        return false;
    if (n > 4 && memcmp(t + n - 2, "is", 2) == 0)
        return true; /* promis, mis */
    /* promise, promises */
    size_t r = n;
    if (r > 1 && t[r - 1] == 's')
        r--;
    if (r > 1 && t[r - 1] == 'e')
        r--;
    if (r > 4 && memcmp(t + r - 2, "is", 2) == 0)
        return true;
    /* dite, écrites, décrits: a participle in -it with an agreement (the
     * bare "dit", "écrit" are present forms too) */
    if (r < n && r > 2 && memcmp(t + r - 2, "it", 2) == 0)
        return true;
    /* reconnu, reconnues, répondu: the participle of a verb in -re, -ir or
     * -oir (no present form of French ends in -u) */
    return r > 3 && t[r - 1] == 'u';
}

/* "par la voix de X", "through X": who spoke for the subject. Returns the
 * token after "de", else SIZE_MAX. */
size_t voice_of(const analysis *an, size_t k, size_t e)
{
    if (an->lang != LANG_FR || k + 4 > e || !tok_is_ci(an, k, "par") || !tok_is(an, k + 1, "la") ||
        !tok_is(an, k + 2, "voix"))
        return SIZE_MAX;
    return tok_class(an, k + 3, WC_DE) || tok_is(an, k + 3, "du") ? k + 4 : SIZE_MAX;
}

/* Does "call" name something from token k on: an object, then what it
 * is called, "a quack" or "unsubstantiated"? The object may be long ("has
 * called the police shootings … and the unrest that followed a moment
 * like …"), so up to 24 words. Not "called the police a day later",
 * "called for a vote" or "called on Tuesday". */
bool naming(const analysis *an, size_t k, size_t e)
{
    if (an->lang != LANG_EN || tok_class_ci(an, k, WC_INDEF))
        return false;
    const lex_entry *le = tok_lex(an, k);
    if (lex_has(le, an->lang, LX_PREP) || lex_has(le, an->lang, LX_LINKER) ||
        lex_has(le, an->lang, LX_TIME) || tok_class_ci(an, k, WC_PHRASAL))
        return false;
    size_t lim = k + 24 < e ? k + 24 : e;
    for (size_t j = k + 1; j < lim && an->toks[j].kind == TK_WORD; j++) {
        const lex_entry *prev = tok_lex(an, j - 1);
        if (lex_has(prev, an->lang, LX_DET) || lex_has(prev, an->lang, LX_PREP) ||
            lex_has(prev, an->lang, LX_LINKER) || lex_has(prev, an->lang, LX_AUX))
            continue;
        if (tok_class_ci(an, j, WC_INDEF) && j + 1 < e && an->toks[j + 1].kind == TK_WORD &&
            !tok_has(an, j + 1, LX_TIME) && !tok_class_ci(an, j + 1, WC_QUANTITY))
            return true;
        /* an adjective closing the clause: "called the idea ridiculous." */
        bool closes = j + 1 >= e || an->toks[j + 1].kind == TK_PUNCT ||
                      tok_class_ci(an, j + 1, WC_AND | WC_BUT) || tok_is_ci(an, j + 1, "because");
        if (!closes || (an->toks[j].flags & TF_CAP) || lex_listed(le = tok_lex(an, j)))
            continue;
        size_t n = an->toks[j].end - an->toks[j].start;
        const char *w = an->text + an->toks[j].start;
        size_t m = lex_suffix(an->endings, LANG_EN, SX_ADJECTIVE, w, n);
        if (m && n > m + 2)
            return true;
    }
    return false;
}

/* Findings: "the poll shows", "l'étude montre". */
bool finding(const cue_info *ci)
{
    return (ci->classes & VC_FINDING) != 0;
}

/* Verbs that report speech only as a tail or before que/that ("…, he
 * continued", "a-t-il poursuivi"): with an object they mean going on;
 * and those of class que, only before que ("a fait valoir que"). */
bool tail_only(const cue_info *ci)
{
    return (ci->classes & (VC_TAIL | VC_QUE)) != 0;
}

bool object_pronoun(const analysis *an, size_t k)
{
    /* "told US media", "US officials": a pronoun in capitals before a
     * word that is not is the country's abbreviation (a headline in
     * capitals writes the next word in capitals too) */
    if ((an->toks[k].flags & TF_ALLCAPS) && k + 1 < an->ntoks && an->toks[k + 1].kind == TK_WORD &&
        !(an->toks[k + 1].flags & TF_ALLCAPS))
        return false;
    return tok_class_ci(an, k, WC_OBJECT) || tok_is_ci(an, k, "you");
}

/* Can this phrase be someone spoken to: a name, a pronoun, a role, a
 * group or an institution ("told reporters", "urged the ministry")? */
bool listener(const analysis *an, const np *p)
{
    if (p->has_name || p->kind != DIXIT_KIND_PERSON)
        return true;
    for (size_t k = p->tok_first; k <= p->tok_last; k++) {
        const lex_entry *e = tok_lex(an, k);
        if (lex_has(e, an->lang, LX_ROLE) || lex_has(e, an->lang, LX_GROUP) || lex_has(e, an->lang, LX_ORG))
            return true;
        /* a word of the lists only: "us" is in none (a class alone) */
        if (lex_listed(e) && an->toks[k].kind == TK_WORD && object_pronoun(an, k))
            return true;
    }
    return false;
}

/* Where the one spoken to, from token b, must end: "ont demandé au
 * Royaume-Uni de convaincre Israël" asks the United Kingdom, and "de" with
 * its infinitive is what is asked. */
size_t listener_end(const analysis *an, size_t b, size_t e)
{
    enum { LISTENER_REACH = 10 }; /* tokens of the one spoken to, at most */
    for (size_t j = b + 1; j + 1 < e && j < b + LISTENER_REACH; j++)
        if (tok_class(an, j, WC_DE) && infinitive_at(an, j + 1))
            return j;
    return e;
}

/* French: someone spoken to at token a, "à l'AFP", "au Figaro", "aux
 * journalistes", "auprès de l'AFP", "devant les députés"; not "au cours
 * de …", not a place: a name after a bare "à" ("à Paris") needs a first
 * name or capitals (an acronym) to count. Returns the token
 * after it, else SIZE_MAX. */
size_t french_listener(const analysis *an, size_t a, size_t e, np *to)
{
    size_t b = a + 1;
    bool article = false; /* au, aux, du, des: the article is in the word */
    if (tok_class(an, a, WC_AU)) {
        article = true;
    } else if (tok_class(an, a, WC_NEAR)) {
        article = tok_class(an, b, WC_DU);
        if (!article && !tok_class(an, b, WC_DE))
            return SIZE_MAX;
        b++;
    } else if (!tok_class(an, a, WC_A | WC_FACING)) {
        return SIZE_MAX;
    }
    if (an->lang != LANG_FR || b >= e || french_complex_prep(an, a, e) != SIZE_MAX ||
        !np_forward(an, b, listener_end(an, b, e), to) || to->pronoun || !listener(an, to))
        return SIZE_MAX;
    /* "auprès de l'AFP Alain Moreau": an acronym right after the article,
     * then the name of the one who speaks */
    size_t h = b + (tok_has(an, b, LX_DET) || (an->toks[b].flags & TF_ELIDED) ? 1 : 0);
    if (to->has_name && to->name_first > h && h <= to->tok_last && (an->toks[h].flags & TF_ALLCAPS)) {
        to->tok_last = to->name_first = to->name_last = (uint32_t)h;
        to->mention_last = 0;
        to->appositive = false;
        to->kind = DIXIT_KIND_ORGANIZATION;
    }
    if (to->has_name && !article && !tok_has(an, b, LX_DET) && !(an->toks[b].flags & TF_ELIDED) &&
        !tok_has(an, to->name_first, LX_FIRSTNAME) && !(an->toks[to->name_first].flags & TF_ALLCAPS))
        return SIZE_MAX; /* "à Paris", "à Moscou": even where the city names a government */
    return to->tok_last + 1;
}

bool tail_listener(const analysis *an, const cue_match *m, size_t subj_first, size_t subj_last, size_t e,
                   np *to)
{
    const cue_info *ci = lex_cue(an->lx, m->cue);
    if (!ci || ci->pos != LX_CUE_VERB)
        return false;
    bool after = subj_last != SIZE_MAX && subj_first != SIZE_MAX && subj_first > m->tok_last;
    size_t a = m->tok_last + 1;
    while (a < e && adjunct_word(an, a))
        a++;
    if (an->lang == LANG_FR) {
        /* before the subject ("a indiqué à l'AFP une source"), the phrase
         * ends where the subject starts */
        if (french_listener(an, a, after && subj_first > a ? subj_first : e, to) != SIZE_MAX)
            return true;
        if (after && subj_last + 1 < e) {
            /* after the subject, over adjuncts and dates; over a comma
             * only "devant" (", aux Etats-Unis" after a name is a place) */
            a = subj_last + 1;
            bool comma = false;
            for (int n = 0; n < 4 && a < e; n++) {
                size_t t = time_phrase(an, a, e); /* "le pape fin mars à un biographe" */
                if (t > a) {
                    a = t;
                    continue;
                }
                if (!adjunct_word(an, a) && !is_comma(an, a))
                    break;
                comma |= is_comma(an, a++);
            }
            if (comma && !tok_class(an, a, WC_FACING))
                return false;
            return french_listener(an, a, e, to) != SIZE_MAX;
        }
    }
    /* the verb's object, its subject before it: "told reporters", "a
     * prévenu les députés" */
    return !after && !m->inverted && takes_addressee(ci) && a < e && an->toks[a].kind == TK_WORD &&
           !tok_has(an, a, LX_PREP) && np_forward(an, a, e, to) && !to->pronoun && listener(an, to);
}

/* Verbs whose object is the person spoken to. */
bool takes_addressee(const cue_info *ci)
{
    return (ci->classes & VC_ADDRESSEE) != 0;
}
