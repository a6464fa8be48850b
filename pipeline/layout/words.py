"""Characters → words → rows → segments: words end at a space character or a gap wide for the font size."""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from itertools import groupby, pairwise
from operator import attrgetter

from pipeline.layout.records import BOLD_RE, ITALIC_RE, Word
from pipeline.pdf.sources import WORD_HYPHENS, Char, _native
from pipeline.rules import LayoutRules

LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "ſt", "ﬆ": "st"}
LIGATURE_TABLE = str.maketrans(LIGATURES)


def line_clusters(chars: Sequence[Char], tolerance: float) -> list[list[tuple[int, Char]]]:
    """Characters grouped into lines: sorted tops chained while each is within `tolerance` points of the one
    before. Each character comes with its stream piece, the number of the run of characters of one line in
    stream order it belongs to (the stream goes to another line between two pieces); each line is sorted
    piece by piece, each piece left to right."""
    tops = sorted({c.top for c in chars})
    line_of: dict[float, int] = {}
    line = 0
    for previous, top in zip([tops[0], *tops], tops, strict=False):
        if top > previous + tolerance:
            line += 1
        line_of[top] = line
    lines: list[list[tuple[int, Char]]] = [[] for _ in range(line + 1)]
    piece, last = 0, None
    for char in chars:
        index = line_of[char.top]
        piece += last is not None and index != last
        last = index
        lines[index].append((piece, char))
    return [sorted(members, key=lambda member: (member[0], member[1].x0)) for members in lines if members]


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


def page_words(chars: list[Char], rules: LayoutRules) -> list[Word]:
    """The upright words of a page: runs of one font, size and colour (in stream order) cut into lines,
    and lines into words where the producer wrote a space character with room of its own (`covered`), where
    the gap between two characters is wider than `word_gap` of the font size (a producer that writes no
    spaces, such as TeX, leaves at least a fifth of the size between words; letters are set closer), before
    a hyphen that ends the line only where it is wider than `line_end_hyphen_gap` (`ends_with_hyphen`), and
    between two stream pieces of a line (`line_clusters`: a line of one column that runs on into the next
    column's line on the same baseline is no word with it). Characters whose tops are within
    `word_line_tolerance` points share a line.

    `page_words` in `pipeline/pdf/_native.c` is the same loop in C; it leaves pages with a coordinate that is
    not a number to this one."""
    if _native is not None:
        words = _native.page_words(chars, Word, font_weight_and_slant, LIGATURE_TABLE, rules.word_line_tolerance,
                                   rules.word_gap, rules.line_end_hyphen_gap)
        if words is not None:
            return words
    return python_page_words(chars, rules)


def tagged_title(chars: list[Char], rules: LayoutRules) -> str:
    """The title of a tagged heading: the words (`page_words`) of the characters it holds, each set apart by a
    space (titles are matched without their spaces, see `pipeline.structure.outline.outline_key`)."""
    return " ".join(word.text for word in page_words(chars, rules))


def python_page_words(chars: Sequence[Char], rules: LayoutRules) -> list[Word]:
    """`page_words` in Python."""
    tolerance = rules.word_line_tolerance
    words: list[Word] = []
    for run in style_runs(chars):
        if not run[0].upright:
            continue
        for line in line_clusters(run, tolerance):
            current: list[Char] = []
            current_piece = -1
            for index, (piece, char) in enumerate(line):
                if is_blank(char.text):
                    if current and not covered(line, index):
                        words.append(make_word(current))
                        current = []
                    continue
                if current:
                    previous = current[-1]
                    gap = char.x0 - previous.x1
                    if ((gap > rules.word_gap * char.size
                         and not (ends_with_hyphen(line, index) and gap <= rules.line_end_hyphen_gap * char.size))
                            or abs(char.top - previous.top) > tolerance or piece != current_piece):
                        words.append(make_word(current))
                        current = []
                current.append(char)
                current_piece = piece
            if current:
                words.append(make_word(current))
    return words


STYLE = attrgetter("upright", "font", "size", "color")


def style_runs(chars: Sequence[Char]) -> Iterator[list[Char]]:
    """Runs of characters in stream order of one style (upright, font, size and colour: those of the run's
    first character). A blank character stays in the run it stands in, whatever its style: between small
    capitals, a browser writes a break opportunity's space in the size of the text around them."""
    run: list[Char] = []
    for char in chars:
        if run and not is_blank(char.text) and STYLE(char) != STYLE(run[0]):
            yield run
            run = []
        run.append(char)
    if run:
        yield run


def is_blank(text: str) -> bool:
    """Whether a character prints nothing (a space, or no text at all)."""
    return not text or text.isspace()


def ends_with_hyphen(line: Sequence[tuple[int, Char]], index: int) -> bool:
    """Whether the character at `index` of a line (`line_clusters`) is a hyphen that ends its stream piece (no
    printing character after it): an office suite sets a line-end hyphen apart in a justified line."""
    piece, char = line[index]
    return char.text in WORD_HYPHENS and all(later != piece or is_blank(other.text)
                                             for later, other in line[index + 1:])


def covered(line: Sequence[tuple[int, Char]], index: int) -> bool:
    """Whether the blank character at `index` of a line (`line_clusters`) has no room of its own: a printing
    neighbour of its stream piece covers its middle. A browser writes such spaces at a word's break
    opportunities, drawn over the next letter; pdfium leaves them out, a word space has room of its own."""
    piece, blank = line[index]
    middle = (blank.x0 + blank.x1) / 2
    return any(0 <= near < len(line) and line[near][0] == piece and not is_blank(line[near][1].text)
               and line[near][1].x0 < middle < line[near][1].x1 for near in (index - 1, index + 1))


def rows_of(words: Iterable[Word], rules: LayoutRules) -> list[list[Word]]:
    """Group words whose vertical centres agree into rows, top to bottom (each within `row_tolerance` of its
    size of the nearest centre so far, so that columns set a little apart still share a row)."""
    rows: list[list[Word]] = []
    centres: list[float] = []
    for word in sorted(words, key=lambda w: ((w.top + w.bottom) / 2, w.x0)):
        centre = (word.top + word.bottom) / 2
        if rows and abs(centre - centres[-1]) <= rules.row_tolerance * word.size:
            rows[-1].append(word)
            centres[-1] = centre
        else:
            rows.append([word])
            centres.append(centre)
    return [sorted(row, key=lambda w: w.x0) for row in rows]


def is_small_capitals(capital: Word, word: Word, rules: LayoutRules) -> bool:
    """Whether `word` is set in small capitals right after the capital `capital` ("A" + "DVIES"): capitals of
    the same font a little smaller, on the same baseline, with no gap."""
    low, high = rules.small_capitals_ratio
    return (word.font == capital.font and capital.size > 0 and low <= word.size / capital.size <= high
            and word.x0 - capital.x1 <= rules.small_capitals_gap * capital.size
            and abs(word.bottom - capital.bottom) <= rules.small_capitals_gap * 3 * capital.size
            and capital.text[-1:].isupper() and small_capitals_text(word.text))


def small_capitals_text(text: str) -> bool:
    """Whether a word may be set in small capitals: its letters are all capitals (the glyphs), or all lower
    case (a producer that gives the small capitals' text as the lower-case letters they stand for)."""
    return text.isupper() or text.islower()


def join_small_capitals(row: list[Word], rules: LayoutRules,
                        small: dict[tuple[str, float], float]) -> tuple[list[Word], set[float]]:
    """Words set in small capitals (lower-case letters as smaller capitals, as word processors and browsers
    synthesise them) as the text has them: "A" + "DVIESCOMMISSIE" is "Adviescommissie" at the capitals' size.
    Each small size seen is noted in `small` (font and size: the capitals' size); the row comes back with the
    capitals' sizes of its small capitals."""
    merged: list[Word] = []
    capitals: set[float] = set()
    for word in row:
        capital = merged[-1] if merged else None
        if capital is not None and is_small_capitals(capital, word, rules):
            small[word.font, word.size] = capital.size
            capitals.add(capital.size)
            merged[-1] = capital._replace(text=capital.text + word.text.lower(), x1=word.x1,
                                          top=min(capital.top, word.top), bottom=max(capital.bottom, word.bottom))
        else:
            merged.append(word)
    return merged, capitals


def lower_small_capitals(segment: list[Word], small: dict[tuple[str, float], float],
                         near: set[float]) -> list[Word]:
    """Each run of words of one font of a segment set wholly in small capitals (a heading's second line,
    "INTERNATIONALE ONTWIKKELINGEN", or a word of one such as "EN"; a side head's line that runs up to the
    text beside it, in another font) in lower case at the capitals' size; other runs as they are. A size
    that is also the capitals' size of other small capitals on the page is ambiguous (one heading level's
    capitals may have the size of another's small capitals: "VDAB"): its words are lowered only when small
    capitals of that size stand in their row or just above it (`near`)."""
    if not small:
        return segment
    capitals = set(small.values())

    def lower(word: Word) -> bool:
        return (small_capitals_text(word.text) and (word.font, word.size) in small
                and (word.size not in capitals or small[word.font, word.size] in near))

    lowered: list[Word] = []
    for _, words in groupby(segment, key=attrgetter("font")):
        run = list(words)
        if all(not any(c.isalpha() for c in w.text) or w.size in capitals or lower(w) for w in run):
            run = [w._replace(text=w.text.lower(), size=small[w.font, w.size]) if lower(w) else w for w in run]
        lowered.extend(run)
    return lowered


def segments_of(row: list[Word], rules: LayoutRules, channels: Sequence[tuple[float, float]] = (),
                small_capitals: dict[tuple[str, float], float] | None = None) -> list[list[Word]]:
    """Cut a row where the gap between words is wide for their size, unless it is one of a line's word spaces
    stretched to its justified measure (no wider than `justified_gap_max`, its neighbours as wide:
    `stretched`), where the gap holds one of the page's narrow column `channels`, where the type size jumps
    across a space (a large heading that runs into the next column's text) other than to a word in the small
    capitals of the larger size (`small_capitals`: font and size of the page's small capitals, their
    capitals' size), or where a word starts well before the one left of it ends (`overprint_overlap`: a side
    head's long word printed over the text beside it); such a word set against the last word of an earlier
    segment, within `word_gap`, goes on with it (the side head's colon in a larger size, after the text's
    word that starts under the head's long word), and the next word with the segment it left."""
    gaps = [word.x0 - previous.x1 for previous, word in pairwise(row)]
    segments = [[row[0]]]
    for index, word in enumerate(row[1:]):
        previous = segments[-1][-1]
        gap, small, large = word.x0 - previous.x1, min(word.size, previous.size), max(word.size, previous.size)
        across = any(previous.x1 <= right and word.x0 >= left and previous.x1 <= left + 1 and word.x0 >= right - 1
                     for left, right in channels)
        smaller = min(previous, word, key=lambda w: w.size)
        capitals_size = (small_capitals or {}).get((smaller.font, smaller.size))
        jump = (large > rules.size_jump * small and gap > rules.size_jump_gap * small
                and not (capitals_size is not None and abs(capitals_size - large) <= rules.same_size_points))
        justified = gap <= rules.justified_gap_max * small and stretched(gaps, index, rules, ends_clause(previous))
        if gap < -rules.overprint_overlap * small:
            segments.append([word])
            before = next((segment for segment in segments[:-2] if abs(word.x0 - segment[-1].x1)
                           <= rules.word_gap * min(word.size, segment[-1].size)), None)
            if before is not None:
                before.append(segments.pop()[0])
        elif across or (gap > rules.segment_gap * small and not justified) or jump:
            segments.append([word])
        else:
            segments[-1].append(word)
    return segments


def ends_clause(word: Word) -> bool:
    """Whether a word ends in a stop (.:;!?), after which a typesetter may widen the space."""
    return word.text[-1:] in ".:;!?"


def stretched(gaps: Sequence[float], index: int, rules: LayoutRules, after_stop: bool = False) -> bool:
    """Whether gap `index` is one of a justified line's equal word spaces: a gap beside it is as wide, within
    `justified_gap_ratio` (the last word space of a line may stand beside a gutter); a space after a stop
    (`after_stop`: a word that ends in punctuation) may be up to `justified_stop_ratio` times as wide (TeX
    stretches it more)."""
    beside = gaps[max(index - 1, 0):index] + gaps[index + 1:index + 2]
    gap = gaps[index]
    widest = rules.justified_stop_ratio if after_stop else rules.justified_gap_ratio
    return any(gap / widest <= other <= gap * rules.justified_gap_ratio for other in beside)
