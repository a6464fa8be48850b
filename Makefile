# werkprogramma: every target sets up what it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup extract test lint schema diff clean

A ?= serv-werkprogramma-2023
B ?= serv-werkprogramma-2024

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)  ## create .venv and install the project with its test extras

extract: $(STAMP)  ## extract every corpus/*.pdf into output/<stem>/programme.json
	$(BIN)/werkprogramma extract corpus/*.pdf --out output --verbose

test: $(STAMP)  ## run the test suite
	$(BIN)/ruff check pipeline tests
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check pipeline tests

diff: $(STAMP)  ## compare output/$(A) with output/$(B) (run `make extract` first)
	$(BIN)/werkprogramma diff output/$(A)/programme.json output/$(B)/programme.json --out output

schema: $(STAMP)  ## regenerate schema/programme.schema.json from the models
	$(BIN)/werkprogramma schema

clean:
	rm -rf output .pytest_cache .ruff_cache
