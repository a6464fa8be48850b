"""The Dutch pipeline: which one is loaded (once per process).

`nl_core_news_sm` when it is installed, else the project's own pipeline in
`models/nl_werkprogramma`, else `spacy.blank("nl")` with the lookup lemmatizer
of spacy-lookups-data and a sentencizer.  Which one was used is logged and
recorded as `nlp_model`.
"""
from __future__ import annotations

import io
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy
import spacy
import srsly
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex
from thinc.api import use_ops

from pipeline.resources import PROJECT_MODEL
from pipeline.utils.files import cache_dir, write_atomic

LOG = logging.getLogger("werkprogramma")
INSTALLED_MODEL = "nl_core_news_sm"
# The project pipeline's tokenizer is spaCy's Dutch default (a test pins it): instead of reading the
# saved copy, the loader builds it with its exceptions deferred (see DeferredExceptionsTokenizer).
DEFERRED_TOKENIZER = "werkprogramma.dutch_tokenizer_deferred_exceptions.v1"
# thinc multiplies matrices with blis unless told otherwise; numpy's OpenBLAS does the same products
# (the same tags and lemmas on both editions) two to three times faster on the CPUs measured here.
MATRIX_OPS = {"name": "numpy", "use_blis": False}
NOT_ALPHANUMERIC = re.compile(r"[\W_]")


def anchor(key: str) -> tuple[str, int] | None:
    """Where an exception is looked for in a text: nearly every one holds a character that is no letter
    or digit ("bijv.", ":-)"), found at its offset in the exception with the (up to) two characters
    before it; None for the few others ("xD"), which are searched for as they are."""
    special = NOT_ALPHANUMERIC.search(key)
    return None if special is None else (key[max(0, special.start() - 2):special.end()], special.start())


class DeferredExceptionsTokenizer(Tokenizer):
    """spaCy's tokenizer that adds each of its exceptions ("bijv.", "m.b.t.", "'s", …) only once a text
    holds it: the same tokens, without building all 4,670 Dutch exceptions at load (about 0.25 s, half
    the pipeline's load time after importing spaCy) for the fifty or so a programme contains.

    An exception without white space matches a run of consecutive tokens that spell it, so it occurs in
    the text with its white space taken out (spaCy splits at the same white space as `str.split`);
    every such exception is added before the text is tokenised (a match across white space is not
    applied, but it can block an overlapping one, so the runs are not cut at white space), and those
    with white space are added at once.  Saving this tokenizer would save only the exceptions added
    so far.
    """

    def __init__(self, vocab, rules: dict, **settings) -> None:
        eager = {key: value for key, value in rules.items() if key != "".join(key.split())}
        super().__init__(vocab, rules=eager, **settings)
        self.deferred = {key: value for key, value in rules.items() if key not in eager}
        self.anchored: dict[tuple[str, int], list[str]] = {}
        self.offsets: dict[str, set[int]] = {}
        self.plain: list[str] = []
        for key in self.deferred:
            found = anchor(key)
            if found is None:
                self.plain.append(key)
                continue
            self.anchored.setdefault(found, []).append(key)
            self.offsets.setdefault(key[found[1]], set()).add(found[1])

    def __call__(self, text: str) -> Doc:
        self.add_exceptions_in(text)
        return super().__call__(text)

    def add_exceptions_in(self, text: str) -> None:
        """Add the deferred exceptions that occur in the text without its white space."""
        if not self.deferred:
            return
        run, anchored, offsets = "".join(text.split()), self.anchored, self.offsets
        found = {key for key in self.plain if key in run}
        for special in NOT_ALPHANUMERIC.finditer(run):
            end = special.end()
            for at in offsets.get(special.group(), ()):
                start = end - 1 - at
                if start >= 0:
                    found.update(key for key in anchored.get((run[max(start, end - 3):end], at), ())
                                 if run.startswith(key, start))
        for key in sorted(found):
            place = anchor(key)
            (self.plain if place is None else anchored[place]).remove(key)
            self.add_special_case(key, self.deferred.pop(key))


@spacy.registry.tokenizers(DEFERRED_TOKENIZER)
def dutch_tokenizer_deferred_exceptions() -> Callable[[Language], Tokenizer]:
    """spaCy's default tokenizer for the language (`spacy.Tokenizer.v1`), exceptions deferred."""

    def create(nlp: Language) -> Tokenizer:
        defaults = nlp.Defaults
        return DeferredExceptionsTokenizer(
            nlp.vocab, defaults.tokenizer_exceptions,
            prefix_search=compile_prefix_regex(defaults.prefixes).search if defaults.prefixes else None,
            suffix_search=compile_suffix_regex(defaults.suffixes).search if defaults.suffixes else None,
            infix_finditer=compile_infix_regex(defaults.infixes).finditer if defaults.infixes else None,
            token_match=defaults.token_match, url_match=defaults.url_match)

    return create


class VectorRows(dict):
    """The project pipeline's `Vectors.key2row`, filled as texts need it: the first time `get` (which
    `Vectors.find` calls) or `in` asks for a key, its row is found in the table's keys and rows, sorted
    and mapped into memory (`vector_table`), instead of reading all 414,000 keys at load (about 0.09 s
    and 40 MB).  It holds the keys asked for so far."""

    def __init__(self, table: numpy.ndarray) -> None:
        super().__init__()
        self.keys, self.rows = numpy.asarray(table[0]), numpy.asarray(table[1])
        self.absent: set[int] = set()

    def get(self, key: int, default: int | None = None) -> int | None:
        row = dict.get(self, key)
        if row is None and key not in self.absent:
            at = int(self.keys.searchsorted(numpy.uint64(key)))  # a Python int would convert the whole array
            if at < len(self.keys) and int(self.keys[at]) == key:
                row = self[key] = int(self.rows[at])
            else:
                self.absent.add(key)
        return default if row is None else row

    def __contains__(self, key: object) -> bool:
        return isinstance(key, int) and self.get(key) is not None


def vector_table(project: Path) -> numpy.ndarray | None:
    """The keys of the pipeline's vectors table, sorted, over their rows (a 2 × n array), derived once
    from `vocab/key2row` into the cache folder and mapped into memory from there; None where the cache
    folder cannot be written or the pipeline has no such table."""
    source = project / "vocab" / "key2row"
    if not source.is_file():
        return None
    stamp = source.stat()  # a retrained pipeline writes the file anew: no need to read 4 MB to know it
    path = cache_dir() / "tables" / f"vector-keys-{stamp.st_size}-{stamp.st_mtime_ns}.npy"
    if not path.is_file():
        key2row = srsly.read_msgpack(source)
        keys = numpy.fromiter(key2row, dtype=numpy.uint64, count=len(key2row))
        rows = numpy.fromiter(key2row.values(), dtype=numpy.uint64, count=len(key2row))
        order = numpy.argsort(keys, kind="stable")
        buffer = io.BytesIO()
        numpy.save(buffer, numpy.stack([keys[order], rows[order]]))
        try:
            write_atomic(path, buffer.getvalue())
        except OSError:
            return None
    return numpy.load(path, mmap_mode="r")


def load_project_pipeline(project: Path) -> Language:
    """The project pipeline: its tokenizer with exceptions deferred, its vectors' keys looked up as
    texts need them (where the cache folder can be written)."""
    tokenizer = {"nlp": {"tokenizer": {"@tokenizers": DEFERRED_TOKENIZER}}}
    table = vector_table(project)
    if table is None:
        return spacy.load(project, exclude=["tokenizer"], config=tokenizer)
    nlp = spacy.load(project, exclude=["tokenizer", "vectors"], config=tokenizer)
    nlp.vocab.vectors.from_disk(project / "vocab", exclude=["strings", "key2row"])
    nlp.vocab.vectors.key2row = VectorRows(table)
    return nlp


@dataclass(frozen=True)
class LoadedModel:
    """A loaded Dutch pipeline and how to name it in the output."""

    nlp: Language
    name: str

    @property
    def tagged(self) -> bool:
        return any(name in self.nlp.pipe_names for name in ("morphologizer", "tagger"))


def blank_dutch() -> Language:
    """spaCy's blank Dutch with the lookup lemmatizer and a sentencizer."""
    nlp = spacy.blank("nl")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"}).initialize()
    return nlp


def load_model(installed: str = INSTALLED_MODEL, project: Path | str = PROJECT_MODEL) -> LoadedModel:
    """The best Dutch pipeline available here (see the module docstring), its layers multiplying
    matrices with numpy (`MATRIX_OPS`)."""
    with use_ops(**MATRIX_OPS):
        return _load_model(installed, Path(project))


def _load_model(installed: str, project: Path) -> LoadedModel:
    if spacy.util.is_package(installed):
        nlp = spacy.load(installed, exclude=["ner"])
        name = f"{installed} {nlp.meta.get('version', '')}".strip()
    elif (project / "config.cfg").is_file():
        nlp = load_project_pipeline(project)
        name = f"{nlp.meta.get('name', project.name)} {nlp.meta.get('version', '')} (project pipeline)".strip()
    else:
        nlp = blank_dutch()
        name = "blank nl + lookup lemmatizer (spacy-lookups-data)"
    LOG.info("Dutch NLP pipeline: %s", name)
    return LoadedModel(nlp=nlp, name=name)


@cache
def default_model() -> LoadedModel:
    """The pipeline of this process, loaded on first use."""
    return load_model()

