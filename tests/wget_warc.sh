#!/bin/sh
# tests/wget_warc.sh BIN: a WARC archive made the way crawlers make them.
# Serves pages written here on 127.0.0.1 (python3 -m http.server, started
# by this script and stopped at the end, also on failure), records a crawl
# of them with wget --warc-file (Debian's wget: gzip per record, a
# warcinfo record, request and response records, a metadata record with
# its log), and reads the archive: each page gives its article, with its
# WARC-Record-ID for id and its URL; a redirect, an image and a PDF are
# passed over and counted.
bin=$1
. "$(dirname "$0")/check.sh"
mkdir -p "$t/site/dir"
cat >"$t/site/a.html" <<'PAGE'
<!DOCTYPE html><html lang="en"><head><title>Pier repairs end</title></head><body>
<nav><a href="/">Home</a></nav><article><h1>Pier repairs end</h1>
<p>&ldquo;The pier is safe again,&rdquo; said Marta Ekholm, the port director, on Friday.</p>
<p>The ferry timetable will be published next week.</p></article><footer>Ledger</footer></body></html>
PAGE
cat >"$t/site/b.html" <<'PAGE'
<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Le quai rouvre</title></head><body>
<div class="contenu"><p>&laquo; Nous rouvrirons le quai lundi &raquo;, a d&eacute;clar&eacute; Paul Roy, le maire.</p></div></body></html>
PAGE
printf '\377\330\377\340JFIF' >"$t/site/photo.jpg"
printf '%%PDF-1.4\n%%%%EOF\n' >"$t/site/report.pdf"
printf '<p>x</p>' >"$t/site/dir/index.html"
python3 -m http.server 0 --bind 127.0.0.1 --directory "$t/site" >"$t/http.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; [ -n "$KEEP" ] || rm -rf "$t"' EXIT
port=""
i=0
while [ -z "$port" ] && [ $i -lt 100 ]; do
    port=$(sed -n 's/.*port \([0-9][0-9]*\).*/\1/p' "$t/http.log" | head -1)
    [ -n "$port" ] || sleep 0.1
    i=$((i + 1))
done
check "the test server answers on 127.0.0.1" '[ -n "$port" ] && wget -q -O /dev/null "http://127.0.0.1:$port/a.html"'
u="http://127.0.0.1:$port"
(cd "$t" && wget -q --warc-file=crawl -O /dev/null "$u/a.html" "$u/b.html" "$u/dir" "$u/photo.jpg" "$u/report.pdf")
"$bin" extract "$t/crawl.warc.gz" >"$t/out.jsonl" 2>"$t/err"
st=$?
check "wget's WARC: both pages read, with their record ids and URLs; the rest passed over, counted" \
    '[ $st = 0 ] && [ -s "$t/crawl.warc.gz" ] &&
     grep -q "\"url\":\"$u/a.html\".*\"quotation\":\"The pier is safe again,\".*\"name\":\"Marta Ekholm\"" "$t/out.jsonl" &&
     grep -q "\"url\":\"$u/b.html\".*\"quotation\":\"Nous rouvrirons le quai lundi\".*\"name\":\"Paul Roy\"" "$t/out.jsonl" &&
     grep -q "^{\"doc\":\"[0-9a-f-]\{36\}\"" "$t/out.jsonl" && ! grep -q "Home\|Ledger" "$t/out.jsonl" &&
     grep -q "WARC records passed over" "$t/err" && [ $(wc -l <"$t/err") = 1 ]'
"$bin" text "$t/crawl.warc.gz" 2>/dev/null >"$t/text.jsonl"
check "dixit text on wget's WARC: one line a page, the index page of the redirected folder too" \
    '[ $(wc -l <"$t/text.jsonl") = 3 ] && grep -q "\"url\":\"$u/dir/\"" "$t/text.jsonl"'
passed wget-warc
