"""Casing: a document's own spelling of names, to restore headings set in capitals."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from functools import partial

from pipeline.layout import Block
from pipeline.text.repair import LETTER_RUN

NAME_RUN = re.compile(r"[A-ZÀ-Ý][^\W\d_]*(?:\s+(?:&\s+)?[A-ZÀ-Ý][^\W\d_]*)+")
MAX_NAME_WORDS = 8


def casing_table(blocks: Iterable[Block]) -> dict[str, str]:
    """How each word is spelt in running text, sentence starts left out, and how each run of
    capitalised words is ("Vlaamse Jeugdraad"), keyed by its lower-case form.

    Acronyms keep their capitals; other words are lower case wherever the text has them so.
    """
    spellings: dict[str, Counter] = {}
    for block in blocks:
        if block.upper:
            continue
        previous = "."
        for token in block.text.split():
            runs = LETTER_RUN.findall(token)
            if previous[-1:] in ".:!?":
                runs = runs[1:]
            for word in runs:
                spellings.setdefault(word.lower(), Counter())[word] += 1
            previous = token
        for run in NAME_RUN.finditer(block.text):
            words = run.group(0).split()
            for start in range(len(words)):
                for end in range(start + 2, min(len(words), start + MAX_NAME_WORDS) + 1):
                    phrase = " ".join(words[start:end])
                    if words[start] != "&" and words[end - 1] != "&" and not phrase.isupper():
                        spellings.setdefault(phrase.lower(), Counter())[phrase] += 1
    table = {}
    for low, counts in spellings.items():
        common = counts.most_common(1)[0][0]
        table[low] = common if common.isupper() or low not in counts or " " in low else low
    return table


def recaser(blocks: Iterable[Block]) -> Callable[[str], str]:
    """`restore_case` with the casing table of the document's blocks."""
    return partial(restore_case, casing=casing_table(blocks))


def restore_case(text: str, casing: dict[str, str]) -> str:
    """Turn an all-capitals heading into the spelling the document uses in running text: the whole
    heading where the text names it ("Vlaamse Jeugdraad"), else word by word."""
    letters = [c for c in text if c.isalpha()]
    if not letters or not all(c.isupper() for c in letters):
        return text
    name = casing.get(" ".join(text.split()).lower())
    if name is not None and " " in name:
        return name
    seen_word = False

    def recase(match: re.Match[str]) -> str:
        """A word as the text spells it; the heading's first word (after any outline number) with a capital."""
        nonlocal seen_word
        first, seen_word = not seen_word, True
        word = match.group(0)
        known = casing.get(word.lower())
        if known is not None and (known.isupper() or known[:1].isupper()):
            return known
        lowered = word.lower()
        return lowered[:1].upper() + lowered[1:] if first else lowered

    return LETTER_RUN.sub(recase, text)
