"""The report model: plain data classes for one edition of "Resultat <region> <år>".

Built from the database by ``resultat.reports.builder`` (or from frozen JSON) and handed to
the three renderers (``html``, ``pdf``, ``docx``). No Django import.

Texts of contributions are kept as sanitised HTML in the restricted schema of
``resultat.core.richtext``; the renderers convert them with ``blocks.html_to_blocks``.
Every heading has a stable ``id`` (anchor) derived from codes, not from positions, so links
into an edition keep working when an area is added.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import re
import typing
from dataclasses import dataclass, field

from resultat.core.report.profile import RegionProfile

SCHEMA_VERSION = 1

# Headings of the typed lists, as the 2025 edition prints them.
ITEM_HEADINGS = {
    "environment_factor": "Aktuella omvärldsfaktorer",
    "activity": "Exempel på aktiviteter",
    "arena": "Fasta samverkansytor",
    "sdg": "Aktuella Agenda 2030-mål",
    "initiative": "Ett urval av insatser",
}
ITEM_ORDER = ("environment_factor", "activity", "arena", "sdg", "initiative")


@dataclass
class Item:
    """A typed list item. For ``sdg``: ``goal`` (number), ``goal_name`` and ``target``;
    ``text`` is the justification."""

    kind: str
    title: str = ""
    text: str = ""
    goal: int | None = None
    goal_name: str = ""
    target: str = ""

    @property
    def label(self) -> str:
        """The item's printed title: for Agenda 2030 goals "Mål 9: Hållbar industri …"."""
        if self.kind == "sdg" and self.goal:
            label = f"Mål {self.goal}: {self.goal_name}".rstrip(": ")
            if self.target:
                label += f" (delmål {self.target})"
            return label
        return self.title


@dataclass
class ItemGroup:
    kind: str
    heading: str
    items: list[Item] = field(default_factory=list)


@dataclass
class AreaBlock:
    """One strategic area's (or, for a joint text, two areas') answer to a question."""

    id: str
    area_codes: list[str]
    area_names: list[str]
    body_html: str = ""
    groups: list[ItemGroup] = field(default_factory=list)
    #: the descriptive heading printed over the text in the original ("Omvärlden
    #: påverkar digitalisering"), shown under the area's name
    subtitle: str = ""

    @property
    def heading(self) -> str:
        return " och ".join(self.area_names)


@dataclass
class QuestionSection:
    id: str
    code: str
    title: str
    blocks: list[AreaBlock] = field(default_factory=list)


_NUMBER = re.compile(r"^[−+-]?\d[\d\u202f\u00a0 ]*(?:,\d+)?\s?%?$")


@dataclass
class Table:
    """A real table: a caption, column headings, rows of cell strings (first column is the
    row heading) and an optional note under it."""

    id: str
    caption: str
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)
    note: str = ""

    def numeric_columns(self) -> list[bool]:
        """For each column: True when every filled cell below the heading is a number
        ("10 519 349", "15,8", "–" for a missing value counts as filled by nothing);
        such columns are right-aligned in every format. The first column (the row
        heading) never is."""
        out = []
        for i in range(len(self.columns)):
            cells = [r[i].strip() for r in self.rows if i < len(r) and r[i].strip() not in ("", "–", "-", "..")]
            out.append(i > 0 and bool(cells) and all(_NUMBER.match(c) for c in cells))
        return out


@dataclass
class Chart:
    """A chart: a Vega-Lite spec (dict), its alt text, and the same data as a short table."""

    spec: dict
    alt: str
    table: Table


@dataclass
class IndicatorSection:
    """One indicator of a chapter's sub-priorities: chart, table, source and date,
    assessment. ``synthetic`` marks demo values ("Syntetiska demovärden")."""

    id: str
    title: str
    chart: Chart
    source: str
    date: str
    assessment: str = ""
    subpriority: str = ""
    synthetic: bool = False
    #: the figure's caption: what the chart shows, in words ("Västerbottens län 73, riket
    #: 46 (2025): bättre än riket."), from the values and the trend assessment; the alt
    #: text stays the chart's description
    finding: str = ""


def source_line(ind: "IndicatorSection") -> str:
    """"Källa: …, hämtad …": the date is added only when the source text lacks it."""
    source = ind.source.strip()
    if ind.date and ind.date not in source:
        source = f"{source.rstrip('.')}, {ind.date}"
    return source if source.lower().startswith("källa") else f"Källa: {source}"


@dataclass
class Chapter:
    id: str
    code: str
    title: str
    number: str = ""
    sections: list[QuestionSection] = field(default_factory=list)
    indicators: list[IndicatorSection] = field(default_factory=list)
    # What the indicator section lacks, e.g. indicators left out of a published edition
    # because they only have synthetic demo values.
    indicators_note: str = ""


@dataclass
class Contact:
    name: str
    title: str = ""
    phone: str = ""
    email: str = ""
    areas: list[str] = field(default_factory=list)


@dataclass
class ContactGroup:
    chapter_id: str
    chapter_title: str
    contacts: list[Contact] = field(default_factory=list)


@dataclass
class Annex:
    """Bilaga: the year's funding compilation (tables), the Agenda 2030 impact matrix and
    goal conflicts (målkonflikter), as paragraphs. ``notes`` are printed under the annex
    heading (what the register lacks, what is left out); ``synthetic`` marks demo values
    ("Syntetiska demovärden"), which a published edition never holds."""

    funding_tables: list[Table] = field(default_factory=list)
    impact_matrix: Table | None = None
    goal_conflicts: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    synthetic: bool = False

    def is_empty(self) -> bool:
        return not (self.funding_tables or self.impact_matrix or self.goal_conflicts or self.notes)


@dataclass
class PriorityOverview:
    number: str
    title: str
    subpriorities: list[str] = field(default_factory=list)


@dataclass
class StrategyOverview:
    name: str
    vision: str = ""
    goals: list[tuple[str, str]] = field(default_factory=list)
    perspectives: list[tuple[str, str]] = field(default_factory=list)
    priorities: list[PriorityOverview] = field(default_factory=list)
    closing: str = ""


@dataclass
class TextSection:
    """One of the edition's own texts before the chapters (the introduction's sections),
    as sanitised HTML; ``level`` 1 is a heading like a chapter's, 2 one below it."""

    id: str
    title: str
    level: int = 1
    body_html: str = ""


@dataclass
class Question:
    code: str
    title: str
    guidance: str = ""


@dataclass
class Report:
    title: str
    region: str
    year: int
    subtitle: str = ""
    foreword_html: str = ""
    foreword_signature: str = ""
    introduction: list[TextSection] = field(default_factory=list)
    reading_guide: str = ""
    questions: list[Question] = field(default_factory=list)
    strategy: StrategyOverview | None = None
    chapters: list[Chapter] = field(default_factory=list)
    annex: Annex = field(default_factory=Annex)
    contacts: list[ContactGroup] = field(default_factory=list)
    contacts_intro: str = ""
    slice: str = ""
    notes: list[str] = field(default_factory=list)
    #: name, logo, colours, fonts and imprint shared by the three formats
    profile: RegionProfile | None = None
    #: titles written in English (items, headings in texts, subtitles): marked lang="en"
    #: in every format (``language.mark_english``)
    english_titles: list[str] = field(default_factory=list)
    schema: int = SCHEMA_VERSION

    # -- navigation -----------------------------------------------------------------------

    def toc(self) -> list[tuple[int, str, str]]:
        """(level, anchor, title) for the table of contents, in reading order."""
        out: list[tuple[int, str, str]] = []
        if self.foreword_html:
            out.append((1, "forord", "Förord"))
        out += [(t.level, t.id, t.title) for t in self.introduction]
        if self.questions:
            out.append((1, "las-rapporten", "Hur ska rapporten läsas?"))
        if self.strategy:
            out.append((1, "strategin", "Strategin i korthet"))
        for ch in self.chapters:
            out.append((1, ch.id, ch.title))
            for s in ch.sections:
                out.append((2, s.id, s.title))
            if ch.indicators or ch.indicators_note:
                out.append((2, f"{ch.id}-indikatorer", "Indikatorer"))
        if not self.annex.is_empty():
            out.append((1, "bilaga", "Bilaga"))
        if self.contacts:
            out.append((1, "kontakt", "Kontakt för mer information"))
        return out

    def synthetic_parts(self) -> list[str]:
        """Where the report holds synthetic (demo) values: one line per chart or table."""
        out = [f"{ch.title}: indikatorn {ind.title!r}" for ch in self.chapters for ind in ch.indicators if ind.synthetic]
        if self.annex.synthetic:
            out.append("Bilagan: finansiering, påverkansmatris eller målkonflikter")
        return out

    # -- serialisation ----------------------------------------------------------------------

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)

    def to_json(self) -> str:
        """Canonical JSON (sorted keys, no whitespace variation): the basis of the hash."""
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> Report:
        return from_dict(cls, json.loads(text))

    def content_hash(self) -> str:
        return hashlib.sha256(self.to_json().encode("utf-8")).hexdigest()


def _build(tp, value):
    origin = typing.get_origin(tp)
    if value is None:
        return None
    if dataclasses.is_dataclass(tp):
        return from_dict(tp, value)
    if origin is list:
        (arg,) = typing.get_args(tp)
        return [_build(arg, v) for v in value]
    if origin is tuple:
        args = typing.get_args(tp)
        return tuple(_build(a, v) for a, v in zip(args, value, strict=True))
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return _build(args[0], value)
    return value


@functools.cache
def _fields(cls) -> tuple[dict, frozenset]:
    """A dataclass's resolved type hints and field names, worked out once per class
    (``get_type_hints`` for each of the 2025 edition's ~900 objects was most of reading it)."""
    return typing.get_type_hints(cls), frozenset(f.name for f in dataclasses.fields(cls))


def from_dict(cls, data: dict):
    """Rebuild a dataclass tree from ``dataclasses.asdict`` output; unknown keys are an error."""
    hints, names = _fields(cls)
    unknown = set(data) - names
    if unknown:
        raise ValueError(f"{cls.__name__}: okända fält {sorted(unknown)}")
    return cls(**{k: _build(hints[k], v) for k, v in data.items()})


_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    table = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u"})
    return _SLUG.sub("-", text.lower().translate(table)).strip("-") or "x"
