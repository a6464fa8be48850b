"""String similarity, and one-to-one pairing of two lists by a score."""
from __future__ import annotations

from collections.abc import Iterable
from difflib import SequenceMatcher
from functools import lru_cache


def one_to_one(candidates: Iterable[tuple[float, int, int]]) -> list[tuple[int, int, float]]:
    """Pairs (i, j, score) taken greedily from (score, i, j) candidates in the order given,
    each i and each j used once; the caller orders the candidates (best first, its own ties)."""
    used_left, used_right, pairs = set(), set(), []
    for score, i, j in candidates:
        if i not in used_left and j not in used_right:
            used_left.add(i)
            used_right.add(j)
            pairs.append((i, j, score))
    return pairs


@lru_cache(maxsize=1 << 18)
def similarity(a: str, b: str) -> float:
    """Similarity of two strings in [0, 1] (1 when equal).

    Cached: a history compares the same titles edition after edition.
    """
    return 1.0 if a == b else SequenceMatcher(None, a, b, autojunk=False).ratio()
