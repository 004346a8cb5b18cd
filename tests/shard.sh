#!/bin/sh
# tests/shard.sh BIN: dixit shard, dixit extract --shard and dixit merge
# without a cluster. Each corpus is cut into shards, each shard run
# alone, the outputs merged: the bytes must be one `dixit extract`'s,
# and so must the messages. Edge cases: more shards than articles, empty
# input, a line longer than a shard, CRLF lines, bad and blank lines,
# lines without ids, two files of one name, a gzip input; then a shard
# output missing, partial or failed, and a rerun. Then `dixit index
# --shard` into a database a shard and `dixit merge --db`: the database
# one `dixit index` of the whole writes (on the corpus here, on the
# repository's examples with articles repeated, and, with the shared
# data (SHARED, default ../shared), on PolNeAR and the French dev set);
# bad shard databases refused; reruns harmless.
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
shared=$(cd "${2:-../shared}" 2>/dev/null && pwd)
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
# ---- dixit index --shard into a database a shard, dixit merge --db
# a database as text, FTS5's b-tree aside (its segments follow the
# commits of the run: the words it indexes are the attributions')
canon() { sqlite3 "$1" .dump | grep -v '^INSERT INTO attributions_fts_\(data\|idx\) '; }
# the answers of the commands that read a database, into FILE
answers() {
    { "$bin" search --db "$1" --limit 0 -f jsonl && "$bin" search --db "$1" --limit 0 -f jsonl "$3" &&
        "$bin" stats --db "$1" --by speaker,outlet,gender -f csv && "$bin" export --db "$1" --quotebank; } >"$2"
}
# cut INPUTS into N shards, index each (-j J) into db/shard-K.db, merge
# into m.db; 1 when a step fails
sharded_db() {
    parts=$1 j=$2
    shift 2
    rm -rf shd db && mkdir db
    "$bin" shard -q --parts "$parts" "$@" --out shd || return 1
    for f in shd/shard-*.jsonl; do
        "$bin" index -q -j"$j" --shard "$f" --db "db/$(basename "$f" .jsonl).db" || [ -s "db/$(basename "$f" .jsonl).db" ] || return 1
    done
    "$bin" merge --db m.db db/shard-*.db
}
. "$here/scale_inputs.sh"
mkdir -p own
own=$(cd "$here/.." && scale_inputs /nonexistent "$t/own") # examples/ and 400 lines, texts repeated: the replace rule across shards
# with articles replaced by later ones (the same id or text again), which
# records one run stores before replacing them depends on where its
# batches of input fall, and so the ids of attributions, speakers and
# persons: the articles are compared row for row, the rest by what the
# commands that read a database answer
arts() { sqlite3 "$1" .dump | grep "^INSERT INTO articles "; }
"$bin" index -q --db ownwhole.db $own
arts ownwhole.db >ownwhole.arts
answers ownwhole.db ownwhole.ans ministre
for k in 3 8 50; do
    check "merge --db of $k shard databases (examples, texts repeated): the whole run's articles and answers" \
        'rm -f m.db; sharded_db $k 2 $own && arts m.db | cmp -s - ownwhole.arts && answers m.db m.ans ministre && cmp -s m.ans ownwhole.ans'
done
rm -f whole.db m.db
"$bin" index -q --db whole.db $ins
canon whole.db >whole.canon
for k in 1 3 8 50; do
    check "merge --db of $k shard databases: the whole run's database, row for row, ids too" \
        'rm -f m.db; sharded_db $k 2 $ins && canon m.db | cmp -s - whole.canon'
done
answers whole.db whole.ans ministre
check "search, stats and export of the merged database: the whole run's" \
    'answers m.db m.ans ministre && [ -s m.ans ] && cmp -s m.ans whole.ans'
if [ -n "$shared" ] && [ -d "$shared/data/polnear" ]; then
    big=$(scale_inputs "$shared" .)
    s0=$(date +%s.%N)
    "$bin" index -q --db bigwhole.db $big
    s1=$(date +%s.%N)
    sharded_db 8 1 $big
    s2=$(date +%s.%N)
    "$bin" merge --db m.db db/shard-*.db
    s3=$(date +%s.%N)
    echo "     (PolNeAR and fr-dev: one index $(echo "$s1 - $s0" | bc) s; 8 shard indexes one after another and a merge $(echo "$s2 - $s1" | bc) s; a merge alone $(echo "$s3 - $s2" | bc) s)"
    check "8 shard databases of PolNeAR and fr-dev merged: one index's database, row for row" \
        'canon m.db >m.canon && canon bigwhole.db | cmp -s - m.canon'
    answers bigwhole.db whole.ans Trump
    check "and the same search, stats and export" 'answers m.db m.ans Trump && cmp -s m.ans whole.ans'
else
    echo "shard: $shared/data absent; merge --db of PolNeAR and fr-dev not run"
fi

# reruns
sharded_db 8 2 $ins
check "merge --db run again onto its output: status 0, the same database" \
    '"$bin" merge --db m.db db/shard-*.db && canon m.db | cmp -s - whole.canon && [ ! -e m.db-wal ]'
check "a shard indexed again into its database: still done, the merge the same" \
    '"$bin" index -q --shard shd/shard-0003.jsonl --db db/shard-0003.db && "$bin" merge --db m2.db db/shard-*.db &&
     canon m2.db | cmp -s - whole.canon'
check "no temporary file left beside the output" '[ -z "$(ls -A . | grep "^\.m")" ]'
"$bin" merge --db m.db db/shard-*.db &
mp=$!
kill -9 $mp 2>/dev/null
wait $mp 2>/dev/null
check "a merge killed (SIGKILL): its output the old database or the new, whole" \
    '[ "$(sqlite3 m.db "PRAGMA integrity_check")" = ok ] && canon m.db | cmp -s - whole.canon'
rm -f .m.db.*
# stopped_merge SIG: a merge onto m.db stopped by SIG once its temporary
# file is there (again when it ended first: the corpus is small); its
# status into $st. env resets SIGINT, which sh ignores in a background job.
stopped_merge() {
    for try in 1 2 3; do
        env --default-signal=INT "$bin" merge --db m.db db/shard-*.db 2>sig.err &
        mp=$!
        i=0
        while [ -z "$(ls -A . | grep '^\.m\.db\.')" ] && [ $i -lt 1000 ]; do sleep 0.005; i=$((i + 1)); done
        kill -"$1" $mp
        wait $mp
        st=$?
        [ $st = 0 ] || break
    done
}
for sig in TERM INT; do
    stopped_merge $sig
    code=$([ $sig = TERM ] && echo 143 || echo 130)
    check "a merge stopped by SIG$sig: status $code, said, its temporary file removed, the output as it was" \
        '[ $st = $code ] && grep -q "^dixit: merge stopped by SIG$sig; m.db left as it was$" sig.err &&
         [ -z "$(ls -A . | grep "^\.m")" ] && canon m.db | cmp -s - whole.canon'
    rm -f .m.db.*
done

# bad shard databases: one line, status 1, the output left as it was
bad_merge() {
    rm -f out.db
    cp m.db out.db
    "$bin" merge --db out.db "$@" 2>merge.err
    st=$?
    [ $st = 1 ] && [ "$(wc -l <merge.err)" = 1 ] && cmp -s out.db m.db
}
set -- db/shard-*.db
shift
rest="$*"
check "a shard database missing: named, status 1, nothing written" \
    'bad_merge db/none.db $rest && grep -q "^dixit: merge: 1 of 8 shard databases failed or incomplete, nothing written: db/none.db (cannot open" merge.err'
echo "no database" >notdb.db
check "a file that is no database: said" 'bad_merge notdb.db $rest && grep -q "notdb.db (not a database)" merge.err'
sqlite3 other.db "CREATE TABLE t (x)"
check "a SQLite database not dixit's: said" 'bad_merge other.db $rest && grep -q "other.db (a SQLite database, but not dixit" merge.err'
cp db/shard-0001.db newer.db && sqlite3 newer.db "PRAGMA user_version = 9"
check "a database of a newer dixit: said" 'bad_merge newer.db $rest && grep -q "newer.db (written by a newer dixit (schema 9" merge.err'
check "a plain dixit index database (no shard mark): said" \
    'bad_merge whole.db $rest && grep -q "whole.db (not a shard.s database" merge.err'
cp db/shard-0001.db loading.db && sqlite3 loading.db "UPDATE dixit_shard SET state = 'loading'"
check "a shard whose index did not end: said" 'bad_merge loading.db $rest && grep -q "loading.db (not complete" merge.err'
cp db/shard-0001.db mixed.db && "$bin" index -q --db mixed.db c/last.jsonl
check "a shard database another run wrote into: said" 'bad_merge mixed.db $rest && grep -q "mixed.db (holds more than its shard" merge.err'
rm -rf shx && "$bin" shard -q --parts 8 c/one.jsonl --out shx && "$bin" index -q --shard shx/shard-0001.jsonl --db plan.db
check "a shard of another dixit shard run: said" 'bad_merge db/shard-0001.db plan.db ${rest#db/shard-0002.db } && grep -q "plan.db (a shard of another dixit shard run" merge.err'
check "shards out of order: said" \
    'bad_merge db/shard-0002.db db/shard-0001.db ${rest#db/shard-0002.db } && grep -q "db/shard-0002.db (shard 2 of 8, where shard 1 of 8 was due)" merge.err'
check "a shard left out at the end: said" 'bad_merge db/shard-000[1-7].db && grep -q "7 shard databases given where the run has 8" merge.err'
check "two bad shards: one line names both" 'bad_merge db/shard-0001.db notdb.db other.db ${rest#db/shard-0002.db db/shard-0003.db } && grep -q "2 of 8.*notdb.db.*other.db" merge.err'
echo text >notes.txt
"$bin" merge --db notes.txt db/shard-*.db 2>merge.err
st=$?
check "an output that is no dixit database is not replaced" '[ $st = 1 ] && [ "$(cat notes.txt)" = text ] && grep -q "not replaced" merge.err'
"$bin" merge --db db/shard-0001.db db/shard-*.db 2>merge.err
st=$?
check "an output that is one of the shards: a usage error" '[ $st = 2 ] && grep -q "is one of the shards" merge.err'
"$bin" merge --db x.db -o y.jsonl db/shard-*.db 2>/dev/null
st=$?
check "--db with -o: a usage error" '[ $st = 2 ] && [ ! -e x.db ]'

passed shard
