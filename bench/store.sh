#!/bin/sh
# store.sh: the corpus store's benchmark (make bench, after run.sh). Builds
# a corpus of at least ATTRS attributions from ../shared/data (the
# articles cycled, each copy made a new article by a sentence of its own,
# since the store keeps one copy of a text), then, on that file and in the
# same run: `dixit extract -j1` and `dixit index -j1` (the index's
# throughput as a fraction of extract's), the database's bytes per
# attribution, the p50 and p95 latency of `dixit search` for a word with a
# speaker filter (SEARCHES runs, each a new process: what a user waits
# for), and the time of `dixit stats --by outlet,month,gender`.
# usage: bench/store.sh BUILD/dixit SHARED [ATTRS] [SEARCHES]
set -eu
bin=$1
shared=$2
want=${3:-1000000}
searches=${4:-50}
if [ ! -d "$shared/data/polnear" ]; then
    echo "bench store: $shared/data not found; skipping"
    exit 0
fi
dir=${BENCH_DIR:-build/bench}
mkdir -p "$dir"
corpus="$dir/store-$want.jsonl"
db="$dir/store-$want.db"
if [ ! -s "$corpus" ]; then
    # about 14 attributions an article on the shared data
    python3 "$(dirname "$0")/corpus.py" "$shared" "$corpus" "$((want / 14 + 1))"
fi
now() { python3 -c 'import time; print(time.time())'; }
ns() { date +%s%N; } # (GNU date: no interpreter started inside a timed span)
secs() { python3 -c "print('%.2f' % ($2 - $1))"; }
t0=$(now)
"$bin" extract -q -j1 "$corpus" >/dev/null
t1=$(now)
rm -f "$db" "$db-wal" "$db-shm"
"$bin" index -q -j1 --db "$db" "$corpus"
t2=$(now)
ext=$(secs "$t0" "$t1")
idx=$(secs "$t1" "$t2")
attrs=$(sqlite3 "$db" "select count(*) from attributions")
bytes=$(wc -c <"$db")
mb=$(python3 -c "print(round($(wc -c <"$corpus") / 1e6, 1))")
echo "store: $mb MB, $(wc -l <"$corpus") articles, $attrs attributions"
echo "| command | seconds | MB/s | ratio to extract |"
echo "|---|---|---|---|"
python3 -c "print('| dixit extract -j1 | %s | %.1f | 1.000 |' % ('$ext', $mb / $ext))"
python3 -c "print('| dixit index -j1 | %s | %.1f | %.3f |' % ('$idx', $mb / $idx, $ext / $idx))"
echo "database: $bytes bytes, $((bytes / attrs)) bytes per attribution"
# searches: a frequent word with the most quoted speaker's surname
speaker=$(sqlite3 "$db" "select p.name from persons p join speakers s on s.person = p.id join attributions a on a.speaker = s.id group by p.id order by count(*) desc limit 1")
: >"$dir/search-times"
i=0
while [ $i -lt "$searches" ]; do
    word=$(echo "president campaign said people vote tax health police election government" | cut -d' ' -f$((i % 10 + 1)))
    a=$(ns)
    "$bin" search --db "$db" -f jsonl --speaker "${speaker##* }" "$word" >/dev/null
    b=$(ns)
    echo "$(((b - a) / 1000))" >>"$dir/search-times"
    i=$((i + 1))
done
sort -n "$dir/search-times" | awk -v n="$searches" '{t[NR] = $1 / 1000} END {printf "search (a word, --speaker %s), %d runs, each a new process: p50 %.1f ms, p95 %.1f ms\n", "'"${speaker##* }"'", n, t[int((n + 1) / 2)], t[int(n * 0.95 + 0.999)]}'
a=$(ns)
"$bin" stats --db "$db" --by outlet,month,gender >/dev/null
b=$(ns)
echo "stats --by outlet,month,gender: $(((b - a) / 1000000)) ms"
