"""Robustness: mutated PDFs, real-world oddities, time limits and the cache."""
from __future__ import annotations

import time
from pathlib import Path

import pytest
from fuzz import check, mutants
from pdfmaker import ONE_COLUMN_SERIF, SAMPLE, TWO_COLUMN, render

from pipeline.cli import main
from pipeline.nlp import default_model
from pipeline.run.batch import Settings, extract_all
from pipeline.run.outputs import EDITION_FILES
from pipeline.utils.lookups import dutch_lexicon

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "realworld"


@pytest.fixture(scope="module", autouse=True)
def warm_models():
    """Load the models once in this process, so the forked file processes share them."""
    default_model()
    dutch_lexicon()


def test_two_hundred_mutated_pdfs_end_cleanly(tmp_path):
    seeds = [render(tmp_path / "seed-two.pdf", SAMPLE, TWO_COLUMN),
             render(tmp_path / "seed-one.pdf", SAMPLE, ONE_COLUMN_SERIF)]
    cases = mutants(seeds, 200, tmp_path, seed=2024)
    started = time.perf_counter()
    outcomes = extract_all(cases, Settings(out_dir=tmp_path / "out", timeout=30, use_cache=False))
    assert time.perf_counter() - started < 120
    assert check(outcomes, tmp_path / "out") == []
    assert any(o.error is None for o in outcomes) and any(o.error for o in outcomes)


@pytest.mark.parametrize("pdf", sorted(FIXTURES.glob("*.pdf")), ids=lambda p: p.name)
def test_real_world_regressions(pdf, tmp_path):
    outcomes = extract_all([pdf], Settings(out_dir=tmp_path, timeout=60, use_cache=False))
    assert check(outcomes, tmp_path) == []


def test_encrypted_real_world_pdf_opens_with_its_password(tmp_path, capsys):
    pdf = FIXTURES / "encryption__aes-256-r6.pdf"
    assert main(["extract", str(pdf), "--out", str(tmp_path), "--password", "usersecret"]) == 2
    assert "encrypted" not in capsys.readouterr().err


def test_a_file_over_its_time_limit_is_stopped(tmp_path):
    pdf = render(tmp_path / "slow-2030.pdf", SAMPLE)
    outcomes = extract_all([pdf], Settings(out_dir=tmp_path / "out", timeout=0.05, use_cache=False))
    assert outcomes[0].error == "slow-2030.pdf: timed out after 0.05 s"
    assert not (tmp_path / "out" / "slow-2030").exists()


def test_cache_reuses_and_no_cache_forces_work(tmp_path):
    pdf = render(tmp_path / "wp-2030.pdf", SAMPLE)
    first = extract_all([pdf], Settings(out_dir=tmp_path / "a"))[0]
    again = extract_all([pdf], Settings(out_dir=tmp_path / "b"))[0]
    forced = extract_all([pdf], Settings(out_dir=tmp_path / "c", use_cache=False))[0]
    assert not first.cached and again.cached and not forced.cached
    assert again.seconds < 0.2
    written = sorted((tmp_path / "a" / "wp-2030").iterdir())
    assert [path.name for path in written] == sorted(EDITION_FILES)  # every file of the writer, no temporary one
    for folder in ("b", "c"):
        assert [(tmp_path / folder / "wp-2030" / path.name).read_bytes() for path in written] == \
            [path.read_bytes() for path in written]
