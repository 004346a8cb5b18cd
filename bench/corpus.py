"""corpus.py SHARED OUT N: the benchmarks' corpus of the store and the
server (bench/store.sh, bench/serve.sh): N articles of JSON Lines, the
articles of SHARED/data (PolNeAR train and dev, the French dev set)
cycled, each copy made a new article by an id and a sentence of its own,
since the store keeps one copy of a text."""
import glob, json, os, sys

shared, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
docs = []
for split in ("train", "dev"):
    with open(f"{shared}/data/polnear/{split}/docs.jsonl", encoding="utf-8") as f:
        docs += [json.loads(l) for l in f if l.strip()]
for p in sorted(glob.glob(f"{shared}/data/fr-dev/docs/*.txt")):
    with open(p, encoding="utf-8") as f:
        docs.append({"id": os.path.basename(p)[:-4], "text": f.read()})
with open(out, "w", encoding="utf-8") as f:
    for i in range(n):
        d = dict(docs[i % len(docs)])
        d["id"] = "%s#%d" % (d["id"], i // len(docs))
        d["text"] += "\n\nEdition %d." % i  # a text of its own
        f.write(json.dumps(d, ensure_ascii=False) + "\n")
