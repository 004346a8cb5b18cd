/*
 * store_filters.h: the filters of a search or a count over SQLite, as
 * SQL (store.c's statements, store_stats.c's three reads). Each is off
 * when its parameter is NULL; the parameters are those store_bind_query
 * binds (?2, ?4 to ?11), so no text of a query is ever SQL. The aliases:
 * a for attributions, ar for articles, p for persons. They come in four
 * parts, by the row that decides each (the speaker, the article, the
 * record, the speaker's person), so that a count can read each table
 * once and join in C (store_stats.c); FILTERS is all four.
 */
#ifndef DIXIT_STORE_FILTERS_H
#define DIXIT_STORE_FILTERS_H

/* A speaker's name as written or by its last word (the surname of
 * "Emmanuel Macron" for --speaker Macron), case aside, and every name
 * linked to the same person ("E. Macron" for --speaker "Emmanuel
 * Macron"). */
#define FILTER_SPEAKER                                                                                       \
    "(?2 IS NULL OR a.speaker IN (SELECT v.id FROM speakers v WHERE v.name = ?2 COLLATE NOCASE "             \
    "OR v.name LIKE '% ' || ?2 OR v.person IN (SELECT m.person FROM speakers m "                             \
    "WHERE m.name = ?2 COLLATE NOCASE OR m.name LIKE '% ' || ?2))) "
/* The outlet (site), case aside; dates compared as text, so --until
 * 2026-03 covers March's days; the language. */
#define FILTER_ARTICLE                                                                                       \
    "(?4 IS NULL OR ar.site = ?4 COLLATE NOCASE) AND (?5 IS NULL OR ar.date >= ?5) "                         \
    "AND (?6 IS NULL OR ar.date < ?6 || '~') AND (?9 IS NULL OR ar.lang = ?9) "
/* Act, type, a confidence floor. */
#define FILTER_RECORD                                                                                        \
    "(?7 IS NULL OR a.act = ?7) AND (?8 IS NULL OR a.type = ?8) AND (?10 IS NULL OR a.confidence >= ?10) "
/* The gender of the speaker's person. */
#define FILTER_GENDER "(?11 IS NULL OR p.gender = ?11) "
#define FILTERS FILTER_SPEAKER "AND " FILTER_ARTICLE "AND " FILTER_RECORD "AND " FILTER_GENDER

#endif
