#!/bin/sh
# tests/serve.sh BIN: dixit serve on a corpus this script writes (French
# and English web pages of three outlets, two of them with a quotation
# that is HTML or a script), indexed with dixit index. The server is
# started with --port 0 (it says its port on stderr) and stopped on exit,
# failure included. Checked with curl and python3: every API path's
# answer against the database, the filters, injection strings in every
# parameter (and the database unchanged after), 404/405/413/414/400 and
# 408, the security headers on every kind of answer, 32 connections at
# once, SIGTERM, and databases that are not dixit's.
bin=$1
here=$(dirname "$0")
. "$here/check.sh"
web=$(dirname "$here")/web
db="$t/s.db"
pid=""
stop_server() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    pid=""
}
trap 'stop_server; [ -n "$KEEP" ] || rm -rf "$t"' EXIT
trap 'exit 130' INT TERM

# ---- the corpus: web pages, each with its outlet, date and language
mkdir -p "$t/pages"
python3 - "$t/pages" <<'PY'
import sys, html
out = sys.argv[1]
pages = [
    ("fr1", "Le Courrier du Sud", "2026-01-12", "fr", "Le chantier de la mairie",
     ["« Il faut se mettre à l'œuvre sans attendre », a déclaré Paul Roy, le maire, lundi.",
      "Le ministère de la Santé a précisé que les vaccins arriveraient en mars."]),
    ("fr2", "Le Courrier du Sud", "2026-02-03", "fr", "Retraites",
     ["Anne Morel a estimé que la réforme des retraites serait votée avant l'été.",
      "« Nous tiendrons nos promesses », a-t-elle ajouté."]),
    ("en1", "The Harbor Ledger", "2026-02-20", "en", "Bridge to reopen",
     ["\u201cThe bridge will reopen in May,\u201d said Maria Lopez, the city engineer.",
      "John Smith said the budget was too small."]),
    ("en2", "Valley Times", "2026-03-02", "en", "Bridge, again",
     ["\u201cThe bridge will reopen in May,\u201d said Maria Lopez, the city engineer.",
      "John Smith accused the council of wasting money."]),
    ("inj1", "Valley Times", "2026-03-05", "en", "Markup <b>title</b>",
     ["\u201c<img src=x onerror=alert(1)>,\u201d said Maria Lopez on Tuesday."]),
    ("inj2", "The Harbor Ledger", "2026-03-06", "en", "A script",
     ["\u201c</script><script>alert(1)</script> is what \"they\" wrote,\u201d John Smith said on Wednesday."]),
]
for doc, site, date, lang, title, paras in pages:
    body = "".join("<p>%s</p>\n" % html.escape(p, quote=False) for p in paras)
    with open("%s/%s.html" % (out, doc), "w", encoding="utf-8") as f:
        f.write('<!DOCTYPE html>\n<html lang="%s"><head><meta charset="utf-8"><title>%s</title>\n'
                '<meta property="og:title" content="%s">\n<meta property="og:site_name" content="%s">\n'
                '<meta property="article:published_time" content="%sT08:00:00Z">\n'
                '<link rel="canonical" href="https://%s.example/%s">\n</head><body><article>\n<h1>%s</h1>\n%s'
                '</article></body></html>\n' % (lang, html.escape(title), html.escape(title), site, date,
                                               site.lower().replace(" ", ""), doc, html.escape(title), body))
PY
"$bin" index -q --db "$db" "$t/pages" 2>"$t/index.err"
check "the corpus indexed: six articles, an attribution per quotation at least" \
    '[ "$(sqlite3 "$db" "select count(*) from articles")" = 6 ] && [ "$(sqlite3 "$db" "select count(*) from attributions")" -ge 9 ]'
before=$(sqlite3 "$db" "select count(*) from articles; select count(*) from attributions; select count(*) from speakers" && sha256sum <"$db")

# ---- the server
start_server() { # start_server DB [options]: sets pid and base
    : >"$t/serve.err"
    "$bin" serve --db "$@" --port 0 2>"$t/serve.err" &
    pid=$!
    base=""
    i=0
    while [ $i -lt 100 ]; do
        port=$(sed -n 's|^dixit serve: http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$t/serve.err")
        if [ -n "$port" ] && curl -s -o /dev/null "http://127.0.0.1:$port/"; then
            base="http://127.0.0.1:$port"
            return 0
        fi
        kill -0 "$pid" 2>/dev/null || return 1
        sleep 0.05
        i=$((i + 1))
    done
    return 1
}
start_server "$db"
check "dixit serve --port 0: says its address on stderr, and answers" '[ -n "$base" ]'
[ -n "$base" ] || { passed serve; exit 1; }

# Python helpers: get(path) -> (status, headers, body, json), the
# database, and the corpus rows as the API should give them.
cat >"$t/api.py" <<'PY'
import json, os, sqlite3, urllib.request, urllib.error
BASE = os.environ["BASE"]
DB = sqlite3.connect("file:%s?mode=ro" % os.environ["DB"], uri=True)
def get(path, method="GET"):
    req = urllib.request.Request(BASE + path, method=method)
    try:
        with urllib.request.urlopen(req) as r:
            st, h, b = r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        st, h, b = e.code, e.headers, e.read()
    j = None
    if h.get("Content-Type") == "application/json" and b:
        j = json.loads(b.decode("utf-8"))
    return st, h, b, j
def ok(path):
    st, h, b, j = get(path)
    assert st == 200, (path, st, b[:300])
    return j
def q(sql, *args):
    return DB.execute(sql, args).fetchall()
def ids(j):
    return [r["attribution"] for r in j["results"]]
def search_ids(where, *args):
    return sorted(r[0] for r in q("select a.id from attributions a join articles ar on ar.id = a.article "
        "left join speakers s on s.id = a.speaker left join persons p on p.id = s.person where " + where, *args))
PY
py() { (cd "$t" && BASE=$base DB=${pydb:-$db} python3 -c "from api import *
$1"); }

# ---- the page and the headers of every answer
CSP="default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
headers_ok() { # headers_ok URL [curl options]: the security headers are there
    curl -s -o /dev/null -D "$t/h" "$@" >/dev/null
    grep -qxF "Content-Security-Policy: $CSP" "$(tr -d '\r' <"$t/h" >"$t/h2" && echo "$t/h2")" &&
        grep -qix "x-content-type-options: nosniff" "$t/h2" && grep -qix "referrer-policy: no-referrer" "$t/h2"
}
check "GET /: web/index.html byte for byte, text/html" \
    'curl -s -D "$t/h" "$base/" >"$t/b" && cmp -s "$t/b" "$web/index.html" && tr -d "\r" <"$t/h" | grep -qix "content-type: text/html; charset=utf-8"'
check "GET /app.js and /style.css: the files of web/, with their types" \
    'curl -s -D "$t/h" "$base/app.js" >"$t/b" && cmp -s "$t/b" "$web/app.js" && tr -d "\r" <"$t/h" | grep -qix "content-type: text/javascript; charset=utf-8" &&
     curl -s -D "$t/h" "$base/style.css" >"$t/b" && cmp -s "$t/b" "$web/style.css" && tr -d "\r" <"$t/h" | grep -qix "content-type: text/css; charset=utf-8"'
check "HEAD /: 200, no body" '[ "$(curl -s -I -o /dev/null -w "%{http_code}" "$base/")" = 200 ] && [ -z "$(curl -s -I "$base/" | tr -d "\r" | sed "1,/^\$/d")" ]'
check "the CSP, nosniff and no-referrer on /, an asset, an API answer, a 404, a 405, a 400" \
    'headers_ok "$base/" && headers_ok "$base/style.css" && headers_ok "$base/api/stats?by=lang" &&
     headers_ok "$base/nothing" && headers_ok -X POST "$base/api/search" && headers_ok "$base/api/search?limit=0"'

# ---- /api/search
check "/api/search: the newest 50 of all, every field as the database has it" \
    'py "j = ok(\"/api/search\")
assert j[\"offset\"] == 0 and j[\"limit\"] == 50 and j[\"more\"] is False
assert sorted(ids(j)) == search_ids(\"1\")
for r in j[\"results\"]:
    row = q(\"select a.rid, ar.id, ar.doc, a.type, a.quotation, a.start, a.end, s.name, p.id, p.name, a.speaker_mention, a.cue, a.act, a.confidence, ar.date, ar.site, ar.url, ar.title, a.quote, p.gender, a.parts, ar.lang from attributions a join articles ar on ar.id = a.article left join speakers s on s.id = a.speaker left join persons p on p.id = s.person where a.id = ?\", r[\"attribution\"])[0]
    keys = (\"id\", \"article\", \"doc\", \"type\", \"quotation\", \"start\", \"end\", \"speaker\", \"person\", \"person_name\", \"mention\", \"cue\", \"act\", \"confidence\", \"date\", \"site\", \"url\", \"title\", \"quote\", \"gender\")
    assert tuple(r[k] for k in keys) + (json.dumps(r[\"parts\"], separators=(\",\", \":\")), r[\"lang\"]) == row, (r, row)
dates = [r[\"date\"] for r in j[\"results\"]]
assert dates == sorted(dates, reverse=True)"'
check "/api/search paging: limit=2 at offsets 0 and 2 are the first four, more=true" \
    'py "a, b, c = ok(\"/api/search?limit=2\"), ok(\"/api/search?limit=2&offset=2\"), ok(\"/api/search?limit=4\")
assert a[\"more\"] and len(ids(a)) == 2 and ids(a) + ids(b) == ids(c), (ids(a), ids(b), ids(c))"'
check "filters: speaker by name and by id, outlet, since, until, lang, type, act, gender, min_confidence" \
    'py "pid = q(\"select person from speakers where name = ?\", \"Maria Lopez\")[0][0]
cases = [
  (\"speaker=Maria+Lopez\", \"s.person = ?\", pid),
  (\"speaker=Lopez\", \"s.person = ?\", pid),
  (\"speaker=%d\" % pid, \"s.person = ?\", pid),
  (\"outlet=valley+times\", \"ar.site = ?\", \"Valley Times\"),
  (\"since=2026-02-20\", \"ar.date >= ?\", \"2026-02-20\"),
  (\"until=2026-02\", \"ar.date < ?\", \"2026-03\"),
  (\"lang=fr\", \"ar.lang = ?\", \"fr\"),
  (\"type=direct\", \"a.type = ?\", \"direct\"),
  (\"act=accusation\", \"a.act = ?\", \"accusation\"),
  (\"gender=female\", \"p.gender = ?\", \"female\"),
  (\"min_confidence=0.9\", \"a.confidence >= ?\", 0.9),
]
for qs, where, arg in cases:
    want = search_ids(where, arg)
    got = sorted(ids(ok(\"/api/search?\" + qs)))
    assert got == want and want, (qs, got, want)"'
check "q: accents and case aside (ministere finds ministère, OEUVRE finds œuvre), a phrase, a prefix" \
    'py "for w, text in ((\"ministere\", \"ministère\"), (\"OEUVRE\", \"œuvre\"), (\"%22reopen+in+May%22\", \"reopen in May\"), (\"promes*\", \"promesses\")):
    j = ok(\"/api/search?q=\" + w)
    assert j[\"results\"] and all(text in r[\"quotation\"] or text in (r[\"speaker\"] or \"\") for r in j[\"results\"]), (w, j)"'
check "the injection articles: their quotations given back as written, no < or > raw in the JSON" \
    'py "for path, want in ((\"/api/search?q=onerror\", \"<img src=x onerror=alert(1)>\"), (\"/api/search?q=script\", \"</script><script>alert(1)</script> is what \\\"they\\\" wrote\")):
    st, h, b, j = get(path)
    assert st == 200 and any(r[\"quotation\"].startswith(want) for r in j[\"results\"]), (path, j)
    assert b\"<\" not in b and b\">\" not in b and b\"\\\\u003c\" in b, b[:300]"'

# ---- /api/stats
check "/api/stats?by=every kind: each facet's counts add up to the attributions, speakers with their person ids" \
    'py "j = ok(\"/api/stats?by=speaker,outlet,month,week,gender,act,type,lang\")
total = q(\"select count(*) from attributions\")[0][0]
f = j[\"facets\"]
assert sorted(f) == sorted([\"speaker\", \"outlet\", \"month\", \"week\", \"gender\", \"act\", \"type\", \"lang\"])
for k, v in f.items():
    assert sum(g[\"count\"] for g in v) == total, (k, v)
for g in f[\"speaker\"]:
    if g[\"id\"] is not None:
        assert q(\"select name from persons where id = ?\", g[\"id\"])[0][0] == g[\"value\"]
assert {g[\"value\"]: g[\"count\"] for g in f[\"outlet\"]} == dict(q(\"select ar.site, count(*) from attributions a join articles ar on ar.id = a.article group by ar.site\"))
months = [g[\"value\"] for g in f[\"month\"]]
assert months == sorted(months) and months[0] == \"2026-01\"
import datetime
for g in f[\"week\"]:
    d = datetime.date.fromisoformat(g[\"start\"])
    y, w, wd = d.isocalendar()
    assert wd == 1 and g[\"value\"] == \"%d-W%02d\" % (y, w), g
m = [g for g in f[\"gender\"] if g[\"value\"] == \"female\"][0]
assert m[\"women\"] == m[\"people\"] and m[\"men\"] == 0"'
check "/api/stats: every group's attributions, people, women and men as GROUP BY counts them" \
    'py "j = ok(\"/api/stats?by=speaker,outlet,month,gender,act,type,lang&limit=500\")[\"facets\"]
exprs = {\"speaker\": \"coalesce(p.name, s.name)\", \"outlet\": \"ar.site\", \"month\": \"substr(ar.date, 1, 7)\", \"gender\": \"p.gender\",
         \"act\": \"a.act\", \"type\": \"a.type\", \"lang\": \"ar.lang\"}
for k, e in exprs.items():
    want = sorted(q(\"select %s, count(*), count(distinct case when s.kind = \x27person\x27 then coalesce(p.id, -s.id) end), count(distinct case when p.gender = \x27female\x27 then p.id end), count(distinct case when p.gender = \x27male\x27 then p.id end) from attributions a join articles ar on ar.id = a.article left join speakers s on s.id = a.speaker left join persons p on p.id = s.person group by %s\" % (e, \"coalesce(\x27p\x27 || p.id, \x27s\x27 || s.id)\" if k == \"speaker\" else e)), key=repr)
    got = sorted(((g[\"value\"], g[\"count\"], g[\"people\"], g[\"women\"], g[\"men\"]) for g in j[k]), key=repr)
    assert got == want, (k, got, want)"'
check "/api/stats with filters and limit: by=speaker&lang=fr&limit=1" \
    'py "j = ok(\"/api/stats?by=speaker,lang&lang=fr&limit=1\")
assert len(j[\"facets\"][\"speaker\"]) == 1 and [g[\"value\"] for g in j[\"facets\"][\"lang\"]] == [\"fr\"]
assert j[\"facets\"][\"lang\"][0][\"count\"] == len(search_ids(\"ar.lang = ?\", \"fr\"))"'

# ---- /api/speakers, /api/articles, /api/quotations
check "/api/speakers/ID: the person, its counts, variants, timeline, recent records" \
    'py "pid = q(\"select person from speakers where name = ?\", \"Maria Lopez\")[0][0]
j = ok(\"/api/speakers/%d\" % pid)
assert (j[\"id\"], j[\"name\"], j[\"gender\"]) == q(\"select id, name, gender from persons where id = ?\", pid)[0]
n = len(search_ids(\"s.person = ?\", pid))
assert j[\"attributions\"] == n and sum(v[\"count\"] for v in j[\"variants\"]) == n and sum(v[\"count\"] for v in j[\"timeline\"]) == n
assert j[\"first_date\"] <= j[\"last_date\"] and isinstance(j[\"addressees\"], list) and isinstance(j[\"accuses\"], list)
assert sorted(r[\"attribution\"] for r in j[\"recent\"]) == search_ids(\"s.person = ?\", pid) and all(r[\"person\"] == pid for r in j[\"recent\"])"'
check "/api/articles/ID: the text, and each attribution with its offsets into it (code points)" \
    'py "for (aid,) in q(\"select id from articles\"):
    j = ok(\"/api/articles/%d\" % aid)
    text = q(\"select text from articles where id = ?\", aid)[0][0]
    assert j[\"text\"] == text and j[\"id\"] == aid
    rows = q(\"select id, quotation, start, end, parts from attributions where article = ? order by start, id\", aid)
    assert [(a[\"attribution\"], a[\"quotation\"], a[\"start\"], a[\"end\"], json.dumps(a[\"parts\"], separators=(\",\", \":\"))) for a in j[\"attributions\"]] == rows
    for a in j[\"attributions\"]:
        for s, e in a[\"parts\"]:
            assert 0 <= s <= e <= len(text)
        if a[\"speaker_start\"] is not None:
            assert text[a[\"speaker_start\"]:a[\"speaker_end\"]]"'
check "/api/quotations/ID: the bridge quotation seen in two outlets, the first marked" \
    'py "qid = q(\"select id from quotations where occurrences = 2\")[0][0]
j = ok(\"/api/quotations/%d\" % qid)
assert j[\"occurrences\"] == 2 and len(j[\"seen\"]) == 2 and j[\"outlets\"] == 2
assert [s[\"first\"] for s in j[\"seen\"]] == [True, False] and j[\"seen\"][0][\"date\"] == j[\"first_date\"] == \"2026-02-20\""'

# ---- unknown paths, ids, methods, bodies, limits
code() { curl -s --path-as-is -o "$t/b" -w "%{http_code}" "$@"; }
bad404=""
for p in /nothing /index /web/index.html /api /api/ /api/nothing /api/speakers/999999 /api/articles/999999 \
    /api/quotations/999999 /api/speakers/abc /api/articles/0 /api/articles/-1 /api/articles/1.0 /../../etc/passwd \
    /%2e%2e/ /%2e%2e/%2e%2e/etc/passwd /..%2f..%2fetc%2fpasswd /api%2fstats /app.js/ //app.js /./app.js /.app.js; do
    c=$(code "$base$p")
    [ "$c" = 404 ] && grep -q '^{"error":"' "$t/b" || bad404="$bad404 $p:$c"
done
check "404 with a JSON error for unknown paths, ids and traversals ($bad404)" '[ -z "$bad404" ]'
check "405 for POST, PUT, DELETE, OPTIONS, with Allow: GET, HEAD" \
    '[ "$(code -X POST -d x=1 "$base/api/search")" = 405 ] && [ "$(code -X PUT "$base/")" = 405 ] &&
     [ "$(code -X DELETE "$base/api/articles/1")" = 405 ] && [ "$(code -X OPTIONS "$base/")" = 405 ] &&
     curl -s -X POST -D - -o /dev/null "$base/" | tr -d "\r" | grep -qx "Allow: GET, HEAD"'
check "413 for a GET with a body" '[ "$(code -X GET -d x=1 "$base/api/search")" = 413 ]'
long=$(python3 -c 'print("a" * 5000)')
huge=$(python3 -c 'print("a" * 60000)')
check "414 for a URL over 4096 bytes (JSON, CSP); a 60 KB one refused too; the server still answers" \
    '[ "$(code "$base/api/search?q=$long")" = 414 ] && grep -q "too long" "$t/b" && headers_ok "$base/api/search?q=$long" &&
     c=$(code "$base/api/search?q=$huge") && [ "$c" -ge 400 ] && [ "$c" -lt 500 ] && [ "$(code "$base/api/search")" = 200 ]'
bad400=""
for qs in "search?limit=0" "search?limit=501" "search?limit=1x" "search?offset=100001" "search?offset=-1" \
    "search?since=jan" "search?until=2026-1" "search?type=quoted" "search?lang=de" "search?gender=f" \
    "search?min_confidence=2" "search?min_confidence=nan" "search?bogus=1" "search?q=a&q=b" "search?q=%zz" \
    "search?q=%ff" "search?q=%00" "search?by=speaker" "stats" "stats?by=mood" "stats?by=speaker,speaker" \
    "stats?offset=3&by=lang" "speakers/1?q=x" "search?q=$(python3 -c 'print("a" * 600)')"; do
    c=$(code "$base/api/$qs")
    [ "$c" = 400 ] && grep -q '^{"error":"' "$t/b" || bad400="$bad400 $qs:$c"
done
check "400 with a JSON error for bad parameters ($(echo "$bad400" | cut -c1-200))" '[ -z "$bad400" ]'

# ---- injection strings in every parameter
check "injection strings in every parameter of search and stats: 200 with nothing found, or 400" \
    'py "import urllib.parse
strings = [\"\x27 OR 1=1 --\", \"\\\"; DROP TABLE articles; --\", \"1\x27 UNION SELECT sqlite_version() --\",
           \"1 OR 1=1\", \"\\\" OR \\\"\\\"=\\\"\", \"%00\", \"%27%3B%20--\", \"x\" * 513, \"é\" * 300, \"\\u202e<svg onload=alert(1)>\"]
params = [\"q\", \"speaker\", \"outlet\", \"since\", \"until\", \"act\", \"type\", \"lang\", \"gender\", \"min_confidence\", \"limit\", \"offset\", \"by\"]
bad, n = [], 0
for s in strings:
    v = s if s.startswith(\"%\") else urllib.parse.quote(s, safe=\"\")
    for p in params:
        for path in (\"search\", \"stats\"):
            if (path, p) in ((\"search\", \"by\"), (\"stats\", \"offset\")):
                continue
            extra = \"&by=speaker,month\" if path == \"stats\" and p != \"by\" else \"\"
            st, h, b, j = get(\"/api/%s?%s=%s%s\" % (path, p, v, extra))
            n += 1
            rows = j and (j.get(\"results\") or any(g[\"count\"] for f in j.get(\"facets\", {}).values() for g in f))
            if st not in (200, 400) or (st == 200 and rows) or h.get(\"Content-Security-Policy\") is None:
                bad.append((path, p, s[:20], st))
assert not bad and n == 240, (n, bad)"'
check "the server still runs after all this (else what it said: a sanitizer's report...)" \
    'kill -0 "$pid" 2>/dev/null || { grep -v "^[A-Z]* /" "$t/serve.err" | head -20; false; }'
check "the database unchanged after all this (counts and bytes)" \
    '[ "$(sqlite3 "$db" "select count(*) from articles; select count(*) from attributions; select count(*) from speakers" && sha256sum <"$db")" = "$before" ]'

# ---- counts are kept while the database is unchanged, and only then
py "ok(\"/api/stats?by=lang\")" # (kept)
mkdir -p "$t/more"
sed 's/en2/en5/; s/Bridge, again/Bridge, once more/; s/wasting money/wasting time and money/' "$t/pages/en2.html" >"$t/more/en5.html"
"$bin" index -q --db "$db" "$t/more" 2>/dev/null
check "an index beside the server: the next count sees the new article (kept counts dropped)" \
    'py "j = ok(\"/api/stats?by=lang\")[\"facets\"][\"lang\"]
want = dict(q(\"select ar.lang, count(*) from attributions a join articles ar on ar.id = a.article group by ar.lang\"))
assert {g[\"value\"]: g[\"count\"] for g in j} == want and q(\"select count(*) from articles\")[0][0] == 7, (j, want)"'

# ---- 32 connections at once
seq 1 160 | sed "s|.*|$base/api/search?q=bridge\&limit=5|" >"$t/urls"
xargs -P 32 -n 1 curl -s -o /dev/null -w "%{http_code}\n" <"$t/urls" >"$t/codes"
check "160 requests on 32 connections at once: all 200" '[ "$(grep -c "^200$" "$t/codes")" = 160 ]'

timeout 10 "$bin" serve --db "$db" --port "$port" --quiet 2>"$t/inuse.err"
st=$?
check "a port in use: status 1, one line saying so" '[ $st = 1 ] && grep -q "cannot listen" "$t/inuse.err"'

# ---- SIGTERM
kill -TERM "$pid"
wait "$pid"
st=$?
pid=""
check "SIGTERM: the server stops with status 0" '[ $st = 0 ] && grep -q "stopped by SIGTERM" "$t/serve.err"'

# ---- the query time limit: a count on a larger corpus, given 1 ms
python3 - "$t/big.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], "w") as f:
    for k in range(3000):
        f.write(json.dumps({"id": "b%d" % k, "date": "%d-%02d-%02d" % (2015 + k % 13, k % 12 + 1, k * 7 % 28 + 1), "lang": "fr",
            "text": "« Nous ouvrirons le pont %d en mai », a déclaré Paul Roy%d, le maire." % (k, k)}, ensure_ascii=False) + "\n")
PY
"$bin" index -q --db "$t/big.db" "$t/big.jsonl" 2>/dev/null
start_server "$t/big.db" --quiet
check "ISO weeks over thirteen years (year ends, 53-week years): each week's value and Monday as Python has them" \
    'pydb=$t/big.db py "import datetime
j = ok(\"/api/stats?by=week\")[\"facets\"][\"week\"]
want = {}
for (d,) in q(\"select ar.date from attributions a join articles ar on ar.id = a.article\"):
    try:
        day = datetime.date.fromisoformat(d)
    except ValueError:
        continue
    monday = day - datetime.timedelta(days=day.weekday())
    y, w, _ = day.isocalendar()
    want[monday.isoformat()] = want.get(monday.isoformat(), 0) + 1
    assert \"%d-W%02d\" % (y, w) in [g[\"value\"] for g in j if g[\"start\"] == monday.isoformat()], (d, y, w)
assert {g[\"start\"]: g[\"count\"] for g in j if g[\"start\"]} == want and len(want) > 100, len(want)"'
stop_server
start_server "$t/big.db" --query-time 1 --quiet
check "--query-time 1: a count past it is a 408 with a JSON error (and the CSP)" \
    '[ "$(code "$base/api/stats?by=speaker,week,month")" = 408 ] && grep -q "time limit" "$t/b" && headers_ok "$base/api/stats?by=speaker,week"'
stop_server

# ---- databases that are not dixit's, and bad options
printf 'not a database at all\n' >"$t/text.db"
sqlite3 "$t/other.db" "create table t (x); insert into t values (1)"
timeout 10 "$bin" serve --db "$t/text.db" --port 0 2>"$t/err1"
st1=$?
timeout 10 "$bin" serve --db "$t/other.db" --port 0 2>"$t/err2"
st2=$?
timeout 10 "$bin" serve --db "$t/none.db" --port 0 2>"$t/err3"
st3=$?
check "a file that is not a database, a database not dixit's, a missing one: status 1, one line each, nothing made" \
    '[ $st1 = 1 ] && [ $st2 = 1 ] && [ $st3 = 1 ] && grep -q "not a database" "$t/err1" && grep -q "not dixit" "$t/err2" &&
     [ "$(wc -l <"$t/err1")" = 1 ] && [ "$(wc -l <"$t/err2")" = 1 ] && [ ! -e "$t/none.db" ] &&
     [ "$(sqlite3 "$t/other.db" "select count(*) from t")" = 1 ]'
timeout 10 "$bin" serve --db "$db" --bind example.org 2>"$t/err4"
st4=$?
timeout 10 "$bin" serve --db "$db" --port 70000 2>"$t/err5"
st5=$?
timeout 10 "$bin" serve 2>"$t/err6"
st6=$?
check "bad options: --bind not an address, --port out of range, no --db: status 2" \
    '[ $st4 = 2 ] && [ $st5 = 2 ] && [ $st6 = 2 ] && grep -q "^dixit serve: --bind" "$t/err4"'
passed serve
