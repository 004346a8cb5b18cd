/*
 * assets.h: the files of web/ (the page of `dixit serve`), built into the
 * binary: tools/embed.c --table writes build/webdata.c from them, the
 * Makefile rebuilds it when one changes. Nothing is read from disk at run
 * time, so no request can reach a file.
 */
#ifndef DIXIT_ASSETS_H
#define DIXIT_ASSETS_H

#include <stddef.h>

struct embed_file {
    const char *name; /* the file's name, no folder: "index.html" */
    const char *data; /* its bytes (NUL-terminated) */
    size_t len;       /* their count, the NUL left out */
};

/* The files, web_files_count of them, then an entry of NULLs. */
extern const struct embed_file web_files[];
extern const size_t web_files_count;

#endif
