/*
 * uncued.h: the quotations and sentences with quoted words that no rule
 * attributed and no cue explains (uncued.c), proposed once every rule has
 * run, in the voice the ranking model chooses (antecedent.c).
 */
#ifndef DIXIT_UNCUED_H
#define DIXIT_UNCUED_H

#include "alloc.h"
#include "analysis.h"
#include "mentions.h"

#include <stdbool.h>

/* Proposes the quotations no rule attributed that open a sentence, and
 * the sentences with quoted words and no cue, with the voice of the
 * record before them. out's records must be in text order; what this
 * adds comes after them. False when memory ran out. */
bool attribute_uncued(analysis *an, mention_table *mt, vec *out);

#endif
