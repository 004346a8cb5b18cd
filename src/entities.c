/*
 * entities.c: HTML5's named character references, for libxml2.
 *
 * libxml2 2.9 (Debian 12's) decodes the 253 named references of HTML 4;
 * HTML5 has 2,125 (&check;, &NotEqual;, &apos;, &bigstar;…), and still
 * reads 106 old ones without their ';' in text (&eacute, &copy2026). A
 * page that writes one would keep "&check;" in its text. So, before the
 * parse, each reference libxml2 would leave is rewritten as numeric
 * references (&#x2713;), which it decodes whatever the page's charset;
 * the page is copied only when it holds one. The names come from
 * data/entities.tsv (the standard's table); libxml2 is asked once which
 * of them it knows, so a newer libxml2 that knows them all leaves this
 * nothing to do.
 *
 * Inside a tag (between "<x" and ">"), a name without ';' stays as it is,
 * as HTML5 reads attributes ("?a=1&copy=2" is a URL, not "©=2"); the
 * scan's idea of a tag is rough (a "<b" in a script opens one), which
 * errs on the side of leaving text alone.
 */
#define _GNU_SOURCE /* memrchr */
#include "entities.h"

#include <libxml/HTMLparser.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern const char dx_entities[];

#define NAME_MAX_LEN 32
#define ENTITIES_MAX 2400
#define REF_MAX 20 /* bytes of the numeric references of one name, at most */

typedef struct entity {
    char name[NAME_MAX_LEN];
    uint8_t len;
    bool legacy; /* read without ';' too */
    bool known;  /* libxml2 decodes it (with ';') */
    uint32_t cp[2];
} entity;

static entity table[ENTITIES_MAX]; /* sorted by name, as the file is */
static size_t ntable;

void entities_init(void)
{
    for (const char *p = dx_entities; *p && ntable < ENTITIES_MAX;) {
        size_t ln = strcspn(p, "\n");
        const char *tab = memchr(p, '\t', ln);
        size_t nl = tab ? (size_t)(tab - p) : 0;
        if (p[0] != '#' && tab && nl && nl < NAME_MAX_LEN) {
            entity *e = &table[ntable++];
            memcpy(e->name, p, nl);
            e->name[nl] = 0;
            e->len = (uint8_t)nl;
            char *end;
            e->cp[0] = (uint32_t)strtoul(tab + 1, &end, 16);
            e->cp[1] = *end == ',' ? (uint32_t)strtoul(end + 1, &end, 16) : 0;
            e->legacy = strncmp(end, "\tlegacy", 7) == 0;
            e->known = htmlEntityLookup((const xmlChar *)e->name) != NULL;
        }
        p += ln + (p[ln] == '\n');
    }
}

/* The entity named s[0..n), or NULL. */
static const entity *lookup(const char *s, size_t n)
{
    size_t lo = 0, hi = ntable;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strncmp(table[mid].name, s, n);
        if (!c && table[mid].len > n)
            c = 1;
        if (c < 0)
            lo = mid + 1;
        else if (c > 0)
            hi = mid;
        else
            return &table[mid];
    }
    return NULL;
}

static bool is_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* The reference at s[i] == '&' (in a tag or not) that libxml2 would leave:
 * its entity, *used the bytes it spans; NULL when there is none. */
static const entity *reference_at(const char *s, size_t n, size_t i, bool in_tag, size_t *used)
{
    size_t j = i + 1;
    while (j < n && j - i <= NAME_MAX_LEN && is_alnum(s[j]))
        j++;
    if (j == i + 1 || j - i > NAME_MAX_LEN)
        return NULL;
    if (j < n && s[j] == ';') {
        const entity *e = lookup(s + i + 1, j - i - 1);
        if (e) {
            *used = j + 1 - i;
            return e->known ? NULL : e;
        }
    }
    if (in_tag)
        return NULL;
    /* in text, the longest old name that opens the run, without ';' */
    for (size_t k = j; k > i + 1; k--) {
        const entity *e = lookup(s + i + 1, k - i - 1);
        if (e && e->legacy) {
            *used = k - i;
            return e;
        }
    }
    return NULL;
}

/* Is s[i] a '<' that opens a tag ("<p", "</p", "<!--")? */
static bool tag_open(const char *s, size_t n, size_t i)
{
    return s[i] == '<' && i + 1 < n && (is_alnum(s[i + 1]) || s[i + 1] == '/' || s[i + 1] == '!');
}

/* Whether the text at the end of s[from, to) is inside a tag, given
 * whether it was at from: the last '>' or tag-opening '<' of the span
 * decides, read backwards (memrchr) rather than byte by byte. */
static bool tag_after(const char *s, size_t n, size_t from, size_t to, bool was)
{
    const char *gt = memrchr(s + from, '>', to - from);
    size_t lo = gt ? (size_t)(gt - s) + 1 : from;
    for (size_t end = to; end > lo;) {
        const char *lt = memrchr(s + lo, '<', end - lo);
        if (!lt)
            break;
        if (tag_open(s, n, (size_t)(lt - s)))
            return true;
        end = (size_t)(lt - s);
    }
    return gt ? false : was;
}

/* One pass over the page, from one '&' to the next: with out, writes the
 * page there with its references rewritten; returns the length that
 * takes, *count the references. */
static size_t pass(const char *s, size_t n, char *out, size_t *count)
{
    size_t len = 0, done = 0, seen = 0; /* written up to done, tags read up to seen */
    bool in_tag = false;
    *count = 0;
    for (const char *a = memchr(s, '&', n); a; a = memchr(a + 1, '&', n - (size_t)(a + 1 - s))) {
        size_t i = (size_t)(a - s), used = 0;
        in_tag = tag_after(s, n, seen, i, in_tag);
        seen = i;
        const entity *e = reference_at(s, n, i, in_tag, &used);
        if (!e)
            continue;
        (*count)++;
        char ref[REF_MAX * 2];
        int k = snprintf(ref, sizeof ref, "&#x%X;", (unsigned)e->cp[0]);
        if (e->cp[1])
            k += snprintf(ref + k, sizeof ref - (size_t)k, "&#x%X;", (unsigned)e->cp[1]);
        if (out) {
            memcpy(out + len, s + done, i - done);
            memcpy(out + len + (i - done), ref, (size_t)k);
        }
        len += i - done + (size_t)k;
        done = i + used;
        if (i + used >= n)
            break;
        a = s + i + used - 1; /* (the next '&' is looked for after it) */
    }
    if (out)
        memcpy(out + len, s + done, n - done);
    return len + n - done;
}

bool entities_rewrite(const char *s, size_t n, const dixit_allocator *alloc, char **out, size_t *out_len)
{
    if (!memchr(s, '&', n))
        return false;
    size_t count, len = pass(s, n, NULL, &count);
    if (!count)
        return false;
    char *copy = dx_malloc(alloc, len + 1);
    if (!copy)
        return false;
    *out_len = pass(s, n, copy, &count);
    copy[*out_len] = 0;
    *out = copy;
    return true;
}
