"""Casing: a document's own spelling of names, to restore headings set in capitals."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from functools import partial

from pipeline.layout import Block
from pipeline.text.repair import LETTER_RUN, TRAILING_PUNCTUATION

NAME_RUN = re.compile(r"[A-ZÀ-Ý][^\W\d_]*(?:\s+(?:&\s+)?[A-ZÀ-Ý][^\W\d_]*)+")
MAX_NAME_WORDS = 8
TITLE_NUMBER = re.compile(r"\s*\d+\s+$")  # a bare number before a title's first word belongs to the title


def casing_table(blocks: Iterable[Block]) -> dict[str, str]:
    """How each word is spelt in running text, sentence starts left out, and how each run of
    capitalised words is ("Vlaamse Jeugdraad"), keyed by its lower-case form.

    Acronyms keep their capitals; other words are lower case wherever the text has them so. A run of
    capitalised words counts as a name only where the text does not write it in lower case more often
    ("Sociale Partners" in a name "Huis van de Sociale Partners", "sociale partners" elsewhere).
    """
    spellings: dict[str, Counter] = {}
    texts = [block.text for block in blocks if not block.upper]
    for text in texts:
        previous = "."
        for token in text.split():
            runs = LETTER_RUN.findall(token)
            if previous[-1:] in ".:!?":
                runs = runs[1:]
            for word in runs:
                spellings.setdefault(word.lower(), Counter())[word] += 1
            previous = token
        for run in NAME_RUN.finditer(text):
            words = run.group(0).split()
            for start in range(len(words)):
                for end in range(start + 2, min(len(words), start + MAX_NAME_WORDS) + 1):
                    phrase = " ".join(words[start:end])
                    if words[start] != "&" and words[end - 1] != "&" and not phrase.isupper():
                        spellings.setdefault(phrase.lower(), Counter())[phrase] += 1
    lower_case = lower_case_phrases(texts, {low for low in spellings if " " in low})
    table = {}
    for low, counts in spellings.items():
        common, count = counts.most_common(1)[0]
        if " " in low and lower_case[low] > count:
            continue
        table[low] = common if common.isupper() or low not in counts or " " in low else low
    return table


def lower_case_phrases(texts: Iterable[str], phrases: set[str]) -> Counter:
    """How often the text writes each of `phrases` (lower-case runs of words) in lower case."""
    found: Counter = Counter()
    longest = max((phrase.count(" ") + 1 for phrase in phrases), default=0)
    firsts = {phrase.split(" ", 1)[0] for phrase in phrases}
    for text in texts:
        words = [token.strip(TRAILING_PUNCTUATION + "(‘“") for token in text.split()]
        for start in range(len(words)):
            if words[start] not in firsts:
                continue
            for end in range(start + 2, min(len(words), start + longest) + 1):
                phrase = " ".join(words[start:end])
                if phrase in phrases:
                    found[phrase] += 1
    return found


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
        """A word as the text spells it; the heading's first word (after any outline number: "2.", "1.3")
        with a capital, unless a number of the title stands before it ("15 jaar")."""
        nonlocal seen_word
        first = not seen_word and not TITLE_NUMBER.match(text[:match.start()])
        seen_word = True
        word = match.group(0)
        known = casing.get(word.lower())
        if known is not None and (known.isupper() or known[:1].isupper()):
            return known
        lowered = word.lower()
        return lowered[:1].upper() + lowered[1:] if first else lowered

    return LETTER_RUN.sub(recase, text)
