/*
 * internal.h: the data structures the stages share.
 *
 * Read this first. A document flows through the stages in this order, each
 * adding arrays to one `analysis` that lives in one arena:
 *   segment.c  paragraphs and tokens
 *   quotes.c   quotation marks paired into quotes
 *   segment.c  sentences (they need the quotes: no sentence ends inside one)
 *   zones.c    body / caption / credit / boilerplate per paragraph
 *   cues.c     reporting cues at token positions (lexicon.c holds the words)
 *   mentions.c noun phrases, names, pronoun resolution
 *   attribute.c direct quotations turned into attributions
 *   write.c    records out
 * All offsets are byte offsets into doc->text; tokens are views, never
 * copies.
 */
#ifndef DIXIT_INTERNAL_H
#define DIXIT_INTERNAL_H

#include "dixit.h"
#include "score.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* alloc.c: allocator, arena, growable capped buffer                   */

void *dx_malloc(const dixit_allocator *a, size_t n);
void *dx_realloc(const dixit_allocator *a, void *p, size_t n);
void dx_free(const dixit_allocator *a, void *p);

typedef struct arena_block arena_block;
typedef struct arena {
    const dixit_allocator *alloc;
    arena_block *head;
    bool failed; /* sticky: one failure poisons the arena */
} arena;

void arena_init(arena *a, const dixit_allocator *alloc);
void *arena_alloc(arena *a, size_t n); /* zeroed, 8-aligned, NULL on failure */
char *arena_strndup(arena *a, const char *s, size_t n);
void arena_free(arena *a);

/* Growable byte buffer with a hard cap; append fails instead of growing
 * past it. */
typedef struct buf {
    const dixit_allocator *alloc;
    char *data;
    size_t len, cap, limit;
    bool failed;
} buf;

void buf_init(buf *b, const dixit_allocator *alloc, size_t limit);
bool buf_append_grow(buf *b, const void *p, size_t n); /* alloc.c */
/* Room for extra more bytes and a NUL after them; false once failed. */
bool buf_reserve(buf *b, size_t extra);
/* Appends n bytes (keeping a NUL after them); false once the buffer has
 * failed. Inline when they fit, as they nearly always do. */
static inline bool buf_append(buf *b, const void *p, size_t n)
{
    if (b->failed || n > b->limit - b->len || b->len + n + 1 > b->cap)
        return buf_append_grow(b, p, n);
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = 0;
    return true;
}
/* Inline: the writers call these with literals, whose strlen folds. */
static inline bool buf_puts(buf *b, const char *s)
{
    return buf_append(b, s, strlen(s));
}
static inline bool buf_putc(buf *b, char c)
{
    return buf_append(b, &c, 1);
}
bool buf_printf(buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void buf_free(buf *b);

/* A growable array in an arena-free heap buffer (for pushes of unknown
 * count); elements are copied. */
typedef struct vec {
    const dixit_allocator *alloc;
    void *data;
    size_t len, cap, elem;
    bool failed;
} vec;
void vec_init(vec *v, const dixit_allocator *alloc, size_t elem);
void *vec_grow_push(vec *v); /* alloc.c: vec_push when full */
/* Room for n elements in all, allocated at once: a hint, when the count
 * can be guessed, against growing by copies; false (and nothing changed)
 * when the memory cannot be had. */
bool vec_reserve(vec *v, size_t n);
/* A zeroed slot or NULL. */
static inline void *vec_push(vec *v)
{
    if (v->failed || v->len == v->cap)
        return vec_grow_push(v);
    char *slot = (char *)v->data + v->len * v->elem;
    memset(slot, 0, v->elem);
    v->len++;
    return slot;
}
/* vec_push without the zeroing, for a caller that fills the whole slot
 * (with a compound literal of its type, which compiles to a few stores
 * where vec_push's memset of a run-time size is a call). */
static inline void *vec_push_raw(vec *v)
{
    if (v->failed || v->len == v->cap)
        return vec_grow_push(v);
    return (char *)v->data + v->len++ * v->elem;
}
void vec_free(vec *v);

/* ------------------------------------------------------------------ */
/* utf8.c                                                              */

/* Eight bytes at s as one word, in any byte order (the scans that use it
 * only ask about each byte's bits); and the per-byte constants they need. */
static inline uint64_t load8(const void *s)
{
    uint64_t w;
    memcpy(&w, s, 8);
    return w;
}
#define BYTES_ONE 0x0101010101010101ull  /* 0x01 in every byte */
#define BYTES_HIGH 0x8080808080808080ull /* bit 7 of every byte */
/* bytes_mask(r), 1 <= r <= 8: keeps the first r bytes of a load8 word, in
 * memory order whatever the byte order (a window on eight 0xFF bytes
 * followed by eight zeros, utf8.c). */
extern const unsigned char dx_keep_bytes[16];
static inline uint64_t bytes_mask(size_t r)
{
    return load8(dx_keep_bytes + 8 - r);
}
/* ASCII A-Z to a-z in eight bytes at once; every byte must be below 0x80
 * (so no sum carries into the next byte). A byte is upper case when
 * byte + 0x3F reaches 0x80 (>= 'A') and byte + 0x25 does not (<= 'Z'). */
static inline uint64_t ascii_lower8(uint64_t w)
{
    uint64_t upper = (w + 0x3F3F3F3F3F3F3F3Full) & ~(w + 0x2525252525252525ull) & BYTES_HIGH;
    return w | upper >> 2; /* 0x80 >> 2 is the case bit 0x20 */
}

/* Bit k set when byte k of the sixteen at s is special in a JSON string
 * (< 0x20, '"', '\\'): what the writer escapes and the reader decodes.
 * With SSE2 (every x86-64 has it) a few instructions: a byte is below 0x20
 * when its unsigned minimum with 0x1F is itself. */
#ifdef __SSE2__
#include <emmintrin.h>
static inline unsigned json_special16(const char *s)
{
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
    __m128i m = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\\')));
    m = _mm_or_si128(m, _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1F)), v));
    return (unsigned)_mm_movemask_epi8(m);
}
#else
static inline unsigned json_special16(const char *s)
{
    /* without SSE2: the has-zero-byte test of two words answers "none"
     * (nearly always), and only then are the bytes looked at */
    uint64_t w = load8(s), v = load8(s + 8), any = 0;
    for (int h = 0; h < 2; h++, w = v) {
        uint64_t q = w ^ (BYTES_ONE * '"'), b = w ^ (BYTES_ONE * '\\');
        any |= ((q - BYTES_ONE) & ~q) | ((b - BYTES_ONE) & ~b) | ((w - BYTES_ONE * 0x20) & ~w);
    }
    if (!(any & BYTES_HIGH))
        return 0;
    unsigned m = 0;
    for (unsigned k = 0; k < 16; k++) {
        unsigned char c = (unsigned char)s[k];
        if (c < 0x20 || c == '"' || c == '\\')
            m |= 1u << k;
    }
    return m;
}
#endif
/* The lowest set bit of m (not 0). */
static inline unsigned lowest_bit(unsigned m)
{
#if defined(__GNUC__)
    return (unsigned)__builtin_ctz(m);
#else
    unsigned k = 0;
    while (!(m >> k & 1))
        k++;
    return k;
#endif
}

/* Returns the offset of the first invalid byte, or len when all valid. */
size_t utf8_validate(const char *s, size_t len);
/* Decodes the code point at s[*i] (valid UTF-8 assumed), advances *i.
 * ASCII inline; the rest in utf8.c. */
int32_t utf8_next_multi(const char *s, size_t len, size_t *i);
static inline int32_t utf8_next(const char *s, size_t len, size_t *i)
{
    unsigned char c = (unsigned char)s[*i];
    if (c < 0x80) {
        (*i)++;
        return (int32_t)c;
    }
    return utf8_next_multi(s, len, i);
}
/* Decodes the code point ending just before s[i]; sets *start. */
int32_t utf8_prev(const char *s, size_t i, size_t *start);
size_t utf8_encode(int32_t cp, char out[4]);
/* Code points in s[0..n). */
size_t utf8_count(const char *s, size_t n);
/* m[k] = code points in s[0, 64 k), for k = 0 .. len / 64. */
void utf8_marks64(const char *s, size_t len, uint32_t *m);
/* Character classes: ASCII inline, the rest through utf8proc (utf8.c). */
bool cp_is_letter_u(int32_t c);
bool cp_is_upper_u(int32_t c);
bool cp_is_digit_u(int32_t c);
bool cp_is_space_u(int32_t c);
static inline bool cp_is_letter(int32_t c)
{
    if (c < 0x80)
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    return cp_is_letter_u(c);
}
static inline bool cp_is_upper(int32_t c)
{
    if (c < 0x80)
        return c >= 'A' && c <= 'Z';
    return cp_is_upper_u(c);
}
static inline bool cp_is_digit(int32_t c)
{
    if (c < 0x80)
        return c >= '0' && c <= '9';
    return cp_is_digit_u(c);
}
/* includes U+00A0, U+202F, U+2009... */
static inline bool cp_is_space(int32_t c)
{
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
        return true;
    if (c < 0x80)
        return false;
    return cp_is_space_u(c);
}
int32_t cp_lower(int32_t c);
/* Lowercases s[0..n) into out (cap bytes); returns length or 0 if too long. */
size_t utf8_lower(const char *s, size_t n, char *out, size_t cap);

/* ------------------------------------------------------------------ */
/* segment.c: tokens                                                   */

typedef enum tok_kind {
    TK_WORD = 0, /* letters, digits, inner apostrophes and hyphens */
    TK_NUM,
    TK_PUNCT, /* one punctuation character (or a run of dots) */
    TK_QUOTE  /* a character that may be a quotation mark */
} tok_kind;

enum {
    TF_CAP = 1, /* word starts with an uppercase letter */
    TF_ALLCAPS = 2,
    TF_PARA_START = 4, /* first token of its paragraph */
    TF_NL_BEFORE = 8,  /* a line break precedes it */
    TF_SPACE_BEFORE = 16,
    TF_SPACE_AFTER = 32,
    TF_ABBREV = 64, /* word followed by a period that does not end */
    TF_ELIDED = 128 /* French elided article/pronoun: l' d' qu' s' n' */
};

typedef struct token {
    uint32_t start, end; /* bytes */
    uint32_t para;       /* paragraph index */
    uint32_t sent;       /* sentence index */
    uint8_t kind;
    uint8_t flags;
    uint8_t qrole; /* quotes.c: QR_* */
    uint8_t depth; /* quote nesting depth at this token (capped 255) */
    int32_t cp;    /* for TK_PUNCT / TK_QUOTE: the character */
    uint32_t has;  /* lex_has of the entry in the document's language,
                      copied when the word is looked up, plus the TH_
                      bits: the stages ask these of nearly every
                      token, and the token is in cache where the
                      entry often is not; no LX_ flag without an entry */
    uint32_t lexn; /* the word's lexicon entry, looked up once: its
                      number + 1 (tok_lex), 0 for none and for the
                      other kinds; half a pointer, so a token is 32
                      bytes and the passes over them miss less */
} token;

/* Token numbers in increasing order (segment.c makes them). */
typedef struct tok_list {
    uint32_t *at;
    size_t n;
} tok_list;

typedef struct paragraph {
    uint32_t start, end; /* bytes, trailing space excluded */
    uint32_t tok_start, tok_end;
    uint8_t zone;    /* ZONE_* */
    bool title_case; /* most words capitalised, as in a headline */
} paragraph;

typedef struct sentence {
    uint32_t tok_start, tok_end;
    uint32_t para;
} sentence;

enum { ZONE_BODY = 0, ZONE_HEADLINE, ZONE_CAPTION, ZONE_CREDIT, ZONE_BOILERPLATE };
const char *zone_name(int z);

/* ------------------------------------------------------------------ */
/* quotes.c                                                            */

enum { QR_NONE = 0, QR_OPEN, QR_CLOSE, QR_INNER /* reopening mark */ };

typedef struct quote {
    uint32_t open_tok, close_tok; /* close_tok == open_tok when recovered */
    uint32_t start, end;          /* content bytes, marks excluded */
    uint32_t para_first, para_last;
    uint8_t depth;  /* 0 = outermost */
    bool recovered; /* no closing mark: ends at paragraph */
    int32_t open_cp;
} quote;

/* ------------------------------------------------------------------ */
/* lexicon.c                                                           */

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
    LX_EVENT = 1u << 28            /* a channel that is an event: interview, debate */
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
 * "se sont") may start a cue whatever the word's entry. */
static inline bool fr_may_start(const char *w, size_t n)
{
    if (memchr(w, '-', n))
        return true;
    if ((n == 2 || n == 4) && (w[0] | 0x20) == 's')
        return n == 2 ? w[1] == '\'' || (w[1] | 0x20) == 'e' : memcmp(w + 1, "\xe2\x80\x99", 3) == 0;
    return false;
}

enum { G_UNKNOWN = 0, G_MASC, G_FEM, G_NEUTER };
enum { N_SG = 0, N_PL };

/* Grammatical classes of a reporting verb (data/verb-classes.tsv). */
enum {
    VC_SAY = 1,       /* bare clause; before its subject in an English tail */
    VC_ADDRESSEE = 2, /* its object is the person spoken to */
    VC_OBJECT = 4,    /* its object is what was said */
    VC_TAIL = 8,      /* speech only as a tail or before que/that */
    VC_FINDING = 16,  /* a finding: said by documents, polls, institutions */
    VC_AS = 32        /* says what something is: "described X as Y" */
};

typedef struct cue_info {
    const char *lemma;
    const char *act;
    uint8_t pos;     /* LX_CUE_VERB / NOUN / PREP */
    uint8_t classes; /* VC_* */
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
    WC_WHETHER = 1u << 11,   /* opens a yes-no question only: whether */
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
};

/* What the lexicon knows about one lowercase word (or multi-word key). */
typedef struct lex_entry lex_entry;
struct lex_entry {
    uint32_t flags; /* LX_* for either language (what holds in one
                       language alone: has[LANG_FR], has[LANG_EN]) */
    int32_t cue[3]; /* cue_info index per LANG_*, -1 if none */
    uint8_t gender; /* from first names, roles, pronouns */
    uint8_t number;
    uint8_t cue_span; /* the most tokens a cue key that starts with this
                         word can span (lexicon.c); 0: no such key */
    uint8_t may_cue;  /* bit 1 << LANG_*: in that language the word is an
                         auxiliary, a cue or the first word of a cue key,
                         so a cue may start at it (cues.c) */
    uint32_t has[3];  /* per LANG_*: the flags that hold in it, as
                         lex_has reads them (language-neutral ones and
                         the language's own; LANG_UND: all), filled once
                         loading is done (lexicon.c) */
    uint32_t wc[3];   /* per LANG_*: its word classes (WC_*) in that
                         language, those of either language included
                         (LANG_UND: all), as tok_class reads them */
};

typedef struct lexicon lexicon;
lexicon *lexicon_new(const dixit_allocator *a);
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
const cue_info *lex_cue(const lexicon *lx, int32_t idx);
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

/* ------------------------------------------------------------------ */
/* The analysis of one document                                        */

typedef struct pron_trace pron_trace;
typedef struct analysis {
    arena *ar;
    const dixit_engine *eng;
    const lexicon *lx;
    const char *lex0; /* lex_entry0(lx), for tok_lex */
    const dixit_doc *doc;
    const char *text;
    size_t len;
    int lang;

    token *toks;
    size_t ntoks;
    paragraph *paras;
    size_t nparas;
    sentence *sents;
    size_t nsents;
    quote *quotes;
    size_t nquotes;
    /* token lists the tokeniser makes, so a stage that wants a few kinds
     * of token need not look at every token */
    tok_list quote_toks;                /* TK_QUOTE: what quotes.c pairs */
    tok_list cap_toks;                  /* capitalised words: where mentions.c finds names */
    tok_list cue_toks;                  /* words without TH_NO_CUE: where reported.c looks
                                           for cues */
    tok_list mark_toks;                 /* every token that is no word (numbers too):
                                           where sentences end, and what a
                                           paragraph's word count leaves out */
    const uint32_t *cp_marks;           /* code points before byte k*CP_STEP */
    void *toks_heap;                    /* the token array, outside the arena */
    const struct lang_memo *lang_words; /* lang.c: entries looked up already,
                                    offsets from doc->body; NULL: none */
    uint8_t *cue_state;                 /* cues.c memo per token: 0 not asked, 1 no cue,
                                           2 a cue, its match in cue_hits; NULL: no memo */
    struct cue_hits *cue_hits;          /* cues.c: the matches of state 2, by token */
    bool trace;                         /* keep the scorer's choices (training) */
    struct pron_trace *pron_traces;     /* antecedent.c: pronoun choices, newest first */
} analysis;

/* Frees what an analysis holds outside its arena. */
void analysis_free(analysis *an);

#define CP_STEP 64
/* Code-point offset of a byte offset (after the result built its marks). */
size_t cp_at(const analysis *an, size_t byte);

/* zones.c: the phrase lists of zones.c indexed by first byte, built once
 * per engine: ZL_* list, bit k of first[ZL][b] set when entry k starts
 * with byte b. */
enum { ZL_CAPTION_START, ZL_CAPTION_CREDIT, ZL_BOILER_START, ZL_CREDIT_START, ZL_COUNT };
#define ZL_MAX 64   /* entries per list */
#define ZL_HEADS 16 /* distinct first bytes a list may have for the fast scan */
typedef struct zone_index {
    uint64_t first[ZL_COUNT][256];
    uint64_t second[ZL_COUNT][256]; /* the same for the second byte (every
                                       byte, for an entry of one byte) */
    uint8_t len[ZL_COUNT][ZL_MAX];
    /* the distinct first bytes of each list, each repeated sixteen times
     * (a vector to compare sixteen text bytes with); nheads > ZL_HEADS:
     * too many, the scan goes byte by byte */
    uint8_t heads[ZL_COUNT][ZL_HEADS][16];
    uint8_t nheads[ZL_COUNT];
} zone_index;
void zones_index(zone_index *zi);

struct dixit_engine {
    dixit_allocator alloc;
    lexicon *lx;
    zone_index zones;
    model model; /* score.c: the trained weights */
    bool trace;  /* dixit_engine_set_trace */
};

/* Stage entry points; each returns false when memory ran out. */
int lang_detect(const lexicon *lx, const char *text, size_t len);
/* The words lang_detect looked up, in text order, with their entries:
 * the tokeniser, which looks up the same words again (those of letters
 * only), takes their entries from here. Up to LANG_MEMO of them; offsets
 * are into the text given to lang_detect_memo. */
#define LANG_MEMO 512
typedef struct lang_memo {
    size_t n;
    struct {
        uint32_t start, len;
        const lex_entry *e;
    } w[LANG_MEMO];
} lang_memo;
int lang_detect_memo(const lexicon *lx, const char *text, size_t len, lang_memo *memo);
const char *lang_name(int lang); /* "fr", "en", "und" */
bool segment_tokens(analysis *an);
bool quotes_pair(analysis *an);
bool segment_sentences(analysis *an);
void zones_mark(analysis *an, const zone_index *zi);

/* Helpers over tokens used by several stages. */
static inline const char *tok_text(const analysis *an, size_t i)
{
    return an->text + an->toks[i].start;
}
static inline size_t tok_len(const analysis *an, size_t i)
{
    return an->toks[i].end - an->toks[i].start;
}
/* Is token i the word s, exact bytes? Inline: s is nearly always a
 * literal, so strlen and memcmp fold into a few compares. */
static inline bool tok_is(const analysis *an, size_t i, const char *s)
{
    if (i >= an->ntoks || an->text[an->toks[i].start] != s[0])
        return false; /* most calls fail on the first byte */
    size_t n = strlen(s);
    return tok_len(an, i) == n && memcmp(tok_text(an, i), s, n) == 0;
}
/* The same, ASCII-case-insensitive (s in lowercase). */
static inline bool tok_is_ci(const analysis *an, size_t i, const char *s)
{
    if (i >= an->ntoks)
        return false;
    char f = an->text[an->toks[i].start];
    if ((f >= 'A' && f <= 'Z' ? (char)(f + 32) : f) != s[0])
        return false;
    size_t n = strlen(s);
    if (tok_len(an, i) != n)
        return false;
    const char *t = tok_text(an, i);
    for (size_t k = 0; k < n; k++) {
        char a = t[k], b = s[k];
        if (a >= 'A' && a <= 'Z')
            a = (char)(a + 32);
        if (a != b)
            return false;
    }
    return true;
}
static inline bool tok_is_punct(const analysis *an, size_t i, int32_t cp)
{
    return i < an->ntoks && an->toks[i].kind == TK_PUNCT && an->toks[i].cp == cp;
}
/* The word's lexicon entry, looked up once in segment_tokens; NULL for
 * other tokens. */
static inline const lex_entry *tok_lex(const analysis *an, size_t i)
{
    /* only word tokens get an entry (segment.c): the others' is NULL */
    uint32_t n = i < an->ntoks ? an->toks[i].lexn : 0;
    return n ? (const lex_entry *)(const void *)(an->lex0 + (size_t)(n - 1) * LEX_STRIDE) : NULL;
}
/* The place in list l of its first token from k on (l->n: none), walked
 * to from place i found before: asked in increasing order, as the stages
 * do, each call takes constant time. */
static inline size_t tok_list_seek(const tok_list *l, size_t i, size_t k)
{
    while (i > 0 && l->at[i - 1] >= k)
        i--;
    while (i < l->n && l->at[i] < k)
        i++;
    return i;
}
/* The first token from k on where a cue may start (an->cue_toks), or
 * SIZE_MAX; *cur: its place, kept between calls (tok_list_seek). */
static inline size_t next_cue_tok(const analysis *an, size_t *cur, size_t k)
{
    *cur = tok_list_seek(&an->cue_toks, *cur, k);
    return *cur < an->cue_toks.n ? an->cue_toks.at[*cur] : SIZE_MAX;
}
/* Is word token i in one of the word classes c (WC_*, or-ed) in the
 * document's language (LANG_UND: either), written in lowercase, as
 * tok_is tests a literal? The lexicon folds case and apostrophes, so "d'"
 * stands for "d\xe2\x80\x99" too; a capital first letter ("Et") is not
 * lowercase, but a capital after it ("eT") is not looked at. */
static inline bool tok_class(const analysis *an, size_t i, uint32_t c)
{
    const lex_entry *e = tok_lex(an, i);
    return e && (e->wc[an->lang] & c) && !(an->toks[i].flags & TF_CAP);
}
/* The same in any case, as tok_is_ci tests a literal. */
static inline bool tok_class_ci(const analysis *an, size_t i, uint32_t c)
{
    const lex_entry *e = tok_lex(an, i);
    return e && (e->wc[an->lang] & c);
}
/* lex_has(tok_lex(an, i), an->lang, flag), from the token itself. */
static inline bool tok_has(const analysis *an, size_t i, uint32_t flag)
{
    return i < an->ntoks && (an->toks[i].has & flag) != 0;
}
/* Words up to this many bytes lowercase to at most 127 (a character
 * lowercases to at most 1.5 times its bytes), so the key lex_get made of
 * them is the whole word: their tok_lex is the entry of their key. */
#define TOK_KEY_SURE 80
/* Can a key of words joined by spaces that starts with word token k be
 * in the lexicon among the keys whose heads carry head_flag? False only
 * when sure: the word is short, has no apostrophe (lexicon.c cuts a head
 * after one, not only at a space) and its entry lacks the flag. */
bool may_head_key(const analysis *an, size_t k, uint32_t head_flag);
/* utf8_lower of word token k, into out (cap bytes): the same bytes and
 * result, eight at a time when the text has them (segment.c). */
size_t tok_lower(const analysis *an, size_t k, char *out, size_t cap);
/* The first token that ends after byte b (binary search). */
size_t tok_index(const analysis *an, size_t b);
/* The same, searched outward from token hint: a few tokens read when the
 * answer is near it (a binary search over the whole text misses the
 * cache at most steps). */
size_t tok_index_near(const analysis *an, size_t b, size_t hint);
/* The "(" that opens the parenthesis closing at token `close` ("Perdue
 * (R-Ga.)"), if it stands after `floor` and within 10 tokens; else
 * SIZE_MAX. */
size_t paren_open(const analysis *an, size_t close, size_t floor);

/* ------------------------------------------------------------------ */
/* cues.c                                                              */

/* A reporting cue found at a token. */
typedef struct cue_match {
    uint32_t tok_first, tok_last; /* inclusive token range of the cue words */
    int32_t cue;                  /* index into the lexicon's cue table */
    int8_t pron_gender;           /* inversion pronoun (a-t-il): G_* or -1 */
    uint8_t pron_number;
    uint32_t pron_start, pron_end; /* bytes of the inverted pronoun */
    bool inverted;                 /* -t-il / verb before subject */
} cue_match;

/* Is there a cue whose first word is token i? Matches aux + participle,
 * inversions (a-t-il dit, poursuit-elle), English particle verbs and
 * prepositional cues (selon, according to). */
bool cue_at_slow(const analysis *an, size_t i, cue_match *m);
static inline bool cue_at(const analysis *an, size_t i, cue_match *m)
{
    /* where no cue can start, and the remembered "no cue", inline: most
     * of the calls, from every stage */
    if (i < an->ntoks && ((an->toks[i].has & TH_NO_CUE) || (an->cue_state && an->cue_state[i] == 1)))
        return false;
    return cue_at_slow(an, i, m);
}
/* Allocates the memo of cue_at, once tokens, sentences and zones are
 * fixed (the tokens that plainly start no cue carry TH_NO_CUE already).
 * False when memory ran out (the analysis then has no memo). */
bool cue_prepare(analysis *an);
/* A French adverbial phrase of two or three words at token k ("d'autre
 * part", "par ailleurs", "de son côté"): how many tokens, else 0. */
size_t adverbial_at(const analysis *an, size_t k);
/* ", de son côté," ending with the comma at c (not before token a): the
 * index of its first comma, else SIZE_MAX. */
size_t comma_adverbial(const analysis *an, size_t a, size_t c);
/* "d'ajouter", "de préciser" at token i: a French reporting verb in the
 * infinitive (the narrative "Et le ministre d'ajouter : …"). */
bool cue_infinitive_fr(const analysis *an, size_t i, cue_match *m);
/* Is the cue a passive ("a été accusé", "was told", "had been asked")?
 * Its subject is no speaker: the agent after "par"/"by" is, if any. */
bool cue_passive(const analysis *an, const cue_match *m);
/* Is the cue a present participle ("ajoutant", "adding")? Its speaker is
 * the subject of the sentence. */
bool cue_participle(const analysis *an, const cue_match *m);
/* The verb governing an English infinitive whose "to" is token `to`,
 * when it is one that makes the infinitive reported speech ("appeared to
 * suggest", "went on to explain"): its index, else SIZE_MAX. */
size_t cue_governor(const analysis *an, size_t to);
/* Fills a record's cue from a match. */
void cue_fill(const analysis *an, const cue_match *m, dixit_cue *c);

/* ------------------------------------------------------------------ */
/* mentions.c                                                          */

typedef struct np {
    uint32_t tok_first, tok_last;   /* inclusive; tok_first > tok_last: none */
    uint32_t name_first, name_last; /* capitalised name inside, if any */
    bool has_name;
    bool pronoun;
    bool appositive;       /* the name came from ", Name" after a description */
    uint32_t mention_last; /* where the mention ends when an apposition
                              follows the name, else 0 */
    uint8_t gender, number;
    dixit_kind kind;
} np;

/* Noun phrase starting at token i (after a verb: the inverted subject). */
bool np_forward(const analysis *an, size_t i, size_t limit, np *out);
/* The first word of a phrase past its determiner and honorifics. */
size_t np_head_index(const analysis *an, const np *p);
/* Noun phrase ending at token i (before a verb: the subject). */
bool np_backward(const analysis *an, size_t i, size_t floor, np *out);

/* Entity memory of one document: names seen so far, for surname chains
 * and pronoun resolution. */
typedef struct mention_table mention_table;
mention_table *mentions_build(analysis *an);
/* Fills a party for a noun phrase found at a cue; `before` is the byte
 * offset where resolution looks back from. */
bool mentions_resolve(analysis *an, mention_table *mt, const np *p, size_t before, dixit_party *out);
/* Remember a speaker so later pronouns and floating quotes can use it. */
void mentions_note_speaker(analysis *an, mention_table *mt, const dixit_party *p, uint8_t gender);
/* The speaker of an inverted pronoun cue ("a-t-il ajouté"). */
bool mentions_resolve_inversion(analysis *an, mention_table *mt, const cue_match *m, size_t before,
                                dixit_party *sp, uint8_t *g);
/* The entity id of a resolved name: same name, same id. */
int mentions_assign_entity(mention_table *mt, const char *name);
void mentions_free(mention_table *mt);

/* ------------------------------------------------------------------ */
/* phrase.c: word and phrase shapes read by the reported-speech stage  */

#define INTRO_MAX 10   /* words of an introductory phrase skipped before content */
#define CLAUSE_MAX 300 /* tokens of one content clause at most */

/* que, qu', that: the complementiser that opens reported speech. */
bool is_compl(const analysis *an, size_t k);
/* A comma or a dash standing for one (inline: asked of most tokens). */
static inline bool is_comma(const analysis *an, size_t k)
{
    if (k >= an->ntoks || an->toks[k].kind != TK_PUNCT)
        return false;
    int32_t c = an->toks[k].cp;
    return c == ',' || c == 0x2014 || c == 0x2013;
}
/* Words that may stand between a verb and its complement. */
bool adjunct_word(const analysis *an, size_t k);
/* A time phrase at token k ("samedi 21 décembre", "ce week-end", "fin
 * août", "ce jeudi soir"): the token after it, or k when there is none. */
size_t time_phrase(const analysis *an, size_t k, size_t e);
/* Prepositions that open an adjunct: "dans un communiqué", "in a
 * statement", "lors d'une conférence", "on Twitter". */
bool adjunct_prep(const analysis *an, size_t k);
/* Does a role word head the phrase ("a spokesman for the company")? */
bool role_in(const analysis *an, const np *p);
/* The verb classes of data/verb-classes.tsv. English verbs that take a
 * bare clause and may come before their subject in a tail. */
bool inverts_en(const cue_info *ci);
/* "s'est dit", "se sont dits": French "se dire", which reports what the
 * speaker says they are ("s'est dit inquiet"). */
bool says_self(const analysis *an, const cue_match *m);
/* A tail ", a indiqué X." / ", X said." / ", said X" / ", selon X" after
 * the comma at token c, up to e. Fills the cue and its noun phrase. */
bool tail_at(const analysis *an, size_t c, size_t e, cue_match *m, np *p);
/* Does a participial cue start right after the comma at c ("…, ajoutant
 * que", "…, tout en soulignant que", "…, adding that")? */
bool participle_after(const analysis *an, size_t c, size_t e);
/* ", but he said that …", "and Democrats accused …": a conjunction or
 * comma that opens another attribution with its own subject. */
bool new_speech_at(const analysis *an, size_t k, size_t e);
static inline bool new_speech(const analysis *an, size_t k, size_t e)
{
    /* the conjunctions new_speech_at knows start with a, b, e, m, t or w:
     * most tokens are turned down here by their first byte alone (this is
     * asked at every word of a content clause) */
    size_t j = k + (is_comma(an, k) ? 1 : 0);
    if (j >= an->ntoks)
        return false;
    switch (an->text[an->toks[j].start]) {
    case 'a':
    case 'b':
    case 'e':
    case 'm':
    case 't':
    case 'w': return new_speech_at(an, k, e);
    default: return false;
    }
}
/* Does a quotation open in tokens [a, b)? */
bool has_quote(const analysis *an, size_t a, size_t b);
/* Is token k a determiner? */
bool is_det_word(const analysis *an, size_t k);
/* Trims punctuation (not quotation marks) from both ends of [*a, *b). */
void trim(const analysis *an, size_t *a, size_t *b);
/* Past an apposition that describes the name just before ("According to
 * Harriet Blume, the mayor's chief of staff, the city …"): a short
 * phrase up to a comma, with no verb in it, followed by more text. */
size_t skip_apposition(const analysis *an, size_t k, size_t e);
/* The start of the clause that ends before token b: the sentence start,
 * past a short introductory phrase ("Dans cette conversation,"), or the
 * relative clause right before a tail ("…, qui était une « initiative
 * française », a noté …"). */
size_t clause_start(const analysis *an, size_t a, size_t b);
/* The quote that spans exactly the tokens [a, b), marks included. */
const quote *whole_quote(const analysis *an, size_t a, size_t b);
/* Where content [ca, cb) ends once a closing channel phrase is left out:
 * "described the levy as a “tax” in a speech", "… dans un communiqué".
 * The phrase is the medium (find_channel reports it), not what was said. */
size_t channel_tail(const analysis *an, size_t ca, size_t cb);
/* A French infinitive phrase starts at k: "renoncer", "ne pas avoir",
 * "s'être entretenu", "avoir recommandé". */
bool infinitive_at(const analysis *an, size_t k);
/* Statement verbs whose object is what was said: "cited the report",
 * "described the plan as …". */
bool object_verb(const cue_info *ci);
/* Does token k open what describes a noun before it: a preposition ("a
 * report by Politico"), a participle ("a complaint filed by") or a second
 * noun ("La Dépêche et France Bleu")? */
bool post_modifier(const analysis *an, size_t k);
/* Does the sentence open with a subordinating conjunction ("Although",
 * "While", "Bien que", "Lorsque")? */
bool subordinate_opening(const analysis *an, size_t a);
/* An English adverb in -ly ("forcefully", "repeatedly"), not a noun of
 * that shape ("family", "ally", listed as nouns). */
bool ly_adverb(const analysis *an, size_t k);
/* Is token k a past participle by its ending: French -é(e)(s), English
 * -ed ("publiées", "released")? */
bool participle_word(const analysis *an, size_t k);
/* Is the cue a French past participle standing alone, an adjective
 * ("les policiers promis par le ministère", "la mesure annoncée")? */
bool bare_past_participle(const analysis *an, const cue_match *m);
/* "par la voix de X", "through X": who spoke for the subject. Returns the
 * token after "de", else SIZE_MAX. */
size_t voice_of(const analysis *an, size_t k, size_t e);
/* "au cours de", "au lendemain du", "aux côtés de": a French preposition
 * of three words at k. Returns the token after it, else SIZE_MAX. */
size_t french_complex_prep(const analysis *an, size_t k, size_t e);
/* Does "call" name something from token k on: an object, then what it
 * is called, "a quack" or "unsubstantiated"? The object may be long ("has
 * called the police shootings … and the unrest that followed a moment
 * like …"), so up to 24 words. Not "called the police a day later",
 * "called for a vote" or "called on Tuesday". */
bool naming(const analysis *an, size_t k, size_t e);
/* Findings: "the poll shows", "l'étude montre". */
bool finding(const cue_info *ci);
/* Verbs that report speech only as a tail or before que/that ("…, he
 * continued", "a-t-il poursuivi"): with an object they mean going on. */
bool tail_only(const cue_info *ci);
/* Can this phrase be someone spoken to: a name, a pronoun, a role, a
 * group or an institution ("told reporters", "urged the ministry")? */
bool listener(const analysis *an, const np *p);
/* An English object pronoun at token k: him, her, them, us, me, you. */
bool object_pronoun(const analysis *an, size_t k);
/* French: the one spoken to at token a ("à l'AFP", "au Figaro", "auprès
 * de l'AFP", "devant les députés"), up to e; not a place ("à Paris").
 * Returns the token after it and fills *to, else SIZE_MAX. */
size_t french_listener(const analysis *an, size_t a, size_t e, np *to);
/* The one spoken to around a cue m, up to token e: English "told
 * reporters" (the verb's object, when the subject stands before it);
 * French "a-t-il confié au Figaro", "a indiqué à l'AFP une source", "a
 * souligné auprès de l'AFP X", "a confié l'ancien ministre au Figaro",
 * "a mis en garde X, devant une commission". subj_first, subj_last: the
 * subject's tokens when it follows the verb, else SIZE_MAX. Fills *to. */
bool tail_listener(const analysis *an, const cue_match *m, size_t subj_first, size_t subj_last, size_t e,
                   np *to);
/* Verbs whose object is the person spoken to. */
bool takes_addressee(const cue_info *ci);

/* ------------------------------------------------------------------ */
/* attribute.c                                                         */

bool attribute_direct(analysis *an, mention_table *mt, vec *out);
/* Proposes the quotations no rule attributed that open a sentence, with
 * the voice of the record before them; out's records in text order. */
bool attribute_uncued(analysis *an, mention_table *mt, vec *out);
/* Past "(R-Utah)" and auxiliaries/adverbs before a verb: the next token. */
size_t skip_parens(const analysis *an, size_t k, size_t limit);
/* A name that can stand alone as a speaker. */
bool strong_name(const analysis *an, const np *p);

/* reported.c: mixed and indirect speech, after the direct quotations
 * (whose spans and cues it leaves alone). */
bool attribute_reported(analysis *an, mention_table *mt, vec *out);
/* Extends a speaker's mention over an apposition up to the verb at token
 * `verb` ("Mitch McConnell, R-Ky., said"). */
void mention_to_verb(const analysis *an, dixit_party *sp, size_t verb);

/* ------------------------------------------------------------------ */
/* jsonl.c: the named fields of one JSON Lines object (read.c)         */

enum { JV_ABSENT = 0, JV_NULL, JV_STRING, JV_NUMBER, JV_OTHER };
typedef struct json_value {
    uint8_t type;   /* JV_* */
    size_t at, len; /* JV_STRING: the decoded string, NUL-terminated, at
                       out->data + at */
} json_value;
/* Reads the object on the line s[0..n): vals[k] tells the first member
 * named names[k]; the strings among them are decoded into out. False when
 * the line is not an object of the plain kind this reader knows: the
 * caller then parses it with cJSON. */
bool jsonl_fields(const char *s, size_t n, const char *const *names, size_t nnames, json_value *vals,
                  buf *out);

/* ------------------------------------------------------------------ */
/* write.c                                                             */

bool write_record_jsonl(buf *b, const analysis *an, const dixit_attribution *a, size_t n);
bool write_record_csv(buf *b, const analysis *an, const dixit_attribution *a, size_t n);
bool write_segments(buf *b, const analysis *an);
bool write_entities(buf *b, const analysis *an, const dixit_attribution *a, size_t n);
bool write_features(buf *b, const analysis *an, const dixit_attribution *a, size_t n);

/* select.c: the trained scorer over proposed records. */
/* Where a record's features go: named ones ("rec." and the n parts
 * joined: "rule&lang=", "tail", "&", "fr") or closed ones by id (F_RC_*,
 * score.h). */
typedef struct feat_sink {
    void (*named)(void *ctx, const char *const *parts, size_t n);
    void (*id)(void *ctx, feat_id f);
    void *ctx;
} feat_sink;
/* Calls sink with each feature of record a ("rec.rule=tail"). */
void record_features(const analysis *an, const dixit_attribution *a, const feat_sink *sink);
/* The record's score (a logit) under the engine's weights. */
double record_score(const analysis *an, const dixit_attribution *a);
/* Sets each record's confidence from its score and drops those under the
 * threshold, keeping the order (none dropped with the trace on); does
 * nothing when the weights hold no record model. */
void select_records(analysis *an, dixit_attribution *a, size_t *n);
/* JSON string escape of s[0..n), quotes included. */
bool json_string(buf *b, const char *s, size_t n);

#endif
