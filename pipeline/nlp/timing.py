"""Timing: Dutch periods and dates ("begin 2024", "eerste helft 2024", "15 maart 2024") as ISO ranges."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from pipeline.nlp.parsing import Owner, ParsedItem
from pipeline.programme import Edition, Programme, Timing
from pipeline.rules import NlpRules


def month_end(year: int, month: int) -> int:
    next_month = date(year + (month == 12), month % 12 + 1, 1)
    return (next_month - date(year, month, 1)).days


@dataclass
class TimingFinder:
    """Dutch periods and dates → ISO start and end dates (an item analyser)."""

    rules: NlpRules

    def __post_init__(self) -> None:
        months = "|".join(self.rules.months)
        periods = "|".join(map(re.escape, sorted(self.rules.year_periods, key=len, reverse=True)))
        parts = "|".join(map(re.escape, sorted(self.rules.month_parts, key=len, reverse=True)))
        self.date_re = re.compile(rf"\b(\d{{1,2}})\s+({months})\s+(\d{{4}})\b", re.IGNORECASE)
        self.month_part_re = re.compile(rf"\b({parts})\s+({months})(?:\s+(\d{{4}}))?\b", re.IGNORECASE)
        self.month_re = re.compile(rf"(?<!\d\s)\b({months})\s+(\d{{4}})\b", re.IGNORECASE)
        self.period_re = re.compile(rf"\b({periods})\s+(?:van\s+)?(\d{{4}})\b", re.IGNORECASE)

    def month(self, name: str) -> int:
        return self.rules.months.index(name.lower()) + 1

    def analyse_item(self, item: ParsedItem, edition: Edition) -> list[Timing]:
        """The periods and dates of the item's text (without a year: the edition's)."""
        return self.find(item.owner.text, edition.year)

    def record(self, programme: Programme, items: Sequence[Owner], found: Sequence[list[Timing]]) -> None:
        for owner, timing in zip(items, found, strict=True):
            owner.annotations.timing = timing

    def find(self, text: str, default_year: int | None) -> list[Timing]:
        found: list[tuple[int, int, Timing]] = []

        def add(match: re.Match[str], start: date, end: date) -> None:
            if any(not (match.end() <= a or match.start() >= b) for a, b, _ in found):
                return
            found.append((match.start(), match.end(), Timing(phrase=match.group(0), start=start.isoformat(),
                                                              end=end.isoformat())))

        for m in self.date_re.finditer(text):
            year, month, day = int(m.group(3)), self.month(m.group(2)), int(m.group(1))
            if 1 <= day <= month_end(year, month):
                add(m, date(year, month, day), date(year, month, day))
        for m in self.month_part_re.finditer(text):
            year = int(m.group(3)) if m.group(3) else default_year
            if year is None:
                continue
            month = self.month(m.group(2))
            first, last = self.rules.month_parts[m.group(1).lower()]
            add(m, date(year, month, first), date(year, month, min(last, month_end(year, month))))
        for m in self.month_re.finditer(text):
            year, month = int(m.group(2)), self.month(m.group(1))
            add(m, date(year, month, 1), date(year, month, month_end(year, month)))
        for m in self.period_re.finditer(text):
            first, last = self.rules.year_periods[m.group(1).lower()]
            year = int(m.group(2))
            add(m, date.fromisoformat(f"{year}-{first}"), date.fromisoformat(f"{year}-{last}"))
        found.sort(key=lambda t: t[0])
        return combine_ranges(text, found)


def combine_ranges(text: str, found: list[tuple[int, int, Timing]]) -> list[Timing]:
    """Join "najaar 2023/voorjaar 2024" (two periods joined by / or -) into one range."""
    out: list[tuple[int, int, Timing]] = []
    for start, end, timing in found:
        if out and re.fullmatch(r"\s*[/–-]\s*|\s+tot\s+", text[out[-1][1]:start]):
            first_start, _, first = out[-1]
            out[-1] = (first_start, end, Timing(phrase=text[first_start:end], start=first.start, end=timing.end))
        else:
            out.append((start, end, timing))
    return [t for _, _, t in out]
