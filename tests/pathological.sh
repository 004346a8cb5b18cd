#!/bin/sh
# pathological.sh: inputs built to make a careless algorithm quadratic.
# Each case generates its input into a temporary folder (nothing big is
# committed), runs `dixit extract` on it under a wall-clock bound, and
# checks the exit status, the message and the records that must come out.
# Where the case says so it also runs the same input at 1/10 of the size
# and fails when the time grows more than RATIO times for the 10 times
# larger input (linear is about 10; quadratic is about 100). The smaller
# time is floored at 0.05 s, so that start-up noise on tiny inputs cannot
# fail a case that runs in well under a second.
# usage: tests/pathological.sh BUILD/dixit
# PATHOLOGICAL_TIMEOUT: seconds allowed per run (default 60).
bin=$1
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fails=0
n=0
limit=${PATHOLOGICAL_TIMEOUT:-60}
ratio_max=25

now() {
    d=$(date +%s.%N)
    case $d in
        *N*) python3 -c 'import time; print(time.time())' ;;
        *) echo "$d" ;;
    esac
}

# The inputs: gen.py CASE DIVISOR OUT writes case CASE at 1/DIVISOR size.
cat >"$t/gen.py" <<'EOF'
import json, sys
case, div, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
names = ["Paul Roy", "Anne Morel", "Mikhailo Podoliak", "Claire Dubois",
         "John Smith", "Maria Lopez", "Jean Martin", "Sarah Brown"]
sentences = [
    "« Nous rouvrirons l'école lundi », a déclaré {n}. ",
    "{n} a affirmé que le gouvernement tiendrait ses promesses. ",
    "Selon {n}, la réforme sera votée avant l'été. ",
    "« C'est une erreur », a-t-il ajouté. ",
    "La ministre a estimé que « rien n'est joué » dans ce dossier. ",
    "\u201cWe will not back down,\u201d {n} told reporters on Tuesday. ",
    "The talks failed, according to {n}. ",
    "{n} said that the deal was \u201cdead on arrival\u201d. ",
    "Le texte, a indiqué le Kremlin dans un communiqué, « reste inacceptable ». ",
    "Il pleuvait sur Paris ce matin-là et les trains étaient en retard. ",
]

def prose(nbytes):
    """Ordinary sentences with cues and quotes, no newline, nbytes long."""
    parts, size, i = [], 0, 0
    while size < nbytes:
        s = sentences[i % len(sentences)].format(n=names[(i // len(sentences)) % len(names)])
        parts.append(s)
        size += len(s.encode("utf-8"))
        i += 1
    return "".join(parts)

def nested(n, opens, closes):
    o = "".join(opens[k % len(opens)] for k in range(n))
    c = "".join(closes[k % len(closes)] for k in reversed(range(n)))
    return o, c

with open(out, "w", encoding="utf-8") as f:
    if case == "bare-guillemets":      # 100,000 « and nothing else
        f.write("« " * (100000 // div) + "\n")
    elif case == "open-guillemets":    # 100,000 « between words, none closed
        f.write("Le ministre a déclaré " + "« pas un mot " * (100000 // div) + "\n")
    elif case == "paragraph":          # 10 MB on one line: one paragraph
        f.write(prose(10000000 // div) + "\n")
    elif case == "nested-guillemets":  # « « « … » » », 10,000 deep
        o, c = nested(10000 // div, ["« "], [" »"])
        f.write("Il a dit " + o + "oui" + c + ", a déclaré Paul Roy.\n")
    elif case == "nested-curly":       # “ ‘ “ ‘ … ’ ” ’ ”, 10,000 deep
        o, c = nested(10000 // div, ["\u201c", "\u2018"], ["\u201d", "\u2019"])
        f.write("He said " + o + "yes" + c + ", John Smith told reporters.\n")
    elif case == "jsonl":              # one 50 MB text, then a small article
        f.write(json.dumps({"id": "huge", "text": prose(50000000 // div)}, ensure_ascii=False) + "\n")
        f.write(json.dumps({"id": "ok", "text": "« Oui », a dit Anne Morel."}, ensure_ascii=False) + "\n")
    elif case == "verbs":              # 100,000 reporting verbs, no quotation
        f.write("Il a déclaré que. He said that. " * (100000 // div // 2) + "\n")
    elif case == "straight":           # 1,000,000 straight double quotes
        f.write('"' * (1000000 // div) + "\n")
    elif case == "one-sentence":       # 100,000 cued quotations, no sentence end
        f.write('Il a dit "oui" et ' * (100000 // div) + "\n")
    elif case == "scare":              # 100,000 quoted words amid narration, one sentence with a cue
        f.write("Le rapport a été publié hier" + ', un « mot de trop »' * (100000 // div) + ".\n")
    elif case == "tails":              # 100,000 tails, relative and passive clauses, one sentence
        f.write("It began" + (", the paper reported, citing two officials, as police have said"
                              " and the mayor was accused of lying by the party, which he said were false"
                              ", according to their lawyers, and said they would appeal, Clinton, who's called"
                              " for tax hikes") * (100000 // div // 6) + ".\n")
    elif case == "pronouns":           # 100,000 quotations whose speaker is a pronoun, settled in text order
        f.write("Paul Roy est arrivé. " + "« Oui », a-t-il dit. « Non », a-t-elle répondu. " * (50000 // div) + "\n")
    elif case == "headline-echo":      # 50,000 headline quotations, 50,000 body ones saying them again
        f.write("« Nous rouvrirons l'école lundi » : " * (50000 // div) + "\n\n")
        f.write("« Nous rouvrirons l'école lundi », a déclaré Paul Roy. " * (50000 // div) + "\n")
    elif case == "what-said":          # 60,000 sentences, each said by the one after it
        f.write("Titre\n\n" + "Le maire a parlé du budget. C'est ce qu'a dit Paul Roy. " * (60000 // div) + "\n")
    elif case == "html-nested":        # a page of 100,000 nested <div>, prose at the bottom
        o, c = nested(100000 // div, ["<div class='a'>"], ["</div>"])
        f.write("<!DOCTYPE html><html><body>" + o + "<p>" + prose(2000) + "</p>" + c + "</body></html>\n")
    elif case == "html-paragraphs":    # a page of 100,000 paragraphs in one element
        p = "<p>" + sentences[0].format(n=names[0]) + sentences[1].format(n=names[1]) + "</p>"
        f.write("<!DOCTYPE html><html><body><article>" + p * (100000 // div) + "</article></body></html>\n")
    elif case == "html-siblings":      # 100,000 sibling boxes of links and text
        box = "<div class='b'><a href='/x'>link</a> " + sentences[6].format(n=names[4]) + "</div>"
        f.write("<!DOCTYPE html><html><body>" + box * (100000 // div) + "</body></html>\n")
    elif case == "html-text-node":     # a page whose one text node is 10 MB
        f.write("<html><body><p>" + prose(10000000 // div) + "</p></body></html>\n")
    elif case == "html-attributes":    # a tag of a million attributes, then a quotation
        f.write("<html><body><div " + " ".join('a%d="x"' % i for i in range(1000000 // div)) + ">"
                + "<p>" + sentences[0].format(n=names[0]) + "</p></div></body></html>\n")
    elif case == "html-entities":      # a page of a million references libxml2 leaves (&check; and
        # &lt without its ';'), rewritten before the parse, then a quotation
        f.write("<html><body><p>" + "&check; &lt" * (1000000 // div) + "</p><p>" + sentences[0].format(n=names[0]) + "</p></body></html>\n")
    elif case == "html-comment":       # a comment never closed, 10 MB of prose inside it
        f.write("<html><body><p>" + sentences[0].format(n=names[0]) + "</p><!-- " + prose(10000000 // div) + "\n")
    elif case == "warc-bomb":          # a gzip-encoded body that inflates to 1 GB, then a page
        import gzip, zlib
        z = zlib.compressobj(9, zlib.DEFLATED, 31)
        bomb = b"".join(z.compress(b"\0" * (1 << 20)) for _ in range(1024 // div)) + z.flush()
        page = ("<html><body><p>" + sentences[0].format(n=names[0]) + "</p></body></html>").encode()
        for i, (enc, body) in enumerate(((b"gzip", bomb), (b"", page))):
            http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" + (b"Content-Encoding: " + enc + b"\r\n" if enc else b"") + b"\r\n" + body
            head = "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:%d>\r\nContent-Length: %d\r\n\r\n"
            f.buffer.write((head % (i, len(http))).encode() + http + b"\r\n\r\n")
    elif case in ("warc-many", "warc-huge"):  # 20,000 small pages; a 50 MB record, then a page
        def rec(i, body):
            http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body
            head = "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:%d>\r\nContent-Length: %d\r\n\r\n"
            return (head % (i, len(http))).encode() + http + b"\r\n\r\n"
        page = ("<html><body><p>" + sentences[0].format(n=names[0]) + "</p></body></html>").encode()
        w = f.buffer
        if case == "warc-many":
            for i in range(20000 // div):
                w.write(rec(i, page))
        else:
            w.write(rec(0, b"<html><body><p>" + b"x " * (25000000 // div) + b"</p></body></html>"))
            w.write(rec(1, page))
    else:
        sys.exit("gen.py: unknown case " + case)
EOF

# timed PREFIX ARGS...: `dixit extract ARGS` under the time limit; sets
# st (exit status; 124 when timed out), secs, recs (output lines) and
# leaves stderr in PREFIX.err.
timed() {
    p=$1
    shift
    s=$(now)
    { timeout -k 5 "$limit" "$bin" extract "$@" 2>"$p.err"; echo $? >"$p.st"; } | wc -l >"$p.n"
    e=$(now)
    secs=$(awk -v a="$s" -v b="$e" 'BEGIN { printf "%.2f", b - a }')
    st=$(cat "$p.st")
    recs=$(tr -d ' ' <"$p.n")
}

# pcase NAME CASE EXT STATUS MESSAGE MIN-RECORDS SCALED [OPTIONS...]
# Generates CASE into a .EXT file (kept if already there) and runs
# `dixit extract OPTIONS FILE`. MESSAGE: a substring stderr must hold (or
# empty); MIN-RECORDS: at least that many records (or -); SCALED: yes to
# compare with the run at 1/10 of the size.
pcase() {
    name=$1 gcase=$2 ext=$3 want_st=$4 want_msg=$5 min_recs=$6 scaled=$7
    shift 7
    n=$((n + 1))
    full="$t/$gcase.$ext"
    why=""
    if [ ! -f "$full" ] && ! python3 "$t/gen.py" "$gcase" 1 "$full"; then
        fails=$((fails + 1))
        echo "FAIL $name: could not generate the input"
        return
    fi
    small_secs=""
    if [ "$scaled" = yes ]; then
        python3 "$t/gen.py" "$gcase" 10 "$t/small.$ext"
        timed "$t/small" "$@" "$t/small.$ext"
        small_secs=$secs
        rm -f "$t/small.$ext"
        [ "$st" = "$want_st" ] || why="$why; status $st at 1/10 size (want $want_st)"
    fi
    timed "$t/full" "$@" "$full"
    timed_out=no
    if [ "$st" = 124 ] || [ "$st" = 137 ]; then
        timed_out=yes
        why="$why; timed out after ${limit}s"
    else
        [ "$st" = "$want_st" ] || why="$why; status $st (want $want_st)"
        if [ -n "$want_msg" ] && ! grep -qF -- "$want_msg" "$t/full.err"; then
            why="$why; no message '$want_msg'"
        fi
        [ "$min_recs" = - ] || [ "$recs" -ge "$min_recs" ] || why="$why; $recs records (want at least $min_recs)"
    fi
    if [ -n "$small_secs" ] && [ $timed_out = no ]; then
        r=$(awk -v f="$secs" -v s="$small_secs" 'BEGIN { if (s < 0.05) s = 0.05; printf "%.1f", f / s }')
        if awk -v r="$r" -v m="$ratio_max" 'BEGIN { exit !(r > m) }'; then
            why="$why; ${r}x the time of the 1/10 size input (${small_secs}s), over ${ratio_max}x"
        fi
    fi
    if [ -z "$why" ]; then
        echo "ok   $name (${secs}s)"
    else
        fails=$((fails + 1))
        echo "FAIL $name (${secs}s)${small_secs:+, 1/10 size ${small_secs}s}: ${why#; }"
        sed -n '1,5s/^/     stderr: /p' "$t/full.err"
    fi
    [ "$ext" = jsonl ] || rm -f "$full"
}

pcase "100,000 unmatched « alone" bare-guillemets txt 0 "" - yes
pcase "100,000 unmatched « between words" open-guillemets txt 0 "" - yes
pcase "10 MB single paragraph of quotes and cues" paragraph txt 0 "" 1000 yes
pcase "10,000 nested « « « … » » »" nested-guillemets txt 0 "" - yes
# shellcheck disable=SC1111 # the curly quotes are the input
pcase "10,000 nested “ ‘ “ ‘ … ’ ” ’ ”" nested-curly txt 0 "" - yes
# The 50 MB JSON line: over the default limit it is reported and skipped,
# and the article after it still comes out (status 1, as for any input
# that could not be read); with the limit raised it is processed.
pcase "50 MB JSON line, default limit: skipped with a message" jsonl jsonl 1 \
    "(--max-doc-bytes); line skipped" 1 no
pcase "50 MB JSON line, --max-doc-bytes 64 MiB: processed" jsonl jsonl 0 "" 1000 yes \
    --max-doc-bytes 67108864
rm -f "$t/jsonl.jsonl"
pcase "100,000 reporting verbs, no quotation" verbs txt 0 "" - yes
pcase "1,000,000 straight double quotes in one paragraph" straight txt 0 "" - yes
pcase "100,000 cued quotations in one sentence" one-sentence txt 0 "" 1000 yes
pcase "100,000 tails, relatives and passives in one sentence" tails txt 0 "" 1000 yes
pcase "100,000 quoted words in one sentence no cue explains" scare txt 0 "" - yes
pcase "50,000 headline quotations the body says again" headline-echo txt 0 "" 1000 yes
pcase "100,000 quotations with a pronoun for speaker" pronouns txt 0 "" 1000 yes
pcase "60,000 sentences said by the next ('c'est ce qu'a dit X')" what-said txt 0 "" 1000 yes
pcase "a web page of 100,000 nested <div>" html-nested html 0 "" - yes
pcase "a web page of 100,000 paragraphs" html-paragraphs html 0 "" 1000 yes
pcase "a web page of 100,000 sibling boxes" html-siblings html 0 "" - yes
pcase "a web page whose one text node is 10 MB" html-text-node html 0 "" 1000 yes
pcase "a web page with a tag of a million attributes" html-attributes html 0 "" 1 yes
pcase "a web page with a comment never closed" html-comment html 0 "" 1 yes
pcase "a web page of a million HTML5 references libxml2 does not know" html-entities html 0 "" 1 yes
pcase "a WARC archive of 20,000 pages" warc-many warc 0 "" 20000 yes
pcase "a gzip bomb in a WARC record (1 GB inflated): capped, reported, the next page read" warc-bomb warc 1 \
    "over the limit (--max-doc-bytes); skipped" 1 no
pcase "a WARC record of 50 MB, over the limit: skipped unheld, the next page read" warc-huge warc 1 \
    "(--max-doc-bytes); skipped" 1 no

echo "pathological: $((n - fails)) of $n passed"
[ $fails = 0 ]
