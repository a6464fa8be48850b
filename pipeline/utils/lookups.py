"""The Dutch lemma tables of spacy-lookups-data: loading them, and the word classes they allow for a form."""
from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from functools import cache, lru_cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any


@cache
def dutch_table(name: str) -> Any:
    """One Dutch lemma table of spacy-lookups-data: "lookup", "index", "exc" or "rules"."""
    data = resources.files("spacy_lookups_data") / "data" / f"nl_lemma_{name}.json.gz"
    with data.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as handle:
        return json.load(handle)


@cache
def _lemmas_by_class() -> dict[str, frozenset[str]]:
    return {word_class: frozenset(lemmas) for word_class, lemmas in dutch_table("index").items()}


@cache
def _exceptions_by_class() -> dict[str, frozenset[str]]:
    return {word_class: frozenset(forms) for word_class, forms in dutch_table("exc").items()}


@cache
def _suffix_rules() -> dict[str, tuple[tuple[str, str], ...]]:
    """The suffix rules of the classes that have a lemma list to check their results against."""
    lemmas = _lemmas_by_class()
    return {name: tuple(map(tuple, rules)) for name, rules in dutch_table("rules").items() if name in lemmas}


@lru_cache(maxsize=200_000)
def word_classes(form: str) -> frozenset[str]:
    """The classes ("noun", "verb", "adj", …) the tables allow for a form: as a lemma, through the
    lookup table, as a listed exception or through a suffix rule; empty when the tables do not know it."""
    word = form.lower()
    lemmas, lemma = _lemmas_by_class(), dutch_table("lookup").get(word)
    classes = {name for name, known in lemmas.items() if word in known or lemma in known}
    classes.update(name for name, forms in _exceptions_by_class().items() if word in forms)
    for name, rules in _suffix_rules().items():
        if name not in classes and any(
                word.endswith(old) and word[:len(word) - len(old)] + new in lemmas[name] for old, new in rules):
            classes.add(name)
    return frozenset(classes)


def cached_words(name: str, folder: Path, build: Callable[[], frozenset[str]]) -> frozenset[str]:
    """A word set derived from the tables, kept in `folder` as one word per line (read in a tenth of the
    time it takes to derive it); derived again when the tables' version changes or the file is unreadable."""
    path = folder / f"{name}-{metadata.version('spacy-lookups-data')}.txt"
    try:
        return frozenset(path.read_text(encoding="utf-8").split("\n"))
    except (OSError, UnicodeDecodeError):
        pass
    words = build()
    try:
        from pipeline.output import write_atomic

        write_atomic(path, "\n".join(sorted(words)))
    except OSError:
        pass  # a read-only or full disk only costs the next run the same time again
    return words
