/*
 * quotes.c: pairs quotation marks into quotes.
 *
 * Every convention news uses: « » (with or without no-break spaces), “ ”,
 * „ “, ‘ ’, ‹ ›, straight " and ', and AFP's +…+ inside a quotation. One
 * stack per paragraph; a closing mark pairs with the nearest open mark of
 * its family (looking at most QUOTE_SEARCH entries down, which keeps the
 * pass linear on hostile input). A quote left open at a paragraph's end
 * continues when the next paragraph reopens with the same family (the
 * multi-paragraph convention); otherwise a strong opening mark is recovered
 * as a quote running to the paragraph's end, and weak ones (single quotes,
 * which are usually apostrophes) are dropped. Nothing ever runs past its
 * paragraph unless the next one reopens.
 */
#include "alloc.h"
#include "analysis.h"
#include "quotes.h"
#include "segment.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

#define QUOTE_SEARCH 16

enum { FAM_NONE = 0, FAM_GUIL, FAM_CURLY, FAM_SINGLE, FAM_SQUOTE, FAM_ANGLE, FAM_PLUS };

typedef struct open_mark {
    uint32_t tok;
    uint8_t fam;
    uint32_t para;
} open_mark;

static bool flank_left(const analysis *an, size_t k)
{
    /* may open: something follows without a space, and a space, the
     * paragraph start or an opening bracket/dash precedes */
    const token *t = &an->toks[k];
    if (k + 1 >= an->ntoks || (an->toks[k + 1].flags & TF_SPACE_BEFORE) || an->toks[k + 1].para != t->para)
        return false;
    if (t->flags & (TF_SPACE_BEFORE | TF_PARA_START))
        return true;
    const token *p = &an->toks[k - 1];
    return p->kind == TK_QUOTE || (p->kind == TK_PUNCT && (p->cp == '(' || p->cp == '[' || p->cp == 0x2014 ||
                                                           p->cp == 0x2013 || p->cp == '-' || p->cp == '/'));
}

static bool flank_right(const analysis *an, size_t k)
{
    const token *t = &an->toks[k];
    if (t->flags & (TF_SPACE_BEFORE | TF_PARA_START))
        return false;
    if (k + 1 >= an->ntoks || (an->toks[k + 1].flags & TF_SPACE_BEFORE) || an->toks[k + 1].para != t->para)
        return true;
    const token *n = &an->toks[k + 1];
    return n->kind == TK_PUNCT || n->kind == TK_QUOTE;
}

/* The family of a mark and whether it may open / close here. */
static uint8_t classify(const analysis *an, size_t k, bool *can_open, bool *can_close)
{
    int32_t c = an->toks[k].cp;
    *can_open = *can_close = false;
    switch (c) {
    case 0x00AB: *can_open = true; return FAM_GUIL;
    case 0x00BB: *can_close = true; return FAM_GUIL;
    case 0x201C:
    case 0x201E:
    case 0x201F: /* “ „ ‟ ; “ also closes „ */
        *can_open = true;
        *can_close = c == 0x201C;
        return FAM_CURLY;
    case 0x201D:
        /* a typo'd opener: ”Fear. … ” at a word's start, spaced before */
        *can_close = true;
        *can_open = flank_left(an, k) && !flank_right(an, k) &&
                    (an->toks[k].flags & (TF_SPACE_BEFORE | TF_PARA_START));
        return FAM_CURLY;
    case 0x2018:
    case 0x201A:
    case 0x201B: *can_open = true; return FAM_SINGLE;
    case 0x2019: *can_close = true; return FAM_SINGLE;
    case 0x2039: *can_open = true; return FAM_ANGLE;
    case 0x203A: *can_close = true; return FAM_ANGLE;
    case '"': {
        bool l = flank_left(an, k), r = flank_right(an, k);
        *can_open = l || !r;
        *can_close = r || !l;
        /* one family with “ ”: sources mix "…” and “…" */
        return FAM_CURLY;
    }
    case '\'':
        *can_open = flank_left(an, k);
        *can_close = flank_right(an, k);
        return FAM_SQUOTE;
    case '+':
        *can_open = flank_left(an, k);
        *can_close = flank_right(an, k);
        return FAM_PLUS;
    default: return FAM_NONE;
    }
}

static bool strong(uint8_t fam)
{
    return fam == FAM_GUIL || fam == FAM_CURLY;
}

/* Content edges: after the opening mark and its spaces, before the closing
 * mark and its spaces. */
static void set_content(analysis *an, quote *q, size_t end_byte)
{
    size_t s = an->toks[q->open_tok].end;
    size_t e = end_byte;
    while (s < e) {
        size_t j = s;
        int32_t c = utf8_next(an->text, an->len, &j);
        if (!cp_is_space(c))
            break;
        s = j;
    }
    while (e > s) {
        size_t j;
        int32_t c = utf8_prev(an->text, e, &j);
        if (!cp_is_space(c))
            break;
        e = j;
    }
    q->start = (uint32_t)s;
    q->end = (uint32_t)e;
}

static int by_open(const void *a, const void *b)
{
    const quote *x = a, *y = b;
    return x->open_tok < y->open_tok ? -1 : x->open_tok > y->open_tok;
}

/* Token depth: how many quotations hold the token (capped at 255), 0 as
 * the tokens start. Quotations hold few tokens in most texts: each adds
 * one to its own, which touches no other token. When they hold more than
 * twice the tokens they span (deep nesting), a difference array over that
 * span instead: linear whatever the nesting. */
static bool set_depths(analysis *an)
{
    if (!an->nquotes)
        return true;
    size_t lo = SIZE_MAX, hi = 0, inside = 0;
    for (size_t q = 0; q < an->nquotes; q++) {
        const quote *x = &an->quotes[q];
        if (x->close_tok <= x->open_tok + 1)
            continue; /* holds no token */
        lo = x->open_tok + 1 < lo ? x->open_tok + 1 : lo;
        hi = x->close_tok > hi ? x->close_tok : hi;
        inside += x->close_tok - x->open_tok - 1;
    }
    if (lo >= hi)
        return true;
    if (inside <= 2 * (hi - lo)) {
        for (size_t q = 0; q < an->nquotes; q++)
            for (size_t k = an->quotes[q].open_tok + 1; k < an->quotes[q].close_tok; k++)
                if (an->toks[k].depth < 255)
                    an->toks[k].depth++;
        return true;
    }
    int32_t *diff = arena_alloc(an->ar, (hi - lo + 1) * sizeof(int32_t));
    if (!diff)
        return false;
    for (size_t q = 0; q < an->nquotes; q++) {
        const quote *x = &an->quotes[q];
        if (x->close_tok <= x->open_tok + 1)
            continue;
        diff[x->open_tok + 1 - lo]++;
        diff[x->close_tok - lo]--;
    }
    int32_t d = 0;
    for (size_t k = lo; k < hi; k++) {
        d += diff[k - lo];
        an->toks[k].depth = d > 255 ? 255 : (uint8_t)d;
    }
    return true;
}

/* Quotations by their opening mark (each mark opens one at most). They
 * are found as they close, so only nesting puts them out of order: a
 * few moves of an insertion sort for most texts, qsort for many. */
static void sort_by_open(quote *q, size_t n)
{
    if (n > 64) {
        qsort(q, n, sizeof *q, by_open);
        return;
    }
    for (size_t i = 1; i < n; i++) {
        if (q[i - 1].open_tok < q[i].open_tok)
            continue;
        quote x = q[i];
        size_t j = i;
        for (; j > 0 && q[j - 1].open_tok > x.open_tok; j--)
            q[j] = q[j - 1];
        q[j] = x;
    }
}

bool quotes_pair(analysis *an)
{
    vec out, stack;
    vec_init(&out, an->ar->alloc, sizeof(quote));
    vec_init(&stack, an->ar->alloc, sizeof(open_mark));
    size_t qi = 0; /* the next of an->quote_toks */
    for (size_t p = 0; p < an->nparas; p++) {
        const paragraph *pa = &an->paras[p];
        for (qi = tok_list_seek(&an->quote_toks, qi, pa->tok_start);
             qi < an->quote_toks.n && an->quote_toks.at[qi] < pa->tok_end; qi++) {
            size_t k = an->quote_toks.at[qi];
            token *t = &an->toks[k];
            if (t->kind != TK_QUOTE)
                continue; /* a reopening mark, turned TK_PUNCT below */
            bool can_open, can_close;
            uint8_t fam = classify(an, k, &can_open, &can_close);
            open_mark *st = stack.data;
            if (fam == FAM_PLUS && stack.len == 0)
                continue; /* a plus sign outside quotations is arithmetic */
            if (can_close) {
                size_t lo = stack.len > QUOTE_SEARCH ? stack.len - QUOTE_SEARCH : 0;
                size_t j = stack.len;
                while (j > lo) {
                    j--;
                    uint8_t f = st[j].fam;
                    /* “ closes „ (German) but not another “ */
                    if (f == fam && !(t->cp == 0x201C && an->toks[st[j].tok].cp != 0x201E)) {
                        quote *q = vec_push(&out);
                        if (!q)
                            break;
                        q->open_tok = st[j].tok;
                        q->close_tok = (uint32_t)k;
                        q->para_first = st[j].para;
                        q->para_last = (uint32_t)p;
                        q->depth = j > 255 ? 255 : (uint8_t)j;
                        q->open_cp = an->toks[st[j].tok].cp;
                        set_content(an, q, t->start);
                        an->toks[st[j].tok].qrole = QR_OPEN;
                        t->qrole = QR_CLOSE;
                        stack.len = j; /* marks above it were never closed */
                        can_open = false;
                        break;
                    }
                    if (j == lo)
                        break;
                }
                if (t->qrole == QR_CLOSE)
                    continue;
            }
            if (can_open) {
                open_mark *m = vec_push(&stack);
                if (m) {
                    m->tok = (uint32_t)k;
                    m->fam = fam;
                    m->para = (uint32_t)p;
                }
            }
        }
        if (stack.len == 0)
            continue;
        /* Paragraph end with marks still open. */
        open_mark *st = stack.data;
        open_mark bottom = st[0];
        stack.len = 0;
        size_t nx = p + 1;
        if (nx < an->nparas && an->paras[nx].tok_start < an->paras[nx].tok_end) {
            size_t f = an->paras[nx].tok_start;
            bool o, c;
            if (an->toks[f].kind == TK_QUOTE && classify(an, f, &o, &c) == bottom.fam && o &&
                strong(bottom.fam)) {
                an->toks[f].qrole = QR_INNER;
                open_mark *m = vec_push(&stack);
                if (m)
                    *m = bottom;
                /* skip the reopening mark itself: continue from the next
                 * paragraph's second token */
                an->toks[f].kind = TK_PUNCT;
                continue;
            }
        }
        if (strong(bottom.fam)) {
            quote *q = vec_push(&out);
            if (!q)
                break;
            q->open_tok = bottom.tok;
            q->close_tok = pa->tok_end; /* no closing mark */
            q->para_first = bottom.para;
            q->para_last = (uint32_t)p;
            q->recovered = true;
            q->open_cp = an->toks[bottom.tok].cp;
            set_content(an, q, pa->end);
            an->toks[bottom.tok].qrole = QR_OPEN;
        }
    }
    bool ok = !out.failed && !stack.failed;
    if (ok) {
        an->nquotes = out.len;
        an->quotes = arena_alloc(an->ar, (out.len + 1) * sizeof(quote));
        ok = an->quotes != NULL;
        if (ok && out.len) {
            memcpy(an->quotes, out.data, out.len * sizeof(quote));
            sort_by_open(an->quotes, an->nquotes);
        }
    }
    if (ok)
        ok = set_depths(an);
    vec_free(&out);
    vec_free(&stack);
    return ok;
}
