/*
 * gather.c: `dixit merge SHARD_OUT... [-o FILE]`. The outputs of the
 * shards of one `dixit shard` run, given in shard order, are checked and
 * then written one after the other: the bytes of `dixit extract` on the
 * whole input, since a shard's output is the whole run's for its
 * articles (ids, order, the CSV header in the first only).
 *
 * A shard output FILE is complete when FILE.done (written by `dixit
 * extract --shard` after the output is whole) says shard K of N and the
 * size FILE has. The N shards must all be there, 1 to N in order. Any
 * that is not (missing, no marker, another size, not ending with a
 * newline) is listed in one message and nothing is written: a merge is
 * whole or not made.
 */
#define _POSIX_C_SOURCE 200809L
#include "gather.h"
#include "output.h"
#include "shard.h"
#include "store_shard.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char gather_usage[] = "usage: dixit merge SHARD_OUT... [-o FILE]\n"
                                   "       dixit merge --db OUT.db SHARD.db...\n"
                                   "\n"
                                   "Joins the outputs of `dixit extract --shard` for every shard of one\n"
                                   "`dixit shard` run, given in shard order (OUT/shard-*.jsonl sorts so),\n"
                                   "into the output one `dixit extract` over the whole input writes:\n"
                                   "stdout, or FILE (replaced when the merge is whole). Each output must\n"
                                   "have its done marker (OUTPUT.done) and the size it names; a missing,\n"
                                   "failed or partial shard is listed and nothing is written (status 1).\n"
                                   "\n"
                                   "With --db, joins the SQLite databases of `dixit index --shard`, given\n"
                                   "in shard order, into OUT.db: the database one `dixit index` of the\n"
                                   "whole input writes, speakers linked and quotations grouped over the\n"
                                   "whole. Each must be a done shard of the same run; OUT.db is replaced\n"
                                   "when the merge is whole (docs/scale-out.md).\n";

/* why, holding the formatted reason: for check_one's returns. */
static const char *reason(char *why, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, size, fmt, ap);
    va_end(ap);
    return why;
}

/* What is wrong with shard output path, given as the i-th (0-based): NULL
 * when nothing, else a reason into why. *parts is the run's count of
 * shards, from the first marker read. */
static const char *check_one(const char *path, unsigned i, unsigned *parts, char *why, size_t size)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return reason(why, size, "%s", strerror(errno));
    char *done = shard_done_name(path);
    FILE *f = done ? fopen(done, "r") : NULL;
    free(done);
    if (!f)
        return "no done marker: failed, stopped or still running";
    unsigned k = 0, n = 0;
    unsigned long long bytes = 0;
    int got = fscanf(f, "dixit shard %u of %u: %llu bytes", &k, &n, &bytes);
    fclose(f);
    if (got != 3)
        return "its done marker does not read";
    if (*parts == 0)
        *parts = n;
    if (n != *parts || k != i + 1)
        return reason(why, size, "shard %u of %u, where shard %u of %u was due", k, n, i + 1, *parts);
    if ((unsigned long long)st.st_size != bytes)
        return reason(why, size, "%llu bytes where its marker says %llu: partial or overwritten",
                      (unsigned long long)st.st_size, bytes);
    char last = '\n';
    int fd = st.st_size ? open(path, O_RDONLY) : -1;
    if (fd >= 0 && pread(fd, &last, 1, st.st_size - 1) != 1)
        last = 0;
    if (fd >= 0)
        close(fd);
    return last == '\n' ? NULL : "does not end with a newline";
}

int gather_bad_add(gather_bad *b, const char *path, const char *why)
{
    size_t need = strlen(path) + strlen(why) + 8;
    if (b->len + need > b->cap) {
        size_t cap = 2 * (b->len + need);
        char *l = realloc(b->list, cap);
        if (!l) {
            free(b->list);
            b->list = NULL;
            return -1;
        }
        if (!b->list)
            l[0] = 0;
        b->list = l;
        b->cap = cap;
    }
    b->len += (size_t)snprintf(b->list + b->len, b->cap - b->len, "%s%s (%s)", b->n++ ? ", " : "", path, why);
    return 0;
}

int gather_verdict(gather_bad *b, int oom, unsigned n, unsigned parts, const char *what)
{
    if (oom)
        fputs("dixit: out of memory\n", stderr);
    else if (b->n)
        fprintf(stderr, "dixit: merge: %u of %u %s failed or incomplete, nothing written: %s\n", b->n, n,
                what, b->list);
    else if (parts != n)
        fprintf(stderr, "dixit: merge: %u %s given where the run has %u; nothing written\n", n, what, parts);
    free(b->list);
    return oom || b->n || parts != n ? 1 : 0;
}

/* Every output checked: 0, or 1 after the one message listing what is
 * wrong (missing shards at the end too). */
static int check_all(char **paths, unsigned n)
{
    gather_bad bad = {0};
    char why[256];
    unsigned parts = 0;
    int oom = 0;
    for (unsigned i = 0; i < n && !oom; i++) {
        const char *w = check_one(paths[i], i, &parts, why, sizeof why);
        oom = w && gather_bad_add(&bad, paths[i], w) != 0;
    }
    return gather_verdict(&bad, oom, n, parts, "shard outputs");
}

/* Copies path into o: 0, or -1 after a message. */
static int copy_one(output *o, const char *path)
{
    int fd = open(path, O_RDONLY);
    static char buf[1 << 16];
    ssize_t got = fd < 0 ? -1 : 0;
    while (fd >= 0 && (got = read(fd, buf, sizeof buf)) > 0)
        if (output_write(o, buf, (size_t)got) != 0)
            break;
    if (fd >= 0)
        close(fd);
    if (got < 0)
        fprintf(stderr, "dixit: %s: cannot read: %s\n", path, strerror(errno));
    return got == 0 ? 0 : -1;
}

int gather_main(int argc, char **argv)
{
    static const struct option longs[] = {{"output", required_argument, NULL, 'o'},
                                          {"db", required_argument, NULL, 'd'},
                                          {"help", no_argument, NULL, 'h'},
                                          {NULL, 0, NULL, 0}};
    const char *out_path = NULL, *db = NULL;
    int has_o = 0;
    opterr = 0;
    optind = 1;
    for (int code; (code = getopt_long(argc, argv, ":o:h", longs, NULL)) != -1;) {
        if (code == 'o') {
            out_path = strcmp(optarg, "-") == 0 ? NULL : optarg;
            has_o = 1;
        } else if (code == 'd')
            db = optarg;
        else if (code == 'h')
            return fputs(gather_usage, stdout) < 0 || fflush(stdout) ? 1 : 0;
        else {
            fprintf(stderr,
                    "dixit merge: unknown option, or an option without its value: %s\n"
                    "Try 'dixit merge --help'.\n",
                    argv[optind - 1]);
            return 2;
        }
    }
    unsigned n = (unsigned)(argc - optind);
    if (db && has_o) {
        fputs("dixit merge: --db writes the database it names; -o is for shard outputs\n"
              "Try 'dixit merge --help'.\n",
              stderr);
        return 2;
    }
    if (n == 0) {
        fputs(db ? "dixit merge: needs the shard databases, in shard order\nTry 'dixit merge --help'.\n"
                 : "dixit merge: needs the shard outputs, in shard order\nTry 'dixit merge --help'.\n",
              stderr);
        return 2;
    }
    if (db) /* databases: store_shard.c */
        return store_shard_merge(db, argv + optind, n);
    if (check_all(argv + optind, n) != 0)
        return 1;
    output o;
    char msg[512];
    if (out_path && output_open(&o, out_path, msg, sizeof msg) != 0) {
        fprintf(stderr, "dixit: %s: %s\n", out_path, msg);
        return 1;
    }
    if (!out_path)
        output_stdout(&o);
    int failed = 0;
    for (unsigned i = 0; i < n && !failed; i++)
        failed = copy_one(&o, argv[optind + (int)i]) != 0;
    if (output_close(&o, !failed) != 0) {
        fprintf(stderr, "dixit: %s: write error: %s\n", o.name, strerror(o.err));
        failed = 1;
    }
    return failed;
}
