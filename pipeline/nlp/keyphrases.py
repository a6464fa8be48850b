"""Keyphrases: the lemmatised noun phrases an item is about."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from pipeline.nlp.parsing import Parsed


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

