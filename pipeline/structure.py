"""Structure stage: repaired blocks → front matter, parts, themes, dossiers and lists.

Heading levels are learnt from the document's own typography: a heading is a
short block set apart from the body text (bold, italic, another colour or
larger); its look is its size step, weight, slant, colour and capitals.  The
most frequent look inside the parts is the dossier level; looks clearly
larger, in capitals at the same size, or opening most parts are themes; the
rest are sub-headings.  The words of `rules/structure.yml` name parts,
advisory lists and spearheads.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from pipeline.layout import Block
from pipeline.models import AdvisoryRequest, Dossier, FrontMatter, ListItem, Part, Theme
from pipeline.repair import restore_case
from pipeline.rules import StructureRules
from pipeline.utils.clustering import cluster_by_ratio, weighted_mode
from pipeline.utils.text import collapse_spaces, slugify

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
        """The index of the size step nearest to a relative size."""
        return min(range(len(self.steps)), key=lambda i: max(self.steps[i][0] / size, size / self.steps[i][1]))

    def look(self, block: Block) -> Look:
        share = self.rules.bold_share
        return Look(step=self.step_of(block.relative_size), bold=block.share("bold") >= share,
                    italic=block.share("italic") >= share, color=block.color, caps=block.upper)

    def is_heading(self, block: Block) -> bool:
        return is_heading_like(block, self.rules, self.body_color)


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


@dataclass
class ListContext:
    """The list being read: its heading, whether it is advisory or mixed, its last item."""

    heading: str
    mixed: bool
    indent: float
    dossier: str | None
    follows: str | None
    headed: bool
    last: AdvisoryRequest | ListItem | None = None


@dataclass
class Builder:
    """Walks the blocks of the parts and assembles the programme tree."""

    rules: StructureRules
    levels: HeadingLevels
    casing: dict[str, str]
    parts: list[Part] = field(default_factory=list)
    theme: Theme | None = None
    dossier: Dossier | None = None
    listing: ListContext | None = None
    expecting_part_title: bool = False
    used_ids: set[str] = field(default_factory=set)
    headed_requests: set[int] = field(default_factory=set)

    def theme_lists(self) -> None:
        """A headed list after a theme's last dossier closes the theme: it is the theme's own, and its
        requests only follow that dossier (a lead-in sentence keeps a list in the dossier's text)."""
        for theme in (t for p in self.parts for t in p.themes if t.dossiers):
            last = theme.dossiers[-1].id
            for request in theme.advisory_requests:
                if id(request) in self.headed_requests and request.dossier == last:
                    request.dossier, request.follows = None, last

    def unique(self, base: str) -> str:
        candidate, n = base, 2
        while candidate in self.used_ids:
            candidate, n = f"{base}-{n}", n + 1
        self.used_ids.add(candidate)
        return candidate

    def title(self, text: str) -> str:
        return collapse_spaces(restore_case(text, self.casing))

    def add_pages(self, block: Block, *targets) -> None:
        for target in targets:
            if target is not None:
                target.pages = sorted(set(target.pages) | set(block.pages))

    def start_part(self, block: Block, match: re.Match[str]) -> None:
        number = roman_or_int(match.group("number"))
        title = self.title(match.group("title") or "")
        self.parts.append(Part(id=self.unique(f"deel-{number}"), number=number, title=title,
                               pages=list(block.pages), intro=""))
        self.theme = self.dossier = self.listing = None
        self.expecting_part_title = not title

    def start_theme(self, block: Block, title: str | None = None) -> Theme:
        part = self.parts[-1]
        title = title if title is not None else strip_outline(self.title(block.text), self.rules)[0]
        self.theme = Theme(id=self.unique(f"{part.id}/{slugify(title)}"), title=title,
                           pages=list(block.pages), intro="")
        part.themes.append(self.theme)
        self.dossier = self.listing = None
        self.add_pages(block, part)
        return self.theme

    def start_dossier(self, block: Block) -> None:
        theme = self.theme or self.start_theme(block, self.parts[-1].title)
        text = block.text.strip()
        spearhead = text.endswith(tuple(self.rules.spearhead_marks))
        title, number = strip_outline(self.title(text.rstrip("".join(self.rules.spearhead_marks) + " ")),
                                      self.rules)
        number = block.number if block.number is not None else number
        self.dossier = Dossier(id=self.unique(f"{theme.id}/{slugify(title)}"), number=number,
                               title=title, spearhead=spearhead, pages=list(block.pages), text="")
        theme.dossiers.append(self.dossier)
        self.listing = None
        self.add_pages(block, theme, self.parts[-1])

    def add_sub(self, block: Block) -> None:
        owner = self.dossier or self.theme
        if owner is None:
            self.add_text(block)
            return
        owner.subs.append(self.title(block.text))
        self.listing = None
        self.add_pages(block, owner, self.theme, self.parts[-1])

    def start_list(self, block: Block, heading_block: bool) -> None:
        """A list of advisory requests: in the text of the dossier before it when a lead-in or a heading
        below the dossiers' level opens it (see `theme_lists` for a headed list after the last dossier);
        the theme's own when its heading stands at the dossiers' level or above."""
        theme = self.theme or self.start_theme(block, self.parts[-1].title)
        heading = self.title(block.text.rstrip(":").strip())
        words = set(re.findall(r"\w+", heading.lower()))
        mixed = bool(words & set(self.rules.mixed_list_words))
        inside = heading_block is False or self.levels.level(block, self.rules) == "sub"
        current = self.dossier.id if self.dossier else None
        self.listing = ListContext(heading=heading, mixed=mixed, indent=-1.0, dossier=current if inside else None,
                                   follows=None if inside else current, headed=heading_block)
        self.add_pages(block, theme, self.parts[-1])

    def add_item(self, block: Block) -> None:
        listing, theme = self.listing, self.theme
        assert listing is not None and theme is not None
        text = collapse_spaces(block.text)
        if listing.indent < 0:
            listing.indent = block.indent
        if listing.last is not None and block.indent > listing.indent + 0.5 * block.size:
            listing.last.subitems.append(text)
            listing.last.pages = sorted(set(listing.last.pages) | set(block.pages))
        elif not listing.mixed or re.match(self.rules.advisory_item, text):
            base = f"{theme.id}/{slugify(text, 6)}"
            listing.last = AdvisoryRequest(id=self.unique(base), text=text, pages=list(block.pages),
                                           list=listing.heading, dossier=listing.dossier, follows=listing.follows)
            if listing.headed:
                self.headed_requests.add(id(listing.last))
            theme.advisory_requests.append(listing.last)
        else:
            listing.last = ListItem(text=text, pages=list(block.pages), list=listing.heading)
            theme.other_items.append(listing.last)
        self.add_pages(block, theme, self.parts[-1])

    def add_text(self, block: Block) -> None:
        text = ("- " if block.marker else "") + block.text
        if self.dossier is not None:
            self.dossier.text = f"{self.dossier.text}\n\n{text}".strip()
            self.add_pages(block, self.dossier, self.theme)
        elif self.theme is not None:
            self.theme.intro = f"{self.theme.intro}\n\n{text}".strip()
            self.add_pages(block, self.theme)
        else:
            self.parts[-1].intro = f"{self.parts[-1].intro}\n\n{text}".strip()
        self.add_pages(block, self.parts[-1])

    def feed(self, block: Block) -> None:
        rules = self.rules
        heading = self.levels.typography.is_heading(block)
        if heading and (match := rules.part_re.match(block.text.strip())):
            self.start_part(block, match)
            return
        if self.expecting_part_title:
            self.expecting_part_title = False
            if heading and self.levels.level(block, rules) == "theme":
                self.parts[-1].title = self.title(block.text)
                return
        if is_list_heading(block, heading, rules):
            self.start_list(block, heading)
            return
        if heading:
            level = self.levels.level(block, rules)
            {"theme": self.start_theme, "dossier": self.start_dossier, "sub": self.add_sub}[level](block)
            return
        if block.marker and self.listing is not None:
            self.add_item(block)
            return
        if self.listing is not None and self.listing.last is not None:
            self.listing = None
        self.add_text(block)


def is_list_heading(block: Block, heading: bool, rules: StructureRules) -> bool:
    """A heading, or a short lead-in ending in ':', that announces advisory requests."""
    text = block.text.strip()
    if not re.search(rules.advisory_list_heading, text) or text.endswith(tuple(rules.spearhead_marks)):
        return False
    return heading or (text.endswith(rules.lead_in_end) and len(text.split()) <= rules.heading_max_words)


def front_matter(blocks: list[Block], levels: HeadingLevels, rules: StructureRules,
                 casing: dict[str, str], cover: Block | None) -> list[FrontMatter]:
    """Sections before the first part, headed by theme-sized headings."""
    sections: list[FrontMatter] = []
    for block in blocks:
        if block is cover:
            continue
        if levels.typography.is_heading(block) and levels.level(block, rules) == "theme":
            sections.append(FrontMatter(title=collapse_spaces(restore_case(block.text, casing)),
                                        text="", pages=list(block.pages)))
        elif sections:
            section = sections[-1]
            text = ("- " if block.marker else "") + block.text
            section.text = f"{section.text}\n\n{text}".strip()
            section.pages = sorted(set(section.pages) | set(block.pages))
    return sections


def cover_block(blocks: list[Block]) -> Block | None:
    """The most prominent block of the first page: the edition's title."""
    first = [b for b in blocks if b.page == blocks[0].page] if blocks else []
    return max(first, key=lambda b: b.relative_size, default=None)


def typography_of(blocks: list[Block], rules: StructureRules) -> Typography:
    """The body colour (the colour of most letters) and the size steps of the heading-like blocks."""
    body_color = weighted_mode((b.color, len(b.text)) for b in blocks) or ""
    sizes = [b.relative_size for b in blocks if is_heading_like(b, rules, body_color)] or [1.0]
    steps = tuple((group[0], group[-1]) for group in cluster_by_ratio(sizes, rules.size_step_tolerance))
    return Typography(body_color=body_color, steps=steps, rules=rules)


def segment(blocks: list[Block], rules: StructureRules, casing: dict[str, str]) -> tuple[list[FrontMatter], list[Part]]:
    """Split the blocks into front matter and the tree of parts."""
    typography = typography_of(blocks, rules)
    starts = [i for i, b in enumerate(blocks)
              if typography.is_heading(b) and rules.part_re.match(b.text.strip())]
    if not starts:
        raise NoStructure("no programme structure: no part headings such as 'DEEL 1' found")
    part_titles = {id(blocks[i + 1]) for i in starts if i + 1 < len(blocks)
                   and not rules.part_re.match(blocks[i].text.strip()).group("title")}
    candidates = [b for b in blocks[starts[0]:]
                  if typography.is_heading(b) and id(b) not in part_titles
                  and not rules.part_re.match(b.text.strip())
                  and not is_list_heading(b, True, rules)]
    positions = {id(b): i for i, b in enumerate(blocks)}
    first_headings = [b for start in starts if (b := next((c for c in candidates if positions[id(c)] > start), None))]
    levels = learn_levels(candidates, first_headings, typography, rules)
    body = blocks[starts[0]:]
    builder = Builder(rules=rules, levels=levels, casing=casing)
    for block in body:
        builder.feed(block)
    builder.theme_lists()
    if not any(part.themes for part in builder.parts):
        raise NoStructure("no programme structure: parts found, but no themes or dossiers")
    cover = cover_block(blocks)
    return front_matter(blocks[: starts[0]], levels, rules, casing, cover), builder.parts
