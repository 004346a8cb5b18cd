/*
 * serve.c: `dixit serve --db FILE [--port N] [--bind ADDR] [--threads N]
 * [--quiet]`, the HTTP side: the options, the libmicrohttpd daemon and
 * its thread pool, the limits checked before anything else (method, body,
 * URL length), the routing (/api/ to serve_api.c, the rest to the page's
 * files built into the binary), the security headers of every answer,
 * and a clean stop on SIGINT or SIGTERM. docs/serve.md is the contract.
 */
#define _POSIX_C_SOURCE 200809L /* sigwait, clock_gettime */
#include "serve.h"
#include "assets.h"
#include "query.h"
#include "serve_api.h"
#include "store_pg.h"

#include <arpa/inet.h>
#include <getopt.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define SERVE_IDLE_S 30 /* an idle connection is closed after this */
#define SERVE_CONNECTIONS 512

static const char serve_usage[] = "usage: dixit serve --db FILE|URL [--port N] [--bind ADDR] [--threads N]\n"
                                  "                   [--query-time MS] [--quiet]\n"
                                  "Serves a database written by `dixit index` to the browser: a page to\n"
                                  "search and read it (built into dixit: it needs no network) and its\n"
                                  "JSON API (docs/serve.md). The database is opened read-only.\n"
                                  "  --db FILE|URL    the database (required): a SQLite file, or a\n"
                                  "                   postgresql:// URL\n"
                                  "  --port N         the TCP port (default 8080; 0: any free one, said on\n"
                                  "                   stderr)\n"
                                  "  --bind ADDR      the address to listen on (default 127.0.0.1: this\n"
                                  "                   machine only; 0.0.0.0 or :: for every network)\n"
                                  "  --threads N      threads answering requests, each with its own\n"
                                  "                   connection to the database (default 2, 4 for a\n"
                                  "                   PostgreSQL URL; 1 to 64)\n"
                                  "  --query-time MS  a request's processor time in the database, at most\n"
                                  "                   (default 2000; 4 times as long on the clock; past\n"
                                  "                   it the answer is a 408)\n"
                                  "  --quiet          no line per request on stderr\n"
                                  "Stops on SIGINT (Ctrl-C) or SIGTERM, with status 0.\n";

static const char csp[] = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                          "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/* What the daemon's callbacks share: set before it starts, read only. */
typedef struct server {
    api *api;
    bool quiet;
} server;

/* One request: its URI as it came (escapes not decoded), and what was
 * answered, for the log. */
typedef struct request {
    struct timespec start;
    int status;
    bool checked, answered, too_long;
    char method[8];
    char uri[]; /* QUERY_URL_MAX bytes at most; the first 120 when too long */
} request;

/* Called with the raw URI before MHD parses it: the request's record
 * (NULL when memory runs out: answered 503). */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *con)
{
    (void)cls;
    (void)con;
    size_t n = strlen(uri);
    bool too_long = n > QUERY_URL_MAX;
    if (too_long)
        n = 120;
    request *r = calloc(1, sizeof *r + n + 1);
    if (!r)
        return NULL;
    clock_gettime(CLOCK_MONOTONIC, &r->start);
    memcpy(r->uri, uri, n);
    r->too_long = too_long;
    return r;
}

/* The log line of a request (bytes that are not printable ASCII as '?',
 * so that a URI cannot write to the terminal), and its record freed. */
static void on_done(void *cls, struct MHD_Connection *con, void **req_cls,
                    enum MHD_RequestTerminationCode toe)
{
    const server *sv = cls;
    request *r = *req_cls;
    (void)con;
    (void)toe;
    if (r && !sv->quiet && r->answered) {
        char shown[121];
        size_t i = 0;
        for (; r->uri[i] && i < 120; i++)
            shown[i] = r->uri[i] > 0x20 && r->uri[i] < 0x7f ? r->uri[i] : '?';
        shown[i] = 0;
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        double ms =
            (double)(now.tv_sec - r->start.tv_sec) * 1e3 + (double)(now.tv_nsec - r->start.tv_nsec) / 1e6;
        fprintf(stderr, "%s %s%s %d %.1f ms\n", r->method, shown, r->too_long ? "..." : "", r->status, ms);
    }
    free(r);
    *req_cls = NULL;
}

/* The type of a file by its extension. */
static const char *content_type(const char *name)
{
    static const char *const types[][2] = {
        {".html", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".ico", "image/x-icon"},
        {".json", "application/json"},
        {".txt", "text/plain; charset=utf-8"},
        {".webmanifest", "application/manifest+json"},
    };
    const char *dot = strrchr(name, '.');
    for (size_t i = 0; dot && i < sizeof types / sizeof *types; i++)
        if (!strcasecmp(dot, types[i][0]))
            return types[i][1];
    return "application/octet-stream";
}

/* Queues the answer: body (len bytes; freed by MHD when owned, else
 * static) with the headers of every answer. */
static enum MHD_Result reply(struct MHD_Connection *con, request *r, int status, const char *body, size_t len,
                             bool owned, const char *type)
{
    /* MHD takes a void * even for bytes it only reads */
    struct MHD_Response *resp = MHD_create_response_from_buffer(
        len, (void *)(uintptr_t)body, owned ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
    if (!resp) {
        if (owned)
            free((void *)(uintptr_t)body);
        return MHD_NO;
    }
    bool json = !strcmp(type, "application/json");
    MHD_add_response_header(resp, "Content-Type", type);
    MHD_add_response_header(resp, "Content-Security-Policy", csp);
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    /* answers from the database change when it is indexed again */
    MHD_add_response_header(resp, "Cache-Control", json ? "no-store" : "no-cache");
    if (status == MHD_HTTP_METHOD_NOT_ALLOWED)
        MHD_add_response_header(resp, "Allow", "GET, HEAD");
    if (r)
        r->status = status;
    enum MHD_Result ok = MHD_queue_response(con, (unsigned)status, resp);
    MHD_destroy_response(resp);
    return ok;
}

static enum MHD_Result reply_error(struct MHD_Connection *con, request *r, int status, const char *msg)
{
    size_t len;
    char *body = api_error(msg, &len);
    if (!body)
        return MHD_NO;
    return reply(con, r, status, body, len, true, "application/json");
}

/* Does the request carry a body (which no path here takes)? */
static bool has_body(struct MHD_Connection *con)
{
    const char *cl = MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Content-Length");
    const char *te = MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Transfer-Encoding");
    return te || (cl && strspn(cl, "0") != strlen(cl));
}

/* A file of the page: "/" is index.html, "/NAME" the file NAME of web/,
 * looked up in the table built into dixit (so "..", escapes and slashes
 * name nothing), anything else 404. */
static enum MHD_Result reply_asset(struct MHD_Connection *con, request *r, const char *path)
{
    const char *name = !strcmp(path, "/") ? "index.html" : path[0] ? path + 1 : "";
    for (size_t i = 0; name[0] && i < web_files_count; i++)
        if (!strcmp(web_files[i].name, name))
            return reply(con, r, MHD_HTTP_OK, web_files[i].data, web_files[i].len, false,
                         content_type(web_files[i].name));
    return reply_error(con, r, MHD_HTTP_NOT_FOUND, "no such path");
}

/* The path of the raw URI (up to its '?', at most QUERY_URL_MAX bytes):
 * a path of letters, digits and / . _ - only, else "" (answered 404:
 * no path here needs an escape). */
static void path_of(const char *uri, char *path)
{
    size_t n = strcspn(uri, "?#");
    bool plain = uri[0] == '/' &&
                 strspn(uri, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-") >= n;
    memcpy(path, uri, plain ? n : 0);
    path[plain ? n : 0] = 0;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *con, const char *url, const char *method,
                                  const char *version, const char *upload, size_t *upload_size,
                                  void **req_cls)
{
    const server *sv = cls;
    request *r = *req_cls;
    (void)url; /* decoded by MHD: the raw URI in r is what is routed */
    (void)version;
    (void)upload;
    if (r && r->answered) { /* the body of a request already refused */
        *upload_size = 0;
        return MHD_YES;
    }
    if (!r)
        return reply_error(con, NULL, MHD_HTTP_SERVICE_UNAVAILABLE, "out of memory");
    if (!r->checked) {
        /* the first call, with the headers: what is refused is refused
         * now (MHD then closes the connection, the body unread); the
         * rest is answered at the next call, so that the connection can
         * carry another request */
        r->checked = true;
        snprintf(r->method, sizeof r->method, "%s", method);
        r->answered = true;
        if (strcmp(method, "GET") && strcmp(method, "HEAD"))
            return reply_error(con, r, MHD_HTTP_METHOD_NOT_ALLOWED, "only GET and HEAD are answered here");
        if (has_body(con))
            return reply_error(con, r, MHD_HTTP_CONTENT_TOO_LARGE, "a request here has no body");
        if (r->too_long)
            return reply_error(con, r, MHD_HTTP_URI_TOO_LONG, "the URL is too long (4096 bytes at most)");
        r->answered = false;
        return MHD_YES;
    }
    r->answered = true;
    char path[QUERY_URL_MAX + 1];
    path_of(r->uri, path);
    if (strncmp(path, "/api/", 5))
        return reply_asset(con, r, path);
    const char *qs = strchr(r->uri, '?');
    qs = qs ? qs + 1 : "";
    char *body;
    size_t len;
    int status = api_answer(sv->api, path, qs, strcspn(qs, "#"), &body, &len);
    if (!body)
        return reply_error(con, r, MHD_HTTP_SERVICE_UNAVAILABLE, "out of memory");
    return reply(con, r, status, body, len, true, "application/json");
}

/* ------------------------------------------------------------------ */
/* The command */

typedef struct serve_opts {
    const char *db, *bind;
    long port, threads, query_ms;
    bool quiet;
} serve_opts;

static int serve_error(const char *what)
{
    fprintf(stderr, "dixit serve: %s\nTry 'dixit serve --help'.\n", what);
    return 2;
}

/* The command line into o: -1 when it is right, else the exit status. */
static int read_options(int argc, char **argv, serve_opts *o)
{
    static const struct option longs[] = {
        {"db", required_argument, NULL, 'd'},   {"port", required_argument, NULL, 'p'},
        {"bind", required_argument, NULL, 'b'}, {"threads", required_argument, NULL, 't'},
        {"quiet", no_argument, NULL, 'q'},      {"query-time", required_argument, NULL, 'm'},
        {"help", no_argument, NULL, 'h'},       {NULL, 0, NULL, 0}};
    *o = (serve_opts){NULL, "127.0.0.1", 8080, 0, 2000, false};
    opterr = 0;
    optind = 1;
    for (int c; (c = getopt_long(argc, argv, "+:qh", longs, NULL)) != -1;) {
        char *end = NULL;
        if (c == 'd')
            o->db = optarg;
        else if (c == 'b')
            o->bind = optarg;
        else if (c == 'q')
            o->quiet = true;
        else if (c == 'h')
            return fputs(serve_usage, stdout) < 0;
        else if (c == 'p' &&
                 ((o->port = strtol(optarg, &end, 10)) < 0 || o->port > 65535 || end == optarg || *end))
            return serve_error("--port takes a number from 0 to 65535");
        else if (c == 't' &&
                 ((o->threads = strtol(optarg, &end, 10)) < 1 || o->threads > 64 || end == optarg || *end))
            return serve_error("--threads takes a number from 1 to 64");
        else if (c == 'm' && ((o->query_ms = strtol(optarg, &end, 10)) < 1 || o->query_ms > 600000 ||
                              end == optarg || *end))
            return serve_error("--query-time takes milliseconds, from 1 to 600000");
        else if (c == '?' || c == ':')
            return serve_error("unknown option, or an option without its value");
    }
    if (optind < argc)
        return serve_error("no words here (the database is --db FILE)");
    if (!o->db)
        return serve_error("--db FILE is required");
    /* A thread on PostgreSQL waits while the server runs its statement
     * (on SQLite it runs it): twice the threads keep the cores as busy
     * (983 articles, bench/serve.sh's mix: 189 requests/s with 2, 272
     * with 4; SQLite 285 with 2, in the same minute). */
    if (!o->threads)
        o->threads = store_pg_url(o->db) ? 4 : 2;
    return -1;
}

/* The address to listen on, from --bind (numeric IPv4 or IPv6); false
 * when it is neither. */
static bool listen_address(const serve_opts *o, struct sockaddr_storage *sa, bool *v6)
{
    memset(sa, 0, sizeof *sa);
    struct sockaddr_in *in4 = (struct sockaddr_in *)sa;
    struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)sa;
    if (inet_pton(AF_INET, o->bind, &in4->sin_addr) == 1) {
        in4->sin_family = AF_INET;
        in4->sin_port = htons((uint16_t)o->port);
        *v6 = false;
        return true;
    }
    if (inet_pton(AF_INET6, o->bind, &in6->sin6_addr) == 1) {
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons((uint16_t)o->port);
        *v6 = true;
        return true;
    }
    return false;
}

int serve_main(int argc, char **argv)
{
    serve_opts o;
    int st = read_options(argc, argv, &o);
    if (st >= 0)
        return st;
    struct sockaddr_storage sa;
    bool v6;
    if (!listen_address(&o, &sa, &v6))
        return serve_error("--bind takes an IPv4 or IPv6 address (127.0.0.1, ::1, 0.0.0.0)");
    server sv = {api_open(o.db, (int)o.threads, (int)o.query_ms), o.quiet};
    if (!sv.api)
        return 1;
    /* SIGINT and SIGTERM are taken by sigwait below: blocked here, before
     * the daemon's threads start, so that they inherit the mask */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN); /* a client gone mid-answer is no reason to die */
    struct MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_AUTO_INTERNAL_THREAD | (v6 ? MHD_USE_IPv6 : 0) | (o.quiet ? 0 : MHD_USE_ERROR_LOG),
        (uint16_t)o.port, NULL, NULL, on_request, &sv, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned)o.threads, MHD_OPTION_URI_LOG_CALLBACK, on_uri, &sv,
        MHD_OPTION_NOTIFY_COMPLETED, on_done, &sv, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)SERVE_IDLE_S,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)SERVE_CONNECTIONS, MHD_OPTION_END);
    if (!d) {
        fprintf(stderr, "dixit: cannot listen on %s port %ld (in use, or not an address of this machine)\n",
                o.bind, o.port);
        api_close(sv.api);
        return 1;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    char shown[512]; /* (a PostgreSQL URL without its password) */
    if (store_pg_url(o.db))
        store_pg_redact(o.db, shown, sizeof shown);
    else
        snprintf(shown, sizeof shown, "%s", o.db);
    fprintf(stderr, "dixit serve: http://%s%s%s:%u/ (%s; Ctrl-C stops)\n", v6 ? "[" : "", o.bind,
            v6 ? "]" : "", info ? info->port : (unsigned)o.port, shown);
    int sig = 0;
    sigwait(&stop, &sig);
    MHD_stop_daemon(d);
    api_close(sv.api);
    if (!o.quiet)
        fprintf(stderr, "dixit serve: stopped by %s\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
    return 0;
}
