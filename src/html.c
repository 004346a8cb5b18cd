/*
 * html.c: the article of a web page, and what the page says of it.
 *
 * libxml2's HTML parser makes the tree (it recovers from any markup and
 * decodes the entities); then, as Readability and its heirs do:
 *  1. whatever is never the article dies with what it holds: scripts,
 *     styles, forms, navigation, footers, asides, figure captions, and
 *     elements whose class or id says so (data/html.tsv: comments,
 *     sharing, related links, cookie banners, newsletters);
 *  2. one pass from the leaves up counts each element's text, the part of
 *     it inside links, and its commas;
 *  3. each paragraph of 25 bytes or more scores its parent, and less its
 *     ancestors further up: the article is the element that gathers the
 *     most prose, less what of it is links;
 *  4. its siblings that score well enough, or read like paragraphs, join
 *     it; the text of what was kept is written out in document order, a
 *     blank line between blocks, lists and boxes mostly made of links
 *     left out.
 * The headline (og:title, else the first h1, else <title>) opens the
 * text as its own paragraph. Metadata come from <meta> (Open Graph,
 * article:published_time), JSON-LD's datePublished, <time datetime>, the
 * canonical link and <html lang>. The text is UTF-8: a page that is
 * valid UTF-8 is read as such; one that is not is read in the charset it
 * declares, else as Windows-1252.
 */
#include "html.h"

#include "bytes.h"
#include "entities.h"
#include "utf8.h"

#include <cjson/cJSON.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>

extern const char dx_html[];

#define PARA_MIN 25     /* bytes of text for an element to score as a paragraph */
#define LEVELS 5        /* ancestors a paragraph scores */
#define HINT_WEIGHT 25  /* what a good or bad class or id word is worth */
#define RETRY_BELOW 500 /* bytes of article under which the hints are dropped */
#define OPEN_MARK "\xE2\x80\x9C"  /* “ and ”: the marks a quotation with none */
#define CLOSE_MARK "\xE2\x80\x9D" /* of its own is written between */

enum { F_DEAD = 1, F_KEEP = 2, F_CAND = 4 };
enum { H_NONE = 0, H_GOOD = 1, H_BAD = 2, H_DROP = 4, H_UNREAD = 8, H_CAPTION = 16, H_POST = 32 };
enum {
    T_DEAD = 1,
    T_BOX = 2,
    T_BLOCK = 4,
    T_PARA = 8,
    T_LINKBOX = 16,
    T_A = 32,
    T_BR = 64,
    T_DIV = 128,
    T_HOLDS = 256,    /* html, body, main, article: never killed by a class word or their size */
    T_QUOTE = 512,    /* blockquote: kept, and marked in the text */
    T_CAPTION = 1024, /* figcaption: out of the text, into the page's captions */
    T_Q = 2048        /* q: written between quotation marks, as a browser shows it */
};

/* What the passes learn of one element; node->_private points at it. */
typedef struct info {
    double score;
    size_t text;  /* bytes of text below it, dead parts left out */
    size_t links; /* of those, inside <a> */
    size_t commas;
    uint8_t flags;
    /* what its tag and its class and id say, read once (attach) */
    uint16_t tags; /* T_* */
    uint8_t hint;  /* H_* */
    int8_t base;   /* its start as a candidate, by its tag */
} info;

static info *info_of(xmlNodePtr n)
{
    return n && n->type == XML_ELEMENT_NODE ? (info *)n->_private : NULL;
}

static bool is_tag(xmlNodePtr n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* The tags dixit knows, sorted for bsearch: T_DEAD never the article,
 * with all they hold; T_BOX boxes around what is not the article, dead
 * too unless one holds half the page (ASP.NET pages wrap all of theirs in
 * a <form>); T_BLOCK opens a paragraph of the text; T_PARA scores as a
 * paragraph; T_LINKBOX left out when mostly links; and what an element
 * starts with as a candidate. */
typedef struct tag_info {
    const char *name;
    uint16_t tags;
    int8_t base;
} tag_info;
static const tag_info known_tags[] = {
    {"a", T_A, 0},
    {"address", T_BLOCK, -3},
    {"article", T_BLOCK | T_HOLDS, 5},
    {"aside", T_BOX, 0},
    {"blockquote", T_BLOCK | T_PARA | T_QUOTE, 3},
    {"body", T_BLOCK | T_HOLDS, 0},
    {"br", T_BR, 0},
    {"button", T_DEAD, 0},
    {"canvas", T_DEAD, 0},
    {"center", T_BLOCK, 0},
    {"dd", T_BLOCK, -3},
    {"dialog", T_DEAD, 0},
    {"div", T_BLOCK | T_LINKBOX | T_DIV, 5},
    {"dl", T_BLOCK | T_LINKBOX, -3},
    {"dt", T_BLOCK, -3},
    {"embed", T_DEAD, 0},
    {"figcaption", T_BOX | T_CAPTION, 0},
    {"figure", T_BLOCK, 0},
    {"footer", T_BOX, 0},
    {"form", T_BOX, 0},
    {"h1", T_BLOCK, -5},
    {"h2", T_BLOCK, -5},
    {"h3", T_BLOCK, -5},
    {"h4", T_BLOCK, -5},
    {"h5", T_BLOCK, -5},
    {"h6", T_BLOCK, -5},
    {"head", T_DEAD, 0},
    {"header", T_BOX, 0},
    {"hr", T_BLOCK, 0},
    {"html", T_HOLDS, 0},
    {"iframe", T_DEAD, 0},
    {"input", T_DEAD, 0},
    {"label", T_DEAD, 0},
    {"li", T_BLOCK | T_LINKBOX, -3},
    {"main", T_BLOCK | T_HOLDS, 5},
    {"math", T_DEAD, 0},
    {"menu", T_BOX, 0},
    {"nav", T_BOX, 0},
    {"noscript", T_DEAD, 0},
    {"object", T_DEAD, 0},
    {"ol", T_BLOCK | T_LINKBOX, -3},
    {"p", T_BLOCK | T_PARA | T_LINKBOX, 0},
    {"pre", T_BLOCK | T_PARA, 3},
    {"q", T_Q, 0},
    {"script", T_DEAD, 0},
    {"section", T_BLOCK | T_LINKBOX, 3},
    {"select", T_DEAD, 0},
    {"style", T_DEAD, 0},
    {"svg", T_DEAD, 0},
    {"table", T_BLOCK | T_LINKBOX, 0},
    {"td", T_BLOCK | T_PARA, 3},
    {"template", T_DEAD, 0},
    {"textarea", T_DEAD, 0},
    {"th", T_BLOCK, -5},
    {"tr", T_BLOCK, 0},
    {"ul", T_BLOCK | T_LINKBOX, -3},
};

static int tag_cmp(const void *key, const void *e)
{
    return strcmp(key, ((const tag_info *)e)->name);
}

/* What element n's tag says (NULL: nothing). */
static const tag_info *tag_of(xmlNodePtr n)
{
    return bsearch(n->name, known_tags, sizeof known_tags / sizeof *known_tags, sizeof *known_tags, tag_cmp);
}

/* ------------------------------------------------------------------ */
/* Walking the tree without recursion: a page may nest deeper than any
 * stack allows. */

/* The node after n in document order below root; its children are
 * skipped when skip. NULL at the end. */
static xmlNodePtr next_node(xmlNodePtr n, xmlNodePtr root, bool skip)
{
    if (!skip && n->children && n->type == XML_ELEMENT_NODE)
        return n->children;
    while (n && n != root) {
        if (n->next)
            return n->next;
        n = n->parent;
    }
    return NULL;
}

/* ------------------------------------------------------------------ */
/* Class and id hints (data/html.tsv) */

/* The words of data/html.tsv, read once (html_read's first call). */
#define HINT_WORDS 128
static struct hint_word {
    char w[32];
    uint8_t kind, len;
} hint_words[HINT_WORDS];
static size_t nhint_words;
/* the words by their first byte, a bit each: a class is read once, not
 * once for each word */
static uint64_t hint_first[256][HINT_WORDS / 64];
/* and the labels: a block that is only one of them goes */
#define LABELS 32
static struct hint_word labels[LABELS];
static size_t nlabels;

static void load_hints(void)
{
    for (const char *p = dx_html; *p && nhint_words < HINT_WORDS;) {
        const char *nl = strchr(p, '\n');
        size_t ln = nl ? (size_t)(nl - p) : strlen(p);
        const char *tab = memchr(p, '\t', ln);
        if (p[0] != '#' && tab && (size_t)(tab - p) < sizeof hint_words[0].w) {
            bool label = tab[1] == 'l';
            struct hint_word *hw = label ? &labels[nlabels++] : &hint_words[nhint_words++];
            memcpy(hw->w, p, (size_t)(tab - p));
            hw->w[tab - p] = 0;
            hw->len = (uint8_t)(tab - p);
            if (!label && hw->len) {
                size_t k = (size_t)(hw - hint_words);
                hint_first[(unsigned char)hw->w[0]][k / 64] |= 1ull << (k % 64);
            }
            /* good, bad, drop; caption (dropped, its text kept apart);
             * post (an embedded post: marked, as a blockquote is) */
            hw->kind = tab[1] == 'g'   ? H_GOOD
                       : tab[1] == 'b' ? H_BAD
                       : tab[1] == 'c' ? H_DROP | H_CAPTION
                       : tab[1] == 'p' ? H_POST
                                       : H_DROP;
            if (nlabels == LABELS)
                break;
        }
        p += nl ? ln + 1 : ln;
    }
}

/* The class and id of n, lowercased, a space after each, into s (cap
 * bytes, NUL-terminated): its length. */
static size_t class_id(xmlNodePtr n, char *s, size_t cap)
{
    size_t len = 0;
    static const char *const attrs[] = {"class", "id"};
    for (int a = 0; a < 2; a++) {
        xmlChar *v = xmlGetProp(n, (const xmlChar *)attrs[a]);
        for (size_t i = 0; v && v[i] && len + 2 < cap; i++)
            s[len++] = ascii_lower((char)v[i]);
        if (v && len + 1 < cap)
            s[len++] = ' ';
        xmlFree(v);
    }
    s[len] = 0;
    return len;
}

/* H_* of the class and id of n; *first (when not NULL) the first word of
 * data/html.tsv they hold, or NULL. */
static int hints(xmlNodePtr n, const char **first)
{
    char s[512];
    int h = H_NONE;
    if (first)
        *first = NULL;
    if (!class_id(n, s, sizeof s))
        return h;
    uint64_t found[HINT_WORDS / 64] = {0};
    for (size_t i = 0; s[i]; i++) {
        const uint64_t *may = hint_first[(unsigned char)s[i]];
        for (size_t g = 0; g < HINT_WORDS / 64; g++)
            for (uint64_t m = may[g] & ~found[g]; m; m &= m - 1) {
                size_t k = g * 64 + (size_t)__builtin_ctzll(m);
                if (!strncmp(s + i, hint_words[k].w, hint_words[k].len))
                    found[g] |= 1ull << (k % 64);
            }
    }
    /* in the order of the file, as the first word found is told */
    for (size_t g = 0; g < HINT_WORDS / 64; g++)
        for (uint64_t m = found[g]; m; m &= m - 1) {
            size_t k = g * 64 + (size_t)__builtin_ctzll(m);
            h |= hint_words[k].kind;
            if (first && !*first)
                *first = hint_words[k].w;
        }
    return h;
}

/* ------------------------------------------------------------------ */
/* Pass 1: what dies */

/* Kills what is never the article: by tag always; by class and id when
 * hints (an element holding half the page's text, total, by the count of
 * a pass without hints, is spared: a wrapper whose class says
 * "advertisement-off-canvas" holds the article too). The counts of the
 * elements visited are cleared for the next count. */
static void mark_dead(xmlNodePtr root, bool use_hints, size_t total)
{
    for (xmlNodePtr n = root; n;) {
        info *in = info_of(n);
        bool dead = false;
        if (in) {
            if (use_hints && in->hint == H_UNREAD)
                in->hint = (uint8_t)hints(n, NULL); /* read once, when first needed */
            int h = use_hints ? in->hint : H_NONE;
            /* (total 0: the first pass, which counts what the tags leave) */
            bool spared = !total || (in->tags & T_HOLDS) || in->text * 2 > total;
            dead = (in->flags & F_DEAD) || (in->tags & T_DEAD) ||
                   (!spared && ((in->tags & T_BOX) || (h & H_DROP) || ((h & H_BAD) && !(h & H_GOOD))));
            in->text = in->links = in->commas = 0;
            if ((h & H_GOOD) && !(h & H_BAD))
                in->score += HINT_WEIGHT;
            if (dead)
                in->flags |= F_DEAD;
        }
        n = next_node(n, root, dead);
    }
}

/* ------------------------------------------------------------------ */
/* Pass 2: text, links and commas, from the leaves up */

static void count_text(info *to, const xmlChar *s)
{
    for (size_t i = 0; s[i]; i++) {
        if (s[i] != ' ' && s[i] != '\n' && s[i] != '\t' && s[i] != '\r')
            to->text++;
        if (s[i] == ',')
            to->commas++;
    }
}

/* Adds what n holds to its parent's counts. */
static void count_up(xmlNodePtr n)
{
    info *up = info_of(n->parent);
    if (!up)
        return;
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        if (n->content)
            count_text(up, n->content);
        return;
    }
    info *in = info_of(n);
    if (!in || (in->flags & F_DEAD))
        return;
    if (in->tags & T_A)
        in->links = in->text;
    up->text += in->text;
    up->links += in->links;
    up->commas += in->commas;
}

/* Post-order over root's tree, dead elements not entered: an element is
 * counted into its parent once all its children are. */
static void count_all(xmlNodePtr root)
{
    xmlNodePtr n = root;
    for (;;) {
        info *in = info_of(n);
        if (n->children && in && !(in->flags & F_DEAD)) {
            n = n->children;
            continue;
        }
        while (n != root && !n->next) {
            count_up(n);
            n = n->parent;
        }
        if (n == root)
            return;
        count_up(n);
        n = n->next;
    }
}

/* ------------------------------------------------------------------ */
/* Pass 3: paragraphs score their ancestors */

static double link_density(const info *in)
{
    return in->text ? (double)in->links / (double)in->text : 0;
}

/* Does element n (a <div>) hold PARA_MIN bytes of text of its own, as a
 * <p> does (pages that write paragraphs as divs, or as text between
 * <br>s)? */
static bool text_div(xmlNodePtr n)
{
    info own = {0};
    for (xmlNodePtr c = n->children; c; c = c->next)
        if (c->type == XML_TEXT_NODE && c->content)
            count_text(&own, c->content);
    return own.text >= PARA_MIN;
}

static void score_up(xmlNodePtr n, const info *in)
{
    double s = 1 + (double)in->commas + (in->text / 100 < 3 ? (double)(in->text / 100) : 3);
    xmlNodePtr a = n->parent;
    for (int level = 0; a && level < LEVELS; level++, a = a->parent) {
        info *ai = info_of(a);
        if (!ai || (ai->flags & F_DEAD))
            break;
        if (!(ai->flags & F_CAND)) {
            ai->flags |= F_CAND;
            ai->score += ai->base;
        }
        ai->score += level == 0 ? s : level == 1 ? s / 2 : s / (level * 3);
    }
}

/* Scores every paragraph's ancestors; returns the best candidate, its
 * score less its links, or NULL when no paragraph was found. */
static xmlNodePtr score_all(xmlNodePtr root)
{
    for (xmlNodePtr n = root; n;) {
        info *in = info_of(n);
        bool dead = in && (in->flags & F_DEAD);
        if (in && !dead && in->text >= PARA_MIN &&
            ((in->tags & T_PARA) || ((in->tags & T_DIV) && text_div(n))))
            score_up(n, in);
        n = next_node(n, root, dead);
    }
    xmlNodePtr top = NULL;
    double best = 0;
    for (xmlNodePtr n = root; n;) {
        info *in = info_of(n);
        bool dead = in && (in->flags & F_DEAD);
        if (in && !dead && (in->flags & F_CAND) && in->score * (1 - link_density(in)) > best) {
            best = in->score * (1 - link_density(in));
            top = n;
        }
        n = next_node(n, root, dead);
    }
    return top;
}

/* ------------------------------------------------------------------ */
/* Pass 4: the article and its siblings */

static bool ends_sentence(const info *in, xmlNodePtr n)
{
    xmlChar *t = xmlNodeGetContent(n);
    size_t len = t ? strlen((const char *)t) : 0;
    while (len && (t[len - 1] == ' ' || t[len - 1] == '\n' || t[len - 1] == '\t'))
        len--;
    bool ends = len && (t[len - 1] == '.' || t[len - 1] == '!' || t[len - 1] == '?');
    xmlFree(t);
    return ends && in->text > 0;
}

/* Marks the article: the top candidate (its parent when it is an only
 * child) and those of its siblings that score at least a fifth of it,
 * or are paragraphs of prose. Returns the element kept first. */
static xmlNodePtr keep_article(xmlNodePtr top)
{
    while (top->parent && info_of(top->parent) && !top->prev && !top->next && !is_tag(top->parent, "body"))
        top = top->parent;
    info *ti = info_of(top);
    double ts = ti->score * (1 - link_density(ti));
    double floor = ts / 5 > 10 ? ts / 5 : 10;
    ti->flags |= F_KEEP;
    if (!info_of(top->parent))
        return top;
    for (xmlNodePtr s = top->parent->children; s; s = s->next) {
        info *si = info_of(s);
        if (!si || s == top || (si->flags & F_DEAD))
            continue;
        bool keep = (si->flags & F_CAND) && si->score * (1 - link_density(si)) >= floor;
        if (!keep && is_tag(s, "p")) {
            double d = link_density(si);
            keep = (si->text > 80 && d < 0.25) || (d == 0 && ends_sentence(si, s));
        }
        if (keep)
            si->flags |= F_KEEP;
    }
    return top;
}

/* ------------------------------------------------------------------ */
/* Writing the text out */

typedef struct writer {
    buf *b;
    html_page *p;
    bool para;    /* a paragraph break is due before the next text */
    bool line;    /* a line break (<br>) is due */
    bool space;   /* a space is due */
    int quotes;   /* blockquotes and posts open around the text */
    bool opening; /* the outermost one has no text yet */
    xmlNodePtr wrap; /* an element written between quotation marks */
    bool wrap_due;   /* its opening mark is due before the next character */
    bool post_words; /* it is a post's words: its signature follows */
} writer;

/* Text s[0..n) into the writer: blanks collapsed, the break or space due
 * before its first character. */
static void put_text(writer *w, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
            w->space = true;
            continue;
        }
        /* a no-break space or a zero-width space opening a block is a
         * blank (a block of them, "&nbsp;" as spacing, writes nothing) */
        bool opening = w->para || w->line || !w->b->len;
        if (opening && c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) {
            i++;
            continue;
        }
        if (opening && c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
            (unsigned char)s[i + 2] == 0x8B) {
            i += 2;
            continue;
        }
        if (w->b->len) {
            if (w->para)
                buf_puts(w->b, "\n\n");
            else if (w->line)
                buf_putc(w->b, '\n');
            else if (w->space)
                buf_putc(w->b, ' ');
        }
        w->para = w->line = w->space = false;
        if (w->opening) { /* the mark starts at its first character */
            w->p->marks[w->p->nmarks].start = w->b->len;
            w->opening = false;
        }
        if (w->wrap_due) {
            buf_puts(w->b, OPEN_MARK);
            w->wrap_due = false;
        }
        buf_putc(w->b, (char)c);
    }
}

/* A list or box made mostly of links (a menu, a list of related
 * articles left inside the article's container). */
static bool link_box(const info *in)
{
    return (in->tags & T_LINKBOX) && in->text && link_density(in) > 0.5;
}

static void copy_clean(char *dst, size_t cap, const xmlChar *s);

/* Is n a written blockquote or embedded post (MARK_*), else 0? */
static int quote_kind(const info *in)
{
    if (!in || (in->flags & F_DEAD) || link_box(in))
        return 0;
    if (in->hint != H_UNREAD && (in->hint & H_POST))
        return MARK_POST;
    return (in->tags & T_QUOTE) ? MARK_QUOTE : 0;
}

/* Does the text below n hold a quotation mark (" “ ” « » „)? */
static bool has_marks(xmlNodePtr n)
{
    xmlChar *t = xmlNodeGetContent(n);
    bool yes = false;
    for (const unsigned char *s = t; s && *s && !yes; s++)
        yes = *s == '"' || (s[0] == 0xC2 && (s[1] == 0xAB || s[1] == 0xBB)) ||
              (s[0] == 0xE2 && s[1] == 0x80 && s[2] >= 0x9C && s[2] <= 0x9E);
    xmlFree(t);
    return yes;
}

/* Does the text written so far end with a colon ("The mayor wrote:")? */
static bool after_colon(const buf *b)
{
    size_t i = b->len;
    while (i && (b->data[i - 1] == ' ' || b->data[i - 1] == '\n'))
        i--;
    return i && b->data[i - 1] == ':';
}

/* The element of a <q>, post or blockquote n (kind q) to write between
 * quotation marks when it has none of its own, as a browser shows a <q>:
 * a <q> whole; a post's first block (its signature, "— Name (@name)
 * date", after it stays out); a blockquote whole when a colon introduces
 * it or it names its source (cite=), since a blockquote alone is as often
 * a box of the article's own words (a summary, a pull quote); else NULL. */
static xmlNodePtr wrap_of(const writer *w, xmlNodePtr n, int q)
{
    if (has_marks(n))
        return NULL;
    if (q == MARK_QUOTE && !(info_of(n)->tags & T_Q) && !after_colon(w->b) &&
        !xmlHasProp(n, (const xmlChar *)"cite"))
        return NULL;
    if (q == MARK_POST)
        for (xmlNodePtr c = n->children; c; c = c->next)
            if (info_of(c) && (info_of(c)->tags & T_BLOCK))
                return c;
    return n;
}

/* A caption inside the article, left out of the text: its text, blanks
 * collapsed, a line of the page's captions. */
static void keep_caption(html_page *p, xmlNodePtr n)
{
    xmlChar *t = xmlNodeGetContent(n);
    char one[1024];
    copy_clean(one, sizeof one, t);
    xmlFree(t);
    if (one[0] && p->captions.len + strlen(one) + 1 < CAPTIONS_MAX) {
        buf_puts(&p->captions, one);
        buf_putc(&p->captions, '\n');
    }
}

/* Enters n: false when what it holds is left out. */
static bool enter(writer *w, xmlNodePtr n)
{
    info *in = info_of(n);
    if (!in) {
        if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content)
            put_text(w, (const char *)n->content, strlen((const char *)n->content));
        return false;
    }
    if ((in->flags & F_DEAD) || link_box(in)) {
        if ((in->tags & T_CAPTION) || (in->hint != H_UNREAD && (in->hint & H_CAPTION)))
            keep_caption(w->p, n);
        return false;
    }
    if (in->tags & T_BLOCK)
        w->para = true;
    else if ((in->tags & T_BR) && w->line && w->b->len)
        w->para = true; /* two breaks with nothing between: a paragraph, as a reader sees it */
    else if (in->tags & T_BR)
        w->line = true;
    int q = quote_kind(in);
    if (q && !w->quotes++ && w->p->nmarks < MARKS_MAX) {
        w->p->marks[w->p->nmarks] = (html_mark){0, 0, q};
        w->opening = true;
    }
    /* the words of a blockquote, post or <q>, marked as the quotation
     * they are (one at a time: none inside another) */
    if (!w->wrap && ((q && w->quotes == 1) || (in->tags & T_Q))) {
        w->wrap = wrap_of(w, n, q ? q : MARK_QUOTE);
        w->post_words = w->wrap && w->wrap != n;
    }
    if (n == w->wrap)
        w->wrap_due = true;
    return true;
}

static void leave(writer *w, xmlNodePtr n)
{
    const info *in = info_of(n);
    bool signed_after = false;
    if (n == w->wrap) {
        if (!w->wrap_due) /* (written only when it had text) */
            buf_puts(w->b, CLOSE_MARK);
        /* a post's words, then its signature on the next line:
         * "“…”\n— Jane Doe (@jdoe) March 3, 2026" */
        signed_after = w->post_words;
        w->wrap = NULL;
        w->wrap_due = false;
    }
    if (in && (in->tags & T_BLOCK))
        w->para = true;
    if (signed_after) {
        w->para = false;
        w->line = true;
    }
    if (quote_kind(in) && !--w->quotes && w->p->nmarks < MARKS_MAX) {
        if (!w->opening) /* (one with no text is no mark) */
            w->p->marks[w->p->nmarks++].end = w->b->len;
        w->opening = false;
    }
}

/* The text from at on moves len bytes back, what was there cut: the
 * marks follow it. */
static void marks_cut(html_page *p, size_t at, size_t len)
{
    for (size_t k = 0; k < p->nmarks; k++) {
        html_mark *m = &p->marks[k];
        m->start = m->start >= at + len ? m->start - len : m->start > at ? at : m->start;
        m->end = m->end >= at + len ? m->end - len : m->end > at ? at : m->end;
    }
}

static void write_tree(writer *w, xmlNodePtr root)
{
    xmlNodePtr n = root;
    for (;;) {
        if (enter(w, n) && n->children) {
            n = n->children;
            continue;
        }
        leave(w, n);
        while (n != root && !n->next) {
            n = n->parent;
            leave(w, n);
        }
        if (n == root)
            return;
        n = n->next;
    }
}

/* ------------------------------------------------------------------ */
/* Metadata */

/* s, its blanks collapsed, into dst of cap bytes (cut at a character). */
static void copy_clean(char *dst, size_t cap, const xmlChar *s)
{
    size_t len = 0, i = 0;
    bool space = false;
    for (; s && s[i] && len + 1 < cap; i++) {
        unsigned char c = s[i];
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
            space = len > 0;
            continue;
        }
        if (space && len + 2 < cap)
            dst[len++] = ' ';
        space = false;
        dst[len++] = (char)c;
    }
    /* a character cut by the end of dst goes whole: its continuation
     * bytes, then its lead byte (only when cut: a whole "é" stays) */
    if (s && (s[i] & 0xC0) == 0x80) {
        while (len && ((unsigned char)dst[len - 1] & 0xC0) == 0x80)
            len--;
        if (len && (unsigned char)dst[len - 1] >= 0xC0)
            len--;
    }
    dst[len] = 0;
}

/* YYYY-MM-DD at the start of s, into date. */
static bool iso_date(const char *s, char date[11])
{
    for (int i = 0; i < 10; i++) {
        bool dash = i == 4 || i == 7;
        if (!s[i] || (dash ? s[i] != '-' : (s[i] < '0' || s[i] > '9')))
            return false;
    }
    memcpy(date, s, 10);
    date[10] = 0;
    return true;
}

/* A date written /YYYY/MM/DD/ in a URL. */
static bool url_date(const char *u, char date[11])
{
    for (const char *p = strchr(u, '/'); p; p = strchr(p + 1, '/')) {
        const char *q = p + 1;
        bool ok = true;
        for (int i = 0; i < 10 && ok; i++)
            ok = i == 4 || i == 7 ? q[i] == '/' : (q[i] >= '0' && q[i] <= '9');
        if (ok && (q[10] == '/' || q[10] == 0)) {
            char d[11] = {q[0], q[1], q[2], q[3], '-', q[5], q[6], '-', q[8], q[9], 0};
            memcpy(date, d, 11);
            return true;
        }
    }
    return false;
}

static void set_lang(html_page *p, const xmlChar *v)
{
    if (p->lang[0] || !v || !v[0] || !v[1])
        return;
    char l[3] = {(char)(v[0] | 0x20), (char)(v[1] | 0x20), 0};
    if ((strcmp(l, "fr") == 0 || strcmp(l, "en") == 0) && (!v[2] || v[2] == '-' || v[2] == '_'))
        memcpy(p->lang, l, 3);
}

typedef struct meta_state {
    int title_rank, date_rank, author_rank;
} meta_state;

/* Authors by rank: JSON-LD's author (3) over <meta name="author"> (2) over
 * an element marked rel="author" or itemprop="author" (1); a URL is no
 * name. */
static void take_authors(html_page *p, meta_state *st, int rank, const char *v)
{
    if (v && rank > st->author_rank && strncmp(v, "http", 4) != 0) {
        copy_clean(p->authors, sizeof p->authors, (const xmlChar *)v);
        if (p->authors[0])
            st->author_rank = rank;
    }
}

static void take_title(html_page *p, meta_state *st, int rank, const xmlChar *v)
{
    if (v && rank > st->title_rank) {
        copy_clean(p->title, sizeof p->title, v);
        if (p->title[0])
            st->title_rank = rank;
    }
}

static void take_date(html_page *p, meta_state *st, int rank, const char *v)
{
    if (v && rank > st->date_rank && iso_date(v, p->date))
        st->date_rank = rank;
}

/* A <meta>: Open Graph, article:published_time and its kin. */
static void meta_tag(xmlNodePtr n, html_page *p, meta_state *st)
{
    xmlChar *k = xmlGetProp(n, (const xmlChar *)"property");
    if (!k)
        k = xmlGetProp(n, (const xmlChar *)"name");
    if (!k)
        k = xmlGetProp(n, (const xmlChar *)"itemprop");
    xmlChar *v = xmlGetProp(n, (const xmlChar *)"content");
    xmlChar *eq = xmlGetProp(n, (const xmlChar *)"http-equiv");
    const char *key = (const char *)k;
    if (key && v) {
        if (!strcmp(key, "og:title"))
            take_title(p, st, 3, v);
        else if (!strcmp(key, "og:site_name"))
            copy_clean(p->site, sizeof p->site, v);
        else if (!strcmp(key, "og:url") && !p->url[0])
            copy_clean(p->url, sizeof p->url, v);
        else if (!strcmp(key, "og:locale"))
            set_lang(p, v);
        else if (!strcmp(key, "author") || !strcmp(key, "article:author"))
            take_authors(p, st, 2, (const char *)v);
        else if (!strcmp(key, "article:published_time") || !strcmp(key, "datePublished"))
            take_date(p, st, 4, (const char *)v);
        else if (!strcmp(key, "date") || !strcmp(key, "pubdate") || !strcmp(key, "publishdate") ||
                 !strcmp(key, "DC.date.issued") || !strcmp(key, "dc.date") || !strcmp(key, "sailthru.date"))
            take_date(p, st, 3, (const char *)v);
    }
    if (eq && v && !xmlStrcasecmp(eq, (const xmlChar *)"content-language"))
        set_lang(p, v);
    xmlFree(k);
    xmlFree(v);
    xmlFree(eq);
}

/* "datePublished": "2020-05-04T…" in a JSON-LD script. */
/* The longest "articleBody" string in a JSON-LD tree (objects, arrays,
 * @graph), 8 levels down at most. */
static const char *ld_article(const cJSON *j, int depth)
{
    const char *best = NULL;
    if (!j || depth > 8 || !(cJSON_IsObject(j) || cJSON_IsArray(j)))
        return NULL;
    const cJSON *b = cJSON_IsObject(j) ? cJSON_GetObjectItemCaseSensitive(j, "articleBody") : NULL;
    if (cJSON_IsString(b))
        best = b->valuestring;
    const cJSON *c;
    cJSON_ArrayForEach(c, j)
    {
        const char *x = ld_article(c, depth + 1);
        if (x && (!best || strlen(x) > strlen(best)))
            best = x;
    }
    return best;
}

/* The name of one JSON-LD author: a string, or an object's "name". */
static const char *ld_name(const cJSON *a)
{
    if (cJSON_IsString(a))
        return a->valuestring;
    const cJSON *n = cJSON_IsObject(a) ? cJSON_GetObjectItemCaseSensitive(a, "name") : NULL;
    return cJSON_IsString(n) ? n->valuestring : NULL;
}

/* The first "author" of a JSON-LD tree (objects, arrays, @graph), 8
 * levels down at most, its names joined by ", " into out (cap bytes). */
static bool ld_authors(const cJSON *j, int depth, char *out, size_t cap)
{
    if (!j || depth > 8 || !(cJSON_IsObject(j) || cJSON_IsArray(j)))
        return false;
    const cJSON *a = cJSON_IsObject(j) ? cJSON_GetObjectItemCaseSensitive(j, "author") : NULL;
    if (a) {
        size_t len = 0;
        for (const cJSON *x = cJSON_IsArray(a) ? a->child : a; x; x = cJSON_IsArray(a) ? x->next : NULL) {
            const char *name = ld_name(x);
            size_t n = name ? strlen(name) : 0;
            if (!n || len + n + 3 > cap)
                continue;
            if (len) {
                memcpy(out + len, ", ", 2);
                len += 2;
            }
            memcpy(out + len, name, n);
            len += n;
        }
        out[len] = 0;
        if (len)
            return true;
    }
    const cJSON *c;
    cJSON_ArrayForEach(c, j)
    {
        if (ld_authors(c, depth + 1, out, cap))
            return true;
    }
    return false;
}

/* A JSON-LD script: "datePublished": "2020-05-04T…", its authors, and
 * its articleBody, kept when longer than one kept before. */
static void json_ld(xmlNodePtr n, html_page *p, meta_state *st)
{
    xmlChar *t = xmlNodeGetContent(n);
    const char *s = t ? strstr((const char *)t, "\"datePublished\"") : NULL;
    if (s) {
        s += strlen("\"datePublished\"");
        while (*s == ' ' || *s == ':' || *s == '\n' || *s == '\t' || *s == '\r')
            s++;
        if (*s == '"')
            take_date(p, st, 5, s + 1);
    }
    bool body_in = t && strstr((const char *)t, "\"articleBody\"");
    bool author_in = t && st->author_rank < 3 && strstr((const char *)t, "\"author\"");
    if (body_in || author_in) {
        cJSON *j = cJSON_Parse((const char *)t);
        const char *body = body_in ? ld_article(j, 0) : NULL;
        size_t len = body ? strlen(body) : 0;
        if (len > p->ld_body.len) {
            p->ld_body.len = 0;
            buf_append(&p->ld_body, body, len);
        }
        char names[sizeof p->authors];
        if (author_in && ld_authors(j, 0, names, sizeof names))
            take_authors(p, st, 3, names);
        cJSON_Delete(j);
    }
    xmlFree(t);
}

/* Does n's attribute a hold the word w (rel="author nofollow")? */
static bool attr_is(xmlNodePtr n, const char *a, const char *w)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)a);
    bool yes = false;
    size_t wn = strlen(w);
    for (const char *s = (const char *)v; s && *s && !yes; s += strcspn(s, " ")) {
        s += strspn(s, " ");
        yes = strncmp(s, w, wn) == 0 && (s[wn] == 0 || s[wn] == ' ');
    }
    xmlFree(v);
    return yes;
}

static void meta_element(xmlNodePtr n, html_page *p, meta_state *st)
{
    if (is_tag(n, "meta")) {
        meta_tag(n, p, st);
    } else if (is_tag(n, "html")) {
        xmlChar *l = xmlGetProp(n, (const xmlChar *)"lang");
        set_lang(p, l);
        xmlFree(l);
    } else if (is_tag(n, "link")) {
        xmlChar *rel = xmlGetProp(n, (const xmlChar *)"rel"), *href = xmlGetProp(n, (const xmlChar *)"href");
        if (rel && href && !xmlStrcasecmp(rel, (const xmlChar *)"canonical"))
            copy_clean(p->url, sizeof p->url, href);
        xmlFree(rel);
        xmlFree(href);
    } else if (is_tag(n, "title") || (is_tag(n, "h1") && st->title_rank < 2)) {
        xmlChar *t = xmlNodeGetContent(n);
        take_title(p, st, is_tag(n, "h1") ? 2 : 1, t);
        xmlFree(t);
    } else if (st->author_rank < 1 && (attr_is(n, "rel", "author") || attr_is(n, "itemprop", "author"))) {
        xmlChar *t = xmlNodeGetContent(n);
        if (t && xmlStrlen(t) < 100) /* a name, not a box about the author */
            take_authors(p, st, 1, (const char *)t);
        xmlFree(t);
    } else if (is_tag(n, "time")) {
        xmlChar *d = xmlGetProp(n, (const xmlChar *)"datetime");
        take_date(p, st, 1, (const char *)d);
        xmlFree(d);
    } else if (is_tag(n, "script")) {
        xmlChar *ty = xmlGetProp(n, (const xmlChar *)"type");
        if (ty && !xmlStrcasecmp(ty, (const xmlChar *)"application/ld+json"))
            json_ld(n, p, st);
        xmlFree(ty);
    }
}

static void read_meta(xmlNodePtr root, html_page *p)
{
    meta_state st = {0, 0, 0};
    for (xmlNodePtr n = root; n; n = next_node(n, root, false))
        if (n->type == XML_ELEMENT_NODE)
            meta_element(n, p, &st);
    if (!p->date[0] && p->url[0])
        url_date(p->url, p->date);
    if (!p->site[0] && p->url[0])
        html_host(p->url, p->site, sizeof p->site);
}

void html_host(const char *u, char *site, size_t cap)
{
    const char *h = strstr(u, "://");
    h = h ? h + 3 : u;
    size_t len = strcspn(h, "/:?#");
    if (len < cap) {
        memcpy(site, h, len);
        site[len] = 0;
    }
}

/* ------------------------------------------------------------------ */
/* The page */

static pthread_once_t once = PTHREAD_ONCE_INIT;

static void init_parser(void)
{
    xmlInitParser();
    load_hints();
    entities_init();
}

/* How libxml2 is to read the bytes: UTF-8 when they are; else in the
 * charset the HTTP response named; else as the page declares (NULL); else
 * Windows-1252. */
static const char *encoding(const char *s, size_t n, const char *charset)
{
    if (utf8_validate(s, n) == n)
        return "UTF-8";
    if (charset && charset[0])
        return charset;
    size_t head = n < 4096 ? n : 4096;
    for (size_t i = 0; i + 7 <= head; i++)
        if (ascii_starts_ci(s + i, head - i, "charset"))
            return NULL;
    return "windows-1252";
}

/* Attributes past ATTR_MAX in one tag: libxml2 2.9 compares each new
 * attribute with every one before it, so a tag of a million attributes
 * would take hours. The page's bytes are scanned once; only a page that
 * has such a tag is copied, the surplus attributes blanked out. */
#define ATTR_MAX 256

/* The tag opening at s[i] ('<' and a letter): where its '>' is, or 0 when
 * another '<' comes first outside quotes (no tag: a script's "a<b", a
 * stray bracket), SIZE_MAX when the text ends first (no tag ends after
 * it: the scan stops, and stays linear); *attrs its attributes, *cut
 * where the one past ATTR_MAX starts (or 0). */
static size_t tag_end(const char *s, size_t n, size_t i, size_t *attrs, size_t *cut)
{
    char quote = 0;
    bool blank = false;
    *attrs = *cut = 0;
    for (size_t k = i + 1; k < n; k++) {
        char c = s[k];
        if (quote) {
            quote = c == quote ? 0 : quote;
            continue;
        }
        if (c == '>')
            return k;
        if (c == '<')
            return 0;
        if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            blank = true;
            continue;
        } else if (blank && c != '=' && ++*attrs == ATTR_MAX + 1) {
            *cut = k;
        }
        blank = false;
    }
    return SIZE_MAX;
}

/* Scans s[0..n) (blanking the surplus when out is not NULL): does a tag
 * hold more than ATTR_MAX attributes? */
static bool attr_flood(const char *s, size_t n, char *out)
{
    bool found = false;
    for (size_t i = 0; i + 1 < n; i++) {
        if (s[i] != '<' || !((s[i + 1] | 0x20) >= 'a' && (s[i + 1] | 0x20) <= 'z'))
            continue;
        size_t attrs, cut, end = tag_end(s, n, i, &attrs, &cut);
        if (end == SIZE_MAX)
            break;
        if (!end)
            continue;
        if (cut) {
            found = true;
            if (!out)
                return true;
            memset(out + cut, ' ', end - cut);
        }
        i = end;
    }
    return found;
}

/* One info per element, hung on node->_private: NULL when memory runs
 * out (or there is no element). */
static info *attach(xmlNodePtr root, const dixit_allocator *alloc, size_t *countp)
{
    size_t count = 0;
    for (xmlNodePtr n = root; n; n = next_node(n, root, false))
        count += n->type == XML_ELEMENT_NODE;
    info *all = count ? dx_malloc(alloc, count * sizeof *all) : NULL;
    if (!all)
        return NULL;
    memset(all, 0, count * sizeof *all);
    size_t i = 0;
    for (xmlNodePtr n = root; n; n = next_node(n, root, false))
        if (n->type == XML_ELEMENT_NODE) {
            info *in = &all[i++];
            const tag_info *ti = tag_of(n);
            in->tags = ti ? ti->tags : 0;
            in->base = ti ? ti->base : 0;
            in->hint = H_UNREAD;
            n->_private = in;
        }
    *countp = count;
    return all;
}

/* The headline, then the article below root (whose top candidate is top,
 * or none: all of body). */
static size_t write_page(html_page *p, xmlNodePtr root, xmlNodePtr top)
{
    writer w = {.b = &p->text, .p = p};
    if (p->title[0])
        buf_puts(&p->text, p->title);
    size_t body = p->text.len;
    if (!top) {
        write_tree(&w, root);
    } else {
        w.para = true;
        for (xmlNodePtr s = top->parent ? top->parent->children : top; s; s = s->next)
            if (info_of(s) && (info_of(s)->flags & F_KEEP))
                write_tree(&w, s);
    }
    /* the body may open with the headline itself */
    size_t tl = strlen(p->title);
    if (tl && p->text.len >= body + 2 + tl && memcmp(p->text.data + body + 2, p->title, tl) == 0 &&
        (p->text.len == body + 2 + tl || p->text.data[body + 2 + tl] == '\n')) {
        memmove(p->text.data + body, p->text.data + body + 2 + tl, p->text.len - body - 2 - tl + 1);
        p->text.len -= 2 + tl;
        marks_cut(p, body, 2 + tl);
    }
    return p->text.len - body;
}

/* Is s[0..n) one of the labels of data/html.tsv, in any case? */
static bool is_label(const char *s, size_t n)
{
    for (size_t k = 0; k < nlabels; k++) {
        size_t m = strlen(labels[k].w), i = 0;
        while (i < n && i < m && ascii_lower(s[i]) == labels[k].w[i])
            i++;
        if (i == n && i == m)
            return true;
    }
    return false;
}

/* The headline said again by the template, as a block of its own after
 * the first (a sticky header, a share line), and a block that is only a
 * template's label ("Advertisement"): they go. Short blocks said again
 * otherwise stay (a table's cells, a recipe's "1 cup"). */
static void drop_headlines(html_page *p)
{
    buf *t = &p->text;
    const char *title = p->title;
    size_t tl = strlen(title);
    if (!t->data || !tl || t->len < tl || memcmp(t->data, title, tl) != 0)
        return; /* (no text, or no headline opening it) */
    size_t r = tl, w = tl;
    while (r + 2 <= t->len && t->data[r] == '\n') {
        /* r is at the "\n\n" before a block */
        const char *e = strstr(t->data + r + 2, "\n\n");
        size_t end = e ? (size_t)(e - t->data) : t->len;
        bool again = (end - r - 2 == tl && memcmp(t->data + r + 2, title, tl) == 0) ||
                     is_label(t->data + r + 2, end - r - 2);
        if (!again) {
            memmove(t->data + w, t->data + r, end - r);
            w += end - r;
        } else {
            marks_cut(p, w, end - r); /* (w: where r is once what was cut before is) */
        }
        r = end;
    }
    if (r < t->len) { /* (not at a block: the rest as it is) */
        memmove(t->data + w, t->data + r, t->len - r);
        w += t->len - r;
    }
    t->len = w;
    t->data[w] = 0;
}

/* The page's text emptied for a new try, its marks and captions too. */
static void restart(html_page *p)
{
    buf *bs[] = {&p->text, &p->captions};
    for (int k = 0; k < 2; k++) {
        bs[k]->len = 0;
        bs[k]->failed = false;
        if (bs[k]->data)
            bs[k]->data[0] = 0;
    }
    p->nmarks = 0;
}

/* One try at the article, with class and id hints or without: the text
 * written anew; returns the length of its body. */
static size_t try_article(html_page *p, xmlNodePtr root, info *all, size_t count, bool use_hints)
{
    for (size_t i = 0; i < count; i++) {
        all[i].score = 0;
        all[i].text = all[i].links = all[i].commas = 0;
        all[i].flags = 0;
    }
    mark_dead(root, false, 0);
    count_all(root);
    size_t total = info_of(root)->text;
    mark_dead(root, use_hints, total);
    count_all(root);
    xmlNodePtr top = score_all(root);
    if (top)
        top = keep_article(top);
    restart(p);
    return write_page(p, root, top);
}

/* The page's text from its JSON-LD articleBody instead (a page whose
 * scripts write the article holds little else): the headline, then its
 * lines as paragraphs, blanks collapsed. */
static void ld_text(html_page *p)
{
    restart(p);
    if (p->title[0])
        buf_puts(&p->text, p->title);
    writer w = {.b = &p->text, .p = p, .para = p->title[0] != 0};
    const char *s = p->ld_body.data;
    for (size_t i = 0; i < p->ld_body.len;) {
        size_t e = i;
        while (e < p->ld_body.len && s[e] != '\n')
            e++;
        put_text(&w, s + i, e - i);
        w.para = true;
        i = e + 1;
    }
}

/* ------------------------------------------------------------------ */
/* Notes for --show segments: what was kept and dropped, and why */

#define NOTES_MAX (1 << 20) /* bytes of notes on one page */

/* One line: what, the element (tag, class, id), why, and the start of
 * its text unless it is code. */
static void note(buf *b, const char *what, xmlNodePtr n, const char *why, const char *word, bool text)
{
    xmlChar *cls = xmlGetProp(n, (const xmlChar *)"class"), *id = xmlGetProp(n, (const xmlChar *)"id");
    buf_printf(b, "# html %s <%s%s%.60s%s%s%.40s%s>: %s", what, (const char *)n->name, cls ? " class=\"" : "",
               cls ? (const char *)cls : "", cls ? "\"" : "", id ? " id=\"" : "", id ? (const char *)id : "",
               id ? "\"" : "", why);
    if (word)
        buf_printf(b, " \"%s\"", word);
    xmlFree(cls);
    xmlFree(id);
    xmlChar *t = text ? xmlNodeGetContent(n) : NULL;
    char ex[64];
    copy_clean(ex, sizeof ex, t);
    xmlFree(t);
    buf_printf(b, "%s%s\n", ex[0] ? " | " : "", ex);
}

static void write_notes(buf *b, xmlNodePtr root, bool ld)
{
    if (ld)
        buf_puts(b, "# html text: the page's JSON-LD articleBody (its markup held little)\n");
    for (xmlNodePtr n = root; n && !b->failed;) {
        info *in = info_of(n);
        bool skip = false;
        if (in && (in->flags & F_DEAD)) {
            skip = true;
            const char *w = NULL;
            if (!(in->tags & (T_DEAD | T_BOX)))
                hints(n, &w);
            note(b, "dropped", n,
                 (in->tags & T_DEAD)  ? "never prose"
                 : (in->tags & T_BOX) ? "a box around what is not the article"
                                      : "class or id word",
                 w, !(in->tags & T_DEAD));
        } else if (in && link_box(in) && n != root) {
            skip = true;
            note(b, "dropped", n, "mostly links", NULL, true);
        } else if (in && (in->flags & F_KEEP)) {
            char why[64]; /* (and its dropped parts after it) */
            snprintf(why, sizeof why, "the article (score %.0f, links %.0f%%)", in->score,
                     100 * link_density(in));
            note(b, "kept", n, why, NULL, true);
        }
        n = next_node(n, root, skip);
    }
}

dixit_status html_read(const char *s, size_t n, const char *charset, bool notes, const dixit_allocator *alloc,
                       size_t limit, html_page *out)
{
    memset(out, 0, sizeof *out);
    buf_init(&out->text, alloc, limit);
    buf_init(&out->ld_body, alloc, limit);
    buf_init(&out->notes, alloc, NOTES_MAX);
    buf_init(&out->captions, alloc, CAPTIONS_MAX);
    if (n > INT_MAX)
        return DIXIT_ETOOBIG;
    pthread_once(&once, init_parser);
    int opts =
        HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET | XML_PARSE_HUGE;
    char *copy = NULL;
    if (attr_flood(s, n, NULL)) {
        copy = dx_malloc(alloc, n ? n : 1);
        if (!copy)
            return DIXIT_ENOMEM;
        memcpy(copy, s, n);
        attr_flood(s, n, copy);
    }
    const char *enc = encoding(s, n, charset);
    char *named = NULL; /* HTML5's named references as numeric ones */
    size_t len = n;
    entities_rewrite(copy ? copy : s, n, alloc, &named, &len);
    htmlDocPtr doc = len <= INT_MAX ? htmlReadMemory(named  ? named
                                                     : copy ? copy
                                                            : s,
                                                     (int)len, NULL, enc, opts)
                                    : NULL;
    dx_free(alloc, copy);
    dx_free(alloc, named);
    xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (!root) {
        xmlFreeDoc(doc);
        return DIXIT_ENOTEXT;
    }
    size_t count = 0;
    info *all = attach(root, alloc, &count);
    if (!all) {
        xmlFreeDoc(doc);
        return DIXIT_ENOMEM;
    }
    read_meta(root, out);
    /* with class and id hints; without, when they left too little */
    size_t hinted = try_article(out, root, all, count, true), got = hinted;
    if (hinted < RETRY_BELOW && (got = try_article(out, root, all, count, false)) < hinted)
        got = try_article(out, root, all, count, true);
    bool ld = out->ld_body.len > 2 * got + 200;
    if (ld)
        ld_text(out);
    drop_headlines(out);
    if (notes)
        write_notes(&out->notes, root, ld);
    dx_free(alloc, all);
    xmlFreeDoc(doc);
    if (out->text.failed)
        return out->text.len >= limit ? DIXIT_ETOOBIG : DIXIT_ENOMEM;
    return out->text.len ? DIXIT_OK : DIXIT_ENOTEXT;
}

void html_page_free(html_page *p)
{
    buf_free(&p->text);
    buf_free(&p->ld_body);
    buf_free(&p->notes);
    buf_free(&p->captions);
}

/* ------------------------------------------------------------------ */

static size_t skip_blank(const char *s, size_t n, size_t i)
{
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' || s[i] == '\f'))
        i++;
    return i;
}

bool html_looks(const char *s, size_t n)
{
    size_t i = n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    /* comments and an XML declaration may come first */
    for (int k = 0; k < 16; k++) {
        i = skip_blank(s, n, i);
        const char *end = NULL;
        if (ascii_starts_ci(s + i, n - i, "<!--"))
            end = "-->";
        else if (ascii_starts_ci(s + i, n - i, "<?xml"))
            end = "?>";
        if (!end)
            break;
        const char *e = NULL;
        for (size_t j = i + 4; !e && j + strlen(end) <= n && j < i + 65536; j++)
            if (memcmp(s + j, end, strlen(end)) == 0)
                e = s + j;
        if (!e)
            return false;
        i = (size_t)(e - s) + strlen(end);
    }
    return ascii_starts_ci(s + i, n - i, "<!doctype html") || ascii_starts_ci(s + i, n - i, "<html") ||
           ascii_starts_ci(s + i, n - i, "<head");
}
