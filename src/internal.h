/*
 * internal.h: every stage header at once, for a file not yet moved to
 * the headers it needs. Being removed.
 */
#ifndef DIXIT_INTERNAL_H
#define DIXIT_INTERNAL_H

#include "alloc.h"
#include "bytes.h"
#include "utf8.h"
#include "lexicon.h"
#include "lang.h"
#include "jsonl.h"
#include "analysis.h"
#include "segment.h"
#include "quotes.h"
#include "zones.h"
#include "cues.h"
#include "score.h"
#include "engine.h"
#include "mentions.h"
#include "phrase.h"
#include "attribute.h"
#include "reported.h"
#include "select.h"
#include "write.h"

#endif
