"""The layout stage on tiny PDFs made for each layout trick."""
from __future__ import annotations

import itertools

import pytest
from pdfmaker import FILLER
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from pipeline.layout import layout_document
from pipeline.pdf.sources import all_pages
from pipeline.rules import load_rules

RULES = load_rules().layout
WIDTH, HEIGHT = A4


def block_text(block) -> str:
    """A block's text: its repaired text, or its lines' texts joined (the layout stage repairs none)."""
    return block.text or " ".join(line.text for line in block.lines)


def summary(blocks) -> list[tuple]:
    """What the later stages see of a block: its text, pages, marker, size, weight, slant and colour."""
    return [(block_text(b), b.pages or [b.page], b.marker, b.number,
             round(b.size, 1), round(b.share("bold"), 2), round(b.share("italic"), 2), b.color) for b in blocks]


def blocks_of(path):
    """The page's blocks through pdfium, checked against the reference engine (pdfplumber)."""
    blocks = layout_document(all_pages("pdfium", path), RULES).blocks
    reference = layout_document(all_pages("pdfplumber", path), RULES).blocks
    assert summary(blocks) == summary(reference)
    return blocks


def columns_pdf(path, columns: int, header: str | None = None, gutter: float = 20) -> None:
    """A page with a full-width title and `columns` columns, each a paragraph naming its column."""
    canvas = Canvas(str(path), pagesize=A4)
    for page in (1, 2, 3):
        canvas.setFont("Helvetica-Bold", 16)
        canvas.drawString(50, HEIGHT - 80, f"Een titel over de volle breedte van de pagina nummer {page} hier")
        width = (WIDTH - 100 - (columns - 1) * gutter) / columns
        for column in range(columns):
            x = 50 + column * (width + gutter)
            y = HEIGHT - 120
            canvas.setFont("Helvetica", 9)
            for line in simpleSplit(f"Kolom{column + 1} begint hier. " + FILLER * 2, "Helvetica", 9, width):
                canvas.drawString(x, y, line)
                y -= 12
        canvas.setFont("Helvetica", 7)
        canvas.drawString(WIDTH - 120, 30, f"Werkprogramma | {page}")
        if header:
            canvas.drawString(50, HEIGHT - 30, header)
        canvas.showPage()
    canvas.save()


@pytest.mark.parametrize("gutter", [20, 8])
def test_columns_are_read_left_to_right(tmp_path, gutter):
    """Also where the columns are set closer than a wide gap (8 points beside 9-point text: pdfLaTeX sets 10
    points): the strip that no row crosses is still the gutter."""
    for columns in (1, 2, 3):
        path = tmp_path / f"c{columns}.pdf"
        columns_pdf(path, columns, gutter=gutter)
        texts = [block_text(b) for b in blocks_of(path) if b.page == 1]
        starts = [t.split()[0] for t in texts]
        assert starts[0] == "Een", texts
        order = [s for s in starts if s.startswith("Kolom")]
        assert order == [f"Kolom{i}" for i in range(1, columns + 1)], (columns, texts)


def test_running_header_and_footer_are_dropped(tmp_path):
    path = tmp_path / "furniture.pdf"
    columns_pdf(path, 2, header="Lopende koptekst van het werkprogramma")
    text = " ".join(line.text for b in blocks_of(path) for line in b.lines)
    assert "koptekst" not in text
    assert "Werkprogramma |" not in text


def test_a_small_caption_at_the_head_of_a_page_stays_above_its_list(tmp_path):
    """A line in small type in the top margin band is furniture when set apart from the text (a one-off note),
    not when it stands right above its text: a box's list caption at the head of a page."""
    path = tmp_path / "caption.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    rows = simpleSplit(FILLER, "Helvetica", 10, WIDTH - 100)
    for page in range(1, 5):
        y = HEIGHT - 100
        if page == 2:
            canvas.setFont("Helvetica", 7)
            canvas.drawString(50, HEIGHT - 30, "Ontwerpversie")
        if page == 3:
            canvas.setFont("Helvetica", 8)
            canvas.drawString(50, HEIGHT - 45, "ADVIESVRAGEN")
            canvas.setFont("Helvetica", 10)
            canvas.drawString(50, HEIGHT - 58, "BVR uitbreiding jobbonus")
            y = HEIGHT - 71
        canvas.setFont("Helvetica", 10)
        for row in rows:
            canvas.drawString(50, y, row)
            y -= 13
        canvas.showPage()
    canvas.save()
    texts = [line.text for b in blocks_of(path) for line in b.lines]
    assert "ADVIESVRAGEN" in texts and "Ontwerpversie" not in texts


@pytest.mark.parametrize("footer", ["Werkprogramma | pagina {}", "{}"])
def test_footer_above_the_margin_band_is_dropped(tmp_path, footer):
    """A footer set higher than the margin band (a large bottom margin) is still a running text: it is the
    bottom row of every page. A line of the text that reads like it ("2025" beside a page number) stays."""
    path = tmp_path / "high-footer.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    for page, opening in enumerate(("Eerste", "Tweede", "Derde", "Vierde"), start=1):
        canvas.setFont("Helvetica", 10)
        y = HEIGHT - 120
        for line in [*simpleSplit(f"{opening} pagina begint hier. " + FILLER, "Helvetica", 10, WIDTH - 100), "2025"]:
            canvas.drawString(50, y, line)
            y -= 13
        canvas.drawString(WIDTH / 2 - 60, 0.1 * HEIGHT, footer.format(page))
        canvas.showPage()
    canvas.save()
    lines = [line.text for b in blocks_of(path) for line in b.lines]
    assert "Eerste pagina" in " ".join(lines)
    assert "Werkprogramma" not in " ".join(lines)
    assert lines.count("2025") == 4, lines


def bullet_pdf(path, kind: str) -> None:
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont("Helvetica", 10)
    y = HEIGHT - 100
    canvas.drawString(50, y, "Een inleidende zin voor de lijst hieronder.")
    for number, item in enumerate(("eerste punt van de lijst", "tweede punt van de lijst"), start=1):
        y -= 20
        if kind == "shape":
            canvas.circle(52, y + 3, 1.6, stroke=0, fill=1)
        elif kind == "hollow":
            canvas.circle(52, y + 3, 1.6, stroke=1, fill=0)
        elif kind == "number":
            canvas.drawString(48, y, f"{number}.")
        else:
            canvas.drawString(49, y, kind)
        canvas.drawString(62, y, item)
    canvas.drawString(50, y - 30, "Een gewone zin over het rapport van de OESO, Talent")
    canvas.drawString(50, y - 42, "– Flanders, loopt door op een regel die met een streepje begint.")
    canvas.showPage()
    canvas.save()


def test_bullets_as_shapes_glyphs_and_numbers(tmp_path):
    for kind in ("shape", "hollow", "•", "▪", "number"):
        path = tmp_path / "bullets.pdf"
        bullet_pdf(path, kind)
        blocks = blocks_of(path)
        items = [b for b in blocks if b.marker]
        assert [block_text(b) for b in items] == [
            "eerste punt van de lijst", "tweede punt van de lijst"], kind
        assert items[0].marker == ("number" if kind == "number" else "bullet")
        assert not blocks[-1].marker, "a dash that continues a paragraph is punctuation, not a bullet"
        assert blocks[-1].lines[-1].text.startswith("– Flanders")


def test_dash_bullets_close_to_the_text(tmp_path):
    """A dash with a plain space, or none, is a bullet when it starts a block or lines up with another."""
    for glyph, space in (("–", " "), ("-", " "), ("–", ""), ("•", "")):
        path = tmp_path / "dashes.pdf"
        canvas = Canvas(str(path), pagesize=A4)
        canvas.setFont("Helvetica", 10)
        canvas.drawString(50, HEIGHT - 100, "Adviesvragen:")
        for index, item in enumerate(("BVR eerste punt van de lijst", "BVR tweede punt van de lijst")):
            canvas.drawString(50, HEIGHT - 118 - 14 * index, f"{glyph}{space}{item}")
        canvas.showPage()
        canvas.save()
        items = [b for b in blocks_of(path) if b.marker]
        assert [block_text(b) for b in items] == [
            "BVR eerste punt van de lijst", "BVR tweede punt van de lijst"], (glyph, space)


def test_raised_asterisk_joins_the_title(tmp_path):
    path = tmp_path / "raised.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont("Times-Bold", 12)
    canvas.drawString(50, HEIGHT - 100, "Een speerpuntdossier")
    canvas.setFont("Times-Bold", 7)
    canvas.drawString(50 + canvas.stringWidth("Een speerpuntdossier", "Times-Bold", 12), HEIGHT - 95, "*")
    canvas.setFont("Times-Roman", 10)
    canvas.drawString(50, HEIGHT - 120, "Gewone tekst onder de titel.")
    canvas.showPage()
    canvas.save()
    first = blocks_of(path)[0]
    assert block_text(first) == "Een speerpuntdossier*"


def test_raised_asterisk_under_a_line_that_ends_at_the_same_place(tmp_path):
    """A wrapped title's raised mark goes to its last line, not to a word of the line above ending there."""
    path = tmp_path / "raised-wrapped.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont("Helvetica", 14)
    last_y = HEIGHT - 117
    canvas.drawString(50, last_y, "legislatuur")
    mark_x = 50 + canvas.stringWidth("legislatuur", "Helvetica", 14) + 4
    upper_x = mark_x - 1 - canvas.stringWidth("3. Visienota", "Helvetica", 14)
    canvas.drawString(upper_x, last_y + 17, "3. Visienota begrotingsbeleid")
    canvas.setFont("Helvetica", 9.5)
    canvas.drawString(mark_x, last_y + 8.5, "*")
    canvas.showPage()
    canvas.save()
    lines = [line.text for b in blocks_of(path) for line in b.lines]
    assert "legislatuur*" in lines, lines


def test_large_heading_beside_the_next_column_keeps_the_gutter(tmp_path):
    """A theme title in large type at the foot of one column does not join the text of the next."""
    path = tmp_path / "big-heading.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    width = (WIDTH - 100 - 20) / 2
    for column in range(2):
        y = HEIGHT - 80
        canvas.setFont("Helvetica", 9)
        for line in simpleSplit(f"Kolom{column + 1} begint hier. " + FILLER * 3, "Helvetica", 9, width):
            canvas.drawString(50 + column * (width + 20), y, line)
            y -= 12
    canvas.setFont("Helvetica-Bold", 24)
    canvas.drawString(50 + width + 20, HEIGHT - 80 - 12 * 5, "ONDERWIJS")
    canvas.showPage()
    canvas.save()
    lines = [line.text for b in blocks_of(path) for line in b.lines]
    assert "ONDERWIJS" in lines, [t for t in lines if "ONDERWIJS" in t]


def test_large_headings_side_by_side_are_cut_at_the_gutter(tmp_path):
    """Two theme titles in large type on one row, one per column: the gutter between them is narrower than
    a gap that cuts a row at their size, yet each stays a heading of its own column."""
    path = tmp_path / "side-by-side.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    gutter, left_title = 18, "Sociale bescherming en welzijn"
    width = (WIDTH - 100 - gutter) / 2
    size = (width - 4) / canvas.stringWidth(left_title, "Helvetica", 1)  # the title ends 4 pt before the gutter
    for column, title in enumerate((left_title, "Economie en innovatie")):
        x, y = 50 + column * (width + gutter), HEIGHT - 80
        canvas.setFont("Helvetica", size)
        canvas.drawString(x, y, title)
        canvas.setFont("Helvetica", 9)
        for number, line in enumerate(simpleSplit(f"Kolom{column + 1} begint hier. " + FILLER * 2, "Helvetica", 9,
                                                  width)):
            canvas.drawString(x, y - 24 - 12 * number, line)
    canvas.showPage()
    canvas.save()
    gap = 50 + width + gutter - (50 + canvas.stringWidth(left_title, "Helvetica", size))
    assert gap < RULES.segment_gap * size  # one row without the gutter
    texts = [line.text for b in blocks_of(path) if b.page == 1 for line in b.lines]
    assert texts.index(left_title) < texts.index("Economie en innovatie"), texts
    first_words = [t.split()[0] for t in texts]
    assert first_words.index("Kolom1") < texts.index("Economie en innovatie") < first_words.index("Kolom2")


def test_side_column_lists_are_read_where_they_stand(tmp_path):
    """A list in a narrow column beside one column of text follows the paragraph it stands beside."""
    path = tmp_path / "side.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    main, side_x = 330, 50 + 330 + 20
    for page in (1, 2, 3):
        y = HEIGHT - 80
        for paragraph in range(3):
            canvas.setFont("Helvetica", 9)
            for line in simpleSplit(f"Alinea{page}{paragraph} begint hier. " + FILLER, "Helvetica", 9, main):
                canvas.drawString(50, y, line)
                y -= 12
            if paragraph == 1:
                list_y = y - 6
                canvas.setFont("Helvetica-Bold", 9)
                canvas.drawString(side_x, list_y, "Adviesvragen")
                canvas.setFont("Helvetica", 9)
                for index in range(3):
                    canvas.drawString(side_x + 10, list_y - 14 * (index + 1), f"BVR punt {page}{index}")
            y -= 8
        canvas.showPage()
    canvas.save()
    texts = [block_text(b) for b in blocks_of(path) if b.page == 2]
    starts = [t.split()[0] for t in texts]
    assert starts[:3] == ["Alinea20", "Alinea21", "Adviesvragen"], starts
    assert starts[-1] == "Alinea22", starts


def test_a_side_list_beside_wide_text_on_one_page_is_read_where_it_stands(tmp_path):
    """A page of text too wide to find a gutter by (full lines, short headings and last lines) with a list
    beside it, the only such page: the full lines still mark where the gutter begins, so the list is a
    side column read after the paragraph it stands beside, not a column read after the whole page."""
    path = tmp_path / "side-once.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    main, side_x, words = 330, 50 + 330 + 20, itertools.cycle(FILLER.split())
    y = HEIGHT - 80
    for paragraph in range(3):
        canvas.setFont("Helvetica-Bold", 9)
        canvas.drawString(50, y, f"Thema{paragraph}")
        canvas.setFont("Helvetica", 9)
        for row in range(4):
            line = ""
            while canvas.stringWidth(line, "Helvetica", 9) < main - 20:
                line += next(words) + " "
            canvas.drawString(50, y - 12 * (row + 1), line.strip())
        canvas.drawString(50, y - 60, f"Einde{paragraph}.")
        if paragraph == 1:
            canvas.setFont("Helvetica-Bold", 9)
            canvas.drawString(side_x, y - 74, "Adviesvragen")
            canvas.setFont("Helvetica", 9)
            for index in range(3):
                canvas.drawString(side_x + 10, y - 74 - 14 * (index + 1), f"BVR punt {index}")
        y -= 120
    canvas.showPage()
    canvas.save()
    text = " ".join(line.text for b in blocks_of(path) for line in b.lines)
    assert text.index("Einde1.") < text.index("Adviesvragen") < text.index("Thema2"), text


def justified_pdf(path, last_line_justified: bool) -> None:
    """Two pages of justified paragraphs; the last one is cut by the page break right after a full stop,
    on a line that fills the column, and goes on with a capital on the next page. That line is set
    justified (stretched word spaces, so not the paragraph's end) or with the font's own spaces."""
    canvas = Canvas(str(path), pagesize=A4)
    words, width = itertools.cycle(FILLER.split()), WIDTH - 100

    def draw(y: float, line: list[str], justify: bool) -> None:
        text = canvas.beginText(50, y)
        text.setFont("Helvetica", 10)
        natural = canvas.stringWidth(" ".join(line), "Helvetica", 10)
        text.setWordSpace((width - natural) / (len(line) - 1) if justify else 0)  # the PDF keeps it otherwise
        text.textOut(" ".join(line))
        canvas.drawText(text)

    def paragraph(y: float, rows: int, last: list[str] | None = None) -> float:
        for _ in range(rows):
            line = [next(words)]
            while canvas.stringWidth(" ".join([*line, "voorbeeld"]), "Helvetica", 10) < width:
                line.append(next(words))
            draw(y, line, True)
            y -= 13
        if last:
            draw(y, last, False)
            y -= 13
        return y - 8

    canvas.setFont("Helvetica", 10)
    y = HEIGHT - 60
    for _ in range(4):
        y = paragraph(y, 3, ["Dat", "is", "het", "einde."])
    y = paragraph(y, 3)
    cut = ["Ook", "de", "regering", "bereidt", "een", "advies", "voor", "over", "werk", "en", "de", "financiering",
           "van", "de", "opleiding", "van", "werkenden", "met", "de", "sociale", "partners."]
    while canvas.stringWidth(" ".join(cut), "Helvetica", 10) > 0.9 * width:
        cut.pop(-2)
    draw(y, cut, last_line_justified)
    canvas.showPage()
    canvas.setFont("Helvetica", 10)
    y = paragraph(HEIGHT - 60, 0, ["Daarna", "volgt", "de", "rest."])
    for _ in range(3):
        y = paragraph(y, 3, ["Dat", "is", "het", "einde."])
    canvas.showPage()
    canvas.save()


def test_a_justified_line_at_a_page_break_runs_on_after_a_full_stop(tmp_path):
    """A paragraph cut by a page break after a full stop goes on when its last line is set justified; with
    the font's own word spaces that line ends the paragraph, even when it fills the column."""
    for justified, runs_on in ((True, True), (False, False)):
        justified_pdf(tmp_path / f"justified-{justified}.pdf", justified)
        texts = [block_text(b)
                 for b in blocks_of(tmp_path / f"justified-{justified}.pdf")]
        cut = next(text for text in texts if "partners." in text)
        assert cut.endswith("partners. Daarna volgt de rest.") == runs_on, (justified, cut[-80:])


def test_a_list_item_cut_by_a_page_break_runs_on_before_a_capital(tmp_path):
    """The item's last line on the page fills the column and ends mid-sentence: the next page goes on
    with it (set flush, not at the item's hanging indent), even though its first word has a capital."""
    path = tmp_path / "runon.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont("Helvetica", 10)
    lines = simpleSplit("Het plan " + FILLER * 3, "Helvetica", 10, 450)[:-1]
    while lines[-1].endswith((".", ",", ":", ";")):
        lines.pop()
    y = HEIGHT - 80
    for line in simpleSplit("Een gewone alinea. " + FILLER, "Helvetica", 10, 460):
        canvas.drawString(50, y, line)
        y -= 13
    y -= 8
    canvas.circle(54, y + 3.5, 1.5, stroke=0, fill=1)
    for line in lines:
        canvas.drawString(60, y, line)
        y -= 13
    canvas.showPage()
    canvas.setFont("Helvetica", 10)
    canvas.drawString(51, HEIGHT - 80, "Vlaamse overheid als kernactoren van dat beleid.")
    canvas.circle(54, HEIGHT - 110 + 3.5, 1.5, stroke=0, fill=1)
    canvas.drawString(60, HEIGHT - 110, "Een tweede punt.")
    canvas.showPage()
    canvas.save()
    items = [block_text(b) for b in blocks_of(path) if b.marker == "bullet"]
    assert len(items) == 2
    assert items[0].endswith(lines[-1] + " Vlaamse overheid als kernactoren van dat beleid.")
    assert items[1] == "Een tweede punt."


def test_words_without_space_characters_end_at_a_fifth_of_the_size(tmp_path):
    """A producer that writes no spaces (pdfTeX) only positions words: a tight justified gap of 0.22 of the
    size ends a word, a letter gap of 0.1 (kerning, letter spacing) does not."""
    path = tmp_path / "no-spaces.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    x = 50.0
    for word in ("Vlaams", "minister", "van", "Werk"):
        for letter in word:
            canvas.setFont("Times-Roman", 10)
            canvas.drawString(x, HEIGHT - 100, letter)
            x += canvas.stringWidth(letter, "Times-Roman", 10) + 1.0
        x += 2.2 - 1.0
    canvas.showPage()
    canvas.save()
    assert [line.text for line in blocks_of(path)[0].lines] == ["Vlaams minister van Werk"]


def draw_pieces(path, pieces: list[tuple], size: float = 10) -> None:
    """One row of Times-Roman pieces (text, advance[, size]), each drawn `advance` points after the previous
    piece's start (None: right after its end), in `size` unless it has a size of its own."""
    canvas = Canvas(str(path), pagesize=A4)
    x = 50.0
    for text, advance, *own_size in pieces:
        piece_size = own_size[0] if own_size else size
        canvas.setFont("Times-Roman", piece_size)
        canvas.drawString(x, HEIGHT - 100, text)
        x += canvas.stringWidth(text, "Times-Roman", piece_size) if advance is None else advance
    canvas.showPage()
    canvas.save()


def test_a_space_drawn_over_the_next_letter_ends_no_word(tmp_path):
    """A browser writes a space at a word's break opportunities, drawn over the next letter: it has no room of
    its own, pdfium leaves it out, and it ends no word for either engine (so both see the same words)."""
    path = tmp_path / "covered-space.pdf"
    draw_pieces(path, [("meege", None), (" ", 0.0), ("nomen", None), (" ", None), ("worden", None)])
    for engine in ("pdfium", "pdfplumber"):
        lines = [line for block in layout_document(all_pages(engine, path), RULES).blocks for line in block.lines]
        assert [[word.text for word in line.words] for line in lines] == [["meegenomen", "worden"]], engine


def test_a_space_in_another_size_drawn_over_the_next_letter_ends_no_word(tmp_path):
    """Between small capitals, a browser writes a break opportunity's space in the size of the text around
    them, drawn over the next letter: it cuts neither the word nor the run of small capitals it stands in, for
    either engine."""
    path = tmp_path / "covered-space-size.pdf"
    draw_pieces(path, [("ZAAM", None, 8), (" ", 0.0, 11), ("HEIDS", None, 8), (" ", None, 8), ("RAPPORT", None, 8)])
    for engine in ("pdfium", "pdfplumber"):
        lines = [line for block in layout_document(all_pages(engine, path), RULES).blocks for line in block.lines]
        assert [[word.text for word in line.words] for line in lines] == [["ZAAMHEIDS", "RAPPORT"]], engine


def test_a_gap_narrower_than_a_word_space_ends_no_word_for_either_engine(tmp_path):
    """pdfium writes a space of its own in a gap of 0.168 of the size (no space character there), pdfplumber
    none: the gap is narrower than `word_gap`, so both read one word."""
    path = tmp_path / "narrow-gap.pdf"
    draw_pieces(path, [("kern", stringWidth("kern", "Times-Roman", 10) + 1.68), ("elementen", None)])
    for engine in ("pdfium", "pdfplumber"):
        lines = [line for block in layout_document(all_pages(engine, path), RULES).blocks for line in block.lines]
        assert [[word.text for word in line.words] for line in lines] == [["kernelementen"]], engine


def test_a_space_kerned_after_a_closing_quote_still_ends_a_word(tmp_path):
    """A browser kerns the space after a closing quote, and pdfium then drops it: the gap left (0.176 of the
    size) still ends the word."""
    path = tmp_path / "quote-space.pdf"
    quote = stringWidth("mee’", "Times-Roman", 10)
    draw_pieces(path, [("iedereen", None), (" ", None), ("mee’", quote + 1.76), ("stelt", None)])
    assert [line.text for line in blocks_of(path)[0].lines] == ["iedereen mee’ stelt"]


def test_a_line_end_hyphen_set_apart_stays_with_its_word(tmp_path):
    """An office suite sets a line-end hyphen apart in a justified line (0.175 of the size, as wide as a kerned
    word space): it stays with its word."""
    path = tmp_path / "hyphen-apart.pdf"
    draw_pieces(path, [("de", None), (" ", None), ("Vertegen", stringWidth("Vertegen", "Times-Roman", 10) + 1.75),
                       ("-", None)])
    assert [[word.text for word in line.words] for line in blocks_of(path)[0].lines] == [["de", "Vertegen-"]]


def test_a_line_end_dash_a_serif_space_apart_stands_alone(tmp_path):
    """A dash a word space of a serif font (a quarter of the size) after the last word of a line ("en -" before
    "mechanismen" on the next line), with no space character (pdfium drops it there): a word of its own."""
    path = tmp_path / "dash-apart.pdf"
    draw_pieces(path, [("kernelementen", None), (" ", None), ("en", stringWidth("en", "Times-Roman", 10) + 2.5),
                       ("-", None)])
    assert [[word.text for word in line.words] for line in blocks_of(path)[0].lines] == [["kernelementen", "en", "-"]]


def test_a_hyphen_between_words_set_apart_without_spaces_stands_alone(tmp_path):
    """pdfTeX writes no spaces: a hyphen set between two words ("Wonen - Uitdagingen") is a word of its own,
    and so is the word before it."""
    path = tmp_path / "hyphen-between.pdf"
    gap = stringWidth("Wonen", "Times-Roman", 10) + 2.5
    draw_pieces(path, [("Wonen", gap), ("-", stringWidth("-", "Times-Roman", 10) + 2.5), ("Uitdagingen", None)])
    assert [[word.text for word in line.words] for line in blocks_of(path)[0].lines] == [["Wonen", "-", "Uitdagingen"]]


def test_a_line_justified_with_very_wide_word_spaces_stays_one_line(tmp_path):
    """An office suite stretches the word spaces of a justified line to twice the size when it may not
    hyphenate: equal wide gaps are word spaces; the wider gap of a gutter beside them still cuts."""
    path = tmp_path / "stretched.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont("Helvetica", 10)
    for row, words in enumerate([("Conceptnota", "ambitieus", "Europees", "industriebeleid"),
                                 ("in", "het", "voorjaar", "2030")]):
        x, y = 50.0, HEIGHT - 100 - 12 * row
        for word in words:
            canvas.drawString(x, y, word)
            x += canvas.stringWidth(word, "Helvetica", 10) + 19.0
        canvas.drawString(x + 30.0, y, "Tweede kolom")
    canvas.showPage()
    canvas.save()
    lines = [line.text for block in blocks_of(path) for line in block.lines]
    assert "Conceptnota ambitieus Europees industriebeleid" in lines
    assert "Tweede kolom" in lines


def test_a_number_in_its_own_table_cell_starts_the_row(tmp_path):
    """A table of requests sets its numbers in a column of their own, further from the text than a list."""
    path = tmp_path / "table.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont("Helvetica", 9)
    for row, text in enumerate(["BVR jobbonus", "BVR uitgifte opleidingscheques"]):
        y = HEIGHT - 100 - 16 * row
        canvas.drawString(50, y, f"{row + 1}.")
        canvas.drawString(50 + 8.5 + 2.5 * 9, y, text)
    canvas.showPage()
    canvas.save()
    lines = [(line.number, line.text) for block in blocks_of(path) for line in block.lines]
    assert lines == [(1, "BVR jobbonus"), (2, "BVR uitgifte opleidingscheques")]


def test_a_table_number_beside_the_gutter_stays_with_its_row(tmp_path):
    """A table of numbered requests in the right column: on its rows the left column's lines end in a stop,
    and the number cell stands about as far from the line as from its own text, so the number is first read
    with the line (a space after a stop may be wide); cut from it at the gutter, it still starts its row."""
    path = tmp_path / "table.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    row_text = "loopbanen van en voor de werkenden en werkzoekenden;"
    width, top = canvas.stringWidth(row_text, "Helvetica", 9) + 9, HEIGHT - 80
    lines, right = simpleSplit(FILLER * 25, "Helvetica", 9, width), 50 + width + 16
    for page in range(5):
        canvas.setFont("Helvetica", 9)
        for row in range(50):
            canvas.drawString(50, top - 12 * row, row_text if page == 2 and 10 <= row < 13 else lines[row])
            if page != 2 or not 8 <= row < 14:
                canvas.drawString(right, top - 12 * row, lines[row + 50])
        items = ["BVR uitbreiding jobbonus", "BVR IMW/DGV", "BVR uitgifte opleidingscheques"] if page == 2 else []
        for row, item in enumerate(items):
            y = top - 12 * (10 + row)
            canvas.drawString(right + 4, y, f"{row + 1}.")  # the table's cells are padded
            canvas.drawString(right + 4 + canvas.stringWidth("1.", "Helvetica", 9) + 15.6, y, item)
        canvas.showPage()
    canvas.save()
    assert [(b.number, block_text(b)) for b in blocks_of(path) if b.number] == [
        (1, "BVR uitbreiding jobbonus"), (2, "BVR IMW/DGV"), (3, "BVR uitgifte opleidingscheques")]


def small_capitals_pdf(path, lines: list[list[tuple[str, float]]]) -> None:
    """A heading drawn in pieces of two sizes (one list of pieces per line) above a line of body text."""
    canvas = Canvas(str(path), pagesize=A4)
    for row, pieces in enumerate(lines):
        x, y = 50.0, HEIGHT - 100 - 18 * row
        for text, size in pieces:
            canvas.setFont("Helvetica-Bold", size)
            canvas.drawString(x, y, text)
            x += canvas.stringWidth(text, "Helvetica-Bold", size)
    canvas.setFont("Helvetica", 10)
    canvas.drawString(50, HEIGHT - 150, "Gewone tekst onder de titel, met VDAB en SERV in hoofdletters.")
    canvas.showPage()
    canvas.save()


@pytest.mark.parametrize("case", [str.upper, str.lower])
def test_small_capitals_are_read_as_the_lower_case_they_stand_for(tmp_path, case):
    """Office suites and browsers set small capitals as capitals of about 0.8 of the size, their text the
    capitals or (a browser's replacement text) the lower-case letters; a heading so set keeps one size, its
    case and its second line."""
    path = tmp_path / "small-caps.pdf"
    small_capitals_pdf(path, [[("O", 14.4), (case("PVOLGING "), 11.5), (case("EN "), 11.5), ("E", 14.4),
                               (case("UROPESE"), 11.5)], [(case("ONTWIKKELINGEN"), 11.5)]])
    blocks = blocks_of(path)
    assert [line.text for line in blocks[0].lines] == ["Opvolging en Europese", "ontwikkelingen"]
    assert {round(word.size, 1) for word in blocks[0].words} == {14.4}
    assert "VDAB en SERV" in blocks[1].lines[0].text


def test_a_heading_in_small_capitals_runs_on_after_a_space_in_its_capitals_size(tmp_path):
    """A word wholly in small capitals after a space set in the capitals' size is no jump in type size:
    the heading stays one line."""
    path = tmp_path / "small-caps-jump.pdf"
    small_capitals_pdf(path, [[("DEEL 1 \u2013 O", 18), ("verleg", 12.6), ("- ", 18), ("en adviesfunctie", 12.6)]])
    blocks = blocks_of(path)
    assert [line.text for line in blocks[0].lines] == ["DEEL 1 \u2013 Overleg- en adviesfunctie"]
    assert {round(word.size, 1) for word in blocks[0].words} == {18}


def test_a_side_head_line_in_small_capitals_up_to_the_text_beside_it(tmp_path):
    """A side head's line in small capitals whose colon, in the capitals' size, ends closer to the text beside
    it than a gutter is wide: its words in small capitals are still the lower case at the capitals' size."""
    path = tmp_path / "small-caps-side.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    y = HEIGHT - 100
    for pieces in ([("W", 12), ("ERKHOEVEELHEID", 8.25)], [("ARBEIDSMARKTKRAPTE", 8.25), (":", 12)]):
        x = 50
        for text, size in pieces:
            canvas.setFont("Helvetica-Bold", size)
            canvas.drawString(x, y, text)
            x += canvas.stringWidth(text, "Helvetica-Bold", size)
        canvas.setFont("Helvetica", 10.5)
        canvas.drawString(x + 12, y, "en de tekst naast de titel loopt hier verder.")
        y -= 18
    canvas.showPage()
    canvas.save()
    words = [word for block in blocks_of(path) for word in block.words]
    heading = [(word.text, round(word.size, 1)) for word in words if word.bold]
    assert heading == [("Werkhoeveelheid", 12), ("arbeidsmarktkrapte", 12), (":", 12)], heading


def test_lettered_sub_items_are_list_items(tmp_path):
    """Word processors number a sub-list "a)", "b)": each letter set apart starts an item."""
    path = tmp_path / "letters.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont("Helvetica", 9)
    for row, (letter, text) in enumerate([("a)", "een kader voor de erkenning,"), ("b)", "een update van het kader.")]):
        canvas.drawString(70, HEIGHT - 100 - 14 * row, letter)
        canvas.drawString(88, HEIGHT - 100 - 14 * row, text)
    canvas.showPage()
    canvas.save()
    assert [(b.marker, b.text or b.lines[0].text) for b in blocks_of(path)] == [
        ("letter", "een kader voor de erkenning,"), ("letter", "een update van het kader.")]


def rows_pdf(path, texts: list[str], size: float) -> None:
    """One line of Helvetica per text, one below the other."""
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont("Helvetica", size)
    for row, text in enumerate(texts):
        canvas.drawString(50, HEIGHT - 100 - 14 * row, text)
    canvas.showPage()
    canvas.save()


def test_a_letter_set_against_the_first_word_starts_an_item(tmp_path):
    """A word processor's "a)" label whose tab reaches no further than the label runs into the item's
    first word ("a)Een"): a capital after the letter's parenthesis still starts an item."""
    path = tmp_path / "letters-attached.pdf"
    rows_pdf(path, ["a)Een kader voor de erkenning,", "b)Een update van het kader."], 9)
    assert [(b.marker, b.text or b.lines[0].text) for b in blocks_of(path)] == [
        ("letter", "Een kader voor de erkenning,"), ("letter", "Een update van het kader.")]


@pytest.mark.parametrize("gap", [0.168, 0.18])
@pytest.mark.parametrize(("labels", "marker"), [(("a)", "b)"), "letter"), (("1.", "2."), "number")])
def test_a_label_a_narrow_word_space_from_a_capital_starts_an_item(tmp_path, labels, marker, gap):
    """A label `gap` of the size before the item's first word, a capital: pdfium writes a space there,
    which ends no word closer than `word_gap` (pdfplumber has none), and a label closer than
    `number_marker_gap` still starts an item, as one set against the word does."""
    path = tmp_path / "narrow-labels.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont("Helvetica", 12)
    for row, (label, text) in enumerate(zip(labels, ["Een kader voor de erkenning,", "Een update van het kader."],
                                            strict=True)):
        canvas.drawString(70, HEIGHT - 100 - 17 * row, label)
        canvas.drawString(70 + stringWidth(label, "Helvetica", 12) + gap * 12, HEIGHT - 100 - 17 * row, text)
    canvas.showPage()
    canvas.save()
    assert [(b.marker, b.text or b.lines[0].text) for b in blocks_of(path)] == [
        (marker, "Een kader voor de erkenning,"), (marker, "Een update van het kader.")]


def test_a_number_set_against_the_first_word_starts_an_item(tmp_path):
    """A word processor's list label with a narrow tab reads "1.BVR jobbonus": the number is a marker."""
    path = tmp_path / "attached.pdf"
    rows_pdf(path, ["1.BVR jobbonus", "2.Samenwerkingsakkoord data"], 10)
    assert [(line.number, line.text) for block in blocks_of(path) for line in block.lines] == [
        (1, "BVR jobbonus"), (2, "Samenwerkingsakkoord data")]


def balanced_columns_pdf(path, pages: list[str]) -> None:
    """Pages of two columns with a short theme title in large type: "between" two sets of balanced columns,
    at the "foot" of the page below them, or at the "head" of the page above them."""
    canvas = Canvas(str(path), pagesize=A4)
    width = (WIDTH - 100 - 20) / 2
    for kind in pages:
        y = HEIGHT - 80
        if kind == "head":
            canvas.setFont("Helvetica", 15)
            canvas.drawString(50, y, "Economie")
            y -= 30
        for band in ("Boven", "Onder") if kind == "between" else ("Boven",):
            for column in range(2):
                canvas.setFont("Helvetica", 9)
                for row, line in enumerate(simpleSplit(f"{band}{column + 1} begint hier. " + FILLER, "Helvetica", 9,
                                                       width)[:8]):
                    canvas.drawString(50 + column * (width + 20), y - 12 * row, line)
            if band == "Boven" and kind != "head":
                canvas.setFont("Helvetica", 15)
                canvas.drawString(50, y - 12 * 8 - 14, "Economie")
                y -= 12 * 8 + 40
        canvas.showPage()
    canvas.save()


def test_a_title_at_the_head_of_a_page_tells_of_no_titles_across_the_columns(tmp_path):
    """A title at the head of the first column, above both columns, says nothing of how the document sets
    its titles: in a document whose titles stand there or at the foot of the first column only, the one at
    the foot stays the last line of its column."""
    path = tmp_path / "head.pdf"
    balanced_columns_pdf(path, ["head", "foot", "head"])
    assert page_starts(path, 1) == ["Economie", "Boven1", "Boven2"]
    assert page_starts(path, 2) == ["Boven1", "Economie", "Boven2"]


def two_columns_with_a_gap_pdf(path, first: tuple[str, float, float], second: tuple[str, float, float]) -> None:
    """Two pages of two columns of body text (9 points); after its tenth row, each column leaves a white
    space and sets a heading in bold there: `first` in the first column, `second` in the second (text,
    size, and how far below the next row's place its baseline stands)."""
    canvas = Canvas(str(path), pagesize=A4)
    width = (WIDTH - 100 - 20) / 2
    for _ in range(2):
        for column, (heading, size, drop) in enumerate((first, second)):
            x, y = 50 + column * (width + 20), HEIGHT - 80
            rows = simpleSplit(f"Kolom{column + 1} begint hier. " + FILLER * 4, "Helvetica", 9, width)
            for row, line in enumerate(rows[:20]):
                if row == 10:
                    canvas.setFont("Helvetica-Bold", size)
                    canvas.drawString(x, y - drop, heading)
                    y -= drop + 10
                canvas.setFont("Helvetica", 9)
                canvas.drawString(x, y, line)
                y -= 12
        canvas.showPage()
    canvas.save()


def test_a_title_in_a_look_the_columns_also_hold_is_the_columns_own(tmp_path):
    """A large title in the first column, beside a white space of the second, is no title across the columns
    when the document sets titles of that look inside its second column too: the first column is read to
    its end before the second."""
    path = tmp_path / "looks.pdf"
    two_columns_with_a_gap_pdf(path, ("Economie", 15, 30), ("Energie", 15, 55))
    lines = page_lines(path, 1)
    assert lines.index("Economie") < lines.index("Energie")
    assert all(text.startswith("Kolom1") or "Kolom2" not in text for text in lines[:lines.index("Economie")])


def test_a_heading_in_the_second_column_beside_a_white_space_of_the_first_is_its_own(tmp_path):
    """A heading slightly larger than the body in the second column, set where the first column leaves a
    white space, does not cut the page between two sections of columns: the first column is read first."""
    path = tmp_path / "gap.pdf"
    two_columns_with_a_gap_pdf(path, ("", 9, 30), ("Innovatie in ondernemingen", 10, 14))
    lines = page_lines(path, 1)
    assert [index for index, text in enumerate(lines) if text.startswith("Kolom")] == [0, 20]
    assert lines.index("Innovatie in ondernemingen") == 30


def test_a_column_holding_only_an_indented_list_keeps_the_text_edge(tmp_path):
    """A page whose column holds only sub-items run on from the page before starts at the text's edge (where
    the column starts on the other pages of its side), not at the items' labels: their indent tells them
    apart from the items above them."""
    path = tmp_path / "indented-page.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    rows = simpleSplit(FILLER * 2, "Helvetica", 9, WIDTH - 100)[:12]
    for page in range(1, 7):
        canvas.setFont("Helvetica", 9)
        y = HEIGHT - 80
        for row in rows if page < 6 else []:
            canvas.drawString(50, y, row)
            y -= 12
        labels = [("1.", 50)] if page == 5 else [("a)", 64), ("b)", 64)] if page == 6 else []
        for label, x in labels:
            canvas.drawString(x, y - 6, label)
            canvas.drawString(x + 14, y - 6, "Een kader voor de erkenning van de diensten.")
            y -= 18
        canvas.showPage()
    canvas.save()
    blocks = blocks_of(path)
    assert [(b.page, b.marker, round(b.indent)) for b in blocks if b.marker] == [
        (5, "number", 0), (6, "letter", 14), (6, "letter", 14)]


def page_lines(path, number: int) -> list[str]:
    """The texts of a page's lines in reading order."""
    return [line.text for b in blocks_of(path) for line in b.lines if line.page == number]


def offset_columns_pdf(path, gutter: float, overflow: str = "", offset: float = 0.0, heading: str = "") -> None:
    """Four pages of two columns `gutter` points apart, the right one `offset` points lower; on the second
    page the left column's fourth line ends in `overflow`, a word that runs on into the gutter, and the right
    column's fourth line is `heading` in large type, if given."""
    canvas = Canvas(str(path), pagesize=A4)
    width = (WIDTH - 100 - gutter) / 2
    for page in (1, 2, 3, 4):
        for column in range(2):
            x, y = 50 + column * (width + gutter), HEIGHT - 80 - column * offset
            lines = simpleSplit(f"Kolom{column + 1} begint hier. " + FILLER * 3, "Helvetica", 9, width)
            for number, line in enumerate(lines):
                if page == 2 and column == 0 and number == 3:
                    line = f"{line.split()[0]} {overflow}"
                canvas.setFont("Helvetica", 9)
                if page == 2 and column == 1 and number == 3 and heading:
                    line = heading
                    canvas.setFont("Helvetica-Bold", 14)
                canvas.drawString(x, y, line)
                y -= 12
        canvas.showPage()
    canvas.save()


def page_starts(path, page: int) -> list[str]:
    return [line.text.split()[0] for b in blocks_of(path) if b.page == page for line in b.lines[:1]]


def test_a_short_title_between_balanced_columns_cuts_the_page(tmp_path):
    """A theme title in large type set across the columns mid-page, too short to cross the gutter, with the
    columns above it balanced: the text above it, in both columns, is read before it, the text below after.
    In such a document, a title alone at the foot of a page below both columns is read after them."""
    path = tmp_path / "band.pdf"
    balanced_columns_pdf(path, ["between", "foot", "between"])
    assert page_starts(path, 1) == ["Boven1", "Boven2", "Economie", "Onder1", "Onder2"]
    assert page_starts(path, 2) == ["Boven1", "Boven2", "Economie"]


def test_a_title_at_the_foot_of_the_first_column_stays_there(tmp_path):
    """In a document with no titles set across its columns, a title alone at the foot of the first column
    is that column's last line, read before the next column (which goes on with its text)."""
    path = tmp_path / "foot.pdf"
    balanced_columns_pdf(path, ["foot", "foot", "foot"])
    assert page_starts(path, 2) == ["Boven1", "Economie", "Boven2"]


@pytest.mark.parametrize(("first", "second", "one"), [
    ("ANDERE INITIATIEVEN EN", "BELEIDSADVIESVRAGEN", True),  # the long word would not fit after "EN"
    ("Rapporten 2030", "Voorbereiding van de metingen", False),  # a heading, then the next one
    ("ANDERE INITIATIEVEN EN*", "BELEIDSADVIESVRAGEN", False),  # a title that ends in a mark is whole
    ("ANDERE INITIATIEVEN, ADVIEZEN EN DE", "12.3 BELEIDSADVIESVRAGEN", False),  # a number opens the next
])
def test_a_heading_cut_by_a_column_break_stays_one_block(tmp_path, first, second, one):
    """A bold line that ends one column and one that opens the next are one heading when the first was
    wrapped before the second's first word (it would not have fit), whatever case that word starts with,
    unless the first ends in a note mark or the second starts with an outline number."""
    path = tmp_path / "cut-heading.pdf"
    rows = cut_heading_pdf(path, first, second)
    fits = stringWidth(f"{first} {second.split()[0]}", "Helvetica-Bold", 11) <= max(
        stringWidth(line, "Helvetica", 9) for line in rows)
    assert fits is (first == "Rapporten 2030")
    texts = [block_text(b) for b in blocks_of(path) if b.page == 2]
    assert (f"{first} {second}" in texts) is one, texts


def test_a_heading_wrapped_for_want_of_its_word_space_stays_one_block(tmp_path):
    """A heading's line is wrapped where the next word fits beside it only without the word space between
    them: set so, "17.1 DIGITAAL" at a column's foot goes on with "PLATFORM" at the next column's head."""
    first, second = "17.1 DIGITAAL", "PLATFORM"
    edge = max(stringWidth(line, "Helvetica", 9) for line in cut_heading_rows())
    space = stringWidth(" ", "Helvetica-Bold", 11)
    words = stringWidth(first, "Helvetica-Bold", 11) + stringWidth(second, "Helvetica-Bold", 11)
    size = 11 * (edge - space / 2) / words
    path = tmp_path / "wrapped-heading.pdf"
    cut_heading_pdf(path, first, second, size)
    texts = [block_text(b) for b in blocks_of(path) if b.page == 2]
    assert f"{first} {second}" in texts, texts


def test_a_heading_ends_before_a_word_its_producer_hyphenated_where_a_piece_of_it_would_have_fit(tmp_path):
    """A producer that breaks a heading's word at its line end ("Arbeidsmarktbeleidsplannen-" alone on the
    next column's first line) hyphenates: had the heading above gone on, a first piece of that word would
    have stood on its last line, where the whole word would not fit. So the two are two headings."""
    first, second = "Werkdruk en stress", "Arbeidsmarktbeleidsplannen-"
    edge = max(stringWidth(line, "Helvetica", 9) for line in cut_heading_rows())
    head, word = stringWidth(f"{first} ", "Helvetica-Bold", 11), stringWidth(second, "Helvetica-Bold", 11)
    assert head + word > edge > head + word * 4 / len(second)
    path = tmp_path / "hyphenated-heading.pdf"
    cut_heading_pdf(path, first, second)
    texts = [block_text(b) for b in blocks_of(path) if b.page == 2]
    assert first in texts and second in texts, texts


def test_a_heading_gone_on_in_the_next_column_ends_there(tmp_path):
    """A heading at the foot of a page's first column that goes on at the head of its second is whole there:
    the heading that opens the second column of the next page starts a block of its own."""
    width = (WIDTH - 100 - 40) / 3
    first, second, next_heading = "Samenwerking tussen de", "sociale partners", "Arbeidsmarktbeleid"
    assert stringWidth(f"{first} {second.split()[0]}", "Helvetica-Bold", 11) > width
    rows = simpleSplit("Tekst begint hier. " + FILLER * 4, "Helvetica", 9, width)
    path = tmp_path / "three-columns.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    for page in range(2):
        for column in range(3):
            x, y = 50 + column * (width + 20), HEIGHT - 80
            canvas.setFont("Helvetica-Bold", 11)
            if (page, column) == (0, 1):
                canvas.drawString(x, y, second)
                y -= 18
            elif (page, column) == (1, 1):
                canvas.drawString(x, y, next_heading)
                y -= 18
            canvas.setFont("Helvetica", 9)
            count = 50 if (page, column) == (0, 0) else 40 if column == 0 else 45
            for row, line in enumerate(rows[:count]):
                canvas.drawString(x, y - 12 * row, line)
            if (page, column) == (0, 0):
                canvas.setFont("Helvetica-Bold", 11)
                canvas.drawString(x, y - 12 * count - 8, first)
        canvas.showPage()
    canvas.save()
    headings = [block_text(b) for b in blocks_of(path) if b.lines[0].bold]
    assert headings == [f"{first} {second}", next_heading], headings


def cut_heading_rows() -> list[str]:
    """The rows of body text that fill the first of two columns (`cut_heading_pdf`)."""
    return simpleSplit("Kolom1 begint hier. " + FILLER * 3, "Helvetica", 9, (WIDTH - 100 - 20) / 2)[:40]


def cut_heading_pdf(path, first: str, second: str, size: float = 11) -> list[str]:
    """Three pages of two columns: body text, then a bold heading line `first` at the first column's foot
    and `second` at the second's head, above its text; the first column's rows."""
    canvas = Canvas(str(path), pagesize=A4)
    width = (WIDTH - 100 - 20) / 2
    rows = cut_heading_rows()
    for _ in range(3):
        canvas.setFont("Helvetica", 9)
        for row, line in enumerate(rows):
            canvas.drawString(50, HEIGHT - 80 - 12 * row, line)
        canvas.setFont("Helvetica-Bold", size)
        canvas.drawString(50, HEIGHT - 80 - 12 * len(rows) - 8, first)
        canvas.drawString(50 + width + 20, HEIGHT - 80, second)
        canvas.setFont("Helvetica", 9)
        for row, line in enumerate(simpleSplit("Kolom2 begint hier. " + FILLER, "Helvetica", 9, width)):
            canvas.drawString(50 + width + 20, HEIGHT - 100 - 12 * row, line)
        canvas.showPage()
    canvas.save()
    return rows


def test_a_paragraph_across_the_columns_keeps_the_usual_gutter_of_its_page(tmp_path):
    """A paragraph set across the columns (a table of the text's full width in a page of side heads) whose
    last line is short crosses the gutter, but leaves it to the page: the side heads there are still read as
    a column of their own beside the text."""
    path = tmp_path / "wide-paragraph.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    text_rows = simpleSplit(FILLER, "Helvetica", 9, WIDTH - 50 - 170)[:4]
    wide_rows = simpleSplit(FILLER + " Slot.", "Helvetica", 9, WIDTH - 50 - 80)[:3]
    wide_rows[-1] = " ".join(wide_rows[-1].split()[:5])
    for page in range(4):
        y = HEIGHT - 80
        for index in range(6):
            canvas.setFont("Helvetica-Bold", 10)
            canvas.drawString(50, y, f"Dossier {page}{index}")
            canvas.setFont("Helvetica", 9)
            for row, line in enumerate(text_rows):
                canvas.drawString(170, y - 12 * row, f"Tekst{page}{index} {line}" if row == 0 else line)
            y -= 12 * len(text_rows) + 16
            if page == 2 and index == 2:
                for row, line in enumerate(wide_rows):
                    canvas.drawString(80, y - 12 * row, line)
                y -= 12 * len(wide_rows) + 16
        canvas.showPage()
    canvas.save()
    assert 80 + stringWidth(wide_rows[-1], "Helvetica", 9) > 170
    lines = [line for block in blocks_of(path) for line in block.lines if line.page == 3]
    assert {line.column for line in lines if line.text.startswith("Dossier")} == {0}
    assert {line.column for line in lines if line.text.startswith("Tekst")} == {1}


def side_heads_pdf(path, capitals: bool = False, colon: bool = False, whole: bool = False,
                   hyphen: bool = False, early: bool = False) -> None:
    """Pages of dossiers whose bold headings (in `capitals`: no line of the left column is in lower case)
    hang in a narrow left column beside their text: one heading's long word reaches the text's edge,
    another's runs over the text's first word (with a `colon` set against it, in a larger size), and the
    last heading of each page but the last goes on at the top of the next page, beside the rest of its
    text (unless `whole`: then the next page's first heading stands below that text; with `hyphen`, its line
    broken at a hyphen with room left on it, before capitals; with `early`, the first page's text ends,
    with its last heading, far above where the other pages' text ends)."""
    canvas = Canvas(str(path), pagesize=A4)
    head_x, text_x, size = 50, 170, 9
    heads = [["Eerste", "dossier"], ["Tweede", "Kwalificatiesregister"], ["Derde", "Arbeidsmarktbeleidsplannen"],
             ["Vierde dossier", "over het onderwerp"]]
    if hyphen:
        heads[-1] = ["Vierde dossier over", "het niet-"]
    if capitals:
        heads = [[word.upper() for word in head] for head in heads]
    for page in range(3):
        y = HEIGHT - 80 - (40 if page else 0)
        for index, head in enumerate(heads):
            canvas.setFont("Helvetica", size)
            rows = simpleSplit(f"Tekst{page}{index} begint hier. " + FILLER, "Helvetica", size, WIDTH - 50 - text_x)
            if index == len(heads) - 1:
                rows = rows[:2]
                y = 400 if early and page == 0 else 110
            for row, line in enumerate(rows):
                canvas.drawString(text_x, y - 12 * row, line)
            canvas.setFont("Helvetica-Bold", 10)
            for row, word in enumerate(head):
                x = head_x
                if word.lower() == "kwalificatiesregister":  # ends at the text's left edge
                    x = text_x - canvas.stringWidth(word, "Helvetica-Bold", 10)
                elif word.lower() == "arbeidsmarktbeleidsplannen":  # runs 6 points over the text
                    x = text_x + 6 - canvas.stringWidth(word, "Helvetica-Bold", 10)
                    if colon:
                        canvas.setFont("Helvetica-Bold", 13)
                        canvas.drawString(text_x + 6.3, y - 12 * row, ":")
                        canvas.setFont("Helvetica-Bold", 10)
                canvas.drawString(x, y - 12 * row, word)
            y -= 12 * max(len(rows), len(head)) + 16
        canvas.showPage()
        if page < 2:
            canvas.setFont("Helvetica-Bold", 10)
            if not whole:
                canvas.drawString(head_x, HEIGHT - 80, "VOLGENDE PAGINA" if capitals or hyphen else "volgende pagina")
            canvas.setFont("Helvetica", size)
            canvas.drawString(text_x, HEIGHT - 80, "en de tekst gaat verder.")
    canvas.save()


@pytest.mark.parametrize(("capitals", "colon"), [(False, False), (True, False), (False, True)])
def test_side_heads_are_read_beside_their_text(tmp_path, capitals, colon):
    """Headings in a column at most `float_column_share` as wide as the text beside it are read where they
    stand, each before its text; a word that reaches the text or runs over it is still the heading's, so is
    a colon set against it, and a heading cut by the foot of the page goes on with the first heading line of
    the next page. Headings in capitals, the only lines of their column, still make it one."""
    path = tmp_path / "side-heads.pdf"
    side_heads_pdf(path, capitals, colon)
    case = str.upper if capitals else str
    texts = [block_text(b) for b in blocks_of(path) if b.page == 2]
    heads = [t for t in texts if not t.startswith(("Tekst", "en de", case("volgende")))]
    assert heads[:3] == [case(head) for head in ("Eerste dossier", "Tweede Kwalificatiesregister",
                                                  "Derde Arbeidsmarktbeleidsplannen" + ":" * colon)], texts
    assert not any(t.startswith(":") or ": " in t for t in texts if t.startswith("Tekst")), texts
    starts = [t.split()[0] for t in texts]
    assert starts == [case("Eerste"), "Tekst10", case("Tweede"), "Tekst11", case("Derde"), "Tekst12",
                      case("Vierde"), "Tekst13"], texts
    whole = [block_text(b) for b in blocks_of(path)]
    assert case("Vierde dossier over het onderwerp volgende pagina") in whole, whole


def side_dossiers_page(canvas: Canvas, page: int, texts: list[list[str] | None], gaps: list[float]) -> None:
    """A page of dossiers whose two-line bold heads ("Hoofd<page><index>", "van het dossier") hang left of
    their texts (rows of text, or None for filler), each dossier the given gap below the one before."""
    y = HEIGHT - 80
    for index, (rows, gap) in enumerate(zip(texts, gaps, strict=True)):
        canvas.setFont("Helvetica-Bold", 10)
        for row, text in enumerate([f"Hoofd{page}{index}", "van het dossier"]):
            canvas.drawString(50, y - 12 * row, text)
        canvas.setFont("Helvetica", 9)
        rows = rows or simpleSplit(f"Tekst{page}{index} begint hier. " + FILLER * 2, "Helvetica", 9, WIDTH - 220)
        for row, line in enumerate(rows):
            canvas.drawString(170, y - 12 * row, line)
        y -= 12 * max(len(rows), 2) + gap
    canvas.showPage()


def test_side_heads_set_close_beside_a_one_line_text_are_read_each_before_its_text(tmp_path):
    """A side head beside a text of one line, and the next side head right below it, beside its own text: the
    two heads stand closer than the text's lines are, yet each is read before its own text."""
    path = tmp_path / "side-heads-close.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    for page in range(3):
        side_dossiers_page(canvas, page, [None, ["Zie deel arbeidsmarkt."], None, None], [16, 4, 16, 16])
    canvas.save()
    starts = [b.lines[0].text.split()[0] for b in blocks_of(path) if b.page == 2]
    assert starts == ["Hoofd10", "Tekst10", "Hoofd11", "Zie", "Hoofd12", "Tekst12", "Hoofd13", "Tekst13"], starts


def test_a_last_page_of_a_side_head_and_one_line_keeps_the_side_column(tmp_path):
    """The last page holds a side head of two lines beside a single line of text, which is wide for a page
    that small: the document's side gutter still holds there, and the head is read whole before the text."""
    path = tmp_path / "side-heads-last.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    for page in range(3):
        side_dossiers_page(canvas, page, [None] * 4, [16] * 4)
    side_dossiers_page(canvas, 3, [["overleg gaan met de onderzoekers en het beleid."]], [16])
    canvas.save()
    assert [block_text(b) for b in blocks_of(path) if b.page == 4] == [
        "Hoofd30 van het dossier", "overleg gaan met de onderzoekers en het beleid."]


def test_a_heading_line_in_capitals_broken_at_a_hyphen_goes_on(tmp_path):
    """A heading's line of one compound in capitals broken at its hyphen ("SERV-") goes on with the heading's
    next line in lower case, as any wrapped line does."""
    path = tmp_path / "caps-hyphen.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont("Helvetica-Bold", 13)
    for row, text in enumerate(["Insteken bij adviezen", "SERV-", "commissies Arbeidsmarkt"]):
        canvas.drawString(50, HEIGHT - 80 - 16 * row, text)
    canvas.setFont("Helvetica", 10)
    for row, line in enumerate(simpleSplit(FILLER, "Helvetica", 10, 300)):
        canvas.drawString(50, HEIGHT - 140 - 13 * row, line)
    canvas.showPage()
    canvas.save()
    heading = block_text(blocks_of(path)[0])
    assert heading == "Insteken bij adviezen SERV- commissies Arbeidsmarkt"


def test_a_side_head_at_the_foot_of_a_page_ends_there(tmp_path):
    """A side head at the foot of a page whose text goes on at the top of the next page does not go on with
    the first heading of the next page, which stands below that text."""
    path = tmp_path / "side-heads-whole.pdf"
    side_heads_pdf(path, whole=True)
    whole = [block_text(b) for b in blocks_of(path)]
    assert whole.count("Vierde dossier over het onderwerp") == whole.count("Eerste dossier") == 3, whole


def test_no_side_head_is_cut_at_the_foot_of_a_page_whose_text_ends_early(tmp_path):
    """A page whose text ends far above where the document's text usually ends (the next dossier kept whole
    on the next page) has no heading cut at its foot: its last side head does not go on with the first
    heading of the next page, as the same heading at the foot of the next page does."""
    path = tmp_path / "side-heads-early.pdf"
    side_heads_pdf(path, early=True)
    texts = [block_text(b) for b in blocks_of(path)]
    assert texts.count("Vierde dossier over het onderwerp") == 2, texts  # the first page's, and the last's
    assert texts.count("Vierde dossier over het onderwerp volgende pagina") == 1, texts


def test_a_side_head_broken_at_a_hyphen_goes_on_on_the_next_page(tmp_path):
    """A side head at the foot of a page whose last line ends in a hyphen set against a letter goes on with
    the first heading line of the next page, though the next word would have fit on that line."""
    path = tmp_path / "side-heads-hyphen.pdf"
    side_heads_pdf(path, hyphen=True)
    whole = [block_text(b) for b in blocks_of(path)]
    assert whole.count("Vierde dossier over het niet- VOLGENDE PAGINA") == 2, whole


@pytest.mark.parametrize("crowded", [False, True])
def test_a_side_head_wrapped_at_the_foot_of_a_page_goes_on(tmp_path, crowded):
    """A side head in capitals wrapped at the foot of a page goes on at the head of the next: the next word
    would not have fit on its line. The measure is the side column's usual one where the page holds only that
    head (not `crowded`), and that of its lines of two words or more where a long word overflows it."""
    path = tmp_path / "side-heads-cut.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    head_x, text_x = 50, 215
    measure = canvas.stringWidth("SCHULDBELEID EN", "Helvetica-Bold", 10) - 6
    heads = ["EERSTE DOSSIER VAN DE PAGINA", "TWEEDE DOSSIER VAN DE PAGINA"]
    for page in range(3):
        y = HEIGHT - 80
        canvas.setFont("Helvetica", 9)
        for row, line in enumerate(simpleSplit(f"Tekst{page} " + FILLER * 3, "Helvetica", 9, WIDTH - 50 - text_x)[:56]):
            canvas.drawString(text_x, y - 12 * row, line)
        canvas.setFont("Helvetica-Bold", 10)
        if page == 2:
            for row, word in enumerate(["EN VLAAMSE", "SCHULDNORMERING"]):
                canvas.drawString(head_x, y - 12 * row, word)
            y -= 60
        if page != 1 or crowded:
            for head in heads + (["ARBEIDSMARKTBELEID"] if page == 1 else []):
                for row, line in enumerate(simpleSplit(head, "Helvetica-Bold", 10, measure)):
                    canvas.drawString(head_x, y - 12 * row, line)
                y -= 12 * row + 200
        if page == 1:
            for row, word in enumerate(["VLAAMS", "SCHULDBELEID"]):
                canvas.drawString(head_x, HEIGHT - 80 - 12 * (54 + row), word)
        canvas.showPage()
    canvas.save()
    whole = [block_text(b) for b in blocks_of(path)]
    assert "VLAAMS SCHULDBELEID EN VLAAMSE SCHULDNORMERING" in whole, whole


def test_a_title_beside_a_paragraph_break_of_the_next_column_stays_in_its_column(tmp_path):
    """A title in large type in the first column of text filled column after column, where the next column
    happens to have a paragraph break beside it (no line there, but hardly any margin): the column's own,
    read after the text above it in its column, before the next column."""
    path = tmp_path / "beside-break.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    width = (WIDTH - 100 - 20) / 2
    rows = simpleSplit(FILLER * 4, "Helvetica", 9, width)
    for _ in range(3):
        top = HEIGHT - 80
        for column, name in enumerate(("Links", "Rechts")):
            x = 50 + column * (width + 20)
            canvas.setFont("Helvetica", 9)
            for row in range(30):
                y = top - 12 * row - (22 if row >= 10 else 0)
                if column == 0 and row == 10:
                    canvas.setFont("Helvetica", 18)
                    canvas.drawString(x, top - 127.5, "Titel")
                    canvas.setFont("Helvetica", 9)
                text = f"{name}{row} " + rows[row % len(rows)] if row in (0, 10) else rows[row % len(rows)]
                canvas.drawString(x, y, text)
        canvas.showPage()
    canvas.save()
    starts = [line.text.split()[0] for b in blocks_of(path) for line in b.lines if line.page == 2]
    assert starts.index("Links0") < starts.index("Titel") < starts.index("Links10") < starts.index("Rechts0"), starts


def test_a_line_sticking_out_into_the_gutter_keeps_the_columns(tmp_path):
    """A line set too long for its column (an address that cannot break) runs into the gutter: the gutter
    still holds on its page, and the line is read in its column."""
    path = tmp_path / "overflow.pdf"
    address = "https://www.voorbeeld.be/werkprogramma/initiatieven-2024"
    offset_columns_pdf(path, 20, overflow=address, offset=6)
    lines = page_lines(path, 2)
    assert address in lines[3], lines
    assert [line.split()[0] for line in lines].index("Kolom2") == len(lines) // 2, lines


def test_columns_close_together_on_rows_apart(tmp_path):
    """Columns set closer than a wide gap, on one page on baselines apart (so that no strip shows in the rows
    they share): a full line of the left column and a short one of the right on one row make one segment across the
    gutter, which the document's gutter still cuts."""
    path = tmp_path / "offset.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    gutter = 8
    width = (WIDTH - 100 - gutter) / 2
    left, right_lines = (simpleSplit(f"Kolom{column} " + FILLER * 4, "Helvetica", 9, width) for column in (1, 2))
    longest = max(range(1, 16), key=lambda number: canvas.stringWidth(left[number], "Helvetica", 9))
    left[7], left[longest] = left[longest], left[7]  # the line beside "SERV." ends within a wide gap of it
    for page in (1, 2, 3, 4):
        canvas.setFont("Helvetica", 9)
        top = HEIGHT - 80
        for number, line in enumerate(left[:16]):
            canvas.drawString(50, top - 12 * number, line)
        if page == 2:
            right = [(top - 6 - 12 * number, line) for number, line in enumerate(right_lines[:6])]
            right += [(top - 84, "SERV.")]
            right += [(top - 102 - 12 * number, line) for number, line in enumerate(right_lines[6:12])]
        else:
            right = [(top - 12 * number, line) for number, line in enumerate(right_lines[:16])]
        for y, line in right:
            canvas.drawString(50 + width + gutter, y, line)
        canvas.showPage()
    canvas.save()
    lines = page_lines(path, 2)
    assert lines[0].startswith("Kolom1") and lines[16].startswith("Kolom2") and lines[22] == "SERV.", lines


@pytest.mark.parametrize("into", [15, 17])
def test_a_line_ending_inside_the_gutter_is_cut_from_the_next_column(tmp_path, into):
    """A line too long for its column (an address that cannot break) ends inside the 20-point gutter, `into`
    points past its near edge, and the next column's line on the same baseline starts a gap narrower than a
    gutter must be but wider than a word space further on: the two lines are cut at the gutter."""
    path = tmp_path / "into-gutter.pdf"
    width = (WIDTH - 100 - 20) / 2
    first = simpleSplit("Kolom1 begint hier. " + FILLER * 3, "Helvetica", 9, width)[3].split()[0]
    address = "https://www.voorbeeld.be/"
    while stringWidth(f"{first} {address}l", "Helvetica", 9) <= width + into:
        address += "l"
    offset_columns_pdf(path, 20, overflow=address)
    lines = page_lines(path, 2)
    assert lines[3].split()[-1] == address, lines
    assert [line.split()[0] for line in lines].index("Kolom2") == len(lines) // 2, lines


@pytest.mark.parametrize("heading", ["", "Levenslang leren"])
def test_a_line_running_into_the_next_column_stays_apart(tmp_path, heading):
    """A line too long for its column runs on over the start of the next column's line on the same baseline
    (text, or a heading in large type): the characters of the two lines, which overlap, make no word together
    (the stream draws them apart), and the two lines are cut where the next column starts."""
    path = tmp_path / "collision.pdf"
    address = "https://www.voorbeeld.be/werkprogramma/initiatieven-van-2024"
    offset_columns_pdf(path, 20, overflow=address, heading=heading)
    lines = page_lines(path, 2)
    assert address in lines[3].split(), lines
    assert lines.index("maanden met sterke voorstellen wegen op het beleid. De") == 1, lines
    assert [line.split()[0] for line in lines].index("Kolom2") == len(lines) // 2, lines
    assert not heading or heading in lines, lines


def test_wider_space_after_a_stop_in_a_justified_line(tmp_path):
    """A justified heading whose space after a colon is stretched about twice as much as its other spaces
    (TeX's space factor) stays one line."""
    path = tmp_path / "stop.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont("Helvetica-Bold", 12)
    x = 50
    for word, space in (("Jongeren:", 2.6), ("een", 1.4), ("betere", 1.4), ("transitie", 0)):
        canvas.drawString(x, HEIGHT - 100, word)
        x += canvas.stringWidth(word, "Helvetica-Bold", 12) + space * 12
    canvas.setFont("Helvetica", 10)
    canvas.drawString(50, HEIGHT - 120, "Gewone tekst onder de titel.")
    canvas.showPage()
    canvas.save()
    assert blocks_of(path)[0].lines[0].text == "Jongeren: een betere transitie"


def test_justified_heading_with_one_stretched_space(tmp_path):
    """A heading of two long words justified to its column's measure: its one space is wider than a gap that
    cuts a row, yet the line, which ends at the column's right edge, is one."""
    path = tmp_path / "stretched.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    width = sum(canvas.stringWidth(word, "Helvetica-Bold", 14) for word in ("Adviescommissie", "Economische")) + 35
    canvas.setFont("Helvetica-Bold", 14)
    canvas.drawString(50, HEIGHT - 100, "Adviescommissie")
    canvas.drawRightString(50 + width, HEIGHT - 100, "Economische")
    canvas.setFont("Helvetica", 10)
    for number, line in enumerate(simpleSplit(FILLER, "Helvetica", 10, width)):
        canvas.drawString(50, HEIGHT - 125 - 13 * number, line)
    canvas.showPage()
    canvas.save()
    assert blocks_of(path)[0].lines[0].text == "Adviescommissie Economische"


@pytest.mark.parametrize("item", [
    ["Evaluatieagenda 2024 VLAIO:", ("TETRA,", "COOCK,"), "Baekelandmandaten, Innovatiemandaten."],
    [("Programmatie", "Secundair"), "Onderwijs 2024-2025 en verder"],
])
def test_list_item_justified_to_a_narrow_column(tmp_path, item):
    """A list item in the last of three columns, justified: a row of two words stretched far wider than a
    gutter is one line when the item's line above or below runs across (almost all of) its gap."""
    path = tmp_path / "narrow.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    width = (WIDTH - 100 - 2 * 15) / 3
    for column in range(3):
        y = HEIGHT - 80
        canvas.setFont("Helvetica", 9)
        for line in simpleSplit(FILLER, "Helvetica", 9, width)[:12 if column == 2 else 30]:
            canvas.drawString(50 + column * (width + 15), y, line)
            y -= 11
    x, right = 50 + 2 * (width + 15), 50 + 3 * width + 30
    canvas.circle(x + 2, y - 11 + 3, 1.6, stroke=0, fill=1)
    for row in item:
        y -= 11
        if isinstance(row, tuple):
            canvas.drawString(x + 10, y, row[0])
            canvas.drawRightString(right, y, row[1])
        elif row is item[-1]:
            canvas.drawString(x + 10, y, row)
        else:
            words = row.split()
            spare = (right - x - 10 - sum(canvas.stringWidth(w, "Helvetica", 9) for w in words)) / (len(words) - 1)
            left = x + 10
            for word in words:
                canvas.drawString(left, y, word)
                left += canvas.stringWidth(word, "Helvetica", 9) + spare
    canvas.showPage()
    canvas.save()
    text = " ".join(" ".join(row) if isinstance(row, tuple) else row for row in item)
    assert [block_text(b) for b in blocks_of(path) if b.marker] == [text]


def test_run_in_heading_before_the_table_beside_it(tmp_path):
    """A run-in heading with a table's first row set on its line, the row's two lines centred on the heading's
    baseline: the heading is read first."""
    path = tmp_path / "run-in.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont("Helvetica", 10)
    canvas.drawString(50, HEIGHT - 80, "Een alinea boven de lijst van adviesvragen.")
    canvas.setFont("Helvetica-Bold", 10)
    canvas.drawString(50, HEIGHT - 110, "Adviesvraag")
    canvas.setFont("Helvetica", 10)
    canvas.drawString(140, HEIGHT - 104, "1.")
    canvas.drawString(160, HEIGHT - 104, "Programmatie Secundair Onderwijs")
    canvas.drawString(160, HEIGHT - 117, "2024-2025.")
    canvas.showPage()
    canvas.save()
    lines = page_lines(path, 1)
    assert lines.index("Adviesvraag") < lines.index("Programmatie Secundair Onderwijs"), lines


@pytest.mark.parametrize("next_section", [True, False])
def test_heading_between_two_sections_of_columns(tmp_path, next_section):
    """A part title in large type in the left column under a balanced two-column section, before the next
    one: read after the whole section, before the next. At the foot of the page, with no section after it,
    it ends its column (the next column may go on with its title)."""
    path = tmp_path / "sections.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    width = (WIDTH - 100 - 20) / 2
    lines = simpleSplit(FILLER * 2, "Helvetica", 9, width)
    canvas.setFont("Helvetica", 9)
    for section, top in enumerate((HEIGHT - 80, HEIGHT - 80 - 12 * 8 - 60)):
        if section and not next_section:
            break
        for column in range(2):
            for number, line in enumerate([f"Sectie{section + 1}kolom{column + 1}", *lines[:5]]):
                canvas.drawString(50 + column * (width + 20), top - 12 * number, line)
    canvas.setFont("Helvetica-Bold", 20)
    canvas.drawString(50, HEIGHT - 80 - 12 * 6 - 35, "DEEL 3")
    canvas.showPage()
    canvas.save()
    starts = [line.split()[0] for line in page_lines(path, 1) if line.startswith(("Sectie", "DEEL"))]
    expected = (["Sectie1kolom1", "Sectie1kolom2", "DEEL", "Sectie2kolom1", "Sectie2kolom2"] if next_section
                else ["Sectie1kolom1", "DEEL", "Sectie1kolom2"])
    assert starts == expected
