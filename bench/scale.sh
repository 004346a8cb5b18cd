#!/bin/sh
# bench/scale.sh BUILD/dixit SHARED [SIZE_MB]: the scaling figures of
# docs/BENCHMARKS.md. On the corpus of bench/run.sh (SIZE_MB of cycled
# shared data, default 200; made by it when missing), inside the one-node
# Slurm cluster tests/slurm.sh starts (2 CPUs): one `dixit extract -j1`,
# then scripts/slurm/run.sh with 1 and 2 shards (shard, array job,
# merge: wall time from the command to the merged file), and the cost of
# a task itself: run.sh over one article in 1 shard, and in 8 shards (4
# waves of 2 tasks). Each figure is the median of RUNS runs (default 3).
set -eu
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shared=$2
mb=${3:-200}
here=$(cd "$(dirname "$0")" && pwd)
corpus=${BENCH_DIR:-build/bench}/corpus-${mb}mb.jsonl
[ -s "$corpus" ] || BENCH_DIR=${BENCH_DIR:-build/bench} sh "$here/run.sh" "$bin" "$shared" "$mb" 1 >/dev/null
corpus=$(cd "$(dirname "$corpus")" && pwd)/$(basename "$corpus")
export DIXIT_SCALE_BIN="$bin" DIXIT_SCALE_CORPUS="$corpus" DIXIT_SCALE_RUNS="${RUNS:-3}"
export DIXIT_SCALE_RUN="$(dirname "$here")/scripts/slurm/run.sh"
DIXIT_SLURM_THEN='sh '"$here"'/scale_inner.sh' sh "$(dirname "$here")/tests/slurm.sh" "$bin" "$shared"
