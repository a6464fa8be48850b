"""Geometry of boxes given as (x0, top, x1, bottom)."""
from __future__ import annotations


def overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    """Length of the overlap of the intervals [a0, a1] and [b0, b1] (0 when apart)."""
    return max(0.0, min(a1, b1) - max(a0, b0))


def vertical_overlap_ratio(top_a: float, bottom_a: float, top_b: float, bottom_b: float) -> float:
    """Overlap of two vertical spans relative to the shorter one."""
    shorter = min(bottom_a - top_a, bottom_b - top_b)
    if shorter <= 0:
        return 0.0
    return overlap(top_a, bottom_a, top_b, bottom_b) / shorter
