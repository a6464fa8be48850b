"""Comparing editions: each kind of change, the corpus pair, and layout-independence."""
from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest
from conftest import GOLD
from pdfmaker import ONE_COLUMN_SERIF, programme_elements, render

from pipeline.cli import main
from pipeline.comparison.diff import compare, diff_json
from pipeline.evaluate.score import score_diff
from pipeline.programme import AdvisoryRequest, Dossier, Edition, Part, Programme, Source, Theme
from pipeline.render.diff_report import to_html, to_markdown
from pipeline.run.extract import extract

TEXTS = {
    "jobs": "De raad volgt de tewerkstelling van oudere werknemers en bereidt een actieplan voor met de partners.",
    "school": "Het beroepsgericht onderwijs krijgt meer waardering door samenwerking met bedrijven en sectoren.",
    "energy": "Netbeheerders investeren in kabels en leidingen; de kosten komen in de nettarieven terecht.",
    "budget": "Het begrotingsadvies beoordeelt de ontvangsten en uitgaven van de Vlaamse overheid.",
}


def programme(year: int, themes: dict[str, list[tuple]], requests: dict[str, list[str]] | None = None) -> Programme:
    """A one-part programme: theme → [(title, spearhead, text key)], theme → [request texts]."""
    built = []
    for theme_title, dossiers in themes.items():
        theme_id = f"deel-1/{theme_title.lower()}"
        built.append(Theme(
            id=theme_id, title=theme_title, pages=[1], intro="",
            dossiers=[Dossier(id=f"{theme_id}/{i}", title=t, spearhead=s, pages=[1], text=TEXTS[k])
                      for i, (t, s, k) in enumerate(dossiers)],
            advisory_requests=[AdvisoryRequest(id=f"{theme_id}/r{i}", text=r, pages=[1], list="Adviesvragen")
                               for i, r in enumerate((requests or {}).get(theme_title, []))]))
    source = Source(file=f"wp-{year}.pdf", sha256="0" * 64, pages=1)
    return Programme(edition=Edition(title=f"Werkprogramma {year}", year=year, source=source),
                     parts=[Part(id="deel-1", number=1, title="Advies", pages=[1], intro="", themes=built)])


BASE = {"Arbeid": [("Oudere werknemers", True, "jobs"), ("Beroepsonderwijs", False, "school")],
        "Energie": [("Netinvesteringen en nettarieven", False, "energy"), ("Begrotingsadvies 2025", True, "budget")]}


def kinds(old: Programme, new: Programme) -> list[tuple[str, str]]:
    return [(c.kind, c.entity) for c in compare(old, new).changes]


def test_identical_programmes_have_no_changes():
    assert kinds(programme(2024, BASE), programme(2024, BASE)) == []


def test_added_and_removed_dossier():
    new = {**BASE, "Arbeid": BASE["Arbeid"][:1]}
    assert kinds(programme(2024, BASE), programme(2025, new)) == [("removed", "dossier")]
    assert kinds(programme(2024, new), programme(2025, BASE)) == [("added", "dossier")]


def test_renamed_dossier_keeps_its_text():
    new = {**BASE, "Energie": [("Netinvesteringen en schulden", False, "energy"), BASE["Energie"][1]]}
    changes = compare(programme(2024, BASE), programme(2025, new)).changes
    assert [(c.kind, c.before.title, c.after.title) for c in changes] == [
        ("renamed", "Netinvesteringen en nettarieven", "Netinvesteringen en schulden")]


def test_moved_dossier_and_spearhead_change():
    new = {"Arbeid": [BASE["Arbeid"][0]],
           "Energie": [*BASE["Energie"], ("Beroepsonderwijs", True, "school")]}
    assert sorted(kinds(programme(2024, BASE), programme(2025, new))) == [
        ("moved", "dossier"), ("spearhead_changed", "dossier")]


def test_modified_dossier_text():
    new = {**BASE, "Arbeid": [("Oudere werknemers", True, "school"), BASE["Arbeid"][1]]}
    assert ("modified", "dossier") in kinds(programme(2024, BASE), programme(2025, new))


def test_a_title_that_changes_only_in_its_years_is_a_recurring_change():
    new = {**BASE, "Energie": [BASE["Energie"][0], ("Begrotingsadvies 2026", True, "budget")]}
    old_requests = {"Arbeid": ["BVR opleidingscheques 2024-2025"]}
    new_requests = {"Arbeid": ["BVR opleidingscheques 2025-2026"]}
    changes = compare(programme(2024, BASE, old_requests), programme(2025, new, new_requests)).changes
    assert [(c.kind, c.entity, c.recurring) for c in changes] == [
        ("modified", "advisory_request", True), ("renamed", "dossier", True)]
    assert changes[1].before.title == "Begrotingsadvies 2025" and changes[1].after.title == "Begrotingsadvies 2026"


def test_a_rename_beyond_the_years_is_not_recurring():
    new = {**BASE, "Energie": [BASE["Energie"][0], ("Begrotingsadvies 2026 en meerjarenraming", True, "budget")]}
    changes = compare(programme(2024, BASE), programme(2025, new)).changes
    assert [(c.kind, c.recurring) for c in changes] == [("renamed", False)]


def test_theme_added_removed_renamed():
    assert kinds(programme(2024, BASE), programme(2025, {**BASE, "Wonen": []})) == [("added", "theme")]
    renamed = {"Werk en arbeid": BASE["Arbeid"], "Energie": BASE["Energie"]}
    assert kinds(programme(2024, BASE), programme(2025, renamed)) == [("renamed", "theme")]


def test_advisory_requests_added_removed_modified():
    old = programme(2024, BASE, {"Arbeid": ["BVR jobbonus", "BVR loopbaancheques", "Decreet werkplekleren"]})
    new = programme(2025, BASE, {"Arbeid": ["BVR uitbreiding jobbonus", "Decreet werkplekleren",
                                            "Samenwerkingsakkoord data"]})
    assert sorted(kinds(old, new)) == [("added", "advisory_request"), ("modified", "advisory_request"),
                                       ("removed", "advisory_request")]


def test_corpus_pair_matches_the_expected_diff(corpus_programmes):
    old, new = (corpus_programmes[s] for s in sorted(corpus_programmes))
    expected = json.loads((GOLD / "serv-werkprogramma-2023-2024.diff.json").read_text(encoding="utf-8"))
    result = score_diff(diff_json(compare(old, new)), expected)
    assert result["f1"] == 1.0, (result["missed"], result["spurious"])
    assert all(not c for c in compare(new, new).counts.values())


def test_same_programme_in_another_layout_has_no_changes(corpus_programmes, tmp_path):
    original = corpus_programmes["serv-werkprogramma-2024"]
    retyped = extract(render(tmp_path / "retyped-2024.pdf", programme_elements(original), ONE_COLUMN_SERIF,
                             title=original.edition.title))
    assert retyped.edition.source.pages != original.edition.source.pages
    assert compare(original, retyped).changes == []


class ChangeCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.changes: list[tuple[str, str]] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "div" and "data-kind" in attributes:
            self.changes.append((attributes["data-kind"], attributes["data-entity"]))
        if tag in ("link", "script", "img") and any(k in attributes for k in ("href", "src")):
            self.links.append(attributes.get("href") or attributes.get("src"))


def test_reports_show_every_change():
    old = programme(2024, BASE, {"Arbeid": ["BVR jobbonus"]})
    new = programme(2025, {"Arbeid": [("Oudere werknemers", False, "jobs")], "Wonen": []},
                    {"Arbeid": ["BVR uitbreiding jobbonus"]})
    diff = compare(old, new, "a.pdf", "b.pdf")
    collector = ChangeCollector()
    page = to_html(diff)
    collector.feed(page)
    assert sorted(collector.changes) == sorted((c.kind, c.entity) for c in diff.changes)
    assert collector.links == [], "the HTML report is self-contained"
    assert "<ins>uitbreiding</ins>" in page and 'href="b.pdf#page=1"' in page
    markdown = to_markdown(diff, "en")
    assert all(c.kind.replace("_", " ") in markdown for c in diff.changes)
    dutch = to_markdown(diff)
    assert dutch.startswith("# Wijzigingen van ") and "| toegevoegd |" in dutch and "## Deel 1" in dutch


def test_diff_command_writes_three_reports(tmp_path, capsys):
    for year, themes in ((2024, BASE), (2025, {**BASE, "Wonen": []})):
        folder = tmp_path / f"wp-{year}"
        folder.mkdir()
        (folder / "programme.json").write_text(programme(year, themes).model_dump_json(), encoding="utf-8")
    status = main(["diff", str(tmp_path / "wp-2024" / "programme.json"), str(tmp_path / "wp-2025" / "programme.json"),
                   "--out", str(tmp_path / "out")])
    assert status == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "wp-2024--wp-2025.diff.html", "wp-2024--wp-2025.diff.json", "wp-2024--wp-2025.diff.md"]
    data = json.loads((tmp_path / "out" / "wp-2024--wp-2025.diff.json").read_text(encoding="utf-8"))
    assert data["from"] == 2024 and data["to"] == 2025 and data["changes"][0]["kind"] == "added"


@pytest.mark.parametrize("bad", ["missing.json", "broken.json"])
def test_diff_command_bad_input(bad, tmp_path, capsys):
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    assert main(["diff", str(tmp_path / bad), str(tmp_path / "broken.json"), "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {bad}: ") and len(err.strip().splitlines()) == 1
