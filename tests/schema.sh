#!/bin/sh
# schema.sh: docs/schema.md stands alone and describes what the writers
# write. A user who cloned only the repository must find in it every field
# a record carries (its party objects' keys included), every CSV column,
# every rule name, and no link or path that leads outside the repository.
# usage: tests/schema.sh BUILD/dixit
bin=$1
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
"$bin" extract examples/*.txt >"$t/records.jsonl" || exit 1
# a JSON line with url and title, and a party of every role
printf '%s\n' '{"id":"s","url":"http://a.test/1","title":"T","lang":"fr","text":"Le ministre a d\u00e9clar\u00e9 \u00e0 Emmanuel Macron dans un communiqu\u00e9 que les n\u00e9gociations reprendraient. Poutine a d\u00e9clar\u00e9 que la guerre continuerait, a rapport\u00e9 le Kremlin."}' >"$t/s.jsonl"
"$bin" extract "$t/s.jsonl" >>"$t/records.jsonl" || exit 1
"$bin" extract -f csv examples/depeche-fr.txt >"$t/records.csv" || exit 1
python3 - "$t/records.jsonl" "$t/records.csv" <<'EOF'
import os, re, sys

doc_path = "docs/schema.md"
doc = open(doc_path, encoding="utf-8").read()
fails = []
prose = re.sub(r"^```.*?^```", "", doc, flags=re.M | re.S)  # fenced examples apart
named = {" ".join(c.split()) for c in re.findall(r"`([^`]+)`", prose)}

# 1. every key the JSON writer writes, at any depth, is named in the doc
import json
keys = set()
def walk(v):
    if isinstance(v, dict):
        for k, x in v.items():
            keys.add(k)
            walk(x)
for line in open(sys.argv[1], encoding="utf-8"):
    walk(json.loads(line))
for k in ("url", "title", "addressee", "source", "channel", "mention", "entity", "resolved_by"):
    if k not in keys:
        fails.append("the sample records carry no %r: the test needs a better sample" % k)
for k in sorted(keys - named):
    fails.append("record field %r is not named in %s" % (k, doc_path))

# 2. every CSV column
header = open(sys.argv[2], encoding="utf-8", newline="").readline().rstrip("\r\n")
for c in header.split(","):
    if c not in named:
        fails.append("CSV column %r is not named in %s" % (c, doc_path))

# 3. every rule a record may carry: those the trained model weighs and
# those the source code sets
rules = set(re.findall(r"^rec\.rule&lang=([a-z-]+)&", open("data/weights.tsv").read(), re.M))
for f in os.listdir("src"):
    if f.endswith(".c"):
        src = open(os.path.join("src", f), encoding="utf-8").read()
        rules |= set(re.findall(r"rule = \"([a-z-]+)\"", src))
        rules |= set(re.findall(r"\"([a-z-]+)\", a, e\)", src))  # the rules' emit(…, rule, a, e) (reported.c, rules_*.c)
if len(rules) < 10:
    fails.append("found only %d rule names: the test no longer reads them right" % len(rules))
for r in sorted(rules - named):
    fails.append("rule %r is not named in %s" % (r, doc_path))

# 4. no link or path leading outside the repository, none to a missing file,
# and every #anchor is a heading of the page (GitHub's way of naming them)
root = os.path.realpath(".")
def slug(h):
    h = h.strip().lower()
    h = re.sub(r"[^\w\- ]", "", h)
    return h.replace(" ", "-")
anchors = {slug(h) for h in re.findall(r"^#+ (.*)$", doc, re.M)}
targets = re.findall(r"\]\(([^)\s]+)\)", doc)
targets += re.findall(r"(?<![\w/])(\.\./[\w./-]+)", doc)
for tg in targets:
    if re.match(r"[a-z]+:", tg):
        continue  # a web address
    path, _, anchor = tg.partition("#")
    if not path:
        if anchor not in anchors:
            fails.append("link to #%s: no such heading" % anchor)
        continue
    full = os.path.realpath(os.path.join(os.path.dirname(doc_path), path))
    if not (full + os.sep).startswith(root + os.sep):
        fails.append("%s leads outside the repository" % tg)
    elif not os.path.exists(full):
        fails.append("%s does not exist" % tg)
if "ANNOTATION.md" in doc:
    fails.append("the doc names ANNOTATION.md, which is not in the repository")

for f in fails:
    print("FAIL", f)
print("schema: %d problem(s)" % len(fails))
sys.exit(1 if fails else 0)
EOF
