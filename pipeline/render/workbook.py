"""`programme.xlsx`: the dossier and request tables as two sheets of one workbook.

Every cell is typed: text is written as text (never as a formula, whatever
it starts with), numbers as numbers, flags as booleans.  The header row is
frozen with filters on, columns are sized to their contents and spearhead
rows are highlighted.  The same rows give the same bytes: the workbook's
dates and the archive's timestamps are fixed to the edition's 1 January.
"""
from __future__ import annotations

import datetime
import io
import zipfile
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from pipeline.render.tables import DOSSIER_COLUMNS, REQUEST_COLUMNS

SPEARHEAD_FILL = PatternFill(fill_type="solid", start_color="FFF3C4", end_color="FFF3C4")
HEADER_FONT = Font(bold=True)
MAX_WIDTH = 60  # characters: longer texts wrap in the cell's own editor rather than widen the sheet
FIRST_YEAR = 1980  # the earliest date a ZIP archive can hold


def fill_sheet(sheet: Worksheet, columns: Sequence[str], rows: Sequence[dict]) -> None:
    """Write the header and the rows, every text cell typed as a string."""
    sheet.append(list(columns))
    for cell in sheet[1]:
        cell.font = HEADER_FONT
    for row in rows:
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v := row[c], str) else v for c in columns])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # openpyxl reads a text that starts with "=" as a formula
            if row.get("spearhead"):
                cell.fill = SPEARHEAD_FILL
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for index, column in enumerate(columns, start=1):
        longest = max([len(column), *(len(str(row[column] or "")) for row in rows)])
        sheet.column_dimensions[get_column_letter(index)].width = min(longest, MAX_WIDTH) + 2


def fixed_archive(data: bytes, moment: datetime.datetime) -> bytes:
    """The ZIP archive again with every member's timestamp set to `moment`."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=moment.timetuple()[:6])
            target.writestr(info, source.read(member), compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def workbook_bytes(dossiers: Sequence[dict], requests: Sequence[dict], year: int | None) -> bytes:
    """The workbook of the rows of `dossier_rows` and `request_rows`, dated 1 January of the edition's year."""
    book = Workbook()
    fill_sheet(book.active, DOSSIER_COLUMNS, dossiers)
    book.active.title = "dossiers"
    fill_sheet(book.create_sheet("advisory_requests"), REQUEST_COLUMNS, requests)
    moment = datetime.datetime(max(year or FIRST_YEAR, FIRST_YEAR), 1, 1)
    book.properties.creator = "werkprogramma"
    book.properties.created = book.properties.modified = moment
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).save()  # not openpyxl's save_workbook, which dates the file now
    return fixed_archive(buffer.getvalue(), moment)
