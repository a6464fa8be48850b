"""End to end on the corpus editions, scored against the hand-checked gold with the project's scorer."""
from __future__ import annotations

import json

import pytest
from conftest import CORPUS, EDITIONS, GOLD, ROOT

from pipeline.cli import main
from pipeline.evaluate.score import score_programme
from pipeline.schema import SCHEMA_PATH, programme_schema, validation_errors
from pipeline.utils.files import canonical_json
from pipeline.utils.text import comparison_key

THRESHOLDS = {"themes_f1": 1.0, "dossiers_f1": 0.98, "dossier_theme_acc": 0.98, "spearhead_acc": 1.0,
              "dossier_title_exact": 0.97, "requests_f1": 0.95, "request_theme_acc": 0.95}


@pytest.mark.parametrize("stem", EDITIONS)
def test_edition_meets_the_gold(stem, corpus_programmes):
    gold = json.loads((GOLD / f"{stem}.json").read_text(encoding="utf-8"))
    result = score_programme(corpus_programmes[stem].model_dump(mode="json"), gold)
    below = {k: round(result[k], 3) for k, v in THRESHOLDS.items() if result[k] < v}
    assert not below, (below, result["missed_dossiers"])


@pytest.mark.parametrize("stem", EDITIONS)
def test_edition_matches_the_schema(stem, corpus_programmes, tmp_path):
    path = tmp_path / "programme.json"
    path.write_text(canonical_json(corpus_programmes[stem]), encoding="utf-8")
    assert validation_errors(path) == []


def test_checked_in_schema_is_current():
    assert json.loads(SCHEMA_PATH.read_text(encoding="utf-8")) == programme_schema(), "run `make schema`"


def test_same_input_gives_identical_bytes(tmp_path):
    pdf = CORPUS / f"{EDITIONS[0]}.pdf"
    for run in ("a", "b"):
        assert main(["extract", str(pdf), "--out", str(tmp_path / run), "--no-cache"]) == 0
    for name in ("programme.json", "graph.json", "graph.graphml"):
        first = (tmp_path / "a" / EDITIONS[0] / name).read_bytes()
        assert first == (tmp_path / "b" / EDITIONS[0] / name).read_bytes(), name


def corpus_titles() -> set[str]:
    titles = set()
    for path in GOLD.glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        for part in data.get("parts", []):
            for theme in part["themes"]:
                titles.add(theme["title"])
                titles.update(d["title"] for d in theme["dossiers"])
    return {comparison_key(t) for t in titles if len(t.split()) >= 2}


def test_no_corpus_title_in_code_or_rules():
    """The rules must come from layout and language, not from these two editions."""
    sources = [*ROOT.joinpath("pipeline").rglob("*.py"), *ROOT.joinpath("rules").glob("*.yml")]
    text = comparison_key(" ".join(p.read_text(encoding="utf-8") for p in sources))
    assert [t for t in sorted(corpus_titles()) if t in text] == []
