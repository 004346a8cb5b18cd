/*
 * segment.c: paragraphs, tokens and sentences.
 *
 * Tokens are byte views into the text. Paragraphs are separated by blank
 * lines; a text with no blank line at all is read one paragraph per line.
 * Sentences are found after quotes.c has paired the quotation marks,
 * because a sentence never ends inside a quotation: "« A. B », a-t-il dit"
 * is one sentence, which is what attribution needs.
 */
#include "alloc.h"
#include "analysis.h"
#include "bytes.h"
#include "lang.h"
#include "lexicon.h"
#include "segment.h"
#include "utf8.h"

#include <string.h>

static bool is_quote_char(int32_t c)
{
    switch (c) {
    case 0x00AB:
    case 0x00BB: /* « » */
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F: /* “ ” „ ‟ */
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x201B: /* ‘ ’ ‚ ‛ */
    case 0x2039:
    case 0x203A: /* ‹ › */
    case '"':
    case '\'': return true;
    default: return false;
    }
}

static bool is_apostrophe(int32_t c)
{
    return c == '\'' || c == 0x2019;
}
static bool is_hyphen(int32_t c)
{
    return c == '-' || c == 0x2010 || c == 0x2011;
}
/* -1 (end of text) is neither; the ASCII halves are inline (utf8.h) */
static inline bool is_word_cp(int32_t c)
{
    return cp_is_letter(c) || cp_is_digit(c);
}

/* French elisions end a token at the apostrophe: l'armée is l' + armée. */
static bool elides(const char *s, size_t n)
{
    static const char *const el[] = {"l", "d", "qu",    "s",      "n",      "j",      "c",
                                     "m", "t", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu"};
    char low[16];
    size_t k = utf8_lower(s, n, low, sizeof low);
    if (!k)
        return false;
    for (size_t i = 0; i < sizeof el / sizeof *el; i++)
        if (strcmp(low, el[i]) == 0)
            return true;
    return false;
}

static int32_t peek(const char *t, size_t len, size_t i);

/* Does a quotation mark open at byte j, maybe after one space: "qu'« une",
 * "qu' « une", "qu'\"une"? */
static bool opens_quote_after(const char *t, size_t len, size_t j)
{
    int32_t c = peek(t, len, j);
    if (c == ' ' || c == 0xA0 || c == 0x202F) {
        utf8_next(t, len, &j);
        c = peek(t, len, j);
    }
    return c == 0xAB || c == '"' || c == 0x201C;
}

static int32_t peek(const char *t, size_t len, size_t i)
{
    if (i >= len)
        return -1;
    return utf8_next(t, len, &i);
}

/* Where paragraphs break: blank lines, or every line when the text has no
 * blank line at all. */
static bool has_blank_line(const char *t, size_t from, size_t len)
{
    const char *p = memchr(t + from, '\n', len - from);
    while (p) {
        size_t i = (size_t)(p - t) + 1;
        while (i < len && (t[i] == ' ' || t[i] == '\t' || t[i] == '\r'))
            i++;
        if (i < len && t[i] == '\n')
            return true;
        if (i >= len)
            return false;
        p = memchr(t + i, '\n', len - i);
    }
    return false;
}

/* Classes of the bytes below 0x80, so the tokeniser asks one table
 * instead of range compares per character. B_SPACE: what the tokeniser
 * skips, white space and control characters alike (cp_is_space or below
 * 0x20); B_HIGH: a byte of a multi-byte character, which goes the way of
 * utf8_next and utf8proc's classes; B_JOIN: what may join two parts of
 * a word (well-known, 3.5, 1,000, 10:30, l'armée). */
enum { B_SPACE = 1, B_LOWER = 2, B_UPPER = 4, B_DIGIT = 8, B_HIGH = 16, B_JOIN = 32 };
#define B_LETTER (B_LOWER | B_UPPER)
#define B_ALNUM (B_LETTER | B_DIGIT)
#define BCLASS(b)                                                                                            \
    ((b) <= 0x20                                                           ? B_SPACE                         \
     : (b) >= 0x80                                                         ? B_HIGH                          \
     : (b) >= 'a' && (b) <= 'z'                                            ? B_LOWER                         \
     : (b) >= 'A' && (b) <= 'Z'                                            ? B_UPPER                         \
     : (b) >= '0' && (b) <= '9'                                            ? B_DIGIT                         \
     : (b) == '-' || (b) == '\'' || (b) == '.' || (b) == ',' || (b) == ':' ? B_JOIN                          \
                                                                           : 0)
#define BC4(b) BCLASS(b), BCLASS((b) + 1), BCLASS((b) + 2), BCLASS((b) + 3)
#define BC16(b) BC4(b), BC4((b) + 4), BC4((b) + 8), BC4((b) + 12)
#define BC64(b) BC16(b), BC16((b) + 16), BC16((b) + 32), BC16((b) + 48)
static const uint8_t bclass[256] = {BC64(0), BC64(64), BC64(128), BC64(192)};

#ifdef __SSE2__
/* Byte k of *l (*d) all ones when byte k of the sixteen at p is an ASCII
 * letter (digit): one unsigned range test each (bytes_in_range16), fewer
 * instructions than two signed compares. */
static inline void alnum_vecs16(const char *p, __m128i *l, __m128i *d)
{
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
    *l = bytes_in_range16(_mm_or_si128(v, _mm_set1_epi8(0x20)), 'a', 'z' - 'a');
    *d = bytes_in_range16(v, '0', 9);
}

/* Bit k of *let (*dig) set when byte k of the sixteen at p is an ASCII
 * letter (digit). */
static inline void alnum_masks16(const char *p, unsigned *let, unsigned *dig)
{
    __m128i l, d;
    alnum_vecs16(p, &l, &d);
    *let = (unsigned)_mm_movemask_epi8(l);
    *dig = (unsigned)_mm_movemask_epi8(d);
}

/* Their union, for a word whose letters and digits are not told apart. */
static inline unsigned alnum_mask16(const char *p)
{
    __m128i l, d;
    alnum_vecs16(p, &l, &d);
    return (unsigned)_mm_movemask_epi8(_mm_or_si128(l, d));
}
#endif

/* The end of the run of ASCII letters and digits from t[i]; adds the
 * bclass bits B_LOWER (any letter) and B_DIGIT of its bytes to *seen. With
 * SSE2, sixteen bytes a step: a byte loop mispredicts its exit at nearly
 * every word, and this loop seldom goes round (words are short). */
static inline size_t alnum_run(const char *t, size_t len, size_t i, uint8_t *seen)
{
#ifdef __SSE2__
    while (len - i >= 16) {
        unsigned lm, dm;
        alnum_masks16(t + i, &lm, &dm);
        unsigned k = lowest_bit(~(lm | dm) | 0x10000u);
        unsigned keep = (1u << k) - 1;
        *seen |= (uint8_t)(((lm & keep) ? B_LOWER : 0) | ((dm & keep) ? B_DIGIT : 0));
        i += k;
        if (k < 16)
            return i;
    }
#endif
    while (i < len && (bclass[(unsigned char)t[i]] & B_ALNUM))
        *seen |= bclass[(unsigned char)t[i++]];
    return i;
}

/* alnum_run without what it saw: for a word that has a letter already,
 * whose kind and joiners no digit changes (word_end). */
static inline size_t alnum_end(const char *t, size_t len, size_t i)
{
#ifdef __SSE2__
    while (len - i >= 16) {
        unsigned k = lowest_bit(~alnum_mask16(t + i) | 0x10000u);
        i += k;
        if (k < 16)
            return i;
    }
#endif
    while (i < len && (bclass[(unsigned char)t[i]] & B_ALNUM))
        i++;
    return i;
}

/* TF_CAP, and TF_ALLCAPS for a word of two capitals or more and no small
 * letter (AFP, NATO, MACRON), of the word t[s..e). */
static uint8_t case_flags(const char *t, size_t s, size_t e)
{
    /* most of them: an ASCII capital, then a small letter ("Paris") */
    if ((bclass[(unsigned char)t[s]] & B_UPPER) && s + 1 < e && (bclass[(unsigned char)t[s + 1]] & B_LOWER))
        return TF_CAP;
    size_t q = s;
    if (!cp_is_upper(utf8_next(t, e, &q)))
        return 0;
    size_t letters_n = 0;
    q = s;
    while (q < e) {
        unsigned char b = (unsigned char)t[q];
        if (b < 0x80) { /* ASCII: the table */
            q++;
            if (!(bclass[b] & B_LETTER))
                continue;
            if (bclass[b] & B_LOWER)
                return TF_CAP;
            letters_n++;
            continue;
        }
        int32_t d = utf8_next(t, e, &q);
        if (cp_is_letter(d)) {
            if (!cp_is_upper(d))
                return TF_CAP; /* one small letter decides */
            letters_n++;
        }
    }
    return letters_n >= 2 ? TF_CAP | TF_ALLCAPS : TF_CAP;
}

/* token.has of the word w[0..n) with entry e. */
static inline uint32_t tok_flags(const analysis *an, const lex_entry *e, const char *w, size_t n, bool hyphen)
{
    int lang = an->lang;
    uint32_t h = e ? e->has[lang] | (e->flags & LX_MW_HEAD ? TH_MW_HEAD : 0) : 0;
    /* lex_entry.may_cue: an auxiliary, a cue or the head of a cue key */
    bool may_cue = e && (e->may_cue >> lang & 1);
    if (!may_cue && (lang == LANG_EN || !fr_may_start(w, n, hyphen)))
        h |= TH_NO_CUE;
    return h;
}

/* token.lexn of entry e: see tok_lex. */
static inline uint32_t lex_number(const analysis *an, const lex_entry *e)
{
    /* unsigned: the entry is never before entry 0, and a shift divides */
    return e ? (uint32_t)((size_t)((const char *)e - an->lex0) / LEX_STRIDE) + 1 : 0;
}

/* The token lists of the analysis (tok_list), pushed as the tokens are
 * made, then copied to the arena. */
enum { L_QUOTE, L_CAP, L_CUE, L_MARK, L_DESC, L_COUNT };

static inline void push_index(vec *v, size_t k)
{
    uint32_t *q = vec_push_raw(v);
    if (q)
        *q = (uint32_t)k;
}

/* Word tk, token number k, whose bytes are read, takes entry e: its
 * number, its flags, and its place among the words where a cue may
 * start. */
static inline void set_entry(const analysis *an, token *tk, const lex_entry *e, bool hyphen, vec *cues,
                             size_t k)
{
    tk->lexn = lex_number(an, e);
    tk->has = tok_flags(an, e, an->text + tk->start, tk->end - tk->start, hyphen);
    if (!(tk->has & TH_NO_CUE))
        push_index(cues, k);
}

/* The token lists, with room for what news text has: a mark every 18
 * bytes or so, a capital or a word that may be a cue every 40, for n
 * bytes; most are then made without growing. */
static void lists_init(vec *lists, const dixit_allocator *alloc, size_t n)
{
    for (int l = 0; l < L_COUNT; l++)
        vec_init(&lists[l], alloc, sizeof(uint32_t));
    vec_reserve(&lists[L_MARK], n / 16 + 16);
    vec_reserve(&lists[L_CAP], n / 32 + 16);
    vec_reserve(&lists[L_CUE], n / 32 + 16);
    vec_reserve(&lists[L_DESC], n / 32 + 16);
}

static bool to_arena(analysis *an, const vec *v, tok_list *out)
{
    out->at = arena_alloc(an->ar, (v->len + 1) * sizeof(uint32_t));
    out->n = out->at ? v->len : 0;
    if (out->at && v->len)
        memcpy(out->at, v->data, v->len * sizeof(uint32_t));
    return out->at != NULL;
}

/* Where the word that starts at byte s ends, read on from i: ASCII letters
 * and digits by the table, other letters, the joiners inside a word
 * (hyphens, apostrophes, "3.5", "10:30") and the French elisions that end
 * one ("l'", "qu'« »", which set TF_ELIDED on tk). *has gains B_LETTER
 * when the word holds a letter, B_DIGIT for a digit before its first
 * letter (after one, a digit changes neither the kind of the word nor
 * what may join it) and B_JOIN for an ASCII hyphen inside it (for
 * fr_may_start, so the word is not searched again). Inline: every word
 * of every text. */
static inline size_t word_end(const analysis *an, const char *t, size_t len, size_t s, size_t i, uint8_t *has,
                              token *tk)
{
    uint8_t acc = *has; /* the bits of the word so far */
    for (;;) {
        /* ASCII letters and digits, most of every word, by the
         * table; the other characters the way below */
        if (acc & B_LETTER) {
            i = alnum_end(t, len, i);
        } else {
            uint8_t seen = 0;
            i = alnum_run(t, len, i, &seen);
            acc |= seen & (B_DIGIT | B_LETTER);
        }
        if (i >= len)
            break;
        /* an ASCII byte that is no letter or digit (the loop above
         * would have taken it) ends the word unless it is one of
         * the joiners below: most words end here, at a space */
        if (!(bclass[(unsigned char)t[i]] & (B_JOIN | B_HIGH)))
            break;
        size_t j = i;
        int32_t d = utf8_next(t, len, &j); /* peek(t, len, i), with j past it */
        if (is_word_cp(d)) {
            acc |= (cp_is_digit(d) ? B_DIGIT : 0) | (cp_is_letter(d) ? B_LETTER : 0);
            i = j;
        } else if ((is_hyphen(d) || is_apostrophe(d)) && is_word_cp(peek(t, len, j))) {
            if (is_apostrophe(d) && an->lang != LANG_EN && elides(t + s, i - s)) {
                i = j; /* l' ends here, apostrophe included */
                tk->flags |= TF_ELIDED;
                break;
            }
            acc |= d == '-' ? B_JOIN : 0;
            i = j;
        } else if (is_apostrophe(d) && an->lang != LANG_EN && opens_quote_after(t, len, j) &&
                   elides(t + s, i - s)) {
            i = j; /* "qu'« une enquête »": the elision before a quotation */
            tk->flags |= TF_ELIDED;
            break;
        } else if ((d == '.' || d == ',' || d == ':') && (acc & B_DIGIT) && !(acc & B_LETTER) &&
                   cp_is_digit(peek(t, len, j))) {
            i = j; /* 3.5, 1,000, 10:30 */
        } else {
            break;
        }
    }
    *has = acc;
    return i;
}

/* What the tokeniser built becomes the analysis's: the token array, the
 * paragraphs (their ends filled in) and the token lists; the vectors are
 * freed whatever happens. False when memory ran out. */
static bool tokens_keep(analysis *an, vec *toks_v, vec *paras_v, vec *lists)
{
    bool failed = toks_v->failed || paras_v->failed;
    for (int l = 0; l < L_COUNT; l++)
        failed |= lists[l].failed;
    if (failed) {
        vec_free(toks_v);
        vec_free(paras_v);
        for (int l = 0; l < L_COUNT; l++)
            vec_free(&lists[l]);
        return false;
    }
    /* The token vector becomes the token array (no copy: on a 10 MB
     * article it is the largest thing built), with one zeroed slot past the
     * end; it is freed with the analysis (analysis_free). Paragraphs are
     * few: they go to the arena. */
    size_t ntoks = toks_v->len;
    bool ok = vec_push(toks_v) != NULL;
    an->ntoks = ntoks;
    an->nparas = paras_v->len;
    an->toks = ok ? toks_v->data : NULL;
    an->toks_heap = an->toks;
    if (ok)
        toks_v->data = NULL; /* owned by the analysis now */
    an->paras = arena_alloc(an->ar, (paras_v->len + 1) * sizeof(paragraph));
    ok = ok && an->paras;
    tok_list *dst[L_COUNT] = {&an->quote_toks, &an->cap_toks, &an->cue_toks, &an->mark_toks, &an->desc_toks};
    for (int l = 0; l < L_COUNT; l++)
        ok = ok && to_arena(an, &lists[l], dst[l]);
    if (ok) {
        if (paras_v->len)
            memcpy(an->paras, paras_v->data, paras_v->len * sizeof(paragraph));
        for (size_t p = 0; p < an->nparas; p++) {
            size_t end = p + 1 < an->nparas ? an->paras[p + 1].tok_start : an->ntoks;
            an->paras[p].tok_end = (uint32_t)end;
            an->paras[p].end = end ? an->toks[end - 1].end : an->paras[p].start;
        }
    }
    vec_free(toks_v);
    vec_free(paras_v);
    for (int l = 0; l < L_COUNT; l++)
        vec_free(&lists[l]);
    return ok;
}

/* A token that is no word nor number, whose first character c was read
 * up to i: a quotation mark (and AFP's inner "+"), "…" written as dots,
 * a dash written as hyphens, or other punctuation; listed as a mark (and
 * as a quote). Returns where it ends. */
static inline size_t mark_token(const char *t, size_t len, size_t i, int32_t c, token *tk, vec *lists,
                                size_t index)
{
    /* two apostrophes are a double quotation mark in some American
     * house styles: ''makes me smart,'' */
    if (c == '\'' && peek(t, len, i) == '\'') {
        i++;
        c = '"';
    }
    tk->cp = c;
    push_index(&lists[L_MARK], index);
    if (is_quote_char(c) || (c == '+' && (tk->flags & TF_SPACE_BEFORE ? is_word_cp(peek(t, len, i))
                                                                      : !is_word_cp(peek(t, len, i))))) {
        /* a "+" so placed: the AFP inner quote, which quotes.c takes
         * only inside quotations */
        tk->kind = TK_QUOTE;
        push_index(&lists[L_QUOTE], index);
    } else if (c == '.' && peek(t, len, i) == '.') {
        while (i < len && t[i] == '.')
            i++;
        tk->kind = TK_PUNCT;
        tk->cp = 0x2026;
    } else if (c == '-' && peek(t, len, i) == '-') {
        /* "--", typed for a dash ("Kall -- co-editor of … -- said"): one
         * dash */
        while (i < len && t[i] == '-')
            i++;
        tk->kind = TK_PUNCT;
        tk->cp = 0x2014;
    } else {
        tk->kind = TK_PUNCT;
    }
    tk->end = (uint32_t)i;
    return i;
}

bool segment_tokens(analysis *an)
{
    const char *t = an->text;
    size_t len = an->len;
    size_t body = an->doc->body <= len ? an->doc->body : len;
    bool line_paras = !has_blank_line(t, body, len);
    uint32_t ab = an->lang == LANG_FR   ? LX_ABBREV_FR
                  : an->lang == LANG_EN ? LX_ABBREV_EN
                                        : (LX_ABBREV_FR | LX_ABBREV_EN);

    vec toks, paras, lists[L_COUNT];
    vec_init(&toks, an->ar->alloc, sizeof(token));
    vec_init(&paras, an->ar->alloc, sizeof(paragraph));
    lists_init(lists, an->ar->alloc, len - body);
    /* news text has a token every 5.5 bytes or so: one allocation for the
     * tokens of most articles, instead of a dozen copies while doubling */
    vec_reserve(&toks, (len - body) / 5 + 16);

    const lang_memo *memo = an->lang_words;
    size_t nmemo = memo ? memo->n : 0, mk = 0;
    size_t i = body;
    bool new_para = true;
    uint8_t pending = 0;
    int newlines = 0;
    uint32_t para_no = 0; /* the paragraph the tokens go to */
    while (i < len) {
        size_t s = i;
        unsigned char b = (unsigned char)t[i];
        uint8_t cls = bclass[b]; /* for a character past ASCII, set below */
        int32_t c;
        if (cls & B_SPACE) {
            i++;
            pending |= TF_SPACE_BEFORE;
            if (b == '\n') {
                pending |= TF_NL_BEFORE;
                newlines++;
                if (newlines >= 2 || line_paras)
                    new_para = true;
            }
            continue;
        }
        if (b < 0x80) {
            c = b;
            i++;
        } else {
            c = utf8_next_multi(t, len, &i);
            if (cp_is_space_u(c)) {
                pending |= TF_SPACE_BEFORE;
                continue;
            }
            cls = (uint8_t)((cp_is_letter(c) ? B_LOWER : 0) | (cp_is_digit(c) ? B_DIGIT : 0));
        }
        /* vec_push_raw without its test of toks.failed: a failure ends
         * the loop */
        token *tk;
        if (toks.len < toks.cap)
            tk = (token *)toks.data + toks.len++;
        else if (!(tk = vec_grow_push(&toks)))
            break;
        *tk = (token){.has = TH_NO_CUE}; /* a word sets its own */
        if (new_para) {
            paragraph *p = vec_push(&paras);
            if (!p)
                break;
            p->start = (uint32_t)s;
            p->tok_start = (uint32_t)(toks.len - 1);
            para_no = (uint32_t)(paras.len - 1);
            pending |= TF_PARA_START;
            new_para = false;
        }
        newlines = 0;
        /* the token before learns the space after it now, not in a pass
         * over all tokens at the end */
        if ((pending & TF_SPACE_BEFORE) && toks.len > 1)
            tk[-1].flags |= TF_SPACE_AFTER;
        tk->start = (uint32_t)s;
        tk->para = para_no;
        tk->flags = pending;
        pending = 0;
        if ((cls & B_ALNUM) || (is_apostrophe(c) && cp_is_digit(peek(t, len, i)))) {
            bool digits = (cls & B_DIGIT) != 0;
            bool letters = (cls & B_LETTER) != 0;
            /* Acronyms with dots: U.S., a.m., D.C., F.B.I. (each letter
             * and its period, then the last period) */
            if (letters && i < len && t[i] == '.' && cp_is_letter(peek(t, len, i + 1)) &&
                peek(t, len, i + 2) == '.') {
                while (i + 1 < len && t[i] == '.' && cp_is_letter(peek(t, len, i + 1))) {
                    size_t j = i + 1;
                    utf8_next(t, len, &j);
                    if (j >= len || t[j] != '.')
                        break;
                    i = j;
                }
                i++;
                tk->kind = TK_WORD;
                tk->flags |= TF_ABBREV | TF_CAP;
                tk->end = (uint32_t)i;
                push_index(&lists[L_CAP], toks.len - 1);
                push_index(&lists[L_DESC], toks.len - 1);
                /* no hyphen: letters and dots */
                set_entry(an, tk, lex_get_in(an->lx, t + s, i - s, len - s), false, &lists[L_CUE],
                          toks.len - 1);
                continue;
            }
            uint8_t has = (uint8_t)((digits ? B_DIGIT : 0) | (letters ? B_LETTER : 0));
            i = word_end(an, t, len, s, i, &has, tk);
            digits = (has & B_DIGIT) != 0;
            letters = (has & B_LETTER) != 0;
            tk->end = (uint32_t)i;
            tk->kind = (digits && !letters) ? TK_NUM : TK_WORD;
            if (tk->kind == TK_NUM)
                push_index(&lists[L_MARK], toks.len - 1);
            if (tk->kind == TK_WORD) {
                /* a word that starts with an ASCII byte other than A-Z has
                 * neither flag */
                if (!(bclass[b] & (B_LOWER | B_DIGIT | B_SPACE)))
                    tk->flags |= case_flags(t, s, i);
                if (tk->flags & TF_CAP)
                    push_index(&lists[L_CAP], toks.len - 1);
                /* the word's entry, looked up once here for every stage,
                 * or taken from lang_detect's when it looked up the same
                 * bytes (both go left to right) */
                const lex_entry *e;
                while (mk < nmemo && body + memo->w[mk].start < s)
                    mk++;
                if (mk < nmemo && body + memo->w[mk].start == s && memo->w[mk].len == i - s)
                    e = memo->w[mk].e;
                else
                    e = lex_get_in(an->lx, t + s, i - s, len - s);
                set_entry(an, tk, e, (has & B_JOIN) != 0, &lists[L_CUE], toks.len - 1);
                /* capitalised or a role's word: where antecedent.c looks
                 * for descriptions and first names */
                if ((tk->flags & TF_CAP) || (tk->has & LX_ROLE))
                    push_index(&lists[L_DESC], toks.len - 1);
                /* a word followed by "." that is a known abbreviation, or a
                 * single capital (an initial) */
                if (i < len && t[i] == '.') {
                    size_t k = s;
                    bool initial = cp_is_upper(utf8_next(t, len, &k)) && k == i;
                    if (initial || (e && (e->flags & ab)))
                        tk->flags |= TF_ABBREV;
                }
            }
            /* the space after a word, read here rather than at the top
             * of the loop: it follows most words */
            if (i < len && t[i] == ' ') {
                i++;
                pending = TF_SPACE_BEFORE;
            }
            continue;
        }
        i = mark_token(t, len, i, c, tk, lists, toks.len - 1);
    }
    return tokens_keep(an, &toks, &paras, lists);
}

bool may_head_key(const analysis *an, size_t k, uint32_t head_flag)
{
    if (k >= an->ntoks || an->toks[k].kind != TK_WORD || tok_len(an, k) > TOK_KEY_SURE)
        return true;
    const lex_entry *e = tok_lex(an, k);
    if (e && (e->flags & head_flag))
        return true;
    const char *t = tok_text(an, k);
    size_t n = tok_len(an, k);
    for (size_t j = 0; j < n; j++)
        if (t[j] == '\'' || (unsigned char)t[j] == 0xE2) /* ' or the start of ’ */
            return true;
    return false;
}

size_t tok_lower(const analysis *an, size_t k, char *out, size_t cap)
{
    const char *s = tok_text(an, k);
    size_t n = tok_len(an, k);
    /* up to 16 ASCII bytes, with 16 readable in the text and 17 free in
     * out: two loads, two stores (the bytes past n are overwritten by
     * the NUL and whatever the caller appends) */
    if (n >= 1 && n <= 16 && an->len - an->toks[k].start >= 16 && cap > 16) {
        uint64_t w0 = load8(s), w1 = load8(s + 8);
        uint64_t m0 = n >= 8 ? ~0ull : bytes_mask(n), m1 = n <= 8 ? 0 : bytes_mask(n - 8);
        if (!(((w0 & m0) | (w1 & m1)) & BYTES_HIGH)) {
            w0 = ascii_lower8(w0 & m0);
            w1 = ascii_lower8(w1 & m1);
            memcpy(out, &w0, 8);
            memcpy(out + 8, &w1, 8);
            out[n] = 0;
            return n;
        }
    }
    return utf8_lower(s, n, out, cap);
}

size_t paren_open(const analysis *an, size_t close, size_t floor)
{
    if (close <= floor || close >= an->ntoks || !tok_is_punct(an, close, ')'))
        return SIZE_MAX;
    for (size_t j = close; j > floor && close - j < 10; j--)
        if (tok_is_punct(an, j - 1, '('))
            return j - 1 > floor ? j - 1 : SIZE_MAX;
    return SIZE_MAX;
}

void analysis_free(analysis *an)
{
    if (an->toks_heap)
        dx_free(an->ar->alloc, an->toks_heap);
    an->toks_heap = NULL;
}

/* ------------------------------------------------------------------ */
/* Sentences                                                            */

static bool ends_sentence(int32_t c)
{
    return c == '.' || c == '!' || c == '?' || c == 0x2026;
}

static bool starts_sentence(const analysis *an, size_t k)
{
    const token *t = &an->toks[k];
    if (t->kind == TK_NUM || t->kind == TK_QUOTE)
        return true;
    if (t->kind == TK_WORD)
        return (t->flags & TF_CAP) != 0;
    return t->cp == 0x2014 || t->cp == 0x2013 || t->cp == '(' || t->cp == '-';
}

/* Tokens [a, b) are in sentence s. (When a push failed, the sentences
 * are lost anyway: segment_sentences returns false.) */
static void set_sent(analysis *an, size_t a, size_t b, size_t s)
{
    for (size_t k = a; k < b; k++)
        an->toks[k].sent = (uint32_t)s;
}

bool segment_sentences(analysis *an)
{
    vec sents;
    vec_init(&sents, an->ar->alloc, sizeof(sentence));
    /* words and numbers neither count parentheses nor end a sentence: the
     * other tokens and the numbers are listed (mark_toks), and only they
     * are looked at */
    const uint32_t *mk = an->mark_toks.at;
    size_t mi = 0, nmk = an->mark_toks.n;
    for (size_t p = 0; p < an->nparas; p++) {
        const paragraph *pa = &an->paras[p];
        size_t start = pa->tok_start;
        int parens = 0; /* no sentence ends inside "(R-S.C.)" */
        for (mi = tok_list_seek(&an->mark_toks, mi, pa->tok_start); mi < nmk && mk[mi] < pa->tok_end; mi++) {
            size_t k = mk[mi];
            if (k < start)
                continue; /* taken into the sentence before, with its end */
            const token *t = &an->toks[k];
            if (t->kind == TK_NUM)
                continue; /* listed for zones.c's word count, no mark */
            size_t next = k + 1;
            bool boundary = false;
            if (t->kind == TK_PUNCT && t->cp == '(')
                parens++;
            else if (t->kind == TK_PUNCT && t->cp == ')' && parens > 0)
                parens--;
            if (parens > 0 && k + 1 < pa->tok_end && k < start + 64)
                continue;
            if (t->depth == 0 && t->kind == TK_PUNCT && ends_sentence(t->cp)) {
                bool abbrev = t->cp == '.' && k > pa->tok_start && (an->toks[k - 1].flags & TF_ABBREV) &&
                              !(t->flags & TF_SPACE_BEFORE);
                /* closing marks and brackets stay with the sentence they end */
                while (next < pa->tok_end &&
                       ((an->toks[next].kind == TK_QUOTE && an->toks[next].qrole == QR_CLOSE) ||
                        tok_is_punct(an, next, ')')) &&
                       !(an->toks[next].flags & TF_SPACE_BEFORE))
                    next++;
                boundary = !abbrev && next < pa->tok_end && starts_sentence(an, next);
            } else if (t->kind == TK_QUOTE && t->qrole == QR_CLOSE && t->depth == 0 && k > 0 &&
                       an->toks[k - 1].kind == TK_PUNCT &&
                       (an->toks[k - 1].cp == '.' || an->toks[k - 1].cp == 0x2026 ||
                        an->toks[next].kind == TK_QUOTE) &&
                       next < pa->tok_end && (an->toks[next].flags & TF_SPACE_BEFORE) &&
                       ((an->toks[next].kind == TK_QUOTE && an->toks[next].qrole == QR_OPEN) ||
                        (an->toks[next].kind == TK_WORD && (an->toks[next].flags & TF_CAP)))) {
                /* « A. » « B. », and "… change." She adds: two sentences */
                boundary = true;
            }
            if (boundary) {
                sentence *s = vec_push(&sents);
                if (s) {
                    s->tok_start = (uint32_t)start;
                    s->tok_end = (uint32_t)next;
                    s->para = (uint32_t)p;
                }
                /* the tokens learn their sentence now, while in cache */
                set_sent(an, start, next, sents.len - 1);
                start = next;
            }
        }
        if (start < pa->tok_end) {
            sentence *s = vec_push(&sents);
            if (s) {
                s->tok_start = (uint32_t)start;
                s->tok_end = pa->tok_end;
                s->para = (uint32_t)p;
            }
            set_sent(an, start, pa->tok_end, sents.len - 1);
        }
    }
    if (sents.failed) {
        vec_free(&sents);
        return false;
    }
    an->nsents = sents.len;
    an->sents = arena_alloc(an->ar, (sents.len + 1) * sizeof(sentence));
    if (!an->sents) {
        vec_free(&sents);
        return false;
    }
    if (sents.len)
        memcpy(an->sents, sents.data, sents.len * sizeof(sentence));
    vec_free(&sents);
    return true;
}

/* The first token that ends after byte b (binary search). */
size_t tok_index(const analysis *an, size_t b)
{
    size_t lo = 0, hi = an->ntoks;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (an->toks[mid].end <= b)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

size_t tok_index_near(const analysis *an, size_t b, size_t hint)
{
    /* the first i with toks[i].end > b (ends never decrease), or ntoks:
     * gallop from hint to a bracket [lo, hi], then halve it */
    const token *t = an->toks;
    size_t n = an->ntoks, lo, hi, step = 1;
    if (hint > n)
        hint = n;
    if (hint < n && t[hint].end <= b) {
        lo = hint + 1; /* every index below lo ends at or before b */
        while (lo + step - 1 < n && t[lo + step - 1].end <= b) {
            lo += step;
            step *= 2;
        }
        hi = lo + step - 1 < n ? lo + step - 1 : n;
    } else {
        hi = hint; /* hi == n, or toks[hi] ends after b */
        while (hi >= step && t[hi - step].end > b) {
            hi -= step;
            step *= 2;
        }
        lo = hi >= step ? hi - step + 1 : 0;
    }
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t[mid].end <= b)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}
