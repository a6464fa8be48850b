"""Page furniture: running headers, footers and page numbers in the page margins."""
from __future__ import annotations

import re
from collections import Counter

from pipeline.layout.records import Line, PageLayout
from pipeline.rules import LayoutRules
from pipeline.utils.clustering import weighted_mode


def furniture_key(line: Line) -> str:
    """A line's text with digits folded, to recognise repeated headers and footers."""
    return re.sub(r"\d+", "#", line.text.strip().lower())


def drop_furniture(pages: list[PageLayout], rules: LayoutRules) -> list[str]:
    """Remove running headers, footers and page numbers in the page margins; return the running texts."""
    doc_body = weighted_mode((p.body_size, len(p.lines)) for p in pages) or 0.0

    def in_margin(line: Line, page: PageLayout) -> bool:
        band = rules.furniture_margin * page.height
        return line.bottom <= band or line.top >= page.height - band

    keyed = [[(line, furniture_key(line) if in_margin(line, page) else None) for line in page.lines]
             for page in pages]
    repeats = Counter(key for lines in keyed for key in {key for _, key in lines if key is not None})
    running: list[str] = []
    for page, lines in zip(pages, keyed, strict=True):
        kept = []
        for line, key in lines:
            if key is not None and repeats[key] >= rules.furniture_min_pages:
                running.append(line.text)
            elif key is None or not (re.fullmatch(rules.page_number_line, key)
                                     or line.size < rules.furniture_small_size * (page.body_size or doc_body)):
                kept.append(line)
        page.lines = kept
    return running
