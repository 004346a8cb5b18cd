/*
 * utf8.h: UTF-8 at the boundary (utf8.c). Validation once, when a
 * document comes in; then decoding, encoding, counting code points, and
 * character classes (ASCII inline, the rest through utf8proc). Every
 * function reads bytes the caller owns and allocates nothing.
 */
#ifndef DIXIT_UTF8_H
#define DIXIT_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Returns the offset of the first invalid byte, or len when all valid. */
size_t utf8_validate(const char *s, size_t len);
/* Decodes the code point at s[*i] (valid UTF-8 assumed), advances *i.
 * ASCII inline; the rest in utf8.c. */
int32_t utf8_next_multi(const char *s, size_t len, size_t *i);
static inline int32_t utf8_next(const char *s, size_t len, size_t *i)
{
    unsigned char c = (unsigned char)s[*i];
    if (c < 0x80) {
        (*i)++;
        return (int32_t)c;
    }
    return utf8_next_multi(s, len, i);
}
/* Decodes the code point ending just before s[i]; sets *start. */
int32_t utf8_prev(const char *s, size_t i, size_t *start);
size_t utf8_encode(int32_t cp, char out[4]);
/* Code points in s[0..n). */
size_t utf8_count(const char *s, size_t n);
/* m[k] = code points in s[0, 64 k), for k = 0 .. len / 64. */
void utf8_marks64(const char *s, size_t len, uint32_t *m);
/* Character classes: ASCII inline, the rest through utf8proc (utf8.c). */
bool cp_is_letter_u(int32_t c);
bool cp_is_upper_u(int32_t c);
bool cp_is_digit_u(int32_t c);
bool cp_is_space_u(int32_t c);
static inline bool cp_is_letter(int32_t c)
{
    if (c < 0x80)
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    return cp_is_letter_u(c);
}
static inline bool cp_is_upper(int32_t c)
{
    if (c < 0x80)
        return c >= 'A' && c <= 'Z';
    return cp_is_upper_u(c);
}
static inline bool cp_is_digit(int32_t c)
{
    if (c < 0x80)
        return c >= '0' && c <= '9';
    return cp_is_digit_u(c);
}
/* includes U+00A0, U+202F, U+2009... */
static inline bool cp_is_space(int32_t c)
{
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
        return true;
    if (c < 0x80)
        return false;
    return cp_is_space_u(c);
}
int32_t cp_lower(int32_t c);
/* Lowercases s[0..n) into out (cap bytes); returns length or 0 if too long. */
size_t utf8_lower(const char *s, size_t n, char *out, size_t cap);

#endif
