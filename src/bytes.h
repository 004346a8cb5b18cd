/*
 * bytes.h: word-at-a-time and SIMD kernels over raw bytes, for the scans
 * of utf8.c, lexicon.c, segment.c, jsonl.c and write.c: eight bytes as one
 * word, their ASCII lowercase, the bytes a JSON string escapes; and the
 * ASCII case of single bytes that html.c and warc.c read markup with. Pure
 * functions of their arguments; dx_keep_bytes, the one table, is in
 * utf8.c.
 */
#ifndef DIXIT_BYTES_H
#define DIXIT_BYTES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Eight bytes at s as one word, in any byte order (the scans that use it
 * only ask about each byte's bits); and the per-byte constants they need. */
static inline uint64_t load8(const void *s)
{
    uint64_t w;
    memcpy(&w, s, 8);
    return w;
}
#define BYTES_ONE 0x0101010101010101ull  /* 0x01 in every byte */
#define BYTES_HIGH 0x8080808080808080ull /* bit 7 of every byte */
/* bytes_mask(r), 1 <= r <= 8: keeps the first r bytes of a load8 word, in
 * memory order whatever the byte order (a window on eight 0xFF bytes
 * followed by eight zeros, utf8.c). */
extern const unsigned char dx_keep_bytes[16];
static inline uint64_t bytes_mask(size_t r)
{
    return load8(dx_keep_bytes + 8 - r);
}
/* ASCII A-Z to a-z in eight bytes at once; every byte must be below 0x80
 * (so no sum carries into the next byte). A byte is upper case when
 * byte + 0x3F reaches 0x80 (>= 'A') and byte + 0x25 does not (<= 'Z'). */
static inline uint64_t ascii_lower8(uint64_t w)
{
    uint64_t upper = (w + 0x3F3F3F3F3F3F3F3Full) & ~(w + 0x2525252525252525ull) & BYTES_HIGH;
    return w | upper >> 2; /* 0x80 >> 2 is the case bit 0x20 */
}

/* ASCII A-Z to a-z in one byte; any other byte as it is. */
static inline char ascii_lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

/* Does s[0..n) start with w, a lowercase ASCII word, in any case? */
static inline bool ascii_starts_ci(const char *s, size_t n, const char *w)
{
    size_t k = 0;
    while (w[k] && k < n && ascii_lower(s[k]) == w[k])
        k++;
    return !w[k];
}

/* Bit k set when byte k of the sixteen at s is special in a JSON string
 * (< 0x20, '"', '\\'): what the writer escapes and the reader decodes.
 * With SSE2 (every x86-64 has it) a few instructions: a byte is below 0x20
 * when its unsigned minimum with 0x1F is itself. */
#ifdef __SSE2__
#include <emmintrin.h>
/* All ones in byte k where byte k of v lies in [lo, lo + width]: the byte
 * less lo is in the range when its unsigned minimum with width is itself
 * (one subtraction, one minimum, one compare; for an ASCII range no byte
 * from 0x80 is in it). The letter and digit scans of lang.c and
 * segment.c. */
static inline __m128i bytes_in_range16(__m128i v, char lo, char width)
{
    __m128i x = _mm_sub_epi8(v, _mm_set1_epi8(lo));
    return _mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8(width)), x);
}
static inline unsigned json_special16(const char *s)
{
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
    __m128i m = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\\')));
    m = _mm_or_si128(m, _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1F)), v));
    return (unsigned)_mm_movemask_epi8(m);
}
#else
static inline unsigned json_special16(const char *s)
{
    /* without SSE2: the has-zero-byte test of two words answers "none"
     * (nearly always), and only then are the bytes looked at */
    uint64_t w = load8(s), v = load8(s + 8), any = 0;
    for (int h = 0; h < 2; h++, w = v) {
        uint64_t q = w ^ (BYTES_ONE * '"'), b = w ^ (BYTES_ONE * '\\');
        any |= ((q - BYTES_ONE) & ~q) | ((b - BYTES_ONE) & ~b) | ((w - BYTES_ONE * 0x20) & ~w);
    }
    if (!(any & BYTES_HIGH))
        return 0;
    unsigned m = 0;
    for (unsigned k = 0; k < 16; k++) {
        unsigned char c = (unsigned char)s[k];
        if (c < 0x20 || c == '"' || c == '\\')
            m |= 1u << k;
    }
    return m;
}
#endif
/* The lowest set bit of m (not 0). */
static inline unsigned lowest_bit(unsigned m)
{
#if defined(__GNUC__)
    return (unsigned)__builtin_ctz(m);
#else
    unsigned k = 0;
    while (!(m >> k & 1))
        k++;
    return k;
#endif
}

#endif
