#!/bin/sh
# install.sh: `make install` into a temporary prefix, then what it put
# there: the tool runs, a program builds against the library through
# pkg-config, the man page renders, the completion loads, and both name
# every option of --help; `make uninstall` takes every file back.
# usage: tests/install.sh BUILD (the folder of the build to install; make
# passes MAKE, CC and CFLAGS so that a sanitizer build links alike)
B=$1
make=${MAKE:-make}
. "$(dirname "$0")/check.sh"
p=$t/usr
$make -s install B="$B" PREFIX="$p" >"$t/install.log" 2>&1
st=$?
check "make install PREFIX=... puts the six files in place" \
    '[ $st = 0 ] && [ -x "$p/bin/dixit" ] && [ -f "$p/lib/libdixit.a" ] && [ -f "$p/include/dixit.h" ] &&
     [ -f "$p/lib/pkgconfig/dixit.pc" ] && [ -f "$p/share/man/man1/dixit.1" ] &&
     [ -f "$p/share/bash-completion/completions/dixit" ]'
check "the installed dixit --version runs" '"$p/bin/dixit" --version | grep -q "^dixit [0-9]"'
cat >"$t/use.c" <<'EOF'
#include <dixit.h>
#include <stdio.h>
#include <string.h>
static int page_docs;
static int on_page(void *ctx, const dixit_doc *d)
{
    (void)ctx;
    page_docs += d->title && strcmp(d->title, "Port") == 0;
    return 0;
}
int main(void)
{
    /* a reader, which reads web pages (libxml2) and WARC archives (zlib) */
    const char *page = "<html><head><title>Port</title></head><body><p>Le quai rouvre.</p></body></html>";
    dixit_reader *rd = dixit_reader_new(DIXIT_INPUT_TXT, "p.html", 0, NULL, on_page, NULL, NULL);
    if (!rd || dixit_reader_feed(rd, page, strlen(page)) != DIXIT_OK || dixit_reader_finish(rd) != DIXIT_OK ||
        page_docs != 1)
        return 1;
    dixit_reader_free(rd);
    const char *text = "« Nous rouvrirons l'école lundi », a déclaré Paul Roy.";
    dixit_engine *e = dixit_engine_new(NULL);
    dixit_doc d = {"t", text, strlen(text), 0, NULL, "fr", NULL, NULL, NULL, NULL, NULL, NULL};
    dixit_result *r = NULL;
    if (!e || dixit_extract(e, &d, &r) != DIXIT_OK)
        return 1;
    printf("%zu %s\n", dixit_result_count(r), DIXIT_VERSION);
    dixit_result_free(r);
    dixit_engine_free(e);
    return 0;
}
EOF
export PKG_CONFIG_PATH="$p/lib/pkgconfig"
# shellcheck disable=SC2046,SC2086
${CC:-cc} ${CFLAGS:-} -std=c11 $(pkg-config --cflags dixit) -o "$t/use" "$t/use.c" $(pkg-config --libs dixit) \
    >"$t/cc.log" 2>&1
check "a program builds with pkg-config dixit and extracts" \
    '[ "$("$t/use")" = "1 $(pkg-config --modversion dixit)" ] || { cat "$t/cc.log"; false; }'
if command -v groff >/dev/null 2>&1; then
    check "the man page renders without a warning" \
        '[ -z "$(groff -man -ww -z "$p/share/man/man1/dixit.1" 2>&1)" ]'
fi
if command -v bash >/dev/null 2>&1; then
    check "the completion loads and completes --output-format's values" \
        'bash -c ". \"$p/share/bash-completion/completions/dixit\"; COMP_WORDS=(dixit extract -f \"\"); COMP_CWORD=3; _dixit; echo \${COMPREPLY[*]}" | grep -qx "jsonl csv"'
fi
# the roff source with its escaped dashes as plain ones
sed 's/\\-/-/g' "$p/share/man/man1/dixit.1" >"$t/man.txt"
: >"$t/missing"
for o in $("$p/bin/dixit" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
    grep -qE -- "$o([^a-z-]|$)" "$t/man.txt" || echo "dixit.1 lacks $o" >>"$t/missing"
    grep -qE -- "$o([^a-z-]|$)" "$p/share/bash-completion/completions/dixit" || echo "the completion lacks $o" >>"$t/missing"
done
check "the man page and the completion name every long option of --help" '[ ! -s "$t/missing" ] || { sed "s/^/     /" "$t/missing"; false; }'
$make -s uninstall PREFIX="$p" >/dev/null 2>&1
check "make uninstall removes every file it installed" '[ -z "$(find "$p" -type f)" ]'
passed install
