"""Commissions: those the text names, and which commission handles each theme (named, or by the theme map)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.nlp.actors import CAPITAL_WORD
from pipeline.nlp.parsing import Owner
from pipeline.programme import Commission, Programme
from pipeline.utils.text import slugify


@dataclass
class CommissionFinder:
    """`rules/commissions.yml`: the name patterns of commissions and the editable theme map."""

    rules: dict

    def __post_init__(self) -> None:
        names = "|".join(self.rules["name_patterns"])
        self.mention_re = re.compile(rf"\b(?:{names})s? ((?:{CAPITAL_WORD})(?: (?:en |& )?{CAPITAL_WORD})*)")
        self.theme_re = re.compile(r"^(?:" + names + r")\s")

    def annotate(self, owner: Owner, commissions: dict[str, Commission]) -> None:
        """Record the commissions an item names ("de commissies Diversiteit en Sociale Economie": two)."""
        found = []
        for match in self.mention_re.finditer(owner.text):
            plural = "commissies" in match.group(0)
            prefix = "Adviescommissie" if match.group(0).startswith("Adviescommissie") else "Commissie"
            for name in re.split(r"\s+(?:en|&)\s+", match.group(1)) if plural else [match.group(1)]:
                full = f"{prefix} {name.strip()}"
                commission_id = f"commission/{slugify(full)}"
                commissions.setdefault(commission_id, Commission(id=commission_id, name=full, assumed=False))
                if commission_id not in found:
                    found.append(commission_id)
        owner.annotations.commissions = found

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
                    rule = next((r for r in self.rules["theme_map"] if words & set(r["words"])), None)
                    if rule is None or part.number != 1:
                        continue
                    commission_id = f"commission/{slugify(rule['commission'])}"
                    entry = commissions.setdefault(
                        commission_id, Commission(id=commission_id, name=rule["commission"], assumed=True))
                theme.commission = commission_id
                entry.themes = sorted({*entry.themes, theme.id})
