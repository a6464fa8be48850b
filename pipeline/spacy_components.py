"""spaCy components of the project's Dutch pipeline that lean on the Dutch lookup tables.

- `werkprogramma_lexicon_pos`: where the trained tagger calls a word a noun,
  verb or adjective and the tables allow exactly one other of those classes
  for it (and nothing else), the word gets that class; its morphological
  features, which belonged to the rejected class, are cleared.  This fixes
  unknown participles and infinitives tagged as nouns and the like.
- `werkprogramma_lemma_backstop`: where the lookup table knows a word form,
  its lemma replaces the trainable lemmatizer's (proper nouns, numbers and
  symbols keep the trained lemma).

Importing this module registers both factories.
"""
from __future__ import annotations

import numpy
from spacy.attrs import LEMMA, ORTH, POS
from spacy.language import Language
from spacy.parts_of_speech import IDS
from spacy.tokens import Doc
from spacy.vocab import Vocab

from pipeline.utils.lookups import lemma_lookup, word_classes

KEEP_TRAINED = ("PROPN", "NUM", "PUNCT", "SYM", "X")
OPEN_CLASSES = {"noun": "NOUN", "verb": "VERB", "adj": "ADJ"}


class LexiconPosCheck:
    """Move an open-class tag to the one open class the lookup tables allow for the word."""

    def __init__(self, open_classes: dict[str, str]) -> None:
        self.open_classes = open_classes
        self.tag_ids = {IDS[tag] for tag in open_classes.values()}
        self.moves: dict[str, int | None] = {}

    def move(self, form: str) -> int | None:
        """The only open-class tag (its ID) the tables allow for a form, if they allow nothing else."""
        if form not in self.moves:
            classes = word_classes(form)
            allowed = {self.open_classes[name] for name in classes} if classes <= self.open_classes.keys() else ()
            self.moves[form] = IDS[allowed.pop()] if len(allowed) == 1 else None
        return self.moves[form]

    def __call__(self, doc: Doc) -> Doc:
        strings = doc.vocab.strings
        for index, (orth, tag) in enumerate(doc.to_array([ORTH, POS]).tolist()):
            if tag in self.tag_ids:
                target = self.move(strings[orth])
                if target is not None and target != tag:
                    token = doc[index]
                    token.pos = target
                    token.set_morph(None)
        return doc


class LemmaBackstop:
    """Replace trained lemmas by lookup lemmas where the table knows the form."""

    def __init__(self, vocab: Vocab) -> None:
        self.table = lemma_lookup()
        self.keep_trained = {IDS[tag] for tag in KEEP_TRAINED}
        self.vocab = vocab
        self.lemma_ids: dict[int, int] = {}

    def lemma_id(self, orth: int) -> int:
        """The string ID of the lookup lemma of a form (exact, else lower case); 0 when the table lacks it."""
        if orth not in self.lemma_ids:
            form = self.vocab.strings[orth]
            lemma = self.table.get(form) or self.table.get(form.lower())
            self.lemma_ids[orth] = self.vocab.strings.add(lemma) if lemma else 0
        return self.lemma_ids[orth]

    def __call__(self, doc: Doc) -> Doc:
        keep = self.keep_trained
        lemmas = [lemma if tag in keep else self.lemma_id(orth) or lemma
                  for orth, tag, lemma in doc.to_array([ORTH, POS, LEMMA]).tolist()]
        doc.from_array([LEMMA], numpy.array(lemmas, dtype="uint64"))
        return doc


@Language.factory("werkprogramma_lexicon_pos", default_config={"open_classes": OPEN_CLASSES})
def make_lexicon_pos_check(nlp: Language, name: str, open_classes: dict[str, str]) -> LexiconPosCheck:
    return LexiconPosCheck(open_classes)


@Language.factory("werkprogramma_lemma_backstop")
def make_lemma_backstop(nlp: Language, name: str) -> LemmaBackstop:
    return LemmaBackstop(nlp.vocab)
