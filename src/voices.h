/*
 * voices.h: the speakers that depend on what was said before them,
 * settled in text order once every rule has proposed (voices.c).
 */
#ifndef DIXIT_VOICES_H
#define DIXIT_VOICES_H

#include "alloc.h"
#include "analysis.h"
#include "mentions.h"

#include <stdbool.h>

/* Resolves the pronouns the rules left pending (speakers, addressees,
 * sources) in the order of the records, each speaker noted as soon as it
 * is known, so that "a-t-il ajouté" after "X a estimé que …" can mean X
 * whichever rule found X; then gives a quotation in the voice of the one
 * before it that voice. out's records must be in text order. False when
 * memory ran out. */
bool voices_settle(analysis *an, mention_table *mt, vec *out);

#endif
