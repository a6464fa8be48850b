"""Commissions: those the text names, and which commission handles each theme (named, or by the theme map)."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.nlp.actors import CAPITAL_WORD
from pipeline.nlp.parsing import Owner, ParsedItem
from pipeline.programme import Commission, Edition, Programme
from pipeline.rules import CommissionRules
from pipeline.utils.text import slugify


@dataclass
class CommissionFinder:
    """Commissions by `rules/commissions.yml`: the name patterns and the editable theme map (an item
    analyser)."""

    rules: CommissionRules

    def __post_init__(self) -> None:
        names = "|".join(self.rules.name_patterns)
        self.mention_re = re.compile(rf"\b(?:{names})s? ((?:{CAPITAL_WORD})(?: (?:en |& )?{CAPITAL_WORD})*)")
        self.theme_re = re.compile(r"^(?:" + names + r")\s")

    def analyse_item(self, item: ParsedItem, edition: Edition) -> dict[str, str]:
        """The commissions an item names ("de commissies Diversiteit en Sociale Economie": two), by ID,
        each with the name it first has."""
        found: dict[str, str] = {}
        for match in self.mention_re.finditer(item.owner.text):
            plural = "commissies" in match.group(0)
            prefix = "Adviescommissie" if match.group(0).startswith("Adviescommissie") else "Commissie"
            for name in re.split(r"\s+(?:en|&)\s+", match.group(1)) if plural else [match.group(1)]:
                full = f"{prefix} {name.strip()}"
                found.setdefault(f"commission/{slugify(full)}", full)
        return found

    def record(self, programme: Programme, items: Sequence[Owner], found: Sequence[dict[str, str]]) -> None:
        """The commissions each item names, and the programme's commissions: those named, and who
        handles each theme (see `assign`)."""
        commissions: dict[str, Commission] = {}
        for owner, named in zip(items, found, strict=True):
            for commission_id, name in named.items():
                commissions.setdefault(commission_id, Commission(id=commission_id, name=name, assumed=False))
            owner.annotations.commissions = list(named)
        self.assign(programme, commissions)
        programme.commissions = sorted(commissions.values(), key=lambda c: c.id)

    def assign(self, programme: Programme, commissions: dict[str, Commission]) -> None:
        """Themes named after a commission are that commission; others follow the editable theme map."""
        for part in programme.parts:
            for theme in part.themes:
                if self.theme_re.match(theme.title):
                    commission_id = f"commission/{slugify(theme.title)}"
                    entry = commissions.setdefault(
                        commission_id, Commission(id=commission_id, name=theme.title, assumed=False))
                    entry.assumed = False
                else:
                    words = set(re.findall(r"\w+", theme.title.lower()))
                    rule = next((r for r in self.rules.theme_map if words & set(r.words)), None)
                    if rule is None or part.number != 1:
                        continue
                    commission_id = f"commission/{slugify(rule.commission)}"
                    entry = commissions.setdefault(
                        commission_id, Commission(id=commission_id, name=rule.commission, assumed=True))
                theme.commission = commission_id
                entry.themes = sorted({*entry.themes, theme.id})
