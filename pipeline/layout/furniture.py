"""Page furniture: running headers, footers and page numbers in the page margins."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from pipeline.layout.records import Line, PageLayout
from pipeline.rules import LayoutRules
from pipeline.utils.clustering import weighted_mode


def furniture_key(line: Line) -> str:
    """A line's text with digits folded, to recognise repeated headers and footers."""
    return re.sub(r"\d+", "#", line.text.strip().lower())


def edge_rows(page: PageLayout, rules: LayoutRules) -> set[int]:
    """The indexes of the plain lines (regular, not larger than the body: no title) of the page's top row and
    of its bottom row (within `row_tolerance` of their size of the highest top and of the lowest bottom) that
    stand apart from the rest of the page by at least `furniture_edge_gap` of their size."""
    if not page.lines:
        return set()
    top = min(line.top for line in page.lines)
    bottom = max(line.bottom for line in page.lines)
    heads = {i for i, line in enumerate(page.lines) if line.top - top <= rules.row_tolerance * line.size}
    feet = {i for i, line in enumerate(page.lines) if bottom - line.bottom <= rules.row_tolerance * line.size}

    def apart(row: set[int], gap: Callable[[Line], float]) -> set[int]:
        rest = [gap(line) for i, line in enumerate(page.lines) if i not in row]
        return {i for i in row if not page.lines[i].bold
                and page.lines[i].size <= rules.emphasis_size_ratio * page.body_size
                and min(rest, default=0.0) >= rules.furniture_edge_gap * page.lines[i].size}

    return apart(heads, lambda line: line.top - max(page.lines[i].bottom for i in heads)) | apart(
        feet, lambda line: min(page.lines[i].top for i in feet) - line.bottom)


def drop_furniture(pages: list[PageLayout], rules: LayoutRules) -> list[str]:
    """Remove running headers, footers and page numbers; return the running texts.

    A line is a running text when it stands in a page margin (`furniture_margin`) and repeats on
    `furniture_min_pages` pages, or when it is the plain top or bottom row of its page, set apart, on at least
    `furniture_edge_share` of the pages (a footer set higher than the margin band: a large bottom margin).
    A page number in the margin, or a line there in smaller type set apart from the text, is dropped too (a
    list's small caption at the head of a page, right above its items, stays).
    """
    doc_body = weighted_mode((p.body_size, len(p.lines)) for p in pages) or 0.0

    def in_margin(line: Line, page: PageLayout) -> bool:
        band = rules.furniture_margin * page.height
        return line.bottom <= band or line.top >= page.height - band

    def set_apart(line: Line, page: PageLayout) -> bool:
        """Whether the margin line stands `furniture_edge_gap` of its size or more from the text beside the
        band (below a line of the top band, above one of the bottom band)."""
        top_band = line.bottom <= rules.furniture_margin * page.height
        gaps = [other.top - line.bottom if top_band else line.top - other.bottom for other in page.lines
                if other is not line and (other.top >= line.bottom if top_band else other.bottom <= line.top)]
        return min(gaps, default=float("inf")) >= rules.furniture_edge_gap * line.size

    keyed = [[(line, furniture_key(line) if in_margin(line, page) else None) for line in page.lines]
             for page in pages]
    edges = [{index: furniture_key(page.lines[index]) for index in edge_rows(page, rules)} for page in pages]
    repeats = Counter(key for lines in keyed for key in {key for _, key in lines if key is not None})
    edge_repeats = Counter(key for keys in edges for key in set(keys.values()))
    edge_pages = max(rules.furniture_min_pages, rules.furniture_edge_share * len(pages))
    running: list[str] = []
    for page, lines, page_edges in zip(pages, keyed, edges, strict=True):
        kept = []
        for index, (line, key) in enumerate(lines):
            if (key is not None and repeats[key] >= rules.furniture_min_pages) or (
                    index in page_edges and edge_repeats[page_edges[index]] >= edge_pages):
                running.append(line.text)
            elif key is None or not (re.fullmatch(rules.page_number_line, key) or (
                    line.size < rules.furniture_small_size * (page.body_size or doc_body) and set_apart(line, page))):
                kept.append(line)
        page.lines = kept
    return running
