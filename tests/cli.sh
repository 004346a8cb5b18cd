#!/bin/sh
# cli.sh: the command line end to end: stdin, folders, gzip, CSV, -o,
# --show segments, --help, and the README quickstart's example article.
# usage: tests/cli.sh BUILD/dixit
bin=$1
. "$(dirname "$0")/check.sh"
ex=examples/depeche-fr.txt
# same A B: the records of A and B but for their "path" (where each was read)
np='s/,"path":"[^"]*"//'
same() {
    sed "$np" "$1" >"$t/same.a" && sed "$np" "$2" >"$t/same.b" && cmp -s "$t/same.a" "$t/same.b"
}
"$bin" extract "$ex" >"$t/ref.jsonl"
check "example article yields records" '[ $(wc -l <"$t/ref.jsonl") -ge 8 ]'
check "records are JSON with code-point offsets" \
    'python3 -c "import json,sys
t=open(\"$ex\",encoding=\"utf-8\").read()
for l in open(\"$t/ref.jsonl\"):
    r=json.loads(l)
    assert t[r[\"start\"]:r[\"end\"]]==r[\"quotation\"], r
    assert r[\"doc\"]==\"depeche-fr\" and r[\"lang\"]==\"fr\" and r[\"date\"]==\"2026-03-14\"
"'
"$bin" extract - <"$ex" >"$t/stdin.jsonl"
sed s/depeche-fr/stdin/g "$t/ref.jsonl" >"$t/ref-stdin.jsonl"
check "stdin gives the same records (id stdin)" 'same "$t/ref-stdin.jsonl" "$t/stdin.jsonl"'
for c in 1 7 4096; do
    "$bin" extract --chunk-size $c "$ex" >"$t/c$c.jsonl"
    check "chunk size $c gives identical output" 'same "$t/ref.jsonl" "$t/c$c.jsonl"'
done
python3 -c "import json
print(json.dumps({'id':'depeche-fr','text':open('$ex',encoding='utf-8').read(),'date':'2026-03-14'},ensure_ascii=False))" >"$t/a.jsonl"
gzip -c "$t/a.jsonl" >"$t/b.jsonl.gz"
"$bin" extract "$t/a.jsonl" >"$t/j.jsonl"
"$bin" extract "$t/b.jsonl.gz" >"$t/g.jsonl"
check "JSON Lines input gives the same records" 'same "$t/ref.jsonl" "$t/j.jsonl"'
check "gzip JSON Lines input gives the same records" 'same "$t/ref.jsonl" "$t/g.jsonl"'
# the outlet of a JSON line: "site", or news-please's "source_domain"
# (read by the fast reader, and by cJSON when a field it skips is there)
printf '%s\n' '{"id":"s1","site":"Le Quotidien","text":"« Nous partirons », a déclaré Paul Martin."}' \
    '{"id":"s2","source_domain":"exemple.fr","tags":[1],"text":"« Nous restons », a déclaré Anne Petit."}' >"$t/site.jsonl"
"$bin" extract "$t/site.jsonl" >"$t/site.out"
check "a JSON line's site (or source_domain) is the records' site" \
    '[ "$(python3 -c "import json,sys; print(\" \".join(json.loads(l)[\"site\"] for l in open(sys.argv[1])))" "$t/site.out")" = "Le Quotidien exemple.fr" ]'
# the writer's "I" outside quotation marks: the byline's one name (an
# "authors" string, or "author", by either reader), else no one (not the
# person named before); a byline of two names names no one
printf '%s\n' '{"id":"w1","authors":"Dana Whitfield","text":"Ruth Kane said the port would close. I wrote last year that it would."}' \
    '{"id":"w2","author":"Dana Whitfield","tags":[1],"text":"Ruth Kane said the port would close. I wrote last year that it would."}' \
    '{"id":"w3","authors":"Dana Whitfield and Eli Ross","text":"Ruth Kane said the port would close. I wrote last year that it would."}' \
    '{"id":"w4","text":"Ruth Kane said the port would close. I wrote last year that it would."}' >"$t/writer.jsonl"
"$bin" extract "$t/writer.jsonl" >"$t/writer.out"
check "the writer's I is the byline's one name, else no one" \
    '[ "$(python3 -c "import json,sys; print(\"|\".join(str(json.loads(l)[\"speaker\"][\"name\"]) for l in open(sys.argv[1])))" "$t/writer.out")" = "Ruth Kane|Dana Whitfield|Ruth Kane|Dana Whitfield|Ruth Kane|None|Ruth Kane|None" ]'
# a speaker after its verb: the mention holds the relative clause and the
# bracketed party that describe it, and speech in the relative clause is
# still a record of its own
printf '%s\n' '"The dam will hold," said Rep. Ada Moss (D-Ore.). "We checked it twice," said Lena Ortiz, who added that the inspectors had agreed.' >"$t/rel.txt"
"$bin" extract "$t/rel.txt" >"$t/rel.out"
check "a speaker after its verb: its mention runs over its relative clause and party" \
    '[ "$(python3 -c "import json,sys; print(\"|\".join(json.loads(l)[\"speaker\"][\"mention\"] for l in open(sys.argv[1])))" "$t/rel.out")" = "Rep. Ada Moss (D-Ore.)|Lena Ortiz, who added that the inspectors had agreed|who" ]'
# two gzip members, two zstd frames, zstd on stdin with no name to go by
{ gzip -c "$t/a.jsonl"; gzip -c "$t/a.jsonl"; } >"$t/m.jsonl.gz"
cat "$t/ref.jsonl" "$t/ref.jsonl" >"$t/ref2.jsonl"
"$bin" extract "$t/m.jsonl.gz" >"$t/m.jsonl"
check "concatenated gzip members are read in turn" 'same "$t/ref2.jsonl" "$t/m.jsonl"'
if command -v zstd >/dev/null 2>&1; then
    { zstd -q -c "$t/a.jsonl"; zstd -q -c "$t/a.jsonl"; } >"$t/z.jsonl.zst"
    "$bin" extract "$t/z.jsonl.zst" >"$t/z.jsonl"
    check "zstd JSON Lines input (two frames) gives the same records" 'same "$t/ref2.jsonl" "$t/z.jsonl"'
    zstd -q -c "$t/a.jsonl" | "$bin" extract --input-format jsonl - >"$t/zs.jsonl"
    check "zstd on stdin is told by its first bytes" 'same "$t/ref.jsonl" "$t/zs.jsonl"'
else
    echo "skip zstd tests: the zstd tool is not installed (scripts/install-deps.sh installs it)"
fi
"$bin" extract --input-format jsonl - <"$t/a.jsonl" >"$t/s.jsonl"
check "--input-format jsonl on stdin" 'same "$t/ref.jsonl" "$t/s.jsonl"'
mkdir -p "$t/dir/sub"
cp "$ex" "$t/dir/sub/z.txt"
cp "$ex" "$t/dir/a.txt"
"$bin" extract "$t/dir" >"$t/dir.jsonl"
check "folders are read recursively in sorted order" \
    '[ "$(head -1 "$t/dir.jsonl" | cut -c1-12)" = "{\"doc\":\"a\",\"" ] && [ "$(tail -1 "$t/dir.jsonl" | cut -c1-12)" = "{\"doc\":\"z\",\"" ]'
# links to folders: not followed in a walk without -L; loops caught with it
mkdir -p "$t/links/d/loop" "$t/links/other"
cp "$ex" "$t/links/d/a.txt"
cp "$ex" "$t/links/other/o.txt"
ln -s .. "$t/links/d/loop/up"
ln -s ../other "$t/links/d/ext"
ln -s d "$t/links/dlink"
"$bin" extract "$t/links/d" >"$t/links.jsonl" 2>"$t/links.err"
st=$?
check "a walk does not follow links to folders (each file read once)" \
    '[ $st = 0 ] && [ $(wc -l <"$t/links.jsonl") = $(wc -l <"$t/ref.jsonl") ] && [ ! -s "$t/links.err" ]'
"$bin" extract -L "$t/links/d" >"$t/links-L.jsonl" 2>"$t/links-L.err"
st=$?
check "-L follows links to folders, reports a loop once and skips it" \
    '[ $st = 1 ] && [ $(wc -l <"$t/links-L.jsonl") = $(wc -l <"$t/ref2.jsonl") ] &&
     [ "$(cat "$t/links-L.err")" = "dixit: $t/links/d/loop/up: file system loop: points to an ancestor" ]'
"$bin" extract "$t/links/dlink" >"$t/dlink.jsonl" 2>/dev/null
st=$?
check "a link to a folder named on the command line is followed" '[ $st = 0 ] && same "$t/links.jsonl" "$t/dlink.jsonl"'
# an output inside an input folder is not read back, on this run or the next
mkdir "$t/od"
for f in a b c; do cp "$ex" "$t/od/$f.txt"; done
"$bin" extract -j1 "$t/od" -o "$t/od/out.jsonl" --entities "$t/od/who.jsonl"
cp "$t/od/out.jsonl" "$t/od1.jsonl"
"$bin" extract -j1 "$t/od" -o "$t/od/out.jsonl" --entities "$t/od/who.jsonl" 2>"$t/od.err"
st=$?
check "-o and --entities inside an input folder are not read back" \
    '[ $st = 0 ] && [ ! -s "$t/od.err" ] && cmp -s "$t/od1.jsonl" "$t/od/out.jsonl" && [ $(wc -l <"$t/od/who.jsonl") = 3 ]'
rm "$t/od/out.jsonl" "$t/od/who.jsonl"
"$bin" extract -j1 "$t/od" >"$t/od/stdout.jsonl" 2>"$t/od.err"
st=$?
check "stdout sent to a file inside an input folder is not read back" \
    '[ $st = 0 ] && [ ! -s "$t/od.err" ] && cmp -s "$t/od1.jsonl" "$t/od/stdout.jsonl"'
# a walk reads regular files only (a FIFO would hang it), names in any case
mkdir "$t/odd"
cp "$ex" "$t/odd/UPPER.TXT"
mkfifo "$t/odd/fifo.txt"
python3 -c "import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])" "$t/odd/sock.jsonl"
timeout 20 "$bin" extract "$t/odd" >"$t/odd.jsonl" 2>"$t/odd.err"
st=$?
check "a walk passes over FIFOs and sockets (no hang, no message)" '[ $st = 0 ] && [ ! -s "$t/odd.err" ]'
check "a walk reads UPPER.TXT (extensions in any case)" \
    '[ $(wc -l <"$t/odd.jsonl") = $(wc -l <"$t/ref.jsonl") ] && head -1 "$t/odd.jsonl" | grep -q "^{\"doc\":\"UPPER\","'
# formats that are not text: one message naming each, the next file read
mkdir "$t/bin"
python3 -c "import bz2, lzma, sys, zipfile
d = sys.argv[1]
open(d + '/a.txt', 'wb').write(b'%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n')
with zipfile.ZipFile(d + '/b.jsonl', 'w') as z:
    z.writestr('word/document.xml', '<w:document/>')
open(d + '/c.txt', 'wb').write(lzma.compress(b'Il a dit.\n'))
open(d + '/d.txt', 'wb').write(bz2.compress(b'Il a dit.\n'))
" "$t/bin"
cp "$ex" "$t/bin/e.txt"
"$bin" extract -j1 "$t/bin" >"$t/bin.jsonl" 2>"$t/bin.err"
st=$?
check "PDF, ZIP, xz, bzip2: one message naming each, status 1, the next file read" \
    '[ $st = 1 ] && [ $(wc -l <"$t/bin.jsonl") = $(wc -l <"$t/ref.jsonl") ] && [ $(wc -l <"$t/bin.err") = 4 ] &&
     grep -qx "dixit: $t/bin/a.txt: PDF file; extract its text first" "$t/bin.err" &&
     grep -q "^dixit: $t/bin/b.jsonl: ZIP archive" "$t/bin.err" &&
     grep -q "^dixit: $t/bin/c.txt: xz-compressed; decompress it first" "$t/bin.err" &&
     grep -q "^dixit: $t/bin/d.txt: bzip2-compressed; decompress it first" "$t/bin.err"'
"$bin" extract -f csv -o "$t/out.csv" "$ex"
check "CSV output with a header to -o" \
    '[ "$(head -1 "$t/out.csv" | cut -d, -f1-3)" = "doc,id,lang" ] && [ $(python3 -c "import csv;print(len(list(csv.reader(open(\"$t/out.csv\",encoding=\"utf-8\")))))") -eq $(( $(wc -l <"$t/ref.jsonl") + 1 )) ]'
# -o never truncates an input, and replaces its file only at the end
cp "$t/a.jsonl" "$t/self.jsonl"
"$bin" extract "$t/self.jsonl" -o "$t/self.jsonl" 2>"$t/self.err"
st=$?
check "-o naming an input: status 2, one message, the input intact" \
    '[ $st = 2 ] && cmp -s "$t/a.jsonl" "$t/self.jsonl" && [ $(wc -l <"$t/self.err") = 1 ] && grep -q "would overwrite the input" "$t/self.err"'
ln -s self.jsonl "$t/self-link.jsonl"
"$bin" extract "$t/self-link.jsonl" -o "$t/self.jsonl" 2>/dev/null
st=$?
check "-o naming an input under another name (a link): status 2" '[ $st = 2 ] && cmp -s "$t/a.jsonl" "$t/self.jsonl"'
"$bin" extract - --entities "$t/self.jsonl" <"$t/self.jsonl" >/dev/null 2>&1
st=$?
check "--entities naming the input on stdin: status 2" '[ $st = 2 ] && cmp -s "$t/a.jsonl" "$t/self.jsonl"'
"$bin" extract "$t/a.jsonl" -o "$t/both.jsonl" --entities "$t/both.jsonl" 2>/dev/null
st=$?
check "-o and --entities naming one file: status 2, nothing written" '[ $st = 2 ] && [ ! -e "$t/both.jsonl" ]'
"$bin" extract "$t/self.jsonl" >>"$t/self.jsonl" 2>/dev/null
st=$?
check "stdout appended to an input: status 2, the input intact" '[ $st = 2 ] && cmp -s "$t/a.jsonl" "$t/self.jsonl"'
cp "$t/ref.jsonl" "$t/old.jsonl"
chmod 640 "$t/old.jsonl"
(ulimit -f 4; trap '' XFSZ; exec "$bin" extract "$t/a.jsonl" "$t/a.jsonl" "$t/a.jsonl" -o "$t/old.jsonl" 2>/dev/null)
st=$?
check "-o failing to write leaves the old file whole" '[ $st = 1 ] && same "$t/ref.jsonl" "$t/old.jsonl"'
"$bin" extract "$t/a.jsonl" "$t/a.jsonl" -o "$t/old.jsonl"
check "-o replaces the old file, keeps its mode, leaves no temporary file" \
    'same "$t/ref2.jsonl" "$t/old.jsonl" && [ "$(stat -c %a "$t/old.jsonl")" = 640 ] && [ -z "$(ls -A "$t" | grep "^\.")" ]'
"$bin" extract --show segments "$ex" >"$t/seg.txt"
check "--show segments names the zones" 'grep -q " caption " "$t/seg.txt" && grep -q " boilerplate " "$t/seg.txt"'
check "--help goes to stdout with status 0" '"$bin" --help | grep -q "usage: dixit extract"'
check "--lang forces the language" '"$bin" extract --lang en "$ex" | head -1 | grep -q "\"lang\":\"en\""'
# threads: the same bytes whatever the number of threads and the chunking
for i in 1 2 3 4 5 6; do cp "$t/a.jsonl" "$t/multi$i.jsonl"; done
cat "$t"/multi*.jsonl >"$t/multi.jsonl"
"$bin" extract -j 1 "$t/multi.jsonl" >"$t/j1.jsonl"
for j in 2 8; do
    for c in 1 7 4096; do
        "$bin" extract -j $j --chunk-size $c "$t/multi.jsonl" >"$t/j$j-$c.jsonl"
    done
done
check "-j 1, 2, 8 at chunk sizes 1, 7, 4096 give identical output" \
    '(for f in "$t"/j2-*.jsonl "$t"/j8-*.jsonl; do cmp -s "$t/j1.jsonl" "$f" || exit 1; done) && [ -s "$t/j1.jsonl" ]'
# SIGINT and SIGTERM: whole lines only, status 128 + signal, -o in place
for run in "SIGINT 1 fast" "SIGTERM 2 fast" "SIGINT 2 slow -o" "SIGTERM 1 slow -o"; do
    set -- $run
    sig=$1 jobs=$2 speed=$3 to=${4:+$t/int.jsonl}
    check "stopped by $sig at -j$jobs ($speed input${to:+, -o}): whole JSON lines, one message, status 128+N" \
        'python3 tests/interrupt.py "$bin" "$t/a.jsonl" $sig $jobs $speed $to'
done
"$bin" extract --entities "$t/ent.jsonl" "$ex" >/dev/null
check "--entities writes who is quoted, counts matching the records" \
    'python3 -c "import json
recs=[json.loads(l) for l in open(\"$t/ref.jsonl\")]
ents=[json.loads(l) for l in open(\"$t/ent.jsonl\")]
assert len(ents)==1 and ents[0][\"doc\"]==\"depeche-fr\"
assert sum(e[\"attributions\"] for e in ents[0][\"entities\"])==sum(1 for r in recs if r[\"speaker\"])
assert all(e[\"attributions\"]>=1 and e[\"kind\"] in (\"person\",\"organization\",\"group\",\"unnamed_source\") for e in ents[0][\"entities\"])
"'
# progress: only on a terminal (script(1) gives one), never in a pipe or log
"$bin" extract "$t/a.jsonl" 2>"$t/p.err" >/dev/null
check "no progress line when stderr is not a terminal" '[ ! -s "$t/p.err" ]'
if command -v script >/dev/null 2>&1; then
    script -qc "'$bin' extract '$t/a.jsonl' >/dev/null" /dev/null >"$t/p.tty" 2>&1
    check "progress line on a terminal: articles, MB/s, attributions, ETA" \
        'tr "\r" "\n" <"$t/p.tty" | grep -q "dixit: 1 articles, .* MB/s, [0-9]* attributions, 100%, ETA 0:00"'
    script -qc "'$bin' extract -q '$t/a.jsonl' >/dev/null" /dev/null >"$t/q.tty" 2>&1
    check "--quiet silences the progress line" '! grep -q "articles" "$t/q.tty"'
fi
# command-line conventions (issue 10 A): GNU getopt_long's
"$bin" extract --lang en "$ex" >"$t/en.jsonl"
"$bin" extract --lang=en --output-format=csv --chunk-size=7 --jobs=2 --max-doc-bytes=100000 \
    --output="$t/eq.csv" "$ex"
"$bin" extract --lang en -f csv "$ex" >"$t/en.csv"
check "--opt=value for long options" '"$bin" extract --lang=en "$ex" | cmp -s - "$t/en.jsonl" && cmp -s "$t/en.csv" "$t/eq.csv"'
check "bundled short options: -qj1 -fcsv" '"$bin" extract -qj1 -fcsv --lang en "$ex" | cmp -s - "$t/en.csv"'
check "-f and --output-format are one option" '"$bin" extract --output-format csv --lang en "$ex" | cmp -s - "$t/en.csv"'
"$bin" extract --format jsonl - <"$t/a.jsonl" >"$t/old-format.jsonl" 2>"$t/old-format.err"
check "--format is a deprecated alias of --input-format: same records, one warning" \
    'same "$t/ref.jsonl" "$t/old-format.jsonl" && [ "$(cat "$t/old-format.err")" = "dixit: --format is deprecated; use --input-format" ]'
abs=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
(cd "$t" && "$abs" extract -o - "$OLDPWD/$ex" >"$t/dash-o.jsonl")
check "-o - writes to stdout (no file named -)" 'same "$t/ref.jsonl" "$t/dash-o.jsonl" && [ ! -e "$t/-" ]'
cp "$ex" "$t/-dash.txt"
(cd "$t" && POSIXLY_CORRECT=1 "$abs" extract -- -dash.txt >"$t/dash.jsonl")
check "-- before an input that starts with a dash" '[ -s "$t/dash.jsonl" ] && head -1 "$t/dash.jsonl" | grep -q "^{\"doc\":\"-dash\","'
POSIXLY_CORRECT=1 "$bin" extract "$ex" -o "$t/after.jsonl"
check "options after the inputs, even with POSIXLY_CORRECT" 'same "$t/ref.jsonl" "$t/after.jsonl"'
check "--version, -V, and both after extract" \
    '(for v in --version -V "extract --version" "extract -V"; do [ "$("$bin" $v)" = "$("$bin" --version)" ] || exit 1; done) && "$bin" -V | grep -q "^dixit [0-9]"'
for bad in "extract --nope" "extract -qZ" "--nope" "extract --lang" "extract --quiet=1"; do
    "$bin" $bad >"$t/bad.out" 2>"$t/bad.err"
    st=$?
    check "usage error ($bad): status 2, one line and Try 'dixit --help'." \
        '[ $st = 2 ] && [ ! -s "$t/bad.out" ] && [ $(wc -l <"$t/bad.err") = 2 ] && [ "$(tail -1 "$t/bad.err")" = "Try '"'dixit --help'"'." ]'
done
check "unknown options are named as typed" \
    '"$bin" extract -qZ 2>&1 | grep -qx "dixit: unknown option '"'-Z'"'" && "$bin" extract --nope 2>&1 | grep -qx "dixit: unknown option '"'--nope'"'"'
if command -v script >/dev/null 2>&1; then
    timeout 20 script -qec "'$bin' extract >/dev/null" /dev/null </dev/null >"$t/hint.tty" 2>&1
    check "stdin on a terminal: a hint on stderr" \
        'grep -q "dixit: reading articles from the terminal; end with Ctrl-D, or give a file (dixit --help)" "$t/hint.tty"'
fi
"$bin" extract <"$ex" >/dev/null 2>"$t/nohint.err"
check "stdin from a file: no hint" '[ ! -s "$t/nohint.err" ]'
# -q: no message about any input, whatever went wrong with it
mkdir "$t/quiet"
cp "$ex" "$t/quiet/a.txt"
printf 'bad \201 byte\n' >"$t/quiet/b.txt"
printf '{"id":"x","text":"ok"}\nnot json\n' >"$t/quiet/c.jsonl"
cp "$t/bin/a.txt" "$t/quiet/d.txt"
for j in 1 3; do
    "$bin" extract -q -j$j "$t/quiet" "$t/missing.txt" >"$t/quiet.jsonl" 2>"$t/quiet.err"
    st=$?
    check "-q -j$j silences every message about inputs (status still 1)" \
        '[ $st = 1 ] && [ ! -s "$t/quiet.err" ] && [ $(wc -l <"$t/quiet.jsonl") = $(wc -l <"$t/ref.jsonl") ]'
done
if [ -w /dev/full ]; then
    "$bin" extract -q --entities /dev/full "$ex" >/dev/null 2>"$t/full.err"
    st=$?
    check "a write error on --entities names its file" '[ $st = 1 ] && grep -q "^dixit: /dev/full: write error" "$t/full.err"'
fi
# filters (issue 10 B): the records kept are the lines of an unfiltered
# run that jq would select, ids unchanged
subset() { # subset FILTERED.jsonl PYTHON-CONDITION-ON-r
    python3 -c "import json, sys, unicodedata
def fold(s):
    return ''.join(c for c in unicodedata.normalize('NFD', s or '') if not unicodedata.combining(c)).casefold()
want = [l for l in open(sys.argv[1]) if (lambda r: $2)(json.loads(l))]
got = list(open(sys.argv[2]))
assert got == want and want, (len(got), len(want))
" "$t/ref.jsonl" "$1"
}
"$bin" extract --min-confidence 0.9 "$ex" >"$t/f-conf.jsonl"
check "--min-confidence 0.9 keeps the records of 0.90 and more" 'subset "$t/f-conf.jsonl" "r[\"confidence\"] >= 0.9"'
"$bin" extract --type=indirect,mixed "$ex" >"$t/f-type.jsonl"
check "--type indirect,mixed keeps those types, ids unchanged" 'subset "$t/f-type.jsonl" "r[\"type\"] in (\"indirect\", \"mixed\")"'
"$bin" extract --speaker CLEMENCE "$ex" >"$t/f-spk.jsonl"
check "--speaker CLEMENCE finds Clémence (case and accents folded)" \
    'subset "$t/f-spk.jsonl" "\"clemence\" in fold((r[\"speaker\"] or {}).get(\"name\"))"'
"$bin" extract --speaker "LA Ministre" "$ex" >"$t/f-men.jsonl"
check "--speaker matches the words of the mention too" \
    'subset "$t/f-men.jsonl" "\"la ministre\" in fold((r[\"speaker\"] or {}).get(\"mention\"))"'
"$bin" extract -j3 --type direct --min-confidence=0.95 --speaker arrighi "$t/multi.jsonl" >"$t/f-all.jsonl"
check "filters combine, at -j3 as at -j1" \
    '"$bin" extract -j1 --type direct --min-confidence=0.95 --speaker arrighi "$t/multi.jsonl" | cmp -s - "$t/f-all.jsonl" &&
     [ $(wc -l <"$t/f-all.jsonl") = $((6 * $(grep -c "\"type\":\"direct\".*Arrighi.*\"confidence\":0.9[5-9]" "$t/ref.jsonl"))) ]'
"$bin" extract -f csv "$ex" >"$t/all.csv"
"$bin" extract -f csv --type mixed,indirect "$ex" >"$t/f.csv"
check "filters on CSV keep whole rows, with their ids" \
    'python3 -c "import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding=\"utf-8\")))
got = list(csv.reader(open(sys.argv[2], encoding=\"utf-8\")))
assert got == rows[:1] + [r for r in rows[1:] if r[4] != \"direct\"] and len(got) > 1
" "$t/all.csv" "$t/f.csv"'
# (Roy's lines: the header, his quotation's row over five lines, and the
# row of "Le maire a dit", a role the text gives no one, which is the
# person named just before: voices.c, role_holders)
printf '« Nous ne céderons pas.\n\n« Nous reviendrons lundi », a déclaré Paul Roy.\n\nLe maire a dit que la ville paierait. « Jamais », a répondu Marie Dupont.\n' >"$t/ml.txt"
check "a CSV row whose quotation spans paragraphs is cut whole" \
    '[ "$("$bin" extract -f csv --speaker dupont "$t/ml.txt" | tail -n +2 | cut -d, -f2)" = "\"ml:3\"" ] &&
     [ "$("$bin" extract -f csv --speaker roy "$t/ml.txt" | wc -l)" = 7 ]'
for bad in "--type quoted" "--min-confidence 1.5" "--min-confidence x" "--show segments --type direct"; do
    "$bin" extract $bad "$ex" >/dev/null 2>"$t/bad.err"
    st=$?
    check "bad filter ($bad): usage error" '[ $st = 2 ] && [ $(wc -l <"$t/bad.err") = 2 ]'
done
# the summary line (issue 10 C): with -v, or on a terminal
for j in 1 3; do
    "$bin" extract -qv -j$j "$t/quiet" "$t/missing.txt" >"$t/sum.jsonl" 2>"$t/sum.err"
    st=$?
    check "-v -j$j: one summary line, articles read, skipped by reason, records written, seconds" \
        '[ $st = 1 ] && [ $(wc -l <"$t/sum.err") = 1 ] &&
         grep -Eqx "dixit: 2 articles read, 4 skipped \(1 invalid UTF-8, 1 bad JSON, 2 unreadable\), $(wc -l <"$t/sum.jsonl") records written, [0-9]+\.[0-9] s" "$t/sum.err"'
done
"$bin" extract -v --type direct "$ex" >"$t/sum1.jsonl" 2>"$t/sum1.err"
check "-v counts the records written after the filters" \
    'grep -q "^dixit: 1 articles read, 0 skipped, $(grep -c . "$t/sum1.jsonl") records written, " "$t/sum1.err" &&
     [ $(grep -c . "$t/sum1.jsonl") -lt $(grep -c . "$t/ref.jsonl") ]'
if command -v script >/dev/null 2>&1; then
    script -qc "'$bin' extract '$t/a.jsonl' >/dev/null" /dev/null >"$t/sum.tty" 2>&1
    check "a summary line on a terminal without -v" 'grep -q "^dixit: 1 articles read, 0 skipped, [0-9]* records written" "$t/sum.tty"'
fi
# file names that are not UTF-8 (issue 10 D): ids with U+FFFD, one warning
mkdir "$t/names"
cp "$ex" "$t/names/caf$(printf '\351').txt"
python3 -c "import json
print(json.dumps({'text':open('$ex',encoding='utf-8').read()},ensure_ascii=False))" >"$t/names/x$(printf '\377\376')y.jsonl"
for j in 1 3; do
    "$bin" extract -j$j --entities "$t/names-ent.jsonl" "$t/names" >"$t/names.jsonl" 2>"$t/names.err"
    st=$?
    check "-j$j: file names not UTF-8 give valid UTF-8 JSON ids (U+FFFD), one warning a file" \
        '[ $st = 0 ] && [ $(wc -l <"$t/names.err") = 2 ] &&
         grep -qF "names/caf\\xE9.txt: file name is not UTF-8" "$t/names.err" &&
         grep -qF "names/x\\xFF\\xFEy.jsonl: file name is not UTF-8" "$t/names.err" &&
         python3 -c "import json, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding=\"utf-8\")]
ents = [json.loads(l) for l in open(sys.argv[2], encoding=\"utf-8\")]
assert {r[\"doc\"] for r in recs} == {\"caf\ufffd\", \"x\ufffd\ufffdy:1\"}, {r[\"doc\"] for r in recs}
assert recs[0][\"id\"] == \"caf\ufffd:1\" and len(ents) == 2
" "$t/names.jsonl" "$t/names-ent.jsonl"'
done
"$bin" extract -f csv "$t/names" 2>/dev/null | tail -n +2 >"$t/names.csv"
check "CSV ids of such files are UTF-8 too" 'iconv -f UTF-8 -t UTF-8 "$t/names.csv" >/dev/null && grep -q "^\"caf�\",\"caf�:1\"," "$t/names.csv"'
check "-q silences the warning" '"$bin" extract -q "$t/names" 2>&1 >/dev/null | cmp -s - /dev/null'
# legacy encodings (issue 10 F): --encoding, and the Windows-1252 guess
printf 'Le maire a parl\351. \253 Nous rouvrirons l\222\351cole lundi \273, a d\351clar\351 Paul Roy. \223Never\224, said John Smith.\n' >"$t/w1252.txt"
iconv -f WINDOWS-1252 -t UTF-8 "$t/w1252.txt" >"$t/w1252-utf8.txt"
cp "$t/w1252-utf8.txt" "$t/utf8.txt"
"$bin" extract "$t/utf8.txt" | sed 's/"doc":"utf8","id":"utf8:/"doc":"w1252","id":"w1252:/' >"$t/w-ref.jsonl"
for j in 1 3; do
    "$bin" extract -j$j "$t/w1252.txt" >"$t/w.jsonl" 2>"$t/w.err"
    st=$?
    check "-j$j: a Windows-1252 article is read as such, one warning naming the guess" \
        '[ $st = 0 ] && same "$t/w-ref.jsonl" "$t/w.jsonl" && [ $(wc -l <"$t/w.err") = 1 ] &&
         grep -qx "dixit: $t/w1252.txt: not UTF-8; read as Windows-1252 (a guess: --encoding names another)" "$t/w.err"'
done
check "curly quotes and « » of Windows-1252 come out as quotation marks" \
    'grep -q "\"quotation\":\"Nous rouvrirons l’école lundi\"" "$t/w.jsonl" && grep -q "\"quotation\":\"Never\"" "$t/w.jsonl"'
check "offsets count the decoded UTF-8 text" \
    'python3 -c "import json, sys
t = open(sys.argv[1], encoding=\"utf-8\").read()
for l in open(sys.argv[2], encoding=\"utf-8\"):
    r = json.loads(l)
    assert t[r[\"start\"]:r[\"end\"]] == r[\"quotation\"]
    assert t.encode()[r[\"start_byte\"]:r[\"end_byte\"]].decode() == r[\"quotation\"]
assert r
" "$t/w1252-utf8.txt" "$t/w.jsonl"'
printf 'mauvais \201 octet \351\n' >"$t/not1252.txt"
"$bin" extract "$t/not1252.txt" >/dev/null 2>"$t/n.err"
st=$?
check "a byte Windows-1252 leaves undefined (0x81): no guess, invalid UTF-8" \
    '[ $st = 1 ] && grep -q "invalid UTF-8" "$t/n.err" && ! grep -q "Windows-1252" "$t/n.err"'
printf '%s\n' "Le maire a parlé. « L'œuvre coûtera 5 € », a déclaré Paul Roy." >"$t/l9.txt"
iconv -f UTF-8 -t ISO-8859-15 "$t/l9.txt" >"$t/latin9.txt"
"$bin" extract --encoding=ISO-8859-15 "$t/latin9.txt" 2>"$t/l.err" | sed 's/latin9/l9/g' >"$t/l.jsonl"
check "--encoding ISO-8859-15 reads a Latin-9 article (œ, €), no warning" \
    '[ ! -s "$t/l.err" ] && [ -s "$t/l.jsonl" ] && "$bin" extract "$t/l9.txt" | cmp -s - "$t/l.jsonl"'
iconv -f UTF-8 -t UTF-16 "$t/a.jsonl" >"$t/u16.jsonl"
for c in 1 3 4096; do
    "$bin" extract --encoding UTF-16 --chunk-size $c -j2 "$t/u16.jsonl" | sed 's/u16/a/g' >"$t/u16-$c.jsonl"
    check "--encoding UTF-16 at chunk size $c (characters cut between chunks)" 'same "$t/ref.jsonl" "$t/u16-$c.jsonl"'
done
"$bin" extract --encoding NOPE "$ex" >/dev/null 2>"$t/e.err"
st=$?
check "--encoding that iconv does not know: usage error" '[ $st = 2 ] && grep -q "unknown encoding .NOPE." "$t/e.err"'
# --bom (issue 10): a UTF-8 byte-order mark before the CSV header, for Excel
"$bin" extract -f csv --bom "$ex" >"$t/bom.csv"
check "--bom puts EF BB BF before the CSV header, the rest unchanged" \
    '[ "$(head -c 3 "$t/bom.csv" | od -An -tx1 | tr -d " ")" = efbbbf ] && tail -c +4 "$t/bom.csv" | cmp -s - "$t/all.csv"'
"$bin" extract --bom "$ex" >"$t/bom.out" 2>"$t/bom.err"
st=$?
check "--bom without -f csv: usage error, nothing written" '[ $st = 2 ] && [ ! -s "$t/bom.out" ] && [ $(wc -l <"$t/bom.err") = 2 ]'
# HTML (issue 12): a page is read by its content, whatever its name: its
# article, headline, date, URL and language; a JSON line whose text or
# field "html" is a page likewise; a JSON Lines stream that opens with a
# page is refused with one message, the next file read
mkdir "$t/html"
printf '<html><body><nav><a href="/">Accueil</a></nav><p>\253 Nous partons \273, a dit Paul Roy.</p></body></html>\n' >"$t/html/a.html"
printf '\n  <!DOCTYPE HTML>\n<html lang="en"><head><meta property="og:title" content="Harbor news">\n<meta property="article:published_time" content="2026-03-02T10:00:00Z"></head>\n<p>\342\200\234Go,\342\200\235 said John Smith.</p>\n' >"$t/html/b.txt"
printf '<HTML>\n<p>x</p>\n' >"$t/html/c.jsonl"
printf 'x\n' >"$t/html/d.htm"
cp "$ex" "$t/html/e.txt"
for j in 1 3; do
    "$bin" extract -j$j "$t/html" >"$t/html.jsonl" 2>"$t/html.err"
    st=$?
    check "-j$j: a page read as .html (Windows-1252, no charset) and as .txt; a .jsonl that opens as HTML: one message, status 1, the next file read" \
        '[ $st = 1 ] && [ "$(cat "$t/html.err")" = "dixit: $t/html/c.jsonl: looks like an HTML page, not JSON Lines (name it .html to read it as one)" ] &&
         grep -q "\"doc\":\"a\".*\"quotation\":\"Nous partons\".*\"name\":\"Paul Roy\"" "$t/html.jsonl" &&
         grep -q "\"doc\":\"b\",\"id\":\"b:1\",\"lang\":\"[a-z]*\",\"date\":\"2026-03-02\",\"url\":null,\"title\":\"Harbor news\".*\"quotation\":\"Go,\".*\"name\":\"John Smith\"" "$t/html.jsonl" &&
         ! grep -q Accueil "$t/html.jsonl" &&
         [ $(grep -c "\"doc\":\"e\"" "$t/html.jsonl") = $(wc -l <"$t/ref.jsonl") ]'
done
python3 -c "import json
t = open('$ex', encoding='utf-8').read()
page = ' <!doctype html><html><head><title>Port</title></head><p>« Non », dit Paul Roy.</p></html>'
for i, x in enumerate([{'text': t}, {'text': page}, {'html': page, 'title': 'Mine'}, {'text': t}]):
    x['id'] = 'n%d' % i
    print(json.dumps(x, ensure_ascii=False))" >"$t/html-lines.jsonl"
for j in 1 3; do
    "$bin" extract -j$j "$t/html-lines.jsonl" >"$t/hl.jsonl" 2>"$t/hl.err"
    st=$?
    check "-j$j: JSON lines whose text or field html is a page: read as pages, the line's title first; the other lines as ever" \
        '[ $st = 0 ] && [ ! -s "$t/hl.err" ] &&
         [ $(grep -c "\"doc\":\"n0\"" "$t/hl.jsonl") = $(wc -l <"$t/ref.jsonl") ] && [ $(grep -c "\"doc\":\"n3\"" "$t/hl.jsonl") = $(wc -l <"$t/ref.jsonl") ] &&
         grep -q "\"doc\":\"n1\".*\"title\":\"Port\".*\"quotation\":\"Non\".*\"name\":\"Paul Roy\"" "$t/hl.jsonl" &&
         grep -q "\"doc\":\"n2\".*\"title\":\"Mine\".*\"quotation\":\"Non\"" "$t/hl.jsonl"'
done
# the same page in ISO-8859-15 (its charset declared), Windows-1252 (none
# declared) and UTF-8: the same article
mkdir "$t/enc"
# two line breaks in a row are a paragraph break, as a reader sees them;
# one is a line break
printf '<html><body><article><p><strong>Le port rouvre</strong><br/><br/>\n\253 Nous partons \273, a dit Paul Roy.<br/>Il a ajout\351 que le port rouvrirait.</p></article></body></html>' >"$t/br.html"
"$bin" text "$t/br.html" >"$t/br.jsonl"
check "dixit text: <br/><br/> makes a paragraph break, one <br/> a line break" \
    'python3 -c "import json, sys
t = json.loads(open(sys.argv[1]).readline())[\"text\"]
assert \"Le port rouvre\n\n\" in t and \"Roy.\nIl a\" in t, repr(t)" "$t/br.jsonl"'
printf '<html><head><meta charset="iso-8859-15"><title>Budget</title></head><body><p>\253 Il manque 4\240000 \244 \273, a d\351clar\351 Paul Roy.</p></body></html>' >"$t/enc/p.html"
printf '<html><head><title>Budget</title></head><body><p>\253 Il manque 4\240000 \200 \273, a d\351clar\351 Paul Roy.</p></body></html>' >"$t/enc/w.html"
printf '<html><head><title>Budget</title></head><body><p>\302\253 Il manque 4\302\240000 \342\202\254 \302\273, a d\303\251clar\303\251 Paul Roy.</p></body></html>' >"$t/enc/u.html"
for f in p w u; do "$bin" extract "$t/enc/$f.html" | sed "s/\"doc\":\"$f\",\"id\":\"$f:/\"doc\":\"x\",\"id\":\"x:/; s|$t/enc/$f.html|x|" >"$t/enc/$f.jsonl"; done
check "a page in ISO-8859-15 (declared) or Windows-1252 (guessed) gives the records of its UTF-8 copy" \
    '[ -s "$t/enc/u.jsonl" ] && cmp -s "$t/enc/u.jsonl" "$t/enc/p.jsonl" && cmp -s "$t/enc/u.jsonl" "$t/enc/w.jsonl" && grep -q "Il manque 4.*000 .*Paul Roy" "$t/enc/u.jsonl"'
"$bin" extract --show text "$t/html/b.txt" >"$t/show-text.jsonl"
check "--show text: the article as read, its headline first, no markup" \
    'python3 -c "import json,sys
d = json.loads(open(sys.argv[1]).read())
assert d[\"id\"] == \"b\" and d[\"title\"] == \"Harbor news\" and d[\"date\"] == \"2026-03-02\", d
assert d[\"text\"] == \"Harbor news\\n\\n\u201cGo,\u201d said John Smith.\", repr(d[\"text\"])" "$t/show-text.jsonl"'
# WARC archives (issue 12): the HTML responses of status 200 are articles
# (their WARC-Record-ID the id), the other records passed over and counted
# in one line; the same at any chunk size, plain or one gzip member a
# record; a cut archive or garbage between records: one message each
mkdir "$t/warc"
python3 "$(dirname "$0")/warc.py" "$t/warc/a.warc"
python3 "$(dirname "$0")/warc.py" "$t/warc/b.warc.gz" --gzip
for j in 1 3; do
    "$bin" extract -j$j "$t/warc/a.warc" >"$t/warc/a-$j.jsonl" 2>"$t/warc/a-$j.err"
    st=$?
    check "-j$j: a WARC archive: its three pages read (gzip and chunked; ISO-8859-1 named by HTTP; brotli), five records passed over" \
        '[ $st = 0 ] && [ "$(cat "$t/warc/a-$j.err")" = "dixit: $t/warc/a.warc: 5 WARC records passed over (requests, metadata, redirects, not HTML)" ] &&
         grep -q "\"url\":\"https://news.example/br\".*\"quotation\":\"The new timetable starts in June,\".*\"name\":\"Tom Reyes\"" "$t/warc/a-$j.jsonl" &&
         grep -q "\"doc\":\"00000000-0000-0000-0000-000000000003\",.*\"date\":\"2026-02-11\",\"url\":\"https://news.example/harbor-vote\",\"title\":\"Harbor plan wins a vote\",\"site\":\"news.example\".*\"quotation\":\"This is a good day for the town,\".*\"name\":\"Ines Calloway\"" "$t/warc/a-$j.jsonl" &&
         grep -q "\"doc\":\"00000000-0000-0000-0000-000000000007\",.*\"url\":\"https://port.example/quai\".*\"quotation\":\"Nous rouvrirons le quai lundi\".*\"name\":\"Paul Roy\"" "$t/warc/a-$j.jsonl" &&
         ! grep -q "Home\|Copyright\|More harbor" "$t/warc/a-$j.jsonl"'
done
"$bin" extract "$t/warc/b.warc.gz" 2>/dev/null | sed "s|b.warc.gz|a.warc|" >"$t/warc/b.jsonl"
check "the same archive as .warc.gz, one gzip member a record: the same records" 'cmp -s "$t/warc/a-1.jsonl" "$t/warc/b.jsonl"'
for c in 1 7 4096; do
    "$bin" extract --chunk-size $c "$t/warc/a.warc" >"$t/warc/c-$c.jsonl" 2>/dev/null
    check "a WARC archive read in chunks of $c bytes: the same records" 'cmp -s "$t/warc/a-1.jsonl" "$t/warc/c-$c.jsonl"'
done
python3 -c "import sys; d = open(sys.argv[1], 'rb').read(); i = d.index(b'WARC/1.0', 1500); open(sys.argv[2], 'wb').write(d[:i] + b'garbage line\\r\\n' + d[i:-40])" "$t/warc/a.warc" "$t/warc/cut.warc"
"$bin" extract "$t/warc/cut.warc" >"$t/warc/cut.jsonl" 2>"$t/warc/cut.err"
st=$?
check "garbage between WARC records and an archive cut inside its last record: one message each, status 1, the pages before read" \
    '[ $st = 1 ] && grep -q "cut.warc: byte [0-9]*: not a WARC record here; passed over to the next one" "$t/warc/cut.err" &&
     grep -q "cut.warc: byte [0-9]*: WARC archive ends inside a record; that record skipped" "$t/warc/cut.err" &&
     grep -q "This is a good day for the town" "$t/warc/cut.jsonl"'
# dixit text (issue 12): the articles as read, one JSON line each; the
# records' offsets count in exactly that text, for a page and a WARC
for f in "$t/html/a.html" "$t/warc/b.warc.gz"; do
    "$bin" text "$f" >"$t/text.jsonl" 2>/dev/null
    "$bin" extract "$f" >"$t/text-recs.jsonl" 2>/dev/null
    check "dixit text $(basename "$f"): id, path, url, title, site, date, authors, lang, text, captions, blocks; each record's offsets pick its quotation out of that text" \
        'python3 -c "import json, sys
arts = {}
for line in open(sys.argv[1]):
    a = json.loads(line)
    assert list(a) == [\"id\", \"path\", \"url\", \"title\", \"site\", \"date\", \"authors\", \"lang\", \"text\", \"captions\", \"blocks\"], list(a)
    arts[a[\"id\"]] = a[\"text\"]
n = 0
for line in open(sys.argv[2]):
    r = json.loads(line)
    assert arts[r[\"doc\"]][r[\"start\"]:r[\"end\"]] == r[\"quotation\"], r
    n += 1
assert n >= 1, n" "$t/text.jsonl" "$t/text-recs.jsonl"'
done
# a page whose scripts write its article: the text of its JSON-LD
# articleBody, when the markup holds little else
python3 -c "import json
body = 'The harbor reopened on Monday after a month of repairs that closed the north quay to fishing boats and ferries alike. \u201cWe are ready,\u201d said Mayor Ines Calloway.\\nBoats lined up at dawn, and the first ferry left on time for the islands, its deck full of workers who had waited for weeks to go back.'
print('<html><head><title>Harbor</title><script type=\"application/ld+json\">' + json.dumps({'@context': 'https://schema.org', '@type': 'NewsArticle', 'datePublished': '2026-04-01T10:00:00Z', 'author': [{'@type': 'Person', 'name': 'Ana Lima'}, {'@type': 'Person', 'name': 'Tom Reyes'}], 'articleBody': body}) + '</script></head><body><div id=\"app\">Loading</div></body></html>')" >"$t/ld.html"
"$bin" text "$t/ld.html" >"$t/ld.jsonl"
check "a page written by its scripts: its JSON-LD articleBody as text, paragraphs at its line breaks, its date and authors" \
    'python3 -c "import json, sys
d = json.loads(open(sys.argv[1]).read())
assert d[\"date\"] == \"2026-04-01\" and d[\"authors\"] == \"Ana Lima, Tom Reyes\", d
assert d[\"text\"].startswith(\"Harbor\\n\\nThe harbor reopened on Monday\"), repr(d[\"text\"])
assert \"Calloway.\\n\\nBoats lined up at dawn\" in d[\"text\"] and \"Loading\" not in d[\"text\"], repr(d[\"text\"])" "$t/ld.jsonl"'
# metadata that end in a letter of two bytes keep it whole (a title
# "Un café" once lost its "é"); the author of <meta name="author"> is
# preferred to a byline link's
printf '<html><head><title>Un caf\303\251</title><meta name="author" content="Zo\303\251 Marin"></head><body><p>Par <a rel="author" href="/z">Zo\303\251 M.</a></p><article><p>Le conseil a vot\303\251 le budget de la ville apr\303\250s trois heures de d\303\251bat.</p></article></body></html>' >"$t/cafe.html"
"$bin" text "$t/cafe.html" >"$t/cafe.jsonl"
check "a page's title and author ending in a two-byte letter keep it; <meta name=author> before a byline link" \
    'python3 -c "import json, sys
d = json.loads(open(sys.argv[1], encoding=\"utf-8\").read())
assert d[\"title\"] == \"Un caf\u00e9\" and d[\"authors\"] == \"Zo\u00e9 Marin\", d
assert d[\"text\"].startswith(\"Un caf\u00e9\n\n\"), d" "$t/cafe.jsonl"'
printf '<html><head><title>Port</title></head><body><article><p>Par <a rel="author nofollow" href="/z">Paul Roy</a></p><p>Le conseil a vot\303\251 le budget de la ville apr\303\250s trois heures de d\303\251bat.</p></article></body></html>' >"$t/byline.html"
"$bin" text "$t/byline.html" >"$t/byline.jsonl"
check "a page with no author in its metadata: the name of its rel=author link" \
    'grep -q "\"authors\":\"Paul Roy\"" "$t/byline.jsonl"'
# a page's figure captions and caption-classed blocks are out of its
# text and in "captions"; its blockquotes and embedded posts stay in the
# text, marked in "blocks" at code points of the text; one with no
# quotation marks of its own is written between “ and ” (a post's
# signature after them, on its own line), so its words are read as the
# quotation they are
cat >"$t/marks.html" <<'EOF'
<html><head><title>Harbor news</title></head><body><header><nav><a href="/">Home</a></nav></header>
<article><h1>Harbor news</h1>
<p>The council voted on Monday to reopen the harbor after a month of repairs, its members said.</p>
<figure><img src="a.jpg"><figcaption>Boats at dawn in the harbor. (Photo: Ana Lima)</figcaption></figure>
<p>The mayor wrote on her account on Tuesday:</p>
<blockquote class="twitter-tweet"><p>We are ready to welcome every boat back home.</p>&mdash; Ines Calloway (@ines) March 3, 2026</blockquote>
<p>Fishermen said they had waited for weeks and were glad to go back to sea.</p>
<blockquote><p>&ldquo;It was a long month,&rdquo; one of them said.</p></blockquote>
<div class="image-caption">A ferry at the north quay.</div>
<p>The harbor had been closed since the storm of early February, when waves broke over the north quay and tore two moorings from the sea wall. Repairs cost the town more than it had planned.</p>
<p>The first ferry left on time for the islands.</p>
<p>Its captain called the crossing <q>a calm one</q> on the radio.</p>
</article><footer>Contact</footer></body></html>
EOF
"$bin" text "$t/marks.html" >"$t/marks.jsonl"
check "a page's captions apart from its text; its blockquote and embedded post marked in the text, the post between quotation marks" \
    'python3 -c "import json, sys
d = json.loads(open(sys.argv[1], encoding=\"utf-8\").read())
t = d[\"text\"]
assert d[\"captions\"] == [\"Boats at dawn in the harbor. (Photo: Ana Lima)\", \"A ferry at the north quay.\"], d[\"captions\"]
assert \"Boats at dawn\" not in t and \"ferry at the north\" not in t, t
assert \"crossing \u201ca calm one\u201d on the radio\" in t, t
b = [(x[\"kind\"], t[x[\"start\"]:x[\"end\"]]) for x in d[\"blocks\"]]
assert b == [(\"post\", \"\u201cWe are ready to welcome every boat back home.\u201d\\n\u2014 Ines Calloway (@ines) March 3, 2026\"),
             (\"quote\", \"\u201cIt was a long month,\u201d one of them said.\")], b" "$t/marks.jsonl"'
"$bin" extract "$t/marks.html" >"$t/marks-recs.jsonl"
check "an embedded post without quotation marks: a direct quotation, its signature the speaker" \
    'grep -q "\"type\":\"direct\",\"quotation\":\"We are ready to welcome every boat back home.\".*\"name\":\"Ines Calloway\"" "$t/marks-recs.jsonl"'
# (a page with a marked block and no record: its offsets are counted all
# the same; they once read a table only records build)
printf '<html><body><article><p>The harbor reopened on Monday after a month of repairs on the north quay.</p><blockquote><p>Ferries leave at dawn and at noon.</p></blockquote></article></body></html>' >"$t/marks2.html"
"$bin" text "$t/marks2.html" >"$t/marks2.jsonl"
check "a page with a blockquote and no record: the block marked, not quoted (nothing introduces it)" \
    'grep -q "\"blocks\":\[{\"kind\":\"quote\",\"start\":75,\"end\":109}\]" "$t/marks2.jsonl" && ! grep -qF "$(printf "\342\200\234")" "$t/marks2.jsonl"'
printf '<html><body><article><p>The harbor reopened on Monday after a month of repairs on the north quay. The harbor master said in a statement:</p><blockquote><p>Ferries leave at dawn and at noon.</p></blockquote></article></body></html>' >"$t/marks3.html"
"$bin" extract "$t/marks3.html" >"$t/marks3.jsonl"
check "a blockquote a colon introduces: a direct quotation of the sentence's speaker" \
    'grep -q "\"type\":\"direct\",\"quotation\":\"Ferries leave at dawn and at noon.\".*\"mention\":\"The harbor master\"" "$t/marks3.jsonl"'
# HTML5's named references that libxml2 2.9 leaves as text (&check;,
# &NotEqual;, two code points in &nvlt;) and old ones without their ';'
# in text (&eacute): decoded; a name without ';' inside a tag (a URL's
# query) is left as it is
printf '<html><head><meta property="og:url" content="https://example.org/a?b=1&copy=2"></head><body><article><p>Vote &check; for the plan &NotEqual; the budget, said the caf&eacute owner &nvlt; &amp;copy; &hellip; at length today.</p></article></body></html>' >"$t/ent.html"
"$bin" text "$t/ent.html" >"$t/ent.jsonl"
check "HTML5 named references decoded, one with two code points, old ones without ';' in text; not in a tag" \
    'python3 -c "import json, sys
d = json.loads(open(sys.argv[1], encoding=\"utf-8\").read())
assert d[\"text\"] == \"Vote \u2713 for the plan \u2260 the budget, said the caf\u00e9 owner <\u20d2 &copy; \u2026 at length today.\", repr(d[\"text\"])
assert d[\"url\"] == \"https://example.org/a?b=1&copy=2\", d[\"url\"]" "$t/ent.jsonl"'
# --show segments on a page (issue 12): what its extraction kept and
# dropped, and why, before the segments
"$bin" extract --show segments "$(dirname "$ex")/page-en.html" >"$t/page-seg.txt"
check "--show segments on a web page: the article kept, the boxes, class words and captions dropped, each with why" \
    'grep -q "^# html kept <article class=\"story\">: the article (score" "$t/page-seg.txt" &&
     grep -q "^# html dropped <div class=\"share-bar\">: class or id word \"share\" | Share Tweet Email" "$t/page-seg.txt" &&
     grep -q "^# html dropped <footer>: a box around what is not the article" "$t/page-seg.txt" &&
     grep -q "^# html dropped <figcaption>: " "$t/page-seg.txt" && grep -q "^P0 headline" "$t/page-seg.txt"'
# pages with no text: one message each, the next read (a JSON line whose
# "html" field was an empty page crashed the reader once: fuzz seed
# html-empty-1)
printf '{"id":"p1","html":"<html>"}\n{"id":"p2","html":"<html><body><p>\\u00ab Oui \\u00bb, a dit Anne Morel.</p></body></html>"}\n' >"$t/empty-page.jsonl"
printf '<html>' >"$t/empty-page.html"
"$bin" extract "$t/empty-page.jsonl" "$t/empty-page.html" >"$t/empty-page.out" 2>"$t/empty-page.err"
st=$?
check "an empty page, in a JSON line and as a file: one message each, status 1, the next page read" \
    '[ $st = 1 ] && [ $(wc -l <"$t/empty-page.err") = 2 ] && grep -q "empty-page.jsonl:1: document p1: a web page with no text; line skipped" "$t/empty-page.err" &&
     grep -q "\"doc\":\"p2\".*\"name\":\"Anne Morel\"" "$t/empty-page.out"'
"$bin" text -f csv "$ex" >/dev/null 2>"$t/text.err"
st=$?
check "dixit text -f csv: usage error" '[ $st = 2 ] && grep -q "dixit text writes JSON lines of articles" "$t/text.err"'
# .json files (issue 10): one article object, or an array of them, read
# as JSON lines are; and one line for the files a walk passed over
mkdir -p "$t/js/sub"
python3 -c "import json, sys
t = open('$ex', encoding='utf-8').read()
json.dump({'id': 'one', 'text': t, 'date': '2026-03-14'}, open(sys.argv[1] + '/a.json', 'w'), ensure_ascii=False, indent=2)
json.dump([{'id': 'two', 'text': t}, {'text': t}, 3], open(sys.argv[1] + '/sub/b.JSON', 'w'), indent=1)
" "$t/js"
for f in x.md y.md z.MD w.pdf README; do printf 'x\n' >"$t/js/sub/$f"; done
for j in 1 3; do
    "$bin" extract -j$j "$t/js" >"$t/js.jsonl" 2>"$t/js.err"
    st=$?
    check "-j$j: .json files (an object, an array) read as JSON lines; a line for the files passed over" \
        '[ $st = 1 ] && [ $(grep -c "\"doc\":\"one\"" "$t/js.jsonl") = $(wc -l <"$t/ref.jsonl") ] &&
         [ $(grep -c "\"doc\":\"two\"" "$t/js.jsonl") = $(wc -l <"$t/ref.jsonl") ] &&
         [ $(grep -c "\"doc\":\"b:2\"" "$t/js.jsonl") = $(wc -l <"$t/ref.jsonl") ] &&
         [ "$(cat "$t/js.err")" = "dixit: $t/js/sub/b.JSON:3: line is JSON but not an object; line skipped
dixit: 5 files skipped (unknown extension: .md ×3, .pdf ×1, none ×1)" ]'
done
"$bin" extract -q "$t/js" 2>&1 >/dev/null | cmp -s - /dev/null
check "-q: no line for the files passed over" '[ $? = 0 ]'
printf '[{"text": "x"},' >"$t/bad.json"
"$bin" extract "$t/bad.json" >/dev/null 2>"$t/bj.err"
st=$?
check "a .json file that does not parse: one message, status 1" \
    '[ $st = 1 ] && grep -qx "dixit: $t/bad.json: JSON does not parse at byte [0-9]*; file skipped" "$t/bj.err"'
# a file with many NUL bytes is named binary, not read as text (issue 10)
head -c 2000 /dev/zero >"$t/nul.txt"
printf 'abc' >>"$t/nul.txt"
"$bin" extract "$t/nul.txt" >/dev/null 2>"$t/nul.err"
st=$?
check "a NUL-heavy file: one message naming it binary, status 1" \
    '[ $st = 1 ] && [ $(wc -l <"$t/nul.err") = 1 ] && grep -q "binary file" "$t/nul.err"'
# where records come from (issue 10): "path", and ids unique in a run
check "every record says its path as given; stdin is -" \
    '! grep -v ",\"title\":null,\"site\":null,\"path\":\"examples/depeche-fr.txt\",\"type\":" "$t/ref.jsonl" &&
     ! grep -v "\"path\":\"-\"" "$t/stdin.jsonl" && grep -q "\"path\":\"$t/dir/sub/z.txt\"" "$t/dir.jsonl"'
check "CSV: a path column, then the quoted text, then the site, at the end" \
    'python3 -c "import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding=\"utf-8\", newline=\"\")))
assert rows[0][-3:] == [\"path\", \"quoted_text\", \"site\"] and all(r[-3] == \"examples/depeche-fr.txt\" for r in rows[1:]) and len(rows) > 2
" "$t/all.csv"'
mkdir -p "$t/dup/a" "$t/dup/b"
cp "$ex" "$t/dup/a/x.txt"
cp "$ex" "$t/dup/b/x.txt"
printf '{"text":"\\u00ab Non \\u00bb, a dit Paul Roy."}\n' >"$t/dup/a/y.jsonl"
cp "$t/dup/a/y.jsonl" "$t/dup/b/y.jsonl"
cp "$t/dup/a/y.jsonl" "$t/dup/y.jsonl"
for j in 1 3; do
    "$bin" extract -j$j "$t/dup" >"$t/dup$j.jsonl"
    check "-j$j: two files of one name in two folders get different docs (the later one its path without extension)" \
        'python3 -c "import json, sys
t = sys.argv[2]
docs = {}
for l in open(sys.argv[1], encoding=\"utf-8\"):
    r = json.loads(l)
    docs.setdefault(r[\"path\"], set()).add(r[\"doc\"])
want = {t + \"/a/x.txt\": {\"x\"}, t + \"/b/x.txt\": {t + \"/b/x\"}, t + \"/a/y.jsonl\": {\"y:1\"},
        t + \"/b/y.jsonl\": {t + \"/b/y:1\"}, t + \"/y.jsonl\": {t + \"/y:1\"}}
assert docs == want, docs
" "$t/dup$j.jsonl" "$t/dup"'
done
check "the same file twice keeps its doc" '"$bin" extract "$t/dup/a/x.txt" "$t/dup/a/x.txt" | grep -c "\"doc\":\"x\"" | grep -qx $((2 * $(wc -l <"$t/ref.jsonl")))'
passed cli
