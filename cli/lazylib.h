/*
 * lazylib.h: libpq and libmicrohttpd are loaded at their first call
 * (lazylib.c), so a command that uses neither starts without them.
 */
#ifndef DIXIT_LAZYLIB_H
#define DIXIT_LAZYLIB_H

/* Why libpq could not be loaded ("cannot load libpq.so.5: …"), or NULL
 * when it is. Loads it. */
const char *lazylib_pq_error(void);

#endif
