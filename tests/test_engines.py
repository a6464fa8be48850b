"""The two character sources give the same programme: pdfium (the default) and pdfplumber (the reference).

On both corpus editions and on the random house styles of seeds
`WERKPROGRAMMA_ENGINE_SEEDS` ("start:count", default 0:100), the programme JSON
of both engines is the same byte for byte, apart from the engine's name.
"""
from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor

import pytest
from conftest import CORPUS, EDITIONS
from house_styles import engine_difference

from pipeline.cli import main
from pipeline.extraction import extract
from pipeline.output import canonical_json

START, COUNT = (int(v) for v in os.environ.get("WERKPROGRAMMA_ENGINE_SEEDS", "0:100").split(":"))


@pytest.mark.parametrize("stem", EDITIONS)
def test_corpus_edition_is_the_same_from_both_engines(stem):
    pdfium, plumber = (extract(CORPUS / f"{stem}.pdf", nlp=False, engine=e) for e in ("pdfium", "pdfplumber"))
    assert (pdfium.engine, plumber.engine) == ("pdfium", "pdfplumber")
    pdfium.engine = plumber.engine = None
    assert canonical_json(pdfium) == canonical_json(plumber)


def test_house_styles_are_the_same_from_both_engines():
    with ProcessPoolExecutor(max_workers=2) as pool:
        differences = [d for d in pool.map(engine_difference, range(START, START + COUNT)) if d]
    assert COUNT >= 100 or "WERKPROGRAMMA_ENGINE_SEEDS" in os.environ
    assert differences == []


def test_engine_option(tmp_path, capsys):
    pdf = CORPUS / f"{EDITIONS[-1]}.pdf"
    assert main(["extract", str(pdf), "--engine", "pdfplumber", "--no-nlp", "--out", str(tmp_path)]) == 0
    assert '"engine": "pdfplumber"' in (tmp_path / pdf.stem / "programme.json").read_text(encoding="utf-8")
    with pytest.raises(SystemExit):
        main(["extract", str(pdf), "--engine", "pdfminer"])
    assert "invalid choice: 'pdfminer'" in capsys.readouterr().err
