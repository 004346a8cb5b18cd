/*
 * lang.h: French, English or undetermined, from function words (lang.c).
 * Takes a text and the lexicon; gives a LANG_* and, for the tokeniser,
 * the entries it looked up (lang_memo, the caller's storage).
 */
#ifndef DIXIT_LANG_H
#define DIXIT_LANG_H

#include "lexicon.h"

#include <stddef.h>
#include <stdint.h>

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

#endif
