/*
 * walk.h: what an input named on the command line stands for. A file is
 * itself; a folder is every input file below it, sorted, as `dixit
 * extract` reads them and `dixit shard` cuts them (one walk for both, so
 * that a shard holds what the whole run would read, in its order). Also
 * the kinds of input told by name.
 */
#ifndef DIXIT_WALK_H
#define DIXIT_WALK_H

#include <stddef.h>
#include <sys/stat.h>

/* Told by name, in any case, compressed (.gz, .zst) or not. */
int path_is_jsonl(const char *p); /* .jsonl, .ndjson: an article a line */
int path_is_json(const char *p);  /* .json: an article, or an array */
int path_is_html(const char *p);  /* .html, .htm: a web page */
int path_is_warc(const char *p);  /* .warc: an archive of pages */
int path_is_input(const char *p); /* any of them, or .txt */

/* How many files of one extension a folder walk passed over. */
typedef struct walk_ext {
    char ext[16]; /* ".md", lower case, cut short; "" for none */
    unsigned long long n;
} walk_ext;

/* The caller's side of a walk. Every function gets ctx. */
typedef struct walker {
    int follow;                                /* -L: follow links to folders met in a folder */
    int quiet;                                 /* -q: no line for the files passed over */
    void (*file)(void *ctx, const char *path); /* an input, in order */
    void (*complain)(void *ctx, const char *path, const char *msg);
    int (*skip)(void *ctx, const struct stat *st); /* a file of the run's own; may be NULL */
    int (*stopping)(void *ctx);                    /* stop walking; may be NULL */
    void (*settle)(void *ctx);                     /* before a line of the walk's own; may be NULL */
    void *ctx;
    walk_ext *unknown; /* the files passed over by name, by extension */
    size_t nunknown;
} walker;

/* An input named on the command line: a folder is walked (a link to one
 * is followed) and ends with one line on stderr for the files passed
 * over by name (`dixit: 4 files skipped (unknown extension: .md ×3, .pdf
 * ×1)`, not a failure); anything else goes to w->file as it is. */
void walk_path(walker *w, const char *path);

#endif
