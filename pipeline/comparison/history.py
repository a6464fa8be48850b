"""The life of every theme, dossier and advisory request across many editions.

Consecutive editions are paired with the diff's one-to-one matching and the
pairs chained.  An item missing from an edition and back in a later one
continues its chain when it pairs with the chain's last appearance (the
edition it was last seen in is compared with the one it returns in) at
`return_match` of `rules/diff.yml` or better.  Each
chain lists its appearances and its events (added, removed, renamed, moved,
spearhead_changed, modified, returned), recurring title changes flagged.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from pydantic import BaseModel, ConfigDict, Field

from pipeline.comparison.diff import ENTITIES, Change, Item, flatten, match_editions
from pipeline.programme import Programme
from pipeline.render.tables import csv_text, joined
from pipeline.rules import DiffRules, load_rules

ChangesByPair = dict[tuple[str, str, str], list[Change]]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class HistoryEdition(_Model):
    year: int
    title: str
    file: str


class Appearance(_Model):
    """An item as it stands in one edition."""

    year: int
    item_id: str
    title: str
    theme: str = Field(description="The theme's title (of a theme: its own).")
    part: int
    spearhead: bool | None = None
    pages: list[int] = Field(default_factory=list)


class Event(_Model):
    """What happened to a chain in an edition, compared with its previous appearance."""

    year: int
    kind: str
    recurring: bool = Field(default=False, description="A title that changed only in its years.")
    before: str | None = Field(default=None, description="The previous title, theme or flag, where it changed.")
    after: str | None = None


class Chain(_Model):
    """One theme, dossier or advisory request through the editions."""

    id: str
    entity: str
    appearances: list[Appearance]
    events: list[Event] = Field(default_factory=list)

    def changed(self) -> bool:
        return bool(self.events)

    def spearhead_ever(self) -> bool:
        return any(a.spearhead for a in self.appearances)


class History(_Model):
    editions: list[HistoryEdition]
    chains: list[Chain]


class HistoryError(ValueError):
    """Editions that cannot form a history (no year, or two of the same year)."""


def appearance(item: Item, year: int) -> Appearance:
    return Appearance(year=year, item_id=item.id, title=item.label, theme=item.theme or item.label, part=item.part,
                      spearhead=item.spearhead, pages=item.pages)


def change_event(change: Change, year: int) -> Event:
    """The event of a change between two appearances, with what it was and what it became."""
    before, after = change.before, change.after
    values = {"renamed": (before.title, after.title),
              "modified": (before.title or before.text, after.title or after.text),
              "moved": (f"{before.theme or ''} (Deel {before.part})", f"{after.theme or ''} (Deel {after.part})"),
              "spearhead_changed": (str(before.spearhead).lower(), str(after.spearhead).lower())}
    old, new = values[change.kind]
    return Event(year=year, kind=change.kind, recurring=change.recurring, before=old, after=new)


@dataclass
class Builder:
    """Chains under construction: each chain's appearances as (edition index, item)."""

    years: list[int]
    chains: list[Chain] = field(default_factory=list)
    last_seen: list[int] = field(default_factory=list)
    owner: dict[tuple[int, str, str], int] = field(default_factory=dict)

    def start(self, index: int, item: Item, added: bool) -> None:
        self.chains.append(Chain(id=f"{self.years[index]}:{item.id}", entity=item.entity,
                                 appearances=[appearance(item, self.years[index])],
                                 events=[Event(year=self.years[index], kind="added")] if added else []))
        self.last_seen.append(index)
        self.owner[(index, item.entity, item.id)] = len(self.chains) - 1

    def extend(self, chain: int, index: int, item: Item, changes: ChangesByPair) -> None:
        """Add the item's appearance to a chain, with the changes since the chain's last appearance."""
        year = self.years[index]
        previous = self.chains[chain].appearances[-1].item_id
        if self.last_seen[chain] < index - 1:
            self.chains[chain].events.append(Event(year=year, kind="returned"))
        self.chains[chain].appearances.append(appearance(item, year))
        self.chains[chain].events += [change_event(c, year) for c in changes.get((item.entity, previous, item.id), [])]
        self.last_seen[chain] = index
        self.owner[(index, item.entity, item.id)] = chain


def changes_by_pair(changes: list[Change]) -> ChangesByPair:
    """The changes between paired items, by (entity, old ID, new ID)."""
    out: ChangesByPair = {}
    for change in changes:
        if change.before and change.after:
            out.setdefault((change.entity, change.before.id, change.after.id), []).append(change)
    return out


def build_history(programmes: Sequence[Programme], rules: DiffRules | None = None) -> History:
    """The history of the given editions (in any order; sorted by year)."""
    rules = rules or load_rules().diff
    missing = [p.edition.source.file for p in programmes if p.edition.year is None]
    if missing:
        raise HistoryError(f"{missing[0]}: the edition's year is unknown")
    ordered = sorted(programmes, key=lambda p: p.edition.year)
    years = [p.edition.year for p in ordered]
    for earlier, later in pairwise(ordered):
        if earlier.edition.year == later.edition.year:
            raise HistoryError(f"{earlier.edition.source.file} and {later.edition.source.file}: "
                               f"two editions of {later.edition.year}")
    builder = Builder(years)
    for index, programme in enumerate(ordered):
        if index == 0:
            for items in flatten(programme).values():
                for item in items:
                    builder.start(0, item, added=False)
            continue
        matching = match_editions(ordered[index - 1], programme, rules)
        changes = changes_by_pair(matching.changes)
        continued: set[tuple[str, str]] = set()
        for entity in ENTITIES:
            for old, new, _ in matching.pairs[entity]:
                builder.extend(builder.owner[(index - 1, entity, old.id)], index, new, changes)
                continued.add((entity, new.id))
        for earlier in range(index - 2, -1, -1):
            absent = {(c.entity, c.appearances[-1].item_id) for n, c in enumerate(builder.chains)
                      if builder.last_seen[n] == earlier}
            if not absent:
                continue
            returning = match_editions(ordered[earlier], programme, rules)
            returning_changes = changes_by_pair(returning.changes)
            for entity in ENTITIES:
                for old, new, score in returning.pairs[entity]:
                    if (entity, old.id) in absent and (entity, new.id) not in continued and score >= rules.return_match:
                        builder.extend(builder.owner[(earlier, entity, old.id)], index, new, returning_changes)
                        continued.add((entity, new.id))
        for entity in ENTITIES:
            for item in matching.after[entity]:
                if (entity, item.id) not in continued:
                    builder.start(index, item, added=True)
        for number, chain in enumerate(builder.chains):
            if builder.last_seen[number] == index - 1:
                chain.events.append(Event(year=years[index], kind="removed"))
    editions = [HistoryEdition(year=p.edition.year, title=p.edition.title, file=p.edition.source.file)
                for p in ordered]
    for chain in builder.chains:
        chain.events.sort(key=lambda e: e.year)
    return History(editions=editions, chains=builder.chains)


HISTORY_COLUMNS = ("chain", "entity", "year", "present", "item_id", "title", "theme", "part", "spearhead", "pages",
                   "events", "recurring", "previous_title")


def history_rows(history: History) -> list[dict]:
    """One row per chain and edition year (absent years too, with `present` false)."""
    rows = []
    for chain in history.chains:
        seen = {a.year: a for a in chain.appearances}
        for edition in history.editions:
            shown = seen.get(edition.year)
            events = [e for e in chain.events if e.year == edition.year]
            renamed = next((e.before for e in events if e.kind in ("renamed", "modified")), None)
            rows.append({"chain": chain.id, "entity": chain.entity, "year": edition.year,
                         "present": shown is not None,
                         "item_id": shown and shown.item_id, "title": shown and shown.title,
                         "theme": shown and shown.theme, "part": shown and shown.part,
                         "spearhead": shown and shown.spearhead, "pages": joined(shown.pages) if shown else None,
                         "events": joined(e.kind for e in events), "recurring": any(e.recurring for e in events),
                         "previous_title": renamed})
    return rows


def history_csv(history: History) -> str:
    return csv_text(HISTORY_COLUMNS, history_rows(history))
