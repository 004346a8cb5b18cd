#!/bin/sh
# run.sh -o OUT.jsonl [-n SHARDS] [-w WORK] [-r] [-k] INPUT...
# The whole of `dixit extract INPUT... -o OUT.jsonl` on a Slurm cluster:
# cuts the inputs into SHARDS shards (default 8) with `dixit shard` in
# WORK (default OUT.jsonl.work, on a file system the nodes share),
# submits dixit-array.sbatch as a job array (one task a shard), polls
# squeue until it has left the queue, then merges with `dixit merge`:
# OUT.jsonl is then byte for byte one `dixit extract`'s. A task whose
# shard is not whole is listed (its log, exit status, messages) and the
# run exits 1 without merging; `run.sh -r -o OUT.jsonl ...` (same WORK)
# then submits only the failed tasks again and merges. WORK is removed
# after a merge unless -k. DIXIT_BIN names the binary (default: dixit on
# PATH); SBATCH_* variables (SBATCH_PARTITION...) reach sbatch as usual.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
usage() {
    echo "usage: run.sh -o OUT.jsonl [-n SHARDS] [-w WORK] [-r] [-k] INPUT..." >&2
    exit 2
}
out= n=8 work= resume=0 keep=0
while getopts o:n:w:rk opt; do
    case $opt in
    o) out=$OPTARG ;;
    n) n=$OPTARG ;;
    w) work=$OPTARG ;;
    r) resume=1 ;;
    k) keep=1 ;;
    *) usage ;;
    esac
done
shift $((OPTIND - 1))
[ -n "$out" ] && { [ $# -gt 0 ] || [ $resume = 1 ]; } || usage
work=${work:-$out.work}
bin=$(command -v "${DIXIT_BIN:-dixit}") || { echo "run.sh: no dixit binary (set DIXIT_BIN)" >&2; exit 2; }
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac

# shard K's output
outname() { printf '%s/out/shard-%04d.jsonl' "$work" "$1"; }

if [ $resume = 0 ]; then
    rm -rf "$work"
    mkdir -p "$work/out"
    "$bin" shard --parts "$n" "$@" --out "$work/shards"
    tasks=1-$n
else
    n=$(sed -n '1s/^# dixit shard manifest: \([0-9]*\) parts$/\1/p' "$work/shards/manifest.tsv")
    [ -n "$n" ] || { echo "run.sh: $work/shards/manifest.tsv: no shard run to resume" >&2; exit 2; }
    tasks=
    k=1
    while [ "$k" -le "$n" ]; do
        [ -f "$(outname "$k").done" ] || tasks=$tasks${tasks:+,}$k
        k=$((k + 1))
    done
fi

if [ -n "$tasks" ]; then
    DIXIT_BIN=$bin DIXIT_SHARDS=$work/shards DIXIT_OUT=$work/out
    export DIXIT_BIN DIXIT_SHARDS DIXIT_OUT
    job=$(sbatch --parsable --array="$tasks" --output="$work/out/slurm-%A_%a.log" "$here/dixit-array.sbatch")
    job=${job%%;*}
    echo "run.sh: job $job, tasks $tasks" >&2
    # a finished task leaves the queue; an error of squeue ends the wait
    # too (the done markers, not squeue, tell what succeeded)
    while [ -n "$(squeue -h -j "$job" -o %i 2>/dev/null)" ]; do
        sleep "${DIXIT_POLL:-1}"
    done
fi

failed=
set --
k=1
while [ "$k" -le "$n" ]; do
    f=$(outname "$k")
    set -- "$@" "$f"
    [ -f "$f.done" ] || failed="$failed $k"
    k=$((k + 1))
done
if [ -n "$failed" ]; then
    for k in $failed; do
        s=$(printf '%s/out/shard-%04d' "$work" "$k")
        st=$(cat "$s.status" 2>/dev/null || echo "none (the task did not run)")
        echo "run.sh: task $k (shard $(basename "$s").jsonl) failed: exit status $st; see $s.err and $work/out/slurm-*_$k.log" >&2
        sed 's/^/    /' "$s.err" 2>/dev/null | tail -3 >&2 || :
    done
    echo "run.sh: fix the cause, then: $0 -r -o $out -w $work" >&2
    exit 1
fi
"$bin" merge "$@" -o "$out"
[ $keep = 1 ] || rm -rf "$work"
