"""Compare two editions: which themes, dossiers and advisory requests were added, removed,
renamed, moved, modified, or became or stopped being a spearhead.

Items are paired one-to-one, best first, by a combined score of title
similarity (years read as "the next one"), text similarity (the body often
stays when the title changes) and context (same theme, same part).  The
thresholds live in `rules/diff.yml`.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from pydantic import BaseModel, ConfigDict, Field

from pipeline.programme import Programme
from pipeline.rules import DiffRules, load_rules
from pipeline.utils.matching import one_to_one, similarity
from pipeline.utils.text import comparison_key

YEAR = re.compile(r"\b(19\d{2}|20\d{2})\b")
PERIOD = re.compile(r"\b((?:19|20)\d{2})\s*-\s*((?:19|20)\d{2})\b")
WORD = re.compile(r"[^\W\d_]{4,}")


class Side(BaseModel):
    """One side (before or after) of a change."""

    model_config = ConfigDict(extra="forbid")

    id: str
    title: str | None = None
    text: str | None = None
    theme: str | None = None
    part: int
    pages: list[int] = Field(default_factory=list)
    spearhead: bool | None = None


class Change(BaseModel):
    """One change between two editions."""

    model_config = ConfigDict(extra="forbid")

    kind: str
    entity: str
    before: Side | None
    after: Side | None
    similarity: dict[str, float] = Field(default_factory=dict)
    recurring: bool = Field(default=False, description="A title that changed only in its years (a yearly item).")


class Source(BaseModel):
    """Where an edition's PDF is, for links in the reports."""

    model_config = ConfigDict(extra="forbid")

    title: str
    file: str
    link: str


class Diff(BaseModel):
    """All changes from one edition to another (`from` and `to` are the edition years)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    from_year: int | None = Field(alias="from")
    to_year: int | None = Field(alias="to")
    editions: dict[str, Source]
    counts: dict[str, int]
    changes: list[Change]


@dataclass
class Item:
    """A theme, dossier or advisory request flattened with its context."""

    entity: str
    id: str
    label: str
    text: str
    part: int
    theme_id: str | None
    theme: str | None
    pages: list[int]
    order: int
    spearhead: bool | None = None
    words: Counter = field(default_factory=Counter)
    key: str = ""  # the title's comparison key
    readings: set[str] = field(default_factory=set)  # its keys with years shifted (items of the old edition)

    def side(self) -> Side:
        key = "text" if self.entity == "advisory_request" else "title"
        return Side(id=self.id, part=self.part, theme=self.theme, pages=self.pages, spearhead=self.spearhead,
                    **{key: self.label})


ENTITIES = ("theme", "dossier", "advisory_request")


def flatten(programme: Programme) -> dict[str, list[Item]]:
    """Themes, dossiers and advisory requests of a programme, in reading order."""
    items: dict[str, list[Item]] = {entity: [] for entity in ENTITIES}
    order = 0
    for part in programme.parts:
        for theme in part.themes:
            order += 1
            items["theme"].append(Item("theme", theme.id, theme.title, theme.intro, part.number, theme.id,
                                       None, theme.pages, order))
            for dossier in theme.dossiers:
                order += 1
                items["dossier"].append(Item("dossier", dossier.id, dossier.title, dossier.text, part.number,
                                             theme.id, theme.title, dossier.pages, order, dossier.spearhead))
            for request in theme.advisory_requests:
                order += 1
                items["advisory_request"].append(Item("advisory_request", request.id, request.text, request.text,
                                                      part.number, theme.id, theme.title, request.pages, order))
    return items


def shifted_keys(text: str, shift: int) -> set[str]:
    """The comparison key of a title, also with its years read as the next edition's."""
    key = comparison_key(text)
    keys = {key}
    if shift:
        keys.add(YEAR.sub(lambda m: str(int(m.group(0)) + shift), key))
    keys.add(PERIOD.sub(lambda m: f"{m.group(2)}-{2 * int(m.group(2)) - int(m.group(1))}", key))
    return keys


def title_similarity(old: Item, new: Item) -> float:
    """Similarity of two titles, the best over the year readings of the old one."""
    return max(similarity(key, new.key) for key in old.readings)


def idf_weights(texts: Sequence[Counter]) -> dict[str, float]:
    """Inverse document frequency of the words of a set of texts."""
    frequency: Counter = Counter()
    for words in texts:
        frequency.update(words.keys())
    total = len(texts) or 1
    return {word: math.log(1 + total / count) for word, count in frequency.items()}


def text_similarity(a: Counter, b: Counter, idf: dict[str, float]) -> float:
    """Cosine similarity of two bags of words weighted by idf (1 when both are empty)."""
    if not a and not b:
        return 1.0
    if not a or not b:
        return 0.0
    dot = sum(a[w] * b[w] * idf.get(w, 1.0) ** 2 for w in a.keys() & b.keys())
    norm_a = math.sqrt(sum((c * idf.get(w, 1.0)) ** 2 for w, c in a.items()))
    norm_b = math.sqrt(sum((c * idf.get(w, 1.0)) ** 2 for w, c in b.items()))
    return dot / (norm_a * norm_b)


def pair_greedy(old: list[Item], new: list[Item], score: Callable[[Item, Item], float],
                threshold: float) -> list[tuple[Item, Item, float]]:
    """One-to-one pairs, best score first, at or above threshold (ties: reading order)."""
    scored = sorted(((s, i, j) for i, a in enumerate(old) for j, b in enumerate(new)
                     if (s := score(a, b)) >= threshold), key=lambda t: (-t[0], t[1], t[2]))
    return [(old[i], new[j], s) for i, j, s in one_to_one(scored)]


@dataclass
class Comparison:
    """State of one comparison: the rules and the theme pairing."""

    rules: DiffRules
    theme_map: dict[str, str] = field(default_factory=dict)

    def context(self, old: Item, new: Item) -> float:
        if old.theme_id is not None and self.theme_map.get(old.theme_id) == new.theme_id:
            return 1.0
        return 0.5 if old.part == new.part else 0.0

    def match_themes(self, old: list[Item], new: list[Item]) -> list[tuple[Item, Item, float]]:
        def score(a: Item, b: Item) -> float:
            return title_similarity(a, b) + (0.01 if a.part == b.part else 0.0)

        pairs = pair_greedy(old, new, score, self.rules.theme_title_match)
        self.theme_map = {a.id: b.id for a, b, _ in pairs}
        return pairs

    def match_by_dossiers(self, old: list[Item], new: list[Item], dossier_pairs) -> list[tuple[Item, Item, float]]:
        """Pair leftover themes that keep most of their dossiers under a new name."""
        paired_old = set(self.theme_map)
        paired_new = set(self.theme_map.values())
        votes: Counter = Counter((a.theme_id, b.theme_id) for a, b, _ in dossier_pairs)
        sizes = Counter(d.theme_id for d, _, _ in dossier_pairs)
        extra = []
        for (old_id, new_id), count in votes.most_common():
            if old_id in paired_old or new_id in paired_new:
                continue
            if count / max(sizes[old_id], 1) >= self.rules.theme_dossier_overlap:
                a = next(t for t in old if t.id == old_id)
                b = next(t for t in new if t.id == new_id)
                extra.append((a, b, count / sizes[old_id]))
                self.theme_map[old_id] = new_id
                paired_old.add(old_id)
                paired_new.add(new_id)
        return extra


@dataclass
class Matching:
    """Two editions flattened, the one-to-one pairs of each entity (with their scores) and the changes."""

    before: dict[str, list[Item]]
    after: dict[str, list[Item]]
    pairs: dict[str, list[tuple[Item, Item, float]]]
    changes: list[Change]


def recurring_title(old: Item, new: Item) -> bool:
    """Titles that differ, but only in their years ("Jaarverslag 2025" → "Jaarverslag 2026")."""
    return old.key != new.key and YEAR.sub("#", old.key) == YEAR.sub("#", new.key)


def match_editions(old: Programme, new: Programme, rules: DiffRules | None = None) -> Matching:
    """Pair the themes, dossiers and advisory requests of two editions and list the changes."""
    rules = rules or load_rules().diff
    shift = (new.edition.year - old.edition.year) if old.edition.year and new.edition.year else 0
    comparison = Comparison(rules=rules)
    before, after = flatten(old), flatten(new)
    for item in (item for items in (*before.values(), *after.values()) for item in items):
        item.key = comparison_key(item.label)
    for item in (item for items in before.values() for item in items):
        item.readings = shifted_keys(item.label, shift)

    for item in before["dossier"] + after["dossier"]:
        item.words = Counter(w.lower() for w in WORD.findall(item.text))
    idf = idf_weights([i.words for i in before["dossier"] + after["dossier"]])

    theme_pairs = comparison.match_themes(before["theme"], after["theme"])

    def dossier_score(a: Item, b: Item) -> float:
        weights = rules.dossier_weights
        title = title_similarity(a, b)
        text = text_similarity(a.words, b.words, idf)
        context = comparison.context(a, b)
        combined = weights["title"] * title + weights["text"] * text + weights["context"] * context
        if text >= rules.renamed_text and context == 1.0:
            combined = max(combined, rules.dossier_match)
        return combined

    dossier_pairs = pair_greedy(before["dossier"], after["dossier"], dossier_score, rules.dossier_match)
    theme_pairs += comparison.match_by_dossiers(before["theme"], after["theme"], dossier_pairs)

    def request_score(a: Item, b: Item) -> float:
        weights = rules.request_weights
        text = title_similarity(a, b)
        return weights["text"] * text + weights["context"] * comparison.context(a, b)

    request_pairs = pair_greedy(before["advisory_request"], after["advisory_request"], request_score,
                                rules.request_match)

    changes: list[tuple[float, Change]] = []

    def emit(kind: str, a: Item | None, b: Item | None, title: float | None = None, text: float | None = None):
        entity = (a or b).entity
        scores = {k: round(v, 3) for k, v in (("title", title), ("text", text)) if v is not None}
        position = b.order if b is not None else a.order - 0.5
        recurring = kind in ("renamed", "modified") and recurring_title(a, b)
        changes.append((position, Change(kind=kind, entity=entity, before=a.side() if a else None,
                                         after=b.side() if b else None, similarity=scores, recurring=recurring)))

    for a, b, _ in theme_pairs:
        title = title_similarity(a, b)
        if a.key != b.key:
            emit("renamed", a, b, title)
        if a.part != b.part:
            emit("moved", a, b, title)
    for a, b, _ in dossier_pairs:
        title = title_similarity(a, b)
        text = text_similarity(a.words, b.words, idf)
        if a.key != b.key:
            emit("renamed", a, b, title, text)
        if comparison.theme_map.get(a.theme_id) != b.theme_id:
            emit("moved", a, b, title, text)
        if a.spearhead != b.spearhead:
            emit("spearhead_changed", a, b, title, text)
        if text < rules.dossier_modified_text:
            emit("modified", a, b, title, text)
    for a, b, _ in request_pairs:
        text = title_similarity(a, b)
        if a.key != b.key:
            emit("modified", a, b, text=text)
        if comparison.theme_map.get(a.theme_id) != b.theme_id:
            emit("moved", a, b, text=text)
    paired = {id(x) for pair in theme_pairs + dossier_pairs + request_pairs for x in pair[:2]}
    for entity in ENTITIES:
        for a in before[entity]:
            if id(a) not in paired:
                emit("removed", a, None)
        for b in after[entity]:
            if id(b) not in paired:
                emit("added", None, b)
    pairs = {"theme": theme_pairs, "dossier": dossier_pairs, "advisory_request": request_pairs}
    return Matching(before, after, pairs, [change for _, change in sorted(changes, key=lambda pc: pc[0])])


def build_changes(old: Programme, new: Programme, rules: DiffRules | None = None) -> list[Change]:
    """All changes from `old` to `new`, in the reading order of the new edition."""
    return match_editions(old, new, rules).changes


KINDS = ("added", "removed", "renamed", "moved", "spearhead_changed", "modified")


def compare(old: Programme, new: Programme, old_link: str | None = None, new_link: str | None = None,
            rules: DiffRules | None = None) -> Diff:
    """The diff from `old` to `new`; the links point to the PDFs for the reports."""
    changes = build_changes(old, new, rules)
    counts = Counter(change.kind for change in changes)

    def source(programme: Programme, link: str | None) -> Source:
        file = programme.edition.source.file
        return Source(title=programme.edition.title, file=file, link=link or file)

    return Diff(**{"from": old.edition.year, "to": new.edition.year},
                editions={"from": source(old, old_link), "to": source(new, new_link)},
                counts={kind: counts.get(kind, 0) for kind in KINDS}, changes=changes)


def diff_json(diff: Diff) -> dict:
    """The diff as JSON data (with `from` and `to` keys)."""
    return diff.model_dump(mode="json", by_alias=True)
