"""One-dimensional clustering of measurements (font sizes, positions)."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
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


def cluster_by_gap(items: Sequence[T], key: Callable[[T], float], max_gap: float) -> list[list[T]]:
    """Group items sorted by key; a new group starts where the key jumps by more than max_gap."""
    groups: list[list[T]] = []
    last = None
    for item in sorted(items, key=key):
        value = key(item)
        if groups and last is not None and value - last <= max_gap:
            groups[-1].append(item)
        else:
            groups.append([item])
        last = value
    return groups


def weighted_mode(pairs: Iterable[tuple[T, float]]) -> T | None:
    """The value with the largest total weight (ties: the first seen)."""
    totals: dict[T, float] = {}
    for value, weight in pairs:
        totals[value] = totals.get(value, 0.0) + weight
    if not totals:
        return None
    return max(totals, key=lambda v: totals[v])
