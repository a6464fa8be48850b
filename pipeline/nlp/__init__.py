"""NLP stage: actors, commissions, topics, keyphrases, timing, references and instruments.

One module per analyser, all working on the one parsed representation of each
item that `parsing` makes; `stage.Analyser` runs those that `rules/nlp.yml`
lists, in that order.  The public call is `analyse(programme)`.
"""
# ruff: noqa: E402 (spaCy is imported first, without its command-line package)
from pipeline.utils.imports import import_spacy_without_cli

import_spacy_without_cli()

from pipeline.nlp.actors import ActorFinder
from pipeline.nlp.model import LoadedModel, blank_dutch, default_model, load_model
from pipeline.nlp.parsing import whole_sentences
from pipeline.nlp.stage import Analyser, analyse
from pipeline.nlp.timing import TimingFinder

__all__ = ["ActorFinder", "Analyser", "LoadedModel", "TimingFinder", "analyse", "blank_dutch", "default_model",
           "load_model", "whole_sentences"]
