#!/bin/sh
# bench/scale_inner.sh: the measurements of bench/scale.sh, run by
# tests/slurm.sh inside its cluster (SLURM_CONF set, in its temp folder).
set -eu
bin=$DIXIT_SCALE_BIN corpus=$DIXIT_SCALE_CORPUS runs=$DIXIT_SCALE_RUNS run=$DIXIT_SCALE_RUN
export DIXIT_BIN="$bin" DIXIT_POLL=0.1
now() { date +%s.%N; }
# the median wall time of RUNS runs of "$@", in seconds
median() {
    i=0
    : >times
    while [ $i -lt "$runs" ]; do
        a=$(now)
        "$@" >/dev/null 2>&1
        b=$(now)
        echo "$b - $a" | bc >>times
        i=$((i + 1))
    done
    sort -n times | sed -n "$(((runs + 1) / 2))p"
}
bytes=$(wc -c <"$corpus")
arts=$(wc -l <"$corpus")
rate() { echo "scale=1; $bytes / 1000000 / $1" | bc; }
arate() { echo "scale=0; $arts / $1" | bc; }
one=$(median "$bin" extract -q -j1 "$corpus" -o one.jsonl)
echo "corpus: $bytes bytes, $arts articles"
echo "extract -j1 (one process): ${one} s, $(rate "$one") MB/s, $(arate "$one") articles/s"
sh_t=$(median "$bin" shard --parts 2 "$corpus" --out shards)
echo "dixit shard --parts 2 alone: ${sh_t} s"
for n in 1 2; do
    w=$(median sh "$run" -o slurm$n.jsonl -n $n "$corpus")
    echo "run.sh -n $n (shard + array of $n tasks + merge): ${w} s, $(rate "$w") MB/s, $(arate "$w") articles/s"
done
"$bin" extract -q -j1 "$corpus" -o one.jsonl
cmp one.jsonl slurm2.jsonl && echo "run.sh -n 2 output identical to extract -j1"
head -1 "$corpus" >tiny.jsonl
t1=$(median sh "$run" -o tiny1.jsonl -n 1 tiny.jsonl)
t8=$(median sh "$run" -o tiny8.jsonl -n 8 tiny.jsonl)
echo "one article, 1 task: ${t1} s from run.sh to merged file"
echo "one article, 8 tasks on 2 CPUs: ${t8} s"
