# Two commands do all set-up on a fresh machine: `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
SUDO := $(shell [ "$$(id -u)" = "0" ] || echo sudo)
DEMO_BLUEPRINT ?= blueprints/shop-seoul.yaml

.PHONY: setup graphviz browser demo test lint bench golden clean

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
	@command -v dot >/dev/null 2>&1 || { echo "Graphviz is still missing: install it (apt-get install graphviz)"; exit 3; }

# The report's end-to-end test renders index.html in headless Chromium (Debian's chromium package).
browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || { \
	  echo "Chromium not found: installing it with apt-get (for the report's browser test)"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || { \
	  echo "Chromium is still missing: install it (apt-get install chromium)"; exit 3; }

# The full report for the default example: reports/shop-seoul/index.html and everything beside it.
demo: setup
	$(VENV)/bin/planner report $(DEMO_BLUEPRINT)

test: setup browser
	$(PY) -m pytest -q -n 2 -p no:cacheprovider

lint: setup
	$(VENV)/bin/ruff check planner tests tools bench
	$(VENV)/bin/mypy planner

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis build *.egg-info

# Benchmarks: synthetic blueprints at 100..8,000 instance groups, the dry-run at 500 and 2,000 against its
# create+delete floor; figures as ratios (see BENCHMARKS.md).
bench: setup
	$(PY) bench/run.py --sizes 100,500,2000,8000 --repeat 3 --dry-run-sizes 500,2000
