/*
 * shard.c: `dixit shard --parts N INPUT... --out DIR`, a run's inputs cut
 * into N shards that hold every article once, in the run's order.
 *
 * The inputs are walked as `dixit extract` walks them (walk.c) and each
 * is given the id base the whole run gives it (stems.c). A JSON Lines
 * input (compressed or not) is cut between lines: its lines are copied,
 * decompressed, into DIR/shard-NNNN.jsonl (gzipped with --compress), a
 * line going to the shard its first byte falls in when the run's bytes
 * are laid end to end and cut in N equal ranges. So a shard never splits
 * a line, a line longer than a shard leaves the next shards empty, and
 * blank or bad lines stay where they fall. Other inputs go whole to the
 * shard their start falls in, read later where they are. Two passes:
 * the first measures (a compressed input is read twice), the second
 * writes. DIR/manifest.tsv lists the pieces (shard_plan.c reads it).
 */
#define _POSIX_C_SOURCE 200809L
#include "shard.h"
#include "decode.h"
#include "dixit.h"
#include "source.h"
#include "stems.h"
#include "walk.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

/* One input of the run, in order. */
typedef struct unit {
    char *path;              /* as walked */
    char *stem;              /* its id base in the whole run */
    int cut;                 /* JSON Lines, cut between lines */
    unsigned long long size; /* cut: its bytes up to its last whole line; else its size on disk */
    const char *articles;    /* a whole file's count: "1", or "-" when not counted */
} unit;

/* The run: its options, inputs, and the shard being written. */
typedef struct cutter {
    unsigned parts;
    const char *dir;
    int gz, quiet, failed;
    struct stat dir_st; /* DIR, left out of a walk that meets it */
    unit *units;
    size_t nunits;
    stems stems;
    unsigned long long total, pos; /* the run's bytes; where the current unit starts */
    unsigned cur;                  /* the shard file open (0-based), once started */
    int started;
    FILE *f;
    gzFile z;
    FILE *manifest;
    /* the piece being written: a cut unit's lines in one shard */
    int open;
    size_t line, offset;
    unsigned long long bytes, articles;
} cutter;

static void say(cutter *c, const char *path, const char *msg)
{
    c->failed = 1;
    if (!c->quiet)
        fprintf(stderr, "dixit: %s: %s\n", path, msg);
}

/* TSV field: the bytes of s with tab, newline, CR and backslash escaped. */
static void put_field(FILE *f, const char *s)
{
    for (; *s; s++) {
        if (*s == '\t' || *s == '\n' || *s == '\r' || *s == '\\')
            fprintf(f, "\\%c", *s == '\t' ? 't' : *s == '\n' ? 'n' : *s == '\r' ? 'r' : '\\');
        else
            putc(*s, f);
    }
}

/* ---------------------------------------------------------------- pass 1 */

/* A cut unit's bytes up to its last newline (or to its end when it reads
 * whole), and whether its first line with something on it starts with
 * '<' (a web page named .jsonl: the reader refuses the stream at that
 * line, so it goes whole to say so once). -1 when it cannot be read at
 * all (not text: it goes whole, and its reading says why). */
static int measure(cutter *c, unit *u, source *src)
{
    static char buf[1 << 16];
    unsigned long long n = 0, last_nl = 0;
    int seen = 0, page = 0;
    long got;
    while ((got = source_read(src, buf, sizeof buf)) > 0) {
        for (long i = 0; i < got; i++) {
            if (buf[i] == '\n')
                last_nl = n + (unsigned long long)i + 1;
            else if (!seen && buf[i] != ' ' && buf[i] != '\t' && buf[i] != '\r') {
                seen = 1;
                page = buf[i] == '<';
            }
        }
        n += (unsigned long long)got;
    }
    if (got < 0 && source_not_text(src))
        return -1;
    if (got < 0) {
        /* the whole run reads the lines before the error, then says it */
        char msg[300];
        snprintf(msg, sizeof msg, "read error: %s; its lines up to byte %llu are sharded", source_error(src),
                 last_nl);
        say(c, u->path, msg);
        n = last_nl;
    }
    u->size = n;
    u->cut = !page;
    return 0;
}

/* The walk's file callback: an input, its id base, its size. */
static void add_unit(void *ctx, const char *path)
{
    cutter *c = ctx;
    if (strcmp(path, "-") == 0) {
        say(c, "-", "stdin cannot be sharded (save it to a file first); skipped");
        return;
    }
    source *src = source_open(path);
    if (!src) {
        char msg[256];
        snprintf(msg, sizeof msg, "cannot open: %s", strerror(errno ? errno : ENOMEM));
        say(c, path, msg);
        return;
    }
    int bad;
    char *name = decode_name(path, NAME_REPLACED, &bad);
    dixit_reader *rd = name ? dixit_reader_new(DIXIT_INPUT_TXT, name, 0, NULL, NULL, NULL, NULL) : NULL;
    unit *v = realloc(c->units, (c->nunits + 1) * sizeof *v);
    char buf[4096];
    const char *stem = NULL;
    if (v)
        c->units = v;
    if (!rd || !v || stems_unique(&c->stems, dixit_reader_stem(rd), name, buf, sizeof buf, &stem) != 0) {
        say(c, path, "out of memory");
    } else {
        unit *u = &c->units[c->nunits++];
        struct stat st;
        *u = (unit){strdup(path), strdup(stem ? stem : dixit_reader_stem(rd)), 0, 0, "-"};
        if (!path_is_jsonl(path) || measure(c, u, src) != 0)
            u->size = stat(path, &st) == 0 ? (unsigned long long)st.st_size : 0;
        if (!u->cut && (path_is_html(path) || (!path_is_json(path) && !path_is_warc(path))))
            u->articles = "1";
        c->total += u->size;
    }
    dixit_reader_free(rd);
    free(name);
    source_close(src);
}

static void walk_say(void *ctx, const char *path, const char *msg)
{
    say(ctx, path, msg);
}

/* The shard folder, when a walk meets it (it may sit among the inputs). */
static int walk_skip(void *ctx, const struct stat *st)
{
    const cutter *c = ctx;
    return st->st_dev == c->dir_st.st_dev && st->st_ino == c->dir_st.st_ino;
}

/* ---------------------------------------------------------------- pass 2 */

/* The shard (0-based) that byte g of the run falls in. */
static unsigned shard_of(const cutter *c, unsigned long long g)
{
    if (c->total == 0)
        return 0;
    unsigned k = (unsigned)((long double)g * c->parts / (long double)c->total);
    return k < c->parts ? k : c->parts - 1;
}

static void shard_path(const cutter *c, unsigned k, char *buf, size_t size)
{
    snprintf(buf, size, "%s/shard-%04u.jsonl%s", c->dir, k + 1, c->gz ? ".gz" : "");
}

/* Closes the shard file open, if any: 0, or -1 after a message. */
static int close_shard(cutter *c)
{
    int bad = 0;
    if (c->z)
        bad = gzclose(c->z) != Z_OK;
    else if (c->f)
        bad = fclose(c->f) != 0;
    c->z = NULL;
    c->f = NULL;
    if (bad) {
        char p[4096];
        shard_path(c, c->cur, p, sizeof p);
        say(c, p, "write error");
    }
    return bad ? -1 : 0;
}

/* Makes shard k the one written, creating the shards before it that
 * stay empty (k never goes back): 0, or -1 after a message. */
static int go_to_shard(cutter *c, unsigned k)
{
    while (!c->started || c->cur < k) {
        if (c->started && close_shard(c) != 0)
            return -1;
        c->cur = c->started ? c->cur + 1 : 0;
        c->started = 1;
        char p[4096];
        shard_path(c, c->cur, p, sizeof p);
        errno = 0;
        if (c->gz)
            c->z = gzopen(p, "wb1"); /* level 1: a shard is read once */
        else
            c->f = fopen(p, "wb");
        if (!c->z && !c->f) {
            char msg[256];
            snprintf(msg, sizeof msg, "cannot write: %s", strerror(errno ? errno : ENOMEM));
            say(c, p, msg);
            return -1;
        }
    }
    return 0;
}

static int put_bytes(cutter *c, const char *p, size_t n)
{
    if (n == 0)
        return 0;
    if (c->z ? gzwrite(c->z, p, (unsigned)n) != (int)n : fwrite(p, 1, n, c->f) != n) {
        char path[4096];
        shard_path(c, c->cur, path, sizeof path);
        say(c, path, "write error");
        return -1;
    }
    return 0;
}

/* One manifest row. */
static void put_row(cutter *c, const unit *u, unsigned long long bytes, const char *articles, size_t line,
                    size_t offset, int whole)
{
    fprintf(c->manifest, "%u\t", c->cur + 1);
    put_field(c->manifest, u->path);
    fprintf(c->manifest, "\t%llu\t%s\t", bytes, articles);
    put_field(c->manifest, u->stem);
    if (whole)
        fputs("\t-\t-\n", c->manifest);
    else
        fprintf(c->manifest, "\t%zu\t%zu\n", line, offset);
}

/* Ends the piece being written, with its row. */
static void end_piece(cutter *c, const unit *u)
{
    if (!c->open)
        return;
    char n[32];
    snprintf(n, sizeof n, "%llu", c->articles);
    put_row(c, u, c->bytes, n, c->line, c->offset, 0);
    c->open = 0;
}

/* A line of u starts at its byte off, line line: in a new piece when it
 * falls in another shard than the piece open. */
static int line_starts(cutter *c, const unit *u, size_t line, unsigned long long off)
{
    unsigned k = shard_of(c, c->pos + off);
    if (c->open && k == c->cur)
        return 0;
    end_piece(c, u);
    if (go_to_shard(c, k) != 0)
        return -1;
    c->open = 1;
    c->line = line;
    c->offset = (size_t)off;
    c->bytes = c->articles = 0;
    return 0;
}

/* A cut unit's lines, copied into the shards they fall in. */
static int cut_unit(cutter *c, const unit *u)
{
    static char buf[1 << 16];
    source *src = source_open(u->path);
    if (!src) {
        say(c, u->path, "cannot open again");
        return -1;
    }
    unsigned long long off = 0;
    size_t line = 1;
    int at_start = 1, seen = 0, status = 0;
    while (status == 0 && off < u->size) {
        long got = source_read(src, buf, sizeof buf);
        if (got <= 0) {
            say(c, u->path, "changed while it was sharded");
            status = -1;
            break;
        }
        size_t n = u->size - off < (unsigned long long)got ? (size_t)(u->size - off) : (size_t)got;
        for (size_t i = 0; i < n && status == 0;) {
            if (at_start && line_starts(c, u, line, off) != 0) {
                status = -1;
                break;
            }
            const char *nl = memchr(buf + i, '\n', n - i);
            size_t take = nl ? (size_t)(nl - (buf + i)) + 1 : n - i;
            for (size_t k = i; k < i + take && !seen; k++)
                seen = buf[k] != ' ' && buf[k] != '\t' && buf[k] != '\r' && buf[k] != '\n';
            status = put_bytes(c, buf + i, take);
            c->bytes += take;
            off += take;
            i += take;
            at_start = nl != NULL;
            if (nl) {
                c->articles += (unsigned long long)seen;
                seen = 0;
                line++;
            }
        }
    }
    c->articles += (unsigned long long)seen; /* a last line with no newline */
    end_piece(c, u);
    source_close(src);
    return status;
}

/* Every unit in order, then the shards no unit reached; the manifest
 * written to a temporary file renamed into place at the end. */
static int write_all(cutter *c)
{
    char tmp[4096], final[4096];
    snprintf(tmp, sizeof tmp, "%s/.manifest.tsv.tmp", c->dir);
    snprintf(final, sizeof final, "%s/manifest.tsv", c->dir);
    c->manifest = fopen(tmp, "w");
    if (!c->manifest) {
        say(c, tmp, strerror(errno));
        return -1;
    }
    fprintf(c->manifest,
            "# dixit shard manifest: %u parts\nshard\tfile\tbytes\tarticles\tstem\tline\toffset\n", c->parts);
    int status = 0;
    c->pos = 0;
    for (size_t i = 0; i < c->nunits && status == 0; i++) {
        const unit *u = &c->units[i];
        if (u->cut) {
            status = cut_unit(c, u);
        } else {
            status = go_to_shard(c, shard_of(c, c->pos));
            if (status == 0)
                put_row(c, u, u->size, u->articles, 0, 0, 1);
        }
        c->pos += u->size;
    }
    if (status == 0)
        status = go_to_shard(c, c->parts - 1);
    if (close_shard(c) != 0)
        status = -1;
    int bad = ferror(c->manifest) | (fclose(c->manifest) != 0);
    if (status == 0 && (bad || rename(tmp, final) != 0)) {
        say(c, final, "cannot write");
        status = -1;
    }
    if (status != 0)
        remove(tmp);
    return status;
}

/* ---------------------------------------------------------------- command line */

static const char shard_usage[] =
    "usage: dixit shard --parts N [--compress] [-L] [-q] INPUT... --out DIR\n"
    "\n"
    "Cuts the inputs into N shards that hold every article once, in the order\n"
    "`dixit extract INPUT...` reads them: JSON Lines files (compressed or not)\n"
    "between lines, into DIR/shard-0001.jsonl ... (decompressed; gzipped with\n"
    "--compress), other files whole (read later where they are). DIR/manifest.tsv\n"
    "lists each piece: shard, file, bytes, articles, id base, line, offset.\n"
    "Then, for each shard K (in any order, anywhere the inputs are at the same\n"
    "paths):\n"
    "  dixit extract --shard DIR/shard-K.jsonl -o OUT/shard-K.jsonl\n"
    "and `dixit merge OUT/shard-*.jsonl -o ALL.jsonl` gives the bytes of one\n"
    "`dixit extract INPUT...` (docs/scale-out.md).\n";

static int shard_error(const char *what, const char *arg)
{
    fprintf(stderr, "dixit shard: %s%s\nTry 'dixit shard --help'.\n", what, arg ? arg : "");
    return 2;
}

/* The options; inputs into ins. -1 to go on, else the exit status. */
static int parse(cutter *c, int argc, char **argv, const char **ins, size_t *nins, int *follow)
{
    static const struct option longs[] = {{"parts", required_argument, NULL, 'n'},
                                          {"out", required_argument, NULL, 'o'},
                                          {"compress", no_argument, NULL, 'z'},
                                          {"follow", no_argument, NULL, 'L'},
                                          {"quiet", no_argument, NULL, 'q'},
                                          {"help", no_argument, NULL, 'h'},
                                          {NULL, 0, NULL, 0}};
    opterr = 0;
    optind = 1;
    char *end;
    for (int code; (code = getopt_long(argc, argv, "-:n:o:zLqh", longs, NULL)) != -1;) {
        switch (code) {
        case 1: ins[(*nins)++] = optarg; break;
        case 'n':
            c->parts = (unsigned)strtoul(optarg, &end, 10);
            if (*end || optarg[0] == '-' || c->parts == 0 || c->parts > 99999)
                return shard_error("--parts needs a number from 1 to 99999", NULL);
            break;
        case 'o': c->dir = optarg; break;
        case 'z': c->gz = 1; break;
        case 'L': *follow = 1; break;
        case 'q': c->quiet = 1; break;
        case 'h': fputs(shard_usage, stdout); return ferror(stdout) || fflush(stdout) ? 1 : 0;
        default: return shard_error("unknown option, or an option without its value: ", argv[optind - 1]);
        }
    }
    while (optind < argc)
        ins[(*nins)++] = argv[optind++];
    if (!c->parts || !c->dir)
        return shard_error("needs --parts N and --out DIR", NULL);
    if (*nins == 0)
        return shard_error("needs inputs (files or folders)", NULL);
    return -1;
}

/* DIR, made when new. 0, or -1 after a message. */
static int make_dir(cutter *c)
{
    if (mkdir(c->dir, 0777) != 0 && errno != EEXIST) {
        char msg[256];
        snprintf(msg, sizeof msg, "cannot make the folder: %s", strerror(errno));
        say(c, c->dir, msg);
        return -1;
    }
    if (stat(c->dir, &c->dir_st) != 0 || !S_ISDIR(c->dir_st.st_mode)) {
        say(c, c->dir, "not a folder");
        return -1;
    }
    return 0;
}

int shard_main(int argc, char **argv)
{
    cutter c;
    memset(&c, 0, sizeof c);
    const char **ins = calloc((size_t)argc, sizeof *ins);
    size_t nins = 0;
    int follow = 0;
    if (!ins) {
        fputs("dixit: out of memory\n", stderr);
        return 1;
    }
    int status = parse(&c, argc, argv, ins, &nins, &follow);
    if (status < 0 && make_dir(&c) != 0)
        status = 1;
    if (status < 0) {
        walker w = {follow, c.quiet, add_unit, walk_say, walk_skip, NULL, NULL, &c, NULL, 0};
        for (size_t i = 0; i < nins; i++)
            walk_path(&w, ins[i]);
        status = write_all(&c) != 0 || c.failed ? 1 : 0;
    }
    for (size_t i = 0; i < c.nunits; i++) {
        free(c.units[i].path);
        free(c.units[i].stem);
    }
    free(c.units);
    stems_free(&c.stems);
    free(ins);
    return status;
}
