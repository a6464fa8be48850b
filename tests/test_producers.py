"""The same edition set by other PDF producers: scored against the gold, and the two engines agree.

Each producer draws its own house style from a seed (see `tests/producers/`); a producer that is not
installed skips with the reason. The seeds here are the ones that meet every threshold today: they pin
what works; the others, and why they fail, are listed in the producers issue.
"""
from __future__ import annotations

import json

import pytest
from conftest import GOLD
from house_styles import THRESHOLDS, edition_for
from pdfmaker import edition_title, source_elements
from producers import office

from pipeline.evaluate.score import score_programme
from pipeline.pdf.sources import ENGINES
from pipeline.run.extract import extract
from pipeline.utils.files import canonical_json

CASES = [(office, seed) for seed in (1, 5, 6, 8)]


@pytest.fixture(scope="module", params=CASES, ids=[f"{producer.NAME}-{seed}" for producer, seed in CASES])
def typeset(request, tmp_path_factory):
    producer, seed = request.param
    if reason := producer.missing():
        pytest.skip(f"{producer.NAME}: {reason}")
    stem = edition_for(seed)
    path = tmp_path_factory.mktemp(producer.NAME) / f"{stem}-{producer.NAME}-{seed}.pdf"
    return stem, producer.render(path, source_elements(stem), seed, edition_title(stem))


def test_producer_meets_the_gold(typeset):
    stem, pdf = typeset
    gold = json.loads((GOLD / f"{stem}.json").read_text(encoding="utf-8"))
    scores = score_programme(extract(pdf, nlp=False, workers=1).model_dump(mode="json"), gold)
    assert {k: round(scores[k], 3) for k, v in THRESHOLDS.items() if scores[k] < v} == {}


def test_engines_agree_on_the_producer(typeset):
    _, pdf = typeset
    texts = []
    for engine in ENGINES:
        programme = extract(pdf, nlp=False, workers=1, engine=engine)
        programme.engine = None
        texts.append(canonical_json(programme))
    assert texts[0] == texts[1]
