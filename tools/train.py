#!/usr/bin/env python3
"""train.py: fits the scorer's weights (data/weights.tsv) on the shared gold.

usage: tools/train.py BUILD/dixit SHARED_DIR [--out data/weights.tsv]
                      [--folds 5] [--seed 1]

dixit's rules propose; two trained models decide (src/score.h):

1. Antecedents (src/antecedent.c): which entity a pronoun or a description
   ("le Premier ministre") means, a description also weighed against
   staying as written. A conditional logit (softmax over one choice's
   candidates); and the voice of a quotation with no cue, weighed against
   naming no one. Only articles whose gold names the speaker can teach it:
   the French dev articles and the seed (PolNeAR's gold speaker is the
   local mention, "he", which says nothing about who "he" is).
2. Records (src/select.c): which proposed records stand, and their
   confidence. A logistic model over the record's features; a record is
   right when the shared scorer matches it with a gold attribution. Taught
   by PolNeAR train and the French articles; PolNeAR dev stays out, to
   check on (`make eval`). PolNeAR annotates beliefs and intentions too
   ("voters think", "wants to"), so dixit reads it with --beliefs, the
   option that reports them; the French gold follows ANNOTATION.md, which
   leaves them out, and is read without it.

The examples are what `dixit extract --show features` prints: every record
the rules propose (nothing is dropped while tracing), its features ("rf"),
and the candidates of its speaker's choice ("cands"); labels come from the
shared scorer (../shared/tools/score.py), so what is learned is what is
measured. Training starts from the old rules written as weights (START),
and the antecedent model's L2 penalty pulls towards them, so the same data
and seed give the same weights whatever data/weights.tsv holds.

Figures: k-fold by article (an article's records are scored by weights
fitted without it: dixit is rerun on it with `--weights`), beside the
in-sample figures of the final weights. Standard library only.
"""
import argparse
import json
import math
import os
import random
import subprocess
import sys
import tempfile

# The rules the scorer replaced, as weights: the most recent salient
# entity for a pronoun; for a description, the most recent entity given its
# role, else the description kept; for a quotation with no cue, the voice
# of the attribution before it when it is near; no record model (every
# proposal stands).
START = ("pron.srank=0\t10\npron.rank=0\t1\ndesc.role-match\t5\ndesc.rank=0\t0.5\ndesc.keep\t3\n"
         "voice.last-voice\t3\nvoice.para=2+\t-3\nvoice.none\t1\n")

# Antecedent templates left out: whether a name's first word is in
# data/firstnames.tsv, and the gender that comes from it, say more about
# the lexicon's coverage than about the entity (a Ukrainian or Malian name
# is as likely a speaker as a French one); gender stays a hard filter.
DROP = {"first-name", "gender-agree", "gender-unknown"}

HEADER = """# weights.tsv: the trained scorer's weights (src/score.h names the
# features). Written by tools/train.py (`make train`); do not edit by hand.
# Antecedents of pronouns and descriptions (pron.*, desc.*): {na} choices
# in {fr} French articles (fr-dev and the seed). Records (rec.*): {nr}
# proposals in {docs} articles (PolNeAR train, fr-dev, seed); records under
# rec.threshold are dropped. Seed {seed}.
"""


# ---------------------------------------------------------------- data

class Set:
    """One gold collection: documents, gold rows, and how dixit reads them."""

    def __init__(self, S, name, docs_path, gold_path):
        self.name = name
        self.docs = S.load_docs(docs_path)
        self.gold = S.read_jsonl(gold_path)
        self.jsonl = docs_path.endswith(".jsonl")
        self.dir = docs_path
        self.needs_cue = name.startswith("polnear")  # its scheme: no cue, no relation
        self.flags = ["--beliefs"] if name.startswith("polnear") else []  # and beliefs
        self.outlet = {}  # article -> its outlet, where the corpus says ("publisher")
        if self.jsonl:
            with open(docs_path, encoding="utf-8") as f:
                for line in f:
                    if line.strip():
                        d = json.loads(line)
                        if d.get("publisher"):
                            self.outlet[str(d["id"])] = d["publisher"]

    def inputs(self, ids, tmp):
        """The command-line inputs that hold exactly these articles."""
        if not self.jsonl:
            return [os.path.join(self.dir, d + ".txt") for d in ids]
        fd, path = tempfile.mkstemp(suffix=".jsonl", dir=tmp)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            for d in ids:
                f.write(json.dumps({"id": d, "text": self.docs[d]}, ensure_ascii=False) + "\n")
        return [path]


def run(dixit, args):
    out = subprocess.run([dixit, "extract", "-q"] + args, check=False, capture_output=True, text=True)
    return [json.loads(line) for line in out.stdout.splitlines() if line.strip()]


def run_sets(dixit, sets, ids_of, weights, tmp, trace=False):
    """Records of the chosen articles of every set, with the given weights."""
    preds = {}
    for s in sets:
        ids = ids_of(s)
        args = (["--show", "features"] if trace else []) + ["--weights", weights] + s.flags
        preds[s.name] = run(dixit, args + s.inputs(ids, tmp)) if ids else []
    return preds


def pairs(S, st, preds):
    """(pred index, gold row or None) for every prediction, as score.py
    pairs them: one to one, greedy by overlap."""
    by = {}
    for g in st.gold:
        by.setdefault(g["doc"], ([], []))[0].append(g)
    for i, p in enumerate(preds):
        by.setdefault(p["doc"], ([], []))[1].append(i)
    out = []
    for d, (gs, pis) in by.items():
        if d not in st.docs or not pis:
            continue
        toks = S.tokens(st.docs[d])
        G = [S.token_set(toks, *S.locate(g, st.docs[d])) for g in gs]
        P = [S.token_set(toks, int(preds[i]["start"]), int(preds[i]["end"])) for i in pis]
        cand = sorted(((len(gt & pt), gi, pj) for gi, gt in enumerate(G) for pj, pt in enumerate(P) if gt & pt),
                      key=lambda x: -x[0])
        ug, up = set(), set()
        for _, gi, pj in cand:
            if gi in ug or pj in up:
                continue
            ug.add(gi)
            up.add(pj)
            out.append((pis[pj], gs[gi]))
        out += [(pis[pj], None) for pj in range(len(pis)) if pj not in up]
    return out


# ---------------------------------------------------------------- antecedents

def antecedent_examples(S, st, preds):
    """One example per scored choice whose candidates hold the gold
    speaker: (doc, [feature lists], [right?])."""
    ex = []
    for i, g in pairs(S, st, preds):
        p = preds[i]
        cands = p.get("cands") or []
        if g is None or g.get("optional") or not cands:
            continue
        right = [S.speaker_ok({"speaker": {"name": c["name"]}}, g) for c in cands]
        # a name beats a description that the gold's aliases also accept:
        # keeping "le ministre" is right only when no candidate names him
        keep = [c["f"] in (["desc.keep"], ["voice.none"]) for c in cands]
        if any(r and not k for r, k in zip(right, keep)):
            right = [r and not k for r, k in zip(right, keep)]
        if any(right):
            ex.append((p["doc"], [[f for f in c["f"] if f.split(".", 1)[-1] not in DROP] for c in cands], right))
    return ex


def prior():
    """The old rules as weights: where the data says nothing, the model
    keeps to them (the L2 penalty pulls towards them, not towards 0)."""
    return {k: float(v) for k, v in (line.split("\t") for line in START.splitlines())}


def fit_antecedents(ex, seed, epochs=30, l2=1.0, rate=0.2):
    p = prior()
    w = dict(p)
    order = list(range(len(ex)))
    rnd = random.Random(seed)
    for ep in range(epochs):
        rnd.shuffle(order)
        lr = rate / (1 + ep * 0.1)
        for i in order:
            _, feats, right = ex[i]
            s = [sum(w.get(f, 0.0) for f in fs) for fs in feats]
            m = max(s)
            z = [math.exp(x - m) for x in s]
            tot = sum(z)
            zp = sum(zi for zi, r in zip(z, right) if r)
            # gradient of log P(a right candidate): E[f | right] - E[f]
            for fs, zi, r in zip(feats, z, right):
                g = (zi / zp if r else 0.0) - zi / tot
                if g:
                    for f in fs:
                        w[f] = w.get(f, 0.0) + lr * g
        for f in w:
            w[f] -= lr * l2 * (w[f] - p.get(f, 0.0))
    return w


def pick_accuracy(ex, w):
    ok = 0
    for _, feats, right in ex:
        s = [sum(w.get(f, 0.0) for f in fs) for fs in feats]
        ok += right[max(range(len(s)), key=lambda i: (s[i], -i))]
    return ok / len(ex) if ex else 0.0


# ---------------------------------------------------------------- records

def record_examples(S, st, preds):
    """(doc, features, right?) per proposed record; a record matched with
    an optional gold attribution teaches nothing, nor does a record with no
    cue in a set whose scheme needs one: PolNeAR annotates a relation only
    where a cue stands, so its silence on a floating quotation says nothing
    of ANNOTATION.md's floating quotations."""
    ex = []
    for i, g in pairs(S, st, preds):
        if g is not None and g.get("optional"):
            continue
        if st.needs_cue and "rec.cue=none" in preds[i]["rf"]:
            continue
        ex.append((preds[i]["doc"], preds[i]["rf"], g is not None))
    return ex


def fit_records(ex, seed, epochs=20, l2=1e-4, rate=0.05):
    """A logistic model; "rec.bias" is every record's first feature (the
    engine starts each score from it rather than look it up)."""
    ex = [(d, ["rec.bias"] + fs, y) for d, fs, y in ex]
    w = {}
    order = list(range(len(ex)))
    rnd = random.Random(seed)
    # the weights returned are the mean of the second half's epochs: one
    # epoch's weights hang on the last examples the shuffle gave it, and a
    # small change to the rules moved figures by more than it did
    avg, n = {}, 0
    for ep in range(epochs):
        rnd.shuffle(order)
        lr = rate / (1 + ep * 0.2)
        for i in order:
            _, fs, y = ex[i]
            z = sum(w.get(f, 0.0) for f in fs)
            p = 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))
            g = (1.0 if y else 0.0) - p
            for f in fs:
                w[f] = w.get(f, 0.0) * (1 - lr * l2) + lr * g
        if ep >= epochs // 2:
            n += 1
            for f, v in w.items():
                avg[f] = avg.get(f, 0.0) + v
    return {f: v / n for f, v in avg.items()}


def prob(w, fs):
    z = sum(w.get(f, 0.0) for f in fs)
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


def f1_threshold(scored, gold_total):
    """The threshold for the F1 of matched records, over the out-of-fold
    probabilities: (probability, right?) pairs. For calibrated
    probabilities the F1-optimal threshold is half the F1 it reaches, a
    fixed point found by iterating; unlike the argmax of a flat F1 curve,
    it moves little when the data or the rules move a little."""
    def f1(t):
        tp = sum(1 for p, y in scored if p >= t and y)
        fp = sum(1 for p, y in scored if p >= t and not y)
        return 2 * tp / (tp + fp + gold_total) if tp + fp + gold_total else 0.0
    t = 0.5
    for _ in range(20):
        nt = round(f1(t) / 2, 2)
        if nt == t:
            break
        t = nt
    return t


# ---------------------------------------------------------------- figures

def write_weights(path, w, header=""):
    with open(path, "w", encoding="utf-8") as f:
        f.write(header)
        for k in sorted(w):
            if abs(w[k]) >= 1e-4:
                f.write("%s\t%.4f\n" % (k, w[k]))


def outlet_cv(S, a, sets, rex, wa, threshold, tmp):
    """Leave one outlet out: for each outlet of a set that names them, the
    record model fitted without its articles scores them. Held-out articles
    come from outlets nobody tuned on; this says how far the scorer
    carries to a new outlet (the rules were written on all of them)."""
    lines = []
    for s in sets:
        outlets = sorted(set(s.outlet.values()))
        if len(outlets) < 2:
            continue
        preds, per = [], []
        for o in outlets:
            held = sorted(d for d in s.docs if s.outlet.get(d) == o)
            rtrain = [e for t in sets for e in rex[t.name] if not (t is s and s.outlet.get(e[0]) == o)]
            wp = os.path.join(tmp, "outlet.tsv")
            write_weights(wp, {**wa, **fit_records(rtrain, a.seed), "rec.threshold": threshold})
            got = run_sets(a.dixit, [s], lambda _s: held, wp, tmp)[s.name]
            preds += got
            ids = set(held)
            r = S.score({d: s.docs[d] for d in held}, [g for g in s.gold if str(g["doc"]) in ids], got)["all"]
            per.append((r["e2e"]["f1"], o))
        lines.append("  %-14s %-16s %.3f      %.3f    %.3f" % (s.name, "by outlet (%d)" % len(outlets),
                                                              *figures(S, s, preds)))
        lines.append("  %-14s e2e F1 per held-out outlet: %s" % ("", ", ".join("%s %.3f" % (o, f)
                                                                                for f, o in per)))
    return lines


def figures(S, st, preds):
    r = S.score(st.docs, st.gold, preds)["all"]
    return r["partial"]["f1"], r["e2e"]["f1"], r["speaker_accuracy"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dixit")
    ap.add_argument("shared")
    ap.add_argument("--out", default="data/weights.tsv")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--l2", type=float, default=3.0, help="antecedents: pull towards the old rules")
    a = ap.parse_args()
    sys.path.insert(0, os.path.join(a.shared, "tools"))
    import score as S  # the shared scorer: labels are what evaluation counts

    data = os.path.join(a.shared, "data")
    fr = [Set(S, "fr-dev", os.path.join(data, "fr-dev", "docs"), os.path.join(data, "fr-dev", "gold.jsonl")),
          Set(S, "seed", os.path.join(data, "seed"), os.path.join(data, "seed", "gold.jsonl"))]
    en = [Set(S, "polnear-train", os.path.join(data, "polnear", "train", "docs.jsonl"),
              os.path.join(data, "polnear", "train", "gold.jsonl"))]
    sets = fr + en
    tmp = tempfile.mkdtemp()
    start = os.path.join(tmp, "start.tsv")
    with open(start, "w", encoding="utf-8") as f:
        f.write(START)
    # folds by article, one shuffle over every set
    ids = sorted((s.name, d) for s in sets for d in s.docs)
    random.Random(a.seed).shuffle(ids)
    fold = {key: i % a.folds for i, key in enumerate(ids)}

    def in_fold(k, held):
        return lambda s: sorted(d for d in s.docs if (fold[(s.name, d)] == k) == held)

    everything = lambda s: sorted(s.docs)  # noqa: E731

    # the proposals under the old rules: the examples of both models
    base = run_sets(a.dixit, sets, everything, start, tmp, trace=True)
    aex = [(s.name,) + e for s in fr for e in antecedent_examples(S, s, base[s.name])]
    rex = {s.name: record_examples(S, s, base[s.name]) for s in sets}
    gold_total = sum(1 for s in sets for g in s.gold if not g.get("optional"))

    def weights_for(k):
        """Both models fitted without fold k (all articles when k is None)."""
        use = (lambda doc, name: True) if k is None else (lambda doc, name: fold[(name, doc)] != k)
        wa = fit_antecedents([e[1:] for e in aex if use(e[1], e[0])], a.seed, l2=a.l2)
        rtrain = [e for s in sets for e in rex[s.name] if use(e[0], s.name)]
        wr = fit_records(rtrain, a.seed)
        return wa, wr

    # out-of-fold probabilities choose the threshold; then each fold's
    # articles are rerun with the weights fitted without them
    folds, oof = [weights_for(k) for k in range(a.folds)], []
    for k, (wa, wr) in enumerate(folds):
        oof += [(prob(wr, ["rec.bias"] + fs), y)
                for s in sets for doc, fs, y in rex[s.name] if fold[(s.name, doc)] == k]
    threshold = f1_threshold(oof, gold_total)
    drop = [y for p, y in oof if p < threshold]
    cv = {s.name: [] for s in sets}
    for k, (wa, wr) in enumerate(folds):
        wp = os.path.join(tmp, "fold%d.tsv" % k)
        write_weights(wp, {**wa, **wr, "rec.threshold": threshold})
        got = run_sets(a.dixit, sets, in_fold(k, True), wp, tmp)
        for s in sets:
            cv[s.name] += got[s.name]
    wa, wr = weights_for(None)
    final = {**wa, **wr, "rec.threshold": threshold}
    wp = os.path.join(tmp, "all.tsv")
    write_weights(wp, final)
    ins = run_sets(a.dixit, sets, everything, wp, tmp)
    old = run_sets(a.dixit, sets, everything, start, tmp)
    print("antecedents: %d choices in %d French articles; pick accuracy in-sample %.3f" %
          (len(aex), sum(len(s.docs) for s in fr), pick_accuracy([e[1:] for e in aex], wa)))
    print("records: %d proposals in %d articles; threshold %.2f (half the out-of-fold F1 it gives): drops %d "
          "out of fold, %d of them right" % (sum(len(v) for v in rex.values()), len(ids), threshold,
                                              len(drop), sum(drop)))
    print("%d folds by article     partial F1   e2e F1   speaker acc" % a.folds)
    for s in sets:
        for label, preds in (("old rules", old[s.name]), ("cross-validated", cv[s.name]),
                             ("in-sample", ins[s.name])):
            print("  %-14s %-16s %.3f      %.3f    %.3f" % (s.name, label, *figures(S, s, preds)))
    for line in outlet_cv(S, a, sets, rex, wa, threshold, tmp):
        print(line)
    write_weights(a.out, final, HEADER.format(na=len(aex), fr=sum(len(s.docs) for s in fr),
                                              nr=sum(len(v) for v in rex.values()), docs=len(ids), seed=a.seed))
    print("wrote", a.out)


if __name__ == "__main__":
    main()
