/*
 * shard_plan.c: the manifest of `dixit shard` read back, and the done
 * markers of shard outputs (shard.h; the contract is docs/scale-out.md).
 *
 * manifest.tsv: a first line "# dixit shard manifest: N parts", a header
 * line, then one row a piece, in the whole run's order:
 *   shard  file  bytes  articles  stem  line  offset
 * (line and offset "-" for a whole file read where it is). A file name
 * or stem holding a tab, a newline or a backslash has it escaped (\t, \n,
 * \r, \\). A done marker is one line, "dixit shard K of N: B bytes, R
 * records", B the size its output must have.
 */
#define _POSIX_C_SOURCE 200809L
#include "shard.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* s with \t \n \r \\ undone, in place. */
static void unescape(char *s)
{
    char *o = s;
    for (; *s; s++) {
        if (*s == '\\' && s[1]) {
            s++;
            *o++ = *s == 't' ? '\t' : *s == 'n' ? '\n' : *s == 'r' ? '\r' : *s;
        } else
            *o++ = *s;
    }
    *o = 0;
}

/* The shard number in a shard file's name (shard-0003.jsonl[.gz]), or 0. */
static unsigned shard_number(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    unsigned k = 0;
    int end = 0;
    if (sscanf(base, "shard-%u.jsonl%n", &k, &end) != 1 || end == 0)
        return 0;
    return strcmp(base + end, "") == 0 || strcmp(base + end, ".gz") == 0 ? k : 0;
}

/* DIR/manifest.tsv for DIR/shard-NNNN...; to free. */
static char *manifest_name(const char *shard_file)
{
    const char *slash = strrchr(shard_file, '/');
    int dirlen = slash ? (int)(slash - shard_file + 1) : 0;
    size_t n = (size_t)dirlen + sizeof "manifest.tsv";
    char *m = malloc(n);
    if (m)
        snprintf(m, n, "%.*smanifest.tsv", dirlen, shard_file);
    return m;
}

/* One row into pc: 1 when it is of shard k, 0 when of another, -1 when
 * it does not read. line is changed (cut at its tabs). */
static int parse_row(char *line, unsigned k, shard_piece *pc)
{
    char *f[7];
    int nf = 0;
    for (char *p = line; nf < 7; nf++) {
        f[nf] = p;
        p = strchr(p, '\t');
        if (!p) {
            nf++;
            break;
        }
        *p++ = 0;
    }
    char *end;
    unsigned long sh = strtoul(f[0], &end, 10);
    if (nf != 7 || *end || sh == 0)
        return -1;
    if (sh != k)
        return 0;
    memset(pc, 0, sizeof *pc);
    pc->whole = strcmp(f[5], "-") == 0;
    pc->bytes = strtoull(f[2], &end, 10);
    if (*end)
        return -1;
    if (!pc->whole) {
        pc->line = (size_t)strtoull(f[5], &end, 10);
        if (*end || pc->line == 0)
            return -1;
        pc->offset = (size_t)strtoull(f[6], &end, 10);
        if (*end)
            return -1;
    }
    unescape(f[1]);
    unescape(f[4]);
    pc->path = strdup(f[1]);
    pc->stem = strdup(f[4]);
    return 1;
}

/* Appends pc to p (which then owns its strings): 0, or -1 when memory
 * ran out (pc's strings freed). */
static int add_piece(shard_plan *p, shard_piece *pc)
{
    shard_piece *v = pc->path && pc->stem ? realloc(p->v, (p->n + 1) * sizeof *v) : NULL;
    if (!v) {
        free(pc->path);
        free(pc->stem);
        return -1;
    }
    p->v = v;
    p->v[p->n++] = *pc;
    return 0;
}

/* The rows of shard p->k from the open manifest f (named m). */
static int read_rows(shard_plan *p, FILE *f, const char *m, char *msg, size_t msgsize)
{
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    ssize_t len;
    int status = 0;
    p->id = 0xcbf29ce484222325ull;
    while ((len = getline(&line, &cap, f)) > 0) {
        lineno++;
        for (ssize_t i = 0; i < len; i++)
            p->id = (p->id ^ (unsigned char)line[i]) * 0x100000001b3ull;
        if (line[len - 1] == '\n')
            line[--len] = 0;
        if (lineno == 1 && sscanf(line, "# dixit shard manifest: %u parts", &p->parts) == 1)
            continue;
        if (lineno <= 2 && strncmp(line, "shard\t", 6) == 0)
            continue;
        shard_piece pc;
        int got = p->parts ? parse_row(line, p->k, &pc) : -1;
        if (got < 0)
            snprintf(msg, msgsize, "%s:%zu: not a row of a dixit shard manifest", m, lineno);
        else if (got > 0 && add_piece(p, &pc) != 0)
            snprintf(msg, msgsize, "out of memory");
        else
            continue;
        status = -1;
        break;
    }
    if (status == 0 && ferror(f)) {
        snprintf(msg, msgsize, "%s: read error: %s", m, strerror(errno));
        status = -1;
    }
    if (status == 0 && p->parts == 0) {
        snprintf(msg, msgsize, "%s: not a dixit shard manifest", m);
        status = -1;
    }
    free(line);
    return status;
}

int shard_plan_load(shard_plan *p, const char *shard_file, char *msg, size_t msgsize)
{
    memset(p, 0, sizeof *p);
    p->k = shard_number(shard_file);
    if (p->k == 0) {
        snprintf(msg, msgsize, "%s: --shard takes a shard file of dixit shard (DIR/shard-NNNN.jsonl[.gz])",
                 shard_file);
        return -1;
    }
    char *m = manifest_name(shard_file);
    FILE *f = m ? fopen(m, "r") : NULL;
    int status = -1;
    if (!m)
        snprintf(msg, msgsize, "out of memory");
    else if (!f)
        snprintf(msg, msgsize, "%s: cannot open: %s (the manifest of %s)", m, strerror(errno), shard_file);
    else
        status = read_rows(p, f, m, msg, msgsize);
    if (status == 0 && p->k > p->parts) {
        snprintf(msg, msgsize, "%s: shard %u of a manifest of %u parts", shard_file, p->k, p->parts);
        status = -1;
    }
    if (f)
        fclose(f);
    free(m);
    if (status)
        shard_plan_free(p);
    return status;
}

void shard_plan_free(shard_plan *p)
{
    for (size_t i = 0; i < p->n; i++) {
        free(p->v[i].path);
        free(p->v[i].stem);
    }
    free(p->v);
    p->v = NULL;
    p->n = 0;
}

char *shard_done_name(const char *path)
{
    size_t n = strlen(path) + sizeof ".done";
    char *d = malloc(n);
    if (d)
        snprintf(d, n, "%s.done", path);
    return d;
}

/* Writes text to path through a temporary file renamed onto it, so that
 * a marker is whole or absent. */
static int write_whole(const char *path, const char *text, char *msg, size_t msgsize)
{
    size_t n = strlen(path) + sizeof ".tmp";
    char *tmp = malloc(n);
    if (!tmp) {
        snprintf(msg, msgsize, "out of memory");
        return -1;
    }
    snprintf(tmp, n, "%s.tmp", path);
    FILE *f = fopen(tmp, "w");
    int ok = f && fputs(text, f) >= 0;
    ok = f && fclose(f) == 0 && ok;
    ok = ok && rename(tmp, path) == 0;
    if (!ok) {
        snprintf(msg, msgsize, "%s: cannot write: %s", path, strerror(errno));
        remove(tmp);
    }
    free(tmp);
    return ok ? 0 : -1;
}

int shard_mark_done(const char *path, const shard_plan *p, unsigned long long records, char *msg,
                    size_t msgsize)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        snprintf(msg, msgsize, "%s: %s", path, strerror(errno));
        return -1;
    }
    char line[160];
    snprintf(line, sizeof line, "dixit shard %u of %u: %llu bytes, %llu records\n", p->k, p->parts,
             (unsigned long long)st.st_size, records);
    char *done = shard_done_name(path);
    int status = done ? write_whole(done, line, msg, msgsize) : -1;
    if (!done)
        snprintf(msg, msgsize, "out of memory");
    free(done);
    return status;
}
