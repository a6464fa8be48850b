"""References: pointers to other parts, themes and dossiers ("zie deel 2", a list naming dossiers)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from pipeline.models import Programme, Reference
from pipeline.nlp.parsing import Owner
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


def match_title(text: str, targets: list[Target], self_id: str, threshold: float) -> tuple[str, str] | None:
    """The theme or dossier whose title the text names: equal, a prefix, most words, or similar enough."""
    key = comparison_key(re.sub(r"\(.*?\)", "", text))
    if len(key) < 3:
        return None
    matcher = SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(key)
    best = None
    for target in targets:
        if target.id == self_id or target.type == "part":
            continue
        contained = target.words and sum(w in key for w in target.words) / len(target.words) >= 0.75
        matcher.set_seq1(target.key)
        close = matcher.ratio() if matcher.real_quick_ratio() >= threshold and matcher.quick_ratio() >= threshold \
            else 0.0
        score = 1.0 if target.key == key else max(close, 0.9 if target.key.startswith(key + " ") else 0.0,
                                                   0.86 if contained and len(target.words) >= 2 else 0.0)
        if score >= threshold and (best is None or score > best[2]):
            best = (target.id, target.type, score)
    return best[:2] if best else None



@dataclass
class ReferenceFinder:
    """Finds references in items' texts and resolves them to the programme's parts, themes and dossiers."""

    rules: dict
    patterns: list[re.Pattern[str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.patterns = [re.compile(p) for p in self.rules["reference_patterns"]]

    def annotate(self, programme: Programme, items: list[Owner]) -> None:
        targets = [Target(p.id, "part", f"deel {p.number}", p.title) for p in programme.parts]
        for part in programme.parts:
            for theme in part.themes:
                targets.append(Target(theme.id, "theme", theme.title, theme.title))
                targets += [Target(d.id, "dossier", d.title, d.title) for d in theme.dossiers]
        for owner in items:
            references: list[Reference] = []
            for regex in self.patterns:
                for match in regex.finditer(owner.text):
                    target = resolve(match.group("kind"), match.group("target"), targets, owner.id)
                    references.append(Reference(phrase=match.group(0).strip(), target=target[0] if target else None,
                                                target_type=target[1] if target else None))
            for line in owner.text.split("\n\n"):
                if line.startswith("- ") and len(line.split()) <= self.rules["list_reference_max_words"] + 1:
                    target = match_title(line[2:], targets, owner.id, self.rules["list_reference_similarity"])
                    if target:
                        references.append(Reference(phrase=line[2:].strip(), target=target[0], target_type=target[1]))
            owner.annotations.references = references


def resolve(kind: str, text: str, targets: list[Target], self_id: str) -> tuple[str, str] | None:
    """The part a "deel n" names, or the theme or dossier a title names."""
    text = text.strip()
    if kind.lower() == "deel" and (m := re.match(r"(\d+)\b", text)):
        return next(((t.id, t.type) for t in targets if t.type == "part" and t.name == f"deel {m.group(1)}"), None)
    return match_title(text, targets, self_id, 0.8)
