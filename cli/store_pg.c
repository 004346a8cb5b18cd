/*
 * store_pg.c: the corpus in PostgreSQL (libpq), for many machines
 * indexing into one database at once.
 *
 * The tables are the SQLite store's (docs/store.md), with PostgreSQL's
 * types, every text column COLLATE "C" (so comparisons, LIKE and case
 * folding behave as SQLite's BINARY and NOCASE do), a tsvector column in
 * place of the FTS5 table, and articles.ord, an article's place in the
 * whole run, which orders what SQLite orders by rowid.
 *
 * A run of `dixit index` copies its articles and records (COPY … FROM
 * STDIN, a batch at a time) into temporary tables of its own session,
 * which no other session sees and which die with it: a run killed at any
 * moment leaves nothing. At the end one transaction, under an advisory
 * lock so that runs move one at a time, applies the replace rule and
 * moves the rows into the tables; then the speakers are linked and the
 * quotations grouped over the whole database, each in a transaction
 * under the same lock. Every step after the copy reads the database as
 * it is, so the last run to finish leaves what one run would.
 *
 * Sections: connection and messages; schema; a batch; the move; linking;
 * quotations; search and counts; export.
 */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include "store_pg.h"
#include "filter.h"
#include "gender.h"
#include "lazylib.h"
#include "link.h"
#include "merge.h"
#include "store_util.h"

#include <cjson/cJSON.h>
#include <libpq-fe.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define APP_ID 0x44584954      /* "DXIT": dixit_schema.application_id */
#define LOCK_SCHEMA 0x44584953 /* advisory lock keys: making the schema, */
#define LOCK_DATA 0x44584954   /* moving, linking, grouping; */
#define LOCK_LOAD 0x44584955   /* and held (shared) by every run while it loads */
#define RUN_FIRST 1048576      /* the first run number: above any shard's (99999 at most) */

/* PostgreSQL's type oids of the numbers a search returns (pg_type.h is
 * the server's header, not libpq's) */
#define OID_INT8 20
#define OID_INT4 23
#define OID_FLOAT8 701

/* A growing buffer of COPY text (rows of tab-separated fields). */
typedef store_buf pgbuf;

struct store_pg {
    PGconn *c;
    char where[512];   /* the URL, its password left out: for messages */
    long long base;    /* ord of the run's first article, less one */
    long long docs;    /* articles staged by this run */
    long long records; /* records staged */
    bool staging;      /* the temporary tables exist */
    bool last;         /* no other run was loading when this one moved its rows */
    /* the articles of the batch being copied: ids and ords */
    char **ids;
    long long *ords;
    size_t nids, cap_ids, at;
    pgbuf arts, recs;
};

/* ------------------------------------------------------------------ */
/* Connection and messages */

bool store_pg_url(const char *db)
{
    return !strncmp(db, "postgresql://", 13) || !strncmp(db, "postgres://", 11) || !strncmp(db, "host=", 5) ||
           !strncmp(db, "dbname=", 7);
}

/* url into out without its password: the user:password@ of a URL and
 * any password=… (a URL's parameter, or a keyword). */
void store_pg_redact(const char *url, char *out, size_t cap)
{
    size_t j = 0;
    const char *at = strchr(url, '@'), *scheme = strstr(url, "://");
    const char *colon = scheme && at ? memchr(scheme + 3, ':', (size_t)(at - scheme - 3)) : NULL;
    for (const char *s = url; *s && j + 1 < cap;) {
        if (colon && s == colon) { /* user:password@ → user@ */
            s = at;
            continue;
        }
        if (!strncmp(s, "password=", 9) && (s == url || strchr("?& ", s[-1]))) {
            s += strcspn(s, "& ");
            while (j && strchr("?& ", out[j - 1]) && out[j - 1] != '?')
                j--; /* the separator before it goes too */
            continue;
        }
        out[j++] = *s++;
    }
    out[j] = 0;
}

__attribute__((format(printf, 3, 4))) static void say(char *msg, size_t cap, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, cap, fmt, ap);
    va_end(ap);
}

/* What the server (or libpq) said, on one line: the primary message of
 * res when there is one, else the connection's. */
static void pg_error(store_pg *p, const PGresult *res, const char *what, char *msg, size_t cap)
{
    const char *e = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    char line[600];
    size_t j = 0;
    bool space = false;
    for (const char *s = e ? e : PQerrorMessage(p->c); *s && j + 1 < sizeof line; s++) {
        if (*s == '\n' || *s == '\t' || *s == ' ')
            space = j > 0;
        else {
            if (space)
                line[j++] = ' ';
            space = false;
            line[j++] = *s;
        }
    }
    line[j] = 0;
    say(msg, cap, "%s: %s%s%s", p->where, what ? what : "", what ? ": " : "", j ? line : "no answer");
}

/* Runs sql (params: n values, NULL for NULL); true when the server did
 * it. The result, when out, is the caller's to PQclear. */
static bool run(store_pg *p, const char *sql, int n, const char *const *vals, PGresult **out, char *msg,
                size_t cap)
{
    PGresult *r = n ? PQexecParams(p->c, sql, n, NULL, vals, NULL, NULL, 0) : PQexec(p->c, sql);
    ExecStatusType st = PQresultStatus(r);
    bool ok = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK;
    if (!ok)
        pg_error(p, r, NULL, msg, cap);
    if (ok && out)
        *out = r;
    else
        PQclear(r);
    return ok;
}

/* Leaves a failed transaction (nothing of it stays). */
static int roll_back(store_pg *p)
{
    PQclear(PQexec(p->c, "ROLLBACK"));
    return -1;
}

/* Opens a transaction holding the lock key (released at its end). */
static bool begin_locked(store_pg *p, const char *key, char *msg, size_t cap)
{
    const char *v[] = {key};
    if (!run(p, "BEGIN", 0, NULL, NULL, msg, cap))
        return false;
    if (run(p, "SELECT pg_advisory_xact_lock($1::bigint)", 1, v, NULL, msg, cap))
        return true;
    roll_back(p);
    return false;
}

static bool commit(store_pg *p, char *msg, size_t cap)
{
    if (run(p, "COMMIT", 0, NULL, NULL, msg, cap))
        return true;
    roll_back(p);
    return false;
}

/* Each row of sql's result through fn, a row at a time (single-row
 * mode: a result of millions of rows is never held whole). fn returns
 * false to be called no more (no memory). The rows, or -1. */
static long each_row(store_pg *p, const char *sql, int n, const char *const *vals,
                     bool (*fn)(void *ctx, const PGresult *r), void *ctx, char *msg, size_t cap)
{
    if (!PQsendQueryParams(p->c, sql, n, NULL, vals, NULL, NULL, 0)) {
        pg_error(p, NULL, NULL, msg, cap);
        return -1;
    }
    PQsetSingleRowMode(p->c);
    long rows = 0;
    bool ok = true, stopped = false;
    for (PGresult *r; (r = PQgetResult(p->c)) != NULL; PQclear(r)) {
        ExecStatusType st = PQresultStatus(r);
        if (st == PGRES_SINGLE_TUPLE && !stopped) {
            stopped = !fn(ctx, r);
            rows++;
        } else if (st != PGRES_SINGLE_TUPLE && st != PGRES_TUPLES_OK && ok) {
            pg_error(p, r, NULL, msg, cap);
            ok = false;
        }
    }
    if (ok && stopped)
        say(msg, cap, "%s: out of memory", p->where);
    return ok && !stopped ? rows : -1;
}

/* A value of row r (NULL for SQL NULL). */
static const char *val(const PGresult *r, int col)
{
    return PQgetisnull(r, 0, col) ? NULL : PQgetvalue(r, 0, col);
}

static long long num(const PGresult *r, int col)
{
    return PQgetisnull(r, 0, col) ? 0 : strtoll(PQgetvalue(r, 0, col), NULL, 10);
}

/* ------------------------------------------------------------------ */
/* Schema */

/* The newest articles first, in the order of a search without words
 * (date DESC NULLS LAST, then place): the server walks it and stops at a
 * page's end, where articles_date alone (NULLS FIRST backwards) had it
 * sort every attribution (73 ms to 0.7 ms for 14,617). Made by every
 * writing run when missing, so that a database of an earlier dixit gets
 * it too (an index adds no column: the schema's version stays 1). */
#define NEWEST_INDEX "CREATE INDEX IF NOT EXISTS articles_newest ON articles (date DESC NULLS LAST, ord)"

/* Version 1 in PostgreSQL: docs/store.md's tables, in an order that
 * creates what each refers to first. */
static const char schema_sql[] =
    "CREATE TABLE dixit_schema (application_id integer NOT NULL, version integer NOT NULL);\n"
    "CREATE SEQUENCE dixit_runs START 1048576;\n"
    "CREATE TABLE articles (\n"
    "  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,\n"
    "  doc text COLLATE \"C\" NOT NULL UNIQUE,\n"
    "  path text COLLATE \"C\", url text COLLATE \"C\", title text COLLATE \"C\", site text COLLATE \"C\",\n"
    "  date text COLLATE \"C\", authors text COLLATE \"C\", lang text COLLATE \"C\",\n"
    "  hash text COLLATE \"C\" NOT NULL,\n"
    "  chars bigint NOT NULL,\n"
    "  text text COLLATE \"C\",\n"
    "  ord bigint NOT NULL\n"
    ");\n"
    "CREATE INDEX articles_hash ON articles(hash);\n"
    "CREATE INDEX articles_date ON articles(date);\n"
    "CREATE INDEX articles_site ON articles(site);\n"
    "CREATE INDEX articles_ord ON articles(ord);\n" NEWEST_INDEX ";\n"
    "CREATE TABLE speakers (\n"
    "  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,\n"
    "  name text COLLATE \"C\" NOT NULL UNIQUE,\n"
    "  kind text COLLATE \"C\",\n"
    "  person bigint,\n"
    "  link text COLLATE \"C\"\n"
    ");\n"
    "CREATE TABLE persons (\n"
    "  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,\n"
    "  name text COLLATE \"C\" NOT NULL,\n"
    "  kind text COLLATE \"C\",\n"
    "  head bigint NOT NULL UNIQUE REFERENCES speakers(id),\n"
    "  gender text COLLATE \"C\",\n"
    "  gender_evidence text COLLATE \"C\"\n"
    ");\n"
    "CREATE INDEX persons_name ON persons(name);\n"
    "ALTER TABLE speakers ADD FOREIGN KEY (person) REFERENCES persons(id);\n"
    "CREATE INDEX speakers_person ON speakers(person);\n"
    "CREATE TABLE quotations (\n"
    "  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,\n"
    "  text text COLLATE \"C\" NOT NULL,\n"
    "  speaker text COLLATE \"C\",\n"
    "  person bigint REFERENCES persons(id) ON DELETE SET NULL,\n"
    "  first_article bigint REFERENCES articles(id) ON DELETE SET NULL,\n"
    "  first_date text COLLATE \"C\",\n"
    "  occurrences bigint NOT NULL,\n"
    "  outlets bigint NOT NULL\n"
    ");\n"
    "CREATE TABLE attributions (\n"
    "  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,\n"
    "  article bigint NOT NULL REFERENCES articles(id) ON DELETE CASCADE,\n"
    "  rid text COLLATE \"C\" NOT NULL,\n"
    "  type text COLLATE \"C\" NOT NULL,\n"
    "  quotation text COLLATE \"C\" NOT NULL,\n"
    "  start bigint NOT NULL, \"end\" bigint NOT NULL,\n"
    "  start_byte bigint NOT NULL, end_byte bigint NOT NULL,\n"
    "  parts text COLLATE \"C\" NOT NULL,\n"
    "  speaker bigint REFERENCES speakers(id),\n"
    "  speaker_mention text COLLATE \"C\", speaker_start bigint, speaker_end bigint,\n"
    "  speaker_kind text COLLATE \"C\", speaker_entity bigint, resolved_by text COLLATE \"C\",\n"
    "  cue text COLLATE \"C\", cue_lemma text COLLATE \"C\", act text COLLATE \"C\", cue_start bigint, "
    "cue_end bigint,\n"
    "  addressee text COLLATE \"C\", addressee_mention text COLLATE \"C\",\n"
    "  source text COLLATE \"C\", source_mention text COLLATE \"C\",\n"
    "  channel text COLLATE \"C\",\n"
    "  confidence double precision NOT NULL,\n"
    "  quote bigint REFERENCES quotations(id) ON DELETE SET NULL,\n"
    "  words tsvector NOT NULL\n"
    ");\n"
    "CREATE INDEX attributions_article ON attributions(article);\n"
    "CREATE INDEX attributions_speaker ON attributions(speaker);\n"
    "CREATE INDEX attributions_quote ON attributions(quote);\n"
    "CREATE INDEX attributions_words ON attributions USING gin (words);\n"
    "CREATE VIEW person_summary AS\n"
    "  SELECT p.id, p.name, p.kind, p.gender, count(a.id) AS attributions, count(DISTINCT a.article) AS "
    "articles,\n"
    "    min(ar.date) AS first_date, max(ar.date) AS last_date,\n"
    "    (SELECT string_agg(v.name, ' | ' ORDER BY v.id) FROM speakers v WHERE v.person = p.id) AS variants\n"
    "  FROM persons p JOIN speakers s ON s.person = p.id JOIN attributions a ON a.speaker = s.id\n"
    "    JOIN articles ar ON ar.id = a.article\n"
    "  GROUP BY p.id;\n";

/* What the database holds: its dixit version (0: none), and its tables
 * and views in the current schema; false on an error. */
static bool read_version(store_pg *p, long *version, long *tables, char *msg, size_t cap)
{
    PGresult *r = NULL;
    if (!run(p,
             "SELECT to_regclass('dixit_schema') IS NOT NULL, (SELECT count(*) FROM pg_class c "
             "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() "
             "AND c.relkind IN ('r', 'v', 'p', 'm'))",
             0, NULL, &r, msg, cap))
        return false;
    bool has = !strcmp(PQgetvalue(r, 0, 0), "t");
    *tables = strtol(PQgetvalue(r, 0, 1), NULL, 10);
    PQclear(r);
    *version = 0;
    if (!has)
        return true;
    if (!run(p, "SELECT application_id, version FROM dixit_schema", 0, NULL, &r, msg, cap))
        return false;
    if (PQntuples(r) == 1 && strtol(PQgetvalue(r, 0, 0), NULL, 10) == APP_ID)
        *version = strtol(PQgetvalue(r, 0, 1), NULL, 10);
    else
        *version = -1; /* a dixit_schema table, but not dixit's */
    PQclear(r);
    return true;
}

/* Makes NEWEST_INDEX in a database an earlier dixit made; asked first,
 * since CREATE INDEX takes its lock on articles before it looks for the
 * name, and would wait for a run moving its rows. */
static bool newest_index(store_pg *p, char *msg, size_t cap)
{
    PGresult *r = NULL;
    if (!run(p, "SELECT to_regclass('articles_newest') IS NULL", 0, NULL, &r, msg, cap))
        return false;
    bool missing = !strcmp(PQgetvalue(r, 0, 0), "t");
    PQclear(r);
    return !missing || run(p, NEWEST_INDEX, 0, NULL, NULL, msg, cap);
}

/* Checks the schema (and, when write, makes it in an empty database,
 * one run at a time); 0, or -1 with a message. */
static int check_schema(store_pg *p, bool write, char *msg, size_t cap)
{
    char key[24];
    snprintf(key, sizeof key, "%d", LOCK_SCHEMA);
    long version, tables;
    if (write && !begin_locked(p, key, msg, cap))
        return -1;
    if (!read_version(p, &version, &tables, msg, cap))
        return write ? roll_back(p) : -1;
    const char *wrong = NULL;
    char newer[120];
    if (version < 0 || (version == 0 && tables > 0))
        wrong = "a PostgreSQL database, but not dixit's (tables in it, no dixit schema)";
    else if (version > STORE_PG_SCHEMA) {
        snprintf(newer, sizeof newer, "written by a newer dixit (schema %ld; this one reads up to %d)",
                 version, STORE_PG_SCHEMA);
        wrong = newer;
    } else if (version == 0 && !write)
        wrong = "an empty database (index articles into it first)";
    if (wrong) {
        say(msg, cap, "%s: %s", p->where, wrong);
        return write ? roll_back(p) : -1;
    }
    if (!write)
        return 0;
    char ins[80];
    snprintf(ins, sizeof ins, "INSERT INTO dixit_schema VALUES (%d, %d)", APP_ID, STORE_PG_SCHEMA);
    if (version == 0 &&
        (!run(p, schema_sql, 0, NULL, NULL, msg, cap) || !run(p, ins, 0, NULL, NULL, msg, cap)))
        return roll_back(p);
    if (version > 0 && !newest_index(p, msg, cap))
        return roll_back(p);
    return commit(p, msg, cap) ? 0 : -1;
}

/* The temporary tables a run copies into: its session's alone. ord is an
 * article's place, aord a record's article's, seq a record's own. */
static const char staging_sql[] =
    "CREATE TEMP TABLE st_articles (ord bigint, doc text COLLATE \"C\", path text, url text, title text, "
    "site text, date text, authors text, lang text, hash text COLLATE \"C\", chars bigint, text text, "
    "dead boolean NOT NULL DEFAULT false);\n"
    "CREATE TEMP TABLE st_attributions (aord bigint, seq bigint, rid text, type text, quotation text, "
    "start bigint, \"end\" bigint, start_byte bigint, end_byte bigint, parts text, speaker text COLLATE "
    "\"C\", "
    "speaker_mention text, speaker_start bigint, speaker_end bigint, speaker_kind text, speaker_entity "
    "bigint, resolved_by text, cue text, cue_lemma text, act text, cue_start bigint, cue_end bigint, "
    "addressee text, addressee_mention text, source text, source_mention text, channel text, confidence "
    "double precision, fq text, fs text)";

store_pg *store_pg_open(const char *url, bool write, char *msg, size_t cap)
{
    store_pg *p = calloc(1, sizeof *p);
    if (!p) {
        say(msg, cap, "out of memory");
        return NULL;
    }
    store_pg_redact(url, p->where, sizeof p->where);
    p->c = PQconnectdb(url);
    if (!p->c || PQstatus(p->c) != CONNECTION_OK) {
        if (p->c)
            pg_error(p, NULL, "cannot connect", msg, cap);
        else /* (no libpq to load, or no memory) */
            say(msg, cap, "%s: %s", p->where, lazylib_pq_error() ? lazylib_pq_error() : "out of memory");
        store_pg_close(p);
        return NULL;
    }
    const char *enc = PQparameterStatus(p->c, "server_encoding");
    PGresult *r = NULL;
    if (PQsetClientEncoding(p->c, "UTF8") != 0 || !enc || strcmp(enc, "UTF8")) {
        say(msg, cap, "%s: the database's encoding is %s; dixit stores UTF-8 (createdb -E UTF8)", p->where,
            enc ? enc : "unknown");
    } else if (run(p, "SET client_min_messages = warning", 0, NULL, NULL, msg, cap) && /* (no notices) */
               check_schema(p, write, msg, cap) == 0) {
        if (!write)
            return p;
        char key[24];
        const char *k[] = {key};
        snprintf(key, sizeof key, "%d", LOCK_LOAD);
        if (run(p, staging_sql, 0, NULL, NULL, msg, cap) &&
            run(p, "SELECT pg_advisory_lock_shared($1::bigint)", 1, k, NULL, msg, cap) &&
            run(p, "SELECT nextval('dixit_runs')", 0, NULL, &r, msg, cap)) {
            /* a run's articles come after those of every run before */
            p->base = strtoll(PQgetvalue(r, 0, 0), NULL, 10) << 32;
            p->staging = true;
            PQclear(r);
            return p;
        }
    }
    store_pg_close(p);
    return NULL;
}

void store_pg_set_shard(store_pg *p, unsigned k)
{
    p->base = (long long)k << 32; /* a shard's place is its place in the whole run */
}

PGconn *store_pg_conn(const store_pg *p)
{
    return p->c;
}

const char *store_pg_where(const store_pg *p)
{
    return p->where;
}

void store_pg_close(store_pg *p)
{
    if (!p)
        return;
    PQfinish(p->c);
    for (size_t i = 0; i < p->nids; i++)
        free(p->ids[i]);
    free(p->ids);
    free(p->ords);
    free(p->arts.p);
    free(p->recs.p);
    free(p);
}

/* ------------------------------------------------------------------ */
/* A batch: its rows as COPY text */

/* One field (NULL: SQL NULL), after a tab unless first: COPY's text
 * format, its backslash, tab, newline and return escaped. */
static void buf_field(pgbuf *b, const char *s, bool first)
{
    if (!first)
        store_buf_put(b, "\t", 1);
    if (!s) {
        store_buf_put(b, "\\N", 2);
        return;
    }
    for (const char *run = s;; s++) {
        const char *esc = *s == '\\'   ? "\\\\"
                          : *s == '\t' ? "\\t"
                          : *s == '\n' ? "\\n"
                          : *s == '\r' ? "\\r"
                                       : NULL;
        if (esc || !*s) {
            store_buf_put(b, run, (size_t)(s - run));
            if (!*s)
                return;
            store_buf_put(b, esc, 2);
            run = s + 1;
        }
    }
}

static void buf_num(pgbuf *b, long long v, bool first)
{
    char n[24];
    snprintf(n, sizeof n, "%lld", v);
    buf_field(b, n, first);
}

/* A number of object o (which may be NULL), as the SQLite store binds it
 * (an integer), or NULL. */
static void buf_jnum(pgbuf *b, const cJSON *o, const char *key)
{
    const cJSON *v = o ? cJSON_GetObjectItemCaseSensitive(o, key) : NULL;
    if (cJSON_IsNumber(v))
        buf_num(b, (long long)v->valuedouble, false);
    else
        buf_field(b, NULL, false);
}

/* A `dixit text` line: its row, and its place remembered for its records. */
static bool stage_article(store_pg *p, const cJSON *o, bool keep_text)
{
    const char *doc = store_jstr(o, "id"), *text = store_jstr(o, "text");
    if (!doc || !text)
        return false;
    if (p->nids == p->cap_ids) {
        size_t cap = p->cap_ids ? 2 * p->cap_ids : 64;
        char **d = realloc(p->ids, cap * sizeof *d);
        if (d)
            p->ids = d;
        long long *r = d ? realloc(p->ords, cap * sizeof *r) : NULL;
        if (!r)
            return false;
        p->ords = r;
        p->cap_ids = cap;
    }
    if (!(p->ids[p->nids] = strdup(doc)))
        return false;
    long long ord = p->base + ++p->docs;
    p->ords[p->nids++] = ord;
    char hash[33];
    store_text_hash(text, strlen(text), hash);
    pgbuf *b = &p->arts;
    buf_num(b, ord, true);
    static const char *const keys[] = {"id", "path", "url", "title", "site", "date", "authors", "lang"};
    for (int k = 0; k < 8; k++)
        buf_field(b, store_jstr(o, keys[k]), false);
    buf_field(b, hash, false);
    buf_num(b, (long long)store_code_points(text), false);
    buf_field(b, keep_text ? text : NULL, false);
    store_buf_put(b, "\n", 1);
    return !b->oom;
}

/* The place of the batch's article doc, or 0: records come in the order
 * of their articles, so the search starts where the last one was found. */
static long long article_ord(store_pg *p, const char *doc)
{
    for (size_t k = 0; k < p->nids; k++) {
        size_t i = (p->at + k) % p->nids;
        if (!strcmp(p->ids[i], doc)) {
            p->at = i;
            return p->ords[i];
        }
    }
    return 0;
}

/* Each character of s that is no letter, digit or private-use one made
 * spaces: what FTS5's unicode61 tokenizer reads as words is then what
 * PostgreSQL's parser does (which otherwise keeps "a-t-elle", "3.5",
 * "Sanders/Trump" or a host name as tokens of their own). */
static void words_only(char *s)
{
    for (utf8proc_ssize_t i = 0, n = (utf8proc_ssize_t)strlen(s); i < n;) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, n - i, &c);
        if (k <= 0) { /* (not UTF-8: a byte at a time) */
            s[i++] = ' ';
            continue;
        }
        utf8proc_category_t cat = utf8proc_category(c);
        bool word = (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
                    (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO) ||
                    cat == UTF8PROC_CATEGORY_CO;
        if (!word)
            memset(s + i, ' ', (size_t)k);
        i += k;
    }
}

/* s folded for the full-text index (case and accents aside, œ and æ
 * written oe and ae, only its words), as queries are; NULL for NULL.
 * *bad when memory ran out. */
static char *fts_fold(const char *s, bool *bad, bool words)
{
    if (!s)
        return NULL;
    char *f = fold_text(s, strlen(s)); /* (NULL for text that is not UTF-8: folded as it is) */
    char *g = store_fold(f ? f : s);
    free(f);
    *bad |= !g;
    if (g && words)
        words_only(g);
    return g;
}

/* Binds a record's party (addressee, source): its name and mention. */
static void buf_party(pgbuf *b, const cJSON *party)
{
    buf_field(b, store_jstr(party, "name"), false);
    buf_field(b, store_jstr(party, "mention"), false);
}

/* A record line: its row, under its article of this batch; the columns
 * of st_attributions in order. */
static bool stage_record(store_pg *p, const cJSON *o)
{
    const char *doc = store_jstr(o, "doc"), *quotation = store_jstr(o, "quotation");
    long long aord = doc ? article_ord(p, doc) : 0;
    if (!aord || !quotation)
        return false;
    const cJSON *sp = store_jobj(o, "speaker"), *cue = store_jobj(o, "cue");
    pgbuf *b = &p->recs;
    buf_num(b, aord, true);
    buf_num(b, ++p->records, false);
    buf_field(b, store_jstr(o, "id"), false);
    buf_field(b, store_jstr(o, "type"), false);
    buf_field(b, quotation, false);
    static const char *const offsets[] = {"start", "end", "start_byte", "end_byte"};
    for (int k = 0; k < 4; k++)
        buf_jnum(b, o, offsets[k]);
    char *parts = cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(o, "parts"));
    buf_field(b, parts ? parts : "[]", false);
    free(parts);
    buf_field(b, store_jstr(sp, "name"), false);
    buf_field(b, store_jstr(sp, "mention"), false);
    buf_jnum(b, sp, "start");
    buf_jnum(b, sp, "end");
    buf_field(b, store_jstr(sp, "kind"), false);
    buf_jnum(b, sp, "entity");
    buf_field(b, store_jstr(sp, "resolved_by"), false);
    buf_field(b, store_jstr(cue, "text"), false);
    buf_field(b, store_jstr(cue, "lemma"), false);
    buf_field(b, store_jstr(cue, "act"), false);
    buf_jnum(b, cue, "start");
    buf_jnum(b, cue, "end");
    buf_party(b, store_jobj(o, "addressee"));
    buf_party(b, store_jobj(o, "source"));
    buf_field(b, store_jstr(o, "channel"), false);
    const cJSON *conf = cJSON_GetObjectItemCaseSensitive(o, "confidence");
    char c[32];
    snprintf(c, sizeof c, "%.17g", cJSON_IsNumber(conf) ? conf->valuedouble : 0.0); /* (exact) */
    buf_field(b, c, false);
    bool bad = false;
    char *fq = fts_fold(quotation, &bad, true), *fs = fts_fold(store_jstr(sp, "name"), &bad, true);
    buf_field(b, fq, false);
    buf_field(b, fs, false);
    store_buf_put(b, "\n", 1);
    free(fq);
    free(fs);
    return !b->oom && !bad;
}

/* Each JSON line of s[0..n) staged (articles or records); false on a
 * line that does not fit, or no memory. */
static bool stage_lines(store_pg *p, const char *s, size_t n, bool keep_text, bool articles)
{
    for (size_t i = 0; i < n;) {
        const char *nl = memchr(s + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - s) : n;
        cJSON *o = e > i ? cJSON_ParseWithLength(s + i, e - i) : NULL;
        bool ok = !o ? e == i : articles ? stage_article(p, o, keep_text) : stage_record(p, o);
        cJSON_Delete(o);
        if (!ok)
            return false;
        i = e + 1;
    }
    return true;
}

/* COPY's the rows of b into table (its columns in order). */
static bool copy_in(store_pg *p, const char *sql, const pgbuf *b, char *msg, size_t cap)
{
    if (!b->n)
        return true;
    PGresult *r = PQexec(p->c, sql);
    bool ok = PQresultStatus(r) == PGRES_COPY_IN;
    PQclear(r);
    if (ok)
        ok = PQputCopyData(p->c, b->p, (int)b->n) == 1 && PQputCopyEnd(p->c, NULL) == 1;
    else
        pg_error(p, NULL, NULL, msg, cap);
    for (; (r = PQgetResult(p->c)) != NULL; PQclear(r))
        if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_COPY_IN && ok) {
            pg_error(p, r, NULL, msg, cap);
            ok = false;
        }
    return ok;
}

int store_pg_batch(store_pg *p, const char *texts, size_t texts_len, const char *records, size_t records_len,
                   bool keep_text, char *msg, size_t cap)
{
    for (size_t i = 0; i < p->nids; i++)
        free(p->ids[i]);
    p->nids = p->at = 0;
    p->arts.n = p->recs.n = 0;
    if (!stage_lines(p, texts, texts_len, keep_text, true) ||
        !stage_lines(p, records, records_len, false, false)) {
        say(msg, cap, "%s: %s", p->where,
            p->arts.oom || p->recs.oom ? "out of memory" : "a record that does not fit the schema");
        return -1;
    }
    /* (COPY's text is under 2 GB: a batch is a few hundred articles) */
    if (p->arts.n > INT32_MAX || p->recs.n > INT32_MAX) {
        say(msg, cap, "%s: a batch of over 2 GB", p->where);
        return -1;
    }
    return copy_in(
               p,
               "COPY st_articles (ord, doc, path, url, title, site, date, authors, lang, hash, chars, text) "
               "FROM STDIN",
               &p->arts, msg, cap) &&
                   copy_in(p, "COPY st_attributions FROM STDIN", &p->recs, msg, cap)
               ? 0
               : -1;
}

/* ------------------------------------------------------------------ */
/* The move: the run's rows into the tables, in one transaction */

/* The replace rule of docs/store.md over the whole run: an article stays
 * unless one of a later place (ord) has its id or its text. Articles of
 * the run replaced by later ones of the run, or by the database's, are
 * marked dead first (the database as it was); then the database's that
 * any of the run's replaces go; then the living are inserted, in order
 * (ids in order of place, as SQLite's rowids are), their speakers named
 * first. Each pair by one key at a time: hash joins, not an OR. */
static const char move_sql[] =
    "ANALYZE st_articles, st_attributions;\n" /* (autovacuum never sees temporary tables: plans need it) */
    "UPDATE st_articles s SET dead = true FROM (SELECT ord, max(ord) OVER (PARTITION BY doc) AS d, "
    "  max(ord) OVER (PARTITION BY hash) AS h FROM st_articles) x WHERE x.ord = s.ord AND (x.d > x.ord OR "
    "x.h > x.ord);\n"
    "UPDATE st_articles s SET dead = true FROM articles a WHERE a.doc = s.doc AND a.ord > s.ord;\n"
    "UPDATE st_articles s SET dead = true FROM articles a WHERE a.hash = s.hash AND a.ord > s.ord;\n"
    "DELETE FROM articles a USING st_articles s WHERE s.doc = a.doc AND s.ord >= a.ord;\n"
    "DELETE FROM articles a USING st_articles s WHERE s.hash = a.hash AND s.ord >= a.ord;\n"
    "DELETE FROM st_articles WHERE dead;\n"
    /* new speakers in order of their first record, as SQLite adds them: the same ids, so the
     * persons made from them have the same ids too (dixit serve shows them) */
    "INSERT INTO speakers (name, kind) SELECT f.speaker, f.speaker_kind FROM (SELECT DISTINCT ON "
    "  (t.speaker) t.speaker, t.speaker_kind, t.seq FROM st_attributions t JOIN st_articles s "
    "  ON s.ord = t.aord WHERE t.speaker IS NOT NULL ORDER BY t.speaker, t.seq) f ORDER BY f.seq "
    "  ON CONFLICT (name) DO NOTHING;\n"
    "INSERT INTO articles (doc, path, url, title, site, date, authors, lang, hash, chars, text, ord) "
    "  SELECT doc, path, url, title, site, date, authors, lang, hash, chars, text, ord FROM st_articles "
    "  ORDER BY ord;\n"
    "INSERT INTO attributions (article, rid, type, quotation, start, \"end\", start_byte, end_byte, parts, "
    "  speaker, speaker_mention, speaker_start, speaker_end, speaker_kind, speaker_entity, resolved_by, "
    "  cue, cue_lemma, act, cue_start, cue_end, addressee, addressee_mention, source, source_mention, "
    "  channel, confidence, words) "
    "  SELECT ar.id, t.rid, t.type, t.quotation, t.start, t.\"end\", t.start_byte, t.end_byte, t.parts, "
    "  v.id, t.speaker_mention, t.speaker_start, t.speaker_end, t.speaker_kind, t.speaker_entity, "
    "  t.resolved_by, t.cue, t.cue_lemma, t.act, t.cue_start, t.cue_end, t.addressee, t.addressee_mention, "
    "  t.source, t.source_mention, t.channel, t.confidence, "
    "  to_tsvector('simple', coalesce(t.fq, '')) || to_tsvector('simple', coalesce(t.fs, '')) "
    "  FROM st_attributions t JOIN st_articles s ON s.ord = t.aord JOIN articles ar ON ar.doc = s.doc "
    "  LEFT JOIN speakers v ON v.name = t.speaker ORDER BY t.seq;\n"
    "TRUNCATE st_articles, st_attributions";

static const char *data_key(char key[24])
{
    snprintf(key, 24, "%d", LOCK_DATA);
    return key;
}

/* Moves the run's rows. Then, still under the lock, is any other run
 * loading (holding LOCK_LOAD shared)? When one is, this run leaves the
 * linking and grouping to it (it will move its rows later, and link
 * then): of runs loading at once only the last links, not every one. */
int store_pg_commit(store_pg *p, char *msg, size_t cap)
{
    char key[24], load[24];
    const char *k[] = {load};
    PGresult *r = NULL;
    if (!p->staging)
        return 0;
    snprintf(load, sizeof load, "%d", LOCK_LOAD);
    if (!begin_locked(p, data_key(key), msg, cap))
        return -1;
    if (!run(p, move_sql, 0, NULL, NULL, msg, cap) ||
        !run(p, "SELECT pg_advisory_unlock_shared($1::bigint), pg_try_advisory_xact_lock($1::bigint)", 1, k,
             &r, msg, cap))
        return roll_back(p);
    p->last = !strcmp(PQgetvalue(r, 0, 1), "t");
    PQclear(r);
    p->staging = false;
    return commit(p, msg, cap) ? 0 : -1;
}

/* ------------------------------------------------------------------ */
/* Speakers across articles (link.c), as store.c's store_link */

/* A speaker's kind is its first record's in the order of the whole run
 * (SQLite keeps the first inserted, which a run in parallel would make a
 * matter of timing). */
static const char kinds_sql[] =
    "UPDATE speakers v SET kind = f.speaker_kind FROM (SELECT DISTINCT ON (a.speaker) a.speaker, "
    "  a.speaker_kind FROM attributions a JOIN articles ar ON ar.id = a.article WHERE a.speaker IS NOT NULL "
    "  ORDER BY a.speaker, ar.ord, a.id) f WHERE v.id = f.speaker AND v.kind IS DISTINCT FROM f.speaker_kind";

/* The speakers read, for link_names. */
typedef struct speakers {
    link_name *v;
    long long *ids;
    char **names, **whys;
    long n, cap;
    const dixit_engine *e;
    speaker_ev ev; /* the gender evidence of the speaker being read */
    long i, lo;    /* its index (-1: none), and where the search for the next starts */
} speakers;

static void speakers_free(speakers *s)
{
    for (long i = 0; i < s->n; i++) {
        free(s->names[i]);
        link_free_articles(&s->v[i]);
        free(s->whys ? s->whys[i] : NULL);
    }
    free(s->v);
    free(s->ids);
    free(s->names);
    free(s->whys);
}

static bool add_speaker(void *ctx, const PGresult *r)
{
    speakers *s = ctx;
    if (s->n == s->cap) {
        long cap = s->cap ? 2 * s->cap : 256;
        link_name *v = realloc(s->v, (size_t)cap * sizeof *v);
        if (v)
            s->v = v;
        long long *ids = v ? realloc(s->ids, (size_t)cap * sizeof *ids) : NULL;
        if (ids)
            s->ids = ids;
        char **names = ids ? realloc(s->names, (size_t)cap * sizeof *names) : NULL;
        if (!names)
            return false;
        s->names = names;
        s->cap = cap;
    }
    const char *kind = val(r, 2);
    link_name *x = &s->v[s->n];
    memset(x, 0, sizeof *x);
    x->name = s->names[s->n] = strdup(PQgetvalue(r, 0, 1));
    x->person = kind && !strcmp(kind, "person");
    s->ids[s->n] = num(r, 0);
    return s->names[s->n++] != NULL;
}

/* Ends the evidence of the speaker being read. */
static void speaker_done(speakers *s)
{
    if (s->i < 0)
        return;
    speaker_ev_close(&s->ev);
    speaker_ev_decide(&s->v[s->i], &s->whys[s->i], &s->ev);
}

/* A record of a speaker (rows in order of speaker ids, then of the whole
 * run): the evidence of its mention, as store.c's speaker_genders reads
 * it. */
static bool add_evidence(void *ctx, const PGresult *r)
{
    speakers *s = ctx;
    long long id = num(r, 0);
    if (s->i < 0 || s->ids[s->i] != id) {
        speaker_done(s);
        while (s->lo < s->n && s->ids[s->lo] < id)
            s->lo++;
        s->i = s->lo < s->n && s->ids[s->lo] == id && s->v[s->lo].person ? s->lo : -1;
        memset(&s->ev, 0, sizeof s->ev);
        if (s->i >= 0)
            gender_name(&s->ev.votes, s->v[s->i].name, s->e);
        s->ev.name_votes = s->ev.votes_before = s->ev.votes.f + s->ev.votes.m;
    }
    speaker_ev_article(&s->ev, num(r, 3));
    if (s->i >= 0 && !link_add_article(&s->v[s->i], num(r, 3)))
        return false;
    if (s->i >= 0 && val(r, 1))
        gender_mention(&s->ev.votes, val(r, 1), val(r, 2), s->e);
    return true;
}

/* Writes what link_names decided (through a temporary table: one
 * statement for all, not one per speaker): a person per head named, kept
 * when its head is; each speaker's person and evidence; persons left with
 * no speaker gone. */
static bool write_links(store_pg *p, const speakers *s, char *msg, size_t cap)
{
    pgbuf b = {0};
    for (long i = 0; i < s->n; i++) {
        const link_name *x = &s->v[i];
        buf_num(&b, s->ids[i], true);
        if (x->named)
            buf_num(&b, s->ids[x->head], false);
        else
            buf_field(&b, NULL, false);
        buf_field(&b, x->named && x->head == (size_t)i ? x->canon : NULL, false);
        buf_field(&b, x->person ? "person" : NULL, false);
        buf_field(&b, x->why[0] ? x->why : NULL, false);
        store_buf_put(&b, "\n", 1);
    }
    bool ok =
        !b.oom &&
        run(p,
            "CREATE TEMP TABLE tl (speaker bigint, head bigint, canon text, kind text, why text) "
            "ON COMMIT DROP",
            0, NULL, NULL, msg, cap) &&
        copy_in(p, "COPY tl FROM STDIN", &b, msg, cap) &&
        run(p,
            "ANALYZE tl;\n"
            "INSERT INTO persons (name, kind, head) SELECT canon, kind, speaker FROM tl "
            "  WHERE canon IS NOT NULL ORDER BY speaker "
            "  ON CONFLICT (head) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind;\n"
            "UPDATE speakers v SET person = p.id, link = t.why FROM tl t LEFT JOIN persons p ON p.head = "
            "t.head "
            "  WHERE v.id = t.speaker AND (v.person IS DISTINCT FROM p.id OR v.link IS DISTINCT FROM "
            "t.why);\n"
            "DELETE FROM persons WHERE id NOT IN (SELECT person FROM speakers WHERE person IS NOT NULL);\n"
            /* (a person no longer of kind person keeps no gender of the runs before: a fresh
             * SQLite store never gives it one) */
            "UPDATE persons SET gender = NULL, gender_evidence = NULL WHERE kind IS DISTINCT FROM 'person' "
            "  AND gender IS NOT NULL",
            0, NULL, NULL, msg, cap);
    if (b.oom)
        say(msg, cap, "%s: out of memory", p->where);
    free(b.p);
    return ok;
}

/* The gender of every person, as store.c's write_genders decides it:
 * the votes of its names, once each, and of its records' mentions, its
 * speakers in order of first appearance in the whole run (the evidence
 * it gives first is the same whatever the order runs came in). */
typedef struct genders {
    const dixit_engine *e;
    gender_votes votes;
    long long person, speaker;
    pgbuf out; /* person, gender, evidence */
} genders;

static void gender_row(genders *g)
{
    char why[300];
    const char *said = gender_decide(&g->votes, why, sizeof why);
    buf_num(&g->out, g->person, true);
    buf_field(&g->out, said, false);
    buf_field(&g->out, why, false);
    store_buf_put(&g->out, "\n", 1);
}

static bool add_gender_vote(void *ctx, const PGresult *r)
{
    genders *g = ctx;
    long long person = num(r, 0), speaker = num(r, 1);
    if (person != g->person && g->person)
        gender_row(g);
    if (person != g->person)
        memset(&g->votes, 0, sizeof g->votes);
    if (person != g->person || speaker != g->speaker)
        gender_name(&g->votes, PQgetvalue(r, 0, 2), g->e);
    g->person = person;
    g->speaker = speaker;
    if (val(r, 3))
        gender_mention(&g->votes, val(r, 3), val(r, 4), g->e);
    return !g->out.oom;
}

static bool write_genders(store_pg *p, const dixit_engine *e, char *msg, size_t cap)
{
    genders g = {.e = e};
    long n =
        each_row(p,
                 "WITH f AS (SELECT a.speaker, min(ARRAY[ar.ord, a.id]) AS first FROM attributions a "
                 "  JOIN articles ar ON ar.id = a.article WHERE a.speaker IS NOT NULL GROUP BY a.speaker) "
                 "SELECT p.id, v.id, v.name, a.speaker_mention, a.rid FROM persons p "
                 "  JOIN speakers v ON v.person = p.id LEFT JOIN f ON f.speaker = v.id "
                 "  LEFT JOIN attributions a ON a.speaker = v.id LEFT JOIN articles ar ON ar.id = a.article "
                 "  WHERE p.kind = 'person' ORDER BY p.id, f.first, v.id, ar.ord, a.id",
                 0, NULL, add_gender_vote, &g, msg, cap);
    if (n > 0)
        gender_row(&g);
    bool ok = n >= 0 && !g.out.oom &&
              run(p, "CREATE TEMP TABLE tg (person bigint, gender text, evidence text) ON COMMIT DROP", 0,
                  NULL, NULL, msg, cap) &&
              copy_in(p, "COPY tg FROM STDIN", &g.out, msg, cap) &&
              run(p,
                  "UPDATE persons p SET gender = t.gender, gender_evidence = t.evidence FROM tg t "
                  "WHERE p.id = t.person",
                  0, NULL, NULL, msg, cap);
    if (g.out.oom)
        say(msg, cap, "%s: out of memory", p->where);
    free(g.out.p);
    return ok;
}

int store_pg_link(store_pg *p, const dixit_engine *e, char *msg, size_t cap)
{
    char key[24];
    if (!p->last) /* (another run loading links after it moves) */
        return 0;
    if (!begin_locked(p, data_key(key), msg, cap))
        return -1;
    speakers s = {.e = e, .i = -1};
    bool ok = run(p, kinds_sql, 0, NULL, NULL, msg, cap) &&
              each_row(p, "SELECT id, name, kind FROM speakers ORDER BY id", 0, NULL, add_speaker, &s, msg,
                       cap) >= 0;
    if (ok && s.n && !(s.whys = calloc((size_t)s.n, sizeof *s.whys))) {
        say(msg, cap, "%s: out of memory", p->where);
        ok = false;
    }
    ok = ok && (!s.n || each_row(p,
                                 "SELECT a.speaker, a.speaker_mention, a.rid, a.article FROM attributions a "
                                 "JOIN articles ar ON ar.id = a.article WHERE a.speaker IS NOT NULL "
                                 "ORDER BY a.speaker, ar.ord, a.article, a.id",
                                 0, NULL, add_evidence, &s, msg, cap) >= 0);
    if (ok)
        speaker_done(&s);
    if (ok && !link_names(s.v, (size_t)s.n, e)) {
        say(msg, cap, "%s: out of memory", p->where);
        ok = false;
    }
    ok = ok && write_links(p, &s, msg, cap) && write_genders(p, e, msg, cap);
    speakers_free(&s);
    if (!ok)
        return roll_back(p);
    return commit(p, msg, cap) ? 0 : -1;
}

/* ------------------------------------------------------------------ */
/* The same quotation across articles (merge.c), as store.c's store_merge */

typedef struct quotes {
    quote_item *v;
    struct qrow {
        long long id, old; /* the attribution, and the quotation it had (0: none) */
    } * rows;
    char **texts;
    long n, cap;
    long long max; /* the highest quotation id it had */
} quotes;

static void quotes_free(quotes *q)
{
    for (long i = 0; i < q->n; i++)
        free(q->texts[i]);
    free(q->v);
    free(q->rows);
    free(q->texts);
}

static bool add_quote(void *ctx, const PGresult *r)
{
    quotes *q = ctx;
    if (q->n == q->cap) {
        long cap = q->cap ? 2 * q->cap : 1024;
        quote_item *v = realloc(q->v, (size_t)cap * sizeof *v);
        if (v)
            q->v = v;
        struct qrow *rows = v ? realloc(q->rows, (size_t)cap * sizeof *rows) : NULL;
        if (rows)
            q->rows = rows;
        char **texts = rows ? realloc(q->texts, (size_t)cap * sizeof *texts) : NULL;
        if (!texts)
            return false;
        q->texts = texts;
        q->cap = cap;
    }
    char *t = store_quote_words(val(r, 1), PQgetvalue(r, 0, 2), (long)num(r, 4), val(r, 5));
    if (!t)
        return false;
    q->texts[q->n] = t;
    q->rows[q->n] = (struct qrow){num(r, 0), num(r, 6)};
    if (q->rows[q->n].old > q->max)
        q->max = q->rows[q->n].old;
    q->v[q->n++] = (quote_item){.text = t, .who = num(r, 3)};
    return true;
}

/* What each quotation's occurrences say (SQLite's in C, store_facts.c):
 * how many, in how many outlets, the first (by date, then place in the
 * whole run), the name most of them give and its person. */
static const char quote_facts_sql[] =
    "CREATE TEMP TABLE qf ON COMMIT DROP AS SELECT a.quote AS q, count(*) AS n, "
    "  count(DISTINCT coalesce(ar.site, ar.doc)) AS o FROM attributions a JOIN articles ar ON ar.id = "
    "a.article "
    "  WHERE a.quote IS NOT NULL GROUP BY a.quote;\n"
    "UPDATE quotations SET occurrences = qf.n, outlets = qf.o FROM qf WHERE quotations.id = qf.q "
    "  AND (quotations.occurrences, quotations.outlets) IS DISTINCT FROM (qf.n, qf.o);\n"
    "CREATE TEMP TABLE qfirst ON COMMIT DROP AS SELECT DISTINCT ON (a.quote) a.quote AS q, a.article, "
    "ar.date "
    "  FROM attributions a JOIN articles ar ON ar.id = a.article WHERE a.quote IS NOT NULL "
    "  ORDER BY a.quote, ar.date IS NULL, ar.date, ar.ord, a.id;\n"
    "UPDATE quotations SET first_article = f.article, first_date = f.date FROM qfirst f "
    "  WHERE quotations.id = f.q AND (quotations.first_article, quotations.first_date) IS DISTINCT FROM "
    "(f.article, f.date);\n"
    "CREATE TEMP TABLE qspk ON COMMIT DROP AS SELECT DISTINCT ON (q) q, name, person FROM (SELECT a.quote AS "
    "q, "
    "  coalesce(p.name, v.name) AS name, max(v.person) AS person, count(*) AS n FROM attributions a "
    "  JOIN speakers v ON v.id = a.speaker LEFT JOIN persons p ON p.id = v.person WHERE a.quote IS NOT NULL "
    "  GROUP BY a.quote, coalesce(p.name, v.name)) x ORDER BY q, n DESC, name;\n"
    "UPDATE quotations SET speaker = s.name, person = s.person FROM qspk s WHERE quotations.id = s.q "
    "  AND (quotations.speaker, quotations.person) IS DISTINCT FROM (s.name, s.person)";

/* Each group's quotation id: the one its first member had, when no group
 * before took it, as store.c's reuse_ids (so a rerun rewrites only the
 * attributions whose group changed: rewriting a row rewrites its index
 * entries), else 0 (a new one). */
static long long *reuse_ids(const quotes *q)
{
    long long *qid = calloc((size_t)(q->n ? q->n : 1), sizeof *qid);
    bool *taken = calloc((size_t)q->max + 1, sizeof *taken);
    for (long i = 0; qid && taken && i < q->n; i++) {
        size_t g = q->v[i].group;
        long long old = q->rows[i].old;
        if (!qid[g] && old > 0 && !taken[old]) {
            qid[g] = old;
            taken[old] = true;
        }
    }
    if (!taken) {
        free(qid);
        qid = NULL;
    }
    free(taken);
    return qid;
}

/* Writes the groups (tq: each attribution, its group's first member, the
 * quotation id kept or 0, and on the first member's row the group's
 * longest text): new quotations numbered, texts changed, quotes changed
 * set, quotations no attribution names gone. */
static bool write_quotes(store_pg *p, const quotes *q, char *msg, size_t cap)
{
    size_t *best = malloc((size_t)(q->n ? q->n : 1) * sizeof *best);
    long long *qid = reuse_ids(q);
    pgbuf b = {0};
    for (long i = 0; best && i < q->n; i++) /* each group's longest text */
        best[i] = (size_t)i;
    for (long i = 0; best && i < q->n; i++)
        if (q->v[i].words > q->v[best[q->v[i].group]].words)
            best[q->v[i].group] = (size_t)i;
    for (long i = 0; best && qid && i < q->n; i++) {
        size_t g = q->v[i].group;
        buf_num(&b, q->rows[i].id, true);
        buf_num(&b, (long long)g, false);
        buf_num(&b, qid[g], false);
        buf_field(&b, g == (size_t)i ? q->v[best[g]].text : NULL, false);
        store_buf_put(&b, "\n", 1);
    }
    bool ok =
        best && qid && !b.oom &&
        run(p, "CREATE TEMP TABLE tq (attr bigint, leader bigint, qid bigint, text text) ON COMMIT DROP", 0,
            NULL, NULL, msg, cap) &&
        copy_in(p, "COPY tq FROM STDIN", &b, msg, cap) &&
        run(p,
            "CREATE TEMP TABLE tnew ON COMMIT DROP AS SELECT leader, "
            "  nextval(pg_get_serial_sequence('quotations', 'id')) AS id FROM tq WHERE qid = 0 AND text IS "
            "NOT NULL;\n"
            "UPDATE tq SET qid = n.id FROM tnew n WHERE tq.qid = 0 AND tq.leader = n.leader;\n"
            "ANALYZE tq;\n" /* (autovacuum never sees temporary tables: plans need it) */
            "INSERT INTO quotations (id, text, occurrences, outlets) SELECT qid, text, 0, 0 FROM tq "
            "  WHERE text IS NOT NULL ON CONFLICT (id) DO UPDATE SET text = EXCLUDED.text "
            "  WHERE quotations.text IS DISTINCT FROM EXCLUDED.text;\n"
            "UPDATE attributions a SET quote = t.qid FROM tq t WHERE a.id = t.attr AND a.quote IS DISTINCT "
            "FROM t.qid;\n"
            "DELETE FROM quotations WHERE id NOT IN (SELECT quote FROM attributions WHERE quote IS NOT NULL)",
            0, NULL, NULL, msg, cap);
    if (!best || !qid || b.oom)
        say(msg, cap, "%s: out of memory", p->where);
    free(best);
    free(qid);
    free(b.p);
    return ok;
}

int store_pg_merge(store_pg *p, char *msg, size_t cap)
{
    char key[24];
    if (!p->last)
        return 0;
    if (!begin_locked(p, data_key(key), msg, cap))
        return -1;
    quotes q = {0};
    bool ok = each_row(p,
                       "SELECT a.id, a.type, a.quotation, coalesce(v.person, -v.id, 0), a.start, a.parts, "
                       "coalesce(a.quote, 0) "
                       "FROM attributions a JOIN articles ar ON ar.id = a.article "
                       "LEFT JOIN speakers v ON v.id = a.speaker WHERE a.type IN ('direct', 'mixed') "
                       "ORDER BY ar.ord, a.id",
                       0, NULL, add_quote, &q, msg, cap) >= 0;
    if (ok && !quotes_group(q.v, (size_t)q.n)) {
        say(msg, cap, "%s: out of memory", p->where);
        ok = false;
    }
    ok = ok && write_quotes(p, &q, msg, cap) && run(p, quote_facts_sql, 0, NULL, NULL, msg, cap);
    quotes_free(&q);
    if (!ok)
        return roll_back(p);
    /* The planner's statistics of what this run changed, now rather
     * than when autovacuum comes by (a minute or more later): a database
     * served before then was read with plans of no statistics (dixit
     * serve on PostgreSQL, 983 articles: 71 requests/s before, 182
     * after). ANALYZE samples at most 30,000 rows a table and blocks no
     * reader or writer. */
    return commit(p, msg, cap) && run(p, "ANALYZE articles, attributions, speakers, persons, quotations", 0,
                                      NULL, NULL, msg, cap)
               ? 0
               : -1;
}

/* ------------------------------------------------------------------ */
/* Search and counts */

/* The tsquery of the user's words, as store.c's fts_query reads them
 * (each word a phrase of its tokens, "a phrase" one, pref* a prefix),
 * each folded as the index is and turned into a tsquery by the server's
 * own parser (phraseto_tsquery, so the words are split as the text
 * was), joined by &. A word with no token in it counts for nothing, as
 * in FTS5; words that all have none match nothing (""). NULL, with a
 * message, on an error. */
char *store_pg_words(store_pg *p, const char *text, char *msg, size_t cap)
{
    pgbuf q = {0};
    bool bad = false, ok = true;
    char *f = fts_fold(text, &bad, false); /* (its words each made words_only below) */
    size_t n = f ? strlen(f) : 0;
    size_t i = 0, s, e;
    bool prefix;
    while (ok && f && store_next_word(f, n, &i, &s, &e, &prefix)) {
        char c = f[e], *w;
        f[e] = 0;
        w = strdup(f + s);
        f[e] = c;
        if (!w) {
            bad = true;
            break;
        }
        words_only(w);
        const char *v[] = {w};
        PGresult *r = NULL;
        ok = run(p, "SELECT phraseto_tsquery('simple', $1)::text", 1, v, &r, msg, cap);
        free(w);
        if (ok && PQgetvalue(r, 0, 0)[0]) {
            store_buf_put(&q, q.n ? " & (" : "(", q.n ? 4 : 1);
            store_buf_put(&q, PQgetvalue(r, 0, 0), strlen(PQgetvalue(r, 0, 0)));
            store_buf_put(&q, prefix ? ":*)" : ")", prefix ? 3 : 1);
        }
        PQclear(r);
    }
    free(f);
    store_buf_put(&q, "", 1);
    if (ok && (bad || q.oom))
        say(msg, cap, "%s: out of memory", p->where);
    if (!ok || bad || q.oom) {
        free(q.p);
        return NULL;
    }
    return q.p;
}

/* The filters (store.c's FILTERS, in PostgreSQL's words): $2 speaker,
 * $4 outlet, $5 and $6 dates, $7 act, $8 type, $9 lang, $10 confidence,
 * $11 gender, each off when NULL. lower() and ILIKE on "C" text fold
 * ASCII only, as SQLite's NOCASE and LIKE do; ESCAPE '' reads a
 * backslash as itself, as SQLite's LIKE does. */
#define FILTERS                                                                                              \
    "($2::text IS NULL OR a.speaker IN (SELECT v.id FROM speakers v WHERE lower(v.name) = lower($2 COLLATE " \
    "\"C\") OR v.name ILIKE '% ' || $2 ESCAPE '' OR v.person IN (SELECT m.person FROM speakers m "           \
    "WHERE lower(m.name) = lower($2 COLLATE \"C\") OR m.name ILIKE '% ' || $2 ESCAPE ''))) "                 \
    "AND ($4::text IS NULL OR lower(ar.site) = lower($4 COLLATE \"C\")) "                                    \
    "AND ($5::text IS NULL OR ar.date >= $5 COLLATE \"C\") AND ($6::text IS NULL OR ar.date < ($6 || '~') "  \
    "COLLATE \"C\") AND ($7::text IS NULL OR a.act = $7) AND ($8::text IS NULL OR a.type = $8) "             \
    "AND ($9::text IS NULL OR ar.lang = $9) AND ($10::float8 IS NULL OR a.confidence >= $10) "               \
    "AND ($11::text IS NULL OR p.gender = $11) "
#define FROM_ALL                                                                                             \
    "FROM attributions a JOIN articles ar ON ar.id = a.article LEFT JOIN speakers s ON s.id = a.speaker "    \
    "LEFT JOIN persons p ON p.id = s.person "
const char store_pg_filters_sql[] = FILTERS;

/* The columns of a result, as store.c's RESULT_COLUMNS, and their keys. */
#define COLUMNS                                                                                              \
    "a.rid, ar.doc, a.type, a.quotation, a.start, a.\"end\", s.name, a.speaker_mention, a.cue, a.act, "      \
    "a.confidence, ar.date, ar.site, ar.url, ar.title, p.name "
static const char *const result_keys[] = {"id",      "doc",     "type",  "quotation", "start",      "end",
                                          "speaker", "mention", "cue",   "act",       "confidence", "date",
                                          "site",    "url",     "title", "person"};
/* Words: by ts_rank (length-normalised: bm25's order cannot be had from
 * a tsvector; docs/store.md says what differs), then newest, then place
 * in the whole run (SQLite's rowid order). */
static const char search_words_sql[] =
    "SELECT " COLUMNS FROM_ALL "WHERE a.words @@ $1::tsquery AND " FILTERS
    "ORDER BY ts_rank(a.words, $1::tsquery, 1) DESC, ar.date DESC NULLS LAST, ar.ord, a.id LIMIT $3::bigint";
static const char search_all_sql[] = "SELECT " COLUMNS FROM_ALL "WHERE $1::text IS NULL AND " FILTERS
                                     "ORDER BY ar.date DESC NULLS LAST, ar.ord, a.id LIMIT $3::bigint";

/* q's parameters ($1 the words, given) into v (11), numbers written in
 * the buffers given. */
void store_pg_params(const store_query *q, const char *words, char limit[24], char conf[32],
                     const char *v[11])
{
    const char *const filters[] = {q->speaker, NULL,    q->outlet, q->since, q->until,
                                   q->act,     q->type, q->lang,   NULL,     q->gender};
    v[0] = words;
    for (int k = 0; k < 10; k++)
        v[1 + k] = filters[k] && filters[k][0] ? filters[k] : NULL;
    snprintf(limit, 24, "%ld", q->limit);
    v[2] = q->limit > 0 ? limit : NULL; /* (LIMIT NULL: all) */
    snprintf(conf, 32, "%.17g", q->min_confidence);
    v[9] = q->min_confidence >= 0 ? conf : NULL;
}

typedef struct search_ctx {
    void (*row)(void *ctx, const char *json);
    void *ctx;
} search_ctx;

/* One result row as store.c's row_json writes it. */
static bool search_row(void *ctx, const PGresult *r)
{
    const search_ctx *sc = ctx;
    cJSON *o = cJSON_CreateObject();
    for (int c = 0; o && c < (int)(sizeof result_keys / sizeof *result_keys); c++) {
        Oid t = PQftype(r, c);
        if (PQgetisnull(r, 0, c))
            cJSON_AddNullToObject(o, result_keys[c]);
        else if (t == OID_INT8 || t == OID_INT4 || t == OID_FLOAT8)
            cJSON_AddNumberToObject(o, result_keys[c], strtod(PQgetvalue(r, 0, c), NULL));
        else
            cJSON_AddStringToObject(o, result_keys[c], PQgetvalue(r, 0, c));
    }
    char *s = o ? cJSON_PrintUnformatted(o) : NULL;
    cJSON_Delete(o);
    if (s)
        sc->row(sc->ctx, s);
    free(s);
    return s != NULL;
}

long store_pg_search(store_pg *p, const store_query *q, void (*row)(void *ctx, const char *json), void *ctx,
                     char *msg, size_t cap)
{
    char *words = NULL;
    if (q->text && q->text[0] && !(words = store_pg_words(p, q->text, msg, cap)))
        return -1;
    char limit[24], conf[32];
    const char *v[11];
    store_pg_params(q, words, limit, conf, v);
    search_ctx sc = {row, ctx};
    long n = each_row(p, words ? search_words_sql : search_all_sql, 11, v, search_row, &sc, msg, cap);
    free(words);
    return n;
}

/* What each group kind groups by (store.c's stat_kinds): fixed SQL. */
static const char *const stat_exprs[STAT_KINDS] = {
    "coalesce(p.name, s.name, '')",  "coalesce(ar.site, '')", "coalesce(substr(ar.date, 1, 7), '')",
    "coalesce(p.gender, 'unknown')", "coalesce(a.act, '')",   "coalesce(ar.lang, '')",
};

/* The statement of a count by by[0..nby), into sql (cap bytes). */
static void stats_sql(const int *by, int nby, char *sql, size_t cap)
{
    char keys[512] = "", order[640] = "";
    for (int i = 0; i < nby; i++) {
        size_t n = strlen(keys), m = strlen(order);
        snprintf(keys + n, sizeof keys - n, "%s%s", i ? ", " : "", stat_exprs[by[i]]);
        snprintf(order + m, sizeof order - m, ", %s COLLATE \"C\"", stat_exprs[by[i]]);
    }
    snprintf(sql, cap,
             "SELECT %s, count(*), "
             "count(DISTINCT CASE WHEN s.kind = 'person' THEN coalesce(p.id, -s.id) END), "
             "count(DISTINCT CASE WHEN p.gender = 'female' THEN p.id END), "
             "count(DISTINCT CASE WHEN p.gender = 'male' THEN p.id END) " FROM_ALL
             "WHERE $1::text IS NULL AND %sGROUP BY %s ORDER BY count(*) DESC%s LIMIT $3::bigint",
             keys, FILTERS, keys, order); /* (FILTERS holds LIKE's '%': no format) */
}

typedef struct stats_ctx {
    int nby;
    void (*row)(void *ctx, const char *const *values, long attributions, long people, long women, long men);
    void *ctx;
} stats_ctx;

static bool stats_row(void *ctx, const PGresult *r)
{
    const stats_ctx *sc = ctx;
    const char *values[STAT_KINDS];
    for (int i = 0; i < sc->nby; i++)
        values[i] = PQgetvalue(r, 0, i);
    sc->row(sc->ctx, values, (long)num(r, sc->nby), (long)num(r, sc->nby + 1), (long)num(r, sc->nby + 2),
            (long)num(r, sc->nby + 3));
    return true;
}

long store_pg_stats(store_pg *p, const store_query *q, const int *by, int nby,
                    void (*row)(void *ctx, const char *const *values, long attributions, long people,
                                long women, long men),
                    void *ctx, char *msg, size_t cap)
{
    char sql[4096], limit[24], conf[32];
    const char *v[11];
    stats_sql(by, nby, sql, sizeof sql);
    store_pg_params(q, NULL, limit, conf, v);
    stats_ctx sc = {nby, row, ctx};
    return each_row(p, sql, 11, v, stats_row, &sc, msg, cap);
}

/* ------------------------------------------------------------------ */
/* Quotations, for export */

/* Every occurrence of every quotation, the quotations in the export's
 * order (first seen; then by their first member in the whole run, the
 * order SQLite's ids have), each one's occurrences in order. */
static const char export_sql[] =
    "WITH m AS (SELECT a.quote, min(ARRAY[ar.ord, a.id]) AS first FROM attributions a "
    "  JOIN articles ar ON ar.id = a.article WHERE a.quote IS NOT NULL GROUP BY a.quote), "
    "qo AS (SELECT q.id, q.text, q.speaker, q.first_date, q.occurrences, row_number() OVER "
    "  (ORDER BY q.first_date IS NULL, q.first_date, m.first) AS k FROM quotations q JOIN m ON m.quote = "
    "q.id) "
    "SELECT qo.k, qo.text, qo.speaker, qo.first_date, qo.occurrences, coalesce(p.name, v.name, 'None'), "
    "  coalesce(ar.url, ar.doc), a.rid FROM qo JOIN attributions a ON a.quote = qo.id "
    "  JOIN articles ar ON ar.id = a.article LEFT JOIN speakers v ON v.id = a.speaker "
    "  LEFT JOIN persons p ON p.id = v.person "
    "ORDER BY qo.k, ar.date IS NULL, ar.date, ar.ord, a.id";

typedef struct export_ctx {
    void (*row)(void *ctx, const store_quote *q);
    void *ctx;
    long long k; /* the quotation being gathered (0: none yet) */
    quote_gather g;
    store_quote q;
    long n;
} export_ctx;

/* Hands the quotation gathered to the caller. */
static void export_flush(export_ctx *x)
{
    if (!x->k)
        return;
    gather_sort(&x->g, x->q.nnames);
    x->row(x->ctx, &x->q);
    x->n++;
    gather_free(&x->g);
    x->k = 0;
}

static bool export_row(void *ctx, const PGresult *r)
{
    export_ctx *x = ctx;
    if (num(r, 0) != x->k) {
        export_flush(x);
        x->k = num(r, 0);
        x->q = (store_quote){.text = gather_keep(&x->g, PQgetvalue(r, 0, 1)),
                             .speaker = val(r, 2) ? gather_keep(&x->g, val(r, 2)) : NULL,
                             .first_date = val(r, 3) ? gather_keep(&x->g, val(r, 3)) : NULL,
                             .occurrences = (long)num(r, 4),
                             .names = x->g.names,
                             .counts = x->g.counts,
                             .urls = x->g.urls,
                             .first_id = gather_keep(&x->g, PQgetvalue(r, 0, 7))};
    }
    gather_add(&x->g, &x->q, PQgetvalue(r, 0, 5), PQgetvalue(r, 0, 6));
    return true;
}

long store_pg_quotations(store_pg *p, void (*row)(void *ctx, const store_quote *q), void *ctx, char *msg,
                         size_t cap)
{
    export_ctx x = {.row = row, .ctx = ctx};
    long n = each_row(p, export_sql, 0, NULL, export_row, &x, msg, cap);
    if (n >= 0)
        export_flush(&x);
    gather_free(&x.g);
    return n < 0 ? -1 : x.n;
}
