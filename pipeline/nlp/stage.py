"""The NLP stage: the analysers `rules/nlp.yml` lists, over one parsed representation of each item.

As spaCy composes a pipeline of components by name, the stage builds the analysers named under
`analysers` from the registry `ANALYSERS`, in that order.  An analyser looks at one item at a time
(`ItemAnalyser`: run in the process that parses the item, so that a forked worker sends back only
what it found) or across the document (`DocumentAnalyser`: run once every item is parsed).
"""
from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any, Protocol, runtime_checkable

from pipeline.nlp.actors import ActorFinder
from pipeline.nlp.commissions import CommissionFinder
from pipeline.nlp.instruments import InstrumentFinder
from pipeline.nlp.keyphrases import KeyphraseFinder
from pipeline.nlp.model import LoadedModel, default_model
from pipeline.nlp.parsing import Owner, ParsedItem, owners, parse_items
from pipeline.nlp.references import ReferenceFinder
from pipeline.nlp.timing import TimingFinder
from pipeline.nlp.topics import TopicFinder
from pipeline.programme import Edition, Programme
from pipeline.rules import NlpRules, load_rules
from pipeline.utils.lookups import dutch_lexicon


@runtime_checkable
class ItemAnalyser(Protocol):
    """Finds what each item holds by itself where the item is parsed, then records what it found in
    all items, in reading order, in the stage's process."""

    def analyse_item(self, item: ParsedItem, edition: Edition) -> Any:
        """What the item holds (sent back from a parsing worker: keep it small)."""

    def record(self, programme: Programme, items: Sequence[Owner], found: Sequence[Any]) -> None:
        """Annotate the items and the programme with what `analyse_item` found in each item."""


@runtime_checkable
class DocumentAnalyser(Protocol):
    """Finds what spans the document (a reference to another theme, …) once every item is parsed."""

    def analyse_document(self, programme: Programme, items: Sequence[Owner]) -> None:
        """Annotate the items and the programme."""


# Each analyser by the name `rules/nlp.yml` lists it under, made from the stage's rules and pipeline.
ANALYSERS: dict[str, Callable[[NlpRules, LoadedModel], ItemAnalyser | DocumentAnalyser]] = {
    "actors": lambda rules, _: ActorFinder(rules.actors, rules.commissions.name_patterns, dutch_lexicon()),
    "commissions": lambda rules, _: CommissionFinder(rules.commissions),
    "topics": lambda rules, _: TopicFinder(rules.topics),
    "keyphrases": lambda rules, model: KeyphraseFinder(rules.keyphrase_vague_words, model.tagged),
    "timing": lambda rules, _: TimingFinder(rules),
    "references": lambda rules, _: ReferenceFinder(rules),
    "instruments": lambda rules, _: InstrumentFinder(rules.instruments),
}


def make_analysers(rules: NlpRules, model: LoadedModel) -> list[ItemAnalyser | DocumentAnalyser]:
    """The analysers `rules.analysers` names, in that order."""
    unknown = [name for name in rules.analysers if name not in ANALYSERS]
    if unknown:
        raise ValueError(f"rules/nlp.yml: no analyser {', '.join(unknown)} (there are {', '.join(ANALYSERS)})")
    return [ANALYSERS[name](rules, model) for name in rules.analysers]


@cache
def default_analysers() -> list[ItemAnalyser | DocumentAnalyser]:
    """The analysers of the shipped rules over this process's pipeline, made once (the NLP process makes
    them while the pages are read): they keep nothing of the programmes they analyse."""
    return make_analysers(load_rules().nlp, default_model())


class Analyser:
    """Runs the NLP stage over a programme: the analysers `rules.analysers` names, in that order."""

    def __init__(self, model: LoadedModel | None = None, rules: NlpRules | None = None,
                 workers: int | None = None) -> None:
        self.model = model or default_model()
        self.workers = workers or os.cpu_count() or 1
        self.analysers = (default_analysers() if model is None and rules is None
                          else make_analysers(rules or load_rules().nlp, self.model))

    def analyse(self, programme: Programme) -> Programme:
        """Annotate the programme in place and return it."""
        items = owners(programme)
        per_item = [a for a in self.analysers if isinstance(a, ItemAnalyser)]
        edition = programme.edition
        found = parse_items(self.model.nlp, items, self.workers,
                            lambda item: [analyser.analyse_item(item, edition) for analyser in per_item])
        for analyser in self.analysers:
            if isinstance(analyser, ItemAnalyser):
                position = per_item.index(analyser)
                analyser.record(programme, items, [item[position] for item in found])
            if isinstance(analyser, DocumentAnalyser):
                analyser.analyse_document(programme, items)
        programme.nlp_model = self.model.name
        return programme


def analyse(programme: Programme, model: LoadedModel | None = None, workers: int | None = None) -> Programme:
    """Run the NLP stage on an extracted programme (in place) and return it."""
    return Analyser(model, workers=workers).analyse(programme)
