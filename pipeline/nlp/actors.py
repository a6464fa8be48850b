"""Actors: organisations and office holders named in a text, from the gazetteer and by generic patterns."""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from pipeline.models import Actor, ActorMention, Evidence
from pipeline.nlp.parsing import Owner, Parsed
from pipeline.utils.text import slugify

CAPITAL_WORD = r"[A-Z][\w&'’-]*"
CONNECTOR = r"(?:en|van|voor|de|het|der|&)"


@dataclass
class ActorFinder:
    """Finds actors in text: the gazetteer first, then generic patterns."""

    rules: dict
    index: dict[str, tuple[str, str]] = field(default_factory=dict)
    pattern: re.Pattern[str] | None = None

    def __post_init__(self) -> None:
        for entry in self.rules["actors"]:
            for alias in [entry["name"], *entry.get("aliases", [])]:
                self.index[alias] = (entry["name"], entry["kind"])
                if alias[:1].isupper() and not alias.isupper() and " " in alias:
                    self.index[alias[0].lower() + alias[1:]] = (entry["name"], entry["kind"])
        names = sorted(self.index, key=len, reverse=True)
        acronyms = [n for n in names if n.isupper()]
        others = [n for n in names if not n.isupper()]
        alternatives = []
        if acronyms:
            alternatives.append("(?:" + "|".join(map(re.escape, acronyms)) + r")(?![\w])")
        if others:
            alternatives.append("(?:" + "|".join(map(re.escape, others)) + r")(?![\w-])")
        self.pattern = re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + ")") if alternatives else None
        self.stop = set(self.rules["acronym_stoplist"])
        heads = "|".join(map(re.escape, sorted(self.rules["organisation_heads"], key=len, reverse=True)))
        self.head_re = re.compile(rf"\b(?:{heads})(?:\s+(?:{CONNECTOR}\s+)*{CAPITAL_WORD})+")
        self.acronym_re = re.compile(r"(?<![\w-])[A-Z][A-Z&]{1,5}(?:'s)?(?![\w-])")
        words = "|".join(map(re.escape, self.rules["organisation_words"]))
        self.organisation_re = re.compile(rf"(?:{words})", re.IGNORECASE)
        self.introduced_re = re.compile(
            rf"((?:{CAPITAL_WORD}\s+(?:{CONNECTOR}\s+)*){{1,8}}?{CAPITAL_WORD})\s*\((?P<acronym>[A-Z][A-Za-z&]{{1,6}})\)")
        forms = "|".join(map(re.escape, self.rules["legal_forms"]))
        self.legal_re = re.compile(
            rf"((?:{CAPITAL_WORD}\s+(?:{CONNECTOR}\s+)*){{0,6}}{CAPITAL_WORD})(?:\s*\([A-Z]{{2,6}}\))?\s+(?:{forms})\b")
        titles = "|".join(map(re.escape, self.rules["office_titles"]))
        self.office_re = re.compile(
            rf"\b(?:Vlaams\w*\s+|federaal\s+|Europees\s+)?(?:{titles})(?:\s+van\s+(?:[A-Z][\w-]*\s*(?:,|en)?\s*)+)?"
            rf"\s+(?P<name>[A-Z][a-zà-ÿ'’-]+(?:\s+(?:van\s+|de\s+)?[A-Z][a-zà-ÿ'’-]+)?)")

    def known(self, text: str) -> tuple[str, str] | None:
        return self.index.get(text)

    def find(self, text: str) -> Iterator[tuple[str, str, bool, str]]:
        """(canonical name, kind, known, surface) for each actor mention."""
        taken: list[tuple[int, int]] = []

        def free(start: int, end: int) -> bool:
            return all(end <= a or start >= b for a, b in taken)

        for match in self.pattern.finditer(text) if self.pattern else ():
            name, kind = self.index[match.group(0)]
            taken.append(match.span())
            yield name, kind, True, match.group(0)
        for match in self.introduced_re.finditer(text):
            acronym = match.group("acronym")
            if acronym in self.stop or not free(*match.span()):
                continue
            long_name = re.sub(r"^(?:De|Het|Een)\s+", "", match.group(1))
            known = self.known(acronym) or self.known(long_name)
            if not known and not self.organisation_re.search(long_name):
                continue
            taken.append(match.span())
            yield (known[0], known[1], True, acronym) if known else (long_name, "organisation", False, acronym)
        for regex, group in ((self.head_re, 0), (self.legal_re, 1)):
            for match in regex.finditer(text):
                surface = match.group(group)
                if free(*match.span(group)) and len(surface.split()) >= 2:
                    taken.append(match.span(group))
                    yield surface, "organisation", False, surface
        for match in self.office_re.finditer(text):
            if free(*match.span("name")):
                taken.append(match.span())
                yield f"minister {match.group('name')}", "office_holder", False, match.group(0)
        for match in self.acronym_re.finditer(text):
            word = match.group(0).removesuffix("'s")
            if word in self.stop or not free(*match.span()) or caps_run(text, match.start(), match.end()):
                continue
            if re.fullmatch(r"[IVXLC]+", word):
                continue
            yield word, "organisation", False, word


def caps_run(text: str, start: int, end: int) -> bool:
    """Whether an all-capitals word stands among other all-capitals words (a heading set in capitals)."""
    before = text[max(0, start - 30):start].split()[-1:]
    after = text[end:end + 30].split()[:1]
    return any(len(w) > 2 and w.isupper() and w.isalpha() for w in before + after)


def annotate_actors(finder: ActorFinder, owner: Owner, parsed: Parsed, actors: dict[str, Actor]) -> None:
    """Record the actors an item names, each with its count and the first sentence that names it."""
    sentences = parsed.sentences
    mentions: dict[str, ActorMention] = {}
    for name, kind, known, surface in finder.find(owner.text):
        actor_id = f"actor/{slugify(name)}"
        actor = actors.setdefault(actor_id, Actor(id=actor_id, name=name, kind=kind, known=known, mentions=0))
        actor.mentions += 1
        if surface != name and surface not in actor.aliases:
            actor.aliases = sorted([*actor.aliases, surface])
        if actor_id in mentions:
            mentions[actor_id].count += 1
            continue
        position = owner.text.find(surface)
        sentence = next((s for a, b, s in sentences if a <= position < b), surface)
        mentions[actor_id] = ActorMention(actor=actor_id, count=1, evidence=Evidence(
            sentence=sentence, page=owner.pages[0] if owner.pages else None))
    owner.annotations.actors = list(mentions.values())
