/*
 * utf8.c: UTF-8 validation once at the boundary, decoding, and the few
 * character classes the stages need (through utf8proc's tables).
 *
 * After validation the rest of the library may assume well-formed input, so
 * utf8_next never has to report errors.
 */
#include "bytes.h"
#include "utf8.h"

#include <utf8proc.h>

const unsigned char dx_keep_bytes[16] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};

size_t utf8_validate(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < len) {
#ifdef __SSE2__
        /* sixteen ASCII bytes at a time, then straight to the first byte
         * that is not (the sign bits of the bytes are the mask): most text
         * is mostly ASCII, and a typographic quote or accent every few
         * words should not send the scan byte by byte */
        unsigned m = 0;
        while (len - i >= 16 &&
               !(m = (unsigned)_mm_movemask_epi8(_mm_loadu_si128((const __m128i *)(const void *)(s + i)))))
            i += 16;
        if (m)
            i += lowest_bit(m);
#else
        /* 32 then eight ASCII bytes at a time: most text is mostly ASCII,
         * in long runs */
        while (i + 32 <= len &&
               !((load8(s + i) | load8(s + i + 8) | load8(s + i + 16) | load8(s + i + 24)) & BYTES_HIGH))
            i += 32;
        while (i + 8 <= len && !(load8(s + i) & BYTES_HIGH))
            i += 8;
#endif
        if (i >= len)
            break;
        unsigned c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t n;
        uint32_t cp;
        if (c >= 0xC2 && c <= 0xDF) {
            n = 2;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 3;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 4;
            cp = c & 0x07;
        } else {
            return i;
        }
        if (len - i < n)
            return i;
        for (size_t k = 1; k < n; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return i;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += n;
    }
    return len;
}

int32_t utf8_next_multi(const char *str, size_t len, size_t *i)
{
    const unsigned char *s = (const unsigned char *)str;
    unsigned c = s[*i];
    size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    int32_t cp = (int32_t)(c & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07));
    size_t k = 1;
    for (; k < n && *i + k < len; k++)
        cp = (cp << 6) | (s[*i + k] & 0x3F);
    *i += k;
    return cp;
}

int32_t utf8_prev(const char *str, size_t i, size_t *start)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t j = i;
    if (j == 0) {
        *start = 0;
        return -1;
    }
    j--;
    while (j > 0 && (s[j] & 0xC0) == 0x80 && i - j < 4)
        j--;
    *start = j;
    size_t k = j;
    return utf8_next(str, i, &k);
}

size_t utf8_encode(int32_t cp, char out[4])
{
    utf8proc_uint8_t tmp[4];
    utf8proc_ssize_t n = utf8proc_encode_char(cp, tmp);
    for (utf8proc_ssize_t k = 0; k < n; k++)
        out[k] = (char)tmp[k];
    return n > 0 ? (size_t)n : 0;
}

void utf8_marks64(const char *str, size_t len, uint32_t *m)
{
    const unsigned char *s = (const unsigned char *)str;
    uint32_t c = 0;
    size_t k = 0;
    for (size_t a = 0; a + 64 <= len; a += 64, k++) {
        m[k] = c;
#ifdef __SSE2__
        /* utf8_count's way, a whole 64-byte step without a loop: each lane
         * of x counts at most four continuation bytes */
        const __m128i lim = _mm_set1_epi8(-64), z = _mm_setzero_si128();
        __m128i x = z;
        for (int q = 0; q < 4; q++)
            x = _mm_sub_epi8(
                x, _mm_cmplt_epi8(_mm_loadu_si128((const __m128i *)(const void *)(s + a + 16 * q)), lim));
        __m128i sum = _mm_sad_epu8(x, z);
        c += 64 - (uint32_t)(_mm_cvtsi128_si32(sum) + _mm_cvtsi128_si32(_mm_srli_si128(sum, 8)));
#else
        c += (uint32_t)utf8_count(str + a, 64);
#endif
    }
    m[k] = c;
}

size_t utf8_count(const char *str, size_t n)
{
    /* code points = bytes - continuation bytes (10xxxxxx), eight at a time */
    const unsigned char *s = (const unsigned char *)str;
    size_t c = n, i = 0;
#ifdef __SSE2__
    /* sixteen bytes at a time: a continuation byte is, as a signed byte,
     * below -64 (0xC0); each compare adds one per lane (0 - -1) to acc,
     * whose lanes are summed (sad) before any can pass 255 */
    while (n - i >= 16) {
        __m128i acc = _mm_setzero_si128();
        for (int r = 0; r < 255 && n - i >= 16; r++, i += 16) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
            acc = _mm_sub_epi8(acc, _mm_cmplt_epi8(v, _mm_set1_epi8(-64)));
        }
        __m128i sum = _mm_sad_epu8(acc, _mm_setzero_si128());
        c -= (size_t)_mm_cvtsi128_si32(sum) + (size_t)_mm_cvtsi128_si32(_mm_srli_si128(sum, 8));
    }
#endif
    /* 32 ASCII bytes at a time hold no continuation byte */
    while (i + 32 <= n &&
           !((load8(s + i) | load8(s + i + 8) | load8(s + i + 16) | load8(s + i + 24)) & BYTES_HIGH))
        i += 32;
    for (; i + 8 <= n; i += 8) {
        uint64_t w = load8(s + i);
        uint64_t cont = (w & ~(w << 1)) & BYTES_HIGH; /* bit 7 set, bit 6 clear */
        c -= (size_t)(((cont >> 7) * BYTES_ONE) >> 56);
    }
    for (; i < n; i++)
        c -= (s[i] & 0xC0) == 0x80;
    return c;
}

/* The non-ASCII halves of the classes of utf8.h. Below U+0100 the
 * classes are few and fixed (checked against utf8proc): the letters are
 * U+00AA, U+00B5, U+00BA and U+00C0-U+00FF but the signs U+00D7 and
 * U+00F7, the capitals U+00C0-U+00DE but U+00D7, and no digit. The
 * accents of French are answered without utf8proc's tables. */
static inline bool latin1_letter(int32_t c)
{
    return c == 0xAA || c == 0xB5 || c == 0xBA || (c >= 0xC0 && c != 0xD7 && c != 0xF7);
}

bool cp_is_letter_u(int32_t c)
{
    if (c >= 0x80 && c < 0x100)
        return latin1_letter(c);
    utf8proc_category_t k = utf8proc_category(c);
    return k == UTF8PROC_CATEGORY_LU || k == UTF8PROC_CATEGORY_LL || k == UTF8PROC_CATEGORY_LT ||
           k == UTF8PROC_CATEGORY_LM || k == UTF8PROC_CATEGORY_LO || k == UTF8PROC_CATEGORY_MN ||
           k == UTF8PROC_CATEGORY_MC;
}

bool cp_is_upper_u(int32_t c)
{
    if (c >= 0x80 && c < 0x100)
        return c >= 0xC0 && c <= 0xDE && c != 0xD7;
    utf8proc_category_t k = utf8proc_category(c);
    return k == UTF8PROC_CATEGORY_LU || k == UTF8PROC_CATEGORY_LT;
}

bool cp_is_digit_u(int32_t c)
{
    if (c >= 0x80 && c < 0x100)
        return false;
    return utf8proc_category(c) == UTF8PROC_CATEGORY_ND;
}

bool cp_is_space_u(int32_t c)
{
    if (c == 0x200B || c == 0xFEFF) /* zero-width space, BOM */
        return true;
    utf8proc_category_t k = utf8proc_category(c);
    return k == UTF8PROC_CATEGORY_ZS || k == UTF8PROC_CATEGORY_ZL || k == UTF8PROC_CATEGORY_ZP;
}

int32_t cp_lower(int32_t c)
{
    if (c < 0x80)
        return (c >= 'A' && c <= 'Z') ? c + 32 : c;
    return utf8proc_tolower(c);
}

size_t utf8_lower(const char *s, size_t n, char *out, size_t cap)
{
    size_t i = 0, o = 0;
    while (i < n) {
        /* eight ASCII bytes at a time while they fit with the NUL after */
        if (i + 8 <= n && o + 8 < cap) {
            uint64_t w = load8(s + i);
            if (!(w & BYTES_HIGH)) {
                w = ascii_lower8(w);
                memcpy(out + o, &w, 8);
                i += 8;
                o += 8;
                continue;
            }
        }
        unsigned char b = (unsigned char)s[i];
        if (b < 0x80) { /* ASCII: no table lookup */
            if (o + 1 >= cap)
                return 0;
            out[o++] = (char)(b >= 'A' && b <= 'Z' ? b + 32 : b);
            i++;
            continue;
        }
        /* Latin-1 letters (U+0080-U+00FF: C2 or C3, then one byte), the
         * accents of French: capitals U+00C0-U+00DE but the sign U+00D7
         * are their small letter less 0x20, as utf8proc has them; every
         * other one is its own lowercase. Without utf8proc's tables. */
        if ((b == 0xC2 || b == 0xC3) && i + 1 < n) {
            unsigned char t = (unsigned char)s[i + 1];
            if (o + 2 >= cap)
                return 0;
            out[o++] = (char)b;
            out[o++] = (char)(b == 0xC3 && t <= 0x9E && t != 0x97 ? t + 0x20 : t);
            i += 2;
            continue;
        }
        int32_t c = utf8_next(s, n, &i);
        /* Typographic apostrophe folds to ASCII so lexicon keys stay simple. */
        if (c == 0x2019)
            c = '\'';
        char enc[4];
        size_t k = utf8_encode(cp_lower(c), enc);
        if (o + k >= cap)
            return 0;
        for (size_t j = 0; j < k; j++)
            out[o++] = enc[j];
    }
    out[o] = 0;
    return o;
}
