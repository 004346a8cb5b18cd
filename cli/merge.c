/*
 * merge.c: which quotations are the same, across articles and outlets.
 *
 * Each quotation is normalised to its words: case, accents, punctuation,
 * quotation marks and spacing aside ("L'État" and "l'etat" are the same
 * two words), an ellipsis of the desk ("[…]", "(...)") no word. Then:
 *  - equal words are one quotation; under four words (a "to mock", a
 *    "Gang of Eight") only when the same speaker said them, as two
 *    speakers' set phrase is no quotation repeated, and a single word
 *    ("confidential", "absolutely") never: one word is no quotation;
 *  - a quotation whose every 3-word shingle is in a longer one of the
 *    same speaker is that one shortened (QUOTES_MIN_WORDS words at least);
 *  - two quotations sharing half of their 3-word shingles (Jaccard >=
 *    QUOTES_NEAR) are one quotation edited: one word changed in a
 *    12-word quotation changes 3 of its 10 shingles (Jaccard 7/13, 0.54),
 *    a word cut at each end 2 (0.8), while two different sentences that
 *    share a set phrase ("the American people") share one or two shingles
 *    of a dozen (under 0.2); half keeps the first and leaves the second.
 *    Speakers may differ here: outlets that give one quotation to two
 *    speakers still report one quotation (Quotebank keeps the speakers as
 *    candidates, and so does the export).
 * Candidates come from an inverted index of shingles (a shingle in more
 * than SHINGLE_FANOUT quotations, a set phrase, proposes none), so the
 * work grows with the quotations, not with their pairs.
 */
#define _POSIX_C_SOURCE 200809L
#include "merge.h"
#include "filter.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define SHINGLE_FANOUT 64
#define SHORT_WORDS 4
_Static_assert(QUOTES_MIN_WORDS >= SHORT_WORDS, "a quotation with shingles is joined to its equals");

typedef struct words {
    uint64_t *h;  /* all items' word hashes, one after the other */
    size_t *at;   /* item i's words are h[at[i] .. at[i + 1]) */
    uint64_t *sh; /* all items' unique shingles, sorted per item */
    size_t *sat;  /* item i's shingles are sh[sat[i] .. sat[i + 1]) */
} words;

/* The word hashes of s (folded; letters and digits make words) appended
 * to h (cap *cap, *n used). False on no memory. */
static bool hash_words(const char *s, uint64_t **h, size_t *n, size_t *cap)
{
    utf8proc_uint8_t *f = (utf8proc_uint8_t *)fold_text(s, strlen(s));
    if (!f)
        return true; /* (not UTF-8: no words) */
    utf8proc_ssize_t m = (utf8proc_ssize_t)strlen((const char *)f);
    uint64_t cur = 0;
    bool in = false;
    for (utf8proc_ssize_t i = 0; i <= m;) {
        utf8proc_int32_t c = 0;
        utf8proc_ssize_t k = 1;
        bool letter;
        if (i < m && f[i] < 0x80) { /* ASCII: its letters and digits, no look-up */
            letter =
                (f[i] >= 'a' && f[i] <= 'z') || (f[i] >= 'A' && f[i] <= 'Z') || (f[i] >= '0' && f[i] <= '9');
        } else {
            k = i < m ? utf8proc_iterate(f + i, m - i, &c) : 1;
            utf8proc_category_t cat = i < m && k > 0 ? utf8proc_category(c) : UTF8PROC_CATEGORY_CN;
            /* letters and digits make words; the rest (marks, an ellipsis,
             * dashes, apostrophes) ends them */
            letter = cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_NO &&
                     cat != UTF8PROC_CATEGORY_MN && cat != UTF8PROC_CATEGORY_MC &&
                     cat != UTF8PROC_CATEGORY_ME;
        }
        if (letter) {
            for (utf8proc_ssize_t b = i; b < i + k; b++)
                cur = ((in || b > i ? cur : 0xcbf29ce484222325ull) ^ f[b]) * 0x100000001b3ull;
            in = true;
            i += k;
            continue;
        }
        i += k > 0 ? k : 1;
        if (in) {
            if (*n == *cap) {
                size_t nc = *cap ? 2 * *cap : 1024;
                uint64_t *nh = realloc(*h, nc * sizeof *nh);
                if (!nh) {
                    free(f);
                    return false;
                }
                *h = nh;
                *cap = nc;
            }
            (*h)[(*n)++] = cur;
        }
        in = false;
    }
    free(f);
    return true;
}

static size_t find(size_t *up, size_t i)
{
    while (up[i] != i)
        i = up[i] = up[up[i]];
    return i;
}

/* Joins the groups of i and j, the lower index heading. */
static void join(size_t *up, size_t i, size_t j)
{
    i = find(up, i);
    j = find(up, j);
    if (i != j) {
        if (i < j)
            up[j] = i;
        else
            up[i] = j;
    }
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* A posting of the shingle index: a shingle and the item that has it. */
typedef struct posting {
    uint64_t sh;
    size_t item;
} posting;

/* Sorts the postings *p (np of them, made item after item) by shingle,
 * keeping their order within one, so by (shingle, item): four counting
 * sorts of 16 bits each, a pass whose digits are all one skipped. qsort
 * by (shingle, item) took 122 M of a relink's 812 M instructions of
 * grouping on 10,000 articles. *p may become the other buffer; false on
 * no memory. */
static bool sort_postings(posting **p, size_t np)
{
    posting *a = *p, *b = malloc((np ? np : 1) * sizeof *b);
    size_t *count = malloc(65536 * sizeof *count);
    if (!b || !count) {
        free(b);
        free(count);
        return false;
    }
    for (int shift = 0; shift < 64; shift += 16) {
        memset(count, 0, 65536 * sizeof *count);
        for (size_t k = 0; k < np; k++)
            count[(a[k].sh >> shift) & 0xFFFF]++;
        if (!np || count[(a[0].sh >> shift) & 0xFFFF] == np)
            continue; /* (one digit: the order stays) */
        for (size_t d = 0, sum = 0; d < 65536; d++) {
            size_t c = count[d];
            count[d] = sum;
            sum += c;
        }
        for (size_t k = 0; k < np; k++)
            b[count[(a[k].sh >> shift) & 0xFFFF]++] = a[k];
        posting *t = a;
        a = b;
        b = t;
    }
    free(b);
    free(count);
    *p = a;
    return true;
}

typedef struct keyed {
    uint64_t key;
    size_t words;
    long long who;
    size_t item;
} keyed;

static int by_key(const void *a, const void *b)
{
    const keyed *x = a, *y = b;
    if (x->key != y->key)
        return (x->key > y->key) - (x->key < y->key);
    if (x->words != y->words)
        return (x->words > y->words) - (x->words < y->words);
    if (x->who != y->who)
        return (x->who > y->who) - (x->who < y->who);
    return (x->item > y->item) - (x->item < y->item);
}

/* Equal words: one quotation (short ones only of one speaker). dup[i]
 * is set for each item whose words and speaker an earlier item has: its
 * shingles are that one's, and the shingle pass leaves it out (a wire
 * story's quotation in seventy articles is compared once, not seventy
 * times). */
static bool join_equal(const quote_item *v, size_t n, const words *w, size_t *up, bool *dup)
{
    keyed *k = malloc((n ? n : 1) * sizeof *k);
    if (!k)
        return false;
    for (size_t i = 0; i < n; i++) {
        uint64_t key = 0x9E3779B97F4A7C15ull;
        for (size_t x = w->at[i]; x < w->at[i + 1]; x++)
            key = (key ^ w->h[x]) * 0xD6E8FEB86659FD93ull;
        k[i] = (keyed){key, v[i].words, v[i].who, i};
    }
    qsort(k, n, sizeof *k, by_key);
    for (size_t a = 1; a < n; a++) {
        const keyed *x = &k[a - 1], *y = &k[a];
        bool same = x->key == y->key && x->words == y->words;
        if (same && y->words && (y->words >= SHORT_WORDS || (x->who == y->who && y->who && y->words > 1)))
            join(up, x->item, y->item);
        /* (joined whenever it has shingles: QUOTES_MIN_WORDS >= SHORT_WORDS;
         * and of the same speaker, so a shortened form it contains finds
         * the same speaker in the one compared) */
        dup[y->item] = same && x->who == y->who && y->words >= QUOTES_MIN_WORDS;
    }
    free(k);
    return true;
}

/* Each item's unique 3-word shingles (items of QUOTES_MIN_WORDS words or
 * more; none for the others), into w->sh and w->sat. */
static bool make_shingles(const quote_item *v, size_t n, words *w, const bool *dup)
{
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += v[i].words >= QUOTES_MIN_WORDS && !dup[i] ? v[i].words - 2 : 0;
    w->sh = malloc((total ? total : 1) * sizeof *w->sh);
    w->sat = malloc((n + 1) * sizeof *w->sat);
    if (!w->sh || !w->sat)
        return false;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        w->sat[i] = k;
        if (v[i].words < QUOTES_MIN_WORDS || dup[i])
            continue;
        const uint64_t *h = w->h + w->at[i];
        for (size_t x = 0; x + 2 < v[i].words; x++)
            w->sh[k++] = ((h[x] * 31 + h[x + 1]) * 0x9E3779B97F4A7C15ull) ^ h[x + 2];
        qsort(w->sh + w->sat[i], k - w->sat[i], sizeof *w->sh, cmp_u64);
        size_t u = w->sat[i]; /* unique */
        for (size_t x = w->sat[i]; x < k; x++)
            if (x == w->sat[i] || w->sh[x] != w->sh[u - 1])
                w->sh[u++] = w->sh[x];
        k = u;
    }
    w->sat[n] = k;
    return true;
}

/* Near-duplicates and shortened forms, from the candidates the shingle
 * index proposes: count[j] the shingles item i shares with j > i. */
static void join_near(const quote_item *v, size_t n, const words *w, const posting *p, size_t np, size_t *up,
                      size_t *count, size_t *touched)
{
    for (size_t i = 0; i < n; i++) {
        size_t nt = 0;
        for (size_t x = w->sat[i]; x < w->sat[i + 1]; x++) {
            size_t lo = 0, hi = np; /* the postings of this shingle */
            while (lo < hi) {
                size_t mid = (lo + hi) / 2;
                if (p[mid].sh < w->sh[x])
                    lo = mid + 1;
                else
                    hi = mid;
            }
            size_t end = lo;
            while (end < np && p[end].sh == w->sh[x])
                end++;
            for (size_t y = lo; end - lo <= SHINGLE_FANOUT && y < end; y++)
                if (p[y].item > i && !count[p[y].item]++)
                    touched[nt++] = p[y].item;
        }
        for (size_t t = 0; t < nt; t++) {
            size_t j = touched[t], shared = count[j];
            size_t ni = w->sat[i + 1] - w->sat[i], nj = w->sat[j + 1] - w->sat[j];
            double jac = (double)shared / (double)(ni + nj - shared);
            bool shortened = shared == (ni < nj ? ni : nj) && v[i].who && v[i].who == v[j].who;
            if (jac >= QUOTES_NEAR || shortened)
                join(up, i, j);
            count[j] = 0;
        }
    }
}

bool quotes_group(quote_item *v, size_t n)
{
    words w = {NULL, NULL, NULL, NULL};
    size_t used = 0, cap = 0, np = 0;
    size_t *up = malloc((n ? n : 1) * sizeof *up), *count = calloc(n ? n : 1, sizeof *count);
    size_t *touched = malloc((n ? n : 1) * sizeof *touched);
    bool *dup = calloc(n ? n : 1, sizeof *dup);
    w.at = malloc((n + 1) * sizeof *w.at);
    bool ok = up && count && touched && dup && w.at;
    for (size_t i = 0; ok && i < n; i++) {
        up[i] = i;
        w.at[i] = used;
        ok = hash_words(v[i].text ? v[i].text : "", &w.h, &used, &cap);
        v[i].words = used - w.at[i];
    }
    if (ok) {
        w.at[n] = used;
        ok = join_equal(v, n, &w, up, dup) && make_shingles(v, n, &w, dup);
    }
    posting *p = ok ? malloc((w.sat[n] ? w.sat[n] : 1) * sizeof *p) : NULL;
    ok = ok && p;
    for (size_t i = 0; ok && i < n; i++)
        for (size_t x = w.sat[i]; x < w.sat[i + 1]; x++)
            p[np++] = (posting){w.sh[x], i};
    ok = ok && sort_postings(&p, np);
    if (ok) {
        join_near(v, n, &w, p, np, up, count, touched);
        for (size_t i = 0; i < n; i++)
            v[i].group = find(up, i);
    }
    free(p);
    free(w.h);
    free(w.at);
    free(w.sh);
    free(w.sat);
    free(up);
    free(count);
    free(touched);
    free(dup);
    return ok;
}

/* Is s[i] the start of a quotation mark (“ ” « » „ " and the single ‘ ’
 * when they stand for double ones)? Its length, or 0. */
static size_t mark_at(const char *s, size_t i)
{
    const unsigned char *u = (const unsigned char *)s + i;
    if (u[0] == '"')
        return 1;
    if (u[0] == 0xC2 && (u[1] == 0xAB || u[1] == 0xBB))
        return 2;
    if (u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0x9C || u[2] == 0x9D || u[2] == 0x9E))
        return 3;
    return 0;
}

/* The bytes of a blank at s (a space, a no-break space, a narrow one,
 * which French puts inside « »), or 0. */
static size_t blank_at(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] == ' ')
        return 1;
    if (u[0] == 0xC2 && u[1] == 0xA0)
        return 2;
    if (u[0] == 0xE2 && u[1] == 0x80 && u[2] == 0xAF)
        return 3;
    return 0;
}

/* The bytes of a blank ending out[start..len), or 0. */
static size_t trailing_blank(const char *out, size_t start, size_t len)
{
    for (size_t b = 1; b <= 3 && b <= len - start; b++)
        if (blank_at(out + len - b) == b)
            return b;
    return 0;
}

void quotes_marked(const char *s, char *out, size_t cap)
{
    size_t len = 0, start = 0;
    bool inside = false;
    out[0] = 0;
    for (size_t i = 0; s[i] && cap;) {
        size_t m = mark_at(s, i), b;
        if (m) {
            inside = !inside;
            i += m;
            if (inside) { /* a part begins: its blanks skipped */
                while ((b = blank_at(s + i)))
                    i += b;
                start = len;
            } else {
                for (size_t b2; len > start && (b2 = trailing_blank(out, start, len));) /* its last blanks */
                    len -= b2;
                if (len > start && len + 5 < cap) { /* " … " before the next part */
                    memcpy(out + len, " \xE2\x80\xA6 ", 5);
                    len += 5;
                }
            }
            continue;
        }
        if (inside && len + 1 < cap)
            out[len++] = s[i];
        i++;
    }
    if (len >= 5 && !memcmp(out + len - 5, " \xE2\x80\xA6 ", 5))
        len -= 5; /* (no part after the last) */
    out[len < cap ? len : cap - 1] = 0;
}

/* The byte offset of code point k of s (its length past the end). */
static size_t cp_byte(const char *s, long k)
{
    size_t i = 0;
    for (long c = 0; s[i]; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80 && c++ == k)
            return i;
    return i;
}

void quotes_parts(const char *q, long start, const char *parts, char *out, size_t cap)
{
    size_t len = 0;
    long v[2];
    int nv = 0;
    out[0] = 0;
    for (const char *p = parts; p && *p && cap;) {
        if (*p < '0' || *p > '9') {
            p++;
            continue;
        }
        char *end;
        v[nv++] = strtol(p, &end, 10);
        p = end;
        if (nv < 2)
            continue;
        nv = 0;
        size_t a = cp_byte(q, v[0] - start), b = cp_byte(q, v[1] - start);
        if (b <= a)
            continue;
        if (len && len + 5 < cap) { /* " … " between parts */
            memcpy(out + len, " \xE2\x80\xA6 ", 5);
            len += 5;
        }
        size_t n = b - a < cap - 1 - len ? b - a : cap - 1 - len;
        memcpy(out + len, q + a, n);
        len += n;
    }
    out[len < cap ? len : cap - 1] = 0;
}
