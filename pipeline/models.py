"""Pydantic models of the programme JSON: the contract with downstream tools.

`schema/programme.schema.json` is generated from `Programme` (`make schema`).
"""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1"
Pages = list[int]
Texts = list[str]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Source(_Model):
    """The PDF an edition was extracted from."""

    file: str = Field(description="File name of the PDF (without folder).")
    sha256: str = Field(description="SHA-256 of the PDF's bytes.")
    pages: int = Field(ge=0)


class Edition(_Model):
    """Which programme this is."""

    title: str
    year: int | None = None
    organisation: str | None = None
    source: Source


class FrontMatter(_Model):
    """A section before the first part (summary, introduction)."""

    title: str
    text: str
    pages: list[int]


class ListItem(_Model):
    """An item of a list that is not an advisory request (for example in a mixed list)."""

    text: str
    pages: Pages
    subitems: Texts = Field(default_factory=list)
    list: str = Field(description="The heading of the list the item stands in.")


class AdvisoryRequest(_Model):
    """An advisory request (adviesvraag) expected from the government."""

    id: str
    text: str
    pages: Pages
    subitems: Texts = Field(default_factory=list)
    dossier: str | None = Field(default=None, description="ID of the dossier the list stands under, if any.")
    list: str = Field(description="The heading of the list the request stands in.")


class Dossier(_Model):
    """A dossier of a theme; spearhead dossiers (speerpunten) carry an asterisk in print."""

    id: str
    number: int | None = None
    title: str
    spearhead: bool
    pages: list[int]
    text: str
    subs: list[str] = Field(default_factory=list, description="Sub-headings within the dossier.")


class Theme(_Model):
    """A theme of a part (in the part of autonomous commissions: a commission)."""

    id: str
    title: str
    pages: list[int]
    intro: str
    subs: list[str] = Field(default_factory=list, description="Sub-headings before the first dossier.")
    dossiers: list[Dossier] = Field(default_factory=list)
    advisory_requests: list[AdvisoryRequest] = Field(default_factory=list)
    other_items: list[ListItem] = Field(default_factory=list)


class Part(_Model):
    """A part (DEEL n) of the programme."""

    id: str
    number: int
    title: str
    pages: list[int]
    intro: str
    themes: list[Theme] = Field(default_factory=list)


class Programme(_Model):
    """A work programme extracted from one edition PDF."""

    schema_version: str = SCHEMA_VERSION
    edition: Edition
    front_matter: list[FrontMatter] = Field(default_factory=list)
    parts: list[Part] = Field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """How many parts, themes, dossiers, spearheads and advisory requests the programme holds."""
        themes = [t for p in self.parts for t in p.themes]
        dossiers = [d for t in themes for d in t.dossiers]
        return {
            "parts": len(self.parts),
            "themes": len(themes),
            "dossiers": len(dossiers),
            "spearheads": sum(d.spearhead for d in dossiers),
            "requests": sum(len(t.advisory_requests) for t in themes),
            "pages": self.edition.source.pages,
        }
