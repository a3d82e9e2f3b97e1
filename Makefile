# Quick start: `make play` to play, `make test` to run the whole suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: play test bench fuzz balance calibration lint format clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

play: $(STAMP)
	$(PY) -m wargame

test: $(STAMP)
	TEXTUAL_ANIMATIONS=none $(PY) -m pytest -p no:cacheprovider $(PYTEST_ARGS)

bench: $(STAMP)
	$(PY) -m wargame bench

# Long fuzz run: FUZZ_SCENARIOS mutated scenario files and FUZZ_COMMANDS command lines
# per command-line test (journals, --action strings, argument lists; results get a quarter).
FUZZ_SCENARIOS ?= 10000
FUZZ_COMMANDS ?= 2000
fuzz: $(STAMP)
	WARGAME_FUZZ=1 WARGAME_FUZZ_SCENARIOS=$(FUZZ_SCENARIOS) WARGAME_FUZZ_COMMANDS=$(FUZZ_COMMANDS) \
	TEXTUAL_ANIMATIONS=none $(PY) -m pytest -p no:cacheprovider tests/fuzz $(PYTEST_ARGS)

# the balance harness on every shipped scenario with 10 seeds (B1-B5; exit 1 if one fails)
balance: $(STAMP)
	$(PY) -m wargame balance --seeds 10

# re-measure the chapter's figures (the README's calibration table)
calibration: $(STAMP)
	$(PY) tests/scenarios/measure.py

lint: $(STAMP)
	$(VENV)/bin/ruff check wargame tests
	$(VENV)/bin/ruff format --check wargame tests

format: $(STAMP)
	$(VENV)/bin/ruff format wargame tests
	$(VENV)/bin/ruff check --fix wargame tests

clean:
	rm -rf $(VENV) build *.egg-info
