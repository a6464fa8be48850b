"""Layout stage: characters of a PDF page → words → lines → blocks in reading order.

Every decision is taken from the page's own geometry: segments are cut at
gaps that are wide for the font size, column gutters are found where no
narrow line crosses, full-width lines cut the page into bands, bullets are
small shapes or glyphs before a line, and running headers and footers are
lines in the margins that repeat from page to page. One module per concern:
`records`, `words`, `markers`, `columns`, `furniture`, `blocks`; this module
runs them over a document.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pipeline.layout.blocks import build_blocks
from pipeline.layout.columns import (
    column_channels,
    column_heading_looks,
    find_gutters,
    float_columns,
    grid_gutters,
    join_stretched_lines,
    lone_headings,
    margin_gutters,
    reading_order,
    settle_column_lefts,
    side_gutters,
    split_at_gutters,
    text_area,
    usual_gutters,
)
from pipeline.layout.furniture import drop_furniture
from pipeline.layout.markers import attach_raised_marks, join_numbered_cells, mark_list_item, resolve_aligned_dashes
from pipeline.layout.records import Block, Line, PageLayout, Word
from pipeline.layout.words import (
    join_small_capitals,
    lower_small_capitals,
    page_words,
    rows_of,
    segments_of,
    tagged_title,
)
from pipeline.pdf.sources import OutlineEntry, PageContent
from pipeline.rules import LayoutRules
from pipeline.utils.clustering import weighted_mode


def small_capitals_near(rows: list[tuple[list[Word], set[float]]], index: int, rules: LayoutRules) -> set[float]:
    """The capitals' sizes of the small capitals in row `index` and in the `small_capitals_rows` rows above it
    within two capital sizes."""
    top = min(word.top for word in rows[index][0])
    return rows[index][1].union(*(sizes for above, sizes in rows[max(0, index - rules.small_capitals_rows):index]
                                  if sizes and top - min(word.top for word in above) <= 2 * max(sizes)))


def read_page(content: PageContent, rules: LayoutRules) -> PageLayout:
    """Lines of one page with list markers, before furniture removal and ordering."""
    words = attach_raised_marks(page_words(content.chars, rules), rules)
    shapes = content.shapes
    number = content.number
    lines = []
    small: dict[tuple[str, float], float] = {}
    rows = [join_small_capitals(row, rules, small) for row in rows_of(words, rules)]
    channels = column_channels([row for row, _ in rows], rules)
    for index, (row, capitals) in enumerate(rows):
        near = small_capitals_near(rows, index, rules) if small else capitals
        for segment in join_numbered_cells(segments_of(row, rules, channels, small), rules):
            line = Line(page=number, words=lower_small_capitals(segment, small, near), space_gap=rules.space_gap)
            mark_list_item(line, shapes, rules)
            lines.append(line)
    resolve_aligned_dashes(lines, rules)
    regular = ((round(w.size, 1), len(w.text)) for w in words if not w.bold)
    body_size = weighted_mode(regular) or weighted_mode((round(w.size, 1), 1.0) for w in words) or 0.0
    tagged = tuple(OutlineEntry(tag.level, tagged_title(tag.chars, rules)) for tag in content.tagged_headings)
    return PageLayout(number=number, width=content.width, height=content.height, lines=lines, body_size=body_size,
                      shapes=shapes, channels=tuple(channels), tagged_headings=tagged)


@dataclass(slots=True)
class Layout:
    """The blocks of a document in reading order, and the running header or footer texts."""

    blocks: list[Block]
    running_texts: list[str]


def layout_document(contents: Iterable[PageContent], rules: LayoutRules) -> Layout:
    """Run the whole layout stage over the pages of a character source."""
    return layout_pages([read_page(content, rules) for content in contents], rules)


def settle_body_sizes(pages: list[PageLayout], rules: LayoutRules) -> None:
    """Each page's body size from its regular text once the furniture is gone; a page with little of it
    (a part opener, a page of headings and lists) takes the document's."""
    sizes = {}
    for page in pages:
        regular = [(round(w.size, 1), len(w.text)) for line in page.lines for w in line.words if not w.bold]
        if sum(weight for _, weight in regular) >= rules.body_min_letters:
            sizes[page.number] = weighted_mode(regular)
    document = weighted_mode((size, 1.0) for size in sizes.values())
    for page in pages:
        page.body_size = sizes.get(page.number) or document or page.body_size


def layout_pages(pages: list[PageLayout], rules: LayoutRules) -> Layout:
    """Remove furniture, order each page's lines and group them into blocks. Lines are first cut where a
    heading runs up to the next column's edge of one of the document's usual gutters (so the gutter is
    found on that page too); titles alone at the foot of a page are set across the columns only in a
    document that sets titles across them between its columns."""
    running = drop_furniture(pages, rules)
    settle_body_sizes(pages, rules)
    found = [find_gutters(page.lines, page.body_size, rules) or list(page.channels) for page in pages]
    usual = usual_gutters(found, rules)
    for index, page in enumerate(pages):
        if split_at_gutters(page, usual, rules, edges_only=True):
            found[index] = find_gutters(page.lines, page.body_size, rules) or list(page.channels)
    area = text_area(pages)
    side, margin = side_gutters(usual, area, rules), margin_gutters(usual, area, rules)
    for page, gutters in zip(pages, grid_gutters(pages, usual, found, rules), strict=True):
        split_at_gutters(page, gutters, rules)
        join_stretched_lines(page, gutters, rules)
        page.gutters = tuple(gutters)
    column_looks = column_heading_looks(pages, rules)
    lone = [lone_headings(page.lines, page.gutters, page.body_size, rules, column_looks) for page in pages]
    balanced = any(between for between, _ in lone)
    for page, (between, foot) in zip(pages, lone, strict=True):
        page.lines = reading_order(page.lines, page.gutters, rules,
                                   float_columns(page.lines, page.gutters, usual, side, rules, margin),
                                   between | foot if balanced else between, page.body_size, column_looks)
    settle_column_lefts(pages)
    return Layout(blocks=build_blocks(pages, rules), running_texts=running)


__all__ = ["Block", "Layout", "Line", "PageLayout", "Word", "layout_document", "layout_pages", "read_page"]
