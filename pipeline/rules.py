"""Load the document-type vocabulary and thresholds from `rules/*.yml`."""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict

from pipeline.resources import RULES_DIR


class _Rules(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LayoutRules(_Rules):
    """How pages are cut into words, segments, columns, blocks and list items."""

    word_gap: float
    line_end_hyphen_gap: float
    word_line_tolerance: float
    space_gap: float
    row_tolerance: float
    segment_gap: float
    justified_gap_ratio: float
    justified_stop_ratio: float
    justified_gap_max: float
    justified_edge: float
    channel_max_crossing: float
    channel_min_width: float
    channel_min_share: float
    channel_min_rows: int
    number_cell_gap: float
    letter_marker: str
    attached_number_marker: str
    attached_letter_marker: str
    small_capitals_ratio: tuple[float, float]
    small_capitals_gap: float
    small_capitals_rows: int
    size_jump: float
    size_jump_gap: float
    overprint_overlap: float
    gutter_min_width: float
    gutter_edge_tolerance: float
    gutter_min_segments_each_side: int
    gutter_min_pages: int
    gutter_max_overflow: float
    gutter_wide_line_share: float
    gutter_heading_size: float
    band_clearance: float
    section_clearance: float
    float_column_share: float
    float_top_tolerance: float
    body_min_letters: int
    paragraph_gap: float
    paragraph_gap_extra: float
    line_gap_sample: tuple[float, float]
    same_size_points: float
    same_size_ratio: float
    emphasis_size_ratio: float
    hanging_indent_min: float
    indent_tolerance: float
    run_on_fill: float
    run_on_min_lines: int
    run_on_stretch: float
    page_foot_lines: float
    hyphen_piece_letters: int
    bullet_shape_max_size: float
    bullet_max_distance: float
    bullet_shape_overlap: float
    bullet_centre_tolerance: float
    bullet_glyphs: tuple[str, ...]
    bullet_fonts: tuple[str, ...]
    unmapped_glyph: str
    number_marker: str
    number_marker_gap: float
    outline_number: str
    furniture_margin: float
    furniture_min_pages: int
    furniture_small_size: float
    furniture_edge_share: float
    furniture_edge_gap: float
    page_number_line: str
    raised_marks: tuple[str, ...]
    raised_mark_gap: float
    raised_mark_overlap: float
    raised_mark_drop: float
    ambiguous_bullets: tuple[str, ...]
    ambiguous_bullet_gap: float
    dash_align_tolerance: float

    @property
    def number_re(self) -> re.Pattern[str]:
        return re.compile(self.number_marker)


class StructureRules(_Rules):
    """How styled blocks become parts, themes, dossiers and lists."""

    part_marker: str
    heading_min_relative_size: float
    heading_min_size_ratio: float
    outline_number: str
    heading_max_lines: int
    heading_max_words: int
    bold_share: float
    size_step_tolerance: float
    theme_over_dossier: float
    spearhead_marks: tuple[str, ...]
    outline_min_found: float
    outline_look_agreement: float
    advisory_list_heading: str
    mixed_list_words: tuple[str, ...]
    advisory_item: str
    lead_in_end: str
    list_caption_max_words: int

    @property
    def part_re(self) -> re.Pattern[str]:
        return re.compile(self.part_marker, re.IGNORECASE)

    @property
    def outline_re(self) -> re.Pattern[str]:
        return re.compile(self.outline_number)

    @property
    def spearhead_re(self) -> re.Pattern[str]:
        """A trailing spearhead mark, bare or in brackets, with the space before it."""
        marks = "".join(re.escape(mark) for mark in self.spearhead_marks)
        return re.compile(rf"\s*(?:\(\s*[{marks}]\s*\)|[{marks}])\s*$")


class TextRules(_Rules):
    """When line-break hyphens and in-word spaces are repaired."""

    vowel_clashes: tuple[str, ...]
    vowels: str
    diaeresis_vowels: str
    coordinated_adjective_endings: tuple[str, ...]
    compound_links: tuple[str, ...]
    compound_min_part: int
    single_letter_words: tuple[str, ...]


class KnownActor(_Rules):
    """One entry of the gazetteer (a name with a comma needs quotes, else YAML reads a second key)."""

    name: str
    kind: str
    aliases: tuple[str, ...] = ()


class ActorRules(_Rules):
    """`actors.yml`: the gazetteer and the words of generic actor detection."""

    kinds: dict[str, str]
    actors: tuple[KnownActor, ...]
    acronym_stoplist: tuple[str, ...]
    organisation_heads: tuple[str, ...]
    legal_forms: tuple[str, ...]
    office_titles: tuple[str, ...]
    organisation_words: tuple[str, ...]
    name_stop_words: tuple[str, ...]
    cue_phrases: tuple[str, ...]


class TopicTerms(_Rules):
    """A topic of the controlled vocabulary: its label and lemma keywords."""

    label: str
    keywords: tuple[str, ...]


class TopicRules(_Rules):
    """`topics.yml`: the controlled vocabulary and how many hits make a topic."""

    min_hits: int
    max_topics: int
    title_weight: int
    topics: dict[str, TopicTerms]


class ThemeCommission(_Rules):
    """A theme whose title holds one of `words` is handled by `commission` (an assumption)."""

    words: tuple[str, ...]
    commission: str


class CommissionRules(_Rules):
    """`commissions.yml`: how commissions are named, and the editable theme map."""

    name_patterns: tuple[str, ...]
    theme_map: tuple[ThemeCommission, ...]


class NlpRules(_Rules):
    """`nlp.yml` (the analysers in order, timing, references, instruments, keyphrases) with the
    vocabularies of `actors.yml`, `topics.yml` and `commissions.yml`."""

    analysers: tuple[str, ...]
    year_periods: dict[str, tuple[str, str]]
    month_parts: dict[str, tuple[int, int]]
    months: tuple[str, ...]
    reference_patterns: tuple[str, ...]
    list_reference_similarity: float
    list_reference_max_words: int
    instruments: dict[str, tuple[str, ...]]
    keyphrase_vague_words: frozenset[str]
    actors: ActorRules
    topics: TopicRules
    commissions: CommissionRules


class DiffRules(_Rules):
    """`diff.yml`: when items of two editions are the same one, and when a change is worth reporting."""

    dossier_weights: dict[str, float]
    dossier_match: float
    renamed_text: float
    dossier_modified_text: float
    request_weights: dict[str, float]
    request_match: float
    theme_title_match: float
    theme_dossier_overlap: float
    return_match: float


class Rules(_Rules):
    """All rule files of one rules folder: the extraction stages' read at once, the NLP stage's and the
    comparison's when first asked for (the page-reading processes are sent these rules; they need none
    of theirs)."""

    folder: Path
    layout: LayoutRules
    structure: StructureRules
    text: TextRules

    @property
    def nlp(self) -> NlpRules:
        return _nlp_rules(self.folder)

    @property
    def diff(self) -> DiffRules:
        return _diff_rules(self.folder)


# libyaml's parser when PyYAML has it (about ten times faster, the same data), else PyYAML's own.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path) -> Any:
    """The data of a YAML file, read the safe way."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER)


def _read(folder: Path, name: str) -> dict:
    return read_yaml(folder / f"{name}.yml") or {}


@cache
def load_rules(folder: Path = RULES_DIR) -> Rules:
    """Read and validate the rule files of `folder` (cached per folder)."""
    return Rules(
        folder=folder,
        layout=LayoutRules(**_read(folder, "layout")),
        structure=StructureRules(**_read(folder, "structure")),
        text=TextRules(**_read(folder, "text")),
    )


@cache
def _nlp_rules(folder: Path) -> NlpRules:
    return NlpRules(**_read(folder, "nlp"), actors=_read(folder, "actors"), topics=_read(folder, "topics"),
                    commissions=_read(folder, "commissions"))


@cache
def _diff_rules(folder: Path) -> DiffRules:
    return DiffRules(**_read(folder, "diff"))
