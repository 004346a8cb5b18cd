/*
 * html_parse.c: the floor under dixit's speed on web pages. Parses each
 * file named on the command line with libxml2's HTML parser, with the
 * options src/html.c uses, and frees the tree: no extraction, no text.
 * bench/run.sh times it beside `dixit text` on the same pages, so the
 * share of the time that is libxml2's own parse shows.
 */
#include <libxml/HTMLparser.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

/* The whole file at path, its length in *n; NULL when it cannot be read. */
static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *b = NULL;
    size_t cap = 0, len = 0, got;
    do {
        if (len == cap) {
            char *nb = realloc(b, cap = cap ? 2 * cap : 1 << 16);
            if (!nb)
                break;
            b = nb;
        }
        got = fread(b + len, 1, cap - len, f);
        len += got;
    } while (got);
    fclose(f);
    *n = len;
    return b;
}

int main(int argc, char **argv)
{
    int opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET | XML_PARSE_HUGE;
    xmlInitParser();
    for (int i = 1; i < argc; i++) {
        size_t n = 0;
        char *b = slurp(argv[i], &n);
        if (b && n <= INT_MAX)
            xmlFreeDoc(htmlReadMemory(b, (int)n, NULL, "UTF-8", opts));
        free(b);
    }
    xmlCleanupParser();
    return 0;
}
