"""Text repair stage: join a block's lines into text, undo line-break hyphens and broken words.

A hyphen at a line end is removed only where the joined word is Dutch (a
lexicon word, a word the document itself uses, or a compound of such words)
and the hyphenated form is not a real compound; a space inside a word is
removed where the pieces are not words and the joined form is.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass

from pipeline.layout import Block
from pipeline.rules import TextRules
from pipeline.utils.lookups import dutch_lexicon
from pipeline.utils.text import words_of

LINE_HYPHENS = ("-", "\u00ad", "\u2010")
SUSPENDED_HYPHEN_FOLLOWERS = {"en", "of", "tot", "als", "noch", "and", "or"}
TRAILING_PUNCTUATION = ".,;:!?)”’'\"*"
LETTER_RUN = re.compile(r"[^\W\d_]+")
# A soft hyphen with more of its word after it is no break: it is invisible (a browser keeps one where it
# splits a ligature, "ef\u00adfecten"); only one at a line's end marks where a word was broken.
INNER_SOFT_HYPHEN = re.compile("\u00ad(?=\\S)")


def visible(text: str) -> str:
    """A line's text without the soft hyphens inside its words."""
    return INNER_SOFT_HYPHEN.sub("", text) if "\u00ad" in text else text


@dataclass(frozen=True)
class Vocabulary:
    """What counts as a word: the lexicon plus the document's own word counts."""

    lexicon: Container[str]
    counts: Counter
    rules: TextRules

    def known(self, word: str) -> bool:
        low = word.lower()
        return low in self.lexicon or self.counts[low] > 0

    def is_compound(self, word: str) -> bool:
        """A compound of two known words, optionally with a linking s, e or en."""
        low = word.lower()
        shortest = self.rules.compound_min_part
        for cut in range(shortest, len(low) - shortest + 1):
            head, tail = low[:cut], low[cut:]
            if not self.known(tail):
                continue
            for link in self.rules.compound_links:
                stem = head[: len(head) - len(link)]
                if head.endswith(link) and len(stem) >= shortest and self.known(stem):
                    return True
        return False

    def is_word(self, piece: str) -> bool:
        """Whether a piece of text stands as a word of its own (a broken-off piece occurs once)."""
        low = piece.lower()
        if len(low) == 1:
            return low in self.rules.single_letter_words
        return low in self.lexicon or self.counts[low] > 1


def vocabulary(blocks: Iterable[Block], rules: TextRules) -> Vocabulary:
    """Count the words that stand whole inside lines (not broken at a line end, before or after the break)."""
    counts: Counter = Counter()
    for block in blocks:
        broken = False
        for line in block.lines:
            words = visible(line.text).split()
            for index, token in enumerate(words):
                if (index == len(words) - 1 and token.endswith(LINE_HYPHENS)) or (index == 0 and broken):
                    continue
                counts.update(w.lower() for w in words_of(token))
                stripped = token.strip(TRAILING_PUNCTUATION + "(‘“")
                if "-" in stripped:
                    counts[stripped.lower()] += 1
            broken = bool(words) and words[-1].endswith(LINE_HYPHENS)
    return Vocabulary(lexicon=dutch_lexicon(), counts=counts, rules=rules)


def _core(token: str) -> str:
    return token.rstrip(TRAILING_PUNCTUATION)


def join_hyphenated(left: str, right: str, vocab: Vocabulary) -> str:
    """Join `left` (ending in a line-break hyphen) with the first token of the next line."""
    stem = left[:-1]
    head = re.sub(r"^.*[^\w]", "", stem)
    tail = re.match(r"\w*", right).group(0)
    rules = vocab.rules
    if not head or not tail or not head[-1].isalpha() or not tail[0].isalpha():
        return stem + "-" + right
    if tail.lower() in SUSPENDED_HYPHEN_FOLLOWERS:
        return stem + "- " + right
    both_caps = head.isupper() and tail.isupper()
    low_head, low_tail = head.lower(), tail.lower()
    joined, hyphenated = low_head + low_tail, low_head + "-" + low_tail
    keep = stem + "-" + right
    merge = stem + right
    if vocab.counts[hyphenated] != vocab.counts[joined]:
        return keep if vocab.counts[hyphenated] > vocab.counts[joined] else merge
    adjective = tuple(rules.coordinated_adjective_endings)
    if low_head.endswith(adjective) and low_tail.removesuffix("e").endswith(adjective):
        return keep
    if joined in vocab.lexicon or low_tail[0] in rules.diaeresis_vowels:
        return merge
    if not any(letter in rules.vowels for letter in low_tail):
        return keep  # a piece without a vowel is no rest of a word but an abbreviation ("belasting-WBM")
    if any(vocab.known(low_head[cut:] + low_tail) for cut in range(1, len(low_head))
           if len(low_head) - cut + len(low_tail) >= 2 * rules.compound_min_part):
        return merge  # the break falls inside a word that ends the compound ("beleidsre-" + "acties")
    if (hyphenated in vocab.lexicon or (low_head[-1] + low_tail[0]) in rules.vowel_clashes
            or (low_head[-1] in rules.vowels and low_tail[0] in rules.vowels)):
        return keep
    if not both_caps and (tail[0].isupper() or head.isupper()):
        return keep
    if (len(low_head) >= rules.compound_min_part and vocab.known(low_head) and vocab.is_compound(low_tail)
            and not vocab.known(joined) and not vocab.is_compound(joined)):
        return keep
    return merge


def repair_split_words(text: str, vocab: Vocabulary) -> str:
    """Remove a space inside a word where the pieces are not words and the joined form is."""
    tokens = text.split(" ")
    out: list[str] = []
    for token in tokens:
        if out:
            left = out[-1]
            left_core = re.sub(r"^[(‘“'\"]+", "", left)
            right_core = _core(token)
            if (left_core.isalpha() and right_core.isalpha() and left_core == left
                    and not vocab.is_word(left_core) and not vocab.is_word(right_core)):
                joined = left_core + right_core
                broken_off = min(len(left_core), len(right_core)) <= 2
                if vocab.known(joined) or (broken_off and vocab.is_compound(joined)):
                    out[-1] = left + token
                    continue
        out.append(token)
    return " ".join(out)


def join_lines(lines: Sequence[str], vocab: Vocabulary) -> str:
    """Join line texts with spaces, undoing line-break hyphens. The lines are joined from the last back, so
    that a word broken over three lines ("SOCIAAL-" "ECONOMI-" "SCHE") is whole when its first break is
    decided."""
    text = ""
    for line in reversed(lines):
        line = visible(line.strip())
        if not line:
            continue
        if text and line.endswith(LINE_HYPHENS) and not f" {line}".endswith(" -"):
            before, _, left = line.rpartition(" ")
            first, _, rest = text.partition(" ")
            joined = join_hyphenated(left.rstrip("".join(LINE_HYPHENS)) + "-", first, vocab)
            text = (f"{before} " if before else "") + joined + (f" {rest}" if rest else "")
        else:
            text = f"{line} {text}" if text else line
    return repair_split_words(text, vocab)


def repair_blocks(blocks: list[Block], rules: TextRules) -> list[Block]:
    """Fill in the repaired text of every block (the layout lines stay as they were)."""
    vocab = vocabulary(blocks, rules)
    for block in blocks:
        block.text = join_lines([line.text for line in block.lines], vocab)
    return blocks
