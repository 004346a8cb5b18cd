#!/bin/sh
# serve.sh: dixit serve under load (make bench-serve). Builds a corpus of
# at least ATTRS attributions from ../shared/data as bench/store.sh does
# (the articles cycled, each copy a text of its own), indexes it, starts
# `dixit serve --quiet --port 0` (THREADS threads, default the server's:
# 2, 4 on PostgreSQL), and sends REQUESTS API requests from bench/load.c
# at 32 connections: a fixed mix
# (seed 1) of /api/search with words and filters, /api/stats (1% of them
# every facet of the whole corpus, the page's first view),
# /api/speakers/ID, /api/articles/ID and /api/quotations/ID. Prints the
# errors (none expected), requests per second, p50/p99 latency, and the
# server's resident memory (VmRSS) before, at its highest during, and
# after the run. With BENCH_PG=postgresql://... (an empty database, or
# one this script indexed the same corpus into before), the same corpus
# indexed there too and the same requests served from it, after SQLite's.
# usage: [BENCH_PG=URL] bench/serve.sh BUILD/dixit BUILD/load SHARED [ATTRS] [REQUESTS]
set -eu
bin=$1
load=$2
shared=$3
want=${4:-100000}
requests=${5:-5000}
conns=32
if [ ! -d "$shared/data/polnear" ]; then
    echo "bench serve: $shared/data not found; skipping"
    exit 0
fi
dir=${BENCH_DIR:-build/bench}
mkdir -p "$dir"
corpus="$dir/store-$want.jsonl"
db="$dir/serve-$want.db"
if [ ! -s "$corpus" ]; then
    python3 "$(dirname "$0")/corpus.py" "$shared" "$corpus" "$((want / 14 + 1))"
fi
if [ ! -s "$db" ] || [ "$corpus" -nt "$db" ]; then
    rm -f "$db" "$db-wal" "$db-shm"
    "$bin" index -q --db "$db" "$corpus"
fi
attrs=$(sqlite3 "$db" "select count(*) from attributions")
echo "serve: $(wc -l <"$corpus") articles, $attrs attributions, $requests requests at $conns connections, ${THREADS:-the default} threads (2 for SQLite, 4 for PostgreSQL)"

# the requests: a fixed mix over the database's own ids and words
python3 - "$db" "$dir/serve-paths" "$requests" <<'PY'
import random, sqlite3, sys, urllib.parse
db = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
r = random.Random(1)
persons = [x for (x,) in db.execute("select p.id from persons p join speakers s on s.person = p.id "
                                    "join attributions a on a.speaker = s.id group by p.id order by count(*) desc limit 300")]
articles = [x for (x,) in db.execute("select id from articles")]
quotes = [x for (x,) in db.execute("select id from quotations")]
months = [x for (x,) in db.execute("select distinct substr(date, 1, 7) from articles where date is not null")] or ["2016-01"]
words = ["president", "campaign", "said", "people", "vote", "tax", "health", "police", "election", "government",
         "ministere", "gouvernement", "réforme", "\"white house\"", "immigr*", "trump", "économie", "war", "court", "law"]
out = []
for i in range(int(sys.argv[3])):
    k = r.random()
    w = urllib.parse.quote(r.choice(words))
    if k < 0.30:
        out.append("/api/search?q=%s" % w)
    elif k < 0.40:
        out.append("/api/search?q=%s&speaker=%d&limit=20" % (w, r.choice(persons)))
    elif k < 0.45:
        out.append("/api/search?q=%s&lang=%s&since=%s&offset=%d" % (w, r.choice(["en", "fr"]), r.choice(months), r.choice([0, 50])))
    elif k < 0.50:
        out.append("/api/search?gender=%s&type=direct&limit=20" % r.choice(["female", "male"]))
    elif k < 0.57:
        out.append("/api/stats?q=%s&by=speaker,outlet,gender,act,type,lang" % w)
    elif k < 0.58:  # the page's first view: every facet of the whole corpus
        out.append("/api/stats?by=speaker,outlet,month,week,gender,act,type,lang")
    elif k < 0.60:
        out.append("/api/stats?by=speaker,month,gender&speaker=%d" % r.choice(persons))
    elif k < 0.75:
        out.append("/api/speakers/%d" % r.choice(persons))
    elif k < 0.90:
        out.append("/api/articles/%d" % r.choice(articles))
    else:
        out.append("/api/quotations/%d" % r.choice(quotes))
open(sys.argv[2], "w").write("\n".join(out) + "\n")
PY

# serve_load DB: serves DB, sends the requests twice on the same server,
# prints what load measured and the server's RSS; 1 when a request failed
serve_load() {
    err="$dir/serve.err"
    "$bin" serve --db "$1" --port 0 --quiet ${THREADS:+--threads "$THREADS"} 2>"$err" &
    pid=$!
    trap 'kill $pid 2>/dev/null || true' EXIT
    port=""
    i=0
    while [ -z "$port" ] && [ $i -lt 100 ]; do
        sleep 0.1
        port=$(sed -n 's|^dixit serve: http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$err")
        i=$((i + 1))
    done
    before=$(rss)
    # sampled every 0.1 s during the run
    (while kill -0 $pid 2>/dev/null; do rss; sleep 0.1; done) >"$dir/serve-rss" 2>/dev/null &
    sampler=$!
    st=0
    "$load" "$port" "$dir/serve-paths" "$conns" "$requests" || st=$?
    kill $sampler 2>/dev/null || true
    after=$(rss)
    peak=$(sort -n "$dir/serve-rss" | tail -1)
    echo "server RSS: $((before / 1024)) MB before, $((peak / 1024)) MB at most during, $((after / 1024)) MB after"
    # a second run on the same server: does memory keep growing?
    "$load" "$port" "$dir/serve-paths" "$conns" "$requests" >"$dir/serve-run2" || st=$?
    echo "second run: $(cat "$dir/serve-run2"); RSS after it $(($(rss) / 1024)) MB"
    kill -TERM $pid
    wait $pid || st=$?
    trap - EXIT
    return $st
}
rss() { awk '/^VmRSS/ {print $2}' "/proc/$pid/status"; }
status=0
serve_load "$db" || status=$?
if [ -n "${BENCH_PG:-}" ]; then
    # the same corpus in PostgreSQL (the ids are SQLite's: the requests hold)
    if ! "$bin" search --db "$BENCH_PG" --limit 1 >/dev/null 2>&1; then
        "$bin" index -q --db "$BENCH_PG" "$corpus" || exit 1
    fi
    echo "serve on PostgreSQL ($("$bin" stats --db "$BENCH_PG" --by lang -f csv | awk -F, 'NR > 1 {n += $2} END {print n}') attributions):"
    serve_load "$BENCH_PG" || status=$?
fi
exit $status
