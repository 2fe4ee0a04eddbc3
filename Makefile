# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
CHROMIUM ?= chromium
WEB_EXT_VERSION := 10.7.0
WEB_EXT := $(VENV)/node/node_modules/.bin/web-ext

.PHONY: run test bench setup clean browser-tools postgres

# Debian's package $(1), with apt-get (through sudo when not root); $(2) says what fails without it. One shell
# command, for a recipe's if-branch.
apt_install = if command -v apt-get >/dev/null 2>&1; then \
	    SUDO=; [ "$$(id -u)" = 0 ] || SUDO="sudo -n"; \
	    echo "installing $(1) (apt-get)"; \
	    { $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(1) >/dev/null; } \
	      || echo "could not install $(1) with apt-get: $(2)" >&2; \
	  else \
	    echo "$(1) is missing and apt-get is unavailable: install it, or $(2)" >&2; \
	  fi

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(VENV)/bin/crosscheck serve

# The extension's tests need Debian's Chromium (apt) and web-ext (npm, into .venv/node): installed when missing.
# Without them the browser tests fail; CROSSCHECK_SKIP_BROWSER=1 skips them explicitly.
browser-tools: $(STAMP)
	@if [ "$$CROSSCHECK_SKIP_BROWSER" = 1 ]; then echo "CROSSCHECK_SKIP_BROWSER=1: browser tools not installed"; exit 0; fi; \
	if ! command -v $(CHROMIUM) >/dev/null 2>&1; then \
	  $(call apt_install,chromium,the browser tests will fail (CROSSCHECK_SKIP_BROWSER=1 skips them)); \
	fi; \
	if [ ! -x $(WEB_EXT) ]; then \
	  if command -v npm >/dev/null 2>&1; then \
	    echo "installing web-ext@$(WEB_EXT_VERSION) (npm, into $(VENV)/node)"; \
	    npm install --silent --no-fund --no-audit --prefix $(VENV)/node web-ext@$(WEB_EXT_VERSION) \
	      || echo "could not install web-ext: the lint test will fail" >&2; \
	  else \
	    echo "npm is missing: web-ext cannot be installed and the lint test will fail" >&2; \
	  fi; \
	fi

# The PostgreSQL store's tests start a throwaway server of their own (tests/postgres_server.py) from Debian's
# package postgresql (initdb and pg_ctl, in /usr/lib/postgresql/<version>/bin): installed when missing.
# Without it those tests fail; CROSSCHECK_SKIP_POSTGRES=1 skips them explicitly.
postgres:
	@if [ "$$CROSSCHECK_SKIP_POSTGRES" = 1 ]; then echo "CROSSCHECK_SKIP_POSTGRES=1: PostgreSQL not installed"; exit 0; fi; \
	if ! { command -v initdb && command -v pg_ctl; } >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then \
	  $(call apt_install,postgresql,the PostgreSQL tests will fail (CROSSCHECK_SKIP_POSTGRES=1 skips them)); \
	fi

test: $(STAMP) browser-tools postgres
	$(PY) -m pytest -q

# issue 5: one table (latency, floor and peer, claim-set scale, HTTP throughput, targets, quality) and
# benchmarks/results/<timestamp>.json; BENCH_ARGS=--quick for a short run
bench: $(STAMP) postgres
	$(PY) -m pip install --quiet -e '.[bench]'
	$(PY) benchmarks/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) build *.egg-info server/*.egg-info

# Issue 6's long reliability runs, bounded (about ten minutes; SOAK_ARGS=--quick for a few): hostile pages at full
# size through the pipeline and over HTTP, minutes of concurrent load, hundreds of SIGKILLs mid-ingest.
.PHONY: soak
soak: $(STAMP)
	$(PY) benchmarks/soak.py $(SOAK_ARGS)

# The Lee corpus (ABC news items in gensim's test data, fetched once from PyPI into benchmarks/results/cache/lee)
# for the Lee answer key: benchmarks/keys.py and figure_diff.py read it when present.
.PHONY: lee-corpus
lee-corpus: $(STAMP)
	$(PY) benchmarks/lee_corpus.py
