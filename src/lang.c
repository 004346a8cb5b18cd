/*
 * lang.c: French, English, or undetermined, from function words.
 *
 * Counts, in the first LANG_SCAN bytes, the words that the lexicon knows as
 * function words of one language only (de, les, qui / the, of, which).
 * A clear majority with enough evidence decides; anything else is "und",
 * which the later stages treat with the rules of both languages.
 */
#include "bytes.h"
#include "lang.h"
#include "lexicon.h"
#include "utf8.h"

#define LANG_SCAN 20000
#define LANG_MIN_HITS 3

/* A-Z or a-z: the letters of cp_is_letter below 0x80. */
static inline bool ascii_letter(unsigned char b)
{
    return (unsigned char)((b | 0x20) - 'a') < 26;
}

/* The end of the run of ASCII letters from text[i] (end at most). With
 * SSE2, sixteen bytes a step, as segment.c's alnum_run: a byte loop
 * mispredicts its exit at nearly every word. */
static inline size_t letter_run(const char *text, size_t end, size_t i)
{
#ifdef __SSE2__
    while (end - i >= 16) {
        __m128i v =
            _mm_or_si128(_mm_loadu_si128((const __m128i *)(const void *)(text + i)), _mm_set1_epi8(0x20));
        __m128i let = bytes_in_range16(v, 'a', 'z' - 'a');
        unsigned k = lowest_bit(~(unsigned)_mm_movemask_epi8(let) | 0x10000u);
        i += k;
        if (k < 16)
            return i;
    }
#endif
    while (i < end && ascii_letter((unsigned char)text[i]))
        i++;
    return i;
}

int lang_detect(const lexicon *lx, const char *text, size_t len)
{
    return lang_detect_memo(lx, text, len, NULL);
}

int lang_detect_memo(const lexicon *lx, const char *text, size_t len, lang_memo *memo)
{
    if (memo)
        memo->n = 0;
    size_t end = len < LANG_SCAN ? len : LANG_SCAN;
    /* do not cut a UTF-8 sequence in half */
    while (end < len && ((unsigned char)text[end] & 0xC0) == 0x80)
        end++;
    size_t fr = 0, en = 0, i = 0;
    const uint32_t fn = LX_DET | LX_STOP | LX_AUX | LX_LANG;
    while (i < end) {
        /* ASCII bytes by a range test, the rest the way of utf8_next and
         * cp_is_letter: the same words, without decoding each byte */
        unsigned char b = (unsigned char)text[i];
        if (b < 0x80 && !ascii_letter(b)) {
            i++;
            continue;
        }
        size_t s = i;
        if (b < 0x80) {
            i++; /* an ASCII letter, as the test above says */
        } else if (!cp_is_letter(utf8_next_multi(text, end, &i))) {
            continue;
        }
        while (i < end) {
            i = letter_run(text, end, i);
            if (i >= end)
                break;
            b = (unsigned char)text[i];
            if (b < 0x80) {
                if (b == '\'')
                    i++; /* l' d' qu' count as words of their own */
                break;
            }
            size_t j = i;
            int32_t d = utf8_next_multi(text, end, &j);
            if (d == 0x2019) {
                i = j; /* the typographic apostrophe, the same way */
                break;
            }
            if (!cp_is_letter(d))
                break;
            i = j;
        }
        const lex_entry *e = lex_get_in(lx, text + s, i - s, len - s);
        if (memo && memo->n < LANG_MEMO) {
            memo->w[memo->n].start = (uint32_t)s;
            memo->w[memo->n].len = (uint32_t)(i - s);
            memo->w[memo->n].e = e;
            memo->n++;
        }
        if (!e)
            continue;
        /* the function words of one language only: those flags come from
         * words.fr.tsv or words.en.tsv, never for either language */
        bool f = (e->has[LANG_FR] & fn) != 0, g = (e->has[LANG_EN] & fn) != 0;
        if (f == g)
            continue;
        fr += f;
        en += g;
        /* enough evidence: stop reading */
        if (fr + en >= 60 && (fr * 10 >= (fr + en) * 8 || en * 10 >= (fr + en) * 8))
            break;
    }
    if (fr + en < LANG_MIN_HITS)
        return LANG_UND;
    if (fr * 10 >= (fr + en) * 7)
        return LANG_FR;
    if (en * 10 >= (fr + en) * 7)
        return LANG_EN;
    return LANG_UND;
}

const char *lang_name(int lang)
{
    return lang == LANG_FR ? "fr" : lang == LANG_EN ? "en" : "und";
}
