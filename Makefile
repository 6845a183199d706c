# The two commands of the quick start: `make run` and `make test`. Everything else is a step.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install chromium redis lint typecheck lint-cypher schema check-schema example-client clean bench

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch node_modules/.installed

examples/node_modules/.installed: examples/package.json examples/package-lock.json
	cd examples && npm ci --no-audit --no-fund --loglevel=error
	touch examples/node_modules/.installed

install: $(STAMP)

chromium:  ## Debian's Chromium for the explorer's browser tests (skipped without it, except in CI)
	test -x /usr/bin/chromium || (apt-get update -qq && apt-get install -y -qq chromium)

redis:  ## Debian's Redis for the shared rate limit's tests (skipped without it, except in CI)
	command -v redis-server >/dev/null || (apt-get update -qq && apt-get install -y -qq redis-server)

run: $(STAMP)  ## start the embedded graph, seed it if empty, serve http://127.0.0.1:8000/graphql
	$(BIN)/graph-service serve --seed-if-empty

test: $(STAMP) node_modules/.installed lint typecheck lint-cypher check-schema example-client  ## every check and every test
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check graph_service tests benchmarks
	$(BIN)/ruff format --check graph_service tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

lint-cypher: $(STAMP) node_modules/.installed  ## the static statements, and a corpus of generated ones
	node tools/lint_cypher.mjs cypher
	$(BIN)/python -m tests.api.translate.corpus .data/cypher-corpus
	node tools/lint_cypher.mjs .data/cypher-corpus

schema: $(STAMP)  ## regenerate schema.graphql and possible-types.json from the code
	$(BIN)/graph-service schema > schema.graphql
	$(BIN)/graph-service schema --possible-types > possible-types.json

check-schema: $(STAMP)
	$(BIN)/graph-service schema --check schema.graphql
	$(BIN)/graph-service schema --possible-types --check possible-types.json

example-client: examples/node_modules/.installed  ## the TypeScript example: types from schema.graphql, typecheck
	cd examples && npx --no-install graphql-codegen --config codegen.ts --silent
	cd examples && npx --no-install tsc --noEmit

# The service against the raw driver on a synthetic graph of BENCH_ENTITIES (loaded once
# into .data/bench/); results in benchmarks/results/. e.g. `make bench BENCH_ENTITIES=100000`
BENCH_ENTITIES ?= 10000
BENCH_ARGS ?=
bench: $(STAMP)  ## benchmark the service against the raw driver (see README, Benchmarks)
	$(BIN)/python -m benchmarks.bench --entities $(BENCH_ENTITIES) $(BENCH_ARGS)

clean:
	rm -rf $(VENV) node_modules .data examples/node_modules examples/src/gql
