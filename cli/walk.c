/*
 * walk.c: the inputs a command line names, in the order they are read.
 *
 * Folders are read recursively in sorted order (strcmp of the names, so
 * the order is the same on every file system and locale), hidden entries
 * left out; a link to a folder met in a folder is followed only with -L
 * (ripgrep's rule), and never to a folder the walk is inside. FIFOs,
 * devices and sockets met in a folder are passed over (a FIFO would hang
 * the walk); named on the command line they are read. Moved out of
 * main.c so that `dixit shard` lists exactly what `dixit extract` reads.
 */
#define _POSIX_C_SOURCE 200809L
#include "walk.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* In any case: C.TXT is a .txt file, as on the file systems that fold. */
static int has_suffix(const char *s, const char *suf)
{
    size_t n = strlen(s), m = strlen(suf);
    return n >= m && strcasecmp(s + n - m, suf) == 0;
}

/* name ends with one of exts, plain, .gz or .zst */
static int has_ext(const char *p, const char *const *exts)
{
    char buf[32];
    for (; *exts; exts++) {
        snprintf(buf, sizeof buf, "%s.gz", *exts);
        if (has_suffix(p, *exts) || has_suffix(p, buf))
            return 1;
        snprintf(buf, sizeof buf, "%s.zst", *exts);
        if (has_suffix(p, buf))
            return 1;
    }
    return 0;
}

int path_is_jsonl(const char *p)
{
    static const char *const e[] = {".jsonl", ".ndjson", NULL};
    return has_ext(p, e);
}

/* A web page: one article, its text found by the reader's HTML stage
 * (which knows a page by its content, whatever its name). */
int path_is_html(const char *p)
{
    static const char *const e[] = {".html", ".htm", NULL};
    return has_ext(p, e);
}

int path_is_warc(const char *p)
{
    static const char *const e[] = {".warc", NULL};
    return has_ext(p, e);
}

int path_is_json(const char *p)
{
    static const char *const e[] = {".json", NULL};
    return has_ext(p, e);
}

int path_is_input(const char *p)
{
    static const char *const e[] = {".txt", NULL};
    return path_is_jsonl(p) || path_is_json(p) || path_is_html(p) || path_is_warc(p) || has_ext(p, e);
}

static int same_file(const struct stat *a, const struct stat *b)
{
    return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/* The folders of a walk, from the one named on the command line down to
 * the one being read: a link to any of them is a loop. */
typedef struct ancestor {
    struct stat st;
    const struct ancestor *up;
} ancestor;

static int is_ancestor(const ancestor *a, const struct stat *st)
{
    for (; a; a = a->up)
        if (same_file(&a->st, st))
            return 1;
    return 0;
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The entries of folder path as "path/name", sorted, hidden ones left
 * out: *n of them (fewer when memory ran out), or NULL when the folder
 * cannot be read (errno tells why). */
static char **list_dir(const char *path, size_t *n)
{
    DIR *d = opendir(path);
    if (!d)
        return NULL;
    char **names = NULL;
    size_t cap = 0;
    struct dirent *e;
    *n = 0;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 64;
            char **nn = realloc(names, cap * sizeof *nn);
            if (!nn)
                break;
            names = nn;
        }
        size_t len = strlen(path) + strlen(e->d_name) + 2;
        names[*n] = malloc(len);
        if (!names[*n])
            break;
        snprintf(names[*n], len, "%s/%s", path, e->d_name);
        (*n)++;
    }
    closedir(d);
    if (!names)
        names = malloc(sizeof *names); /* an empty folder is no error */
    if (names)
        qsort(names, *n, sizeof *names, name_cmp);
    return names;
}

/* A file a walk passes over for its name: counted by extension, for the
 * line print_unknown writes at the end of the walk. */
static void count_unknown(walker *w, const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    char ext[16] = "";
    for (size_t i = 0; dot && dot[i] && i < sizeof ext - 1; i++)
        ext[i] = dot[i] >= 'A' && dot[i] <= 'Z' ? (char)(dot[i] + 32) : dot[i];
    size_t k = 0;
    while (k < w->nunknown && strcmp(w->unknown[k].ext, ext) != 0)
        k++;
    if (k == w->nunknown) {
        walk_ext *u = realloc(w->unknown, (k + 1) * sizeof *u);
        if (!u)
            return; /* the count is a courtesy */
        w->unknown = u;
        memcpy(u[k].ext, ext, sizeof ext);
        u[k].n = 0;
        w->nunknown++;
    }
    w->unknown[k].n++;
}

/* Most first, then by extension, names without one last. */
static int unknown_cmp(const void *a, const void *b)
{
    const walk_ext *x = a, *y = b;
    if (x->n != y->n)
        return x->n > y->n ? -1 : 1;
    if (!x->ext[0] || !y->ext[0])
        return !x->ext[0] - !y->ext[0];
    return strcmp(x->ext, y->ext);
}

/* After a folder named on the command line: the line for the files its
 * walk passed over by name (none with -q). */
static void print_unknown(walker *w)
{
    unsigned long long total = 0;
    for (size_t k = 0; k < w->nunknown; k++)
        total += w->unknown[k].n;
    if (total && !w->quiet) {
        qsort(w->unknown, w->nunknown, sizeof *w->unknown, unknown_cmp);
        if (w->settle)
            w->settle(w->ctx);
        fprintf(stderr, "dixit: %llu files skipped (unknown extension: ", total);
        for (size_t k = 0; k < w->nunknown; k++)
            fprintf(stderr, "%s%s \xC3\x97%llu", k ? ", " : "",
                    w->unknown[k].ext[0] ? w->unknown[k].ext : "none", w->unknown[k].n);
        fputs(")\n", stderr);
    }
    free(w->unknown);
    w->unknown = NULL;
    w->nunknown = 0;
}

static int stopping(const walker *w)
{
    return w->stopping && w->stopping(w->ctx);
}

static void walk_entry(walker *w, const char *path, const ancestor *up, int depth);

/* Every input below folder path, whose stat is st. */
static void walk_dir(walker *w, const char *path, const struct stat *st, const ancestor *up, int depth)
{
    if (depth > 64) {
        w->complain(w->ctx, path, "folders nested too deep; skipped");
        return;
    }
    size_t n;
    char **names = list_dir(path, &n);
    if (!names) {
        char msg[256];
        snprintf(msg, sizeof msg, "cannot open: %s", strerror(errno));
        w->complain(w->ctx, path, msg);
        return;
    }
    ancestor me = {*st, up};
    for (size_t i = 0; i < n; i++) {
        if (!stopping(w))
            walk_entry(w, names[i], &me, depth + 1);
        free(names[i]);
    }
    free(names);
}

/* One entry of a folder walk. */
static void walk_entry(walker *w, const char *path, const ancestor *up, int depth)
{
    struct stat st;
    int is_link = lstat(path, &st) == 0 && S_ISLNK(st.st_mode);
    if (stat(path, &st) != 0) {
        /* gone, or a broken link: the reader says why */
        if (path_is_input(path))
            w->file(w->ctx, path);
        return;
    }
    if (w->skip && w->skip(w->ctx, &st))
        return;
    if (S_ISDIR(st.st_mode)) {
        if (is_link && !w->follow)
            return;
        if (is_ancestor(up, &st))
            w->complain(w->ctx, path, "file system loop: points to an ancestor");
        else
            walk_dir(w, path, &st, up, depth);
        return;
    }
    if (!S_ISREG(st.st_mode))
        return;
    if (path_is_input(path))
        w->file(w->ctx, path);
    else
        count_unknown(w, path);
}

void walk_path(walker *w, const char *path)
{
    struct stat st;
    if (strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        walk_dir(w, path, &st, NULL, 0);
        print_unknown(w);
    } else
        w->file(w->ctx, path);
}
