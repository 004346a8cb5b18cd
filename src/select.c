/*
 * select.c: the trained scorer decides which proposed records stand.
 *
 * Every rule (attribute.c, reported.c, rules_*.c, uncued.c) proposes
 * records; this stage describes each by features named
 * "rec.template=value" (the rule, the type, the cue's lemma and act, the
 * speaker's kind and how it was resolved, the content's length and first
 * character, the words next to the cue...), scores them with the weights
 * of data/weights.tsv (a logistic model fitted by tools/train.py), gives
 * each its probability as confidence, and drops those under the trained
 * threshold. With the trace on (training), nothing is dropped: the
 * trainer sees every proposal.
 *
 * The features are produced once, by name, for both the score and the
 * trace, so what is trained is what runs.
 */
#include "analysis.h"
#include "engine.h"
#include "lang.h"
#include "lexicon.h"
#include "mentions.h"
#include "phrase.h"
#include "score.h"
#include "segment.h"
#include "select.h"

#include <math.h>
#include <string.h>

#define NEST_MAX 1200 /* bytes of a content that may hold another record's cue */

/* One feature into the sink: its name is "rec.", template t and value b
 * (no string is built: the scorer hashes the value as it is). */
static void put(const feat_sink *sink, rec_tmpl t, const char *b)
{
    sink->named(sink->ctx, t, &b, 1);
}

static void put_id(const feat_sink *sink, feat_id f)
{
    sink->id(sink->ctx, f);
}

/* The same for a conjunction of two values: t x "&" y. */
static void put2(const feat_sink *sink, rec_tmpl t, const char *x, const char *y)
{
    const char *parts[3] = {x, "&", y};
    sink->named(sink->ctx, t, parts, 3);
}

/* Words of the tokens from k0 on that start before byte b. */
static size_t words_between(const analysis *an, size_t k0, size_t b)
{
    size_t n = 0;
    for (size_t k = k0; k < an->ntoks && an->toks[k].start < b; k++)
        n += an->toks[k].kind == TK_WORD;
    return n;
}

/* The word just before or after the cue, lowercased: "not", "pas",
 * "declined": the model learns which ones undo the speech. */
static void cue_neighbour(const analysis *an, const dixit_attribution *a, size_t cue_tok, bool before,
                          const feat_sink *sink)
{
    size_t k = cue_tok;
    if (!before) {
        while (k < an->ntoks && an->toks[k].start < a->cue.span.end)
            k++;
    } else if (k == 0) {
        return;
    } else {
        k--;
    }
    if (k >= an->ntoks || an->toks[k].kind != TK_WORD)
        return;
    char low[48];
    size_t n = tok_lower(an, k, low, sizeof low);
    if (n && n < sizeof low) {
        low[n] = 0;
        put(sink, before ? RT_BEFORE_CUE : RT_AFTER_CUE, low);
    }
}

/* What kind of word token k is, for the features that describe the word
 * before the cue and the last word of the speaker: "a strong signal that",
 * "the campaign's public outline of" read a noun where a verb of speech
 * was looked for, and a speaker that ends in an adjective or a determiner
 * ("a huge roar from") is no phrase at all; the kinds carry to words the
 * training never saw, which the words themselves do not. */
/* The kinds, in the order of their features in score.h (the same for
 * both families: base + kind). */
enum { WK_MARK, WK_DET, WK_PRONOUN, WK_AUX, WK_POSSESSIVE, WK_CAPITAL, WK_ADJECTIVE, WK_PARTICIPLE, WK_WORD };

static int word_kind(const analysis *an, size_t k)
{
    if (k >= an->ntoks || an->toks[k].kind != TK_WORD)
        return WK_MARK;
    const char *t = tok_text(an, k);
    size_t n = tok_len(an, k);
    if (tok_has(an, k, LX_DET))
        return WK_DET;
    if (tok_has(an, k, LX_PRONOUN))
        return WK_PRONOUN;
    if (tok_has(an, k, LX_AUX))
        return WK_AUX;
    if (lex_suffix(an->endings, an->lang, SX_POSSESSIVE, t, n))
        return WK_POSSESSIVE;
    if (an->toks[k].flags & TF_CAP)
        return WK_CAPITAL;
    if (lex_suffix(an->endings, an->lang, SX_ADJECTIVE, t, n))
        return WK_ADJECTIVE;
    if (lex_suffix(an->endings, an->lang, SX_GERUND, t, n) ||
        lex_suffix(an->endings, an->lang, SX_PARTICIPLE, t, n))
        return WK_PARTICIPLE;
    return WK_WORD;
}

/* The first word of a speaker that is no name ("il", "it", "the
 * company", "ministre"), lowercased: names are left out, so that the
 * model learns kinds of speakers, not people; so is the mention of a
 * voice from the context, which lies elsewhere than at the cue. */
static void speaker_word(const analysis *an, const dixit_attribution *a, size_t near, const feat_sink *sink)
{
    const dixit_party *sp = &a->speaker;
    dixit_resolution rb = sp->resolved_by;
    if (!sp->present || sp->mention.end <= sp->mention.start || rb == DIXIT_BY_NAME ||
        rb == DIXIT_BY_SURNAME || rb == DIXIT_BY_CONTEXT)
        return;
    size_t k = tok_index_near(an, sp->mention.start, near);
    /* past the determiners, never past the mention ("that" of a
     * relative is the mention's one word) */
    while (k + 1 < an->ntoks && an->toks[k + 1].start < sp->mention.end && tok_has(an, k, LX_DET))
        k++;
    char low[48];
    size_t n = k < an->ntoks && an->toks[k].kind == TK_WORD ? tok_lower(an, k, low, sizeof low) : 0;
    if (n && n < sizeof low) {
        low[n] = 0;
        put(sink, RT_SPEAKER_WORD, low);
    }
}

/* The speaker's resolution, as a closed feature. */
static feat_id speaker_by(dixit_resolution rb)
{
    static const feat_id id[] = {
        [DIXIT_BY_NONE] = F_RC_BY_NONE,
        [DIXIT_BY_NAME] = F_RC_BY_NAME,
        [DIXIT_BY_SURNAME] = F_RC_BY_SURNAME,
        [DIXIT_BY_ROLE] = F_RC_BY_ROLE,
        [DIXIT_BY_DESCRIPTION] = F_RC_BY_DESCRIPTION,
        [DIXIT_BY_PRONOUN] = F_RC_BY_PRONOUN,
        [DIXIT_BY_CONTEXT] = F_RC_BY_CONTEXT,
    };
    return (size_t)rb < sizeof id / sizeof *id ? id[rb] : F_RC_BY_NONE;
}

/* The content's words in bands, and its first character. */
static void content_shape(const analysis *an, const dixit_attribution *a, size_t k0, const feat_sink *sink)
{
    static const size_t lim[] = {2, 5, 10, 25, 60};
    static const feat_id band[] = {F_RC_W2, F_RC_W5, F_RC_W10, F_RC_W25, F_RC_W60, F_RC_WMORE};
    size_t w = words_between(an, k0, a->content.end), i = 0;
    while (i < sizeof lim / sizeof *lim && w > lim[i])
        i++;
    put_id(sink, band[i]);
    unsigned char c0 = a->content.end > a->content.start ? (unsigned char)an->text[a->content.start] : 0;
    put_id(sink, c0 >= '0' && c0 <= '9'   ? F_RC_DIGIT
                 : c0 >= 'A' && c0 <= 'Z' ? F_RC_UPPER
                 : c0 >= 'a' && c0 <= 'z' ? F_RC_LOWER
                                          : F_RC_OTHER);
    if (a->content.end > a->content.start && an->text[a->content.end - 1] == '?')
        put_id(sink, F_RC_QUESTION);
}

void record_features(const analysis *an, const dixit_attribution *a, const feat_sink *sink)
{
    static const char *const types[] = {"direct", "mixed", "indirect"};
    static const feat_id kinds[] = {F_RC_PERSON, F_RC_ORGANIZATION, F_RC_GROUP, F_RC_UNNAMED};
    const char *rule = a->rule ? a->rule : "none";
    /* the rule, the type and the act are read through their conjunctions
     * (rule with language, rule with type, the lemma that has one act):
     * each feature costs a lookup, and these say the same */
    put2(sink, RT_RULE_LANG, rule, lang_name(an->lang));
    put(sink, RT_CUE, a->cue.present && a->cue.lemma ? a->cue.lemma : "none");
    if (!a->speaker.present || !a->speaker.name) {
        put_id(sink, F_RC_NO_SPEAKER);
    } else {
        put_id(sink, speaker_by(a->speaker.resolved_by));
        put_id(sink, kinds[a->speaker.kind]);
    }
    /* the tokens the features start from, found once: the content's first,
     * the cue's first (near it), the speaker's (near the cue) */
    size_t k0 = tok_index(an, a->content.start);
    size_t cue_tok = a->cue.present ? tok_index_near(an, a->cue.span.start, k0) : k0;
    content_shape(an, a, k0, sink);
    if (a->addressee.present)
        put_id(sink, F_RC_ADDRESSEE);
    if (a->channel.present)
        put_id(sink, F_RC_CHANNEL);
    if (a->source.present)
        put_id(sink, F_RC_SOURCE);
    if (a->cue.present) {
        put_id(sink, a->cue.span.start < a->content.start ? F_RC_CUE_BEFORE : F_RC_CUE_AFTER);
        cue_neighbour(an, a, cue_tok, true, sink);
        cue_neighbour(an, a, cue_tok, false, sink);
        put_id(sink, (feat_id)(F_RC_BEFORE_MARK + (cue_tok ? word_kind(an, cue_tok - 1) : WK_MARK)));
    }
    /* a clause opened by que/that, or words straight after the verb: "added
     * that …" reports, "added a goal" may not; the verb tells which */
    bool compl = k0 > 0 && is_compl(an, k0 - 1);
    put2(sink, RT_CUE_CLAUSE, a->cue.present && a->cue.lemma ? a->cue.lemma : "none",
         compl ? "compl" : "bare");
    put2(sink, RT_RULE_TYPE, rule, types[a->type]);
    /* speech reported within reported speech ("said the mayor had told
     * police that …"): the inner act, which gold standards keep inside the
     * outer content rather than as a record of its own */
    if (a->nested) {
        put_id(sink, F_RC_NESTED);
        put(sink, RT_NESTED_TYPE, types[a->type]);
    }
    speaker_word(an, a, cue_tok, sink);
    if (a->speaker.present && a->speaker.mention.end > a->speaker.mention.start &&
        a->speaker.resolved_by != DIXIT_BY_CONTEXT) {
        size_t last = tok_index_near(an, a->speaker.mention.end - 1, cue_tok);
        put_id(sink, (feat_id)(F_RC_SPEND_MARK + word_kind(an, last)));
    }
}

typedef struct sum {
    const model *m;
    double s;
} sum;

static void add_weight(void *ctx, rec_tmpl tm, const char *const *parts, size_t n)
{
    sum *t = ctx;
    t->s += model_weight_parts(t->m, tm, parts, n);
}

static void add_weight_id(void *ctx, feat_id f)
{
    sum *t = ctx;
    t->s += t->m->w[f];
}

double record_score(const analysis *an, const dixit_attribution *a)
{
    sum t = {&an->eng->model, an->eng->model.bias};
    feat_sink sink = {add_weight, add_weight_id, &t};
    record_features(an, a, &sink);
    return t.s;
}

/* A pronoun no one could be found for names no one: its name is null,
 * its mention kept ("il" is no speaker's name). Done last, when no stage
 * reads the name any more. */
static void unname_pronouns(const analysis *an, dixit_attribution *a, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        dixit_party *p = &a[i].speaker;
        size_t len = p->mention.end - p->mention.start;
        /* an English contraction is its pronoun: "We've" */
        if (an->lang == LANG_EN)
            len = contraction_stem(an->text + p->mention.start, len);
        if (p->present && !p->resolved_by && p->kind == DIXIT_KIND_PERSON && len &&
            lex_has(lex_get(an->lx, an->text + p->mention.start, len), an->lang, LX_PRONOUN))
            p->name = NULL;
    }
}

/* Sets each record's nested flag: its cue stands inside the content of
 * another record. The records come sorted by content start: for each
 * prefix, the two furthest content ends (and whose the furthest is) say
 * whether a record starting at or before the cue still runs past it; a
 * binary search finds that prefix. Linear after the search, whatever the
 * nesting. False when memory ran out. */
static bool mark_nested(analysis *an, dixit_attribution *a, size_t n)
{
    if (n < 2)
        return true;
    uint32_t *end1 = arena_alloc_raw(an->ar, n * sizeof *end1);
    uint32_t *end2 = arena_alloc_raw(an->ar, n * sizeof *end2);
    uint32_t *who1 = arena_alloc_raw(an->ar, n * sizeof *who1);
    if (!end1 || !end2 || !who1)
        return false;
    uint32_t e1 = 0, e2 = 0, w1 = 0;
    for (size_t i = 0; i < n; i++) {
        /* a content longer than any report holds (a sentence that never
         * ends, text whose stops were lost) nests nothing */
        uint32_t e = a[i].content.end - a[i].content.start <= NEST_MAX ? (uint32_t)a[i].content.end : 0;
        if (e > e1) {
            e2 = e1;
            e1 = e;
            w1 = (uint32_t)i;
        } else if (e > e2) {
            e2 = e;
        }
        end1[i] = e1;
        end2[i] = e2;
        who1[i] = w1;
    }
    for (size_t i = 0; i < n; i++) {
        a[i].nested = 0;
        if (!a[i].cue.present)
            continue;
        size_t c = a[i].cue.span.start, lo = 0, hi = n; /* first record starting after c */
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (a[mid].content.start <= c)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo == 0)
            continue;
        size_t j = lo - 1;
        a[i].nested = (end1[j] > c && who1[j] != i) || end2[j] > c;
    }
    return true;
}

bool select_records(analysis *an, dixit_attribution *a, size_t *n)
{
    unname_pronouns(an, a, *n);
    if (!mark_nested(an, a, *n))
        return false;
    const model *m = &an->eng->model;
    if (!m->trained)
        return true; /* no weights for records: the rules' own confidences stand */
    size_t k = 0;
    for (size_t i = 0; i < *n; i++) {
        double p = 1.0 / (1.0 + exp(-record_score(an, &a[i])));
        a[i].confidence = p < 0.01 ? 0.01 : p > 0.99 ? 0.99 : p;
        if (p >= m->threshold || an->trace) {
            if (k != i)
                a[k] = a[i]; /* a record is some 260 bytes: no copy onto itself */
            k++;
        }
    }
    *n = k;
    return true;
}
