"""Extract several editions into an output folder, one `<stem>/programme.json` each."""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from pipeline.extract import ExtractionError, extract
from pipeline.graph import write_graph
from pipeline.models import Programme
from pipeline.output import canonical_json, write_atomic


@dataclass(frozen=True)
class Outcome:
    """What happened to one input file."""

    source: Path
    output: Path | None
    programme: Programme | None
    error: str | None
    seconds: float


def output_path(pdf: Path, out_dir: Path) -> Path:
    """Where the programme of `pdf` is written."""
    return out_dir / pdf.stem / "programme.json"


def extract_to(pdf: Path, out_dir: Path, password: str | None = None, nlp: bool = True) -> Outcome:
    """Extract one PDF and write its programme JSON (and, with NLP, its graph).

    Errors become an Outcome, never an exception.
    """
    started = time.perf_counter()
    try:
        programme = extract(pdf, password=password, nlp=nlp)
    except ExtractionError as error:
        return Outcome(pdf, None, None, str(error), time.perf_counter() - started)
    target = output_path(pdf, out_dir)
    write_atomic(target, canonical_json(programme))
    if nlp:
        write_graph(programme, target.parent)
    return Outcome(pdf, target, programme, None, time.perf_counter() - started)


def extract_all(pdfs: Iterable[Path], out_dir: Path, password: str | None = None,
                progress: Callable[[int, int, Outcome], None] | None = None, nlp: bool = True) -> list[Outcome]:
    """Extract every PDF in turn, reporting each outcome to `progress`."""
    pdfs = list(pdfs)
    outcomes = []
    for index, pdf in enumerate(pdfs, start=1):
        outcome = extract_to(pdf, out_dir, password, nlp)
        outcomes.append(outcome)
        if progress is not None:
            progress(index, len(pdfs), outcome)
    return outcomes


def summary_table(outcomes: Iterable[Outcome]) -> str:
    """A short table per edition: counts, pages and seconds."""
    header = ("edition", "parts", "themes", "dossiers", "spearheads", "requests", "pages", "seconds")
    rows = [header]
    for outcome in outcomes:
        if outcome.programme is None:
            continue
        counts = outcome.programme.counts()
        rows.append((outcome.source.stem, *(str(counts[k]) for k in header[1:7]), f"{outcome.seconds:.1f}"))
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    return "\n".join("  ".join(cell.ljust(w) if i == 0 else cell.rjust(w)
                               for i, (cell, w) in enumerate(zip(row, widths, strict=True))) for row in rows)
