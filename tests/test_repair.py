"""Text repair: line-break hyphens, broken words and the casing of capitalised headings."""
from __future__ import annotations

from collections import Counter

import pytest

from pipeline.layout import Block, Line, Word
from pipeline.rules import load_rules
from pipeline.text.casing import casing_table, restore_case
from pipeline.text.repair import Vocabulary, dutch_lexicon, join_hyphenated, join_lines

SPACE_GAP = load_rules().layout.space_gap


def vocab(**document_counts: int) -> Vocabulary:
    counts = Counter({k.replace("_", "-"): v for k, v in document_counts.items()})
    return Vocabulary(lexicon=dutch_lexicon(), counts=counts, rules=load_rules().text)


@pytest.mark.parametrize(("left", "right", "expected"), [
    ("Werkbaarheids-", "monitor", "Werkbaarheidsmonitor"),
    ("klimaat-", "neutrale", "klimaatneutrale"),
    ("sociaal-", "economische", "sociaal-economische"),
    ("re-", "integratie", "re-integratie"),
    ("EU-", "agenda", "EU-agenda"),
    ("2024-", "2029", "2024-2029"),
    ("Klimaat-", "en", "Klimaat- en"),
    ("ADVIES-", "FUNCTIE", "ADVIESFUNCTIE"),
    # syllable breaks of hyphenation programs (TeX, LibreOffice) inside compounds the lexicon lacks
    ("dienst-", "verleningsstrategie", "dienstverleningsstrategie"),
    ("sec-", "torconvenanten", "sectorconvenanten"),
    ("toe-", "komstverkenningen", "toekomstverkenningen"),
    ("over-", "legopdracht", "overlegopdracht"),
    ("beleidsre-", "acties", "beleidsreacties"),
    # a diaeresis marks a syllable break inside a word, never the start of a compound's part
    ("ge-", "ïnteresseerde", "geïnteresseerde"),
    # real hyphens: an acronym before a word, two vowels meeting at a compound's parts
    ("COORMULTI-", "vergaderingen", "COORMULTI-vergaderingen"),
    ("economie-", "ondernemingen", "economie-ondernemingen"),
    # a heading in capitals: a piece without a vowel is an abbreviation, never the rest of a word
    ("BELASTING-", "WBM", "BELASTING-WBM"),
    ("MODE-", "WBM", "MODE-WBM"),
])
def test_line_break_hyphens(left, right, expected):
    assert join_hyphenated(left, right, vocab()) == expected


def test_document_usage_decides_a_real_compound():
    """`onderwijs-arbeidsmarkt` stays hyphenated when the document writes it so within a line."""
    assert join_hyphenated("onderwijs-", "arbeidsmarkt", vocab(onderwijs_arbeidsmarkt=1)) == "onderwijs-arbeidsmarkt"
    assert join_hyphenated("arbeidsmarkt-", "beleid", vocab(arbeidsmarktbeleid=2)) == "arbeidsmarktbeleid"


def test_a_word_broken_over_three_lines_is_whole_when_its_first_break_is_decided():
    """A narrow heading in capitals breaks a compound at its hyphen and its second part at a syllable: the
    document's "sociaal-economische" decides the first break only once "ECONOMI-" and "SCHE" are joined."""
    lines = ["SOCIAAL-", "ECONOMI-", "SCHE OVERLEG-", "ORGANEN"]
    assert join_lines(lines, vocab(sociaal_economische=1)) == "SOCIAAL-ECONOMISCHE OVERLEGORGANEN"


@pytest.mark.parametrize(("broken", "repaired"), [
    ("gericht op k ennisuitbreiding dieper", "gericht op kennisuitbreiding dieper"),
    ("onderzoeken samenbrenge n. Op basis", "onderzoeken samenbrengen. Op basis"),
    ("fysiek belastende arbeidsomsta ndigheden", "fysiek belastende arbeidsomstandigheden"),
    ("de sociale partners en de raad", "de sociale partners en de raad"),
])
def test_spaces_inside_words(broken, repaired):
    assert join_lines([broken], vocab()) == repaired


def test_join_lines_keeps_quotes_and_dashes():
    text = join_lines(["Het rapport ‘Wonen in Vlaanderen –", "Uitdagingen’ verschijnt in het voor-", "jaar."], vocab())
    assert text == "Het rapport ‘Wonen in Vlaanderen – Uitdagingen’ verschijnt in het voorjaar."


def test_soft_hyphens_inside_words_are_invisible():
    """A soft hyphen a browser keeps where it splits a ligature ("ef\u00adfecten") is no break; one at a
    line's end still is."""
    assert join_lines(["hoe mattheus-", "ef\u00adfecten en grondstof\u00adfen aangepakt"], vocab()) == (
        "hoe mattheuseffecten en grondstoffen aangepakt")
    assert join_lines(["de werkbaarheids\u00ad", "monitor"], vocab()) == "de werkbaarheidsmonitor"


def test_restore_case_uses_the_documents_spelling():
    casing = {"serv": "SERV", "jong": "Jong", "commissie": "commissie", "diversiteit": "diversiteit"}
    assert restore_case("JONG SERV", casing) == "Jong SERV"
    assert restore_case("COMMISSIE DIVERSITEIT", casing) == "Commissie diversiteit"
    assert restore_case("Al in gewone spelling", casing) == "Al in gewone spelling"


def word(text: str) -> Word:
    return Word(text=text, x0=0.0, x1=10.0, top=0.0, bottom=10.0, size=10.0, bold=False, italic=False, color="",
                font="Helvetica")


def casing_of(*texts: str) -> dict[str, str]:
    """The casing table of blocks of one line each."""
    return casing_table([Block(lines=[Line(page=1, words=[word(w) for w in text.split()], space_gap=SPACE_GAP)],
                               body_size=10.0, text=text) for text in texts])


def test_restore_case_takes_a_name_the_text_spells_in_capitals():
    casing = casing_of("De Commissie Diversiteit formuleert adviezen over diversiteit.",
                       "Binnen de Commissie Diversiteit werken de partners samen rond diversiteit.")
    assert restore_case("COMMISSIE DIVERSITEIT", casing) == "Commissie Diversiteit"
    assert restore_case("DIVERSITEIT EN INCLUSIE", casing) == "Diversiteit en inclusie"
    assert restore_case("1. DIVERSITEIT EN INCLUSIE", casing) == "1. Diversiteit en inclusie"
    assert restore_case("15 JAAR DIVERSITEIT", casing) == "15 jaar diversiteit"


def test_restore_case_takes_no_name_the_text_writes_in_lower_case_more_often():
    """"Levenslang Leren" is part of a name once, and "levenslang leren" twice in lower case: a heading in
    capitals takes the lower case."""
    casing = casing_of("Het Partnerschap Levenslang Leren lanceerde een actieplan.",
                       "De visie op levenslang leren en het beleid voor levenslang leren worden bekeken.")
    assert restore_case("LEVENSLANG LEREN", casing) == "Levenslang leren"
    assert restore_case("PARTNERSCHAP LEVENSLANG LEREN", casing) == "Partnerschap Levenslang Leren"
