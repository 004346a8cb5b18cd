#!/usr/bin/env python3
"""Speakers across articles, scored: tests/eval_corpus.py DB SHARED GOLD.

DB is a database `dixit index` made of the shared dev sets (PolNeAR dev
and the French dev articles); GOLD is tests/data/speakers-gold.tsv (set,
doc, name, entity, kind: which real entity each gold speaker name of an
article is, written for this project from the articles). Each gold
attribution whose speaker has an entity (not "?") and that dixit found
with the right speaker in its article (the scorer's partial match and
speaker test, ../shared/tools/score.py; dixit's name not another entity
of the article) is one item: its gold cluster is
the entity, its dixit cluster the person the store linked its speaker to.
Prints B-cubed precision and recall over the items, and pairwise
precision and recall over the distinct (article, name) pairs, with the
wrong merges and the missed links that cost most."""
import collections
import json
import os
import sqlite3
import sys
import types

db_path, shared, gold_path = sys.argv[1], sys.argv[2], sys.argv[3]
sys.path.insert(0, shared + "/tools")
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
import score  # noqa: E402
import train  # noqa: E402  (its pairs(): the scorer's one-to-one greedy match)

SETS = {"polnear-dev": ("data/polnear/dev/docs.jsonl", "data/polnear/dev/gold.jsonl"),
        "fr-dev": ("data/fr-dev/docs", "data/fr-dev/gold.jsonl")}

entity = {}
named = collections.defaultdict(set)  # a name, anywhere in the gold: the entities it names
for line in open(gold_path, encoding="utf-8"):
    if line.startswith("set\t") or not line.strip():
        continue
    st, doc, name, ent, _kind = line.rstrip("\n").split("\t")
    entity[(st, doc, name)] = ent
    named[name].add(ent)

db = sqlite3.connect(db_path)
# a record's person; one linked to none is a cluster of its own
person_of = {rid: person if person is not None else "none:" + rid for rid, person in db.execute(
    "select a.rid, s.person from attributions a join speakers s on s.id = a.speaker")}
records = collections.defaultdict(list)
for rid, doc, s, e, name in db.execute(
        "select a.rid, ar.doc, a.start, a.end, s.name from attributions a join articles ar on ar.id = a.article "
        "left join speakers s on s.id = a.speaker"):
    records[doc].append({"id": rid, "doc": doc, "start": s, "end": e, "speaker": name})

items = []  # (gold entity, dixit person, (set, doc, name))
preds = [r for rs in records.values() for r in rs]
for st, (docs_rel, gold_rel) in SETS.items():
    docs = score.load_docs(shared + "/" + docs_rel)
    golds = [json.loads(line) for line in open(shared + "/" + gold_rel, encoding="utf-8")]
    golds = [g for g in golds if not g.get("optional")]
    here = types.SimpleNamespace(gold=golds, docs=docs)
    for pi, g in train.pairs(score, here, preds):
        p = preds[pi]
        ent = g and entity.get((st, str(g["doc"]), g.get("speaker") or ""))
        if not ent or ent == "?" or not score.speaker_ok(p, g) or p["id"] not in person_of:
            continue
        # dixit's name is another entity of the article ("Hillary Clinton"
        # where the gold says Bill, accepted by the scorer's surname
        # test): an error within the article, not of the links
        own = entity.get((st, p["doc"], p["speaker"]))
        if (own and own != ent) or (named.get(p["speaker"]) and ent not in named[p["speaker"]]):
            continue
        items.append((ent, person_of[p["id"]], (st, p["doc"], p["speaker"])))

if not items:
    print("eval-corpus: no items (no gold, or no record matched one)")
    sys.exit(0)
by_gold = collections.Counter(i[0] for i in items)
by_pred = collections.Counter(i[1] for i in items)
both = collections.Counter((i[0], i[1]) for i in items)
p = sum(both[(g, d)] / by_pred[d] for g, d, _ in items) / len(items)
r = sum(both[(g, d)] / by_gold[g] for g, d, _ in items) / len(items)
print("speakers across articles: %d items (gold attributions found with the right speaker), %d entities, "
      "%d dixit persons" % (len(items), len(by_gold), len(by_pred)))
print("  B-cubed   P %.4f  R %.4f  F1 %.4f" % (p, r, score.f1(p, r)))
nodes = {}
for g, d, key in items:
    nodes[key] = (g, d)
keys = sorted(nodes)
tp = fp = fn = 0
for a in range(len(keys)):
    for b in range(a + 1, len(keys)):
        (ga, da), (gb, db_) = nodes[keys[a]], nodes[keys[b]]
        same_g, same_d = ga == gb, da == db_
        tp += same_g and same_d
        fp += same_d and not same_g
        fn += same_g and not same_d
pp, pr = score.ratio(tp, tp + fp), score.ratio(tp, tp + fn)
print("  pairwise over %d (article, name) pairs: P %.4f  R %.4f  F1 %.4f" % (len(keys), pp, pr, score.f1(pp, pr)))
wrong = collections.Counter()
for d in by_pred:
    ents = {g for g, dd, _ in items if dd == d}
    if len(ents) > 1:
        names = sorted({k[2] for g, dd, k in items if dd == d})
        wrong[" / ".join(names[:4]) + " (" + ", ".join(sorted(ents)[:3]) + ")"] = by_pred[d]
for w, n in wrong.most_common(8):
    print("  merged wrongly (%d items): %s" % (n, w))
missed = collections.Counter()
for g in by_gold:
    persons = {d for gg, d, _ in items if gg == g}
    if len(persons) > 1:
        names = sorted({k[2] for gg, d, k in items if gg == g})
        missed["%s: %s" % (g, " / ".join(names[:5]))] = by_gold[g]
for m, n in missed.most_common(8):
    print("  not linked (%d items): %s" % (n, m))

# ---- gender: each gold person found, through its most frequent dixit
# person; precision where both decide, coverage of the persons found
gender_path = gold_path.replace("speakers-gold.tsv", "gender-gold.tsv")
gold_gender = {}
for line in open(gender_path, encoding="utf-8"):
    if not line.startswith("entity\t") and line.strip():
        ent, g, _why = line.rstrip("\n").split("\t", 2)
        gold_gender[ent] = g
dixit_gender = dict(db.execute("select id, gender from persons"))
right = decided = both = found = 0
wrong_g = []
for ent, g in gold_gender.items():
    persons = collections.Counter(d for gg, d, _ in items if gg == ent and not str(d).startswith("none:"))
    if not persons:
        continue
    found += 1
    d = persons.most_common(1)[0][0]
    mine = dixit_gender.get(d, "unknown")
    if mine in ("female", "male"):
        decided += 1
        if g in ("female", "male"):
            both += 1
            right += mine == g
            if mine != g:
                wrong_g.append("%s: %s, gold %s" % (ent, mine, g))
print("gender: %d gold persons found and linked; dixit decides %d (coverage %.4f); where the gold decides too "
      "(%d), precision %.4f" % (found, decided, score.ratio(decided, found), both, score.ratio(right, both)))
for w in wrong_g[:8]:
    print("  wrong:", w)
