# Two commands on a fresh machine (only python3 and make needed):
#   make build   create .venv if needed, install, validate data/raw/ and write reports/
#   make test    the same environment plus the test tools, then run the tests
# The environment is reinstalled only when pyproject.toml changes.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TSTAMP := $(VENV)/.installed-test
PIP    := $(BIN)/python -m pip --disable-pip-version-check --quiet

LSTAMP := $(VENV)/.installed-lab

# another territory than [focus] of project.toml for one build or check: make build FOCUS=Daugavpils
FOCUS ?=
FOCUS_ARG := $(if $(FOCUS),--focus "$(FOCUS)",)

.PHONY: build test lint format check diff template update lab clean

build: $(STAMP)
	$(BIN)/latgale-stats build $(FOCUS_ARG)

test: lint
	$(BIN)/python -m pytest

# The layering contract (import-linter), formatting and lint (ruff), types (mypy): all must be clean.
lint: $(TSTAMP)
	$(BIN)/lint-imports
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

format: $(TSTAMP)
	$(BIN)/ruff format src tests benchmarks
	$(BIN)/ruff check --fix src tests benchmarks

check: $(STAMP)
	$(BIN)/latgale-stats check $(FOCUS_ARG)

# what changed in data/raw/ since the last build
diff: $(STAMP)
	$(BIN)/latgale-stats diff

# the data-entry workbook, written to data/raw/entry_to_fill.xlsx: fill it in and save it there, then record it
# with .venv/bin/latgale-stats origins add data/raw/entry_to_fill.xlsx --publisher NVA --url ...
template: $(STAMP)
	$(BIN)/latgale-stats template

# The newest releases from Eurostat, CSP and the Register of Enterprises into data/raw/ (new files only).
update: $(STAMP)
	$(BIN)/latgale-stats update

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(PIP) install -e .
	touch $@

$(TSTAMP): pyproject.toml | $(BIN)/python
	$(PIP) install -e ".[test]"
	touch $(STAMP) $@

# JupyterLab on notebooks/ with the project's environment (installs JupyterLab the first time) and
# the project's Jupyter configuration (jupyter/: saved notebooks keep no outputs). Options of your own:
#   make lab LAB_ARGS="--no-browser --port 8899"
# (as root, e.g. in a container, JupyterLab needs --allow-root: added to LAB_ARGS, not replaced by it)
LAB_ARGS ?=
LAB_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)
lab: $(LSTAMP)
	cd notebooks && JUPYTER_CONFIG_PATH="$(CURDIR)/jupyter$${JUPYTER_CONFIG_PATH:+:$$JUPYTER_CONFIG_PATH}" \
		../$(BIN)/jupyter lab $(LAB_ROOT) $(LAB_ARGS)

$(LSTAMP): pyproject.toml | $(BIN)/python
	$(PIP) install -e ".[lab]"
	touch $(STAMP) $@

clean:
	rm -rf $(VENV) reports
