#!/bin/sh
# bad_inputs.sh: the catalogue of bad inputs. Each case states the input,
# the exit status and the message dixit must give, and checks that the good
# documents around the bad one still come out.
# usage: tests/bad_inputs.sh BUILD/dixit
bin=$1
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fails=0
n=0

# expect NAME STATUS MESSAGE-SUBSTRING RECORDS -- command...
# RECORDS: how many output lines must still come out (or - to skip).
expect() {
    name=$1 want_status=$2 want_msg=$3 want_recs=$4
    shift 5
    n=$((n + 1))
    "$@" >"$t/out" 2>"$t/err"
    st=$?
    recs=$(wc -l <"$t/out" | tr -d ' ')
    ok=1
    [ "$st" = "$want_status" ] || ok=0
    if [ -n "$want_msg" ] && ! grep -qF -- "$want_msg" "$t/err"; then ok=0; fi
    [ "$want_recs" = "-" ] || [ "$recs" = "$want_recs" ] || ok=0
    if [ $ok = 1 ]; then
        echo "ok   $name"
    else
        fails=$((fails + 1))
        echo "FAIL $name: status $st (want $want_status), $recs records (want $want_recs)"
        echo "     want message: $want_msg"
        sed 's/^/     stderr: /' "$t/err"
    fi
}

good='Le maire a parlé. « Nous rouvrirons l'"'"'école lundi », a déclaré Paul Roy.'
mkdir -p "$t/d"
printf '%s\n' "$good" >"$t/d/a-good.txt"
printf 'Bonne ligne.\nmauvais \201 octet\n' >"$t/d/b-badutf8.txt"  # 0x81: not Windows-1252 either
printf 'avant\000apres\n' >"$t/d/c-nul.txt"
printf '%s\n' "$good" >"$t/d/d-good.txt"

expect "invalid UTF-8 in a .txt file, neighbours kept" 1 \
    "b-badutf8.txt:2: invalid UTF-8 at byte 21; document skipped" 2 -- "$bin" extract "$t/d"
expect "NUL byte in a .txt file" 1 "c-nul.txt:1: NUL byte at byte 5; document skipped" 0 -- \
    "$bin" extract "$t/d/c-nul.txt"

j="$t/x.jsonl"
{
    printf '{"id":"one","text":"%s"}\n' "« Tout va bien », a déclaré Anne Morel."
    printf '{"id":"two","text": "broken\n'
    printf '{"id":"three","title":"no text here"}\n'
    printf '{"id":"four","text":"bad \377 byte"}\n'
    printf '[1, 2]\n'
    printf '{"id":"five","text":"%s"}\n' "« Tout va mal », a déclaré Anne Morel."
} >"$j"
expect "JSON line that does not parse" 1 "x.jsonl:2: JSON does not parse at byte" 2 -- "$bin" extract "$j"
expect "JSON line without text" 1 'x.jsonl:3: no "text" string field' 2 -- "$bin" extract "$j"
expect "JSON line with invalid UTF-8" 1 "x.jsonl:4: invalid UTF-8 at byte" 2 -- "$bin" extract "$j"
expect "JSON line that is not an object" 1 "x.jsonl:5: line is JSON but not an object" 2 -- "$bin" extract "$j"

expect "unreadable file (missing), the next one still read" 1 \
    "$t/missing.txt: cannot open: No such file or directory" 1 -- "$bin" extract "$t/missing.txt" "$t/d/a-good.txt"
if [ "$(id -u)" != 0 ]; then
    cp "$t/d/a-good.txt" "$t/locked.txt" && chmod 000 "$t/locked.txt"
    expect "unreadable file (permission)" 1 "locked.txt: cannot open: Permission denied" 0 -- \
        "$bin" extract "$t/locked.txt"
fi

head -c 300 /dev/zero | tr '\0' 'a' >"$t/big.txt"
expect "document over --max-doc-bytes" 1 \
    "big.txt: document of 300 bytes is over the limit of 100 (--max-doc-bytes); skipped" 1 -- \
    "$bin" extract --max-doc-bytes 100 "$t/big.txt" "$t/d/a-good.txt"
{
    printf '{"id":"long","text":"'
    head -c 300 /dev/zero | tr '\0' 'a'
    printf '"}\n'
    printf '{"id":"ok","text":"%s"}\n' "« Oui », a dit Anne Morel."
} >"$t/long.jsonl"
expect "JSON line over the limit" 1 "long.jsonl:1: text of 300 bytes is over the limit of 100" 1 -- \
    "$bin" extract --max-doc-bytes 100 "$t/long.jsonl"

printf 'not gzip at all, but named .gz' | gzip -c | head -c 20 >"$t/trunc.jsonl.gz"
expect "truncated gzip input" 1 "trunc.jsonl.gz: read error" - -- "$bin" extract "$t/trunc.jsonl.gz"
printf '\050\265\057\375\000\000not a frame' >"$t/bad.jsonl.zst"
expect "corrupt zstd input" 1 "bad.jsonl.zst: read error" - -- "$bin" extract "$t/bad.jsonl.zst"
if command -v zstd >/dev/null 2>&1; then
    head -c 200000 /dev/urandom | od -An -tx1 | zstd -q -c | head -c 100 >"$t/cut.txt.zst"
    expect "truncated zstd input" 1 "cut.txt.zst: read error: truncated zstd input" - -- "$bin" extract "$t/cut.txt.zst"
fi

if [ -w /dev/full ]; then
    expect "write to a full device" 1 "stdout: write error" - -- sh -c "'$bin' extract '$t/d/a-good.txt' >/dev/full"
fi
expect "unknown option is a usage error" 2 "unknown option '--nope'" 0 -- "$bin" extract --nope
expect "unknown command is a usage error" 2 "unknown command 'extrakt'" 0 -- "$bin" extrakt
expect "option without its value" 2 "option --lang needs a value" 0 -- "$bin" extract --lang

echo "bad inputs: $((n - fails)) of $n passed"
[ $fails = 0 ]
