"""The office producer: the programme written as a flat OpenDocument text (.fodt) from paragraph, heading,
list and table styles, and exported to PDF by LibreOffice (`soffice --headless --convert-to pdf`).

Parts, front matter, themes, dossiers and sub-headings are real "Heading 1" to "Heading 4" paragraphs
(outline levels 1 to 4), so the export writes bookmarks and, as a tagged PDF, H1 to H4 structure elements;
bullets come from list styles. The style is drawn from the seed, each dimension independently (`draw`).
"""
from __future__ import annotations

import atexit
import json
import random
import shutil
import subprocess
import tempfile
import uuid
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from producers import ACCENTS, DrawnDocument, blocks, installed_families, item_rows, mark_title, program

NAME = "office"

FONTS = {  # family: generic family, fallback when the family is not installed
    "DejaVu Sans": "swiss", "DejaVu Serif": "roman", "Liberation Sans": "swiss", "Liberation Serif": "roman",
}
PAGES = {"A4": ("21cm", "29.7cm"), "Letter": ("8.5in", "11in")}
BULLETS = {"•": "•", "–": "–", "▪": "▪"}
MARKS = ("*", "(*)", "∗", "sup*")
LEGENDS = {"*": "* speerpuntdossier", "(*)": "(*) speerpuntdossier", "∗": "∗ speerpuntdossier"}
PDF_OPTIONS = {"ExportBookmarks": ("boolean", "true"), "UseTaggedPDF": ("boolean", "true"),
               "ExportNotes": ("boolean", "false"), "OpenBookmarkLevels": ("long", "-1")}
TIMEOUT = 120


def missing() -> str | None:
    if program("soffice", "libreoffice"):
        return None
    return "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui"


def draw(seed: int) -> dict[str, str]:
    """The style dimensions drawn from the seed, each independently."""
    rng = random.Random(seed)
    style = {
        "numbering": rng.choice(["none", "none", "text", "outline"]),
        "mark": rng.choice(MARKS),
        "legend": rng.choice(["no", "yes"]),
        "lists": rng.choice(["heading", "run-in", "table"]),
        "bullet": rng.choice([*BULLETS, "number"]),
        "columns": rng.choice(["1", "2"]),
        "font": rng.choice(list(FONTS)),
        "body": rng.choice(["9", "9.5", "10", "10.5", "11", "11.5", "12"]),
        "justify": rng.choice(["left", "nl-BE", "nl-NL", "left"]),
        "furniture": rng.choice(["none", "header", "footer", "both"]),
        "headings": rng.choice(["bold-sans", "colour", "small-caps"]),
        "breaks": rng.choice(["none", "parts", "themes", "both"]),
        "page": rng.choice(["A4", "A4", "Letter"]),
        "part": rng.choice(["two-lines", "one-line"]),
        "accent": rng.choice(sorted(ACCENTS)),
    }
    if style["font"] not in installed_families():
        style["font"] = "DejaVu Serif" if "Serif" in style["font"] else "DejaVu Sans"
    return style


# --- the document -----------------------------------------------------------------------------------------

NAMESPACES = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
    "loext": "urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0",
}


def x(text: str) -> str:
    return escape(text, {'"': "&quot;"})


def text_props(props: dict[str, str]) -> str:
    return "<style:text-properties " + " ".join(f'{k}="{v}"' for k, v in props.items()) + "/>"


class Document(DrawnDocument):
    """Builds the .fodt of one programme in one drawn style."""

    def __init__(self, style: dict[str, str], title: str):
        super().__init__(style, title)
        self.heading_font = style["font"] if style["headings"] != "bold-sans" else (
            "Liberation Sans" if "Liberation" in style["font"] else "DejaVu Sans")
        self.parts: list[str] = []
        self.part_no = self.theme_no = self.dossier_no = 0
        self.tables = 0

    # styles
    def font_faces(self) -> str:
        faces = {self.s["font"], self.heading_font, "DejaVu Sans"}
        return "".join(f'<style:font-face style:name="{f}" svg:font-family="&apos;{f}&apos;" '
                       f'style:font-family-generic="{FONTS.get(f, "swiss")}" style:font-pitch="variable"/>'
                       for f in sorted(faces))

    def language(self) -> str:
        lang = self.s["justify"] if self.s["justify"] != "left" else "nl-BE"
        language, country = lang.split("-")
        return f'fo:language="{language}" fo:country="{country}"'

    def heading_style(self, level: int, size: float, break_before: bool) -> str:
        s = self.s
        props = {"style:font-name": self.heading_font, "fo:font-size": f"{size:.1f}pt", "fo:hyphenate": "false"}
        if s["headings"] == "bold-sans":
            props.update({"fo:font-weight": "bold", "style:font-weight-complex": "bold"})
        elif s["headings"] == "colour":
            props["fo:color"] = self.accent
        else:
            props.update({"fo:font-variant": "small-caps", "fo:font-weight": "bold", "fo:color": "#222222"})
        para = (f'<style:paragraph-properties fo:margin-top="{size * 1.0:.1f}pt" fo:margin-bottom="{size * 0.4:.1f}pt" '
                f'fo:keep-with-next="always" fo:text-align="start" fo:hyphenation-ladder-count="no-limit"'
                + (' fo:break-before="page"' if break_before else "") + "/>")
        return (f'<style:style style:name="Heading_20_{level}" style:display-name="Heading {level}" '
                f'style:family="paragraph" style:parent-style-name="Heading" style:next-style-name="Text_20_body" '
                f'style:default-outline-level="{level}" style:class="text">{para}'
                f'{text_props(props)}</style:style>')

    def outline_style(self) -> str:
        levels = []
        for level in range(1, 11):
            if self.s["numbering"] == "outline" and level == 1:
                fmt = 'style:num-prefix="DEEL " style:num-format="1"'
            elif self.s["numbering"] == "outline" and level in (2, 3):
                fmt = f'style:num-format="1" text:display-levels="{level}"'
            else:
                fmt = 'style:num-format=""'
            levels.append(
                f'<text:outline-level-style text:level="{level}" {fmt}>'
                '<style:list-level-properties text:list-level-position-and-space-mode="label-alignment">'
                '<style:list-level-label-alignment text:label-followed-by="space" fo:text-indent="0cm" '
                'fo:margin-left="0cm"/></style:list-level-properties></text:outline-level-style>')
        return f'<text:outline-style style:name="Outline">{"".join(levels)}</text:outline-style>'

    def list_styles(self) -> str:
        s = self.s
        levels = []
        for level in (1, 2):
            indent = 0.55 * level
            geometry = ('<style:list-level-properties text:list-level-position-and-space-mode="label-alignment">'
                        f'<style:list-level-label-alignment text:label-followed-by="listtab" '
                        f'text:list-tab-stop-position="{indent:.2f}cm" fo:text-indent="-0.45cm" '
                        f'fo:margin-left="{indent:.2f}cm"/></style:list-level-properties>')
            if s["bullet"] == "number":
                fmt = ('style:num-suffix="." style:num-format="1"' if level == 1
                       else 'style:num-suffix=")" style:num-format="a"')
                levels.append(f'<text:list-level-style-number text:level="{level}" {fmt}>{geometry}'
                              f'</text:list-level-style-number>')
            else:
                char = s["bullet"] if level == 1 else ("–" if s["bullet"] != "–" else "◦")
                marker = f'<style:text-properties style:font-name="DejaVu Sans" fo:color="{self.accent}"/>'
                levels.append(f'<text:list-level-style-bullet text:level="{level}" text:bullet-char="{char}">'
                              f'{geometry}{marker}</text:list-level-style-bullet>')
        return f'<text:list-style style:name="Bullets">{"".join(levels)}</text:list-style>'

    def styles(self) -> str:
        s, body = self.s, self.body
        justify = s["justify"] != "left"
        breaks = s["breaks"]
        hyphen = (' fo:hyphenate="true" fo:hyphenation-remain-char-count="2" fo:hyphenation-push-char-count="2"'
                  if justify else ' fo:hyphenate="false"')
        sizes = {1: body * 1.9, 2: body * 1.5, 3: body * 1.2, 4: body * 1.05}
        headings = "".join(self.heading_style(level, sizes[level], (level == 1 and breaks in ("parts", "both"))
                                              or (level == 2 and breaks in ("themes", "both")))
                           for level in (1, 2, 3, 4))
        return f"""<office:font-face-decls>{self.font_faces()}</office:font-face-decls>
<office:styles>
<style:default-style style:family="paragraph">
 <style:paragraph-properties fo:orphans="2" fo:widows="2"/>
 <style:text-properties style:font-name="{s['font']}" fo:font-size="{body}pt" {self.language()}{hyphen}/>
</style:default-style>
<style:style style:name="Standard" style:family="paragraph" style:class="text"/>
<style:style style:name="Text_20_body" style:display-name="Text body" style:family="paragraph"
 style:parent-style-name="Standard" style:class="text">
 <style:paragraph-properties fo:margin-top="0pt" fo:margin-bottom="{body * 0.6:.1f}pt" fo:line-height="125%"
  fo:text-align="{'justify' if justify else 'start'}"/>
 <style:text-properties style:font-name="{s['font']}" fo:font-size="{body}pt"{hyphen}/>
</style:style>
<style:style style:name="List_20_Paragraph" style:display-name="List Paragraph" style:family="paragraph"
 style:parent-style-name="Text_20_body" style:list-style-name="Bullets" style:class="list">
 <style:paragraph-properties fo:margin-bottom="{body * 0.25:.1f}pt"/>
</style:style>
<style:style style:name="Table_20_Contents" style:display-name="Table Contents" style:family="paragraph"
 style:parent-style-name="Text_20_body" style:class="extra">
 <style:paragraph-properties fo:margin-bottom="0pt" fo:text-align="start"/>
</style:style>
<style:style style:name="Heading" style:family="paragraph" style:parent-style-name="Standard"
 style:next-style-name="Text_20_body" style:class="text">
 <style:text-properties style:font-name="{self.heading_font}"/>
</style:style>
{headings}
<style:style style:name="Title" style:family="paragraph" style:parent-style-name="Heading" style:class="chapter">
 <style:paragraph-properties fo:text-align="start" fo:margin-bottom="{body:.1f}pt"/>
 <style:text-properties fo:font-size="{min(body * 2.6, 28):.1f}pt" fo:font-weight="bold" fo:color="{self.accent}"
  fo:hyphenate="false"/>
</style:style>
<style:style style:name="Legend" style:family="paragraph" style:parent-style-name="Text_20_body">
 <style:text-properties fo:font-style="italic" fo:font-size="{body * 0.9:.1f}pt"/>
</style:style>
<style:style style:name="Run_2d_in" style:display-name="Run-in" style:family="paragraph"
 style:parent-style-name="Text_20_body" style:next-style-name="List_20_Paragraph">
 <style:paragraph-properties fo:margin-top="{body * 0.5:.1f}pt" fo:margin-bottom="{body * 0.25:.1f}pt"
  fo:keep-with-next="always"/>
 <style:text-properties fo:font-weight="bold" style:font-weight-complex="bold"/>
</style:style>
<style:style style:name="Header" style:family="paragraph" style:parent-style-name="Standard" style:class="extra">
 <style:paragraph-properties fo:text-align="end"/>
 <style:text-properties fo:font-size="{max(body - 2, 7)}pt" fo:color="#707070" fo:hyphenate="false"/>
</style:style>
<style:style style:name="Footer" style:family="paragraph" style:parent-style-name="Header" style:class="extra">
 <style:paragraph-properties fo:text-align="center"/>
</style:style>
<style:style style:name="Strong_20_Emphasis" style:display-name="Strong Emphasis" style:family="text">
 <style:text-properties fo:font-weight="bold"/>
</style:style>
<style:style style:name="Spearhead" style:family="text">
 <style:text-properties style:text-position="super 58%"/>
</style:style>
{self.outline_style()}
{self.list_styles()}
</office:styles>"""

    def automatic_styles(self) -> str:
        s = self.s
        width, height = PAGES[s["page"]]
        columns = int(s["columns"])
        section = (f'<style:style style:name="Columns" style:family="section"><style:section-properties '
                   f'text:dont-balance-text-columns="false"><style:columns fo:column-count="{columns}" '
                   f'fo:column-gap="0.7cm"/></style:section-properties></style:style>')
        border = "0.5pt solid #404040"
        table = ('<style:style style:name="Requests" style:family="table"><style:table-properties '
                 'style:rel-width="100%" table:align="margins" fo:margin-top="2pt" fo:margin-bottom="6pt"/>'
                 '</style:style>'
                 '<style:style style:name="Requests.A" style:family="table-column">'
                 '<style:table-column-properties style:rel-column-width="1000*"/></style:style>'
                 '<style:style style:name="Requests.B" style:family="table-column">'
                 '<style:table-column-properties style:rel-column-width="9000*"/></style:style>'
                 f'<style:style style:name="Requests.cell" style:family="table-cell"><style:table-cell-properties '
                 f'fo:padding="0.08cm" fo:border="{border}"/></style:style>')
        return f"""<office:automatic-styles>
{section}{table}
<style:page-layout style:name="Page">
 <style:page-layout-properties fo:page-width="{width}" fo:page-height="{height}" style:print-orientation="portrait"
  fo:margin-top="1.6cm" fo:margin-bottom="1.6cm" fo:margin-left="2cm" fo:margin-right="2cm"/>
 <style:header-style><style:header-footer-properties fo:min-height="0cm" fo:margin-bottom="0.4cm"/></style:header-style>
 <style:footer-style><style:header-footer-properties fo:min-height="0cm" fo:margin-top="0.4cm"/></style:footer-style>
</style:page-layout>
</office:automatic-styles>"""

    def master_styles(self) -> str:
        furniture = self.s["furniture"]
        header = footer = ""
        if furniture in ("header", "both"):
            header = f'<style:header><text:p text:style-name="Header">{x(self.title)}</text:p></style:header>'
        if furniture in ("footer", "both"):
            left = "" if furniture == "both" else f"{x(self.title)} | "
            footer = (f'<style:footer><text:p text:style-name="Footer">{left}pagina '
                      f'<text:page-number text:select-page="current">1</text:page-number></text:p></style:footer>')
        return (f'<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="Page">'
                f'{header}{footer}</style:master-page></office:master-styles>')

    # content
    def heading(self, level: int, inner: str, numbered: bool = True) -> None:
        header = ' text:is-list-header="true"' if not numbered else ""
        self.parts.append(f'<text:h text:style-name="Heading_20_{level}" text:outline-level="{level}"{header}>'
                          f'{inner}</text:h>')

    def paragraph(self, inner: str, style: str = "Text_20_body") -> None:
        self.parts.append(f'<text:p text:style-name="{style}">{inner}</text:p>')

    def marked(self, title: str) -> str:
        """A dossier title with its spearhead mark in the drawn form."""
        return mark_title(title, self.s["mark"], x, '<text:span text:style-name="Spearhead">*</text:span>')

    def legend(self) -> None:
        mark = self.s["mark"]
        if mark == "sup*":
            self.paragraph('<text:span text:style-name="Spearhead">*</text:span> speerpuntdossier', "Legend")
        else:
            self.paragraph(x(LEGENDS[mark]), "Legend")

    def part(self, number: int, title: str) -> None:
        self.part_no, self.theme_no = number, 0
        if self.s["numbering"] == "outline":
            self.heading(1, x(title))
        elif self.s["part"] == "two-lines":
            self.heading(1, f"DEEL {number}<text:line-break/>{x(title)}")
        else:
            self.heading(1, f"DEEL {number} – {x(title)}")

    def numbered(self, level: int, inner: str) -> str:
        if self.s["numbering"] != "text":
            return inner
        number = f"{self.part_no or 1}.{self.theme_no}" + (f".{self.dossier_no}" if level == 3 else "")
        return f"{number} {inner}"

    def items(self, elements: list[tuple]) -> None:
        """Items and sub-items as a list of the list style (sub-items nested in the item before them)."""
        out, open_item = ['<text:list text:style-name="Bullets">'], False
        sub_open = False
        for kind, text in elements:
            if kind == "item":
                if sub_open:
                    out.append("</text:list>")
                    sub_open = False
                if open_item:
                    out.append("</text:list-item>")
                out.append(f'<text:list-item><text:p text:style-name="List_20_Paragraph">{x(text)}</text:p>')
                open_item = True
            else:
                if not open_item:
                    out.append("<text:list-item>")
                    open_item = True
                if not sub_open:
                    out.append("<text:list>")
                    sub_open = True
                out.append(f'<text:list-item><text:p text:style-name="List_20_Paragraph">{x(text)}</text:p>'
                           '</text:list-item>')
        if sub_open:
            out.append("</text:list>")
        if open_item:
            out.append("</text:list-item>")
        out.append("</text:list>")
        self.parts.append("".join(out))

    def table(self, elements: list[tuple]) -> None:
        """Items as the numbered rows of a ruled table (sub-items as a list in the item's cell)."""
        rows = item_rows(elements)
        self.tables += 1
        cell = 'table:style-name="Requests.cell" office:value-type="string"'
        out = [f'<table:table table:name="Adviesvragen{self.tables}" table:style-name="Requests">'
               '<table:table-column table:style-name="Requests.A"/><table:table-column table:style-name="Requests.B"/>']
        for number, (text, subs) in enumerate(rows, 1):
            inner = f'<text:p text:style-name="Table_20_Contents">{x(text)}</text:p>'
            if subs:
                inner += ('<text:list text:style-name="Bullets">' + "".join(
                    f'<text:list-item><text:list><text:list-item><text:p text:style-name="List_20_Paragraph">{x(sub)}'
                    '</text:p></text:list-item></text:list></text:list-item>' for sub in subs) + "</text:list>")
            out.append(f'<table:table-row><table:table-cell {cell}><text:p text:style-name="Table_20_Contents">'
                       f'{number}.</text:p></table:table-cell><table:table-cell {cell}>{inner}</table:table-cell>'
                       '</table:table-row>')
        out.append("</table:table>")
        self.parts.append("".join(out))

    def build(self, elements: list[tuple]) -> str:
        s = self.s
        self.parts.append(f'<text:p text:style-name="Title">{x(self.title)}</text:p>')
        if s["legend"] == "yes":
            self.legend()
        for kind, args, items in blocks(elements):
            if kind in ("list", "item", "subitem"):
                if kind == "list":
                    heading = args[0]
                    if s["lists"] == "run-in":
                        label = heading if heading.rstrip().endswith(":") else f"{heading.rstrip()}:"
                        self.paragraph(f'<text:span text:style-name="Strong_20_Emphasis">{x(label)}</text:span>',
                                       "Run_2d_in")
                    else:
                        self.heading(4, x(heading))
                    if items and s["lists"] == "table":
                        self.table(items)
                        continue
                if items:
                    self.items(items)
            elif kind == "front":
                self.heading(1, x(args[0]), numbered=False)
            elif kind == "part":
                self.part(args[0], args[1])
            elif kind == "theme":
                self.theme_no, self.dossier_no = self.theme_no + 1, 0
                self.heading(2, self.numbered(2, x(args[0])))
            elif kind == "dossier":
                self.dossier_no += 1
                title = " ".join(args[0]) if isinstance(args[0], list) else args[0]
                self.heading(3, self.numbered(3, self.marked(title)))
            elif kind == "sub":
                self.heading(4, x(args[0]))
            elif kind == "text":
                self.paragraph(x(args[0]))
        ns = " ".join(f'xmlns:{k}="{v}"' for k, v in NAMESPACES.items())
        return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document {ns} office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:meta><dc:title>{x(self.title)}</dc:title><dc:language>{self.language().split('"')[1]}</dc:language>
<meta:generator>werkprogramma tests (office producer)</meta:generator></office:meta>
{self.styles()}
{self.automatic_styles()}
{self.master_styles()}
<office:body><office:text>
<text:section text:style-name="Columns" text:name="Programme">
{chr(10).join(self.parts)}
</text:section>
</office:text></office:body>
</office:document>
"""


def document(elements: list[tuple], seed: int, title: str) -> str:
    """The flat OpenDocument text of the elements in the style drawn from the seed."""
    return Document(draw(seed), title).build(elements)


# --- the export -------------------------------------------------------------------------------------------

@cache
def profile_template() -> Path:
    """A LibreOffice user profile made once per process (the first start writes it, which is slow); each
    call copies it to a private profile so parallel conversions never share one."""
    folder = Path(tempfile.mkdtemp(prefix="office-profile-template-"))
    atexit.register(shutil.rmtree, folder, True)
    with tempfile.TemporaryDirectory(prefix="office-warm-") as work:
        source = Path(work) / "warm.fodt"
        source.write_text(Document(draw(0), "warm").build([("text", "warm")]), encoding="utf-8")
        convert(source, Path(work), folder / "profile")
    return folder / "profile"


def filter_options() -> str:
    return json.dumps({k: {"type": t, "value": v} for k, (t, v) in PDF_OPTIONS.items()}, separators=(",", ":"))


def convert(source: Path, outdir: Path, profile: Path) -> Path:
    soffice = program("soffice", "libreoffice")
    if soffice is None:
        raise RuntimeError(missing())
    command = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", "--nologo",
               "--nolockcheck", "--convert-to", f"pdf:writer_pdf_Export:{filter_options()}",
               "--outdir", str(outdir), str(source)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT)
    pdf = outdir / f"{source.stem}.pdf"
    if not pdf.exists():
        raise RuntimeError(f"soffice wrote no PDF ({result.returncode}): {result.stderr.strip() or result.stdout}")
    return pdf


def render(path: Path, elements: list[tuple], seed: int, title: str) -> Path:
    """Write the elements as a PDF in the office style drawn from the seed."""
    path = Path(path)
    template = profile_template()
    with tempfile.TemporaryDirectory(prefix="office-") as work:
        folder = Path(work)
        profile = folder / f"profile-{uuid.uuid4().hex}"
        shutil.copytree(template, profile, symlinks=True)
        source = folder / "programme.fodt"
        source.write_text(document(elements, seed, title), encoding="utf-8")
        pdf = convert(source, folder, profile)
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(pdf, path)
    return path
