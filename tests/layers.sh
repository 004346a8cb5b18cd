#!/bin/sh
# tests/layers.sh: no file of src/ includes the header of a later stage.
#
# The stages in pipeline order, earliest first, one a line: a file of src/
# (x.c or x.h) belongs to the line that names x, and may include the
# headers of its own line and of the lines above it, never of a line
# below. Names on one line are one stage whose modules call each other
# (mentions.c and antecedent.c share people.h). A new file of src/ goes on a
# line here, or this check fails.
LAYERS='
alloc
utf8 bytes
lexicon
lang
entities
html warc jsonl read
analysis
segment
quotes
zones
cues
score
engine
mentions people antecedent
phrase
attribute
reported rules rules_tail rules_clause rules_source speaker
voices
uncued
select
extent
write
dixit
'

cd "$(dirname "$0")/.." || exit 2

rank() {
    printf '%s\n' "$LAYERS" | awk -v n="$1" 'NF { r++; for (i = 1; i <= NF; i++) if ($i == n) { print r; exit } }'
}

fail=0
for f in src/*.c src/*.h; do
    name=$(basename "$f")
    name=${name%.*}
    mine=$(rank "$name")
    if [ -z "$mine" ]; then
        echo "layers: $f: $name is in no stage of tests/layers.sh"
        fail=1
        continue
    fi
    for h in $(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)\.h".*/\1/p' "$f"); do
        [ -f "src/$h.h" ] || continue # include/dixit.h, the public contract
        theirs=$(rank "$h")
        if [ -z "$theirs" ]; then
            echo "layers: $f includes $h.h, which is in no stage of tests/layers.sh"
            fail=1
        elif [ "$theirs" -gt "$mine" ]; then
            echo "layers: $f ($name) includes $h.h of a later stage"
            fail=1
        fi
    done
done
[ "$fail" = 0 ] && echo "layers: every include of src/ is of its own stage or an earlier one"
exit "$fail"
