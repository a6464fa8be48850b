"""Typeset work programmes as PDFs in fixed or randomly drawn house styles, for the tests.

A programme is a list of elements:
  ("front", title)               a front-matter heading (summary, introduction)
  ("part", number, title)        a part opener
  ("theme", title)               a theme heading
  ("dossier", title | [lines])   a dossier heading (a trailing "*" marks a spearhead; a list forces the breaks)
  ("sub", title)                 a sub-heading
  ("text", paragraph)            body text
  ("list", heading)              a list heading
  ("item", text) / ("subitem", text)

`draw_style(seed)` draws a house style; `render(path, elements, style)` sets
the elements in it; `source_elements(stem)` gives the elements of a corpus
edition (the gold's structure and titles, the extracted text).  Run
`python tests/pdfmaker.py STEM SEED OUT.pdf` to typeset one edition in one style.
"""
from __future__ import annotations

import json
import random
import re
import sys
from collections import deque
from dataclasses import asdict, dataclass, replace
from functools import cache
from pathlib import Path

from reportlab.lib.colors import Color, white
from reportlab.lib.pagesizes import A4, A5, landscape, letter
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

DATA = Path(__file__).resolve().parent / "data"
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")

FILLER = (
    "De sociale partners willen de komende maanden met sterke voorstellen wegen op het beleid. "
    "De raad bereidt daarover een advies voor dat in het voorjaar wordt besproken met de regering. "
    "Daarbij gaat aandacht naar de arbeidsmarkt, de opleiding van werkenden en de financiering. "
)

INK = Color(0.1, 0.1, 0.1)
GREY = Color(0.45, 0.45, 0.45)
ACCENTS = {"teal": Color(0.0, 0.47, 0.51), "navy": Color(0.1, 0.2, 0.5), "red": Color(0.7, 0.1, 0.15),
           "green": Color(0.15, 0.45, 0.2), "purple": Color(0.4, 0.15, 0.5), "orange": Color(0.8, 0.4, 0.0)}
PAGE_SIZES = {"A4": A4, "A5": A5, "Letter": letter}

# Families: regular, bold, italic, bold italic; horizontal scale (a condensed cut of a standard font).
STANDARD_FAMILIES = {
    "helvetica": ("Helvetica", "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique"),
    "times": ("Times-Roman", "Times-Bold", "Times-Italic", "Times-BoldItalic"),
}
TTF_FAMILIES = {
    "vera": ("Vera", "VeraBd", "VeraIt", "VeraBI"),
    "dejavu-sans": ("DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSans-BoldOblique"),
    "dejavu-serif": ("DejaVuSerif", "DejaVuSerif-Bold", "DejaVuSerif-Italic", "DejaVuSerif-BoldItalic"),
    "dejavu-sans-condensed": ("DejaVuSansCondensed", "DejaVuSansCondensed-Bold", "DejaVuSansCondensed-Oblique",
                              "DejaVuSansCondensed-BoldOblique"),
    "dejavu-serif-condensed": ("DejaVuSerifCondensed", "DejaVuSerifCondensed-Bold", "DejaVuSerifCondensed-Italic",
                               "DejaVuSerifCondensed-BoldItalic"),
}
FAMILIES = [*STANDARD_FAMILIES, "helvetica-narrow", *TTF_FAMILIES]
SYMBOL_FONT = "DejaVuSans"
SIDE_SHARE = 0.3
GLYPH_BULLETS = ["•", "▪", "–", "-", "►", "✓"]
SHAPE_BULLETS = ["dot", "circle", "square", "hollow-square"]


@cache
def font_file(name: str) -> Path:
    """The TrueType file of a registered font name (reportlab's own Vera, or Debian's DejaVu)."""
    if name.startswith("Vera"):
        import reportlab
        return Path(reportlab.__file__).parent / "fonts" / f"{name}.ttf"
    path = DEJAVU / f"{name}.ttf"
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing: install Debian's fonts-dejavu-core and fonts-dejavu-extra")
    return path


def register(name: str) -> str:
    """Register a TrueType font with reportlab once; standard fonts pass through."""
    if name not in pdfmetrics.getRegisteredFontNames() and name not in pdfmetrics.standardFonts:
        pdfmetrics.registerFont(TTFont(name, str(font_file(name))))
    return name


@dataclass(frozen=True)
class Look:
    """How one heading level is set: size relative to the body, weight, slant, colour, capitals."""

    size: float = 1.0
    bold: bool = False
    italic: bool = False
    accent: bool = False
    caps: bool = False


@dataclass(frozen=True)
class Style:
    """A house style: page, columns, fonts, heading looks, lists, marks and page furniture."""

    page: str = "A4"
    landscape: bool = False
    widths: tuple[float, ...] = (1.0, 1.0)
    margin: float = 50.0
    gutter: float = 24.0
    family: str = "helvetica"
    body: float = 9.5
    leading: float = 1.3
    justify: bool = False
    hyphenate: bool = False
    accent: str = "teal"
    theme: Look = Look(size=1.8, bold=True, accent=True, caps=True)
    dossier: Look = Look(size=1.1, bold=True)
    sub: Look = Look(size=1.03, bold=True, italic=True)
    listing: Look = Look(size=1.1, bold=True, accent=True)
    theme_start: str = "page"  # "page", "flow" or "banner"
    heading_measure: float = 1.0  # share of the column width a heading may fill before it wraps
    numbering: str = "none"  # "none", "dossiers" (1.), "decimal" (1. / 1.1), "letters" (A. / 1.)
    mark: str = "*"  # "*", "∗" or "⁎"
    mark_place: str = "inline"  # "inline", "space", "raised" or "raised-space"
    mark_rise: float = 0.4
    mark_scale: float = 0.6
    bullet: str = "dot"  # a shape (dot, circle, square, hollow-square), a glyph, or "number"
    bullet_space: float = 0.5  # space between a glyph bullet and the text, in font sizes (0: set against it)
    hanging: bool = True
    list_box: str = "none"  # "none", "tint", "rule" or "side" (a narrow column beside one column of text)
    header: str = "none"  # "none", "title" or "part"
    footer: str = "title | n"  # "n", "pagina n", "n / N", "title | n"
    footer_align: str = "right"  # "left", "right", "centre" or "outside"
    part_opener: str = "page"  # "page", "colour-page" or "flow"
    part_label: str = "DEEL {n}"  # "DEEL {n}", "Deel {roman}", "DEEL {n} –"
    part_title_inline: bool = False
    total_pages: int = 0

    @property
    def columns(self) -> int:
        return len(self.widths)

    def fonts(self) -> tuple[str, str, str, str]:
        if self.family in TTF_FAMILIES:
            return tuple(register(name) for name in TTF_FAMILIES[self.family])
        return STANDARD_FAMILIES["helvetica" if self.family == "helvetica-narrow" else self.family]

    @property
    def scale(self) -> float:
        """Horizontal scale of all text (a condensed cut of a standard font)."""
        return 80.0 if self.family == "helvetica-narrow" else 100.0

    def describe(self) -> str:
        return json.dumps({k: v for k, v in asdict(self).items() if k != "total_pages"}, ensure_ascii=False)


TWO_COLUMN = Style()
ONE_COLUMN_SERIF = Style(widths=(1.0,), family="times", body=11.0, bullet="•", mark_place="raised", header="title",
                         theme_start="flow", theme=Look(size=1.45, bold=True, accent=True),
                         dossier=Look(size=1.14, bold=True))
THREE_COLUMN = replace(TWO_COLUMN, widths=(1.0, 1.0, 1.0), body=8.5, theme=Look(size=1.65, bold=True, accent=True,
                                                                                   caps=True), bullet="–", gutter=18.0)

ROMAN = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


def draw_looks(rng: random.Random) -> tuple[Look, Look, Look]:
    """Theme, dossier and sub-heading looks told apart by one or two features each."""
    accent = rng.random() < 0.5
    dossier = rng.choice([
        Look(size=rng.choice([1.0, 1.1, 1.2]), bold=True, accent=accent),
        Look(size=rng.choice([1.15, 1.25, 1.35])),
        Look(size=1.0, accent=True),
        Look(size=rng.choice([1.0, 1.1]), italic=True, accent=accent),
        Look(size=1.0, bold=True, italic=rng.random() < 0.3),
    ])
    theme_extra = rng.choice(["size", "size", "caps", "size+caps", "accent+size"])
    theme = replace(dossier, size=round(dossier.size * rng.choice([1.35, 1.5, 1.8, 2.2]), 2)
                    if "size" in theme_extra else dossier.size)
    if "caps" in theme_extra or rng.random() < 0.3:
        theme = replace(theme, caps=True)
    if "accent" in theme_extra:
        theme = replace(theme, accent=True)
    if not dossier.bold and rng.random() < 0.6:
        theme = replace(theme, bold=True)
    if dossier.italic:
        sub = Look(size=1.0, bold=True)
    elif dossier.bold and dossier.size == 1.0:
        sub = Look(size=1.0, italic=True)
    else:
        sub = Look(size=1.0, bold=rng.random() < 0.5, italic=True)
    return theme, dossier, sub


def draw_style(seed: int) -> Style:
    """A house style drawn at random, each dimension independently."""
    rng = random.Random(seed)
    page = rng.choice(["A4", "A4", "A5", "Letter"])
    is_landscape = rng.random() < 0.25
    width = (PAGE_SIZES[page][1] if is_landscape else PAGE_SIZES[page][0])
    body = round(rng.uniform(7.5, 12.0), 1)
    margin = rng.uniform(28, 70) * (0.7 if page == "A5" else 1.0)
    gutter = rng.uniform(1.6, 3.0) * body
    possible = [n for n in (1, 2, 3) if (width - 2 * margin - (n - 1) * gutter) / n >= 24 * body]
    columns = rng.choice(possible or [1])
    widths = tuple([1.0] * columns)
    if columns > 1 and rng.random() < 0.35:
        widths = tuple(round(rng.uniform(0.85, 1.2), 2) for _ in range(columns))
        if min(widths) * (width - 2 * margin - (columns - 1) * gutter) / sum(widths) < 22 * body:
            widths = tuple([1.0] * columns)
    theme, dossier, sub = draw_looks(rng)
    listing = rng.choice([dossier, replace(dossier, accent=True), Look(size=1.0, bold=True), sub])
    numbering = rng.choice(["none", "none", "none", "dossiers", "decimal", "letters"])
    if numbering != "none":
        theme = replace(theme, size=max(theme.size, dossier.size * 1.3))
    return Style(
        page=page, landscape=is_landscape, widths=widths, margin=round(margin, 1), gutter=round(gutter, 1),
        family=rng.choice(FAMILIES), body=body, leading=round(rng.uniform(1.15, 1.5), 2),
        justify=rng.random() < 0.5, hyphenate=rng.random() < 0.5, accent=rng.choice(sorted(ACCENTS)),
        theme=theme, dossier=dossier, sub=sub, listing=listing,
        theme_start=rng.choice(["page", "flow", "banner"]), heading_measure=round(rng.uniform(0.45, 1.0), 2),
        numbering=numbering, mark=rng.choice(["*", "*", "∗", "⁎"]),
        mark_place=rng.choice(["inline", "space", "raised", "raised-space"]),
        mark_rise=round(rng.uniform(0.25, 0.65), 2), mark_scale=round(rng.uniform(0.5, 0.8), 2),
        bullet=rng.choice([*SHAPE_BULLETS, *GLYPH_BULLETS, "number"]),
        bullet_space=rng.choice([0.0, 0.25, 0.5, 1.0]), hanging=rng.random() < 0.7,
        list_box=rng.choice(["none", "none", "tint", "rule", "side" if columns == 1 else "none"]),
        header=rng.choice(["none", "title", "part"]),
        footer=rng.choice(["n", "pagina n", "n / N", "title | n"]),
        footer_align=rng.choice(["left", "right", "centre", "outside"]),
        part_opener=rng.choice(["page", "colour-page", "flow"]),
        part_label=rng.choice(["DEEL {n}", "Deel {roman}", "DEEL {n} –"]),
        part_title_inline=rng.random() < 0.4,
    )


@cache
def hyphenator():
    import pyphen
    return pyphen.Pyphen(lang="nl_NL")


@dataclass
class Run:
    """One piece of text drawn on a line: font, size, colour and rise."""

    text: str
    font: str
    size: float
    color: Color
    rise: float = 0.0


@dataclass
class Writer:
    """Flows lines down the columns of the pages of a canvas, in one style."""

    path: Path
    style: Style
    title: str
    password: str | None = None
    page: int = 0
    column: int = 0
    y: float = 0.0
    top: float = 0.0
    part_title: str = ""
    box: list | None = None
    side: bool = False
    side_y: float = 0.0
    box_top: float = 0.0

    def __post_init__(self) -> None:
        s = self.style
        size = PAGE_SIZES[s.page]
        self.width, self.height = landscape(size) if s.landscape else size
        self.canvas = Canvas(str(self.path), pagesize=(self.width, self.height), encrypt=self.password)
        self.canvas.setTitle(self.title)
        self.regular, self.bold, self.italic, self.bold_italic = s.fonts()
        self.accent = ACCENTS[s.accent]
        self.new_page()

    # geometry
    @property
    def side_width(self) -> float:
        """The narrow column beside the text that holds the lists of a "side" style."""
        return (self.width - 2 * self.style.margin) * SIDE_SHARE if self.style.list_box == "side" else 0.0

    @property
    def text_width(self) -> float:
        side = self.side_width
        return self.width - 2 * self.style.margin - (side + self.style.gutter if side else 0.0)

    def column_width(self, index: int | None = None) -> float:
        s = self.style
        if self.side:
            return self.side_width
        free = self.text_width - (s.columns - 1) * s.gutter
        return free * s.widths[self.column if index is None else index] / sum(s.widths)

    @property
    def x(self) -> float:
        s = self.style
        if self.side:
            return s.margin + self.text_width + s.gutter
        return s.margin + sum(self.column_width(i) + s.gutter for i in range(self.column))

    @property
    def bottom(self) -> float:
        return self.style.margin + 14

    def new_page(self) -> None:
        self.close_box()
        if self.page:
            self.canvas.showPage()
        self.page += 1
        self.column = 0
        self.top = self.y = self.side_y = self.height - self.style.margin - 10
        self.furniture()

    def furniture(self) -> None:
        s = self.style
        if self.page == 1:
            return
        self.canvas.setFont(self.regular, 7)
        self.canvas.setFillColor(GREY)
        number = str(self.page)
        text = {"n": number, "pagina n": f"pagina {number}", "n / N": f"{number} / {s.total_pages or '?'}",
                "title | n": f"{self.title} | {number}"}[s.footer]
        align = s.footer_align if s.footer_align != "outside" else ("right" if self.page % 2 else "left")
        y = s.margin * 0.45
        if align == "left":
            self.canvas.drawString(s.margin, y, text)
        elif align == "right":
            self.canvas.drawRightString(self.width - s.margin, y, text)
        else:
            self.canvas.drawCentredString(self.width / 2, y, text)
        if s.header != "none":
            header = self.title if s.header == "title" or not self.part_title else self.part_title
            self.canvas.drawString(s.margin, self.height - s.margin * 0.5, header)

    def next_column(self) -> None:
        self.close_box()
        if self.column + 1 < self.style.columns:
            self.column += 1
            self.y = self.top
        else:
            self.new_page()

    def room(self, needed: float) -> None:
        if not self.side and self.y - needed < self.bottom:
            boxed = self.box is not None
            self.next_column()
            if boxed and self.box is None:
                self.box = []
                self.box_top = self.y

    # drawing, buffered while a list box is open so the box is painted under its text
    def draw(self, operation) -> None:
        if self.box is not None:
            self.box.append(operation)
        else:
            operation()

    def side_list(self, elements: list[tuple]) -> bool:
        """Set a list in the side column beside where the text has reached; False when it does not fit
        there (it then runs in the text)."""
        s = self.style
        self.side = True
        start = min(self.y, self.side_y)
        needed = sum(self.list_element_height(element) for element in elements)
        if start - needed < self.bottom:
            self.side = False
            return False
        saved, self.y = self.y, start
        typeset_list(self, elements)
        self.side_y, self.y, self.side = self.y - s.body, saved, False
        return True

    def list_element_height(self, element: tuple) -> float:
        s = self.style
        kind, text = element
        if kind == "list":
            size = s.body * s.listing.size
            return size * (s.leading * len(self.wrap(text, self.look_font(s.listing), size, self.side_width)) + 1.2)
        indent = s.body * (1.2 * (kind == "subitem") + 2.0)
        return s.body * (s.leading * len(self.wrap(text, self.regular, s.body, self.side_width - indent)) + 0.3)

    def open_box(self) -> None:
        if self.style.list_box not in ("none", "side"):
            self.y -= 4
            self.box = []
            self.box_top = self.y

    def close_box(self) -> None:
        if self.box is None:
            return
        operations, self.box = self.box, None
        if operations:
            x, width = self.x - 4, self.column_width() + 8
            bottom = self.y - 4
            if self.style.list_box == "tint":
                self.canvas.setFillColor(Color(0.9, 0.94, 0.95))
                self.canvas.rect(x, bottom, width, self.box_top + 4 - bottom, stroke=0, fill=1)
            else:
                self.canvas.setStrokeColor(self.accent)
                self.canvas.setLineWidth(0.8)
                self.canvas.line(x, self.box_top + 4, x + width, self.box_top + 4)
                self.canvas.line(x, bottom, x + width, bottom)
        for operation in operations:
            operation()
        self.y -= 6

    def draw_runs(self, x: float, y: float, runs: list[Run], spacing: float = 0.0) -> None:
        """Draw runs left to right from x; `spacing` widens each space (justification)."""
        canvas, scale = self.canvas, self.style.scale

        def operation() -> None:
            position = x
            for run in runs:
                canvas.setFillColor(run.color)
                text = canvas.beginText(position, y + run.rise)
                text.setFont(run.font, run.size)
                text.setHorizScale(scale)
                text.setWordSpace(spacing)
                text.textOut(run.text)
                canvas.drawText(text)
                position += self.run_width(run) + spacing * run.text.count(" ")
        self.draw(operation)

    def run_width(self, run: Run) -> float:
        return self.text_width_of(run.text, run.font, run.size)

    def text_width_of(self, text: str, font: str, size: float) -> float:
        return pdfmetrics.stringWidth(text, font, size) * self.style.scale / 100

    # text
    def lines_of(self, text: str, font: str, size: float, width_of, hyphenate: bool = False):
        """Break text into lines at spaces and after hyphens (hyphenating long words when asked), asking
        `width_of(index)` for each line's measure only when that line is set: a paragraph that moves to
        a column of another width is broken for that width. Yields (line, is_last)."""
        pieces = deque(p for p in re.split(r"(?<=\s)|(?<=\w-)(?=\w)", text) if p)
        index = 0
        while pieces:
            width = width_of(index)
            current = ""
            while pieces:
                piece = pieces[0]
                if not current or self.text_width_of((current + piece).rstrip(), font, size) <= width:
                    current += pieces.popleft()
                    continue
                word = piece.rstrip()
                if hyphenate and word.isalpha() and len(word) > 5:
                    for head, tail in hyphenator().iterate(word):
                        if self.text_width_of(current + head + "-", font, size) <= width:
                            current += head + "-"
                            pieces[0] = tail + piece[len(word):]
                            break
                break
            index += 1
            yield current.rstrip(), not pieces

    def wrap(self, text: str, font: str, size: float, width: float) -> list[str]:
        return [line for line, _ in self.lines_of(text, font, size, lambda _: width)]

    def paragraph(self, text: str, font: str, size: float, color: Color = INK, indent: float = 0.0,
                  first_indent: float = 0.0, marker=None) -> None:
        """Set a paragraph in the column; `marker(x, baseline)` draws a bullet beside its first line."""
        s = self.style

        def width_of(index: int) -> float:
            self.room(size * s.leading)
            return self.column_width() - indent - (first_indent if index == 0 else 0.0)

        for index, (line, last) in enumerate(self.lines_of(text, font, size, width_of, s.hyphenate)):
            self.y -= size * s.leading
            offset = first_indent if index == 0 else 0.0
            spacing = 0.0
            if s.justify and not last and line.count(" "):
                spare = self.column_width() - indent - offset - self.text_width_of(line, font, size)
                spacing = spare / line.count(" ") if spare / line.count(" ") < 0.8 * size else 0.0
            self.draw_runs(self.x + indent + offset, self.y, [Run(line, font, size, color)], spacing)
            if index == 0 and marker is not None:
                marker(self.x + indent, self.y)

    def look_font(self, look: Look) -> str:
        return {(False, False): self.regular, (True, False): self.bold, (False, True): self.italic,
                (True, True): self.bold_italic}[(look.bold, look.italic)]

    def heading(self, text: str | list[str], look: Look, space_before: float = 1.0, measure: float = 1.0,
                number: str = "") -> None:
        """A heading in a look, wrapping within `measure` of the column, with its spearhead mark."""
        s = self.style
        size = round(s.body * look.size, 1)
        font = self.look_font(look)
        color = self.accent if look.accent else INK
        given = text if isinstance(text, list) else None
        text = " ".join(given) if given else text
        spearhead = text.endswith("*")
        text = text.removesuffix("*").rstrip()
        if look.caps:
            text = text.upper()
        text = f"{number} {text}" if number else text
        mark_room = sum(self.run_width(run) for run in self.spearhead_runs(font, size, color)) + size * 0.3
        mark_room = mark_room if spearhead else 0.0  # the mark is set in runs of its own after the last line
        if given:
            lines = [line.upper() if look.caps else line for line in given]
            lines[-1] = lines[-1].removesuffix("*").rstrip()
            lines[0] = f"{number} {lines[0]}" if number else lines[0]
        else:
            widest = max(self.text_width_of(word, font, size) for word in text.split())
            size = max(round(size * 0.8, 1), min(size, round(size * self.column_width() / widest, 1)))
            lines = self.wrap(text, font, size, self.column_width() * measure - mark_room)
        self.y -= size * space_before
        column = (self.page, self.column)
        self.room(size * s.leading * len(lines) + 3 * s.body * s.leading)
        if not given and column != (self.page, self.column):
            lines = self.wrap(text, font, size, self.column_width() * measure - mark_room)
        for index, line in enumerate(lines):
            self.y -= size * s.leading
            runs = [Run(line, font, size, color)]
            if spearhead and index == len(lines) - 1:
                runs += self.spearhead_runs(font, size, color)
            self.draw_runs(self.x, self.y, runs)
        self.y -= size * 0.35

    def spearhead_runs(self, font: str, size: float, color: Color) -> list[Run]:
        s = self.style
        mark_font = font if s.mark == "*" else register(SYMBOL_FONT)
        space = [Run(" ", font, size, color)] if s.mark_place in ("space", "raised-space") else []
        if s.mark_place.startswith("raised"):
            return [*space, Run(s.mark, mark_font, round(size * s.mark_scale, 1), color, rise=size * s.mark_rise)]
        return [*space, Run(s.mark, mark_font, size, color)]

    def item(self, text: str, level: int, number: int) -> None:
        """A list item with its bullet (shape, glyph or number), hanging or flush."""
        s = self.style
        size = s.body
        bullet = s.bullet if level == 0 or s.bullet == "number" else "–"
        if s.bullet == "number" and level:
            bullet = "-"
        label = f"{number}." if bullet == "number" else bullet
        if bullet in SHAPE_BULLETS:
            marker_width = size * 0.45
        else:
            marker_font = self.regular if label in ("-", "–") or bullet == "number" else register(SYMBOL_FONT)
            marker_width = self.text_width_of(label, marker_font, size)
        gap = max(s.bullet_space * size, 0.0) if bullet not in SHAPE_BULLETS else size * 0.6
        if bullet == "number":
            gap = max(gap, 0.3 * size)
        base = size * 1.2 * level
        text_x = base + marker_width + gap
        self.y -= size * 0.25
        self.room(size * s.leading * 2)

        def marker(x: float, baseline: float) -> None:
            x += base - (text_x if s.hanging else base)
            if bullet in SHAPE_BULLETS:
                self.draw(lambda: self.shape(bullet, x, baseline + size * 0.3, size * 0.22))
            else:
                self.draw_runs(x, baseline, [Run(label, marker_font, size, self.accent)])

        if s.hanging:
            self.paragraph(text, self.regular, size, indent=text_x, marker=marker)
        else:
            self.paragraph(text, self.regular, size, indent=base, first_indent=text_x - base, marker=marker)

    def shape(self, kind: str, x: float, centre: float, radius: float) -> None:
        canvas = self.canvas
        canvas.setFillColor(self.accent)
        canvas.setStrokeColor(self.accent)
        canvas.setLineWidth(0.6)
        if kind in ("dot", "circle"):
            canvas.circle(x + radius, centre, radius, stroke=kind == "circle", fill=kind == "dot")
        else:
            canvas.rect(x, centre - radius, 2 * radius, 2 * radius, stroke=kind == "hollow-square",
                        fill=kind == "square")

    def banner(self, text: str, look: Look) -> None:
        """A theme title on a coloured band across all columns."""
        s = self.style
        if self.column or self.y - 8 * s.body * s.leading < self.bottom:
            self.new_page()
        size = round(s.body * look.size, 1)
        font = self.look_font(look)
        text = text.upper() if look.caps else text
        lines = self.wrap(text, font, size, self.text_width - 2 * size)
        height = len(lines) * size * s.leading + size
        top = self.y - size * 0.5
        self.canvas.setFillColor(self.accent)
        self.canvas.rect(s.margin, top - height, self.text_width, height, stroke=0, fill=1)
        y = top - size * 0.3
        for line in lines:
            y -= size * s.leading
            self.draw_runs(s.margin + size, y, [Run(line, font, size, white)])
        self.top = self.y = top - height - size * 0.4

    def part(self, number: int, title: str) -> None:
        s = self.style
        label = s.part_label.format(n=number, roman=ROMAN[number])
        self.part_title = f"Deel {number} – {title}"
        if s.part_opener == "flow":
            self.heading(f"{label} {title}" if s.part_title_inline else label,
                         replace(s.theme, size=round(s.theme.size * 1.25, 2)), 1.5)
            if not s.part_title_inline:
                self.heading(title, s.theme, 0.2)
            return
        self.new_page()
        colour = s.part_opener == "colour-page"
        if colour:
            self.canvas.setFillColor(self.accent)
            self.canvas.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        ink = white if colour else self.accent
        size = min(3.2 * s.body, 30)
        if colour:
            self.y = self.height * 0.6
        lines = [f"{label} {title}"] if s.part_title_inline else [label, title.upper()]
        for index, line in enumerate(lines):
            line_size = size if index == 0 else size * 0.7
            for piece in self.wrap(line, self.bold, line_size, self.text_width):
                self.y -= line_size * 1.25
                self.draw_runs(s.margin, self.y, [Run(piece, self.bold, line_size, ink)])
        if colour:
            self.new_page()
        else:
            self.top = self.y = self.y - size * 0.8

    def save(self) -> None:
        self.close_box()
        self.canvas.showPage()
        self.canvas.save()


def outline_number(style: Style, level: str, counters: list[int]) -> str:
    """The heading number of a theme or dossier in the style's numbering scheme."""
    if style.numbering == "none" or (style.numbering == "dossiers" and level == "theme"):
        return ""
    if level == "theme":
        return f"{counters[0]}." if style.numbering == "decimal" else f"{chr(64 + counters[0])}."
    return f"{counters[0]}.{counters[1]}" if style.numbering == "decimal" else f"{counters[1]}."


def typeset(writer: Writer, programme: list[tuple]) -> None:
    s = writer.style
    writer.heading(writer.title.upper(), Look(size=min(30 / s.body, 3.0), bold=True, accent=True), 0.0)
    counters = [0, 0]
    index = 0
    while index < len(programme):
        kind, *args = programme[index]
        index += 1
        writer.close_box()
        if kind in ("list", "item", "subitem"):
            end = next((i for i in range(index, len(programme)) if programme[i][0] not in ("item", "subitem")),
                       len(programme))
            elements = programme[index - 1:end]
            index = end
            if kind != "list" or s.list_box != "side" or not writer.side_list(elements):
                typeset_list(writer, elements)
            writer.close_box()
        elif kind == "front":
            writer.new_page()
            writer.heading(args[0], s.theme, 0.0)
        elif kind == "part":
            writer.part(args[0], args[1])
        elif kind == "theme":
            counters = [counters[0] + 1, 0]
            number = outline_number(s, "theme", counters)
            title = f"{number} {args[0]}" if number else args[0]
            if s.theme_start == "banner":
                writer.banner(title, s.theme)
                continue
            if s.theme_start == "page":
                writer.new_page()
            writer.heading(title, s.theme, 1.2 if writer.y < writer.top - 1 else 0.0)
        elif kind == "dossier":
            counters[1] += 1
            writer.heading(args[0], s.dossier, 1.0, s.heading_measure, outline_number(s, "dossier", counters))
        elif kind == "sub":
            writer.heading(args[0], s.sub, 0.8, s.heading_measure)
        elif kind == "text":
            writer.y -= s.body * 0.6
            writer.paragraph(args[0], writer.regular, s.body)


def typeset_list(writer: Writer, elements: list[tuple]) -> None:
    """A list heading and its items (or items alone), numbered from 1."""
    number = 0
    for kind, text in elements:
        if kind == "list":
            writer.heading(text, writer.style.listing, 0.8)
            writer.open_box()
        else:
            number += kind == "item"
            writer.item(text, 0 if kind == "item" else 1, number)


def render(path: Path, programme: list[tuple], style: Style = TWO_COLUMN, title: str = "Werkprogramma 2030",
           password: str | None = None) -> Path:
    """Write the programme as a PDF in the given style (encrypted when a password is given)."""
    if style.footer == "n / N" and not style.total_pages:
        writer = Writer(path, style, title)
        typeset(writer, programme)
        style = replace(style, total_pages=writer.page)
    writer = Writer(path, style, title, password)
    typeset(writer, programme)
    writer.save()
    return path


SAMPLE = [
    ("front", "Samenvatting"),
    ("text", FILLER * 3),
    ("part", 1, "Overleg en advies"),
    ("text", FILLER * 2),
    ("theme", "Arbeid en opleiding"),
    ("text", FILLER),
    ("dossier", "Loopbaanbegeleiding voor iedereen*"),
    ("text", FILLER * 3),
    ("dossier", ["Werking van de regionale", "arbeidsmarktcomités"]),
    ("text", FILLER * 2),
    ("sub", "Eerste stappen"),
    ("text", FILLER),
    ("list", "Adviesvragen"),
    ("item", "BVR opleidingsverlof voor werkenden"),
    ("item", "Decreet loopbaanbegeleiding (eerste helft 2030)"),
    ("theme", "Energie en klimaat"),
    ("text", FILLER),
    ("dossier", ["Digitale soevereiniteit en klimaat-", "neutrale economie*"]),
    ("text", FILLER * 2),
    ("dossier", "1. Netinvesteringen en tarieven"),
    ("text", FILLER * 2),
    ("list", "Andere initiatieven, adviezen en adviesvragen"),
    ("item", "Adviesvraag warmteplan: uitwerking van de premies."),
    ("item", "Opvolgen van de Europese ontwikkelingen."),
    ("part", 2, "Autonome commissies"),
    ("text", FILLER),
    ("theme", "Commissie Sociale Economie"),
    ("text", FILLER),
    ("dossier", "Doorstroom naar de reguliere arbeidsmarkt*"),
    ("text", FILLER * 2),
    ("list", "Standpunten bij te verwachten adviesvragen"),
    ("text", "De commissie bepaalt een eigen standpunt over de volgende besluiten."),
    ("item", "BVR maatwerk bij collectieve inschakeling. Deze besluiten beogen:"),
    ("subitem", "een kader voor de erkenning,"),
    ("subitem", "een update van het subsidiekader."),
    ("item", "BVR lokale diensten (voorjaar 2030)."),
    ("dossier", "Evaluatie van het maatwerkdecreet"),
    ("text", FILLER * 2),
]


def paragraphs(text: str) -> list[tuple]:
    """Elements for a text whose paragraphs are separated by blank lines ("- " marks an item)."""
    out: list[tuple] = []
    for paragraph in filter(None, (p.strip() for p in text.split("\n\n"))):
        out.append(("item", paragraph[2:]) if paragraph.startswith("- ") else ("text", paragraph))
    return out


def programme_elements(programme) -> list[tuple]:
    """The elements that typeset an extracted `Programme` again (its lists after the dossier they stand in
    or follow)."""
    elements: list[tuple] = []
    for section in programme.front_matter:
        elements += [("front", section.title), *paragraphs(section.text)]
    for part in programme.parts:
        elements += [("part", part.number, part.title), *paragraphs(part.intro)]
        for theme in part.themes:
            elements += [("theme", theme.title), *paragraphs(theme.intro)]
            elements += [("sub", sub) for sub in theme.subs]
            lists: dict[tuple, list[tuple]] = {}
            for request in theme.advisory_requests:
                items = lists.setdefault((request.dossier or request.follows, request.list), [])
                items += [("item", request.text), *(("subitem", s) for s in request.subitems)]
            for item in theme.other_items:
                owner = next((key for key in lists if key[1] == item.list), (None, item.list))
                lists.setdefault(owner, []).append(("item", item.text))
            for key in [k for k in lists if k[0] is None]:
                elements += [("list", key[1]), *lists.pop(key)]
            for dossier in theme.dossiers:
                number = f"{dossier.number}. " if dossier.number is not None else ""
                elements.append(("dossier", number + dossier.title + ("*" if dossier.spearhead else "")))
                elements += paragraphs(dossier.text)
                elements += [("sub", sub) for sub in dossier.subs]
                for key in [k for k in lists if k[0] == dossier.id]:
                    elements += [("list", key[1]), *lists.pop(key)]
    return elements


def source_programme(stem: str):
    """A corpus edition as a `Programme`: the gold's structure and titles with the extracted text."""
    from pipeline.programme import Programme
    return Programme.model_validate_json((DATA / f"{stem}.source.json").read_text(encoding="utf-8"))


def source_elements(stem: str) -> list[tuple]:
    return programme_elements(source_programme(stem))


def write_source(stem: str, corpus: Path, gold: Path) -> Path:
    """Build `tests/data/STEM.source.json` from the extracted edition, with the gold's titles and flags."""
    from pipeline.run.extract import extract
    programme = extract(corpus / f"{stem}.pdf", nlp=False)
    truth = json.loads((gold / f"{stem}.json").read_text(encoding="utf-8"))
    for part, gold_part in zip(programme.parts, truth["parts"], strict=True):
        for theme, gold_theme in zip(part.themes, gold_part["themes"], strict=True):
            theme.title = gold_theme["title"]
            for dossier, gold_dossier in zip(theme.dossiers, gold_theme["dossiers"], strict=True):
                dossier.title, dossier.spearhead = gold_dossier["title"], gold_dossier["spearhead"]
                dossier.number = None
            for request, gold_request in zip(theme.advisory_requests, gold_theme["advisory_requests"], strict=True):
                request.text, request.subitems = gold_request["text"], gold_request["subitems"]
    path = DATA / f"{stem}.source.json"
    path.write_text(programme.model_dump_json(indent=1, exclude_none=True) + "\n", encoding="utf-8")
    return path


def edition_title(stem: str) -> str:
    year = re.search(r"\d{4}", stem)
    return f"SERV-werkprogramma {year.group(0)}" if year else stem


def main(argv: list[str]) -> int:
    if argv[:1] == ["--source"]:
        root = Path(__file__).resolve().parent.parent
        for stem in argv[1:]:
            print(write_source(stem, root / "corpus", root / "corpus" / "gold"))
        return 0
    stem, seed, out = argv
    style = draw_style(int(seed))
    print(style.describe())
    render(Path(out), source_elements(stem), style, edition_title(stem))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    raise SystemExit(main(sys.argv[1:]))
