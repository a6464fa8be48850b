"""Marks and list markers: raised spearhead marks joined to their word, bullets and numbers before a line."""
from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.layout.records import Line, Word
from pipeline.pdf.sources import Shape
from pipeline.rules import LayoutRules


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
        hosts = [w for w in kept
                 if -rules.raised_mark_overlap * w.size <= mark.x0 - w.x1 <= rules.raised_mark_gap * w.size
                 and w.top <= mark.bottom <= w.bottom + rules.raised_mark_drop * w.size]
        host = min(hosts, key=lambda w, x0=mark.x0: abs(x0 - w.x1), default=None)
        if host is None:
            kept.append(mark)
        else:
            kept[kept.index(host)] = host._replace(text=host.text + mark.text, x1=max(host.x1, mark.x1))
    return kept


def join_numbered_cells(segments: list[list[Word]], rules: LayoutRules) -> list[list[Word]]:
    """A number alone in its segment ("1." in a table's first column) and the segment right of it, at most
    `number_cell_gap` font sizes away, are one numbered line."""
    joined: list[list[Word]] = []
    for segment in segments:
        previous = joined[-1] if joined else None
        if (previous is not None and len(previous) == 1 and rules.number_re.match(previous[0].text)
                and segment[0].x0 - previous[0].x1 <= rules.number_cell_gap * previous[0].size):
            previous.extend(segment)
        else:
            joined.append(list(segment))
    return joined


def mark_list_item(line: Line, shapes: Sequence[Shape], rules: LayoutRules) -> None:
    """Detect a bullet (shape or glyph, set apart or against the text) or a number at the start of a line.

    A dash set close to the text may be punctuation at the start of a wrapped
    line; such a line is only flagged (`dash`) and decided later from its context.
    """
    first = line.words[0]
    size = first.size
    for x0, top, x1, bottom in shapes:
        centre = (top + bottom) / 2
        if (x1 <= first.x0 + rules.bullet_shape_overlap * size and first.x0 - x1 <= rules.bullet_max_distance * size
                and first.top - rules.bullet_centre_tolerance * size <= centre
                <= first.bottom + rules.bullet_centre_tolerance * size
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
    attached_number = re.match(rules.attached_number_marker, first.text)
    if attached_number:
        make_bullet(line, len(attached_number.group(0)))
        line.marker, line.number = "number", int(attached_number.group(1))
        return
    attached_letter = re.match(rules.attached_letter_marker, first.text)
    if attached_letter:
        make_bullet(line, len(attached_letter.group(0)))
        line.marker = "letter"
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
    if not (match or re.match(rules.letter_marker, first.text)):
        return
    if gap >= rules.number_marker_gap * size or label_runs_into_item(line, rules):
        line.marker, line.marker_x0 = ("number" if match else "letter"), first.x0
        line.number = int(match.group(1)) if match else None
        line.set_words(line.words[1:])


def label_runs_into_item(line: Line, rules: LayoutRules) -> bool:
    """Whether the number or letter label that is the line's first word reads, with the word after it, as a
    label set against the item's first word ("a) Een" as "a)Een": a capital follows). A gap narrower than
    `number_marker_gap` is a word space to one character source and none to another: such a label is a
    marker either way."""
    joined = line.words[0].text + line.words[1].text
    return any(re.match(pattern, joined) for pattern in (rules.attached_number_marker, rules.attached_letter_marker))


def make_bullet(line: Line, glyph_length: int) -> None:
    """Take the bullet glyph or number (its first `glyph_length` characters) off the start of a line."""
    first = line.words[0]
    line.marker, line.marker_x0, line.dash = "bullet", first.x0, False
    if glyph_length >= len(first.text):
        line.set_words(line.words[1:])
    else:
        glyph_width = (first.x1 - first.x0) / len(first.text)
        line.set_words([first._replace(text=first.text[glyph_length:], x0=first.x0 + glyph_width), *line.words[1:]])


def resolve_aligned_dashes(lines: Sequence[Line], rules: LayoutRules) -> None:
    """Dash lines that start at the same place (within `dash_align_tolerance`) as another dash line of the
    page form a list."""
    dashes = [(line, line.words[0].text[0], line.x0) for line in lines if line.dash]
    aligned = [line for line, glyph, x0 in dashes
               if any(other is not line and other_glyph == glyph
                      and abs(other_x0 - x0) <= rules.dash_align_tolerance * line.size
                      for other, other_glyph, other_x0 in dashes)]
    for line in aligned:
        make_bullet(line, 1)
