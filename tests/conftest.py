"""Shared fixtures: the corpus editions (extracted once per run) and generated PDFs."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from pipeline.extract import extract

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
