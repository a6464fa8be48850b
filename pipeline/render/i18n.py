"""The interface strings of the pages and reports, one YAML catalogue per language in `rules/i18n/`.

YAML rather than gettext: no compile step (.po → .mo), the strings are data
like the other rules and are read by the same loader.  The content of a
programme is never translated; numbers and dates follow the language.  The
module is light until a catalogue is read: the command line imports it.
"""
from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from pipeline.resources import RULES_DIR

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"


@dataclass(frozen=True)
class Catalogue:
    """One language's strings; `text("diff.title", old=..., new=...)` fills one in."""

    language: str
    strings: dict[str, Any]

    def text(self, key: str, **values: object) -> str:
        """The string at the dotted `key`, its {placeholders} filled (whole numbers written the language's way)."""
        entry: Any = self.strings
        for name in key.split("."):
            entry = entry[name]
        return entry.format(**{k: self.number(v) if isinstance(v, int) and not isinstance(v, bool) else v
                               for k, v in values.items()})

    def number(self, value: int) -> str:
        """A whole number with the language's thousands separator (1.234 in Dutch, 1,234 in English)."""
        return f"{value:,}".replace(",", self.strings["number"]["thousands"])

    def date(self, iso: str) -> str:
        """An ISO date as the language writes it: "1 maart 2024" / "1 March 2024"."""
        day = datetime.date.fromisoformat(iso)
        return f"{day.day} {self.strings['months'][day.month - 1]} {day.year}"

    def period(self, start: str, end: str) -> str:
        """A period from one ISO date to another (one date when they are the same day)."""
        return self.date(start) if start == end else f"{self.date(start)} – {self.date(end)}"

    def pages(self, pages: list[int]) -> str:
        """"p. 3" or "p. 3–4" (English "pp. 3–4")."""
        if pages[-1] == pages[0]:
            return self.text("pages", first=pages[0])
        return self.text("page_range", first=pages[0], last=pages[-1])

    def script_strings(self, section: str) -> str:
        """The strings of a page section as a JavaScript constant `TEXT` (safe inside a script element)."""
        data = {"lang": self.language, **self.strings[section]}
        return "const TEXT = " + json.dumps(data, ensure_ascii=False).replace("<", "\\u003c") + ";\n"


@cache
def catalogue(language: str = DEFAULT_LANGUAGE) -> Catalogue:
    """The catalogue of `language` (one of LANGUAGES); ValueError for another."""
    from pipeline.rules import read_yaml

    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r} (choose from {', '.join(LANGUAGES)})")
    return Catalogue(language, read_yaml(RULES_DIR / "i18n" / f"{language}.yml"))
