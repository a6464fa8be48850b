"""Structure stage: repaired blocks → front matter, parts, themes, dossiers and lists.

Heading levels come from `typography` (the document's own looks); the
builder walks the blocks in reading order and segments them: front matter →
parts → themes → dossiers → sub-headings, with advisory-request lists and
spearhead marks. The words of `rules/structure.yml` name parts, advisory
lists and spearheads.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from pipeline.layout import Block
from pipeline.pdf.sources import OutlineEntry
from pipeline.programme import AdvisoryRequest, Dossier, FrontMatter, ListItem, Part, Theme
from pipeline.rules import StructureRules
from pipeline.structure.outline import LEVELS, Hints, producer_hints
from pipeline.structure.typography import (
    HeadingLevels,
    NoStructure,
    learn_levels,
    roman_or_int,
    strip_outline,
    typography_of,
)
from pipeline.utils.text import collapse_spaces, slugify


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
    recase: Callable[[str], str]  # a heading in capitals spelled as the document spells it in its text
    parts: list[Part] = field(default_factory=list)
    theme: Theme | None = None
    dossier: Dossier | None = None
    listing: ListContext | None = None
    expecting_part_title: bool = False
    used_ids: set[str] = field(default_factory=set)
    # requests of headed lists since the theme's last dossier started: the theme's own if no dossier follows
    headed_after_dossier: list[AdvisoryRequest] = field(default_factory=list)
    previous: str = ""  # the role of the block fed last
    hints: Hints = field(default_factory=Hints)

    def close_theme(self) -> None:
        """A headed list after a theme's last dossier closes the theme: it is the theme's own, and its
        requests only follow that dossier (a lead-in sentence keeps a list in the dossier's text). Known
        once the theme ends."""
        for request in self.headed_after_dossier:
            if request.dossier is not None:
                request.dossier, request.follows = None, request.dossier
        self.headed_after_dossier = []

    def finish(self) -> list[Part]:
        """The parts, the last theme closed and every page range derived from what each item holds."""
        self.close_theme()
        for part in self.parts:
            for theme in part.themes:
                theme.pages = union(theme.pages, *(item.pages for item in (*theme.dossiers, *theme.advisory_requests,
                                                                           *theme.other_items)))
            part.pages = union(part.pages, *(theme.pages for theme in part.themes))
        return self.parts

    def unique(self, base: str) -> str:
        candidate, n = base, 2
        while candidate in self.used_ids:
            candidate, n = f"{base}-{n}", n + 1
        self.used_ids.add(candidate)
        return candidate

    def title(self, text: str) -> str:
        """A heading's title as the outline spells it, else with the document's own casing restored."""
        spelled = self.hints.spelling(text)
        return collapse_spaces(spelled or self.recase(text))

    def start_part(self, block: Block, match: re.Match[str]) -> None:
        number = roman_or_int(match.group("number"))
        title = self.title(match.group("title") or "")
        self.close_theme()
        self.parts.append(Part(id=self.unique(f"deel-{number}"), number=number, title=title,
                               pages=list(block.pages), intro=""))
        self.theme = self.dossier = self.listing = None
        self.expecting_part_title = not title

    def start_theme(self, block: Block, title: str | None = None) -> Theme:
        self.close_theme()
        part = self.parts[-1]
        title = title if title is not None else strip_outline(self.title(block.text), self.rules)[0]
        self.theme = Theme(id=self.unique(f"{part.id}/{slugify(title)}"), title=title,
                           pages=list(block.pages), intro="")
        part.themes.append(self.theme)
        self.dossier = self.listing = None
        return self.theme

    def start_dossier(self, block: Block) -> None:
        theme = self.theme or self.start_theme(block, self.parts[-1].title)
        text = block.text.strip()
        mark = self.rules.spearhead_re.search(text)
        title, number = strip_outline(self.title(text[:mark.start()] if mark else text), self.rules)
        number = block.number if block.number is not None else number
        spearhead = mark is not None or self.hints.spearhead(block)
        self.dossier = Dossier(id=self.unique(f"{theme.id}/{slugify(title)}"), number=number,
                               title=title, spearhead=spearhead, pages=list(block.pages), text="")
        theme.dossiers.append(self.dossier)
        self.listing = None
        self.headed_after_dossier = []

    def add_sub(self, block: Block) -> None:
        owner = self.dossier or self.theme
        if owner is None:
            self.add_text(block)
            return
        owner.subs.append(self.title(block.text))
        owner.pages = union(owner.pages, block.pages)
        self.listing = None

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
        theme.pages = union(theme.pages, block.pages)

    def add_item(self, block: Block) -> None:
        listing, theme = self.listing, self.theme
        assert listing is not None and theme is not None
        text = collapse_spaces(block.text)
        if listing.indent < 0 or block.indent < listing.indent:
            listing.indent = block.indent  # the least indent of its items (a first item pushed right stands out)
        if listing.last is not None and block.indent > listing.indent + 0.5 * block.size:
            listing.last.subitems.append(text)
            listing.last.pages = union(listing.last.pages, block.pages)
        elif not listing.mixed or re.match(self.rules.advisory_item, text):
            base = f"{theme.id}/{slugify(text, 6)}"
            listing.last = AdvisoryRequest(id=self.unique(base), text=text, pages=list(block.pages),
                                           list=listing.heading, dossier=listing.dossier, follows=listing.follows)
            if listing.headed:
                self.headed_after_dossier.append(listing.last)
            theme.advisory_requests.append(listing.last)
        else:
            listing.last = ListItem(text=text, pages=list(block.pages), list=listing.heading)
            theme.other_items.append(listing.last)

    def add_text(self, block: Block) -> None:
        text = ("- " if block.marker else "") + block.text
        owner = self.dossier or self.theme or self.parts[-1]
        if isinstance(owner, Dossier):
            owner.text = f"{owner.text}\n\n{text}".strip()
        else:
            owner.intro = f"{owner.intro}\n\n{text}".strip()
        owner.pages = union(owner.pages, block.pages)

    def feed(self, block: Block) -> str:
        """Place one block in the tree; return the role it got (part, part title, mark, list, theme, dossier,
        sub, item or text)."""
        self.previous = self.place(block)
        return self.previous

    def place(self, block: Block) -> str:
        rules = self.rules
        hinted = self.hints.take(block)
        heading = hinted is not None or self.levels.typography.is_heading(block)
        if heading and (match := rules.part_re.match(block.text.strip())):
            self.start_part(block, match)
            return "part"
        if self.expecting_part_title:
            self.expecting_part_title = False
            if heading and self.levels.level(block, rules) == "theme":
                self.parts[-1].title = self.title(block.text)
                return "part title"
        if self.dossier is not None and rules.spearhead_re.fullmatch(block.text) and self.previous == "dossier":
            self.dossier.spearhead = True
            return "mark"
        if is_list_heading(block, heading, rules, self.levels.typography.set_apart(block)):
            self.start_list(block, heading)
            return "list"
        if heading:
            level = hinted if hinted in LEVELS else self.levels.level(block, rules)
            {"theme": self.start_theme, "dossier": self.start_dossier, "sub": self.add_sub}[level](block)
            return level
        if block.marker and self.listing is not None:
            self.add_item(block)
            return "item"
        if self.listing is not None and self.listing.last is not None:
            self.listing = None
        self.add_text(block)
        return "text"


def union(pages: list[int], *more: list[int]) -> list[int]:
    """The sorted pages of one or more page lists."""
    return sorted(set(pages).union(*more))


def is_list_heading(block: Block, heading: bool, rules: StructureRules, set_apart: bool = False) -> bool:
    """A heading, a short lead-in ending in ':', a line of a few words alone (a table's caption, set like
    the text), or a caption `set_apart` from the text however small its type (a box's heading in small
    capitals) that announces advisory requests."""
    text = block.text.strip()
    if not re.search(rules.advisory_list_heading, text) or rules.spearhead_re.search(text):
        return False
    words = len(text.split())
    caption = (len(block.lines) == 1 and words <= rules.list_caption_max_words) or (
        set_apart and not block.marker and words <= rules.heading_max_words
        and len(block.lines) <= rules.heading_max_lines)
    return heading or (text.endswith(rules.lead_in_end) and words <= rules.heading_max_words) or (
        caption and not text.endswith(tuple(".;,")))


def front_matter(blocks: list[Block], levels: HeadingLevels, rules: StructureRules,
                 recase: Callable[[str], str], cover: Block | None) -> list[FrontMatter]:
    """Sections before the first part, headed by theme-sized headings."""
    sections: list[FrontMatter] = []
    for block in blocks:
        if block is cover:
            continue
        if levels.typography.is_heading(block) and levels.level(block, rules) == "theme":
            sections.append(FrontMatter(title=collapse_spaces(recase(block.text)),
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


@dataclass
class Segmentation:
    """The tree built from a document's blocks, the role each block got, and the levels learnt."""

    front: list[FrontMatter]
    parts: list[Part]
    roles: list[str]
    levels: HeadingLevels
    signals: list[str]


def segmentation(blocks: list[Block], rules: StructureRules, recase: Callable[[str], str],
                 outline: Sequence[OutlineEntry] = (), tags: Sequence[OutlineEntry] = ()) -> Segmentation:
    """Split the blocks into front matter and the tree of parts, keeping the role of each block and the
    signals used: typography always, the producer's outline and tagged headings each where it agrees with
    the text."""
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
    hints = producer_hints(outline, tags, blocks, rules, typography.look)
    builder = Builder(rules=rules, levels=levels, recase=recase, hints=hints)
    roles = ["front"] * starts[0] + [builder.feed(block) for block in blocks[starts[0]:]]
    parts = builder.finish()
    if not any(part.themes for part in parts):
        raise NoStructure("no programme structure: parts found, but no themes or dossiers")
    cover = cover_block(blocks)
    front = front_matter(blocks[: starts[0]], levels, rules, recase, cover)
    return Segmentation(front=front, parts=parts, roles=roles, levels=levels,
                        signals=["typography", *hints.sources])

