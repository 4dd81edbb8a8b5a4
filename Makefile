# The WRES toolkit. `make` alone lists the targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum < pyproject.toml | cut -d' ' -f1)
EXAMPLE := data/example

.PHONY: help setup example check test test-fast reports bench bench-reports bench-national \
	bench-scale bench-profile clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $@

setup: $(STAMP) ## Create .venv and install the package with its dependencies

$(EXAMPLE)/organisations.csv: $(STAMP) $(wildcard wres_helpers/example/*.py)
	$(BIN)/wres example-data $(EXAMPLE)

example: $(EXAMPLE)/organisations.csv ## Write the synthetic example extract to data/example

check: $(STAMP) ## Lint, format and notebook-stripping checks (pre-commit: ruff, nbstripout)
	PATH="$(abspath $(BIN)):$$PATH" $(BIN)/pre-commit run --all-files

# Tests run on every core (pytest-xdist); --dist loadscope keeps each module, and so each
# notebook's cells, in one worker and in order. JOBS=1 runs them in this process.
JOBS ?= auto
PARALLEL = $(if $(filter 1,$(JOBS)),,-n $(JOBS) --dist loadscope)

test: $(STAMP) $(EXAMPLE)/organisations.csv ## Run the whole test suite (unit, nbval, smoke, browser)
	$(BIN)/python -m pytest tests notebooks wres_helpers --doctest-modules --ignore=wres_helpers/__main__.py \
		--nbval-lax --sanitize-with tests/nbval_sanitize.cfg $(PARALLEL)

test-fast: $(STAMP) $(EXAMPLE)/organisations.csv ## The unit tier only: no kernels, no browser
	$(BIN)/python -m pytest tests wres_helpers --doctest-modules --ignore=wres_helpers/__main__.py \
		-m "not batch" -q $(PARALLEL)

reports: $(STAMP) $(EXAMPLE)/organisations.csv ## Render the example organisations' reports to outputs/
	$(BIN)/wres run params/example

bench: $(STAMP) ## Time `wres indicators` on a national-scale extract against a bare read
	$(BIN)/python benchmarks/bench.py indicators

bench-reports: $(STAMP) $(EXAMPLE)/organisations.csv ## Time `wres run` against papermill + nbconvert per report
	$(BIN)/python benchmarks/bench.py reports

bench-national: $(STAMP) ## Every public report from the national extract: wall time, peak memory
	$(BIN)/python benchmarks/national.py

bench-scale: $(STAMP) ## `wres indicators` at 1, 10 and 100 percent of national scale
	$(BIN)/python benchmarks/scale.py

bench-profile: $(STAMP) ## Profile `wres indicators` at national scale (imports included)
	$(BIN)/python benchmarks/profiling.py

clean: ## Delete everything made (outputs, example data, the environment)
	rm -rf outputs/public outputs/internal outputs/runs outputs/.cache data bench $(VENV)
