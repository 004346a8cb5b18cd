/*
 * fuzz_source.c: libFuzzer harness for the CLI's input layer (cli/source.c):
 * the bytes are a file that may be gzip, Zstandard or plain; they are read
 * back through source_read in small pieces, as the CLI does. A truncated or
 * corrupt stream must end in an error message, never a crash or a hang.
 */
#define _GNU_SOURCE
#include "../cli/source.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* the source opens a path: an anonymous in-memory file gives one */
    int fd = memfd_create("fuzz-source", 0);
    if (fd < 0)
        return 0;
    if (size && write(fd, data, size) != (ssize_t)size) {
        close(fd);
        return 0;
    }
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    source *s = source_open(path);
    if (s) {
        char buf[97]; /* an odd size: pieces that split every frame */
        long n;
        while ((n = source_read(s, buf, sizeof buf)) > 0)
            ;
        if (n < 0 && !source_error(s))
            abort(); /* an error always has its message */
        source_close(s);
    }
    close(fd);
    return 0;
}
