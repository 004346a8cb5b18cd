/*
 * zones.c: which paragraphs are body text.
 *
 * Photo captions (FILE PHOTO: …, Photo de dossier …, … (REUTERS/Name)),
 * credits ((AFP), Reporting by …) and boilerplate (Lire aussi, Read more),
 * found by the phrases of data/boilerplate.tsv, are marked so the
 * attribution stage skips them: they quote people but
 * report no speech of the article. The first paragraph, when short and
 * without a final period, is the headline; it still yields attributions.
 */
#include "analysis.h"
#include "bytes.h"
#include "segment.h"
#include "zones.h"

#include <string.h>

const char *zone_name(int z)
{
    switch (z) {
    case ZONE_HEADLINE: return "headline";
    case ZONE_CAPTION: return "caption";
    case ZONE_CREDIT: return "credit";
    case ZONE_BOILERPLATE: return "boilerplate";
    default: return "body";
    }
}

#define CAPTION_MAX 600
#define CREDIT_MAX 300

/* data/boilerplate.tsv, compiled in by tools/embed.c */
extern const char dx_boilerplate[];

/* The lists of data/boilerplate.tsv, in the order of the ZL_* enum. */
static const char *const list_names[ZL_COUNT] = {"caption-start", "caption-credit", "boilerplate-start",
                                                 "credit-start"};

/* The bytes of news text from the most common to the least, as counted
 * on the shared corpora (French and English; UTF-8 bytes as they come);
 * a byte not listed is rarer than all of these ('/', '[', '|'...). Only
 * an entry's anchor is chosen with it: any choice finds the same
 * entries, a rarer one stops the scan at fewer places. */
static const char common_bytes[] = " etaniosrhldcumpgfwyb.,\nvk\xe2\x80T'CSIA-M\"\x99"
                                   "BR0DPHx\xc3NOW1\x9c\x9d"
                                   "F2z\xa9jqGLEJU\xa0\xc2"
                                   "5:493K6V8Y7\x94)(_";

/* How common byte c is: its place in common_bytes from the end, 0 when
 * not listed. */
static size_t commonness(unsigned char c)
{
    const char *p = memchr(common_bytes, c, sizeof common_bytes - 1);
    return p ? sizeof common_bytes - 1 - (size_t)(p - common_bytes) : 0;
}

/* Keys entry k of list l (e[0..n)) on its rarest byte, the first of the
 * rarest when several are. */
static void add_anchor(zone_index *zi, int l, size_t k, const unsigned char *e, size_t n)
{
    size_t a = 0;
    for (size_t i = 1; i < n; i++)
        if (commonness(e[i]) < commonness(e[a]))
            a = i;
    if (!zi->anchor[l][e[a]]) { /* a new anchor */
        if (zi->nheads[l] < ZL_HEADS)
            memset(zi->heads[l][zi->nheads[l]], e[a], 16);
        zi->nheads[l]++;
    }
    zi->anchor[l][e[a]] |= 1ull << k;
    zi->aoff[l][k] = (uint8_t)a;
}

/* Adds the phrase p[0..n) to list l of the index; a final "_" stands for
 * a space. False when the list or the phrase is too long. */
static bool add_phrase(zone_index *zi, int l, const char *p, size_t n)
{
    size_t k = zi->count[l];
    if (!n || n >= ZL_LEN || k >= ZL_MAX)
        return false;
    memcpy(zi->phrase[l][k], p, n);
    if (p[n - 1] == '_')
        zi->phrase[l][k][n - 1] = ' ';
    const unsigned char *e = (const unsigned char *)zi->phrase[l][k];
    add_anchor(zi, l, k, e, n);
    zi->first[l][e[0]] |= 1ull << k;
    zi->len[l][k] = (uint8_t)n;
    if (n >= 2)
        zi->second[l][e[1]] |= 1ull << k;
    else
        for (int b = 0; b < 256; b++)
            zi->second[l][b] |= 1ull << k;
    zi->count[l]++;
    return true;
}

bool zones_index(zone_index *zi)
{
    memset(zi, 0, sizeof *zi);
    for (const char *p = dx_boilerplate; *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        if (n && p[0] != '#') {
            const char *tab = memchr(p, '\t', n);
            if (!tab)
                return false;
            size_t ln = (size_t)(tab - p);
            int l = 0;
            while (l < ZL_COUNT && !(strlen(list_names[l]) == ln && memcmp(p, list_names[l], ln) == 0))
                l++;
            if (l == ZL_COUNT || !add_phrase(zi, l, tab + 1, n - ln - 1))
                return false;
        }
        p += nl ? n + 1 : n;
    }
    return true;
}

/* Does list l hold an entry that s[0..n) starts with? Only the entries
 * starting with s[0], and with s[1] when there is one, are compared (an
 * empty s: none); the second byte turns away most capitals and brackets
 * that start no entry here. */
static bool starts_with(const zone_index *zi, int l, const char *s, size_t n)
{
    if (!n)
        return false;
    uint64_t m = zi->first[l][(unsigned char)s[0]];
    if (n >= 2)
        m &= zi->second[l][(unsigned char)s[1]];
    for (size_t k = 0; m; k++, m >>= 1)
        if ((m & 1) && zi->len[l][k] <= n && memcmp(s, zi->phrase[l][k], zi->len[l][k]) == 0)
            return true;
    return false;
}

/* Does list l hold an entry whose anchor is byte i of s[0..n), at that
 * entry's own offset? */
static bool anchored_at(const zone_index *zi, int l, const char *s, size_t n, size_t i)
{
    uint64_t m = zi->anchor[l][(unsigned char)s[i]];
    for (size_t k = 0; m; k++, m >>= 1) {
        size_t at = i - zi->aoff[l][k], len = zi->len[l][k];
        if ((m & 1) && i >= zi->aoff[l][k] && len <= n - at && memcmp(s + at, zi->phrase[l][k], len) == 0)
            return true;
    }
    return false;
}

/* One pass over s: only where a byte is some entry's anchor is it
 * compared (every occurrence of an entry holds its anchor, at the
 * entry's offset: the answer is that of a comparison at every byte).
 * With SSE2, sixteen bytes are compared at once with each anchor of the
 * list, and only the positions that match are looked at. */
static bool contains(const zone_index *zi, int l, const char *s, size_t n)
{
    const uint64_t *anchor = zi->anchor[l];
    size_t i = 0;
#ifdef __SSE2__
    if (zi->nheads[l] <= ZL_HEADS) {
        for (; n - i >= 16; i += 16) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i)), m = _mm_setzero_si128();
            for (size_t h = 0; h < zi->nheads[l]; h++)
                m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_loadu_si128((const __m128i *)(const void *)zi->heads[l][h])));
            for (unsigned bits = (unsigned)_mm_movemask_epi8(m); bits; bits &= bits - 1)
                if (anchored_at(zi, l, s, n, i + lowest_bit(bits)))
                    return true;
        }
    }
#endif
    for (; i < n; i++)
        if (anchor[(unsigned char)s[i]] && anchored_at(zi, l, s, n, i))
            return true;
    return false;
}

/* How many entries of list l are in [a, b); *i: a place in it kept
 * between calls (tok_list_seek), left at b's. */
static size_t listed_in(const tok_list *l, size_t *i, size_t a, size_t b)
{
    size_t from = tok_list_seek(l, *i, a);
    *i = tok_list_seek(l, from, b);
    return *i - from;
}

void zones_mark(analysis *an, const zone_index *zi)
{
    size_t mi = 0, ci = 0; /* cursors in an->mark_toks and an->cap_toks */
    for (size_t p = 0; p < an->nparas; p++) {
        paragraph *pa = &an->paras[p];
        const char *s = an->text + pa->start;
        size_t n = pa->end - pa->start;
        uint8_t z = ZONE_BODY;
        /* a long paragraph of several lines that opens with a caption's
         * or a boilerplate phrase is body text after it: the line
         * ("Subscribe to our podcast here.") was not set apart by a
         * blank line, the article goes on below it */
        bool one_block = n <= CAPTION_MAX || !memchr(s, '\n', n);
        if ((one_block && starts_with(zi, ZL_CAPTION_START, s, n)) ||
            (n <= CAPTION_MAX && contains(zi, ZL_CAPTION_CREDIT, s, n)))
            z = ZONE_CAPTION;
        else if (one_block && starts_with(zi, ZL_BOILER_START, s, n))
            z = ZONE_BOILERPLATE;
        else if (n <= CREDIT_MAX && starts_with(zi, ZL_CREDIT_START, s, n))
            z = ZONE_CREDIT;
        else if (p == 0 && n < HEADLINE_MAX) {
            const token *last = &an->toks[pa->tok_end - 1];
            if (!(last->kind == TK_PUNCT && (last->cp == '.' || last->cp == 0x2026)))
                z = ZONE_HEADLINE;
        }
        pa->zone = z;
        /* Title Case: 3 to 25 words, seven in ten capitalised. The words
         * are the tokens less those the tokeniser listed as no word; the
         * capitalised ones it listed too (no token is read here) */
        size_t words = pa->tok_end - pa->tok_start - listed_in(&an->mark_toks, &mi, pa->tok_start, pa->tok_end);
        size_t caps = listed_in(&an->cap_toks, &ci, pa->tok_start, pa->tok_end);
        pa->title_case = words >= 3 && words <= 25 && caps * 10 >= words * 7;
    }
}
