# sitroom: `make demo` sets everything up and runs the demo; `make test` sets up and runs every test.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
VENDOR_STAMP := src/sitroom/web/static/vendor/.stamp
PYTEST_ARGS ?=

.PHONY: setup demo test test-fast lint bench eval browser-deps clean

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.11+ is needed (python3.11 not found)"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

$(VENDOR_STAMP): package.json package-lock.json scripts/vendor_assets.py
	@command -v npm >/dev/null || { echo "npm is needed to install the front-end assets (map, charts)"; exit 1; }
	npm ci --no-audit --no-fund --silent
	$(BIN)/python scripts/vendor_assets.py
	@touch $(VENDOR_STAMP)

setup: $(STAMP) $(VENDOR_STAMP)

demo: setup
	$(BIN)/sitroom demo

browser-deps:
	@bash scripts/ensure_chromium.sh

test: setup browser-deps
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-fast: setup
	$(BIN)/python -m pytest -m "not browser" $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check src tests bench

eval: setup
	$(BIN)/sitroom eval ../shared/dev

bench: setup
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) node_modules src/sitroom/web/static/vendor var/static
