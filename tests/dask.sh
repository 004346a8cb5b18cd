#!/bin/sh
# tests/dask.sh BIN [SHARED]: scripts/dask/dixit_bag.py with Debian's
# /usr/bin/python3 (python3-distributed) on a LocalCluster of 2 worker
# processes, over 8 shards of PolNeAR train + dev and the French dev
# articles: the merged output is byte for byte one `dixit extract`'s.
# Without SHARED/data, a corpus of the repository's examples instead
# (tests/scale_inputs.sh).
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shared=${2:-../shared}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/check.sh"
. "$here/scale_inputs.sh"
[ -d "$shared/data/polnear" ] || echo "dask: $shared/data absent; the repository's examples instead"
ins=$(scale_inputs "$shared" "$t")
cd "$t" || exit 1
"$bin" extract -q $ins >whole.jsonl
/usr/bin/python3 "$(dirname "$here")/scripts/dask/dixit_bag.py" --bin "$bin" --workers 2 -n 8 -o merged.jsonl $ins \
    >dask.out 2>dask.err
st=$?
check "dixit_bag.py on a 2-worker LocalCluster: status 0" '[ $st = 0 ]' || tail -20 dask.err
check "the merged output is byte for byte one dixit extract's" 'cmp merged.jsonl whole.jsonl'
passed dask
