# Two commands do all set-up on a fresh machine: `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
SUDO := $(shell [ "$$(id -u)" = "0" ] || echo sudo)
DEMO_BLUEPRINT ?= blueprints/shop-seoul.yaml

.PHONY: setup graphviz demo test lint bench golden clean

setup: $(STAMP) graphviz

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# Graphviz renders the diagrams; install it from the distribution when `dot` is missing.
graphviz:
	@command -v dot >/dev/null 2>&1 || { \
	  echo "Graphviz (dot) not found: installing it with apt-get"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz >/dev/null; }

demo: setup
	$(VENV)/bin/planner check --explain $(DEMO_BLUEPRINT)
	$(VENV)/bin/planner plan $(DEMO_BLUEPRINT) --format json > /dev/null

test: setup
	$(PY) -m pytest -q -n 2 -p no:cacheprovider

lint: setup
	$(VENV)/bin/ruff check planner tests
	$(VENV)/bin/mypy planner

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis build *.egg-info

# Benchmarks: synthetic blueprints at 100..8,000 instance groups; figures as ratios (see BENCHMARKS.md).
bench: setup
	$(PY) bench/run.py --sizes 100,500,2000,8000 --repeat 3
