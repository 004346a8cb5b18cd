/*
 * search.h: `dixit search` (search.c): attributions found in a database
 * that `dixit index` wrote, as JSON lines or a table.
 */
#ifndef DIXIT_SEARCH_H
#define DIXIT_SEARCH_H

#include "store.h"

#include <getopt.h>

/* The long options `dixit search` and `dixit stats` share (getopt_long's
 * table entries), read by store_query_option but for --db (d),
 * --output-format (f) and --help (h), which each command reads. */
#define STORE_QUERY_OPTIONS                                                                                  \
    {"db", required_argument, NULL, 'd'}, {"speaker", required_argument, NULL, 's'},                         \
        {"outlet", required_argument, NULL, 'o'}, {"since", required_argument, NULL, 'S'},                   \
        {"until", required_argument, NULL, 'U'}, {"act", required_argument, NULL, 'a'},                      \
        {"type", required_argument, NULL, 't'}, {"lang", required_argument, NULL, 'l'},                      \
        {"gender", required_argument, NULL, 'g'}, {"min-confidence", required_argument, NULL, 'c'},          \
        {"limit", required_argument, NULL, 'n'}, {"output-format", required_argument, NULL, 'f'},            \
    {                                                                                                        \
        "help", no_argument, NULL, 'h'                                                                       \
    }

/* One filter option of `dixit search` and `dixit stats` into q, by its
 * getopt code (s speaker, o outlet, S since, U until, a act, t type, l
 * lang, g gender, c min-confidence, n limit): NULL when its value v is
 * right, else what is wrong with it. */
const char *store_query_option(store_query *q, int c, const char *v);

/* argv[0] is "search". The exit status: 0 (found or not), 1 when the
 * database cannot be read, 2 on a usage error. */
int search_main(int argc, char **argv);

#endif
