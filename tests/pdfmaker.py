"""Render small work programmes as PDFs in different house styles, for the tests.

A programme is a list of elements:
  ("part", number, title)        a part opener on a new page
  ("theme", title)               a theme heading (new page unless the style says mid-page)
  ("dossier", title | [lines])   a dossier heading; a list of strings forces the line breaks
  ("sub", title)                 a sub-heading
  ("text", paragraph)            body text
  ("list", heading)              a list heading
  ("item", text) / ("subitem", text)
  ("front", title)               a front-matter heading (summary, introduction)
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

FILLER = (
    "De sociale partners willen de komende maanden met sterke voorstellen wegen op het beleid. "
    "De raad bereidt daarover een advies voor dat in het voorjaar wordt besproken met de regering. "
    "Daarbij gaat aandacht naar de arbeidsmarkt, de opleiding van werkenden en de financiering. "
)

ACCENT = Color(0.0, 0.47, 0.51)
INK = Color(0.1, 0.1, 0.1)


@dataclass(frozen=True)
class Style:
    """A house style: columns, fonts, sizes, bullets and page furniture."""

    columns: int = 2
    regular: str = "Helvetica"
    bold: str = "Helvetica-Bold"
    italic: str = "Helvetica-BoldOblique"
    body: float = 9.5
    dossier: float = 10.5
    theme: float = 17.0
    part: float = 30.0
    bullets: str = "shape"  # "shape", "glyph" or "dash"
    raised_asterisk: bool = False
    running_header: bool = False
    themes_mid_page: bool = False
    caps_themes: bool = True
    margin: float = 50.0
    gutter: float = 24.0


TWO_COLUMN = Style()
ONE_COLUMN_SERIF = Style(columns=1, regular="Times-Roman", bold="Times-Bold", italic="Times-BoldItalic",
                         body=11.0, dossier=12.5, theme=16.0, bullets="glyph", raised_asterisk=True,
                         running_header=True, themes_mid_page=True, caps_themes=False)
THREE_COLUMN = replace(TWO_COLUMN, columns=3, body=8.5, dossier=9.5, theme=14.0, bullets="dash", gutter=18.0)


class Writer:
    """Flows lines down the columns of the pages of a canvas."""

    def __init__(self, path: Path, style: Style, title: str, password: str | None = None) -> None:
        self.style = style
        self.canvas = Canvas(str(path), pagesize=A4, encrypt=password)
        self.canvas.setTitle(title)
        self.title = title
        self.width, self.height = A4
        self.page = 0
        self.column = 0
        self.y = 0.0
        self.new_page()

    @property
    def column_width(self) -> float:
        s = self.style
        return (self.width - 2 * s.margin - (s.columns - 1) * s.gutter) / s.columns

    @property
    def x(self) -> float:
        return self.style.margin + self.column * (self.column_width + self.style.gutter)

    def new_page(self) -> None:
        if self.page:
            self.canvas.showPage()
        self.page += 1
        self.column = 0
        self.y = self.height - self.style.margin - 20
        self.canvas.setFont(self.style.regular, 7)
        self.canvas.setFillColor(Color(0.45, 0.45, 0.45))
        self.canvas.drawRightString(self.width - self.style.margin, 25, f"{self.title} | {self.page}")
        if self.style.running_header and self.page > 1:
            self.canvas.drawString(self.style.margin, self.height - 28, f"{self.title} — werkprogramma")

    def room(self, needed: float) -> None:
        if self.y - needed < self.style.margin + 20:
            if self.column + 1 < self.style.columns:
                self.column += 1
                self.y = self.height - self.style.margin - 20
            else:
                self.new_page()

    def line(self, text: str, font: str, size: float, color: Color = INK, indent: float = 0.0,
             raised: str = "") -> None:
        self.room(size * 1.3)
        self.y -= size * 1.3
        self.canvas.setFillColor(color)
        self.canvas.setFont(font, size)
        self.canvas.drawString(self.x + indent, self.y, text)
        if raised:
            self.canvas.setFont(font, size * 0.6)
            self.canvas.drawString(self.x + indent + self.canvas.stringWidth(text, font, size),
                                   self.y + size * 0.4, raised)

    def wrap(self, text: str, font: str, size: float) -> list[str]:
        return simpleSplit(text, font, size, self.column_width)

    def gap(self, points: float) -> None:
        self.y -= points

    def paragraph(self, text: str, font: str, size: float, color: Color = INK, indent: float = 0.0) -> float:
        """Wrap text into the column; returns the baseline height of the first line."""
        lines = simpleSplit(text, font, size, self.column_width - indent)
        first_y = None
        for line in lines:
            self.line(line, font, size, color, indent)
            first_y = first_y if first_y is not None else self.y
        return first_y or self.y

    def bullet(self, text: str, level: int) -> None:
        s = self.style
        indent = 12.0 * (level + 1)
        self.gap(2)
        self.room(s.body * 1.3)
        top = self.paragraph(text, s.regular, s.body, indent=indent)
        bullet_x = self.x + indent - 9
        if s.bullets == "shape":
            self.canvas.setFillColor(ACCENT)
            self.canvas.circle(bullet_x + 1.6, top + s.body * 0.3, 1.6, stroke=0, fill=1)
        else:
            glyph = "•" if s.bullets == "glyph" else "–"
            self.canvas.setFillColor(ACCENT)
            self.canvas.setFont(s.regular, s.body)
            self.canvas.drawString(bullet_x - 1, top, glyph)

    def heading(self, lines: list[str], font: str, size: float, color: Color = INK) -> None:
        self.gap(size * 0.8)
        self.room(size * 1.3 * len(lines) + 30)
        raised = ""
        if self.style.raised_asterisk and lines[-1].endswith("*"):
            lines = [*lines[:-1], lines[-1][:-1]]
            raised = "*"
        for index, text in enumerate(lines):
            self.line(text, font, size, color, raised=raised if index == len(lines) - 1 else "")
        self.gap(size * 0.3)

    def save(self) -> None:
        self.canvas.showPage()
        self.canvas.save()


def render(path: Path, programme: list[tuple], style: Style = TWO_COLUMN, title: str = "Werkprogramma 2030",
           password: str | None = None) -> Path:
    """Write the programme as a PDF in the given style (encrypted when a password is given)."""
    writer = Writer(path, style, title, password)
    s = style
    writer.line(title.upper(), s.bold, 30, ACCENT)
    for element in programme:
        kind, *args = element
        if kind == "front":
            writer.new_page()
            writer.heading([args[0].upper()], s.bold, s.theme + 2, ACCENT)
        elif kind == "part":
            writer.new_page()
            writer.heading([f"DEEL {args[0]}"], s.bold, s.part, ACCENT)
            writer.heading([args[1].upper()], s.bold, s.part * 0.7, ACCENT)
        elif kind == "theme":
            if not s.themes_mid_page:
                writer.new_page()
            text = args[0].upper() if s.caps_themes else args[0]
            writer.heading(writer.wrap(text, s.bold, s.theme), s.bold, s.theme, ACCENT)
        elif kind == "dossier":
            lines = args[0] if isinstance(args[0], list) else writer.wrap(args[0], s.bold, s.dossier)
            writer.heading(lines, s.bold, s.dossier)
        elif kind == "sub":
            writer.heading([args[0]], s.italic, s.body + 0.3)
        elif kind == "list":
            writer.heading(writer.wrap(args[0], s.bold, s.dossier), s.bold, s.dossier, ACCENT)
        elif kind == "item":
            writer.bullet(args[0], 0)
        elif kind == "subitem":
            writer.bullet(args[0], 1)
        elif kind == "text":
            writer.gap(s.body * 0.7)
            writer.paragraph(args[0], s.regular, s.body)
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
    """The elements that typeset an extracted `Programme` again (its lists after their dossier)."""
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
                items = lists.setdefault((request.dossier, request.list), [])
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
