#!/bin/sh
# tests/store.sh BIN: dixit index and dixit search on a real SQLite
# database (Debian's libsqlite3, read back with the sqlite3 shell and
# Python's sqlite3): what an index holds, indexing again, a run killed
# with SIGKILL, a reader during an index, a locked database, a full disk,
# files that are not dixit's databases or come from a newer dixit, and
# searches. The articles are written here.
bin=$1
here=$(dirname "$0")
. "$here/check.sh"
db="$t/c.db"
q() { sqlite3 "$1" "$2"; }
# the full-text index against its content (attributions_text): every
# word of every row where it should be, and no other (a row left behind
# by a delete, a word folded otherwise), "0|0" when whole. FTS5's own
# integrity-check, before SQLite 3.44, does not read an external content
# table: the index is compared with one rebuilt from the view.
fts_whole() {
    q "$1" "CREATE TEMP VIEW attributions_text AS SELECT * FROM main.attributions_text;
      CREATE VIRTUAL TABLE temp.chk USING fts5(quotation, speaker, content = 'attributions_text',
        content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2');
      INSERT INTO chk (chk) VALUES ('rebuild');
      CREATE VIRTUAL TABLE temp.v1 USING fts5vocab(main, attributions_fts, instance);
      CREATE VIRTUAL TABLE temp.v2 USING fts5vocab(temp, chk, instance);
      SELECT (SELECT count(*) FROM (SELECT * FROM v1 EXCEPT SELECT * FROM v2)),
        (SELECT count(*) FROM (SELECT * FROM v2 EXCEPT SELECT * FROM v1));"
}

# the corpus: the bundled examples, and articles of our own as JSON lines
ex=$(dirname "$here")/examples
python3 - "$t" <<'PY'
import json, sys
t = sys.argv[1]
arts = [
    ("a1", "2026-01-10", "fr", "« Il faut se mettre à l'œuvre sans attendre », a déclaré Paul Roy, le maire, lundi. Le ministère de la Santé a précisé que les vaccins arriveraient en mars."),
    ("a2", "2026-02-03", "fr", "Anne Morel a estimé que la réforme des retraites serait votée avant l'été. « Nous tiendrons nos promesses », a-t-elle ajouté."),
    ("a3", "2026-02-20", "en", "\u201cThe bridge will reopen in May,\u201d said Maria Lopez, the city engineer. John Smith said the budget was too small."),
]
with open(t + "/small.jsonl", "w") as f:
    for i, d, lang, text in arts:
        f.write(json.dumps({"id": i, "date": d, "lang": lang, "text": text}, ensure_ascii=False) + "\n")
# a bigger corpus, for the runs that are killed or read during an index
para = open(t + "/small.jsonl").read()
with open(t + "/big.jsonl", "w") as f:
    for k in range(6000):
        i, d, lang, text = arts[k % 3]
        f.write(json.dumps({"id": "b%d" % k, "date": d, "lang": lang, "text": text + " (%d)" % k}, ensure_ascii=False) + "\n")
PY

# ---- what an index holds
"$bin" index --db "$db" "$ex" >"$t/out" 2>"$t/err"
st=$?
"$bin" extract "$ex" >"$t/ex.jsonl"
check "index the examples: status 0, nothing on stdout, one article row each, every record stored" \
    '[ $st = 0 ] && [ ! -s "$t/out" ] && [ "$(q "$db" "select count(*) from articles")" = 2 ] &&
     [ "$(q "$db" "select count(*) from attributions")" = "$(wc -l <"$t/ex.jsonl")" ] &&
     [ "$(q "$db" "select count(*) from attributions_fts")" = "$(wc -l <"$t/ex.jsonl")" ]'
check "a dixit database: WAL, schema 2, integrity ok, foreign keys whole, the full-text index whole" \
    '[ "$(q "$db" "pragma journal_mode")" = wal ] && [ "$(q "$db" "pragma user_version")" = 2 ] &&
     [ "$(q "$db" "pragma integrity_check")" = ok ] && [ -z "$(q "$db" "pragma foreign_key_check")" ] &&
     [ "$(fts_whole "$db")" = "0|0" ] && [ "$(q "$db" "select count(*) from attributions_fts_docsize")" -gt 0 ]'
check "each attribution as the record says: quotation, offsets, speaker, cue, act, confidence" \
    'python3 - "$db" "$t/ex.jsonl" <<PY
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for line in open(sys.argv[2], encoding="utf-8"):
    r = json.loads(line)
    row = db.execute("select a.quotation, a.start, a.end, s.name, a.cue, a.act, a.confidence, a.parts from attributions a left join speakers s on s.id = a.speaker where a.rid = ?", (r["id"],)).fetchone()
    sp, cue = r["speaker"] or {}, r["cue"] or {}
    want = (r["quotation"], r["start"], r["end"], sp.get("name"), cue.get("text"), cue.get("act"), r["confidence"], json.dumps(r["parts"], separators=(",", ":")))
    assert row == want, (row, want)
PY'
check "the article row: its metadata and text as dixit text gives them" \
    '[ "$(q "$db" "select title, site, date from articles where doc = '"'page-en'"'")" = "Ferry service to resume next week|The Harbor Ledger|2026-05-12" ] &&
     [ "$(q "$db" "select length(text) = chars from articles where doc = '"'page-en'"'")" = 1 ]'

check "docs/store.md shows the schema of a new database, word for word" \
    'sed -n "/^\`\`\`sql\$/,/^\`\`\`\$/p" "$here/../docs/store.md" | sed "1d;\$d" >"$t/doc-schema.sql" &&
     q "$db" "select sql || '"';'"' from sqlite_schema where name not like '"'attributions\\_fts\\_%'"' escape '"'\\'"' and sql is not null order by rowid" >"$t/db-schema.sql" &&
     [ -s "$t/doc-schema.sql" ] && cmp -s "$t/doc-schema.sql" "$t/db-schema.sql"'

# ---- indexing again
before=$(q "$db" "select count(*) from articles; select count(*) from attributions; select count(*) from speakers")
"$bin" index --db "$db" "$ex" 2>"$t/err"
check "the same articles again: replaced, not added (same counts)" \
    '[ "$(q "$db" "select count(*) from articles; select count(*) from attributions; select count(*) from speakers")" = "$before" ] &&
     [ "$(q "$db" "select count(*) from attributions_fts")" = "$(wc -l <"$t/ex.jsonl")" ]'
"$bin" index --db "$db" "$t/small.jsonl" 2>/dev/null
sed 's/"id": "a1"/"id": "copy-of-a1"/' "$t/small.jsonl" | head -1 >"$t/copy.jsonl"
"$bin" index --db "$db" "$t/copy.jsonl" 2>/dev/null
check "the same text under another id replaces the article (its id is the new one)" \
    '[ "$(q "$db" "select count(*) from articles")" = 5 ] && [ "$(q "$db" "select count(*) from articles where doc = '"'a1'"'")" = 0 ] &&
     [ "$(q "$db" "select count(*) from articles where doc = '"'copy-of-a1'"'")" = 1 ]'
printf '{"id": "a2", "lang": "fr", "text": "Le conseil municipal se r\\u00e9unira jeudi."}\n' >"$t/a2new.jsonl"
"$bin" index --db "$db" "$t/a2new.jsonl" 2>/dev/null
check "a changed article under the same id: its old records gone, from the full-text index too" \
    '[ "$(q "$db" "select count(*) from attributions a join articles ar on ar.id = a.article where ar.doc = '"'a2'"'")" = 0 ] &&
     [ "$(q "$db" "select count(*) from attributions_fts where attributions_fts match '"'promesses'"'")" = 0 ] &&
     [ "$(fts_whole "$db")" = "0|0" ]'
"$bin" index -j1 --db "$t/j1.db" "$t/small.jsonl" "$ex" 2>/dev/null
"$bin" index -j3 --db "$t/j3.db" "$t/small.jsonl" "$ex" 2>/dev/null
dump='select ar.doc, a.rid, a.quotation, a.start, a.end, a.speaker_mention, a.confidence from attributions a join articles ar on ar.id = a.article order by a.id'
check "-j1 and -j3 store the same rows in the same order" \
    '[ -n "$(q "$t/j1.db" "$dump")" ] && [ "$(q "$t/j1.db" "$dump")" = "$(q "$t/j3.db" "$dump")" ]'
# escapes in the lines the store reads (store_json.c reads them, cJSON
# what it leaves): quotes, backslashes, controls, accents, a character
# past U+FFFF, in a text, a title and quotations
python3 - "$t/esc.jsonl" <<'PY'
import json, sys
text = ('« Le \\ "vrai" \u00e9té, ça\tva », a déclaré Paul Roy, le maire, lundi.\n'
        '“It\'s a \u0001 \"test\" \U0001F600 😀,” said Maria Lopez. \x7f\u2028 end.')
with open(sys.argv[1], "w") as f:
    f.write(json.dumps({"id": "esc\"1", "title": "T\u00eftle \"q\" \\ 😀", "lang": "fr", "text": text}) + "\n")
    f.write(json.dumps({"id": "esc2", "lang": "en", "text": text + " (2)"}, ensure_ascii=False) + "\n")
PY
"$bin" index --db "$t/esc.db" "$t/esc.jsonl" 2>/dev/null
"$bin" text "$t/esc.jsonl" >"$t/esc.text" 2>/dev/null
"$bin" extract "$t/esc.jsonl" >"$t/esc.ex" 2>/dev/null
check "escaped JSON: texts, titles and records stored as dixit text and extract give them" \
    'python3 - "$t/esc.db" "$t/esc.text" "$t/esc.ex" <<PY
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
n = 0
for line in open(sys.argv[2], encoding="utf-8"):
    a = json.loads(line)
    assert db.execute("select title, text from articles where doc = ?", (a["id"],)).fetchone() == (a.get("title"), a["text"]), a["id"]
    n += 1
for line in open(sys.argv[3], encoding="utf-8"):
    r = json.loads(line)
    row = db.execute("select quotation, start, end, parts, speaker_mention, confidence from attributions where rid = ?", (r["id"],)).fetchone()
    assert row == (r["quotation"], r["start"], r["end"], json.dumps(r["parts"], separators=(",", ":")), (r["speaker"] or {}).get("mention"), r["confidence"]), (row, r)
    n += 1
assert n >= 4, n
PY'
"$bin" index --no-text --db "$t/nt.db" "$t/small.jsonl" 2>/dev/null
check "--no-text: no text stored, its hash and length kept" \
    '[ "$(q "$t/nt.db" "select count(*) from articles where text is null and length(hash) = 32 and chars > 0")" = 3 ]'

# ---- a run killed with SIGKILL, then run again
"$bin" index -j2 --db "$t/k.db" "$t/big.jsonl" 2>/dev/null &
pid=$!
i=0
while [ "$(q "$t/k.db" "select count(*) from articles" 2>/dev/null || echo 0)" -lt 1 ] && [ $i -lt 200 ]; do
    sleep 0.05
    i=$((i + 1))
done
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
mid=$(q "$t/k.db" "select count(*) from articles")
# the secondary indexes a run into an empty database builds at its end
idx() { q "$1" "select count(*) from sqlite_schema where type = 'index' and name in ('articles_date', 'articles_site', 'attributions_article', 'attributions_speaker', 'attributions_quote')"; }
schema() { q "$1" "select type, name, sql from sqlite_schema order by rowid"; }
check "killed with SIGKILL mid-run: integrity ok, foreign keys whole, each article stored with all its records ($mid of 6000)" \
    '[ "$(q "$t/k.db" "pragma integrity_check")" = ok ] && [ -z "$(q "$t/k.db" "pragma foreign_key_check")" ] &&
     [ "$mid" -ge 1 ] && [ "$mid" -lt 6000 ] && [ "$(idx "$t/k.db")" = 0 ] &&
     [ "$(q "$t/k.db" "select count(*) from articles ar where (select count(*) from attributions a where a.article = ar.id) = 0")" = 0 ]'
"$bin" index -j2 --db "$t/k.db" "$t/big.jsonl" 2>/dev/null
st=$?
check "run again: it completes (6000 articles, no duplicate), its secondary indexes built, the schema as a new one's" \
    '[ $st = 0 ] && [ "$(q "$t/k.db" "select count(*), count(distinct doc) from articles")" = "6000|6000" ] &&
     [ "$(idx "$t/k.db")" = 5 ] && [ "$(schema "$t/k.db")" = "$(schema "$db")" ] && [ "$(fts_whole "$t/k.db")" = "0|0" ]'

# ---- SIGTERM: reading stops, what was read is committed
"$bin" index -j2 --db "$t/term.db" "$t/big.jsonl" "$t/big.jsonl" "$t/big.jsonl" 2>"$t/err" &
pid=$!
sleep 0.3
kill -TERM $pid 2>/dev/null
wait $pid
st=$?
n_term=$(q "$t/term.db" "select count(*) from articles" 2>/dev/null)
check "SIGTERM: status 143, one line naming the database, what was read stored ($n_term articles), integrity ok" \
    '[ $st = 143 ] && grep -q "stopped by SIGTERM after .* written to $t/term.db)" "$t/err" &&
     [ "$(q "$t/term.db" "pragma integrity_check")" = ok ] && [ "$(idx "$t/term.db")" = 5 ] &&
     [ "$(q "$t/term.db" "select count(*) from articles ar where (select count(*) from attributions a where a.article = ar.id) = 0")" = 0 ]'

# ---- a reader during an index
"$bin" index -j2 --db "$t/r.db" "$t/big.jsonl" 2>/dev/null &
pid=$!
reads=0
bad=0
while kill -0 $pid 2>/dev/null; do
    if [ -s "$t/r.db" ]; then
        "$bin" search --db "$t/r.db" -f jsonl --limit 1 maire >/dev/null 2>>"$t/r.err" || bad=$((bad + 1))
        reads=$((reads + 1))
    fi
done
wait $pid
st=$?
check "searches while an index writes: every one answered ($reads searches), the index done" \
    '[ $st = 0 ] && [ $bad = 0 ] && [ "$(q "$t/r.db" "select count(*) from articles")" = 6000 ]'

# ---- what is not a dixit database, or not this dixit's
printf 'not a database at all\n' >"$t/notes.txt"
cp "$t/notes.txt" "$t/notes.bak"
"$bin" index --db "$t/notes.txt" "$t/small.jsonl" 2>"$t/err"
st=$?
check "a text file as --db: one message, status 1, the file untouched" \
    '[ $st = 1 ] && [ "$(cat "$t/err")" = "dixit: $t/notes.txt: not a database" ] && cmp -s "$t/notes.txt" "$t/notes.bak"'
q "$t/other.db" "create table t(a); insert into t values(1)"
"$bin" index --db "$t/other.db" "$t/small.jsonl" 2>"$t/err"
st=$?
check "another program's SQLite database: refused, left as it was" \
    '[ $st = 1 ] && grep -q "not dixit'"'"'s" "$t/err" && [ "$(q "$t/other.db" "select count(*) from sqlite_schema")" = 1 ]'
cp "$t/j1.db" "$t/new.db"
q "$t/new.db" "pragma user_version = 7" >/dev/null
"$bin" index --db "$t/new.db" "$t/small.jsonl" 2>"$t/err"
st=$?
"$bin" search --db "$t/new.db" maire 2>"$t/err2"
st2=$?
check "a database of a newer schema: index and search refuse it, saying so" \
    '[ $st = 1 ] && [ $st2 = 1 ] && grep -q "written by a newer dixit (schema 7; this one reads up to 2)" "$t/err" &&
     grep -q "newer dixit" "$t/err2"'
# a database of schema 1 (its full-text table held its own copy of the
# words, deleted by rowid), made here from one of schema 2
cp "$t/j1.db" "$t/v1.db"
q "$t/v1.db" "BEGIN; CREATE TABLE words AS SELECT * FROM attributions_text;
  DROP TRIGGER attributions_unindex; DROP TABLE attributions_fts; DROP VIEW attributions_text;
  CREATE VIRTUAL TABLE attributions_fts USING fts5(quotation, speaker, tokenize = 'unicode61 remove_diacritics 2');
  INSERT INTO attributions_fts (rowid, quotation, speaker) SELECT id, quotation, speaker FROM words;
  DROP TABLE words;
  CREATE TRIGGER attributions_unindex AFTER DELETE ON attributions BEGIN DELETE FROM attributions_fts WHERE rowid = old.id; END;
  PRAGMA user_version = 1; COMMIT;"
found() { "$bin" search --db "$1" -f jsonl --limit 0 "$2" 2>&1; }
"$bin" search --db "$t/v1.db" -f jsonl --limit 0 vaccins >"$t/v1-search" 2>&1
st=$?
check "a database of schema 1: searched as it is, left as it is" \
    '[ $st = 0 ] && [ -s "$t/v1-search" ] && [ "$(cat "$t/v1-search")" = "$(found "$t/j1.db" vaccins)" ] &&
     [ "$(q "$t/v1.db" "pragma user_version")" = 1 ]'
"$bin" index --db "$t/v1.db" "$t/small.jsonl" 2>"$t/err"
st=$?
sorted() { q "$1" "select type, name, sql from sqlite_schema order by name"; }
same=yes
for w in vaccins ministere '"la réforme"' oeuvre 'promess*' Lopez; do
    [ -n "$(found "$t/j1.db" "$w")" ] && [ "$(found "$t/v1.db" "$w")" = "$(found "$t/j1.db" "$w")" ] || same="no ($w)"
done
check "a database of schema 1 indexed into: made schema 2 (the new one's schema, the index whole), the same searches" \
    '[ $st = 0 ] && [ ! -s "$t/err" ] && [ "$(q "$t/v1.db" "pragma user_version")" = 2 ] &&
     [ "$(sorted "$t/v1.db")" = "$(sorted "$t/j1.db")" ] && [ "$(fts_whole "$t/v1.db")" = "0|0" ] &&
     [ "$(q "$t/v1.db" "pragma integrity_check")" = ok ] && [ "$same" = yes ]'
"$bin" search --db "$t/none.db" maire 2>"$t/err"
st=$?
check "search on a database that does not exist: status 1, and none made" \
    '[ $st = 1 ] && grep -q "cannot open" "$t/err" && [ ! -e "$t/none.db" ]'

# ---- a database locked by another program
python3 -c "
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute('begin exclusive')
open(sys.argv[2], 'w').close()
time.sleep(9)
" "$t/j1.db" "$t/locked" &
locker=$!
i=0
while [ ! -e "$t/locked" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
"$bin" index --db "$t/j1.db" "$t/small.jsonl" 2>"$t/err"
st=$?
kill $locker 2>/dev/null
wait $locker 2>/dev/null
check "a locked database: waited for, then one message and status 1" \
    '[ $st = 1 ] && grep -q "locked by another program" "$t/err" && [ "$(q "$t/j1.db" "pragma integrity_check")" = ok ]'

# ---- a full disk: a real one (a 512 KB tmpfs, when this machine lets
# the test mount one: root in a container that allows it), else a
# file-size limit, which makes the same writes fail
mkdir "$t/small-disk"
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=512k tmpfs "$t/small-disk" 2>/dev/null; then
    full="$t/small-disk/full.db"
    trap 'umount "$t/small-disk" 2>/dev/null; [ -n "$KEEP" ] || rm -rf "$t"' EXIT
    want="disk is full"
    "$bin" index --db "$full" "$t/small.jsonl" 2>/dev/null
    "$bin" index -j1 --db "$full" "$t/big.jsonl" 2>"$t/err"
    st=$?
    how="a 512 KB tmpfs"
else
    full="$t/full.db"
    want="a write failed"
    "$bin" index --db "$full" "$t/small.jsonl" 2>/dev/null
    (ulimit -f 400 && "$bin" index -j1 --db "$full" "$t/big.jsonl") 2>"$t/err"
    st=$?
    how="a file-size limit"
fi
check "the disk full mid-index ($how): one message, status 1, the batch rolled back, the database whole" \
    '[ $st = 1 ] && grep -q "$want; this batch was rolled back" "$t/err" && [ $(wc -l <"$t/err") = 1 ] &&
     [ "$(q "$full" "pragma integrity_check")" = ok ] && [ -z "$(q "$full" "pragma foreign_key_check")" ] &&
     [ "$(q "$full" "select count(*) from articles where doc like '"'a%'"'")" = 3 ] &&
     [ "$(q "$full" "select count(*) from articles ar where (select count(*) from attributions a where a.article = ar.id) = 0")" = 0 ]'
umount "$t/small-disk" 2>/dev/null

# ---- speakers across articles
# index_arts NAME LANG: the articles of the Python list "arts" of (id,
# text) that stdin defines, as JSON lines of that language in
# $t/NAME.jsonl, indexed into $t/NAME.db; link_in DB NAME: the person
# speaker NAME is linked to, and the evidence
index_arts() {
    python3 -c 'import json, sys
ns = {}
exec(sys.stdin.read(), ns)
with open(sys.argv[1], "w") as f:
    for i, text in ns["arts"]:
        f.write(json.dumps({"id": i, "lang": sys.argv[2], "text": text}, ensure_ascii=False) + "\n")' "$t/$1.jsonl" "$2"
    "$bin" index --db "$t/$1.db" "$t/$1.jsonl" 2>/dev/null
}
link_in() { q "$t/$1" "select coalesce(p.name, '-') || ' / ' || coalesce(s.link, '') from speakers s left join persons p on p.id = s.person where s.name = '$2'"; }
python3 - "$t/people.jsonl" <<'PY'
import json, sys
arts = [
    ("p1", "« Nous ouvrirons le chantier en mai », a déclaré Emmanuel Dubois, le maire de Brest."),
    ("p2", "« Le chantier prendra du retard », a reconnu M. Dubois mardi."),
    ("p3", "« Les crédits sont là », a assuré E. Dubois devant le conseil."),
    ("p4", "« Je voterai contre », a déclaré Marine Roy, conseillère municipale."),
    ("p5", "« Je voterai pour », a déclaré Paul Roy, son frère."),
    ("p6", "« Rien n'est décidé », a affirmé Roy jeudi."),
    ("p7", "\u201cWe are not done yet,\u201d said Sen. Dubois, who chairs the committee."),
    ("p8", "Dominique Lenoir dirige le port depuis 2020. « Nous rouvrirons lundi », a-t-elle annoncé."),
    ("p9", "« Les quais sont prêts », a affirmé Mme Camille Vasseur, la directrice."),
]
with open(sys.argv[1], "w") as f:
    for i, text in arts:
        f.write(json.dumps({"id": i, "lang": "en" if i == "p7" else "fr", "text": text}, ensure_ascii=False) + "\n")
PY
"$bin" index --db "$t/people.db" "$t/people.jsonl" 2>/dev/null
person() { q "$t/people.db" "select coalesce(p.name, '-') from speakers s left join persons p on p.id = s.person where s.name = '$1'"; }
check "a surname alone, a title and a surname, an initial: one person with the full name" \
    '[ "$(person "Dubois")" = "Emmanuel Dubois" ] && [ "$(person "E. Dubois")" = "Emmanuel Dubois" ] &&
     [ "$(person "Emmanuel Dubois")" = "Emmanuel Dubois" ]'
check "two first names of one surname: two people, and the surname alone linked to none (with why)" \
    '[ "$(person "Marine Roy")" = "Marine Roy" ] && [ "$(person "Paul Roy")" = "Paul Roy" ] && [ "$(person "Roy")" = "-" ] &&
     [ "$(q "$t/people.db" "select link from speakers where name = '"'Roy'"'")" = "the surname of several people: linked to none" ]'
check "each link keeps its evidence; person_summary counts variants, articles and attributions" \
    'q "$t/people.db" "select link from speakers where name = '"'E. Dubois'"'" | grep -q "initial and surname of the one person" &&
     [ "$(q "$t/people.db" "select attributions, articles from person_summary where name = '"'Emmanuel Dubois'"'")" = "4|4" ]'
# a surname of two people, a woman and a man: linked to the one of the
# gender its mentions give, when most of its articles give some
index_arts same-surname fr <<'PY'
arts = [
    ("s1", "« Le port rouvrira », a déclaré Julie Lemaire, la directrice."),
    ("s2", "« Le port restera fermé », a déclaré Marc Lemaire, le syndicaliste."),
    ("s3", "« Les travaux avancent », a assuré Mme Lemaire. « Nous tiendrons les délais », a-t-elle ajouté."),
    ("s4", "« Le budget suivra », a affirmé Lemaire. Elle a ajouté qu'un audit aurait lieu."),
    ("s5", "« Rien n'est signé », a affirmé Lemaire lundi."),
    ("s6", "« La grève continue », a déclaré Anne Girard, la déléguée."),
    ("s7", "« La grève est finie », a déclaré Luc Girard, le patron."),
    ("s8", "« Nous négocions », a affirmé Girard. Il a ajouté que rien n'était signé."),
    ("s9", "« Nous attendons », a affirmé Girard mardi."),
    ("s10", "« Nous verrons », a répondu Girard jeudi."),
]
PY
link_of() { link_in same-surname.db "$1"; }
check "a surname of a woman and a man: linked by the gender most of its articles give, else to none" \
    'link_of Lemaire | grep -q "^Julie Lemaire / surname of several people, one of them female as its mentions say" &&
     [ "$(link_of Girard)" = "- / the surname of several people: linked to none" ]'
# an outlet named with its article within a sentence ("selon Le Courrier
# du Nord") and without it at a sentence's start: one organisation
printf '%s\n' '{"id":"c1","lang":"fr","text":"Le maire a démissionné, selon Le Courrier du Nord."}' \
    '{"id":"c2","lang":"fr","text":"Le Courrier du Nord rapporte que le maire a démissionné."}' \
    '{"id":"c3","lang":"fr","text":"Le port fermera lundi, selon Le Vigilant."}' \
    '{"id":"c4","lang":"fr","text":"Le port rouvrira en mai, a affirmé le Vigilant."}' \
    '{"id":"c5","lang":"fr","text":"Le port restera ouvert, a affirmé Fabre."}' \
    '{"id":"c6","lang":"fr","text":"Le port restera fermé, a affirmé Fabre."}' >"$t/outlets.jsonl"
"$bin" index --db "$t/outlets.db" "$t/outlets.jsonl" 2>/dev/null
link_of() { q "$t/outlets.db" "select coalesce(p.name, '-') from speakers s left join persons p on p.id = s.person where s.name = '$1'"; }
check "an outlet with and without its article: one organisation, the article in its name; a surname alone joins none" \
    '[ "$(link_of "Courrier du Nord")" = "Le Courrier du Nord" ] && [ "$(link_of "Le Courrier du Nord")" = "Le Courrier du Nord" ] &&
     [ "$(link_of Vigilant)" = "Le Vigilant" ] && [ "$(link_of Fabre)" = "-" ] &&
     q "$t/outlets.db" "select link from speakers where name = '"'Vigilant'"'" | grep -q "the name of an organisation, its article aside"'
# a surname alone that its own article names in full, where the engine
# split the two (a first name it does not know: "Brieuc"), though the
# corpus knows another person of that surname; two articles that name two
# people of one surname leave it to none; "O’Neill" and "O'Neill" one name
index_arts hosts en <<'PY'
def host(first, sur):
    return (f"{first} {sur}: Station Asking Moderator To Check Claims.\n\nThe station has asked the moderator to check "
            f"every claim during the debate. According to talk radio host {first} {sur}, the move reeks of \u201cfear\u201d."
            f"\n\n{sur} told his radio audience of Monday, \u201cThey sent marching orders to their friends.\u201d\n\n"
            f"{sur} continued: \u201cThey are putting all kinds of pressure on him.\u201d")
arts = [
    ("h1", host("Brieuc", "Halloway")),
    ("h2", "\u201cThe bridge will reopen in May,\u201d said Susan Halloway, the city engineer."),
    ("h3", host("Brieuc", "Morvan")),
    ("h4", host("Gwenn", "Morvan")),
    ("h5", "\u201cThe tunnel is safe,\u201d said Police Commissioner James O\u2019Neill on Monday."),
    ("h6", "\u201cWe found nothing,\u201d O'Neill said on Tuesday. The inquiry goes on."),
]
PY
tac "$t/hosts.jsonl" >"$t/hosts-rev.jsonl"
"$bin" index --db "$t/hosts-rev.db" "$t/hosts-rev.jsonl" 2>/dev/null
link_of() { link_in "$2" "$1"; }
check "a surname alone its article names in full: that person (with why), whatever the corpus knows; two articles, two people: none" \
    '[ "$(link_of Halloway hosts.db)" = "Brieuc Halloway / surname of the one person its article names in full, by a first name the engine does not know: Brieuc Halloway" ] &&
     [ "$(link_of Halloway hosts-rev.db)" = "$(link_of Halloway hosts.db)" ] &&
     link_of Morvan hosts.db | grep -q "^- / " && link_of Morvan hosts-rev.db | grep -q "^- / "'
check "a typographic apostrophe and a typewriter one in a surname: one name" \
    'link_of "O'"''"'Neill" hosts.db | grep -q "^James O’Neill / "'
# a role and its complement ("ministre de la Santé", "procureur de la
# République") is a description, no person "de la République" that would
# join the president and the prosecutor; a particle after a title is a
# surname ("M. de Vaucelles")
index_arts roles fr <<'PY'
arts = [
    ("r1", "« Les lits suffiront », a assuré le ministre de la Santé lundi."),
    ("r2", "« Aucune piste n’est écartée », a indiqué le procureur de la République mardi."),
    ("r3", "« Nous tiendrons », a promis le président de la République jeudi."),
    ("r4", "« Le port rouvrira », a déclaré Pierre de Vaucelles, le directeur du port."),
    ("r5", "« Les quais sont prêts », a assuré M. de Vaucelles vendredi."),
]
PY
link_of() { link_in roles.db "$1"; }
check "a role and its complement: a description, linked to none; a title and a particle: a surname" \
    '[ "$(link_of "ministre de la Santé")" = "- / a description, not a name: linked to none" ] &&
     [ "$(link_of "procureur de la République")" = "- / a description, not a name: linked to none" ] &&
     [ "$(link_of "président de la République")" = "- / a description, not a name: linked to none" ] &&
     link_of "M. de Vaucelles" | grep -q "^Pierre de Vaucelles / surname of the one person known by that surname"'
# words stuck to a surname where the article left a comma out ("the
# editorial board of the Daily Courier Halvorsen said"): the one person of
# that surname of the gender its mentions give ("She"); with no mention
# saying which (a man and a woman of that surname), a person of its own
index_arts stuck en <<'PY'
arts = [
    ("w1", "In a March meeting with the editorial board of the Daily Courier Halvorsen said that the harbor tax would be cut. "
           "She said that the ferries would run all winter."),
    ("w2", "\u201cThe harbor tax will stay,\u201d said Greta Halvorsen, the port commissioner."),
    ("w3", "In a meeting with the editorial board of the Harbor Gazette Brandt said that the bridge would close."),
    ("w4", "\u201cThe bridge will stay open,\u201d said Olaf Brandt, the mayor."),
    ("w5", "\u201cThe bridge will close,\u201d said Ingrid Brandt, his sister."),
]
PY
link_of() { link_in stuck.db "$1"; }
check "words stuck to a surname: the one person of that surname and of the gender its mentions give (with why); else its own" \
    'link_of "editorial board of the Daily Courier Halvorsen" | grep -q "^Greta Halvorsen / surname of the one person of its gender, the words before it no first name (pronoun .She. in w1:.*): Greta Halvorsen$" &&
     link_of "editorial board of the Harbor Gazette Brandt" | grep -q "^Harbor Gazette Brandt / "'
# "M." after a first name is an initial, not the French title: "Steven
# M. Castellano" is no surname alone, which would join Paula Castellano
index_arts initial en <<'PY'
arts = [
    ("m1", "\u201cThe levy will not pay for the bridge,\u201d said Steven M. Castellano, a fellow at the Harbor Institute."),
    ("m2", "\u201cThe bridge will be paid for,\u201d said Paula Castellano, the port director."),
]
PY
check "M. after a first name: an initial, the name a person of its own" \
    '[ "$(link_in initial.db "Steven M. Castellano")" = "Steven M. Castellano / " ] &&
     [ "$(link_in initial.db "Paula Castellano")" = "Paula Castellano / " ]'
# a description in lower case that ends in a medium's name with its
# article ("le journal Le Vigilant") joins that medium; one that ends in a
# name without it ("un ancien ministre PS") is no one's
printf '%s\n' '{"id":"j1","lang":"fr","text":"Le port fermera lundi, selon Le Vigilant."}' \
    '{"id":"j2","lang":"fr","text":"Le port rouvrira en mai, a indiqué le journal Le Vigilant."}' \
    '{"id":"j3","lang":"fr","text":"Le port restera ouvert, a affirmé un ancien ministre PS."}' \
    '{"id":"j4","lang":"fr","text":"Le PS a présenté son programme mardi. Les dépenses baisseront, selon le PS."}' >"$t/tail.jsonl"
"$bin" index --db "$t/tail.db" "$t/tail.jsonl" 2>/dev/null
check "a description ending in a medium's name and its article: that medium (with why); a name with none: no one" \
    '[ "$(link_in tail.db "journal Le Vigilant")" = "Le Vigilant / a description ending in the name of Le Vigilant" ] &&
     [ "$(link_in tail.db "ancien ministre PS")" = "- / a description in lower case: linked to none" ]'
# a surname in capitals, read as an organisation ("PENCE", a transcript's
# label), is the one person of that surname; a surname in capitals of two
# people, or of none, is no one's
index_arts lone en <<'PY'
arts = [
    ("k1", "\u201cThe bridge will be rebuilt,\u201d said Harold Whitcombe, the governor."),
    ("k2", "\u201cWe will rebuild the bridge,\u201d WHITCOMBE said at the debate."),
    ("k3", "\u201cThe tolls will rise,\u201d said Martin Quarles, the mayor."),
    ("k4", "\u201cThe tolls will fall,\u201d said Helen Quarles, his rival."),
    ("k5", "\u201cWe will see,\u201d QUARLES said at the debate."),
    ("k6", "\u201cWe will not,\u201d DORSEY said at the debate."),
]
PY
check "a surname in capitals: the one person of that surname (with why); of two people or none: no one" \
    '[ "$(link_in lone.db WHITCOMBE)" = "Harold Whitcombe / a surname in capitals, of the one person known by that surname: Harold Whitcombe" ] &&
     [ "$(link_in lone.db QUARLES)" = "QUARLES / " ] && [ "$(link_in lone.db DORSEY)" = "DORSEY / " ]'
"$bin" index --db "$t/people2.db" "$t/people.jsonl" 2>/dev/null
tac "$t/people.jsonl" >"$t/people-rev.jsonl"
"$bin" index --db "$t/people-rev.db" "$t/people-rev.jsonl" 2>/dev/null
links='select s.name, p.name, s.link, p.gender, p.gender_evidence from speakers s left join persons p on p.id = s.person order by s.name'
gender() { q "$t/people.db" "select gender from persons where name = '$1'"; }
check "gender from a first name, a title, a pronoun resolved to the person; none without evidence" \
    '[ "$(gender "Emmanuel Dubois")" = male ] && [ "$(gender "Marine Roy")" = female ] &&
     [ "$(gender "Camille Vasseur")" = female ] && [ "$(gender "Dominique Lenoir")" = female ] &&
     q "$t/people.db" "select gender_evidence from persons where name = '"'Dominique Lenoir'"'" | grep -q "^pronoun \"elle\"" &&
     [ "$(q "$t/people.db" "select count(*) from persons where gender is null and kind = '"'person'"'")" = 0 ]'
check "search words with --speaker: the person's every name (the surname alone, the initial), in the index's narrowing too" \
    '[ "$("$bin" search --db "$t/people.db" -f jsonl --speaker "Emmanuel Dubois" chantier | wc -l)" = 2 ] &&
     [ "$("$bin" search --db "$t/people.db" -f jsonl --speaker "Emmanuel Dubois" "crédits" | wc -l)" = 1 ] &&
     [ "$("$bin" search --db "$t/people.db" -f jsonl --speaker Roy chantier | wc -l)" = 0 ]'
# a word of more attributions than STORE_RANK_MAX (300): the latest
# indexed first, no ranking of them all; a rarer one ranked
python3 -c "
import json
for i in range(320):
    t = '« Le pont restera fermé %d jours », a déclaré Paul Lenoir.' % i
    if i == 7:
        t = '« Le pont et le pont et le pont restent fermés », a déclaré Paul Lenoir.'
    print(json.dumps({'id': 'pont%03d' % i, 'lang': 'fr', 'text': t}, ensure_ascii=False))" >"$t/many.jsonl"
"$bin" index --db "$t/many.db" "$t/many.jsonl" 2>/dev/null
check "a word of more than 300 attributions: the latest indexed first; fewer: ranked (bm25)" \
    '[ "$("$bin" search --db "$t/many.db" -f jsonl --limit 2 pont | python3 -c "import json,sys; print(\" \".join(json.loads(l)[\"doc\"] for l in sys.stdin))")" = "pont319 pont318" ] &&
     [ "$("$bin" search --db "$t/many.db" -f jsonl --limit 1 --type direct pont | python3 -c "import json,sys; print(json.loads(sys.stdin.readline())[\"doc\"])")" = pont319 ] &&
     [ "$("$bin" search --db "$t/many.db" -f jsonl --limit 1 "pont restent" | python3 -c "import json,sys; print(json.loads(sys.stdin.readline())[\"doc\"])")" = pont007 ]'
check "search --gender" \
    '[ "$("$bin" search --db "$t/people.db" -f jsonl --gender female --limit 0 | wc -l)" = 3 ] &&
     "$bin" search --db "$t/people.db" -f jsonl --gender male --limit 0 | grep -q "Emmanuel Dubois"'
"$bin" stats --db "$t/people.db" --by gender >"$t/stats.csv"
check "dixit stats --by gender: CSV, a row per gender, people counted once, the share of women" \
    'python3 -c "import csv, sys
rows = {r[\"gender\"]: r for r in csv.DictReader(open(sys.argv[1]))}
assert set(rows) == {\"female\", \"male\", \"unknown\"} or set(rows) == {\"female\", \"male\"}, rows
f, m = rows[\"female\"], rows[\"male\"]
assert (f[\"people\"], f[\"women\"], f[\"women_share\"]) == (\"3\", \"3\", \"1.000\"), f
assert (m[\"people\"], m[\"men\"]) == (\"2\", \"2\") and int(m[\"attributions\"]) >= 4, m" "$t/stats.csv"'
"$bin" stats --db "$db" --by outlet,month -f table >"$t/stats.txt"
"$bin" stats --db "$db" --by mood 2>"$t/err"
st=$?
check "dixit stats --by outlet,month as a table; an unknown kind is a usage error" \
    'head -1 "$t/stats.txt" | grep -q "^outlet  *month  *attributions" && grep -q "^The Harbor Ledger  *2026-05 " "$t/stats.txt" &&
     [ $st = 2 ] && grep -q "^dixit stats: --by takes" "$t/err"'
check "the links do not depend on the order articles come in" \
    '[ "$(q "$t/people.db" "$links")" = "$(q "$t/people-rev.db" "$links")" ]'
check "search --speaker takes every name of the person" \
    '[ "$("$bin" search --db "$t/people.db" -f jsonl --speaker "Emmanuel Dubois" | wc -l)" = 4 ]'

# ---- the same quotation across articles, and the export
python3 - "$t/quotes.jsonl" <<'PY'
import json, sys
q = "Nous ne lâcherons rien sur les retraites tant que le gouvernement refusera de négocier"
arts = [
    ("q1", "2026-03-02", "« %s », a déclaré Anne Morel lundi." % q),
    ("q2", "2026-03-03", "« %s », a affirmé Anne Morel, la secrétaire générale." % q),
    ("q3", "2026-03-04", "« %s », a répété Anne Morel." % q.replace("refusera", "refuse")),
    ("q4", "2026-03-05", "« Tant que le gouvernement refusera de négocier », a prévenu Anne Morel."),
    ("q5", "2026-03-01", "« Le gouvernement a toujours refusé de discuter avec nous », a regretté Anne Morel."),
    ("q6", "2026-03-06", "Paul Roy a jugé le projet « absurde »."),
    ("q7", "2026-03-06", "Marine Roy a jugé le projet « absurde »."),
    ("q8", "2026-03-07", "« Nous ne lâcherons rien sur les retraites tant que le gouvernement », a affirmé Anne Morel devant les militants du syndicat réunis jeudi à Lyon. « Refusera de négocier. »"),
]
with open(sys.argv[1], "w") as f:
    for i, d, text in arts:
        f.write(json.dumps({"id": i, "date": d, "lang": "fr", "url": "https://news%s.example/%s" % (i[1], i), "text": text}, ensure_ascii=False) + "\n")
PY
"$bin" index --db "$t/quotes.db" "$t/quotes.jsonl" 2>/dev/null
"$bin" export --db "$t/quotes.db" --quotebank >"$t/quotebank.jsonl"
check "one quotation in five articles (the same words, one edited, one shortened, one cut by its cue), another apart, one word never merged; Quotebank's fields" \
    'python3 -c "import json, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding=\"utf-8\")]
assert all(list(r) == [\"quoteID\", \"quotation\", \"speaker\", \"qids\", \"date\", \"numOccurrences\", \"probas\", \"urls\"] for r in rows), rows
big = [r for r in rows if r[\"numOccurrences\"] == 5]
assert len(big) == 1, rows
b = big[0]
assert b[\"quotation\"].startswith(\"Nous ne lâcherons rien\") and b[\"speaker\"] == \"Anne Morel\" and b[\"date\"] == \"2026-03-02\", b
assert b[\"urls\"] == [\"https://news%d.example/q%d\" % (i, i) for i in (1, 2, 3, 4, 8)] and b[\"probas\"] == [[\"Anne Morel\", \"1.0000\"]], b
assert b[\"quoteID\"].startswith(\"2026-03-02-\") and len(b[\"quoteID\"]) == 23 and b[\"qids\"] == [], b
assert any(r[\"quotation\"].startswith(\"Le gouvernement a toujours\") and r[\"numOccurrences\"] == 1 for r in rows), rows
assert sum(r[\"quotation\"] == \"absurde\" for r in rows) == 2, rows
assert len({r[\"quoteID\"] for r in rows}) == len(rows), rows" "$t/quotebank.jsonl"'
"$bin" export --db "$t/quotes.db" --quotebank -f csv >"$t/quotebank.csv"
check "export -f csv: a header and a row per quotation" \
    'head -1 "$t/quotebank.csv" | grep -qx "quoteID,quotation,speaker,date,numOccurrences,probas,urls" &&
     [ $(($(python3 -c "import csv, sys; print(len(list(csv.reader(open(sys.argv[1])))))" "$t/quotebank.csv") - 1)) = $(wc -l <"$t/quotebank.jsonl") ]'
"$bin" index --db "$t/quotes.db" "$t/quotes.jsonl" 2>/dev/null
check "indexing again: the same quotations" \
    '"$bin" export --db "$t/quotes.db" --quotebank | cmp -s - "$t/quotebank.jsonl"'
"$bin" export --db "$t/quotes.db" 2>"$t/err"
st=$?
check "export without --quotebank: a usage error" '[ $st = 2 ] && grep -q "quotebank is required" "$t/err"'

# ---- searches
"$bin" index --db "$t/s.db" "$t/small.jsonl" 2>/dev/null
s() { "$bin" search --db "$t/s.db" -f jsonl "$@"; }
check "a word without its accents finds it (ministere: ministère)" \
    's ministere | grep -q "\"speaker\":\"ministère de la Santé\""'
check "oe finds œ (oeuvre: l'\''œuvre)" 's oeuvre | grep -q "\"quotation\":\"Il faut se mettre à l'"'"'œuvre sans attendre\""'
check "a phrase in quotes; a prefix" \
    '[ $(s "\"bridge will reopen\"" | wc -l) = 1 ] && [ $(s "\"reopen bridge\"" | wc -l) = 0 ] && [ $(s "reop*" | wc -l) = 1 ]'
check "--speaker by the last word of the name; the fields of a result" \
    's --speaker Lopez | python3 -c "import json, sys
rows = [json.loads(l) for l in sys.stdin]
assert len(rows) == 1 and rows[0][\"speaker\"] == \"Maria Lopez\" and rows[0][\"doc\"] == \"a3\" and rows[0][\"date\"] == \"2026-02-20\", rows
assert set(rows[0]) == {\"id\", \"doc\", \"type\", \"quotation\", \"start\", \"end\", \"speaker\", \"mention\", \"cue\", \"act\", \"confidence\", \"date\", \"site\", \"url\", \"title\", \"person\"}, rows"'
docs_of() { python3 -c "import json, sys; print(' '.join(sorted({json.loads(l)[\"doc\"] for l in sys.stdin})))"; }
check "--since and --until take whole months and days, inclusive; --lang; --type; --min-confidence" \
    '[ "$(s --since 2026-02 | docs_of)" = "a2 a3" ] && [ "$(s --until 2026-01 | docs_of)" = "a1" ] &&
     [ "$(s --since 2026-02-03 --until 2026-02-03 | docs_of)" = "a2" ] && [ "$(s --lang en | docs_of)" = "a3" ] &&
     [ -z "$(s --type mixed --lang en)" ] && [ -z "$(s --min-confidence 1)" ] &&
     s --type direct | python3 -c "import json, sys
rows = [json.loads(l) for l in sys.stdin]
assert rows and all(r[\"type\"] == \"direct\" for r in rows), rows"'
"$bin" index --db "$t/s.db" "$ex" 2>/dev/null
check "--outlet in any case; --act" \
    '[ "$(s --outlet "the harbor ledger" | docs_of)" = "page-en" ] &&
     act=$(q "$t/s.db" "select act from attributions limit 1") &&
     [ "$(s --act "$act" --limit 0 | wc -l)" = "$(q "$t/s.db" "select count(*) from attributions where act = '"'"'$act'"'"'")" ]'
for bad in "--since jan" "--until 2026-1" "--type quoted" "--lang de" "--min-confidence 2" "--gender f"; do
    # shellcheck disable=SC2086
    "$bin" search --db "$t/s.db" $bad 2>"$t/err" >/dev/null
    st=$?
    check "search $bad: a usage error (status 2)" '[ $st = 2 ] && grep -q "^dixit search: " "$t/err"'
done
check "no words: the latest first; --limit" \
    '[ "$(s --limit 1 | python3 -c "import json, sys; print(json.loads(sys.stdin.read())[\"date\"])")" = 2026-05-12 ]'
check "words that are FTS5 operators are words (NEAR, AND, a quote)" \
    's "NEAR AND \"" >/dev/null; [ $? = 0 ]'
"$bin" search --db "$t/s.db" -f table oeuvre >"$t/table"
check "-f table: one line a result, date, speaker and quotation" \
    '[ $(wc -l <"$t/table") = 1 ] && grep -q "^2026-01-10 .*Paul Roy .*Il faut se mettre" "$t/table"'
"$bin" search --db "$t/s.db" --limit x maire 2>"$t/err"
st=$?
check "a usage error: status 2, one line and a hint" '[ $st = 2 ] && [ $(wc -l <"$t/err") = 2 ]'
passed store
