/*
 * export.c: `dixit export --db FILE --quotebank [-f jsonl|csv]`. One
 * line per quotation (the same words across articles, merged by the
 * store), with Quotebank's fields, so its users' tools read it:
 * quoteID (the first date and 12 hex digits of a hash of the text and
 * of its first occurrence's record id: unique, and the same quotation
 * keeps its id when the corpus grows, unless an earlier or longer
 * occurrence comes), quotation (its longest form), speaker
 * (the one most of its occurrences name, "None" when none), qids (empty:
 * no knowledge base here), date (first seen), numOccurrences, probas
 * (each speaker named and the share of occurrences naming it, as
 * Quotebank writes them: strings of four decimals), urls (its articles,
 * first seen first: the URL, else the article's id).
 */
#define _POSIX_C_SOURCE 200809L
#include "export.h"
#include "stats.h"
#include "store.h"

#include <cjson/cJSON.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static const char export_usage[] =
    "usage: dixit export --db FILE --quotebank [-f jsonl|csv]\n"
    "Writes the quotations of a database written by `dixit index`, the same\n"
    "quotation across articles merged, one per line with Quotebank's fields\n"
    "(quoteID, quotation, speaker, qids, date, numOccurrences, probas, urls).\n"
    "  -f jsonl|csv     JSON lines (default), or CSV with a header (probas as\n"
    "                   JSON, urls space-separated)\n";

static int export_error(const char *what)
{
    fprintf(stderr, "dixit export: %s\nTry 'dixit export --help'.\n", what);
    return 2;
}

/* quoteID: the first date, then 12 hex digits of the FNV-1a of the text
 * and of the first occurrence's record id (two quotations of one text,
 * "absurde" said by two people, are two ids). */
static void quote_id(const store_quote *q, char *out, size_t cap)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (const unsigned char *s = (const unsigned char *)q->text; *s; s++)
        h = (h ^ *s) * 0x100000001b3ull;
    h = (h ^ 0xFF) * 0x100000001b3ull; /* (a byte no UTF-8 text holds, between them) */
    for (const unsigned char *s = (const unsigned char *)(q->first_id ? q->first_id : ""); *s; s++)
        h = (h ^ *s) * 0x100000001b3ull;
    snprintf(out, cap, "%s-%012llx", q->first_date ? q->first_date : "0000-00-00",
             (unsigned long long)(h & 0xFFFFFFFFFFFFull));
}

/* The record of q (a new cJSON object, NULL on no memory). */
static cJSON *quote_json(const store_quote *q)
{
    char id[64];
    quote_id(q, id, sizeof id);
    cJSON *o = cJSON_CreateObject(), *probas = cJSON_CreateArray(), *urls = cJSON_CreateArray();
    cJSON_AddItemToObject(o, "quoteID", cJSON_CreateString(id));
    cJSON_AddItemToObject(o, "quotation", cJSON_CreateString(q->text));
    cJSON_AddItemToObject(o, "speaker", cJSON_CreateString(q->nnames ? q->names[0] : "None"));
    cJSON_AddItemToObject(o, "qids", cJSON_CreateArray());
    cJSON_AddItemToObject(o, "date", q->first_date ? cJSON_CreateString(q->first_date) : cJSON_CreateNull());
    cJSON_AddItemToObject(o, "numOccurrences", cJSON_CreateNumber((double)q->occurrences));
    for (int k = 0; k < q->nnames; k++) {
        char share[16];
        snprintf(share, sizeof share, "%.4f",
                 q->occurrences ? (double)q->counts[k] / (double)q->occurrences : 0.0);
        cJSON *pair = cJSON_CreateArray();
        cJSON_AddItemToArray(pair, cJSON_CreateString(q->names[k]));
        cJSON_AddItemToArray(pair, cJSON_CreateString(share));
        cJSON_AddItemToArray(probas, pair);
    }
    cJSON_AddItemToObject(o, "probas", probas);
    for (int k = 0; k < q->nurls; k++)
        cJSON_AddItemToArray(urls, cJSON_CreateString(q->urls[k]));
    cJSON_AddItemToObject(o, "urls", urls);
    return o;
}

static void write_quote(void *ctx, const store_quote *q)
{
    bool csv = *(const bool *)ctx;
    cJSON *o = quote_json(q);
    if (!csv) {
        char *line = o ? cJSON_PrintUnformatted(o) : NULL;
        if (line)
            puts(line);
        cJSON_free(line);
    } else if (o) {
        static const char *const keys[] = {"quoteID", "quotation", "speaker", "date"};
        for (int k = 0; k < 4; k++) {
            const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, keys[k]);
            csv_field(cJSON_IsString(v) ? v->valuestring : "", true);
            putchar(',');
        }
        char *probas = cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(o, "probas"));
        printf("%ld,", q->occurrences);
        csv_field(probas ? probas : "[]", true);
        cJSON_free(probas);
        putchar(',');
        putchar('"');
        for (int k = 0; k < q->nurls; k++)
            printf("%s%s", k ? " " : "", q->urls[k]); /* (a URL holds no quote: RFC 3986) */
        puts("\"");
    }
    cJSON_Delete(o);
}

int export_main(int argc, char **argv)
{
    static const struct option longs[] = {
        {"db", required_argument, NULL, 'd'},
        {"quotebank", no_argument, NULL, 'Q'},
        {"output-format", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *db = NULL;
    bool quotebank = false, csv = false;
    opterr = 0;
    optind = 1;
    for (int c; (c = getopt_long(argc, argv, "+:f:h", longs, NULL)) != -1;) {
        if (c == 'd')
            db = optarg;
        else if (c == 'Q')
            quotebank = true;
        else if (c == 'f' && (!strcmp(optarg, "jsonl") || !strcmp(optarg, "csv")))
            csv = !strcmp(optarg, "csv");
        else if (c == 'h')
            return fputs(export_usage, stdout) < 0;
        else
            return export_error(c == 'f' ? "-f takes jsonl or csv"
                                         : "unknown option, or an option without its value");
    }
    if (!db || !quotebank || optind < argc)
        return export_error(!db          ? "--db FILE is required"
                            : !quotebank ? "--quotebank is required (the one format)"
                                         : "no words here");
    store *s = store_open_read(db);
    if (!s)
        return 1;
    char msg[1024];
    if (csv)
        puts("quoteID,quotation,speaker,date,numOccurrences,probas,urls");
    long n = store_quotations(s, write_quote, &csv, msg, sizeof msg);
    if (n < 0)
        fprintf(stderr, "dixit: %s\n", msg);
    store_close(s);
    return n < 0 ? 1 : 0;
}
