/*
 * stats.h: `dixit stats` (stats.c): counts of attributions and of the
 * people quoted in a database `dixit index` wrote, by speaker, outlet,
 * month, gender, act or language, with the share of women among the
 * people quoted, as CSV or a table.
 */
#ifndef DIXIT_STATS_H
#define DIXIT_STATS_H

/* argv[0] is "stats". The exit status: 0, 1 when the database cannot be
 * read, 2 on a usage error. */
int stats_main(int argc, char **argv);

#endif
