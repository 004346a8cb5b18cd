#!/bin/sh
# run.sh: the benchmark procedure (make bench). Builds a corpus of at least
# SIZE_MB megabytes of JSON Lines by cycling the articles of ../shared/data
# (PolNeAR train and dev, the French dev set), then runs, on that same file
# and in the same run: `wc -w`, `dixit extract -j1`, `dixit extract -jN`.
# Prints MB/s, articles/s, peak RSS and the ratio to `wc -w`. Each command
# runs RUNS times; the median time is reported.
# usage: bench/run.sh BUILD/dixit SHARED [SIZE_MB] [RUNS]
set -eu
bin=$1
shared=$2
size_mb=${3:-200}
runs=${4:-3}
if [ ! -d "$shared/data/polnear" ]; then
    echo "bench: $shared/data not found; skipping (the corpus is built from the shared data)"
    exit 0
fi
dir=${BENCH_DIR:-build/bench}
mkdir -p "$dir"
corpus="$dir/corpus-${size_mb}mb.jsonl"
if [ ! -s "$corpus" ]; then
    python3 - "$shared" "$corpus" "$size_mb" <<'PY'
import json, os, sys, glob
shared, out, size_mb = sys.argv[1], sys.argv[2], int(sys.argv[3])
lines = []
for split in ("train", "dev"):
    with open(f"{shared}/data/polnear/{split}/docs.jsonl", encoding="utf-8") as f:
        lines += [l.rstrip("\n") for l in f if l.strip()]
for p in sorted(glob.glob(f"{shared}/data/fr-dev/docs/*.txt")):
    with open(p, encoding="utf-8") as f:
        lines.append(json.dumps({"id": os.path.basename(p)[:-4], "text": f.read()}, ensure_ascii=False))
target = size_mb * 1000 * 1000
n = 0
with open(out, "w", encoding="utf-8") as f:
    i = 0
    while n < target:
        d = json.loads(lines[i % len(lines)])
        d["id"] = "%s#%d" % (d["id"], i // len(lines))  # unique ids per cycle
        s = json.dumps(d, ensure_ascii=False) + "\n"
        f.write(s)
        n += len(s.encode("utf-8"))
        i += 1
PY
fi
bytes=$(wc -c <"$corpus")
docs=$(wc -l <"$corpus")
ncpu=$(nproc)
mb=$(python3 -c "print(round($bytes/1e6,1))")
echo "corpus: $corpus, $mb MB, $docs articles; machine: $ncpu cores, $(uname -m)"
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
measure() { # label, command...
    label=$1
    shift
    : >"$dir/times"
    : >"$dir/rss"
    i=0
    while [ $i -lt "$runs" ]; do
        /usr/bin/time -f "%e %M" -o "$dir/one" "$@" >/dev/null
        cut -d' ' -f1 "$dir/one" >>"$dir/times"
        cut -d' ' -f2 "$dir/one" >>"$dir/rss"
        i=$((i + 1))
    done
    t=$(median <"$dir/times")
    rss=$(sort -n "$dir/rss" | tail -1)
    echo "$label $t $rss"
}
wc_line=$(measure "wc-w" wc -w "$corpus")
j1_line=$(measure "dixit-j1" "$bin" extract -q -j 1 "$corpus")
jn_line=$(measure "dixit-j$ncpu" "$bin" extract -q -j "$ncpu" "$corpus")
# one huge article: 20 MB of the longest paragraph with quotation marks of
# examples/depeche-fr.txt, repeated (memory grows with the article)
huge="$dir/article-20mb.txt"
if [ ! -s "$huge" ]; then
    python3 - "$huge" <<'PY'
import sys
paras = open("examples/depeche-fr.txt", encoding="utf-8").read().split("\n\n")
para = max((p for p in paras if "\u00ab" in p), key=len) + "\n\n"
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write(para * (20 * 1000 * 1000 // len(para.encode("utf-8")) + 1))
PY
fi
huge_line=$(measure "dixit-j1-one-20MB-article" "$bin" extract -q -j 1 --max-doc-bytes 30000000 "$huge")
python3 - "$bytes" "$docs" "$wc_line" "$j1_line" "$jn_line" "$huge_line" "$(wc -c <"$huge")" <<'PY'
import sys
b, d = int(sys.argv[1]), int(sys.argv[2])
rows = [l.split() for l in sys.argv[3:6]]
huge, huge_bytes = sys.argv[6].split(), int(sys.argv[7])
wc_t = float(rows[0][1])
print("| command | seconds (median) | MB/s | articles/s | peak RSS (MB) | speed / wc -w |")
print("|---|---|---|---|---|---|")
for name, t, rss in rows:
    t = float(t)
    print("| %s | %.2f | %.1f | %.0f | %.1f | %.3f |" % (name, t, b / 1e6 / t, d / t, int(rss) / 1024, wc_t / t))
t, rss = float(huge[1]), int(huge[2]) * 1024
print("| %s | %.2f | %.1f | %.2f | %.1f (%.1f bytes per input byte) | - |"
      % (huge[0], t, huge_bytes / 1e6 / t, 1 / t, rss / 2**20, rss / huge_bytes))
j1, jn = float(rows[1][1]), float(rows[2][1])
print("\n%s is %.2f x %s" % (rows[2][0], j1 / jn, rows[1][0]))
PY
# web pages: the 381 pages of ../shared/data/html, decompressed into one
# folder, read by `dixit text` (extraction alone) and `dixit extract`
# (extraction and attribution), beside `wc -w` on the same files
if [ -d "$shared/data/html" ]; then
    pages="$dir/html"
    if [ ! -d "$pages" ]; then
        mkdir -p "$pages"
        for f in "$shared"/data/html/*/html/*.html.gz; do
            set_name=$(basename "$(dirname "$(dirname "$f")")")
            gzip -dc "$f" >"$pages/$set_name-$(basename "$f" .gz)"
        done
    fi
    npages=$(ls "$pages" | wc -l)
    hbytes=$(cat "$pages"/* | wc -c)
    hwc_line=$(measure "wc-w-pages" sh -c "cat '$pages'/* | wc -w")
    text_line=$(measure "dixit-text-j1" "$bin" text -q -j 1 "$pages")
    hext_line=$(measure "dixit-extract-j1" "$bin" extract -q -j 1 "$pages")
    # the floor: libxml2's parse alone, with dixit's options (bench/html_parse.c)
    parse_line=""
    if cc -O2 -o "$dir/html_parse" bench/html_parse.c $(pkg-config --cflags --libs libxml-2.0) 2>/dev/null; then
        parse_line=$(measure "libxml2-parse-only" sh -c "'$dir/html_parse' '$pages'/*")
    fi
    python3 - "$hbytes" "$npages" "$hwc_line" "$text_line" "$hext_line" $parse_line <<'PY'
import sys
b, d = int(sys.argv[1]), int(sys.argv[2])
rows = [l.split() for l in sys.argv[3:6]]
if len(sys.argv) == 9:
    rows.append(sys.argv[6:9])
wc_t = float(rows[0][1])
print("\nweb pages: %d pages, %.1f MB of HTML" % (d, b / 1e6))
print("| command | seconds (median) | MB/s of HTML | pages/s | peak RSS (MB) | speed / wc -w |")
print("|---|---|---|---|---|---|")
for name, t, rss in rows:
    t = float(t)
    print("| %s | %.2f | %.1f | %.0f | %.1f | %.3f |" % (name, t, b / 1e6 / t, d / t, int(rss) / 1024, wc_t / t))
PY
fi
