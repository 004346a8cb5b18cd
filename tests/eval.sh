#!/bin/sh
# eval.sh: runs dixit on the shared evaluation data and prints the scorer's
# tables: the seed article, PolNeAR dev (English) and fr-dev (French).
# usage: tests/eval.sh BUILD/dixit SHARED_DIR
# Skips with a message when the shared folder is absent (a fresh clone).
bin=$1
shared=${2:-../shared}
if [ ! -d "$shared/data" ] || [ ! -f "$shared/tools/score.py" ]; then
    echo "eval: $shared/data not found; skipping (the evaluation data lives outside the repository)"
    exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
run() {
    name=$1 docs=$2 gold=$3 input=$4
    shift 4 # the rest: options for dixit
    echo "== $name${1:+ ($*)}"
    "$bin" extract -q "$@" "$input" >"$tmp/$name.jsonl"
    python3 "$shared/tools/score.py" --docs "$docs" --gold "$gold" --pred "$tmp/$name.jsonl" || status=1
    # the one spoken to, which score.py does not score (tests/addressee.py)
    python3 "$(dirname "$0")/addressee.py" "$shared" "$docs" "$gold" "$tmp/$name.jsonl" || status=1
    [ "$name" = seed ] || python3 "$(dirname "$0")/worst.py" "$shared" "$docs" "$gold" "$tmp/$name.jsonl" || status=1
    echo
}
run seed "$shared/data/seed" "$shared/data/seed/gold.jsonl" "$shared/data/seed/000_d8f3fada432db8cc.txt"
# PolNeAR annotates beliefs and intentions too ("voters think", "wants
# to"): it is read with --beliefs, the option that reports them; the
# default, speech only (ANNOTATION.md), is summed up in one line after it
pdocs=$shared/data/polnear/dev/docs.jsonl pgold=$shared/data/polnear/dev/gold.jsonl
run polnear-dev "$pdocs" "$pgold" "$pdocs" --beliefs
"$bin" extract -q "$pdocs" >"$tmp/speech.jsonl"
python3 "$shared/tools/score.py" --json --docs "$pdocs" --gold "$pgold" --pred "$tmp/speech.jsonl" |
    python3 -c 'import json, sys; a = json.load(sys.stdin)["all"]
print("speech only (without --beliefs): pred %d, partial F1 %.2f, e2e F1 %.2f, speaker %.2f\n"
      % (a["pred"], a["partial"]["f1"], a["e2e"]["f1"], a["speaker_accuracy"]))' || status=1
run fr-dev "$shared/data/fr-dev/docs" "$shared/data/fr-dev/gold.jsonl" "$shared/data/fr-dev/docs"
exit $status
