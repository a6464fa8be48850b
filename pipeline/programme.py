"""Pydantic models of the programme JSON: the contract with downstream tools.

`schema/programme.schema.json` is generated from `Programme` (`make schema`).
"""
from __future__ import annotations

from pathlib import Path

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
    nlp: Annotations | None = None


class Evidence(_Model):
    """Where an actor is named: the sentence and its page."""

    sentence: str
    page: int | None = None


class ActorMention(_Model):
    """An actor named in a dossier, request or intro, with how often and the first evidence."""

    actor: str = Field(description="ID of the actor in the programme's `actors`.")
    count: int
    evidence: Evidence


class Timing(_Model):
    """A period or date in the text, normalised to ISO dates, with the original phrase."""

    phrase: str
    start: str
    end: str


class Reference(_Model):
    """A pointer to another part, theme or dossier ("zie deel 2", a list naming dossiers)."""

    phrase: str
    target: str | None = Field(default=None, description="ID of the part, theme or dossier, when resolved.")
    target_type: str | None = None


class Annotations(_Model):
    """What the NLP stage found in a dossier, request or intro."""

    actors: list[ActorMention] = Field(default_factory=list)
    commissions: list[str] = Field(default_factory=list, description="IDs of commissions the text names.")
    topics: list[str] = Field(default_factory=list)
    keyphrases: list[str] = Field(default_factory=list)
    timing: list[Timing] = Field(default_factory=list)
    references: list[Reference] = Field(default_factory=list)


class Actor(_Model):
    """An organisation or office holder, one per actor with its aliases merged."""

    id: str
    name: str
    kind: str
    aliases: list[str] = Field(default_factory=list)
    known: bool = Field(description="Whether the actor gazetteer lists it (else found by generic detection).")
    mentions: int


class Commission(_Model):
    """A commission of the council, named in the text or assumed from `rules/commissions.yml`."""

    id: str
    name: str
    themes: list[str] = Field(default_factory=list, description="IDs of the themes it handles.")
    assumed: bool = Field(description="True when only the editable theme map says it handles the themes.")


class Topic(_Model):
    """A policy domain of the controlled vocabulary."""

    id: str
    label: str


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
    dossier: str | None = Field(default=None, description="ID of the dossier whose text the list stands in: headed "
                                "by a lead-in or a heading below the dossiers' level. Null for the theme's own lists.")
    follows: str | None = Field(default=None, description="For a theme's own list (`dossier` null): the dossier it "
                                "follows in reading order, which it need not be about.")
    instrument: str | None = Field(default=None, description="BVR, decreet, conceptnota, … where the text says.")
    nlp: Annotations | None = None
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
    nlp: Annotations | None = None


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
    commission: str | None = Field(default=None, description="ID of the commission that handles the theme.")
    nlp: Annotations | None = None


class Part(_Model):
    """A part (DEEL n) of the programme."""

    id: str
    number: int
    title: str
    pages: list[int]
    intro: str
    themes: list[Theme] = Field(default_factory=list)
    nlp: Annotations | None = None


class Programme(_Model):
    """A work programme extracted from one edition PDF."""

    schema_version: str = SCHEMA_VERSION
    edition: Edition
    front_matter: list[FrontMatter] = Field(default_factory=list)
    parts: list[Part] = Field(default_factory=list)
    engine: str | None = Field(default=None, description="The character source that read the PDF (pdfium or "
                                                          "pdfplumber).")
    nlp_model: str | None = Field(default=None, description="The Dutch pipeline the NLP stage used.")
    signals: list[str] = Field(default_factory=list, description="What told the headings apart: 'typography' "
                               "(always), 'outline' (the PDF's bookmarks) and 'tags' (the heading elements of a "
                               "tagged PDF's structure tree), each where it agrees with the text.")
    actors: list[Actor] = Field(default_factory=list)
    commissions: list[Commission] = Field(default_factory=list)
    topics: list[Topic] = Field(default_factory=list)

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


FrontMatter.model_rebuild()


class ProgrammeFileError(ValueError):
    """A programme JSON file that cannot be read, with the file and the reason."""


def read_programme(path: Path) -> Programme:
    """A programme from its JSON file; raises ProgrammeFileError with a one-line reason."""
    try:
        return Programme.model_validate_json(path.read_bytes())
    except FileNotFoundError:
        raise ProgrammeFileError(f"{path.name}: no such file") from None
    except (OSError, ValueError) as error:
        raise ProgrammeFileError(f"{path.name}: not a programme JSON ({str(error).splitlines()[0]})") from None
