"""Actors: organisations and office holders named in a text, from the gazetteer and by generic patterns."""
from __future__ import annotations

import re
from collections.abc import Container, Iterator, Sequence
from dataclasses import dataclass, field

from pipeline.nlp.parsing import Owner, ParsedItem
from pipeline.programme import Actor, ActorMention, Edition, Evidence, Programme
from pipeline.rules import ActorRules
from pipeline.utils.text import slugify

CAPITAL_WORD = r"[A-Z][\w&'’-]*"
CONNECTOR = r"(?:en|van|voor|de|het|der|&)"
NAME_TOKEN = re.compile(r"[\w&'’-]+|[^\w\s]|\n")
NAME_ADJECTIVE = re.compile(r"[A-Z][a-zà-ÿ]+(?:e|s)")
NAME_CONNECTORS = {"en", "van", "voor", "de", "het", "der", "&", "bij"}
COORDINATION = re.compile(
    r"(?:(?:een|de|het)\s+)?[A-Z][\w&'’-]*(?:\s*,\s*(?:(?:een|de|het)\s+)?[A-Z][\w&'’-]*)*"
    r"\s+en\s+(?:(?:een|de|het)\s+)?[A-Z][\w&'’-]*")
# An actor mention: actor ID, canonical name, kind, known to the gazetteer, the words the text uses, and
# for the first mention of the actor in an item the sentence that names it.
Mention = tuple[str, str, str, bool, str, str | None]


@dataclass
class ActorFinder:
    """Finds actors in text: the gazetteer first, then generic patterns (an item analyser)."""

    rules: ActorRules
    commission_patterns: Sequence[str] = ()
    lexicon: Container[str] = frozenset()
    index: dict[str, tuple[str, str]] = field(default_factory=dict)
    pattern: re.Pattern[str] | None = None

    def __post_init__(self) -> None:
        for entry in self.rules.actors:
            for alias in [entry.name, *entry.aliases]:
                self.index[alias] = (entry.name, entry.kind)
                if alias[:1].isupper() and not alias.isupper() and " " in alias:
                    self.index[alias[0].lower() + alias[1:]] = (entry.name, entry.kind)
        names = sorted(self.index, key=len, reverse=True)
        acronyms = [n for n in names if n.isupper()]
        others = [n for n in names if not n.isupper()]
        alternatives = []
        if acronyms:
            alternatives.append("(?:" + "|".join(map(re.escape, acronyms)) + r")(?![\w])")
        if others:
            alternatives.append("(?:" + "|".join(map(re.escape, others)) + r")(?![\w-])")
        self.pattern = re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + ")") if alternatives else None
        self.stop = set(self.rules.acronym_stoplist)
        heads = "|".join(map(re.escape, sorted(self.rules.organisation_heads, key=len, reverse=True)))
        self.head_re = re.compile(rf"\b(?:{heads})(?:\s+(?:{CONNECTOR}\s+)*{CAPITAL_WORD})+")
        self.acronym_re = re.compile(r"(?<![\w-])[A-Z][A-Z&]{1,5}(?:'s)?(?![\w])(?!-[A-Z\d])")
        words = "|".join(map(re.escape, self.rules.organisation_words))
        self.organisation_re = re.compile(rf"(?:{words})", re.IGNORECASE)
        self.introduced_re = re.compile(
            rf"((?:{CAPITAL_WORD}\s+(?:{CONNECTOR}\s+)*){{1,8}}?{CAPITAL_WORD})\s*\((?P<acronym>[A-Z][A-Za-z&]{{1,6}})\)")
        forms = "|".join(map(re.escape, self.rules.legal_forms))
        self.legal_re = re.compile(
            rf"((?:{CAPITAL_WORD}\s+(?:{CONNECTOR}\s+)*){{0,6}}{CAPITAL_WORD})(?:\s*\([A-Z]{{2,6}}\))?\s+(?:{forms})\b")
        self.nouns = {w.lower() for w in self.rules.organisation_words}
        alternatives = "|".join(map(re.escape, sorted(self.nouns, key=len, reverse=True)))
        self.compound_re = re.compile(rf"(?:.{{3,}}(?:{alternatives})|(?:{alternatives})\d+)")
        self.name_stop = set(self.rules.name_stop_words)
        self.commission_re = re.compile(r"^(?:" + "|".join(self.commission_patterns) + r")\b") \
            if self.commission_patterns else None
        cues = "|".join(map(re.escape, self.rules.cue_phrases))
        self.cue_re = re.compile(
            rf"\b(?:{cues})\s+(?:de\s+|het\s+)?(?P<name>{CAPITAL_WORD}(?:\s+(?:&\s+)?{CAPITAL_WORD})*)")
        self.quoted_re = re.compile(r"[‘'\"“](?P<name>[A-Z][^’'\"”\n]{1,40}?)[’'\"”],?\s+(?:een|het|de)\s+"
                                    r"(?:\w+\s+){0,2}?(?P<noun>\w+)")
        titles = "|".join(map(re.escape, self.rules.office_titles))
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

        introduced = [span for span in self.introduced_names(text)
                      if not (self.commission_re and self.commission_re.match(text[span[0]:span[1]]))]
        for start, end in introduced:
            surface = text[start:end]
            known = self.known(surface)
            taken.append((start, end))
            yield (known[0], known[1], True, surface) if known else (surface, "organisation", False, surface)
        for match in self.pattern.finditer(text) if self.pattern else ():
            if not free(*match.span()):
                continue
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
        found: set[str] = {text[start:end] for start, end in introduced}
        for start, end in self.named(text):
            surface = text[start:end]
            if free(start, end) and not (self.commission_re and self.commission_re.match(surface)):
                taken.append((start, end))
                found.add(surface)
                yield surface, "organisation", False, surface
        for match in self.acronym_re.finditer(text):
            word = match.group(0).removesuffix("'s")
            if word in self.stop or not free(*match.span()) or caps_run(text, match.start(), match.end()):
                continue
            if re.fullmatch(r"[IVXLC]+", word):
                continue
            found.add(word)
            yield word, "organisation", False, word
        for start, end in self.coordinated(text, found | set(self.index)):
            if free(start, end):
                taken.append((start, end))
                yield text[start:end], "organisation", False, text[start:end]

    def organisation_word(self, word: str) -> str:
        """"noun" for an organisation word ("Raad"), "compound" for a word ending in one or one with a number
        ("Boerenbond", "Fonds323"), "" otherwise; a compound on an acronym ("SERV-overleg") is none."""
        low = word.lower()
        if "-" in word and word.split("-")[0].isupper():
            return ""
        if low in self.nouns:
            return "noun"
        return "compound" if self.compound_re.fullmatch(low) else ""

    def name_word(self, word: str) -> bool:
        return word[:1].isupper() and not word.isupper() and word not in self.name_stop

    def named(self, text: str) -> Iterator[tuple[int, int]]:
        """Spans of organisation names anchored on an organisation word (see `rules/actors.yml`)."""
        tokens = [(m.start(), m.end(), m.group(0)) for m in NAME_TOKEN.finditer(text)]
        index = 0
        while index < len(tokens):
            word = tokens[index][2]
            kind = self.organisation_word(word)
            followed = index + 1 < len(tokens) and self.name_word(tokens[index + 1][2])
            if not kind or (word[0].islower() and not followed) or (word.isupper()):
                index += 1
                continue
            first = index
            while (first > 0 and NAME_ADJECTIVE.fullmatch(tokens[first - 1][2])
                   and tokens[first - 1][2] not in self.name_stop):
                first -= 1
            last = index + 1
            while last < len(tokens):
                if self.name_word(tokens[last][2]):
                    last += 1
                    continue
                ahead = last
                while ahead < len(tokens) and ahead - last < 3 and tokens[ahead][2].lower() in NAME_CONNECTORS:
                    ahead += 1
                joined = [t[2].lower() for t in tokens[last:ahead]]
                if "en" in joined and (joined != ["en"] or last == index + 1):
                    break  # "… en het Vlaams Parlement", "Boerenbond en Verso": two names, not one
                if tokens[last][2] == "," and self.coordinated_tail(tokens, last + 1):
                    ahead = last + 1
                if ahead > last and ahead < len(tokens) and self.name_word(tokens[ahead][2]):
                    last = ahead + 1
                    continue
                break
            if last - first >= 2 or kind == "compound":
                yield tokens[first][0], tokens[last - 1][1]
            index = last

    def coordinated_tail(self, tokens: list[tuple[int, int, str]], start: int) -> bool:
        """Whether capitalised words then "en" and a capitalised word follow ("…, Wetenschap en Innovatie")."""
        position = start
        while position < len(tokens) and self.name_word(tokens[position][2]):
            position += 1
        return (position > start and position + 1 < len(tokens) and tokens[position][2] == "en"
                and self.name_word(tokens[position + 1][2]))

    def introduced_names(self, text: str) -> Iterator[tuple[int, int]]:
        """Names after a cue ("in samenwerking met Vaia") or quoted and called an organisation word
        ("‘Jong Overleg’, een forum")."""
        for match in self.cue_re.finditer(text):
            name = match.group("name")
            if name.split()[0] not in self.name_stop and not name.isupper():
                yield match.span("name")
        for match in self.quoted_re.finditer(text):
            if match.group("noun").lower() in self.nouns:
                yield match.span("name")

    def coordinated(self, text: str, organisations: set[str]) -> Iterator[tuple[int, int]]:
        """Single capitalised names coordinated with an organisation ("Voka, ACV, … Boerenbond en Verso"),
        when they are no Dutch word or at least half the list are organisations."""
        for match in COORDINATION.finditer(text):
            items = list(re.finditer(r"[A-Z][\w&'’-]*", match.group(0)))
            if not any(item.group(0) in organisations for item in items):
                continue
            known = sum(item.group(0) in organisations for item in items)
            for item in items:
                word = item.group(0)
                if (word not in organisations and word not in self.name_stop and not word.isupper()
                        and (word.lower() not in self.lexicon or 2 * known >= len(items))):
                    yield match.start() + item.start(), match.start() + item.end()


    def analyse_item(self, item: ParsedItem, edition: Edition) -> list[Mention]:
        """The actors the item's text names, in order; the first mention of each with the sentence that
        names it."""
        text, sentences = item.owner.text, item.text.sentences
        mentions: list[Mention] = []
        named: set[str] = set()
        for name, kind, known, surface in self.find(text):
            actor_id = f"actor/{slugify(name)}"
            sentence = None
            if actor_id not in named:
                named.add(actor_id)
                position = text.find(surface)
                sentence = next((s for a, b, s in sentences if a <= position < b), surface)
            mentions.append((actor_id, name, kind, known, surface, sentence))
        return mentions

    def record(self, programme: Programme, items: Sequence[Owner], found: Sequence[list[Mention]]) -> None:
        """Each item's actors with their count and first sentence as evidence; the programme's actors
        with all their mentions and the other words that name them (aliases)."""
        actors: dict[str, Actor] = {}
        for owner, mentions in zip(items, found, strict=True):
            counted: dict[str, ActorMention] = {}
            for actor_id, name, kind, known, surface, sentence in mentions:
                actor = actors.setdefault(actor_id, Actor(id=actor_id, name=name, kind=kind, known=known, mentions=0))
                actor.mentions += 1
                if surface != name and surface not in actor.aliases:
                    actor.aliases = sorted([*actor.aliases, surface])
                if actor_id in counted:
                    counted[actor_id].count += 1
                    continue
                counted[actor_id] = ActorMention(actor=actor_id, count=1, evidence=Evidence(
                    sentence=sentence or surface, page=owner.pages[0] if owner.pages else None))
            owner.annotations.actors = list(counted.values())
        programme.actors = sorted(actors.values(), key=lambda a: a.id)


def caps_run(text: str, start: int, end: int) -> bool:
    """Whether an all-capitals word stands among other all-capitals words (a heading set in capitals)."""
    before = text[max(0, start - 30):start].split()[-1:]
    after = text[end:end + 30].split()[:1]
    return any(len(w) > 2 and w.isupper() and w.isalpha() for w in before + after)
