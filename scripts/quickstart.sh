#!/bin/sh
# quickstart.sh: the README's first command. Installs what is missing,
# builds dixit, and runs it on the bundled example article and web page.
set -eu
cd "$(dirname "$0")/.."
sh scripts/install-deps.sh
make -s
echo "== build/dixit extract examples/depeche-fr.txt"
build/dixit extract examples/depeche-fr.txt
echo "== build/dixit extract examples/page-en.html (a web page: its article, headline, date, URL)"
build/dixit extract examples/page-en.html
echo "== build/dixit index --db build/examples.db examples/ (a SQLite corpus), then a search in it"
rm -f build/examples.db build/examples.db-wal build/examples.db-shm
build/dixit index --db build/examples.db examples/
build/dixit search --db build/examples.db -f table ferry
