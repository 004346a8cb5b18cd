/*
 * extent.h: how far each kept record's cue runs in the text (extent.c).
 */
#ifndef DIXIT_EXTENT_H
#define DIXIT_EXTENT_H

#include "analysis.h"
#include "dixit.h"

#include <stddef.h>

/* Widens the cue spans of the n records a to the words that annotation
 * counts with the cue. */
void extent_cues(const analysis *an, dixit_attribution *a, size_t n);

#endif
