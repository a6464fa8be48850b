"""The Dutch pipeline: which one is loaded (once per process), and the rule files the stage reads.

`nl_core_news_sm` when it is installed, else the project's own pipeline in
`models/nl_werkprogramma`, else `spacy.blank("nl")` with the lookup lemmatizer
of spacy-lookups-data and a sentencizer.  Which one was used is logged and
recorded as `nlp_model`.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language

from pipeline.rules import RULES_DIR, read_yaml

LOG = logging.getLogger("werkprogramma")
INSTALLED_MODEL = "nl_core_news_sm"
PROJECT_MODEL = Path(__file__).resolve().parent.parent.parent / "models" / "nl_werkprogramma"
# Parts of the project pipeline that are spaCy's Dutch defaults: building the tokenizer reads its
# thousands of exceptions, and reading the saved copy would do that a second time.
DEFAULT_PARTS = ["tokenizer"]


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
        nlp = spacy.load(project, exclude=DEFAULT_PARTS)
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
    return {name: read_yaml(folder / f"{name}.yml") for name in ("actors", "topics", "commissions", "nlp")}
