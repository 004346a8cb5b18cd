/*
 * engine.h: what one dixit_engine holds (dixit.c makes and frees it):
 * the lexicon, the zones' phrase index and the trained weights, read once
 * and shared, read-only, by every document extracted with it.
 */
#ifndef DIXIT_ENGINE_H
#define DIXIT_ENGINE_H

#include "dixit.h"
#include "lexicon.h"
#include "score.h"
#include "zones.h"

#include <stdbool.h>

struct dixit_engine {
    dixit_allocator alloc;
    lexicon *lx;
    zone_index zones;
    model model; /* score.c: the trained weights */
    bool trace;  /* dixit_engine_set_trace */
};

#endif
