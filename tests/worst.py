#!/usr/bin/env python3
"""worst.py: the ten articles with the lowest e2e F1, so the next person
knows where to look. Scores each article alone with the shared scorer.

usage: tests/worst.py SHARED_DIR DOCS GOLD PRED [N]
"""
import os
import sys


def main():
    shared, docs_path, gold_path, pred_path = sys.argv[1:5]
    n = int(sys.argv[5]) if len(sys.argv) > 5 else 10
    sys.path.insert(0, os.path.join(shared, "tools"))
    import score as S

    docs = S.load_docs(docs_path)
    gold, pred = S.read_jsonl(gold_path), S.read_jsonl(pred_path)
    rows = []
    for d in sorted({str(g["doc"]) for g in gold}):
        gd = [g for g in gold if str(g["doc"]) == d]
        if not any(not g.get("optional") for g in gd):
            continue
        r = S.score({d: docs[d]}, gd, [p for p in pred if str(p["doc"]) == d])["all"]
        rows.append((r["e2e"]["f1"], d, r["gold"], r["pred"], r["partial"]["f1"], r["speaker_accuracy"]))
    rows.sort()
    print("worst %d of %d articles by e2e F1 (gold, pred, partial F1, speaker accuracy):" % (min(n, len(rows)), len(rows)))
    for f, d, g, p, pf, sa in rows[:n]:
        print("  %.2f  %-60s gold %3d pred %3d  partial %.2f  speaker %.2f" % (f, d[:60], g, p, pf, sa))


if __name__ == "__main__":
    main()
