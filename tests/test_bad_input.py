"""Bad input: one line on stderr naming the file and the reason, exit 2, nothing written."""
from __future__ import annotations

import pytest
from pdfmaker import SAMPLE, render
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from pipeline.cli import main

CORPUS_PDF = sorted((__import__("conftest").CORPUS).glob("*.pdf"))[0]


def scanned_pdf(path):
    """A page with only a drawn picture (no text layer), as a scanner makes."""
    canvas = Canvas(str(path), pagesize=A4)
    for row in range(40):
        canvas.setFillGray(row / 40)
        canvas.rect(50, 100 + row * 15, 400, 12, stroke=0, fill=1)
    canvas.showPage()
    canvas.save()


def plain_text_pdf(path):
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont("Helvetica", 10)
    for index in range(30):
        canvas.drawString(50, 780 - index * 14, f"Een gewone brief zonder delen, regel {index}.")
    canvas.showPage()
    canvas.save()


CASES = {
    "not-a-pdf.pdf": (lambda p: p.write_text("Dit is geen PDF.\n"), "not a PDF file"),
    "empty.pdf": (lambda p: p.write_bytes(b""), "empty file"),
    "truncated.pdf": (lambda p: p.write_bytes(CORPUS_PDF.read_bytes()[:4000]), "damaged or unreadable PDF"),
    "encrypted.pdf": (lambda p: render(p, SAMPLE, password="geheim"), "encrypted"),
    "scanned.pdf": (scanned_pdf, "no text layer; scanned PDFs are not supported"),
    "letter.pdf": (plain_text_pdf, "no programme structure"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input_gives_one_line_and_status_2(name, tmp_path, capsys):
    make, reason = CASES[name]
    path = tmp_path / name
    make(path)
    good = render(tmp_path / "goed-2030.pdf", SAMPLE)
    out = tmp_path / "out"
    status = main(["extract", str(path), str(good), "--out", str(out)])
    captured = capsys.readouterr()
    errors = [line for line in captured.err.splitlines() if line.startswith("error:")]
    assert status == 2
    assert len(errors) == 1 and errors[0].startswith(f"error: {name}: {reason}"), captured.err
    assert "Traceback" not in captured.err
    assert not (out / path.stem).exists()
    assert (out / "goed-2030" / "programme.json").exists(), "the other files of the run are still processed"
    assert not list(out.rglob("*.tmp"))


def test_encrypted_pdf_opens_with_its_password(tmp_path):
    path = render(tmp_path / "geheim-2030.pdf", SAMPLE, password="geheim")
    assert main(["extract", str(path), "--out", str(tmp_path), "--password", "geheim"]) == 0
    assert (tmp_path / "geheim-2030" / "programme.json").exists()


def test_missing_file(tmp_path, capsys):
    assert main(["extract", str(tmp_path / "nergens.pdf"), "--out", str(tmp_path)]) == 2
    assert capsys.readouterr().err.strip() == "error: nergens.pdf: no such file"
