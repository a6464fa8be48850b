"""The NLP stage: every analyser over one parsed representation of each item."""
from __future__ import annotations

import os

from pipeline.models import Actor, Commission, Programme, Topic
from pipeline.nlp.actors import ActorFinder, annotate_actors
from pipeline.nlp.commissions import CommissionFinder
from pipeline.nlp.instruments import InstrumentFinder
from pipeline.nlp.keyphrases import document_frequencies, keyphrases, phrase_counts
from pipeline.nlp.model import LoadedModel, default_model, nlp_rules
from pipeline.nlp.parsing import TAGGED_KINDS, Parsed, features, owners, parse, split_sentences
from pipeline.nlp.references import ReferenceFinder
from pipeline.nlp.timing import TimingFinder
from pipeline.nlp.topics import choose_topics, fill_topics
from pipeline.utils.lookups import dutch_lexicon


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
        mentions: dict[int, list[tuple[str, str, bool, str]]] = {}
        parsed: dict[int, tuple[Parsed, Parsed]] = {}

        def untagged_work() -> None:
            """What needs no tags, done while the workers tag: actor mentions, and the sentences of
            the items that are not tagged."""
            for owner in items:
                mentions[id(owner)] = list(self.actors.find(owner.text))
                if owner.kind not in TAGGED_KINDS:
                    parsed[id(owner)] = (features(split_sentences(self.model.nlp, owner.title)),
                                         features(split_sentences(self.model.nlp, owner.text)))

        docs = parse(self.model.nlp, [o.title for o in tagged] + [o.text for o in tagged], self.workers,
                     meanwhile=untagged_work)
        parsed.update(zip((id(o) for o in tagged), zip(docs[: len(tagged)], docs[len(tagged):], strict=True),
                          strict=True))
        actors: dict[str, Actor] = {}
        commissions: dict[str, Commission] = {}
        year = programme.edition.year
        vague = frozenset(self.rules["nlp"]["keyphrase_vague_words"])
        phrases = {id(o): phrase_counts(*parsed[id(o)], self.model.tagged, vague) for o in tagged}
        frequency = document_frequencies(list(phrases.values()))
        for owner in items:
            title_doc, text_doc = parsed[id(owner)]
            annotate_actors(mentions[id(owner)], owner, text_doc, actors)
            self.commissions.annotate(owner, commissions)
            if owner.kind in TAGGED_KINDS:
                owner.annotations.topics = choose_topics(title_doc, text_doc, self.rules["topics"])
                owner.annotations.keyphrases = keyphrases(phrases[id(owner)], frequency, len(tagged))
            owner.annotations.timing = self.timing.find(owner.text, year)
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


def analyse(programme: Programme, model: LoadedModel | None = None) -> Programme:
    """Run the NLP stage on an extracted programme (in place) and return it."""
    return Analyser(model).analyse(programme)
