# policykg — the two commands a new user needs are `make demo` and `make test`.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
PORT ?= 8501

.PHONY: install demo test lint bench bench-full neo4j neo4j-deps browser-deps server-deps ui clean

$(STAMP): pyproject.toml
	@test -x $(PY) || $$(tools/find-python) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e '.[test,bench]'
	@tools/apt-install --optional libjemalloc2
	@touch $(STAMP)

install: $(STAMP)

demo: install
	$(VENV)/bin/policykg ingest samples/
	$(VENV)/bin/policykg ui --port $(PORT)

ui: install
	$(VENV)/bin/policykg ui --port $(PORT)

browser-deps: install
	@tools/install-browser-deps

# The embedded store's server runs on jemalloc when it is installed (graph/falkor_server.py):
# optional for users, required by the tests, which check the server uses it.
server-deps:
	@tools/apt-install libjemalloc2

neo4j: install
	@tools/neo4j-server start

# Fetch and build the test Neo4j (Maven Central) before pytest, so a first download is not
# charged to a test's timeout; without Java and Maven the Neo4j tests say why they skip.
neo4j-deps:
	@if command -v java >/dev/null && command -v mvn >/dev/null; then tools/neo4j-server build; \
	else echo "make: no Java/Maven here; Neo4j tests will skip (they fail under CI=true)"; fi

test: install server-deps browser-deps neo4j-deps
	$(VENV)/bin/python -m pytest -q

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy .

bench: install server-deps
	$(VENV)/bin/python -m benchmarks.run --quick

bench-full: install server-deps
	$(VENV)/bin/python -m benchmarks.run --full

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
