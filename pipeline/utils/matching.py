"""One-to-one pairing of two lists by a score."""
from __future__ import annotations

from collections.abc import Iterable


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
