/*
 * entities.h: the HTML5 named character references libxml2's HTML parser
 * leaves as text, rewritten as numeric ones before the parse
 * (entities.c). The HTML reader's first step on a page's bytes.
 */
#ifndef DIXIT_ENTITIES_H
#define DIXIT_ENTITIES_H

#include "alloc.h"

#include <stdbool.h>
#include <stddef.h>

/* Reads data/entities.tsv; once, before any entities_rewrite (libxml2
 * initialised: it is asked which names it knows). */
void entities_init(void);

/* When the page s[0..n) holds a named reference libxml2 would not decode
 * (&check;, or &eacute without its ';' in text), *out is a copy of it
 * (alloc's, *out_len bytes, NUL after them) with each written as numeric
 * references (&#x2713;), which the parser decodes in any charset, and the
 * result is true. False when the page holds none, or memory ran out (the
 * page is then parsed as it is). */
bool entities_rewrite(const char *s, size_t n, const dixit_allocator *alloc, char **out, size_t *out_len);

#endif
