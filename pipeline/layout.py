"""Layout stage: characters of a PDF page → words → lines → blocks in reading order.

Every decision is taken from the page's own geometry: segments are cut at
gaps that are wide for the font size, column gutters are found where no
narrow line crosses, full-width lines cut the page into bands, bullets are
small shapes or glyphs before a line, and running headers and footers are
lines in the margins that repeat from page to page.
"""
from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from itertools import groupby, pairwise
from operator import attrgetter
from typing import NamedTuple

from pipeline.rules import LayoutRules
from pipeline.sources import TEXT_BOX_FIELDS, Char, PageContent, Shape, _native
from pipeline.utils.clustering import weighted_mode

BOLD_RE = re.compile(r"bold|black|heavy|semibold|demibold|extrabold", re.IGNORECASE)
ITALIC_RE = re.compile(r"italic|oblique|slanted", re.IGNORECASE)


class Word(NamedTuple("WordFields", [*TEXT_BOX_FIELDS, ("bold", bool), ("italic", bool), ("color", str),
                                      ("font", str)])):
    """A run of characters of one font without a space, its box and its style."""

    __slots__ = ()


@dataclass(slots=True)
class Line:
    """Words on one baseline within one column (a segment of a text row).

    Its box, size, text and style (whether most of its letters are bold, italic; their colour) are worked
    out once, when its words are set (`set_words` when they change).
    """

    page: int
    words: list[Word]
    marker: str = ""
    number: int | None = None
    marker_x0: float | None = None
    dash: bool = False
    column: int = 0
    column_x0: float = 0.0
    x0: float = field(init=False, default=0.0)
    x1: float = field(init=False, default=0.0)
    top: float = field(init=False, default=0.0)
    bottom: float = field(init=False, default=0.0)
    size: float = field(init=False, default=0.0)
    text: str = field(init=False, default="")
    bold: bool = field(init=False, default=False)
    italic: bool = field(init=False, default=False)
    color: str = field(init=False, default="")

    def __post_init__(self) -> None:
        self.set_words(self.words)

    def set_words(self, words: list[Word]) -> None:
        """Replace the words, and with them the box and the size that carries most characters."""
        self.words = words
        self.x0 = min(w.x0 for w in words)
        self.x1 = max(w.x1 for w in words)
        self.top = min(w.top for w in words)
        self.bottom = max(w.bottom for w in words)
        self.size = weighted_mode([(round(w.size, 1), len(w.text)) for w in words]) or 0.0
        self.text = join_words(words)
        letters = sum([len(w.text) for w in words])
        self.bold = sum([len(w.text) for w in words if w.bold]) * 2 > letters
        self.italic = sum([len(w.text) for w in words if w.italic]) * 2 > letters
        self.color = weighted_mode([(w.color, len(w.text)) for w in words]) or ""

    @property
    def start_x0(self) -> float:
        """Where the line starts, bullet or number included."""
        return self.marker_x0 if self.marker_x0 is not None else self.x0


@dataclass(slots=True)
class Block:
    """Consecutive lines of one style: a paragraph, a heading or a list item."""

    lines: list[Line]
    body_size: float
    text: str = ""
    pages: list[int] = field(default_factory=list)

    @property
    def page(self) -> int:
        return self.lines[0].page

    @property
    def marker(self) -> str:
        return self.lines[0].marker

    @property
    def number(self) -> int | None:
        return self.lines[0].number

    @property
    def marker_x0(self) -> float:
        return self.lines[0].start_x0

    @property
    def indent(self) -> float:
        """How far the block's first line starts right of its column's left edge."""
        return self.lines[0].start_x0 - self.lines[0].column_x0

    @property
    def words(self) -> list[Word]:
        return [w for line in self.lines for w in line.words]

    @property
    def size(self) -> float:
        return weighted_mode((round(w.size, 1), len(w.text)) for w in self.words) or 0.0

    @property
    def relative_size(self) -> float:
        return self.size / self.body_size if self.body_size else 1.0

    def share(self, attribute: str) -> float:
        """Share of the block's letters set in a font with `attribute` (bold, italic)."""
        total = sum(len(w.text) for w in self.words) or 1
        return sum(len(w.text) for w in self.words if getattr(w, attribute)) / total

    @property
    def color(self) -> str:
        return weighted_mode((w.color, len(w.text)) for w in self.words) or ""

    @property
    def upper(self) -> bool:
        return is_upper("".join(w.text for w in self.words))


@dataclass(slots=True)
class PageLayout:
    """The lines of one page in reading order, and the page's body font size."""

    number: int
    width: float
    height: float
    lines: list[Line]
    body_size: float
    shapes: Sequence[Shape] = ()


def join_words(words: Sequence[Word]) -> str:
    """Join words with a space where the gap between them is wider than a hair."""
    parts: list[str] = []
    previous: Word | None = None
    for word in words:
        if previous is not None and word.x0 - previous.x1 > 0.12 * min(word.size, previous.size):
            parts.append(" ")
        parts.append(word.text)
        previous = word
    return "".join(parts)


LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "ſt", "ﬆ": "st"}
LIGATURE_TABLE = str.maketrans(LIGATURES)
WORD_TOLERANCE = 3.0


def line_clusters(chars: Sequence[Char]) -> list[list[Char]]:
    """Characters grouped into lines: sorted tops chained while each is within the tolerance of the one
    before, each line sorted left to right."""
    tops = sorted({c.top for c in chars})
    line_of: dict[float, int] = {}
    line = 0
    for previous, top in zip([tops[0], *tops], tops, strict=False):
        if top > previous + WORD_TOLERANCE:
            line += 1
        line_of[top] = line
    lines: list[list[Char]] = [[] for _ in range(line + 1)]
    for char in chars:
        lines[line_of[char.top]].append(char)
    return [sorted(members, key=attrgetter("x0")) for members in lines if members]


@cache
def font_weight_and_slant(font: str) -> tuple[bool, bool]:
    """Whether a font's name says bold, and whether it says italic."""
    return bool(BOLD_RE.search(font)), bool(ITALIC_RE.search(font))


def make_word(chars: Sequence[Char]) -> Word:
    """A word of characters sorted left to right (so the first has the least x0)."""
    first = chars[0]
    bold, italic = font_weight_and_slant(first.font)
    text = "".join([c.text for c in chars])
    if not text.isascii():
        text = text.translate(LIGATURE_TABLE)
    return Word(text=text, x0=first.x0, x1=max([c.x1 for c in chars]), top=min([c.top for c in chars]),
                bottom=max([c.bottom for c in chars]), size=first.size, bold=bold, italic=italic, color=first.color,
                font=first.font)


def page_words(chars: list[Char]) -> list[Word]:
    """The upright words of a page: runs of one font, size and colour (in stream order) cut into lines,
    and lines into words at spaces and at gaps wider than the tolerance (as pdfplumber's `extract_words`,
    whose other cut, at a character left of the one before, cannot happen in a line sorted left to right).

    `page_words` in `pipeline/_native.c` is the same loop in C; it leaves pages with a coordinate that is
    not a number to this one."""
    if _native is not None:
        words = _native.page_words(chars, Word, font_weight_and_slant, LIGATURE_TABLE, WORD_TOLERANCE)
        if words is not None:
            return words
    return python_page_words(chars)


def python_page_words(chars: Sequence[Char]) -> list[Word]:
    """`page_words` in Python."""
    words: list[Word] = []
    for style, run in groupby(chars, key=attrgetter("upright", "font", "size", "color")):
        if not style[0]:
            continue
        for line in line_clusters(list(run)):
            current: list[Char] = []
            for char in line:
                if not char.text or char.text.isspace():
                    if current:
                        words.append(make_word(current))
                    current = []
                    continue
                if current:
                    previous = current[-1]
                    if char.x0 > previous.x1 + WORD_TOLERANCE or abs(char.top - previous.top) > WORD_TOLERANCE:
                        words.append(make_word(current))
                        current = []
                current.append(char)
            if current:
                words.append(make_word(current))
    return words


def rows_of(words: Iterable[Word]) -> list[list[Word]]:
    """Group words whose vertical centres agree into rows, top to bottom (each within a third of its
    size of the nearest centre so far, so that columns set a little apart still share a row)."""
    rows: list[list[Word]] = []
    centres: list[float] = []
    for word in sorted(words, key=lambda w: ((w.top + w.bottom) / 2, w.x0)):
        centre = (word.top + word.bottom) / 2
        if rows and abs(centre - centres[-1]) <= 0.3 * word.size:
            rows[-1].append(word)
            centres[-1] = centre
        else:
            rows.append([word])
            centres.append(centre)
    return [sorted(row, key=lambda w: w.x0) for row in rows]


def segments_of(row: list[Word], rules: LayoutRules) -> list[list[Word]]:
    """Cut a row where the gap between words is wide for their size, or where the type size jumps
    across a space (a large heading that runs into the next column's text)."""
    segments = [[row[0]]]
    for word in row[1:]:
        previous = segments[-1][-1]
        gap, small, large = word.x0 - previous.x1, min(word.size, previous.size), max(word.size, previous.size)
        if gap > rules.segment_gap * small or (large > rules.size_jump * small and gap > rules.size_jump_gap * small):
            segments.append([word])
        else:
            segments[-1].append(word)
    return segments


def attach_raised_marks(words: list[Word], rules: LayoutRules) -> list[Word]:
    """Join each word made only of marks (a spearhead '*', raised or not) to the word it follows.

    A superscript mark sits on a baseline of its own, so it is joined by position
    before words are grouped into rows: to the nearest word ending just left of it
    whose height holds the mark's foot (raised marks stand on or above their word's
    baseline, never below it: a word of the line above may end at the same place).
    """
    marks = [w for w in words if w.text and all(c in rules.raised_marks for c in w.text)]
    if not marks:
        return words
    kept = [w for w in words if w not in marks]
    for mark in marks:
        hosts = [w for w in kept if -0.15 * w.size <= mark.x0 - w.x1 <= rules.raised_mark_gap * w.size
                 and w.top <= mark.bottom <= w.bottom + 0.2 * w.size]
        host = min(hosts, key=lambda w, x0=mark.x0: abs(x0 - w.x1), default=None)
        if host is None:
            kept.append(mark)
        else:
            kept[kept.index(host)] = host._replace(text=host.text + mark.text, x1=max(host.x1, mark.x1))
    return kept


def mark_list_item(line: Line, shapes: Sequence[Shape], rules: LayoutRules) -> None:
    """Detect a bullet (shape or glyph, set apart or against the text) or a number at the start of a line.

    A dash set close to the text may be punctuation at the start of a wrapped
    line; such a line is only flagged (`dash`) and decided later from its context.
    """
    first = line.words[0]
    size = first.size
    for x0, top, x1, bottom in shapes:
        centre = (top + bottom) / 2
        if (x1 <= first.x0 + 0.5 and first.x0 - x1 <= rules.bullet_max_distance * size
                and first.top - 0.2 * size <= centre <= first.bottom + 0.2 * size
                and x1 - x0 <= rules.bullet_shape_max_size * size):
            line.marker, line.marker_x0 = "bullet", x0
            return
    attached = re.match(rf"(?:{rules.unmapped_glyph.strip('^$')}|[{re.escape(''.join(rules.bullet_glyphs))}])(?=\w)",
                        first.text)
    if attached:
        if attached.group(0) in rules.ambiguous_bullets:
            line.dash = True
        else:
            make_bullet(line, len(attached.group(0)))
        return
    if len(line.words) < 2:
        return
    gap = line.words[1].x0 - first.x1
    is_glyph = (first.text in rules.bullet_glyphs or re.match(rules.unmapped_glyph, first.text) is not None
                or (len(first.text) == 1 and any(f in first.font.lower() for f in rules.bullet_fonts)))
    if is_glyph:
        if first.text not in rules.ambiguous_bullets or gap >= rules.ambiguous_bullet_gap * size:
            make_bullet(line, len(first.text))
        else:
            line.dash = True
        return
    match = rules.number_re.match(first.text)
    if match and gap >= 0.2 * size:
        line.marker, line.number, line.marker_x0 = "number", int(match.group(1)), first.x0
        line.set_words(line.words[1:])


def make_bullet(line: Line, glyph_length: int) -> None:
    """Take the bullet glyph (its first `glyph_length` characters) off the start of a line."""
    first = line.words[0]
    line.marker, line.marker_x0, line.dash = "bullet", first.x0, False
    if glyph_length >= len(first.text):
        line.set_words(line.words[1:])
    else:
        glyph_width = (first.x1 - first.x0) / len(first.text)
        line.set_words([first._replace(text=first.text[glyph_length:], x0=first.x0 + glyph_width), *line.words[1:]])


def resolve_aligned_dashes(lines: Sequence[Line]) -> None:
    """Dash lines that start at the same place as another dash line of the page form a list."""
    dashes = [(line, line.words[0].text[0], line.x0) for line in lines if line.dash]
    aligned = [line for line, glyph, x0 in dashes
               if any(other is not line and other_glyph == glyph and abs(other_x0 - x0) <= 0.5 * line.size
                      for other, other_glyph, other_x0 in dashes)]
    for line in aligned:
        make_bullet(line, 1)


def body_lines(lines: Sequence[Line], body_size: float, rules: LayoutRules) -> list[Line]:
    """Lines of body-sized text: not in large type (a part or theme title may span the columns) and not in
    capitals (a theme on a banner across the columns)."""
    return [line for line in lines if line.size < rules.gutter_heading_size * body_size and not is_upper(line.text)]


def narrow_lines(lines: Sequence[Line], body_size: float, rules: LayoutRules) -> list[Line]:
    """Lines of body-sized text narrower than `gutter_wide_line_share` of the page's text: the ones no
    gutter may cross."""
    left = min(line.start_x0 for line in lines)
    right = max(line.x1 for line in lines)
    return [line for line in body_lines(lines, body_size, rules)
            if line.x1 - line.start_x0 < rules.gutter_wide_line_share * (right - left)]


def find_gutters(lines: Sequence[Line], body_size: float, rules: LayoutRules) -> list[tuple[float, float]]:
    """Vertical strips that no narrow line of text crosses, with text on both sides.

    Lines in large type (part and theme titles) may span the columns; they become bands.
    """
    if not lines:
        return []
    narrow = narrow_lines(lines, body_size, rules)
    if len(narrow) < 2 * rules.gutter_min_segments_each_side:
        return []
    origin = int(min(line.start_x0 for line in lines))
    coverage = [0] * (int(max(line.x1 for line in lines)) - origin + 2)
    for line in narrow:
        coverage[int(line.start_x0) - origin] += 1
        coverage[int(line.x1) - origin + 1] -= 1
    gutters, running, start = [], 0, None
    for offset, delta in enumerate(coverage):
        running += delta
        x = origin + offset
        if running == 0 and start is None:
            start = x
        elif running > 0 and start is not None:
            if x - start >= rules.gutter_min_width * body_size:
                on_left = sum(1 for line in narrow if line.x1 <= start + 1)
                on_right = sum(1 for line in narrow if line.start_x0 >= x - 1)
                if min(on_left, on_right) >= rules.gutter_min_segments_each_side:
                    gutters.append((float(start), float(x)))
            start = None
    if not gutters:
        return []
    body = body_lines(lines, body_size, rules)
    return [gutter for gutter in (trim_gutter(gutter, body) for gutter in gutters)
            if gutter[1] - gutter[0] >= rules.gutter_min_width * body_size]


def trim_gutter(gutter: tuple[float, float], lines: Sequence[Line]) -> tuple[float, float]:
    """The strip without the ends of the lines that reach into it from one side: lines of body text too
    wide to find gutters by (a one-column page's text beside a side column) still mark where it begins."""
    g0, g1 = gutter
    for line in lines:
        if line.start_x0 < g0 < line.x1 < g1:
            g0 = line.x1
        elif g0 < line.start_x0 < g1 < line.x1:
            g1 = line.start_x0
    return g0, g1


def usual_gutters(found: Sequence[Sequence[tuple[float, float]]], rules: LayoutRules) -> list[tuple[float, float]]:
    """The document's own gutters: strips that overlap on `gutter_min_pages` pages or more, each narrowed
    to what they all share (ragged lines end at different places on each page)."""
    clusters: list[list] = []
    for g0, g1 in sorted(g for gutters in found for g in gutters):
        if clusters and g0 < clusters[-1][1]:
            clusters[-1] = [max(clusters[-1][0], g0), min(clusters[-1][1], g1), clusters[-1][2] + 1]
        else:
            clusters.append([g0, g1, 1])
    return [(g0, g1) for g0, g1, pages in clusters if pages >= rules.gutter_min_pages and g1 > g0]


def grid_gutters(pages: Sequence[PageLayout], usual: Sequence[tuple[float, float]],
                 found: Sequence[list[tuple[float, float]]], rules: LayoutRules) -> list[list[tuple[float, float]]]:
    """Each page's gutters, plus the document's usual ones where the page has text on both sides and none
    across: a column holding a line or two still counts."""
    result = []
    for page, gutters in zip(pages, found, strict=True):
        narrow = narrow_lines(page.lines, page.body_size, rules) if page.lines else []
        extra = [(g0, g1) for g0, g1 in usual
                 if not any(a < g1 and b > g0 for a, b in gutters)
                 and not any(line.start_x0 < g1 - 1 and line.x1 > g0 + 1 for line in narrow)
                 and any(line.x1 <= g0 + 1 for line in narrow) and any(line.start_x0 >= g1 - 1 for line in narrow)]
        result.append(sorted(gutters + extra))
    return result


def side_gutters(usual: Sequence[tuple[float, float]], area: tuple[float, float],
                 rules: LayoutRules) -> list[tuple[float, float]]:
    """Usual gutters with a column at most `float_column_share` as wide as the one before it on their right:
    the text area's edge of a side column whose blocks float beside the text."""
    edges = [area[0], *(x for gutter in usual for x in gutter), area[1]]
    widths = [edges[2 * i + 1] - edges[2 * i] for i in range(len(usual) + 1)]
    return [gutter for i, gutter in enumerate(usual) if widths[i + 1] <= rules.float_column_share * widths[i]]


def float_columns(lines: Sequence[Line], gutters: Sequence[tuple[float, float]],
                  usual: Sequence[tuple[float, float]], side: Sequence[tuple[float, float]],
                  rules: LayoutRules) -> set[int]:
    """The columns of a page right of a side gutter: one of the document's, or, for a gutter the
    document does not usually have, one whose column on the right is narrow on this page (measured to
    where three quarters of its lines end: a long word may stick out)."""
    def overlaps(gutter: tuple[float, float], strips: Sequence[tuple[float, float]]) -> bool:
        return any(a < gutter[1] and b > gutter[0] for a, b in strips)

    if not gutters:
        return set()
    own = [g for g in gutters if not overlaps(g, usual)]
    ends = sorted(ln.x1 for ln in lines if ln.start_x0 >= own[-1][1] - 1) if own else []
    right = ends[3 * len(ends) // 4] if ends else 0.0
    page_side = side_gutters(own, (min(ln.start_x0 for ln in lines), right), rules) if ends else []
    return {i + 1 for i, gutter in enumerate(gutters) if overlaps(gutter, [*side, *page_side])}


def place_floats(flow: list[Line], floats: list[Line]) -> list[Line]:
    """Insert each run of float lines after the last line of the flow that ends above the run's top."""
    runs: list[list[Line]] = []
    for line in floats:
        if runs and line.top - runs[-1][-1].bottom <= 2 * line.size:
            runs[-1].append(line)
        else:
            runs.append([line])
    ordered = list(flow)
    for run in reversed(runs):
        top = run[0].top + 0.2 * run[0].size
        position = max((i + 1 for i, line in enumerate(flow) if line.bottom <= top), default=0)
        ordered[position:position] = run
    return ordered


def split_at_gutters(page: PageLayout, gutters: Sequence[tuple[float, float]], rules: LayoutRules) -> None:
    """Cut the page's lines where a gap between words holds a whole gutter and is as wide as a gutter
    must be: headings in large type side by side in neighbouring columns share a row, and the gutter
    between them can be narrow for their size (no word space is that wide)."""
    if not gutters:
        return
    lines: list[Line] = []
    for line in page.lines:
        pieces = [[line.words[0]]]
        for word in line.words[1:]:
            previous = pieces[-1][-1]
            if (word.x0 - previous.x1 >= rules.gutter_min_width * page.body_size
                    and any(previous.x1 <= g0 and word.x0 >= g1 for g0, g1 in gutters)):
                pieces.append([word])
            else:
                pieces[-1].append(word)
        lines.append(line)
        if len(pieces) > 1:
            line.set_words(pieces[0])
            for words in pieces[1:]:
                lines.append(Line(page=line.page, words=words))
                mark_list_item(lines[-1], page.shapes, rules)
    if len(lines) > len(page.lines):
        resolve_aligned_dashes(lines)
    page.lines = lines


def reading_order(lines: list[Line], gutters: Sequence[tuple[float, float]],
                  side_columns: set[int] | None = None) -> list[Line]:
    """Bands top to bottom (cut by lines that cross a gutter), columns left to right within a band;
    the lines of a narrow side column are read where they stand beside the text."""
    def column_of(line: Line) -> int:
        return sum(1 for g0, _ in gutters if line.start_x0 >= g0)

    def spans(line: Line) -> bool:
        return any(line.start_x0 < g0 and line.x1 > g1 for g0, g1 in gutters)

    side = side_columns or set()

    def band_order(band: list[Line]) -> list[Line]:
        flow = sorted((ln for ln in band if ln.column not in side), key=lambda ln: (ln.column, ln.top, ln.x0))
        return place_floats(flow, sorted((ln for ln in band if ln.column in side), key=lambda ln: (ln.top, ln.x0)))

    ordered: list[Line] = []
    band: list[Line] = []
    for line in sorted(lines, key=lambda ln: (ln.top, ln.x0)):
        if gutters and spans(line):
            ordered.extend(band_order(band))
            band = []
            line.column = 0
            ordered.append(line)
        else:
            line.column = column_of(line)
            band.append(line)
    ordered.extend(band_order(band))
    lefts: dict[int, float] = {}
    for line in ordered:
        lefts[line.column] = min(lefts.get(line.column, line.start_x0), line.start_x0)
    for line in ordered:
        line.column_x0 = lefts[line.column]
    return ordered


def read_page(content: PageContent, rules: LayoutRules) -> PageLayout:
    """Lines of one page with list markers, before furniture removal and ordering."""
    words = attach_raised_marks(page_words(content.chars), rules)
    shapes = content.shapes
    number = content.number
    lines = []
    for row in rows_of(words):
        for segment in segments_of(row, rules):
            line = Line(page=number, words=segment)
            mark_list_item(line, shapes, rules)
            lines.append(line)
    resolve_aligned_dashes(lines)
    regular = ((round(w.size, 1), len(w.text)) for w in words if not w.bold)
    body_size = weighted_mode(regular) or weighted_mode((round(w.size, 1), 1.0) for w in words) or 0.0
    return PageLayout(number=number, width=content.width, height=content.height, lines=lines, body_size=body_size,
                      shapes=shapes)


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


def is_upper(text: str) -> bool:
    """Set in capitals: at least two letters, none in lower case."""
    if text.isascii():
        return text.upper() == text and sum(map(str.isupper, text)) >= 2
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


@dataclass(frozen=True, slots=True)
class BodyStyle:
    """The document's body text: size and colour of most letters, and the usual white space between
    its lines and between its words as a share of the font size."""

    size: float
    color: str
    line_gap: float
    word_gap: float = 0.0


def emphasised(line: Line, body: BodyStyle) -> bool:
    """Set apart from body text: bold, italic, larger or in another colour."""
    return line.bold or line.italic or line.size > 1.1 * body.size or line.color != body.color


def same_style(a: Line, b: Line, body: BodyStyle) -> bool:
    """Two lines of one size (within 5%), weight, slant and colour; an emphasised line in capitals
    is not continued by one in lower case (a theme in capitals above a dossier in the same font)."""
    if abs(a.size - b.size) > 0.05 * max(a.size, b.size):
        return False
    if a.bold != b.bold or a.italic != b.italic or a.color != b.color:
        return False
    return not (emphasised(a, body) and is_upper(a.text) and any(c.islower() for c in b.text))


def continues(first: Line, previous: Line, line: Line, body: BodyStyle, rules: LayoutRules,
              right_edges: dict[tuple[int, int], float] | None = None) -> bool:
    """Whether `line` goes on with the block that starts with `first` and ends with `previous`.

    In one column, the white space above the line must be no more than the usual line gap plus
    `paragraph_gap_extra`; across a column or page break, the text must run on (no closing
    punctuation, and a lower-case start or a last line that fills at least `run_on_fill` of its
    column, measured to `right_edges`) or the line must keep the hanging indent of the list item.
    """
    if line.marker or not same_style(previous, line, body):
        return False
    text = previous.text.rstrip()
    if line.dash and text.endswith(":"):
        return False
    if line.page == previous.page and line.column == previous.column and line.top > previous.top:
        gap = line.top - previous.bottom
        return gap <= max(rules.paragraph_gap, body.line_gap + rules.paragraph_gap_extra) * line.size
    hanging, indent = first.x0 - first.column_x0, line.x0 - line.column_x0
    if (first.marker and hanging > 0.5 * line.size and abs(indent - hanging) <= 0.5 * line.size
            and abs(indent - hanging) < abs(indent - (first.start_x0 - first.column_x0))):
        return True
    start = line.words[0].text[:1]
    return (bool(text) and (text[-1] not in ".:;!?" or justified(previous, body, rules))
            and (start.islower() or (start.isalnum() and right_edges is not None
                                     and fill(previous, right_edges) >= rules.run_on_fill)))


def word_space(line: Line) -> float:
    """The mean white space between the line's words, as a share of its font size (0 for one word)."""
    if len(line.words) < 2 or not line.size:
        return 0.0
    return statistics.fmean((b.x0 - a.x1) for a, b in pairwise(line.words)) / line.size


def justified(line: Line, body: BodyStyle, rules: LayoutRules) -> bool:
    """Whether the line's word spaces are stretched beyond the document's usual one (`run_on_stretch`):
    set justified, so not the last line of its paragraph."""
    return len(line.words) > 2 and body.word_gap > 0 and word_space(line) >= rules.run_on_stretch * body.word_gap


def column_right_edges(pages: Sequence[PageLayout], rules: LayoutRules) -> dict[tuple[int, int], float]:
    """Where the lines of each (page, column) end at the most, for columns of `run_on_min_lines` or more."""
    lines: dict[tuple[int, int], list[float]] = {}
    for line in (line for page in pages for line in page.lines):
        lines.setdefault((line.page, line.column), []).append(line.x1)
    return {key: max(ends) for key, ends in lines.items() if len(ends) >= rules.run_on_min_lines}


def fill(line: Line, right_edges: dict[tuple[int, int], float]) -> float:
    """The share of its column's width (from its left edge to the rightmost line end) a line fills
    (0 in a column too short to tell)."""
    right = right_edges.get((line.page, line.column))
    width = right - line.column_x0 if right is not None else 0.0
    return (line.x1 - line.column_x0) / width if width > 0 else 0.0


def at_marker(item: Line, line: Line) -> bool:
    """Whether a line starts nearer where the item's bullet stands than where its text does (in each
    line's own column): a dash there opens the next item."""
    indent = line.x0 - line.column_x0
    return abs(indent - (item.start_x0 - item.column_x0)) < abs(indent - (item.x0 - item.column_x0))


def body_style(pages: Sequence[PageLayout], right_edges: dict[tuple[int, int], float], rules: LayoutRules) -> BodyStyle:
    """Size and colour of most letters, the most common gap between consecutive lines of a column, and the
    median word space of the body-sized lines that do not fill their column (a justified paragraph's last
    line, any line of ragged text: they keep the font's own space)."""
    words = [w for page in pages for line in page.lines for w in line.words]
    size = weighted_mode((page.body_size, len(page.lines)) for page in pages) or 0.0
    gaps = []
    for page in pages:
        for above, below in zip(page.lines, page.lines[1:], strict=False):
            if (above.column == below.column and above.top < below.top and abs(above.size - below.size) < 0.1
                    and -0.5 * below.size <= below.top - above.bottom <= 1.5 * below.size):
                gaps.append((round((below.top - above.bottom) / below.size, 2), 1.0))
    spaces = [word_space(line) for page in pages for line in page.lines
              if len(line.words) > 1 and abs(line.size - size) < 0.1 and fill(line, right_edges) < rules.run_on_fill]
    return BodyStyle(size=size, color=weighted_mode((w.color, len(w.text)) for w in words) or "",
                     line_gap=weighted_mode(gaps) or 0.0, word_gap=statistics.median(spaces) if spaces else 0.0)


def build_blocks(pages: Sequence[PageLayout], rules: LayoutRules) -> list[Block]:
    """Group the ordered lines of all pages into blocks; decide the dash lines left open."""
    blocks: list[Block] = []
    previous: Line | None = None
    right_edges = column_right_edges(pages, rules)
    document = body_style(pages, right_edges, rules)
    for page in pages:
        body = replace(document, size=page.body_size or document.size)
        for line in page.lines:
            current = blocks[-1] if blocks else None
            joins = (current is not None and previous is not None
                     and continues(current.lines[0], previous, line, body, rules, right_edges))
            if line.dash and joins and current.lines[0].marker == "bullet":
                joins = not at_marker(current.lines[0], line)
            if line.dash and not joins:
                make_bullet(line, 1)
            elif joins:
                first = current.lines[0]
                indent = line.x0 - line.column_x0
                indent_ok = (first.marker != "bullet" or emphasised(line, body)
                             or indent >= min(first.x0, first.start_x0) - first.column_x0 - 0.5 * line.size)
                if indent_ok:
                    current.lines.append(line)
                    previous = line
                    continue
            blocks.append(Block(lines=[line], body_size=page.body_size))
            previous = line
    for block in blocks:
        block.pages = sorted({line.page for line in block.lines})
    return blocks


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


def text_area(pages: Sequence[PageLayout]) -> tuple[float, float]:
    """The left and right edges of the document's text: the outermost over its pages."""
    lines = [line for page in pages for line in page.lines]
    if not lines:
        return 0.0, 0.0
    return min(line.start_x0 for line in lines), max(line.x1 for line in lines)


def layout_pages(pages: list[PageLayout], rules: LayoutRules) -> Layout:
    """Remove furniture, order each page's lines and group them into blocks."""
    running = drop_furniture(pages, rules)
    settle_body_sizes(pages, rules)
    found = [find_gutters(page.lines, page.body_size, rules) for page in pages]
    usual = usual_gutters(found, rules)
    side = side_gutters(usual, text_area(pages), rules)
    for page, gutters in zip(pages, grid_gutters(pages, usual, found, rules), strict=True):
        split_at_gutters(page, gutters, rules)
        page.lines = reading_order(page.lines, gutters, float_columns(page.lines, gutters, usual, side, rules))
    return Layout(blocks=build_blocks(pages, rules), running_texts=running)
