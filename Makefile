# mapview: two commands for people, `make run` and `make test` (see README).
# Both create .venv when it is missing and install only what changed since.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test lint chromium haproxy assets bench bench-load eval clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.run-deps: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.test-deps: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e ".[test]"
	touch $@ $(VENV)/.run-deps

assets: $(VENV)/.run-deps
	$(BIN)/mapview assets --static static

run: assets
	$(BIN)/streamlit run app.py

chromium:
	@[ -x $(CHROMIUM) ] || { echo "installing Debian's chromium for the browser tests"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; }

lint: $(VENV)/.test-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: $(VENV)/.test-deps chromium lint assets
	$(BIN)/pytest

bench: $(VENV)/.test-deps chromium assets
	$(BIN)/python benchmarks/bench_dashboard.py
	$(BIN)/python benchmarks/bench_peers.py
	$(BIN)/python benchmarks/bench_store.py

haproxy:
	@command -v haproxy >/dev/null || { echo "installing Debian's haproxy for the load benchmark"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq haproxy; }

bench-load: $(VENV)/.test-deps assets haproxy
	$(BIN)/python benchmarks/bench_load.py
	$(BIN)/python benchmarks/bench_load.py --processes 2

eval: $(VENV)/.run-deps
	$(BIN)/python benchmarks/eval_ingest.py

clean:
	rm -rf $(VENV) static .pytest_cache .ruff_cache
