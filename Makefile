# Two commands on a fresh machine: `make demo` and `make test`. Both create .venv themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SITE_DIR := site/public

.PHONY: demo test lint bench docs clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/pmcode validate projects
	$(BIN)/pmcode site build projects -o $(SITE_DIR)

test: $(STAMP) lint
	$(BIN)/python -m pytest -n 2 -q

lint: $(STAMP)
	$(BIN)/ruff check pmcode tests benchmarks
	$(BIN)/ruff format --check pmcode tests benchmarks
	$(BIN)/mypy --strict pmcode

# Benchmarks (not part of `make test`): 1k, 10k and 100k tasks against the YAML floor and TaskJuggler; a few minutes.
bench: $(STAMP)
	sh benchmarks/ensure-tj3.sh
	$(BIN)/python benchmarks/run.py

# Regenerate the reference pages (schema, diagnostics, CLI) from the code; a test fails when they drift.
docs: $(STAMP)
	$(BIN)/python -m pmcode.docgen site/docs/reference

clean:
	rm -rf $(VENV) $(SITE_DIR) .pytest_cache .mypy_cache .ruff_cache
