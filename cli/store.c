/*
 * store.c: the corpus in SQLite.
 *
 * A database is dixit's when its application_id says so; its schema
 * version is its user_version (STORE_SCHEMA; a newer one is refused, an
 * older one migrated by the first run that writes). It runs in WAL mode,
 * so readers query while an index writes, with foreign keys on: an
 * article's attributions go with it. Each batch is one BEGIN IMMEDIATE … COMMIT: the records of
 * a batch of articles are all in, or none (a run killed mid-batch leaves
 * the last whole one, and a rerun replaces what it finds again).
 *
 * An article is known by its id (the records' "doc") and by a 128-bit
 * hash of its text: indexing either again first deletes the old rows.
 * The full-text index (FTS5, unicode61 with diacritics removed, so
 * "ministere" finds "ministère") indexes each quotation and its
 * speaker's name, with œ and æ folded to oe and ae, as queries are,
 * without a copy of them (schema 2: it reads them from the attributions).
 */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include "store.h"
#include "gender.h"
#include "link.h"
#include "merge.h"
#include "store_facts.h"
#include "store_filters.h"
#include "store_pg.h"
#include "store_rows.h"
#include "store_shard.h"
#include "store_stats.h"
#include "store_util.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define APP_ID 0x44584954 /* "DXIT": PRAGMA application_id of a dixit database */

/* The secondary indexes a run into an empty database builds once at its
 * end (store_defer_indexes): kept up row by row, each attribution's
 * three and each article's two cost a seventh of the batches' time on
 * 10,000 articles (more as the trees outgrow the cache), where CREATE
 * INDEX over the filled table sorts once. Last in the
 * schema, so that a database whose indexes were built again lists its
 * schema in the same order. (SQLite stores them without IF NOT EXISTS.) */
#define DEFERRED_LINK_SQL                                                                                    \
    "CREATE INDEX IF NOT EXISTS articles_date ON articles(date);\n"                                          \
    "CREATE INDEX IF NOT EXISTS articles_site ON articles(site);\n"                                          \
    "CREATE INDEX IF NOT EXISTS attributions_article ON attributions(article);\n"                            \
    "CREATE INDEX IF NOT EXISTS attributions_speaker ON attributions(speaker);\n"
/* (the one on quote after the quotations are regrouped, which sets every
 * quote of a new database: kept up, it cost a quarter of each update) */
#define DEFERRED_INDEXES_SQL                                                                                 \
    DEFERRED_LINK_SQL "CREATE INDEX IF NOT EXISTS attributions_quote ON attributions(quote);\n"
static const char *const deferred_indexes[] = {"articles_date", "articles_site", "attributions_article",
                                               "attributions_speaker", "attributions_quote"};

/* The full-text index, without a copy of its text (version 2): FTS5
 * reads a row's words, when it needs them, from attributions_text, the
 * quotation and speaker's name folded as store_fold folds them (œ, Œ, æ,
 * Æ by their code points), which the rows inserted must equal. Its own
 * copy (version 1) cost 147 bytes an attribution on bench/store.sh's
 * million, and its writing 5 % of the writing thread's instructions. A
 * row leaves the index by the 'delete' command with the words it was
 * indexed under, read before the attribution is gone. */
#define FTS_SQL                                                                                              \
    "CREATE VIEW attributions_text AS\n"                                                                     \
    "  SELECT a.id, replace(replace(replace(replace(a.quotation, char(339), 'oe'), char(338), 'OE'), "       \
    "char(230), 'ae'), char(198), 'AE') AS quotation,\n"                                                     \
    "    replace(replace(replace(replace(s.name, char(339), 'oe'), char(338), 'OE'), char(230), 'ae'), "     \
    "char(198), 'AE') AS speaker\n"                                                                          \
    "  FROM attributions a LEFT JOIN speakers s ON s.id = a.speaker;\n"                                      \
    "CREATE VIRTUAL TABLE attributions_fts USING fts5(quotation, speaker,\n"                                 \
    "  content = 'attributions_text', content_rowid = 'id',\n"                                               \
    "  tokenize = 'unicode61 remove_diacritics 2');\n"                                                       \
    "CREATE TRIGGER attributions_unindex BEFORE DELETE ON attributions BEGIN\n"                              \
    "  INSERT INTO attributions_fts (attributions_fts, rowid, quotation, speaker)\n"                         \
    "    SELECT 'delete', id, quotation, speaker FROM attributions_text WHERE id = old.id;\n"                \
    "END;\n"

/* A database of version 1 made version 2: its full-text table replaced
 * by the one above, filled from the attributions (in the caller's
 * transaction). */
static const char migrate_1_sql[] = "DROP TRIGGER attributions_unindex;\n"
                                    "DROP TABLE attributions_fts;\n" FTS_SQL
                                    "INSERT INTO attributions_fts (attributions_fts) VALUES ('rebuild');\n"
                                    "PRAGMA user_version = 2;\n";

/* The schema of version 2, as docs/store.md shows it. */
static const char schema_sql[] =
    "CREATE TABLE articles (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  doc TEXT NOT NULL UNIQUE,\n"
    "  path TEXT, url TEXT, title TEXT, site TEXT, date TEXT, authors TEXT, lang TEXT,\n"
    "  hash TEXT NOT NULL,\n"
    "  chars INTEGER NOT NULL,\n"
    "  text TEXT\n"
    ");\n"
    "CREATE INDEX articles_hash ON articles(hash);\n"
    "CREATE TABLE persons (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  name TEXT NOT NULL,\n"
    "  kind TEXT,\n"
    "  head INTEGER NOT NULL UNIQUE REFERENCES speakers(id),\n"
    "  gender TEXT,\n"
    "  gender_evidence TEXT\n"
    ");\n"
    "CREATE INDEX persons_name ON persons(name);\n"
    "CREATE TABLE speakers (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  name TEXT NOT NULL UNIQUE,\n"
    "  kind TEXT,\n"
    "  person INTEGER REFERENCES persons(id),\n"
    "  link TEXT\n"
    ");\n"
    "CREATE INDEX speakers_person ON speakers(person);\n"
    "CREATE TABLE attributions (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  article INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,\n"
    "  rid TEXT NOT NULL,\n"
    "  type TEXT NOT NULL,\n"
    "  quotation TEXT NOT NULL,\n"
    "  start INTEGER NOT NULL, end INTEGER NOT NULL,\n"
    "  start_byte INTEGER NOT NULL, end_byte INTEGER NOT NULL,\n"
    "  parts TEXT NOT NULL,\n"
    "  speaker INTEGER REFERENCES speakers(id),\n"
    "  speaker_mention TEXT, speaker_start INTEGER, speaker_end INTEGER,\n"
    "  speaker_kind TEXT, speaker_entity INTEGER, resolved_by TEXT,\n"
    "  cue TEXT, cue_lemma TEXT, act TEXT, cue_start INTEGER, cue_end INTEGER,\n"
    "  addressee TEXT, addressee_mention TEXT,\n"
    "  source TEXT, source_mention TEXT,\n"
    "  channel TEXT,\n"
    "  confidence REAL NOT NULL,\n"
    "  quote INTEGER REFERENCES quotations(id) ON DELETE SET NULL\n"
    ");\n"
    "CREATE TABLE quotations (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  text TEXT NOT NULL,\n"
    "  speaker TEXT,\n"
    "  person INTEGER REFERENCES persons(id) ON DELETE SET NULL,\n"
    "  first_article INTEGER REFERENCES articles(id) ON DELETE SET NULL,\n"
    "  first_date TEXT,\n"
    "  occurrences INTEGER NOT NULL,\n"
    "  outlets INTEGER NOT NULL\n"
    ");\n" FTS_SQL "CREATE VIEW person_summary AS\n"
    "  SELECT p.id, p.name, p.kind, p.gender, count(a.id) AS attributions, count(DISTINCT a.article) AS "
    "articles,\n"
    "    min(ar.date) AS first_date, max(ar.date) AS last_date,\n"
    "    (SELECT group_concat(v.name, ' | ') FROM speakers v WHERE v.person = p.id) AS variants\n"
    "  FROM persons p JOIN speakers s ON s.person = p.id JOIN attributions a ON a.speaker = s.id\n"
    "    JOIN articles ar ON ar.id = a.article\n"
    "  GROUP BY p.id;\n" DEFERRED_INDEXES_SQL;

enum {
    S_OLD_ARTICLE,
    S_DEL_ARTICLE,
    S_ADD_ARTICLE,
    S_ADD_SPEAKER,
    S_GET_SPEAKER,
    S_ADD_ATTR,
    S_ADD_FTS,
    S_COUNT
};
static const char *const stmt_sql[S_COUNT] = {
    "SELECT 1 FROM articles WHERE doc = ?1 OR hash = ?2",
    "DELETE FROM articles WHERE doc = ?1 OR hash = ?2 RETURNING id",
    "INSERT INTO articles (doc, path, url, title, site, date, authors, lang, hash, chars, text) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    "INSERT OR IGNORE INTO speakers (name, kind) VALUES (?1, ?2)",
    "SELECT id FROM speakers WHERE name = ?1",
    "INSERT INTO attributions (article, rid, type, quotation, start, end, start_byte, end_byte, parts, "
    "speaker, speaker_mention, speaker_start, speaker_end, speaker_kind, speaker_entity, resolved_by, "
    "cue, cue_lemma, act, cue_start, cue_end, addressee, addressee_mention, source, source_mention, "
    "channel, confidence) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
    "?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27)",
    "INSERT INTO attributions_fts (rowid, quotation, speaker) VALUES (?1, ?2, ?3)",
};

struct store {
    store_pg *pg; /* a PostgreSQL store (store_pg.c), or NULL for SQLite */
    sqlite3 *db;
    sqlite3_stmt *st[S_COUNT];
    /* the articles of the batch being stored: their ids and rowids */
    char **docs;
    sqlite3_int64 *rows;
    size_t ndocs, cap_docs, at;
    bool open;      /* a batch's transaction is open */
    bool deferred;  /* the deferred indexes are to be built (store_defer_indexes) */
    size_t pending; /* articles in it */
    /* the speakers rows known by name (open addressing, a power of two
     * slots): two statements a record saved; emptied when a batch rolls
     * back, since its rows go with it */
    struct name_id {
        char *name;
        sqlite3_int64 id;
    } * names;
    size_t nnames, names_cap;
};

static int give_up(store *s, int rc, char *msg, size_t cap);

/* The speakers cache */

static size_t name_slot(const store *s, const char *name)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (const unsigned char *c = (const unsigned char *)name; *c; c++)
        h = (h ^ *c) * 0x100000001b3ull;
    size_t i = (size_t)h & (s->names_cap - 1);
    while (s->names[i].name && strcmp(s->names[i].name, name))
        i = (i + 1) & (s->names_cap - 1);
    return i;
}

/* Remembers that speaker name is row id (nothing when memory runs out:
 * the cache only saves statements). */
static void name_put(store *s, const char *name, sqlite3_int64 id)
{
    if (2 * (s->nnames + 1) > s->names_cap) {
        size_t cap = s->names_cap ? 2 * s->names_cap : 1024;
        struct name_id *old = s->names, *fresh = calloc(cap, sizeof *fresh);
        if (!fresh)
            return;
        size_t old_cap = s->names_cap;
        s->names = fresh;
        s->names_cap = cap;
        for (size_t i = 0; i < old_cap; i++)
            if (old[i].name)
                s->names[name_slot(s, old[i].name)] = old[i];
        free(old);
    }
    size_t i = name_slot(s, name);
    if (!s->names[i].name && (s->names[i].name = strdup(name)) != NULL) {
        s->names[i].id = id;
        s->nnames++;
    }
}

static void names_clear(store *s)
{
    for (size_t i = 0; i < s->names_cap; i++)
        free(s->names[i].name);
    free(s->names);
    s->names = NULL;
    s->nnames = s->names_cap = 0;
}

__attribute__((format(printf, 3, 4))) static void say(char *msg, size_t cap, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, cap, fmt, ap);
    va_end(ap);
}

static int exec(sqlite3 *db, const char *sql)
{
    return sqlite3_exec(db, sql, NULL, NULL, NULL);
}

/* One integer a PRAGMA gives, or -1 (with the SQLite code in *rc). */
static long pragma_int(sqlite3 *db, const char *sql, int *rc)
{
    sqlite3_stmt *st = NULL;
    long v = -1;
    *rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    if (*rc == SQLITE_OK && (*rc = sqlite3_step(st)) == SQLITE_ROW) {
        v = (long)sqlite3_column_int64(st, 0);
        *rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    return v;
}

/* The words for what SQLite said, for a database at path. */
static void db_error(sqlite3 *db, int rc, const char *path, char *msg, size_t cap)
{
    if (rc == SQLITE_NOTADB)
        say(msg, cap, "%s: not a database", path);
    else if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        say(msg, cap, "%s: the database is locked by another program (waited, then gave up)", path);
    else if (rc == SQLITE_CANTOPEN)
        say(msg, cap, "%s: cannot open the database (no such file, or no permission)", path);
    else if (rc == SQLITE_FULL)
        say(msg, cap, "%s: the disk is full; this batch was rolled back, the database is as before it", path);
    else if (rc == SQLITE_IOERR)
        say(msg, cap,
            "%s: a write failed (%s: a file-size limit, or the device); this batch was rolled back, "
            "the database is as before it",
            path, db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    else
        say(msg, cap, "%s: %s", path, db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
}

/* Makes a database of version 1 version 2, in one transaction: 0, or -1
 * with a message (and the database as it was). */
static int migrate(store *s, const char *path, char *msg, size_t cap)
{
    int rc = exec(s->db, "BEGIN IMMEDIATE");
    /* (read again inside the transaction: another run may have done it) */
    long version = rc == SQLITE_OK ? pragma_int(s->db, "PRAGMA user_version", &rc) : -1;
    if (rc == SQLITE_OK && version == 1)
        rc = exec(s->db, migrate_1_sql);
    if (rc == SQLITE_OK)
        rc = exec(s->db, "COMMIT");
    if (rc != SQLITE_OK) {
        db_error(s->db, rc, path, msg, cap);
        exec(s->db, "ROLLBACK");
        return -1;
    }
    return 0;
}

/* Checks what the file holds (and, when write, makes the schema of a new
 * one); 0, or -1 with a message. */
static int check_schema(store *s, const char *path, bool write, char *msg, size_t cap)
{
    int rc;
    long app = pragma_int(s->db, "PRAGMA application_id", &rc);
    long version = rc == SQLITE_OK ? pragma_int(s->db, "PRAGMA user_version", &rc) : -1;
    long tables = rc == SQLITE_OK ? pragma_int(s->db, "SELECT count(*) FROM sqlite_schema", &rc) : -1;
    if (rc != SQLITE_OK) {
        db_error(s->db, rc, path, msg, cap);
        return -1;
    }
    if (app != APP_ID && tables > 0) {
        say(msg, cap, "%s: a SQLite database, but not dixit's (no dixit schema in it)", path);
        return -1;
    }
    if (version > STORE_SCHEMA) {
        say(msg, cap, "%s: written by a newer dixit (schema %ld; this one reads up to %d)", path, version,
            STORE_SCHEMA);
        return -1;
    }
    if (app == APP_ID && version == STORE_SCHEMA)
        return 0;
    /* version 1 reads as version 2 does (no reader reads the full-text
     * table's columns); a writer makes it version 2 first */
    if (app == APP_ID && version == 1)
        return write ? migrate(s, path, msg, cap) : 0;
    if (!write) {
        say(msg, cap, "%s: an empty database (index articles into it first)", path);
        return -1;
    }
    /* a new database: its schema, in one transaction */
    char sql[sizeof schema_sql + 200];
    snprintf(sql, sizeof sql,
             "BEGIN IMMEDIATE;\n%sPRAGMA application_id = %d;\nPRAGMA user_version = %d;\nCOMMIT;",
             schema_sql, APP_ID, STORE_SCHEMA);
    if ((rc = exec(s->db, sql)) != SQLITE_OK) {
        db_error(s->db, rc, path, msg, cap);
        exec(s->db, "ROLLBACK");
        return -1;
    }
    return 0;
}

store *store_open(const char *path, bool write, int busy_ms, char *msg, size_t cap)
{
    store *s = calloc(1, sizeof *s);
    if (!s) {
        say(msg, cap, "%s: out of memory", path);
        return NULL;
    }
    if (store_pg_url(path)) { /* the backend: PostgreSQL by its URL */
        if ((s->pg = store_pg_open(path, write, msg, cap)) != NULL)
            return s;
        free(s);
        return NULL;
    }
    /* one thread uses a connection: SQLite's own mutexes are not needed */
    int flags =
        (write ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY) | SQLITE_OPEN_NOMUTEX;
    int rc = sqlite3_open_v2(path, &s->db, flags, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_busy_timeout(s->db, busy_ms);
        rc = exec(s->db, "PRAGMA foreign_keys = ON");
    }
    if (rc != SQLITE_OK) {
        db_error(s->db, rc, path, msg, cap);
    } else if (check_schema(s, path, write, msg, cap) == 0) {
        /* WAL: readers go on while a batch is written; NORMAL: a commit
         * is durable at the next checkpoint, never half-applied. The
         * file mapped (up to SQLite's 2 GB cap) for reading: the scans of
         * the linking and regrouping over the whole database read it in
         * place, not each page copied by a read() (a relink of a million
         * attributions: 9.5 s of CPU, 1.3 of them the kernel's; 8.2 s
         * mapped). Writes still go through write(). */
        if (!write || (exec(s->db, "PRAGMA journal_mode = WAL") == SQLITE_OK &&
                       exec(s->db, "PRAGMA synchronous = NORMAL") == SQLITE_OK &&
                       exec(s->db, "PRAGMA cache_size = -65536") == SQLITE_OK && /* 64 MB */
                       exec(s->db, "PRAGMA mmap_size = 2147418112") == SQLITE_OK)) {
            /* indexes a run killed before building them left out: built
             * now (nothing is written when they are there) */
            bool ok = !write || exec(s->db, DEFERRED_INDEXES_SQL) == SQLITE_OK;
            for (int k = 0; write && k < S_COUNT && ok; k++)
                ok = sqlite3_prepare_v2(s->db, stmt_sql[k], -1, &s->st[k], NULL) == SQLITE_OK;
            if (ok)
                return s;
        }
        db_error(s->db, sqlite3_errcode(s->db), path, msg, cap);
    }
    store_close(s);
    return NULL;
}

store *store_open_read(const char *path)
{
    char msg[1024];
    store *s = store_open(path, false, STORE_BUSY_MS, msg, sizeof msg);
    if (!s)
        fprintf(stderr, "dixit: %s\n", msg);
    return s;
}

struct sqlite3 *store_db(const store *s)
{
    return s->db;
}

struct store_pg *store_pg_of(const store *s)
{
    return s->pg;
}

int store_set_shard(store *s, unsigned k, unsigned parts, unsigned long long plan, char *msg, size_t cap)
{
    if (s->pg) {
        if (k)
            store_pg_set_shard(s->pg, k);
        return 0;
    }
    int rc = store_shard_mark(s->db, k, parts, plan);
    if (rc != SQLITE_OK)
        return give_up(s, rc, msg, cap);
    return 0;
}

int store_shard_done(store *s, char *msg, size_t cap)
{
    int rc = s->pg ? SQLITE_OK : store_shard_finish(s->db);
    return rc == SQLITE_OK ? 0 : give_up(s, rc, msg, cap);
}

void store_close(store *s)
{
    if (!s)
        return;
    store_pg_close(s->pg);
    for (int k = 0; k < S_COUNT; k++)
        sqlite3_finalize(s->st[k]);
    sqlite3_close(s->db);
    for (size_t i = 0; i < s->ndocs; i++)
        free(s->docs[i]);
    free(s->docs);
    free(s->rows);
    names_clear(s);
    free(s);
}

int store_defer_indexes(store *s, char *msg, size_t cap)
{
    if (s->pg)
        return 0;
    /* empty, or not: asked inside the transaction that drops them, so
     * that no other run's articles come in between */
    int rc = exec(s->db, "BEGIN IMMEDIATE");
    long any = rc == SQLITE_OK ? pragma_int(s->db, "SELECT EXISTS (SELECT 1 FROM articles)", &rc) : -1;
    char sql[64];
    for (size_t k = 0; rc == SQLITE_OK && any == 0 && k < sizeof deferred_indexes / sizeof *deferred_indexes;
         k++) {
        snprintf(sql, sizeof sql, "DROP INDEX IF EXISTS %s", deferred_indexes[k]);
        rc = exec(s->db, sql);
    }
    if (rc == SQLITE_OK)
        rc = exec(s->db, "COMMIT");
    if (rc != SQLITE_OK)
        return give_up(s, rc, msg, cap);
    s->deferred = any == 0;
    return 0;
}

/* Builds the deferred indexes, if they are (inside the caller's
 * transaction). A SQLite code. */
static int build_indexes(store *s)
{
    if (!s->deferred)
        return SQLITE_OK;
    int rc = exec(s->db, DEFERRED_INDEXES_SQL);
    if (rc == SQLITE_OK)
        s->deferred = false;
    return rc;
}

/* Runs sql (deferred indexes) in a transaction of its own: 0, or -1
 * with a line in msg. */
static int build_apart(store *s, const char *sql, char *msg, size_t cap)
{
    int rc = exec(s->db, "BEGIN IMMEDIATE");
    s->open = rc == SQLITE_OK;
    if (rc == SQLITE_OK)
        rc = exec(s->db, sql);
    if (rc != SQLITE_OK)
        return give_up(s, rc, msg, cap);
    return store_commit(s, msg, cap);
}

/* ------------------------------------------------------------------ */
/* A batch */

static void bind_str(sqlite3_stmt *st, int i, const char *s)
{
    if (s)
        sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, i);
}

/* A field of a row (store_rows.h) bound: it lives as long as the batch. */
static void bind_field(sqlite3_stmt *st, int i, const store_field *f)
{
    if (f->type == STORE_F_TEXT)
        sqlite3_bind_text(st, i, f->s, (int)f->n, SQLITE_STATIC);
    else if (f->type == STORE_F_INT)
        sqlite3_bind_int64(st, i, f->i);
    else if (f->type == STORE_F_REAL)
        sqlite3_bind_double(st, i, f->d);
    else
        sqlite3_bind_null(st, i);
}

/* Remembers that the batch's article doc is row `row`. */
static int remember(store *s, const char *doc, sqlite3_int64 row)
{
    if (s->ndocs == s->cap_docs) {
        size_t cap = s->cap_docs ? 2 * s->cap_docs : 64;
        char **d = realloc(s->docs, cap * sizeof *d);
        if (d)
            s->docs = d;
        sqlite3_int64 *r = d ? realloc(s->rows, cap * sizeof *r) : NULL;
        if (!r)
            return -1;
        s->rows = r;
        s->cap_docs = cap;
    }
    if (!(s->docs[s->ndocs] = strdup(doc)))
        return -1;
    s->rows[s->ndocs++] = row;
    return 0;
}

/* The row of the batch's article doc, or 0: records come in the order of
 * their articles, so the search starts where the last one was found. */
static sqlite3_int64 article_row(store *s, const char *doc)
{
    for (size_t k = 0; k < s->ndocs; k++) {
        size_t i = (s->at + k) % s->ndocs;
        if (strcmp(s->docs[i], doc) == 0) {
            s->at = i;
            return s->rows[i];
        }
    }
    return 0;
}

/* Runs a bound statement to its end and resets it: a SQLite code. */
static int run(sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
}

/* An article's row: the article, its old rows gone first. */
static int add_article(store *s, const store_field *f, bool keep_text)
{
    const char *doc = f[STORE_A_DOC].s;
    sqlite3_stmt *old = s->st[S_OLD_ARTICLE], *del = s->st[S_DEL_ARTICLE], *add = s->st[S_ADD_ARTICLE];
    /* looked for before it is deleted: a DELETE, which may reach the
     * full-text index through the cascade and its trigger, opens a
     * statement savepoint, and FTS5 writes out the terms it holds in
     * memory at every savepoint: a segment per article, and their
     * merges, where a batch would make one */
    bind_field(old, 1, &f[STORE_A_DOC]);
    bind_field(old, 2, &f[STORE_A_HASH]);
    int rc = sqlite3_step(old);
    sqlite3_reset(old);
    sqlite3_clear_bindings(old);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return rc;
    /* an article to replace: its attributions are found by the index on
     * article (the cascade would read the whole table for each) */
    int built = rc == SQLITE_ROW ? build_indexes(s) : SQLITE_OK;
    if (built != SQLITE_OK)
        return built;
    bind_field(del, 1, &f[STORE_A_DOC]);
    bind_field(del, 2, &f[STORE_A_HASH]);
    /* an article of this batch replaced (the same text under another id
     * just before): its records, which come later, go with it, not to the
     * article that takes its rowid */
    while (rc == SQLITE_ROW && (rc = sqlite3_step(del)) == SQLITE_ROW)
        for (size_t i = 0; i < s->ndocs; i++)
            s->rows[i] = s->rows[i] == sqlite3_column_int64(del, 0) ? -1 : s->rows[i];
    sqlite3_reset(del);
    sqlite3_clear_bindings(del);
    if (rc != SQLITE_DONE)
        return rc;
    for (int k = STORE_A_DOC; k <= STORE_A_CHARS; k++) /* (the columns' order) */
        bind_field(add, k + 1, &f[k]);
    if (keep_text)
        bind_field(add, 11, &f[STORE_A_TEXT]);
    if ((rc = run(add)) != SQLITE_OK)
        return rc;
    return remember(s, doc, sqlite3_last_insert_rowid(s->db)) == 0 ? SQLITE_OK : SQLITE_NOMEM;
}

/* The speaker row of a record's speaker (made when new), or 0 for none. */
static int speaker_row(store *s, const store_field *f, sqlite3_int64 *row)
{
    const char *name = f[STORE_R_SPEAKER].s;
    *row = 0;
    if (!name)
        return SQLITE_OK;
    if (s->names_cap) {
        size_t i = name_slot(s, name);
        if (s->names[i].name) {
            *row = s->names[i].id;
            return SQLITE_OK;
        }
    }
    bind_field(s->st[S_ADD_SPEAKER], 1, &f[STORE_R_SPEAKER]);
    bind_field(s->st[S_ADD_SPEAKER], 2, &f[STORE_R_SPEAKER_KIND]);
    int rc = run(s->st[S_ADD_SPEAKER]);
    if (rc != SQLITE_OK)
        return rc;
    sqlite3_stmt *get = s->st[S_GET_SPEAKER];
    bind_field(get, 1, &f[STORE_R_SPEAKER]);
    if (sqlite3_step(get) == SQLITE_ROW)
        *row = sqlite3_column_int64(get, 0);
    sqlite3_reset(get);
    sqlite3_clear_bindings(get);
    if (*row)
        name_put(s, name, *row);
    return *row ? SQLITE_OK : SQLITE_ERROR;
}

/* A record's row: its attribution, under its article of this batch, and
 * its full-text row. */
static int add_record(store *s, const store_field *f)
{
    const char *doc = f[STORE_R_DOC].s;
    sqlite3_int64 article = doc ? article_row(s, doc) : 0, spk;
    if (article < 0) /* (replaced in this batch) */
        return SQLITE_OK;
    if (!article || !f[STORE_R_QUOTATION].s)
        return SQLITE_MISMATCH;
    int rc = speaker_row(s, f, &spk);
    if (rc != SQLITE_OK)
        return rc;
    sqlite3_stmt *st = s->st[S_ADD_ATTR];
    sqlite3_bind_int64(st, 1, article);
    for (int k = STORE_R_RID; k <= STORE_R_CONFIDENCE;
         k++) /* (the columns' order, the speaker's row for its name) */
        if (k == STORE_R_SPEAKER && spk)
            sqlite3_bind_int64(st, k + 1, spk);
        else if (k != STORE_R_SPEAKER)
            bind_field(st, k + 1, &f[k]);
    if ((rc = run(st)) != SQLITE_OK)
        return rc;
    st = s->st[S_ADD_FTS];
    sqlite3_bind_int64(st, 1, sqlite3_last_insert_rowid(s->db));
    bind_field(st, 2, &f[STORE_R_FTS_QUOTATION]);
    bind_field(st, 3, &f[STORE_R_FTS_SPEAKER]);
    return run(st);
}

/* Each row of p[0..n) (store_rows.h) into the database. */
static int each_row(store *s, const char *p, size_t n, bool keep_text)
{
    _Static_assert((int)STORE_R_FIELDS >= (int)STORE_A_FIELDS, "a record's fields hold an article's");
    store_field f[STORE_R_FIELDS];
    size_t at = 0;
    int kind, rc = SQLITE_OK;
    while (rc == SQLITE_OK && (kind = store_rows_next(p, n, &at, f)) != 0)
        rc = kind == STORE_ROW_ARTICLE  ? add_article(s, f, keep_text)
             : kind == STORE_ROW_RECORD ? add_record(s, f)
                                        : SQLITE_MISMATCH;
    return rc;
}

/* The end of a failed batch: its message, and everything since the
 * batch began rolled back. */
static int give_up(store *s, int rc, char *msg, size_t cap)
{
    db_error(s->db, rc, sqlite3_db_filename(s->db, "main"), msg, cap);
    if (rc == SQLITE_MISMATCH)
        say(msg, cap, "%s: a record that does not fit the schema", sqlite3_db_filename(s->db, "main"));
    exec(s->db, "ROLLBACK");
    s->open = false;
    s->pending = 0;
    names_clear(s);
    return -1;
}

int store_batch(store *s, const char *texts, size_t texts_len, const char *records, size_t records_len,
                bool keep_text, char *msg, size_t cap)
{
    if (s->pg)
        return store_pg_batch(s->pg, texts, texts_len, records, records_len, keep_text, msg, cap);
    char *rows;
    size_t n;
    if (store_rows_make(texts, texts_len, records, records_len, &rows, &n) != 0)
        return give_up(s, SQLITE_NOMEM, msg, cap);
    int rc = store_batch_rows(s, rows, n, keep_text, msg, cap);
    free(rows);
    return rc;
}

int store_batch_rows(store *s, const char *rows, size_t rows_len, bool keep_text, char *msg, size_t cap)
{
    for (size_t i = 0; i < s->ndocs; i++)
        free(s->docs[i]);
    s->ndocs = s->at = 0;
    int rc = SQLITE_OK;
    if (!s->open && (rc = exec(s->db, "BEGIN IMMEDIATE")) == SQLITE_OK)
        s->open = true;
    if (rc == SQLITE_OK)
        rc = each_row(s, rows, rows_len, keep_text);
    if (rc != SQLITE_OK)
        return give_up(s, rc, msg, cap);
    s->pending += s->ndocs;
    return s->pending >= STORE_BATCH_DOCS ? store_commit(s, msg, cap) : 0;
}

int store_commit(store *s, char *msg, size_t cap)
{
    if (s->pg)
        return store_pg_commit(s->pg, msg, cap);
    if (!s->open)
        return 0;
    int rc = exec(s->db, "COMMIT");
    if (rc != SQLITE_OK)
        return give_up(s, rc, msg, cap);
    s->open = false;
    s->pending = 0;
    return 0;
}

/* ------------------------------------------------------------------ */
/* Speakers across articles */

/* The speakers of the database, their names into v (n of them, ids in
 * *ids, the names' copies in *names, to free); -1 on a database error or
 * no memory. */
static long read_speakers(store *s, link_name **vp, sqlite3_int64 **ids, char ***names)
{
    sqlite3_stmt *st = NULL;
    long n = 0, cap = 0;
    link_name *v = NULL;
    *ids = NULL;
    *names = NULL;
    int rc = sqlite3_prepare_v2(s->db, "SELECT id, name, kind FROM speakers ORDER BY id", -1, &st, NULL);
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (n == cap) {
            cap = cap ? 2 * cap : 256;
            link_name *nv = realloc(v, (size_t)cap * sizeof *v);
            sqlite3_int64 *ni = nv ? realloc(*ids, (size_t)cap * sizeof *ni) : NULL;
            char **nn = ni ? realloc(*names, (size_t)cap * sizeof *nn) : NULL;
            if (nv)
                v = nv;
            if (ni)
                *ids = ni;
            if (!nn) {
                rc = SQLITE_NOMEM;
                break;
            }
            *names = nn;
        }
        const char *kind = (const char *)sqlite3_column_text(st, 2);
        v[n].name = (*names)[n] = strdup((const char *)sqlite3_column_text(st, 1));
        v[n].person = kind && !strcmp(kind, "person");
        v[n].gender = 0;
        v[n].gender_why = NULL;
        v[n].articles = NULL;
        v[n].narticles = v[n].articles_cap = 0;
        (*ids)[n] = sqlite3_column_int64(st, 0);
        if (!v[n++].name)
            rc = SQLITE_NOMEM;
        rc = rc == SQLITE_ROW ? SQLITE_OK : rc;
    }
    sqlite3_finalize(st);
    *vp = v;
    return rc == SQLITE_DONE ? n : -1;
}

/* Writes what link_names decided: a person per head (kept when its head
 * is), each speaker's person and the evidence, persons left with no
 * speaker gone. Inside the caller's transaction. */
static int write_links(store *s, const link_name *v, const sqlite3_int64 *ids, long n)
{
    sqlite3_stmt *add = NULL, *set = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                "INSERT INTO persons (name, kind, head) VALUES (?1, ?2, ?3) "
                                "ON CONFLICT (head) DO UPDATE SET name = ?1, kind = ?2",
                                -1, &add, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(s->db,
                                "UPDATE speakers SET person = (SELECT id FROM persons WHERE head = ?1), "
                                "link = ?2 WHERE id = ?3",
                                -1, &set, NULL);
    for (long i = 0; rc == SQLITE_OK && i < n; i++) {
        if (v[i].head != (size_t)i || !v[i].named)
            continue;
        bind_str(add, 1, v[i].canon);
        bind_str(add, 2, v[i].person ? "person" : NULL);
        sqlite3_bind_int64(add, 3, ids[i]);
        rc = run(add);
    }
    for (long i = 0; rc == SQLITE_OK && i < n; i++) {
        /* (a name linked to none: no person, the subquery NULL) */
        sqlite3_bind_int64(set, 1, v[i].named ? ids[v[i].head] : 0);
        bind_str(set, 2, v[i].why[0] ? v[i].why : NULL);
        sqlite3_bind_int64(set, 3, ids[i]);
        rc = run(set);
    }
    if (rc == SQLITE_OK)
        rc = exec(
            s->db,
            "DELETE FROM persons WHERE id NOT IN (SELECT person FROM speakers WHERE person IS NOT NULL)");
    sqlite3_finalize(add);
    sqlite3_finalize(set);
    return rc;
}

/* Decides the gender of person id from its votes, and writes it. */
static int write_gender(sqlite3_stmt *set, sqlite3_int64 id, const gender_votes *v)
{
    char why[300];
    bind_str(set, 1, gender_decide(v, why, sizeof why));
    bind_str(set, 2, why);
    sqlite3_bind_int64(set, 3, id);
    return run(set);
}

/* The votes of speaker id (index i of ids, -1 when none) into *out:
 * those speaker_genders kept (a person speaker's name and mentions), else
 * its name's and its records' mentions, read now (a speaker of another
 * kind in a person, or one with no record). */
static int speaker_votes(sqlite3_stmt *mentions, const dixit_engine *e, const char *name, long i,
                         const gender_votes *kept, const bool *has, sqlite3_int64 id, gender_votes *out)
{
    if (i >= 0 && has[i]) {
        gender_add(out, &kept[i]);
        return SQLITE_OK;
    }
    gender_name(out, name, e);
    sqlite3_bind_int64(mentions, 1, id);
    int rc;
    while ((rc = sqlite3_step(mentions)) == SQLITE_ROW) {
        const char *mention = (const char *)sqlite3_column_text(mentions, 0);
        if (mention)
            gender_mention(out, mention, (const char *)sqlite3_column_text(mentions, 1), e);
    }
    sqlite3_reset(mentions);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* The index of id in ids (ascending, n of them), or -1. */
static long id_index(const sqlite3_int64 *ids, long n, sqlite3_int64 id)
{
    long lo = 0, hi = n;
    while (lo < hi) {
        long mid = lo + (hi - lo) / 2;
        if (ids[mid] < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && ids[lo] == id ? lo : -1;
}

/* The gender of every person (gender.c): the evidence of its speakers'
 * names, once each, and of their records' mentions, the sum of its
 * speakers' votes (kept[i] for the speakers whose has[i]: speaker_genders
 * read them, the same name and mentions, and reading every record again
 * through the index on speaker cost 0.6 s on a million). Inside the
 * caller's transaction. */
static int write_genders(store *s, const dixit_engine *e, const sqlite3_int64 *ids, long n,
                         const gender_votes *kept, const bool *has)
{
    sqlite3_stmt *get = NULL, *set = NULL, *mentions = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                "SELECT p.id, v.id, v.name FROM persons p JOIN speakers v ON v.person = p.id "
                                "WHERE p.kind = 'person' ORDER BY p.id, v.id",
                                -1, &get, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(s->db, "UPDATE persons SET gender = ?1, gender_evidence = ?2 WHERE id = ?3",
                                -1, &set, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(s->db, "SELECT speaker_mention, rid FROM attributions WHERE speaker = ?1", -1,
                                &mentions, NULL);
    gender_votes votes;
    sqlite3_int64 person = 0;
    while (rc == SQLITE_OK && (rc = sqlite3_step(get)) == SQLITE_ROW) {
        sqlite3_int64 p = sqlite3_column_int64(get, 0), v = sqlite3_column_int64(get, 1);
        if (p != person && person && (rc = write_gender(set, person, &votes)) != SQLITE_OK)
            break;
        if (p != person)
            memset(&votes, 0, sizeof votes);
        person = p;
        rc = speaker_votes(mentions, e, (const char *)sqlite3_column_text(get, 2), id_index(ids, n, v), kept,
                           has, v, &votes);
    }
    if (rc == SQLITE_DONE)
        rc = person ? write_gender(set, person, &votes) : SQLITE_OK;
    sqlite3_finalize(get);
    sqlite3_finalize(set);
    sqlite3_finalize(mentions);
    return rc;
}

/* A record of a person speaker: the speaker's index, its article, and
 * whether its mention gave a vote. */
typedef struct spk_row {
    sqlite3_int64 article;
    uint32_t i;
    bool voted;
} spk_row;

static int by_article(const void *a, const void *b)
{
    const spk_row *x = a, *y = b;
    return (x->article > y->article) - (x->article < y->article);
}

/* The records of the person speakers, in one scan of the table in its
 * order (NOT INDEXED: through the index on speaker, each record was a
 * look-up of its row, and the articles of each speaker a sort: 612 M of
 * the linking's 1,067 M instructions on 10,000 articles): each mention's
 * votes added to its
 * speaker's, in kept (the votes do not depend on the order of records),
 * and the record into *rows (*nrows of them), for the articles. */
static int read_mentions(store *s, const dixit_engine *e, const link_name *v, const sqlite3_int64 *ids,
                         long n, gender_votes *kept, spk_row **rows, size_t *nrows)
{
    sqlite3_stmt *get = NULL;
    size_t cap = 0;
    int rc = sqlite3_prepare_v2(s->db,
                                "SELECT speaker, speaker_mention, rid, article FROM attributions NOT INDEXED "
                                "WHERE speaker IS NOT NULL",
                                -1, &get, NULL);
    while (rc == SQLITE_OK && (rc = sqlite3_step(get)) == SQLITE_ROW) {
        rc = SQLITE_OK;
        sqlite3_int64 id = sqlite3_column_int64(get, 0);
        long i = id >= 1 && id <= n && ids[id - 1] == id ? (long)id - 1 : id_index(ids, n, id);
        if (i < 0 || !v[i].person)
            continue;
        if (*nrows == cap) {
            cap = cap ? 2 * cap : 4096;
            spk_row *nr = realloc(*rows, cap * sizeof *nr);
            if (!nr) {
                rc = SQLITE_NOMEM;
                break;
            }
            *rows = nr;
        }
        int before = kept[i].f + kept[i].m;
        const char *mention = (const char *)sqlite3_column_text(get, 1);
        if (mention)
            gender_mention(&kept[i], mention, (const char *)sqlite3_column_text(get, 2), e);
        (*rows)[(*nrows)++] =
            (spk_row){sqlite3_column_int64(get, 3), (uint32_t)i, kept[i].f + kept[i].m > before};
    }
    sqlite3_finalize(get);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Speaker i's articles (its records r, n of them, in the order of
 * articles): each added to its link_name, and what speaker_ev_decide
 * reads of them (how many, how many gave a vote of their own). */
static bool speaker_articles(link_name *x, const spk_row *r, size_t n, speaker_ev *ev)
{
    bool with = false;
    for (size_t k = 0; k < n; k++) {
        if (!k || r[k].article != r[k - 1].article) {
            ev->with_evidence += with;
            with = false;
            ev->articles++;
            if (!link_add_article(x, r[k].article))
                return false;
        }
        with |= r[k].voted;
    }
    ev->with_evidence += with;
    return true;
}

/* The gender of each person speaker, from its name and its records'
 * mentions, as write_genders decides a person's (v in the order of ids,
 * ascending). The strings are kept in whys (n of them), each person
 * speaker's votes in kept (has set), for write_genders to sum. */
static int speaker_genders(store *s, const dixit_engine *e, link_name *v, const sqlite3_int64 *ids, long n,
                           char **whys, gender_votes *kept, bool *has)
{
    spk_row *rows = NULL, *by = NULL;
    size_t nrows = 0, *at = calloc((size_t)n + 1, sizeof *at);
    int *name_votes = malloc((size_t)n * sizeof *name_votes);
    int rc = at && name_votes ? SQLITE_OK : SQLITE_NOMEM;
    for (long i = 0; rc == SQLITE_OK && i < n; i++) { /* the name's own votes: good in every article */
        memset(&kept[i], 0, sizeof kept[i]);
        if (v[i].person)
            gender_name(&kept[i], v[i].name, e);
        name_votes[i] = kept[i].f + kept[i].m;
    }
    if (rc == SQLITE_OK)
        rc = read_mentions(s, e, v, ids, n, kept, &rows, &nrows);
    by = rc == SQLITE_OK ? malloc((nrows ? nrows : 1) * sizeof *by) : NULL;
    rc = rc == SQLITE_OK && !by ? SQLITE_NOMEM : rc;
    if (rc == SQLITE_OK) { /* the records by speaker, each speaker's in the table's order */
        for (size_t k = 0; k < nrows; k++)
            at[rows[k].i + 1]++;
        for (long i = 0; i < n; i++)
            at[i + 1] += at[i];
        for (size_t k = 0; k < nrows; k++)
            by[at[rows[k].i]++] = rows[k];
        memmove(at + 1, at, (size_t)n * sizeof *at); /* (placing left at[i] at i's end: now its start) */
        at[0] = 0;
    }
    for (long i = 0; rc == SQLITE_OK && i < n; i++) {
        spk_row *r = by + at[i];
        size_t m = at[i + 1] - at[i];
        if (!m)
            continue;
        bool sorted = true; /* (the table's order is the articles' when each was added at once) */
        for (size_t k = 1; k < m && sorted; k++)
            sorted = r[k - 1].article <= r[k].article;
        if (!sorted)
            qsort(r, m, sizeof *r, by_article);
        speaker_ev ev = {.votes = kept[i], .name_votes = name_votes[i]};
        if (!speaker_articles(&v[i], r, m, &ev))
            rc = SQLITE_NOMEM;
        speaker_ev_decide(&v[i], &whys[i], &ev);
        has[i] = true;
    }
    free(rows);
    free(by);
    free(at);
    free(name_votes);
    return rc;
}

int store_link(store *s, const dixit_engine *e, char *msg, size_t cap)
{
    if (s->pg)
        return store_pg_link(s->pg, e, msg, cap);
    /* the deferred indexes, once, before the linking reads through them */
    if (s->deferred && build_apart(s, DEFERRED_LINK_SQL, msg, cap) != 0)
        return -1;
    link_name *v = NULL;
    sqlite3_int64 *ids = NULL;
    char **names = NULL;
    long n = read_speakers(s, &v, &ids, &names);
    int rc = n < 0 ? sqlite3_errcode(s->db) : SQLITE_OK;
    char **whys = n > 0 ? calloc((size_t)n, sizeof *whys) : NULL;
    gender_votes *kept = n > 0 ? malloc((size_t)n * sizeof *kept) : NULL;
    bool *has = n > 0 ? calloc((size_t)n, sizeof *has) : NULL;
    if (rc == SQLITE_OK && n > 0 && (!whys || !kept || !has))
        rc = SQLITE_NOMEM;
    if (rc == SQLITE_OK && n > 0)
        rc = speaker_genders(s, e, v, ids, n, whys, kept, has);
    if (rc == SQLITE_OK && !link_names(v, (size_t)n, e))
        rc = SQLITE_NOMEM;
    if (rc == SQLITE_OK && (rc = exec(s->db, "BEGIN IMMEDIATE")) == SQLITE_OK) {
        s->open = true;
        rc = write_links(s, v, ids, n);
        if (rc == SQLITE_OK)
            rc = write_genders(s, e, ids, n, kept, has);
    }
    for (long i = 0; names && i < n; i++) {
        free(names[i]);
        link_free_articles(&v[i]);
    }
    for (long i = 0; whys && i < n; i++)
        free(whys[i]);
    free(whys);
    free(kept);
    free(has);
    free(names);
    free(v);
    free(ids);
    if (rc != SQLITE_OK)
        return give_up(s, rc == SQLITE_DONE ? SQLITE_NOMEM : rc, msg, cap);
    return store_commit(s, msg, cap);
}

/* ------------------------------------------------------------------ */
/* Search */

/* The FTS5 query for the user's words: each word a string ("…", its
 * quotes doubled), so no word is read as an operator; a "quoted phrase"
 * stays one; a final * makes a prefix. Folded as the index is. NULL for
 * no words or no memory. */
char *store_match(const char *text)
{
    char *f = store_fold(text);
    if (!f)
        return NULL;
    size_t n = strlen(f), j = 0;
    char *q = malloc(2 * n + 8);
    size_t i = 0, s, e;
    bool prefix;
    while (q && store_next_word(f, n, &i, &s, &e, &prefix)) {
        if (e == s)
            continue;
        if (j)
            q[j++] = ' ';
        q[j++] = '"';
        for (size_t k = s; k < e; k++) {
            if (f[k] == '"')
                q[j++] = '"';
            q[j++] = f[k];
        }
        q[j++] = '"';
        if (prefix)
            q[j++] = '*';
    }
    free(f);
    if (q && !j) {
        free(q);
        return NULL;
    }
    if (q)
        q[j] = 0;
    return q;
}

/* The columns a search returns, and their JSON keys. */
#define RESULT_COLUMNS                                                                                       \
    "a.rid, ar.doc, a.type, a.quotation, a.start, a.end, s.name, a.speaker_mention, a.cue, a.act, "          \
    "a.confidence, "                                                                                         \
    "ar.date, ar.site, ar.url, ar.title, p.name"
static const char *const result_keys[] = {"id",      "doc",     "type",  "quotation", "start",      "end",
                                          "speaker", "mention", "cue",   "act",       "confidence", "date",
                                          "site",    "url",     "title", "person"};

static const char search_words_sql[] =
    "SELECT " RESULT_COLUMNS " FROM attributions_fts f JOIN attributions a ON a.id = f.rowid "
    "JOIN articles ar ON ar.id = a.article LEFT JOIN speakers s ON s.id = a.speaker "
    "LEFT JOIN persons p ON p.id = s.person WHERE attributions_fts MATCH ?1 AND " FILTERS
    "ORDER BY f.rank, ar.date DESC, a.id LIMIT ?3";
static const char search_words_recent_sql[] =
    "SELECT " RESULT_COLUMNS " FROM attributions_fts f JOIN attributions a ON a.id = f.rowid "
    "JOIN articles ar ON ar.id = a.article LEFT JOIN speakers s ON s.id = a.speaker "
    "LEFT JOIN persons p ON p.id = s.person WHERE attributions_fts MATCH ?1 AND " FILTERS
    "ORDER BY f.rowid DESC LIMIT ?3";
static const char search_all_sql[] =
    "SELECT " RESULT_COLUMNS " FROM attributions a JOIN articles ar ON ar.id = a.article "
    "LEFT JOIN speakers s ON s.id = a.speaker LEFT JOIN persons p ON p.id = s.person "
    "WHERE ?1 IS NULL AND " FILTERS "ORDER BY ar.date DESC, a.id LIMIT ?3";

/* One result row as a JSON line (NULL on no memory). */
static char *row_json(sqlite3_stmt *st)
{
    cJSON *o = cJSON_CreateObject();
    for (int c = 0; o && c < (int)(sizeof result_keys / sizeof *result_keys); c++) {
        int t = sqlite3_column_type(st, c);
        if (t == SQLITE_NULL)
            cJSON_AddNullToObject(o, result_keys[c]);
        else if (t == SQLITE_INTEGER || t == SQLITE_FLOAT)
            cJSON_AddNumberToObject(o, result_keys[c], sqlite3_column_double(st, c));
        else
            cJSON_AddStringToObject(o, result_keys[c], (const char *)sqlite3_column_text(st, c));
    }
    char *s = o ? cJSON_PrintUnformatted(o) : NULL;
    cJSON_Delete(o);
    return s;
}

const char store_filters_sql[] = FILTERS;

/* Binds the filters of q (?2 to ?11) and its limit (?3); ?1, the words,
 * is the caller's. */
void store_bind_query(sqlite3_stmt *st, const store_query *q)
{
    sqlite3_bind_int64(st, 3, q->limit > 0 ? q->limit : -1);
    /* ?2 to ?11; ?3 (the limit) and ?10 (the confidence) are numbers */
    const char *const filters[] = {q->speaker, NULL,    q->outlet, q->since, q->until,
                                   q->act,     q->type, q->lang,   NULL,     q->gender};
    for (int k = 0; k < 10; k++)
        if (k != 1 && k != 8)
            bind_str(st, 2 + k, filters[k] && filters[k][0] ? filters[k] : NULL);
    if (q->min_confidence >= 0)
        sqlite3_bind_double(st, 10, q->min_confidence);
}

char *store_match_speaker(const char *text, const char *speaker)
{
    char *m = store_match(text), *f = m && speaker && speaker[0] ? store_fold(speaker) : NULL;
    if (!f)
        return m;
    /* the last word of the speaker as FTS5's tokeniser cuts it: a run of
     * letters and digits (bytes of 0x80 and over, letters of other
     * scripts, count as such) */
    size_t e = strlen(f);
    while (e > 0 && !isalnum((unsigned char)f[e - 1]) && (unsigned char)f[e - 1] < 0x80)
        e--;
    size_t b = e;
    while (b > 0 && (isalnum((unsigned char)f[b - 1]) || (unsigned char)f[b - 1] >= 0x80))
        b--;
    char *both = e > b ? malloc(strlen(m) + (e - b) + 32) : NULL;
    if (both)
        sprintf(both, "(%s) AND speaker : \"%.*s\"", m, (int)(e - b), f + b);
    free(f);
    if (!both)
        return m;
    free(m);
    return both;
}

long store_match_count(struct sqlite3 *db, const char *match)
{
    sqlite3_stmt *st = NULL;
    long n = -1;
    /* counting stops past the cap: a frequent word's every match (a
     * tenth of a corpus for "said") costs more than the search itself */
    if (sqlite3_prepare_v2(db,
                           "SELECT count(*) FROM (SELECT rowid FROM attributions_fts "
                           "WHERE attributions_fts MATCH ?1 LIMIT ?2)",
                           -1, &st, NULL) == SQLITE_OK) {
        bind_str(st, 1, match);
        sqlite3_bind_int64(st, 2, STORE_RANK_MAX + 1);
        if (sqlite3_step(st) == SQLITE_ROW)
            n = (long)sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    return n;
}

long store_search(store *s, const store_query *q, void (*row)(void *ctx, const char *json), void *ctx,
                  char *msg, size_t cap)
{
    if (s->pg)
        return store_pg_search(s->pg, q, row, ctx, msg, cap);
    /* the speaker's last word narrows the words' matches in the index
     * itself (every name a speaker filter keeps holds it: the variants
     * of a person share the surname); the filter still decides */
    char *match = q->text && q->text[0] ? store_match_speaker(q->text, q->speaker) : NULL;
    /* ranking every match of a frequent word ("said": a tenth of a corpus)
     * costs more than a user waits: past STORE_RANK_MAX matches, the
     * latest indexed come first */
    const char *sql = !match ? search_all_sql
                      : store_match_count(s->db, match) > STORE_RANK_MAX ? search_words_recent_sql
                                                               : search_words_sql;
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
    long n = 0;
    if (rc == SQLITE_OK) {
        bind_str(st, 1, match);
        store_bind_query(st, q);
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            char *j = row_json(st);
            if (!j) {
                rc = SQLITE_NOMEM;
                break;
            }
            row(ctx, j);
            free(j);
            n++;
        }
    }
    if (rc != SQLITE_DONE) {
        db_error(s->db, rc, sqlite3_db_filename(s->db, "main"), msg, cap);
        n = -1;
    }
    sqlite3_finalize(st);
    free(match);
    return n;
}

/* ------------------------------------------------------------------ */
/* Counts */

/* The group kinds' names; store_stats.c says what each groups by. */
static const char *const stat_names[STAT_KINDS] = {"speaker", "outlet", "month", "gender", "act", "lang"};

const char *store_stat_name(int k)
{
    return k >= 0 && k < STAT_KINDS ? stat_names[k] : NULL;
}

long store_stats(store *s, const store_query *q, const int *by, int nby,
                 void (*row)(void *ctx, const char *const *values, long attributions, long people, long women,
                             long men),
                 void *ctx, char *msg, size_t cap)
{
    if (s->pg)
        return store_pg_stats(s->pg, q, by, nby, row, ctx, msg, cap);
    store_query all = *q;
    all.text = NULL;
    int rc;
    long n = store_stats_sqlite(s->db, &all, by, nby, row, ctx, &rc);
    if (n < 0)
        db_error(s->db, rc, sqlite3_db_filename(s->db, "main"), msg, cap);
    return n;
}

/* ------------------------------------------------------------------ */
/* The same quotation across articles */

/* The direct and mixed attributions: ids, texts (owned) and speakers
 * into the arrays given; their count, or -1. */
/* An attribution regrouped: its id, and the quotation it had (0: none). */
typedef struct qrow {
    sqlite3_int64 id, quote;
    sqlite3_int64 article, speaker; /* (speaker 0: none) */
} qrow;

static long read_quotes(store *s, quote_item **vp, qrow **ids, char ***texts)
{
    sqlite3_stmt *st = NULL;
    long n = 0, cap = 0;
    int rc = sqlite3_prepare_v2(
        s->db,
        "SELECT a.id, a.type, a.quotation, coalesce(v.person, -v.id, 0), "
        "coalesce(a.quote, 0), a.start, a.parts, a.article, coalesce(a.speaker, 0) FROM attributions a "
        "LEFT JOIN speakers v ON v.id = a.speaker WHERE a.type IN ('direct', 'mixed') "
        "ORDER BY a.id",
        -1, &st, NULL);
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (n == cap) {
            cap = cap ? 2 * cap : 1024;
            quote_item *nv = realloc(*vp, (size_t)cap * sizeof *nv);
            qrow *ni = nv ? realloc(*ids, (size_t)cap * sizeof *ni) : NULL;
            char **nt = ni ? realloc(*texts, (size_t)cap * sizeof *nt) : NULL;
            if (nv)
                *vp = nv;
            if (ni)
                *ids = ni;
            if (!nt) {
                rc = SQLITE_NOMEM;
                break;
            }
            *texts = nt;
        }
        char *t = store_quote_words(
            (const char *)sqlite3_column_text(st, 1), (const char *)sqlite3_column_text(st, 2),
            (long)sqlite3_column_int64(st, 5), (const char *)sqlite3_column_text(st, 6));
        (*texts)[n] = t;
        (*ids)[n] = (qrow){sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 4),
                           sqlite3_column_int64(st, 7), sqlite3_column_int64(st, 8)};
        (*vp)[n] = (quote_item){.text = t, .who = sqlite3_column_int64(st, 3)};
        rc = t ? SQLITE_OK : SQLITE_NOMEM;
        n++;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? n : -1;
}

/* Each group's quotation id: the one its first member had, when no group
 * before took it (so a quotation keeps its row from run to run, and a
 * rerun writes only what changed), else a new row (0 in qid, and *fresh
 * counts them). taken: the ids already given, up to max. */
static void reuse_ids(const quote_item *v, const qrow *rows, long n, sqlite3_int64 *qid, sqlite3_int64 max,
                      bool *taken)
{
    for (long i = 0; i < n; i++) {
        size_t g = v[i].group;
        sqlite3_int64 q = rows[i].quote;
        if (!qid[g] && q > 0 && q <= max && !taken[q]) {
            qid[g] = q;
            taken[q] = true;
        }
    }
}

/* Deletes the quotations of the runs before (ids up to max) that no group
 * kept (taken): every attribution that named one now names its group's,
 * so these are the quotations no attribution names. By id, from what
 * reuse_ids decided: asking the attributions which quotations they name
 * read all of them (half a second on a million), and a first run has
 * none to delete. */
static int drop_unkept(store *s, const bool *taken, sqlite3_int64 max)
{
    sqlite3_stmt *del = NULL;
    int rc = max > 0 ? sqlite3_prepare_v2(s->db, "DELETE FROM quotations WHERE id = ?1", -1, &del, NULL)
                     : SQLITE_OK;
    for (sqlite3_int64 q = 1; rc == SQLITE_OK && q <= max; q++)
        if (!taken[q]) {
            sqlite3_bind_int64(del, 1, q);
            rc = run(del);
        }
    sqlite3_finalize(del);
    return rc;
}

/* The facts of the quotations (store_facts.c), from the attributions just
 * regrouped: they are every attribution with a quotation (only direct and
 * mixed ones have one, and each of them has its group's now), so the
 * table need not be read again. */
static int write_facts(store *s, const quote_item *v, const qrow *rows, long n, const sqlite3_int64 *qid)
{
    store_occurrence *occ = malloc((size_t)(n ? n : 1) * sizeof *occ);
    if (!occ)
        return SQLITE_NOMEM;
    for (long i = 0; i < n; i++)
        occ[i] = (store_occurrence){qid[v[i].group], rows[i].article, rows[i].id, rows[i].speaker};
    int rc = store_quote_facts(s->db, occ, (size_t)n);
    free(occ);
    return rc;
}

/* Writes the groups: a new row for each that has no id yet, the text of
 * each (its longest member's), each attribution's quote where it changed,
 * the quotations no attribution names gone, the facts anew. Inside the
 * caller's transaction. */
static int write_quotes(store *s, const quote_item *v, const qrow *rows, long n, sqlite3_int64 *qid,
                        const size_t *best, const bool *taken, sqlite3_int64 max)
{
    sqlite3_stmt *add = NULL, *text = NULL, *set = NULL;
    int rc = sqlite3_prepare_v2(
        s->db, "INSERT INTO quotations (text, occurrences, outlets) VALUES (?1, 0, 0)", -1, &add, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(s->db, "UPDATE quotations SET text = ?1 WHERE id = ?2 AND text IS NOT ?1", -1,
                                &text, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(s->db, "UPDATE attributions SET quote = ?1 WHERE id = ?2", -1, &set, NULL);
    for (long i = 0; rc == SQLITE_OK && i < n; i++) {
        size_t g = v[i].group;
        if ((size_t)i == g && qid[g]) { /* a group that keeps its row: its text */
            bind_str(text, 1, v[best[g]].text);
            sqlite3_bind_int64(text, 2, qid[g]);
            rc = run(text);
        } else if ((size_t)i == g) {
            bind_str(add, 1, v[best[g]].text);
            rc = run(add);
            qid[g] = sqlite3_last_insert_rowid(s->db);
        }
        if (rc == SQLITE_OK && rows[i].quote != qid[g]) {
            sqlite3_bind_int64(set, 1, qid[g]);
            sqlite3_bind_int64(set, 2, rows[i].id);
            rc = run(set);
        }
    }
    if (rc == SQLITE_OK)
        rc = drop_unkept(s, taken, max);
    if (rc == SQLITE_OK)
        rc = write_facts(s, v, rows, n, qid);
    sqlite3_finalize(add);
    sqlite3_finalize(text);
    sqlite3_finalize(set);
    return rc;
}

/* Regroups: ids reused, then written. */
static int regroup(store *s, const quote_item *v, const qrow *rows, long n)
{
    long max = pragma_int(s->db, "SELECT coalesce(max(id), 0) FROM quotations", &(int){0});
    sqlite3_int64 *qid = calloc((size_t)(n ? n : 1), sizeof *qid);
    size_t *best = malloc((size_t)(n ? n : 1) * sizeof *best);
    bool *taken = calloc((size_t)(max > 0 ? max + 1 : 1), sizeof *taken);
    int rc = qid && best && taken && max >= 0 ? SQLITE_OK : SQLITE_NOMEM;
    if (rc == SQLITE_OK) {
        for (long i = 0; i < n; i++) /* each group's longest text */
            best[i] = (size_t)i;
        for (long i = 0; i < n; i++)
            if (v[i].words > v[best[v[i].group]].words)
                best[v[i].group] = (size_t)i;
        reuse_ids(v, rows, n, qid, max, taken);
        rc = write_quotes(s, v, rows, n, qid, best, taken, max);
    }
    free(qid);
    free(best);
    free(taken);
    return rc;
}

int store_merge(store *s, char *msg, size_t cap)
{
    if (s->pg)
        return store_pg_merge(s->pg, msg, cap);
    quote_item *v = NULL;
    qrow *ids = NULL;
    char **texts = NULL;
    long n = read_quotes(s, &v, &ids, &texts);
    int rc = n < 0 ? sqlite3_errcode(s->db) : SQLITE_OK;
    if (rc == SQLITE_OK && !quotes_group(v, (size_t)n))
        rc = SQLITE_NOMEM;
    /* no foreign key checked while regrouping: every quote set is a
     * quotation just written or kept, every quotation deleted one no
     * attribution names, every fact's article and person read from the
     * database; checked, each update of an attribution looked its
     * quotation up, and each quotation deleted looked for attributions
     * to set to NULL (a third of the updates' time). (Outside a
     * transaction: the PRAGMA does nothing inside one.) */
    if (rc == SQLITE_OK)
        rc = exec(s->db, "PRAGMA foreign_keys = OFF");
    if (rc == SQLITE_OK && (rc = exec(s->db, "BEGIN IMMEDIATE")) == SQLITE_OK) {
        s->open = true;
        rc = regroup(s, v, ids, n);
    }
    for (long i = 0; texts && i < n; i++)
        free(texts[i]);
    free(texts);
    free(ids);
    free(v);
    if (rc != SQLITE_OK) {
        give_up(s, rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_NOMEM : rc, msg, cap);
        exec(s->db, "PRAGMA foreign_keys = ON");
        return -1;
    }
    int done = store_commit(s, msg, cap);
    if (exec(s->db, "PRAGMA foreign_keys = ON") != SQLITE_OK && done == 0)
        done = give_up(s, sqlite3_errcode(s->db), msg, cap);
    /* the last deferred index, on the quotes now set */
    if (done == 0 && s->deferred && build_apart(s, DEFERRED_INDEXES_SQL, msg, cap) == 0)
        s->deferred = false;
    return s->deferred ? -1 : done;
}

/* ------------------------------------------------------------------ */
/* Quotations, for export */

long store_quotations(store *s, void (*row)(void *ctx, const store_quote *q), void *ctx, char *msg,
                      size_t cap)
{
    if (s->pg)
        return store_pg_quotations(s->pg, row, ctx, msg, cap);
    sqlite3_stmt *qs = NULL, *os = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                "SELECT id, text, speaker, first_date, occurrences FROM quotations "
                                "ORDER BY first_date IS NULL, first_date, id",
                                -1, &qs, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(
            s->db,
            "SELECT coalesce(p.name, v.name, 'None'), coalesce(ar.url, ar.doc), a.rid "
            "FROM attributions a JOIN articles ar ON ar.id = a.article "
            "LEFT JOIN speakers v ON v.id = a.speaker LEFT JOIN persons p ON p.id = v.person "
            "WHERE a.quote = ?1 ORDER BY ar.date IS NULL, ar.date, a.id",
            -1, &os, NULL);
    long n = 0;
    while (rc == SQLITE_OK && (rc = sqlite3_step(qs)) == SQLITE_ROW) {
        quote_gather g = {.nowned = 0};
        store_quote q = {.text = (const char *)sqlite3_column_text(qs, 1),
                         .speaker = (const char *)sqlite3_column_text(qs, 2),
                         .first_date = (const char *)sqlite3_column_text(qs, 3),
                         .occurrences = sqlite3_column_int64(qs, 4),
                         .names = g.names,
                         .counts = g.counts,
                         .urls = g.urls};
        sqlite3_bind_int64(os, 1, sqlite3_column_int64(qs, 0));
        while ((rc = sqlite3_step(os)) == SQLITE_ROW) {
            if (!q.first_id)
                q.first_id = gather_keep(&g, (const char *)sqlite3_column_text(os, 2));
            gather_add(&g, &q, (const char *)sqlite3_column_text(os, 0),
                       (const char *)sqlite3_column_text(os, 1));
        }
        sqlite3_reset(os);
        gather_sort(&g, q.nnames);
        if (rc == SQLITE_DONE) {
            row(ctx, &q);
            n++;
            rc = SQLITE_OK;
        }
        gather_free(&g);
    }
    if (rc != SQLITE_DONE) {
        db_error(s->db, rc, sqlite3_db_filename(s->db, "main"), msg, cap);
        n = -1;
    }
    sqlite3_finalize(qs);
    sqlite3_finalize(os);
    return n;
}
