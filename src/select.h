/*
 * select.h: the trained scorer over the proposed records (select.c):
 * each record's features, its score under the engine's weights, its
 * confidence; the records under the threshold dropped in place.
 */
#ifndef DIXIT_SELECT_H
#define DIXIT_SELECT_H

#include "analysis.h"
#include "dixit.h"
#include "score.h"

#include <stddef.h>

/* Where a record's features go: named ones ("rec.", the template and the
 * n parts joined: RT_RULE_LANG for "rule&lang=", then "tail", "&", "fr")
 * or closed ones by id (F_RC_*, score.h). */
typedef struct feat_sink {
    void (*named)(void *ctx, rec_tmpl t, const char *const *parts, size_t n);
    void (*id)(void *ctx, feat_id f);
    void *ctx;
} feat_sink;
/* Calls sink with each feature of record a ("rec.rule=tail"). */
void record_features(const analysis *an, const dixit_attribution *a, const feat_sink *sink);
/* The record's score (a logit) under the engine's weights. */
double record_score(const analysis *an, const dixit_attribution *a);
/* Marks the records nested in another's content, sets each record's
 * confidence from its score and drops those under the threshold, keeping
 * the order (none dropped with the trace on); scores nothing when the
 * weights hold no record model. The records come sorted by content start.
 * False when memory ran out. */
bool select_records(analysis *an, dixit_attribution *a, size_t *n);

#endif
