/*
 * decode.c: bytes that are not UTF-8, at the edges of the tool.
 *
 * File names are bytes on Linux, and a name written on another system
 * (a Latin-1 "café.txt" is "caf\xE9.txt") is no UTF-8. The library builds
 * a document's id from the name it is given, and records are JSON, which
 * must be UTF-8: so the tool gives the library the name with each bad
 * byte replaced by U+FFFD, the replacement character Unicode sets aside
 * for this, and warns once with the bad bytes escaped so the user can
 * find the file. The file itself is opened by its true name.
 */
#include "decode.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

char *decode_name(const char *s, name_form form, int *changed)
{
    size_t n = strlen(s);
    /* a bad byte grows to three (U+FFFD) or four (\xE9) */
    char *out = malloc(4 * n + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    *changed = 0;
    for (size_t i = 0; i < n;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k =
            utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k > 0) {
            memcpy(out + o, s + i, (size_t)k);
            o += (size_t)k;
            i += (size_t)k;
            continue;
        }
        *changed = 1;
        if (form == NAME_REPLACED) {
            memcpy(out + o, "\xEF\xBF\xBD", 3);
            o += 3;
        } else {
            o += (size_t)snprintf(out + o, 5, "\\x%02X", (unsigned char)s[i]);
        }
        i++;
    }
    out[o] = 0;
    return out;
}
