"""Instruments: what kind of act an advisory request is about (BVR, decreet, conceptnota, …)."""
from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.nlp.parsing import Owner
from pipeline.programme import Programme


class InstrumentFinder:
    """`instruments` of `rules/nlp.yml`: per instrument, the patterns that name it (a document analyser)."""

    def __init__(self, instruments: dict[str, tuple[str, ...]]) -> None:
        self.patterns = [(name, [re.compile(p, re.IGNORECASE) for p in patterns])
                         for name, patterns in instruments.items()]

    def analyse_document(self, programme: Programme, items: Sequence[Owner]) -> None:
        """The instrument of each advisory request."""
        for theme in (t for p in programme.parts for t in p.themes):
            for request in theme.advisory_requests:
                request.instrument = self.find(request.text)

    def find(self, text: str) -> str | None:
        """The first instrument the text names, or None."""
        return next((name for name, patterns in self.patterns if any(p.search(text) for p in patterns)), None)
