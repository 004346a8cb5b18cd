/*
 * zones.c: which paragraphs are body text.
 *
 * Photo captions (FILE PHOTO: …, Photo de dossier …, … (REUTERS/Name)),
 * credits ((AFP), Reporting by …) and boilerplate (Lire aussi, Read more)
 * are marked so the attribution stage skips them: they quote people but
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

static const char *const caption_start[] = {
    "FILE PHOTO", "File photo", "File Photo", "PHOTO:", "PHOTO :", "Photo:", "Photo :",
    "Photo de dossier", "Photo d'archives", "Photo d\xe2\x80\x99" "archives", "Photo d'illustration",
    "Photo d\xe2\x80\x99illustration", "(Photo", "Photo prise", "Image d'archives", "Caption:",
    "L\xc3\xa9gende :", "Pictured:", "PICTURED:", "Illustration :", "ILLUSTRATION", "(Cr\xc3\xa9" "dit",
    NULL};
static const char *const caption_credit[] = {
    "REUTERS/", "Reuters/", "(AFP/", "AFP/", "/AFP", "AFP PHOTO", "AFP Photo", "AP Photo/",
    "(AP Photo", "Getty Images", "via REUTERS", "/File Photo", "/FILE PHOTO", "(Photo:",
    "(photo ", "Photo AFP", "EPA/", "/ AFP", "Crédit photo", "Cr\xc3\xa9" "dit photo", NULL};
static const char *const boiler_start[] = {
    "Lire aussi", "LIRE AUSSI", "\xc3\x80 lire aussi", "A lire aussi", "\xc3\x80 LIRE AUSSI",
    "Lire \xc3\xa9galement", "Voir aussi", "VOIR AUSSI", "Read more", "READ MORE", "Read More",
    "Read also", "See also", "SEE ALSO", "Related:", "RELATED:", "Related coverage",
    "Sign up", "Subscribe", "Abonnez-vous", "Click here", "Cliquez ici", "Advertisement",
    "ADVERTISEMENT", "Publicit\xc3\xa9", "Watch:", "WATCH:", "Vid\xc3\xa9o :", "VID\xc3\x89O",
    "Editor's note", "Editor\xe2\x80\x99s note", "EDITOR'S NOTE", "EDITOR\xe2\x80\x99S NOTE",
    "Note de la r\xc3\xa9" "daction", "NDLR", "Correction:", "CORRECTION:", NULL};
static const char *const credit_start[] = {
    "(AFP)", "(avec AFP)", "Avec AFP", "(Avec AFP)", "(Reporting by", "Reporting by",
    "(Editing by", "Editing by", "Writing by", "(Writing by", "(Additional reporting",
    "Additional reporting", "Compiled by", "\xc2\xa9", "Copyright", "(c) ", NULL};

#define CAPTION_MAX 600
#define CREDIT_MAX 300

/* a bit per entry in zone_index: the lists must stay within ZL_MAX */
#define FITS(list) (sizeof list / sizeof *list - 1 <= ZL_MAX)
_Static_assert(FITS(caption_start) && FITS(caption_credit) && FITS(boiler_start) && FITS(credit_start),
               "a zone list outgrew zone_index (ZL_MAX)");

static const char *const *const lists[ZL_COUNT] = {caption_start, caption_credit, boiler_start, credit_start};

void zones_index(zone_index *zi)
{
    memset(zi, 0, sizeof *zi);
    for (int l = 0; l < ZL_COUNT; l++)
        for (size_t k = 0; lists[l][k]; k++) {
            const unsigned char *e = (const unsigned char *)lists[l][k];
            if (!zi->first[l][e[0]]) { /* a new first byte */
                if (zi->nheads[l] < ZL_HEADS)
                    memset(zi->heads[l][zi->nheads[l]], e[0], 16);
                zi->nheads[l]++;
            }
            zi->first[l][e[0]] |= 1ull << k;
            zi->len[l][k] = (uint8_t)strlen(lists[l][k]);
            if (zi->len[l][k] >= 2)
                zi->second[l][e[1]] |= 1ull << k;
            else
                for (int b = 0; b < 256; b++)
                    zi->second[l][b] |= 1ull << k;
        }
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
        if ((m & 1) && zi->len[l][k] <= n && memcmp(s, lists[l][k], zi->len[l][k]) == 0)
            return true;
    return false;
}

/* One pass over s: only where a byte starts some entry is it compared.
 * With SSE2, sixteen bytes are compared at once with each first byte of
 * the list, and only the positions that match are looked at. */
static bool contains(const zone_index *zi, int l, const char *s, size_t n)
{
    const uint64_t *first = zi->first[l];
    size_t i = 0;
#ifdef __SSE2__
    if (zi->nheads[l] <= ZL_HEADS) {
        for (; n - i >= 16; i += 16) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i)), m = _mm_setzero_si128();
            for (size_t h = 0; h < zi->nheads[l]; h++)
                m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_loadu_si128((const __m128i *)(const void *)zi->heads[l][h])));
            for (unsigned bits = (unsigned)_mm_movemask_epi8(m); bits; bits &= bits - 1) {
                size_t k = i + lowest_bit(bits);
                if (starts_with(zi, l, s + k, n - k))
                    return true;
            }
        }
    }
#endif
    for (; i < n; i++)
        if (first[(unsigned char)s[i]] && starts_with(zi, l, s + i, n - i))
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
        if (starts_with(zi, ZL_CAPTION_START, s, n) ||
            (n <= CAPTION_MAX && contains(zi, ZL_CAPTION_CREDIT, s, n)))
            z = ZONE_CAPTION;
        else if (starts_with(zi, ZL_BOILER_START, s, n))
            z = ZONE_BOILERPLATE;
        else if (n <= CREDIT_MAX && starts_with(zi, ZL_CREDIT_START, s, n))
            z = ZONE_CREDIT;
        else if (p == 0 && n < 250) {
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
