"""The Dutch lemma tables of spacy-lookups-data, and the lexicon derived from them, searched in place."""
from __future__ import annotations

import gzip
import json
import mmap
from collections.abc import Callable, Container, Iterable
from functools import cache, lru_cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any


def dutch_table(name: str) -> Any:
    """One Dutch lemma table of spacy-lookups-data: "lookup", "index", "exc" or "rules" (read anew on each
    call: kept, the tables would hold tens of megabytes for the rest of a run that needed them once)."""
    data = resources.files("spacy_lookups_data") / "data" / f"nl_lemma_{name}.json.gz"
    with data.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as handle:
        return json.load(handle)


# Answers kept per table: a document's vocabulary, a few tens of thousands of words.
RECENT_KEYS = 1 << 16


class SortedLines:
    """Lines of a file in sorted order, each a key or a key, a tab and a value, searched where they lie
    (mapped into memory, never read whole): no load time and no memory for tables of hundreds of
    thousands of entries."""

    def __init__(self, path: Path) -> None:
        with path.open("rb") as handle:
            self.data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) if path.stat().st_size else b""
        self.find = lru_cache(maxsize=RECENT_KEYS)(self.search)

    def search(self, key: str) -> bytes | None:
        """The value of a key (b"" for a key without one), or None when the key is not there; `find` is
        the same with the answers for recent keys kept (a text asks about the same words again and again)."""
        if not key or "\n" in key or "\t" in key:
            return None
        target, data = key.encode("utf-8"), self.data
        low, high = 0, len(data)
        while low < high:
            middle = (low + high) // 2
            start = data.rfind(b"\n", 0, middle) + 1
            end = data.find(b"\n", start)
            end = len(data) if end < 0 else end
            line_key, _, value = data[start:end].partition(b"\t")
            if line_key == target:
                return value
            if line_key < target:
                low = end + 1
            else:
                high = start
        return None

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.find(key) is not None

    def get(self, key: str, default: str | None = None) -> str | None:
        value = self.find(key)
        return default if value is None else value.decode("utf-8")


def cached_lines(name: str, build: Callable[[], Iterable[str]]) -> SortedLines | frozenset[str]:
    """Lines derived from the tables (keys, or key-tab-value pairs), kept sorted in the cache folder and
    searched there; derived again when the tables' version changes. Where the cache folder cannot be
    written, the keys are kept in memory instead."""
    from pipeline.utils.files import cache_dir, write_atomic

    path = cache_dir() / "tables" / f"{name}-{metadata.version('spacy-lookups-data')}.txt"
    if not path.is_file():
        lines = sorted(line for line in build() if line and "\n" not in line)
        try:
            write_atomic(path, "\n".join(lines))
        except OSError:
            return frozenset(line.partition("\t")[0] for line in lines)
    return SortedLines(path)


def derive_lexicon() -> frozenset[str]:
    """Lower-case Dutch word forms and lemmas from the lemma tables of spacy-lookups-data."""
    words: set[str] = set()
    for form, lemma in dutch_table("lookup").items():
        words.update((form.lower(), lemma.lower()))
    for lemmas in dutch_table("index").values():
        words.update(lemma.lower() for lemma in lemmas)
    words.discard("")
    return frozenset(words)


@cache
def dutch_lexicon() -> Container[str]:
    """The Dutch lexicon, kept in the cache folder once derived and searched there."""
    return cached_lines("nl-lexicon", derive_lexicon)
