"""The NLP stage: every analyser over one parsed representation of each item."""
from __future__ import annotations

import os
from dataclasses import dataclass

from pipeline.nlp.actors import ActorFinder, annotate_actors
from pipeline.nlp.commissions import CommissionFinder
from pipeline.nlp.instruments import InstrumentFinder
from pipeline.nlp.keyphrases import PhraseCounts, document_frequencies, keyphrases, phrase_counts
from pipeline.nlp.model import LoadedModel, default_model, nlp_rules
from pipeline.nlp.parsing import TAGGED_KINDS, Owner, Parsed, owners, parse_items
from pipeline.nlp.references import ReferenceFinder
from pipeline.nlp.timing import TimingFinder
from pipeline.nlp.topics import choose_topics, fill_topics
from pipeline.programme import Actor, Commission, Programme, Timing, Topic
from pipeline.utils.lookups import dutch_lexicon


@dataclass(frozen=True, slots=True)
class ItemAnalysis:
    """What the NLP stage finds in one item by itself, in whichever process parses it."""

    text: Parsed
    mentions: list[tuple[str, str, bool, str]]
    topics: list[str]
    phrases: PhraseCounts | None
    timing: list[Timing]


class Analyser:
    """Runs the NLP stage over a programme."""

    def __init__(self, model: LoadedModel | None = None, rules: dict | None = None, workers: int | None = None) -> None:
        self.model = model or default_model()
        self.workers = workers or os.cpu_count() or 1
        self.rules = rules or nlp_rules()
        self.actors = ActorFinder(self.rules["actors"], self.rules["commissions"]["name_patterns"], dutch_lexicon())
        self.timing = TimingFinder(self.rules["nlp"])
        self.commissions = CommissionFinder(self.rules["commissions"])
        self.references = ReferenceFinder(self.rules["nlp"])
        self.instruments = InstrumentFinder(self.rules["nlp"]["instruments"])

    def analyse(self, programme: Programme) -> Programme:
        """Annotate the programme in place and return it."""
        items = owners(programme)
        tagged = [o for o in items if o.kind in TAGGED_KINDS]
        year = programme.edition.year
        vague = frozenset(self.rules["nlp"]["keyphrase_vague_words"])

        def analyse_item(owner: Owner, title: Parsed, text: Parsed) -> ItemAnalysis:
            is_tagged = owner.kind in TAGGED_KINDS
            return ItemAnalysis(
                text=text, mentions=list(self.actors.find(owner.text)),
                topics=choose_topics(title, text, self.rules["topics"]) if is_tagged else [],
                phrases=phrase_counts(title, text, self.model.tagged, vague) if is_tagged else None,
                timing=self.timing.find(owner.text, year))

        found = parse_items(self.model.nlp, items, self.workers, analyse_item)
        frequency = document_frequencies([f.phrases for f in found if f.phrases is not None])
        actors: dict[str, Actor] = {}
        commissions: dict[str, Commission] = {}
        for owner, item in zip(items, found, strict=True):
            annotate_actors(item.mentions, owner, item.text, actors)
            self.commissions.annotate(owner, commissions)
            if owner.kind in TAGGED_KINDS:
                owner.annotations.topics = item.topics
                owner.annotations.keyphrases = keyphrases(item.phrases, frequency, len(tagged))
            owner.annotations.timing = item.timing
        self.commissions.assign(programme, commissions)
        fill_topics(programme)
        self.references.annotate(programme, items)
        for theme in (t for p in programme.parts for t in p.themes):
            for request in theme.advisory_requests:
                request.instrument = self.instruments.find(request.text)
        programme.nlp_model = self.model.name
        programme.actors = sorted(actors.values(), key=lambda a: a.id)
        programme.commissions = sorted(commissions.values(), key=lambda c: c.id)
        used = sorted({t for o in items for t in o.annotations.topics})
        programme.topics = [Topic(id=t, label=self.rules["topics"]["topics"][t]["label"]) for t in used]
        return programme


def analyse(programme: Programme, model: LoadedModel | None = None, workers: int | None = None) -> Programme:
    """Run the NLP stage on an extracted programme (in place) and return it."""
    return Analyser(model, workers=workers).analyse(programme)
