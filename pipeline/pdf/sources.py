"""Character sources: what the layout stage reads from a PDF page, from either engine.

Both engines give the same plain records: per page its size, its characters
(text, box, font name, size, fill colour, upright or not) in content-stream
order, the small vector shapes that can serve as bullets, and the headings
of a tagged PDF's structure tree with the characters they hold.  Coordinates
are points from the page's top-left corner, as pdfplumber gives them.

- `pdfium` (the default) reads through pypdfium2's raw API: fast, C.
- `pdfplumber` (pdfminer.six) is the reference: pure Python, slower.
"""
from __future__ import annotations

import ctypes
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import starmap
from pathlib import Path
from typing import NamedTuple, TypeVar

from pipeline.rules import load_rules

try:
    from pipeline.pdf import _native
except ImportError:  # built at install time from _native.c; without a C compiler the Python loops serve
    _native = None

ENGINES = ("pdfium", "pdfplumber")
DEFAULT_ENGINE = "pdfium"
Shape = tuple[float, float, float, float]
# pdfium reports a hyphen that ends a line as a control character (U+0002 one by one,
# U+FFFE in a page's text): the characters read as a hyphen.
PDFIUM_HYPHENS = "\x02\ufffe"
# Hyphens a word runs on across: a space pdfium generated beside one is no word space (an office suite sets
# a line-end hyphen apart from its syllable by the line's justification).
WORD_HYPHENS = {"-", "\u2010", "\u00ad"}


# A run of text set in one size and its box (points from the page's top-left corner): the fields that
# characters and words share.  Both are named tuples: a page has thousands, and a tuple is the
# quickest record to make.
TEXT_BOX_FIELDS = [("text", str), ("x0", float), ("x1", float), ("top", float), ("bottom", float), ("size", float)]


class Char(NamedTuple("CharFields", [*TEXT_BOX_FIELDS, ("font", str), ("color", str), ("upright", bool),
                                     ("mcid", int)])):
    """One character as printed: its text, box and size, font, fill colour, whether it stands upright, and the
    MCID of the marked content it is in (-1 outside any: a tagged PDF's structure tree refers to it)."""

    __slots__ = ()


class TaggedHeading(NamedTuple):
    """A heading element of a tagged PDF's structure tree on one page: its level (1 for H1; an H's depth in
    sections) and the page's characters it holds, in stream order."""

    level: int
    chars: list[Char]


@dataclass(slots=True)
class PageContent:
    """What a page holds for the layout stage."""

    number: int
    width: float
    height: float
    chars: list[Char]
    shapes: list[Shape]
    tagged_headings: list[TaggedHeading] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """The page count, the metadata strings and the outline (bookmarks) of a PDF."""

    pages: int
    metadata: dict[str, str]
    outline: tuple[OutlineEntry, ...] = ()


class OutlineEntry(NamedTuple):
    """One bookmark of a PDF's outline: its depth (0 at the top) and its title."""

    level: int
    title: str


def clean_outline(entries: Iterable[tuple[int, object]]) -> tuple[OutlineEntry, ...]:
    """Entries with a text title, white space folded (engines differ in how they end a title)."""
    return tuple(OutlineEntry(level, " ".join(title.split())) for level, title in entries
                 if isinstance(title, str) and title.strip())


def color_hex(value: object) -> str:
    """A PDF fill colour (grey, RGB or CMYK tuple of 0–1 values) as #rrggbb; anything else as ''."""
    if isinstance(value, (int, float)):
        value = (value,)
    if not isinstance(value, (tuple, list)) or not all(isinstance(v, (int, float)) for v in value):
        return ""
    if len(value) == 1:
        rgb = (value[0],) * 3
    elif len(value) == 3:
        rgb = tuple(value)
    elif len(value) == 4:
        c, m, y, k = value
        rgb = ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    else:
        return ""
    return "#" + "".join(f"{max(0, min(255, round(float(v) * 255))):02x}" for v in rgb)


def is_bullet_shape(x0: float, top: float, x1: float, bottom: float) -> bool:
    """Small and roughly square: a dot, circle or square that may mark a list item."""
    width, height = x1 - x0, bottom - top
    return 0.8 <= width <= 12 and 0.8 <= height <= 12 and 0.5 <= width / height <= 2


def printed_size(size: float) -> float:
    """A size rounded to a hundredth of a point, half up, as `read_rows` in C rounds it: sizes computed
    through a matrix carry float noise (7.4999997 for 7.5, 19.8975 read as 19.89749 by one engine and
    19.89751 by the other) that would set two runs of one size apart, or the two engines."""
    return math.floor(size * 100 + 0.5) / 100


# Structure tree ---------------------------------------------------------------------------------------------

# The standard structure types of headings (ISO 32000-1, 14.8.4.3.2): H1 to H6 give their level, a plain H
# takes the depth of the sections (Sect) it stands in.
NUMBERED_HEADINGS = {f"H{level}": level for level in range(1, 7)}
SECTION = "Sect"
# Structure types that hold no headings, which the walk does not enter: a paragraph holds inline elements, and
# inline and illustration elements hold text and pictures (ISO 32000-1, 14.8.4.3 and 14.8.4.4).
NO_HEADINGS = frozenset({"P", "Span", "Quote", "Note", "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby",
                         "Warichu", "Lbl", "Figure", "Formula", "Form"})
# A structure tree this large is damaged or no document's: its walk stops there.
MAX_STRUCTURE_ELEMENTS = 100_000
Element = TypeVar("Element")  # a structure element as an engine gives it


def heading_level(kind: str, sections: int) -> int | None:
    """The level of a structure element of this type within `sections` sections, None when no heading."""
    return max(1, sections) if kind == "H" else NUMBERED_HEADINGS.get(kind)


def heading_elements(roots: Iterable[Element], kind_of: Callable[[Element], str],
                     children_of: Callable[[Element], Iterable[Element]]) -> Iterator[tuple[int, Element]]:
    """Each heading element of a structure tree with its level, in document order: a depth-first walk that
    does not enter headings and gives up past `MAX_STRUCTURE_ELEMENTS` elements."""
    stack = [(root, 0) for root in reversed(list(roots))]
    seen = 0
    while stack and seen < MAX_STRUCTURE_ELEMENTS:
        element, sections = stack.pop()
        seen += 1
        kind = kind_of(element)
        level = heading_level(kind, sections)
        if level is not None:
            yield level, element
            continue
        if kind in NO_HEADINGS:
            continue
        inner = sections + (kind == SECTION)
        stack.extend((child, inner) for child in reversed(list(children_of(element))))


def held_headings(found: Iterable[tuple[int, set[int]]], chars: list[Char]) -> list[TaggedHeading]:
    """Headings given as (level, MCIDs of their marked content) with the page's characters in that content;
    those that hold none (marked content elsewhere, or no text) left out."""
    found = list(found)
    owner = {mcid: index for index, (_, mcids) in enumerate(found) for mcid in mcids}
    members: list[list[Char]] = [[] for _ in found]
    for char in chars:
        if char.mcid in owner:
            members[owner[char.mcid]].append(char)
    return [TaggedHeading(level, held) for (level, _), held in zip(found, members, strict=True) if held]


# pdfplumber ---------------------------------------------------------------------------------------------------

def plumber_info(path: Path, password: str | None) -> DocumentInfo:
    import pdfplumber

    with pdfplumber.open(path, password=password or "") as pdf:
        metadata = {k: v for k, v in (pdf.metadata or {}).items() if isinstance(v, str)}
        try:
            outline = clean_outline((level - 1, title) for level, title, *_ in pdf.doc.get_outlines())
        except Exception:  # no outline, or a damaged one: the outline is only a hint
            outline = ()
        return DocumentInfo(len(pdf.pages), metadata, outline)


def plumber_pages(path: Path, password: str | None, numbers: Sequence[int]) -> Iterator[PageContent]:
    """The given pages (1-based) through pdfplumber, each page's parsed objects released when done."""
    import pdfplumber

    with pdfplumber.open(path, password=password or "") as pdf:
        tagged = plumber_tagged(pdf)
        headings = plumber_headings(pdf) if tagged else {}
        for number in numbers:
            page = pdf.pages[number - 1]
            if tagged:
                lay_out_nested_sections(page)
            chars = [Char(c["text"], float(c["x0"]), float(c["x1"]), float(c["top"]), float(c["bottom"]),
                          printed_size(float(c["size"])), c["fontname"] or "", color_hex(c.get("non_stroking_color")),
                          bool(c.get("upright", True)), -1 if c.get("mcid") is None else c["mcid"])
                     for c in page.chars]
            shapes = [(o["x0"], o["top"], o["x1"], o["bottom"]) for o in [*page.curves, *page.rects]
                      if is_bullet_shape(o["x0"], o["top"], o["x1"], o["bottom"])]
            yield PageContent(number, float(page.width), float(page.height), chars, shapes,
                              held_headings(headings.get(number, ()), chars))
            page.close()


@cache
def nested_sections_device() -> type:
    """pdfplumber's layout device, keeping the stack of marked-content sections: pdfplumber's own forgets a
    heading's MCID inside a section nested in it (a span), so the characters there lose it. As in pdfium,
    an object takes the MCID of the outermost section that has one."""
    from pdfplumber.page import PDFPageAggregatorWithMarkedContent

    class NestedSections(PDFPageAggregatorWithMarkedContent):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self.sections: list[tuple[str | None, int | None]] = []

        def begin_tag(self, tag, props=None) -> None:
            outer = self.cur_mcid
            super().begin_tag(tag, props)
            self.cur_mcid = self.cur_mcid if outer is None else outer
            self.sections.append((self.cur_tag, self.cur_mcid))

        def end_tag(self) -> None:
            if self.sections:
                self.sections.pop()
            self.cur_tag, self.cur_mcid = self.sections[-1] if self.sections else (None, None)

    return NestedSections


def lay_out_nested_sections(page) -> None:
    """Parse a pdfplumber page's objects with `nested_sections_device` (as its `layout` does with its own)."""
    from pdfminer.pdfinterp import PDFPageInterpreter

    device = nested_sections_device()(page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams)
    PDFPageInterpreter(page.pdf.rsrcmgr, device).process_page(page.page_obj)
    page._layout = device.get_result()


def plumber_tagged(pdf) -> bool:
    """Whether the catalog marks the PDF as tagged and holds a structure tree (pdfium reads a tree only then)."""
    from pdfminer.pdftypes import resolve1

    catalog = pdf.doc.catalog
    mark_info = resolve1(catalog.get("MarkInfo"))
    return "StructTreeRoot" in catalog and isinstance(mark_info, dict) and bool(resolve1(mark_info.get("Marked")))


def literal_name(value: object) -> str:
    """The text of a PDF name as pdfminer gives it ('' for anything else)."""
    name = getattr(value, "name", None)
    return name.decode("latin-1") if isinstance(name, bytes) else name if isinstance(name, str) else ""


class PlumberStructure:
    """A tagged PDF's structure tree as pdfminer's objects, each element with the page it stands on (its /Pg,
    else its parent's). pdfplumber's own trees place marked content by the element's page alone: a heading
    that runs onto the next page takes that page's MCIDs as its first page's, and a page's tree leaves out
    the elements whose /Pg is another page (a section begun on an earlier page)."""

    def __init__(self, pdf) -> None:
        from pdfminer.pdftypes import resolve1

        self.resolve = resolve1
        root = resolve1(pdf.doc.catalog["StructTreeRoot"])
        role_map = resolve1(root.get("RoleMap"))
        self.role_map = role_map if isinstance(role_map, dict) else {}
        self.root = (root, None)

    @staticmethod
    def page_of(item: dict, inherited: int | None) -> int | None:
        page = item.get("Pg")
        return getattr(page, "objid", inherited)

    def kids(self, element: tuple[dict, int | None]) -> list[tuple[object, int | None]]:
        """An element's kids, each resolved, with the page it inherits."""
        item, page = element
        kids = self.resolve(item.get("K"))
        return [(self.resolve(kid), page) for kid in (kids if isinstance(kids, list) else [kids])]

    def kind(self, element: tuple[dict, int | None]) -> str:
        name = literal_name(element[0].get("S"))
        return literal_name(self.resolve(self.role_map.get(name))) or name

    def children(self, element: tuple[dict, int | None]) -> list[tuple[dict, int | None]]:
        """The structure elements among an element's kids."""
        return [(kid, self.page_of(kid, page)) for kid, page in self.kids(element)
                if isinstance(kid, dict) and "S" in kid]

    def marked_content(self, element: tuple[dict, int | None]) -> set[tuple[int | None, int]]:
        """The (page, MCID) of the marked content an element and the elements within it hold."""
        found: set[tuple[int | None, int]] = set()
        stack, seen = [element], 0
        while stack and seen < MAX_STRUCTURE_ELEMENTS:
            current = stack.pop()
            seen += 1
            for kid, page in self.kids(current):
                if isinstance(kid, int):
                    found.add((page, kid))
                elif isinstance(kid, dict) and "S" in kid:
                    stack.append((kid, self.page_of(kid, page)))
                elif isinstance(kid, dict) and isinstance(kid.get("MCID"), int):
                    found.add((self.page_of(kid, page), kid["MCID"]))
        return found


def plumber_headings(pdf) -> dict[int, list[tuple[int, set[int]]]]:
    """The heading elements of a tagged PDF's structure tree, each as its level and the MCIDs of its marked
    content, by page number; none where the tree cannot be read."""
    numbers = {page.page_obj.pageid: page.page_number for page in pdf.pages}
    by_page: dict[int, dict[int, tuple[int, set[int]]]] = {}
    try:
        structure = PlumberStructure(pdf)
        roots = structure.children(structure.root)
        for index, (level, element) in enumerate(heading_elements(roots, structure.kind, structure.children)):
            for page, mcid in structure.marked_content(element):
                if page in numbers:
                    by_page.setdefault(numbers[page], {}).setdefault(index, (level, set()))[1].add(mcid)
    except Exception:  # a damaged structure tree: tags are only a hint
        return {}
    return {number: list(elements.values()) for number, elements in by_page.items()}


# pdfium -------------------------------------------------------------------------------------------------------

def pdfium_document(path: Path, password: str | None):
    import pypdfium2 as pdfium

    return pdfium.PdfDocument(str(path), password=password or None)


def pdfium_info(path: Path, password: str | None) -> DocumentInfo:
    document = pdfium_document(path, password)
    try:
        metadata = {k: v for k, v in document.get_metadata_dict(skip_empty=True).items() if isinstance(v, str)}
        try:
            outline = clean_outline((item.level, item.get_title()) for item in document.get_toc())
        except Exception:  # a damaged outline: the outline is only a hint
            outline = ()
        return DocumentInfo(len(document), metadata, outline)
    finally:
        document.close()


class _FontNames:
    """Base font names by font handle (a page's text objects share a few fonts)."""

    def __init__(self) -> None:
        self.names: dict[int, str] = {}

    def name(self, raw, font) -> str:
        key = ctypes.cast(font, ctypes.c_void_p).value or 0
        if key not in self.names:
            length = raw.FPDFFont_GetBaseFontName(font, None, 0) if font else 0
            buffer = ctypes.create_string_buffer(max(length, 1))
            if length > 1:
                raw.FPDFFont_GetBaseFontName(font, buffer, length)
            self.names[key] = buffer.value.decode("utf-8", "replace")
        return self.names[key]


def _plain(function, restype, *argtypes):
    """A raw pdfium function with plain C types: an object handle comes back as an int, which is
    much cheaper to compare than a ctypes pointer."""
    return ctypes.CFUNCTYPE(restype, *argtypes)(ctypes.cast(function, ctypes.c_void_p).value)


# The pdfium functions the C character loop calls, in the order it expects them.
C_LOOP_FUNCTIONS = ("FPDFText_CountChars", "FPDFText_GetUnicode", "FPDFText_GetTextObject", "FPDFText_GetLooseCharBox",
                    "FPDFText_GetCharOrigin", "FPDFText_GetMatrix", "FPDFText_GetFillColor", "FPDFText_GetFontSize",
                    "FPDFTextObj_GetFont", "FPDFFont_GetBaseFontName", "FPDFFont_GetDescent",
                    "FPDFText_IsGenerated", "FPDFPageObj_GetMarkedContentID")


def word_space(previous: tuple, following: tuple, space_share: float) -> bool:
    """Whether a space pdfium generated between two characters of a row (`pdfium_rows`' fields) stands
    between two words: the characters share a baseline, one is a letter or digit, neither is a hyphen
    (`WORD_HYPHENS`) and the gap between them is at least `space_share` of the size
    (`LayoutRules.word_gap`, as for any two characters). pdfium writes its own spaces
    in place of a producer's space characters, and also in gaps it judges wide (pdfTeX writes no spaces);
    between two marks ("..." set with kerns) and in narrower gaps the gap alone decides, in the layout,
    as it does for pdfplumber."""
    size = previous[4][0]
    return (abs(following[3] - previous[3]) < size / 2 and following[1] - previous[2] >= space_share * size
            and (previous[0].isalnum() or following[0].isalnum()) and not {previous[0], following[0]} & WORD_HYPHENS)


def pdfium_rows(raw, text_page, height: float, fonts: _FontNames, space_share: float) -> list[tuple]:
    """The page's characters in stream order as `Char` fields; of pdfium's generated spaces and line breaks
    only the spaces between two words (`word_space`). `read_rows` in `pipeline/pdf/_native.c` is the same
    loop in C.

    A box runs from the character's origin to the next character's origin in the same text run
    (or to the end of its loose box): pdfminer's box is the advance width, while pdfium's loose
    box takes in an italic overhang on either side.
    """
    count = raw.FPDFText_CountChars(text_page)
    handle = ctypes.cast(text_page, ctypes.c_void_p).value
    void, integer = ctypes.c_void_p, ctypes.c_int
    text_object_of = _plain(raw.FPDFText_GetTextObject, void, void, integer)
    loose_box = _plain(raw.FPDFText_GetLooseCharBox, integer, void, integer, void)
    origin_of = _plain(raw.FPDFText_GetCharOrigin, integer, void, integer, void, void)
    unicode_of = _plain(raw.FPDFText_GetUnicode, ctypes.c_uint, void, integer)
    box, origin_x, origin_y = raw.FS_RECTF(), ctypes.c_double(), ctypes.c_double()
    box_at, x_at, y_at = ctypes.addressof(box), ctypes.addressof(origin_x), ctypes.addressof(origin_y)
    matrix = raw.FS_MATRIX()
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    font_descent = ctypes.c_float()
    descent = 0.0
    rows: list[tuple] = []
    current = None
    style: tuple[float, str, str, bool] = (0.0, "", "", True)
    mcid = -1
    spaced = False
    for index in range(count):
        text_object = text_object_of(handle, index)
        if raw.FPDFText_IsGenerated(text_page, index) == 1:
            spaced = spaced or unicode_of(handle, index) == 0x20
            continue
        if not text_object:
            continue
        if text_object != current:
            current = text_object
            raw.FPDFText_GetMatrix(text_page, index, matrix)
            upright = matrix.a * matrix.d > 0 and matrix.b * matrix.c <= 0  # as pdfminer: not rotated
            filled = raw.FPDFText_GetFillColor(text_page, index, r, g, b, a)
            color = f"#{r.value:02x}{g.value:02x}{b.value:02x}" if filled else ""
            text_object_handle = raw.FPDFText_GetTextObject(text_page, index)
            font_handle = raw.FPDFTextObj_GetFont(text_object_handle)
            font = fonts.name(raw, font_handle)
            scale = math.sqrt(matrix.c * matrix.c + matrix.d * matrix.d)  # vertical: CSS pixels (0.75), not Tz
            font_size = raw.FPDFText_GetFontSize(text_page, index)
            has_descent = raw.FPDFFont_GetDescent(font_handle, font_size, font_descent)
            descent = -font_descent.value * scale if has_descent else 0.0
            style = (printed_size(font_size * scale), font, color, upright)
            mcid = raw.FPDFPageObj_GetMarkedContentID(text_object_handle)
        loose_box(handle, index, box_at)
        origin_of(handle, index, x_at, y_at)
        code = unicode_of(handle, index)
        char = chr(code) if code <= 0x10FFFF else "\ufffd"
        char = "-" if char in PDFIUM_HYPHENS else char
        left = origin_x.value if style[3] else box.left
        # An upright character's box reaches the font's descent below the baseline, as pdfminer has it:
        # pdfium's loose box does too, except where it falls back to the glyph's tight box (a font that
        # gives no ascent and descent, a marked span's replacement text).
        bottom = height - origin_y.value + descent if style[3] else height - box.bottom
        row = (char, left, max(box.right, left), bottom, style, text_object, mcid)
        if spaced and rows and word_space(rows[-1], row, space_share):
            rows.append((" ", left, left, *rows[-1][3:]))
        spaced = False
        rows.append(row)
    chars = []
    for index, (char, left, right, bottom, (size, font, color, upright), text_object, mcid) in enumerate(rows):
        if index + 1 < len(rows):
            following = rows[index + 1]
            if following[5] == text_object and left < following[1] < right and following[3] == bottom:
                right = following[1]
        chars.append((char, left, right, bottom - size, bottom, size, font, color, upright, mcid))
    return chars


@cache
def c_loop_functions() -> tuple[int, ...]:
    """The addresses of the pdfium functions the C loop calls."""
    import pypdfium2.raw as raw

    return tuple(ctypes.cast(getattr(raw, name), ctypes.c_void_p).value for name in C_LOOP_FUNCTIONS)


def pdfium_chars(raw, text_page, height: float, fonts: _FontNames, space_share: float) -> list[Char]:
    """The page's characters, read by the C loop when it was built at install time, else in Python."""
    if _native is None:
        return list(starmap(Char, pdfium_rows(raw, text_page, height, fonts, space_share)))
    return _native.read_rows(ctypes.cast(text_page, ctypes.c_void_p).value, height, c_loop_functions(),
                             fonts.names, PDFIUM_HYPHENS, Char, space_share)


def pdfium_shapes(raw, page, height: float) -> list[Shape]:
    """Small, roughly square path objects of the page (top-level and inside forms)."""
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    shapes: list[Shape] = []

    def walk(count: int, get) -> None:
        for index in range(count):
            item = get(index)
            kind = raw.FPDFPageObj_GetType(item)
            if kind == raw.FPDF_PAGEOBJ_FORM:
                walk(raw.FPDFFormObj_CountObjects(item), lambda i, form=item: raw.FPDFFormObj_GetObject(form, i))
            elif kind == raw.FPDF_PAGEOBJ_PATH and raw.FPDFPageObj_GetBounds(item, left, bottom, right, top):
                shape = (left.value, height - top.value, right.value, height - bottom.value)
                if is_bullet_shape(*shape):
                    shapes.append(shape)

    walk(raw.FPDFPage_CountObjects(page), lambda i: raw.FPDFPage_GetObject(page, i))
    return shapes


class PdfiumStructure:
    """pdfium's structure-tree functions with plain C types (an element handle as an int, which is much cheaper
    to pass than a ctypes pointer) and one buffer for the elements' types."""

    def __init__(self, raw) -> None:
        void, integer, size = ctypes.c_void_p, ctypes.c_int, ctypes.c_ulong
        self.tree_count = _plain(raw.FPDF_StructTree_CountChildren, integer, void)
        self.tree_child = _plain(raw.FPDF_StructTree_GetChildAtIndex, void, void, integer)
        self.count = _plain(raw.FPDF_StructElement_CountChildren, integer, void)
        self.child = _plain(raw.FPDF_StructElement_GetChildAtIndex, void, void, integer)
        self.content_id = _plain(raw.FPDF_StructElement_GetChildMarkedContentID, integer, void, integer)
        self.type_of = _plain(raw.FPDF_StructElement_GetType, size, void, void, size)
        self.buffer = ctypes.create_string_buffer(64)

    def roots(self, tree: int) -> list[int]:
        return [root for index in range(self.tree_count(tree)) if (root := self.tree_child(tree, index))]

    def children(self, element: int) -> list[int]:
        """The structure elements among an element's kids (marked content and objects left out)."""
        return [kid for index in range(self.count(element)) if (kid := self.child(element, index))]

    def kind(self, element: int) -> str:
        """An element's structure type (as the tree's role map maps it), from pdfium's UTF-16 text."""
        buffer = self.buffer
        length = self.type_of(element, ctypes.addressof(buffer), len(buffer))
        if length > len(buffer):
            buffer = ctypes.create_string_buffer(length)
            self.type_of(element, ctypes.addressof(buffer), length)
        return buffer.raw[:max(0, length - 2)].decode("utf-16-le", "replace")

    def marked_content(self, element: int) -> set[int]:
        """The MCIDs of the marked content an element and the elements within it hold (on its page)."""
        mcids: set[int] = set()
        stack, seen = [element], 0
        while stack and seen < MAX_STRUCTURE_ELEMENTS:
            current = stack.pop()
            seen += 1
            for index in range(self.count(current)):
                if kid := self.child(current, index):
                    stack.append(kid)
                elif (mcid := self.content_id(current, index)) >= 0:
                    mcids.add(mcid)
        return mcids


@cache
def pdfium_structure() -> PdfiumStructure:
    import pypdfium2.raw as raw

    return PdfiumStructure(raw)


def pdfium_headings(raw, page, chars: list[Char]) -> list[TaggedHeading]:
    """The headings of a page's structure tree with the characters of their marked content; none where the page
    has no structure tree (pdfium reads one only in a PDF its catalog marks as tagged)."""
    tree = raw.FPDF_StructTree_GetForPage(page)
    if not tree:
        return []
    structure = pdfium_structure()
    try:
        roots = structure.roots(ctypes.cast(tree, ctypes.c_void_p).value)
        found = [(level, structure.marked_content(element))
                 for level, element in heading_elements(roots, structure.kind, structure.children)]
    except Exception:  # a damaged structure tree: tags are only a hint
        return []
    finally:
        raw.FPDF_StructTree_Close(tree)
    return held_headings(found, chars)


def pdfium_pages(path: Path, password: str | None, numbers: Sequence[int]) -> Iterator[PageContent]:
    """The given pages (1-based) through pdfium."""
    import pypdfium2.raw as raw

    document = pdfium_document(path, password)
    fonts = _FontNames()
    space_share = load_rules().layout.word_gap
    try:
        for number in numbers:
            page = document[number - 1]
            text_page = page.get_textpage()
            width, height = page.get_size()
            try:
                chars = pdfium_chars(raw, text_page.raw, height, fonts, space_share)
                shapes = pdfium_shapes(raw, page.raw, height)
                headings = pdfium_headings(raw, page.raw, chars)
            finally:
                text_page.close()
                page.close()
            fonts.names.clear()
            yield PageContent(number, width, height, chars, shapes, headings)
    finally:
        document.close()


def document_info(engine: str, path: Path, password: str | None) -> DocumentInfo:
    """Page count and metadata through the given engine."""
    return pdfium_info(path, password) if engine == "pdfium" else plumber_info(path, password)


def all_pages(engine: str, path: Path, password: str | None = None) -> list[PageContent]:
    """Every page of a PDF through the given engine."""
    pages = document_info(engine, path, password).pages
    return list(page_contents(engine, path, password, range(1, pages + 1)))


def page_contents(engine: str, path: Path, password: str | None, numbers: Sequence[int]) -> Iterator[PageContent]:
    """The given pages (1-based) through the given engine."""
    reader = pdfium_pages if engine == "pdfium" else plumber_pages
    return reader(path, password, numbers)
