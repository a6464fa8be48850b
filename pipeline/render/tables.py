"""Tables for spreadsheets and pandas: one row per dossier and one per advisory request.

The columns are the same for every edition (an edition without NLP leaves
the actor and topic cells empty). List cells are joined by "; ".  A text cell
that a spreadsheet would read as a formula (it starts with = + - @, a tab or
a carriage return) gets a leading single quote, as OWASP recommends against
CSV injection: the spreadsheet then shows it as text.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from pipeline.programme import Annotations, Part, Programme, Theme

LIST_SEPARATOR = "; "
THEME_COLUMNS = ("edition_year", "part", "part_title", "theme_id", "theme", "commission", "commission_assumed")
DOSSIER_COLUMNS = (*THEME_COLUMNS, "id", "number", "title", "spearhead", "pages", "subs", "actors", "topics")
REQUEST_COLUMNS = (*THEME_COLUMNS, "id", "text", "subitems", "list", "dossier", "follows", "instrument", "pages",
                   "actors", "topics")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def joined(values: Iterable[object]) -> str:
    return LIST_SEPARATOR.join(str(value) for value in values)


def inert(text: str) -> str:
    """A text cell a spreadsheet will not run: a leading single quote before a formula's first character."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_text(columns: Sequence[str], rows: Iterable[dict]) -> str:
    """CSV with a header row; cells of True/False/None read "true"/"false"/"", text cells made inert."""
    def cell(value: object) -> object:
        if isinstance(value, bool):
            return str(value).lower()
        if isinstance(value, str):
            return inert(value)
        return "" if value is None else value

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([cell(row[column]) for column in columns] for row in rows)
    return buffer.getvalue()


class Cells:
    """The cells every row shares, with the programme's names of actors, topics and commissions looked up once."""

    def __init__(self, programme: Programme) -> None:
        self.year = programme.edition.year
        self.actors = {actor.id: actor.name for actor in programme.actors}
        self.topics = {topic.id: topic.label for topic in programme.topics}
        self.commissions = {commission.id: commission for commission in programme.commissions}

    def theme(self, part: Part, theme: Theme) -> dict:
        commission = self.commissions.get(theme.commission) if theme.commission else None
        return {"edition_year": self.year, "part": part.number, "part_title": part.title, "theme_id": theme.id,
                "theme": theme.title, "commission": commission.name if commission else None,
                "commission_assumed": commission.assumed if commission else None}

    def annotations(self, annotations: Annotations | None) -> dict:
        if annotations is None:
            return {"actors": None, "topics": None}
        return {"actors": joined(self.actors.get(m.actor, m.actor) for m in annotations.actors),
                "topics": joined(self.topics.get(t, t) for t in annotations.topics)}


def dossier_rows(programme: Programme) -> list[dict]:
    """One row per dossier, in reading order."""
    cells = Cells(programme)
    return [{**cells.theme(part, theme), "id": dossier.id, "number": dossier.number,
             "title": dossier.title, "spearhead": dossier.spearhead, "pages": joined(dossier.pages),
             "subs": joined(dossier.subs), **cells.annotations(dossier.nlp)}
            for part in programme.parts for theme in part.themes for dossier in theme.dossiers]


def request_rows(programme: Programme) -> list[dict]:
    """One row per advisory request, in reading order."""
    cells = Cells(programme)
    return [{**cells.theme(part, theme), "id": request.id, "text": request.text,
             "subitems": joined(request.subitems), "list": request.list, "dossier": request.dossier,
             "follows": request.follows, "instrument": request.instrument, "pages": joined(request.pages),
             **cells.annotations(request.nlp)}
            for part in programme.parts for theme in part.themes for request in theme.advisory_requests]
