# The WRES toolkit. `make` alone lists the targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum < pyproject.toml | cut -d' ' -f1)
EXAMPLE := data/example

.PHONY: help setup example test reports bench bench-reports clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $@

setup: $(STAMP) ## Create .venv and install the package with its dependencies

$(EXAMPLE)/organisations.csv: $(STAMP) wres_helpers/example.py
	$(BIN)/wres example-data $(EXAMPLE)

example: $(EXAMPLE)/organisations.csv ## Write the synthetic example extract to data/example

test: $(STAMP) $(EXAMPLE)/organisations.csv ## Run the whole test suite (unit, nbval, smoke, browser)
	$(BIN)/python -m pytest tests notebooks wres_helpers --doctest-modules --ignore=wres_helpers/__main__.py \
		--nbval-lax --sanitize-with tests/nbval_sanitize.cfg

reports: $(STAMP) $(EXAMPLE)/organisations.csv ## Render the example organisations' reports to outputs/
	$(BIN)/wres run params/example

bench: $(STAMP) ## Time `wres indicators` on a national-scale extract against a bare read
	$(BIN)/python -m wres_helpers.bench indicators

bench-reports: $(STAMP) $(EXAMPLE)/organisations.csv ## Time `wres run` against papermill + nbconvert per report
	$(BIN)/python -m wres_helpers.bench reports

clean: ## Delete everything made (outputs, example data, the environment)
	rm -rf outputs/public outputs/internal outputs/runs outputs/.cache data bench $(VENV)
