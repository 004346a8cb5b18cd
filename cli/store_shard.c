/*
 * store_shard.c: shards indexed into SQLite databases of their own, and
 * `dixit merge --db OUT SHARD.db...`, which joins them into the database
 * one `dixit index` of the whole input writes.
 *
 * A shard database says which shard it holds in a table of its own,
 * dixit_shard (k, parts, plan: the manifest's hash, state): `loading`
 * while `dixit index --shard` runs, `done` once it has stored the whole
 * shard, `mixed` when any other run wrote into it (its rows are then no
 * shard's). A merge takes only `done` shards, 1 to N of one plan, in order.
 *
 * The merge replays, shard after shard, what one run does article after
 * article: the articles of earlier shards with an id or a text of this
 * shard deleted (their attributions with them), then the shard's rows
 * copied with their ids moved past the rows before (so the gaps a shard's
 * own replaced articles left stay where one run leaves them), speakers
 * added by name in order of first appearance. The linking step (link.c,
 * merge.c, gender.c) then runs over the whole, as at the end of one run:
 * never kept from the shards. The new database is a temporary file beside
 * OUT, renamed onto it at the end: a merge stopped at any point leaves OUT
 * as it was; stopped by SIGINT or SIGTERM, the temporary file is removed
 * too (killed outright, it may stay).
 */
#define _POSIX_C_SOURCE 200809L
#include "store_shard.h"
#include "gather.h"
#include "output.h"
#include "store.h"
#include "store_pg.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define APP_ID 0x44584954 /* "DXIT": a dixit database's application_id (store.c) */

/* One integer a query gives, or -1 (*rc the SQLite code). */
static long long query_int(sqlite3 *db, const char *sql, int *rc)
{
    sqlite3_stmt *st = NULL;
    long long v = -1;
    *rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    if (*rc == SQLITE_OK && (*rc = sqlite3_step(st)) == SQLITE_ROW) {
        v = sqlite3_column_int64(st, 0);
        *rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    return v;
}

/* sql (a format of numbers only: no text of a user) run: a SQLite code. */
static int execf(sqlite3 *db, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *sql = sqlite3_vmprintf(fmt, ap);
    va_end(ap);
    int rc = sql ? sqlite3_exec(db, sql, NULL, NULL, NULL) : SQLITE_NOMEM;
    sqlite3_free(sql);
    return rc;
}

/* ------------------------------------------------------------------ */
/* The mark of a shard database */

int store_shard_mark(sqlite3 *db, unsigned k, unsigned parts, unsigned long long plan)
{
    int rc = SQLITE_OK;
    bool has = query_int(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'dixit_shard'", &rc) > 0;
    if (rc != SQLITE_OK || (!k && !has))
        return rc; /* a plain run into a plain database: nothing to say */
    if (!k)
        return execf(db, "UPDATE dixit_shard SET state = 'mixed'");
    rc = execf(db, "BEGIN IMMEDIATE; CREATE TABLE IF NOT EXISTS dixit_shard (k INTEGER NOT NULL, "
                   "parts INTEGER NOT NULL, plan TEXT NOT NULL, state TEXT NOT NULL)");
    /* loading when the database is this shard's (a rerun) or new; else
     * mixed: what it holds is no one shard's */
    char *q = sqlite3_mprintf("SELECT EXISTS (SELECT 1 FROM dixit_shard WHERE k = %u AND parts = %u AND "
                              "plan = '%016llx' AND state <> 'mixed') OR (NOT EXISTS (SELECT 1 FROM "
                              "dixit_shard) AND NOT EXISTS (SELECT 1 FROM articles))",
                              k, parts, plan);
    long long same = rc == SQLITE_OK && q ? query_int(db, q, &rc) : -1;
    sqlite3_free(q);
    if (rc == SQLITE_OK && same < 0)
        rc = SQLITE_NOMEM;
    if (rc == SQLITE_OK)
        rc = execf(
            db, "DELETE FROM dixit_shard; INSERT INTO dixit_shard VALUES (%u, %u, '%016llx', '%s'); COMMIT",
            k, parts, plan, same > 0 ? "loading" : "mixed");
    if (rc != SQLITE_OK)
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

int store_shard_finish(sqlite3 *db)
{
    return execf(db, "UPDATE dixit_shard SET state = 'done' WHERE state = 'loading'");
}

/* ------------------------------------------------------------------ */
/* The checks of a merge */

/* What is wrong with the shard database at path, given i-th (0-based):
 * NULL when nothing, else a reason (into why). *parts and plan are the
 * run's, from the first shard that reads ("" until then). */
static const char *check_shard(const char *path, unsigned i, unsigned *parts, char plan[17], char *why,
                               size_t size)
{
    if (store_pg_url(path))
        return "a PostgreSQL database: shards indexed into PostgreSQL are one database already";
    store *s = store_open(path, false, STORE_BUSY_MS, why, size);
    if (!s) { /* the reason without the path store_open begins with */
        size_t n = strlen(path);
        return strncmp(why, path, n) == 0 && strncmp(why + n, ": ", 2) == 0 ? why + n + 2 : why;
    }
    sqlite3_stmt *st = NULL;
    const char *bad = NULL;
    if (sqlite3_prepare_v2(store_db(s), "SELECT k, parts, plan, state FROM dixit_shard", -1, &st, NULL) !=
            SQLITE_OK ||
        sqlite3_step(st) != SQLITE_ROW) {
        bad = "not a shard's database (no dixit_shard mark: it was not written by dixit index --shard)";
    } else {
        unsigned k = (unsigned)sqlite3_column_int64(st, 0), n = (unsigned)sqlite3_column_int64(st, 1);
        const char *p = (const char *)sqlite3_column_text(st, 2),
                   *state = (const char *)sqlite3_column_text(st, 3);
        if (!plan[0]) { /* the first shard that reads gives the run */
            *parts = n;
            snprintf(plan, 17, "%s", p ? p : "");
        }
        if (state && strcmp(state, "mixed") == 0)
            bad =
                "holds more than its shard: another run wrote into it (index the shard into a new database)";
        else if (!state || strcmp(state, "done") != 0)
            bad = "not complete: its dixit index --shard failed, was stopped or is still running";
        else if (!p || strcmp(p, plan) != 0)
            bad = "a shard of another dixit shard run (its manifest is not the other shards')";
        else if (n != *parts || k != i + 1) {
            snprintf(why, size, "shard %u of %u, where shard %u of %u was due", k, n, i + 1, *parts);
            bad = why;
        }
    }
    sqlite3_finalize(st);
    store_close(s);
    return bad;
}

/* Every shard checked: 0, or 1 after one message listing what is wrong
 * (and shards missing at the end). */
static int check_shards(char **paths, unsigned n)
{
    gather_bad bad = {0};
    char why[1024], plan[17] = "";
    unsigned parts = 0;
    int oom = 0;
    for (unsigned i = 0; i < n && !oom; i++) {
        const char *w = check_shard(paths[i], i, &parts, plan, why, sizeof why);
        oom = w && gather_bad_add(&bad, paths[i], w) != 0;
    }
    return gather_verdict(&bad, oom, n, parts, "shard databases");
}

/* Whether the file at out may be replaced: none, empty, or a dixit
 * database (a merge must not overwrite anything else given by mistake),
 * whose WAL, if any, is checkpointed away (a -wal file left beside the
 * new database would be read into it). 0, or -1 with why. */
static int replaceable(const char *out, char *why, size_t size)
{
    struct stat st;
    if (stat(out, &st) != 0)
        return 0;
    if (!S_ISREG(st.st_mode)) { /* (a device or FIFO: output_open would write in place) */
        snprintf(why, size, "%s: not a regular file; a database is written to one", out);
        return -1;
    }
    sqlite3 *db = NULL;
    int rc = sqlite3_open_v2(out, &db, SQLITE_OPEN_READWRITE, NULL), r2 = SQLITE_OK;
    long long app = rc == SQLITE_OK ? query_int(db, "PRAGMA application_id", &rc) : -1;
    long long tables = rc == SQLITE_OK ? query_int(db, "SELECT count(*) FROM sqlite_schema", &rc) : -1;
    if (rc == SQLITE_OK && app == APP_ID)
        query_int(db, "PRAGMA wal_checkpoint(TRUNCATE)", &r2);
    sqlite3_close(db); /* (the last connection removes the -wal file) */
    size_t n = strlen(out) + sizeof "-wal";
    char *wal = malloc(n);
    if (wal)
        snprintf(wal, n, "%s-wal", out);
    bool busy = wal && access(wal, F_OK) == 0;
    free(wal);
    if (rc != SQLITE_OK || (app != APP_ID && tables > 0))
        snprintf(why, size, "%s: not a dixit database (%s); not replaced", out,
                 rc != SQLITE_OK ? sqlite3_errstr(rc) : "other tables in it");
    else if (busy)
        snprintf(why, size, "%s: open in another program (its -wal file stays); not replaced", out);
    else
        return 0;
    return -1;
}

/* ------------------------------------------------------------------ */
/* The merge */

/* The SIGINT or SIGTERM that asked the merge to stop, or 0. Process-wide,
 * as a signal is; the merge is the run's one task. */
static volatile sig_atomic_t merge_signal;

static void on_merge_signal(int sig)
{
    merge_signal = sig;
}

/* SQLite's progress handler: a statement running when a signal came
 * stops (SQLITE_INTERRUPT), so that the merge ends within moments, its
 * transaction rolled back, and the temporary file is removed by
 * output_close as after any failure. */
static int merge_stopped(void *ctx)
{
    (void)ctx;
    return merge_signal != 0;
}

/* A shard's rows, moved past base (articles) and abase (attributions). */
static const char replace_sql[] = "DELETE FROM main.articles WHERE doc IN (SELECT doc FROM sh.articles);"
                                  "DELETE FROM main.articles WHERE hash IN (SELECT hash FROM sh.articles);";
static const char copy_sql[] =
    "INSERT OR IGNORE INTO main.speakers (name, kind) SELECT name, kind FROM sh.speakers ORDER BY id;"
    "INSERT INTO main.articles (id, doc, path, url, title, site, date, authors, lang, hash, chars, text) "
    "  SELECT id + %lld, doc, path, url, title, site, date, authors, lang, hash, chars, text "
    "  FROM sh.articles ORDER BY id;"
    "INSERT INTO main.attributions (id, article, rid, type, quotation, start, end, start_byte, end_byte, "
    "  parts, speaker, speaker_mention, speaker_start, speaker_end, speaker_kind, speaker_entity, "
    "  resolved_by, cue, cue_lemma, act, cue_start, cue_end, addressee, addressee_mention, source, "
    "  source_mention, channel, confidence) "
    "  SELECT a.id + %lld, a.article + %lld, a.rid, a.type, a.quotation, a.start, a.end, a.start_byte, "
    "  a.end_byte, a.parts, m.id, a.speaker_mention, a.speaker_start, a.speaker_end, a.speaker_kind, "
    "  a.speaker_entity, a.resolved_by, a.cue, a.cue_lemma, a.act, a.cue_start, a.cue_end, a.addressee, "
    "  a.addressee_mention, a.source, a.source_mention, a.channel, a.confidence "
    "  FROM sh.attributions a LEFT JOIN sh.speakers v ON v.id = a.speaker "
    "  LEFT JOIN main.speakers m ON m.name = v.name ORDER BY a.id;"
    "INSERT INTO main.attributions_fts (rowid, quotation, speaker) "
    "  SELECT rowid + %lld, quotation, speaker FROM sh.attributions_fts ORDER BY rowid;";

/* The shard's first article, when it is its first stored (id 1), does
 * what it did in one run before it took its id: replaces an article of
 * the shards before, which may be the last (whose id it then takes). */
static int replace_first(sqlite3 *db)
{
    return execf(db, "DELETE FROM main.articles WHERE id IN (SELECT m.id FROM main.articles m, sh.articles f "
                     "WHERE f.id = 1 AND (m.doc = f.doc OR m.hash = f.hash))");
}

/* Copies the shard at path into db, in one transaction. A SQLite code. */
static int copy_shard(sqlite3 *db, const char *path)
{
    sqlite3_stmt *at = NULL;
    int rc = sqlite3_prepare_v2(db, "ATTACH ?1 AS sh", -1, &at, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(at, 1, path, -1, SQLITE_STATIC);
        rc = sqlite3_step(at) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(db);
    }
    sqlite3_finalize(at);
    if (rc != SQLITE_OK)
        return rc;
    rc = execf(db, "BEGIN IMMEDIATE");
    if (rc == SQLITE_OK)
        rc = replace_first(db);
    long long base =
        rc == SQLITE_OK ? query_int(db, "SELECT coalesce(max(id), 0) FROM main.articles", &rc) : 0;
    if (rc == SQLITE_OK)
        rc = execf(db, replace_sql);
    long long abase = rc == SQLITE_OK
                          ? query_int(db,
                                      "SELECT (SELECT coalesce(max(id), 0) FROM main.attributions) - "
                                      "(SELECT coalesce(min(id), 1) - 1 FROM sh.attributions)",
                                      &rc)
                          : 0;
    if (rc == SQLITE_OK)
        rc = execf(db, copy_sql, base, abase, base, abase);
    if (rc == SQLITE_OK)
        rc = execf(db, "COMMIT");
    if (rc != SQLITE_OK)
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_exec(db, "DETACH sh", NULL, NULL, NULL);
    return rc;
}

/* The shards into the new database at tmp, then linked: 0, or -1 after a
 * message. */
static int merge_into(const char *tmp, char **paths, unsigned n)
{
    char msg[1024];
    store *s = store_open(tmp, true, STORE_BUSY_MS, msg, sizeof msg);
    dixit_engine *e = s ? dixit_engine_new(NULL) : NULL;
    int status = -1;
    if (!s)
        fprintf(stderr, "dixit: %s\n", msg);
    else if (!e)
        fprintf(stderr, "dixit: out of memory\n");
    else
        sqlite3_progress_handler(store_db(s), 1000, merge_stopped, NULL);
    for (unsigned i = 0; e && i < n && !merge_signal; i++) {
        int rc = copy_shard(store_db(s), paths[i]);
        if (rc != SQLITE_OK) {
            if (!merge_signal) /* (stopped: store_shard_merge says so) */
                fprintf(stderr, "dixit: merge: %s: %s; nothing written\n", paths[i],
                        sqlite3_errmsg(store_db(s)));
            break;
        }
        status = i + 1 == n ? 0 : -1;
    }
    if (status == 0 && (store_link(s, e, msg, sizeof msg) != 0 || store_merge(s, msg, sizeof msg) != 0)) {
        if (!merge_signal)
            fprintf(stderr, "dixit: %s\n", msg);
        status = -1;
    }
    dixit_engine_free(e);
    store_close(s);
    return status;
}

int store_shard_merge(const char *out, char **paths, unsigned n)
{
    struct stat so, sp;
    if (store_pg_url(out)) {
        fputs("dixit merge: --db writes a SQLite file (shards indexed into PostgreSQL are one database "
              "already)\nTry 'dixit merge --help'.\n",
              stderr);
        return 2;
    }
    for (unsigned i = 0; stat(out, &so) == 0 && i < n; i++)
        if (stat(paths[i], &sp) == 0 && sp.st_dev == so.st_dev && sp.st_ino == so.st_ino) {
            fprintf(stderr, "dixit merge: %s is one of the shards; give a new file to --db\n", out);
            return 2;
        }
    if (check_shards(paths, n) != 0)
        return 1;
    char why[1024] = "";
    output o;
    output_catch_stops(on_merge_signal); /* (before the temporary file exists) */
    if (replaceable(out, why, sizeof why) != 0 || output_open(&o, out, why, sizeof why) != 0) {
        fprintf(stderr, "dixit: %s\n", why);
        return 1;
    }
    close(o.fd); /* SQLite opens it: an empty file is a new database */
    o.fd = -1;
    int ok = merge_into(o.tmp, paths, n) == 0 && replaceable(out, why, sizeof why) == 0;
    int sig = merge_signal;
    ok = ok && !sig; /* (a signal after the last statement still stops it: nothing half done) */
    if (!ok && why[0])
        fprintf(stderr, "dixit: %s\n", why);
    if (output_close(&o, ok) != 0) {
        fprintf(stderr, "dixit: %s: cannot replace it: %s\n", out, strerror(o.err));
        return 1;
    }
    if (sig) {
        fprintf(stderr, "dixit: merge stopped by %s; %s left as it was\n",
                sig == SIGINT ? "SIGINT" : "SIGTERM", out);
        return 128 + sig;
    }
    return ok ? 0 : 1;
}
