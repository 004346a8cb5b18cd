/*
 * export.h: `dixit export` (export.c): the quotations of a database
 * `dixit index` wrote, merged across articles, in Quotebank's fields.
 */
#ifndef DIXIT_EXPORT_H
#define DIXIT_EXPORT_H

/* argv[0] is "export". The exit status: 0, 1 when the database cannot be
 * read, 2 on a usage error. */
int export_main(int argc, char **argv);

#endif
