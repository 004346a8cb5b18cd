/*
 * intake.h: the step between a source's bytes and a dixit_reader that
 * turns legacy encodings into UTF-8 (see intake.c).
 */
#ifndef DIXIT_INTAKE_H
#define DIXIT_INTAKE_H

#include "dixit.h"

#include <stddef.h>

/* Told once when an article is read as Windows-1252 by guess. */
typedef void (*intake_warn_fn)(void *ctx, const char *msg);

typedef struct intake {
    dixit_reader *rd;
    void *cd;            /* iconv_t of --encoding, or NULL */
    char carry[8];       /* a character cut by the end of a chunk */
    size_t ncarry;
    int hold;            /* a .txt article held whole for the guess */
    char *held;          /* what it holds, then the converted text */
    size_t len, cap, max;
    char *work, *out;    /* scratch of a conversion: its input, its output */
    size_t work_cap, out_cap;
    intake_warn_fn warn;
    void *ctx;
} intake;

/* 0 when iconv knows encoding (any of `iconv -l`), else -1. */
int intake_check_encoding(const char *encoding);
/* Feeds rd: 0, or -1 when iconv does not know encoding. With encoding, every byte is converted from it; without, a
 * .txt article (hold) of at most max bytes is held until the end and, if
 * it is not UTF-8 but reads as Windows-1252, converted (warn says so). */
int intake_open(intake *in, dixit_reader *rd, const char *encoding, int hold, size_t max,
                intake_warn_fn warn, void *ctx);
/* dixit_reader_feed's statuses. */
dixit_status intake_feed(intake *in, const char *buf, size_t n);
/* Feeds what is held; the caller then finishes the reader. */
dixit_status intake_end(intake *in);
void intake_close(intake *in);

#endif
