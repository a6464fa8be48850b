"""Extraction: one edition PDF → a validated `Programme` (layout → repair → structure)."""
from __future__ import annotations

import hashlib
import multiprocessing
import os
import re
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from pipeline.layout import Block, PageLayout, layout_pages, read_page
from pipeline.nlp import process as nlp_process
from pipeline.pdf.sources import DEFAULT_ENGINE, ENGINES, OutlineEntry, document_info, page_contents
from pipeline.programme import Edition, Programme, Source
from pipeline.rules import Rules, load_rules
from pipeline.structure.builder import NoStructure, cover_block, segmentation
from pipeline.text.casing import recaser
from pipeline.text.repair import repair_blocks
from pipeline.utils.text import collapse_spaces

# Pages per page-reading process below which a second process does not pay off, per engine:
# pdfium reads a page in milliseconds, pdfminer in tens of milliseconds.
MIN_PAGES_PER_WORKER = {"pdfium": 8, "pdfplumber": 4}
# A worker opens the PDF afresh for each run of pages, which bounds the memory
# that pdfminer's object cache can take on long documents.
MAX_PAGES_PER_RUN = 16


class ExtractionError(Exception):
    """A file that cannot be extracted, with a reason a user can act on."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(f"{Path(path).name}: {reason}")
        self.path = Path(path)
        self.reason = reason


def check_header(path: Path) -> bytes:
    """Read the file and refuse what is plainly not a PDF."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ExtractionError(path, "no such file") from None
    except IsADirectoryError:
        raise ExtractionError(path, "is a folder, not a PDF file") from None
    except OSError as error:
        raise ExtractionError(path, f"cannot be read ({error.strerror})") from None
    if not data:
        raise ExtractionError(path, "empty file")
    if b"%PDF-" not in data[:1024]:
        raise ExtractionError(path, "not a PDF file")
    return data


def _cause_chain(error: BaseException) -> list[BaseException]:
    chain = []
    while error is not None and error not in chain:
        chain.append(error)
        error = error.__cause__ or error.__context__
    return chain


def describe_pdf_error(error: BaseException) -> str:
    """A one-line reason for an exception raised while parsing a PDF."""
    chain = _cause_chain(error)
    names = " ".join(type(e).__name__ for e in chain) + " " + " ".join(str(e) for e in chain)
    if "password" in names.lower():
        return "encrypted (no password given, or the password is wrong)"
    if "encrypt" in names.lower() or "security" in names.lower():
        return "encrypted with a method that cannot be opened"
    detail = collapse_spaces(str(chain[-1]) or type(chain[-1]).__name__)[:120]
    return f"damaged or unreadable PDF ({detail})"


YEAR_RE = re.compile(r"\b(?:19|20)\d{2}\b")


def edition_of(cover: Block | None, metadata: dict, running_texts: list[str], recase: Callable[[str], str],
               path: Path) -> tuple[str, int | None, str | None]:
    """Title, year and organisation of an edition.

    The year is the one most of these agree on: the running header or footer,
    the PDF's title metadata, the file name and the cover (in that order of trust).
    """
    cover_title = collapse_spaces(recase(cover.text)) if cover is not None else ""
    running = Counter(re.sub(r"[\s|–-]*\d+\s*$", "", t).strip() for t in running_texts).most_common(1)
    running_title = running[0][0] if running else ""
    meta_title = metadata.get("Title", "").strip()
    sources = [running_title, meta_title, path.stem, cover_title]
    years = [int(m.group(0)) for text in sources if (m := YEAR_RE.search(text))]
    year = max(years, key=lambda y: (years.count(y), -years.index(y))) if years else None
    title = next((t for t in (running_title, meta_title, cover_title)
                  if t and (year is None or str(year) in t)), cover_title or meta_title or path.stem)
    org_match = re.match(r"^(.+?)[\s-]*werkprogramma\b", title, re.IGNORECASE)
    author = metadata.get("Author", "").strip()
    organisation = org_match.group(1).strip() if org_match else (author or None)
    return title, year, organisation


def read_pages(engine: str, path: Path, password: str | None, numbers: list[int], rules: Rules) -> list[PageLayout]:
    """Read the given pages (1-based) of a PDF through the engine."""
    return [read_page(content, rules.layout) for content in page_contents(engine, path, password, numbers)]


def tagged_headings(pages: list[PageLayout]) -> list[OutlineEntry]:
    """The headings of a tagged PDF's structure tree, page by page (none for an untagged PDF)."""
    return [entry for page in pages for entry in page.tagged_headings]


def read_pages_parallel(engine: str, path: Path, password: str | None, page_count: int, rules: Rules,
                        workers: int | None) -> list[PageLayout]:
    """Read all pages in contiguous runs spread over `workers` processes (pages are independent); the
    processes end when the pages are read, so that their memory is free for the later stages."""
    workers = min(workers or os.cpu_count() or 1, max(1, page_count // MIN_PAGES_PER_WORKER[engine]))
    numbers = list(range(1, page_count + 1))
    if workers <= 1:
        return read_pages(engine, path, password, numbers, rules)
    size = max(1, min(MAX_PAGES_PER_RUN, -(-page_count // (workers * 2))))
    runs = [numbers[i:i + size] for i in range(0, page_count, size)]
    jobs = [(engine, path, password, run, rules) for run in runs]
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
        results = list(pool.map(read_pages, *zip(*jobs, strict=True)))
    return sorted((p for run in results for p in run), key=lambda p: p.number)


def extract(path: Path | str, password: str | None = None, rules: Rules | None = None,
            nlp: bool = True, workers: int | None = None, timings: dict[str, float] | None = None,
            engine: str = DEFAULT_ENGINE) -> Programme:
    """Extract the programme of one edition PDF (with the NLP stage unless `nlp` is False).

    Characters are read by `engine` (pdfium or pdfplumber, see `pipeline.pdf.sources`);
    pages in up to `workers` processes (default: one per core, where it pays off). With a
    second core, the NLP stage loads its pipeline in a process of its own meanwhile.
    When `timings` is given, the seconds of each stage are recorded in it.

    Raises ExtractionError with a reason a user can act on.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r} (choose from {', '.join(ENGINES)})")
    path = Path(path)
    rules = rules or load_rules()
    clock = StageClock(timings)
    data = check_header(path)
    try:
        info = document_info(engine, path, password)
        metadata, page_count = info.metadata, info.pages
        cores = workers or os.cpu_count() or 1
        analyse_elsewhere = nlp and nlp_process.worth_a_process(cores, page_count)
        if analyse_elsewhere:
            nlp_process.start()
            workers = cores - 1
        else:
            nlp_process.stop()
        pages = read_pages_parallel(engine, path, password, page_count, rules, workers)
    except Exception as error:  # the parsers raise many kinds of errors on damaged files
        raise ExtractionError(path, describe_pdf_error(error)) from None
    layout = layout_pages(pages, rules.layout)
    clock.lap("layout")
    if not layout.blocks:
        raise ExtractionError(path, "no text layer; scanned PDFs are not supported")
    blocks = repair_blocks(layout.blocks, rules.text)
    recase = recaser(blocks)
    clock.lap("repair")
    try:
        structure = segmentation(blocks, rules.structure, recase, info.outline, tagged_headings(pages))
    except NoStructure as error:
        raise ExtractionError(path, str(error)) from None
    title, year, organisation = edition_of(cover_block(blocks), metadata, layout.running_texts, recase, path)
    source = Source(file=path.name, sha256=hashlib.sha256(data).hexdigest(), pages=page_count)
    programme = Programme(edition=Edition(title=title, year=year, organisation=organisation, source=source),
                          front_matter=structure.front, parts=structure.parts, engine=engine,
                          signals=structure.signals)
    clock.lap("structure")
    del pages, layout, blocks  # the page records take more memory than the NLP stage needs left over
    if nlp:
        programme = (nlp_process.analyse(programme) if analyse_elsewhere
                     else nlp_process.run_analysis(programme, cores))
        clock.lap("nlp")
    return programme


class StageClock:
    """Records the seconds since the previous lap under a stage name (when given a dict)."""

    def __init__(self, timings: dict[str, float] | None) -> None:
        self.timings = timings
        self.last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        if self.timings is not None:
            self.timings[stage] = self.timings.get(stage, 0.0) + now - self.last
        self.last = now
