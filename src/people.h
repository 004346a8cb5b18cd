/*
 * people.h: the table of people of one document (mentions.c builds it,
 * antecedent.c reads it): every person name the scan found, in text
 * order, then every speaker as the attribution stages resolve them.
 */
#ifndef DIXIT_PEOPLE_H
#define DIXIT_PEOPLE_H

#include "alloc.h"
#include "analysis.h"
#include "lexicon.h"
#include "mentions.h"
#include "score.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What a person entry's words look like where it is mentioned: what
 * antecedent.c's features read. */
enum {
    PS_NOTED = 1,        /* a speaker noted by an attribution stage */
    PS_SENT_INITIAL = 2, /* its first word opens the sentence */
    PS_AFTER_DE = 4,     /* it follows de/des/du/of: a complement */
    PS_FIRSTNAME = 8,    /* its first word is a known first name */
    PS_HEADLINE = 16     /* mentioned in the headline */
};

typedef struct person {
    uint32_t start, end; /* bytes where it is mentioned */
    const char *full;    /* fullest name, arena string */
    size_t full_len;     /* strlen(full), asked by every by_surname */
    const char *surname; /* last word of the name */
    size_t surname_len;
    uint8_t gender;
    bool salient;            /* a subject or a speaker, not a name in passing */
    const lex_entry *role;   /* "président" in "le président russe Vladimir
                                Poutine": the role that later means this person */
    uint8_t shape;           /* PS_* */
    const char *canon;       /* antecedent.c: its fullest name, once asked
                                (NULL until then) */
    uint32_t prev_same;      /* the person before with a surname of the same
                                bucket (index + 1; 0: none): same_name_first's
                                chain */
    uint32_t prev_other;     /* the same chain without the entries that a
                                newer one repeats (same name, surname and
                                gender): by_surname's (link_surname) */
    uint8_t read;            /* antecedent.c: PR_* of what it read of the
                                mention once (each later query reuses it) */
    const lex_entry *role_c; /* antecedent.c: the role a description with a
                                complement gives it (valid with PR_ROLE) */
} person;

/* What antecedent.c has read of a person's mention, kept on the person. */
enum { PR_SALIENT_READ = 1, PR_SALIENT = 2, PR_ROLE = 4, PR_THING_READ = 8, PR_THING = 16 };

/* How far back the lookups go, in table entries: resolution looks at the
 * most recent names only, which keeps an article of 100,000 names linear. */
#define LOOKBACK 1024

/* Buckets of surnames: by_surname follows one chain, newest first,
 * rather than reading every recent person. */
#define SURNAME_BUCKETS 128

/* A pronoun whose antecedent waits for the text-order pass (voices.c):
 * what antecedent_pick needs, and its answer once asked. */
typedef struct pending_pronoun {
    uint32_t tok;    /* the pronoun's token ("il", "a-t-il") */
    uint32_t before; /* resolution looks at people named before this byte */
    uint8_t gender;
    bool inverted;
    bool done;        /* asked: name is the answer (NULL: no one) */
    const char *name;
} pending_pronoun;

/* A pending party's entity: -2 for the first pending pronoun, -3 for
 * the next...; settled parties have their entity id or -1. */
#define PENDING_ENTITY(i) (-2 - (int)(i))
#define PENDING_INDEX(e) (-2 - (e))

struct mention_table {
    vec people;                       /* person: names found by the scan, then speakers as found */
    vec pending;                      /* pending_pronoun, in the order the rules met them */
    uint32_t *pending_at;             /* per token: index + 1 in pending (0: none); NULL until one */
    size_t nscan;                     /* people[0..nscan): the scan, sorted by start */
    vec entities;                     /* const char *: full names, index = entity id */
    uint32_t newest[SURNAME_BUCKETS]; /* per bucket: the newest person with a
                                         surname in it (index + 1; 0: none) */
};

/* The fullest known name that ends with this name, of a compatible
 * gender; NULL if none. */
const person *by_surname(const mention_table *mt, const char *s, size_t n, uint8_t gender);
/* The oldest entry's copy of the name s[0..n) (s itself if none): one
 * pointer per name, so that names compare as pointers. */
const char *same_name_first(const mention_table *mt, const char *s, size_t n);

/* The entity a pronoun at token `tok` means (gender g, a-t-il when
 * inverted), among the people named before byte `before`: its fullest
 * name, or NULL when no one fits. antecedent.c. */
const char *antecedent_pick(analysis *an, mention_table *mt, size_t tok, uint8_t g, bool inverted,
                            size_t before);

/* The entity a description at token `tok` ("le Premier ministre", role
 * word `role`) means, or NULL when it is best kept as written
 * (`as_written`, which the trace shows as one more candidate). */
const char *antecedent_describe(analysis *an, mention_table *mt, size_t tok, uint8_t g, const lex_entry *role,
                                const char *as_written, size_t before);

/* The entity a definite description no one before is given means ("a
 * vanté le Premier ministre" after "Jean Castex a décidé …"), read as a
 * pronoun of gender g would be, among the people named in the sentences
 * just before and given no role (or any other role, when `bare`: a role
 * with no complement); NULL when there is none, or when someone before
 * is given its role word `role` (antecedent_describe's case). */
const char *antecedent_holder(analysis *an, mention_table *mt, size_t tok, uint8_t g, bool inverted,
                              const lex_entry *role, bool bare, size_t before);

/* The voice of a quotation with no cue opening at token `tok`: the entity
 * named or heard before it that the scorer ranks first, or NULL when
 * naming no one scores best; span gets the bytes of its last mention
 * before the quotation. */
const char *antecedent_voice(analysis *an, mention_table *mt, size_t tok, size_t before, uint32_t span[2]);

/* One pronoun's choice as the scorer saw it, for DIXIT_FORMAT_FEATURES:
 * the candidates, their features and scores (an->trace only). */
#define TRACE_MAX 10
typedef struct pron_trace pron_trace;
struct pron_trace {
    uint32_t tok; /* the pronoun's token */
    uint8_t n;
    const char *name[TRACE_MAX];
    fvec f[TRACE_MAX];
    float score[TRACE_MAX];
    struct pron_trace *next; /* the one before, in the order they were made */
};

#endif
