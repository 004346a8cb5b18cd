/*
 * serve_sql.h: the SQL `dixit serve` sends to either database, written
 * once for serve_sqlite.c and serve_pg.c: a result row's columns and
 * joins, and the statements of one id (serve_db.h's serve_stmt). Both
 * databases read it alike: `$1` is SQLite's first parameter as it is
 * PostgreSQL's (whose type the server infers from the id column it is
 * compared with), `"end"` a quoted name in both, NULLS LAST and IS
 * DISTINCT FROM are SQLite's since 3.30 and 3.39. What differs is given
 * as PLACE: the column of an article's place in the whole run (SQLite's
 * rowid `ar.id`, PostgreSQL's `ar.ord`: docs/store.md).
 */
#ifndef DIXIT_SERVE_SQL_H
#define DIXIT_SERVE_SQL_H

/* A result row (ROW in docs/serve.md): its columns (serve_api.c keys them). */
#define SERVE_ROW_COLUMNS                                                                                    \
    "a.rid, a.id, ar.id, ar.doc, a.type, a.quotation, a.start, a.\"end\", s.name, p.id, p.name, "            \
    "a.speaker_mention, a.cue, a.act, a.confidence, ar.date, ar.site, ar.url, ar.title, a.quote, p.gender, " \
    "a.parts, ar.lang "
#define SERVE_JOINS                                                                                          \
    "JOIN articles ar ON ar.id = a.article LEFT JOIN speakers s ON s.id = a.speaker "                        \
    "LEFT JOIN persons p ON p.id = s.person "

/* A person's records, from its speakers' rows. */
#define SERVE_OF_PERSON                                                                                      \
    "FROM speakers s JOIN attributions a ON a.speaker = s.id JOIN articles ar ON ar.id = a.article "

/* The statements of one id, an initializer of `const char *const
 * x[SS_COUNT]`. Newest first is the date's order, NULL last (SQLite's
 * NULL is its least value: DESC puts it last there already), then the
 * place. A quotation's occurrences: its first article's first, then by
 * date, then place. */
#define SERVE_BY_ID_SQL(PLACE)                                                                               \
    {                                                                                                        \
        [SS_PERSON] = "SELECT id, name, kind, gender, gender_evidence FROM persons WHERE id = $1",           \
        [SS_PERSON_COUNTS] =                                                                                 \
            "SELECT count(a.id), count(DISTINCT a.article), min(ar.date), max(ar.date) " SERVE_OF_PERSON     \
            "WHERE s.person = $1",                                                                           \
        [SS_VARIANTS] = "SELECT s.name, count(a.id) FROM speakers s LEFT JOIN attributions a ON a.speaker "  \
                        "= s.id WHERE s.person = $1 GROUP BY s.id ORDER BY count(a.id) DESC, s.name",        \
        [SS_TIMELINE] = "SELECT substr(ar.date, 1, 7) AS m, count(*) " SERVE_OF_PERSON                       \
                        "WHERE s.person = $1 AND length(ar.date) >= 7 GROUP BY m ORDER BY m",                \
        [SS_ADDRESSEES] = "SELECT a.addressee, count(*) " SERVE_OF_PERSON                                    \
                          "WHERE s.person = $1 AND a.addressee IS NOT NULL "                                 \
                          "GROUP BY a.addressee ORDER BY count(*) DESC, a.addressee LIMIT 50",               \
        [SS_ACCUSES] = "SELECT a.addressee, count(*) " SERVE_OF_PERSON                                       \
                       "WHERE s.person = $1 AND a.act = 'accusation' AND a.addressee IS NOT NULL "           \
                       "GROUP BY a.addressee ORDER BY count(*) DESC, a.addressee LIMIT 50",                  \
        [SS_RECENT] = "SELECT " SERVE_ROW_COLUMNS "FROM attributions a " SERVE_JOINS                         \
                      "WHERE s.person = $1 ORDER BY ar.date DESC NULLS LAST, " PLACE " DESC, a.id DESC "     \
                      "LIMIT 50",                                                                            \
        [SS_ARTICLE] = "SELECT id, doc, title, url, site, date, lang, authors, text FROM articles "          \
                       "WHERE id = $1",                                                                      \
        [SS_ARTICLE_ATTRS] =                                                                                 \
            "SELECT a.id, a.rid, a.type, a.quotation, a.start, a.\"end\", a.parts, s.name, "                 \
            "s.person, a.speaker_start, a.speaker_end, a.cue, a.cue_start, a.cue_end, "                      \
            "a.act, a.addressee, a.source, a.channel, a.confidence, a.quote "                                \
            "FROM attributions a LEFT JOIN speakers s ON s.id = a.speaker "                                  \
            "WHERE a.article = $1 ORDER BY a.start, a.id",                                                   \
        [SS_QUOTATION] = "SELECT id, text, speaker, person, first_date, occurrences, outlets "               \
                         "FROM quotations WHERE id = $1",                                                    \
        [SS_SEEN] =                                                                                          \
            "SELECT a.id, ar.id, ar.doc, ar.site, ar.url, ar.date, ar.title, s.name, "                       \
            "CASE WHEN ar.id = q.first_article THEN 1 ELSE 0 END FROM attributions a "                       \
            "JOIN quotations q ON q.id = a.quote JOIN articles ar ON ar.id = a.article "                     \
            "LEFT JOIN speakers s ON s.id = a.speaker WHERE a.quote = $1 "                                   \
            "ORDER BY ar.id IS DISTINCT FROM q.first_article, ar.date IS NULL, ar.date, " PLACE ", a.id",    \
    }

#endif
