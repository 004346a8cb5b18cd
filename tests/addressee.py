"""addressee.py: how often dixit names the one spoken to where the gold
does (recall) and how often a predicted addressee agrees with the gold
(precision), on the records the shared scorer matches (same matching as
score.py, imported from SHARED/tools). score.py does not score addressees.

usage: python3 tests/addressee.py SHARED DOCS GOLD PRED [-v]
Names agree when one normalised name holds the other ("Figaro", "le
Figaro"). -v lists the disagreements.
"""
import os
import sys

shared = sys.argv[1]
sys.path.insert(0, os.path.join(shared, "tools"))
import score as S  # noqa: E402

docs_path, gold_path, pred_path = sys.argv[2:5]
docs = S.load_docs(docs_path)
gold = S.read_jsonl(gold_path); pred = S.read_jsonl(pred_path)
by = {}
for g in gold: by.setdefault(str(g["doc"]), ([], []))[0].append(g)
for p in pred: by.setdefault(str(p["doc"]), ([], []))[1].append(p)
def name(x):
    a = x.get("addressee")
    if isinstance(a, dict): return a.get("name") or a.get("mention")
    return a
def same(p, g):
    a, b = S.norm_name(p), S.norm_name(g)
    return bool(a and b) and (a == b or a in b or b in a)
g_with = g_right = p_with = p_right = 0
verbose = "-v" in sys.argv
for doc, (gs0, ps0) in by.items():
    if doc not in docs: continue
    toks = S.tokens(docs[doc])
    gs = [(g, S.token_set(toks, *S.locate(g, docs[doc]))) for g in gs0]
    ps = [(p, S.token_set(toks, int(p["start"]), int(p["end"]))) for p in ps0]
    pairs = sorted(((len(gt & pt), gi, pi) for gi, (g, gt) in enumerate(gs) for pi, (p, pt) in enumerate(ps) if gt & pt), key=lambda x: -x[0])
    ug, up = set(), set()
    for ov, gi, pi in pairs:
        if gi in ug or pi in up: continue
        ug.add(gi); up.add(pi)
        g, p = gs[gi][0], ps[pi][0]
        if g.get("optional"): continue
        gn, pn = name(g), name(p)
        if gn: g_with += 1; g_right += bool(pn and same(pn, gn))
        if pn: p_with += 1; p_right += bool(gn and same(pn, gn))
        if verbose and (gn or pn) and not (gn and pn and same(pn, gn)): print(doc, "gold:", gn, "| pred:", pn, "|", p["cue"] and p["cue"]["text"], "|", g["content"][:50] if "content" in g else "")
if not any(name(g) for g in gold):
    print("addressee: none annotated in this gold (%d predicted)" % p_with)
else:
    print("addressee: gold %d found %d (R %.2f); predicted %d right %d (P %.2f)"
          % (g_with, g_right, g_right / max(g_with, 1), p_with, p_right, p_right / max(p_with, 1)))
