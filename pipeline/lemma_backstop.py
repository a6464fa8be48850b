"""A spaCy component that backs the trainable lemmatizer up with the Dutch lookup table.

Where the lookup table of spacy-lookups-data knows a word form, its lemma is
used (proper nouns, numbers and symbols keep the trained lemma); elsewhere the
trained lemmatizer's lemma stays.  The project's pipeline includes it after
the trainable lemmatizer; importing this module registers the factory.
"""
from __future__ import annotations

import gzip
import json
from functools import cache
from importlib import resources

from spacy.language import Language
from spacy.tokens import Doc

KEEP_TRAINED = {"PROPN", "NUM", "PUNCT", "SYM", "X"}


@cache
def lookup_table() -> dict[str, str]:
    """Word form → lemma, from the Dutch tables of spacy-lookups-data."""
    data = resources.files("spacy_lookups_data") / "data" / "nl_lemma_lookup.json.gz"
    with data.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as handle:
        return json.load(handle)


class LemmaBackstop:
    """Replace trained lemmas by lookup lemmas where the table knows the form."""

    def __init__(self) -> None:
        self.table = lookup_table()

    def __call__(self, doc: Doc) -> Doc:
        table = self.table
        for token in doc:
            if token.pos_ in KEEP_TRAINED:
                continue
            lemma = table.get(token.text) or table.get(token.lower_)
            if lemma:
                token.lemma_ = lemma
        return doc


@Language.factory("werkprogramma_lemma_backstop")
def make_lemma_backstop(nlp: Language, name: str) -> LemmaBackstop:
    return LemmaBackstop()
