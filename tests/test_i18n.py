"""The interface catalogues, numbers and dates per language, and progress on and off a terminal."""
from __future__ import annotations

import io
import string

from pipeline.render.i18n import LANGUAGES, catalogue
from pipeline.run.progress import Progress


def keys(entry: object, prefix: str = "") -> dict[str, set[str]]:
    """Every string's dotted key and its {placeholders}."""
    if isinstance(entry, dict):
        return {k: v for name, value in entry.items() for k, v in keys(value, f"{prefix}{name}.").items()}
    if isinstance(entry, list):
        return {prefix[:-1]: {str(len(entry))}}
    return {prefix[:-1]: {field for _, field, _, _ in string.Formatter().parse(str(entry)) if field}}


def test_catalogues_have_the_same_keys_and_placeholders():
    dutch, english = (keys(catalogue(language).strings) for language in LANGUAGES)
    assert dutch == english


def test_numbers_and_dates_follow_the_language():
    nl, en = catalogue("nl"), catalogue("en")
    assert (nl.number(12345), en.number(12345)) == ("12.345", "12,345")
    assert nl.period("2024-03-01", "2024-05-31") == "1 maart 2024 – 31 mei 2024"
    assert en.date("2024-03-01") == "1 March 2024"
    assert (nl.pages([3, 4]), en.pages([3, 4]), en.pages([3])) == ("p. 3–4", "pp. 3–4", "p. 3")
    assert nl.text("history.title", count=3, first="2023", last="2025") == "Geschiedenis van 3 edities, 2023–2025"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_a_bar_on_a_terminal_and_lines_elsewhere(monkeypatch):
    for stream, bar in ((io.StringIO(), False), (Terminal(), True)):
        monkeypatch.setattr("sys.stderr", stream)
        progress = Progress(2, "store")
        progress.done("[1/2] a.json")
        progress.done(None, "b.pdf: not a PDF file")
        progress.close()
        output = stream.getvalue()
        assert "error: b.pdf: not a PDF file\n" in output
        assert ("[1/2] a.json\n" in output) is not bar and ("file/s" in output) is bar
