/*
 * lazylib.c: libpq and libmicrohttpd loaded when first used, not when
 * dixit starts.
 *
 * Linked at start, the two brought 30 other libraries (GnuTLS, OpenSSL,
 * Kerberos, LDAP, SASL…) whose symbols the dynamic loader resolves
 * before main: about 5.5 ms of the 8 ms every dixit process took to
 * start, half of a `dixit search` on a million attributions, for
 * commands that use neither (only a postgresql:// --db uses libpq, only
 * `dixit serve` libmicrohttpd). So dixit is not linked with them: this
 * file defines the functions of theirs that dixit calls, each calling
 * the library's own, found by dlopen and dlsym at the first call (under
 * pthread_once: serve's threads may be first together). The sonames are
 * those of Debian's libpq5 and libmicrohttpd12, the packages dixit is
 * built with. When a library cannot be loaded, its connect or start
 * function fails as it would without a server (PQstatus is then
 * CONNECTION_BAD, PQerrorMessage says which library and why;
 * MHD_start_daemon returns NULL), and nothing else is reachable.
 */
#define _POSIX_C_SOURCE 200809L
#include <dlfcn.h>
#include "lazylib.h"

#include <libpq-fe.h>
#include <microhttpd.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* A function of a library, cast to its type where it is called. */
typedef void (*fn_t)(void);

/* Looks each of names up in lib into fns (as many), all or none. */
static void *open_lib(const char *soname, const char *const *names, fn_t *fns, size_t n, char *why,
                      size_t cap)
{
    void *lib = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    for (size_t i = 0; lib && i < n; i++) {
        void *p = dlsym(lib, names[i]);
        memcpy(&fns[i], &p, sizeof p); /* (POSIX: the same representation) */
        if (!p) {
            snprintf(why, cap, "%s has no %s", soname, names[i]);
            dlclose(lib);
            memset(fns, 0, n * sizeof *fns);
            return NULL;
        }
    }
    if (!lib)
        snprintf(why, cap, "cannot load %s: %s", soname, dlerror());
    return lib;
}

/* ------------------------------------------------------------------ */
/* libpq */

enum {
    PQ_CONNECTDB,
    PQ_FINISH,
    PQ_STATUS,
    PQ_ERRORMESSAGE,
    PQ_RESET,
    PQ_SETCLIENTENCODING,
    PQ_PARAMETERSTATUS,
    PQ_TRANSACTIONSTATUS,
    PQ_EXEC,
    PQ_EXECPARAMS,
    PQ_SENDQUERYPARAMS,
    PQ_SETSINGLEROWMODE,
    PQ_GETRESULT,
    PQ_RESULTSTATUS,
    PQ_RESULTERRORFIELD,
    PQ_CLEAR,
    PQ_NTUPLES,
    PQ_NFIELDS,
    PQ_FTYPE,
    PQ_GETVALUE,
    PQ_GETISNULL,
    PQ_PUTCOPYDATA,
    PQ_PUTCOPYEND,
    PQ_PREPARE,
    PQ_SENDQUERY,
    PQ_SENDQUERYPREPARED,
    PQ_COUNT
};
static const char *const pq_names[PQ_COUNT] = {"PQconnectdb",
                                               "PQfinish",
                                               "PQstatus",
                                               "PQerrorMessage",
                                               "PQreset",
                                               "PQsetClientEncoding",
                                               "PQparameterStatus",
                                               "PQtransactionStatus",
                                               "PQexec",
                                               "PQexecParams",
                                               "PQsendQueryParams",
                                               "PQsetSingleRowMode",
                                               "PQgetResult",
                                               "PQresultStatus",
                                               "PQresultErrorField",
                                               "PQclear",
                                               "PQntuples",
                                               "PQnfields",
                                               "PQftype",
                                               "PQgetvalue",
                                               "PQgetisnull",
                                               "PQputCopyData",
                                               "PQputCopyEnd",
                                               "PQprepare",
                                               "PQsendQuery",
                                               "PQsendQueryPrepared"};
static fn_t pq[PQ_COUNT];
static char pq_why[300];
static pthread_once_t pq_once = PTHREAD_ONCE_INIT;

static void pq_load(void)
{
    open_lib("libpq.so.5", pq_names, pq, PQ_COUNT, pq_why, sizeof pq_why);
}

/* Function k of libpq, loaded at the first call; NULL when it cannot be. */
static fn_t pq_fn(int k)
{
    pthread_once(&pq_once, pq_load);
    return pq[k];
}

const char *lazylib_pq_error(void)
{
    return pq_fn(PQ_CONNECTDB) ? NULL : pq_why;
}

PGconn *PQconnectdb(const char *conninfo)
{
    return pq_fn(PQ_CONNECTDB) ? ((PGconn * (*)(const char *)) pq_fn(PQ_CONNECTDB))(conninfo) : NULL;
}

/* (with libpq not loaded, no connection exists: these see NULL) */
void PQfinish(PGconn *c)
{
    if (pq_fn(PQ_FINISH))
        ((void (*)(PGconn *))pq_fn(PQ_FINISH))(c);
}

ConnStatusType PQstatus(const PGconn *c)
{
    return pq_fn(PQ_STATUS) ? ((ConnStatusType(*)(const PGconn *))pq_fn(PQ_STATUS))(c) : CONNECTION_BAD;
}

char *PQerrorMessage(const PGconn *c)
{
    return pq_fn(PQ_ERRORMESSAGE) ? ((char *(*)(const PGconn *))pq_fn(PQ_ERRORMESSAGE))(c) : pq_why;
}

void PQreset(PGconn *c)
{
    ((void (*)(PGconn *))pq_fn(PQ_RESET))(c);
}

int PQsetClientEncoding(PGconn *c, const char *encoding)
{
    return ((int (*)(PGconn *, const char *))pq_fn(PQ_SETCLIENTENCODING))(c, encoding);
}

const char *PQparameterStatus(const PGconn *c, const char *name)
{
    return ((const char *(*)(const PGconn *, const char *))pq_fn(PQ_PARAMETERSTATUS))(c, name);
}

PGTransactionStatusType PQtransactionStatus(const PGconn *c)
{
    return ((PGTransactionStatusType(*)(const PGconn *))pq_fn(PQ_TRANSACTIONSTATUS))(c);
}

PGresult *PQexec(PGconn *c, const char *query)
{
    return ((PGresult * (*)(PGconn *, const char *)) pq_fn(PQ_EXEC))(c, query);
}

PGresult *PQexecParams(PGconn *c, const char *command, int n, const Oid *types, const char *const *values,
                       const int *lengths, const int *formats, int result_format)
{
    return ((PGresult * (*)(PGconn *, const char *, int, const Oid *, const char *const *, const int *,
                            const int *, int)) pq_fn(PQ_EXECPARAMS))(c, command, n, types, values, lengths,
                                                                     formats, result_format);
}

int PQsendQueryParams(PGconn *c, const char *command, int n, const Oid *types, const char *const *values,
                      const int *lengths, const int *formats, int result_format)
{
    return ((int (*)(PGconn *, const char *, int, const Oid *, const char *const *, const int *, const int *,
                     int))pq_fn(PQ_SENDQUERYPARAMS))(c, command, n, types, values, lengths, formats,
                                                     result_format);
}

int PQsetSingleRowMode(PGconn *c)
{
    return ((int (*)(PGconn *))pq_fn(PQ_SETSINGLEROWMODE))(c);
}

PGresult *PQgetResult(PGconn *c)
{
    return ((PGresult * (*)(PGconn *)) pq_fn(PQ_GETRESULT))(c);
}

ExecStatusType PQresultStatus(const PGresult *r)
{
    return ((ExecStatusType(*)(const PGresult *))pq_fn(PQ_RESULTSTATUS))(r);
}

char *PQresultErrorField(const PGresult *r, int code)
{
    return ((char *(*)(const PGresult *, int))pq_fn(PQ_RESULTERRORFIELD))(r, code);
}

void PQclear(PGresult *r)
{
    if (pq_fn(PQ_CLEAR))
        ((void (*)(PGresult *))pq_fn(PQ_CLEAR))(r);
}

int PQntuples(const PGresult *r)
{
    return ((int (*)(const PGresult *))pq_fn(PQ_NTUPLES))(r);
}

int PQnfields(const PGresult *r)
{
    return ((int (*)(const PGresult *))pq_fn(PQ_NFIELDS))(r);
}

Oid PQftype(const PGresult *r, int field)
{
    return ((Oid(*)(const PGresult *, int))pq_fn(PQ_FTYPE))(r, field);
}

char *PQgetvalue(const PGresult *r, int row, int field)
{
    return ((char *(*)(const PGresult *, int, int))pq_fn(PQ_GETVALUE))(r, row, field);
}

int PQgetisnull(const PGresult *r, int row, int field)
{
    return ((int (*)(const PGresult *, int, int))pq_fn(PQ_GETISNULL))(r, row, field);
}

int PQputCopyData(PGconn *c, const char *buffer, int n)
{
    return ((int (*)(PGconn *, const char *, int))pq_fn(PQ_PUTCOPYDATA))(c, buffer, n);
}

int PQputCopyEnd(PGconn *c, const char *errormsg)
{
    return ((int (*)(PGconn *, const char *))pq_fn(PQ_PUTCOPYEND))(c, errormsg);
}

/* (the three below for serve_pg.c's prepared statements) */
PGresult *PQprepare(PGconn *c, const char *name, const char *query, int n, const Oid *types)
{
    return ((PGresult * (*)(PGconn *, const char *, const char *, int, const Oid *))
                pq_fn(PQ_PREPARE))(c, name, query, n, types);
}

int PQsendQuery(PGconn *c, const char *query)
{
    return ((int (*)(PGconn *, const char *))pq_fn(PQ_SENDQUERY))(c, query);
}

int PQsendQueryPrepared(PGconn *c, const char *name, int n, const char *const *values, const int *lengths,
                        const int *formats, int result_format)
{
    return ((int (*)(PGconn *, const char *, int, const char *const *, const int *, const int *, int))pq_fn(
        PQ_SENDQUERYPREPARED))(c, name, n, values, lengths, formats, result_format);
}

/* ------------------------------------------------------------------ */
/* libmicrohttpd */

enum {
    MHD_START_VA,
    MHD_STOP,
    MHD_INFO,
    MHD_VALUE,
    MHD_QUEUE,
    MHD_FROM_BUFFER,
    MHD_HEADER,
    MHD_DESTROY,
    MHD_COUNT
};
static const char *const mhd_names[MHD_COUNT] = {"MHD_start_daemon_va",     "MHD_stop_daemon",
                                                 "MHD_get_daemon_info",     "MHD_lookup_connection_value",
                                                 "MHD_queue_response",      "MHD_create_response_from_buffer",
                                                 "MHD_add_response_header", "MHD_destroy_response"};
static fn_t mhd[MHD_COUNT];
static char mhd_why[300];
static pthread_once_t mhd_once = PTHREAD_ONCE_INIT;

static void mhd_load(void)
{
    if (!open_lib("libmicrohttpd.so.12", mhd_names, mhd, MHD_COUNT, mhd_why, sizeof mhd_why))
        fprintf(stderr, "dixit: %s\n", mhd_why);
}

/* Function k of libmicrohttpd, loaded at the first call; NULL when it
 * cannot be. */
static fn_t mhd_fn(int k)
{
    pthread_once(&mhd_once, mhd_load);
    return mhd[k];
}

struct MHD_Daemon *MHD_start_daemon(unsigned int flags, uint16_t port, MHD_AcceptPolicyCallback apc,
                                    void *apc_cls, MHD_AccessHandlerCallback dh, void *dh_cls, ...)
{
    if (!mhd_fn(MHD_START_VA))
        return NULL;
    va_list ap;
    va_start(ap, dh_cls);
    struct MHD_Daemon *d = ((struct MHD_Daemon * (*)(unsigned int, uint16_t, MHD_AcceptPolicyCallback, void *,
                                                     MHD_AccessHandlerCallback, void *, va_list))
                                mhd_fn(MHD_START_VA))(flags, port, apc, apc_cls, dh, dh_cls, ap);
    va_end(ap);
    return d;
}

void MHD_stop_daemon(struct MHD_Daemon *d)
{
    ((void (*)(struct MHD_Daemon *))mhd_fn(MHD_STOP))(d);
}

/* (the kinds dixit asks for take no further argument) */
const union MHD_DaemonInfo *MHD_get_daemon_info(struct MHD_Daemon *d, enum MHD_DaemonInfoType type, ...)
{
    return ((const union MHD_DaemonInfo *(*)(struct MHD_Daemon *, enum MHD_DaemonInfoType, ...))mhd_fn(
        MHD_INFO))(d, type);
}

const char *MHD_lookup_connection_value(struct MHD_Connection *c, enum MHD_ValueKind kind, const char *key)
{
    return ((const char *(*)(struct MHD_Connection *, enum MHD_ValueKind, const char *))mhd_fn(MHD_VALUE))(
        c, kind, key);
}

enum MHD_Result MHD_queue_response(struct MHD_Connection *c, unsigned int status, struct MHD_Response *r)
{
    return ((enum MHD_Result(*)(struct MHD_Connection *, unsigned int, struct MHD_Response *))mhd_fn(
        MHD_QUEUE))(c, status, r);
}

struct MHD_Response *MHD_create_response_from_buffer(size_t size, void *buffer,
                                                     enum MHD_ResponseMemoryMode mode)
{
    return ((struct MHD_Response * (*)(size_t, void *, enum MHD_ResponseMemoryMode))
                mhd_fn(MHD_FROM_BUFFER))(size, buffer, mode);
}

enum MHD_Result MHD_add_response_header(struct MHD_Response *r, const char *header, const char *content)
{
    return ((enum MHD_Result(*)(struct MHD_Response *, const char *, const char *))mhd_fn(MHD_HEADER))(
        r, header, content);
}

void MHD_destroy_response(struct MHD_Response *r)
{
    ((void (*)(struct MHD_Response *))mhd_fn(MHD_DESTROY))(r);
}
