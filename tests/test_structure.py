"""The structure stage on small programmes typeset in three house styles."""
from __future__ import annotations

from dataclasses import replace

import pytest
from pdfmaker import FILLER, ONE_COLUMN_SERIF, SAMPLE, THREE_COLUMN, TWO_COLUMN, Look, render

from pipeline.layout.records import Block, Line, Word
from pipeline.rules import load_rules
from pipeline.run.extract import extract
from pipeline.structure.typography import is_heading_like

# Dossiers told from body text by colour alone, sub-headings in bold: weight does not rank levels.
COLOUR_DOSSIERS = replace(
    TWO_COLUMN, theme=Look(size=1.35, italic=True, accent=True, caps=True), dossier=Look(accent=True),
    sub=Look(bold=True), listing=Look(bold=True), mark="⁎", mark_place="raised-space", bullet="✓", bullet_space=0.0,
    list_box="tint", theme_start="banner")
# Themes told from dossiers by capitals alone; loose, justified, hyphenated text; dashes with a plain space.
CAPS_THEMES = replace(
    ONE_COLUMN_SERIF, family="dejavu-serif-condensed", theme=Look(bold=True, caps=True), dossier=Look(bold=True),
    sub=Look(italic=True), listing=Look(bold=True), bullet="–", bullet_space=0.25, hanging=False, mark="∗",
    mark_place="raised", mark_rise=0.6, part_opener="flow", part_label="Deel {roman}", header="part",
    footer="n / N", leading=1.5, justify=True, hyphenate=True)
# Landscape, unequal columns, a condensed face, bullets set against the text, parts on coloured pages.
LANDSCAPE = replace(
    THREE_COLUMN, landscape=True, widths=(1.2, 0.9, 1.0), family="helvetica-narrow", bullet="•", bullet_space=0.0,
    part_opener="colour-page", part_title_inline=True, part_label="DEEL {n} –")

# Lists in a narrow column beside one column of text, read where they stand.
SIDE_LISTS = replace(ONE_COLUMN_SERIF, list_box="side", widths=(1.0,), bullet="▪", theme_start="page")

STYLES = {"two-column sans": TWO_COLUMN, "one-column serif": ONE_COLUMN_SERIF, "three-column": THREE_COLUMN,
          "colour-only dossiers": COLOUR_DOSSIERS, "capitals-only themes": CAPS_THEMES,
          "landscape unequal columns": LANDSCAPE, "lists in a side column": SIDE_LISTS}


@pytest.fixture(scope="module", params=list(STYLES))
def programme(request, tmp_path_factory):
    path = tmp_path_factory.mktemp("styles") / "werkprogramma-2030.pdf"
    return extract(render(path, SAMPLE, STYLES[request.param]))


def test_parts_themes_and_dossiers(programme):
    assert [(p.number, p.title) for p in programme.parts] == [(1, "Overleg en advies"), (2, "Autonome commissies")]
    themes = [t.title.lower() for p in programme.parts for t in p.themes]
    assert themes == ["arbeid en opleiding", "energie en klimaat", "commissie sociale economie"]
    dossiers = [d.title for p in programme.parts for t in p.themes for d in t.dossiers]
    assert dossiers == [
        "Loopbaanbegeleiding voor iedereen",
        "Werking van de regionale arbeidsmarktcomités",  # a heading split over two lines
        "Digitale soevereiniteit en klimaatneutrale economie",  # a hyphenated title
        "Netinvesteringen en tarieven",
        "Doorstroom naar de reguliere arbeidsmarkt",
        "Evaluatie van het maatwerkdecreet",
    ]


def test_spearheads_numbers_and_subs(programme):
    dossiers = {d.title: d for p in programme.parts for t in p.themes for d in t.dossiers}
    assert [t for t, d in dossiers.items() if d.spearhead] == [
        "Loopbaanbegeleiding voor iedereen", "Digitale soevereiniteit en klimaatneutrale economie",
        "Doorstroom naar de reguliere arbeidsmarkt"]
    assert dossiers["Netinvesteringen en tarieven"].number == 1
    assert dossiers["Werking van de regionale arbeidsmarktcomités"].subs == ["Eerste stappen"]
    assert "sterke voorstellen" in dossiers["Evaluatie van het maatwerkdecreet"].text


def test_advisory_requests_and_mixed_lists(programme, request):
    themes = {t.title.lower(): t for p in programme.parts for t in p.themes}
    work = themes["arbeid en opleiding"]
    assert [r.text for r in work.advisory_requests] == [
        "BVR opleidingsverlof voor werkenden", "Decreet loopbaanbegeleiding (eerste helft 2030)"]
    # A headed list after the theme's last dossier is the theme's own: it only follows that dossier.
    assert [(r.dossier, r.follows) for r in work.advisory_requests] == [(None, work.dossiers[1].id)] * 2
    energy = themes["energie en klimaat"]
    assert [r.text for r in energy.advisory_requests] == ["Adviesvraag warmteplan: uitwerking van de premies."]
    assert [o.text for o in energy.other_items] == ["Opvolgen van de Europese ontwikkelingen."]
    social = themes["commissie sociale economie"]
    assert [r.text for r in social.advisory_requests] == [
        "BVR maatwerk bij collectieve inschakeling. Deze besluiten beogen:", "BVR lokale diensten (voorjaar 2030)."]
    assert social.advisory_requests[0].subitems == ["een kader voor de erkenning,", "een update van het subsidiekader."]
    # A list between two dossiers stands in the text of the one before it, unless its heading looks like
    # a dossier's: then it is the theme's own and only follows that dossier.
    style = STYLES[request.node.callspec.params["programme"]]
    before = social.dossiers[0].id
    expected = (None, before) if style.listing == style.dossier else (before, None)
    assert {(r.dossier, r.follows) for r in social.advisory_requests} == {expected}


def test_a_lead_in_keeps_the_last_dossiers_list_in_its_text(tmp_path):
    elements = [("part", 1, "Overleg en advies"), ("theme", "Arbeid en opleiding"), ("text", FILLER),
                ("dossier", "Loopbaanbegeleiding voor iedereen"), ("text", FILLER * 2),
                ("dossier", "Opleidingsverlof voor werkenden"), ("text", FILLER * 2),
                ("text", "De SERV verwacht de volgende adviesvragen:"),
                ("item", "BVR opleidingsverlof voor werkenden"), ("item", "Decreet over de opleidingsrekening")]
    theme = extract(render(tmp_path / "lead-in.pdf", elements), nlp=False).parts[0].themes[0]
    assert [(r.text, r.dossier, r.follows) for r in theme.advisory_requests] == [
        ("BVR opleidingsverlof voor werkenden", theme.dossiers[1].id, None),
        ("Decreet over de opleidingsrekening", theme.dossiers[1].id, None)]


def test_front_matter_edition_and_ids(programme):
    assert [f.title for f in programme.front_matter] == ["Samenvatting"]
    assert programme.edition.year == 2030
    ids = [d.id for p in programme.parts for t in p.themes for d in t.dossiers]
    assert len(ids) == len(set(ids))
    assert ids[0] == "deel-1/arbeid-en-opleiding/loopbaanbegeleiding-voor-iedereen"


@pytest.mark.parametrize("mark", ["(*)", " (*)", "∗"])
def test_a_spearhead_mark_in_brackets_or_alone_on_the_next_line(mark, tmp_path):
    """Word processors write "(*)"; a mark may also wrap onto a line of its own under the title."""
    elements = [element if element[:2] != ("dossier", "Evaluatie van het maatwerkdecreet")
                else ("dossier", ["Evaluatie van het maatwerkdecreet", mark.strip()]) for element in SAMPLE]
    elements = [("dossier", element[1][:-1] + mark) if element[0] == "dossier" and isinstance(element[1], str)
                and element[1].endswith("*") else element for element in elements]
    programme = extract(render(tmp_path / "marks.pdf", elements, replace(TWO_COLUMN, mark_place="inline")), nlp=False)
    dossiers = {d.title: d.spearhead for p in programme.parts for t in p.themes for d in t.dossiers}
    assert dossiers == {"Loopbaanbegeleiding voor iedereen": True,
                        "Werking van de regionale arbeidsmarktcomités": False,
                        "Digitale soevereiniteit en klimaatneutrale economie": True,
                        "Netinvesteringen en tarieven": False, "Doorstroom naar de reguliere arbeidsmarkt": True,
                        "Evaluatie van het maatwerkdecreet": True}


def with_outline(pdf, entries, target):
    """The PDF with an outline of (depth, title) entries, each pointing at the first page."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(pdf))
    parents = {}
    for depth, title in entries:
        parents[depth] = writer.add_outline_item(title=title, page_number=0, parent=parents.get(depth - 1))
    writer.write(target)
    return target


def sample_outline(elements) -> list[tuple[int, str]]:
    """The outline an office suite writes from heading styles: parts, themes and dossiers."""
    depth = {"part": 0, "theme": 1, "dossier": 2}
    entries = []
    for kind, *args in elements:
        if kind == "part":
            entries.append((0, f"DEEL {args[0]} {args[1]}"))
        elif kind in depth:
            title = args[0] if isinstance(args[0], str) else " ".join(args[0])
            entries.append((depth[kind], title.replace("- ", "")))
    return entries


# Themes and dossiers in one look: typography alone cannot tell them apart.
ONE_LOOK = replace(TWO_COLUMN, theme=Look(size=1.1, bold=True), dossier=Look(size=1.1, bold=True),
                   theme_start="flow")


def headings(programme) -> list[tuple[str, list[str]]]:
    """Each theme's title with its dossiers' titles."""
    return [(t.title, [d.title for d in t.dossiers]) for p in programme.parts for t in p.themes]


def test_the_outline_tells_apart_what_typography_cannot(tmp_path):
    plain = render(tmp_path / "plain.pdf", SAMPLE, ONE_LOOK)
    outlined = extract(with_outline(plain, sample_outline(SAMPLE), tmp_path / "outlined.pdf"), nlp=False)
    assert outlined.signals == ["typography", "outline"]
    assert headings(outlined) == [
        ("Arbeid en opleiding", ["Loopbaanbegeleiding voor iedereen", "Werking van de regionale arbeidsmarktcomités"]),
        ("Energie en klimaat", ["Digitale soevereiniteit en klimaatneutrale economie", "Netinvesteringen en tarieven"]),
        ("Commissie Sociale Economie",
         ["Doorstroom naar de reguliere arbeidsmarkt", "Evaluatie van het maatwerkdecreet"]),
    ]
    assert headings(extract(plain, nlp=False)) != headings(outlined)


def test_a_wrong_or_partial_outline_leaves_typography_in_charge(tmp_path):
    plain = render(tmp_path / "plain.pdf", SAMPLE, TWO_COLUMN)
    expected = headings(extract(plain, nlp=False))
    wrong = [(0, "DEEL 1 Een ander document"), (1, "Mobiliteit"), (2, "Fietsbeleid"), (2, "Openbaar vervoer")]
    wrongly = extract(with_outline(plain, wrong, tmp_path / "wrong.pdf"), nlp=False)
    assert wrongly.signals == ["typography"]
    assert headings(wrongly) == expected
    partial = [entry for entry in sample_outline(SAMPLE) if entry[0] < 2]
    partly = extract(with_outline(plain, partial, tmp_path / "partial.pdf"), nlp=False)
    assert partly.signals == ["typography", "outline"]
    assert str(headings(partly)).casefold() == str(expected).casefold()  # the outline's spelling of a title in capitals


def test_an_outline_in_capitals_leaves_the_spelling_to_the_text(tmp_path):
    """A producer that sets its headings in capitals may write its outline in capitals too: the titles then
    take the text's own spelling, as they do without an outline."""
    capitals = replace(TWO_COLUMN, dossier=replace(TWO_COLUMN.dossier, caps=True))
    plain = render(tmp_path / "plain.pdf", SAMPLE, capitals)
    upper = [(depth, title.upper()) for depth, title in sample_outline(SAMPLE)]
    outlined = extract(with_outline(plain, upper, tmp_path / "outlined.pdf"), nlp=False)
    assert outlined.signals == ["typography", "outline"]
    assert headings(outlined) == headings(extract(plain, nlp=False))
    assert headings(outlined)[0][1] == ["Loopbaanbegeleiding voor iedereen",
                                        "Werking van de regionale arbeidsmarktcomités"]


def test_a_list_caption_set_like_the_text_heads_the_requests(tmp_path):
    """A table's caption "Adviesvragen" is set like the body text: a short line alone still opens the list."""
    plain_caption = replace(TWO_COLUMN, listing=Look())
    programme = extract(render(tmp_path / "caption.pdf", SAMPLE, plain_caption), nlp=False)
    requests = [r.text for r in programme.parts[0].themes[0].advisory_requests]
    assert requests == ["BVR opleidingsverlof voor werkenden", "Decreet loopbaanbegeleiding (eerste helft 2030)"]


def test_a_list_heading_in_small_coloured_capitals_heads_the_requests(tmp_path):
    """List headings set smaller than the text, in coloured capitals (a tinted box's caption): set apart from
    the text, long ones still open their lists ("Standpunten bij te verwachten adviesvragen")."""
    small_caps_lists = replace(TWO_COLUMN, listing=Look(size=0.85, accent=True, caps=True))
    programme = extract(render(tmp_path / "small.pdf", SAMPLE, small_caps_lists), nlp=False)
    lists = {r.list.casefold() for p in programme.parts for t in p.themes for r in t.advisory_requests}
    assert lists == {"adviesvragen", "andere initiatieven, adviezen en adviesvragen",
                     "standpunten bij te verwachten adviesvragen"}
    requests = [r.text for r in programme.parts[1].themes[0].advisory_requests]
    assert requests == ["BVR maatwerk bij collectieve inschakeling. Deze besluiten beogen:",
                        "BVR lokale diensten (voorjaar 2030)."]


def test_a_first_item_pushed_right_leaves_the_list_indent_to_the_others():
    """A list's indent is the least of its items': a first item set further right (a table's first row beside
    a run-in heading) does not make the next items' sub-items items of their own."""
    from pipeline.layout import Block, Line, Word
    from pipeline.programme import Theme
    from pipeline.rules import load_rules
    from pipeline.structure.builder import Builder, ListContext

    def item(x: float, text: str, marker: str) -> Block:
        word = Word(text=text, x0=x, x1=x + 100, top=0, bottom=10, size=10, bold=False, italic=False,
                    color="#000000", font="Serif")
        line = Line(page=1, words=[word], marker=marker, marker_x0=x - 10, column_x0=50, space_gap=0.12)
        return Block(lines=[line], body_size=10, text=text, pages=[1])

    builder = Builder(rules=load_rules().structure, levels=None, recase=str)
    builder.theme = Theme(id="t", title="Thema", pages=[1], intro="")
    builder.listing = ListContext(heading="Adviesvragen", mixed=False, indent=-1.0, dossier=None, follows=None,
                                  headed=True)
    for block in (item(400, "BVR eerste", "number"), item(80, "BVR tweede", "number"),
                  item(95, "een kader", "bullet"), item(80, "BVR derde", "number")):
        builder.add_item(block)
    requests = builder.theme.advisory_requests
    assert [r.text for r in requests] == ["BVR eerste", "BVR tweede", "BVR derde"]
    assert requests[1].subitems == ["een kader"]


def test_a_side_head_of_a_word_a_line_is_heading_like():
    """A long title hung in a narrow margin in letter-spaced capitals sets a word a line, a hyphenated word
    over two: ten lines of few words are still a heading."""
    title = "VERSNELLINGSPLAN RE- INTEGRATIE VAN PERSONEN MET GEZONDHEIDSUITDAGINGEN IN HET VLAANDEREN*"
    lines = [Line(page=1, words=[Word(word, 80.0, 80.0 + 7 * len(word), 100.0 + 12 * row, 110.0 + 12 * row, 10.0,
                                      True, False, "#aa0000", "DejaVuSerif-Bold")], space_gap=0.1)
             for row, word in enumerate(title.split())]
    block = Block(lines=lines, body_size=9.5, text=title.replace("RE- ", "RE-"))
    assert len(block.lines) == 10
    assert is_heading_like(block, load_rules().structure, body_color="#000000")
