/*
 * html.h: a web page in, the article a reader sees out (html.c). The
 * readers' first stage for HTML, before any analysis: it takes the bytes
 * of one page and gives its main text (headline, lede, body paragraphs,
 * subheads and blockquotes in reading order, paragraphs apart by a blank
 * line) and its metadata. Uses libxml2's HTML parser; owns the text it
 * hands out (html_page_free).
 */
#ifndef DIXIT_HTML_H
#define DIXIT_HTML_H

#include "alloc.h"
#include "dixit.h"

#include <stdbool.h>
#include <stddef.h>

enum { MARK_QUOTE = 1, MARK_POST = 2 };

/* A blockquote or embedded post of the text: bytes [start, end), kind
 * MARK_QUOTE or MARK_POST. */
typedef struct html_mark {
    size_t start, end;
    int kind;
} html_mark;

#define MARKS_MAX 64           /* marks a page keeps (the rest are not marked) */
#define CAPTIONS_MAX (1 << 16) /* bytes of captions a page keeps */

typedef struct html_page {
    buf text;          /* UTF-8, NUL-terminated */
    char title[512];   /* og:title, else the first <h1>, else <title>; "" if none */
    char date[11];     /* YYYY-MM-DD of publication, "" if none */
    char url[1024];    /* canonical URL, "" if none */
    char site[128];    /* og:site_name, else the URL's host, "" if none */
    char lang[3];      /* "fr" or "en" when the page says so, else "" (not
                          passed on: the text says better) */
    char authors[256]; /* JSON-LD's author, <meta name="author">,
                          article:author, a rel=author link; "" if none */
    buf ld_body;       /* JSON-LD's articleBody, the longest, if any: the
                          text of a page its scripts write */
    buf notes;         /* what was kept and dropped, and why, when asked */
    buf captions;      /* the figure captions inside the article, left out
                          of the text: one a line */
    html_mark marks[MARKS_MAX]; /* the text's blockquotes and posts */
    size_t nmarks;
} html_page;

/* Does s[0..n) open like an HTML page (after blanks, a byte-order mark,
 * comments or an XML declaration: <!DOCTYPE html, <html or <head)? */
bool html_looks(const char *s, size_t n);

/* Reads the page s[0..n) into out, its text at most limit bytes; charset
 * is the one its HTTP response named, or NULL; with notes, out->notes says
 * what was kept and dropped, and why. DIXIT_OK; DIXIT_ENOTEXT when the
 * page holds no text at all; DIXIT_ETOOBIG past the limit; DIXIT_ENOMEM.
 * out is always to be freed. */
dixit_status html_read(const char *s, size_t n, const char *charset, bool notes, const dixit_allocator *alloc,
                       size_t limit, html_page *out);
void html_page_free(html_page *p);
/* The host of URL u into site (cap bytes): "news.example" of
 * "https://news.example/a". */
void html_host(const char *u, char *site, size_t cap);

#endif
