/*
 * score.h: the trained scorer. A decision (which antecedent a pronoun
 * means, later whether a candidate attribution stands) is described by
 * binary features; a linear model scores each choice, its weights a data
 * file (data/weights.tsv) written by `make train` and compiled in.
 *
 * Features are named "template=value" (pron.rank=0, pron.spoke): the
 * names are the contract between this file, the weights file and
 * tools/train.py. A feature the weights file does not name weighs 0; a
 * name the table below does not know is ignored when loading (an old
 * weights file never breaks the build).
 */
#ifndef DIXIT_SCORE_H
#define DIXIT_SCORE_H

#include <stddef.h>
#include <stdint.h>

/* The feature table: X(identifier, "name"). Pronoun antecedents first
 * (one candidate is one entity named before the pronoun). */
#define DX_FEATURES(X)                                                                                       \
    X(F_PR_RANK0, "pron.rank=0") /* the most recent compatible entity */                                     \
    X(F_PR_RANK1, "pron.rank=1")                                                                             \
    X(F_PR_RANK2, "pron.rank=2")                                                                             \
    X(F_PR_RANK3, "pron.rank=3+")                                                                            \
    X(F_PR_SRANK0, "pron.srank=0") /* the most recent salient one (subject or speaker) */                    \
    X(F_PR_SRANK1, "pron.srank=1")                                                                           \
    X(F_PR_SRANK2, "pron.srank=2+")                                                                          \
    X(F_PR_SENT0, "pron.sent=0") /* sentences between its last mention and the pronoun */                    \
    X(F_PR_SENT1, "pron.sent=1")                                                                             \
    X(F_PR_SENT2, "pron.sent=2")                                                                             \
    X(F_PR_SENT3, "pron.sent=3-4")                                                                           \
    X(F_PR_SENT5, "pron.sent=5+")                                                                            \
    X(F_PR_PARA0, "pron.para=0") /* paragraphs between them */                                               \
    X(F_PR_PARA1, "pron.para=1")                                                                             \
    X(F_PR_PARA2, "pron.para=2+")                                                                            \
    X(F_PR_SAL_LAST, "pron.salient-last") /* its last mention is a subject or a speaker */                   \
    X(F_PR_SAL_ANY, "pron.salient-any")                                                                      \
    X(F_PR_SPOKE, "pron.spoke")               /* an earlier attribution has it as speaker */                 \
    X(F_PR_VOICE, "pron.last-voice")          /* the speaker of the attribution just before */               \
    X(F_PR_G_AGREE, "pron.gender-agree")      /* both genders known and equal */                             \
    X(F_PR_G_UNK, "pron.gender-unknown")      /* the entity's gender is unknown */                           \
    X(F_PR_FULL, "pron.full-name")            /* two words or more */                                        \
    X(F_PR_FIRST, "pron.first-name")          /* starts with a known first name */                           \
    X(F_PR_ONE_WORD, "pron.one-word")         /* a single word, never given in full */                       \
    X(F_PR_SENT_INITIAL, "pron.sent-initial") /* one word opening its sentence ("Malgré …") */            \
    X(F_PR_AFTER_DE, "pron.after-de")         /* after de/des/of: a complement ("garde des Sceaux") */       \
    X(F_PR_COUNT2, "pron.count=2")            /* mentions so far */                                          \
    X(F_PR_COUNT3, "pron.count=3+")                                                                          \
    X(F_PR_ROLE, "pron.role")                     /* introduced with a role ("le ministre X") */             \
    X(F_PR_HEADLINE, "pron.headline")             /* last mentioned in the headline only */                  \
    X(F_PR_INV_VOICE, "pron.inverted&last-voice") /* a-t-il after the voice of the quote before */           \
    X(F_PR_INV_RANK0, "pron.inverted&rank=0")

typedef enum feat_id {
#define DX_FEATURE_ID(id, name) id,
    DX_FEATURES(DX_FEATURE_ID)
#undef DX_FEATURE_ID
        F_COUNT
} feat_id;

/* The weights, one per feature, read once per engine. */
typedef struct model {
    float w[F_COUNT];
} model;

/* Reads the compiled-in weights (data/weights.tsv: "name<TAB>weight"
 * lines, '#' comments). Never fails: an unreadable line is skipped. */
void model_load(model *m);
/* The same from a text of that format (dixit_engine_set_weights). */
void model_read(model *m, const char *text, size_t len);
/* The name of a feature ("pron.rank=0"). */
const char *feat_name(feat_id f);

/* The features of one choice: a small set of ids (binary features). */
#define FVEC_MAX 24
typedef struct fvec {
    uint16_t id[FVEC_MAX];
    uint8_t n;
} fvec;

static inline void fvec_add(fvec *v, feat_id f)
{
    if (v->n < FVEC_MAX)
        v->id[v->n++] = (uint16_t)f;
}

static inline double model_score(const model *m, const fvec *v)
{
    double s = 0;
    for (size_t i = 0; i < v->n; i++)
        s += m->w[v->id[i]];
    return s;
}

#endif
