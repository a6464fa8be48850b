"""Extract many editions: one process per file (up to `jobs` at once), a time limit per file, and a cache.

Each file runs in a forked process of its own, so that a pathological PDF
that hangs or exhausts a parser is stopped at its time limit without taking
the batch down.  A single file uses all cores for its pages instead.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path

from pipeline.nlp import process as nlp_process
from pipeline.pdf.sources import DEFAULT_ENGINE
from pipeline.render.i18n import DEFAULT_LANGUAGE
from pipeline.run import cache
from pipeline.run.outputs import PROGRAMME_JSON
from pipeline.run.process import prepare_process

DEFAULT_TIMEOUT = 600.0


@dataclass(frozen=True)
class Outcome:
    """What happened to one input file: where its programme went, its counts, or the error."""

    source: Path
    output: Path | None
    counts: dict | None
    error: str | None
    seconds: float
    cached: bool = False


@dataclass(frozen=True)
class Settings:
    """How a batch runs."""

    out_dir: Path
    password: str | None = None
    nlp: bool = True
    jobs: int = 0
    timeout: float = DEFAULT_TIMEOUT
    use_cache: bool = True
    engine: str = DEFAULT_ENGINE
    language: str = DEFAULT_LANGUAGE

    @property
    def workers(self) -> int:
        return self.jobs or os.cpu_count() or 1


def output_path(pdf: Path, out_dir: Path) -> Path:
    """Where the programme of `pdf` is written."""
    return out_dir / pdf.stem / PROGRAMME_JSON


def extract_to(pdf: Path, settings: Settings, page_workers: int = 1) -> Outcome:
    """Extract one PDF in this process and write its files (the graph only with NLP)."""
    from pipeline.run.extract import ExtractionError, extract
    from pipeline.run.outputs import edition_contents, write_files
    from pipeline.utils.files import relative_link

    started = time.perf_counter()
    try:
        programme = extract(pdf, password=settings.password, nlp=settings.nlp, workers=page_workers,
                            engine=settings.engine)
    except ExtractionError as error:
        return Outcome(pdf, None, None, str(error), time.perf_counter() - started)
    target = output_path(pdf, settings.out_dir)
    write_files(target.parent, edition_contents(programme, relative_link(pdf, target.parent), settings.language,
                                                graph=settings.nlp))
    return Outcome(pdf, target, programme.counts(), None, time.perf_counter() - started)


def _child(pdf: Path, settings: Settings, page_workers: int, connection: Connection) -> None:
    os.setpgrp()
    if settings.nlp and nlp_process.worth_a_process(page_workers):
        nlp_process.start()  # before the extraction stages are imported: spaCy loads meanwhile
    prepare_process("pipeline.run.extract")
    try:
        outcome = extract_to(pdf, settings, page_workers)
    except MemoryError:
        outcome = Outcome(pdf, None, None, f"{pdf.name}: out of memory", 0.0)
    except Exception as error:  # a defect of ours: still one line, never a traceback
        outcome = Outcome(pdf, None, None, f"{pdf.name}: internal error ({type(error).__name__}: {error})", 0.0)
    connection.send(outcome)
    connection.close()


@dataclass
class _Running:
    pdf: Path
    key: str | None
    process: multiprocessing.process.BaseProcess
    connection: Connection
    started: float


def _stop(running: _Running) -> None:
    """End a file process and its page workers (its process group); its outcome is already in or given up."""
    try:
        os.killpg(running.process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        running.process.kill()
    running.process.join()


def extract_all(pdfs: Iterable[Path], settings: Settings,
                progress: Callable[[int, int, Outcome], None] | None = None) -> list[Outcome]:
    """Extract every PDF, in parallel and each within the time limit; outcomes in input order."""
    pdfs = [Path(p) for p in pdfs]
    outcomes: dict[int, Outcome] = {}
    done = 0

    def finish(index: int, outcome: Outcome) -> None:
        nonlocal done
        outcomes[index] = outcome
        done += 1
        if progress is not None:
            progress(done, len(pdfs), outcome)

    pending: list[tuple[int, Path, str | None]] = []
    for index, pdf in enumerate(pdfs):
        target = output_path(pdf, settings.out_dir)
        key = (cache.cache_key(pdf, settings.nlp, target.parent, settings.engine, settings.language)
               if settings.use_cache else None)
        started = time.perf_counter()
        counts = cache.restore(key, target.parent) if key else None
        if counts is not None:
            finish(index, Outcome(pdf, target, counts, None, time.perf_counter() - started, cached=True))
        else:
            pending.append((index, pdf, key))

    context = multiprocessing.get_context("fork")
    page_workers = settings.workers if len(pending) == 1 else 1
    running: dict[int, _Running] = {}
    try:
        _run(pending, running, settings, context, page_workers, finish)
    finally:
        for item in running.values():
            _stop(item)
    return [outcomes[i] for i in range(len(pdfs))]


def _run(queue: list[tuple[int, Path, str | None]], running: dict[int, _Running], settings: Settings, context,
         page_workers: int, finish: Callable[[int, Outcome], None]) -> None:
    """Start up to `settings.workers` file processes at a time and collect their outcomes."""
    while queue or running:
        while queue and len(running) < settings.workers:
            index, pdf, key = queue.pop(0)
            receiver, sender = context.Pipe(duplex=False)
            process = context.Process(target=_child, args=(pdf, settings, page_workers, sender), daemon=False)
            process.start()
            sender.close()
            running[index] = _Running(pdf, key, process, receiver, time.perf_counter())
        deadline = min(r.started for r in running.values()) + settings.timeout
        ready = wait([r.connection for r in running.values()], timeout=max(0.0, deadline - time.perf_counter()))
        for index, item in list(running.items()):
            if item.connection in ready:
                try:
                    outcome = item.connection.recv()
                except EOFError:
                    outcome = Outcome(item.pdf, None, None, f"{item.pdf.name}: the extraction process died", 0.0)
                _stop(item)
            elif time.perf_counter() - item.started >= settings.timeout:
                _stop(item)
                outcome = Outcome(item.pdf, None, None,
                                  f"{item.pdf.name}: timed out after {settings.timeout:g} s", settings.timeout)
            else:
                continue
            del running[index]
            if outcome.error is None and item.key:
                cache.store(item.key, outcome.output.parent, outcome.counts)
            finish(index, outcome)


def summary_table(outcomes: Iterable[Outcome]) -> str:
    """A short table per edition: counts, pages and seconds."""
    header = ("edition", "parts", "themes", "dossiers", "spearheads", "requests", "pages", "seconds")
    rows = [header]
    for outcome in outcomes:
        if outcome.counts is None:
            continue
        seconds = f"{outcome.seconds:.1f}" + (" (cached)" if outcome.cached else "")
        rows.append((outcome.source.stem, *(str(outcome.counts[k]) for k in header[1:7]), seconds))
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    return "\n".join("  ".join(cell.ljust(w) if i == 0 else cell.rjust(w)
                               for i, (cell, w) in enumerate(zip(row, widths, strict=True))) for row in rows)
