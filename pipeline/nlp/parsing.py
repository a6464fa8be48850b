"""The one parsed representation of each analysed item that every analyser shares.

Dossiers, requests and themes go through the full Dutch pipeline; front
matter and part intros only need sentences.  What is kept of a parsed text is
compact (`Parsed`): lemmas, whole sentences and the tokens for keyphrases.
"""
from __future__ import annotations

import multiprocessing
import re
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from typing import Any, TypeVar

from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc
from threadpoolctl import threadpool_limits

from pipeline.programme import Annotations, Programme
from pipeline.utils.text import slugify

# Dossiers, requests and themes get topics and keyphrases and go through the
# full pipeline; front matter and part intros only need actors, timing and
# references, for which splitting sentences is enough.
TAGGED_KINDS = {"dossier", "advisory_request", "theme"}
MIN_WORDS_PER_WORKER = 4000
# Forked workers copy the parent's memory as they touch it; past this much text
# (a document of hundreds of pages) one process parses it, to bound memory.
MAX_WORDS_FOR_WORKERS = 50_000
# Chunks of items per parsing process: enough for the processes to even out, few enough that each
# chunk still fills the pipeline's batches.
CHUNKS_PER_PROCESS = 8
_PARSING: dict[str, Any] = {}
Analysed = TypeVar("Analysed")


@dataclass(frozen=True, slots=True)
class Parsed:
    """What the NLP stage keeps of a parsed text: lemmas, sentences, and tokens for keyphrases."""

    lemmas: str
    sentences: tuple[tuple[int, int, str], ...]
    tokens: tuple[tuple[str, str, str, bool], ...]


@dataclass(frozen=True, slots=True)
class ParsedItem:
    """An item as the item analysers see it: what it is, and its parsed title and text."""

    owner: Owner
    title: Parsed
    text: Parsed


def features(doc: Doc) -> Parsed:
    """The compact features of a spaCy doc (the doc itself can then be dropped); word strings are
    interned, so that a long document keeps one copy of each word."""
    intern = sys.intern
    tokens = tuple((intern(t.text), intern((t.lemma_ or t.text).lower()), t.pos_, t.is_alpha and not t.is_stop)
                   for t in doc)
    lemmas = " ".join(lemma for text, lemma, pos, _ in tokens if pos not in ("PUNCT", "SPACE") and text.strip())
    return Parsed(lemmas=lemmas, sentences=whole_sentences(doc), tokens=tokens)


SENTENCE_END = ".!?:;…"
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
CLOSING = "’”'\")]"


def whole_sentences(doc: Doc) -> tuple[tuple[int, int, str], ...]:
    """The doc's sentences as (start, end, text), ended by punctuation rather than by layout.

    The pieces are the segmenter's sentences cut again at paragraph breaks; a piece that does not
    end in closing punctuation runs on into the next ("Vlaams minister van Werk en Sociale Economie |
    Jo Brouns lanceert …", "(luik | Industrie)", a sentence cut by a column break), unless the next
    is a list item ("- …"). The text has its line and paragraph breaks made spaces.
    """
    text = doc.text
    cuts = sorted({s.start_char for s in doc.sents} | {m.end() for m in PARAGRAPH_BREAK.finditer(text)}
                  | {len(text)})
    spans: list[list[int]] = []
    for start, end in pairwise(cuts):
        piece = text[start:end]
        if not piece.strip():
            continue
        start, end = start + len(piece) - len(piece.lstrip()), start + len(piece.rstrip())
        if spans and not text.startswith("- ", start):
            previous = text[spans[-1][0]:spans[-1][1]].rstrip(CLOSING)
            if not previous.endswith(tuple(SENTENCE_END)):
                spans[-1][1] = end
                continue
        spans.append([start, end])
    return tuple((start, end, " ".join(text[start:end].split())) for start, end in spans)


@cache
def _sentencizer() -> Sentencizer:
    return Sentencizer()


def split_sentences(nlp: Language, text: str) -> Doc:
    """Tokens and rule-based sentences only, for texts that need no tags: the loaded pipeline's own
    tokenizer (building a second one reads thousands of tokenizer exceptions again)."""
    return _sentencizer()(nlp.make_doc(text))


def _parse_share(indexes: list[int]) -> list[Any]:
    """Parse and analyse the items at these indexes of the parse in progress (`_PARSING`, inherited by
    forked workers): the tagged items through the whole pipeline, in batches, the others into
    sentences only."""
    nlp, items, analyse = _PARSING["nlp"], _PARSING["items"], _PARSING["analyse"]
    tagged = [i for i in indexes if items[i].kind in TAGGED_KINDS]
    docs = [features(doc) for doc in nlp.pipe([items[i].title for i in tagged] + [items[i].text for i in tagged],
                                              batch_size=64)]
    parsed = dict(zip(tagged, zip(docs[:len(tagged)], docs[len(tagged):], strict=True), strict=True))
    for i in indexes:
        if i not in parsed:
            parsed[i] = (features(split_sentences(nlp, items[i].title)), features(split_sentences(nlp, items[i].text)))
    return [analyse(ParsedItem(items[i], *parsed[i])) for i in indexes]


def shares(sizes: list[int], parts: int) -> list[list[int]]:
    """Indexes split into `parts` lists of about equal total size (largest first, each to the list
    least loaded so far)."""
    slices: list[list[int]] = [[] for _ in range(parts)]
    loads = [0] * parts
    for index in sorted(range(len(sizes)), key=lambda i: (-sizes[i], i)):
        chosen = min(range(parts), key=lambda part: (loads[part], part))
        slices[chosen].append(index)
        loads[chosen] += sizes[index]
    return slices


def _take_chunks(from_front: bool) -> dict[int, list[Any]]:
    """Parse chunks of the parse in progress, taking them one at a time from the front (a worker) or
    the back (this process) of the chunks nobody has taken yet, until there are none."""
    chunks, untaken = _PARSING["chunks"], _PARSING["untaken"]
    done = {}
    with threadpool_limits(limits=1, user_api="blas"):  # the processes already use every core
        while True:
            with untaken.get_lock():
                first, last = untaken[0], untaken[1]
                if first > last:
                    return done
                position = first if from_front else last
                untaken[0 if from_front else 1] += 1 if from_front else -1
            done[position] = _parse_share(chunks[position])


def parse_items(nlp: Language, items: list[Owner], workers: int,
                analyse: Callable[[ParsedItem], Analysed]) -> list[Analysed]:
    """Parse each item's title and text (see `TAGGED_KINDS`) and `analyse` it on up to `workers` cores:
    split over this process and forked ones when there is enough text (one BLAS thread each), else in
    this process (its matrix products on `workers` threads); results in the items' order.

    Everything the NLP stage finds in an item by itself is found where the item is parsed, so that only
    what spans the document is left for after.  The items go in `CHUNKS_PER_PROCESS` chunks per process:
    the workers take them from the front, this process from the back until they meet, so that a process
    that runs slower (on a busy core) takes fewer.  The workers inherit the loaded pipeline and send back
    only their results, so that memory stays small on long documents.
    """
    words = sum(len(o.title.split()) + len(o.text.split()) for o in items if o.kind in TAGGED_KINDS)
    processes = min(workers, max(1, words // MIN_WORDS_PER_WORKER))
    _PARSING.update(nlp=nlp, items=items, analyse=analyse)
    try:
        if processes <= 1 or words > MAX_WORDS_FOR_WORKERS:
            with threadpool_limits(limits=workers, user_api="blas"):
                return _parse_share(list(range(len(items))))
        context = multiprocessing.get_context("fork")
        chunks = [c for c in shares([len(o.title) + len(o.text) for o in items], CHUNKS_PER_PROCESS * processes) if c]
        _PARSING.update(chunks=chunks, untaken=context.Array("i", [0, len(chunks) - 1]))
        with ProcessPoolExecutor(max_workers=processes - 1, mp_context=context) as pool:
            taken = [pool.submit(_take_chunks, True) for _ in range(processes - 1)]
            done = _take_chunks(from_front=False)
            for worker in taken:
                done.update(worker.result())
        results: list[Any] = [None] * len(items)
        for position, chunk in enumerate(chunks):
            for index, result in zip(chunk, done[position], strict=True):
                results[index] = result
        return results
    finally:
        _PARSING.clear()  # the items are the caller's, not this module's, once parsed


@dataclass
class Owner:
    """A dossier, request, theme or part whose text is analysed."""

    id: str
    kind: str
    title: str
    text: str
    pages: list[int]
    annotations: Annotations


def owners(programme: Programme) -> list[Owner]:
    """Everything the NLP stage annotates, in reading order."""
    out = []
    for section in programme.front_matter:
        section.nlp = Annotations()
        out.append(Owner(f"front/{slugify(section.title)}", "front_matter", section.title, section.text,
                         section.pages, section.nlp))
    for part in programme.parts:
        part.nlp = Annotations()
        out.append(Owner(part.id, "part", part.title, part.intro, part.pages, part.nlp))
        for theme in part.themes:
            theme.nlp = Annotations()
            out.append(Owner(theme.id, "theme", theme.title, theme.intro, theme.pages, theme.nlp))
            for dossier in theme.dossiers:
                dossier.nlp = Annotations()
                out.append(Owner(dossier.id, "dossier", dossier.title, dossier.text, dossier.pages, dossier.nlp))
            for request in theme.advisory_requests:
                request.nlp = Annotations()
                out.append(Owner(request.id, "advisory_request", "", request.text, request.pages, request.nlp))
    return out
