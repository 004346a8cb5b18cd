/*
 * stats.c: `dixit stats --db FILE --by KIND[,KIND...] [filters] [--limit
 * N] [-f csv|table]`. One row per group: its values, the attributions,
 * the people quoted (distinct persons), the women and the men among them
 * (persons whose gender the store decided), and the share of women among
 * those of known gender (the Gender Gap Tracker's figure), empty when
 * none is known. Most attributions first.
 */
#define _POSIX_C_SOURCE 200809L
#include "stats.h"
#include "search.h"
#include "store.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char stats_usage[] =
    "usage: dixit stats --db FILE --by KIND[,KIND...] [filters] [--limit N] [-f csv|table]\n"
    "Counts the attributions of a database written by `dixit index`, and the\n"
    "people quoted, by KIND: speaker, outlet, month, gender, act, lang (a\n"
    "comma-separated list groups by each: --by outlet,gender). Each row: the\n"
    "groups, attributions, people, women, men, and the share of women among\n"
    "the people of known gender. Most attributions first.\n"
    "  filters          those of dixit search (--speaker, --outlet, --since,\n"
    "                   --until, --act, --type, --lang, --gender,\n"
    "                   --min-confidence: see dixit search --help)\n"
    "  --limit N        at most N rows (default: all)\n"
    "  -f csv|table     CSV with a header (the default off a terminal), or a table\n";

typedef struct out {
    int nby;
    bool table;
} out;

static int stats_error(const char *what)
{
    fprintf(stderr, "dixit stats: %s\nTry 'dixit stats --help'.\n", what);
    return 2;
}

void csv_field(const char *s, bool always)
{
    if (!always && !strpbrk(s, ",\"\n\r")) {
        fputs(s, stdout);
        return;
    }
    putchar('"');
    for (; *s; s++) {
        if (*s == '"')
            putchar('"');
        putchar(*s);
    }
    putchar('"');
}

static void print_row(void *ctx, const char *const *values, long attributions, long people, long women,
                      long men)
{
    const out *o = ctx;
    for (int i = 0; i < o->nby; i++) {
        if (o->table) {
            printf("%-24.24s  ", values[i] && values[i][0] ? values[i] : "-");
        } else {
            csv_field(values[i] ? values[i] : "", false);
            putchar(',');
        }
    }
    char share[16] = "";
    if (women + men)
        snprintf(share, sizeof share, "%.3f", (double)women / (double)(women + men));
    if (o->table)
        printf("%8ld %8ld %6ld %6ld  %s\n", attributions, people, women, men, share[0] ? share : "-");
    else
        printf("%ld,%ld,%ld,%ld,%s\n", attributions, people, women, men, share);
}

/* --by: the kinds, comma-separated, into by (STAT_KINDS at most); their
 * count, or -1 for a word that is none. */
static int parse_by(const char *v, int *by)
{
    int n = 0;
    for (const char *s = v; *s && n < STAT_KINDS;) {
        size_t l = strcspn(s, ",");
        int k = 0;
        while (store_stat_name(k) && (strlen(store_stat_name(k)) != l || strncmp(store_stat_name(k), s, l)))
            k++;
        if (!store_stat_name(k))
            return -1;
        by[n++] = k;
        s += l + (s[l] == ',');
    }
    return n ? n : -1;
}

static void print_header(const out *o, const int *by)
{
    static const char *const counts[] = {"attributions", "people", "women", "men", "women_share"};
    for (int i = 0; i < o->nby; i++)
        printf(o->table ? "%-24s  " : "%s,", store_stat_name(by[i]));
    if (o->table)
        printf("%8s %8s %6s %6s  %s\n", counts[0], counts[1], counts[2], counts[3], counts[4]);
    else
        printf("%s,%s,%s,%s,%s\n", counts[0], counts[1], counts[2], counts[3], counts[4]);
}

int stats_main(int argc, char **argv)
{
    static const struct option longs[] = {
        STORE_QUERY_OPTIONS, {"by", required_argument, NULL, 'b'}, {NULL, 0, NULL, 0}};
    const char *db = NULL;
    int by[STAT_KINDS], nby = 0;
    store_query q = {.min_confidence = -1, .limit = 0};
    out o = {0, isatty(1) != 0};
    opterr = 0;
    optind = 1;
    for (int c; (c = getopt_long(argc, argv, "+:f:h", longs, NULL)) != -1;) {
        const char *wrong = NULL;
        if (c == 'd')
            db = optarg;
        else if (c == 'b')
            wrong = (nby = parse_by(optarg, by)) < 0 ? "--by takes speaker, outlet, month, gender, act, lang"
                                                     : NULL;
        else if (c == 'f')
            wrong = !strcmp(optarg, "csv") || !strcmp(optarg, "table") ? NULL : "-f takes csv or table";
        else if (c == 'h')
            return fputs(stats_usage, stdout) < 0;
        else
            wrong = store_query_option(&q, c == '?' || c == ':' ? 0 : c, optarg);
        if (c == 'f' && !wrong)
            o.table = !strcmp(optarg, "table");
        if (wrong)
            return stats_error(wrong);
    }
    if (!db || nby <= 0 || optind < argc)
        return stats_error(!db        ? "--db FILE is required"
                           : nby <= 0 ? "--by KIND is required"
                                      : "no words here");
    store *s = store_open_read(db);
    if (!s)
        return 1;
    char msg[1024];
    o.nby = nby;
    print_header(&o, by);
    long n = store_stats(s, &q, by, nby, print_row, &o, msg, sizeof msg);
    if (n < 0)
        fprintf(stderr, "dixit: %s\n", msg);
    store_close(s);
    return n < 0 ? 1 : 0;
}
