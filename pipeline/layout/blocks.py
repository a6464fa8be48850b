"""Blocks: lines grouped by style while the white space above stays within the document's line gap."""
from __future__ import annotations

import re
import statistics
from collections.abc import Container, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from pipeline.layout.columns import crosses
from pipeline.layout.markers import make_bullet
from pipeline.layout.records import Block, Line, PageLayout, is_upper
from pipeline.pdf.sources import WORD_HYPHENS
from pipeline.rules import LayoutRules
from pipeline.utils.clustering import weighted_mode


@dataclass(frozen=True, slots=True)
class BodyStyle:
    """The document's body text: size and colour of most letters, and the usual white space between
    its lines and between its words as a share of the font size."""

    size: float
    color: str
    line_gap: float
    word_gap: float = 0.0


def emphasised(line: Line, body: BodyStyle, rules: LayoutRules) -> bool:
    """Set apart from body text: bold, italic, larger (`emphasis_size_ratio`) or in another colour."""
    return (line.bold or line.italic or line.size > rules.emphasis_size_ratio * body.size
            or line.color != body.color)


def same_style(a: Line, b: Line, body: BodyStyle, rules: LayoutRules) -> bool:
    """Two lines of one size (within `same_size_ratio`), weight, slant and colour; an emphasised line in
    capitals is not continued by one in lower case (a theme in capitals above a dossier in the same font),
    unless it ends in a compound broken at its hyphen ("SERV-" above "commissies")."""
    if abs(a.size - b.size) > rules.same_size_ratio * max(a.size, b.size):
        return False
    if a.bold != b.bold or a.italic != b.italic or a.color != b.color:
        return False
    return not (emphasised(a, body, rules) and is_upper(a.text) and any(c.islower() for c in b.text)
                and not broken_at_hyphen(a.text))


def continues(first: Line, previous: Line, line: Line, body: BodyStyle, rules: LayoutRules,
              right_edges: ColumnEdges | None = None) -> bool:
    """Whether `line` goes on with the block that starts with `first` and ends with `previous`.

    In one column, the white space above the line must be no more than the usual line gap plus
    `paragraph_gap_extra`; across a column or page break, nothing goes on after a `heading_ends`, a
    heading (an emphasised line) goes on where its line was `wrapped` before the line's first word or
    `broken_at_hyphen`, and ends in no full stop (a colon may split a title), other text must run on (no
    closing punctuation, and a lower-case start or a last line that fills at least `run_on_fill` of its
    column, measured to `right_edges`) or the line must keep the hanging indent of the list item.
    """
    if line.marker or not same_style(previous, line, body, rules):
        return False
    text = previous.text.rstrip()
    if line.dash and text.endswith(":"):
        return False
    if line.page == previous.page and line.column == previous.column and line.top > previous.top:
        gap = line.top - previous.bottom
        return gap <= max(rules.paragraph_gap, body.line_gap + rules.paragraph_gap_extra) * line.size
    if heading_ends(text, line.words[0].text, rules):
        return False
    if emphasised(previous, body, rules) and text[-1:] not in ".;!?" and (
            wrapped(previous, line, right_edges, rules) or broken_at_hyphen(text)):
        return True
    hanging, indent = first.x0 - first.column_x0, line.x0 - line.column_x0
    if (first.marker and hanging > rules.hanging_indent_min * line.size
            and abs(indent - hanging) <= rules.indent_tolerance * line.size
            and abs(indent - hanging) < abs(indent - (first.start_x0 - first.column_x0))):
        return True
    start = line.words[0].text[:1]
    return (bool(text) and (text[-1] not in ".:;!?" or justified(previous, body, rules))
            and (start.islower() or (start.isalnum() and right_edges is not None
                                     and fill(previous, right_edges) >= rules.run_on_fill)))


def heading_ends(text: str, next_word: str, rules: LayoutRules) -> bool:
    """Whether a heading's line ends the heading whatever room is left on it: it ends in a note mark (a
    spearhead, bare or in brackets), or the next line starts with an outline number (the next heading's:
    "2.", "11.7")."""
    last = text.split()[-1].strip("()") if text.split() else ""
    return (bool(last) and all(c in rules.raised_marks for c in last[-1:])) or bool(
        re.match(rules.outline_number, next_word))


def broken_at_hyphen(text: str, hyphens: Container[str] = "-") -> bool:
    """Whether a line ends in a hyphen (one of `hyphens`) set against a letter: a compound broken at its hyphen
    ("NIET-"), whose next part is on the next line."""
    return len(text) > 1 and text[-1] in hyphens and text[-2].isalpha()


def wrapped(line: Line, following: Line, right_edges: ColumnEdges | None, rules: LayoutRules) -> bool:
    """Whether the first word of `following` would not have fit at the end of `line`, after a word space (the
    line's own, or `word_gap` of its size on a line of one word), before the right edge of its column (in a
    column of known width, on its page or as it usually is): the line was wrapped before it, so the word
    goes on with it. A word alone on its line and broken at its end was hyphenated by the producer, which
    would have set a first piece of it (`hyphen_piece_letters` and a hyphen) where one fit."""
    right = right_edges.edge(line) if right_edges is not None else None
    if right is None:
        return False
    word = following.words[0]
    width = word.x1 - word.x0
    if len(following.words) == 1 and broken_at_hyphen(word.text, WORD_HYPHENS):
        width *= min(1.0, (rules.hyphen_piece_letters + 1) / len(word.text))
    space = (word_space(line) if len(line.words) > 1 else rules.word_gap) * line.size
    return line.x1 + space + width > right


def word_space(line: Line) -> float:
    """The mean white space between the line's words, as a share of its font size (0 for one word)."""
    if len(line.words) < 2 or not line.size:
        return 0.0
    return statistics.fmean((b.x0 - a.x1) for a, b in pairwise(line.words)) / line.size


def justified(line: Line, body: BodyStyle, rules: LayoutRules) -> bool:
    """Whether the line's word spaces are stretched beyond the document's usual one (`run_on_stretch`):
    set justified, so not the last line of its paragraph."""
    return len(line.words) > 2 and body.word_gap > 0 and word_space(line) >= rules.run_on_stretch * body.word_gap


@dataclass(frozen=True, slots=True)
class ColumnEdges:
    """Where the lines of each column end at the most: on its page (`on_page`, by page and column, for columns
    of `run_on_min_lines` or more), and where the document's columns with that left edge usually end
    (`usual`, by left edge to the point: the median of their pages' edges)."""

    on_page: dict[tuple[int, int], float]
    usual: dict[int, float]

    def page_edge(self, line: Line) -> float | None:
        """The line's column's edge on its page (None in a column too short to tell)."""
        return self.on_page.get((line.page, line.column))

    def edge(self, line: Line) -> float | None:
        """The line's column's edge on its page, else where that column usually ends."""
        return self.page_edge(line) or self.usual.get(round(line.column_x0))


def column_right_edges(pages: Sequence[PageLayout], rules: LayoutRules) -> ColumnEdges:
    """Where the lines of each column end at the most (lines across a gutter, titles on bands, left out).
    Lines of two words or more tell, where there are any: a single word longer than the measure overflows
    it (a side head in spaced capitals)."""
    lines: dict[tuple[int, int], list[Line]] = {}
    for page in pages:
        for line in page.lines:
            if not any(crosses(line, gutter) for gutter in page.gutters):
                lines.setdefault((line.page, line.column), []).append(line)
    on_page = {key: max(line.x1 for line in ([line for line in column if len(line.words) > 1] or column))
               for key, column in lines.items() if len(column) >= rules.run_on_min_lines}
    by_left: dict[int, list[float]] = {}
    for key, edge in on_page.items():
        by_left.setdefault(round(lines[key][0].column_x0), []).append(edge)
    return ColumnEdges(on_page=on_page, usual={left: statistics.median(edges) for left, edges in by_left.items()})


def fill(line: Line, right_edges: ColumnEdges) -> float:
    """The share of its column's width (from its left edge to the rightmost line end) a line fills
    (0 in a column too short to tell)."""
    right = right_edges.page_edge(line)
    width = right - line.column_x0 if right is not None else 0.0
    return (line.x1 - line.column_x0) / width if width > 0 else 0.0


def at_marker(item: Line, line: Line) -> bool:
    """Whether a line starts nearer where the item's bullet stands than where its text does (in each
    line's own column): a dash there opens the next item."""
    indent = line.x0 - line.column_x0
    return abs(indent - (item.start_x0 - item.column_x0)) < abs(indent - (item.x0 - item.column_x0))


def body_style(pages: Sequence[PageLayout], right_edges: ColumnEdges, rules: LayoutRules) -> BodyStyle:
    """Size and colour of most letters, the most common gap between consecutive lines of a column, and the
    median word space of the body-sized lines that do not fill their column (a justified paragraph's last
    line, any line of ragged text: they keep the font's own space)."""
    words = [w for page in pages for line in page.lines for w in line.words]
    size = weighted_mode((page.body_size, len(page.lines)) for page in pages) or 0.0
    gaps = []
    low, high = rules.line_gap_sample
    for page in pages:
        for above, below in zip(page.lines, page.lines[1:], strict=False):
            if (above.column == below.column and above.top < below.top and below.size > 0
                    and abs(above.size - below.size) < rules.same_size_points
                    and low * below.size <= below.top - above.bottom <= high * below.size):
                gaps.append((round((below.top - above.bottom) / below.size, 2), 1.0))
    spaces = [word_space(line) for page in pages for line in page.lines
              if len(line.words) > 1 and abs(line.size - size) < rules.same_size_points
              and fill(line, right_edges) < rules.run_on_fill]
    return BodyStyle(size=size, color=weighted_mode((w.color, len(w.text)) for w in words) or "",
                     line_gap=weighted_mode(gaps) or 0.0, word_gap=statistics.median(spaces) if spaces else 0.0)


def text_foot(pages: Sequence[PageLayout]) -> float:
    """Where the document's text usually ends: the median over its pages of their lowest line's top."""
    lowest = [max(line.top for line in page.lines) for page in pages if page.lines]
    return statistics.median(lowest) if lowest else 0.0


def column_ends(page: PageLayout, foot: float, rules: LayoutRules) -> tuple[set[int], set[int]]:
    """The first lines (from the top) of the columns of a page that stand at its head, and the last ones
    that stand at its foot (no line of the page starts more than `page_foot_lines` of their heights above
    the first, below the last, nor does the document's text usually end lower, at `foot`: a page whose
    text ends early, before a block kept whole on the next, has no line cut at its foot), by `id`."""
    by_column: dict[int, list[Line]] = {}
    for line in page.lines:
        by_column.setdefault(line.column, []).append(line)
    highest = min((line.top for line in page.lines), default=0.0)
    lowest = max([line.top for line in page.lines] + [foot])
    firsts = {id(first) for lines in by_column.values()
              if (first := min(lines, key=lambda ln: ln.top)).top - rules.page_foot_lines * (first.bottom - first.top)
              < highest}
    lasts = {id(last) for lines in by_column.values()
             if (last := max(lines, key=lambda ln: ln.top)).bottom + rules.page_foot_lines * (last.bottom - last.top)
             > lowest}
    return firsts, lasts


def build_blocks(pages: Sequence[PageLayout], rules: LayoutRules) -> list[Block]:
    """Group the ordered lines of all pages into blocks; decide the dash lines left open. A heading cut by
    the foot of the page goes on with the first line of its column on the next page, even where other
    lines are read between them (a side head beside its text, both cut by the page break)."""
    blocks: list[Block] = []
    previous: Line | None = None
    right_edges = column_right_edges(pages, rules)
    document = body_style(pages, right_edges, rules)
    cut: Block | None = None  # a heading at the foot of a page, that may go on on the next
    resumed: Block | None = None  # such a heading gone on, that the next lines of its column may continue
    foot = text_foot(pages)
    for page in pages:
        body = replace(document, size=page.body_size or document.size)
        firsts, lasts = column_ends(page, foot, rules)
        for line in page.lines:
            current = blocks[-1] if blocks else None
            if resumed is not None:
                tail = resumed.lines[-1]
                if (line.page == tail.page and line.column == tail.column
                        and continues(resumed.lines[0], tail, line, body, rules, right_edges)):
                    resumed.lines.append(line)
                    continue
                resumed = None
            if cut is not None and id(line) in firsts and line.column == cut.lines[-1].column:
                heading, cut = cut, None
                if (heading.lines[-1].page + 1 == line.page and heading is not current
                        and continues(heading.lines[0], heading.lines[-1], line, body, rules, right_edges)):
                    heading.lines.append(line)
                    resumed = heading
                    continue
            joins = (current is not None and previous is not None
                     and continues(current.lines[0], previous, line, body, rules, right_edges))
            if line.dash and joins and current.lines[0].marker == "bullet":
                joins = not at_marker(current.lines[0], line)
            if line.dash and not joins:
                make_bullet(line, 1)
            elif joins:
                first = current.lines[0]
                indent = line.x0 - line.column_x0
                indent_ok = (first.marker != "bullet" or emphasised(line, body, rules)
                             or indent >= min(first.x0, first.start_x0) - first.column_x0
                             - rules.indent_tolerance * line.size)
                if indent_ok:
                    current.lines.append(line)
                    previous = line
                    if id(line) in lasts and emphasised(line, body, rules):
                        cut = current
                    elif cut is current:
                        cut = None  # the heading went on in the next column: it ends on this page
                    continue
            blocks.append(Block(lines=[line], body_size=page.body_size))
            previous = line
            if id(line) in lasts and emphasised(line, body, rules):
                cut = blocks[-1]
    for block in blocks:
        block.pages = sorted({line.page for line in block.lines})
    return blocks
