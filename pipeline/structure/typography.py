"""Typography: a document's heading levels learnt from its own looks (size step, weight, slant, colour, capitals)."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from pipeline.layout import Block
from pipeline.rules import StructureRules
from pipeline.utils.clustering import cluster_by_ratio, weighted_mode

ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


class NoStructure(ValueError):
    """The document has no parts, themes or dossiers that the rules recognise."""


@dataclass(frozen=True)
class Look:
    """The typographic signature of a heading: size step, weight, slant, colour, capitals."""

    step: int
    bold: bool
    italic: bool
    color: str
    caps: bool


@dataclass(frozen=True)
class Typography:
    """What the document's own type says: the colour of its body text and the size steps of its headings."""

    body_color: str
    steps: tuple[tuple[float, float], ...]
    rules: StructureRules

    def step_of(self, size: float) -> int:
        """The index of the size step nearest to a relative size (the first for text of no size: a degenerate
        matrix)."""
        if size <= 0:
            return 0
        return min(range(len(self.steps)), key=lambda i: max(self.steps[i][0] / size, size / self.steps[i][1]))

    def look(self, block: Block) -> Look:
        share = self.rules.bold_share
        return Look(step=self.step_of(block.relative_size), bold=block.share("bold") >= share,
                    italic=block.share("italic") >= share, color=block.color, caps=block.upper)

    def is_heading(self, block: Block) -> bool:
        return is_heading_like(block, self.rules, self.body_color)

    def set_apart(self, block: Block) -> bool:
        """Set apart from the body text by capitals, weight or colour, whatever its size."""
        return block.upper or block.share("bold") >= self.rules.bold_share or block.color != self.body_color


def strip_outline(title: str, rules: StructureRules) -> tuple[str, int | None]:
    """A title without its outline number, and the number's last component when it is numeric."""
    match = rules.outline_re.match(title)
    if not match:
        return title, None
    digits = re.findall(r"\d+", match.group(0))
    return title[match.end():].strip(), int(digits[-1]) if digits else None


@dataclass(frozen=True)
class HeadingLevels:
    """The looks of the dossier level and of the theme level, learnt from one document."""

    typography: Typography
    dossier: Look
    themes: frozenset[Look]

    def level(self, block: Block, rules: StructureRules) -> str:
        """'theme', 'dossier' or 'sub' for a heading-like block."""
        look = self.typography.look(block)
        if look in self.themes:
            return "theme"
        if look == self.dossier:
            return "dossier"
        sizes = self.typography.steps
        if sizes[look.step][0] >= sizes[self.dossier.step][1] * rules.theme_over_dossier:
            return "theme"
        if look.step > self.dossier.step:
            return "dossier"
        return "sub"


def roman_or_int(token: str) -> int:
    """Parse '3' or 'III'."""
    if token.isdigit():
        return int(token)
    values = [ROMAN[c] for c in token.lower()]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def is_heading_like(block: Block, rules: StructureRules, body_color: str) -> bool:
    """Short, not a bulleted item, not smaller than the body, and set apart from it by size, weight,
    slant or colour."""
    if block.marker == "bullet" or not block.text:
        return False
    if len(block.lines) > rules.heading_max_lines or len(block.text.split()) > rules.heading_max_words:
        return False
    if block.relative_size < rules.heading_min_relative_size:
        return False
    return (block.share("bold") >= rules.bold_share or block.relative_size >= rules.heading_min_size_ratio
            or block.share("italic") >= rules.bold_share or block.color != body_color)


def more_prominent(look: Look, than: Look) -> bool:
    """At the same size step or larger, capitals over lower case."""
    return look.step >= than.step and look.caps and not than.caps


def learn_levels(candidates: list[Block], first_headings: list[Block], typography: Typography,
                 rules: StructureRules) -> HeadingLevels:
    """The dossier look is the most frequent heading look within the parts; theme looks are those clearly
    larger, or in capitals at the same size, or the look a part's first heading has in most parts.

    Weight, slant and colour alone rank nothing: a house style may set its dossiers in colour and its
    sub-headings in bold, or the other way round.
    """
    if not candidates:
        raise NoStructure("no programme structure: no headings found inside the parts")
    tally = Counter(typography.look(block) for block in candidates)
    dossier = max(tally, key=lambda look: (tally[look], look.step, look.caps, look.bold))
    sizes = typography.steps
    themes = {look for look in tally if look != dossier and (
        sizes[look.step][0] >= sizes[dossier.step][1] * rules.theme_over_dossier or more_prominent(look, dossier))}
    openers = Counter(typography.look(block) for block in first_headings)
    themes |= {look for look, count in openers.items()
               if look != dossier and look.step >= dossier.step and 2 * count >= len(first_headings)}
    return HeadingLevels(typography=typography, dossier=dossier, themes=frozenset(themes))


def typography_of(blocks: list[Block], rules: StructureRules) -> Typography:
    """The body colour (the colour of most letters) and the size steps of the heading-like blocks."""
    body_color = weighted_mode((b.color, len(b.text)) for b in blocks) or ""
    sizes = [b.relative_size for b in blocks if is_heading_like(b, rules, body_color)] or [1.0]
    steps = tuple((group[0], group[-1]) for group in cluster_by_ratio(sizes, rules.size_step_tolerance))
    return Typography(body_color=body_color, steps=steps, rules=rules)
