/*
 * decode.h: bytes that are not UTF-8, met at the edges of the tool (see
 * decode.c).
 */
#ifndef DIXIT_DECODE_H
#define DIXIT_DECODE_H

/* How decode_name shows a byte that is not part of valid UTF-8. */
typedef enum name_form {
    NAME_REPLACED, /* U+FFFD: what ids and messages are built from */
    NAME_ESCAPED   /* \xE9: what the warning shows, to find the file by */
} name_form;

/* A copy of the NUL-terminated s, valid UTF-8, with each bad byte shown
 * as form says; *changed tells whether s had any. NULL when memory runs
 * out. */
char *decode_name(const char *s, name_form form, int *changed);

#endif
