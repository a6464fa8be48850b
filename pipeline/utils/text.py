"""Text normalisation shared by the stages: comparison keys, slugs, casing."""
from __future__ import annotations

import re
import unicodedata

DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2212"), "-")
QUOTES = dict.fromkeys(map(ord, "\u2018\u2019\u201a\u201b\u2032\u00b4`"), "'")
QUOTES.update(dict.fromkeys(map(ord, "\u201c\u201d\u201e\u201f\u2033"), '"'))
WORD_RE = re.compile(r"[^\W\d_](?:[\w'’-]*\w)?", re.UNICODE)


def comparison_key(text: str) -> str:
    """Normalise a title for comparison: case, spaces, quotes, dashes, a list number, a trailing asterisk."""
    text = unicodedata.normalize("NFC", text or "").translate(DASHES).translate(QUOTES)
    text = text.replace("\u00ad", "")
    text = re.sub(r"\s+", " ", text).strip().casefold()
    text = re.sub(r"^\d+\.\s*", "", text)
    text = re.sub(r"\s*\*+$", "", text)
    return text.rstrip(" .")


def slugify(text: str, max_words: int = 8) -> str:
    """A lowercase ASCII slug of at most max_words words."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return "-".join(words[:max_words]) or "item"


def words_of(text: str) -> list[str]:
    """The words (letters first, inner hyphens and apostrophes kept) of a text."""
    return WORD_RE.findall(text)


def collapse_spaces(text: str) -> str:
    """Collapse runs of white space into one space and strip the ends."""
    return re.sub(r"\s+", " ", text).strip()
