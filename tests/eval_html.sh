#!/bin/sh
# tests/eval_html.sh BIN SHARED: main-text extraction on the news pages of
# SHARED/data/html (ScrapingHub's 181 English pages from 181 sites, 200
# French pages of OrangeSum), scored by SHARED/tools/score_extract.py
# against their reference bodies: what `dixit text` reads of each page,
# headline included; then the French dev articles rendered as web pages
# must give the records of their text (tests/html_equiv.py). Skips when
# SHARED is absent.
set -eu
bin=$1
shared=$2
if [ ! -d "$shared/data/html" ]; then
    echo "eval-html: $shared/data/html not found; skipping"
    exit 0
fi
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
for set in scrapinghub:ground-truth.json orangesum-fr:reference.jsonl; do
    name=${set%%:*}
    gold=${set#*:}
    "$bin" text -q "$shared/data/html/$name/html" >"$t/$name.text.jsonl"
    # the text as dixit reads it, headline first; and its body, the
    # headline paragraph taken off, which is what the references hold
    # (the benchmarks' articleBody leaves the title out)
    python3 -c "
import json, sys
with open(sys.argv[2], 'w') as text, open(sys.argv[3], 'w') as body:
    for line in open(sys.argv[1], encoding='utf-8'):
        r = json.loads(line)
        t = r['text']
        print(json.dumps({'id': r['id'], 'text': t}, ensure_ascii=False), file=text)
        if r['title'] and t.startswith(r['title']):
            t = t[len(r['title']):].lstrip('\\n')
        print(json.dumps({'id': r['id'], 'text': t}, ensure_ascii=False), file=body)
" "$t/$name.text.jsonl" "$t/$name.jsonl" "$t/$name.body.jsonl"
    echo "== $name: the text, headline included"
    python3 "$shared/tools/score_extract.py" --gold "$shared/data/html/$name/$gold" --pred "$t/$name.jsonl"
    echo "== $name: its body (the headline paragraph off, as in the references)"
    python3 "$shared/tools/score_extract.py" --gold "$shared/data/html/$name/$gold" --pred "$t/$name.body.jsonl" --worst 5
done
echo "== French dev articles as web pages"
python3 "$(dirname "$0")/html_equiv.py" "$bin" "$shared/data/fr-dev/docs" | tail -1
echo "== PolNeAR dev articles as web pages"
python3 "$(dirname "$0")/html_equiv.py" "$bin" "$shared/data/polnear/dev/docs.jsonl" | tail -1
