/*
 * lexicon.h: what the words of data/ say (lexicon.c). Takes the lists
 * compiled in by tools/embed.c; gives one lex_entry per lowercase word or
 * multi-word key: its LX_* flags per language, its word classes (WC_*),
 * its cue (cue_info) with the verb's grammatical classes (VC_*), gender
 * and number. The engine owns the lexicon (lexicon_new/lexicon_free);
 * entries and cue_infos are borrowed for the engine's lifetime.
 */
#ifndef DIXIT_LEXICON_H
#define DIXIT_LEXICON_H

#include "dixit.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

enum { LANG_UND = 0, LANG_FR = 1, LANG_EN = 2 };

enum {
    LX_CUE_VERB = 1u << 0,
    LX_CUE_NOUN = 1u << 1,
    LX_CUE_PREP = 1u << 2,
    LX_ABBREV_FR = 1u << 3,
    LX_ABBREV_EN = 1u << 4,
    LX_FIRSTNAME = 1u << 5,
    LX_HONORIFIC = 1u << 6,
    LX_ROLE = 1u << 7,
    LX_GROUP = 1u << 8,
    LX_ORG = 1u << 9,
    LX_PRONOUN = 1u << 10,
    LX_MW_HEAD = 1u << 11,         /* first word of a multi-word entry */
    LX_AUX = 1u << 12,             /* auxiliary verb form */
    LX_STOP = 1u << 13,            /* ends a noun phrase (prepositions, verbs...) */
    LX_DET = 1u << 14,             /* determiner */
    LX_TIME = 1u << 15,            /* weekday, month, time adverb */
    LX_THOUGHT = 1u << 16,         /* thought verb: never a cue */
    LX_LANG = 1u << 17,            /* marker word for language identification */
    LX_CHANNEL = 1u << 18,         /* medium: communiqué, Twitter, interview */
    LX_PLATFORM = 1u << 19,        /* a channel that is a platform (Twitter) */
    LX_ADV = 1u << 20,             /* adverb between auxiliary and verb, verb and complement */
    LX_PARTICLE = 1u << 21,        /* inside a name: de, van, bin, Le (Bihan) */
    LX_LINKER = 1u << 22,          /* links nouns in a phrase: de, du, of, for */
    LX_PREP = 1u << 23,            /* opens an adjunct: dans, lors, in, during */
    LX_NOUN = 1u << 24,            /* a noun shaped like an adverb: family, ally */
    LX_MW_CUE_HEAD = 1u << 25,     /* first word of a multi-word cue entry */
    LX_MW_CHANNEL_HEAD = 1u << 26, /* ... of a multi-word channel */
    LX_MW_ORG_HEAD = 1u << 27,     /* ... of a multi-word organisation */
    LX_EVENT = 1u << 28,           /* a channel that is an event: interview, debate */
    LX_DOCUMENT = 1u << 29,        /* an organisation's poll, study, report: its author speaks */
    LX_PRESS = 1u << 30            /* lex_entry.flags only: a noun of a news medium (quotidien) */
};
/* inside a time phrase next to a time word: ce, fin, au (a define: an
 * enumerator must fit an int; bits 29 and 30 are token.has's own) */
#define LX_TIMEPART (1u << 31)
/* token.has only, above every LX_ flag: no cue can start at the token
 * (cue_at says no at once): no word; or a word that is no auxiliary, cue
 * or head of a cue key, and in French no inversion or reflexive
 * (fr_may_start) */
#define TH_NO_CUE (1u << 30)
/* token.has only: the word heads a key of several words, in either
 * language (lex_entry.flags & LX_MW_HEAD) */
#define TH_MW_HEAD (1u << 29)
/* French: a hyphen (an inversion, "poursuit-il") or a reflexive ("s'est",
 * "se sont") may start a cue whatever the word's entry. The tokeniser
 * knows whether the word w[0..n) holds an ASCII hyphen (hyphen). */
static inline bool fr_may_start(const char *w, size_t n, bool hyphen)
{
    if (hyphen)
        return true;
    if ((n == 2 || n == 4) && (w[0] | 0x20) == 's')
        return n == 2 ? w[1] == '\'' || (w[1] | 0x20) == 'e' : memcmp(w + 1, "\xe2\x80\x99", 3) == 0;
    return false;
}

enum { G_UNKNOWN = 0, G_MASC, G_FEM, G_NEUTER };
/* N_SG1: the first person singular, a singular that names the writer
 * outside quotation marks; N_2ND: the second person, the reader there
 * (mentions.c) */
enum { N_SG = 0, N_PL, N_SG1, N_2ND };

/* Grammatical classes of a reporting verb (data/verb-classes.tsv). */
enum {
    VC_SAY = 1,        /* bare clause; before its subject in an English tail */
    VC_ADDRESSEE = 2,  /* its object is the person spoken to */
    VC_OBJECT = 4,     /* its object is what was said */
    VC_TAIL = 8,       /* speech only as a tail or before que/that */
    VC_FINDING = 16,   /* a finding: said by documents, polls, institutions */
    VC_AS = 32,        /* says what something is: "described X as Y" */
    VC_CLAUSE = 64,    /* reports a clause only: "added a goal" is no speech */
    VC_NAME = 128,     /* names what its object is, with no "as": "called X a liar" */
    VC_CITE = 256,     /* its object is a source quoted: "cited the report" */
    VC_LEARN = 512,    /* its subject learns what is said, from a source: "a-t-on appris" */
    VC_SELF = 1024,    /* with a reflexive, says what the speaker is: "s'est dit inquiet" */
    VC_VIEW = 2048,    /* a preposition of view, opening only a sentence: "pour X", "per X" */
    VC_QUE = 4096,     /* speech only before que/that: "a fait valoir que", not "a fait valoir son droit" */
    VC_PLAIN = 8192,   /* the plain verb of speech (say, dire): the lemma of a cue no word gives */
    VC_CHARGE = 16384, /* names whom it charges, then de and the charge: "accuser X de …" */
    VC_NOT_DE = 32768, /* before de or du, no speech: "relève de la compétence du juge" */
    VC_LIGHT = 65536   /* its object names an attitude, whose complement is said: "expressed concern that" */
};

/* The speech act of a cue (data/cues.*.tsv, column act): what kind of
 * thing is said. Records name it (act_name); the rules test the enum. */
typedef enum {
    ACT_STATEMENT,
    ACT_ACCUSATION,
    ACT_DENIAL,
    ACT_APPEAL,
    ACT_WARNING,
    ACT_PROMISE,
    ACT_ANNOUNCEMENT,
    ACT_QUESTION,
    ACT_AGREEMENT,
    ACT_CRITICISM,
    ACT_BELIEF, /* a thought, wish or intention ("thinks", "wants to"):
                   loaded only for the belief scope (lexicon_new) */
    ACT_COUNT
} speech_act;
/* The act's name as records write it ("statement", "appeal"…). */
const char *act_name(speech_act a);

/* Classes of word endings (data/suffixes.tsv): what the last letters of
 * a word say it is, in one language. lex_suffix tests them. */
enum {
    SX_PARTICIPLE, /* past participle: -ed, -é */
    SX_GERUND,     /* present participle: -ing, -ant */
    SX_ADVERB,     /* adverb of manner: -ly, -ment */
    SX_INFINITIVE, /* French infinitive: -er, -ir, -re */
    SX_POSSESSIVE, /* English possessive: 's */
    SX_ADJECTIVE,  /* English adjective: -ous, -ful, -able */
    SX_COUNT
};

typedef struct cue_info {
    const char *lemma;
    speech_act act;
    uint8_t pos;      /* LX_CUE_VERB / NOUN / PREP */
    uint8_t lang;     /* LANG_FR or LANG_EN: the file it comes from */
    uint32_t classes; /* VC_* */
} cue_info;

/* Closed word classes (data/classes.tsv), named by their grammatical role:
 * the words the rules test, per language, as bits of lex_entry.wc. A rule
 * asks for several classes at once by or-ing them. */
enum {
    WC_AND = 1u << 0,        /* additive coordinator: and, et */
    WC_BUT = 1u << 1,        /* adversative coordinator: but, mais */
    WC_OR = 1u << 2,         /* alternative coordinator: or, ou */
    WC_WHILE = 1u << 3,      /* contrastive subordinator: while, tandis (que) */
    WC_THAT = 1u << 4,       /* complementiser: that, que, qu' */
    WC_WHO = 1u << 5,        /* relative or interrogative pronoun, subject: who, qui */
    WC_WHICH = 1u << 6,      /* relative pronoun for things: which */
    WC_WHOM = 1u << 7,       /* relative pronoun, object: whom, qui */
    WC_WHO_IS = 1u << 8,     /* relative pronoun and verb in one: who's */
    WC_WH = 1u << 9,         /* opens an indirect question: what, how, comment */
    WC_IF = 1u << 10,        /* opens a yes-no question or a condition: if, si */
    WC_WITHHOLD = 1u << 11,  /* withholds speech: declined (to), refused (to), not, didn't */
    WC_A = 1u << 12,         /* the preposition à alone: à */
    WC_AU = 1u << 13,        /* à with the article in it: au, aux */
    WC_DE = 1u << 14,        /* the preposition de, elided or not: de, d' */
    WC_DU = 1u << 15,        /* de with the article in it: du, des */
    WC_AGENT = 1u << 16,     /* names the agent of a passive: by, par */
    WC_WITH = 1u << 17,      /* with, avec */
    WC_FOR = 1u << 18,       /* for, pour */
    WC_INTRO = 1u << 19,     /* opens an adjunct that a comma ends: in, dans, after, après */
    WC_REFLEXIVE = 1u << 20, /* reflexive pronoun: se, s' */
    WC_OBJECT = 1u << 21,    /* English object pronoun: him, them */
    WC_CLITIC = 1u << 22,    /* French object pronoun before the verb: lui, leur, me */
    WC_TONIC = 1u << 23,     /* French stressed pronoun: elle, lui, eux */
    WC_BE = 1u << 24,        /* makes a passive with a participle: was, been, été */
    WC_RAISING = 1u << 25,   /* governs an infinitive that reports: began, seems, tried */
    WC_SUBORD = 1u << 26,    /* opens a subordinate clause: because, lorsque */
    WC_INDEF = 1u << 27,     /* indefinite article: a, an, un, une */
    WC_SOME = 1u << 28,      /* indefinite quantifier: some, several, plusieurs */
    WC_POSTMOD = 1u << 29,   /* opens a phrase after a noun that still describes it: of, de, et */
    WC_MUTE = 1u << 30,      /* heads no phrase that can speak: selon, malgré, polémique */
};
/* a noun of information or testimony whose complement is the speaker:
 * informations, témoignage (a define: an enumerator must fit an int) */
#define WC_REPORT (1u << 31)
/* The classes above bit 31, defines for the same reason (ull: the mask is
 * of 64 bits). */
#define WC_ASIDE (1ull << 32)     /* French prep. between a tail's verb and subject: à, sur, devant */
#define WC_GERUND (1ull << 33)    /* marks a French gerund: en (ajoutant), tout (en) */
#define WC_WHAT (1ull << 34)      /* free relative pronoun: what */
#define WC_WHOSE (1ull << 35)     /* relative pronoun of a complement: dont */
#define WC_MEDIUM (1ull << 36)    /* opens the channel of a speech after it: on (Twitter), via */
#define WC_NE (1ull << 37)        /* French negation before the verb: ne, n' */
#define WC_PROADV (1ull << 38)    /* French adverbial pronoun before the verb: y, en */
#define WC_NOT (1ull << 39)       /* French second word of a negation: pas, plus, jamais */
#define WC_AUX_INF (1ull << 40)   /* French infinitive of an auxiliary: avoir, être */
#define WC_NEEDS_QUE (1ull << 41) /* French subordinator only with que after it: bien, alors */
#define WC_COMPLEX (1ull << 42)   /* noun of a French complex preposition: (au) cours (de) */
#define WC_PHRASAL (1ull << 43)   /* English particle after a verb: (called) off, up, on, to */
#define WC_QUANTITY (1ull << 44)  /* English noun of a quantity after "a": few, lot, number */
#define WC_TO (1ull << 45)        /* English infinitive marker, preposition of a listener: to */
#define WC_OF (1ull << 46)        /* English preposition of a complement: of */
#define WC_AS (1ull << 47)        /* English conjunction of manner or role: as */
#define WC_ABOUT (1ull << 48)     /* English preposition of a topic: about */
#define WC_DEGREE (1ull << 49)    /* English degree word before an adjective: more, most, less */
#define WC_SAID (1ull << 50)      /* irregular past of an English verb of saying: said, told */
#define WC_CONTRACTS (1ull << 51) /* English pronoun contracting with is or has: he('s), it('s) */
#define WC_GO (1ull << 52)        /* forms of go, as in "went on to explain": go, went */
#define WC_LE (1ull << 53)        /* French object pronoun for a clause: le, l' (comme le dit X) */
#define WC_ADJUNCT (1ull << 54)   /* French prep. of an adjunct after a noun: avec, pour, chez */
#define WC_EVEN (1ull << 55)      /* focus of a concession: even (if), même (si) */
#define WC_WITHOUT (1ull << 56)   /* makes the verb form after it no report: without, sans */
#define WC_SOURCE (1ull << 57)    /* a noun of an unnamed informant: source(s) */
#define WC_FEM (1ull << 58)       /* French feminine singular article: la, une */
#define WC_CLOSE (1ull << 59)     /* English adjective of closeness: familiar (with), close (to) */
#define WC_ELECTED (1ull << 60)   /* French participle that gives a role: élu, nommé */
#define WC_VENUE (1ull << 61)     /* opens an adjunct that may close a tail: in, on, dans, lors */
#define WC_NEAR (1ull << 62)      /* French prep. of whom a thing is said to or learned from: auprès */
#define WC_FACING (1ull << 63)    /* French preposition of an audience: devant */

/* What the lexicon knows about one lowercase word (or multi-word key).
 * lexicon.c packs it with the key's first 16 bytes into one 64-byte
 * record (LEX_STRIDE): the widest fields first, no padding. */
typedef struct lex_entry lex_entry;
struct lex_entry {
    uint64_t wc[3]; /* per LANG_*: its word classes (WC_*) in that
                       language, those of either language included
                       (LANG_UND: all), as tok_class reads them */
    union {
        uint32_t flags;  /* LX_* for either language (what holds in one
                            language alone: has[LANG_FR], has[LANG_EN]) */
        uint32_t has[3]; /* per LANG_*: the flags that hold in it, as
                            lex_has reads them (language-neutral ones and
                            the language's own; LANG_UND: all, which is
                            flags), filled once loading is done (lexicon.c) */
    };
    int16_t cue[3]; /* cue_info index per LANG_*, -1 if none */
    uint8_t gender; /* from first names, roles, pronouns */
    uint8_t number;
    uint8_t cue_span; /* the most tokens a cue key that starts with this
                         word can span (lexicon.c); 0: no such key */
    uint8_t may_cue;  /* bit 1 << LANG_*: in that language the word is an
                         auxiliary, a cue or the first word of a cue key,
                         so a cue may start at it (cues.c) */
    uint8_t keylen;   /* lexicon.c's: the length of the key in bytes */
};

typedef struct lexicon lexicon;
/* With beliefs false, the cues of act "belief" are left out of the
 * lexicon, as if the data files had no such lines: speech only, the scope
 * of ANNOTATION.md. */
lexicon *lexicon_new(const dixit_allocator *a, bool beliefs);
/* Was it made for the belief scope (PolNeAR's, wider than ANNOTATION.md)? */
bool lex_beliefs(const lexicon *lx);
/* The lemma of the plain verb of speech of a language (verb class
 * "plain": "say", "dire"; French for any language but English), the
 * lemma of a cue that no lexicon word gives. */
const char *lex_plain_lemma(const lexicon *lx, int lang);
/* The verb cue of language lang whose lemma is s[0..n) (a French
 * infinitive, which the cue files list as the lemma, not as a form), or
 * -1. */
int lex_verb_cue_of_lemma(const lexicon *lx, int lang, const char *s, size_t n);
void lexicon_free(lexicon *lx);
/* Looks up a word as written; lowercases it first. NULL if unknown. */
const lex_entry *lex_get(const lexicon *lx, const char *s, size_t n);
/* The same for a word of a text that has avail >= n bytes readable at s:
 * faster when the word is not near the end. */
const lex_entry *lex_get_in(const lexicon *lx, const char *s, size_t n, size_t avail);
/* Every entry a lookup returns is entry 0 plus a multiple of LEX_STRIDE
 * bytes (lexicon.c packs one per cache line): a token keeps the number. */
#define LEX_STRIDE 64
const char *lex_entry0(const lexicon *lx);
/* Exact lookup of an already-lowercased key. */
const lex_entry *lex_get_lower(const lexicon *lx, const char *s, size_t n);
/* A filter of the prefixes of cue keys, for keys built word by word
 * (cues.c): h is the hash of a lowercased key, LEX_PREFIX_START carried
 * on over its bytes with lex_prefix_hash. False: the key starts no cue
 * key (nor is one); true: it may. */
#define LEX_PREFIX_START 14695981039346656037u
uint64_t lex_prefix_hash(uint64_t h, const char *s, size_t n);
/* The bytes that may open the word after entry e (an entry of the
 * lexicon) in a key of several words it begins, a cue's (LX_NEXT_CUE) or
 * an adverb's (LX_NEXT_ADV): bit b & 63 for each such byte b, lowercase
 * (a bit clear: no such key goes on with a word opening with any byte of
 * that bit). 0 when e begins none. */
enum { LX_NEXT_CUE, LX_NEXT_ADV, LX_NEXT_KINDS };
uint64_t lex_next(const lexicon *lx, const lex_entry *e, int kind);
bool lex_may_start_cue(const lexicon *lx, uint64_t h);
const cue_info *lex_cue(const lexicon *lx, int32_t idx);
/* The word endings of one class of data/suffixes.tsv in one language,
 * up to 4 bytes each, as a word's last 4 bytes read them (the word
 * zero-padded in front when shorter): an ending matches when (last4 &
 * mask) == val, and one longer than the word never does (no ending holds
 * a zero byte). */
#define LEX_ENDING_LEN 4
#define LEX_ENDINGS_MAX 16
typedef struct lex_endings {
    uint32_t val[LEX_ENDINGS_MAX], mask[LEX_ENDINGS_MAX];
    uint8_t len[LEX_ENDINGS_MAX];
    uint8_t n;
} lex_endings;
/* The lexicon's endings, [lang * SX_COUNT + cls] per LANG_* (LANG_UND:
 * both languages') and SX_*: what lex_suffix reads. */
const lex_endings *lex_endings_of(const lexicon *lx);
/* The length of the ending of class cls (SX_*) in language lang
 * (LANG_UND: either) that ends the word t[0..n), as written (no case or
 * apostrophe folding); 0 when none does. Inline: it stands where a test of
 * two bytes stood. */
static inline size_t lex_suffix(const lex_endings *tab, int lang, int cls, const char *t, size_t n)
{
    uint32_t w;
    if (n >= LEX_ENDING_LEN) {
        memcpy(&w, t + n - LEX_ENDING_LEN, LEX_ENDING_LEN);
    } else {
        unsigned char b[LEX_ENDING_LEN] = {0};
        memcpy(b + LEX_ENDING_LEN - n, t, n);
        memcpy(&w, b, sizeof w);
    }
    const lex_endings *x = &tab[lang * SX_COUNT + cls];
    for (size_t i = 0; i < x->n; i++)
        if ((w & x->mask[i]) == x->val[i])
            return x->len[i];
    return 0;
}
/* Is the flag set for this language (LANG_UND: either)? Inline: it is
 * asked of nearly every token by every stage. */
static inline bool lex_has(const lex_entry *e, int lang, uint32_t flag)
{
    /* flags & flag & ~(flags_fr | flags_en) (language-neutral), or the
     * flag in the language's own set: worked out once per entry */
    return e && (e->has[lang] & flag) != 0;
}

/* Is the word in the word lists of data/ other than classes.tsv? Every
 * word there has a flag; a word listed in a word class alone has an entry
 * (for its classes) but no flag. */
static inline bool lex_listed(const lex_entry *e)
{
    return e && e->flags;
}

#endif
