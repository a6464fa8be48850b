"""One-dimensional clustering of measurements (font sizes, positions)."""
from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

T = TypeVar("T")


def cluster_by_ratio(values: Iterable[float], max_ratio: float) -> list[list[float]]:
    """Group sorted positive values; a new group starts where a value exceeds the previous by max_ratio."""
    groups: list[list[float]] = []
    for value in sorted(values):
        if groups and value <= groups[-1][-1] * max_ratio:
            groups[-1].append(value)
        else:
            groups.append([value])
    return groups


def weighted_mode(pairs: Iterable[tuple[T, float]]) -> T | None:
    """The value with the largest total weight (ties: the first seen)."""
    totals: dict[T, float] = {}
    for value, weight in pairs:
        totals[value] = totals.get(value, 0.0) + weight
    if not totals:
        return None
    return max(totals, key=lambda v: totals[v])
