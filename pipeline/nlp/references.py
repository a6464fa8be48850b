"""References: pointers to other parts, themes and dossiers ("zie deel 2", a list naming dossiers)."""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

import numpy

from pipeline.nlp.parsing import Owner
from pipeline.programme import Programme, Reference
from pipeline.rules import NlpRules
from pipeline.utils.text import comparison_key


@dataclass
class Target:
    """A part, theme or dossier that a reference can point to."""

    id: str
    type: str
    name: str
    title: str
    key: str = ""
    words: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.key = comparison_key(self.title)
        self.words = re.findall(r"\w{4,}", self.key)

    def mostly_in(self, key: str) -> bool:
        """Whether at least three quarters of the title's longer words occur in `key`."""
        misses_allowed = len(self.words) - math.ceil(0.75 * len(self.words))
        for word in self.words:
            if word not in key:
                misses_allowed -= 1
                if misses_allowed < 0:
                    return False
        return bool(self.words)


class TitleIndex:
    """The themes and dossiers a list line or a reference may name, with the letter counts of their
    titles, so that the similarity bound difflib's `quick_ratio` computes one title at a time is
    computed for all titles at once."""

    def __init__(self, targets: list[Target]) -> None:
        self.targets = [t for t in targets if t.type != "part"]
        letters = sorted({c for t in self.targets for c in t.key})
        self.column = {c: i for i, c in enumerate(letters)}
        self.counts = numpy.zeros((len(self.targets), len(letters)), dtype=numpy.int32)
        for row, target in enumerate(self.targets):
            for letter, count in Counter(target.key).items():
                self.counts[row, self.column[letter]] = count
        self.lengths = numpy.array([len(t.key) for t in self.targets], dtype=numpy.float64)

    def quick_ratios(self, key: str) -> numpy.ndarray:
        """difflib's `quick_ratio` of `key` against every title (twice the shared letters over both lengths)."""
        wanted = numpy.zeros(len(self.column), dtype=numpy.int32)
        for letter, count in Counter(key).items():
            if letter in self.column:
                wanted[self.column[letter]] = count
        shared = numpy.minimum(self.counts, wanted).sum(axis=1)
        return 2.0 * shared / numpy.maximum(self.lengths + len(key), 1)


def match_title(text: str, index: TitleIndex, self_id: str, threshold: float) -> tuple[str, str] | None:
    """The theme or dossier whose title the text names: equal, a prefix, most words, or similar enough.

    A bound that cannot beat the best so far skips the costly checks; the choice is that of
    comparing every title in full.
    """
    key = comparison_key(re.sub(r"\(.*?\)", "", text))
    if len(key) < 3 or not index.targets:
        return None
    matcher = SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(key)
    quick = index.quick_ratios(key)
    best: tuple[str, str, float] | None = None
    for position, target in enumerate(index.targets):
        if target.id == self_id:
            continue
        if target.key == key:
            score = 1.0
        else:
            score = 0.9 if target.key.startswith(key + " ") else 0.0
            floor = max(score, best[2] if best else 0.0)
            if floor < 0.86 and len(target.words) >= 2 and target.mostly_in(key):
                score = 0.86
            both = len(target.key) + len(key)
            bound = 2.0 * min(len(target.key), len(key)) / both if both else 1.0  # difflib's real_quick_ratio
            if (bound >= threshold and quick[position] >= threshold
                    and min(bound, quick[position]) > max(score, floor)):
                matcher.set_seq1(target.key)
                score = max(score, matcher.ratio())
        if score >= threshold and (best is None or score > best[2]):
            best = (target.id, target.type, score)
    return best[:2] if best else None


@dataclass
class ReferenceFinder:
    """Finds references in items' texts and resolves them to the programme's parts, themes and dossiers
    (a document analyser)."""

    rules: NlpRules
    patterns: list[re.Pattern[str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.patterns = [re.compile(p) for p in self.rules.reference_patterns]

    def analyse_document(self, programme: Programme, items: Sequence[Owner]) -> None:
        """Each item's references, resolved where they name a part, theme or dossier."""
        targets = [Target(p.id, "part", f"deel {p.number}", p.title) for p in programme.parts]
        for part in programme.parts:
            for theme in part.themes:
                targets.append(Target(theme.id, "theme", theme.title, theme.title))
                targets += [Target(d.id, "dossier", d.title, d.title) for d in theme.dossiers]
        index = TitleIndex(targets)
        for owner in items:
            references: list[Reference] = []
            for regex in self.patterns:
                for match in regex.finditer(owner.text):
                    target = resolve(match.group("kind"), match.group("target"), targets, index, owner.id)
                    references.append(Reference(phrase=match.group(0).strip(), target=target[0] if target else None,
                                                target_type=target[1] if target else None))
            for line in owner.text.split("\n\n"):
                if line.startswith("- ") and len(line.split()) <= self.rules.list_reference_max_words + 1:
                    target = match_title(line[2:], index, owner.id, self.rules.list_reference_similarity)
                    if target:
                        references.append(Reference(phrase=line[2:].strip(), target=target[0], target_type=target[1]))
            owner.annotations.references = references


def resolve(kind: str, text: str, targets: list[Target], index: TitleIndex, self_id: str) -> tuple[str, str] | None:
    """The part a "deel n" names, or the theme or dossier a title names."""
    text = text.strip()
    if kind.lower() == "deel" and (m := re.match(r"(\d+)\b", text)):
        return next(((t.id, t.type) for t in targets if t.type == "part" and t.name == f"deel {m.group(1)}"), None)
    return match_title(text, index, self_id, 0.8)
