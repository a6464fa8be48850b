"""Turn the Dutch lemma tables into static word features the trained pipeline reads as vectors.

    python models/lexicon.py OUT_FOLDER EXAMPLES.spacy

The tables of spacy-lookups-data know far more word forms than the treebanks.
Instead of rule components that overrule the trained tagger and lemmatizer
(which need this project's code at load time), the tables become features the
network learns to weigh: for every lower-case form they know, one vector of

- the word classes the tables allow for it (noun, verb, adjective, …), and
- which edit tree turns it into its lookup lemma (the trainable lemmatizer's
  own labels: "-en" → "", "-ge-" after four letters → "", …), one of the most
  frequent trees, "another tree" or "no lemma".

Forms with the same features share one row, so the table is small.  The result
is a blank Dutch pipeline whose vectors are keyed by the lower-case form
(`keep_key_attribute` works around spaCy not saving that choice); training
reads it through `[initialize] vectors` and the trained pipeline carries it in
its own vocabulary: `spacy.load` needs nothing but spaCy.

The treebanks hold too few inflected forms to teach the lemmatizer what each
rewrite feature means, so every `EXAMPLE_EVERY`th form of the lookup table, and
the first `EXAMPLES_PER_REWRITE` forms of every edit tree in it (so that rare
rewrites such as irregular verbs become labels too), are also written as
one-word training examples that have a lemma and nothing else (the other
components see no annotation there and learn nothing from it).
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from functools import cache
from pathlib import Path

import numpy
import spacy
from spacy.attrs import LOWER
from spacy.pipeline._edit_tree_internals.edit_trees import EditTrees
from spacy.strings import StringStore
from spacy.tokens import Doc, DocBin
from spacy.vectors import Vectors

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from pipeline.utils import lookups
from pipeline.utils.lookups import derive_lexicon

# This tool reads some lemma tables more than once; a run of the pipeline reads each once and keeps none.
dutch_table = cache(lookups.dutch_table)

WORD_CLASSES = ("noun", "verb", "adj", "adv", "adp", "det", "pron", "num")
# One lookup form in this many becomes a lemma-only training example (with the ones below, 73,780 of
# them, about half as many as the treebank tokens).
EXAMPLE_EVERY = 3
# Each edit tree of the lookup table also comes with at least this many examples, so that the
# lemmatizer learns the rare rewrites (irregular verbs, separable prefixes) as labels too.
EXAMPLES_PER_REWRITE = 3
# Rewrites beyond this rank are rare (a handful of forms each) and share one feature.
REWRITES = 400


class Rewrites:
    """The edit tree (as spaCy's trainable lemmatizer spells it) that turns a form into its lemma."""

    def __init__(self) -> None:
        self.trees = EditTrees(StringStore())

    def __call__(self, form: str, lemma: str) -> str:
        return self.trees.tree_to_str(self.trees.add(form, lemma))


class WordClasses:
    """The classes ("noun", "verb", "adj", …) the tables allow for a form: as a lemma, through the lookup
    table, as a listed exception or through a suffix rule whose result is a listed lemma."""

    def __init__(self, lookup: dict[str, str]) -> None:
        self.lookup = lookup
        self.lemmas = {name: frozenset(lemmas) for name, lemmas in dutch_table("index").items()}
        self.exceptions = {name: frozenset(forms) for name, forms in dutch_table("exc").items()}
        self.rules = {name: tuple(map(tuple, rules)) for name, rules in dutch_table("rules").items()
                      if name in self.lemmas}

    def __call__(self, word: str) -> frozenset[str]:
        lemma = self.lookup.get(word)
        classes = {name for name, known in self.lemmas.items() if word in known or lemma in known}
        classes.update(name for name, forms in self.exceptions.items() if word in forms)
        for name, rules in self.rules.items():
            if name not in classes and any(
                    word.endswith(old) and word[:len(word) - len(old)] + new in self.lemmas[name]
                    for old, new in rules):
                classes.add(name)
        return frozenset(classes)


def features() -> dict[str, tuple[frozenset[str], str | None]]:
    """Word classes and lemma rewrite of every lower-case form the tables know."""
    lookup = {form.lower(): lemma.lower() for form, lemma in dutch_table("lookup").items()}
    forms = set(derive_lexicon()) | {form.lower() for table in dutch_table("exc").values() for form in table}
    word_classes, rewrite = WordClasses(lookup), Rewrites()
    return {form: (word_classes(form), rewrite(form, lookup[form]) if form in lookup else None)
            for form in sorted(forms) if form and " " not in form}


def keep_key_attribute(pipeline: Path) -> None:
    """Write the vectors' key attribute (lower case) into a saved pipeline's vectors.cfg: spaCy 3.8
    reads it back but writes it only in floret mode, so without this a saved pipeline would look
    its vectors up by the exact form."""
    path = pipeline / "vocab" / "vectors.cfg"
    settings = json.loads(path.read_text(encoding="utf-8"))
    settings["attr"] = LOWER
    path.write_text(json.dumps(settings), encoding="utf-8")


def build(out: Path) -> dict:
    """Write the blank pipeline with the feature vectors to `out`; return its figures."""
    known = features()
    counts = Counter(change for _, change in known.values() if change is not None)
    ranked = {change: rank for rank, (change, _) in enumerate(counts.most_common(REWRITES))}
    width = len(WORD_CLASSES) + len(ranked) + 2
    rows: dict[tuple[int, ...], int] = {}
    keys: list[tuple[str, int]] = []
    for form, (classes, change) in known.items():
        hot = [WORD_CLASSES.index(name) for name in classes if name in WORD_CLASSES]
        if change is None:
            hot.append(width - 1)
        else:
            hot.append(len(WORD_CLASSES) + ranked.get(change, len(ranked)))
        keys.append((form, rows.setdefault(tuple(sorted(hot)), len(rows))))
    data = numpy.zeros((len(rows), width), dtype="float32")
    for hot, row in rows.items():
        data[row, list(hot)] = 1.0
    nlp = spacy.blank("nl")
    vectors = Vectors(strings=nlp.vocab.strings, data=data, name="nl_lemma_tables", attr="LOWER")
    for form, row in keys:
        vectors.add(form, row=row)
    nlp.vocab.vectors = vectors
    nlp.to_disk(out)
    keep_key_attribute(out)
    return {"forms": len(keys), "rows": len(rows), "width": width, "rewrites": len(ranked)}


def lemma_examples(path: Path, every: int = EXAMPLE_EVERY, per_rewrite: int = EXAMPLES_PER_REWRITE) -> int:
    """Write every `every`th form of the lookup table (in sorted order), and the first `per_rewrite`
    forms of every edit tree, with its lemma as a one-word training example; return how many."""
    vocab = spacy.blank("nl").vocab
    table = sorted((form, lemma) for form, lemma in dutch_table("lookup").items()
                   if form and " " not in form and " " not in lemma)
    rewrite, seen = Rewrites(), Counter()
    pairs = []
    for index, (form, lemma) in enumerate(table):
        change = rewrite(form, lemma)
        seen[change] += 1
        if index % every == 0 or seen[change] <= per_rewrite:
            pairs.append((form, lemma))
    docs = DocBin(attrs=["ORTH", "LEMMA"], store_user_data=False)
    for form, lemma in pairs:
        docs.add(Doc(vocab, words=[form], lemmas=[lemma]))
    path.parent.mkdir(parents=True, exist_ok=True)
    docs.to_disk(path)
    return len(pairs)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip().splitlines()[2].strip())
    figures = build(Path(sys.argv[1]))
    figures["lemma_examples"] = lemma_examples(Path(sys.argv[2]))
    print(json.dumps(figures))
