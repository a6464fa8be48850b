"""Every output file is written here: an edition's files, the diff reports and the history files.

The render modules give each file as text or bytes; `write_files` writes them,
each to a temporary file renamed into place, so there is never a half-written
file.  The render modules are imported when a file is rendered, so that the
cache can name the files without importing them.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.render.i18n import DEFAULT_LANGUAGE
from pipeline.utils.files import canonical_json, write_atomic

if TYPE_CHECKING:
    from pipeline.comparison.diff import Diff
    from pipeline.comparison.history import History
    from pipeline.programme import Programme

PROGRAMME_JSON = "programme.json"
PROGRAMME_HTML = "programme.html"
TABLE_FILES = ("dossiers.csv", "advisory_requests.csv", "programme.xlsx")
GRAPH_FILES = ("graph.json", "graph.graphml")
EDITION_FILES = (PROGRAMME_JSON, PROGRAMME_HTML, *TABLE_FILES, *GRAPH_FILES)
DIFF_FORMATS = ("json", "md", "html")
HISTORY_FILES = ("history.json", "history.html", "history.csv")

Contents = dict[str, str | bytes]
"""Files by name: text (written as UTF-8) or bytes."""


def write_files(folder: Path, contents: Contents) -> list[Path]:
    """Write each file of `contents` into `folder` atomically; the paths written, in order."""
    targets = []
    for name, content in contents.items():
        target = folder / name
        write_atomic(target, content)
        targets.append(target)
    return targets


def page_contents(programme: Programme, pdf_link: str | None = None, language: str = DEFAULT_LANGUAGE) -> Contents:
    """programme.html, its interface in `language`, its page links to `pdf_link`."""
    from pipeline.render.programme_page import programme_page

    return {PROGRAMME_HTML: programme_page(programme, pdf_link, language)}


def table_contents(programme: Programme) -> Contents:
    """dossiers.csv, advisory_requests.csv and programme.xlsx (both tables as sheets)."""
    from pipeline.render.tables import DOSSIER_COLUMNS, REQUEST_COLUMNS, csv_text, dossier_rows, request_rows
    from pipeline.render.workbook import workbook_bytes

    dossiers, requests = dossier_rows(programme), request_rows(programme)
    texts = (csv_text(DOSSIER_COLUMNS, dossiers), csv_text(REQUEST_COLUMNS, requests),
             workbook_bytes(dossiers, requests, programme.edition.year))
    return dict(zip(TABLE_FILES, texts, strict=True))


def graph_contents(programme: Programme) -> Contents:
    """graph.json and graph.graphml."""
    from pipeline.render.graph import build_graph, graph_json, graphml_text

    graph = build_graph(programme)
    return dict(zip(GRAPH_FILES, (canonical_json(graph_json(graph)), graphml_text(graph)), strict=True))


def edition_contents(programme: Programme, pdf_link: str | None = None, language: str = DEFAULT_LANGUAGE,
                     graph: bool = True) -> Contents:
    """Every file of an extracted edition (the graph only when `graph`, for a programme analysed by NLP)."""
    return {PROGRAMME_JSON: canonical_json(programme), **page_contents(programme, pdf_link, language),
            **table_contents(programme), **(graph_contents(programme) if graph else {})}


def report_names(old_stem: str, new_stem: str) -> tuple[str, ...]:
    """The file names of a pair of editions' reports, one per format of DIFF_FORMATS."""
    return tuple(f"{old_stem}--{new_stem}.diff.{fmt}" for fmt in DIFF_FORMATS)


def diff_contents(diff: Diff, old_stem: str, new_stem: str, formats: Iterable[str] = DIFF_FORMATS,
                  language: str = DEFAULT_LANGUAGE) -> Contents:
    """The reports of `diff` in the chosen formats (Markdown and HTML in `language`), in the order of DIFF_FORMATS."""
    from pipeline.comparison.diff import diff_json
    from pipeline.render.diff_report import to_html, to_markdown

    renderers = {"json": lambda: canonical_json(diff_json(diff)), "md": lambda: to_markdown(diff, language),
                 "html": lambda: to_html(diff, language)}
    chosen = set(formats)
    return {name: renderers[fmt]() for name, fmt in zip(report_names(old_stem, new_stem), DIFF_FORMATS, strict=True)
            if fmt in chosen}


def history_contents(history: History, language: str = DEFAULT_LANGUAGE) -> Contents:
    """history.json, history.html (in `language`) and history.csv."""
    from pipeline.comparison.history import history_csv
    from pipeline.render.history_page import history_html

    texts = (canonical_json(history), history_html(history, language), history_csv(history))
    return dict(zip(HISTORY_FILES, texts, strict=True))
