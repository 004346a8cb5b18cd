/*
 * search.c: `dixit search --db FILE [--speaker NAME] [--limit N]
 * [-f jsonl|table] [WORDS]`. The words go to the full-text index (each a
 * word, "a phrase" kept whole, pref* a prefix; accents and case aside);
 * with none, the latest attributions. Results come best first, then
 * newest, one JSON line each, or as a table (the default on a terminal).
 */
#define _POSIX_C_SOURCE 200809L
#include "search.h"
#include "query.h"
#include "store.h"

#include <cjson/cJSON.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char search_usage[] =
    "usage: dixit search --db FILE [filters] [--limit N] [-f jsonl|table] [WORDS...]\n"
    "Finds attributions in a database written by `dixit index`: WORDS in\n"
    "the quotation or the speaker's name (accents and case aside; \"a\n"
    "phrase\" in quotes; pref* for a prefix), best first, then newest.\n"
    "  --db FILE        the database (required)\n"
    "  --speaker NAME   only this speaker (the name, or its last word)\n"
    "  --outlet SITE    only articles of this site (og:site_name, or host)\n"
    "  --since DATE, --until DATE  only articles of these dates, inclusive\n"
    "                   (YYYY, YYYY-MM or YYYY-MM-DD)\n"
    "  --act ACT        only this speech act (statement, announcement, ...)\n"
    "  --type TYPE      only direct, mixed or indirect\n"
    "  --lang fr|en     only articles in this language\n"
    "  --gender G       only speakers of this gender: female, male, unknown\n"
    "  --min-confidence X  only records of confidence X or more\n"
    "  --limit N        at most N results (default 20; 0 for all)\n"
    "  -f jsonl|table   one JSON line per result, or a table (the default\n"
    "                   on a terminal)\n";

const char *store_query_option(store_query *q, int c, const char *v)
{
    char *end;
    switch (c) {
    case 's': q->speaker = v; return NULL;
    case 'o': q->outlet = v; return NULL;
    case 'a': q->act = v; return NULL;
    case 'S': q->since = v; return query_is_date(v) ? NULL : "--since needs a date: YYYY, YYYY-MM or YYYY-MM-DD";
    case 'U': q->until = v; return query_is_date(v) ? NULL : "--until needs a date: YYYY, YYYY-MM or YYYY-MM-DD";
    case 't':
        q->type = v;
        return !strcmp(v, "direct") || !strcmp(v, "mixed") || !strcmp(v, "indirect")
                   ? NULL
                   : "--type takes direct, mixed or indirect";
    case 'l': q->lang = v; return !strcmp(v, "fr") || !strcmp(v, "en") ? NULL : "--lang takes fr or en";
    case 'g':
        q->gender = v;
        return !strcmp(v, "female") || !strcmp(v, "male") || !strcmp(v, "unknown")
                   ? NULL
                   : "--gender takes female, male or unknown";
    case 'c':
        q->min_confidence = strtod(v, &end);
        return end != v && !*end && q->min_confidence >= 0 && q->min_confidence <= 1
                   ? NULL
                   : "--min-confidence needs a number from 0 to 1";
    case 'n':
        q->limit = strtol(v, &end, 10);
        return end != v && !*end && q->limit >= 0 ? NULL : "--limit needs a number (0 for all)";
    case 'f': return "-f takes jsonl or table";
    }
    return "unknown option, or an option without its value";
}

static int search_error(const char *what)
{
    fprintf(stderr, "dixit search: %s\nTry 'dixit search --help'.\n", what);
    return 2;
}

/* A table row: date, site, speaker, the quotation cut to fit a line. */
static void print_table_row(void *ctx, const char *json)
{
    (void)ctx;
    cJSON *o = cJSON_Parse(json);
    const char *k[] = {"date", "site", "speaker", "quotation"};
    const char *v[4];
    for (int i = 0; i < 4; i++) {
        const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, k[i]);
        v[i] = cJSON_IsString(x) ? x->valuestring : "-";
    }
    printf("%-10.10s  %-18.18s  %-22.22s  %.90s\n", v[0], v[1], v[2], v[3]);
    cJSON_Delete(o);
}

static void print_json_row(void *ctx, const char *json)
{
    (void)ctx;
    puts(json);
}

/* The words after the options, joined by spaces (NULL for none). */
static char *join_words(int argc, char **argv, int from)
{
    size_t n = 1;
    for (int i = from; i < argc; i++)
        n += strlen(argv[i]) + 1;
    char *s = from < argc ? calloc(1, n) : NULL;
    for (int i = from; s && i < argc; i++) {
        if (i > from)
            strcat(s, " ");
        strcat(s, argv[i]);
    }
    return s;
}

int search_main(int argc, char **argv)
{
    static const struct option longs[] = {STORE_QUERY_OPTIONS, {NULL, 0, NULL, 0}};
    const char *db = NULL;
    store_query q = {.min_confidence = -1, .limit = 20};
    int table = isatty(1);
    opterr = 0;
    optind = 1;
    for (int c; (c = getopt_long(argc, argv, "+:f:h", longs, NULL)) != -1;) {
        const char *wrong = NULL;
        if (c == 'd')
            db = optarg;
        else if (c == 'f' && (!strcmp(optarg, "jsonl") || !strcmp(optarg, "table")))
            table = !strcmp(optarg, "table");
        else if (c == 'h')
            return fputs(search_usage, stdout) < 0;
        else
            wrong = store_query_option(&q, c == '?' || c == ':' ? 0 : c, optarg);
        if (wrong)
            return search_error(wrong);
    }
    if (!db)
        return search_error("--db FILE is required");
    store *s = store_open_read(db);
    if (!s)
        return 1;
    char msg[1024];
    char *words = join_words(argc, argv, optind);
    q.text = words;
    long n = store_search(s, &q, table ? print_table_row : print_json_row, NULL, msg, sizeof msg);
    if (n < 0)
        fprintf(stderr, "dixit: %s\n", msg);
    free(words);
    store_close(s);
    return n < 0 ? 1 : 0;
}
