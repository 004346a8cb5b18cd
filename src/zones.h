/*
 * zones.h: captions, credits, headlines and boilerplate (zones.c), which
 * yield no attribution. Takes the paragraphs, tokens and token lists;
 * sets paragraph.zone. The phrase index is built once per engine, which
 * owns it.
 */
#ifndef DIXIT_ZONES_H
#define DIXIT_ZONES_H

#include "analysis.h"

#include <stdbool.h>
#include <stdint.h>

/* paragraph.zone */
enum { ZONE_BODY = 0, ZONE_HEADLINE, ZONE_CAPTION, ZONE_CREDIT, ZONE_BOILERPLATE };
#define HEADLINE_MAX 250 /* bytes of a text's first paragraph that may be its headline */
const char *zone_name(int z);

/* The phrase lists of data/boilerplate.tsv indexed by first byte, built
 * once per engine: ZL_* list, bit k of first[ZL][b] set when entry k
 * starts with byte b. */
enum { ZL_CAPTION_START, ZL_CAPTION_CREDIT, ZL_BOILER_START, ZL_CREDIT_START, ZL_COUNT };
#define ZL_MAX 64   /* entries per list */
#define ZL_LEN 32   /* bytes of an entry, and more */
#define ZL_HEADS 16 /* distinct first bytes a list may have for the fast scan */
typedef struct zone_index {
    uint64_t first[ZL_COUNT][256];
    uint64_t second[ZL_COUNT][256];        /* the same for the second byte (every
                                              byte, for an entry of one byte) */
    char phrase[ZL_COUNT][ZL_MAX][ZL_LEN]; /* entry k of each list */
    uint8_t len[ZL_COUNT][ZL_MAX];
    uint8_t count[ZL_COUNT];
    /* For the search anywhere in a paragraph (contains): each entry is
     * keyed on its rarest byte (its anchor, at offset aoff), not on its
     * first; bit k of anchor[ZL][b] set when entry k is keyed on b */
    uint64_t anchor[ZL_COUNT][256];
    uint8_t aoff[ZL_COUNT][ZL_MAX];
    /* the distinct anchors of each list, each repeated sixteen times
     * (a vector to compare sixteen text bytes with); nheads > ZL_HEADS:
     * too many, the scan goes byte by byte */
    uint8_t heads[ZL_COUNT][ZL_HEADS][16];
    uint8_t nheads[ZL_COUNT];
} zone_index;
/* Builds the index from data/boilerplate.tsv; false when the data is
 * malformed (a list name unknown, a list or a phrase too long). */
bool zones_index(zone_index *zi);

/* Marks each paragraph's zone, from the engine's index. */
void zones_mark(analysis *an, const zone_index *zi);

#endif
