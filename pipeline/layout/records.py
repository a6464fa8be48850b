"""Layout records: words, lines, blocks and page layouts, complete when built."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from pipeline.pdf.sources import TEXT_BOX_FIELDS, OutlineEntry, Shape
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
    space_gap: float = field(kw_only=True)  # `LayoutRules.space_gap`: where the text has a space between words
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
        self.text = join_words(words, self.space_gap)
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
    """The lines of one page in reading order, the page's body font size, and the column gutters found."""

    number: int
    width: float
    height: float
    lines: list[Line]
    body_size: float
    shapes: Sequence[Shape] = ()
    gutters: Sequence[tuple[float, float]] = ()
    channels: Sequence[tuple[float, float]] = ()  # column gaps seen in the rows of words (`column_channels`)
    tagged_headings: Sequence[OutlineEntry] = ()  # a tagged PDF's headings (`tagged_title`)


def join_words(words: Sequence[Word], space_gap: float) -> str:
    """Join words with a space where the gap between them is wider than a hair (`space_gap` of the smaller
    font size)."""
    parts: list[str] = []
    previous: Word | None = None
    for word in words:
        if previous is not None and word.x0 - previous.x1 > space_gap * min(word.size, previous.size):
            parts.append(" ")
        parts.append(word.text)
        previous = word
    return "".join(parts)


def is_upper(text: str) -> bool:
    """Set in capitals: at least two letters, none in lower case."""
    if text.isascii():
        return text.upper() == text and sum(map(str.isupper, text)) >= 2
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)
