#!/usr/bin/env python3
"""tests/html_equiv.py BIN DOCS: quotation quality does not drop on HTML.

Each article of DOCS (a folder of .txt files, a first `date YYYY-MM-DD`
line allowed, or a JSON Lines file of {"id", "text"}) is
rendered by this script as a simple news page: a navigation bar, a header
with the site's name, the article's paragraphs as <p> (its first one, the
headline, as <h1>), a photo with its caption, a related-links block and a
footer. dixit reads the page and the plain text; the records must be the
same (type, quotation with its blanks collapsed, speaker, cue), offsets
aside since the texts may differ in blanks. Prints the articles whose records differ and a summary;
exits 1 when any does.
"""
import html, json, os, subprocess, sys, tempfile


def page(text):
    date = None
    if text.startswith("date "):
        first, _, text = text.partition("\n")
        date = first[5:].strip()
    # paragraphs apart by blank lines, or by single line breaks in a text
    # that has no blank line (as dixit reads them)
    sep = "\n\n" if "\n\n" in text.strip() else "\n"
    paras = [p.strip() for p in text.split(sep) if p.strip()]
    head, body = paras[0], paras[1:]
    esc = lambda s: html.escape(s, quote=True)
    meta = '<meta property="article:published_time" content="%s">' % esc(date) if date else ""
    parts = ['<!DOCTYPE html><html><head><meta charset="utf-8">', meta,
             "<title>%s - Le Journal</title></head><body>" % esc(head),
             '<nav class="menu"><a href="/">Accueil</a> <a href="/politique">Politique</a> '
             '<a href="/monde">Monde</a></nav>',
             '<header class="site-header"><a href="/">Le Journal</a></header>',
             '<article class="article-body"><h1>%s</h1>' % esc(head)]
    for i, p in enumerate(body):
        parts.append("<p>%s</p>" % esc(p).replace("\n", "<br>"))
        if i == 1:
            parts.append('<figure><img src="photo.jpg" alt=""><figcaption>Une rue de Paris, '
                         'le 3 mars (photo d\'illustration)</figcaption></figure>')
    parts.append('</article><div class="related"><h2>A lire aussi</h2><ul>'
                 '<li><a href="/a">Un autre article sur le sujet</a></li>'
                 '<li><a href="/b">Le point sur la semaine politique</a></li></ul></div>'
                 '<footer>Le Journal, tous droits r\u00e9serv\u00e9s</footer></body></html>')
    return "".join(parts)


def records(binary, path):
    out = subprocess.run([binary, "extract", "-q", "-j1", path], capture_output=True, text=True).stdout
    recs = []
    for line in out.splitlines():
        r = json.loads(line)
        sp = (r.get("speaker") or {}).get("name")
        # blanks collapsed: a page's text collapses runs of blanks
        recs.append((r["type"], " ".join(r["quotation"].split()), sp, (r.get("cue") or {}).get("text")))
    return sorted(recs, key=lambda x: (x[1], x[0], str(x[2]), str(x[3])))


def main():
    binary, docs = sys.argv[1], sys.argv[2]
    bad = 0
    same_recs = total = 0
    with tempfile.TemporaryDirectory() as t:
        if not os.path.isdir(docs):  # JSON Lines: each article as a .txt file
            src = os.path.join(t, "txt")
            os.mkdir(src)
            for i, line in enumerate(open(docs, encoding="utf-8")):
                d = json.loads(line)
                open(os.path.join(src, "a%04d.txt" % i), "w", encoding="utf-8").write(d["text"])
            docs = src
        names = sorted(n for n in os.listdir(docs) if n.endswith(".txt"))
        for n in names:
            text = open(os.path.join(docs, n), encoding="utf-8").read()
            hp = os.path.join(t, n[:-4] + ".html")
            open(hp, "w", encoding="utf-8").write(page(text))
            a, b = records(binary, os.path.join(docs, n)), records(binary, hp)
            total += len(a)
            same_recs += sum(1 for r in a if r in b)
            if a != b:
                bad += 1
                print("differs: %s (%d records from the text, %d from the page)" % (n, len(a), len(b)))
                for r in a:
                    if r not in b:
                        print("   text only: %r" % (r,))
                for r in b:
                    if r not in a:
                        print("   page only: %r" % (r,))
    print("html-equiv: %d of %d articles give the same records from their page; %d of %d records found again"
          % (len(names) - bad, len(names), same_recs, total))
    return 1 if bad else 0


sys.exit(main())
