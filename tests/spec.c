/*
 * spec.c: runs the spec files of tests/spec against the library and the
 * command-line tool.
 *
 * A spec file is a list of examples: `=== name`, optional `lang: xx`,
 * `--- text`, the text, `--- expect`, then one line per expected record
 * `type | quotation | speaker | cue` (`-` for null, `\n` for a newline) or
 * `none`; optional ` | addressee=… | source=… | channel=… | rule=…` fields
 * follow the cue and are compared when given. A line `rule: NAME` before
 * the text names the rule every expected record of the example must come
 * from (a record's own `rule=` wins); rules are compared in library runs,
 * since the tool's records do not carry them. By default only direct records are
 * compared; an example that says `check: all` compares every record; one
 * that says `scope: beliefs` runs with beliefs reported (--beliefs), one
 * that says `scope: proposals` with every proposal kept, whatever the
 * trained scorer makes of it (--show features): the rules' own test. Each
 * example runs through the streaming reader at chunk sizes 1, 2, 3, 7 and
 * 4096, which must all give the same records; with --cli PATH it also runs
 * the built tool on a temporary file and compares its JSON output.
 *
 * usage: spec [--cli DIXIT] [-v] FILE.spec...
 */
#define _POSIX_C_SOURCE 200809L
#include "dixit.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct rec {
    char *type, *quote, *speaker, *cue;
    char *addressee, *source, *channel; /* NULL: not checked; "-": null */
    char *rule;                         /* NULL: not checked (or not known) */
} rec;

typedef struct example {
    char *name;
    char *lang;
    char *text;
    size_t len;
    rec *want;
    size_t nwant;
    int line;
    int pending;
    int check_all; /* compare records of every type, not only direct */
    int beliefs;   /* `scope: beliefs`: thoughts and intentions reported too */
    int proposals; /* `scope: proposals`: every record the rules propose,
                      the scorer's threshold aside (the trace) */
    char *rule;    /* `rule:` line: the rule of every expected record */
} example;

static int verbose;

static char *xstrndup(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (!p) {
        perror("spec");
        exit(2);
    }
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

static char *unescape(const char *s, size_t n)
{
    char *o = xstrndup(s, n);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\\' && i + 1 < n && s[i + 1] == 'n') {
            o[k++] = '\n';
            i++;
        } else {
            o[k++] = s[i];
        }
    }
    o[k] = 0;
    return o;
}

static char *trim(char *s)
{
    while (*s == ' ')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\r'))
        s[--n] = 0;
    return s;
}

/* Splits "a | b | c | d" into four fields. */
static int parse_rec(char *line, rec *r)
{
    char *f[4];
    int k = 0;
    char *p = line;
    while (k < 3) {
        char *bar = strstr(p, " | ");
        if (!bar)
            return 0;
        *bar = 0;
        f[k++] = p;
        p = bar + 3;
    }
    /* optional " | key=value" fields after the cue */
    char *extra = strstr(p, " | ");
    if (extra) {
        *extra = 0;
        extra += 3;
    }
    f[k++] = p;
    r->addressee = r->source = r->channel = r->rule = NULL;
    while (extra) {
        char *next = strstr(extra, " | ");
        if (next) {
            *next = 0;
            next += 3;
        }
        char *eq = strchr(extra, '=');
        if (!eq)
            return 0;
        *eq = 0;
        char *key = trim(extra), *val = trim(eq + 1);
        char **slot = strcmp(key, "addressee") == 0 ? &r->addressee
                      : strcmp(key, "source") == 0  ? &r->source
                      : strcmp(key, "channel") == 0 ? &r->channel
                      : strcmp(key, "rule") == 0    ? &r->rule
                                                    : NULL;
        if (!slot)
            return 0;
        *slot = xstrndup(val, strlen(val));
        extra = next;
    }
    r->type = xstrndup(trim(f[0]), strlen(trim(f[0])));
    char *q = f[1];
    r->quote = unescape(q, strlen(q));
    r->speaker = xstrndup(trim(f[2]), strlen(trim(f[2])));
    r->cue = xstrndup(trim(f[3]), strlen(trim(f[3])));
    return 1;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *b = malloc(cap);
    size_t got;
    while (b && (got = fread(b + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            cap *= 2;
            char *nb = realloc(b, cap);
            if (!nb) {
                free(b);
                b = NULL;
            }
            b = nb;
        }
    }
    fclose(f);
    if (b) {
        b[n < cap ? n : cap - 1] = 0;
        *len = n;
    }
    return b;
}

static example *load(const char *path, size_t *count)
{
    size_t len;
    char *data = slurp(path, &len);
    if (!data) {
        fprintf(stderr, "spec: cannot read %s\n", path);
        exit(2);
    }
    example *ex = NULL;
    size_t n = 0, cap = 0;
    enum { NONE, TEXT, EXPECT } state = NONE;
    char *p = data;
    int lineno = 0;
    size_t text_start = 0, text_end = 0;
    while (p && *p) {
        char *nl = strchr(p, '\n');
        size_t ll = nl ? (size_t)(nl - p) : strlen(p);
        char *line = xstrndup(p, ll);
        lineno++;
        size_t off = (size_t)(p - data);
        if (strncmp(line, "=== ", 4) == 0) {
            if (n == cap) {
                cap = cap ? cap * 2 : 64;
                ex = realloc(ex, cap * sizeof *ex);
                if (!ex)
                    exit(2);
            }
            memset(&ex[n], 0, sizeof ex[n]);
            ex[n].name = xstrndup(line + 4, strlen(line + 4));
            ex[n].line = lineno;
            n++;
            state = NONE;
        } else if (n && state == NONE && strncmp(line, "lang: ", 6) == 0) {
            ex[n - 1].lang = xstrndup(trim(line + 6), strlen(trim(line + 6)));
        } else if (n && state == NONE && strncmp(line, "rule: ", 6) == 0) {
            ex[n - 1].rule = xstrndup(trim(line + 6), strlen(trim(line + 6)));
        } else if (n && state == NONE && strcmp(trim(line), "check: all") == 0) {
            ex[n - 1].check_all = 1;
        } else if (n && state == NONE && strcmp(trim(line), "scope: beliefs") == 0) {
            ex[n - 1].beliefs = 1;
        } else if (n && state == NONE && strcmp(trim(line), "scope: proposals") == 0) {
            ex[n - 1].proposals = 1;
        } else if (n && state == NONE && strncmp(line, "status: pending", 15) == 0) {
            ex[n - 1].pending = 1;
        } else if (n && strcmp(line, "--- text") == 0) {
            state = TEXT;
            text_start = nl ? off + ll + 1 : off + ll;
            text_end = text_start;
        } else if (n && strcmp(line, "--- expect") == 0) {
            /* the text ends before the newline that precedes this line */
            ex[n - 1].text = xstrndup(data + text_start, text_end > text_start ? text_end - text_start - 1 : 0);
            ex[n - 1].len = strlen(ex[n - 1].text);
            state = EXPECT;
        } else if (state == TEXT) {
            text_end = nl ? off + ll + 1 : off + ll;
        } else if (state == EXPECT && ll && line[0] != '#') {
            example *e = &ex[n - 1];
            if (strcmp(trim(line), "none") != 0) {
                e->want = realloc(e->want, (e->nwant + 1) * sizeof *e->want);
                if (!e->want || !parse_rec(line, &e->want[e->nwant])) {
                    fprintf(stderr, "%s:%d: bad expected record\n", path, lineno);
                    exit(2);
                }
                if (!e->want[e->nwant].rule && e->rule)
                    e->want[e->nwant].rule = xstrndup(e->rule, strlen(e->rule));
                e->nwant++;
            }
        }
        free(line);
        p = nl ? nl + 1 : NULL;
    }
    free(data);
    *count = n;
    return ex;
}

/* ------------------------------------------------------------------ */
/* Getting records                                                      */

typedef struct got {
    rec *r;
    size_t n;
    dixit_engine *eng;
    const char *lang;
} got;

static void add_rec(got *g, const char *type, const char *q, size_t qn, const char *sp, const char *cue,
                    size_t cn);
static void set_extra(got *g, const char *addr, const char *src, const char *chan)
{
    rec *r = &g->r[g->n - 1];
    r->addressee = xstrndup(addr ? addr : "-", strlen(addr ? addr : "-"));
    r->source = xstrndup(src ? src : "-", strlen(src ? src : "-"));
    r->channel = xstrndup(chan ? chan : "-", strlen(chan ? chan : "-"));
}

static void add_rec(got *g, const char *type, const char *q, size_t qn, const char *sp, const char *cue,
                    size_t cn)
{
    g->r = realloc(g->r, (g->n + 1) * sizeof *g->r);
    if (!g->r)
        exit(2);
    rec *r = &g->r[g->n++];
    r->type = xstrndup(type, strlen(type));
    r->quote = xstrndup(q, qn);
    r->speaker = sp ? xstrndup(sp, strlen(sp)) : xstrndup("-", 1);
    r->cue = cue ? xstrndup(cue, cn) : xstrndup("-", 1);
    r->addressee = r->source = r->channel = r->rule = NULL;
}

static int lib_doc(void *ctx, const dixit_doc *doc)
{
    got *g = ctx;
    dixit_doc d = *doc;
    d.lang = g->lang;
    dixit_result *res;
    if (dixit_extract(g->eng, &d, &res) != DIXIT_OK) {
        add_rec(g, "error", "", 0, NULL, NULL, 0);
        return 0;
    }
    static const char *const types[] = {"direct", "mixed", "indirect"};
    for (size_t i = 0; i < dixit_result_count(res); i++) {
        const dixit_attribution *a = dixit_result_get(res, i);
        add_rec(g, types[a->type], d.text + a->content.start, a->content.end - a->content.start,
                a->speaker.present ? a->speaker.name : NULL, a->cue.present ? d.text + a->cue.span.start : NULL,
                a->cue.span.end - a->cue.span.start);
        set_extra(g, a->addressee.present ? a->addressee.name : NULL, a->source.present ? a->source.name : NULL,
                  a->channel.present ? a->channel.name : NULL);
        const char *rule = a->rule ? a->rule : "-";
        g->r[g->n - 1].rule = xstrndup(rule, strlen(rule));
    }
    dixit_result_free(res);
    return 0;
}

static void free_recs(rec *r, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(r[i].type);
        free(r[i].quote);
        free(r[i].speaker);
        free(r[i].cue);
        free(r[i].addressee);
        free(r[i].source);
        free(r[i].channel);
        free(r[i].rule);
    }
    free(r);
}

static int run_lib(dixit_engine *eng, const example *e, size_t chunk, got *g)
{
    memset(g, 0, sizeof *g);
    g->eng = eng;
    g->lang = e->lang;
    dixit_reader *rd = dixit_reader_new(DIXIT_INPUT_TXT, e->name, 0, NULL, lib_doc, NULL, g);
    if (!rd)
        return 0;
    for (size_t i = 0; i < e->len; i += chunk)
        dixit_reader_feed(rd, e->text + i, e->len - i < chunk ? e->len - i : chunk);
    dixit_reader_finish(rd);
    dixit_reader_free(rd);
    return 1;
}

static int run_cli(const char *bin, const example *e, got *g)
{
    memset(g, 0, sizeof *g);
    char path[] = "/tmp/dixit-spec-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return 0;
    if (write(fd, e->text, e->len) != (ssize_t)e->len) {
        close(fd);
        unlink(path);
        return 0;
    }
    close(fd);
    char cmd[512];
    snprintf(cmd, sizeof cmd, "'%s' extract --input-format txt --chunk-size 7 %s%s%s%s '%s'", bin,
             e->beliefs ? "--beliefs " : "", e->proposals ? "--show features " : "", e->lang ? "--lang " : "",
             e->lang ? e->lang : "", path);
    FILE *p = popen(cmd, "r");
    if (!p) {
        unlink(path);
        return 0;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, p)) > 0) {
        cJSON *o = cJSON_Parse(line);
        if (!o) {
            add_rec(g, "badjson", line, (size_t)n, NULL, NULL, 0);
            continue;
        }
        const cJSON *t = cJSON_GetObjectItem(o, "type"), *q = cJSON_GetObjectItem(o, "quotation");
        const cJSON *sp = cJSON_GetObjectItem(o, "speaker"), *cue = cJSON_GetObjectItem(o, "cue");
        const char *spn = cJSON_IsObject(sp) ? cJSON_GetStringValue(cJSON_GetObjectItem(sp, "name")) : NULL;
        const char *cuet = cJSON_IsObject(cue) ? cJSON_GetStringValue(cJSON_GetObjectItem(cue, "text")) : NULL;
        const char *qs = cJSON_GetStringValue(q);
        add_rec(g, cJSON_GetStringValue(t) ? cJSON_GetStringValue(t) : "?", qs ? qs : "", qs ? strlen(qs) : 0, spn,
                cuet, cuet ? strlen(cuet) : 0);
        const char *names[3];
        static const char *const keys[3] = {"addressee", "source", "channel"};
        for (int k = 0; k < 3; k++) {
            const cJSON *o2 = cJSON_GetObjectItem(o, keys[k]);
            names[k] = cJSON_IsObject(o2) ? cJSON_GetStringValue(cJSON_GetObjectItem(o2, "name")) : NULL;
        }
        set_extra(g, names[0], names[1], names[2]);
        cJSON_Delete(o);
    }
    free(line);
    pclose(p);
    unlink(path);
    return 1;
}

/* want's optional fields are compared only when the spec gives them. */
static int opt_eq(const char *want, const char *have)
{
    return !want || (have && strcmp(want, have) == 0);
}

static int rec_eq(const rec *want, const rec *have)
{
    return strcmp(want->type, have->type) == 0 && strcmp(want->quote, have->quote) == 0 &&
           strcmp(want->speaker, have->speaker) == 0 && strcmp(want->cue, have->cue) == 0 &&
           opt_eq(want->addressee, have->addressee) && opt_eq(want->source, have->source) &&
           opt_eq(want->channel, have->channel) && (!have->rule || opt_eq(want->rule, have->rule));
}

/* Compares the direct records got with the expected ones, in order. */
static int compare(const example *e, const got *g, const char *how, const char *file)
{
    size_t k = 0;
    int ok = 1;
    for (size_t i = 0; i < g->n; i++) {
        if (!e->check_all && strcmp(g->r[i].type, "direct") != 0 && strcmp(g->r[i].type, "error") != 0 &&
            strcmp(g->r[i].type, "badjson") != 0)
            continue;
        if (k < e->nwant && rec_eq(&e->want[k], &g->r[i])) {
            k++;
            continue;
        }
        ok = 0;
        break;
    }
    if (ok && k != e->nwant)
        ok = 0;
    if (!ok && (verbose || !e->pending)) {
        printf("FAIL %s:%d %s (%s)\n", file, e->line, e->name, how);
        for (size_t i = 0; i < e->nwant; i++)
            printf("  want: %s | %s | %s | %s%s%s\n", e->want[i].type, e->want[i].quote, e->want[i].speaker,
                   e->want[i].cue, e->want[i].rule ? " | rule=" : "", e->want[i].rule ? e->want[i].rule : "");
        for (size_t i = 0; i < g->n; i++)
            printf("  got:  %s | %s | %s | %s | addressee=%s | source=%s | channel=%s | rule=%s\n", g->r[i].type,
                   g->r[i].quote, g->r[i].speaker, g->r[i].cue, g->r[i].addressee ? g->r[i].addressee : "?",
                   g->r[i].source ? g->r[i].source : "?", g->r[i].channel ? g->r[i].channel : "?",
                   g->r[i].rule ? g->r[i].rule : "?");
    }
    return ok;
}

int main(int argc, char **argv)
{
    const char *cli = NULL;
    int first = 1;
    while (first < argc && argv[first][0] == '-') {
        if (strcmp(argv[first], "--cli") == 0 && first + 1 < argc) {
            cli = argv[first + 1];
            first += 2;
        } else if (strcmp(argv[first], "-v") == 0) {
            verbose = 1;
            first++;
        } else {
            fprintf(stderr, "usage: spec [--cli DIXIT] [-v] FILE.spec...\n");
            return 2;
        }
    }
    dixit_engine *eng = dixit_engine_new(NULL), *wide = dixit_engine_new(NULL),
                 *traced = dixit_engine_new(NULL);
    if (!eng || !wide || !traced || dixit_engine_set_beliefs(wide, 1) != DIXIT_OK)
        return 2;
    dixit_engine_set_trace(traced, 1);
    size_t pass = 0, fail = 0, pending = 0, pending_pass = 0;
    static const size_t chunks[] = {4096, 1, 2, 3, 7};
    for (int f = first; f < argc; f++) {
        size_t n;
        example *ex = load(argv[f], &n);
        for (size_t i = 0; i < n; i++) {
            example *e = &ex[i];
            int ok = 1;
            if (!e->text) {
                printf("FAIL %s:%d %s: no text\n", argv[f], e->line, e->name);
                ok = 0;
            }
            got g;
            if (ok && cli) {
                ok = run_cli(cli, e, &g) && compare(e, &g, "cli", argv[f]);
                free_recs(g.r, g.n);
            }
            for (size_t c = 0; ok && !cli && c < sizeof chunks / sizeof *chunks; c++) {
                char how[32];
                snprintf(how, sizeof how, "library, chunk %zu", chunks[c]);
                dixit_engine *en = e->beliefs ? wide : e->proposals ? traced : eng;
                ok = run_lib(en, e, chunks[c], &g) && compare(e, &g, how, argv[f]);
                free_recs(g.r, g.n);
            }
            if (e->pending) {
                pending++;
                pending_pass += ok;
            } else if (ok) {
                pass++;
            } else {
                fail++;
            }
            free(e->name);
            free(e->lang);
            free(e->rule);
            free(e->text);
            free_recs(e->want, e->nwant);
        }
        free(ex);
    }
    dixit_engine_free(eng);
    dixit_engine_free(wide);
    dixit_engine_free(traced);
    printf("spec%s: %zu passed, %zu failed, %zu pending (%zu of them now pass)\n", cli ? " (cli)" : " (library)", pass,
           fail, pending, pending_pass);
    return fail ? 1 : 0;
}
