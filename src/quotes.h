/*
 * quotes.h: quotation marks paired into quotes (quotes.c). Takes the
 * tokens (TK_QUOTE, an->quote_toks); sets each mark's token.qrole and
 * fills an->quotes, in the arena, in text order.
 */
#ifndef DIXIT_QUOTES_H
#define DIXIT_QUOTES_H

#include "analysis.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct quote {
    uint32_t open_tok, close_tok; /* close_tok == open_tok when recovered */
    uint32_t start, end;          /* content bytes, marks excluded */
    uint32_t para_first, para_last;
    uint8_t depth;  /* 0 = outermost */
    bool recovered; /* no closing mark: ends at paragraph */
    int32_t open_cp;
} quote;

/* False when memory ran out. */
bool quotes_pair(analysis *an);

#endif
