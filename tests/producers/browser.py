"""The browser producer: the programme written as HTML and CSS and printed to PDF by Debian's headless
Chromium (`chromium --headless --print-to-pdf`).

Front matter and parts are `h1`, themes `h2`, dossiers `h3`, sub-headings and list headings `h4`, text `p`,
items `ul`/`li`, so Chromium's tagged PDF has H1 to H4 structure elements and, with
`--generate-pdf-document-outline`, bookmarks. Page numbers and running titles are CSS `@page` margin boxes
(Chromium has set them since version 131). Debian's Chromium has no hyphenation dictionaries, so
`hyphens: auto` sets nothing: the "soft" styles hyphenate through soft hyphens put in by pyphen, which
Chromium keeps in the text layer as U+00AD. The style is drawn from the seed, each dimension
independently (`draw`).
"""
from __future__ import annotations

import random
import re
import shutil
import subprocess
import tempfile
from functools import cache
from html import escape
from pathlib import Path

from producers import ACCENTS, DrawnDocument, blocks, installed_families, item_rows, mark_title, program

NAME = "browser"

FONTS = {"DejaVu Sans": "sans-serif", "DejaVu Serif": "serif", "Liberation Sans": "sans-serif",
         "Liberation Serif": "serif"}
PAGES = {"A4": "A4", "Letter": "letter"}
MARGINS = {"narrow": "1.5cm 1.6cm", "normal": "2cm 2cm", "wide": "2.4cm 2.8cm"}
BULLETS = {"disc": "list-style-type: disc;", "square": "list-style-type: square;",
           "dash": 'list-style-type: "– ";'}
MARKS = ("*", "∗", "(*)", "sup*")
TIMEOUT = 60


def missing() -> str | None:
    return None if program("chromium", "chromium-browser") else "Chromium is not installed: apt-get install chromium"


def draw(seed: int) -> dict[str, str]:
    """The style dimensions drawn from the seed, each independently."""
    rng = random.Random(seed)
    style = {
        "layout": rng.choice(["one-column", "two-columns", "three-columns", "side-heads"]),
        "numbering": rng.choice(["none", "none", "decimal", "dossiers"]),
        "headings": rng.choice(["small-caps", "spaced-caps", "colour", "bold-sans"]),
        "font": rng.choice(list(FONTS)),
        "body": rng.choice(["8.5", "9", "9.5", "10", "10.5", "11", "11.5", "12"]),
        "justify": rng.choice(["left", "auto", "soft", "left"]),
        "mark": rng.choice(MARKS),
        "legend": rng.choice(["no", "yes"]),
        "lists": rng.choice(["bullets", "box", "table", "zebra", "run-in"]),
        "bullet": rng.choice(list(BULLETS)),
        "furniture": rng.choice(["none", "header", "footer", "both"]),
        "parts": rng.choice(["page", "flow"]),
        "part_label": rng.choice(["two-lines", "one-line"]),
        "page": rng.choice(["A4", "A4", "Letter"]),
        "margins": rng.choice(list(MARGINS)),
        "accent": rng.choice(sorted(ACCENTS)),
    }
    if style["font"] not in installed_families():
        style["font"] = "DejaVu Serif" if "Serif" in style["font"] else "DejaVu Sans"
    if style["layout"] == "three-columns" and float(style["body"]) > 10:
        style["body"] = "10"  # a narrower column would hold a dozen characters a line
    return style


# --- the document -----------------------------------------------------------------------------------------

def h(text: str) -> str:
    return escape(text, quote=False)


@cache
def hyphenator():
    import pyphen
    return pyphen.Pyphen(lang="nl_NL")


def soft_hyphens(text: str, overlong=lambda word: len(word) >= 7) -> str:
    """Soft hyphens (U+00AD) at pyphen's break points in the words of a text that are `overlong` (by default
    the longer words)."""
    def hyphenated(match: re.Match) -> str:
        word = match.group(0)
        return hyphenator().inserted(word, hyphen="\u00ad") if overlong(word) else word
    return re.sub(r"[^\W\d_]+", hyphenated, text)


@cache
def font_name(family: str, bold: bool) -> str:
    """A font family registered with reportlab (for its widths) under a name of its own, found by fontconfig."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    pattern = f"{family}:{'bold' if bold else 'regular'}"
    path = subprocess.run(["fc-match", "-f", "%{file}", pattern], capture_output=True, text=True, timeout=30).stdout
    pdfmetrics.registerFont(TTFont(pattern, path))
    return pattern


class Fit:
    """Where a word is wider than its box, a designer hyphenates it: soft hyphens in the words of a text that
    would not fit `measure` points in the given face (Chromium lets such a word run over its box, where it is
    clipped or printed over the next column, and Debian's Chromium has no Dutch hyphenation of its own)."""

    def __init__(self, family: str, bold: bool, size: float, measure: float, caps: bool = False,
                 spacing: float = 0.0):
        self.font, self.size, self.measure = font_name(family, bold), size, measure
        self.caps, self.spacing = caps, spacing

    def width(self, word: str) -> float:
        from reportlab.pdfbase import pdfmetrics
        word = word.upper() if self.caps else word
        return pdfmetrics.stringWidth(word, self.font, self.size) + len(word) * self.spacing * self.size

    def __call__(self, text: str) -> str:
        return soft_hyphens(text, lambda word: self.width(word) > 0.9 * self.measure)


class Document(DrawnDocument):
    """Builds the HTML of one programme in one drawn style."""

    def __init__(self, style: dict[str, str], title: str):
        super().__init__(style, title)
        self.out: list[str] = []
        self.theme_no = self.dossier_no = 0
        self.dossier_open = False

    # measures
    def text_width(self) -> float:
        """The width of the text area in points."""
        page = {"A4": 595.28, "Letter": 612.0}[self.s["page"]]
        side = float(MARGINS[self.s["margins"]].split()[1].removesuffix("cm"))
        return page - 2 * side * 72 / 2.54

    def measure(self, box: str = "text") -> float:
        """The measure of a box in points: "text" (a paragraph of the flow), "side" (a side head), "wide" (a
        heading across all columns)."""
        width = self.text_width()
        columns = {"two-columns": 2, "three-columns": 3}.get(self.s["layout"], 1)
        if box == "wide":
            return width - 12
        if self.s["layout"] == "side-heads":
            return width * (0.24 if box == "side" else 0.72)
        return (width - (columns - 1) * 1.6 * self.body) / columns

    def heading_sizes(self) -> dict[str, float]:
        """Each heading element's size as a multiple of the body size."""
        sizes = {"h1": 1.9, "h2": 1.5, "h3": 1.15, "h4": 1.0}
        if self.s["headings"] == "spaced-caps":  # capitals of dossiers stay readable at a smaller size
            sizes.update(h3=1.05, h4=0.95)
        return sizes

    def fitted_heading(self, text: str, tag: str) -> str:
        """A heading's text, escaped, with soft hyphens in words wider than its box, measured in the heading's
        face."""
        look = self.s["headings"]
        box = "wide" if tag == "h2" else "side" if tag == "h3" and self.s["layout"] == "side-heads" else "text"
        fit = Fit("DejaVu Sans" if look == "bold-sans" else self.s["font"], look != "colour",
                  self.heading_sizes()[tag] * self.body, self.measure(box),
                  caps=look in ("small-caps", "spaced-caps"), spacing=0.12 if look == "spaced-caps" else 0.0)
        return h(fit(text))

    # css
    def heading_css(self) -> str:
        s, accent = self.s["headings"], self.accent
        looks = {
            "small-caps": f"font-variant: small-caps; font-weight: bold; color: #222; font-family: '{self.s['font']}';",
            "spaced-caps": f"text-transform: uppercase; letter-spacing: 0.12em; font-weight: bold; color: {accent};",
            "colour": f"font-weight: normal; color: {accent};",
            "bold-sans": "font-weight: bold; color: #111; font-family: 'DejaVu Sans', 'Liberation Sans', sans-serif;",
        }
        look = looks[s]
        sizes = self.heading_sizes()
        css = "".join(f"{tag} {{ font-size: {size * self.body:.1f}pt; }}\n" for tag, size in sizes.items())
        css += f"h1, h2, h3, h4 {{ {look} line-height: 1.2; hyphens: manual; break-after: avoid; }}\n"
        if s == "colour":
            css += "h4 { font-style: italic; }\n"
        return css

    def furniture_css(self) -> str:
        f = self.s["furniture"]
        box = f"font: 7.5pt '{self.s['font']}'; color: #777;"
        title = self.title.replace('"', "'")
        css = ""
        if f in ("header", "both"):
            css += f'@top-left {{ content: "{title}"; {box} }}\n'
        if f in ("footer", "both"):
            label = 'counter(page)' if f == "both" else f'"{title} | pagina " counter(page)'
            css += f"@bottom-right {{ content: {label}; {box} }}\n"
        return css

    def css(self) -> str:
        s, body = self.s, self.body
        layout = s["layout"]
        justify = s["justify"] != "left"
        columns = {"two-columns": 2, "three-columns": 3}.get(layout, 1)
        page_first = "" if s["furniture"] == "none" else "@page :first { @top-left { content: none; } " \
                                                          "@bottom-right { content: none; } }"
        css = f"""@page {{ size: {PAGES[s['page']]}; margin: {MARGINS[s['margins']]};
{self.furniture_css()}}}
{page_first}
html {{ font-family: '{s['font']}', {FONTS.get(s['font'], 'serif')}; font-size: {body}pt; line-height: 1.3;
  color: #1a1a1a; font-variant-ligatures: common-ligatures; }}
body {{ margin: 0; }}
p {{ margin: 0 0 {body * 0.6:.1f}pt 0; orphans: 2; widows: 2; }}
main p, main li, main td {{ text-align: {'justify' if justify else 'left'};
  hyphens: {'auto' if justify else 'manual'}; }}
.doctitle {{ font-size: {min(body * 2.6, 28):.1f}pt; font-weight: bold; color: {self.accent};
  margin-bottom: {body}pt; line-height: 1.15; }}
.legend {{ font-style: italic; font-size: 0.9em; }}
h1, h2, h3, h4 {{ margin: {body * 1.1:.1f}pt 0 {body * 0.4:.1f}pt 0; }}
h1.part {{ margin-top: {body * 2:.1f}pt; }}
h1.part .label {{ display: block; font-size: 0.8em; }}
ul {{ margin: 0 0 {body * 0.6:.1f}pt 0; padding-left: 1.3em; {BULLETS[s['bullet']]} }}
ul ul {{ list-style-type: circle; margin-bottom: 0; }}
li {{ margin-bottom: {body * 0.25:.1f}pt; }}
li::marker {{ color: {self.accent}; }}
sup.mark {{ font-size: 0.6em; line-height: 0; }}
.box {{ background: #e6f0f2; padding: {body * 0.5:.1f}pt {body * 0.7:.1f}pt 1pt; margin: {body * 0.5:.1f}pt 0;
  break-inside: auto; }}
.box h4 {{ text-transform: uppercase; letter-spacing: 0.06em; font-size: {body * 0.85:.1f}pt; margin-top: 0;
  color: {self.accent}; font-variant: normal; }}
table.requests {{ border-collapse: collapse; width: 100%; margin: {body * 0.4:.1f}pt 0 {body * 0.8:.1f}pt; }}
table.requests caption {{ caption-side: top; text-align: left; font-weight: bold; padding-bottom: 3pt; }}
table.requests td {{ vertical-align: top; padding: 2pt 4pt; text-align: left; }}
table.requests td.n {{ width: 1.8em; color: {self.accent}; }}
table.requests ul {{ margin: 2pt 0 0; }}
table.ruled td {{ border-top: 0.6pt solid #666; border-bottom: 0.6pt solid #666; }}
table.zebra tr:nth-child(odd) td {{ background: #eef2f4; }}
p.runin {{ margin-bottom: {body * 0.25:.1f}pt; break-after: avoid; }}
{self.heading_css()}"""
        if columns > 1:
            css += f"""main {{ column-count: {columns}; column-gap: {1.6 * body:.1f}pt; column-fill: auto; }}
h1, h2, .spanner {{ column-span: all; }}
h2 {{ background: {self.accent}; color: white; padding: 3pt 6pt; }}
"""
        if layout == "side-heads":
            css += """.dossier { display: flow-root; margin-top: 0.4em; }
.dossier > h3 { float: left; width: 24%; margin-top: 0; }
.dossier > .flow { margin-left: 28%; }
main > p, main > ul, main > h4, main > .box, main > table, main > .runin { margin-left: 28%; }
"""
        if s["parts"] == "page":
            css += "h1 { break-before: page; }\n"
        return css

    # content
    def add(self, html: str) -> None:
        self.out.append(html)

    def close_dossier(self) -> None:
        if self.dossier_open:
            self.add("</div></section>")
            self.dossier_open = False

    def text(self, text: str, indent: float = 0.0) -> str:
        """Text of the flow, escaped: hyphenated in the "soft" styles, else where a word is wider than the
        measure less `indent` points."""
        if self.s["justify"] == "soft":
            return h(soft_hyphens(text))
        return h(Fit(self.s["font"], False, self.body, self.measure() - indent)(text))

    def marked(self, title: str) -> str:
        """A dossier title's line with its spearhead mark in the drawn form."""
        return mark_title(title, self.s["mark"], self.dossier_line, '<sup class="mark">*</sup>')

    def dossier_line(self, text: str) -> str:
        return self.fitted_heading(text, "h3")

    def legend(self) -> None:
        mark = self.s["mark"]
        sign = '<sup class="mark">*</sup>' if mark == "sup*" else h(mark)
        self.add(f'<p class="legend">{sign} speerpuntdossier</p>')

    def items(self, elements: list[tuple], indent: float = 0.0) -> str:
        out = ["<ul>"]
        item, sub_item = indent + 1.3 * self.body, indent + 2.6 * self.body
        for text, subs in item_rows(elements):
            inner = "".join(f"<li>{self.text(sub, sub_item)}</li>" for sub in subs)
            out.append(f"<li>{self.text(text, item)}" + (f"<ul>{inner}</ul>" if inner else "") + "</li>")
        out.append("</ul>")
        return "".join(out)

    def table(self, heading: str, elements: list[tuple]) -> str:
        kind = "zebra" if self.s["lists"] == "zebra" else "ruled"
        rows = []
        cell = 1.8 * self.body + 16  # the number cell and both cells' padding
        for number, (text, subs) in enumerate(item_rows(elements), 1):
            inner = "".join(f"<li>{self.text(sub, cell + 1.3 * self.body)}</li>" for sub in subs)
            rows.append(f'<tr><td class="n">{number}.</td><td>{self.text(text, cell)}'
                        + (f"<ul>{inner}</ul>" if inner else "") + "</td></tr>")
        return f'<table class="requests {kind}"><caption>{h(heading)}</caption>{"".join(rows)}</table>'

    def listing(self, heading: str | None, elements: list[tuple]) -> None:
        lists = self.s["lists"]
        if heading is None:
            if elements:
                self.add(self.items(elements))
            return
        if lists == "box":
            items = self.items(elements, 1.4 * self.body) if elements else ""
            self.add(f'<div class="box"><h4>{h(heading)}</h4>{items}</div>')
        elif lists in ("table", "zebra") and elements:
            self.add(self.table(heading, elements))
        elif lists == "run-in":
            label = heading if heading.rstrip().endswith(":") else f"{heading.rstrip()}:"
            self.add(f'<p class="runin"><strong>{h(label)}</strong></p>')
            if elements:
                self.add(self.items(elements))
        else:
            self.add(f"<h4>{self.fitted_heading(heading, 'h4')}</h4>")
            if elements:
                self.add(self.items(elements))

    def part(self, number: int, title: str) -> None:
        if self.s["part_label"] == "two-lines":
            self.add(f'<h1 class="part"><span class="label">DEEL {number}</span>{h(title)}</h1>')
        else:
            self.add(f'<h1 class="part">DEEL {number} – {h(title)}</h1>')

    def dossier(self, title: str | list[str]) -> None:
        self.dossier_no += 1
        numbering = self.s["numbering"]
        number = (f"{self.theme_no}.{self.dossier_no} " if numbering == "decimal"
                  else f"{self.dossier_no}. " if numbering == "dossiers" else "")
        lines = title if isinstance(title, list) else [title]
        last = len(lines) - 1
        inner = "<br>".join(self.marked(line) if i == last else self.dossier_line(line)
                            for i, line in enumerate(lines))
        heading = f"<h3>{h(number)}{inner}</h3>"
        if self.s["layout"] == "side-heads":
            self.add(f'<section class="dossier">{heading}<div class="flow">')
            self.dossier_open = True
        else:
            self.add(heading)

    def build(self, elements: list[tuple]) -> str:
        s = self.s
        self.add(f'<p class="doctitle">{h(self.title)}</p>')
        if s["legend"] == "yes":
            self.legend()
        for kind, args, items in blocks(elements):
            if kind in ("front", "part", "theme"):
                self.close_dossier()
            if kind in ("list", "item", "subitem"):
                self.listing(args[0] if kind == "list" else None, items)
            elif kind == "front":
                self.add(f"<h1>{h(args[0])}</h1>")
            elif kind == "part":
                self.part(args[0], args[1])
            elif kind == "theme":
                self.theme_no, self.dossier_no = self.theme_no + 1, 0
                number = f"{self.theme_no}. " if s["numbering"] == "decimal" else ""
                self.add(f"<h2>{h(number)}{self.fitted_heading(args[0], 'h2')}</h2>")
            elif kind == "dossier":
                self.close_dossier()
                self.dossier(args[0])
            elif kind == "sub":
                self.add(f"<h4>{self.fitted_heading(args[0], 'h4')}</h4>")
            elif kind == "text":
                self.add(f"<p>{self.text(args[0])}</p>")
        self.close_dossier()
        body = "\n".join(self.out)
        return f"""<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><title>{h(self.title)}</title>
<meta name="generator" content="werkprogramma tests (browser producer)">
<style>
{self.css()}</style></head>
<body><main>
{body}
</main></body></html>
"""


def document(elements: list[tuple], seed: int, title: str) -> str:
    """The HTML of the elements in the style drawn from the seed."""
    return Document(draw(seed), title).build(elements)


# --- the print --------------------------------------------------------------------------------------------

def print_pdf(source: Path, pdf: Path, profile: Path, outline: bool = True) -> Path:
    """Print an HTML file to a tagged PDF, with bookmarks from its headings unless `outline` is False."""
    chromium = program("chromium", "chromium-browser")
    if chromium is None:
        raise RuntimeError(missing())
    command = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--no-pdf-header-footer",
               *(["--generate-pdf-document-outline"] if outline else []), f"--print-to-pdf={pdf}", source.as_uri()]
    result = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT)
    if not pdf.exists() or pdf.stat().st_size == 0:
        raise RuntimeError(f"chromium wrote no PDF ({result.returncode}): {result.stderr.strip()[-2000:]}")
    return pdf


def render(path: Path, elements: list[tuple], seed: int, title: str) -> Path:
    """Write the elements as a PDF in the browser style drawn from the seed."""
    path = Path(path)
    with tempfile.TemporaryDirectory(prefix="browser-") as work:
        folder = Path(work)
        source = folder / "programme.html"
        source.write_text(document(elements, seed, title), encoding="utf-8")
        pdf = print_pdf(source, folder / "programme.pdf", folder / "profile")
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(pdf, path)
    return path
