"""Later editions derived from the 2024 source by known edits, and the history those edits imply.

Each edition applies its edits to a copy of the one before: dossiers added,
dropped, renamed, moved, returned, spearheads flipped, recurring year titles,
a theme renamed, removed and added, requests added, modified and dropped.
Every item keeps its source ID through the edits, so the ID is its lineage:
the chain it must end up in.  `expected_events` lists, per lineage, the
(year, kind, recurring) events a history of the editions must report.
"""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from pdfmaker import (
    ONE_COLUMN_SERIF,
    THREE_COLUMN,
    TWO_COLUMN,
    draw_style,
    programme_elements,
    render,
    source_programme,
)

from pipeline.programme import AdvisoryRequest, Dossier, Programme, Theme
from pipeline.utils.text import comparison_key

SOURCE = "serv-werkprogramma-2024"
STYLES = {2025: TWO_COLUMN, 2026: ONE_COLUMN_SERIF, 2027: THREE_COLUMN, 2028: draw_style(3)}
NEW_TEXT = {
    "bouw": "De bouwsector verbruikt veel grondstoffen. De raad onderzoekt hoe hergebruik van bouwmaterialen, "
            "selectieve sloop en circulaire aanbesteding de vraag naar nieuwe grondstoffen verminderen, en welke "
            "rol de sectorfondsen spelen bij de opleiding van vakmensen in renovatie en ontmanteling.",
    "stages": "Jongeren die de school verlaten zonder werkervaring vinden moeilijker een eerste job. De raad "
              "bundelt de ervaringen van sectoren met stages, duaal leren en instapbanen en formuleert voorstellen "
              "voor een betere begeleiding van stagiairs op de werkvloer.",
    "jeugd": "Dit thema bundelt de initiatieven rond jongeren op de arbeidsmarkt.",
}

Event = tuple[int, str, bool]


@dataclass
class Lineages:
    """Which lineage an item of an edition belongs to, and the events each lineage must show."""

    by_title: dict[tuple[int, str, str, str], str] = field(default_factory=dict)
    events: dict[str, set[Event]] = field(default_factory=lambda: defaultdict(set))

    def record(self, year: int, programme: Programme) -> None:
        for part in programme.parts:
            for theme in part.themes:
                self.add(year, "theme", theme.title, theme.title, theme.id)
                for dossier in theme.dossiers:
                    self.add(year, "dossier", theme.title, dossier.title, dossier.id)
                for request in theme.advisory_requests:
                    self.add(year, "advisory_request", theme.title, request.text, request.id)

    def add(self, year: int, entity: str, theme: str, title: str, lineage: str) -> None:
        key = (year, entity, comparison_key(theme), comparison_key(title))
        assert key not in self.by_title, f"two items {key}: the test editions must tell them apart"
        self.by_title[key] = lineage

    def lineage(self, year: int, entity: str, theme: str, title: str) -> str:
        key = (year, entity, comparison_key(theme), comparison_key(title))
        assert key in self.by_title, f"{year}: extracted {entity} {title!r} in {theme!r} is no item of the edition"
        return self.by_title[key]


def find_theme(programme: Programme, title: str) -> Theme:
    return next(t for p in programme.parts for t in p.themes if t.title == title)


def find_dossier(programme: Programme, title: str) -> tuple[Theme, Dossier]:
    return next((t, d) for p in programme.parts for t in p.themes for d in t.dossiers if d.title == title)


def find_request(programme: Programme, start: str) -> tuple[Theme, AdvisoryRequest]:
    return next((t, r) for p in programme.parts for t in p.themes for r in t.advisory_requests
                if r.text.startswith(start))


def new_dossier(lineage: str, title: str, text: str) -> Dossier:
    return Dossier(id=lineage, title=title, spearhead=False, pages=[1], text=text)


def derive(lineages: Lineages) -> dict[int, Programme]:
    """The editions 2025–2028, each from the one before, recording the events of each edit."""
    events = lineages.events
    editions: dict[int, Programme] = {}
    current = source_programme(SOURCE)

    def next_edition(year: int) -> Programme:
        programme = current.model_copy(deep=True)
        programme.edition.year = year
        programme.edition.title = f"SERV-werkprogramma {year}"
        programme.edition.source.file = f"serv-werkprogramma-{year}.pdf"
        return programme

    def retitle(programme: Programme, old: str, new: str, year: int, recurring: bool) -> None:
        _, dossier = find_dossier(programme, old)
        dossier.title = new
        events[dossier.id].add((year, "renamed", recurring))

    # 2025
    current = next_edition(2025)
    retitle(current, "Begrotingsadvies 2025", "Begrotingsadvies 2026", 2025, recurring=True)
    _, request = find_request(current, "Programmatie Secundair Onderwijs 2024-2025")
    request.text = "Programmatie Secundair Onderwijs 2025-2026."
    events[request.id].add((2025, "modified", True))
    theme, dropped = find_dossier(current, "Zevende staatshervorming")
    dropped_at = theme.dossiers.index(dropped)
    theme.dossiers.remove(dropped)
    events[dropped.id] |= {(2025, "removed", False), (2027, "returned", False)}
    find_theme(current, "Economie & innovatie").dossiers.append(
        new_dossier("new/bouw", "Circulaire economie in de bouwsector", NEW_TEXT["bouw"]))
    events["new/bouw"].add((2025, "added", False))
    _, flipped = find_dossier(current, "Europees voorzitterschap")
    flipped.spearhead = True
    events[flipped.id] |= {(2025, "spearhead_changed", False), (2027, "spearhead_changed", False)}
    retitle(current, "Digitale opvolgingssystemen", "Digitale systemen voor de opvolging van werkbaarheid", 2025,
            recurring=False)
    _, request = find_request(current, "BVR IMW/DGV")
    request.text = "BVR IMW/DGV (ov)"
    events[request.id].add((2025, "modified", False))
    theme, request = find_request(current, "Decentralisatie ambulante handel")
    theme.advisory_requests.remove(request)
    events[request.id].add((2025, "removed", False))
    editions[2025] = current

    # 2026
    current = next_edition(2026)
    theme, moved = find_dossier(current, "Jobmobiliteit")
    theme.dossiers.remove(moved)
    find_theme(current, "Generieke initiatieven").dossiers.append(moved)
    events[moved.id].add((2026, "moved", False))
    retitle(current, "Begrotingsadvies 2026", "Begrotingsadvies 2027", 2026, recurring=True)
    labour = find_theme(current, "Arbeidsmarkt")
    labour.advisory_requests.append(AdvisoryRequest(
        id="new/loopbaanbudget", text="BVR loopbaanbudget voor werkenden", pages=[1], list="Adviesvragen",
        dossier=labour.dossiers[-1].id))
    events["new/loopbaanbudget"].add((2026, "added", False))
    part = next(p for p in current.parts if any(t.title == "Valorisatie" for t in p.themes))
    gone = find_theme(current, "Valorisatie")
    part.themes.remove(gone)
    for lineage in [gone.id, *(d.id for d in gone.dossiers)]:
        events[lineage].add((2026, "removed", False))
    editions[2026] = current

    # 2027
    current = next_edition(2027)
    find_theme(current, "Algemeen beleid en werking overheid").dossiers.insert(dropped_at, dropped)
    _, flipped = find_dossier(current, "Europees voorzitterschap")
    flipped.spearhead = False
    theme = find_theme(current, "Internationaal")
    theme.title = "Internationaal en Europees beleid"
    events[theme.id].add((2027, "renamed", False))
    editions[2027] = current

    # 2028
    current = next_edition(2028)
    retitle(current, "Begrotingsadvies 2027", "Begrotingsadvies 2028", 2028, recurring=True)
    theme, removed = find_dossier(current, "Traject nulmeting")
    theme.dossiers.remove(removed)
    events[removed.id].add((2028, "removed", False))
    part = next(p for p in current.parts if p.number == 3)
    part.themes.append(Theme(id="new/jeugd", title="Jeugd en arbeidsmarkt", pages=[1], intro=NEW_TEXT["jeugd"],
                             dossiers=[new_dossier("new/stages", "Stages voor jongeren", NEW_TEXT["stages"])]))
    events["new/jeugd"].add((2028, "added", False))
    events["new/stages"].add((2028, "added", False))
    editions[2028] = current
    return editions


def corpus_lineages(lineages: Lineages, gold: Path, source_2024: Programme) -> None:
    """The corpus pair: 2024 items are their own lineage; 2023 items join them by title or by the expected diff."""
    lineages.record(2024, source_2024)
    expected = json.loads((gold / "serv-werkprogramma-2023-2024.diff.json").read_text(encoding="utf-8"))["changes"]
    in_theme: dict[tuple[str, str, str], str] = {}
    by_title: dict[tuple[str, str], list[str]] = defaultdict(list)
    for (year, entity, theme, title), lineage in lineages.by_title.items():
        if year == 2024:
            in_theme[(entity, theme, title)] = lineage
            by_title[(entity, title)].append(lineage)

    def label(side: dict) -> str:
        return comparison_key(side.get("title") or side.get("text") or "")

    renamed = {(c["entity"], label(c["before"])): label(c["after"]) for c in expected
               if c["kind"] in ("renamed", "modified") and c["before"] and c["after"]}
    truth = json.loads((gold / "serv-werkprogramma-2023.json").read_text(encoding="utf-8"))
    for part in truth["parts"]:
        for theme in part["themes"]:
            items = [("theme", theme["title"])] + [("dossier", d["title"]) for d in theme["dossiers"]]
            items += [("advisory_request", r["text"]) for r in theme["advisory_requests"]]
            for entity, title in items:
                key = comparison_key(title)
                now = renamed.get((entity, key), key)
                lineage = in_theme.get((entity, comparison_key(theme["title"]), now))
                if lineage is None:
                    candidates = by_title.get((entity, now), [])
                    lineage = candidates[0] if len(candidates) == 1 else f"2023/{entity}/{key}"
                lineages.add(2023, entity, theme["title"], title, lineage)
    for change in expected:
        side = change["after"] if change["after"] else change["before"]
        entity = change["entity"]
        theme = side.get("theme") or side.get("title")
        year = 2024 if change["after"] else 2023
        lineages.events[lineages.lineage(year, entity, theme, side.get("title") or side.get("text"))].add(
            (2024, change["kind"], False))


def typeset_editions(folder: Path, lineages: Lineages) -> list[Path]:
    """Typeset the derived editions (one house style each) and record their lineages."""
    pdfs = []
    for year, programme in derive(lineages).items():
        lineages.record(year, programme)
        pdfs.append(render(folder / f"serv-werkprogramma-{year}.pdf", programme_elements(programme),
                           STYLES[year], programme.edition.title))
    return pdfs
