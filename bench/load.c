/*
 * load.c: a small HTTP load client for `make bench-serve` (bench/serve.sh).
 * CONNS threads each keep one connection to 127.0.0.1:PORT (HTTP/1.1,
 * kept alive, opened again when the server closes it) and take the next
 * path of the file in turn until N requests are done. A request that
 * does not come back as a 200 with its whole body is an error. Prints
 * the requests, errors, requests per second, and the p50, p99 and
 * largest latency.
 * usage: load PORT PATHS_FILE CONNS N
 */
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static char **paths;
static size_t npaths, total;
static int port;
static atomic_size_t next_req;
static double *latency; /* ms, per request */
static atomic_size_t errors;
static atomic_size_t statuses[600]; /* answers by HTTP status; [0]: no answer */

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int connect_once(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {0};
    a.sin_family = AF_INET;
    a.sin_port = htons((unsigned short)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (fd >= 0 && connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
        close(fd);
        fd = -1;
    }
    return fd;
}

/* One request on fd: 1 for a 200 with its whole body, 0 for another
 * status, -1 when the connection failed (*keep: may it carry another). */
static int request(int fd, const char *path, char *buf, size_t cap, int *keep)
{
    char req[8192];
    int n = snprintf(req, sizeof req, "GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", path);
    if (n <= 0 || (size_t)n >= sizeof req || write(fd, req, (size_t)n) != n)
        return -1;
    size_t got = 0;
    char *end = NULL;
    while (!end) { /* the headers */
        ssize_t r = read(fd, buf + got, cap - 1 - got);
        if (r <= 0)
            return -1;
        got += (size_t)r;
        buf[got] = 0;
        end = strstr(buf, "\r\n\r\n");
        if (!end && got >= cap - 1)
            return -1;
    }
    int status = atoi(buf + 9);
    atomic_fetch_add(&statuses[status > 0 && status < 600 ? status : 0], 1);
    const char *cl = strstr(buf, "Content-Length: ");
    size_t body = cl && cl < end ? strtoul(cl + 16, NULL, 10) : 0;
    *keep = !strstr(buf, "Connection: close");
    size_t have = got - (size_t)(end + 4 - buf);
    while (have < body) { /* the body, read and dropped */
        ssize_t r = read(fd, buf, cap);
        if (r <= 0)
            return -1;
        have += (size_t)r;
    }
    return status == 200;
}

static void *worker(void *arg)
{
    (void)arg;
    size_t cap = 1 << 20;
    char *buf = malloc(cap);
    int fd = -1;
    for (size_t i; buf && (i = atomic_fetch_add(&next_req, 1)) < total;) {
        if (fd < 0)
            fd = connect_once();
        int keep = 0;
        double t0 = now_ms();
        int ok = fd >= 0 ? request(fd, paths[i % npaths], buf, cap, &keep) : -1;
        latency[i] = now_ms() - t0;
        if (ok != 1)
            atomic_fetch_add(&errors, 1);
        if (ok < 0)
            atomic_fetch_add(&statuses[0], 1);
        if (ok < 0 || !keep) {
            if (fd >= 0)
                close(fd);
            fd = -1;
        }
    }
    if (fd >= 0)
        close(fd);
    free(buf);
    return NULL;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: load PORT PATHS_FILE CONNS N\n");
        return 2;
    }
    port = atoi(argv[1]);
    int conns = atoi(argv[3]);
    total = strtoul(argv[4], NULL, 10);
    FILE *f = fopen(argv[2], "r");
    char line[8192];
    size_t cap = 0;
    while (f && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = 0;
        if (npaths == cap && !(paths = realloc(paths, (cap = cap ? 2 * cap : 1024) * sizeof *paths)))
            return 1;
        paths[npaths++] = strdup(line);
    }
    if (!npaths || conns < 1 || conns > 1024 || !total || !(latency = calloc(total, sizeof *latency))) {
        fprintf(stderr, "load: no paths, or a bad count\n");
        return 2;
    }
    pthread_t *th = calloc((size_t)conns, sizeof *th);
    double t0 = now_ms();
    for (int i = 0; i < conns; i++)
        pthread_create(&th[i], NULL, worker, NULL);
    for (int i = 0; i < conns; i++)
        pthread_join(th[i], NULL);
    double secs = (now_ms() - t0) / 1e3;
    qsort(latency, total, sizeof *latency, by_value);
    printf("requests %zu, connections %d, errors %zu, %.2f s, %.0f requests/s, latency p50 %.1f ms, p99 %.1f "
           "ms, "
           "max %.1f ms\n",
           total, conns, (size_t)atomic_load(&errors), secs, (double)total / secs, latency[(total - 1) / 2],
           latency[(size_t)((double)(total - 1) * 0.99)], latency[total - 1]);
    for (int s = 0; s < 600; s++)
        if (s != 200 && atomic_load(&statuses[s]))
            printf("  %zu answered %d%s\n", (size_t)atomic_load(&statuses[s]), s,
                   s ? "" : " (no answer: the connection failed)");
    return atomic_load(&errors) ? 1 : 0;
}
