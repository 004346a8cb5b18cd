#!/usr/bin/env python3
"""Precision of dixit's confidence deciles on a PolNeAR split.

usage: tests/deciles.py SPLIT PRED.jsonl [SHARED]
For each confidence decile: how many records, the share that partially
match a gold attribution (the scorer's one-to-one matching), and the share
that also have the right speaker. Reads the scorer from SHARED/tools.
"""
import collections
import importlib.util
import sys

split, pred = sys.argv[1], sys.argv[2]
shared = sys.argv[3] if len(sys.argv) > 3 else "../shared"
spec = importlib.util.spec_from_file_location("score", shared + "/tools/score.py")
sc = importlib.util.module_from_spec(spec)
spec.loader.exec_module(sc)
docs = sc.load_docs(f"{shared}/data/polnear/{split}/docs.jsonl")
gold = sc.read_jsonl(f"{shared}/data/polnear/{split}/gold.jsonl")
preds = sc.read_jsonl(pred)
by_doc = {}
for g in gold:
    by_doc.setdefault(g["doc"], ([], []))[0].append(g)
for p in preds:
    by_doc.setdefault(p["doc"], ([], []))[1].append(p)
buckets = collections.defaultdict(lambda: [0, 0, 0])
for doc, (gs, ps) in by_doc.items():
    text = docs[doc]
    toks = sc.tokens(text)
    G = [(g, sc.token_set(toks, *sc.locate(g, text))) for g in gs]
    P = [(p, sc.token_set(toks, p["start"], p["end"])) for p in ps]
    pairs = sorted(((len(a & b), i, j) for i, (_, a) in enumerate(G) for j, (_, b) in enumerate(P) if a & b),
                   key=lambda z: -z[0])
    used_g, used_p = set(), {}
    for _, i, j in pairs:
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p[j] = i
    for j, (p, _) in enumerate(P):
        k = min(9, int(p["confidence"] * 10))
        buckets[k][0] += 1
        if j in used_p:
            buckets[k][1] += 1
            buckets[k][2] += sc.speaker_ok(p, G[used_p[j]][0])
print("confidence   records  partial-match  right-speaker")
for k in sorted(buckets):
    n, m, r = buckets[k]
    print("%.1f-%.1f   %7d   %12.2f   %12.2f" % (k / 10, (k + 1) / 10, n, m / n, r / n))
