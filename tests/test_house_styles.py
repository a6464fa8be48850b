"""Property test: the corpus editions typeset in random house styles give the gold programme,
and two typesettings of one edition differ by no change at all.

Seeds `WERKPROGRAMMA_STYLE_SEEDS` ("start:count", default 0:40) alternate between the 2023 and
2024 editions; a failing seed prints the style it drew and the command that redoes it.
"""
from __future__ import annotations

import os

import pytest
from house_styles import report_failure, run_seeds

from pipeline.comparison.diff import compare
from pipeline.programme import Programme

START, COUNT = (int(v) for v in os.environ.get("WERKPROGRAMMA_STYLE_SEEDS", "0:40").split(":"))
SEEDS = list(range(START, START + COUNT))


@pytest.fixture(scope="module")
def styled() -> dict[int, dict]:
    """Every seed typeset, extracted and scored once, two at a time."""
    return {result["seed"]: result for result in run_seeds(SEEDS, keep=True, jobs=2)}


@pytest.mark.parametrize("seed", SEEDS)
def test_house_style_meets_the_gold(seed, styled):
    result = styled[seed]
    assert not result["below"], report_failure(result)


def same_edition_pairs() -> list[tuple[int, int]]:
    """Consecutive seeds of the same edition: (0, 2), (1, 3), (4, 6), (5, 7), …"""
    return [(a, a + 2) for a in SEEDS if (a - START) % 4 < 2 and a + 2 in SEEDS]


@pytest.mark.parametrize(("old", "new"), same_edition_pairs())
def test_two_house_styles_of_one_edition_have_no_changes(old, new, styled):
    if "programme" not in styled[old] or "programme" not in styled[new]:
        pytest.fail(f"seed {old} or {new} did not extract: {styled[old].get('error') or styled[new].get('error')}")
    before, after = (Programme.model_validate_json(styled[s]["programme"]) for s in (old, new))
    changes = compare(before, after).changes
    assert changes == [], [(c.kind, c.entity, c.before, c.after) for c in changes][:10]


def test_enough_seeds_and_pairs():
    assert len(SEEDS) >= 40 and len(same_edition_pairs()) >= 20
