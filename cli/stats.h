/*
 * stats.h: `dixit stats` (stats.c): counts of attributions and of the
 * people quoted in a database `dixit index` wrote, by speaker, outlet,
 * month, gender, act or language, with the share of women among the
 * people quoted, as CSV or a table.
 */
#ifndef DIXIT_STATS_H
#define DIXIT_STATS_H

#include <stdbool.h>

/* A CSV field on stdout: quoted (its quotes doubled) when always, or
 * when it holds a comma, a quote or a line break (RFC 4180). */
void csv_field(const char *s, bool always);

/* argv[0] is "stats". The exit status: 0, 1 when the database cannot be
 * read, 2 on a usage error. */
int stats_main(int argc, char **argv);

#endif
