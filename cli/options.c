/*
 * options.c: the command line of `dixit extract`, read with glibc's
 * getopt_long so that it follows the GNU conventions users know from
 * other tools: `--opt=value` or `--opt value`, bundled short options
 * (`-qj1`, `-fcsv`), options before or after the inputs, `--` before an
 * input that starts with a dash, unique prefixes of long options. A usage
 * error is one line and a hint, not the whole help, so that the line
 * stays on screen. The help text is here too, beside the table it
 * describes; docs/dixit.1 says the same at more length.
 */
#define _POSIX_C_SOURCE 200809L
#include "options.h"
#include "intake.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>

static const char usage[] = "usage: dixit extract [options] [FILE|DIR|-]...\n"
                            "       dixit text [options] [FILE|DIR|-]...\n"
                            "       dixit index --db FILE [options] [FILE|DIR|-]...\n"
                            "       dixit search --db FILE [filters] [--limit N] [-f jsonl|table] [WORDS]\n"
                            "       dixit stats --db FILE --by KIND[,KIND] [filters] [-f csv|table]\n"
                            "       dixit export --db FILE --quotebank [-f jsonl|csv]\n"
                            "       dixit shard --parts N [--compress] INPUT... --out DIR\n"
                            "       dixit extract --shard DIR/shard-NNNN.jsonl -o OUT [options]\n"
                            "       dixit merge SHARD_OUT... [-o FILE]\n"
                            "       dixit merge --db OUT.db SHARD.db...\n"
                            "       dixit serve --db FILE [--port N] [--bind ADDR] [--threads N]\n"
                            "\n"
                            "Reads news articles and writes one record per attribution: who said\n"
                            "what, to whom, according to whom. With no input, or with -, reads stdin.\n"
                            "`dixit text` writes instead each article as read, one JSON line (id,\n"
                            "path, url, title, site, date, authors, lang, text): the text of a web\n"
                            "page or WARC record that the records' offsets count in (--show text).\n"
                            "`dixit index` stores the articles and their records in the SQLite\n"
                            "database FILE (made when new; an article indexed again replaces its\n"
                            "rows); `dixit search` finds attributions in it, `dixit stats` counts\n"
                            "them and the people quoted, `dixit export` writes its quotations, the\n"
                            "same one across articles merged, in Quotebank's fields (docs/store.md);\n"
                            "`dixit serve` shows it in the browser: a page and a JSON API on\n"
                            "http://127.0.0.1:8080/ (docs/serve.md).\n"
                            "\n"
                            "Inputs:\n"
                            "  FILE.txt             one article (id = file name without extension;\n"
                            "                       a leading `date YYYY-MM[-DD]` token is metadata)\n"
                            "  FILE.jsonl, .ndjson  one article per line: {\"id\", \"text\", \"date\",\n"
                            "                       \"lang\", \"title\", \"url\", \"site\"} (aliases:\n"
                            "                       maintext, date_publish, language, source_domain)\n"
                            "  FILE.json            one such article object, or an array of them\n"
                            "  FILE.html, .htm      a web page: its article, headline, date, URL (a\n"
                            "                       page is told by content; a JSON line's text or\n"
                            "                       \"html\" field may hold one too)\n"
                            "  FILE.warc[.gz]       a WARC archive: each HTML response of status 200\n"
                            "  any of them .gz or .zst  decompressed on the fly (told by content)\n"
                            "  DIR                  every .txt/.jsonl/.ndjson/.json/.html/.warc file\n"
                            "                       below it, sorted; the others are counted in one line\n"
                            "                       (names in any case; FIFOs, devices and links to\n"
                            "                       folders passed over: see -L)\n"
                            "\n";

/* the options (C99 promises string literals of 4095 bytes: the help is
 * several) */
static const char usage_options[] =
    "Options (a long option's value may follow an =, as --lang=fr; short\n"
    "options may be bundled, as -qj1):\n"
    "  -o, --output FILE    write records to FILE instead of stdout (- is\n"
    "                       stdout); FILE is replaced when the run ends, and\n"
    "                       never an input\n"
    "  -f, --output-format jsonl|csv\n"
    "                       record format (default jsonl)\n"
    "      --input-format txt|jsonl\n"
    "                       read stdin (and unknown extensions) this way\n"
    "                       (--format is an old name for it)\n"
    "      --lang fr|en     force the language (default: detect per article)\n"
    "      --encoding NAME  read the input in NAME (WINDOWS-1252, ISO-8859-15...:\n"
    "                       iconv -l), not UTF-8; without it, a .txt article\n"
    "                       that is not UTF-8 is read as Windows-1252 when it\n"
    "                       can be, with a warning (offsets count the UTF-8)\n"
    "      --beliefs        also report thoughts, wishes and intentions (\"X\n"
    "                       believes that\", \"wants to\", \"fears\"), act\n"
    "                       \"belief\", and questions put by an unnamed\n"
    "                       interviewer (\"Asked whether ..., X said\"):\n"
    "                       PolNeAR's scope (default: speech only)\n"
    "      --show segments  print paragraphs, sentences, zones and quotes\n"
    "                       instead of records (to see why)\n"
    "      --show features  the records with the candidates the trained\n"
    "                       scorer weighed (what `make train` reads)\n"
    "      --show text      the article as read, one JSON line each (id,\n"
    "                       lang, date, url, title, text): what a web page gave\n"
    "      --weights FILE   the scorer's weights from FILE instead of the\n"
    "                       built-in data/weights.tsv (for training)\n"
    "      --entities FILE  also write, per article, who is quoted: each\n"
    "                       speaker with its kind, attributions and mentions\n"
    "                       (of all records: the filters below leave it whole)\n"
    "      --bom            start CSV output with a UTF-8 byte-order mark, so\n"
    "                       that Excel reads it as UTF-8 (with -f csv only)\n"
    "      --max-doc-bytes N  skip articles over N bytes (default 16777216)\n"
    "      --chunk-size N   read input N bytes at a time (default 65536)\n"
    "\n";

/* the rest of the help (C99 promises string literals of 4095 bytes) */
static const char usage_rest[] = "Filters (records keep their ids, as numbered before filtering):\n"
                                 "      --min-confidence X  only records of confidence X or more (0 to 1,\n"
                                 "                       compared with the confidence as written)\n"
                                 "      --type direct,mixed  only records of these types (direct, mixed,\n"
                                 "                       indirect; comma-separated)\n"
                                 "      --speaker NAME   only records whose speaker's name or mention holds\n"
                                 "                       NAME, in any case and with or without accents\n"
                                 "\n";

/* (and the rest of it: a third literal, for the same reason) */
static const char usage_store[] =
    "Index (dixit index):\n"
    "      --db FILE|URL    the SQLite database to store into (required), or a\n"
    "                       PostgreSQL one: postgresql://[user@]host[:port]/db,\n"
    "                       postgres://..., or libpq's host=... dbname=...\n"
    "      --no-text        leave the articles' texts out of it (their hash stays)\n"
    "Search (dixit search --db FILE [WORDS]): --speaker, --outlet, --since,\n"
    "  --until, --act, --type, --lang, --gender, --min-confidence, --limit N,\n"
    "  -f jsonl|table; counts (dixit stats --db FILE --by speaker, outlet,\n"
    "  month, gender, act or lang): `dixit search --help`, `dixit stats --help`\n"
    "Serve (dixit serve --db FILE): --port N (default 8080; 0 any free one),\n"
    "  --bind ADDR (default 127.0.0.1), --threads N (default 2), --query-time\n"
    "  MS (default 2000), --quiet: `dixit serve --help`\n"
    "\n"
    "Running:\n"
    "  -L, --follow         follow links to folders met in a folder (links\n"
    "                       named on the command line are always followed)\n"
    "  -j, --jobs N         extract on N threads (default: all cores); the\n"
    "                       output is the same whatever N\n"
    "  -q, --quiet          no message about any input (exit status still 1)\n"
    "                       and no progress line (drawn only on a terminal)\n"
    "  -v, --verbose        end with a summary on stderr (articles read,\n"
    "                       skipped and why, records written, seconds), as\n"
    "                       on a terminal without -q\n"
    "  -h, --help           this help\n"
    "  -V, --version        print the version\n"
    "\n"
    "Exit status: 0 all input read; 1 some input could not be read or the\n"
    "output could not be written (the rest is still processed); 2 usage;\n"
    "130 or 143 stopped by SIGINT or SIGTERM (the output ends with a whole\n"
    "record, and -o FILE holds what was written).\n";

/* (one more literal: the runs cut into shards) */
static const char usage_shard[] =
    "Shards (docs/scale-out.md; scripts/slurm/run.sh and scripts/dask/dixit_bag.py):\n"
    "  dixit shard --parts N INPUT... --out DIR\n"
    "                       cut the inputs into N shards, every article once,\n"
    "                       in order: JSON Lines between lines into\n"
    "                       DIR/shard-NNNN.jsonl (--compress: gzipped), other\n"
    "                       files whole; DIR/manifest.tsv lists the pieces\n"
    "      --shard FILE     read shard FILE of dixit shard, not inputs: the\n"
    "                       whole run's records for its articles; with -o OUT,\n"
    "                       OUT.done is written when the shard is whole\n"
    "  dixit merge SHARD_OUT... [-o FILE]\n"
    "                       the shards' outputs, in shard order, joined: one\n"
    "                       extract's bytes; refused (status 1) when one is\n"
    "                       missing, failed or partial\n"
    "  dixit merge --db OUT.db SHARD.db...\n"
    "                       the databases of dixit index --shard, in shard\n"
    "                       order, joined into OUT.db: one index's database,\n"
    "                       linked over the whole; refused (status 1) when one\n"
    "                       is missing, not a done shard, or of another run\n"
    "\n";

/* Codes of the options with no short form. */
enum {
    OPT_INPUT_FORMAT = 256,
    OPT_FORMAT, /* the old name of --input-format */
    OPT_LANG,
    OPT_SHOW,
    OPT_WEIGHTS,
    OPT_ENTITIES,
    OPT_MAX_DOC,
    OPT_CHUNK,
    OPT_MIN_CONF,
    OPT_TYPE,
    OPT_SPEAKER,
    OPT_ENCODING,
    OPT_BOM,
    OPT_BELIEFS,
    OPT_DB,
    OPT_NO_TEXT,
    OPT_SHARD,
};

static const struct option long_options[] = {
    {"output", required_argument, NULL, 'o'},
    {"output-format", required_argument, NULL, 'f'},
    {"input-format", required_argument, NULL, OPT_INPUT_FORMAT},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"lang", required_argument, NULL, OPT_LANG},
    {"encoding", required_argument, NULL, OPT_ENCODING},
    {"show", required_argument, NULL, OPT_SHOW},
    {"weights", required_argument, NULL, OPT_WEIGHTS},
    {"entities", required_argument, NULL, OPT_ENTITIES},
    {"bom", no_argument, NULL, OPT_BOM},
    {"beliefs", no_argument, NULL, OPT_BELIEFS},
    {"db", required_argument, NULL, OPT_DB},
    {"no-text", no_argument, NULL, OPT_NO_TEXT},
    {"shard", required_argument, NULL, OPT_SHARD},
    {"max-doc-bytes", required_argument, NULL, OPT_MAX_DOC},
    {"chunk-size", required_argument, NULL, OPT_CHUNK},
    {"min-confidence", required_argument, NULL, OPT_MIN_CONF},
    {"type", required_argument, NULL, OPT_TYPE},
    {"speaker", required_argument, NULL, OPT_SPEAKER},
    {"follow", no_argument, NULL, 'L'},
    {"jobs", required_argument, NULL, 'j'},
    {"quiet", no_argument, NULL, 'q'},
    {"verbose", no_argument, NULL, 'v'},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0},
};

/* The leading "-" hands inputs back in order (code 1), so options may
 * follow them whatever POSIXLY_CORRECT says; ":" makes a missing value
 * ':' rather than getopt's own message. */
static const char short_options[] = "-:o:f:j:LqvhV";

/* A usage error: one line, then where to look. Returns the status, 2. */
static int usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("dixit: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputs("\nTry 'dixit --help'.\n", stderr);
    va_end(ap);
    return 2;
}

/* Prints s to stdout: 0, or 1 when stdout cannot take it. */
static int print(const char *s)
{
    fputs(s, stdout);
    return ferror(stdout) || fflush(stdout) ? 1 : 0;
}

static int print_help(void)
{
    return print(usage) || print(usage_options) || print(usage_rest) || print(usage_shard) || print(usage_store);
}

static int print_version(void)
{
    return print("dixit " DIXIT_VERSION "\n");
}

/* The index of val in the NULL-ended list, or -1. */
static int pick(const char *val, const char *const *choices)
{
    for (int i = 0; choices[i]; i++)
        if (strcmp(val, choices[i]) == 0)
            return i;
    return -1;
}

/* A whole positive number no larger than max. */
static int parse_size(const char *s, size_t max, size_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s || *end || v == 0 || v > max || s[0] == '-')
        return 0;
    *out = (size_t)v;
    return 1;
}

static int set_output_format(options *o, const char *val)
{
    static const char *const names[] = {"jsonl", "csv", NULL};
    static const dixit_format formats[] = {DIXIT_FORMAT_JSONL, DIXIT_FORMAT_CSV};
    int k = pick(val, names);
    if (k < 0)
        return usage_error("unknown output format '%s' (jsonl, csv)", val);
    o->fmt = formats[k];
    return -1;
}

static int set_input_format(options *o, const char *val)
{
    static const char *const names[] = {"txt", "jsonl", NULL};
    if (pick(val, names) < 0)
        return usage_error("unknown input format '%s' (txt, jsonl)", val);
    o->in_format = val;
    return -1;
}

static int set_lang(options *o, const char *val)
{
    static const char *const names[] = {"fr", "en", "und", NULL};
    if (pick(val, names) < 0)
        return usage_error("unknown language '%s' (fr, en, und)", val);
    o->lang = val;
    return -1;
}

/* --show: the view replaces -f whatever their order, so it is kept apart
 * and applied at the end. */
static int set_show(int *show, const char *val)
{
    static const char *const names[] = {"segments", "features", "text", NULL};
    int k = pick(val, names);
    if (k < 0)
        return usage_error("--show takes 'segments', 'features' or 'text'");
    *show = k + 1;
    return -1;
}

static int set_size(size_t *out, const char *val, size_t max, const char *what)
{
    return parse_size(val, max, out) ? -1 : usage_error("%s", what);
}

static int set_jobs(options *o, const char *val)
{
    size_t j;
    if (!parse_size(val, 256, &j))
        return usage_error("--jobs needs a number from 1 to 256");
    o->jobs = (int)j;
    return -1;
}

/* One option: -1 to go on, else the exit status. */
static int set_option(options *o, int *show, int code, const char *val)
{
    switch (code) {
    case 1:
        o->inputs[o->ninputs++] = val;
        return -1;
    case 'o':
        o->out_path = strcmp(val, "-") == 0 ? NULL : val;
        return -1;
    case 'f': return set_output_format(o, val);
    case OPT_FORMAT:
        fputs("dixit: --format is deprecated; use --input-format\n", stderr);
        return set_input_format(o, val);
    case OPT_INPUT_FORMAT: return set_input_format(o, val);
    case OPT_LANG: return set_lang(o, val);
    case OPT_ENCODING:
        if (intake_check_encoding(val) != 0)
            return usage_error("unknown encoding '%s' (see iconv -l)", val);
        o->encoding = val;
        return -1;
    case OPT_SHOW: return set_show(show, val);
    case OPT_WEIGHTS: o->weights_path = val; return -1;
    case OPT_ENTITIES: o->entities_path = val; return -1;
    case OPT_BOM: o->bom = 1; return -1;
    case OPT_BELIEFS: o->beliefs = 1; return -1;
    case OPT_DB: o->db_path = val; return -1;
    case OPT_NO_TEXT: o->no_text = 1; return -1;
    case OPT_SHARD: o->shard_path = val; return -1;
    case OPT_MAX_DOC:
        return set_size(&o->max_doc, val, (size_t)-1, "--max-doc-bytes needs a positive number");
    case OPT_CHUNK:
        return set_size(&o->chunk, val, (size_t)1 << 30, "--chunk-size needs a number from 1 to 2^30");
    case OPT_MIN_CONF:
        if (filter_set_min_confidence(&o->filt, val) != 0)
            return usage_error("--min-confidence needs a number from 0 to 1");
        return -1;
    case OPT_TYPE:
        if (filter_set_types(&o->filt, val) != 0)
            return usage_error("--type takes direct, mixed, indirect or a list of them (direct,mixed)");
        return -1;
    case OPT_SPEAKER:
        if (filter_set_speaker(&o->filt, val) != 0)
            return usage_error("--speaker needs a name in UTF-8");
        return -1;
    case 'j': return set_jobs(o, val);
    case 'L': o->follow = 1; return -1;
    case 'q': o->quiet = 1; return -1;
    case 'v': o->verbose = 1; return -1;
    case 'h': return print_help();
    case 'V': return print_version();
    }
    return 2; /* not reached: every code of the table is above */
}

/* getopt_long's '?' or ':' as one line. cur is the argument getopt was
 * reading: a long option is named as typed, a short one by its letter
 * (it may sit inside a bundle). */
static int option_error(int code, const char *cur)
{
    int is_long = cur && strncmp(cur, "--", 2) == 0;
    if (code == ':' && is_long)
        return usage_error("option %s needs a value", cur);
    if (code == ':')
        return usage_error("option -%c needs a value", optopt);
    if (is_long)
        return usage_error("unknown option '%s'", cur);
    return usage_error("unknown option '-%c'", optopt);
}

static int parse_extract(options *o, int argc, char **argv)
{
    int show = 0;
    opterr = 0;
    optind = 1;
    for (;;) {
        const char *cur = optind < argc ? argv[optind] : NULL;
        int code = getopt_long(argc, argv, short_options, long_options, NULL);
        if (code == -1)
            break;
        int status = code == '?' || code == ':' ? option_error(code, cur) : set_option(o, &show, code, optarg);
        if (status >= 0)
            return status;
    }
    while (optind < argc) /* after -- */
        o->inputs[o->ninputs++] = argv[optind++];
    if (show)
        o->fmt = show == 1 ? DIXIT_FORMAT_SEGMENTS : show == 2 ? DIXIT_FORMAT_FEATURES : DIXIT_FORMAT_TEXT;
    if (o->filt.on && (o->fmt == DIXIT_FORMAT_SEGMENTS || o->fmt == DIXIT_FORMAT_TEXT))
        return usage_error("--min-confidence, --type and --speaker select records; --show %s has none",
                           o->fmt == DIXIT_FORMAT_TEXT ? "text" : "segments");
    if (o->bom && o->fmt != DIXIT_FORMAT_CSV)
        return usage_error("--bom goes with -f csv (a byte-order mark is for spreadsheets)");
    if (o->shard_path && o->ninputs)
        return usage_error("--shard reads the inputs its manifest lists: no FILE beside it");
    if (o->ninputs == 0 && !o->shard_path)
        o->inputs[o->ninputs++] = "-";
    return -1;
}

/* What comes before the command: help, version, or a mistake; *text
 * set for `dixit text`, *index for `dixit index`. */
static int parse_command(const char *cmd, bool *text, bool *index)
{
    *text = strcmp(cmd, "text") == 0;
    *index = strcmp(cmd, "index") == 0;
    if (*text || *index)
        return -1;
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0)
        return print_help();
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0)
        return print_version();
    if (cmd[0] == '-')
        return usage_error("unknown option '%s'", cmd);
    if (strcmp(cmd, "extract") != 0)
        return usage_error("unknown command '%s'", cmd);
    return -1;
}

/* What `dixit index` needs, and what only it takes. */
static int check_index(options *o, bool index)
{
    if (!index)
        return o->db_path || o->no_text ? usage_error("--db and --no-text go with dixit index") : -1;
    if (!o->db_path)
        return usage_error(
            "dixit index needs --db FILE (the SQLite database to store into, or a postgresql:// URL)");
    if (o->out_path || o->entities_path || o->fmt != DIXIT_FORMAT_JSONL || o->bom)
        return usage_error("dixit index writes to its database: no -o, -f, --show, --entities or --bom");
    o->index = 1;
    return -1;
}

int options_parse(options *o, int argc, char **argv)
{
    memset(o, 0, sizeof *o);
    o->chunk = 65536;
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    o->jobs = ncpu > 0 ? (ncpu > 256 ? 256 : (int)ncpu) : 1;
    if (argc < 2) {
        fputs("usage: dixit extract|text|index|search [options] [FILE|DIR|-]...\nTry 'dixit --help'.\n",
              stderr);
        return 2;
    }
    bool text = false, index = false;
    int status = parse_command(argv[1], &text, &index);
    if (status >= 0)
        return status;
    o->inputs = calloc((size_t)argc, sizeof *o->inputs);
    if (!o->inputs) {
        fputs("dixit: out of memory\n", stderr);
        return 1;
    }
    /* the command is getopt's argv[0] */
    status = parse_extract(o, argc - 1, argv + 1);
    if (status < 0 && text) {
        if (o->fmt != DIXIT_FORMAT_JSONL && o->fmt != DIXIT_FORMAT_TEXT)
            return usage_error("dixit text writes JSON lines of articles: no -f or --show");
        if (o->filt.on)
            return usage_error("--min-confidence, --type and --speaker select records; dixit text has none");
        o->fmt = DIXIT_FORMAT_TEXT;
    }
    if (status < 0)
        status = check_index(o, index);
    return status;
}

void options_free(options *o)
{
    filter_free(&o->filt);
    free(o->inputs);
    o->inputs = NULL;
}
