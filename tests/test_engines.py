"""The two character sources give the same programme: pdfium (the default) and pdfplumber (the reference).

On both corpus editions and on the random house styles of seeds
`WERKPROGRAMMA_ENGINE_SEEDS` ("start:count", default 0:100), the programme JSON
of both engines is the same byte for byte, apart from the engine's name.
"""
from __future__ import annotations

import os
import random
import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pypdfium2.raw as raw
import pytest
from conftest import CORPUS, EDITIONS
from house_styles import engine_difference
from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas

from pipeline.cli import main
from pipeline.layout import words as layout_words
from pipeline.pdf import sources
from pipeline.rules import load_rules
from pipeline.run.extract import extract
from pipeline.utils.files import canonical_json

START, COUNT = (int(v) for v in os.environ.get("WERKPROGRAMMA_ENGINE_SEEDS", "0:100").split(":"))

LAYOUT = load_rules().layout
SPACE_SHARE = load_rules().layout.word_gap


@pytest.mark.parametrize("stem", EDITIONS)
def test_corpus_edition_is_the_same_from_both_engines(stem):
    pdfium, plumber = (extract(CORPUS / f"{stem}.pdf", nlp=False, engine=e) for e in ("pdfium", "pdfplumber"))
    assert (pdfium.engine, plumber.engine) == ("pdfium", "pdfplumber")
    pdfium.engine = plumber.engine = None
    assert canonical_json(pdfium) == canonical_json(plumber)


def test_house_styles_are_the_same_from_both_engines():
    with ProcessPoolExecutor(max_workers=2) as pool:
        differences = [d for d in pool.map(engine_difference, range(START, START + COUNT)) if d]
    assert COUNT >= 100 or "WERKPROGRAMMA_ENGINE_SEEDS" in os.environ
    assert differences == []


def test_engine_option(tmp_path, capsys):
    pdf = CORPUS / f"{EDITIONS[-1]}.pdf"
    assert main(["extract", str(pdf), "--engine", "pdfplumber", "--no-nlp", "--out", str(tmp_path)]) == 0
    assert '"engine": "pdfplumber"' in (tmp_path / pdf.stem / "programme.json").read_text(encoding="utf-8")
    with pytest.raises(SystemExit):
        main(["extract", str(pdf), "--engine", "pdfminer"])
    assert "invalid choice: 'pdfminer'" in capsys.readouterr().err


def tricky_page(path: Path) -> Path:
    """Rotated, coloured, italic and hyphenated text in several fonts on one page."""
    canvas = Canvas(str(path), pagesize=(400, 400))
    canvas.setFont("Helvetica-BoldOblique", 11)
    canvas.drawString(20, 360, "Schuin en vet: financiering, werk-")
    canvas.setFillColor(Color(0.8, 0.1, 0.2))
    canvas.setFont("Times-Roman", 9)
    canvas.drawString(20, 340, "rood * speerpunt")
    canvas.saveState()
    canvas.translate(200, 200)
    canvas.rotate(90)
    canvas.drawString(0, 0, "gedraaid")
    canvas.restoreState()
    canvas.setFillColor(Color(0, 0, 0))
    canvas.setFont("Courier", 30)
    canvas.drawString(20, 100, "Groot")
    canvas.showPage()
    canvas.save()
    return path


needs_c_loops = pytest.mark.skipif(sources._native is None and shutil.which("cc") is None,
                                   reason="the C loops need a C compiler at install time")


@needs_c_loops
def test_c_character_loop_reads_what_the_python_loop_reads(tmp_path, monkeypatch):
    built = sources._native
    assert built is not None, "pipeline/pdf/_native.c was not built: reinstall with `make setup`"
    tricky = tricky_page(tmp_path / "tricky.pdf")
    spaceless = spaceless_page(tmp_path / "spaceless.pdf")
    pdfs = [*(CORPUS / f"{stem}.pdf" for stem in EDITIONS), tricky, spaceless,
            Path(__file__).parent / "fixtures" / "realworld" / "contrib__issue-1113-evil-xobjects.pdf"]
    styles = set()
    for pdf in pdfs:
        document = sources.pdfium_document(pdf, None)
        try:
            for index in range(len(document)):
                page = document[index]
                text_page = page.get_textpage()
                height = page.get_size()[1]
                monkeypatch.setattr(sources, "_native", None)
                python = sources.pdfium_chars(raw, text_page.raw, height, sources._FontNames(), SPACE_SHARE)
                monkeypatch.setattr(sources, "_native", built)
                c = sources.pdfium_chars(raw, text_page.raw, height, sources._FontNames(), SPACE_SHARE)
                assert c == python, f"{pdf.name} page {index + 1}"
                assert all(type(char) is sources.Char for char in [*c, *python])
                if pdf == tricky:
                    styles = {(char.font, char.color, char.upright) for char in c}
                text_page.close()
                page.close()
        finally:
            document.close()
    assert ("Times-Roman", "#cc1a33", False) in styles and ("Helvetica-BoldOblique", "#000000", True) in styles


def spaceless_page(path: Path) -> Path:
    """A line set without space characters, as pdfTeX sets it: words apart by a third of the size, a word
    in capitals spaced by 0.12 of the size, and an ellipsis whose points are kerned 0.167 of it apart."""
    canvas = Canvas(str(path), pagesize=(400, 200))
    size, x = 10.0, 20.0
    for word, spacing, gap in [("DEEL", 0.12, 0.33), ("twee", 0.0, 0.33), ("projecten", 0.0, 0.33), (".", 0.0, 0.167),
                               (".", 0.0, 0.167), (".", 0.0, 0.33), ("klaar", 0.0, 0.33)]:
        text = canvas.beginText(x, 100)
        text.setFont("Times-Roman", size)
        text.setCharSpace(spacing * size)
        text.textOut(word)
        canvas.drawText(text)
        width = canvas.stringWidth(word, "Times-Roman", size) + len(word) * spacing * size
        x += width + gap * size
    canvas.showPage()
    canvas.save()
    return path


def test_both_engines_end_words_alike_without_space_characters(tmp_path):
    """Where the producer wrote no spaces, pdfium writes its own; they end words only as the gaps do for
    pdfplumber: not between spaced capitals, nor between the points of an ellipsis."""
    path = spaceless_page(tmp_path / "spaceless.pdf")
    words = {engine: [w.text for w in layout_words.page_words(sources.all_pages(engine, path)[0].chars, LAYOUT)]
             for engine in sources.ENGINES}
    assert words["pdfium"] == words["pdfplumber"] == ["DEEL", "twee", "projecten", "...", "klaar"]


def random_chars(rng: random.Random) -> list[sources.Char]:
    """Characters with the ties and edge cases that word grouping must order the same way: shared tops
    and left edges, blanks, ligatures, several styles, rotated characters."""
    chars = []
    for _ in range(rng.randint(0, 60)):
        top = rng.choice([10.0, 10.5, 12.0, 13.9, 17.0, 30.0, rng.uniform(0, 40)])
        x0 = rng.choice([1.0, 2.0, 5.0, rng.uniform(0, 50)])
        chars.append(sources.Char(rng.choice(["a", "b", " ", "", "ﬁ", "\t", "é", "xy"]), x0,
                                  x0 + rng.choice([0.0, 1.0, 3.0, 5.0]), top, top + 10, rng.choice([10.0, 12.0]),
                                  rng.choice(["F", "F-Bold", "G-Italic"]), rng.choice(["#000000", ""]),
                                  rng.random() > 0.1, rng.choice([-1, 0, 3])))
    return chars


@needs_c_loops
def test_c_word_loop_groups_what_the_python_loop_groups(tmp_path):
    assert sources._native is not None, "pipeline/pdf/_native.c was not built: reinstall with `make setup`"
    pages = [page.chars for stem in EDITIONS for page in sources.all_pages("pdfium", CORPUS / f"{stem}.pdf")]
    pages += [page.chars for page in sources.all_pages("pdfplumber", tricky_page(tmp_path / "tricky.pdf"))]
    rng = random.Random(0)
    pages += [random_chars(rng) for _ in range(2000)]
    for index, chars in enumerate(pages):
        words = layout_words.page_words(chars, LAYOUT)
        assert words == layout_words.python_page_words(chars, LAYOUT), f"page {index}"
        assert all(type(word) is layout_words.Word for word in words)
    assert sum(len(layout_words.page_words(chars, LAYOUT)) for chars in pages) > 10_000
    not_a_number = [sources.Char("a", float("nan"), 1.0, 1.0, 2.0, 1.0, "F", "", True, -1)]
    assert sources._native.page_words(not_a_number, layout_words.Word, layout_words.font_weight_and_slant,
                                      layout_words.LIGATURE_TABLE, LAYOUT.word_line_tolerance, LAYOUT.word_gap,
                                      LAYOUT.line_end_hyphen_gap) is None
    assert layout_words.page_words(not_a_number, LAYOUT) == layout_words.python_page_words(not_a_number, LAYOUT)


def test_both_engines_read_the_printed_size_of_scaled_text(tmp_path):
    """The size is the font size times the vertical scale: a condensed cut (horizontal scale 80 %) keeps it,
    a scaled coordinate system (a browser's CSS pixels, 0.75) shrinks it."""
    path = tmp_path / "scaled.pdf"
    canvas = Canvas(str(path), pagesize=(400, 400))
    text = canvas.beginText(20, 360)
    text.setFont("Helvetica", 10)
    text.setHorizScale(80)
    text.textLine("smal gezet")
    canvas.drawText(text)
    canvas.scale(0.75, 0.75)
    canvas.setFont("Helvetica", 12)
    canvas.drawString(20, 300, "geschaald")
    canvas.showPage()
    canvas.save()
    sizes = {engine: {round(c.size, 3) for c in sources.all_pages(engine, path)[0].chars if c.text.strip()}
             for engine in sources.ENGINES}
    assert sizes["pdfium"] == sizes["pdfplumber"] == {10.0, 9.0}


def test_both_engines_round_the_printed_size_to_a_hundredth(tmp_path):
    """A size worked out through a scale carries float noise (a browser's 10 points are 13.333333 CSS pixels
    at 0.75): both engines give the size to a hundredth of a point, so that runs of one size agree."""
    path = tmp_path / "noisy.pdf"
    canvas = Canvas(str(path), pagesize=(400, 400))
    canvas.scale(0.75, 0.75)
    canvas.setFont("Helvetica", 13.333333)
    canvas.drawString(20, 300, "tien punten")
    canvas.showPage()
    canvas.save()
    sizes = {engine: {c.size for c in sources.all_pages(engine, path)[0].chars if c.text.strip()}
             for engine in sources.ENGINES}
    assert sizes["pdfium"] == sizes["pdfplumber"] == {10.0}
