#!/bin/sh
# tests/pg.sh BIN [SHARED]: the corpus store in PostgreSQL, on a real
# PostgreSQL 15 cluster that this script makes and starts itself (initdb
# and pg_ctl as the postgres user, a unix socket in its own folder, no TCP,
# the port from PGPORT or a free one), stopped at the end whatever
# happens. (a) articles written here, indexed into SQLite and into
# PostgreSQL: dixit search, stats and export give the same lines; (b) 8
# shards of PolNeAR train + dev and the French dev articles loaded at once
# into one database: the same results as one SQLite index of the whole
# (the repository's examples when SHARED/data is absent:
# tests/scale_inputs.sh); (c) a shard killed with SIGKILL
# while it loads leaves none of its articles, and run again completes the
# database; (d) a bad URL, a refused connection, a database of a newer
# schema or not dixit's: one line each (no password in it), status 1;
# (e) dixit serve over the SQLite and the PostgreSQL index of the same
# input: every /api/ path gives the same bytes (curl), the kept counts
# follow a commit, and the server stopped under it is a 503, not a crash,
# until it is back.
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shared=${2:-../shared}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/check.sh"
# check, with status 1 when it failed (so that `checkr … || cat LOG` says why)
checkr() {
    f0=$fails
    check "$@"
    [ "$fails" = "$f0" ]
}
pgbin=/usr/lib/postgresql/15/bin
[ -x "$pgbin/pg_ctl" ] || { echo "FAIL PostgreSQL 15 not installed (apt-get install postgresql-15)"; exit 1; }

# ---- the cluster: as postgres when we are root (PostgreSQL refuses root)
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
port=${PGPORT:-$(python3 -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
chmod 755 "$t"
mkdir -p "$t/pg/sock"
[ "$(id -u)" != 0 ] || chown -R postgres "$t/pg"
stop_pg() {
    for f in "$t"/serve-*.pid; do [ ! -f "$f" ] || kill "$(cat "$f")" 2>/dev/null; done
    [ ! -f "$t/pg/data/postmaster.pid" ] || as_pg "$pgbin/pg_ctl" -D "$t/pg/data" -m immediate -w stop >/dev/null 2>&1
    [ -n "$KEEP" ] || rm -rf "$t"
}
trap stop_pg EXIT
trap 'exit 1' INT TERM
as_pg "$pgbin/initdb" -D "$t/pg/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$t/initdb.log" 2>&1 &&
    as_pg "$pgbin/pg_ctl" -D "$t/pg/data" -l "$t/pg/log" \
        -o "-k $t/pg/sock -c listen_addresses='' -p $port -c max_connections=40" -w start >/dev/null 2>&1
i=0
while ! "$pgbin/pg_isready" -q -h "$t/pg/sock" -p "$port" && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
checkr "a PostgreSQL 15 cluster of our own, answering on $t/pg/sock port $port" \
    '"$pgbin/pg_isready" -q -h "$t/pg/sock" -p "$port"' || { cat "$t/initdb.log" "$t/pg/log"; exit 1; }
sql() { "$pgbin/psql" -X -q -A -t -h "$t/pg/sock" -p "$port" -U postgres -d "$1" -c "$2"; }
url() { echo "postgresql:///$1?host=$t/pg/sock&port=$port&user=postgres"; }
newdb() { sql postgres "CREATE DATABASE $1" && url "$1"; }

# Compares what SQLite file $1 and PostgreSQL URL $2 answer, into files
# named $3.*: searches without words (their order is defined: newest,
# then the order of indexing), searches with words (the same rows; their
# order, bm25 against ts_rank, is not), stats by every kind and two
# combinations, the Quotebank export in JSON Lines and CSV. $speakers,
# $outlets and $words are lists (_ for a space). Differences in $3.diff;
# 0 when there is none.
compare() {
    : >"$3.diff"
    for db in "$1" "$2"; do
        k=$([ "$db" = "$1" ] && echo sqlite || echo pg)
        o=$3.$k
        {
            "$bin" search --db "$db" -f jsonl --limit 0
            "$bin" search --db "$db" -f jsonl --limit 7
            "$bin" search --db "$db" -f jsonl --limit 0 --lang fr --type direct
            "$bin" search --db "$db" -f jsonl --limit 0 --since 2016 --until 2016-10
            "$bin" search --db "$db" -f jsonl --limit 0 --min-confidence 0.8 --act statement
            for s in $speakers; do "$bin" search --db "$db" -f jsonl --limit 0 --speaker "$(echo "$s" | tr _ " ")"; done
            for g in female male unknown; do "$bin" search --db "$db" -f jsonl --limit 0 --gender $g; done
            for w in $outlets; do "$bin" search --db "$db" -f jsonl --limit 0 --outlet "$(echo "$w" | tr _ " ")"; done
        } >"$o.search" 2>>"$o.err"
        for w in $words; do "$bin" search --db "$db" -f jsonl --limit 0 "$(echo "$w" | tr _ " ")" | sort; done >"$o.words" 2>>"$o.err"
        for by in speaker outlet month gender act lang outlet,gender month,gender speaker,outlet,month,gender,act,lang; do
            "$bin" stats --db "$db" -f csv --by $by
            "$bin" stats --db "$db" -f csv --by $by --lang en --since 2016-09
        done >"$o.stats" 2>>"$o.err"
        "$bin" export --db "$db" --quotebank >"$o.export" 2>>"$o.err"
        "$bin" export --db "$db" --quotebank -f csv >>"$o.export" 2>>"$o.err"
    done
    for f in search words stats export; do
        [ -s "$3.sqlite.$f" ] || echo "$f: nothing from SQLite" >>"$3.diff"
        cmp -s "$3.sqlite.$f" "$3.pg.$f" || diff "$3.sqlite.$f" "$3.pg.$f" | head -20 >>"$3.diff"
    done
    [ ! -s "$3.sqlite.err" ] && [ ! -s "$3.pg.err" ] && [ ! -s "$3.diff" ]
}
show() { head -c 3000 "$1.diff" "$1.sqlite.err" "$1.pg.err"; }

# ---- (a) articles of our own, in both stores
python3 - "$t" <<'PY'
import json, sys
t = sys.argv[1]
arts = [
    ("fr1", "2026-01-10", "Le Courrier", "fr", "« Il faut se mettre à l'œuvre sans attendre », a déclaré Paul Roy, le maire de Lille, lundi. Le ministère de la Santé a précisé que les vaccins arriveraient en mars."),
    ("fr2", "2026-02-03", "La Gazette", "fr", "Anne Morel a estimé que la réforme des retraites serait votée avant l'été. « Nous tiendrons nos promesses », a-t-elle ajouté devant les députés."),
    ("fr3", "2026-02-03", "Le Courrier", "fr", "« Nous tiendrons nos promesses », a répété Mme Morel mardi. Selon Paul Roy, « la ville ne paiera pas la facture du ministère »."),
    ("en1", "2026-02-20", "The Ledger", "en", "\u201cThe bridge will reopen in May,\u201d said Maria Lopez, the city engineer. John Smith said the budget was too small."),
    ("en2", "2026-03-01", "Harbor News", "en", "\u201cThe bridge will reopen in May,\u201d Lopez told reporters on Friday. Mr. Smith said he would vote against the budget."),
    ("en3", None, None, "en", "Senator Jane Doe said the ministère\u2019s letter was \u201ca welcome step\u201d. \u201cWe will read it closely,\u201d she added."),
]
with open(t + "/small.jsonl", "w") as f:
    for i, d, site, lang, text in arts:
        o = {"id": i, "lang": lang, "text": text}
        if d: o["date"] = d
        if site: o["site"] = site
        f.write(json.dumps(o, ensure_ascii=False) + "\n")
PY
ua=$(newdb dixit_a)
"$bin" index -q --db "$t/a.db" "$t/small.jsonl"
"$bin" index -q --db "$ua" "$t/small.jsonl" 2>"$t/a.err"
st=$?
checkr "index into PostgreSQL: status 0, silent, every article and record stored" \
    '[ $st = 0 ] && [ ! -s "$t/a.err" ] && [ "$(sql dixit_a "select count(*) from articles")" = 6 ] &&
     [ "$(sql dixit_a "select count(*) from attributions")" = "$(sqlite3 "$t/a.db" "select count(*) from attributions")" ]' ||
    cat "$t/a.err"
tables="'articles', 'attributions', 'speakers', 'persons', 'quotations'"
checkr "index ends with ANALYZE: the planner's statistics there at once, not when autovacuum comes" \
    '[ "$(sql dixit_a "select count(*) from pg_stat_user_tables where relname in ($tables) and last_analyze is not null")" = 5 ]'
newest="CREATE INDEX articles_newest ON public.articles USING btree (date DESC NULLS LAST, ord)"
sql dixit_a "drop index articles_newest"
: >"$t/empty.jsonl" # (no article: /dev/null is one, of id "null")
"$bin" index -q --db "$ua" "$t/empty.jsonl"
checkr "the newest articles' index (date DESC NULLS LAST, ord): made again in a database without it" \
    '[ "$(sql dixit_a "select indexdef from pg_indexes where indexname = '"'articles_newest'"'")" = "$newest" ]'
checkr "the same speakers and persons as SQLite, linked across articles" \
    '[ "$(sql dixit_a "select s.name, coalesce(p.name, '"'-'"'), coalesce(p.gender, '"'-'"') from speakers s left join persons p on p.id = s.person order by 1" | tr "|" " ")" = \
       "$(sqlite3 "$t/a.db" "select s.name, coalesce(p.name, '"'-'"'), coalesce(p.gender, '"'-'"') from speakers s left join persons p on p.id = s.person order by 1" | tr "|" " ")" ] &&
     [ "$(sql dixit_a "select count(*) from persons")" -ge 3 ]'
speakers="Morel Lopez Roy smith Paul_Roy Anne_MOREL"
outlets="Le_Courrier the_ledger"
words="ministere nous \"tiendrons_nos\" bridge Bridg* réforme oeuvre œuvre lopez"
compare "$t/a.db" "$ua" "$t/a"
checkr "search, stats and export: the same lines from SQLite and PostgreSQL" '[ ! -s "$t/a.diff" ]' || show "$t/a"
checkr "a search and filters of two words (--speaker \"Paul Roy\", --outlet \"le courrier\"): the same" \
    '[ "$("$bin" search --db "$t/a.db" -f jsonl --speaker "Paul Roy" --outlet "le courrier")" = "$("$bin" search --db "$ua" -f jsonl --speaker "Paul Roy" --outlet "le courrier")" ] &&
     [ -n "$("$bin" search --db "$ua" -f jsonl --speaker "Paul Roy" --outlet "le courrier")" ]'
checkr "ministere finds ministère (accents and case aside), in the quotation and the speaker column" \
    '[ "$("$bin" search --db "$ua" -f jsonl --limit 0 MINISTERE | wc -l)" = 3 ] &&
     [ "$("$bin" search --db "$ua" -f jsonl --limit 0 "doe" | wc -l)" -ge 1 ]'
checkr "the export merged a quotation across two outlets" \
    'grep -q "\"numOccurrences\":2" "$t/a.pg.export"'
before=$(sql dixit_a "select count(*) from articles; select count(*) from attributions; select count(*) from quotations")
"$bin" index -q --db "$ua" "$t/small.jsonl"
checkr "the same articles again: replaced, not added" \
    '[ "$(sql dixit_a "select count(*) from articles; select count(*) from attributions; select count(*) from quotations")" = "$before" ]'
sed 's/"id": "fr1"/"id": "copy-of-fr1"/' "$t/small.jsonl" | head -1 >"$t/copy.jsonl"
"$bin" index -q --db "$ua" "$t/copy.jsonl"
"$bin" index -q --db "$t/a.db" "$t/copy.jsonl"
checkr "the same text under another id replaces the article, as in SQLite" \
    '[ "$(sql dixit_a "select string_agg(doc, '"' '"' order by doc) from articles")" = "copy-of-fr1 en1 en2 en3 fr2 fr3" ] &&
     [ "$(sql dixit_a "select count(*) from attributions")" = "$(sqlite3 "$t/a.db" "select count(*) from attributions")" ]'

# ---- (b) 8 shards at once, against one SQLite index of the whole
. "$(dirname "$0")/scale_inputs.sh"
[ -d "$shared/data/polnear" ] || echo "pg: $shared/data absent; part (b) on the repository's examples instead"
if true; then
    ins=$(scale_inputs "$shared" "$t" clean)
    "$bin" shard -q --parts 8 $ins --out "$t/shards"
    s0=$(date +%s.%N)
    "$bin" index -q --db "$t/whole.db" $ins
    s1=$(date +%s.%N)
    ub=$(newdb dixit_b)
    pids=
    for k in 1 2 3 4 5 6 7 8; do
        "$bin" index -q -j1 --shard "$t/shards/shard-000$k.jsonl" --db "$ub" 2>"$t/b$k.err" &
        pids="$pids $!"
    done
    bad=0
    for p in $pids; do wait "$p" || bad=$((bad + 1)); done
    s2=$(date +%s.%N)
    echo "     (one SQLite index: $(echo "$s1 - $s0" | bc) s; 8 shards into PostgreSQL at once: $(echo "$s2 - $s1" | bc) s)"
    checkr "8 shards indexed into one database at once: all status 0, silent" \
        '[ $bad = 0 ] && [ -z "$(cat "$t"/b?.err)" ]' || cat "$t"/b?.err
    checkr "the articles and records of the whole run" \
        '[ "$(sql dixit_b "select count(*) from articles; select count(*) from attributions")" = "$(sqlite3 "$t/whole.db" "select count(*) from articles; select count(*) from attributions")" ]'
    speakers="Trump Clinton Macron Obama Pence"
    outlets="breitbart Le_Monde"
    words="emails \"the_american_people\" immigr* ministere Trump"
    compare "$t/whole.db" "$ub" "$t/b"
    checkr "search, stats and export of the 8 shards: the same lines as one SQLite index" '[ ! -s "$t/b.diff" ]' ||
        show "$t/b"
    # the same shards one after another, last first: the same database
    uc=$(newdb dixit_c)
    for k in 8 7 6 5 4 3 2 1; do "$bin" index -q --shard "$t/shards/shard-000$k.jsonl" --db "$uc"; done
    checkr "the shards loaded one by one in reverse order: the same results" \
        'compare "$t/whole.db" "$uc" "$t/c" && cmp -s "$t/b.pg.export" "$t/c.pg.export"' || show "$t/c"
fi

# ---- (c) a shard killed while it loads
python3 - "$t" <<'PY'
import json, sys
t = sys.argv[1]
texts = [
    "« Nous tiendrons nos promesses », a déclaré Anne Morel, la ministre, lundi. Le maire a précisé que les travaux commenceraient en mars.",
    "\u201cThe bridge will reopen in May,\u201d said Maria Lopez, the city engineer. John Smith said the budget was too small.",
]
with open(t + "/big.jsonl", "w") as f:
    for k in range(30000):
        f.write(json.dumps({"id": "k%d" % k, "lang": "fr" if k % 2 == 0 else "en", "text": texts[k % 2] + " (%d)" % k}, ensure_ascii=False) + "\n")
PY
"$bin" shard -q --parts 2 "$t/big.jsonl" --out "$t/kshards"
ud=$(newdb dixit_d)
"$bin" index -q --shard "$t/kshards/shard-0001.jsonl" --db "$ud"
first=$(sql dixit_d "select count(*) from articles")
"$bin" index -q -j1 --shard "$t/kshards/shard-0002.jsonl" --db "$ud" 2>/dev/null &
kp=$!
i=0 # until it is copying batches into its tables, then a second more
while [ "$(sql dixit_d "select count(*) from pg_stat_activity where datname = 'dixit_d' and query like 'COPY st_%'")" = 0 ] &&
    [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
sleep 1
kill -9 $kp
wait $kp 2>/dev/null
i=0 # the server ends the session of a client gone
while [ "$(sql dixit_d "select count(*) from pg_stat_activity where datname = 'dixit_d' and pid <> pg_backend_pid()")" != 0 ] &&
    [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
checkr "a shard killed (SIGKILL) while it loads: none of its articles, the other shard's all there" \
    '[ "$first" -gt 0 ] && [ "$(sql dixit_d "select count(*) from articles where doc >= '"'k'"' and ord >> 32 = 2")" = 0 ] &&
     [ "$(sql dixit_d "select count(*) from articles")" = "$first" ] &&
     [ "$(sql dixit_d "select count(*) from attributions a join articles ar on ar.id = a.article")" = "$(sql dixit_d "select count(*) from attributions")" ]'
"$bin" index -q --shard "$t/kshards/shard-0002.jsonl" --db "$ud"
checkr "the killed shard run again: the database complete (30000 articles)" \
    '[ "$(sql dixit_d "select count(*) from articles")" = 30000 ] &&
     [ "$(sql dixit_d "select count(*) from articles where ord >> 32 = 2")" = $((30000 - first)) ]'

# ---- (d) what is refused, with one line and status 1
one_line() { [ "$1" = 1 ] && [ "$(wc -l <"$t/err")" = 1 ] && grep -q "$2" "$t/err" && ! grep -q s3cret "$t/err"; }
"$bin" index -q --db "postgresql://postgres:s3cret@localhost:notaport/x" "$t/small.jsonl" 2>"$t/err"
st=$?
checkr "a bad URL: one line, status 1, no password in it" 'one_line $st "invalid integer value"' || cat "$t/err"
"$bin" search --db "postgresql://postgres:s3cret@/x?host=$t/pg/sock&port=$((port + 1))" word 2>"$t/err"
st=$?
checkr "a refused connection: one line, status 1, no password in it" 'one_line $st "cannot connect"' || cat "$t/err"
"$bin" stats --by act --db "host=$t/pg/sock port=$port user=postgres password=s3cret dbname=nowhere" 2>"$t/err"
st=$?
checkr "a database that does not exist (libpq keywords): one line, status 1" 'one_line $st "nowhere"' || cat "$t/err"
ue=$(newdb dixit_e)
"$bin" index -q --db "$ue" "$t/small.jsonl" && sql dixit_e "update dixit_schema set version = 2"
"$bin" index -q --db "$ue" "$t/small.jsonl" 2>"$t/err"
st=$?
checkr "a database of a newer schema: index refuses it" 'one_line $st "newer dixit (schema 2; this one reads up to 1)"' ||
    cat "$t/err"
"$bin" search --db "$ue" bridge 2>"$t/err"
st=$?
checkr "and search too" 'one_line $st "newer dixit"' || cat "$t/err"
uf=$(newdb dixit_f)
sql dixit_f "create table notes (x int)"
"$bin" index -q --db "$uf" "$t/small.jsonl" 2>"$t/err"
st=$?
checkr "a database with tables, not dixit's: refused, left as it was" \
    'one_line $st "not dixit" && [ "$(sql dixit_f "select count(*) from pg_tables where schemaname = '"'public'"'")" = 1 ]' ||
    cat "$t/err"
ug=$(newdb dixit_g)
"$bin" export --db "$ug" --quotebank 2>"$t/err"
st=$?
checkr "an empty database read: one line, status 1" 'one_line $st "empty database"' || cat "$t/err"

# ---- (e) dixit serve over either store
# serve_on NAME DB: starts dixit serve --port 0 on DB; its base URL into
# $t/serve-NAME.url (empty when it did not listen)
serve_on() {
    : >"$t/serve-$1.err"
    "$bin" serve --quiet --port 0 --db "$2" 2>"$t/serve-$1.err" &
    echo $! >"$t/serve-$1.pid"
    i=0
    while ! grep -q "^dixit serve: http" "$t/serve-$1.err" && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
    sed -n 's|^dixit serve: \(http://127.0.0.1:[0-9]*\)/.*|\1|p' "$t/serve-$1.err" >"$t/serve-$1.url"
}
# get NAME PATH: the answer's body, then its status on a line of its own
get() { curl -s -w '\n%{http_code}\n' "$(cat "$t/serve-$1.url")$2"; }
# the rows of a search in the order of their attribution ids (for ranked
# searches, bm25 against ts_rank)
by_id() { python3 -c 'import json, sys
d = json.loads(sys.stdin.read().rsplit("\n", 2)[0])
print(json.dumps(sorted(d["results"], key=lambda r: r["attribution"]), sort_keys=True), d["more"])'; }
ue=$(newdb dixit_s)
"$bin" index -q --db "$ue" $ins 2>"$t/s.err"
serve_on lite "$t/whole.db"
serve_on pg "$ue"
checkr "dixit serve --db postgresql://...: listens, and says where without a password" \
    '[ -s "$t/serve-pg.url" ] && [ -s "$t/serve-lite.url" ] && [ ! -s "$t/s.err" ] && grep -q "dixit_s" "$t/serve-pg.err"' ||
    cat "$t/s.err" "$t/serve-pg.err" "$t/serve-lite.err"
checkr "on PostgreSQL, 4 threads by default (a thread waits while the server works): 4 connections" \
    '[ "$(sql dixit_s "select count(*) from pg_stat_activity where datname = '"'dixit_s'"' and pid <> pg_backend_pid()")" = 4 ]'
# ids to ask for: persons quoted most, articles and quotations first, middle, last
persons=$(sqlite3 "$t/whole.db" "select p.id from persons p join speakers s on s.person = p.id join attributions a on a.speaker = s.id group by p.id order by count(*) desc, p.id limit 6")
articles=$(sqlite3 "$t/whole.db" "select min(id), max(id), (min(id) + max(id)) / 2 from articles" | tr "|" " ")
quotes=$(sqlite3 "$t/whole.db" "select min(id), max(id) from quotations; select id from quotations where occurrences > 1 order by occurrences desc, id limit 3" | tr "|" " ")
: >"$t/paths"
for p in "" "?limit=500&offset=100" "?limit=7" "?speaker=Trump&limit=100" "?speaker=Hillary%20Clinton&limit=500" \
    "?lang=fr&type=direct&limit=500" "?since=2016&until=2016-10" "?gender=female&limit=200" "?gender=unknown&offset=50" \
    "?outlet=breitbart&limit=500" "?outlet=LE%20MONDE" "?min_confidence=0.8&act=statement" "?q=said&limit=500" \
    "?q=the&offset=300" "?q=the&speaker=Trump&limit=50" "?q=ministere" "?q=ministere&lang=fr&type=direct&limit=500"; do
    echo "/api/search$p" >>"$t/paths"
done
for p in "by=speaker,outlet,month,week,gender,act,type,lang" "by=speaker&limit=500&lang=en" "by=week,month&q=trump" \
    "by=outlet,gender&since=2016-09&min_confidence=0.5" "by=act,type&q=%22the%20american%20people%22" "by=lang&speaker=Macron"; do
    echo "/api/stats?$p" >>"$t/paths"
done
for id in $persons; do echo "/api/speakers/$id"; echo "/api/search?speaker=$id&limit=500"; echo "/api/stats?by=month,act&speaker=$id"; done >>"$t/paths"
for id in $articles; do echo "/api/articles/$id"; done >>"$t/paths"
for id in $quotes; do echo "/api/quotations/$id"; done >>"$t/paths"
for p in /api/speakers/999999 /api/articles/999999 /api/quotations/999999 /api/nothing "/api/search?x=1" "/api/stats" \
    "/api/search?limit=501" "/api/articles/abc"; do
    echo "$p" >>"$t/paths"
done
: >"$t/serve.diff"
while read -r p; do
    get lite "$p" >"$t/r-lite"
    get pg "$p" >"$t/r-pg"
    [ "$(tail -1 "$t/r-lite")" != 000 ] || echo "$p: no answer from SQLite" >>"$t/serve.diff"
    cmp -s "$t/r-lite" "$t/r-pg" || { echo "$p:" && diff "$t/r-lite" "$t/r-pg" | cut -c 1-300 | head -4; } >>"$t/serve.diff"
done <"$t/paths"
# a search without words, newest first: walked down articles_newest, not every attribution sorted
checkr "the newest attributions read by the articles' date index, not sorted whole" \
    'sql dixit_s "explain select a.id from attributions a join articles ar on ar.id = a.article
        order by ar.date desc nulls last, ar.ord, a.id limit 50" | grep -q "Index Scan using articles_newest"'
checkr "every /api/ path ($(wc -l <"$t/paths") of them): the same status and bytes from SQLite and PostgreSQL" \
    '[ ! -s "$t/serve.diff" ]' || head -c 3000 "$t/serve.diff"
: >"$t/serve.diff"
for p in "?q=trump&speaker=clinton&limit=500" "?q=said&speaker=Trump&limit=500" "?q=emails&limit=500" "?q=immigr*&limit=500" "?q=%22the%20american%20people%22&limit=500"; do
    [ "$(get lite "/api/search$p" | by_id)" = "$(get pg "/api/search$p" | by_id)" ] || echo "$p" >>"$t/serve.diff"
done
checkr "searches with words ranked (bm25 against ts_rank): the same rows" '[ ! -s "$t/serve.diff" ]' || cat "$t/serve.diff"
before=$(get pg "/api/stats?by=lang")
"$bin" index -q --db "$ue" "$t/small.jsonl"
"$bin" index -q --db "$t/whole.db" "$t/small.jsonl"
checkr "kept counts dropped when an index commits beside the server (the snapshot changed): the new counts" \
    '[ "$(get pg "/api/stats?by=lang")" != "$before" ] && [ "$(get pg "/api/stats?by=lang")" = "$(get lite "/api/stats?by=lang")" ]'
as_pg "$pgbin/pg_ctl" -D "$t/pg/data" -m fast -w stop >/dev/null 2>&1
get pg "/api/search?q=said" >"$t/r-gone"
get pg "/api/stats?by=act" >>"$t/r-gone"
get pg "/api/speakers/1" >>"$t/r-gone"
checkr "the PostgreSQL server stopped under dixit serve: each answer a 503 with one JSON message, the server alive" \
    '[ "$(grep -c "^503$" "$t/r-gone")" = 3 ] && [ "$(grep -c "database server is unavailable" "$t/r-gone")" = 3 ] &&
     kill -0 "$(cat "$t/serve-pg.pid")" && ! grep -q s3cret "$t/r-gone"' || cat "$t/r-gone" "$t/serve-pg.err"
as_pg "$pgbin/pg_ctl" -D "$t/pg/data" -l "$t/pg/log" \
    -o "-k $t/pg/sock -c listen_addresses='' -p $port -c max_connections=40" -w start >/dev/null 2>&1
checkr "and when it is back, the same answers again (connections made anew)" \
    '[ "$(get pg "/api/stats?by=lang")" = "$(get lite "/api/stats?by=lang")" ] &&
     [ "$(get pg "/api/speakers/1")" = "$(get lite "/api/speakers/1")" ]'
kill -TERM "$(cat "$t/serve-pg.pid")"
wait "$(cat "$t/serve-pg.pid")"
st=$?
rm -f "$t/serve-pg.pid"
checkr "SIGTERM: dixit serve on PostgreSQL stops with status 0" '[ $st = 0 ]'

# --query-time on PostgreSQL: statement_timeout, four times it (4 ms),
# stops a count of every attribution of part (c)'s 30,000 articles
: >"$t/serve-qt.err"
"$bin" serve --quiet --port 0 --query-time 1 --db "$ud" 2>"$t/serve-qt.err" &
echo $! >"$t/serve-qt.pid"
i=0
while ! grep -q "^dixit serve: http" "$t/serve-qt.err" && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
sed -n 's|^dixit serve: \(http://127.0.0.1:[0-9]*\)/.*|\1|p' "$t/serve-qt.err" >"$t/serve-qt.url"
get qt "/api/stats?by=speaker,week,month,outlet,gender,act,type,lang" >"$t/r-qt"
checkr "--query-time 1 on PostgreSQL: a count past it is a 408 with a JSON error, the server alive" \
    '[ "$(tail -1 "$t/r-qt")" = 408 ] && grep -q "{\"error\":\"the query ran past its time limit" "$t/r-qt" &&
     [ "$(get qt "/api/articles/1" | tail -1)" = 200 ]' || cat "$t/r-qt" "$t/serve-qt.err"

# read-only sessions: the quotations' table made a view that tells the
# request's settings, then one that writes; serve's session must be
# read-only by default and its request a REPEATABLE READ READ ONLY
# transaction, and the write refused (a 500), nothing written
ur=$(newdb dixit_r)
"$bin" index -q --db "$ur" "$t/small.jsonl"
sql dixit_r "ALTER TABLE quotations RENAME TO quotations_t; CREATE TABLE writes (x int);
    CREATE VIEW quotations AS SELECT id, current_setting('default_transaction_read_only') || ' ' ||
      current_setting('transaction_read_only') || ' ' || current_setting('transaction_isolation') AS text,
      speaker, person, first_article, first_date, occurrences, outlets FROM quotations_t"
serve_on ro "$ur"
qid=$(sql dixit_r "select min(id) from quotations_t")
checkr "serve's sessions on PostgreSQL: read-only by default, each request a REPEATABLE READ READ ONLY transaction" \
    'get ro "/api/quotations/$qid" | grep -q "\"text\":\"on on repeatable read\""' || get ro "/api/quotations/$qid"
sql dixit_r "CREATE FUNCTION probe() RETURNS SETOF quotations_t LANGUAGE plpgsql AS \$\$
      BEGIN INSERT INTO writes VALUES (1); RETURN QUERY SELECT * FROM quotations_t; END \$\$;
    DROP VIEW quotations; CREATE VIEW quotations AS SELECT id, text, speaker, person, first_article, first_date,
      occurrences, outlets FROM probe()"
serve_on rw "$ur" # (a new server: the first prepared its statements on the view before)
get rw "/api/quotations/$qid" >"$t/r-ro"
checkr "a statement of serve that would write (a view's function inserting): refused, a 500, nothing written" \
    '[ "$(tail -1 "$t/r-ro")" = 500 ] && grep -q "read-only transaction" "$t/r-ro" &&
     [ "$(sql dixit_r "select count(*) from writes")" = 0 ] && kill -0 "$(cat "$t/serve-rw.pid")"' || cat "$t/r-ro"
passed pg
