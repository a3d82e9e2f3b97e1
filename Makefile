# Quick start: `make play` to play, `make test` to run the whole suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: play test browser-deps bench bench-serve fuzz balance calibration audit lint format clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

play: $(STAMP)
	$(PY) -m wargame

test: $(STAMP) browser-deps
	TEXTUAL_ANIMATIONS=none $(PY) -m pytest -p no:cacheprovider $(PYTEST_ARGS)

# Chromium and its driver for the real-browser tests (tests/browser), from Debian's packages:
# installed with apt once when missing and running as root; otherwise those tests are skipped
# (and say why at the end of the run). Nothing is downloaded by pip or Selenium.
browser-deps:
	@if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "installing chromium and chromium-driver for the browser tests (apt-get)"; \
	  { DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	      chromium chromium-driver; } >/dev/null 2>&1 || \
	  echo "could not install chromium: the browser tests will be skipped"; \
	else echo "no /usr/bin/chromium (not root, or no apt): the browser tests will be skipped"; fi

bench: $(STAMP)
	$(PY) -m wargame bench

# browser sessions served at once: memory per game and the count where the clock lags >10%
bench-serve: $(STAMP)
	$(PY) tools/bench_serve.py $(BENCH_ARGS)

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

# issue 8's claims checked from outside (shipped + tools/audit_scenarios, strategies the tests
# do not use; several CPU-minutes; exit 1 if a check fails). AUDIT_ARGS=--quick for a short run.
audit: $(STAMP)
	TEXTUAL_ANIMATIONS=none $(PY) tools/audit_issue8.py $(AUDIT_ARGS)

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
