"""NLP stage: actors, commissions, topics, keyphrases, timing, references and instruments.

The Dutch pipeline is loaded once per process: `nl_core_news_sm` when it is
installed, else the project's own pipeline in `models/nl_werkprogramma`, else
`spacy.blank("nl")` with the lookup lemmatizer of spacy-lookups-data and a
sentencizer.  Which one was used is logged and recorded as `nlp_model`.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from difflib import SequenceMatcher
from functools import cache
from itertools import pairwise
from pathlib import Path

import spacy
import yaml
from spacy.language import Language
from spacy.tokens import Doc

import pipeline.spacy_components  # noqa: F401  (registers the project pipeline's own components)
from pipeline.models import (
    Actor,
    ActorMention,
    Annotations,
    Commission,
    Evidence,
    Programme,
    Reference,
    Timing,
    Topic,
)
from pipeline.rules import RULES_DIR
from pipeline.utils.text import comparison_key, slugify

LOG = logging.getLogger("werkprogramma")
INSTALLED_MODEL = "nl_core_news_sm"
PROJECT_MODEL = Path(__file__).resolve().parent.parent / "models" / "nl_werkprogramma"
CAPITAL_WORD = r"[A-Z][\w&'’-]*"
CONNECTOR = r"(?:en|van|voor|de|het|der|&)"


@dataclass(frozen=True)
class LoadedModel:
    """A loaded Dutch pipeline and how to name it in the output."""

    nlp: Language
    name: str

    @property
    def tagged(self) -> bool:
        return any(name in self.nlp.pipe_names for name in ("morphologizer", "tagger"))


def blank_dutch() -> Language:
    """spaCy's blank Dutch with the lookup lemmatizer and a sentencizer."""
    nlp = spacy.blank("nl")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"}).initialize()
    return nlp


def load_model(installed: str = INSTALLED_MODEL, project: Path | str = PROJECT_MODEL) -> LoadedModel:
    """The best Dutch pipeline available here (see the module docstring)."""
    project = Path(project)
    if spacy.util.is_package(installed):
        nlp = spacy.load(installed, exclude=["ner"])
        name = f"{installed} {nlp.meta.get('version', '')}".strip()
    elif (project / "config.cfg").is_file():
        nlp = spacy.load(project)
        name = f"{nlp.meta.get('name', project.name)} {nlp.meta.get('version', '')} (project pipeline)".strip()
    else:
        nlp = blank_dutch()
        name = "blank nl + lookup lemmatizer (spacy-lookups-data)"
    LOG.info("Dutch NLP pipeline: %s", name)
    return LoadedModel(nlp=nlp, name=name)


@cache
def default_model() -> LoadedModel:
    """The pipeline of this process, loaded on first use."""
    return load_model()


@cache
def nlp_rules(folder: Path = RULES_DIR) -> dict:
    """The YAML rule files the NLP stage reads."""
    return {name: yaml.safe_load((folder / f"{name}.yml").read_text(encoding="utf-8"))
            for name in ("actors", "topics", "commissions", "nlp")}


# ---------------------------------------------------------------- actors


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
        self.pattern = re.compile(r"(?<![\w-])(?:(?:" + "|".join(map(re.escape, acronyms)) + r")(?![\w])"
                                  r"|(?:" + "|".join(map(re.escape, others)) + r")(?![\w-]))")
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

        for match in self.pattern.finditer(text):
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


# ---------------------------------------------------------------- timing


def month_end(year: int, month: int) -> int:
    next_month = date(year + (month == 12), month % 12 + 1, 1)
    return (next_month - date(year, month, 1)).days


@dataclass
class TimingFinder:
    """Dutch periods and dates → ISO start and end dates."""

    rules: dict

    def __post_init__(self) -> None:
        months = "|".join(self.rules["months"])
        periods = "|".join(map(re.escape, sorted(self.rules["year_periods"], key=len, reverse=True)))
        parts = "|".join(map(re.escape, sorted(self.rules["month_parts"], key=len, reverse=True)))
        self.date_re = re.compile(rf"\b(\d{{1,2}})\s+({months})\s+(\d{{4}})\b", re.IGNORECASE)
        self.month_part_re = re.compile(rf"\b({parts})\s+({months})(?:\s+(\d{{4}}))?\b", re.IGNORECASE)
        self.month_re = re.compile(rf"(?<!\d\s)\b({months})\s+(\d{{4}})\b", re.IGNORECASE)
        self.period_re = re.compile(rf"\b({periods})\s+(?:van\s+)?(\d{{4}})\b", re.IGNORECASE)

    def month(self, name: str) -> int:
        return self.rules["months"].index(name.lower()) + 1

    def find(self, text: str, default_year: int | None) -> list[Timing]:
        found: list[tuple[int, int, Timing]] = []

        def add(match: re.Match[str], start: date, end: date) -> None:
            if any(not (match.end() <= a or match.start() >= b) for a, b, _ in found):
                return
            found.append((match.start(), match.end(), Timing(phrase=match.group(0), start=start.isoformat(),
                                                              end=end.isoformat())))

        for m in self.date_re.finditer(text):
            year, month, day = int(m.group(3)), self.month(m.group(2)), int(m.group(1))
            if 1 <= day <= month_end(year, month):
                add(m, date(year, month, day), date(year, month, day))
        for m in self.month_part_re.finditer(text):
            year = int(m.group(3)) if m.group(3) else default_year
            if year is None:
                continue
            month = self.month(m.group(2))
            first, last = self.rules["month_parts"][m.group(1).lower()]
            add(m, date(year, month, first), date(year, month, min(last, month_end(year, month))))
        for m in self.month_re.finditer(text):
            year, month = int(m.group(2)), self.month(m.group(1))
            add(m, date(year, month, 1), date(year, month, month_end(year, month)))
        for m in self.period_re.finditer(text):
            first, last = self.rules["year_periods"][m.group(1).lower()]
            year = int(m.group(2))
            add(m, date.fromisoformat(f"{year}-{first}"), date.fromisoformat(f"{year}-{last}"))
        found.sort(key=lambda t: t[0])
        return combine_ranges(text, found)


def combine_ranges(text: str, found: list[tuple[int, int, Timing]]) -> list[Timing]:
    """Join "najaar 2023/voorjaar 2024" (two periods joined by / or -) into one range."""
    out: list[tuple[int, int, Timing]] = []
    for start, end, timing in found:
        if out and re.fullmatch(r"\s*[/–-]\s*|\s+tot\s+", text[out[-1][1]:start]):
            first_start, _, first = out[-1]
            out[-1] = (first_start, end, Timing(phrase=text[first_start:end], start=first.start, end=timing.end))
        else:
            out.append((start, end, timing))
    return [t for _, _, t in out]


# ---------------------------------------------------------------- the stage

# Dossiers, requests and themes get topics and keyphrases and go through the
# full pipeline; front matter and part intros only need actors, timing and
# references, for which splitting sentences is enough.
TAGGED_KINDS = {"dossier", "advisory_request", "theme"}
MIN_WORDS_PER_WORKER = 4000
# Forked workers copy the parent's memory as they touch it; past this much text
# (a document of hundreds of pages) one process parses it, to bound memory.
MAX_WORDS_FOR_WORKERS = 50_000
_FORKED_PIPELINE: list[Language] = []


@dataclass(frozen=True, slots=True)
class Parsed:
    """What the NLP stage keeps of a parsed text: lemmas, sentences, and tokens for keyphrases."""

    lemmas: str
    sentences: tuple[tuple[int, int, str], ...]
    tokens: tuple[tuple[str, str, str, bool], ...]


def features(doc: Doc) -> Parsed:
    """The compact features of a spaCy doc (the doc itself can then be dropped); word strings are
    interned, so that a long document keeps one copy of each word."""
    intern = sys.intern
    tokens = tuple((intern(t.text), intern((t.lemma_ or t.text).lower()), t.pos_, t.is_alpha and not t.is_stop)
                   for t in doc)
    lemmas = " ".join(lemma for text, lemma, pos, _ in tokens if pos not in ("PUNCT", "SPACE") and text.strip())
    return Parsed(lemmas=lemmas, sentences=whole_sentences(doc), tokens=tokens)


SENTENCE_END = ".!?:;…"
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
CLOSING = "’”'\")]"


def whole_sentences(doc: Doc) -> tuple[tuple[int, int, str], ...]:
    """The doc's sentences as (start, end, text), ended by punctuation rather than by layout.

    The pieces are the segmenter's sentences cut again at paragraph breaks; a piece that does not
    end in closing punctuation runs on into the next ("Vlaams minister van Werk en Sociale Economie |
    Jo Brouns lanceert …", "(luik | Industrie)", a sentence cut by a column break), unless the next
    is a list item ("- …"). The text has its line and paragraph breaks made spaces.
    """
    text = doc.text
    cuts = sorted({s.start_char for s in doc.sents} | {m.end() for m in PARAGRAPH_BREAK.finditer(text)}
                  | {len(text)})
    spans: list[list[int]] = []
    for start, end in pairwise(cuts):
        piece = text[start:end]
        if not piece.strip():
            continue
        start, end = start + len(piece) - len(piece.lstrip()), start + len(piece.rstrip())
        if spans and not text.startswith("- ", start):
            previous = text[spans[-1][0]:spans[-1][1]].rstrip(CLOSING)
            if not previous.endswith(tuple(SENTENCE_END)):
                spans[-1][1] = end
                continue
        spans.append([start, end])
    return tuple((start, end, " ".join(text[start:end].split())) for start, end in spans)


@cache
def sentence_splitter() -> Language:
    """A tokenizer with a rule-based sentencizer, for texts that need no tags."""
    nlp = spacy.blank("nl")
    nlp.add_pipe("sentencizer")
    return nlp


def _parse_slice(texts: list[str]) -> list[Parsed]:
    """In a forked worker: parse with the pipeline inherited from the parent."""
    return [features(doc) for doc in _FORKED_PIPELINE[0].pipe(texts, batch_size=64)]


def parse(nlp: Language, texts: list[str], workers: int) -> list[Parsed]:
    """Parse the texts, split over forked processes when there is enough text.

    The workers inherit the loaded pipeline and send back only the compact
    features of each text, so that memory stays small on long documents.
    """
    words = sum(len(t.split()) for t in texts)
    workers = min(workers, max(1, words // MIN_WORDS_PER_WORKER))
    if workers <= 1 or words > MAX_WORDS_FOR_WORKERS:
        return [features(doc) for doc in nlp.pipe(texts, batch_size=64)]
    order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
    slices = [order[i::workers] for i in range(workers)]
    context = multiprocessing.get_context("fork")
    _FORKED_PIPELINE[:] = [nlp]
    parsed: list[Parsed | None] = [None] * len(texts)
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        for indexes, results in zip(slices, pool.map(_parse_slice, [[texts[i] for i in s] for s in slices]),
                                    strict=True):
            for index, result in zip(indexes, results, strict=True):
                parsed[index] = result
    return parsed


@dataclass
class Owner:
    """A dossier, request, theme or part whose text is analysed."""

    id: str
    kind: str
    title: str
    text: str
    pages: list[int]
    annotations: Annotations


def owners(programme: Programme) -> list[Owner]:
    """Everything the NLP stage annotates, in reading order."""
    out = []
    for section in programme.front_matter:
        section.nlp = Annotations()
        out.append(Owner(f"front/{slugify(section.title)}", "front_matter", section.title, section.text,
                         section.pages, section.nlp))
    for part in programme.parts:
        part.nlp = Annotations()
        out.append(Owner(part.id, "part", part.title, part.intro, part.pages, part.nlp))
        for theme in part.themes:
            theme.nlp = Annotations()
            out.append(Owner(theme.id, "theme", theme.title, theme.intro, theme.pages, theme.nlp))
            for dossier in theme.dossiers:
                dossier.nlp = Annotations()
                out.append(Owner(dossier.id, "dossier", dossier.title, dossier.text, dossier.pages, dossier.nlp))
            for request in theme.advisory_requests:
                request.nlp = Annotations()
                out.append(Owner(request.id, "advisory_request", "", request.text, request.pages, request.nlp))
    return out


@cache
def topic_patterns(topics: tuple[tuple[str, tuple[str, ...]], ...]) -> list[tuple[str, re.Pattern[str]]]:
    """One regular expression per topic over a text of space-separated lemmas."""
    compiled = []
    for topic, keywords in topics:
        alternatives = [re.escape(k[:-1]) + r"[\w-]*" if k.endswith("*") else re.escape(k) for k in keywords]
        compiled.append((topic, re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])")))
    return compiled


def choose_topics(title: Parsed, text: Parsed, rules: dict) -> list[str]:
    """The 1-3 topics of the controlled vocabulary that the title and text are most about.

    Keywords are lemmas, word beginnings ending in '*', or phrases; the title counts `title_weight` times.
    """
    key = tuple((t, tuple(e["keywords"])) for t, e in rules["topics"].items())
    scores = {topic: rules["title_weight"] * len(regex.findall(title.lemmas)) + len(regex.findall(text.lemmas))
              for topic, regex in topic_patterns(key)}
    ranked = sorted((t for t, s in scores.items() if s >= rules["min_hits"]), key=lambda t: (-scores[t], t))
    return ranked[: rules["max_topics"]]


def keyphrases(texts: Iterable[Parsed], tagged: bool, limit: int = 5) -> list[str]:
    """Up to `limit` lemmatised noun phrases (adjectives and nouns ending in a noun), the title's first.

    Without a tagger, runs of content words stand in for noun phrases.
    """
    counts: Counter = Counter()
    order: dict[str, int] = {}

    def close(phrase: list[tuple[str, str]]) -> None:
        while tagged and phrase and phrase[-1][1] == "ADJ":
            phrase.pop()
        key = " ".join(lemma for lemma, _ in phrase[-4:])
        if len(key) > 3:
            counts[key] += 1
            order.setdefault(key, len(order))

    for parsed in texts:
        phrase: list[tuple[str, str]] = []
        for text, lemma, pos, content in parsed.tokens:
            wanted = pos in ("NOUN", "PROPN", "ADJ") if tagged else content
            if wanted and len(text) > 2:
                phrase.append((lemma, pos))
            elif phrase:
                close(phrase)
                phrase = []
        if phrase:
            close(phrase)
    return sorted(counts, key=lambda k: (-counts[k] - (len(k.split()) > 1), order[k]))[:limit]


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


class Analyser:
    """Runs the NLP stage over a programme."""

    def __init__(self, model: LoadedModel | None = None, rules: dict | None = None, workers: int | None = None) -> None:
        self.model = model or default_model()
        self.workers = workers or os.cpu_count() or 1
        self.rules = rules or nlp_rules()
        self.actors = ActorFinder(self.rules["actors"])
        self.timing = TimingFinder(self.rules["nlp"])
        names = "|".join(self.rules["commissions"]["name_patterns"])
        self.commission_re = re.compile(
            rf"\b(?:{names})s? ((?:{CAPITAL_WORD})(?: (?:en |& )?{CAPITAL_WORD})*)")
        self.reference_res = [re.compile(p) for p in self.rules["nlp"]["reference_patterns"]]
        self.instrument_res = [(name, [re.compile(p, re.IGNORECASE) for p in patterns])
                               for name, patterns in self.rules["nlp"]["instruments"].items()]

    def analyse(self, programme: Programme) -> Programme:
        """Annotate the programme in place and return it."""
        items = owners(programme)
        tagged = [o for o in items if o.kind in TAGGED_KINDS]
        docs = parse(self.model.nlp, [o.title for o in tagged] + [o.text for o in tagged], self.workers)
        parsed = dict(zip((id(o) for o in tagged), zip(docs[: len(tagged)], docs[len(tagged):], strict=True),
                          strict=True))
        light = sentence_splitter()
        for owner in items:
            if id(owner) not in parsed:
                parsed[id(owner)] = (features(light(owner.title)), features(light(owner.text)))
        actors: dict[str, Actor] = {}
        commissions: dict[str, Commission] = {}
        year = programme.edition.year
        for owner in items:
            title_doc, text_doc = parsed[id(owner)]
            self.annotate_actors(owner, text_doc, actors)
            self.annotate_commissions(owner, commissions)
            if owner.kind in TAGGED_KINDS:
                owner.annotations.topics = choose_topics(title_doc, text_doc, self.rules["topics"])
                owner.annotations.keyphrases = keyphrases([title_doc, text_doc], self.model.tagged)
            owner.annotations.timing = self.timing.find(owner.text, year)
        self.assign_commissions(programme, commissions)
        self.fill_topics(programme)
        self.resolve_references(programme, items)
        for theme in (t for p in programme.parts for t in p.themes):
            for request in theme.advisory_requests:
                request.instrument = self.instrument(request.text)
        programme.nlp_model = self.model.name
        programme.actors = sorted(actors.values(), key=lambda a: a.id)
        programme.commissions = sorted(commissions.values(), key=lambda c: c.id)
        used = sorted({t for o in items for t in o.annotations.topics})
        programme.topics = [Topic(id=t, label=self.rules["topics"]["topics"][t]["label"]) for t in used]
        return programme

    def annotate_actors(self, owner: Owner, parsed: Parsed, actors: dict[str, Actor]) -> None:
        sentences = parsed.sentences
        mentions: dict[str, ActorMention] = {}
        for name, kind, known, surface in self.actors.find(owner.text):
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

    def annotate_commissions(self, owner: Owner, commissions: dict[str, Commission]) -> None:
        found = []
        for match in self.commission_re.finditer(owner.text):
            plural = "commissies" in match.group(0)
            prefix = "Adviescommissie" if match.group(0).startswith("Adviescommissie") else "Commissie"
            for name in re.split(r"\s+(?:en|&)\s+", match.group(1)) if plural else [match.group(1)]:
                full = f"{prefix} {name.strip()}"
                commission_id = f"commission/{slugify(full)}"
                commissions.setdefault(commission_id, Commission(id=commission_id, name=full, assumed=False))
                if commission_id not in found:
                    found.append(commission_id)
        owner.annotations.commissions = found

    def assign_commissions(self, programme: Programme, commissions: dict[str, Commission]) -> None:
        """Themes named after a commission are that commission; others follow the editable theme map."""
        named = re.compile(r"^(?:" + "|".join(self.rules["commissions"]["name_patterns"]) + r")\s")
        for part in programme.parts:
            for theme in part.themes:
                if named.match(theme.title):
                    commission_id = f"commission/{slugify(theme.title)}"
                    entry = commissions.setdefault(
                        commission_id, Commission(id=commission_id, name=theme.title, assumed=False))
                    entry.assumed = False
                else:
                    words = set(re.findall(r"\w+", theme.title.lower()))
                    rule = next((r for r in self.rules["commissions"]["theme_map"] if words & set(r["words"])), None)
                    if rule is None or part.number != 1:
                        continue
                    commission_id = f"commission/{slugify(rule['commission'])}"
                    entry = commissions.setdefault(
                        commission_id, Commission(id=commission_id, name=rule["commission"], assumed=True))
                theme.commission = commission_id
                entry.themes = sorted({*entry.themes, theme.id})

    def fill_topics(self, programme: Programme) -> None:
        """A dossier or request without a topic of its own takes its theme's."""
        for part in programme.parts:
            for theme in part.themes:
                children = [d.nlp for d in theme.dossiers] + [r.nlp for r in theme.advisory_requests]
                pooled = Counter(t for c in children for t in c.topics)
                fallback = theme.nlp.topics[:1] or [t for t, _ in pooled.most_common(1)]
                for child in children:
                    if not child.topics and fallback:
                        child.topics = list(fallback)

    def resolve_references(self, programme: Programme, items: list[Owner]) -> None:
        targets = [Target(p.id, "part", f"deel {p.number}", p.title) for p in programme.parts]
        for part in programme.parts:
            for theme in part.themes:
                targets.append(Target(theme.id, "theme", theme.title, theme.title))
                targets += [Target(d.id, "dossier", d.title, d.title) for d in theme.dossiers]
        rules = self.rules["nlp"]
        for owner in items:
            references: list[Reference] = []
            for regex in self.reference_res:
                for match in regex.finditer(owner.text):
                    target = self.resolve(match.group("kind"), match.group("target"), targets, owner.id)
                    references.append(Reference(phrase=match.group(0).strip(), target=target[0] if target else None,
                                                target_type=target[1] if target else None))
            for line in owner.text.split("\n\n"):
                if line.startswith("- ") and len(line.split()) <= rules["list_reference_max_words"] + 1:
                    target = match_title(line[2:], targets, owner.id, rules["list_reference_similarity"])
                    if target:
                        references.append(Reference(phrase=line[2:].strip(), target=target[0], target_type=target[1]))
            owner.annotations.references = references

    @staticmethod
    def resolve(kind: str, text: str, targets: list[Target], self_id: str) -> tuple[str, str] | None:
        text = text.strip()
        if kind.lower() == "deel" and (m := re.match(r"(\d+)\b", text)):
            return next(((t.id, t.type) for t in targets if t.type == "part" and t.name == f"deel {m.group(1)}"),
                        None)
        return match_title(text, targets, self_id, 0.8)

    def instrument(self, text: str) -> str | None:
        for name, patterns in self.instrument_res:
            if any(p.search(text) for p in patterns):
                return name
        return None


def analyse(programme: Programme, model: LoadedModel | None = None) -> Programme:
    """Run the NLP stage on an extracted programme (in place) and return it."""
    return Analyser(model).analyse(programme)
