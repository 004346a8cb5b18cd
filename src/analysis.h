/*
 * analysis.h: the analysis of one document, which every stage reads and
 * the stages fill in pipeline order (dixit.c drives them): tokens and
 * paragraphs (segment.c), quotes (quotes.c), sentences (segment.c), zones
 * (zones.c), then the memos of cues.c and antecedent.c. Everything lives
 * in the document's arena but the token array (analysis_free). Offsets are
 * bytes into doc->text; tokens are views, never copies.
 * The types of later stages' arrays (quote, cue_hits, pron_trace) are
 * named here only as pointers: their headers define them.
 */
#ifndef DIXIT_ANALYSIS_H
#define DIXIT_ANALYSIS_H

#include "alloc.h"
#include "dixit.h"
#include "lexicon.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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
    uint8_t zone;    /* ZONE_* (zones.h) */
    bool title_case; /* most words capitalised, as in a headline */
} paragraph;

typedef struct sentence {
    uint32_t tok_start, tok_end;
    uint32_t para;
} sentence;

/* token.qrole: what quotes.c made of a quotation mark. */
enum { QR_NONE = 0, QR_OPEN, QR_CLOSE, QR_INNER /* reopening mark */ };

typedef struct analysis {
    arena *ar;
    const dixit_engine *eng;
    const lexicon *lx;
    const char *lex0; /* lex_entry0(lx), for tok_lex */
    const lex_endings *endings; /* lex_endings_of(lx), for lex_suffix */
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
    struct quote *quotes; /* quotes.h */
    size_t nquotes;
    /* token lists the tokeniser makes, so a stage that wants a few kinds
     * of token need not look at every token */
    tok_list quote_toks;                /* TK_QUOTE: what quotes.c pairs */
    tok_list cap_toks;                  /* capitalised words: where mentions.c finds names */
    tok_list desc_toks;                 /* capitalised words and the words of a role
                                           (LX_ROLE): where antecedent.c looks for
                                           descriptions and first names */
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
    uint8_t *name_state;                /* mentions.c memo of is_name_word per token: 0 not
                                           asked, 1 no, 2 yes; NULL: no memo */
    struct np_memo *np_memo;            /* mentions.c memo of np_forward's latest answers;
                                           NULL: no memo */
    bool trace;                         /* keep the scorer's choices (training) */
    struct pron_trace *pron_traces;     /* antecedent.c: pronoun choices, newest first */
} analysis;

/* Frees what an analysis holds outside its arena. */
void analysis_free(analysis *an);

#endif
