"""Columns and reading order: gutters found where no narrow body line crosses, bands and side columns."""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from itertools import pairwise

from pipeline.layout.markers import join_numbered_cells, mark_list_item, resolve_aligned_dashes
from pipeline.layout.records import Line, PageLayout, Word, is_upper
from pipeline.rules import LayoutRules

CLOSING_PUNCTUATION = tuple(".,:;!?)]’”")

def body_lines(lines: Sequence[Line], body_size: float, rules: LayoutRules, capitals: bool = False) -> list[Line]:
    """Lines of body-sized text: not in large type (a part or theme title may span the columns) and, unless
    `capitals`, not in capitals (a theme on a banner across the columns)."""
    return [line for line in lines if line.size < rules.gutter_heading_size * body_size
            and (capitals or not is_upper(line.text))]


def narrow_lines(lines: Sequence[Line], body_size: float, rules: LayoutRules, capitals: bool = False) -> list[Line]:
    """Lines of body-sized text (`body_lines`) narrower than `gutter_wide_line_share` of the page's text that
    print over no other line: the ones no gutter may cross."""
    left = min(line.start_x0 for line in lines)
    right = max(line.x1 for line in lines)
    over = overprinting(lines)
    return [line for line in body_lines(lines, body_size, rules, capitals)
            if line.x1 - line.start_x0 < rules.gutter_wide_line_share * (right - left) and id(line) not in over]


def overprinting(lines: Sequence[Line]) -> set[int]:
    """Lines whose end runs over, or up to, the start of a line beside them (their heights overlapping, the
    other starting right of their middle: not the next line of their own column): a heading's long word
    printed over the text of the next column crosses no gutter. By `id`."""
    over = set()
    ordered = sorted(lines, key=lambda ln: ln.top)
    for index, line in enumerate(ordered):
        for other in ordered[index + 1:]:
            if other.top >= line.bottom:
                break
            first, second = (line, other) if line.x0 < other.x0 else (other, line)
            if (first.x0 + first.x1) / 2 < second.x0 < first.x1:
                over.add(id(first))
    return over


def find_gutters(lines: Sequence[Line], body_size: float, rules: LayoutRules) -> list[tuple[float, float]]:
    """Vertical strips that no narrow line of text crosses, with text on both sides.

    Lines in large type (part and theme titles) may span the columns; they become bands. Lines in
    capitals count only on a page that has no gutter without them: a column of side heads in capitals
    beside the text.
    """
    if not lines:
        return []
    return (gutters_between(narrow_lines(lines, body_size, rules), lines, body_size, rules)
            or gutters_between(narrow_lines(lines, body_size, rules, capitals=True), lines, body_size, rules,
                               capitals=True))


def gutters_between(narrow: Sequence[Line], lines: Sequence[Line], body_size: float, rules: LayoutRules,
                    capitals: bool = False) -> list[tuple[float, float]]:
    """The gutters of `find_gutters` among the given narrow lines."""
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
    body = body_lines(lines, body_size, rules, capitals)
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
    across: a column holding a line or two still counts. A line whose words stand on both sides of the
    gutter with all of it between two of them (`holds_gutter`: two lines, one per column, set on one row)
    does not cross it, nor does a line that reaches into it from one side (a long word of a side head), nor
    do a few lines that stick out across it with their last word (`overflows`, at most `gutter_max_overflow`
    of the page's narrow lines). Lines in capitals count where the others leave a side empty (side heads
    in capitals, as in `find_gutters`)."""
    result = []
    for page, gutters in zip(pages, found, strict=True):
        missing = [gutter for gutter in usual if not any(a < gutter[1] and b > gutter[0] for a, b in gutters)]
        extra = []
        if missing and page.lines:
            narrow = narrow_lines(page.lines, page.body_size, rules)
            capitals: list[Line] | None = None  # the narrow lines with those in capitals, made only if needed
            for gutter in missing:
                fits = gutter_fits(gutter, narrow, page.body_size, rules, page.lines)
                if not fits:
                    capitals = capitals or narrow_lines(page.lines, page.body_size, rules, capitals=True)
                    fits = gutter_fits(gutter, capitals, page.body_size, rules, page.lines)
                if fits:
                    extra.append(gutter)
        result.append(sorted(gutters + extra))
    return result


def gutter_fits(gutter: tuple[float, float], narrow: Sequence[Line], body_size: float, rules: LayoutRules,
                lines: Sequence[Line] = ()) -> bool:
    """Whether a page's narrow lines leave a usual gutter free (`grid_gutters`), with text on both sides (on
    its left, a line may reach into it: a side head's long word; on its right, any of the page's `lines`
    may stand: on a page of a few lines, a line of text beside a side head is wide for the page)."""
    g0, g1 = gutter
    across = [line for line in narrow if crosses(line, gutter) and not holds_gutter(line, gutter, body_size, rules)]
    if across:
        narrow_ids = {id(line) for line in narrow}
        wide = [line for line in lines if id(line) not in narrow_ids]
        across = [line for line in across if not ends_wide_paragraph(line, wide, rules)]
    return (all(overflows(line, gutter, body_size, rules) for line in across)
            and len(across) <= rules.gutter_max_overflow * len(narrow)
            and any(line.start_x0 < g0 and line.x1 <= g1 for line in narrow)
            and any(line.start_x0 >= g1 - 1 for line in [*narrow, *lines]))


def ends_wide_paragraph(line: Line, wide: Sequence[Line], rules: LayoutRules) -> bool:
    """Whether a narrow line is the last of a paragraph set across the columns (a table of the text's full
    width in a page of side heads): one of the page's `wide` lines, of its size, starts where it starts
    (within `indent_tolerance`), right above it (within `paragraph_gap`)."""
    return any(abs(other.size - line.size) <= rules.same_size_ratio * line.size
               and abs(other.start_x0 - line.start_x0) <= rules.indent_tolerance * line.size
               and 0 <= line.top - other.bottom <= rules.paragraph_gap * line.size for other in wide)


def holds_gutter(line: Line, gutter: tuple[float, float], body_size: float, rules: LayoutRules) -> bool:
    """Whether the line is two, one per column, set on one row (`split_at_gutters` cuts it)."""
    return any(cuts_at(previous, word, [gutter], body_size, rules) for previous, word in pairwise(line.words))


def cuts_at(previous: Word, word: Word, gutters: Sequence[tuple[float, float]], body_size: float,
            rules: LayoutRules) -> bool:
    """Whether the gap between two words of a row is a column gutter: as wide as a gutter must be and holding
    a whole gutter, or, between words of body text, from within a gutter (the left column's lines end short of
    it where it is ragged, or where a wide line ignored in finding gutters reached into it) to its far side,
    where the next column starts, or from its near side, where the left column's lines end, into it (the next
    column's lines start further right on this page, a list indented); or narrower than a gutter where a word
    that runs into the gutter meets the next column's first word (a line too long for its measure: an
    address that cannot break; not a closing punctuation mark, which starts no line), in body text (no larger
    than `emphasis_size_ratio` of the body) where the gap is a word space or wider. A title in large type
    across the columns may have a word space that wide."""
    gap = word.x0 - previous.x1
    runs_into = not word.text.startswith(CLOSING_PUNCTUATION) and any(
        previous.x0 < g0 < previous.x1 and word.x0 >= g1 - 1 for g0, g1 in gutters)
    if gap < rules.word_gap * min(previous.size, word.size):
        return runs_into
    if gap < rules.gutter_min_width * body_size:
        return runs_into and max(previous.size, word.size) <= rules.emphasis_size_ratio * body_size
    if max(previous.size, word.size) >= rules.gutter_heading_size * body_size:
        return any(previous.x1 <= g0 + 1 and word.x0 >= g1 - 1 for g0, g1 in gutters)
    return any((previous.x1 < g1 and word.x0 >= g1 - 1) or (abs(previous.x1 - g0) <= 1 and word.x0 < g1)
               for g0, g1 in gutters)


def overflows(line: Line, gutter: tuple[float, float], body_size: float, rules: LayoutRules) -> bool:
    """Whether a line of body text reaches into the gutter with its last word only, from the column on its
    left: a line set too long for its measure (an address that cannot break), not a line across the
    columns."""
    g0, g1 = gutter
    *rest, last = line.words
    return (line.size < rules.gutter_heading_size * body_size and line.start_x0 < g0 and last.x0 < g1
            and all(word.x1 <= g0 + 1 for word in rest))


def side_gutters(usual: Sequence[tuple[float, float]], area: tuple[float, float],
                 rules: LayoutRules) -> list[tuple[float, float]]:
    """Usual gutters with a column at most `float_column_share` as wide as the one before it on their right:
    the text area's edge of a side column whose blocks float beside the text."""
    edges = [area[0], *(x for gutter in usual for x in gutter), area[1]]
    widths = [edges[2 * i + 1] - edges[2 * i] for i in range(len(usual) + 1)]
    return [gutter for i, gutter in enumerate(usual) if widths[i + 1] <= rules.float_column_share * widths[i]]


def margin_gutters(usual: Sequence[tuple[float, float]], area: tuple[float, float],
                   rules: LayoutRules) -> list[tuple[float, float]]:
    """The first usual gutter when the column left of it is at most `float_column_share` as wide as the
    one on its right: the edge of a margin column whose blocks (side heads) stand beside the text."""
    if not usual:
        return []
    right = usual[1][0] if len(usual) > 1 else area[1]
    first = usual[0]
    return [first] if first[0] - area[0] <= rules.float_column_share * (right - first[1]) else []


def float_columns(lines: Sequence[Line], gutters: Sequence[tuple[float, float]],
                  usual: Sequence[tuple[float, float]], side: Sequence[tuple[float, float]],
                  rules: LayoutRules, margin: Sequence[tuple[float, float]] = ()) -> set[int]:
    """The columns of a page right of a side gutter (one of the document's, or, for a gutter the
    document does not usually have, one whose column on the right is narrow on this page, measured to
    where three quarters of its lines end: a long word may stick out) and left of a `margin` gutter."""
    def overlaps(gutter: tuple[float, float], strips: Sequence[tuple[float, float]]) -> bool:
        return any(a < gutter[1] and b > gutter[0] for a, b in strips)

    if not gutters:
        return set()
    own = [g for g in gutters if not overlaps(g, usual)]
    ends = sorted(ln.x1 for ln in lines if ln.start_x0 >= own[-1][1] - 1) if own else []
    right = ends[3 * len(ends) // 4] if ends else 0.0
    page_side = side_gutters(own, (min(ln.start_x0 for ln in lines), right), rules) if ends else []
    return ({i + 1 for i, gutter in enumerate(gutters) if overlaps(gutter, [*side, *page_side])}
            | {i for i, gutter in enumerate(gutters) if overlaps(gutter, margin)})


def place_floats(flow: list[Line], floats: list[Line], rules: LayoutRules) -> list[Line]:
    """Insert each run of float lines after the last line of the flow that ends above the run's top (within
    `float_top_tolerance`). Float lines within two of their sizes of each other make a run, unless the lower
    one's baseline stands further below the one above than that one below its own (by `row_tolerance` of the
    size: line tops vary with capitals) and a paragraph of the flow starts beside it (more than
    `paragraph_gap` of its size below the flow line before it): two side heads set close, the first beside a
    one-line text."""
    starts = [line.top for previous, line in pairwise(flow)
              if line.top - previous.bottom > rules.paragraph_gap * line.size]
    runs: list[list[Line]] = []
    for line in floats:
        run = runs[-1] if runs else []
        spaced = (len(run) > 1 and (line.bottom - run[-1].bottom) - (run[-1].bottom - run[-2].bottom)
                  > rules.row_tolerance * line.size)
        if (run and line.top - run[-1].bottom <= 2 * line.size
                and not (spaced and any(abs(top - line.top) <= rules.float_top_tolerance * line.size
                                        for top in starts))):
            run.append(line)
        else:
            runs.append([line])
    ordered = list(flow)
    for run in reversed(runs):
        top = run[0].top + rules.float_top_tolerance * run[0].size
        position = max((i + 1 for i, line in enumerate(flow) if line.bottom <= top), default=0)
        ordered[position:position] = run
    return ordered


def split_at_gutters(page: PageLayout, gutters: Sequence[tuple[float, float]], rules: LayoutRules,
                     edges_only: bool = False) -> bool:
    """Cut the page's lines where a gap between words is a gutter (`cuts_at`: headings in large type side by
    side in neighbouring columns share a row, and the gutter between them can be narrow for their size; so
    do two lines of columns set closer than a wide gap), or where the word before (with the words set against
    it, closer than `word_gap`) starts left of a gutter and the next at its right edge (within
    `gutter_edge_tolerance` of its size), the two set apart by a gap as wide for their own size or by a change
    of weight or size, however close (a long word of a heading reaches into the gutter beside the next
    column's text, up to its edge, or over it with a stop set against it in a larger size; a line's style
    does not change at a column's edge), unless the next starts with a closing punctuation mark, which
    starts no line (a colon set in the capitals' size after a word in small capitals). With `edges_only`,
    only the latter (the document's usual gutters, before the page's own are settled). Whether any line was
    cut."""
    if not gutters:
        return False

    def at_edge(previous: Word, word: Word, start: float) -> bool:
        gap = word.x0 - previous.x1
        apart = gap >= rules.gutter_min_width * min(previous.size, word.size) or previous.bold != word.bold or (
            abs(previous.size - word.size) > rules.same_size_ratio * max(previous.size, word.size))
        return apart and not word.text.startswith(CLOSING_PUNCTUATION) and any(
            g1 - 1 <= word.x0 <= g1 + rules.gutter_edge_tolerance * word.size and start < g0 for g0, g1 in gutters)

    lines: list[Line] = []
    cut_off: list[Line] = []
    for line in page.lines:
        pieces = [[line.words[0]]]
        start = line.words[0].x0  # where the word before, with the words set against it, starts
        for word in line.words[1:]:
            previous = pieces[-1][-1]
            if at_edge(previous, word, start) or (not edges_only and cuts_at(previous, word, gutters, page.body_size,
                                                                              rules)):
                pieces.append([word])
            else:
                pieces[-1].append(word)
            if word.x0 - previous.x1 >= rules.word_gap * min(previous.size, word.size):
                start = word.x0
        lines.append(line)
        if len(pieces) > 1:
            line.set_words(pieces[0])
            cut = [Line(page=line.page, words=words, space_gap=rules.space_gap) for words in pieces[1:]]
            cut_off.extend(cut)
            lines.extend(cut)
    if cut_off:
        lines = join_cut_numbers(lines, cut_off, rules)
        for piece in cut_off:
            mark_list_item(piece, page.shapes, rules)
        resolve_aligned_dashes(lines, rules)
    page.lines = lines
    return bool(cut_off)


def join_cut_numbers(lines: list[Line], pieces: Sequence[Line], rules: LayoutRules) -> list[Line]:
    """A number cut from the line before the gutter (a table's number cell beside a justified line of the
    previous column, whose word spaces are as wide as the gutter) goes on with the line right of it on its
    row, as a number in its own cell does (`join_numbered_cells`)."""
    joined: set[int] = set()
    for piece in pieces:
        if len(piece.words) != 1 or not rules.number_re.match(piece.words[0].text):
            continue
        beside = [line for line in lines if line is not piece and id(line) not in joined and line.x0 >= piece.x1
                  and same_row(line, piece, rules)]
        following = min(beside, key=lambda line: line.x0, default=None)
        if following is not None and len(join_numbered_cells([piece.words, following.words], rules)) == 1:
            piece.set_words(piece.words + following.words)
            joined.add(id(following))
    return [line for line in lines if id(line) not in joined]


def crosses(line: Line, gutter: tuple[float, float], reach: float = 0.0) -> bool:
    """Whether the line starts left of the gutter and ends past its far side (by more than `reach` points)."""
    return line.start_x0 < gutter[0] and line.x1 > gutter[1] + reach


def column_index(line: Line, gutters: Sequence[tuple[float, float]]) -> int:
    """The column a line starts in: how many gutters start left of it."""
    return sum(1 for g0, _ in gutters if line.start_x0 >= g0)


Look = tuple[float, bool, bool, str]


def look_of(line: Line) -> Look:
    """A line's size, weight, slant and colour."""
    return line.size, line.bold, line.italic, line.color


def column_heading_looks(pages: Sequence[PageLayout], rules: LayoutRules) -> list[Look]:
    """The looks of lines in large type (`gutter_heading_size`) set inside a column right of the first and
    crossing no gutter: headings the document sets inside its columns, never across them."""
    looks = set()
    for page in pages:
        large = rules.gutter_heading_size * page.body_size
        for line in page.lines:
            if (page.gutters and line.size >= large and column_index(line, page.gutters) > 0
                    and not any(crosses(line, gutter) for gutter in page.gutters)):
                looks.add(look_of(line))
    return sorted(looks)


def has_look(line: Line, looks: Sequence[Look], rules: LayoutRules) -> bool:
    """Whether the line is set in one of the looks (sizes within `same_size_points`)."""
    size, *style = look_of(line)
    return any(abs(size - other) <= rules.same_size_points and style == list(rest) for other, *rest in looks)


def lone_headings(lines: Sequence[Line], gutters: Sequence[tuple[float, float]], body_size: float,
                  rules: LayoutRules, column_looks: Sequence[Look] = ()) -> tuple[set[int], set[int]]:
    """Lines in large type (`gutter_heading_size`) that start in the first column with no line of another
    column beside them, nor within `band_clearance` of their height above and below them (together): titles
    set across the columns whose text is too short to cross a gutter, with their margins. By `id`,
    those with another column's text above and below them (a theme on a band between balanced columns; one
    at the head of the page is read first in any case, and tells nothing of the document), and those
    with no text below them at all (at the foot of the page: a band there too, where the document has
    bands between its columns, else the last line of its column). A title in another column is that
    column's own (set where the first column has a white space), and so is one whose column's text goes
    on below it while the other columns end above it (the last columns of a text filled one after the
    other), and so is one in a look the document sets inside its other columns (`column_heading_looks`)."""
    between: set[int] = set()
    foot: set[int] = set()
    if not gutters or body_size <= 0:
        return between, foot
    large = rules.gutter_heading_size * body_size
    for line in lines:
        column = column_index(line, gutters)
        if line.size < large or column > 0 or has_look(line, column_looks, rules):
            continue
        others = [other for other in lines if column_index(other, gutters) != column]
        if any(other.top < line.bottom and other.bottom > line.top for other in others):
            continue
        above = max((other.bottom for other in others if other.bottom <= line.top), default=None)
        below = min((other.top for other in others if other.top >= line.bottom), default=None)
        height = line.bottom - line.top
        if below is not None:
            if above is not None and below - above - height >= rules.band_clearance * height:
                between.add(id(line))
        elif not any(other.top >= line.bottom and other.size < large for other in lines
                     if column_index(other, gutters) == column):
            foot.add(id(line))
    return between, foot


def join_stretched_lines(page: PageLayout, gutters: Sequence[tuple[float, float]], rules: LayoutRules) -> None:
    """Join the two pieces of a justified line with a single word space stretched beyond `segment_gap` (a
    heading of two long words set to its column's measure): two lines of one style on one row within one
    column, the right one ending where its column's lines end at the most (within `justified_edge` of the
    size), or where a line of its paragraph ends; and either at most `justified_gap_max` of their size apart,
    or `bridged` by the lines of their paragraph (words justified to a narrow measure, as in a list in a box)."""
    columns = {id(line): column_index(line, gutters) for line in page.lines}
    edges: dict[int, float] = {}
    for line in page.lines:
        if not any(line.start_x0 < g0 < line.x1 for g0, _ in gutters):
            column = columns[id(line)]
            edges[column] = max(edges.get(column, line.x1), line.x1)
    joined: set[int] = set()
    for right in page.lines:
        if right.marker:
            continue
        column, size = columns[id(right)], right.size
        beside = [line for line in page.lines if line is not right and id(line) not in joined
                  and columns[id(line)] == column and line.x1 <= right.x0 and same_row(line, right, rules)]
        left = max(beside, key=lambda line: line.x1, default=None)
        if (left is None or (left.bold, left.italic, left.color) != (right.bold, right.italic, right.color)
                or abs(left.size - size) > rules.same_size_ratio * max(left.size, size)):
            continue
        paragraph = [line for line in page.lines if columns[id(line)] == column and not same_row(line, right, rules)
                     and abs(line.size - size) <= rules.same_size_ratio * size
                     and max(line.top - right.bottom, right.top - line.bottom) <= rules.paragraph_gap * size]
        ends = [edges.get(column, right.x1), *(line.x1 for line in paragraph)]
        if (any(abs(right.x1 - end) <= rules.justified_edge * size for end in ends)
                and (right.x0 - left.x1 <= rules.justified_gap_max * size or bridged(left, right, paragraph, rules))):
            left.set_words(left.words + right.words)
            joined.add(id(right))
    if joined:
        page.lines = [line for line in page.lines if id(line) not in joined]


def same_row(line: Line, other: Line, rules: LayoutRules) -> bool:
    """Whether two lines' middles lie within `row_tolerance` of the second's size."""
    return abs(line.top + line.bottom - other.top - other.bottom) / 2 <= rules.row_tolerance * other.size


def bridged(left: Line, right: Line, paragraph: Sequence[Line], rules: LayoutRules) -> bool:
    """Whether the lines right above and below two pieces of a row leave no strip of the gap between them
    as wide as a gutter (`gutter_min_width` of the size) free: a gutter lies under no line of text."""
    free_from, widest = left.x1, 0.0
    for x0, x1 in sorted((line.x0, line.x1) for line in paragraph if line.x1 > left.x1 and line.x0 < right.x0):
        widest = max(widest, x0 - free_from)
        free_from = max(free_from, x1)
    widest = max(widest, right.x0 - free_from)
    return widest < rules.gutter_min_width * right.size


def reading_order(lines: list[Line], gutters: Sequence[tuple[float, float]], rules: LayoutRules,
                  side_columns: set[int] | None = None, bands: set[int] | None = None,
                  body_size: float = 0.0, column_looks: Sequence[Look] = ()) -> list[Line]:
    """Bands top to bottom, cut by lines that cross a gutter (by more than `overprint_overlap` of their size
    into the next column, printing over none of its lines, and not lines of body text of `body_size` that
    only stick out into it), by the lines of `bands` (by `id`: titles set across the columns) and by
    headings between two sections of columns (`between_sections`, but for those in one of `column_looks`);
    columns left to right within a band;
    the lines of a narrow side column are read where they stand beside the text."""
    across = bands or set()
    over = overprinting(lines) if gutters else set()

    def column_of(line: Line) -> int:
        return column_index(line, gutters)

    def spans(line: Line) -> bool:
        return id(line) in across or (id(line) not in over and any(
            crosses(line, gutter, rules.overprint_overlap * line.size) and not overflows(line, gutter, body_size, rules)
            for gutter in gutters))

    side = side_columns or set()
    between = between_sections(lines, column_of, spans, side, body_size, rules, column_looks) if gutters else set()

    def band_order(band: list[Line]) -> list[Line]:
        flow = sorted((ln for ln in band if ln.column not in side), key=lambda ln: (ln.column, ln.top, ln.x0))
        floats = sorted((ln for ln in band if ln.column in side), key=lambda ln: (ln.top, ln.x0))
        return place_floats(left_to_right(flow, rules), floats, rules)

    ordered: list[Line] = []
    band: list[Line] = []
    for line in sorted(lines, key=lambda ln: (ln.top, ln.x0)):
        if gutters and (spans(line) or id(line) in between):
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


def settle_column_lefts(pages: Sequence[PageLayout]) -> None:
    """Move a column's left edge on a page (`Line.column_x0`) out to where that column starts on most pages
    of its kind (the same side of the spread, the same number of columns) when all the page's lines of that
    column start right of it, and it stays right of the gutter before the column: a column that holds only
    an indented list (items run on from the column before) starts at the text's edge, not at its markers."""
    found: dict[tuple[int, int, int], Counter[int]] = {}
    for page in pages:
        for column, left in {line.column: line.column_x0 for line in page.lines}.items():
            found.setdefault((page.number % 2, len(page.gutters), column), Counter())[round(left)] += 1
    usual = {kind: lefts.most_common(1)[0][0] for kind, lefts in found.items()}
    for page in pages:
        for line in page.lines:
            left = usual[(page.number % 2, len(page.gutters), line.column)]
            gutter_edge = page.gutters[line.column - 1][1] if 0 < line.column <= len(page.gutters) else 0.0
            if gutter_edge - 1 <= left < line.column_x0:
                line.column_x0 = left


def between_sections(lines: Sequence[Line], column_of: Callable[[Line], int], spans: Callable[[Line], bool],
                     side: set[int], body_size: float, rules: LayoutRules,
                     column_looks: Sequence[Look] = ()) -> set[int]:
    """The ids of the headings (larger than the body by `emphasis_size_ratio`) set in the first column between
    two sections of columns: the other columns (side columns aside) have text above and below them but none
    beside them, nor within `section_clearance` of their size above or below (a part title after a
    multi-column section that ends balanced, before the next one begins). A heading in another column is
    that column's own (set where the first has a white space), and so is one in a look the document sets
    inside its other columns (`column_heading_looks`). A heading's next line (a line of its size in its
    column within that clearance below it) goes with it and is no heading of its own."""
    flow = [line for line in lines if not spans(line) and column_of(line) not in side]
    first = min((column_of(line) for line in flow), default=0)
    found = set()
    for line in flow:
        if (line.size <= rules.emphasis_size_ratio * body_size or column_of(line) != first
                or has_look(line, column_looks, rules)):
            continue
        clearance = rules.section_clearance * line.size
        if any(column_of(other) == column_of(line) and abs(other.size - line.size) <= rules.same_size_points
               and 0 <= line.top - other.bottom <= clearance for other in flow):
            continue
        others = [other for other in flow if column_of(other) != column_of(line)]
        if (any(other.bottom <= line.top for other in others) and any(other.top >= line.bottom for other in others)
                and not any(other.bottom > line.top - clearance and other.top < line.bottom + clearance
                            for other in others)):
            found.add(id(line))
    return found


def left_to_right(lines: list[Line], rules: LayoutRules) -> list[Line]:
    """Lines sorted by their tops, with a line read before its right neighbour in its column when its centre
    lies on the neighbour's row (within `row_tolerance` of the size) or beside the run of lines that start
    where the neighbour does, one under the other (a run-in heading before a table set on its baseline, whose
    first row stands a hair higher or is centred on it)."""
    def runs_on(upper: Line, lower: Line) -> bool:
        return (lower.column == upper.column and abs(lower.x0 - upper.x0) <= rules.indent_tolerance * lower.size
                and lower.top - upper.bottom <= rules.paragraph_gap * lower.size)

    ordered = list(lines)
    for index in range(1, len(ordered)):
        line, before = ordered[index], ordered[index - 1]
        if before.column != line.column or line.x1 > before.x0:
            continue
        start = index - 1
        while start > 0 and runs_on(ordered[start - 1], ordered[start]):
            start -= 1
        last = before
        for below in ordered[index + 1:]:
            if not runs_on(last, below):
                break
            last = below
        bottom = last.bottom
        centre = (line.top + line.bottom) / 2
        if ordered[start].top - rules.row_tolerance * line.size <= centre <= bottom:
            ordered[start:index + 1] = [line, *ordered[start:index]]
    return ordered


def text_area(pages: Sequence[PageLayout]) -> tuple[float, float]:
    """The left and right edges of the document's text: the outermost over its pages."""
    lines = [line for page in pages for line in page.lines]
    if not lines:
        return 0.0, 0.0
    return min(line.start_x0 for line in lines), max(line.x1 for line in lines)


def column_channels(rows: Sequence[list[Word]], rules: LayoutRules) -> list[tuple[float, float]]:
    """Vertical strips of a page that almost no word of its rows of three words or more covers, at least
    `channel_min_width` font sizes wide and narrower than `segment_gap`, with text on both sides in enough of
    those rows (`column_gap`), a third of them set against it: the gaps between columns that a producer sets
    narrower than a wide gap (pdfLaTeX's 10 points); wider ones cut rows as any wide gap does."""
    rows = [row for row in rows if len(row) >= 3]
    if len(rows) < rules.channel_min_rows:
        return []
    size = sorted(word.size for row in rows for word in row)[sum(map(len, rows)) // 2]
    events = sorted((x, step) for row in rows for word in row for x, step in ((word.x0, 1), (word.x1, -1)))
    limit = rules.channel_max_crossing * len(rows)
    channels: list[tuple[float, float]] = []
    count, start = 0, None
    for x, step in events:
        before, count = count, count + step
        if before > limit >= count:
            start = x
        elif count > limit >= before and start is not None:
            if rules.channel_min_width * size <= x - start < rules.segment_gap * size:
                channels.append((start, x))
            start = None
    kept = []
    for left, right in channels:
        beside = [gap for gap in (column_gap(row, left, right) for row in rows) if gap is not None]
        tight = [gap for gap in beside if gap < rules.segment_gap * size]
        if len(beside) >= rules.channel_min_share * len(rows) and len(tight) >= len(beside) / 3:
            kept.append((left, right))
    return kept


def column_gap(row: list[Word], left: float, right: float) -> float | None:
    """The gap across a strip in a row with text on both sides of it (two words or more on each side, the
    one just left of it with a letter: a bullet or a number before its item's text is no column), else
    None."""
    before = [word for word in row if word.x1 <= left]
    after = [word for word in row if word.x0 >= right]
    if len(before) >= 2 and len(after) >= 2 and any(c.isalpha() for c in before[-1].text):
        return after[0].x0 - before[-1].x1
    return None
