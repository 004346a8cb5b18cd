/*
 * jsonl.h: the named fields of one JSON Lines object read in one pass,
 * no tree (jsonl.c, for read.c). Takes a line; gives the members asked
 * for, strings decoded into the caller's buffer; anything unusual is left
 * to cJSON.
 */
#ifndef DIXIT_JSONL_H
#define DIXIT_JSONL_H

#include "alloc.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { JV_ABSENT = 0, JV_NULL, JV_STRING, JV_NUMBER, JV_OTHER };
typedef struct json_value {
    uint8_t type;   /* JV_* */
    size_t at, len; /* JV_STRING: the decoded string, NUL-terminated, at
                       out->data + at; any other value: its text, s + at
                       (a number's, an object's or array's whole) */
} json_value;
/* Reads the object on the line s[0..n): vals[k] tells the first member
 * named names[k]; the strings among them are decoded into out. False when
 * the line is not an object of the plain kind this reader knows: the
 * caller then parses it with cJSON. */
bool jsonl_fields(const char *s, size_t n, const char *const *names, size_t nnames, json_value *vals,
                  buf *out);

#endif
