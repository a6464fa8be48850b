"""A picture of what the layout and structure stages decided on one page.

`debug_page(pdf, n)` draws page n with the column gutters found (shaded),
every block framed in the colour of the role it got (part, theme, dossier,
sub-heading, list heading, list item, text, front matter) and labelled with
it, and a dot at each list item's marker. It runs the same stages as
`extract` over the whole document (levels are learnt from all pages), and
draws on pdfplumber's `to_image()`.
"""
from __future__ import annotations

from pathlib import Path

import pdfplumber
from PIL import Image, ImageDraw

from pipeline.layout import layout_pages
from pipeline.pdf.sources import DEFAULT_ENGINE, document_info
from pipeline.rules import load_rules
from pipeline.run.extract import ExtractionError, check_header, read_pages, tagged_headings
from pipeline.structure.builder import segmentation
from pipeline.text.casing import recaser
from pipeline.text.repair import repair_blocks

ROLE_COLOURS = {"part": "#c00000", "part title": "#c00000", "mark": "#0070c0", "theme": "#e46c0a", "dossier": "#0070c0",
                "sub": "#00b0f0", "list": "#7030a0", "item": "#00a050", "text": "#a0a0a0", "front": "#d0d0d0"}
GUTTER_FILL = (255, 200, 0, 70)


def debug_page(path: Path | str, page: int, engine: str = DEFAULT_ENGINE, password: str | None = None,
               resolution: int = 110):
    """The annotated image of page `page` (1-based) as a PIL image. Raises ExtractionError."""
    path = Path(path)
    check_header(path)
    rules = load_rules()
    info = document_info(engine, path, password)
    count = info.pages
    if not 1 <= page <= count:
        raise ExtractionError(path, f"has no page {page} (it has {count})")
    pages = read_pages(engine, path, password, list(range(1, count + 1)), rules)
    layout = layout_pages(pages, rules.layout)
    blocks = repair_blocks(layout.blocks, rules.text)
    roles = segmentation(blocks, rules.structure, recaser(blocks), info.outline, tagged_headings(pages)).roles
    with pdfplumber.open(path, password=password or "") as pdf:
        image = pdf.pages[page - 1].to_image(resolution=resolution).annotated.convert("RGBA")
    scale = resolution / 72
    shading = Image.new("RGBA", image.size, (0, 0, 0, 0))
    for left, right in next(p for p in pages if p.number == page).gutters:
        ImageDraw.Draw(shading).rectangle([left * scale, 0, right * scale, image.height], fill=GUTTER_FILL)
    image = Image.alpha_composite(image, shading)
    overlay = ImageDraw.Draw(image)
    for block, role in zip(blocks, roles, strict=True):
        colour = ROLE_COLOURS[role]
        for line in (line for line in block.lines if line.page == page):
            box = [line.start_x0 * scale - 1, line.top * scale - 1, line.x1 * scale + 1, line.bottom * scale + 1]
            overlay.rectangle(box, outline=colour, width=2 if role != "text" else 1)
        first = block.lines[0]
        if first.page == page:
            if role != "text":
                overlay.text((first.start_x0 * scale, first.top * scale - 11), role, fill=colour)
            if block.marker:
                centre = (first.start_x0 * scale - 4, (first.top + first.bottom) / 2 * scale)
                overlay.ellipse([centre[0] - 3, centre[1] - 3, centre[0] + 3, centre[1] + 3], fill=colour)
    return image.convert("RGB")
