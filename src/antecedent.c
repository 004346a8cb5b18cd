/*
 * antecedent.c: which entity a pronoun means, chosen by the trained
 * scorer (score.h) rather than by a fixed rule.
 *
 * The candidates are the entities named before the pronoun: the people
 * table's recent entries (people.h), grouped by their fullest name, each
 * described by how recent, how salient and how name-like it is. Gender is
 * a hard filter (a name of the other gender is never a candidate), the
 * rest are features. The highest score wins; ties go to the most recent.
 * The training tool reads the same candidates through the trace
 * (DIXIT_FORMAT_FEATURES), so what is learned is what runs.
 */
#include "alloc.h"
#include "analysis.h"
#include "engine.h"
#include "lexicon.h"
#include "mentions.h"
#include "people.h"
#include "score.h"
#include "segment.h"

#define CAND_MAX 9     /* entities compared, the most recent first */
#define SCAN_BACK 48   /* scanned names read back from the pronoun */
#define NOTED_BACK 256 /* noted speakers read back */

typedef struct cand {
    const char *name;             /* fullest name: the key */
    uint32_t last;                /* byte of its last mention before the pronoun */
    uint32_t last_sal;            /* of its last salient mention; 0 with sal_any false */
    uint8_t count, gender, shape; /* shape: PS_* of any mention, or'ed */
    uint8_t first_shape;          /* PS_* of its last mention */
    bool sal_last, sal_any, spoke;
    const lex_entry *role; /* the role it was given, if any */
} cand;

/* The fullest name of a person entry, found once and kept: a surname alone
 * takes the fullest name that ends with it (by_surname reads a chain of
 * entries, and every pronoun reads dozens of entries). */
static const char *full_name(const mention_table *mt, person *q)
{
    if (q->canon)
        return q->canon;
    const person *f =
        memchr(q->full, ' ', q->full_len) ? NULL : by_surname(mt, q->surname, q->surname_len, q->gender);
    const char *name = f ? f->full : q->full;
    /* the same name, one pointer: candidates and voices compare as pointers */
    q->canon = same_name_first(mt, name, f ? f->full_len : q->full_len);
    return q->canon;
}

static bool gender_clash(uint8_t pron, uint8_t g)
{
    return (pron == G_MASC && g == G_FEM) || (pron == G_FEM && g == G_MASC);
}

/* Adds one mention to its entity's candidate, making one if there is
 * room. */
static void gather(const mention_table *mt, person *q, cand *c, size_t *n)
{
    const char *name = full_name(mt, q);
    size_t i = 0;
    while (i < *n && c[i].name != name) /* one pointer per name (full_name) */
        i++;
    if (i == *n) {
        if (*n == CAND_MAX)
            return;
        memset(&c[i], 0, sizeof c[i]);
        c[i].name = name;
        (*n)++;
    }
    cand *e = &c[i];
    e->count += e->count < 255;
    e->shape |= q->shape;
    if (e->gender == G_UNKNOWN)
        e->gender = q->gender;
    e->spoke |= (q->shape & PS_NOTED) != 0;
    if (q->role)
        e->role = q->role;
    if (q->start >= e->last) {
        e->last = q->start;
        e->sal_last = q->salient;
        e->first_shape = q->shape;
    }
    if (q->salient) {
        e->sal_any = true;
        if (q->start >= e->last_sal)
            e->last_sal = q->start;
    }
}

/* Index of the first scanned entry starting at or after byte b. */
static size_t scan_bound(const mention_table *mt, size_t b)
{
    const person *ps = mt->people.data;
    size_t lo = 0, hi = mt->nscan;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ps[mid].start < b)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The candidates before byte `before`, most recent first, with the
 * voice of the last attribution (NULL if none). */
static size_t candidates(mention_table *mt, size_t before, uint8_t g, cand *c, const char **voice)
{
    person *ps = mt->people.data;
    size_t n = 0;
    for (size_t i = scan_bound(mt, before), k = 0; i > 0 && k < SCAN_BACK; i--, k++)
        if (!gender_clash(g, ps[i - 1].gender))
            gather(mt, &ps[i - 1], c, &n);
    person *v = NULL;
    size_t lo = mt->people.len > mt->nscan + NOTED_BACK ? mt->people.len - NOTED_BACK : mt->nscan;
    for (size_t i = lo; i < mt->people.len; i++) {
        if (ps[i].start >= before)
            continue;
        if (!v || ps[i].start >= v->start)
            v = &ps[i];
        if (!gender_clash(g, ps[i].gender))
            gather(mt, &ps[i], c, &n);
    }
    *voice = v ? full_name(mt, v) : NULL;
    /* most recent first: an insertion sort of at most CAND_MAX */
    for (size_t i = 1; i < n; i++) {
        cand x = c[i];
        size_t j = i;
        for (; j > 0 && c[j - 1].last < x.last; j--)
            c[j] = c[j - 1];
        c[j] = x;
    }
    return n;
}

static feat_id bucket(size_t v, const feat_id *ids, size_t nids)
{
    return ids[v < nids ? v : nids - 1];
}

/* What is being resolved: a pronoun, or a description ("le Premier
 * ministre") that may also stay as written. */
typedef struct query {
    size_t tok, before;
    uint8_t g;
    bool inverted;
    const lex_entry *role; /* a description's role word; NULL otherwise */
    const char *keep;      /* the choice of naming no entity: a description
                              as written, "" for a voice; NULL for a pronoun */
    feat_id block;         /* F_PR_RANK0, F_DS_RANK0 or F_VC_RANK0 */
    feat_id keep_feat;     /* F_DS_KEEP or F_VC_NONE */
} query;

static void add(fvec *f, const query *q, feat_id pron)
{
    /* each kind of query has the pronoun's templates in a block of its own */
    fvec_add(f, (feat_id)(pron + (q->block - F_PR_RANK0)));
}

static void describe(const analysis *an, const cand *c, size_t rank, size_t srank, bool voice, const query *q,
                     fvec *f)
{
    static const feat_id rk[] = {F_PR_RANK0, F_PR_RANK1, F_PR_RANK2, F_PR_RANK3};
    static const feat_id sr[] = {F_PR_SRANK0, F_PR_SRANK1, F_PR_SRANK2};
    static const feat_id sd[] = {F_PR_SENT0, F_PR_SENT1, F_PR_SENT2, F_PR_SENT3, F_PR_SENT3, F_PR_SENT5};
    static const feat_id pd[] = {F_PR_PARA0, F_PR_PARA1, F_PR_PARA2};
    f->n = 0;
    add(f, q, bucket(rank, rk, 4));
    if (c->sal_any)
        add(f, q, bucket(srank, sr, 3));
    const token *pt = &an->toks[q->tok], *ct = &an->toks[tok_index_near(an, c->last, q->tok)];
    add(f, q, bucket(pt->sent > ct->sent ? pt->sent - ct->sent : 0, sd, 6));
    add(f, q, bucket(pt->para > ct->para ? pt->para - ct->para : 0, pd, 3));
    if (c->sal_last)
        add(f, q, F_PR_SAL_LAST);
    if (c->sal_any)
        add(f, q, F_PR_SAL_ANY);
    if (c->spoke)
        add(f, q, F_PR_SPOKE);
    if (voice)
        add(f, q, F_PR_VOICE);
    if (c->gender == G_UNKNOWN)
        add(f, q, F_PR_G_UNK);
    else if (c->gender == q->g)
        add(f, q, F_PR_G_AGREE);
    bool full = strchr(c->name, ' ') != NULL;
    add(f, q, full ? F_PR_FULL : F_PR_ONE_WORD);
    if (c->shape & PS_FIRSTNAME)
        add(f, q, F_PR_FIRST);
    if (!full && (c->first_shape & PS_SENT_INITIAL))
        add(f, q, F_PR_SENT_INITIAL);
    if (!full && (c->first_shape & PS_AFTER_DE))
        add(f, q, F_PR_AFTER_DE);
    if (c->count >= 2)
        add(f, q, c->count >= 3 ? F_PR_COUNT3 : F_PR_COUNT2);
    if (c->role)
        add(f, q, F_PR_ROLE);
    if (c->count == 1 && (c->shape & PS_HEADLINE))
        add(f, q, F_PR_HEADLINE);
    if (q->inverted && voice)
        add(f, q, F_PR_INV_VOICE);
    if (q->inverted && rank == 0)
        add(f, q, F_PR_INV_RANK0);
    if (q->role && c->role)
        fvec_add(f, c->role == q->role ? F_DS_ROLE_MATCH : F_DS_ROLE_OTHER);
}

/* Keeps the choice and its candidates for the training trace. */
static void trace(analysis *an, size_t tok, const cand *c, const fvec *f, const double *s, size_t n)
{
    pron_trace *t = arena_alloc(an->ar, sizeof *t);
    if (!t)
        return;
    t->tok = (uint32_t)tok;
    t->n = (uint8_t)n;
    for (size_t i = 0; i < n; i++) {
        t->name[i] = c[i].name;
        t->f[i] = f[i];
        t->score[i] = (float)s[i];
    }
    t->next = an->pron_traces;
    an->pron_traces = t;
}

/* The best candidate for q, or NULL when none (or, for a description,
 * when keeping it as written scores best). */
static const char *choose(analysis *an, mention_table *mt, const query *q)
{
    cand c[CAND_MAX + 1];
    const char *voice;
    size_t n = candidates(mt, q->before, q->g, c, &voice);
    fvec f[CAND_MAX + 1];
    double s[CAND_MAX + 1];
    size_t best = SIZE_MAX;
    /* a description means only someone given its role ("le ministre"
     * after "le ministre de l'Agriculture, Gilles Perrot"): the scorer
     * weighs those against keeping it; a person never given the role
     * could be the speaker's own addressee ("asked the minister") */
    if (q->role) {
        size_t k = 0;
        for (size_t i = 0; i < n; i++)
            if (c[i].role == q->role)
                c[k++] = c[i];
        n = k;
    }
    for (size_t i = 0; i < n; i++) {
        /* salience rank: order of the last salient mentions */
        size_t srank = 0;
        for (size_t j = 0; j < n && c[i].sal_any; j++)
            srank += c[j].sal_any && c[j].last_sal > c[i].last_sal;
        describe(an, &c[i], i, srank, voice && voice == c[i].name, q, &f[i]);
        s[i] = model_score(&an->eng->model, &f[i]);
        if (best == SIZE_MAX || s[i] > s[best])
            best = i;
    }
    if (q->keep) { /* naming no entity is one more choice */
        memset(&c[n], 0, sizeof c[n]);
        c[n].name = q->keep;
        f[n].n = 0;
        fvec_add(&f[n], q->keep_feat);
        s[n] = model_score(&an->eng->model, &f[n]);
        if (best == SIZE_MAX || s[n] > s[best])
            best = n;
        n++;
    }
    if (an->trace && n)
        trace(an, q->tok, c, f, s, n);
    return best == SIZE_MAX || c[best].name == q->keep ? NULL : c[best].name;
}

const char *antecedent_pick(analysis *an, mention_table *mt, size_t tok, uint8_t g, bool inverted,
                            size_t before)
{
    query q = {tok, before, g, inverted, NULL, NULL, F_PR_RANK0, F_COUNT};
    return choose(an, mt, &q);
}

const char *antecedent_describe(analysis *an, mention_table *mt, size_t tok, uint8_t g, const lex_entry *role,
                                const char *as_written, size_t before)
{
    query q = {tok, before, g, false, role, as_written, F_DS_RANK0, F_DS_KEEP};
    return choose(an, mt, &q);
}

const char *antecedent_voice(analysis *an, mention_table *mt, size_t tok, size_t before)
{
    query q = {tok, before, G_UNKNOWN, false, NULL, "", F_VC_RANK0, F_VC_NONE};
    return choose(an, mt, &q);
}
