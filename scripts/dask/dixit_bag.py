#!/usr/bin/python3
"""dixit_bag.py: `dixit extract INPUT... -o OUT` on a Dask cluster.

Cuts the inputs with `dixit shard`, maps the shards through the dixit
binary (`dixit extract --shard`, one process a shard) as a Dask bag, then
joins the outputs with `dixit merge`: OUT is byte for byte one `dixit
extract`'s. A LocalCluster of --workers processes by default; --scheduler
ADDR uses a running cluster instead (its workers must see the work folder
and the inputs at the same paths). A shard whose output has no done
marker is listed and nothing is merged (status 1); rerun with --resume.

    /usr/bin/python3 scripts/dask/dixit_bag.py -o out.jsonl -n 8 corpus/
"""
import argparse
import os
import shutil
import subprocess
import sys


def run_shard(task):
    """One shard through dixit: (shard, exit status, done?, messages)."""
    binary, shard, out = task
    p = subprocess.run([binary, "extract", "-j1", "--shard", shard, "-o", out],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return shard, p.returncode, os.path.exists(out + ".done"), p.stderr.decode("utf-8", "replace")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("inputs", nargs="*")
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("-n", "--parts", type=int, default=8)
    ap.add_argument("--scheduler", help="address of a running Dask scheduler")
    ap.add_argument("--workers", type=int, default=2, help="LocalCluster workers (default 2)")
    ap.add_argument("--bin", default=shutil.which("dixit") or "dixit")
    ap.add_argument("--work", help="the shards and their outputs (default OUTPUT.work)")
    ap.add_argument("--resume", action="store_true", help="run only the shards not done")
    a = ap.parse_args()
    binary = os.path.abspath(a.bin) if os.sep in a.bin else a.bin
    work = a.work or a.output + ".work"
    shards, outs = os.path.join(work, "shards"), os.path.join(work, "out")
    if not a.resume:
        shutil.rmtree(work, ignore_errors=True)
        os.makedirs(outs)
        subprocess.run([binary, "shard", "--parts", str(a.parts), *a.inputs, "--out", shards], check=True)
    names = sorted(f for f in os.listdir(shards) if f.startswith("shard-"))
    tasks = [(binary, os.path.join(shards, f), os.path.join(outs, f.replace(".gz", ""))) for f in names]
    todo = [t for t in tasks if not os.path.exists(t[2] + ".done")]

    from dask import bag
    from dask.distributed import Client, LocalCluster
    cluster = None if a.scheduler else LocalCluster(n_workers=a.workers, threads_per_worker=1,
                                                    dashboard_address=None)
    with Client(a.scheduler or cluster) as client:
        results = bag.from_sequence(todo, npartitions=max(1, len(todo))).map(run_shard).compute() if todo else []
        client.close()
    if cluster:
        cluster.close()
    for _, _, _, err in results:
        sys.stderr.write(err)
    failed = [(s, st) for s, st, done, _ in results if not done]
    if failed:
        for s, st in failed:
            print("dixit_bag: %s failed: exit status %d" % (s, st), file=sys.stderr)
        print("dixit_bag: fix the cause, then rerun with --resume", file=sys.stderr)
        return 1
    return subprocess.run([binary, "merge", *[t[2] for t in tasks], "-o", a.output]).returncode


if __name__ == "__main__":
    sys.exit(main())
