"""Spreadsheets that are safe to open: formula-like CSV cells made inert, every workbook cell typed."""
from __future__ import annotations

import csv

import pytest
from openpyxl import load_workbook
from pdfmaker import SAMPLE, render

from pipeline.cli import main
from pipeline.render.tables import inert
from pipeline.run.extract import extract
from pipeline.run.outputs import table_contents, write_files

HYPERLINK = '=HYPERLINK("https://example.org/x","Klik hier")'
PLUS_TITLE = "+Loopbaanbegeleiding voor iedereen"


@pytest.fixture(scope="module")
def hostile_edition(tmp_path_factory):
    """A typeset edition whose first request is a spreadsheet formula and whose first dossier starts with +."""
    replace = {("item", "BVR opleidingsverlof voor werkenden"): ("item", HYPERLINK),
               ("dossier", "Loopbaanbegeleiding voor iedereen*"): ("dossier", PLUS_TITLE + "*")}
    folder = tmp_path_factory.mktemp("hostile")
    elements = [replace.get(e, e) if isinstance(e[-1], str) else e for e in SAMPLE]
    pdf = render(folder / "werkprogramma-2030.pdf", elements)
    assert main(["extract", str(pdf), "--out", str(folder / "out"), "--no-nlp", "--no-cache"]) == 0
    return folder / "out" / "werkprogramma-2030"


def rows(path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_formula_cells_get_a_leading_quote():
    assert [inert(t) for t in ("=1+1", "+31", "-2", "@SUM(A1)", "\tx", "\rx", "a=b", "")] == [
        "'=1+1", "'+31", "'-2", "'@SUM(A1)", "'\tx", "'\rx", "a=b", ""]


def test_csv_of_a_hostile_edition_is_inert(hostile_edition):
    requests = rows(hostile_edition / "advisory_requests.csv")
    assert requests[0]["text"] == "'" + HYPERLINK
    dossiers = rows(hostile_edition / "dossiers.csv")
    assert dossiers[0]["title"] == "'" + PLUS_TITLE and dossiers[0]["spearhead"] == "true"
    for row in requests + dossiers:
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row.values())


def test_workbook_cells_are_typed_never_formulas(hostile_edition):
    book = load_workbook(hostile_edition / "programme.xlsx")
    assert book.sheetnames == ["dossiers", "advisory_requests"]
    dossiers, requests = book["dossiers"], book["advisory_requests"]
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert all(c.data_type == "s" for c in cells if isinstance(c.value, str))
    header = [c.value for c in dossiers[1]]
    title = dossiers.cell(2, header.index("title") + 1)
    assert (title.value, title.data_type) == (PLUS_TITLE, "s")  # the text itself: a typed cell needs no quote
    year = dossiers.cell(2, header.index("edition_year") + 1)
    assert (year.value, year.data_type) == (2030, "n")
    assert dossiers.cell(2, header.index("spearhead") + 1).value is True
    request = requests.cell(2, [c.value for c in requests[1]].index("text") + 1)
    assert (request.value, request.data_type) == (HYPERLINK, "s")
    for sheet in (dossiers, requests):
        assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == sheet.dimensions
        assert all(sheet.column_dimensions[c.column_letter].width > 2 for c in sheet[1])
        assert all(c.font.bold for c in sheet[1])
    fills = {dossiers.cell(r, 1).fill.fgColor.rgb for r in range(2, dossiers.max_row + 1)
             if dossiers.cell(r, header.index("spearhead") + 1).value}
    plain = {dossiers.cell(r, 1).fill.fill_type for r in range(2, dossiers.max_row + 1)
             if not dossiers.cell(r, header.index("spearhead") + 1).value}
    assert fills == {"00FFF3C4"} and plain == {None}


def test_tables_are_byte_identical_for_the_same_input(hostile_edition, tmp_path):
    programme = extract(hostile_edition.parent.parent / "werkprogramma-2030.pdf", nlp=False)
    first = [p.read_bytes() for p in write_files(tmp_path / "a", table_contents(programme))]
    second = [p.read_bytes() for p in write_files(tmp_path / "b", table_contents(programme))]
    assert first == second and [p.read_bytes() for p in sorted((tmp_path / "a").iterdir())] != []
    assert (hostile_edition / "programme.xlsx").read_bytes() == first[2]
