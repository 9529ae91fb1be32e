# kehoach — see README.md. Every target sets up .venv itself on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: install demo view-demo test lint format eval corpus bench schema readme clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## demo: parse the bundled sample plans into data/structured and print a summary
demo: install
	$(BIN)/kehoach parse data/raw -o data/structured
	$(BIN)/kehoach summary data/structured

## view-demo: review pages for the bundled plans (build/view/) and a screenshot of one
view-demo: install
	$(BIN)/kehoach view data/raw -o build/view
	$(BIN)/python scripts/screenshot.py build/view/langson-176-KH-UBND-2023.html build/view-demo.png --click "#deadline-0"

## test: lint and type-check, then the test suite
test: lint
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check src tests scripts
	$(BIN)/ruff format --check src tests scripts
	$(BIN)/mypy src

format: install
	$(BIN)/ruff format src tests scripts
	$(BIN)/ruff check --fix src tests scripts

## eval: precision, recall and F1 per kind of fact against tests/gold, then the hold-out plans
eval: install
	$(BIN)/python scripts/eval.py
	@echo
	@echo "hold-out: corpus plans annotated without looking at the parser (tests/holdout)"
	$(BIN)/python scripts/eval.py --holdout
	@echo
	@echo "the hold-out's web copies and the 12 annotated plans re-shaped as PDF text and as a crawl of the whole plan (scripts/reshape.py)"
	$(BIN)/python scripts/eval.py --reshaped
	@echo
	@echo "the same web copies rendered by LibreOffice and pdftotext (scripts/render.py, tests/rendered)"
	$(BIN)/python scripts/eval.py --rendered

## corpus: parse the 212 plans in data/corpus and check what needs no annotation
corpus: install
	$(BIN)/python scripts/corpus.py

## bench: throughput (MB/s) and peak memory, as ratios to a plain regex pass
bench: install
	$(BIN)/python scripts/bench.py

schema: install
	$(BIN)/kehoach schema -o schemas/plan.schema.json

## readme: refresh the output shown under each SQL query in README.md (a test checks it)
readme: install
	$(BIN)/python scripts/readme_queries.py --write

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
