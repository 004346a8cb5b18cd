# tests/scale_inputs.sh, sourced by tests/slurm.sh, tests/dask.sh and
# tests/pg.sh: scale_inputs SHARED DIR prints the inputs a scale-out test
# shards. With the shared data: PolNeAR train + dev and the French dev
# articles. Without it (a fresh CI machine): a corpus the test writes into
# DIR from the repository's own examples (examples/: an article and a web
# page), 400 JSON lines of its articles' paragraphs each with an id of its
# own, lines without an id and a bad line among them (with a third
# argument "clean": no bad line, and each text its own, so that no article
# replaces another and ids match from store to store), plus examples/
# itself, so the engines are exercised either way.
scale_inputs() {
    if [ -d "$1/data/polnear" ]; then
        s=$(cd "$1" && pwd)
        echo "$s/data/polnear/train/docs.jsonl $s/data/polnear/dev/docs.jsonl $s/data/fr-dev/docs"
        return
    fi
    ex=$(cd "$(dirname "$0")/../examples" && pwd)
    python3 - "$ex/depeche-fr.txt" "$2/own.jsonl" "${3:-}" <<'PY'
import json, sys
paras = [p for p in open(sys.argv[1], encoding="utf-8").read().split("\n\n") if p.strip()]
with open(sys.argv[2], "w", encoding="utf-8") as f:
    for i in range(400):
        text = "\n\n".join(paras[(i + k) % len(paras)] for k in range(3))
        if sys.argv[3] == "clean":
            text += "\n\nDépêche %d." % i  # each text its own: no article replaced
        d = {"text": text} if i % 50 == 7 else {"id": "own-%03d" % i, "text": text, "lang": "fr"}
        f.write(json.dumps(d, ensure_ascii=False) + "\n")
        if i == 200 and sys.argv[3] != "clean":
            f.write("{not json\n")
PY
    echo "$2/own.jsonl $ex"
}
