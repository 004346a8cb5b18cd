/*
 * serve.h: `dixit serve` (serve.c): a database written by `dixit index`
 * in the browser, a page and a JSON API over HTTP (docs/serve.md).
 */
#ifndef DIXIT_SERVE_H
#define DIXIT_SERVE_H

/* argv[0] is "serve". Runs until SIGINT or SIGTERM. The exit status: 0
 * (stopped by a signal), 1 when the database cannot be read or the
 * address not listened on, 2 on a usage error. */
int serve_main(int argc, char **argv);

#endif
