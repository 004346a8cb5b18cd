/*
 * search.h: `dixit search` (search.c): attributions found in a database
 * that `dixit index` wrote, as JSON lines or a table.
 */
#ifndef DIXIT_SEARCH_H
#define DIXIT_SEARCH_H

/* argv[0] is "search". The exit status: 0 (found or not), 1 when the
 * database cannot be read, 2 on a usage error. */
int search_main(int argc, char **argv);

#endif
