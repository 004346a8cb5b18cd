#!/bin/sh
# tests/browser.sh BIN: dixit serve's page in a real browser. Indexes a
# small corpus written here (French and English articles of two outlets
# over six months, a woman and a man named with first names, characters
# outside the BMP, and two articles whose quotations are HTML injections),
# starts `BIN serve` on a free port of 127.0.0.1, waits until it answers,
# runs tests/browser/serve.test.mjs in Debian's headless Chromium through
# puppeteer-core (tests/browser/node_modules: `make browser-check` runs
# `npm ci` first), and stops the server on exit, failure included. The
# screenshots go to docs/ (SHOTS=DIR elsewhere, SHOTS= for none).
bin=$1
[ -x "$bin" ] || { echo "usage: tests/browser.sh BIN (a built dixit)" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
shots=${SHOTS-$here/../docs}
t=$(mktemp -d)
pid=
stop() {
    if [ -n "$pid" ]; then
        kill -TERM "$pid" 2>/dev/null
        # SIGTERM stops it cleanly; a server that does not stop in 5 s is killed
        i=0
        while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
        kill -KILL "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
        pid=
    fi
    [ -n "${KEEP:-}" ] || rm -rf "$t"
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

command -v node >/dev/null || { echo "browser: node is missing (apt-get install nodejs npm)" >&2; exit 1; }
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || { echo "browser: /usr/bin/chromium is missing (apt-get install chromium)" >&2; exit 1; }
[ -d "$here/browser/node_modules/puppeteer-core" ] ||
    { echo "browser: puppeteer-core is missing: (cd tests/browser && npm ci)" >&2; exit 1; }

# ---- the corpus: web pages in JSON lines (the "html" field), so that each
# article has its outlet (og:site_name), date, title and URL
python3 - "$t/corpus.jsonl" <<'PY'
import html, json, sys
E = html.escape
VAL, RIV = "Le Courrier du Val", "The Riverside Gazette"
arts = [
    ("fr-tram", "fr", VAL, "2026-01-14", "Le tramway prolongé jusqu'à la gare", [
        "La ligne de tramway sera prolongée de deux kilomètres d'ici 2028.",
        "« Nous voulons que chaque quartier soit à moins de dix minutes d'un arrêt », a déclaré Claire Dubois, la maire, mardi devant le conseil municipal.",
        "Martin Leroy, conseiller d'opposition, a dénoncé un projet « trop cher et mal préparé ». « La majorité n'a consulté personne », a-t-il accusé."]),
    ("fr-ecoles", "fr", VAL, "2026-02-09", "Rentrée : trois écoles rénovées", [
        "Les travaux de rénovation de trois écoles s'achèveront en août \U0001F600.",
        "« Les enfants méritent des classes chauffées et lumineuses », a affirmé Claire Dubois lors d'une visite du chantier.",
        "Selon Martin Leroy, le calendrier « ne tiendra pas ». Il a reproché à Claire Dubois d'avoir caché les retards."]),
    ("fr-budget", "fr", VAL, "2026-03-18", "Le budget municipal adopté de justesse", [
        "Le conseil a adopté le budget par 23 voix contre 21.",
        "« Ce budget protège les services publics sans augmenter les impôts », a expliqué Claire Dubois aux journalistes.",
        "« C'est un budget de façade », a répliqué Martin Leroy, qui a annoncé un recours."]),
    ("en-bridge", "en", RIV, "2026-02-02", "Old bridge to close for repairs", [
        "The old stone bridge will close for six weeks from March, the council said.",
        "\u201cWe cannot keep patching a structure that is two hundred years old,\u201d said Sarah Collins, the council\u2019s chief engineer. \u201cThe work has to be done properly this time.\u201d",
        "David Hart, who runs a bakery on the east bank, said the closure would cost him customers. \u201cNobody asked the shop owners,\u201d he told the Gazette."]),
    ("en-library", "en", RIV, "2026-04-07", "Library opening hours extended \U0001F600", [
        "The central library will open on Sunday afternoons from May \U0001F600.",
        "\u201cPeople told us they wanted somewhere warm and quiet to study at weekends,\u201d said Sarah Collins, who chairs the library board.",
        "David Hart accused the board of ignoring the branch libraries. \u201cThe suburbs get nothing again,\u201d Hart said."]),
    ("en-market", "en", VAL, "2026-05-20", "Farmers' market moves to the square", [
        "The weekly farmers' market will move to the town square in June.",
        "\u201cThe square gives the stalls room to breathe,\u201d said Sarah Collins.",
        "\u201cIt is the best news the market has had in years,\u201d said David Hart."]),
    ("fr-piscine", "fr", VAL, "2026-06-03", "La piscine rouvre après un an de travaux", [
        "La piscine municipale rouvrira le 15 juin.",
        "« Les nageurs retrouveront un bassin plus grand et mieux chauffé », a annoncé Claire Dubois samedi.",
        "Martin Leroy a salué « une bonne nouvelle, enfin ». « Mais le tarif reste trop élevé pour les familles », a-t-il ajouté."]),
    ("en-buses", "en", RIV, "2026-06-11", "Night buses return on weekends", [
        "Night buses will run again on Friday and Saturday nights from July.",
        "\u201cYoung people need a safe way home, and it was the request we heard most,\u201d said Sarah Collins.",
        "David Hart told the council that the timetable \u201cforgets the villages\u201d."]),
    # the quotations of these two are HTML: the page must show them as text
    ("inj-img", "en", RIV, "2026-03-03", "A strange message on the notice board", [
        "Someone pinned a note to the town hall notice board on Monday.",
        "\u201c<img src=x onerror=alert(1)>\u201d said Peter Vance, the caretaker, reading the note aloud to reporters.",
        "The note was removed the same afternoon."]),
    ("inj-script", "en", VAL, "2026-03-25", "Council website briefly defaced", [
        "The council website showed an odd line of text for an hour on Tuesday.",
        "\u201c</script><script>alert(1)</script>\u201d said Peter Vance, quoting the line that appeared on the page.",
        "The council said no data had been taken."]),
]
with open(sys.argv[1], "w", encoding="utf-8") as f:
    for doc, lang, site, date, title, paras in arts:
        url = "https://%s.example/%s/%s" % ("courrier" if site == VAL else "gazette", date, doc)
        page = ('<!DOCTYPE html><html lang="%s"><head><meta charset="utf-8"><title>%s</title>'
                '<meta property="og:title" content="%s"><meta property="og:site_name" content="%s">'
                '<meta property="article:published_time" content="%sT08:00:00Z"><link rel="canonical" href="%s">'
                '</head><body><article><h1>%s</h1>\n%s</article></body></html>'
                % (lang, E(title), E(title), E(site), date, E(url), E(title),
                   "".join("<p>%s</p>\n" % E(p) for p in paras)))
        f.write(json.dumps({"id": doc, "html": page}, ensure_ascii=False) + "\n")
PY
"$bin" index --db "$t/corpus.db" "$t/corpus.jsonl" 2>"$t/index.err" ||
    { echo "browser: dixit index failed:" >&2; cat "$t/index.err" >&2; exit 1; }

# ---- the server, on a free port (tried again if another program took it)
tries=0
while :; do
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    "$bin" serve --db "$t/corpus.db" --port "$port" >"$t/serve.out" 2>"$t/serve.err" &
    pid=$!
    i=0
    up=0
    while [ $i -lt 100 ] && kill -0 "$pid" 2>/dev/null; do
        if python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2).read()' \
            "http://127.0.0.1:$port/api/stats?by=type" 2>/dev/null; then
            up=1
            break
        fi
        sleep 0.1
        i=$((i + 1))
    done
    [ $up = 1 ] && break
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    pid=
    tries=$((tries + 1))
    if [ $tries -ge 3 ]; then
        echo "browser: dixit serve did not answer on 127.0.0.1:$port:" >&2
        cat "$t/serve.err" >&2
        exit 1
    fi
done

[ -z "$shots" ] || mkdir -p "$shots"
node "$here/browser/serve.test.mjs" "http://127.0.0.1:$port" "$shots"
st=$?
if [ $st != 0 ] && [ -s "$t/serve.err" ]; then
    echo "browser: the server said:" >&2
    tail -20 "$t/serve.err" >&2
fi
exit $st
