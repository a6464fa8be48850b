"""Instruments: what kind of act an advisory request is about (BVR, decreet, conceptnota, …)."""
from __future__ import annotations

import re


class InstrumentFinder:
    """`instruments` of `rules/nlp.yml`: per instrument, the patterns that name it."""

    def __init__(self, instruments: dict[str, list[str]]) -> None:
        self.patterns = [(name, [re.compile(p, re.IGNORECASE) for p in patterns])
                         for name, patterns in instruments.items()]

    def find(self, text: str) -> str | None:
        """The first instrument the text names, or None."""
        return next((name for name, patterns in self.patterns if any(p.search(text) for p in patterns)), None)
