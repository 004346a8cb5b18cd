/*
 * main.c: the dixit command-line tool, a thin layer over libdixit.
 *
 * It walks the inputs (files, folders recursively in sorted order: walk.c;
 * stdin), or the pieces of one shard of `dixit shard` (--shard), picks a
 * reader by extension (.txt, .jsonl/.ndjson, compressed or not:
 * source.c tells gzip and zstd by their first bytes), feeds the
 * bytes in chunks, and writes each document's records as they come
 * (options.c reads the command line). Exit status: 0 all read, 1 some input could not be read or written, 2 usage,
 * 128 + N stopped by signal N (SIGINT, SIGTERM).
 */
#define _POSIX_C_SOURCE 200809L
#include "decode.h"
#include "dixit.h"
#include "intake.h"
#include "options.h"
#include "output.h"
#include "pool.h"
#include "progress.h"
#include "export.h"
#include "search.h"
#include "shard.h"
#include "serve.h"
#include "stats.h"
#include "source.h"
#include "stems.h"
#include "store.h"
#include "store_rows.h"
#include "walk.h"
#include "gather.h"

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The number of the SIGINT or SIGTERM that asked the run to stop, or 0.
 * Process-wide, as a signal is: the one such variable of the tool. */
static volatile sig_atomic_t stop_signal;

static void on_stop_signal(int sig)
{
    stop_signal = sig;
}

/* Catches SIGINT and SIGTERM (output_catch_stops): reading stops, what
 * was read is written out in whole records, and the run ends with 128 +
 * the signal's number. No SA_RESTART there, so that a read of a quiet
 * pipe or terminal is interrupted (source_stop_on). */
static void catch_stop_signals(void)
{
    output_catch_stops(on_stop_signal);
}

typedef struct run {
    const options *opt;
    dixit_engine *eng;
    output out;
    int failed;
    int out_failed;
    unsigned long long docs, records; /* written, for the last line */
    unsigned long long skipped[SKIP_REASONS]; /* inputs skipped, by reason */
    const char *cur_name;
    const char *cur_stem; /* its id base when not the reader's own, or NULL */
    stems stems;          /* the id bases given out (stems.h) */
    const shard_piece *piece; /* --shard: the manifest's row being read, or NULL */
    int shard_failed;     /* --shard: the shard file could not be read whole */
    output entities; /* --entities FILE */
    int has_entities;
    walker walk;    /* what a folder named on the command line holds */
    pool *pool;     /* with -j > 1, and always for dixit index */
    progress prog;  /* on stderr when it is a terminal */
    store *db;      /* dixit index: where the batches go */
} run;

static void on_error(void *ctx, const dixit_error *e)
{
    run *r = ctx;
    r->failed = 1;
    r->skipped[e->status]++;
    if (r->opt->quiet)
        return;
    if (e->line)
        fprintf(stderr, "dixit: %s:%zu: %s\n", e->name, e->line, e->message);
    else
        fprintf(stderr, "dixit: %s: %s\n", e->name, e->message);
}

/* Whether reading should stop: the output is gone, or a signal came. */
static int stopping(const run *r)
{
    return r->out_failed || stop_signal;
}

/* Writes one batch's output (pool threads, in input order). */
static void on_pool_out(void *ctx, const pool_out *o)
{
    run *r = ctx;
    if (o->failed)
        r->failed = 1;
    if (o->errors_len)
        fwrite(o->errors, 1, o->errors_len, stderr);
    progress_docs(&r->prog, o->docs, o->records_count);
    for (int k = 0; k < SKIP_REASONS; k++)
        r->skipped[k] += o->skipped[k];
    r->docs += o->docs;
    r->records += o->records_count;
    if (r->db) { /* dixit index: the batch's articles, then its records */
        char msg[1024];
        int rc = r->out_failed ? 0
                 : o->prepared ? store_batch_rows(r->db, o->prepared, o->prepared_len, !r->opt->no_text, msg,
                                                  sizeof msg)
                               : store_batch(r->db, o->entities, o->entities_len, o->records, o->records_len,
                                             !r->opt->no_text, msg, sizeof msg);
        if (rc != 0) {
            fprintf(stderr, "dixit: %s\n", msg);
            r->failed = 1;
            r->out_failed = 1; /* stops the run: what was stored stays */
        }
        return;
    }
    if (output_write(&r->out, o->records, o->records_len) != 0)
        r->out_failed = 1;
    if (r->has_entities && output_write(&r->entities, o->entities, o->entities_len) != 0)
        r->out_failed = 1;
}

/* With a pool, the reader only splits: lines go to the workers raw. */
static int on_line(void *ctx, const char *line, size_t n, size_t lineno, size_t offset)
{
    run *r = ctx;
    if (stopping(r))
        return 1;
    pool_line(r->pool, r->cur_name, r->cur_stem, line, n, lineno, offset);
    return 0;
}

/* With a pool, the reader's own messages (a line over the limit, a bad
 * .txt file) queue behind the documents before them. */
static void on_pool_error(void *ctx, const dixit_error *e)
{
    run *r = ctx;
    char msg[1024];
    r->skipped[e->status]++;
    if (r->opt->quiet)
        msg[0] = 0;
    else if (e->line)
        snprintf(msg, sizeof msg, "dixit: %s:%zu: %s\n", e->name, e->line, e->message);
    else
        snprintf(msg, sizeof msg, "dixit: %s: %s\n", e->name, e->message);
    pool_error(r->pool, r->cur_name, msg);
}

/* Before a message of the reading thread's own: everything read before it
 * is written first, so messages stay in input order. */
static void settle(run *r)
{
    if (r->pool)
        pool_drain(r->pool);
}

static int write_out(void *ctx, const char *p, size_t n)
{
    return output_write(ctx, p, n);
}

/* One more document extracted, with records written. */
static void count_doc(run *r, size_t records)
{
    progress_doc(&r->prog, records);
    r->docs++;
    r->records += records;
}

static int on_doc(void *ctx, const dixit_doc *doc)
{
    run *r = ctx;
    dixit_doc d = *doc;
    if (stopping(r))
        return 1; /* stop reading */
    if (r->pool) {
        pool_doc(r->pool, r->cur_name, &d);
        return 0;
    }
    if (r->opt->lang)
        d.lang = r->opt->lang;
    dixit_result *res = NULL;
    dixit_status st = dixit_extract(r->eng, &d, &res);
    if (st != DIXIT_OK) {
        r->failed = 1;
        r->skipped[st]++;
        if (!r->opt->quiet)
            fprintf(stderr, "dixit: %s: document %s: %s\n", r->cur_name, d.id ? d.id : "?", dixit_status_str(st));
        return 0;
    }
    const char *text;
    size_t len, kept = 0;
    st = dixit_render(res, &d, r->opt->fmt, &text, &len);
    if (st == DIXIT_OK)
        kept = filter_records(&r->opt->filt, res, &d, r->opt->fmt, text, len, write_out, &r->out);
    if (kept == (size_t)-1)
        r->out_failed = 1;
    else if (st == DIXIT_OK)
        count_doc(r, kept);
    if (st == DIXIT_OK && r->has_entities) {
        st = dixit_render(res, &d, DIXIT_FORMAT_ENTITIES, &text, &len);
        if (st == DIXIT_OK && output_write(&r->entities, text, len) != 0)
            r->out_failed = 1;
    }
    if (st != DIXIT_OK) {
        r->failed = 1;
        r->skipped[st]++;
        if (!r->opt->quiet)
            fprintf(stderr, "dixit: %s: document %s: %s\n", r->cur_name, d.id ? d.id : "?", dixit_status_str(st));
    }
    dixit_result_free(res);
    return 0;
}

/* A message about one input, after what was read before it (none with
 * -q); the run's status becomes 1, and the input counts as skipped for
 * the reason st. */
static void complain_as(run *r, const char *path, const char *what, dixit_status st)
{
    settle(r);
    if (!r->opt->quiet)
        fprintf(stderr, "dixit: %s: %s\n", path, what);
    r->failed = 1;
    r->skipped[st]++;
}

/* The same for an input that could not be read. */
static void complain(run *r, const char *path, const char *what)
{
    complain_as(r, path, what, DIXIT_EIO);
}

/* An article read as Windows-1252 by guess: said once, not a failure. */
static void warn_guess(void *ctx, const char *msg)
{
    run *r = ctx;
    if (r->opt->quiet)
        return;
    settle(r);
    fprintf(stderr, "dixit: %s: %s\n", r->cur_name, msg);
}

/* The id base of stream name, read by rd: the one a shard's row gives
 * (the whole run's), else one unique in the run (stems.h), in buf. *out
 * is NULL for the reader's own. 0, or -1 when memory runs out. */
static int pick_stem(run *r, dixit_reader *rd, const char *name, char *buf, size_t size, const char **out)
{
    if (r->piece) {
        *out = r->piece->stem;
        return 0;
    }
    return stems_unique(&r->stems, dixit_reader_stem(rd), name, buf, size, out);
}

/* A reader for stream name, with its id base (and r->cur_stem set for the
 * pool); a piece of a shard starts where it starts in its file. NULL
 * when memory runs out. */
static dixit_reader *new_reader(run *r, dixit_input kind, const char *name, dixit_error_fn on_err, char *buf,
                                size_t size)
{
    dixit_reader *rd = dixit_reader_new(kind, name, r->opt->max_doc, NULL, on_doc, on_err, r);
    if (rd && r->opt->fmt == DIXIT_FORMAT_SEGMENTS)
        dixit_reader_set_notes(rd, 1); /* --show segments says what a page's extraction dropped */
    const char *stem = NULL;
    const shard_piece *pc = r->piece;
    if (rd && (pick_stem(r, rd, name, buf, size, &stem) != 0 ||
               (stem && dixit_reader_set_stem(rd, stem) != DIXIT_OK) ||
               (pc && !pc->whole && dixit_reader_set_origin(rd, pc->line, pc->offset) != DIXIT_OK))) {
        dixit_reader_free(rd);
        rd = NULL;
    }
    r->cur_stem = stem;
    return rd;
}

/* guess: a .txt stream that is not UTF-8 is read as Windows-1252 (not a
 * web page, whose reader reads the charset it declares) */
static void read_stream(run *r, const char *name, source *src, dixit_input kind, int guess)
{
    r->cur_name = name;
    char stem[4096];
    dixit_reader *rd = new_reader(r, kind, name, r->pool ? on_pool_error : on_error, stem, sizeof stem);
    if (rd && r->pool)
        dixit_reader_on_line(rd, on_line);
    char *chunk = malloc(r->opt->chunk);
    intake in;
    /* (a WARC archive's records are bytes: each page names its charset) */
    const char *enc = kind == DIXIT_INPUT_WARC ? NULL : r->opt->encoding;
    int ok = intake_open(&in, rd, enc, guess, r->opt->max_doc, warn_guess, r) == 0;
    if (!rd || !chunk || !ok) {
        complain(r, name, "out of memory");
        intake_close(&in);
        dixit_reader_free(rd);
        free(chunk);
        return;
    }
    int stopped = 0;
    unsigned long long raw = 0;
    for (;;) {
        long n = source_read(src, chunk, r->opt->chunk);
        progress_bytes(&r->prog, (size_t)(source_raw_bytes(src) - raw));
        raw = source_raw_bytes(src);
        if (stop_signal) {
            /* a document cut short is dropped whole: no finish */
            stopped = 1;
            break;
        }
        if (n < 0) {
            /* what was read before the error has been processed; the
             * document the error cuts (a whole .txt file) is dropped */
            char msg[512];
            snprintf(msg, sizeof msg, "%s%s", source_not_text(src) ? "" : "read error: ", source_error(src));
            /* a piece of a shard: the shard file failed, not the input */
            complain(r, r->piece && !r->piece->whole ? r->opt->shard_path : name, msg);
            stopped = 1;
            break;
        }
        if (n == 0)
            break;
        if (intake_feed(&in, chunk, (size_t)n) != DIXIT_OK) {
            stopped = 1;
            break;
        }
    }
    if (!stopped && intake_end(&in) == DIXIT_OK)
        dixit_reader_finish(rd);
    if (dixit_reader_passed(rd) && !r->opt->quiet) {
        settle(r);
        fprintf(stderr, "dixit: %s: %zu WARC records passed over (requests, metadata, redirects, not HTML)\n",
                name, dixit_reader_passed(rd));
    }
    if (r->pool)
        pool_send(r->pool); /* a batch holds one stream */
    intake_close(&in);
    dixit_reader_free(rd);
    free(chunk);
}

/* The bytes of a whole source, decompressed, at most max of them: NULL
 * after a message (complain). */
static char *slurp(run *r, const char *name, source *src, size_t max, size_t *len)
{
    char *text = NULL;
    size_t cap = 0;
    *len = 0;
    for (;;) {
        if (*len == cap) {
            char *t = cap <= max ? realloc(text, cap = cap ? 2 * cap : 65536) : NULL;
            if (!t) {
                complain(r, name, cap > max ? "JSON file over the limit (64 x --max-doc-bytes); write it as JSON Lines"
                                            : "out of memory");
                free(text);
                return NULL;
            }
            text = t;
        }
        long n = source_read(src, text + *len, cap - *len);
        if (n < 0 || stop_signal) {
            if (!stop_signal) {
                char msg[512];
                snprintf(msg, sizeof msg, "%s%s", source_not_text(src) ? "" : "read error: ", source_error(src));
                complain(r, name, msg);
            }
            free(text);
            return NULL;
        }
        if (n == 0)
            return text;
        *len += (size_t)n;
    }
}

/* One article of a .json file, printed as a JSON line and read as the
 * lines of a .jsonl file are (same fields, ids and messages): its "line"
 * is its place in the array, from 1. */
static void json_article(run *r, dixit_reader *rd, const cJSON *item, size_t k)
{
    char *line = cJSON_PrintUnformatted(item);
    if (!line) {
        complain(r, r->cur_name, "out of memory");
        return;
    }
    if (r->pool)
        pool_line(r->pool, r->cur_name, r->cur_stem, line, strlen(line), k, 0);
    else
        dixit_reader_line(rd, line, strlen(line), k, 0);
    free(line);
}

/* A .json file: one article object or an array of them, read whole (up
 * to 64 times --max-doc-bytes) and parsed by cJSON. */
static void read_json(run *r, const char *name, source *src)
{
    size_t max = (r->opt->max_doc ? r->opt->max_doc : DIXIT_DEFAULT_MAX_DOC_BYTES) * 64, len;
    r->cur_name = name;
    char *text = slurp(r, name, src, max, &len);
    if (!text)
        return;
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(text, len, &end, 0);
    /* with a pool, the messages of the workers' readers come in order */
    char stem[4096];
    dixit_reader *rd = new_reader(r, DIXIT_INPUT_JSONL, name, on_error, stem, sizeof stem);
    if (!root || !rd) {
        char msg[160];
        if (rd)
            snprintf(msg, sizeof msg, "JSON does not parse at byte %zu; file skipped",
                     end && end >= text ? (size_t)(end - text) : 0);
        complain_as(r, name, rd ? msg : "out of memory", rd ? DIXIT_EJSON : DIXIT_ENOMEM);
    } else if (cJSON_IsArray(root)) {
        size_t k = 0;
        for (const cJSON *it = root->child; it && !stopping(r); it = it->next)
            json_article(r, rd, it, ++k);
    } else {
        json_article(r, rd, root, 1);
    }
    if (r->pool)
        pool_send(r->pool);
    dixit_reader_free(rd);
    cJSON_Delete(root);
    free(text);
}

/* --weights FILE: the scorer's weights from a file of data/weights.tsv's
 * format (tools/train.py scores its folds so). False after a message. */
static bool load_weights(dixit_engine *e, const char *path)
{
    FILE *f = fopen(path, "rb");
    char *text = NULL;
    size_t len = 0, cap = 0;
    bool ok = f != NULL;
    while (ok) {
        if (len == cap) {
            char *t = cap < (1u << 24) ? realloc(text, cap = cap ? 2 * cap : 4096) : NULL;
            ok = t != NULL;
            text = ok ? t : text;
        }
        size_t got = ok ? fread(text + len, 1, cap - len, f) : 0;
        len += got;
        if (got == 0)
            break;
    }
    if (!ok || !f || ferror(f))
        fprintf(stderr, "dixit: %s: cannot read weights\n", path);
    else
        dixit_engine_set_weights(e, text, len);
    ok = ok && f && !ferror(f);
    if (f)
        fclose(f);
    free(text);
    return ok;
}

/* A user who typed `dixit extract` alone may think it hangs: say that it
 * waits for articles typed in, and how to end them. */
static void hint_terminal(const run *r)
{
    if (!r->opt->quiet && isatty(0))
        fputs("dixit: reading articles from the terminal; end with Ctrl-D, or give a file (dixit --help)\n", stderr);
}

/* The name ids are built from and messages give: path, with U+FFFD for
 * the bytes of a name that is not UTF-8 (records must be), after a
 * warning that shows them escaped. To free; NULL when memory runs out. */
static char *stream_name(run *r, const char *path)
{
    int bad;
    char *name = decode_name(path, NAME_REPLACED, &bad);
    if (!name || !bad || r->opt->quiet)
        return name;
    char *shown = decode_name(path, NAME_ESCAPED, &bad);
    settle(r);
    fprintf(stderr, "dixit: %s: file name is not UTF-8; ids and messages show U+FFFD for its bad bytes\n",
            shown ? shown : name);
    free(shown);
    return name;
}

static void read_file(run *r, const char *path)
{
    if (strcmp(path, "-") == 0)
        hint_terminal(r);
    source *src = source_open(path);
    if (!src && stop_signal)
        return; /* the open of a FIFO was interrupted */
    if (!src) {
        char msg[256];
        snprintf(msg, sizeof msg, "cannot open: %s", strerror(errno ? errno : ENOMEM));
        complain(r, path, msg);
        return;
    }
    dixit_input kind = DIXIT_INPUT_TXT;
    if (strcmp(path, "-") == 0 || !path_is_input(path)) {
        if (r->opt->in_format && strcmp(r->opt->in_format, "jsonl") == 0)
            kind = DIXIT_INPUT_JSONL;
    }
    if (path_is_jsonl(path))
        kind = DIXIT_INPUT_JSONL;
    if (path_is_warc(path))
        kind = DIXIT_INPUT_WARC;
    source_stop_on(src, &stop_signal);
    char *name = stream_name(r, path);
    if (name && path_is_json(path))
        read_json(r, name, src);
    else if (name)
        read_stream(r, name, src, kind, kind == DIXIT_INPUT_TXT && !path_is_html(path));
    else
        complain(r, path, "out of memory");
    free(name);
    source_close(src);
}

static int same_file(const struct stat *a, const struct stat *b)
{
    return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/* The input named on the command line that the output out is, or NULL. */
static const char *input_named(const struct stat *out, const char **inputs, size_t n)
{
    struct stat st;
    if (!S_ISREG(out->st_mode))
        return NULL;
    for (size_t i = 0; i < n; i++) {
        int is_stdin = strcmp(inputs[i], "-") == 0;
        if ((is_stdin ? fstat(0, &st) : stat(inputs[i], &st)) == 0 && same_file(out, &st))
            return is_stdin ? "stdin" : inputs[i];
    }
    return NULL;
}

/* Whether two paths name one file, existing or to be made. */
static int same_path(const char *a, const char *b)
{
    struct stat sa, sb;
    return strcmp(a, b) == 0 || (stat(a, &sa) == 0 && stat(b, &sb) == 0 && same_file(&sa, &sb));
}

/* Opens the file of -o or --entities: 0, 1 when it cannot be written, 2
 * when it is one of the inputs (its records would replace the articles). */
static int open_output(output *o, const char *opt, const char *path, const char **inputs, size_t n)
{
    struct stat st;
    const char *in = stat(path, &st) == 0 ? input_named(&st, inputs, n) : NULL;
    if (in) {
        fprintf(stderr, "dixit: %s: %s would overwrite the input %s; nothing done\n", path, opt, in);
        return 2;
    }
    char msg[512];
    if (output_open(o, path, msg, sizeof msg) != 0) {
        fprintf(stderr, "dixit: %s: %s\n", path, msg);
        return 1;
    }
    return 0;
}

/* Opens stdout or -o, and --entities: 0, or the exit status. */
static int open_outputs(run *r, const char *out_path, const char *entities_path, const char **inputs, size_t n)
{
    if (out_path && entities_path && same_path(out_path, entities_path)) {
        fprintf(stderr, "dixit: %s: -o and --entities name the same file; nothing done\n", out_path);
        return 2;
    }
    int status = 0;
    if (out_path) {
        status = open_output(&r->out, "-o", out_path, inputs, n);
    } else {
        output_stdout(&r->out);
        const char *in = input_named(&r->out.st, inputs, n);
        if (in) {
            /* `>> x` would read its own records back, `> x` has emptied it */
            fprintf(stderr, "dixit: stdout is the input %s; nothing done\n", in);
            return 2;
        }
    }
    if (status == 0 && entities_path) {
        status = open_output(&r->entities, "--entities", entities_path, inputs, n);
        if (status)
            output_close(&r->out, 0);
        r->has_entities = status == 0;
    }
    return status;
}

/* Writes what is left and closes the outputs. With keep, the files of -o
 * and --entities replace the old ones, but only when every output was
 * written whole: a failed run leaves the old files as they were. 0, or 1
 * on a write error. */
static int close_outputs(run *r, int keep)
{
    output *outs[2] = {&r->out, r->has_entities ? &r->entities : NULL};
    for (int i = 0; i < 2; i++)
        if (outs[i] && output_flush(outs[i]) != 0)
            keep = 0;
    int failed = 0;
    for (int i = 0; i < 2; i++) {
        if (outs[i] && output_close(outs[i], keep) != 0) {
            fprintf(stderr, "dixit: %s: write error: %s\n", outs[i]->name, strerror(outs[i]->err));
            failed = 1;
        }
    }
    return failed;
}

/* Opens the outputs, builds the engine and loads --weights: 0, or the
 * exit status after a message (everything opened is closed again). */
static int start(run *r)
{
    const options *o = r->opt;
    int status = open_outputs(r, o->out_path, o->entities_path, o->inputs, o->ninputs);
    if (status)
        return status;
    r->eng = dixit_engine_new(NULL);
    if (!r->eng) {
        fprintf(stderr, "dixit: out of memory\n");
        status = 1;
    } else {
        dixit_engine_set_trace(r->eng, o->fmt == DIXIT_FORMAT_FEATURES);
        if (o->beliefs && dixit_engine_set_beliefs(r->eng, 1) != DIXIT_OK) {
            fprintf(stderr, "dixit: out of memory\n");
            status = 1;
        } else if (o->weights_path && !load_weights(r->eng, o->weights_path))
            status = 2;
    }
    if (!status && o->index) {
        char msg[1024];
        r->db = store_open(o->db_path, true, STORE_BUSY_MS, msg, sizeof msg);
        if (!r->db || store_defer_indexes(r->db, msg, sizeof msg) != 0) {
            fprintf(stderr, "dixit: %s\n", msg);
            store_close(r->db);
            r->db = NULL;
            status = 1;
        }
        /* a file-size limit makes writes fail (the disk-full path), not
         * kill the run */
        signal(SIGXFSZ, SIG_IGN);
    }
    if (status) {
        close_outputs(r, 0);
        dixit_engine_free(r->eng);
    }
    return status;
}

/* The total behind the ETA: known when every input is a regular file. */
static unsigned long long input_total(const options *o)
{
    unsigned long long total = 0;
    for (size_t i = 0; i < o->ninputs; i++) {
        struct stat st;
        if (strcmp(o->inputs[i], "-") == 0 || stat(o->inputs[i], &st) != 0 || !S_ISREG(st.st_mode))
            return 0;
        total += (unsigned long long)st.st_size;
    }
    return total;
}

/* Walker callbacks: a folder named on the command line is read as
 * walk.c lists it. */
static void walk_file(void *ctx, const char *path)
{
    read_file(ctx, path);
}

static void walk_complain(void *ctx, const char *path, const char *msg)
{
    complain(ctx, path, msg);
}

/* A file the run writes (or will replace): reading it would read the
 * run's own records back, or last run's. */
static int walk_skip(void *ctx, const struct stat *st)
{
    const run *r = ctx;
    return S_ISREG(st->st_mode) &&
           (output_is(&r->out, st) || (r->has_entities && output_is(&r->entities, st)));
}

static int walk_stopping(void *ctx)
{
    return stopping(ctx);
}

static void walk_settle(void *ctx)
{
    settle(ctx);
}

/* --shard: a piece of a JSON Lines input, pc->bytes of the shard file
 * data read as the input's own from where the piece starts in it. */
static void read_piece(run *r, source *data, const shard_piece *pc)
{
    char *name = stream_name(r, pc->path);
    if (!name) {
        complain(r, pc->path, "out of memory");
        r->shard_failed = 1;
        return;
    }
    source_limit(data, pc->bytes);
    int failed = source_failed(data);
    if (!failed)
        read_stream(r, name, data, DIXIT_INPUT_JSONL, 0);
    if (!failed && !source_failed(data) && source_left(data) && !stop_signal) {
        char msg[256];
        snprintf(msg, sizeof msg, "ends %llu bytes short of the piece of %s its manifest lists", source_left(data),
                 name);
        complain(r, r->opt->shard_path, msg);
    }
    if (failed || source_failed(data) || source_left(data))
        r->shard_failed = 1;
    free(name);
}

/* --shard FILE: the rows of the shard, in order; the shard file is
 * opened at its first piece (a shard of whole files may have none). */
static void read_shard(run *r, const shard_plan *plan)
{
    source *data = NULL;
    for (size_t i = 0; i < plan->n && !stopping(r) && !r->shard_failed; i++) {
        r->piece = &plan->v[i];
        if (plan->v[i].whole) {
            read_file(r, plan->v[i].path);
            continue;
        }
        if (!data && !(data = source_open(r->opt->shard_path))) {
            char msg[256];
            snprintf(msg, sizeof msg, "cannot open: %s", strerror(errno ? errno : ENOMEM));
            complain(r, r->opt->shard_path, msg);
            r->shard_failed = 1;
            break;
        }
        source_stop_on(data, &stop_signal);
        read_piece(r, data, &plan->v[i]);
    }
    r->piece = NULL;
    source_close(data);
}

/* Starts the pool of -j N (and always for dixit index). */
static void start_pool(run *r)
{
    const options *o = r->opt;
    pool_conf pc = {o->jobs, r->eng, o->fmt, r->has_entities || o->index,
                    /* dixit index: each batch's articles beside its records */
                    o->index ? DIXIT_FORMAT_TEXT : DIXIT_FORMAT_ENTITIES, o->quiet, o->lang, &o->filt,
                    o->max_doc, on_pool_out, r,
                    /* into SQLite: the rows it binds made on the workers */
                    o->index && r->db && !store_pg_of(r->db) ? store_rows_make : NULL};
    r->pool = pool_new(&pc);
    /* without threads, go on alone (but an index needs its batches) */
    if (!r->pool && o->index) {
        fprintf(stderr, "dixit: out of memory\n");
        r->failed = 1;
        r->out_failed = 1;
    }
}

/* What opens the output: a byte-order mark and the CSV header, once for
 * the whole run (a shard's output starts with them only when it is the
 * first, so that merged shards are the whole run's bytes). */
static void write_head(run *r, const shard_plan *plan)
{
    if (plan && plan->k != 1)
        return;
    /* Excel takes a CSV file for UTF-8 only when it opens with a BOM */
    if (r->opt->bom)
        output_write(&r->out, "\xEF\xBB\xBF", 3);
    if (r->opt->fmt == DIXIT_FORMAT_CSV)
        output_write(&r->out, dixit_csv_header(), strlen(dixit_csv_header()));
}

/* Reads the inputs, or the shard; drains the pool; then, for dixit
 * index, the last batch and the linking. The signal that stopped the
 * run, or 0. */
static int read_all(run *r, const shard_plan *plan)
{
    const options *o = r->opt;
    r->walk = (walker){o->follow, o->quiet, walk_file, walk_complain, walk_skip, walk_stopping, walk_settle, r,
                       NULL, 0};
    progress_init(&r->prog, isatty(2) && !o->quiet, plan ? 0 : input_total(o));
    catch_stop_signals();
    if (plan)
        read_shard(r, plan);
    for (size_t i = 0; !plan && i < o->ninputs && !stopping(r); i++)
        walk_path(&r->walk, o->inputs[i]);
    /* a signal that comes later stops nothing: all is read */
    int sig = stop_signal;
    if (r->pool) {
        pool_drain(r->pool);
        pool_free(r->pool);
    }
    progress_end(&r->prog);
    if (r->db && !r->out_failed) { /* the last batch, then speakers and quotations linked anew */
        char msg[1024];
        if (store_commit(r->db, msg, sizeof msg) != 0 || store_link(r->db, r->eng, msg, sizeof msg) != 0 ||
            store_merge(r->db, msg, sizeof msg) != 0) {
            fprintf(stderr, "dixit: %s\n", msg);
            r->failed = 1;
            r->out_failed = 1; /* (a shard so stored is not done) */
        }
    }
    return sig;
}

/* --shard FILE: its rows, and no done marker left from a run before
 * (this run's output replaces that run's). 0, or the exit status. */
static int load_shard(const options *o, shard_plan *plan)
{
    char msg[1024];
    if (shard_plan_load(plan, o->shard_path, msg, sizeof msg) != 0) {
        fprintf(stderr, "dixit: %s\n", msg);
        return 1;
    }
    char *done = o->out_path ? shard_done_name(o->out_path) : NULL;
    if (done && unlink(done) != 0 && errno != ENOENT) {
        fprintf(stderr, "dixit: %s: cannot remove: %s\n", done, strerror(errno));
        free(done);
        shard_plan_free(plan);
        return 1;
    }
    free(done);
    return 0;
}

/* After a shard's run: its done marker, when everything of the shard was
 * read and written whole (an article skipped for its own fault is the
 * whole run's message too, and does not fail the shard). */
static int finish_shard(const run *r, const shard_plan *plan, int sig, int write_failed)
{
    if (sig || write_failed || r->out_failed || r->shard_failed || (!r->opt->out_path && !r->opt->index)) {
        if (!sig && !r->opt->quiet)
            fprintf(stderr, "dixit: %s: shard %u of %u not complete; no done marker\n", r->opt->shard_path,
                    plan->k, plan->parts);
        return 1;
    }
    if (r->opt->index) /* dixit index: the database's commit is the shard's mark */
        return 0;
    char msg[1024];
    if (shard_mark_done(r->opt->out_path, plan, r->records, msg, sizeof msg) != 0) {
        fprintf(stderr, "dixit: %s\n", msg);
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "search") == 0)
        return search_main(argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "stats") == 0)
        return stats_main(argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "export") == 0)
        return export_main(argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "shard") == 0)
        return shard_main(argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "merge") == 0)
        return gather_main(argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "serve") == 0)
        return serve_main(argc - 1, argv + 1);
    options opt;
    int status = options_parse(&opt, argc, argv);
    if (status >= 0) {
        options_free(&opt);
        return status;
    }
    shard_plan plan = {0};
    if (opt.shard_path && (status = load_shard(&opt, &plan)) != 0) {
        options_free(&opt);
        return status;
    }
    run r;
    memset(&r, 0, sizeof r);
    r.opt = &opt;
    status = start(&r);
    if (status) {
        shard_plan_free(&plan);
        options_free(&opt);
        return status;
    }
    char msg[1024];
    /* which shard the database loads (PostgreSQL places its articles in
     * the whole run; SQLite notes it for dixit merge --db), or none */
    if (r.db &&
        store_set_shard(r.db, opt.shard_path ? plan.k : 0, plan.parts, plan.id, msg, sizeof msg) != 0) {
        fprintf(stderr, "dixit: %s\n", msg);
        r.failed = r.out_failed = 1; /* (nothing is read) */
    }
    write_head(&r, opt.shard_path ? &plan : NULL);
    if (opt.jobs > 1 || opt.index)
        start_pool(&r);
    int sig = read_all(&r, opt.shard_path ? &plan : NULL);
    if (r.db && opt.shard_path && !sig && !r.out_failed && !r.shard_failed &&
        store_shard_done(r.db, msg, sizeof msg) != 0) { /* the whole shard is in */
        fprintf(stderr, "dixit: %s\n", msg);
        r.failed = r.out_failed = 1;
    }
    store_close(r.db);
    dixit_engine_free(r.eng);
    int write_failed = close_outputs(&r, 1);
    if (sig)
        fprintf(stderr,
                "dixit: stopped by %s after %llu articles (%llu records written to %s); the rest of the "
                "input was not read\n",
                sig == SIGINT ? "SIGINT" : "SIGTERM", r.docs, r.records,
                opt.index ? opt.db_path : r.out.name);
    if (opt.verbose || (isatty(2) && !opt.quiet))
        progress_summary(&r.prog, r.docs, r.records, r.skipped);
    if (opt.shard_path && finish_shard(&r, &plan, sig, write_failed))
        r.failed = 1;
    shard_plan_free(&plan);
    stems_free(&r.stems);
    options_free(&opt);
    if (sig)
        return 128 + sig;
    return write_failed || r.failed ? 1 : 0;
}
