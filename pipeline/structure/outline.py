"""The producer's outline (bookmarks) and tags (structure tree) as evidence beside typography.

Office suites and design tools export the document's headings as an outline,
and as the heading elements (H1 to H6) of a tagged PDF's structure tree; both
come here as entries of a depth and a title. Below the part entries
("DEEL 1 …"), the next depth holds themes, the one after it dossiers, deeper
entries sub-headings. A block whose text is an entry's title takes that
entry's level, and an entry that ends in a spearhead mark marks its dossier;
an outline entry also gives its spelling (headings set in capitals or small
capitals lose their case in the text; a tag's title is the text itself).
Each source is a hint, never the truth: it is used only when most of its
entries are found among the blocks, and a heading it does not list is still
read from typography.
"""
from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.layout import Block
from pipeline.pdf.sources import OutlineEntry
from pipeline.rules import StructureRules
from pipeline.structure.typography import strip_outline

ROLES_BY_DEPTH = ("theme", "dossier")
LEVELS = (*ROLES_BY_DEPTH, "sub")
# A title the outline lists at two depths (a theme and a sub-heading of the same name, or the list heading
# "Adviesvragen" under themes and under dossiers) is a heading whose level typography decides.
AMBIGUOUS = "heading"


@lru_cache(maxsize=1 << 14)
def title_words(text: str, rules: StructureRules) -> tuple[str, ...]:
    """The words of a title without its outline number and spearhead mark, case folded, soft hyphens dropped."""
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    mark = rules.spearhead_re.search(text)
    return tuple(strip_outline(text[:mark.start()] if mark else text, rules)[0].casefold().split())


def outline_key(text: str, rules: StructureRules) -> str:
    """A title as the outline, the tags and the text can all give it: its `title_words` run together (an outline
    may join two words at a line break, a tag's title parts them wherever they may part, see
    `pipeline.layout.words.tagged_title`)."""
    return "".join(title_words(text, rules))


def take_entry(remaining: Counter[str], key: str) -> bool:
    """Take one of the entries of `key` still to be found; False when none is left."""
    if remaining[key] <= 0:
        return False
    remaining[key] -= 1
    return True


@dataclass
class OutlineHints:
    """Heading roles, spellings and spearhead marks of an outline's entries below its parts, by key, and how
    many entries of each key are still to be found (each entry names one heading, in reading order)."""

    roles: dict[str, str]
    spellings: dict[str, str]
    spearheads: frozenset[str]
    rules: StructureRules
    remaining: Counter[str]
    look_of: Callable[[Block], Hashable]
    by_look: dict[Hashable, str] = field(default_factory=dict)

    def take(self, block: Block) -> str | None:
        """'theme', 'dossier' or 'sub' when the block is the title of an entry not yet taken (the level its
        look has in the outline where the outline agrees on it), 'heading' when the outline lists the title
        at several depths, else None."""
        key = outline_key(block.text, self.rules)
        if not take_entry(self.remaining, key):
            return None
        role = self.roles[key]
        return self.by_look.get(self.look_of(block), role) if role in LEVELS else role

    def settle_looks(self, blocks: Iterable[Block]) -> None:
        """The level of each heading look on which the outline agrees (`outline_look_agreement` of its entries
        of that look at one depth): an outline nests a heading under the nearest higher one, so a heading
        style whose level has none above it in a theme sits one depth too high there."""
        remaining = Counter(self.remaining)
        found: dict[Hashable, Counter[str]] = {}
        for block in blocks:
            key = outline_key(block.text, self.rules)
            if take_entry(remaining, key) and self.roles[key] in LEVELS:
                found.setdefault(self.look_of(block), Counter())[self.roles[key]] += 1
        for look, counts in found.items():
            role, count = counts.most_common(1)[0]
            if count >= self.rules.outline_look_agreement * sum(counts.values()):
                self.by_look[look] = role

    def spelling(self, text: str) -> str | None:
        """The entry's own spelling of a title (its mark removed), when the outline lists it in the same words
        and not in capitals (a producer that sets headings in capitals may write its outline in them too)."""
        spelled = self.spellings.get(outline_key(text, self.rules))
        return (spelled if spelled and not spelled.isupper()
                and title_words(spelled, self.rules) == title_words(text, self.rules) else None)

    def spearhead(self, block: Block) -> bool:
        return outline_key(block.text, self.rules) in self.spearheads


@dataclass
class Hints:
    """The producer's hints that agree with the text, by the signal that gave them ('outline', 'tags'), the most
    trusted first: a block takes the role of the first that lists it (each source takes its own entry)."""

    sources: dict[str, OutlineHints] = field(default_factory=dict)

    def take(self, block: Block) -> str | None:
        roles = [hints.take(block) for hints in self.sources.values()]
        return next((role for role in roles if role is not None), None)

    def spelling(self, text: str) -> str | None:
        return next((spelled for hints in self.sources.values() if (spelled := hints.spelling(text))), None)

    def spearhead(self, block: Block) -> bool:
        return any(hints.spearhead(block) for hints in self.sources.values())


def producer_hints(outline: Sequence[OutlineEntry], tags: Sequence[OutlineEntry], blocks: Sequence[Block],
                   rules: StructureRules, look_of: Callable[[Block], Hashable]) -> Hints:
    """The hints of the outline and of the tagged headings, each where it agrees with the blocks; the tags'
    titles are the text's own, so they give no spellings."""
    sources = {"outline": outline_hints(outline, blocks, rules, look_of),
               "tags": outline_hints(tags, blocks, rules, look_of, spelled=False)}
    return Hints({signal: hints for signal, hints in sources.items() if hints is not None})


def outline_hints(outline: Sequence[OutlineEntry], blocks: Sequence[Block], rules: StructureRules,
                  look_of: Callable[[Block], Hashable], spelled: bool = True) -> OutlineHints | None:
    """The hints of an outline that opens parts and whose entries below them are mostly found among the
    blocks (`outline_min_found`), else None; `look_of` gives a block's typographic look, `spelled` whether the
    entries' titles give the headings' spelling."""
    part_levels = [entry.level for entry in outline if rules.part_re.match(entry.title)]
    if not part_levels:
        return None
    depth = min(part_levels)
    roles: dict[str, str] = {}
    remaining: Counter[str] = Counter()
    spellings: dict[str, str] = {}
    # A title listed with and without a mark (two dossiers of one name), or marked fewer times than the text
    # holds it (a heading the source misses), says nothing of which is the spearhead.
    marked: Counter[str] = Counter()
    unmarked: set[str] = set()
    in_part = False
    for entry in outline:
        if entry.level <= depth:
            in_part = bool(rules.part_re.match(entry.title))
            continue
        if not in_part:
            continue
        key = outline_key(entry.title, rules)
        relative = entry.level - depth - 1
        role = ROLES_BY_DEPTH[relative] if relative < len(ROLES_BY_DEPTH) else "sub"
        roles[key] = role if roles.get(key, role) == role else AMBIGUOUS
        remaining[key] += 1
        mark = rules.spearhead_re.search(entry.title)
        spellings.setdefault(key, entry.title[:mark.start()] if mark else entry.title)
        if mark:
            marked[key] += 1
        else:
            unmarked.add(key)
    texts = Counter(outline_key(block.text, rules) for block in blocks)
    if not roles or sum(key in texts for key in roles) < rules.outline_min_found * len(roles):
        return None
    hints = OutlineHints(roles=roles, spellings=spellings if spelled else {}, rules=rules,
                         spearheads=frozenset(key for key, count in marked.items()
                                              if key not in unmarked and count >= texts[key]),
                         remaining=remaining, look_of=look_of)
    hints.settle_looks(blocks)
    return hints

