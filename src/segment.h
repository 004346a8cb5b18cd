/*
 * segment.h: paragraphs, tokens and sentences (segment.c), and the
 * helpers over tokens every later stage uses: a token's text, its
 * lexicon entry and classes, the token lists, the token at a byte offset.
 * Takes an analysis with its text, lexicon and language; fills its
 * tokens, paragraphs, token lists and sentences.
 */
#ifndef DIXIT_SEGMENT_H
#define DIXIT_SEGMENT_H

#include "analysis.h"
#include "lexicon.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Paragraphs, tokens and the token lists; the entries of lang_words
 * are taken when present. False when memory ran out. */
bool segment_tokens(analysis *an);
/* Sentences, once quotes_pair has run: none ends inside a quotation. */
bool segment_sentences(analysis *an);

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
/* Is token k the full stop of an abbreviation ("Mrs.", "Inc."), which
 * ends no sentence and no clause? */
static inline bool abbrev_period(const analysis *an, size_t k)
{
    return k > 0 && tok_is_punct(an, k, '.') && (an->toks[k - 1].flags & TF_ABBREV);
}
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
/* The place in list l of its first token from k on (l->n: none), by
 * halving: for a start far from any cursor. */
static inline size_t tok_list_from(const tok_list *l, size_t k)
{
    size_t lo = 0, hi = l->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (l->at[mid] < k)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
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
static inline bool tok_class(const analysis *an, size_t i, uint64_t c)
{
    const lex_entry *e = tok_lex(an, i);
    return e && (e->wc[an->lang] & c) && !(an->toks[i].flags & TF_CAP);
}
/* The same in any case, as tok_is_ci tests a literal. */
static inline bool tok_class_ci(const analysis *an, size_t i, uint64_t c)
{
    const lex_entry *e = tok_lex(an, i);
    return e && (e->wc[an->lang] & c);
}
/* tok_class as in language lang (LANG_UND: either), whatever the
 * document's: the words a rule asks for in any text ("for" in a French
 * one too). */
static inline bool tok_class_in(const analysis *an, size_t i, int lang, uint64_t c)
{
    const lex_entry *e = tok_lex(an, i);
    return e && (e->wc[lang] & c) && !(an->toks[i].flags & TF_CAP);
}
/* The same in any case, as tok_is_ci tests a literal. */
static inline bool tok_class_ci_in(const analysis *an, size_t i, int lang, uint64_t c)
{
    const lex_entry *e = tok_lex(an, i);
    return e && (e->wc[lang] & c);
}
/* lex_has(tok_lex(an, i), an->lang, flag), from the token itself. */
static inline bool tok_has(const analysis *an, size_t i, uint32_t flag)
{
    return i < an->ntoks && (an->toks[i].has & flag) != 0;
}
/* "Theresa May", "Will Smith": is token k a capitalised word right after a
 * capitalised first name of its sentence? Then it is that name's surname,
 * whatever else the word may be (a month, an auxiliary). */
static inline bool after_first_name(const analysis *an, size_t k)
{
    return k > 0 && k < an->ntoks && (an->toks[k].flags & TF_CAP) && (an->toks[k - 1].flags & TF_CAP) &&
           (an->toks[k - 1].has & LX_FIRSTNAME) && an->toks[k - 1].sent == an->toks[k].sent;
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

#endif
