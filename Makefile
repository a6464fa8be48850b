# werkprogramma: every target sets up what it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The project's modules compiled to bytecode, as pip does for an installed package: an editable install
# leaves that to the first import, which cannot write it where PYTHONDONTWRITEBYTECODE is set (then every
# run compiles them again: about 0.025 s in each of the two processes of a run). Quick when up to date.
BYTECODE := $(BIN)/python -m compileall -q pipeline

.PHONY: setup extract test wheel-check lint schema diff history model bench fuzz sweep clean

UD ?= ../shared/ud
SPEED_PDF ?= corpus/serv-werkprogramma-2024.pdf
REALWORLD ?= ../shared/realworld
CASES ?= 5000
SEEDS ?= 500
SEED ?=
PRODUCERS ?= reportlab

A ?= serv-werkprogramma-2023
B ?= serv-werkprogramma-2024

$(STAMP): pyproject.toml setup.py pipeline/pdf/_native.c
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BYTECODE)
	touch $(STAMP)

setup: $(STAMP)  ## create .venv and install the project with its test extras

extract: $(STAMP)  ## extract every corpus/*.pdf into output/<stem>/programme.json, all in output/werkprogramma.sqlite
	$(BYTECODE)
	$(BIN)/werkprogramma extract corpus/*.pdf --out output --verbose
	$(BIN)/werkprogramma store $(patsubst corpus/%.pdf,output/%/programme.json,$(wildcard corpus/*.pdf)) \
		--db output/werkprogramma.sqlite

test: $(STAMP)  ## run the test suite (installs the Debian packages it uses when missing, as root)
	bash .ci/system-packages
	$(BIN)/ruff check pipeline tests bench models
	$(BIN)/python -m pytest

wheel-check:  ## build the wheel, install it into a fresh venv outside the checkout and extract an edition there
	bash .ci/wheel-check

lint: $(STAMP)
	$(BIN)/ruff check pipeline tests bench models

diff: $(STAMP)  ## compare output/$(A) with output/$(B) (run `make extract` first)
	$(BIN)/werkprogramma diff output/$(A)/programme.json output/$(B)/programme.json --out output

history: $(STAMP)  ## the history of every edition in output/ (run `make extract` first)
	$(BIN)/werkprogramma history output/*/programme.json --out output

model: $(STAMP)  ## retrain models/nl_werkprogramma from the UD Dutch treebanks in $(UD) (about 20 minutes)
	$(BIN)/python models/convert.py $(UD) build/ud
	mkdir -p build/train && cp build/ud/train.spacy build/train/treebanks.spacy
	cp build/ud/dev.spacy build/train/heldout.spacy
	$(BIN)/python models/lexicon.py build/lexicon build/train/lexicon.spacy
	OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 $(BIN)/python -m spacy train models/config.cfg \
		--paths.train build/train --paths.dev build/ud/dev.spacy --paths.vectors build/lexicon \
		--output build/model --nlp.batch_size 256
	$(BIN)/python models/package.py build/model/model-last models/nl_werkprogramma build/ud $(SPEED_PDF)
	cp build/ud/eval.spacy models/eval.spacy

bench: $(STAMP)  ## time the pipeline against pdfplumber's extract_text, the 400-page case and the cache
	$(BYTECODE)
	$(BIN)/python bench/bench.py

fuzz: $(STAMP)  ## $(CASES) mutated PDFs plus every PDF in $(REALWORLD)
	$(BIN)/python tests/fuzz.py --cases $(CASES) --realworld $(REALWORLD)

sweep: $(STAMP)  ## $(SEEDS) random house styles scored against the gold into output/sweep.md; SEED=N redoes one; PRODUCERS=reportlab,office spreads them; ENGINES=1 reads each with both engines
	$(BIN)/python tests/house_styles.py $(if $(SEED),--seed $(SEED),--seeds $(SEEDS)) --producers $(PRODUCERS) $(if $(ENGINES),--engines) --out output

schema: $(STAMP)  ## regenerate schema/programme.schema.json from the models
	$(BIN)/werkprogramma schema

clean:
	rm -rf output build .pytest_cache .ruff_cache
