"""The command line: scoring, validation and the summary table."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.evaluate.score import score_programme

GOLD = {"parts": [{"number": 1, "title": "Deel", "themes": [
    {"title": "Arbeidsmarkt", "dossiers": [{"title": "Levenslang leren", "spearhead": True},
                                           {"title": "Lokaal beleid", "spearhead": False}],
     "advisory_requests": [{"text": "BVR jobbonus"}]}]}]}


@pytest.fixture
def gold(tmp_path) -> Path:
    """GOLD written to a file, for the commands that read one."""
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(GOLD))
    return path


def test_score_of_a_perfect_and_a_partial_prediction():
    assert score_programme(GOLD, GOLD)["score"] == 1.0
    partial = json.loads(json.dumps(GOLD))
    theme = partial["parts"][0]["themes"][0]
    theme["dossiers"] = [{"title": "1. Levenslang leren*", "spearhead": False}]
    result = score_programme(partial, GOLD)
    assert result["dossiers_r"] == 0.5 and result["dossier_title_exact"] == 1.0
    assert result["spearhead_acc"] == 0.0
    assert result["missed_dossiers"] == ["Lokaal beleid"]


def test_score_command(gold, tmp_path, capsys):
    assert main(["score", str(gold), str(gold), "--min-score", "0.99"]) == 0
    assert capsys.readouterr().out.strip().endswith("score: 1.000")
    assert main(["score", str(tmp_path / "nope.json"), str(gold)]) == 2


def test_validate_command(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"schema_version": "1", "parts": []}))
    assert main(["validate", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "edition" in err and len(err.strip().splitlines()) == 1


def test_command_starts_blas_with_one_thread_unless_the_user_chose(gold, monkeypatch):
    """numpy's idle OpenBLAS threads would spin against the run's other process: the command's processes
    start with one (the NLP stage sets its own count); a user's own setting stands."""
    for chosen, expected in ((None, "1"), ("3", "3")):
        environment = {} if chosen is None else {"OPENBLAS_NUM_THREADS": chosen}
        monkeypatch.setattr(os, "environ", environment)
        assert main(["score", str(gold), str(gold)]) == 0
        assert environment["OPENBLAS_NUM_THREADS"] == expected


def test_command_sets_the_collector_for_its_many_long_lived_objects(gold):
    import gc

    from pipeline.run.process import COLLECTOR_THRESHOLDS

    before = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)  # Python's default (an earlier test's command may have set its own)
        assert main(["score", str(gold), str(gold)]) == 0
        assert gc.get_threshold() == COLLECTOR_THRESHOLDS and COLLECTOR_THRESHOLDS[0] > 700
    finally:
        gc.set_threshold(*before)


def test_library_exports_are_functions_not_modules():
    """An export named like a submodule would be shadowed by it (`from pipeline import extract` gave the module)."""
    import pkgutil
    import types

    import pipeline

    assert not set(pipeline.__all__) & {module.name for module in pkgutil.iter_modules(pipeline.__path__)}
    assert not any(isinstance(getattr(pipeline, name), types.ModuleType) for name in pipeline.__all__)
