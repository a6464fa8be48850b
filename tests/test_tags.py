"""A tagged PDF's headings (H1 to H6 of its structure tree) as evidence beside typography, from both engines.

The PDFs are printed by Debian's headless Chromium, which tags what it prints (`tests/producers/browser.py`),
here without bookmarks so that the tags speak alone; the tests are skipped where Chromium is missing.
"""
from __future__ import annotations

import ctypes
from html import escape
from pathlib import Path

import pypdfium2.raw as raw
import pytest
from pdfmaker import SAMPLE
from producers import program
from producers.browser import print_pdf
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, NameObject, NumberObject
from test_engines import SPACE_SHARE, needs_c_loops
from test_structure import headings

from pipeline.layout.words import tagged_title
from pipeline.pdf import sources
from pipeline.rules import load_rules
from pipeline.run.extract import extract
from pipeline.utils.files import canonical_json

pytestmark = pytest.mark.skipif(program("chromium", "chromium-browser") is None,
                                reason="Chromium is not installed: apt-get install chromium")

# The sample's headings and text (lists left out): which HTML element each kind of heading is printed as.
KINDS = ("front", "part", "theme", "dossier", "sub", "text")
LEVELS = {"front": "h1", "part": "h1", "theme": "h2", "dossier": "h3", "sub": "h4", "text": "p"}
ALL_PARAGRAPHS = dict.fromkeys(KINDS, "p")
ALL_FIRST_LEVEL = LEVELS | {"theme": "h1", "dossier": "h1", "sub": "h1"}
BODY = "p { font: 10.5pt/1.4 'DejaVu Serif', serif; margin: 0 0 0.6em; }"
# Themes and dossiers in one look: typography alone cannot tell them apart.
ONE_LOOK = BODY + """
.front, .part { font: bold 20pt 'DejaVu Sans', sans-serif; margin: 1em 0 0.6em; }
.theme, .dossier { font: bold 13pt 'DejaVu Sans', sans-serif; margin: 1.2em 0 0.4em; }
.sub { font: italic 10.5pt 'DejaVu Serif', serif; margin: 0.8em 0 0.2em; }"""
# Each level in a look of its own.
OWN_LOOKS = ONE_LOOK + """
.theme { font-size: 16pt; }"""
EXPECTED = [
    ("Arbeid en opleiding", ["Loopbaanbegeleiding voor iedereen", "Werking van de regionale arbeidsmarktcomités"]),
    ("Energie en klimaat", ["Digitale soevereiniteit en klimaatneutrale economie", "Netinvesteringen en tarieven"]),
    ("Commissie Sociale Economie", ["Doorstroom naar de reguliere arbeidsmarkt", "Evaluatie van het maatwerkdecreet"]),
]


def heading_text(value: str | list[str]) -> str:
    """A heading given as lines in one line (a line ending in a hyphen runs on)."""
    lines = [value] if isinstance(value, str) else value
    return "".join(line[:-1] if line.endswith("-") else line + " " for line in lines).strip()


def html(elements: list[tuple], tags: dict[str, str], css: str) -> str:
    """The elements' headings and text as HTML, each kind of element printed as `tags` says and styled by its
    kind's class."""
    body = []
    for kind, *args in elements:
        if kind not in tags:
            continue
        text = f"DEEL {args[0]} {args[1]}" if kind == "part" else heading_text(args[0])
        body.append(f'<{tags[kind]} class="{kind}">{escape(text)}</{tags[kind]}>')
    return (f'<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Werkprogramma 2030</title>'
            f"<style>@page {{ size: A4; margin: 2cm; }} h1, h2, h3, h4 {{ font-weight: normal; }} {css}</style>"
            f"</head><body>{''.join(body)}</body></html>")


def printed(folder: Path, name: str, tags: dict[str, str], css: str) -> Path:
    """The sample printed by Chromium, its elements as `tags` says, with no bookmarks."""
    source = folder / f"{name}.html"
    source.write_text(html(SAMPLE, tags, css), encoding="utf-8")
    return print_pdf(source, folder / f"werkprogramma-2030-{name}.pdf", folder / "profile", outline=False)


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("tagged")
    return {"tagged": printed(folder, "tagged", LEVELS, ONE_LOOK),
            "untagged": printed(folder, "untagged", ALL_PARAGRAPHS, ONE_LOOK),
            "paragraphs": printed(folder, "paragraphs", ALL_PARAGRAPHS, OWN_LOOKS),
            "first-level": printed(folder, "first-level", ALL_FIRST_LEVEL, OWN_LOOKS)}


def test_the_tags_tell_apart_what_typography_cannot(pdfs):
    tagged = extract(pdfs["tagged"], nlp=False)
    assert tagged.signals == ["typography", "tags"]
    assert headings(tagged) == EXPECTED
    untagged = extract(pdfs["untagged"], nlp=False)
    assert untagged.signals == ["typography"]
    assert headings(untagged) != EXPECTED


@pytest.mark.parametrize("name", ["paragraphs", "first-level"])
def test_tags_that_tell_no_levels_leave_typography_in_charge(pdfs, name):
    """Tags that are all paragraphs, or all first-level headings, tell nothing: typography reads the levels."""
    programme = extract(pdfs[name], nlp=False)
    assert programme.signals == ["typography"]
    assert headings(programme) == EXPECTED


def test_both_engines_read_the_same_tags(pdfs):
    path = pdfs["tagged"]
    titles = {engine: [(entry.level, entry.title.casefold()) for page in sources.all_pages(engine, path)
                       for entry in page_titles(page)] for engine in sources.ENGINES}
    assert titles["pdfium"] == titles["pdfplumber"]
    assert (1, "deel 1 overleg en advies") in titles["pdfium"] and (3, "evaluatie van het maatwerkdecreet") in titles[
        "pdfium"]
    programmes = [extract(path, nlp=False, engine=engine).model_copy(update={"engine": None})
                  for engine in sources.ENGINES]
    assert canonical_json(programmes[0]) == canonical_json(programmes[1])


def test_both_engines_read_a_heading_after_a_page_without_one(tmp_path):
    """A heading in small capitals (each small capital in a span of its own, nested in the heading's marked
    content) on a page after a page without headings: both engines read its whole title."""
    source = tmp_path / "small-caps.html"
    source.write_text(
        '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><style>h2 { font-variant: small-caps; }'
        " .next { break-before: page; }</style></head><body><h2>Eerste thema</h2><p>Tekst.</p>"
        '<p class="next">Een bladzijde zonder kop.</p><h2 class="next">Tweede thema</h2><p>Tekst.</p></body></html>',
        encoding="utf-8")
    path = print_pdf(source, tmp_path / "small-caps.pdf", tmp_path / "profile", outline=False)
    for engine in sources.ENGINES:
        titles = [(page.number, entry.title.casefold()) for page in sources.all_pages(engine, path)
                  for entry in page_titles(page)]
        assert titles == [(1, "e erste thema"), (3, "t weede thema")], engine


def page_titles(page: sources.PageContent) -> list[sources.OutlineEntry]:
    """The level and title of each tagged heading of a page."""
    rules = load_rules().layout
    return [sources.OutlineEntry(tag.level, tagged_title(tag.chars, rules)) for tag in page.tagged_headings]


@needs_c_loops
def test_c_character_loop_reads_the_marked_content_the_python_loop_reads(pdfs):
    document = sources.pdfium_document(pdfs["tagged"], None)
    try:
        page = document[1]
        text_page = page.get_textpage()
        height = page.get_size()[1]
        python = sources.pdfium_rows(raw, text_page.raw, height, sources._FontNames(), SPACE_SHARE)
        c = sources._native.read_rows(ctypes.cast(text_page.raw, ctypes.c_void_p).value, height,
                                      sources.c_loop_functions(), {}, sources.PDFIUM_HYPHENS, sources.Char, SPACE_SHARE)
        assert [tuple(char) for char in c] == python
        assert len({char.mcid for char in c}) > 3
        text_page.close()
        page.close()
    finally:
        document.close()


@pytest.mark.parametrize("engine", sources.ENGINES)
def test_a_damaged_structure_tree_is_no_hint(pdfs, engine, tmp_path):
    """A structure tree whose kids and parent tree are numbers, not elements: read as no tags, no failure."""
    writer = PdfWriter(clone_from=PdfReader(pdfs["tagged"]))
    writer._root_object[NameObject("/StructTreeRoot")] = DictionaryObject({
        NameObject("/Type"): NameObject("/StructTreeRoot"), NameObject("/K"): NumberObject(7),
        NameObject("/ParentTree"): NumberObject(3)})
    damaged = tmp_path / "werkprogramma-2030-damaged.pdf"
    writer.write(damaged)
    programme = extract(damaged, nlp=False, engine=engine)
    assert programme.signals == ["typography"]
    assert [part.title for part in programme.parts] == ["Overleg en advies", "Autonome commissies"]
