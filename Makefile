# Two commands on a fresh machine: `make demo` and `make test`. Both create .venv themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SITE_DIR := site/public
CHROMIUM := /usr/bin/chromium

.PHONY: install browser demo test lint bench docs clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Everything `make test` needs: the virtualenv with the dev extras, and the browser of tests/test_site_browser.py.
install: $(STAMP) browser

# Debian's chromium, driven by Playwright with executable_path (never Playwright's own browser downloads).
# Installed with apt-get when running as root (CI does); otherwise the browser test fails and says what to run.
# jq: the workflow test's stand-in for `gh` filters with it, as gh does.
browser:
	@missing=""; [ -x $(CHROMIUM) ] || missing=" chromium"; command -v jq >/dev/null || missing="$$missing jq"; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
		else \
			echo "missing for the browser and workflow tests: run 'sudo apt-get install -y$$missing'"; \
		fi; \
	fi

demo: $(STAMP)
	$(BIN)/pmcode validate projects
	$(BIN)/pmcode site build projects -o $(SITE_DIR)

test: install lint
	$(BIN)/python -m pytest -n 2 -q

lint: $(STAMP)
	$(BIN)/ruff check pmcode tests benchmarks
	$(BIN)/ruff format --check pmcode tests benchmarks
	$(BIN)/mypy --strict pmcode

# Benchmarks (not part of `make test`): 1k, 10k and 100k tasks against the YAML floor and TaskJuggler; a few minutes.
bench: $(STAMP)
	sh benchmarks/ensure-tj3.sh
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/diff.py
	$(BIN)/python benchmarks/risk.py
	$(BIN)/python benchmarks/site.py

# Regenerate the reference pages (schema, diagnostics, CLI) from the code; a test fails when they drift.
docs: $(STAMP)
	$(BIN)/python -m pmcode.docgen site/docs/reference

clean:
	rm -rf $(VENV) $(SITE_DIR) .pytest_cache .mypy_cache .ruff_cache
