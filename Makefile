# Closer: `make run` to use it, `make test` to check it. Both set everything up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run test test-slow soak bench format screenshots clean

run: $(VENV)/.runtime-installed
	$(BIN)/python serve.py --server.address 127.0.0.1 --server.port $(PORT)

# Lint, format check and every test but the slow ones (pyproject.toml deselects the markers
# `slow` and `bench`): unit, property, AppTest, real-browser and accessibility tests, in
# about 5 minutes. Two pytest workers: the browser journeys on one, the accessibility
# audits on the other (tests/browser.py), the rest shared.
test: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest -n 2 --dist loadgroup

# What `make test` leaves out, at their short size: the crash and concurrency fault tests
# and the reminder's time zone block read back for every IANA zone (`slow`), and the bench
# harness's own tests (`bench`). About 3 minutes; .ci/run runs it after `make test`.
test-slow: $(VENV)/.dev-installed
	$(BIN)/pytest -m "slow or bench"

# The fault tests at full size (CLOSER_SOAK=1): about 12 minutes, loopback only, each test
# under its own pytest-timeout. Their figures go to SOAK_REPORT (docs/RELIABILITY.md).
soak: SOAK_REPORT := $(or $(TMPDIR),/tmp)/closer-soak.jsonl
soak: $(VENV)/.dev-installed
	rm -f $(SOAK_REPORT)
	CLOSER_SOAK=1 CLOSER_SOAK_REPORT=$(SOAK_REPORT) $(BIN)/pytest -m slow -q \
		tests/test_faults_server.py tests/test_storage_crash.py
	cat $(SOAK_REPORT)

# Timings on made-up diaries of 52, 520 and 5,200 weeks, into docs/BENCHMARKS.md: about
# 7 minutes on 2 cores, the encrypted diary, browser, interactions, memory and profiles
# included. BENCH_ARGS replaces the options (`make bench BENCH_ARGS=--quick`; see
# python -m bench.run --help).
# Never part of `make test`; `make test-slow` checks that the bench still runs.
bench: BENCH_ARGS ?= --profile --browser-sizes 520,5200
bench: $(VENV)/.dev-installed
	$(BIN)/python -m bench.run $(BENCH_ARGS)

# Needs Debian's Chromium (apt-get install -y chromium).
screenshots: $(VENV)/.dev-installed
	$(BIN)/python docs/make_screenshots.py

format: $(VENV)/.dev-installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Stamp files: reinstall only when a requirements file changes.
$(VENV)/.runtime-installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@ $(VENV)/.runtime-installed
