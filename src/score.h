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

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The feature table: X(identifier, "name"). One candidate is one entity
 * named before the mention being resolved; the same templates describe
 * it for a pronoun ("pron.", F_PR_*), for a description ("desc.",
 * F_DS_*: "le Premier ministre", "the senator") and for the voice of a
 * quotation with no cue ("voice.", F_VC_), weighed apart. */
#define DX_CAND_FEATURES(X, P, S)                                                                            \
    X(P##RANK0, S "rank=0") /* the most recent compatible entity */                                          \
    X(P##RANK1, S "rank=1")                                                                                  \
    X(P##RANK2, S "rank=2")                                                                                  \
    X(P##RANK3, S "rank=3+")                                                                                 \
    X(P##SRANK0, S "srank=0") /* the most recent salient one (subject or speaker) */                         \
    X(P##SRANK1, S "srank=1")                                                                                \
    X(P##SRANK2, S "srank=2+")                                                                               \
    X(P##SENT0, S "sent=0") /* sentences between its last mention and the pronoun */                         \
    X(P##SENT1, S "sent=1")                                                                                  \
    X(P##SENT2, S "sent=2")                                                                                  \
    X(P##SENT3, S "sent=3-4")                                                                                \
    X(P##SENT5, S "sent=5+")                                                                                 \
    X(P##PARA0, S "para=0") /* paragraphs between them */                                                    \
    X(P##PARA1, S "para=1")                                                                                  \
    X(P##PARA2, S "para=2+")                                                                                 \
    X(P##SAL_LAST, S "salient-last") /* its last mention is a subject or a speaker */                        \
    X(P##SAL_ANY, S "salient-any")                                                                           \
    X(P##SPOKE, S "spoke")               /* an earlier attribution has it as speaker */                      \
    X(P##VOICE, S "last-voice")          /* the speaker of the attribution just before */                    \
    X(P##G_AGREE, S "gender-agree")      /* both genders known and equal */                                  \
    X(P##G_UNK, S "gender-unknown")      /* the entity's gender is unknown */                                \
    X(P##FULL, S "full-name")            /* two words or more */                                             \
    X(P##FIRST, S "first-name")          /* starts with a known first name */                                \
    X(P##ONE_WORD, S "one-word")         /* a single word, never given in full */                            \
    X(P##SENT_INITIAL, S "sent-initial") /* one word opening its sentence ("Malgré …") */                 \
    X(P##AFTER_DE, S "after-de")         /* after de/des/of: a complement ("garde des Sceaux") */            \
    X(P##COUNT2, S "count=2")            /* mentions so far */                                               \
    X(P##COUNT3, S "count=3+")                                                                               \
    X(P##ROLE, S "role")                     /* introduced with a role ("le ministre X") */                  \
    X(P##HEADLINE, S "headline")             /* last mentioned in the headline only */                       \
    X(P##INV_VOICE, S "inverted&last-voice") /* a-t-il after the voice of the quote before */                \
    X(P##INV_RANK0, S "inverted&rank=0")

/* Record features with a closed set of values (select.c): weighed from
 * the table, by id, rather than by the hash of their name. */
#define DX_REC_CLOSED(X)                                                                                     \
    X(F_RC_W2, "rec.words=1-2")                                                                              \
    X(F_RC_W5, "rec.words=3-5")                                                                              \
    X(F_RC_W10, "rec.words=6-10")                                                                            \
    X(F_RC_W25, "rec.words=11-25")                                                                           \
    X(F_RC_W60, "rec.words=26-60")                                                                           \
    X(F_RC_WMORE, "rec.words=61+")                                                                           \
    X(F_RC_DIGIT, "rec.first=digit")                                                                         \
    X(F_RC_UPPER, "rec.first=upper")                                                                         \
    X(F_RC_LOWER, "rec.first=lower")                                                                         \
    X(F_RC_OTHER, "rec.first=other")                                                                         \
    X(F_RC_QUESTION, "rec.question")                                                                         \
    X(F_RC_NESTED, "rec.nested")                                                                             \
    X(F_RC_BEFORE_MARK, "rec.before-cue-kind=mark")                                                          \
    X(F_RC_BEFORE_DET, "rec.before-cue-kind=det")                                                            \
    X(F_RC_BEFORE_PRONOUN, "rec.before-cue-kind=pronoun")                                                    \
    X(F_RC_BEFORE_AUXILIARY, "rec.before-cue-kind=auxiliary")                                                \
    X(F_RC_BEFORE_POSSESSIVE, "rec.before-cue-kind=possessive")                                              \
    X(F_RC_BEFORE_CAPITAL, "rec.before-cue-kind=capital")                                                    \
    X(F_RC_BEFORE_ADJECTIVE, "rec.before-cue-kind=adjective")                                                \
    X(F_RC_BEFORE_PARTICIPLE, "rec.before-cue-kind=participle")                                              \
    X(F_RC_BEFORE_WORD, "rec.before-cue-kind=word")                                                          \
    X(F_RC_SPEND_MARK, "rec.speaker-end-kind=mark")                                                          \
    X(F_RC_SPEND_DET, "rec.speaker-end-kind=det")                                                            \
    X(F_RC_SPEND_PRONOUN, "rec.speaker-end-kind=pronoun")                                                    \
    X(F_RC_SPEND_AUXILIARY, "rec.speaker-end-kind=auxiliary")                                                \
    X(F_RC_SPEND_POSSESSIVE, "rec.speaker-end-kind=possessive")                                              \
    X(F_RC_SPEND_CAPITAL, "rec.speaker-end-kind=capital")                                                    \
    X(F_RC_SPEND_ADJECTIVE, "rec.speaker-end-kind=adjective")                                                \
    X(F_RC_SPEND_PARTICIPLE, "rec.speaker-end-kind=participle")                                              \
    X(F_RC_SPEND_WORD, "rec.speaker-end-kind=word")                                                          \
    X(F_RC_ADDRESSEE, "rec.addressee")                                                                       \
    X(F_RC_CHANNEL, "rec.channel")                                                                           \
    X(F_RC_SOURCE, "rec.source")                                                                             \
    X(F_RC_CUE_BEFORE, "rec.cue-before")                                                                     \
    X(F_RC_CUE_AFTER, "rec.cue-after")                                                                       \
    X(F_RC_NO_SPEAKER, "rec.speaker=none")                                                                   \
    X(F_RC_BY_NAME, "rec.speaker-by=name")                                                                   \
    X(F_RC_BY_SURNAME, "rec.speaker-by=surname")                                                             \
    X(F_RC_BY_ROLE, "rec.speaker-by=role")                                                                   \
    X(F_RC_BY_PRONOUN, "rec.speaker-by=pronoun")                                                             \
    X(F_RC_BY_CONTEXT, "rec.speaker-by=context")                                                             \
    X(F_RC_BY_DESCRIPTION, "rec.speaker-by=description")                                                     \
    X(F_RC_BY_NONE, "rec.speaker-by=unresolved")                                                             \
    X(F_RC_PERSON, "rec.speaker-kind=person")                                                                \
    X(F_RC_ORGANIZATION, "rec.speaker-kind=organization")                                                    \
    X(F_RC_GROUP, "rec.speaker-kind=group")                                                                  \
    X(F_RC_UNNAMED, "rec.speaker-kind=unnamed")

#define DX_FEATURES(X)                                                                                       \
    DX_CAND_FEATURES(X, F_PR_, "pron.")                                                                      \
    DX_CAND_FEATURES(X, F_DS_, "desc.")                                                                      \
    DX_CAND_FEATURES(X, F_VC_, "voice.")                                                                     \
    X(F_VC_NONE, "voice.none")            /* a quotation with no cue: no one named */                        \
    X(F_DS_KEEP, "desc.keep")             /* the description stays as written */                             \
    X(F_DS_ROLE_MATCH, "desc.role-match") /* the entity was given the description's role */                  \
    X(F_DS_ROLE_OTHER, "desc.role-other") /* it was given another role */                                    \
    DX_REC_CLOSED(X)

typedef enum feat_id {
#define DX_FEATURE_ID(id, name) id,
    DX_FEATURES(DX_FEATURE_ID)
#undef DX_FEATURE_ID
        F_COUNT
} feat_id;

/* Features of an open class (a cue's lemma, a neighbouring word) have no
 * slot in the table above: they are named "rec.…" in the weights file and
 * found by the hash of their name. */
#define MODEL_HASHED 8192

/* The templates of the open record features: "rec.cue=" and a lemma,
 * "rec.rule&lang=" and a rule, "&" and a language. The hash of "rec." and
 * each template is taken once, when the weights load (model_read), so a
 * record's features hash only their values. */
#define DX_REC_TEMPLATES(X)                                                                                  \
    X(RT_RULE_LANG, "rule&lang=")                                                                            \
    X(RT_RULE_TYPE, "rule&type=")                                                                            \
    X(RT_CUE, "cue=")                                                                                        \
    X(RT_CUE_CLAUSE, "cue&clause=")                                                                          \
    X(RT_NESTED_TYPE, "nested&type=")                                                                        \
    X(RT_BEFORE_CUE, "before-cue=")                                                                          \
    X(RT_AFTER_CUE, "after-cue=")                                                                            \
    X(RT_SPEAKER_WORD, "speaker-word=")

typedef enum rec_tmpl {
#define DX_REC_TEMPLATE_ID(id, name) id,
    DX_REC_TEMPLATES(DX_REC_TEMPLATE_ID)
#undef DX_REC_TEMPLATE_ID
        RT_COUNT
} rec_tmpl;

/* A template's text ("cue="), without "rec.". */
const char *rec_tmpl_name(rec_tmpl t);

/* The weights, read once per engine. */
typedef struct model {
    float w[F_COUNT];            /* by feat_id */
    uint64_t hkey[MODEL_HASHED]; /* hashed names ("rec.cue=dire"); 0: empty */
    float hw[MODEL_HASHED];
    uint64_t tmpl_hash[RT_COUNT]; /* the hash state after "rec." and each template */
    bool trained;     /* the file holds record weights */
    double threshold; /* "rec.threshold": records below it are dropped */
    double bias;      /* "rec.bias": every record's score starts from it */
} model;

/* The weight of a hashed feature by name; 0 when the file has none. */
double model_weight(const model *m, const char *name, size_t n);
/* The same for the feature named "rec.", template t and the n parts
 * joined, hashed as they are (the record scorer's features, select.c). */
double model_weight_parts(const model *m, rec_tmpl t, const char *const *parts, size_t n);

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
