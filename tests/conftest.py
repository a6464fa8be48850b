"""Shared fixtures: the corpus editions (extracted once per run) and generated PDFs."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from pipeline.run.extract import extract

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOLD = CORPUS / "gold"
EDITIONS = sorted(p.stem for p in CORPUS.glob("*.pdf"))

sys.path.insert(0, str(Path(__file__).resolve().parent))


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory, monkeypatch):
    """Each test run gets an empty result cache of its own."""
    monkeypatch.setenv("WERKPROGRAMMA_CACHE", str(tmp_path_factory.getbasetemp() / "cache"))


@pytest.fixture(scope="session")
def corpus_programmes() -> dict:
    """Each corpus edition extracted once for the whole test run."""
    return {stem: extract(CORPUS / f"{stem}.pdf") for stem in EDITIONS}


@pytest.fixture(scope="session")
def derived_editions(corpus_programmes, tmp_path_factory):
    """Four later editions typeset from known edits, extracted, with the lineages the edits imply."""
    from editions import SOURCE, Lineages, corpus_lineages, typeset_editions
    from pdfmaker import source_programme

    folder = tmp_path_factory.mktemp("editions")
    lineages = Lineages()
    corpus_lineages(lineages, GOLD, source_programme(SOURCE))
    pdfs = typeset_editions(folder, lineages)
    programmes = {pdf.stem: extract(pdf, nlp=False) for pdf in pdfs}
    return folder, {**corpus_programmes, **programmes}, lineages
