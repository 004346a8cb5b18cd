/*
 * progress.c: articles, megabytes, speed, attributions and, when the input
 * size is known, the time left, redrawn on one stderr line at most four
 * times a second. Off unless stderr is a terminal, so logs and pipes never
 * see it; --quiet turns it off too.
 *
 * Bytes are counted as stored (compressed bytes for .gz and .zst), which is
 * what the total from the file sizes measures, so the ETA holds for
 * compressed corpora as well.
 *
 * The summary line at the end of a run is here too: the figures a user
 * checks a corpus run by, whether or not the progress line was drawn.
 */
#define _POSIX_C_SOURCE 200809L
#include "progress.h"

#include <stdio.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void progress_init(progress *p, int on, unsigned long long total)
{
    *p = (progress){0};
    p->on = on;
    p->total = total;
    p->start = p->last = now();
}

static void draw(progress *p, double t)
{
    double secs = t - p->start;
    double mb = (double)p->bytes / 1e6;
    double rate = secs > 0 ? mb / secs : 0;
    fprintf(stderr, "\rdixit: %llu articles, %.1f MB, %.1f MB/s, %llu attributions", p->docs, mb, rate,
            p->records);
    if (p->total && p->bytes && p->bytes <= p->total && rate > 0) {
        double left = ((double)(p->total - p->bytes) / 1e6) / rate;
        fprintf(stderr, ", %d%%, ETA %d:%02d", (int)(100.0 * (double)p->bytes / (double)p->total),
                (int)left / 60, (int)left % 60);
    }
    fputs("   ", stderr); /* rub out the tail of a longer previous line */
    fflush(stderr);
    p->drawn = 1;
    p->last = t;
}

static void tick(progress *p)
{
    double t = now();
    if (t - p->last >= 0.25)
        draw(p, t);
}

void progress_bytes(progress *p, size_t n)
{
    if (!p->on)
        return;
    p->bytes += n;
    tick(p);
}

void progress_docs(progress *p, size_t docs, size_t records)
{
    if (!p->on || !docs)
        return;
    unsigned long long before = p->docs;
    p->docs += docs;
    p->records += records;
    /* a tick each time the count passes a multiple of 64, as one by one */
    if ((before >> 6) != (p->docs >> 6))
        tick(p);
}

void progress_doc(progress *p, size_t records)
{
    if (!p->on)
        return;
    p->docs++;
    p->records += records;
    if ((p->docs & 63) == 0)
        tick(p);
}

void progress_end(progress *p)
{
    if (!p->on)
        return;
    draw(p, now());
    fputc('\n', stderr);
}

/* The words of a summary for the reasons inputs are skipped. */
static const char *reason(int status)
{
    switch (status) {
    case DIXIT_ENOMEM: return "out of memory";
    case DIXIT_EUTF8: return "invalid UTF-8";
    case DIXIT_ENUL: return "NUL byte";
    case DIXIT_ETOOBIG: return "too large";
    case DIXIT_EJSON: return "bad JSON";
    case DIXIT_ENOTEXT: return "no text";
    case DIXIT_EIO: return "unreadable";
    default: return "other";
    }
}

void progress_summary(const progress *p, unsigned long long docs, unsigned long long records,
                      const unsigned long long skipped[SKIP_REASONS])
{
    unsigned long long total = 0;
    for (int k = 0; k < SKIP_REASONS; k++)
        total += skipped[k];
    fprintf(stderr, "dixit: %llu articles read, %llu skipped", docs, total);
    const char *sep = " (";
    for (int k = 0; k < SKIP_REASONS; k++) {
        if (skipped[k]) {
            fprintf(stderr, "%s%llu %s", sep, skipped[k], reason(k));
            sep = ", ";
        }
    }
    fprintf(stderr, "%s, %llu records written, %.1f s\n", total ? ")" : "", records, now() - p->start);
}
