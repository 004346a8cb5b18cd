/*
 * serve_api.h: the JSON API of `dixit serve` (serve_api.c): the answer to
 * each /api/ path, from a pool of read-only connections to the database.
 * docs/serve.md gives the paths and the shapes of their answers.
 */
#ifndef DIXIT_SERVE_API_H
#define DIXIT_SERVE_API_H

#include <stddef.h>

typedef struct api api;

/* Opens n connections to the dixit database at path, each read-only
 * (SQLITE_OPEN_READONLY and PRAGMA query_only) and with a progress
 * handler that stops a statement running past ms milliseconds. NULL,
 * with one line on stderr saying why (not a database, not dixit's...),
 * when it cannot. Safe to share between threads: a request takes a
 * connection for its time, waiting when all n are taken. */
api *api_open(const char *path, int n, int ms);
/* Closes every connection; a no-op for NULL. No request may be running. */
void api_close(api *a);

/* Answers the request for path (which starts with "/api/", escapes not
 * decoded) with the query string qs[0..qn) (after the '?'): the HTTP
 * status (200, 400, 404, 408, 500 or 503), and a JSON body in *body
 * (malloc'd, *len bytes; the caller frees it), or NULL when memory ran
 * out. */
int api_answer(api *a, const char *path, const char *qs, size_t qn, char **body, size_t *len);

/* {"error": msg} (malloc'd, *len bytes), or NULL when memory ran out. */
char *api_error(const char *msg, size_t *len);

#endif
