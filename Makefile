# wirewatch: `make demo` and `make test` are the whole set-up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.DEFAULT_GOAL := help
.PHONY: help venv demo serve screenshots bench-web test lint typecheck unit bench bench-run bench-extract bench-nlp bench-quotes bench-analysis bench-events bench-search bench-names model knowledge clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e ".[dev]"
	touch $(STAMP)

venv: $(STAMP) ## Create .venv and install wirewatch with its development tools

DEMO_DB ?= sqlite:///wirewatch.db
DEMO_PAGES := examples/ $(wildcard ../shared/seed/article.txt)

demo: $(STAMP) ## Install, then run wirewatch over examples/ (and the seed) into wirewatch.db and show what it found
	$(BIN)/wirewatch run $(DEMO_PAGES) --db $(DEMO_DB)
	$(BIN)/wirewatch stats --db $(DEMO_DB)
	$(BIN)/wirewatch entities --top 10 --db $(DEMO_DB)
	$(BIN)/wirewatch events --limit 10 --db $(DEMO_DB)
	@echo "Browse it: make serve (or $(BIN)/wirewatch serve --db $(DEMO_DB)), then open http://127.0.0.1:8000/"

serve: $(STAMP) ## Serve the demo store on http://127.0.0.1:8000/: pages, API, follows (docs/web.md)
	$(BIN)/wirewatch serve --db $(DEMO_DB)

screenshots: $(STAMP) ## Screenshots of every page into docs/screenshots/ (needs /usr/bin/chromium)
	$(BIN)/python benchmarks/screenshots.py

test: lint typecheck unit ## Install, then lint, type-check and run the whole test suite

lint: $(STAMP) ## ruff: lint and formatting
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(STAMP) ## mypy --strict on src/
	$(BIN)/mypy

unit: $(STAMP) ## The test suite
	$(BIN)/pytest -q

bench: bench-extract bench-nlp bench-quotes bench-analysis bench-events bench-search bench-names bench-run bench-web ## Every benchmark

bench-run: $(STAMP) ## wirewatch run end to end: pages/s and peak memory, one worker beside two (2,000 pages)
	$(BIN)/python benchmarks/run.py

bench-extract: $(STAMP) ## Extraction quality and speed against trafilatura (Zyte benchmark)
	$(BIN)/python benchmarks/extraction.py

bench-nlp: $(STAMP) ## NLP model: entities, parses, tags and speed against a rules-only floor
	$(BIN)/python benchmarks/nlp.py

bench-quotes: $(STAMP) ## Quotes and speakers on GUM's attribution relations (dev) and the seed
	$(BIN)/python benchmarks/quotes.py

bench-analysis: $(STAMP) ## The whole analysis on ~700-word news pages: articles/s on one core
	$(BIN)/python benchmarks/analysis.py

bench-events: $(STAMP) ## Event coding on PETRARCH's unit tests and the PLOVER gold, beside PETRARCH
	$(BIN)/python benchmarks/events.py

bench-names: $(STAMP) ## Name matching on nomenklatura's labelled pairs, and UN-list screenings/s
	$(BIN)/python benchmarks/names.py

bench-web: $(STAMP) ## Server time of every page on a 10,000-article store (SQLite)
	$(BIN)/python benchmarks/web.py

bench-search: $(STAMP) ## Search p50/p95 on a 100,000-article store: SQLite, and PostgreSQL if WIREWATCH_TEST_PG
	$(BIN)/python benchmarks/search.py

model: $(STAMP) ## Retrain the shipped NLP model from ../shared/data/nlp (about 2 hours on 2 cores)
	$(BIN)/pip install --quiet --disable-pip-version-check -e ".[dev,build]"
	$(BIN)/python -m wirewatch.nlp.train

knowledge: $(STAMP) ## Regenerate the knowledge base's generated files from pycountry and GeoNames
	$(BIN)/pip install --quiet --disable-pip-version-check -e ".[dev,build]"
	$(BIN)/python -m wirewatch.knowledge.build

clean: ## Remove the virtual environment and caches
	rm -rf $(VENV) build .mypy_cache .ruff_cache .pytest_cache
