"""The parser's output: frozen dataclasses, plain Python.

Line numbers are 1-based and inclusive and always refer to the source text given to
:func:`resultat.core.reportparse.parse_report`. ``raw`` fields hold the original OCR lines
(joined with "\\n"), ``title``/``heading``/``text`` fields the repaired Swedish.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

ITEM_KINDS = ("environment_factor", "activity", "arena", "sdg", "initiative")


@dataclass(frozen=True)
class Lines:
    first: int
    last: int

    def __contains__(self, other: "Lines") -> bool:
        return self.first <= other.first and other.last <= self.last


@dataclass(frozen=True)
class ParseWarning:
    line: int
    message: str  # Swedish: what and where


@dataclass(frozen=True)
class ParsedItem:
    kind: str  # one of ITEM_KINDS
    title: str  # repaired ("" for sdg items when only the number is given)
    text: str  # repaired, paragraphs separated by "\n\n"
    lines: Lines
    raw: str  # the original OCR lines
    sdg_goal: int | None = None
    sdg_target: str | None = None  # e.g. "9.5", "12.b"


@dataclass(frozen=True)
class ParsedBlock:
    area_codes: tuple[str, ...]  # one area, or two for a joint heading
    heading: str  # repaired heading as printed ("" if the block had none)
    text: str  # repaired body without the typed items; "### Heading", "- item" lines
    raw: str
    lines: Lines
    items: tuple[ParsedItem, ...]


@dataclass(frozen=True)
class ParsedSection:
    question: str
    lines: Lines
    blocks: tuple[ParsedBlock, ...]


@dataclass(frozen=True)
class ParsedChapter:
    code: str
    title: str
    lines: Lines
    sections: tuple[ParsedSection, ...]


@dataclass(frozen=True)
class ParsedContact:
    name: str
    title: str
    phone: str
    email: str
    chapter: str
    lines: Lines


@dataclass(frozen=True)
class FrontText:
    """A text outside the chapters (foreword, introduction, reading guide, contacts'
    introduction) as a PDF prints it: its heading, its paragraphs as markup ("text",
    "- item" lines, "1. item" lines) and, for a foreword, the signature under it."""

    title: str
    lines: Lines
    paragraphs: tuple[str, ...]
    signature: str = ""


@dataclass(frozen=True)
class ParsedReport:
    source: str
    year: int
    chapters: tuple[ParsedChapter, ...]
    contacts: tuple[ParsedContact, ...]
    warnings: tuple[ParseWarning, ...]
    #: the texts outside the chapters, by heading (read from a PDF; the OCR path takes
    #: them by line range from the front-matter file instead)
    front: tuple[FrontText, ...] = ()

    def counts(self) -> dict:
        """Per chapter code: sections, blocks, items by kind; plus "totals".

        ``{"p-1": {"sections": 8, "blocks": 24, "items": {"activity": 12, ...}}, ...,
        "totals": {"chapters": 7, "sections": 56, "blocks": ..., "areas": 22,
        "items": {...}, "contacts": 18, "warnings": ...}}``
        """
        out: dict = {}
        total_items: Counter = Counter()
        areas: set[str] = set()
        sections = blocks = 0
        for ch in self.chapters:
            items: Counter = Counter()
            nblocks = 0
            for sec in ch.sections:
                nblocks += len(sec.blocks)
                for block in sec.blocks:
                    areas.update(block.area_codes)
                    items.update(it.kind for it in block.items)
            out[ch.code] = {
                "sections": len(ch.sections),
                "blocks": nblocks,
                "items": {k: items.get(k, 0) for k in ITEM_KINDS},
            }
            sections += len(ch.sections)
            blocks += nblocks
            total_items.update(items)
        out["totals"] = {
            "chapters": len(self.chapters),
            "sections": sections,
            "blocks": blocks,
            "areas": len(areas),
            "items": {k: total_items.get(k, 0) for k in ITEM_KINDS},
            "contacts": len(self.contacts),
            "warnings": len(self.warnings),
        }
        return out


class ReportParseError(ValueError):
    """The text is not a report of this kind (nothing recoverable)."""

    def __init__(self, message: str, line: int = 0):
        super().__init__(message)
        self.message = message
        self.line = line

    def __str__(self) -> str:  # the lead formats "{path}:{exc.line}: {exc}"
        return self.message
