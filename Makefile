# dixit: one plain Makefile. `make` builds build/dixit and build/libdixit.a;
# `make check` runs every test; see README.md for the other targets.

CC      ?= cc
PKGS    := libutf8proc libcjson zlib libzstd libxml-2.0 libbrotlidec
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   := $(shell pkg-config --libs $(PKGS))
WARN    := -Wall -Wextra -pedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wpointer-arith -Wcast-qual -Wwrite-strings -Wvla -Wformat=2
CFLAGS  ?= -O2 -g
ALL_CFLAGS := -std=c11 $(WARN) -Iinclude -Isrc -Ibuild $(PKG_CFLAGS) $(CFLAGS)
LDLIBS  := $(PKG_LIBS) -lm
# the command line's own: the corpus store (dixit index, dixit search), the
# server (dixit serve), and PostgreSQL's client, libpq, for a --db that is a
# postgresql:// URL. libpq and libmicrohttpd are loaded at their first
# call (cli/lazylib.c), not linked: with the 30 libraries they bring, they
# were most of the time a dixit process took to start.
CLI_LIBS := $(shell pkg-config --libs sqlite3) -ldl
CLI_CFLAGS := $(shell pkg-config --cflags sqlite3 libmicrohttpd libpq)
B       := build

LIB_SRC := src/alloc.c src/utf8.c src/lexicon.c src/lang.c src/segment.c src/quotes.c \
           src/zones.c src/cues.c src/score.c src/mentions.c src/antecedent.c src/attribute.c src/phrase.c \
           src/reported.c src/rules_tail.c src/rules_clause.c src/rules_source.c src/speaker.c src/voices.c \
           src/uncued.c src/select.c src/extent.c src/write.c src/jsonl.c src/entities.c src/html.c src/warc.c src/read.c src/dixit.c
DATA    := data/cues.fr.tsv data/cues.en.tsv data/abbrev.fr.txt data/abbrev.en.txt \
           data/firstnames.tsv data/roles.fr.tsv data/roles.en.tsv data/pronouns.tsv \
           data/words.fr.tsv data/words.en.tsv data/channels.tsv \
           data/verb-classes.tsv data/classes.tsv data/suffixes.tsv data/boilerplate.tsv data/weights.tsv data/html.tsv \
           data/entities.tsv
LIB_OBJ := $(LIB_SRC:src/%.c=$(B)/%.o) $(B)/lexdata.o

.PHONY: all check test unit spec cli-tests wget-warc store-tests serve-tests browser-check bench-serve schema-doc install-tests bad-inputs pathological valgrind-check \
        shard-tests scale-check pg-check \
        eval eval-html eval-corpus bench asan-check tsan-check clean fuzz example deciles train install uninstall layers

all: $(B)/dixit

$(B):
	@mkdir -p $(B)

$(B)/embed: tools/embed.c | $(B)
	$(CC) -std=c11 -O1 -o $@ $<

$(B)/lexdata.c: $(DATA) $(B)/embed
	$(B)/embed $@ dx_cues_fr=data/cues.fr.tsv dx_cues_en=data/cues.en.tsv \
	  dx_abbrev_fr=data/abbrev.fr.txt dx_abbrev_en=data/abbrev.en.txt \
	  dx_firstnames=data/firstnames.tsv dx_roles_fr=data/roles.fr.tsv \
	  dx_roles_en=data/roles.en.tsv dx_pronouns=data/pronouns.tsv \
	  dx_words_fr=data/words.fr.tsv dx_words_en=data/words.en.tsv \
	  dx_channels=data/channels.tsv dx_verb_classes=data/verb-classes.tsv \
	  dx_classes=data/classes.tsv dx_suffixes=data/suffixes.tsv \
	  dx_boilerplate=data/boilerplate.tsv dx_weights=data/weights.tsv dx_html=data/html.tsv \
	  dx_entities=data/entities.tsv

$(B)/lexdata.o: $(B)/lexdata.c
	$(CC) -std=c11 -c -o $@ $<

# The page of dixit serve: every file of web/, built into the binary.
WEB     := $(shell find web -maxdepth 1 -type f 2>/dev/null | LC_ALL=C sort)
$(B)/webdata.c: $(WEB) $(B)/embed
	$(B)/embed $@ --table web_files assets.h $(WEB)

$(B)/webdata.o: $(B)/webdata.c cli/assets.h
	$(CC) -std=c11 -Icli -c -o $@ $<

# Every object depends on every header of src/: a change to one rebuilds
# what may use it.
SRC_H   := $(wildcard src/*.h)
$(B)/%.o: src/%.c $(SRC_H) include/dixit.h | $(B)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(B)/libdixit.a: $(LIB_OBJ)
	ar rcs $@ $^

$(B)/dixit: cli/main.c cli/pool.c cli/pool.h cli/source.c cli/source.h cli/progress.c cli/progress.h \
    cli/output.c cli/output.h cli/options.c cli/options.h cli/filter.c cli/filter.h cli/decode.c cli/decode.h cli/intake.c cli/intake.h \
    cli/store.c cli/store.h cli/store_pg.c cli/store_pg.h cli/store_util.c cli/store_util.h cli/store_shard.c cli/store_shard.h cli/store_rows.c cli/store_rows.h cli/store_stats.c cli/store_stats.h cli/store_facts.c cli/store_facts.h cli/store_filters.h cli/tally.c cli/tally.h cli/lazylib.c cli/lazylib.h cli/link.c cli/link.h cli/gender.c cli/gender.h cli/merge.c cli/merge.h cli/search.c cli/search.h cli/stats.c cli/stats.h cli/export.c cli/export.h \
    cli/walk.c cli/walk.h cli/stems.c cli/stems.h cli/shard.c cli/shard_plan.c cli/shard.h cli/gather.c cli/gather.h \
    cli/query.c cli/query.h cli/serve.c cli/serve.h cli/serve_api.c cli/serve_api.h cli/serve_facets.c cli/serve_facets.h cli/serve_cache.c cli/serve_cache.h cli/serve_db.h cli/serve_sqlite.c cli/serve_pg.c cli/assets.h $(B)/webdata.o $(B)/libdixit.a
	$(CC) $(ALL_CFLAGS) $(CLI_CFLAGS) -pthread -o $@ cli/main.c cli/pool.c cli/source.c cli/progress.c cli/output.c cli/options.c cli/filter.c cli/decode.c cli/intake.c cli/store.c cli/store_pg.c cli/store_util.c cli/store_shard.c cli/store_rows.c cli/store_stats.c cli/store_facts.c cli/tally.c cli/lazylib.c cli/link.c cli/gender.c cli/merge.c cli/search.c cli/stats.c cli/export.c \
	    cli/walk.c cli/stems.c cli/shard.c cli/shard_plan.c cli/gather.c \
	    cli/query.c cli/serve.c cli/serve_api.c cli/serve_facets.c cli/serve_cache.c cli/serve_sqlite.c cli/serve_pg.c $(B)/webdata.o $(B)/libdixit.a $(LDLIBS) $(CLI_LIBS)

# ---------------------------------------------------------------- tests
TEST_LIBS := $(LDLIBS) $(shell pkg-config --libs cmocka)

$(B)/unit: tests/unit.c $(B)/libdixit.a
	$(CC) $(ALL_CFLAGS) $(shell pkg-config --cflags cmocka) -o $@ tests/unit.c $(B)/libdixit.a $(TEST_LIBS)

$(B)/spec: tests/spec.c $(B)/libdixit.a
	$(CC) $(ALL_CFLAGS) -o $@ tests/spec.c $(B)/libdixit.a $(LDLIBS)

unit: $(B)/unit
	$(B)/unit

spec: $(B)/spec $(B)/dixit
	$(B)/spec tests/spec/*.spec
	$(B)/spec --cli $(B)/dixit tests/spec/*.spec

bad-inputs: $(B)/dixit
	sh tests/bad_inputs.sh $(B)/dixit

# Inputs built to be quadratic (10 MB paragraph, 50 MB JSON line, 100,000
# unmatched marks...), each under a time bound; not part of `check`.
pathological: $(B)/dixit
	sh tests/pathological.sh $(B)/dixit

cli-tests: $(B)/dixit
	sh tests/cli.sh $(B)/dixit

# A WARC archive recorded by wget from pages served on 127.0.0.1 by the
# test itself (python3 -m http.server, stopped at the end).
wget-warc: $(B)/dixit
	sh tests/wget_warc.sh $(B)/dixit

# dixit index and dixit search on real SQLite databases: idempotence,
# SIGKILL, a reader during an index, locked, full, foreign and newer
# databases (tests/store.sh).
store-tests: $(B)/dixit
	sh tests/store.sh $(B)/dixit

# dixit shard, extract --shard and merge without a cluster: merged shards
# are byte for byte one extract, at 1 to 200 shards; missing, partial and
# failed shards refused (tests/shard.sh).
shard-tests: $(B)/dixit
	sh tests/shard.sh $(B)/dixit

# The same on the real engines, started by the tests themselves: a
# one-node Slurm cluster (tests/slurm.sh) and a Dask LocalCluster
# (tests/dask.sh), over the shared data (the repository's examples when
# it is absent: tests/scale_inputs.sh).
scale-check: $(B)/dixit
	sh tests/slurm.sh $(B)/dixit $(SHARED)
	sh tests/dask.sh $(B)/dixit $(SHARED)

# dixit serve on a corpus the test writes: every path of the API against
# the database, injection strings in every parameter, the limits, the
# headers, SIGTERM (tests/serve.sh; curl and python3).
serve-tests: $(B)/dixit
	sh tests/serve.sh $(B)/dixit

# dixit serve's page in Debian's headless Chromium (/usr/bin/chromium),
# driven by puppeteer-core, pinned in tests/browser/package-lock.json and
# installed by `npm ci` when missing (never a browser download); writes
# docs/screenshot-search.png and docs/screenshot-article.png.
browser-check: $(B)/dixit
	@[ -d tests/browser/node_modules/puppeteer-core ] || \
	    (cd tests/browser && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund)
	sh tests/browser.sh $(B)/dixit

# The corpus store in PostgreSQL, on a cluster the test makes and starts
# itself (initdb and pg_ctl of PostgreSQL 15, a unix socket, stopped at
# the end): the same answers as SQLite, 8 shards loaded at once, a shard
# killed mid-load (tests/pg.sh; its part on the shared data skipped when
# that is absent).
pg-check: $(B)/dixit
	sh tests/pg.sh $(B)/dixit $(SHARED)

# docs/schema.md names every field, CSV column and rule, and links nothing
# outside the repository.
schema-doc: $(B)/dixit
	sh tests/schema.sh $(B)/dixit

# make install into a temporary prefix, and what it installed.
install-tests: $(B)/dixit $(B)/libdixit.a
	MAKE="$(MAKE)" CC="$(CC)" CFLAGS="$(CFLAGS)" sh tests/install.sh $(B)

# No file of src/ includes the header of a later stage (the order is in
# the script).
layers:
	sh tests/layers.sh

check test: layers unit spec bad-inputs cli-tests wget-warc store-tests serve-tests shard-tests schema-doc install-tests

# The same suite under AddressSanitizer and UndefinedBehaviorSanitizer.
asan-check:
	$(MAKE) B=build-asan CC=clang CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" check

# The threaded command line under ThreadSanitizer (the -j tests of cli.sh,
# and dixit serve's thread pool under 32 connections in serve.sh).
tsan-check:
	$(MAKE) B=build-tsan CC=clang CFLAGS="-O1 -g -fsanitize=thread" build-tsan/dixit
	TSAN_OPTIONS=halt_on_error=1 sh tests/cli.sh build-tsan/dixit
	TSAN_OPTIONS=halt_on_error=1 sh tests/store.sh build-tsan/dixit
	TSAN_OPTIONS=halt_on_error=1 sh tests/serve.sh build-tsan/dixit

# The spec examples (library mode) and the example article under Valgrind,
# on the normal build: memory errors and definite or indirect leaks fail.
VALGRIND := valgrind -q --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect
valgrind-check: $(B)/spec $(B)/dixit
	$(VALGRIND) $(B)/spec tests/spec/*.spec
	$(VALGRIND) $(B)/dixit extract examples/depeche-fr.txt >/dev/null
	$(VALGRIND) $(B)/dixit extract -j1 examples/page-en.html >/dev/null
	python3 tests/warc.py $(B)/valgrind.warc.gz --gzip
	$(VALGRIND) $(B)/dixit extract -j2 $(B)/valgrind.warc.gz >/dev/null 2>&1
	rm -f $(B)/valgrind.db $(B)/valgrind.db-wal $(B)/valgrind.db-shm
	$(VALGRIND) $(B)/dixit index -j2 --db $(B)/valgrind.db examples/
	$(VALGRIND) $(B)/dixit index -j1 --db $(B)/valgrind.db examples/
	$(VALGRIND) $(B)/dixit search --db $(B)/valgrind.db -f jsonl "ferry" "\"north pier\"" >/dev/null

# ---------------------------------------------------------------- install
# `make install PREFIX=~/.local`; DESTDIR stages a package. The library is
# static only, so dixit.pc names its dependencies as Requires, not
# Requires.private: `pkg-config --libs dixit` links without --static.
PREFIX  ?= /usr/local
BINDIR  := $(PREFIX)/bin
LIBDIR  := $(PREFIX)/lib
INCDIR  := $(PREFIX)/include
PCDIR   := $(LIBDIR)/pkgconfig
MANDIR  := $(PREFIX)/share/man/man1
COMPDIR := $(PREFIX)/share/bash-completion/completions
VERSION := $(shell sed -n 's/^\#define DIXIT_VERSION "\(.*\)"/\1/p' include/dixit.h)
INSTALLED := $(BINDIR)/dixit $(LIBDIR)/libdixit.a $(INCDIR)/dixit.h $(PCDIR)/dixit.pc $(MANDIR)/dixit.1 \
             $(COMPDIR)/dixit

install: $(B)/dixit $(B)/libdixit.a
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCDIR) $(DESTDIR)$(PCDIR) \
	    $(DESTDIR)$(MANDIR) $(DESTDIR)$(COMPDIR)
	install -m 755 $(B)/dixit $(DESTDIR)$(BINDIR)/dixit
	install -m 644 $(B)/libdixit.a $(DESTDIR)$(LIBDIR)/libdixit.a
	install -m 644 include/dixit.h $(DESTDIR)$(INCDIR)/dixit.h
	install -m 644 docs/dixit.1 $(DESTDIR)$(MANDIR)/dixit.1
	install -m 644 cli/completion.bash $(DESTDIR)$(COMPDIR)/dixit
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(VERSION)|' dixit.pc.in >$(DESTDIR)$(PCDIR)/dixit.pc

uninstall:
	rm -f $(addprefix $(DESTDIR),$(INSTALLED))

# ---------------------------------------------------------------- eval
SHARED ?= ../shared
eval: $(B)/dixit
	@sh tests/eval.sh $(B)/dixit $(SHARED)

# Main-text extraction from the news pages of ../shared/data/html, scored
# by its score_extract.py (shingle and bag-of-words F1).
eval-html: $(B)/dixit
	@sh tests/eval_html.sh $(B)/dixit $(SHARED)

# The corpus store on the shared dev sets: speakers linked across articles
# against tests/data/speakers-gold.tsv (B-cubed and pairwise precision and
# recall). Skips when the shared data is absent.
eval-corpus: $(B)/dixit
	@if [ -d $(SHARED)/data/polnear ]; then \
	    rm -f $(B)/eval-corpus.db $(B)/eval-corpus.db-wal $(B)/eval-corpus.db-shm && \
	    $(B)/dixit index -q --db $(B)/eval-corpus.db $(SHARED)/data/polnear/dev/docs.jsonl $(SHARED)/data/fr-dev/docs && \
	    python3 tests/eval_corpus.py $(B)/eval-corpus.db $(SHARED) tests/data/speakers-gold.tsv; \
	else echo "eval-corpus: $(SHARED)/data not found; skipping"; fi

# Fits the scorer's weights on the shared gold and writes data/weights.tsv
# (committed: building never trains); prints k-fold figures by article
# beside the in-sample ones. tools/train.py says what it learns.
train: $(B)/dixit
	@if [ -d $(SHARED)/data/fr-dev ]; then python3 tools/train.py $(B)/dixit $(SHARED) --out data/weights.tsv && \
	  $(MAKE) $(B)/dixit; else echo "train: $(SHARED) absent; skipping"; fi

# libFuzzer harnesses, one per entry point, each run for FUZZ_SECONDS on
# inputs of up to 16 KB.
FUZZ_SECONDS ?= 60
FUZZ_FLAGS := -std=c11 -g -O1 -fsanitize=fuzzer,address,undefined -Iinclude $(PKG_CFLAGS)
fuzz:
	$(MAKE) B=build-fuzz CC=clang CFLAGS="-O1 -g -fsanitize=fuzzer-no-link,address,undefined" build-fuzz/libdixit.a
	clang $(FUZZ_FLAGS) -o build-fuzz/fuzz_extract fuzz/fuzz_extract.c build-fuzz/libdixit.a $(LDLIBS)
	clang $(FUZZ_FLAGS) -o build-fuzz/fuzz_read fuzz/fuzz_read.c build-fuzz/libdixit.a $(LDLIBS)
	clang $(FUZZ_FLAGS) -o build-fuzz/fuzz_source fuzz/fuzz_source.c cli/source.c $(LDLIBS)
	clang $(FUZZ_FLAGS) -o build-fuzz/fuzz_query fuzz/fuzz_query.c cli/query.c
	mkdir -p build-fuzz/corpus-extract build-fuzz/corpus-read build-fuzz/corpus-source build-fuzz/corpus-query
	cp examples/*.txt build-fuzz/corpus-extract/
	build-fuzz/fuzz_extract -max_total_time=$(FUZZ_SECONDS) -max_len=16384 -timeout=10 build-fuzz/corpus-extract fuzz/seeds
	build-fuzz/fuzz_read -max_total_time=$(FUZZ_SECONDS) -max_len=16384 -timeout=10 build-fuzz/corpus-read fuzz/seeds
	build-fuzz/fuzz_source -max_total_time=$(FUZZ_SECONDS) -max_len=16384 -timeout=10 build-fuzz/corpus-source fuzz/seeds-source
	build-fuzz/fuzz_query -max_total_time=$(FUZZ_SECONDS) -max_len=8192 -timeout=10 build-fuzz/corpus-query fuzz/seeds-query

# The benchmark procedure of docs/BENCHMARKS.md: BENCH_MB of corpus; then
# the corpus store on BENCH_ATTRS attributions (bench/store.sh).
BENCH_MB ?= 200
BENCH_ATTRS ?= 1000000
bench: $(B)/dixit
	sh bench/run.sh $(B)/dixit $(SHARED) $(BENCH_MB)
	sh bench/store.sh $(B)/dixit $(SHARED) $(BENCH_ATTRS)

# dixit serve under load (bench/serve.sh): a corpus of BENCH_SERVE_ATTRS
# attributions, then BENCH_REQUESTS API requests from bench/load.c at 32
# connections; errors, latency, requests per second, the server's RSS.
# BENCH_PG=postgresql://... serves the same corpus from PostgreSQL too.
BENCH_SERVE_ATTRS ?= 100000
BENCH_REQUESTS ?= 5000
$(B)/load: bench/load.c | $(B)
	$(CC) -std=c11 -O2 -Wall -Wextra -pthread -o $@ bench/load.c

bench-serve: $(B)/dixit $(B)/load
	BENCH_PG="$(BENCH_PG)" sh bench/serve.sh $(B)/dixit $(B)/load $(SHARED) $(BENCH_SERVE_ATTRS) $(BENCH_REQUESTS)

# Precision per confidence decile on PolNeAR dev (issue 3's calibration).
deciles: $(B)/dixit
	@if [ -d $(SHARED)/data/polnear ]; then $(B)/dixit extract -q $(SHARED)/data/polnear/dev/docs.jsonl > $(B)/deciles.jsonl && \
	  python3 tests/deciles.py dev $(B)/deciles.jsonl $(SHARED); else echo "deciles: $(SHARED) absent; skipping"; fi

example: $(B)/dixit
	$(B)/dixit extract examples/depeche-fr.txt

clean:
	rm -rf build build-asan build-fuzz build-tsan
