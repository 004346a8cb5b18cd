/*
 * output.c: the files records are written to.
 *
 * A regular file named by -o or --entities is written as a hidden
 * temporary file in the same folder (".NAME.XXXXXX", which a folder walk
 * passes over) and renamed onto NAME when the run ends: so the old file
 * stays whole, and readable as an input, until then, and a run that fails
 * to write leaves it as it was. Devices and FIFOs (-o /dev/null) are
 * written in place, as renaming onto them would replace them.
 *
 * Writes go through write(2), not stdio, with a buffer of whole records
 * of our own: the signal handlers (output_catch_stops) interrupt system calls (so
 * that a read of stdin stops), and stdio gives up on a write so
 * interrupted, where this code writes the rest.
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Bytes gathered before a write(2): as stdio's buffer, a few records. */
enum { FLUSH_AT = 64 * 1024 };

static void init(output *o, const char *name, int fd)
{
    memset(o, 0, sizeof *o);
    o->name = name;
    o->fd = fd;
}

void output_stdout(output *o)
{
    init(o, "stdout", 1);
    if (fstat(1, &o->st) != 0)
        memset(&o->st, 0, sizeof o->st);
}

/* The permissions a plain fopen(path, "w") would give a new file. */
static mode_t new_file_mode(void)
{
    mode_t mask = umask(0);
    umask(mask);
    return 0666 & ~mask;
}

/* "dir/.base.XXXXXX" for final = "dir/base": the template of mkstemp. */
static char *temp_template(const char *final)
{
    const char *slash = strrchr(final, '/');
    size_t dirlen = slash ? (size_t)(slash - final) + 1 : 0;
    const char *base = final + dirlen;
    size_t n = strlen(final) + sizeof "/..XXXXXX";
    char *t = malloc(n);
    if (t)
        snprintf(t, n, "%.*s.%s.XXXXXX", (int)dirlen, final, base);
    return t;
}

/* The path to rename onto: through a symbolic link to the file it names,
 * so that the link stays a link. */
static char *final_path(const char *path, int exists)
{
    struct stat lst;
    if (exists && lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode)) {
        char *real = realpath(path, NULL);
        if (real)
            return real;
    }
    return strdup(path);
}

static int open_in_place(output *o, const char *path, char *msg, size_t msgsize)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0666);
    if (fd < 0 || fstat(fd, &o->st) != 0) {
        snprintf(msg, msgsize, "cannot write: %s", strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    o->fd = fd;
    return 0;
}

int output_open(output *o, const char *path, char *msg, size_t msgsize)
{
    init(o, path, -1);
    o->has_old = stat(path, &o->old) == 0;
    if (o->has_old && !S_ISREG(o->old.st_mode))
        return open_in_place(o, path, msg, msgsize);
    o->final = final_path(path, o->has_old);
    o->tmp = o->final ? temp_template(o->final) : NULL;
    if (!o->tmp) {
        snprintf(msg, msgsize, "out of memory");
        free(o->final);
        errno = ENOMEM;
        return -1;
    }
    int fd = mkstemp(o->tmp);
    if (fd < 0) {
        int e = errno;
        snprintf(msg, msgsize, "cannot write: cannot make a temporary file beside it: %s", strerror(e));
        free(o->tmp);
        free(o->final);
        errno = e;
        return -1;
    }
    /* mkstemp makes it 0600: give it the old file's mode, or a new one's */
    fchmod(fd, o->has_old ? (o->old.st_mode & 07777) : new_file_mode());
    fstat(fd, &o->st);
    o->fd = fd;
    return 0;
}

/* Writes all n bytes, again after an interruption. */
static int write_all(output *o, const char *p, size_t n)
{
    while (n) {
        ssize_t k = write(o->fd, p, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0) {
            o->err = errno;
            return -1;
        }
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

int output_flush(output *o)
{
    if (o->err)
        return -1;
    size_t n = o->len;
    o->len = 0;
    return write_all(o, o->buf, n);
}

int output_write(output *o, const void *p, size_t n)
{
    if (o->err)
        return -1;
    if (n == 0)
        return 0; /* p may be NULL: a batch with no record */
    if (n > o->cap - o->len) {
        if (output_flush(o) != 0)
            return -1;
        if (n >= FLUSH_AT)
            return write_all(o, p, n); /* a large render: no copy */
        if (!o->buf) {
            o->buf = malloc(FLUSH_AT);
            if (!o->buf) {
                o->err = ENOMEM;
                return -1;
            }
            o->cap = FLUSH_AT;
        }
    }
    memcpy(o->buf + o->len, p, n);
    o->len += n;
    return 0;
}

int output_close(output *o, int keep)
{
    output_flush(o);
    if (o->fd > 1 && close(o->fd) != 0 && !o->err)
        o->err = errno;
    if (o->tmp) {
        if (keep && !o->err && rename(o->tmp, o->final) != 0)
            o->err = errno;
        if (!keep || o->err)
            unlink(o->tmp);
    }
    free(o->tmp);
    free(o->final);
    free(o->buf);
    o->tmp = o->final = o->buf = NULL;
    return o->err ? -1 : 0;
}

int output_is(const output *o, const struct stat *st)
{
    if (o->fd < 0)
        return 0;
    if (st->st_dev == o->st.st_dev && st->st_ino == o->st.st_ino)
        return 1;
    return o->has_old && st->st_dev == o->old.st_dev && st->st_ino == o->old.st_ino;
}

void output_catch_stops(void (*on)(int))
{
    const int sigs[] = {SIGINT, SIGTERM};
    for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++) {
        struct sigaction sa, old;
        if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            continue;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = SA_RESETHAND;
        sigaction(sigs[i], &sa, NULL);
    }
}
