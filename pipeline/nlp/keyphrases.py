"""Keyphrases: the noun phrases an item is about, more than the other items of the edition.

A POS-pattern chunker finds noun phrases: adjectives and nouns ending in a
noun, with one "van"-complement ("opvolging van de Europese beleidsagenda").
Each phrase is scored by how often the item uses it (its title counting
double) against how many items of the edition use it (tf·idf), so that a
phrase every dossier uses ("werk", "SERV") ranks low. A single word only
counts when it is specific (a long compound, a name) and few items use it.
Vague words (`keyphrase_vague_words` in `rules/nlp.yml`) come off a phrase.
Phrases are compared by their lemmas and shown as the text has them.
"""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from pipeline.nlp.parsing import TAGGED_KINDS, Owner, Parsed, ParsedItem
from pipeline.programme import Edition, Programme

NOMINAL = ("NOUN", "PROPN")
COMPLEMENT_DETERMINERS = {"de", "het", "een"}
# Dutch writes compounds as one word: a long one ("beroepskwalificaties") is specific, a short one
# ("kennis", "uitdagingen") is not.
SPECIFIC_WORD_LENGTH = 12


@dataclass
class PhraseCounts:
    """The noun phrases of one item: counts by lemma key and the first surface form of each."""

    counts: Counter = field(default_factory=Counter)
    surfaces: dict[str, str] = field(default_factory=dict)

    def add(self, words: Sequence[tuple[str, str, str]], weight: int, vague: frozenset[str]) -> None:
        """Count a phrase, without its vague head (see `rules/nlp.yml`)."""
        if "van" in (lemma for _, lemma, _ in words):
            cut = next(i for i, (_, lemma, _) in enumerate(words) if lemma == "van")
            if all(text.lower() in vague or lemma in vague for text, lemma, _ in words[:cut][-1:]):
                words = [w for w in words[cut + 1:] if w[1] not in COMPLEMENT_DETERMINERS]
        while words and (words[0][0].lower() in vague or words[0][1] in vague):
            words = words[1:]
        key = " ".join(lemma for _, lemma, _ in words)
        if len(key) > 3:
            self.counts[key] += weight
            self.surfaces.setdefault(key, " ".join(text for text, _, _ in words))


def phrase_word(token: tuple[str, str, str, bool]) -> bool:
    """An adjective or noun that can stand in a phrase (a word with letters, no slash or line break)."""
    text = token[0]
    return (token[2] in ("ADJ", *NOMINAL) and len(text) > 1 and any(c.isalpha() for c in text)
            and "/" not in text and not any(c.isspace() for c in text))


def noun_phrase_end(tokens: Sequence[tuple[str, str, str, bool]], start: int) -> int:
    """The end of the adjective-noun run starting at `start` ("&" may join two names), trimmed to its
    last noun (start when there is none)."""
    end = start
    while end < len(tokens) and (phrase_word(tokens[end]) or (
            end > start and tokens[end][0] == "&" and end + 1 < len(tokens) and phrase_word(tokens[end + 1]))):
        end += 1
    while end > start and tokens[end - 1][2] not in NOMINAL:
        end -= 1
    return end


def chunk(parsed: Parsed, tagged: bool, weight: int, into: PhraseCounts, vague: frozenset[str]) -> None:
    """Add the noun phrases of a parsed text (without a tagger: runs of content words)."""
    tokens = parsed.tokens
    index = 0
    while index < len(tokens):
        if not tagged:
            end = index
            while end < len(tokens) and tokens[end][3] and len(tokens[end][0]) > 2:
                end += 1
        else:
            end = noun_phrase_end(tokens, index)
            if end > index and end < len(tokens) and tokens[end][1] == "van":
                after = end + 1 + (end + 1 < len(tokens) and tokens[end + 1][1] in COMPLEMENT_DETERMINERS)
                complement = noun_phrase_end(tokens, after)
                if complement > after:
                    end = complement
        if end > index:
            into.add([(t[0], t[1].lower(), t[2]) for t in tokens[index:end]], weight, vague)
            index = end
        else:
            index += 1


@dataclass(frozen=True)
class KeyphraseFinder:
    """Keyphrases of dossiers, requests and themes (an item analyser): each item's noun phrases are
    counted where it is parsed, and scored against the whole edition's after."""

    vague: frozenset[str]
    tagged: bool

    def analyse_item(self, item: ParsedItem, edition: Edition) -> PhraseCounts | None:
        """The noun phrases of an item's title (counting double) and text (none for front matter and
        part intros)."""
        if item.owner.kind not in TAGGED_KINDS:
            return None
        counts = PhraseCounts()
        chunk(item.title, self.tagged, 2, counts, self.vague)
        chunk(item.text, self.tagged, 1, counts, self.vague)
        return counts

    def record(self, programme: Programme, items: Sequence[Owner], found: Sequence[PhraseCounts | None]) -> None:
        """Each item's keyphrases, by tf·idf over the items that have phrases."""
        counted = [(owner, counts) for owner, counts in zip(items, found, strict=True) if counts is not None]
        frequency: Counter = Counter()
        for _, counts in counted:
            frequency.update(counts.counts.keys())
        for owner, counts in counted:
            owner.annotations.keyphrases = keyphrases(counts, frequency, len(counted))


def specific_word(surface: str) -> bool:
    """A single word that can be a keyphrase: a long compound, a name, or a word with a digit or hyphen."""
    return (len(surface) >= SPECIFIC_WORD_LENGTH or surface[1:] != surface[1:].lower()
            or any(c.isdigit() or c == "-" for c in surface))


def keyphrases(item: PhraseCounts, frequency: Counter, items: int, limit: int = 5) -> list[str]:
    """Up to `limit` phrases most specific to the item, none a part of a better one; a single word only when
    it is specific (see `specific_word`) and at most a few items use it."""
    rare = max(2, items // 20)

    def score(key: str) -> float:
        return item.counts[key] * math.log(1 + items / frequency[key]) * (1 + 0.5 * min(key.count(" "), 2))

    kept = [k for k in item.counts if " " in k or (frequency[k] <= rare and specific_word(item.surfaces[k]))]
    chosen: list[str] = []
    for key in sorted(kept, key=lambda k: (-score(k), k)):
        words = set(key.split())
        if not any(words <= set(c.split()) for c in chosen):
            chosen.append(key)
        if len(chosen) == limit:
            break
    return [item.surfaces[k] for k in chosen]
