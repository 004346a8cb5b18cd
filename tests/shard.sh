#!/bin/sh
# tests/shard.sh BIN: dixit shard, dixit extract --shard and dixit merge
# without a cluster. Each corpus is cut into shards, each shard run
# alone, the outputs merged: the bytes must be one `dixit extract`'s,
# and so must the messages. Edge cases: more shards than articles, empty
# input, a line longer than a shard, CRLF lines, bad and blank lines,
# lines without ids, two files of one name, a gzip input; then a shard
# output missing, partial or failed, and a rerun.
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
. "$here/check.sh"
ex=$(dirname "$here")/examples
cd "$t" || exit 1

# the corpus, written here: JSON lines with and without ids, blank and
# bad lines, CRLF endings, one line far longer than the rest, two .txt
# files of one name in two folders, a gzip input, a file with no newline
# at its end
mkdir -p c/a c/b
python3 - <<'PY'
import json, gzip
said = ["« Il faut agir vite », a déclaré Paul Roy, le maire, lundi.",
        "\u201cThe bridge will reopen in May,\u201d said Maria Lopez, the city engineer.",
        "Anne Morel a estimé que la réforme serait votée avant l'été."]
with open("c/one.jsonl", "w", newline="") as f:
    for k in range(40):
        d = {"text": said[k % 3] + " (%d)" % k}
        if k % 2:
            d["id"] = "x%d" % k
        end = "\r\n" if k % 5 == 0 else "\n"
        f.write(json.dumps(d, ensure_ascii=False) + end)
        if k % 7 == 0:
            f.write("\n   \n")
        if k == 11:
            f.write("{not json\n")
        if k == 17:
            f.write('{"id": "long", "text": "%s"}\n' % (" ".join([said[1]] * 400)))
with gzip.open("c/two.jsonl.gz", "wt", encoding="utf-8") as f:
    for k in range(12):
        f.write(json.dumps({"text": said[k % 3] + " [%d]" % k}, ensure_ascii=False) + "\n")
with open("c/last.jsonl", "w") as f:
    f.write(json.dumps({"id": "end", "text": said[0]}, ensure_ascii=False))
PY
cp "$ex/depeche-fr.txt" c/a/x.txt
cp "$ex/depeche-fr.txt" c/b/x.txt
: >c/empty.jsonl
ins="c/one.jsonl c/a c/b c/two.jsonl.gz c/empty.jsonl c/last.jsonl"

# cut INPUTS into N shards (OPTS for dixit shard), run each (-j J), merge;
# the merged output and the shards' messages into m.jsonl and m.err
sharded() {
    parts=$1 j=$2 opts=$3
    shift 3
    rm -rf sh out m.jsonl m.err && mkdir out
    "$bin" shard --parts "$parts" $opts "$@" --out sh 2>shard.err || return 1
    : >m.err
    for f in sh/shard-*.jsonl*; do
        b=$(basename "$f" .gz)
        "$bin" extract -j"$j" --shard "$f" -o "out/$b" 2>>m.err
        [ -f "out/$b.done" ] || return 1
    done
    "$bin" merge out/shard-*.jsonl -o m.jsonl
}

"$bin" extract -j1 $ins >whole.jsonl 2>whole.err
for k in 1 3 8 50 200; do
    check "$k shards, run -j1: merged bytes and messages are one extract's" \
        'sharded $k 1 "" $ins && cmp -s m.jsonl whole.jsonl && cmp -s m.err whole.err'
done
check "8 shards gzipped (--compress), run -j2: the same bytes" \
    'sharded 8 2 --compress $ins && [ -f sh/shard-0001.jsonl.gz ] && cmp -s m.jsonl whole.jsonl'
check "the messages name the input, its line and byte, not the shard" \
    'grep -q "^dixit: c/one.jsonl:[0-9]*: JSON does not parse at byte [0-9]*; line skipped" m.err'
check "every shard exists, N > articles leaves some empty" \
    'sharded 200 1 "" $ins && [ $(ls sh/shard-*.jsonl | wc -l) = 200 ] && [ $(find sh -name "shard-*" -size 0 | wc -l) -gt 100 ]'
check "the manifest: shard, file, bytes, articles; every byte of c/one.jsonl once" \
    'sharded 5 1 "" $ins && head -2 sh/manifest.tsv | tail -1 | grep -q "^shard	file	bytes	articles	stem	line	offset$" &&
     [ "$(awk -F"\t" "\$2 == \"c/one.jsonl\" { s += \$3 } END { print s }" sh/manifest.tsv)" = "$(wc -c <c/one.jsonl)" ]'
check "the line longer than a shard is whole in one shard" \
    'sharded 30 1 "" $ins && [ $(grep -l "\"id\": \"long\"" sh/shard-*.jsonl | wc -l) = 1 ] && cmp -s m.jsonl whole.jsonl'
check "the second x.txt keeps the whole run's id (c/b/x)" \
    'grep -q "c/b/x	-	-$" sh/manifest.tsv && grep -q "\"id\":\"c/b/x:" m.jsonl'
check "-f csv: the header once, in the first shard's output" \
    '"$bin" extract -f csv $ins >whole.csv 2>/dev/null; sharded 5 1 "" $ins && rm -rf out && mkdir out &&
     for k in 0001 0002 0003 0004 0005; do "$bin" extract -q -f csv --shard sh/shard-$k.jsonl -o out/s$k.csv; done &&
     "$bin" merge out/s*.csv >m.csv && cmp -s m.csv whole.csv'

# empty input
: >e.jsonl
"$bin" extract e.jsonl >e.whole
check "empty input: 3 empty shards, an empty merge" \
    'rm -rf sh out && mkdir out && "$bin" shard --parts 3 e.jsonl --out sh && [ ! -s sh/shard-0003.jsonl ] &&
     "$bin" extract --shard sh/shard-0001.jsonl -o out/1.jsonl && "$bin" extract --shard sh/shard-0002.jsonl -o out/2.jsonl &&
     "$bin" extract --shard sh/shard-0003.jsonl -o out/3.jsonl && "$bin" merge out/1.jsonl out/2.jsonl out/3.jsonl >m.jsonl && cmp -s m.jsonl e.whole'

# failures: missing, partial, failed; a rerun
sharded 4 1 "" $ins
rm -f out/shard-0002.jsonl.done
"$bin" merge out/shard-*.jsonl -o m2.jsonl 2>merge.err
st=$?
check "a shard output without its marker: status 1, named, nothing written" \
    '[ $st = 1 ] && grep -q "out/shard-0002.jsonl (no done marker" merge.err && [ $(wc -l <merge.err) = 1 ] && [ ! -e m2.jsonl ]'
check "rerunning shard 2 gives the same bytes, and the merge is whole" \
    'cp out/shard-0002.jsonl before && "$bin" extract -q --shard sh/shard-0002.jsonl -o out/shard-0002.jsonl &&
     cmp -s before out/shard-0002.jsonl && "$bin" merge out/shard-*.jsonl >m2.jsonl && cmp -s m2.jsonl whole.jsonl'
head -c 100 out/shard-0003.jsonl >p && mv p out/shard-0003.jsonl
"$bin" merge out/shard-*.jsonl >/dev/null 2>merge.err
st=$?
check "a partial shard output: refused, named" '[ $st = 1 ] && grep -q "out/shard-0003.jsonl (100 bytes where its marker says" merge.err'
"$bin" merge out/shard-0001.jsonl out/shard-0002.jsonl out/shard-0004.jsonl >/dev/null 2>merge.err
st=$?
check "a shard output left out: refused" '[ $st = 1 ] && grep -q "out/shard-0004.jsonl (shard 4 of 4, where shard 3 of 4 was due)" merge.err'
mv sh/shard-0003.jsonl sh/away
"$bin" extract -q --shard sh/shard-0003.jsonl -o out/shard-0003.jsonl 2>run.err
st=$?
check "a shard file gone: status 1, no done marker" '[ $st = 1 ] && [ ! -e out/shard-0003.jsonl.done ]'
head -c 50 sh/away >sh/shard-0003.jsonl
"$bin" extract --shard sh/shard-0003.jsonl -o out/shard-0003.jsonl 2>run.err
st=$?
check "a shard file cut short: status 1, said, no done marker" \
    '[ $st = 1 ] && grep -q "sh/shard-0003.jsonl: ends [0-9]* bytes short" run.err && [ ! -e out/shard-0003.jsonl.done ]'
"$bin" merge out/shard-*.jsonl >/dev/null 2>merge.err
check "merge then names the failed shard" 'grep -q "out/shard-0003.jsonl (no done marker" merge.err'
mv sh/away sh/shard-0003.jsonl
check "fixed and rerun alone: the merge is whole again" \
    '"$bin" extract -q --shard sh/shard-0003.jsonl -o out/shard-0003.jsonl && "$bin" merge out/shard-*.jsonl >m3.jsonl && cmp -s m3.jsonl whole.jsonl'

# usage
"$bin" shard --parts 0 c/one.jsonl --out sh 2>/dev/null
st=$?
check "--parts 0 is a usage error" '[ $st = 2 ]'
"$bin" extract --shard sh/shard-0001.jsonl c/one.jsonl 2>/dev/null
st=$?
check "--shard with inputs is a usage error" '[ $st = 2 ]'
"$bin" extract --shard c/one.jsonl -o x 2>err
st=$?
check "--shard on a file that is no shard: status 1, said" '[ $st = 1 ] && grep -q "shard file of dixit shard" err'
passed shard
