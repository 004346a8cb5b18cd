/*
 * reported.h: mixed and indirect speech (reported.c and its rules,
 * rules_*.c and speaker.c, which share rules.h), after the direct
 * quotations, whose spans and cues it leaves alone: complement clauses,
 * tails, selon/according to, participles, addressee, source, channel.
 * Appends to the same vector as attribute.h.
 */
#ifndef DIXIT_REPORTED_H
#define DIXIT_REPORTED_H

#include "alloc.h"
#include "analysis.h"
#include "dixit.h"
#include "mentions.h"

#include <stdbool.h>
#include <stddef.h>

bool attribute_reported(analysis *an, mention_table *mt, vec *out);

#endif
